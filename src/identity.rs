//! Identity across documents: which reports describe the same event, and which names in
//! different scripts denote the same person.
//!
//! Every document graph carries *identity keys* minted from that document alone (one per
//! dated event: its local IRI, date, type and attendees; and the IRIs of the people outside
//! the registry it names). Which local IRIs are the same real thing is decided from the keys
//! of all stored documents and recorded in the identity graph (`graph/identity`): an
//! `owl:sameAs` link from every merged local IRI to its canonical IRI, and one decision record
//! per merge saying which documents, which shared attendees and which rule. Document graphs
//! are then rewritten to use the canonical IRIs, so the union graph has one node per event
//! and per person; nothing is copied between document graphs.
//!
//! The decisions are a function of the set of stored documents, never of the order they
//! came in: events only merge within a *block* (same date and same event type), so adding or
//! removing a document recomputes the blocks it touches; people merge only through merged
//! events, and their clusters are recomputed from all stored person decisions.
//!
//! Rules (also in `ontology/README.md`):
//! - **events**: two events reported by different documents, same date, same type, are the
//!   same event when (a) they have the same local IRI, or (b) at least two attendees or
//!   represented parties match (a person outside the registry matches the only person
//!   named for the same party on the other side when their names and posts agree), the
//!   matches cover at least 60% of the smaller attendee set and a third of the union,
//!   conflicts (a party with a different single person on each side) number less than a
//!   quarter of the matches, and each is the other's unique best match in its document.
//!   A cluster never holds two events of one document.
//! - **people**: within one merged event, a person outside the registry in one report and a
//!   person in the other are the same when each is the only named person representing the
//!   same party, both chair or both do not, their posts agree where both are known, and
//!   their names are in different scripts (Chinese and Latin) or one name ends with the
//!   other (a surname-only form). A registry person is never merged with another registry
//!   person, and a cluster never holds two people named in one document.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, QuadRef, Term,
};
use oxigraph::store::{StorageError, Transaction};
use serde::{Deserialize, Serialize};

use crate::text::normalize_name;
use crate::vocab::{dg, owl, rdf, rdfs, schema, xsd, BASE};

/// The identity key of one dated event, as written into its document's graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventKey {
    /// The event's IRI as minted from this document alone.
    pub event: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Event-type concept id.
    #[serde(rename = "type")]
    pub kind: String,
    /// Everyone and every party the document places at the event.
    pub attendees: Vec<Attendee>,
}

/// One attendee in an [`EventKey`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attendee {
    /// IRI of the person, country or organization.
    pub iri: String,
    /// Whether the attendee is a person.
    pub person: bool,
    /// Whether the person is in the registry (registry people are never merged with each other).
    pub registry: bool,
    /// IRI of the party the attendee represents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Whether the attendee chairs or hosts the event.
    pub chair: bool,
    /// Position ids of the titles the document gives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<String>,
    /// Name as written (people only).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

impl EventKey {
    /// The block the event is compared within: `{date}/{type}`.
    #[must_use]
    pub fn block(&self) -> String {
        format!("{}/{}", self.date, self.kind)
    }

    /// The node a document graph hangs the key on: one per block, shared by every
    /// document with a key in it, so that one index scan reads a block's keys.
    #[must_use]
    pub fn block_node(&self) -> NamedNode {
        crate::rdf::identity_block(&self.block())
    }
}

/// The identity graph.
#[must_use]
pub fn identity_graph() -> NamedNode {
    NamedNode::new_unchecked(format!("{BASE}graph/identity"))
}

fn hash(parts: &[&str]) -> String {
    crate::rdf::hash_hex(parts, 8)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Script {
    Han,
    Latin,
    Other,
}

fn script(name: &str) -> Script {
    if name.chars().any(crate::text::is_han) {
        Script::Han
    } else if name.chars().any(|c| c.is_alphabetic()) {
        Script::Latin
    } else {
        Script::Other
    }
}

/// Whether two people named at the same event for the same party may be one person.
fn compatible(a: &Attendee, b: &Attendee) -> bool {
    if a.iri == b.iri {
        return true;
    }
    if a.registry && b.registry {
        return false;
    }
    if a.chair != b.chair {
        return false;
    }
    let names = match (script(&a.name), script(&b.name)) {
        (x, y) if x != y => true,
        _ => {
            let (x, y) = (
                normalize_name(&a.name).to_lowercase(),
                normalize_name(&b.name).to_lowercase(),
            );
            !x.is_empty() && !y.is_empty() && (x.ends_with(&y) || y.ends_with(&x))
        }
    };
    let posts =
        a.posts.is_empty() || b.posts.is_empty() || a.posts.iter().any(|p| b.posts.contains(p));
    names && posts
}

/// A stored event key: the document it is in and the key itself.
#[derive(Debug, Clone)]
pub struct Keyed {
    /// Document key.
    pub doc: String,
    /// The key.
    pub key: EventKey,
}

/// What the identity step needs of a document about to be written, taken from its quads
/// so that the step need not read them back from the store: its event keys and the people
/// outside the registry it names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    /// Its event keys, in the order its graph has them.
    pub keys: Vec<EventKey>,
    /// IRIs of the people outside the registry it names.
    pub people: BTreeSet<String>,
}

