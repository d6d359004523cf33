//! Tidy CSV tables of the store (`export --format csv --out DIR`): one file per table,
//! one row per observation, one column per variable, IRIs as keys so the tables join.
//! The tables, their columns and their order are documented in `docs/tables.md`.
//!
//! Everything is read with SPARQL from the document graphs (`GRAPH ?g`, one document or
//! all of them); names and attributes of registry entities and concepts come from the
//! registry graph first, then from the document graphs. Rows are sorted by their key
//! columns, so the same store gives the same bytes. CSV as the rest of diplograph writes
//! it: UTF-8, CRLF line ends, RFC 4180 quoting.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use oxigraph::model::{NamedNode, NamedNodeRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};

use crate::rdf;
use crate::store::{GraphStore, StoreError};
use crate::vocab::{dg, org, rdfs, schema, sem, skos};

/// Separator of the values of a multi-valued cell (values sorted by code point).
pub const SEPARATOR: char = '|';

/// How a sort column compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// By code point (empty first).
    Text,
    /// As an integer (empty first).
    Integer,
}

/// The layout of one table: its file stem, its columns and the columns its rows are
/// sorted by.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    pub sort: &'static [(&'static str, Order)],
}

use Order::{Integer as I, Text as T};

/// Every table, in the order they are written.
pub const LAYOUTS: &[Layout] = &[
    Layout {
        name: "documents",
        columns: &[
            "document",
            "key",
            "graph",
            "url",
            "headline",
            "date_published",
            "language",
            "length",
            "sha256",
        ],
        sort: &[("document", T)],
    },
    Layout {
        name: "events",
        columns: &[
            "event",
            "document",
            "status",
            "type",
            "type_label",
            "name",
            "date",
            "place",
            "place_label",
            "mode",
            "theme",
            "attending_country_count",
            "super_event",
        ],
        sort: &[("event", T), ("document", T)],
    },
    Layout {
        name: "participations",
        columns: &[
            "participation",
            "event",
            "document",
            "participant",
            "participant_kind",
            "participant_label",
            "roles",
            "titles",
            "posts",
            "representing",
            "representing_kind",
            "representing_label",
        ],
        sort: &[("event", T), ("participant", T), ("document", T)],
    },
    Layout {
        name: "tenures",
        columns: &[
            "tenure",
            "document",
            "person",
            "position",
            "position_label",
            "organization",
            "organization_kind",
            "post",
            "titles",
            "attested_on",
        ],
        sort: &[
            ("person", T),
            ("position", T),
            ("organization", T),
            ("document", T),
            ("tenure", T),
        ],
    },
    Layout {
        name: "people",
        columns: &["person", "name_zh", "name_en", "in_registry"],
        sort: &[("person", T)],
    },
    Layout {
        name: "organizations",
        columns: &[
            "organization",
            "name_zh",
            "name_en",
            "kind",
            "parent",
            "in_registry",
        ],
        sort: &[("organization", T)],
    },
    Layout {
        name: "countries",
        columns: &["country", "iso2", "iso3", "name_zh", "name_en"],
        sort: &[("country", T)],
    },
    Layout {
        name: "initiatives",
        columns: &[
            "initiative",
            "name_zh",
            "name_en",
            "kind",
            "framework",
            "in_registry",
        ],
        sort: &[("initiative", T)],
    },
    Layout {
        name: "initiative_facts",
        columns: &[
            "assertion",
            "document",
            "initiative",
            "relation",
            "object",
            "object_kind",
            "object_label",
            "co_initiator_count",
        ],
        sort: &[
            ("initiative", T),
            ("relation", T),
            ("object", T),
            ("document", T),
            ("assertion", T),
        ],
    },
    Layout {
        name: "quantities",
        columns: &[
            "quantity",
            "document",
            "surface_form",
            "value",
            "unit",
            "currency",
            "comparator",
            "start",
            "end",
        ],
        sort: &[("document", T), ("start", I), ("end", I), ("quantity", T)],
    },
    Layout {
        name: "evidence",
        columns: &[
            "subject",
            "subject_kind",
            "property",
            "document",
            "url",
            "span",
            "start",
            "end",
            "text",
        ],
        sort: &[
            ("document", T),
            ("start", I),
            ("end", I),
            ("subject", T),
            ("property", T),
        ],
    },
];

/// One table: its layout and its rows (cells in the layout's column order).
#[derive(Debug, Clone)]
pub struct Table {
    pub layout: Layout,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The file name, `{name}.csv`.
    #[must_use]
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.layout.name)
    }
}

