//! The envelope: everything before the item HTML.
//!
//! Parsing it touches only the header lines and the last line of the input, so an archive can
//! be indexed by title, URL and time without parsing any HTML.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use url::Url;

use crate::error::{Error, Warning, WarningDetail, excerpt, position, quote};
use crate::text::{Trim, decode_entities, position_byte, same_text, sanitize};
use crate::warning::UrlField;

/// Which envelope layout a blob uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum EnvelopeForm {
    /// Front matter, then the `<!--ms-->` comment and `[title](url)` header (most archive files).
    Full,
    /// The `<!--ms-->` comment and `[title](url)` header without front matter (the minimal form).
    Header,
    /// Front matter, then the item HTML with no comment or title link.
    FrontMatterOnly,
}

/// The parsed Jekyll-style front matter, with only the simple YAML subset that archives use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct FrontMatter<'a> {
    /// `layout` (always `post` in the archives).
    pub layout: Option<Cow<'a, str>>,
    /// `title`, with YAML escapes resolved; HTML entities are left as written.
    pub title: Option<Cow<'a, str>>,
    /// `date`, with the offset it was written with.
    pub date: Option<DateTime<FixedOffset>>,
    /// `author`: the outlet's display name (德国之声, 法广, ...).
    pub author: Option<Cow<'a, str>>,
    /// `from`: the source URL, as written.
    pub from: Option<Cow<'a, str>>,
    /// `tags`.
    pub tags: Vec<Cow<'a, str>>,
    /// `categories` (a list, or a single value as one item).
    pub categories: Vec<Cow<'a, str>>,
    /// `comments`.
    pub comments: Option<bool>,
    /// Any other key, and any known key whose value could not be read, as raw text.
    pub extra: BTreeMap<Cow<'a, str>, Cow<'a, str>>,
}

impl FrontMatter<'_> {
    /// Copies every borrowed part so the front matter outlives the input.
    ///
    /// ```
    /// let input = String::from("---\ntitle: \"t\"\nauthor: 德国之声\n---\n<p>x</p>");
    /// let front_matter = feedmirror::Blob::parse(&input)?.envelope.front_matter.unwrap().into_owned();
    /// drop(input);
    /// assert_eq!(front_matter.author.as_deref(), Some("德国之声"));
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn into_owned(self) -> FrontMatter<'static> {
        fn own(c: Cow<'_, str>) -> Cow<'static, str> {
            Cow::Owned(c.into_owned())
        }
        FrontMatter {
            layout: self.layout.map(own),
            title: self.title.map(own),
            date: self.date,
            author: self.author.map(own),
            from: self.from.map(own),
            tags: self.tags.into_iter().map(own).collect(),
            categories: self.categories.into_iter().map(own).collect(),
            comments: self.comments,
            extra: self.extra.into_iter().map(|(k, v)| (own(k), own(v))).collect(),
        }
    }
}

/// The blob's envelope: mirror time, title, source URL and front matter.
///
/// Borrowed from the input where it can be; [`Envelope::into_owned`] detaches it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Envelope<'a> {
    /// Which layout the blob uses.
    pub form: EnvelopeForm,
    /// When the mirror captured the item: the `<!--ms-->` comment in the header forms (`None`
    /// for `<!--NaN-->`, with a warning), the front-matter date in the front-matter-only form.
    pub mirrored_at: Option<DateTime<Utc>>,
    /// The item's title with HTML entities decoded: the link text in the header forms, the
    /// front-matter title in the front-matter-only form.
    pub title: Option<Cow<'a, str>>,
    /// The source article's http(s) URL: the link target in the header forms, the front-matter
    /// `from` in the front-matter-only form.
    pub url: Option<Url>,
    /// The front matter, when the blob has one.
    pub front_matter: Option<FrontMatter<'a>>,
}

/// A blob split into its envelope and its body HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Blob<'a> {
    /// The parsed envelope.
    pub envelope: Envelope<'a>,
    /// The item HTML: a slice of the input, without the `<div>` wrapper lines.
    pub body: &'a str,
    /// Byte offset of [`Blob::body`] in the input.
    pub body_offset: usize,
    /// Oddities met in the envelope.
    pub warnings: Vec<Warning>,
}

impl<'a> Blob<'a> {
    /// Parses the envelope of `input` and finds its body, without parsing any HTML: a cheap
    /// way to index an archive by title, URL and time. Everything borrows from `input`.
    ///
    /// ```
    /// let input = "<!--1684939624000-->\n[A title](https://www.dw.com/zh/x/a-1)\n------\n\n<p>Hi</p>\n";
    /// let blob = feedmirror::Blob::parse(input)?;
    /// assert_eq!(blob.envelope.title.as_deref(), Some("A title"));
    /// assert_eq!(blob.envelope.mirrored_at.unwrap().to_rfc3339(), "2023-05-24T14:47:04+00:00");
    /// assert_eq!(blob.body, "<p>Hi</p>");
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    ///
    /// # Errors
    /// When the input is empty, binary, or starts with none of the envelope forms, or when the
    /// front matter is never closed or the header has no title link.
    pub fn parse(input: &'a str) -> Result<Blob<'a>, Error> {
        parse(input)
    }
}

impl Envelope<'_> {
    /// The former name of [`Blob::parse`], which it calls: it returns a [`Blob`], not an
    /// `Envelope`.
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// let input = "<!--1-->\n[t](https://x.example/)\n------\n\n<p>Hi</p>";
    /// assert_eq!(feedmirror::Envelope::parse(input), feedmirror::Blob::parse(input));
    /// ```
    ///
    /// # Errors
    /// As [`Blob::parse`].
    #[deprecated(note = "renamed `Blob::parse`: it returns a `Blob`")]
    pub fn parse(input: &str) -> Result<Blob<'_>, Error> {
        parse(input)
    }

    /// Copies every borrowed part so the envelope outlives the input.
    ///
    /// ```
    /// let input = String::from("<!--1-->\n[A title](https://example.com/a)\n---\n\n<p>x</p>");
    /// let envelope = feedmirror::Blob::parse(&input)?.envelope.into_owned();
    /// drop(input);
    /// assert_eq!(envelope.title.as_deref(), Some("A title"));
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn into_owned(self) -> Envelope<'static> {
        Envelope {
            form: self.form,
            mirrored_at: self.mirrored_at,
            title: self.title.map(|t| Cow::Owned(t.into_owned())),
            url: self.url,
            front_matter: self.front_matter.map(FrontMatter::into_owned),
        }
    }

    /// The source URL percent-decoded for display (`https://www.dw.com/zh/习近平.../a-1`).
    ///
    /// ```
    /// let blob = feedmirror::Blob::parse("<!--1-->\n[t](https://www.dw.com/zh/%E4%B9%A0/a-1)\n---\n\nx")?;
    /// assert_eq!(blob.envelope.display_url().as_deref(), Some("https://www.dw.com/zh/习/a-1"));
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn display_url(&self) -> Option<String> {
        self.url.as_ref().map(|u| {
            percent_encoding::percent_decode_str(u.as_str())
                .decode_utf8_lossy()
                .into_owned()
        })
    }
}

