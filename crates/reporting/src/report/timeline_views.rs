//! The timeline of a treaty as the templates read it: the chart's rows, spans and marks, its
//! axis, the events by year, and the summary of a treaty with many parties.

use serde::Serialize;

/// A treaty's whole timeline: every event in date order, the same grouped by year, and a chart
/// with a row for the treaty, one per party and one for the claims.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub start_year: u16,
    pub end_year: u16,
    /// Year marks on the chart's axis.
    pub ticks: Vec<TimelineTick>,
    pub rows: Vec<TimelineRow>,
    pub events: Vec<TimelineEvent>,
    pub years: Vec<YearGroup>,
    /// The chart in words: its alternative text.
    pub description: String,
    /// For a treaty with many parties: the count of parties over the years, and which
    /// parties the chart leaves out.
    pub scale: Option<TimelineScale>,
}

/// A treaty with many parties, summarised.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineScale {
    /// Parties and signatories at the end of each year.
    pub counts: Vec<YearCount>,
    /// The largest `parties + signatories` of any year (the bars' scale).
    pub max: usize,
    /// How many parties have no row on the chart.
    pub rows_left_out: usize,
    /// Which rows the chart has, in a sentence.
    pub rows_note: String,
    /// The bars in words: their alternative text.
    pub counts_description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearCount {
    pub year: u16,
    /// Parties: a ratification, accession or succession in effect.
    pub parties: usize,
    /// Signatories that had not (or no longer) joined.
    pub signatories: usize,
}

/// A year's routine acts of one kind: `signed (93): Afghanistan, Austria, …`.
#[derive(Debug, Clone, Serialize)]
pub struct ActGroup {
    /// `signed`, `ratified` or `acceded`.
    pub label: String,
    pub count: usize,
    /// The parties' names, in date order.
    pub names: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineTick {
    pub year: u16,
    /// Where on the axis, from 0 (1 January of `start_year`) to 1 (31 December of `end_year`).
    pub position: f64,
}

/// One row of the chart.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    /// The treaty's short name, a party's name, or `Claims`.
    pub label: String,
    /// The party's actor id.
    pub actor: Option<String>,
    /// `treaty`, `party` or `claims`.
    pub kind: String,
    /// Shaded stretches: for the treaty `not-in-force`, `in-force` or `uncertain`; for a party
    /// the days it was bound, `yes` or `uncertain`.
    pub spans: Vec<TimelineSpan>,
    pub marks: Vec<TimelineMark>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineSpan {
    pub start: f64,
    pub end: f64,
    pub state: String,
}

/// An event on a row, drawn over the days its date covers (one day, a month or a year).
#[derive(Debug, Clone, Serialize)]
pub struct TimelineMark {
    pub start: f64,
    pub end: f64,
    /// Where its symbol is drawn: the middle of its stretch, moved right just enough not to
    /// cover the symbol before it on its row.
    pub at: f64,
    /// How many claims the symbol stands for: claims too close to tell apart are drawn as one
    /// symbol with their number (1 for everything else).
    pub count: usize,
    /// `opened`, `entry-into-force`, `extension`, `end`, an act (`ratification`, …) or `claim`.
    pub kind: String,
    /// An act's letter (see the report's `act_letters`); empty for other events.
    pub letter: String,
    pub date: String,
    /// After the as-of date (only a scheduled expiry can be).
    pub scheduled: bool,
    /// A claim that conflicts with the record.
    pub finding: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelineEvent {
    pub date: String,
    /// The date within its year, for lists grouped by year: `1 Jul`, `Dec`, or empty.
    pub within_year: String,
    /// As a mark's kind.
    pub kind: String,
    /// The party that acted, or the claimant.
    pub actor: Option<String>,
    pub label: String,
    pub scheduled: bool,
    pub finding: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearGroup {
    pub year: u16,
    pub events: Vec<TimelineEvent>,
    /// For a treaty with many parties: the year's signatures, ratifications and accessions
    /// grouped by kind, and every other event in `others`; empty otherwise.
    pub grouped: Vec<ActGroup>,
    pub others: Vec<TimelineEvent>,
}
