//! Complexity harness (issue 14): every hostile input the reliability review found, at four
//! sizes, each twice the one before. An input fails when its time grows by more than 3×
//! per doubling (linear is 2×, quadratic 4×), both as the median of the three doublings
//! and over the whole range: one step may cross a cache size (inputs and outputs outgrowing a 32 MiB L3 cost 4–5×
//! for that one doubling, then 2× again), while a quadratic algorithm is 4× at every step.
//! 3× rather than 2.5×: a linear stream that doubles its buffer measured 2.3–2.8× per
//! step between 2.7 and 22 MB on the machine this was written on.
//! Not a timed test: CI machines are noisy, so each size is timed as the best of five
//! runs, sizes start where a run takes milliseconds, and the limit leaves room for noise
//! while a quadratic algorithm still fails it.
//!
//! ```sh
//! cargo bench --bench complexity            # all inputs
//! cargo bench --bench complexity -- pre     # those whose name contains "pre"
//! ```
//!
//! Exits 1 when an input fails, after printing the table.

use std::hint::black_box;
use std::io::BufReader;
use std::time::{Duration, Instant};

use zhnorm::{Config, Converter, DocumentOptions, Format, StreamOptions, Variant};

/// Allowed growth of the time per doubling of the input.
const LIMIT: f64 = 3.0;
/// Sizes: base × 1, 2, 4, 8.
const DOUBLINGS: u32 = 3;

/// One hostile input: `make(n)` builds it at scale `n`, `run` converts it.
struct Case {
    name: &'static str,
    /// The issue's defect it reproduces.
    defect: &'static str,
    base: usize,
    make: fn(usize) -> String,
    run: fn(&str),
}

fn wikitext(text: &str) {
    let opts = DocumentOptions {
        format: Format::Wikitext,
        ..Default::default()
    };
    black_box(Converter::new(Variant::Hant).convert_document(text, opts));
}

fn detected(text: &str) {
    let opts = DocumentOptions {
        format: Format::detect(text),
        ..Default::default()
    };
    black_box(Converter::new(Variant::Hant).convert_document(text, opts));
}

fn plain_markup(text: &str) {
    let opts = DocumentOptions {
        format: Format::Plain,
        ..Default::default()
    };
    black_box(Converter::new(Variant::Hant).convert_document(text, opts));
}

/// Streamed through the one-thread document reader (1 MiB chunks, page rules carried).
fn document_stream(text: &str) {
    let opts = DocumentOptions {
        format: Format::Wikitext,
        ..Default::default()
    };
    Converter::new(Variant::Hant)
        .convert_stream(
            BufReader::new(text.as_bytes()),
            std::io::sink(),
            StreamOptions {
                document: Some(opts),
                parallel: false,
            },
        )
        .unwrap();
}

/// Streamed through the plain reader with small reads, as `--config s2t -j 1` does.
fn config_stream(text: &str) {
    Converter::opencc(Config::S2t)
        .convert_stream(
            BufReader::with_capacity(4096, text.as_bytes()),
            std::io::sink(),
            StreamOptions::default(),
        )
        .unwrap();
}

fn hant_stream(text: &str) {
    Converter::new(Variant::Hant)
        .convert_stream(
            BufReader::with_capacity(4096, text.as_bytes()),
            std::io::sink(),
            StreamOptions::default(),
        )
        .unwrap();
}

/// `--check`'s findings of a converted text (every line changes).
fn findings(text: &str) {
    let c = Converter::new(Variant::Hant);
    let out = c.convert(text);
    let mut n = 0usize;
    c.for_each_finding(text, &out, |_| n += 1);
    black_box(n);
}

/// A rule key of `n` characters over `2n` characters of text, from a page rule.
fn long_key(n: usize) -> String {
    format!(
        "-{{H|{}b=>zh-hant:x;}}-{}",
        "a".repeat(n),
        "a".repeat(2 * n)
    )
}

/// The same key as a user dictionary entry and a protected word.
fn dict_and_keep(text: &str) {
    let n = text.len() / 3;
    let key = format!("{}b", "a".repeat(n));
    let body = &text[..2 * n];
    let dict = Converter::builder(Variant::Hant)
        .dictionary(&format!("{key}\tx\n"))
        .unwrap()
        .build();
    black_box(dict.convert(body));
    let keep = Converter::builder(Variant::Hant).keep(key).build();
    black_box(keep.convert(body));
}

