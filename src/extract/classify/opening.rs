//! The opening matter: the date block (or a `<time>`), the byline in it, the dateline that
//! opens the first paragraph.

use chrono::NaiveDate;

use super::super::dates;
use super::super::inline;
use super::super::walk::{Mark, RawBlock, RawKind};
use super::credit;
use crate::error::{Warning, WarningDetail};
use crate::model::{Boilerplate, BoilerplateKind, Inline, Published};
use crate::outlet::{DatelineSeparator, Rules};
use crate::text::{Trim, contains_str, find_str, normalize_space};

/// The date block is one of this many first blocks.
const DATE_BLOCK_WITHIN: usize = 3;

/// A date block (authors and a date) is at most this long; longer is text.
const MAX_DATE_BLOCK_CHARS: usize = 120;

/// A first block this short with this many digits, all emphasised, looks like a date block.
const LOOKS_DATED_MAX_CHARS: usize = 60;
const LOOKS_DATED_MIN_DIGITS: usize = 6;

/// The visible text of a `<time>` is looked for among this many first blocks.
const TIME_TEXT_WITHIN: usize = 4;

/// The date block: one of the first blocks, short, whose last line is a date; the lines
/// before it name the authors. Failing that, a `<time datetime>` element.
pub(super) fn take_date_block(
    blocks: &mut Vec<RawBlock>,
    time: Option<&str>,
    rules: &Rules,
    warnings: &mut Vec<Warning>,
) -> (Option<Published>, Vec<String>) {
    for i in 0..blocks.len().min(DATE_BLOCK_WITHIN) {
        let Some(b) = blocks.get(i) else { break };
        if matches!(b.kind, RawKind::Figure(_)) {
            continue;
        }
        if b.text.chars().count() > MAX_DATE_BLOCK_CHARS {
            break;
        }
        let mut lines: Vec<&str> = b.text.split('\n').map(str::trim).collect();
        let last = lines.pop().unwrap_or("");
        let Some(value) = dates::parse(last, rules.date_formats) else {
            continue;
        };
        let published = Published {
            raw: last.to_owned(),
            value,
        };
        let byline = byline(&lines, warnings, true);
        blocks.remove(i);
        return (Some(published), byline);
    }
    let published = time.and_then(|t| time_element(blocks, t.trim_ws(), rules, warnings));
    (published, Vec::new())
}

/// What markup marks as the byline or the dateline (`itemprop="byline"`, `StyledByline`,
/// `itemtype=".../dateline"`): taken out of the text.
#[derive(Default)]
pub(super) struct Marked {
    /// Names from the first byline-marked block.
    pub(super) byline: Vec<String>,
    /// The dateline-marked text.
    pub(super) dateline: Option<String>,
    /// The rest of what was marked, set aside (the byline's roles, a second dateline).
    pub(super) set_aside: Vec<Boilerplate>,
}

/// Takes the marked blocks out of the text.
pub(super) fn take_marked(blocks: &mut Vec<RawBlock>) -> Marked {
    let mut out = Marked::default();
    blocks.retain(|b| {
        match b.mark {
            Some(Mark::Byline) => {
                if out.byline.is_empty() {
                    let first = b.text.split('\n').next().unwrap_or("");
                    out.byline = credit::marked_byline(first);
                }
                out.set_aside.push(Boilerplate {
                    kind: BoilerplateKind::Byline,
                    text: b.text.clone(),
                });
            }
            Some(Mark::Dateline) if out.dateline.is_none() => {
                out.dateline = Some(b.text.trim_ws().to_owned())
            }
            Some(Mark::Dateline) => out.set_aside.push(Boilerplate {
                kind: BoilerplateKind::Chrome,
                text: b.text.clone(),
            }),
            None => return true,
        }
        false
    });
    out
}

/// The first text block looks like a date block (short, emphasised, digits) but was not read
/// as one: say so, it stays as text.
pub(super) fn warn_unparsed_date(kept: &[RawBlock], warnings: &mut Vec<Warning>) {
    let Some(first) = kept.iter().find(|b| !matches!(b.kind, RawKind::Figure(_))) else {
        return;
    };
    let looks_dated = first.text.chars().count() <= LOOKS_DATED_MAX_CHARS
        && first.text.chars().filter(char::is_ascii_digit).count() >= LOOKS_DATED_MIN_DIGITS
        && first
            .inlines
            .iter()
            .all(|r| matches!(r, Inline::LineBreak | Inline::Text { emphasis: true, .. }));
    if looks_dated {
        warnings.push(Warning::new(
            WarningDetail::UnparsedDate {
                text: first.text.clone(),
            },
            None,
        ));
    }
}