/// Reads lines with their byte offsets; `\r\n` and trailing whitespace are trimmed.
struct Lines<'a> {
    input: &'a str,
    pos: usize,
    /// The 1-based number of the line starting at `pos`: counted as lines are consumed, so
    /// front-matter warnings need no rescan of the input for their position.
    line: usize,
    /// The last line split off: its start, its trimmed text and the offset after it. Most lines
    /// are peeked at before they are consumed, and are split once for both.
    last: Cell<Option<(usize, &'a str, usize)>>,
}

impl<'a> Lines<'a> {
    /// The next line's start offset and trimmed text, without consuming it.
    fn peek(&self) -> Option<(usize, &'a str)> {
        self.split().map(|(line, _)| (self.pos, line))
    }

    fn next_line(&mut self) -> Option<(usize, &'a str)> {
        let (line, next) = self.split()?;
        let at = self.pos;
        self.pos = next;
        self.line += 1;
        Some((at, line))
    }

    /// The trimmed line at `pos` and the offset of the line after it.
    fn split(&self) -> Option<(&'a str, usize)> {
        if let Some((_, line, next)) = self.last.get().filter(|&(at, ..)| at == self.pos) {
            return Some((line, next));
        }
        let rest = self.input.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        let (end, next) = match rest.find('\n') {
            Some(i) => (i, self.pos + i + 1),
            None => (rest.len(), self.input.len()),
        };
        let line = rest.get(..end).unwrap_or("").trim_end();
        self.last.set(Some((self.pos, line, next)));
        Some((line, next))
    }

    /// Skips blank lines without scanning the first non-blank one (the body is often one long line).
    fn skip_blank(&mut self) {
        while let Some(rest) = self.input.get(self.pos..) {
            let content = rest.trim_start_matches([' ', '\t', '\r']);
            if !content.starts_with('\n') {
                break;
            }
            self.pos += rest.len() - content.len() + 1;
            self.line += 1;
        }
    }
}

/// How much of the input is checked for binary data: the header plus this many bytes.
const BINARY_PROBE: usize = 512;

fn parse(input: &str) -> Result<Blob<'_>, Error> {
    let start = if input.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = Lines {
        input,
        pos: start,
        line: 1,
        last: Cell::new(None),
    };
    lines.skip_blank();
    let Some((first_offset, first)) = lines.peek() else {
        let (line, column) = position(input, input.len());
        return Err(Error::Empty {
            line,
            column,
            offset: input.len(),
        });
    };
    let probed = first_offset.saturating_add(BINARY_PROBE);
    check_binary(input, 0, probed)?;

    let mut warnings = Vec::new();
    let mut front_matter = None;
    if first == "---" {
        lines.next_line();
        front_matter = Some(parse_front_matter(
            input,
            first_offset,
            &mut lines,
            &mut warnings,
        )?);
        lines.skip_blank();
    }
    let envelope = match parse_header(input, &mut lines, front_matter.is_some(), &mut warnings)? {
        Some(header) => header_envelope(input, &mut lines, header, front_matter, &mut warnings),
        None => front_matter_envelope(front_matter.unwrap_or_default(), &mut warnings),
    };

    let (body_offset, body) = body_slice(input, &mut lines, &mut warnings);
    // The part before `probed` was checked above.
    check_binary(input, probed, body_offset.saturating_add(BINARY_PROBE))?;
    Ok(Blob {
        envelope,
        body,
        body_offset,
        warnings,
    })
}

/// What the `<!--ms-->` comment and `[title](url)` header lines say.
struct Header<'a> {
    mirrored_at: Option<DateTime<Utc>>,
    title: Option<Cow<'a, str>>,
    url: Option<Url>,
}

