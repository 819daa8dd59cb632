//! Warnings: recoverable oddities met while parsing, as typed data. The message a reader sees
//! is made from the data by `Display`; nothing reads it back.

use std::fmt;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use url::Url;

use crate::model::MediaKind;

/// What kind of oddity a [`Warning`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum WarningKind {
    /// The timestamp comment is `<!--NaN-->`: the mirror could not date the item.
    NanTimestamp,
    /// The timestamp comment holds something other than milliseconds since the epoch.
    InvalidTimestamp,
    /// A front-matter line could not be read as `key: value`.
    FrontMatterSyntax,
    /// The front-matter `date` is not a date this crate can read.
    FrontMatterDate,
    /// Front matter and header disagree (title, URL or time).
    FrontMatterMismatch,
    /// The mirror cut a long title short (`...`); the full title is not in the blob.
    TitleTruncated,
    /// The source URL could not be parsed.
    InvalidUrl,
    /// The envelope departs from the usual layout (no underline, no blank line, ...).
    EnvelopeLayout,
    /// The body's date block could not be read as a date.
    UnparsedDate,
    /// A byline value was empty or a placeholder and was dropped.
    BylineDropped,
    /// A link's target was unsafe or unparseable; its text was kept, the link was not.
    UnsafeLink,
    /// An image or media source was unsafe or unparseable and was dropped.
    UnsafeMedia,
    /// A caption was found with no media item to attach it to.
    OrphanCaption,
    /// A limit from [`Options`](crate::Options) cut the input short.
    LimitReached,
    /// The item is a teaser cut short (`......more`, a trailing ellipsis linking to the full
    /// story): the full text is not in the blob, only the link to it.
    Truncated,
}

impl WarningKind {
    /// The snake_case name used in JSON and summaries.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::NanTimestamp => "nan_timestamp",
            WarningKind::InvalidTimestamp => "invalid_timestamp",
            WarningKind::FrontMatterSyntax => "front_matter_syntax",
            WarningKind::FrontMatterDate => "front_matter_date",
            WarningKind::FrontMatterMismatch => "front_matter_mismatch",
            WarningKind::TitleTruncated => "title_truncated",
            WarningKind::InvalidUrl => "invalid_url",
            WarningKind::EnvelopeLayout => "envelope_layout",
            WarningKind::UnparsedDate => "unparsed_date",
            WarningKind::BylineDropped => "byline_dropped",
            WarningKind::UnsafeLink => "unsafe_link",
            WarningKind::UnsafeMedia => "unsafe_media",
            WarningKind::OrphanCaption => "orphan_caption",
            WarningKind::LimitReached => "limit_reached",
            WarningKind::Truncated => "truncated",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which URL of the envelope a [`WarningDetail::UrlNotWeb`] or [`WarningDetail::UrlUnparsed`]
/// is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum UrlField {
    /// The `(url)` of the header's `[title](url)` link.
    TitleLink,
    /// The front matter's `from` value.
    FrontMatterFrom,
}

impl UrlField {
    fn name(self) -> &'static str {
        match self {
            UrlField::TitleLink => "title link",
            UrlField::FrontMatterFrom => "front-matter `from`",
        }
    }
}

