//! Co-attendance networks, read from the store: who met whom, and which countries and
//! bodies sat at the same events, over an optional date range.
//!
//! Two undirected petgraph graphs are built. In the *people* network two people are
//! linked when both took part in one event (`dg:Participation` with `dg:event` and
//! `dg:participant`); in the *countries* network two countries or bodies are linked when
//! both were parties of one event (`dg:party`). The weight of a link is the number of
//! events shared. For every node: the events, the degree, the weighted degree, the
//! betweenness centrality (Brandes, unweighted shortest paths, normalized as networkx
//! does for undirected graphs, computed by `rustworkx-core`) and the connected component.
//! The networks are written as CSV tables, GraphML and DOT ([`write_files`]); the
//! format of each file is in `docs/analyze.md`. Everything is sorted and floats are
//! printed with a fixed number of decimals, so the same store gives the same bytes.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use petgraph::graph::{EdgeReference, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use crate::date::Date;
use crate::dot::{escape as dot_escape, CJK_FONT};
use crate::store::{GraphStore, StoreError};

/// Decimals written for the betweenness centrality.
pub const DECIMALS: usize = 12;

/// How many pairs the summary lists per network.
pub const TOP_PAIRS: usize = 5;

/// Errors of `diplograph analyze`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AnalyzeError {
    #[error("{flag}: invalid date {value:?} (expected YYYY-MM-DD)")]
    Date { flag: &'static str, value: String },
    #[error("--from {from} is after --to {to}")]
    Range { from: Date, to: Date },
    #[error("query failed: {0}")]
    Query(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// An inclusive date range; an open end is unbounded. With either end set, events
/// without a date are left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DateRange {
    /// Parses `--from` and `--to` (strict `YYYY-MM-DD`, a real calendar date).
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<Self, AnalyzeError> {
        let from = from.map(|v| parse_iso_date("--from", v)).transpose()?;
        let to = to.map(|v| parse_iso_date("--to", v)).transpose()?;
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                return Err(AnalyzeError::Range { from, to });
            }
        }
        Ok(Self { from, to })
    }

    /// Whether the range is bounded at all.
    #[must_use]
    pub fn is_bounded(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// Whether an event with this date (the earliest its reports give) is kept.
    #[must_use]
    pub fn keeps(&self, date: Option<Date>) -> bool {
        match date {
            None => !self.is_bounded(),
            Some(d) => self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t),
        }
    }
}

/// `YYYY-MM-DD` exactly, and a date that exists.
fn parse_iso_date(flag: &'static str, value: &str) -> Result<Date, AnalyzeError> {
    let bad = || AnalyzeError::Date {
        flag,
        value: value.to_owned(),
    };
    let b = value.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| value[r].parse::<u32>().map_err(|_| bad());
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    Date::new(y as i32, m, d).ok_or_else(bad)
}

/// A node of a network, with its metrics.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeInfo {
    pub iri: String,
    pub label: String,
    /// Events in the range this node took part in.
    pub events: usize,
    /// Number of neighbours.
    pub degree: usize,
    /// Sum of the weights of its links: co-attendances counted per event.
    pub weighted_degree: usize,
    /// Normalized betweenness centrality (networkx's `betweenness_centrality`).
    pub betweenness: f64,
    /// 1 for the largest component; ties by the smallest IRI in the component.
    pub component: usize,
}

/// A link: the events both ends took part in (sorted IRIs); the weight is their number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeInfo {
    pub events: Vec<String>,
}

impl std::fmt::Display for NodeInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

impl std::fmt::Display for EdgeInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.weight())
    }
}

impl EdgeInfo {
    #[must_use]
    pub fn weight(&self) -> usize {
        self.events.len()
    }
}

/// One co-attendance network. Nodes are added in IRI order and each link goes from the
/// smaller IRI to the larger, so indices are stable for a given store and range.
#[derive(Debug, Clone)]
pub struct Network {
    /// `people` or `countries`: the stem of the file names.
    pub name: &'static str,
    pub graph: UnGraph<NodeInfo, EdgeInfo>,
    pub components: usize,
}

/// Both networks of a store.
#[derive(Debug, Clone)]
pub struct Networks {
    pub people: Network,
    pub countries: Network,
}

