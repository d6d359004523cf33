//! Exports of the store: TriG, N-Quads, Turtle and JSON-LD, sorted so the same store
//! gives byte-identical output.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, Quad, Triple};

use crate::store::{GraphStore, StoreError};
use crate::vocab::PREFIXES;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    TriG,
    NQuads,
    Turtle,
    JsonLd,
}

/// Export errors.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing export: {0}")]
    Io(#[from] std::io::Error),
    #[error("no document {0:?} in the store")]
    UnknownDocument(String),
}

/// Sorts quads by their N-Quads form (graph first), the order of every export.
pub fn sort_quads(quads: &mut [Quad]) {
    quads.sort_by_cached_key(|q| {
        (
            q.graph_name.to_string(),
            q.subject.to_string(),
            q.predicate.to_string(),
            q.object.to_string(),
        )
    });
}

/// Writes the whole store, or one graph, in `format`. TriG, N-Quads and JSON-LD of the
/// whole store stream graph by graph (graphs in sorted order, each sorted), so memory
/// holds one graph at a time; the output is the same as sorting everything. Turtle merges
/// the graphs, so it sorts the whole store in memory.
pub fn export(
    store: &GraphStore,
    format: ExportFormat,
    graph: Option<&NamedNode>,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    if graph.is_some() || format == ExportFormat::Turtle {
        let mut quads = store.quads(graph)?;
        sort_quads(&mut quads);
        return write_quads(&quads, format, out);
    }
    let mut graphs: Vec<NamedNode> = store.graph_names()?;
    graphs.sort_by_cached_key(ToString::to_string);
    let mut w = serializer(format)?.for_writer(&mut *out);
    // Quads in the default graph (none are written by diplograph) sort first ("DEFAULT"
    // sorts before "<…>").
    for g in std::iter::once(None).chain(graphs.iter().map(Some)) {
        let mut quads = match g {
            Some(g) => store.quads(Some(g))?,
            None => store.default_graph_quads()?,
        };
        sort_quads(&mut quads);
        for q in &quads {
            w.serialize_quad(q)?;
        }
    }
    w.finish()?;
    Ok(())
}

fn serializer(format: ExportFormat) -> Result<RdfSerializer, ExportError> {
    let rdf_format = match format {
        ExportFormat::TriG => RdfFormat::TriG,
        ExportFormat::NQuads => RdfFormat::NQuads,
        ExportFormat::Turtle => RdfFormat::Turtle,
        ExportFormat::JsonLd => RdfFormat::from_extension("jsonld").unwrap_or(RdfFormat::NQuads),
    };
    let mut ser = RdfSerializer::from_format(rdf_format);
    if matches!(format, ExportFormat::TriG | ExportFormat::Turtle) {
        for (p, iri) in PREFIXES {
            ser = ser
                .with_prefix(*p, *iri)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
        }
    }
    Ok(ser)
}

/// Writes quads (already in the wanted order) in `format`. Turtle has no graphs: it
/// writes the union of the triples, without duplicates.
pub fn write_quads(
    quads: &[Quad],
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let mut w = serializer(format)?.for_writer(&mut *out);
    if format == ExportFormat::Turtle {
        let mut triples: Vec<Triple> = quads
            .iter()
            .map(|q| Triple::new(q.subject.clone(), q.predicate.clone(), q.object.clone()))
            .collect();
        triples.sort_by_cached_key(|t| {
            (
                t.subject.to_string(),
                t.predicate.to_string(),
                t.object.to_string(),
            )
        });
        triples.dedup();
        for t in &triples {
            w.serialize_triple(t)?;
        }
    } else {
        for q in quads {
            if format == ExportFormat::JsonLd && q.graph_name == GraphName::DefaultGraph {
                w.serialize_quad(q)?;
            } else {
                w.serialize_quad(q)?;
            }
        }
    }
    w.finish()?;
    Ok(())
}