impl Written {
    /// Reads the identity keys from a document graph's quads, as [`block_keys`] and
    /// [`document_locals`] read them from the store.
    #[must_use]
    pub fn from_quads(quads: &[Quad]) -> Self {
        let mut out = Self::default();
        for q in quads {
            if q.predicate == dg::IDENTITY_KEY {
                if let Some(k) =
                    lit_value(&q.object).and_then(|j| serde_json::from_str::<EventKey>(j).ok())
                {
                    out.keys.push(k);
                }
            } else if q.predicate == dg::IDENTITY_PERSON {
                if let Some(v) = lit_value(&q.object) {
                    out.people.insert(v.to_owned());
                }
            }
        }
        out
    }

    /// The blocks its keys are in.
    #[must_use]
    pub fn blocks(&self) -> BTreeSet<String> {
        self.keys.iter().map(EventKey::block).collect()
    }

    /// Its local IRIs: events and people outside the registry.
    fn locals(&self) -> BTreeSet<String> {
        self.keys
            .iter()
            .map(|k| k.event.clone())
            .chain(self.people.iter().cloned())
            .collect()
    }
}

/// Why two events were merged.
#[derive(Debug, Clone, PartialEq)]
pub struct EventMatch {
    a: usize,
    b: usize,
    /// Matched attendees and parties (IRIs; a person pair is written `left=right`).
    shared: Vec<String>,
    score: f64,
    same_iri: bool,
}

/// People named in one event for each party.
fn people_by_party(k: &EventKey) -> BTreeMap<&str, Vec<&Attendee>> {
    let mut m: BTreeMap<&str, Vec<&Attendee>> = BTreeMap::new();
    for a in k.attendees.iter().filter(|a| a.person) {
        if let Some(p) = &a.party {
            m.entry(p.as_str()).or_default().push(a);
        }
    }
    m
}

/// Pairs of people who are each the only named person for the same party in two events.
fn single_pairs<'k>(
    x: &'k EventKey,
    y: &'k EventKey,
) -> Vec<(&'k str, &'k Attendee, &'k Attendee)> {
    let (px, py) = (people_by_party(x), people_by_party(y));
    let mut out = Vec::new();
    for (party, xs) in &px {
        if let (Some(ys), [a]) = (py.get(party), xs.as_slice()) {
            if let [b] = ys.as_slice() {
                out.push((*party, *a, *b));
            }
        }
    }
    out
}

/// Compares two events of different documents in one block.
fn compare(x: &EventKey, y: &EventKey) -> Option<(f64, Vec<String>)> {
    if x.event == y.event {
        return Some((1.0, Vec::new()));
    }
    let (pairs, conflicts): (Vec<_>, Vec<_>) = single_pairs(x, y)
        .into_iter()
        .partition(|(_, a, b)| compatible(a, b));
    let features = |k: &EventKey| -> BTreeSet<String> {
        let mut f = BTreeSet::new();
        for a in &k.attendees {
            f.insert(a.iri.clone());
            if let Some(p) = &a.party {
                f.insert(p.clone());
            }
        }
        f
    };
    let (fx, fy) = (features(x), features(y));
    let mut shared: Vec<String> = fx.intersection(&fy).cloned().collect();
    for (_, a, b) in &pairs {
        if a.iri != b.iri {
            shared.push(format!("{}={}", a.iri, b.iri));
        }
    }
    let matched = shared.len();
    let smaller = fx.len().min(fy.len());
    let union = fx.len() + fy.len() - matched;
    // A party with a different single person on each side is evidence of two events: one
    // such conflict outweighs up to three matches (a bilateral meeting with another official
    // of the same country), not a whole multilateral attendance list.
    if matched < 2 || smaller == 0 || union == 0 || conflicts.len() * 4 >= matched {
        return None;
    }
    #[allow(clippy::cast_precision_loss)]
    let (cover, jaccard) = (
        matched as f64 / smaller as f64,
        matched as f64 / union as f64,
    );
    (cover >= 0.6 && jaccard >= 1.0 / 3.0).then_some((jaccard, shared))
}

/// Clusters the events of one block. Returns the cluster index of each key and the matches
/// that joined them.
#[must_use]
pub fn cluster_events(keys: &[Keyed]) -> (Vec<usize>, Vec<EventMatch>) {
    let n = keys.len();
    let mut scores: BTreeMap<(usize, usize), (f64, Vec<String>)> = BTreeMap::new();
    for i in 0..n {
        for j in i + 1..n {
            if keys[i].doc == keys[j].doc {
                continue;
            }
            if let Some(s) = compare(&keys[i].key, &keys[j].key) {
                scores.insert((i, j), s);
            }
        }
    }
    // Unique best match of `i` among the events of document `doc`.
    let best = |i: usize, doc: &str| -> Option<usize> {
        let mut top: Option<(f64, usize)> = None;
        let mut tie = false;
        for j in (0..n).filter(|&j| keys[j].doc == doc) {
            let s = scores.get(&(i.min(j), i.max(j))).map(|s| s.0);
            if let Some(s) = s {
                match top {
                    Some((t, _)) if (s - t).abs() < 1e-12 => tie = true,
                    Some((t, _)) if s < t => {}
                    _ => {
                        top = Some((s, j));
                        tie = false;
                    }
                }
            }
        }
        if tie {
            None
        } else {
            top.map(|t| t.1)
        }
    };
    let mut edges: Vec<EventMatch> = scores
        .iter()
        .filter(|((i, j), (s, _))| {
            *s >= 1.0 && keys[*i].key.event == keys[*j].key.event
                || (best(*i, &keys[*j].doc) == Some(*j) && best(*j, &keys[*i].doc) == Some(*i))
        })
        .map(|((i, j), (s, shared))| EventMatch {
            a: *i,
            b: *j,
            shared: shared.clone(),
            score: *s,
            same_iri: keys[*i].key.event == keys[*j].key.event,
        })
        .collect();
    edges.sort_by(|x, y| {
        y.same_iri
            .cmp(&x.same_iri)
            .then(y.score.total_cmp(&x.score))
            .then_with(|| pair_name(keys, x).cmp(&pair_name(keys, y)))
    });
    let mut cluster: Vec<usize> = (0..n).collect();
    let mut docs: Vec<BTreeSet<&str>> = keys
        .iter()
        .map(|k| BTreeSet::from([k.doc.as_str()]))
        .collect();
    let mut kept = Vec::new();
    for e in edges {
        let (ca, cb) = (cluster[e.a], cluster[e.b]);
        if ca == cb {
            kept.push(e);
            continue;
        }
        if !e.same_iri && !docs[ca].is_disjoint(&docs[cb]) {
            continue;
        }
        let (keep, gone) = (ca.min(cb), ca.max(cb));
        for c in &mut cluster {
            if *c == gone {
                *c = keep;
            }
        }
        let moved = std::mem::take(&mut docs[gone]);
        docs[keep].extend(moved);
        kept.push(e);
    }
    (cluster, kept)
}

