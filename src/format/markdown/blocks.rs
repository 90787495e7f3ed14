//! The block structure of a Markdown document, line by line: containers (block quotes,
//! list items, footnote definitions), code blocks, HTML blocks, reference definitions,
//! and the lines of inline content (paragraphs, headings, table cells) that
//! `super::inline` reads. The rules are CommonMark's with GFM tables and footnotes, as
//! pulldown-cmark 0.13 applies them (a table whose header row starts with `|` interrupts
//! a paragraph; a footnote definition continues on lines indented by four columns).

use super::lines::{
    blank_at, eol_len, hrule_at, is_ws, line_end, list_marker, next_line, scan_label, Cursor, Label,
};

/// A block of the document, in document order.
#[derive(Debug, Clone, Copy)]
pub(super) enum Block {
    /// A code block (fenced or indented), kept whole.
    Code(usize, usize),
    /// An HTML block, read as HTML.
    Html(usize, usize),
    /// Inline content: the line spans `segs[from..to]`, of this kind.
    Inline(usize, usize, Kind),
}

/// What holds inline content.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Paragraph,
    /// A table cell.
    Cell,
    /// An ATX heading: a code span that ends it (but for spaces and tabs) ends where its
    /// line does, less trailing spaces.
    Heading,
}

/// A link reference definition: its label (normalized), its span (from `[` to the end of
/// the destination or title) and whether it has a non-empty title.
#[derive(Debug)]
pub(super) struct Def {
    pub label: String,
    pub span: (usize, usize),
    pub titled: bool,
}

/// The blocks of a document.
#[derive(Default, Debug)]
pub(super) struct Doc {
    pub blocks: Vec<Block>,
    /// Spans of inline content, one per line (content start, end before the line ending).
    pub segs: Vec<(usize, usize)>,
    /// Reference definitions, in document order.
    pub defs: Vec<Def>,
    /// Footnote definitions' labels (normalized).
    pub notes: Vec<String>,
}

/// An open container.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Container {
    Quote,
    /// A list item, continued by lines indented by this many columns (or blank).
    Item(usize),
    /// A footnote definition (continued by lines indented by four columns, or blank).
    Note,
}

pub(super) fn parse(text: &str) -> Doc {
    let mut p = Parser {
        b: text.as_bytes(),
        stack: Vec::new(),
        doc: Doc::default(),
        blank_item: None,
    };
    let mut ix = 0;
    while ix < p.b.len() {
        ix = p.block(ix);
    }
    p.doc
}

struct Parser<'a> {
    b: &'a [u8],
    stack: Vec<Container>,
    doc: Doc,
    /// The last list item opened had nothing after its marker on its line: the depth of
    /// the container stack with it.
    blank_item: Option<usize>,
}

