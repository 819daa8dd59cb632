//! Errors (the input is not a blob); warnings (the blob has odd parts) are in `warning`.

pub(crate) use crate::warning::{Warning, WarningDetail, excerpt};

/// Why an input could not be parsed as a blob.
///
/// Positions are 1-based; columns count characters, not bytes. Messages are lowercase, say
/// what was expected and what was found, and end with the position.
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
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Empty { .. } => "empty",
            Error::Binary { .. } => "binary",
            Error::NoEnvelope { .. } => "no_envelope",
            Error::Malformed { .. } => "malformed",
            Error::UnterminatedFrontMatter { .. } => "unterminated_front_matter",
            Error::TooLarge { .. } => "too_large",
        }
    }

    /// The 1-based line and column the error points at.
    #[must_use]
    pub fn position(&self) -> (usize, usize) {
        match self {
            Error::Empty { line, column }
            | Error::Binary { line, column, .. }
            | Error::NoEnvelope { line, column, .. }
            | Error::Malformed { line, column, .. }
            | Error::UnterminatedFrontMatter { line, column, .. } => (*line, *column),
            Error::TooLarge { .. } => (1, 1),
        }
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
