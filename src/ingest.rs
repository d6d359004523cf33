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

/// Ingests one file into the store.
pub fn ingest_file(
    store: &GraphStore,
    path: &Path,
    lex: &Lexicon,
    read: &ReadOptions,
    config: &Config,
    force: bool,
) -> Result<Outcome, StoreError> {
    let (annotation, graph, prov) = match prepare(path, lex, read, config) {
        Ok(x) => x,
        Err(e) => {
            return Ok(Outcome::Failed {
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
        return Ok(Outcome::Unchanged {
            path: path.to_path_buf(),
            key,
        });
    }
    let replaced = store.replace_document(&key, &graph, &prov)?;
    Ok(Outcome::Stored {
        path: path.to_path_buf(),
        annotation: Box::new(annotation),
        quads: graph.len() + prov.len(),
        replaced,
    })
}
