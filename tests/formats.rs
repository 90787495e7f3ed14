//! Structured formats (issue 22): JSON/JSONC, gettext PO, Java `.properties` and Apple
//! `.strings`. Only the translated strings change; keys, `msgid`s, templates, escapes and
//! every other byte stay, and the document still parses.

use proptest::prelude::*;
use serde_json::Value;
use zhnorm::{Converter, DocumentOptions, Format, Lang, Variant, Vocabulary};

fn data(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/data/formats/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn document(c: &Converter, text: &str, format: Format) -> String {
    let doc = c.convert_document(
        text,
        DocumentOptions {
            format,
            ..Default::default()
        },
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    doc.text
}

/// What a JSON string value becomes: its pieces between the characters JSON writes
/// escaped (quotes, backslashes, controls) are converted, as the reader sees them.
fn json_string(c: &Converter, s: &str) -> String {
    let mut out = String::new();
    let mut piece = String::new();
    for ch in s.chars() {
        if ch == '"' || ch == '\\' || ch.is_control() {
            out.push_str(&c.convert(&piece));
            piece.clear();
            out.push(ch);
        } else {
            piece.push(ch);
        }
    }
    out + &c.convert(&piece)
}

/// `new` has the structure and keys of `old`, and each string value converted.
fn same_json(c: &Converter, old: &Value, new: &Value) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            assert_eq!(
                a.keys().collect::<Vec<_>>(),
                b.keys().collect::<Vec<_>>(),
                "keys changed"
            );
            for (k, v) in a {
                same_json(c, v, &b[k]);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(b) {
                same_json(c, x, y);
            }
        }
        (Value::String(a), Value::String(b)) => assert_eq!(b, &json_string(c, a), "{a}"),
        (a, b) => assert_eq!(a, b),
    }
}

/// Taiwan with OpenCC's whole vocabulary (打开 → 開啟, 保存 → 儲存), so that vocabulary
/// changes inside each format's text are seen.
fn tw_full() -> Converter {
    Converter::builder(Variant::Tw)
        .vocabulary(Vocabulary::Full)
        .build()
}

#[test]
fn json_values_change_keys_templates_and_escapes_do_not() {
    let text = data("zh-TW.json");
    let tw = tw_full();
    let out = document(&tw, &text, Format::Json);
    for line in [
        r#""软件": "軟體","#,
        r#""date": "日期：{year}-{month}-{day}","#,
        r#""files": "{count, plural, one {# 個文件} other {# 個文件}}","#,
        // Escaped CJK converted and written back escaped (軟體和滑鼠).
        r#""escaped": "\u8edf\u9ad4\u548c\u6ed1\u9f20","#,
        r#""nested": {"菜单": ["開啟", "儲存", 3, true, null"#,
        r#""emoji": "\ud83d\ude00 表情""#,
    ] {
        assert!(out.contains(line), "{line} not in\n{out}");
    }
    for c in [
        &tw,
        &Converter::new(Variant::Hans),
        &Converter::new(Variant::Hant),
    ] {
        let out = document(c, &text, Format::Json);
        let (old, new): (Value, Value) = (
            serde_json::from_str(&text).unwrap(),
            serde_json::from_str(&out).expect("still JSON"),
        );
        same_json(c, &old, &new);
        assert_eq!(document(c, &out, Format::Json), out, "idempotent");
    }
}

#[test]
fn jsonc_comments_are_text_and_keys_are_not() {
    let out = document(&tw_full(), &data("settings.jsonc"), Format::Json);
    assert_eq!(
        out,
        "// 使用者設定（JSONC：允許註釋）\n{\n  /* 編輯器 */ \"editor.fontFamily\": \"等寬字型\",\n  \
         \"workbench.colorTheme\": \"深色主題\", // 主題\n  \"files.exclude\": {\"**/后台/**\": true}\n}\n"
    );
}

#[test]
fn properties_values_change_keys_and_comments_do_not() {
    let out = document(
        &tw_full(),
        &data("messages_zh_TW.properties"),
        Format::Properties,
    );
    assert_eq!(
        out,
        "# 菜单的翻译\n! 旧式注释\nmenu.open=\\u958b\\u555f\\u6587\\u4ef6\nmenu.save = 儲存文件\n\
         message.long = 這是一個很長的\\\n    訊息，跨越兩行\n键\\ 名 : 值\n"
    );
}

