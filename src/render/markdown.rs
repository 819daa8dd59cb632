//! CommonMark. Every piece of text is escaped, so nothing from the input can open a link, an
//! image, raw HTML or block structure; links and images come only from the model's URLs.

use std::fmt::Write as _;

use url::Url;

use crate::model::{Article, Block, Figure, Inline, LinkKind, MediaKind, PublishedValue};

pub(crate) fn render(a: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    let title = a.envelope.title.as_deref().map(str::trim).unwrap_or("");
    if !title.is_empty() {
        parts.push(format!("# {}", escape(title)));
    }
    let mut meta: Vec<String> = vec![escape(a.outlet.as_str())];
    if let Some(p) = &a.published {
        meta.push(escape(&published(&p.value, &p.raw)));
    }
    if !a.byline.is_empty() {
        meta.push(escape(&a.byline.join(", ")));
    }
    parts.push(format!("*{}*", meta.join(" · ")));
    let lead = a.lead_figure();
    if let Some(f) = lead {
        parts.push(figure(f));
    }
    let mut lead_done = lead.is_none();
    for block in &a.blocks {
        let md = match block {
            Block::Paragraph { inlines, .. } => inline_runs(a, inlines),
            Block::Heading { level, inlines, .. } => {
                let hashes = "#".repeat(usize::from((*level).clamp(2, 6)));
                // A heading is bold already; DW's `<p><strong>` subheads need no `**` inside.
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
            Block::Quote { inlines, .. } => inline_runs(a, inlines)
                .lines()
                .map(|l| format!("> {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::List { ordered, items, .. } => items
                .iter()
                .enumerate()
                .map(|(n, item)| {
                    let marker = if *ordered {
                        format!("{}.", n + 1)
                    } else {
                        "-".to_owned()
                    };
                    let pad = " ".repeat(marker.len() + 1);
                    let body = inline_runs(a, item).replace('\n', &format!("\n{pad}"));
                    format!("{marker} {body}")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Figure { figure: i, .. } => {
                let Some(f) = a.figures.get(*i) else { continue };
                if !lead_done && lead.is_some_and(|l| std::ptr::eq(l, f)) {
                    lead_done = true;
                    continue;
                }
                figure(f)
            }
        };
        if !md.trim().is_empty() {
            parts.push(md);
        }
    }
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

fn figure(f: &Figure) -> String {
    let label = f.alt.as_deref().or(f.caption.as_deref()).unwrap_or("");
    let mut s = match f.kind {
        MediaKind::Image => format!("![{}]({})", escape(label), destination(&f.src)),
        MediaKind::Video | MediaKind::Audio | MediaKind::Embed => {
            let kind = match f.kind {
                MediaKind::Video => "video",
                MediaKind::Audio => "audio",
                _ => "embed",
            };
            match &f.poster {
                Some(p) => format!("[![{kind}]({})]({})", destination(p), destination(&f.src)),
                None => format!("[{kind}]({})", destination(&f.src)),
            }
        }
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
    let mut out = String::new();
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
                let at_start = out.is_empty() || out.ends_with('\n');
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
    let escaped = if at_start && lead.is_empty() {
        escape(core)
    } else {
        escape_mid(core)
    };
    format!("{lead}{delim}{escaped}{delim}{trail}")
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
    // `-`, `+`, `=` open list items, thematic breaks and setext underlines; `1.` and `1)` open
    // ordered lists.
    if matches!(first, Some('-' | '+' | '=')) {
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

/// Escapes the characters that can open inline structure anywhere in a line: emphasis, code,
/// links, images, autolinks, raw HTML, entities, and `#`/`>`/`|`/`~` for good measure.
pub(crate) fn escape_mid(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '<' | '>' | '!' | '&' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_structure() {
        assert_eq!(escape("[x](javascript:1)"), "\\[x\\]\\(javascript:1\\)");
        assert_eq!(escape("- a\n1. b"), "\\- a\n1\\. b");
        assert_eq!(escape("<b>&amp;"), "\\<b\\>\\&amp;");
    }
}
