//! The persistent store: oxigraph on RocksDB, one named graph per document.
//!
//! Invariants: a document's graph and its provenance record are replaced in one
//! transaction, so after a crash a document is either fully present or absent; the
//! store carries a format marker and a store of another format is refused, not misread.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use oxigraph::io::RdfFormat;
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, QuadRef, Term,
};
use oxigraph::store::Store;

use crate::lexicon::Lexicon;
use crate::rdf;
use crate::vocab::dg;

/// Format of the store's content (graph layout and IRI recipes). Bump on any change
/// that makes older stores unreadable as they are.
pub const STORE_FORMAT: u32 = 3;

/// The bulk loader's memory target: it sorts this many megabytes of quads at a time into
/// a run file per index (one batch being sorted while the next is gathered); the commit
/// merges a group's runs into one SST file per index ([`documents_loader`]), so the batch
/// size no longer decides how many files land in RocksDB's level 0 and only trades memory
/// for the number of runs merged. 10,000 documents: 28.2 s and 392 MB at 128, 28.9 s and
/// 331 MB at 64. (Before the runs were merged, every batch was a file in level 0, and at
/// 64 the identity step waited for compaction: BENCHMARKS.md, section 2.)
pub const LOADER_MEGABYTES: usize = 64;

/// The ontology, embedded.
pub const ONTOLOGY_TTL: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/ontology/diplograph.ttl"
));

/// Store errors.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("{path}: store is locked by another process")]
    Locked { path: PathBuf },
    #[error("{path}: no store here (run `diplograph ingest` first, or pass --store)")]
    Missing { path: PathBuf },
    #[error("{path}: cannot open store: {message}")]
    Open { path: PathBuf, message: String },
    #[error("{path}: store format {found} is not this version's format {expected}; re-ingest into a new store directory")]
    Format {
        path: PathBuf,
        found: String,
        expected: u32,
    },
    #[error("store: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("ontology/diplograph.ttl: {0}")]
    Ontology(String),
    #[error("output: {0}")]
    Io(String),
    #[error("not valid N-Quads: {0}")]
    NQuads(String),
}

/// Where the time of one [`GraphStore::commit_new_documents`] went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CommitReport {
    /// Moving the bulk loader's sorted files into the store.
    pub bulk_commit: Duration,
    /// The identity step: reading the touched blocks' keys, clustering, rewriting.
    pub identity_time: Duration,
    /// Committing the identity step's transaction.
    pub identity_commit: Duration,
    /// What the identity step did.
    pub identity: crate::identity::ReconcileStats,
}

/// An open store.
#[derive(Clone)]
pub struct GraphStore {
    store: Store,
    path: PathBuf,
}

fn store_iri() -> NamedNode {
    NamedNode::new_unchecked(format!("{}id/store", crate::vocab::BASE))
}

