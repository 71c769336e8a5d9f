//! `treatywatch`: a thin shell over the model, loader, validator, import and reporting crates.
//! Each command is one file under `commands/`: its arguments (a `clap::Args` struct), and a
//! `run` that calls the libraries, prints, and chooses the exit code. [`run`] only parses the
//! command line and dispatches; the `treatywatch` binary and the pre-commit hook binary at the
//! repository's root both call it.

mod args;
mod commands;
mod settings;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use commands::*;

/// Keeps a reviewed record of arms-control treaties and of the claims made about them,
/// checks it, and turns it into briefings.
#[derive(Parser)]
#[command(name = "treatywatch", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check every record under the data folder against the schemas and every rule.
    Validate(validate::Args),
    /// Validate, then write the briefing PDF and the markdown summaries.
    Report(report::Args),
    /// Write the record as data others load: CSV tables with a Frictionless Data Package
    /// descriptor (datapackage.json) and the verdicts as schema.org ClaimReview
    /// (claimreview.jsonld).
    Export(export::Args),
    /// Write the record as a static website: a page per treaty (status on any date), actor,
    /// claim (with its ClaimReview) and source, Atom feeds and a search index.
    Site(site::Args),
    /// The language server, over stdio: every rule's diagnostics while you type, hover,
    /// completion of ids, go to definition, references and fixes (see README: editors).
    Lsp(lsp::Args),
    /// Bring outside records into the data: `import depositary FILE.csv --treaty ID`.
    Import(import::Args),
    /// A treaty's status and every party's status on a date.
    Status(status::Args),
    /// Write a skeleton record (`data/<kind>s/<id>.yaml`) with every required field; never
    /// overwrites a file.
    New(new::Args),
    /// What a change does to the record, compared with a base folder or git revision:
    /// records added, removed, changed; statuses; findings; new errors.
    Diff(diff::Args),
    /// Put data files in the canonical layout (record keys in the model's order), keeping
    /// every comment; `--check` lists the files that would change and exits 1.
    Fmt(fmt::Args),
    /// List the rules (`--format markdown`: the full reference, as in docs/rules.md).
    Rules(rules::Args),
    /// Print a rule's documentation: what it checks, why, an example that fires, the fix.
    Explain(explain::Args),
    /// Write schemas/*.schema.json from the model, or check that they match it.
    Schema(schema::Args),
    /// Write the generated parts of docs/ (rules.md; the field tables in data-model.md), or
    /// check that they match the code.
    Docs(docs::Args),
}

/// Runs the command line of this process; returns its exit code.
pub fn run() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Validate(args) => validate::run(args),
        Command::Report(args) => report::run(args),
        Command::Export(args) => export::run(args),
        Command::Site(args) => site::run(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Import(args) => import::run(args),
        Command::Status(args) => status::run(args),
        Command::New(args) => new::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Docs(args) => docs::run(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
