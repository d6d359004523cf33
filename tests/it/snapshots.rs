//! Snapshots of what the annotator extracts, so a change in extraction shows as a diff
//! (`UPDATE_EXPECT=1 cargo test --release` rewrites them after review).

use expect_test::expect_file;
use serde_json::{json, Value};

use super::common::*;

/// The facts of an annotation without the long mention list: events, roles, entities
/// with their titles, messages, proposals, initiative facts and quantities.
fn summary(path: &std::path::Path) -> String {
    let out = ok(&[
        "annotate",
        "--format",
        "json",
        path.to_str().expect("utf-8"),
    ]);
    let a: Value = serde_json::from_str(&out).expect("annotation JSON");
    let entities: Vec<Value> = a["entities"]
        .as_array()
        .map(|v| {
            v.iter()
                .map(|e| json!({"key": e["key"], "name": e["name"], "titles": e.get("titles").map(|t| t.as_array().map(|ts| ts.iter().map(|t| t["text"].clone()).collect::<Vec<_>>())), "represents": e.get("represents"), "mentions": e["mentions"].as_array().map(Vec::len)}))
                .collect()
        })
        .unwrap_or_default();
    let s = json!({
        "document": a["document"]["title"],
        "events": a["events"],
        "participations": a["participations"],
        "entities": entities,
        "messages": a["messages"],
        "proposals": a["proposals"],
        "initiatives": a["initiatives"],
        "quantities": a["quantities"],
        "statements": a["statements"].as_array().map(Vec::len),
        "mentions": a["mentions"].as_array().map(Vec::len),
    });
    serde_json::to_string_pretty(&s).expect("json") + "\n"
}

#[test]
fn seed_annotation_snapshot() {
    expect_file!["../snapshots/seed.json"].assert_eq(&summary(&seed()));
}

#[test]
fn multi_meeting_annotation_snapshot() {
    expect_file!["../snapshots/multi_meeting.json"]
        .assert_eq(&summary(&fixture("multi_meeting.txt")));
}

#[test]
fn summit_annotation_snapshot() {
    expect_file!["../snapshots/summit_chaired_abroad.json"]
        .assert_eq(&summary(&fixture("summit_chaired_abroad.txt")));
}

#[test]
fn annotation_json_has_the_documented_shape() {
    let out = ok(&["annotate", seed().to_str().expect("utf-8")]);
    let a: Value = serde_json::from_str(&out).expect("annotation JSON");
    for k in [
        "format",
        "annotator",
        "document",
        "mentions",
        "entities",
        "events",
        "participations",
        "messages",
        "statements",
        "proposals",
        "initiatives",
        "quantities",
        "diagnostics",
    ] {
        assert!(a.get(k).is_some(), "missing {k}");
    }
    assert_eq!(a["format"], 1);
    let body = seed_body();
    for m in a["mentions"].as_array().expect("mentions") {
        let (s, e) = (
            m["span"]["start"].as_u64().unwrap_or(0) as usize,
            m["span"]["end"].as_u64().unwrap_or(0) as usize,
        );
        let text: String = body
            .get(s..e)
            .map(|c| c.iter().collect())
            .unwrap_or_default();
        assert_eq!(
            Some(text.as_str()),
            m["text"].as_str(),
            "mention at {s},{e}"
        );
    }
}
