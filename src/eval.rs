//! Scoring annotations against hand-made gold annotations (the JSON format documented
//! in docs/eval.md). Per category: true positives, false positives, false negatives,
//! precision, recall and F1, micro-averaged over documents, with every miss and every
//! spurious item listed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::lexicon::Lexicon;
use crate::model::{Annotation, EntityKey, EventStatus, Role};
use crate::text::normalize_name;

/// The categories scored, in report order.
pub const CATEGORIES: [&str; 9] = [
    "people",
    "titles",
    "countries",
    "organizations",
    "initiatives",
    "events",
    "chairs",
    "participants",
    "figures",
];

/// A gold annotation file.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    #[serde(default)]
    pub doc: String,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    #[serde(default)]
    pub people: Vec<GoldPerson>,
    #[serde(default)]
    pub countries: Vec<GoldKeyName>,
    #[serde(default)]
    pub organizations: Vec<GoldKeyName>,
    #[serde(default)]
    pub initiatives: Vec<GoldKeyName>,
    #[serde(default)]
    pub figures: Vec<GoldFigure>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub event_type: String,
    #[serde(default = "main_status")]
    pub status: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub chairs: Vec<String>,
    #[serde(default)]
    pub participants: Vec<String>,
}

fn main_status() -> String {
    "main".to_owned()
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldPerson {
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub titles: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldKeyName {
    pub key: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldFigure {
    pub text: String,
    pub value: f64,
    pub unit: String,
}

/// Counts and scores of one category.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    fn finish(&mut self) {
        let p = if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        let r = if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        self.precision = round(p);
        self.recall = round(r);
        self.f1 = round(if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        });
    }
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The result for one document: per category, what was missed and what was spurious.
#[derive(Debug, Clone, Serialize)]
pub struct DocResult {
    pub doc: String,
    pub counts: BTreeMap<String, Score>,
    pub missed: BTreeMap<String, Vec<String>>,
    pub spurious: BTreeMap<String, Vec<String>>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub categories: BTreeMap<String, Score>,
    pub documents: Vec<DocResult>,
}

/// Which gold events count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// Only gold events of status `main`; system events announced or referenced are not scored.
    Main,
    /// All gold events and all system events.
    All,
}

/// Errors reading gold files.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a gold annotation: {message}")]
    Gold { path: PathBuf, message: String },
}

/// Reads a gold file.
pub fn read_gold(path: &Path) -> Result<Gold, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| EvalError::Gold {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Maps the ontology's event types to the gold's type names.
#[must_use]
pub fn gold_type(event_type: &str) -> &'static str {
    match event_type {
        "conference" => "Conference",
        "meeting" => "Meeting",
        "talks" => "Talks",
        "phone-call" => "PhoneCall",
        "visit" => "Visit",
        "forum" => "Forum",
        "summit" => "Summit",
        "press-conference" => "PressConference",
        _ => "Other",
    }
}

fn norm(s: &str) -> String {
    normalize_name(s).replace(['“', '”', '「', '」', '"', '《', '》'], "")
}

/// Greedy one-to-one matching of gold items to system items by a predicate; returns
/// (pairs, unmatched gold, unmatched system).
fn match_items<G, S>(
    gold: &[G],
    sys: &[S],
    same: impl Fn(&G, &S) -> bool,
) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut used = vec![false; sys.len()];
    let mut pairs = Vec::new();
    let mut missed = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        match (0..sys.len()).find(|si| !used[*si] && sys.get(*si).is_some_and(|s| same(g, s))) {
            Some(si) => {
                used[si] = true;
                pairs.push((gi, si));
            }
            None => missed.push(gi),
        }
    }
    let spurious = (0..sys.len()).filter(|i| !used[*i]).collect();
    (pairs, missed, spurious)
}

struct Cat<'r> {
    doc: &'r mut DocResult,
    name: &'static str,
}

impl Cat<'_> {
    fn record(&mut self, tp: usize, missed: Vec<String>, spurious: Vec<String>) {
        let s = self.doc.counts.entry(self.name.to_owned()).or_default();
        s.tp += tp;
        s.fn_ += missed.len();
        s.fp += spurious.len();
        if !missed.is_empty() {
            self.doc
                .missed
                .entry(self.name.to_owned())
                .or_default()
                .extend(missed);
        }
        if !spurious.is_empty() {
            self.doc
                .spurious
                .entry(self.name.to_owned())
                .or_default()
                .extend(spurious);
        }
    }
}

