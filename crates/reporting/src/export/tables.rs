//! The record as tables: one row per thing, ids as keys, dates as written (EDTF) with their
//! first and last possible day beside them, the statuses computed for the as-of date.

use treatywatch_loader::Index;
use treatywatch_model::{Date, Period, Status};

use crate::report::Report;

/// A column: its name, Table Schema type, whether every row has a value, its allowed values
/// and what it holds.
pub struct Field {
    pub name: &'static str,
    /// `string`, `date` or `integer` (Frictionless Table Schema types).
    pub kind: &'static str,
    pub required: bool,
    pub values: &'static [&'static str],
    pub description: &'static str,
}

const fn field(name: &'static str, kind: &'static str, description: &'static str) -> Field {
    Field {
        name,
        kind,
        required: false,
        values: &[],
        description,
    }
}

const fn required(name: &'static str, kind: &'static str, description: &'static str) -> Field {
    Field {
        name,
        kind,
        required: true,
        values: &[],
        description,
    }
}

const fn one_of(
    name: &'static str,
    values: &'static [&'static str],
    description: &'static str,
) -> Field {
    Field {
        name,
        kind: "string",
        required: true,
        values,
        description,
    }
}

/// A reference from some columns of a table to the key of another.
pub struct ForeignKey {
    pub fields: &'static [&'static str],
    pub table: &'static str,
    pub key: &'static [&'static str],
}

/// What a table is: its file, what it holds, its columns, key and references.
pub struct Spec {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub fields: &'static [Field],
    pub primary_key: &'static [&'static str],
    pub foreign_keys: &'static [ForeignKey],
}

impl Spec {
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }
}

/// A table: what it is, and its rows.
pub struct Table {
    pub spec: &'static Spec,
    pub rows: Vec<Vec<String>>,
}

/// A date's three columns: as written, its first possible day, its last.
fn date3(date: Option<&Date>) -> [String; 3] {
    match date {
        None => Default::default(),
        Some(d) => [d.to_string(), day(d.first_day()), day(d.last_day())],
    }
}

fn day(n: treatywatch_model::DayNumber) -> String {
    Date::from_day_number(n).map_or_else(String::new, |d| d.to_string())
}