/// The timestamp comment and title link, when the next line opens them; `None` in the
/// front-matter-only form. Without front matter the header is required.
fn parse_header<'a>(
    input: &'a str,
    lines: &mut Lines<'a>,
    has_front_matter: bool,
    warnings: &mut Vec<Warning>,
) -> Result<Option<Header<'a>>, Error> {
    match lines.peek() {
        Some((off, l)) if l.starts_with("<!--") && l.ends_with("-->") && !l.contains("<!-- ") => {
            lines.next_line();
            let mirrored_at = parse_timestamp(input, off, l, warnings);
            let (title, url) = parse_title_link(input, lines, warnings)?;
            Ok(Some(Header {
                mirrored_at,
                title,
                url,
            }))
        }
        Some((_, l)) if !has_front_matter && l.starts_with('[') && l.contains("](") => {
            warnings.push(Warning::new(WarningDetail::MissingTimestamp, None));
            let (title, url) = parse_title_link(input, lines, warnings)?;
            Ok(Some(Header {
                mirrored_at: None,
                title,
                url,
            }))
        }
        Some((off, _)) if !has_front_matter => {
            let (line, column) = position(input, off);
            Err(Error::NoEnvelope {
                expected: "a front matter `---` line or a `<!--ms-->` timestamp comment",
                found: quote(input, off),
                line,
                column,
                offset: off,
            })
        }
        _ => Ok(None),
    }
}

/// The envelope of the header forms: the header, checked against the front matter if any.
fn header_envelope<'a>(
    input: &'a str,
    lines: &mut Lines<'a>,
    header: Header<'a>,
    front_matter: Option<FrontMatter<'a>>,
    warnings: &mut Vec<Warning>,
) -> Envelope<'a> {
    let Header {
        mirrored_at,
        title,
        url,
    } = header;
    skip_underline(input, lines, warnings);
    if let Some(fm) = &front_matter {
        check_oracle(fm, mirrored_at, title.as_deref(), url.as_ref(), warnings);
    }
    Envelope {
        form: if front_matter.is_some() {
            EnvelopeForm::Full
        } else {
            EnvelopeForm::Header
        },
        mirrored_at,
        title,
        url,
        front_matter,
    }
}

/// The envelope of the front-matter-only form: time, title and URL from the front matter.
fn front_matter_envelope<'a>(fm: FrontMatter<'a>, warnings: &mut Vec<Warning>) -> Envelope<'a> {
    let url = fm
        .from
        .as_deref()
        .and_then(|raw| parse_url(raw, UrlField::FrontMatterFrom, warnings));
    Envelope {
        form: EnvelopeForm::FrontMatterOnly,
        mirrored_at: fm.date.map(|d| d.with_timezone(&Utc)),
        title: fm.title.as_ref().map(|t| match decode_entities(t) {
            Cow::Borrowed(_) => t.clone(),
            Cow::Owned(s) => Cow::Owned(sanitize(&s).into_owned()),
        }),
        url,
        front_matter: Some(fm),
    }
}

/// A control character no text file has: below 0x20, other than tab, newline, form feed and
/// carriage return. Written without branches, for [`position_byte`]'s vector code.
#[inline]
fn is_binary(b: u8) -> bool {
    (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0c)
}

/// Refuses input whose bytes `from..limit` hold control characters no text file has.
/// A byte scan suffices: bytes below 0x20 never occur inside a multi-byte UTF-8 sequence.
fn check_binary(input: &str, from: usize, limit: usize) -> Result<(), Error> {
    let end = limit.min(input.len());
    let start = from.min(end);
    let bytes = input.as_bytes().get(start..end).unwrap_or(&[]);
    let found = position_byte(bytes, is_binary).map(|i| start + i);
    match found {
        Some(i) => {
            let (line, column) = position(input, i);
            Err(Error::Binary {
                code: u32::from(input.as_bytes().get(i).copied().unwrap_or(0)),
                line,
                column,
                offset: i,
            })
        }
        None => Ok(()),
    }
}

fn parse_timestamp(
    input: &str,
    off: usize,
    line: &str,
    warnings: &mut Vec<Warning>,
) -> Option<DateTime<Utc>> {
    let digits = line.trim_start_matches("<!--").trim_end_matches("-->").trim_ws();
    if digits == "NaN" {
        warnings.push(Warning::new(
            WarningDetail::NanTimestamp,
            Some(position(input, off)),
        ));
        return None;
    }
    let parsed = digits
        .parse::<i64>()
        .ok()
        .filter(|_| digits.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        .and_then(DateTime::from_timestamp_millis);
    if parsed.is_none() {
        warnings.push(Warning::new(
            WarningDetail::InvalidTimestamp {
                found: excerpt(input, off),
            },
            Some(position(input, off)),
        ));
    }
    parsed
}

fn parse_title_link<'a>(
    input: &'a str,
    lines: &mut Lines<'a>,
    warnings: &mut Vec<Warning>,
) -> Result<(Option<Cow<'a, str>>, Option<Url>), Error> {
    let malformed = |off: usize| {
        let (line, column) = position(input, off);
        Error::Malformed {
            expected: "a markdown title link `[title](url)`",
            found: quote(input, off),
            line,
            column,
            offset: off,
        }
    };
    let Some((off, line)) = lines.peek() else {
        return Err(malformed(input.len()));
    };
    let Some(after_open) = line.strip_prefix('[') else {
        return Err(malformed(off));
    };
    let mid = last_link_mid(after_open);
    let (Some(mid), Some(close)) = (mid, after_open.rfind(')')) else {
        return Err(malformed(off));
    };
    if close < mid + 2 {
        return Err(malformed(off));
    }
    lines.next_line();
    let raw_title = after_open.get(..mid).unwrap_or("");
    let raw_url = after_open.get(mid + 2..close).unwrap_or("").trim_ws();
    let trailing = after_open.get(close + 1..).unwrap_or("");
    if !trailing.is_empty() {
        warnings.push(Warning::new(
            WarningDetail::TrailingText {
                text: trailing.to_owned(),
            },
            Some(position(input, off)),
        ));
    }
    let url = if raw_url.is_empty() {
        None
    } else {
        parse_url(raw_url, UrlField::TitleLink, warnings)
    };
    Ok((Some(clean(decode_entities(raw_title))), url))
}

