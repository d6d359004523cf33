//! Query latency on a store: the three questions analysts ask most, each run repeatedly
//! on the open store (no process start-up), reported as p50 and p95 in milliseconds.
//!
//! ```sh
//! cargo run --release --example query_latency -- STORE_DIR [RUNS]
//! ```
//!
//! 1. attendees of one event (with role, title and party);
//! 2. everything one person did: the roles they took part in events in and the events they
//!    made statements at, with dates, for a person of median activity and for the most
//!    active person (and, for comparison, the same question asked through the
//!    participation and statement nodes instead of the shortcuts);
//! 3. countries ranked by the number of meetings attended (`ontology/queries/countries-ranked.rq`).

use std::time::Instant;

use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

// The same allocator as the `diplograph` command (`query`, `serve`), so that the figures
// are those of the tool.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

const PREFIXES: &str =
    "PREFIX dg: <https://w3id.org/diplograph/ontology#>\nPREFIX schema: <https://schema.org/>\n";

fn rows(store: &Store, q: &str) -> anyhow::Result<Vec<Vec<Option<Term>>>> {
    let mut prepared = SparqlEvaluator::new().parse_query(&format!("{PREFIXES}{q}"))?;
    // As `diplograph query`: the default graph is the union of all graphs.
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(s) = prepared.on_store(store).execute()? else {
        anyhow::bail!("not a SELECT");
    };
    let vars: Vec<_> = s.variables().to_vec();
    let mut out = Vec::new();
    for sol in s {
        let sol = sol?;
        out.push(vars.iter().map(|v| sol.get(v).cloned()).collect());
    }
    Ok(out)
}

fn time(store: &Store, q: &str, runs: usize) -> anyhow::Result<(f64, f64, usize)> {
    let mut ms = Vec::new();
    let mut n = 0;
    for _ in 0..runs {
        let t = Instant::now();
        n = rows(store, q)?.len();
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    let p = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    Ok((p(0.5), p(0.95), n))
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: query_latency STORE_DIR [RUNS]"))?;
    let runs: usize = args.next().map_or(Ok(30), |r| r.parse())?;
    let store = Store::open(&dir)?;
    let first = rows(
        &store,
        "SELECT ?e WHERE { ?e a dg:DiplomaticEvent ; dg:chair ?c } LIMIT 1",
    )?;
    let Some(Some(Term::NamedNode(event))) = first.first().map(|r| r[0].clone()) else {
        anyhow::bail!("{dir}: no chaired event in the store");
    };
    // People by the number of events they took part in: the most active one and one of
    // median activity (not timed).
    let people = rows(
        &store,
        "SELECT ?x (COUNT(*) AS ?n) WHERE { ?p dg:participant ?x . ?x a schema:Person } GROUP BY ?x ORDER BY DESC(?n) ?x",
    )?;
    let person_at = |i: usize| -> anyhow::Result<NamedNode> {
        match people.get(i).and_then(|r| r[0].clone()) {
            Some(Term::NamedNode(n)) => Ok(n),
            _ => anyhow::bail!("{dir}: no person in the store"),
        }
    };
    let busiest = person_at(0)?;
    let median = person_at(people.len() / 2)?;
    // Everything one person did: the role shortcuts from events to the person (each
    // paired with its role concept) and the statement shortcut, with each event's date,
    // in date order.
    let person_query = |p: &NamedNode| {
        format!(
            "PREFIX role: <https://w3id.org/diplograph/concept/role/> SELECT ?e ?date ?what WHERE {{ VALUES (?shortcut ?what) {{ (dg:asChair role:chair) (dg:asCoChair role:co-chair) (dg:asHost role:host) (dg:asAttendee role:attendee) (dg:asSpeaker role:speaker) (dg:asMessageReader role:message-reader) (dg:statementBy \"statement\") }} ?e ?shortcut <{0}> OPTIONAL {{ ?e schema:startDate ?date }} }} ORDER BY ?date",
            p.as_str()
        )
    };
    // The same question through the participation and statement nodes, as it is asked
    // without the shortcuts: two more index reads per participation, one per statement.
    let person_nodes_query = |p: &NamedNode| {
        format!(
            "SELECT ?e ?date ?what WHERE {{ {{ ?x dg:participant <{0}> ; dg:event ?e ; dg:participationRole ?what }} UNION {{ ?x schema:author <{0}> ; dg:statedAt ?e . BIND(\"statement\" AS ?what) }} OPTIONAL {{ ?e schema:startDate ?date }} }} ORDER BY ?date",
            p.as_str()
        )
    };
    let queries = [
        ("attendees of one event", format!(
            "SELECT ?who ?role ?title ?party WHERE {{ ?p dg:event <{}> ; dg:participant ?who ; dg:participationRole ?role . OPTIONAL {{ ?p schema:roleName ?title }} OPTIONAL {{ ?p dg:representing ?party }} }}",
            event.as_str()
        ), runs),
        ("everything one person did (median person)", person_query(&median), runs),
        ("everything one person did (most active person)", person_query(&busiest), runs),
        ("the same, through the participation nodes (most active person)", person_nodes_query(&busiest), runs),
        ("countries ranked by meetings attended",
            include_str!("../ontology/queries/countries-ranked.rq").to_owned(), runs.clamp(1, 5)),
    ];
    println!("query | p50 ms | p95 ms | rows | runs");
    println!("---|---|---|---|---");
    for (name, q, n) in &queries {
        // One warm-up run, then the measured ones.
        rows(&store, q)?;
        let (p50, p95, count) = time(&store, q, *n)?;
        println!("{name} | {p50:.2} | {p95:.2} | {count} | {n}");
    }
    Ok(())
}
