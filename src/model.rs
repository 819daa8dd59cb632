//! The typed article and its parts: owned, `Send + Sync`, optionally serde.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use url::Url;

use crate::envelope::Envelope;
use crate::error::Warning;
pub use crate::outlet::Outlet;

/// One parsed blob.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Article {
    /// The envelope: mirror time, title, source URL, front matter.
    pub envelope: Envelope<'static>,
    /// Which outlet published the item (from the source URL's host, else the front-matter author).
    pub outlet: Outlet,
    /// The id that identifies the article in its source URL, as the outlet writes it: DW
    /// `…/a-65724304` gives `65724304`, Zaobao `…/story20200810-1075904` gives
    /// `story20200810-1075904`, the Epoch Times `…/n12550710.htm` gives `n12550710`, RTI
    /// `/news/view/id/2073374` gives `2073374`, Solidot `story?sid=65735` gives `65735`; outlets
    /// whose URLs are a date and a slug give both (NYT `20201117/slug`, the Economist
    /// `2020/10/08/slug`). For an unknown source, a numeric `id`/`sid`/`p` query parameter or the
    /// last path segment when it holds a number of five or more digits. `None` when the URL
    /// carries no number (a slug only) or the item has no URL.
    pub article_id: Option<String>,
    /// When the outlet published the item, from what the item's HTML states: the body's date
    /// block, a `<time datetime>`, a date in the dateline (`【大纪元2020年11月15日讯】`), the
    /// outlet's closing date code (CNA's ROC `1091123`), a report date opening the text after a
    /// dateline, or a closing date line. Never from the envelope.
    pub published: Option<Published>,
    /// The article's authors, names only (no role labels or notes such as `（摘编）`), in source
    /// order: from the date block, else reporters named in the dateline (`中央社記者吳佳蓉…` gives
    /// `吳佳蓉`), else author lines (`作者：X`, `By X`), else reporters named in credit lines.
    pub byline: Vec<String>,
    /// The place/publisher prefix taken off the first paragraph, as written with its brackets
    /// (`（德国之声中文网）`, `【大纪元2020年11月15日讯】（大纪元记者X报导）`, `华盛顿`).
    pub dateline: Option<String>,
    /// Every image, video and audio item with its caption and credit, in reading order.
    pub figures: Vec<Figure>,
    /// The article text: paragraphs, headings, quotes, lists and figures in reading order.
    pub blocks: Vec<Block>,
    /// Every link in the blocks, in reading order.
    pub links: Vec<Link>,
    /// Credit lines taken out of the text, typed: reporters, editors, translators, contributors,
    /// wire agencies and sources (`（路透社）`, `（編輯：X/Y）`, `记者：X 责编：Y 网编：Z`,
    /// `翻译：X`, `X对本文有报道贡献`).
    pub credits: Vec<Credit>,
    /// The copyright footer, taken out of the text.
    pub copyright: Option<Copyright>,
    /// The mirror service's promo block, taken out of the text.
    pub mirror_footer: Option<MirrorFooter>,
    /// Other text that is not article text (share widgets, promos, related lists), with why.
    pub boilerplate: Vec<Boilerplate>,
    /// Recoverable oddities met while parsing.
    pub warnings: Vec<Warning>,
}

impl Article {
    /// The lead figure: the first figure placed before any paragraph of text.
    ///
    /// ```
    /// let text = std::fs::read_to_string("examples/samples/dw.txt").unwrap();
    /// let article = feedmirror::parse(&text)?;
    /// if let Some(figure) = article.lead_figure() {
    ///     println!("{} {:?}", figure.src, figure.caption);
    /// }
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn lead_figure(&self) -> Option<&Figure> {
        for block in &self.blocks {
            match block {
                Block::Figure { figure, .. } => return self.figures.get(*figure),
                Block::Paragraph { .. } | Block::Quote { .. } | Block::List { .. } => return None,
                Block::Heading { .. } => {}
            }
        }
        None
    }

    /// The item's title: [`Envelope::title`](crate::Envelope::title), HTML entities decoded.
    ///
    /// ```
    /// let a = feedmirror::parse("<!--1-->\n[Ein &amp; Titel](https://www.dw.com/de/x/a-1)\n---\n\n<p>Text.</p>")?;
    /// assert_eq!(a.title(), Some("Ein & Titel"));
    /// assert_eq!(a.url().map(|u| u.as_str()), Some("https://www.dw.com/de/x/a-1"));
    /// assert_eq!(a.first_paragraph(), Some("Text."));
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn title(&self) -> Option<&str> {
        self.envelope.title.as_deref()
    }

