//! What the blocks mean: the date block, the dateline, credits, the copyright footer, the
//! mirror footer and boilerplate are taken out of the text into their own fields. One module
//! per concern: [`opening`] (date block, byline, dateline), [`closing`] (end marks, credit and
//! editor lines), [`credit`] (the credit-line grammar), [`caption`] (photo credits in captions), [`copyright`], [`mirror`] (the promo
//! footer) and [`assemble()`] (final blocks).

mod assemble;
mod caption;
mod closing;
mod copyright;
mod credit;
mod mirror;
mod opening;
mod setaside;

use super::Head;
use super::dates;
use super::walk::{Raw, RawBlock, RawKind};
use crate::model::{
    Article, Boilerplate, BoilerplateKind, Copyright, Credit, CreditRole, Published, PublishedValue,
};
use crate::outlet::Rules;
use crate::text::Trim;
pub(super) use assemble::assemble;
use closing::{CreditBlock, credit_block, take_closing};
use copyright::{is_copyright, is_weak_copyright, parse_copyright};
use mirror::take_mirror_footer;
use opening::{Dateline, take_date_block, take_dateline, take_marked, warn_unparsed_date};

pub(super) enum Class {
    Keep,
    /// Opens with `©` but names no year: the copyright footer if it closes the article.
    WeakCopyright,
    Boiler(BoilerplateKind),
    /// Credit lines (a block of author lines only has none: its names went to the byline).
    Credit(Vec<Credit>),
    Copyright,
}

/// What the opening and closing scans found besides whole blocks.
#[derive(Default)]
pub(super) struct Found {
    /// Credits split off a block, with that block's index (they are ordered with the rest).
    pub(super) credits: Vec<(usize, Credit)>,
    /// Names from author lines (`作者：X`, `By X`).
    pub(super) authors: Vec<String>,
    /// The outlet's closing date code (CNA's `1091123`).
    pub(super) date_code: Option<String>,
    /// A copyright line split off the end of a paragraph.
    pub(super) copyright_text: Option<String>,
}

impl Found {
    /// Records a block of credit and author lines; its class.
    fn credit_block(&mut self, cb: CreditBlock, boilerplate: &mut Vec<Boilerplate>) -> Class {
        self.authors.extend(cb.authors);
        boilerplate.extend(cb.author_lines.into_iter().map(|text| Boilerplate {
            kind: BoilerplateKind::Byline,
            text,
        }));
        Class::Credit(cb.credits)
    }
}

/// The article: `head` completed by the classified body.
pub(crate) fn classify(raw: Raw, rules: &Rules, head: Head) -> Article {
    let Raw {
        mut blocks,
        mut figures,
        links,
        time,
        mut warnings,
        set_aside,
    } = raw;
    let mirror_footer = take_mirror_footer(&mut blocks, &links);
    let marked = take_marked(&mut blocks);
    let (published, byline) = take_date_block(&mut blocks, time.as_deref(), rules, &mut warnings);
    let mut classes = initial_classes(&blocks, rules);
    // What the walk set aside comes first, in the order met.
    let mut boilerplate = set_aside;
    boilerplate.extend(marked.set_aside);
    let kept_links = setaside::set_aside(
        &mut blocks,
        &mut classes,
        &links,
        rules,
        source(&head),
        &mut boilerplate,
        &mut warnings,
    );
    caption::take_loose_captions(&mut blocks, &mut classes, &mut figures, rules);
    let mut found = Found {
        authors: standfirst_authors(rules, &boilerplate),
        ..Found::default()
    };
    take_credit_lines(&mut blocks, &mut classes, rules, &mut found, &mut boilerplate);
    let (mut kept, credits, copyright) = sort_out(blocks, classes, &mut found, &mut boilerplate);
    if published.is_none() && time.is_none() {
        warn_unparsed_date(&kept, &mut warnings);
    }
    let dateline = dateline(&mut kept, rules, marked.dateline);
    let sign_off = take_sign_off(&mut kept, &mut boilerplate);
    let published = published
        .or_else(|| stated_date(dateline.as_ref(), &found, &kept, &credits, rules))
        .or(sign_off);
    let byline = choose_byline(byline, marked.byline, dateline.as_ref(), &found, &credits);
    caption::split_credits(&mut figures);
    let (blocks, links) = assemble(kept, &figures, links, &kept_links);
    Article {
        envelope: head.envelope,
        outlet: head.outlet,
        article_id: head.article_id,
        published,
        byline,
        dateline: dateline.map(|d| d.text),
        figures,
        blocks,
        links,
        credits,
        copyright,
        mirror_footer,
        boilerplate,
        warnings: head.warnings.into_iter().chain(warnings).collect(),
    }
}

