//! Bad input gets one clear line naming the file and the problem, a non-zero exit,
//! and leaves what is stored untouched.

use super::common::*;

fn nquads(dir: &tempfile::TempDir) -> String {
    ok(&["export", "--store", &store_path(dir), "--format", "nquads"])
}

#[test]
fn a_missing_file_is_one_line_error() {
    let r = run(&["annotate", "/nonexistent/report.txt"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("/nonexistent/report.txt") && r.stderr.contains("cannot read"),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_files_in_a_batch_are_skipped_and_the_store_keeps_what_it_had() {
    let s = store_with(&[&seed()]);
    let before = nquads(&s);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a_binary.txt"), b"\x00\x01\x02binary").expect("write");
    std::fs::write(dir.path().join("b_empty.txt"), b"").expect("write");
    std::fs::write(
        dir.path().join("c_header.txt"),
        "title: x\nthis is not a header\n\nbody",
    )
    .expect("write");
    let r = run(&[
        "ingest",
        "--store",
        &store_path(&s),
        dir.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("a_binary.txt: binary data"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("b_empty.txt: file is empty"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("c_header.txt: malformed header at line 2"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.contains("0 stored, 0 unchanged, 3 failed"),
        "{}",
        r.stdout
    );
    assert_eq!(before, nquads(&s), "the store is unchanged");
    // A good file among bad ones is still ingested.
    std::fs::copy(fixture("no_meeting.txt"), dir.path().join("d_good.txt")).expect("copy");
    let r = run(&[
        "ingest",
        "--store",
        &store_path(&s),
        dir.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("1 stored, 0 unchanged, 3 failed"),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_sparql_names_the_problem() {
    let s = store_with(&[&seed()]);
    let r = run(&[
        "query",
        "--store",
        &store_path(&s),
        "SELECT ?x WHERE { ?x ?y }",
    ]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("SPARQL syntax error"), "{}", r.stderr);
}

#[test]
fn querying_a_missing_store_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = run(&[
        "query",
        "--store",
        dir.path().join("none").to_str().expect("utf-8"),
        "ASK {}",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no store here"), "{}", r.stderr);
}

#[test]
fn a_second_writer_is_refused_while_the_store_is_open() {
    let s = store_with(&[&seed()]);
    let store =
        diplograph::store::GraphStore::open(std::path::Path::new(&store_path(&s))).expect("open");
    let r = run(&[
        "ingest",
        "--store",
        &store_path(&s),
        fixture("no_meeting.txt").to_str().expect("utf-8"),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("store is locked by another process"),
        "{}",
        r.stderr
    );
    drop(store);
}

#[test]
fn folder_walks_take_text_documents_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(fixture("no_meeting.txt"), dir.path().join("report.txt")).expect("copy");
    std::fs::write(dir.path().join("gold.json"), "{\"doc\": \"report.txt\"}").expect("write");
    std::fs::write(dir.path().join(".hidden.txt"), "隐藏").expect("write");
    let store = dir.path().join("store");
    let out = ok(&[
        "ingest",
        "--store",
        store.to_str().expect("utf-8"),
        dir.path().to_str().expect("utf-8"),
    ]);
    assert!(
        out.contains("summary: 1 stored, 0 unchanged, 0 failed"),
        "{out}"
    );
    // Ingesting the folder again skips the store inside it.
    let again = ok(&[
        "ingest",
        "--store",
        store.to_str().expect("utf-8"),
        dir.path().to_str().expect("utf-8"),
    ]);
    assert!(
        again.contains("summary: 0 stored, 1 unchanged, 0 failed"),
        "{again}"
    );
}

#[test]
fn load_of_bad_n_quads_names_the_file_and_keeps_the_store() {
    let s = store_with(&[&seed()]);
    let before = ok(&["export", "--store", &store_path(&s), "--format", "nquads"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.nq");
    std::fs::write(&bad, "<a> <b> \"unterminated .\n").expect("write");
    let r = run(&[
        "load",
        "--store",
        &store_path(&s),
        bad.to_str().expect("utf-8"),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("bad.nq: not valid N-Quads"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert_eq!(
        before,
        ok(&["export", "--store", &store_path(&s), "--format", "nquads"])
    );
}
