//! CommonMark. Every piece of text is escaped, so nothing from the input can open a link, an
//! image, raw HTML or block structure; links and images come only from the model's URLs.

use std::fmt::Write as _;

use url::Url;

use crate::model::{Article, Block, Figure, Inline, LinkKind, MediaKind, PublishedValue};

/// How [`Article::to_markdown_with`] renders an article. `MarkdownOptions::default()` is what
/// [`Article::to_markdown`] uses.
///
/// ```
/// use feedmirror::{FigureStyle, MarkdownOptions};
/// let text = std::fs::read_to_string("examples/samples/dw.txt").unwrap();
/// let article = feedmirror::parse(&text)?;
/// let options = MarkdownOptions::default()
///     .front_matter(true)
///     .outlet_display_name(true)
///     .figures(FigureStyle::Link);
/// let md = article.to_markdown_with(&options);
/// assert!(md.starts_with("---\ntitle: \""));
/// assert!(md.contains("outlet: \"dw\"\n"));
/// assert!(md.contains("*Deutsche Welle · "));
/// assert!(!md.contains("!["), "figures are links, not images");
/// assert_eq!(article.to_markdown_with(&MarkdownOptions::default()), article.to_markdown());
/// # Ok::<(), feedmirror::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
#[non_exhaustive]
pub struct MarkdownOptions {
    /// Open with a YAML front matter block of the article's fields: `title`, `url`, `outlet`
    /// (the machine name), `outlet_name` (the display name), `article_id`, `published` (as
    /// [`PublishedValue`] displays it), `precision`, `mirrored_at`, `byline` (a list),
    /// `dateline`, `lead_image` and `words` ([`TextStats::words`](crate::TextStats::words)).
    /// Absent values are left out; every string is double-quoted with YAML escapes, on one
    /// line. Default: off.
    pub front_matter: bool,
    /// Name the outlet in the line under the title by [`Outlet::display_name`]
    /// (`Deutsche Welle`) instead of [`Outlet::as_str`] (`dw`). Default: off.
    ///
    /// [`Outlet::display_name`]: crate::Outlet::display_name
    /// [`Outlet::as_str`]: crate::Outlet::as_str
    pub outlet_display_name: bool,
    /// Figures as images (`![alt](src)`, the default) or as links (`[image: alt](src)`), for a
    /// reader that should not fetch remote media.
    pub figures: FigureStyle,
}

impl MarkdownOptions {
    /// Sets [`MarkdownOptions::front_matter`].
    ///
    /// ```
    /// let options = feedmirror::MarkdownOptions::default().front_matter(true);
    /// assert!(options.front_matter);
    /// ```
    #[must_use]
    pub fn front_matter(mut self, on: bool) -> Self {
        self.front_matter = on;
        self
    }

    /// Sets [`MarkdownOptions::outlet_display_name`].
    ///
    /// ```
    /// let options = feedmirror::MarkdownOptions::default().outlet_display_name(true);
    /// assert!(options.outlet_display_name);
    /// ```
    #[must_use]
    pub fn outlet_display_name(mut self, on: bool) -> Self {
        self.outlet_display_name = on;
        self
    }

    /// Sets [`MarkdownOptions::figures`].
    ///
    /// ```
    /// use feedmirror::{FigureStyle, MarkdownOptions};
    /// let options = MarkdownOptions::default().figures(FigureStyle::Link);
    /// assert_eq!(options.figures, FigureStyle::Link);
    /// ```
    #[must_use]
    pub fn figures(mut self, style: FigureStyle) -> Self {
        self.figures = style;
        self
    }
}

/// How [`MarkdownOptions`] writes figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum FigureStyle {
    /// Images as markdown images (`![alt](src)`), videos with a poster as the poster image
    /// linking to the video.
    #[default]
    Image,
    /// Every figure as a plain link (`[image: alt](src)`, `[video](src)`): nothing is fetched
    /// when the markdown is displayed.
    Link,
}

