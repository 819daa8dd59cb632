//! The canonical blob parses back to the same article, warnings of the kinds that survive the
//! round trip included: over every corpus file, every sample, and generated articles. Counts
//! are printed.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::collections::BTreeMap;

/// The article as the round trip keeps it: without warnings of kinds that do not survive it.
fn kept(a: &feedmirror::Article) -> feedmirror::Article {
    let mut a = a.clone();
    a.warnings.retain(|w| w.kind.survives_round_trip());
    a
}

/// Whether `back`, parsed from `a`'s canonical blob, is `a` as far as the round trip keeps it.
fn same(a: &feedmirror::Article, back: &feedmirror::Article) -> bool {
    kept(a) == kept(back)
}

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
            Ok(back) if same(&article, &back) => passed += 1,
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
                        first_difference(&kept(&article), &kept(&back))
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

#[test]
fn samples_round_trip_through_the_canonical_blob() {
    let dir = common::repo_root().join("examples/samples");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let article = feedmirror::parse(&text).unwrap();
        let back = feedmirror::parse(&article.to_blob()).unwrap();
        assert!(
            same(&article, &back),
            "{}\n{}",
            path.display(),
            first_difference(&kept(&article), &kept(&back))
        );
        n += 1;
    }
    assert!(n >= 10, "only {n} samples");
}

#[test]
fn front_matter_values_are_quoted_and_escaped() {
    let blob = "---\nlayout: post\ntitle: \"Say \\\"hi\\\" \\\\ &quot;now&quot;\"\ndate: 2020-06-16 17:52:04.000000000 +08:00\n\
        author: 德国之声\nfrom: https://www.dw.com/zh/a%20b/a-1\ntags: [ 德国之声, \"x y\" ]\ncomments: True\n\
        categories: \"a, b\"\nweird: value: with colon\n---\n<!--1592301124000-->\n\
        [Say \"hi\" \\ &quot;now&quot; &amp;amp;](https://www.dw.com/zh/a%20b/a-1)\n------\n\n<div>\n<p>body</p>\n</div>\n";
    let a = feedmirror::parse(blob).unwrap();
    assert_eq!(a.envelope.title.as_deref(), Some("Say \"hi\" \\ \"now\" &amp;"));
    let back = feedmirror::parse(&a.to_blob()).unwrap();
    assert!(same(&a, &back), "{}", first_difference(&a, &back));
    let fm_only = "---\ntitle: \"a\\nb &amp; c\"\ndate: 2020-06-16\ncategories: asahi\n---\n\n<div>June 16, 2020</div>\n<p>x</p>\n";
    let a = feedmirror::parse(fm_only).unwrap();
    assert_eq!(a.envelope.form, feedmirror::EnvelopeForm::FrontMatterOnly);
    let back = feedmirror::parse(&a.to_blob()).unwrap();
    assert!(same(&a, &back), "{}", first_difference(&a, &back));
}

#[test]
fn envelope_warnings_come_back_on_their_lines() {
    // A `<!--NaN-->` comment after a front matter with a malformed line, two dates that are
    // not dates, blank lines and a comment line: the canonical front matter is shorter, so
    // blank lines put the comment and the bad dates back where the warnings say.
    let blob = "\n---\ntitle: \"t\"\n# note\nnot a key line\ndate: someday\n\nauthor: a\ndate: never\n---\n\n\n\
        <!--NaN-->\n[t](https://www.dw.com/zh/x/a-1)\n------\n\n<p>x</p>";
    let a = feedmirror::parse(blob).unwrap();
    let positions: Vec<_> = a.warnings.iter().map(|w| (w.kind, w.position)).collect();
    use feedmirror::WarningKind as K;
    assert_eq!(
        positions,
        vec![
            (K::FrontMatterSyntax, Some((5, 1))),
            (K::FrontMatterDate, Some((6, 1))),
            (K::FrontMatterDate, Some((9, 1))),
            (K::NanTimestamp, Some((13, 1))),
        ]
    );
    let back = feedmirror::parse(&a.to_blob()).unwrap();
    assert!(same(&a, &back), "{}", first_difference(&kept(&a), &kept(&back)));
    // Kinds that cannot survive may be missing; nothing else changes.
    assert!(!K::FrontMatterSyntax.survives_round_trip());
    // A byte order mark before the comment puts it at column 2.
    let a = feedmirror::parse("\u{feff}<!--NaN-->\n[t](https://x.example/)\n------\n\nx").unwrap();
    assert_eq!(a.warnings[0].position, Some((1, 2)));
    assert_eq!(feedmirror::parse(&a.to_blob()).unwrap(), a);
}

#[test]
fn warnings_that_do_not_survive_leave_the_rest_alone() {
    for blob in [
        "---\ntitle: \"t\"\n---\n<!--12ab-->\n[t](https://x.example/)\n------\n\n<p>x</p>",
        "<!--99999999999999999999-->\n[t](https://x.example/)\n<p>x</p>",
        "<!--1-->\n[t](javascript:alert(1))trailing\n------\n\n<div>\n<p>x</p>",
        "---\nfrom: \"ftp://x\"\ntitle: \"a\" b\n---\n\n<p>x</p>",
    ] {
        let a = feedmirror::parse(blob).unwrap();
        assert!(a.warnings.iter().any(|w| !w.kind.survives_round_trip()), "{blob}");
        let back = feedmirror::parse(&a.to_blob()).unwrap();
        assert!(
            same(&a, &back),
            "{blob}\n{}",
            first_difference(&kept(&a), &kept(&back))
        );
    }
}

mod generated {
    use proptest::prelude::*;

