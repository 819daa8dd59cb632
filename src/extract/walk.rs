//! The single walk over the body: blocks with inline runs, figures with captions, links.
//! Classification of what the blocks mean (date block, credits, footers) comes after.

use url::Url;

use super::canonical::Collector;
use super::chrome::{Declared, is_chrome_image};
use super::inline;
use super::urls;
use crate::dom::{Common, Element, Visitor};
use crate::error::{Warning, WarningDetail};
use crate::model::{Boilerplate, BoilerplateKind, Figure, Inline, Link, LinkKind, MediaKind};
use crate::outlet::{MIRROR, Rules};
use crate::text::{Trim, contains_str, normalize_space, sanitize};

/// What a raw block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawKind {
    Paragraph,
    Heading(u8),
    Quote,
    /// An item of list number `list`.
    ListItem {
        ordered: bool,
        list: usize,
    },
    /// Index into the figures.
    Figure(usize),
}

/// A block as the walk saw it, before classification.
#[derive(Debug, Clone)]
pub(crate) struct RawBlock {
    pub(crate) kind: RawKind,
    pub(crate) inlines: Vec<Inline>,
    pub(crate) text: String,
    /// Inside an `<aside>`.
    pub(crate) aside: bool,
    /// Marked as a copyright line by its class (`t-copyright`).
    pub(crate) copyright_class: bool,
    /// What an enclosing element's markup says the text is.
    pub(crate) mark: Option<Mark>,
}

/// What markup says a piece of text is: schema.org microdata (`itemprop="byline"`,
/// `itemtype=".../dateline"`) or a class naming it (`StyledByline`, `article-dateline`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Byline,
    Dateline,
}

/// The mark an element's attributes give its text, if any.
fn mark_of(common: Common<'_>, class: ClassFlags) -> Option<Mark> {
    if class.byline {
        return Some(Mark::Byline);
    }
    let says = |word: &str| {
        [common.itemprop, common.itemtype]
            .into_iter()
            .flatten()
            .any(|v| contains_ignore_ascii_case(v, word))
    };
    if says("byline") {
        Some(Mark::Byline)
    } else if class.dateline || says("dateline") {
        Some(Mark::Dateline)
    } else {
        None
    }
}

/// Whether `haystack` holds `needle` (lowercase ASCII), ASCII case ignored.
fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    needle.is_empty()
        || haystack
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
impl RawBlock {
    /// A block of `kind` made of text runs (text, emphasised), for unit tests; a `\n` in a run
    /// is a line break.
    pub(crate) fn of_runs(kind: RawKind, runs: &[(&str, bool)]) -> RawBlock {
        let mut inlines = Vec::new();
        for &(text, emphasis) in runs {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    inlines.push(Inline::LineBreak);
                }
                inlines.push(Inline::Text {
                    text: line.to_owned(),
                    emphasis,
                    strong: false,
                    link: None,
                });
            }
        }
        RawBlock {
            kind,
            text: inline::plain(&inlines),
            inlines,
            aside: false,
            copyright_class: false,
            mark: None,
        }
    }

    /// A paragraph of plain text, for unit tests (see [`RawBlock::of_runs`]).
    pub(crate) fn paragraph(text: &str) -> RawBlock {
        RawBlock::of_runs(RawKind::Paragraph, &[(text, false)])
    }
}

impl RawBlock {
    /// Every run of text is strong.
    pub(crate) fn all_strong(&self) -> bool {
        let mut any = false;
        for r in &self.inlines {
            if let Inline::Text { strong, .. } = r {
                if !strong {
                    return false;
                }
                any = true;
            }
        }
        any
    }
}

/// Everything the walk collects.
pub(crate) struct Raw {
    pub(crate) blocks: Vec<RawBlock>,
    pub(crate) figures: Vec<Figure>,
    pub(crate) links: Vec<Link>,
    /// The first `<time datetime>` seen: (attribute, text of the element).
    pub(crate) time: Option<String>,
    pub(crate) warnings: Vec<Warning>,
    /// What the walk itself sets aside, in the order met: chrome images, and the text and
    /// media of elements whose class sets them aside (embedded posts, [`is_embed_class`]; an
    /// outlet's `set_aside_classes`).
    pub(crate) set_aside: Vec<Boilerplate>,
}

