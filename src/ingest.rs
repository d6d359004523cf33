//! Ingest: read, annotate, map and store a batch of documents, one transaction each.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::annotate::{annotate, Config};
use crate::lexicon::Lexicon;
use crate::model::Annotation;
use crate::rdf;
use crate::read::{read_file, ReadOptions};
use crate::store::{GraphStore, StoreError};

/// What happened to one input file. `S` is what is kept of a stored document's annotation
/// for reporting: the whole annotation from [`ingest_file`], or what `summarize` made of
/// it in [`ingest_files`] (so that a group of thousands of documents does not hold them all).
#[derive(Debug)]
pub enum Outcome<S = Box<Annotation>> {
    /// Stored (replacing an earlier version when `replaced`).
    Stored {
        path: PathBuf,
        key: String,
        summary: S,
        quads: usize,
        replaced: bool,
    },
    /// Same content and annotator as what is stored: skipped.
    Unchanged { path: PathBuf, key: String },
    /// Could not be read; nothing was written for it.
    Failed { path: PathBuf, error: String },
}

/// Annotates a document file and returns its annotation and quads (graph + provenance).
pub fn prepare(
    path: &Path,
    lex: &Lexicon,
    read: &ReadOptions,
    config: &Config,
) -> Result<
    (
        Annotation,
        Vec<oxigraph::model::Quad>,
        Vec<oxigraph::model::Quad>,
    ),
    crate::read::ReadError,
> {
    let doc = read_file(path, read)?;
    let annotation = annotate(&doc, lex, config);
    let (graph, prov) = rdf::document_quads(&annotation);
    let graph = rdf::with_anchors(graph, &doc.body, &doc.key);
    Ok((annotation, graph, prov))
}

/// Where one document comes from: a report file, or one line of a JSON Lines file.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    JsonLine {
        path: PathBuf,
        line: usize,
        text: String,
    },
    /// A path that could not be read or walked: reported as a failed document.
    Unreadable {
        path: PathBuf,
        error: String,
    },
}

impl Source {
    /// The path shown in messages (`corpus.jsonl:17` for a line).
    #[must_use]
    pub fn display_path(&self) -> PathBuf {
        match self {
            Self::File(p) => p.clone(),
            Self::JsonLine { path, line, .. } => {
                PathBuf::from(format!("{}:{line}", path.display()))
            }
            Self::Unreadable { path, .. } => path.clone(),
        }
    }
}

/// The documents of the given files: a `.jsonl` file gives one per non-blank line, any
/// other file one; a `.jsonl` file that cannot be read is one unreadable source.
#[must_use]
pub fn sources(files: &[PathBuf]) -> Vec<Source> {
    let mut out = Vec::new();
    for f in files {
        if f.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
        {
            let text = match std::fs::read_to_string(f) {
                Ok(t) => t,
                Err(source) => {
                    let error = crate::read::ReadError::Io {
                        path: f.clone(),
                        source,
                    };
                    out.push(Source::Unreadable {
                        path: f.clone(),
                        error: error.to_string(),
                    });
                    continue;
                }
            };
            for (i, l) in text.lines().enumerate() {
                if !l.trim().is_empty() {
                    out.push(Source::JsonLine {
                        path: f.clone(),
                        line: i + 1,
                        text: l.to_owned(),
                    });
                }
            }
        } else {
            out.push(Source::File(f.clone()));
        }
    }
    out
}

/// A file read, annotated and mapped, ready to be written (or a reason not to write it).
#[derive(Debug)]
pub enum Prepared {
    /// New or changed content.
    Ready {
        path: PathBuf,
        annotation: Box<Annotation>,
        graph: Vec<oxigraph::model::Quad>,
        provenance: Vec<oxigraph::model::Quad>,
    },
    /// Same content and annotator as what is stored.
    Unchanged { path: PathBuf, key: String },
    /// Could not be read.
    Failed { path: PathBuf, error: String },
}

