//! One node per real thing across documents and languages, order of ingest, removal.

use super::common::*;
use std::collections::BTreeSet;
use std::path::PathBuf;

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

const CONFERENCES: &str = "SELECT DISTINCT ?e WHERE { ?e sem:eventType et:conference }";

fn lmc_store() -> tempfile::TempDir {
    store_with(&[&fixture("lmc_zh.txt"), &fixture("lmc_en.txt")])
}

#[test]
fn a_named_meeting_reported_in_chinese_and_english_is_one_event_with_both_names() {
    let s = lmc_store();
    let events = select(&s, CONFERENCES);
    assert_eq!(events.len(), 1, "{events:?}");
    let e = &events[0][0];
    // Each report keeps its own graph, pointing at the shared event.
    let graphs = select(
        &s,
        &format!("SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?p dg:event <{e}> }} }}"),
    );
    assert_eq!(graphs.len(), 2, "{graphs:?}");
    // Asked in either language.
    assert!(ask(&s, &format!("<{e}> schema:name \"澜沧江－湄公河合作第八次外长会\"@zh , \"Lancang-Mekong Cooperation Foreign Ministers' Meeting\"@en .")));
    // Seven attendees after the merge: Wang Yi, four people named in both languages and
    // the two different Vietnamese officials.
    let attendees = select(
        &s,
        &format!("SELECT DISTINCT ?a WHERE {{ <{e}> schema:attendee ?a }}"),
    );
    assert_eq!(attendees.len(), 7, "{attendees:?}");
    // No alias of the event is left in any document graph.
    assert!(!ask(
        &s,
        "GRAPH ?g { ?x dg:event ?alias } GRAPH <https://w3id.org/diplograph/graph/identity> { ?alias owl:sameAs ?kept }"
    ));
}

#[test]
fn a_person_named_in_two_scripts_at_one_merged_event_is_one_person() {
    // The missed-merge direction: 宋金达 and Sok Chenda Sophea are one person.
    let s = lmc_store();
    let people = select(
        &s,
        "SELECT DISTINCT ?p WHERE { ?p schema:name \"宋金达\"@zh , \"Sok Chenda Sophea\"@en }",
    );
    assert_eq!(people.len(), 1, "{people:?}");
    // And the decision says why, citing both reports.
    let why = select(&s, "SELECT ?why WHERE { GRAPH <https://w3id.org/diplograph/graph/identity> { ?d a dg:PersonMerge ; dg:mergedIri ?a , ?b ; rdfs:comment ?why ; dg:supportingDocument ?x , ?y . FILTER(?x != ?y) } ?a schema:name \"宋金达\"@zh . ?b schema:name \"Sok Chenda Sophea\"@en . }");
    assert!(!why.is_empty(), "no PersonMerge record for 宋金达");
    assert!(why[0][0].contains("KH"), "{why:?}");
}

#[test]
fn different_people_for_one_country_at_one_event_stay_apart() {
    // The false-merge direction: the Chinese report names the Vietnamese foreign minister,
    // the English one a deputy foreign minister; different posts, so two people, and the
    // event still merges on everyone else.
    let s = lmc_store();
    assert!(!ask(
        &s,
        "?p schema:name \"裴青山\"@zh , \"Do Hung Viet\"@en"
    ));
    assert!(ask(&s, "?p schema:name \"裴青山\"@zh . ?q schema:name \"Do Hung Viet\"@en . ?e schema:attendee ?p , ?q ."));
}

#[test]
fn two_meetings_on_one_day_with_the_same_host_stay_two() {
    let s = store_with(&[&fixture("two_meetings_zh.txt"), &fixture("meeting_en.txt")]);
    let meetings = select(&s, "SELECT DISTINCT ?e WHERE { ?e sem:eventType et:meeting ; schema:startDate \"2024-04-02\"^^xsd:date }");
    assert_eq!(meetings.len(), 2, "{meetings:?}");
    // The English report joins the meeting with the Lao minister, not the Vietnamese one.
    assert!(ask(&s, "?e schema:attendee ?lao , ?wang . ?lao schema:name \"沙伦赛\"@zh , \"Saleumxay Kommasith\"@en . ?wang schema:name \"王毅\"@zh . GRAPH ?a { ?p dg:event ?e ; dg:participant ?lao } GRAPH ?b { ?q dg:event ?e ; dg:participant ?lao } FILTER(?a != ?b)"));
    assert!(!ask(&s, "?e schema:attendee ?vn , ?lao . ?vn schema:name \"裴青山\"@zh . ?lao schema:name \"沙伦赛\"@zh ."));
}

