//! The `diplograph` command. Parses arguments, calls the library, and is the only
//! place that knows exit codes: 0 on success, 1 on any error (one line on stderr).

mod cli;

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Parser;

use diplograph::annotate::Config;
use diplograph::export::{self, ExportFormat};
use diplograph::ingest::{self, Outcome};
use diplograph::lexicon::Lexicon;
use diplograph::model::{Annotation, EntityKey};
use diplograph::query::{self, GraphFormat, ResultFormat};
use diplograph::read::{self, ReadOptions};
use diplograph::store::GraphStore;
use diplograph::{dot, rdf, serve};

use cli::{AnnotateFormat, Cli, Command, QueryFormat, Render};

// jemalloc for Rust and, unprefixed, for RocksDB: glibc's allocator let the resident memory
// of a long ingest creep (BENCHMARKS.md §3).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let msg = format!("{e:#}").replace('\n', " ");
            let _ = writeln!(io::stderr(), "diplograph: error: {msg}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("{}: cannot create", p.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    let lex = Lexicon::embedded().context("loading the lexicons")?;
    match cli.command {
        Command::Ingest {
            paths,
            store,
            force,
            fail_fast,
            quiet,
            max_bytes,
            jobs,
            commit_every,
            timings,
        } => ingest_cmd(
            lex,
            &paths,
            &store,
            force,
            fail_fast,
            quiet,
            max_bytes,
            jobs,
            commit_every.max(1),
            timings,
        ),
        Command::Annotate {
            file,
            stdin,
            format,
        } => {
            let mut out = output(None)?;
            if stdin {
                return annotate_stream(lex, format, &mut out);
            }
            let Some(file) = file else {
                bail!("annotate: give a FILE or --stdin");
            };
            let doc = read::read_file(&file, &ReadOptions::default())?;
            let a = diplograph::annotate::annotate(&doc, lex, &Config::default());
            match format {
                AnnotateFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &a)?;
                    writeln!(out)?;
                }
                AnnotateFormat::Trig | AnnotateFormat::Nquads => {
                    let quads = document_graph(&doc, &a);
                    let f = if matches!(format, AnnotateFormat::Trig) {
                        ExportFormat::TriG
                    } else {
                        ExportFormat::NQuads
                    };
                    export::write_quads(&quads, f, &mut out)?;
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Load { files, store } => {
            let store = GraphStore::open(&store)?;
            store.ensure_registry(lex)?;
            let mut docs = 0;
            for f in &files {
                let file = std::fs::File::open(f)
                    .with_context(|| format!("{}: cannot open", f.display()))?;
                docs += store
                    .load_nquads(io::BufReader::new(file))
                    .with_context(|| format!("{}", f.display()))?;
            }
            println!(
                "load: {docs} document graph{} loaded; store holds {} quads, {} document graphs",
                if docs == 1 { "" } else { "s" },
                store.len()?,
                store.documents()?.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Query {
            sparql,
            file,
            format,
            ntriples,
            timeout,
            limit,
            store,
        } => {
            if !(timeout.is_finite() && timeout >= 0.0) {
                bail!("--timeout: {timeout} is not a number of seconds");
            }
            let limits = query::Limits {
                timeout: (timeout > 0.0).then(|| std::time::Duration::from_secs_f64(timeout)),
                max_results: (limit > 0).then_some(limit),
            };
            let (text, name) = match (sparql, file) {
                (Some(q), _) => (q, "query".to_owned()),
                (None, Some(f)) => (
                    std::fs::read_to_string(&f)
                        .with_context(|| format!("{}: cannot read query", f.display()))?,
                    f.display().to_string(),
                ),
                (None, None) => bail!("give a query or --file"),
            };
            let store = GraphStore::open_existing(&store)?;
            let format = match format {
                QueryFormat::Table => ResultFormat::Table,
                QueryFormat::Csv => ResultFormat::Csv,
                QueryFormat::Tsv => ResultFormat::Tsv,
                QueryFormat::Json => ResultFormat::Json,
                QueryFormat::Xml => ResultFormat::Xml,
            };
            let gf = if ntriples {
                GraphFormat::NTriples
            } else {
                GraphFormat::Turtle
            };
            let mut out = output(None)?;
            let cut = query::run(&store, &text, &name, format, gf, limits, &mut out)?;
            out.flush()?;
            if cut {
                writeln!(io::stderr(), "diplograph: results cut at --limit {limit}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            format,
            output: path,
            out_dir,
            document,
            store,
        } => {
            let csv = matches!(format, cli::ExportFormat::Csv);
            match (csv, &out_dir, &path) {
                (true, None, _) => bail!(
                    "export --format csv writes one file per table: give the folder with --out DIR"
                ),
                (true, Some(_), Some(_)) => bail!(
                    "export --format csv writes a folder (--out DIR), not a file: drop -o/--output"
                ),
                (false, Some(_), _) => bail!(
                    "--out DIR is for --format csv; other formats write one file: use -o FILE"
                ),
                _ => {}
            }
            let store = GraphStore::open_existing(&store)?;
            let graph = match document {
                Some(d) => Some(resolve_document(&store, &d)?),
                None => None,
            };
            if let (true, Some(dir)) = (csv, &out_dir) {
                let mut out = BufWriter::new(io::stdout().lock());
                for (file, rows) in diplograph::tables::export(&store, graph.as_ref(), dir)? {
                    let s = if rows == 1 { "" } else { "s" };
                    writeln!(out, "{}: {rows} row{s}", dir.join(file).display())?;
                }
                out.flush()?;
                return Ok(ExitCode::SUCCESS);
            }
            let format = match format {
                cli::ExportFormat::Trig => ExportFormat::TriG,
                cli::ExportFormat::Nquads => ExportFormat::NQuads,
                cli::ExportFormat::Turtle => ExportFormat::Turtle,
                cli::ExportFormat::Jsonld => ExportFormat::JsonLd,
                cli::ExportFormat::Csv => bail!("export --format csv needs --out DIR"),
            };
            let mut out = output(path.as_deref())?;
            export::export(&store, format, graph.as_ref(), &mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Remove { documents, store } => {
            let store = GraphStore::open_existing(&store)?;
            let mut out = BufWriter::new(io::stdout().lock());
            for d in &documents {
                let graph = resolve_document(&store, d)?;
                let key = graph
                    .as_str()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                store.remove_document(&key)?;
                writeln!(out, "removed document {key} ({d})")?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Optimize { store } => {
            let size = |p: &Path| -> u64 {
                std::fs::read_dir(p).map_or(0, |d| {
                    d.filter_map(|e| e.ok()?.metadata().ok())
                        .filter(std::fs::Metadata::is_file)
                        .map(|m| m.len())
                        .sum()
                })
            };
            let graphs = GraphStore::open_existing(&store)?;
            let before = size(&store);
            let start = std::time::Instant::now();
            graphs.optimize()?;
            println!(
                "optimize: {} holds {} quads; {:.1} MB on disk before, {:.1} MB after ({:.1} s)",
                store.display(),
                graphs.len()?,
                before as f64 / 1e6,
                size(&store) as f64 / 1e6,
                start.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            docs,
            gold,
            status,
            json,
            lang,
        } => eval_cmd(lex, &docs, &gold, status, json, lang.as_deref()),
        Command::Serve {
            store,
            bind,
            timeout,
            limit,
            max_request_bytes,
            max_connections,
            quiet,
        } => {
            if !(timeout.is_finite() && timeout > 0.0) {
                bail!("--timeout: {timeout} is not a positive number of seconds");
            }
            if limit == 0 || max_request_bytes == 0 || max_connections == 0 {
                bail!("--limit, --max-request-bytes and --max-connections must be positive");
            }
            let graph_store = GraphStore::open_existing(&store)?;
            let options = serve::Options {
                bind,
                query_timeout: std::time::Duration::from_secs_f64(timeout),
                max_results: limit,
                max_request_bytes,
                max_connections,
                log: !quiet,
                ..serve::Options::default()
            };
            if !bind.ip().is_loopback() {
                eprintln!(
                    "diplograph serve: listening on {bind}, beyond this machine: anyone who can reach it can read the store"
                );
            }
            let summary = serve::serve(graph_store, options, |addr| {
                println!("diplograph serve: {} at http://{addr}/ (SPARQL endpoint http://{addr}/sparql); stop with Ctrl-C", store.display());
                let _ = io::stdout().flush();
            })?;
            println!(
                "diplograph serve: stopped after {} requests",
                summary.requests
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Analyze {
            from,
            to,
            out,
            store,
        } => {
            let mut stdout = BufWriter::new(io::stdout().lock());
            diplograph::analyze::run(&store, from.as_deref(), to.as_deref(), &out, &mut stdout)?;
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Dot {
            event,
            output: path,
            render,
            store,
        } => {
            let store = GraphStore::open_existing(&store)?;
            let g = dot::build(&store, event.as_deref())?;
            let mut buf = Vec::new();
            dot::write_dot(&g, &mut buf)?;
            match render {
                None => {
                    let mut out = output(path.as_deref())?;
                    out.write_all(&buf)?;
                    out.flush()?;
                }
                Some(r) => {
                    let fmt = match r {
                        Render::Svg => "svg",
                        Render::Png => "png",
                    };
                    let rendered = dot::render(&buf, fmt)?;
                    let mut out = output(path.as_deref())?;
                    out.write_all(&rendered)?;
                    out.flush()?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A document given as a key, a graph IRI, or a file path that was ingested.
fn resolve_document(store: &GraphStore, d: &str) -> Result<oxigraph::model::NamedNode> {
    let docs = store.documents()?;
    let key = if docs.iter().any(|k| k == d) {
        d.to_owned()
    } else if let Some(k) = d.strip_prefix(rdf::doc_graph("").as_str()) {
        k.to_owned()
    } else if Path::new(d).is_file() {
        read::read_file(Path::new(d), &ReadOptions::default())?.key
    } else {
        bail!("no document {d:?} in the store (give a key, a graph IRI or an ingested file)");
    };
    if !docs.contains(&key) {
        bail!("no document {d:?} in the store");
    }
    Ok(rdf::doc_graph(&key))
}

fn ingest_cmd(
    lex: &Lexicon,
    paths: &[PathBuf],
    store_dir: &Path,
    force: bool,
    fail_fast: bool,
    quiet: bool,
    max_bytes: u64,
    jobs: Option<usize>,
    commit_every: usize,
    timings: bool,
) -> Result<ExitCode> {
    // Paths that cannot be walked are reported and counted like bad files.
    let (found, unwalkable) = read::collect_files(paths);
    let mut files = ingest::sources(&found);
    drop(found);
    files.extend(unwalkable.into_iter().map(|e| ingest::Source::Unreadable {
        path: match &e {
            read::ReadError::Io { path, .. } | read::ReadError::SymlinkLoop { path, .. } => {
                path.clone()
            }
            _ => PathBuf::new(),
        },
        error: e.to_string(),
    }));
    if files.is_empty() {
        bail!(
            "no files found under {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let store = GraphStore::open(store_dir)?;
    store.ensure_registry(lex)?;
    let read_opts = ReadOptions::default().with_max_bytes(max_bytes);
    let config = Config::default();
    let jobs = jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let mut out = BufWriter::new(io::stdout().lock());
    let (mut stored, mut unchanged, mut failed) = (0usize, 0usize, Vec::new());
    let progress = std::cell::RefCell::new(Progress::new(files.len() as u64, quiet));
    let (mut groups, mut total) = (0usize, ingest::GroupReport::default());
    ingest::ingest_files(
        &store,
        &files,
        lex,
        &read_opts,
        &config,
        force,
        jobs,
        commit_every,
        |a| {
            if quiet {
                String::new()
            } else {
                document_lines(lex, a)
            }
        },
        |outcome| {
            let r: io::Result<bool> = progress.borrow().suspend(|| {
                match outcome {
                    Outcome::Stored {
                        path,
                        key,
                        summary: lines,
                        quads,
                        replaced,
                    } => {
                        stored += 1;
                        if !quiet {
                            writeln!(
                                out,
                                "{}  {} ({quads} quads, document {key})",
                                path.display(),
                                if replaced { "replaced" } else { "stored" },
                            )?;
                            out.write_all(lines.as_bytes())?;
                        }
                    }
                    Outcome::Unchanged { path, key } => {
                        unchanged += 1;
                        if !quiet {
                            writeln!(out, "{}  unchanged (document {key})", path.display())?;
                        }
                    }
                    Outcome::Failed { error, .. } => {
                        out.flush()?;
                        writeln!(io::stderr(), "diplograph: skipped: {error}")?;
                        failed.push(error);
                        if fail_fast {
                            return Ok(false);
                        }
                    }
                }
                Ok(true)
            });
            progress.borrow_mut().tick(failed.len());
            r.map_err(|e| diplograph::store::StoreError::Io(e.to_string()))
        },
        |g| {
            if timings {
                groups += 1;
                total += g;
                let line = group_timings(&format!("group {groups}"), g);
                progress.borrow().suspend(|| eprintln!("{line}"));
            }
        },
    )?;
    progress.into_inner().finish();
    if timings && groups > 1 {
        eprintln!("{}", group_timings(&format!("all {groups} groups"), &total));
    }
    let docs = store.documents()?.len();
    writeln!(
        out,
        "summary: {stored} stored, {unchanged} unchanged, {} failed; store {} holds {} quads, {docs} document graph{}",
        failed.len(),
        store_dir.display(),
        store.len()?,
        if docs == 1 { "" } else { "s" }
    )?;
    out.flush()?;
    if failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(
            io::stderr(),
            "diplograph: error: {} file{} could not be ingested",
            failed.len(),
            if failed.len() == 1 { "" } else { "s" }
        )?;
        Ok(ExitCode::from(1))
    }
}

/// One `ingest --timings` line.
fn group_timings(label: &str, g: &ingest::GroupReport) -> String {
    let c = &g.commit;
    format!(
        "timings: {label}: {} new, {} replaced; prepare {:.2} s, bulk commit {:.2} s, identity {:.2} s ({} block{}, {} keys read, {} graphs rewritten), identity commit {:.2} s, replace {:.2} s",
        g.new,
        g.replaced,
        g.prepare.as_secs_f64(),
        c.bulk_commit.as_secs_f64(),
        c.identity_time.as_secs_f64(),
        c.identity.blocks,
        if c.identity.blocks == 1 { "" } else { "s" },
        c.identity.keys_read,
        c.identity.rewritten,
        c.identity_commit.as_secs_f64(),
        g.replace.as_secs_f64(),
    )
}

fn entity_name(lex: &Lexicon, a: &Annotation, k: &EntityKey) -> String {
    let en = a.document.lang == diplograph::read::Lang::En;
    match k {
        EntityKey::Country { code } => lex
            .country_by_code(code)
            .and_then(|i| lex.countries.get(i))
            .map_or_else(
                || code.clone(),
                |c| {
                    if en {
                        c.name_en.clone()
                    } else {
                        c.name_zh.clone()
                    }
                },
            ),
        EntityKey::Organization { id, .. } => {
            lex.organizations.iter().find(|o| &o.id == id).map_or_else(
                || id.clone(),
                |o| {
                    if en {
                        o.name_en.clone()
                    } else {
                        o.name_zh.clone()
                    }
                },
            )
        }
        other => a
            .entities
            .iter()
            .find(|e| &e.key == other)
            .map_or_else(|| other.label(), |e| e.name.clone()),
    }
}

/// The lines `ingest` prints under a stored document: its title, events and participants.
fn document_lines(lex: &Lexicon, a: &Annotation) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_document_lines(&mut out, lex, a);
    out
}

fn write_document_lines(out: &mut String, lex: &Lexicon, a: &Annotation) -> std::fmt::Result {
    use std::fmt::Write as _;
    if let Some(t) = &a.document.title {
        writeln!(out, "  title: {t}")?;
    }
    let main: Vec<_> = a
        .events
        .iter()
        .filter(|e| e.event_type != "message-reading")
        .collect();
    if main.is_empty() {
        writeln!(out, "  no events found")?;
    }
    for e in main {
        let mut line = format!(
            "  {} [{}] {}",
            e.date
                .map_or_else(|| "date unknown".to_owned(), |d| d.to_string()),
            e.event_type,
            e.status.id()
        );
        if let Some(n) = &e.name {
            line.push_str(&format!(" {n}"));
        }
        if let Some(p) = &e.place {
            line.push_str(&format!(" | place: {}", entity_name(lex, a, p)));
        }
        if let Some(m) = e.mode {
            line.push_str(&format!(
                " | mode: {}",
                serde_json::to_value(m)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            ));
        }
        writeln!(out, "{line}")?;
        if let Some(t) = &e.theme {
            writeln!(out, "    theme: {t}")?;
        }
        for p in a.participations.iter().filter(|p| p.event == e.id) {
            let roles: Vec<&str> = p.roles.iter().map(|r| r.id()).collect();
            let titles: Vec<&str> = p.titles.iter().map(|t| t.text.as_str()).collect();
            let rep = p
                .representing
                .as_ref()
                .map(|r| entity_name(lex, a, r))
                .unwrap_or_else(|| "-".into());
            writeln!(
                out,
                "    {:<30} {} | {} | {}",
                roles.join(","),
                entity_name(lex, a, &p.participant),
                if titles.is_empty() {
                    "-".to_owned()
                } else {
                    titles.join("、")
                },
                rep
            )?;
        }
        if let Some(c) = &e.attending_countries {
            writeln!(out, "    attending countries: {} (\"{}\")", c.value, c.text)?;
        }
    }
    Ok(())
}

fn eval_cmd(
    lex: &Lexicon,
    docs: &Path,
    gold_dir: &Path,
    status: cli::StatusArg,
    json: bool,
    lang: Option<&str>,
) -> Result<ExitCode> {
    use diplograph::eval;
    let filter = match status {
        cli::StatusArg::Main => eval::StatusFilter::Main,
        cli::StatusArg::All => eval::StatusFilter::All,
    };
    let files = read::collect_paths(&[docs.to_path_buf()])?;
    let mut results = Vec::new();
    for f in files {
        let Some(stem) = f.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        let gold_path = gold_dir.join(format!("{stem}.json"));
        if !gold_path.exists() {
            continue;
        }
        let doc = read::read_file(&f, &ReadOptions::default())?;
        if lang.is_some_and(|l| l != doc.lang.tag()) {
            continue;
        }
        let gold = eval::read_gold(&gold_path)?;
        let a = diplograph::annotate::annotate(&doc, lex, &Config::default());
        let name = f
            .file_name()
            .map_or_else(|| stem.clone(), |n| n.to_string_lossy().into_owned());
        results.push(eval::score_document(&name, &a, &gold, lex, filter));
    }
    if results.is_empty() {
        bail!(
            "{}: no document has a gold file in {}",
            docs.display(),
            gold_dir.display()
        );
    }
    let report = eval::report(results);
    let mut out = BufWriter::new(io::stdout().lock());
    if json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        let header: Vec<String> = ["category", "tp", "fp", "fn", "precision", "recall", "f1"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let rows: Vec<Vec<String>> = eval::CATEGORIES
            .iter()
            .filter_map(|c| report.categories.get(*c).map(|s| (c, s)))
            .map(|(c, s)| {
                vec![
                    (*c).to_owned(),
                    s.tp.to_string(),
                    s.fp.to_string(),
                    s.fn_.to_string(),
                    format!("{:.3}", s.precision),
                    format!("{:.3}", s.recall),
                    format!("{:.3}", s.f1),
                ]
            })
            .collect();
        writeln!(out, "{} documents", report.documents.len())?;
        query::write_table(&mut out, &header, &rows)?;
        for d in &report.documents {
            if d.missed.is_empty() && d.spurious.is_empty() {
                continue;
            }
            writeln!(out, "\n{}", d.doc)?;
            for c in eval::CATEGORIES {
                for m in d.missed.get(c).into_iter().flatten() {
                    writeln!(out, "  missed   {c:<13} {m}")?;
                }
                for m in d.spurious.get(c).into_iter().flatten() {
                    writeln!(out, "  spurious {c:<13} {m}")?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Ingest progress on standard error: a bar with documents/s, ETA and errors on a
/// terminal; a plain line every ten seconds otherwise; nothing with `--quiet`.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    plain: bool,
    total: u64,
    done: u64,
    start: std::time::Instant,
    last: std::time::Instant,
}

impl Progress {
    fn new(total: u64, quiet: bool) -> Self {
        use std::io::IsTerminal;
        let terminal = io::stderr().is_terminal();
        let bar = (!quiet && terminal).then(|| {
            let b = indicatif::ProgressBar::new(total);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:30} {pos}/{len} documents  {per_sec}  ETA {eta}  {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b
        });
        let now = std::time::Instant::now();
        Self {
            bar,
            plain: !quiet && !terminal,
            total,
            done: 0,
            start: now,
            last: now,
        }
    }

    fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(b) => b.suspend(f),
            None => f(),
        }
    }

    fn tick(&mut self, errors: usize) {
        self.done += 1;
        if let Some(b) = &self.bar {
            b.set_message(format!("{errors} errors"));
            b.inc(1);
        } else if self.plain && self.last.elapsed() >= std::time::Duration::from_secs(10) {
            self.last = std::time::Instant::now();
            let rate = self.done as f64 / self.start.elapsed().as_secs_f64().max(1e-9);
            let left = (self.total - self.done) as f64 / rate.max(1e-9);
            eprintln!(
                "ingest: {}/{} documents, {rate:.1}/s, {errors} errors, ETA {left:.0} s",
                self.done, self.total
            );
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// A document's graph and run record, sorted.
fn document_graph(doc: &diplograph::read::Document, a: &Annotation) -> Vec<oxigraph::model::Quad> {
    let (graph, prov) = rdf::document_quads(a);
    let mut quads = rdf::with_anchors(graph, &doc.body, &doc.key);
    quads.extend(prov);
    export::sort_quads(&mut quads);
    quads
}

/// `annotate --stdin`: JSON Lines in, one graph (or JSON annotation) per document out.
/// A bad line is reported with its number and skipped; the exit code says if any was.
fn annotate_stream(lex: &Lexicon, format: AnnotateFormat, out: &mut dyn Write) -> Result<ExitCode> {
    let source = Path::new("<stdin>");
    let mut bad = 0usize;
    for (i, line) in io::BufRead::lines(io::stdin().lock()).enumerate() {
        let line = line.with_context(|| format!("<stdin>: line {}: cannot read", i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc = match read::document_from_json(&line, source, i + 1) {
            Ok(d) => d,
            Err(e) => {
                writeln!(io::stderr(), "diplograph: skipped: {e}")?;
                bad += 1;
                continue;
            }
        };
        let a = diplograph::annotate::annotate(&doc, lex, &Config::default());
        match format {
            AnnotateFormat::Json => {
                serde_json::to_writer(&mut *out, &a)?;
                writeln!(out)?;
            }
            AnnotateFormat::Nquads => {
                export::write_quads(&document_graph(&doc, &a), ExportFormat::NQuads, out)?;
            }
            AnnotateFormat::Trig => bail!("annotate --stdin writes json or nquads, not trig"),
        }
    }
    out.flush()?;
    if bad == 0 {
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(
            io::stderr(),
            "diplograph: error: {bad} line{} could not be annotated",
            if bad == 1 { "" } else { "s" }
        )?;
        Ok(ExitCode::from(1))
    }
}
