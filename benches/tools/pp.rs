//! Measures multi-core conversion: `convert` vs `convert_stream` on all cores on one big text.
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
    println!(
        "{} MB, {} threads: convert {:.3} s, convert_parallel {:.3} s, speed-up {:.2}x, identical",
        text.len() / 1_000_000,
        rayon::current_num_threads(),
        t1,
        t2,
        t1 / t2
    );
}
