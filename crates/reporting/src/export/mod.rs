//! The record as data others load: CSV tables (RFC 4180, UTF-8, a header row, a stable row
//! order) described by a Frictionless Data Package (`datapackage.json`), and the editorial
//! verdicts as schema.org `ClaimReview` (`claimreview.jsonld`). The report model itself is
//! `briefing.json`; nothing here copies it.

pub mod claimreview;
mod tables;

use serde_json::{Value, json};
use treatywatch_loader::Dataset;
use treatywatch_model::Date;
use treatywatch_validator::Outcome;

use crate::OutputFile;
use crate::report::{self, Report};
pub use tables::{Field, ForeignKey, SPECS, Spec, Table, tables};

/// What an export is asked for.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub as_of: Date,
    /// Where the site (`treatywatch site`) is published: a claim's ClaimReview is about its
    /// page, `BASE claims/<id>.html`. Without it `claimreview.jsonld` holds no review (a
    /// review's URL must be absolute).
    pub base_url: Option<String>,
}

/// The export's file names, in the order they are written.
pub const DATAPACKAGE: &str = "datapackage.json";
pub const CLAIMREVIEW: &str = "claimreview.jsonld";

/// Every export file of the dataset as of `options.as_of`.
pub fn export(
    data: &Dataset,
    outcome: &Outcome,
    options: &ExportOptions,
) -> Result<Vec<OutputFile>, String> {
    let report = report::build(data, outcome, options.as_of);
    export_report(data, &report, options)
}

/// The export files from an already built report model.
pub fn export_report(
    data: &Dataset,
    report: &Report,
    options: &ExportOptions,
) -> Result<Vec<OutputFile>, String> {
    let ctx = data.index();
    let tables = tables(&ctx, report);
    let mut files = Vec::new();
    for table in &tables {
        files.push(OutputFile::new(table.spec.file_name(), csv_bytes(table)?));
    }
    let mut package =
        serde_json::to_string_pretty(&datapackage(&tables, report)).map_err(|e| e.to_string())?;
    package.push('\n');
    files.push(OutputFile::new(DATAPACKAGE, package.into_bytes()));
    let base = options.base_url.as_deref().map(folder_url);
    let mut reviews =
        serde_json::to_string_pretty(&claimreview::document(&ctx, report, base.as_deref()))
            .map_err(|e| e.to_string())?;
    reviews.push('\n');
    files.push(OutputFile::new(CLAIMREVIEW, reviews.into_bytes()));
    Ok(files)
}

/// The base URL as a folder: `https://…/reports` and `https://…/reports/` both lead to
/// `https://…/reports/treaties/inf.md`, never `…/reportstreaties/…`. An empty base stays empty
/// (relative links).
pub fn folder_url(base: &str) -> String {
    let base = base.trim();
    if base.is_empty() || base.ends_with('/') {
        base.to_string()
    } else {
        format!("{base}/")
    }
}

