//! The attendance diagram: DOT from the store, rendered by Graphviz when installed.

use super::common::*;

#[test]
fn dot_has_events_people_clusters_and_renders() {
    let s = store_with(&[&seed()]);
    let dot = ok(&["dot", "--store", &store_path(&s)]);
    assert!(dot.starts_with("digraph attendance {"), "{dot}");
    assert!(dot.contains("fontname=\"WenQuanYi Micro Hei\""));
    assert!(dot.contains("shape=box") && dot.contains("shape=ellipse"));
    assert!(
        dot.contains("label=\"哥伦比亚\""),
        "cluster per represented country:\n{dot}"
    );
    assert!(
        dot.contains("label=\"chair, message-reader, speaker\\n国务委员、外长\"")
            || dot.contains("国务委员"),
        "{dot}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let svg = dir.path().join("seed.svg");
    let r = run(&[
        "dot",
        "--store",
        &store_path(&s),
        "--render",
        "svg",
        "-o",
        svg.to_str().expect("utf-8"),
    ]);
    let graphviz = std::process::Command::new("dot").arg("-V").output().is_ok();
    if graphviz {
        assert_eq!(r.code, 0, "{}", r.stderr);
        let text = std::fs::read_to_string(&svg).expect("svg written");
        assert!(
            text.contains("<svg") && text.contains("姆拜尼马拉马"),
            "SVG with Chinese labels"
        );
    } else {
        assert_eq!(r.code, 1);
        assert!(
            r.stderr.contains("Graphviz `dot` is not installed"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn dot_for_one_event_and_for_an_unknown_event() {
    let s = store_with(&[&seed()]);
    let events = select(&s, "SELECT DISTINCT ?e WHERE { ?e dg:chair ?c }");
    let iri = events
        .first()
        .and_then(|r| r.first())
        .cloned()
        .expect("an event");
    let dot = ok(&["dot", "--store", &store_path(&s), "--event", &iri]);
    assert!(
        !dot.contains("全球健康峰会"),
        "only the chosen event:\n{dot}"
    );
    let r = run(&[
        "dot",
        "--store",
        &store_path(&s),
        "--event",
        "https://example.org/none",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no participations found"), "{}", r.stderr);
}
