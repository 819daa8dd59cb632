//! Every fuzz finding and every bug, kept as a named test.

use feedmirror::{Envelope, WarningKind};

/// Fuzz finding: `&#1;`, `&#x202e;`, raw DEL and CR in a title reached the output.
#[test]
fn fuzz_title_controls_and_bidi_are_removed() {
    let input = "<!--1-->\n[&#1;&#x202e;a\u{7f}b\rc&#0;&amp;&bogus;](https://x.example/)\n\n<div>\n<p>unclosed wrapper</p>\n";
    let a = feedmirror::parse(input).expect("parses");
    let title = a.envelope.title.as_deref().expect("title");
    assert_eq!(title, "abc&#0;&&bogus;");
}

/// Fuzz finding: a front-matter value kept a C1 control (U+0085).
#[test]
fn fuzz_front_matter_c1_control_is_removed() {
    let input = "---\nauthor: a\u{85}b\n---\n<!--1-->\n[t](https://x.example/)\n------\n\nx";
    let b = Envelope::parse(input).expect("parses");
    assert_eq!(
        b.envelope.front_matter.and_then(|f| f.author).as_deref(),
        Some("ab")
    );
}

/// Fuzz finding: the unterminated-front-matter message did not end with its position.
#[test]
fn fuzz_unterminated_front_matter_message_ends_with_position() {
    let err = Envelope::parse("---").unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected a closing `---` line for the front matter opened at line 1, found end of input at line 1 column 4"
    );
    assert_eq!(err.position(), (1, 4));
}

/// Fuzz observation: a `javascript:` source URL was kept in the envelope.
#[test]
fn fuzz_envelope_url_must_be_web() {
    let a = feedmirror::parse("<!--1-->\n[t](javascript:alert(1))\n------\n\n<p>x</p>").expect("parses");
    assert!(a.envelope.url.is_none());
    assert!(a.warnings.iter().any(|w| w.kind == WarningKind::InvalidUrl));
}

/// Fuzz finding: a proxy target naming another URL later in its text (`...x.jpg...https://...`)
/// was read as a full URL and not unwrapped.
#[test]
fn fuzz_proxy_target_with_a_later_scheme_is_unwrapped() {
    let input = "<!--1-->\n[t](https://www.dw.com/zh/x/a-1)\n------\n\n<img src=\"https://images.weserv.nl/?url=static.dw.com/image/1_303.jpg%3Fnext=https://x.example/\"><p>x</p>";
    let a = feedmirror::parse(input).expect("parses");
    let f = &a.figures[0];
    assert_eq!(f.src.host_str(), Some("static.dw.com"));
    assert!(f.proxied_src.is_some());
}

/// Fuzz finding: a front-matter title with `&#2;` was reported as differing from the same
/// title in the link, because only the link's copy had the control character removed.
#[test]
fn fuzz_front_matter_title_compared_after_cleaning() {
    let input =
        "---\nlayout: post\ntitle: \"l&#2;(\"\n---\n<!--1-->\n[l&#2;(](https://x.example/)\n------\n\nx";
    let b = Envelope::parse(input).expect("parses");
    assert!(
        b.warnings
            .iter()
            .all(|w| w.kind != WarningKind::FrontMatterMismatch),
        "{:?}",
        b.warnings
    );
}

/// Fuzz finding: a front-matter list item made only of a bidi control became an empty tag.
#[test]
fn fuzz_list_items_empty_after_cleaning_are_dropped() {
    let input = "---\ntags: [ \u{202e}, a, \u{202e} ]\n---\n<!--0-->\n[](http://www.dw.com)\n------\n\n";
    let b = Envelope::parse(input).expect("parses");
    assert_eq!(b.envelope.front_matter.map(|f| f.tags), Some(vec!["a".into()]));
}

/// Fuzz finding: a proxy whose target is the proxy again was unwrapped one level only.
#[test]
fn fuzz_nested_proxy_is_unwrapped() {
    let input = "<!--1-->\n[t](https://www.dw.com/zh/x/a-1)\n------\n\n<img src=\"https://images.weserv.nl/?url=images.weserv.nl/%3Furl%3Dstatic.dw.com/image/1.jpg\"><p>x</p>";
    let a = feedmirror::parse(input).expect("parses");
    assert_eq!(a.figures[0].src.as_str(), "https://static.dw.com/image/1.jpg");
}