    /// The source article's http(s) URL: [`Envelope::url`](crate::Envelope::url).
    ///
    /// ```
    /// let a = feedmirror::parse("<!--1-->\n[t](https://www.rfi.fr/cn/x-20230101)\n---\n\n<p>x</p>")?;
    /// assert_eq!(a.url().and_then(|u| u.host_str()), Some("www.rfi.fr"));
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn url(&self) -> Option<&Url> {
        self.envelope.url.as_ref()
    }

    /// The first paragraph's plain text, without the dateline taken off it (headings, quotes,
    /// lists and captions are not paragraphs).
    ///
    /// ```
    /// let body = "<h2>Heading</h2><p>（德国之声中文网）First.</p><p>Second.</p>";
    /// let a = feedmirror::parse(&format!("<!--1-->\n[t](https://www.dw.com/zh/x/a-1)\n---\n\n{body}"))?;
    /// assert_eq!(a.first_paragraph(), Some("First."));
    /// assert_eq!(a.dateline.as_deref(), Some("（德国之声中文网）"));
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn first_paragraph(&self) -> Option<&str> {
        self.paragraphs().next()
    }

    /// The paragraphs' plain text, in order.
    ///
    /// ```
    /// let blob = "<!--1-->\n[t](https://example.com/a)\n---\n\n<p>One.</p><h2>Head</h2><p>Two.</p>";
    /// let article = feedmirror::parse(blob)?;
    /// assert_eq!(article.paragraphs().collect::<Vec<_>>(), ["One.", "Two."]);
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// A publication time in the precision the source states.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Published {
    /// The date text as written in the item.
    pub raw: String,
    /// The typed value.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub value: PublishedValue,
}

/// The three precisions of a publication time. In JSON: `"precision"` and `"value"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "precision", content = "value", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum PublishedValue {
    /// An instant: the source states the zone (`...Z`, `GMT`).
    Instant(DateTime<FixedOffset>),
    /// A wall-clock time without a zone (RFI's Paris time, NYT).
    Local(NaiveDateTime),
    /// A date only (BBC `2020年 7月 17日`).
    Date(NaiveDate),
}

/// How precise a publication time is: which [`PublishedValue`] variant holds it. In JSON, the
/// `"precision"` of `published`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Precision {
    /// [`PublishedValue::Instant`]: a time with its zone.
    Instant,
    /// [`PublishedValue::Local`]: a wall-clock time without a zone.
    Local,
    /// [`PublishedValue::Date`]: a date only.
    Date,
}

impl PublishedValue {
    /// The value's precision.
    ///
    /// ```
    /// use feedmirror::{Precision, PublishedValue};
    /// let day = chrono::NaiveDate::from_ymd_opt(2020, 7, 17).unwrap();
    /// assert_eq!(PublishedValue::Date(day).precision(), Precision::Date);
    /// ```
    #[must_use]
    pub fn precision(&self) -> Precision {
        match self {
            PublishedValue::Instant(_) => Precision::Instant,
            PublishedValue::Local(_) => Precision::Local,
            PublishedValue::Date(_) => Precision::Date,
        }
    }
}

/// The value as the JSON form writes it: RFC 3339 for an instant (`2023-05-24T14:34:01.707Z`),
/// `YYYY-MM-DDTHH:MM:SS[.f]` for a local time, `YYYY-MM-DD` for a date.
///
/// ```
/// use feedmirror::PublishedValue;
/// let t = chrono::DateTime::parse_from_rfc3339("2023-05-24T14:34:01.707+00:00").unwrap();
/// assert_eq!(PublishedValue::Instant(t).to_string(), "2023-05-24T14:34:01.707Z");
/// let local = chrono::NaiveDate::from_ymd_opt(2021, 1, 2).unwrap().and_hms_opt(8, 5, 0).unwrap();
/// assert_eq!(PublishedValue::Local(local).to_string(), "2021-01-02T08:05:00");
/// ```
impl std::fmt::Display for PublishedValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PublishedValue::Instant(t) => {
                f.write_str(&t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
            }
            // chrono's `Debug` is the ISO 8601 form serde writes (`Display` puts a space, not `T`).
            PublishedValue::Local(t) => write!(f, "{t:?}"),
            PublishedValue::Date(d) => write!(f, "{d:?}"),
        }
    }
}

impl Published {
    /// The precision of [`Published::value`].
    ///
    /// ```
    /// let blob = "<!--1684939624000-->\n[t](https://www.dw.com/zh/x/a-1)\n------\n\n\
    ///             <div><i><br>2023-05-24T14:34:01.707Z</i></div><p>x</p>";
    /// let published = feedmirror::parse(blob)?.published.unwrap();
    /// assert_eq!(published.precision(), feedmirror::Precision::Instant);
    /// assert_eq!(published.value.to_string(), "2023-05-24T14:34:01.707Z");
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn precision(&self) -> Precision {
        self.value.precision()
    }
}