/// A `<time datetime>` value; the element's visible text repeats it and is not article text.
pub(super) fn time_element(
    blocks: &mut Vec<RawBlock>,
    raw: &str,
    rules: &Rules,
    warnings: &mut Vec<Warning>,
) -> Option<Published> {
    let Some(value) = dates::parse(raw, rules.date_formats) else {
        warnings.push(Warning::new(
            WarningDetail::UnparsedTime {
                datetime: raw.to_owned(),
            },
            None,
        ));
        return None;
    };
    if let Some(i) = blocks
        .iter()
        .take(TIME_TEXT_WITHIN)
        .position(|b| dates::parse(&b.text, rules.date_formats).is_some())
    {
        blocks.remove(i);
    }
    Some(Published {
        raw: raw.to_owned(),
        value,
    })
}

/// Authors from the date block's lines: whitespace normalised, split on commas, duplicates and
/// placeholders (`null`) dropped with a warning.
pub(super) fn byline(lines: &[&str], warnings: &mut Vec<Warning>, in_date_block: bool) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in lines {
        for part in line.split([',', '，']) {
            let mut name = credit::bare_name(&normalize_space(part)).to_owned();
            if let Some(rest) = name
                .strip_prefix("null")
                .filter(|r| r.is_empty() || r.starts_with(' '))
            {
                warnings.push(Warning::new(
                    WarningDetail::BylineDropped {
                        part: name.trim_ws().to_owned(),
                    },
                    None,
                ));
                name = rest.trim_ws().to_owned();
            }
            if name.is_empty() {
                continue;
            }
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    if names.is_empty() && in_date_block && !lines.is_empty() {
        warnings.push(Warning::new(WarningDetail::NoAuthor, None));
    }
    names
}

/// Words that make a bracketed prefix of the first paragraph a dateline.
pub(super) const DATELINE_WORDS: &[&str] = &[
    "中文网",
    "中文網",
    "中央社",
    "法新社",
    "路透",
    "美联社",
    "美聯社",
    "德新社",
    "记者",
    "記者",
    "电",
    "電",
    "讯",
    "訊",
    "报道",
    "報導",
];

/// A dateline taken off the first paragraph, and what it states.
pub(super) struct Dateline {
    /// As written, brackets included (`（中央社記者吳佳蓉台北7日電）`).
    pub(super) text: String,
    /// Reporters it names (`吳佳蓉`).
    pub(super) reporters: Vec<String>,
    /// The date it states (`【大纪元2020年11月15日讯】`): the date as written and its value.
    pub(super) date: Option<(String, NaiveDate)>,
}

/// The publisher prefix of the first paragraph, taken out of it.
pub(super) fn take_dateline(blocks: &mut Vec<RawBlock>, rules: &Rules) -> Option<Dateline> {
    let i = blocks.iter().position(|b| b.kind == RawKind::Paragraph)?;
    // Only before the text starts: a figure or heading may come first, a paragraph may not.
    let block = blocks.get_mut(i)?;
    let (text, consumed) = dateline(&block.text, rules)?;
    if consumed >= block.text.trim_end().len() {
        blocks.remove(i);
    } else {
        inline::strip_prefix(&mut block.inlines, consumed);
        block.text = inline::plain(&block.inlines);
    }
    let reporters = dateline_reporters(&text);
    let date =
        dates::find_cjk_date(&text).map(|(at, end, d)| (text.get(at..end).unwrap_or("").to_owned(), d));
    Some(Dateline {
        text,
        reporters,
        date,
    })
}

/// Words that make a bracket after Epoch's `【…讯】` part of the dateline (`（大纪元记者X报导）`).
const REPORT_BRACKET_WORDS: &[&str] = &[
    "记者",
    "記者",
    "报导",
    "報導",
    "报道",
    "報道",
    "新闻中心",
    "新聞中心",
];

/// A bracketed prefix at the start of `text` that opens with `open` and closes with one of
/// `closes`: (bytes it takes up, its inside), when its inside holds one of `words`.
fn bracket_at<'t>(text: &'t str, open: char, closes: &[char], words: &[&str]) -> Option<(usize, &'t str)> {
    let rest = text.strip_prefix(open)?;
    let end = rest.find(closes)?;
    let inner = rest.get(..end)?;
    let close_len = rest.get(end..)?.chars().next()?.len_utf8();
    let nested = inner.contains(['（', '(', '【']);
    let ok = !nested
        && inner.chars().count() <= MAX_DATELINE_CHARS
        && words.iter().any(|w| contains_str(inner, w));
    ok.then_some((open.len_utf8() + end + close_len, inner))
}

