//! Property tests per structured format: for random documents of that format,
//!
//! * every byte outside the text spans is unchanged and each text span is converted as
//!   a whole (the generators build each document as syntax and text pieces, so the
//!   expected output is known byte for byte);
//! * the ASCII bytes outside `\uXXXX` escapes and the number of lines are unchanged;
//! * converting the output again changes nothing;
//! * the output still parses with a real parser of the format (dev-dependencies only:
//!   yaml-rust2, roxmltree, java-properties, polib, syn), with the same keys, element
//!   names, attributes, `msgid`s and identifiers, and each value converted.

use proptest::prelude::*;
use zhnorm::{Converter, DocumentOptions, Format, Lang, Markup, Variant};

const CASES: u32 = 96;

/// Words whose conversion differs between the variants, and some that do not change.
const WORDS: &[&str] = &[
    "软件", "头发", "后来", "台湾", "為", "打开", "文件", "鼠标", "發送", "设置", "網絡", "信息",
    "干净", "里面", "云", "雲", "测试", "中文", "繁體", "简体", "说明", "著名", "后面", "发现",
];

/// ASCII text that no format reads as syntax where the generators put it.
const ASCII: &[&str] = &["ok", " ", "v2", "A.b", "x-y", "(1)", "50%"];

fn converter(variant: usize) -> Converter {
    Converter::new([Variant::Tw, Variant::Hans, Variant::Hant][variant])
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(WORDS).prop_map(str::to_string)
}

/// Text starting with a CJK word, with ASCII between words, not ending in white space.
fn words() -> impl Strategy<Value = String> {
    (
        word(),
        prop::collection::vec((prop::sample::select(ASCII), word()), 0..3),
    )
        .prop_map(|(first, rest)| {
            let mut s = first;
            for (a, w) in rest {
                s.push_str(a);
                s.push_str(&w);
            }
            s
        })
}

/// One piece of a generated document.
#[derive(Clone, Debug)]
enum Piece {
    /// Kept byte for byte.
    Syntax(String),
    /// Converted (with its neighbouring text pieces) as a whole.
    Text(String),
    /// Text written with every character `\uXXXX`-escaped (upper-case hex or not): its
    /// conversion is written back escaped.
    Escaped(String, bool),
}

fn syn(s: impl Into<String>) -> Piece {
    Piece::Syntax(s.into())
}

fn text(s: impl Into<String>) -> Piece {
    Piece::Text(s.into())
}

fn escape(s: &str, upper: bool) -> String {
    let mut out = String::new();
    for ch in s.chars() {
        if ch.is_ascii() {
            out.push(ch);
            continue;
        }
        let mut units = [0u16; 2];
        for u in ch.encode_utf16(&mut units) {
            out.push_str(&if upper {
                format!("\\u{u:04X}")
            } else {
                format!("\\u{u:04x}")
            });
        }
    }
    out
}

/// The document as written.
fn render(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Syntax(s) | Piece::Text(s) => s.clone(),
            Piece::Escaped(s, upper) => escape(s, *upper),
        })
        .collect()
}

/// The document as converted: syntax kept, each run of text pieces converted as one span.
fn expected(c: &Converter, pieces: &[Piece]) -> String {
    let mut out = String::new();
    let mut run = String::new();
    let mut escaped: Option<bool> = None;
    let flush = |out: &mut String, run: &mut String, escaped: &mut Option<bool>| {
        let converted = c.convert(run).into_owned();
        match escaped.take() {
            Some(upper) => out.push_str(&escape(&converted, upper)),
            None => out.push_str(&converted),
        }
        run.clear();
    };
    for p in pieces {
        match p {
            Piece::Syntax(s) => {
                flush(&mut out, &mut run, &mut escaped);
                out.push_str(s);
            }
            Piece::Text(s) => {
                assert!(
                    escaped.is_none(),
                    "generator: raw text next to escaped text"
                );
                run.push_str(s);
            }
            Piece::Escaped(s, upper) => {
                assert!(
                    escaped.is_some() || run.is_empty(),
                    "generator: escaped text next to raw text"
                );
                escaped = Some(*upper);
                run.push_str(s);
            }
        }
    }
    flush(&mut out, &mut run, &mut escaped);
    out
}