/// Elements whose content is never article text.
fn is_skip_tag(name: &str) -> bool {
    // A `match` compiles to a switch on the length and a few compares, not a scan of the list.
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "input"
            | "button"
            | "select"
            | "textarea"
            | "nav"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "canvas"
            | "map"
            | "share-button"
            | "form"
            | "label"
            | "option"
            | "dialog"
    )
}

/// Classes that mark widgets, ads and screen-reader-only labels on any site.
const SKIP_CLASSES: &[&str] = &["share", "gpt-ad", "off-screen", "visually-hidden", "sr-only"];

/// Whether a class attribute holds one of the classes that social-media and blog platforms
/// give their embedding markup (`<blockquote class="twitter-tweet">`, `instagram-media`,
/// WordPress post cards, Getty and Infogram embeds): the post is quoted, not article text.
fn is_embed_class(class: &str) -> bool {
    // A `match` compiles to a switch on the length and a few compares, not a scan of a list.
    class.split_ascii_whitespace().any(|c| {
        matches!(
            c,
            "twitter-tweet"
                | "twitter-video"
                | "instagram-media"
                | "wp-embedded-content"
                | "tiktok-embed"
                | "fb-post"
                | "fb-video"
                | "reddit-card"
                | "reddit-embed"
                | "imgur-embed-pub"
                | "gie-single"
                | "infogram-embed"
        )
    })
}

/// Classes that mark a caption on any site; an outlet's own are in its `caption_classes`.
const CAPTION_CLASSES: &[&str] = &[
    "wp-caption-text",
    "media-caption",
    "image-caption",
    "figure-caption",
    "caption-text",
];

/// Classes that mark a photo credit on any site; an outlet's own are in its `credit_classes`.
const CREDIT_CLASSES: &[&str] = &["image-credit", "photo-credit"];

/// Elements that end the current block where they open and close.
fn is_block_tag(name: &str) -> bool {
    // A `match` compiles to a switch on the length and a few compares, not a scan of the list.
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "figure"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "dl"
            | "dt"
            | "dd"
            | "pre"
            | "center"
            | "address"
            | "details"
            | "summary"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "body"
            | "html"
            | "hgroup"
    )
}

#[derive(Clone, Copy)]
enum Frame {
    /// A block element; the number of blocks emitted when it opened.
    Block(usize),
    Emph,
    Strong,
    Link(Option<usize>),
    Caption,
    Quote,
    Aside,
    SetAside,
    List,
    ListItem,
    Heading,
    Media,
    Plain,
}

struct Caption {
    text: String,
    figure: Option<usize>,
    credit: bool,
}

struct PendingMedia {
    kind: MediaKind,
    src: Option<String>,
    poster: Option<String>,
}

pub(crate) struct Walker<'r> {
    rules: &'r Rules,
    base: Option<&'r Url>,
    out: Raw,
    frames: Vec<Frame>,
    runs: inline::Runs,
    em: u32,
    strong: u32,
    link: Option<usize>,
    quote: u32,
    aside: u32,
    /// The kinds of the set-aside elements open, innermost last.
    set_aside: Vec<BoilerplateKind>,
    heading: Option<u8>,
    lists: Vec<(bool, usize)>,
    list_count: usize,
    /// The list that items outside any `<ul>`/`<ol>` belong to (a browser still shows them as
    /// a bulleted list); items next to each other share it.
    loose_list: Option<usize>,
    in_item: u32,
    caption: Option<Caption>,
    caption_depth: u32,
    caption_from_attr: Vec<bool>,
    last_figure: Option<usize>,
    /// A gallery image opened this block (frame depth, figure): the block's text is its caption.
    gallery: Option<(usize, usize)>,
    /// A media item was just dropped (no usable source): a caption after it is an orphan.
    dropped_media: bool,
    media: Option<PendingMedia>,
    copyright_class: bool,
    /// Marked elements open: (frame depth, mark).
    marks: Vec<(usize, Mark)>,
    /// Class attributes seen and what they say: pages repeat a few class strings, so each
    /// distinct one is matched against the class lists once (up to [`CLASS_CACHE`] of them).
    class_cache: Vec<(String, ClassFlags)>,
    /// The first rule: canonical markup, read as written.
    pub(crate) canonical: Collector,
}

