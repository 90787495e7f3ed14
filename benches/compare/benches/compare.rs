//! Side by side, in one process and one run: zhnorm, zhconv-rs 0.4.2, ferrous-opencc 0.4
//! and (with `--features opencc`) the C++ OpenCC 1.4.2 through opencc-rust, on the same
//! input, one criterion group per direction. Single-threaded.
//!
//! Inputs: `benches/data/hans.txt` / `hant.txt` (`scripts/corpora.sh`) when present, else
//! OpenCC's zuozhuan.txt and its s2t conversion; the Markdown article repeated to ~1 MB.
//!
//! Run: `cargo bench -p zhnorm-compare --bench compare` (add `--features opencc` for OpenCC; see
//! BENCHMARKS.md). zhnorm appears twice per direction: `zhnorm_config` (the exact OpenCC
//! config) and `zhnorm_to` (normalization to the matching variant).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use zhnorm::{Config, Converter, DocumentOptions, Format, Variant};

#[path = "../../common/corpora.rs"]
mod corpora;
use corpora::{corpora, root};

fn ferrous(config: Config) -> ferrous_opencc::OpenCC {
    use ferrous_opencc::config::BuiltinConfig as B;
    let b = match config {
        Config::S2t => B::S2t,
        Config::S2twp => B::S2twp,
        Config::T2s => B::T2s,
        Config::Tw2sp => B::Tw2sp,
        other => panic!("no ferrous-opencc mapping for {other}"),
    };
    ferrous_opencc::OpenCC::from_config(b).unwrap()
}

fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
    bytes: usize,
) -> BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_millis(500))
        .throughput(Throughput::Bytes(bytes as u64));
    g
}

fn bench(c: &mut Criterion) {
    let (hant, hans) = corpora();
    let directions = [
        (
            "s2t",
            Config::S2t,
            Variant::Hant,
            zhconv::Variant::ZhHant,
            &hans,
        ),
        (
            "s2twp",
            Config::S2twp,
            Variant::Tw,
            zhconv::Variant::ZhTW,
            &hans,
        ),
        (
            "t2s",
            Config::T2s,
            Variant::Hans,
            zhconv::Variant::ZhHans,
            &hant,
        ),
        (
            "tw2sp",
            Config::Tw2sp,
            Variant::Cn,
            zhconv::Variant::ZhCN,
            &hant,
        ),
    ];
    for (name, config, variant, zv, text) in directions {
        let mut g = group(c, name, text.len());
        let exact = Converter::opencc(config);
        let mut out = String::with_capacity(text.len() * 2);
        g.bench_function("zhnorm_config", |b| {
            b.iter(|| {
                out.clear();
                exact.convert_into(black_box(text), &mut out);
                black_box(out.len())
            })
        });
        let norm = Converter::new(variant);
        g.bench_function("zhnorm_to", |b| {
            b.iter(|| {
                out.clear();
                norm.convert_into(black_box(text), &mut out);
                black_box(out.len())
            })
        });
        g.bench_function("zhconv", |b| {
            b.iter(|| black_box(zhconv::zhconv(black_box(text), zv).len()))
        });
        let f = ferrous(config);
        g.bench_function("ferrous_opencc", |b| {
            b.iter(|| black_box(f.convert(black_box(text)).len()))
        });
        #[cfg(feature = "opencc")]
        {
            let cc = zhnorm::reference::OpenCc::new(config).unwrap();
            g.bench_function("opencc", |b| {
                b.iter(|| black_box(cc.convert(black_box(text)).unwrap().len()))
            });
        }
        g.finish();
    }

    // The Markdown article with conversion markup, repeated to ~1 MB. OpenCC and
    // ferrous-opencc do not understand the markup: their figures convert the same bytes
    // as plain text (a speed reference, not a correct result).
    let one = std::fs::read_to_string(root().join("tests/data/article/wic-article.md")).unwrap();
    let article = one.repeat(1_000_000 / one.len() + 1);
    for (name, variant, zv, config) in [
        (
            "article_to_hans",
            Variant::Hans,
            zhconv::Variant::ZhHans,
            Config::T2s,
        ),
        (
            "article_to_hant",
            Variant::Hant,
            zhconv::Variant::ZhHant,
            Config::S2t,
        ),
    ] {
        let mut g = group(c, name, article.len());
        let conv = Converter::new(variant);
        let opts = DocumentOptions {
            format: Format::Markdown,
            ..Default::default()
        };
        g.bench_function("zhnorm_markdown", |b| {
            b.iter(|| black_box(conv.convert_document(black_box(&article), opts).text.len()))
        });
        // The same bytes read as wikitext: conversion markup and HTML, no Markdown zones
        // (the job `zhconv_mw` does).
        let wiki = DocumentOptions {
            format: Format::Wikitext,
            ..Default::default()
        };
        g.bench_function("zhnorm_wikitext", |b| {
            b.iter(|| black_box(conv.convert_document(black_box(&article), wiki).text.len()))
        });
        // The same bytes as plain text (no markup, no Markdown zones): what parsing costs.
        g.bench_function("zhnorm_plain", |b| {
            b.iter(|| black_box(conv.convert(black_box(&article)).len()))
        });
        g.bench_function("zhconv_mw", |b| {
            b.iter(|| black_box(zhconv::zhconv_mw(black_box(&article), zv).len()))
        });
        let f = ferrous(config);
        g.bench_function("ferrous_opencc_plain", |b| {
            b.iter(|| black_box(f.convert(black_box(&article)).len()))
        });
        #[cfg(feature = "opencc")]
        {
            let cc = zhnorm::reference::OpenCc::new(config).unwrap();
            g.bench_function("opencc_plain", |b| {
                b.iter(|| black_box(cc.convert(black_box(&article)).unwrap().len()))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
