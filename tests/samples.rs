//! Per-outlet shapes, on the sample blobs we wrote in `examples/samples/` (modelled on the
//! real items' structure, with our own text).

use feedmirror::{Article, Block, LinkKind, MediaKind, Outlet, PublishedValue, WarningKind};

fn sample(name: &str) -> Article {
    let path = format!("{}/examples/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("sample present");
    feedmirror::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn precision(a: &Article) -> &'static str {
    match a.published.as_ref().map(|p| p.value) {
        Some(PublishedValue::Instant(_)) => "instant",
        Some(PublishedValue::Local(_)) => "local",
        Some(PublishedValue::Date(_)) => "date",
        _ => "none",
    }
}

fn no_leaks(a: &Article) {
    for b in &a.blocks {
        let t = b.text();
        for m in [
            "获取更多RSS",
            "版权声明",
            "（路透社）",
            "(完)",
            "翻译：",
            "信任原则",
            "This article appeared",
            "©",
        ] {
            assert!(!t.contains(m), "{m:?} left in {t:?}");
        }
    }
}

#[test]
fn dw_full_blob() {
    let a = sample("dw.txt");
    assert_eq!(a.outlet, Outlet::Dw);
    assert_eq!(precision(&a), "instant");
    assert_eq!(a.byline, vec!["Lena Hoffmann"]);
    assert_eq!(a.dateline.as_deref(), Some("（德国之声中文网）"));
    assert_eq!(a.figures.len(), 2);
    assert!(
        a.figures
            .iter()
            .all(|f| f.src.host_str() == Some("static.dw.com") && f.proxied_src.is_some())
    );
    assert!(a.figures.iter().all(|f| f.caption.is_some()));
    assert!(a.blocks.iter().any(|b| matches!(b, Block::Heading { .. })));
    assert_eq!(a.links.len(), 3);
    assert!(
        a.links
            .iter()
            .all(|l| l.kind == LinkKind::Internal && l.article_id.is_some())
    );
    assert_eq!(credit_texts(&a), vec!["（路透社）"]);
    assert_eq!(
        a.copyright.as_ref().and_then(|c| c.holder.as_deref()),
        Some("德国之声")
    );
    assert_eq!(a.mirror_footer.as_ref().map(|f| f.domains.len()), Some(2));
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    no_leaks(&a);
}

#[test]
fn dw_minimal_form_and_video() {
    let a = sample("dw_minimal.txt");
    assert!(a.envelope.front_matter.is_none());
    assert_eq!(credit_texts(&a), vec!["（德新社）"]);
    assert_eq!(a.figures[0].caption, None, "an empty <small> is no caption");
    let v = sample("dw_video.txt");
    assert_eq!(v.figures.len(), 1);
    assert_eq!(v.figures[0].kind, MediaKind::Video);
    assert!(v.published.is_none());
}

#[test]
fn rfi_local_time_afp_copyright_and_share_widgets() {
    let a = sample("rfi.txt");
    assert_eq!(precision(&a), "local");
    assert_eq!(a.dateline.as_deref(), Some("（法新社华盛顿9日电）"));
    let c = a.copyright.as_ref().expect("copyright");
    assert_eq!((c.year, c.holder.as_deref()), (Some(2022), Some("AFP")));
    let s = sample("rfi_share.txt");
    assert!(
        s.boilerplate
            .iter()
            .any(|b| b.kind == feedmirror::BoilerplateKind::Share)
    );
    assert!(
        s.boilerplate
            .iter()
            .any(|b| b.kind == feedmirror::BoilerplateKind::Related)
    );
    assert!(
        s.links
            .iter()
            .all(|l| l.kind != LinkKind::Unsafe || l.href.is_none())
    );
    assert!(s.warnings.iter().any(|w| w.kind == WarningKind::UnsafeLink));
    no_leaks(&s);
}

#[test]
fn voa_split_paragraphs_relative_links_and_credit() {
    let a = sample("voa.txt");
    assert_eq!(precision(&a), "instant");
    assert_eq!(a.dateline.as_deref(), Some("华盛顿"));
    assert_eq!(
        a.figures[0].proxied_src.as_ref().and_then(|u| u.host_str()),
        Some("images.weserv.nl")
    );
    assert!(a.paragraphs().count() >= 4, "<br /><br /> splits paragraphs");
    let internal = a
        .links
        .iter()
        .find(|l| l.kind == LinkKind::Internal)
        .expect("internal link");
    assert_eq!(
        internal.href.as_ref().and_then(|u| u.host_str()),
        Some("www.voachinese.com")
    );
    assert_eq!(credit_texts(&a), vec!["(本文依据了美联社的报道。)"]);
    let v = sample("voa_video.txt");
    assert_eq!(v.figures[0].kind, MediaKind::Video);
    assert!(
        v.figures[0]
            .poster
            .as_ref()
            .is_some_and(|p| p.host_str() != Some("images.weserv.nl"))
    );
    assert!(v.figures[0].caption.is_some());
}

#[test]
fn reuters_dateline_end_mark_and_attribution() {
    let a = sample("reuters.txt");
    assert_eq!(a.dateline.as_deref(), Some("路透北京8月17日"));
    // The spaces the source types between the CJK names stay.
    assert_eq!(credit_texts(&a), vec!["编译 周立行；审校 何思源"]);
    assert_eq!(a.figures[0].src.scheme(), "https", "protocol-relative resolved");
    assert!(a.figures[0].caption.is_some());
    no_leaks(&a);
}

#[test]
fn cna_picinfo_caption_editor_line_and_widgets() {
    let a = sample("cna.txt");
    assert_eq!(a.outlet, Outlet::Cna);
    // The dateline as written, its reporter in the byline.
    assert!(
        a.dateline
            .as_deref()
            .is_some_and(|d| d.starts_with("（中央社記者"))
    );
    assert_eq!(a.byline, vec!["周子涵"]);
    assert!(
        a.figures
            .iter()
            .any(|f| f.kind == MediaKind::Image && f.caption.is_some())
    );
    // The editor line is a credit; the date code after it is the publication date.
    assert_eq!(credit_texts(&a), vec!["（編輯：林品妤）"]);
    assert_eq!(a.published.as_ref().map(|p| p.raw.as_str()), Some("1091109"));
    for b in &a.blocks {
        assert!(
            !b.text().contains("訂閱") && !b.text().contains("fbq("),
            "{}",
            b.text()
        );
    }
}

#[test]
fn nyt_local_time_byline_and_promos() {
    let a = sample("nyt.txt");
    assert_eq!(precision(&a), "local");
    assert_eq!(a.byline, vec!["ANA REIS"]);
    // The translator line is a typed credit.
    assert!(
        a.credits
            .iter()
            .any(|c| c.text.starts_with("翻译：") && c.role == feedmirror::CreditRole::Translator)
    );
    assert!(a.boilerplate.iter().any(|b| b.text.contains("点击此处订阅")));
    no_leaks(&a);
}

#[test]
fn economist_bbc_ft_asahi_and_generic() {
    let e = sample("economist.txt");
    assert_eq!(e.outlet, Outlet::Economist);
    assert!(e.published.is_some());
    no_leaks(&e);
    let b = sample("bbc.txt");
    assert_eq!(precision(&b), "date");
    assert!(
        b.figures
            .iter()
            .all(|f| f.credit.is_some() && f.caption.is_some())
    );
    let f = sample("ft.txt");
    assert!(
        f.credits
            .iter()
            .any(|c| c.text.starts_with("译者/") && c.role == feedmirror::CreditRole::Translator)
    );
    let asahi = sample("asahi.txt");
    assert_eq!(asahi.outlet, Outlet::Asahi);
    assert_eq!(precision(&asahi), "date");
    assert!(asahi.mirror_footer.is_some());
    let g = sample("generic_wordpress.txt");
    assert_eq!(g.outlet, Outlet::Unknown);
    assert!(g.blocks.iter().any(|b| matches!(b, Block::List { .. })));
    assert!(g.figures[0].caption.is_some());
    for b in &g.blocks {
        assert!(
            !b.text().contains("function") && !b.text().contains("{"),
            "{}",
            b.text()
        );
    }
}

#[test]
fn envelope_oddities() {
    let n = sample("nan_timestamp.txt");
    assert!(n.envelope.mirrored_at.is_none());
    assert!(n.warnings.iter().any(|w| w.kind == WarningKind::NanTimestamp));
    let t = sample("title_brackets.txt");
    assert!(
        t.envelope
            .title
            .as_deref()
            .is_some_and(|x| x.starts_with("[國際]") && x.contains('"'))
    );
    assert!(!t.blocks.is_empty());
}

#[test]
fn articles_are_send_sync_clone() {
    fn assert_traits<T: Send + Sync + Clone + PartialEq + std::fmt::Debug + 'static>() {}
    assert_traits::<Article>();
    assert_traits::<feedmirror::Error>();
}

fn credit_texts(a: &feedmirror::Article) -> Vec<&str> {
    a.credits.iter().map(|c| c.text.as_str()).collect()
}
