"""Independent check of `diplograph analyze`: reads each network's GraphML with networkx
and its CSV tables with pandas, and checks that they agree with each other and with what
networkx computes itself.

For the people and the countries network:
- the GraphML parses, is undirected and simple, and has the nodes and edges of the CSVs
  (same IRIs, labels, weights and event lists);
- the degree, weighted degree and events of every node are those of the graph;
- betweenness centrality equals networkx.betweenness_centrality(G) to 1e-9;
- components equal networkx.connected_components(G), numbered by size (largest first)
  then by smallest IRI;
- the edge table is sorted by weight (descending), then source and target IRIs.

Usage: analyze_check.py DIR  (the --out folder of `diplograph analyze`)
"""

import math
import sys
from pathlib import Path

import networkx as nx
import pandas as pd

TOLERANCE = 1e-9


def fail(msg):
    print(f"analyze_check: FAIL: {msg}")
    sys.exit(1)


def check(name, folder):
    g = nx.read_graphml(folder / f"{name}.graphml")
    if g.is_directed() or g.is_multigraph():
        fail(f"{name}.graphml is not a simple undirected graph")
    # keep_default_na=False: an empty events list or a label like "NA" stays a string.
    nodes = pd.read_csv(folder / f"{name}-nodes.csv", dtype=str, keep_default_na=False)
    edges = pd.read_csv(folder / f"{name}-edges.csv", dtype=str, keep_default_na=False)
    want_nodes = ["iri", "label", "events", "degree", "weighted_degree", "betweenness", "component"]
    want_edges = ["source", "source_label", "target", "target_label", "weight", "events"]
    if list(nodes.columns) != want_nodes:
        fail(f"{name}-nodes.csv columns {list(nodes.columns)}")
    if list(edges.columns) != want_edges:
        fail(f"{name}-edges.csv columns {list(edges.columns)}")
    if g.number_of_nodes() != len(nodes):
        fail(f"{name}: {g.number_of_nodes()} GraphML nodes, {len(nodes)} CSV rows")
    if g.number_of_edges() != len(edges):
        fail(f"{name}: {g.number_of_edges()} GraphML edges, {len(edges)} CSV rows")
    if set(g.nodes) != set(nodes["iri"]):
        fail(f"{name}: GraphML and CSV nodes differ")
    if list(nodes["iri"]) != sorted(nodes["iri"], key=lambda s: s.encode()):
        fail(f"{name}-nodes.csv is not in IRI order")

    # Edges: same pairs, weights and events in both files; weight = number of events.
    for row in edges.itertuples(index=False):
        if not g.has_edge(row.source, row.target):
            fail(f"{name}: CSV edge {row.source} -- {row.target} missing from GraphML")
        data = g.edges[row.source, row.target]
        if int(data["weight"]) != int(row.weight):
            fail(f"{name}: weight of {row.source} -- {row.target} differs")
        events = row.events.split(" ")
        if data["events"] != row.events or len(events) != int(row.weight):
            fail(f"{name}: events of {row.source} -- {row.target} differ")
        if events != sorted(events, key=lambda s: s.encode()):
            fail(f"{name}: events of {row.source} -- {row.target} not sorted")
        if g.nodes[row.source]["label"] != row.source_label or g.nodes[row.target]["label"] != row.target_label:
            fail(f"{name}: labels of {row.source} -- {row.target} differ")
    order = [(-int(r.weight), r.source.encode(), r.target.encode()) for r in edges.itertuples(index=False)]
    if order != sorted(order):
        fail(f"{name}-edges.csv is not sorted by weight, then IRIs")

    # Node metrics against networkx.
    bc = nx.betweenness_centrality(g)
    comps = sorted(
        (sorted(c, key=lambda s: s.encode()) for c in nx.connected_components(g)),
        key=lambda c: (-len(c), c[0].encode()),
    )
    comp_of = {n: i + 1 for i, c in enumerate(comps) for n in c}
    worst = 0.0
    for row in nodes.itertuples(index=False):
        d = g.nodes[row.iri]
        if d["label"] != row.label:
            fail(f"{name}: label of {row.iri} differs")
        if g.degree(row.iri) != int(row.degree) or int(d["degree"]) != int(row.degree):
            fail(f"{name}: degree of {row.iri}: ours {row.degree}, networkx {g.degree(row.iri)}")
        wd = g.degree(row.iri, weight="weight")
        if wd != int(row.weighted_degree) or int(d["weighted_degree"]) != wd:
            fail(f"{name}: weighted degree of {row.iri}: ours {row.weighted_degree}, networkx {wd}")
        if int(d["events"]) != int(row.events) or int(row.events) < 1:
            fail(f"{name}: events of {row.iri}")
        ours = float(row.betweenness)
        if not math.isclose(ours, float(d["betweenness"]), abs_tol=TOLERANCE):
            fail(f"{name}: betweenness of {row.iri} differs between CSV and GraphML")
        diff = abs(ours - bc[row.iri])
        worst = max(worst, diff)
        if diff > TOLERANCE:
            fail(f"{name}: betweenness of {row.iri}: ours {ours}, networkx {bc[row.iri]}")
        if int(row.component) != comp_of[row.iri] or int(d["component"]) != comp_of[row.iri]:
            fail(f"{name}: component of {row.iri}: ours {row.component}, networkx {comp_of[row.iri]}")
    print(
        f"analyze_check: {name}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, "
        f"{len(comps)} component{'' if len(comps) == 1 else 's'} match; "
        f"betweenness within {worst:.1e} of networkx"
    )
    return g.number_of_nodes()


def main():
    if len(sys.argv) != 2:
        fail("usage: analyze_check.py DIR")
    folder = Path(sys.argv[1])
    total = sum(check(name, folder) for name in ("people", "countries"))
    if total == 0:
        fail("both networks are empty: nothing was checked")


if __name__ == "__main__":
    main()
