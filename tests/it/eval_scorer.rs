//! The scorer itself, on small hand cases.

use std::path::Path;

use diplograph::annotate::{annotate, Config};
use diplograph::eval::{report, score_document, Gold, StatusFilter};
use diplograph::lexicon::Lexicon;
use diplograph::model::Annotation;
fn annotate_text(text: &str) -> Annotation {
    let doc = diplograph::read::read_bytes(text.as_bytes(), Path::new("t.txt"), "t.txt")
        .unwrap_or_else(|e| panic!("{e}"));
    let lex = Lexicon::embedded().unwrap_or_else(|e| panic!("{e}"));
    annotate(&doc, lex, &Config::default())
}

fn gold(json: &str) -> Gold {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"))
}

const DOC: &str =
    "date: 2023-05-10\n\n2023年5月10日，国务委员兼外长秦刚在北京会见老挝副总理兼外长沙伦赛。";

#[test]
fn perfect_match_scores_one() {
    let a = annotate_text(DOC);
    let lex = Lexicon::embedded().unwrap_or_else(|e| panic!("{e}"));
    let g = gold(
        r#"{"events":[{"type":"Meeting","status":"main","date":"2023-05-10","chairs":[],"participants":["p1","p2","CN","LA"]}],
        "people":[{"key":"p1","name":"秦刚","titles":["国务委员","外长"]},{"key":"p2","name":"沙伦赛","titles":["副总理","外长"]}],
        "countries":[{"key":"LA","name":"老挝"}],"organizations":[],"initiatives":[],"figures":[]}"#,
    );
    let r = score_document("t", &a, &g, lex, StatusFilter::Main);
    for c in ["people", "titles", "countries", "events", "participants"] {
        let s = &r.counts[c];
        assert_eq!(
            (s.tp > 0, s.fp, s.fn_),
            (true, 0, 0),
            "{c}: {s:?} {:?} {:?}",
            r.missed,
            r.spurious
        );
        assert_eq!(s.f1, 1.0);
    }
}

#[test]
fn misses_and_spurious_items_are_listed() {
    let a = annotate_text(DOC);
    let lex = Lexicon::embedded().unwrap_or_else(|e| panic!("{e}"));
    let g = gold(
        r#"{"events":[{"type":"Talks","status":"main","date":"2023-05-10","chairs":[],"participants":[]}],
        "people":[{"key":"p1","name":"秦 刚","titles":[]},{"key":"p9","name":"某人","titles":[]}],
        "countries":[],"organizations":[],"initiatives":[],"figures":[{"text":"3国","value":3,"unit":"countries"}]}"#,
    );
    let r = score_document("t", &a, &g, lex, StatusFilter::Main);
    // 秦 刚 matches 秦刚 after removing the space; 某人 is missed; 沙伦赛 is spurious.
    assert_eq!(r.counts["people"].tp, 1);
    assert_eq!(r.missed["people"], vec!["某人".to_owned()]);
    assert_eq!(r.spurious["people"], vec!["沙伦赛".to_owned()]);
    // A meeting is not talks: one miss and one spurious event.
    assert_eq!((r.counts["events"].fn_, r.counts["events"].fp), (1, 1));
    assert_eq!(r.spurious["countries"], vec!["LA".to_owned()]);
    assert_eq!(r.counts["figures"].fn_, 1);
    let total = report(vec![r]);
    assert_eq!(total.categories["people"].precision, 0.5);
    assert_eq!(total.categories["people"].recall, 0.5);
}

#[test]
fn a_null_gold_date_matches_any_date_and_status_filters_apply() {
    let a = annotate_text(DOC);
    let lex = Lexicon::embedded().unwrap_or_else(|e| panic!("{e}"));
    let g = gold(
        r#"{"events":[{"type":"Meeting","status":"main","date":null,"chairs":[],"participants":[]},
                               {"type":"Summit","status":"announced","date":null,"chairs":[],"participants":[]}]}"#,
    );
    let main = score_document("t", &a, &g, lex, StatusFilter::Main);
    assert_eq!(
        (main.counts["events"].tp, main.counts["events"].fn_),
        (1, 0)
    );
    let all = score_document("t", &a, &g, lex, StatusFilter::All);
    assert_eq!((all.counts["events"].tp, all.counts["events"].fn_), (1, 1));
}
