//! Near duplicates in a collection of blobs: the pairs whose text fingerprints are at least
//! `--threshold` similar (default 0.5), most similar first, and how the dedup keys group the
//! files.
//!
//! ```text
//! cargo run --release --example near_duplicates -- [--threshold T] [--all-pairs] PATH...
//! ```
//!
//! Each PATH is a blob file or a directory (read recursively). Candidate pairs come from the
//! fingerprints' LSH bands (`Fingerprint::bands`), as an index over a large archive would find
//! them; `--all-pairs` compares every pair instead, to see what the bands miss. Output, one
//! tab-separated line per pair: similarity, whether the dedup keys agree (`same_key`), the two
//! outlets, the two paths, the two titles. A summary goes to stderr.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use feedmirror::{Article, DedupKey, Fingerprint};

struct Item {
    path: PathBuf,
    article: Article,
    key: DedupKey,
    fingerprint: Fingerprint,
}

fn main() -> ExitCode {
    let mut threshold = 0.5;
    let mut all_pairs = false;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threshold" => match args.next().and_then(|v| v.parse::<f64>().ok()) {
                Some(t) if (0.0..=1.0).contains(&t) => threshold = t,
                _ => return usage("--threshold needs a number from 0 to 1"),
            },
            "--all-pairs" => all_pairs = true,
            "-h" | "--help" => return usage(""),
            s if s.starts_with('-') => return usage(&format!("unknown option `{s}`")),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        return usage("no PATH given");
    }
    let mut files = Vec::new();
    for p in &paths {
        if let Err(e) = collect(p, &mut files) {
            eprintln!("near_duplicates: cannot read {}: {e}", p.display());
            return ExitCode::from(2);
        }
    }

    let mut items = Vec::new();
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let Ok(article) = feedmirror::parse_bytes(&bytes) else {
            continue;
        };
        let fingerprint = article.fingerprint();
        if fingerprint.is_empty() {
            continue;
        }
        let key = article.dedup_key();
        items.push(Item {
            path,
            article,
            key,
            fingerprint,
        });
    }

    let candidates: BTreeSet<(usize, usize)> = if all_pairs {
        (0..items.len())
            .flat_map(|i| (i + 1..items.len()).map(move |j| (i, j)))
            .collect()
    } else {
        // Files sharing a band key are candidates.
        let mut by_band: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            for band in item.fingerprint.bands() {
                by_band.entry(band).or_default().push(i);
            }
        }
        let mut pairs = BTreeSet::new();
        for group in by_band.values() {
            for (n, &i) in group.iter().enumerate() {
                for &j in group.iter().skip(n + 1) {
                    pairs.insert((i.min(j), i.max(j)));
                }
            }
        }
        pairs
    };

    let mut pairs: Vec<(f64, usize, usize)> = candidates
        .iter()
        .map(|&(i, j)| (items[i].fingerprint.similarity(&items[j].fingerprint), i, j))
        .filter(|&(s, _, _)| s >= threshold)
        .collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));

    let (mut same_key, mut cross_outlet) = (0, 0);
    for &(s, i, j) in &pairs {
        let (a, b) = (&items[i], &items[j]);
        let same = a.key == b.key;
        same_key += usize::from(same);
        cross_outlet += usize::from(a.article.outlet != b.article.outlet);
        println!(
            "{s:.3}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            if same { "same_key" } else { "other_key" },
            a.article.outlet,
            b.article.outlet,
            a.path.display(),
            b.path.display(),
            a.article.title().unwrap_or(""),
            b.article.title().unwrap_or(""),
        );
    }

    let mut groups: BTreeMap<String, usize> = BTreeMap::new();
    for item in &items {
        *groups.entry(item.key.to_string()).or_default() += 1;
    }
    let shared = groups.values().filter(|&&n| n > 1).count();
    let editions = items
        .iter()
        .filter(|i| matches!(i.key, DedupKey::Edition { .. }))
        .map(|i| i.key.to_string())
        .collect::<BTreeSet<_>>();
    let edition_urls = |key: &String| {
        items
            .iter()
            .filter(|i| i.key.to_string() == *key)
            .filter_map(|i| i.article.url().map(|u| u.as_str().to_owned()))
            .collect::<BTreeSet<_>>()
            .len()
    };
    let merged_urls = editions.iter().filter(|k| edition_urls(k) > 1).count();
    eprintln!(
        "near_duplicates: {} articles with text; {} candidate pairs ({}); {} pairs at {threshold} or above: \
         {same_key} with the same dedup key, {} with different keys ({cross_outlet} across outlets)",
        items.len(),
        candidates.len(),
        if all_pairs { "all pairs" } else { "from LSH bands" },
        pairs.len(),
        pairs.len() - same_key,
    );
    eprintln!(
        "  dedup keys: {} distinct, {shared} shared by several files; {} edition keys, {merged_urls} of them \
         joining different URLs",
        groups.len(),
        editions.len(),
    );
    ExitCode::SUCCESS
}

fn usage(msg: &str) -> ExitCode {
    if !msg.is_empty() {
        eprintln!("near_duplicates: {msg}");
    }
    eprintln!("usage: near_duplicates [--threshold T] [--all-pairs] PATH...");
    ExitCode::from(2)
}

/// Adds `path`, or every regular file under it, sorted.
fn collect(path: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !std::fs::metadata(path)?.is_dir() {
        files.push(path.to_owned());
        return Ok(());
    }
    let mut found = Vec::new();
    let mut stack = vec![path.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                stack.push(entry.path());
            } else {
                found.push(entry.path());
            }
        }
    }
    found.sort();
    files.extend(found);
    Ok(())
}
