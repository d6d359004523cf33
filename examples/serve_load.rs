//! A bounded load test of `diplograph serve` on loopback.
//!
//! ```sh
//! cargo run --release --example serve_load -- STORE_DIR [CLIENTS] [SECONDS]
//! ```
//!
//! 1. Baseline: the same SPARQL queries run in this process on the open store, one at a
//!    time (no HTTP), for their median latency.
//! 2. Starts `target/release/diplograph serve --store STORE_DIR --bind 127.0.0.1:0`, then
//!    CLIENTS threads send requests for SECONDS seconds, each a new connection, cycling
//!    through: the attendees of an event, everything a person did, countries ranked
//!    (`ontology/queries/countries-ranked.rq`), a document graph by the Graph Store
//!    Protocol, and the page. Events, people and documents rotate over 50 of each.
//! 3. Stops the server with SIGTERM and checks it exits 0.
//!
//! Prints requests per second, latency p50/p95/p99/max per kind and overall, the ratio of
//! the served p50 to the in-process p50, and the number of errors (any status but 200, or
//! a failed connection). Exits 1 if there was any error.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diplograph::query::{self, Dataset, GraphFormat, Limits, ResultFormat};
use diplograph::store::GraphStore;
use oxhttp::model::{Method, Request, StatusCode};
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};

const PREFIXES: &str =
    "PREFIX dg: <https://w3id.org/diplograph/ontology#>\nPREFIX schema: <https://schema.org/>\n";

fn iris(store: &GraphStore, q: &str) -> anyhow::Result<Vec<String>> {
    let mut prepared = SparqlEvaluator::new().parse_query(&format!("{PREFIXES}{q}"))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(s) = prepared.on_store(store.inner()).execute()? else {
        anyhow::bail!("not a SELECT");
    };
    let mut out = Vec::new();
    for sol in s {
        if let Some(Term::NamedNode(n)) = sol?.values().first().and_then(Clone::clone) {
            out.push(n.into_string());
        }
    }
    Ok(out)
}

fn attendees(event: &str) -> String {
    format!("{PREFIXES}SELECT ?who ?role ?title ?party WHERE {{ ?p dg:event <{event}> ; dg:participant ?who ; dg:participationRole ?role . OPTIONAL {{ ?p schema:roleName ?title }} OPTIONAL {{ ?p dg:representing ?party }} }}")
}

fn person(p: &str) -> String {
    format!("{PREFIXES}SELECT ?e ?date ?what WHERE {{ {{ ?x dg:participant <{p}> ; dg:event ?e ; dg:participationRole ?what }} UNION {{ ?x schema:author <{p}> ; dg:statedAt ?e . BIND(\"statement\" AS ?what) }} OPTIONAL {{ ?e schema:startDate ?date }} }} ORDER BY ?date")
}