/// Labels an entity can be matched by: its mentions as written and, for registry
/// entities, every name and alias in the lexicon.
fn labels(a: &Annotation, lex: &Lexicon, k: &EntityKey) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if let Some(e) = a.entities.iter().find(|e| &e.key == k) {
        out.insert(norm(&e.name));
        for m in a.mentions.iter().filter(|m| m.entity.as_ref() == Some(k)) {
            out.insert(norm(&m.text));
        }
    }
    match k {
        EntityKey::Organization { id, registry: true } => {
            if let Some(o) = lex.organizations.iter().find(|o| &o.id == id) {
                for n in std::iter::once(&o.name_zh)
                    .chain(&o.aliases_zh)
                    .chain(std::iter::once(&o.name_en))
                    .chain(&o.aliases_en)
                    .chain(&o.abbr)
                {
                    out.insert(norm(n));
                }
            }
        }
        EntityKey::Initiative { id, registry: true } => {
            if let Some(o) = lex.initiatives.iter().find(|o| &o.id == id) {
                for n in std::iter::once(&o.name_zh)
                    .chain(&o.aliases_zh)
                    .chain(std::iter::once(&o.name_en))
                    .chain(&o.aliases_en)
                {
                    out.insert(norm(n));
                }
            }
        }
        _ => {}
    }
    out.remove("");
    out
}

