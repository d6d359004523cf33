//! Rules for English reports.
//!
//! The genre writes people as `[Country-adjective|Country's|Organization] Title (and Title)
//! Name` ("Chilean President Ana Torres", "Omani Crown Prince and Prime Minister Khalid
//! bin Said Al Harthy"), refers back to them by one part of the name ("Zhang said"), and
//! names events with verbs (held a phone conversation with, held talks with, met with,
//! attended, chaired) or with nouns governed by them (a welcoming ceremony held by …).

use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Verbs that place the people before them at an event.
const ATTEND_VERBS: [&str; 6] = [
    "attended",
    "attends",
    "attend",
    "attending",
    "took part in",
    "participated in",
];

use crate::date::Date;
use crate::lexicon::{Entry, Hit, Lexicon};
use crate::model::{EntityKey, EventStatus, Mode, Role};

use super::zh::{EventB, PersonB, PersonMention, TitleB, R};

const PARTICLES: &[&str] = &[
    "bin", "bint", "al", "Al", "el", "El", "de", "da", "do", "dos", "du", "del", "van", "von",
    "der", "den", "la", "le", "ibn", "di", "y", "Bin",
];
const MONTHS: &[(&str, u32)] = &[
    ("January", 1),
    ("Jan.", 1),
    ("February", 2),
    ("Feb.", 2),
    ("March", 3),
    ("Mar.", 3),
    ("April", 4),
    ("Apr.", 4),
    ("May", 5),
    ("June", 6),
    ("Jun.", 6),
    ("July", 7),
    ("Jul.", 7),
    ("August", 8),
    ("Aug.", 8),
    ("September", 9),
    ("Sept.", 9),
    ("Sep.", 9),
    ("October", 10),
    ("Oct.", 10),
    ("November", 11),
    ("Nov.", 11),
    ("December", 12),
    ("Dec.", 12),
];
const WEEKDAYS: &[(&str, u32)] = &[
    ("Monday", 1),
    ("Tuesday", 2),
    ("Wednesday", 3),
    ("Thursday", 4),
    ("Friday", 5),
    ("Saturday", 6),
    ("Sunday", 7),
];
/// Words that start with a capital but never begin a name.
const NOT_NAMES: &[&str] = &[
    "The",
    "On",
    "In",
    "At",
    "He",
    "She",
    "It",
    "They",
    "His",
    "Her",
    "This",
    "That",
    "Also",
    "And",
    "But",
    "Visiting",
    "According",
];

pub(crate) struct En<'a> {
    pub text: &'a str,
    pub lex: &'a Lexicon,
    pub hits: Vec<Hit<'a>>,
    pub sentences: Vec<R>,
    pub persons: Vec<PersonB>,
    pub person_mentions: Vec<PersonMention>,
    pub reference: Option<Date>,
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

impl<'a> En<'a> {
    /// A city of `places.tsv` named at byte `at` ("in Rio de Janeiro on …"): the longest run
    /// of up to five words, capitalised except for joining particles, that the lexicon knows.
    fn city_at(&self, at: usize) -> Option<R> {
        let rest = self.text.get(at..)?;
        let mut ends = Vec::new();
        let mut pos = 0;
        for (n, word) in rest.split([' ', '\n', '\t']).enumerate() {
            if n == 5 || word.is_empty() {
                break;
            }
            let core = word.trim_end_matches([',', '.', ';', ':', ')']);
            let first = core.chars().next()?;
            let particle = ["de", "da", "do", "du", "el", "es", "la", "al"].contains(&core);
            if !(first.is_uppercase() || (n > 0 && particle)) {
                break;
            }
            ends.push(pos + core.len());
            if core.len() != word.len() {
                break;
            }
            pos += word.len() + 1;
        }
        ends.iter()
            .rev()
            .find(|&&e| self.lex.place(&rest[..e]).is_some())
            .map(|&e| (at, at + e))
    }

