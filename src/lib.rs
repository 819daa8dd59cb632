//! Typed articles from feed-mirror blobs.
//!
//! News-mirror archives store each re-published RSS item as a text *blob*: a timestamp
//! comment, a markdown title link to the source, a setext underline and the item's HTML,
//! often under Jekyll front matter. `feedmirror` turns one blob into an [`Article`]. It does
//! no IO: give it a `&str`.
//!
//! ```
//! let blob = "<!--1684939624000-->\n\
//!             [习近平会见俄总理](https://www.dw.com/zh/x/a-65724304)\n\
//!             ------\n\
//!             \n\
//!             <div><i><br>2023-05-24T14:34:01.707Z</i></div><p>（德国之声中文网）周三……</p>";
//! let article = feedmirror::parse(blob)?;
//! assert_eq!(article.envelope.title.as_deref(), Some("习近平会见俄总理"));
//! assert_eq!(
//!     article.envelope.mirrored_at.map(|t| t.to_rfc3339()),
//!     Some("2023-05-24T14:47:04+00:00".to_owned())
//! );
//! # Ok::<(), feedmirror::Error>(())
//! ```
//!
//! Files read as bytes go to [`parse_bytes`], which reports input that is not UTF-8 with the
//! position of the first invalid sequence.
//!
//! To index an archive by header without touching the HTML, use [`Blob::parse`], which
//! borrows from the input and returns the body as a slice of it.
//!
//! Bad input is an [`Error`] with a line and column; recoverable oddities are
//! [`Warning`]s on the result. Nothing panics.
#![doc = include_str!("json.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod canonical;
mod dedup;
mod dom;
mod envelope;
mod error;
mod extract;
mod model;
mod names;
mod outlet;
mod render;
mod text;
mod warning;

pub use dedup::{DedupKey, Fingerprint};
pub use envelope::{Blob, Envelope, EnvelopeForm, FrontMatter};
pub use error::Error;
pub use model::{
    Article, Block, Boilerplate, BoilerplateKind, Copyright, Credit, CreditPart, CreditRole, Figure, Inline,
    Link, LinkKind, MediaKind, MirrorFooter, Outlet, Precision, Published, PublishedValue,
};
pub use render::{CJK_CHARS_PER_MINUTE, FigureStyle, MarkdownOptions, TextStats, WORDS_PER_MINUTE};
pub use warning::{UrlField, Warning, WarningDetail, WarningKind};

/// Knobs and limits for [`parse_with`]. `Options::default()` is what [`parse`] uses.
///
/// ```
/// let options = feedmirror::Options::default().max_depth(64).max_nodes(10_000);
/// let article = feedmirror::parse_with("<!--1-->\n[t](https://example.com/a)\n---\n\n<p>x</p>", &options)?;
/// assert_eq!(article.paragraphs().next(), Some("x"));
/// # Ok::<(), feedmirror::Error>(())
/// ```
///
/// With the `serde` feature options serialize and deserialize as an object of the fields
/// below; missing fields take their defaults, so a configuration file names only what it
/// changes:
///
/// ```
/// # #[cfg(feature = "serde")] {
/// let options: feedmirror::Options = serde_json::from_str(r#"{"max_depth": 64}"#).unwrap();
/// assert_eq!(options, feedmirror::Options::default().max_depth(64));
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
#[non_exhaustive]
pub struct Options {
    /// Inputs longer than this many bytes are refused with [`Error::TooLarge`].
    /// Default: 16 MiB, far above any real blob (the largest seen is under 1 MiB). Parsing
    /// peaks at about 6× the input in heap memory on large blobs (the body's DOM).
    pub max_input_bytes: usize,
    /// Elements nested deeper than this are not parsed: the body is cut there with a
    /// [`WarningKind::LimitReached`] warning. Default: 512, as browsers use; real items nest
    /// at most about 21 deep. Keeps parsing time linear in the input size.
    pub max_depth: usize,
    /// Bodies with more elements than this are cut there with a [`WarningKind::LimitReached`]
    /// warning. Default: 200,000 (the largest real blob has a few thousand).
    pub max_nodes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_input_bytes: 16 * 1024 * 1024,
            max_depth: 512,
            max_nodes: 200_000,
        }
    }
}

impl Options {
    /// Sets [`Options::max_input_bytes`].
    ///
    /// ```
    /// let options = feedmirror::Options::default().max_input_bytes(1024);
    /// let err = feedmirror::parse_with(&"x".repeat(2048), &options).unwrap_err();
    /// assert_eq!(err.kind(), "too_large");
    /// ```
    #[must_use]
    pub fn max_input_bytes(mut self, bytes: usize) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// Sets [`Options::max_depth`].
    ///
    /// ```
    /// let options = feedmirror::Options::default().max_depth(8);
    /// let deep = format!("{}x", "<div>".repeat(20));
    /// let article = feedmirror::parse_with(&format!("<!--1-->\n[t](https://example.com/a)\n---\n\n{deep}"), &options)?;
    /// assert!(article.warnings.iter().any(|w| w.kind == feedmirror::WarningKind::LimitReached));
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// Sets [`Options::max_nodes`].
    ///
    /// ```
    /// let options = feedmirror::Options::default().max_nodes(1000);
    /// let many = "<p>x</p>".repeat(20_000);
    /// let article = feedmirror::parse_with(&format!("<!--1-->\n[t](https://example.com/a)\n---\n\n{many}"), &options)?;
    /// assert!(article.paragraphs().count() < 20_000);
    /// assert!(article.warnings.iter().any(|w| w.kind == feedmirror::WarningKind::LimitReached));
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn max_nodes(mut self, nodes: usize) -> Self {
        self.max_nodes = nodes;
        self
    }
}

