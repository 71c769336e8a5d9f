//! `treatywatch new KIND ID`: a new record from the model's schema
//! (`treatywatch_import::scaffold`), its fields from `--set` and, on a terminal, from answers
//! (the kind first). Every value is checked as it is given — its shape by the draft, what it
//! names by the validator on the whole record in the dataset — and nothing is written while a
//! value is wrong.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use treatywatch_import::scaffold::{self, Draft, Field, Shape};
use treatywatch_loader::{Dataset, Diagnostic, Limits, Severity};
use treatywatch_model::{Date, RecordKind, RuleName};
use treatywatch_validator::Options;

use super::{print, use_color};
use crate::args::DataArgs;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// What to create.
    #[arg(value_enum)]
    kind: Kind,
    /// The new record's id (e.g. lavrov-2019-02-02-inf).
    id: String,
    #[command(flatten)]
    data: DataArgs,
    /// Fill a field: `--set date=2019-02-02 --set claimant=sergey-lavrov`. Lists take
    /// several values, comma-separated or in repeated flags (`--set sources=a,b`); `source`
    /// and `locator` fill a claim's first citation. An unknown field is refused with the
    /// list of those that can be set. On a terminal, the needed fields not given are asked
    /// for, the kind first.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    Claim,
    Source,
    Actor,
    Treaty,
}

impl From<Kind> for RecordKind {
    fn from(kind: Kind) -> RecordKind {
        match kind {
            Kind::Claim => RecordKind::Claim,
            Kind::Source => RecordKind::Source,
            Kind::Actor => RecordKind::Actor,
            Kind::Treaty => RecordKind::Treaty,
        }
    }
}

pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    let limits = args.data.limits();
    // A data folder that does not exist yet is an empty one: `new` starts it.
    let data = if args.data.data.exists() {
        args.data.load()?
    } else {
        Dataset {
            root: args.data.data.clone(),
            files: Vec::new(),
            records: Vec::new(),
            problems: Vec::new(),
        }
    };
    let kind: RecordKind = args.kind.into();
    if let Some(index) = data.index().loaded_by_id(&args.id).map(|r| r.file) {
        let used_by = data
            .index()
            .kind_of(&args.id)
            .map_or("record", |k| k.name());
        return Err(format!(
            "the id `{}` is already the {used_by}'s in {}; choose another, or edit that record",
            args.id,
            data.files.get(index).map_or("", |f| f.path.as_str())
        ));
    }
    let mut draft = Draft::new(kind, &args.id)?;
    draft.set_all(&args.set)?;
    let today = Date::today();
    // What the values given name: refused before anything is written.
    let wrong = wrong_values(&data, &draft, limits, today);
    if !wrong.is_empty() {
        return Err(format!(
            "nothing was written:\n{}",
            wrong
                .iter()
                .map(|(key, message)| format!("  {key}: {message}"))
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    if std::io::stdin().is_terminal() {
        ask_for_the_rest(&data, &mut draft, limits, today);
    }
    let path = scaffold::write_new(&args.data.data, &draft)?;
    // What is left to fill in, as `validate` says it.
    let with = data.with_file(&scaffold::relative_path(&draft), &draft.text(), limits);
    let outcome = treatywatch_validator::validate(&with, &Options { as_of: today });
    let file = with.files.len().saturating_sub(1);
    let left: Vec<Diagnostic> = outcome
        .diagnostics
        .into_iter()
        .filter(|d| d.file == file)
        .collect();
    println!("wrote {}", path.display());
    if !left.is_empty() {
        let summary = treatywatch_validator::Summary {
            errors: left
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count(),
            warnings: left
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count(),
            notes: left.iter().filter(|d| d.severity == Severity::Note).count(),
            files: 1,
            records: 1,
        };
        print(&treatywatch_validator::render::human::render(
            &with,
            &left,
            &summary,
            use_color(),
        ));
        println!("fill these in, then run `treatywatch validate`");
    }
    Ok(ExitCode::SUCCESS)
}

/// The errors of shape and reference the record as drafted gets on the lines of the values
/// given (not its placeholders): field and message with its hint.
fn wrong_values(
    data: &Dataset,
    draft: &Draft,
    limits: Limits,
    today: Date,
) -> Vec<(String, String)> {
    let text = draft.text();
    let with = data.with_file(&scaffold::relative_path(draft), &text, limits);
    let file = with.files.len().saturating_sub(1);
    let outcome = treatywatch_validator::validate(&with, &Options { as_of: today });
    let lines: Vec<&str> = text.lines().collect();
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.file == file && d.severity == Severity::Error)
        // What a value is and what it names; a consistency rule (a claim older than its
        // source) is shown once the record is written, not a reason to refuse it.
        .filter(|d| {
            matches!(
                d.rule,
                RuleName::Schema
                    | RuleName::InvalidDate
                    | RuleName::UnknownReference
                    | RuleName::WrongReferenceKind
            )
        })
        .filter_map(|d| {
            let line = lines.get((d.span.line as usize).checked_sub(1)?)?;
            let key = line
                .trim_start()
                .trim_start_matches("- ")
                .split(':')
                .next()?
                .trim();
            (!line.trim_start().starts_with('#')).then(|| {
                let help = d
                    .help
                    .as_deref()
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default();
                (key.to_string(), format!("{}{help}", d.message))
            })
        })
        .collect()
}

/// Asks for each needed field not given, the kind first; an answer is checked at once (its
/// shape, then what it names) and asked again when wrong; an empty answer leaves the
/// placeholder.
fn ask_for_the_rest(data: &Dataset, draft: &mut Draft, limits: Limits, today: Date) {
    let mut asked: Vec<String> = Vec::new();
    while let Some(field) = draft
        .missing()
        .into_iter()
        .find(|f| !asked.contains(&f.name))
        .cloned()
    {
        asked.push(field.name.clone());
        for _ in 0..3 {
            let Some(answer) = ask(&field) else { return };
            if answer.is_empty() {
                break;
            }
            let key = if field.shape == Shape::Citations {
                "source"
            } else {
                field.name.as_str()
            };
            if let Err(problem) = draft.set(key, &answer) {
                eprintln!("  {problem}");
                continue;
            }
            let wrong: Vec<(String, String)> = wrong_values(data, draft, limits, today)
                .into_iter()
                .filter(|(k, _)| k == key || k == &field.name)
                .collect();
            if wrong.is_empty() {
                break;
            }
            for (_, message) in &wrong {
                eprintln!("  {message}");
            }
            draft.unset(key);
        }
    }
}

/// Asks for one field on the terminal: its name, what it holds, its choices.
fn ask(field: &Field) -> Option<String> {
    match &field.shape {
        Shape::Choice(c) => eprint!("{} [{}]: ", field.name, c.join(" | ")),
        Shape::Citations => eprint!("{} — a source's id: ", field.name),
        _ => eprint!("{} — {}: ", field.name, field.description),
    }
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line.trim().to_string()),
    }
}