/// The generic bracketed dateline in either width, mixed or not: `（德国之声中文网）`, `(…）`.
fn plain_bracket<'t>(text: &'t str, words: &[&str]) -> Option<(usize, &'t str)> {
    ['（', '(']
        .iter()
        .find_map(|&o| bracket_at(text, o, &['）', ')'], words))
}

/// A bracketed dateline is at most this long inside its brackets.
const MAX_DATELINE_CHARS: usize = 30;

/// Reporters a dateline names after `记者`: `中央社記者吳佳蓉台北7日電` → 吳佳蓉,
/// `大纪元记者骆亚、张顿采访报导` → 骆亚, 张顿. Place, date and report words are no names.
fn dateline_reporters(dateline: &str) -> Vec<String> {
    let Some((at, word)) = ["记者", "記者"]
        .iter()
        .find_map(|w| find_str(dateline, w).map(|at| (at, *w)))
    else {
        return Vec::new();
    };
    let after = dateline.get(at + word.len()..).unwrap_or("");
    // Up to the end of the bracket the reporter sits in.
    let inner = after.split(['）', ')', '】']).next().unwrap_or("");
    let inner = inner.trim_end_matches(['電', '电', '讯', '訊']);
    let inner = inner.strip_suffix('日').unwrap_or(inner);
    let inner = inner.trim_end_matches(|c: char| c.is_ascii_digit());
    let inner = credit::strip_report_suffix(inner);
    credit::split_names(credit::strip_place(inner), &['、', '，', ','])
        .into_iter()
        .filter(|n| n.chars().count() <= 30 && !n.contains(['。', '，', '：']))
        .map(str::to_owned)
        .collect()
}

/// (dateline as written, bytes of the paragraph it takes up): a bracketed publisher prefix in
/// either width, mixed or not (`（德国之声中文网）`, `(德国之声中文网）`), a bracket of the
/// outlet's own with the reporter bracket after it (Epoch's `【大纪元...讯】（大纪元记者X报导）`),
/// or a place before one of the outlet's separators.
pub(super) fn dateline(text: &str, rules: &Rules) -> Option<(String, usize)> {
    if let Some((consumed, _)) = plain_bracket(text, DATELINE_WORDS) {
        return Some((text.get(..consumed)?.trim_ws().to_owned(), consumed));
    }
    for &(open, close, words) in rules.dateline_brackets {
        let Some((mut consumed, _)) = bracket_at(text, open, &[close], words) else {
            continue;
        };
        let rest = text.get(consumed..)?;
        let gap = rest.len() - rest.trim_start().len();
        if let Some((len, _)) = plain_bracket(rest.trim_start(), REPORT_BRACKET_WORDS) {
            consumed += gap + len;
        }
        return Some((text.get(..consumed)?.trim_ws().to_owned(), consumed));
    }
    rules
        .dateline_separators
        .iter()
        .find_map(|d| place_before(text, d))
}

/// Punctuation that never sits in a place name before a dateline separator.
const NOT_IN_PLACE: &[char] = &[
    '，', '。', '、', '“', '”', '"', ',', '.', '：', ':', '（', '(', '！', '？', '!', '?',
];

