//! Tests of the embedded tables and the conversion loop.

use super::*;

#[test]
fn embedded_tables_read_and_write_back_unchanged() {
    for (id, embedded) in TABLE_BYTES.iter().enumerate() {
        // Under Miri only the smallest tables (the family's members among them, which
        // load the family): rewriting a 50 KB table there takes about ten seconds.
        if cfg!(miri) && embedded.len() > 25_000 {
            continue;
        }
        let bytes = embedded.bytes();
        let sections = format::read(&bytes.0).unwrap();
        assert_eq!(format::write(&sections), &bytes.0, "table {id}");
        assert_eq!(Table::get(TableId(id as u16)).size(), bytes.0.len());
    }
}

/// A small embedded table (OpenCC's Japanese phrases and characters, jp2t) through
/// every conversion path: one-character values, phrase values, unchanged runs of every
/// length (the copies of `append` and `append_from`), segments. Small enough for Miri,
/// which runs it (`.ci/run`).
#[test]
fn small_table_converts_in_place() {
    let t = Table::get(crate::Config::Jp2t.spec().stages[0]);
    // 国 → 國 and 学 → 學 (one character), 世論 → 輿論 (a phrase), ASCII skipped.
    for (text, want) in [
        ("", ""),
        ("国", "國"),
        ("国の世論", "國の輿論"),
        ("ab国", "ab國"),
        ("のの国", "のの國"),
        ("é𠮷国", "é𠮷國"),
        (
            "世論 abcdefghijklmnopqrstuvwxyz 学",
            "輿論 abcdefghijklmnopqrstuvwxyz 學",
        ),
        (
            "学 abcdefghijklmnopqrstuvwxyz",
            "學 abcdefghijklmnopqrstuvwxyz",
        ),
        (
            "のの国ののの世論ののののの学のののの",
            "のの國ののの輿論ののののの學のののの",
        ),
        (
            "unchanged, more than sixteen bytes",
            "unchanged, more than sixteen bytes",
        ),
    ] {
        let mut out = String::from(">");
        assert_eq!(t.convert(text, &mut out), text != want, "{text:?}");
        assert_eq!(out, format!(">{want}"));
        // Segments: the same text cut anywhere converts piece by piece.
        let ends: Vec<usize> = (1..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        if ends.is_empty() {
            continue;
        }
        let mut pieces = String::new();
        let mut out_ends = Vec::new();
        t.convert_segments(text, &ends, &mut pieces, Some(&mut out_ends));
        let mut start = 0;
        let mut each = String::new();
        for &end in &ends {
            t.convert(&text[start..end], &mut each);
            start = end;
        }
        assert_eq!(pieces, each, "{text:?}");
        assert_eq!(out_ends.last(), Some(&pieces.len()));
    }
}

/// No key of two or more characters in any normalization table (pre-stages, script
/// tables, post-stages) holds a clause mark, and no table maps a clause mark, so
/// converting consecutive clauses in one call (as the engine does for clauses decided
/// alike) gives what converting them apart gives, stage after stage.
#[test]
#[cfg_attr(miri, ignore = "walks 50 000 keys")]
fn normalization_keys_hold_no_clause_mark() {
    let marks = [
        '，', '、', '：', '；', '「', '」', '（', '）', '“', '”', '《', '》', '〈', '〉', '『',
        '』', ' ', ',', ';', ':', '(', ')', '\t',
    ];
    assert!(marks
        .iter()
        .all(|&c| crate::engine::sentence::is_clause_mark(c)));
    assert!(!crate::engine::sentence::is_clause_mark('。'));
    let mut all = 0;
    for id in [
        HANS_FULL,
        HANS_WORDS,
        HANS_STRICT,
        HANT_FULL,
        HANT_WORDS,
        HANT_STRICT,
        HK_WORDS,
        HK_STRICT,
        TW_PRE,
        TW_PRE_KEPT,
        HK_PRE,
        HK_PRE_KEPT,
        CN_PRE,
        TW_POST,
        TW_POST_FULL,
        TW_POST_PLAIN,
        TW_POST_KEPT,
        HANT_POST_KEPT,
        HK_POST,
        HK_POST_FULL,
        HK_POST_PLAIN,
        HK_POST_KEPT,
    ] {
        let t = Table::get(id);
        for &c in &marks {
            let mut out = String::new();
            t.convert(c.encode_utf8(&mut [0; 4]), &mut out);
            assert_eq!(out, c.to_string(), "table {id} maps the clause mark {c:?}");
        }
        let mut keys = 0;
        for &slot in t.slots.iter().filter(|&&s| s != 0) {
            let pair = [slot & 0x1F_FFFF, slot >> 21 & 0x1F_FFFF]
                .map(|c| char::from_u32(c as u32).unwrap());
            let mut at = (slot >> 42) as usize;
            loop {
                let (rest, _, last) = format::record(t.records, at);
                let key = format!(
                    "{}{}{}",
                    pair[0],
                    pair[1],
                    std::str::from_utf8(rest).unwrap()
                );
                assert!(
                    !key.chars().any(crate::engine::sentence::is_clause_mark),
                    "table {id}: key {key:?} holds a clause mark"
                );
                keys += 1;
                if last {
                    break;
                }
                at += 1 + rest.len() + RECORD_ENTRY;
            }
        }
        all += keys;
    }
    assert!(all > 100_000, "{all} keys of two or more characters");
}

/// The loop over runs of three-byte characters of dense tables ([`Fast`]) gives what
/// the general loop gives, byte for byte, with segments and segment ends: a character
/// at the very end (no fourth byte to load), phrases across and at segment ends, ASCII,
/// two- and four-byte characters, values of other lengths. Under Miri, one table of
/// the family (small) on the short texts.
#[test]
fn fast_runs_equal_the_general_loop() {
    let mut texts: Vec<String> = [
        "",
        "国",
        "头发",
        "后来他们的头发都白了，软件和网络。",
        "a头发b",
        "é国𠮷后来ü",
        "乾隆年间，台湾的面条与麵條",
        "只有一只猫\n干净的干部",
    ]
    .iter()
    .map(|t| t.to_string())
    .collect();
    if !cfg!(miri) {
        let article = include_str!("../../tests/data/article/wic-article.md");
        texts.extend(article.lines().map(str::to_string));
        texts.push(article.to_string());
    }
    // Under Miri one small member of the family (27 KB: entries and page index; size
    // first, so that no other table is loaded).
    let dense: Vec<TableId> = TableId::all()
        .filter(|&id| !cfg!(miri) || TABLE_BYTES[id.index()].len() < 30_000)
        .filter(|&id| Table::get(id).fast.is_some())
        .take(if cfg!(miri) { 1 } else { usize::MAX })
        .collect();
    assert!(!dense.is_empty());
    for id in dense {
        let t = Table::get(id);
        for text in &texts {
            let whole = [text.len()];
            // Segment ends at every third character boundary.
            let mut ends: Vec<usize> = (1..text.len())
                .filter(|&i| text.is_char_boundary(i))
                .step_by(3)
                .collect();
            ends.push(text.len());
            for ends in [&whole[..], &ends[..]] {
                let (mut a, mut b) = (String::new(), String::new());
                let (mut ea, mut eb) = (Vec::new(), Vec::new());
                let ca = t.run_with::<false, false, true>(text, ends, &mut a, Some(&mut ea));
                let cb = t.run_with::<false, false, false>(text, ends, &mut b, Some(&mut eb));
                assert_eq!((ca, &a, &ea), (cb, &b, &eb), "table {id}: {text:?}");
                let (mut a, mut b) = (String::new(), String::new());
                let (mut ea, mut eb) = (Vec::new(), Vec::new());
                t.run_with::<true, false, true>(text, ends, &mut a, Some(&mut ea));
                t.run_with::<true, false, false>(text, ends, &mut b, Some(&mut eb));
                assert_eq!((&a, &ea), (&b, &eb), "table {id}, split: {text:?}");
            }
        }
    }
}

/// Segmentation with a small table: segments cover the text in order, and converting
/// while segmenting gives the plain conversion.
#[test]
fn small_table_segments() {
    let t = Table::get(crate::Config::Jp2t.spec().stages[0]);
    let text = "国の世論調査 ab 学校の世論";
    let mut ends = Vec::new();
    t.segment(text, &mut ends);
    assert!(ends.windows(2).all(|w| w[0] < w[1]), "{ends:?}");
    assert_eq!(ends.last(), Some(&text.len()));
    assert!(ends.iter().all(|&e| text.is_char_boundary(e)));
    let mut plain = String::new();
    t.convert(text, &mut plain);
    let mut out = String::new();
    let mut out_ends = Vec::new();
    t.convert_segmenting(text, &mut out, &mut out_ends);
    assert_eq!(out, plain);
    assert_eq!(out_ends.last(), Some(&out.len()));
    assert!(out_ends.windows(2).all(|w| w[0] < w[1]), "{out_ends:?}");
}
