//! SubRip (`.srt`) and WebVTT (`.vtt`) subtitles: only cue text is text.
//!
//! Cue numbers, timing lines (`00:00:01,000 --> 00:00:02,000` and their settings), the
//! `WEBVTT` header, `STYLE` and `REGION` blocks are kept; in cue text, tags (`<i>`,
//! `<c.yellow>`, `<v 讲者>`, `{\an8}`) and entities are kept. `NOTE` blocks are comments:
//! their text is converted, and ignore directives in them are read.

use super::Zones;

/// Scans a subtitle file.
pub(super) fn scan(text: &str, z: &mut Zones) {
    let b = text.as_bytes();
    let mut kept_from = 0;
    let mut text_span = |s: usize, e: usize, z: &mut Zones| {
        if e > s && s >= kept_from {
            z.hidden.push((kept_from, s));
            kept_from = e;
        }
    };
    #[derive(PartialEq)]
    enum Block {
        None,
        Cue,
        Note,
        Kept,
    }
    let mut block = Block::None;
    let mut at = 0;
    let mut first = true;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let end = start + content.len();
        let lead = if first {
            content.trim_start_matches('\u{feff}')
        } else {
            content
        };
        let is_first = std::mem::replace(&mut first, false);
        if content.trim().is_empty() {
            block = Block::None;
            continue;
        }
        if block == Block::None {
            if is_first && lead.starts_with("WEBVTT") {
                block = Block::Kept;
                continue;
            }
            if lead.starts_with("NOTE") {
                block = Block::Note;
                z.comments.push((start, end));
                text_span(start + 4, end, z);
                continue;
            }
            if lead.starts_with("STYLE") || lead.starts_with("REGION") {
                block = Block::Kept;
                continue;
            }
        }
        match block {
            Block::Kept => continue,
            Block::Note => {
                z.comments.push((start, end));
                text_span(start, end, z);
                continue;
            }
            _ => {}
        }
        if content.contains("-->") {
            block = Block::Cue;
            continue;
        }
        if block != Block::Cue {
            // A cue number or identifier.
            continue;
        }
        // Cue text: pieces between tags and entities.
        let mut p = start;
        let mut seg = start;
        while p < end {
            let close = match b[p] {
                b'<' => memchr::memchr(b'>', &b[p..end]).map(|n| p + n + 1),
                b'{' if b.get(p + 1) == Some(&b'\\') => {
                    memchr::memchr(b'}', &b[p..end]).map(|n| p + n + 1)
                }
                b'&' => memchr::memchr(b';', &b[p..end])
                    .filter(|&n| {
                        n > 1
                            && n < 12
                            && b[p + 1..p + n]
                                .iter()
                                .all(|c| c.is_ascii_alphanumeric() || *c == b'#')
                    })
                    .map(|n| p + n + 1),
                _ => None,
            };
            match close {
                Some(c) => {
                    text_span(seg, p, z);
                    seg = c;
                    p = c;
                }
                None => p += 1,
            }
        }
        text_span(seg, end, z);
    }
    z.hidden.push((kept_from, b.len()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        Zones::texts_of(text, scan)
    }

    #[test]
    fn cue_text_is_text() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\n<i>软件</i>设置\n第二行 {\\an8}\n\n2\n00:00:03,000 --> 00:00:04,000\n网络\n";
        assert_eq!(texts(srt), ["软件", "设置", "第二行 ", "网络"]);
        let vtt = "WEBVTT 标题\n\nNOTE 注释\n\nSTYLE\n::cue { color: 红 }\n\n甲\n00:01.000 --> 00:02.000 align:start\n<v 讲者>你好 &amp; 再见\n";
        assert_eq!(texts(vtt), [" 注释", "你好 ", " 再见"]);
        for s in ["", "-->", "1\n-->\n<", "NOTE", "\u{feff}WEBVTT\n\n-->\n&#;"] {
            let _ = texts(s);
        }
    }
}
