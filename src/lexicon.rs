//! The lexicons under `ontology/lexicon/`: countries, organizations, positions,
//! initiatives, well-known people, event types and cue words. They are data,
//! embedded at build time; this module parses them and builds one matcher over
//! every surface form.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A country or territory (ISO 3166-1).
#[derive(Debug, Clone)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    pub name_en: String,
    pub name_zh: String,
    pub aliases_zh: Vec<String>,
    pub short_zh: Vec<String>,
    pub aliases_en: Vec<String>,
    pub adjectives_en: Vec<String>,
}

/// An organization, body or mechanism.
#[derive(Debug, Clone)]
pub struct Organization {
    pub id: String,
    pub name_en: String,
    pub name_zh: String,
    pub aliases_zh: Vec<String>,
    pub aliases_en: Vec<String>,
    pub abbr: Vec<String>,
    pub kind: String,
    pub parent: Option<String>,
}

/// A generic position (foreign minister, president, executive secretary).
#[derive(Debug, Clone)]
pub struct Position {
    pub id: String,
    pub name_en: String,
    pub forms_zh: Vec<String>,
    pub forms_en: Vec<String>,
    pub kind: String,
    pub scope: String,
}

/// A named initiative, strategy, partnership or agreement.
#[derive(Debug, Clone)]
pub struct Initiative {
    pub id: String,
    pub name_en: String,
    pub name_zh: String,
    pub aliases_zh: Vec<String>,
    pub aliases_en: Vec<String>,
    pub kind: String,
    pub framework: Option<String>,
}

/// A well-known person of the registry.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name_zh: String,
    pub aliases_zh: Vec<String>,
    pub name_en: String,
    pub aliases_en: Vec<String>,
    pub country: Option<String>,
}

/// A city (capital or host city) with its names: the same columns as a person
/// (`country` is the country it is in).
pub type Place = Person;

/// An event type and the words that name it.
#[derive(Debug, Clone)]
pub struct EventType {
    pub id: String,
    pub name_en: String,
    pub name_zh: String,
    pub triggers_zh: Vec<String>,
    pub triggers_en: Vec<String>,
    pub kind: String,
}

/// What a surface form found in text can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Entry {
    Country(usize),
    Org(usize),
    Position(usize),
    Initiative(usize),
    Person(usize),
    EventType(usize),
}

/// A lexicon hit: byte range in the text and every entry the form names.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'l> {
    pub start: usize,
    pub end: usize,
    pub entries: &'l [Entry],
}

impl Hit<'_> {
    /// The entry this form most likely names, when it names several: the one `rank`
    /// puts first (lowest).
    #[must_use]
    pub fn best_by(&self, rank: impl Fn(&Entry) -> u8) -> Option<Entry> {
        self.entries.iter().min_by_key(|e| rank(e)).copied()
    }
}

/// Builds a leftmost-longest automaton over (form, entries) pairs, in sorted form order.
fn automaton(
    forms: HashMap<String, Vec<Entry>>,
) -> Result<(AhoCorasick, Vec<Vec<Entry>>), LexiconError> {
    let mut pairs: Vec<(String, Vec<Entry>)> = forms.into_iter().collect();
    pairs.sort();
    let ac = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(pairs.iter().map(|(f, _)| f))
        .map_err(|e| LexiconError {
            file: "*",
            line: 0,
            message: e.to_string(),
        })?;
    Ok((ac, pairs.into_iter().map(|(_, e)| e).collect()))
}

/// The cues the rules look for anywhere in a range of text, through a [`CueIndex`]. The
/// others are only tested at a position (a prefix or suffix), and indexing them would
/// cost a match at nearly every character (的, 在, 国).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Anaphor,
    Announce,
    Attend,
    Chair,
    Join,
    Launch,
    MultilateralMarker,
    Online,
    ProposalCount,
    Propose,
    ReadMessage,
    Refer,
    SameAforesaid,
    Theme,
}

impl Cue {
    /// Every indexed cue, in the order of their numbers.
    pub const ALL: [Cue; 14] = [
        Cue::Anaphor,
        Cue::Announce,
        Cue::Attend,
        Cue::Chair,
        Cue::Join,
        Cue::Launch,
        Cue::MultilateralMarker,
        Cue::Online,
        Cue::ProposalCount,
        Cue::Propose,
        Cue::ReadMessage,
        Cue::Refer,
        Cue::SameAforesaid,
        Cue::Theme,
    ];