/// How many distinct class attributes the walker remembers.
const CLASS_CACHE: usize = 32;

/// What an element's class attribute says, from the class lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct ClassFlags {
    skip: bool,
    caption: bool,
    credit: bool,
    copyright: bool,
    byline: bool,
    dateline: bool,
    set_aside: Option<BoilerplateKind>,
}

impl ClassFlags {
    fn of(class: &str, rules: &Rules) -> ClassFlags {
        let pairs = Pairs::of(class);
        let contains = |c: &str| pairs.may_hold(c) && contains_str(class, c);
        let has = |list: &[&str]| list.iter().any(|c| contains(c));
        ClassFlags {
            skip: has(SKIP_CLASSES) || has(rules.skip_classes),
            caption: has(CAPTION_CLASSES) || has(rules.caption_classes),
            credit: has(CREDIT_CLASSES) || has(rules.credit_classes),
            copyright: contains("copyright"),
            byline: contains("Byline") || contains("byline"),
            dateline: contains("Dateline") || contains("dateline"),
            set_aside: if is_embed_class(class) {
                Some(BoilerplateKind::Embed)
            } else {
                rules
                    .set_aside_classes
                    .iter()
                    .find(|(_, c)| contains(c))
                    .map(|(k, _)| *k)
            },
        }
    }
}

/// The pairs of adjacent bytes in a short text (a class attribute), hashed into 128 bits: a
/// word whose first two bytes are not among them is not in the text, which turns away most of
/// the class words without a substring search.
struct Pairs([u64; 2]);

impl Pairs {
    fn of(text: &str) -> Pairs {
        let mut set = [0; 2];
        for w in text.as_bytes().windows(2) {
            let bit = Pairs::bit(w.first(), w.get(1));
            if let Some(half) = set.get_mut(bit >> 6) {
                *half |= 1 << (bit & 63);
            }
        }
        Pairs(set)
    }

    /// Whether `word` may be in the text.
    fn may_hold(&self, word: &str) -> bool {
        let w = word.as_bytes();
        let bit = Pairs::bit(w.first(), w.get(1));
        w.len() < 2
            || self
                .0
                .get(bit >> 6)
                .is_some_and(|half| half & (1 << (bit & 63)) != 0)
    }

    /// Which of the 128 bits a pair of bytes sets.
    fn bit(a: Option<&u8>, b: Option<&u8>) -> usize {
        let (a, b) = (
            usize::from(a.copied().unwrap_or(0)),
            usize::from(b.copied().unwrap_or(0)),
        );
        (a * 31 + b) % 128
    }
}

/// Room for this many blocks is made at once: most items have more than a few, and growing
/// the list one doubling at a time copies it each time. The room stays under a kilobyte, which
/// the allocator serves from its cache of small chunks; a larger first request costs more than
/// the copies it saves.
const BLOCKS_RESERVED: usize = 12;

/// Room for this many figures is made by the first one: a figure is large, and the standard
/// first room (four) takes more than a kilobyte, a request the allocator serves only after
/// sorting its freed small chunks (which the walk, freeing the tree as it goes, has just filled).
const FIGURES_RESERVED: usize = 2;

/// Room for this many links is made by the first one, under a kilobyte as the blocks' room is:
/// the standard doubling would take more than a kilobyte at the fifth.
const LINKS_RESERVED: usize = 6;

/// Makes the first room of `v` for `n` items, when it has none yet.
fn reserve_first<T>(v: &mut Vec<T>, n: usize) {
    if v.capacity() == 0 {
        v.reserve_exact(n);
    }
}

impl<'r> Walker<'r> {
    pub(crate) fn new(rules: &'r Rules, base: Option<&'r Url>) -> Self {
        Walker {
            rules,
            base,
            out: Raw {
                blocks: Vec::with_capacity(BLOCKS_RESERVED),
                figures: Vec::new(),
                links: Vec::new(),
                time: None,
                warnings: Vec::new(),
                set_aside: Vec::new(),
            },
            frames: Vec::new(),
            runs: inline::Runs::default(),
            em: 0,
            strong: 0,
            link: None,
            quote: 0,
            aside: 0,
            set_aside: Vec::new(),
            heading: None,
            lists: Vec::new(),
            loose_list: None,
            list_count: 0,
            in_item: 0,
            caption: None,
            caption_depth: 0,
            caption_from_attr: Vec::new(),
            last_figure: None,
            gallery: None,
            dropped_media: false,
            media: None,
            copyright_class: false,
            marks: Vec::new(),
            class_cache: Vec::new(),
            canonical: Collector::default(),
        }
    }