/// Reads, annotates and maps one file, and checks whether the store already holds it.
/// Reads the store only, so it runs on any number of threads at once.
pub fn prepare_file(
    store: &GraphStore,
    source: &Source,
    lex: &Lexicon,
    read: &ReadOptions,
    config: &Config,
    force: bool,
) -> Result<Prepared, StoreError> {
    let path = &source.display_path();
    let prepared = match source {
        Source::File(p) => prepare(p, lex, read, config),
        Source::JsonLine { path, line, text } => crate::read::document_from_json(text, path, *line)
            .map(|doc| {
                let annotation = annotate(&doc, lex, config);
                let (graph, prov) = rdf::document_quads(&annotation);
                let graph = rdf::with_anchors(graph, &doc.body, &doc.key);
                (annotation, graph, prov)
            }),
        Source::Unreadable { path, error } => {
            return Ok(Prepared::Failed {
                path: path.clone(),
                error: error.clone(),
            })
        }
    };
    let (annotation, graph, provenance) = match prepared {
        Ok(x) => x,
        Err(e) => {
            return Ok(Prepared::Failed {
                path: path.to_path_buf(),
                error: e.to_string(),
            })
        }
    };
    let key = annotation.document.key.clone();
    if !force
        && store.document_sha256(&key)?.as_deref() == Some(annotation.document.sha256.as_str())
        && store.document_annotator(&key)?.as_deref() == Some(annotation.annotator.as_str())
    {
        return Ok(Prepared::Unchanged {
            path: path.to_path_buf(),
            key,
        });
    }
    Ok(Prepared::Ready {
        path: path.to_path_buf(),
        annotation: Box::new(annotation),
        graph,
        provenance,
    })
}

/// Writes a prepared file (one transaction).
pub fn store_prepared(store: &GraphStore, p: Prepared) -> Result<Outcome, StoreError> {
    Ok(match p {
        Prepared::Ready {
            path,
            annotation,
            graph,
            provenance,
        } => {
            let key = annotation.document.key.clone();
            let replaced = store.replace_document(&key, &graph, &provenance)?;
            Outcome::Stored {
                path,
                key,
                summary: annotation,
                quads: graph.len() + provenance.len(),
                replaced,
            }
        }
        Prepared::Unchanged { path, key } => Outcome::Unchanged { path, key },
        Prepared::Failed { path, error } => Outcome::Failed { path, error },
    })
}

/// Ingests one file into the store.
pub fn ingest_file(
    store: &GraphStore,
    path: &Path,
    lex: &Lexicon,
    read: &ReadOptions,
    config: &Config,
    force: bool,
) -> Result<Outcome, StoreError> {
    let p = prepare_file(
        store,
        &Source::File(path.to_path_buf()),
        lex,
        read,
        config,
        force,
    )?;
    store_prepared(store, p)
}

/// Documents per commit group of [`ingest_files`]: a group is atomic (after a crash all its
/// documents are present or none) and is the unit in which outcomes are reported.
pub const GROUP_DOCS: usize = 8192;
/// Quads beyond which a group is committed before it is full.
pub const GROUP_QUADS: usize = 4_000_000;

/// Where the time of one commit group of [`ingest_files`] went, for `ingest --timings`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GroupReport {
    /// New documents bulk-loaded in the group.
    pub new: usize,
    /// Changed documents written in the group's transaction after it.
    pub replaced: usize,
    /// Reading, annotating and sorting the new documents' quads into the loader's files
    /// (the writer waits on the annotating threads here).
    pub prepare: Duration,
    /// The bulk commit and identity step of the new documents.
    pub commit: crate::store::CommitReport,
    /// Writing the changed documents (with their identity step).
    pub replace: Duration,
}

impl std::ops::AddAssign<&GroupReport> for GroupReport {
    fn add_assign(&mut self, g: &GroupReport) {
        self.new += g.new;
        self.replaced += g.replaced;
        self.prepare += g.prepare;
        self.commit.bulk_commit += g.commit.bulk_commit;
        self.commit.identity_time += g.commit.identity_time;
        self.commit.identity_commit += g.commit.identity_commit;
        self.commit.identity.blocks += g.commit.identity.blocks;
        self.commit.identity.keys_read += g.commit.identity.keys_read;
        self.commit.identity.rewritten += g.commit.identity.rewritten;
        self.replace += g.replace;
    }
}

