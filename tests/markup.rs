//! Conversion markup and formats: the real article, adversarial inputs, formats.

mod streams;
use streams::Streams;

use std::path::PathBuf;
use std::time::Instant;

use zhnorm::{script_counts, Converter, DocumentOptions, Format, Markup, Variant};

fn doc(v: Variant, format: Format, text: &str) -> zhnorm::Document {
    Converter::new(v).convert_document(
        text,
        DocumentOptions {
            format,
            ..Default::default()
        },
    )
}

fn md(v: Variant, text: &str) -> String {
    doc(v, Format::Markdown, text).text
}

fn plain(v: Variant, text: &str) -> String {
    doc(v, Format::Plain, text).text
}

/// Markdown link destinations `](…)` in order.
fn destinations(text: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut from = 0;
    while let Some(i) = text[from..].find("](") {
        let start = from + i + 2;
        let end = text[start..].find(')').map_or(text.len(), |e| start + e);
        out.push(&text[start..end]);
        from = end;
    }
    out
}

/// The text with link destinations and URLs removed: what a reader sees as prose.
fn prose(text: &str) -> String {
    let mut s = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        s.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        rest = after.find(')').map_or("", |e| &after[e + 1..]);
    }
    s.push_str(rest);
    s.split_whitespace()
        .filter(|w| !w.contains("://"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn wic_article_normalizes_cleanly_to_every_target() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/article/wic-article.md");
    let input = std::fs::read_to_string(path).unwrap();
    assert!(input.contains("-{"));
    for v in [Variant::Hans, Variant::Hant, Variant::Tw, Variant::Cn] {
        let d = doc(v, Format::Markdown, &input);
        let out = &d.text;
        assert!(
            !out.contains("-{") && !out.contains("}-"),
            "{v}: markup left"
        );
        assert_eq!(
            destinations(out),
            destinations(&input),
            "{v}: a link destination changed"
        );
        let counts = script_counts(&prose(out));
        let other = if v.is_traditional() {
            counts.simplified
        } else {
            counts.traditional
        };
        assert_eq!(
            other, 0,
            "{v}: characters of the other script left in the prose"
        );
        // Idempotence. For tw the article itself blocks Taiwan vocabulary in two places
        // (an explicit `zh-hant:國家互聯網信息辦公室` value and a `网-{}-络` word break); a
        // second pass cannot see that markup any more, so it is checked without vocabulary.
        let again = if v == Variant::Tw {
            Converter::builder(v)
                .idioms(false)
                .build()
                .convert_document(
                    out,
                    DocumentOptions {
                        format: Format::Markdown,
                        ..Default::default()
                    },
                )
                .text
        } else {
            md(v, out)
        };
        assert!(
            again == *out,
            "{v}: normalizing the output again changes it"
        );
        assert!(d.warnings.is_empty(), "{v}: {:?}", d.warnings);
    }
}

#[test]
fn markdown_verbatim_zones() {
    let input = "# 标题\n\n[链接文字](../Page/国家.md \"wikilink\") <https://例子.org/国> `代码 国` \
                 详见https://example.org/a/国，国\n\n```\n国家\n```\n\n    缩进的国\n\n<span title=\"国\">国</span><!-- 国 -->\n\n| 表 | 格 |\n|---|---|\n| 国 | *强调* |\n";
    let expected = "# 標題\n\n[鏈接文字](../Page/国家.md \"wikilink\") <https://例子.org/国> `代码 国` \
                    詳見https://example.org/a/国，國\n\n```\n国家\n```\n\n    缩进的国\n\n<span title=\"國\">國</span><!-- 国 -->\n\n| 表 | 格 |\n|---|---|\n| 國 | *強調* |\n";
    assert_eq!(md(Variant::Hant, input), expected);
}

#[test]
fn markup_in_link_text_and_next_to_urls() {
    assert_eq!(
        md(
            Variant::Hant,
            "[-{zh-hans:国家;zh-hant:國家;}-](../Page/国家.md \"wikilink\")"
        ),
        "[國家](../Page/国家.md \"wikilink\")"
    );
    assert_eq!(
        md(
            Variant::Hans,
            "https://a.org/國 -{zh-hans:国;zh-hant:國}-國"
        ),
        "https://a.org/國 国国"
    );
    assert_eq!(
        md(
            Variant::Hans,
            "（https://a.org/國）-{zh-hans:国;zh-hant:國}-"
        ),
        "（https://a.org/國）国"
    );
    // Markup inside a URL or inline code is not interpreted.
    assert_eq!(
        md(Variant::Hans, "`-{國}-` https://a.org/-{國}-"),
        "`-{國}-` https://a.org/-{國}-"
    );
}

/// Issue 11: a URL written inside `-{ }-` is kept raw, and the text after the construct
/// is still converted (the URL ends at the `}-` closing the construct).
#[test]
fn url_inside_markup_ends_at_the_construct() {
    for format in [Format::Plain, Format::Wikitext, Format::Markdown] {
        let d = doc(
            Variant::Hant,
            format,
            "-{https://zh.wikipedia.org/wiki/国}-国",
        );
        assert_eq!(d.text, "https://zh.wikipedia.org/wiki/国國", "{format:?}");
        assert!(d.warnings.is_empty(), "{format:?}: {:?}", d.warnings);
        assert_eq!(
            doc(Variant::Hans, format, "見-{R|http://a.org/國}-國家").text,
            "见http://a.org/國国家",
            "{format:?}"
        );
    }
    assert_eq!(
        plain(
            Variant::Hant,
            "-{zh-hans:https://a.org/国;zh-hant:https://b.org/國}-国"
        ),
        "https://b.org/國國"
    );
    // Markup inside a URL is still part of the URL.
    assert_eq!(
        plain(Variant::Hant, "https://a.org/-{国}-/b 国"),
        "https://a.org/-{国}-/b 國"
    );
}

/// Issue 11: variant filters take BCP-47 codes (any letter case) and a trailing `;`, as
/// MediaWiki's do; a target outside the filter falls back along MediaWiki's chain, or keeps
/// the text as written.
#[test]
fn variant_filters_take_bcp47_codes_and_a_trailing_semicolon() {
    use Variant::*;
    let cases: &[(&str, Variant, &str)] = &[
        ("-{zh-Hant-TW;|国}-", Hant, "國"),
        ("-{zh-Hant-TW;|国}-", Tw, "國"),
        ("-{zh-Hant-TW;|国}-", Hk, "國"),
        ("-{zh-Hant-TW;|国}-", Hans, "国"),
        ("-{zh-Hant-TW;|國}-", Hans, "國"),
        ("-{zh-Hans-CN;zh-Hant-TW|國家}-", Hans, "国家"),
        ("-{zh-Hans-CN;zh-Hant-TW|国家}-", Tw, "國家"),
        ("-{ zh-Hant-TW ; zh-Hans-CN ; |國}-", Cn, "国"),
        ("-{zh-hant-tw;|国}-", Tw, "國"),
        ("-{zh-Hant;|国}-", Mo, "國"),
        ("-{zh-Hans;|國}-", Sg, "国"),
        ("-{zh-Hant-TW;|-{zh-tw:臺灣;zh-cn:台湾}-}-", Tw, "臺灣"),
    ];
    for &(input, v, expected) in cases {
        for format in [Format::Plain, Format::Wikitext] {
            let d = doc(v, format, input);
            assert_eq!(d.text, expected, "{input} {v:?} {format:?}");
            assert!(d.warnings.is_empty(), "{input} {v:?}: {:?}", d.warnings);
        }
    }
}

#[test]
fn word_break_and_rules_are_positional() {
    assert_eq!(plain(Variant::Hant, "互-{}-联互通"), "互聯互通");
    assert_eq!(
        plain(Variant::Tw, "甲-{H|zh-hans:甲;zh-hant:乙}-甲"),
        "甲乙"
    );
    // hans/hant only take one-way rules.
    assert_eq!(
        plain(Variant::Hant, "甲-{H|zh-hans:甲;zh-hant:乙}-甲"),
        "甲甲"
    );
    assert_eq!(plain(Variant::Hant, "-{H|甲=>zh-hant:乙}-甲"), "乙");
    // A later rule for the same text overrides from its own position on.
    assert_eq!(
        plain(
            Variant::Tw,
            "-{H|zh-cn:甲;zh-tw:乙}-甲-{H|zh-cn:甲;zh-tw:丙}-甲"
        ),
        "乙丙"
    );
    // A rule's phrase beats a dictionary phrase.
    assert_eq!(
        plain(Variant::Tw, "-{H|zh-cn:软件;zh-tw:软件}-软件"),
        "软件"
    );
}

#[test]
fn multi_line_rules_and_nesting() {
    assert_eq!(
        plain(Variant::Tw, "-{H|\nzh-cn:甲;\nzh-tw:乙;\n}-\n甲"),
        "\n乙"
    );
    assert_eq!(
        plain(Variant::Hant, "X-{ 外 -{ 内 }- 外 }-X"),
        "X 外  内  外 X"
    );
    assert_eq!(
        plain(Variant::Hant, "-{zh-hans:-{简}-;zh-hant:-{繁}-}-"),
        "繁"
    );
}

#[test]
fn full_width_separators_are_text() {
    assert_eq!(
        plain(Variant::Hant, "-{zh-hans：国；zh-hant：國}-"),
        "zh-hans：国；zh-hant：國"
    );
}

#[test]
fn emoji_and_variation_selectors_next_to_markup() {
    assert_eq!(
        plain(Variant::Hant, "😀-{zh-hans:国;zh-hant:國}-😀国"),
        "😀國😀國"
    );
    assert_eq!(
        plain(Variant::Hant, "葛\u{E0100}-{}-国\u{FE0F}发"),
        // The base of a variation selector is converted, the selector kept (issue 11).
        "葛\u{E0100}國\u{FE0F}發"
    );
}

#[test]
fn malformed_markup_is_kept_with_positioned_warnings() {
    let d = doc(Variant::Hant, Format::Plain, "国 -{zh-hans:国;zh-hant:國");
    assert_eq!(d.text, "國 -{zh-hans:國;zh-hant:國");
    assert_eq!((d.warnings[0].line, d.warnings[0].column), (1, 3));
    let d = doc(Variant::Hant, Format::Plain, "第一行\n国}-网");
    assert_eq!(d.text, "第一行\n國}-網");
    assert_eq!((d.warnings[0].line, d.warnings[0].column), (2, 2));
    assert_eq!(plain(Variant::Hant, "-{-{国}-"), "-{國");
    assert_eq!(plain(Variant::Hant, "-{"), "-{");
    // No value for the target: the construct is kept as written.
    let d = doc(Variant::Hant, Format::Plain, "-{zh-cn:甲}-");
    assert_eq!(d.text, "-{zh-cn:甲}-");
    assert_eq!(d.warnings.len(), 1);
}

#[test]
fn deep_nesting_is_limited() {
    let s = format!("{}国{}", "-{".repeat(12), "}-".repeat(12));
    let d = doc(Variant::Hant, Format::Plain, &s);
    assert!(d.text.contains("-{"));
    assert!(!d.warnings.is_empty());
}

#[test]
fn megabytes_of_malformed_markup_stay_linear() {
    for s in [
        "-{".repeat(500_000),
        "}-".repeat(500_000),
        "-{國}-".repeat(200_000),
        "-{-{国}-".repeat(150_000),
    ] {
        let t = Instant::now();
        let d = doc(Variant::Hans, Format::Wikitext, &s);
        assert!(!d.text.is_empty());
        // Not a timing assertion: a quadratic algorithm would not finish at all here.
        let _ = t.elapsed();
    }
}

/// Issue 14, D3: every unclosed `<pre>`/`<code>` searched for its closing tag to the end of
/// the text (500 KB of `<pre>` took 20 s). Sized so that such a search would take many
/// seconds; the output is what matters.
#[test]
fn many_unclosed_pre_and_code_tags() {
    let wiki = |text: &str| doc(Variant::Hant, Format::Wikitext, text).text;
    // Unclosed: everything from the first tag on stays as written.
    let unclosed = "<pre>国<code>国".repeat(40_000);
    assert!(wiki(&unclosed) == unclosed);
    // Closed only at the end: the text after the closing tags is converted.
    let closed = format!("{unclosed}</code></pre>国");
    assert!(wiki(&closed) == format!("{unclosed}</code></pre>國"));
    // Reached through format detection too.
    let detected = format!("[[国]]{{{{x}}}}\n{}", "<pre>".repeat(50_000));
    assert_eq!(Format::detect(&detected), Format::Wikitext);
    assert!(wiki(&detected) == detected.replacen('国', "國", 1));
}

/// Issue 14, D21: every `<` searched 4 KiB ahead for the `>` ending its tag (5 MB of `<a`
/// took 3.8 s). A `>` within 4 KiB still ends a tag.
#[test]
fn many_unterminated_tags() {
    let wiki = |text: &str| doc(Variant::Hant, Format::Wikitext, text).text;
    let tags = "<a".repeat(2_600_000);
    assert!(wiki(&tags) == tags);
    let ended = format!("国{tags}>国");
    assert!(wiki(&ended) == format!("國{tags}>國"));
    // A `<` more than 4 KiB before the next `>` is text.
    let near = format!("<b {}>", "国".repeat(1300));
    assert_eq!(wiki(&near), near);
    let far = format!("<b {}>", "国".repeat(1400));
    assert_eq!(wiki(&far), format!("<b {}>", "國".repeat(1400)));
}

/// Issue 14, D4: a long rule key was matched by hashing every prefix up to its length at
/// every position (O(n·L²): a 5000-character key over 10 000 characters took 25 s), from
/// page rules, `--dict` and `--keep` alike. The key still matches where it occurs.
#[test]
fn long_rule_keys() {
    let key = format!("{}b", "a".repeat(5000));
    let text = format!("{}{key}国", "a".repeat(10_000));
    let converted = |with: &str| format!("{}{with}國", "a".repeat(10_000));
    let page = format!("-{{H|{key}=>zh-hant:x;}}-{text}");
    assert!(plain(Variant::Hant, &page) == converted("x"));
    let dict = Converter::builder(Variant::Hant)
        .dictionary(&format!("{key}\tx\n"))
        .unwrap()
        .build();
    assert!(dict.convert(&text) == converted("x"));
    let keep = Converter::builder(Variant::Hant).keep(key.clone()).build();
    assert!(keep.convert(&text) == converted(&key));
}

/// Issue 14, D5: every `;` of a rule body searched the whole body before it for a `&`
/// (an entity's `;` does not split entries): 400 000 `;` took 6.7 s. Entities still keep
/// their `;`, and a `;` that splits nothing stays in the value.
#[test]
fn many_semicolons_in_markup() {
    let semicolons = ";".repeat(400_000);
    // In plain text a construct of ASCII without a sign of markup is text (issue 22).
    let only = format!("-{{{semicolons}}}-");
    assert!(plain(Variant::Hant, &only) == only);
    assert!(doc(Variant::Hant, Format::Wikitext, &only).text == semicolons);
    let rule = format!("-{{zh-hans:甲&amp;乙;zh-hant:丙&#20025;丁;{semicolons}}}-");
    assert_eq!(plain(Variant::Hans, &rule), "甲&amp;乙");
    assert!(plain(Variant::Hant, &rule) == format!("丙&#20025;丁{semicolons}"));
}

#[test]
fn wikitext_zones() {
    let input = "<code>国-{}-网</code> <pre>国</pre> <nowiki>-{国}-</nowiki> 国&amp;国 <span class=\"国\">国</span> [[国]] 1 < 2 国";
    let expected = "<code>国网</code> <pre>国</pre> <nowiki>-{国}-</nowiki> 國&amp;國 <span class=\"国\">國</span> [[國]] 1 < 2 國";
    assert_eq!(doc(Variant::Hant, Format::Wikitext, input).text, expected);
}

/// Issue 11: in wikitext, `title` and `alt` values are converted as MediaWiki's
/// LanguageConverter does, with the page rules and the markup in them; the rest of the tag
/// is kept, and so is a value holding a URL.
#[test]
fn wikitext_title_and_alt_values_are_converted() {
    let wiki = |v: Variant, text: &str| doc(v, Format::Wikitext, text).text;
    assert_eq!(
        wiki(Variant::Hant, "<span title=\"国家\">国</span>"),
        "<span title=\"國家\">國</span>"
    );
    assert_eq!(
        wiki(
            Variant::Hans,
            "<abbr class=\"後來\" title='後來' data-x=\"後\">後來</abbr><img src=\"後.png\" ALT=後來 />"
        ),
        "<abbr class=\"後來\" title='后来' data-x=\"後\">后来</abbr><img src=\"後.png\" ALT=后来 />"
    );
    assert_eq!(
        wiki(
            Variant::Hant,
            "<span title=\"https://a.org/国 国\">国</span>"
        ),
        "<span title=\"https://a.org/国 国\">國</span>"
    );
    assert_eq!(
        wiki(Variant::Hant, "<span title=\"国&amp;国\">"),
        "<span title=\"國&amp;國\">"
    );
    // Markup in a value is resolved (MediaWiki decodes the attribute and converts it
    // recursively), and page rules reach it.
    assert_eq!(
        wiki(
            Variant::Hant,
            "<span title=\"-{zh-hans:甲;zh-hant:乙}-\">-{X}-</span>"
        ),
        "<span title=\"乙\">X</span>"
    );
    assert_eq!(
        wiki(
            Variant::Tw,
            "-{H|zh-cn:甲;zh-tw:乙}-<span title=\"甲\">甲</span>"
        ),
        "<span title=\"乙\">乙</span>"
    );
    // Markdown reads its HTML as an HTML file (issue 22): `title` converts, `class` not.
    assert_eq!(
        md(Variant::Hant, "x <span class=\"国\" title=\"国\">国</span>"),
        "x <span class=\"国\" title=\"國\">國</span>"
    );
    // Idempotent, and a stream equals the whole document.
    let line = "<span title=\"后来的国家\">后来</span><img alt='软件' src=\"国.png\">\n";
    let text = line.repeat((3 << 20) / line.len());
    let c = Converter::new(Variant::Tw);
    let opts = DocumentOptions {
        format: Format::Wikitext,
        ..Default::default()
    };
    let whole = c.convert_document(&text, opts).text;
    assert!(whole
        .starts_with("<span title=\"後來的國家\">後來</span><img alt='軟體' src=\"国.png\">\n"));
    assert!(c.convert_document(&whole, opts).text == whole);
    let mut out = Vec::new();
    c.stream_document(text.as_bytes(), &mut out, opts).unwrap();
    assert!(String::from_utf8(out).unwrap() == whole);
}

#[test]
fn plain_without_markup_keeps_it() {
    let c = Converter::new(Variant::Hant);
    let d = c.convert_document(
        "-{国}-国",
        DocumentOptions {
            format: Format::Plain,
            markup: Markup::Off,
        },
    );
    assert_eq!(d.text, "-{國}-國");
}

/// Streaming a document in chunks gives exactly the whole-document result, warnings
/// included, with page rules carried across chunk boundaries.
#[test]
fn streamed_documents_equal_whole_documents() {
    let mut text = String::from("-{H|zh-cn:软件;zh-tw:軟體;}-开头\n");
    let para = "這個软件里面有後台，-{zh-hans:鼠标;zh-hant:滑鼠;}-和互-{}-联网。\n\
                <pre>\n后来\n</pre>\n<!-- 注释\n跨行 -->\n未闭合的 -{ 标记\n}- 孤立\n";
    let mut i = 0;
    while text.len() < 3 << 20 {
        text.push_str(para);
        if i % 5000 == 0 {
            text.push_str("-{A|zh-hans:甲;zh-hant:乙;}-\n");
        }
        i += 1;
    }
    for format in [Format::Plain, Format::Wikitext, Format::Markdown] {
        for v in [Variant::Hans, Variant::Tw] {
            let opts = DocumentOptions {
                format,
                ..Default::default()
            };
            let c = Converter::new(v);
            let whole = c.convert_document(&text, opts);
            let mut out = Vec::new();
            let warnings = c.stream_document(text.as_bytes(), &mut out, opts).unwrap();
            assert!(
                String::from_utf8(out).unwrap() == whole.text,
                "{format:?} {v:?}: streamed text differs"
            );
            assert_eq!(warnings, whole.warnings, "{format:?} {v:?}");
        }
    }
}

/// A comment or `<pre>` block that spans the 1 MiB streaming boundary is never cut.
#[test]
fn streaming_never_cuts_inside_kept_zones() {
    for zone in [
        "<!--\n後來\n後來\n-->\n",
        "<pre>\n後來\n後來\n</pre>\n",
        "-{\n後來\n}-\n",
    ] {
        let line = "後來\n";
        let mut text = line.repeat((1 << 20) / line.len() - 1);
        text.push_str(zone);
        text.push_str(&line.repeat(100));
        let c = Converter::new(Variant::Hans);
        let opts = DocumentOptions {
            format: Format::Wikitext,
            ..Default::default()
        };
        let whole = c.convert_document(&text, opts).text;
        let mut out = Vec::new();
        c.stream_document(text.as_bytes(), &mut out, opts).unwrap();
        assert!(String::from_utf8(out).unwrap() == whole, "{zone:?}");
    }
}

/// Rules and protected words cut a sentence into fragments; the script is still decided on
/// the whole sentence (the fragment 最后的 alone has no evidence).
#[test]
fn rules_do_not_split_the_script_decision() {
    assert_eq!(
        plain(Variant::Tw, "-{H|zh-cn:软件;zh-tw:軟體;}-\n最后的软件\n"),
        "\n最後的軟體\n"
    );
    let keep = Converter::builder(Variant::Tw).keep("软件").build();
    assert_eq!(keep.convert("最后的软件"), "最後的软件");
    let rule = Converter::builder(Variant::Hant)
        .rule("软件", "軟件")
        .build();
    assert_eq!(rule.convert("最后的软件"), "最後的軟件");
}

/// Issue 22, row 5: in source mode every construct stays exactly as written and is
/// honoured (protected text, page rules, word breaks); converting the result again changes
/// nothing; rendering resolves as before.
#[test]
fn source_mode_keeps_markup_as_written_and_honours_it() {
    let text = "这是 -{台湾}- 的软件\n-{H|zh-cn:甲;zh-tw:乙}-甲\n\
                -{zh-hans:计算机;zh-hant:電腦}- 互-{}-联网\n日期：{year}-{month}-{day}\n";
    let c = Converter::new(Variant::Tw);
    for format in [Format::Plain, Format::Markdown, Format::Wikitext] {
        let source = DocumentOptions {
            format,
            markup: Markup::Source,
        };
        let once = c.convert_document(text, source);
        // Wikitext reads `-{month}-` as a construct (as MediaWiki does), and source mode
        // keeps it (`-{day` shares its `-` with the `}-` before it: no construct).
        assert_eq!(
            once.text,
            "這是 -{台湾}- 的軟體\n-{H|zh-cn:甲;zh-tw:乙}-乙\n\
             -{zh-hans:计算机;zh-hant:電腦}- 互-{}-聯網\n日期：{year}-{month}-{day}\n",
            "{format}"
        );
        assert!(once.warnings.is_empty(), "{format}: {:?}", once.warnings);
        assert_eq!(c.convert_document(&once.text, source).text, once.text);
        // Streamed, the same.
        let mut out = Vec::new();
        c.stream_document(text.as_bytes(), &mut out, source)
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), once.text, "{format}");
        // Rendering resolves.
        let render = DocumentOptions {
            format,
            markup: Markup::Render,
        };
        let shown = c.convert_document(text, render).text;
        assert!(
            shown.starts_with("這是 台湾 的軟體\n乙\n電腦 互聯網\n"),
            "{shown}"
        );
    }
}

