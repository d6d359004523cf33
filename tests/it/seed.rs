//! The facts the graph must hold for the seed report, asserted through SPARQL.

use super::common::*;

fn seed_store() -> tempfile::TempDir {
    store_with(&[&seed()])
}

const CONF: &str =
    "?e a dg:DiplomaticEvent ; sem:eventType et:conference ; dg:status st:happened .";

#[test]
fn the_conference_has_type_name_date_mode_place_and_theme() {
    let s = seed_store();
    assert!(ask(
        &s,
        &format!(
            "{CONF} ?e schema:startDate \"2021-06-23\"^^xsd:date ;
        schema:name \"“一带一路”亚太区域国际合作高级别视频会议\"@zh ;
        schema:eventAttendanceMode schema:OnlineEventAttendanceMode ;
        schema:location ?place ; dg:theme \"加强抗疫合作、促进经济复苏\"@zh .
        ?place schema:name \"北京\"@zh ."
        )
    ));
    // Exactly one happened conference: the headline and the body report the same one.
    let rows = select(&s, "SELECT DISTINCT ?e WHERE { ?e a dg:DiplomaticEvent ; dg:status st:happened ; sem:eventType et:conference }");
    assert_eq!(rows.len(), 1, "{rows:?}");
}

#[test]
fn the_chair_holds_both_titles_and_represents_china() {
    let s = seed_store();
    assert!(ask(
        &s,
        &format!(
            "{CONF} ?e dg:chair ?w . ?w schema:name \"王毅\"@zh .
        ?p dg:event ?e ; dg:participant ?w ; dg:participationRole role:chair ;
           dg:representing cty:CN ; schema:roleName \"国务委员\"@zh, \"外长\"@zh ."
        )
    ));
    // The titles are tenures attested on the report's date, with evidence spans.
    assert!(ask(
        &s,
        "?t a dg:Tenure ; org:member ?w ; org:role pos:state-councilor ;
        dg:attestedOn \"2021-06-23\"^^xsd:date ; dg:evidence ?span . ?w schema:name \"王毅\"@zh .
        ?span nif:anchorOf \"国务委员\" ."
    ));
    // Nobody else chairs.
    let chairs = select(
        &s,
        &format!("SELECT DISTINCT ?c WHERE {{ {CONF} ?e dg:chair ?c }}"),
    );
    assert_eq!(chairs.len(), 1, "{chairs:?}");
}

