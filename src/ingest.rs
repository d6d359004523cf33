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
    path: &Path,
    lex: &Lexicon,
    read: &ReadOptions,
    config: &Config,
    force: bool,
) -> Result<Prepared, StoreError> {
    let (annotation, graph, provenance) = match prepare(path, lex, read, config) {
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
    let p = prepare_file(store, path, lex, read, config, force)?;
    store_prepared(store, p)
}

/// Ingests files with `jobs` threads preparing them and one writer storing them in the
/// order given, so the store and every message are the same whatever the thread count.
/// At most `4 * jobs` prepared files wait in memory. `each` sees every outcome in order
/// and returns whether to go on.
pub fn ingest_files(
    store: &GraphStore,
    files: &[PathBuf],
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
        let mut result = Ok(());
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
                let go_on = r.and_then(|p| store_prepared(store, p)).and_then(&mut each);
                match go_on {
                    Ok(true) => {}
                    Ok(false) => break 'outer,
                    Err(e) => {
                        result = Err(e);
                        break 'outer;
                    }
                }
            }
        }
        drop(job_tx);
        // Let the workers finish what they hold; their results are dropped.
        while res_rx.recv().is_ok() {}
        result
    })
}