/// A place before the separator `d` at the start of the text: (place, bytes taken).
fn place_before(text: &str, d: &DatelineSeparator) -> Option<(String, usize)> {
    let end = text.find(d.sep)?;
    let head = text.get(..end)?.trim_ws();
    let n = head.chars().count();
    let ok = (1..=d.max_chars).contains(&n)
        && !head.contains(NOT_IN_PLACE)
        && (d.digits || !head.chars().any(|c| c.is_ascii_digit()))
        && d.ends_with.is_none_or(|e| head.ends_with(e));
    ok.then(|| (head.to_owned(), end + d.sep.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outlet::{Outlet, rules};

    fn dl(text: &str, outlet: Outlet) -> Option<String> {
        dateline(text, rules(outlet)).map(|(d, _)| d)
    }

    #[test]
    fn bracketed_datelines_as_written() {
        assert_eq!(
            dl("（德国之声中文网）周三", Outlet::Dw).as_deref(),
            Some("（德国之声中文网）")
        );
        assert_eq!(
            dl("(德国之声中文网）周三", Outlet::Dw).as_deref(),
            Some("(德国之声中文网）")
        );
        // The inside is at most MAX_DATELINE_CHARS long, and names a dateline word.
        let long = format!("（{}中文网）x", "某".repeat(MAX_DATELINE_CHARS - 3));
        assert!(dl(&long, Outlet::Dw).is_some());
        let too_long = format!("（{}中文网）x", "某".repeat(MAX_DATELINE_CHARS - 2));
        assert!(dl(&too_long, Outlet::Dw).is_none());
        assert_eq!(dl("（图）一名男子", Outlet::Dw), None);
        // Epoch's bracket is the Epoch Times' own, with the reporter bracket after it.
        let epoch = "【大纪元2020年10月13日讯】（大纪元记者张顿综合报导）中共";
        assert_eq!(
            dl(epoch, Outlet::EpochTimes).as_deref(),
            Some("【大纪元2020年10月13日讯】（大纪元记者张顿综合报导）")
        );
        assert_eq!(dl(epoch, Outlet::Dw), None);
    }

    #[test]
    fn separator_datelines_follow_the_outlet() {
        assert_eq!(
            dl("路透北京8月17日 - 中国", Outlet::Reuters).as_deref(),
            Some("路透北京8月17日")
        );
        // The wire's place must end with its date.
        assert_eq!(dl("路透北京 - 中国", Outlet::Reuters), None);
        assert_eq!(dl("华盛顿 — 美国", Outlet::Voa).as_deref(), Some("华盛顿"));
        // A plain place holds no digits and is at most 12 characters.
        assert_eq!(dl("华盛顿3 — 美国", Outlet::Voa), None);
        assert!(dl(&format!("{} — x", "某".repeat(12)), Outlet::Voa).is_some());
        assert!(dl(&format!("{} — x", "某".repeat(13)), Outlet::Voa).is_none());
        assert_eq!(dl("他说，华盛顿 — 美国", Outlet::Voa), None);
    }

    #[test]
    fn reporters_and_dates_in_datelines() {
        let mut blocks = vec![RawBlock::paragraph("（中央社記者吳佳蓉、林克倫台北7日電）台灣")];
        let d = take_dateline(&mut blocks, rules(Outlet::Cna)).unwrap();
        assert_eq!(d.reporters, vec!["吳佳蓉".to_owned(), "林克倫".to_owned()]);
        assert_eq!(blocks.first().map(|b| b.text.as_str()), Some("台灣"));
        let mut blocks = vec![RawBlock::paragraph(
            "【大纪元2020年11月07日讯】（大纪元记者骆亚、张顿采访报导）x",
        )];
        let d = take_dateline(&mut blocks, rules(Outlet::EpochTimes)).unwrap();
        assert_eq!(d.reporters, vec!["骆亚".to_owned(), "张顿".to_owned()]);
        assert_eq!(
            d.date.map(|(raw, v)| (raw, v.to_string())),
            Some(("2020年11月07日".to_owned(), "2020-11-07".to_owned()))
        );
        assert!(dateline_reporters("（中央社台北6日電）").is_empty());
        // A dateline that is the whole paragraph takes the paragraph.
        let mut blocks = vec![RawBlock::paragraph("（德国之声中文网）")];
        assert!(take_dateline(&mut blocks, rules(Outlet::Dw)).is_some());
        assert!(blocks.is_empty());
    }

    #[test]
    fn marked_blocks_leave_the_text() {
        let mut byline = RawBlock::paragraph("by Natasha Loder, health policy editor");
        byline.mark = Some(Mark::Byline);
        let mut place = RawBlock::paragraph("CONYERS, GEORGIA");
        place.mark = Some(Mark::Dateline);
        let mut blocks = vec![byline, place, RawBlock::paragraph("Text.")];
        let m = take_marked(&mut blocks);
        assert_eq!(m.byline, vec!["Natasha Loder".to_owned()]);
        assert_eq!(m.dateline.as_deref(), Some("CONYERS, GEORGIA"));
        assert_eq!(blocks.len(), 1);
        assert_eq!(m.set_aside.len(), 1);
    }

    #[test]
    fn date_block_names_and_placeholders() {
        let mut w = Vec::new();
        assert_eq!(
            byline(&["采访记者： William Yang"], &mut w, true),
            vec!["William Yang".to_owned()]
        );
        assert_eq!(
            byline(&["达扬（摘编）, 李京慧"], &mut w, true),
            vec!["达扬".to_owned(), "李京慧".to_owned()]
        );
        assert!(w.is_empty());
        assert!(byline(&["null"], &mut w, true).is_empty());
        assert_eq!(
            w.len(),
            2,
            "the placeholder and the empty date block are both reported"
        );
    }
}
