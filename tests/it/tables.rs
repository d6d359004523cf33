//! `export --format csv --out DIR`: tidy tables, as documented in docs/tables.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::common::*;

/// A table read back: header and rows.
struct Csv {
    header: Vec<String>,
    rows: Vec<BTreeMap<String, String>>,
}

impl Csv {
    fn col(&self, c: &str) -> Vec<&str> {
        self.rows.iter().map(|r| r[c].as_str()).collect()
    }
}

/// RFC 4180 records, CRLF line ends.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut rec, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => rec.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                rec.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut rec));
            }
            (false, '\n') => panic!("a line ends with a bare LF"),
            (false, c) => field.push(c),
        }
    }
    assert!(rec.is_empty() && field.is_empty(), "last line without CRLF");
    records
}

fn read(dir: &Path, table: &str) -> Csv {
    let text = std::fs::read_to_string(dir.join(format!("{table}.csv"))).expect("table file");
    let mut recs = parse_csv(&text).into_iter();
    let header = recs.next().expect("header");
    let rows = recs
        .map(|r| {
            assert_eq!(r.len(), header.len(), "{table}: ragged row {r:?}");
            header.iter().cloned().zip(r).collect()
        })
        .collect();
    Csv { header, rows }
}

/// The tables and their columns, in order, as docs/tables.md documents them.
fn documented() -> Vec<(String, Vec<String>)> {
    let doc = std::fs::read_to_string(root().join("docs/tables.md")).expect("docs/tables.md");
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in doc.lines() {
        if let Some(name) = line
            .strip_prefix("### `")
            .and_then(|r| r.strip_suffix(".csv`"))
        {
            out.push((name.to_owned(), Vec::new()));
        } else if let (Some(rest), Some(last)) = (line.strip_prefix("| `"), out.last_mut()) {
            last.1
                .push(rest.split('`').next().unwrap_or_default().to_owned());
        }
    }
    out
}

fn export_tables(store: &tempfile::TempDir, dir: &Path, extra: &[&str]) -> String {
    let store = store_path(store);
    let mut args = vec![
        "export",
        "--store",
        store.as_str(),
        "--format",
        "csv",
        "--out",
        dir.to_str().expect("utf-8"),
    ];
    args.extend(extra);
    ok(&args)
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("out dir")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                std::fs::read(&p).expect("file"),
            )
        })
        .collect()
}

fn seed_url() -> String {
    std::fs::read_to_string(seed())
        .expect("seed")
        .lines()
        .find_map(|l| l.strip_prefix("seed_url: "))
        .expect("seed_url header")
        .trim()
        .to_owned()
}