    use super::first_difference;

    /// Text with the characters that matter: CJK, Latin, spaces, markup and entity syntax.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("德国之声".to_owned()),
                Just("经济".to_owned()),
                Just(" ".to_owned()),
                Just("word".to_owned()),
                Just("&amp;".to_owned()),
                Just("&lt;b&gt;".to_owned()),
                Just("[x](y)".to_owned()),
                Just("*_`#".to_owned()),
                Just("2023".to_owned()),
                Just("。".to_owned()),
                Just("\"q\"".to_owned()),
            ],
            1..6,
        )
        .prop_map(|v| v.concat())
    }

    fn href() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("https://www.dw.com/zh/x/a-123".to_owned()),
            Just("https://api.dw.com/api/detail/article/456".to_owned()),
            Just("https://example.org/p?a=1&amp;b=(2)#f".to_owned()),
            Just("/a/789.html".to_owned()),
            Just("javascript:alert(1)".to_owned()),
            Just("mailto:a@b.example".to_owned()),
        ]
    }

    fn inline() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => text(),
            1 => text().prop_map(|t| format!("<em>{t}</em>")),
            1 => text().prop_map(|t| format!("<strong>{t}</strong>")),
            1 => (href(), text()).prop_map(|(h, t)| format!("<a href=\"{h}\">{t}</a>")),
            1 => Just("<br>".to_owned()),
        ]
    }

    fn block() -> impl Strategy<Value = String> {
        let runs = || proptest::collection::vec(inline(), 1..5).prop_map(|v| v.concat());
        prop_oneof![
            6 => runs().prop_map(|r| format!("<p>{r}</p>")),
            1 => text().prop_map(|t| format!("<p><strong>{t}</strong></p>")),
            1 => runs().prop_map(|r| format!("<h3>{r}</h3>")),
            1 => runs().prop_map(|r| format!("<blockquote>{r}</blockquote>")),
            1 => proptest::collection::vec(runs(), 1..3)
                .prop_map(|items| format!("<ul>{}</ul>", items.iter().map(|i| format!("<li>{i}</li>")).collect::<String>())),
            1 => (text(), any::<bool>()).prop_map(|(c, proxied)| {
                let src = if proxied {
                    "https://images.weserv.nl/?url=static.dw.com/image/1_303.jpg"
                } else {
                    "https://static.dw.com/image/2_303.jpg"
                };
                format!("<img src=\"{src}\" alt=\"{c}\"><div><small>{c}</small></div>")
            }),
            1 => Just("<p>（路透社）</p>".to_owned()),
            1 => Just("<p>结束了（完）</p>".to_owned()),
            1 => Just("<p>德国之声致力于为您提供客观中立的新闻报道</p>".to_owned()),
            1 => Just("<figcaption>影片來源：中央社</figcaption>".to_owned()),
            1 => Just("<img>".to_owned()),
            1 => Just("<video src=\"javascript:x()\"></video><figcaption>无媒体</figcaption>".to_owned()),
            1 => Just("<p><time datetime=\"not a date\">then</time></p>".to_owned()),
            1 => Just("<aside><p>同一主题 related</p></aside>".to_owned()),
            1 => Just("<p>编辑：张三</p>".to_owned()),
        ]
    }

    fn blob() -> impl Strategy<Value = String> {
        (
            text(),
            any::<bool>(),
            prop_oneof![Just(None), Just(Some("null X<br>".to_owned())), Just(Some("Lena, Max<br>".to_owned()))],
            any::<bool>(),
            proptest::collection::vec(block(), 0..8),
            any::<bool>(),
            any::<bool>(),
            prop_oneof![
                Just("<!--1686735125000-->"),
                Just("<!--NaN-->"),
                Just("\n\n<!--NaN-->"),
                Just("<!--x-->"),
            ],
            prop_oneof![Just(""), Just("date: someday\n"), Just("bad line\n# c\n\n")],
        )
            .prop_map(|(title, front, byline, dateline, blocks, copyright, footer, comment, extra)| {
                let url = "https://www.dw.com/zh/x/a-65931207";
                let mut s = String::new();
                if front {
                    s.push_str(&format!(
                        "---\nlayout: post\ntitle: \"{}\"\n{extra}date: 2023-06-14T09:32:05.000Z\nauthor: 德国之声\nfrom: {url}\ntags: [ 德国之声 ]\n---\n",
                        title.replace('\\', "\\\\").replace('"', "\\\"")
                    ));
                }
                s.push_str(&format!("{comment}\n[{title}]({url})\n------\n\n<div>\n"));
                if let Some(b) = byline {
                    s.push_str(&format!("<div><i>{b}2023-06-14T09:18:42.315Z</i></div>"));
                }
                if dateline {
                    s.push_str("<p>（德国之声中文网）</p>");
                }
                s.push_str(&blocks.concat());
                if copyright {
                    s.push_str("<p><em>© 2023年德国之声版权声明：本文所有内容受到著作权法保护。</em></p>");
                }
                if footer {
                    s.push_str("<br><hr><div>获取更多RSS：<br><a href=\"https://feedx.net\">https://feedx.net</a><br></div>");
                }
                s.push_str("\n</div>\n");
                s
            })
    }

    proptest! {
        #[test]
        fn parse_of_to_blob_is_the_article(input in blob()) {
            let article = feedmirror::parse(&input).unwrap();
            let back = feedmirror::parse(&article.to_blob()).unwrap();
            prop_assert!(super::same(&article, &back), "input:\n{input}\nblob:\n{}\n{}", article.to_blob(), first_difference(&article, &back));
        }
    }
}