    /// [`ClassFlags::of`] through the cache.
    fn class_flags(&mut self, class: &str) -> ClassFlags {
        if class.is_empty() {
            return ClassFlags::default();
        }
        if let Some((_, flags)) = self.class_cache.iter().find(|(c, _)| c == class) {
            return *flags;
        }
        let flags = ClassFlags::of(class, self.rules);
        if self.class_cache.len() < CLASS_CACHE {
            self.class_cache.push((class.to_owned(), flags));
        }
        flags
    }

    pub(crate) fn finish(mut self) -> Raw {
        self.flush();
        self.emit_media();
        if self.caption.is_some() {
            self.end_caption();
        }
        self.out
    }

    fn warn(&mut self, detail: WarningDetail) {
        self.out.warnings.push(Warning::new(detail, None));
    }

    /// Ends the current block, if it holds any text.
    fn flush(&mut self) {
        // The flag belongs to the block that is ending, even an empty one.
        let copyright_class = std::mem::take(&mut self.copyright_class);
        if self.runs.is_empty() {
            return;
        }
        let (inlines, text) = self.runs.take();
        if text.is_empty() {
            return;
        }
        if let Some(&kind) = self.set_aside.last() {
            self.out.set_aside.push(Boilerplate { kind, text });
            self.last_figure = None;
            return;
        }
        let kind = if let Some(level) = self.heading {
            RawKind::Heading(level)
        } else if let (Some(&(ordered, list)), true) = (self.lists.last(), self.in_item > 0) {
            RawKind::ListItem { ordered, list }
        } else if self.in_item > 0 {
            let count = &mut self.list_count;
            let list = *self.loose_list.get_or_insert_with(|| {
                *count += 1;
                *count
            });
            RawKind::ListItem { ordered: false, list }
        } else if self.quote > 0 {
            RawKind::Quote
        } else {
            RawKind::Paragraph
        };
        if !matches!(kind, RawKind::ListItem { .. }) || !self.lists.is_empty() {
            self.loose_list = None;
        }
        self.out.blocks.push(RawBlock {
            kind,
            inlines,
            text,
            aside: self.aside > 0,
            copyright_class,
            mark: self.marks.last().map(|m| m.1),
        });
        self.last_figure = None;
    }

    fn push_text(&mut self, text: &str) {
        if let Some(c) = &mut self.caption {
            c.text.push_str(text);
            return;
        }
        if self.media.is_some() {
            return; // fallback text inside <video>/<audio>
        }
        self.runs.push_text(text, self.em > 0, self.strong > 0, self.link);
    }

    fn line_break(&mut self) {
        if let Some(c) = &mut self.caption {
            c.text.push(' ');
            return;
        }
        if self.runs.line_break() {
            // `<br><br>` separates paragraphs.
            self.flush();
        }
    }

    fn add_figure(&mut self, figure: Figure, caption_from_attr: bool) {
        self.flush();
        let index = self.out.figures.len();
        reserve_first(&mut self.out.figures, FIGURES_RESERVED);
        self.out.figures.push(figure);
        self.caption_from_attr.push(caption_from_attr);
        self.out.blocks.push(RawBlock {
            kind: RawKind::Figure(index),
            inlines: Vec::new(),
            text: String::new(),
            aside: self.aside > 0,
            copyright_class: false,
            mark: None,
        });
        self.last_figure = Some(index);
        self.dropped_media = false;
    }

    /// Sets a media item aside as not a figure, with its URL as the text.
    fn set_aside(&mut self, kind: BoilerplateKind, src: &Url) {
        self.out.set_aside.push(Boilerplate {
            kind,
            text: src.as_str().to_owned(),
        });
    }

