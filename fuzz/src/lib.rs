//! Property checks shared by the fuzz targets, and the structured-input generator.
//!
//! Every check here asserts something the library *guarantees* (by its docs or its code), not
//! just "no panic". Properties the library does not (yet) guarantee but arguably should are
//! behind [`strict`], on by default since the findings behind them were fixed
//! (`FEEDMIRROR_FUZZ_STRICT=0` turns them off); see README.md.
//!
//! As `Article` grows (blocks, figures, links, ...), extend [`check_article`]: it is called on
//! every successfully parsed input by both targets.

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use feedmirror::{Article, Blob, Envelope, EnvelopeForm, Error, FrontMatter, Warning, WarningKind};

pub mod generate;

/// Whether the strict checks (first found as fuzz findings, now guaranteed) are on: always,
/// unless `FEEDMIRROR_FUZZ_STRICT=0` is in the environment.
pub fn strict() -> bool {
    static STRICT: OnceLock<bool> = OnceLock::new();
    *STRICT.get_or_init(|| std::env::var_os("FEEDMIRROR_FUZZ_STRICT").is_none_or(|v| v != "0"))
}

/// Characters that the library's own `text::is_forbidden` says "never reach output": C0/C1
/// controls other than tab and newline, and Unicode bidi controls.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Checks one text field of the output. `what` names it in the panic message.
pub fn check_text(what: &str, s: &str) {
    // Guaranteed: raw NUL (and every C0 control but \t \n \r \f) in the header is refused as
    // `Error::Binary`, and `&#0;` is not decoded.
    assert!(!s.contains('\0'), "{what} contains NUL: {s:?}");
    if strict() {
        // FINDING (see README.md): not guaranteed today. Titles keep `\r`/`\f`, DEL and C1
        // controls from the input, and decode `&#1;`..`&#31;`, `&#x85;`, `&#x202e;` into them.
        assert!(
            !s.chars().any(is_forbidden),
            "{what} contains a control character: {s:?}"
        );
    }
}

/// Checks the parts of an [`Article`] that the library guarantees. Extend this as the
/// `Article` grows.
pub fn check_article(article: &Article) {
    check_envelope(&article.envelope);
    for w in &article.warnings {
        check_warning(w);
    }
    check_body(article);
    // `serde` feature: "Serialize and deserialize every public type".
    let json = serde_json::to_string(article).expect("Article serializes to JSON");
    let back: Article = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("Article JSON does not deserialize: {e}\n{json}"));
    assert_eq!(
        &back, article,
        "Article does not survive a JSON round trip\n{json}"
    );
}

