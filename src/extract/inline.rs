//! Inline runs: whitespace as a reader sees it, adjacent runs merged, plain text alongside.

use crate::model::Inline;
use crate::text::{drops_space, is_forbidden, is_segment_break, is_space};

/// Normalises raw runs (text as it came from the HTML) into clean runs and their plain text.
/// Whitespace runs collapse to one space, dropped at the ends and where the run holds a line
/// break between two CJK characters (the CSS segment-break rule);
/// leading and trailing line breaks go; forbidden characters go.
#[cfg(test)]
pub(crate) fn normalize(raw: Vec<Inline>) -> (Vec<Inline>, String) {
    let mut runs = Runs::default();
    for r in raw {
        match r {
            Inline::Text {
                text,
                emphasis,
                strong,
                link,
            } => runs.push_text(&text, emphasis, strong, link),
            Inline::LineBreak => {
                if runs.line_break() {
                    // Keep both breaks: this helper has no block to end.
                    runs.line_break();
                    runs.runs.push(Inline::LineBreak);
                }
            }
        }
    }
    runs.take()
}

/// Inline runs built as text arrives, normalised on the way in (the same rules as
/// `normalize`), so the walk copies each text node once.
#[derive(Default)]
pub(crate) struct Runs {
    runs: Vec<Inline>,
    /// A space seen since the last character written, not yet written.
    pending: bool,
    /// The pending whitespace holds a line break (a segment break in CSS terms).
    pending_break: bool,
    /// The last character written (`\n` for a line break).
    last: Option<char>,
}

impl Runs {
    /// Nothing visible yet.
    pub(crate) fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Appends text in the given style.
    pub(crate) fn push_text(&mut self, text: &str, emphasis: bool, strong: bool, link: Option<usize>) {
        let mut i = 0;
        while i < text.len() {
            // A stretch of visible characters, written at once.
            let end = plain_end(text, i);
            if let Some(stretch) = text.get(i..end).filter(|s| !s.is_empty()) {
                if self.pending && !drops_space(self.pending_break, self.last, stretch.chars().next()) {
                    self.write_space(emphasis, strong, link);
                }
                // A line break only counts in the whitespace right before visible text.
                self.pending = false;
                self.pending_break = false;
                self.write(stretch, emphasis, strong, link);
            }
            // Then a space (remembered) or a forbidden character (dropped).
            let Some(c) = text.get(end..).and_then(|t| t.chars().next()) else {
                break;
            };
            if classify_char(c).0 {
                self.pending = self.last.is_some_and(|l| l != '\n');
                self.pending_break |= is_segment_break(c);
            }
            i = end + c.len_utf8();
        }
    }

    fn write(&mut self, s: &str, emphasis: bool, strong: bool, link: Option<usize>) {
        let Some(last) = s.chars().next_back() else { return };
        match self.runs.last_mut() {
            Some(Inline::Text {
                text,
                emphasis: e,
                strong: st,
                link: l,
            }) if *e == emphasis && *st == strong && *l == link => {
                text.push_str(s);
            }
            _ => self.runs.push(Inline::Text {
                text: s.to_owned(),
                emphasis,
                strong,
                link,
            }),
        }
        self.last = Some(last);
    }

    /// The character-by-character form of [`Runs::push_text`]: the reference its byte-level
    /// fast path is tested against.
    #[cfg(test)]
    fn push_text_chars(&mut self, text: &str, emphasis: bool, strong: bool, link: Option<usize>) {
        let mut seg = 0;
        for (i, c) in text.char_indices() {
            let (space, forbidden) = classify_char(c);
            if !space && !forbidden {
                if self.pending {
                    self.write(text.get(seg..i).unwrap_or(""), emphasis, strong, link);
                    seg = i;
                    if !drops_space(self.pending_break, self.last, Some(c)) {
                        self.write_space(emphasis, strong, link);
                    }
                    self.pending = false;
                }
                self.pending_break = false;
                continue;
            }
            self.write(text.get(seg..i).unwrap_or(""), emphasis, strong, link);
            seg = i + c.len_utf8();
            if space {
                self.pending = self.last.is_some_and(|l| l != '\n');
                self.pending_break |= is_segment_break(c);
            }
        }
        self.write(text.get(seg..).unwrap_or(""), emphasis, strong, link);
    }

