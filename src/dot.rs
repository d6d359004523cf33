//! Graphviz diagrams of who attended which meeting, built from the store through a
//! petgraph graph: events as boxes, people as ellipses clustered by the country or
//! organization they represent, edges labelled with role and title.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;

use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use petgraph::dot::{Config, Dot};
use petgraph::graph::{DiGraph, NodeIndex};

use crate::query::short;
use crate::store::GraphStore;

/// The font Chinese labels are drawn with (Debian: fonts-wqy-microhei).
pub const CJK_FONT: &str = "WenQuanYi Micro Hei";

/// A node of the attendance graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Event {
        iri: String,
        label: String,
    },
    Person {
        iri: String,
        label: String,
        party: Option<(String, String)>,
    },
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Event { label, .. } | Self::Person { label, .. } => f.write_str(label),
        }
    }
}

/// An edge: the roles and titles of one participation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub label: String,
    pub chair: bool,
}

impl fmt::Display for Edge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// Errors building a diagram.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DotError {
    #[error("query failed: {0}")]
    Query(String),
    #[error("no participations found{}", .0.as_ref().map(|e| format!(" for event {e}")).unwrap_or_default())]
    Empty(Option<String>),
    #[error("writing diagram: {0}")]
    Io(#[from] std::io::Error),
    #[error("Graphviz `dot` is not installed (Debian: apt-get install graphviz fonts-wqy-microhei); run without --render to get DOT")]
    GraphvizMissing,
    #[error("Graphviz `dot` failed: {0}")]
    Graphviz(String),
}

const QUERY: &str = r#"
PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?event ?eventName ?typeLabel ?date ?count ?person ?personName ?role ?title ?rep ?repName WHERE {
  #EVENT#
  ?p a dg:Participation ; dg:event ?event ; dg:participant ?person ; dg:participationRole ?role .
  ?event sem:eventType ?type .
  OPTIONAL { ?type skos:prefLabel ?typeLabel FILTER(lang(?typeLabel) = "zh") }
  OPTIONAL { ?event schema:name ?eventName }
  OPTIONAL { ?event schema:startDate ?date }
  OPTIONAL { ?event dg:attendingCountryCount ?count }
  OPTIONAL { ?p schema:roleName ?title }
  OPTIONAL { ?p dg:representing ?rep . OPTIONAL { ?rep schema:name ?repName FILTER(lang(?repName) = "zh") } }
  OPTIONAL { ?person schema:name ?personName FILTER(lang(?personName) = "zh") }
}
"#;

fn text(t: Option<&Term>) -> Option<String> {
    t.map(|t| match t {
        Term::Literal(l) => l.value().to_owned(),
        other => short(other),
    })
}

/// Builds the attendance graph of every event, or of one (by IRI).
pub fn build(store: &GraphStore, event: Option<&str>) -> Result<DiGraph<Node, Edge>, DotError> {
    // A full IRI is bound in the query; the end of an IRI is matched below.
    let bound = match event {
        Some(e) if oxigraph::model::NamedNode::new(e).is_ok() => {
            format!("VALUES ?event {{ <{e}> }}")
        }
        _ => String::new(),
    };
    let mut prepared = SparqlEvaluator::new()
        .parse_query(&QUERY.replace("#EVENT#", &bound))
        .map_err(|e| DotError::Query(e.to_string()))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = prepared
        .on_store(store.inner())
        .execute()
        .map_err(|e| DotError::Query(e.to_string()))?
    else {
        return Err(DotError::Query("not a SELECT".into()));
    };
    // (event) -> label; (event, person) -> roles, titles; person -> label, party.
    let mut events: BTreeMap<String, String> = BTreeMap::new();
    let mut people: BTreeMap<String, (String, Option<(String, String)>)> = BTreeMap::new();
    let mut edges: BTreeMap<(String, String), (Vec<String>, Vec<String>)> = BTreeMap::new();
    for s in solutions {
        let s = s.map_err(|e| DotError::Query(e.to_string()))?;
        let Some(Term::NamedNode(ev)) = s.get("event") else {
            continue;
        };
        let Some(Term::NamedNode(person)) = s.get("person") else {
            continue;
        };
        let ev = ev.as_str().to_owned();
        let matches_filter = event.is_none_or(|f| f == ev || ev.ends_with(f));
        if !matches_filter {
            continue;
        }
        let person = person.as_str().to_owned();
        let name = text(s.get("eventName"))
            .or_else(|| text(s.get("typeLabel")))
            .unwrap_or_else(|| {
                short(&Term::NamedNode(oxigraph::model::NamedNode::new_unchecked(
                    ev.clone(),
                )))
            });
        let mut label = name;
        if let Some(d) = text(s.get("date")) {
            label = format!("{label}\n{d}");
        }
        if let Some(c) = text(s.get("count")) {
            label = format!("{label}\n{c} countries");
        }
        events.entry(ev.clone()).or_insert(label);
        let pname = text(s.get("personName"))
            .unwrap_or_else(|| person.rsplit('/').next().unwrap_or("").to_owned());
        let party = match (s.get("rep"), text(s.get("repName"))) {
            (Some(Term::NamedNode(r)), n) => Some((
                r.as_str().to_owned(),
                n.unwrap_or_else(|| short(&Term::NamedNode(r.clone()))),
            )),
            _ => None,
        };
        let entry = people.entry(person.clone()).or_insert((pname, None));
        if entry.1.is_none() {
            entry.1 = party;
        }
        let e = edges.entry((ev, person)).or_default();
        if let Some(r) = text(s.get("role")) {
            let r = r.rsplit('/').next().unwrap_or(&r).to_owned();
            if !e.0.contains(&r) {
                e.0.push(r);
            }
        }
        if let Some(t) = text(s.get("title")) {
            if !e.1.contains(&t) {
                e.1.push(t);
            }
        }
    }
    if edges.is_empty() {
        return Err(DotError::Empty(event.map(str::to_owned)));
    }
    let mut g = DiGraph::new();
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    for (iri, label) in &events {
        index.insert(
            iri.clone(),
            g.add_node(Node::Event {
                iri: iri.clone(),
                label: label.clone(),
            }),
        );
    }
    for (iri, (label, party)) in &people {
        index.insert(
            iri.clone(),
            g.add_node(Node::Person {
                iri: iri.clone(),
                label: label.clone(),
                party: party.clone(),
            }),
        );
    }
    for ((ev, person), (mut roles, titles)) in edges {
        roles.sort();
        let chair = roles.iter().any(|r| r == "chair" || r == "co-chair");
        let mut label = roles.join(", ");
        if !titles.is_empty() {
            label = format!("{label}\n{}", titles.join("、"));
        }
        if let (Some(p), Some(e)) = (index.get(&person), index.get(&ev)) {
            g.add_edge(*p, *e, Edge { label, chair });
        }
    }
    Ok(g)
}