impl GraphStore {
    /// Opens (creating if needed) the store at `path` for writing.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(path).map_err(|e| StoreError::Open {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let store = Store::open(path).map_err(|e| open_error(path, &e))?;
        let s = Self {
            store,
            path: path.to_path_buf(),
        };
        s.check_format(true)?;
        s.recover_pending()?;
        Ok(s)
    }

    /// Opens an existing store (queries and exports also take the write lock, so they
    /// never read while another process writes).
    pub fn open_existing(path: &Path) -> Result<Self, StoreError> {
        if !path.join("CURRENT").exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let store = Store::open(path).map_err(|e| open_error(path, &e))?;
        let s = Self {
            store,
            path: path.to_path_buf(),
        };
        s.check_format(false)?;
        s.recover_pending()?;
        Ok(s)
    }

    /// The underlying oxigraph store.
    #[must_use]
    pub fn inner(&self) -> &Store {
        &self.store
    }

    fn check_format(&self, init: bool) -> Result<(), StoreError> {
        let meta = rdf::meta_graph();
        let subject = store_iri();
        let found: Vec<Term> = self
            .store
            .quads_for_pattern(
                Some(subject.as_ref().into()),
                Some(dg::STORE_FORMAT),
                None,
                Some(meta.as_ref().into()),
            )
            .map(|q| q.map(|q| q.object))
            .collect::<Result<_, _>>()?;
        match found.first() {
            Some(Term::Literal(l)) if l.value() == STORE_FORMAT.to_string() => Ok(()),
            Some(t) => Err(StoreError::Format {
                path: self.path.clone(),
                found: t.to_string(),
                expected: STORE_FORMAT,
            }),
            None if init || self.store.is_empty()? => {
                if self.store.is_empty()? {
                    self.store.insert(QuadRef::new(
                        &subject,
                        dg::STORE_FORMAT,
                        &Literal::from(i64::from(STORE_FORMAT)),
                        &meta,
                    ))?;
                    Ok(())
                } else {
                    Err(StoreError::Format {
                        path: self.path.clone(),
                        found: "none".into(),
                        expected: STORE_FORMAT,
                    })
                }
            }
            None => Err(StoreError::Format {
                path: self.path.clone(),
                found: "none".into(),
                expected: STORE_FORMAT,
            }),
        }
    }

    /// Loads the ontology and the registry into their graphs, replacing what was there,
    /// when their content changed (compared by hash).
    pub fn ensure_registry(&self, lex: &Lexicon) -> Result<bool, StoreError> {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(ONTOLOGY_TTL.as_bytes());
        for (name, text) in crate::lexicon::FILES {
            h.update(name.as_bytes());
            h.update(text.as_bytes());
        }
        let digest: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        let meta = rdf::meta_graph();
        let subject = store_iri();
        let stamp = Literal::new_simple_literal(&digest);
        let current = QuadRef::new(&subject, dg::SHA256, &stamp, &meta);
        if self.store.contains(current)? {
            return Ok(false);
        }
        let ontology: Vec<Quad> = oxigraph::io::RdfParser::from_format(RdfFormat::Turtle)
            .with_default_graph(rdf::ontology_graph())
            .for_slice(ONTOLOGY_TTL.as_bytes())
            .collect::<Result<_, _>>()
            .map_err(|e| StoreError::Ontology(e.to_string()))?;
        let registry = rdf::registry_quads(lex);
        let old_stamps: Vec<Quad> = self
            .store
            .quads_for_pattern(
                Some(subject.as_ref().into()),
                Some(dg::SHA256),
                None,
                Some(meta.as_ref().into()),
            )
            .collect::<Result<_, _>>()?;
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(GraphNameRef::from(&rdf::ontology_graph()))?;
        tx.clear_graph(GraphNameRef::from(&rdf::registry_graph()))?;
        for q in &old_stamps {
            tx.remove(q);
        }
        tx.extend(ontology.iter());
        tx.extend(registry.iter());
        tx.insert(current);
        tx.commit()?;
        Ok(true)
    }

    /// Replaces a document's graph and provenance record in one transaction. Returns
    /// whether the document was already present.
    pub fn replace_document(
        &self,
        key: &str,
        graph: &[Quad],
        provenance: &[Quad],
    ) -> Result<bool, StoreError> {
        self.write_document(key, Some((graph, provenance)))
    }

    /// Removes a document's graph and its provenance record in one transaction. Returns
    /// whether the document was present.
    pub fn remove_document(&self, key: &str) -> Result<bool, StoreError> {
        self.write_document(key, None)
    }

    /// Drops a document's graph and run record and, with `contents`, writes the new ones,
    /// all in one transaction.
    fn write_document(
        &self,
        key: &str,
        contents: Option<(&[Quad], &[Quad])>,
    ) -> Result<bool, StoreError> {
        Ok(self.write_documents(&[(key, contents)])?[0])
    }

    /// Replaces (or, without contents, removes) several documents in one transaction, with
    /// the identity decisions they change: after a crash all of them are present or none.
    /// Returns, per document, whether it was present before.
    pub fn write_documents(
        &self,
        docs: &[(&str, Option<(&[Quad], &[Quad])>)],
    ) -> Result<Vec<bool>, StoreError> {
        let runs = rdf::runs_graph();
        let mut existed = Vec::with_capacity(docs.len());
        let mut old_runs: Vec<Quad> = Vec::new();
        for (key, _) in docs {
            let g = rdf::doc_graph(key);
            existed.push(
                self.store
                    .contains_named_graph(NamedOrBlankNodeRef::from(&g))?,
            );
            let run = rdf::run_iri(key);
            for q in self.store.quads_for_pattern(
                Some(run.as_ref().into()),
                None,
                None,
                Some(runs.as_ref().into()),
            ) {
                old_runs.push(q?);
            }
        }
        let mut tx = self.store.start_transaction()?;
        let mut blocks = std::collections::BTreeSet::new();
        let mut fresh = std::collections::BTreeSet::new();
        for q in &old_runs {
            tx.remove(q);
        }
        for (key, contents) in docs {
            let g = rdf::doc_graph(key);
            blocks.extend(crate::identity::document_blocks(&tx, key)?);
            tx.remove_named_graph(NamedOrBlankNodeRef::from(&g))?;
            fresh.remove(*key);
            if let Some((graph, provenance)) = contents {
                tx.insert_named_graph(NamedOrBlankNodeRef::from(&g));
                tx.extend(graph.iter());
                tx.extend(provenance.iter());
                blocks.extend(crate::identity::document_blocks(&tx, key)?);
                fresh.insert((*key).to_owned());
            }
        }
        crate::identity::reconcile(&mut tx, &blocks, &fresh, &BTreeMap::new())?;
        tx.commit()?;
        Ok(existed)
    }

    /// Whether the store holds document `key`.
    pub fn has_document(&self, key: &str) -> Result<bool, StoreError> {
        let g = rdf::doc_graph(key);
        Ok(self
            .store
            .contains_named_graph(NamedOrBlankNodeRef::from(&g))?)
    }

    /// A bulk loader for documents the store does not hold yet. Quads given to it are
    /// sorted into files on disk as they come (one background thread, memory bounded);
    /// nothing is visible until [`GraphStore::commit_new_documents`].
    pub fn new_documents_loader(&self) -> oxigraph::store::BulkLoader<'_> {
        documents_loader(&self.store)
    }

    /// Commits a loader holding the graphs of the new documents `keys`, then updates
    /// identity in one transaction. Crash safety: the keys are first recorded as pending in
    /// `graph/meta`; the bulk load commits atomically (all the documents or none); the
    /// identity transaction clears the record. A store opened with pending keys finishes
    /// their identity step first ([`GraphStore::open`]); a key whose load never committed
    /// is dropped from the record. `written` gives the identity keys of the documents (see
    /// [`crate::identity::Written`]), so that the identity step does not read them back.
    pub fn commit_new_documents(
        &self,
        loader: oxigraph::store::BulkLoader<'_>,
        keys: &std::collections::BTreeSet<String>,
        written: &BTreeMap<String, crate::identity::Written>,
    ) -> Result<CommitReport, StoreError> {
        if keys.is_empty() {
            return Ok(CommitReport::default());
        }
        let meta = rdf::meta_graph();
        let store_node = store_iri();
        let mut tx = self.store.start_transaction()?;
        for k in keys {
            tx.insert(QuadRef::new(
                &store_node,
                dg::PENDING_IDENTITY,
                &Literal::new_simple_literal(k),
                &meta,
            ));
        }
        tx.commit()?;
        let start = Instant::now();
        loader.commit()?;
        let bulk_commit = start.elapsed();
        // Fault injection for the crash tests: die between the bulk load and its identity step.
        if std::env::var_os("DIPLOGRAPH_FAULT").is_some_and(|v| v == "after-bulk-load") {
            std::process::abort();
        }
        let mut report = self.finish_pending(keys.clone(), written)?;
        report.bulk_commit = bulk_commit;
        Ok(report)
    }

    /// The identity step for documents bulk-loaded but not yet reconciled, and the removal
    /// of their pending record.
    fn finish_pending(
        &self,
        keys: std::collections::BTreeSet<String>,
        written: &BTreeMap<String, crate::identity::Written>,
    ) -> Result<CommitReport, StoreError> {
        let meta = rdf::meta_graph();
        let store_node = store_iri();
        let mut tx = self.store.start_transaction()?;
        let mut blocks = std::collections::BTreeSet::new();
        let mut fresh = std::collections::BTreeSet::new();
        for k in &keys {
            let g = rdf::doc_graph(k);
            if let Some(w) = written.get(k) {
                blocks.extend(w.blocks());
                fresh.insert(k.clone());
            } else if tx.contains_named_graph(NamedOrBlankNodeRef::from(&g))? {
                blocks.extend(crate::identity::document_blocks(&tx, k)?);
                fresh.insert(k.clone());
            }
            tx.remove(QuadRef::new(
                &store_node,
                dg::PENDING_IDENTITY,
                &Literal::new_simple_literal(k),
                &meta,
            ));
        }
        let start = Instant::now();
        let identity = crate::identity::reconcile(&mut tx, &blocks, &fresh, written)?;
        let identity_time = start.elapsed();
        let start = Instant::now();
        tx.commit()?;
        Ok(CommitReport {
            bulk_commit: Duration::ZERO,
            identity_time,
            identity_commit: start.elapsed(),
            identity,
        })
    }

    /// Finishes the identity step of documents whose bulk load completed before a crash.
    fn recover_pending(&self) -> Result<(), StoreError> {
        let meta = rdf::meta_graph();
        let store_node = store_iri();
        let keys: std::collections::BTreeSet<String> = self
            .store
            .quads_for_pattern(
                Some(store_node.as_ref().into()),
                Some(dg::PENDING_IDENTITY),
                None,
                Some(meta.as_ref().into()),
            )
            .filter_map(|q| match q.map(|q| q.object) {
                Ok(Term::Literal(l)) => Some(Ok(l.value().to_owned())),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<_, _>>()?;
        if !keys.is_empty() {
            self.finish_pending(keys, &BTreeMap::new())?;
        }
        Ok(())
    }

    /// Loads N-Quads holding document graphs and their run records (as `annotate --stdin
    /// --format nquads` or `export` write them): each document graph with its run record is
    /// written in its own transaction, with identity recomputed, exactly as ingest does.
    /// Quads of other graphs (registry, ontology, identity, meta) are derived here and
    /// skipped. Returns the number of document graphs loaded.
    pub fn load_nquads(&self, reader: impl std::io::Read) -> Result<usize, StoreError> {
        use std::collections::BTreeMap;
        let prefix = rdf::doc_graph("");
        let runs = rdf::runs_graph();
        let mut graphs: BTreeMap<String, (Vec<Quad>, Vec<Quad>)> = BTreeMap::new();
        for q in oxigraph::io::RdfParser::from_format(RdfFormat::NQuads).for_reader(reader) {
            let q = q.map_err(|e| StoreError::NQuads(e.to_string()))?;
            match &q.graph_name {
                oxigraph::model::GraphName::NamedNode(g) => {
                    if let Some(k) = g.as_str().strip_prefix(prefix.as_str()) {
                        graphs.entry(k.to_owned()).or_default().0.push(q);
                    } else if *g == runs {
                        let run_prefix = rdf::run_iri("");
                        if let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &q.subject {
                            if let Some(k) = s.as_str().strip_prefix(run_prefix.as_str()) {
                                graphs.entry(k.to_owned()).or_default().1.push(q);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let n = graphs.len();
        for (key, (graph, provenance)) in graphs {
            self.write_document(&key, Some((&graph, &provenance)))?;
        }
        Ok(n)
    }

    /// Keys of the documents in the store, sorted.
    pub fn documents(&self) -> Result<Vec<String>, StoreError> {
        let prefix = rdf::doc_graph("");
        let mut out = Vec::new();
        for g in self.store.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = g? {
                if let Some(k) = n.as_str().strip_prefix(prefix.as_str()) {
                    out.push(k.to_owned());
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// The sha256 recorded for a document's last ingest, if it is stored.
    pub fn document_sha256(&self, key: &str) -> Result<Option<String>, StoreError> {
        let run = rdf::run_iri(key);
        let runs = rdf::runs_graph();
        for q in self.store.quads_for_pattern(
            Some(run.as_ref().into()),
            Some(dg::SHA256),
            None,
            Some(runs.as_ref().into()),
        ) {
            if let Term::Literal(l) = q?.object {
                return Ok(Some(l.value().to_owned()));
            }
        }
        Ok(None)
    }

    /// The annotator version recorded for a document's last ingest.
    pub fn document_annotator(&self, key: &str) -> Result<Option<String>, StoreError> {
        let run = rdf::run_iri(key);
        let runs = rdf::runs_graph();
        for q in self.store.quads_for_pattern(
            Some(run.as_ref().into()),
            Some(dg::ANNOTATOR),
            None,
            Some(runs.as_ref().into()),
        ) {
            if let Term::Literal(l) = q?.object {
                return Ok(Some(l.value().to_owned()));
            }
        }
        Ok(None)
    }

    /// Compacts every index into as few files as RocksDB can (oxigraph's `optimize`). The
    /// content is unchanged; lookups read fewer files. Minutes on a multi-gigabyte store.
    pub fn optimize(&self) -> Result<(), StoreError> {
        Ok(self.store.optimize()?)
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize, StoreError> {
        Ok(self.store.len()?)
    }

    /// Whether the store holds no quads.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.store.is_empty()?)
    }

    /// All quads of one graph, or of the whole store, as owned quads.
    pub fn quads(&self, graph: Option<&NamedNode>) -> Result<Vec<Quad>, StoreError> {
        let g = graph.map(|g| GraphNameRef::from(g));
        Ok(self
            .store
            .quads_for_pattern(None, None, None, g)
            .collect::<Result<_, _>>()?)
    }

    /// Names of all named graphs (IRIs only; diplograph writes no blank-node graphs).
    pub fn graph_names(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut out = Vec::new();
        for g in self.store.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = g? {
                out.push(n);
            }
        }
        Ok(out)
    }

    /// Quads in the default graph.
    pub fn default_graph_quads(&self) -> Result<Vec<Quad>, StoreError> {
        Ok(self
            .store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .collect::<Result<_, _>>()?)
    }

    /// NamedOrBlankNodes in the runs graph (for tests).
    pub fn run_subjects(&self) -> Result<Vec<NamedOrBlankNode>, StoreError> {
        let runs = rdf::runs_graph();
        Ok(self
            .store
            .quads_for_pattern(None, None, None, Some(runs.as_ref().into()))
            .map(|q| q.map(|q| q.subject))
            .collect::<Result<_, _>>()?)
    }
}

/// The bulk loader the ingest uses, on any oxigraph store: one background thread sorting
/// [`LOADER_MEGABYTES`] at a time into run files, merged at commit into one SST file per
/// index, so that a commit adds one file per index to RocksDB's level 0 whatever the size
/// of the group.
pub fn documents_loader(store: &Store) -> oxigraph::store::BulkLoader<'_> {
    store
        .bulk_loader()
        .with_num_threads(1)
        .with_max_memory_size_in_megabytes(LOADER_MEGABYTES)
        .with_merged_runs()
}

fn open_error(path: &Path, e: &oxigraph::store::StorageError) -> StoreError {
    let message = e.to_string();
    if message.contains("lock") || message.contains("Resource temporarily unavailable") {
        StoreError::Locked {
            path: path.to_path_buf(),
        }
    } else {
        StoreError::Open {
            path: path.to_path_buf(),
            message,
        }
    }
}
