//! The canonical blob parses back to the same article: over every corpus file, every sample,
//! and generated articles. Counts are printed.

mod common;

use std::collections::BTreeMap;

fn first_difference(a: &feedmirror::Article, b: &feedmirror::Article) -> String {
    let (x, y) = (format!("{a:#?}"), format!("{b:#?}"));
    let (xl, yl): (Vec<&str>, Vec<&str>) = (x.lines().collect(), y.lines().collect());
    let at = xl
        .iter()
        .zip(&yl)
        .position(|(p, q)| p != q)
        .unwrap_or(xl.len().min(yl.len()));
    let lo = at.saturating_sub(6);
    format!(
        "original:\n{}\nround trip:\n{}",
        xl[lo..(at + 3).min(xl.len())].join("\n"),
        yl[lo..(at + 3).min(yl.len())].join("\n")
    )
}

#[test]
fn corpus_round_trips_through_the_canonical_blob() {
    let Some(files) = common::corpus_files() else {
        return;
    };
    let (mut checked, mut passed, mut not_blobs) = (0, 0, 0);
    let mut failures: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, text) in &files {
        let Ok(article) = feedmirror::parse(text) else {
            not_blobs += 1;
            continue;
        };
        checked += 1;
        let blob = article.to_blob();
        match feedmirror::parse(&blob) {
            Ok(back) if back == article => passed += 1,
            Ok(back) => {
                if let Some(dir) = std::env::var_os("FEEDMIRROR_DUMP") {
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    let dir = std::path::Path::new(&dir);
                    std::fs::write(dir.join(format!("{name}.a")), format!("{article:#?}")).unwrap();
                    std::fs::write(dir.join(format!("{name}.b")), format!("{back:#?}")).unwrap();
                    std::fs::write(dir.join(format!("{name}.blob")), &blob).unwrap();
                }
                failures
                    .entry(common::source_host(text))
                    .or_default()
                    .push(format!(
                        "{}\n{}",
                        path.display(),
                        first_difference(&article, &back)
                    ));
            }
            Err(e) => failures
                .entry(common::source_host(text))
                .or_default()
                .push(format!("{}: the blob does not parse: {e}", path.display())),
        }
    }
    eprintln!(
        "canonical blob round trip: {passed}/{checked} articles equal; {not_blobs} corpus files are not blobs"
    );
    for (host, f) in &failures {
        eprintln!("  {host}: {} failing", f.len());
    }
    let shown: Vec<&String> = failures.values().flatten().take(8).collect();
    assert!(
        failures.is_empty(),
        "{} failures, first ones:\n{}",
        checked - passed,
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n---\n")
    );
}