    fn image(&mut self, el: &Element<'_>, set_aside: Option<BoilerplateKind>) {
        if self.caption.is_some() {
            return;
        }
        let raw = ["src", "data-src", "data-original", "data-lazy-src"]
            .iter()
            .filter_map(|a| el.attr(a))
            .map(str::trim)
            .find(|s| !s.is_empty());
        let Some((src, proxied_src)) = self.media_src(MediaKind::Image, raw) else {
            self.dropped_media = true;
            return;
        };
        let label = el
            .attr("aria-label")
            .map(normalize_space)
            .filter(|s| !s.is_empty());
        if let Some(kind) = set_aside.or_else(|| self.set_aside.last().copied()) {
            self.set_aside(kind, &src);
            return;
        }
        let size = Declared {
            width: Declared::pixels(el.attr("width")),
            height: Declared::pixels(el.attr("height")),
        };
        if is_chrome_image(&src, el.attr("alt"), size, self.rules) {
            self.set_aside(BoilerplateKind::ChromeImage, &src);
            return;
        }
        let alt = el.attr("alt").map(normalize_space).filter(|s| {
            !s.is_empty() && !matches!(s.to_ascii_lowercase().as_str(), "photo" | "image" | "img")
        });
        let from_attr = label.is_some();
        let figure = Figure {
            kind: MediaKind::Image,
            src,
            proxied_src,
            poster: None,
            caption: label,
            credit: None,
            alt,
        };
        // Gallery shape: the image is the first thing in its block.
        let opens_block = match self.frames.last() {
            Some(Frame::Block(at)) => *at == self.out.blocks.len() && self.runs.is_empty(),
            _ => false,
        };
        self.add_figure(figure, from_attr);
        if self.rules.gallery_captions && opens_block {
            self.gallery = Some((self.frames.len(), self.out.figures.len().saturating_sub(1)));
        }
    }

    /// A media item's source and proxied source; a warning when it has none or an unsafe one.
    fn media_src(&mut self, kind: MediaKind, raw: Option<&str>) -> Option<(Url, Option<Url>)> {
        let Some(raw) = raw else {
            self.warn(WarningDetail::UnsafeMedia { kind, src: None });
            return None;
        };
        let resolved = urls::media(raw, self.base);
        if resolved.is_none() {
            self.warn(WarningDetail::UnsafeMedia {
                kind,
                src: Some(sanitize(raw).chars().take(80).collect()),
            });
        }
        resolved
    }

    /// An `<iframe>` player or interactive, when its source is http(s); anything else is dropped.
    fn embed(&mut self, el: &Element<'_>, set_aside: Option<BoilerplateKind>) {
        let raw = el.attr("src").or_else(|| el.attr("data-src")).unwrap_or("");
        if let Some((src, proxied_src)) = urls::media(raw, self.base) {
            if let Some(kind) = set_aside.or_else(|| self.set_aside.last().copied()) {
                // A post card's frame: the post, not a player.
                self.set_aside(kind, &src);
                return;
            }
            let figure = Figure {
                kind: MediaKind::Embed,
                src,
                proxied_src,
                poster: None,
                caption: None,
                credit: None,
                alt: el.attr("title").map(normalize_space).filter(|t| !t.is_empty()),
            };
            self.add_figure(figure, false);
        }
    }

    fn emit_media(&mut self) {
        let Some(m) = self.media.take() else { return };
        let raw = m.src.as_deref().filter(|s| !s.trim_ws().is_empty());
        let Some((src, proxied_src)) = self.media_src(m.kind, raw) else {
            return;
        };
        if let Some(kind) = self.set_aside.last().copied() {
            self.set_aside(kind, &src);
            return;
        }
        let poster = m
            .poster
            .as_deref()
            .and_then(|p| urls::media(p, self.base))
            .map(|(u, _)| u);
        let figure = Figure {
            kind: m.kind,
            src,
            proxied_src,
            poster,
            caption: None,
            credit: None,
            alt: None,
        };
        self.add_figure(figure, false);
    }

    /// Ends a gallery block: its text captions the image that opened it.
    fn end_gallery_block(&mut self) {
        let Some((_, figure)) = self.gallery.take() else {
            return;
        };
        if self.last_figure != Some(figure) {
            self.flush();
            return;
        }
        let (_, text) = self.runs.take();
        if let Some(f) = self.out.figures.get_mut(figure) {
            if !text.is_empty() && f.caption.is_none() {
                f.caption = Some(text);
            }
        }
    }

