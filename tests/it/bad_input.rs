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
    // A query from another process is refused the same way, not read half-written.
    let r = run(&["query", "--store", &store_path(&s), "ASK { ?s ?p ?o }"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("store is locked by another process"),
        "{}",
        r.stderr
    );
    drop(store);
    // Once the holder is gone, both work.
    ok(&["query", "--store", &store_path(&s), "ASK { ?s ?p ?o }"]);
}

#[test]
fn a_store_of_another_format_is_refused_with_instructions() {
    let s = store_with(&[&seed()]);
    {
        let store = oxigraph::store::Store::open(store_path(&s)).expect("open");
        store
            .update(
                "PREFIX dg: <https://w3id.org/diplograph/ontology#>
                 DELETE { GRAPH ?g { ?s dg:storeFormat ?f } } INSERT { GRAPH ?g { ?s dg:storeFormat 1 } }
                 WHERE { GRAPH ?g { ?s dg:storeFormat ?f } }",
            )
            .expect("update");
    }
    let before = {
        let store = oxigraph::store::Store::open(store_path(&s)).expect("open");
        store.len().expect("len")
    };
    for args in [
        vec!["query", "--store", &store_path(&s), "ASK { ?s ?p ?o }"],
        vec![
            "ingest",
            "--store",
            &store_path(&s),
            fixture("no_meeting.txt").to_str().expect("utf-8"),
        ],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 1, "{args:?}");
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
        assert!(
            r.stderr.contains("store format")
                && r.stderr.contains("re-ingest into a new store directory"),
            "{}",
            r.stderr
        );
    }
    let store = oxigraph::store::Store::open(store_path(&s)).expect("open");
    assert_eq!(store.len().expect("len"), before, "nothing was written");
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

/// Every kind of bad input, one at a time, into a store that holds the seed: one line on
/// stderr naming the file and the problem, the file counted as failed, exit code 1, and
/// the store exactly as it was.
#[test]
fn each_kind_of_bad_input_is_one_line_and_leaves_the_store_as_it_was() {
    let s = store_with(&[&seed()]);
    let before = nquads(&s);
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let call = std::fs::read(fixture("call_zh.txt")).expect("fixture");
    let mut cases: Vec<(&str, Vec<u8>, String)> = vec![
        (
            "empty.txt",
            Vec::new(),
            "empty.txt: file is empty".to_owned(),
        ),
        (
            "blank.txt",
            b"  \n\t\n".to_vec(),
            "blank.txt: file is empty".to_owned(),
        ),
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(),
            "image.txt: binary data".to_owned(),
        ),
        (
            "declared.txt",
            b"charset: utf-8\n\nabc\xff def\n".to_vec(),
            "declared.txt: undecodable bytes at byte 19: not valid UTF-8".to_owned(),
        ),
        (
            "charset.txt",
            b"charset: klingon\n\nbody\n".to_vec(),
            "charset.txt: unknown charset \"klingon\"".to_owned(),
        ),
        (
            "header.txt",
            b"title: x\nnot a header\n\nbody".to_vec(),
            "header.txt: malformed header at line 2".to_owned(),
        ),
        (
            "date.txt",
            b"title: x\ndate: 2021-13-45\n\nbody\n".to_vec(),
            "date.txt: bad date \"2021-13-45\"".to_owned(),
        ),
        (
            "nobody.txt",
            b"title: x\ndate: 2021-01-01\n\n \n".to_vec(),
            "nobody.txt: no text after the header".to_owned(),
        ),
        (
            "page.html",
            b"<!DOCTYPE html><html><body><nav>home</nav><script>x()</script></body></html>"
                .to_vec(),
            "page.html: no article text in the page".to_owned(),
        ),
        (
            "lines.jsonl",
            b"{\"id\": \"a\", \"text\": 5}\n".to_vec(),
            "lines.jsonl: line 1: ".to_owned(),
        ),
    ];
    // A UTF-8 report cut inside its last character.
    let mut cut = call.clone();
    cut.truncate(cut.len() - 2);
    let at = cut.len() - 2;
    cases.push((
        "truncated.txt",
        cut,
        format!("truncated.txt: undecodable bytes at byte {at}"),
    ));
    let store = store_path(&s);
    let mut covered = 0;
    for (name, bytes, expected) in &cases {
        let path = d.join(name);
        std::fs::write(&path, bytes).expect("write");
        let r = run(&["ingest", "--store", &store, path.to_str().expect("utf-8")]);
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        let skipped: Vec<&str> = r
            .stderr
            .lines()
            .filter(|l| l.contains("skipped:"))
            .collect();
        assert_eq!(skipped.len(), 1, "{name}: {}", r.stderr);
        assert!(
            skipped[0].contains(expected.as_str()),
            "{name}: expected {expected:?} in {}",
            r.stderr
        );
        assert!(
            r.stdout.contains("0 stored, 0 unchanged, 1 failed"),
            "{name}: {}",
            r.stdout
        );
        assert_eq!(before, nquads(&s), "{name}: the store changed");
        std::fs::remove_file(&path).expect("remove");
        covered += 1;
    }
    // Too large for --max-bytes.
    let big = d.join("big.txt");
    std::fs::write(&big, &call).expect("write");
    let r = run(&[
        "ingest",
        "--store",
        &store,
        "--max-bytes",
        "100",
        big.to_str().expect("utf-8"),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("big.txt: file is") && r.stderr.contains("over the limit of 100 bytes"),
        "{}",
        r.stderr
    );
    assert_eq!(before, nquads(&s));
    std::fs::remove_file(&big).expect("remove");
    // A path that does not exist, and a symbolic link loop, among good files: the good
    // one is stored, the others are reported, the exit code is 1.
    let tree = d.join("tree");
    std::fs::create_dir_all(tree.join("sub")).expect("mkdir");
    std::os::unix::fs::symlink(&tree, tree.join("sub/back")).expect("symlink");
    std::fs::copy(fixture("no_meeting.txt"), tree.join("good.txt")).expect("copy");
    let missing = d.join("missing.txt");
    let r = run(&[
        "ingest",
        "--store",
        &store,
        tree.to_str().expect("utf-8"),
        missing.to_str().expect("utf-8"),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("sub/back: symbolic link loop"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("missing.txt: cannot read"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.contains("1 stored, 0 unchanged, 2 failed"),
        "{}",
        r.stdout
    );
    covered += 3;
    assert!(covered >= 14, "{covered} cases");
}
