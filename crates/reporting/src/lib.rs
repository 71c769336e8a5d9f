//! Briefings from a treatywatch dataset: a report model computed once, minijinja templates
//! that only format it, a Typst PDF compiled in-process, and markdown summaries.
//!
//! Untrusted text from the data never becomes markup: the PDF's Typst source reads the
//! report model from the JSON file beside it (`json("briefing.json")`); markdown escapes every
//! value with the `md` filter.
//!
//! The PDF needs the `pdf` feature (Typst compiled in); without it every text output is
//! still made — `briefing.typ` and `briefing.json` can be typeset by any Typst 0.15.

mod citations;
pub mod diff;
pub mod export;
pub mod output;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod report;
pub mod site;
pub mod status;
pub mod templates;

use std::path::PathBuf;

use minijinja::Value;
use minijinja::value::Serde;
use treatywatch_loader::Dataset;
use treatywatch_model::Date;
use treatywatch_validator::Outcome;

pub use output::{OutputFile, stale_files, write_all, write_atomic, write_new_atomic};
pub use report::{Report, build as build_model, default_as_of, latest_event};

/// What a report run is asked to do.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub as_of: Date,
    /// A folder whose templates replace the built-in ones of the same name.
    pub templates: Option<PathBuf>,
    /// Where the site is published (`treatywatch site`): the export's ClaimReviews are about
    /// the claims' pages there. Without it the export holds no ClaimReview.
    pub base_url: Option<String>,
}

/// Why a report could not be built.
#[derive(Debug)]
pub enum ReportError {
    Template(minijinja::Error),
    #[cfg(feature = "pdf")]
    Pdf(pdf::PdfError),
    Json(serde_json::Error),
    Export(String),
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
            #[cfg(feature = "pdf")]
            ReportError::Pdf(e) => e.fmt(f),
            ReportError::Json(e) => write!(f, "cannot serialise the report: {e}"),
            ReportError::Export(e) => write!(f, "cannot export the record: {e}"),
        }
    }
}

impl std::error::Error for ReportError {}

impl From<minijinja::Error> for ReportError {
    fn from(e: minijinja::Error) -> Self {
        ReportError::Template(e)
    }
}

/// Whether this build can typeset the PDF (the `pdf` feature).
pub const PDF_SUPPORTED: bool = cfg!(feature = "pdf");

/// The report model as the Typst source reads it, beside it in the output folder.
pub const BRIEFING_JSON: &str = "briefing.json";
/// The Typst source of the briefing.
pub const BRIEFING_TYP: &str = "briefing.typ";
/// The typeset briefing (full build only).
pub const BRIEFING_PDF: &str = "briefing.pdf";

/// The text outputs, without the PDF: `briefing.typ`, `briefing.json` (the report model the
/// PDF is typeset from), `README.md`, `treaties/<id>.md`, `actors/<id>.md`. Fast, and the same in every build:
/// this is what `report --check` compares.
pub fn render_sources(
    report: &Report,
    options: &ReportOptions,
) -> Result<Vec<OutputFile>, ReportError> {
    let env = templates::environment(options.templates.as_deref());
    let mut files = Vec::new();
    let context = Value::from(Serde(report));
    let typst = env.get_template(BRIEFING_TYP)?.render(context.clone())?;
    files.push(OutputFile::new(BRIEFING_TYP, typst.into_bytes()));
    let mut json = serde_json::to_string_pretty(report).map_err(ReportError::Json)?;
    json.push('\n');
    files.push(OutputFile::new(BRIEFING_JSON, json.into_bytes()));
    // Each markdown page numbers the sources it cites itself (see `citations`).
    let sources = citations::sources_of(report);
    let cite = || citations::PageCitations::value(&sources);
    let readme = env.get_template("README.md")?.render(minijinja::context! {
        cite => cite(),
        ..context.clone()
    })?;
    files.push(OutputFile::new("README.md", readme.into_bytes()));
    let page = env.get_template("treaty.md")?;
    for treaty in &report.treaties {
        let text = page.render(
            minijinja::context! { treaty => Value::from(Serde(treaty)), report => context.clone(), cite => cite() },
        )?;
        files.push(OutputFile::new(
            format!("treaties/{}.md", treaty.id),
            text.into_bytes(),
        ));
    }
    let page = env.get_template("actor.md")?;
    for actor in &report.actors {
        let text = page.render(
            minijinja::context! { actor => Value::from(Serde(actor)), report => context.clone(), cite => cite() },
        )?;
        files.push(OutputFile::new(
            format!("actors/{}.md", actor.id),
            text.into_bytes(),
        ));
    }
    Ok(files)
}

/// Where `report` writes the export (CSV tables, their Data Package, ClaimReview) inside the
/// reports folder.
pub const EXPORT_FOLDER: &str = "data";

/// The text outputs of the dataset as of `options.as_of`: those of [`render_sources`] and the
/// export in `data/`, its claim URLs relative to the reports folder.
pub fn build_sources(
    data: &Dataset,
    outcome: &Outcome,
    options: &ReportOptions,
) -> Result<Vec<OutputFile>, ReportError> {
    let report = report::build(data, outcome, options.as_of);
    let mut files = render_sources(&report, options)?;
    let export = export::export_report(
        data,
        &report,
        &export::ExportOptions {
            as_of: options.as_of,
            base_url: options.base_url.clone(),
        },
    )
    .map_err(ReportError::Export)?;
    files.extend(
        export
            .into_iter()
            .map(|f| OutputFile::new(format!("{EXPORT_FOLDER}/{}", f.path), f.bytes)),
    );
    Ok(files)
}

/// Typesets `briefing.pdf` from the `briefing.typ` and `briefing.json` among `sources`.
#[cfg(feature = "pdf")]
pub fn typeset(sources: &[OutputFile], as_of: Date) -> Result<OutputFile, ReportError> {
    let get = |name: &str| {
        sources
            .iter()
            .find(|f| f.path == name)
            .map(|f| String::from_utf8_lossy(&f.bytes))
            .ok_or_else(|| ReportError::Pdf(pdf::PdfError(format!("no {name} was rendered"))))
    };
    let pdf =
        pdf::compile(&get(BRIEFING_TYP)?, &get(BRIEFING_JSON)?, as_of).map_err(ReportError::Pdf)?;
    Ok(OutputFile::new(BRIEFING_PDF, pdf))
}

/// Every report file: the text outputs and, in the full build, `briefing.pdf`.
pub fn build(
    data: &Dataset,
    outcome: &Outcome,
    options: &ReportOptions,
) -> Result<Vec<OutputFile>, ReportError> {
    #[cfg_attr(not(feature = "pdf"), allow(unused_mut))]
    let mut files = build_sources(data, outcome, options)?;
    #[cfg(feature = "pdf")]
    {
        let pdf = typeset(&files, options.as_of)?;
        files.insert(0, pdf);
    }
    Ok(files)
}
