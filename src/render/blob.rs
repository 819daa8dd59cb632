//! The canonical blob: an envelope and clean HTML that parse back into the same article.
//!
//! Each part is written in a shape the extractor recognises. Where the extractor decides by
//! content (credits, boilerplate, datelines), the shape is checked by running the extractor
//! on it alone, so the emitter cannot drift from the rules it must satisfy.

use std::fmt::Write as _;

use chrono::SecondsFormat;
use url::Url;

use crate::envelope::{EnvelopeForm, FrontMatter};
use crate::error::{Warning, WarningDetail, WarningKind};
use crate::extract::{self, Limits, Parts};
use crate::model::{Article, Block, Boilerplate, BoilerplateKind, Figure, Inline, MediaKind};
use crate::outlet::{self, Rules};
use crate::text::is_cjk;

/// End marks the extractor takes off the end of a paragraph, as it names them.
const END_MARKS: &[&str] = &["（完）", "(完)", "■", "#"];

pub(crate) fn render(a: &Article) -> String {
    let mut out = envelope(a);
    out.push_str("<div>\n");
    out.push_str(&Body::new(a).render());
    out.push_str("\n</div>\n");
    out
}

// ---------------------------------------------------------------------------------------------
// Envelope

fn envelope(a: &Article) -> String {
    let env = &a.envelope;
    let mut lines: Vec<String> = Vec::new();
    let fm_default = FrontMatter::default();
    let fm = match (&env.front_matter, env.form) {
        (Some(fm), _) => Some(fm),
        // The front-matter-only form needs a front matter, even an empty one.
        (None, EnvelopeForm::FrontMatterOnly) => Some(&fm_default),
        (None, _) => None,
    };
    if let Some(fm) = fm {
        front_matter(fm, &mut lines);
    }
    if env.form == EnvelopeForm::FrontMatterOnly {
        lines.push(String::new());
        return join(lines);
    }
    let nan = a.warnings.iter().find(|w| w.kind == WarningKind::NanTimestamp);
    let comment = match env.mirrored_at {
        Some(t) => Some(format!("<!--{}-->", t.timestamp_millis())),
        // Without front matter a header may lack the comment; with one the comment is what
        // makes it the full form.
        None if nan.is_some() || fm.is_some() => Some("<!--NaN-->".to_owned()),
        None => None,
    };
    if let (Some(c), Some(line)) = (&comment, nan.and_then(|w| w.position.map(|(line, _)| line))) {
        if c == "<!--NaN-->" {
            // The warning names the comment's line; blank lines (skipped by the reader) put it there.
            let at = if fm.is_some() {
                lines.len().saturating_sub(1)
            } else {
                0
            };
            // Inserted at once (not line by line), and bounded: a message naming an absurd line
            // (say, from hand-edited JSON) must not make rendering slow or huge.
            let missing = line.saturating_sub(lines.len() + 1).min(MAX_NAN_PADDING);
            lines.splice(at..at, std::iter::repeat_n(String::new(), missing));
        }
    }
    lines.extend(comment);
    let title = env.title.as_deref().unwrap_or("").replace('&', "&amp;");
    let url = env.url.as_ref().map_or("", Url::as_str);
    lines.push(format!("[{title}]({url})"));
    lines.push("------".to_owned());
    lines.push(String::new());
    join(lines)
}

fn join(lines: Vec<String>) -> String {
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

/// At most this many blank lines are written to put a `<!--NaN-->` comment on the line its
/// warning names; an article whose warning names a later line does not round-trip exactly.
const MAX_NAN_PADDING: usize = 100_000;

/// A double-quoted YAML string as the front-matter reader unquotes it.
fn yaml_quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '\\' => q.push_str("\\\\"),
            '"' => q.push_str("\\\""),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            _ => q.push(c),
        }
    }
    q.push('"');
    q
}

