//! Every fuzz finding and every bug, kept as a named test.

use feedmirror::{Blob, WarningKind};

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
    let b = Blob::parse(input).expect("parses");
    assert_eq!(
        b.envelope.front_matter.and_then(|f| f.author).as_deref(),
        Some("ab")
    );
}

/// Fuzz finding: the unterminated-front-matter message did not end with its position.
#[test]
fn fuzz_unterminated_front_matter_message_ends_with_position() {
    let err = Blob::parse("---").unwrap_err();
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
    assert_no_mismatch(input);
}

/// Fuzz finding: a front-matter list item made only of a bidi control became an empty tag.
#[test]
fn fuzz_list_items_empty_after_cleaning_are_dropped() {
    let input = "---\ntags: [ \u{202e}, a, \u{202e} ]\n---\n<!--0-->\n[](http://www.dw.com)\n------\n\n";
    let b = Blob::parse(input).expect("parses");
    assert_eq!(b.envelope.front_matter.map(|f| f.tags), Some(vec!["a".into()]));
}

/// Fuzz finding: a proxy whose target is the proxy again was unwrapped one level only.
#[test]
fn fuzz_nested_proxy_is_unwrapped() {
    let input = "<!--1-->\n[t](https://www.dw.com/zh/x/a-1)\n------\n\n<img src=\"https://images.weserv.nl/?url=images.weserv.nl/%3Furl%3Dstatic.dw.com/image/1.jpg\"><p>x</p>";
    let a = feedmirror::parse(input).expect("parses");
    assert_eq!(a.figures[0].src.as_str(), "https://static.dw.com/image/1.jpg");
}

const DW_HEADER: &str = "<!--1-->\n[t](https://www.dw.com/zh/x/a-1)\n------\n\n";

/// Review finding: `(德国之声中文网）` (mixed brackets) took the next sentence's subject with it.
#[test]
fn review_dateline_with_mixed_brackets() {
    let a = feedmirror::parse(&format!(
        "{DW_HEADER}<p>(德国之声中文网）欧洲空间局(ESA)周四发射。</p>"
    ))
    .expect("parses");
    assert_eq!(a.dateline.as_deref(), Some("(德国之声中文网）"));
    assert_eq!(a.paragraphs().next(), Some("欧洲空间局(ESA)周四发射。"));
}

/// Review finding: a photo credit `©视觉中国` in the middle of an article became its copyright.
#[test]
fn review_mid_article_photo_credit_is_not_the_copyright() {
    let input = format!(
        "{DW_HEADER}<p>第一段。</p><p><em>©视觉中国</em></p><p>第二段。</p><p>第三段。</p><p>第四段。</p>"
    );
    let a = feedmirror::parse(&input).expect("parses");
    assert!(a.copyright.is_none());
    assert!(a.paragraphs().any(|p| p == "©视觉中国"));
}

/// Review finding: a credit or disclaimer glued before the copyright went into the copyright.
#[test]
fn review_text_glued_before_the_copyright_is_split_off() {
    let input = format!(
        "{DW_HEADER}<p>正文。</p><p>乐然（综合报道） © 2020年德国之声版权声明：本文所有内容受到著作权法保护。</p>"
    );
    let a = feedmirror::parse(&input).expect("parses");
    assert_eq!(credit_texts(&a), vec!["乐然（综合报道）"]);
    let c = a.copyright.expect("copyright");
    assert!(c.text.starts_with("© 2020年德国之声版权声明"));
    assert_eq!((c.year, c.holder.as_deref()), (Some(2020), Some("德国之声")));
}

/// Review finding: the copyright year was the first year anywhere (a tag), and end marks stayed
/// in the holder.
#[test]
fn review_copyright_year_only_after_the_sign() {
    let input = format!("{DW_HEADER}<p>正文。</p><p>© 作者 for 中国数字时代 | Post tags: 2020南方水灾</p>");
    let c = feedmirror::parse(&input)
        .expect("parses")
        .copyright
        .expect("copyright");
    assert_eq!(c.year, None);
    assert_eq!(c.holder.as_deref(), Some("作者 for 中国数字时代"));
    let input = format!("{DW_HEADER}<p>Text.</p><p>©Universal Music Publishing Group■</p>");
    let c = feedmirror::parse(&input)
        .expect("parses")
        .copyright
        .expect("copyright");
    assert_eq!(c.holder.as_deref(), Some("Universal Music Publishing Group"));
}

