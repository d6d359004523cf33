//! SPARQL over the store: the union of all graphs is the default graph, `GRAPH ?g`
//! reaches each document's graph for provenance.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};

use crate::store::GraphStore;
use crate::vocab::{BASE, PREFIXES};

/// How to print results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

/// How to print CONSTRUCT and DESCRIBE results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    Turtle,
    NTriples,
    JsonLd,
    RdfXml,
}

impl GraphFormat {
    /// A serializer for this format, with the project's prefixes where the syntax has them.
    pub fn serializer(self) -> Result<RdfSerializer, QueryError> {
        let mut ser = RdfSerializer::from_format(self.rdf_format());
        if matches!(self, Self::Turtle | Self::JsonLd) {
            for (p, iri) in PREFIXES {
                ser = ser
                    .with_prefix(*p, *iri)
                    .map_err(|e| QueryError::Evaluation(e.to_string()))?;
            }
        }
        Ok(ser)
    }

    fn rdf_format(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::NTriples => RdfFormat::NTriples,
            Self::JsonLd => RdfFormat::from_extension("jsonld").unwrap_or(RdfFormat::NTriples),
            Self::RdfXml => RdfFormat::RdfXml,
        }
    }
}

/// What a query returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultKind {
    /// SELECT: a table of solutions.
    Solutions,
    /// ASK.
    Boolean,
    /// CONSTRUCT or DESCRIBE: triples.
    Graph,
}

/// Which graphs a query reads. Empty lists (the default) make the default graph the union
/// of all graphs with every graph reachable by `GRAPH`; otherwise these are the SPARQL 1.1
/// Protocol's `default-graph-uri` and `named-graph-uri`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    pub default_graphs: Vec<oxigraph::model::NamedNode>,
    pub named_graphs: Vec<oxigraph::model::NamedNode>,
}

/// The outcome of a query run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub kind: ResultKind,
    /// Whether the results were cut at [`Limits::max_results`].
    pub cut: bool,
}

/// Query errors.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    #[error("{source_name}: SPARQL syntax error: {message}")]
    Syntax {
        source_name: String,
        message: String,
    },
    #[error("query evaluation failed: {0}")]
    Evaluation(String),
    #[error("query stopped after the --timeout of {0} s")]
    Timeout(f64),
    #[error("writing results: {0}")]
    Io(#[from] std::io::Error),
}

/// Bounds on one query run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Limits {
    /// Stop evaluating after this many seconds.
    pub timeout: Option<std::time::Duration>,
    /// Write at most this many result rows (or triples).
    pub max_results: Option<usize>,
}

/// Runs a query and writes its results as they come (a table is aligned first).
/// `source_name` names the query in messages (the file, or "query"). Returns whether the
/// results were cut at `limits.max_results`.
pub fn run(
    store: &GraphStore,
    sparql: &str,
    source_name: &str,
    format: ResultFormat,
    graph_format: GraphFormat,
    limits: Limits,
    out: &mut dyn Write,
) -> Result<bool, QueryError> {
    run_on(
        store,
        sparql,
        source_name,
        format,
        graph_format,
        limits,
        &Dataset::default(),
        out,
    )
    .map(|o| o.cut)
}

/// [`run`] over a chosen [`Dataset`], telling what kind of result the query gave.
#[allow(clippy::too_many_arguments)]
pub fn run_on(
    store: &GraphStore,
    sparql: &str,
    source_name: &str,
    format: ResultFormat,
    graph_format: GraphFormat,
    limits: Limits,
    dataset: &Dataset,
    out: &mut dyn Write,
) -> Result<Outcome, QueryError> {
    let token = oxigraph::sparql::CancellationToken::new();
    let timed_out = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // A watchdog cancels the evaluation at the deadline; it ends with the query.
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let watchdog = limits.timeout.map(|t| {
        let token = token.clone();
        let timed_out = std::sync::Arc::clone(&timed_out);
        std::thread::spawn(move || {
            if done_rx.recv_timeout(t).is_err() {
                timed_out.store(true, std::sync::atomic::Ordering::SeqCst);
                token.cancel();
            }
        })
    });
    let seconds = limits.timeout.map_or(0.0, |t| t.as_secs_f64());
    let eval_error = |e: String| {
        if timed_out.load(std::sync::atomic::Ordering::SeqCst) {
            QueryError::Timeout(seconds)
        } else {
            QueryError::Evaluation(e)
        }
    };
    let result = run_with(
        store,
        sparql,
        source_name,
        format,
        graph_format,
        limits.max_results.unwrap_or(usize::MAX),
        dataset,
        token,
        &eval_error,
        out,
    );
    drop(done_tx);
    if let Some(w) = watchdog {
        let _ = w.join();
    }
    result
}

