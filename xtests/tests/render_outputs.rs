//! Markdown and text renderings: snapshots of our own samples, and over every corpus file a
//! check that the markdown links to nothing but the article's own URLs.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::collections::BTreeSet;

use feedmirror::{Article, FigureStyle, LinkKind, MarkdownOptions};
use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

fn samples() -> Vec<(String, String)> {
    let dir = common::repo_root().join("examples/samples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("samples dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("sample is UTF-8"))
        })
        .collect()
}

#[test]
fn sample_markdown_and_text_snapshots() {
    for (name, text) in samples() {
        let article = feedmirror::parse(&text).expect("samples parse");
        insta::assert_snapshot!(format!("{name}.md"), article.to_markdown());
        insta::assert_snapshot!(format!("{name}.txt"), article.to_text());
        assert_eq!(article.to_string(), article.to_markdown());
    }
}

/// Every link and image destination in `markdown`, and the text outside links.
fn destinations(markdown: &str) -> Vec<String> {
    Parser::new(markdown)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

fn allowed(article: &Article) -> BTreeSet<String> {
    let mut ok: BTreeSet<String> = article
        .links
        .iter()
        .filter(|l| matches!(l.kind, LinkKind::Internal | LinkKind::External))
        .filter_map(|l| l.href.as_ref().map(|u| u.as_str().to_owned()))
        .collect();
    for f in &article.figures {
        ok.insert(f.src.as_str().to_owned());
        if let Some(p) = &f.poster {
            ok.insert(p.as_str().to_owned());
        }
    }
    ok
}

fn check_markdown(article: &Article) -> Result<usize, String> {
    let md = article.to_markdown();
    let ok = allowed(article);
    let found = destinations(&md);
    for d in &found {
        if !ok.contains(d) {
            return Err(format!("foreign destination {d:?}"));
        }
    }
    // No raw HTML may get through either.
    if Parser::new(&md).any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))) {
        return Err("raw HTML in the markdown".to_owned());
    }
    Ok(found.len())
}

