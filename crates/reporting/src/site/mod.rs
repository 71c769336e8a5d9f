//! The record on the web: a static site (plain files, any static host) rendered from the
//! same report model as the briefing and the markdown, by HTML templates with autoescaping
//! on. A page per treaty, actor, claim, source and archived text, the index and a page on
//! the rating scale; Atom feeds; a search index; status on any date as data the treaty page
//! looks a day up in.
//!
//! Safe with hostile data: every value is escaped by the templates; JSON in a page (the
//! ClaimReview, the status history) is written with `<`, `>` and `&` as JSON escapes; each
//! page's Content-Security-Policy allows only the site's own script and style files, and
//! nothing is loaded from another host.

pub mod feed;
pub mod search;
pub mod segments;
pub mod views;

use std::path::PathBuf;

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;
use strum::IntoEnumIterator;
use treatywatch_loader::{Dataset, Severity};
use treatywatch_model::{Date, Verdict};
use treatywatch_validator::Outcome;

use crate::export::claimreview::{BEST_RATING, WORST_RATING, rating, review, script_json};
use crate::export::folder_url;
use crate::report::{self, Report};
use crate::{OutputFile, ReportError, templates};

/// What a site run is asked to do.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    pub as_of: Date,
    /// A folder whose templates replace the built-in ones of the same name.
    pub templates: Option<PathBuf>,
    /// Where the site is published. With it, pages carry their canonical URL and each
    /// assessed claim's page its ClaimReview; without it, links are relative and no page
    /// has a ClaimReview (its `url` must be absolute).
    pub base_url: Option<String>,
}

/// The site's files that are not rendered: the style sheet, the script and the icon.
pub const ASSETS: &[&str] = &["site.css", "site.js", "favicon.svg"];

/// One verdict on the rating page.
#[derive(Debug, Clone, Serialize)]
struct ScaleRow {
    verdict: &'static str,
    /// Its place on the 1–4 scale, or none (`disputed`, `unverifiable`).
    rating: Option<u8>,
    meaning: &'static str,
}

/// A rule that finds conflicts, for the rating page.
#[derive(Debug, Clone, Serialize)]
struct RuleDoc {
    name: &'static str,
    /// Its one-line summary as HTML (our own text, from the code).
    summary: String,
    /// Its documentation as HTML (our own text, from the code, not the data).
    html: String,
}

/// Our own markdown (the rules' documentation) as HTML: tables on, raw HTML dropped.
fn markdown_html(text: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, html};
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES)
        .filter(|e| !matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out
}

fn rule_docs() -> Vec<RuleDoc> {
    treatywatch_validator::RULES
        .iter()
        .filter(|r| r.severity == Severity::Note)
        .map(|r| {
            // The docs' `##` headings sit under the rule's own heading.
            let docs = r.docs.replace("\n## ", "\n#### ");
            let docs = docs
                .strip_prefix("## ")
                .map_or(docs.clone(), |d| format!("#### {d}"));
            // The one-line summary, inline: its paragraph's tags dropped.
            let summary = markdown_html(r.summary);
            let summary = summary
                .trim()
                .trim_start_matches("<p>")
                .trim_end_matches("</p>");
            RuleDoc {
                name: r.name.as_str(),
                summary: summary.to_string(),
                html: markdown_html(&docs),
            }
        })
        .collect()
}

/// The path from a page to the site's root: `""` or `../`.
fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Every file of the site of `data` as of `options.as_of`.
pub fn build(
    data: &Dataset,
    outcome: &Outcome,
    options: &SiteOptions,
) -> Result<Vec<OutputFile>, ReportError> {
    let report = report::build(data, outcome, options.as_of);
    render(data, &report, options)
}

