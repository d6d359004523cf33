//! Mapping to RDF: an [`Annotation`] becomes the quads of the document's named graph;
//! the lexicons become the registry graph. This module is the only one that mints IRIs.
//!
//! IRI recipes (version 2; changing one is a store migration):
//! - document `id/doc/{key}`, its graph `graph/doc/{key}`, spans `id/doc/{key}#char={b},{e}`;
//! - countries `id/country/{ISO2}`; registry entities `id/{org|person|initiative}/{id}`;
//! - people outside the registry `id/person/{affiliation}/{name}` (NFKC name without
//!   spaces and middle dots; affiliation = ISO2 or organization id), or `id/person/{name}`;
//! - initiatives found by pattern `id/initiative/{name}`, places `id/place/{name}`;
//! - posts `id/post/{country|org}/{code}/{position}`, tenures `id/tenure/{hash(person, post)}`;
//! - events `id/event/{date}-{type}-{hash(date, type, sorted principal actors, name)}`,
//!   participations `{event}--{hash(participant)}`, sub-events `{event}--{type}--{hash(performer)}`;
//! - statements, quantities and assertions `id/doc/{key}/{kind}/{n}`;
//! - identity blocks `id/identity/block/{date}/{type}`, which a document graph hangs its
//!   identity keys on (version 2; they were nodes `id/doc/{key}/identity-key/{n}`).

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};

use crate::lexicon::Lexicon;
use crate::model::{
    Annotation, EntityKey, Event, InitiativeRelation, MentionKind, Mode, Role, Span, Title,
};
use crate::text::{iri_segment, normalize_name};
use crate::vocab::{dg, itsrdf, nif, org, prov, rdf, rdfs, schema, sem, skos, xsd, BASE};

/// Version of the IRI recipes and graph layout.
pub const RECIPE_VERSION: u32 = 2;

/// Graph holding the curated registry (countries, organizations, positions, people, initiatives, concepts).
#[must_use]
pub fn registry_graph() -> NamedNode {
    iri("graph/registry")
}

/// Graph holding the ontology.
#[must_use]
pub fn ontology_graph() -> NamedNode {
    iri("graph/ontology")
}

/// Graph holding annotation-run provenance.
#[must_use]
pub fn runs_graph() -> NamedNode {
    iri("graph/runs")
}

/// Graph holding store metadata.
#[must_use]
pub fn meta_graph() -> NamedNode {
    iri("graph/meta")
}

/// The named graph of a document.
#[must_use]
pub fn doc_graph(key: &str) -> NamedNode {
    iri(&format!("graph/doc/{key}"))
}

/// The IRI of a document.
#[must_use]
pub fn doc_iri(key: &str) -> NamedNode {
    iri(&format!("id/doc/{key}"))
}

/// The provenance node of a document's annotation run.
#[must_use]
pub fn run_iri(key: &str) -> NamedNode {
    iri(&format!("id/run/{key}"))
}

fn iri(path: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{BASE}{path}"))
}

/// The node of identity block `{date}/{type}` ([`crate::identity::EventKey::block`]).
#[must_use]
pub fn identity_block(block: &str) -> NamedNode {
    let (date, kind) = block.split_once('/').unwrap_or((block, ""));
    iri(&format!(
        "id/identity/block/{}/{}",
        iri_segment(date),
        iri_segment(kind)
    ))
}

fn concept(scheme: &str, id: &str) -> NamedNode {
    iri(&format!("concept/{scheme}/{}", iri_segment(id)))
}

fn hash(parts: &[&str]) -> String {
    hash_hex(parts, 6)
}

/// The first `bytes` bytes, in hex, of SHA-256 over the parts, each followed by 0x1F.
pub(crate) fn hash_hex(parts: &[&str], bytes: usize) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0x1f]);
    }
    h.finalize()
        .iter()
        .take(bytes)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The IRI of an entity.
#[must_use]
pub fn entity_iri(k: &EntityKey) -> NamedNode {
    match k {
        EntityKey::Country { code } => iri(&format!("id/country/{code}")),
        EntityKey::Organization { id, .. } => iri(&format!("id/org/{}", iri_segment(id))),
        EntityKey::Person {
            id, registry: true, ..
        } => iri(&format!("id/person/{}", iri_segment(id))),
        EntityKey::Person {
            id,
            affiliation: Some(a),
            ..
        } => iri(&format!(
            "id/person/{}/{}",
            iri_segment(a),
            iri_segment(&normalize_name(id))
        )),
        EntityKey::Person { id, .. } => {
            iri(&format!("id/person/{}", iri_segment(&normalize_name(id))))
        }
        EntityKey::Initiative { id, .. } => iri(&format!("id/initiative/{}", iri_segment(id))),
        EntityKey::Place {
            name,
            registry: true,
        } => iri(&format!("id/place/{}", iri_segment(name))),
        EntityKey::Place { name, .. } => {
            iri(&format!("id/place/{}", iri_segment(&normalize_name(name))))
        }
    }
}

/// The post a title names: `id/post/country/CO/president`.
fn post_iri(position: &str, of: &EntityKey) -> Option<NamedNode> {
    match of {
        EntityKey::Country { code } => Some(iri(&format!(
            "id/post/country/{code}/{}",
            iri_segment(position)
        ))),
        EntityKey::Organization { id, .. } => Some(iri(&format!(
            "id/post/org/{}/{}",
            iri_segment(id),
            iri_segment(position)
        ))),
        _ => None,
    }
}