/// In source mode an unclosed `-{` stays, and the text after it is converted as text
/// (with one warning, as rendering gives).
#[test]
fn source_mode_keeps_an_unclosed_construct_and_converts_after_it() {
    let c = Converter::new(Variant::Hant);
    let source = DocumentOptions {
        format: Format::Wikitext,
        markup: Markup::Source,
    };
    let d = c.convert_document("国 -{zh-hans:国 -{国}- 软件", source);
    assert_eq!(d.text, "國 -{zh-hans:國 -{國}- 軟件");
    assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
}

/// Issue 22, item 2: in plain text and Markdown, `-{…}-` that is not plausibly markup is
/// text (templates survive in every mode); wikitext reads every construct.
#[test]
fn templates_survive_outside_wikitext() {
    let c = Converter::new(Variant::Tw);
    let text = "日期：{year}-{month}-{day}，时间：{h}-{m}，互-{}-联网";
    for format in [Format::Plain, Format::Markdown] {
        for markup in [Markup::Render, Markup::Source, Markup::Off] {
            let d = c.convert_document(text, DocumentOptions { format, markup });
            // Markdown cannot turn markup off: `Off` renders there.
            let rendered = format.markup(markup) == Markup::Render;
            let want = if rendered {
                "日期：{year}-{month}-{day}，時間：{h}-{m}，互聯網"
            } else {
                "日期：{year}-{month}-{day}，時間：{h}-{m}，互-{}-聯網"
            };
            assert_eq!(d.text, want, "{format} {markup:?}");
            assert!(
                d.warnings.is_empty(),
                "{format} {markup:?}: {:?}",
                d.warnings
            );
        }
    }
    let wiki = DocumentOptions {
        format: Format::Wikitext,
        markup: Markup::Render,
    };
    assert_eq!(c.convert_document("{a}-{b}-", wiki).text, "{a}b");
}