#[test]
fn strings_values_and_comments_change_keys_do_not() {
    let out = document(&tw_full(), &data("Localizable.strings"), Format::Strings);
    assert_eq!(
        out,
        "/* 開啟文件的按鈕 */\n\"打开文件\" = \"開啟文件\";\n\"settings.title\" = \"使用者設定\";\n\
         // 單行註釋\n\"escaped\" = \"\\U8edf\\U9ad4\";\n"
    );
}

/// Whether a line of a PO file is part of a translation (`msgstr` and its continuation
/// lines), the header's excepted: the tests' own reading of the format.
fn translation_lines(po: &str) -> Vec<bool> {
    let mut out = Vec::new();
    let (mut in_str, mut header) = (false, false);
    let mut msgid = String::new();
    let mut last = "";
    for line in po.lines() {
        if let Some(id) = line.strip_prefix("msgid ") {
            msgid = id.to_string();
            last = "msgid";
        } else if line.starts_with('"') && last == "msgid" {
            msgid += line;
        }
        if line.starts_with("msgstr") {
            header = msgid == "\"\"";
            in_str = true;
            last = "msgstr";
        } else if !line.starts_with('"') {
            in_str = false;
            if !line.starts_with("msgid") {
                last = "";
            }
        }
        out.push(in_str && !header);
    }
    out
}

/// The line with each of its quoted strings converted.
fn converted_line(c: &Converter, line: &str) -> String {
    let (head, rest) = line.split_at(line.find('"').unwrap_or(line.len()));
    let inner = rest.strip_prefix('"').and_then(|r| r.strip_suffix('"'));
    match inner {
        Some(s) => format!("{head}\"{}\"", c.convert(s)),
        None => line.to_string(),
    }
}

#[test]
fn django_catalogues_change_only_their_translations() {
    // (catalogue, target, lines that must change at least: Taiwan text under tw changes
    // a few lines today, with mainland vocabulary applied to it: issue 23.)
    for (file, variant, at_least) in [
        ("django/zh_Hans.po", Variant::Hant, 100),
        ("django/zh_Hant.po", Variant::Hans, 100),
        ("django/zh_Hant.po", Variant::Tw, 0),
    ] {
        let text = data(file);
        let c = Converter::new(variant);
        let out = document(&c, &text, Format::Po);
        let kinds = translation_lines(&text);
        assert!(kinds.iter().filter(|k| **k).count() > 300);
        let (old, new): (Vec<&str>, Vec<&str>) = (text.lines().collect(), out.lines().collect());
        assert_eq!(old.len(), new.len());
        let mut changed = 0;
        for ((a, b), translation) in old.iter().zip(&new).zip(&kinds) {
            if *translation {
                assert_eq!(*b, converted_line(&c, a), "{file} {variant}");
                changed += usize::from(a != b);
            } else {
                assert_eq!(a, b, "{file} {variant}: not a translation");
            }
        }
        assert!(
            changed >= at_least,
            "{file} {variant}: {changed} lines changed"
        );
        assert_eq!(document(&c, &out, Format::Po), out, "idempotent");
    }
    // Taiwan text already in the target script: nothing changes.
    let text = data("django/zh_Hant.po");
    assert_eq!(
        document(&Converter::new(Variant::Hant), &text, Format::Po),
        text
    );
}