    fn start_caption(&mut self, credit: bool) {
        self.flush();
        self.caption = Some(Caption {
            text: String::new(),
            figure: self.last_figure,
            credit,
        });
        self.caption_depth = 1;
    }

    fn end_caption(&mut self) {
        let Some(c) = self.caption.take() else { return };
        self.caption_depth = 0;
        let text = normalize_space(&c.text);
        if text.is_empty() {
            return;
        }
        let Some(i) = c.figure else {
            self.warn(WarningDetail::OrphanCaption { text: text.clone() });
            self.runs.push_text(&text, false, false, None);
            self.flush();
            return;
        };
        let from_attr = self.caption_from_attr.get(i).copied().unwrap_or(false);
        let Some(fig) = self.out.figures.get_mut(i) else {
            return;
        };
        if c.credit {
            fig.credit = Some(text);
            return;
        }
        match &mut fig.caption {
            Some(existing) if !from_attr && existing != &text => {
                // Two caption parts read as one text: no space between CJK characters.
                let cjk = existing.chars().next_back().is_some_and(crate::text::is_cjk)
                    && text.chars().next().is_some_and(crate::text::is_cjk);
                if !cjk {
                    existing.push(' ');
                }
                existing.push_str(&text);
            }
            _ => fig.caption = Some(text),
        }
        if let Some(flag) = self.caption_from_attr.get_mut(i) {
            *flag = false;
        }
        self.last_figure = Some(i);
    }

    fn link(&mut self, el: &Element<'_>) -> Frame {
        let prev = self.link;
        let Some(href) = el.attr("href") else {
            return Frame::Link(prev);
        };
        if self.caption.is_some() || href.trim_ws().is_empty() || href.trim_start().starts_with('#') {
            return Frame::Link(prev);
        }
        let index = self.out.links.len();
        reserve_first(&mut self.out.links, LINKS_RESERVED);
        match urls::resolve(href, self.base) {
            Some(url) => {
                let (kind, article_id) = urls::classify(&url, self.rules, self.base);
                self.out.links.push(Link {
                    href: Some(url),
                    text: String::new(),
                    kind,
                    article_id,
                });
                self.link = Some(index);
            }
            None => {
                self.warn(WarningDetail::UnsafeLink {
                    href: sanitize(href).chars().take(80).collect(),
                });
                // The text stays and points at a link entry flagged unsafe, which carries no
                // target: renderers print it as plain text.
                self.out.links.push(Link {
                    href: None,
                    text: String::new(),
                    kind: LinkKind::Unsafe,
                    article_id: None,
                });
                self.link = Some(index);
            }
        }
        Frame::Link(prev)
    }
}