/// The IRI of an event from its identifying features.
#[must_use]
pub fn event_iri(e: &Event, principals: &[String]) -> NamedNode {
    let date = e
        .date
        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
    let mut ps: Vec<&str> = principals.iter().map(String::as_str).collect();
    ps.sort_unstable();
    ps.dedup();
    let name = e.name.as_deref().map(normalize_name).unwrap_or_default();
    let mut parts = vec![date.as_str(), e.event_type.as_str()];
    parts.extend(ps);
    parts.push(&name);
    iri(&format!(
        "id/event/{date}-{}-{}",
        e.event_type,
        hash(&parts)
    ))
}

struct Out {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Out {
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s, p.into_owned(), o, self.graph.clone()));
    }
    fn typ(&mut self, s: &NamedNode, t: NamedNodeRef<'_>) {
        self.add(s.clone(), rdf::TYPE, t.into_owned());
    }
}

/// The shortcut property from an event to whoever took part in it in this role.
fn role_shortcut(r: Role) -> NamedNodeRef<'static> {
    match r {
        Role::Chair => dg::AS_CHAIR,
        Role::CoChair => dg::AS_CO_CHAIR,
        Role::Host => dg::AS_HOST,
        Role::Attendee => dg::AS_ATTENDEE,
        Role::Speaker => dg::AS_SPEAKER,
        Role::MessageReader => dg::AS_MESSAGE_READER,
    }
}

fn lit(s: &str, lang: &str) -> Literal {
    Literal::new_language_tagged_literal(s, lang).unwrap_or_else(|_| Literal::new_simple_literal(s))
}

fn int(n: u64) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::INTEGER)
}

fn date(d: crate::date::Date) -> Literal {
    Literal::new_typed_literal(d.to_string(), xsd::DATE)
}

fn decimal(v: f64) -> Literal {
    // Plain decimal notation, no exponent: 9200000000000.
    let s = if v.fract() == 0.0 && v.abs() < 1e21 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    };
    Literal::new_typed_literal(s, xsd::DECIMAL)
}

