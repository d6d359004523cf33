//! `diplograph analyze`: co-attendance networks of people and countries, their metrics,
//! and the CSV, GraphML and DOT files, checked against what the store says.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::common::*;

const FILES: [&str; 8] = [
    "people-nodes.csv",
    "people-edges.csv",
    "people.graphml",
    "people.dot",
    "countries-nodes.csv",
    "countries-edges.csv",
    "countries.graphml",
    "countries.dot",
];

/// Runs `analyze` on the store into `out` (plus any extra arguments) and returns stdout.
fn analyze(s: &tempfile::TempDir, out: &Path, extra: &[&str]) -> String {
    let store = store_path(s);
    let out = out.to_str().expect("utf-8 path");
    let mut args = vec!["analyze", "--store", &store, "--out", out];
    args.extend_from_slice(extra);
    ok(&args)
}

/// Parses an RFC 4180 file with CRLF line endings into rows of named fields.
fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).expect("CSV written");
    assert!(
        text.ends_with("\r\n"),
        "{}: CRLF line endings",
        path.display()
    );
    let mut rows: Vec<Vec<String>> = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    let header = rows.remove(0);
    rows.into_iter()
        .map(|r| {
            assert_eq!(
                r.len(),
                header.len(),
                "{}: ragged row {r:?}",
                path.display()
            );
            header.iter().cloned().zip(r).collect()
        })
        .collect()
}

/// Node rows by IRI.
fn nodes(dir: &Path, net: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    read_csv(&dir.join(format!("{net}-nodes.csv")))
        .into_iter()
        .map(|r| (r["iri"].clone(), r))
        .collect()
}

/// Edge rows in file order.
fn edges(dir: &Path, net: &str) -> Vec<BTreeMap<String, String>> {
    read_csv(&dir.join(format!("{net}-edges.csv")))
}

fn edge<'a>(
    rows: &'a [BTreeMap<String, String>],
    a: &str,
    b: &str,
) -> Option<&'a BTreeMap<String, String>> {
    rows.iter()
        .find(|r| (r["source"] == a && r["target"] == b) || (r["source"] == b && r["target"] == a))
}

fn column(rows: &[Vec<String>], i: usize) -> BTreeSet<String> {
    rows.iter().map(|r| r[i].clone()).collect()
}

