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