    /// A collapsed space goes at the end of the previous run, unless that run is another link
    /// (spaces stay out of link ends and starts).
    fn write_space(&mut self, emphasis: bool, strong: bool, link: Option<usize>) {
        match self.runs.last_mut() {
            Some(Inline::Text { text, link: l, .. }) if l.is_none() || *l == link => text.push(' '),
            _ => self.runs.push(Inline::Text {
                text: " ".to_owned(),
                emphasis,
                strong,
                link,
            }),
        }
        self.last = Some(' ');
    }

    /// A `<br>`. Returns `true` for the second of two in a row (`<br><br>`), which separates
    /// paragraphs: the caller ends the block; the first break is taken back.
    pub(crate) fn line_break(&mut self) -> bool {
        self.pending = false;
        self.pending_break = false;
        if matches!(self.runs.last(), Some(Inline::LineBreak)) {
            self.runs.pop();
            return true;
        }
        if !self.runs.is_empty() {
            self.runs.push(Inline::LineBreak);
            self.last = Some('\n');
        }
        false
    }

    /// The runs so far and their plain text; starts afresh.
    pub(crate) fn take(&mut self) -> (Vec<Inline>, String) {
        let mut runs = std::mem::take(&mut self.runs);
        self.pending = false;
        self.pending_break = false;
        self.last = None;
        while matches!(runs.last(), Some(Inline::LineBreak)) {
            runs.pop();
        }
        let text = plain(&runs);
        (runs, text)
    }
}

/// 1 for the bytes that may start a space or a forbidden character, else 0: ASCII controls and
/// space, DEL, and the lead bytes of the few ranges that hold such characters (U+0080..=U+00BF,
/// U+0600..=U+063F, U+1000..=U+3FFF, U+F000..=U+FFFF). No continuation byte is flagged, so the
/// scan can go byte by byte without tracking character boundaries; everything unflagged
/// (printable ASCII, the rest of the CJK planes) is visible text for certain.
#[allow(clippy::indexing_slicing)] // `b as usize` < 256: in bounds by construction
const FLAG: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0u8;
    loop {
        table[b as usize] = matches!(b, 0..=0x20 | 0x7f | 0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xe3 | 0xef) as u8;
        if b == u8::MAX {
            break table;
        }
        b += 1;
    }
};

#[inline]
fn flag(b: u8) -> u8 {
    FLAG.get(usize::from(b)).copied().unwrap_or(1)
}

/// The index of the first flagged byte at or after `from`, or the length. Eight bytes at a time:
/// [`word_hits`] finds the first flagged byte of a word with a few integer operations.
#[inline]
fn next_flagged(bytes: &[u8], from: usize) -> usize {
    let Some(rest) = bytes.get(from..) else {
        return bytes.len();
    };
    let mut at = from;
    let mut words = rest.chunks_exact(8);
    for word in &mut words {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            break;
        };
        let hits = word_hits(u64::from_le_bytes(word));
        if hits != 0 {
            // The lowest hit is the first flagged byte, or a U+0800..=U+0FFF lead byte (`E0`).
            let first = (hits.trailing_zeros() / 8) as usize;
            if let Some(p) = word
                .get(first..)
                .and_then(|w| w.iter().position(|&b| flag(b) != 0))
            {
                return at + first + p;
            }
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| flag(b) != 0)
        .map_or(bytes.len(), |p| at + p)
}

/// Ones in every byte.
const ONES: u64 = u64::from_le_bytes([1; 8]);

/// The high bit of each byte of `x` that is below `n` (at most 128), exact up to the lowest
/// such byte (a borrow may flag bytes above it).
#[inline]
fn bytes_below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & (ONES << 7)
}