/// Errors building or writing the tables.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TablesError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("tables query failed: {0}")]
    Query(String),
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
}

fn io_error(path: &Path, e: &std::io::Error) -> TablesError {
    TablesError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

// ---------------------------------------------------------------------------------------
// Reading the store.

/// A term as a value: an IRI, or a literal with its language tag.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct V {
    value: String,
    lang: String,
}

fn v(t: &Term) -> V {
    match t {
        Term::NamedNode(n) => V {
            value: n.as_str().to_owned(),
            lang: String::new(),
        },
        Term::Literal(l) => V {
            value: l.value().to_owned(),
            lang: l.language().unwrap_or_default().to_owned(),
        },
        other => V {
            value: other.to_string(),
            lang: String::new(),
        },
    }
}

/// The values of each predicate of one node in one graph.
#[derive(Debug, Default, Clone)]
struct Props(BTreeMap<String, BTreeSet<V>>);

impl Props {
    fn all(&self, p: NamedNodeRef<'_>) -> impl Iterator<Item = &V> {
        self.0.get(p.as_str()).into_iter().flatten()
    }
    /// The smallest value (one per graph is what diplograph writes).
    fn one(&self, p: NamedNodeRef<'_>) -> String {
        self.all(p)
            .next()
            .map(|x| x.value.clone())
            .unwrap_or_default()
    }
    /// Every value, sorted, joined with [`SEPARATOR`].
    fn joined(&self, p: NamedNodeRef<'_>) -> String {
        join(self.all(p).map(|x| x.value.clone()))
    }
    fn has(&self, p: NamedNodeRef<'_>, o: NamedNodeRef<'_>) -> bool {
        self.all(p).any(|x| x.value == o.as_str())
    }
}

fn join(values: impl IntoIterator<Item = String>) -> String {
    let set: BTreeSet<String> = values.into_iter().filter(|x| !x.is_empty()).collect();
    let mut s = String::new();
    for (i, x) in set.iter().enumerate() {
        if i > 0 {
            s.push(SEPARATOR);
        }
        s.push_str(x);
    }
    s
}

/// The last path segment of an IRI: the id of a concept (`concept/role/chair` → `chair`).
fn local(iri: &str) -> String {
    iri.rsplit(['/', '#']).next().unwrap_or(iri).to_owned()
}

/// The SPARQL prologue: every prefix diplograph serialises with.
fn prologue() -> String {
    crate::vocab::PREFIXES
        .iter()
        .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
        .collect()
}

/// Which document graphs the queries read: one, or every `graph/doc/…`.
struct Scope {
    graph: Option<NamedNode>,
}

impl Scope {
    /// Wraps a pattern over `?g` so that `?g` ranges over the document graphs in scope.
    fn graphs(&self, pattern: &str) -> String {
        match &self.graph {
            Some(g) => format!("VALUES ?g {{ {g} }} GRAPH ?g {{ {pattern} }}"),
            None => format!(
                "GRAPH ?g {{ {pattern} }} FILTER(STRSTARTS(STR(?g), \"{}\"))",
                rdf::doc_graph("").as_str()
            ),
        }
    }
}

type Row = Vec<Option<Term>>;

fn select(store: &GraphStore, query: &str) -> Result<Vec<Row>, TablesError> {
    let query = format!("{}{query}", prologue());
    let mut prepared = SparqlEvaluator::new()
        .parse_query(&query)
        .map_err(|e| TablesError::Query(e.to_string().replace('\n', " ")))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = prepared
        .on_store(store.inner())
        .execute()
        .map_err(|e| TablesError::Query(e.to_string()))?
    else {
        return Err(TablesError::Query("not a SELECT".into()));
    };
    let vars: Vec<_> = solutions.variables().to_vec();
    let mut rows = Vec::new();
    for s in solutions {
        let s = s.map_err(|e| TablesError::Query(e.to_string()))?;
        rows.push(vars.iter().map(|x| s.get(x).cloned()).collect());
    }
    Ok(rows)
}

fn text(t: Option<&Term>) -> String {
    t.map(|t| v(t).value).unwrap_or_default()
}