/// Builds a network from the members of each event (event IRI → member IRIs) and the
/// labels of the members (IRI → label; the end of the IRI when missing).
#[must_use]
pub fn network(
    name: &'static str,
    members: &BTreeMap<String, BTreeSet<String>>,
    labels: &BTreeMap<String, String>,
) -> Network {
    let mut events_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut pairs: BTreeMap<(&str, &str), Vec<String>> = BTreeMap::new();
    for (event, who) in members {
        let who: Vec<&str> = who.iter().map(String::as_str).collect();
        for (i, a) in who.iter().enumerate() {
            *events_of.entry(a).or_default() += 1;
            for b in &who[i + 1..] {
                pairs.entry((a, b)).or_default().push(event.clone());
            }
        }
    }
    let mut graph: UnGraph<NodeInfo, EdgeInfo> = UnGraph::default();
    let mut index: BTreeMap<&str, NodeIndex> = BTreeMap::new();
    for (iri, events) in &events_of {
        let label = labels
            .get(*iri)
            .cloned()
            .unwrap_or_else(|| iri_tail(iri).to_owned());
        let i = graph.add_node(NodeInfo {
            iri: (*iri).to_owned(),
            label,
            events: *events,
            degree: 0,
            weighted_degree: 0,
            betweenness: 0.0,
            component: 0,
        });
        index.insert(iri, i);
    }
    for ((a, b), mut events) in pairs {
        events.sort();
        graph.add_edge(index[a], index[b], EdgeInfo { events });
    }
    // Degrees.
    for i in graph.node_indices().collect::<Vec<_>>() {
        let (degree, weighted) = graph
            .edges(i)
            .fold((0, 0), |(d, w), e| (d + 1, w + e.weight().weight()));
        graph[i].degree = degree;
        graph[i].weighted_degree = weighted;
    }
    // Betweenness: sequential (no parallel threshold), so the sums are added in one
    // order and the bytes written are the same on every run.
    let betweenness =
        rustworkx_core::centrality::betweenness_centrality(&graph, false, true, usize::MAX);
    for i in graph.node_indices().collect::<Vec<_>>() {
        graph[i].betweenness = betweenness.get(i.index()).copied().flatten().unwrap_or(0.0);
    }
    // Components, numbered by size (largest first), then by their smallest IRI (the
    // smallest index, since nodes were added in IRI order).
    let mut comps: Vec<Vec<NodeIndex>> = rustworkx_core::connectivity::connected_components(&graph)
        .into_iter()
        .map(|c| {
            let mut c: Vec<NodeIndex> = c.into_iter().collect();
            c.sort();
            c
        })
        .collect();
    comps.sort_by_key(|c| (Reverse(c.len()), c.first().copied()));
    for (n, comp) in comps.iter().enumerate() {
        for i in comp {
            graph[*i].component = n + 1;
        }
    }
    Network {
        name,
        graph,
        components: comps.len(),
    }
}

fn iri_tail(iri: &str) -> &str {
    iri.trim_end_matches('/')
        .rsplit(['/', '#'])
        .next()
        .unwrap_or(iri)
}

const PREFIXES: &str = "PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
";

/// (event, person) for every participation of a person.
const PEOPLE: &str = "SELECT DISTINCT ?event ?member WHERE {
  ?p a dg:Participation ; dg:event ?event ; dg:participant ?member .
  ?event a dg:DiplomaticEvent .
  ?member a schema:Person .
}";

/// (event, country or body) for every party of an event.
const PARTIES: &str = "SELECT DISTINCT ?event ?member WHERE {
  ?event a dg:DiplomaticEvent ; dg:party ?member .
}";

const DATES: &str = "SELECT DISTINCT ?event ?date WHERE {
  ?event a dg:DiplomaticEvent ; schema:startDate ?date .
}";

/// Every name of every participant and party.
const LABELS: &str = "SELECT DISTINCT ?x ?p ?n WHERE {
  { SELECT DISTINCT ?x WHERE { { ?e dg:party ?x } UNION { ?q dg:participant ?x } } }
  VALUES ?p { schema:name skos:prefLabel rdfs:label }
  ?x ?p ?n .
  FILTER(isLiteral(?n))
}";