/// Where the last `](` of a title link line starts: found from the end by its `]` (the URL
/// after it is most of a long line).
fn last_link_mid(s: &str) -> Option<usize> {
    let mut end = s.len();
    while let Some(i) = s.get(..end).and_then(|head| head.rfind(']')) {
        if s.as_bytes().get(i + 1) == Some(&b'(') {
            return Some(i);
        }
        end = i;
    }
    None
}

/// Text from the input without control and bidi characters, borrowed when already clean.
fn clean(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(b) => sanitize(b),
        Cow::Owned(o) => match sanitize(&o) {
            Cow::Borrowed(_) => Cow::Owned(o),
            Cow::Owned(s) => Cow::Owned(s),
        },
    }
}

fn parse_url(raw: &str, field: UrlField, warnings: &mut Vec<Warning>) -> Option<Url> {
    let detail = match Url::parse(raw.trim_ws()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => return Some(u),
        Ok(u) => WarningDetail::UrlNotWeb {
            field,
            url: sanitize(raw).into_owned(),
            scheme: u.scheme().to_owned(),
        },
        Err(e) => WarningDetail::UrlUnparsed {
            field,
            url: sanitize(raw).into_owned(),
            reason: e.to_string(),
        },
    };
    warnings.push(Warning::new(detail, None));
    None
}

fn skip_underline(input: &str, lines: &mut Lines<'_>, warnings: &mut Vec<Warning>) {
    match lines.peek() {
        Some((_, l)) if l.len() >= 3 && (l.bytes().all(|b| b == b'-') || l.bytes().all(|b| b == b'=')) => {
            lines.next_line();
        }
        Some((off, _)) => {
            warnings.push(Warning::new(
                WarningDetail::MissingUnderline {
                    found: excerpt(input, off),
                },
                Some(position(input, off)),
            ));
        }
        None => {}
    }
}

/// The body: after blank lines, without a `<div>` wrapper whose `</div>` closes on its own line.
fn body_slice<'a>(input: &'a str, lines: &mut Lines<'a>, warnings: &mut Vec<Warning>) -> (usize, &'a str) {
    lines.skip_blank();
    let mut start = lines.pos.min(input.len());
    let mut end = input.trim_end().len().max(start);
    let wrapped = input.get(start..).is_some_and(|r| {
        r.strip_prefix("<div>")
            .is_some_and(|t| t.trim_start_matches([' ', '\t', '\r']).starts_with('\n'))
    });
    // The first body line is looked at only behind a `<div>` (it may be the whole body).
    if let Some((off, _)) = wrapped.then(|| lines.peek()).flatten() {
        let last_line_start = input.get(..end).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
        let last = input.get(last_line_start..end).unwrap_or("").trim_ws();
        if last == "</div>" && last_line_start > off {
            lines.next_line();
            start = lines.pos;
            end = last_line_start.max(start);
        } else {
            warnings.push(Warning::new(
                WarningDetail::UnclosedWrapper,
                Some(position(input, off)),
            ));
        }
    }
    let body = input.get(start..end).unwrap_or("");
    let trimmed = body.trim_end();
    (start, trimmed)
}

fn parse_front_matter<'a>(
    input: &'a str,
    open_offset: usize,
    lines: &mut Lines<'a>,
    warnings: &mut Vec<Warning>,
) -> Result<FrontMatter<'a>, Error> {
    let mut fm = FrontMatter::default();
    loop {
        let line_no = lines.line;
        let Some((off, line)) = lines.next_line() else {
            let (open_line, _) = position(input, open_offset);
            let (line, column) = position(input, input.len());
            return Err(Error::UnterminatedFrontMatter {
                open_line,
                line,
                column,
                offset: input.len(),
            });
        };
        if line == "---" {
            return Ok(fm);
        }
        if line.trim_ws().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let key_end = line.find(':').filter(|&i| {
            let key = line.get(..i).unwrap_or("");
            !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        });
        let Some(key_end) = key_end else {
            warnings.push(Warning::new(
                WarningDetail::FrontMatterLine {
                    found: excerpt(input, off),
                },
                Some((line_no, 1)),
            ));
            continue;
        };
        let key = line.get(..key_end).unwrap_or("");
        let value_start = off + key_end + 1;
        let value = read_value(input, value_start, (off, line_no), lines, warnings);
        store(&mut fm, key, value, line_no, warnings);
    }
}

/// A front-matter value: a quoted string (which may run over several lines), a list or a scalar.
enum Value<'a> {
    Scalar(Cow<'a, str>),
    List(Vec<Cow<'a, str>>),
}

fn read_value<'a>(
    input: &'a str,
    start: usize,
    (line_start, line_no): (usize, usize),
    lines: &mut Lines<'a>,
    warnings: &mut Vec<Warning>,
) -> Value<'a> {
    let line_end = input
        .get(start..)
        .and_then(|r| r.find('\n'))
        .map_or(input.len(), |i| start + i);
    let raw = input.get(start..line_end).unwrap_or("").trim_end_matches('\r');
    let trimmed = raw.trim_ws();
    let lead = raw.len() - raw.trim_start().len();
    if trimmed.starts_with('"') || trimmed.starts_with('\'') {
        let quote_at = start + lead;
        let (value, end, closed) = unquote(input, quote_at);
        // A quoted value may run over lines; skip the lines it consumed.
        while lines.pos < end && lines.next_line().is_some() {}
        let rest_end = input
            .get(end..)
            .and_then(|r| r.find('\n'))
            .map_or(input.len(), |i| end + i);
        let rest = input.get(end..rest_end).unwrap_or("").trim_ws();
        if !closed || (!rest.is_empty() && !rest.starts_with('#')) {
            let column = input.get(line_start..quote_at).map_or(0, |s| s.chars().count()) + 1;
            warnings.push(Warning::new(
                WarningDetail::FrontMatterQuote {
                    after: closed.then(|| rest.to_owned()),
                },
                Some((line_no, column)),
            ));
        }
        return Value::Scalar(value);
    }
    if let Some(inner) = trimmed.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        let items = inner
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| strip_quotes(s))
            .collect();
        return Value::List(items);
    }
    Value::Scalar(Cow::Borrowed(trimmed))
}

