//! Exports: sorted, byte-stable, re-ingest is idempotent.

use super::common::*;

fn export(dir: &tempfile::TempDir, format: &str) -> String {
    ok(&["export", "--store", &store_path(dir), "--format", format])
}

#[test]
fn exports_are_byte_identical_across_stores_and_reingest() {
    let a = store_with(&[&seed(), &fixture("multi_meeting.txt")]);
    let b = store_with(&[&fixture("multi_meeting.txt"), &seed()]);
    for f in ["nquads", "trig", "turtle", "jsonld"] {
        assert_eq!(export(&a, f), export(&b, f), "{f} differs between stores");
    }
    let before = export(&a, "nquads");
    ok(&[
        "ingest",
        "--quiet",
        "--force",
        "--store",
        &store_path(&a),
        seed().to_str().expect("utf-8"),
    ]);
    assert_eq!(before, export(&a, "nquads"), "re-ingest changed the store");
    let lines: Vec<&str> = before.lines().collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines.len(), sorted.len());
    assert!(
        lines.iter().all(|l| l.ends_with(" .")),
        "N-Quads lines end with a dot"
    );
}

#[test]
fn optimize_keeps_the_content_and_reports_the_size() {
    let a = store_with(&[&seed(), &fixture("multi_meeting.txt")]);
    let before = export(&a, "nquads");
    let out = ok(&["optimize", "--store", &store_path(&a)]);
    assert!(
        out.starts_with("optimize: ") && out.contains(" quads; ") && out.contains(" MB after"),
        "{out}"
    );
    assert_eq!(before, export(&a, "nquads"), "optimize changed the content");
    let missing = a.path().join("nothing-here");
    let r = run(&["optimize", "--store", missing.to_str().expect("utf-8")]);
    assert_ne!(r.code, 0);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("no store here"), "{}", r.stderr);
}

#[test]
fn one_document_can_be_exported_by_path_or_key() {
    let s = store_with(&[&seed(), &fixture("multi_meeting.txt")]);
    let by_path = ok(&[
        "export",
        "--store",
        &store_path(&s),
        "--format",
        "nquads",
        "--document",
        seed().to_str().expect("utf-8"),
    ]);
    assert!(!by_path.is_empty());
    let graphs: std::collections::BTreeSet<&str> = by_path
        .lines()
        .filter_map(|l| l.rsplit(' ').nth(1))
        .collect();
    assert_eq!(graphs.len(), 1, "{graphs:?}");
    let g = graphs.iter().next().copied().unwrap_or_default();
    let key = g
        .trim_matches(['<', '>'])
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let by_key = ok(&[
        "export",
        "--store",
        &store_path(&s),
        "--format",
        "nquads",
        "--document",
        &key,
    ]);
    assert_eq!(by_path, by_key);
    let r = run(&["export", "--store", &store_path(&s), "--document", "nope"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no document \"nope\""), "{}", r.stderr);
}

#[test]
fn annotate_trig_matches_what_ingest_stores() {
    use oxigraph::io::{RdfFormat, RdfParser};
    let parse = |s: &str| -> std::collections::BTreeSet<String> {
        RdfParser::from_format(RdfFormat::TriG)
            .for_slice(s.as_bytes())
            .map(|q| q.expect("valid TriG").to_string())
            .collect()
    };
    let s = store_with(&[&seed()]);
    let stored = parse(&ok(&[
        "export",
        "--store",
        &store_path(&s),
        "--format",
        "trig",
        "--document",
        seed().to_str().expect("utf-8"),
    ]));
    let annotated = parse(&ok(&[
        "annotate",
        "--format",
        "trig",
        seed().to_str().expect("utf-8"),
    ]));
    assert!(stored.len() > 500, "{}", stored.len());
    // annotate adds the provenance record; everything in the document graph is the same.
    let missing: Vec<&String> = stored.difference(&annotated).collect();
    assert!(missing.is_empty(), "{missing:?}");
    assert!(annotated
        .difference(&stored)
        .all(|q| q.contains("graph/runs")));
}