fn select(
    store: &GraphStore,
    body: &str,
    mut each: impl FnMut(&QuerySolution),
) -> Result<(), AnalyzeError> {
    let mut prepared = SparqlEvaluator::new()
        .parse_query(&format!("{PREFIXES}{body}"))
        .map_err(|e| AnalyzeError::Query(e.to_string()))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = prepared
        .on_store(store.inner())
        .execute()
        .map_err(|e| AnalyzeError::Query(e.to_string()))?
    else {
        return Err(AnalyzeError::Query("not a SELECT".into()));
    };
    for s in solutions {
        each(&s.map_err(|e| AnalyzeError::Query(e.to_string()))?);
    }
    Ok(())
}

fn iri(t: Option<&Term>) -> Option<String> {
    match t {
        Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
        _ => None,
    }
}

/// The members of each event in the range.
fn members(
    store: &GraphStore,
    query: &str,
    kept: &dyn Fn(&str) -> bool,
) -> Result<BTreeMap<String, BTreeSet<String>>, AnalyzeError> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    select(store, query, |s| {
        if let (Some(e), Some(m)) = (iri(s.get("event")), iri(s.get("member"))) {
            if kept(&e) {
                out.entry(e).or_default().insert(m);
            }
        }
    })?;
    Ok(out)
}

/// Reads both networks from the store.
pub fn analyze(store: &GraphStore, range: &DateRange) -> Result<Networks, AnalyzeError> {
    // The date of an event is the earliest its reports give.
    let mut dates: BTreeMap<String, Date> = BTreeMap::new();
    select(store, DATES, |s| {
        let (Some(e), Some(Term::Literal(d))) = (iri(s.get("event")), s.get("date")) else {
            return;
        };
        if let Some(d) = Date::parse(d.value()) {
            let slot = dates.entry(e).or_insert(d);
            *slot = (*slot).min(d);
        }
    })?;
    let kept = |e: &str| range.keeps(dates.get(e).copied());
    let people = members(store, PEOPLE, &kept)?;
    let parties = members(store, PARTIES, &kept)?;
    // Labels: a Chinese name first, then an English one, then any; schema:name before
    // skos:prefLabel before rdfs:label; the smallest string among equals.
    let mut best: BTreeMap<String, ((u8, u8), String)> = BTreeMap::new();
    select(store, LABELS, |s| {
        let (Some(x), Some(p), Some(Term::Literal(n))) =
            (iri(s.get("x")), iri(s.get("p")), s.get("n"))
        else {
            return;
        };
        let lang = match n.language().map(|l| l.split('-').next().unwrap_or(l)) {
            Some("zh") => 0,
            Some("en") => 1,
            _ => 2,
        };
        let pred = if p.ends_with("schema.org/name") {
            0
        } else if p.ends_with("#prefLabel") {
            1
        } else {
            2
        };
        let cand = ((lang, pred), n.value().to_owned());
        match best.get(&x) {
            Some(cur) if *cur <= cand => {}
            _ => {
                best.insert(x, cand);
            }
        }
    })?;
    let labels: BTreeMap<String, String> = best.into_iter().map(|(k, (_, v))| (k, v)).collect();
    Ok(Networks {
        people: network("people", &people, &labels),
        countries: network("countries", &parties, &labels),
    })
}

/// Links sorted by weight (descending), then by the IRIs of their ends: who met whom
/// most often first.
#[must_use]
pub fn ranked_edges(net: &Network) -> Vec<EdgeReference<'_, EdgeInfo>> {
    let g = &net.graph;
    let mut edges: Vec<_> = g.edge_references().collect();
    edges.sort_by(|a, b| {
        b.weight()
            .weight()
            .cmp(&a.weight().weight())
            .then_with(|| g[a.source()].iri.cmp(&g[b.source()].iri))
            .then_with(|| g[a.target()].iri.cmp(&g[b.target()].iri))
    });
    edges
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
#[must_use]
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn csv_row(out: &mut String, fields: &[&str]) {
    let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&row.join(","));
    // CRLF, as RFC 4180 and the SPARQL CSV results `query --format csv` writes.
    out.push_str("\r\n");
}

fn float(x: f64) -> String {
    // No "-0.000…": a betweenness is never negative.
    format!("{:.DECIMALS$}", if x == 0.0 { 0.0 } else { x })
}

