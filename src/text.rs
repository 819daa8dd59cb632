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

/// [`char::is_whitespace`], answered without the Unicode tables above U+3000 (the CJK
/// characters most text is made of), where no character is whitespace.
pub(crate) fn is_whitespace(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_whitespace() || c == '\u{b}'
    } else {
        c <= '\u{3000}' && c.is_whitespace()
    }
}

/// [`str::trim`] for text whose ends are seldom whitespace: its first and last characters are
/// read, and it is returned as it is when neither is.
pub(crate) trait Trim {
    fn trim_ws(&self) -> &str;
}

impl Trim for str {
    #[inline]
    fn trim_ws(&self) -> &str {
        let clean = |c: Option<char>| c.is_none_or(|c| !is_whitespace(c));
        if clean(self.chars().next()) && clean(self.chars().next_back()) {
            self
        } else {
            self.trim()
        }
    }
}

/// Whether `c` is whitespace a reader would not see as content (including NBSP and the
/// ideographic space).
pub(crate) fn is_space(c: char) -> bool {
    is_whitespace(c) || matches!(c, '\u{a0}' | '\u{feff}' | '\u{200b}')
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

/// `haystack.contains(needle)`. A haystack short enough that the standard search would not
/// scan it vectorised (under 16 bytes more than the needle: the short lines and names the
/// classification reads) is scanned by [`find_short`]; measured cheaper there than
/// [`str::contains`]. Longer haystacks go to the standard search.
pub(crate) fn contains_str(haystack: &str, needle: &str) -> bool {
    if haystack.len() >= needle.len() + SEARCHER_MIN_EXTRA {
        return haystack.contains(needle);
    }
    find_short(haystack.as_bytes(), needle.as_bytes()).is_some()
}

/// `haystack.find(needle)`, short haystacks scanned as [`contains_str`] scans them.
pub(crate) fn find_str(haystack: &str, needle: &str) -> Option<usize> {
    if haystack.len() >= needle.len() + SEARCHER_MIN_EXTRA {
        return haystack.find(needle);
    }
    find_short(haystack.as_bytes(), needle.as_bytes())
}

/// The first position of `n` in a short `h`, each position compared by its first two bytes at
/// once: a match there is rare, so the loop seldom branches off. A match of valid UTF-8 in
/// valid UTF-8 starts on a character boundary.
fn find_short(h: &[u8], n: &[u8]) -> Option<usize> {
    match n {
        [] => Some(0),
        [b] => h.iter().position(|x| x == b),
        [a, b, ..] => {
            let head = u16::from_le_bytes([*a, *b]);
            h.windows(n.len())
                .position(|w| matches!(w, [x, y, ..] if u16::from_le_bytes([*x, *y]) == head) && w == n)
        }
    }
}

/// The haystack length, beyond the needle's, from which [`str::contains`] scans vectorised.
const SEARCHER_MIN_EXTRA: usize = 16;

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
/// ends, and a run holding a line break between two CJK characters none at all. Invisible
/// characters are dropped. The stretches of visible text between are copied whole.
pub(crate) fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut pending, mut holds_break, mut last) = (false, false, None);
    let mut i = 0;
    while i < s.len() {
        let end = plain_end(s, i);
        if let Some(stretch) = s.get(i..end).filter(|t| !t.is_empty()) {
            if pending && !drops_space(holds_break, last, stretch.chars().next()) {
                out.push(' ');
            }
            pending = false;
            holds_break = false;
            out.push_str(stretch);
            last = stretch.chars().next_back();
        }
        // Then a space (remembered) or an invisible character (dropped).
        let Some(c) = s.get(end..).and_then(|t| t.chars().next()) else {
            break;
        };
        if is_space(c) {
            pending = last.is_some();
            holds_break |= is_segment_break(c);
        }
        i = end + c.len_utf8();
    }
    out
}

/// 1 for the bytes that may start a space or a forbidden character, else 0: ASCII controls and
/// space, DEL, and the lead bytes of the few ranges that hold such characters (U+0080..=U+00BF,
/// U+0600..=U+063F, U+1000..=U+3FFF, U+F000..=U+FFFF). No continuation byte is flagged, so the
/// scan can go byte by byte without tracking character boundaries; everything unflagged
/// (printable ASCII, the rest of the CJK planes) is visible text for certain.
#[allow(clippy::indexing_slicing)] // `b as usize` < 256: in bounds by construction
const FLAG: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0u8;
    loop {
        table[b as usize] = matches!(b, 0..=0x20 | 0x7f | 0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xe3 | 0xef) as u8;
        if b == u8::MAX {
            break table;
        }
        b += 1;
    }
};