/// What the envelope says that the body is checked against.
fn source(head: &Head) -> setaside::Source<'_> {
    setaside::Source {
        url: head.envelope.url.as_ref(),
        title: head.envelope.title.as_deref(),
    }
}

/// The dateline: an outlet's shape opening the text, else the text of an element marked as
/// one, with the date it states.
fn dateline(kept: &mut Vec<RawBlock>, rules: &Rules, marked: Option<String>) -> Option<Dateline> {
    take_dateline(kept, rules).or_else(|| {
        marked.map(|text| Dateline {
            date: dates::find_cjk_date(&text)
                .map(|(at, end, d)| (text.get(at..end).unwrap_or("").to_owned(), d)),
            reporters: Vec::new(),
            text,
        })
    })
}

/// Each block's class from its own text; a yearless `©` line is the footer only among the last
/// [`WEAK_COPYRIGHT_TAIL`] text blocks.
fn initial_classes(blocks: &[RawBlock], rules: &Rules) -> Vec<Class> {
    let mut classes: Vec<Class> = blocks.iter().map(|b| classify_block(b, rules)).collect();
    let text_blocks: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| !matches!(b.kind, RawKind::Figure(_)))
        .map(|(i, _)| i)
        .collect();
    let tail_start = text_blocks.len().saturating_sub(WEAK_COPYRIGHT_TAIL);
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
    classes
}

/// A yearless `©` line is the copyright footer only among this many last text blocks.
const WEAK_COPYRIGHT_TAIL: usize = 3;

/// Credit and author lines open an article only in its first few text blocks (a standfirst
/// heading may come before them).
const OPENING_CREDIT_BLOCKS: usize = 3;

/// Whole blocks of credit and author lines among the first text blocks (`作者 | X` / `编辑 | Y`,
/// `本文转自：X`), up to the first block of article text.
fn take_opening_credits(
    blocks: &[RawBlock],
    classes: &mut [Class],
    found: &mut Found,
    boilerplate: &mut Vec<Boilerplate>,
) {
    let mut seen = 0;
    for (block, class) in blocks.iter().zip(classes.iter_mut()) {
        if matches!(block.kind, RawKind::Figure(_)) || !matches!(class, Class::Keep) {
            continue;
        }
        if seen >= OPENING_CREDIT_BLOCKS {
            break;
        }
        seen += 1;
        if matches!(block.kind, RawKind::Heading(_)) {
            continue;
        }
        if block.kind != RawKind::Paragraph {
            break;
        }
        match credit_block(&block.text) {
            Some(cb) => *class = found.credit_block(cb, boilerplate),
            None => break,
        }
    }
}

/// Credit and author lines: whole blocks opening the text, author lines anywhere with the credit
/// lines after them, and the closing matter.
fn take_credit_lines(
    blocks: &mut [RawBlock],
    classes: &mut [Class],
    rules: &Rules,
    found: &mut Found,
    boilerplate: &mut Vec<Boilerplate>,
) {
    take_opening_credits(blocks, classes, found, boilerplate);
    take_author_blocks(blocks, classes, found, boilerplate);
    take_closing(blocks, classes, rules, boilerplate, found);
}

/// The writers a standfirst set aside as a summary opens with, in outlets whose standfirsts
/// name them ([`Rules::standfirst_author`]).
fn standfirst_authors(rules: &Rules, boilerplate: &[Boilerplate]) -> Vec<String> {
    if !rules.standfirst_author {
        return Vec::new();
    }
    boilerplate
        .iter()
        .find(|b| b.kind == BoilerplateKind::Summary)
        .and_then(|b| credit::standfirst_author(&b.text))
        .unwrap_or_default()
}

/// An author line anywhere in the text (`文｜X` under a reposted page's summary or quote), with
/// the credit lines right after it (`编辑｜Y`, `来源｜Z`): the names are the byline, the lines
/// are no article text.
fn take_author_blocks(
    blocks: &[RawBlock],
    classes: &mut [Class],
    found: &mut Found,
    boilerplate: &mut Vec<Boilerplate>,
) {
    let mut after_author = false;
    for (block, class) in blocks.iter().zip(classes.iter_mut()) {
        if !matches!(class, Class::Keep) || block.kind != RawKind::Paragraph {
            after_author = after_author && matches!(block.kind, RawKind::Figure(_));
            continue;
        }
        let cb = if after_author || credit::may_be_author_line(&block.text) {
            credit_block(&block.text).filter(|cb| after_author || !cb.authors.is_empty())
        } else {
            None
        };
        after_author = cb.is_some();
        if let Some(cb) = cb {
            *class = found.credit_block(cb, boilerplate);
        }
    }
}

