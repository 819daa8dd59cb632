//! What the blocks mean: the date block, the dateline, credits, the copyright footer, the
//! mirror footer and boilerplate are taken out of the text into their own fields.

use super::dates;
use super::inline;
use super::walk::{Raw, RawBlock, RawKind};
use crate::error::{Warning, WarningKind};
use crate::model::{
    Block, Boilerplate, BoilerplateKind, Copyright, Figure, Inline, Link, LinkKind, MirrorFooter, Published,
};
use crate::outlet::Rules;
use crate::text::{is_space, normalize_space};

/// The body's parts after classification.
pub(crate) struct Parts {
    pub(crate) published: Option<Published>,
    pub(crate) byline: Vec<String>,
    pub(crate) dateline: Option<String>,
    pub(crate) figures: Vec<Figure>,
    pub(crate) blocks: Vec<Block>,
    pub(crate) links: Vec<Link>,
    pub(crate) credits: Vec<String>,
    pub(crate) copyright: Option<Copyright>,
    pub(crate) mirror_footer: Option<MirrorFooter>,
    pub(crate) boilerplate: Vec<Boilerplate>,
    pub(crate) warnings: Vec<Warning>,
}

/// The mirror service's promo block starts with this.
const MIRROR_MARKER: &str = "获取更多RSS";