/// High bits marking the flagged bytes of the eight bytes in `x` (little-endian), exact up to
/// the lowest one, which is flagged or an `E0`: controls and space, DEL, `C2`, `D8`, `E0..=E3`
/// and `EF`.
#[inline]
fn word_hits(x: u64) -> u64 {
    let equal = |b: u8| bytes_below(x ^ (ONES * u64::from(b)), 1);
    bytes_below(x, 0x21)
        | equal(0x7f)
        | equal(0xc2)
        | equal(0xd8)
        | bytes_below(x ^ (ONES * 0xe0), 4)
        | equal(0xef)
}

/// Whether the character whose UTF-8 encoding starts `bytes` (at a flagged lead byte) is a space
/// or forbidden, and its length. Decided on the bytes for the frequent cases (CJK punctuation,
/// curly quotes, fullwidth forms); the rest is decoded.
#[inline]
fn special_at(text: &str, i: usize) -> Option<(bool, usize)> {
    let bytes = text.as_bytes().get(i..)?;
    match *bytes {
        // U+3001..: CJK punctuation and kana; only U+3000 is a space.
        [0xe3, b1, b2, ..] => Some((b1 == 0x80 && b2 == 0x80, 3)),
        // U+F000..: fullwidth forms; only U+FEFF is special.
        [0xef, b1, b2, ..] => Some((b1 == 0xbb && b2 == 0xbf, 3)),
        // U+2040..=U+2FFF hold no space or control but U+205F, U+2066..=U+2069.
        [0xe2, b1, b2, ..] if b1 >= 0x82 || (b1 == 0x81 && !matches!(b2, 0x9f | 0xa6..=0xa9)) => {
            Some((false, 3))
        }
        _ => {
            let c = text.get(i..)?.chars().next()?;
            let (space, forbidden) = classify_char(c);
            Some((space || forbidden, c.len_utf8()))
        }
    }
}

/// The end of the stretch of visible characters (neither space nor forbidden) that starts at
/// byte `from` of `text`: the index of the next space or forbidden character, or the length.
fn plain_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        i = next_flagged(bytes, i);
        match special_at(text, i) {
            Some((false, len)) => i += len,
            // One ASCII space between visible characters is written as it stands: collapsing
            // would give the same space.
            Some((true, _))
                if i > from
                    && bytes.get(i) == Some(&b' ')
                    && bytes.get(i + 1).is_some_and(|&b| flag(b) == 0) =>
            {
                i += 1;
            }
            Some((true, _)) => return i,
            None => return text.len(),
        }
    }
}

/// (is a space, is forbidden), with fast paths for ASCII and for the CJK planes (above
/// U+3000, where the only special characters are U+3000 itself and U+FEFF).
#[inline]
fn classify_char(c: char) -> (bool, bool) {
    let u = u32::from(c);
    if u < 0x80 {
        let b = u as u8;
        let space = matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c);
        (space, !space && (b < 0x20 || b == 0x7f))
    } else if u > 0x3000 && u != 0xfeff {
        (false, false)
    } else {
        (is_space(c), is_forbidden(c))
    }
}

/// The plain text of runs: line breaks become `\n`.
pub(crate) fn plain(runs: &[Inline]) -> String {
    let len = runs
        .iter()
        .map(|r| match r {
            Inline::Text { text, .. } => text.len(),
            Inline::LineBreak => 1,
        })
        .sum();
    let mut s = String::with_capacity(len);
    for r in runs {
        match r {
            Inline::Text { text, .. } => s.push_str(text),
            Inline::LineBreak => s.push('\n'),
        }
    }
    s
}

/// The runs split at line breaks, one vector per line.
pub(crate) fn lines(runs: &[Inline]) -> Vec<Vec<Inline>> {
    let mut out = vec![Vec::new()];
    for r in runs {
        match r {
            Inline::LineBreak => out.push(Vec::new()),
            text => {
                if let Some(line) = out.last_mut() {
                    line.push(text.clone());
                }
            }
        }
    }
    out
}

/// Lines joined with line breaks; empty lines are left out.
pub(crate) fn join_lines(lines: Vec<Vec<Inline>>) -> Vec<Inline> {
    let mut out = Vec::new();
    for line in lines.into_iter().filter(|l| !plain(l).trim().is_empty()) {
        if !out.is_empty() {
            out.push(Inline::LineBreak);
        }
        out.extend(line);
    }
    out
}