/// A JSON string of words that conversion changes, templates, markup-like text and
/// characters JSON escapes.
fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "软件",
            "头发",
            "后来",
            "台湾",
            "里程",
            "打开",
            "文件",
            "鼠标",
            "乾隆",
            "發送",
            "粉丝",
            "{year}-{month}",
            "-{",
            "}-",
            " ",
            "\n",
            "\"",
            "\\",
            "a",
            "1",
            "為",
        ]),
        0..6,
    )
    .prop_map(|v| v.concat())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        words().prop_map(Value::String),
        any::<i32>().prop_map(Value::from),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(words(), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// `json` with every non-ASCII character written as `\uXXXX` (as `ensure_ascii` writers
/// do); non-ASCII characters occur only in strings, so it is the same JSON.
fn ascii_escaped(json: &str) -> String {
    let mut out = String::new();
    for ch in json.chars() {
        if ch.is_ascii() {
            out.push(ch);
        } else {
            for unit in ch.encode_utf16(&mut [0; 2]) {
                out += &format!("\\u{unit:04x}");
            }
        }
    }
    out
}

/// Text made of the formats' syntax, words that convert and markup.
fn syntax_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "{",
            "}",
            "[",
            "]",
            "\"",
            "'",
            ":",
            ",",
            "=",
            ";",
            "/",
            "*",
            "//",
            "/*",
            "*/",
            "\n",
            "\r\n",
            " ",
            "#",
            "!",
            "msgid ",
            "msgstr ",
            "msgstr[0] ",
            "msgctxt ",
            "<",
            ">",
            "</",
            "<a title=\"",
            "<script>",
            "</script>",
            "<pre>",
            "&amp;",
            "-{",
            "}-",
            "软件",
            "头发",
            "后来",
            "台湾",
            "為",
            "\\",
            "\\u8f6f",
            "\\ud83d",
            "\\U4ef6",
            "x",
            "1",
        ]),
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Whatever the text, the formats that resolve no markup change no ASCII byte (their
    /// syntax) unless it belongs to an escape, and converting twice equals once.
    #[test]
    fn formats_without_markup_keep_their_syntax(text in syntax_soup(), variant in 0..3usize) {
        let c = Converter::new([Variant::Tw, Variant::Hans, Variant::Hant][variant]);
        let ascii = |s: &str| s.chars().filter(char::is_ascii).collect::<String>();
        let code = [Lang::Rust, Lang::Python, Lang::JavaScript, Lang::Go, Lang::Java, Lang::C, Lang::Shell]
            .map(Format::Code);
        for format in [Format::Json, Format::Po, Format::Properties, Format::Strings, Format::Html, Format::Xml, Format::Yaml, Format::Subtitles]
            .into_iter()
            .chain(code)
        {
            let out = document(&c, &text, format);
            if !text.contains('\\') {
                prop_assert_eq!(ascii(&out), ascii(&text), "{}", format);
            }
            prop_assert_eq!(document(&c, &out, format), out.clone(), "{}", format);
        }
    }

    /// Any JSON document, written raw, pretty or ASCII-escaped: keys and structure stay,
    /// each string value is converted, and an escaped document stays escaped.
    #[test]
    fn json_documents_keep_their_structure(v in json_value(), variant in 0..3usize) {
        let c = Converter::new([Variant::Tw, Variant::Hans, Variant::Hant][variant]);
        let raw = serde_json::to_string(&v).unwrap();
        for text in [raw.clone(), serde_json::to_string_pretty(&v).unwrap(), ascii_escaped(&raw)] {
            let out = document(&c, &text, Format::Json);
            let new: Value = serde_json::from_str(&out).expect("still JSON");
            same_json(&c, &v, &new);
            prop_assert_eq!(out.is_ascii(), text.is_ascii());
        }
    }
}

#[test]
fn html_text_and_readable_attributes_change_nothing_else_does() {
    let text = data("page.html");
    let out = document(&Converter::new(Variant::Hant), &text, Format::Html);
    let want = text
        .replace("<title>软件下载", "<title>軟件下載")
        .replace("title=\"下载软件\">下载<", "title=\"下載軟件\">下載<")
        .replace("alt=\"头发的图片\"", "alt=\"頭髮的圖片\"")
        .replace("placeholder=\"搜索软件\"", "placeholder=\"搜索軟件\"")
        // 了解 after the URL starts a clause of its own, undecided: written as Taiwan and
        // Hong Kong write it (`dictionaries/zhnorm/written-words.txt`), it stays.
        .replace("<p>然后我们去了台湾。访问", "<p>然後我們去了臺灣。訪問");
    assert_eq!(out, want);
    assert_eq!(Format::from_path("a/index.htm"), Some(Format::Html));
}