/// What a [`Warning`] is about, with the data it names. One variant per distinct warning;
/// [`WarningDetail::kind`] gives its [`WarningKind`].
///
/// Quoted input (`found`, `href`, `src`) is shown as the message shows it: without control
/// characters (replaced by `U+FFFD` in envelope excerpts) and cut short, envelope excerpts at
/// 40 characters (then ending in `…`), link and media targets at 80.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "type", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum WarningDetail {
    /// The timestamp comment is `<!--NaN-->`.
    NanTimestamp,
    /// The timestamp comment does not hold milliseconds since the epoch.
    InvalidTimestamp {
        /// An excerpt of the comment's line.
        found: String,
    },
    /// The header has no `<!--ms-->` comment before the title link.
    MissingTimestamp,
    /// Text after the title link on its line, ignored.
    TrailingText {
        /// The text.
        text: String,
    },
    /// An envelope URL whose scheme is not http(s); dropped.
    UrlNotWeb {
        /// Which URL.
        field: UrlField,
        /// The URL as written, without control characters.
        url: String,
        /// Its scheme.
        scheme: String,
    },
    /// An envelope URL that does not parse; dropped.
    UrlUnparsed {
        /// Which URL.
        field: UrlField,
        /// The URL as written, without control characters.
        url: String,
        /// Why it does not parse, as the URL parser says.
        reason: String,
    },
    /// The line after the title link is not a setext underline; it starts the body.
    MissingUnderline {
        /// An excerpt of that line; empty for an empty line.
        found: String,
    },
    /// The body opens with a `<div>` line but does not end with a `</div>` line.
    UnclosedWrapper,
    /// A front-matter line that is not `key: value`; skipped.
    FrontMatterLine {
        /// An excerpt of the line.
        found: String,
    },
    /// A quoted front-matter value without its closing quote, or with text after it.
    FrontMatterQuote {
        /// The text after the closing quote; `None` when the quote is not closed on its line.
        after: Option<String>,
    },
    /// A front-matter `date` that is not a date; kept in [`FrontMatter::extra`](crate::FrontMatter::extra).
    FrontMatterDate {
        /// The value.
        value: String,
    },
    /// The title link is the front-matter title cut short (`...`).
    TitleTruncated {
        /// The title link's text.
        title: String,
    },
    /// The front-matter title differs from the title link.
    TitleMismatch {
        /// The front-matter title, entities decoded.
        front_matter: String,
        /// The title link's text.
        title_link: String,
    },
    /// The front-matter `from` differs from the title link's URL.
    FromMismatch {
        /// The front-matter value.
        from: String,
        /// The title link's URL.
        url: Url,
    },
    /// The front-matter date differs from the mirror timestamp.
    DateMismatch {
        /// The front-matter date.
        front_matter: DateTime<FixedOffset>,
        /// The mirror timestamp.
        mirrored_at: DateTime<Utc>,
    },
    /// A short emphasised first block with digits that is not a date; kept as text.
    UnparsedDate {
        /// The block's text (lines separated by `\n`).
        text: String,
    },
    /// A `<time datetime>` value that is not a date.
    UnparsedTime {
        /// The attribute's value.
        datetime: String,
    },
    /// A `null` placeholder was dropped from a byline part.
    BylineDropped {
        /// The byline part as written, placeholder included.
        part: String,
    },
    /// The date block has author lines, but they name nobody.
    NoAuthor,
    /// A link whose target is not http(s); its text was kept.
    UnsafeLink {
        /// The target as written.
        href: String,
    },
    /// A media item without a source, or with one that is not http(s); dropped.
    UnsafeMedia {
        /// Image, video, audio or embed.
        kind: MediaKind,
        /// The source as written; `None` when there was none.
        src: Option<String>,
    },
    /// A caption with no media before it; kept as a paragraph.
    OrphanCaption {
        /// The caption's text.
        text: String,
    },
    /// The body nests deeper than [`Options::max_depth`](crate::Options::max_depth).
    DepthLimit {
        /// The limit in force.
        max_depth: usize,
        /// The byte offset in the body near which it was cut.
        offset: usize,
    },
    /// The body has more elements than [`Options::max_nodes`](crate::Options::max_nodes).
    NodeLimit {
        /// The limit in force.
        max_nodes: usize,
        /// The byte offset in the body near which it was cut.
        offset: usize,
    },
    /// The item ends in a teaser's cut (`......more`) linking to the full story; the cut was
    /// set aside as [`BoilerplateKind::Widget`](crate::BoilerplateKind::Widget), the link
    /// stays in [`Article::links`](crate::Article::links).
    Truncated {
        /// The cut as written: the ellipsis and the link's text.
        ending: String,
        /// The link to the full text.
        href: Option<String>,
    },
}

