//! Every shipped query runs and returns rows; result formats work.

use std::collections::BTreeSet;

use super::common::*;

#[test]
fn every_shipped_query_returns_rows() {
    // The seed, and a Chinese and an English report of one meeting (for merges.rq).
    let s = store_with(&[&seed(), &fixture("lmc_zh.txt"), &fixture("lmc_en.txt")]);
    let dir = root().join("ontology/queries");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("queries folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    for f in files {
        let out = ok(&[
            "query",
            "--store",
            &store_path(&s),
            "--format",
            "csv",
            "--file",
            f.to_str().expect("utf-8"),
        ]);
        let rows = out.lines().count().saturating_sub(1);
        assert!(rows >= 1, "{} returned no rows", f.display());
    }
}

#[test]
fn result_formats_and_construct() {
    let s = store_with(&[&seed()]);
    let q = "PREFIX dg: <https://w3id.org/diplograph/ontology#> SELECT (COUNT(*) AS ?n) WHERE { ?p a dg:Participation }";
    let json = ok(&["query", "--store", &store_path(&s), "--format", "json", q]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON results");
    assert!(
        v["results"]["bindings"][0]["n"]["value"]
            .as_str()
            .is_some_and(|n| n.parse::<u32>().unwrap_or(0) >= 7),
        "{json}"
    );
    let xml = ok(&["query", "--store", &store_path(&s), "--format", "xml", q]);
    assert!(xml.contains("<sparql"), "{xml}");
    let table = ok(&["query", "--store", &store_path(&s), q]);
    assert!(table.contains("(1 row)"), "{table}");
    let ttl = ok(&["query", "--store", &store_path(&s), "PREFIX dg: <https://w3id.org/diplograph/ontology#> CONSTRUCT { ?e dg:chair ?c } WHERE { ?e dg:chair ?c }"]);
    assert!(ttl.contains("dg:chair"), "{ttl}");
    let nt = ok(&["query", "--store", &store_path(&s), "--ntriples", "PREFIX dg: <https://w3id.org/diplograph/ontology#> CONSTRUCT { ?e dg:chair ?c } WHERE { ?e dg:chair ?c }"]);
    assert!(
        nt.contains("<https://w3id.org/diplograph/ontology#chair>"),
        "{nt}"
    );
    // GRAPH ?g reaches the document's graph for provenance.
    let g = ok(&["query", "--store", &store_path(&s), "--format", "csv", "PREFIX dg: <https://w3id.org/diplograph/ontology#> SELECT DISTINCT ?g WHERE { GRAPH ?g { ?e dg:chair ?c } }"]);
    assert!(g.contains("https://w3id.org/diplograph/graph/doc/"), "{g}");
}

#[test]
fn limit_cuts_results_and_says_so() {
    let s = store_with(&[&seed()]);
    let q = "PREFIX dg: <https://w3id.org/diplograph/ontology#> SELECT ?p WHERE { ?p a dg:Participation } ORDER BY ?p";
    let all = ok(&["query", "--store", &store_path(&s), "--format", "csv", q]);
    assert!(all.lines().count() > 3, "{all}");
    let limited = |n: &str| {
        run(&[
            "query",
            "--store",
            &store_path(&s),
            "--format",
            "csv",
            "--limit",
            n,
            q,
        ])
    };
    let r = limited("2");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let expected: Vec<&str> = all.lines().take(3).collect();
    assert_eq!(lines, expected, "the header and the first two rows");
    assert!(
        r.stderr.contains("results cut at --limit 2"),
        "{}",
        r.stderr
    );
    // Under the limit: no note.
    let r = limited("100000");
    assert_eq!(r.stdout, all);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn timeout_stops_a_runaway_query() {
    let s = store_with(&[&seed()]);
    // Billions of combinations: never finishes on its own in test time.
    let q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let r = run(&["query", "--store", &store_path(&s), "--timeout", "0.5", q]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("--timeout of 0.5 s"), "{}", r.stderr);
    let r = run(&["query", "--store", &store_path(&s), "--timeout=nan", q]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("--timeout"), "{}", r.stderr);
}

/// Everything each person did, read from the role and statement shortcuts on the events,
/// is what the participation and statement nodes say.
#[test]
fn the_shortcuts_say_what_the_participation_and_statement_nodes_say() {
    let s = store_with(&[
        &seed(),
        &fixture("lmc_zh.txt"),
        &fixture("lmc_en.txt"),
        &fixture("meeting_en.txt"),
    ]);
    let run = |q: &str| -> Vec<String> {
        let mut rows: Vec<String> = select(&s, q).into_iter().map(|r| r.join(",")).collect();
        rows.sort();
        rows
    };
    let shortcuts = run(
        "SELECT DISTINCT ?who ?e ?what WHERE { { ?e ?shortcut ?who . ?shortcut dg:forRole ?what } UNION { ?e dg:statementBy ?who . BIND(\"statement\" AS ?what) } }",
    );
    let nodes = run(
        "SELECT DISTINCT ?who ?e ?what WHERE { { ?x dg:participant ?who ; dg:event ?e ; dg:participationRole ?what } UNION { ?x schema:author ?who ; dg:statedAt ?e . BIND(\"statement\" AS ?what) } }",
    );
    assert_eq!(shortcuts, nodes);
    // Both kinds of rows are there, and several roles.
    assert!(
        shortcuts.iter().any(|r| r.ends_with(",statement")),
        "{shortcuts:?}"
    );
    let roles: BTreeSet<&str> = shortcuts
        .iter()
        .filter_map(|r| r.rsplit(',').next())
        .filter(|w| w.contains("/concept/role/"))
        .collect();
    assert!(roles.len() >= 3, "{roles:?}");
}
