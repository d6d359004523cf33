//! IRIs of the vocabularies diplograph writes, grouped per namespace. The RDF mapper
//! and the store use these constants; nothing else spells an IRI.

#![allow(missing_docs)]

macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        pub const NS: &str = $ns;
        $(pub const $name: oxigraph::model::NamedNodeRef<'static> =
            oxigraph::model::NamedNodeRef::new_unchecked(concat!($ns, $local));)*
    };
}

/// Base of everything diplograph mints.
pub const BASE: &str = "https://w3id.org/diplograph/";

/// The diplograph ontology.
pub mod dg {
    terms!("https://w3id.org/diplograph/ontology#";
        DIPLOMATIC_EVENT = "DiplomaticEvent", PARTICIPATION = "Participation", TENURE = "Tenure",
        INITIATIVE = "Initiative", STATEMENT = "Statement", PROPOSAL = "Proposal",
        QUANTITY_OBSERVATION = "QuantityObservation", SOURCE_DOCUMENT = "SourceDocument",
        ANNOTATION_RUN = "AnnotationRun", ASSERTION = "Assertion", COUNTRY = "Country", PLACE = "Place",
        EVENT = "event", PARTICIPANT = "participant", PARTICIPATION_ROLE = "participationRole",
        REPRESENTING = "representing", IN_CAPACITY_OF = "inCapacityOf", EVIDENCE = "evidence",
        CHAIR = "chair", STATUS = "status", THEME = "theme", ATTENDING_COUNTRY_COUNT = "attendingCountryCount",
        PROPOSAL_COUNT = "proposalCount", STATED_AT = "statedAt", ON_BEHALF_OF = "onBehalfOf",
        LAUNCHED_AT = "launchedAt", PROPOSED_BY = "proposedBy", JOINED_BY = "joinedBy",
        CO_INITIATOR_COUNT = "coInitiatorCount", COMPARATOR = "comparator", SURFACE_FORM = "surfaceForm",
        QUANTITY_VALUE = "quantityValue", ATTESTED_ON = "attestedOn", POST = "post", ISO2 = "iso2", ISO3 = "iso3",
        SHA256 = "sha256", ANNOTATOR = "annotator", REPORTED_IN = "reportedIn", SUBJECT = "subject",
        PREDICATE = "predicate", OBJECT = "object", READ_BY = "readBy", ORG_KIND = "organizationKind",
        PART_OF_FRAMEWORK = "partOfFramework", INITIATIVE_KIND = "initiativeKind", POSITION_KIND = "positionKind",
        STORE_FORMAT = "storeFormat", COUNT_TEXT = "countText", MENTION_KIND = "mentionKind",
        IDENTITY_BLOCK = "identityBlock", IDENTITY_KEY = "identityKey", IDENTITY_PERSON = "identityPerson",
        EVENT_MERGE = "EventMerge", PERSON_MERGE = "PersonMerge", MERGED_INTO = "mergedInto", MERGED_IRI = "mergedIri",
        SUPPORTING_DOCUMENT = "supportingDocument", MATCHED_ATTENDEE = "matchedAttendee",
        SHARED_ATTENDEE = "sharedAttendee", SIMILARITY = "similarity", AT_EVENT = "atEvent",
        PENDING_IDENTITY = "pendingIdentity", PARTY = "party",
        AS_CHAIR = "asChair", AS_CO_CHAIR = "asCoChair", AS_HOST = "asHost", AS_ATTENDEE = "asAttendee",
        AS_SPEAKER = "asSpeaker", AS_MESSAGE_READER = "asMessageReader", STATEMENT_BY = "statementBy",
        FOR_ROLE = "forRole",
    );
}

