//! Profiling driver: converts a file N times with a target or config.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&a[1]).unwrap();
    let c = if let Ok(v) = a[2].parse::<zhnorm::Variant>() {
        zhnorm::Converter::new(v)
    } else {
        zhnorm::Converter::opencc(a[2].parse().unwrap())
    };
    let md = a.get(4).is_some();
    let n: usize = a[3].parse().unwrap();
    let t = std::time::Instant::now();
    let mut total = 0;
    for _ in 0..n {
        if md {
            total += c
                .convert_document(
                    &text,
                    zhnorm::DocumentOptions {
                        format: zhnorm::Format::Markdown,
                        ..Default::default()
                    },
                )
                .text
                .len();
        } else {
            total += c.convert(&text).len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    eprintln!("{:.1} MB/s ({total})", (text.len() * n) as f64 / s / 1e6);
}
