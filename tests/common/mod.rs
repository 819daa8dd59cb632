//! Finding the shared corpus: `FEEDMIRROR_CORPUS`, else `../shared/corpus` beside the
//! repository. Shared by the tests here and those of the `xtests` crate (`#[path]`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root: the directory of the test's crate, or its parent for `xtests/`.
pub fn repo_root() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    if dir.join("examples/samples").is_dir() {
        dir.to_owned()
    } else {
        dir.parent().unwrap_or(dir).to_owned()
    }
}

/// The corpus root, or `None` (with a message on stderr) when it is absent.
pub fn corpus_root() -> Option<PathBuf> {
    let root = std::env::var_os("FEEDMIRROR_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/corpus"));
    if root.is_dir() {
        Some(root)
    } else {
        eprintln!(
            "SKIPPED: corpus not found at {} (set FEEDMIRROR_CORPUS to run this test)",
            root.display()
        );
        None
    }
}

/// Every blob file under the corpus root (sorted), as (path, text); index files are left out.
pub fn corpus_files() -> Option<Vec<(PathBuf, String)>> {
    let root = corpus_root()?;
    let mut stack = vec![root];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read corpus dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if !matches!(
                path.file_name().and_then(|n| n.to_str()),
                Some("SOURCES.md" | "MANIFEST.tsv")
            ) {
                files.push(path);
            }
        }
    }
    files.sort();
    Some(
        files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("corpus files are UTF-8");
                (p, text)
            })
            .collect(),
    )
}

/// The outlet folder (curated) or the `from:` host (bulk) of a corpus file, for per-outlet counts.
pub fn source_host(text: &str) -> String {
    text.lines()
        .take(20)
        .find_map(|l| l.strip_prefix("from:"))
        .and_then(|u| url::Url::parse(u.trim()).ok())
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}