fn strip_quotes(s: &str) -> Cow<'_, str> {
    let inner = s
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')));
    match inner {
        Some(t) if t.contains('\\') => Cow::Owned(t.replace("\\\"", "\"").replace("\\\\", "\\")),
        Some(t) => Cow::Borrowed(t),
        None => Cow::Borrowed(s),
    }
}

/// Reads a YAML quoted string starting at the quote; returns its value, the offset after the
/// closing quote, and whether it closed (if not, the value runs to the end of its first line).
fn unquote(input: &str, quote_at: usize) -> (Cow<'_, str>, usize, bool) {
    let Some(rest) = input.get(quote_at..) else {
        return (Cow::Borrowed(""), input.len(), false);
    };
    let mut chars = rest.char_indices();
    let q = chars.next().map_or('"', |(_, c)| c);
    let body_start = quote_at + q.len_utf8();
    let mut value = Unquoted {
        input,
        out: None,
        from: body_start,
    };
    let mut iter = chars.peekable();
    let mut newlines = 0;
    while let Some((i, c)) = iter.next() {
        let abs = quote_at + i;
        if c == q {
            if q == '\'' && iter.peek().map(|&(_, n)| n) == Some('\'') {
                value.replace(abs, '\'', abs + 2);
                iter.next();
                continue;
            }
            let tail = input.get(value.from..abs).unwrap_or("");
            return (value.finish(tail), abs + 1, true);
        }
        if c == '\n' {
            // A quoted value continues over at most two more lines (titles with a trailing
            // newline); scanning further would make many unclosed quotes quadratic.
            newlines += 1;
            if newlines > 2 || input.get(abs + 1..).is_some_and(|r| r.starts_with("---")) {
                break;
            }
        }
        if c == '\\' && q == '"' {
            let Some(&(_, n)) = iter.peek() else { break };
            if let Some(r) = escaped(n) {
                value.replace(abs, r, abs + 1 + n.len_utf8());
                iter.next();
            }
        }
    }
    // Unclosed: the value runs to the end of its line.
    let line_end = input
        .get(body_start..)
        .and_then(|r| r.find('\n'))
        .map_or(input.len(), |i| body_start + i);
    let tail = input
        .get(value.from.min(line_end)..line_end)
        .unwrap_or("")
        .trim_end();
    (value.finish(tail), line_end, false)
}

/// The character a double-quoted YAML escape `\n` stands for, among those archives use.
#[inline]
fn escaped(n: char) -> Option<char> {
    match n {
        '"' => Some('"'),
        '\\' => Some('\\'),
        '/' => Some('/'),
        'n' => Some('\n'),
        't' => Some('\t'),
        _ => None,
    }
}

/// A quoted value being read: borrowed from the input until an escape has to be replaced.
struct Unquoted<'a> {
    input: &'a str,
    /// The value up to `from`, once an escape made it differ from the input.
    out: Option<String>,
    /// Where the part of the value not yet in `out` starts.
    from: usize,
}

impl<'a> Unquoted<'a> {
    /// Replaces the escape at `at` with `c`; the value goes on at `next`.
    fn replace(&mut self, at: usize, c: char, next: usize) {
        let s = self.out.get_or_insert_with(String::new);
        s.push_str(self.input.get(self.from..at).unwrap_or(""));
        s.push(c);
        self.from = next;
    }

    /// The value, ending with `tail` (the input from `from` to where it ends).
    fn finish(self, tail: &'a str) -> Cow<'a, str> {
        match self.out {
            Some(mut s) => {
                s.push_str(tail);
                Cow::Owned(s)
            }
            None => Cow::Borrowed(tail),
        }
    }
}

impl<'a> Value<'a> {
    /// The value without control and bidi characters; blank list items dropped.
    fn clean(self) -> Self {
        match self {
            Value::Scalar(s) => Value::Scalar(clean(s)),
            Value::List(items) => Value::List(
                items
                    .into_iter()
                    .map(clean)
                    .filter(|i| !i.trim_ws().is_empty())
                    .collect(),
            ),
        }
    }

    /// The value for a scalar key: a list reads as its items joined.
    fn scalar(self) -> Cow<'a, str> {
        match self {
            Value::Scalar(s) => s,
            Value::List(items) => Cow::Owned(items.join(", ")),
        }
    }

    /// The value for a list key: a scalar reads as a list of itself.
    fn list(self) -> Vec<Cow<'a, str>> {
        match self {
            Value::List(items) => items,
            Value::Scalar(s) if s.is_empty() => Vec::new(),
            Value::Scalar(s) => vec![s],
        }
    }
}

/// Stores a front-matter value under its key: known keys in their fields, others in `extra`.
fn store<'a>(
    fm: &mut FrontMatter<'a>,
    key: &'a str,
    value: Value<'a>,
    line_no: usize,
    warnings: &mut Vec<Warning>,
) {
    let value = value.clean();
    match key {
        "layout" => fm.layout = Some(value.scalar()),
        "title" => fm.title = Some(value.scalar()),
        "author" => fm.author = Some(value.scalar()),
        "from" => fm.from = Some(value.scalar()),
        "tags" => fm.tags = value.list(),
        "categories" => fm.categories = value.list(),
        "comments" => {
            let v = value.scalar();
            match yaml_bool(&v) {
                Some(b) => fm.comments = Some(b),
                None => {
                    fm.extra.insert(Cow::Borrowed(key), v);
                }
            }
        }
        "date" => store_date(fm, key, value.scalar(), line_no, warnings),
        _ => {
            fm.extra.insert(Cow::Borrowed(key), value.scalar());
        }
    }
}