fn pair_name(keys: &[Keyed], e: &EventMatch) -> (String, String) {
    let (x, y) = (
        format!("{} {}", keys[e.a].key.event, keys[e.a].doc),
        format!("{} {}", keys[e.b].key.event, keys[e.b].doc),
    );
    (x.clone().min(y.clone()), x.max(y))
}

/// A decision that two people are one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct PersonMatch {
    left: String,
    right: String,
    why: String,
    party: String,
    event: String,
    left_doc: String,
    right_doc: String,
}

fn person_matches(
    keys: &[Keyed],
    cluster: &[usize],
    canonical: &BTreeMap<usize, String>,
) -> Vec<PersonMatch> {
    let mut out = BTreeSet::new();
    for i in 0..keys.len() {
        for j in 0..keys.len() {
            if cluster[i] != cluster[j] || keys[i].doc >= keys[j].doc {
                continue;
            }
            for (party, a, b) in single_pairs(&keys[i].key, &keys[j].key) {
                if a.iri == b.iri || !compatible(a, b) {
                    continue;
                }
                let (l, r, ld, rd) = if a.iri < b.iri {
                    (&a.iri, &b.iri, &keys[i].doc, &keys[j].doc)
                } else {
                    (&b.iri, &a.iri, &keys[j].doc, &keys[i].doc)
                };
                let (ln, rn) = if a.iri < b.iri {
                    (&a.name, &b.name)
                } else {
                    (&b.name, &a.name)
                };
                let scripts = if script(ln) == script(rn) {
                    "one name ends with the other"
                } else {
                    "names in different scripts"
                };
                let posts: Vec<&String> = a.posts.iter().filter(|p| b.posts.contains(p)).collect();
                let why = format!(
                    "{ln} and {rn} are the only people the two reports name for {} at this event, both {}; {scripts}{}",
                    party.rsplit('/').next().unwrap_or(party),
                    if a.chair { "chairing or hosting" } else { "attending" },
                    if posts.is_empty() {
                        String::new()
                    } else {
                        format!("; same post ({})", posts.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", "))
                    }
                );
                out.insert(PersonMatch {
                    left: l.clone(),
                    right: r.clone(),
                    why,
                    party: party.to_owned(),
                    event: canonical[&cluster[i]].clone(),
                    left_doc: ld.clone(),
                    right_doc: rd.clone(),
                });
            }
        }
    }
    out.into_iter().collect()
}

