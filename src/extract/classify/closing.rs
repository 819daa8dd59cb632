//! The closing matter: end marks, credit lines (whole blocks, lines glued to the last paragraph
//! after a `<br>`, a bracketed editor line ending it), a closing date code, and closing lines glued
//! to the last paragraphs.

use super::super::inline;
use super::super::walk::{RawBlock, RawKind};
use super::copyright::is_copyright;
use super::credit::{self, LineRead};
use super::{Class, Found};
use crate::model::{Boilerplate, BoilerplateKind, Credit, CreditRole};
use crate::outlet::Rules;
use crate::text::{Trim, is_space};

/// End marks that close an article's last paragraph.
pub(super) const END_MARKS: &[&str] = &["（完）", "(完)", "■", "#"];

/// The closing scan stops after this many text blocks that are neither credits nor closing
/// lines: credits sit right after the last paragraphs.
const MAX_CLOSING_TEXT_BLOCKS: usize = 2;

/// At most this many `<br>`-separated lines at the end of a paragraph are read as closing lines.
const MAX_GLUED_LINES: usize = 4;

/// A line after a closing line that is itself no closing line is taken with it only when it is
/// this short (`点击查看本文英文版。` after `翻译：X`); longer text stays article text.
const MAX_TAKEN_TAIL_CHARS: usize = 40;

/// A bracketed editor line closing a paragraph is at most this long inside its brackets.
const MAX_BRACKETED_EDITOR_CHARS: usize = 40;

/// Credits and authors a block holds when every line of it is a credit or an author line.
pub(super) struct CreditBlock {
    pub(super) credits: Vec<Credit>,
    pub(super) authors: Vec<String>,
    /// The author lines as written: set aside as [`BoilerplateKind::Byline`].
    pub(super) author_lines: Vec<String>,
}

/// Reads a whole block as credit and author lines, or `None` when any line is article text.
pub(super) fn credit_block(text: &str) -> Option<CreditBlock> {
    let mut out = CreditBlock {
        credits: Vec::new(),
        authors: Vec::new(),
        author_lines: Vec::new(),
    };
    for line in text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        match credit::read(line)? {
            LineRead::Author(names) => {
                out.authors.extend(names);
                out.author_lines.push(line.to_owned());
            }
            LineRead::Credit(c) => out.credits.push(c),
        }
    }
    (!out.credits.is_empty() || !out.authors.is_empty()).then_some(out)
}

/// Takes end marks, trailing credit lines, and closing lines glued to the last paragraphs
/// (a `<br>`-separated `翻译：` line, an inline `© ...版权声明`, `（編輯：X）1091123`) out of
/// the text, into `found` and `boilerplate`.
pub(super) fn take_closing(
    blocks: &mut [RawBlock],
    classes: &mut [Class],
    rules: &Rules,
    boilerplate: &mut Vec<Boilerplate>,
    found: &mut Found,
) {
    take_end_marks(blocks, classes, boilerplate);
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
        if let Some(c) = closing_block(block, i, seen == 0, rules, boilerplate, found) {
            *class = c;
            continue;
        }
        seen += 1;
        if seen >= MAX_CLOSING_TEXT_BLOCKS {
            break;
        }
    }
    take_late_editor_line(blocks, classes, rules, found);
    take_story_end_codes(blocks, classes, rules, boilerplate, found);
}

/// The outlet's date code closes each story wherever it stands (CNA): a page that runs an
/// appendix (a list of winners) or a second story after `（編輯：X）1090919` has that editor
/// line and code taken off too, and so has a code glued to a story's last sentence
/// (`…世芯-KY。1090904`). The first code in reading order dates the page unless the closing
/// scan found one; the others are kept as end notes.
fn take_story_end_codes(
    blocks: &mut [RawBlock],
    classes: &mut [Class],
    rules: &Rules,
    boilerplate: &mut Vec<Boilerplate>,
    found: &mut Found,
) {
    let Some(read) = rules.date_code else {
        return;
    };
    let closing_code = found.date_code.take();
    let mut codes = Vec::new();
    for (i, (block, class)) in blocks.iter_mut().zip(classes.iter_mut()).enumerate() {
        if !matches!(class, Class::Keep) || block.kind != RawKind::Paragraph {
            continue;
        }
        let text = block.text.trim_end();
        let code_start = text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let code = text.get(code_start..).unwrap_or("");
        if code.is_empty() || read(code).is_none() {
            continue;
        }
        let before = text.get(..code_start).unwrap_or("");
        if before.ends_with('）') {
            take_bracketed_editor(block, i, rules, found);
            codes.extend(found.date_code.take());
        } else if before.ends_with(SENTENCE_ENDS) {
            codes.push(code.to_owned());
            inline::strip_suffix(&mut block.inlines, block.text.len() - code_start);
            block.text = inline::plain(&block.inlines);
        }
        if block.text.trim_ws().is_empty() {
            *class = Class::Boiler(BoilerplateKind::EndNote);
        }
    }
    let mut codes = codes.into_iter();
    found.date_code = closing_code.or_else(|| codes.next());
    boilerplate.extend(codes.map(|text| Boilerplate {
        kind: BoilerplateKind::EndNote,
        text,
    }));
}