#[inline]
fn flag(b: u8) -> u8 {
    FLAG.get(usize::from(b)).copied().unwrap_or(1)
}

/// The index of the first flagged byte at or after `from`, or the length. Eight bytes at a time:
/// [`word_hits`] finds the first flagged byte of a word with a few integer operations.
#[inline]
fn next_flagged(bytes: &[u8], from: usize) -> usize {
    let Some(rest) = bytes.get(from..) else {
        return bytes.len();
    };
    let mut at = from;
    let mut words = rest.chunks_exact(8);
    for word in &mut words {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            break;
        };
        let hits = word_hits(u64::from_le_bytes(word));
        if hits != 0 {
            // The lowest hit is the first flagged byte, or a U+0800..=U+0FFF lead byte (`E0`).
            let first = (hits.trailing_zeros() / 8) as usize;
            if let Some(p) = word
                .get(first..)
                .and_then(|w| w.iter().position(|&b| flag(b) != 0))
            {
                return at + first + p;
            }
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| flag(b) != 0)
        .map_or(bytes.len(), |p| at + p)
}

/// Ones in every byte.
const ONES: u64 = u64::from_le_bytes([1; 8]);

/// The high bit of each byte of `x` that is below `n` (at most 128), exact up to the lowest
/// such byte (a borrow may flag bytes above it).
#[inline]
fn bytes_below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & (ONES << 7)
}

/// High bits marking the flagged bytes of the eight bytes in `x` (little-endian), exact up to
/// the lowest one, which is flagged or an `E0`: controls and space, DEL, `C2`, `D8`, `E0..=E3`
/// and `EF`.
#[inline]
fn word_hits(x: u64) -> u64 {
    let equal = |b: u8| bytes_below(x ^ (ONES * u64::from(b)), 1);
    bytes_below(x, 0x21)
        | equal(0x7f)
        | equal(0xc2)
        | equal(0xd8)
        | bytes_below(x ^ (ONES * 0xe0), 4)
        | equal(0xef)
}

/// Whether the character whose UTF-8 encoding starts `bytes` (at a flagged lead byte) is a space
/// or forbidden, and its length. Decided on the bytes for the frequent cases (CJK punctuation,
/// curly quotes, fullwidth forms); the rest is decoded.
#[inline]
fn special_at(text: &str, i: usize) -> Option<(bool, usize)> {
    let bytes = text.as_bytes().get(i..)?;
    match *bytes {
        // U+3001..: CJK punctuation and kana; only U+3000 is a space.
        [0xe3, b1, b2, ..] => Some((b1 == 0x80 && b2 == 0x80, 3)),
        // U+F000..: fullwidth forms; only U+FEFF is special.
        [0xef, b1, b2, ..] => Some((b1 == 0xbb && b2 == 0xbf, 3)),
        // U+2040..=U+2FFF hold no space or control but U+205F, U+2066..=U+2069.
        [0xe2, b1, b2, ..] if b1 >= 0x82 || (b1 == 0x81 && !matches!(b2, 0x9f | 0xa6..=0xa9)) => {
            Some((false, 3))
        }
        _ => {
            let c = text.get(i..)?.chars().next()?;
            let (space, forbidden) = classify_char(c);
            Some((space || forbidden, c.len_utf8()))
        }
    }
}

/// The end of the stretch of visible characters (neither space nor forbidden) that starts at
/// byte `from` of `text`: the index of the next space or forbidden character, or the length.
// Inlined into the two loops that call it (collapsing text, building runs): as a call it costs
// more than the scan of a short stretch.
#[inline(always)]
pub(crate) fn plain_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        i = next_flagged(bytes, i);
        match special_at(text, i) {
            Some((false, len)) => i += len,
            // One ASCII space between visible characters is written as it stands: collapsing
            // would give the same space.
            Some((true, _))
                if i > from
                    && bytes.get(i) == Some(&b' ')
                    && bytes.get(i + 1).is_some_and(|&b| flag(b) == 0) =>
            {
                i += 1;
            }
            Some((true, _)) => return i,
            None => return text.len(),
        }
    }
}