impl Parser<'_> {
    /// How many open containers the line at `c` continues; `c` moves past their markers.
    #[inline]
    fn containers(&self, c: &mut Cursor) -> usize {
        if self.stack.is_empty() {
            return 0;
        }
        let (n, moved) = self.containers_from(*c);
        *c = moved;
        n
    }

    #[inline(always)]
    fn containers_from(&self, mut c: Cursor) -> (usize, Cursor) {
        let b = self.b;
        for (i, k) in self.stack.iter().enumerate() {
            let save = c;
            let ok = match *k {
                Container::Quote => {
                    c.space(b, 3);
                    if b.get(c.pos) == Some(&b'>') {
                        c.advance(1);
                        c.space(b, 1);
                        true
                    } else {
                        false
                    }
                }
                Container::Item(indent) => c.space(b, indent) || c.at_eol(b),
                Container::Note => c.space(b, 4) || c.at_eol(b),
            };
            if !ok {
                return (i, save);
            }
        }
        (self.stack.len(), c)
    }

    /// Parses the block starting on the line at `start`; returns where the next starts.
    fn block(&mut self, mut start: usize) -> usize {
        let b = self.b;
        let mut c = Cursor::at(start);
        let n = self.containers(&mut c);
        self.stack.truncate(n);
        // New containers.
        loop {
            let save = c;
            let outer = c.space_upto(b, 4);
            if outer >= 4 {
                c = save;
                break;
            }
            let at = c.pos;
            if b[at..].starts_with(b"[^") {
                if let Some(n) = self.footnote(at) {
                    if self.stack.last() == Some(&Container::Note) {
                        self.stack.pop();
                    }
                    self.stack.push(Container::Note);
                    start = at + n;
                    c = Cursor::at(start);
                    continue;
                }
            }
            if let Some((indent, blank)) = list_marker(b, &mut c, outer) {
                self.stack.push(Container::Item(indent));
                if let Some(n) = blank {
                    self.blank_item = Some(self.stack.len());
                    return c.pos + n;
                }
                continue;
            }
            if b.get(at) == Some(&b'>') {
                c.advance(1);
                c.space(b, 1);
                self.stack.push(Container::Quote);
                continue;
            }
            c = save;
            break;
        }
        let blank_item = std::mem::take(&mut self.blank_item);
        let ix = c.pos;
        if let Some(n) = blank_at(b, ix) {
            // A list item begun by a blank line ends at a second one (unless it was
            // already closed).
            if blank_item == Some(self.stack.len()) {
                if let Some(Container::Item(i)) = self.stack.last_mut() {
                    *i = 0;
                }
            }
            return ix + n;
        }
        let indent = c.space_upto(b, 4);
        let ix = c.pos;
        if indent == 4 {
            return self.indented_code(ix);
        }
        if b[ix] == b'<' {
            if let Some(end_tag) = html_end_tag(&b[ix + 1..]) {
                return self.html_block(ix, Some(end_tag));
            }
            if html_block_6(&b[ix + 1..]) || html_block_7(b, ix) {
                return self.html_block(ix, None);
            }
        }
        if hrule_at(b, ix) {
            return line_end(b, ix).1;
        }
        if let Some(level) = atx_at(b, ix) {
            let (end, next) = line_end(b, ix);
            let mut s = ix + level;
            while s < end && matches!(b[s], b' ' | b'\t' | b'\x0b' | b'\x0c') {
                s += 1;
            }
            self.inline_one(s, end, Kind::Heading);
            return next;
        }
        if let Some((n, ch)) = fence_at(b, ix) {
            return self.fenced_code(ix, indent, ch, n);
        }
        // Reference definitions.
        let mut at = ix;
        while let Some(end) = self.refdef(at) {
            let mut ix = end;
            match blank_at(b, ix) {
                Some(n) => ix += n,
                None => return ix,
            }
            match self.lazy_next(ix) {
                Some(next) => at = next,
                None => return ix,
            }
        }
        self.paragraph(at)
    }

    /// The next line at `ix` continues a paragraph-like block (a reference definition):
    /// where its content starts, or `None` if it interrupts it or is blank.
    fn lazy_next(&self, ix: usize) -> Option<usize> {
        let b = self.b;
        let mut c = Cursor::at(ix);
        let n = self.containers(&mut c);
        let current = n == self.stack.len();
        if (!c.space(b, 4) && self.interrupts(c.pos, current)) || blank_at(b, c.pos).is_some() {
            return None;
        }
        c.all_space(b);
        Some(c.pos)
    }

    fn push_inline(&mut self, from: usize, kind: Kind) {
        let to = self.doc.segs.len();
        if to > from {
            self.doc.blocks.push(Block::Inline(from, to, kind));
        }
    }

    fn inline_one(&mut self, s: usize, e: usize, kind: Kind) {
        let from = self.doc.segs.len();
        self.doc.segs.push((s, e));
        self.push_inline(from, kind);
    }

    /// A paragraph (or setext heading, or table) from `start`; returns where the next
    /// block starts.
    fn paragraph(&mut self, start: usize) -> usize {
        let b = self.b;
        let from = self.doc.segs.len();
        let mut ix = start;
        let mut first = true;
        loop {
            let (end, next) = line_end(b, ix);
            if first {
                first = false;
                if let Some((cols, body)) = self.table_head(ix, end, next) {
                    return self.table(ix, cols, body);
                }
            }
            self.doc.segs.push((ix, end));
            if next >= b.len() && end == next {
                ix = next;
                break;
            }
            let mut c = Cursor::at(next);
            let n = self.containers(&mut c);
            let current = n == self.stack.len();
            if !c.space(b, 4) {
                if current && setext_at(b, c.pos) {
                    self.push_inline(from, Kind::Paragraph);
                    return line_end(b, c.pos).1;
                }
                if self.interrupts(c.pos, current) {
                    ix = next;
                    break;
                }
            }
            c.all_space(b);
            if c.at_eol(b) {
                ix = next;
                break;
            }
            ix = c.pos;
        }
        self.push_inline(from, Kind::Paragraph);
        ix
    }

    /// Whether the line content at `ix` interrupts a paragraph (`current`: every open
    /// container continues on that line; `n` of them do).
    fn interrupts(&self, ix: usize, current: bool) -> bool {
        let b = self.b;
        if self.interrupts_no_table(ix, current, false) {
            return true;
        }
        if b.get(ix) != Some(&b'|') {
            return false;
        }
        let (end, next) = line_end(b, ix);
        if next == end {
            return false;
        }
        self.table_cols(ix, end, next).is_some()
    }

    fn interrupts_no_table(&self, ix: usize, current: bool, in_table: bool) -> bool {
        let b = self.b;
        let Some(&c0) = b.get(ix) else {
            return true;
        };
        match c0 {
            b'\n' | b'\r' => true,
            b'*' | b'-' | b'_' | b'+' | b'0'..=b'9' => {
                if c0 != b'+' && !c0.is_ascii_digit() && hrule_at(b, ix) {
                    return true;
                }
                if let Some((after, ch, index)) = list_item_at(b, ix) {
                    if !current || in_table {
                        return true;
                    }
                    return (matches!(ch, b'*' | b'-' | b'+') || index == 1)
                        && blank_at(b, after).is_none();
                }
                false
            }
            b'#' => atx_at(b, ix).is_some(),
            b'`' | b'~' => fence_at(b, ix).is_some(),
            b'>' => true,
            b'<' => html_end_tag(&b[ix + 1..]).is_some() || html_block_6(&b[ix + 1..]),
            b'[' => {
                b.get(ix + 1) == Some(&b'^')
                    && matches!(scan_label(b, ix + 2, None), Some(Label { end, .. }) if b.get(end + 1) == Some(&b':'))
            }
            _ => false,
        }
    }

    /// If the paragraph line `ix..end` (next line at `next`) is a table's header row
    /// followed by its delimiter row: the column count and where the body starts.
    fn table_head(&self, ix: usize, end: usize, next: usize) -> Option<(usize, usize)> {
        if next == end || next == self.b.len() {
            return None;
        }
        // A backslash ending the line is a hard break, read before any table.
        let slashes = self.b[ix..end]
            .iter()
            .rev()
            .take_while(|&&c| c == b'\\')
            .count();
        if slashes % 2 == 1 {
            return None;
        }
        self.table_cols(ix, end, next)
    }

    fn table_cols(&self, ix: usize, end: usize, next: usize) -> Option<(usize, usize)> {
        let b = self.b;
        memchr::memchr(b'|', &b[ix..end])?;
        // Unescaped pipes of the header row (a code span does not protect them).
        let mut pipes = 0;
        let mut last = 0;
        let mut i = ix;
        while i < end {
            match b[i] {
                b'\\' if i + 1 < end && b[i + 1] == b'`' => {
                    i += 1;
                    while i < end && b[i] == b'`' {
                        i += 1;
                    }
                    continue;
                }
                b'\\' if i + 1 < end && b[i + 1].is_ascii_punctuation() => {
                    i += 2;
                    continue;
                }
                b'|' if i == 0 || b[i - 1] != b'\\' => {
                    pipes += 1;
                    last = i;
                }
                _ => {}
            }
            i += 1;
        }
        if pipes == 0 {
            return None;
        }
        let mut c = Cursor::at(next);
        if self.containers(&mut c) != self.stack.len() {
            return None;
        }
        let (cols, body) = delimiter_row(b, c.pos)?;
        // The header's column count: pipes, less one at the start, plus one unless one
        // ends the row.
        let mut s = ix;
        while s < end && matches!(b[s], b' ' | b'\t') {
            s += 1;
        }
        let mut count = pipes;
        if b.get(s) == Some(&b'|') {
            count -= 1;
        }
        if blank_at(b, last + 1).is_none() {
            count += 1;
        }
        (count == cols).then_some((cols, body))
    }

    /// A table whose header row starts at `head`; returns where the next block starts.
    fn table(&mut self, head: usize, cols: usize, body: usize) -> usize {
        let b = self.b;
        self.row(head, cols);
        let mut ix = body;
        while ix < b.len() {
            let mut c = Cursor::at(ix);
            let n = self.containers(&mut c);
            if n != self.stack.len() {
                break;
            }
            c.all_space(b);
            if self.interrupts_no_table(c.pos, true, true) {
                break;
            }
            match self.row(c.pos, cols) {
                Some(next) => ix = next,
                None => break,
            }
        }
        ix
    }

    /// The cells of the table row at `ix` (the first `cols` are inline content); returns
    /// where the next line starts, or `None` if the row has no cell.
    fn row(&mut self, mut ix: usize, cols: usize) -> Option<usize> {
        let b = self.b;
        let mut cells = 0;
        loop {
            if b.get(ix) == Some(&b'|') {
                ix += 1;
            }
            while ix < b.len() && matches!(b[ix], b' ' | b'\t' | b'\x0b' | b'\x0c') {
                ix += 1;
            }
            if ix >= b.len() {
                break;
            }
            if let Some(n) = eol_len(b, ix) {
                ix += n;
                break;
            }
            // The cell ends at an unescaped `|` or at the end of the line.
            let s = ix;
            while ix < b.len() {
                match b[ix] {
                    b'\n' | b'\r' => break,
                    b'|' if ix == 0 || b[ix - 1] != b'\\' => break,
                    b'\\' if ix + 1 < b.len() => {
                        let n = b[ix + 1];
                        if n == b'\\' && b.get(ix + 2) == Some(&b'|') {
                            ix += 3;
                        } else if n.is_ascii_punctuation() && n != b'`' {
                            ix += 2;
                        } else {
                            ix += 1;
                        }
                        continue;
                    }
                    _ => {}
                }
                ix += 1;
            }
            if cells < cols {
                self.inline_one(s, ix, Kind::Cell);
            }
            cells += 1;
        }
        (cells > 0).then_some(ix)
    }

    /// An indented code block whose content starts at `start`.
    fn indented_code(&mut self, start: usize) -> usize {
        let b = self.b;
        let mut ix = start;
        let mut end;
        let mut code_end = start;
        let mut blank = false;
        loop {
            end = next_line(b, ix);
            if !blank {
                code_end = end;
            }
            let mut c = Cursor::at(end);
            let n = self.containers(&mut c);
            if n < self.stack.len() || !(c.space(b, 4) || c.at_eol(b)) {
                break;
            }
            if c.pos == b.len() {
                break;
            }
            ix = c.pos;
            blank = blank_at(b, ix).is_some();
        }
        self.doc.blocks.push(Block::Code(start, code_end));
        end
    }

    /// A fenced code block opened at `start` by `n` `ch` after `indent` columns.
    fn fenced_code(&mut self, start: usize, indent: usize, ch: u8, n: usize) -> usize {
        let b = self.b;
        let mut ix = next_line(b, start);
        loop {
            if ix >= b.len() {
                self.doc.blocks.push(Block::Code(start, b.len()));
                return b.len();
            }
            let mut c = Cursor::at(ix);
            if self.containers(&mut c) < self.stack.len() {
                self.doc.blocks.push(Block::Code(start, ix));
                return ix;
            }
            c.space(b, indent);
            let mut close = c;
            if !close.space(b, 4 - indent) {
                if let Some(k) = closing_fence(b, close.pos, ch, n) {
                    let end = close.pos + k;
                    self.doc.blocks.push(Block::Code(start, end));
                    return end + blank_at(b, end).unwrap_or(0);
                }
            }
            ix = next_line(b, c.pos);
        }
    }

    /// An HTML block at `start`, ended by a line holding `end_tag`, or else by a blank
    /// line.
    fn html_block(&mut self, start: usize, end_tag: Option<&[u8]>) -> usize {
        let b = self.b;
        let mut ix = start;
        loop {
            let line = ix;
            ix = next_line(b, ix);
            let mut c = Cursor::at(ix);
            let n = self.containers(&mut c);
            if n < self.stack.len() {
                self.doc.blocks.push(Block::Html(start, ix));
                return ix;
            }
            match end_tag {
                Some(tag) => {
                    if memchr::memmem::find(&b[line..ix], tag).is_some() {
                        self.doc.blocks.push(Block::Html(start, ix));
                        return ix;
                    }
                }
                None => {
                    if c.at_eol(b) {
                        self.doc.blocks.push(Block::Html(start, ix));
                        return ix;
                    }
                }
            }
            let next = c.pos;
            if next == b.len() || (end_tag.is_none() && blank_at(b, next).is_some()) {
                self.doc.blocks.push(Block::Html(start, next));
                return ix;
            }
            ix = next;
        }
    }

    /// A footnote definition's `[^label]:` at `start`: its length with the whitespace
    /// after it.
    fn footnote(&mut self, start: usize) -> Option<usize> {
        let b = self.b;
        let label = scan_label(b, start + 2, None)?;
        if label.newline || b.get(label.end + 1) != Some(&b':') {
            return None;
        }
        let mut i = label.end + 2;
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\x0b' | b'\x0c') {
            i += 1;
        }
        self.doc.notes.push(label.norm(b));
        Some(i - start)
    }

    /// Continues a label, a destination's whitespace or a title on the next line at `ix`:
    /// where its content starts (after container markers), or `None` if that line
    /// interrupts.
    fn continuation(&self, ix: usize, setext_any: bool) -> Option<usize> {
        let b = self.b;
        let mut c = Cursor::at(ix);
        let n = self.containers(&mut c);
        let current = n == self.stack.len();
        if !c.space(b, 4)
            && (self.interrupts(c.pos, current) || ((current || setext_any) && setext_at(b, c.pos)))
        {
            return None;
        }
        Some(c.pos)
    }

    /// Whitespace with at most one line ending, from `i`: where it ends and the number of
    /// line endings, or `None` if a second line ending or an interruption comes first.
    fn def_space(&self, mut i: usize) -> Option<(usize, usize)> {
        let b = self.b;
        let mut newlines = 0;
        loop {
            while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\x0b' | b'\x0c') {
                i += 1;
            }
            match eol_len(b, i) {
                Some(n) if i < b.len() => {
                    i += n;
                    newlines += 1;
                    if newlines > 1 {
                        return None;
                    }
                }
                _ => break,
            }
            i = self.continuation(i, true)?;
        }
        Some((i, newlines))
    }

    /// A reference definition at `start`: records it and returns where it ends.
    fn refdef(&mut self, start: usize) -> Option<usize> {
        let b = self.b;
        if b.get(start) != Some(&b'[') {
            return None;
        }
        let label = scan_label(b, start + 1, Some(&|i| self.continuation(i, false)))?;
        if b.get(label.end + 1) != Some(&b':') {
            return None;
        }
        let (mut i, _) = self.def_space(label.end + 2)?;
        let dn = dest_len(b, i)?;
        if dn == 0 {
            return None;
        }
        i += dn;
        let dest_end = i;
        let after = self.def_space(i);
        let (j, mut newlines) = match after {
            Some(x) => x,
            None => return Some(self.def(start, label, dest_end, false)),
        };
        // The end of the text ends the line, after whitespace too ("[a]: /u " at the end).
        if j == b.len() {
            newlines += 1;
        }
        if j == i && newlines == 0 {
            return None;
        }
        if newlines > 1 {
            return Some(self.def(start, label, dest_end, false));
        }
        if let Some((tn, nonempty)) = self.def_title(j) {
            let e = j + tn;
            if blank_at(b, e).is_some() {
                return Some(self.def(start, label, e, nonempty));
            }
        }
        (newlines > 0).then(|| self.def(start, label, dest_end, false))
    }

    fn def(&mut self, start: usize, label: Label, end: usize, titled: bool) -> usize {
        let norm = label.norm(self.b);
        self.doc.defs.push(Def {
            label: norm,
            span: (start, end),
            titled,
        });
        end
    }

    /// A reference definition's title at `start`: its length and whether it is non-empty.
    fn def_title(&self, start: usize) -> Option<(usize, bool)> {
        let b = self.b;
        let close = match *b.get(start)? {
            b'\'' => b'\'',
            b'"' => b'"',
            b'(' => b')',
            _ => return None,
        };
        let mut i = start + 1;
        let mut nonempty = false;
        while let Some(&c) = b.get(i) {
            match c {
                b'(' if close == b')' => return None,
                b'\n' | b'\r' => {
                    nonempty = true;
                    i += eol_len(b, i).unwrap_or(1);
                    let mut p = self.continuation(i, true)?;
                    let mut cur = Cursor::at(p);
                    cur.all_space(b);
                    p = cur.pos;
                    if blank_at(b, p).is_some() {
                        return None;
                    }
                    i = p;
                    continue;
                }
                b'\\' => {
                    nonempty = true;
                    i += 1;
                    if let Some(&n) = b.get(i) {
                        if n != b'\r' && n != b'\n' {
                            i += 1;
                        }
                    }
                    continue;
                }
                _ if c == close => return Some((i + 1 - start, nonempty)),
                _ => nonempty = true,
            }
            i += 1;
        }
        None
    }
}