#[test]
fn seed_tables_hold_the_meeting_its_chair_parties_figures_and_evidence() {
    let s = store_with(&[&seed()]);
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("tables");
    let printed = export_tables(&s, &dir, &[]);

    // Every documented table, with exactly the documented header, and nothing else.
    let docs = documented();
    assert!(docs.len() >= 9, "{docs:?}");
    let written: BTreeSet<String> = files(&dir).into_keys().collect();
    let expected: BTreeSet<String> = docs.iter().map(|(n, _)| format!("{n}.csv")).collect();
    assert_eq!(written, expected);
    for (name, columns) in &docs {
        assert_eq!(&read(&dir, name).header, columns, "{name}.csv header");
        assert!(printed.contains(&format!("{name}.csv: ")), "{printed}");
    }

    // The meeting: one happened conference, with its date, mode, place, theme and count.
    let events = read(&dir, "events");
    let conf: Vec<_> = events
        .rows
        .iter()
        .filter(|r| r["type"] == "conference" && r["status"] == "happened")
        .collect();
    assert_eq!(conf.len(), 1, "{:?}", events.rows);
    let conf = conf[0];
    assert_eq!(conf["date"], "2021-06-23");
    assert_eq!(conf["mode"], "online");
    assert_eq!(conf["place_label"], "北京");
    assert_eq!(conf["theme"], "加强抗疫合作、促进经济复苏");
    assert_eq!(conf["attending_country_count"], "29");
    let event = conf["event"].clone();
    let document = conf["document"].clone();
    // The message reading is a sub-event of it; the referenced summit has no date.
    assert!(events
        .rows
        .iter()
        .any(|r| r["type"] == "message-reading" && r["super_event"] == event));
    assert!(events
        .rows
        .iter()
        .any(|r| r["status"] == "referenced" && r["date"].is_empty()));

    // Its chair: one participation with role chair, titles as written, representing China.
    let parts = read(&dir, "participations");
    let at: Vec<_> = parts.rows.iter().filter(|r| r["event"] == event).collect();
    assert_eq!(at.len(), 6, "{at:?}");
    let chairs: Vec<_> = at
        .iter()
        .filter(|r| r["roles"].split('|').any(|x| x == "chair"))
        .collect();
    assert_eq!(chairs.len(), 1, "{at:?}");
    let chair = chairs[0];
    assert_eq!(chair["participant_label"], "王毅");
    assert_eq!(chair["participant_kind"], "person");
    assert_eq!(chair["roles"], "chair|message-reader|speaker");
    assert_eq!(chair["titles"], "国务委员|外长");
    assert_eq!(chair["representing_kind"], "country");
    assert_eq!(chair["representing_label"], "中国");
    assert!(at.iter().all(|r| r["document"] == document));

    // Parties: three countries and three international bodies are represented.
    let by_kind = |k: &str| -> BTreeSet<&str> {
        at.iter()
            .filter(|r| r["representing_kind"] == k)
            .map(|r| r["representing"].as_str())
            .collect()
    };
    let countries_rep = by_kind("country");
    assert_eq!(countries_rep.len(), 3, "{countries_rep:?}");
    assert_eq!(by_kind("organization").len(), 3);
    let countries = read(&dir, "countries");
    let codes: BTreeSet<&str> = countries
        .rows
        .iter()
        .filter(|r| countries_rep.contains(r["country"].as_str()))
        .map(|r| r["iso2"].as_str())
        .collect();
    assert_eq!(codes, BTreeSet::from(["CN", "CO", "FJ"]));

    // Every participant is a row of its entity table.
    let people = read_col_set(&dir, "people", "person");
    for r in &parts.rows {
        if r["participant_kind"] == "person" {
            assert!(people.contains(&r["participant"]), "{}", r["participant"]);
        }
    }

    // Evidence: each span's offsets slice the seed body to its text, with the URL.
    let body = seed_body();
    let evidence = read(&dir, "evidence");
    assert!(evidence.rows.len() > 40, "{}", evidence.rows.len());
    let url = seed_url();
    for r in &evidence.rows {
        let (b, e): (usize, usize) = (
            r["start"].parse().expect("start"),
            r["end"].parse().expect("end"),
        );
        let slice: String = body[b..e].iter().collect();
        assert_eq!(slice, r["text"], "{}", r["span"]);
        assert_eq!(r["url"], url);
        assert_eq!(r["span"], format!("{}#char={b},{e}", r["document"]));
    }
    // Every participation of the meeting has its evidence sentence, naming the participant.
    for p in &at {
        let texts: Vec<&str> = evidence
            .rows
            .iter()
            .filter(|r| r["subject"] == p["participation"])
            .map(|r| r["text"].as_str())
            .collect();
        assert!(
            texts
                .iter()
                .any(|t| t.contains(p["participant_label"].as_str())),
            "{p:?} {texts:?}"
        );
    }
    // The count of countries has its own span.
    assert!(evidence.rows.iter().any(|r| r["subject"] == event
        && r["property"] == "countText"
        && r["text"].contains("29")));

    // Figures: 9.2万亿美元 is 9200000000000 USD, more than, at its own span.
    let q = read(&dir, "quantities");
    let big: Vec<_> = q.rows.iter().filter(|r| r["currency"] == "USD").collect();
    assert_eq!(big.len(), 2, "{:?}", q.rows);
    let r = big
        .iter()
        .find(|r| r["value"] == "9200000000000")
        .expect("9.2万亿美元");
    assert_eq!(r["comparator"], "greater-than");
    let (b, e): (usize, usize) = (
        r["start"].parse().expect("int"),
        r["end"].parse().expect("int"),
    );
    assert_eq!(body[b..e].iter().collect::<String>(), r["surface_form"]);

    // Initiatives launched at the meeting, by 29 co-initiators.
    let facts = read(&dir, "initiative_facts");
    let launched: Vec<_> = facts
        .rows
        .iter()
        .filter(|r| r["relation"] == "launchedAt")
        .collect();
    assert_eq!(launched.len(), 2, "{:?}", facts.rows);
    assert!(launched.iter().all(|r| r["object"] == event
        && r["object_kind"] == "event"
        && r["co_initiator_count"] == "29"));
    let initiatives = read_col_set(&dir, "initiatives", "initiative");
    assert!(facts
        .col("initiative")
        .iter()
        .all(|i| initiatives.contains(*i)));
}

