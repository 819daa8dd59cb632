//! The JSON form of every sample and every corpus file validates against
//! `schema/article.schema.json` (this crate always enables the library's `serde` feature).

#[path = "../../tests/common/mod.rs"]
mod common;

fn validator() -> jsonschema::Validator {
    let path = common::repo_root().join("schema/article.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema file")).expect("schema is JSON");
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "the schema declares draft 2020-12"
    );
    jsonschema::validator_for(&schema).expect("the schema is a valid schema")
}

fn errors(v: &jsonschema::Validator, article: &feedmirror::Article) -> Vec<String> {
    let json = serde_json::to_value(article).expect("articles serialize");
    v.iter_errors(&json)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(5)
        .collect()
}

#[test]
fn samples_match_the_schema() {
    let v = validator();
    let dir = common::repo_root().join("examples/samples");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let article = feedmirror::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let e = errors(&v, &article);
        assert!(e.is_empty(), "{}: {e:#?}", path.display());
        n += 1;
    }
    assert!(n >= 10);
}

#[test]
fn corpus_matches_the_schema() {
    let Some(files) = common::corpus_files() else {
        return;
    };
    let v = validator();
    let (mut checked, mut failures) = (0, Vec::new());
    for (path, text) in &files {
        let Ok(article) = feedmirror::parse(text) else {
            continue;
        };
        checked += 1;
        let e = errors(&v, &article);
        if !e.is_empty() {
            failures.push(format!("{}: {e:#?}", path.display()));
        }
    }
    eprintln!(
        "json schema: {} of {checked} articles valid",
        checked - failures.len()
    );
    assert!(
        failures.is_empty(),
        "{}",
        failures.iter().take(5).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_schema_rejects_what_the_model_cannot_hold() {
    let v = validator();
    let article = feedmirror::parse(
        "<!--1000-->\n[t](https://example.org/a)\n------\n\n<p><a href=\"https://x.example/\">x</a></p>",
    )
    .unwrap();
    let mut json = serde_json::to_value(&article).unwrap();
    assert!(v.is_valid(&json));
    json["links"][0]["href"] = serde_json::json!("javascript:alert(1)");
    assert!(!v.is_valid(&json));
    json["links"][0]["href"] = serde_json::Value::Null;
    assert!(!v.is_valid(&json), "only unsafe links lack a target");
    json["links"][0]["kind"] = serde_json::json!("unsafe");
    assert!(v.is_valid(&json));
}