/// Sends each block where its class says: kept text, credits (in reading order), the
/// copyright footer, boilerplate.
fn sort_out(
    blocks: Vec<RawBlock>,
    classes: Vec<Class>,
    found: &mut Found,
    boilerplate: &mut Vec<Boilerplate>,
) -> (Vec<RawBlock>, Vec<Credit>, Option<Copyright>) {
    let mut credits: Vec<(usize, Credit)> = std::mem::take(&mut found.credits);
    let mut copyright = None;
    let mut kept = Vec::with_capacity(blocks.len());
    let mut footer = |text: String, boilerplate: &mut Vec<Boilerplate>| match copyright {
        None => copyright = Some(parse_copyright(&text)),
        Some(_) => boilerplate.push(Boilerplate {
            kind: BoilerplateKind::EndNote,
            text,
        }),
    };
    for (i, (block, class)) in blocks.into_iter().zip(classes).enumerate() {
        match class {
            Class::Keep | Class::WeakCopyright => kept.push(block),
            // A block emptied by taking its end mark or closing line off has nothing left to
            // set aside: what was taken is already recorded.
            Class::Boiler(_) if block.text.trim_ws().is_empty() => {}
            Class::Boiler(kind) => boilerplate.push(Boilerplate {
                kind,
                text: block.text,
            }),
            Class::Credit(cs) => credits.extend(cs.into_iter().map(|c| (i, c))),
            Class::Copyright => footer(block.text, boilerplate),
        }
    }
    if let Some(text) = found.copyright_text.take() {
        footer(text, boilerplate);
    }
    credits.sort_by_key(|(i, _)| *i);
    (kept, credits.into_iter().map(|(_, c)| c).collect(), copyright)
}

/// A publication date the text states when there is no date block: in the dateline
/// (`【大纪元2020年11月15日讯】`), the outlet's closing date code (CNA's `1091123`), a report
/// date opening the text after a dateline (`（维权网信息中心报道）2020年9月6日，`), a source
/// line saying where the piece first ran (`2018年12月5日《FT中文网》…同步首发`). The
/// sign-off closing the text ([`take_sign_off`]) comes after all of these.
fn stated_date(
    dateline: Option<&Dateline>,
    found: &Found,
    kept: &[RawBlock],
    credits: &[Credit],
    rules: &Rules,
) -> Option<Published> {
    let date = |raw: &str, d| Published {
        raw: raw.to_owned(),
        value: PublishedValue::Date(d),
    };
    if let Some((raw, d)) = dateline.and_then(|d| d.date.as_ref()) {
        return Some(date(raw, *d));
    }
    if let Some(code) = &found.date_code {
        if let Some(d) = rules.date_code.and_then(|read| read(code)) {
            return Some(date(code, d));
        }
    }
    if dateline.is_some() {
        if let Some(first) = kept.iter().find(|b| b.kind == RawKind::Paragraph) {
            if let Some((0, end, d)) = dates::find_cjk_date(&first.text) {
                let follows = first.text.get(end..).and_then(|r| r.chars().next());
                if follows.is_some_and(|c| matches!(c, '，' | ',' | ' ')) {
                    return Some(date(first.text.get(..end).unwrap_or(""), d));
                }
            }
        }
    }
    credits
        .iter()
        .filter(|c| c.role == CreditRole::Source)
        .find_map(|c| match dates::find_cjk_date(&c.text) {
            Some((0, end, d)) => Some(date(c.text.get(..end).unwrap_or(""), d)),
            _ => None,
        })
}

/// Words between a sign-off's date and the place it was written (`2018年11月30日于五木书斋`).
const SIGN_OFF_PLACE_WORDS: &[&str] = &["写于", "寫於", "于", "於", "在"];

/// A place after a sign-off's date is at most this long.
const SIGN_OFF_PLACE_MAX_CHARS: usize = 12;

/// The sign-off closing the text: a line that is only a date (`2020年11月5日`), or a date and
/// where it was written (`2018年11月30日于五木书斋`). It is no article text: it is set aside,
/// and its date (returned) is the publication date when nothing else states one.
fn take_sign_off(kept: &mut Vec<RawBlock>, boilerplate: &mut Vec<Boilerplate>) -> Option<Published> {
    let last = kept.iter().rposition(|b| !matches!(b.kind, RawKind::Figure(_)))?;
    let text = kept.get(last)?.text.trim_ws();
    let (0, end, d) = dates::find_cjk_date(text)? else {
        return None;
    };
    let rest = text.get(end..)?;
    if !rest.is_empty() {
        let place = SIGN_OFF_PLACE_WORDS.iter().find_map(|w| rest.strip_prefix(w))?;
        let n = place.chars().count();
        if n == 0 || n > SIGN_OFF_PLACE_MAX_CHARS || !place.chars().all(char::is_alphanumeric) {
            return None;
        }
    }
    let raw = text.get(..end).unwrap_or("").to_owned();
    let text = kept.remove(last).text.trim_ws().to_owned();
    boilerplate.push(Boilerplate {
        kind: BoilerplateKind::EndNote,
        text,
    });
    Some(Published {
        raw,
        value: PublishedValue::Date(d),
    })
}

