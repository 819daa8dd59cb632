//! The JSON form: field names of the contract, and serialize-then-deserialize gives an equal article.
#![cfg(feature = "serde")]

use feedmirror::Article;

#[test]
fn samples_round_trip_through_json() {
    let dir = format!("{}/examples/samples", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("samples") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let a = feedmirror::parse(&text).expect("parses");
        let json = serde_json::to_value(&a).expect("serializes");
        for key in [
            "envelope",
            "outlet",
            "article_id",
            "published",
            "byline",
            "dateline",
            "figures",
            "blocks",
            "links",
            "credits",
            "copyright",
            "mirror_footer",
            "warnings",
        ] {
            assert!(json.get(key).is_some(), "{}: no `{key}`", path.display());
        }
        for key in ["mirrored_at", "title", "url", "front_matter"] {
            assert!(
                json["envelope"].get(key).is_some(),
                "{}: no envelope `{key}`",
                path.display()
            );
        }
        let back: Article = serde_json::from_value(json).expect("deserializes");
        assert_eq!(back, a, "{}", path.display());
        n += 1;
    }
    assert!(n >= 15, "{n} samples");
}

#[test]
fn published_json_shape() {
    let text = "<!--1684939624000-->\n[t](https://www.dw.com/zh/x/a-1)\n------\n\n<div><i><br>2023-05-24T14:34:01.707Z</i></div><p>x</p>";
    let a = feedmirror::parse(text).expect("parses");
    let json = serde_json::to_value(&a).expect("serializes");
    assert_eq!(json["envelope"]["mirrored_at"], "2023-05-24T14:47:04Z");
    assert_eq!(json["published"]["precision"], "instant");
    assert_eq!(json["published"]["raw"], "2023-05-24T14:34:01.707Z");
    assert_eq!(json["published"]["value"], "2023-05-24T14:34:01.707Z");
    assert_eq!(json["blocks"][0]["kind"], "paragraph");
    assert_eq!(json["blocks"][0]["text"], "x");
}

/// The line and column of byte `offset`, counted as the crate documents them.
fn line_column(input: &str, offset: usize) -> (usize, usize) {
    let before = &input[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[test]
fn errors_serialize_as_kind_message_line_column_offset() {
    let inputs = [
        "",
        "  \n\n ",
        "\n\n<html><body>x</body></html>",
        "<!--1-->\nno link here",
        "---\ntitle: x\n",
        "<!--1-->\n[a](https://x.example/)\n------\n\n<p>\u{1}</p>",
        "德国\n<p>x</p>",
    ];
    for input in inputs {
        let err = feedmirror::parse(input).expect_err("not a blob");
        let json = serde_json::to_value(&err).expect("serializes");
        let keys: Vec<&str> = json
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["column", "kind", "line", "message", "offset"], "{input:?}");
        let text = serde_json::to_string(&err).expect("serializes");
        assert!(text.starts_with(r#"{"kind":"#), "{text}");
        assert_eq!(json["kind"], err.kind());
        assert_eq!(json["message"], err.to_string());
        let (line, column) = err.position();
        assert_eq!(
            (json["line"].as_u64(), json["column"].as_u64()),
            (Some(line as u64), Some(column as u64))
        );
        assert_eq!(json["offset"].as_u64(), Some(err.offset() as u64));
        assert_eq!(
            line_column(input, err.offset()),
            (line, column),
            "{input:?}: {err}"
        );
    }
}

#[test]
fn options_round_trip_and_default_missing_fields() {
    let options = feedmirror::Options::default().max_depth(64).max_nodes(1000);
    let json = serde_json::to_value(&options).expect("serializes");
    assert_eq!(json["max_depth"], 64);
    assert_eq!(json["max_nodes"], 1000);
    assert_eq!(json["max_input_bytes"], 16 * 1024 * 1024);
    let back: feedmirror::Options = serde_json::from_value(json).expect("deserializes");
    assert_eq!(back, options);
    let partial: feedmirror::Options = serde_json::from_str(r#"{"max_nodes": 5}"#).expect("partial");
    assert_eq!(partial, feedmirror::Options::default().max_nodes(5));
    assert!(serde_json::from_str::<feedmirror::Options>(r#"{"max_depht": 5}"#).is_err());
}