/// Issue 22, item 3: ignore comments in each format's own comment syntax keep what they
/// cover as written; the same words in text, or in a code span, are no directive.
#[test]
fn ignore_comments_keep_what_they_cover() {
    let c = Converter::new(Variant::Tw);
    let cases: [(Format, &str, &str); 8] = [
        (
            Format::Markdown,
            "软件 <!-- zhnorm-disable-line -->\n软件\n<!-- zhnorm-disable-next-line -->\n软件 -{台湾}-\n软件\n\n\
             <!-- zhnorm-disable -->\n\n软件\n\n<!-- zhnorm-enable -->\n软件 `zhnorm-disable` 软件\n",
            "软件 <!-- zhnorm-disable-line -->\n軟體\n<!-- zhnorm-disable-next-line -->\n软件 -{台湾}-\n軟體\n\n\
             <!-- zhnorm-disable -->\n\n软件\n\n<!-- zhnorm-enable -->\n軟體 `zhnorm-disable` 軟體\n",
        ),
        (
            Format::Html,
            "<p>软件<!-- zhnorm-disable-line --></p>\n<p>软件</p>\n<!-- zhnorm-disable -->\n<p title=\"软件\">软件</p>\n",
            "<p>软件<!-- zhnorm-disable-line --></p>\n<p>軟體</p>\n<!-- zhnorm-disable -->\n<p title=\"软件\">软件</p>\n",
        ),
        (
            Format::Wikitext,
            "软件<!-- zhnorm-disable-next-line -->\n软件\n软件\n",
            "軟體<!-- zhnorm-disable-next-line -->\n软件\n軟體\n",
        ),
        (
            Format::Po,
            "# zhnorm-disable-next-line\nmsgid \"a\"\nmsgstr \"软件\"\n\nmsgid \"b\"\nmsgstr \"软件\"\n\n\
             # zhnorm-disable\nmsgid \"c\"\nmsgstr \"软件\"\n# zhnorm-enable\nmsgid \"d\"\nmsgstr \"软件\"\n",
            // In PO the directive covers its entry (up to the blank line).
            "# zhnorm-disable-next-line\nmsgid \"a\"\nmsgstr \"软件\"\n\nmsgid \"b\"\nmsgstr \"軟體\"\n\n\
             # zhnorm-disable\nmsgid \"c\"\nmsgstr \"软件\"\n# zhnorm-enable\nmsgid \"d\"\nmsgstr \"軟體\"\n",
        ),
        (
            Format::Properties,
            "! zhnorm-disable-next-line\na=软件\nb=软件\n",
            "! zhnorm-disable-next-line\na=软件\nb=軟體\n",
        ),
        (
            Format::Json,
            "{\n  // zhnorm-disable-next-line\n  \"a\": \"软件\",\n  \"b\": \"软件\", /* zhnorm-disable-line */\n  \"c\": \"zhnorm-disable 软件\"\n}\n",
            "{\n  // zhnorm-disable-next-line\n  \"a\": \"软件\",\n  \"b\": \"软件\", /* zhnorm-disable-line */\n  \"c\": \"zhnorm-disable 軟體\"\n}\n",
        ),
        (
            Format::Strings,
            "/* zhnorm-disable */\n\"a\" = \"软件\";\n/* zhnorm-enable */\n\"b\" = \"软件\";\n",
            "/* zhnorm-disable */\n\"a\" = \"软件\";\n/* zhnorm-enable */\n\"b\" = \"軟體\";\n",
        ),
        // Plain text has no comments: no directive.
        (
            Format::Plain,
            "软件 <!-- zhnorm-disable-line --> # zhnorm-disable-line\n",
            "軟體 <!-- zhnorm-disable-line --> # zhnorm-disable-line\n",
        ),
    ];
    for (format, input, want) in cases {
        let out = document(&c, input, format);
        assert_eq!(out, want, "{format}");
        assert_eq!(document(&c, &out, format), out, "{format}: again");
    }
    // In the PO case the line after `# zhnorm-disable-next-line` is a `msgid`: the
    // directives count lines, not entries, so that entry's translation still converts.
}