/// Review finding: header parsing was quadratic in three places (unclosed quotes, entity
/// decoding, warning positions). These inputs must parse; the benchmark tracks their time.
#[test]
fn review_adversarial_headers_parse() {
    let unclosed = format!(
        "---\n{}---\n<!--1-->\n[t](https://x.example/)\n------\n\nx",
        "a: \"x\n".repeat(20_000)
    );
    let b = feedmirror::Blob::parse(&unclosed).expect("parses");
    // Each unclosed quote runs into the next line's quote: one warning per pair of lines.
    assert_eq!(b.warnings.len(), 10_000);
    assert!(
        b.warnings.last().is_some_and(|w| w.position == Some((20_000, 4))),
        "{:?}",
        b.warnings.last()
    );
    let amps = format!(
        "<!--1-->\n[{}](https://x.example/)\n------\n\nx",
        "&".repeat(100_000)
    );
    assert!(feedmirror::Blob::parse(&amps).is_ok());
}

/// Review finding: a `<!--NaN-->` warning naming an absurd line made `to_blob` insert blank
/// lines one by one, without bound.
#[test]
fn review_nan_padding_is_bounded() {
    let input = format!(
        "{}<!--NaN-->\n[t](https://x.example/)\n------\n\n<p>x</p>",
        "\n".repeat(50_000)
    );
    let a = feedmirror::parse(&input).expect("parses");
    assert_eq!(feedmirror::parse(&a.to_blob()).expect("round trip"), a);
}

/// Review finding: a `class="copyright"` element with no text marked the next paragraph.
#[test]
fn review_empty_copyright_element_marks_nothing() {
    let a = feedmirror::parse(&format!(
        "{DW_HEADER}<div class=\"copyright\"></div><p>real text</p>"
    ))
    .expect("parses");
    assert!(a.copyright.is_none());
    assert_eq!(a.paragraphs().next(), Some("real text"));
}

/// Fuzz finding: a bidi control (U+061C) in both `from` and the link URL was reported as a
/// mismatch, because only the front-matter copy had it removed.
#[test]
fn fuzz_from_compared_after_cleaning() {
    let input = "---\nfrom: https://x.example/a\u{61c}b/\n---\n<!--1-->\n[t](https://x.example/a\u{61c}b/)\n------\n\nx";
    assert_no_mismatch(input);
}

/// Fuzz finding (15-minute run, second session): a bidi control at the end of a URL with an
/// empty path was reported as a mismatch: removed from `from`, percent-encoded in the link URL,
/// and the link URL alone given the `/` that parsing adds to an empty path.
#[test]
fn fuzz_from_without_path_compared_after_cleaning() {
    let input = "---\nfrom: http://api.dw.com?url=</p>5Ju#</i>,华04e;⡿NNN\u{202c}\n---\n<!--1-->\n[t](http://api.dw.com?url=</p>5Ju#</i>,华04e;⡿NNN\u{202c})\n------\n\nx";
    assert_no_mismatch(input);
}

/// The envelope of `input` parses without a `front_matter_mismatch` warning.
fn assert_no_mismatch(input: &str) {
    let b = Blob::parse(input).expect("parses");
    assert!(
        b.warnings
            .iter()
            .all(|w| w.kind != WarningKind::FrontMatterMismatch),
        "{:?}",
        b.warnings
    );
}

fn credit_texts(a: &feedmirror::Article) -> Vec<&str> {
    a.credits.iter().map(|c| c.text.as_str()).collect()
}

/// The canonical blob parses back to `a`, warnings of kinds that survive the round trip
/// included.
fn assert_round_trip(a: &feedmirror::Article) {
    let keep = |x: &feedmirror::Article| {
        let mut x = x.clone();
        x.warnings.retain(|w| w.kind.survives_round_trip());
        x
    };
    let blob = a.to_blob();
    let back = feedmirror::parse(&blob).expect("the canonical blob parses");
    assert_eq!(keep(&back), keep(a), "{blob}");
}

