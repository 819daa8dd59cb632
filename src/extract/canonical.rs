//! Reading the canonical markup (see `crate::canonical`): one generic rule, applied by the walk
//! before any other. A body that opens with the canonical marker has its parts taken as
//! written: elements naming a part are collected with their attributes, text and child parts,
//! and nothing is classified.

use std::collections::HashMap;

use url::Url;

use super::Head;
use super::classify::assemble;
use super::walk::{Raw, RawBlock, RawKind};
use crate::canonical::{self, ATTR, Part};
use crate::dom::Element;
use crate::error::Warning;
use crate::model::{
    Article, Boilerplate, Copyright, Credit, CreditPart, CreditRole, Figure, Inline, Link, MirrorFooter,
    Published,
};

/// A part element as read.
#[derive(Debug)]
pub(crate) struct Node {
    part: Part,
    attrs: Vec<(String, String)>,
    /// The element's own text (`<br>` read as a line break), child parts' not included.
    text: String,
    children: Vec<Node>,
    /// How many figures the walk had made when the element opened.
    figures: usize,
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The values of the child parts of kind `part`.
    fn values(&self, part: Part) -> Vec<String> {
        self.children
            .iter()
            .filter(|c| c.part == part)
            .filter_map(|c| c.attr("value").map(str::to_owned))
            .collect()
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No element seen yet: the first decides.
    #[default]
    Undecided,
    Canonical,
    /// Not canonical markup: every element is the walk's.
    Off,
}

/// The walk's first rule: collects the parts of a canonical body.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    mode: Mode,
    /// Part elements open, innermost last, each with the number of other elements open in it.
    open: Vec<(Node, usize)>,
    parts: Vec<Node>,
    /// Each link part: the index of the link the walk made of it, and the article's link it is.
    links: Vec<(usize, Option<usize>)>,
}

/// What a canonical body holds besides what the walk reads.
pub(crate) struct Parts {
    nodes: Vec<Node>,
    links: Vec<(usize, Option<usize>)>,
}

impl Collector {
    /// An element opens: `Some(descend)` when it belongs to the canonical markup, `None` when
    /// it is the walk's. `figures` and `links` are how many figures and links the walk has made.
    #[inline]
    pub(crate) fn start(&mut self, el: &Element<'_>, figures: usize, links: usize) -> Option<bool> {
        // The walk calls this for every element: ordinary bodies leave at once.
        if self.mode == Mode::Off {
            return None;
        }
        self.read(el, figures, links)
    }

    fn read(&mut self, el: &Element<'_>, figures: usize, links: usize) -> Option<bool> {
        let part = el.attr(ATTR).and_then(Part::from_name);
        if self.mode == Mode::Undecided {
            let canonical = part == Some(Part::Canonical);
            self.mode = if canonical { Mode::Canonical } else { Mode::Off };
            return canonical.then_some(false);
        }
        match (part, self.open.last_mut()) {
            // The walk reads the link; which of the article's links it is is noted here.
            (Some(Part::Link), None) => {
                let index = el.attr("data-index").and_then(|i| i.parse().ok());
                self.links.push((links, index));
                None
            }
            (Some(part), _) if part != Part::Canonical => {
                let attrs = el.attrs().map(|(n, v)| (n.to_owned(), v.to_owned())).collect();
                let node = Node {
                    part,
                    attrs,
                    text: String::new(),
                    children: Vec::new(),
                    figures,
                };
                self.open.push((node, 0));
                Some(true)
            }
            (_, Some((node, depth))) => {
                if el.name() == "br" {
                    node.text.push('\n');
                }
                *depth += 1;
                Some(true)
            }
            (_, None) => None,
        }
    }

    /// An element closes: whether it was one of the canonical markup's.
    #[inline]
    pub(crate) fn end(&mut self) -> bool {
        if self.open.is_empty() {
            return false;
        }
        self.close()
    }

    fn close(&mut self) -> bool {
        let Some((_, depth)) = self.open.last_mut() else {
            return false;
        };
        if *depth > 0 {
            *depth -= 1;
            return true;
        }
        if let Some((node, _)) = self.open.pop() {
            match self.open.last_mut() {
                Some((parent, _)) => parent.children.push(node),
                None => self.parts.push(node),
            }
        }
        true
    }

    /// Text: whether it belonged to a part.
    #[inline]
    pub(crate) fn text(&mut self, text: &str) -> bool {
        match self.open.last_mut() {
            Some((node, _)) => {
                node.text.push_str(text);
                true
            }
            None => false,
        }
    }

    /// The parts read, when the body was canonical.
    pub(crate) fn finish(mut self) -> Option<Parts> {
        while self.close() {}
        (self.mode == Mode::Canonical).then_some(Parts {
            nodes: self.parts,
            links: self.links,
        })
    }
}

