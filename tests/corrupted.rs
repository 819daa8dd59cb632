//! Truncated and corrupted versions of every corpus file never panic: each is parsed (or
//! refused with an error) and whatever comes out holds the output guarantees.

mod common;

use feedmirror::{Block, LinkKind};

/// Deterministic positions spread over a file (no randomness: failures must reproduce).
fn positions(len: usize, n: usize) -> impl Iterator<Item = usize> {
    (1..=n).map(move |i| len.saturating_mul(i) / (n + 1))
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn check(input: &str) {
    let Ok(a) = feedmirror::parse(input) else { return };
    for f in &a.figures {
        assert!(matches!(f.src.scheme(), "http" | "https"));
    }
    for l in &a.links {
        assert_eq!(l.href.is_none(), l.kind == LinkKind::Unsafe);
    }
    for b in &a.blocks {
        assert!(!b.text().chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        if let Block::Figure { figure, .. } = b {
            assert!(*figure < a.figures.len());
        }
    }
}

#[test]
fn truncated_and_corrupted_corpus_files_never_panic() {
    let Some(files) = common::corpus_files() else {
        return;
    };
    let mut variants = 0usize;
    // Markup that, dropped in mid-file, breaks structure the most.
    let inserts = [
        "<",
        "<!--",
        "]](",
        "\n---\n",
        "<div>",
        "</p></div></body>",
        "&#x202e;",
        "<table><tr><td>",
    ];
    for (_, text) in &files {
        for cut in positions(text.len(), 6) {
            check(&text[..floor_char(text, cut)]);
            variants += 1;
        }
        for (k, at) in positions(text.len(), 4).enumerate() {
            let at = floor_char(text, at);
            let mut corrupted = String::with_capacity(text.len() + 16);
            corrupted.push_str(&text[..at]);
            corrupted.push_str(inserts[k % inserts.len()]);
            // Drop a few characters after the insertion point too.
            let skip = text[at..]
                .char_indices()
                .nth(7)
                .map_or(text.len(), |(i, _)| at + i);
            corrupted.push_str(&text[skip..]);
            check(&corrupted);
            variants += 1;
        }
    }
    eprintln!(
        "corrupted corpus: {} files, {variants} truncated or corrupted variants parsed without a panic",
        files.len()
    );
}