fn nn(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

fn doc_key_of_graph(g: &oxigraph::model::GraphName) -> Option<String> {
    let prefix = crate::rdf::doc_graph("");
    match g {
        oxigraph::model::GraphName::NamedNode(n) => {
            n.as_str().strip_prefix(prefix.as_str()).map(str::to_owned)
        }
        _ => None,
    }
}

fn lit_value(t: &Term) -> Option<&str> {
    match t {
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

/// Reads the event keys of one block from the document graphs (one index scan: the keys
/// hang on the block's node), except those of the documents in `written`, whose keys in
/// the block are given (`known`).
fn block_keys(
    tx: &Transaction<'_>,
    block: &str,
    written: &BTreeMap<String, Written>,
    known: &[Keyed],
) -> Result<Vec<Keyed>, StorageError> {
    let node = crate::rdf::identity_block(block);
    let mut out = known.to_vec();
    for q in tx.quads_for_pattern(
        Some(NamedOrBlankNodeRef::from(&node)),
        Some(dg::IDENTITY_KEY),
        None,
        None,
    ) {
        let q = q?;
        let Some(doc) = doc_key_of_graph(&q.graph_name) else {
            continue;
        };
        if written.contains_key(&doc) {
            continue;
        }
        if let Some(key) =
            lit_value(&q.object).and_then(|j| serde_json::from_str::<EventKey>(j).ok())
        {
            out.push(Keyed { doc, key });
        }
    }
    out.sort_by(|x, y| (&x.key.event, &x.doc).cmp(&(&y.key.event, &y.doc)));
    Ok(out)
}

/// The blocks a document's graph has keys in.
pub fn document_blocks(tx: &Transaction<'_>, doc: &str) -> Result<BTreeSet<String>, StorageError> {
    let g = crate::rdf::doc_graph(doc);
    let mut out = BTreeSet::new();
    for q in tx.quads_for_pattern(
        None,
        Some(dg::IDENTITY_KEY),
        None,
        Some(GraphNameRef::from(&g)),
    ) {
        if let Some(k) =
            lit_value(&q?.object).and_then(|j| serde_json::from_str::<EventKey>(j).ok())
        {
            out.insert(k.block());
        }
    }
    Ok(out)
}

/// Local IRIs a document's graph names: its events' and its people's (outside the registry).
fn document_locals(tx: &Transaction<'_>, doc: &str) -> Result<BTreeSet<String>, StorageError> {
    let g = crate::rdf::doc_graph(doc);
    let gr = GraphNameRef::from(&g);
    let mut out = BTreeSet::new();
    for q in tx.quads_for_pattern(None, Some(dg::IDENTITY_KEY), None, Some(gr)) {
        if let Some(k) =
            lit_value(&q?.object).and_then(|j| serde_json::from_str::<EventKey>(j).ok())
        {
            out.insert(k.event);
        }
    }
    for q in tx.quads_for_pattern(None, Some(dg::IDENTITY_PERSON), None, Some(gr)) {
        if let Some(v) = lit_value(&q?.object) {
            out.insert(v.to_owned());
        }
    }
    Ok(out)
}

/// Documents that name a person (outside the registry).
fn documents_naming(tx: &Transaction<'_>, person: &str) -> Result<BTreeSet<String>, StorageError> {
    let l = Literal::new_simple_literal(person);
    let mut out = BTreeSet::new();
    for q in tx.quads_for_pattern(
        None,
        Some(dg::IDENTITY_PERSON),
        Some(l.as_ref().into()),
        None,
    ) {
        if let Some(d) = doc_key_of_graph(&q?.graph_name) {
            out.insert(d);
        }
    }
    Ok(out)
}

/// The canonical IRI the identity graph currently gives a local IRI.
fn current_canonical(tx: &Transaction<'_>, local: &str) -> Result<String, StorageError> {
    let g = identity_graph();
    let s = nn(local);
    for q in tx.quads_for_pattern(
        Some(NamedOrBlankNodeRef::from(&s)),
        Some(owl::SAME_AS),
        None,
        Some(GraphNameRef::from(&g)),
    ) {
        if let Term::NamedNode(c) = q?.object {
            return Ok(c.into_string());
        }
    }
    Ok(local.to_owned())
}

/// Subjects in the identity graph recorded for one block, with all their quads.
fn block_records(tx: &Transaction<'_>, block: &str) -> Result<Vec<Quad>, StorageError> {
    let g = identity_graph();
    let b = Literal::new_simple_literal(block);
    let mut out = Vec::new();
    for q in tx.quads_for_pattern(
        None,
        Some(dg::IDENTITY_BLOCK),
        Some(b.as_ref().into()),
        Some(GraphNameRef::from(&g)),
    ) {
        let q = q?;
        for r in tx.quads_for_pattern(
            Some(q.subject.as_ref()),
            None,
            None,
            Some(GraphNameRef::from(&g)),
        ) {
            out.push(r?);
        }
    }
    Ok(out)
}

/// A person-merge record as stored: its endpoints and block.
struct StoredPersonMatch {
    left: String,
    right: String,
    block: String,
}

/// The person-merge record `s` in the identity graph, if it is one.
fn person_record(
    tx: &Transaction<'_>,
    s: &NamedOrBlankNode,
) -> Result<Option<StoredPersonMatch>, StorageError> {
    let g = identity_graph();
    let mut ends = Vec::new();
    let mut block = String::new();
    let mut is_person = false;
    for r in tx.quads_for_pattern(Some(s.as_ref()), None, None, Some(GraphNameRef::from(&g))) {
        let r = r?;
        if r.predicate == dg::MERGED_IRI {
            if let Term::NamedNode(n) = r.object {
                ends.push(n.into_string());
            }
        } else if r.predicate == dg::IDENTITY_BLOCK {
            block = lit_value(&r.object).unwrap_or_default().to_owned();
        } else if r.predicate == rdf::TYPE && r.object == Term::from(dg::PERSON_MERGE.into_owned())
        {
            is_person = true;
        }
    }
    ends.sort();
    Ok((is_person && ends.len() == 2).then(|| StoredPersonMatch {
        left: ends[0].clone(),
        right: ends[1].clone(),
        block,
    }))
}

/// Person decisions touching a person, from the identity graph.
fn person_records_of(
    tx: &Transaction<'_>,
    person: &str,
) -> Result<Vec<StoredPersonMatch>, StorageError> {
    let g = identity_graph();
    let p = nn(person);
    let mut out = Vec::new();
    for q in tx.quads_for_pattern(
        None,
        Some(dg::MERGED_IRI),
        Some(p.as_ref().into()),
        Some(GraphNameRef::from(&g)),
    ) {
        if let Some(r) = person_record(tx, &q?.subject)? {
            out.push(r);
        }
    }
    Ok(out)
}

fn is_registry_person(tx: &Transaction<'_>, iri: &str) -> Result<bool, StorageError> {
    let p = nn(iri);
    let g = crate::rdf::registry_graph();
    tx.contains(QuadRef::new(&p, rdf::TYPE, schema::PERSON, &g))
}

/// What one identity step did (see [`reconcile`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReconcileStats {
    /// Blocks whose events were clustered again.
    pub blocks: usize,
    /// Event keys of other documents read back from the store for those blocks.
    pub keys_read: usize,
    /// Document graphs rewritten to the canonical IRIs (new documents included).
    pub rewritten: usize,
}

/// Recomputes identity for the given blocks, after documents were written or removed in this
/// transaction. `fresh` are documents whose graphs were just written with local IRIs;
/// `written` gives the identity keys of some of them, which are then not read back.
pub fn reconcile(
    tx: &mut Transaction<'_>,
    blocks: &BTreeSet<String>,
    fresh: &BTreeSet<String>,
    written: &BTreeMap<String, Written>,
) -> Result<ReconcileStats, StorageError> {
    let ig = identity_graph();
    let mut stats = ReconcileStats {
        blocks: blocks.len(),
        ..ReconcileStats::default()
    };
    let mut known: BTreeMap<String, Vec<Keyed>> = BTreeMap::new();
    for (doc, w) in written {
        for k in &w.keys {
            known.entry(k.block()).or_default().push(Keyed {
                doc: doc.clone(),
                key: k.clone(),
            });
        }
    }
    let mut remove: Vec<Quad> = Vec::new();
    let mut insert: Vec<Quad> = Vec::new();
    let add = |v: &mut Vec<Quad>, s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, o: Term| {
        v.push(Quad::new(s.clone(), p.into_owned(), o, ig.clone()));
    };

    // 1. Events, block by block.
    let mut old_map: BTreeMap<String, String> = BTreeMap::new();
    let mut new_map: BTreeMap<String, String> = BTreeMap::new();
    let mut old_person_edges: Vec<StoredPersonMatch> = Vec::new();
    let mut new_person_edges: Vec<(PersonMatch, String)> = Vec::new();
    let mut touched_docs: BTreeSet<String> = fresh.clone();
    // Documents with an event in a recomputed block, and that event's local IRI: such a
    // document is rewritten only if the event's canonical IRI changed (step 3).
    let mut block_events: BTreeSet<(String, String)> = BTreeSet::new();
    for block in blocks {
        let records = block_records(tx, block)?;
        let block_quads = records.len();
        for q in records {
            if q.predicate == owl::SAME_AS {
                if let (NamedOrBlankNode::NamedNode(l), Term::NamedNode(c)) =
                    (&q.subject, &q.object)
                {
                    old_map.insert(l.as_str().to_owned(), c.as_str().to_owned());
                }
            }
            remove.push(q);
        }
        // Old person decisions of this block, from the records just read.
        let person_merge = Term::from(dg::PERSON_MERGE.into_owned());
        let start = remove.len() - block_quads;
        for q in &remove[start..] {
            if q.predicate == rdf::TYPE && q.object == person_merge {
                let mut ends: Vec<String> = remove[start..]
                    .iter()
                    .filter(|r| r.subject == q.subject && r.predicate == dg::MERGED_IRI)
                    .filter_map(|r| match &r.object {
                        Term::NamedNode(n) => Some(n.as_str().to_owned()),
                        _ => None,
                    })
                    .collect();
                ends.sort();
                if let [left, right] = ends.as_slice() {
                    old_person_edges.push(StoredPersonMatch {
                        left: left.clone(),
                        right: right.clone(),
                        block: block.clone(),
                    });
                }
            }
        }

        let known_here = known.get(block).map_or(&[][..], Vec::as_slice);
        let keys = block_keys(tx, block, written, known_here)?;
        stats.keys_read += keys.len() - known_here.len();
        block_events.extend(
            keys.iter()
                .filter(|k| !fresh.contains(&k.doc))
                .map(|k| (k.key.event.clone(), k.doc.clone())),
        );
        let (cluster, matches) = cluster_events(&keys);
        let mut members: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
        for (i, c) in cluster.iter().enumerate() {
            members
                .entry(*c)
                .or_default()
                .insert(keys[i].key.event.as_str());
        }
        let canonical: BTreeMap<usize, String> = members
            .iter()
            .map(|(c, m)| (*c, (*m.iter().next().expect("non-empty")).to_owned()))
            .collect();
        for (i, k) in keys.iter().enumerate() {
            let c = &canonical[&cluster[i]];
            new_map.insert(k.key.event.clone(), c.clone());
            if *c != k.key.event {
                let l = nn(&k.key.event);
                add(&mut insert, &l, owl::SAME_AS, nn(c).into());
                add(
                    &mut insert,
                    &l,
                    dg::IDENTITY_BLOCK,
                    Literal::new_simple_literal(block.as_str()).into(),
                );
            }
        }
        for m in matches.iter().filter(|m| !m.same_iri) {
            let (x, y) = (&keys[m.a], &keys[m.b]);
            let (x, y) = if (&x.key.event, &x.doc) <= (&y.key.event, &y.doc) {
                (x, y)
            } else {
                (y, x)
            };
            let s = nn(&format!(
                "{BASE}id/identity/event/{}",
                hash(&[&x.key.event, &x.doc, &y.key.event, &y.doc])
            ));
            let c = &canonical[&cluster[m.a]];
            add(
                &mut insert,
                &s,
                rdf::TYPE,
                dg::EVENT_MERGE.into_owned().into(),
            );
            add(
                &mut insert,
                &s,
                dg::IDENTITY_BLOCK,
                Literal::new_simple_literal(block.as_str()).into(),
            );
            add(&mut insert, &s, dg::MERGED_INTO, nn(c).into());
            for k in [x, y] {
                add(&mut insert, &s, dg::MERGED_IRI, nn(&k.key.event).into());
                add(
                    &mut insert,
                    &s,
                    dg::SUPPORTING_DOCUMENT,
                    crate::rdf::doc_iri(&k.doc).into(),
                );
            }
            let mut shared_people = 0;
            for f in &m.shared {
                if let Some((l, r)) = f.split_once('=') {
                    shared_people += 1;
                    add(&mut insert, &s, dg::MATCHED_ATTENDEE, nn(l).into());
                    add(&mut insert, &s, dg::MATCHED_ATTENDEE, nn(r).into());
                } else {
                    add(&mut insert, &s, dg::SHARED_ATTENDEE, nn(f).into());
                }
            }
            add(
                &mut insert,
                &s,
                dg::SIMILARITY,
                Literal::new_typed_literal(format!("{:.3}", m.score), xsd::DECIMAL).into(),
            );
            let (date, kind) = block.split_once('/').unwrap_or((block.as_str(), ""));
            add(
                &mut insert,
                &s,
                rdfs::COMMENT,
                Literal::new_language_tagged_literal_unchecked(
                    format!(
                        "same date {date}, same type {kind}; {} attendees or parties shared{}; similarity {:.3}",
                        m.shared.len() - shared_people,
                        match shared_people {
                            0 => String::new(),
                            1 => ", 1 person matched across names".to_owned(),
                            n => format!(", {n} people matched across names"),
                        },
                        m.score
                    ),
                    "en",
                )
                .into(),
            );
        }
        for pm in person_matches(&keys, &cluster, &canonical) {
            new_person_edges.push((pm, block.clone()));
        }
    }

    // 2. People: recompute the clusters touched by changed person decisions.
    let recomputed: BTreeSet<&String> = blocks.iter().collect();
    let mut seeds: BTreeSet<String> = BTreeSet::new();
    for e in &old_person_edges {
        seeds.insert(e.left.clone());
        seeds.insert(e.right.clone());
    }
    for (e, _) in &new_person_edges {
        seeds.insert(e.left.clone());
        seeds.insert(e.right.clone());
    }
    // Person decisions records to write.
    for (e, block) in &new_person_edges {
        let s = nn(&format!(
            "{BASE}id/identity/person/{}",
            hash(&[&e.left, &e.right, &e.event, &e.left_doc, &e.right_doc])
        ));
        add(
            &mut insert,
            &s,
            rdf::TYPE,
            dg::PERSON_MERGE.into_owned().into(),
        );
        add(
            &mut insert,
            &s,
            dg::IDENTITY_BLOCK,
            Literal::new_simple_literal(block.as_str()).into(),
        );
        add(&mut insert, &s, dg::MERGED_IRI, nn(&e.left).into());
        add(&mut insert, &s, dg::MERGED_IRI, nn(&e.right).into());
        add(&mut insert, &s, dg::AT_EVENT, nn(&e.event).into());
        add(&mut insert, &s, dg::REPRESENTING, nn(&e.party).into());
        add(
            &mut insert,
            &s,
            dg::SUPPORTING_DOCUMENT,
            crate::rdf::doc_iri(&e.left_doc).into(),
        );
        add(
            &mut insert,
            &s,
            dg::SUPPORTING_DOCUMENT,
            crate::rdf::doc_iri(&e.right_doc).into(),
        );
        add(
            &mut insert,
            &s,
            rdfs::COMMENT,
            Literal::new_language_tagged_literal_unchecked(e.why.clone(), "en").into(),
        );
    }
    // All person edges reachable from the seeds, after this change.
    let mut edges: BTreeSet<(String, String)> = new_person_edges
        .iter()
        .map(|(e, _)| (e.left.clone(), e.right.clone()))
        .collect();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue: Vec<String> = seeds.iter().cloned().collect();
    while let Some(p) = queue.pop() {
        if !seen.insert(p.clone()) {
            continue;
        }
        for r in person_records_of(tx, &p)? {
            if recomputed.contains(&r.block) {
                continue;
            }
            edges.insert((r.left.clone(), r.right.clone()));
        }
        for (l, r) in &edges {
            if *l == p && !seen.contains(r) {
                queue.push(r.clone());
            }
            if *r == p && !seen.contains(l) {
                queue.push(l.clone());
            }
        }
    }
    let people: Vec<String> = seen.iter().cloned().collect();
    let mut docs_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &people {
        docs_of.insert(p.clone(), documents_naming(tx, p)?);
    }
    let mut pc: BTreeMap<String, String> = people.iter().map(|p| (p.clone(), p.clone())).collect();
    let find = |pc: &BTreeMap<String, String>, p: &str| -> String {
        let mut x = p.to_owned();
        while pc[&x] != x {
            x = pc[&x].clone();
        }
        x
    };
    let mut cdocs: BTreeMap<String, BTreeSet<String>> = docs_of.clone();
    let mut registered: BTreeSet<String> = BTreeSet::new();
    for p in &people {
        if is_registry_person(tx, p)? {
            registered.insert(p.clone());
        }
    }
    let mut creg: BTreeMap<String, usize> = people
        .iter()
        .map(|p| (p.clone(), usize::from(registered.contains(p))))
        .collect();
    for (l, r) in &edges {
        let (a, b) = (find(&pc, l), find(&pc, r));
        if a == b || !cdocs[&a].is_disjoint(&cdocs[&b]) || creg[&a] + creg[&b] > 1 {
            continue;
        }
        let (keep, gone) = (a.clone().min(b.clone()), a.max(b));
        pc.insert(gone.clone(), keep.clone());
        let moved = cdocs.remove(&gone).unwrap_or_default();
        cdocs.get_mut(&keep).expect("root").extend(moved);
        let r = creg[&gone];
        *creg.get_mut(&keep).expect("root") += r;
    }
    let mut person_members: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in &people {
        person_members
            .entry(find(&pc, p))
            .or_default()
            .push(p.clone());
    }
    for ms in person_members.values() {
        let canon = ms
            .iter()
            .find(|p| registered.contains(*p))
            .or_else(|| ms.iter().min())
            .expect("non-empty")
            .clone();
        for p in ms {
            let old = current_canonical(tx, p)?;
            old_map.insert(p.clone(), old.clone());
            new_map.insert(p.clone(), canon.clone());
            if old != canon {
                touched_docs.extend(docs_of[p].iter().cloned());
                let s = nn(p);
                if old != *p {
                    remove.push(Quad::new(
                        s.clone(),
                        owl::SAME_AS.into_owned(),
                        nn(&old),
                        ig.clone(),
                    ));
                }
                if canon != *p {
                    add(&mut insert, &s, owl::SAME_AS, nn(&canon).into());
                }
            }
        }
    }

    // 3. Rewrite the documents whose mapping changed: the fresh ones, those naming a person
    // whose canonical IRI changed, and those with an event whose canonical IRI changed. (A
    // document's other local IRIs keep their mapping, so the rest need no rewrite.)
    for (l, doc) in &block_events {
        if touched_docs.contains(doc) {
            continue;
        }
        // Every owl:sameAs of an event is recorded with its block, and this block's
        // records were all read into `old_map` in step 1.
        let old = old_map.get(l).unwrap_or(l);
        if new_map.get(l).is_some_and(|n| n != old) {
            touched_docs.insert(doc.clone());
        }
    }
    let mut rewrites: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    for doc in &touched_docs {
        let mut subst: BTreeMap<String, String> = BTreeMap::new();
        let locals = match written.get(doc) {
            Some(w) => w.locals(),
            None => document_locals(tx, doc)?,
        };
        for l in locals {
            let old = if fresh.contains(doc) {
                l.clone()
            } else if let Some(o) = old_map.get(&l) {
                o.clone()
            } else {
                current_canonical(tx, &l)?
            };
            let new = match new_map.get(&l) {
                Some(n) => n.clone(),
                None if fresh.contains(doc) => current_canonical(tx, &l)?,
                None => old.clone(),
            };
            if old != new {
                subst.insert(old, new);
            }
        }
        if !subst.is_empty() {
            rewrites.push((doc.clone(), subst));
        }
    }
    let mut doc_remove = Vec::new();
    let mut doc_insert = Vec::new();
    for (doc, subst) in &rewrites {
        let dg_ = crate::rdf::doc_graph(doc);
        // Exact IRIs, and the per-report nodes minted under an event's IRI
        // (`{event}--…`: participations, messages, proposals, sub-events).
        let map = |t: &NamedNode| -> Option<NamedNode> {
            if let Some(s) = subst.get(t.as_str()) {
                return Some(nn(s));
            }
            let (head, tail) = t.as_str().split_once("--")?;
            subst.get(head).map(|s| nn(&format!("{s}--{tail}")))
        };
        for q in tx.quads_for_pattern(None, None, None, Some(GraphNameRef::from(&dg_))) {
            let q = q?;
            let s2 = match &q.subject {
                NamedOrBlankNode::NamedNode(n) => map(n),
                NamedOrBlankNode::BlankNode(_) => None,
            };
            let o2 = match &q.object {
                Term::NamedNode(n) => map(n),
                _ => None,
            };
            if s2.is_none() && o2.is_none() {
                continue;
            }
            let nq = Quad::new(
                s2.map_or_else(|| q.subject.clone(), Into::into),
                q.predicate.clone(),
                o2.map_or_else(|| q.object.clone(), Into::into),
                q.graph_name.clone(),
            );
            doc_remove.push(q);
            doc_insert.push(nq);
        }
    }
    // Records recomputed unchanged are neither removed nor written again.
    let inserted: HashSet<&Quad> = insert.iter().collect();
    let removed: HashSet<&Quad> = remove.iter().collect();
    for q in remove
        .iter()
        .filter(|q| !inserted.contains(q))
        .chain(&doc_remove)
    {
        tx.remove(q);
    }
    for q in insert
        .iter()
        .filter(|q| !removed.contains(q))
        .chain(&doc_insert)
    {
        tx.insert(q);
    }
    stats.rewritten = rewrites.len();
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys the ingest takes from a document's quads are the ones the store path
    /// reads back after writing them.
    #[test]
    fn written_keys_are_what_the_store_holds() {
        let lex = crate::lexicon::Lexicon::embedded().expect("lexicon");
        let texts = [
            include_str!("../seeds/000_ead2641a83217ae8.txt"),
            include_str!("../tests/fixtures/lmc_en.txt"),
            include_str!("../tests/fixtures/lmc_zh.txt"),
            include_str!("../tests/fixtures/two_calls_zh.txt"),
            include_str!("../tests/fixtures/meeting_en.txt"),
        ];
        let store = oxigraph::store::Store::new().expect("store");
        let (mut keys, mut people) = (0, 0);
        for (i, t) in texts.iter().enumerate() {
            let name = format!("doc{i}");
            let doc = crate::read::read_bytes(t.as_bytes(), std::path::Path::new(&name), &name)
                .expect("read");
            let a = crate::annotate::annotate(&doc, lex, &crate::annotate::Config::default());
            let (graph, _) = crate::rdf::document_quads(&a);
            let graph = crate::rdf::with_anchors(graph, &doc.body, &doc.key);
            let w = Written::from_quads(&graph);
            keys += w.keys.len();
            people += w.people.len();
            let mut tx = store.start_transaction().expect("tx");
            tx.extend(graph.iter());
            assert_eq!(w.blocks(), document_blocks(&tx, &doc.key).expect("blocks"));
            assert_eq!(w.locals(), document_locals(&tx, &doc.key).expect("locals"));
            for b in w.blocks() {
                let mut from_store: Vec<EventKey> = block_keys(&tx, &b, &BTreeMap::new(), &[])
                    .expect("keys")
                    .into_iter()
                    .filter(|k| k.doc == doc.key)
                    .map(|k| k.key)
                    .collect();
                let mut from_quads: Vec<EventKey> =
                    w.keys.iter().filter(|k| k.block() == b).cloned().collect();
                from_store.sort_by(|x, y| x.event.cmp(&y.event));
                from_quads.sort_by(|x, y| x.event.cmp(&y.event));
                assert_eq!(from_quads, from_store, "{name}: block {b}");
            }
            tx.commit().expect("commit");
        }
        // Not vacuous: the texts have dated events and people outside the registry.
        assert!(keys >= texts.len(), "{keys} keys");
        assert!(people > 0, "no person outside the registry");
    }

    fn person(iri: &str, name: &str, party: &str, posts: &[&str]) -> Attendee {
        Attendee {
            iri: iri.into(),
            person: true,
            registry: false,
            party: Some(party.into()),
            chair: false,
            posts: posts.iter().map(|p| (*p).to_owned()).collect(),
            name: name.into(),
        }
    }

    fn party(iri: &str) -> Attendee {
        Attendee {
            iri: iri.into(),
            person: false,
            registry: true,
            party: None,
            chair: false,
            posts: Vec::new(),
            name: String::new(),
        }
    }

    fn host() -> Attendee {
        Attendee {
            chair: true,
            registry: true,
            ..person("p:host", "赵明", "c:CN", &["foreign-minister"])
        }
    }

    fn keyed(doc: &str, event: &str, attendees: Vec<Attendee>) -> Keyed {
        Keyed {
            doc: doc.into(),
            key: EventKey {
                event: event.into(),
                date: "2024-01-01".into(),
                kind: "meeting".into(),
                attendees,
            },
        }
    }

    #[test]
    fn one_meeting_in_two_scripts_merges_with_its_people() {
        let keys = [
            keyed(
                "a",
                "e:1",
                vec![
                    host(),
                    person("p:zh", "林海", "c:XX", &["foreign-minister"]),
                ],
            ),
            keyed(
                "b",
                "e:2",
                vec![
                    host(),
                    person("p:en", "Lin Hai", "c:XX", &["foreign-minister"]),
                ],
            ),
        ];
        let (cluster, matches) = cluster_events(&keys);
        assert_eq!(cluster[0], cluster[1]);
        assert_eq!(matches.len(), 1);
        let canonical = BTreeMap::from([(cluster[0], "e:1".to_owned())]);
        let people = person_matches(&keys, &cluster, &canonical);
        assert_eq!(people.len(), 1);
        assert_eq!(
            (people[0].left.as_str(), people[0].right.as_str()),
            ("p:en", "p:zh")
        );
    }

    #[test]
    fn another_official_of_the_same_country_is_another_meeting() {
        // Same day, same host, same country, but the minister in one report and the
        // president in the other: two meetings, and no person merge.
        let keys = [
            keyed(
                "a",
                "e:1",
                vec![host(), person("p:1", "林海", "c:XX", &["foreign-minister"])],
            ),
            keyed(
                "b",
                "e:2",
                vec![host(), person("p:2", "Tan Bo", "c:XX", &["president"])],
            ),
        ];
        let (cluster, _) = cluster_events(&keys);
        assert_ne!(cluster[0], cluster[1]);
        // Same script, different names: not one person either.
        let keys = [
            keyed("a", "e:1", vec![host(), person("p:1", "林海", "c:XX", &[])]),
            keyed("b", "e:2", vec![host(), person("p:2", "高山", "c:XX", &[])]),
        ];
        assert_ne!(cluster_events(&keys).0[0], cluster_events(&keys).0[1]);
    }

    #[test]
    fn an_ambiguous_report_merges_with_neither_meeting() {
        // Report b names only the host and the host's country; report a has two meetings
        // that match it equally well: no merge rather than a guess.
        let keys = [
            keyed(
                "a",
                "e:1",
                vec![host(), party("c:CN"), person("p:1", "林海", "c:XX", &[])],
            ),
            keyed(
                "a",
                "e:2",
                vec![host(), party("c:CN"), person("p:2", "高山", "c:YY", &[])],
            ),
            keyed("b", "e:3", vec![host(), party("c:CN")]),
        ];
        let (cluster, _) = cluster_events(&keys);
        assert_ne!(cluster[0], cluster[2]);
        assert_ne!(cluster[1], cluster[2]);
        assert_ne!(cluster[0], cluster[1]);
    }

    #[test]
    fn a_surname_only_form_matches_the_full_name() {
        let a = person("p:1", "阿卜杜拉·汗", "c:XX", &["president"]);
        let b = person("p:2", "汗", "c:XX", &["president"]);
        assert!(compatible(&a, &b));
        let c = Attendee { chair: true, ..b };
        assert!(
            !compatible(&a, &c),
            "a chair and an attendee are not merged"
        );
        let registered = Attendee {
            registry: true,
            ..a.clone()
        };
        let other = Attendee {
            registry: true,
            iri: "p:3".into(),
            ..a
        };
        assert!(!compatible(&registered, &other));
    }
}