    pub fn new(text: &'a str, lex: &'a Lexicon, reference: Option<Date>) -> Self {
        let mut hits = lex.find_en(text);
        // "U.S. dollars", "Hong Kong dollars": a currency, not a party.
        hits.retain(|h| {
            !(matches!(h.entries.first(), Some(Entry::Country(_)))
                && text.get(h.end..).is_some_and(|r| r.starts_with(" dollar")))
        });
        let mut sentences = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            let end_here = c == b'\n'
                || ((c == b'.' || c == b'!' || c == b'?')
                    && bytes.get(i + 1).is_none_or(|n| *n == b' ' || *n == b'\n')
                    && !abbreviation(&text[start..=i]));
            if end_here {
                if !text[start..=i].trim().is_empty() {
                    sentences.push((start, i + 1));
                }
                start = i + 1;
            }
            i += 1;
        }
        if start < text.len() && !text[start..].trim().is_empty() {
            sentences.push((start, text.len()));
        }
        Self {
            text,
            lex,
            hits,
            sentences,
            persons: Vec::new(),
            person_mentions: Vec::new(),
            reference,
        }
    }

    fn s(&self, r: R) -> &'a str {
        self.text.get(r.0..r.1).unwrap_or("")
    }

    pub fn sentence_of(&self, at: usize) -> R {
        let i = self.sentences.partition_point(|s| s.1 <= at);
        self.sentences.get(i).copied().unwrap_or((at, at))
    }

    /// Preference when a form names several things: person, position, country (adjectives), organization.
    fn kind_of(h: &Hit<'_>) -> Option<Entry> {
        h.best_by(|e| match e {
            Entry::Person(_) => 0,
            Entry::Position(_) => 1,
            Entry::Country(_) => 2,
            Entry::Org(_) => 3,
            Entry::Initiative(_) => 4,
            Entry::EventType(_) => 5,
        })
    }

    fn hit_at(&self, at: usize) -> Option<&Hit<'a>> {
        let i = self.hits.partition_point(|h| h.start < at);
        self.hits.get(i).filter(|h| h.start == at)
    }

    /// The country or organization an entry names.
    fn affiliation(&self, e: Entry) -> Option<EntityKey> {
        match e {
            Entry::Country(_) | Entry::Org(_) => self.lex.entity_of(e),
            _ => None,
        }
    }

    /// Skips spaces (and a possessive 's) from `at`.
    fn skip_space(&self, mut at: usize) -> usize {
        for p in ["'s", "’s"] {
            if self.text.get(at..).is_some_and(|t| t.starts_with(p)) {
                at += p.len();
            }
        }
        at + self
            .text
            .get(at..)
            .map_or(0, |t| t.len() - t.trim_start_matches(' ').len())
    }

    /// The words of a name starting at `at`: capitalised words and particles between them.
    fn name_at(&self, at: usize) -> Option<R> {
        let mut pos = at;
        let mut end = at;
        let mut words = 0;
        let mut caps = 0;
        loop {
            let rest = self.text.get(pos..)?;
            let w: String = rest.chars().take_while(|c| word_char(*c)).collect();
            if w.is_empty() {
                break;
            }
            let cap = is_cap(&w)
                && !w
                    .chars()
                    .all(|c| c.is_uppercase() && w.len() > 1 && w.len() <= 4);
            let particle = PARTICLES.contains(&w.as_str());
            // "He" is a pronoun, unless a given name follows (He Wenming).
            let surname_he = w == "He"
                && rest.get(w.len()..).is_some_and(|t| {
                    t.strip_prefix(' ').is_some_and(|n| {
                        is_cap(n)
                            && self.hit_at(pos + w.len() + 1).is_none()
                            && !NOT_NAMES.iter().any(|x| n.starts_with(x))
                    })
                });
            if words == 0 && (!cap || (NOT_NAMES.contains(&w.as_str()) && !surname_he)) {
                return None;
            }
            if !(cap || particle)
                || MONTHS.iter().any(|(m, _)| m.trim_end_matches('.') == w)
                || WEEKDAYS.iter().any(|(d, _)| *d == w)
            {
                break;
            }
            // A lexicon form (a country, a title) ends the name.
            if words > 0
                && self
                    .hit_at(pos)
                    .is_some_and(|h| !matches!(Self::kind_of(h), Some(Entry::Person(_))))
            {
                break;
            }
            let wend = pos + w.len();
            let w = w.trim_end_matches(['\'', '’']);
            if cap {
                caps += 1;
                end = pos + w.len();
            }
            words += 1;
            let _ = wend;
            if words >= 7 {
                break;
            }
            // Next word after one space.
            let after = self.text.get(pos + w.len()..).unwrap_or("");
            if !after.starts_with(' ') || after.starts_with("  ") {
                break;
            }
            pos = pos + w.len() + 1;
        }
        (caps >= 1 && end > at).then_some((at, end))
    }

    fn intern(
        &mut self,
        range: R,
        registry: Option<usize>,
        represents: Option<EntityKey>,
    ) -> usize {
        let name = self.s(range).to_owned();
        if let Some(i) = self.persons.iter().position(|p| p.name == name || registry.is_some_and(|r| matches!(&p.key, EntityKey::Person { id, registry: true, .. } if self.lex.people.get(r).is_some_and(|x| &x.id == id)))) {
            if let Some(p) = self.persons.get_mut(i) {
                if p.represents.is_none() {
                    p.represents = represents;
                }
            }
            return i;
        }
        self.persons
            .push(PersonB::new(self.lex, name, registry, represents));
        self.persons.len() - 1
    }

    /// People from title slots, the registry, bylines and back-references.
    pub fn find_people(&mut self) {
        let mut i = 0;
        while i < self.hits.len() {
            i = self.slot(i).unwrap_or(i + 1);
        }
        // Registry people not in a slot.
        let regs: Vec<(R, usize)> = self
            .hits
            .iter()
            .filter_map(|h| match Self::kind_of(h) {
                Some(Entry::Person(p)) => Some(((h.start, h.end), p)),
                _ => None,
            })
            .collect();
        for (r, p) in regs {
            if self
                .person_mentions
                .iter()
                .any(|m| m.range.0 < r.1 && r.0 < m.range.1)
            {
                continue;
            }
            let person = self.intern(r, Some(p), None);
            self.person_mentions.push(PersonMention {
                range: r,
                slot_start: r.0,
                person,
                titles: Vec::new(),
            });
        }
        // Photo credits: (Xinhua/Name Name).
        let text = self.text;
        for (i, _) in text.match_indices('/') {
            let before = &text[..i];
            let Some(open) = before.rfind('(') else {
                continue;
            };
            if i - open > 40 {
                continue;
            }
            let agency = self
                .hits
                .iter()
                .find(|h| h.start == open + 1 && h.end == i)
                .and_then(|h| Self::kind_of(h))
                .and_then(|e| self.affiliation(e));
            let Some(agency) = agency else { continue };
            if let Some(r) = self.name_at(i + 1) {
                if text.get(r.1..).is_some_and(|t| t.starts_with(')')) {
                    let person = self.intern(r, None, Some(agency));
                    self.person_mentions.push(PersonMention {
                        range: r,
                        slot_start: r.0,
                        person,
                        titles: Vec::new(),
                    });
                }
            }
        }
        self.find_appositives();
        self.find_list_members();
        self.find_back_references();
        self.person_mentions.sort_by_key(|m| m.range);
        self.person_mentions.dedup_by_key(|m| m.range);
    }

    fn slot(&mut self, i: usize) -> Option<usize> {
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
        let mut aff = None;
        let mut titles: Vec<TitleB> = Vec::new();
        while let Some(h) = self.hits.get(j) {
            if h.start != pos {
                break;
            }
            match Self::kind_of(h) {
                Some(e @ (Entry::Country(_) | Entry::Org(_))) if titles.is_empty() => {
                    aff = self.affiliation(e);
                    pos = self.skip_space(h.end);
                }
                Some(e @ Entry::Position(p)) => {
                    titles.push(TitleB {
                        range: (h.start, h.end),
                        position: self.lex.positions.get(p).map(|x| x.id.clone()),
                        of: aff.clone(),
                    });
                    let _ = e;
                    pos = self.skip_space(h.end);
                    // "Crown Prince and Prime Minister": one person with two titles.
                    let rest = self.text.get(pos..).unwrap_or("");
                    if let Some(r) = rest.strip_prefix("and ") {
                        let next = pos + (rest.len() - r.len());
                        if self
                            .hit_at(next)
                            .is_some_and(|n| matches!(Self::kind_of(n), Some(Entry::Position(_))))
                        {
                            pos = next;
                        }
                    }
                }
                _ => break,
            }
            j += 1;
        }
        if titles.is_empty() {
            return None;
        }
        // The name: a registry person right after, or capitalised words.
        let (range, registry) = match self
            .hit_at(pos)
            .filter(|h| matches!(Self::kind_of(h), Some(Entry::Person(_))))
        {
            Some(h) => (
                (h.start, h.end),
                match Self::kind_of(h) {
                    Some(Entry::Person(p)) => Some(p),
                    _ => None,
                },
            ),
            None => (self.name_at(pos)?, None),
        };
        while self.hits.get(j).is_some_and(|h| h.start < range.1) {
            j += 1;
        }
        let person = self.intern(range, registry, aff.clone());
        if let Some(p) = self.persons.get_mut(person) {
            for t in &titles {
                p.titles.push(t.clone());
            }
        }
        self.person_mentions.push(PersonMention {
            range,
            slot_start,
            person,
            titles,
        });
        Some(j.max(i + 1))
    }

    /// "Zhou Hong, a spokesperson with the General Administration of Customs": a name,
    /// then a title after ", a" or ", the", then the body after with/of/at.
    fn find_appositives(&mut self) {
        let mut found = Vec::new();
        for h in &self.hits {
            let Some(Entry::Position(p)) = Self::kind_of(h) else {
                continue;
            };
            let lead = self.text.get(..h.start).unwrap_or("");
            // Up to three lower-case or adjective words between ", a|the" and the title.
            let Some(comma) = lead.rfind(", ") else {
                continue;
            };
            let between = &lead[comma + 2..];
            let words: Vec<&str> = between.split_whitespace().collect();
            if words.is_empty() || words.len() > 4 || !matches!(words[0], "a" | "an" | "the") {
                continue;
            }
            // The name ends at the comma: walk back over capitalised words.
            let name_part = &lead[..comma];
            let mut start = comma;
            let mut count = 0;
            for w in name_part.rsplit(' ') {
                if (is_cap(w) || PARTICLES.contains(&w)) && w.chars().all(word_char) && count < 5 {
                    start -= w.len() + usize::from(start != comma);
                    count += 1;
                } else {
                    break;
                }
            }
            let start = lead[..comma].len()
                - lead[..comma].trim_start_matches(|_: char| false).len()
                + start.min(comma);
            let Some(r) = self.name_at(start) else {
                continue;
            };
            if r.1 != comma || count < 2 {
                continue;
            }
            let tail = self.text.get(h.end..).unwrap_or("");
            let body = ["with the ", "of the ", "at the ", "with ", "of "]
                .iter()
                .find_map(|w| tail.strip_prefix(w).map(|t| h.end + (tail.len() - t.len())))
                .and_then(|at| self.hit_at(at))
                .and_then(|x| Self::kind_of(x))
                .and_then(|e| self.affiliation(e));
            let title = TitleB {
                range: (h.start, h.end),
                position: self.lex.positions.get(p).map(|x| x.id.clone()),
                of: body.clone(),
            };
            found.push((r, title, body));
        }
        for (r, title, body) in found {
            if self
                .person_mentions
                .iter()
                .any(|m| m.range.0 < r.1 && r.0 < m.range.1)
            {
                continue;
            }
            let person = self.intern(r, None, body);
            if let Some(p) = self.persons.get_mut(person) {
                p.titles.push(title.clone());
            }
            self.person_mentions.push(PersonMention {
                range: r,
                slot_start: r.0,
                person,
                titles: vec![title],
            });
        }
    }

    /// "Zhang Wei, Liu Fang and He Wenming": names listed after a known person.
    fn find_list_members(&mut self) {
        let mut idx = 0;
        while idx < self.person_mentions.len() {
            let end = self.person_mentions.get(idx).map_or(0, |m| m.range.1);
            idx += 1;
            let rest = self.text.get(end..).unwrap_or("");
            let Some(gap) = [", and ", " and ", ", "]
                .iter()
                .find(|g| rest.starts_with(**g))
                .map(|g| g.len())
            else {
                continue;
            };
            let at = end + gap;
            if self.person_mentions.iter().any(|m| m.range.0 == at) || self.hit_at(at).is_some() {
                continue;
            }
            let Some(r) = self.name_at(at) else { continue };
            let words = self.s(r).split(' ').filter(|w| is_cap(w)).count();
            let after = self.text.get(r.1..).unwrap_or("");
            let listy = after.starts_with(',')
                || after.starts_with(" and ")
                || after.starts_with(" attended")
                || after.starts_with(" were");
            if (2..=4).contains(&words) && listy {
                let person = self.intern(r, None, None);
                self.person_mentions.push(PersonMention {
                    range: r,
                    slot_start: r.0,
                    person,
                    titles: Vec::new(),
                });
            }
        }
    }

    /// One word of a known name used alone ("Zhang said", "Torres"), and the full name again.
    fn find_back_references(&mut self) {
        let mut keys: Vec<(String, usize)> = Vec::new();
        for (i, p) in self.persons.iter().enumerate() {
            keys.push((p.name.clone(), i));
            let words: Vec<&str> = p
                .name
                .split(' ')
                .filter(|w| is_cap(w) && !PARTICLES.contains(w))
                .collect();
            if words.len() >= 2 {
                for w in [words[0], words[words.len() - 1]] {
                    keys.push((w.to_owned(), i));
                }
            }
            if let EntityKey::Person {
                id, registry: true, ..
            } = &p.key
            {
                if let Some(rp) = self.lex.people.iter().find(|x| &x.id == id) {
                    for a in &rp.aliases_en {
                        keys.push((a.clone(), i));
                    }
                }
            }
        }
        // A word shared by two people is no reference.
        let mut owners: HashMap<&str, BTreeSet<usize>> = HashMap::new();
        for (k, i) in &keys {
            owners.entry(k.as_str()).or_default().insert(*i);
        }
        let ambiguous: BTreeSet<String> = owners
            .iter()
            .filter(|(_, o)| o.len() > 1)
            .map(|(k, _)| (*k).to_owned())
            .collect();
        keys.retain(|(k, _)| !ambiguous.contains(k) && k.len() >= 2);
        keys.sort_by(|a, b| b.0.len().cmp(&a.0.len()));
        let text = self.text;
        // Every occurrence of every key in one pass; then, longest keys first (as listed),
        // the occurrences that stand as words and overlap no mention already placed.
        let Ok(ac) = aho_corasick::AhoCorasick::new(keys.iter().map(|(k, _)| k.as_str())) else {
            return;
        };
        let mut hits: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        hits.sort_unstable();
        let mut taken: BTreeMap<usize, usize> = self
            .person_mentions
            .iter()
            .map(|m| (m.range.0, m.range.1))
            .collect();
        let overlaps = |taken: &BTreeMap<usize, usize>, at: usize, end: usize| {
            taken.range(..end).next_back().is_some_and(|(_, e)| *e > at)
        };
        let mut found = Vec::new();
        for (ki, at, end) in hits {
            let before = text[..at].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(|c| c.is_alphanumeric())
                || after.is_some_and(|c| c.is_alphanumeric())
            {
                continue;
            }
            if overlaps(&taken, at, end) {
                continue;
            }
            taken.insert(at, end);
            found.push(PersonMention {
                range: (at, end),
                slot_start: at,
                person: keys[ki].1,
                titles: Vec::new(),
            });
        }
        self.person_mentions.extend(found);
    }

    /// Dates: "Dec. 8, 2022", "June 23", and weekdays ("on Tuesday") against the dateline.
    pub fn dates(&self) -> Vec<(R, Date)> {
        let mut out = Vec::new();
        let text = self.text;
        for (m, month) in MONTHS {
            for (at, _) in text.match_indices(m) {
                if text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                let rest = &text[at + m.len()..];
                let Some(r) = rest.strip_prefix(' ') else {
                    continue;
                };
                let day: String = r.chars().take_while(char::is_ascii_digit).collect();
                let Ok(d) = day.parse::<u32>() else { continue };
                let mut end = at + m.len() + 1 + day.len();
                let after = &text[end..];
                let year = after.strip_prefix(", ").and_then(|y| {
                    let digits: String = y.chars().take_while(char::is_ascii_digit).collect();
                    (digits.len() == 4).then(|| (digits.parse::<i32>().ok(), digits.len() + 2))
                });
                let y = match year {
                    Some((Some(y), n)) => {
                        end += n;
                        y
                    }
                    _ => match self.reference {
                        Some(r) => r.year,
                        None => continue,
                    },
                };
                if let Some(date) = Date::new(y, *month, d) {
                    out.push(((at, end), date));
                }
            }
        }
        if let Some(r) = self.reference {
            for (w, wd) in WEEKDAYS {
                for (at, _) in text.match_indices(w) {
                    let back = (i64::from(r.weekday()) - i64::from(*wd)).rem_euclid(7);
                    out.push(((at, at + w.len()), r.add_days(-back)));
                }
            }
        }
        out.sort_by_key(|x| x.0);
        out
    }

    /// The person mentioned last before `at` in the sentence, and its mention index.
    fn subject_before(&self, sentence: R, at: usize) -> Option<(usize, usize)> {
        self.person_mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.range.0 >= sentence.0 && m.range.1 <= at)
            .last()
            .map(|(i, m)| (m.person, i))
    }

    /// The first person mentioned after `at` in the sentence.
    fn object_after(&self, sentence: R, at: usize) -> Option<(usize, usize)> {
        self.person_mentions
            .iter()
            .enumerate()
            .find(|(_, m)| m.range.0 >= at && m.range.1 <= sentence.1)
            .map(|(i, m)| (m.person, i))
    }

    /// Events named by verbs and by governed nouns, sentence by sentence.
    pub fn find_events(&self, dates: &[(R, Date)]) -> Vec<EventB> {
        let mut out = Vec::new();
        for h in &self.hits {
            let Some(Entry::EventType(t)) = Self::kind_of(h) else {
                continue;
            };
            let Some(et) = self.lex.event_types.get(t) else {
                continue;
            };
            let sentence = self.sentence_of(h.start);
            let s = self.s(sentence);
            let lead = self.s((sentence.0, h.start));
            let tail = self.s((h.end, sentence.1));
            let future = [
                "will ",
                "is to ",
                "are to ",
                "next week",
                "next month",
                "to be held",
                "upcoming",
            ]
            .iter()
            .any(|w| s.contains(w));
            let past = ["last year", "previous", "earlier this year"]
                .iter()
                .any(|w| lead.contains(w));
            let status = if future {
                EventStatus::Announced
            } else if past {
                EventStatus::Referenced
            } else {
                EventStatus::Happened
            };
            let date = dates
                .iter()
                .filter(|(r, _)| r.0 >= sentence.0 && r.1 <= sentence.1)
                .map(|(_, d)| *d)
                .next();
            let mut roles = Vec::new();
            let mut name = None;
            let mut mode = None;
            let mut place = None;
            match et.kind.as_str() {
                "bilateral" => {
                    // X held talks / a phone call with Y; X met (with) Y.
                    let Some((subj, sm)) = self.subject_before(sentence, h.start) else {
                        continue;
                    };
                    let obj = tail
                        .find(" with ")
                        .map(|i| h.end + i + " with ".len())
                        .or(Some(h.end));
                    let Some((o, om)) = obj.and_then(|at| self.object_after(sentence, at)) else {
                        continue;
                    };
                    if o == subj {
                        continue;
                    }
                    if et.id == "visit" {
                        // X is paying a state visit to Y (country).
                        roles.push((subj, Role::Attendee, sm));
                    } else {
                        roles.push((subj, Role::Host, sm));
                        roles.push((o, Role::Attendee, om));
                    }
                    if et.id == "phone-call" {
                        mode = Some(Mode::Phone);
                    }
                }
                _ => {
                    // A noun: named by the capitalised words before it; needs a verb.
                    let chaired = [
                        "chaired",
                        "chairs",
                        "chair",
                        "presided over",
                        "presides over",
                        "co-chaired",
                        "hosted",
                        "hosts",
                    ]
                    .iter()
                    .find(|w| lead.contains(&format!(" {w} ")) || lead.contains(&format!(" {w}")));
                    // "at the opening ceremony", "at a press conference": up to two words between.
                    let near: String = lead
                        .split(' ')
                        .rev()
                        .take(5)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect::<Vec<_>>()
                        .join(" ");
                    let at_setting = [" at the ", " at a ", " at an ", "at the ", "at a "]
                        .iter()
                        .any(|w| near.contains(w));
                    let attended = at_setting || ATTEND_VERBS.iter().any(|w| lead.contains(w));
                    let held_by = tail
                        .trim_start()
                        .strip_prefix("held by ")
                        .map(|r| h.end + (tail.len() - r.len()));
                    let attended_by = tail.contains("attended by");
                    if chaired.is_none()
                        && !attended
                        && held_by.is_none()
                        && !attended_by
                        && !tail.contains("take place")
                        && !tail.contains("held")
                    {
                        continue;
                    }
                    let start = self.name_start(sentence, h.start);
                    if start < h.start {
                        name = Some((start, h.end));
                    }
                    if let Some(at) = held_by {
                        if let Some((p, m)) = self.object_after(sentence, at) {
                            roles.push((p, Role::Chair, m));
                        }
                    }
                    if let Some(w) = chaired {
                        if let Some(i) = lead.rfind(w) {
                            if let Some((p, m)) = self.subject_before(sentence, sentence.0 + i) {
                                roles.push((
                                    p,
                                    if w.starts_with("co-") {
                                        Role::CoChair
                                    } else {
                                        Role::Chair
                                    },
                                    m,
                                ));
                            }
                        }
                    }
                    if attended {
                        if let Some(i) = ATTEND_VERBS
                            .iter()
                            .chain(&[" at "])
                            .filter_map(|w| lead.rfind(w))
                            .max()
                        {
                            for (mi, m) in self.person_mentions.iter().enumerate() {
                                if m.range.0 >= sentence.0
                                    && m.range.1 <= sentence.0 + i
                                    && !roles.iter().any(|r: &(usize, Role, usize)| r.0 == m.person)
                                {
                                    roles.push((m.person, Role::Attendee, mi));
                                }
                            }
                        }
                    }
                    if ["virtual", "video", "online"].iter().any(|w| s.contains(w)) {
                        mode = Some(Mode::Online);
                    }
                }
            }
            if let Some(i) = s.find(" in ") {
                let at = sentence.0 + i + 4;
                if let Some(c) = self
                    .hits
                    .iter()
                    .find(|x| x.start == at && matches!(Self::kind_of(x), Some(Entry::Country(_))))
                {
                    place = Some((c.start, c.end));
                } else if let Some(r) = self.city_at(at) {
                    place = Some(r);
                }
            }
            // A bare noun with nobody in it ("The meeting will be attended by…") refers to an
            // event already reported.
            if name.is_none() && roles.is_empty() && et.kind != "bilateral" {
                continue;
            }
            // "Boao Forum for Asia Annual Conference": a more specific event word in the name.
            let event_type = name
                .map(|r| self.s(r))
                .and_then(|n| {
                    self.lex
                        .event_types
                        .iter()
                        .filter(|t| {
                            t.kind == "multilateral" && t.id != et.id && t.id != "conference"
                        })
                        .find(|t| {
                            t.triggers_en
                                .iter()
                                .any(|f| n.split(' ').any(|w| w.eq_ignore_ascii_case(f)))
                        })
                })
                .map_or_else(|| et.id.clone(), |t| t.id.clone());
            out.push(EventB {
                event_type,
                status,
                name,
                trigger: (h.start, h.end),
                sentence,
                date,
                place,
                mode,
                roles,
                bare: false,
                triggers: vec![(h.start, h.end)],
            });
        }
        // One event per (type, date, name) in a document.
        let mut merged: Vec<EventB> = Vec::new();
        for e in out {
            let name = e.name.map(|r| self.s(r).to_owned());
            match merged.iter_mut().find(|o| {
                o.event_type == e.event_type
                    && (o.name.map(|r| self.s(r).to_owned()) == name
                        || name.is_none()
                        || o.name.is_none())
                    && (o.date == e.date || o.date.is_none() || e.date.is_none())
            }) {
                Some(o) => {
                    // A report that announces an event and then describes it is announcing it.
                    if e.status == EventStatus::Announced {
                        o.status = e.status;
                    }
                    if o.date.is_none() {
                        o.date = e.date;
                    }
                    if o.name.is_none() {
                        o.name = e.name;
                    }
                    o.roles.extend(e.roles);
                }
                None => merged.push(e),
            }
        }
        merged
    }

    /// Start of the capitalised name before an event noun ("the Boao Forum for Asia Annual
    /// Conference 2022"): capitalised words, numbers and of/for/and/the between them.
    fn name_start(&self, sentence: R, at: usize) -> usize {
        let lead = self.s((sentence.0, at));
        let words: Vec<(usize, &str)> = lead
            .split(' ')
            .scan(sentence.0, |pos, w| {
                let p = *pos;
                *pos += w.len() + 1;
                Some((p, w))
            })
            .collect();
        let mut start = at;
        for (p, w) in words.iter().rev().skip(1) {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            if w.is_empty() {
                break;
            }
            if is_cap(w)
                || w.chars().all(|c| c.is_ascii_digit())
                || matches!(w, "of" | "for" | "and")
            {
                start = *p;
            } else {
                break;
            }
        }
        // Connecting words and articles cannot open a name.
        let mut s = self.s((start, at));
        while let Some(r) = ["of ", "for ", "and ", "The ", "A ", "An "]
            .iter()
            .find_map(|w| s.strip_prefix(w))
        {
            start += s.len() - r.len();
            s = r;
        }
        start
    }

    /// Statements: a person followed by said/stressed/noted/added.
    pub fn statements(&self) -> Vec<(usize, R)> {
        let mut out = Vec::new();
        for (mi, m) in self.person_mentions.iter().enumerate() {
            let rest = self.text.get(m.range.1..).unwrap_or("");
            let rest_t = rest.trim_start_matches(['\'', '’', 's']).trim_start();
            for v in [
                "said",
                "stressed",
                "noted",
                "pointed out",
                "added",
                "underlined",
                "emphasized",
                "expressed",
            ] {
                if rest_t.starts_with(v) {
                    let sentence = self.sentence_of(m.range.0);
                    out.push((
                        mi,
                        (
                            m.range.1 + (rest.len() - rest_t.len()) + v.len(),
                            sentence.1,
                        ),
                    ));
                    break;
                }
            }
        }
        out
    }

    /// Quantities: a number, a scale word and a unit ("9.2 trillion U.S. dollars").
    pub fn quantities(&self) -> Vec<(R, f64, String, Option<&'static str>)> {
        let mut out = Vec::new();
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit()
                || (i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.'))
            {
                i += 1;
                continue;
            }
            let n: String = text[i..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
                .collect();
            let n = n.trim_end_matches(['.', ',']);
            let Some(mut value) = super::numbers::arabic(n) else {
                i += 1;
                continue;
            };
            let mut pos = i + n.len();
            let mut rest = &text[pos..];
            for (w, m) in [
                (" trillion", 1e12),
                (" billion", 1e9),
                (" million", 1e6),
                (" thousand", 1e3),
            ] {
                if let Some(r) = rest.strip_prefix(w) {
                    value *= m;
                    pos += w.len();
                    rest = r;
                    break;
                }
            }
            let unit = [
                (" U.S. dollars", "USD"),
                (" US dollars", "USD"),
                (" dollars", "USD"),
                (" yuan", "CNY"),
                (" euros", "EUR"),
                (" percentage points", "percentage points"),
                (" percent", "percent"),
                ("%", "percent"),
                (" countries", "countries"),
                (" nations", "countries"),
                (" people", "people"),
                (" years", "years"),
            ]
            .iter()
            .find(|(w, _)| rest.starts_with(w));
            let Some((w, u)) = unit else {
                i = pos.max(i + 1);
                continue;
            };
            let end = pos + w.len();
            let lead = &text[..i];
            let comparator = if lead.ends_with("more than ") || lead.ends_with("over ") {
                Some("greater-than")
            } else if lead.ends_with("about ")
                || lead.ends_with("nearly ")
                || lead.ends_with("around ")
            {
                Some("about")
            } else {
                None
            };
            out.push((
                (i, end),
                super::numbers::tidy(value),
                (*u).to_owned(),
                comparator,
            ));
            i = end;
        }
        out
    }
}

fn abbreviation(s: &str) -> bool {
    let last = s.rsplit([' ', '(', '\n']).next().unwrap_or("");
    let w = last.trim_end_matches('.');
    MONTHS
        .iter()
        .any(|(m, _)| m.ends_with('.') && m.trim_end_matches('.') == w)
        || [
            "U.S", "U.K", "U.N", "Mr", "Mrs", "Ms", "Dr", "St", "No", "Gen", "Lt",
        ]
        .contains(&w)
        || (w.len() == 1 && w.chars().all(char::is_uppercase))
}