/// The quads of one document's named graph and its provenance record.
#[must_use]
pub fn document_quads(a: &Annotation) -> (Vec<Quad>, Vec<Quad>) {
    let key = &a.document.key;
    let doc = doc_iri(key);
    let mut o = Out {
        graph: doc_graph(key).into(),
        quads: Vec::new(),
    };
    let lang = a.document.lang.tag();
    let span_iri =
        |s: Span| NamedNode::new_unchecked(format!("{}#char={},{}", doc.as_str(), s.start, s.end));
    let ctx = span_iri(Span {
        start: 0,
        end: a.document.chars,
    });

    // The document and its text context.
    o.typ(&doc, dg::SOURCE_DOCUMENT);
    o.typ(&doc, schema::NEWS_ARTICLE);
    if let Some(u) = &a.document.url {
        o.add(doc.clone(), schema::URL, Literal::new_simple_literal(u));
    }
    if let Some(t) = &a.document.title {
        o.add(doc.clone(), schema::HEADLINE, lit(t, lang));
    }
    if let Some(d) = a.document.date {
        o.add(doc.clone(), schema::DATE_PUBLISHED, date(d));
    }
    o.add(
        doc.clone(),
        schema::IN_LANGUAGE,
        Literal::new_simple_literal(lang),
    );
    o.add(
        doc.clone(),
        dg::SHA256,
        Literal::new_simple_literal(&a.document.sha256),
    );
    o.typ(&ctx, nif::CONTEXT);
    o.typ(&ctx, nif::RFC5147_STRING);
    o.add(ctx.clone(), nif::BEGIN_INDEX, int(0));
    o.add(ctx.clone(), nif::END_INDEX, int(a.document.chars as u64));
    o.add(ctx.clone(), prov::WAS_DERIVED_FROM, doc.clone());

    // Spans: every evidence and mention span, written once.
    let body_text =
        |s: Span, anchors: &std::collections::BTreeMap<Span, String>| anchors.get(&s).cloned();
    let mut anchors: std::collections::BTreeMap<Span, String> = std::collections::BTreeMap::new();
    for m in &a.mentions {
        anchors.insert(m.span, m.text.clone());
    }
    let mut spans: std::collections::BTreeSet<Span> = std::collections::BTreeSet::new();
    let evidence =
        |o: &mut Out, s: &NamedNode, span: Span, spans: &mut std::collections::BTreeSet<Span>| {
            spans.insert(span);
            o.add(s.clone(), dg::EVIDENCE, span_iri(span));
        };

    // Mentions.
    for m in &a.mentions {
        let sp = span_iri(m.span);
        spans.insert(m.span);
        o.add(
            sp.clone(),
            dg::MENTION_KIND,
            concept("mention-kind", mention_kind(m.kind)),
        );
        if let Some(k) = &m.entity {
            o.add(sp.clone(), itsrdf::TA_IDENT_REF, entity_iri(k));
        }
        match (m.kind, &m.concept) {
            (MentionKind::Title, Some(c)) => {
                o.add(sp, itsrdf::TA_CLASS_REF, concept("position", c))
            }
            (MentionKind::EventTrigger, Some(c)) => {
                o.add(sp, itsrdf::TA_CLASS_REF, concept("event-type", c))
            }
            _ => {}
        }
    }

    // Entities described by this document: people (and their tenures), places,
    // initiatives found by pattern. Registry entities are described in the registry graph.
    for e in &a.entities {
        let s = entity_iri(&e.key);
        match &e.key {
            EntityKey::Person { .. } => {
                o.typ(&s, schema::PERSON);
                o.add(s.clone(), schema::NAME, lit(&e.name, lang));
                o.add(s.clone(), rdfs::LABEL, lit(&e.name, lang));
                if let Some(en) = &e.name_en {
                    o.add(s.clone(), schema::NAME, lit(en, "en"));
                }
                for t in &e.titles {
                    tenure(
                        &mut o,
                        &s,
                        t,
                        e.represents.as_ref(),
                        a.document.date,
                        lang,
                        &span_iri,
                        &mut spans,
                    );
                }
            }
            EntityKey::Place {
                name,
                registry: false,
            } => {
                o.typ(&s, schema::PLACE);
                o.add(s.clone(), schema::NAME, lit(name, lang));
                o.add(s.clone(), rdfs::LABEL, lit(name, lang));
            }
            EntityKey::Initiative {
                registry: false, ..
            } => {
                o.typ(&s, dg::INITIATIVE);
                let clean = e.name.replace(['“', '”', '「', '」'], "");
                o.add(s.clone(), schema::NAME, lit(&clean, lang));
                o.add(s.clone(), rdfs::LABEL, lit(&clean, lang));
                if clean != e.name {
                    o.add(s.clone(), schema::ALTERNATE_NAME, lit(&e.name, lang));
                }
            }
            EntityKey::Organization {
                registry: false, ..
            } => {
                o.typ(&s, schema::ORGANIZATION);
                o.add(s.clone(), schema::NAME, lit(&e.name, lang));
                o.add(s.clone(), rdfs::LABEL, lit(&e.name, lang));
            }
            _ => {}
        }
    }

    // Events.
    // Principal actors: for a named gathering, its chairs and hosts (with the name); for an
    // unnamed bilateral event (a call, talks, a visit), every participant.
    let principals = |ev: &str| -> Vec<String> {
        let named = a.events.iter().any(|e| e.id == ev && e.name.is_some());
        if !named {
            return a
                .participations
                .iter()
                .filter(|p| p.event == ev)
                .map(|p| entity_iri(&p.participant).as_str().to_owned())
                .collect();
        }
        let chairs: Vec<String> = a
            .participations
            .iter()
            .filter(|p| {
                p.event == ev
                    && p.roles
                        .iter()
                        .any(|r| matches!(r, Role::Chair | Role::CoChair | Role::Host))
            })
            .map(|p| entity_iri(&p.participant).as_str().to_owned())
            .collect();
        if chairs.is_empty() {
            a.participations
                .iter()
                .filter(|p| p.event == ev)
                .map(|p| entity_iri(&p.participant).as_str().to_owned())
                .collect()
        } else {
            chairs
        }
    };
    let mut event_iris: std::collections::BTreeMap<&str, NamedNode> =
        std::collections::BTreeMap::new();
    let is_reading = |e: &&Event| e.event_type == "message-reading";
    for e in a.events.iter().filter(|e| !is_reading(e)) {
        event_iris.insert(&e.id, event_iri(e, &principals(&e.id)));
    }
    for e in a.events.iter().filter(is_reading) {
        let parent = e
            .part_of
            .as_deref()
            .and_then(|p| event_iris.get(p))
            .cloned();
        let performer = a
            .messages
            .iter()
            .find(|m| m.reading == e.id)
            .map(|m| entity_iri(&m.reader));
        if let (Some(p), Some(perf)) = (parent, performer) {
            let sub = NamedNode::new_unchecked(format!(
                "{}--{}--{}",
                p.as_str(),
                e.event_type,
                hash(&[perf.as_str()])
            ));
            event_iris.insert(&e.id, sub);
        }
    }
    for e in &a.events {
        let Some(s) = event_iris.get(e.id.as_str()).cloned() else {
            continue;
        };
        o.typ(&s, dg::DIPLOMATIC_EVENT);
        o.add(
            s.clone(),
            sem::EVENT_TYPE,
            concept("event-type", &e.event_type),
        );
        o.add(
            s.clone(),
            dg::STATUS,
            concept("event-status", e.status.id()),
        );
        o.add(s.clone(), dg::REPORTED_IN, doc.clone());
        if let Some(n) = &e.name {
            o.add(s.clone(), schema::NAME, lit(n, lang));
        }
        if let Some(d) = e.date {
            o.add(s.clone(), schema::START_DATE, date(d));
        }
        if let Some(p) = &e.place {
            o.add(s.clone(), schema::LOCATION, entity_iri(p));
        }
        match e.mode {
            Some(Mode::Online) => o.add(
                s.clone(),
                schema::EVENT_ATTENDANCE_MODE,
                schema::ONLINE.into_owned(),
            ),
            Some(Mode::InPerson) => o.add(
                s.clone(),
                schema::EVENT_ATTENDANCE_MODE,
                schema::OFFLINE.into_owned(),
            ),
            Some(Mode::Phone) => o.add(
                s.clone(),
                schema::EVENT_ATTENDANCE_MODE,
                concept("attendance-mode", "phone"),
            ),
            None => {}
        }
        if let Some(t) = &e.theme {
            o.add(s.clone(), dg::THEME, lit(t, lang));
        }
        if let Some(c) = &e.attending_countries {
            o.add(s.clone(), dg::ATTENDING_COUNTRY_COUNT, int(c.value));
            spans.insert(c.span);
            o.add(s.clone(), dg::COUNT_TEXT, span_iri(c.span));
        }
        if let Some(p) = e.part_of.as_deref().and_then(|p| event_iris.get(p)) {
            o.add(s.clone(), schema::SUPER_EVENT, p.clone());
            o.add(p.clone(), schema::SUB_EVENT, s.clone());
        }
        evidence(&mut o, &s, e.evidence, &mut spans);
        spans.insert(e.trigger);
    }

    // Participations, with the schema:attendee / dg:chair / dg:party shortcuts and one
    // shortcut per role (dg:asChair, dg:asHost, ...).
    let mut parties: std::collections::BTreeSet<(NamedNode, NamedNode)> =
        std::collections::BTreeSet::new();
    for p in &a.participations {
        let Some(ev) = event_iris.get(p.event.as_str()).cloned() else {
            continue;
        };
        let who = entity_iri(&p.participant);
        let s = NamedNode::new_unchecked(format!("{}--{}", ev.as_str(), hash(&[who.as_str()])));
        o.typ(&s, dg::PARTICIPATION);
        o.add(s.clone(), dg::EVENT, ev.clone());
        o.add(s.clone(), dg::PARTICIPANT, who.clone());
        for r in &p.roles {
            o.add(s.clone(), dg::PARTICIPATION_ROLE, concept("role", r.id()));
        }
        if let Some(rep) = &p.representing {
            o.add(s.clone(), dg::REPRESENTING, entity_iri(rep));
        }
        for t in &p.titles {
            o.add(s.clone(), schema::ROLE_NAME, lit(&t.text, lang));
            if let (Some(pos), Some(of)) = (&t.position, t.of.as_ref().or(p.representing.as_ref()))
            {
                if let Some(post) = post_iri(pos, of) {
                    o.add(s.clone(), dg::IN_CAPACITY_OF, post);
                }
            }
        }
        evidence(&mut o, &s, p.evidence, &mut spans);
        o.add(ev.clone(), schema::ATTENDEE, who.clone());
        for r in &p.roles {
            o.add(ev.clone(), role_shortcut(*r), who.clone());
        }
        if let Some(rep) = &p.representing {
            parties.insert((ev.clone(), entity_iri(rep)));
        }
        if !matches!(p.participant, EntityKey::Person { .. }) {
            parties.insert((ev.clone(), who.clone()));
        }
        if p.roles.iter().any(|r| r.is_chair()) {
            o.add(ev, dg::CHAIR, who);
        }
    }
    for (ev, party) in parties {
        o.add(ev, dg::PARTY, party);
    }

    // Messages read out on someone's behalf.
    for m in &a.messages {
        let (Some(ev), Some(reading)) = (
            event_iris.get(m.event.as_str()),
            event_iris.get(m.reading.as_str()),
        ) else {
            continue;
        };
        let sender = entity_iri(&m.sender);
        let s = NamedNode::new_unchecked(format!(
            "{}--message--{}",
            ev.as_str(),
            hash(&[sender.as_str()])
        ));
        o.typ(&s, schema::MESSAGE);
        o.add(s.clone(), schema::SENDER, sender.clone());
        o.add(s.clone(), schema::NAME, lit(&m.kind_text, lang));
        o.add(s.clone(), dg::READ_BY, entity_iri(&m.reader));
        o.add(s.clone(), dg::STATED_AT, ev.clone());
        evidence(&mut o, &s, m.evidence, &mut spans);
        o.add(reading.clone(), schema::PERFORMER, entity_iri(&m.reader));
        o.add(reading.clone(), schema::WORK_PERFORMED, s.clone());
        o.add(reading.clone(), dg::ON_BEHALF_OF, sender);
    }

    // Statements and proposals, with one dg:statementBy shortcut per (event, author).
    let mut stated: std::collections::BTreeSet<(NamedNode, NamedNode)> =
        std::collections::BTreeSet::new();
    for (i, st) in a.statements.iter().enumerate() {
        let s = iri(&format!("id/doc/{key}/statement/{}", i + 1));
        o.typ(&s, dg::STATEMENT);
        o.add(s.clone(), schema::AUTHOR, entity_iri(&st.speaker));
        if let Some(ev) = st.event.as_deref().and_then(|e| event_iris.get(e)) {
            o.add(s.clone(), dg::STATED_AT, ev.clone());
            stated.insert((ev.clone(), entity_iri(&st.speaker)));
        }
        o.add(s.clone(), schema::TEXT, lit(&st.text, lang));
        evidence(&mut o, &s, st.evidence, &mut spans);
    }
    for p in &a.proposals {
        let base = p
            .event
            .as_deref()
            .and_then(|e| event_iris.get(e))
            .map_or_else(
                || format!("{BASE}id/doc/{key}/proposal"),
                |e| format!("{}--proposal", e.as_str()),
            );
        let s = NamedNode::new_unchecked(format!("{base}--{}", p.position));
        o.typ(&s, dg::PROPOSAL);
        o.typ(&s, dg::STATEMENT);
        o.add(s.clone(), schema::POSITION, int(u64::from(p.position)));
        o.add(s.clone(), dg::PROPOSAL_COUNT, int(u64::from(p.of)));
        if let Some(au) = &p.author {
            o.add(s.clone(), schema::AUTHOR, entity_iri(au));
        }
        if let Some(b) = &p.on_behalf_of {
            o.add(s.clone(), dg::ON_BEHALF_OF, entity_iri(b));
        }
        if let Some(ev) = p.event.as_deref().and_then(|e| event_iris.get(e)) {
            o.add(s.clone(), dg::STATED_AT, ev.clone());
            if let Some(au) = &p.author {
                stated.insert((ev.clone(), entity_iri(au)));
            }
        }
        o.add(s.clone(), schema::TEXT, lit(&p.text, lang));
        evidence(&mut o, &s, p.evidence, &mut spans);
    }
    for (ev, author) in stated {
        o.add(ev, dg::STATEMENT_BY, author);
    }

    // Initiatives: the direct triples, and an assertion node carrying the evidence.
    for (i, f) in a.initiatives.iter().enumerate() {
        let ini = entity_iri(&f.initiative);
        let (pred, obj): (NamedNodeRef<'_>, Term) = match &f.relation {
            InitiativeRelation::LaunchedAt {
                event,
                co_initiators,
            } => {
                let Some(ev) = event_iris.get(event.as_str()) else {
                    continue;
                };
                if let Some(c) = co_initiators {
                    o.add(ini.clone(), dg::CO_INITIATOR_COUNT, int(c.value));
                }
                (dg::LAUNCHED_AT, ev.clone().into())
            }
            InitiativeRelation::ProposedBy { agent } => (dg::PROPOSED_BY, entity_iri(agent).into()),
            InitiativeRelation::JoinedBy { agent } => (dg::JOINED_BY, entity_iri(agent).into()),
        };
        o.add(ini.clone(), pred, obj.clone());
        let s = iri(&format!("id/doc/{key}/assertion/{}", i + 1));
        o.typ(&s, dg::ASSERTION);
        o.add(s.clone(), dg::SUBJECT, ini);
        o.add(s.clone(), dg::PREDICATE, pred.into_owned());
        o.add(s.clone(), dg::OBJECT, obj);
        evidence(&mut o, &s, f.evidence, &mut spans);
    }

    // Quantities.
    for q in &a.quantities {
        let s = iri(&format!(
            "id/doc/{key}/quantity/{}",
            q.id.trim_start_matches('q')
        ));
        let v = NamedNode::new_unchecked(format!("{}--value", s.as_str()));
        o.typ(&s, dg::QUANTITY_OBSERVATION);
        o.add(s.clone(), dg::SURFACE_FORM, lit(&q.text, lang));
        o.add(s.clone(), dg::QUANTITY_VALUE, v.clone());
        if let Some(c) = &q.comparator {
            o.add(s.clone(), dg::COMPARATOR, concept("comparator", c));
        }
        if q.unit.len() == 3 && q.unit.chars().all(|c| c.is_ascii_uppercase()) {
            o.typ(&v, schema::MONETARY_AMOUNT);
            o.add(
                v.clone(),
                schema::CURRENCY,
                Literal::new_simple_literal(&q.unit),
            );
        } else {
            o.typ(&v, schema::QUANTITATIVE_VALUE);
            o.add(
                v.clone(),
                schema::UNIT_TEXT,
                Literal::new_simple_literal(&q.unit),
            );
        }
        o.add(v, schema::VALUE, decimal(q.value));
        evidence(&mut o, &s, q.span, &mut spans);
        evidence(&mut o, &s, q.evidence, &mut spans);
    }

    // Identity keys (see `crate::identity`): one per dated event, and the people outside
    // the registry. Written as literals so that rewriting to canonical IRIs leaves them as
    // this document minted them.
    let names: std::collections::BTreeMap<&EntityKey, &crate::model::Entity> =
        a.entities.iter().map(|e| (&e.key, e)).collect();
    for e in a.events.iter().filter(|e| !is_reading(e)) {
        let (Some(d), Some(ev)) = (e.date, event_iris.get(e.id.as_str())) else {
            continue;
        };
        let mut attendees: std::collections::BTreeMap<String, crate::identity::Attendee> =
            std::collections::BTreeMap::new();
        for p in a.participations.iter().filter(|p| p.event == e.id) {
            let person = matches!(p.participant, EntityKey::Person { .. });
            let who = entity_iri(&p.participant).as_str().to_owned();
            let entity = names.get(&p.participant);
            let party = p
                .representing
                .as_ref()
                .or_else(|| entity.and_then(|x| x.represents.as_ref()))
                .map(|r| entity_iri(r).as_str().to_owned());
            let chair = p
                .roles
                .iter()
                .any(|r| matches!(r, Role::Chair | Role::CoChair | Role::Host));
            let entry = attendees
                .entry(who.clone())
                .or_insert_with(|| crate::identity::Attendee {
                    iri: who,
                    person,
                    registry: !person
                        || matches!(p.participant, EntityKey::Person { registry: true, .. }),
                    party: None,
                    chair: false,
                    posts: Vec::new(),
                    name: if person {
                        entity.map(|x| x.name.clone()).unwrap_or_default()
                    } else {
                        String::new()
                    },
                });
            entry.chair |= chair;
            if entry.party.is_none() {
                entry.party = party;
            }
            for t in &p.titles {
                if let Some(pos) = &t.position {
                    if !entry.posts.contains(pos) {
                        entry.posts.push(pos.clone());
                    }
                }
            }
            entry.posts.sort();
        }
        let id_key = crate::identity::EventKey {
            event: ev.as_str().to_owned(),
            date: d.to_string(),
            kind: e.event_type.clone(),
            attendees: attendees.into_values().collect(),
        };
        o.add(
            id_key.block_node(),
            dg::IDENTITY_KEY,
            Literal::new_typed_literal(
                serde_json::to_string(&id_key).unwrap_or_default(),
                rdf::JSON,
            ),
        );
    }
    for e in &a.entities {
        if matches!(
            e.key,
            EntityKey::Person {
                registry: false,
                ..
            }
        ) {
            o.add(
                doc.clone(),
                dg::IDENTITY_PERSON,
                Literal::new_simple_literal(entity_iri(&e.key).as_str()),
            );
        }
    }

    // The span nodes themselves.
    for sp in &spans {
        let s = span_iri(*sp);
        o.typ(&s, nif::PHRASE);
        o.typ(&s, nif::RFC5147_STRING);
        o.add(s.clone(), nif::BEGIN_INDEX, int(sp.start as u64));
        o.add(s.clone(), nif::END_INDEX, int(sp.end as u64));
        o.add(s.clone(), nif::REFERENCE_CONTEXT, ctx.clone());
        if let Some(t) = body_text(*sp, &anchors) {
            o.add(s, nif::ANCHOR_OF, Literal::new_simple_literal(t));
        }
    }

    // Provenance, in the runs graph.
    let mut p = Out {
        graph: runs_graph().into(),
        quads: Vec::new(),
    };
    let run = run_iri(key);
    p.typ(&run, dg::ANNOTATION_RUN);
    p.typ(&run, prov::ACTIVITY);
    p.add(run.clone(), prov::USED, doc.clone());
    p.add(run.clone(), prov::GENERATED, doc_graph(key));
    p.add(
        run.clone(),
        dg::ANNOTATOR,
        Literal::new_simple_literal(&a.annotator),
    );
    p.add(
        run.clone(),
        dg::SHA256,
        Literal::new_simple_literal(&a.document.sha256),
    );
    p.add(
        run,
        prov::WAS_ASSOCIATED_WITH,
        iri("id/software/diplograph"),
    );
    (o.quads, p.quads)
}

