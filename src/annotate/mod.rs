//! Annotation: finds mentions with character spans in a document and resolves them
//! onto the ontology's entities, events and roles.
//!
//! Annotating never fails: what the rules cannot use becomes a [`Diagnostic`]. The
//! annotator never touches the store and knows no IRIs.

mod dates;
mod en;
mod numbers;
mod zh;

use std::collections::BTreeMap;

use crate::lexicon::{Entry, Lexicon};
use crate::model::{
    Annotation, Count, Diagnostic, DocInfo, Entity, EntityKey, Event, EventStatus, InitiativeFact,
    Mention, MentionKind, Message, Participation, Proposal, Quantity, Role, Span, Statement, Title,
    FORMAT_VERSION,
};
use crate::read::{Document, Lang};
use crate::text::{normalize_name, CharIndex};

pub use numbers::chinese_numeral;

use zh::{TitleB, Zh, R};

/// Name and version of the annotator, recorded in provenance.
pub const ANNOTATOR: &str = concat!("diplograph-annotator/", env!("CARGO_PKG_VERSION"));

/// Annotation settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The country an official belongs to when a Chinese report writes a national
    /// title without a country (国务委员兼外长张明): the reports' own convention.
    pub home_country_zh: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            home_country_zh: Some("CN".to_owned()),
        }
    }
}

/// Annotates one document. Never fails: should a rule break on unexpected text, the
/// document gets an annotation with its metadata and a diagnostic instead of a crash.
#[must_use]
pub fn annotate(doc: &Document, lex: &Lexicon, config: &Config) -> Annotation {
    let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        annotate_inner(doc, lex, config)
    }));
    attempt.unwrap_or_else(|_| {
        let index = CharIndex::new(&doc.body);
        let mut b = Builder::new(doc, &index);
        b.diagnostics.push(Diagnostic {
            span: Span { start: 0, end: index.len_chars() },
            message: "internal error in the annotation rules; the document is recorded without annotations".to_owned(),
        });
        b.finish()
    })
}

fn annotate_inner(doc: &Document, lex: &Lexicon, config: &Config) -> Annotation {
    let index = CharIndex::new(&doc.body);
    let mut b = Builder::new(doc, &index);
    match doc.lang {
        Lang::Zh => b.chinese(lex, config.home_country_zh.as_deref()),
        Lang::En => b.english(lex),
    }
    b.finish()
}