/// A link destination at `i` (`<…>` or a raw one with balanced parentheses): its length,
/// possibly 0.
pub(super) fn dest_len(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    if b.get(i) == Some(&b'<') {
        i += 1;
        while i < b.len() {
            match b[i] {
                b'\n' | b'\r' | b'<' => return None,
                b'>' => return Some(i + 1 - start),
                b'\\' if i + 1 < b.len() && b[i + 1].is_ascii_punctuation() => i += 1,
                _ => {}
            }
            i += 1;
        }
        return None;
    }
    let mut nest = 0;
    while i < b.len() {
        match b[i] {
            0..=0x20 => break,
            b'(' => {
                if nest > 32 {
                    return None;
                }
                nest += 1;
            }
            b')' => {
                if nest == 0 {
                    break;
                }
                nest -= 1;
            }
            b'\\' if i + 1 < b.len() && b[i + 1].is_ascii_punctuation() => i += 1,
            _ => {}
        }
        i += 1;
    }
    (nest == 0).then_some(i - start)
}

/// An ATX heading's level if one starts at `ix`.
fn atx_at(b: &[u8], ix: usize) -> Option<usize> {
    let mut n = 0;
    while n < 7 && b.get(ix + n) == Some(&b'#') {
        n += 1;
    }
    if n == 0 || n > 6 {
        return None;
    }
    match b.get(ix + n) {
        None | Some(b' ' | b'\t' | b'\n' | b'\r') => Some(n),
        _ => None,
    }
}