impl WarningDetail {
    /// The kind of warning this detail belongs to.
    #[must_use]
    pub fn kind(&self) -> WarningKind {
        use WarningDetail as D;
        match self {
            D::NanTimestamp => WarningKind::NanTimestamp,
            D::InvalidTimestamp { .. } => WarningKind::InvalidTimestamp,
            D::MissingTimestamp
            | D::TrailingText { .. }
            | D::MissingUnderline { .. }
            | D::UnclosedWrapper => WarningKind::EnvelopeLayout,
            D::UrlNotWeb { .. } | D::UrlUnparsed { .. } => WarningKind::InvalidUrl,
            D::FrontMatterLine { .. } | D::FrontMatterQuote { .. } => WarningKind::FrontMatterSyntax,
            D::FrontMatterDate { .. } => WarningKind::FrontMatterDate,
            D::TitleTruncated { .. } => WarningKind::TitleTruncated,
            D::TitleMismatch { .. } | D::FromMismatch { .. } | D::DateMismatch { .. } => {
                WarningKind::FrontMatterMismatch
            }
            D::UnparsedDate { .. } | D::UnparsedTime { .. } => WarningKind::UnparsedDate,
            D::BylineDropped { .. } | D::NoAuthor => WarningKind::BylineDropped,
            D::UnsafeLink { .. } => WarningKind::UnsafeLink,
            D::UnsafeMedia { .. } => WarningKind::UnsafeMedia,
            D::OrphanCaption { .. } => WarningKind::OrphanCaption,
            D::DepthLimit { .. } | D::NodeLimit { .. } => WarningKind::LimitReached,
            D::Truncated { .. } => WarningKind::Truncated,
        }
    }
}

/// A recoverable oddity met while parsing; the result is still usable.
///
/// `Display` gives a lowercase human-readable message, with the position where one is known.
/// With the `serde` feature the JSON form carries `kind`, that `message`, `line` and `column`
/// (`null` when unknown) and `detail` (the [`WarningDetail`], tagged by `type`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "json::Warning", try_from = "json::Warning")
)]
#[non_exhaustive]
pub struct Warning {
    /// What kind of oddity this is (the kind of [`Warning::detail`]).
    pub kind: WarningKind,
    /// The 1-based line and column (in characters) of the input it is about, when known.
    pub position: Option<(usize, usize)>,
    /// What it is about, with the data it names.
    pub detail: WarningDetail,
}

impl Warning {
    /// Makes a warning; its kind is the detail's.
    ///
    /// ```
    /// use feedmirror::{Warning, WarningDetail, WarningKind};
    /// let w = Warning::new(WarningDetail::NanTimestamp, Some((1, 1)));
    /// assert_eq!(w.kind, WarningKind::NanTimestamp);
    /// assert_eq!(
    ///     w.to_string(),
    ///     "the mirror timestamp is `NaN` at line 1 column 1: the item has no mirror time"
    /// );
    /// ```
    #[must_use]
    pub fn new(detail: WarningDetail, position: Option<(usize, usize)>) -> Self {
        Warning {
            kind: detail.kind(),
            position,
            detail,
        }
    }
}

/// ` at line L column C`, or nothing when the position is unknown.
struct At(Option<(usize, usize)>);

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some((line, column)) => write!(f, " at line {line} column {column}"),
            None => Ok(()),
        }
    }
}

/// An excerpt as the message shows it: in backticks, or `an empty line`.
struct Found<'a>(&'a str);

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("an empty line")
        } else {
            write!(f, "`{}`", self.0)
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = At(self.position);
        // By the detail's kind: the message is the detail's, whatever `kind` says.
        match self.detail.kind() {
            WarningKind::NanTimestamp
            | WarningKind::InvalidTimestamp
            | WarningKind::EnvelopeLayout
            | WarningKind::InvalidUrl => header_message(&self.detail, &at, f),
            WarningKind::FrontMatterSyntax
            | WarningKind::FrontMatterDate
            | WarningKind::FrontMatterMismatch
            | WarningKind::TitleTruncated => front_matter_message(&self.detail, &at, f),
            WarningKind::UnparsedDate
            | WarningKind::BylineDropped
            | WarningKind::UnsafeLink
            | WarningKind::UnsafeMedia
            | WarningKind::OrphanCaption
            | WarningKind::LimitReached
            | WarningKind::Truncated => body_message(&self.detail, f),
        }
    }
}

