//! The store's RocksDB table options, as RocksDB itself records them in the store's
//! `OPTIONS-*` file: every index keeps its index (and filter) blocks in the block cache,
//! partitioned, so the memory they take does not grow with the store (BENCHMARKS.md,
//! section 3). These options come from the patched oxigraph in `vendor/oxigraph`.

use std::collections::BTreeMap;

use super::common::*;

/// `[TableOptions/BlockBasedTable "CF"]` sections of the newest OPTIONS file: CF → key → value.
fn table_options(store: &std::path::Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let newest = std::fs::read_dir(store)
        .expect("store directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("OPTIONS-"))
        })
        .max()
        .expect("RocksDB writes an OPTIONS file");
    let text = std::fs::read_to_string(newest).expect("OPTIONS file");
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if let Some(section) = line.strip_prefix('[') {
            current = section
                .strip_prefix("TableOptions/BlockBasedTable \"")
                .and_then(|s| s.strip_suffix("\"]"))
                .map(str::to_owned);
        } else if let (Some(cf), Some((k, v))) = (&current, line.split_once('=')) {
            out.entry(cf.clone())
                .or_default()
                .insert(k.to_owned(), v.to_owned());
        }
    }
    out
}

#[test]
fn every_index_caches_partitioned_index_blocks() {
    let dir = store_with(&[&seed()]);
    let tables = table_options(&dir.path().join("store"));
    // oxigraph's column families: the string table, the quad indexes and the graph list.
    let expected = [
        "id2str", "spog", "posg", "ospg", "gspo", "gpos", "gosp", "dspo", "dpos", "dosp", "graphs",
    ];
    for cf in expected {
        let t = tables
            .get(cf)
            .unwrap_or_else(|| panic!("no table options for column family {cf}"));
        for (key, value) in [
            ("index_type", "kTwoLevelIndexSearch"),
            ("cache_index_and_filter_blocks", "true"),
            ("pin_top_level_index_and_filter", "true"),
        ] {
            assert_eq!(
                t.get(key).map(String::as_str),
                Some(value),
                "column family {cf}: {key}"
            );
        }
    }
    // The string table keeps its Bloom filter (point lookups), now partitioned as well.
    let id2str = &tables["id2str"];
    assert!(
        id2str
            .get("filter_policy")
            .is_some_and(|f| f.starts_with("bloomfilter")),
        "id2str filter policy: {:?}",
        id2str.get("filter_policy")
    );
    assert_eq!(
        id2str.get("partition_filters").map(String::as_str),
        Some("true")
    );
}

/// The SST files in a store directory.
fn sst_files(store: &std::path::Path) -> std::collections::BTreeSet<std::path::PathBuf> {
    std::fs::read_dir(store)
        .expect("store directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sst"))
        .collect()
}

/// The ingest's bulk loader sorts a group into many batches; its commit merges them, so
/// that it adds one file per index to the store, not one per batch (a lookup right after
/// a commit then searches one new file per index, and writes are not stalled while
/// RocksDB compacts dozens). The string table's file is written with the string table's
/// own options, so it carries its Bloom filter. Quads repeated across batches are stored
/// once, and no temporary file is left behind.
#[test]
fn a_bulk_commit_adds_one_file_per_index_whatever_its_batches() {
    use oxigraph::model::{Literal, NamedNode, Quad};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store");
    // A store nothing was written to: no file a commit would flush or compact with.
    let store = oxigraph::store::Store::open(&path).expect("open");
    let before = sst_files(&path);
    // The loader sorts LOADER_MEGABYTES × 1000 quads at a time: this is five batches.
    let n = diplograph::store::LOADER_MEGABYTES * 1000 * 5;
    let distinct = n / 2;
    let quad = |i: usize| {
        Quad::new(
            NamedNode::new_unchecked(format!("https://example.org/s/{}", i % 5000)),
            NamedNode::new_unchecked("https://example.org/p"),
            Literal::new_simple_literal(format!("a value long enough to be stored apart {i}")),
            NamedNode::new_unchecked(format!("https://example.org/g/{}", i % 7)),
        )
    };
    let mut loader = diplograph::store::documents_loader(&store);
    // Every quad twice, the copies two and a half batches apart.
    loader
        .load_quads((0..n).map(|i| quad(i % distinct)))
        .expect("load");
    loader.commit().expect("commit");

    let added: Vec<_> = sst_files(&path).difference(&before).cloned().collect();
    // The string table, the six quad indexes and the graph list; no default-graph triples.
    assert_eq!(added.len(), 8, "files added by one commit: {added:?}");
    let with_bloom = added
        .iter()
        .filter(|p| {
            let bytes = std::fs::read(p).expect("sst");
            bytes.windows(18).any(|w| w == b"BuiltinBloomFilter")
        })
        .count();
    assert_eq!(
        with_bloom, 1,
        "files with a Bloom filter (the string table's)"
    );
    assert_eq!(store.len().expect("len"), distinct);
    for i in [0, 1, distinct / 2, distinct - 1] {
        assert!(store.contains(&quad(i)).expect("contains"), "quad {i}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(&path)
        .expect("store directory")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("bulk-"))
        .map(|e| e.file_name())
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}