#[test]
fn merges_do_not_depend_on_ingest_order_and_removal_undoes_them() {
    let docs = [
        fixture("lmc_zh.txt"),
        fixture("lmc_en.txt"),
        fixture("two_meetings_zh.txt"),
        fixture("meeting_en.txt"),
        fixture("call_zh.txt"),
    ];
    let export =
        |d: &tempfile::TempDir| ok(&["export", "--store", &store_path(d), "--format", "nquads"]);
    let forward = store_with(&docs.iter().map(|p| p.as_path()).collect::<Vec<_>>());
    let backward = store_with(&docs.iter().rev().map(|p| p.as_path()).collect::<Vec<_>>());
    let shuffled = store_with(&[&docs[3], &docs[0], &docs[4], &docs[1], &docs[2]]);
    let f = export(&forward);
    let in_identity_graph = "<https://w3id.org/diplograph/graph/identity> .";
    assert!(f.contains(in_identity_graph), "no identity decisions");
    assert_eq!(f, export(&backward));
    assert_eq!(f, export(&shuffled));
    // Removing the English reports leaves exactly what ingesting the others gives.
    for d in [&docs[1], &docs[3]] {
        ok(&[
            "remove",
            "--store",
            &store_path(&forward),
            d.to_str().expect("utf-8"),
        ]);
    }
    let without = store_with(&[&docs[0], &docs[2], &docs[4]]);
    assert_eq!(export(&forward), export(&without));
    assert!(!export(&forward).contains(in_identity_graph));
}

#[test]
fn the_shipped_merges_query_explains_each_decision() {
    let s = lmc_store();
    let out = ok(&[
        "query",
        "--store",
        &store_path(&s),
        "--format",
        "csv",
        "--file",
        root()
            .join("ontology/queries/merges.rq")
            .to_str()
            .expect("utf-8"),
    ]);
    let rows: Vec<&str> = out.lines().skip(1).collect();
    // One event decision and four person decisions (KH, LA, MM, TH; not VN).
    assert_eq!(
        rows.iter().filter(|r| r.starts_with("event,")).count(),
        1,
        "{out}"
    );
    assert_eq!(
        rows.iter().filter(|r| r.starts_with("person,")).count(),
        4,
        "{out}"
    );
    assert!(out.contains("lmc-zh") && out.contains("lmc-en"), "{out}");
    assert!(out.contains("similarity"), "{out}");
    assert!(!out.contains("/VN/"), "{out}");
}

#[test]
fn two_chinese_outlets_and_an_english_report_of_one_meeting_are_one_event() {
    // Different names (澜湄合作第八次外长会 / 澜沧江－湄公河合作第八次外长会), different lists.
    let s = store_with(&[
        &fixture("lmc_zh_other.txt"),
        &fixture("lmc_en.txt"),
        &fixture("lmc_zh.txt"),
    ]);
    let events = select(&s, CONFERENCES);
    assert_eq!(events.len(), 1, "{events:?}");
    let docs = select(
        &s,
        &format!(
            "SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{}> dg:reportedIn ?d }} }}",
            events[0][0]
        ),
    );
    assert_eq!(docs.len(), 3, "{docs:?}");
    // 班比 (named in both Chinese reports) and Parnpree: one person.
    assert!(ask(
        &s,
        "?p schema:name \"班比\"@zh , \"Parnpree Bahiddha-Nukara\"@en"
    ));
}

/// Seven reports, some of them of one event in both languages or by two outlets, in an
/// order where later reports merge with earlier ones.
fn merging_reports() -> [PathBuf; 7] {
    [
        fixture("lmc_zh.txt"),
        fixture("two_meetings_zh.txt"),
        fixture("lmc_en.txt"),
        fixture("call_zh.txt"),
        fixture("meeting_en.txt"),
        fixture("lmc_zh_other.txt"),
        fixture("call_en.txt"),
    ]
}

#[test]
fn merges_do_not_depend_on_the_group_size() {
    // One group holds every document; groups of one run an identity step per document,
    // which finds earlier documents to rewrite when a later report merges with them.
    let docs = merging_reports();
    let export = |group: &str| {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = dir.path().join("store");
        let store = store.to_str().expect("utf-8");
        let mut args = vec![
            "ingest",
            "--quiet",
            "--commit-every",
            group,
            "--store",
            store,
        ];
        args.extend(docs.iter().map(|p| p.to_str().expect("utf-8")));
        ok(&args);
        ok(&["export", "--store", store, "--format", "nquads"])
    };
    let whole = export("100");
    let merges = whole
        .lines()
        .filter(|l| {
            l.contains("owl#sameAs")
                && l.ends_with("<https://w3id.org/diplograph/graph/identity> .")
        })
        .count();
    assert!(
        merges >= 3,
        "expected merged events and people, found {merges} sameAs links"
    );
    for group in ["1", "2"] {
        let other = export(group);
        let (w, o): (BTreeSet<&str>, BTreeSet<&str>) =
            (whole.lines().collect(), other.lines().collect());
        let only_whole: Vec<&&str> = w.difference(&o).take(3).collect();
        let only_other: Vec<&&str> = o.difference(&w).take(3).collect();
        assert!(
            only_whole.is_empty() && only_other.is_empty() && whole == other,
            "groups of {group} differ from one group: only in one group {only_whole:?}; only in groups of {group} {only_other:?}"
        );
    }
}

