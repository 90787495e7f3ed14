//! Parsing conversion markup: variant codes, a construct's flags and its rule entries
//! (`zh-cn:计算机;zh-tw:電腦;`, `src=>zh-tw:dst;`), and the `from → to` pairs a rule gives
//! a variant.

use crate::Variant;

/// MediaWiki variant codes, in MediaWiki's table-building order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Code {
    Zh,
    Hans,
    Hant,
    Cn,
    Hk,
    Mo,
    My,
    Sg,
    Tw,
}

pub(super) const CODES: [Code; 9] = [
    Code::Zh,
    Code::Hans,
    Code::Hant,
    Code::Cn,
    Code::Hk,
    Code::Mo,
    Code::My,
    Code::Sg,
    Code::Tw,
];

impl Code {
    pub(super) fn internal(self) -> &'static str {
        match self {
            Code::Zh => "zh",
            Code::Hans => "zh-hans",
            Code::Hant => "zh-hant",
            Code::Cn => "zh-cn",
            Code::Hk => "zh-hk",
            Code::Mo => "zh-mo",
            Code::My => "zh-my",
            Code::Sg => "zh-sg",
            Code::Tw => "zh-tw",
        }
    }

    pub(super) fn bcp47(self) -> &'static str {
        match self {
            Code::Zh => "zh",
            Code::Hans => "zh-Hans",
            Code::Hant => "zh-Hant",
            Code::Cn => "zh-Hans-CN",
            Code::Hk => "zh-Hant-HK",
            Code::Mo => "zh-Hant-MO",
            Code::My => "zh-Hans-MY",
            Code::Sg => "zh-Hans-SG",
            Code::Tw => "zh-Hant-TW",
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Code::Zh => "原文",
            Code::Hans => "简体",
            Code::Hant => "繁體",
            Code::Cn => "大陆",
            Code::Tw => "臺灣",
            Code::Hk => "香港",
            Code::Mo => "澳門",
            Code::Sg => "新加坡",
            Code::My => "大马",
        }
    }

    /// Validation spelling: internal or BCP-47 code in any letter case.
    pub(super) fn parse_loose(s: &str) -> Option<Code> {
        CODES
            .iter()
            .copied()
            .find(|c| c.internal().eq_ignore_ascii_case(s) || c.bcp47().eq_ignore_ascii_case(s))
    }

    /// Spelling that may start a new entry: exactly the internal or the BCP-47 code.
    fn parse_exact(s: &str) -> Option<Code> {
        CODES
            .iter()
            .copied()
            .find(|c| c.internal() == s || c.bcp47() == s)
    }

    pub(super) fn fallbacks(self) -> &'static [Code] {
        use Code::*;
        match self {
            Zh => &[Hans, Hant, Cn, Tw, Hk, Sg, Mo, My],
            Hans => &[Cn, Sg, My],
            Hant => &[Tw, Hk, Mo],
            Cn => &[Hans, Sg, My],
            Sg => &[My, Hans, Cn],
            My => &[Sg, Hans, Cn],
            Tw => &[Hant, Hk, Mo],
            Hk => &[Mo, Hant, Tw],
            Mo => &[Hk, Hant, Tw],
        }
    }

    /// Page rules with bidirectional entries reach only the regional variants.
    pub(super) fn bidirectional(self) -> bool {
        !matches!(self, Code::Zh | Code::Hans | Code::Hant)
    }

    pub(crate) fn of(v: Variant) -> Code {
        match v {
            Variant::Hans => Code::Hans,
            Variant::Hant => Code::Hant,
            Variant::Cn => Code::Cn,
            Variant::Tw => Code::Tw,
            Variant::Hk => Code::Hk,
            Variant::Mo => Code::Mo,
            Variant::Sg => Code::Sg,
            Variant::My => Code::My,
        }
    }

    pub(super) fn variant(self) -> Option<Variant> {
        Some(match self {
            Code::Zh => return None,
            Code::Hans => Variant::Hans,
            Code::Hant => Variant::Hant,
            Code::Cn => Variant::Cn,
            Code::Tw => Variant::Tw,
            Code::Hk => Variant::Hk,
            Code::Mo => Variant::Mo,
            Code::Sg => Variant::Sg,
            Code::My => Variant::My,
        })
    }
}