/// A list: one item as a quoted scalar (which may hold commas), several in `[ ... ]`.
fn yaml_list(items: &[std::borrow::Cow<'_, str>]) -> String {
    match items {
        [one] => yaml_quote(one),
        _ => {
            let quoted: Vec<String> = items
                .iter()
                .map(|i| format!("\"{}\"", i.replace('\\', "\\\\").replace('"', "\\\"")))
                .collect();
            format!("[ {} ]", quoted.join(", "))
        }
    }
}

fn front_matter(fm: &FrontMatter<'_>, lines: &mut Vec<String>) {
    lines.push("---".to_owned());
    let mut scalar = |key: &str, v: Option<&str>| {
        if let Some(v) = v {
            lines.push(format!("{key}: {}", yaml_quote(v)));
        }
    };
    scalar("layout", fm.layout.as_deref());
    scalar("title", fm.title.as_deref());
    if let Some(d) = fm.date {
        lines.push(format!(
            "date: {}",
            d.to_rfc3339_opts(SecondsFormat::AutoSi, true)
        ));
    }
    let mut scalar = |key: &str, v: Option<&str>| {
        if let Some(v) = v {
            lines.push(format!("{key}: {}", yaml_quote(v)));
        }
    };
    scalar("author", fm.author.as_deref());
    scalar("from", fm.from.as_deref());
    if !fm.tags.is_empty() {
        lines.push(format!("tags: {}", yaml_list(&fm.tags)));
    }
    if let Some(c) = fm.comments {
        lines.push(format!("comments: {c}"));
    }
    if !fm.categories.is_empty() {
        lines.push(format!("categories: {}", yaml_list(&fm.categories)));
    }
    for (k, v) in &fm.extra {
        lines.push(format!("{k}: {}", yaml_quote(v)));
    }
    lines.push("---".to_owned());
}

// ---------------------------------------------------------------------------------------------
// Body

/// HTML-escapes text content; line breaks become `<br>`.
fn esc(s: &str) -> String {
    escape(s, false)
}

/// HTML-escapes an attribute value.
fn attr(s: &str) -> String {
    escape(s, true)
}

/// `&`, `<` and `>` as references; in an attribute `"` too, in text a line break as `<br>`.
fn escape(s: &str, in_attribute: bool) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' if in_attribute => o.push_str("&quot;"),
            '\n' if !in_attribute => o.push_str("<br>"),
            _ => o.push(c),
        }
    }
    o
}

/// Whether `w` reports a caption with no media that became the paragraph `text` (compared
/// as far as the extractor records it).
fn is_orphan_caption(w: &Warning, text: &str) -> bool {
    match &w.detail {
        WarningDetail::OrphanCaption { text: caption } => caption.chars().take(40).eq(text.chars().take(40)),
        _ => false,
    }
}

/// A caption as the caption elements it was joined from: the extractor joins them with a
/// space, and a space between two CJK characters comes from nowhere else.
fn caption_parts(caption: &str) -> Vec<String> {
    let chars: Vec<char> = caption.chars().collect();
    let mut parts = vec![String::new()];
    for (i, &c) in chars.iter().enumerate() {
        let joint = c == ' '
            && i.checked_sub(1)
                .and_then(|p| chars.get(p))
                .is_some_and(|&p| is_cjk(p))
            && chars.get(i + 1).is_some_and(|&n| is_cjk(n));
        match parts.last_mut() {
            Some(last) if !joint => last.push(c),
            _ => parts.push(String::new()),
        }
    }
    parts
}

/// The link of block `i` and the end of the run of blocks it covers entirely, when that run
/// holds two blocks or more.
fn link_span(blocks: &[Block], i: usize) -> Option<(usize, usize)> {
    fn only_link(block: &Block) -> Option<usize> {
        let runs = match block {
            Block::Paragraph { inlines, .. }
            | Block::Heading { inlines, .. }
            | Block::Quote { inlines, .. } => inlines,
            _ => return None,
        };
        let mut link = None;
        for r in runs {
            if let Inline::Text { link: l, .. } = r {
                match (link, l) {
                    (_, None) => return None,
                    (None, Some(x)) => link = Some(*x),
                    (Some(y), Some(x)) if y != *x => return None,
                    _ => {}
                }
            }
        }
        link
    }
    let l = only_link(blocks.get(i)?)?;
    let mut end = i + 1;
    while blocks.get(end).and_then(only_link) == Some(l) {
        end += 1;
    }
    (end - i >= 2).then_some((l, end))
}

/// How a block opens, for placing the dateline: the extractor looks for it in the first
/// paragraph-shaped block.
fn is_paragraph_shaped(block: &Block) -> bool {
    match block {
        Block::Paragraph { .. } => true,
        Block::Heading { .. } => heading_as_paragraph(block),
        _ => false,
    }
}