#[test]
fn the_store_is_the_same_whatever_the_thread_count() {
    let export = |jobs: &str| {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = dir.path().join("store");
        let store = store.to_str().expect("utf-8");
        let fixtures = root().join("tests/fixtures");
        let seeds = root().join("seeds");
        let out = ok(&[
            "ingest",
            "--store",
            store,
            "--jobs",
            jobs,
            fixtures.to_str().expect("utf-8"),
            seeds.to_str().expect("utf-8"),
        ]);
        (out, ok(&["export", "--store", store, "--format", "nquads"]))
    };
    let (out1, one) = export("1");
    let (out3, three) = export("3");
    assert_eq!(one, three);
    // Per-document lines come out in input order too.
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("summary:"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&out1), strip(&out3));
}

/// Runs the binary with `input` on stdin.
fn run_stdin(args: &[&str], input: &str) -> Run {
    use std::io::Write as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("output");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A fixture as a JSON Lines document.
fn json_line(name: &str) -> String {
    let text = std::fs::read_to_string(fixture(name)).expect("fixture");
    let (head, body) = text.split_once("\n\n").expect("header");
    let field = |k: &str| {
        head.lines()
            .find_map(|l| l.strip_prefix(&format!("{k}: ")))
            .map(str::to_owned)
    };
    serde_json::json!({
        "id": name, "url": field("url"), "lang": field("lang"),
        "date": field("date"), "title": field("title"), "text": body,
    })
    .to_string()
}

#[test]
fn parts_annotated_statelessly_and_loaded_in_any_order_give_one_store() {
    let names = [
        "lmc_zh.txt",
        "lmc_en.txt",
        "two_meetings_zh.txt",
        "meeting_en.txt",
    ];
    let part = |ns: &[&str]| {
        let input = ns
            .iter()
            .map(|n| json_line(n))
            .collect::<Vec<_>>()
            .join("\n");
        let r = run_stdin(&["annotate", "--stdin", "--format", "nquads"], &input);
        assert_eq!(r.code, 0, "{}", r.stderr);
        r.stdout
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a.nq"), dir.path().join("b.nq"));
    std::fs::write(&a, part(&names[..2])).expect("write");
    std::fs::write(&b, part(&names[2..])).expect("write");
    let load = |files: &[&std::path::Path]| {
        let d = tempfile::tempdir().expect("tempdir");
        let store = d.path().join("store");
        let mut args = vec!["load", "--store", store.to_str().expect("utf-8")];
        args.extend(files.iter().map(|f| f.to_str().expect("utf-8")));
        let out = ok(&args);
        assert!(out.contains("4 document graphs loaded"), "{out}");
        let n = ok(&[
            "export",
            "--store",
            store.to_str().expect("utf-8"),
            "--format",
            "nquads",
        ]);
        (d, n)
    };
    let (s1, one) = load(&[&a, &b]);
    let (_s2, two) = load(&[&b, &a]);
    assert_eq!(one, two);
    // The merges happened at load time.
    assert_eq!(select(&s1, CONFERENCES).len(), 1);
    // A bad line is reported with its number; the good ones still come out.
    let r = run_stdin(
        &["annotate", "--stdin", "--format", "nquads"],
        &format!("{}\n{{\"id\": \"x\"}}\n", json_line("call_en.txt")),
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("<stdin>: line 2: no \"text\""),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("graph/doc/"), "{}", r.stdout);
}

#[test]
fn a_crash_between_the_bulk_load_and_the_identity_step_is_finished_on_next_open() {
    let docs = [fixture("lmc_zh.txt"), fixture("lmc_en.txt")];
    let clean = store_with(&[&docs[0], &docs[1]]);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let store = store.to_str().expect("utf-8");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_diplograph"))
        .args(["ingest", "-q", "--store", store])
        .args(docs.iter().map(|d| d.to_str().expect("utf-8")))
        .env("DIPLOGRAPH_FAULT", "after-bulk-load")
        .output()
        .expect("runs");
    assert!(!out.status.success(), "the fault did not fire");
    // The next command that opens the store for writing finishes the identity step.
    let again = ok(&[
        "ingest",
        "--store",
        store,
        docs[0].to_str().expect("utf-8"),
        docs[1].to_str().expect("utf-8"),
    ]);
    assert!(again.contains("2 unchanged"), "{again}");
    let export = |s: &str| ok(&["export", "--store", s, "--format", "nquads"]);
    assert_eq!(export(store), export(&store_path(&clean)));
}

#[test]
fn ingest_reads_json_lines_and_names_a_bad_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("corpus.jsonl");
    std::fs::write(
        &file,
        format!(
            "{}\n\nnot json\n{}\n",
            json_line("call_zh.txt"),
            json_line("call_en.txt")
        ),
    )
    .expect("write");
    let store = dir.path().join("store");
    let r = run(&[
        "ingest",
        "--store",
        store.to_str().expect("utf-8"),
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stderr
            .contains("corpus.jsonl: line 3: not a JSON document object"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("2 stored"), "{}", r.stdout);
    // The two reports of the call are one event, as with files.
    let s = ok(&["query", "--store", store.to_str().expect("utf-8"), "--format", "csv", "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> SELECT DISTINCT ?e WHERE { ?e sem:eventType <https://w3id.org/diplograph/concept/event-type/phone-call> }"]);
    assert_eq!(s.lines().count(), 2, "{s}");
}

/// `timings: group 2: 3 new, 0 replaced; …, identity 0.01 s (4 blocks, 2 keys read, …` →
/// (label, new, replaced, blocks, keys read).
fn timing_lines(stderr: &str) -> Vec<(String, usize, usize, usize, usize)> {
    let num = |s: &str, after: &str| -> usize {
        let (_, rest) = s.split_once(after).expect(after);
        let rest = rest.trim_start_matches([' ', '(']);
        rest.split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no number after {after:?} in {s}"))
    };
    let before = |s: &str, unit: &str| -> usize {
        let (head, _) = s.split_once(unit).expect(unit);
        head.rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no number before {unit:?} in {s}"))
    };
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("timings: "))
        .map(|l| {
            let (label, rest) = l.split_once(": ").expect("label");
            (
                label.to_owned(),
                num(rest, ""),
                before(rest, " replaced"),
                before(rest, " block"),
                before(rest, " keys read"),
            )
        })
        .collect()
}

#[test]
fn ingest_timings_report_each_group_on_stderr_and_leave_stdout_alone() {
    let docs = merging_reports();
    let ingest = |store: &str, extra: &[&str]| {
        let mut args = vec!["ingest", "--commit-every", "3", "--store", store];
        args.extend(extra);
        args.extend(docs.iter().map(|p| p.to_str().expect("utf-8")));
        let r = run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        (r.stdout.replace(store, "STORE"), r.stderr)
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let timed = dir.path().join("timed");
    let plain = dir.path().join("plain");
    let (timed, plain) = (
        timed.to_str().expect("utf-8"),
        plain.to_str().expect("utf-8"),
    );
    let (out, err) = ingest(timed, &["--timings"]);
    let (plain_out, plain_err) = ingest(plain, &[]);
    assert_eq!(out, plain_out, "--timings changed stdout");
    assert!(!plain_err.contains("timings:"), "{plain_err}");
    assert_eq!(
        ok(&["export", "--store", timed, "--format", "nquads"]),
        ok(&["export", "--store", plain, "--format", "nquads"])
    );

    let lines = timing_lines(&err);
    let labels: Vec<&str> = lines.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(
        labels,
        ["group 1", "group 2", "group 3", "all 3 groups"],
        "{err}"
    );
    let news: Vec<usize> = lines.iter().map(|l| l.1).collect();
    assert_eq!(news, [3, 3, 1, 7], "{err}");
    assert!(lines.iter().all(|l| l.2 == 0 && l.3 > 0), "{err}");
    // The first group finds an empty store; the English and the second Chinese report of
    // the Lancang-Mekong meeting come later and read the first report's key back.
    assert_eq!(lines[0].4, 0, "{err}");
    assert!(lines[1].4 + lines[2].4 > 0, "{err}");
    assert_eq!(
        lines[3].4,
        lines[..3].iter().map(|l| l.4).sum::<usize>(),
        "{err}"
    );

    // Forced again: every document is replaced, none new.
    let (_, again) = ingest(timed, &["--timings", "--force"]);
    let lines = timing_lines(&again);
    let replaced: Vec<(usize, usize)> = lines.iter().map(|l| (l.1, l.2)).collect();
    assert_eq!(replaced, [(0, 3), (0, 3), (0, 1), (0, 7)], "{again}");
}