/// A table as CSV per RFC 4180: a header row, CRLF line ends, fields quoted when they hold a
/// comma, a quote or a line break.
pub fn csv_bytes(table: &Table) -> Result<Vec<u8>, String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header: Vec<&str> = table.spec.fields.iter().map(|f| f.name).collect();
    writer.write_record(&header).map_err(|e| e.to_string())?;
    for row in &table.rows {
        if row.len() != header.len() {
            return Err(format!(
                "{}: a row has {} values for {} columns",
                table.spec.name,
                row.len(),
                header.len()
            ));
        }
        writer.write_record(row).map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// The Frictionless Data Package descriptor: every table's Table Schema (types, required
/// values, allowed values, primary and foreign keys), the data's licence and sources.
fn datapackage(tables: &[Table], report: &Report) -> Value {
    let resources: Vec<Value> = tables
        .iter()
        .map(|t| {
            let t = t.spec;
            let fields: Vec<Value> = t
                .fields
                .iter()
                .map(|f| {
                    let mut field = json!({
                        "name": f.name,
                        "type": f.kind,
                        "description": f.description,
                    });
                    if f.kind == "date" {
                        field["format"] = json!("%Y-%m-%d");
                    }
                    let mut constraints = serde_json::Map::new();
                    if f.required {
                        constraints.insert("required".into(), json!(true));
                    }
                    if !f.values.is_empty() {
                        constraints.insert("enum".into(), json!(f.allowed()));
                    }
                    if !constraints.is_empty() {
                        field["constraints"] = Value::Object(constraints);
                    }
                    field
                })
                .collect();
            let foreign_keys: Vec<Value> = t
                .foreign_keys
                .iter()
                .map(|k| {
                    json!({
                        "fields": k.fields,
                        "reference": {"resource": k.table, "fields": k.key},
                    })
                })
                .collect();
            json!({
                "name": t.name,
                "path": t.file_name(),
                "title": t.title,
                "description": t.description,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true},
                "schema": {
                    "fields": fields,
                    "missingValues": [""],
                    "primaryKey": t.primary_key,
                    "foreignKeys": foreign_keys,
                },
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": "treatywatch-record",
        "title": "Arms-control treaties and the claims made about them",
        "description": format!(
            "The treatywatch record as of {}: treaties with their status, every party's acts and standing, actors, claims with their assessments, the findings where a claim conflicts with the record, and the sources. Dates are as written (EDTF: a day, a month or a year), each with its first and last possible day.",
            report.as_of
        ),
        "version": report.as_of,
        "created": format!("{}T00:00:00Z", report.as_of),
        "licenses": [{
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0",
        }],
        "sources": [{
            "title": "The sources listed in sources.csv (treaty texts, depositaries' records, official statements, news reports)",
            "path": "sources.csv",
        }],
        "contributors": [{"title": report.generator, "role": "author"}],
        "resources": resources,
    })
}

/// The export's tables as markdown, for `docs/export.md`: each table's file, what it holds,
/// its key, its references and every column.
pub fn tables_markdown() -> String {
    let mut out = String::from(
        "<!-- Generated by `treatywatch docs` from crates/reporting/src/export/tables.rs: do not edit. -->\n\n\
         # The export: tables and their columns\n\n\
         `treatywatch export` (and `treatywatch report`, into `reports/data/`) writes these tables as \
         CSV (RFC 4180: UTF-8, a header row, CRLF line ends, a stable row order), described by \
         `datapackage.json`, a Frictionless Data Package with the same names, types, constraints \
         and keys, and writes the editorial verdicts as schema.org ClaimReview in \
         `claimreview.jsonld`. Empty cells are missing values. Several values in one cell are \
         separated by `; `.\n",
    );
    for spec in SPECS {
        out.push_str(&format!(
            "\n## `{}` — {}\n\n{}\n\n",
            spec.file_name(),
            spec.title,
            spec.description
        ));
        out.push_str(&format!(
            "Key: {}.",
            spec.primary_key
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" + ")
        ));
        for fk in spec.foreign_keys {
            out.push_str(&format!(
                " {} → `{}.csv` ({}).",
                fk.fields
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(" + "),
                fk.table,
                fk.key
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(" + ")
            ));
        }
        out.push_str(
            "\n\n| column | type | required | values | meaning |\n|---|---|---|---|---|\n",
        );
        for f in spec.fields {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} |\n",
                f.name,
                f.kind,
                if f.required { "yes" } else { "no" },
                f.allowed()
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                f.description.replace('|', "\\|")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::folder_url;

    #[test]
    fn a_base_url_is_a_folder_whether_or_not_it_ends_in_a_slash() {
        assert_eq!(
            folder_url("https://x.org/reports"),
            "https://x.org/reports/"
        );
        assert_eq!(
            folder_url("https://x.org/reports/"),
            "https://x.org/reports/"
        );
        assert_eq!(folder_url("../reports/"), "../reports/");
        assert_eq!(folder_url(""), "");
        assert_eq!(folder_url(" https://x.org/r "), "https://x.org/r/");
    }
}