#[test]
fn seed_chair_and_attendees_are_linked_once() {
    let s = store_with(&[&seed()]);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("net");
    let summary = analyze(&s, &out, &[]);
    for f in FILES {
        assert!(out.join(f).is_file(), "{f} written");
    }
    // The chaired event of the seed and everyone who attended it, from the store.
    let chaired = select(&s, "SELECT DISTINCT ?e ?chair WHERE { ?e dg:chair ?chair }");
    assert_eq!(chaired.len(), 1, "{chaired:?}");
    let (event, chair) = (chaired[0][0].clone(), chaired[0][1].clone());
    let attendees = column(
        &select(
            &s,
            &format!(
                "SELECT DISTINCT ?who WHERE {{ ?p dg:event <{event}> ; dg:participant ?who . ?who a schema:Person }}"
            ),
        ),
        0,
    );
    assert_eq!(attendees.len(), 6, "{attendees:?}");
    let e = edges(&out, "people");
    let n = nodes(&out, "people");
    for a in attendees.iter().filter(|a| **a != chair) {
        let row = edge(&e, &chair, a).unwrap_or_else(|| panic!("chair linked to {a}"));
        assert_eq!(row["weight"], "1", "{row:?}");
        assert_eq!(row["events"], event, "{row:?}");
    }
    // Everyone at the conference met everyone else there: a clique of 6.
    let pairs_at_event = e.iter().filter(|r| r["events"] == event).count();
    assert_eq!(pairs_at_event, 15);
    let c = &n[&chair];
    assert_eq!(
        (
            c["events"].as_str(),
            c["degree"].as_str(),
            c["weighted_degree"].as_str()
        ),
        ("1", "5", "5"),
        "{c:?}"
    );
    assert_eq!(
        c["betweenness"], "0.000000000000",
        "no one lies between clique members"
    );
    assert_eq!(c["label"], "王毅", "the Chinese name is the label");
    assert_eq!(c["component"], "1");
    // The seed also names a summit without a date with one attendee: a node alone, in
    // the second component.
    let alone: Vec<_> = n.values().filter(|r| r["degree"] == "0").collect();
    assert_eq!(alone.len(), 1, "{alone:?}");
    assert_eq!(alone[0]["component"], "2");
    assert_eq!(n.len(), 7);
    assert_eq!(e.len(), 15);
    // Countries: the parties of the conference, with China in both events.
    let cn = &nodes(&out, "countries")["https://w3id.org/diplograph/id/country/CN"];
    assert_eq!(cn["events"], "2", "{cn:?}");
    assert_eq!(cn["label"], "中国");
    assert!(
        summary.starts_with("people: 7 nodes, 15 edges, 2 components\n"),
        "{summary}"
    );
    assert!(
        summary.contains("countries: 6 nodes, 15 edges, 1 component\n"),
        "{summary}"
    );
    // GraphML and DOT carry the same network.
    let xml = std::fs::read_to_string(out.join("people.graphml")).expect("graphml");
    assert_eq!(xml.matches("<node id=").count(), 7);
    assert_eq!(xml.matches("<edge source=").count(), 15);
    assert!(xml.contains(
        "<key id=\"betweenness\" for=\"node\" attr.name=\"betweenness\" attr.type=\"double\"/>"
    ));
    let dot = std::fs::read_to_string(out.join("people.dot")).expect("dot");
    assert!(dot.starts_with("graph people {"), "{dot}");
    assert_eq!(dot.matches(" -- ").count(), 15, "{dot}");
}

#[test]
fn repeated_meetings_weigh_more_and_come_first() {
    let s = store_with(&[&seed(), &root().join("tests/fixtures")]);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("net");
    analyze(&s, &out, &[]);
    let e = edges(&out, "people");
    // Pairs of people at two or more events, from the store.
    let twice = select(
        &s,
        "SELECT ?a ?b (COUNT(DISTINCT ?e) AS ?n) WHERE {
           ?p a dg:Participation ; dg:event ?e ; dg:participant ?a .
           ?q a dg:Participation ; dg:event ?e ; dg:participant ?b .
           ?e a dg:DiplomaticEvent . ?a a schema:Person . ?b a schema:Person .
           FILTER(STR(?a) < STR(?b))
         } GROUP BY ?a ?b HAVING (COUNT(DISTINCT ?e) > 1) ORDER BY ?a ?b",
    );
    assert!(!twice.is_empty(), "the fixtures have people who met twice");
    for r in &twice {
        let row = edge(&e, &r[0], &r[1]).unwrap_or_else(|| panic!("{r:?} linked"));
        assert_eq!(row["weight"], r[2], "{row:?}");
        assert_eq!(row["events"].split(' ').count().to_string(), r[2]);
    }
    // Sorted by weight: the heaviest pairs first, and they are the ones above.
    let weights: Vec<usize> = e
        .iter()
        .map(|r| r["weight"].parse().expect("int"))
        .collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{weights:?}");
    let top: BTreeSet<(String, String)> = e[..twice.len()]
        .iter()
        .map(|r| (r["source"].clone(), r["target"].clone()))
        .collect();
    let want: BTreeSet<(String, String)> =
        twice.iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    assert_eq!(top, want);
    // Someone who met two otherwise unconnected groups lies between them.
    let n = nodes(&out, "people");
    assert!(
        n.values()
            .any(|r| r["betweenness"].parse::<f64>().expect("float") > 0.0),
        "some betweenness above 0"
    );
}

