//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "diplograph", version, about = "Knowledge graphs from diplomatic news: read, annotate, store as RDF, query, draw.", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Annotate documents and store each as its own named graph (re-ingesting replaces it).
    ///
    /// PATH may be files or folders (walked recursively, sorted; hidden files skipped).
    /// The ontology and the registry (countries, organizations, positions, people,
    /// initiatives) are loaded into their own graphs. Unreadable files are reported and
    /// skipped; the exit code is non-zero if any failed.
    Ingest {
        /// Files or folders to ingest.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Store directory (created if missing).
        #[arg(long, default_value = "./diplograph-store")]
        store: PathBuf,
        /// Re-annotate documents even if their content is unchanged.
        #[arg(long)]
        force: bool,
        /// Stop at the first file that cannot be read.
        #[arg(long)]
        fail_fast: bool,
        /// Print only the summary line.
        #[arg(long, short)]
        quiet: bool,
        /// Refuse files larger than this many bytes.
        #[arg(long, default_value_t = 32 * 1024 * 1024)]
        max_bytes: u64,
        /// Threads reading and annotating (default: all cores). The store is the same
        /// whatever the number.
        #[arg(long, short)]
        jobs: Option<usize>,
        /// Documents per atomic commit: after a crash each group is stored whole or not at
        /// all, and the same command stores the rest. Smaller groups lose less to a crash
        /// and report progress more often; larger ones ingest faster.
        #[arg(long, default_value_t = diplograph::ingest::GROUP_DOCS, value_parser = clap::value_parser!(usize))]
        commit_every: usize,
        /// After each commit group, print on stderr where its time went: preparing
        /// (reading, annotating, sorting), the bulk commit, the identity step (with the
        /// blocks it recomputed and the keys it read back) and its commit; totals at the end.
        #[arg(long)]
        timings: bool,
    },
    /// Remove documents: their graphs and provenance records (by key, graph IRI or the path
    /// of the ingested file).
    Remove {
        #[arg(required = true)]
        documents: Vec<String>,
        #[arg(long, default_value = "./diplograph-store")]
        store: PathBuf,
    },
    /// Merge the store's files into as few as possible (RocksDB compaction of every index).
    /// Queries that look up many rows get faster and the store gets smaller; run it after
    /// a large ingest. The content is unchanged.
    Optimize {
        #[arg(long, default_value = "./diplograph-store")]
        store: PathBuf,
    },
    /// Print the annotation of one document without storing it.
    ///
    /// JSON: mentions with character spans, entities, events, participations, messages,
    /// statements, proposals, initiative facts and quantities (docs/annotation-json.md).
    /// TriG: the named graph that ingest would write.
    ///
    /// With --stdin, reads JSON Lines documents ({"id","url","lang","date","title","text"})
    /// and writes one named graph per document, statelessly: a map step for a batch engine
    /// (--format nquads; load the output with `diplograph load`).
    Annotate {
        /// The document.
        #[arg(required_unless_present = "stdin", conflicts_with = "stdin")]
        file: Option<PathBuf>,
        /// Read JSON Lines documents from standard input.
        #[arg(long)]
        stdin: bool,
        #[arg(long, value_enum, default_value_t = AnnotateFormat::Json)]
        format: AnnotateFormat,
    },
    /// Load N-Quads written by `annotate --stdin --format nquads` (or by `export`) into the
    /// store: one transaction per document graph, identity recomputed as for ingest.
    Load {
        /// N-Quads files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, default_value = "./diplograph-store")]
        store: PathBuf,
    },
    /// Run a SPARQL query over the union of all graphs (GRAPH ?g reaches each document).
    ///
    /// SELECT and ASK print a table by default; CONSTRUCT and DESCRIBE print Turtle
    /// (or N-Triples with --ntriples).
    Query {
        /// The query text (or use --file).
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        sparql: Option<String>,
        /// Read the query from a file (e.g. ontology/queries/attendance.rq).
        #[arg(long)]
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
        format: QueryFormat,
        /// CONSTRUCT/DESCRIBE results as N-Triples instead of Turtle.
        #[arg(long)]
        ntriples: bool,
        /// Stop the query after this many seconds (0: no limit).
        #[arg(long, default_value_t = 0.0)]
        timeout: f64,
        /// Write at most this many rows (or triples); a note on stderr says when results
        /// were cut (0: no limit).
        #[arg(long, default_value_t = 0)]
        limit: usize,
        #[arg(long, default_value = "./diplograph-store")]
        store: PathBuf,
    },
    /// Export the store, or one document's graph, sorted and byte-stable.
    ///
    /// --format csv writes tidy tables instead (events, participations, people,
    /// organizations, countries, initiatives, quantities, evidence…), one CSV file per
    /// table in the folder given with --out (docs/tables.md).
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Trig)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// With --format csv: the folder to write the tables into (created if missing;
        /// the tables' files are replaced).
        #[arg(long = "out", value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// Only this document: its key, graph IRI, or the path of the file it was read from.
        #[arg(long)]
        document: Option<String>,
        #[arg(long, default_value = "./diplograph-store")]
        store: PathBuf,
    },
    /// Score the annotator against hand-made gold annotations (docs/eval.md).
    ///
    /// Annotates every document in --docs that has a gold file of the same stem (.json) in
    /// --gold, and prints per category true positives, false positives, false negatives,
    /// precision, recall and F1 (micro-averaged), then every miss and spurious item per
    /// document.
    Eval {
        /// Folder of documents.
        #[arg(long)]
        docs: PathBuf,
        /// Folder of gold files (`NAME.json` for document `NAME.txt`).
        #[arg(long)]
        gold: PathBuf,
        /// `main`: only gold events of status main count; `all`: every event.
        #[arg(long, value_enum, default_value_t = StatusArg::Main)]
        status: StatusArg,
        /// Print one JSON object instead of tables.
        #[arg(long)]
        json: bool,
        /// Only documents whose language is this (zh or en).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Co-attendance networks of people and of countries: centrality, components, and
    /// who met whom most often (docs/analyze.md).
    ///
    /// People are linked when they took part in the same event, countries and bodies when
    /// both were parties of it; a link's weight is the number of events shared. Writes
    /// {people,countries}-{nodes,edges}.csv, .graphml and .dot into --out and prints a
    /// summary.
    Analyze {
        /// Only events on or after this date (YYYY-MM-DD). With --from or --to, events
        /// without a date are left out.
        #[arg(long)]
        from: Option<String>,
        /// Only events on or before this date (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Folder to write the files into (created if missing; files are replaced).
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = "./diplograph-store")]
        store: PathBuf,
    },
    /// Draw who attended which meeting as a Graphviz diagram (DOT, or SVG/PNG with --render).
    Dot {
        /// Only this event (its IRI, or the end of it).
        #[arg(long)]
        event: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Render with Graphviz's `dot` (must be installed) instead of writing DOT.
        #[arg(long, value_enum)]
        render: Option<Render>,
        #[arg(long, default_value = "./diplograph-store")]
        store: PathBuf,
    },
    /// Serve the store over HTTP, read-only: a SPARQL 1.1 Protocol endpoint at /sparql,
    /// document graphs by the Graph Store Protocol at /store?graph=IRI, and a page at /
    /// with a query editor, the shipped queries, a results table and event diagrams.
    ///
    /// The server holds the store (no other process can open it meanwhile). It stops on
    /// SIGINT or SIGTERM after running requests finish.
    Serve {
        #[arg(long, default_value = "./diplograph-store")]
        store: PathBuf,
        /// Address and port to listen on (port 0: any free port). The default listens on
        /// loopback only; anything else makes the store readable from the network.
        #[arg(long, default_value = "127.0.0.1:7878")]
        bind: std::net::SocketAddr,
        /// Stop each query after this many seconds.
        #[arg(long, default_value_t = 30.0)]
        timeout: f64,
        /// Return at most this many rows (or triples) per query; the response then carries
        /// the header X-Diplograph-Truncated.
        #[arg(long, default_value_t = 100_000)]
        limit: usize,
        /// Largest request body or query string, in bytes.
        #[arg(long, default_value_t = 1 << 20)]
        max_request_bytes: usize,
        /// Connections served at once (one thread each).
        #[arg(long, default_value_t = 64)]
        max_connections: usize,
        /// No line per request on stderr.
        #[arg(long, short)]
        quiet: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AnnotateFormat {
    Json,
    Trig,
    Nquads,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum QueryFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Trig,
    Nquads,
    Turtle,
    Jsonld,
    /// Tidy tables, one CSV file per table (needs --out DIR).
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Render {
    Svg,
    Png,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Main,
    All,
}
