"""Clients of `diplograph serve` that analysts use, against a running server.

SPARQLWrapper runs every shipped query (ontology/queries/*.rq) in SPARQL JSON, XML and CSV
and must get as many rows as `diplograph query` gave for it (EXPECTED, a JSON object
name -> rows, made before the server took the store). rdflib reads one document graph by
the Graph Store Protocol in Turtle and in N-Triples (the same triples both ways), and runs a
query through its SPARQLStore.

    python tests/endpoint_check.py URL EXPECTED.json
"""

import csv
import io
import json
import pathlib
import sys
import urllib.parse
import urllib.request

import rdflib
import rdflib.compare
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper

url, expected_path = sys.argv[1], sys.argv[2]
endpoint = url + "sparql"
expected = json.loads(pathlib.Path(expected_path).read_text())
queries = sorted(pathlib.Path("ontology/queries").glob("*.rq"))
assert queries, "no shipped queries found"
failures = []

for path in queries:
    name = path.stem
    text = path.read_text()
    counts = {}
    for fmt in (JSON, XML, CSV):
        for method in ("GET", "POST"):
            client = SPARQLWrapper(endpoint)
            client.setMethod(method)
            client.setQuery(text)
            client.setReturnFormat(fmt)
            result = client.query()
            if fmt == JSON:
                n = len(result.convert()["results"]["bindings"])
            elif fmt == XML:
                n = len(result.convert().getElementsByTagName("result"))
            else:
                n = len(list(csv.reader(io.StringIO(result.convert().decode("utf-8"))))) - 1
            counts[f"{fmt}/{method}"] = n
    if set(counts.values()) != {expected[name]}:
        failures.append(f"{name}: expected {expected[name]} rows, got {counts}")
    else:
        print(f"endpoint_check: {name}: {expected[name]} rows in JSON, XML and CSV by GET and POST")

# One document graph by the Graph Store Protocol, in two syntaxes.
client = SPARQLWrapper(endpoint)
client.setQuery(
    "SELECT ?g WHERE { GRAPH ?g { ?s a <https://w3id.org/diplograph/ontology#DiplomaticEvent> } } ORDER BY ?g LIMIT 1"
)
client.setReturnFormat(JSON)
graph = client.query().convert()["results"]["bindings"][0]["g"]["value"]
store_url = url + "store?" + urllib.parse.urlencode({"graph": graph})
graphs = {}
for mime, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt")):
    req = urllib.request.Request(store_url, headers={"Accept": mime})
    with urllib.request.urlopen(req) as r:
        assert r.headers["Content-Type"].startswith(mime), r.headers["Content-Type"]
        graphs[fmt] = rdflib.Graph().parse(data=r.read().decode("utf-8"), format=fmt)
if len(graphs["turtle"]) == 0 or not rdflib.compare.isomorphic(graphs["turtle"], graphs["nt"]):
    failures.append(f"graph store: Turtle and N-Triples of {graph} differ or are empty")
else:
    print(f"endpoint_check: graph store: {len(graphs['turtle'])} triples of one document, Turtle = N-Triples")

# rdflib's SPARQLStore, another client of the protocol.
remote = rdflib.Graph(store=SPARQLStore(endpoint))
persons = list(remote.query("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <https://schema.org/Person> }"))
if int(persons[0][0]) <= 0:
    failures.append("SPARQLStore: no person counted")
else:
    print(f"endpoint_check: rdflib SPARQLStore counts {int(persons[0][0])} people")

if failures:
    for f in failures:
        print("endpoint_check: FAIL", f, file=sys.stderr)
    sys.exit(1)