/// Every node of `class` in the document graphs in scope, with all its triples there,
/// keyed by (node, graph).
fn nodes(
    store: &GraphStore,
    scope: &Scope,
    class: NamedNodeRef<'_>,
) -> Result<BTreeMap<(String, String), Props>, TablesError> {
    let q = format!(
        "SELECT ?s ?g ?p ?o WHERE {{ {} }}",
        scope.graphs(&format!("?s a {class} ; ?p ?o ."))
    );
    let mut out: BTreeMap<(String, String), Props> = BTreeMap::new();
    for r in select(store, &q)? {
        let (Some(s), Some(g), Some(p), Some(o)) = (&r[0], &r[1], &r[2], &r[3]) else {
            continue;
        };
        out.entry((v(s).value, v(g).value))
            .or_default()
            .0
            .entry(v(p).value)
            .or_default()
            .insert(v(o));
    }
    Ok(out)
}

/// Names and attributes of entities and concepts: what the registry graph says, and what
/// the document graphs in scope say.
#[derive(Debug, Default)]
struct Info {
    registry: BTreeMap<String, Props>,
    documents: BTreeMap<String, Props>,
}

/// The classes whose instances [`Info`] reads from the document graphs.
const ENTITY_CLASSES: &[NamedNodeRef<'static>] = &[
    schema::PERSON,
    schema::ORGANIZATION,
    dg::INITIATIVE,
    schema::PLACE,
];

/// The predicates [`Info`] reads from the registry.
const INFO_PREDICATES: &[NamedNodeRef<'static>] = &[
    crate::vocab::rdf::TYPE,
    schema::NAME,
    skos::PREF_LABEL,
    rdfs::LABEL,
    dg::ISO2,
    dg::ISO3,
    dg::ORG_KIND,
    org::SUB_ORGANIZATION_OF,
    dg::INITIATIVE_KIND,
    dg::PART_OF_FRAMEWORK,
];

impl Info {
    /// Reads the registry's names and attributes, and the names and types the document
    /// graphs in scope give, in a few whole passes (looking IRIs up one by one with
    /// `VALUES` is far slower in oxigraph). Document-graph values are kept only for the
    /// IRIs `wanted` says.
    fn load(
        store: &GraphStore,
        scope: &Scope,
        wanted: &dyn Fn(&str) -> bool,
    ) -> Result<Self, TablesError> {
        let list = |xs: &[NamedNodeRef<'_>]| {
            xs.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let reg = format!(
            "SELECT ?s ?p ?o WHERE {{ GRAPH {} {{ ?s ?p ?o VALUES ?p {{ {} }} }} }}",
            rdf::registry_graph(),
            list(INFO_PREDICATES)
        );
        let names = format!(
            "SELECT DISTINCT ?s ?p ?o WHERE {{ {} }}",
            scope.graphs(&format!(
                "?s ?p ?o VALUES ?p {{ {} }}",
                list(&[schema::NAME, skos::PREF_LABEL, rdfs::LABEL])
            ))
        );
        let types = format!(
            "SELECT DISTINCT ?s ?p ?o WHERE {{ {} }}",
            scope.graphs(&format!(
                "?s ?p ?o VALUES ?p {{ {} }} VALUES ?o {{ {} }}",
                crate::vocab::rdf::TYPE,
                list(ENTITY_CLASSES)
            ))
        );
        let mut info = Self::default();
        let read = |q: &str,
                    map: &mut BTreeMap<String, Props>,
                    keep: &dyn Fn(&str) -> bool|
         -> Result<(), TablesError> {
            for r in select(store, q)? {
                let (Some(s), Some(p), Some(o)) = (&r[0], &r[1], &r[2]) else {
                    continue;
                };
                let s = v(s).value;
                if keep(&s) {
                    map.entry(s)
                        .or_default()
                        .0
                        .entry(v(p).value)
                        .or_default()
                        .insert(v(o));
                }
            }
            Ok(())
        };
        read(&reg, &mut info.registry, &|_| true)?;
        read(&types, &mut info.documents, &|_| true)?;
        // Names of what the rows refer to and of the entities typed in the documents.
        let typed: BTreeSet<String> = info.documents.keys().cloned().collect();
        read(&names, &mut info.documents, &|s| {
            wanted(s) || typed.contains(s)
        })?;
        Ok(info)
    }

    /// The entities the document graphs in scope describe (people, organizations and
    /// initiatives typed there).
    fn described(&self) -> impl Iterator<Item = &String> {
        self.documents.iter().filter_map(|(s, p)| {
            [schema::PERSON, schema::ORGANIZATION, dg::INITIATIVE]
                .iter()
                .any(|t| p.has(crate::vocab::rdf::TYPE, *t))
                .then_some(s)
        })
    }

    fn props(&self, iri: &str) -> impl Iterator<Item = &Props> {
        self.registry
            .get(iri)
            .into_iter()
            .chain(self.documents.get(iri))
    }

    fn in_registry(&self, iri: &str) -> bool {
        self.registry.get(iri).is_some_and(|p| !p.0.is_empty())
    }

    /// An attribute: the registry's value, else the smallest value in the documents.
    fn attr(&self, iri: &str, p: NamedNodeRef<'_>) -> String {
        self.props(iri)
            .find_map(|x| x.all(p).next().map(|x| x.value.clone()))
            .unwrap_or_default()
    }

    /// The name of `iri` in `lang`: schema:name, else skos:prefLabel, else rdfs:label; from
    /// the registry first, then the documents; the smallest if several. Empty if none.
    fn name(&self, iri: &str, lang: &str) -> String {
        for props in self.props(iri) {
            for p in [schema::NAME, skos::PREF_LABEL, rdfs::LABEL] {
                if let Some(x) = props.all(p).find(|x| lang_matches(&x.lang, lang)) {
                    return x.value.clone();
                }
            }
        }
        String::new()
    }

    /// A label for a row of a document in `lang`: the name in that language, else in
    /// Chinese, else in English, else any name.
    fn label(&self, iri: &str, lang: &str) -> String {
        for l in [lang, "zh", "en", ""] {
            let n = self.name(iri, l);
            if !n.is_empty() {
                return n;
            }
        }
        String::new()
    }

    /// What kind of thing an IRI is, from its types.
    fn kind(&self, iri: &str) -> &'static str {
        let has = |t: NamedNodeRef<'_>| self.props(iri).any(|p| p.has(crate::vocab::rdf::TYPE, t));
        if has(schema::PERSON) {
            "person"
        } else if has(dg::COUNTRY) || has(schema::COUNTRY) {
            "country"
        } else if has(schema::ORGANIZATION) || has(org::FORMAL_ORGANIZATION) {
            "organization"
        } else if has(dg::INITIATIVE) {
            "initiative"
        } else if has(dg::DIPLOMATIC_EVENT) {
            "event"
        } else if has(schema::PLACE) {
            "place"
        } else {
            ""
        }
    }
}

