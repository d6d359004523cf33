//! diplograph: a knowledge-graph builder for diplomatic news.
//!
//! The pipeline, one module per stage: [`read`] a document into text and metadata,
//! [`annotate`] it into a typed [`model::Annotation`], map it to RDF with [`rdf`], keep
//! it in the persistent [`store`], and use it through [`query`], [`export`] and [`dot`].
//! [`ingest`] ties the stages together for the command line.

pub mod annotate;
pub mod date;
pub mod dot;
pub mod eval;
pub mod export;
pub mod html;
pub mod identity;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod query;
pub mod rdf;
pub mod read;
pub mod store;
pub mod text;
pub mod vocab;