/// What kind of media a [`Figure`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MediaKind {
    /// `<img>`.
    Image,
    /// `<video>`.
    Video,
    /// `<audio>`.
    Audio,
    /// An embedded player or interactive (`<iframe>`).
    Embed,
}

/// An image, video, audio or embedded item with what the HTML ties to it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Figure {
    /// Image, video, audio or embed.
    pub kind: MediaKind,
    /// The media's absolute http(s) URL, unwrapped from image proxies.
    pub src: Url,
    /// The URL as written when it went through an image proxy (`images.weserv.nl/?url=...`).
    pub proxied_src: Option<Url>,
    /// A video's poster image, resolved and unwrapped like `src`.
    pub poster: Option<Url>,
    /// The caption the HTML ties to the media; `None` when absent or empty.
    pub caption: Option<String>,
    /// The photo or media credit, when the HTML states one apart from the caption.
    pub credit: Option<String>,
    /// The image's alternative text, when it says more than nothing.
    pub alt: Option<String>,
}

/// A run of text with its inline formatting.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Inline {
    /// Text, possibly emphasised, strong, or part of a link.
    Text {
        /// The text, whitespace normalised.
        text: String,
        /// Inside `<em>`/`<i>`.
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
        emphasis: bool,
        /// Inside `<strong>`/`<b>`.
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
        strong: bool,
        /// Index into [`Article::links`] when the text is a link.
        #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
        link: Option<usize>,
    },
    /// A line break inside a block (`<br>`).
    LineBreak,
}

#[cfg(feature = "serde")]
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
}

/// A unit of the article text, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Block {
    /// A paragraph.
    Paragraph {
        /// Plain text.
        text: String,
        /// Inline structure.
        inlines: Vec<Inline>,
    },
    /// A subheading (`<h2>`, or DW's `<p><strong>..</strong></p>`).
    Heading {
        /// 1 to 6.
        level: u8,
        /// Plain text.
        text: String,
        /// Inline structure.
        inlines: Vec<Inline>,
    },
    /// A quotation (`<blockquote>`).
    Quote {
        /// Plain text.
        text: String,
        /// Inline structure.
        inlines: Vec<Inline>,
    },
    /// A list; nested lists are flattened into their parent.
    List {
        /// `<ol>` rather than `<ul>`.
        ordered: bool,
        /// The items' plain text, one line each.
        text: String,
        /// Each item's inline structure.
        items: Vec<Vec<Inline>>,
    },
    /// A media item: an index into [`Article::figures`].
    Figure {
        /// Index into [`Article::figures`].
        figure: usize,
        /// The caption, or empty.
        text: String,
    },
}

impl Block {
    /// The block's plain text.
    ///
    /// ```
    /// let blob = "<!--1-->\n[t](https://example.com/a)\n---\n\n<h2>Head</h2><ul><li>a</li><li>b</li></ul>";
    /// let texts: Vec<String> = feedmirror::parse(blob)?.blocks.iter().map(|b| b.text().to_owned()).collect();
    /// assert_eq!(texts, ["Head", "a\nb"]);
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph { text, .. }
            | Block::Heading { text, .. }
            | Block::Quote { text, .. }
            | Block::List { text, .. }
            | Block::Figure { text, .. } => text,
        }
    }
}

/// What a credit line credits someone for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum CreditRole {
    /// Reported the story (`记者：X`, `寒冬記者 X`, `自由亚洲电台记者X台北报道`).
    Reporter,
    /// Wrote or compiled it (`作者：X`, DW's `张慈/杨威廉(美联社、路透社)`).
    Writer,
    /// Edited it (`编辑：X`, `责任编辑：X`, `责编：X`, `网编：X`, `本文编辑X`).
    Editor,
    /// Translated it (`翻译：X`, `译者/X`, `编译 X`).
    Translator,
    /// Checked it (`核稿：X`, `审校 X`).
    Reviewer,
    /// Contributed reporting or research (`X对本文有报道贡献`, `X华盛顿补充报道`).
    Contributor,
    /// A wire agency's credit without people (`（路透社）`, `(AFP)`).
    Wire,
    /// Where the text comes from (`来源：X`, `本文转自：X`, `链接：X`).
    Source,
    /// A credit line whose role the text does not name.
    Other,
}

/// One credit line, as written and typed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Credit {
    /// What the line credits (for a line naming several roles, the first; see [`Credit::also`]).
    pub role: CreditRole,
    /// The people credited in [`Credit::role`], in order.
    pub names: Vec<String>,
    /// Agencies and publications credited (`美联社`, `路透社`, `群学书院`).
    pub agencies: Vec<String>,
    /// Further roles the same line names (`记者：X 责编：Y 网编：Z` has the editors here).
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub also: Vec<CreditPart>,
    /// The line as written, whitespace collapsed, spaces kept.
    pub text: String,
}