#[test]
fn date_range_keeps_only_its_events() {
    let s = store_with(&[&seed(), &root().join("tests/fixtures")]);
    let dir = tempfile::tempdir().expect("tempdir");
    // A range before every report: both networks empty, the files still written.
    let empty = dir.path().join("empty");
    let summary = analyze(&s, &empty, &["--from", "1990-01-01", "--to", "1990-12-31"]);
    assert!(
        summary.contains("people: 0 nodes, 0 edges, 0 components")
            && summary.contains("countries: 0 nodes, 0 edges, 0 components"),
        "{summary}"
    );
    for net in ["people", "countries"] {
        assert!(nodes(&empty, net).is_empty());
        assert!(edges(&empty, net).is_empty());
        let xml = std::fs::read_to_string(empty.join(format!("{net}.graphml"))).expect("graphml");
        assert!(!xml.contains("<node "), "{xml}");
    }
    // One day: the summit of one fixture, and only the people the store says were there.
    let day = dir.path().join("day");
    analyze(&s, &day, &["--from", "2017-06-09", "--to", "2017-06-09"]);
    let there = column(
        &select(
            &s,
            "SELECT DISTINCT ?who WHERE {
               ?p dg:event ?e ; dg:participant ?who . ?who a schema:Person .
               ?e schema:startDate \"2017-06-09\"^^xsd:date }",
        ),
        0,
    );
    let got: BTreeSet<String> = nodes(&day, "people").into_keys().collect();
    assert_eq!(got, there);
    assert_eq!(got.len(), 7, "{got:?}");
    assert_eq!(edges(&day, "people").len(), 21, "a clique of 7");
    // An open range drops the undated summit of the seed, but keeps the dated events.
    let from = dir.path().join("from");
    analyze(&s, &from, &["--from", "2021-06-23"]);
    let kept = nodes(&from, "people");
    assert!(kept.contains_key("https://w3id.org/diplograph/id/person/wang-yi"));
    let all = dir.path().join("all");
    analyze(&s, &all, &[]);
    assert!(kept.len() < nodes(&all, "people").len());
    assert!(edges(&from, "people")
        .iter()
        .all(|r| !r["events"].contains("undated")));
}

#[test]
fn output_is_byte_identical_across_runs() {
    let s = store_with(&[&seed(), &root().join("tests/fixtures")]);
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let sa = analyze(&s, &a, &[]);
    let sb = analyze(&s, &b, &[]);
    assert_eq!(
        sa.replace(a.to_str().expect("utf-8"), "DIR"),
        sb.replace(b.to_str().expect("utf-8"), "DIR")
    );
    for f in FILES {
        let x = std::fs::read(a.join(f)).expect("file");
        let y = std::fs::read(b.join(f)).expect("file");
        assert!(!x.is_empty());
        assert!(x == y, "{f} differs between runs");
    }
}

#[test]
fn bad_dates_and_missing_store_fail_with_one_line() {
    let s = store_with(&[&seed()]);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("net");
    let o = out.to_str().expect("utf-8");
    let store = store_path(&s);
    for (args, msg) in [
        (
            vec!["--from", "2024-13-01"],
            "diplograph: error: --from: invalid date \"2024-13-01\" (expected YYYY-MM-DD)",
        ),
        (
            vec!["--to", "yesterday"],
            "diplograph: error: --to: invalid date \"yesterday\" (expected YYYY-MM-DD)",
        ),
        (
            vec!["--from", "2024-02-01", "--to", "2024-01-01"],
            "diplograph: error: --from 2024-02-01 is after --to 2024-01-01",
        ),
    ] {
        let mut a = vec!["analyze", "--store", &store, "--out", o];
        a.extend(args);
        let r = run(&a);
        assert_eq!(r.code, 1, "{a:?}: {}", r.stderr);
        assert_eq!(r.stderr, format!("{msg}\n"), "{a:?}");
        assert!(r.stdout.is_empty());
        assert!(!out.exists(), "nothing written on a bad date");
    }
    let missing = dir.path().join("no-store");
    let r = run(&[
        "analyze",
        "--store",
        missing.to_str().expect("utf-8"),
        "--out",
        o,
    ]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.starts_with("diplograph: error: "), "{}", r.stderr);
    assert!(!out.exists());
}
