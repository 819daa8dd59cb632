//! Inline runs: whitespace as a reader sees it, adjacent runs merged, plain text alongside.

use crate::model::Inline;
use crate::text::{is_cjk, is_forbidden, is_space};

/// Normalises raw runs (text as it came from the HTML) into clean runs and their plain text.
/// Whitespace runs collapse to one space, dropped between two CJK characters and at the ends;
/// leading and trailing line breaks go; forbidden characters go.
pub(crate) fn normalize(raw: Vec<Inline>) -> (Vec<Inline>, String) {
    let mut out: Vec<Inline> = Vec::with_capacity(raw.len());
    // A space seen since the last character written, not yet written.
    let mut pending = false;
    // The last character written (`\n` for a line break), if any.
    let mut last: Option<char> = None;
    for run in raw {
        match run {
            Inline::LineBreak => {
                pending = false;
                if !out.is_empty() {
                    out.push(Inline::LineBreak);
                    last = Some('\n');
                }
            }
            Inline::Text {
                text,
                emphasis,
                strong,
                link,
            } => {
                let mut buf = String::with_capacity(text.len());
                // Characters are copied in segments; only spaces and forbidden characters stop one.
                let mut seg = 0;
                for (i, c) in text.char_indices() {
                    let (space, forbidden) = classify_char(c);
                    if !space && !forbidden {
                        if pending {
                            buf.push_str(text.get(seg..i).unwrap_or(""));
                            seg = i;
                            let prev = buf.chars().next_back().or(last);
                            if !(prev.is_some_and(is_cjk) && is_cjk(c)) {
                                push_space(&mut out, &mut buf, link);
                            }
                            pending = false;
                        }
                        continue;
                    }
                    buf.push_str(text.get(seg..i).unwrap_or(""));
                    seg = i + c.len_utf8();
                    if space {
                        let prev = buf.chars().next_back().or(last);
                        pending = prev.is_some_and(|l| l != '\n');
                    }
                }
                buf.push_str(text.get(seg..).unwrap_or(""));
                if let Some(c) = buf.chars().next_back() {
                    last = Some(c);
                }
                if buf.is_empty() {
                    continue;
                }
                match out.last_mut() {
                    Some(Inline::Text {
                        text,
                        emphasis: e,
                        strong: s,
                        link: l,
                    }) if *e == emphasis && *s == strong && *l == link => {
                        text.push_str(&buf);
                    }
                    _ => out.push(Inline::Text {
                        text: buf,
                        emphasis,
                        strong,
                        link,
                    }),
                }
            }
        }
    }
    while matches!(out.last(), Some(Inline::LineBreak)) {
        out.pop();
    }
    let text = plain(&out);
    (out, text)
}

/// (is a space, is forbidden), with a fast path for ASCII.
#[inline]
fn classify_char(c: char) -> (bool, bool) {
    if c.is_ascii() {
        let b = c as u8;
        (
            matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c),
            b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c) || b == 0x7f,
        )
    } else {
        (is_space(c), is_forbidden(c))
    }
}

/// Writes a collapsed space: at the end of the previous run when the current run has no text
/// yet (keeping spaces out of the start of a link), else into the current run.
fn push_space(out: &mut [Inline], buf: &mut String, link: Option<usize>) {
    if buf.is_empty() {
        if let Some(Inline::Text { text, link: l, .. }) = out.last_mut() {
            if l.is_none() || *l == link {
                text.push(' ');
                return;
            }
        }
    }
    buf.push(' ');
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