/// A further role named on a credit line, with its people.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CreditPart {
    /// The role.
    pub role: CreditRole,
    /// The people credited in it.
    pub names: Vec<String>,
}

impl Credit {
    /// Every (role, names) the line states, the first role first.
    ///
    /// ```
    /// use feedmirror::CreditRole;
    /// let blob = "<!--1-->\n[t](https://www.rfa.org/mandarin/x.html)\n---\n\n<p>正文。</p><p>记者：林晓　责编：凯迪</p>";
    /// let article = feedmirror::parse(blob)?;
    /// let roles: Vec<(CreditRole, Vec<String>)> =
    ///     article.credits[0].roles().map(|(role, names)| (role, names.to_vec())).collect();
    /// assert_eq!(
    ///     roles,
    ///     [(CreditRole::Reporter, vec!["林晓".to_owned()]), (CreditRole::Editor, vec!["凯迪".to_owned()])]
    /// );
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    pub fn roles(&self) -> impl Iterator<Item = (CreditRole, &[String])> {
        std::iter::once((self.role, self.names.as_slice()))
            .chain(self.also.iter().map(|p| (p.role, p.names.as_slice())))
    }
}

/// What a link points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum LinkKind {
    /// A page of the outlet's own sites, article or not: tag, section, company and quote pages,
    /// the English site of a Chinese edition (`www.nytimes.com` for `cn.nytimes.com`), the
    /// outlet's short-link and document hosts. For an unknown source, a page on the registrable
    /// domain of the item's URL (`cn.govopendata.com` owns `*.govopendata.com`; each
    /// `*.blogspot.com` blog is its own site). [`Link::article_id`] names the article when the
    /// page is one.
    Internal,
    /// Anything else on the web.
    External,
    /// A target that is not http(s) or does not parse; kept as text, never emitted as a link.
    Unsafe,
}

/// A link in the article text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Link {
    /// The absolute http(s) target; `None` for [`LinkKind::Unsafe`].
    pub href: Option<Url>,
    /// The link text.
    pub text: String,
    /// Internal, external or unsafe.
    pub kind: LinkKind,
    /// For internal links to an article, that article's id (as [`Article::article_id`]); `None`
    /// for other pages and for a fragment of the item's own page (`…/#207644`).
    pub article_id: Option<String>,
}

/// The copyright footer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Copyright {
    /// The footer's text.
    pub text: String,
    /// The year stated, if any.
    pub year: Option<i32>,
    /// The holder stated, if any (`德国之声`, `AFP`).
    pub holder: Option<String>,
}

/// The mirror service's promo block (`获取更多RSS：...`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MirrorFooter {
    /// The block's text.
    pub text: String,
    /// The domains it lists, in order (`feedx.net`, `feedx.best`).
    pub domains: Vec<String>,
}

/// Why a piece of text was set aside as not article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum BoilerplateKind {
    /// Social share buttons and links.
    Share,
    /// Subscription, newsletter, app or channel promotion.
    Promo,
    /// Lists of related articles (`延伸阅读`, `同一主题`).
    Related,
    /// Editorial disclaimers and notes (`摘编自其他媒体...`, `本文仅代表作者...`).
    Disclaimer,
    /// Translator and editor lines (`翻译：`, `译者/`, `责任编辑：`).
    Staff,
    /// Print-edition notes and end marks (`■`, `This article appeared in...`).
    EndNote,
    /// Page chrome: headers, screen-reader labels, ad slots.
    Chrome,
    /// An author line (`作者：X`, `By X`): its names are in [`Article::byline`].
    Byline,
    /// The article's title repeated as its first block.
    Title,
    /// A relative time shown instead of a date (`54 分钟前`, `最近更新： 1 小时前`).
    Timestamp,
    /// Labels of players, embeds and controls (`跳过 Twitter 帖子`, `使用浏览器播视频`, a
    /// teaser's `...more` link).
    Widget,
    /// The text of an embedded social-media post (a tweet, an Instagram post, a WordPress
    /// post card) in an article that is not a compilation of them.
    Embed,
    /// An author's biography closing the article (`X是《纽约时报》驻北京记者`).
    Bio,
    /// An editor's summary set above the article, which the article goes on to tell (FT's
    /// standfirst).
    Summary,
    /// An image that is site chrome rather than a figure (an icon, badge, logo, separator or
    /// social-media card); the text is its URL.
    ChromeImage,
}

/// Text set aside as not article text, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Boilerplate {
    /// Why it is not article text.
    pub kind: BoilerplateKind,
    /// The text.
    pub text: String,
}