#[test]
fn every_named_attendee_has_title_and_represented_party() {
    let s = seed_store();
    for (name, title, party) in [
        ("杜克", "总统", "cty:CO"),
        ("姆拜尼马拉马", "总理", "cty:FJ"),
        ("阿里沙赫巴纳", "执秘", "o:un-escap"),
        ("施泰纳", "署长", "o:undp"),
        ("巴尔塞纳", "执秘", "o:un-eclac"),
    ] {
        assert!(
            ask(
                &s,
                &format!(
                    "{CONF} ?e schema:attendee ?x . ?x schema:name \"{name}\"@zh .
                ?p dg:event ?e ; dg:participant ?x ; dg:participationRole role:attendee ;
                   schema:roleName \"{title}\"@zh ; dg:representing {party} ; dg:evidence ?span .
                ?span nif:anchorOf ?text FILTER(CONTAINS(?text, \"{name}\"))"
                )
            ),
            "{name} {title} {party}"
        );
    }
    // The under-secretary-general post is in the UN itself.
    assert!(ask(&s, "?t a dg:Tenure ; org:member ?x ; org:role pos:under-secretary-general ; org:organization o:un .
        ?x schema:name \"阿里沙赫巴纳\"@zh ."));
    // Five named attendees plus the chair, and no invented list of the 29 countries.
    let people = select(
        &s,
        &format!("SELECT DISTINCT ?x WHERE {{ {CONF} ?e schema:attendee ?x }}"),
    );
    assert_eq!(people.len(), 6, "{people:?}");
    let countries = select(&s, &format!("SELECT DISTINCT ?c WHERE {{ {CONF} ?p dg:event ?e ; dg:representing ?c . ?c a dg:Country }}"));
    assert_eq!(countries.len(), 3, "CN, CO, FJ only: {countries:?}");
    assert!(ask(&s, &format!("{CONF} ?e dg:attendingCountryCount 29 .")));
}

#[test]
fn the_written_message_is_read_out_by_the_chair() {
    let s = seed_store();
    assert!(ask(&s, &format!("{CONF} ?e schema:subEvent ?r .
        ?r sem:eventType et:message-reading ; schema:performer ?w ; schema:workPerformed ?m ; dg:onBehalfOf ?x .
        ?m a schema:Message ; schema:sender ?x ; dg:evidence ?span .
        ?w schema:name \"王毅\"@zh . ?x schema:name \"习近平\"@zh .")));
}

#[test]
fn four_numbered_proposals_by_the_chair() {
    let s = seed_store();
    let rows = select(&s, &format!("SELECT DISTINCT ?n ?of WHERE {{ {CONF} ?p a dg:Proposal ; dg:statedAt ?e ; schema:position ?n ; dg:proposalCount ?of ;
        schema:author ?w ; dg:onBehalfOf cty:CN . ?w schema:name \"王毅\"@zh }} ORDER BY ?n"));
    let got: Vec<(String, String)> = rows
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    assert_eq!(
        got,
        [("1", "4"), ("2", "4"), ("3", "4"), ("4", "4")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
}

#[test]
fn initiatives_launched_and_joined() {
    let s = seed_store();
    for id in [
        "bri",
        "health-silk-road",
        "green-silk-road",
        "digital-silk-road",
        "rcep",
    ] {
        assert!(
            ask(
                &s,
                &format!("?span <http://www.w3.org/2005/11/its/rdf#taIdentRef> ini:{id} .")
            ),
            "{id} mentioned"
        );
    }
    // Two initiatives launched at the conference by 29 countries, both joined by Colombia.
    let launched = select(&s, &format!("SELECT DISTINCT ?i WHERE {{ {CONF} ?i a dg:Initiative ; dg:launchedAt ?e ; dg:coInitiatorCount 29 ; dg:joinedBy cty:CO }}"));
    assert_eq!(launched.len(), 2, "{launched:?}");
    assert!(ask(
        &s,
        "?i dg:launchedAt ?e ; schema:name ?n FILTER(CONTAINS(STR(?n), \"疫苗合作伙伴关系倡议\"))"
    ));
    assert!(ask(
        &s,
        "?i dg:launchedAt ?e ; schema:name \"绿色发展伙伴关系倡议\"@zh"
    ));
    // Every launch is backed by an assertion with a sentence as evidence.
    assert!(ask(&s, "?a a dg:Assertion ; dg:predicate dg:launchedAt ; dg:evidence ?span . ?span nif:anchorOf ?t FILTER(CONTAINS(?t, \"29国共同发起\"))"));
    // The Belt and Road Initiative was proposed by Xi Jinping (2013年习近平主席提出共建“一带一路”倡议).
    assert!(ask(
        &s,
        "ini:bri dg:proposedBy ?x . ?x schema:name \"习近平\"@zh"
    ));
}

#[test]
fn quantities_are_normalised_with_surface_forms() {
    let s = seed_store();
    for (surface, value, unit) in [
        ("140个", "140", "countries"),
        ("9.2万亿美元", "9200000000000", "USD"),
        ("1300亿美元", "130000000000", "USD"),
    ] {
        assert!(
            ask(&s, &format!("?q a dg:QuantityObservation ; dg:surfaceForm \"{surface}\"@zh ; dg:quantityValue ?v ; dg:evidence ?span .
                ?v schema:value \"{value}\"^^xsd:decimal .
                {{ ?v schema:currency \"{unit}\" }} UNION {{ ?v schema:unitText \"{unit}\" }}")),
            "{surface}"
        );
    }
    assert!(ask(
        &s,
        "?q dg:surfaceForm \"9.2万亿美元\"@zh ; dg:comparator cmp:greater-than ."
    ));
}

#[test]
fn every_span_anchor_matches_the_body_text() {
    let s = seed_store();
    let body = seed_body();
    let rows = select(
        &s,
        "SELECT ?b ?e ?t WHERE { ?s nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?t }",
    );
    assert!(rows.len() > 50, "{}", rows.len());
    for r in rows {
        let (b, e): (usize, usize) = (r[0].parse().expect("int"), r[1].parse().expect("int"));
        assert!(b <= e && e <= body.len(), "{r:?}");
        let text: String = body[b..e].iter().collect();
        assert_eq!(text, r[2], "span {b},{e}");
    }
}

#[test]
fn ingest_prints_events_with_chair_and_attendees() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let out = ok(&[
        "ingest",
        "--store",
        store.to_str().expect("utf-8"),
        seed().to_str().expect("utf-8"),
    ]);
    assert!(
        out.contains("2021-06-23 [conference] happened “一带一路”亚太区域国际合作高级别视频会议"),
        "{out}"
    );
    assert!(out.contains("chair"), "{out}");
    for line in [
        "杜克 | 总统 | 哥伦比亚",
        "姆拜尼马拉马 | 总理 | 斐济",
        "王毅 | 国务委员、外长 | 中国",
        "施泰纳 | 署长 | 联合国开发计划署",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    assert!(out.contains("attending countries: 29"), "{out}");
    // Re-ingesting an unchanged document skips it; the store keeps the same quads.
    let again = ok(&[
        "ingest",
        "--store",
        store.to_str().expect("utf-8"),
        seed().to_str().expect("utf-8"),
    ]);
    assert!(again.contains("unchanged"), "{again}");
    let n1 = out
        .lines()
        .last()
        .unwrap_or_default()
        .split("holds ")
        .nth(1)
        .map(str::to_owned);
    let n2 = again
        .lines()
        .last()
        .unwrap_or_default()
        .split("holds ")
        .nth(1)
        .map(str::to_owned);
    assert_eq!(n1, n2);
}