/// DW's subheads are `<p><strong>..</strong></p>`, which the extractor turns into level-2
/// headings; such headings are written that way.
fn heading_as_paragraph(block: &Block) -> bool {
    let Block::Heading {
        level: 2,
        text,
        inlines,
    } = block
    else {
        return false;
    };
    let mut any = false;
    for r in inlines {
        if let Inline::Text { strong, .. } = r {
            if !strong {
                return false;
            }
            any = true;
        }
    }
    any && text.chars().count() <= 40 && !text.ends_with('。')
}

struct Body<'a> {
    a: &'a Article,
    rules: &'static Rules,
    out: String,
    /// Warnings of the walk that the body re-creates, in order, and how far they are used.
    walk_warnings: Vec<&'a Warning>,
    next_warning: usize,
    /// The last thing written was a media item (a caption would attach to it).
    after_figure: bool,
    /// An `<a>` around whole blocks is open for this link: its runs are written bare.
    outer_link: Option<usize>,
    /// Boilerplate shapes not yet written.
    pending: std::collections::VecDeque<(String, bool)>,
}

impl<'a> Body<'a> {
    fn new(a: &'a Article) -> Self {
        let walk_warnings = a
            .warnings
            .iter()
            .filter(|w| {
                matches!(
                    w.kind,
                    WarningKind::UnsafeLink | WarningKind::UnsafeMedia | WarningKind::OrphanCaption
                )
            })
            .collect();
        Body {
            a,
            rules: outlet::rules(a.outlet),
            out: String::new(),
            walk_warnings,
            next_warning: 0,
            after_figure: false,
            outer_link: None,
            pending: std::collections::VecDeque::new(),
        }
    }

    /// Runs the extractor on a piece of body HTML.
    fn trial(&self, html: &str) -> Parts {
        let limits = Limits {
            max_depth: 512,
            max_nodes: 200_000,
        };
        extract::extract(html, self.a.envelope.url.as_ref(), self.rules, &limits)
    }