/// Renders DOT with Graphviz's `dot` (`fmt`: `svg`, `png`, any `-T` format).
pub fn render(dot_src: &[u8], fmt: &str) -> Result<Vec<u8>, DotError> {
    use std::process::{Command, Stdio};
    let mut child = match Command::new("dot")
        .arg(format!("-T{fmt}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(DotError::GraphvizMissing)
        }
        Err(e) => return Err(DotError::Io(e)),
    };
    // Write from another thread: `dot` may fill its output pipe before reading all input.
    let input = dot_src.to_vec();
    let mut stdin = child.stdin.take();
    let writer = std::thread::spawn(move || stdin.as_mut().map(|s| s.write_all(&input)));
    let out = child.wait_with_output()?;
    if let Ok(Some(Err(e))) = writer.join() {
        if out.status.success() {
            return Err(DotError::Io(e));
        }
    }
    if !out.status.success() {
        return Err(DotError::Graphviz(
            String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        ));
    }
    Ok(out.stdout)
}

/// Escapes a string for a double-quoted DOT attribute.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes the graph as DOT: petgraph's node and edge lines, plus clusters per party.
pub fn write_dot(g: &DiGraph<Node, Edge>, out: &mut dyn Write) -> std::io::Result<()> {
    let node_attr = |_: &DiGraph<Node, Edge>, (_, n): (NodeIndex, &Node)| match n {
        Node::Event { label, .. } => format!(
            "label=\"{}\" shape=box style=\"rounded,filled\" fillcolor=\"#dbe9f6\"",
            escape(label)
        ),
        Node::Person { label, .. } => format!("label=\"{}\" shape=ellipse", escape(label)),
    };
    let edge_attr = |_: &DiGraph<Node, Edge>, e: petgraph::graph::EdgeReference<'_, Edge>| {
        let w = e.weight();
        format!(
            "label=\"{}\"{}",
            escape(&w.label),
            if w.chair {
                " style=bold color=\"#b03030\""
            } else {
                ""
            }
        )
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
    writeln!(out, "digraph attendance {{")?;
    writeln!(
        out,
        "    graph [rankdir=LR fontname=\"{CJK_FONT}\" charset=\"UTF-8\"]"
    )?;
    writeln!(out, "    node [fontname=\"{CJK_FONT}\"]")?;
    writeln!(out, "    edge [fontname=\"{CJK_FONT}\" fontsize=10]")?;
    write!(out, "{body}")?;
    let mut clusters: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for i in g.node_indices() {
        if let Some(Node::Person {
            party: Some((iri, name)),
            ..
        }) = g.node_weight(i)
        {
            clusters
                .entry((iri.clone(), name.clone()))
                .or_default()
                .push(i.index());
        }
    }
    for (k, ((_, name), nodes)) in clusters.iter().enumerate() {
        writeln!(out, "    subgraph cluster_{k} {{")?;
        writeln!(
            out,
            "        label=\"{}\" style=\"rounded,dashed\" color=\"#888888\"",
            escape(name)
        )?;
        for n in nodes {
            writeln!(out, "        {n}")?;
        }
        writeln!(out, "    }}")?;
    }
    writeln!(out, "}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_quotes_backslashes_newlines() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }

    #[test]
    fn dot_has_clusters_and_cjk_font() {
        let mut g = DiGraph::new();
        let e = g.add_node(Node::Event {
            iri: "e".into(),
            label: "视频会议".into(),
        });
        let p = g.add_node(Node::Person {
            iri: "p".into(),
            label: "王\"毅".into(),
            party: Some(("c".into(), "中国".into())),
        });
        g.add_edge(
            p,
            e,
            Edge {
                label: "chair\n外长".into(),
                chair: true,
            },
        );
        let mut out = Vec::new();
        write_dot(&g, &mut out).expect("writes");
        let s = String::from_utf8(out).expect("utf-8");
        assert!(s.contains("subgraph cluster_0"), "{s}");
        assert!(s.contains("label=\"王\\\"毅\""), "{s}");
        assert!(s.contains(CJK_FONT));
        assert!(s.contains("1 -> 0") || s.contains("1 -> 0 ["), "{s}");
    }
}
