//! One node per real thing across documents and languages, order of ingest, removal.

use super::common::*;

const CALLS: &str = "SELECT DISTINCT ?e WHERE { ?e sem:eventType et:phone-call }";

#[test]
fn a_chinese_and_an_english_report_of_the_same_call_are_one_event() {
    let s = store_with(&[&fixture("call_zh.txt"), &fixture("call_en.txt")]);
    assert_eq!(select(&s, CALLS).len(), 1);
    let graphs = select(
        &s,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?p dg:event ?e } ?e sem:eventType et:phone-call }",
    );
    assert_eq!(
        graphs.len(),
        2,
        "both reports point at the shared event: {graphs:?}"
    );
    // The event can be found from either language's names.
    assert!(ask(&s, "?e sem:eventType et:phone-call ; schema:attendee ?m . ?m schema:name \"Emmanuel Macron\"@en , \"马克龙\"@zh ."));
}

#[test]
fn two_calls_on_the_same_day_with_the_same_host_stay_apart() {
    let s = store_with(&[&fixture("two_calls_zh.txt"), &fixture("call_en.txt")]);
    assert_eq!(select(&s, CALLS).len(), 2);
    // The English report joins the call with Macron, not the one with Scholz.
    let shared = select(&s, "SELECT DISTINCT ?e WHERE { ?e sem:eventType et:phone-call . GRAPH ?a { ?p dg:event ?e } GRAPH ?b { ?q dg:event ?e } FILTER(?a != ?b) }");
    assert_eq!(shared.len(), 1, "{shared:?}");
    assert!(ask(
        &s,
        &format!(
            "<{}> schema:attendee ?m . ?m schema:name \"Emmanuel Macron\"@en .",
            shared[0][0]
        )
    ));
}

#[test]
fn order_of_ingest_does_not_matter() {
    let a = store_with(&[&fixture("call_zh.txt"), &fixture("call_en.txt"), &seed()]);
    let b = store_with(&[&seed(), &fixture("call_en.txt"), &fixture("call_zh.txt")]);
    let export =
        |d: &tempfile::TempDir| ok(&["export", "--store", &store_path(d), "--format", "nquads"]);
    assert_eq!(export(&a), export(&b));
}

#[test]
fn removing_a_report_keeps_the_event_another_report_supports() {
    let s = store_with(&[&fixture("call_zh.txt"), &fixture("call_en.txt")]);
    let out = ok(&[
        "remove",
        "--store",
        &store_path(&s),
        fixture("call_en.txt").to_str().expect("utf-8"),
    ]);
    assert!(out.contains("removed document"), "{out}");
    assert_eq!(
        select(&s, CALLS).len(),
        1,
        "the Chinese report still supports the call"
    );
    assert!(
        !ask(
            &s,
            "?d schema:url \"https://example.org/diplograph-fixtures/call-en\""
        ),
        "no trace of the removed report"
    );
    assert!(!ask(&s, "?x ?p ?o FILTER(CONTAINS(STR(?o), \"call-en\"))"));
    ok(&[
        "remove",
        "--store",
        &store_path(&s),
        fixture("call_zh.txt").to_str().expect("utf-8"),
    ]);
    assert!(select(&s, CALLS).is_empty());
    let r = run(&["remove", "--store", &store_path(&s), "nope"]);
    assert_eq!(r.code, 1);
}

#[test]
fn english_reports_give_people_titles_and_quantities() {
    let s = store_with(&[&fixture("call_en.txt")]);
    assert!(ask(&s, "?p dg:participant ?x ; dg:representing cty:FR ; schema:roleName \"President\"@en . ?x schema:name \"Emmanuel Macron\"@en ."));
    assert!(ask(&s, "?q dg:surfaceForm \"78.9 billion U.S. dollars\"@en ; dg:quantityValue ?v . ?v schema:value \"78900000000\"^^xsd:decimal ; schema:currency \"USD\" ."));
    assert!(ask(&s, "?e sem:eventType et:phone-call ; schema:startDate \"2024-03-01\"^^xsd:date ; schema:eventAttendanceMode ?m ."));
}