    /// The cue's id in `cues.tsv`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Cue::Anaphor => "anaphor",
            Cue::Announce => "announce",
            Cue::Attend => "attend",
            Cue::Chair => "chair",
            Cue::Join => "join",
            Cue::Launch => "launch",
            Cue::MultilateralMarker => "multilateral-marker",
            Cue::Online => "online",
            Cue::ProposalCount => "proposal-count",
            Cue::Propose => "propose",
            Cue::ReadMessage => "read-message",
            Cue::Refer => "refer",
            Cue::SameAforesaid => "same-aforesaid",
            Cue::Theme => "theme",
        }
    }
}

/// One occurrence of a cue form: its byte range and its index in [`Lexicon::cue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    pub start: usize,
    pub end: usize,
    pub form: usize,
}

/// Where the forms of every cue occur in one text ([`Lexicon::cue_index`]).
#[derive(Debug, Clone)]
pub struct CueIndex {
    /// By cue number (`Cue as usize`), sorted by start.
    by_cue: Vec<Vec<CueHit>>,
}

impl CueIndex {
    /// Occurrences of `cue` that start in `[r.0, r.1)` (some may end after `r.1`).
    fn starting_in(&self, cue: Cue, r: (usize, usize)) -> &[CueHit] {
        let Some(v) = self.by_cue.get(cue as usize) else {
            return &[];
        };
        let lo = v.partition_point(|h| h.start < r.0);
        let hi = v.partition_point(|h| h.start < r.1).max(lo);
        v.get(lo..hi).unwrap_or(&[])
    }

    /// Whether a form of `cue` lies inside `[r.0, r.1)`: `Lexicon::cue_occurs` on that
    /// part of the text.
    #[must_use]
    pub fn occurs(&self, cue: Cue, r: (usize, usize)) -> bool {
        self.starting_in(cue, r).iter().any(|h| h.end <= r.1)
    }

    /// The occurrences of `cue` inside `[r.0, r.1)` in the order a search form by
    /// form (longest first), left to right, finds them: what
    /// `for f in lex.cue(id) { for m in text.match_indices(f) … }` visits.
    #[must_use]
    pub fn matches(&self, cue: Cue, r: (usize, usize)) -> Vec<CueHit> {
        let mut v: Vec<CueHit> = self
            .starting_in(cue, r)
            .iter()
            .filter(|h| h.end <= r.1)
            .copied()
            .collect();
        v.sort_unstable_by_key(|h| (h.form, h.start));
        // A form's matches do not overlap each other, as with `match_indices`.
        let mut last: Option<CueHit> = None;
        v.retain(|h| {
            let keep = last.is_none_or(|l| l.form != h.form || l.end <= h.start);
            if keep {
                last = Some(*h);
            }
            keep
        });
        v
    }

    /// The first occurrence of the first form of `cue` (longest first) found inside
    /// `[r.0, r.1)`: what `lex.cue(id).iter().find_map(|f| text.find(f))` finds.
    #[must_use]
    pub fn first(&self, cue: Cue, r: (usize, usize)) -> Option<CueHit> {
        self.starting_in(cue, r)
            .iter()
            .filter(|h| h.end <= r.1)
            .min_by_key(|h| (h.form, h.start))
            .copied()
    }
}

/// A data file that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("ontology/lexicon/{file}: line {line}: {message}")]
pub struct LexiconError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