/// A code fence at `ix`: its length and character.
fn fence_at(b: &[u8], ix: usize) -> Option<(usize, u8)> {
    let ch = *b.get(ix)?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let mut n = 0;
    while b.get(ix + n) == Some(&ch) {
        n += 1;
    }
    if n < 3 {
        return None;
    }
    // The info string runs to the `\n` (a lone `\r` does not end it).
    if ch == b'`' && memchr::memchr(b'`', &b[ix + n..next_line(b, ix + n)]).is_some() {
        return None;
    }
    Some((n, ch))
}

/// A closing fence of at least `n` `ch` at `ix`, then spaces only: its length without
/// the line ending.
fn closing_fence(b: &[u8], ix: usize, ch: u8, n: usize) -> Option<usize> {
    let mut k = 0;
    while b.get(ix + k) == Some(&ch) {
        k += 1;
    }
    if k < n {
        return None;
    }
    while b.get(ix + k) == Some(&b' ') {
        k += 1;
    }
    eol_len(b, ix + k).map(|_| k)
}

/// Whether a setext underline (`===` or `---` and spaces) is at `ix`.
fn setext_at(b: &[u8], ix: usize) -> bool {
    let Some(&ch) = b.get(ix) else {
        return false;
    };
    if ch != b'=' && ch != b'-' {
        return false;
    }
    let mut i = ix;
    while b.get(i) == Some(&ch) {
        i += 1;
    }
    blank_at(b, i).is_some()
}