/// Scores one document.
#[must_use]
pub fn score_document(
    doc_name: &str,
    a: &Annotation,
    gold: &Gold,
    lex: &Lexicon,
    status: StatusFilter,
) -> DocResult {
    let mut r = DocResult {
        doc: doc_name.to_owned(),
        counts: BTreeMap::new(),
        missed: BTreeMap::new(),
        spurious: BTreeMap::new(),
    };
    for c in CATEGORIES {
        r.counts.insert(c.to_owned(), Score::default());
    }

    // People: by name as written (normalised); a system person matches through any of
    // its mentions.
    let sys_people: Vec<&crate::model::Entity> = a
        .entities
        .iter()
        .filter(|e| matches!(e.key, EntityKey::Person { .. }))
        .collect();
    let people_labels: Vec<BTreeSet<String>> =
        sys_people.iter().map(|e| labels(a, lex, &e.key)).collect();
    let (pp, pm, ps) = match_items(&gold.people, &people_labels, |g, l| {
        l.contains(&norm(&g.name))
    });
    // gold person key -> system entity key
    let person_map: BTreeMap<&str, &EntityKey> = pp
        .iter()
        .filter_map(|(g, s)| Some((gold.people.get(*g)?.key.as_str(), &sys_people.get(*s)?.key)))
        .collect();
    let sys_to_gold: BTreeMap<&EntityKey, &str> =
        person_map.iter().map(|(g, s)| (*s, *g)).collect();
    Cat {
        doc: &mut r,
        name: "people",
    }
    .record(
        pp.len(),
        pm.iter()
            .filter_map(|i| gold.people.get(*i))
            .map(|p| p.name.clone())
            .collect(),
        ps.iter()
            .filter_map(|i| sys_people.get(*i))
            .map(|e| e.name.clone())
            .collect(),
    );

    // Titles: (person, title as written) pairs; a system person is named by the gold
    // person it matched.
    let person_name = |k: &EntityKey, fallback: &str| -> String {
        sys_to_gold
            .get(k)
            .and_then(|g| gold.people.iter().find(|p| p.key == *g))
            .map_or_else(|| norm(fallback), |p| norm(&p.name))
    };
    let gold_titles: Vec<(String, String)> = gold
        .people
        .iter()
        .flat_map(|p| p.titles.iter().map(|t| (norm(&p.name), norm(t))))
        .collect();
    let mut sys_titles: Vec<(String, String)> = Vec::new();
    for e in &sys_people {
        let n = person_name(&e.key, &e.name);
        for t in &e.titles {
            let pair = (n.clone(), norm(&t.text));
            if !sys_titles.contains(&pair) {
                sys_titles.push(pair);
            }
        }
    }
    let (tp, tm, ts) = match_items(&gold_titles, &sys_titles, |g, s| g == s);
    Cat {
        doc: &mut r,
        name: "titles",
    }
    .record(
        tp.len(),
        tm.iter()
            .filter_map(|i| gold_titles.get(*i))
            .map(|(p, t)| format!("{p}: {t}"))
            .collect(),
        ts.iter()
            .filter_map(|i| sys_titles.get(*i))
            .map(|(p, t)| format!("{p}: {t}"))
            .collect(),
    );

    // Countries: ISO codes.
    let gold_c: BTreeSet<&str> = gold.countries.iter().map(|c| c.key.as_str()).collect();
    let sys_c: BTreeSet<&str> = a
        .entities
        .iter()
        .filter_map(|e| match &e.key {
            EntityKey::Country { code } => Some(code.as_str()),
            _ => None,
        })
        .collect();
    Cat {
        doc: &mut r,
        name: "countries",
    }
    .record(
        gold_c.intersection(&sys_c).count(),
        gold_c.difference(&sys_c).map(|s| (*s).to_owned()).collect(),
        sys_c.difference(&gold_c).map(|s| (*s).to_owned()).collect(),
    );

    // Organizations and initiatives: any label or alias equals the gold name.
    let keyed_match = |cat: &'static str,
                       gold_items: &[GoldKeyName],
                       pick: fn(&EntityKey) -> bool,
                       r: &mut DocResult|
     -> BTreeMap<String, EntityKey> {
        let sys: Vec<&crate::model::Entity> = a.entities.iter().filter(|e| pick(&e.key)).collect();
        let ls: Vec<BTreeSet<String>> = sys.iter().map(|e| labels(a, lex, &e.key)).collect();
        let (p, m, s) = match_items(gold_items, &ls, |g, l| l.contains(&norm(&g.name)));
        Cat { doc: r, name: cat }.record(
            p.len(),
            m.iter()
                .filter_map(|i| gold_items.get(*i))
                .map(|g| g.name.clone())
                .collect(),
            s.iter()
                .filter_map(|i| sys.get(*i))
                .map(|e| e.name.clone())
                .collect(),
        );
        p.iter()
            .filter_map(|(g, s)| Some((gold_items.get(*g)?.key.clone(), sys.get(*s)?.key.clone())))
            .collect()
    };
    let org_map = keyed_match(
        "organizations",
        &gold.organizations,
        |k| matches!(k, EntityKey::Organization { .. }),
        &mut r,
    );
    let _ = keyed_match(
        "initiatives",
        &gold.initiatives,
        |k| matches!(k, EntityKey::Initiative { .. }),
        &mut r,
    );
    let org_to_gold: BTreeMap<&EntityKey, &str> =
        org_map.iter().map(|(g, s)| (s, g.as_str())).collect();

    // Events: same type and date (a gold date of null matches any date).
    let gold_events: Vec<&GoldEvent> = gold
        .events
        .iter()
        .filter(|e| status == StatusFilter::All || e.status == "main")
        .collect();
    let sys_events: Vec<&crate::model::Event> = a
        .events
        .iter()
        .filter(|e| e.event_type != "message-reading")
        .filter(|e| status == StatusFilter::All || e.status == EventStatus::Happened)
        .collect();
    let (ep, em, es) = match_items(&gold_events, &sys_events, |g, s| {
        g.event_type == gold_type(&s.event_type)
            && g.date
                .as_deref()
                .is_none_or(|d| s.date.map(|x| x.to_string()).as_deref() == Some(d))
    });
    let describe_sys = |e: &crate::model::Event| {
        format!(
            "{} {} {}",
            gold_type(&e.event_type),
            e.date.map_or_else(|| "-".into(), |d| d.to_string()),
            e.name.clone().unwrap_or_default()
        )
    };
    Cat {
        doc: &mut r,
        name: "events",
    }
    .record(
        ep.len(),
        em.iter()
            .filter_map(|i| gold_events.get(*i))
            .map(|e| {
                format!(
                    "{} {} {}",
                    e.event_type,
                    e.date.clone().unwrap_or_else(|| "-".into()),
                    e.label.clone().unwrap_or_default()
                )
            })
            .collect(),
        es.iter()
            .filter_map(|i| sys_events.get(*i))
            .map(|e| describe_sys(e))
            .collect(),
    );

    // Chairs and participants: (matched event, participant) pairs.
    let participant_id = |k: &EntityKey, name: &str| -> String {
        match k {
            EntityKey::Country { code } => code.clone(),
            EntityKey::Person { .. } => sys_to_gold
                .get(k)
                .map_or_else(|| format!("person {}", norm(name)), |g| (*g).to_owned()),
            EntityKey::Organization { id, .. } => org_to_gold
                .get(k)
                .map_or_else(|| format!("org {id}"), |g| (*g).to_owned()),
            other => other.label(),
        }
    };
    let entity_name = |k: &EntityKey| {
        a.entities
            .iter()
            .find(|e| &e.key == k)
            .map_or_else(|| k.label(), |e| e.name.clone())
    };
    let mut gold_chairs = BTreeSet::new();
    let mut gold_parts = BTreeSet::new();
    for (i, e) in gold_events.iter().enumerate() {
        for c in &e.chairs {
            gold_chairs.insert((i, c.clone()));
        }
        for p in &e.participants {
            gold_parts.insert((i, p.clone()));
        }
    }
    let mut sys_chairs = BTreeSet::new();
    let mut sys_parts = BTreeSet::new();
    for (gi, si) in &ep {
        let Some(ev) = sys_events.get(*si) else {
            continue;
        };
        for p in a.participations.iter().filter(|p| p.event == ev.id) {
            let id = participant_id(&p.participant, &entity_name(&p.participant));
            if p.roles
                .iter()
                .any(|r| matches!(r, Role::Chair | Role::CoChair))
            {
                sys_chairs.insert((*gi, id.clone()));
            }
            sys_parts.insert((*gi, id));
            // The country or body each attendee represents, and those their titles name.
            // A home country's own bodies named in a title (中共中央政治局委员) are not parties.
            let domestic = |k: &&EntityKey| match k {
                EntityKey::Organization { id, .. } => lex
                    .organizations
                    .iter()
                    .find(|o| &o.id == id)
                    .is_some_and(|o| {
                        matches!(o.kind.as_str(), "state-body" | "party" | "military")
                    }),
                _ => false,
            };
            for party in p.representing.iter().chain(
                p.titles
                    .iter()
                    .filter_map(|t| t.of.as_ref())
                    .filter(|k| !domestic(k)),
            ) {
                sys_parts.insert((*gi, participant_id(party, &entity_name(party))));
            }
        }
    }
    let show = |(i, p): &(usize, String)| {
        format!(
            "{}#{}: {p}",
            gold_events.get(*i).map_or("?", |e| e.event_type.as_str()),
            i + 1
        )
    };
    Cat {
        doc: &mut r,
        name: "chairs",
    }
    .record(
        gold_chairs.intersection(&sys_chairs).count(),
        gold_chairs.difference(&sys_chairs).map(show).collect(),
        sys_chairs.difference(&gold_chairs).map(show).collect(),
    );
    Cat {
        doc: &mut r,
        name: "participants",
    }
    .record(
        gold_parts.intersection(&sys_parts).count(),
        gold_parts.difference(&sys_parts).map(show).collect(),
        sys_parts.difference(&gold_parts).map(show).collect(),
    );

    // Figures: (value, unit) pairs.
    let gold_f: Vec<(f64, String, String)> = gold
        .figures
        .iter()
        .map(|f| (f.value, f.unit.to_lowercase(), f.text.clone()))
        .collect();
    let sys_f: Vec<(f64, String, String)> = a
        .quantities
        .iter()
        .map(|q| (q.value, q.unit.to_lowercase(), q.text.clone()))
        .collect();
    let (fp, fm, fs) = match_items(&gold_f, &sys_f, |g, s| {
        (g.0 - s.0).abs() <= 1e-9 * g.0.abs().max(1.0) && g.1 == s.1
    });
    Cat {
        doc: &mut r,
        name: "figures",
    }
    .record(
        fp.len(),
        fm.iter()
            .filter_map(|i| gold_f.get(*i))
            .map(|f| format!("{} ({} {})", f.2, f.0, f.1))
            .collect(),
        fs.iter()
            .filter_map(|i| sys_f.get(*i))
            .map(|f| format!("{} ({} {})", f.2, f.0, f.1))
            .collect(),
    );
    for s in r.counts.values_mut() {
        s.finish();
    }
    r
}

/// Sums document results into a report (micro-averaged).
#[must_use]
pub fn report(documents: Vec<DocResult>) -> Report {
    let mut categories: BTreeMap<String, Score> = CATEGORIES
        .iter()
        .map(|c| ((*c).to_owned(), Score::default()))
        .collect();
    for d in &documents {
        for (c, s) in &d.counts {
            let t = categories.entry(c.clone()).or_default();
            t.tp += s.tp;
            t.fp += s.fp;
            t.fn_ += s.fn_;
        }
    }
    for s in categories.values_mut() {
        s.finish();
    }
    Report {
        categories,
        documents,
    }
}