fn opt(value: Option<impl ToString>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

/// Several values in one cell, in order.
fn list<T: ToString>(values: impl IntoIterator<Item = T>) -> String {
    values
        .into_iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

fn status_name<T: Copy>(status: &Status<T>, name: impl Fn(T) -> &'static str) -> String {
    match status {
        Status::Certain(s) => name(*s).to_string(),
        Status::Uncertain(_) => "uncertain".to_string(),
    }
}

const DATE_DOC: &str = "as written in the record (EDTF: a day, a month or a year)";

const TREATY_FIELDS: &[Field] = &[
    required("id", "string", "the treaty's id"),
    required("short_name", "string", "the name it is known by"),
    required("name", "string", "its full title"),
    one_of(
        "kind",
        &["bilateral", "multilateral"],
        "bilateral or multilateral",
    ),
    one_of(
        "status",
        &["not-open", "not-in-force", "in-force", "ended", "uncertain"],
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

const PARTY_FIELDS: &[Field] = &[
    required("treaty", "string", "the treaty's id"),
    required("actor", "string", "the party's actor id"),
    one_of(
        "status",
        &[
            "none",
            "signatory",
            "party",
            "withdrawing",
            "suspended",
            "withdrawn",
            "succeeded",
            "uncertain",
        ],
        "its status under the treaty on the as-of date",
    ),
    one_of(
        "bound",
        &["yes", "no", "uncertain"],
        "whether the treaty bound it on the as-of date: in force, and it a party (or withdrawing)",
    ),
    field(
        "last_action",
        "string",
        "its latest act on or before the as-of date",
    ),
    field("last_action_date", "string", DATE_DOC),
];

const ACTION_FIELDS: &[Field] = &[
    required("treaty", "string", "the treaty's id"),
    required("actor", "string", "the acting party's actor id"),
    required(
        "number",
        "integer",
        "the act's place among the party's acts, from 1, as recorded",
    ),
    one_of(
        "action",
        &[
            "signature",
            "ratification",
            "accession",
            "succession",
            "suspension",
            "resumption",
            "withdrawal-notice",
            "withdrawal",
            "ratification-revoked",
        ],
        "what the party did",
    ),
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

const ACTOR_FIELDS: &[Field] = &[
    required("id", "string", "the actor's id"),
    required("name", "string", "its name"),
    one_of("kind", &["state", "organization", "person"], "what it is"),
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

const CLAIM_FIELDS: &[Field] = &[
    required("id", "string", "the claim's id"),
    required("date", "string", DATE_DOC),
    required("date_first", "date", "first possible day"),
    required("date_last", "date", "last possible day"),
    required("claimant", "string", "who made it (actor id)"),
    field("on_behalf_of", "string", "for whom (actor id)"),
    one_of(
        "kind",
        &["violation", "compliance", "status", "withdrawal", "other"],
        "what kind of claim",
    ),
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

const ASSESSMENT_FIELDS: &[Field] = &[
    required("claim", "string", "the assessed claim's id"),
    one_of(
        "verdict",
        &[
            "accurate",
            "mostly-accurate",
            "misleading",
            "inaccurate",
            "disputed",
            "unverifiable",
        ],
        "the editorial verdict",
    ),
    field("date", "string", "when it was assessed (EDTF)"),
    required("note", "string", "why"),
    field(
        "sources",
        "string",
        "ids of the sources it rests on, \"; \"",
    ),
];

const FINDING_FIELDS: &[Field] = &[
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

const EVIDENCE_FIELDS: &[Field] = &[
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

const SOURCE_FIELDS: &[Field] = &[
    required("id", "string", "the source's id"),
    required("title", "string", "its title"),
    one_of(
        "kind",
        &[
            "transcript",
            "statement",
            "report",
            "news",
            "opinion",
            "treaty-text",
            "law",
            "academic",
            "other",
        ],
        "what it is",
    ),
    required("publisher", "string", "who published it"),
    field("authors", "string", "its authors, \"; \""),
    required("published", "string", DATE_DOC),
    required("published_first", "date", "first possible day"),
    required("published_last", "date", "last possible day"),
    required("url", "string", "where it is"),
    field("archived_url", "string", "an archived copy"),
];

const TO_TREATY: ForeignKey = ForeignKey {
    fields: &["treaty"],
    table: "treaties",
    key: &["id"],
};

const TREATIES_SPEC: Spec = Spec {
    name: "treaties",
    title: "Treaties",
    description: "Every treaty of the record, with its status on the as-of date.",
    fields: TREATY_FIELDS,
    primary_key: &["id"],
    foreign_keys: &[],
};

const PARTIES_SPEC: Spec = Spec {
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

const ACTIONS_SPEC: Spec = Spec {
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

const ACTORS_SPEC: Spec = Spec {
    name: "actors",
    title: "Actors",
    description: "States, organisations and persons.",
    fields: ACTOR_FIELDS,
    primary_key: &["id"],
    foreign_keys: &[],
};

const CLAIMS_SPEC: Spec = Spec {
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

const ASSESSMENTS_SPEC: Spec = Spec {
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

const FINDINGS_SPEC: Spec = Spec {
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

const FINDING_EVIDENCE_SPEC: Spec = Spec {
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

const SOURCES_SPEC: Spec = Spec {
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

/// Every table of the record as of the report's date, in the order the descriptor lists them.
pub fn tables(ctx: &Index<'_>, report: &Report, as_of: Date) -> Vec<Table> {
    vec![
        treaties(ctx, report, as_of),
        parties(ctx, report, as_of),
        actions(ctx, report),
        actors(ctx),
        claims(ctx, as_of),
        assessments(ctx, as_of),
        findings(report),
        evidence(report),
        sources(ctx),
    ]
}

/// The treaties in the briefing's order (by opening date).
fn ordered_treaties<'a>(ctx: &Index<'a>, report: &Report) -> Vec<&'a treatywatch_model::Treaty> {
    report
        .treaties
        .iter()
        .filter_map(|t| ctx.treaty(&t.id))
        .collect()
}

fn treaties(ctx: &Index<'_>, report: &Report, as_of: Date) -> Table {
    let rows = ordered_treaties(ctx, report)
        .into_iter()
        .map(|t| {
            let status = t.status_on(&as_of);
            let [opened, opened_first, opened_last] = date3(Some(&t.opened));
            let [eif, eif_first, eif_last] = date3(t.entry_into_force.as_ref());
            let [end, end_first, end_last] = date3(t.end.as_ref().map(|e| &e.date));
            vec![
                t.id.to_string(),
                t.short_name.clone(),
                t.name.clone(),
                t.kind.as_str().into(),
                status_name(&status, |s| s.as_str()),
                status.to_string(),
                opened,
                opened_first,
                opened_last,
                eif,
                eif_first,
                eif_last,
                end,
                end_first,
                end_last,
                opt(t.end.as_ref().map(|e| e.reason.as_str())),
                opt(t.term),
                opt(t.withdrawal_notice),
                opt(t.text_url.as_ref()),
            ]
        })
        .collect();
    Table {
        spec: &TREATIES_SPEC,
        rows,
    }
}

fn parties(ctx: &Index<'_>, report: &Report, as_of: Date) -> Table {
    let mut rows = Vec::new();
    for t in ordered_treaties(ctx, report) {
        for p in &t.parties {
            let actor = p.actor.as_str();
            let last = t.last_act_on(actor, &as_of);
            rows.push(vec![
                t.id.to_string(),
                actor.to_string(),
                status_name(&t.party_status_on(actor, &as_of), |s| s.as_str()),
                t.is_bound_on(actor, &as_of).as_str().into(),
                opt(last.map(|a| a.action.as_str())),
                opt(last.map(|a| a.date)),
            ]);
        }
    }
    Table {
        spec: &PARTIES_SPEC,
        rows,
    }
}

fn actions(ctx: &Index<'_>, report: &Report) -> Table {
    let mut rows = Vec::new();
    for t in ordered_treaties(ctx, report) {
        for p in &t.parties {
            for (i, a) in p.actions.iter().enumerate() {
                let [date, first, last] = date3(Some(&a.date));
                rows.push(vec![
                    t.id.to_string(),
                    p.actor.to_string(),
                    (i + 1).to_string(),
                    a.action.as_str().into(),
                    date,
                    first,
                    last,
                    opt(a.from.as_ref()),
                    opt(a.source.as_ref()),
                    opt(a.note.as_ref()),
                ]);
            }
        }
    }
    Table {
        spec: &ACTIONS_SPEC,
        rows,
    }
}

fn actors(ctx: &Index<'_>) -> Table {
    let mut actors: Vec<_> = ctx.actors().map(|(_, a)| a).collect();
    actors.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    let rows = actors
        .into_iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.name.clone(),
                a.kind.as_str().into(),
                list(&a.aliases),
                opt(a.iso3166.as_ref()),
                opt(a.wikidata.as_ref()),
                opt(a.existed),
                list(
                    a.roles
                        .iter()
                        .map(|r| format!("{}, {}, {}", r.title, r.of, r.period)),
                ),
                opt(a.note.as_ref()),
            ]
        })
        .collect();
    Table {
        spec: &ACTORS_SPEC,
        rows,
    }
}

fn claims(ctx: &Index<'_>, as_of: Date) -> Table {
    let rows = crate::report::claims_until(ctx, as_of)
        .into_iter()
        .map(|c| {
            let [date, first, last] = date3(Some(&c.date));
            vec![
                c.id.to_string(),
                date,
                first,
                last,
                c.claimant.to_string(),
                opt(c.on_behalf_of.as_ref()),
                c.kind.as_str().into(),
                opt(c.treaty.as_ref()),
                opt(c.accused.as_ref()),
                opt(c.period.as_ref().map(Period::to_string)),
                opt(c.asserted_status.map(|s| s.as_str())),
                opt(c.asserted_end),
                opt(c.party.as_ref()),
                opt(c.asserted_party_status.map(|s| s.as_str())),
                list(&c.asserted_non_parties),
                opt(c.quote.as_ref()),
                c.summary.clone(),
                list(c.sources.iter().map(|s| &s.source)),
                list(&c.responds_to),
            ]
        })
        .collect();
    Table {
        spec: &CLAIMS_SPEC,
        rows,
    }
}

fn assessments(ctx: &Index<'_>, as_of: Date) -> Table {
    let rows = crate::report::claims_until(ctx, as_of)
        .into_iter()
        .filter_map(|c| {
            let a = c.assessment.as_ref()?;
            Some(vec![
                c.id.to_string(),
                a.verdict.as_str().into(),
                opt(a.date),
                a.note.clone(),
                list(&a.sources),
            ])
        })
        .collect();
    Table {
        spec: &ASSESSMENTS_SPEC,
        rows,
    }
}

fn findings(report: &Report) -> Table {
    let rows = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            vec![
                (i + 1).to_string(),
                f.rule.as_str().to_string(),
                f.kind.clone(),
                opt(f.claim.as_ref()),
                opt(f.treaty.as_ref()),
                opt(f.claim_date.as_ref()),
                opt(f.claimant_id.as_ref()),
                opt(f.asserts.as_ref()),
                f.message.clone(),
            ]
        })
        .collect();
    Table {
        spec: &FINDINGS_SPEC,
        rows,
    }
}

fn evidence(report: &Report) -> Table {
    let source_id = |n: &usize| {
        report
            .sources
            .iter()
            .find(|s| s.number == *n)
            .map(|s| s.id.clone())
    };
    let mut rows = Vec::new();
    for (i, f) in report.findings.iter().enumerate() {
        for (j, e) in f.evidence.iter().enumerate() {
            rows.push(vec![
                (i + 1).to_string(),
                (j + 1).to_string(),
                opt(e.date.as_ref()),
                e.event.clone(),
                e.text.clone(),
                list(e.citations.iter().filter_map(source_id)),
            ]);
        }
    }
    Table {
        spec: &FINDING_EVIDENCE_SPEC,
        rows,
    }
}

fn sources(ctx: &Index<'_>) -> Table {
    let mut sources: Vec<_> = ctx.sources().map(|(_, s)| s).collect();
    sources.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    let rows = sources
        .into_iter()
        .map(|s| {
            let [published, first, last] = date3(Some(&s.published));
            vec![
                s.id.to_string(),
                s.title.clone(),
                s.kind.as_str().into(),
                s.publisher.clone(),
                list(&s.authors),
                published,
                first,
                last,
                s.url.clone(),
                opt(s.archived_url.as_ref()),
            ]
        })
        .collect();
    Table {
        spec: &SOURCES_SPEC,
        rows,
    }
}