fn document(c: &Converter, text: &str, format: Format) -> String {
    let doc = c.convert_document(
        text,
        DocumentOptions {
            format,
            markup: Markup::Source,
        },
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    doc.text
}

/// The ASCII characters of `s`, with `\uXXXX` escapes of non-ASCII characters left out.
fn ascii_outside_escapes(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 6 <= b.len() && matches!(b[i + 1], b'u' | b'U') {
            if let Some(u) = s
                .get(i + 2..i + 6)
                .and_then(|h| u16::from_str_radix(h, 16).ok())
            {
                if u >= 0x80 {
                    i += 6;
                    continue;
                }
            }
        }
        if b[i].is_ascii() {
            out.push(b[i] as char);
        }
        i += 1;
    }
    out
}

/// Whether `s` holds a `\uXXXX` escape of a non-ASCII character without hex letters.
fn has_digit_only_escape(s: &str) -> bool {
    s.match_indices("\\u").any(|(i, _)| {
        s.get(i + 2..i + 6)
            .is_some_and(|h| h.bytes().all(|b| b.is_ascii_digit()) && h >= "0080")
    })
}

/// `s` with the hex digits of its `\uXXXX` escapes in upper case.
fn upper_hex(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i + 2]);
        let n = (0..=4)
            .rev()
            .find(|&n| rest.is_char_boundary((i + 2 + n).min(rest.len())))
            .map_or(0, |n| n.min(rest.len() - i - 2));
        out.push_str(&rest[i + 2..i + 2 + n].to_ascii_uppercase());
        rest = &rest[i + 2 + n..];
    }
    out + rest
}

/// Converts `pieces` written in `format`; checks the output byte for byte, its ASCII and
/// lines, and that converting it again changes nothing. Returns (input, output).
fn convert_checked(c: &Converter, pieces: &[Piece], format: Format) -> (String, String) {
    let input = render(pieces);
    let out = document(c, &input, format);
    let want = expected(c, pieces);
    if has_digit_only_escape(&input) {
        // Reported defect: an escape written with digits only (`\u5934`, 头) has no case,
        // and its conversion (頭, U+982D) is written in lower case even when the span's
        // other escapes are upper case. Only here is the hex compared case-insensitively.
        assert_eq!(
            upper_hex(&out),
            upper_hex(&want),
            "{format} output\ninput:\n{input}"
        );
    } else {
        assert_eq!(out, want, "{format} output\ninput:\n{input}");
    }
    assert_eq!(
        ascii_outside_escapes(&out),
        ascii_outside_escapes(&input),
        "{format} ASCII"
    );
    assert_eq!(out.lines().count(), input.lines().count(), "{format} lines");
    for (a, b) in input.lines().zip(out.lines()) {
        assert_eq!(a.is_ascii(), b.is_ascii(), "{format}: {a:?} → {b:?}");
    }
    assert_eq!(document(c, &out, format), out, "{format} idempotent");
    (input, out)
}

/// What a value read by a parser becomes: its pieces between the characters that were
/// written as escapes (or entities) are converted, as the reader sees them.
fn split_convert(c: &Converter, s: &str, cuts: &[char]) -> String {
    let mut out = String::new();
    let mut piece = String::new();
    for ch in s.chars() {
        if cuts.contains(&ch) || ch.is_control() {
            out.push_str(&c.convert(&piece));
            piece.clear();
            out.push(ch);
        } else {
            piece.push(ch);
        }
    }
    out + &c.convert(&piece)
}

// ---------------------------------------------------------------------------------------
// YAML

#[derive(Clone, Debug)]
enum YScalar {
    Plain(String),
    /// Contents as written between single quotes (`''` for a quote).
    Single(String),
    /// Text and escapes (`\n`, `\"`, `\\`, `\t`) between double quotes.
    Double(Vec<(bool, String)>),
}

#[derive(Clone, Debug)]
enum YNode {
    Scalar(YScalar, Option<String>),
    Seq(Vec<(YScalar, Option<String>)>),
    Map(Vec<YNode>),
}

fn y_scalar() -> impl Strategy<Value = YScalar> {
    let esc = prop::sample::select(&["\\n", "\\\"", "\\\\", "\\t"][..]);
    prop_oneof![
        words().prop_map(YScalar::Plain),
        prop::collection::vec(
            prop_oneof![3 => words(), 1 => Just("''".to_string()), 1 => Just(" ".to_string())],
            1..4
        )
        .prop_map(|v| YScalar::Single(v.concat())),
        prop::collection::vec(
            prop_oneof![
                2 => words().prop_map(|w| (true, w)),
                1 => esc.prop_map(|e| (false, e.to_string()))
            ],
            1..5
        )
        .prop_map(YScalar::Double),
    ]
}

fn comment() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(0.3, words())
}

