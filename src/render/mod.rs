//! Renderings of an [`Article`]: markdown, plain text, the canonical blob and text statistics.

mod blob;
mod markdown;
mod text;

use std::fmt;

pub use markdown::{FigureStyle, MarkdownOptions};

use crate::model::{Article, Block};
use crate::text::is_cjk;

/// Reading rate for CJK text, in characters per minute.
pub const CJK_CHARS_PER_MINUTE: f64 = 300.0;
/// Reading rate for space-separated text, in words per minute.
pub const WORDS_PER_MINUTE: f64 = 200.0;

/// Length figures for an article's text that treat CJK and Latin script alike.
///
/// Counted over the text blocks (paragraphs, headings, quotes, lists); captions, credits and
/// everything set aside are left out, as a reader skims them.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct TextStats {
    /// Characters other than whitespace.
    pub characters: usize,
    /// CJK ideographs and kana (CJK punctuation is not counted; Hangul, written with spaces
    /// between words, counts as words).
    pub cjk_characters: usize,
    /// Whitespace-separated runs of other script that hold at least one letter or digit.
    pub latin_words: usize,
    /// `cjk_characters + latin_words`: a CJK character counts as one word, as it does in
    /// Chinese and Japanese word counts.
    pub words: usize,
    /// `cjk_characters / 300 + latin_words / 200` ([`CJK_CHARS_PER_MINUTE`],
    /// [`WORDS_PER_MINUTE`]), unrounded.
    pub reading_minutes: f64,
}

impl TextStats {
    /// Counts `text`.
    ///
    /// ```
    /// let stats = feedmirror::TextStats::of("德国之声报道 Hello world");
    /// assert_eq!((stats.cjk_characters, stats.latin_words, stats.words), (6, 2, 8));
    /// ```
    #[must_use]
    pub fn of(text: &str) -> Self {
        let mut stats = TextStats {
            characters: 0,
            cjk_characters: 0,
            latin_words: 0,
            words: 0,
            reading_minutes: 0.0,
        };
        // Whether the current run of non-CJK, non-space characters already counted as a word.
        let mut in_word = false;
        for c in text.chars() {
            if crate::text::is_space(c) {
                in_word = false;
                continue;
            }
            stats.characters += 1;
            if is_cjk(c) {
                in_word = false;
                if c.is_alphanumeric() {
                    stats.cjk_characters += 1;
                }
            } else if c.is_alphanumeric() && !in_word {
                in_word = true;
                stats.latin_words += 1;
            }
        }
        stats.words = stats.cjk_characters + stats.latin_words;
        #[allow(clippy::cast_precision_loss)]
        let minutes =
            stats.cjk_characters as f64 / CJK_CHARS_PER_MINUTE + stats.latin_words as f64 / WORDS_PER_MINUTE;
        stats.reading_minutes = minutes;
        stats
    }
}

/// The dateline as it opens the first paragraph: a bracketed one as stored (`（德国之声中文网）`),
/// a place with the outlet's separator (`华盛顿——`, `路透北京8月17日 - `), else ` — `.
pub(crate) fn dateline_lead(a: &Article) -> Option<String> {
    let d = a.dateline.as_deref()?.trim();
    if d.is_empty() {
        return None;
    }
    if d.starts_with(['（', '(', '【', '[']) {
        return Some(d.to_owned());
    }
    let sep = crate::outlet::rules(a.outlet)
        .dateline_separators
        .first()
        .map_or(" — ", |s| s.sep);
    Some(format!("{d}{sep}"))
}

/// The block the dateline opens: the first paragraph, when no other text comes before it
/// (else the dateline stands alone before the text).
pub(crate) fn dateline_host(a: &Article) -> Option<usize> {
    let i = a
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Paragraph { .. }))?;
    let text_before = a
        .blocks
        .iter()
        .take(i)
        .any(|b| !matches!(b, Block::Figure { .. }));
    (!text_before).then_some(i)
}

impl Article {
    /// The article as CommonMark: the title as a heading, a metadata line (outlet, publication
    /// time, byline), the lead figure as an image with its caption, the blocks with inline links
    /// and emphasis (the dateline opening the first paragraph as the item wrote it), then
    /// credits and the copyright line.
    ///
    /// Text is escaped so that no title, caption or paragraph can open a link, an image, HTML
    /// or block structure; the only links and images are the article's own http(s) links
    /// ([`LinkKind::Internal`](crate::LinkKind::Internal) and
    /// [`LinkKind::External`](crate::LinkKind::External)) and figure sources. Unsafe links
    /// are printed as their text.
    ///
    /// ```
    /// let text = std::fs::read_to_string("examples/samples/voa.txt").unwrap();
    /// let md = feedmirror::parse(&text)?.to_markdown();
    /// assert!(md.starts_with("# "));
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn to_markdown(&self) -> String {
        markdown::render(self, &MarkdownOptions::default())
    }