/// The byline: the date block's authors, else the byline the markup marks, else the reporters
/// a dateline names, else author lines, else the reporters credit lines name.
fn choose_byline(
    date_block: Vec<String>,
    marked: Vec<String>,
    dateline: Option<&Dateline>,
    found: &Found,
    credits: &[Credit],
) -> Vec<String> {
    if !date_block.is_empty() {
        return date_block;
    }
    if !marked.is_empty() {
        return marked;
    }
    if let Some(d) = dateline.filter(|d| !d.reporters.is_empty()) {
        return d.reporters.clone();
    }
    let mut names: Vec<String> = Vec::new();
    let reporters = credits
        .iter()
        .flat_map(Credit::roles)
        .filter(|(r, _)| *r == CreditRole::Reporter)
        .flat_map(|(_, n)| n.iter().cloned());
    let source: Vec<String> = if found.authors.is_empty() {
        reporters.collect()
    } else {
        found.authors.clone()
    };
    for n in source {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

fn classify_block(b: &RawBlock, rules: &Rules) -> Class {
    if matches!(b.kind, RawKind::Figure(_)) {
        return Class::Keep;
    }
    let t = b.text.trim_ws();
    // A notice that opens the block is the footer; one after other text is split off by the
    // closing-line scan, which keeps the text before it.
    let opens = t.starts_with('©') || t.starts_with("Copyright") || t.starts_with("(c)");
    // `©` is `C2 A9`: text without a `C2` byte (most CJK text) is cleared by one byte search.
    let sign = t.as_bytes().contains(&0xc2).then(|| t.find('©')).flatten();
    if b.copyright_class || (is_copyright(t) && (opens || sign.is_none())) {
        return Class::Copyright;
    }
    if is_weak_copyright(t) {
        return Class::WeakCopyright;
    }
    // Text glued before a copyright notice (`[摘编自...] © 2020年...`): the closing-line scan
    // splits the two and classifies what stood before.
    if sign.is_some_and(|i| i > 0 && t.get(i..).is_some_and(is_copyright)) {
        return Class::Keep;
    }
    // Bio markers hold only in the closing blocks, where the set-aside pass looks for them.
    if let Some((kind, _)) = rules
        .boilerplate
        .iter()
        .find(|(k, m)| *k != BoilerplateKind::Bio && m.matches(t))
    {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the author-block pass: (kept texts, authors, credit texts, boilerplate texts).
    fn authors(texts: &[&str]) -> (Vec<String>, Vec<String>, Vec<String>, Vec<String>) {
        let blocks: Vec<RawBlock> = texts
            .iter()
            .map(|t| match *t {
                "<img>" => RawBlock::of_runs(RawKind::Figure(0), &[]),
                t => RawBlock::paragraph(t),
            })
            .collect();
        let mut classes: Vec<Class> = blocks.iter().map(|_| Class::Keep).collect();
        let mut found = Found::default();
        let mut boilerplate = Vec::new();
        take_author_blocks(&blocks, &mut classes, &mut found, &mut boilerplate);
        let mut kept = Vec::new();
        let mut credits = Vec::new();
        for (b, c) in blocks.iter().zip(classes) {
            match c {
                Class::Keep => kept.push(b.text.clone()),
                Class::Credit(cs) => credits.extend(cs.into_iter().map(|c| c.text)),
                _ => {}
            }
        }
        let boiler = boilerplate.into_iter().map(|b| b.text).collect();
        (kept, found.authors, credits, boiler)
    }

    #[test]
    fn author_lines_anywhere_take_the_credit_lines_after_them() {
        let (kept, names, credits, boiler) = authors(&[
            "导语一句。",
            "导语两句。",
            "引言三句。",
            "文｜林秋铭",
            "编辑｜姚璐",
            "来源 | 冰点周刊",
            "正文。",
            "编辑｜不在作者行后",
        ]);
        assert_eq!(names, ["林秋铭"]);
        assert_eq!(credits, ["编辑｜姚璐", "来源 | 冰点周刊"]);
        assert_eq!(boiler, ["文｜林秋铭"]);
        assert_eq!(
            kept,
            [
                "导语一句。",
                "导语两句。",
                "引言三句。",
                "正文。",
                "编辑｜不在作者行后"
            ]
        );
    }

    #[test]
    fn text_that_opens_like_an_author_line_stays() {
        let (kept, names, _, _) = authors(&[
            "文章很长，我们试图通过对一个系统的详细解读。",
            "作者认为这是错的。",
        ]);
        assert!(names.is_empty());
        assert_eq!(kept.len(), 2);
    }
}