/// Words that make a bracketed or trailing line a credit.
const CREDIT_WORDS: &[&str] = &[
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

/// Words that make a bracketed prefix of the first paragraph a dateline.
const DATELINE_WORDS: &[&str] = &[
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

enum Class {
    Keep,
    /// Opens with `©` but names no year: the copyright footer if it closes the article.
    WeakCopyright,
    Boiler(BoilerplateKind),
    Credit(String),
    Copyright,
}

pub(crate) fn classify(raw: Raw, rules: &Rules) -> Parts {
    let Raw {
        mut blocks,
        mut figures,
        links,
        time,
        mut warnings,
    } = raw;

    let mirror_footer = take_mirror_footer(&mut blocks, &links);
    let (published, byline) = take_date_block(&mut blocks, time.as_deref(), &mut warnings);

    let mut classes: Vec<Class> = blocks.iter().map(|b| classify_block(b, rules)).collect();
    // A yearless `©` line is the footer only among the last three text blocks.
    let text_blocks: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| !matches!(b.kind, RawKind::Figure(_)))
        .map(|(i, _)| i)
        .collect();
    let tail_start = text_blocks.len().saturating_sub(3);
    for (rank, &i) in text_blocks.iter().enumerate() {
        if let Some(class) = classes.get_mut(i) {
            if matches!(class, Class::WeakCopyright) {
                *class = if rank >= tail_start {
                    Class::Copyright
                } else {
                    Class::Keep
                };
            }
        }
    }
    let mut boilerplate = Vec::new();
    let glued_copyright = take_trailing_credits(&mut blocks, &mut classes, rules, &mut boilerplate);

    let mut credits = Vec::new();
    let mut copyright = None;
    let mut kept = Vec::with_capacity(blocks.len());
    for (block, class) in blocks.into_iter().zip(classes) {
        match class {
            Class::Keep | Class::WeakCopyright => kept.push(block),
            // A block emptied by taking its end mark or closing line off has nothing left to
            // set aside: what was taken is already recorded.
            Class::Boiler(_) if block.text.trim().is_empty() => {}
            Class::Boiler(_) if block.text.trim().is_empty() => {}
            Class::Boiler(kind) => boilerplate.push(Boilerplate {
                kind,
                text: block.text,
            }),
            Class::Credit(c) => credits.push(c),
            Class::Copyright => {
                if copyright.is_some() {
                    boilerplate.push(Boilerplate {
                        kind: BoilerplateKind::EndNote,
                        text: block.text,
                    });
                } else {
                    copyright = Some(parse_copyright(&block.text));
                }
            }
        }
    }

    if let Some(text) = glued_copyright {
        match copyright {
            None => copyright = Some(parse_copyright(&text)),
            Some(_) => boilerplate.push(Boilerplate {
                kind: BoilerplateKind::EndNote,
                text,
            }),
        }
    }
    if published.is_none() && time.is_none() {
        warn_unparsed_date(&kept, &mut warnings);
    }
    let dateline = take_dateline(&mut kept, rules);
    let (blocks, links) = assemble(kept, &mut figures, links);
    Parts {
        published,
        byline,
        dateline,
        figures,
        blocks,
        links,
        credits,
        copyright,
        mirror_footer,
        boilerplate,
        warnings,
    }
}

fn take_mirror_footer(blocks: &mut Vec<RawBlock>, links: &[Link]) -> Option<MirrorFooter> {
    let at = blocks
        .iter()
        .rposition(|b| b.text.trim_start().starts_with(MIRROR_MARKER))?;
    let mut text = String::new();
    let mut domains: Vec<String> = Vec::new();
    for block in blocks.drain(at..) {
        for run in &block.inlines {
            let Inline::Text { link: Some(i), .. } = run else {
                continue;
            };
            let host = links
                .get(*i)
                .and_then(|l| l.href.as_ref())
                .and_then(|u| u.host_str());
            if let Some(h) = host {
                if !domains.iter().any(|d| d == h) {
                    domains.push(h.to_owned());
                }
            }
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&block.text);
    }
    Some(MirrorFooter { text, domains })
}

/// The date block: one of the first blocks, short, whose last line is a date; the lines
/// before it name the authors. Failing that, a `<time datetime>` element.
fn take_date_block(
    blocks: &mut Vec<RawBlock>,
    time: Option<&str>,
    warnings: &mut Vec<Warning>,
) -> (Option<Published>, Vec<String>) {
    for i in 0..blocks.len().min(3) {
        let Some(b) = blocks.get(i) else { break };
        if matches!(b.kind, RawKind::Figure(_)) {
            continue;
        }
        if b.text.chars().count() > 120 {
            break;
        }
        let mut lines: Vec<&str> = b.text.split('\n').map(str::trim).collect();
        let last = lines.pop().unwrap_or("");
        let Some(value) = dates::parse(last) else { continue };
        let published = Published {
            raw: last.to_owned(),
            value,
        };
        let byline = byline(&lines, warnings, true);
        blocks.remove(i);
        return (Some(published), byline);
    }
    let published = time.and_then(|t| time_element(blocks, t.trim(), warnings));
    (published, Vec::new())
}

/// The first text block looks like a date block (short, emphasised, digits) but was not read
/// as one: say so, it stays as text.
fn warn_unparsed_date(kept: &[RawBlock], warnings: &mut Vec<Warning>) {
    let Some(first) = kept.iter().find(|b| !matches!(b.kind, RawKind::Figure(_))) else {
        return;
    };
    let looks_dated = first.text.chars().count() <= 60
        && first.text.chars().filter(char::is_ascii_digit).count() >= 6
        && first
            .inlines
            .iter()
            .all(|r| matches!(r, Inline::LineBreak | Inline::Text { emphasis: true, .. }));
    if looks_dated {
        warnings.push(Warning::new(
            WarningKind::UnparsedDate,
            format!(
                "the date block `{}` could not be read as a date; kept as text",
                first.text.replace('\n', " / ")
            ),
        ));
    }
}

/// A `<time datetime>` value; the element's visible text repeats it and is not article text.
fn time_element(blocks: &mut Vec<RawBlock>, raw: &str, warnings: &mut Vec<Warning>) -> Option<Published> {
    let Some(value) = dates::parse(raw) else {
        warnings.push(Warning::new(
            WarningKind::UnparsedDate,
            format!("the time element `{raw}` could not be read as a date"),
        ));
        return None;
    };
    if let Some(i) = blocks
        .iter()
        .take(4)
        .position(|b| dates::parse(&b.text).is_some())
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
fn byline(lines: &[&str], warnings: &mut Vec<Warning>, in_date_block: bool) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in lines {
        for part in line.split([',', '，']) {
            let mut name = normalize_space(part);
            if let Some(rest) = name
                .strip_prefix("null")
                .filter(|r| r.is_empty() || r.starts_with(' '))
            {
                warnings.push(Warning::new(
                    WarningKind::BylineDropped,
                    format!(
                        "the placeholder `null` was dropped from the byline `{}`",
                        name.trim()
                    ),
                ));
                name = rest.trim().to_owned();
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
        warnings.push(Warning::new(
            WarningKind::BylineDropped,
            "the date block names no author".to_owned(),
        ));
    }
    names
}

fn classify_block(b: &RawBlock, rules: &Rules) -> Class {
    if matches!(b.kind, RawKind::Figure(_)) {
        return Class::Keep;
    }
    let t = b.text.trim();
    // A notice that opens the block is the footer; one after other text is split off by the
    // closing-line scan, which keeps the text before it.
    let opens = t.starts_with('©') || t.starts_with("Copyright") || t.starts_with("(c)");
    if b.copyright_class || (is_copyright(t) && (opens || !t.contains('©'))) {
        return Class::Copyright;
    }
    if is_weak_copyright(t) {
        return Class::WeakCopyright;
    }
    // Text glued before a copyright notice (`[摘编自...] © 2020年...`): the closing-line scan
    // splits the two and classifies what stood before.
    if t.find('©')
        .is_some_and(|i| i > 0 && t.get(i..).is_some_and(is_copyright))
    {
        return Class::Keep;
    }
    if let Some((kind, _)) = rules.boilerplate.iter().find(|(_, m)| m.matches(t)) {
        return Class::Boiler(*kind);
    }
    if b.aside {
        let related = ["同一主题", "同一主題", "相关", "相關", "Related", "More from"]
            .iter()
            .any(|p| t.starts_with(p));
        return Class::Boiler(if related {
            BoilerplateKind::Related
        } else {
            BoilerplateKind::Chrome
        });
    }
    Class::Keep
}

/// A copyright line: it opens with `©` and a year (`© 2023年德国之声版权声明`, `© 2021 AFP`),
/// or states a copyright notice (`版权声明`, `All rights reserved`).
fn is_copyright(t: &str) -> bool {
    copyright_year(t).is_some()
        || ((t.contains("版权声明") || t.contains("版權聲明")) && t.chars().count() < 200)
        || t.contains("All rights reserved")
}

/// A line that opens with `©` but names no year (`© 作者 for 中国数字时代`, or a photo credit
/// `©视觉中国` in the middle of an article): a copyright footer only at the end.
fn is_weak_copyright(t: &str) -> bool {
    t.starts_with('©') || t.starts_with("Copyright ©")
}

/// The year right after an opening `©` (`© 2023年`, `©️ 2020`, `Copyright © 2020`).
fn copyright_year(t: &str) -> Option<(i32, &str)> {
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

/// End marks that close an article's last paragraph.
const END_MARKS: &[&str] = &["（完）", "(完)", "■"];

/// Takes end marks, trailing credit lines, and closing lines glued to the last paragraphs
/// (a `<br>`-separated `翻译：` line, an inline `© ...版权声明`) out of the text. Returns a
/// glued copyright line.
fn take_trailing_credits(
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
fn glued_closing_line(text: &str, rules: &Rules) -> Option<(usize, Option<BoilerplateKind>)> {
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
fn cna_editor(text: &str) -> Option<(&str, String)> {
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
fn contains_word(s: &str, w: &str) -> bool {
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
fn credit_line(t: &str) -> Option<String> {
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

fn parse_copyright(text: &str) -> Copyright {
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
    let end = [
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
    ]
    .iter()
    .filter_map(|m| rest.find(m))
    .min()
    .unwrap_or(rest.len());
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

/// The publisher prefix of the first paragraph, taken out of it.
fn take_dateline(blocks: &mut Vec<RawBlock>, rules: &Rules) -> Option<String> {
    let i = blocks.iter().position(|b| b.kind == RawKind::Paragraph)?;
    // Only before the text starts: a figure or heading may come first, a paragraph may not.
    let block = blocks.get_mut(i)?;
    let (dateline, consumed) = dateline(&block.text, rules)?;
    if consumed >= block.text.trim_end().len() {
        blocks.remove(i);
    } else {
        inline::strip_prefix(&mut block.inlines, consumed);
        block.text = inline::plain(&block.inlines);
    }
    Some(dateline)
}

/// (dateline, bytes of the paragraph it takes up): a bracketed publisher prefix in either
/// width, mixed or not (`（德国之声中文网）`, `(德国之声中文网）`), Epoch's `【大纪元...讯】`, or a
/// place before one of the outlet's separators.
fn dateline(text: &str, rules: &Rules) -> Option<(String, usize)> {
    let first = text.chars().next()?;
    if matches!(first, '（' | '(' | '【') {
        let rest = text.get(first.len_utf8()..)?;
        let (closes, words): (&[char], &[&str]) = if first == '【' {
            (&['】'], &["讯", "訊"])
        } else {
            (&['）', ')'], DATELINE_WORDS)
        };
        let end = rest.find(closes)?;
        let inner = rest.get(..end)?;
        let close_len = rest.get(end..)?.chars().next()?.len_utf8();
        let nested = inner.contains(['（', '(', '【']);
        let ok = !nested && inner.chars().count() <= 30 && words.iter().any(|w| inner.contains(w));
        return ok.then(|| (inner.trim().to_owned(), first.len_utf8() + end + close_len));
    }
    for sep in rules.dateline_separators {
        let Some(end) = text.find(sep) else { continue };
        let head = text.get(..end)?.trim();
        let n = head.chars().count();
        let wire = *sep == " - ";
        let max = if wire { 25 } else { 12 };
        let plain_place = (1..=max).contains(&n)
            && !head.contains([
                '，', '。', '、', '“', '”', '"', ',', '.', '：', ':', '（', '(', '！', '？', '!', '?',
            ])
            && (wire || !head.chars().any(|c| c.is_ascii_digit()))
            && (!wire || head.ends_with('日'));
        if plain_place {
            return Some((head.to_owned(), end + sep.len()));
        }
    }
    None
}

/// The final blocks and links: list items grouped, strong-only short paragraphs as headings,
/// links renumbered in reading order with their text.
fn assemble(kept: Vec<RawBlock>, figures: &mut [Figure], raw_links: Vec<Link>) -> (Vec<Block>, Vec<Link>) {
    let mut remap: Vec<Option<usize>> = vec![None; raw_links.len()];
    // Each raw link moves into the output the first time a kept block refers to it.
    let mut raw_links: Vec<Option<Link>> = raw_links.into_iter().map(Some).collect();
    let mut links: Vec<Link> = Vec::new();
    let mut renumber = |runs: &mut Vec<Inline>| {
        for run in runs.iter_mut() {
            let Inline::Text {
                text,
                link: Some(old),
                ..
            } = run
            else {
                continue;
            };
            let Some(slot) = remap.get_mut(*old) else { continue };
            let new = match *slot {
                Some(n) => n,
                None => {
                    let Some(l) = raw_links.get_mut(*old).and_then(Option::take) else {
                        continue;
                    };
                    let n = links.len();
                    links.push(Link {
                        text: String::new(),
                        ..l
                    });
                    *slot = Some(n);
                    n
                }
            };
            if let Some(l) = links.get_mut(new) {
                l.text.push_str(text);
            }
            *old = new;
        }
    };
    let mut blocks: Vec<Block> = Vec::with_capacity(kept.len());
    let mut last_list: Option<usize> = None;
    for mut b in kept {
        renumber(&mut b.inlines);
        match b.kind {
            RawKind::Figure(i) => {
                let text = figures.get(i).and_then(|f| f.caption.clone()).unwrap_or_default();
                blocks.push(Block::Figure { figure: i, text });
            }
            RawKind::Paragraph
                if b.all_strong() && b.text.chars().count() <= 40 && !b.text.ends_with('。') =>
            {
                blocks.push(Block::Heading {
                    level: 2,
                    text: b.text,
                    inlines: b.inlines,
                });
            }
            RawKind::Paragraph => blocks.push(Block::Paragraph {
                text: b.text,
                inlines: b.inlines,
            }),
            RawKind::Heading(level) => blocks.push(Block::Heading {
                level,
                text: b.text,
                inlines: b.inlines,
            }),
            RawKind::Quote => blocks.push(Block::Quote {
                text: b.text,
                inlines: b.inlines,
            }),
            RawKind::ListItem { ordered, list } => {
                let same = matches!(blocks.last(), Some(Block::List { .. })) && last_list == Some(list);
                if same {
                    if let Some(Block::List { text, items, .. }) = blocks.last_mut() {
                        text.push('\n');
                        text.push_str(&b.text);
                        items.push(b.inlines);
                    }
                } else {
                    blocks.push(Block::List {
                        ordered,
                        text: b.text,
                        items: vec![b.inlines],
                    });
                }
                last_list = Some(list);
                continue;
            }
        }
        last_list = None;
    }
    for l in &mut links {
        l.text = normalize_space(&l.text);
        if l.kind == LinkKind::Unsafe {
            l.href = None;
        }
    }
    (blocks, links)
}