    /// The article as CommonMark as [`Article::to_markdown`] writes it, with the choices of
    /// [`MarkdownOptions`]: a YAML front matter of the article's fields, the outlet by its
    /// display name, figures as links rather than images.
    ///
    /// ```
    /// use feedmirror::{FigureStyle, MarkdownOptions};
    /// let text = std::fs::read_to_string("examples/samples/dw.txt").unwrap();
    /// let article = feedmirror::parse(&text)?;
    /// let md = article.to_markdown_with(&MarkdownOptions::default().front_matter(true));
    /// let yaml = md.strip_prefix("---\n").and_then(|rest| rest.split_once("\n---\n")).unwrap().0;
    /// assert!(yaml.lines().any(|l| l == "outlet_name: \"Deutsche Welle\""));
    /// assert!(md.ends_with(&article.to_markdown()));
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn to_markdown_with(&self, options: &MarkdownOptions) -> String {
        markdown::render(self, options)
    }

    /// The article as plain text for indexing and language processing: the title, then each
    /// block's text (the dateline opening the first paragraph as the item wrote it, figure
    /// captions included, lists one item a line), blocks separated by a blank line. Line breaks
    /// inside a block stay single newlines. No markup.
    ///
    /// ```
    /// let blob = "<!--1-->\n[Title](https://example.com/a)\n---\n\n<p>One <b>two</b>.</p><p>Three.</p>";
    /// assert_eq!(feedmirror::parse(blob)?.to_text(), "Title\n\nOne two.\n\nThree.\n");
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn to_text(&self) -> String {
        text::render(self)
    }

    /// The canonical blob: an envelope and clean HTML that [`parse`](crate::parse) reads back
    /// into this article.
    ///
    /// The envelope keeps the article's form: front matter (every key, `extra` included, one
    /// double-quoted YAML value a line), then for [`EnvelopeForm::Full`](crate::EnvelopeForm::Full)
    /// and [`EnvelopeForm::Header`](crate::EnvelopeForm::Header) the `<!--ms-->` comment, the
    /// `[title](url)` link and the underline. The body holds the article text as plain HTML
    /// (paragraphs, headings, quotes, lists, figures as `<img>`, `<video>`, `<audio>` or
    /// `<iframe>`, links, emphasis, line breaks) and every other part (date, byline, dateline,
    /// captions and photo credits, credits, copyright, boilerplate, mirror footer, warnings
    /// about the body) as an element whose `data-feedmirror` attribute names the part and whose
    /// `data-*` attributes hold its typed fields. A body opening with such an element naming
    /// `canonical` is read as written: nothing in it is classified. Text and attribute values
    /// are HTML-escaped.
    ///
    /// # Round trip
    /// For every article `a` that [`parse`](crate::parse) returned, `parse(&a.to_blob())`
    /// returns `a`, warnings included, except warnings of the kinds that do not
    /// [survive the round trip](crate::WarningKind::survives_round_trip).
    ///
    /// ```
    /// let blob = "<!--1684939624000-->\n[标题](https://www.dw.com/zh/x/a-1)\n------\n\n\
    ///             <p>（德国之声中文网）正文<a href=\"javascript:x()\">链接</a></p>";
    /// let a = feedmirror::parse(blob)?;
    /// assert_eq!(feedmirror::parse(&a.to_blob())?, a);
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn to_blob(&self) -> String {
        blob::render(self)
    }

    /// Length figures for the text blocks; see [`TextStats`].
    ///
    /// ```
    /// let blob = "<!--1-->\n[t](https://example.com/a)\n---\n\n<p>德国之声报道。</p><p>Two words.</p>";
    /// let stats = feedmirror::parse(blob)?.stats();
    /// assert_eq!(stats.words, 6 + 2);
    /// # Ok::<(), feedmirror::Error>(())
    /// ```
    #[must_use]
    pub fn stats(&self) -> TextStats {
        let mut text = String::new();
        for block in &self.blocks {
            if !matches!(block, Block::Figure { .. }) {
                text.push_str(block.text());
                text.push('\n');
            }
        }
        TextStats::of(&text)
    }
}

/// Prints [`Article::to_markdown`].
impl fmt::Display for Article {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_markdown())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_count_cjk_per_character_and_latin_per_word() {
        let s = TextStats::of("德国之声，报道。 Hello, wide world! 2023");
        assert_eq!(s.cjk_characters, 6);
        assert_eq!(s.latin_words, 4);
        assert_eq!(s.words, 10);
        assert!((s.reading_minutes - (6.0 / 300.0 + 4.0 / 200.0)).abs() < 1e-9);
        assert_eq!(TextStats::of("").words, 0);
    }
}