/// Issue 22, row 6: in source code only comments and string literals change; identifiers,
/// character literals and interpolations never do; ignore comments work in each comment
/// syntax.
#[test]
fn code_changes_only_comments_and_strings() {
    let c = Converter::new(Variant::Hant);
    let cases: [(&str, &str, &str); 8] = [
        (
            "a.rs",
            "let 变量 = \"软件\"; // 注释\nlet r = r#\"后来\"#; let c = '发';\n// zhnorm-disable-next-line\nlet k = \"软件\";\n",
            "let 变量 = \"軟件\"; // 註釋\nlet r = r#\"後來\"#; let c = '发';\n// zhnorm-disable-next-line\nlet k = \"软件\";\n",
        ),
        (
            "a.py",
            "变量 = f\"软件 {变量}\"  # 注释\n说明 = \"\"\"头发\"\"\"  # zhnorm-disable-line\n",
            "变量 = f\"軟件 {变量}\"  # 註釋\n说明 = \"\"\"头发\"\"\"  # zhnorm-disable-line\n",
        ),
        (
            "a.ts",
            "const 变量 = `软件 ${变量} 后来`; /* 注释 */ const r = /发/;\n",
            "const 变量 = `軟件 ${变量} 後來`; /* 註釋 */ const r = /发/;\n",
        ),
        (
            "a.go",
            "变量 := `软件` // 注释\nr := '发'\n",
            "变量 := `軟件` // 註釋\nr := '发'\n",
        ),
        (
            "A.java",
            "String 变量 = \"软件\"; /** 注释 */ char c = '发';\n",
            "String 变量 = \"軟件\"; /** 註釋 */ char c = '发';\n",
        ),
        (
            "a.cpp",
            "auto 变量 = \"软件\"; // 注释\n/* zhnorm-disable */ auto k = \"软件\"; /* zhnorm-enable */\n",
            "auto 变量 = \"軟件\"; // 註釋\n/* zhnorm-disable */ auto k = \"软件\"; /* zhnorm-enable */\n",
        ),
        (
            "a.sh",
            "# 注释\necho \"软件 $变量\" '后来'\necho \"软件\" # zhnorm-disable-line\n",
            "# 註釋\necho \"軟件 $變量\" '後來'\necho \"软件\" # zhnorm-disable-line\n",
        ),
        // Malformed: an unterminated string keeps the rest as written.
        ("b.c", "\"软件\" \"未闭合\n后来", "\"軟件\" \"未闭合\n后来"),
    ];
    for (name, input, want) in cases {
        let format = Format::from_path(name).unwrap();
        let out = document(&c, input, format);
        assert_eq!(out, want, "{name}");
        assert_eq!(document(&c, &out, format), out, "{name}: again");
    }
}

/// Issue 22, row 8: sniffing wants two independent signs of a format. Translation strings
/// with one `# ` line and lone backticks on different lines stay plain text (as Markdown,
/// the backticks paired into code spans and a quarter of the lines stayed unconverted).
#[test]
fn sniffing_wants_several_signs() {
    let mut text = String::new();
    for i in 0..42_000 {
        match i {
            7 => text.push_str("# 这一行以井号开头\n"),
            i if i % 5_000 == 3 => text.push_str(&format!("msg_{i} = 按 ` 键打开控制台\n")),
            _ => text.push_str(&format!("msg_{i} = 软件设置已经保存\n")),
        }
    }
    assert_eq!(Format::detect(&text), Format::Plain);
    let out = document(&Converter::new(Variant::Hant), &text, Format::detect(&text));
    assert!(!out.contains("软件"), "every line converted");
    // Two signs make Markdown; wikitext wants links and templates, bold or headings.
    assert_eq!(Format::detect("# 标题\n\n- 一\n- 二\n"), Format::Markdown);
    assert_eq!(Format::detect("# 标题\n```\n代码\n```\n"), Format::Markdown);
    assert_eq!(Format::detect("只有 [[链接]]"), Format::Plain);
    assert_eq!(Format::detect("== 标题 ==\n[[链接]]"), Format::Wikitext);
}

