//! The closing matter: end marks, credit lines, editor lines and closing lines glued to the
//! last paragraphs.

use super::super::inline;
use super::super::walk::{RawBlock, RawKind};
use super::Class;
use super::copyright::is_copyright;
use crate::model::{Boilerplate, BoilerplateKind};
use crate::outlet::Rules;
use crate::text::is_space;

/// End marks that close an article's last paragraph.
pub(super) const END_MARKS: &[&str] = &["（完）", "(完)", "■"];

/// Words that make a bracketed or trailing line a credit.
pub(super) const CREDIT_WORDS: &[&str] = &[
    "路透",
    "法新社",
    "美联社",
    "美聯社",
    "德新社",
    "共同社",
    "新华社",
    "新華社",
    "中央社",
    "美通社",
    "彭博",
    "综合",
    "綜合",
    "报道",
    "报导",
    "報導",
    "報道",
    "编辑",
    "編輯",
    "编译",
    "編譯",
    "审校",
    "審校",
    "记者",
    "記者",
    "AFP",
    "AP",
    "dpa",
    "Reuters",
    "ARD",
    "本文依据",
    "本文依據",
];

/// Takes end marks, trailing credit lines, and closing lines glued to the last paragraphs
/// (a `<br>`-separated `翻译：` line, an inline `© ...版权声明`) out of the text. Returns a
/// glued copyright line.
pub(super) fn take_trailing_credits(
    blocks: &mut [RawBlock],
    classes: &mut [Class],
    rules: &Rules,
    boilerplate: &mut Vec<Boilerplate>,
) -> Option<String> {
    let mut copyright_text = None;
    for (block, class) in blocks.iter_mut().zip(classes.iter_mut()) {
        if !matches!(class, Class::Keep) || !matches!(block.kind, RawKind::Paragraph | RawKind::Quote) {
            continue;
        }
        let text = block.text.trim_end_matches(is_space);
        if let Some(mark) = END_MARKS.iter().find(|m| text.ends_with(*m)) {
            inline::strip_suffix(&mut block.inlines, block.text.len() - text.len() + mark.len());
            block.text = inline::plain(&block.inlines);
            boilerplate.push(Boilerplate {
                kind: BoilerplateKind::EndNote,
                text: (*mark).to_owned(),
            });
            if block.text.trim().is_empty() {
                *class = Class::Boiler(BoilerplateKind::EndNote);
            }
        }
    }
    let mut seen = 0;
    for i in (0..blocks.len()).rev() {
        let (Some(block), Some(class)) = (blocks.get_mut(i), classes.get_mut(i)) else {
            break;
        };
        if !matches!(class, Class::Keep) {
            continue;
        }
        // A closing video or embed does not end the closing lines; any other block does.
        if matches!(block.kind, RawKind::Figure(_)) {
            continue;
        }
        if !matches!(block.kind, RawKind::Paragraph | RawKind::Quote) {
            break;
        }
        let t = block.text.trim();
        if rules.credits.iter().any(|m| m.matches(t)) && t.chars().count() <= 80 {
            *class = Class::Credit(t.to_owned());
            continue;
        }
        if let Some(c) = credit_line(t) {
            *class = Class::Credit(c);
            continue;
        }
        if let Some((rest, editor)) = cna_editor(block.text.trim_end()) {
            let cut = block.text.len() - rest.len();
            inline::strip_suffix(&mut block.inlines, cut);
            block.text = inline::plain(&block.inlines);
            if block.text.trim().is_empty() {
                *class = Class::Credit(editor);
                continue;
            }
            boilerplate.push(Boilerplate {
                kind: BoilerplateKind::Staff,
                text: editor,
            });
        }
        if let Some((at, kind)) = glued_closing_line(&block.text, rules) {
            let tail = block.text.get(at..).unwrap_or("").trim().to_owned();
            inline::strip_suffix(&mut block.inlines, block.text.len() - at);
            block.text = inline::plain(&block.inlines);
            match kind {
                None => copyright_text = Some(tail),
                Some(kind) => boilerplate.push(Boilerplate { kind, text: tail }),
            }
            if block.text.trim().is_empty() {
                *class = Class::Boiler(BoilerplateKind::EndNote);
                continue;
            }
            // What stood before it may be a credit line (`乐然（综合报道） © 2020年...`) or
            // other closing text (`[摘编自其它媒体，不代表德国之声观点] © 2020年...`).
            let rest = block.text.trim();
            if let Some(c) = credit_line(rest) {
                *class = Class::Credit(c);
                continue;
            }
            if let Some((kind, _)) = rules.boilerplate.iter().find(|(_, m)| m.matches(rest)) {
                *class = Class::Boiler(*kind);
                continue;
            }
        }
        seen += 1;
        if seen >= 2 {
            break;
        }
    }
    copyright_text
}