/// Every URL in the body is http(s) with a host; every text field is free of controls.
fn check_body(a: &Article) {
    let web = |what: &str, u: &url::Url| {
        assert!(matches!(u.scheme(), "http" | "https") && u.host_str().is_some(), "{what} {u} is not http(s)");
    };
    for f in &a.figures {
        web("figure src", &f.src);
        if let Some(p) = &f.proxied_src {
            web("figure proxied_src", p);
        }
        if let Some(p) = &f.poster {
            web("figure poster", p);
        }
        // A proxied source is unwrapped; a proxy URL stays only when it names no readable target.
        if f.src.host_str() == Some("images.weserv.nl") {
            assert!(
                f.src.query_pairs().all(|(k, v)| k != "url" || !readable_proxy_target(v.trim())),
                "proxy {} with a readable target was not unwrapped",
                f.src
            );
        }
        for t in [&f.caption, &f.credit, &f.alt].into_iter().flatten() {
            assert!(!t.is_empty(), "empty caption/credit/alt must be None");
            check_text("figure text", t);
        }
    }
    for l in &a.links {
        match (&l.href, l.kind) {
            (None, feedmirror::LinkKind::Unsafe) => {}
            (Some(u), k) if k != feedmirror::LinkKind::Unsafe => web("link", u),
            (h, k) => panic!("link kind {k:?} with href {h:?}"),
        }
        check_text("link text", &l.text);
    }
    for b in &a.blocks {
        check_text("block text", b.text());
        assert!(!b.text().trim().is_empty() || matches!(b, feedmirror::Block::Figure { .. }), "empty block");
        let runs: Vec<&feedmirror::Inline> = match b {
            feedmirror::Block::Paragraph { inlines, .. }
            | feedmirror::Block::Heading { inlines, .. }
            | feedmirror::Block::Quote { inlines, .. } => inlines.iter().collect(),
            feedmirror::Block::List { items, .. } => items.iter().flatten().collect(),
            _ => Vec::new(),
        };
        for r in runs {
            if let feedmirror::Inline::Text { text, link, .. } = r {
                check_text("inline text", text);
                if let Some(i) = link {
                    assert!(*i < a.links.len(), "inline link index {i} out of range");
                }
            }
        }
        if let feedmirror::Block::Figure { figure, .. } = b {
            assert!(*figure < a.figures.len(), "figure index out of range");
        }
    }
    let credits = a.credits.iter().flat_map(|c| {
        std::iter::once(&c.text)
            .chain(&c.names)
            .chain(&c.agencies)
            .chain(c.also.iter().flat_map(|p| &p.names))
    });
    let fields = a.byline.iter().chain(credits).chain(a.dateline.as_ref());
    for t in fields {
        check_text("byline/credit/dateline", t);
    }
    for b in &a.boilerplate {
        check_text("boilerplate", &b.text);
    }
    if let Some(c) = &a.copyright {
        check_text("copyright", &c.text);
    }
    if let Some(m) = &a.mirror_footer {
        check_text("mirror footer", &m.text);
    }
}

/// Whether a proxy's `url` parameter names a web URL, read the way the library documents it:
/// protocol-relative, absolute http(s), `ssl:host/path`, or a bare `host/path` over https.
fn readable_proxy_target(v: &str) -> bool {
    if v.is_empty() {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    let candidate = if v.starts_with("//") {
        format!("https:{v}")
    } else if lower.starts_with("http://") || lower.starts_with("https://") {
        v.to_owned()
    } else {
        format!("https://{}", v.strip_prefix("ssl:").unwrap_or(v))
    };
    url::Url::parse(&candidate).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty()))
}

/// Checks an envelope on its own (no access to the input).
pub fn check_envelope(env: &Envelope<'_>) {
    if let Some(t) = env.title.as_deref() {
        check_text("title", t);
    }
    if let Some(u) = &env.url {
        // A `Url` re-parses to itself (the url crate's contract; the JSON round trip relies on it).
        let again = url::Url::parse(u.as_str());
        assert_eq!(
            again.as_ref(),
            Ok(u),
            "url {:?} does not re-parse to itself",
            u.as_str()
        );
        let _ = env.display_url();
    }
    match env.form {
        EnvelopeForm::Full | EnvelopeForm::FrontMatterOnly => {
            assert!(
                env.front_matter.is_some(),
                "{:?} form without front matter",
                env.form
            )
        }
        EnvelopeForm::Header => assert!(env.front_matter.is_none(), "header form with front matter"),
        _ => {}
    }
    if matches!(env.form, EnvelopeForm::Full | EnvelopeForm::Header) {
        // The title comes from the `[title](url)` line, which these forms require.
        assert!(env.title.is_some(), "{:?} form without a title", env.form);
    }
    if let Some(fm) = &env.front_matter {
        check_front_matter(fm);
        if env.form == EnvelopeForm::FrontMatterOnly {
            // Title, date and URL then come only from the front matter.
            assert_eq!(
                env.mirrored_at,
                fm.date.map(|d| d.with_timezone(&Utc)),
                "front-matter-only: mirrored_at is not the front-matter date"
            );
            assert_eq!(env.title.is_some(), fm.title.is_some());
            if let (Some(t), Some(ft)) = (env.title.as_deref(), fm.title.as_deref()) {
                if !ft.contains('&') {
                    assert_eq!(t, ft, "front-matter-only: title is not the front-matter title");
                }
            }
            // Only web URLs are kept; anything else is dropped with an `invalid_url` warning.
            let from = fm
                .from
                .as_deref()
                .and_then(|f| url::Url::parse(f.trim()).ok())
                .filter(|u| matches!(u.scheme(), "http" | "https"));
            assert_eq!(env.url, from, "front-matter-only: url is not the parsed `from`");
        }
    }
    let owned = env.clone().into_owned();
    assert_eq!(&owned, env, "into_owned changed the envelope");
}