/// Round-trip fuzz finding: one link around two paragraphs and an image between them came back
/// as two links (the canonical blob wrote one `<a>` per run of blocks without media).
#[test]
fn fuzz_round_trip_link_around_blocks_and_media() {
    let input = "<!--1-->\n[t](https://x.example/)\n------\n\n\
        <a href=\"https://x.example/a\"><p>one</p><img src=\"https://x.example/i.jpg\"><p>two</p></a>";
    let a = feedmirror::parse(input).expect("parses");
    assert_eq!(a.links.len(), 1);
    assert_round_trip(&a);
}

#[test]
fn bytes_in_give_the_str_result_or_the_first_invalid_sequence() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/samples/rfi.txt"))
        .expect("sample");
    assert_eq!(feedmirror::parse_bytes(text.as_bytes()), feedmirror::parse(&text));
    // An invalid byte on line 4 after two characters of two bytes each: column 3, offset 4 bytes on.
    let mut bytes = b"<!--1-->\n[t](https://x.example/)\n------\n".to_vec();
    let line_start = bytes.len();
    bytes.extend_from_slice("éé".as_bytes());
    bytes.push(0xC3); // a lead byte with no continuation
    bytes.extend_from_slice(b"x\n<p>more</p>");
    let err = feedmirror::parse_bytes(&bytes).expect_err("not UTF-8");
    assert_eq!(err.kind(), "not_utf8");
    assert_eq!(err.position(), (4, 3));
    assert_eq!(err.offset(), line_start + 4);
    assert!(err.to_string().ends_with("at line 4 column 3"), "{err}");
    // Truncated at the end, and a byte-order mark that is skipped as for text.
    let err = feedmirror::parse_bytes(&[b'a', 0xE4, 0xB8]).expect_err("truncated");
    assert_eq!((err.offset(), err.position()), (1, (1, 2)));
    let mut bom = "\u{feff}".as_bytes().to_vec();
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(feedmirror::parse_bytes(&bom), feedmirror::parse(&text));
    // The size limit comes first.
    let small = feedmirror::Options::default().max_input_bytes(2);
    let err = feedmirror::parse_bytes_with(&[0xFF; 3], &small).expect_err("too large");
    assert_eq!(err.kind(), "too_large");
}

/// Round-trip fuzz finding: a video poster unwrapped from an image proxy into a URL that reads
/// as glued to another (`https://a.example.comhttps//images.weserv.nl?url=...`) was resolved
/// and unwrapped again when the canonical blob was read, giving another poster. Figures' URLs
/// are now written as they are.
#[test]
fn fuzz_round_trip_poster_unwrapped_into_a_glued_url() {
    let input = "<!--1-->\n[t](https://x.example/)\n------\n\n\
        <video poster=\"https://images.weserv.nl?url=a.example.comhttps://images.weserv.nl?url=b.example/p.jpg\" \
        src=\"https://x.example/v.mp4\"></video><p>text</p>";
    let a = feedmirror::parse(input).expect("parses");
    assert_eq!(a.figures.len(), 1);
    assert_round_trip(&a);
}

/// Items outside any `<ul>`/`<ol>` read as one bulleted list (a day's running order given as
/// bare `<li>` links), not as a paragraph each; a paragraph between two runs starts a new list.
#[test]
fn loose_list_items_form_a_list() {
    let input = "<!--1-->\n[t](https://news.example/day/)\n------\n\n<div><li><a href=\"#1\">甲</a></li><li><a href=\"#2\">乙</a></li><p>段落。</p><li>丙</li></div>";
    let a = feedmirror::parse(input).expect("parses");
    let lists: Vec<bool> = a
        .blocks
        .iter()
        .map(|b| matches!(b, feedmirror::Block::List { .. }))
        .collect();
    assert_eq!(lists, [true, false, true]);
    assert_eq!(a.blocks[0].text(), "甲\n乙");
    assert_eq!(a.blocks[2].text(), "丙");
}