/// A YAML boolean as the archives write it (`true`, `yes`, `false`, `no`, in any case).
fn yaml_bool(v: &str) -> Option<bool> {
    if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("yes") {
        Some(true)
    } else if v.eq_ignore_ascii_case("false") || v.eq_ignore_ascii_case("no") {
        Some(false)
    } else {
        None
    }
}

/// Stores the `date` key; a value that reads as no date is kept as written, with a warning.
fn store_date<'a>(
    fm: &mut FrontMatter<'a>,
    key: &'a str,
    v: Cow<'a, str>,
    line_no: usize,
    warnings: &mut Vec<Warning>,
) {
    match parse_front_matter_date(&v) {
        Some(d) => fm.date = Some(d),
        None => {
            warnings.push(Warning::new(
                WarningDetail::FrontMatterDate {
                    value: v.clone().into_owned(),
                },
                Some((line_no, 1)),
            ));
            fm.extra.insert(Cow::Borrowed(key), v);
        }
    }
}

/// Front-matter dates: RFC 3339 (`2023-05-24T14:47:04.000Z`, `2020-04-15T07:46:56+01:00`),
/// Jekyll's `2020-06-16 17:52:04.000000000 +08:00`, or a bare date (midnight UTC).
fn parse_front_matter_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim_ws();
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f %z"))
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f %:z"))
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .ok()
        .or_else(|| {
            let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
            Some(d.and_hms_opt(0, 0, 0)?.and_utc().fixed_offset())
        })
}

/// A URL as a reader sees it: percent-decoded, without control and bidi characters.
fn visible_url(u: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(u).decode_utf8_lossy();
    let visible = sanitize(&decoded).into_owned();
    // Normalised as a URL when it parses, so that what parsing adds to one side only (the `/`
    // of an empty path) is not a difference.
    Url::parse(&visible).map_or(visible, String::from)
}