/// Removes the first `n` bytes of plain text from `runs` (a dateline or a prefix), then any
/// whitespace that follows. `n` must fall on a character boundary of the plain text.
pub(crate) fn strip_prefix(runs: &mut Vec<Inline>, mut n: usize) {
    while let Some(first) = runs.first_mut() {
        match first {
            Inline::LineBreak => {
                n = n.saturating_sub(1);
                runs.remove(0);
            }
            Inline::Text { text, .. } => {
                if n >= text.len() {
                    n -= text.len();
                    runs.remove(0);
                    continue;
                }
                let cut = (n..=text.len())
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(text.len());
                let rest = text
                    .get(cut..)
                    .unwrap_or("")
                    .trim_start_matches(is_space)
                    .to_owned();
                n = 0;
                if rest.is_empty() {
                    runs.remove(0);
                    continue;
                }
                *text = rest;
                break;
            }
        }
    }
}

/// Removes the last `n` bytes of plain text from `runs`, then trailing whitespace.
pub(crate) fn strip_suffix(runs: &mut Vec<Inline>, mut n: usize) {
    while let Some(last) = runs.last_mut() {
        match last {
            Inline::LineBreak => {
                n = n.saturating_sub(1);
                runs.pop();
            }
            Inline::Text { text, .. } => {
                if n >= text.len() {
                    n -= text.len();
                    runs.pop();
                    continue;
                }
                let mut cut = text.len() - n;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                text.truncate(cut);
                let trimmed = text.trim_end_matches(is_space).len();
                text.truncate(trimmed);
                if text.is_empty() {
                    runs.pop();
                    n = 0;
                    continue;
                }
                break;
            }
        }
    }
    while matches!(runs.last(), Some(Inline::LineBreak)) {
        runs.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text {
            text: s.to_owned(),
            emphasis: false,
            strong: false,
            link: None,
        }
    }
    fn l(s: &str, i: usize) -> Inline {
        Inline::Text {
            text: s.to_owned(),
            emphasis: false,
            strong: false,
            link: Some(i),
        }
    }

    #[test]
    fn collapses_and_keeps_spaces_out_of_links() {
        let (runs, text) = normalize(vec![t("  see \n"), l(" the  link ", 0), t(" now ")]);
        assert_eq!(text, "see the link now");
        assert_eq!(runs, vec![t("see "), l("the link", 0), t(" now")]);
    }

    #[test]
    fn typed_spaces_between_cjk_stay() {
        let (_, text) = normalize(vec![t("记者：乔龙  责编：胡力汉 嘉远")]);
        assert_eq!(text, "记者：乔龙 责编：胡力汉 嘉远");
        // Across runs too: the space before a tag between two CJK characters stays.
        let (_, text) = normalize(vec![t("左媒影响美大选 "), l("民调", 0)]);
        assert_eq!(text, "左媒影响美大选 民调");
        let (_, text) = normalize(vec![t("中国 \n"), t(" 经济")]);
        assert_eq!(text, "中国经济");
        // A line break before the block's first text is no part of a later space.
        let (_, text) = normalize(vec![t("\n第一章 病源"), t("\n在哪里")]);
        assert_eq!(text, "第一章 病源在哪里");
    }

    #[test]
    fn cjk_line_breaks_are_not_spaces() {
        let (_, text) = normalize(vec![t("中国\n经济"), t(" and\nmore")]);
        assert_eq!(text, "中国经济 and more");
    }

    #[test]
    fn line_breaks_trimmed_at_ends() {
        let (runs, text) = normalize(vec![
            Inline::LineBreak,
            t("a"),
            Inline::LineBreak,
            t(" b "),
            Inline::LineBreak,
        ]);
        assert_eq!(text, "a\nb");
        assert_eq!(runs.len(), 3);
    }

    /// Every Unicode scalar value is classified the same by the byte-level scan, by
    /// `classify_char`'s fast paths and by the definitions in `text`.
    #[test]
    fn byte_classification_agrees_for_every_character() {
        let mut special = 0;
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let want = (is_space(c), is_forbidden(c));
            if want == (true, true) {
                // Controls that are also Unicode whitespace (FF, VT, NEL): either way they are
                // special; the ASCII path reads FF as a space and VT as a control.
                let (space, forbidden) = classify_char(c);
                assert!(space || forbidden, "{c:?}");
            } else {
                assert_eq!(classify_char(c), want, "{c:?}");
            }
            let s = format!("{c}x");
            let end = plain_end(&s, 0);
            assert_eq!(end == 0, want.0 || want.1, "{c:?}");
            if end == 0 {
                special += 1;
            } else {
                assert_eq!(end, s.len(), "{c:?}");
            }
        }
        // C0 and C1 controls, DEL, the Unicode spaces, the bidi controls and U+FEFF.
        assert!(special > 70, "{special}");
    }

    /// The word-at-a-time scan finds the same first flagged byte as a byte-by-byte one, for every
    /// byte value at every position of a word, after unflagged bytes that are close to flagged
    /// ones (`!`, `E4`, `E0`, continuation bytes) and before flagged ones.
    #[test]
    fn word_scan_matches_the_byte_scan() {
        let naive = |bytes: &[u8], from: usize| {
            bytes
                .iter()
                .skip(from)
                .position(|&b| flag(b) != 0)
                .map_or(bytes.len(), |p| from + p)
        };
        for fill in [b'!', b'a', 0xe4, 0xe0, 0xbf, 0x80, 0xc3, 0xf0] {
            for after in [fill, b' ', 0xef, 0x00] {
                for b in 0..=u8::MAX {
                    for at in 0..19 {
                        let mut bytes = vec![fill; 19];
                        if let Some(x) = bytes.get_mut(at) {
                            *x = b;
                        }
                        bytes.extend([after; 3]);
                        for from in [0, 1, 7, 8] {
                            assert_eq!(
                                next_flagged(&bytes, from),
                                naive(&bytes, from),
                                "{bytes:?} from {from}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// The byte-level fast path agrees with the character-by-character reference on every
    /// character class it shortcuts and on their neighbours.
    #[test]
    fn byte_fast_path_matches_the_reference() {
        let pieces = [
            "a",
            " ",
            "\t",
            "\n",
            "\r",
            "\u{c}",
            "\u{0}",
            "\u{1f}",
            "\u{7f}",
            "\u{80}",
            "\u{9f}",
            "\u{a0}",
            "é",
            "\u{61c}",
            "\u{2000}",
            "\u{200b}",
            "\u{200e}",
            "\u{2028}",
            "\u{202e}",
            "\u{2066}",
            "“",
            "—",
            "\u{2fff}",
            "\u{205f}",
            "\u{2060}",
            "\u{2069}",
            "\u{206a}",
            "\u{2040}",
            "\u{1680}",
            "\u{180e}",
            "\u{61b}",
            "\u{61c}",
            "\u{3000}",
            "\u{3001}",
            "。",
            "\u{303f}",
            "中",
            "\u{e000}",
            "\u{efff}",
            "\u{f000}",
            "\u{feff}",
            "\u{fefe}",
            "\u{ff0c}",
            "\u{ffff}",
            "😀",
            "\u{20000}",
            "\u{10ffff}",
        ];
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}{a}");
                    for split in [0, a.len(), a.len() + b.len()] {
                        let (x, y) = text.split_at(split);
                        let mut fast = Runs::default();
                        let mut slow = Runs::default();
                        for (part, link) in [(x, None), (y, Some(0))] {
                            fast.push_text(part, false, false, link);
                            slow.push_text_chars(part, false, false, link);
                        }
                        assert_eq!(fast.take(), slow.take(), "{text:?} split at {split}");
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, pieces.len().pow(3) * 3);
    }

    #[test]
    fn strips_prefix_and_suffix_across_runs() {
        let mut runs = vec![t("（德国"), t("之声）  周三"), l("链接", 0)];
        strip_prefix(&mut runs, "（德国之声）".len());
        assert_eq!(plain(&runs), "周三链接");
        let mut runs = vec![t("结束"), t("（完）")];
        strip_suffix(&mut runs, "（完）".len());
        assert_eq!(plain(&runs), "结束");
    }
}
