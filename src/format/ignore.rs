//! Inline ignore comments: `zhnorm-disable-line`, `zhnorm-disable-next-line` and
//! `zhnorm-disable` … `zhnorm-enable`, read only inside the comments of the format
//! (`<!-- -->` in Markdown, HTML and wikitext; `#` in PO; `#`/`!` in `.properties`; `//` and
//! `/* */` in JSONC and `.strings`; the comments of source code). What they cover becomes
//! hidden zones, kept byte for byte (markup in them is not read either):
//!
//! * `zhnorm-disable-line`: the line holding the comment;
//! * `zhnorm-disable-next-line`: from the comment to the end of the line after it;
//! * in PO files both cover the entry the comment stands in, up to the next blank line;
//! * `zhnorm-disable`: from the comment to the end of the next comment holding
//!   `zhnorm-enable` (the end of the document without one).
//!
//! The zones run from the comment on (not from the start of a line), so a stream is never
//! cut between a directive and what it covers (the cut scanner avoids kept zones).

use super::Zones;

/// A directive, longest spelling first.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Directive {
    NextLine,
    Line,
    Disable,
    Enable,
}

const SPELLINGS: [(&str, Directive); 4] = [
    ("zhnorm-disable-next-line", Directive::NextLine),
    ("zhnorm-disable-line", Directive::Line),
    ("zhnorm-disable", Directive::Disable),
    ("zhnorm-enable", Directive::Enable),
];

/// The directive in a comment, if any (the first one).
fn directive(comment: &str) -> Option<Directive> {
    let at = comment.find("zhnorm-")?;
    let rest = &comment[at..];
    SPELLINGS.iter().find_map(|&(word, d)| {
        let after = rest.strip_prefix(word)?;
        // A whole word: `zhnorm-disabled` is not `zhnorm-disable`.
        (!after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .then_some(d)
    })
}

/// Adds the hidden zones of the directives in `z.comments` (sorted). In a PO file
/// (`entries`), whose comments stand on lines of their own before an entry,
/// `zhnorm-disable-line` and `zhnorm-disable-next-line` cover the rest of the entry (up to
/// the next blank line): a `msgstr` is often several lines.
pub(super) fn apply(text: &str, z: &mut Zones, entries: bool) {
    if z.comments.is_empty() || !text.contains("zhnorm-") {
        return;
    }
    z.comments.sort_unstable();
    let b = text.as_bytes();
    let line_end = |from: usize| memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |i| from + i);
    let comments = std::mem::take(&mut z.comments);
    let mut i = 0;
    while i < comments.len() {
        let (s, e) = comments[i];
        i += 1;
        match directive(&text[s..e]) {
            Some(Directive::Line | Directive::NextLine) if entries => {
                let mut end = line_end(e);
                while end < b.len() {
                    let next = line_end(end + 1);
                    if text[end + 1..next].trim().is_empty() {
                        break;
                    }
                    end = next;
                }
                z.hidden.push((s, end));
            }
            Some(Directive::Line) => {
                let start = b[..s]
                    .iter()
                    .rposition(|&c| c == b'\n')
                    .map_or(0, |n| n + 1);
                z.hidden.push((start, line_end(e)));
            }
            Some(Directive::NextLine) => {
                let end = match line_end(e) {
                    n if n < b.len() => line_end(n + 1),
                    n => n,
                };
                z.hidden.push((s, end));
            }
            Some(Directive::Disable) => {
                let enable = comments[i..]
                    .iter()
                    .position(|&(cs, ce)| directive(&text[cs..ce]) == Some(Directive::Enable));
                match enable {
                    Some(k) => {
                        z.hidden.push((s, comments[i + k].1));
                        i += k + 1;
                    }
                    None => {
                        z.hidden.push((s, b.len()));
                        break;
                    }
                }
            }
            Some(Directive::Enable) | None => {}
        }
    }
    z.comments = comments;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_whole_words() {
        assert_eq!(
            directive("<!-- zhnorm-disable -->"),
            Some(Directive::Disable)
        );
        assert_eq!(directive("# zhnorm-disable-line"), Some(Directive::Line));
        assert_eq!(
            directive("// zhnorm-disable-next-line: 原因"),
            Some(Directive::NextLine)
        );
        assert_eq!(directive("/* zhnorm-enable */"), Some(Directive::Enable));
        assert_eq!(directive("# zhnorm-disabled"), None);
        assert_eq!(directive("# 注释"), None);
    }
}