fn check_front_matter(fm: &FrontMatter<'_>) {
    for (what, v) in [
        ("front-matter layout", &fm.layout),
        ("front-matter title", &fm.title),
        ("front-matter author", &fm.author),
        ("front-matter from", &fm.from),
    ] {
        if let Some(v) = v {
            check_text(what, v);
        }
    }
    for t in fm.tags.iter().chain(&fm.categories) {
        check_text("front-matter tag/category", t);
    }
    for (k, v) in &fm.extra {
        check_text("front-matter extra key", k);
        check_text("front-matter extra value", v);
        // Keys are `[A-Za-z0-9_-]+` by construction.
        assert!(
            !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'),
            "front-matter key {k:?}"
        );
    }
}

/// Warnings: "a lowercase human-readable description".
pub fn check_warning(w: &Warning) {
    let message = w.to_string();
    let first = message.chars().next();
    assert!(
        first.is_some_and(|c| !c.is_uppercase() && !c.is_whitespace()),
        "warning message not lowercase / empty: {w}"
    );
    assert!(!w.kind.as_str().is_empty());
    assert_eq!(w.kind, w.detail.kind(), "warning kind is not its detail's: {w:?}");
}

/// Errors: "Messages are lowercase, say what was expected and what was found, and end with the
/// position"; the position is 1-based and lies inside the input; quotes are single-line.
pub fn check_error(input: &str, e: &Error) {
    let msg = e.to_string();
    let (line, column) = e.position();
    assert!(
        line >= 1 && column >= 1,
        "position {line}:{column} not 1-based: {msg}"
    );
    assert!(
        msg.starts_with("expected "),
        "error message does not say what was expected: {msg}"
    );
    assert!(msg.contains("line"), "error message lacks a line: {msg}");
    let pos = format!("line {line} column {column}");
    assert!(
        msg.contains(&pos),
        "error message does not give its position {pos:?}: {msg}"
    );
    if strict() {
        // FINDING (see README.md): `UnterminatedFrontMatter` puts the position mid-message
        // ("... opened at line 1 column 1, found end of input"), against the documented
        // "... and end with the position".
        assert!(
            msg.ends_with(&format!(" at {pos}")),
            "error message does not end with its position: {msg}"
        );
    }
    assert!(
        !msg.chars().any(char::is_control),
        "error message has a control character: {msg:?}"
    );
    assert!(!e.kind().is_empty());
    if !matches!(e, Error::TooLarge { .. }) {
        // The byte offset is the same position as the line and column.
        let before = input.get(..e.offset());
        let Some(before) = before else {
            panic!("error offset {} is not a boundary of the input: {msg}", e.offset());
        };
        let at = (
            before.matches('\n').count() + 1,
            before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
        );
        assert_eq!(at, (line, column), "error offset {} is not at its position: {msg}", e.offset());
        let text = input.split('\n').nth(line - 1);
        let Some(text) = text else {
            panic!(
                "error line {line} is past the input's {} lines: {msg}",
                input.split('\n').count()
            );
        };
        let chars = text.chars().count();
        assert!(
            column <= chars + 1,
            "error column {column} is past line {line} ({chars} chars): {msg}"
        );
    }
}

/// Checks a [`Blob`] against the input it was parsed from.
pub fn check_blob(input: &str, blob: &Blob<'_>) {
    check_envelope(&blob.envelope);
    for w in &blob.warnings {
        check_warning(w);
    }
    // "The item HTML: a slice of the input"; "Byte offset of body in the input".
    let off = blob.body_offset;
    assert!(off <= input.len(), "body_offset {off} past the input");
    assert_eq!(
        input.get(off..off + blob.body.len()),
        Some(blob.body),
        "body is not input[body_offset..]"
    );
    assert_eq!(blob.body.trim_end(), blob.body, "body keeps trailing whitespace");
    check_timestamp(input, blob);
}

