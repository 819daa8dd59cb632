//! The final blocks and links.

use super::super::walk::{RawBlock, RawKind};
use crate::model::{Block, Figure, Inline, Link, LinkKind};
use crate::text::normalize_space;

/// The final blocks and links: list items grouped, strong-only short paragraphs as headings,
/// links renumbered in reading order with their text.
pub(crate) fn assemble(
    kept: Vec<RawBlock>,
    figures: &mut [Figure],
    raw_links: Vec<Link>,
) -> (Vec<Block>, Vec<Link>) {
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
