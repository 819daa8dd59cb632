//! Copyright notices: which lines are one, and their year and holder.

use super::closing::END_MARKS;
use crate::model::Copyright;
use crate::text::{contains_str, is_space};

/// A copyright line: it opens with `©` and a year (`© 2023年德国之声版权声明`, `© 2021 AFP`),
/// or states a copyright notice (`版权声明`, `All rights reserved`).
pub(super) fn is_copyright(t: &str) -> bool {
    copyright_year(t).is_some()
        // A character takes at most four bytes: longer text is no notice line, and is not read.
        || (t.len() < NOTICE_MAX_CHARS * 4 && names_notice(t) && t.chars().count() < NOTICE_MAX_CHARS)
        || contains_str(t, "All rights reserved")
}

/// A line naming a copyright notice is shorter than this: longer text is a paragraph that
/// mentions one.
const NOTICE_MAX_CHARS: usize = 200;

/// Whether `t` holds `版权声明` or `版權聲明`: both are looked for only in text holding a `版`.
fn names_notice(t: &str) -> bool {
    contains_str(t, "版") && (contains_str(t, "版权声明") || contains_str(t, "版權聲明"))
}

/// A line that opens with `©` but names no year (`© 作者 for 中国数字时代`, or a photo credit
/// `©视觉中国` in the middle of an article): a copyright footer only at the end.
pub(super) fn is_weak_copyright(t: &str) -> bool {
    t.starts_with('©') || t.starts_with("Copyright ©")
}

/// The year right after an opening `©` (`© 2023年`, `©️ 2020`, `Copyright © 2020`).
pub(super) fn copyright_year(t: &str) -> Option<(i32, &str)> {
    let rest = t.strip_prefix("Copyright").unwrap_or(t).trim_start();
    let rest = rest.strip_prefix('©').or_else(|| rest.strip_prefix("(c)"))?;
    let rest = rest.trim_start_matches(|c: char| is_space(c) || c == '\u{fe0f}');
    let digits = rest.get(..4)?;
    let after = rest.get(4..)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    (1900..=2100).contains(&year).then_some((year, after))
}

pub(super) fn parse_copyright(text: &str) -> Copyright {
    // An end mark may close the footer too (`... Publishing Group■`).
    let mut text = text.trim();
    while let Some(rest) = END_MARKS.iter().find_map(|m| text.strip_suffix(m)) {
        text = rest.trim_end();
    }
    // The year is the one right after `©`; anything later (a tag, a date) is not the year.
    let Some(start) = text.find('©').or_else(|| text.find("Copyright")) else {
        // A notice without `©` (`【版权声明】本文为...`) names no holder or year of its own.
        return Copyright {
            text: text.to_owned(),
            year: None,
            holder: None,
        };
    };
    let from = text.get(start..).unwrap_or("");
    let (year, rest) = match copyright_year(from) {
        Some((y, after)) => (Some(y), after),
        None => (
            None,
            from.strip_prefix("Copyright")
                .unwrap_or(from)
                .trim_start()
                .trim_start_matches('©'),
        ),
    };
    let rest = rest.trim_start_matches(|c: char| is_space(c) || c == '年' || c == '\u{fe0f}');
    let end = holder_end(rest);
    let holder = rest
        .get(..end)
        .map(str::trim)
        .filter(|h| !h.is_empty() && h.chars().count() <= 40)
        .map(str::to_owned);
    Copyright {
        text: text.to_owned(),
        year,
        holder,
    }
}

/// What ends the holder after the year: a notice word, punctuation, `All rights`.
const HOLDER_ENDS: &[&str] = &[
    "版权声明",
    "版權聲明",
    "：",
    ":",
    "。",
    "，",
    ",",
    ". ",
    "All rights",
    "|",
];

/// Where the first of [`HOLDER_ENDS`] starts in `rest`, or its length. One pass: only where a
/// character could open one of them are they compared.
fn holder_end(rest: &str) -> usize {
    rest.char_indices()
        .find(|&(i, c)| {
            may_open_holder_end(c)
                && rest
                    .get(i..)
                    .is_some_and(|r| HOLDER_ENDS.iter().any(|m| r.starts_with(m)))
        })
        .map_or(rest.len(), |(i, _)| i)
}

/// The first characters of [`HOLDER_ENDS`] (a unit test keeps the two in step).
fn may_open_holder_end(c: char) -> bool {
    matches!(c, '版' | '：' | ':' | '。' | '，' | ',' | '.' | 'A' | '|')
}

#[cfg(test)]
mod tests {
    use super::{HOLDER_ENDS, NOTICE_MAX_CHARS, holder_end, is_copyright, may_open_holder_end};

    #[test]
    fn notices_by_name_are_short() {
        assert!(is_copyright("© 2023年德国之声版权声明"));
        assert!(is_copyright("【版權聲明】本文為作者授權刊登"));
        assert!(is_copyright("本文版权声明：转载请注明出处"));
        assert!(is_copyright("Copyright 2020. All rights reserved"));
        assert!(!is_copyright("版本说明与版权问题"));
        let long = format!("版权声明{}", "字".repeat(NOTICE_MAX_CHARS));
        assert!(!is_copyright(&long));
        let at_limit = format!("版权声明{}", "字".repeat(NOTICE_MAX_CHARS - 5));
        assert!(is_copyright(&at_limit));
    }

    #[test]
    fn the_holder_ends_where_the_first_end_mark_starts() {
        for m in HOLDER_ENDS {
            assert!(m.chars().next().is_some_and(may_open_holder_end), "{m}");
        }
        for rest in [
            " 德国之声版权声明：本文所有内容受到著作权法保护。",
            " AFP. All rights reserved",
            " Reuters|2020",
            "Example, Inc.",
            "中央社，版權聲明",
            "",
            "没有终止",
            "A.B",
        ] {
            let plain = HOLDER_ENDS
                .iter()
                .filter_map(|m| rest.find(m))
                .min()
                .unwrap_or(rest.len());
            assert_eq!(holder_end(rest), plain, "{rest}");
        }
    }
}
