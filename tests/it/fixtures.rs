//! Fixtures written for these tests: several meetings in one report, no meeting at
//! all, and a summit chaired by a foreign leader with China attending.

use super::common::*;

#[test]
fn two_meetings_in_one_report_stay_apart() {
    let s = store_with(&[&fixture("multi_meeting.txt")]);
    let events = select(&s, "SELECT ?type ?date WHERE { ?e a dg:DiplomaticEvent ; sem:eventType ?t ; schema:startDate ?date . BIND(STRAFTER(STR(?t), \"event-type/\") AS ?type) } ORDER BY ?type");
    assert_eq!(
        events,
        vec![
            vec!["meeting".to_owned(), "2023-05-10".to_owned()],
            vec!["talks".to_owned(), "2023-05-10".to_owned()]
        ]
    );
    // The Lao guest met at the first, the Vietnamese minister at the second; nobody is at both but the host.
    assert!(ask(&s, "?e sem:eventType et:meeting ; schema:attendee ?x . ?x schema:name \"沙伦赛\"@zh .
        ?p dg:event ?e ; dg:participant ?x ; dg:representing cty:LA ; schema:roleName \"副总理\"@zh, \"外长\"@zh ."));
    assert!(ask(
        &s,
        "?e sem:eventType et:talks ; schema:attendee ?x . ?x schema:name \"裴青山\"@zh .
        ?p dg:event ?e ; dg:participant ?x ; dg:representing cty:VN ."
    ));
    assert!(!ask(
        &s,
        "?e sem:eventType et:talks ; schema:attendee ?x . ?x schema:name \"沙伦赛\"@zh ."
    ));
    let both = select(&s, "SELECT DISTINCT ?n WHERE { ?a sem:eventType et:meeting ; schema:attendee ?x . ?b sem:eventType et:talks ; schema:attendee ?x . ?x schema:name ?n FILTER(lang(?n) = \"zh\") }");
    assert_eq!(both, vec![vec!["秦刚".to_owned()]]);
}

#[test]
fn a_report_without_a_meeting_has_no_events_and_no_people() {
    let s = store_with(&[&fixture("no_meeting.txt")]);
    assert!(!ask(&s, "?e a dg:DiplomaticEvent ."));
    assert!(!ask(&s, "GRAPH ?g { ?x a schema:Person } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/diplograph/graph/doc/\"))"));
    // The document itself is still recorded, with its context string.
    assert!(ask(&s, "?d a dg:SourceDocument ; schema:url \"https://example.org/diplograph-fixtures/no-meeting\" ."));
    assert!(ask(
        &s,
        "?c a nif:Context ; nif:isString ?t FILTER(STRSTARTS(?t, \"近日\"))"
    ));
}

#[test]
fn a_summit_chaired_abroad_has_the_foreign_chair_and_china_attending() {
    let s = store_with(&[&fixture("summit_chaired_abroad.txt")]);
    assert!(ask(
        &s,
        "?e sem:eventType et:summit ; schema:startDate \"2017-06-09\"^^xsd:date ; dg:chair ?c .
        ?c schema:name \"纳扎尔巴耶夫\"@zh .
        ?p dg:event ?e ; dg:participant ?c ; dg:representing cty:KZ ."
    ));
    assert!(ask(&s, "?e sem:eventType et:summit ; schema:attendee ?x .
        ?p dg:event ?e ; dg:participant ?x ; dg:representing cty:CN ; dg:participationRole role:attendee .
        ?x schema:name \"习近平\"@zh ."));
    // The UN Secretary-General represents the UN, named inside his title.
    assert!(ask(
        &s,
        "?p dg:participant ?x ; dg:representing o:un . ?x schema:name \"古特雷斯\"@zh ."
    ));
    let n = select(
        &s,
        "SELECT DISTINCT ?x WHERE { ?e sem:eventType et:summit ; schema:attendee ?x }",
    );
    assert_eq!(n.len(), 7, "{n:?}");
}

#[test]
fn the_same_person_in_two_documents_is_one_node() {
    let s = store_with(&[&seed(), &fixture("summit_chaired_abroad.txt")]);
    let xi = select(
        &s,
        "SELECT DISTINCT ?x WHERE { ?x schema:name \"习近平\"@zh }",
    );
    assert_eq!(xi.len(), 1, "{xi:?}");
    let graphs = select(&s, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?p dg:participant ?x } ?x schema:name \"习近平\"@zh }");
    assert_eq!(graphs.len(), 2, "{graphs:?}");
}