    /// Finds the next walk warning that `wanted` accepts; warnings skipped on the way are
    /// re-created where they stand (those that need no text of their own).
    fn take_warning(&mut self, wanted: impl Fn(&Warning) -> bool) -> Option<&'a Warning> {
        let found = self
            .walk_warnings
            .iter()
            .skip(self.next_warning)
            .position(|w| wanted(w))?
            + self.next_warning;
        while self.next_warning < found {
            self.float(self.next_warning);
            self.next_warning += 1;
        }
        self.next_warning = found + 1;
        self.walk_warnings.get(found).copied()
    }

    /// Re-creates a warning that stands on its own: a dropped link or media item.
    fn float(&mut self, i: usize) {
        let Some(w) = self.walk_warnings.get(i) else {
            return;
        };
        let html = match &w.detail {
            WarningDetail::UnsafeLink { href } => format!("<a href=\"{}\"></a>", attr(href)),
            WarningDetail::UnsafeMedia { kind, src } => {
                let tag = match kind {
                    MediaKind::Video => Some("video"),
                    MediaKind::Audio => Some("audio"),
                    _ => None,
                };
                match (tag, src.as_deref().map(attr)) {
                    (Some(t), Some(src)) => format!("<{t} src=\"{src}\"></{t}>"),
                    (Some(t), None) => format!("<{t}></{t}>"),
                    (None, Some(src)) => format!("<img src=\"{src}\">"),
                    (None, None) => "<img>".to_owned(),
                }
            }
            // A caption with no media became a paragraph that is no longer in the article.
            _ => return,
        };
        self.out.push_str(&html);
    }

    fn render(mut self) -> String {
        let a = self.a;
        self.date_block();
        let dateline = a.dateline.as_deref().map(|d| self.dateline_shape(d));
        let mut host = a.blocks.iter().position(is_paragraph_shaped);
        // Text before the first paragraph would become the first block the date-block check
        // looks at; a dateline paragraph of its own in front keeps it where it was, unless
        // that check had fired on it.
        let text_before = host.is_some_and(|h| {
            a.blocks
                .iter()
                .take(h)
                .any(|b| !matches!(b, Block::Figure { .. }))
        });
        if text_before && !a.warnings.iter().any(|w| w.kind == WarningKind::UnparsedDate) {
            host = None;
        }
        if let (Some(d), None) = (&dateline, host) {
            let _ = write!(self.out, "<p>{}</p>", esc(d));
        }
        let boiler = Boiler::plan(&self);
        self.pending = boiler.shapes.iter().cloned().collect();
        let mut link_end = 0;
        for (i, block) in a.blocks.iter().enumerate() {
            if i >= link_end {
                if let Some((l, end)) = link_span(&a.blocks, i) {
                    // One `<a>` around whole blocks: the source had a link holding blocks.
                    let href = self.href(l);
                    let _ = write!(self.out, "<a href=\"{}\">", attr(&href));
                    self.outer_link = Some(l);
                    link_end = end;
                }
            }
            let prefix = if Some(i) == host {
                dateline.as_deref()
            } else {
                None
            };
            let suffix = if Some(i) == boiler.host {
                boiler.suffix.as_deref()
            } else {
                None
            };
            self.block(block, prefix, suffix);
            if self.outer_link.is_some() && i + 1 == link_end {
                self.out.push_str("</a>");
                self.outer_link = None;
            }
        }
        for c in &a.credits {
            let html = self.credit_shape(&c.text);
            self.out.push_str(&html);
        }
        if let Some(c) = &a.copyright {
            let _ = write!(self.out, "<p class=\"copyright\">{}</p>", esc(&c.text));
        }
        while let Some((html, _)) = self.pending.pop_front() {
            self.out.push_str(&html);
        }
        while self.next_warning < self.walk_warnings.len() {
            self.float(self.next_warning);
            self.next_warning += 1;
        }
        self.mirror_footer();
        self.out
    }

    fn date_block(&mut self) {
        let a = self.a;
        let Some(published) = &a.published else { return };
        let mut lines: Vec<String> = Vec::new();
        let mut next = 0;
        let mut placeholders = 0;
        let mut no_author = false;
        for w in a.warnings.iter().filter(|w| w.kind == WarningKind::BylineDropped) {
            if let WarningDetail::BylineDropped { part } = &w.detail {
                let rest = part.strip_prefix("null").unwrap_or(part).trim();
                let later = a.byline.get(next..).unwrap_or(&[]);
                if let Some(k) = later.iter().position(|n| n == rest) {
                    lines.extend(later.iter().take(k).cloned());
                    next += k + 1;
                }
                lines.push(part.to_owned());
                placeholders += 1;
            } else {
                no_author = true;
            }
        }
        lines.extend(a.byline.iter().skip(next).cloned());
        if no_author && lines.is_empty() {
            // A line that names nobody: the extractor splits names on commas.
            lines.push(",".to_owned());
        }
        let _ = placeholders;
        self.out.push_str("<div><i>");
        for l in &lines {
            let _ = write!(self.out, "{}<br>", esc(l));
        }
        let _ = write!(self.out, "{}</i></div>", esc(&published.raw));
    }

    /// A text that the extractor reads as dateline `d` before the first paragraph's text.
    fn dateline_shape(&self, d: &str) -> String {
        let candidates = [
            d.to_owned(),
            format!("（{d}）"),
            format!("{d} — "),
            format!("{d} - "),
            format!("({d})"),
        ];
        for c in &candidates {
            let parts = self.trial(&format!("<p>{}x x</p>", esc(c)));
            if parts.dateline.as_deref() == Some(d) && parts.blocks.len() == 1 {
                return c.clone();
            }
        }
        candidates.into_iter().next().unwrap_or_default()
    }

    /// A paragraph that the extractor reads as credit `c`.
    fn credit_shape(&self, c: &str) -> String {
        let candidates = [c.to_owned(), format!("（{c}）"), format!("({c})")];
        for cand in &candidates {
            let html = format!("<p>{}</p>", esc(cand));
            let parts = self.trial(&html);
            if parts.credits.len() == 1 && parts.credits.first().is_some_and(|x| x.text == c) {
                return html;
            }
        }
        format!("<p>{}</p>", esc(c))
    }

    fn block(&mut self, block: &Block, prefix: Option<&str>, suffix: Option<&str>) {
        match block {
            Block::Paragraph { text, inlines } => {
                let with_prefix = suffix.is_none() && self.orphan_caption(prefix, text, inlines);
                // The dateline may have been a paragraph of its own before the caption.
                let alone = !with_prefix
                    && suffix.is_none()
                    && prefix.is_some()
                    && self.orphan_caption(None, text, inlines);
                if with_prefix || alone {
                    if alone {
                        let _ = write!(self.out, "<p>{}</p>", esc(prefix.unwrap_or("")));
                        self.after_figure = false;
                    }
                    let shown = if alone { "" } else { prefix.unwrap_or("") };
                    let _ = write!(self.out, "<figcaption>{}{}</figcaption>", esc(shown), esc(text));
                } else {
                    self.out.push_str("<p>");
                    self.out.push_str(&esc(prefix.unwrap_or("")));
                    self.inlines(inlines);
                    self.out.push_str(&esc(suffix.unwrap_or("")));
                    self.out.push_str("</p>");
                }
                self.after_figure = false;
            }
            Block::Heading { level, inlines, .. } => {
                if heading_as_paragraph(block) {
                    self.out.push_str("<p>");
                    self.out.push_str(&esc(prefix.unwrap_or("")));
                    self.inlines(inlines);
                    self.out.push_str("</p>");
                } else {
                    let level = (*level).clamp(1, 6);
                    let _ = write!(self.out, "<h{level}>");
                    self.inlines(inlines);
                    let _ = write!(self.out, "</h{level}>");
                }
                self.after_figure = false;
            }
            Block::Quote { inlines, .. } => {
                self.out.push_str("<blockquote>");
                self.inlines(inlines);
                self.out.push_str(&esc(suffix.unwrap_or("")));
                self.out.push_str("</blockquote>");
                self.after_figure = false;
            }
            Block::List { ordered, items, .. } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let _ = write!(self.out, "<{tag}>");
                for item in items {
                    self.out.push_str("<li>");
                    self.inlines(item);
                    self.out.push_str("</li>");
                }
                let _ = write!(self.out, "</{tag}>");
                self.after_figure = false;
            }
            Block::Figure { figure, .. } => {
                if let Some(f) = self.a.figures.get(*figure) {
                    self.figure(f);
                }
            }
        }
    }

    /// Whether a paragraph was a caption with no media before it (the warning says so), and
    /// can be written as one here.
    fn orphan_caption(&mut self, prefix: Option<&str>, text: &str, inlines: &[Inline]) -> bool {
        let plain = matches!(
            inlines,
            [Inline::Text {
                emphasis: false,
                strong: false,
                link: None,
                ..
            }]
        );
        if !plain {
            return false;
        }
        let full = format!("{}{text}", prefix.unwrap_or(""));
        if self.after_figure {
            // Text set aside stood between the media and the caption: write the next piece
            // of it here, so the caption does not attach to the media.
            let wanted = self
                .walk_warnings
                .iter()
                .skip(self.next_warning)
                .any(|w| is_orphan_caption(w, &full));
            match self.pending.front() {
                Some((html, true)) if wanted => {
                    self.out.push_str(html);
                    self.pending.pop_front();
                    self.after_figure = false;
                }
                _ => return false,
            }
        }
        self.take_warning(|w| is_orphan_caption(w, &full)).is_some()
    }

    fn figure(&mut self, f: &Figure) {
        let src = f.proxied_src.as_ref().unwrap_or(&f.src);
        self.out.push_str("<figure>");
        match f.kind {
            MediaKind::Image => {
                let _ = write!(self.out, "<img src=\"{}\"", attr(src.as_str()));
                if let Some(alt) = &f.alt {
                    let _ = write!(self.out, " alt=\"{}\"", attr(alt));
                }
                self.out.push('>');
            }
            MediaKind::Video | MediaKind::Audio => {
                let tag = if f.kind == MediaKind::Video {
                    "video"
                } else {
                    "audio"
                };
                let _ = write!(self.out, "<{tag} src=\"{}\"", attr(src.as_str()));
                if let Some(p) = &f.poster {
                    let _ = write!(self.out, " poster=\"{}\"", attr(p.as_str()));
                }
                let _ = write!(self.out, "></{tag}>");
            }
            MediaKind::Embed => {
                let _ = write!(self.out, "<iframe src=\"{}\"", attr(src.as_str()));
                if let Some(t) = &f.alt {
                    let _ = write!(self.out, " title=\"{}\"", attr(t));
                }
                self.out.push_str("></iframe>");
            }
        }
        if let Some(c) = &f.caption {
            for part in caption_parts(c) {
                let _ = write!(self.out, "<figcaption>{}</figcaption>", esc(&part));
            }
        }
        if let Some(c) = &f.credit {
            let _ = write!(self.out, "<span class=\"photo-credit\">{}</span>", esc(c));
        }
        self.out.push_str("</figure>");
        self.after_figure = true;
    }

    fn inlines(&mut self, runs: &[Inline]) {
        let mut i = 0;
        while let Some(run) = runs.get(i) {
            match run {
                Inline::LineBreak => {
                    self.out.push_str("<br>");
                    // Two breaks in a row would end the paragraph; an invisible character
                    // between them keeps both (the extractor drops it as whitespace).
                    if matches!(runs.get(i + 1), Some(Inline::LineBreak)) {
                        self.out.push_str("&#x200B;");
                    }
                    i += 1;
                }
                Inline::Text { link, .. } if link.is_none() || *link == self.outer_link => {
                    self.text_run(run);
                    i += 1;
                }
                Inline::Text { link: None, .. } => i += 1,
                Inline::Text { link: Some(l), .. } => {
                    // One `<a>` for every run of this link, breaks between them included.
                    let mut end = i + 1;
                    let mut j = i + 1;
                    while let Some(r) = runs.get(j) {
                        match r {
                            Inline::Text { link: Some(m), .. } if m == l => {
                                j += 1;
                                end = j;
                            }
                            Inline::LineBreak => j += 1,
                            Inline::Text { .. } => break,
                        }
                    }
                    let href = self.href(*l);
                    let _ = write!(self.out, "<a href=\"{}\">", attr(&href));
                    for (k, r) in runs.get(i..end).unwrap_or(&[]).iter().enumerate() {
                        match r {
                            Inline::LineBreak => {
                                self.out.push_str("<br>");
                                if matches!(runs.get(i + k + 1), Some(Inline::LineBreak)) {
                                    self.out.push_str("&#x200B;");
                                }
                            }
                            Inline::Text { .. } => self.text_run(r),
                        }
                    }
                    self.out.push_str("</a>");
                    i = end;
                }
            }
        }
    }

    fn text_run(&mut self, run: &Inline) {
        let Inline::Text {
            text,
            emphasis,
            strong,
            ..
        } = run
        else {
            return;
        };
        let (open, close) = match (emphasis, strong) {
            (true, true) => ("<strong><em>", "</em></strong>"),
            (true, false) => ("<em>", "</em>"),
            (false, true) => ("<strong>", "</strong>"),
            (false, false) => ("", ""),
        };
        let _ = write!(self.out, "{open}{}{close}", esc(text));
    }

    /// The target to write for link `l`: its URL, or for an unsafe link the target its
    /// warning quotes.
    fn href(&mut self, l: usize) -> String {
        if let Some(url) = self.a.links.get(l).and_then(|x| x.href.as_ref()) {
            return url.as_str().to_owned();
        }
        let w = self.take_warning(|w| w.kind == WarningKind::UnsafeLink);
        match w.map(|w| &w.detail) {
            Some(WarningDetail::UnsafeLink { href }) => href.clone(),
            _ => "javascript:void(0)".to_owned(),
        }
    }

    fn mirror_footer(&mut self) {
        let a = self.a;
        let Some(footer) = &a.mirror_footer else { return };
        let referenced: Vec<usize> = a
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Figure { figure, .. } => Some(*figure),
                _ => None,
            })
            .collect();
        // Media after the footer's start are taken out of the text with it.
        let mut loose = (0..a.figures.len()).filter(|i| !referenced.contains(i));
        let mut domains = footer.domains.iter().peekable();
        let mut open = false;
        for line in footer.text.split('\n') {
            if line.is_empty() {
                if open {
                    self.out.push_str("</div>");
                    open = false;
                }
                if let Some(f) = loose.next().and_then(|i| a.figures.get(i)) {
                    self.figure(f);
                }
                continue;
            }
            if open {
                self.out.push_str("<br>");
            } else {
                self.out.push_str("<div>");
                open = true;
            }
            let end = line.find(['(', ' ', '（']).unwrap_or(line.len());
            let (head, tail) = line.split_at(end);
            let url = Url::parse(head).ok();
            match (url, domains.peek()) {
                (Some(u), Some(d)) if u.host_str() == Some(d.as_str()) => {
                    let _ = write!(
                        self.out,
                        "<a href=\"{}\">{}</a>{}",
                        attr(u.as_str()),
                        esc(head),
                        esc(tail)
                    );
                    domains.next();
                }
                _ => self.out.push_str(&esc(line)),
            }
        }
        if open {
            self.out.push_str("</div>");
        }
        for f in loose.filter_map(|i| a.figures.get(i)) {
            self.figure(f);
        }
    }
}

