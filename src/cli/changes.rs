//! Describing what a conversion changed: `--check` listings and `--diff` output.

use similar::{ChangeTag, DiffTag, TextDiff};

/// One changed span: position in the original (1-based line, column in characters),
/// the original and converted text, and some context around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub line: usize,
    pub column: usize,
    pub from: String,
    pub to: String,
    pub context: String,
}

const CONTEXT: usize = 8;

/// The changes between `old` and `new`. Conversion keeps line breaks, so lines are paired;
/// within a line, characters are diffed and adjacent edits merged. Where markup spanning
/// lines was resolved (`-{zh-hans:甲\n乙;zh-hant:丙}-`) the line counts differ: lines are
/// aligned by a line diff first, and positions stay those of the original.
pub fn changes(old: &str, new: &str) -> Vec<Change> {
    let mut out = Vec::new();
    let old_lines: Vec<&str> = old.split('\n').collect();
    let new_lines: Vec<&str> = new.split('\n').collect();
    if old_lines.len() == new_lines.len() {
        paired(&old_lines, &new_lines, 0, &mut out);
        return out;
    }
    let diff = TextDiff::from_slices(&old_lines, &new_lines);
    for op in diff.ops() {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {}
            _ if o.len() == n.len() => {
                paired(&old_lines[o.clone()], &new_lines[n], o.start, &mut out)
            }
            _ => {
                // Lines that became more or fewer lines: one change for the group.
                let first: Vec<char> = old_lines
                    .get(o.start)
                    .copied()
                    .unwrap_or("")
                    .chars()
                    .collect();
                out.push(Change {
                    line: o.start + 1,
                    column: 1,
                    from: old_lines[o].join("\n"),
                    to: new_lines[n].join("\n"),
                    context: first[..first.len().min(2 * CONTEXT)]
                        .iter()
                        .collect::<String>()
                        .replace(['\r', '\t'], " "),
                });
            }
        }
    }
    out
}

/// The changes between paired lines, the first of them being line `first + 1`.
fn paired(old: &[&str], new: &[&str], first: usize, out: &mut Vec<Change>) {
    for (i, (a, b)) in old.iter().zip(new).enumerate() {
        let n = first + i;
        if a == b {
            continue;
        }
        let ac: Vec<char> = a.chars().collect();
        let bc: Vec<char> = b.chars().collect();
        if ac.len() == bc.len() {
            // The usual case (character-for-character conversion): compare positions.
            let mut i = 0;
            while i < ac.len() {
                if ac[i] == bc[i] {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < ac.len() && ac[i] != bc[i] {
                    i += 1;
                }
                let (cs, ce) = (
                    start.saturating_sub(CONTEXT),
                    (start + CONTEXT).min(ac.len()),
                );
                out.push(Change {
                    line: n + 1,
                    column: start + 1,
                    from: ac[start..i].iter().collect(),
                    to: bc[start..i].iter().collect(),
                    context: ac[cs..ce]
                        .iter()
                        .collect::<String>()
                        .replace(['\r', '\t'], " "),
                });
            }
            continue;
        }
        let diff = TextDiff::from_chars(*a, *b);
        let mut col = 0; // characters of `a` consumed
        let mut cur: Option<Change> = None;
        for op in diff.iter_all_changes() {
            let v = op.value();
            match op.tag() {
                ChangeTag::Equal => {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    col += v.chars().count();
                }
                tag => {
                    let c = cur.get_or_insert_with(|| {
                        let start = col.saturating_sub(CONTEXT);
                        let end = (col + CONTEXT).min(ac.len());
                        Change {
                            line: n + 1,
                            column: col + 1,
                            from: String::new(),
                            to: String::new(),
                            context: ac[start..end]
                                .iter()
                                .collect::<String>()
                                .replace(['\r', '\t'], " "),
                        }
                    });
                    if tag == ChangeTag::Delete {
                        c.from.push_str(v);
                        col += v.chars().count();
                    } else {
                        c.to.push_str(v);
                    }
                }
            }
        }
        if let Some(c) = cur.take() {
            out.push(c);
        }
    }
}

/// A unified diff of one file.
pub fn unified(name: &str, old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(name, name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_merged_changes_with_positions() {
        let c = changes("第一行\n然后我们去了", "第一行\n然後我們去了");
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[0].line, c[0].column, c[0].from.as_str(), c[0].to.as_str()),
            (2, 2, "后", "後")
        );
        assert_eq!(
            (c[1].line, c[1].column, c[1].from.as_str(), c[1].to.as_str()),
            (2, 4, "们", "們")
        );
    }

    #[test]
    fn markup_spanning_lines_keeps_the_positions_of_the_original() {
        // Issue 14, D14: this listed `5:1: 后来 →  ()`.
        let old = "-{zh-hans:甲\n乙;zh-hant:丙}-\n第二行\n后来\n";
        let c = changes(old, "丙\n第二行\n後來\n");
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!((c[0].line, c[0].column), (1, 1));
        assert_eq!(c[0].from, "-{zh-hans:甲\n乙;zh-hant:丙}-");
        assert_eq!(c[0].to, "丙");
        assert_eq!(
            (c[1].line, c[1].column, c[1].from.as_str(), c[1].to.as_str()),
            (4, 1, "后来", "後來")
        );
    }

    #[test]
    fn unified_diff_has_headers() {
        let d = unified("a.md", "国\n", "國\n");
        assert!(d.contains("--- a.md") && d.contains("-国") && d.contains("+國"));
    }
}
