//! What `zhnorm --check` reports, from the library: each converted word with its
//! position, the rule that made it and the dictionary line. `cargo run --example check`
use zhnorm::{Converter, DocumentOptions, Format, Markup, Variant, Vocabulary};

fn main() {
    let c = Converter::builder(Variant::Tw)
        .vocabulary(Vocabulary::Full)
        .build();
    let text = "\u{FEFF}# 标题\n\n我们支持这个文档。\n";
    let options = DocumentOptions {
        format: Format::Markdown,
        markup: Markup::Source,
    };
    let converted = c.convert_document(text, options).text;
    for f in c.findings(text, &converted) {
        println!(
            "{}:{}: {} → {} [{}] {}",
            f.start.line,
            f.start.column,
            f.from,
            f.to,
            f.rule(),
            f.reason().unwrap_or_default()
        );
    }
}
