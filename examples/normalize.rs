//! Normalizing mixed text: one converter per target, built once and shared, and the
//! options a target takes. `cargo run --example normalize`
use zhnorm::{Converter, Forms, Variant, Vocabulary};

fn main() {
    // Mixed input is the normal case: text already in the target script stays as it is.
    let hant = Converter::new(Variant::Hant);
    assert_eq!(hant.convert("头发。頭髮。"), "頭髮。頭髮。");

    // Regional targets apply their region's forms, and vocabulary to converted text.
    let tw = Converter::new(Variant::Tw);
    println!("tw:    {}", tw.convert("这个软件很好用，鼠标坏了。"));
    let full = Converter::builder(Variant::Tw)
        .vocabulary(Vocabulary::Full)
        .build();
    println!(
        "tw, OpenCC's whole vocabulary: {}",
        full.convert("支持这个项目")
    );
    let forms = Converter::builder(Variant::Hant)
        .forms(Forms::Opencc)
        .build();
    println!("hant, OpenCC's forms: {}", forms.convert("为了这里"));

    // Words that must never change, and rules that win over every dictionary.
    let kept = Converter::builder(Variant::Hans)
        .keep("乾隆")
        .rule("雷射", "激光")
        .build();
    println!("hans:  {}", kept.convert("乾隆年間的雷射"));

    // Running twice equals running once.
    let once = tw.convert("后来的头发");
    assert_eq!(tw.convert(&once), once);
}
