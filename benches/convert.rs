//! Throughput of the hot conversion path (criterion, `Throughput::Bytes`).
//!
//! Corpora: `benches/data/hant.txt` / `hans.txt` (Tang poems from chinese-poetry 2.0.1 and
//! their t2s conversion; build them with `scripts/corpora.sh`) when present, otherwise
//! OpenCC's `zuozhuan.txt` (Simplified, 1.87 MB) and its s2t conversion.
//! Run: `cargo bench --bench convert`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use zhnorm::{Config, Converter, DocumentOptions, Format, Variant};

#[path = "common/corpora.rs"]
mod corpora;
use corpora::corpora;

fn bench(c: &mut Criterion) {
    let (hant, hans) = corpora();
    let runs: [(&str, Converter, &str); 7] = [
        ("to_hans/traditional", Converter::new(Variant::Hans), &hant),
        ("to_hans/simplified", Converter::new(Variant::Hans), &hans),
        ("to_hant/simplified", Converter::new(Variant::Hant), &hans),
        ("to_hant/traditional", Converter::new(Variant::Hant), &hant),
        ("to_tw/simplified", Converter::new(Variant::Tw), &hans),
        (
            "config_s2t/simplified",
            Converter::opencc(Config::S2t),
            &hans,
        ),
        (
            "config_t2s/traditional",
            Converter::opencc(Config::T2s),
            &hant,
        ),
    ];
    let mut g = c.benchmark_group("convert");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    for (name, conv, text) in &runs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        let mut out = String::with_capacity(text.len() * 2);
        g.bench_function(*name, |b| {
            b.iter(|| {
                out.clear();
                conv.convert_into(black_box(text), &mut out);
                black_box(out.len())
            })
        });
    }
    g.finish();
    // The Markdown article with conversion markup, repeated to ~1 MB: markup-aware
    // normalization vs plain conversion of the same text (zhconv-rs's wikitext mode on the
    // same bytes is in the compare crate, `benches/compare`).
    let one =
        std::fs::read_to_string(corpora::root().join("tests/data/article/wic-article.md")).unwrap();
    let article = one.repeat(1_000_000 / one.len() + 1);
    let mut g = c.benchmark_group("article");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Bytes(article.len() as u64));
    for (name, v) in [("hans", Variant::Hans), ("hant", Variant::Hant)] {
        let conv = Converter::new(v);
        let opts = DocumentOptions {
            format: Format::Markdown,
            ..Default::default()
        };
        g.bench_function(format!("zhnorm_markdown_to_{name}"), |b| {
            b.iter(|| black_box(conv.convert_document(black_box(&article), opts).text.len()))
        });
        g.bench_function(format!("zhnorm_plain_to_{name}"), |b| {
            b.iter(|| black_box(conv.convert(black_box(&article)).len()))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("setup");
    g.bench_function("converter_new_hant", |b| {
        b.iter(|| black_box(Converter::new(Variant::Hant)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