/// 300 keys `a…ab` of 300 lengths as a user dictionary, over the text.
fn many_lengths(text: &str) {
    let dict: String = (1..=300)
        .map(|k| format!("{}b\tx\n", "a".repeat(k)))
        .collect();
    let c = Converter::builder(Variant::Hant)
        .dictionary(&dict)
        .unwrap()
        .build();
    black_box(c.convert(text));
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "unclosed <pre> in wikitext",
            defect: "D3",
            base: 80_000,
            make: |n| "<pre>".repeat(n),
            run: wikitext,
        },
        Case {
            name: "unclosed <pre>/<code>, format detected",
            defect: "D3",
            base: 20_000,
            make: |n| format!("[[a]]\n{}", "<pre>国<code>国".repeat(n)),
            run: detected,
        },
        Case {
            name: "long rule key, page rule",
            defect: "D4",
            base: 40_000,
            make: long_key,
            run: plain_markup,
        },
        Case {
            name: "long rule key, --dict and --keep",
            defect: "D4",
            base: 40_000,
            make: |n| "a".repeat(3 * n),
            run: dict_and_keep,
        },
        Case {
            name: "300 key lengths over short clauses, --dict",
            defect: "D4",
            base: 2_000,
            make: |n| format!("{} ", "a".repeat(100)).repeat(n),
            run: many_lengths,
        },
        Case {
            name: "-{ with many ; }-",
            defect: "D5",
            base: 100_000,
            make: |n| format!("-{{{}}}-", ";".repeat(n)),
            run: plain_markup,
        },
        Case {
            name: "国! + combining marks, --config s2t stream",
            defect: "D6",
            base: 500_000,
            make: |n| format!("国!{}", "\u{301}".repeat(n)),
            run: config_stream,
        },
        Case {
            name: "国! + U+FE0F, --to hant stream",
            defect: "D6",
            base: 500_000,
            make: |n| format!("国!{}", "\u{FE0F}".repeat(n)),
            run: hant_stream,
        },
        Case {
            name: "joined emoji run, --config s2t stream",
            defect: "D6",
            base: 200_000,
            make: |n| format!("国!{}", "\u{200D}👨".repeat(n)),
            run: config_stream,
        },
        Case {
            name: "x}-{ + lines + }-, document stream",
            defect: "D7",
            base: 400_000,
            make: |n| format!("x}}-{{甲{}}}-", "头发\n".repeat(n)),
            run: document_stream,
        },
        Case {
            name: "x}-{ + lines + }-, whole",
            defect: "D7",
            base: 400_000,
            make: |n| format!("x}}-{{甲{}}}-", "头发\n".repeat(n)),
            run: wikitext,
        },
        Case {
            name: "one long line, document stream",
            defect: "D7",
            base: 300_000,
            make: |n| format!("-{{}}-{}\n", "头发".repeat(n)),
            run: document_stream,
        },
        Case {
            name: "unclosed <pre> then lines, document stream",
            defect: "D7",
            base: 400_000,
            make: |n| format!("<pre>\n{}", "头发\n".repeat(n)),
            run: document_stream,
        },
        Case {
            name: "findings of a long changed file",
            defect: "issue 24",
            base: 20_000,
            make: |n| "然后我们的头发。\n".repeat(n),
            run: findings,
        },
        Case {
            name: "unclosed <pre> then lines, whole",
            defect: "D7",
            base: 400_000,
            make: |n| format!("<pre>\n{}", "头发\n".repeat(n)),
            run: wikitext,
        },
        Case {
            name: "stray }- warnings",
            defect: "D16",
            base: 100_000,
            make: |n| "后来 }-\n".repeat(n),
            run: plain_markup,
        },
        Case {
            name: "<a without > in wikitext",
            defect: "D21",
            base: 1_200_000,
            make: |n| "<a".repeat(n),
            run: wikitext,
        },
        Case {
            name: "nested -{ to depth 10 and beyond",
            defect: "markup",
            base: 50_000,
            make: |n| "-{-{-{-{-{-{-{-{-{-{-{国".repeat(n / 10),
            run: plain_markup,
        },
    ]
}

/// The best of five runs.
fn time(run: fn(&str), input: &str) -> Duration {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            run(input);
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    // `cargo bench` passes `--bench`; other arguments filter by name.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    // Tables are loaded once, before anything is timed.
    Converter::new(Variant::Hant).convert("国");
    Converter::opencc(Config::S2t).convert("国");
    println!(
        "{:<46} {:>6} {:>10} {:>10} {:>8} (per doubling)  verdict",
        "input", "defect", "size", "time", "median"
    );
    let mut failed = Vec::new();
    for case in cases() {
        if !filters.is_empty() && !filters.iter().any(|f| case.name.contains(f.as_str())) {
            continue;
        }
        let mut times = Vec::new();
        let mut sizes = Vec::new();
        for k in 0..=DOUBLINGS {
            let input = (case.make)(case.base << k);
            sizes.push(input.len());
            times.push(time(case.run, &input).as_secs_f64().max(1e-6));
        }
        // Growth per doubling of the bytes: each step, and over the whole range.
        let per_step: Vec<f64> = (1..=DOUBLINGS as usize)
            .map(|k| {
                let bytes = sizes[k] as f64 / sizes[k - 1] as f64;
                (times[k] / times[k - 1]).powf(1.0 / bytes.log2())
            })
            .collect();
        let bytes = sizes[DOUBLINGS as usize] as f64 / sizes[0] as f64;
        let growth = (times[DOUBLINGS as usize] / times[0]).powf(1.0 / bytes.log2());
        let mut sorted = per_step.clone();
        sorted.sort_by(f64::total_cmp);
        let median = sorted[sorted.len() / 2];
        // A quadratic algorithm exceeds the limit both ways; noise or a cache step rarely
        // lifts both the median step and the whole range.
        let ok = median <= LIMIT || growth <= LIMIT;
        println!(
            "{:<46} {:>6} {:>9}K {:>8.1}ms {:>7.2}× ({}; overall {:.2}×)  {}",
            case.name,
            case.defect,
            sizes[DOUBLINGS as usize] >> 10,
            times[DOUBLINGS as usize] * 1e3,
            median,
            per_step
                .iter()
                .map(|g| format!("{g:.2}"))
                .collect::<Vec<_>>()
                .join(" "),
            growth,
            if ok { "linear" } else { "FAIL" }
        );
        if !ok {
            failed.push(case.name);
        }
    }
    if !failed.is_empty() {
        eprintln!(
            "complexity: {} input(s) grow faster than {LIMIT}× per doubling: {}",
            failed.len(),
            failed.join("; ")
        );
        std::process::exit(1);
    }
}