/// Ingests files with `jobs` threads preparing them and one writer storing them in input
/// order, so the store and every message are the same whatever the thread count. The
/// writer streams the quads of new documents into one bulk load per group of up to
/// `group_docs` documents ([`GROUP_DOCS`] by default; sorted to disk as they come, so
/// memory stays bounded), and
/// writes changed documents in one transaction after it; either way a group is atomic.
/// At most `4 * jobs` prepared files wait in memory. Each stored document's annotation is
/// passed to `summarize` on the thread that made it and dropped; a group keeps only the
/// summaries until its outcomes are reported. `each` sees every outcome in order and
/// returns whether to go on. `group` sees each group's report after its outcomes.
#[allow(clippy::too_many_arguments)]
pub fn ingest_files<S: Send>(
    store: &GraphStore,
    files: &[Source],
    lex: &Lexicon,
    read: &ReadOptions,
    config: &Config,
    force: bool,
    jobs: usize,
    group_docs: usize,
    summarize: impl Fn(&Annotation) -> S + Sync,
    mut each: impl FnMut(Outcome<S>) -> Result<bool, StoreError>,
    mut group: impl FnMut(&GroupReport),
) -> Result<(), StoreError> {
    use std::collections::{BTreeMap, BTreeSet};
    use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
    use std::sync::{Arc, Mutex};

    type Quads = Vec<oxigraph::model::Quad>;

    /// Prepared files in input order, dispatching work as it goes.
    struct Ordered<'f, S> {
        files: &'f [Source],
        window: usize,
        dispatched: usize,
        next: usize,
        job_tx: SyncSender<usize>,
        res_rx: Receiver<(usize, Result<Item<S>, StoreError>)>,
        pending: BTreeMap<usize, Result<Item<S>, StoreError>>,
    }
    impl<S> Ordered<'_, S> {
        fn next(&mut self) -> Option<Result<Item<S>, StoreError>> {
            if self.next >= self.files.len() {
                return None;
            }
            loop {
                while self.dispatched < self.files.len()
                    && self.dispatched < self.next + self.window
                {
                    if self.job_tx.send(self.dispatched).is_err() {
                        break;
                    }
                    self.dispatched += 1;
                }
                if let Some(r) = self.pending.remove(&self.next) {
                    self.next += 1;
                    return Some(r);
                }
                let (i, r) = self.res_rx.recv().ok()?;
                self.pending.insert(i, r);
            }
        }
    }

    /// A prepared file as the writer gets it: its annotation already summarized.
    enum Item<S> {
        Ready {
            path: PathBuf,
            key: String,
            summary: S,
            written: crate::identity::Written,
            graph: Quads,
            provenance: Quads,
        },
        Done(Outcome<S>),
    }
    impl<S> Item<S> {
        fn from_prepared(p: Prepared, summarize: &impl Fn(&Annotation) -> S) -> Self {
            match p {
                Prepared::Ready {
                    path,
                    annotation,
                    graph,
                    provenance,
                } => Self::Ready {
                    path,
                    summary: summarize(&annotation),
                    key: annotation.document.key,
                    written: crate::identity::Written::from_quads(&graph),
                    graph,
                    provenance,
                },
                Prepared::Unchanged { path, key } => Self::Done(Outcome::Unchanged { path, key }),
                Prepared::Failed { path, error } => Self::Done(Outcome::Failed { path, error }),
            }
        }
    }

    let jobs = jobs.max(1);
    let window = 4 * jobs;
    let (job_tx, job_rx) = sync_channel::<usize>(window);
    let job_rx: Arc<Mutex<Receiver<usize>>> = Arc::new(Mutex::new(job_rx));
    let (res_tx, res_rx) = sync_channel::<(usize, Result<Item<S>, StoreError>)>(window);
    let summarize = &summarize;
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let job_rx = Arc::clone(&job_rx);
            let res_tx = res_tx.clone();
            scope.spawn(move || loop {
                let next = job_rx.lock().map_or(None, |rx| rx.recv().ok());
                let Some(i) = next else { break };
                let r = prepare_file(store, &files[i], lex, read, config, force)
                    .map(|p| Item::from_prepared(p, summarize));
                if res_tx.send((i, r)).is_err() {
                    break;
                }
            });
        }
        drop(res_tx);
        let mut ordered = Ordered {
            files,
            window,
            dispatched: 0,
            next: 0,
            job_tx,
            res_rx,
            pending: BTreeMap::new(),
        };
        let result = (|| -> Result<(), StoreError> {
            loop {
                let mut slots: Vec<Outcome<S>> = Vec::new();
                let mut new_keys: BTreeSet<String> = BTreeSet::new();
                let mut written: BTreeMap<String, crate::identity::Written> = BTreeMap::new();
                let mut changed: Vec<(String, Quads)> = Vec::new();
                let mut group_quads = 0usize;
                let mut finished = false;
                let mut error: Option<StoreError> = None;
                let mut loader = store.new_documents_loader();
                let quads = std::iter::from_fn(|| loop {
                    if slots.len() >= group_docs.max(1) || group_quads >= GROUP_QUADS {
                        return None;
                    }
                    let p = match ordered.next() {
                        None => {
                            finished = true;
                            return None;
                        }
                        Some(Err(e)) => {
                            error = Some(e);
                            return None;
                        }
                        Some(Ok(p)) => p,
                    };
                    match p {
                        Item::Ready {
                            path,
                            key,
                            summary,
                            written: w,
                            mut graph,
                            provenance,
                        } => {
                            let quads = graph.len() + provenance.len();
                            graph.extend(provenance);
                            let stored = match store.has_document(&key) {
                                Ok(b) => b,
                                Err(e) => {
                                    error = Some(e);
                                    return None;
                                }
                            };
                            let replaced = stored || new_keys.contains(&key);
                            slots.push(Outcome::Stored {
                                path,
                                key: key.clone(),
                                summary,
                                quads,
                                replaced,
                            });
                            if replaced {
                                changed.push((key, graph));
                                continue;
                            }
                            written.insert(key.clone(), w);
                            new_keys.insert(key);
                            group_quads += quads;
                            return Some(graph);
                        }
                        Item::Done(o @ Outcome::Failed { .. }) => {
                            // Reported after everything before it is stored, so that
                            // --fail-fast stops with the earlier documents written.
                            slots.push(o);
                            return None;
                        }
                        Item::Done(o) => slots.push(o),
                    }
                })
                .flatten();
                let start = Instant::now();
                loader.load_quads(quads)?;
                let prepare = start.elapsed();
                if let Some(e) = error {
                    // Nothing of this group is committed: the loader's files are dropped.
                    return Err(e);
                }
                let commit = store.commit_new_documents(loader, &new_keys, &written)?;
                drop(written);
                let report_new = new_keys.len();
                let replaced = changed.len();
                let start = Instant::now();
                if !changed.is_empty() {
                    let docs: Vec<(
                        &str,
                        Option<(&[oxigraph::model::Quad], &[oxigraph::model::Quad])>,
                    )> = changed
                        .iter()
                        .map(|(k, q)| (k.as_str(), Some((q.as_slice(), &[][..]))))
                        .collect();
                    store.write_documents(&docs)?;
                }
                drop(changed);
                let replace = start.elapsed();
                for o in slots {
                    if !each(o)? {
                        return Ok(());
                    }
                }
                if report_new + replaced > 0 {
                    group(&GroupReport {
                        new: report_new,
                        replaced,
                        prepare,
                        commit,
                        replace,
                    });
                }
                if finished {
                    return Ok(());
                }
            }
        })();
        drop(ordered.job_tx);
        // Let the workers finish what they hold; their results are dropped.
        while ordered.res_rx.recv().is_ok() {}
        result
    })
}