/// The message of a warning about the header lines.
fn header_message(d: &WarningDetail, at: &At, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use WarningDetail as D;
    match d {
        D::NanTimestamp => write!(
            f,
            "the mirror timestamp is `NaN`{at}: the item has no mirror time"
        ),
        D::InvalidTimestamp { found } => write!(
            f,
            "expected milliseconds since the epoch in the timestamp comment, found {}{at}",
            Found(found)
        ),
        D::MissingTimestamp => f.write_str("no `<!--ms-->` timestamp comment before the title link"),
        D::TrailingText { text } => write!(f, "text after the title link{at} ignored: `{text}`"),
        D::UrlNotWeb { field, url, scheme } => write!(
            f,
            "the {} URL `{url}` is not http(s) (scheme `{scheme}`); dropped",
            field.name()
        ),
        D::UrlUnparsed { field, url, reason } => {
            write!(
                f,
                "the {} URL `{url}` could not be parsed: {reason}",
                field.name()
            )
        }
        D::MissingUnderline { found } => {
            write!(
                f,
                "expected a setext underline `------`{at}, found {}",
                Found(found)
            )
        }
        D::UnclosedWrapper => write!(
            f,
            "the wrapper `<div>`{at} has no closing `</div>` line; kept in the body"
        ),
        _ => Ok(()),
    }
}

/// The message of a warning about the front matter.
fn front_matter_message(d: &WarningDetail, at: &At, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use WarningDetail as D;
    match d {
        D::FrontMatterLine { found } => write!(
            f,
            "expected `key: value` in the front matter{at}, found {}",
            Found(found)
        ),
        D::FrontMatterQuote { after } => {
            write!(
                f,
                "expected a closing quote for the front-matter value{at}, found "
            )?;
            match after {
                Some(rest) => write!(f, "`{rest}` after it"),
                None => f.write_str("end of line"),
            }
        }
        D::FrontMatterDate { value } => write!(
            f,
            "expected a date in the front matter{at}, found `{value}`; kept in `extra`"
        ),
        D::TitleTruncated { title } => write!(
            f,
            "the title link `{title}` is the front-matter title cut short; both are truncated by the mirror"
        ),
        D::TitleMismatch {
            front_matter,
            title_link,
        } => write!(
            f,
            "front-matter title `{front_matter}` differs from the title link `{title_link}`"
        ),
        D::FromMismatch { from, url } => write!(
            f,
            "front-matter `from` `{from}` differs from the title link URL `{url}`"
        ),
        D::DateMismatch {
            front_matter,
            mirrored_at,
        } => write!(
            f,
            "front-matter date {} differs from the mirror timestamp {}",
            front_matter.to_rfc3339(),
            mirrored_at.to_rfc3339_opts(SecondsFormat::Millis, true)
        ),
        _ => Ok(()),
    }
}

/// The message of a warning about the body.
fn body_message(d: &WarningDetail, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use WarningDetail as D;
    match d {
        D::UnparsedDate { text } => write!(
            f,
            "the date block `{}` could not be read as a date; kept as text",
            text.replace('\n', " / ")
        ),
        D::UnparsedTime { datetime } => {
            write!(f, "the time element `{datetime}` could not be read as a date")
        }
        D::BylineDropped { part } => {
            write!(f, "the placeholder `null` was dropped from the byline `{part}`")
        }
        D::NoAuthor => f.write_str("the date block names no author"),
        D::UnsafeLink { href } => write!(
            f,
            "a link to `{href}` is not http(s); its text was kept, the link was not"
        ),
        D::UnsafeMedia { kind, src } => {
            match kind {
                MediaKind::Image => f.write_str("an image")?,
                other => write!(f, "a {} item", other.as_str())?,
            }
            match src {
                Some(src) => write!(f, " with a source that is not http(s) was dropped: `{src}`"),
                None => f.write_str(" without a source was dropped"),
            }
        }
        D::OrphanCaption { text } => {
            let shown: String = text.chars().take(40).collect();
            write!(
                f,
                "a caption with no media before it was kept as a paragraph: `{shown}`"
            )
        }
        D::DepthLimit { max_depth, offset } => write!(
            f,
            "the body nests deeper than {max_depth} elements near byte {offset} of the body; the rest was not parsed"
        ),
        D::NodeLimit { max_nodes, offset } => write!(
            f,
            "the body has more than {max_nodes} elements near byte {offset} of the body; the rest was not parsed"
        ),
        D::Truncated { ending, href } => {
            write!(f, "the item is a teaser ending in `{ending}`; the full text is ")?;
            match href {
                Some(href) => write!(f, "at `{href}`"),
                None => f.write_str("not in the blob"),
            }
        }
        _ => Ok(()),
    }
}

