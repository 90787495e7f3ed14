//! Wikitext zones: HTML tags, comments, entities and the elements whose content is not
//! wikitext (`<nowiki>`, `<script>`, `<style>`, `<math>`, `<syntaxhighlight>`, `<source>`)
//! are hidden; `<code>` and `<pre>` are kept unconverted, but markup in them is resolved,
//! as MediaWiki does.

use super::Zones;

/// Finds `</name` (ASCII case-insensitive) from `from`; returns the end of its `>`.
fn find_close(text: &str, from: usize, name: &str) -> usize {
    let mut p = from;
    while let Some(i) = text[p..].find("</") {
        let at = p + i;
        let cand = &text.as_bytes()[at + 2..];
        if cand.len() >= name.len() && cand[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return text[at..].find('>').map_or(text.len(), |j| at + j + 1);
        }
        p = at + 2;
    }
    text.len()
}

/// The largest char boundary of `text` at or before `at` (clamped to its length).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

pub(super) fn scan(text: &str, z: &mut Zones) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' if text[i..].starts_with("<!--") => {
                let end = text[i + 4..]
                    .find("-->")
                    .map_or(text.len(), |j| i + 4 + j + 3);
                z.hidden.push((i, end));
                i = end;
            }
            b'<' if b
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!') =>
            {
                // A tag: up to the next `>` (within 4 KiB, so malformed input stays linear).
                let window = &text[i..floor_boundary(text, i + 4096)];
                let Some(close) = window.find('>') else {
                    i += 1;
                    continue;
                };
                let tag_end = i + close + 1;
                let name: String = text[i + 1..tag_end]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let self_closing = text[..tag_end].ends_with("/>");
                match name.as_str() {
                    "script" | "style" | "nowiki" | "math" | "syntaxhighlight" | "source"
                        if !self_closing =>
                    {
                        let end = find_close(text, tag_end, &name);
                        z.hidden.push((i, end));
                        i = end;
                    }
                    "code" | "pre" if !self_closing => {
                        let end = find_close(text, tag_end, &name);
                        z.unconverted.push((i, end));
                        z.hidden.push((i, tag_end));
                        i = tag_end;
                    }
                    _ => {
                        z.hidden.push((i, tag_end));
                        i = tag_end;
                    }
                }
            }
            b'&' => {
                let rest = &text[i + 1..floor_boundary(text, i + 40)];
                let n = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
                    .unwrap_or(rest.len());
                if n > 0 && rest[n..].starts_with(';') {
                    z.hidden.push((i, i + n + 2));
                    i += n + 2;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
}
