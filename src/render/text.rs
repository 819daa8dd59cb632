//! Plain text: the title and each block's text, paragraphs kept apart.

use crate::model::{Article, Block};

pub(crate) fn render(a: &Article) -> String {
    let mut parts: Vec<&str> = Vec::with_capacity(a.blocks.len() + 1);
    if let Some(t) = a
        .envelope
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        parts.push(t);
    }
    for block in &a.blocks {
        let text = match block {
            // A figure's text is its caption; media without one say nothing.
            Block::Figure { text, .. } => text.as_str(),
            other => other.text(),
        };
        if !text.trim().is_empty() {
            parts.push(text);
        }
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}