/// Where each piece of boilerplate goes.
struct Boiler {
    /// Standalone shapes, written after the text in order, and whether one may be written
    /// earlier (it needs no copyright line before it).
    shapes: Vec<(String, bool)>,
    /// A closing line glued to the last paragraph (CNA's `（編輯：X）`), and that paragraph.
    suffix: Option<String>,
    host: Option<usize>,
}

impl Boiler {
    fn plan(body: &Body<'_>) -> Boiler {
        let a = body.a;
        let mut shapes = Vec::new();
        let mut suffix = None;
        let mut host = None;
        let mut items = a.boilerplate.iter().peekable();
        // End marks come first: the extractor takes them off paragraphs before anything else.
        while let Some(b) =
            items.next_if(|b| b.kind == BoilerplateKind::EndNote && END_MARKS.contains(&b.text.as_str()))
        {
            shapes.push((format!("<p>{}</p>", esc(&b.text)), true));
        }
        let copyright = a
            .copyright
            .as_ref()
            .map(|c| format!("<p class=\"copyright\">{}</p>", esc(&c.text)))
            .unwrap_or_default();
        let mut first = true;
        for b in items {
            match body.boiler_shape(b, &copyright) {
                Some(html) => {
                    let movable = copyright.is_empty() || body.boiler_shape(b, "").is_some();
                    shapes.push((html, movable));
                }
                None => {
                    // An editor line glued to the last paragraph comes before any standalone
                    // boilerplate, as the extractor meets it first.
                    let glued = if first && b.kind == BoilerplateKind::Staff {
                        body.staff_host(&b.text)
                    } else {
                        None
                    };
                    if let Some(i) = glued {
                        suffix = Some(format!("（{}）", b.text));
                        host = Some(i);
                    } else {
                        shapes.push((format!("<p>{}</p>", esc(&b.text)), false));
                    }
                }
            }
            first = false;
        }
        Boiler { shapes, suffix, host }
    }
}

