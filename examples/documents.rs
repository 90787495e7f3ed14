//! Converting only the text of a file: the format is chosen from the file name and
//! content, keys, tags, code and templates stay byte for byte, and conversion markup is
//! kept as written when a source file is rewritten. `cargo run --example documents`
use std::path::Path;

use zhnorm::{Converter, DocumentOptions, FormatChoice, Markup, Variant};

fn main() {
    let tw = Converter::new(Variant::Tw);
    let files = [
        (
            "locales/zh-TW.json",
            "{\"软件\": \"打开软件\", \"date\": \"{year}-{month}\"}",
        ),
        ("po/zh_TW.po", "msgid \"打开文件\"\nmsgstr \"打开文件\"\n"),
        (
            "web/index.html",
            "<a href=\"/下载\" title=\"下载软件\">下载</a>",
        ),
        ("src/main.rs", "let 变量 = \"软件\"; // 注释\n"),
        ("docs/guide.md", "这是 -{台湾}- 的软件，`代码` 不变。"),
    ];
    for (name, text) in files {
        let (format, why) = FormatChoice::Auto.resolve(Some(Path::new(name)), text);
        // Source mode: what `zhnorm -w` does (markup kept as written, and honoured).
        let options = DocumentOptions {
            format,
            markup: Markup::Source,
        };
        let doc = tw.convert_document(text, options);
        println!("{name} ({format}, by {why}):\n  {text}\n  {}", doc.text);
        assert!(doc.warnings.is_empty());
    }
}
