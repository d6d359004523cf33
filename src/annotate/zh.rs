//! Rules for Chinese reports (simplified and traditional).
//!
//! The genre writes people in fixed slots: `[country|organization]* title (兼|、 title)* name`,
//! or `name title` for heads of state and government. Names are read from those slots
//! and then found again wherever they recur. Events are nouns governed by a verb
//! (主持, 举行, 出席) or verbs between two parties (会见, 会谈, 通电话). Every rule works
//! on byte ranges of the body; the caller converts them to character spans.

use std::collections::{BTreeMap, HashMap};

use super::dates::{find_dates, FoundDate};
use super::numbers;
use crate::lexicon::{Cue, CueIndex, Entry, Hit, Lexicon};
use crate::model::{Count, EntityKey, EventStatus, InitiativeRelation, Mode, Role};
use crate::text::{is_han, is_name_dot, normalize_name};

/// Byte range.
pub(crate) type R = (usize, usize);

/// A title in a slot, before the caller resolves it to a [`crate::model::Title`].
#[derive(Debug, Clone)]
pub(crate) struct TitleB {
    pub range: R,
    pub position: Option<String>,
    pub of: Option<EntityKey>,
}

/// A person found in the document.
#[derive(Debug, Clone)]
pub(crate) struct PersonB {
    pub key: EntityKey,
    pub name: String,
    pub name_en: Option<String>,
    pub titles: Vec<TitleB>,
    pub represents: Option<EntityKey>,
}

impl PersonB {
    /// A person named `name`: the registry person `registry` when there is one (with the
    /// registry's country when the text gives none), else identified by the normalised
    /// name and what the person represents.
    pub fn new(
        lex: &Lexicon,
        name: String,
        registry: Option<usize>,
        represents: Option<EntityKey>,
    ) -> Self {
        match registry.and_then(|r| lex.people.get(r)) {
            Some(rp) => Self {
                key: EntityKey::Person {
                    id: rp.id.clone(),
                    registry: true,
                    affiliation: None,
                },
                name,
                name_en: Some(rp.name_en.clone()).filter(|s| !s.is_empty()),
                titles: Vec::new(),
                represents: represents
                    .or_else(|| rp.country.clone().map(|code| EntityKey::Country { code })),
            },
            None => Self {
                key: EntityKey::Person {
                    id: normalize_name(&name),
                    registry: false,
                    affiliation: represents.as_ref().map(affiliation_label),
                },
                name,
                name_en: None,
                titles: Vec::new(),
                represents,
            },
        }
    }
}

/// A mention of a person, with the titles written next to it there.
#[derive(Debug, Clone)]
pub(crate) struct PersonMention {
    pub range: R,
    /// Start of the whole slot (the first title or affiliation).
    pub slot_start: usize,
    pub person: usize,
    pub titles: Vec<TitleB>,
}

/// A mention of a country (by name, alias or `X方`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CountryMention {
    pub range: R,
    pub country: usize,
}

const CLAUSE_END: &[char] = &['，', '。', '；', '：', '！', '？', '\n', ';', '!', '?', ','];
const SENTENCE_END: &[char] = &['。', '！', '？', '；', '\n', '!', '?', ';'];

struct NameChars {
    surnames: Vec<char>,
    translit: Vec<char>,
}

impl NameChars {
    fn parse() -> Self {
        let text = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/ontology/lexicon/name-chars.tsv"
        ));
        let mut s = Self {
            surnames: Vec::new(),
            translit: Vec::new(),
        };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            if let Some((k, v)) = line.split_once('\t') {
                let mut chars: Vec<char> = v.trim().chars().collect();
                chars.sort_unstable();
                match k {
                    "surname" => s.surnames = chars,
                    "translit" => s.translit = chars,
                    _ => {}
                }
            }
        }
        s
    }

    /// Whether a candidate looks like a personal name.
    fn plausible(&self, name: &str) -> bool {
        let han: Vec<char> = name.chars().filter(|c| !is_name_dot(*c)).collect();
        if han.len() < 2 || han.len() > 12 || !han.iter().all(|c| is_han(*c)) {
            return false;
        }
        let surname = han
            .first()
            .is_some_and(|c| self.surnames.binary_search(c).is_ok());
        if surname && han.len() <= 4 {
            return true;
        }
        han.iter().all(|c| {
            self.translit.binary_search(c).is_ok() || self.surnames.binary_search(c).is_ok()
        }) && han
            .iter()
            .filter(|c| self.translit.binary_search(c).is_ok())
            .count()
            * 2
            >= han.len()
    }
}

fn name_chars() -> &'static NameChars {
    static NC: std::sync::OnceLock<NameChars> = std::sync::OnceLock::new();
    NC.get_or_init(NameChars::parse)
}

/// The state of annotating one Chinese document.
pub(crate) struct Zh<'a> {
    pub text: &'a str,
    pub lex: &'a Lexicon,
    pub hits: Vec<Hit<'a>>,
    /// Where every cue form occurs.
    pub cues: CueIndex,
    /// Hit index by start byte.
    pub hit_at: BTreeMap<usize, usize>,
    pub sentences: Vec<R>,
    pub dates: Vec<FoundDate>,
    pub persons: Vec<PersonB>,
    /// Normalised name → index in `persons`.
    person_index: std::collections::HashMap<String, usize>,
    pub person_mentions: Vec<PersonMention>,
    pub countries: Vec<CountryMention>,
    /// (range, title) of every title seen, with or without a person.
    pub titles_seen: Vec<TitleB>,
    /// Ranges covered by person names, titles and their affiliations.
    covered: Vec<R>,
    /// Organizations named inside a title (联合国 in 联合国秘书长): mentioned too.
    pub inner_orgs: Vec<(R, EntityKey)>,
    /// Domestic bodies that are part of a title (中共 in 中共政治局委员): no mention.
    pub title_bodies: Vec<R>,
    /// Countries and bodies written with a title or 代表 but no name (土库曼斯坦代表,
    /// 中国-中亚机制秘书长): in an attendance sentence they attend as parties.
    pub unnamed_parties: Vec<(R, EntityKey)>,
}