/// `{name}-nodes.csv`: one row per node, in IRI order.
#[must_use]
pub fn nodes_csv(net: &Network) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "iri",
            "label",
            "events",
            "degree",
            "weighted_degree",
            "betweenness",
            "component",
        ],
    );
    for n in net.graph.node_weights() {
        csv_row(
            &mut out,
            &[
                &n.iri,
                &n.label,
                &n.events.to_string(),
                &n.degree.to_string(),
                &n.weighted_degree.to_string(),
                &float(n.betweenness),
                &n.component.to_string(),
            ],
        );
    }
    out
}

/// `{name}-edges.csv`: one row per link, most shared events first.
#[must_use]
pub fn edges_csv(net: &Network) -> String {
    let g = &net.graph;
    let mut out = String::new();
    csv_row(
        &mut out,
        &[
            "source",
            "source_label",
            "target",
            "target_label",
            "weight",
            "events",
        ],
    );
    for e in ranked_edges(net) {
        let (s, t) = (&g[e.source()], &g[e.target()]);
        csv_row(
            &mut out,
            &[
                &s.iri,
                &s.label,
                &t.iri,
                &t.label,
                &e.weight().weight().to_string(),
                &e.weight().events.join(" "),
            ],
        );
    }
    out
}

/// Escapes text for XML content and double-quoted attributes; characters XML 1.0 does
/// not allow are dropped.
#[must_use]
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `{name}.graphml`: GraphML with declared keys, readable by `networkx.read_graphml`.
#[must_use]
pub fn graphml(net: &Network) -> String {
    let g = &net.graph;
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    let keys = [
        ("label", "node", "label", "string"),
        ("events", "node", "events", "int"),
        ("degree", "node", "degree", "int"),
        ("weighted_degree", "node", "weighted_degree", "int"),
        ("betweenness", "node", "betweenness", "double"),
        ("component", "node", "component", "int"),
        ("weight", "edge", "weight", "int"),
        ("edge_events", "edge", "events", "string"),
    ];
    for (id, on, name, ty) in keys {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{on}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    let _ = writeln!(
        out,
        "  <graph id=\"{}\" edgedefault=\"undirected\">",
        net.name
    );
    for n in g.node_weights() {
        let _ = writeln!(out, "    <node id=\"{}\">", xml_escape(&n.iri));
        let _ = writeln!(
            out,
            "      <data key=\"label\">{}</data>",
            xml_escape(&n.label)
        );
        let _ = writeln!(out, "      <data key=\"events\">{}</data>", n.events);
        let _ = writeln!(out, "      <data key=\"degree\">{}</data>", n.degree);
        let _ = writeln!(
            out,
            "      <data key=\"weighted_degree\">{}</data>",
            n.weighted_degree
        );
        let _ = writeln!(
            out,
            "      <data key=\"betweenness\">{}</data>",
            float(n.betweenness)
        );
        let _ = writeln!(out, "      <data key=\"component\">{}</data>", n.component);
        out.push_str("    </node>\n");
    }
    for e in ranked_edges(net) {
        let _ = writeln!(
            out,
            "    <edge source=\"{}\" target=\"{}\">",
            xml_escape(&g[e.source()].iri),
            xml_escape(&g[e.target()].iri)
        );
        let _ = writeln!(
            out,
            "      <data key=\"weight\">{}</data>",
            e.weight().weight()
        );
        let _ = writeln!(
            out,
            "      <data key=\"edge_events\">{}</data>",
            xml_escape(&e.weight().events.join(" "))
        );
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// `{name}.dot`: an undirected Graphviz graph written with `petgraph::dot`; links are
/// labelled with their weight and drawn thicker the more events they share.
#[must_use]
pub fn dot(net: &Network) -> String {
    use petgraph::dot::{Config, Dot};
    let g = &net.graph;
    let node_attr = |_: &UnGraph<NodeInfo, EdgeInfo>, (_, n): (NodeIndex, &NodeInfo)| {
        format!(
            "label=\"{}\" tooltip=\"{}\"",
            dot_escape(&n.label),
            dot_escape(&n.iri)
        )
    };
    let edge_attr = |_: &UnGraph<NodeInfo, EdgeInfo>, e: EdgeReference<'_, EdgeInfo>| {
        let w = e.weight().weight();
        format!("label=\"{w}\" penwidth={}", w.min(8))
    };
    let body = Dot::with_attr_getters(
        g,
        &[
            Config::NodeNoLabel,
            Config::EdgeNoLabel,
            Config::GraphContentOnly,
        ],
        &edge_attr,
        &node_attr,
    );
    let mut out = String::new();
    let _ = writeln!(out, "graph {} {{", net.name);
    let _ = writeln!(
        out,
        "    graph [layout=neato overlap=false fontname=\"{CJK_FONT}\" charset=\"UTF-8\"]"
    );
    let _ = writeln!(out, "    node [fontname=\"{CJK_FONT}\" shape=ellipse]");
    let _ = writeln!(out, "    edge [fontname=\"{CJK_FONT}\" fontsize=10]");
    let _ = write!(out, "{body}");
    out.push_str("}\n");
    out
}

/// The names of the files [`write_files`] writes, in the order it writes them.
#[must_use]
pub fn file_names() -> Vec<String> {
    let mut v = Vec::new();
    for name in ["people", "countries"] {
        v.push(format!("{name}-nodes.csv"));
        v.push(format!("{name}-edges.csv"));
        v.push(format!("{name}.graphml"));
        v.push(format!("{name}.dot"));
    }
    v
}

/// Writes the eight files into `dir` (created if missing).
pub fn write_files(nets: &Networks, dir: &Path) -> Result<(), AnalyzeError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| AnalyzeError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    for net in [&nets.people, &nets.countries] {
        let files = [
            (format!("{}-nodes.csv", net.name), nodes_csv(net)),
            (format!("{}-edges.csv", net.name), edges_csv(net)),
            (format!("{}.graphml", net.name), graphml(net)),
            (format!("{}.dot", net.name), dot(net)),
        ];
        for (file, text) in files {
            let path = dir.join(file);
            std::fs::write(&path, text).map_err(io(&path))?;
        }
    }
    Ok(())
}

/// A few lines per network: nodes, edges, components and the pairs that met most often.
pub fn write_summary(nets: &Networks, dir: &Path, out: &mut dyn Write) -> std::io::Result<()> {
    for net in [&nets.people, &nets.countries] {
        let g = &net.graph;
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        writeln!(
            out,
            "{}: {}, {}, {}",
            net.name,
            plural(g.node_count(), "node", "nodes"),
            plural(g.edge_count(), "edge", "edges"),
            plural(net.components, "component", "components")
        )?;
        for e in ranked_edges(net).into_iter().take(TOP_PAIRS) {
            writeln!(
                out,
                "  {:>4}  {} — {}",
                e.weight().weight(),
                g[e.source()].label,
                g[e.target()].label
            )?;
        }
    }
    writeln!(
        out,
        "wrote {} files to {}",
        file_names().len(),
        dir.display()
    )
}

/// `diplograph analyze`: checks the dates, reads the store, writes the files into
/// `out_dir` and the summary to `summary`.
pub fn run(
    store_dir: &Path,
    from: Option<&str>,
    to: Option<&str>,
    out_dir: &Path,
    summary: &mut dyn Write,
) -> Result<(), AnalyzeError> {
    let range = DateRange::parse(from, to)?;
    let store = GraphStore::open_existing(store_dir)?;
    let nets = analyze(&store, &range)?;
    drop(store);
    write_files(&nets, out_dir)?;
    write_summary(&nets, out_dir, summary).map_err(|source| AnalyzeError::Io {
        path: PathBuf::from("<stdout>"),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(list: &[(&str, &[&str])]) -> BTreeMap<String, BTreeSet<String>> {
        list.iter()
            .map(|(e, m)| ((*e).to_owned(), m.iter().map(|s| (*s).to_owned()).collect()))
            .collect()
    }

    fn node<'a>(net: &'a Network, iri: &str) -> &'a NodeInfo {
        net.graph
            .node_weights()
            .find(|n| n.iri == iri)
            .expect("node present")
    }

    #[test]
    fn dates_are_strict_iso() {
        assert!(DateRange::parse(Some("2024-02-29"), Some("2024-03-01")).is_ok());
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "20240101",
            "2024-01-01x",
            "",
        ] {
            let e = DateRange::parse(Some(bad), None).expect_err(bad);
            assert!(e.to_string().starts_with("--from: invalid date"), "{e}");
        }
        let e = DateRange::parse(Some("2024-03-02"), Some("2024-03-01")).expect_err("range");
        assert_eq!(e.to_string(), "--from 2024-03-02 is after --to 2024-03-01");
    }

    #[test]
    fn range_drops_undated_events_only_when_bounded() {
        let open = DateRange::default();
        assert!(open.keeps(None));
        let d = |s| Date::parse(s);
        let r = DateRange::parse(Some("2024-01-01"), Some("2024-01-31")).expect("range");
        assert!(!r.keeps(None));
        assert!(r.keeps(d("2024-01-01")) && r.keeps(d("2024-01-31")));
        assert!(!r.keeps(d("2023-12-31")) && !r.keeps(d("2024-02-01")));
    }

    #[test]
    fn weights_degrees_betweenness_components() {
        // a-b twice, b-c once (a path a-b-c), d alone; e-f once.
        let m = members(&[
            ("e1", &["a", "b"]),
            ("e2", &["a", "b", "c"]),
            ("e3", &["d"]),
            ("e4", &["f", "e"]),
        ]);
        let net = network("people", &m, &BTreeMap::new());
        assert_eq!(net.graph.node_count(), 6);
        assert_eq!(net.graph.edge_count(), 4);
        assert_eq!(net.components, 3);
        let a = node(&net, "a");
        assert_eq!((a.events, a.degree, a.weighted_degree), (2, 2, 3));
        // Triangle a-b-c: no node lies between two others.
        assert_eq!(a.betweenness, 0.0);
        assert_eq!(a.component, 1);
        assert_eq!(node(&net, "e").component, 2);
        assert_eq!(node(&net, "d").component, 3);
        let top = ranked_edges(&net);
        let g = &net.graph;
        assert_eq!(
            (
                g[top[0].source()].iri.as_str(),
                g[top[0].target()].iri.as_str()
            ),
            ("a", "b")
        );
        assert_eq!(top[0].weight().events, vec!["e1", "e2"]);
    }

    #[test]
    fn betweenness_of_a_path_matches_networkx() {
        // networkx: betweenness_centrality(path_graph(4)) = {0: 0, 1: 2/3, 2: 2/3, 3: 0}.
        let m = members(&[
            ("e1", &["n0", "n1"]),
            ("e2", &["n1", "n2"]),
            ("e3", &["n2", "n3"]),
        ]);
        let net = network("people", &m, &BTreeMap::new());
        assert!((node(&net, "n1").betweenness - 2.0 / 3.0).abs() < 1e-12);
        assert!((node(&net, "n2").betweenness - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(node(&net, "n0").betweenness, 0.0);
        // A star with 5 leaves: the centre lies on every path between leaves.
        let m = members(&[
            ("e1", &["c", "l1"]),
            ("e2", &["c", "l2"]),
            ("e3", &["c", "l3"]),
            ("e4", &["c", "l4"]),
            ("e5", &["c", "l5"]),
        ]);
        let net = network("people", &m, &BTreeMap::new());
        assert!((node(&net, "c").betweenness - 1.0).abs() < 1e-12);
    }

    #[test]
    fn csv_and_xml_escape() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(
            xml_escape("<a & 'b'>\"\u{1}"),
            "&lt;a &amp; &apos;b&apos;&gt;&quot;"
        );
        let m = members(&[("e1", &["x", "y"])]);
        let mut labels = BTreeMap::new();
        labels.insert("x".to_owned(), "A, \"B\"".to_owned());
        let net = network("people", &m, &labels);
        let csv = edges_csv(&net);
        assert_eq!(
            csv,
            "source,source_label,target,target_label,weight,events\r\n\
             x,\"A, \"\"B\"\"\",y,y,1,e1\r\n"
        );
        let xml = graphml(&net);
        assert!(
            xml.contains("<data key=\"label\">A, &quot;B&quot;</data>"),
            "{xml}"
        );
        assert!(xml.contains("edgedefault=\"undirected\""));
        let d = dot(&net);
        assert!(
            d.starts_with("graph people {") && d.contains("0 -- 1"),
            "{d}"
        );
    }

    #[test]
    fn empty_network_is_written() {
        let net = network("countries", &BTreeMap::new(), &BTreeMap::new());
        assert_eq!(net.components, 0);
        assert_eq!(
            nodes_csv(&net),
            "iri,label,events,degree,weighted_degree,betweenness,component\r\n"
        );
        assert!(graphml(&net).contains("<graph id=\"countries\" edgedefault=\"undirected\">"));
    }
}
