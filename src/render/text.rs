//! Plain text: the title and each block's text, paragraphs kept apart; the dateline opens the
//! first paragraph as it did in the item.

use std::borrow::Cow;

use crate::model::{Article, Block};

pub(crate) fn render(a: &Article) -> String {
    let dateline = super::dateline_lead(a);
    let host = dateline.as_ref().and_then(|_| super::dateline_host(a));
    let mut parts: Vec<Cow<'_, str>> = Vec::with_capacity(a.blocks.len() + 2);
    if let Some(t) = a
        .envelope
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        parts.push(Cow::Borrowed(t));
    }
    if let (Some(d), None) = (&dateline, host) {
        parts.push(Cow::Owned(d.trim().to_owned()));
    }
    for (i, block) in a.blocks.iter().enumerate() {
        let text = match block {
            // A figure's text is its caption; media without one say nothing.
            Block::Figure { text, .. } => text.as_str(),
            other => other.text(),
        };
        match (&dateline, host) {
            (Some(d), Some(h)) if h == i => parts.push(Cow::Owned(format!("{d}{text}"))),
            _ if !text.trim().is_empty() => parts.push(Cow::Borrowed(text)),
            _ => {}
        }
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}