/// All lexicons and the matcher over them.
#[derive(Debug)]
pub struct Lexicon {
    pub countries: Vec<Country>,
    pub organizations: Vec<Organization>,
    pub positions: Vec<Position>,
    pub initiatives: Vec<Initiative>,
    pub people: Vec<Person>,
    pub event_types: Vec<EventType>,
    pub places: Vec<Place>,
    /// Every form of every place (looked up on a place slot's text, never scanned for).
    place_forms: HashMap<String, usize>,
    cues: HashMap<String, Vec<String>>,
    /// One automaton per cue id, to test quickly whether a text has any of its forms.
    cue_matchers: HashMap<String, AhoCorasick>,
    /// One automaton over every distinct form of every cue, reporting overlapping
    /// matches, and for each of its patterns the (cue number, form index) pairs it is.
    cue_all: AhoCorasick,
    cue_all_owners: Vec<Vec<(usize, usize)>>,
    /// Organization forms, for the longest one a text starts with.
    org_forms: AhoCorasick,
    org_form_ids: Vec<usize>,
    cues_en: HashMap<String, Vec<String>>,
    matcher: AhoCorasick,
    entries: Vec<Vec<Entry>>,
    matcher_en: AhoCorasick,
    entries_en: Vec<Vec<Entry>>,
    /// Chinese single-character country abbreviations (中 → CN).
    short_forms: HashMap<char, usize>,
    /// Quantity units: (form, unit, kind), longest form first.
    units: Vec<(String, String, String)>,
}

macro_rules! data {
    ($f:literal) => {
        (
            $f,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/ontology/lexicon/",
                $f
            )),
        )
    };
}

/// The raw data files, embedded.
pub const FILES: [(&str, &str); 9] = [
    data!("countries.tsv"),
    data!("organizations.tsv"),
    data!("positions.tsv"),
    data!("initiatives.tsv"),
    data!("people.tsv"),
    data!("event-types.tsv"),
    data!("cues.tsv"),
    data!("units.tsv"),
    data!("places.tsv"),
];

struct Table<'a> {
    columns: Vec<&'a str>,
    rows: Vec<(usize, Vec<&'a str>)>,
}

