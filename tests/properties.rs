//! Property tests: no panics, pass-through, idempotence, streaming equivalence.

mod streams;
use streams::Streams;

use std::io::BufReader;

use proptest::prelude::*;
use zhnorm::{Config, Converter, DocumentOptions, Format, Markup, Variant};

/// Strings mixing Simplified and Traditional characters, punctuation, Latin, newlines,
/// variation selectors and combining marks: the interesting cases for the engine.
fn mixed_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "头发",
        "頭髮",
        "干",
        "乾",
        "后来",
        "後來",
        "台湾",
        "臺灣",
        "里",
        "裏",
        "么",
        "麼",
        "软件",
        "軟體",
        "鼠标",
        "着",
        "著",
        "綫",
        "於",
        "于",
        "云",
        "雲",
        "。",
        "！",
        "？",
        "；",
        "\n",
        "\r\n",
        "，",
        "a",
        " ",
        "x!",
        "?",
        "\u{FE0F}",
        "\u{E0100}",
        "\u{E01F2}",
        "\u{0301}",
        "😀",
        "🇹🇼",
        "豈",
        "𠮷",
        "-{",
        "}-",
    ]);
    prop::collection::vec(
        prop_oneof![
            pieces.prop_map(String::from),
            any::<char>().prop_map(String::from)
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

/// Mixed text with the syntax of every document format: markup, tags, entities, links.
fn document_text() -> impl Strategy<Value = String> {
    let syntax = prop::sample::select(vec![
        "-{", "}-", "zh-hans:", "zh-hant:", ";", "|", "=>", "H|", "A|", "-|", "&", "&amp;",
        "&#x4E2D;", "<", ">", "<pre>", "</pre>", "<code>", "<!--", "-->", "<nowiki>", "[", "](",
        ")", "`", "```\n", "    ", "http://", "# ", "*", "|---|\n", "<br/>", "后来", "軟體",
    ]);
    prop::collection::vec(
        prop_oneof![
            syntax.prop_map(String::from),
            mixed_text(),
            any::<char>().prop_map(String::from)
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn converters() -> Vec<Converter> {
    let mut v: Vec<Converter> = Variant::ALL.iter().map(|&t| Converter::new(t)).collect();
    v.push(Converter::opencc(Config::S2twp));
    v.push(Converter::opencc(Config::Tw2sp));
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_any_string(s in any::<String>()) {
        for c in converters() {
            let _ = c.convert(&s);
        }
    }

    #[test]
    fn text_without_cjk_passes_through(s in "[\\PC&&[^\\p{Han}\\u{3000}-\\u{303F}\\u{FF00}-\\u{FFEF}\\u{F900}-\\u{FAFF}]]{0,80}") {
        for c in converters() {
            prop_assert_eq!(c.convert(&s), s.as_str());
        }
    }

    #[test]
    fn normalization_is_idempotent(s in mixed_text()) {
        for v in Variant::ALL {
            let c = Converter::new(v);
            let once = c.convert(&s).into_owned();
            prop_assert_eq!(c.convert(&once), once.as_str(), "variant {}", v);
        }
    }

    #[test]
    fn target_script_text_is_unchanged(s in mixed_text()) {
        // Whatever hant produces is pure hant text; hans likewise.
        for v in [Variant::Hant, Variant::Hans, Variant::Tw] {
            let pure = Converter::new(v).convert(&s).into_owned();
            prop_assert_eq!(Converter::new(v).convert(&pure), pure.as_str());
        }
    }

    #[test]
    fn streaming_equals_whole_string(s in mixed_text(), cap in 1usize..64) {
        for c in converters() {
            let whole = c.convert(&s).into_owned();
            let mut out = Vec::new();
            c.stream_text(BufReader::with_capacity(cap, s.as_bytes()), &mut out).unwrap();
            prop_assert_eq!(String::from_utf8(out).unwrap(), whole);
        }
    }

    #[test]
    fn documents_never_panic_and_stream_alike(s in document_text()) {
        // Markup off too, and an OpenCC config: the readers keep what `convert_document`
        // keeps (bare URLs in plain text; issue 14, D12).
        let converters = [
            Converter::new(Variant::Hans),
            Converter::new(Variant::Tw),
            Converter::opencc(Config::S2t),
        ];
        for c in &converters {
            for (format, markup) in [
                (Format::Plain, Markup::Render),
                (Format::Plain, Markup::Off),
                (Format::Plain, Markup::Source),
                (Format::Wikitext, Markup::Render),
                (Format::Wikitext, Markup::Source),
                (Format::Markdown, Markup::Render),
                (Format::Markdown, Markup::Source),
            ] {
                let opts = DocumentOptions { format, markup };
                let whole = c.convert_document(&s, opts);
                let mut out = Vec::new();
                let warnings = c.stream_document(s.as_bytes(), &mut out, opts).unwrap();
                prop_assert_eq!(String::from_utf8(out).unwrap(), whole.text);
                prop_assert_eq!(warnings, whole.warnings);
            }
        }
    }

    #[test]
    fn convert_into_equals_convert(s in mixed_text()) {
        for c in converters() {
            let mut out = String::from("prefix");
            c.convert_into(&s, &mut out);
            prop_assert_eq!(&out[6..], &*c.convert(&s));
        }
    }
}

#[test]
fn streaming_long_sentences_and_files() {
    // A sentence longer than the 64 KiB streaming limit, then a phrase.
    let s = format!("{}头发。", "国".repeat(40_000));
    let c = Converter::new(Variant::Hant);
    let mut out = Vec::new();
    c.stream_text(BufReader::with_capacity(100, s.as_bytes()), &mut out)
        .unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), c.convert(&s));
}

#[test]
fn invalid_utf8_reports_the_offset() {
    let mut bytes = "汉字\n".as_bytes().to_vec();
    bytes.extend_from_slice(&[b'a', 0xFF, b'b']);
    let err = Converter::new(Variant::Hant)
        .stream_text(&bytes[..], Vec::new())
        .unwrap_err();
    assert!(
        matches!(err.kind(), zhnorm::ErrorKind::InvalidUtf8 { offset: 8 }),
        "{err}"
    );
    // A truncated sequence at the very end is invalid too.
    let err = Converter::new(Variant::Hant)
        .stream_text(&"汉".as_bytes()[..2], Vec::new())
        .unwrap_err();
    assert!(
        matches!(err.kind(), zhnorm::ErrorKind::InvalidUtf8 { offset: 0 }),
        "{err}"
    );
}

/// With threads, a block's output is written while the next block converts: over several
/// blocks (8 MiB each with two threads) the output is still the whole conversion, in order,
/// and an invalid byte in a later block comes after everything before it was written.
#[test]
fn parallel_readers_write_every_block_in_order() {
    let line = "汉字和頭髮，软件与網絡。台湾的面条\n";
    let good = line.repeat(380_000); // ~18 MB: three blocks
    let pool = pool_of(2);
    let c = Converter::new(Variant::Hant);
    let whole = c.convert(&good);
    let mut out = Vec::new();
    pool.install(|| c.stream_text_parallel(good.as_bytes(), &mut out))
        .unwrap();
    assert!(out == whole.as_bytes(), "convert_reader_parallel");
    // A bad byte at the start of a line in the last block: every line before it is out.
    let at = good.len() - line.len() * 3;
    let mut bytes = good.as_bytes().to_vec();
    bytes.insert(at, 0xFF);
    let mut out = Vec::new();
    let err = pool
        .install(|| c.stream_text_parallel(&bytes[..], &mut out))
        .unwrap_err();
    assert!(
        matches!(err.kind(), zhnorm::ErrorKind::InvalidUtf8 { offset } if *offset == at as u64),
        "{err}"
    );
    let before = c.convert(&good[..at]);
    assert!(out.len() <= before.len() && before.as_bytes().starts_with(&out));
    assert!(
        out.len() > whole.len() / 2,
        "the blocks before were written"
    );
}

/// The document reader converts markup-free chunks in pieces on the pool while it reads
/// the next chunk, and writes them in order: over several chunks (4 MiB each with two
/// threads), with a construct in one of them (converted on the reading thread, after
/// every piece before it) and stray markers in later ones, the output and the warnings
/// (offsets, lines) are those of the whole document.
#[test]
fn document_reader_writes_chunks_and_warnings_in_order() {
    let line = "汉字和頭髮，软件与網絡。台湾的面条\n";
    let mut text = line.repeat(150_000); // ~7.6 MB
    text.push_str("-{H|zh-hant:麵條;zh-hans:面条;}-後来的面条\n");
    text.push_str(&line.repeat(150_000));
    text.push_str("后来 }- 头发\n");
    text.push_str(&line.repeat(50_000));
    text.push_str("又一个 }-\n");
    let pool = pool_of(2);
    let c = Converter::new(Variant::Hant);
    let opts = DocumentOptions {
        format: Format::Plain,
        ..Default::default()
    };
    let whole = c.convert_document(&text, opts);
    assert_eq!(whole.warnings.len(), 2);
    let mut out = Vec::new();
    let warnings = pool
        .install(|| c.stream_document_parallel(text.as_bytes(), &mut out, opts))
        .unwrap();
    assert!(out == whole.text.as_bytes(), "parallel document reader");
    assert_eq!(warnings, whole.warnings);
}

/// Parallel readers called from inside the pool (several inputs converted with
/// `par_iter` on two threads): a caller waiting for its pieces runs pool jobs instead of
/// blocking, so no two callers wait for pieces that neither runs.
#[test]
fn parallel_readers_run_inside_the_pool() {
    use rayon::prelude::*;
    let line = "汉字和頭髮，软件与網絡。台湾的面条\n";
    let text = line.repeat(60_000); // ~3 MB: the parallel path, several pieces
    let pool = pool_of(2);
    let c = Converter::new(Variant::Hant);
    let whole = c.convert(&text);
    let opts = DocumentOptions {
        format: Format::Plain,
        ..Default::default()
    };
    let outs: Vec<(Vec<u8>, Vec<u8>)> = pool.install(|| {
        (0..4)
            .into_par_iter()
            .map(|_| {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                c.stream_text_parallel(text.as_bytes(), &mut a).unwrap();
                c.stream_document_parallel(text.as_bytes(), &mut b, opts)
                    .unwrap();
                (a, b)
            })
            .collect()
    });
    for (a, b) in outs {
        assert!(a == whole.as_bytes() && b == whole.as_bytes());
    }
}

/// The parallel readers check UTF-8 piece by piece on worker threads, and the document
/// reader checks each block's new bytes only: the reported offset is still the absolute
/// offset of the first invalid byte, wherever it falls.
#[test]
fn parallel_readers_report_the_absolute_offset_of_invalid_utf8() {
    let line = "汉字和頭髮，软件与網絡。\n";
    let good = line.repeat(40_000); // ~1.5 MB: several pieces
    let pool = pool_of(2);
    for at in [0, line.len() * 7 + 3, good.len() / 2 + 1, good.len() - 1] {
        // Put the bad byte on a character boundary of the good text.
        let at = (at..).find(|&i| good.is_char_boundary(i)).unwrap();
        let mut bytes = good.as_bytes().to_vec();
        bytes.insert(at, 0xFF);
        let c = Converter::new(Variant::Hant);
        let opts = DocumentOptions {
            format: Format::Plain,
            ..Default::default()
        };
        let (plain, doc) = pool.install(|| {
            (
                c.stream_text_parallel(&bytes[..], Vec::new()),
                c.stream_document_parallel(&bytes[..], Vec::new(), opts),
            )
        });
        for err in [plain.unwrap_err(), doc.unwrap_err()] {
            assert!(
                matches!(err.kind(), zhnorm::ErrorKind::InvalidUtf8 { offset } if *offset == at as u64),
                "bad byte at {at}: {err}"
            );
        }
    }
}

#[test]
fn characters_next_to_the_selector_range_terminate() {
    // U+E01F0–E01FF share the selectors' leading bytes but are not selectors.
    for s in [
        "\u{E01F2}",
        "汉\u{E01F2}字",
        "\u{E01EF}汉",
        "漢\u{E01EF}\u{E01F0}",
    ] {
        for v in Variant::ALL {
            let c = Converter::new(v);
            let once = c.convert(s).into_owned();
            assert_eq!(c.convert(&once), once.as_str());
        }
    }
    assert_eq!(
        Converter::new(Variant::Hant).convert("汉\u{E01F2}字"),
        "漢\u{E01F2}字"
    );
}

#[test]
fn parallel_conversion_equals_sequential() {
    let zuozhuan = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/opencc/benchmark/zuozhuan.txt"),
    )
    .unwrap();
    // Mixed scripts, markup in the middle, several MiB so every path really splits.
    let hant = Converter::new(Variant::Hant)
        .convert(&zuozhuan)
        .into_owned();
    let mut text = String::new();
    for (i, (a, b)) in zuozhuan.lines().zip(hant.lines()).enumerate() {
        text.push_str(if i % 2 == 0 { a } else { b });
        text.push('\n');
        if i == 4000 {
            text.push_str("-{H|zh-cn:左传;zh-tw:左氏春秋;zh-hk:左氏春秋;}-\n");
        }
    }
    let text = text.repeat(4);
    // Four threads whatever the machine has, so the input is really split.
    let pool = pool_of(4);
    pool.install(|| parallel_cases(&text));
}

fn parallel_cases(text: &str) {
    let text = text.to_string();
    for v in [Variant::Hans, Variant::Tw] {
        let c = Converter::new(v);
        let whole = c.convert(&text);
        assert!(c.text_parallel(&text) == whole, "{v}: convert_parallel");
        let mut out = Vec::new();
        c.stream_text_parallel(BufReader::new(text.as_bytes()), &mut out)
            .unwrap();
        assert!(out == whole.as_bytes(), "{v}: convert_reader_parallel");
        for format in [Format::Plain, Format::Wikitext] {
            let opts = DocumentOptions {
                format,
                ..Default::default()
            };
            let doc = c.convert_document(&text, opts);
            let mut out = Vec::new();
            let warnings = c
                .stream_document_parallel(BufReader::new(text.as_bytes()), &mut out, opts)
                .unwrap();
            assert!(out == doc.text.as_bytes(), "{v} {format:?}: document");
            assert_eq!(warnings, doc.warnings);
        }
    }
}

/// Issue 14, D16: the warning cap holds per input, not per chunk: 3 MB of stray `}-`
/// (several chunks, and pieces on the parallel reader) give the 100 warnings and the one
/// "more warnings" line the whole document gives (it gave 101 per chunk).
#[test]
fn warnings_are_capped_per_input_when_streamed() {
    let text = "后来 }-\n".repeat(300_000);
    let c = Converter::new(Variant::Hant);
    let opts = DocumentOptions {
        format: Format::Plain,
        ..Default::default()
    };
    let whole = c.convert_document(&text, opts);
    assert_eq!(whole.warnings.len(), 101);
    assert_eq!(
        whole.warnings[100].message,
        "299900 more warnings not shown"
    );
    let mut out = Vec::new();
    let streamed = c.stream_document(text.as_bytes(), &mut out, opts).unwrap();
    assert_eq!(streamed, whole.warnings);
    let parallel = c
        .stream_document_parallel(text.as_bytes(), Vec::new(), opts)
        .unwrap();
    assert_eq!(parallel, whole.warnings);
    assert_eq!(String::from_utf8(out).unwrap(), whole.text);
}

/// Issue 14, D6: `国!` and then millions of combining marks was one sentence as long as the
/// input (memory grew with it), and a stream rescanned it at every 64 KiB read (16 MB:
/// 14 s through `--config s2t`, 0.08 s now). The run is cut after 68 KiB at a character
/// boundary; streamed, whole and parallel results agree, and the `国` is converted.
#[test]
fn endless_grapheme_clusters_stream_in_linear_time() {
    for run in ["\u{301}", "\u{FE0F}", "\u{200D}👨", "🇨🇳"] {
        let text = format!("国!{}后来\n头发", run.repeat(3_000_000 / run.len()));
        for c in [
            Converter::new(Variant::Hant),
            Converter::opencc(Config::S2t),
        ] {
            let whole = c.convert(&text);
            assert!(whole.starts_with("國!"), "{run:?}");
            assert!(whole.ends_with("後來\n頭髮"), "{run:?}");
            let mut out = Vec::new();
            c.stream_text(BufReader::with_capacity(4096, text.as_bytes()), &mut out)
                .unwrap();
            assert!(out == whole.as_bytes(), "{run:?}: convert_reader");
            assert!(c.text_parallel(&text) == whole, "{run:?}: parallel");
        }
    }
}

/// `text` as a wikitext/plain document with markup, whole and streamed (one thread and
/// parallel): the streamed outputs and warnings must equal the whole ones.
fn streams_like_whole(c: &Converter, text: &str, format: Format) -> String {
    let opts = DocumentOptions {
        format,
        ..Default::default()
    };
    let whole = c.convert_document(text, opts);
    let mut out = Vec::new();
    let warnings = c
        .stream_document(BufReader::new(text.as_bytes()), &mut out, opts)
        .unwrap();
    assert!(out == whole.text.as_bytes(), "{format:?}: streamed");
    assert_eq!(warnings, whole.warnings, "{format:?}: streamed warnings");
    let mut out = Vec::new();
    let warnings = c
        .stream_document_parallel(BufReader::new(text.as_bytes()), &mut out, opts)
        .unwrap();
    assert!(out == whole.text.as_bytes(), "{format:?}: parallel");
    assert_eq!(warnings, whole.warnings, "{format:?}: parallel warnings");
    whole.text
}

/// Issue 14, D7a: the cut scanner read `x}-{` as a stray `}-` and a `{`, where the resolver
/// reads `x}` and a `-{` that opens a construct: streamed, the construct was cut at the
/// first chunk (its lines converted, "unclosed `-{`"), whole it is one raw construct.
#[test]
fn streams_pair_markers_as_the_resolver_does() {
    let c = Converter::new(Variant::Hant);
    let lines = "头发\n".repeat(200_000);
    let text = format!("x}}-{{甲{lines}}}-后来\n");
    for format in [Format::Plain, Format::Wikitext] {
        let out = streams_like_whole(&c, &text, format);
        assert!(out == format!("x}}甲{lines}後來\n"), "{format:?}");
    }
}

/// Issue 14, D7b: with no safe cut in 16 MiB, a stream was cut at the last line feed or
/// anywhere in a line: inside phrases (頭發 for 头发) and inside constructs (raw `-{…}-`
/// in the output). Now a stream buffers until a safe cut, doubling its buffer.
#[test]
fn long_lines_and_constructs_are_never_cut() {
    let c = Converter::new(Variant::Hant);
    // One 17 MiB line: phrases straddle every possible forced cut.
    let line = format!("{}\n后来\n", "头发".repeat((17 << 20) / 6 + 1));
    let out = streams_like_whole(&c, &line, Format::Plain);
    assert!(!out.contains("發"));
    // A construct over 17 MiB of lines: kept whole, markers removed.
    let construct = format!("-{{{}}}-头发\n", "头发\n".repeat((17 << 20) / 7 + 1));
    let out = streams_like_whole(&c, &construct, Format::Wikitext);
    assert!(out.ends_with("头发\n頭髮\n") && !out.contains("-{"));
    // An unclosed `<pre>` keeps everything after it as written.
    let pre = format!("头发\n<pre>\n{}", "头发\n".repeat(3 << 20 >> 3));
    let out = streams_like_whole(&c, &pre, Format::Wikitext);
    assert!(out == pre.replacen("头发", "頭髮", 1));
    // The same with lines of 16 bytes, so that a chunk ends right after a line feed: the
    // open zone reaches the chunk's end, which is no cut.
    let pre = format!("头发\n<pre>xxx\n{}", "头发123456789\n".repeat(1 << 19));
    let out = streams_like_whole(&c, &pre, Format::Wikitext);
    assert!(out == pre.replacen("头发", "頭髮", 1));
}

/// A thread pool of `n` threads, whatever the machine has.
fn pool_of(n: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .unwrap()
}

/// Issue 22: an ignore block or a `zhnorm-disable-next-line` across the places where a
/// stream would be cut is kept exactly as the whole document keeps it.
#[test]
fn ignore_comments_stream_like_whole() {
    let c = Converter::new(Variant::Hant);
    let lines = "头发\n".repeat(600_000);
    let text = format!("头发<!-- zhnorm-disable -->\n{lines}<!-- zhnorm-enable -->后来\n{lines}");
    let out = streams_like_whole(&c, &text, Format::Wikitext);
    assert!(out.starts_with("頭髮<!-- zhnorm-disable -->\n头发\n"));
    assert!(out.contains("<!-- zhnorm-enable -->後來\n頭髮\n"));
    let text = format!("{lines}<!-- zhnorm-disable-next-line -->\n头发\n后来\n");
    let out = streams_like_whole(&c, &text, Format::Wikitext);
    assert!(out.ends_with("<!-- zhnorm-disable-next-line -->\n头发\n後來\n"));
}