impl<'a> Zh<'a> {
    pub fn new(text: &'a str, lex: &'a Lexicon, reference: Option<crate::date::Date>) -> Self {
        let hits = lex.find(text);
        let hit_at = hits.iter().enumerate().map(|(i, h)| (h.start, i)).collect();
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if SENTENCE_END.contains(&c) {
                let end = i + c.len_utf8();
                if text[start..end].trim().len() > 0 {
                    sentences.push((start, end));
                }
                start = end;
            }
        }
        if start < text.len() && !text[start..].trim().is_empty() {
            sentences.push((start, text.len()));
        }
        let dates = find_dates(text, reference);
        Self {
            text,
            lex,
            hits,
            cues: lex.cue_index(text),
            hit_at,
            sentences,
            dates,
            persons: Vec::new(),
            person_index: std::collections::HashMap::new(),
            person_mentions: Vec::new(),
            countries: Vec::new(),
            titles_seen: Vec::new(),
            covered: Vec::new(),
            inner_orgs: Vec::new(),
            title_bodies: Vec::new(),
            unnamed_parties: Vec::new(),
        }
    }

    fn s(&self, r: R) -> &'a str {
        self.text.get(r.0..r.1).unwrap_or("")
    }

    fn rest(&self, at: usize) -> &'a str {
        self.text.get(at..).unwrap_or("")
    }

    fn before(&self, at: usize) -> &'a str {
        self.text.get(..at).unwrap_or("")
    }

    /// The sentence containing byte `at`.
    pub fn sentence_of(&self, at: usize) -> R {
        let i = self.sentences.partition_point(|s| s.1 <= at);
        self.sentences.get(i).copied().unwrap_or((at, at))
    }

    /// The clause (between commas and stops) containing byte `at`.
    pub fn clause_of(&self, at: usize) -> R {
        let mut start = self.before(at).rfind(CLAUSE_END).map_or(0, |i| {
            i + self.before(at)[i..]
                .chars()
                .next()
                .map_or(1, char::len_utf8)
        });
        // A dateline (新华社北京12月7日电 …) ends where the report's first clause begins.
        let head = self.s((start, at));
        if let Some((i, w)) = ["电 ", "电\u{3000}", "電 ", "電\u{3000}"]
            .iter()
            .filter_map(|w| head.rfind(w).map(|i| (i, w.len())))
            .max()
        {
            start += i + w;
        }
        let end = self
            .rest(at)
            .find(CLAUSE_END)
            .map_or(self.text.len(), |i| at + i);
        (start, end)
    }

    /// Hits overlapping `[a, b)` (hits are sorted and do not overlap).
    fn hits_overlapping(&self, a: usize, b: usize) -> &[Hit<'a>] {
        let lo = self.hits.partition_point(|h| h.end <= a);
        let hi = self.hits.partition_point(|h| h.start < b).max(lo);
        self.hits.get(lo..hi).unwrap_or(&[])
    }

    /// Person mentions that start in `[a, b)` and end by `b`, with their indexes
    /// (mentions are sorted once people are found).
    pub fn mentions_within(
        &self,
        a: usize,
        b: usize,
    ) -> impl Iterator<Item = (usize, &PersonMention)> {
        let lo = self.person_mentions.partition_point(|m| m.range.0 < a);
        let hi = self
            .person_mentions
            .partition_point(|m| m.range.0 < b)
            .max(lo);
        self.person_mentions
            .get(lo..hi)
            .unwrap_or(&[])
            .iter()
            .enumerate()
            .map(move |(k, m)| (lo + k, m))
            .filter(move |(_, m)| m.range.1 <= b)
    }

    /// The country mention covering byte `at`, if any (mentions are sorted).
    fn country_covering(&self, at: usize) -> Option<&CountryMention> {
        let i = self.countries.partition_point(|c| c.range.1 <= at);
        self.countries.get(i).filter(|c| c.range.0 <= at)
    }

    fn hit_starting(&self, at: usize) -> Option<&Hit<'a>> {
        self.hit_at.get(&at).and_then(|i| self.hits.get(*i))
    }

    fn is_covered(&self, r: R) -> bool {
        self.covered.iter().any(|c| c.0 < r.1 && r.0 < c.1)
    }

    fn position_key(&self, e: Entry) -> Option<String> {
        match e {
            Entry::Position(i) => self.lex.positions.get(i).map(|p| p.id.clone()),
            _ => None,
        }
    }

    /// The country or organization an entry names.
    fn affiliation(&self, e: Entry) -> Option<EntityKey> {
        match e {
            Entry::Country(_) | Entry::Org(_) => self.lex.entity_of(e),
            _ => None,
        }
    }

    // ----- people -------------------------------------------------------------------

    /// Reads title slots and the names in them, then finds every later occurrence of
    /// each name.
    pub fn find_people(&mut self, home: Option<&str>) {
        let mut i = 0;
        while i < self.hits.len() {
            match self.parse_slot(i, home) {
                Some(next) => i = next,
                None => i += 1,
            }
        }
        self.find_registry_people();
        self.find_name_before_title();
        self.find_recurring_names();
        self.find_representatives();
        self.person_mentions.sort_by_key(|m| m.range);
        self.person_mentions.dedup_by_key(|m| m.range);
    }

    /// Preference when a form names several things: person, position, organization, country.
    fn kind_of(h: &Hit<'_>) -> Option<Entry> {
        h.best_by(|e| match e {
            Entry::Person(_) => 0,
            Entry::Position(_) => 1,
            Entry::Org(_) => 2,
            Entry::Country(_) => 3,
            Entry::Initiative(_) => 4,
            Entry::EventType(_) => 5,
        })
    }

    /// Parses a slot starting at hit `i`. Returns the index of the first hit after it.
    fn parse_slot(&mut self, i: usize, home: Option<&str>) -> Option<usize> {
        let first = self.hits.get(i)?;
        if !matches!(
            Self::kind_of(first),
            Some(Entry::Country(_) | Entry::Org(_) | Entry::Position(_))
        ) {
            return None;
        }
        let slot_start = first.start;
        let mut pos = first.start;
        let mut j = i;
        let mut aff: Option<EntityKey> = None;
        let mut aff_range: R = (0, 0);
        let mut titles: Vec<TitleB> = Vec::new();
        let mut last_was_title = false;
        while let Some(h) = self.hits.get(j) {
            if h.start != pos {
                break;
            }
            match Self::kind_of(h) {
                Some(e @ (Entry::Country(_) | Entry::Org(_))) => {
                    if last_was_title {
                        break;
                    }
                    aff = self.affiliation(e);
                    aff_range = (h.start, h.end);
                    pos = h.end;
                    j += 1;
                }
                Some(e @ Entry::Position(_)) => {
                    // A title of the home country's own bodies is kept whole
                    // (中共政治局委员, 中央外事工作委员会办公室主任) and names no organization.
                    let whole = aff.as_ref().is_some_and(|a| self.is_domestic_body(a))
                        && aff_range.1 == h.start;
                    let range = if whole {
                        self.title_bodies.push(aff_range);
                        (aff_range.0, h.end)
                    } else {
                        (h.start, h.end)
                    };
                    let inner = self.org_inside_title((h.start, h.end));
                    if let Some((k, n)) = &inner {
                        if self.is_domestic_body(k) {
                            self.title_bodies.push((h.start, h.start + n));
                        } else {
                            self.inner_orgs.push(((h.start, h.start + n), k.clone()));
                        }
                    }
                    let of = aff.clone().or_else(|| inner.map(|(k, _)| k));
                    titles.push(TitleB {
                        range,
                        position: self.position_key(e),
                        of,
                    });
                    pos = h.end;
                    j += 1;
                    last_was_title = true;
                    // 兼 or 、 followed by another title or affiliation continues the slot.
                    let rest = self.rest(pos);
                    let conn = ['兼', '、']
                        .iter()
                        .find(|c| rest.starts_with(**c))
                        .map(|c| c.len_utf8());
                    if let Some(n) = conn {
                        let next_ok = self.hits.get(j).is_some_and(|nh| {
                            nh.start == pos + n
                                && matches!(
                                    Self::kind_of(nh),
                                    Some(Entry::Country(_) | Entry::Org(_) | Entry::Position(_))
                                )
                        });
                        if next_ok {
                            pos += n;
                            last_was_title = false;
                        }
                    }
                }
                _ => break,
            }
        }
        // 主席夫人徐静: the titles before a spouse title describe the spouse.
        if let Some(k) = titles
            .iter()
            .rposition(|t| t.position.as_deref() == Some("spouse"))
        {
            titles.drain(..k);
        }
        if titles.is_empty() {
            return None;
        }
        for t in &titles {
            self.titles_seen.push(t.clone());
        }
        // Bylines put spaces between the title and the name (新华社记者 周敏 摄).
        let media = titles
            .last()
            .and_then(|t| t.position.as_deref())
            .and_then(|p| self.lex.position_by_id(p))
            .and_then(|i| self.lex.positions.get(i))
            .is_some_and(|p| p.kind == "media");
        if media {
            pos += self
                .rest(pos)
                .chars()
                .take_while(|c| *c == ' ' || *c == '\u{3000}')
                .map(char::len_utf8)
                .sum::<usize>();
        }
        // The name: a registry person right after, or a run of name characters.
        let (name_range, registry) = if let Some(h) = self
            .hit_starting(pos)
            .filter(|h| matches!(Self::kind_of(h), Some(Entry::Person(_))))
        {
            let r = (h.start, h.end);
            let p = match Self::kind_of(h) {
                Some(Entry::Person(p)) => Some(p),
                _ => None,
            };
            j += 1;
            (Some(r), p)
        } else {
            (self.name_run(pos), None)
        };
        let Some(name_range) = name_range else {
            if let Some(a) = aff.clone().filter(|a| !self.is_domestic_body(a)) {
                self.unnamed_parties.push(((slot_start, pos), a));
            }
            return Some(j.max(i + 1));
        };
        // Skip hits inside the name.
        while self.hits.get(j).is_some_and(|h| h.start < name_range.1) {
            j += 1;
        }
        // A journalist without an agency before the title works for the agency of the
        // dateline (新华社北京3月1日电（记者…）).
        if media && aff.is_none() {
            let para = self.before(slot_start).rfind('\n').map_or(0, |i| i + 1);
            aff = self
                .hits_overlapping(para, slot_start)
                .iter()
                .rev()
                .filter_map(|h| match Self::kind_of(h) {
                    Some(e @ Entry::Org(o))
                        if self
                            .lex
                            .organizations
                            .get(o)
                            .is_some_and(|x| x.kind == "media") =>
                    {
                        self.affiliation(e)
                    }
                    _ => None,
                })
                .next();
        }
        // Whom the person represents: the country or body written before the titles; else
        // the home country for a national title (外长) or for a title inside one of the
        // home country's own state or party bodies (中共中央政治局委员); else the
        // organization a title names (联合国秘书长).
        let national = titles.iter().any(|t| {
            let scoped = t
                .position
                .as_deref()
                .and_then(|p| self.lex.position_by_id(p))
                .and_then(|i| self.lex.positions.get(i))
                .is_some_and(|p| p.scope != "org");
            let domestic_body = t.of.as_ref().is_some_and(|o| self.is_domestic_body(o));
            (scoped && t.of.is_none()) || domestic_body
        });
        let represents = aff
            .clone()
            .filter(|a| !self.is_domestic_body(a))
            .or_else(|| {
                if national {
                    home.map(|h| EntityKey::Country { code: h.to_owned() })
                } else {
                    None
                }
            })
            .or_else(|| {
                titles
                    .iter()
                    .rev()
                    .find_map(|t| t.of.clone())
                    .filter(|o| !self.is_domestic_body(o))
            })
            .or_else(|| {
                aff.as_ref()
                    .filter(|a| self.is_domestic_body(a))
                    .and(home.map(|h| EntityKey::Country { code: h.to_owned() }))
            });
        // The name of the organization the person represents is not part of the title
        // (联合国秘书长 → 秘书长 for the UN's Secretary-General).
        if let Some(rep) = &represents {
            for t in &mut titles {
                if let Some((k, n)) = self.org_inside_title(t.range) {
                    if &k == rep {
                        let old = t.range;
                        t.range.0 += n;
                        for seen in self.titles_seen.iter_mut().filter(|x| x.range == old) {
                            seen.range = t.range;
                        }
                    }
                }
            }
        }
        let person = self.intern_person(name_range, registry, represents.clone());
        self.covered.push((slot_start, name_range.1));
        if let Some(p) = self.persons.get_mut(person) {
            for t in &titles {
                if !p.titles.iter().any(|x| x.range == t.range) {
                    p.titles.push(t.clone());
                }
            }
        }
        self.person_mentions.push(PersonMention {
            range: name_range,
            slot_start,
            person,
            titles: titles.clone(),
        });
        // Bylines list several journalists after one title, separated by spaces
        // (记者吴昊 孙涛): each is a person with the same title and agency.
        let mut end = name_range.1;
        while media {
            let gap: usize = self
                .rest(end)
                .chars()
                .take_while(|c| *c == ' ' || *c == '\u{3000}')
                .map(char::len_utf8)
                .sum();
            if gap == 0 {
                break;
            }
            let Some(next) = self.name_run(end + gap) else {
                break;
            };
            let other = self.intern_person(next, None, represents.clone());
            if let Some(p) = self.persons.get_mut(other) {
                for t in &titles {
                    if !p.titles.iter().any(|x| x.range == t.range) {
                        p.titles.push(t.clone());
                    }
                }
            }
            self.person_mentions.push(PersonMention {
                range: next,
                slot_start,
                person: other,
                titles: titles.clone(),
            });
            self.covered.push(next);
            end = next.1;
            while self.hits.get(j).is_some_and(|h| h.start < end) {
                j += 1;
            }
        }
        Some(j)
    }

    /// A state, party or military body of a country (ministries, the party's central
    /// bodies): its officials represent their country, not the body.
    fn is_domestic_body(&self, k: &EntityKey) -> bool {
        match k {
            EntityKey::Organization { id, .. } => self
                .lex
                .organizations
                .iter()
                .find(|o| &o.id == id)
                .is_some_and(|o| matches!(o.kind.as_str(), "state-body" | "party" | "military")),
            _ => false,
        }
    }

    /// The organization a title names inside itself (联合国秘书长 → the UN).
    fn org_inside_title(&self, r: R) -> Option<(EntityKey, usize)> {
        let text = self.s(r);
        let (org, len) = self.lex.org_prefix(text).filter(|(_, n)| *n < text.len())?;
        Some((self.affiliation(Entry::Org(org))?, len))
    }

    /// The name after a title: name characters up to a boundary, 2-12 of them.
    fn name_run(&self, start: usize) -> Option<R> {
        let rest = self.rest(start);
        if self
            .lex
            .cue("name-stop-initial")
            .iter()
            .any(|s| rest.starts_with(s.as_str()))
        {
            return None;
        }
        let mut end = start;
        let mut n = 0;
        for (off, c) in rest.char_indices() {
            let at = start + off;
            if !(is_han(c) || is_name_dot(c)) {
                break;
            }
            if n >= 2 {
                let tail = &rest[off..];
                if self
                    .lex
                    .cue("name-stop")
                    .iter()
                    .any(|s| tail.starts_with(s.as_str()))
                    || self.hit_at.contains_key(&at)
                {
                    break;
                }
                if SENTENCE_END.contains(&c) {
                    break;
                }
            } else if n >= 1 && self.hit_at.contains_key(&at) {
                return None;
            } else if n == 0 && self.hit_at.contains_key(&at) {
                return None;
            }
            if n >= 12 {
                return None;
            }
            end = at + c.len_utf8();
            if !is_name_dot(c) {
                n += 1;
            }
        }
        let name = self.text.get(start..end)?;
        if n < 2 || name.ends_with(is_name_dot) || !name_chars().plausible(name) {
            return None;
        }
        Some((start, end))
    }

    fn intern_person(
        &mut self,
        range: R,
        registry: Option<usize>,
        represents: Option<EntityKey>,
    ) -> usize {
        let name = self.s(range).to_owned();
        let norm = normalize_name(&name);
        if let Some(i) = self.person_index.get(&norm).copied() {
            if let Some(p) = self.persons.get_mut(i) {
                if p.represents.is_none() {
                    p.represents = represents.clone();
                    if let EntityKey::Person {
                        affiliation,
                        registry: false,
                        ..
                    } = &mut p.key
                    {
                        *affiliation = represents.as_ref().map(affiliation_label);
                    }
                }
            }
            return i;
        }
        self.persons
            .push(PersonB::new(self.lex, name, registry, represents));
        self.person_index.insert(norm, self.persons.len() - 1);
        self.persons.len() - 1
    }

    /// Registry people named without a title slot.
    fn find_registry_people(&mut self) {
        let found: Vec<(R, usize)> = self
            .hits
            .iter()
            .filter_map(|h| match Self::kind_of(h) {
                Some(Entry::Person(p)) => Some(((h.start, h.end), p)),
                _ => None,
            })
            .collect();
        for (r, p) in found {
            if self.person_mentions.iter().any(|m| m.range == r) {
                continue;
            }
            let person = self.intern_person(r, Some(p), None);
            let titles = self.titles_after(r.1);
            self.attach_titles(person, &titles);
            self.person_mentions.push(PersonMention {
                range: r,
                slot_start: r.0,
                person,
                titles,
            });
        }
    }

    /// Titles written right after a name (林振华总理, 赵明主席).
    fn titles_after(&self, end: usize) -> Vec<TitleB> {
        let mut out = Vec::new();
        let mut pos = end;
        while let Some(h) = self.hit_starting(pos) {
            match Self::kind_of(h) {
                Some(e @ Entry::Position(_)) => {
                    let position = self.position_key(e);
                    // 赵明主席夫人: what follows the spouse title is someone else.
                    if position.as_deref() == Some("spouse") {
                        break;
                    }
                    out.push(TitleB {
                        range: (h.start, h.end),
                        position,
                        of: None,
                    });
                    pos = h.end;
                }
                _ => break,
            }
        }
        out
    }

    fn attach_titles(&mut self, person: usize, titles: &[TitleB]) {
        if let Some(p) = self.persons.get_mut(person) {
            for t in titles {
                if !p.titles.iter().any(|x| x.range == t.range) {
                    p.titles.push(t.clone());
                }
            }
        }
        self.titles_seen.extend(titles.iter().cloned());
    }

    /// `name title` for the titles that are written after names in the genre (heads of
    /// state and government, royals): the name must follow a boundary.
    fn find_name_before_title(&mut self) {
        let mut found = Vec::new();
        for h in &self.hits {
            let Some(Entry::Position(p)) = Self::kind_of(h) else {
                continue;
            };
            let Some(pos) = self.lex.positions.get(p) else {
                continue;
            };
            if !matches!(
                pos.kind.as_str(),
                "head-of-state" | "head-of-government" | "royal"
            ) {
                continue;
            }
            if self.is_covered((h.start, h.end)) {
                continue;
            }
            // Two to four Han characters before the title, after a boundary.
            let before = self.before(h.start);
            let chars: Vec<(usize, char)> = before.char_indices().rev().take(5).collect();
            for len in [3usize, 2, 4] {
                if chars.len() < len {
                    continue;
                }
                let (start, _) = chars[len - 1];
                let cand = &before[start..];
                if !cand.chars().all(is_han) || !self.hits_overlapping(start, h.start).is_empty() {
                    continue;
                }
                let prev = before[..start].chars().next_back();
                let boundary = prev
                    .is_none_or(|c| CLAUSE_END.contains(&c) || "、“（(的".contains(c))
                    || [
                        "同", "与", "與", "和", "会见", "會見", "会晤", "會晤", "致电", "致電",
                    ]
                    .iter()
                    .any(|w| before[..start].ends_with(w));
                if boundary
                    && name_chars().plausible(cand)
                    && !self
                        .lex
                        .cue("name-stop")
                        .iter()
                        .any(|s| cand.starts_with(s.as_str()))
                {
                    found.push(((start, h.start), (h.start, h.end), p));
                    break;
                }
            }
        }
        for (r, t, p) in found {
            let titles = vec![TitleB {
                range: t,
                position: self.lex.positions.get(p).map(|x| x.id.clone()),
                of: None,
            }];
            // A name before a title carries no country; the registry or a later slot may add one.
            let person = self.intern_person(r, None, None);
            self.attach_titles(person, &titles);
            self.covered.push((r.0, t.1));
            self.person_mentions.push(PersonMention {
                range: r,
                slot_start: r.0,
                person,
                titles,
            });
        }
    }

    /// `土库曼斯坦代表`: a country or body followed by 代表 and no name.
    pub fn find_representatives(&mut self) {
        let mut found = Vec::new();
        for h in &self.hits {
            let Some(e @ (Entry::Country(_) | Entry::Org(_))) = Self::kind_of(h) else {
                continue;
            };
            let rest = self.rest(h.end);
            let Some(after) = rest.strip_prefix("代表") else {
                continue;
            };
            let next = after.chars().next();
            let boundary = next
                .is_none_or(|c| CLAUSE_END.contains(&c) || "、和与與及等以出参參共".contains(c));
            if boundary {
                if let Some(k) = self.affiliation(e) {
                    found.push(((h.start, h.end + "代表".len()), k));
                }
            }
        }
        self.unnamed_parties.extend(found);
    }

    /// People welcomed at a ceremony (举行仪式，欢迎X…): mention indexes.
    pub fn welcomed(&self, sentence: R) -> Vec<usize> {
        let s = self.s(sentence);
        let mut out = Vec::new();
        for w in ["欢迎", "歡迎"] {
            for (i, _) in s.match_indices(w) {
                let at = sentence.0 + i + w.len();
                let clause = self.clause_of(at);
                if let Some((mi, _)) = self
                    .mentions_within(at, clause.1)
                    .find(|(_, m)| m.slot_start >= at)
                {
                    out.push(mi);
                }
            }
        }
        out
    }

    /// Every other occurrence of a name found in a slot.
    fn find_recurring_names(&mut self) {
        if self.persons.is_empty() {
            return;
        }
        // Every occurrence of every name, then leftmost-longest: a name is a few
        // characters, and a substring search per name beats building an automaton.
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (person, p) in self.persons.iter().enumerate() {
            if p.name.is_empty() {
                continue;
            }
            let finder = memchr::memmem::Finder::new(p.name.as_bytes());
            for at in finder.find_iter(self.text.as_bytes()) {
                found.push((at, at + p.name.len(), person));
            }
        }
        found.sort_unstable_by_key(|&(start, end, person)| (start, std::cmp::Reverse(end), person));
        let mut known: Vec<R> = self.person_mentions.iter().map(|m| m.range).collect();
        known.sort_unstable();
        let mut new = Vec::new();
        let mut next_free = 0;
        for (start, end, person) in found {
            if start < next_free {
                continue;
            }
            next_free = end;
            let r = (start, end);
            let k = known.partition_point(|k| k.1 <= r.0);
            if known.get(k).is_some_and(|k| k.0 < r.1) {
                continue;
            }
            // Not inside a longer lexicon form (a name inside an organization name).
            if self
                .hits_overlapping(r.0, r.1)
                .iter()
                .any(|h| !(h.start == r.0 && h.end == r.1))
            {
                continue;
            }
            let titles = self.titles_after(r.1);
            new.push((r, person, titles));
        }
        for (r, person, titles) in new {
            self.attach_titles(person, &titles);
            self.person_mentions.push(PersonMention {
                range: r,
                slot_start: r.0,
                person,
                titles,
            });
        }
    }

    // ----- countries ------------------------------------------------------------------

    /// Country names, and `X方` / `我国` references resolved to a country named before
    /// (or to a conventional abbreviation).
    pub fn find_countries(&mut self, home: Option<&str>) {
        let mut out: Vec<CountryMention> = Vec::new();
        for h in &self.hits {
            if let Some(Entry::Country(c)) = Self::kind_of(h) {
                out.push(CountryMention {
                    range: (h.start, h.end),
                    country: c,
                });
            }
        }
        // X方 and 我国.
        let text = self.text;
        let c = '方';
        for i in memchr::memmem::find_iter(text.as_bytes(), "方") {
            if i == 0 {
                continue;
            }
            let Some(x) = text[..i].chars().next_back() else {
                continue;
            };
            let start = i - x.len_utf8();
            if !is_han(x) || !self.hits_overlapping(start, start + 1).is_empty() {
                continue;
            }
            let word_end = i + c.len_utf8();
            let not_country = self
                .lex
                .cue("not-country-fang")
                .iter()
                .any(|w| text[..word_end].ends_with(w.as_str()))
                || self
                    .lex
                    .cue("fang-compound")
                    .iter()
                    .any(|w| text[i..].starts_with(w.as_str()));
            if not_country {
                continue;
            }
            // Not part of a longer word (各方, 双方, 对方 are not countries; 地方 neither).
            let prior = out.iter().rev().filter(|m| m.range.1 <= start).find(|m| {
                self.lex.countries.get(m.country).is_some_and(|k| {
                    k.name_zh.starts_with(x) || k.aliases_zh.iter().any(|a| a.starts_with(x))
                })
            });
            let country = prior.map(|m| m.country).or_else(|| self.lex.short_form(x));
            if let Some(country) = country {
                out.push(CountryMention {
                    range: (start, i + c.len_utf8()),
                    country,
                });
            }
        }
        if let Some(h) = home.and_then(|h| self.lex.country_by_code(h)) {
            for w in ["我国", "我國", "我方"] {
                for i in memchr::memmem::find_iter(text.as_bytes(), w) {
                    out.push(CountryMention {
                        range: (i, i + w.len()),
                        country: h,
                    });
                }
            }
        }
        out.sort_by_key(|m| m.range);
        out.dedup_by_key(|m| m.range);
        self.countries = out;
    }

    /// The country referred to by the mention ending right before `at` (with `的` allowed).
    pub fn country_ending_at(&self, at: usize) -> Option<usize> {
        let i = self.countries.partition_point(|m| m.range.1 < at);
        self.countries
            .get(i)
            .filter(|m| m.range.1 == at)
            .map(|m| m.country)
    }

    // ----- helpers for events --------------------------------------------------------

    /// The person whose mention ends closest before `at` within the clause (skipping a
    /// `在PLACE`, `首先`, a date or `也`), with the place if one was skipped.
    pub fn subject_before(&self, at: usize) -> Option<(usize, Option<R>)> {
        let clause = self.clause_of(at.saturating_sub(1));
        let sentence = self.sentence_of(at.saturating_sub(1));
        let (_, m) = self
            .mentions_within(sentence.0, at)
            .max_by_key(|(_, m)| m.range.1)?;
        // Titles written after the name (赵明主席在…) belong to the subject.
        let m_end = m
            .titles
            .iter()
            .map(|t| t.range.1)
            .filter(|e| *e <= at)
            .fold(m.range.1, usize::max);
        let between = self.s((m_end, at));
        // What may stand between a subject and its verb.
        let mut rest = between;
        let mut place = None;
        // What may stand between a subject and its verb: adverbs, time words, a date,
        // 在发言中, and a place (在北京), in any order; the place ends the scan.
        for _ in 0..8 {
            let before_step = rest.len();
            rest = rest.trim_start_matches(['也', '还', '還', '并', '並', '则', '則', '都']);
            for w in [
                "首先",
                "共同",
                "一起",
                "分别",
                "分別",
                "在发言中",
                "在發言中",
                "在讲话中",
                "在講話中",
                "在致辞中",
                "在致辭中",
            ] {
                rest = rest.strip_prefix(w).unwrap_or(rest);
            }
            if let Some(n) = self.lex.cue_prefix("time-word", rest) {
                rest = &rest[n..];
            }
            let here = at - rest.len();
            // A date, or 于 and a date (于3月1日).
            let yu = ['于', '於']
                .iter()
                .find(|c| rest.starts_with(**c))
                .map_or(0, |c| c.len_utf8());
            if let Some(d) = self
                .dates
                .iter()
                .find(|d| d.start == here || (yu > 0 && d.start == here + yu))
            {
                rest = self.s((d.end, at));
            }
            if let Some(after) = rest
                .strip_prefix('在')
                .or_else(|| rest.strip_prefix('於'))
                .or_else(|| rest.strip_prefix('于'))
            {
                // 在北京 / 在人民大会堂: Han characters up to the verb or a stop word.
                let mut len = 0;
                for (k, c) in after.char_indices() {
                    if !is_han(c) || k >= 36 {
                        break;
                    }
                    let tail = &after[k..];
                    if k >= 6
                        && (self
                            .lex
                            .cue("name-stop")
                            .iter()
                            .any(|w| tail.starts_with(w.as_str()))
                            || self.lex.cue_prefix("time-word", tail).is_some()
                            || ["chair", "hold", "attend", "speak"]
                                .iter()
                                .any(|id| self.lex.cue_prefix(id, tail).is_some()))
                    {
                        break;
                    }
                    len = k + c.len_utf8();
                }
                if len >= 6 {
                    let pstart = at - after.len();
                    place = Some((pstart, pstart + len));
                    rest = self.s((pstart + len, at));
                    continue;
                }
            }
            if rest.len() == before_step {
                break;
            }
        }
        let ok = rest.is_empty()
            || (place.is_some())
            || m.range.0 >= clause.0 && rest.chars().count() <= 1;
        ok.then_some((m.person, place))
    }

    /// Every date in the sentence before `at`.
    pub fn date_before(&self, sentence: R, at: usize) -> Option<crate::date::Date> {
        // The last date before the event word; else the first one after it in the same
        // sentence (…成立仪式25日在北京举行).
        self.dates
            .iter()
            .filter(|d| d.start >= sentence.0 && d.end <= at)
            .last()
            .or_else(|| {
                self.dates
                    .iter()
                    .find(|d| d.start >= at && d.end <= sentence.1)
            })
            .map(|d| d.date)
    }
}