impl Body<'_> {
    /// The paragraph an editor line `（text）` can close: one of the last two paragraphs the
    /// extractor's closing-line scan visits, checked by running it.
    fn staff_host(&self, text: &str) -> Option<usize> {
        // A paragraph that was a caption with no media goes back as a caption, so it cannot
        // carry the line: try the others first.
        let orphan = |para: &str| self.walk_warnings.iter().any(|w| is_orphan_caption(w, para));
        let mut candidates = Vec::new();
        let mut seen = 0;
        for (i, block) in self.a.blocks.iter().enumerate().rev() {
            let para = match block {
                Block::Paragraph { text, .. } => text,
                Block::Quote { .. } => {
                    seen += 1;
                    if seen >= 2 {
                        break;
                    }
                    continue;
                }
                // The extractor's closing-line scan passes over closing media and embeds.
                Block::Figure { .. } => continue,
                _ => break,
            };
            let parts = self.trial(&format!("<p>x</p><p>{}（{}）</p>", esc(para), esc(text)));
            let ok = parts.boilerplate.len() == 1
                && parts
                    .boilerplate
                    .first()
                    .is_some_and(|b| b.text == text && b.kind == BoilerplateKind::Staff)
                && parts.blocks.last().is_some_and(|b| b.text() == para);
            if ok {
                candidates.push((orphan(para), i));
            }
            seen += 1;
            if seen >= 2 {
                break;
            }
        }
        candidates.sort_by_key(|&(o, _)| o);
        candidates.first().map(|&(_, i)| i)
    }

    /// A standalone block the extractor sets aside as exactly `b`.
    fn boiler_shape(&self, b: &Boilerplate, copyright: &str) -> Option<String> {
        let text = esc(&b.text);
        [format!("<p>{text}</p>"), format!("<aside><p>{text}</p></aside>")]
            .into_iter()
            .find(|html| {
                let parts = self.trial(&format!("{copyright}{html}"));
                parts.blocks.is_empty()
                    && parts.boilerplate.len() == 1
                    && parts.boilerplate.first() == Some(b)
            })
    }
}
