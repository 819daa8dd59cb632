//! Inline runs: whitespace as a reader sees it, adjacent runs merged, plain text alongside.

use crate::model::Inline;
use crate::text::{classify_char, drops_space, is_segment_break, is_space, plain_end};

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
