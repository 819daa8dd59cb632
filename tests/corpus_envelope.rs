//! The envelope over every file of the shared corpus, checked against the front-matter oracle.

mod common;

use chrono::Utc;
use feedmirror::{Blob, EnvelopeForm, WarningDetail, WarningKind};

#[test]
fn every_corpus_envelope_parses_and_agrees_with_its_front_matter() {
    let Some(files) = common::corpus_files() else {
        return;
    };
    assert!(
        files.len() > 3000,
        "expected the whole corpus, found {} files",
        files.len()
    );
    let (mut full, mut header, mut fm_only) = (0, 0, 0);
    let (mut titles, mut urls, mut dates) = (0, 0, 0);
    let mut truncated = 0;
    let mut empty_bodies = 0;
    let mut date_mismatch = Vec::new();
    for (path, text) in &files {
        let blob = Blob::parse(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let env = &blob.envelope;
        match env.form {
            EnvelopeForm::Full => full += 1,
            EnvelopeForm::Header => header += 1,
            EnvelopeForm::FrontMatterOnly => fm_only += 1,
            other => panic!("unexpected form {other:?}"),
        }
        if blob.body.trim().is_empty() {
            empty_bodies += 1;
        }
        assert!(
            !blob.body.starts_with("<!--1"),
            "{}: header left in body",
            path.display()
        );
        let Some(fm) = &env.front_matter else { continue };
        if env.form != EnvelopeForm::Full {
            continue;
        }
        // Every mismatch must be surfaced as a warning, never silently ignored.
        let mismatches: Vec<_> = blob
            .warnings
            .iter()
            .filter(|w| {
                matches!(
                    w.kind,
                    WarningKind::FrontMatterMismatch | WarningKind::TitleTruncated
                )
            })
            .collect();
        if let (Some(a), Some(b)) = (fm.title.as_deref(), env.title.as_deref()) {
            let a = a
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&amp;", "&");
            let norm = |s: &str| {
                s.split(|c: char| c.is_whitespace())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            if norm(&a) == norm(b) {
                titles += 1;
            } else {
                truncated += 1;
                assert!(
                    mismatches.iter().any(|w| matches!(
                        w.detail,
                        WarningDetail::TitleMismatch { .. } | WarningDetail::TitleTruncated { .. }
                    )),
                    "{}: title differs without a warning: {a:?} vs {b:?}",
                    path.display()
                );
            }
        }
        if let (Some(from), Some(url)) = (fm.from.as_deref(), env.url.as_ref()) {
            let from = url::Url::parse(from.trim()).expect("front-matter from parses");
            assert_eq!(&from, url, "{}", path.display());
            urls += 1;
        }
        if let (Some(d), Some(at)) = (fm.date, env.mirrored_at) {
            if d.with_timezone(&Utc) == at {
                dates += 1;
            } else {
                assert!(
                    mismatches
                        .iter()
                        .any(|w| matches!(w.detail, WarningDetail::DateMismatch { .. })),
                    "{}",
                    path.display()
                );
                date_mismatch.push(path.display().to_string());
            }
        }
    }
    eprintln!(
        "corpus envelopes: {} files ({full} full, {header} header-only, {fm_only} front-matter-only); \
         oracle agrees on {titles} titles, {urls} urls, {dates} dates; \
         {truncated} titles differ (all warned), {} dates differ (all warned); {empty_bodies} empty bodies",
        files.len(),
        date_mismatch.len()
    );
    // Measured on the shared corpus: the mirror truncates 55 long titles (`...`), and two DW
    // items carry a front-matter date that is not the capture time. Anything beyond that is new.
    assert!(truncated <= 60, "{truncated} title mismatches");
    assert!(date_mismatch.len() <= 2, "{date_mismatch:?}");
    // One bulk item (a photo post whose feed item had no HTML) has an empty wrapper.
    assert!(empty_bodies <= 1, "{empty_bodies} empty bodies");
}

#[test]
fn the_seed_envelope() {
    let Some(root) = common::corpus_root() else { return };
    let seed = root.join("../seed/000_3be8fdef8b20dc74.txt");
    let text = std::fs::read_to_string(seed).expect("seed present beside the corpus");
    let blob = Blob::parse(&text).expect("seed parses");
    let env = blob.envelope;
    assert_eq!(env.form, EnvelopeForm::Header);
    assert_eq!(
        env.mirrored_at
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
        Some("2023-05-24T14:47:04Z".to_owned())
    );
    assert_eq!(
        env.title.as_deref(),
        Some("习近平会见俄总理 许诺支持“彼此核心利益”")
    );
    assert!(
        env.url
            .as_ref()
            .is_some_and(|u| u.as_str().ends_with("/a-65724304"))
    );
    assert!(
        blob.body
            .starts_with("<div><i><br>2023-05-24T14:34:01.707Z</i></div>")
    );
}
