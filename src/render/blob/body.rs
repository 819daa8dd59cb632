//! The canonical body: the article text as plain HTML (paragraphs, headings, quotes, lists,
//! figures, links, emphasis, line breaks), every other part as canonical markup with its
//! typed data (see `crate::canonical`).

use std::fmt::Write as _;

use crate::canonical::{self, ATTR, Part};
use url::Url;

use crate::model::{Article, Block, Credit, Figure, Inline, MediaKind};

/// What an unsafe link is written with: not a web URL, so it is read back as unsafe.
const UNSAFE_HREF: &str = "about:invalid";

pub(super) fn render(a: &Article) -> String {
    let mut body = Body {
        a,
        out: String::new(),
        loose: loose_figures(a),
    };
    body.empty(Part::Canonical, &[]);
    body.opening();
    body.blocks();
    body.closing();
    body.loose_until(usize::MAX);
    body.out
}

/// The figures no block refers to (set aside with the mirror footer), in order.
fn loose_figures(a: &Article) -> std::collections::VecDeque<usize> {
    let mut referenced = vec![false; a.figures.len()];
    for b in &a.blocks {
        if let Block::Figure { figure, .. } = b {
            if let Some(r) = referenced.get_mut(*figure) {
                *r = true;
            }
        }
    }
    (0..a.figures.len())
        .filter(|&i| !referenced.get(i).copied().unwrap_or(true))
        .collect()
}

/// `&`, `<` and `>` as references, a carriage return as one; in an attribute `"` and a line
/// break as references too, in text a line break as `<br>`.
fn escape(s: &str, in_attribute: bool) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '\r' => o.push_str("&#13;"),
            '"' if in_attribute => o.push_str("&quot;"),
            '\n' if in_attribute => o.push_str("&#10;"),
            '\n' => o.push_str("<br>"),
            _ => o.push(c),
        }
    }
    o
}

/// HTML-escapes text content; line breaks become `<br>`.
fn esc(s: &str) -> String {
    escape(s, false)
}

/// HTML-escapes an attribute value.
fn attr(s: &str) -> String {
    escape(s, true)
}

/// The end of the runs from `i` that link `l` covers, line breaks between them included.
fn link_group_end(runs: &[Inline], i: usize, l: usize) -> usize {
    let mut end = i + 1;
    let mut j = i + 1;
    while let Some(r) = runs.get(j) {
        match r {
            Inline::Text { link: Some(m), .. } if *m == l => {
                j += 1;
                end = j;
            }
            Inline::LineBreak => j += 1,
            Inline::Text { .. } => break,
        }
    }
    end
}

struct Body<'a> {
    a: &'a Article,
    out: String,
    /// Figures no block refers to, not yet written.
    loose: std::collections::VecDeque<usize>,
}