/// `lang` matches `want` ("" matches anything; "zh" matches "zh-Hant").
fn lang_matches(lang: &str, want: &str) -> bool {
    want.is_empty()
        || lang.eq_ignore_ascii_case(want)
        || lang
            .get(..want.len() + 1)
            .is_some_and(|p| p.eq_ignore_ascii_case(&format!("{want}-")))
}

// ---------------------------------------------------------------------------------------
// Building the tables.

/// Builds every table from the store: from all document graphs, or from one.
pub fn build(store: &GraphStore, graph: Option<&NamedNode>) -> Result<Vec<Table>, TablesError> {
    let scope = Scope {
        graph: graph.cloned(),
    };
    let mut tables: BTreeMap<&'static str, Vec<Vec<String>>> = BTreeMap::new();

    // Documents, and each graph's document, language and URL.
    let docs = nodes(store, &scope, dg::SOURCE_DOCUMENT)?;
    let lengths: BTreeMap<String, String> = select(
        store,
        &format!(
            "SELECT ?g ?len WHERE {{ {} }}",
            scope.graphs("?ctx a nif:Context ; nif:endIndex ?len .")
        ),
    )?
    .into_iter()
    .map(|r| (text(r[0].as_ref()), text(r[1].as_ref())))
    .collect();
    // graph -> (document, language, url)
    let mut doc_of: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    let mut rows = Vec::new();
    for ((d, g), p) in &docs {
        let key = g
            .strip_prefix(rdf::doc_graph("").as_str())
            .unwrap_or_default()
            .to_owned();
        let lang = p.one(schema::IN_LANGUAGE);
        let url = p.one(schema::URL);
        doc_of.insert(g.clone(), (d.clone(), lang.clone(), url.clone()));
        rows.push(vec![
            d.clone(),
            key,
            g.clone(),
            url,
            p.one(schema::HEADLINE),
            p.one(schema::DATE_PUBLISHED),
            lang,
            lengths.get(g).cloned().unwrap_or_default(),
            p.one(dg::SHA256),
        ]);
    }
    tables.insert("documents", rows);
    let doc = |g: &str| -> (String, String, String) {
        doc_of.get(g).cloned().unwrap_or_else(|| {
            let key = g.strip_prefix(rdf::doc_graph("").as_str()).unwrap_or(g);
            (
                rdf::doc_iri(key).as_str().to_owned(),
                String::new(),
                String::new(),
            )
        })
    };

    let events = nodes(store, &scope, dg::DIPLOMATIC_EVENT)?;
    let parts = nodes(store, &scope, dg::PARTICIPATION)?;
    let tenures = nodes(store, &scope, dg::TENURE)?;
    let assertions = nodes(store, &scope, dg::ASSERTION)?;
    let quantities = nodes(store, &scope, dg::QUANTITY_OBSERVATION)?;

    // Entities: those the document graphs describe, and those the rows refer to.
    let mut entities: BTreeSet<String> = BTreeSet::new();
    let mut referenced: BTreeSet<String> = BTreeSet::new();
    for p in parts.values() {
        entities.extend(p.all(dg::PARTICIPANT).map(|x| x.value.clone()));
        entities.extend(p.all(dg::REPRESENTING).map(|x| x.value.clone()));
    }
    for p in tenures.values() {
        entities.extend(p.all(org::MEMBER).map(|x| x.value.clone()));
        entities.extend(p.all(org::ORGANIZATION).map(|x| x.value.clone()));
    }
    for p in assertions.values() {
        entities.extend(p.all(dg::SUBJECT).map(|x| x.value.clone()));
        referenced.extend(p.all(dg::OBJECT).map(|x| x.value.clone()));
    }
    for p in events.values() {
        referenced.extend(p.all(schema::LOCATION).map(|x| x.value.clone()));
    }
    let info = Info::load(store, &scope, &|s| {
        entities.contains(s) || referenced.contains(s)
    })?;
    entities.extend(info.described().cloned());
    // Objects of initiative facts that are entities (not events) belong to the entity
    // tables too.
    for o in &referenced {
        if matches!(
            info.kind(o),
            "person" | "country" | "organization" | "initiative"
        ) {
            entities.insert(o.clone());
        }
    }
    // Parents and frameworks (registry entities), so that those columns join.
    loop {
        let more: BTreeSet<String> = entities
            .iter()
            .flat_map(|e| {
                [
                    info.attr(e, org::SUB_ORGANIZATION_OF),
                    info.attr(e, dg::PART_OF_FRAMEWORK),
                ]
            })
            .filter(|x| !x.is_empty() && !entities.contains(x))
            .collect();
        if more.is_empty() {
            break;
        }
        entities.extend(more);
    }

    // Events: one row per (event, document).
    let mut rows = Vec::new();
    for ((e, g), p) in &events {
        let (d, lang, _) = doc(g);
        let ty = p.one(sem::EVENT_TYPE);
        let place = p.one(schema::LOCATION);
        let mode = p.one(schema::EVENT_ATTENDANCE_MODE);
        let mode = if mode == schema::ONLINE.as_str() {
            "online".to_owned()
        } else if mode == schema::OFFLINE.as_str() {
            "offline".to_owned()
        } else if mode.is_empty() {
            String::new()
        } else {
            local(&mode)
        };
        let status = p.one(dg::STATUS);
        rows.push(vec![
            e.clone(),
            d,
            if status.is_empty() {
                status
            } else {
                local(&status)
            },
            if ty.is_empty() {
                String::new()
            } else {
                local(&ty)
            },
            if ty.is_empty() {
                String::new()
            } else {
                info.label(&ty, &lang)
            },
            p.joined(schema::NAME),
            p.one(schema::START_DATE),
            place.clone(),
            if place.is_empty() {
                place
            } else {
                info.label(&place, &lang)
            },
            mode,
            p.joined(dg::THEME),
            p.one(dg::ATTENDING_COUNTRY_COUNT),
            p.one(schema::SUPER_EVENT),
        ]);
    }
    tables.insert("events", rows);

    // Participations: one row per (participation, document).
    let mut rows = Vec::new();
    for ((s, g), p) in &parts {
        let (d, lang, _) = doc(g);
        let who = p.one(dg::PARTICIPANT);
        let rep = p.one(dg::REPRESENTING);
        let label = |x: &str| {
            if x.is_empty() {
                String::new()
            } else {
                info.label(x, &lang)
            }
        };
        rows.push(vec![
            s.clone(),
            p.one(dg::EVENT),
            d,
            who.clone(),
            info.kind(&who).to_owned(),
            label(&who),
            join(p.all(dg::PARTICIPATION_ROLE).map(|x| local(&x.value))),
            p.joined(schema::ROLE_NAME),
            p.joined(dg::IN_CAPACITY_OF),
            rep.clone(),
            if rep.is_empty() {
                String::new()
            } else {
                info.kind(&rep).to_owned()
            },
            label(&rep),
        ]);
    }
    tables.insert("participations", rows);

    // Tenures: one row per (tenure, document).
    let mut rows = Vec::new();
    for ((s, g), p) in &tenures {
        let (d, lang, _) = doc(g);
        let pos = p.one(org::ROLE_PROP);
        let of = p.one(org::ORGANIZATION);
        rows.push(vec![
            s.clone(),
            d,
            p.one(org::MEMBER),
            if pos.is_empty() {
                String::new()
            } else {
                local(&pos)
            },
            if pos.is_empty() {
                String::new()
            } else {
                info.label(&pos, &lang)
            },
            of.clone(),
            if of.is_empty() {
                String::new()
            } else {
                info.kind(&of).to_owned()
            },
            p.one(dg::POST),
            p.joined(schema::ROLE_NAME),
            p.one(dg::ATTESTED_ON),
        ]);
    }
    tables.insert("tenures", rows);

    // Entities.
    let yes_no = |b: bool| if b { "true" } else { "false" }.to_owned();
    let (mut people, mut orgs, mut countries, mut inits) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for e in &entities {
        let (zh, en) = (info.name(e, "zh"), info.name(e, "en"));
        match info.kind(e) {
            "person" => people.push(vec![e.clone(), zh, en, yes_no(info.in_registry(e))]),
            "country" => countries.push(vec![
                e.clone(),
                info.attr(e, dg::ISO2),
                info.attr(e, dg::ISO3),
                zh,
                en,
            ]),
            "organization" => {
                let kind = info.attr(e, dg::ORG_KIND);
                orgs.push(vec![
                    e.clone(),
                    zh,
                    en,
                    if kind.is_empty() { kind } else { local(&kind) },
                    info.attr(e, org::SUB_ORGANIZATION_OF),
                    yes_no(info.in_registry(e)),
                ]);
            }
            "initiative" => {
                let kind = info.attr(e, dg::INITIATIVE_KIND);
                inits.push(vec![
                    e.clone(),
                    zh,
                    en,
                    if kind.is_empty() { kind } else { local(&kind) },
                    info.attr(e, dg::PART_OF_FRAMEWORK),
                    yes_no(info.in_registry(e)),
                ]);
            }
            _ => {}
        }
    }
    tables.insert("people", people);
    tables.insert("organizations", orgs);
    tables.insert("countries", countries);
    tables.insert("initiatives", inits);

    // Initiative facts: one row per assertion (assertions are minted per document).
    let co_counts: BTreeMap<(String, String), String> = select(
        store,
        &format!(
            "SELECT ?i ?g ?n WHERE {{ {} }}",
            scope.graphs("?i dg:coInitiatorCount ?n .")
        ),
    )?
    .into_iter()
    .map(|r| {
        (
            (text(r[0].as_ref()), text(r[1].as_ref())),
            text(r[2].as_ref()),
        )
    })
    .collect();
    let mut rows = Vec::new();
    for ((s, g), p) in &assertions {
        let (d, lang, _) = doc(g);
        let ini = p.one(dg::SUBJECT);
        let pred = p.one(dg::PREDICATE);
        let obj = p.one(dg::OBJECT);
        let kind = if events.contains_key(&(obj.clone(), g.clone())) {
            "event"
        } else {
            info.kind(&obj)
        };
        let label = if kind == "event" {
            events
                .get(&(obj.clone(), g.clone()))
                .map(|e| e.joined(schema::NAME))
                .unwrap_or_default()
        } else {
            info.label(&obj, &lang)
        };
        rows.push(vec![
            s.clone(),
            d,
            ini.clone(),
            local(&pred),
            obj,
            kind.to_owned(),
            label,
            if pred == dg::LAUNCHED_AT.as_str() {
                co_counts
                    .get(&(ini, g.clone()))
                    .cloned()
                    .unwrap_or_default()
            } else {
                String::new()
            },
        ]);
    }
    tables.insert("initiative_facts", rows);

    // Evidence: one row per (subject, property, span).
    let ev_query = format!(
        "SELECT ?s ?g ?p ?span ?b ?e ?t WHERE {{ {} }}",
        scope.graphs(
            "VALUES ?p { dg:evidence dg:countText } ?s ?p ?span . \
             ?span nif:beginIndex ?b ; nif:endIndex ?e . OPTIONAL { ?span nif:anchorOf ?t }"
        )
    );
    let types_query = format!(
        "SELECT DISTINCT ?s ?g ?t WHERE {{ {} }}",
        scope.graphs("?s dg:evidence ?x ; a ?t .")
    );
    let mut types: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for r in select(store, &types_query)? {
        types
            .entry((text(r[0].as_ref()), text(r[1].as_ref())))
            .or_default()
            .insert(text(r[2].as_ref()));
    }
    let subject_kind = |s: &str, g: &str| -> &'static str {
        let Some(ts) = types.get(&(s.to_owned(), g.to_owned())) else {
            return "";
        };
        let is = |t: NamedNodeRef<'_>| ts.contains(t.as_str());
        if is(dg::DIPLOMATIC_EVENT) {
            "event"
        } else if is(dg::PARTICIPATION) {
            "participation"
        } else if is(dg::TENURE) {
            "tenure"
        } else if is(dg::PROPOSAL) {
            "proposal"
        } else if is(dg::STATEMENT) {
            "statement"
        } else if is(schema::MESSAGE) {
            "message"
        } else if is(dg::ASSERTION) {
            "assertion"
        } else if is(dg::QUANTITY_OBSERVATION) {
            "quantity"
        } else {
            ""
        }
    };
    // (subject, graph) -> [(start, end, text)], for the spans of quantities.
    let mut spans_of: BTreeMap<(String, String), Vec<(String, String, String)>> = BTreeMap::new();
    let mut rows = Vec::new();
    let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
    for r in select(store, &ev_query)? {
        let (s, g, p, span) = (
            text(r[0].as_ref()),
            text(r[1].as_ref()),
            text(r[2].as_ref()),
            text(r[3].as_ref()),
        );
        if !seen.insert((s.clone(), p.clone(), span.clone())) {
            continue;
        }
        let (b, e, t) = (
            text(r[4].as_ref()),
            text(r[5].as_ref()),
            text(r[6].as_ref()),
        );
        let (d, _, url) = doc(&g);
        spans_of
            .entry((s.clone(), g.clone()))
            .or_default()
            .push((b.clone(), e.clone(), t.clone()));
        rows.push(vec![
            s.clone(),
            subject_kind(&s, &g).to_owned(),
            local(&p),
            d,
            url,
            span,
            b,
            e,
            t,
        ]);
    }
    tables.insert("evidence", rows);

    // Quantities: one row per observation, with the span of the number itself (the
    // evidence span whose text is the surface form, else the shortest).
    let mut values: BTreeMap<(String, String), Props> = BTreeMap::new();
    if !quantities.is_empty() {
        let q = format!(
            "SELECT ?v ?g ?p ?o WHERE {{ {} }}",
            scope.graphs(
                "?q dg:quantityValue ?v . ?v ?p ?o . \
                 VALUES ?p { schema:value schema:unitText schema:currency }"
            )
        );
        for r in select(store, &q)? {
            let (Some(vn), Some(g), Some(p), Some(o)) = (&r[0], &r[1], &r[2], &r[3]) else {
                continue;
            };
            values
                .entry((v(vn).value, v(g).value))
                .or_default()
                .0
                .entry(v(p).value)
                .or_default()
                .insert(v(o));
        }
    }
    let mut rows = Vec::new();
    for ((s, g), p) in &quantities {
        let (d, _, _) = doc(g);
        let surface = p.joined(dg::SURFACE_FORM);
        let len = |x: &(String, String, String)| {
            x.1.parse::<u64>()
                .unwrap_or(0)
                .saturating_sub(x.0.parse::<u64>().unwrap_or(0))
        };
        let own = spans_of.get(&(s.clone(), g.clone())).and_then(|sp| {
            sp.iter()
                .filter(|x| x.2 == surface)
                .min_by_key(|x| (len(x), x.0.clone()))
                .or_else(|| sp.iter().min_by_key(|x| (len(x), x.0.clone())))
        });
        let value = values
            .get(&(p.one(dg::QUANTITY_VALUE), g.clone()))
            .cloned()
            .unwrap_or_default();
        let comparator = p.one(dg::COMPARATOR);
        rows.push(vec![
            s.clone(),
            d,
            surface,
            value.one(schema::VALUE),
            value.one(schema::UNIT_TEXT),
            value.one(schema::CURRENCY),
            if comparator.is_empty() {
                comparator
            } else {
                local(&comparator)
            },
            own.map(|x| x.0.clone()).unwrap_or_default(),
            own.map(|x| x.1.clone()).unwrap_or_default(),
        ]);
    }
    tables.insert("quantities", rows);

    Ok(LAYOUTS
        .iter()
        .map(|layout| {
            let mut rows = tables.remove(layout.name).unwrap_or_default();
            sort_rows(layout, &mut rows);
            Table {
                layout: *layout,
                rows,
            }
        })
        .collect())
}