/// Item 8: XML. Android string resources and XLIFF targets change; names, attributes,
/// comments and XLIFF sources do not.
#[test]
fn xml_text_changes_tags_and_sources_do_not() {
    let c = tw_full();
    let android = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<resources>\n\
                   <!-- 菜单：zhnorm-disable-next-line -->\n<string name=\"打开\">打开文件</string>\n\
                   <string name=\"网络\" translatable=\"false\">网络设置</string>\n</resources>\n";
    assert_eq!(
        document(
            &c,
            android,
            Format::from_path("res/values-zh-rTW/strings.xml").unwrap()
        ),
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<resources>\n\
         <!-- 菜单：zhnorm-disable-next-line -->\n<string name=\"打开\">打开文件</string>\n\
         <string name=\"网络\" translatable=\"false\">網路設定</string>\n</resources>\n"
    );
    let xliff = "<trans-unit id=\"软件\">\n  <source>软件设置</source>\n  <target state=\"翻译\">软件设置</target>\n</trans-unit>\n";
    assert_eq!(
        document(&c, xliff, Format::Xml),
        "<trans-unit id=\"软件\">\n  <source>软件设置</source>\n  <target state=\"翻译\">軟體設定</target>\n</trans-unit>\n"
    );
    // XML attributes are data, `title` and `alt` too (HTML converts those two).
    let attrs = "<item title=\"软件\" alt=\"软件\">软件</item>\n";
    assert_eq!(
        document(&c, attrs, Format::Xml),
        "<item title=\"软件\" alt=\"软件\">軟體</item>\n"
    );
    assert_eq!("xml".parse::<Format>(), Ok(Format::Xml));
}

/// Item 8: YAML locale files. Values and comments change; keys, anchors, aliases and
/// templates do not, and ignore comments work.
#[test]
fn yaml_values_change_keys_do_not() {
    let c = tw_full();
    let y = "# 语言文件\nzh-TW:\n  软件: 软件设置 # 注释\n  \"打开\": \"打开文件\"\n  \
             日期: \"{year}-{month}-{day}\"\n  说明: |\n    网络连接\n  # zhnorm-disable-next-line\n  \
             保留: 网络\n  转义: \"\\u8f6f\\u4ef6\"\n";
    assert_eq!(
        document(
            &c,
            y,
            Format::from_path("config/locales/zh-TW.yml").unwrap()
        ),
        "# 語言文件\nzh-TW:\n  软件: 軟體設定 # 註釋\n  \"打开\": \"開啟文件\"\n  \
         日期: \"{year}-{month}-{day}\"\n  说明: |\n    網路連線\n  # zhnorm-disable-next-line\n  \
         保留: 网络\n  转义: \"\\u8edf\\u9ad4\"\n"
    );
}

/// Item 8: subtitles. Cue text changes; numbers, cue identifiers (`头发` below), timings,
/// tags, the header and `NOTE` lines' directives do not.
#[test]
fn subtitle_cue_text_changes_and_nothing_else() {
    let c = Converter::new(Variant::Hant);
    let srt = "1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>软件</i>设置\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\n后来的头发\r\n";
    assert_eq!(
        document(&c, srt, Format::from_path("a.srt").unwrap()),
        "1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>軟件</i>設置\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\n後來的頭髮\r\n"
    );
    let vtt =
        "WEBVTT\n\nNOTE zhnorm-disable-next-line\n\n头发\n00:01.000 --> 00:02.000\n<v 讲者>后来\n";
    assert_eq!(
        document(&c, vtt, Format::from_path("a.vtt").unwrap()),
        "WEBVTT\n\nNOTE zhnorm-disable-next-line\n\n头发\n00:01.000 --> 00:02.000\n<v 讲者>後來\n"
    );
}

/// A `\n` in a PO translation is a line break to the reader: the text after it converts as
/// it does on a line of its own (before the fix, `發送\n里面` kept 里面 for Taiwan).
#[test]
fn po_escapes_cut_the_text() {
    for variant in [Variant::Tw, Variant::Hant] {
        let c = Converter::new(variant);
        let po = "msgid \"a\"\nmsgstr \"發送\\n里面\"\n";
        assert_eq!(
            document(&c, po, Format::Po),
            "msgid \"a\"\nmsgstr \"發送\\n裡面\"\n"
        );
    }
}