/// Reads one text block of the closing scan: its class when it is closing matter as a whole
/// (a credit, credit lines, an end note), or once closing lines were taken off its end;
/// `None` when it stays article text. `last_text`: no block after it stayed article text.
fn closing_block(
    block: &mut RawBlock,
    i: usize,
    last_text: bool,
    rules: &Rules,
    boilerplate: &mut Vec<Boilerplate>,
    found: &mut Found,
) -> Option<Class> {
    if let Some(c) = outlet_credit(block.text.trim_ws(), rules) {
        return Some(Class::Credit(vec![c]));
    }
    if let Some(cb) = credit_block(&block.text) {
        return Some(found.credit_block(cb, boilerplate));
    }
    let before = block.text.len();
    take_glued_lines(block, i, rules, boilerplate, found);
    take_bracketed_editor(block, i, rules, found);
    if last_text {
        take_fused_credit(block, i, found);
    }
    if block.text.trim_ws().is_empty() {
        return Some(Class::Boiler(BoilerplateKind::EndNote));
    }
    // What stood before a line taken off may itself be a credit or closing line; text
    // nothing was taken from was read already.
    if block.text.len() == before {
        return None;
    }
    if let Some(cb) = credit_block(&block.text) {
        return Some(found.credit_block(cb, boilerplate));
    }
    rules
        .boilerplate
        .iter()
        .find(|(_, m)| m.matches(block.text.trim_ws()))
        .map(|(kind, _)| Class::Boiler(*kind))
}

/// A bracketed editor line may close the text before a few trailing widget or embed labels
/// (`Embed from Getty Images`): it is looked for in this many last text blocks.
const MAX_EDITOR_LINE_BLOCKS: usize = 4;

/// The bracketed editor line (`（編輯：X）1091123`) further up than the closing scan reaches.
fn take_late_editor_line(blocks: &mut [RawBlock], classes: &mut [Class], rules: &Rules, found: &mut Found) {
    if found.date_code.is_some() {
        return;
    }
    let mut seen = 0;
    for i in (0..blocks.len()).rev() {
        let (Some(block), Some(class)) = (blocks.get_mut(i), classes.get_mut(i)) else {
            break;
        };
        if !matches!(class, Class::Keep) || matches!(block.kind, RawKind::Figure(_)) {
            continue;
        }
        seen += 1;
        if seen > MAX_EDITOR_LINE_BLOCKS {
            break;
        }
        let before = found.credits.len();
        take_bracketed_editor(block, i, rules, found);
        if found.credits.len() > before {
            if block.text.trim_ws().is_empty() {
                *class = Class::Boiler(BoilerplateKind::EndNote);
            }
            break;
        }
    }
}

/// A closing line the outlet marks as a credit (`ILLUSTRATION: X`).
fn outlet_credit(t: &str, rules: &Rules) -> Option<Credit> {
    (rules.credits.iter().any(|m| m.matches(t)) && t.chars().count() <= credit::MAX_LINE_CHARS).then(|| {
        credit::parse(t).unwrap_or_else(|| Credit {
            role: CreditRole::Other,
            names: Vec::new(),
            agencies: Vec::new(),
            also: Vec::new(),
            text: t.to_owned(),
        })
    })
}

/// End marks off the end of every paragraph, into boilerplate.
fn take_end_marks(blocks: &mut [RawBlock], classes: &mut [Class], boilerplate: &mut Vec<Boilerplate>) {
    for (block, class) in blocks.iter_mut().zip(classes.iter_mut()) {
        if !matches!(class, Class::Keep) || !matches!(block.kind, RawKind::Paragraph | RawKind::Quote) {
            continue;
        }
        let text = block.text.trim_end_matches(is_space);
        // A closing `#` is an end mark only when it is the line's one `#` (`#话题#` is a tag).
        let one_hash = || text.rsplit('\n').next().unwrap_or(text).matches('#').count() == 1;
        let mark = END_MARKS
            .iter()
            .find(|m| text.ends_with(*m) && (**m != "#" || one_hash()));
        if let Some(mark) = mark {
            inline::strip_suffix(&mut block.inlines, block.text.len() - text.len() + mark.len());
            block.text = inline::plain(&block.inlines);
            boilerplate.push(Boilerplate {
                kind: BoilerplateKind::EndNote,
                text: (*mark).to_owned(),
            });
            if block.text.trim_ws().is_empty() {
                *class = Class::Boiler(BoilerplateKind::EndNote);
            }
        }
    }
}