/// The header's timestamp comment line (`<!--...-->`), trimmed like the library trims lines.
///
/// In the full and header forms the comment is the last such line before the body: after it
/// come only the title link, the underline, blank lines and the `<div>` wrapper line.
pub fn header_comment(input: &str, body_offset: usize) -> Option<&str> {
    let start = if input.starts_with('\u{feff}') { 3 } else { 0 };
    input
        .get(start..body_offset)?
        .split('\n')
        .map(str::trim_end)
        .filter(|l| l.starts_with("<!--") && l.ends_with("-->") && !l.contains("<!-- "))
        .last()
}

fn has_warning(blob: &Blob<'_>, kind: WarningKind) -> bool {
    blob.warnings.iter().any(|w| w.kind == kind)
}

/// `mirrored_at` is exactly the comment's milliseconds when the comment holds digits.
pub fn check_timestamp(input: &str, blob: &Blob<'_>) {
    let env = &blob.envelope;
    if !matches!(env.form, EnvelopeForm::Full | EnvelopeForm::Header) {
        return;
    }
    let Some(line) = header_comment(input, blob.body_offset) else {
        assert_eq!(
            env.form,
            EnvelopeForm::Header,
            "full form without a timestamp comment"
        );
        assert_eq!(env.mirrored_at, None, "mirrored_at without a timestamp comment");
        assert!(
            has_warning(blob, WarningKind::EnvelopeLayout),
            "missing comment not warned"
        );
        return;
    };
    let Some(inner) = line.strip_prefix("<!--").and_then(|l| l.strip_suffix("-->")) else {
        return;
    };
    let inner = inner.trim();
    if inner == "NaN" {
        assert_eq!(env.mirrored_at, None, "NaN comment gave a time");
        assert!(
            has_warning(blob, WarningKind::NanTimestamp),
            "NaN comment not warned"
        );
        return;
    }
    let unsigned = inner.strip_prefix('-').unwrap_or(inner);
    if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
        if inner.starts_with('+') {
            // `+5` parses as an i64 but is not what the mirror writes: refused.
            assert_eq!(env.mirrored_at, None, "`{line}` accepted");
        }
        return;
    }
    let expected = inner
        .parse::<i64>()
        .ok()
        .and_then(DateTime::from_timestamp_millis);
    assert_eq!(
        env.mirrored_at, expected,
        "mirrored_at is not the comment `{line}`"
    );
    if env.mirrored_at.is_none() {
        assert!(
            has_warning(blob, WarningKind::InvalidTimestamp),
            "out-of-range `{line}` not warned"
        );
    }
}

/// Parses `input` both ways, checks every guaranteed property, and returns both results.
pub fn check_input(input: &str) -> (Result<Blob<'_>, Error>, Result<Article, Error>) {
    let blob = Blob::parse(input);
    let article = feedmirror::parse(input);
    match (&blob, &article) {
        (Ok(b), Ok(a)) => {
            check_blob(input, b);
            check_article(a);
            // The article's envelope is the blob's, detached from the input.
            assert_eq!(
                a.envelope,
                b.envelope.clone().into_owned(),
                "parse and Blob::parse disagree"
            );
            // Envelope warnings are kept (in order) among the article's warnings.
            let mut rest = a.warnings.iter();
            for w in &b.warnings {
                assert!(rest.any(|x| x == w), "envelope warning {w} lost by parse");
            }
        }
        (Err(eb), Err(ea)) => {
            check_error(input, eb);
            check_error(input, ea);
            // Inputs here are far below `Options::max_input_bytes`, so both fail the same way.
            assert_eq!(eb, ea, "parse and Blob::parse fail differently");
        }
        (Ok(_), Err(e)) => {
            // Relax this if body stages ever start returning errors of their own.
            check_error(input, e);
            panic!("Blob::parse succeeded but parse failed: {e}");
        }
        (Err(e), Ok(_)) => panic!("parse succeeded but Blob::parse failed: {e}"),
    }
    (blob, article)
}

