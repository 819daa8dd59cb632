//! The final blocks and links.

use super::super::inline;
use super::super::walk::{RawBlock, RawKind};
use crate::model::{Block, Figure, Inline, Link, LinkKind};
use crate::text::{Trim, normalize_space};

/// The final blocks and links: list items grouped, strong-only short paragraphs as headings,
/// links renumbered in reading order with their text.
pub(crate) fn assemble(
    kept: Vec<RawBlock>,
    figures: &[Figure],
    raw_links: Vec<Link>,
    also_keep: &[(usize, String)],
) -> (Vec<Block>, Vec<Link>) {
    let mut assembly = Assembly {
        remap: vec![None; raw_links.len()],
        raw_links: raw_links.into_iter().map(Some).collect(),
        links: Vec::new(),
        blocks: Vec::with_capacity(kept.len()),
        last_list: None,
        bullets: false,
    };
    for mut b in kept {
        assembly.renumber(&mut b.inlines);
        assembly.push(b, figures);
    }
    assembly.keep_also(also_keep);
    assembly.finish()
}

/// The output being built, block by block.
struct Assembly {
    /// Where each raw link went in `links`, once a kept block referred to it.
    remap: Vec<Option<usize>>,
    /// Each raw link moves into the output the first time a kept block refers to it.
    raw_links: Vec<Option<Link>>,
    links: Vec<Link>,
    blocks: Vec<Block>,
    /// The list number of the last block, when it is an item of a list element.
    last_list: Option<usize>,
    /// The last block is a list made of `•` paragraphs.
    bullets: bool,
}

impl Assembly {
    /// Points `runs` at the output links, moving each raw link there when first referred to;
    /// each link's text grows by its runs' text.
    fn renumber(&mut self, runs: &mut [Inline]) {
        for run in runs.iter_mut() {
            let Inline::Text {
                text,
                link: Some(old),
                ..
            } = run
            else {
                continue;
            };
            let Some(slot) = self.remap.get_mut(*old) else {
                continue;
            };
            let new = match *slot {
                Some(n) => n,
                None => {
                    let Some(l) = self.raw_links.get_mut(*old).and_then(Option::take) else {
                        continue;
                    };
                    let n = self.links.len();
                    self.links.push(Link {
                        text: String::new(),
                        ..l
                    });
                    *slot = Some(n);
                    n
                }
            };
            if let Some(l) = self.links.get_mut(new) {
                l.text.push_str(text);
            }
            *old = new;
        }
    }

    /// Adds one kept block.
    fn push(&mut self, mut b: RawBlock, figures: &[Figure]) {
        if b.kind == RawKind::Paragraph {
            literal_strong(&mut b);
            if take_bullet(&mut b) {
                self.bullet(b);
                return;
            }
        }
        self.bullets = false;
        let block = match b.kind {
            RawKind::Figure(i) => {
                let text = figures.get(i).and_then(|f| f.caption.clone()).unwrap_or_default();
                Block::Figure { figure: i, text }
            }
            RawKind::Paragraph if b.all_strong() && reads_as_heading(&b.text, BOLD_HEADING_MAX_CHARS) => {
                Block::Heading {
                    level: 2,
                    text: b.text,
                    inlines: b.inlines,
                }
            }
            RawKind::Heading(level) if heading_element_reads_as_one(&b.text) => Block::Heading {
                level,
                text: b.text,
                inlines: b.inlines,
            },
            // A heading element holding a sentence, a long passage or an author line (a
            // standfirst, a quotation set large): a paragraph as a reader reads it.
            RawKind::Paragraph | RawKind::Heading(_) => Block::Paragraph {
                text: b.text,
                inlines: b.inlines,
            },
            RawKind::Quote => Block::Quote {
                text: b.text,
                inlines: b.inlines,
            },
            RawKind::ListItem { ordered, list } => {
                self.list_item(ordered, list, b);
                return;
            }
        };
        self.blocks.push(block);
        self.last_list = None;
    }

    /// A `•` paragraph: an item of the list the `•` paragraphs before it make.
    fn bullet(&mut self, b: RawBlock) {
        match self.blocks.last_mut() {
            Some(Block::List { text, items, .. }) if self.bullets => {
                text.push('\n');
                text.push_str(&b.text);
                items.push(b.inlines);
            }
            _ => self.blocks.push(Block::List {
                ordered: false,
                text: b.text,
                items: vec![b.inlines],
            }),
        }
        self.bullets = true;
        self.last_list = None;
    }

