//! The vocabulary of the canonical blob's markup, shared by its writer (`render::blob`) and its
//! reader (`extract::canonical`).
//!
//! Every part of an article that is not plain article text is written as an element with a
//! [`ATTR`] attribute naming the part; its typed fields are `data-*` attributes, its text the
//! element's text (`<br>` for a line break), list fields child part elements whose value is
//! in a `value` attribute. An empty [`Part::Canonical`] element first marks the body as
//! canonical: its reader takes every part as written and classifies nothing.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat};

use crate::model::{BoilerplateKind, CreditRole, LinkKind, MediaKind, PublishedValue};
use crate::warning::{WarningDetail, WarningKind};

/// The attribute that names a part.
pub(crate) const ATTR: &str = "data-feedmirror";

/// The parts of the canonical markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// Marks the body as canonical (first, empty).
    Canonical,
    /// `published`: `data-precision`, `data-value`; text: the raw date.
    Published,
    /// One name of the byline; text: the name.
    Byline,
    /// The dateline; text: as written.
    Dateline,
    /// A figure's caption (of the figure written last); text.
    Caption,
    /// A figure's credit (of the figure written last); text.
    FigureCredit,
    /// A figure's URLs as they are (of the figure written last), which the media element's
    /// attributes only give to be resolved and unwrapped again: `data-src`, `data-proxied-src`,
    /// `data-poster` (each absent when none).
    FigureUrls,
    /// The next figure is not referenced by any block (it was set aside with the mirror footer).
    LooseFigure,
    /// A credit line: `data-role`; text: the line; children [`Part::Name`], [`Part::Agency`],
    /// [`Part::Also`].
    Credit,
    /// A name (child of [`Part::Credit`] or [`Part::Also`]): `value`.
    Name,
    /// An agency (child of [`Part::Credit`]): `value`.
    Agency,
    /// A further role of a credit line: `data-role`; children [`Part::Name`].
    Also,
    /// The copyright footer: `data-year`, `data-holder` (each absent when unknown); text.
    Copyright,
    /// The mirror footer; text; children [`Part::Domain`].
    MirrorFooter,
    /// A domain of the mirror footer: `value`.
    Domain,
    /// Set-aside text: `data-kind`; text.
    Boilerplate,
    /// A warning about the body: `data-type` and the detail's fields as `data-*`.
    Warning,
    /// On an `<a>`, which the walk reads as usual: `data-index`, the article's link it is. The
    /// runs of one link may stand in several `<a>`s (in several blocks).
    Link,
    /// A link no block holds (a teaser's link to the full story, whose text was set aside):
    /// `data-href`, `data-kind`, `data-article-id` (absent when none); text: the link's text.
    KeptLink,
}