/// The site's files from an already built report model.
pub fn render(
    data: &Dataset,
    report: &Report,
    options: &SiteOptions,
) -> Result<Vec<OutputFile>, ReportError> {
    let ctx = data.index();
    let base = options.base_url.as_deref().map(folder_url);
    let base = base.as_deref().filter(|b| !b.is_empty());
    let env = templates::environment(options.templates.as_deref());
    let model = Value::from(Serde(report));
    let mut files = Vec::new();

    let page = |files: &mut Vec<OutputFile>,
                path: String,
                template: &str,
                extra: Value|
     -> Result<(), ReportError> {
        let root = root_of(&path);
        let text = env.get_template(template)?.render(minijinja::context! {
            report => model.clone(),
            // Our own `../` steps, never data: as written.
            root => Value::from_safe_string(root),
            path => path.clone(),
            canonical => base.map(|b| format!("{b}{path}")),
            ..extra
        })?;
        files.push(OutputFile::new(path, text.into_bytes()));
        Ok(())
    };

    page(
        &mut files,
        "index.html".into(),
        "index.html",
        Value::UNDEFINED,
    )?;
    // The index shows the first findings and claims about no treaty; these pages have all.
    for list in ["findings.html", "claims.html"] {
        page(&mut files, list.into(), list, Value::UNDEFINED)?;
    }
    let scale: Vec<ScaleRow> = Verdict::iter()
        .map(|v| ScaleRow {
            verdict: v.as_str(),
            rating: rating(v),
            meaning: v.meaning(),
        })
        .collect();
    page(
        &mut files,
        "about.html".into(),
        "about.html",
        minijinja::context! {
            scale => Value::from(Serde(&scale)),
            worst => WORST_RATING,
            best => BEST_RATING,
            rules => Value::from(Serde(rule_docs())),
        },
    )?;
    for t in &report.treaties {
        let Some(record) = ctx.treaty(&t.id) else {
            continue;
        };
        let history = segments::history(&ctx, record);
        let history = serde_json::to_value(&history).map_err(ReportError::Json)?;
        page(
            &mut files,
            format!("treaties/{}.html", t.id),
            "treaty.html",
            minijinja::context! {
                treaty => Value::from(Serde(t)),
                history => script_json(&history, false),
                feed => format!("{}.atom", t.id),
            },
        )?;
        files.push(OutputFile::new(
            format!("treaties/{}.atom", t.id),
            feed::treaty_feed(report, t, base).into_bytes(),
        ));
    }
    for a in &report.actors {
        page(
            &mut files,
            format!("actors/{}.html", a.id),
            "actor.html",
            minijinja::context! { actor => Value::from(Serde(a)) },
        )?;
    }
    let texts = views::archived_texts(data);
    let claims = views::claim_pages(data, report, &texts, |id| {
        let base = base?;
        let claim = ctx.claim(id)?;
        let review = review(&ctx, claim, base, report.as_of)?;
        // A document of its own: the context first, then the review.
        let mut document = serde_json::Map::new();
        document.insert("@context".into(), "https://schema.org".into());
        document.extend(review.as_object()?.clone());
        Some(script_json(&serde_json::Value::Object(document), true))
    });
    for c in &claims {
        page(
            &mut files,
            format!("claims/{}.html", c.claim.id),
            "claim.html",
            minijinja::context! { page => Value::from(Serde(c)) },
        )?;
    }
    for s in views::source_pages(&ctx, report, &texts) {
        page(
            &mut files,
            format!("sources/{}.html", s.source.id),
            "source.html",
            minijinja::context! { page => Value::from(Serde(&s)) },
        )?;
    }
    for t in views::text_pages(report, &claims, &texts) {
        page(
            &mut files,
            format!("texts/{}.html", t.source.id),
            "text.html",
            minijinja::context! { page => Value::from(Serde(&t)) },
        )?;
    }
    files.push(OutputFile::new(
        "feed.atom",
        feed::record_feed(report, base).into_bytes(),
    ));
    files.push(OutputFile::new(
        search::INDEX,
        search::index(report, &claims).into_bytes(),
    ));
    for asset in ASSETS {
        let source = env.get_template(asset)?.source().to_string();
        files.push(OutputFile::new(
            format!("assets/{asset}"),
            source.into_bytes(),
        ));
    }
    Ok(files)
}

/// The folders of generated pages, one file per record.
const PAGE_FOLDERS: [&str; 5] = ["treaties", "actors", "claims", "sources", "texts"];

/// Why a site could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The output folder holds files and is not a site written before: nothing is written
    /// there, so nothing of someone else's is overwritten or removed.
    NotASite(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::NotASite(p) => write!(
                f,
                "`{}` holds files but no site (no {}): choose a new or empty folder, or one a previous `treatywatch site` wrote",
                p.display(),
                search::INDEX
            ),
            WriteError::Io(p, e) => write!(f, "cannot write `{}`: {e}", p.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// Writes the site's files under `out`, each atomically (unflushed), then removes the pages (and feeds)
/// of records no longer in it. Refuses a folder that has files but is not a site.
pub fn write(out: &std::path::Path, files: &[OutputFile]) -> Result<(), WriteError> {
    let io = |p: &std::path::Path| {
        let p = p.to_path_buf();
        move |e| WriteError::Io(p, e)
    };
    if let Ok(mut entries) = std::fs::read_dir(out)
        && entries.next().is_some()
        && !out.join(search::INDEX).is_file()
    {
        return Err(WriteError::NotASite(out.to_path_buf()));
    }
    // Each file replaced atomically (a reader or a server never sees half a page), but not
    // flushed to disk one by one: the site is made from the data and rebuilt in a second,
    // and flushing each of a large record's ten thousand pages took seconds.
    for f in files {
        let path = out.join(&f.path);
        treatywatch_loader::temporary::write_atomic_unsynced(&path, &f.bytes).map_err(io(&path))?;
    }
    for folder in PAGE_FOLDERS {
        let Ok(entries) = std::fs::read_dir(out.join(folder)) else {
            continue;
        };
        for e in entries.filter_map(Result::ok) {
            let Some(name) = e.file_name().to_str().map(|n| format!("{folder}/{n}")) else {
                continue;
            };
            let generated = name.ends_with(".html") || name.ends_with(".atom");
            if generated && !files.iter().any(|f| f.path == name) {
                let path = out.join(&name);
                std::fs::remove_file(&path).map_err(io(&path))?;
            }
        }
    }
    Ok(())
}