fn y_node() -> impl Strategy<Value = YNode> {
    let leaf = prop_oneof![
        3 => (y_scalar(), comment()).prop_map(|(s, c)| YNode::Scalar(s, c)),
        1 => prop::collection::vec((y_scalar(), comment()), 1..4).prop_map(YNode::Seq),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop::collection::vec(inner, 1..4).prop_map(YNode::Map)
    })
}

fn y_scalar_pieces(s: &YScalar, comment: &Option<String>, out: &mut Vec<Piece>) {
    match s {
        YScalar::Plain(t) => out.push(text(t)),
        YScalar::Single(t) => {
            out.push(syn("'"));
            out.push(text(t));
            out.push(syn("'"));
        }
        YScalar::Double(parts) => {
            out.push(syn("\""));
            for (is_text, p) in parts {
                out.push(if *is_text { text(p) } else { syn(p) });
            }
            out.push(syn("\""));
        }
    }
    if let Some(c) = comment {
        out.push(syn(" #"));
        out.push(text(format!(" {c}")));
    }
    out.push(syn("\n"));
}

/// Writes the entries of a mapping at `indent`; keys are CJK, unique, plain or quoted.
fn y_map_pieces(entries: &[YNode], indent: usize, depth: &mut usize, out: &mut Vec<Piece>) {
    let pad = " ".repeat(indent);
    for (i, node) in entries.iter().enumerate() {
        *depth += 1;
        let w = WORDS[(*depth * 7 + i) % WORDS.len()];
        let key = if i % 3 == 2 {
            format!("\"{w}{depth}\"")
        } else {
            format!("{w}{depth}")
        };
        match node {
            YNode::Scalar(s, c) => {
                out.push(syn(format!("{pad}{key}: ")));
                y_scalar_pieces(s, c, out);
            }
            YNode::Seq(items) => {
                out.push(syn(format!("{pad}{key}:\n")));
                for (s, c) in items {
                    out.push(syn(format!("{pad}  - ")));
                    y_scalar_pieces(s, c, out);
                }
            }
            YNode::Map(children) => {
                out.push(syn(format!("{pad}{key}:")));
                if i % 2 == 1 {
                    out.push(syn(" #"));
                    out.push(text(format!(" {w}")));
                }
                out.push(syn("\n"));
                if i % 2 == 0 {
                    out.push(syn(format!("{pad}  #")));
                    out.push(text(format!(" {w}说明")));
                    out.push(syn("\n"));
                }
                y_map_pieces(children, indent + 2, depth, out);
            }
        }
    }
}

fn yaml_doc() -> impl Strategy<Value = Vec<Piece>> {
    (prop::collection::vec(y_node(), 1..5), any::<bool>()).prop_map(|(entries, header)| {
        let mut out = Vec::new();
        if header {
            out.push(syn("#"));
            out.push(text(" 中文软件设置"));
            out.push(syn("\n---\n"));
        }
        let mut depth = 0;
        y_map_pieces(&entries, 0, &mut depth, &mut out);
        out
    })
}

/// `new` has the structure and keys of `old`, and each string value converted.
fn same_yaml(c: &Converter, old: &yaml_rust2::Yaml, new: &yaml_rust2::Yaml) {
    use yaml_rust2::Yaml;
    match (old, new) {
        (Yaml::Hash(a), Yaml::Hash(b)) => {
            assert_eq!(
                a.keys().collect::<Vec<_>>(),
                b.keys().collect::<Vec<_>>(),
                "keys changed"
            );
            for ((_, x), (_, y)) in a.iter().zip(b) {
                same_yaml(c, x, y);
            }
        }
        (Yaml::Array(a), Yaml::Array(b)) => {
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(b) {
                same_yaml(c, x, y);
            }
        }
        (Yaml::String(a), Yaml::String(b)) => {
            assert_eq!(b, &split_convert(c, a, &['"', '\\']), "{a}")
        }
        (a, b) => assert_eq!(a, b),
    }
}

// ---------------------------------------------------------------------------------------
// XML

/// Element content: text, `&amp;`, and inline `<b>…</b>`.
fn x_content() -> impl Strategy<Value = Vec<Piece>> {
    prop::collection::vec(
        prop_oneof![
            4 => words().prop_map(|w| vec![text(w)]),
            1 => Just(vec![syn("&amp;")]),
            1 => words().prop_map(|w| vec![syn("<b>"), text(w), syn("</b>")]),
        ],
        1..4,
    )
    .prop_map(|v| v.concat())
}

