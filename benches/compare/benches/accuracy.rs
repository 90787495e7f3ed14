//! Accuracy on real corpora, beside OpenCC 1.4.2 (zhnorm's byte-exact `--config` mode) and
//! zhconv-rs 0.4.2: how much text that is already in the target script gets changed, and
//! the character error rate on mixed text.
//!
//! Run `scripts/corpora.sh` first, then `cargo bench -p zhnorm-compare --bench accuracy`.
//!
//! Corpora (benches/data): `hant.txt`, Tang poems (genuinely Traditional, chinese-poetry
//! 2.0.1) and `hans.txt`, its OpenCC t2s conversion; plus OpenCC's `zuozhuan.txt`
//! (genuinely Simplified) and its OpenCC s2t conversion. Mixed corpora take sentences
//! alternately from the two versions of a text; the reference is the original version.

use std::path::PathBuf;

use zhnorm::{Config, Converter, Variant};

#[path = "../../common/corpora.rs"]
#[allow(dead_code)]
mod corpora;
use corpora::root;

fn read(p: PathBuf) -> String {
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{}: {e}; run scripts/corpora.sh first", p.display()))
}

/// Sentences (split after 。！？；\n) of a text.
fn sentences(s: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if matches!(c, '。' | '！' | '？' | '；' | '\n') {
            out.push(&s[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    out.push(&s[start..]);
    out
}

fn mix(a: &str, b: &str) -> String {
    let (sa, sb) = (sentences(a), sentences(b));
    assert_eq!(
        sa.len(),
        sb.len(),
        "parallel texts must have the same sentences"
    );
    sa.iter()
        .zip(&sb)
        .enumerate()
        .map(|(i, (x, y))| if i % 2 == 0 { *x } else { *y })
        .collect()
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + (a[i - 1] != b[j - 1]) as usize;
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Character edits between two texts with the same lines (conversion keeps line breaks).
fn char_edits(got: &str, want: &str) -> usize {
    let (g, w): (Vec<&str>, Vec<&str>) = (got.split('\n').collect(), want.split('\n').collect());
    if g.len() != w.len() {
        let (a, b): (Vec<char>, Vec<char>) = (got.chars().collect(), want.chars().collect());
        return levenshtein(&a, &b);
    }
    g.iter()
        .zip(&w)
        .map(|(x, y)| {
            let (a, b): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
            if a.len() == b.len() {
                a.iter().zip(&b).filter(|(p, q)| p != q).count()
            } else {
                levenshtein(&a, &b)
            }
        })
        .sum()
}

fn han_chars(s: &str) -> usize {
    s.chars()
        .filter(|c| {
            ('\u{3400}'..='\u{9FFF}').contains(c) || ('\u{20000}'..='\u{323AF}').contains(c)
        })
        .count()
}

struct Peers {
    zhnorm: Converter,
    opencc: Converter,
    zhconv: zhconv::Variant,
}

fn peers(traditional: bool) -> Peers {
    if traditional {
        Peers {
            zhnorm: Converter::new(Variant::Hant),
            opencc: Converter::opencc(Config::S2t),
            zhconv: zhconv::Variant::ZhHant,
        }
    } else {
        Peers {
            zhnorm: Converter::new(Variant::Hans),
            opencc: Converter::opencc(Config::T2s),
            zhconv: zhconv::Variant::ZhHans,
        }
    }
}

fn row(label: &str, input: &str, want: &str, p: &Peers) {
    let total = han_chars(want);
    let outs = [
        p.zhnorm.convert(input).into_owned(),
        p.opencc.convert(input).into_owned(),
        zhconv::zhconv(input, p.zhconv),
    ];
    let cells: Vec<String> = outs
        .iter()
        .map(|o| {
            let e = char_edits(o, want);
            format!("{e} ({:.3}%)", 100.0 * e as f64 / total as f64)
        })
        .collect();
    println!(
        "| {label} | {total} | {} | {} | {} |",
        cells[0], cells[1], cells[2]
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let data = root().join("benches/data");
    let hant = read(data.join("hant.txt"));
    let hans = read(data.join("hans.txt"));
    let zz = read(root().join("tests/data/opencc/benchmark/zuozhuan.txt"));
    let zz_t = Converter::opencc(Config::S2t).convert(&zz).into_owned();
    let (t, s) = (peers(true), peers(false));
    println!(
        "| corpus → target | Han chars | zhnorm --to | OpenCC 1.4.2 (s2t/t2s) | zhconv-rs 0.4.2 |"
    );
    println!("|---|---:|---:|---:|---:|");
    row(
        "Tang poems (Traditional) → hant, unchanged?",
        &hant,
        &hant,
        &t,
    );
    row("Zuozhuan (Simplified) → hans, unchanged?", &zz, &zz, &s);
    row(
        "Tang poems t2s (Simplified) → hans, unchanged?",
        &hans,
        &hans,
        &s,
    );
    row(
        "mixed Tang poems → hant (vs original)",
        &mix(&hans, &hant),
        &hant,
        &t,
    );
    row(
        "mixed Tang poems → hans (vs t2s)",
        &mix(&hans, &hant),
        &hans,
        &s,
    );
    row(
        "mixed Zuozhuan → hans (vs original)",
        &mix(&zz, &zz_t),
        &zz,
        &s,
    );
    row(
        "mixed Zuozhuan → hant (vs s2t)",
        &mix(&zz, &zz_t),
        &zz_t,
        &t,
    );
}