/// The article a canonical body describes: blocks, figures and links as the walk read them
/// (less the blocks of figures no block refers to), every other part as written. The walk's
/// own warnings are dropped: the body's warnings are parts too.
pub(crate) fn article(parts: Parts, raw: Raw, head: Head) -> Article {
    let Raw {
        mut blocks,
        mut figures,
        links,
        ..
    } = raw;
    join_links(&mut blocks, &parts.links, links.len());
    let mut a = Article {
        envelope: head.envelope,
        outlet: head.outlet,
        article_id: head.article_id,
        published: None,
        byline: Vec::new(),
        dateline: None,
        figures: Vec::new(),
        blocks: Vec::new(),
        links: Vec::new(),
        credits: Vec::new(),
        copyright: None,
        mirror_footer: None,
        boilerplate: Vec::new(),
        warnings: head.warnings,
    };
    let mut loose = Vec::new();
    let mut kept_links = Vec::new();
    for node in parts.nodes {
        match node.part {
            Part::Caption | Part::FigureCredit | Part::FigureUrls => figure_part(node, &mut figures),
            Part::LooseFigure => loose.push(node.figures),
            Part::KeptLink => kept_links.extend(link(node)),
            _ => field(&mut a, node),
        }
    }
    let kept: Vec<RawBlock> = blocks
        .into_iter()
        .filter(|b| !matches!(b.kind, RawKind::Figure(i) if loose.contains(&i)))
        .collect();
    (a.blocks, a.links) = assemble(kept, &figures, links, &[]);
    a.links.extend(kept_links);
    a.figures = figures;
    a
}

/// Points the runs of every `<a>` of one of the article's links at the walk's first link of
/// them, so that they make one link again.
fn join_links(blocks: &mut [RawBlock], parts: &[(usize, Option<usize>)], count: usize) {
    let mut first: HashMap<usize, usize> = HashMap::new();
    let mut alias: Vec<usize> = (0..count).collect();
    for &(raw, index) in parts {
        let Some(index) = index else { continue };
        let to = *first.entry(index).or_insert(raw);
        if let Some(a) = alias.get_mut(raw) {
            *a = to;
        }
    }
    for b in blocks {
        for run in &mut b.inlines {
            if let Inline::Text { link: Some(l), .. } = run {
                *l = alias.get(*l).copied().unwrap_or(*l);
            }
        }
    }
}

/// A link no block holds, as written.
fn link(node: Node) -> Option<Link> {
    let kind = canonical::link_kind(node.attr("data-kind")?)?;
    let href = match node.attr("data-href") {
        Some(h) => Some(Url::parse(h).ok()?),
        None => None,
    };
    Some(Link {
        href,
        kind,
        article_id: node.attr("data-article-id").map(str::to_owned),
        text: node.text,
    })
}

/// A caption or credit of the figure written before it.
fn figure_part(node: Node, figures: &mut [Figure]) {
    let Some(f) = node.figures.checked_sub(1).and_then(|i| figures.get_mut(i)) else {
        return;
    };
    match node.part {
        Part::Caption => f.caption = Some(node.text),
        Part::FigureCredit => f.credit = Some(node.text),
        _ => {
            let url = |name: &str| node.attr(name).and_then(|u| Url::parse(u).ok());
            if let Some(src) = url("data-src") {
                f.src = src;
                f.proxied_src = url("data-proxied-src");
                f.poster = url("data-poster");
            }
        }
    }
}

fn field(a: &mut Article, node: Node) {
    match node.part {
        Part::Published => {
            let value = canonical::published_value(
                node.attr("data-precision").unwrap_or(""),
                node.attr("data-value").unwrap_or(""),
            );
            a.published = value.map(|value| Published {
                raw: node.text,
                value,
            });
        }
        Part::Byline => a.byline.push(node.text),
        Part::Dateline => a.dateline = Some(node.text),
        Part::Credit => a.credits.push(credit(node)),
        Part::Copyright => {
            a.copyright = Some(Copyright {
                year: node.attr("data-year").and_then(|y| y.parse().ok()),
                holder: node.attr("data-holder").map(str::to_owned),
                text: node.text,
            });
        }
        Part::MirrorFooter => {
            a.mirror_footer = Some(MirrorFooter {
                domains: node.values(Part::Domain),
                text: node.text,
            });
        }
        Part::Boilerplate => {
            if let Some(kind) = node.attr("data-kind").and_then(canonical::boilerplate_kind) {
                a.boilerplate.push(Boilerplate {
                    kind,
                    text: node.text,
                });
            }
        }
        Part::Warning => {
            let number = |name: &str| node.attr(name).and_then(|v| v.parse::<usize>().ok());
            let position = number("data-line").zip(number("data-column"));
            if let Some(detail) = canonical::warning_detail(|n| node.attr(n)) {
                a.warnings.push(Warning::new(detail, position));
            }
        }
        // List items out of place, figure parts and the marker: nothing to read.
        _ => {}
    }
}

fn role(node: &Node) -> CreditRole {
    node.attr("data-role")
        .and_then(canonical::credit_role)
        .unwrap_or(CreditRole::Other)
}

fn credit(node: Node) -> Credit {
    let also = node
        .children
        .iter()
        .filter(|c| c.part == Part::Also)
        .map(|c| CreditPart {
            role: role(c),
            names: c.values(Part::Name),
        })
        .collect();
    Credit {
        role: role(&node),
        names: node.values(Part::Name),
        agencies: node.values(Part::Agency),
        also,
        text: node.text,
    }
}
