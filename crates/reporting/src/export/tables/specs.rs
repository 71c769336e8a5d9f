//! What each table is: its columns (the allowed values of a column that holds one of the
//! model's enums are that enum's names), key and references.

use strum::VariantNames as _;
use treatywatch_model::{
    ActionKind, ActorKind, ClaimKind, PartyStatus, SourceKind, TreatyKind, TreatyStatus, Truth,
    Verdict,
};

use super::{Field, ForeignKey, Spec, field, one_of, required, status_of};

const DATE_DOC: &str = "as written in the record (EDTF: a day, a month or a year)";

pub(super) const TREATY_FIELDS: &[Field] = &[
    required("id", "string", "the treaty's id"),
    required("short_name", "string", "the name it is known by"),
    required("name", "string", "its full title"),
    one_of("kind", TreatyKind::VARIANTS, "bilateral or multilateral"),
    status_of(
        "status",
        TreatyStatus::VARIANTS,
        "its status on the as-of date, computed from the record; uncertain where a date known only to the month or year does not decide it",
    ),
    required(
        "status_label",
        "string",
        "the status for reading, with the reason an ended treaty ended",
    ),
    required("opened", "string", DATE_DOC),
    required("opened_first", "date", "the first day `opened` may be"),
    required("opened_last", "date", "the last day `opened` may be"),
    field("entry_into_force", "string", DATE_DOC),
    field("entry_into_force_first", "date", "first possible day"),
    field("entry_into_force_last", "date", "last possible day"),
    field("end", "string", DATE_DOC),
    field("end_first", "date", "first possible day"),
    field("end_last", "date", "last possible day"),
    field(
        "end_reason",
        "string",
        "why it ended (expiry, withdrawal, superseded, termination)",
    ),
    field("term", "string", "its initial duration (ISO 8601)"),
    field(
        "withdrawal_notice",
        "string",
        "the notice a withdrawal needs (ISO 8601 duration)",
    ),
    field("text_url", "string", "where its text is"),
];

pub(super) const PARTY_FIELDS: &[Field] = &[
    required("treaty", "string", "the treaty's id"),
    required("actor", "string", "the party's actor id"),
    status_of(
        "status",
        PartyStatus::VARIANTS,
        "its status under the treaty on the as-of date",
    ),
    one_of(
        "bound",
        Truth::VARIANTS,
        "whether the treaty bound it on the as-of date: in force, and it a party (or withdrawing)",
    ),
    field(
        "last_action",
        "string",
        "its latest act on or before the as-of date",
    ),
    field("last_action_date", "string", DATE_DOC),
];

pub(super) const ACTION_FIELDS: &[Field] = &[
    required("treaty", "string", "the treaty's id"),
    required("actor", "string", "the acting party's actor id"),
    required(
        "number",
        "integer",
        "the act's place among the party's acts, from 1, as recorded",
    ),
    one_of("action", ActionKind::VARIANTS, "what the party did"),
    required("date", "string", DATE_DOC),
    required("date_first", "date", "first possible day"),
    required("date_last", "date", "last possible day"),
    field(
        "from",
        "string",
        "for a succession, the predecessor's actor id",
    ),
    field("source", "string", "the id of the source that records it"),
    field("note", "string", "the record's note"),
];

pub(super) const ACTOR_FIELDS: &[Field] = &[
    required("id", "string", "the actor's id"),
    required("name", "string", "its name"),
    one_of("kind", ActorKind::VARIANTS, "what it is"),
    field("aliases", "string", "other names, separated by \"; \""),
    field("iso3166", "string", "ISO 3166-1 alpha-3 code"),
    field("wikidata", "string", "Wikidata item"),
    field("existed", "string", "when it existed (EDTF period)"),
    field(
        "offices",
        "string",
        "a person's offices: title, of whom, period; separated by \"; \"",
    ),
    field("note", "string", "the record's note"),
];

