//! diplograph: a knowledge-graph builder for diplomatic news.
//!
//! The pipeline, one module per stage: [`read`] a document into text and metadata,
//! [`annotate`] it into a typed [`model::Annotation`], map it to RDF with [`rdf`], keep
//! it in the persistent [`store`], and use it through [`query`], [`export`] and [`dot`].
//! [`ingest`] ties the stages together for the command line.
//!
//! Without the default `store` feature the crate is the reader and the annotator alone
//! (no RDF, no RocksDB): what the fuzz targets build.

#[cfg(feature = "store")]
pub mod analyze;
pub mod annotate;
pub mod date;
#[cfg(feature = "store")]
pub mod dot;
pub mod eval;
#[cfg(feature = "store")]
pub mod export;
pub mod html;
#[cfg(feature = "store")]
pub mod identity;
#[cfg(feature = "store")]
pub mod ingest;
pub mod lexicon;
pub mod model;
#[cfg(feature = "store")]
pub mod query;
#[cfg(feature = "store")]
pub mod rdf;
pub mod read;
#[cfg(feature = "store")]
pub mod serve;
#[cfg(feature = "store")]
pub mod store;
#[cfg(feature = "store")]
pub mod tables;
pub mod text;
#[cfg(feature = "store")]
pub mod vocab;
