//! Measures multi-core conversion of one big text: `convert` on one thread against
//! `convert_stream` with `parallel: true` (blocks read, converted on the pool and written in
//! order) and the deprecated whole-text `convert_parallel` (pieces of the text in memory,
//! joined in parallel), on all cores; outputs checked identical.
//! Usage: cargo run --release --example pp FILE [VARIANT]
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&a[1]).expect("readable UTF-8 file");
    let v: zhnorm::Variant = a
        .get(2)
        .map_or("hant", |s| s.as_str())
        .parse()
        .expect("variant");
    let c = zhnorm::Converter::new(v);
    let _ = c.convert("汉字");
    let t = std::time::Instant::now();
    let one = c.convert(&text);
    let t1 = t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    let mut many = Vec::with_capacity(text.len());
    let all = zhnorm::StreamOptions {
        parallel: true,
        ..Default::default()
    };
    c.convert_stream(text.as_bytes(), &mut many, all)
        .expect("a str reads");
    let many = String::from_utf8(many).expect("UTF-8");
    let t2 = t.elapsed().as_secs_f64();
    assert!(one == many.as_str(), "parallel output differs");
    let t3 = whole(&c, &text, &one);
    println!(
        "{} MB, {} threads: convert {:.3} s; convert_stream {:.3} s ({:.2}x); \
         whole-text convert_parallel {:.3} s ({:.2}x); identical",
        text.len() / 1_000_000,
        rayon::current_num_threads(),
        t1,
        t2,
        t1 / t2,
        t3,
        t1 / t3
    );
}

#[allow(deprecated)]
fn whole(c: &zhnorm::Converter, text: &str, one: &str) -> f64 {
    let t = std::time::Instant::now();
    let p = c.convert_parallel(text);
    assert!(p == one);
    t.elapsed().as_secs_f64()
}