pub(super) const CLAIM_FIELDS: &[Field] = &[
    required("id", "string", "the claim's id"),
    required("date", "string", DATE_DOC),
    required("date_first", "date", "first possible day"),
    required("date_last", "date", "last possible day"),
    required("claimant", "string", "who made it (actor id)"),
    field("on_behalf_of", "string", "for whom (actor id)"),
    one_of("kind", ClaimKind::VARIANTS, "what kind of claim"),
    field("treaty", "string", "the treaty it is about (id)"),
    field("accused", "string", "whose conduct it is about (actor id)"),
    field("period", "string", "the period it is about (EDTF)"),
    field("asserted_status", "string", "the treaty status it asserts"),
    field("asserted_end", "string", "the end date it asserts (EDTF)"),
    field(
        "party",
        "string",
        "the party whose standing it asserts (actor id)",
    ),
    field("asserted_party_status", "string", "the standing it asserts"),
    field(
        "asserted_non_parties",
        "string",
        "the non-parties it lists (actor ids, \"; \")",
    ),
    field("quote", "string", "the claimant's words, verbatim"),
    required("summary", "string", "what it says, in a sentence"),
    field(
        "sources",
        "string",
        "ids of the sources it is taken from, \"; \"",
    ),
    field(
        "responds_to",
        "string",
        "ids of the claims it answers, \"; \"",
    ),
];

pub(super) const ASSESSMENT_FIELDS: &[Field] = &[
    required("claim", "string", "the assessed claim's id"),
    one_of("verdict", Verdict::VARIANTS, "the editorial verdict"),
    field("date", "string", "when it was assessed (EDTF)"),
    required("note", "string", "why"),
    field(
        "sources",
        "string",
        "ids of the sources it rests on, \"; \"",
    ),
];

pub(super) const FINDING_FIELDS: &[Field] = &[
    required("number", "integer", "the finding's number in the briefing"),
    required("rule", "string", "the rule that found it"),
    required("kind", "string", "what kind of conflict, in words"),
    field("claim", "string", "the claim's id"),
    field("treaty", "string", "the treaty's id"),
    field("claim_date", "string", DATE_DOC),
    field("claimant", "string", "the claimant's actor id"),
    field("asserts", "string", "what the claim asserts, in words"),
    required("message", "string", "the conflict, in words"),
];

pub(super) const EVIDENCE_FIELDS: &[Field] = &[
    required("finding", "integer", "the finding's number"),
    required(
        "number",
        "integer",
        "the act's place in the finding's evidence, from 1",
    ),
    field("date", "string", DATE_DOC),
    required(
        "event",
        "string",
        "what happened: opened, entry-into-force, end, an act, none-recorded",
    ),
    required("text", "string", "the act in words"),
    field(
        "sources",
        "string",
        "ids of the sources that record it, \"; \"",
    ),
];

pub(super) const SOURCE_FIELDS: &[Field] = &[
    required("id", "string", "the source's id"),
    required("title", "string", "its title"),
    one_of("kind", SourceKind::VARIANTS, "what it is"),
    required("publisher", "string", "who published it"),
    field("authors", "string", "its authors, \"; \""),
    required("published", "string", DATE_DOC),
    required("published_first", "date", "first possible day"),
    required("published_last", "date", "last possible day"),
    required("url", "string", "where it is"),
    field("archived_url", "string", "an archived copy"),
];

pub(super) const TO_TREATY: ForeignKey = ForeignKey {
    fields: &["treaty"],
    table: "treaties",
    key: &["id"],
};

pub(super) const TREATIES_SPEC: Spec = Spec {
    name: "treaties",
    title: "Treaties",
    description: "Every treaty of the record, with its status on the as-of date.",
    fields: TREATY_FIELDS,
    primary_key: &["id"],
    foreign_keys: &[],
};

pub(super) const PARTIES_SPEC: Spec = Spec {
    name: "parties",
    title: "Parties",
    description: "Every recorded party of every treaty: its status on the as-of date and whether the treaty bound it then (yes, no or uncertain).",
    fields: PARTY_FIELDS,
    primary_key: &["treaty", "actor"],
    foreign_keys: &[
        TO_TREATY,
        ForeignKey {
            fields: &["actor"],
            table: "actors",
            key: &["id"],
        },
    ],
};

