//! Parsing conversion markup: variant codes, a construct's flags and its rule entries
//! (`zh-cn:计算机;zh-tw:電腦;`, `src=>zh-tw:dst;`), and the `from → to` pairs a rule gives
//! a variant.

use crate::Variant;

/// MediaWiki's variant codes are the [`Variant`]s and `zh`, the text as written (no
/// conversion), which is `None` here. `ORDER` is MediaWiki's table-building order: the
/// order in which a rule's pairs are added, so later ones win.
pub(super) const ORDER: [Option<Variant>; 9] = [
    None,
    Some(Variant::Hans),
    Some(Variant::Hant),
    Some(Variant::Cn),
    Some(Variant::Hk),
    Some(Variant::Mo),
    Some(Variant::My),
    Some(Variant::Sg),
    Some(Variant::Tw),
];

/// The position of `code` in [`ORDER`] (page rules are kept per code in that order).
pub(super) fn index(code: Option<Variant>) -> usize {
    match code {
        None => 0,
        Some(Variant::Hans) => 1,
        Some(Variant::Hant) => 2,
        Some(Variant::Cn) => 3,
        Some(Variant::Hk) => 4,
        Some(Variant::Mo) => 5,
        Some(Variant::My) => 6,
        Some(Variant::Sg) => 7,
        Some(Variant::Tw) => 8,
    }
}

/// MediaWiki's internal code, e.g. `zh-hant` (`zh` for `None`).
pub(super) fn internal(code: Option<Variant>) -> &'static str {
    code.map_or("zh", Variant::code)
}

/// The BCP-47 spelling, e.g. `zh-Hant-TW` (`zh` for `None`).
fn bcp47(code: Option<Variant>) -> &'static str {
    code.map_or("zh", Variant::bcp47)
}

/// The name MediaWiki shows for a code (`-{N|…}-`, `-{D|…}-`).
pub(super) fn name(code: Option<Variant>) -> &'static str {
    match code {
        None => "原文",
        Some(Variant::Hans) => "简体",
        Some(Variant::Hant) => "繁體",
        Some(Variant::Cn) => "大陆",
        Some(Variant::Tw) => "臺灣",
        Some(Variant::Hk) => "香港",
        Some(Variant::Mo) => "澳門",
        Some(Variant::Sg) => "新加坡",
        Some(Variant::My) => "大马",
    }
}

/// Validation spelling: internal or BCP-47 code in any letter case. `Some(None)` is `zh`.
pub(super) fn parse_code(s: &str) -> Option<Option<Variant>> {
    ORDER
        .iter()
        .copied()
        .find(|&c| internal(c).eq_ignore_ascii_case(s) || bcp47(c).eq_ignore_ascii_case(s))
}

/// Spelling that may start a new entry: exactly the internal or the BCP-47 code.
fn parse_code_exact(s: &str) -> Option<Option<Variant>> {
    ORDER
        .iter()
        .copied()
        .find(|&c| internal(c) == s || bcp47(c) == s)
}

/// MediaWiki's fallback chain of a code: where a value for it is looked for when a rule
/// has none of its own.
pub(super) fn fallbacks(code: Option<Variant>) -> &'static [Option<Variant>] {
    const HANS: Option<Variant> = Some(Variant::Hans);
    const HANT: Option<Variant> = Some(Variant::Hant);
    const CN: Option<Variant> = Some(Variant::Cn);
    const TW: Option<Variant> = Some(Variant::Tw);
    const HK: Option<Variant> = Some(Variant::Hk);
    const MO: Option<Variant> = Some(Variant::Mo);
    const SG: Option<Variant> = Some(Variant::Sg);
    const MY: Option<Variant> = Some(Variant::My);
    match code {
        None => &[HANS, HANT, CN, TW, HK, SG, MO, MY],
        Some(Variant::Hans) => &[CN, SG, MY],
        Some(Variant::Hant) => &[TW, HK, MO],
        Some(Variant::Cn) => &[HANS, SG, MY],
        Some(Variant::Sg) => &[MY, HANS, CN],
        Some(Variant::My) => &[SG, HANS, CN],
        Some(Variant::Tw) => &[HANT, HK, MO],
        Some(Variant::Hk) => &[MO, HANT, TW],
        Some(Variant::Mo) => &[HK, HANT, TW],
    }
}