const RANKED: &str = include_str!("../ontology/queries/countries-ranked.rq");
const KINDS: [&str; 5] = [
    "attendees of an event",
    "everything a person did",
    "countries ranked",
    "a document graph (Graph Store)",
    "the page",
];

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: serve_load STORE_DIR [CLIENTS] [SECONDS]"))?;
    let clients: usize = args.next().map_or(Ok(16), |s| s.parse())?;
    let seconds: f64 = args.next().map_or(Ok(20.0), |s| s.parse())?;

    // The work items and the in-process baseline.
    let store = GraphStore::open_existing(std::path::Path::new(&dir))?;
    let events = iris(
        &store,
        "SELECT DISTINCT ?e WHERE { ?p dg:event ?e } ORDER BY ?e LIMIT 50",
    )?;
    let people = iris(&store, "SELECT DISTINCT ?x WHERE { ?p dg:participant ?x . ?x a schema:Person } ORDER BY ?x LIMIT 50")?;
    let graphs = iris(
        &store,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?e a dg:DiplomaticEvent } } ORDER BY ?g LIMIT 50",
    )?;
    anyhow::ensure!(
        !events.is_empty() && !people.is_empty() && !graphs.is_empty(),
        "{dir}: the store has no events, people or documents"
    );
    let mut baseline = [f64::NAN; 3];
    for (k, base) in baseline.iter_mut().enumerate() {
        let mut ms = Vec::new();
        for i in 0..30 {
            let q = match k {
                0 => attendees(&events[i % events.len()]),
                1 => person(&people[i % people.len()]),
                _ => RANKED.to_owned(),
            };
            let t = Instant::now();
            let mut out = Vec::new();
            query::run_on(
                &store,
                &q,
                "query",
                ResultFormat::Json,
                GraphFormat::Turtle,
                Limits::default(),
                &Dataset::default(),
                &mut out,
            )?;
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        ms.sort_by(f64::total_cmp);
        *base = percentile(&ms, 0.5);
    }
    drop(store);

    // The server.
    let bin = std::env::current_exe()?
        .parent()
        .and_then(|p| p.parent())
        .map(|p| p.join("diplograph"))
        .ok_or_else(|| anyhow::anyhow!("cannot locate the diplograph binary"))?;
    let mut server = Command::new(&bin)
        .args(["serve", "--quiet", "--store", &dir, "--bind", "127.0.0.1:0"])
        .args(["--max-connections", &(clients * 2).to_string()])
        .stdout(Stdio::piped())
        .spawn()?;
    let mut line = String::new();
    BufReader::new(server.stdout.as_mut().expect("piped")).read_line(&mut line)?;
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://") && !w.contains("/sparql"))
        .ok_or_else(|| anyhow::anyhow!("serve did not announce its address: {line:?}"))?
        .to_owned();

    let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let requests: Vec<(usize, String)> = (0..50)
        .flat_map(|i| {
            [
                (
                    0,
                    format!(
                        "{base}sparql?query={}",
                        enc(&attendees(&events[i % events.len()]))
                    ),
                ),
                (
                    1,
                    format!(
                        "{base}sparql?query={}",
                        enc(&person(&people[i % people.len()]))
                    ),
                ),
                (2, format!("{base}sparql?query={}", enc(RANKED))),
                (
                    3,
                    format!("{base}store?graph={}", enc(&graphs[i % graphs.len()])),
                ),
                (4, base.clone()),
            ]
        })
        .collect();
    let requests = Arc::new(requests);
    let stop = Arc::new(AtomicBool::new(false));
    let samples: Arc<Mutex<Vec<Vec<f64>>>> = Arc::new(Mutex::new(vec![Vec::new(); KINDS.len()]));
    let errors = Arc::new(Mutex::new(Vec::<String>::new()));
    let start = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|c| {
            let (requests, stop, samples, errors) = (
                Arc::clone(&requests),
                Arc::clone(&stop),
                Arc::clone(&samples),
                Arc::clone(&errors),
            );
            std::thread::spawn(move || {
                let client = oxhttp::Client::new().with_global_timeout(Duration::from_secs(60));
                let mut local: Vec<Vec<f64>> = vec![Vec::new(); KINDS.len()];
                let mut i = c * 7;
                while !stop.load(Ordering::Relaxed) {
                    let (kind, url) = &requests[i % requests.len()];
                    i += 1;
                    let t = Instant::now();
                    let req = Request::builder()
                        .method(Method::GET)
                        .uri(url.as_str())
                        .header(
                            "Accept",
                            if *kind == 3 {
                                "application/n-triples"
                            } else {
                                "application/sparql-results+json"
                            },
                        )
                        .body(());
                    let outcome = req
                        .map_err(|e| e.to_string())
                        .and_then(|r| client.request(r).map_err(|e| e.to_string()))
                        .and_then(|r| {
                            let status = r.status();
                            let body = r.into_body().to_vec().map_err(|e| e.to_string())?;
                            if status == StatusCode::OK && !body.is_empty() {
                                Ok(())
                            } else {
                                Err(format!(
                                    "{status}: {}",
                                    String::from_utf8_lossy(&body).trim()
                                ))
                            }
                        });
                    match outcome {
                        Ok(()) => local[*kind].push(t.elapsed().as_secs_f64() * 1000.0),
                        Err(e) => errors
                            .lock()
                            .expect("lock")
                            .push(format!("{}: {e}", KINDS[*kind])),
                    }
                }
                let mut all = samples.lock().expect("lock");
                for (k, v) in local.into_iter().enumerate() {
                    all[k].extend(v);
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs_f64(seconds));
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join()
            .map_err(|_| anyhow::anyhow!("a client thread panicked"))?;
    }
    let elapsed = start.elapsed().as_secs_f64();
    Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()?;
    let exit = server.wait()?;

    let mut samples = Arc::try_unwrap(samples)
        .map_err(|_| anyhow::anyhow!("samples shared"))?
        .into_inner()?;
    let errors = errors.lock().expect("lock").clone();
    let total: usize = samples.iter().map(Vec::len).sum();
    println!(
        "{clients} clients for {elapsed:.1} s: {total} requests, {:.0} requests/s, {} errors; server exit after SIGTERM: {}",
        total as f64 / elapsed,
        errors.len(),
        exit.code().map_or("signal".into(), |c| c.to_string())
    );
    println!();
    println!("request | requests | p50 ms | p95 ms | p99 ms | max ms | in-process p50 ms | served p50 / in-process p50");
    println!("---|---|---|---|---|---|---|---");
    let mut all = Vec::new();
    for (k, v) in samples.iter_mut().enumerate() {
        v.sort_by(f64::total_cmp);
        all.extend_from_slice(v);
        let (b, ratio) = match baseline.get(k) {
            Some(b) => (format!("{b:.2}"), format!("{:.1}", percentile(v, 0.5) / b)),
            None => ("–".into(), "–".into()),
        };
        println!(
            "{} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {b} | {ratio}",
            KINDS[k],
            v.len(),
            percentile(v, 0.5),
            percentile(v, 0.95),
            percentile(v, 0.99),
            v.last().copied().unwrap_or(f64::NAN)
        );
    }
    all.sort_by(f64::total_cmp);
    println!(
        "all | {} | {:.2} | {:.2} | {:.2} | {:.2} | – | –",
        all.len(),
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        percentile(&all, 0.99),
        all.last().copied().unwrap_or(f64::NAN)
    );
    for e in errors.iter().take(5) {
        eprintln!("error: {e}");
    }
    if !errors.is_empty() || !exit.success() {
        std::process::exit(1);
    }
    Ok(())
}