/// Names MediaWiki shows for `-{N|code}-` beyond the Chinese variants.
pub(super) fn language_name(code: &str) -> Option<&'static str> {
    if let Some(c) = Code::parse_loose(code) {
        return Some(c.name());
    }
    Some(match code.to_ascii_lowercase().as_str() {
        "en" => "English",
        "sr" => "српски / srpski",
        "sr-ec" | "sr-cyrl" => "српски (ћирилица)",
        "sr-el" | "sr-latn" => "srpski (latinica)",
        _ => return None,
    })
}

/// Effective flags of a construct.
#[derive(Default)]
pub(super) struct Flags {
    pub(super) raw: bool,
    pub(super) name: bool,
    pub(super) remove: bool,
    pub(super) add: bool,
    pub(super) describe: bool,
    pub(super) title: bool,
    /// Variant filter: the listed codes in written order.
    pub(super) filter: Vec<Code>,
    /// Display-affecting flags in evaluation order (see `display`).
    pub(super) order: Vec<u8>,
}

pub(super) fn trim_ascii(s: &str) -> &str {
    s.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\r' | '\n' | '\0' | '\x0B'))
}

pub(super) fn parse_flags(part: &str) -> Flags {
    let mut written: Vec<&str> = Vec::new();
    let mut codes = Vec::new();
    for item in part.split(';') {
        let item = trim_ascii(item);
        match item {
            "A" | "T" | "R" | "D" | "-" | "H" | "N" => written.push(item),
            _ => {
                if let Some(c) = Code::parse_loose(item) {
                    codes.push(c);
                }
            }
        }
    }
    let has = |f: &str| written.contains(&f);
    let mut fl = Flags::default();
    if written.is_empty() && codes.is_empty() {
        fl.order = vec![b'S'];
    } else if has("R") {
        fl.raw = true;
        fl.order = vec![b'R'];
    } else if has("N") {
        fl.name = true;
        fl.order = vec![b'N'];
    } else if has("-") {
        fl.remove = true;
        fl.order = vec![b'-'];
    } else if written == ["T"] && codes.is_empty() {
        // The spec reads "exactly T → T + H", but upstream (parserTests "Adding explicit
        // conversion rule for title (T flag)") shows a lone T changes no table.
        fl.title = true;
        fl.order = vec![b'T'];
    } else if has("H") {
        fl.add = true;
        fl.title = has("T");
        fl.describe = has("D");
        fl.order = vec![b'+', b'H'];
        if fl.title {
            fl.order.push(b'T');
        }
        if fl.describe {
            fl.order.push(b'D');
        }
    } else if !codes.is_empty() {
        fl.filter = codes;
    } else {
        let mut order: Vec<u8> = written.iter().map(|f| f.as_bytes()[0]).collect();
        fl.add = has("A");
        fl.describe = has("D");
        fl.title = has("T");
        if fl.add {
            order.push(b'+');
        }
        if !fl.describe {
            order.push(b'S');
        }
        fl.order = order;
    }
    fl
}

/// Parsed entries of a rule body.
#[derive(Default)]
pub(super) struct Entries {
    pub(super) bi: Vec<(Code, String)>,
    pub(super) uni: Vec<(String, Code, String)>,
}