/// Writes the anchors of spans that no mention covers (sentences used as evidence).
/// Needs the body text, so the caller passes it.
#[must_use]
pub fn with_anchors(mut quads: Vec<Quad>, body: &str, key: &str) -> Vec<Quad> {
    let chars: Vec<char> = body.chars().collect();
    let prefix = format!("{}#char=", doc_iri(key).as_str());
    let mut have: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let mut need: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for q in &quads {
        if let NamedOrBlankNode::NamedNode(s) = &q.subject {
            if s.as_str().starts_with(&prefix) {
                if q.predicate == nif::ANCHOR_OF || q.predicate == nif::IS_STRING {
                    have.insert(s.as_str().to_owned());
                } else if q.predicate == nif::BEGIN_INDEX {
                    need.insert(s.as_str().to_owned());
                }
            }
        }
    }
    let graph = doc_graph(key);
    for s in need.difference(&have) {
        let Some((b, e)) = s.strip_prefix(&prefix).and_then(|r| r.split_once(',')) else {
            continue;
        };
        let (Ok(b), Ok(e)) = (b.parse::<usize>(), e.parse::<usize>()) else {
            continue;
        };
        if b > e || e > chars.len() {
            continue;
        }
        let text: String = chars[b..e].iter().collect();
        let pred = if b == 0 && e == chars.len() {
            nif::IS_STRING
        } else {
            nif::ANCHOR_OF
        };
        quads.push(Quad::new(
            NamedNode::new_unchecked(s.clone()),
            pred.into_owned(),
            Literal::new_simple_literal(text),
            graph.clone(),
        ));
    }
    quads
}