pub(crate) fn affiliation_label(k: &EntityKey) -> String {
    match k {
        EntityKey::Country { code } => code.clone(),
        EntityKey::Organization { id, .. } => id.clone(),
        other => other.label(),
    }
}

// ----- the rules that build events, roles and facts -------------------------------------

/// An event found by the rules, before merging duplicates.
#[derive(Debug, Clone)]
pub(crate) struct EventB {
    pub event_type: String,
    pub status: EventStatus,
    pub name: Option<R>,
    pub trigger: R,
    pub sentence: R,
    pub date: Option<crate::date::Date>,
    pub place: Option<R>,
    pub mode: Option<Mode>,
    /// (person index, role, mention) pairs.
    pub roles: Vec<(usize, Role, usize)>,
    /// Named only by its type (赵明…举行仪式): a later named mention of the same type
    /// on the same day is the same event (出席欢迎仪式).
    pub bare: bool,
    /// Every event word that reports this event (after merging).
    pub triggers: Vec<R>,
}

impl Zh<'_> {
    /// Finds events named by a noun governed by a verb, or by a bilateral verb.
    pub fn find_events(&self) -> Vec<EventB> {
        let mut out = Vec::new();
        for h in &self.hits {
            // A body named after its gathering (中国—中亚峰会, 中非合作论坛) governed by an
            // event verb is that gathering: its last word is the event word.
            if let Some(Entry::Org(_)) = Self::kind_of(h) {
                let name = self.s((h.start, h.end));
                let found = self
                    .lex
                    .event_types
                    .iter()
                    .filter(|t| t.kind == "multilateral")
                    .find_map(|t| {
                        t.triggers_zh
                            .iter()
                            .filter(|f| name.ends_with(f.as_str()) && f.len() < name.len())
                            .max_by_key(|f| f.len())
                            .map(|f| (t, f.len()))
                    });
                // Not when the name goes on to a later event word (…理事会第十七次会议).
                let clause = self.clause_of(h.start);
                let continues = self
                    .hits_overlapping(h.end, clause.1)
                    .iter()
                    .find(|x| x.start >= h.end)
                    .is_some_and(|x| {
                        matches!(Self::kind_of(x), Some(Entry::EventType(_)))
                            && self.s((h.end, x.start)).chars().all(|c| {
                                c.is_ascii_digit() || "第一二三四五六七八九十百届次屆".contains(c)
                            })
                    });
                if let (Some((t, n)), false) = (found, continues) {
                    let trigger = (h.end - n, h.end);
                    let sentence = self.sentence_of(h.start);
                    if let Some(e) = self.noun_event(&t.id, trigger, sentence) {
                        out.push(e);
                    }
                }
                continue;
            }
            let Some(Entry::EventType(t)) = Self::kind_of(h) else {
                continue;
            };
            let Some(et) = self.lex.event_types.get(t) else {
                continue;
            };
            let trigger = (h.start, h.end);
            if self.blocked(trigger) {
                continue;
            }
            let sentence = self.sentence_of(h.start);
            if et.id == "visit" {
                if let Some(e) = self.visit_event(trigger, sentence) {
                    out.push(e);
                    continue;
                }
            }
            match et.kind.as_str() {
                "bilateral" => {
                    if let Some(e) = self.bilateral_event(&et.id, trigger, sentence) {
                        out.push(e);
                    } else if let Some(mut e) = self.noun_event(&et.id, trigger, sentence) {
                        // 中国-中亚外长第六次会晤在…举行: a meeting word naming a multilateral gathering.
                        if e.name
                            .is_some_and(|r| self.cues.occurs(Cue::MultilateralMarker, r))
                        {
                            e.event_type = "conference".to_owned();
                        }
                        out.push(e);
                    }
                }
                _ => {
                    if let Some(e) = self.noun_event(&et.id, trigger, sentence) {
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    /// Whether the event word is part of a longer word that names no event (人民大会堂).
    fn blocked(&self, trigger: R) -> bool {
        self.lex.cue("trigger-blocker").iter().any(|b| {
            let lo = trigger.0.saturating_sub(b.len());
            let hi = (trigger.1 + b.len()).min(self.text.len());
            (lo..=trigger.0).any(|st| {
                self.text
                    .get(st..hi)
                    .is_some_and(|w| w.starts_with(b.as_str()) && st + b.len() >= trigger.1)
            })
        })
    }

    /// `[subject] (在PLACE) 主持|出席|举行 [name…会议]`; a bare or anaphoric noun refers to an
    /// event already found and makes none.
    fn noun_event(&self, event_type: &str, trigger: R, sentence: R) -> Option<EventB> {
        let clause = self.clause_of(trigger.0);
        // The noun phrase: from the last governing word or boundary before the trigger.
        let head = self.s((clause.0, trigger.0));
        let mut np_start = clause.0;
        let mut governor: Option<(&str, R)> = None;
        for id in ["chair", "hold", "attend"] {
            for f in self.lex.cue(id) {
                if let Some(i) = head.rfind(f.as_str()) {
                    let s = clause.0 + i + f.len();
                    if s > np_start || governor.is_none() && s >= np_start {
                        np_start = s;
                        governor = Some((id, (clause.0 + i, s)));
                    }
                }
            }
        }
        for sep in ["的", "在", "於", "于", "了"] {
            if let Some(i) = self.s((np_start, trigger.0)).rfind(sep) {
                let s = np_start + i + sep.len();
                if sep != "的" {
                    // 在…峰会上: the event is a setting; the subject before 在 attended it.
                    np_start = s;
                } else {
                    np_start = s;
                }
            }
        }
        let np = self.s((np_start, trigger.1));
        let modifier = self.s((np_start, trigger.0));
        // 赵明…举行仪式，欢迎…: a bare event word right after 举行 with a person as
        // subject is a new event, named by its type.
        let bare_hosted = modifier.is_empty()
            && governor.is_some_and(|(id, g)| {
                id == "hold" && g.1 == trigger.0 && self.subject_before(g.0).is_some()
            });
        // A bare head word (会议, 峰会) needs a modifier to name an event; a full event word
        // (小范围会议, 外长会) does not.
        let bare = modifier.chars().count() < 2 && self.s(trigger).chars().count() <= 2;
        let anaphoric = !bare_hosted && bare
            || self.cues.occurs(Cue::Anaphor, (np_start, trigger.0))
            || self.hits.iter().any(|h| {
                h.start == np_start
                    && matches!(
                        Self::kind_of(h),
                        Some(Entry::Person(_) | Entry::Position(_))
                    )
            });
        if anaphoric
            || np.chars().any(|c| {
                !(is_han(c)
                    || "“”「」《》·-—－–‑()（）0123456789".contains(c)
                    || c.is_ascii_alphanumeric())
            })
        {
            return None;
        }
        let after = self.rest(trigger.1);
        // A noun event needs a verb that governs it: before it (主持…会议), or after it in
        // the clause (…会议在北京举行), or a setting (在…峰会上).
        let governed_after = ["hold", "chair"].iter().any(|id| {
            self.lex
                .cue(id)
                .iter()
                .any(|f| self.s((trigger.1, clause.1)).contains(f.as_str()))
        });
        let in_setting = self.before(np_start).ends_with('在')
            && (after.starts_with('上') || after.starts_with("期间") || after.starts_with("期間"));
        if governor.is_none() && !governed_after && !in_setting {
            return None;
        }
        let status = self.status_of(clause, sentence, np_start, trigger, in_setting);
        let mut roles = Vec::new();
        let mut place = None;
        if let Some((gid, grange)) = governor {
            if let Some((person, pl)) = self.subject_before(grange.0) {
                let role = match gid {
                    "chair" if self.s(grange).contains("共同") => Role::CoChair,
                    "chair" => Role::Chair,
                    "attend" => Role::Attendee,
                    // A person who holds (举行) a gathering presides over it.
                    _ => Role::Chair,
                };
                if let Some(m) = self.mention_index_ending_before(grange.0, person) {
                    roles.push((person, role, m));
                    // A与B共同主持 / A同B共同出席: the person joined by 与/同/和 has the same role.
                    let joined = self
                        .person_mentions
                        .get(m)
                        .map(|pm| pm.slot_start)
                        .and_then(|start| {
                            let pre = self.before(start);
                            ["与", "與", "同", "和", "及"]
                                .iter()
                                .find(|w| pre.ends_with(*w))
                                .map(|w| start - w.len())
                        });
                    if let Some(at) = joined {
                        if let Some((other, _)) = self.subject_before(at) {
                            if let Some(om) = self.mention_index_ending_before(at, other) {
                                if other != person {
                                    roles.push((other, role, om));
                                }
                            }
                        }
                    }
                }
                place = pl;
            }
        } else if in_setting {
            // 赵明主席在全球健康峰会上宣布…: the subject took part.
            let at = np_start.saturating_sub('在'.len_utf8());
            if let Some((person, _)) = self.subject_before(at) {
                if let Some(m) = self.mention_index_ending_before(at, person) {
                    roles.push((person, Role::Attendee, m));
                }
            }
        }
        if place.is_none() {
            place = self.place_in(sentence, trigger.0);
        }
        let mode = if np.contains("视频")
            || np.contains("視頻")
            || self.cues.occurs(Cue::Online, sentence) && governor.is_some()
        {
            Some(Mode::Online)
        } else if place.is_some() {
            Some(Mode::InPerson)
        } else {
            None
        };
        // 元首理事会会议 is a summit: a more specific event word inside the name decides.
        let event_type = self
            .lex
            .event_types
            .iter()
            .filter(|t| t.kind == "multilateral" && t.id != "conference")
            .find(|t| t.triggers_zh.iter().any(|f| modifier.contains(f.as_str())))
            .map_or(event_type, |t| t.id.as_str());
        Some(EventB {
            event_type: event_type.to_owned(),
            status,
            name: (!bare_hosted).then_some((np_start, trigger.1)),
            trigger,
            sentence,
            date: self.date_before(sentence, trigger.0),
            place,
            mode,
            roles,
            bare: bare_hosted,
            triggers: vec![trigger],
        })
    }

    /// Visits: `A对B国进行(国事)访问`, `应邀对B国进行正式访问的A`, `在B国访问的A`: A is the
    /// visitor, the country the place.
    fn visit_event(&self, trigger: R, sentence: R) -> Option<EventB> {
        let clause = self.clause_of(trigger.0);
        let before = self.s((clause.0, trigger.0));
        // The country visited: 对X进行 / 在X / 访问X.
        let country = self
            .countries
            .iter()
            .filter(|c| c.range.0 >= clause.0 && c.range.1 <= trigger.0)
            .filter(|c| {
                let pre = self.before(c.range.0);
                pre.ends_with('对')
                    || pre.ends_with('對')
                    || pre.ends_with('在')
                    || pre.ends_with('赴')
            })
            .last()
            .map(|c| c.range)
            .or_else(|| {
                self.countries
                    .iter()
                    .find(|c| c.range.0 == trigger.1)
                    .map(|c| c.range)
            });
        let country = country?;
        // The visitor: before 对/在 (A对B进行访问), or after 的 (…访问的A).
        let lead = country.0.saturating_sub('对'.len_utf8());
        let after = self.rest(trigger.1);
        let visitor = if after.starts_with('的') {
            let at = trigger.1 + '的'.len_utf8();
            self.person_mentions
                .iter()
                .enumerate()
                .find(|(_, m)| m.slot_start == at || m.range.0 == at)
                .map(|(i, m)| (m.person, i))
        } else {
            None
        }
        .or_else(|| {
            let (p, _) = self.subject_before(lead)?;
            Some((p, self.mention_index_ending_before(lead, p)?))
        })?;
        let _ = before;
        let mut roles = vec![(visitor.0, Role::Attendee, visitor.1)];
        // 应X邀请 / 应X的邀请: X is the host.
        let sent = self.s(sentence);
        for ying in ["应", "應"] {
            for (i, _) in sent.match_indices(ying) {
                let at = sentence.0 + i + ying.len();
                let clause = self.clause_of(at);
                let invite = self.s((at, clause.1));
                if !(invite.contains("邀请") || invite.contains("邀請")) {
                    continue;
                }
                if let Some((mi, m)) = self.mentions_within(at, clause.1).next() {
                    if m.person != visitor.0 && !roles.iter().any(|r| r.0 == m.person) {
                        roles.push((m.person, Role::Host, mi));
                    }
                }
            }
        }
        Some(EventB {
            event_type: "visit".to_owned(),
            status: self.status_of(clause, sentence, clause.0, trigger, false),
            name: None,
            trigger,
            sentence,
            date: self.date_before(sentence, trigger.0),
            place: Some(country),
            mode: Some(Mode::InPerson),
            roles,
            bare: false,
            triggers: vec![trigger],
        })
    }

    /// `A 会见|同B会谈|同B通电话`: A hosts, B attends.
    fn bilateral_event(&self, event_type: &str, trigger: R, sentence: R) -> Option<EventB> {
        let clause = self.clause_of(trigger.0);
        // Nouns used anaphorically (会见中, 会谈后) and after 的 make no event.
        let before = self.s((clause.0, trigger.0));
        if before.ends_with('的')
            || self
                .lex
                .cue("anaphor")
                .iter()
                .any(|a| before.ends_with(a.as_str()))
        {
            return None;
        }
        let mut roles = Vec::new();
        // Subject: the person before the verb, skipping `同B` / `与B` / `举行`.
        let mut verb_at = trigger.0;
        for w in ["举行", "舉行", "进行", "進行"] {
            if before.ends_with(w) {
                verb_at -= w.len();
            }
        }
        let object_before: Vec<&PersonMention> = self
            .person_mentions
            .iter()
            .filter(|m| m.range.0 >= clause.0 && m.range.1 <= verb_at)
            .collect();
        let mut place = None;
        let connective = object_before.iter().rev().find(|m| {
            let pre = self.before(m.slot_start);
            ["同", "与", "與", "和", "跟"]
                .iter()
                .any(|w| pre.ends_with(w))
        });
        if let Some(obj) = connective {
            let conn_at = obj.slot_start.saturating_sub(3);
            if let Some((subj, pl)) = self.subject_before(conn_at) {
                if let Some(m) = self.mention_index_ending_before(conn_at, subj) {
                    roles.push((subj, Role::Host, m));
                }
                place = pl;
            }
            if let Some(mi) = self
                .person_mentions
                .iter()
                .position(|m| m.range == obj.range)
            {
                roles.push((obj.person, Role::Attendee, mi));
            }
        } else if let Some((subj, pl)) = self.subject_before(trigger.0) {
            // A 会见 B: B is after the verb.
            if let Some(m) = self.mention_index_ending_before(trigger.0, subj) {
                roles.push((subj, Role::Host, m));
            }
            place = pl;
            let after_clause = (trigger.1, clause.1);
            for (mi, m) in self.person_mentions.iter().enumerate() {
                if m.range.0 >= after_clause.0 && m.range.1 <= after_clause.1 && m.person != subj {
                    roles.push((m.person, Role::Attendee, mi));
                }
            }
        } else {
            return None;
        }
        if roles.len() < 2 {
            return None;
        }
        let status = self.status_of(clause, sentence, clause.0, trigger, false);
        let mode = if event_type == "phone-call" {
            Some(Mode::Phone)
        } else if self.cues.occurs(Cue::Online, clause) {
            Some(Mode::Online)
        } else {
            place.map(|_| Mode::InPerson)
        };
        Some(EventB {
            event_type: event_type.to_owned(),
            status,
            name: None,
            trigger,
            sentence,
            date: self.date_before(sentence, trigger.0),
            place: place.or_else(|| self.place_in(sentence, trigger.0)),
            mode,
            roles,
            bare: false,
            triggers: vec![trigger],
        })
    }

    fn status_of(
        &self,
        clause: R,
        sentence: R,
        np_start: usize,
        trigger: R,
        in_setting: bool,
    ) -> EventStatus {
        let after = self.s((trigger.1, clause.1));
        if in_setting && after.contains('的') {
            return EventStatus::Referenced;
        }
        if self.cues.occurs(Cue::Refer, (sentence.0, np_start)) {
            return EventStatus::Referenced;
        }
        if self.cues.occurs(Cue::Announce, (clause.0, np_start)) && !in_setting {
            return EventStatus::Announced;
        }
        EventStatus::Happened
    }

    /// The index of the person's mention ending at or before `at`, nearest first.
    fn mention_index_ending_before(&self, at: usize, person: usize) -> Option<usize> {
        self.person_mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.person == person && m.range.1 <= at)
            .max_by_key(|(_, m)| m.range.1)
            .map(|(i, _)| i)
    }

    /// `在X` before the trigger in the sentence, X a country or a short place name.
    fn place_in(&self, sentence: R, before: usize) -> Option<R> {
        let lead = self.s((sentence.0, before));
        let i = lead.rfind('在')?;
        let start = sentence.0 + i + '在'.len_utf8();
        if let Some(c) = self.countries.iter().find(|c| c.range.0 == start) {
            return Some(c.range);
        }
        let run: usize = self
            .rest(start)
            .chars()
            .take_while(|c| is_han(*c))
            .take(2)
            .map(char::len_utf8)
            .sum();
        // Only a short place word directly followed by a governing verb.
        let after = self.rest(start + run);
        let governed = ["chair", "hold", "attend"]
            .iter()
            .any(|id| self.lex.cue_prefix(id, after).is_some());
        (run > 0 && governed).then_some((start, start + run))
    }

    /// Whether the sentence has an attendance cue (与会, 出席).
    pub fn is_attendance_sentence(&self, sentence: R) -> bool {
        self.cues.occurs(Cue::Attend, sentence)
    }

    /// Persons in attendance sentences attend the current event.
    pub fn attendance(&self, sentence: R) -> Vec<usize> {
        if !self.cues.occurs(Cue::Attend, sentence) {
            return Vec::new();
        }
        self.mentions_within(sentence.0, sentence.1)
            .filter(|(_, m)| !m.titles.is_empty())
            .map(|(i, _)| i)
            .collect()
    }

    /// `卡里莫夫主持会议` / `X主持本次会议`: the chair of an event already reported
    /// (the event word is bare or anaphoric). Returns (person, mention index) pairs.
    pub fn anaphoric_chairs(&self, sentence: R) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for hit in self.cues.matches(Cue::Chair, sentence) {
            let (at, end) = (hit.start, hit.end);
            let mut rest = self.rest(end);
            if let Some(n) = self.lex.cue_prefix("anaphor", rest) {
                rest = &rest[n..];
            }
            let pos = self.text.len() - rest.len();
            let bare_event = self
                .hit_starting(pos)
                .is_some_and(|h| matches!(Self::kind_of(h), Some(Entry::EventType(_))));
            if !bare_event {
                continue;
            }
            if let Some((person, _)) = self.subject_before(at) {
                if let Some(m) = self.mention_index_ending_before(at, person) {
                    out.push((person, m));
                }
            }
        }
        out
    }

    /// `共有29个国家…与会` / `N国外长出席`: a count of attending countries.
    pub fn attending_count(&self, sentence: R) -> Option<(u64, R)> {
        // The clause of the count lies in the sentence: no cue there, no count.
        if !self.cues.occurs(Cue::Attend, sentence) {
            return None;
        }
        let (v, r) = self.count_of_countries(sentence).filter(|(v, _)| *v >= 3)?;
        self.cues
            .occurs(Cue::Attend, self.clause_of(r.0))
            .then_some((v, r))
    }

    /// A number followed by a countries word in the range.
    pub fn count_of_countries(&self, range: R) -> Option<(u64, R)> {
        let s = self.s(range);
        for (i, c) in s.char_indices() {
            if !(c.is_ascii_digit() || numbers::is_chinese_digit(c)) {
                continue;
            }
            if i > 0
                && s[..i].chars().next_back().is_some_and(|p| {
                    p.is_ascii_digit() || numbers::is_chinese_digit(p) || p == '第'
                })
            {
                continue;
            }
            let digits: String = s[i..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || numbers::is_chinese_digit(*c))
                .collect();
            let after = &s[i + digits.len()..];
            let after = after.strip_prefix('多').unwrap_or(after);
            if let Some(n) = self.lex.cue_prefix("count-countries", after) {
                let value =
                    numbers::arabic(&digits).or_else(|| numbers::chinese_numeral(&digits))?;
                if value < 1.0 || value > 300.0 {
                    continue;
                }
                let end = range.0 + (s.len() - after.len()) + n;
                return Some((value as u64, (range.0 + i, end)));
            }
        }
        None
    }

    /// `本次会议主题为“X”`: the theme in quotes.
    pub fn theme(&self, sentence: R) -> Option<R> {
        let hit = self.cues.first(Cue::Theme, sentence)?;
        let after = self.s((hit.end, sentence.1));
        let open = after
            .strip_prefix('“')
            .or_else(|| after.strip_prefix('「'))?;
        let close = open.find(['”', '」'])?;
        let start = sentence.1 - open.len();
        Some((start, start + close))
    }

    /// `A宣读(了)B(title)(的)书面致辞`: (reader, sender, message words).
    pub fn message_reading(&self, sentence: R) -> Option<(usize, usize, R, usize, usize)> {
        if let Some(hit) = self.cues.first(Cue::ReadMessage, sentence) {
            let at = hit.start;
            let (reader, _) = self.subject_before(at)?;
            let reader_m = self.mention_index_ending_before(at, reader)?;
            let after = hit.end;
            let after = if self.rest(after).starts_with('了') {
                after + '了'.len_utf8()
            } else {
                after
            };
            let (sender_m, sm) = self
                .person_mentions
                .iter()
                .enumerate()
                .find(|(_, m)| m.slot_start == after || m.range.0 == after)?;
            let mut pos = sm.range.1;
            for t in &sm.titles {
                pos = pos.max(t.range.1);
            }
            let rest = self.rest(pos);
            let rest_trim = rest.strip_prefix('的').unwrap_or(rest);
            let off = rest.len() - rest_trim.len();
            let n = self.lex.cue_prefix("message", rest_trim)?;
            return Some((
                reader,
                sm.person,
                (pos + off, pos + off + n),
                reader_m,
                sender_m,
            ));
        }
        None
    }
}

/// The number of a Chinese or Arabic numeral run, if `s` is one.
pub(crate) fn number_value(s: &str) -> Option<f64> {
    numbers::arabic(s).or_else(|| numbers::chinese_numeral(s))
}

/// Initiative names found by pattern (byte ranges):
/// - `…倡议` after a boundary word, with 4+ characters of name or a quoted part;
/// - a quoted name followed by a plan word (“十三五”规划, “泰国4.0”发展战略);
/// - a quoted road or silk road (“减贫之路”), the text inside the quotes.
pub(crate) fn pattern_initiatives(z: &Zh<'_>) -> Vec<R> {
    let mut out = Vec::new();
    let text = z.text;
    let covered = |r: R| {
        z.hits_overlapping(r.0, r.1)
            .iter()
            .any(|h| h.entries.iter().any(|e| matches!(e, Entry::Initiative(_))))
    };
    // Quoted names.
    for (open, close) in [('“', '”'), ('「', '」')] {
        for (i, _) in text.match_indices(open) {
            let inner_start = i + open.len_utf8();
            let Some(rest) = text.get(inner_start..) else {
                continue;
            };
            let Some(k) = rest.find(close) else { continue };
            let inner = &rest[..k];
            if inner.chars().count() > 16 || inner.is_empty() || inner.contains(CLAUSE_END) {
                continue;
            }
            let after_close = inner_start + k + close.len_utf8();
            let after = text.get(after_close..).unwrap_or("");
            if let Some(n) = z.lex.cue_prefix("named-plan-suffix", after) {
                let is_initiative_word = after.starts_with("倡议") || after.starts_with("倡議");
                let r = (i, after_close + n);
                let same_as_lexicon = z
                    .hits_overlapping(r.0, r.1)
                    .iter()
                    .any(|h| (h.start, h.end) == r);
                if !is_initiative_word && !same_as_lexicon {
                    out.push(r);
                }
            } else if z
                .lex
                .cue("quoted-initiative-suffix")
                .iter()
                .any(|w| inner.ends_with(w.as_str()))
                && inner.chars().filter(|c| is_han(*c)).count() >= 4
            {
                let r = (inner_start, inner_start + k);
                if !covered(r) {
                    out.push(r);
                }
            }
        }
    }
    let words = ["倡议", "倡議"].map(|w| memchr::memmem::find_iter(text.as_bytes(), w));
    for i in words.into_iter().flatten() {
        let end = i + "倡议".len();
        if covered((i, end)) {
            continue;
        }
        // 中方倡议 / 共同倡议 / 提出倡议: the verb, not a name.
        let before = &text[..i];
        if ["共同", "联合", "聯合", "提出", "发出", "發出"]
            .iter()
            .any(|w| before.ends_with(w))
            || z.country_ending_at(i).is_some()
            || z.person_mentions.iter().any(|m| m.range.1 == i)
        {
            continue;
        }
        // Walk back over name characters and quotes, stopping at a boundary word or at
        // a country or person.
        let mut start = i;
        for (j, c) in before.char_indices().rev() {
            if !(is_han(c)
                || matches!(c, '“' | '”' | '「' | '」' | '-' | '—' | '－' | '–')
                || c.is_ascii_alphanumeric())
            {
                break;
            }
            if z.country_covering(j).is_some()
                || z.mentions_within(j.saturating_sub(64), j + 1)
                    .any(|(_, m)| m.range.0 <= j && j < m.range.1)
            {
                break;
            }
            let piece = &text[j..i];
            if ["了", "的", "和", "与", "與", "及", "、"]
                .iter()
                .any(|w| piece.starts_with(w))
            {
                break;
            }
            if [
                "通过", "通過", "发布", "發布", "发起", "發起", "提出", "加入", "支持", "参与",
                "參與", "落实", "落實", "签署", "簽署", "相信", "认为", "認為",
            ]
            .iter()
            .any(|w| piece.starts_with(w))
            {
                start = j + piece.chars().take(2).map(char::len_utf8).sum::<usize>();
                break;
            }
            start = j;
        }
        let name = &text[start..i];
        let han = name.chars().filter(|c| is_han(*c)).count();
        let quoted = name.contains('“') || name.contains('「');
        if start == i || (han < 4 && !quoted) {
            continue;
        }
        if z.lex
            .cue("anaphor")
            .iter()
            .any(|a| name.contains(a.as_str()))
        {
            continue;
        }
        // A name with an unbalanced closing quote is cut after it.
        let start = if name.matches('”').count() > name.matches('“').count() {
            start + name.find('”').map_or(0, |k| k + '”'.len_utf8())
        } else {
            start
        };
        if end - start > "倡议".len() + 6 {
            out.push((start, end));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Quantities: numbers with units, normalised. Returns (number range incl. unit, value,
/// unit, comparator).
pub(crate) fn quantities(z: &Zh<'_>, exclude: &[R]) -> Vec<(R, f64, String, Option<&'static str>)> {
    let text = z.text;
    let mut out = Vec::new();
    // Bytes before this are inside a quantity already read.
    let mut skip_to = 0;
    let mut prev: Option<char> = None;
    let is_num = |c: char| c.is_ascii_digit() || matches!(c, '０'..='９');
    let is_cn = |c: char| {
        matches!(
            c,
            '零' | '〇'
                | '一'
                | '二'
                | '两'
                | '兩'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
        )
    };
    for (i, c) in text.char_indices() {
        let prev = prev.replace(c);
        if i < skip_to || !(is_num(c) || is_cn(c)) {
            continue;
        }
        let starts = (is_num(c)
            && !prev
                .is_some_and(|p| is_num(p) || p == '.' || p.is_ascii_alphabetic() || p == '第'))
            || (is_cn(c)
                && !prev
                    .is_some_and(|p| is_cn(p) || p == '第' || p == '星' || p == '周' || p == '期'));
        let k = exclude.partition_point(|r| r.1 <= i);
        if !starts || exclude.get(k).is_some_and(|r| r.0 <= i) {
            continue;
        }
        let rest = &text[i..];
        let (digits_len, base) = if is_num(c) {
            let n: usize = rest
                .chars()
                .take_while(|c| is_num(*c) || *c == '.' || *c == ',')
                .map(char::len_utf8)
                .sum();
            let d = rest[..n].trim_end_matches(['.', ',']);
            (d.len(), numbers::arabic(d))
        } else {
            let n: usize = rest
                .chars()
                .take_while(|c| is_cn(*c))
                .map(char::len_utf8)
                .sum();
            (n, numbers::chinese_numeral(&rest[..n]))
        };
        let Some(base) = base else {
            continue;
        };
        let mut pos = i + digits_len;
        let mult_len: usize = text[pos..]
            .chars()
            .take_while(|c| matches!(c, '万' | '亿' | '萬' | '億'))
            .map(char::len_utf8)
            .sum();
        let mult = numbers::multiplier(&text[pos..pos + mult_len]);
        pos += mult_len;
        let more = text[pos..].starts_with('多')
            || text[pos..].starts_with('余')
            || text[pos..].starts_with('餘');
        if more {
            pos += '多'.len_utf8();
        }
        let tail = &text[pos..];
        let mut via_classifier = false;
        let unit = z
            .lex
            .unit_prefix(tail)
            .map(|(n, u)| (n, u.to_owned()))
            .filter(|(_, u)| u != "people" || !tail.starts_with("人民"))
            .or_else(|| {
                // A classifier and a head noun: 30个伙伴关系成员国, 12个重点领域.
                let after = ["个", "個", "项", "項", "名", "位"]
                    .iter()
                    .find_map(|c| tail.strip_prefix(c))?;
                let cl = tail.len() - after.len();
                let run: Vec<(usize, char)> = after
                    .char_indices()
                    .take_while(|(_, c)| is_han(*c))
                    .take(8)
                    .collect();
                let found = (1..=run.len()).rev().find_map(|k| {
                    let end = run.get(k - 1).map(|(b, c)| b + c.len_utf8())?;
                    z.lex
                        .unit_noun_suffix(&after[..end])
                        .map(|(_, u)| (cl + end, u.to_owned()))
                });
                via_classifier = found.is_some();
                found
            })
            .or_else(|| {
                // N个 closing a clause: the head noun is earlier in it (成员国总数达到30个).
                let ge = tail
                    .strip_prefix('个')
                    .or_else(|| tail.strip_prefix('個'))?;
                let closes = ge
                    .chars()
                    .next()
                    .is_none_or(|c| CLAUSE_END.contains(&c) || c == '。');
                let clause = z.clause_of(i);
                let lead = &text[clause.0..i];
                // The longest prefix of the clause that ends with a noun unit.
                let unit = (1..=lead.len())
                    .rev()
                    .filter(|end| lead.is_char_boundary(*end))
                    .find_map(|end| {
                        z.lex
                            .unit_noun_suffix(&lead[..end])
                            .map(|(_, u)| u.to_owned())
                    });
                closes.then_some(())?;
                unit.map(|u| ('个'.len_utf8(), u))
            });
        let Some((ulen, unit)) = unit else {
            skip_to = pos;
            continue;
        };
        // Years (2013年), ordinal and chinese words that merely contain a numeral (一带一路).
        let is_year = unit == "years"
            && tail.starts_with('年')
            && !tail.starts_with("年来")
            && !tail.starts_with("年來")
            && is_num(c)
            && digits_len == 4;
        let chinese_word = is_cn(c)
            && !via_classifier
            && !(unit == "proposals"
                || unit == "countries"
                || unit == "years"
                || unit == "people"
                || unit == "times");
        let chinese_one = is_cn(c) && base == 1.0;
        let date_like =
            tail.starts_with('年') && text[pos + ulen..].chars().next().is_some_and(|n| is_num(n));
        // 中亚五国: a region's group of countries is a name, not a count.
        let region_group = unit == "countries"
            && z.lex
                .cue("region-before-count")
                .iter()
                .any(|w| text[..i].ends_with(w.as_str()));
        if region_group {
            skip_to = pos;
            continue;
        }
        // 两国 / 两人 / 双方: "both", not a count.
        let both = is_cn(c) && base == 2.0 && (unit == "countries" || unit == "people");
        if unit == "anniversary" || is_year || chinese_word || chinese_one || date_like || both {
            skip_to = pos;
            continue;
        }
        // 五国元首 / 六国外长: a count of the leaders or ministers of N countries.
        let (ulen, unit) = if unit == "countries" {
            match z
                .lex
                .cue_prefix("count-people-after-countries", &text[pos + ulen..])
            {
                Some(n) => (ulen + n, "people".to_owned()),
                None => (ulen, unit),
            }
        } else {
            (ulen, unit)
        };
        let end = pos + ulen;
        let lead = &text[..i];
        let comparator = if ["超过", "超過", "逾", "多于", "多於", "高于", "高於"]
            .iter()
            .any(|w| lead.ends_with(w))
            || more
        {
            Some("greater-than")
        } else if ["近", "约", "約", "大约", "大約"]
            .iter()
            .any(|w| lead.ends_with(w))
        {
            Some("about")
        } else if ["不到", "不足", "低于", "低於"]
            .iter()
            .any(|w| lead.ends_with(w))
        {
            Some("less-than")
        } else if ["至少"].iter().any(|w| lead.ends_with(w)) {
            Some("at-least")
        } else {
            None
        };
        out.push(((i, end), numbers::tidy(base * mult), unit, comparator));
        skip_to = end;
    }
    out
}

/// Proposals: `N点建议` then paragraphs opening with `第一，` `第二，`… (or `一是`, `一、`).
pub(crate) fn proposals(z: &Zh<'_>) -> Vec<(u32, u32, R, R)> {
    let text = z.text;
    let mut out = Vec::new();
    for hit in z.cues.matches(Cue::ProposalCount, (0, text.len())) {
        let (i, f) = (hit.start, z.s((hit.start, hit.end)));
        let lead = &text[..i];
        let digits: String = lead
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || "一二两三四五六七八九十".contains(*c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let Some(n) = number_value(&digits) else {
            continue;
        };
        let n = n as u32;
        if !(1..=20).contains(&n) {
            continue;
        }
        let count_range = (i - digits.len(), i + f.len());
        let mut pos = i + f.len();
        for k in 1..=n {
            let ord = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
                .get(k as usize - 1)
                .copied()
                .unwrap_or("");
            let markers = [
                format!("第{ord}，"),
                format!("第{ord},"),
                format!("{ord}是"),
                format!("{ord}、"),
                format!("{k}."),
            ];
            // Numbered points follow within a few paragraphs.
            let window_end = (pos + 6000).min(text.len());
            let window_end = (window_end..=text.len())
                .find(|e| text.is_char_boundary(*e))
                .unwrap_or(text.len());
            let window = &text[pos..window_end];
            let found = markers
                .iter()
                .filter_map(|m| {
                    memchr::memmem::find(window.as_bytes(), m.as_bytes())
                        .map(|j| (pos + j, m.len()))
                })
                .min();
            let Some((at, mlen)) = found else { break };
            // The marker opens a line or a sentence.
            let prev = text[..at].chars().next_back();
            if !prev.is_none_or(|c| c == '\n' || SENTENCE_END.contains(&c) || c == '：' || c == ':')
            {
                break;
            }
            let body_start = at + mlen;
            let end = text[body_start..]
                .find(['。', '\n'])
                .map_or(text.len(), |j| {
                    body_start
                        + j
                        + text[body_start + j..]
                            .chars()
                            .next()
                            .map_or(0, char::len_utf8)
                });
            out.push((k, n, (at, end), count_range));
            pos = end;
        }
    }
    out
}

/// The statement cue right after a person (张明表示, 罗兰说, 张明在发言中表示):
/// (person mention index, cue end).
pub(crate) fn statements(z: &Zh<'_>) -> Vec<(usize, R)> {
    let mut out = Vec::new();
    for (mi, m) in z.person_mentions.iter().enumerate() {
        let mut pos = m.range.1;
        for t in &m.titles {
            if t.range.0 >= pos {
                pos = t.range.1;
            }
        }
        let rest = z.rest(pos);
        let rest = [
            "在发言中",
            "在發言中",
            "在讲话中",
            "在講話中",
            "还",
            "還",
            "也",
            "并",
            "並",
            "进一步",
            "最后",
        ]
        .iter()
        .fold(rest, |r, w| r.strip_prefix(w).unwrap_or(r));
        let cue_at = z.text.len() - rest.len();
        if let Some(n) = z.lex.cue_prefix("speak", rest) {
            let sentence = z.sentence_of(cue_at);
            let mut start = cue_at + n;
            let after = z.rest(start);
            for p in ['，', '：', ',', ':'] {
                if after.starts_with(p) {
                    start += p.len_utf8();
                    break;
                }
            }
            if start < sentence.1 {
                out.push((mi, (start, sentence.1)));
            }
        }
    }
    out
}

/// Relations between agents and initiatives in one sentence.
pub(crate) fn initiative_relations(
    z: &Zh<'_>,
    initiatives: &[(R, EntityKey)],
    sentence: R,
    current_event: Option<&str>,
    persons: &[PersonB],
) -> Vec<(EntityKey, InitiativeRelation, R)> {
    let mut out = Vec::new();
    // Nothing to relate without an initiative in the sentence or a reference to one.
    let lo0 = initiatives.partition_point(|(r, _)| r.0 < sentence.0);
    let any_inside = initiatives.get(lo0).is_some_and(|(r, _)| r.0 < sentence.1);
    let refers = || {
        z.cues
            .matches(Cue::Propose, sentence)
            .iter()
            .any(|h| matches!(z.s((h.start, h.end)), "倡议" | "倡議"))
    };
    if !any_inside && !refers() {
        return out;
    }
    // `initiatives` is sorted by range.
    let lo = initiatives.partition_point(|(r, _)| r.0 < sentence.0);
    let hi = initiatives
        .partition_point(|(r, _)| r.0 < sentence.1)
        .max(lo);
    let inside: Vec<&(R, EntityKey)> = initiatives
        .get(lo..hi)
        .unwrap_or(&[])
        .iter()
        .filter(|(r, _)| r.1 <= sentence.1)
        .collect();
    // Anaphoric 上述倡议 / 这些倡议: the initiatives of the closest earlier sentence that has some.
    let mut anaphoric: Vec<(usize, EntityKey)> = Vec::new();
    let aforesaid = z.cues.matches(Cue::SameAforesaid, sentence);
    for group in aforesaid.chunk_by(|a, b| a.form == b.form) {
        for tail in ["倡议", "倡議", "倡议和计划"] {
            // The first place this form is followed by the tail, inside the sentence.
            let found = group
                .iter()
                .find(|h| z.s((h.end, sentence.1)).starts_with(tail));
            if let Some(h) = found {
                let at = h.start;
                let prior: Vec<&(R, EntityKey)> = initiatives
                    .get(..lo)
                    .unwrap_or(&[])
                    .iter()
                    .filter(|(r, _)| r.1 <= sentence.0)
                    .collect();
                if let Some(last) = prior.last() {
                    let prev_sentence = z.sentence_of(last.0 .0);
                    for (r, k) in prior
                        .iter()
                        .filter(|(r, _)| r.0 >= prev_sentence.0 && r.1 <= prev_sentence.1)
                    {
                        let _ = r;
                        anaphoric.push((at, k.clone()));
                    }
                }
            }
        }
    }
    let targets_after = |at: usize| -> Vec<EntityKey> {
        let mut v: Vec<EntityKey> = inside
            .iter()
            .filter(|(r, _)| r.0 >= at)
            .map(|(_, k)| k.clone())
            .collect();
        v.extend(
            anaphoric
                .iter()
                .filter(|(a, _)| *a >= at)
                .map(|(_, k)| k.clone()),
        );
        let mut seen = Vec::new();
        v.retain(|k| {
            if seen.contains(k) {
                false
            } else {
                seen.push(k.clone());
                true
            }
        });
        v
    };
    let agent_before = |at: usize| -> Option<EntityKey> {
        // A country mention or a person (with titles after the name) right before `at`.
        let lead = z.s((sentence.0, at));
        let trimmed = ["正式", "积极", "積極"]
            .iter()
            .fold(lead, |t, w| t.strip_suffix(w).unwrap_or(t));
        let trimmed = trimmed.trim_end_matches(['也', '还', '已', '将', '將', '愿', '願'].as_ref());
        let end = sentence.0 + trimmed.len();
        if let Some(c) = z.country_ending_at(end) {
            return z.lex.countries.get(c).map(|k| EntityKey::Country {
                code: k.iso2.clone(),
            });
        }
        z.mentions_within(sentence.0, end)
            .map(|(_, m)| m)
            .find(|m| m.range.1 == end || m.titles.iter().any(|t| t.range.1 == end))
            .and_then(|m| persons.get(m.person))
            .map(|p| p.key.clone())
    };
    for cue in [Cue::Launch, Cue::Join, Cue::Propose] {
        for hit in z.cues.matches(cue, sentence) {
            let f = z.s((hit.start, hit.end));
            let (at, end) = (hit.start, hit.end);
            let after = z.rest(end);
            match cue {
                Cue::Launch => {
                    let lead = z.s((sentence.0, at));
                    let perfective = after.starts_with('了');
                    let joint =
                        lead.ends_with("共同") || lead.ends_with("联合") || lead.ends_with("聯合");
                    let direct = matches!(f, "发起" | "發起" | "启动" | "啟動" | "宣布成立")
                        && inside.iter().any(|(r, _)| r.0 == end);
                    if !(perfective || joint || direct) {
                        continue;
                    }
                    let Some(event) = current_event else { continue };
                    let co = if joint {
                        z.count_of_countries((sentence.0, at)).map(|(v, r)| Count {
                            value: v,
                            text: z.s(r).to_owned(),
                            span: crate::model::Span {
                                start: r.0,
                                end: r.1,
                            },
                        })
                    } else {
                        None
                    };
                    for k in targets_after(end) {
                        out.push((
                            k,
                            InitiativeRelation::LaunchedAt {
                                event: event.to_owned(),
                                co_initiators: co.clone(),
                            },
                            sentence,
                        ));
                    }
                }
                Cue::Join => {
                    if let Some(agent) = agent_before(at) {
                        for k in targets_after(end) {
                            out.push((
                                k,
                                InitiativeRelation::JoinedBy {
                                    agent: agent.clone(),
                                },
                                sentence,
                            ));
                        }
                    }
                }
                _ => {
                    // X提出(的)Y: Y directly after (共建 allowed), or 提出的上述倡议.
                    let Some(agent) = agent_before(at) else {
                        continue;
                    };
                    let after_de = after.strip_prefix('的').unwrap_or(after);
                    let after_de = after_de.strip_prefix("共建").unwrap_or(after_de);
                    let gap = after.len() - after_de.len();
                    let target_at = end + gap;
                    let de_at =
                        end + (after.len() - after.strip_prefix('的').unwrap_or(after).len());
                    let mut ks: Vec<EntityKey> = inside
                        .iter()
                        .filter(|(r, _)| r.0 == target_at || r.0 == de_at)
                        .map(|(_, k)| k.clone())
                        .collect();
                    ks.extend(
                        anaphoric
                            .iter()
                            .filter(|(a, _)| *a == target_at)
                            .map(|(_, k)| k.clone()),
                    );
                    for k in ks {
                        out.push((
                            k,
                            InitiativeRelation::ProposedBy {
                                agent: agent.clone(),
                            },
                            sentence,
                        ));
                    }
                }
            }
        }
    }
    out
}

/// Groups raw events by (type, name) so a headline and the body report one event.
pub(crate) fn merge_events(events: Vec<EventB>, text: &str) -> Vec<EventB> {
    let mut out: Vec<EventB> = Vec::new();
    let mut by_key: HashMap<(String, String), usize> = HashMap::new();
    for e in events {
        let name = e.name.and_then(|r| text.get(r.0..r.1)).map(normalize_name);
        let key = match &name {
            Some(n) => (e.event_type.clone(), n.clone()),
            None => {
                // Bilateral: same type and same set of people.
                let mut ps: Vec<usize> = e.roles.iter().map(|r| r.0).collect();
                ps.sort_unstable();
                ps.dedup();
                (e.event_type.clone(), format!("{ps:?}"))
            }
        };
        // A named event of the type of a bare one on the same day is that event.
        let bare_match = name.as_ref().and_then(|_| {
            out.iter().position(|o| {
                o.bare && o.event_type == e.event_type && (o.date == e.date || e.date.is_none())
            })
        });
        if let Some(i) = bare_match {
            if let Some(o) = out.get_mut(i) {
                o.bare = false;
                o.name = e.name;
                o.roles.extend(e.roles);
                o.triggers.extend(e.triggers);
                if o.date.is_none() {
                    o.date = e.date;
                }
            }
            by_key.insert(key, i);
            continue;
        }
        match by_key.get(&key).copied() {
            Some(i) => {
                if let Some(o) = out.get_mut(i) {
                    if o.date.is_none() {
                        o.date = e.date;
                    }
                    if o.place.is_none() {
                        o.place = e.place;
                    }
                    if o.mode.is_none() {
                        o.mode = e.mode;
                    }
                    if e.status == EventStatus::Happened {
                        o.status = EventStatus::Happened;
                    }
                    // Prefer the body sentence (with a date) as evidence.
                    if e.date.is_some()
                        && o.sentence != e.sentence
                        && text
                            .get(o.sentence.0..o.sentence.1)
                            .is_some_and(|s| !s.contains('，'))
                    {
                        o.sentence = e.sentence;
                        o.trigger = e.trigger;
                        o.name = e.name;
                    }
                    o.roles.extend(e.roles);
                    o.triggers.extend(e.triggers);
                }
            }
            None => {
                by_key.insert(key, out.len());
                out.push(e);
            }
        }
    }
    out
}