pub(crate) fn render(a: &Article, options: &MarkdownOptions) -> String {
    let mut parts: Vec<String> = Vec::new();
    if options.front_matter {
        parts.push(front_matter(a));
    }
    let title = a.envelope.title.as_deref().map(str::trim).unwrap_or("");
    if !title.is_empty() {
        parts.push(format!("# {}", escape(title)));
    }
    parts.push(meta_line(a, options));
    let lead = a.lead_figure();
    if let Some(f) = lead {
        parts.push(figure(f, options.figures));
    }
    body(a, options, lead, &mut parts);
    if !a.credits.is_empty() {
        let credits: Vec<String> = a.credits.iter().map(|c| escape(&c.text)).collect();
        parts.push(format!("*{}*", credits.join("; ").replace('\n', " ")));
    }
    if let Some(c) = &a.copyright {
        parts.push(escape(&c.text).replace('\n', "\\\n"));
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

/// The line under the title, in italics: the outlet, the publication date, the byline.
fn meta_line(a: &Article, options: &MarkdownOptions) -> String {
    let outlet = if options.outlet_display_name {
        a.outlet.display_name()
    } else {
        a.outlet.as_str()
    };
    let mut meta: Vec<String> = vec![escape(outlet)];
    if let Some(p) = &a.published {
        meta.push(escape(&published(&p.value, &p.raw)));
    }
    if !a.byline.is_empty() {
        meta.push(escape(&a.byline.join(", ")));
    }
    format!("*{}*", meta.join(" · "))
}

/// The blocks, one part each: the dateline opens the paragraph that hosts it (or stands
/// alone before the blocks), and the `lead` figure, written above, is not repeated.
fn body(a: &Article, options: &MarkdownOptions, lead: Option<&Figure>, parts: &mut Vec<String>) {
    let mut lead_done = lead.is_none();
    let dateline = super::dateline_lead(a);
    let host = dateline.as_ref().and_then(|_| super::dateline_host(a));
    if let (Some(d), None) = (&dateline, host) {
        parts.push(escape(d.trim()));
    }
    for (i, block) in a.blocks.iter().enumerate() {
        let md = match block {
            Block::Paragraph { inlines, .. } => match (&dateline, host) {
                (Some(d), Some(h)) if h == i => {
                    // The dateline starts the line; the text after it is mid-line.
                    let body = inline_runs_from(a, inlines, false);
                    format!("{}{body}", escape(d))
                }
                _ => inline_runs(a, inlines),
            },
            Block::Heading { level, inlines, .. } => heading(a, *level, inlines),
            Block::Quote { inlines, .. } => inline_runs(a, inlines)
                .lines()
                .map(|l| format!("> {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::List { ordered, items, .. } => list(a, *ordered, items),
            Block::Figure { figure: i, .. } => {
                let Some(f) = a.figures.get(*i) else { continue };
                if !lead_done && lead.is_some_and(|l| std::ptr::eq(l, f)) {
                    lead_done = true;
                    continue;
                }
                figure(f, options.figures)
            }
        };
        if !md.trim().is_empty() {
            parts.push(md);
        }
    }
}

/// A heading block: `#`s for its level (2 to 6), on one line.
fn heading(a: &Article, level: u8, inlines: &[Inline]) -> String {
    let hashes = "#".repeat(usize::from(level.clamp(2, 6)));
    // A heading is bold already; a subhead written as a bold paragraph needs no `**` inside.
    let plain: Vec<Inline> = inlines
        .iter()
        .map(|r| match r {
            Inline::Text {
                text, emphasis, link, ..
            } => Inline::Text {
                text: text.clone(),
                emphasis: *emphasis,
                strong: false,
                link: *link,
            },
            Inline::LineBreak => Inline::LineBreak,
        })
        .collect();
    format!("{hashes} {}", inline_runs(a, &plain).replace("\\\n", " "))
}

/// A list block: each item's continuation lines indented under its marker.
fn list(a: &Article, ordered: bool, items: &[Vec<Inline>]) -> String {
    items
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let marker = if ordered {
                format!("{}.", n + 1)
            } else {
                "-".to_owned()
            };
            let pad = " ".repeat(marker.len() + 1);
            let body = inline_runs(a, item).replace('\n', &format!("\n{pad}"));
            format!("{marker} {body}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The YAML front matter: one `key: value` line per field that has a value, strings
/// double-quoted and escaped so that no value can end the block or span lines.
fn front_matter(a: &Article) -> String {
    let mut out = String::from("---\n");
    let mut field = |key: &str, value: String| {
        let _ = writeln!(out, "{key}: {value}");
    };
    if let Some(t) = a.envelope.title.as_deref() {
        field("title", yaml_str(t));
    }
    if let Some(u) = &a.envelope.url {
        field("url", yaml_str(u.as_str()));
    }
    field("outlet", yaml_str(a.outlet.as_str()));
    field("outlet_name", yaml_str(a.outlet.display_name()));
    if let Some(id) = &a.article_id {
        field("article_id", yaml_str(id));
    }
    if let Some(p) = &a.published {
        field("published", yaml_str(&p.value.to_string()));
        field("precision", yaml_str(p.precision().as_str()));
    }
    if let Some(t) = a.envelope.mirrored_at {
        field(
            "mirrored_at",
            yaml_str(&t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
        );
    }
    if !a.byline.is_empty() {
        let names: Vec<String> = a.byline.iter().map(|n| yaml_str(n)).collect();
        field("byline", format!("[{}]", names.join(", ")));
    }
    if let Some(d) = &a.dateline {
        field("dateline", yaml_str(d));
    }
    if let Some(f) = a.lead_figure() {
        field("lead_image", yaml_str(f.src.as_str()));
    }
    field("words", a.stats().words.to_string());
    out.push_str("---");
    out
}

/// A YAML double-quoted scalar: `\`, `"` and every character YAML reads as a line break or
/// would not print are escaped.
fn yaml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if c.is_control() || c == '\u{feff}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn published(value: &PublishedValue, raw: &str) -> String {
    match value {
        PublishedValue::Instant(d) => d.to_rfc3339(),
        PublishedValue::Local(d) => d.format("%Y-%m-%d %H:%M").to_string(),
        PublishedValue::Date(d) => d.format("%Y-%m-%d").to_string(),
        #[allow(unreachable_patterns)]
        _ => raw.to_owned(),
    }
}

/// A link destination in `<...>` form: backslash escapes keep `<`, `>`, `\` and `&` (which would
/// start an entity) literal.
fn destination(url: &Url) -> String {
    let mut d = String::from("<");
    for c in url.as_str().chars() {
        if matches!(c, '<' | '>' | '\\' | '&') {
            d.push('\\');
        }
        d.push(c);
    }
    d.push('>');
    d
}

fn figure(f: &Figure, style: FigureStyle) -> String {
    let label = f.alt.as_deref().or(f.caption.as_deref()).unwrap_or("");
    let mut s = match (f.kind, style) {
        (MediaKind::Image, FigureStyle::Image) => format!("![{}]({})", escape(label), destination(&f.src)),
        (MediaKind::Image, _) if label.trim().is_empty() => format!("[image]({})", destination(&f.src)),
        (MediaKind::Image, _) => format!("[image: {}]({})", escape_mid(label), destination(&f.src)),
        (kind, _) => match (&f.poster, style) {
            (Some(p), FigureStyle::Image) => {
                format!("[![{kind}]({})]({})", destination(p), destination(&f.src))
            }
            _ => format!("[{kind}]({})", destination(&f.src)),
        },
    };
    let mut under: Vec<String> = Vec::new();
    if let Some(c) = &f.caption {
        under.push(escape(c));
    }
    if let Some(c) = &f.credit {
        under.push(escape(c));
    }
    if !under.is_empty() {
        let _ = write!(s, "\\\n*{}*", under.join(" — "));
    }
    s
}

/// Inline runs with emphasis and links; a line break is a hard break.
fn inline_runs(a: &Article, runs: &[Inline]) -> String {
    inline_runs_from(a, runs, true)
}

/// [`inline_runs`], starting at the start of a line or after text already on it.
fn inline_runs_from(a: &Article, runs: &[Inline], line_start: bool) -> String {
    let mut out = String::new();
    let mut line_start = line_start;
    let mut i = 0;
    while let Some(run) = runs.get(i) {
        match run {
            Inline::LineBreak => {
                // A trailing hard break would be literal text; only break between lines.
                if runs.get(i + 1).is_some() && !out.is_empty() {
                    out.push_str("\\\n");
                }
                i += 1;
            }
            Inline::Text { link, .. } => {
                let target = link
                    .and_then(|l| a.links.get(l))
                    .filter(|l| matches!(l.kind, LinkKind::Internal | LinkKind::External))
                    .and_then(|l| l.href.as_ref());
                let mut end = i + 1;
                while let Some(Inline::Text { link: other, .. }) = runs.get(end) {
                    if *other != *link || link.is_none() {
                        break;
                    }
                    end += 1;
                }
                if link.is_none() {
                    end = i + 1;
                }
                let group = runs.get(i..end).unwrap_or(&[]);
                let at_start = (out.is_empty() && line_start) || out.ends_with('\n');
                line_start = false;
                let text: String = group
                    .iter()
                    .enumerate()
                    .map(|(k, r)| styled(r, at_start && k == 0))
                    .collect();
                match target {
                    Some(url) if !text.trim().is_empty() => {
                        let _ = write!(out, "[{text}]({})", destination(url));
                    }
                    _ => out.push_str(&text),
                }
                i = end;
            }
        }
    }
    out
}

/// One run, escaped, with emphasis. Whitespace stays outside the delimiters, where CommonMark
/// needs it for them to count.
fn styled(run: &Inline, at_start: bool) -> String {
    let Inline::Text {
        text,
        emphasis,
        strong,
        ..
    } = run
    else {
        return String::new();
    };
    let delim = match (emphasis, strong) {
        (true, true) => "***",
        (false, true) => "**",
        (true, false) => "*",
        (false, false) => "",
    };
    let core = text.trim();
    if core.is_empty() {
        return text.clone();
    }
    let lead = text.get(..text.len() - text.trim_start().len()).unwrap_or("");
    let trail = text.get(text.trim_end().len()..).unwrap_or("");
    // Up to three spaces may indent a block marker: a run at the start of a line is escaped
    // as a line start whatever whitespace leads it.
    let esc = |s: &str, first: bool| if first { escape(s) } else { escape_mid(s) };
    if delim.is_empty() {
        return format!("{lead}{}{trail}", esc(core, at_start));
    }
    // A delimiter opens only before a letter and closes only after one when punctuation
    // stands on its other side (CommonMark's flanking rules, `**吕先三：**1980`): punctuation
    // at the ends of the run stands outside the delimiters, unstyled.
    let edge = |c: char| is_punctuation(c) || c.is_whitespace();
    let inner = core.trim_start_matches(edge);
    let pre = core.get(..core.len() - inner.len()).unwrap_or("");
    let mid = inner.trim_end_matches(edge);
    let post = inner.get(mid.len()..).unwrap_or("");
    if mid.is_empty() {
        return format!("{lead}{}{trail}", esc(core, at_start));
    }
    let pre = esc(pre, at_start);
    format!(
        "{lead}{pre}{delim}{}{delim}{}{trail}",
        escape_mid(mid),
        escape_mid(post)
    )
}

/// Punctuation as CommonMark's flanking rules see it: anything neither a letter, a digit
/// nor whitespace (ASCII punctuation, CJK punctuation, symbols).
fn is_punctuation(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// Escapes text that starts a line: inline metacharacters plus what would open a block there.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (n, line) in s.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&escape_line_start(line));
    }
    out
}

fn escape_line_start(line: &str) -> String {
    let body = escape_mid(line);
    let first = line.chars().next();
    // `-`, `+`, `=` open list items, thematic breaks and setext underlines; `#` an ATX heading,
    // `>` a block quote, `~~~` a code fence; `1.` and `1)` open ordered lists. (`*`, `_`, `` ` ``
    // and `<` are escaped everywhere.)
    let opens = matches!(first, Some('-' | '+' | '=' | '#' | '>')) || line.starts_with("~~~");
    if opens && !body.starts_with('\\') {
        return format!("\\{body}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        if let Some(after @ ('.' | ')')) = line.chars().nth(digits) {
            let head: String = line.chars().take(digits).collect();
            let rest = escape_mid(line.get(head.len() + 1..).unwrap_or(""));
            return format!("{head}\\{after}{rest}");
        }
    }
    body
}

/// Escapes what CommonMark reads as inline structure anywhere in a line, and nothing else:
/// backslashes, code spans, emphasis, link and image brackets, autolinks and raw HTML, entity
/// references (`&` before a name or `#`), and the closing `#`s of a heading. Parentheses, `!`,
/// `>` and `#` mid-line, `|` and `~` are text: with `[` and `]` escaped no link can form, and
/// tables and strikethrough are not CommonMark.
pub(crate) fn escape_mid(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        let rest = s.get(i + c.len_utf8()..).unwrap_or("");
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' => true,
            '&' => rest.starts_with(|n: char| n.is_ascii_alphanumeric() || n == '#'),
            // A run of `#` ending the text closes an ATX heading and would vanish.
            '#' => rest.chars().all(|n| n == '#' || n == ' '),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads back a value [`yaml_str`] wrote (the YAML double-quoted escapes it uses).
    fn unquote(v: &str) -> String {
        let inner = v
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .expect("quoted");
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            assert_ne!(c, '"', "unescaped quote in {v}");
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next().expect("escape") {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'N' => out.push('\u{85}'),
                'L' => out.push('\u{2028}'),
                'P' => out.push('\u{2029}'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                }
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn yaml_strings_stay_on_one_line_and_read_back() {
        for s in [
            "plain",
            "a \"quoted\" \\ path",
            "two\nlines\r\n---",
            "\u{85}\u{2028}\u{2029}\u{1}\u{feff}",
            "德国之声: x",
        ] {
            let y = yaml_str(s);
            assert!(
                !y.chars()
                    .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')),
                "{y}"
            );
            assert_eq!(unquote(&y), s);
        }
    }

    #[test]
    fn front_matter_holds_the_fields_and_nothing_escapes_it() {
        let blob = "<!--1684939624000-->\n[A \"title\"\\ --- x](https://www.dw.com/zh/x/a-65724304)\n------\n\n\
            <div><i>Anna Li<br>2023-05-24T14:34:01.707Z</i></div><p>（德国之声中文网）Text.</p>";
        let a = crate::parse(blob).unwrap();
        let md = a.to_markdown_with(&MarkdownOptions::default().front_matter(true));
        let (yaml, rest) = md.strip_prefix("---\n").unwrap().split_once("\n---\n").unwrap();
        let fields: Vec<(&str, &str)> = yaml.lines().map(|l| l.split_once(": ").unwrap()).collect();
        let keys: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            keys,
            [
                "title",
                "url",
                "outlet",
                "outlet_name",
                "article_id",
                "published",
                "precision",
                "mirrored_at",
                "byline",
                "dateline",
                "words"
            ]
        );
        let get = |k: &str| fields.iter().find(|(key, _)| *key == k).unwrap().1;
        assert_eq!(unquote(get("title")), "A \"title\"\\ --- x");
        assert_eq!(unquote(get("published")), "2023-05-24T14:34:01.707Z");
        assert_eq!(unquote(get("precision")), "instant");
        assert_eq!(unquote(get("mirrored_at")), "2023-05-24T14:47:04Z");
        assert_eq!(get("byline"), "[\"Anna Li\"]");
        assert_eq!(unquote(get("dateline")), "（德国之声中文网）");
        assert_eq!(get("words"), "1");
        assert_eq!(rest, format!("\n{}", a.to_markdown()));
    }

    #[test]
    fn figures_as_links_fetch_nothing() {
        let blob = "<!--1-->\n[t](https://example.com/a)\n------\n\n\
            <figure><img src=\"https://img.example/a.png\" alt=\"A [cat]\"></figure><p>x</p>\
            <video src=\"https://v.example/v.mp4\" poster=\"https://img.example/p.png\"></video>";
        let a = crate::parse(blob).unwrap();
        let md = a.to_markdown_with(&MarkdownOptions::default().figures(FigureStyle::Link));
        assert!(
            md.contains("[image: A \\[cat\\]](<https://img.example/a.png>)"),
            "{md}"
        );
        assert!(md.contains("[video](<https://v.example/v.mp4>)"), "{md}");
        assert!(!md.contains("!["), "{md}");
        assert!(!md.contains("p.png"), "{md}");
        let images = a.to_markdown();
        assert!(
            images.contains("![A \\[cat\\]](<https://img.example/a.png>)"),
            "{images}"
        );
        assert!(
            images.contains("[![video](<https://img.example/p.png>)](<https://v.example/v.mp4>)"),
            "{images}"
        );
    }

    #[test]
    fn escapes_structure() {
        assert_eq!(escape("[x](javascript:1)"), "\\[x\\](javascript:1)");
        assert_eq!(escape("- a\n1. b"), "\\- a\n1\\. b");
        assert_eq!(escape("<b>&amp;"), "\\<b>\\&amp;");
        assert_eq!(escape("# x\n> y\n~~~"), "\\# x\n\\> y\n\\~~~");
        assert_eq!(escape_mid("Top 10 #"), "Top 10 \\#");
        assert_eq!(escape("##"), "\\#\\#");
    }

    #[test]
    fn parentheses_and_marks_mid_line_stay_as_written() {
        assert_eq!(escape("周日(12月20日)"), "周日(12月20日)");
        assert_eq!(escape("a > b! c # d | e ~ f & g"), "a > b! c # d | e ~ f & g");
        assert_eq!(escape("AT&T"), "AT\\&T");
    }
}
