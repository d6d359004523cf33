//! The typed annotation of one document: what the annotator found, with character
//! spans, and what the RDF mapper turns into triples. Serialised as the JSON of
//! `diplograph annotate --format json` (shape documented in docs/annotation-json.md).
//!
//! Entities are referred to by [`EntityKey`]s, never by IRIs: only the RDF mapper
//! knows IRIs.

use serde::Serialize;

use crate::date::Date;
use crate::read::Lang;

/// A character span of the document body: Unicode scalar offsets, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// How an entity is identified, independent of IRIs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum EntityKey {
    /// ISO 3166-1 alpha-2.
    Country {
        code: String,
    },
    /// A registry organization id, or a normalised name for one found by pattern.
    Organization {
        id: String,
        registry: bool,
    },
    /// A registry person id, or a normalised name plus affiliation.
    Person {
        id: String,
        registry: bool,
        affiliation: Option<String>,
    },
    Initiative {
        id: String,
        registry: bool,
    },
    /// A `places.tsv` id (`registry`), or the name as written.
    Place {
        name: String,
        registry: bool,
    },
}

impl EntityKey {
    /// A short stable string for the key, used in JSON cross-references and tables.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Self::Country { code } => format!("country:{code}"),
            Self::Organization { id, .. } => format!("org:{id}"),
            Self::Person {
                id,
                affiliation: Some(a),
                registry: false,
            } => format!("person:{a}/{id}"),
            Self::Person { id, .. } => format!("person:{id}"),
            Self::Initiative { id, .. } => format!("initiative:{id}"),
            Self::Place { name, .. } => format!("place:{name}"),
        }
    }
}

/// What kind of thing a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionKind {
    Person,
    Country,
    Organization,
    Initiative,
    Title,
    EventTrigger,
    Date,
    Place,
    Quantity,
}

/// A span of text that names something.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub kind: MentionKind,
    pub span: Span,
    pub text: String,
    /// The entity the mention resolves to, when it resolves to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityKey>,
    /// For titles: the position concept id; for event triggers: the event type id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concept: Option<String>,
}

/// A title as written before (or after) a person's name, resolved to a position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Title {
    /// As written, without the country or organization prefix.
    pub text: String,
    pub span: Span,
    /// Position concept id from positions.tsv, when known.
    pub position: Option<String>,
    /// The country or organization the post is in, when written.
    pub of: Option<EntityKey>,
}

/// A resolved entity with its names and the spans that mention it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub key: EntityKey,
    /// The name as first written in the document.
    pub name: String,
    /// English name, when the registry knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// For people: the titles held as of the document's date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<Title>,
    /// For people: the country or organization they represent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub represents: Option<EntityKey>,
    pub mentions: Vec<Span>,
}

/// Whether a reported event happened, is announced or is only referred to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventStatus {
    Happened,
    Announced,
    Referenced,
}

impl EventStatus {
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Happened => "happened",
            Self::Announced => "announced",
            Self::Referenced => "referenced",
        }
    }
}

/// How the event was attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    Online,
    InPerson,
    Phone,
}

/// A count the text gives without the list (共有29个国家...与会).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub value: u64,
    pub text: String,
    pub span: Span,
}

/// An event reported in the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Index-based id within the document (`e1`, `e2`...).
    pub id: String,
    /// Event type concept id (event-types.tsv).
    pub event_type: String,
    pub status: EventStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<EntityKey>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Number of countries attending, when the text counts them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attending_countries: Option<Count>,
    /// A sub-event of another event of this document (the reading of a message).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// The words that name the event.
    pub trigger: Span,
    /// The sentence that reports it.
    pub evidence: Span,
}

/// A participation role (concept id under concept/role/).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Chair,
    CoChair,
    Host,
    Attendee,
    Speaker,
    MessageReader,
}

impl Role {
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Chair => "chair",
            Self::CoChair => "co-chair",
            Self::Host => "host",
            Self::Attendee => "attendee",
            Self::Speaker => "speaker",
            Self::MessageReader => "message-reader",
        }
    }

    /// Chairs (and co-chairs) are written with the `chair` shortcut property.
    #[must_use]
    pub fn is_chair(self) -> bool {
        matches!(self, Self::Chair | Self::CoChair)
    }
}

/// "X took part in event E as role R, representing C, holding titles T."
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Participation {
    pub event: String,
    pub participant: EntityKey,
    pub roles: Vec<Role>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub representing: Option<EntityKey>,
    /// Titles as written in the sentence that places the participant at the event.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<Title>,
    pub evidence: Span,
}