/// A list item's marker at `ix` (for paragraph interruption): where its content starts,
/// its character and its number.
fn list_item_at(b: &[u8], ix: usize) -> Option<(usize, u8, u64)> {
    let c = *b.get(ix)?;
    let (after, ch, index) = if matches!(c, b'-' | b'+' | b'*') {
        (ix + 1, c, 0)
    } else if c.is_ascii_digit() {
        let mut i = ix;
        let mut v: u64 = 0;
        while i < b.len() && b[i].is_ascii_digit() && i - ix < 9 {
            v = v * 10 + u64::from(b[i] - b'0');
            i += 1;
        }
        match b.get(i) {
            Some(&d @ (b'.' | b')')) => (i + 1, d, v),
            _ => return None,
        }
    } else {
        return None;
    };
    match b.get(after) {
        None | Some(b'\n' | b'\r') => Some((after, ch, index)),
        Some(b' ' | b'\t') => {
            let mut i = after;
            while i < b.len() && matches!(b[i], b' ' | b'\t') {
                i += 1;
            }
            Some((i, ch, index))
        }
        _ => None,
    }
}

/// A table delimiter row at `ix` (`|---|:--:|`; spaces, colons, hyphens and pipes
/// only, a hyphen in each column): its column count and where the next line starts.
fn delimiter_row(b: &[u8], ix: usize) -> Option<(usize, usize)> {
    let (end, next) = line_end(b, ix);
    let mut i = ix;
    let mut cols = 0;
    while i < end && matches!(b[i], b' ' | b'\t') {
        cols += if b[i] == b'\t' { 4 - cols % 4 } else { 1 };
        if cols > 3 {
            return None;
        }
        i += 1;
    }
    if i == b.len() {
        return None;
    }
    cols = 0;
    let (mut pipe, mut hyphen, mut hyphen_in_col, mut start_col) = (false, false, false, true);
    if i < end && b[i] == b'|' {
        i += 1;
        pipe = true;
    }
    while i < end {
        match b[i] {
            b' ' => {}
            b':' => start_col = false,
            b'-' => {
                start_col = false;
                hyphen = true;
                hyphen_in_col = true;
            }
            b'|' => {
                if !hyphen_in_col {
                    return None;
                }
                start_col = true;
                pipe = true;
                cols += 1;
                hyphen_in_col = false;
            }
            _ => return None,
        }
        i += 1;
    }
    if !start_col {
        cols += 1;
    }
    (pipe && hyphen).then_some((cols, next))
}