#[allow(clippy::too_many_arguments)]
fn run_with(
    store: &GraphStore,
    sparql: &str,
    source_name: &str,
    format: ResultFormat,
    graph_format: GraphFormat,
    max: usize,
    dataset: &Dataset,
    token: oxigraph::sparql::CancellationToken,
    eval_error: &dyn Fn(String) -> QueryError,
    out: &mut dyn Write,
) -> Result<Outcome, QueryError> {
    use oxigraph::model::{GraphName, NamedOrBlankNode};
    let mut cut = false;
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(token)
        .parse_query(sparql)
        .map_err(|e| QueryError::Syntax {
            source_name: source_name.to_owned(),
            message: e.to_string().replace('\n', " "),
        })?;
    if dataset.default_graphs.is_empty() && dataset.named_graphs.is_empty() {
        prepared.dataset_mut().set_default_graph_as_union();
    } else {
        let d = prepared.dataset_mut();
        d.set_default_graph(
            dataset
                .default_graphs
                .iter()
                .cloned()
                .map(GraphName::NamedNode)
                .collect(),
        );
        d.set_available_named_graphs(
            dataset
                .named_graphs
                .iter()
                .cloned()
                .map(NamedOrBlankNode::NamedNode)
                .collect(),
        );
    }
    let results = prepared
        .on_store(store.inner())
        .execute()
        .map_err(|e| eval_error(e.to_string()))?;
    let kind = match &results {
        QueryResults::Solutions(_) => ResultKind::Solutions,
        QueryResults::Boolean(_) => ResultKind::Boolean,
        QueryResults::Graph(_) => ResultKind::Graph,
    };
    match results {
        QueryResults::Solutions(solutions) => {
            let vars: Vec<_> = solutions.variables().to_vec();
            match format {
                ResultFormat::Table => {
                    let mut rows: Vec<Vec<String>> = Vec::new();
                    for s in solutions {
                        if rows.len() >= max {
                            cut = true;
                            break;
                        }
                        let s = s.map_err(|e| eval_error(e.to_string()))?;
                        rows.push(
                            vars.iter()
                                .map(|v| s.get(v).map(short).unwrap_or_default())
                                .collect(),
                        );
                    }
                    let header: Vec<String> = vars.iter().map(|v| v.as_str().to_owned()).collect();
                    write_table(out, &header, &rows)?;
                }
                _ => {
                    let f = match format {
                        ResultFormat::Csv => QueryResultsFormat::Csv,
                        ResultFormat::Tsv => QueryResultsFormat::Tsv,
                        ResultFormat::Xml => QueryResultsFormat::Xml,
                        _ => QueryResultsFormat::Json,
                    };
                    let mut w = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(&mut *out, vars)?;
                    for (n, s) in solutions.enumerate() {
                        if n >= max {
                            cut = true;
                            break;
                        }
                        let s = s.map_err(|e| eval_error(e.to_string()))?;
                        w.serialize(&s)?;
                    }
                    w.finish()?;
                    if matches!(format, ResultFormat::Json | ResultFormat::Xml) {
                        writeln!(out)?;
                    }
                }
            }
        }
        QueryResults::Boolean(b) => match format {
            ResultFormat::Table => writeln!(out, "{b}")?,
            ResultFormat::Csv | ResultFormat::Tsv => writeln!(out, "{b}")?,
            ResultFormat::Json => {
                QueryResultsSerializer::from_format(QueryResultsFormat::Json)
                    .serialize_boolean_to_writer(&mut *out, b)?;
                writeln!(out)?;
            }
            ResultFormat::Xml => {
                QueryResultsSerializer::from_format(QueryResultsFormat::Xml)
                    .serialize_boolean_to_writer(&mut *out, b)?;
                writeln!(out)?;
            }
        },
        QueryResults::Graph(triples) => {
            let mut w = graph_format.serializer()?.for_writer(&mut *out);
            for (n, t) in triples.enumerate() {
                if n >= max {
                    cut = true;
                    break;
                }
                let t = t.map_err(|e| eval_error(e.to_string()))?;
                w.serialize_triple(&t)?;
            }
            w.finish()?;
        }
    }
    Ok(Outcome { kind, cut })
}

/// A compact rendering of a term for tables: literals by value, IRIs relative to the
/// diplograph base or with a known prefix.
#[must_use]
pub fn short(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => {
            let s = n.as_str();
            if let Some(rest) = s.strip_prefix(BASE) {
                return rest.to_owned();
            }
            for (p, ns) in PREFIXES {
                if let Some(rest) = s.strip_prefix(ns) {
                    return format!("{p}:{rest}");
                }
            }
            format!("<{s}>")
        }
        other => other.to_string(),
    }
}

fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if crate::text::is_han(c)
                || ('\u{3000}'..='\u{30ff}').contains(&c)
                || ('\u{ff00}'..='\u{ffef}').contains(&c)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

/// Writes rows as an aligned text table (CJK characters count double width).
pub fn write_table(
    out: &mut dyn Write,
    header: &[String],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width(c).min(60));
            }
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let c = c.replace('\n', " ");
            let pad = widths
                .get(i)
                .copied()
                .unwrap_or(0)
                .saturating_sub(width(&c));
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(&c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(pad));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, header)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &rule)?;
    for r in rows {
        line(out, r)?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}