impl<'a> Table<'a> {
    fn parse(file: &'static str, text: &'a str, expected: &[&str]) -> Result<Self, LexiconError> {
        let err = |line, message: String| LexiconError {
            file,
            line,
            message,
        };
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty());
        let (hl, header) = lines.next().ok_or_else(|| err(1, "no header".into()))?;
        let columns: Vec<&str> = header.split('\t').collect();
        for c in expected {
            if !columns.contains(c) {
                return Err(err(hl + 1, format!("missing column {c:?}")));
            }
        }
        let mut rows = Vec::new();
        for (i, l) in lines {
            let cells: Vec<&str> = l.split('\t').collect();
            if cells.len() != columns.len() {
                return Err(err(
                    i + 1,
                    format!("{} cells, header has {}", cells.len(), columns.len()),
                ));
            }
            rows.push((i + 1, cells));
        }
        Ok(Self { columns, rows })
    }

    fn get<'r>(&self, row: &'r [&'a str], col: &str) -> &'a str {
        self.columns
            .iter()
            .position(|c| *c == col)
            .and_then(|i| row.get(i).copied())
            .unwrap_or("")
            .trim()
    }

    fn list(&self, row: &[&'a str], col: &str) -> Vec<String> {
        split_list(self.get(row, col))
    }

    fn opt(&self, row: &[&'a str], col: &str) -> Option<String> {
        Some(self.get(row, col))
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }
}

/// Rows of a table with the columns of `people.tsv` and `places.tsv`.
fn named_rows((f, t): (&'static str, &str)) -> Result<Vec<Person>, LexiconError> {
    let tab = Table::parse(
        f,
        t,
        &[
            "id",
            "name_zh",
            "aliases_zh",
            "name_en",
            "aliases_en",
            "country",
        ],
    )?;
    Ok(tab
        .rows
        .iter()
        .map(|(_, r)| Person {
            id: tab.get(r, "id").to_owned(),
            name_zh: tab.get(r, "name_zh").to_owned(),
            aliases_zh: tab.list(r, "aliases_zh"),
            name_en: tab.get(r, "name_en").to_owned(),
            aliases_en: tab.list(r, "aliases_en"),
            country: tab.opt(r, "country"),
        })
        .collect())
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

static EMBEDDED: OnceLock<Result<Lexicon, String>> = OnceLock::new();

impl Lexicon {
    /// The lexicon built from the embedded data files (parsed once per process).
    pub fn embedded() -> Result<&'static Lexicon, LexiconError> {
        EMBEDDED
            .get_or_init(|| Self::from_files(&FILES).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|m| LexiconError {
                file: "*",
                line: 0,
                message: m.clone(),
            })
    }

    /// Builds the lexicon from `(file name, contents)` pairs in the order of [`FILES`].
    pub fn from_files(files: &[(&'static str, &str)]) -> Result<Self, LexiconError> {
        let find = |name: &str| {
            files
                .iter()
                .find(|(n, _)| *n == name)
                .copied()
                .unwrap_or((FILES[0].0, ""))
        };
        let (f, t) = find("countries.tsv");
        let tab = Table::parse(
            f,
            t,
            &[
                "iso2",
                "iso3",
                "name_en",
                "name_zh",
                "aliases_zh",
                "short_zh",
                "aliases_en",
                "adjectives_en",
            ],
        )?;
        let countries: Vec<Country> = tab
            .rows
            .iter()
            .map(|(_, r)| Country {
                iso2: tab.get(r, "iso2").to_owned(),
                iso3: tab.get(r, "iso3").to_owned(),
                name_en: tab.get(r, "name_en").to_owned(),
                name_zh: tab.get(r, "name_zh").to_owned(),
                aliases_zh: tab.list(r, "aliases_zh"),
                short_zh: tab.list(r, "short_zh"),
                aliases_en: tab.list(r, "aliases_en"),
                adjectives_en: tab.list(r, "adjectives_en"),
            })
            .collect();
        let (f, t) = find("organizations.tsv");
        let tab = Table::parse(
            f,
            t,
            &[
                "id",
                "name_en",
                "name_zh",
                "aliases_zh",
                "aliases_en",
                "abbr",
                "kind",
                "parent",
            ],
        )?;
        let organizations: Vec<Organization> = tab
            .rows
            .iter()
            .map(|(_, r)| Organization {
                id: tab.get(r, "id").to_owned(),
                name_en: tab.get(r, "name_en").to_owned(),
                name_zh: tab.get(r, "name_zh").to_owned(),
                aliases_zh: tab.list(r, "aliases_zh"),
                aliases_en: tab.list(r, "aliases_en"),
                abbr: tab.list(r, "abbr"),
                kind: tab.get(r, "kind").to_owned(),
                parent: tab.opt(r, "parent"),
            })
            .collect();
        let (f, t) = find("positions.tsv");
        let tab = Table::parse(
            f,
            t,
            &["id", "name_en", "forms_zh", "forms_en", "kind", "scope"],
        )?;
        let positions = tab
            .rows
            .iter()
            .map(|(_, r)| Position {
                id: tab.get(r, "id").to_owned(),
                name_en: tab.get(r, "name_en").to_owned(),
                forms_zh: tab.list(r, "forms_zh"),
                forms_en: tab.list(r, "forms_en"),
                kind: tab.get(r, "kind").to_owned(),
                scope: tab.get(r, "scope").to_owned(),
            })
            .collect();
        let (f, t) = find("initiatives.tsv");
        let tab = Table::parse(
            f,
            t,
            &[
                "id",
                "name_en",
                "name_zh",
                "aliases_zh",
                "aliases_en",
                "kind",
                "framework",
            ],
        )?;
        let initiatives = tab
            .rows
            .iter()
            .map(|(_, r)| Initiative {
                id: tab.get(r, "id").to_owned(),
                name_en: tab.get(r, "name_en").to_owned(),
                name_zh: tab.get(r, "name_zh").to_owned(),
                aliases_zh: tab.list(r, "aliases_zh"),
                aliases_en: tab.list(r, "aliases_en"),
                kind: tab.get(r, "kind").to_owned(),
                framework: tab.opt(r, "framework"),
            })
            .collect();
        let people = named_rows(find("people.tsv"))?;
        let places = named_rows(find("places.tsv"))?;
        let mut place_forms = HashMap::new();
        for (i, p) in places.iter().enumerate() {
            for f in std::iter::once(&p.name_zh)
                .chain(&p.aliases_zh)
                .chain(std::iter::once(&p.name_en))
                .chain(&p.aliases_en)
            {
                if !f.is_empty() {
                    place_forms.entry(f.clone()).or_insert(i);
                }
            }
        }
        let (f, t) = find("event-types.tsv");
        let tab = Table::parse(
            f,
            t,
            &[
                "id",
                "name_en",
                "name_zh",
                "triggers_zh",
                "triggers_en",
                "kind",
            ],
        )?;
        let event_types = tab
            .rows
            .iter()
            .map(|(_, r)| EventType {
                id: tab.get(r, "id").to_owned(),
                name_en: tab.get(r, "name_en").to_owned(),
                name_zh: tab.get(r, "name_zh").to_owned(),
                triggers_zh: tab.list(r, "triggers_zh"),
                triggers_en: tab.list(r, "triggers_en"),
                kind: tab.get(r, "kind").to_owned(),
            })
            .collect();
        let (f, t) = find("cues.tsv");
        let tab = Table::parse(f, t, &["id", "forms_zh", "forms_en"])?;
        let mut cues = HashMap::new();
        let mut cues_en = HashMap::new();
        for (_, r) in &tab.rows {
            let mut forms = tab.list(r, "forms_zh");
            forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
            cues.insert(tab.get(r, "id").to_owned(), forms);
            let mut forms = tab.list(r, "forms_en");
            forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
            cues_en.insert(tab.get(r, "id").to_owned(), forms);
        }
        let (f, t) = find("units.tsv");
        let tab = Table::parse(f, t, &["form", "unit", "kind"])?;
        let mut units: Vec<(String, String, String)> = tab
            .rows
            .iter()
            .map(|(_, r)| {
                (
                    tab.get(r, "form").to_owned(),
                    tab.get(r, "unit").to_owned(),
                    tab.get(r, "kind").to_owned(),
                )
            })
            .filter(|(f, _, _)| !f.is_empty())
            .collect();
        units.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut cue_matchers = HashMap::new();
        for (id, forms) in &cues {
            let ac = AhoCorasick::new(forms).map_err(|e| LexiconError {
                file: "cues.tsv",
                line: 0,
                message: e.to_string(),
            })?;
            cue_matchers.insert(id.clone(), ac);
        }
        let mut owners: std::collections::BTreeMap<&str, Vec<(usize, usize)>> =
            std::collections::BTreeMap::new();
        for (n, cue) in Cue::ALL.iter().enumerate() {
            for (k, form) in cues.get(cue.id()).into_iter().flatten().enumerate() {
                if !form.is_empty() {
                    owners.entry(form.as_str()).or_default().push((n, k));
                }
            }
        }
        let cue_all = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(owners.keys())
            .map_err(|e| LexiconError {
                file: "cues.tsv",
                line: 0,
                message: e.to_string(),
            })?;
        let cue_all_owners: Vec<Vec<(usize, usize)>> = owners.into_values().collect();
        let org_pairs: Vec<(String, usize)> = organizations
            .iter()
            .enumerate()
            .flat_map(|(i, o): (usize, &Organization)| {
                std::iter::once(o.name_zh.clone())
                    .chain(o.aliases_zh.iter().cloned())
                    .map(move |f| (f, i))
            })
            .filter(|(f, _)| !f.is_empty())
            .collect();
        let org_forms = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(org_pairs.iter().map(|(f, _)| f))
            .map_err(|e| LexiconError {
                file: "organizations.tsv",
                line: 0,
                message: e.to_string(),
            })?;
        let org_form_ids = org_pairs.iter().map(|(_, i)| *i).collect();
        let mut lex = Self {
            countries,
            organizations,
            positions,
            initiatives,
            people,
            event_types,
            places,
            place_forms,
            cues,
            cue_matchers,
            cue_all,
            cue_all_owners,
            org_forms,
            org_form_ids,
            cues_en,
            matcher: AhoCorasick::new(Vec::<String>::new()).map_err(|e| LexiconError {
                file: "*",
                line: 0,
                message: e.to_string(),
            })?,
            entries: Vec::new(),
            matcher_en: AhoCorasick::new(Vec::<String>::new()).map_err(|e| LexiconError {
                file: "*",
                line: 0,
                message: e.to_string(),
            })?,
            entries_en: Vec::new(),
            short_forms: HashMap::new(),
            units,
        };
        lex.build_matcher()?;
        lex.build_matcher_en()?;
        Ok(lex)
    }

    /// The place a text names exactly (`北京`, `Beijing`), if it is in `places.tsv`.
    #[must_use]
    pub fn place(&self, text: &str) -> Option<&Place> {
        self.place_forms.get(text.trim()).map(|&i| &self.places[i])
    }

    fn build_matcher(&mut self) -> Result<(), LexiconError> {
        let mut forms: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut add = |form: &str, e: Entry| {
            let form = form.trim();
            if form.chars().count() >= 2
                || form.chars().any(crate::text::is_han) && form.chars().count() >= 2
            {
                let v = forms.entry(form.to_owned()).or_default();
                if !v.contains(&e) {
                    v.push(e);
                }
            }
        };
        for (i, c) in self.countries.iter().enumerate() {
            add(&c.name_zh, Entry::Country(i));
            c.aliases_zh.iter().for_each(|a| add(a, Entry::Country(i)));
            for s in &c.short_zh {
                let mut chars = s.chars();
                if let (Some(ch), None) = (chars.next(), chars.next()) {
                    self.short_forms.insert(ch, i);
                }
            }
        }
        for (i, o) in self.organizations.iter().enumerate() {
            add(&o.name_zh, Entry::Org(i));
            o.aliases_zh.iter().for_each(|a| add(a, Entry::Org(i)));
        }
        for (i, p) in self.positions.iter().enumerate() {
            p.forms_zh.iter().for_each(|a| add(a, Entry::Position(i)));
        }
        for (i, x) in self.initiatives.iter().enumerate() {
            add(&x.name_zh, Entry::Initiative(i));
            x.aliases_zh
                .iter()
                .for_each(|a| add(a, Entry::Initiative(i)));
        }
        for (i, p) in self.people.iter().enumerate() {
            add(&p.name_zh, Entry::Person(i));
            p.aliases_zh.iter().for_each(|a| add(a, Entry::Person(i)));
        }
        for (i, e) in self.event_types.iter().enumerate() {
            e.triggers_zh
                .iter()
                .for_each(|a| add(a, Entry::EventType(i)));
        }
        (self.matcher, self.entries) = automaton(forms)?;
        Ok(())
    }

    fn build_matcher_en(&mut self) -> Result<(), LexiconError> {
        let mut forms: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut add = |form: &str, e: Entry| {
            let form = form.trim();
            if form.len() >= 2 {
                let v = forms.entry(form.to_owned()).or_default();
                if !v.contains(&e) {
                    v.push(e);
                }
            }
        };
        // Titles and event words also appear in lower case (the foreign minister).
        let cased = |f: &str| -> Vec<String> {
            let lower = f.to_lowercase();
            let title: String = lower
                .split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
                })
                .collect::<Vec<_>>()
                .join(" ");
            vec![f.to_owned(), lower, title]
        };
        for (i, c) in self.countries.iter().enumerate() {
            add(&c.name_en, Entry::Country(i));
            c.aliases_en
                .iter()
                .chain(&c.adjectives_en)
                .for_each(|a| add(a, Entry::Country(i)));
        }
        for (i, o) in self.organizations.iter().enumerate() {
            add(&o.name_en, Entry::Org(i));
            o.aliases_en
                .iter()
                .chain(&o.abbr)
                .for_each(|a| add(a, Entry::Org(i)));
        }
        for (i, p) in self.positions.iter().enumerate() {
            for f in &p.forms_en {
                cased(f).iter().for_each(|x| add(x, Entry::Position(i)));
            }
        }
        for (i, x) in self.initiatives.iter().enumerate() {
            add(&x.name_en, Entry::Initiative(i));
            x.aliases_en
                .iter()
                .for_each(|a| add(a, Entry::Initiative(i)));
        }
        for (i, p) in self.people.iter().enumerate() {
            add(&p.name_en, Entry::Person(i));
            p.aliases_en.iter().for_each(|a| add(a, Entry::Person(i)));
        }
        for (i, e) in self.event_types.iter().enumerate() {
            for f in &e.triggers_en {
                cased(f).iter().for_each(|x| add(x, Entry::EventType(i)));
            }
        }
        (self.matcher_en, self.entries_en) = automaton(forms)?;
        Ok(())
    }

    /// Every English lexicon form found in `text` at word boundaries, leftmost-longest.
    #[must_use]
    pub fn find_en(&self, text: &str) -> Vec<Hit<'_>> {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        self.matcher_en
            .find_iter(text)
            .filter(|m| {
                !word(text[..m.start()].chars().next_back())
                    && !word(text[m.end()..].chars().next())
            })
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                entries: self
                    .entries_en
                    .get(m.pattern().as_usize())
                    .map_or(&[][..], Vec::as_slice),
            })
            .collect()
    }

    /// Every lexicon form found in `text`, leftmost-longest, non-overlapping.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<Hit<'_>> {
        self.matcher
            .find_iter(text)
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                entries: self
                    .entries
                    .get(m.pattern().as_usize())
                    .map_or(&[][..], Vec::as_slice),
            })
            .collect()
    }

    /// The forms of a cue (longest first); empty when the cue id is unknown.
    #[must_use]
    pub fn cue(&self, id: &str) -> &[String] {
        self.cues.get(id).map_or(&[], Vec::as_slice)
    }

    /// The organization whose name or alias `text` starts with, longest first:
    /// (index into `organizations`, length in bytes).
    #[must_use]
    pub fn org_prefix(&self, text: &str) -> Option<(usize, usize)> {
        let input = aho_corasick::Input::new(text).anchored(aho_corasick::Anchored::Yes);
        let m = self.org_forms.find(input)?;
        Some((*self.org_form_ids.get(m.pattern().as_usize())?, m.end()))
    }

    /// Whether `text` contains any form of cue `id`.
    #[must_use]
    pub fn cue_occurs(&self, id: &str, text: &str) -> bool {
        self.cue_matchers
            .get(id)
            .is_some_and(|ac| ac.is_match(text))
    }

    /// Every occurrence of every cue form in `text`, found in one pass: the rules then
    /// ask about any range of the text without searching it again.
    #[must_use]
    pub fn cue_index(&self, text: &str) -> CueIndex {
        let mut by_cue: Vec<Vec<CueHit>> = vec![Vec::new(); Cue::ALL.len()];
        for m in self.cue_all.find_overlapping_iter(text) {
            for &(n, form) in self
                .cue_all_owners
                .get(m.pattern().as_usize())
                .map_or(&[][..], Vec::as_slice)
            {
                if let Some(v) = by_cue.get_mut(n) {
                    v.push(CueHit {
                        start: m.start(),
                        end: m.end(),
                        form,
                    });
                }
            }
        }
        for v in &mut by_cue {
            v.sort_unstable_by_key(|h| (h.start, h.end, h.form));
        }
        CueIndex { by_cue }
    }

    /// The English forms of a cue.
    #[must_use]
    pub fn cue_en(&self, id: &str) -> &[String] {
        self.cues_en.get(id).map_or(&[], Vec::as_slice)
    }

    /// The length in bytes of the longest form of cue `id` that `text` starts with.
    #[must_use]
    pub fn cue_prefix(&self, id: &str, text: &str) -> Option<usize> {
        self.cue(id)
            .iter()
            .find(|f| text.starts_with(f.as_str()))
            .map(String::len)
    }

    /// The length in bytes of the longest form of cue `id` that `text` ends with.
    #[must_use]
    pub fn cue_suffix(&self, id: &str, text: &str) -> Option<usize> {
        self.cue(id)
            .iter()
            .find(|f| text.ends_with(f.as_str()))
            .map(String::len)
    }

    /// The unit a currency or measure word at the start of `text` names: (length, unit).
    #[must_use]
    pub fn unit_prefix(&self, text: &str) -> Option<(usize, &str)> {
        self.units
            .iter()
            .find(|(f, _, k)| k != "noun" && text.starts_with(f.as_str()))
            .map(|(f, u, _)| (f.len(), u.as_str()))
    }

    /// The unit of a noun that `text` ends with (伙伴关系成员国 → countries): (length, unit).
    #[must_use]
    pub fn unit_noun_suffix(&self, text: &str) -> Option<(usize, &str)> {
        self.units
            .iter()
            .find(|(f, _, k)| k == "noun" && text.ends_with(f.as_str()))
            .map(|(f, u, _)| (f.len(), u.as_str()))
    }

    /// The entity a country, organization or initiative entry names.
    #[must_use]
    pub fn entity_of(&self, e: Entry) -> Option<crate::model::EntityKey> {
        use crate::model::EntityKey;
        match e {
            Entry::Country(i) => self.countries.get(i).map(|c| EntityKey::Country {
                code: c.iso2.clone(),
            }),
            Entry::Org(i) => self.organizations.get(i).map(|o| EntityKey::Organization {
                id: o.id.clone(),
                registry: true,
            }),
            Entry::Initiative(i) => self.initiatives.get(i).map(|x| EntityKey::Initiative {
                id: x.id.clone(),
                registry: true,
            }),
            _ => None,
        }
    }

    /// The country a conventional one-character abbreviation stands for (中 → CN).
    #[must_use]
    pub fn short_form(&self, c: char) -> Option<usize> {
        self.short_forms.get(&c).copied()
    }

    #[must_use]
    pub fn country_by_code(&self, iso2: &str) -> Option<usize> {
        self.countries.iter().position(|c| c.iso2 == iso2)
    }

    #[must_use]
    pub fn position_by_id(&self, id: &str) -> Option<usize> {
        self.positions.iter().position(|p| p.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_loads_and_matches() {
        let lex = match Lexicon::embedded() {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        };
        assert!(
            lex.countries.len() > 200,
            "countries: {}",
            lex.countries.len()
        );
        let hits = lex.find("哥伦比亚总统");
        assert_eq!(hits.len(), 2);
        assert!(matches!(hits[0].entries[0], Entry::Country(_)));
        assert!(matches!(hits[1].entries[0], Entry::Position(_)));
        assert_eq!(
            lex.short_form('中').map(|i| lex.countries[i].iso2.as_str()),
            Some("CN")
        );
        assert!(lex.cue_prefix("chair", "主持会议").is_some());
    }

    /// The index answers as searching the text form by form does, on every indexed cue
    /// and every range of a text that holds overlapping and repeated cue forms.
    #[test]
    fn cue_index_agrees_with_searching_each_form() {
        let lex = match Lexicon::embedded() {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        };
        for (n, cue) in Cue::ALL.iter().enumerate() {
            assert_eq!(*cue as usize, n, "Cue::ALL out of order");
            assert!(
                !lex.cue(cue.id()).is_empty(),
                "indexed cue {cue:?} has no forms"
            );
        }
        let text = "此次会议由张明主持召开，共同主持的还有李华。上述倡议和计划由各方提出，\
                    与会各国将于明年以视频方式举行，主题为“合作”。王刚宣读了书面致辞。";
        let index = lex.cue_index(text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .collect();
        for cue in Cue::ALL {
            let id = cue.id();
            for (a, &lo) in bounds.iter().enumerate() {
                for &hi in bounds.iter().skip(a).step_by(3) {
                    let s = &text[lo..hi];
                    let mut naive = Vec::new();
                    for (k, f) in lex.cue(id).iter().enumerate() {
                        for (i, _) in s.match_indices(f.as_str()) {
                            naive.push((lo + i, lo + i + f.len(), k));
                        }
                    }
                    let got: Vec<(usize, usize, usize)> = index
                        .matches(cue, (lo, hi))
                        .iter()
                        .map(|h| (h.start, h.end, h.form))
                        .collect();
                    assert_eq!(got, naive, "{id} in {s:?}");
                    assert_eq!(
                        index.occurs(cue, (lo, hi)),
                        lex.cue_occurs(id, s),
                        "{id} in {s:?}"
                    );
                    assert_eq!(
                        index.first(cue, (lo, hi)).map(|h| (h.start, h.form)),
                        lex.cue(id)
                            .iter()
                            .enumerate()
                            .find_map(|(k, f)| s.find(f.as_str()).map(|i| (lo + i, k))),
                        "{id} in {s:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn rows_with_wrong_cell_count_are_reported() {
        let err = Table::parse("x.tsv", "a\tb\n1\n", &["a"])
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("ontology/lexicon/x.tsv: line 2: 1 cells, header has 2")
        );
    }
}