/// Front matter is an independent record of the header: differences become warnings.
fn check_oracle(
    fm: &FrontMatter<'_>,
    mirrored_at: Option<DateTime<Utc>>,
    title: Option<&str>,
    url: Option<&Url>,
    warnings: &mut Vec<Warning>,
) {
    if let (Some(fm_title), Some(title)) = (fm.title.as_deref(), title) {
        // Compared as the title link is kept: entities decoded, controls removed.
        let fm_title = clean(decode_entities(fm_title));
        let cut = title.strip_suffix("...").or_else(|| title.strip_suffix('…'));
        if cut.is_some_and(|c| !c.trim_ws().is_empty() && same_text(&fm_title, c)) {
            warnings.push(Warning::new(
                WarningDetail::TitleTruncated {
                    title: title.to_owned(),
                },
                None,
            ));
        } else if !same_text(&fm_title, title) {
            warnings.push(Warning::new(
                WarningDetail::TitleMismatch {
                    front_matter: fm_title.into_owned(),
                    title_link: title.to_owned(),
                },
                None,
            ));
        }
    }
    if let (Some(from), Some(url)) = (fm.from.as_deref(), url) {
        // Most files write the same string twice; parse only when they differ (percent-encoding).
        // Compared as text too: `from` is kept without control and bidi characters, while the
        // link URL carries them percent-encoded.
        let same = from.trim_ws() == url.as_str()
            || Url::parse(from.trim_ws()).is_ok_and(|f| &f == url)
            || visible_url(from.trim_ws()) == visible_url(url.as_str());
        if !same {
            warnings.push(Warning::new(
                WarningDetail::FromMismatch {
                    from: from.to_owned(),
                    url: url.clone(),
                },
                None,
            ));
        }
    }
    if let (Some(date), Some(at)) = (fm.date, mirrored_at) {
        if date.with_timezone(&Utc) != at {
            warnings.push(Warning::new(
                WarningDetail::DateMismatch {
                    front_matter: date,
                    mirrored_at: at,
                },
                None,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::warning::WarningKind;

    #[test]
    fn the_last_link_middle_is_found_from_the_end() {
        for line in [
            "标题](https://x.org/a)",
            "[a](b) and more](https://x.org/(1))",
            "no link here",
            "](",
            "a]b](c)",
            "]]((",
            "",
        ] {
            let plain = line.as_bytes().windows(2).rposition(|w| w == b"](");
            assert_eq!(last_link_mid(line), plain, "{line}");
        }
    }

    const FULL: &str = "---\nlayout: post\ntitle: \"Say \\\"hi\\\" &quot;now&quot;\"\ndate: 2023-05-24T14:47:04.000Z\nauthor: 德国之声\nfrom: https://www.dw.com/zh/a%20b/a-1\ntags: [ 德国之声, \"x y\" ]\ncomments: True\ncategories: [ 德国之声 ]\nweird: value: with colon\n---\n<!--1684939624000-->\n[Say \"hi\" &quot;now&quot;](https://www.dw.com/zh/a%20b/a-1)\n------\n\n<div>\n<p>body</p>\n</div>\n";

    fn kinds(b: &Blob<'_>) -> Vec<WarningKind> {
        b.warnings.iter().map(|w| w.kind).collect()
    }

    #[test]
    fn full_form() {
        let b = Blob::parse(FULL).unwrap();
        assert_eq!(b.envelope.form, EnvelopeForm::Full);
        assert_eq!(b.body, "<p>body</p>");
        assert_eq!(&FULL[b.body_offset..b.body_offset + b.body.len()], b.body);
        assert_eq!(b.envelope.title.as_deref(), Some("Say \"hi\" \"now\""));
        assert_eq!(
            b.envelope.url.as_ref().map(Url::as_str),
            Some("https://www.dw.com/zh/a%20b/a-1")
        );
        assert_eq!(
            b.envelope.display_url().as_deref(),
            Some("https://www.dw.com/zh/a b/a-1")
        );
        assert_eq!(
            b.envelope
                .mirrored_at
                .unwrap()
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "2023-05-24T14:47:04.000Z"
        );
        let fm = b.envelope.front_matter.as_ref().unwrap();
        assert_eq!(fm.layout.as_deref(), Some("post"));
        assert_eq!(fm.title.as_deref(), Some("Say \"hi\" &quot;now&quot;"));
        assert_eq!(fm.author.as_deref(), Some("德国之声"));
        assert_eq!(fm.tags, vec!["德国之声", "x y"]);
        assert_eq!(fm.categories, vec!["德国之声"]);
        assert_eq!(fm.comments, Some(true));
        assert_eq!(
            fm.extra.get("weird").map(|v| v.as_ref()),
            Some("value: with colon")
        );
        assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    }

    #[test]
    fn minimal_form_like_the_seed() {
        let input = "<!--1684939624000-->\n[t [x]](https://a.example/p)\n------\n\n<div><i><br>x</i></div><p>a</p>\n\n";
        let b = Blob::parse(input).unwrap();
        assert_eq!(b.envelope.form, EnvelopeForm::Header);
        assert_eq!(b.envelope.title.as_deref(), Some("t [x]"));
        assert_eq!(b.body, "<div><i><br>x</i></div><p>a</p>");
        assert!(b.envelope.front_matter.is_none());
    }

    #[test]
    fn brackets_in_titles_use_first_open_and_last_link_marker() {
        let input = "<!--0-->\n[[國際] a](b) c](https://x.example/y_(z))\n------\n\nbody";
        let b = Blob::parse(input).unwrap();
        assert_eq!(b.envelope.title.as_deref(), Some("[國際] a](b) c"));
        assert_eq!(
            b.envelope.url.as_ref().map(Url::as_str),
            Some("https://x.example/y_(z)")
        );
        assert_eq!(b.envelope.mirrored_at.unwrap().timestamp_millis(), 0);
    }

    #[test]
    fn front_matter_then_raw_html() {
        let input = "---\nlayout: post\ntitle: 全国 &amp; 东京\ndate: 2020-06-16 17:52:04.000000000 +08:00\ncategories: asahi\n---\n\n<div>June 16, 2020</div>\n<p>x</p>\n";
        let b = Blob::parse(input).unwrap();
        assert_eq!(b.envelope.form, EnvelopeForm::FrontMatterOnly);
        assert_eq!(b.envelope.title.as_deref(), Some("全国 & 东京"));
        assert_eq!(
            b.envelope.mirrored_at.unwrap().to_rfc3339(),
            "2020-06-16T09:52:04+00:00"
        );
        assert_eq!(
            b.envelope.front_matter.as_ref().unwrap().categories,
            vec!["asahi"]
        );
        assert!(b.envelope.url.is_none());
        assert_eq!(b.body, "<div>June 16, 2020</div>\n<p>x</p>");
    }

    #[test]
    fn multi_line_quoted_title() {
        let input = "---\ntitle: \"美四大 提及中国\n\"\nfrom: https://x.example/a\n---\n<!--1-->\n[美四大 提及中国](https://x.example/a)\n------\n\n<p>x</p>";
        let b = Blob::parse(input).unwrap();
        let fm = b.envelope.front_matter.as_ref().unwrap();
        assert_eq!(fm.title.as_deref(), Some("美四大 提及中国\n"));
        assert_eq!(fm.from.as_deref(), Some("https://x.example/a"));
        assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    }

    #[test]
    fn bom_crlf_and_trailing_whitespace() {
        let input = "\u{feff}---\r\ntitle: \"a\"  \r\n---\r\n<!--1000-->  \r\n[a](https://x.example/) \r\n------\r\n\r\n<div>\r\n<p>x</p>\r\n</div>  \r\n\r\n";
        let b = Blob::parse(input).unwrap();
        assert_eq!(b.envelope.title.as_deref(), Some("a"));
        assert_eq!(b.envelope.mirrored_at.unwrap().timestamp_millis(), 1000);
        assert_eq!(b.body, "<p>x</p>");
        assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    }

    #[test]
    fn nan_timestamp_is_a_warning() {
        let b = Blob::parse("<!--NaN-->\n[a](https://x.example/)\n------\n\nx").unwrap();
        assert!(b.envelope.mirrored_at.is_none());
        assert_eq!(
            b.warnings[0].to_string(),
            "the mirror timestamp is `NaN` at line 1 column 1: the item has no mirror time"
        );
        assert_eq!(kinds(&b), vec![WarningKind::NanTimestamp]);
    }

    #[test]
    fn invalid_timestamp_is_a_warning() {
        let b = Blob::parse("<!--12ab-->\n[a](https://x.example/)\n------\n\nx").unwrap();
        assert_eq!(
            b.warnings[0].to_string(),
            "expected milliseconds since the epoch in the timestamp comment, found `<!--12ab-->` at line 1 column 1"
        );
        let b = Blob::parse("<!--99999999999999999999-->\n[a](https://x.example/)\n------\n\nx").unwrap();
        assert_eq!(kinds(&b), vec![WarningKind::InvalidTimestamp]);
    }

    #[test]
    fn oracle_disagreements_are_warnings() {
        let input = "---\ntitle: \"one\"\ndate: 2020-01-01T00:00:00Z\nfrom: https://x.example/a\n---\n<!--1000-->\n[two](https://x.example/b)\n------\n\nx";
        let b = Blob::parse(input).unwrap();
        let msgs: Vec<String> = b.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            msgs,
            vec![
                "front-matter title `one` differs from the title link `two`",
                "front-matter `from` `https://x.example/a` differs from the title link URL `https://x.example/b`",
                "front-matter date 2020-01-01T00:00:00+00:00 differs from the mirror timestamp 1970-01-01T00:00:01.000Z",
            ]
        );
        let input =
            "---\ntitle: \"long title\"\n---\n<!--1000-->\n[long title...](https://x.example/b)\n------\n\nx";
        assert_eq!(
            kinds(&Blob::parse(input).unwrap()),
            vec![WarningKind::TitleTruncated]
        );
    }

    #[test]
    fn layout_oddities_are_warnings() {
        let b = Blob::parse("<!--1-->\n[a](https://x.example/)\n<p>x</p>").unwrap();
        assert_eq!(
            b.warnings[0].to_string(),
            "expected a setext underline `------` at line 3 column 1, found `<p>x</p>`"
        );
        assert_eq!(b.body, "<p>x</p>");
        let b = Blob::parse("<!--1-->\n[a](not a url)\n------\n\n<div>\n<p>x</p>").unwrap();
        assert_eq!(
            kinds(&b),
            vec![WarningKind::InvalidUrl, WarningKind::EnvelopeLayout],
            "{:?}",
            b.warnings
        );
        assert_eq!(
            b.warnings[0].to_string(),
            "the title link URL `not a url` could not be parsed: relative URL without a base"
        );
        assert_eq!(
            b.warnings[1].to_string(),
            "the wrapper `<div>` at line 5 column 1 has no closing `</div>` line; kept in the body"
        );
        assert_eq!(b.body, "<div>\n<p>x</p>");
        let b = Blob::parse("---\nbad line\ndate: someday\n---\nx").unwrap();
        let msgs: Vec<String> = b.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            msgs,
            vec![
                "expected `key: value` in the front matter at line 2 column 1, found `bad line`",
                "expected a date in the front matter at line 3 column 1, found `someday`; kept in `extra`",
            ]
        );
        let b = Blob::parse("---\ntitle: \"a\" b\n---\nx").unwrap();
        assert_eq!(
            b.warnings[0].to_string(),
            "expected a closing quote for the front-matter value at line 2 column 8, found `b` after it"
        );
        let b = Blob::parse("---\ntitle: \"abc\n---\nx").unwrap();
        assert_eq!(b.envelope.title.as_deref(), Some("abc"));
        assert_eq!(
            b.warnings[0].to_string(),
            "expected a closing quote for the front-matter value at line 2 column 8, found end of line"
        );
    }

    #[test]
    fn errors_name_what_was_expected_and_found() {
        let cases: &[(&str, &str)] = &[
            (
                "",
                "expected a feed-mirror blob, found empty input at line 1 column 1",
            ),
            (
                " \n\n",
                "expected a feed-mirror blob, found empty input at line 3 column 1",
            ),
            (
                "\u{0}\u{1}PNG",
                "expected text, found binary data (control character U+0000) at line 1 column 1",
            ),
            (
                "<html><body>hi</body></html>",
                "expected a front matter `---` line or a `<!--ms-->` timestamp comment, found `<html><body>hi</body></html>` at line 1 column 1",
            ),
            (
                "---\ntitle: x\n",
                "expected a closing `---` line for the front matter opened at line 1, found end of input at line 3 column 1",
            ),
            (
                "<!--1-->\nno link here",
                "expected a markdown title link `[title](url)`, found `no link here` at line 2 column 1",
            ),
            (
                "<!--1-->\n[a](b",
                "expected a markdown title link `[title](url)`, found `[a](b` at line 2 column 1",
            ),
            (
                "<!--1-->\n",
                "expected a markdown title link `[title](url)`, found end of input at line 2 column 1",
            ),
            (
                "\n\n<!--1-->\n[a](https://x/)\n\u{1}",
                "expected text, found binary data (control character U+0001) at line 5 column 1",
            ),
        ];
        for (input, msg) in cases {
            let err = Blob::parse(input).unwrap_err();
            assert_eq!(err.to_string(), *msg, "input {input:?}");
        }
    }

    #[test]
    fn controls_and_bidi_never_reach_text_fields() {
        let input = "---\nauthor: a\u{85}b\n---\n<!--1-->\n[a&#1;b\u{7f}&#x202e;c\rd](https://x.example/)\n------\n\nx";
        let b = Blob::parse(input).unwrap();
        assert_eq!(b.envelope.title.as_deref(), Some("abcd"));
        assert_eq!(b.envelope.front_matter.unwrap().author.as_deref(), Some("ab"));
    }

    #[test]
    fn only_web_urls_are_kept() {
        let b = Blob::parse("<!--1-->\n[a](javascript:alert(1))\n------\n\nx").unwrap();
        assert!(b.envelope.url.is_none());
        assert_eq!(
            b.warnings[0].to_string(),
            "the title link URL `javascript:alert(1)` is not http(s) (scheme `javascript`); dropped"
        );
    }

    #[test]
    fn into_owned_keeps_everything() {
        let b = Blob::parse(FULL).unwrap();
        let owned: Envelope<'static> = b.envelope.clone().into_owned();
        assert_eq!(owned, b.envelope);
    }
}