    /// An item of list element number `list`: joins the last block when that is the same list.
    fn list_item(&mut self, ordered: bool, list: usize, b: RawBlock) {
        let same = matches!(self.blocks.last(), Some(Block::List { .. })) && self.last_list == Some(list);
        if same {
            if let Some(Block::List { text, items, .. }) = self.blocks.last_mut() {
                text.push('\n');
                text.push_str(&b.text);
                items.push(b.inlines);
            }
        } else {
            self.blocks.push(Block::List {
                ordered,
                text: b.text,
                items: vec![b.inlines],
            });
        }
        self.last_list = Some(list);
    }

    /// Links whose text left the body but whose target stays (a teaser's link to the full
    /// story), after the others, with their own text.
    fn keep_also(&mut self, also_keep: &[(usize, String)]) {
        for (old, text) in also_keep {
            if self.remap.get(*old).is_some_and(Option::is_some) {
                continue;
            }
            if let Some(l) = self.raw_links.get_mut(*old).and_then(Option::take) {
                self.links.push(Link {
                    text: text.clone(),
                    ..l
                });
            }
        }
    }

    /// The blocks, and the links with their text normalised and no target on unsafe ones.
    fn finish(mut self) -> (Vec<Block>, Vec<Link>) {
        for l in &mut self.links {
            l.text = normalize_space(&l.text);
            if l.kind == LinkKind::Unsafe {
                l.href = None;
            }
        }
        (self.blocks, self.links)
    }
}

/// The most characters of a bold paragraph that reads as a subheading.
pub(super) const BOLD_HEADING_MAX_CHARS: usize = 40;

/// The most characters of a heading element that reads as one; longer ones are passages set
/// large (a standfirst).
pub(super) const HEADING_MAX_CHARS: usize = 80;

/// Characters that end a sentence: a heading does not end with one.
const SENTENCE_END: &[char] = &['。', '！', '？', '.', '!', '?'];

/// Openings of credit and author lines, which are never headings.
const AUTHOR_LINE_PREFIXES: &[&str] = &[
    "作者",
    "记者",
    "記者",
    "编辑",
    "編輯",
    "责任编辑",
    "責任編輯",
    "本文编辑",
    "撰文",
    "文/",
    "文／",
    "文|",
    "图/",
    "圖/",
    "摄影",
    "攝影",
    "By ",
    "BY ",
];

/// Opening and closing quotation marks.
const QUOTES: &[(char, char)] = &[('“', '”'), ('「', '」'), ('『', '』'), ('"', '"'), ('‘', '’')];

/// Whether `text` reads as a heading: short, not ending a sentence, not a credit or author
/// line, not a quoted sentence. An ellipsis is no sentence end.
pub(super) fn reads_as_heading(text: &str, max_chars: usize) -> bool {
    let t = text.trim_ws();
    if t.is_empty() || t.chars().count() > max_chars {
        return false;
    }
    let ellipsis = t.ends_with("...") || t.ends_with('…');
    if t.ends_with(SENTENCE_END) && !ellipsis {
        return false;
    }
    if AUTHOR_LINE_PREFIXES.iter().any(|p| t.starts_with(p)) {
        return false;
    }
    // A quotation opens with a quoted sentence (`“我们不会退让，”他说`); a quoted phrase
    // (`“关键时期”`) may head a section.
    let quoted_sentence = QUOTES.iter().any(|&(open, close)| {
        t.strip_prefix(open).is_some_and(|r| {
            let inner = r.split(close).next().unwrap_or(r);
            inner.contains(['，', '。', '！', '？', ',', '!', '?'])
        })
    });
    !quoted_sentence
}

/// Whether a heading element's text reads as a heading: as [`reads_as_heading`] within
/// [`HEADING_MAX_CHARS`], where a question or an exclamation may head a section.
pub(super) fn heading_element_reads_as_one(text: &str) -> bool {
    let t = text.trim_ws();
    let open = t.trim_end_matches(['？', '?', '！', '!']);
    !open.is_empty() && reads_as_heading(open, HEADING_MAX_CHARS)
}

/// Markdown's strong emphasis written out as text (`**subhead**`, Reuters): the asterisks go
/// and the text becomes strong.
fn literal_strong(b: &mut RawBlock) {
    let t = b.text.trim_ws();
    let Some(inner) = t.strip_prefix("**").and_then(|r| r.strip_suffix("**")) else {
        return;
    };
    if inner.trim_ws().is_empty() || inner.contains("**") || b.text.contains('\n') {
        return;
    }
    let lead = b.text.len() - b.text.trim_start().len();
    inline::strip_prefix(&mut b.inlines, lead + 2);
    inline::strip_suffix(&mut b.inlines, 2 + b.text.len() - b.text.trim_end().len());
    for run in &mut b.inlines {
        if let Inline::Text { strong, .. } = run {
            *strong = true;
        }
    }
    b.text = inline::plain(&b.inlines);
}