/// (is a space, is forbidden), with fast paths for ASCII and for the CJK planes (above
/// U+3000, where the only special characters are U+3000 itself and U+FEFF).
#[inline]
pub(crate) fn classify_char(c: char) -> (bool, bool) {
    let u = u32::from(c);
    if u < 0x80 {
        let b = u as u8;
        let space = matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c);
        (space, !space && (b < 0x20 || b == 0x7f))
    } else if u > 0x3000 && u != 0xfeff {
        (false, false)
    } else {
        (is_space(c), is_forbidden(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_containment_as_the_standard_library() {
        let long = "x".repeat(40);
        let hay = [
            "",
            "a",
            "ab",
            "路透社",
            "美联社、路透社",
            "（综合报导）",
            "abcabcabd",
            long.as_str(),
        ];
        let needles = [
            "",
            "a",
            "b",
            "ab",
            "bd",
            "abd",
            "路透",
            "透社",
            "综合报导",
            "社、",
            "xx",
            "abcabcabdz",
        ];
        for h in hay {
            for n in needles {
                assert_eq!(contains_str(h, n), h.contains(n), "{h:?} {n:?}");
                assert_eq!(find_str(h, n), h.find(n), "{h:?} {n:?}");
            }
        }
    }

    #[test]
    fn whitespace_and_trim_as_the_standard_library() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            assert_eq!(is_whitespace(c), c.is_whitespace(), "{c:?}");
        }
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{3000}中文\u{a0}",
            "中文",
            "\u{b}x\u{85}",
            "x\n",
            "\u{feff}y",
        ] {
            assert_eq!(s.trim_ws(), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn spaces_as_defined_for_every_character() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let want = c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}' || c == '\u{200b}';
            assert_eq!(is_space(c), want, "{c:?}");
        }
    }

    /// Every Unicode scalar value is classified the same by the byte-level scan, by
    /// `classify_char`'s fast paths and by the definitions in `text`.
    #[test]
    fn byte_classification_agrees_for_every_character() {
        let mut special = 0;
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let want = (is_space(c), is_forbidden(c));
            if want == (true, true) {
                // Controls that are also Unicode whitespace (FF, VT, NEL): either way they are
                // special; the ASCII path reads FF as a space and VT as a control.
                let (space, forbidden) = classify_char(c);
                assert!(space || forbidden, "{c:?}");
            } else {
                assert_eq!(classify_char(c), want, "{c:?}");
            }
            let s = format!("{c}x");
            let end = plain_end(&s, 0);
            assert_eq!(end == 0, want.0 || want.1, "{c:?}");
            if end == 0 {
                special += 1;
            } else {
                assert_eq!(end, s.len(), "{c:?}");
            }
        }
        // C0 and C1 controls, DEL, the Unicode spaces, the bidi controls and U+FEFF.
        assert!(special > 70, "{special}");
    }

    /// The word-at-a-time scan finds the same first flagged byte as a byte-by-byte one, for every
    /// byte value at every position of a word, after unflagged bytes that are close to flagged
    /// ones (`!`, `E4`, `E0`, continuation bytes) and before flagged ones.
    #[test]
    fn word_scan_matches_the_byte_scan() {
        let naive = |bytes: &[u8], from: usize| {
            bytes
                .iter()
                .skip(from)
                .position(|&b| flag(b) != 0)
                .map_or(bytes.len(), |p| from + p)
        };
        for fill in [b'!', b'a', 0xe4, 0xe0, 0xbf, 0x80, 0xc3, 0xf0] {
            for after in [fill, b' ', 0xef, 0x00] {
                for b in 0..=u8::MAX {
                    for at in 0..19 {
                        let mut bytes = vec![fill; 19];
                        if let Some(x) = bytes.get_mut(at) {
                            *x = b;
                        }
                        bytes.extend([after; 3]);
                        for from in [0, 1, 7, 8] {
                            assert_eq!(
                                next_flagged(&bytes, from),
                                naive(&bytes, from),
                                "{bytes:?} from {from}"
                            );
                        }
                    }
                }
            }
        }
    }

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
