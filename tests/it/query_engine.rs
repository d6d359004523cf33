//! What the patched query path in `vendor/oxigraph` must keep true: per-query answers to
//! repeated lookups, lookups that skip an empty default graph, and the shared cache of
//! decoded strings all give the answers a plain evaluation gives.

use std::collections::BTreeSet;

use oxigraph::model::{GraphNameRef, Literal, NamedNode, Quad, QuadRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

fn ex(s: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("https://example.org/{s}"))
}

/// The rows of a SELECT, as sorted strings.
fn rows(answer: QueryResults<'_>) -> Vec<String> {
    let QueryResults::Solutions(s) = answer else {
        panic!("not a SELECT");
    };
    let mut out: Vec<String> = s
        .map(|r| {
            let r = r.expect("solution");
            // `name=term` per variable, in the order of the variable names.
            let mut pairs: Vec<String> = r
                .iter()
                .map(|(v, t)| format!("{}={t}", v.as_str()))
                .collect();
            pairs.sort();
            pairs.join(" ")
        })
        .collect();
    out.sort();
    out
}

fn select(store: &Store, q: &str) -> Vec<String> {
    let mut prepared = SparqlEvaluator::new().parse_query(q).expect("query");
    prepared.dataset_mut().set_default_graph_as_union();
    rows(prepared.on_store(store).execute().expect("evaluate"))
}

#[test]
fn repeated_lookups_give_every_value_whatever_the_answer_length() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("store")).expect("open");
    let g = ex("g");
    // s0 has 100 values (longer than an answer the memo keeps), s1 has 3.
    let mut expected = BTreeSet::new();
    let values = [("s0", 100), ("s1", 3)];
    for (s, n) in values {
        for i in 0..n {
            store
                .insert(&Quad::new(ex(s), ex("p"), Literal::from(i), g.clone()))
                .expect("insert");
        }
    }
    // 50 rows refer to them, alternately: each lookup of s0 and s1 is asked 25 times.
    for r in 0..50 {
        let (s, n) = values[r % 2];
        store
            .insert(&Quad::new(
                ex(&format!("r{r}")),
                ex("ref"),
                ex(s),
                g.clone(),
            ))
            .expect("insert");
        for i in 0..n {
            expected.insert((format!("r{r}"), i));
        }
    }
    let got = select(
        &store,
        "SELECT ?r ?o WHERE { ?r <https://example.org/ref> ?s . ?s <https://example.org/p> ?o }",
    );
    assert_eq!(got.len(), 25 * 100 + 25 * 3);
    let want: Vec<String> = {
        let mut w: Vec<String> = expected
            .iter()
            .map(|(r, i)| {
                format!(
                    "o={} r=<https://example.org/{r}>",
                    Term::from(Literal::from(*i))
                )
            })
            .collect();
        w.sort();
        w
    };
    assert_eq!(got, want);
    // Asked twice in one query (two joins on the same subjects), the answers agree.
    let twice = select(
        &store,
        "SELECT ?r ?o ?o2 WHERE { ?r <https://example.org/ref> ?s . ?s <https://example.org/p> ?o . ?s <https://example.org/p> ?o2 FILTER(?o = ?o2) }",
    );
    assert_eq!(twice.len(), got.len());
}