fn mention_kind(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Person => "person",
        MentionKind::Country => "country",
        MentionKind::Organization => "organization",
        MentionKind::Initiative => "initiative",
        MentionKind::Title => "title",
        MentionKind::EventTrigger => "event-trigger",
        MentionKind::Date => "date",
        MentionKind::Place => "place",
        MentionKind::Quantity => "quantity",
    }
}

fn tenure(
    o: &mut Out,
    person: &NamedNode,
    t: &Title,
    represents: Option<&EntityKey>,
    on: Option<crate::date::Date>,
    lang: &str,
    span_iri: &dyn Fn(Span) -> NamedNode,
    spans: &mut std::collections::BTreeSet<Span>,
) {
    let of = t.of.as_ref().or(represents);
    let Some(pos) = &t.position else { return };
    let post = of.and_then(|of| post_iri(pos, of));
    let post_key = post.as_ref().map_or_else(
        || concept("position", pos).as_str().to_owned(),
        |p| p.as_str().to_owned(),
    );
    let s = iri(&format!(
        "id/tenure/{}",
        hash(&[person.as_str(), &post_key])
    ));
    o.typ(&s, dg::TENURE);
    o.add(s.clone(), org::MEMBER, person.clone());
    o.add(s.clone(), org::ROLE_PROP, concept("position", pos));
    o.add(s.clone(), schema::ROLE_NAME, lit(&t.text, lang));
    if let Some(of) = of {
        o.add(s.clone(), org::ORGANIZATION, entity_iri(of));
    }
    if let (Some(post), Some(of)) = (&post, of) {
        o.add(s.clone(), dg::POST, post.clone());
        o.typ(post, org::POST);
        o.add(post.clone(), org::ROLE_PROP, concept("position", pos));
        o.add(post.clone(), org::POST_IN, entity_iri(of));
        o.add(person.clone(), org::HOLDS, post.clone());
    }
    if let Some(d) = on {
        o.add(s.clone(), dg::ATTESTED_ON, date(d));
    }
    spans.insert(t.span);
    o.add(s, dg::EVIDENCE, span_iri(t.span));
}