#[test]
fn corpus_markdown_links_only_to_the_articles_own_urls() {
    let Some(files) = common::corpus_files() else {
        return;
    };
    let (mut checked, mut destinations_seen) = (0, 0);
    let mut failures = Vec::new();
    for (path, text) in &files {
        let Ok(article) = feedmirror::parse(text) else {
            continue;
        };
        checked += 1;
        match check_markdown(&article) {
            Ok(n) => destinations_seen += n,
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
        assert!(!article.to_text().contains('<') || text.contains("&lt;") || text.contains('<'));
    }
    eprintln!(
        "markdown: {} of {checked} articles link only to their own URLs ({destinations_seen} links and images)",
        checked - failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// With every option on: the front matter is one YAML metadata block holding only
/// `key: value` lines, the rest is the default rendering's text, no figure is an image, and
/// the links are still only the article's own.
fn check_markdown_options(article: &Article) -> Result<(), String> {
    let options = MarkdownOptions::default()
        .front_matter(true)
        .outlet_display_name(true)
        .figures(FigureStyle::Link);
    let md = article.to_markdown_with(&options);
    let mut events = Parser::new_ext(&md, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    if !matches!(
        events.next(),
        Some(Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)))
    ) {
        return Err("no front matter block first".to_owned());
    }
    let Some(Event::Text(yaml)) = events.next() else {
        return Err("empty front matter".to_owned());
    };
    if !matches!(events.next(), Some(Event::End(TagEnd::MetadataBlock(_)))) {
        return Err("front matter block not closed after its text".to_owned());
    }
    for line in yaml.lines() {
        let ok = line.split_once(": ").is_some_and(|(k, v)| {
            k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                && (v.starts_with('"') && v.ends_with('"') && v.len() >= 2
                    || v.starts_with("[\"") && v.ends_with("\"]")
                    || v.bytes().all(|b| b.is_ascii_digit()))
        });
        if !ok {
            return Err(format!("front matter line {line:?}"));
        }
    }
    let expected = format!("outlet_name: \"{}\"", article.outlet.display_name());
    if !yaml.lines().any(|l| l == expected) {
        return Err(format!("no {expected:?}"));
    }
    if events.any(|e| {
        matches!(
            e,
            Event::Start(Tag::Image { .. }) | Event::Html(_) | Event::InlineHtml(_)
        )
    }) {
        return Err("an image or raw HTML with figures as links".to_owned());
    }
    let ok = allowed(article);
    if let Some(d) = destinations(&md).iter().find(|d| !ok.contains(*d)) {
        return Err(format!("foreign destination {d:?}"));
    }
    if article.to_markdown_with(&MarkdownOptions::default()) != article.to_markdown() {
        return Err("default options differ from to_markdown".to_owned());
    }
    Ok(())
}

#[test]
fn markdown_options_over_samples_and_corpus() {
    let mut texts: Vec<(String, String)> = samples();
    texts.extend(
        common::corpus_files()
            .unwrap_or_default()
            .into_iter()
            .map(|(p, t)| (p.display().to_string(), t)),
    );
    let mut checked = 0;
    let mut failures = Vec::new();
    for (name, text) in &texts {
        let Ok(article) = feedmirror::parse(text) else {
            continue;
        };
        checked += 1;
        if let Err(e) = check_markdown_options(&article) {
            failures.push(format!("{name}: {e}"));
        }
    }
    eprintln!("markdown options: {checked} articles checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hostile_text_cannot_inject_links_or_structure() {
    let blob = "<!--1000-->\n[x](https://example.com/a/1)\n------\n\n\
        <p>[click](https://evil.example/) ![img](https://evil.example/i.png) &lt;script&gt; \
        <a href=\"javascript:alert(1)\">js</a> <a href=\"https://ok.example/p?a=1&amp;b=(2)\">ok</a></p>\
        <p>- not a list<br>1. nor this<br># nor a heading<br>&lt;https://evil.example/auto&gt;</p>\
        <figure><img src=\"https://img.example/a.png\" alt=\"](https://evil.example/)\">\
        <figcaption>*[x](https://evil.example/)*</figcaption></figure>";
    let article = feedmirror::parse(blob).unwrap();
    let md = article.to_markdown();
    let dests = destinations(&md);
    assert_eq!(
        dests,
        vec![
            "https://ok.example/p?a=1&b=(2)".to_owned(),
            "https://img.example/a.png".to_owned()
        ],
        "{md}"
    );
    assert!(check_markdown(&article).is_ok(), "{md}");
    let structure: Vec<_> = Parser::new(&md)
        .filter_map(|e| match e {
            Event::Start(t) => Some(format!("{t:?}")),
            _ => None,
        })
        .filter(|t| t.starts_with("List") || t.starts_with("Heading") && !t.contains("H1"))
        .collect();
    assert!(structure.is_empty(), "{structure:?}\n{md}");
    assert!(md.contains("js"), "the unsafe link's text stays: {md}");
}

/// The text of each paragraph, heading and list item of `markdown` as CommonMark reads it,
/// whitespace collapsed (a hard break reads as a space).
fn blocks_read_back(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for e in Parser::new(markdown) {
        match e {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item) => {
                if let Some(c) = current.take() {
                    out.push(c);
                }
                current = Some(String::new());
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                if let Some(c) = current.take() {
                    out.push(c);
                }
            }
            Event::Text(t) | Event::Code(t) => current.get_or_insert_with(String::new).push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.get_or_insert_with(String::new).push(' '),
            _ => {}
        }
    }
    out.into_iter().map(|s| collapse(&s)).collect()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escaping is minimal (parentheses, `!`, `#` and `>` mid-line are left alone) and still
/// exact: every text block of every corpus article reads back from the markdown as its text.
#[test]
fn corpus_markdown_reads_back_as_the_text() {
    let Some(files) = common::corpus_files() else {
        return;
    };
    let (mut blocks, mut failures) = (0, Vec::new());
    for (path, text) in &files {
        let Ok(article) = feedmirror::parse(text) else {
            continue;
        };
        let read: BTreeSet<String> = blocks_read_back(&article.to_markdown()).into_iter().collect();
        for b in &article.blocks {
            let texts: Vec<&str> = match b {
                feedmirror::Block::Figure { .. } => continue,
                feedmirror::Block::List { text, .. } => text.split('\n').collect(),
                other => vec![other.text()],
            };
            for t in texts {
                blocks += 1;
                let want = collapse(t);
                // The dateline opens the first paragraph: its text ends that block.
                if !read.iter().any(|r| *r == want || r.ends_with(&want)) {
                    failures.push(format!("{}: {want:?}", path.display()));
                }
            }
        }
    }
    eprintln!(
        "markdown read back: {blocks} text blocks, {} differ",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{}",
        failures.iter().take(10).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn markdown_keeps_the_dateline_and_parentheses() {
    let blob = "<!--1000-->\n[x](https://www.dw.com/zh/x/a-1)\n------\n\n\
        <p>（德国之声中文网）周日(12月20日)，柏林。</p>";
    let article = feedmirror::parse(blob).unwrap();
    assert_eq!(article.dateline.as_deref(), Some("（德国之声中文网）"));
    let md = article.to_markdown();
    assert!(md.contains("（德国之声中文网）周日(12月20日)，柏林。"), "{md}");
    assert!(
        article
            .to_text()
            .contains("（德国之声中文网）周日(12月20日)，柏林。")
    );
}