/// Sorts rows by the layout's sort columns, then by every column, so the order is total.
fn sort_rows(layout: &Layout, rows: &mut [Vec<String>]) {
    let idx: Vec<(usize, Order)> = layout
        .sort
        .iter()
        .filter_map(|(c, o)| layout.columns.iter().position(|x| x == c).map(|i| (i, *o)))
        .collect();
    rows.sort_by(|a, b| {
        for (i, o) in &idx {
            let ord = match o {
                Order::Text => a[*i].cmp(&b[*i]),
                Order::Integer => {
                    let n = |s: &str| s.parse::<i128>().ok();
                    n(&a[*i]).cmp(&n(&b[*i])).then_with(|| a[*i].cmp(&b[*i]))
                }
            };
            if ord.is_ne() {
                return ord;
            }
        }
        a.cmp(b)
    });
}

// ---------------------------------------------------------------------------------------
// Writing CSV.

/// One CSV field, quoted as RFC 4180 says when it holds a comma, a quote or a line break.
fn field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

/// Writes a table as CSV: a header row, then the rows; CRLF line ends.
pub fn write_csv(table: &Table, out: &mut dyn Write) -> std::io::Result<()> {
    let line = |out: &mut dyn Write, cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::new();
        for (i, c) in cells.enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&field(c));
        }
        s.push_str("\r\n");
        out.write_all(s.as_bytes())
    };
    line(out, &mut table.layout.columns.iter().copied())?;
    for r in &table.rows {
        line(out, &mut r.iter().map(String::as_str))?;
    }
    Ok(())
}