pub mod schema {
    terms!("https://schema.org/";
        EVENT = "Event", PERSON = "Person", ORGANIZATION = "Organization", COUNTRY = "Country", PLACE = "Place",
        MESSAGE = "Message", MONETARY_AMOUNT = "MonetaryAmount", QUANTITATIVE_VALUE = "QuantitativeValue",
        NEWS_ARTICLE = "NewsArticle", NAME = "name", START_DATE = "startDate", LOCATION = "location",
        EVENT_ATTENDANCE_MODE = "eventAttendanceMode", ONLINE = "OnlineEventAttendanceMode",
        OFFLINE = "OfflineEventAttendanceMode", ATTENDEE = "attendee", SUPER_EVENT = "superEvent",
        SUB_EVENT = "subEvent", PERFORMER = "performer", WORK_PERFORMED = "workPerformed", SENDER = "sender",
        AUTHOR = "author", TEXT = "text", POSITION = "position", ROLE_NAME = "roleName", URL = "url",
        HEADLINE = "headline", DATE_PUBLISHED = "datePublished", IN_LANGUAGE = "inLanguage", VALUE = "value",
        CURRENCY = "currency", UNIT_TEXT = "unitText", ALTERNATE_NAME = "alternateName", IDENTIFIER = "identifier",
        ORGANIZER = "organizer", ABOUT = "about", CONTAINED_IN_PLACE = "containedInPlace",
    );
}

pub mod org {
    terms!("http://www.w3.org/ns/org#";
        MEMBERSHIP = "Membership", POST = "Post", ROLE = "Role", FORMAL_ORGANIZATION = "FormalOrganization",
        MEMBER = "member", ORGANIZATION = "organization", ROLE_PROP = "role", POST_IN = "postIn",
        SUB_ORGANIZATION_OF = "subOrganizationOf", HOLDS = "holds",
    );
}

pub mod sem {
    terms!("http://semanticweb.cs.vu.nl/2009/11/sem/"; EVENT = "Event", EVENT_TYPE = "eventType", ROLE_TYPE = "roleType");
}

pub mod prov {
    terms!("http://www.w3.org/ns/prov#";
        ACTIVITY = "Activity", ENTITY = "Entity", SOFTWARE_AGENT = "SoftwareAgent", USED = "used", GENERATED = "generated",
        WAS_ASSOCIATED_WITH = "wasAssociatedWith", WAS_DERIVED_FROM = "wasDerivedFrom",
    );
}

pub mod nif {
    terms!("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
        CONTEXT = "Context", PHRASE = "Phrase", RFC5147_STRING = "RFC5147String", BEGIN_INDEX = "beginIndex",
        END_INDEX = "endIndex", ANCHOR_OF = "anchorOf", REFERENCE_CONTEXT = "referenceContext", IS_STRING = "isString",
        SOURCE_URL = "sourceUrl",
    );
}

pub mod itsrdf {
    terms!("http://www.w3.org/2005/11/its/rdf#"; TA_IDENT_REF = "taIdentRef", TA_CLASS_REF = "taClassRef");
}

pub mod skos {
    terms!("http://www.w3.org/2004/02/skos/core#";
        CONCEPT = "Concept", CONCEPT_SCHEME = "ConceptScheme", PREF_LABEL = "prefLabel", ALT_LABEL = "altLabel",
        IN_SCHEME = "inScheme", NOTATION = "notation", BROADER = "broader",
    );
}

pub mod rdf {
    terms!("http://www.w3.org/1999/02/22-rdf-syntax-ns#"; TYPE = "type", JSON = "JSON");
}

pub mod owl {
    terms!("http://www.w3.org/2002/07/owl#"; SAME_AS = "sameAs");
}

pub mod rdfs {
    terms!("http://www.w3.org/2000/01/rdf-schema#"; LABEL = "label", COMMENT = "comment");
}

pub mod xsd {
    terms!("http://www.w3.org/2001/XMLSchema#"; DATE = "date", INTEGER = "integer", DOUBLE = "double", DECIMAL = "decimal", NON_NEGATIVE_INTEGER = "nonNegativeInteger");
}

/// Prefixes used when serialising Turtle and TriG.
pub const PREFIXES: &[(&str, &str)] = &[
    ("dg", dg::NS),
    ("schema", schema::NS),
    ("org", org::NS),
    ("sem", sem::NS),
    ("prov", prov::NS),
    ("nif", nif::NS),
    ("itsrdf", itsrdf::NS),
    ("skos", skos::NS),
    ("rdf", rdf::NS),
    ("rdfs", rdfs::NS),
    ("owl", owl::NS),
    ("xsd", xsd::NS),
];