/// The registry graph: countries, organizations, positions, people, initiatives and
/// the concept schemes, from the lexicons.
#[must_use]
pub fn registry_quads(lex: &Lexicon) -> Vec<Quad> {
    let mut o = Out {
        graph: registry_graph().into(),
        quads: Vec::new(),
    };
    let labels = |o: &mut Out, s: &NamedNode, zh: &str, en: &str| {
        if !zh.is_empty() {
            o.add(s.clone(), schema::NAME, lit(zh, "zh"));
            o.add(s.clone(), rdfs::LABEL, lit(zh, "zh"));
        }
        if !en.is_empty() {
            o.add(s.clone(), schema::NAME, lit(en, "en"));
            o.add(s.clone(), rdfs::LABEL, lit(en, "en"));
        }
    };
    for c in &lex.countries {
        let s = entity_iri(&EntityKey::Country {
            code: c.iso2.clone(),
        });
        o.typ(&s, dg::COUNTRY);
        o.typ(&s, schema::COUNTRY);
        labels(&mut o, &s, &c.name_zh, &c.name_en);
        o.add(s.clone(), dg::ISO2, Literal::new_simple_literal(&c.iso2));
        if !c.iso3.is_empty() {
            o.add(s.clone(), dg::ISO3, Literal::new_simple_literal(&c.iso3));
        }
        for a in &c.aliases_zh {
            o.add(s.clone(), skos::ALT_LABEL, lit(a, "zh"));
        }
        for a in c.aliases_en.iter().chain(&c.adjectives_en) {
            o.add(s.clone(), skos::ALT_LABEL, lit(a, "en"));
        }
    }
    for x in &lex.organizations {
        let s = entity_iri(&EntityKey::Organization {
            id: x.id.clone(),
            registry: true,
        });
        o.typ(&s, schema::ORGANIZATION);
        o.typ(&s, org::FORMAL_ORGANIZATION);
        labels(&mut o, &s, &x.name_zh, &x.name_en);
        for a in &x.aliases_zh {
            o.add(s.clone(), skos::ALT_LABEL, lit(a, "zh"));
        }
        for a in x.aliases_en.iter().chain(&x.abbr) {
            o.add(s.clone(), skos::ALT_LABEL, lit(a, "en"));
        }
        if !x.kind.is_empty() {
            o.add(
                s.clone(),
                dg::ORG_KIND,
                concept("organization-kind", &x.kind),
            );
        }
        if let Some(p) = &x.parent {
            o.add(
                s.clone(),
                org::SUB_ORGANIZATION_OF,
                entity_iri(&EntityKey::Organization {
                    id: p.clone(),
                    registry: true,
                }),
            );
        }
    }
    for p in &lex.people {
        let s = entity_iri(&EntityKey::Person {
            id: p.id.clone(),
            registry: true,
            affiliation: None,
        });
        o.typ(&s, schema::PERSON);
        labels(&mut o, &s, &p.name_zh, &p.name_en);
        for a in &p.aliases_zh {
            o.add(s.clone(), skos::ALT_LABEL, lit(a, "zh"));
        }
        for a in &p.aliases_en {
            o.add(s.clone(), skos::ALT_LABEL, lit(a, "en"));
        }
    }
    for p in &lex.places {
        let s = entity_iri(&EntityKey::Place {
            name: p.id.clone(),
            registry: true,
        });
        o.typ(&s, schema::PLACE);
        labels(&mut o, &s, &p.name_zh, &p.name_en);
        for a in &p.aliases_zh {
            o.add(s.clone(), skos::ALT_LABEL, lit(a, "zh"));
        }
        for a in &p.aliases_en {
            o.add(s.clone(), skos::ALT_LABEL, lit(a, "en"));
        }
        if let Some(c) = &p.country {
            o.add(
                s.clone(),
                schema::CONTAINED_IN_PLACE,
                entity_iri(&EntityKey::Country { code: c.clone() }),
            );
        }
    }
    for x in &lex.initiatives {
        let s = entity_iri(&EntityKey::Initiative {
            id: x.id.clone(),
            registry: true,
        });
        o.typ(&s, dg::INITIATIVE);
        labels(&mut o, &s, &x.name_zh, &x.name_en);
        for a in &x.aliases_zh {
            o.add(s.clone(), skos::ALT_LABEL, lit(a, "zh"));
        }
        for a in &x.aliases_en {
            o.add(s.clone(), skos::ALT_LABEL, lit(a, "en"));
        }
        if !x.kind.is_empty() {
            o.add(
                s.clone(),
                dg::INITIATIVE_KIND,
                concept("initiative-kind", &x.kind),
            );
        }
        if let Some(f) = &x.framework {
            o.add(
                s.clone(),
                dg::PART_OF_FRAMEWORK,
                entity_iri(&EntityKey::Initiative {
                    id: f.clone(),
                    registry: true,
                }),
            );
        }
    }
    let scheme = |o: &mut Out, name: &str, zh: &str, en: &str| {
        let s = iri(&format!("concept/{name}"));
        o.typ(&s, skos::CONCEPT_SCHEME);
        o.add(s.clone(), skos::PREF_LABEL, lit(zh, "zh"));
        o.add(s.clone(), skos::PREF_LABEL, lit(en, "en"));
        s
    };
    let pos_scheme = scheme(&mut o, "position", "职务", "Positions");
    for p in &lex.positions {
        let s = concept("position", &p.id);
        o.typ(&s, skos::CONCEPT);
        o.typ(&s, org::ROLE);
        o.add(s.clone(), skos::IN_SCHEME, pos_scheme.clone());
        if let Some(first) = p.forms_zh.first() {
            o.add(s.clone(), skos::PREF_LABEL, lit(first, "zh"));
        }
        if !p.name_en.is_empty() {
            o.add(s.clone(), skos::PREF_LABEL, lit(&p.name_en, "en"));
        }
        for f in p.forms_zh.iter().skip(1) {
            o.add(s.clone(), skos::ALT_LABEL, lit(f, "zh"));
        }
        for f in p.forms_en.iter().filter(|f| **f != p.name_en) {
            o.add(s.clone(), skos::ALT_LABEL, lit(f, "en"));
        }
        if !p.kind.is_empty() {
            o.add(
                s.clone(),
                dg::POSITION_KIND,
                concept("position-kind", &p.kind),
            );
        }
    }
    let et_scheme = scheme(&mut o, "event-type", "事件类型", "Event types");
    for e in &lex.event_types {
        let s = concept("event-type", &e.id);
        o.typ(&s, skos::CONCEPT);
        o.add(s.clone(), skos::IN_SCHEME, et_scheme.clone());
        o.add(s.clone(), skos::PREF_LABEL, lit(&e.name_zh, "zh"));
        o.add(s.clone(), skos::PREF_LABEL, lit(&e.name_en, "en"));
    }
    let fixed: [(&str, &str, &[(&str, &str, &str)]); 5] = [
        (
            "role",
            "参与角色",
            &[
                ("chair", "主持人", "chair"),
                ("co-chair", "共同主持人", "co-chair"),
                ("host", "东道主", "host"),
                ("attendee", "出席者", "attendee"),
                ("speaker", "发言人", "speaker"),
                ("message-reader", "宣读人", "message reader"),
            ],
        ),
        (
            "event-status",
            "事件状态",
            &[
                ("happened", "已举行", "happened"),
                ("announced", "已宣布", "announced"),
                ("referenced", "提及", "referenced"),
            ],
        ),
        (
            "comparator",
            "比较",
            &[
                ("greater-than", "超过", "greater than"),
                ("about", "约", "about"),
                ("less-than", "不到", "less than"),
                ("at-least", "至少", "at least"),
            ],
        ),
        (
            "mention-kind",
            "提及类型",
            &[
                ("person", "人物", "person"),
                ("country", "国家", "country"),
                ("organization", "组织", "organization"),
                ("initiative", "倡议", "initiative"),
                ("title", "职衔", "title"),
                ("event-trigger", "事件词", "event trigger"),
                ("date", "日期", "date"),
                ("place", "地点", "place"),
                ("quantity", "数量", "quantity"),
            ],
        ),
        (
            "attendance-mode",
            "出席方式",
            &[("phone", "电话", "by phone")],
        ),
    ];
    for (name, zh, items) in fixed {
        let sch = scheme(&mut o, name, zh, name);
        for (id, z, e) in items {
            let s = concept(name, id);
            o.typ(&s, skos::CONCEPT);
            o.add(s.clone(), skos::IN_SCHEME, sch.clone());
            o.add(s.clone(), skos::PREF_LABEL, lit(z, "zh"));
            o.add(s.clone(), skos::PREF_LABEL, lit(e, "en"));
        }
    }
    // The kind schemes the registry refers to.
    let kinds: [(&str, &str, Vec<&str>); 3] = [
        (
            "organization-kind",
            "组织类型",
            lex.organizations.iter().map(|x| x.kind.as_str()).collect(),
        ),
        (
            "initiative-kind",
            "倡议类型",
            lex.initiatives.iter().map(|x| x.kind.as_str()).collect(),
        ),
        (
            "position-kind",
            "职务类型",
            lex.positions.iter().map(|x| x.kind.as_str()).collect(),
        ),
    ];
    for (name, zh, mut ids) in kinds {
        ids.sort_unstable();
        ids.dedup();
        let sch = scheme(&mut o, name, zh, name);
        for id in ids.into_iter().filter(|k| !k.is_empty()) {
            let s = concept(name, id);
            o.typ(&s, skos::CONCEPT);
            o.add(s.clone(), skos::IN_SCHEME, sch.clone());
            o.add(s.clone(), skos::PREF_LABEL, lit(id, "en"));
            o.add(s.clone(), skos::NOTATION, Literal::new_simple_literal(id));
        }
    }
    let sw = iri("id/software/diplograph");
    o.typ(&sw, prov::SOFTWARE_AGENT);
    o.add(sw, rdfs::LABEL, Literal::new_simple_literal("diplograph"));
    o.quads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_iris_follow_the_recipe() {
        let k = EntityKey::Person {
            id: "安东尼奥·玛丽亚".into(),
            registry: false,
            affiliation: Some("un".into()),
        };
        assert_eq!(
            entity_iri(&k).as_str(),
            "https://w3id.org/diplograph/id/person/un/安东尼奥玛丽亚"
        );
        let k = EntityKey::Country { code: "CO".into() };
        assert_eq!(
            entity_iri(&k).as_str(),
            "https://w3id.org/diplograph/id/country/CO"
        );
    }

    #[test]
    fn decimals_have_no_exponent() {
        assert_eq!(decimal(9.2e12).value(), "9200000000000");
        assert_eq!(decimal(0.5).value(), "0.5");
    }
}