/// Collects results in byte ranges and converts them to character spans once.
pub(crate) struct Builder<'a> {
    doc: &'a Document,
    index: &'a CharIndex,
    mentions: Vec<Mention>,
    entities: BTreeMap<EntityKey, Entity>,
    events: Vec<Event>,
    participations: Vec<Participation>,
    messages: Vec<Message>,
    statements: Vec<Statement>,
    proposals: Vec<Proposal>,
    initiatives: Vec<InitiativeFact>,
    quantities: Vec<Quantity>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Builder<'a> {
    fn new(doc: &'a Document, index: &'a CharIndex) -> Self {
        Self {
            doc,
            index,
            mentions: Vec::new(),
            entities: BTreeMap::new(),
            events: Vec::new(),
            participations: Vec::new(),
            messages: Vec::new(),
            statements: Vec::new(),
            proposals: Vec::new(),
            initiatives: Vec::new(),
            quantities: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    fn span(&self, r: R) -> Span {
        Span {
            start: self.index.char_of(r.0),
            end: self.index.char_of(r.1),
        }
    }

    fn text(&self, r: R) -> String {
        self.doc.body.get(r.0..r.1).unwrap_or("").to_owned()
    }

    fn mention(
        &mut self,
        kind: MentionKind,
        r: R,
        entity: Option<EntityKey>,
        concept: Option<String>,
    ) {
        let span = self.span(r);
        let text = self.text(r);
        if let Some(k) = &entity {
            if let Some(e) = self.entities.get_mut(k) {
                e.mentions.push(span);
            } else {
                self.entities.insert(
                    k.clone(),
                    Entity {
                        key: k.clone(),
                        name: text.clone(),
                        name_en: None,
                        titles: Vec::new(),
                        represents: None,
                        mentions: vec![span],
                    },
                );
            }
        }
        self.mentions.push(Mention {
            kind,
            span,
            text,
            entity,
            concept,
        });
    }

    fn title(&self, t: &TitleB) -> Title {
        Title {
            text: self.text(t.range),
            span: self.span(t.range),
            position: t.position.clone(),
            of: t.of.clone(),
        }
    }

    fn chinese(&mut self, lex: &Lexicon, home: Option<&str>) {
        let body = &self.doc.body;
        let mut z = Zh::new(body, lex, self.doc.date);
        z.find_countries(home);
        z.find_people(home);

        // Countries, organizations, initiatives, titles, event words from the lexicon.
        for c in &z.countries {
            if let Some(k) = lex.countries.get(c.country) {
                self.mention(
                    MentionKind::Country,
                    c.range,
                    Some(EntityKey::Country {
                        code: k.iso2.clone(),
                    }),
                    None,
                );
            }
        }
        let mut initiative_mentions: Vec<(R, EntityKey)> = Vec::new();
        let person_ranges: Vec<R> = z.person_mentions.iter().map(|m| m.range).collect();
        // Initiatives found by pattern; a lexicon initiative inside a longer name found
        // by pattern (泰国4.0 inside “泰国4.0”发展战略) is that longer name.
        let patterns = zh::pattern_initiatives(&z);
        let inside_pattern = |r: R| patterns.iter().any(|p| p.0 <= r.0 && r.1 <= p.1 && *p != r);
        for (r, k) in &z.inner_orgs {
            self.mention(MentionKind::Organization, *r, Some(k.clone()), None);
        }
        for h in &z.hits {
            let r = (h.start, h.end);
            if person_ranges.iter().any(|p| p.0 < r.1 && r.0 < p.1) || z.title_bodies.contains(&r) {
                continue;
            }
            // Countries come from the country finder (X方 included) and titles from the slots.
            for e in h.entries {
                match *e {
                    Entry::Initiative(_) if inside_pattern(r) => {}
                    e @ Entry::Initiative(_) => {
                        if let Some(k) = self.mention_entry(lex, r, e) {
                            initiative_mentions.push((r, k));
                        }
                    }
                    e @ (Entry::Org(_) | Entry::EventType(_)) => {
                        self.mention_entry(lex, r, e);
                    }
                    _ => {}
                }
            }
        }
        for r in patterns {
            let name = self.text(r);
            let id = normalize_name(&name.replace(['“', '”', '「', '」', '"'], ""));
            let k = EntityKey::Initiative {
                id,
                registry: false,
            };
            initiative_mentions.push((r, k.clone()));
            self.mention(MentionKind::Initiative, r, Some(k), None);
        }
        initiative_mentions.sort_by_key(|(r, _)| *r);
        for t in &z.titles_seen {
            self.mention(MentionKind::Title, t.range, None, t.position.clone());
        }
        for d in &z.dates {
            self.mention(
                MentionKind::Date,
                (d.start, d.end),
                None,
                Some(d.date.to_string()),
            );
        }

        // People.
        let persons = z.persons.clone();
        for m in &z.person_mentions {
            if let Some(p) = persons.get(m.person) {
                self.mention(MentionKind::Person, m.range, Some(p.key.clone()), None);
            }
        }
        self.canonical_names(lex, Lang::Zh);
        for p in &persons {
            let titles = dedup_titles(p.titles.iter().map(|t| self.title(t)).collect());
            if let Some(e) = self.entities.get_mut(&p.key) {
                e.name_en = p.name_en.clone();
                e.titles = titles;
                e.represents = p.represents.clone();
            }
        }

        // Events.
        let raw = z.find_events();
        let mut merged = zh::merge_events(raw, body);
        merged.sort_by_key(|e| e.trigger);
        let mut roles: Vec<(usize, usize, Role, usize)> = Vec::new(); // (event, person, role, mention)
        for (ei, e) in merged.iter().enumerate() {
            let place = e.place.map(|r| {
                match z
                    .countries
                    .iter()
                    .find(|c| c.range == r)
                    .and_then(|c| lex.countries.get(c.country))
                {
                    Some(c) => EntityKey::Country {
                        code: c.iso2.clone(),
                    },
                    None => place_key(lex, &self.text(r)),
                }
            });
            if let (Some(pr), Some(k @ EntityKey::Place { .. })) = (e.place, &place) {
                self.mention(MentionKind::Place, pr, Some(k.clone()), None);
            }
            self.push_event(ei, e, place);
            for (p, role, m) in &e.roles {
                roles.push((ei, *p, *role, *m));
            }
        }

        // Sessions (小范围会议, 开幕式) on the day of a larger gathering are part of it.
        let session_parent: Vec<Option<usize>> = merged
            .iter()
            .enumerate()
            .map(|(ei, e)| {
                let name = e.name.map(|r| self.text(r)).unwrap_or_default();
                if !lex.cue("session").iter().any(|w| name.contains(w.as_str())) {
                    return None;
                }
                merged.iter().enumerate().position(|(pi, p)| {
                    pi != ei
                        && p.status == EventStatus::Happened
                        && p.date.or(self.doc.date) == e.date.or(self.doc.date)
                        && matches!(p.event_type.as_str(), "conference" | "summit" | "forum")
                        && !p.name.map(|r| self.text(r)).is_some_and(|n| {
                            lex.cue("session").iter().any(|w| n.contains(w.as_str()))
                        })
                })
            })
            .collect();
        for (ei, parent) in session_parent.iter().enumerate() {
            if let (Some(p), Some(ev)) = (parent, self.events.get_mut(ei)) {
                ev.part_of = Some(format!("e{}", p + 1));
            }
        }

        // Sentence by sentence: the current event is the last happened one reported so far.
        let mut statements = zh::statements(&z);
        statements.sort_by_key(|(_, r)| *r);
        let sentences = z.sentences.clone();
        let mut message_no = 0;
        // Event words in text order, and happened events by first trigger, for lookups.
        let mut trigger_index: Vec<(R, usize)> = merged
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.triggers.iter().map(move |t| (*t, i)))
            .collect();
        trigger_index.sort_unstable();
        let happened: Vec<(usize, usize)> = merged
            .iter()
            .enumerate()
            .filter(|(_, e)| e.status == EventStatus::Happened)
            .map(|(i, e)| (e.trigger.0, i))
            .collect();
        let mut party_roles: Vec<(usize, EntityKey, R)> = Vec::new();
        let mut sub_events: Vec<Event> = Vec::new();
        for s in &sentences {
            // The event this sentence reports on: the last happened one whose event word is
            // in the sentence, else the last happened one reported before it.
            let lo = trigger_index.partition_point(|(t, _)| t.0 < s.0);
            let hi = trigger_index.partition_point(|(t, _)| t.0 < s.1).max(lo);
            let mut in_sentence: Vec<usize> = trigger_index
                .get(lo..hi)
                .unwrap_or(&[])
                .iter()
                .filter(|(t, _)| t.1 <= s.1)
                .map(|(_, i)| *i)
                .collect();
            in_sentence.sort_unstable();
            in_sentence.dedup();
            let current = in_sentence
                .iter()
                .copied()
                .filter(|i| {
                    merged
                        .get(*i)
                        .is_some_and(|e| e.status == EventStatus::Happened)
                })
                .last()
                .or_else(|| {
                    // `happened` is in trigger order.
                    let k = happened.partition_point(|(t, _)| *t < s.1);
                    k.checked_sub(1)
                        .and_then(|k| happened.get(k))
                        .map(|(_, i)| *i)
                });
            let Some(cur) = current else {
                // Statements outside any event still count.
                continue;
            };
            let cur_id = format!("e{}", cur + 1);
            let ceremony = in_sentence
                .iter()
                .copied()
                .chain(std::iter::once(cur))
                .find(|i| merged.get(*i).is_some_and(|e| e.event_type == "ceremony"));
            if let Some(c) = ceremony {
                for mi in z.welcomed(*s) {
                    if let Some(m) = z.person_mentions.get(mi) {
                        if !roles.iter().any(|(e, p, _, _)| *e == c && *p == m.person) {
                            roles.push((c, m.person, Role::Attendee, mi));
                        }
                    }
                }
            }
            if z.attendance(*s).len() + z.unnamed_parties.len() > 0 && z.is_attendance_sentence(*s)
            {
                for (r, k) in z
                    .unnamed_parties
                    .iter()
                    .filter(|(r, _)| r.0 >= s.0 && r.1 <= s.1)
                {
                    if !party_roles.iter().any(|(e, kk, _)| *e == cur && kk == k) {
                        party_roles.push((cur, k.clone(), *r));
                    }
                }
            }
            for mi in z.attendance(*s) {
                if let Some(m) = z.person_mentions.get(mi) {
                    if !roles.iter().any(|(e, p, _, _)| *e == cur && *p == m.person) {
                        roles.push((cur, m.person, Role::Attendee, mi));
                    }
                }
            }
            for (person, mi) in z.anaphoric_chairs(*s) {
                if !roles
                    .iter()
                    .any(|(e, p, r, _)| *e == cur && *p == person && r.is_chair())
                {
                    roles.push((cur, person, Role::Chair, mi));
                }
            }
            if let Some((v, r)) = z.attending_count(*s) {
                let count = Count {
                    value: v,
                    text: self.text(r),
                    span: self.span(r),
                };
                if let Some(ev) = self.events.get_mut(cur) {
                    ev.attending_countries.get_or_insert(count);
                }
            }
            if let Some(r) = z.theme(*s) {
                let theme = self.text(r);
                if let Some(ev) = self.events.get_mut(cur) {
                    ev.theme.get_or_insert(theme);
                }
            }
            if let Some((reader, sender, words, reader_m, _)) = z.message_reading(*s) {
                message_no += 1;
                let (Some(rp), Some(sp)) = (persons.get(reader), persons.get(sender)) else {
                    continue;
                };
                let reading = format!("{cur_id}.r{message_no}");
                sub_events.push(Event {
                    id: reading.clone(),
                    event_type: "message-reading".to_owned(),
                    status: EventStatus::Happened,
                    name: Some(
                        self.text((s.0, s.1))
                            .trim_end_matches(['。', '\n'])
                            .to_owned(),
                    ),
                    date: self.events.get(cur).and_then(|e| e.date),
                    place: None,
                    mode: None,
                    theme: None,
                    attending_countries: None,
                    part_of: Some(cur_id.clone()),
                    trigger: self.span(words),
                    evidence: self.span(*s),
                });
                self.messages.push(Message {
                    id: format!("m{message_no}"),
                    event: cur_id.clone(),
                    reading,
                    sender: sp.key.clone(),
                    reader: rp.key.clone(),
                    kind_text: self.text(words),
                    evidence: self.span(*s),
                });
                roles.push((cur, reader, Role::MessageReader, reader_m));
            }
            let facts =
                zh::initiative_relations(&z, &initiative_mentions, *s, Some(&cur_id), &persons);
            for (k, rel, r) in facts {
                let fact = self.initiative_fact(k, rel, r);
                self.push_initiative_fact(fact);
            }
        }
        // Initiative relations before any event (proposals of the past) still count.
        for s in &sentences {
            let before_any = merged
                .iter()
                .all(|e| e.status != EventStatus::Happened || e.trigger.0 >= s.1);
            if before_any {
                for (k, rel, r) in
                    zh::initiative_relations(&z, &initiative_mentions, *s, None, &persons)
                {
                    let fact = self.initiative_fact(k, rel, r);
                    self.push_initiative_fact(fact);
                }
            }
        }
        let current_at = |at: usize| -> Option<usize> {
            merged
                .iter()
                .enumerate()
                .filter(|(_, e)| e.status == EventStatus::Happened && e.trigger.0 < at)
                .map(|(i, _)| i)
                .last()
        };
        for (k, (mi, r)) in statements.iter().enumerate() {
            let Some(m) = z.person_mentions.get(*mi) else {
                continue;
            };
            let Some(p) = persons.get(m.person) else {
                continue;
            };
            let ev = current_at(r.0);
            if let Some(e) = ev {
                if roles.iter().any(|(x, pp, _, _)| *x == e && *pp == m.person) {
                    roles.push((e, m.person, Role::Speaker, *mi));
                }
            }
            let sentence = z.sentence_of(r.0);
            self.statements.push(Statement {
                id: format!("s{}", k + 1),
                speaker: p.key.clone(),
                event: ev.map(|e| format!("e{}", e + 1)),
                text: self.text(*r).trim_end_matches(['。', '\n']).to_owned(),
                evidence: self.span((m.range.0.min(sentence.0).max(sentence.0), sentence.1)),
            });
        }

        // Proposals: the last speaker before the count is the author.
        for (k, n, r, count) in zh::proposals(&z) {
            let author = statements
                .iter()
                .filter(|(_, sr)| sr.0 <= count.0)
                .last()
                .and_then(|(mi, _)| z.person_mentions.get(*mi))
                .and_then(|m| persons.get(m.person))
                .map(|p| p.key.clone());
            let clause = z.clause_of(count.0);
            let on_behalf_of = z
                .countries
                .iter()
                .find(|c| c.range.0 >= clause.0 && c.range.1 <= count.0)
                .and_then(|c| lex.countries.get(c.country))
                .map(|c| EntityKey::Country {
                    code: c.iso2.clone(),
                });
            let text = self.text(r).trim_end_matches(['\n']).to_owned();
            let span = self.span(r);
            self.proposals.push(Proposal {
                id: format!("p{}", self.proposals.len() + 1),
                position: k,
                of: n,
                author,
                on_behalf_of,
                event: current_at(count.0).map(|e| format!("e{}", e + 1)),
                text,
                evidence: span,
            });
        }

        // Who takes part in a gathering takes part in its sessions; who takes part in a
        // session takes part in the gathering, and who chairs it, chairs it.
        let mut inherited = Vec::new();
        for (ei, parent) in session_parent.iter().enumerate() {
            let Some(parent) = parent else { continue };
            for (e, p, role, m) in &roles {
                if e == parent && !role.is_chair() {
                    inherited.push((ei, *p, Role::Attendee, *m));
                }
            }
        }
        for (e, p, role, m) in &roles {
            if let Some(Some(parent)) = session_parent.get(*e) {
                let role = if role.is_chair() {
                    *role
                } else {
                    Role::Attendee
                };
                inherited.push((*parent, *p, role, *m));
            }
        }
        for r in inherited {
            if !roles.iter().any(|x| x.0 == r.0 && x.1 == r.1 && x.2 == r.2) {
                roles.push(r);
            }
        }
        for (e, k, r) in party_roles.clone() {
            if let Some(Some(parent)) = session_parent.get(e) {
                if !party_roles
                    .iter()
                    .any(|(pe, pk, _)| pe == parent && *pk == k)
                {
                    party_roles.push((*parent, k, r));
                }
            }
        }

        // Participations: one per (event, person), roles merged, titles from the mention
        // that places them there (or all the titles they hold in the document).
        let mut parts: BTreeMap<(usize, usize), (Vec<Role>, usize)> = BTreeMap::new();
        for (e, p, role, m) in roles {
            let entry = parts.entry((e, p)).or_insert((Vec::new(), m));
            if !entry.0.contains(&role) {
                entry.0.push(role);
            }
            let better = z.person_mentions.get(m).map_or(0, |x| x.titles.len())
                > z.person_mentions.get(entry.1).map_or(0, |x| x.titles.len());
            if better {
                entry.1 = m;
            }
        }
        for ((e, p), (mut rs, m)) in parts {
            let (Some(person), Some(mention)) = (persons.get(p), z.person_mentions.get(m)) else {
                continue;
            };
            rs.sort();
            let titles: Vec<Title> = if mention.titles.is_empty() {
                dedup_titles(person.titles.iter().map(|t| self.title(t)).collect())
            } else {
                dedup_titles(mention.titles.iter().map(|t| self.title(t)).collect())
            };
            let evidence = self.span(z.sentence_of(mention.range.0));
            self.participations.push(Participation {
                event: format!("e{}", e + 1),
                participant: person.key.clone(),
                roles: rs,
                representing: person.represents.clone(),
                titles,
                evidence,
            });
        }
        // Parties that attend without a named person.
        for (e, k, r) in party_roles {
            let event = format!("e{}", e + 1);
            if self
                .participations
                .iter()
                .any(|p| p.event == event && p.participant == k)
            {
                continue;
            }
            let mention_kind = if matches!(k, EntityKey::Country { .. }) {
                MentionKind::Country
            } else {
                MentionKind::Organization
            };
            let _ = mention_kind;
            let evidence = self.span(z.sentence_of(r.0));
            self.participations.push(Participation {
                event,
                participant: k,
                roles: vec![Role::Attendee],
                representing: None,
                titles: Vec::new(),
                evidence,
            });
        }
        self.events.extend(sub_events);

        // Quantities, outside dates and names.
        let mut exclude: Vec<R> = z.dates.iter().map(|d| (d.start, d.end)).collect();
        exclude.extend(initiative_mentions.iter().map(|(r, _)| *r));
        exclude.extend(
            z.hits
                .iter()
                .filter(|h| {
                    h.entries
                        .iter()
                        .any(|e| matches!(e, Entry::Org(_) | Entry::Initiative(_)))
                })
                .map(|h| (h.start, h.end)),
        );
        // Sorted and without overlaps, for binary search.
        exclude.sort_unstable();
        let mut merged_ex: Vec<R> = Vec::with_capacity(exclude.len());
        for r in exclude {
            match merged_ex.last_mut() {
                Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
                _ => merged_ex.push(r),
            }
        }
        let exclude = merged_ex;
        for (r, value, unit, comparator) in zh::quantities(&z, &exclude) {
            self.push_quantity(r, value, unit, comparator, z.sentence_of(r.0));
        }
    }

    fn english(&mut self, lex: &Lexicon) {
        let body = &self.doc.body;
        let mut en = en::En::new(body, lex, self.doc.date);
        en.find_people();
        let persons = en.persons.clone();
        let person_ranges: Vec<R> = en.person_mentions.iter().map(|m| m.range).collect();
        for h in &en.hits {
            let r = (h.start, h.end);
            if person_ranges.iter().any(|p| p.0 < r.1 && r.0 < p.1) {
                continue;
            }
            if let Some(e) = h.entries.first() {
                self.mention_entry(lex, r, *e);
            }
        }
        for m in &en.person_mentions {
            if let Some(p) = persons.get(m.person) {
                self.mention(MentionKind::Person, m.range, Some(p.key.clone()), None);
            }
        }
        for p in &persons {
            let titles = dedup_titles(p.titles.iter().map(|t| self.title(t)).collect());
            if let Some(e) = self.entities.get_mut(&p.key) {
                e.name = p.name.clone();
                e.name_en = p.name_en.clone();
                e.titles = titles;
                e.represents = p.represents.clone();
            }
        }
        let dates = en.dates();
        for (r, d) in &dates {
            self.mention(MentionKind::Date, *r, None, Some(d.to_string()));
        }
        let events = en.find_events(&dates);
        for (ei, e) in events.iter().enumerate() {
            let place = e.place.and_then(|r| {
                match en
                    .hits
                    .iter()
                    .find(|h| (h.start, h.end) == r)
                    .and_then(|h| h.entries.first())
                {
                    Some(Entry::Country(i)) => lex.countries.get(*i).map(|c| EntityKey::Country {
                        code: c.iso2.clone(),
                    }),
                    _ => lex
                        .place(&self.text(r))
                        .map(|_| place_key(lex, &self.text(r))),
                }
            });
            if let (Some(pr), Some(k @ EntityKey::Place { .. })) = (e.place, &place) {
                self.mention(MentionKind::Place, pr, Some(k.clone()), None);
            }
            self.push_event(ei, e, place);
            let mut parts: BTreeMap<usize, (Vec<Role>, usize)> = BTreeMap::new();
            for (p, role, m) in &e.roles {
                let entry = parts.entry(*p).or_insert((Vec::new(), *m));
                if !entry.0.contains(role) {
                    entry.0.push(*role);
                }
            }
            for (p, (mut rs, m)) in parts {
                let (Some(person), Some(mention)) = (persons.get(p), en.person_mentions.get(m))
                else {
                    continue;
                };
                rs.sort();
                let titles = dedup_titles(person.titles.iter().map(|t| self.title(t)).collect());
                let evidence = self.span(en.sentence_of(mention.range.0));
                self.participations.push(Participation {
                    event: format!("e{}", ei + 1),
                    participant: person.key.clone(),
                    roles: rs,
                    representing: person.represents.clone(),
                    titles,
                    evidence,
                });
            }
        }
        for (k, (mi, r)) in en.statements().into_iter().enumerate() {
            let Some(m) = en.person_mentions.get(mi) else {
                continue;
            };
            let Some(p) = persons.get(m.person) else {
                continue;
            };
            let sentence = en.sentence_of(r.0);
            let event = events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.status == EventStatus::Happened && e.trigger.0 < sentence.1)
                .map(|(i, _)| format!("e{}", i + 1))
                .last();
            self.statements.push(Statement {
                id: format!("s{}", k + 1),
                speaker: p.key.clone(),
                event,
                text: self
                    .text(r)
                    .trim()
                    .trim_start_matches(',')
                    .trim()
                    .to_owned(),
                evidence: self.span(sentence),
            });
        }
        for (r, value, unit, comparator) in en.quantities() {
            self.push_quantity(r, value, unit, comparator, en.sentence_of(r.0));
        }
        self.canonical_names(lex, Lang::En);
    }

    /// Records the mention of a lexicon entry (a country, organization or initiative
    /// names an entity; a title or an event word names a concept). Returns the entity.
    fn mention_entry(&mut self, lex: &Lexicon, r: R, e: Entry) -> Option<EntityKey> {
        let (kind, concept) = match e {
            Entry::Country(_) => (MentionKind::Country, None),
            Entry::Org(_) => (MentionKind::Organization, None),
            Entry::Initiative(_) => (MentionKind::Initiative, None),
            Entry::Position(i) => (MentionKind::Title, Some(lex.positions.get(i)?.id.clone())),
            Entry::EventType(i) => (
                MentionKind::EventTrigger,
                Some(lex.event_types.get(i)?.id.clone()),
            ),
            Entry::Person(_) => return None,
        };
        let key = lex.entity_of(e);
        self.mention(kind, r, key.clone(), concept);
        key
    }

    /// Records event `ei` (id `e{ei+1}`); a happened event without a date in its
    /// sentence takes the report's date.
    fn push_event(&mut self, ei: usize, e: &zh::EventB, place: Option<EntityKey>) {
        let date = e.date.or(if e.status == EventStatus::Happened {
            self.doc.date
        } else {
            None
        });
        self.events.push(Event {
            id: format!("e{}", ei + 1),
            event_type: e.event_type.clone(),
            status: e.status,
            name: e.name.map(|r| self.text(r)),
            date,
            place,
            mode: e.mode,
            theme: None,
            attending_countries: None,
            part_of: None,
            trigger: self.span(e.trigger),
            evidence: self.span(e.sentence),
        });
    }

    fn push_quantity(
        &mut self,
        r: R,
        value: f64,
        unit: String,
        comparator: Option<&str>,
        sentence: R,
    ) {
        let id = format!("q{}", self.quantities.len() + 1);
        let evidence = self.span(sentence);
        self.mention(MentionKind::Quantity, r, None, Some(unit.clone()));
        self.quantities.push(Quantity {
            id,
            text: self.text(r),
            value,
            unit,
            comparator: comparator.map(str::to_owned),
            span: self.span(r),
            evidence,
        });
    }

    /// Registry entities are named by their canonical name in the document's language,
    /// not by the first form written; the English name is kept too.
    fn canonical_names(&mut self, lex: &Lexicon, lang: Lang) {
        for e in self.entities.values_mut() {
            let canonical = match &e.key {
                EntityKey::Country { code } => lex
                    .country_by_code(code)
                    .and_then(|i| lex.countries.get(i))
                    .map(|c| (c.name_zh.clone(), c.name_en.clone())),
                EntityKey::Organization { id, registry: true } => lex
                    .organizations
                    .iter()
                    .find(|o| &o.id == id)
                    .map(|o| (o.name_zh.clone(), o.name_en.clone())),
                EntityKey::Initiative { id, registry: true } => lex
                    .initiatives
                    .iter()
                    .find(|o| &o.id == id)
                    .map(|o| (o.name_zh.clone(), o.name_en.clone())),
                _ => None,
            };
            if let Some((zh, en)) = canonical {
                let name = if lang == Lang::En { en.clone() } else { zh };
                if !name.is_empty() {
                    e.name = name;
                }
                e.name_en = Some(en).filter(|s| !s.is_empty());
            }
        }
    }

    /// A relation found by the Chinese rules (byte ranges) as a fact (character spans).
    fn initiative_fact(
        &self,
        initiative: EntityKey,
        relation: crate::model::InitiativeRelation,
        evidence: R,
    ) -> InitiativeFact {
        use crate::model::InitiativeRelation as IR;
        let relation = match relation {
            IR::LaunchedAt {
                event,
                co_initiators,
            } => IR::LaunchedAt {
                event,
                co_initiators: co_initiators.map(|c| crate::model::Count {
                    span: self.span((c.span.start, c.span.end)),
                    ..c
                }),
            },
            other => other,
        };
        InitiativeFact {
            initiative,
            relation,
            evidence: self.span(evidence),
        }
    }

    fn push_initiative_fact(&mut self, fact: InitiativeFact) {
        use crate::model::InitiativeRelation as IR;
        // One launch per (initiative, event): keep the one that counts co-initiators.
        if let IR::LaunchedAt {
            event,
            co_initiators,
        } = &fact.relation
        {
            if let Some(existing) = self.initiatives.iter_mut().find(|f| {
                f.initiative == fact.initiative
                    && matches!(&f.relation, IR::LaunchedAt { event: e, .. } if e == event)
            }) {
                if co_initiators.is_some() {
                    if let IR::LaunchedAt {
                        co_initiators: c, ..
                    } = &mut existing.relation
                    {
                        if c.is_none() {
                            *c = co_initiators.clone();
                            existing.evidence = fact.evidence;
                        }
                    }
                }
                return;
            }
        }
        if !self
            .initiatives
            .iter()
            .any(|f| f.initiative == fact.initiative && f.relation == fact.relation)
        {
            self.initiatives.push(fact);
        }
    }

    fn finish(mut self) -> Annotation {
        self.mentions
            .sort_by(|a, b| a.span.cmp(&b.span).then(a.kind.cmp(&b.kind)));
        self.mentions
            .dedup_by(|a, b| a.span == b.span && a.kind == b.kind);
        for e in self.entities.values_mut() {
            e.mentions.sort();
            e.mentions.dedup();
        }
        let doc = self.doc;
        Annotation {
            format: FORMAT_VERSION,
            annotator: ANNOTATOR.to_owned(),
            document: DocInfo {
                key: doc.key.clone(),
                source: doc.source.clone(),
                url: doc.url.clone(),
                title: doc.title.clone(),
                date: doc.date,
                lang: doc.lang,
                sha256: doc.sha256.clone(),
                chars: self.index.len_chars(),
            },
            mentions: self.mentions,
            entities: self.entities.into_values().collect(),
            events: self.events,
            participations: self.participations,
            messages: self.messages,
            statements: self.statements,
            proposals: self.proposals,
            initiatives: self.initiatives,
            quantities: self.quantities,
            diagnostics: self.diagnostics,
        }
    }
}

fn dedup_titles(mut titles: Vec<Title>) -> Vec<Title> {
    let mut seen: Vec<(String, Option<EntityKey>)> = Vec::new();
    titles.retain(|t| {
        let k = (t.text.clone(), t.of.clone());
        if seen.contains(&k) {
            false
        } else {
            seen.push(k);
            true
        }
    });
    titles
}

/// A place named in the text: the `places.tsv` entry when it has one (so 北京 and Beijing
/// are one place), else the name as written.
fn place_key(lex: &Lexicon, text: &str) -> EntityKey {
    match lex.place(text) {
        Some(p) => EntityKey::Place {
            name: p.id.clone(),
            registry: true,
        },
        None => EntityKey::Place {
            name: text.to_owned(),
            registry: false,
        },
    }
}
