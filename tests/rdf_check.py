#!/usr/bin/env python3
"""Checks diplograph exports with rdflib and pyshacl.

    python3 tests/rdf_check.py --trig out.trig --nquads out.nq --jsonld out.jsonld \
        --ontology ontology/diplograph.ttl --shapes ontology/shapes.ttl

1. Parses each export (TriG, N-Quads, JSON-LD) into an rdflib Dataset and counts quads
   over all graphs (len(Dataset) counts the default graph only). Fails if a format has
   no quads, if the counts differ, or if the quad sets differ.
2. Checks that every dg: term used in the export is declared in the ontology.
3. Validates with pyshacl: each document graph (graph/doc/{key}) merged with the
   ontology, one document at a time (shape cardinalities are per document graph: reports
   of one event in two documents share its IRI, and each says its own dg:status);
   --merged validates the union of the document graphs in one pass instead. The runs
   graph (graph/runs) and the identity graph (graph/identity), each merged with the
   ontology, are validated too. The registry graph
   is never part of the data.

Prints one line, `rdf_check: 3 formats parsed, N quads each, shapes conform`, and exits
0; on failure prints the problems (the pyshacl report) and exits 1. Usage errors exit 2.
Needs: pip install rdflib pyshacl.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

try:
    import rdflib
    from rdflib import RDF, Graph, URIRef
    from pyshacl import validate
except ImportError as e:  # pragma: no cover
    sys.stderr.write(f"rdf_check: needs rdflib and pyshacl ({e}); pip install rdflib pyshacl\n")
    sys.exit(2)

BASE = "https://w3id.org/diplograph/"
DG = BASE + "ontology#"
DOC_GRAPH = BASE + "graph/doc/"
RUNS_GRAPH = BASE + "graph/runs"
IDENTITY_GRAPH = BASE + "graph/identity"

FORMATS = (("trig", "trig", "TriG"), ("nquads", "nquads", "N-Quads"), ("jsonld", "json-ld", "JSON-LD"))


def parse(path: str, fmt: str) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    with open(path, "rb") as f:
        ds.parse(f, format=fmt, publicID="urn:x-diplograph-check:")
    return ds


def quads(ds: rdflib.Dataset) -> set[tuple]:
    """All quads of the dataset, over every graph, as (s, p, o, graph IRI)."""
    out = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if isinstance(g, Graph) else g
        if gid is None or str(gid) in ("urn:x-rdflib:default",):
            gid = None
        out.add((s, p, o, gid))
    return out


def canonical(q: tuple) -> tuple:
    """A quad with literals compared by value (rdflib's parsers do not all keep the
    lexical form: one reads "29"^^xsd:decimal as 29.0)."""
    out = []
    for t in q:
        if isinstance(t, rdflib.Literal):
            v = t.value if t.value is not None and not getattr(t, "ill_typed", False) else str(t)
            out.append(("literal", t.datatype, t.language, v))
        else:
            out.append(t)
    return tuple(out)


def graph_of(qs: set[tuple], keep) -> Graph:
    g = Graph()
    for s, p, o, gid in qs:
        if gid is not None and keep(str(gid)):
            g.add((s, p, o))
    return g


def show(t) -> str:
    return t.n3() if t is not None else "(default graph)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Check diplograph exports: parse, compare formats, SHACL-validate.")
    ap.add_argument("--trig", help="TriG export")
    ap.add_argument("--nquads", help="N-Quads export")
    ap.add_argument("--jsonld", help="JSON-LD export")
    ap.add_argument("--ontology", default="ontology/diplograph.ttl", help="ontology (Turtle)")
    ap.add_argument("--shapes", default="ontology/shapes.ttl", help="SHACL shapes (Turtle)")
    ap.add_argument("--merged", action="store_true", help="validate the union of the document graphs in one pass")
    args = ap.parse_args(argv)

    given = [(getattr(args, attr), fmt, name) for attr, fmt, name in FORMATS if getattr(args, attr)]
    if not given:
        ap.error("give at least one of --trig, --nquads, --jsonld")
    for path, _, _ in given + [(args.ontology, None, None), (args.shapes, None, None)]:
        if not Path(path).is_file():
            sys.stderr.write(f"rdf_check: {path}: no such file\n")
            return 2

    problems: list[str] = []

    # 1. Parse and compare the formats.
    parsed: list[tuple[str, set[tuple]]] = []
    for path, fmt, name in given:
        try:
            qs = quads(parse(path, fmt))
        except Exception as e:  # noqa: BLE001 - any parser error is a failure to report
            problems.append(f"{name} ({path}): does not parse: {e}")
            continue
        if not qs:
            problems.append(f"{name} ({path}): no quads")
        parsed.append((name, qs))
    counts = {name: len(qs) for name, qs in parsed}
    if len(set(counts.values())) > 1:
        problems.append("quad counts differ: " + ", ".join(f"{n} {c}" for n, c in counts.items()))
    if len(parsed) > 1 and not problems:
        has_bnodes = any(isinstance(t, rdflib.BNode) for _, qs in parsed for q in qs for t in q)
        if not has_bnodes:
            first_name, first = parsed[0][0], {canonical(q): q for q in parsed[0][1]}
            for name, qs in parsed[1:]:
                other = {canonical(q): q for q in qs}
                if other.keys() != first.keys():
                    diff = sorted([first[k] for k in first.keys() - other.keys()] + [other[k] for k in other.keys() - first.keys()], key=str)[:6]
                    problems.append(
                        f"{first_name} and {name} have the same number of quads but different quads, e.g.:\n"
                        + "\n".join("  " + " ".join(show(t) for t in q) for q in diff)
                    )
    if problems or not parsed:
        return fail(problems)
    qs = parsed[0][1]
    n = len(qs)

    # 2. Ontology coverage: every dg: term used is declared.
    try:
        onto = Graph().parse(args.ontology, format="turtle")
        shapes = Graph().parse(args.shapes, format="turtle")
    except Exception as e:  # noqa: BLE001
        return fail([f"cannot parse ontology or shapes: {e}"])
    declared = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(DG)}
    used = {t for q in qs for t in q[:3] if isinstance(t, URIRef) and str(t).startswith(DG) and str(t) != DG}
    undeclared = sorted(used - declared)
    if undeclared:
        problems.append("dg: terms used but not declared in the ontology: " + ", ".join(str(t) for t in undeclared))

    # 3. SHACL.
    doc_graphs = sorted({str(q[3]) for q in qs if q[3] is not None and str(q[3]).startswith(DOC_GRAPH)})
    if not doc_graphs:
        problems.append("no document graphs (graph/doc/...) in the export")
    batches = [("document graphs", lambda g: g.startswith(DOC_GRAPH))] if args.merged else [
        (g, (lambda name: lambda x: x == name)(g)) for g in doc_graphs
    ]
    for extra in (RUNS_GRAPH, IDENTITY_GRAPH):
        if any(q[3] is not None and str(q[3]) == extra for q in qs):
            batches.append((extra, (lambda name: lambda g: g == name)(extra)))
    for label, keep in batches:
        data = graph_of(qs, keep)
        data += onto
        conforms, _, text = validate(
            data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=False, advanced=True
        )
        if not conforms:
            problems.append(f"{label}: does not conform to {args.shapes}:\n{text}")

    if problems:
        return fail(problems)
    what = f"{len(parsed)} format{'s' if len(parsed) != 1 else ''} parsed, {n} quads{' each' if len(parsed) > 1 else ''}"
    print(f"rdf_check: {what}, shapes conform ({len(doc_graphs)} document graph{'s' if len(doc_graphs) != 1 else ''})")
    return 0


def fail(problems: list[str]) -> int:
    for p in problems:
        print(p)
    sys.stderr.write(f"rdf_check: FAILED ({len(problems)} problem{'s' if len(problems) != 1 else ''})\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