/// What opening an element does, by kind of element. Each kind is tried in turn, in the
/// order [`Visitor::start`] gives: a tag name decides before a class does.
impl Walker<'_> {
    /// An element opened inside a caption: its text is the caption's, images are dropped.
    fn start_in_caption(&mut self, name: &str) -> bool {
        if name == "img" {
            return false;
        }
        if name == "br" {
            self.line_break();
        }
        self.caption_depth += 1;
        self.frames.push(Frame::Plain);
        true
    }

    /// Elements whose content is not walked: line breaks, images, embeds, rules and media
    /// sources. Whether `el` was one.
    fn leaf(&mut self, el: &Element<'_>, name: &str, set_aside: Option<BoilerplateKind>) -> bool {
        match name {
            "br" => self.line_break(),
            "img" => self.image(el, set_aside),
            "iframe" => self.embed(el, set_aside),
            "hr" | "wbr" => self.flush(),
            "source" | "track" => {
                if let Some(m) = &mut self.media {
                    if m.src.is_none() {
                        m.src = el.attr("src").map(str::to_owned);
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// Phrase-level frames: media players, links, emphasis and strong text.
    fn phrase(&mut self, el: &Element<'_>, name: &str) -> Option<Frame> {
        Some(match name {
            "video" => self.open_media(el, MediaKind::Video),
            "audio" => self.open_media(el, MediaKind::Audio),
            "a" => self.link(el),
            "em" | "i" | "cite" | "dfn" | "var" => {
                self.em += 1;
                Frame::Emph
            }
            "strong" | "b" => {
                self.strong += 1;
                Frame::Strong
            }
            _ => return None,
        })
    }

    /// A `<video>` or `<audio>`: its source may come from a `<source>` inside.
    fn open_media(&mut self, el: &Element<'_>, kind: MediaKind) -> Frame {
        self.flush();
        self.emit_media();
        self.media = Some(PendingMedia {
            kind,
            src: el.attr("src").map(str::to_owned),
            poster: el.attr("poster").map(str::to_owned),
        });
        Frame::Media
    }

    /// Whether `el` opens a caption, and whether that caption is a photo credit.
    fn opens_caption(&self, el: &Element<'_>, name: &str, class: ClassFlags) -> Option<bool> {
        // The mirror's caption shape, `<img><div><small style="color: #999;">`; other
        // `<small>`s after media are fine print (CDT's footer), not captions.
        let mirror_caption = name == "small"
            && (self.last_figure.is_some() || self.dropped_media)
            && self.runs.is_empty()
            && el.attr("style").is_some_and(|s| s.contains(MIRROR.caption_style));
        if name == "figcaption" || mirror_caption || class.caption {
            Some(false)
        } else if class.credit {
            Some(true)
        } else {
            None
        }
    }

    /// Frames of the elements that hold blocks: set-aside elements, quotes, asides, lists,
    /// headings and the other block elements.
    fn container(&mut self, el: &Element<'_>, name: &str, class: ClassFlags) -> Frame {
        if class.set_aside.is_some() {
            self.flush();
            self.set_aside.extend(class.set_aside);
            return Frame::SetAside;
        }
        match name {
            "time" => {
                if self.out.time.is_none() {
                    self.out.time = el.attr("datetime").map(str::to_owned);
                }
                Frame::Plain
            }
            "blockquote" => {
                self.flush();
                self.quote += 1;
                Frame::Quote
            }
            "aside" => {
                self.flush();
                self.aside += 1;
                Frame::Aside
            }
            "ul" | "ol" => {
                self.flush();
                self.list_count += 1;
                self.lists.push((name == "ol", self.list_count));
                Frame::List
            }
            "li" => {
                self.flush();
                self.in_item += 1;
                Frame::ListItem
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading = name.get(1..).and_then(|d| d.parse().ok());
                Frame::Heading
            }
            _ if is_block_tag(name) => {
                self.flush();
                if class.copyright {
                    self.copyright_class = true;
                }
                Frame::Block(self.out.blocks.len())
            }
            _ => Frame::Plain,
        }
    }

    /// Pushes an opened element's frame, with the mark its markup gives its text.
    fn push_frame(&mut self, frame: Frame, mark: Option<Mark>) {
        if mark.is_some() {
            // Text before it belongs to the enclosing block, not to the marked one.
            self.flush();
        }
        self.frames.push(frame);
        if let Some(m) = mark {
            self.marks.push((self.frames.len(), m));
        }
    }
}

impl Visitor for Walker<'_> {
    fn start(&mut self, el: &Element<'_>) -> bool {
        if let Some(descend) = self
            .canonical
            .start(el, self.out.figures.len(), self.out.links.len())
        {
            return descend;
        }
        let name = el.name();
        if is_skip_tag(name) {
            return false;
        }
        // One attribute lookup and one pass over the class lists for every class test below.
        let common = el.common();
        let class = self.class_flags(common.class.unwrap_or(""));
        if class.skip || common.aria_hidden == Some("true") && name != "img" {
            return false;
        }
        if self.caption.is_some() {
            return self.start_in_caption(name);
        }
        if self.leaf(el, name, class.set_aside) {
            return false;
        }
        if let Some(frame) = self.phrase(el, name) {
            self.push_frame(frame, mark_of(common, class));
            return true;
        }
        if let Some(credit) = self.opens_caption(el, name, class) {
            self.start_caption(credit);
            self.frames.push(Frame::Caption);
            return true;
        }
        let frame = self.container(el, name, class);
        self.push_frame(frame, mark_of(common, class));
        true
    }

    fn end(&mut self, _name: &str) {
        if self.canonical.end() {
            return;
        }
        let Some(frame) = self.frames.pop() else { return };
        if self.caption.is_some() {
            self.caption_depth = self.caption_depth.saturating_sub(1);
            if self.caption_depth == 0 {
                self.end_caption();
            }
            return;
        }
        match frame {
            Frame::Block(_)
                if self
                    .gallery
                    .is_some_and(|(depth, _)| depth == self.frames.len() + 1) =>
            {
                self.end_gallery_block();
            }
            Frame::Block(_) | Frame::ListItem | Frame::Heading => {
                self.flush();
                match frame {
                    Frame::ListItem => self.in_item = self.in_item.saturating_sub(1),
                    Frame::Heading => self.heading = None,
                    _ => {}
                }
            }
            Frame::Emph => self.em = self.em.saturating_sub(1),
            Frame::Strong => self.strong = self.strong.saturating_sub(1),
            Frame::Link(prev) => self.link = prev,
            Frame::Caption => self.end_caption(),
            Frame::Quote => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            Frame::Aside => {
                self.flush();
                self.aside = self.aside.saturating_sub(1);
            }
            Frame::SetAside => {
                self.flush();
                self.set_aside.pop();
            }
            Frame::List => {
                self.flush();
                self.lists.pop();
            }
            Frame::Media => self.emit_media(),
            Frame::Plain => {}
        }
        if self
            .marks
            .last()
            .is_some_and(|(depth, _)| *depth > self.frames.len())
        {
            self.flush();
            self.marks.pop();
        }
    }

    fn text(&mut self, text: &str) {
        if self.canonical.text(text) {
            return;
        }
        self.push_text(text);
    }
}

#[cfg(test)]
mod tests {
    use super::{
        BLOCKS_RESERVED, CAPTION_CLASSES, FIGURES_RESERVED, LINKS_RESERVED, Pairs, RawBlock, SKIP_CLASSES,
        contains_ignore_ascii_case, reserve_first,
    };

    #[test]
    fn the_reserved_rooms_stay_under_a_kilobyte() {
        assert!(BLOCKS_RESERVED * std::mem::size_of::<RawBlock>() < 1024);
        assert!(FIGURES_RESERVED * std::mem::size_of::<crate::model::Figure>() < 1024);
        assert!(LINKS_RESERVED * std::mem::size_of::<crate::model::Link>() < 1024);
        // The first room is made once, and a list that has room is left as it is.
        let mut v: Vec<u64> = Vec::new();
        reserve_first(&mut v, 3);
        assert!(v.capacity() >= 3);
        let mut w: Vec<u64> = Vec::with_capacity(10);
        w.push(1);
        let room = w.capacity();
        reserve_first(&mut w, 50);
        assert_eq!(w.capacity(), room);
    }

    #[test]
    fn markup_words_match_in_any_ascii_case() {
        assert!(contains_ignore_ascii_case(
            "https://schema.org/Dateline",
            "dateline"
        ));
        assert!(contains_ignore_ascii_case("BYLINE", "byline"));
        assert!(contains_ignore_ascii_case("author byline", "byline"));
        assert!(!contains_ignore_ascii_case("by line", "byline"));
        assert!(!contains_ignore_ascii_case("", "byline"));
        assert!(contains_ignore_ascii_case("", ""));
    }

    /// Every word a class attribute holds passes the pair filter (it only turns away words that
    /// are not there), and most words that are not there are turned away.
    #[test]
    fn class_pairs_never_miss_a_word() {
        let classes = [
            "article-body",
            "story-image-copyright media-caption",
            "wp-caption-text aligncenter",
            "a",
            "",
            "中文 class_名",
        ];
        let mut turned_away = 0;
        for class in classes {
            let pairs = Pairs::of(class);
            for (i, _) in class.char_indices() {
                for (j, _) in class.char_indices().skip_while(|&(j, _)| j <= i) {
                    let word = class.get(i..j).unwrap_or("");
                    assert!(pairs.may_hold(word), "{word:?} in {class:?}");
                }
                assert!(pairs.may_hold(class.get(i..).unwrap_or("")));
            }
            for word in SKIP_CLASSES.iter().chain(CAPTION_CLASSES) {
                if !class.contains(word) && !pairs.may_hold(word) {
                    turned_away += 1;
                }
            }
        }
        assert!(turned_away >= 40, "{turned_away}");
    }
}