/// Renders a generated blob, runs [`check_input`] on it, and checks the result against what
/// was generated.
pub fn check_structured(spec: &generate::BlobSpec) {
    use generate::{Author, FmFrom, FmTitle, Timestamp};

    let rendered = spec.render();
    let input = rendered.text.as_str();
    let (blob, article) = check_input(input);
    if !spec.must_parse() {
        return;
    }
    let blob = blob.unwrap_or_else(|e| panic!("generated blob refused: {e}\n{input:?}"));
    let article = article.unwrap_or_else(|e| panic!("generated blob refused by parse: {e}\n{input:?}"));
    let env = &article.envelope;

    // Form.
    let expected_form = match (&spec.front_matter, spec.front_matter_only()) {
        (Some(_), true) => EnvelopeForm::FrontMatterOnly,
        (Some(_), false) => EnvelopeForm::Full,
        (None, _) => EnvelopeForm::Header,
    };
    assert_eq!(env.form, expected_form, "form\n{input:?}");

    // Body: exactly the generated HTML, when the layout makes that unambiguous.
    if let Some(body) = &rendered.expected_body {
        assert_eq!(blob.body, body.as_str(), "body\n{input:?}");
    }

    // Mirror time.
    let fm_date = spec
        .front_matter
        .as_ref()
        .and_then(|fm| fm.date.as_ref())
        .and_then(|d| d.render(&spec.timestamp));
    match &spec.timestamp {
        Timestamp::Millis(ms) => {
            assert_eq!(
                env.mirrored_at,
                DateTime::from_timestamp_millis(*ms),
                "mirrored_at for <!--{ms}-->"
            );
        }
        Timestamp::NaN => assert_eq!(env.mirrored_at, None, "mirrored_at for NaN"),
        Timestamp::Absent if spec.front_matter.is_none() => assert_eq!(env.mirrored_at, None),
        Timestamp::Absent => match &fm_date {
            Some((_, Some(d))) => {
                assert_eq!(env.mirrored_at, Some(d.with_timezone(&Utc)), "front-matter date")
            }
            None => assert_eq!(env.mirrored_at, None, "mirrored_at without any date"),
            Some((_, None)) => {}
        },
        Timestamp::Garbage(_) => {}
    }

    // Title and URL.
    let fm_only = spec.front_matter_only();
    if !fm_only {
        if !spec.title.contains('&') {
            // Control and bidi characters never reach output.
            let expected: String = spec.title.chars().filter(|&c| !is_forbidden(c)).collect();
            assert_eq!(env.title.as_deref(), Some(expected.as_str()), "title\n{input:?}");
        }
        if spec.url.is_web() {
            let url = env
                .url
                .as_ref()
                .unwrap_or_else(|| panic!("no url for {}", spec.link_url()));
            let scheme = if spec.url.scheme == generate::Scheme::Http {
                "http"
            } else {
                "https"
            };
            assert_eq!(url.scheme(), scheme);
            assert_eq!(url.host_str(), Some(spec.url.host.name().as_str()));
            let default = if scheme == "http" { 80 } else { 443 };
            assert_eq!(
                url.port_or_known_default(),
                Some(spec.url.port.unwrap_or(default))
            );
        }
    }

    // Front matter read back.
    if let (Some(fs), Some(fm)) = (&spec.front_matter, &env.front_matter) {
        assert_eq!(fm.layout.as_deref(), fs.layout.then_some("post"));
        let fm_title = fs.title.as_ref().map(|t| {
            let v = match t {
                FmTitle::SameAsLink => generate::yaml_quoted_value(&spec.title),
                FmTitle::Other(o) => generate::yaml_quoted_value(o),
            };
            // Control and bidi characters never reach output.
            v.chars().filter(|&c| !is_forbidden(c)).collect::<String>()
        });
        assert_eq!(
            fm.title.as_deref(),
            fm_title.as_deref(),
            "front-matter title\n{input:?}"
        );
        if fm_only {
            if let Some(t) = fm_title.as_deref().filter(|t| !t.contains('&')) {
                assert_eq!(env.title.as_deref(), Some(t), "front-matter-only title");
            }
        }
        if let Some((_, Some(d))) = &fm_date {
            assert_eq!(fm.date, Some(*d), "front-matter date\n{input:?}");
        }
        if let Some(Author::Dw) = fs.author {
            assert_eq!(fm.author.as_deref(), Some("德国之声"));
        }
        let tags: Vec<String> = fs
            .tags
            .iter()
            .map(|t| generate::list_item(t))
            // Control and bidi characters never reach output; items left empty are dropped.
            .map(|t| t.chars().filter(|&c| !is_forbidden(c)).collect::<String>())
            .filter(|t| !t.trim().is_empty())
            .collect();
        assert_eq!(fm.tags, tags, "tags\n{input:?}");
        if let Some(c) = fs.comments {
            assert_eq!(fm.comments, Some(c));
        }
        // Oracle: when front matter and header agree, no mismatch is reported.
        let agree = !fm_only
            && fs.title.as_ref().is_none_or(|t| matches!(t, FmTitle::SameAsLink))
            && fs.from.as_ref().is_none_or(|f| matches!(f, FmFrom::SameAsLink))
            && fs
                .date
                .as_ref()
                .is_none_or(|d| matches!(d, generate::FmDate::SameAsComment));
        if agree {
            assert!(
                !article
                    .warnings
                    .iter()
                    .any(|w| w.kind == WarningKind::FrontMatterMismatch),
                "agreeing front matter reported as a mismatch: {:?}\n{input:?}",
                article.warnings
            );
        }
    }
}

