//! Text helpers shared by the stages: entity decoding, whitespace as a reader sees it,
//! removal of characters that must never reach output.

use std::borrow::Cow;

/// Decodes the HTML character references that occur in titles: numeric ones and the common
/// named ones. Unknown names are left as written.
pub(crate) fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        // Names are short: look no further than that, so decoding stays linear.
        let mut limit = 11.min(after.len());
        while !after.is_char_boundary(limit) {
            limit -= 1;
        }
        let semi = after.get(..limit).and_then(|h| h.find(';'));
        let decoded = semi.and_then(|i| decode_one(after.get(..i).unwrap_or("")).map(|c| (c, i)));
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = after.get(i + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn decode_one(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "quot" => '"',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "middot" => '·',
        "copy" => '©',
        _ => return None,
    })
}

/// Whether `c` is whitespace a reader would not see as content (including NBSP and the
/// ideographic space).
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}' || c == '\u{200b}'
}

/// Text equality up to whitespace: runs of whitespace count as one, ends are trimmed.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let mut x = a.split(is_space).filter(|s| !s.is_empty());
    let mut y = b.split(is_space).filter(|s| !s.is_empty());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q => {}
            _ => return false,
        }
    }
}

/// Characters that never reach output: C0/C1 controls other than tab and newline, and the
/// Unicode bidirectional controls (which can disguise text and links).
pub(crate) fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// `s` without forbidden characters.
pub(crate) fn sanitize(s: &str) -> Cow<'_, str> {
    if may_hold_forbidden(s.as_bytes()) && s.chars().any(is_forbidden) {
        Cow::Owned(s.chars().filter(|&c| !is_forbidden(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Whether `bytes` may hold a forbidden character: every one starts with one of these bytes
/// (C0 controls and DEL; C2 for the C1 controls, D8 for U+061C, E2 for the bidi controls), so
/// most text is cleared by its bytes alone.
fn may_hold_forbidden(bytes: &[u8]) -> bool {
    let suspect = |b: u8| {
        ((b < 0x20) & (b != b'\t') & (b != b'\n')) | (b == 0x7f) | (b == 0xc2) | (b == 0xd8) | (b == 0xe2)
    };
    position_byte(bytes, suspect).is_some()
}

/// The index of the first byte of `bytes` for which `pred` holds. Sixteen bytes at a time while
/// none does (a fold over a fixed-size chunk has no early exit, so a branch-free `pred` compiles
/// to vector code), then byte by byte in the chunk that holds the match.
#[inline]
pub(crate) fn position_byte(bytes: &[u8], pred: impl Fn(u8) -> bool) -> Option<usize> {
    let mut clean = 0;
    for chunk in bytes.chunks_exact(16) {
        let Ok(chunk) = <&[u8; 16]>::try_from(chunk) else {
            break;
        };
        if chunk.iter().fold(false, |any, &b| any | pred(b)) {
            break;
        }
        clean += 16;
    }
    bytes
        .get(clean..)?
        .iter()
        .position(|&b| pred(b))
        .map(|i| clean + i)
}

/// Whether `c` belongs to a script written without spaces between words (CJK and kana).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2e80}'..='\u{2fdf}' | '\u{3000}'..='\u{30ff}' | '\u{3100}'..='\u{31ff}'
        | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ffef}' | '\u{20000}'..='\u{2fa1f}')
}

/// A line break in the source: a *segment break* in CSS terms.
pub(crate) fn is_segment_break(c: char) -> bool {
    matches!(c, '\n' | '\r')
}

/// Whether a collapsed run of whitespace between `before` and `after` shows no space: only a
/// run that holds a line break between two CJK characters (the CSS Text segment-break rule).
/// A space the source types between two CJK characters (`左媒影响美大选 民调`) is visible and
/// stays; no space is ever invented.
pub(crate) fn drops_space(holds_break: bool, before: Option<char>, after: Option<char>) -> bool {
    holds_break && before.is_some_and(is_cjk) && after.is_some_and(is_cjk)
}

/// Collapses whitespace the way a browser renders it: each run becomes one space, none at the
/// ends, and a run holding a line break between two CJK characters none at all.
pub(crate) fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    let mut holds_break = false;
    for c in s.chars() {
        if is_space(c) {
            pending = !out.is_empty();
            holds_break |= is_segment_break(c);
            continue;
        }
        if is_forbidden(c) {
            continue;
        }
        if pending && !drops_space(holds_break, out.chars().next_back(), Some(c)) {
            out.push(' ');
        }
        pending = false;
        holds_break = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_numeric_and_named_references() {
        assert_eq!(
            decode_entities("a &quot;b&quot; &#x27;c&#39; &amp; d"),
            "a \"b\" 'c' & d"
        );
        assert_eq!(decode_entities("AT&T &unknown; &"), "AT&T &unknown; &");
        assert_eq!(decode_entities("&#0; &#xD800;"), "&#0; &#xD800;");
        assert_eq!(
            decode_entities("梦&quot; 拜&amp;登&德国之声;"),
            "梦\" 拜&登&德国之声;"
        );
        assert!(matches!(decode_entities("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn same_text_ignores_whitespace_runs() {
        assert!(same_text(" a \u{a0} b\n", "a b"));
        assert!(!same_text("a b", "ab"));
    }

    /// The byte pre-check in `sanitize` never lets a forbidden character through.
    #[test]
    fn sanitize_removes_every_forbidden_character() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            let clean = sanitize(&s);
            assert_eq!(clean.contains(c), !is_forbidden(c), "{c:?}");
        }
    }

    #[test]
    fn normalizes_space_for_latin_and_cjk() {
        assert_eq!(normalize_space("  a \n\t b  "), "a b");
        assert_eq!(normalize_space("中国\n经济 growth"), "中国经济 growth");
        // A typed space between CJK characters is visible: it stays, one for a run.
        assert_eq!(
            normalize_space("左媒影响美大选  民调：36%"),
            "左媒影响美大选 民调：36%"
        );
        assert_eq!(normalize_space("「听党话 跟党走」"), "「听党话 跟党走」");
        // A run with a line break in it between CJK characters is a segment break: no space.
        assert_eq!(normalize_space("中国 \n 经济"), "中国经济");
        assert_eq!(normalize_space("中国\r\n经济"), "中国经济");
        // Between CJK and Latin a line break is a space.
        assert_eq!(normalize_space("中国\nChina"), "中国 China");
        assert_eq!(normalize_space("a\u{202e}b\u{7}"), "ab");
    }
}