pub(super) const ACTIONS_SPEC: Spec = Spec {
    name: "actions",
    title: "Acts",
    description: "Every recorded act of every party — signature, ratification, accession, succession, suspension, resumption, notice, withdrawal, revocation — as recorded, including acts after the as-of date.",
    fields: ACTION_FIELDS,
    primary_key: &["treaty", "actor", "number"],
    foreign_keys: &[
        ForeignKey {
            fields: &["treaty", "actor"],
            table: "parties",
            key: &["treaty", "actor"],
        },
        ForeignKey {
            fields: &["from"],
            table: "actors",
            key: &["id"],
        },
        ForeignKey {
            fields: &["source"],
            table: "sources",
            key: &["id"],
        },
    ],
};

pub(super) const ACTORS_SPEC: Spec = Spec {
    name: "actors",
    title: "Actors",
    description: "States, organisations and persons.",
    fields: ACTOR_FIELDS,
    primary_key: &["id"],
    foreign_keys: &[],
};

pub(super) const CLAIMS_SPEC: Spec = Spec {
    name: "claims",
    title: "Claims",
    description: "Claims made on or before the as-of date: who, when, for whom, about which treaty and whose conduct, what they assert, in the claimant's words.",
    fields: CLAIM_FIELDS,
    primary_key: &["id"],
    foreign_keys: &[
        TO_TREATY,
        ForeignKey {
            fields: &["claimant"],
            table: "actors",
            key: &["id"],
        },
        ForeignKey {
            fields: &["on_behalf_of"],
            table: "actors",
            key: &["id"],
        },
        ForeignKey {
            fields: &["accused"],
            table: "actors",
            key: &["id"],
        },
        ForeignKey {
            fields: &["party"],
            table: "actors",
            key: &["id"],
        },
    ],
};

pub(super) const ASSESSMENTS_SPEC: Spec = Spec {
    name: "assessments",
    title: "Assessments",
    description: "The editorial verdicts on claims, with their reasons.",
    fields: ASSESSMENT_FIELDS,
    primary_key: &["claim"],
    foreign_keys: &[ForeignKey {
        fields: &["claim"],
        table: "claims",
        key: &["id"],
    }],
};

pub(super) const FINDINGS_SPEC: Spec = Spec {
    name: "findings",
    title: "Findings",
    description: "Claims that conflict with the record as of the as-of date, found by the rules (machine findings, not editorial verdicts); their evidence is in finding_evidence.",
    fields: FINDING_FIELDS,
    primary_key: &["number"],
    foreign_keys: &[
        ForeignKey {
            fields: &["claim"],
            table: "claims",
            key: &["id"],
        },
        TO_TREATY,
    ],
};

pub(super) const FINDING_EVIDENCE_SPEC: Spec = Spec {
    name: "finding_evidence",
    title: "Evidence of the findings",
    description: "The dated acts of the record that contradict each finding's claim, with their sources.",
    fields: EVIDENCE_FIELDS,
    primary_key: &["finding", "number"],
    foreign_keys: &[ForeignKey {
        fields: &["finding"],
        table: "findings",
        key: &["number"],
    }],
};

pub(super) const SOURCES_SPEC: Spec = Spec {
    name: "sources",
    title: "Sources",
    description: "The documents the record and the claims are taken from.",
    fields: SOURCE_FIELDS,
    primary_key: &["id"],
    foreign_keys: &[],
};

/// Every table's spec, in the order the descriptor lists them.
pub const SPECS: [&Spec; 9] = [
    &TREATIES_SPEC,
    &PARTIES_SPEC,
    &ACTIONS_SPEC,
    &ACTORS_SPEC,
    &CLAIMS_SPEC,
    &ASSESSMENTS_SPEC,
    &FINDINGS_SPEC,
    &FINDING_EVIDENCE_SPEC,
    &SOURCES_SPEC,
];
