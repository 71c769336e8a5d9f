//! The record as tables: one row per thing, ids as keys, dates as written (EDTF) with their
//! first and last possible day beside them, the statuses computed for the as-of date.

mod rows;
mod specs;

use treatywatch_loader::Index;
use treatywatch_model::{Date, Status};

use crate::report::Report;
pub use specs::SPECS;

/// A column: its name, Table Schema type, whether every row has a value, its allowed values
/// and what it holds.
pub struct Field {
    pub name: &'static str,
    /// `string`, `date` or `integer` (Frictionless Table Schema types).
    pub kind: &'static str,
    pub required: bool,
    pub values: &'static [&'static str],
    /// Whether `uncertain` is allowed besides `values` (a status the dates do not decide).
    pub uncertain: bool,
    pub description: &'static str,
}

impl Field {
    /// Every value the column may hold, when it is one of a list.
    pub fn allowed(&self) -> Vec<&'static str> {
        let mut values = self.values.to_vec();
        if self.uncertain {
            values.push(UNCERTAIN);
        }
        values
    }
}

/// A status the record's dates do not decide (a date known only to the month or year).
const UNCERTAIN: &str = Status::<()>::UNCERTAIN;

const fn field(name: &'static str, kind: &'static str, description: &'static str) -> Field {
    Field {
        name,
        kind,
        required: false,
        values: &[],
        uncertain: false,
        description,
    }
}

const fn required(name: &'static str, kind: &'static str, description: &'static str) -> Field {
    Field {
        name,
        kind,
        required: true,
        values: &[],
        uncertain: false,
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
        uncertain: false,
        description,
    }
}

/// A status column: one of the status's names, or `uncertain`.
const fn status_of(
    name: &'static str,
    values: &'static [&'static str],
    description: &'static str,
) -> Field {
    Field {
        uncertain: true,
        ..one_of(name, values, description)
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

/// Every table of the record as of the report's date, in the order the descriptor lists them.
pub fn tables(ctx: &Index<'_>, report: &Report) -> Vec<Table> {
    let as_of = report.as_of;
    vec![
        rows::treaties(ctx, report, as_of),
        rows::parties(ctx, report, as_of),
        rows::actions(ctx, report),
        rows::actors(ctx),
        rows::claims(ctx, as_of),
        rows::assessments(ctx, as_of),
        rows::findings(report),
        rows::evidence(report),
        rows::sources(ctx),
    ]
}
