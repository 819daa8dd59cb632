//! The canonical blob: an envelope and clean HTML that parse back into the same article.
//!
//! The envelope is written in the regular layout, so that what the reader warns about it (a
//! `<!--NaN-->` timestamp on its line, a front-matter date that is not a date, mismatches
//! between the front matter and the header) comes back. The body is written in the canonical
//! markup (see `crate::canonical`): article text as plain HTML, every other part with its
//! typed data, so nothing depends on the extractor's heuristics. Nothing here parses.

mod body;

use std::borrow::Cow;

use chrono::SecondsFormat;
use url::Url;

use crate::envelope::{EnvelopeForm, FrontMatter};
use crate::error::WarningDetail;
use crate::model::Article;

pub(crate) fn render(a: &Article) -> String {
    let mut out = envelope(a);
    out.push_str("<div>\n");
    out.push_str(&body::render(a));
    out.push_str("\n</div>\n");
    out
}

fn envelope(a: &Article) -> String {
    let env = &a.envelope;
    let fm_default = FrontMatter::default();
    let fm = match (&env.front_matter, env.form) {
        (Some(fm), _) => Some(fm),
        // The front-matter-only form needs a front matter, even an empty one.
        (None, EnvelopeForm::FrontMatterOnly) => Some(&fm_default),
        (None, _) => None,
    };
    let mut lines = fm.map(|fm| front_matter(fm, a)).unwrap_or_default();
    if env.form == EnvelopeForm::FrontMatterOnly {
        lines.push(String::new());
        return join(lines);
    }
    let (comment, nan_at) = timestamp_comment(a, fm.is_some());
    let mut bom = false;
    if let (Some(c), Some((line, column))) = (&comment, nan_at) {
        // The warning names the comment's line: blank lines (skipped by the reader) put it
        // there, inserted at once and bounded (a position from hand-edited JSON may be absurd).
        let missing = line.saturating_sub(lines.len() + 1).min(MAX_PADDING);
        lines.extend(std::iter::repeat_n(String::new(), missing));
        // A byte order mark is the only thing that can stand before it on its line.
        bom = c == "<!--NaN-->" && (line, column) == (1, 2) && lines.is_empty();
    }
    lines.extend(comment);
    let title = env
        .title
        .as_deref()
        .unwrap_or("")
        .replace('&', "&amp;")
        .replace('\n', "&#10;");
    let url = env.url.as_ref().map_or("", Url::as_str);
    lines.push(format!("[{title}]({url})"));
    lines.push("------".to_owned());
    lines.push(String::new());
    let text = join(lines);
    if bom { format!("\u{feff}{text}") } else { text }
}

/// The `<!--ms-->` comment to write, and where a `<!--NaN-->` one stood.
fn timestamp_comment(a: &Article, has_front_matter: bool) -> (Option<String>, Option<(usize, usize)>) {
    if let Some(t) = a.envelope.mirrored_at {
        return (Some(format!("<!--{}-->", t.timestamp_millis())), None);
    }
    for w in &a.warnings {
        match &w.detail {
            WarningDetail::NanTimestamp => return (Some("<!--NaN-->".to_owned()), w.position),
            // Written back as found when it is a whole comment, else as another bad value.
            WarningDetail::InvalidTimestamp { found } => {
                let whole = found.starts_with("<!--") && found.ends_with("-->") && !found.contains("<!-- ");
                let c = if whole {
                    found.clone()
                } else {
                    "<!--invalid-->".to_owned()
                };
                return (Some(c), None);
            }
            _ => {}
        }
    }
    // Without front matter a header may lack the comment; with one the comment is what makes
    // it the full form.
    (has_front_matter.then(|| "<!--NaN-->".to_owned()), None)
}

fn join(lines: Vec<String>) -> String {
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

/// At most this many blank lines are written to put a line where a warning says it stood; an
/// article whose warning names a later line does not round-trip exactly.
const MAX_PADDING: usize = 100_000;

/// A double-quoted YAML string as the front-matter reader unquotes it.
fn yaml_quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '\\' => q.push_str("\\\\"),
            '"' => q.push_str("\\\""),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            _ => q.push(c),
        }
    }
    q.push('"');
    q
}

/// A list: one item as a quoted scalar (which may hold commas), several in `[ ... ]`.
fn yaml_list(items: &[Cow<'_, str>]) -> String {
    match items {
        [one] => yaml_quote(one),
        _ => {
            let quoted: Vec<String> = items
                .iter()
                .map(|i| format!("\"{}\"", i.replace('\\', "\\\\").replace('"', "\\\"")))
                .collect();
            format!("[ {} ]", quoted.join(", "))
        }
    }
}

/// The front matter's lines, `---` to `---`: each value on a line of its own; a `date` value
/// that was not a date on the line its warning names, other lines filling the lines before.
fn front_matter(fm: &FrontMatter<'_>, a: &Article) -> Vec<String> {
    let bad_dates: Vec<(usize, &str)> = a
        .warnings
        .iter()
        .filter_map(|w| match (&w.detail, w.position) {
            (WarningDetail::FrontMatterDate { value }, Some((line, _))) => Some((line, value.as_str())),
            _ => None,
        })
        .collect();
    let mut movable = key_lines(fm, bad_dates.last().map(|(_, v)| *v)).into_iter();
    let mut lines = vec!["---".to_owned()];
    for (line, value) in bad_dates {
        let missing = line.saturating_sub(lines.len() + 1).min(MAX_PADDING);
        for _ in 0..missing {
            lines.push(movable.next().unwrap_or_default());
        }
        lines.push(format!("date: {}", yaml_quote(value)));
    }
    lines.extend(movable);
    lines.push("---".to_owned());
    lines
}

/// One `key: value` line per value; `extra`'s `date` is left out when it is `bad_date`, which
/// is written where its warning says.
fn key_lines(fm: &FrontMatter<'_>, bad_date: Option<&str>) -> Vec<String> {
    let mut lines = Vec::new();
    let mut scalar = |key: &str, v: Option<&str>| {
        if let Some(v) = v {
            lines.push(format!("{key}: {}", yaml_quote(v)));
        }
    };
    scalar("layout", fm.layout.as_deref());
    scalar("title", fm.title.as_deref());
    scalar("author", fm.author.as_deref());
    scalar("from", fm.from.as_deref());
    if let Some(d) = fm.date {
        lines.push(format!(
            "date: {}",
            d.to_rfc3339_opts(SecondsFormat::AutoSi, true)
        ));
    }
    if !fm.tags.is_empty() {
        lines.push(format!("tags: {}", yaml_list(&fm.tags)));
    }
    if let Some(c) = fm.comments {
        lines.push(format!("comments: {c}"));
    }
    if !fm.categories.is_empty() {
        lines.push(format!("categories: {}", yaml_list(&fm.categories)));
    }
    for (k, v) in &fm.extra {
        if k == "date" && Some(v.as_ref()) == bad_date {
            continue;
        }
        lines.push(format!("{k}: {}", yaml_quote(v)));
    }
    lines
}
