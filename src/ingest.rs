//! Ingest: read, annotate, map and store a batch of documents, one transaction each.

use std::path::{Path, PathBuf};

use crate::annotate::{annotate, Config};
use crate::lexicon::Lexicon;
use crate::model::Annotation;
use crate::rdf;
use crate::read::{read_file, ReadOptions};
use crate::store::{GraphStore, StoreError};

/// What happened to one input file.
#[derive(Debug)]
pub enum Outcome {
    /// Stored (replacing an earlier version when `replaced`).
    Stored {
        path: PathBuf,
        annotation: Box<Annotation>,
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
        }
    }
}

/// The documents of the given files: a `.jsonl` file gives one per non-blank line, any
/// other file one.
pub fn sources(files: &[PathBuf]) -> Result<Vec<Source>, crate::read::ReadError> {
    let mut out = Vec::new();
    for f in files {
        if f.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
        {
            let text = std::fs::read_to_string(f).map_err(|source| crate::read::ReadError::Io {
                path: f.clone(),
                source,
            })?;
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
    Ok(out)
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
            let replaced = store.replace_document(&annotation.document.key, &graph, &provenance)?;
            Outcome::Stored {
                path,
                annotation,
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

/// Documents written per transaction by [`ingest_files`] (a batch is atomic: after a crash
/// all its documents are present or none).
pub const BATCH_DOCS: usize = 512;
/// Quads per transaction beyond which a batch is written before it is full.
pub const BATCH_QUADS: usize = 300_000;

/// Ingests files with `jobs` threads preparing them and one writer storing them in
/// batches of up to [`BATCH_DOCS`] documents (new documents through the bulk loader, others
/// in one transaction; either way a batch is atomic), in the order given, so the store and every message are the same whatever the thread count.
/// At most `4 * jobs` prepared files wait in memory. `each` sees every outcome in order
/// and returns whether to go on.
pub fn ingest_files(
    store: &GraphStore,
    files: &[Source],
    lex: &Lexicon,
    read: &ReadOptions,
    config: &Config,
    force: bool,
    jobs: usize,
    mut each: impl FnMut(Outcome) -> Result<bool, StoreError>,
) -> Result<(), StoreError> {
    use std::collections::BTreeMap;
    use std::sync::mpsc::{sync_channel, Receiver};
    use std::sync::{Arc, Mutex};

    let jobs = jobs.max(1);
    let window = 4 * jobs;
    let (job_tx, job_rx) = sync_channel::<usize>(window);
    let job_rx: Arc<Mutex<Receiver<usize>>> = Arc::new(Mutex::new(job_rx));
    let (res_tx, res_rx) = sync_channel::<(usize, Result<Prepared, StoreError>)>(window);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let job_rx = Arc::clone(&job_rx);
            let res_tx = res_tx.clone();
            scope.spawn(move || loop {
                let next = job_rx.lock().map_or(None, |rx| rx.recv().ok());
                let Some(i) = next else { break };
                let r = prepare_file(store, &files[i], lex, read, config, force);
                if res_tx.send((i, r)).is_err() {
                    break;
                }
            });
        }
        drop(res_tx);
        let mut dispatched = 0;
        let mut written = 0;
        let mut pending: BTreeMap<usize, Result<Prepared, StoreError>> = BTreeMap::new();
        let mut batch: Vec<Prepared> = Vec::new();
        let mut batch_quads = 0usize;
        let mut result = Ok(());
        // Writes the batch in one transaction, then reports its outcomes in input order.
        let flush = |batch: &mut Vec<Prepared>,
                     each: &mut dyn FnMut(Outcome) -> Result<bool, StoreError>|
         -> Result<bool, StoreError> {
            let docs: Vec<(
                &str,
                Option<(&[oxigraph::model::Quad], &[oxigraph::model::Quad])>,
            )> = batch
                .iter()
                .filter_map(|p| match p {
                    Prepared::Ready {
                        annotation,
                        graph,
                        provenance,
                        ..
                    } => Some((
                        annotation.document.key.as_str(),
                        Some((graph.as_slice(), provenance.as_slice())),
                    )),
                    _ => None,
                })
                .collect();
            let new: Vec<(&str, &[oxigraph::model::Quad], &[oxigraph::model::Quad])> = docs
                .iter()
                .filter_map(|(k, c)| c.map(|(g, p)| (*k, g, p)))
                .collect();
            let mut existed = if docs.is_empty() {
                Vec::new()
            } else if store.write_new_documents(&new)? {
                vec![false; docs.len()]
            } else {
                store.write_documents(&docs)?
            }
            .into_iter();
            let mut go_on = true;
            for p in batch.drain(..) {
                let o = match p {
                    Prepared::Ready {
                        path,
                        annotation,
                        graph,
                        provenance,
                    } => Outcome::Stored {
                        path,
                        annotation,
                        quads: graph.len() + provenance.len(),
                        replaced: existed.next().unwrap_or(false),
                    },
                    Prepared::Unchanged { path, key } => Outcome::Unchanged { path, key },
                    Prepared::Failed { path, error } => Outcome::Failed { path, error },
                };
                if go_on {
                    go_on = each(o)?;
                }
            }
            Ok(go_on)
        };
        'outer: while written < files.len() {
            while dispatched < files.len() && dispatched < written + window {
                if job_tx.send(dispatched).is_err() {
                    break;
                }
                dispatched += 1;
            }
            let Ok((i, r)) = res_rx.recv() else { break };
            pending.insert(i, r);
            while let Some(r) = pending.remove(&written) {
                written += 1;
                let p = match r {
                    Ok(p) => p,
                    Err(e) => {
                        result = Err(e);
                        break 'outer;
                    }
                };
                // A failure is reported after everything before it is stored, so that
                // --fail-fast stops with the earlier documents written.
                let failed = matches!(p, Prepared::Failed { .. });
                if let Prepared::Ready { graph, .. } = &p {
                    batch_quads += graph.len();
                }
                batch.push(p);
                if failed || batch.len() >= BATCH_DOCS || batch_quads >= BATCH_QUADS {
                    batch_quads = 0;
                    match flush(&mut batch, &mut each) {
                        Ok(true) => {}
                        Ok(false) => break 'outer,
                        Err(e) => {
                            result = Err(e);
                            break 'outer;
                        }
                    }
                }
            }
        }
        if result.is_ok() && !batch.is_empty() {
            result = flush(&mut batch, &mut each).map(|_| ());
        }
        drop(job_tx);
        // Let the workers finish what they hold; their results are dropped.
        while res_rx.recv().is_ok() {}
        result
    })
}