impl Body<'_> {
    /// Opens a part element.
    fn open(&mut self, tag: &str, part: Part, attrs: &[(&str, &str)]) {
        let _ = write!(self.out, "<{tag} {ATTR}=\"{}\"", part.name());
        for (name, value) in attrs {
            let _ = write!(self.out, " {name}=\"{}\"", attr(value));
        }
        self.out.push('>');
    }

    /// A part with text.
    fn text(&mut self, tag: &str, part: Part, attrs: &[(&str, &str)], text: &str) {
        self.open(tag, part, attrs);
        self.out.push_str(&esc(text));
        let _ = write!(self.out, "</{tag}>");
    }

    /// A part with attributes only.
    fn empty(&mut self, part: Part, attrs: &[(&str, &str)]) {
        self.open("data", part, attrs);
        self.out.push_str("</data>");
    }

    /// A list item of a part: its value.
    fn value(&mut self, part: Part, value: &str) {
        self.empty(part, &[("value", value)]);
    }

    /// The publication date, the byline and the dateline.
    fn opening(&mut self) {
        let a = self.a;
        if let Some(p) = &a.published {
            let (precision, value) = canonical::published_attrs(&p.value);
            let attrs = [("data-precision", precision), ("data-value", value.as_str())];
            self.text("p", Part::Published, &attrs, &p.raw);
        }
        for name in &a.byline {
            self.text("p", Part::Byline, &[], name);
        }
        if let Some(d) = &a.dateline {
            self.text("p", Part::Dateline, &[], d);
        }
    }

    fn blocks(&mut self) {
        for block in &self.a.blocks {
            self.block(block);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph { inlines, .. } => self.runs_in("p", inlines),
            Block::Heading { level, inlines, .. } => {
                let tag = format!("h{}", (*level).clamp(1, 6));
                self.runs_in(&tag, inlines);
            }
            Block::Quote { inlines, .. } => self.runs_in("blockquote", inlines),
            Block::List { ordered, items, .. } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let _ = write!(self.out, "<{tag}>");
                for item in items {
                    self.runs_in("li", item);
                }
                let _ = write!(self.out, "</{tag}>");
            }
            Block::Figure { figure, .. } => {
                self.loose_until(*figure);
                self.figure(*figure);
            }
        }
    }

    fn runs_in(&mut self, tag: &str, runs: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(runs);
        let _ = write!(self.out, "</{tag}>");
    }

    /// Writes the loose figures that come before figure `next`.
    fn loose_until(&mut self, next: usize) {
        while let Some(i) = self.loose.front().copied().filter(|&i| i < next) {
            self.loose.pop_front();
            self.open("div", Part::LooseFigure, &[]);
            self.out.push_str("</div>");
            self.figure(i);
        }
    }

    fn figure(&mut self, i: usize) {
        let Some(f) = self.a.figures.get(i) else {
            return;
        };
        self.out.push_str("<figure>");
        self.media(f);
        let mut urls = vec![("data-src", f.src.as_str())];
        urls.extend(f.proxied_src.as_ref().map(|u| ("data-proxied-src", u.as_str())));
        urls.extend(f.poster.as_ref().map(|u| ("data-poster", u.as_str())));
        self.empty(Part::FigureUrls, &urls);
        if let Some(c) = &f.caption {
            self.text("figcaption", Part::Caption, &[], c);
        }
        if let Some(c) = &f.credit {
            self.text("small", Part::FigureCredit, &[], c);
        }
        self.out.push_str("</figure>");
    }

    fn media(&mut self, f: &Figure) {
        let src = attr(f.proxied_src.as_ref().unwrap_or(&f.src).as_str());
        match f.kind {
            MediaKind::Video | MediaKind::Audio => {
                let tag = f.kind.as_str();
                let _ = write!(self.out, "<{tag} src=\"{src}\"");
                if let Some(p) = &f.poster {
                    let _ = write!(self.out, " poster=\"{}\"", attr(p.as_str()));
                }
                let _ = write!(self.out, "></{tag}>");
            }
            MediaKind::Embed => {
                let _ = write!(self.out, "<iframe src=\"{src}\"");
                if let Some(t) = &f.alt {
                    let _ = write!(self.out, " title=\"{}\"", attr(t));
                }
                self.out.push_str("></iframe>");
            }
            MediaKind::Image => {
                let _ = write!(self.out, "<img src=\"{src}\"");
                if let Some(alt) = &f.alt {
                    let _ = write!(self.out, " alt=\"{}\"", attr(alt));
                }
                self.out.push('>');
            }
        }
    }

    fn inlines(&mut self, runs: &[Inline]) {
        let mut i = 0;
        while let Some(run) = runs.get(i) {
            i = match run {
                Inline::Text { link: Some(l), .. } => {
                    // One `<a>` for the runs of this link here, breaks between them included;
                    // its index joins it to the link's other `<a>`s.
                    let end = link_group_end(runs, i, *l);
                    let href = self.href(*l);
                    let index = l.to_string();
                    self.open("a", Part::Link, &[("href", &href), ("data-index", &index)]);
                    for k in i..end {
                        self.run(runs, k);
                    }
                    self.out.push_str("</a>");
                    end
                }
                _ => {
                    self.run(runs, i);
                    i + 1
                }
            };
        }
    }

    /// Run `i`: a line break, or text with its emphasis.
    fn run(&mut self, runs: &[Inline], i: usize) {
        match runs.get(i) {
            Some(Inline::LineBreak) => {
                self.out.push_str("<br>");
                // Two breaks in a row would end the paragraph; an invisible character
                // between them keeps both (the extractor drops it as whitespace).
                if matches!(runs.get(i + 1), Some(Inline::LineBreak)) {
                    self.out.push_str("&#x200B;");
                }
            }
            Some(Inline::Text {
                text,
                emphasis,
                strong,
                ..
            }) => {
                let (open, close) = match (emphasis, strong) {
                    (true, true) => ("<strong><em>", "</em></strong>"),
                    (true, false) => ("<em>", "</em>"),
                    (false, true) => ("<strong>", "</strong>"),
                    (false, false) => ("", ""),
                };
                let _ = write!(self.out, "{open}{}{close}", esc(text));
            }
            None => {}
        }
    }

    /// The target to write for link `l`.
    fn href(&self, l: usize) -> String {
        self.a
            .links
            .get(l)
            .and_then(|x| x.href.as_ref())
            .map_or_else(|| UNSAFE_HREF.to_owned(), |u| u.as_str().to_owned())
    }

    /// Credits, the copyright footer, boilerplate, the warnings about the body and the mirror
    /// footer, in that order.
    fn closing(&mut self) {
        let a = self.a;
        for c in &a.credits {
            self.credit(c);
        }
        if let Some(c) = &a.copyright {
            let year = c.year.map(|y| y.to_string());
            let mut attrs = Vec::new();
            attrs.extend(year.as_deref().map(|y| ("data-year", y)));
            attrs.extend(c.holder.as_deref().map(|h| ("data-holder", h)));
            self.text("p", Part::Copyright, &attrs, &c.text);
        }
        for b in &a.boilerplate {
            let kind = b.kind.as_str();
            self.text("p", Part::Boilerplate, &[("data-kind", kind)], &b.text);
        }
        // Links no block holds, in order (they follow the others).
        let held = held_links(a);
        for (i, l) in a.links.iter().enumerate() {
            if held.get(i).copied().unwrap_or(false) {
                continue;
            }
            let href = l.href.as_ref().map(Url::as_str);
            let mut attrs = vec![("data-kind", l.kind.as_str())];
            attrs.extend(href.map(|h| ("data-href", h)));
            attrs.extend(l.article_id.as_deref().map(|id| ("data-article-id", id)));
            self.text("span", Part::KeptLink, &attrs, &l.text);
        }
        for w in &a.warnings {
            let Some(mut attrs) = canonical::warning_attrs(&w.detail) else {
                continue;
            };
            if let Some((line, column)) = w.position {
                attrs.push(("data-line", line.to_string()));
                attrs.push(("data-column", column.to_string()));
            }
            let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            self.empty(Part::Warning, &attrs);
        }
        if let Some(m) = &a.mirror_footer {
            self.open("div", Part::MirrorFooter, &[]);
            self.out.push_str(&esc(&m.text));
            for d in &m.domains {
                self.value(Part::Domain, d);
            }
            self.out.push_str("</div>");
        }
    }

    fn credit(&mut self, c: &Credit) {
        self.open("p", Part::Credit, &[("data-role", c.role.as_str())]);
        self.out.push_str(&esc(&c.text));
        for n in &c.names {
            self.value(Part::Name, n);
        }
        for n in &c.agencies {
            self.value(Part::Agency, n);
        }
        for part in &c.also {
            self.open("data", Part::Also, &[("data-role", part.role.as_str())]);
            for n in &part.names {
                self.value(Part::Name, n);
            }
            self.out.push_str("</data>");
        }
        self.out.push_str("</p>");
    }
}

/// For each link, whether a block holds it.
fn held_links(a: &Article) -> Vec<bool> {
    let mut held = vec![false; a.links.len()];
    for b in &a.blocks {
        let runs: Vec<&Inline> = match b {
            Block::Paragraph { inlines, .. }
            | Block::Heading { inlines, .. }
            | Block::Quote { inlines, .. } => inlines.iter().collect(),
            Block::List { items, .. } => items.iter().flatten().collect(),
            Block::Figure { .. } => Vec::new(),
        };
        for r in runs {
            if let Inline::Text { link: Some(l), .. } = r {
                if let Some(h) = held.get_mut(*l) {
                    *h = true;
                }
            }
        }
    }
    held
}