impl Part {
    const ALL: [Part; 19] = [
        Part::Canonical,
        Part::Published,
        Part::Byline,
        Part::Dateline,
        Part::Caption,
        Part::FigureCredit,
        Part::FigureUrls,
        Part::LooseFigure,
        Part::Credit,
        Part::Name,
        Part::Agency,
        Part::Also,
        Part::Copyright,
        Part::MirrorFooter,
        Part::Domain,
        Part::Boilerplate,
        Part::Warning,
        Part::Link,
        Part::KeptLink,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Part::Canonical => "canonical",
            Part::Published => "published",
            Part::Byline => "byline",
            Part::Dateline => "dateline",
            Part::Caption => "caption",
            Part::FigureCredit => "figure-credit",
            Part::FigureUrls => "figure-urls",
            Part::LooseFigure => "loose-figure",
            Part::Credit => "credit",
            Part::Name => "name",
            Part::Agency => "agency",
            Part::Also => "also",
            Part::Copyright => "copyright",
            Part::MirrorFooter => "mirror-footer",
            Part::Domain => "domain",
            Part::Boilerplate => "boilerplate",
            Part::Warning => "warning",
            Part::Link => "link",
            Part::KeptLink => "kept-link",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// The kinds, read back from their names (`as_str`, the JSON names) in attributes.
const BOILERPLATE_KINDS: [BoilerplateKind; 15] = [
    BoilerplateKind::Share,
    BoilerplateKind::Promo,
    BoilerplateKind::Related,
    BoilerplateKind::Disclaimer,
    BoilerplateKind::Staff,
    BoilerplateKind::EndNote,
    BoilerplateKind::Chrome,
    BoilerplateKind::Byline,
    BoilerplateKind::Title,
    BoilerplateKind::Timestamp,
    BoilerplateKind::Widget,
    BoilerplateKind::Embed,
    BoilerplateKind::Bio,
    BoilerplateKind::Summary,
    BoilerplateKind::ChromeImage,
];

pub(crate) fn boilerplate_kind(name: &str) -> Option<BoilerplateKind> {
    BOILERPLATE_KINDS.into_iter().find(|k| k.as_str() == name)
}

const CREDIT_ROLES: [CreditRole; 9] = [
    CreditRole::Reporter,
    CreditRole::Writer,
    CreditRole::Editor,
    CreditRole::Translator,
    CreditRole::Reviewer,
    CreditRole::Contributor,
    CreditRole::Wire,
    CreditRole::Source,
    CreditRole::Other,
];

pub(crate) fn credit_role(name: &str) -> Option<CreditRole> {
    CREDIT_ROLES.into_iter().find(|r| r.as_str() == name)
}

const LINK_KINDS: [LinkKind; 3] = [LinkKind::Internal, LinkKind::External, LinkKind::Unsafe];

pub(crate) fn link_kind(name: &str) -> Option<LinkKind> {
    LINK_KINDS.into_iter().find(|k| k.as_str() == name)
}

const MEDIA_KINDS: [MediaKind; 4] = [
    MediaKind::Image,
    MediaKind::Video,
    MediaKind::Audio,
    MediaKind::Embed,
];

fn media_kind(name: &str) -> Option<MediaKind> {
    MEDIA_KINDS.into_iter().find(|k| k.as_str() == name)
}

/// A publication value as (`data-precision`, `data-value`).
pub(crate) fn published_attrs(value: &PublishedValue) -> (&'static str, String) {
    match value {
        PublishedValue::Instant(t) => ("instant", t.to_rfc3339_opts(SecondsFormat::AutoSi, false)),
        PublishedValue::Local(t) => ("local", t.format("%Y-%m-%dT%H:%M:%S%.f").to_string()),
        PublishedValue::Date(d) => ("date", d.format("%Y-%m-%d").to_string()),
    }
}

pub(crate) fn published_value(precision: &str, value: &str) -> Option<PublishedValue> {
    match precision {
        "instant" => DateTime::parse_from_rfc3339(value)
            .ok()
            .map(PublishedValue::Instant),
        "local" => NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f")
            .ok()
            .map(PublishedValue::Local),
        "date" => NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .ok()
            .map(PublishedValue::Date),
        _ => None,
    }
}

/// A body warning's detail as attributes (`data-type` first); `None` for a warning about the
/// envelope, which the canonical blob re-creates as such.
pub(crate) fn warning_attrs(detail: &WarningDetail) -> Option<Vec<(&'static str, String)>> {
    use WarningDetail as D;
    let s = |v: &str| v.to_owned();
    let (kind, mut fields) = match detail {
        D::UnparsedDate { text } => ("unparsed_date", vec![("data-text", s(text))]),
        D::UnparsedTime { datetime } => ("unparsed_time", vec![("data-datetime", s(datetime))]),
        D::BylineDropped { part } => ("byline_dropped", vec![("data-part", s(part))]),
        D::NoAuthor => ("no_author", Vec::new()),
        D::UnsafeLink { href } => ("unsafe_link", vec![("data-href", s(href))]),
        D::UnsafeMedia { kind, src } => {
            let mut f = vec![("data-kind", s(kind.as_str()))];
            f.extend(src.as_deref().map(|v| ("data-src", s(v))));
            ("unsafe_media", f)
        }
        D::OrphanCaption { text } => ("orphan_caption", vec![("data-text", s(text))]),
        D::DepthLimit { max_depth, offset } => (
            "depth_limit",
            vec![
                ("data-max", max_depth.to_string()),
                ("data-offset", offset.to_string()),
            ],
        ),
        D::NodeLimit { max_nodes, offset } => (
            "node_limit",
            vec![
                ("data-max", max_nodes.to_string()),
                ("data-offset", offset.to_string()),
            ],
        ),
        D::Truncated { ending, href } => {
            let mut f = vec![("data-ending", s(ending))];
            f.extend(href.as_deref().map(|v| ("data-href", s(v))));
            ("truncated", f)
        }
        D::NanTimestamp
        | D::InvalidTimestamp { .. }
        | D::MissingTimestamp
        | D::TrailingText { .. }
        | D::UrlNotWeb { .. }
        | D::UrlUnparsed { .. }
        | D::MissingUnderline { .. }
        | D::UnclosedWrapper
        | D::FrontMatterLine { .. }
        | D::FrontMatterQuote { .. }
        | D::FrontMatterDate { .. }
        | D::TitleTruncated { .. }
        | D::TitleMismatch { .. }
        | D::FromMismatch { .. }
        | D::DateMismatch { .. } => return None,
    };
    fields.insert(0, ("data-type", kind.to_owned()));
    Some(fields)
}

/// A body warning's detail from its attributes (looked up by name).
pub(crate) fn warning_detail<'a>(attr: impl Fn(&str) -> Option<&'a str>) -> Option<WarningDetail> {
    use WarningDetail as D;
    let text = |name: &str| attr(name).map(str::to_owned);
    let number = |name: &str| attr(name).and_then(|v| v.parse::<usize>().ok());
    Some(match attr("data-type")? {
        "unparsed_date" => D::UnparsedDate {
            text: text("data-text")?,
        },
        "unparsed_time" => D::UnparsedTime {
            datetime: text("data-datetime")?,
        },
        "byline_dropped" => D::BylineDropped {
            part: text("data-part")?,
        },
        "no_author" => D::NoAuthor,
        "unsafe_link" => D::UnsafeLink {
            href: text("data-href")?,
        },
        "unsafe_media" => D::UnsafeMedia {
            kind: media_kind(attr("data-kind")?)?,
            src: text("data-src"),
        },
        "orphan_caption" => D::OrphanCaption {
            text: text("data-text")?,
        },
        "depth_limit" => D::DepthLimit {
            max_depth: number("data-max")?,
            offset: number("data-offset")?,
        },
        "node_limit" => D::NodeLimit {
            max_nodes: number("data-max")?,
            offset: number("data-offset")?,
        },
        "truncated" => D::Truncated {
            ending: text("data-ending")?,
            href: text("data-href"),
        },
        _ => return None,
    })
}

impl WarningKind {
    /// Whether warnings of this kind come back when an article is written with
    /// [`Article::to_blob`](crate::Article::to_blob) and parsed again.
    ///
    /// They all do except those about input the canonical blob cannot hold: an invalid
    /// timestamp or URL (the article keeps neither), a limit cut (what was cut is gone, and
    /// the blob is read again under default limits), the envelope's layout and front-matter
    /// syntax (the canonical envelope is written in the regular layout, one well-formed
    /// `key: value` line per value).
    ///
    /// ```
    /// use feedmirror::WarningKind;
    /// assert!(WarningKind::UnsafeLink.survives_round_trip());
    /// assert!(!WarningKind::InvalidTimestamp.survives_round_trip());
    /// ```
    #[must_use]
    pub fn survives_round_trip(self) -> bool {
        match self {
            WarningKind::InvalidTimestamp
            | WarningKind::InvalidUrl
            | WarningKind::LimitReached
            | WarningKind::EnvelopeLayout
            | WarningKind::FrontMatterSyntax => false,
            WarningKind::NanTimestamp
            | WarningKind::FrontMatterDate
            | WarningKind::FrontMatterMismatch
            | WarningKind::TitleTruncated
            | WarningKind::UnparsedDate
            | WarningKind::BylineDropped
            | WarningKind::UnsafeLink
            | WarningKind::UnsafeMedia
            | WarningKind::OrphanCaption
            | WarningKind::Truncated => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back() {
        for p in Part::ALL {
            assert_eq!(Part::from_name(p.name()), Some(p));
        }
        for k in BOILERPLATE_KINDS {
            assert_eq!(boilerplate_kind(k.as_str()), Some(k));
        }
        for r in CREDIT_ROLES {
            assert_eq!(credit_role(r.as_str()), Some(r));
        }
        for k in MEDIA_KINDS {
            assert_eq!(media_kind(k.as_str()), Some(k));
        }
        for k in LINK_KINDS {
            assert_eq!(link_kind(k.as_str()), Some(k));
        }
    }

    #[test]
    fn body_warnings_read_back() {
        let details = [
            WarningDetail::UnparsedDate {
                text: "a\nb".to_owned(),
            },
            WarningDetail::NoAuthor,
            WarningDetail::UnsafeMedia {
                kind: MediaKind::Audio,
                src: None,
            },
            WarningDetail::UnsafeMedia {
                kind: MediaKind::Image,
                src: Some("data:x".to_owned()),
            },
            WarningDetail::NodeLimit {
                max_nodes: 3,
                offset: 9,
            },
            WarningDetail::Truncated {
                ending: "......more".to_owned(),
                href: Some("https://www.rti.org.tw/news/view/id/1".to_owned()),
            },
        ];
        for d in details {
            let attrs = warning_attrs(&d).expect("a body warning");
            let back = warning_detail(|n| attrs.iter().find(|(k, _)| *k == n).map(|(_, v)| v.as_str()));
            assert_eq!(back, Some(d));
        }
        assert!(warning_attrs(&WarningDetail::NanTimestamp).is_none());
    }
}