/// Neighbouring keys of one index, looked up one after the other in one query: an
/// iterator seeked again for the next lookup must stop at that lookup's own bound.
#[test]
fn lookups_one_after_the_other_stop_at_their_own_subject() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("store")).expect("open");
    let mut want = Vec::new();
    for i in 0..300_usize {
        // Subject i has i % 5 values (some none), and one row refers to it.
        for v in 0..(i % 5) {
            store
                .insert(&Quad::new(
                    ex(&format!("s{i}")),
                    ex("p"),
                    Literal::from(v as i64),
                    ex("g"),
                ))
                .expect("insert");
            want.push(format!(
                "o={} r=<https://example.org/r{i}>",
                Term::from(Literal::from(v as i64))
            ));
        }
        store
            .insert(&Quad::new(
                ex(&format!("r{i}")),
                ex("ref"),
                ex(&format!("s{i}")),
                ex("g"),
            ))
            .expect("insert");
    }
    want.sort();
    let q =
        "SELECT ?r ?o WHERE { ?r <https://example.org/ref> ?s . ?s <https://example.org/p> ?o }";
    // Twice: the second query starts with the iterators the first one left.
    for _ in 0..2 {
        assert_eq!(select(&store, q), want);
    }
    // Lookups that find nothing, between ones that find something.
    let none = select(
        &store,
        "SELECT ?r WHERE { ?r <https://example.org/ref> ?s FILTER NOT EXISTS { ?s <https://example.org/p> ?o } }",
    );
    assert_eq!(none.len(), 60);
}

#[test]
fn the_default_graph_is_read_once_it_holds_something() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("store")).expect("open");
    let q = "SELECT ?o WHERE { <https://example.org/s> <https://example.org/p> ?o }";
    store
        .insert(&Quad::new(ex("s"), ex("p"), ex("in-named"), ex("g")))
        .expect("insert");
    assert_eq!(select(&store, q), ["o=<https://example.org/in-named>"]);
    // A transaction's own reader sees the default graph it writes to, although the
    // store's default graph was empty when it started.
    let mut tx = store.start_transaction().expect("transaction");
    tx.insert(QuadRef::new(
        &ex("s"),
        &ex("p"),
        &ex("in-default"),
        GraphNameRef::DefaultGraph,
    ));
    let mut prepared = SparqlEvaluator::new().parse_query(q).expect("query");
    prepared.dataset_mut().set_default_graph_as_union();
    let in_tx = rows(prepared.on_transaction(&tx).execute().expect("evaluate"));
    assert_eq!(
        in_tx,
        [
            "o=<https://example.org/in-default>",
            "o=<https://example.org/in-named>"
        ]
    );
    tx.commit().expect("commit");
    // A snapshot taken after the commit sees both graphs.
    assert_eq!(select(&store, q).len(), 2);
    // And a query naming graphs does not see the default graph's quad.
    assert_eq!(
        select(
            &store,
            "SELECT ?o WHERE { GRAPH ?g { <https://example.org/s> <https://example.org/p> ?o } }"
        ),
        ["o=<https://example.org/in-named>"]
    );
}

#[test]
fn decoded_strings_stay_right_across_many_queries_and_stores() {
    // Two stores open in one process each answer with their own strings, in a first round
    // of queries and in a second one that finds them decoded already.
    let dirs = [
        tempfile::tempdir().expect("tempdir"),
        tempfile::tempdir().expect("tempdir"),
    ];
    let stores: Vec<Store> = dirs
        .iter()
        .map(|d| Store::open(d.path().join("store")).expect("open"))
        .collect();
    for (k, store) in stores.iter().enumerate() {
        let mut loader = store.bulk_loader();
        loader
            .load_quads((0..20_000).map(|i| {
                Quad::new(
                    ex(&format!("s{i}")),
                    ex("name"),
                    Literal::new_simple_literal(format!("store {k} name {i}")),
                    ex("g"),
                )
            }))
            .expect("load");
        loader.commit().expect("commit");
    }
    for round in 0..2 {
        for (k, store) in stores.iter().enumerate() {
            let got = select(
                store,
                "SELECT ?s ?n WHERE { ?s <https://example.org/name> ?n }",
            );
            assert_eq!(got.len(), 20_000, "round {round}, store {k}");
            for i in [0, 1, 9_999, 19_999] {
                let want = format!("n=\"store {k} name {i}\" s=<https://example.org/s{i}>");
                assert!(
                    got.binary_search(&want).is_ok(),
                    "round {round}, store {k}: no {want}"
                );
            }
        }
    }
}