/// Writes every table to `dir/{name}.csv` (creating `dir`); each file is written to a
/// temporary name first and renamed, so a file is either complete or absent.
pub fn write_dir(tables: &[Table], dir: &Path) -> Result<(), TablesError> {
    if dir.exists() && !dir.is_dir() {
        return Err(TablesError::Io {
            path: dir.to_path_buf(),
            message: "not a directory".into(),
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
    for t in tables {
        let path = dir.join(t.file_name());
        let tmp = dir.join(format!(".{}.tmp", t.file_name()));
        let f = std::fs::File::create(&tmp).map_err(|e| io_error(&tmp, &e))?;
        let mut w = std::io::BufWriter::new(f);
        write_csv(t, &mut w)
            .and_then(|()| w.flush())
            .map_err(|e| io_error(&tmp, &e))?;
        drop(w);
        std::fs::rename(&tmp, &path).map_err(|e| io_error(&path, &e))?;
    }
    Ok(())
}

/// Builds the tables and writes them to `dir`; returns each file name with its row count.
pub fn export(
    store: &GraphStore,
    graph: Option<&NamedNode>,
    dir: &Path,
) -> Result<Vec<(String, usize)>, TablesError> {
    let tables = build(store, graph)?;
    write_dir(&tables, dir)?;
    Ok(tables
        .iter()
        .map(|t| (t.file_name(), t.rows.len()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn csv_has_a_header_and_crlf_line_ends() {
        let t = Table {
            layout: LAYOUTS[6],
            rows: vec![vec![
                "c".into(),
                "XA".into(),
                "XAA".into(),
                "甲国".into(),
                "Country A, Republic of".into(),
            ]],
        };
        let mut out = Vec::new();
        write_csv(&t, &mut out).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "country,iso2,iso3,name_zh,name_en\r\nc,XA,XAA,甲国,\"Country A, Republic of\"\r\n"
        );
    }

    #[test]
    fn integer_sort_columns_sort_as_numbers() {
        let layout = LAYOUTS
            .iter()
            .find(|l| l.name == "evidence")
            .copied()
            .expect("evidence");
        let row = |d: &str, b: &str| {
            let mut r = vec![String::new(); layout.columns.len()];
            r[3] = d.into();
            r[6] = b.into();
            r
        };
        let mut rows = vec![row("d", "10"), row("d", "9"), row("c", "100")];
        sort_rows(&layout, &mut rows);
        let got: Vec<(&str, &str)> = rows.iter().map(|r| (&*r[3], &*r[6])).collect();
        assert_eq!(got, [("c", "100"), ("d", "9"), ("d", "10")]);
    }

    #[test]
    fn concept_ids_are_the_last_segment() {
        assert_eq!(
            local("https://w3id.org/diplograph/concept/role/chair"),
            "chair"
        );
        assert_eq!(
            local("https://w3id.org/diplograph/ontology#launchedAt"),
            "launchedAt"
        );
        assert!(lang_matches("zh-Hant", "zh"));
        assert!(!lang_matches("zhx", "zh"));
    }
}