/// The end marker of an HTML block of types 1 to 5 starting `<` + `rest`.
fn html_end_tag(rest: &[u8]) -> Option<&'static [u8]> {
    for (tag, end) in [
        (&b"pre"[..], &b"</pre>"[..]),
        (b"style", b"</style>"),
        (b"script", b"</script>"),
        (b"textarea", b"</textarea>"),
    ] {
        if rest.len() >= tag.len() && rest[..tag.len()].eq_ignore_ascii_case(tag) {
            match rest.get(tag.len()) {
                None => return Some(end),
                Some(&c) if is_ws(c) || c == b'>' => return Some(end),
                _ => {}
            }
        }
    }
    if rest.starts_with(b"!--") {
        return Some(b"-->");
    }
    if rest.starts_with(b"?") {
        return Some(b"?>");
    }
    if rest.starts_with(b"![CDATA[") {
        return Some(b"]]>");
    }
    if rest.len() > 1 && rest[0] == b'!' && rest[1].is_ascii_alphabetic() {
        return Some(b">");
    }
    None
}

const BLOCK_TAGS: [&str; 62] = [
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// Whether `<` + `rest` starts an HTML block of type 6 (a block-level tag).
fn html_block_6(rest: &[u8]) -> bool {
    let i = usize::from(rest.first() == Some(&b'/'));
    let tail = &rest[i..];
    let n = tail
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let name = &tail[..n];
    if !BLOCK_TAGS
        .iter()
        .any(|t| t.len() == n && t.as_bytes().eq_ignore_ascii_case(name))
    {
        return false;
    }
    match tail.get(n) {
        None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'>') => true,
        Some(b'/') => tail.get(n + 1) == Some(&b'>'),
        _ => false,
    }
}

/// Whether an HTML block of type 7 starts at `ix`: one complete open or closing tag (not
/// of type 1) and only whitespace after it on its line.
fn html_block_7(b: &[u8], ix: usize) -> bool {
    let (end, _) = line_end(b, ix);
    match super::inline::html_tag(&b[..end], ix, &[]) {
        Some(e) => b[e..end]
            .iter()
            .all(|&c| matches!(c, b' ' | b'\t' | b'\x0b' | b'\x0c')),
        None => false,
    }
}