/// What a line glued to the end of a paragraph is, when it is a closing line.
enum Closing {
    Credit(Credit),
    Author(Vec<String>),
    Boiler(BoilerplateKind),
    Copyright,
}

fn closing_line(line: &str, rules: &Rules) -> Option<Closing> {
    if let Some((kind, _)) = rules.boilerplate.iter().find(|(_, m)| m.matches(line)) {
        return Some(Closing::Boiler(*kind));
    }
    if is_copyright(line) {
        return Some(Closing::Copyright);
    }
    Some(match credit::read(line)? {
        LineRead::Author(names) => Closing::Author(names),
        LineRead::Credit(c) => Closing::Credit(c),
    })
}

/// The last `<br>`-separated lines of a paragraph when they are closing lines: the earliest
/// closing line among the last few takes the lines after it with it when those are short. An
/// inline `© ...版权声明` is split off first.
fn take_glued_lines(
    block: &mut RawBlock,
    at_block: usize,
    rules: &Rules,
    boilerplate: &mut Vec<Boilerplate>,
    found: &mut Found,
) {
    // `正文。© 2020年德国之声版权声明`: a notice glued after the text on the same line.
    let inline_notice = block
        .text
        .rfind('©')
        .filter(|&i| i > 0 && block.text.get(i..).is_some_and(|t| is_copyright(t.trim_ws())));
    if let Some(at) = inline_notice {
        found.copyright_text = block.text.get(at..).map(|t| t.trim_ws().to_owned());
        inline::strip_suffix(&mut block.inlines, block.text.len() - at);
        block.text = inline::plain(&block.inlines);
    }
    if !block.text.contains('\n') {
        // A single line was read whole already (credit block, classification).
        return;
    }
    let text = block.text.clone();
    // Where each line starts; a cut before a line takes the `\n` before it too.
    let starts: Vec<(usize, usize)> = std::iter::once((0, 0))
        .chain(text.match_indices('\n').map(|(i, _)| (i, i + 1)))
        .collect();
    let first_read = starts.len().saturating_sub(MAX_GLUED_LINES);
    // The last lines, each read once: where a cut before it falls, its text, what it is.
    let mut last: Vec<(usize, &str, Option<Closing>)> = starts
        .iter()
        .skip(first_read)
        .map(|&(at, line_start)| {
            let line = text.get(line_start..).unwrap_or("");
            let line = line.split('\n').next().unwrap_or(line).trim_ws();
            (at, line, closing_line(line, rules))
        })
        .collect();
    // The earliest closing line whose following lines are closing lines or short.
    let mut tail_ok = true;
    let mut cut = None;
    for (k, (_, line, read)) in last.iter().enumerate().rev() {
        if read.is_some() && tail_ok {
            cut = Some(k);
        }
        tail_ok = tail_ok && (line.chars().count() <= MAX_TAKEN_TAIL_CHARS || read.is_some());
    }
    let Some((k, &(cut_at, _, _))) = cut.and_then(|k| Some((k, last.get(k)?))) else {
        return;
    };
    inline::strip_suffix(&mut block.inlines, text.len() - cut_at);
    block.text = inline::plain(&block.inlines);
    for (_, line, read) in last.drain(k..) {
        if !line.is_empty() {
            record_closing_line(line, read, at_block, boilerplate, found);
        }
    }
}

/// Sends a closing line where it belongs.
fn record_closing_line(
    line: &str,
    what: Option<Closing>,
    at_block: usize,
    boilerplate: &mut Vec<Boilerplate>,
    found: &mut Found,
) {
    let kind = match what {
        Some(Closing::Credit(c)) => {
            found.credits.push((at_block, c));
            return;
        }
        Some(Closing::Copyright) => {
            found.copyright_text = Some(line.to_owned());
            return;
        }
        Some(Closing::Author(names)) => {
            found.authors.extend(names);
            BoilerplateKind::Byline
        }
        Some(Closing::Boiler(kind)) => kind,
        None => BoilerplateKind::EndNote,
    };
    boilerplate.push(Boilerplate {
        kind,
        text: line.to_owned(),
    });
}