/// The same content, kept whole (an XLIFF `<source>`).
fn kept(pieces: Vec<Piece>) -> Piece {
    syn(render(&pieces))
}

fn android_doc() -> impl Strategy<Value = Vec<Piece>> {
    let entry = (
        0..3usize,
        word(),
        prop::option::of(word()),
        prop::collection::vec(x_content(), 1..3),
        prop::option::weighted(0.3, words()),
    );
    prop::collection::vec(entry, 1..6).prop_map(|entries| {
        let mut out = vec![syn(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- 软件的字符串 -->\n<resources>\n",
        )];
        for (i, (kind, name, attr, contents, note)) in entries.into_iter().enumerate() {
            if let Some(n) = note {
                out.push(syn(format!("    <!-- {n} -->\n")));
            }
            let attr = attr.map_or(String::new(), |a| {
                [
                    format!(" comment=\"{a}\""),
                    format!(" translatable=\"false\" description=\"{a}\""),
                ][i % 2]
                    .clone()
            });
            match kind {
                0 => {
                    out.push(syn(format!("    <string name=\"{name}{i}\"{attr}>")));
                    out.extend(contents[0].clone());
                    out.push(syn("</string>\n"));
                }
                1 => {
                    out.push(syn(format!(
                        "    <string-array name=\"{name}{i}\"{attr}>\n"
                    )));
                    for c in contents {
                        out.push(syn("        <item>"));
                        out.extend(c);
                        out.push(syn("</item>\n"));
                    }
                    out.push(syn("    </string-array>\n"));
                }
                _ => {
                    out.push(syn(format!("    <plurals name=\"{name}{i}\"{attr}>\n")));
                    for (c, q) in contents.into_iter().zip(["one", "other"]) {
                        out.push(syn(format!("        <item quantity=\"{q}\">")));
                        out.extend(c);
                        out.push(syn("</item>\n"));
                    }
                    out.push(syn("    </plurals>\n"));
                }
            }
        }
        out.push(syn("</resources>\n"));
        out
    })
}

fn xliff_doc() -> impl Strategy<Value = Vec<Piece>> {
    let unit = (word(), x_content(), x_content(), prop::option::of(words()));
    (word(), prop::collection::vec(unit, 1..5)).prop_map(|(file, units)| {
        let mut out = vec![syn(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" \
             xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n  <file original=\"{file}.txt\" \
             source-language=\"zh-CN\" target-language=\"zh-TW\" datatype=\"plaintext\">\n    <body>\n"
        ))];
        for (i, (id, source, target, note)) in units.into_iter().enumerate() {
            out.push(syn(format!(
                "      <trans-unit id=\"{id}{i}\" resname=\"{id}\">\n        <source>"
            )));
            out.push(kept(source));
            out.push(syn("</source>\n        <target state=\"translated\">"));
            out.extend(target);
            out.push(syn("</target>\n"));
            if let Some(n) = note {
                out.push(syn("        <note>"));
                out.push(text(n));
                out.push(syn("</note>\n"));
            }
            out.push(syn("      </trans-unit>\n"));
        }
        out.push(syn("    </body>\n  </file>\n</xliff>\n"));
        out
    })
}

