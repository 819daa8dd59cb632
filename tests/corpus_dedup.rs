//! Deduplication over the shared corpus: wire copies republished by another outlet are found
//! by their fingerprints, and the Economist's web and print paths of one article share a key
//! while its weekly columns do not. `cargo run --release --example near_duplicates` lists every
//! pair; EVALUATION.md has the measurement.

mod common;

use std::collections::BTreeSet;

use feedmirror::{Article, DedupKey};

fn articles() -> Option<Vec<Article>> {
    let files = common::corpus_files()?;
    Some(
        files
            .iter()
            .filter_map(|(_, t)| feedmirror::parse(t).ok())
            .collect(),
    )
}

fn by_url<'a>(articles: &'a [Article], needle: &str) -> Vec<&'a Article> {
    articles
        .iter()
        .filter(|a| a.url().is_some_and(|u| u.as_str().contains(needle)))
        .collect()
}

#[test]
fn wire_copies_editions_and_unrelated_articles() {
    let Some(articles) = articles() else {
        return;
    };
    // A Reuters story republished by Lianhe Zaobao, with a line of attribution added.
    let reuters = by_url(&articles, "huawei-hms-developer-meeting-0909");
    let zaobao = by_url(&articles, "zaobao.com/realtime/china/story20200909-1083649");
    if let (Some(r), Some(z)) = (reuters.first(), zaobao.first()) {
        let s = r.fingerprint().similarity(&z.fingerprint());
        assert!(s >= 0.8, "reuters/zaobao similarity {s}");
        assert_ne!(r.dedup_key(), z.dedup_key());
    } else {
        eprintln!("SKIPPED: the Reuters/Zaobao pair is not in this corpus");
    }
    // The Economist's web path (Tuesday) and print path (Saturday) of one article.
    let ant = by_url(&articles, "economist.com/finance-and-economics/20");
    let ant: Vec<_> = ant
        .into_iter()
        .filter(|a| {
            a.url()
                .is_some_and(|u| u.path().ends_with("/is-china-right-to-tame-ant"))
        })
        .collect();
    if ant.len() >= 2 {
        assert_ne!(ant[0].url(), ant[1].url());
        assert_eq!(ant[0].dedup_key(), ant[1].dedup_key());
        assert!(matches!(ant[0].dedup_key(), DedupKey::Edition { .. }));
    }
    // A weekly column reusing its slug: one key per issue.
    let letters = by_url(&articles, "/letters-to-the-editor");
    let keys: BTreeSet<_> = letters.iter().map(|a| a.dedup_key()).collect();
    let urls: BTreeSet<_> = letters.iter().filter_map(|a| a.url()).collect();
    assert_eq!(keys.len(), urls.len(), "letters issues merged");

    // Fingerprints are symmetric, and unrelated articles score low.
    let prints: Vec<_> = articles.iter().take(300).map(Article::fingerprint).collect();
    let mut high = 0;
    for (i, a) in prints.iter().enumerate() {
        assert_eq!(a.similarity(a), if a.is_empty() { 0.0 } else { 1.0 });
        for b in &prints[i + 1..] {
            let s = a.similarity(b);
            assert_eq!(s, b.similarity(a));
            high += usize::from(s >= 0.5);
        }
    }
    // Among 300 articles (44,850 pairs) only re-captures and copies score high.
    assert!(high < 30, "{high} pairs at 0.5 or above");
}