/// A bracketed editor line ending the last paragraph, with the outlet's date code after it:
/// CNA's `（編輯：X/Y）1091201`, RFI's `（实习编译：X/核稿：Y）`.
fn take_bracketed_editor(block: &mut RawBlock, at_block: usize, rules: &Rules, found: &mut Found) {
    let text = block.text.trim_end();
    let code_start = text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let before_code = text.get(..code_start).unwrap_or("");
    let Some(inner_end) = before_code.strip_suffix('）') else {
        return;
    };
    let Some(open) = inner_end.rfind('（') else {
        return;
    };
    let Some(inner) = inner_end.get(open + '（'.len_utf8()..) else {
        return;
    };
    if inner.chars().count() > MAX_BRACKETED_EDITOR_CHARS {
        return;
    }
    let Some(c) = before_code.get(open..).and_then(credit::parse) else {
        return;
    };
    if !c.roles().any(|(r, _)| {
        matches!(
            r,
            CreditRole::Editor | CreditRole::Translator | CreditRole::Reviewer
        )
    }) {
        return;
    }
    let code = text.get(code_start..).unwrap_or("");
    if !code.is_empty() {
        match rules.date_code {
            Some(read) if read(code).is_some() => found.date_code = Some(code.to_owned()),
            // Digits after an editor line that are no date code of the outlet's are text.
            _ => return,
        }
    }
    inline::strip_suffix(&mut block.inlines, block.text.len() - open);
    block.text = inline::plain(&block.inlines);
    found.credits.push((at_block, c));
}

/// Marks that end a sentence: a credit fused to the last paragraph follows one.
const SENTENCE_ENDS: &[char] = &['。', '！', '？', '」', '”', '"', '.', '!', '?'];