/// Bullet characters that open a list item written as a paragraph (`<p>• ...</p>`).
const BULLETS: &[char] = &['•', '●', '▪'];

/// Takes the bullet off a paragraph written as a list item; `false` when it is none.
fn take_bullet(b: &mut RawBlock) -> bool {
    let Some(rest) = b.text.strip_prefix(BULLETS) else {
        return false;
    };
    if rest.trim_ws().is_empty() {
        return false;
    }
    let n = b.text.len() - rest.len();
    inline::strip_prefix(&mut b.inlines, n);
    b.text = inline::plain(&b.inlines);
    !b.text.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_read_as_headings() {
        assert!(reads_as_heading(
            "白皮书发布时间点耐人寻味",
            BOLD_HEADING_MAX_CHARS
        ));
        assert!(reads_as_heading("“关键时期”", BOLD_HEADING_MAX_CHARS));
        assert!(reads_as_heading("接下来会怎样...", BOLD_HEADING_MAX_CHARS));
        assert!(!reads_as_heading("他说，这是一个句子。", BOLD_HEADING_MAX_CHARS));
        assert!(!reads_as_heading("What next?", BOLD_HEADING_MAX_CHARS));
        assert!(!reads_as_heading("作者：莫丹•汗", BOLD_HEADING_MAX_CHARS));
        assert!(!reads_as_heading("记者/韩谦", BOLD_HEADING_MAX_CHARS));
        assert!(!reads_as_heading("By Jane Doe", BOLD_HEADING_MAX_CHARS));
        assert!(!reads_as_heading("文/六神磊磊", BOLD_HEADING_MAX_CHARS));
        assert!(!reads_as_heading("“我们不会退让，”他说", BOLD_HEADING_MAX_CHARS));
        assert!(!reads_as_heading(
            "“不会退让，也不会妥协”",
            BOLD_HEADING_MAX_CHARS
        ));
        assert!(!reads_as_heading("", BOLD_HEADING_MAX_CHARS));
    }

    #[test]
    fn heading_elements_may_ask() {
        assert!(heading_element_reads_as_one("伊朗是如何反应的？"));
        assert!(!heading_element_reads_as_one(
            "中國各地政府對新疆穆斯林實行嚴苛的管控措施。"
        ));
        assert!(!heading_element_reads_as_one("作者：莫丹•汗"));
        let long = format!("{}？", "字".repeat(HEADING_MAX_CHARS + 1));
        assert!(!heading_element_reads_as_one(&long));
        assert!(!heading_element_reads_as_one("？"));
    }

    #[test]
    fn heading_length_on_both_sides_of_the_limit() {
        let at = "字".repeat(BOLD_HEADING_MAX_CHARS);
        let over = "字".repeat(BOLD_HEADING_MAX_CHARS + 1);
        assert!(reads_as_heading(&at, BOLD_HEADING_MAX_CHARS));
        assert!(!reads_as_heading(&over, BOLD_HEADING_MAX_CHARS));
        assert!(reads_as_heading(&over, HEADING_MAX_CHARS));
    }

    #[test]
    fn literal_asterisks_become_strong_text() {
        let mut b = RawBlock::paragraph("**未来将巩固强监管态势**");
        literal_strong(&mut b);
        assert_eq!(b.text, "未来将巩固强监管态势");
        assert!(b.all_strong());
        let mut b = RawBlock::paragraph("**a** and **b**");
        literal_strong(&mut b);
        assert_eq!(b.text, "**a** and **b**");
        let mut b = RawBlock::paragraph("****");
        literal_strong(&mut b);
        assert_eq!(b.text, "****");
    }

    #[test]
    fn bullets_open_list_items() {
        let mut b = RawBlock::paragraph("• 美国新冠死亡人数破25万。");
        assert!(take_bullet(&mut b));
        assert_eq!(b.text, "美国新冠死亡人数破25万。");
        let mut b = RawBlock::paragraph("•");
        assert!(!take_bullet(&mut b));
        let mut b = RawBlock::paragraph("没有项目符号");
        assert!(!take_bullet(&mut b));
    }
}
