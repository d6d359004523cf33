//! `kill -9` during a long ingest, at many moments: the store opens afterwards, every
//! document in it is exactly what a complete ingest stores for it, nothing is half-written,
//! and running the same command again completes the store.

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Command, Stdio};

use super::common::*;

/// Documents that never merge with each other (each one a call on its own date), so a
/// document's graph does not depend on which others are stored.
fn corpus(dir: &std::path::Path, n: usize) {
    for i in 0..n {
        let year = 1700 + i;
        let text = format!(
            "title: 通电话 {i}\ndate: {year}-03-01\nurl: https://example.org/diplograph-crash/{i}\nlang: zh\n\n\
             新华社北京3月1日电 国家主席习近平1日同法国总统马克龙通电话。\n\
             习近平指出，中方愿同法方深化经贸、能源、人文等领域合作，推动共建“一带一路”。\n\
             马克龙表示，法方重视同中国的伙伴关系，期待加强交流，双边贸易额达到{i}亿美元。\n"
        );
        std::fs::write(dir.join(format!("doc{i:04}.txt")), text).expect("write");
    }
}

/// The ingest command of this test: the corpus into `store`, 16 documents per commit.
fn ingest_args<'a>(store: &'a str, docs: &'a str) -> [&'a str; 7] {
    [
        "ingest",
        "-q",
        "--commit-every",
        "16",
        "--store",
        store,
        docs,
    ]
}

/// N-Quads lines of the store by graph.
fn by_graph(store: &str) -> BTreeMap<String, BTreeSet<String>> {
    let nq = ok(&["export", "--store", store, "--format", "nquads"]);
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in nq.lines() {
        let graph = line
            .trim_end_matches(" .")
            .rsplit_once(' ')
            .map(|(_, g)| g.to_owned())
            .unwrap_or_default();
        out.entry(graph).or_default().insert(line.to_owned());
    }
    out
}

#[test]
fn kill_minus_nine_at_many_points_leaves_whole_documents_and_a_rerun_completes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("mkdir");
    corpus(&docs, 400);
    let docs_arg = docs.to_str().expect("utf-8");
    // The reference: one complete ingest.
    let full = dir.path().join("full");
    // Kill points are spread over the time a complete ingest takes on this machine.
    let started = std::time::Instant::now();
    ok(&ingest_args(full.to_str().expect("utf-8"), docs_arg));
    let took = started.elapsed();
    let reference = by_graph(full.to_str().expect("utf-8"));
    let doc_graphs = |g: &BTreeMap<String, BTreeSet<String>>| -> usize {
        g.keys().filter(|k| k.contains("/graph/doc/")).count()
    };
    assert_eq!(doc_graphs(&reference), 400);
    let reference_nq = ok(&[
        "export",
        "--store",
        full.to_str().expect("utf-8"),
        "--format",
        "nquads",
    ]);

    let mut partial_states = 0;
    let points: Vec<u64> = (0..12u32)
        .map(|i| (took.as_millis() as u64) * u64::from(i) / 11)
        .collect();
    for (k, delay_ms) in points.iter().enumerate() {
        let store = dir.path().join(format!("killed{k}"));
        let store_arg = store.to_str().expect("utf-8").to_owned();
        let mut child = Command::new(env!("CARGO_BIN_EXE_diplograph"))
            .args(ingest_args(&store_arg, docs_arg))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(*delay_ms));
        // SIGKILL: no destructor, no flush.
        let _ = child.kill();
        let _ = child.wait();
        // Killed before RocksDB made the store (no directory, or one without its `CURRENT`
        // file): nothing to check but that the same command then builds the whole store.
        if store.join("CURRENT").exists() {
            check_killed_store(&store_arg, *delay_ms, &reference, &mut partial_states);
        } else {
            eprintln!("kill after {delay_ms} ms: no store yet");
        }
        // The same command completes the store: byte-identical to the complete ingest.
        ok(&ingest_args(&store_arg, docs_arg));
        let after = ok(&["export", "--store", &store_arg, "--format", "nquads"]);
        assert!(
            after == reference_nq,
            "kill after {delay_ms} ms: the rerun differs from a complete ingest"
        );
    }
    assert!(
        partial_states >= 1,
        "some kill should land mid-ingest (got {partial_states} of {points:?} ms)"
    );
}

/// A store left by a killed ingest opens (finishing any pending identity step), holds
/// only whole documents, each as a complete ingest stores it, and no pending marker.
/// Counts it in `partial_states` if it holds some but not all of the 400 documents.
fn check_killed_store(
    store_arg: &str,
    delay_ms: u64,
    reference: &BTreeMap<String, BTreeSet<String>>,
    partial_states: &mut usize,
) {
    let got = by_graph(store_arg);
    for (graph, quads) in &got {
        if graph.contains("/graph/doc/") {
            assert_eq!(
                Some(quads),
                reference.get(graph),
                "kill after {delay_ms} ms: {graph} differs from a complete ingest"
            );
        }
    }
    let pending = ok(&[
            "query",
            "--store",
            store_arg,
            "--format",
            "csv",
            "PREFIX dg: <https://w3id.org/diplograph/ontology#> SELECT ?k WHERE { GRAPH ?g { ?s dg:pendingIdentity ?k } }",
        ]);
    assert_eq!(
        pending.lines().count(),
        1,
        "no pending marker left: {pending}"
    );
    let n = got.keys().filter(|k| k.contains("/graph/doc/")).count();
    eprintln!("kill after {delay_ms} ms: {n} of 400 documents stored, all whole");
    if n > 0 && n < 400 {
        *partial_states += 1;
    }
}
