//! A bounded cache of the strings read back from the `id2str` table.
//!
//! A string's key is the hash of its content, so a cached entry never goes stale: whatever
//! snapshot or transaction reads a key, the string behind it is the same. Decoding the
//! results of a query reads the same IRIs many times over (an event on every row of its
//! attendees, a role or a type on thousands of rows), and each read is a RocksDB lookup
//! through a filter, an index partition and a data block. The cache answers those from
//! memory.
//!
//! Memory is bounded by a byte budget split across shards. Each shard keeps two
//! generations: lookups search the recent one, then the older one (moving a hit back
//! into the recent one); when the recent generation fills half its shard's budget, it
//! becomes the older one and the previous older one is dropped. That keeps what was used
//! in the last half budget's worth of reads, without per-entry bookkeeping.

use crate::storage::numeric_encoder::{StrHash, StrHashHasher};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::{Arc, Mutex};

type Map = HashMap<StrHash, Arc<str>, BuildHasherDefault<StrHashHasher>>;

const SHARDS: usize = 16;
/// Strings longer than this (document texts, long statements) are not cached: they are
/// read rarely and would crowd out the short ones.
const MAX_CACHED_LEN: usize = 512;
/// Per entry, on top of the string: the key, the `Arc` header and the map slot.
const ENTRY_OVERHEAD: usize = 64;

pub struct StringCache {
    shards: Box<[Mutex<Shard>]>,
    shard_budget: usize,
}

#[derive(Default)]
struct Shard {
    recent: Map,
    older: Map,
    recent_bytes: usize,
}

impl StringCache {
    /// A cache holding about `budget` bytes at most; 0 disables it.
    pub fn new(budget: usize) -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            shard_budget: budget / SHARDS,
        }
    }

    fn shard(&self, key: &StrHash) -> &Mutex<Shard> {
        let bytes = key.to_be_bytes();
        &self.shards[usize::from(bytes[0]) % SHARDS]
    }

    pub fn get(&self, key: &StrHash) -> Option<Arc<str>> {
        if self.shard_budget == 0 {
            return None;
        }
        let mut shard = self.shard(key).lock().ok()?;
        if let Some(value) = shard.recent.get(key) {
            return Some(Arc::clone(value));
        }
        let value = shard.older.remove(key)?;
        shard.admit(*key, Arc::clone(&value), self.shard_budget);
        Some(value)
    }

    pub fn insert(&self, key: StrHash, value: &str) {
        if self.shard_budget == 0 || value.len() > MAX_CACHED_LEN {
            return;
        }
        if let Ok(mut shard) = self.shard(&key).lock() {
            shard.admit(key, value.into(), self.shard_budget);
        }
    }
}

impl Shard {
    fn admit(&mut self, key: StrHash, value: Arc<str>, budget: usize) {
        let size = value.len() + ENTRY_OVERHEAD;
        if self.recent_bytes + size > budget / 2 {
            self.older = std::mem::take(&mut self.recent);
            self.recent_bytes = 0;
        }
        if self.recent.insert(key, value).is_none() {
            self.recent_bytes += size;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_what_was_inserted() {
        let cache = StringCache::new(1 << 20);
        let key = StrHash::new("http://example.com/a");
        assert!(cache.get(&key).is_none());
        cache.insert(key, "http://example.com/a");
        assert_eq!(cache.get(&key).as_deref(), Some("http://example.com/a"));
    }

    #[test]
    fn stays_within_its_budget_and_keeps_what_is_used() {
        let cache = StringCache::new(SHARDS * 4096);
        let kept = StrHash::new("kept");
        cache.insert(kept, "kept");
        for i in 0..10_000 {
            let s = format!("string number {i}");
            cache.insert(StrHash::new(&s), &s);
            // Read the kept entry now and then: it must survive the churn.
            if i % 8 == 0 {
                assert!(cache.get(&kept).is_some(), "lost after {i} inserts");
            }
        }
        for shard in cache.shards.iter() {
            let shard = shard.lock().unwrap();
            let bytes: usize = shard
                .recent
                .values()
                .chain(shard.older.values())
                .map(|v| v.len() + ENTRY_OVERHEAD)
                .sum();
            assert!(bytes <= 4096, "{bytes} bytes in a shard of 4096");
        }
    }

    #[test]
    fn long_strings_and_a_zero_budget_are_not_cached() {
        let cache = StringCache::new(1 << 20);
        let long = "x".repeat(MAX_CACHED_LEN + 1);
        let key = StrHash::new(&long);
        cache.insert(key, &long);
        assert!(cache.get(&key).is_none());
        let off = StringCache::new(0);
        let key = StrHash::new("a");
        off.insert(key, "a");
        assert!(off.get(&key).is_none());
    }
}