/// The article as the canonical blob keeps it: warnings of kinds that do not survive the round
/// trip left out.
pub fn round_trip_kept(a: &Article) -> Article {
    let mut a = a.clone();
    a.warnings.retain(|w| w.kind.survives_round_trip());
    a
}

/// The round trip (`Article::to_blob`): the canonical blob parses, and back to the same
/// article, warnings of the kinds that survive the round trip included.
pub fn check_round_trip(article: &Article) {
    let blob = article.to_blob();
    let back = feedmirror::parse(&blob)
        .unwrap_or_else(|e| panic!("the canonical blob does not parse: {e}\n{blob}"));
    let (a, b) = (round_trip_kept(article), round_trip_kept(&back));
    if a != b {
        let (x, y) = (format!("{a:#?}"), format!("{b:#?}"));
        let at = x
            .lines()
            .zip(y.lines())
            .position(|(p, q)| p != q)
            .unwrap_or(0);
        let around = |s: &str| s.lines().skip(at.saturating_sub(8)).take(12).collect::<Vec<_>>().join("\n");
        panic!(
            "round trip differs\nblob:\n{blob}\noriginal:\n{}\nround trip:\n{}",
            around(&x),
            around(&y)
        );
    }
}

/// Which input the `round_trip` target reads: raw bytes (as `parse_bytes`), or a generated
/// blob (as `structured`). `FEEDMIRROR_ROUND_TRIP=bytes` or `=structured` fixes it; otherwise an
/// input starting with a NUL byte (which no blob does) is structured, any other raw.
pub fn round_trip_input(data: &[u8]) -> Option<String> {
    static MODE: OnceLock<Option<String>> = OnceLock::new();
    let mode = MODE.get_or_init(|| std::env::var("FEEDMIRROR_ROUND_TRIP").ok());
    let structured = match mode.as_deref() {
        Some("structured") => Some(data),
        Some("bytes") => None,
        _ => data.strip_prefix(b"\0"),
    };
    match structured {
        Some(rest) => {
            let mut u = arbitrary::Unstructured::new(rest);
            let spec: generate::BlobSpec = arbitrary::Arbitrary::arbitrary(&mut u).ok()?;
            Some(spec.render().text)
        }
        None => Some(String::from_utf8_lossy(data).into_owned()),
    }
}

