//! Set-up and first-call latency in a fresh process (tables load lazily, once per process,
//! so each measurement needs its own process): `cargo run --release -p zhnorm-compare --example startup -- PEER TARGET`
//! with PEER = zhnorm | zhconv | ferrous, TARGET = a zhnorm variant or OpenCC config name.
//! Prints `PEER TARGET setup_us first_call_us`. scripts/bench-cli.sh runs it for all.
use std::time::Instant;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (peer, target) = (a[1].as_str(), a[2].as_str());
    let text = "汉字和頭髮，软件与網絡。";
    let t0 = Instant::now();
    let (setup, first) = match peer {
        "zhnorm" => {
            let c = match target.parse::<zhnorm::Variant>() {
                Ok(v) => zhnorm::Converter::new(v),
                Err(_) => zhnorm::Converter::opencc(target.parse().expect("target")),
            };
            let setup = t0.elapsed();
            let t1 = Instant::now();
            std::hint::black_box(c.convert(text));
            (setup, t1.elapsed())
        }
        "zhconv" => {
            // zhconv builds its converter on the first call.
            let v: zhconv::Variant = target.parse().expect("zhconv variant");
            std::hint::black_box(zhconv::zhconv(text, v));
            let setup = t0.elapsed();
            let t1 = Instant::now();
            std::hint::black_box(zhconv::zhconv(text, v));
            (setup, t1.elapsed())
        }
        "ferrous" => {
            use ferrous_opencc::config::BuiltinConfig as B;
            let b = match target {
                "s2t" => B::S2t,
                "t2s" => B::T2s,
                "s2twp" => B::S2twp,
                _ => B::Tw2sp,
            };
            let c = ferrous_opencc::OpenCC::from_config(b).expect("config");
            let setup = t0.elapsed();
            let t1 = Instant::now();
            std::hint::black_box(c.convert(text));
            (setup, t1.elapsed())
        }
        other => panic!("unknown peer {other}"),
    };
    println!(
        "{peer} {target} {} {}",
        setup.as_micros(),
        first.as_micros()
    );
}