/// The JSON form of a warning: the typed fields plus the message for readers.
#[cfg(feature = "serde")]
mod json {
    use super::{WarningDetail, WarningKind};

    #[derive(serde::Serialize, serde::Deserialize)]
    pub(super) struct Warning {
        kind: WarningKind,
        /// Written for readers; ignored when read.
        #[serde(default)]
        message: String,
        line: Option<usize>,
        column: Option<usize>,
        detail: WarningDetail,
    }

    impl From<super::Warning> for Warning {
        fn from(w: super::Warning) -> Self {
            Warning {
                kind: w.kind,
                message: w.to_string(),
                line: w.position.map(|(l, _)| l),
                column: w.position.map(|(_, c)| c),
                detail: w.detail,
            }
        }
    }

    impl TryFrom<Warning> for super::Warning {
        type Error = String;

        fn try_from(w: Warning) -> Result<Self, String> {
            if w.kind != w.detail.kind() {
                return Err(format!(
                    "warning kind `{}` does not match its detail (`{}`)",
                    w.kind,
                    w.detail.kind()
                ));
            }
            let position = match (w.line, w.column) {
                (Some(l), Some(c)) => Some((l, c)),
                (None, None) => None,
                _ => return Err("a warning has a line without a column or the reverse".to_owned()),
            };
            Ok(super::Warning::new(w.detail, position))
        }
    }
}

/// An excerpt of the line starting at `offset`, as warnings and errors quote it: at most 40
/// characters (then `…`), control characters replaced; empty for an empty line.
pub(crate) fn excerpt(input: &str, offset: usize) -> String {
    let rest = input.get(offset..).unwrap_or("");
    let line = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
    let mut q: String = line
        .chars()
        .take(40)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if line.chars().nth(40).is_some() {
        q.push('…');
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_follows_the_detail() {
        let w = Warning::new(WarningDetail::NoAuthor, None);
        assert_eq!(w.kind, WarningKind::BylineDropped);
        assert_eq!(w.to_string(), "the date block names no author");
    }

    #[test]
    fn positions_are_shown_where_the_message_has_them() {
        let d = WarningDetail::FrontMatterLine {
            found: "bad line".to_owned(),
        };
        assert_eq!(
            Warning::new(d.clone(), Some((2, 1))).to_string(),
            "expected `key: value` in the front matter at line 2 column 1, found `bad line`"
        );
        assert_eq!(
            Warning::new(d, None).to_string(),
            "expected `key: value` in the front matter, found `bad line`"
        );
        let d = WarningDetail::MissingUnderline { found: String::new() };
        assert_eq!(
            Warning::new(d, Some((3, 1))).to_string(),
            "expected a setext underline `------` at line 3 column 1, found an empty line"
        );
    }

    #[test]
    fn media_messages_name_the_kind() {
        let w = |kind, src: Option<&str>| {
            Warning::new(
                WarningDetail::UnsafeMedia {
                    kind,
                    src: src.map(str::to_owned),
                },
                None,
            )
            .to_string()
        };
        assert_eq!(w(MediaKind::Image, None), "an image without a source was dropped");
        assert_eq!(
            w(MediaKind::Video, Some("data:x")),
            "a video item with a source that is not http(s) was dropped: `data:x`"
        );
    }

    #[test]
    fn excerpts_are_short_and_single_line() {
        assert_eq!(excerpt("hello\r\nworld", 0), "hello");
        assert_eq!(excerpt("\nx", 0), "");
        assert_eq!(excerpt("a\u{1}b", 0), "a\u{FFFD}b");
        let long = "x".repeat(60);
        assert_eq!(excerpt(&long, 0), format!("{}…", "x".repeat(40)));
    }
}