fn read_col_set(dir: &Path, table: &str, col: &str) -> BTreeSet<String> {
    read(dir, table)
        .col(col)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

#[test]
fn tables_are_byte_identical_across_runs_and_ingest_orders() {
    let a = store_with(&[&seed(), &fixture("lmc_zh.txt"), &fixture("lmc_en.txt")]);
    let b = store_with(&[&fixture("lmc_en.txt"), &fixture("lmc_zh.txt"), &seed()]);
    let out = tempfile::tempdir().expect("tempdir");
    let (d1, d2, d3) = (
        out.path().join("1"),
        out.path().join("2"),
        out.path().join("3"),
    );
    export_tables(&a, &d1, &[]);
    export_tables(&a, &d2, &[]);
    export_tables(&b, &d3, &[]);
    let f1 = files(&d1);
    assert_eq!(f1, files(&d2), "two runs differ");
    assert_eq!(f1, files(&d3), "ingest order changed the tables");
    // The event both LMC reports describe has one row per report, sharing the IRI.
    let events = read(&d1, "events");
    let mut reports: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in &events.rows {
        reports
            .entry(r["event"].as_str())
            .or_default()
            .insert(r["document"].as_str());
    }
    assert!(reports.values().any(|d| d.len() == 2), "{reports:?}");
    // English rows are labelled in English.
    let docs = read(&d1, "documents");
    let en: BTreeSet<&str> = docs
        .rows
        .iter()
        .filter(|r| r["language"] == "en")
        .map(|r| r["document"].as_str())
        .collect();
    assert_eq!(en.len(), 1);
    let parts = read(&d1, "participations");
    let en_rows: Vec<_> = parts
        .rows
        .iter()
        .filter(|r| en.contains(r["document"].as_str()))
        .collect();
    assert!(!en_rows.is_empty());
    assert!(
        en_rows
            .iter()
            .all(|r| r["representing_label"].is_ascii() && r["participant_label"].is_ascii()),
        "{en_rows:?}"
    );
}

#[test]
fn document_option_gives_the_tables_of_that_document_alone() {
    let both = store_with(&[&seed(), &fixture("multi_meeting.txt")]);
    let alone = store_with(&[&seed()]);
    let out = tempfile::tempdir().expect("tempdir");
    let (d1, d2, d3) = (
        out.path().join("one"),
        out.path().join("alone"),
        out.path().join("all"),
    );
    export_tables(&both, &d1, &["--document", seed().to_str().expect("utf-8")]);
    export_tables(&alone, &d2, &[]);
    export_tables(&both, &d3, &[]);
    assert_eq!(files(&d1), files(&d2));
    assert_ne!(files(&d1), files(&d3));
    assert_eq!(read(&d3, "documents").rows.len(), 2);
}

#[test]
fn bad_flag_combinations_fail_with_one_line() {
    let s = store_with(&[&seed()]);
    let st = store_path(&s);
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("t");
    let dir_s = dir.to_str().expect("utf-8").to_owned();
    let file = out.path().join("f.csv");
    std::fs::write(&file, "x").expect("write");
    let file_s = file.to_str().expect("utf-8").to_owned();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--format", "csv"], "--out DIR"),
        (
            vec!["--format", "trig", "--out", &dir_s],
            "--out DIR is for --format csv",
        ),
        (vec!["--out", &dir_s], "--out DIR is for --format csv"),
        (
            vec!["--format", "csv", "--out", &dir_s, "-o", &file_s],
            "not a file",
        ),
        (
            vec!["--format", "csv", "--out", &dir_s, "--document", "nope"],
            "no document \"nope\"",
        ),
        (vec!["--format", "csv", "--out", &file_s], "not a directory"),
    ];
    for (extra, says) in cases {
        let mut args = vec!["export", "--store", st.as_str()];
        args.extend(extra.iter().copied());
        let r = run(&args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.starts_with("diplograph: error: ") && r.stderr.contains(says),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert!(!dir.exists(), "{args:?} created the folder");
    }
    assert_eq!(std::fs::read_to_string(&file).expect("file"), "x");
}
