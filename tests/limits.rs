//! Deep and large input: parsed or cut with a warning, never a stack overflow, on both sides
//! of each limit.

use feedmirror::{Error, Options, WarningDetail, WarningKind};

const HEADER: &str = "<!--1684939624000-->\n[t](https://www.dw.com/zh/x/a-1)\n------\n\n";

fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("no overflow")
}

#[test]
fn hundred_thousand_levels_on_a_two_mib_stack() {
    for open in ["<span>", "<div>", "<ul><li>", "<table><tr><td>", "<b>"] {
        let input = format!("{HEADER}{}deep text", open.repeat(100_000));
        let warnings = on_small_stack(move || feedmirror::parse(&input).expect("parses").warnings);
        assert!(
            warnings.iter().any(|w| w.kind == WarningKind::LimitReached),
            "{open}: {warnings:?}"
        );
    }
}

#[test]
fn depth_limit_boundaries() {
    let opts = Options::default().max_depth(50);
    // The fragment root and the synthetic <html> count as two levels.
    let ok = format!("{HEADER}{}x", "<div>".repeat(45));
    let a = feedmirror::parse_with(&ok, &opts).expect("parses");
    assert!(
        a.warnings.iter().all(|w| w.kind != WarningKind::LimitReached),
        "{:?}",
        a.warnings
    );
    assert_eq!(a.paragraphs().next(), Some("x"));
    let deep = format!("{HEADER}{}x", "<div>".repeat(60));
    let a = feedmirror::parse_with(&deep, &opts).expect("parses");
    let w = a
        .warnings
        .iter()
        .find(|w| w.kind == WarningKind::LimitReached)
        .expect("cut");
    assert!(
        matches!(w.detail, WarningDetail::DepthLimit { max_depth: 50, .. }),
        "{w:?}"
    );
    assert!(
        w.to_string()
            .starts_with("the body nests deeper than 50 elements near byte"),
        "{w}"
    );
}

#[test]
fn node_limit_boundaries() {
    let opts = Options::default().max_nodes(100);
    let ok = format!("{HEADER}{}", "<p>a</p>".repeat(90));
    assert!(
        feedmirror::parse_with(&ok, &opts)
            .expect("parses")
            .warnings
            .is_empty()
    );
    let many = format!("{HEADER}{}", "<p>a</p>".repeat(5000));
    let a = feedmirror::parse_with(&many, &opts).expect("parses");
    let w = a
        .warnings
        .iter()
        .find(|w| w.kind == WarningKind::LimitReached)
        .expect("cut");
    assert!(
        matches!(w.detail, WarningDetail::NodeLimit { max_nodes: 100, .. }),
        "{w:?}"
    );
    assert!(
        w.to_string()
            .starts_with("the body has more than 100 elements near byte"),
        "{w}"
    );
}

#[test]
fn input_size_limit_boundaries() {
    let input = format!("{HEADER}<p>x</p>");
    let exact = Options::default().max_input_bytes(input.len());
    assert!(feedmirror::parse_with(&input, &exact).is_ok());
    let under = Options::default().max_input_bytes(input.len() - 1);
    let err = feedmirror::parse_with(&input, &under).unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }));
    assert_eq!(
        err.to_string(),
        format!(
            "expected at most {} bytes of input, found {} bytes at line 1 column 1",
            input.len() - 1,
            input.len()
        )
    );
}

#[test]
fn real_nesting_is_not_a_false_alarm() {
    // Inline SVG icons with self-closing children, as in RFI share widgets, repeated.
    let svg = "<a href=\"https://x.example/\"><svg viewBox=\"0 0 1 1\"><path d=\"M0\"/><circle r=\"1\"/></svg>share</a>";
    let input = format!("{HEADER}<div><p>text</p>{}</div>", svg.repeat(2000));
    let a = feedmirror::parse(&input).expect("parses");
    assert!(
        a.warnings.iter().all(|w| w.kind != WarningKind::LimitReached),
        "{:?}",
        a.warnings
    );
}
