// The diplograph page: a SPARQL editor over /sparql, the shipped example queries from
// /queries, a results table, and the who-attended diagram of an event from /diagram.
"use strict";

const PREFIXES = [
  ["dg:", "https://w3id.org/diplograph/ontology#"],
  ["id:", "https://w3id.org/diplograph/id/"],
  ["schema:", "https://schema.org/"],
  ["skos:", "http://www.w3.org/2004/02/skos/core#"],
  ["sem:", "http://semanticweb.cs.vu.nl/2009/11/sem/"],
  ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
  ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"],
  ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
];

const EVENTS_QUERY = `PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?event (SAMPLE(?n) AS ?name) (SAMPLE(?d) AS ?date) (SAMPLE(?tl) AS ?type)
       (COUNT(DISTINCT ?who) AS ?people)
WHERE {
  ?p a dg:Participation ; dg:event ?event ; dg:participant ?who .
  OPTIONAL { ?event schema:name ?n }
  OPTIONAL { ?event schema:startDate ?d }
  OPTIONAL { ?event sem:eventType/skos:prefLabel ?tl FILTER(lang(?tl) = "en") }
}
GROUP BY ?event
ORDER BY DESC(?date) ?event
LIMIT 1000`;

const $ = (id) => document.getElementById(id);

function short(iri) {
  for (const [p, ns] of PREFIXES) {
    if (iri.startsWith(ns)) return p + iri.slice(ns.length);
  }
  return iri;
}

function isEvent(iri) {
  return iri.startsWith("https://w3id.org/diplograph/id/event/");
}

async function sparql(query, accept) {
  const r = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/sparql-query", Accept: accept },
    body: query,
  });
  if (!r.ok) throw new Error(`${r.status} ${r.statusText}: ${(await r.text()).trim()}`);
  return r;
}

function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const a = document.createElement("a");
    a.href = term.value;
    a.textContent = short(term.value);
    a.title = term.value;
    if (isEvent(term.value)) {
      a.classList.add("event");
      a.addEventListener("click", (ev) => {
        ev.preventDefault();
        showDiagram(term.value, short(term.value));
      });
    }
    td.append(a);
  } else {
    td.append(document.createTextNode(term.value));
    if (term["xml:lang"]) {
      const s = document.createElement("span");
      s.className = "lang";
      s.textContent = "@" + term["xml:lang"];
      td.append(s);
    }
  }
  return td;
}

function showTable(json) {
  const head = $("results").tHead;
  const body = $("results").tBodies[0];
  head.replaceChildren();
  body.replaceChildren();
  if (typeof json.boolean === "boolean") {
    const tr = head.insertRow();
    tr.append(Object.assign(document.createElement("th"), { textContent: "answer" }));
    body.insertRow().append(Object.assign(document.createElement("td"), { textContent: String(json.boolean) }));
    return 1;
  }
  const vars = json.head.vars;
  const tr = head.insertRow();
  for (const v of vars) tr.append(Object.assign(document.createElement("th"), { textContent: v }));
  for (const b of json.results.bindings) {
    const row = body.insertRow();
    for (const v of vars) row.append(cell(b[v]));
  }
  return json.results.bindings.length;
}

async function run() {
  const button = $("run");
  button.disabled = true;
  $("error").hidden = true;
  $("graph-results").hidden = true;
  $("info").textContent = "running…";
  const t0 = performance.now();
  try {
    const r = await sparql($("query").value, "application/sparql-results+json, text/turtle;q=0.9");
    const ms = Math.round(performance.now() - t0);
    const cut = r.headers.get("X-Diplograph-Truncated");
    let n;
    if ((r.headers.get("Content-Type") || "").startsWith("text/turtle")) {
      $("results").tHead.replaceChildren();
      $("results").tBodies[0].replaceChildren();
      $("graph-results").textContent = await r.text();
      $("graph-results").hidden = false;
      n = "graph";
      $("info").textContent = `graph result in ${ms} ms`;
    } else {
      n = showTable(await r.json());
      $("info").textContent = `${n} row${n === 1 ? "" : "s"} in ${ms} ms` +
        (cut ? ` (cut at the server's limit of ${cut})` : "");
    }
  } catch (e) {
    $("info").textContent = "";
    $("error").textContent = e.message;
    $("error").hidden = false;
  } finally {
    button.disabled = false;
  }
}

async function showDiagram(iri, title) {
  $("diagram-title").textContent = "Who attended: " + title;
  $("diagram-hint").textContent = "drawing…";
  $("diagram").replaceChildren();
  for (const li of $("event-list").children) li.classList.toggle("selected", li.dataset.iri === iri);
  try {
    const r = await fetch("/diagram?event=" + encodeURIComponent(iri), { headers: { Accept: "image/svg+xml" } });
    const body = await r.text();
    if (!r.ok) throw new Error(body.trim());
    const svg = new DOMParser().parseFromString(body, "image/svg+xml").documentElement;
    if (svg.nodeName !== "svg") throw new Error("the server did not return an SVG image");
    $("diagram").append(document.importNode(svg, true));
    $("diagram").dataset.event = iri;
    $("diagram-hint").textContent = iri;
  } catch (e) {
    $("diagram-hint").textContent = "no diagram: " + e.message;
  }
}

async function loadEvents() {
  try {
    const json = await (await sparql(EVENTS_QUERY, "application/sparql-results+json")).json();
    const list = $("event-list");
    for (const b of json.results.bindings) {
      const iri = b.event.value;
      const name = b.name ? b.name.value : short(iri);
      const li = document.createElement("li");
      li.dataset.iri = iri;
      li.append(document.createTextNode(name + " "));
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = [b.date && b.date.value, b.type && b.type.value, b.people && `${b.people.value} people`]
        .filter(Boolean).join(" · ");
      li.append(meta);
      li.addEventListener("click", () => showDiagram(iri, name));
      list.append(li);
    }
    $("event-filter").addEventListener("input", (ev) => {
      const f = ev.target.value.toLowerCase();
      for (const li of list.children) li.hidden = f !== "" && !li.textContent.toLowerCase().includes(f);
    });
  } catch (e) {
    $("diagram-hint").textContent = "could not list events: " + e.message;
  }
}

async function loadExamples() {
  const queries = await (await fetch("/queries")).json();
  const select = $("examples");
  for (const q of queries) {
    const o = document.createElement("option");
    o.value = q.name;
    o.textContent = q.name;
    select.append(o);
  }
  const pick = () => {
    const q = queries.find((x) => x.name === select.value);
    if (!q) return;
    $("query").value = q.query;
    $("example-title").textContent = q.title;
  };
  select.addEventListener("change", pick);
  pick();
}

document.addEventListener("DOMContentLoaded", () => {
  $("run").addEventListener("click", run);
  $("query").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      run();
    }
  });
  loadExamples().catch((e) => {
    $("error").textContent = "could not load the example queries: " + e.message;
    $("error").hidden = false;
  });
  loadEvents();
});
