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