/// Same elements, attributes and comments; text converted, but in `<source>`.
fn same_xml(c: &Converter, old: &str, new: &str) {
    let a = roxmltree::Document::parse(old).expect("input is XML");
    let b = roxmltree::Document::parse(new).expect("output is still XML");
    let (a, b): (Vec<_>, Vec<_>) = (a.descendants().collect(), b.descendants().collect());
    assert_eq!(a.len(), b.len(), "node count");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.node_type(), y.node_type());
        assert_eq!(x.tag_name(), y.tag_name());
        let attrs = |n: &roxmltree::Node| {
            n.attributes()
                .map(|a| (a.name().to_string(), a.value().to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(attrs(x), attrs(y), "attributes changed");
        if x.is_comment() {
            assert_eq!(x.text(), y.text(), "comment changed");
        }
        if x.is_text() {
            let (old, new) = (x.text().unwrap(), y.text().unwrap());
            if x.ancestors().any(|n| n.has_tag_name("source")) {
                assert_eq!(new, old, "<source> changed");
            } else {
                assert_eq!(new, split_convert(c, old, &['&']), "text node");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Java .properties

/// A piece of a value: raw text, `\uXXXX`-escaped CJK text, an escape kept as written, or
/// a line continuation.
#[derive(Clone, Debug)]
enum PVal {
    Raw(String),
    Escaped(String, bool),
    Escape(&'static str),
    Break(&'static str),
}

fn p_value() -> impl Strategy<Value = Vec<PVal>> {
    prop::collection::vec(
        prop_oneof![
            3 => words().prop_map(PVal::Raw),
            2 => (words(), any::<bool>()).prop_map(|(w, u)| PVal::Escaped(w, u)),
            1 => prop::sample::select(&["\\n", "\\t", "\\\\", "\\="][..]).prop_map(PVal::Escape),
            1 => prop::sample::select(&["\\\n    ", "\\\n", "\\\n\t"][..]).prop_map(PVal::Break),
        ],
        1..6,
    )
    .prop_map(|mut v| {
        // Raw and escaped text are never adjacent (each span is written one way), a
        // value starts and ends with text, and a continued line goes on with text.
        let mut out: Vec<PVal> = Vec::new();
        for p in v.drain(..) {
            let text = matches!(p, PVal::Raw(_) | PVal::Escaped(..));
            match (out.last(), &p) {
                (None, _) if !text => continue,
                (Some(PVal::Raw(_)), PVal::Escaped(..))
                | (Some(PVal::Escaped(..)), PVal::Raw(_)) => out.push(PVal::Escape("\\n")),
                (Some(PVal::Break(_)), _) if !text => continue,
                (Some(PVal::Escape(_) | PVal::Break(_)), PVal::Break(_)) => continue,
                // One escaped run is written in one case.
                (Some(PVal::Escaped(_, upper)), PVal::Escaped(w, _)) => {
                    let upper = *upper;
                    out.push(PVal::Escaped(w.clone(), upper));
                    continue;
                }
                _ => {}
            }
            out.push(p);
        }
        if matches!(out.last(), Some(PVal::Break(_))) {
            out.push(PVal::Raw("软件".into()));
        }
        out
    })
}

#[derive(Clone, Debug)]
enum PLine {
    Comment(&'static str, String),
    Entry(usize, String, &'static str, Vec<PVal>),
}

/// A `.properties` document, its keys as read, and each entry's value pieces.
type PropertiesCase = (Vec<Piece>, Vec<(String, String)>, Vec<Vec<PVal>>);

fn properties_doc() -> impl Strategy<Value = PropertiesCase> {
    let line = prop_oneof![
        1 => (prop::sample::select(&["#", "! ", "# "][..]), words())
            .prop_map(|(m, w)| PLine::Comment(m, w)),
        4 => (
            0..4usize,
            word(),
            prop::sample::select(&["=", " = ", ": ", ":", " ", "\t"][..]),
            p_value()
        )
            .prop_map(|(k, w, s, v)| PLine::Entry(k, w, s, v)),
    ];
    (prop::collection::vec(line, 1..8), any::<bool>()).prop_map(|(lines, crlf)| {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut out = Vec::new();
        let mut keys = Vec::new();
        let mut values = Vec::new();
        for (i, line) in lines.into_iter().enumerate() {
            match line {
                PLine::Comment(m, w) => out.push(syn(format!("{m}{w}{nl}"))),
                PLine::Entry(kind, w, sep, value) => {
                    // Written key, and the key as read.
                    let (written, read) = match kind {
                        0 => (format!("menu.item{i}"), format!("menu.item{i}")),
                        1 => (format!("{w}{i}"), format!("{w}{i}")),
                        2 => (escape(&format!("{w}{i}"), i % 2 == 0), format!("{w}{i}")),
                        _ => (format!("key\\ with\\={w}{i}"), format!("key with={w}{i}")),
                    };
                    out.push(syn(format!("{written}{sep}")));
                    for p in &value {
                        out.push(match p {
                            PVal::Raw(s) => text(s),
                            PVal::Escaped(s, u) => Piece::Escaped(s.clone(), *u),
                            PVal::Escape(e) => syn(*e),
                            PVal::Break(b) => syn(b.replace('\n', nl)),
                        });
                    }
                    out.push(syn(nl));
                    keys.push((read, String::new()));
                    values.push(value);
                }
            }
        }
        (out, keys, values)
    })
}

/// A value as read, converted: each text run between escapes and breaks converted.
fn p_expected(c: &Converter, value: &[PVal]) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for p in value {
        if let PVal::Raw(s) | PVal::Escaped(s, _) = p {
            run.push_str(s);
            continue;
        }
        out.push_str(&c.convert(&run));
        run.clear();
        match p {
            PVal::Raw(_) | PVal::Escaped(..) => {}
            PVal::Escape(e) => out.push(match *e {
                "\\n" => '\n',
                "\\t" => '\t',
                "\\\\" => '\\',
                _ => '=',
            }),
            PVal::Break(_) => {}
        }
    }
    out + &c.convert(&run)
}

fn read_properties(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    java_properties::PropertiesIter::new_with_encoding(text.as_bytes(), encoding_rs::UTF_8)
        .read_into(|k, v| pairs.push((k, v)))
        .expect("still .properties");
    pairs
}

// ---------------------------------------------------------------------------------------
// PO

fn po_string() -> impl Strategy<Value = Vec<Piece>> {
    prop::collection::vec(
        prop_oneof![
            3 => words().prop_map(text),
            1 => prop::sample::select(&["\\n", "\\\"", "\\\\", "\\t"][..]).prop_map(syn),
        ],
        1..5,
    )
}

#[derive(Clone, Debug)]
struct PoEntry {
    comments: Vec<(&'static str, String)>,
    context: Option<String>,
    msgid: String,
    /// `msgid_plural` and the plural translations, or the translation's lines.
    plural: Option<(String, Vec<Vec<Piece>>)>,
    lines: Vec<Vec<Piece>>,
}

fn po_entry() -> impl Strategy<Value = PoEntry> {
    (
        prop::collection::vec(
            (
                prop::sample::select(&["# ", "#. ", "#: src/", "#, "][..]),
                words(),
            ),
            0..3,
        ),
        prop::option::weighted(0.3, words()),
        words(),
        prop::option::weighted(0.3, (words(), prop::collection::vec(po_string(), 2..3))),
        prop::collection::vec(po_string(), 1..4),
    )
        .prop_map(|(comments, context, msgid, plural, lines)| PoEntry {
            comments: comments
                .into_iter()
                .map(|(m, w)| {
                    // Flags are ASCII words in real catalogues.
                    (m, if m == "#, " { "fuzzy".to_string() } else { w })
                })
                .collect(),
            context,
            msgid,
            plural,
            lines,
        })
}

/// A quoted PO string: the pieces, a `\n` ending every line but the last.
fn po_quoted(lines: &[Vec<Piece>], out: &mut Vec<Piece>) {
    if lines.len() > 1 {
        out.push(syn("\"\"\n"));
    }
    for (i, line) in lines.iter().enumerate() {
        out.push(syn("\""));
        out.extend(line.iter().cloned());
        out.push(syn(if i + 1 < lines.len() {
            "\\n\"\n"
        } else {
            "\"\n"
        }));
    }
}

fn po_doc() -> impl Strategy<Value = Vec<Piece>> {
    prop::collection::vec(po_entry(), 1..5).prop_map(|entries| {
        let mut out = vec![syn(
            "# 软件的中文翻译\nmsgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: 软件 1.0\\n\"\n\
             \"Language-Team: 中文（简体）\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\
             \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n",
        )];
        for (i, e) in entries.iter().enumerate() {
            out.push(syn("\n"));
            for (m, w) in &e.comments {
                out.push(syn(format!("{m}{w}\n")));
            }
            if let Some(ctx) = &e.context {
                out.push(syn(format!("msgctxt \"{ctx}\"\n")));
            }
            out.push(syn(format!("msgid \"{}{i}\"\n", e.msgid)));
            match &e.plural {
                Some((plural, forms)) => {
                    out.push(syn(format!("msgid_plural \"{plural}{i}\"\n")));
                    for (n, form) in forms.iter().enumerate() {
                        out.push(syn(format!("msgstr[{n}] ")));
                        po_quoted(std::slice::from_ref(form), &mut out);
                    }
                }
                None => {
                    out.push(syn("msgstr "));
                    po_quoted(&e.lines, &mut out);
                }
            }
        }
        out
    })
}

fn read_po(text: &str) -> polib::catalog::Catalog {
    polib::po_file::parse_from_reader(text.as_bytes()).expect("still PO")
}

// ---------------------------------------------------------------------------------------
// Rust

/// The contents of a string literal: words, cut by escapes (`\n`, `\"` …), which are
/// kept and cut the text as in JSON, YAML, `.properties` and PO strings (`"發送\n里面"`
/// gives 裡面 for Taiwan, as `"里面"` does).
fn rs_string() -> impl Strategy<Value = Vec<Piece>> {
    prop::collection::vec(
        prop_oneof![
            3 => words().prop_map(Ok),
            1 => prop::sample::select(&["\\n", "\\\"", "\\\\", "\\t"][..]).prop_map(Err),
        ],
        1..4,
    )
    .prop_map(|v| {
        let mut pieces = Vec::new();
        let mut run = String::new();
        for p in v {
            match p {
                Ok(w) => run += &w,
                Err(escape) => {
                    if !run.is_empty() {
                        pieces.push(text(std::mem::take(&mut run)));
                    }
                    pieces.push(syn(escape));
                }
            }
        }
        if !run.is_empty() {
            pieces.push(text(run));
        }
        pieces
    })
}

fn rs_stmt() -> impl Strategy<Value = Vec<Piece>> {
    let trailing = prop::option::weighted(0.3, words());
    prop_oneof![
        (word(), rs_string(), trailing).prop_map(|(id, s, t)| {
            let mut v = vec![syn(format!("    let {id} = \""))];
            v.extend(s);
            v.push(syn("\";"));
            if let Some(t) = t {
                v.push(syn(" //"));
                v.push(text(format!(" {t}")));
            }
            v.push(syn("\n"));
            v
        }),
        (word(), words(), 0..3usize).prop_map(|(id, s, h)| {
            let hashes = "#".repeat(h);
            let body = if h > 0 {
                format!("“{s}” \"{s}\"")
            } else {
                s
            };
            vec![
                syn(format!("    let {id} = r{hashes}\"")),
                text(body),
                syn(format!("\"{hashes};\n")),
            ]
        }),
        (word(), word()).prop_map(|(id, w)| {
            let ch = w.chars().next().unwrap();
            vec![syn(format!("    let {id}字 = '{ch}';\n"))]
        }),
        words().prop_map(|w| vec![syn("    /*"), text(format!(" {w} ")), syn("*/\n")]),
        words().prop_map(|w| vec![syn("    //"), text(format!(" {w}")), syn("\n")]),
        (word(), word()).prop_map(|(f, a)| vec![syn(format!("    {f}(&{a});\n"))]),
    ]
}

fn rust_doc() -> impl Strategy<Value = Vec<Piece>> {
    let item = (
        prop::collection::vec(words(), 0..3),
        word(),
        prop::collection::vec(rs_stmt(), 0..5),
    );
    (prop::option::of(words()), prop::collection::vec(item, 1..4)).prop_map(|(inner, items)| {
        let mut out = Vec::new();
        if let Some(w) = inner {
            out.extend([syn("//"), text(format!("! {w}")), syn("\n")]);
        }
        for (i, (docs, name, stmts)) in items.into_iter().enumerate() {
            for d in docs {
                out.extend([syn("//"), text(format!("/ {d}")), syn("\n")]);
            }
            out.push(syn(format!("fn {name}{i}() {{\n")));
            for s in stmts {
                out.extend(s);
            }
            out.push(syn("}\n"));
        }
        out
    })
}

/// The tokens of a Rust file, with string literals (doc comments too) read as values.
#[derive(Debug, PartialEq)]
enum Tok {
    Ident(String),
    Punct(char),
    Open(char),
    Close,
    Str(String),
    Lit(String),
}

fn tokens(stream: proc_macro2::TokenStream, out: &mut Vec<Tok>) {
    use proc_macro2::{Delimiter, TokenTree};
    for t in stream {
        match t {
            TokenTree::Ident(i) => out.push(Tok::Ident(i.to_string())),
            TokenTree::Punct(p) => out.push(Tok::Punct(p.as_char())),
            TokenTree::Group(g) => {
                out.push(Tok::Open(match g.delimiter() {
                    Delimiter::Parenthesis => '(',
                    Delimiter::Brace => '{',
                    Delimiter::Bracket => '[',
                    Delimiter::None => ' ',
                }));
                tokens(g.stream(), out);
                out.push(Tok::Close);
            }
            TokenTree::Literal(l) => out.push(match syn::parse_str::<syn::Lit>(&l.to_string()) {
                Ok(syn::Lit::Str(s)) => Tok::Str(s.value()),
                _ => Tok::Lit(l.to_string()),
            }),
        }
    }
}

fn rust_tokens(text: &str) -> Vec<Tok> {
    syn::parse_file(text).expect("still Rust");
    let mut out = Vec::new();
    tokens(text.parse().expect("still Rust tokens"), &mut out);
    out
}

// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    /// YAML: keys and structure stay, every scalar value is its conversion.
    #[test]
    fn yaml_documents(pieces in yaml_doc(), variant in 0..3usize) {
        let c = converter(variant);
        let (input, out) = convert_checked(&c, &pieces, Format::Yaml);
        let old = yaml_rust2::YamlLoader::load_from_str(&input).expect("input is YAML");
        let new = yaml_rust2::YamlLoader::load_from_str(&out).expect("output is still YAML");
        prop_assert_eq!(old.len(), new.len());
        for (a, b) in old.iter().zip(&new) {
            same_yaml(&c, a, b);
        }
    }

    /// Android `strings.xml`: names and attributes stay, text nodes are converted.
    #[test]
    fn android_xml_documents(pieces in android_doc(), variant in 0..3usize) {
        let c = converter(variant);
        let (input, out) = convert_checked(&c, &pieces, Format::Xml);
        same_xml(&c, &input, &out);
    }

    /// XLIFF: `<source>` stays, `<target>` and `<note>` are converted.
    #[test]
    fn xliff_documents(pieces in xliff_doc(), variant in 0..3usize) {
        let c = converter(variant);
        let (input, out) = convert_checked(&c, &pieces, Format::Xml);
        same_xml(&c, &input, &out);
    }

    /// `.properties`: keys stay, values are converted, escaped CJK stays escaped.
    #[test]
    fn properties_documents((pieces, keys, values) in properties_doc(), variant in 0..3usize) {
        let c = converter(variant);
        let (input, out) = convert_checked(&c, &pieces, Format::Properties);
        let old = read_properties(&input);
        let new = read_properties(&out);
        prop_assert_eq!(old.len(), keys.len());
        prop_assert_eq!(new.len(), keys.len());
        for (((k, _), (nk, _)), (want_key, _)) in old.iter().zip(&new).zip(&keys) {
            prop_assert_eq!(k, want_key);
            prop_assert_eq!(nk, k);
        }
        for ((_, nv), value) in new.iter().zip(&values) {
            prop_assert_eq!(nv, &p_expected(&c, value));
        }
    }

    /// PO: `msgctxt`, `msgid`, `msgid_plural`, comments and the header stay; every
    /// `msgstr` is converted.
    #[test]
    fn po_documents(pieces in po_doc(), variant in 0..3usize) {
        let c = converter(variant);
        let (input, out) = convert_checked(&c, &pieces, Format::Po);
        let (old, new) = (read_po(&input), read_po(&out));
        prop_assert_eq!(old.count(), new.count());
        prop_assert_eq!(&old.metadata, &new.metadata);
        let cuts = ['\n', '"', '\\', '\t'];
        for (a, b) in old.messages().zip(new.messages()) {
            prop_assert_eq!(a.msgctxt(), b.msgctxt());
            prop_assert_eq!(a.msgid(), b.msgid());
            prop_assert_eq!(a.translator_comments(), b.translator_comments());
            prop_assert_eq!(a.extracted_comments(), b.extracted_comments());
            prop_assert_eq!(a.source(), b.source());
            prop_assert_eq!(a.flags().iter().collect::<Vec<_>>(), b.flags().iter().collect::<Vec<_>>());
            if a.is_plural() {
                prop_assert_eq!(a.msgid_plural().unwrap(), b.msgid_plural().unwrap());
                let (x, y) = (a.msgstr_plural().unwrap(), b.msgstr_plural().unwrap());
                prop_assert_eq!(x.len(), y.len());
                for (x, y) in x.iter().zip(y) {
                    prop_assert_eq!(y, &split_convert(&c, x, &cuts));
                }
            } else {
                let (x, y) = (a.msgstr().unwrap(), b.msgstr().unwrap());
                prop_assert_eq!(y, split_convert(&c, x, &cuts));
            }
        }
    }

    /// Rust: the file still parses, identifiers and punctuation stay, string literals
    /// and doc comments are converted.
    #[test]
    fn rust_sources(pieces in rust_doc(), variant in 0..3usize) {
        let c = converter(variant);
        let (input, out) = convert_checked(&c, &pieces, Format::Code(Lang::Rust));
        let (old, new) = (rust_tokens(&input), rust_tokens(&out));
        prop_assert_eq!(old.len(), new.len());
        for (a, b) in old.iter().zip(&new) {
            match (a, b) {
                // Escaped strings are converted piece by piece (see `rs_string`): the
                // byte-exact check covers them.
                (Tok::Str(a), Tok::Str(b)) if !a.contains(['\n', '"', '\\', '\t']) => {
                    prop_assert_eq!(b, &c.convert(a));
                }
                (Tok::Str(_), Tok::Str(_)) => {}
                (a, b) => prop_assert_eq!(a, b),
            }
        }
    }
}