/// A credit fused to the end of the last paragraph after its last sentence, with only spaces
/// between (`…付出沉重代价。   Phoebe Kong/杨威廉（综合报导）`).
fn take_fused_credit(block: &mut RawBlock, at_block: usize, found: &mut Found) {
    let text = block.text.trim_end();
    let Some(end) = text.rfind(SENTENCE_ENDS) else {
        return;
    };
    let start = end
        + text
            .get(end..)
            .and_then(|t| t.chars().next())
            .map_or(1, char::len_utf8);
    let tail = text.get(start..).unwrap_or("");
    if !tail.starts_with(char::is_whitespace) || tail.contains('\n') {
        return;
    }
    let Some(c) = credit::parse(tail.trim_ws()) else {
        return;
    };
    inline::strip_suffix(&mut block.inlines, block.text.len() - start);
    block.text = inline::plain(&block.inlines);
    found.credits.push((at_block, c));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outlet::{Outlet, rules};

    /// Runs the closing scan: (kept texts, credit texts, boilerplate texts, found).
    fn close(texts: &[&str], outlet: Outlet) -> (Vec<String>, Vec<String>, Vec<String>, Found) {
        let mut blocks: Vec<RawBlock> = texts.iter().map(|t| RawBlock::paragraph(t)).collect();
        let mut classes: Vec<Class> = texts.iter().map(|_| Class::Keep).collect();
        let mut boilerplate = Vec::new();
        let mut found = Found::default();
        take_closing(
            &mut blocks,
            &mut classes,
            rules(outlet),
            &mut boilerplate,
            &mut found,
        );
        let mut kept = Vec::new();
        let mut credits: Vec<String> = found.credits.iter().map(|(_, c)| c.text.clone()).collect();
        for (b, c) in blocks.iter().zip(classes) {
            match c {
                Class::Keep => kept.push(b.text.clone()),
                Class::Credit(cs) => credits.extend(cs.into_iter().map(|c| c.text)),
                _ => {}
            }
        }
        (
            kept,
            credits,
            boilerplate.into_iter().map(|b| b.text).collect(),
            found,
        )
    }

    #[test]
    fn editor_line_and_date_code() {
        let (kept, credits, _, found) = close(
            &["第一段。", "最后一段。（編輯：繆宗翰/沈朋達）1091123"],
            Outlet::Cna,
        );
        assert_eq!(kept, vec!["第一段。", "最后一段。"]);
        assert_eq!(credits, vec!["（編輯：繆宗翰/沈朋達）"]);
        assert_eq!(found.date_code.as_deref(), Some("1091123"));
        // Digits that are no date code of the outlet's stay text.
        let (kept, credits, _, _) = close(&["最后一段。（編輯：繆宗翰）1091123"], Outlet::Dw);
        assert_eq!(kept, vec!["最后一段。（編輯：繆宗翰）1091123"]);
        assert!(credits.is_empty());
    }

    #[test]
    fn date_codes_close_every_story() {
        // An appendix after the story's editor line and code; a second story's code glued to
        // its last sentence. The first code dates the page.
        let appendix = [
            "一、節目獎",
            "二、個人獎",
            "三、廣告獎",
            "四、創新獎",
            "五、特別獎",
        ];
        let mut texts = vec!["第一段。", "最后一段。（編輯：張佑之）1090919"];
        texts.extend(appendix);
        let (kept, credits, _, found) = close(&texts, Outlet::Cna);
        assert_eq!(kept.get(1).map(String::as_str), Some("最后一段。"));
        assert_eq!(credits, vec!["（編輯：張佑之）"]);
        assert_eq!(found.date_code.as_deref(), Some("1090919"));
        let mut texts = vec!["甲。（編輯：楊玫寧）1090904", "乙段。"];
        texts.extend(appendix);
        texts.push("丙段結尾。1090905");
        let (kept, credits, boiler, found) = close(&texts, Outlet::Cna);
        assert_eq!(kept.first().map(String::as_str), Some("甲。"));
        assert_eq!(kept.last().map(String::as_str), Some("丙段結尾。"));
        assert_eq!(credits, vec!["（編輯：楊玫寧）"]);
        assert_eq!(found.date_code.as_deref(), Some("1090904"));
        // The second story's code is no text and dates nothing: an end note.
        assert_eq!(boiler, vec!["1090905"]);
        // Digits that read as no date, or follow no sentence end, stay text.
        let (kept, _, _, found) = close(&["甲。", "人數為1234567", "乙。1091399"], Outlet::Cna);
        assert_eq!(kept, vec!["甲。", "人數為1234567", "乙。1091399"]);
        assert!(found.date_code.is_none());
    }

    #[test]
    fn glued_and_fused_credits() {
        let (kept, credits, boiler, _) =
            close(&["正文。\n翻译：Harry Wong\n点击查看本文英文版"], Outlet::Nyt);
        assert_eq!(kept, vec!["正文。"]);
        assert_eq!(credits, vec!["翻译：Harry Wong"]);
        assert_eq!(boiler, vec!["点击查看本文英文版"]);
        let (kept, credits, _, _) = close(
            &["美方必将付出代价。   Phoebe Kong/杨威廉（综合报导）"],
            Outlet::Dw,
        );
        assert_eq!(kept, vec!["美方必将付出代价。"]);
        assert_eq!(credits, vec!["Phoebe Kong/杨威廉（综合报导）"]);
        // A long line after a closing line is article text: nothing is taken.
        let long = format!("正文。\n翻译：Harry Wong\n{}", "很长的正文".repeat(10));
        let (kept, _, _, _) = close(&[&long], Outlet::Nyt);
        assert_eq!(kept.len(), 1);
        assert!(kept.first().is_some_and(|k| k.contains("翻译")));
    }

    #[test]
    fn scan_stops_after_two_text_blocks() {
        let (_, credits, _, _) = close(&["（路透社）", "正文一。", "正文二。"], Outlet::Dw);
        assert!(credits.is_empty());
        let (_, credits, _, _) = close(&["正文一。", "（路透社）", "正文二。"], Outlet::Dw);
        assert_eq!(credits, vec!["（路透社）"]);
    }

    #[test]
    fn end_marks() {
        let (kept, _, boiler, _) = close(&["正文。（完）"], Outlet::Cna);
        assert_eq!(
            (kept, boiler),
            (vec!["正文。".to_owned()], vec!["（完）".to_owned()])
        );
        let (kept, _, boiler, _) = close(&["责任编辑：李穹#"], Outlet::EpochTimes);
        assert!(kept.is_empty());
        assert_eq!(boiler, vec!["#"]);
        // A hashtag is no end mark.
        let (kept, _, _, _) = close(&["转发 #武汉加油#"], Outlet::ChinaDigitalTimes);
        assert_eq!(kept, vec!["转发 #武汉加油#"]);
    }

    #[test]
    fn credit_blocks_hold_only_credit_and_author_lines() {
        let cb = credit_block("作者 | 陈亚亚\n编辑 | 赵小鲁").unwrap();
        assert_eq!(cb.authors, vec!["陈亚亚".to_owned()]);
        assert_eq!(cb.credits.len(), 1);
        assert_eq!(cb.credits.first().unwrap().text, "编辑 | 赵小鲁");
        assert!(credit_block("编辑 | 赵小鲁\n这是一段正文，不是署名。").is_none());
        assert!(credit_block("").is_none());
    }
}
