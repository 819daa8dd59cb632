//! Peak heap memory while parsing one blob, against the blob's size and against the DOM that
//! html5ever builds for its body.
//!
//! What is asserted: `parse` needs at most 2.5× the peak of the bare html5ever + RcDom parse of
//! the same body, plus 16 KiB (the walk frees the tree as it builds the article, but text nodes
//! share their input buffers, which live until the last of them goes). What is reported: peak memory against the blob's size, and how many
//! blobs stay within 4× their size plus 64 KiB (the performance issue's target, which the
//! RcDom tree alone, at about 6× the HTML, does not meet on large blobs).
//!
//! A counting global allocator sees every allocation of this test binary, so this file holds a
//! single test: nothing else allocates while it measures.

#[path = "../../tests/common/mod.rs"]
mod common;

use html5ever::tendril::TendrilSink;
use peak_alloc::PeakAlloc;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// The performance issue's target: bytes per input byte, and a constant.
const FACTOR: usize = 4;
const CONSTANT: usize = 64 * 1024;
/// `parse` may use this many times the bare tree's peak (as a fraction: 5/2), plus `OVER_TREE`.
const TREE_FACTOR: (usize, usize) = (5, 2);
const OVER_TREE: usize = 16 * 1024;

struct Measure {
    name: String,
    len: usize,
    /// The peak of the bare html5ever + RcDom parse of the body (the tree included).
    tree: usize,
    /// The most memory in use during `parse` (the result included), above what was in use
    /// before the call.
    peak: usize,
}

fn measure(name: &str, text: &str) -> Measure {
    let body = feedmirror::Blob::parse(text).map_or("", |b| b.body);
    let before = ALLOC.current_usage();
    ALLOC.reset_peak_usage();
    let dom = html5ever::parse_fragment(
        markup5ever_rcdom::RcDom::default(),
        html5ever::ParseOpts::default(),
        html5ever::QualName::new(None, html5ever::ns!(html), html5ever::local_name!("body")),
        Vec::new(),
        false,
    )
    .one(body);
    let tree = ALLOC.peak_usage().saturating_sub(before);
    drop(dom);
    let before = ALLOC.current_usage();
    ALLOC.reset_peak_usage();
    let article = feedmirror::parse(text);
    let peak = ALLOC.peak_usage().saturating_sub(before);
    drop(article);
    Measure {
        name: name.to_owned(),
        len: text.len(),
        tree,
        peak,
    }
}

fn samples() -> Vec<(String, String)> {
    let dir = common::repo_root().join("examples/samples");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("samples dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("sample");
            (p.display().to_string(), text)
        })
        .collect();
    out.sort();
    out
}

/// A sample's body repeated up to about `size` bytes behind its envelope: how memory grows with
/// the input.
fn grown(text: &str, size: usize) -> String {
    let blob = feedmirror::Blob::parse(text).expect("sample envelope");
    let head = text.get(..blob.body_offset).expect("body offset");
    let mut out = String::with_capacity(size + text.len());
    out.push_str(head);
    while out.len() < size {
        out.push_str(blob.body);
        out.push('\n');
    }
    out
}

#[test]
fn peak_memory_stays_at_the_dom_that_html5ever_builds() {
    // One-time global state (html5ever's atom tables and the like) is not per-blob memory.
    measure(
        "warm-up",
        "<!--1684939624000-->\n[t](https://www.dw.com/zh/x/a-1)\n------\n\n<p>x</p>\n",
    );

    let mut inputs = samples();
    let dw = inputs
        .iter()
        .find(|(n, _)| n.ends_with("dw.txt"))
        .map(|(_, t)| t.clone())
        .expect("the dw sample");
    for size in [64 * 1024, 1024 * 1024, 4 * 1024 * 1024] {
        inputs.push((
            format!("dw sample body repeated to {} KiB", size / 1024),
            grown(&dw, size),
        ));
    }
    match common::corpus_files() {
        Some(files) => inputs.extend(files.into_iter().map(|(p, t)| (p.display().to_string(), t))),
        None => eprintln!("corpus absent: measuring the samples and the grown inputs only"),
    }

    let results: Vec<Measure> = inputs.iter().map(|(n, t)| measure(n, t)).collect();
    assert!(
        results.iter().all(|m| m.peak > 0 && m.tree > 0),
        "the allocator saw nothing"
    );

    let ratio = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let at = |q: usize| {
            v.get((v.len() * q / 100).min(v.len().saturating_sub(1)))
                .copied()
                .unwrap_or(0.0)
        };
        format!("median {:.2}, p90 {:.2}, max {:.2}", at(50), at(90), at(100))
    };
    let mut by_size: Vec<f64> = results.iter().map(|m| m.peak as f64 / m.len as f64).collect();
    let mut tree_by_size: Vec<f64> = results.iter().map(|m| m.tree as f64 / m.len as f64).collect();
    let mut by_tree: Vec<f64> = results.iter().map(|m| m.peak as f64 / m.tree as f64).collect();
    let within = results
        .iter()
        .filter(|m| m.peak <= FACTOR * m.len + CONSTANT)
        .count();
    eprintln!("{} inputs", results.len());
    eprintln!("parse peak / blob size:      {}", ratio(&mut by_size));
    eprintln!("bare tree peak / blob size:  {}", ratio(&mut tree_by_size));
    eprintln!("parse peak / bare tree peak: {}", ratio(&mut by_tree));
    eprintln!(
        "within {FACTOR}× size + {} KiB: {within} of {}",
        CONSTANT / 1024,
        results.len()
    );
    for m in &results {
        assert!(
            m.peak <= m.tree * TREE_FACTOR.0 / TREE_FACTOR.1 + OVER_TREE,
            "{}: {} bytes, parse peak {} against a bare tree peak of {}",
            m.name,
            m.len,
            m.peak,
            m.tree
        );
    }
}