/// A message sent by one person and read out by another at an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    pub id: String,
    pub event: String,
    /// The sub-event of reading it.
    pub reading: String,
    pub sender: EntityKey,
    pub reader: EntityKey,
    /// What the text calls it (书面致辞, 贺信...).
    pub kind_text: String,
    pub evidence: Span,
}

/// A statement: someone said something at (or about) an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub id: String,
    pub speaker: EntityKey,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    pub text: String,
    pub evidence: Span,
}

/// One of a numbered list of proposals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    pub id: String,
    pub position: u32,
    /// Number of proposals announced (四点建议 → 4).
    pub of: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<EntityKey>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<EntityKey>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    pub text: String,
    pub evidence: Span,
}

/// How an initiative relates to an agent or event, as the text says.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "relation", rename_all = "kebab-case")]
pub enum InitiativeRelation {
    /// Launched or adopted at an event, by a number of co-initiators when given.
    LaunchedAt {
        event: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        co_initiators: Option<Count>,
    },
    ProposedBy {
        agent: EntityKey,
    },
    JoinedBy {
        agent: EntityKey,
    },
}

/// A fact about an initiative with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InitiativeFact {
    pub initiative: EntityKey,
    #[serde(flatten)]
    pub relation: InitiativeRelation,
    pub evidence: Span,
}

/// A number in the text with its normalised value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    pub id: String,
    /// As written, with its unit and comparator.
    pub text: String,
    pub value: f64,
    /// ISO 4217 code for money; otherwise a unit word (countries, proposals, years, percent...).
    pub unit: String,
    /// greater-than, about, less-than, at-least.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparator: Option<String>,
    pub span: Span,
    /// The sentence it comes from.
    pub evidence: Span,
}

/// Something the annotator noticed but could not use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub span: Span,
    pub message: String,
}

/// Document metadata carried into the annotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocInfo {
    pub key: String,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    pub lang: Lang,
    pub sha256: String,
    /// Length of the body in Unicode scalar values.
    pub chars: usize,
}

/// Everything found in one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annotation {
    /// Version of the annotation JSON shape.
    pub format: u32,
    pub annotator: String,
    pub document: DocInfo,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub participations: Vec<Participation>,
    pub messages: Vec<Message>,
    pub statements: Vec<Statement>,
    pub proposals: Vec<Proposal>,
    pub initiatives: Vec<InitiativeFact>,
    pub quantities: Vec<Quantity>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Version of the JSON shape above.
pub const FORMAT_VERSION: u32 = 1;

impl Annotation {
    /// Checks the annotation against the body it was made from: every span lies inside
    /// it, and every item that carries both a span and its text has that text at that
    /// span. The property tests and the fuzz targets hold every annotation to this.
    ///
    /// # Errors
    /// The first span that breaks the rule, described.
    pub fn check_spans(&self, body: &str) -> Result<(), String> {
        fn walk(v: &serde_json::Value, body: &[char]) -> Result<(), String> {
            match v {
                serde_json::Value::Object(m) => {
                    if let (Some(s), Some(e)) = (
                        m.get("start").and_then(serde_json::Value::as_u64),
                        m.get("end").and_then(serde_json::Value::as_u64),
                    ) {
                        let (s, e) = (s as usize, e as usize);
                        if s > e || e > body.len() {
                            return Err(format!(
                                "span {s}..{e} outside a body of {} characters",
                                body.len()
                            ));
                        }
                    }
                    if let (Some(span), Some(text)) =
                        (m.get("span"), m.get("text").and_then(|t| t.as_str()))
                    {
                        let s = span["start"].as_u64().unwrap_or(0) as usize;
                        let e = span["end"].as_u64().unwrap_or(0) as usize;
                        let at: String = body.get(s..e).unwrap_or(&[]).iter().collect();
                        if at != text {
                            return Err(format!(
                                "span {s}..{e} reads {at:?}, the annotation says {text:?}"
                            ));
                        }
                    }
                    m.values().try_for_each(|x| walk(x, body))
                }
                serde_json::Value::Array(a) => a.iter().try_for_each(|x| walk(x, body)),
                _ => Ok(()),
            }
        }
        let chars: Vec<char> = body.chars().collect();
        if self.document.chars != chars.len() {
            return Err(format!(
                "the document says {} characters, the body has {}",
                self.document.chars,
                chars.len()
            ));
        }
        let v = serde_json::to_value(self).map_err(|e| e.to_string())?;
        walk(&v, &chars)
    }
}
