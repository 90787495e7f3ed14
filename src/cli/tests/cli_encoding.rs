//! `--encoding LABEL` (issue "Change only the text", item 4): inputs in a named encoding
//! are decoded strictly, converted and written back in the same encoding; malformed bytes
//! and characters the encoding cannot hold are errors that leave the file as it was. The
//! fixtures are made here with encoding_rs, and what zhnorm writes is read back with it.

mod common;

use std::fs;
use std::path::PathBuf;

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16LE};

use common::{output, write, zhnorm};

fn tmpdir(name: &str) -> PathBuf {
    common::tmpdir("encoding", name)
}

/// `text` in `encoding`; the test fails if the encoding cannot hold it.
fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, used, unmappable) = encoding.encode(text);
    assert_eq!(used, encoding);
    assert!(!unmappable, "{} cannot hold {text:?}", encoding.name());
    bytes.into_owned()
}

/// The text of `bytes` in `encoding`, decoded strictly.
fn decode(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .unwrap_or_else(|| panic!("not {}: {bytes:?}", encoding.name()))
        .into_owned()
}

#[test]
fn gb18030_and_big5_files_are_rewritten_in_their_encoding() {
    let d = tmpdir("rewrite");
    // The emoji and 𠮷 are four-byte GB18030 sequences; 第二行 stays as it is.
    let gb = "软件和头发 😀𠮷\r\n第二行\n";
    write(&d.join("gb.txt"), &encode(GB18030, gb));
    zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--encoding", "gb18030", "-w", "gb.txt"])
        .assert()
        .success();
    let written = fs::read(d.join("gb.txt")).unwrap();
    assert_eq!(decode(GB18030, &written), "軟體和頭髮 😀𠮷\r\n第二行\n");
    assert_eq!(written, encode(GB18030, "軟體和頭髮 😀𠮷\r\n第二行\n"));
    // Written once, clean afterwards.
    zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--encoding", "gb18030", "--check", "gb.txt"])
        .assert()
        .success();

    // Big5: Taiwan's character forms; the label big5-hkscs is Big5 (with the HKSCS
    // decoding).
    write(&d.join("b5.md"), &encode(BIG5, "# 裏面\n\n裏外和頭髮。\n"));
    zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--encoding", "big5-hkscs", "-w", "b5.md"])
        .assert()
        .success();
    let written = fs::read(d.join("b5.md")).unwrap();
    assert_eq!(decode(BIG5, &written), "# 裡面\n\n裡外和頭髮。\n");
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn standard_output_and_stdin_get_the_named_encoding() {
    let d = tmpdir("stdout");
    write(&d.join("g.txt"), &encode(GBK, "软件和头发\n"));
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--encoding", "gbk", "g.txt"])
        .assert()
        .success();
    assert_eq!(
        decode(GBK, &a.get_output().stdout),
        "軟件和頭髮\n",
        "GBK holds these Traditional characters"
    );
    // Standard input, piped: read whole, written in the encoding too.
    let a = zhnorm()
        .args(["--to", "tw", "--encoding", "big5"])
        .write_stdin(encode(BIG5, "裏面\n"))
        .assert()
        .success();
    assert_eq!(a.get_output().stdout, encode(BIG5, "裡面\n"));
    // UTF-16 named without its byte order mark: none is added.
    let utf16le = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    write(&d.join("u.txt"), &utf16le("软件 abc\n"));
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--encoding", "utf-16le", "u.txt"])
        .assert()
        .success();
    assert_eq!(a.get_output().stdout, utf16le("軟體 abc\n"));
    assert_eq!(decode(UTF_16LE, &a.get_output().stdout), "軟體 abc\n");
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn check_and_stats_read_the_named_encoding() {
    let d = tmpdir("check");
    write(&d.join("g.txt"), &encode(GBK, "第一行\n软件和头发\n"));
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--encoding", "GBK", "--check", "g.txt"])
        .assert()
        .code(1);
    let (out, _) = output(&a);
    assert!(out.contains("g.txt:2:1: 软 → 軟"), "{out}");
    assert!(out.contains("g.txt:2:4: 头发 → 頭髮"), "{out}");
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--encoding", "gbk", "--diff", "g.txt"])
        .assert()
        .code(1);
    let (out, _) = output(&a);
    assert!(out.contains("-软件和头发\n+軟件和頭髮\n"), "{out}");
    let a = zhnorm()
        .current_dir(&d)
        .args(["--expect", "hant", "--encoding", "gbk", "g.txt"])
        .assert()
        .code(1);
    assert!(output(&a).0.contains("simplified 3"), "{}", output(&a).0);
    // Without --encoding the same file is an error that suggests it.
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--check", "g.txt"])
        .assert()
        .code(2);
    let (_, err) = output(&a);
    assert!(err.contains("g.txt: invalid UTF-8 at byte offset"), "{err}");
    assert!(err.contains("--encoding LABEL"), "{err}");
    // zhnorm.toml may name the encoding; the flag wins.
    write(
        &d.join("zhnorm.toml"),
        b"to = \"hant\"\nencoding = \"gbk\"\n",
    );
    zhnorm()
        .current_dir(&d)
        .args(["--check", "g.txt"])
        .assert()
        .code(1);
    zhnorm()
        .current_dir(&d)
        .args(["--check", "--encoding", "utf-8", "g.txt"])
        .assert()
        .code(2);
    // A label it does not know is an error that does not repeat the file's words.
    write(
        &d.join("zhnorm.toml"),
        b"to = \"hant\"\nencoding = \"s3cr3t\"\n",
    );
    let a = zhnorm()
        .current_dir(&d)
        .args(["--check", "g.txt"])
        .assert()
        .code(2);
    let (_, err) = output(&a);
    assert!(err.contains("`encoding`: not an encoding label"), "{err}");
    assert!(!err.contains("s3cr3t"), "{err}");
    let a = zhnorm()
        .current_dir(&d)
        .args([
            "--no-config-file",
            "--to",
            "hant",
            "--encoding",
            "hz-gb-2312",
            "g.txt",
        ])
        .assert()
        .code(2);
    assert!(
        output(&a).1.contains("--encoding `hz-gb-2312`"),
        "{}",
        output(&a).1
    );
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn malformed_bytes_are_an_error_with_their_offset() {
    let d = tmpdir("malformed");
    // 软件 in GBK (4 bytes), then a lead byte followed by a space: no GBK pair.
    let mut bad = encode(GBK, "软件");
    bad.extend_from_slice(&[0x81, b' ', b'x', b'\n']);
    assert!(GBK
        .decode_without_bom_handling_and_without_replacement(&bad)
        .is_none());
    write(&d.join("bad.txt"), &bad);
    for action in ["-w", "--check", "--stats"] {
        let a = zhnorm()
            .current_dir(&d)
            .args(["--to", "hant", "--encoding", "gbk", action, "bad.txt"])
            .assert()
            .code(2);
        let (out, err) = output(&a);
        assert!(
            err.contains("bad.txt: invalid GBK (as --encoding says) at byte offset 4"),
            "{action}: {err}"
        );
        assert!(!out.contains('\u{fffd}'), "{action}: {out}");
    }
    assert_eq!(fs::read(d.join("bad.txt")).unwrap(), bad);
    // Nothing of it reaches standard output either.
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--encoding", "gbk", "bad.txt"])
        .assert()
        .code(2);
    assert!(a.get_output().stdout.is_empty());
    // A byte order mark that contradicts the label.
    write(&d.join("bom.txt"), "\u{feff}软件".as_bytes());
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--encoding", "gbk", "-w", "bom.txt"])
        .assert()
        .code(2);
    let (_, err) = output(&a);
    assert!(
        err.contains("bom.txt: starts with a UTF-8 byte order mark, but --encoding says GBK"),
        "{err}"
    );
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_character_the_encoding_cannot_hold_leaves_the_file_unchanged() {
    let d = tmpdir("unencodable");
    // Big5 has no Simplified 这 or 们: converting to Simplified cannot be written back.
    for c in ["这", "们"] {
        let (_, _, unmappable) = BIG5.encode(c);
        assert!(unmappable, "Big5 holds {c}");
    }
    let original = encode(BIG5, "第一行\n好的，這是我們的。\n");
    write(&d.join("t.txt"), &original);
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hans", "--encoding", "big5", "-w", "t.txt"])
        .assert()
        .code(2);
    let (_, err) = output(&a);
    assert!(
        err.contains(
            "t.txt:2:4: the conversion gives 这 (U+8FD9), which Big5 cannot encode; \
             nothing written for this input (file left unchanged)"
        ),
        "{err}"
    );
    assert_eq!(fs::read(d.join("t.txt")).unwrap(), original);
    // --check says so too, and standard output gets nothing of it.
    zhnorm()
        .current_dir(&d)
        .args(["--to", "hans", "--encoding", "big5", "--check", "t.txt"])
        .assert()
        .code(2);
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hans", "--encoding", "big5", "t.txt"])
        .assert()
        .code(2);
    assert!(a.get_output().stdout.is_empty());
    // With -o, the output file is not created.
    zhnorm()
        .current_dir(&d)
        .args([
            "--to",
            "hans",
            "--encoding",
            "big5",
            "-o",
            "out.txt",
            "t.txt",
        ])
        .assert()
        .code(2);
    assert!(!d.join("out.txt").exists());
    fs::remove_dir_all(&d).unwrap();
}

/// "Change only the text": a legacy encoding may decode characters it cannot encode
/// (Big5-HKSCS's extension rows) or encode one character of two byte sequences in one
/// form; the lines the conversion leaves alone are written back byte for byte.
#[test]
fn unchanged_lines_keep_their_bytes() {
    let d = tmpdir("kept");
    // A two-byte HKSCS character that Big5's encoder has no bytes for.
    let hkscs = (0x87u8..=0xA0)
        .flat_map(|lead| (0x40u8..=0x7E).chain(0xA1..=0xFE).map(move |t| [lead, t]))
        .find(|b| {
            BIG5.decode_without_bom_handling_and_without_replacement(b)
                .is_some_and(|s| s.chars().count() == 1 && BIG5.encode(&s).2)
        })
        .expect("an HKSCS character outside Big5's encoder");
    let mut original = hkscs.to_vec();
    original.extend(encode(BIG5, "\n裏面\n"));
    write(&d.join("hk.txt"), &original);
    zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--encoding", "big5-hkscs", "-w", "hk.txt"])
        .assert()
        .success();
    let mut expected = hkscs.to_vec();
    expected.extend(encode(BIG5, "\n裡面\n"));
    assert_eq!(fs::read(d.join("hk.txt")).unwrap(), expected);
    // On a line that changes, the character cannot be written: an error, the file kept.
    let mut original = hkscs.to_vec();
    original.extend(encode(BIG5, "裏面\n"));
    write(&d.join("hk.txt"), &original);
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--encoding", "big5-hkscs", "-w", "hk.txt"])
        .assert()
        .code(2);
    let (_, err) = output(&a);
    assert!(err.contains("hk.txt:1:1: the conversion gives "), "{err}");
    assert!(err.contains("which Big5 cannot encode"), "{err}");
    assert_eq!(fs::read(d.join("hk.txt")).unwrap(), original);
    fs::remove_dir_all(&d).unwrap();
}

/// A file that is not UTF-8 writes nothing, whether standard output gets the conversion
/// (the file is checked whole before it streams) or `-o FILE` does (the stream finds the
/// byte 9 MB in, after converting what comes before it, on one thread or on the pool of
/// a big file; the output file is not replaced, its temporary file is gone), alone or
/// after a good file; the error names the offset either way.
#[test]
fn invalid_utf8_writes_nothing_to_stdout_or_to_o() {
    let d = tmpdir("late-bad-byte");
    let mut bad = "后发，头发。\n".repeat((9 << 20) / 19).into_bytes();
    let offset = bad.len();
    bad.extend_from_slice(b"\xFF\n");
    write(&d.join("bad.txt"), &bad);
    write(&d.join("good.txt"), "头发\n".as_bytes());
    let want =
        format!("bad.txt: invalid UTF-8 at byte offset {offset} (nothing written for this file)");
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "bad.txt"])
        .assert()
        .code(2);
    let (out, err) = output(&a);
    assert!(out.is_empty(), "{} bytes written", out.len());
    assert!(err.contains(&want), "{err}");
    for inputs in [&["bad.txt"][..], &["good.txt", "bad.txt"]] {
        write(&d.join("out.txt"), b"before\n");
        let a = zhnorm()
            .current_dir(&d)
            .args(["--to", "hant", "-o", "out.txt"])
            .args(inputs)
            .assert()
            .code(2);
        let (_, err) = output(&a);
        assert!(err.contains(&want), "{inputs:?}: {err}");
        assert_eq!(
            fs::read(d.join("out.txt")).unwrap(),
            b"before\n",
            "{inputs:?}"
        );
        let mut names: Vec<_> = fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["bad.txt", "good.txt", "out.txt"], "{inputs:?}");
    }
    // The same file without the bad byte: standard output gets all of it (held back
    // until the check passed, then written), as `-o` does.
    write(&d.join("fine.txt"), &bad[..offset]);
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "fine.txt"])
        .assert()
        .success();
    let out = a.get_output().stdout.clone();
    assert_eq!(out.len(), offset);
    assert!(
        out.starts_with("後發，頭髮。\n".as_bytes()),
        "{:?}",
        &out[..40]
    );
    zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "-o", "fine-out.txt", "fine.txt"])
        .assert()
        .success();
    assert!(fs::read(d.join("fine-out.txt")).unwrap() == out);
    // With -j 1 and -j 2 (the parallel stream).
    for jobs in ["1", "2"] {
        let a = zhnorm()
            .current_dir(&d)
            .args(["--to", "hant", "-j", jobs, "-o", "new.txt", "bad.txt"])
            .assert()
            .code(2);
        assert!(output(&a).1.contains(&want), "-j {jobs}");
        assert!(!d.join("new.txt").exists(), "-j {jobs}");
    }
}
