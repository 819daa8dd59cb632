//! What the blocks mean: the date block, the dateline, credits, the copyright footer, the
//! mirror footer and boilerplate are taken out of the text into their own fields. One module
//! per concern: [`opening`] (date block, byline, dateline), [`closing`] (end marks, credit and
//! editor lines), [`copyright`], [`mirror`] (the promo footer) and [`assemble`] (final blocks).

mod assemble;
mod closing;
mod copyright;
mod mirror;
mod opening;

use super::walk::{Raw, RawBlock, RawKind};
use crate::error::Warning;
use crate::model::{Block, Boilerplate, BoilerplateKind, Copyright, Figure, Link, MirrorFooter, Published};
use crate::outlet::Rules;
use assemble::assemble;
use closing::take_trailing_credits;
use copyright::{is_copyright, is_weak_copyright, parse_copyright};
use mirror::take_mirror_footer;
use opening::{take_date_block, take_dateline, warn_unparsed_date};

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

pub(super) enum Class {
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