/// Parses one blob into an [`Article`] with default [`Options`].
///
/// ```
/// let text = std::fs::read_to_string("examples/samples/rfi.txt").unwrap();
/// let article = feedmirror::parse(&text)?;
/// assert_eq!(article.outlet, feedmirror::Outlet::Rfi);
/// assert!(article.first_paragraph().is_some());
/// # Ok::<(), feedmirror::Error>(())
/// ```
///
/// # Errors
/// When the input is not a blob: see [`Error`].
pub fn parse(input: &str) -> Result<Article, Error> {
    parse_with(input, &Options::default())
}

/// Parses one blob given as bytes (a file as read) into an [`Article`] with default [`Options`].
///
/// The bytes must be UTF-8; an optional byte-order mark is skipped as [`parse`] skips it.
///
/// ```
/// let bytes = std::fs::read("examples/samples/dw.txt").unwrap();
/// let article = feedmirror::parse_bytes(&bytes)?;
/// assert_eq!(article.outlet, feedmirror::Outlet::Dw);
///
/// let err = feedmirror::parse_bytes(b"<!--1-->\n[t](https://x.example/)\n\xff").unwrap_err();
/// assert_eq!(err.kind(), "not_utf8");
/// assert_eq!((err.offset(), err.position()), (33, (3, 1)));
/// # Ok::<(), feedmirror::Error>(())
/// ```
///
/// # Errors
/// [`Error::NotUtf8`] with the position of the first invalid byte sequence when the bytes are
/// not UTF-8; otherwise as [`parse`].
pub fn parse_bytes(input: &[u8]) -> Result<Article, Error> {
    parse_bytes_with(input, &Options::default())
}

/// Parses one blob given as bytes into an [`Article`] with the given [`Options`]; see
/// [`parse_bytes`].
///
/// ```
/// let options = feedmirror::Options::default().max_input_bytes(8);
/// let err = feedmirror::parse_bytes_with(&[0xff; 16], &options).unwrap_err();
/// assert_eq!(err.kind(), "too_large");
/// ```
///
/// # Errors
/// [`Error::TooLarge`] before anything else when the input exceeds
/// [`Options::max_input_bytes`]; [`Error::NotUtf8`] when it is not UTF-8; otherwise as
/// [`parse_with`].
pub fn parse_bytes_with(input: &[u8], options: &Options) -> Result<Article, Error> {
    if input.len() > options.max_input_bytes {
        return Err(Error::TooLarge {
            size: input.len(),
            limit: options.max_input_bytes,
        });
    }
    match std::str::from_utf8(input) {
        Ok(text) => parse_with(text, options),
        Err(e) => {
            let offset = e.valid_up_to();
            // The bytes before the first invalid sequence are valid UTF-8 by definition.
            let valid = input
                .get(..offset)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or("");
            let (line, column) = error::position(valid, offset);
            Err(Error::NotUtf8 { line, column, offset })
        }
    }
}

/// Parses one blob into an [`Article`] with the given [`Options`].
///
/// ```
/// let options = feedmirror::Options::default().max_nodes(50_000);
/// let text = std::fs::read_to_string("examples/samples/voa.txt").unwrap();
/// let article = feedmirror::parse_with(&text, &options)?;
/// assert_eq!(article.outlet, feedmirror::Outlet::Voa);
/// # Ok::<(), feedmirror::Error>(())
/// ```
///
/// # Errors
/// When the input is not a blob or exceeds a hard limit: see [`Error`].
pub fn parse_with(input: &str, options: &Options) -> Result<Article, Error> {
    if input.len() > options.max_input_bytes {
        return Err(Error::TooLarge {
            size: input.len(),
            limit: options.max_input_bytes,
        });
    }
    let blob = Blob::parse(input)?;
    let env = blob.envelope;
    let author = env.front_matter.as_ref().and_then(|f| f.author.as_deref());
    let categories: Vec<&str> = env
        .front_matter
        .as_ref()
        .map(|f| f.categories.iter().map(AsRef::as_ref).collect())
        .unwrap_or_default();
    let rules = outlet::identify(env.url.as_ref(), author, &categories);
    let head = extract::Head {
        article_id: env.url.as_ref().and_then(|u| (rules.article_id)(u)),
        outlet: rules.outlet,
        envelope: env.into_owned(),
        warnings: blob.warnings,
    };
    Ok(extract::extract(blob.body, head, rules, options))
}

// The README's library example is compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