/// Whether a `;` at `at` may split entries: the rest starts with optional whitespace then
/// `CODE\s*:`, or `…=>\s*CODE\s*:` (no `;` in between), or is only whitespace.
fn splits_at(body: &str, at: usize) -> bool {
    let before = &body[..at];
    // A `;` closing an HTML entity never splits.
    if let Some(amp) = before.rfind('&') {
        let ent = &before[amp + 1..];
        if !ent.is_empty() && ent.chars().all(|c| c.is_ascii_alphanumeric() || c == '#') {
            return false;
        }
    }
    let rest = body[at + 1..].trim_start_matches(|c: char| c.is_ascii_whitespace());
    if rest.is_empty() {
        return true;
    }
    let starts_code = |s: &str| -> bool {
        let s = s.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let end = s
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(s.len());
        Code::parse_exact(&s[..end]).is_some()
            && s[end..]
                .trim_start_matches(|c: char| c.is_ascii_whitespace())
                .starts_with(':')
    };
    if starts_code(rest) {
        return true;
    }
    let upto = rest.find(';').unwrap_or(rest.len());
    match rest[..upto].find("=>") {
        Some(p) => starts_code(&rest[p + 2..]),
        None => false,
    }
}

pub(super) fn parse_entries(body: &str) -> Entries {
    let body = body.replace("=&gt;", "=>");
    let mut pieces = Vec::new();
    let mut start = 0;
    for (i, _) in body.match_indices(';') {
        if splits_at(&body, i) {
            pieces.push(&body[start..i]);
            start = i + 1;
        }
    }
    pieces.push(&body[start..]);
    let mut e = Entries::default();
    for piece in pieces {
        let Some(colon) = piece.find(':') else {
            continue;
        };
        let left = trim_ascii(&piece[..colon]);
        let value = trim_ascii(&piece[colon + 1..]).to_string();
        if let Some(arrow) = left.find("=>") {
            let from = trim_ascii(&left[..arrow]);
            let Some(code) = Code::parse_loose(trim_ascii(&left[arrow + 2..])) else {
                return Entries::default();
            };
            if !from.is_empty() {
                e.uni.push((from.to_string(), code, value));
            }
        } else {
            let Some(code) = Code::parse_loose(left) else {
                return Entries::default();
            };
            if !value.is_empty() {
                e.bi.push((code, value));
            }
        }
    }
    e
}

/// The `from → to` pairs a MediaWiki rule body (`zh-cn:计算机;zh-tw:電腦;`,
/// `src=>zh-tw:dst;`) gives `target`, as an H rule would; `None` if the body has no valid entry.
pub(crate) fn rule_pairs(body: &str, target: Code) -> Option<Vec<(String, String)>> {
    let e = parse_entries(body);
    if e.bi.is_empty() && e.uni.is_empty() {
        return None;
    }
    Some(target_pairs(&e, target))
}

pub(super) fn target_pairs(e: &Entries, t: Code) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    if t == Code::Zh {
        return pairs;
    }
    if t.bidirectional() {
        // Each variant's value: its own entry, else the first fallback with a truthy value
        // (PHP: not empty, not "0").
        let own = |c: Code| e.bi.iter().find(|(k, _)| *k == c).map(|(_, v)| v.as_str());
        let value = |c: Code| -> Option<&str> {
            own(c).or_else(|| {
                c.fallbacks()
                    .iter()
                    .filter_map(|&f| own(f))
                    .find(|v| !v.is_empty() && *v != "0")
            })
        };
        if let Some(to) = value(t) {
            for w in CODES {
                if let Some(from) = value(w) {
                    pairs.push((from.to_string(), to.to_string()));
                }
            }
        }
    }
    // Unidirectional entries come last so they win over the rule's pairs.
    for (from, code, to) in &e.uni {
        if *code == t {
            pairs.push((from.clone(), to.clone()));
        }
    }
    pairs.retain(|(from, _)| !from.is_empty());
    pairs
}

pub(super) fn describe(e: &Entries) -> String {
    let mut s = String::new();
    for (c, v) in &e.bi {
        s.push_str(&format!("{}：{}；", c.name(), v));
    }
    for (from, c, to) in &e.uni {
        s.push_str(&format!("{from}⇒{}：{to}；", c.name()));
    }
    s
}
