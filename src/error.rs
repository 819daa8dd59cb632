//! Errors (the input is not a blob); warnings (the blob has odd parts) are in `warning`.

pub(crate) use crate::warning::{Warning, WarningDetail, excerpt};

/// Why an input could not be parsed as a blob.
///
/// Positions are 1-based; columns count characters, not bytes; `offset` is the same position as
/// a byte offset into the input. Messages are lowercase, say what was expected and what was
/// found, and end with the position.
///
/// With the `serde` feature an error serializes (it does not deserialize) as the object
/// `{"kind", "message", "line", "column", "offset"}`: [`Error::kind`], the message, and the
/// position, as a log line or a JSON record of a failed input wants it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is empty or holds only whitespace.
    #[error("expected a feed-mirror blob, found empty input at line {line} column {column}")]
    Empty {
        /// Line of the end of the input.
        line: usize,
        /// Column of the end of the input.
        column: usize,
        /// Byte offset of the same position.
        offset: usize,
    },
    /// The input holds a control character that no text file has (NUL and the like).
    #[error(
        "expected text, found binary data (control character U+{code:04X}) at line {line} column {column}"
    )]
    Binary {
        /// The offending character's code point.
        code: u32,
        /// Line of the character.
        line: usize,
        /// Column of the character.
        column: usize,
        /// Byte offset of the same position.
        offset: usize,
    },
    /// The input does not start with any of the envelope forms.
    #[error("expected {expected}, found {found} at line {line} column {column}")]
    NoEnvelope {
        /// What would have started an envelope.
        expected: &'static str,
        /// A short quote of what is there instead.
        found: String,
        /// Line of what was found.
        line: usize,
        /// Column of what was found.
        column: usize,
        /// Byte offset of the same position.
        offset: usize,
    },
    /// A part of the envelope is malformed in a way that leaves the body's start unknown.
    #[error("expected {expected}, found {found} at line {line} column {column}")]
    Malformed {
        /// What the envelope needs at this point.
        expected: &'static str,
        /// A short quote of what is there instead.
        found: String,
        /// Line of what was found.
        line: usize,
        /// Column of what was found.
        column: usize,
        /// Byte offset of the same position.
        offset: usize,
    },
    /// The front matter opened with `---` is never closed.
    #[error(
        "expected a closing `---` line for the front matter opened at line {open_line}, found end of input at line {line} column {column}"
    )]
    UnterminatedFrontMatter {
        /// Line of the opening `---`.
        open_line: usize,
        /// Line of the end of the input.
        line: usize,
        /// Column of the end of the input.
        column: usize,
        /// Byte offset of the same position.
        offset: usize,
    },
    /// The input bytes are not UTF-8 ([`parse_bytes`](crate::parse_bytes)): the position is
    /// that of the first invalid sequence, counted over the valid text before it.
    #[error(
        "expected UTF-8 text, found a byte sequence that is not UTF-8 (byte offset {offset}) at line {line} column {column}"
    )]
    NotUtf8 {
        /// Line of the first invalid sequence.
        line: usize,
        /// Column of the first invalid sequence.
        column: usize,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The input is larger than [`Options::max_input_bytes`](crate::Options::max_input_bytes).
    #[error("expected at most {limit} bytes of input, found {size} bytes at line 1 column 1")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in force.
        limit: usize,
    },
}

impl Error {
    /// A stable snake_case name for the variant, for logs and JSON.
    ///
    /// ```
    /// let err = feedmirror::parse("").unwrap_err();
    /// assert_eq!(err.kind(), "empty");
    /// assert!(matches!(err, feedmirror::Error::Empty { .. }));
    /// ```
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Empty { .. } => "empty",
            Error::Binary { .. } => "binary",
            Error::NoEnvelope { .. } => "no_envelope",
            Error::Malformed { .. } => "malformed",
            Error::UnterminatedFrontMatter { .. } => "unterminated_front_matter",
            Error::NotUtf8 { .. } => "not_utf8",
            Error::TooLarge { .. } => "too_large",
        }
    }

    /// The 1-based line and column the error points at.
    ///
    /// ```
    /// let err = feedmirror::parse("<!--1-->\nno title link").unwrap_err();
    /// assert_eq!(err.position(), (2, 1));
    /// assert!(err.to_string().ends_with("at line 2 column 1"));
    /// ```
    #[must_use]
    pub fn position(&self) -> (usize, usize) {
        match self {
            Error::Empty { line, column, .. }
            | Error::Binary { line, column, .. }
            | Error::NoEnvelope { line, column, .. }
            | Error::Malformed { line, column, .. }
            | Error::UnterminatedFrontMatter { line, column, .. }
            | Error::NotUtf8 { line, column, .. } => (*line, *column),
            Error::TooLarge { .. } => (1, 1),
        }
    }

    /// The byte offset in the input of the position the error points at (0 for
    /// [`Error::TooLarge`], which points at the start).
    ///
    /// ```
    /// let err = feedmirror::parse("\n\n<html>").unwrap_err();
    /// assert_eq!(err.kind(), "no_envelope");
    /// assert_eq!(err.position(), (3, 1));
    /// assert_eq!(err.offset(), 2);
    /// ```
    #[must_use]
    pub fn offset(&self) -> usize {
        match self {
            Error::Empty { offset, .. }
            | Error::Binary { offset, .. }
            | Error::NoEnvelope { offset, .. }
            | Error::Malformed { offset, .. }
            | Error::UnterminatedFrontMatter { offset, .. }
            | Error::NotUtf8 { offset, .. } => *offset,
            Error::TooLarge { .. } => 0,
        }
    }
}

/// `{"kind", "message", "line", "column", "offset"}`; see [`Error`].
///
/// ```
/// let err = feedmirror::parse("").unwrap_err();
/// assert_eq!(
///     serde_json::to_string(&err).unwrap(),
///     r#"{"kind":"empty","message":"expected a feed-mirror blob, found empty input at line 1 column 1","line":1,"column":1,"offset":0}"#
/// );
/// ```
#[cfg(feature = "serde")]
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let (line, column) = self.position();
        let mut s = serializer.serialize_struct("Error", 5)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.serialize_field("line", &line)?;
        s.serialize_field("column", &column)?;
        s.serialize_field("offset", &self.offset())?;
        s.end()
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `input`.
///
/// An offset past the end or inside a character is clamped to the nearest boundary before it.
#[must_use]
pub(crate) fn position(input: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(input.len());
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    let before = input.get(..end).unwrap_or("");
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// A short, single-line quote of what starts at `offset`, for error messages.
pub(crate) fn quote(input: &str, offset: usize) -> String {
    let rest = input.get(offset..).unwrap_or("");
    if rest.is_empty() {
        return "end of input".to_owned();
    }
    let q = excerpt(input, offset);
    if q.is_empty() {
        "an empty line".to_owned()
    } else {
        format!("`{q}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        assert_eq!(position("", 0), (1, 1));
        assert_eq!(position("ab\ncd", 4), (2, 2));
        assert_eq!(position("德国\nx", 3), (1, 2));
        assert_eq!(position("德国\nx", 2), (1, 1));
        assert_eq!(position("abc", 99), (1, 4));
    }

    #[test]
    fn quotes_are_short_and_single_line() {
        assert_eq!(quote("hello\nworld", 0), "`hello`");
        assert_eq!(quote("", 0), "end of input");
        assert_eq!(quote("\nx", 0), "an empty line");
        let long = "x".repeat(60);
        assert_eq!(quote(&long, 0), format!("`{}…`", "x".repeat(40)));
    }
}