/// Where a closing line glued to the end of a paragraph starts, and what it is (`None` for a
/// copyright line): the last `<br>`-separated line when it is boilerplate, or an inline
/// `© ...版权声明`.
pub(super) fn glued_closing_line(text: &str, rules: &Rules) -> Option<(usize, Option<BoilerplateKind>)> {
    // The last few `<br>`-separated lines: the first that is a closing line takes the rest with it.
    let mut found = None;
    let mut end = text.len();
    for _ in 0..4 {
        let Some(at) = text.get(..end).and_then(|t| t.rfind('\n')) else {
            break;
        };
        let line = text.get(at + 1..end)?.trim();
        if let Some((kind, _)) = rules.boilerplate.iter().find(|(_, m)| m.matches(line)) {
            found = Some((at, Some(*kind)));
        } else if is_copyright(line) {
            found = Some((at, None));
        }
        end = at;
    }
    if found.is_some() {
        return found;
    }
    let at = text.rfind('©').filter(|&i| i > 0)?;
    is_copyright(text.get(at..)?.trim()).then_some((at, None))
}

/// An editor line ending the last paragraph: CNA's `（編輯：X/Y）1091201` (the digits are the
/// ROC date), RFI's `（实习编译：X/核稿：Y）`. Returns the text before it and the line.
pub(super) fn cna_editor(text: &str) -> Option<(&str, String)> {
    let digits = text.trim_end_matches(|c: char| c.is_ascii_digit());
    let inner_end = digits.strip_suffix('）')?;
    let open = inner_end.rfind('（')?;
    let inner = inner_end.get(open + '（'.len_utf8()..)?;
    let editor = ["編輯", "编辑", "编译", "編譯", "核稿"]
        .iter()
        .any(|w| inner.contains(w));
    if !editor || inner.chars().count() > 40 {
        return None;
    }
    Some((text.get(..open)?, inner.to_owned()))
}

/// Whether `s` contains `w`; an ASCII `w` (`AP`, `AFP`) must stand as a whole word, so that
/// `(APEC)` or `(STANDARD)` are no credits.
pub(super) fn contains_word(s: &str, w: &str) -> bool {
    if !w.is_ascii() {
        return s.contains(w);
    }
    s.match_indices(w).any(|(i, _)| {
        let before = s.get(..i).and_then(|b| b.chars().next_back());
        let after = s.get(i + w.len()..).and_then(|a| a.chars().next());
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// A whole line that is a credit: `（路透社）`, `杨威廉/邹宗翰 (路透社、法新社)`, `编译 X；审校 Y`.
pub(super) fn credit_line(t: &str) -> Option<String> {
    if t.is_empty() || t.chars().count() > 80 {
        return None;
    }
    let has_word = |s: &str| CREDIT_WORDS.iter().any(|w| contains_word(s, w)) || s == "完";
    if t.starts_with("编译") || t.starts_with("編譯") || t.contains("审校") || t.contains("審校") {
        return Some(t.to_owned());
    }
    let (open, close) = if t.ends_with('）') {
        ('（', '）')
    } else if t.ends_with(')') {
        ('(', ')')
    } else {
        return None;
    };
    let start = t.rfind(open)?;
    let inner = t.get(start + open.len_utf8()..t.len() - close.len_utf8())?.trim();
    if !has_word(inner) {
        return None;
    }
    let prefix = t.get(..start)?.trim();
    if prefix.is_empty() {
        return Some(inner.to_owned());
    }
    let short_names = prefix.chars().count() <= 20 && !prefix.contains(['。', '，', '！', '？', '.', ',']);
    short_names.then(|| t.to_owned())
}