/// Page rules with bidirectional entries reach only the regional variants.
fn bidirectional(code: Option<Variant>) -> bool {
    !matches!(code, None | Some(Variant::Hans | Variant::Hant))
}

/// Names MediaWiki shows for `-{N|code}-` beyond the Chinese variants.
pub(super) fn language_name(code: &str) -> Option<&'static str> {
    if let Some(c) = parse_code(code) {
        return Some(name(c));
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
    pub(super) filter: Vec<Option<Variant>>,
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
                if let Some(c) = parse_code(item) {
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
    pub(super) bi: Vec<(Option<Variant>, String)>,
    pub(super) uni: Vec<(String, Option<Variant>, String)>,
}

/// Whether a `;` after `before` closes an HTML entity (`&amp;`, `&#123;`): `before` ends
/// with `&` and a run of ASCII letters, digits or `#`. Only that run is read: searching
/// back for the last `&` read the whole body again for every `;` (issue 14 D5); the runs
/// before different `;` do not overlap, so a body's `;` cost linear time together.
fn closes_entity(before: &str) -> bool {
    let name = before.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '#');
    name.len() < before.len() && name.ends_with('&')
}

/// Whether a `;` at `at` may split entries: the rest starts with optional whitespace then
/// `CODE\s*:`, or `…=>\s*CODE\s*:` (no `;` in between), or is only whitespace.
fn splits_at(body: &str, at: usize) -> bool {
    // A `;` closing an HTML entity never splits.
    if closes_entity(&body[..at]) {
        return false;
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
        parse_code_exact(&s[..end]).is_some()
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
            let Some(code) = parse_code(trim_ascii(&left[arrow + 2..])) else {
                return Entries::default();
            };
            if !from.is_empty() {
                e.uni.push((from.to_string(), code, value));
            }
        } else {
            let Some(code) = parse_code(left) else {
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
pub(crate) fn rule_pairs(body: &str, target: Variant) -> Option<Vec<(String, String)>> {
    let e = parse_entries(body);
    if e.bi.is_empty() && e.uni.is_empty() {
        return None;
    }
    Some(target_pairs(&e, Some(target)))
}

pub(super) fn target_pairs(e: &Entries, t: Option<Variant>) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    if t.is_none() {
        return pairs;
    }
    if bidirectional(t) {
        // Each variant's value: its own entry, else the first fallback with a truthy value
        // (PHP: not empty, not "0").
        let own = |c: Option<Variant>| e.bi.iter().find(|(k, _)| *k == c).map(|(_, v)| v.as_str());
        let value = |c: Option<Variant>| -> Option<&str> {
            own(c).or_else(|| {
                fallbacks(c)
                    .iter()
                    .filter_map(|&f| own(f))
                    .find(|v| !v.is_empty() && *v != "0")
            })
        };
        if let Some(to) = value(t) {
            for w in ORDER {
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
        s.push_str(&format!("{}：{}；", name(*c), v));
    }
    for (from, c, to) in &e.uni {
        s.push_str(&format!("{from}⇒{}：{to}；", name(*c)));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::closes_entity;

    /// The same answer as searching back for the last `&` (the former way).
    #[test]
    fn entity_ends_as_before() {
        let last_amp = |before: &str| {
            before.rfind('&').is_some_and(|amp| {
                let ent = &before[amp + 1..];
                !ent.is_empty() && ent.chars().all(|c| c.is_ascii_alphanumeric() || c == '#')
            })
        };
        for before in [
            "",
            "&",
            "amp",
            "&amp",
            "x&amp",
            "&#123",
            "&#x4e2d",
            "& amp",
            "&a&b",
            "&a b",
            "a&",
            "&国",
            "&amp;",
            "&&",
            "#&#",
            "zh-hans:甲&amp",
            "&ａ",
        ] {
            assert_eq!(closes_entity(before), last_amp(before), "{before:?}");
        }
    }
}
