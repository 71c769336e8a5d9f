//! Briefings from a treatywatch dataset: a report model computed once, minijinja templates
//! that only format it, a Typst PDF compiled in-process, and markdown summaries.
//!
//! Untrusted text from the data never becomes markup: the PDF's Typst source reads the
//! report model from a JSON file in its virtual root (`json("/report.json")`); markdown
//! escapes every value with the `md` filter.

pub mod output;
pub mod pdf;
pub mod report;
pub mod templates;

use std::path::PathBuf;

use minijinja::Value;
use minijinja::value::Serde;
use treatywatch_loader::Dataset;
use treatywatch_model::Date;
use treatywatch_validator::Outcome;

pub use output::{OutputFile, stale_files, write_all, write_atomic, write_new_atomic};
pub use report::{Report, build as build_model, latest_event};

/// What a report run is asked to do.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub as_of: Date,
    /// A folder whose templates replace the built-in ones of the same name.
    pub templates: Option<PathBuf>,
}

/// Why a report could not be built.
#[derive(Debug)]
pub enum ReportError {
    Template(minijinja::Error),
    Pdf(pdf::PdfError),
    Json(serde_json::Error),
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReportError::Template(e) => {
                write!(f, "template error: {e}")?;
                let mut source = std::error::Error::source(e);
                while let Some(s) = source {
                    write!(f, ": {s}")?;
                    source = s.source();
                }
                Ok(())
            }
            ReportError::Pdf(e) => e.fmt(f),
            ReportError::Json(e) => write!(f, "cannot serialise the report: {e}"),
        }
    }
}

impl std::error::Error for ReportError {}

impl From<minijinja::Error> for ReportError {
    fn from(e: minijinja::Error) -> Self {
        ReportError::Template(e)
    }
}

/// The Typst source and the markdown files, without the PDF (fast; for snapshots).
pub fn render_sources(
    report: &Report,
    options: &ReportOptions,
) -> Result<Vec<OutputFile>, ReportError> {
    let env = templates::environment(options.templates.as_deref());
    let mut files = Vec::new();
    let context = Value::from(Serde(report));
    let typst = env.get_template("briefing.typ")?.render(context.clone())?;
    files.push(OutputFile::new("briefing.typ", typst.into_bytes()));
    let readme = env.get_template("README.md")?.render(context.clone())?;
    files.push(OutputFile::new("README.md", readme.into_bytes()));
    let page = env.get_template("treaty.md")?;
    for treaty in &report.treaties {
        let text = page.render(
            minijinja::context! { treaty => Value::from(Serde(treaty)), report => context.clone() },
        )?;
        files.push(OutputFile::new(
            format!("treaties/{}.md", treaty.id),
            text.into_bytes(),
        ));
    }
    Ok(files)
}

/// Every report file: `briefing.pdf`, `README.md`, `treaties/<id>.md`.
pub fn build(
    data: &Dataset,
    outcome: &Outcome,
    options: &ReportOptions,
) -> Result<Vec<OutputFile>, ReportError> {
    let report = report::build(data, outcome, options.as_of);
    let sources = render_sources(&report, options)?;
    let json = serde_json::to_string(&report).map_err(ReportError::Json)?;
    let mut files = Vec::new();
    for f in sources {
        if f.path == "briefing.typ" {
            let text = String::from_utf8_lossy(&f.bytes);
            let pdf = pdf::compile(&text, &json, options.as_of).map_err(ReportError::Pdf)?;
            files.push(OutputFile::new("briefing.pdf", pdf));
        } else {
            files.push(f);
        }
    }
    Ok(files)
}
