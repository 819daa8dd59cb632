//! Inline runs: whitespace as a reader sees it, adjacent runs merged, plain text alongside.

use crate::model::Inline;
use crate::text::{is_cjk, is_forbidden, is_space};

/// Normalises raw runs (text as it came from the HTML) into clean runs and their plain text.
/// Whitespace runs collapse to one space, dropped between two CJK characters and at the ends;
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
/// [`normalize`]), so the walk copies each text node once.
#[derive(Default)]
pub(crate) struct Runs {
    runs: Vec<Inline>,
    /// A space seen since the last character written, not yet written.
    pending: bool,
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
        let mut seg = 0;
        for (i, c) in text.char_indices() {
            let (space, forbidden) = classify_char(c);
            if !space && !forbidden {
                if self.pending {
                    self.write(text.get(seg..i).unwrap_or(""), emphasis, strong, link);
                    seg = i;
                    if !(self.last.is_some_and(is_cjk) && is_cjk(c)) {
                        self.write_space(emphasis, strong, link);
                    }
                    self.pending = false;
                }
                continue;
            }
            self.write(text.get(seg..i).unwrap_or(""), emphasis, strong, link);
            seg = i + c.len_utf8();
            if space {
                self.pending = self.last.is_some_and(|l| l != '\n');
            }
        }
        self.write(text.get(seg..).unwrap_or(""), emphasis, strong, link);
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
        self.last = None;
        while matches!(runs.last(), Some(Inline::LineBreak)) {
            runs.pop();
        }
        let text = plain(&runs);
        (runs, text)
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
    let mut s = String::new();
    for r in runs {
        match r {
            Inline::Text { text, .. } => s.push_str(text),
            Inline::LineBreak => s.push('\n'),
        }
    }
    s
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
