//! `treatywatch`: a thin shell over the model, loader, validator and reporting crates.
//! It parses flags, wires the libraries together, prints, and chooses the exit code.
//! [`run`] is the whole command; the `treatywatch` binary and the pre-commit hook binary at
//! the repository's root both call it.

mod commands;
mod diff;
mod scaffold;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Keeps a reviewed record of arms-control treaties and of the claims made about them,
/// checks it, and turns it into briefings.
#[derive(Parser)]
#[command(name = "treatywatch", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Reading limits, raised by flags for unusually large data.
#[derive(clap::Args, Clone)]
pub(crate) struct LimitArgs {
    /// Largest data file read, in bytes.
    #[arg(long, default_value_t = treatywatch_loader::Limits::default().max_file_bytes)]
    max_file_bytes: u64,
    /// Deepest nesting of lists and mappings in a data file.
    #[arg(long, default_value_t = treatywatch_loader::Limits::default().max_depth)]
    max_depth: usize,
    /// Most values (aliases expanded) in one data file.
    #[arg(long, default_value_t = treatywatch_loader::Limits::default().max_nodes)]
    max_nodes: usize,
    /// Most values YAML aliases may add to one data file.
    #[arg(long, default_value_t = treatywatch_loader::Limits::default().max_alias_nodes)]
    max_alias_nodes: usize,
    /// Most records in one list file.
    #[arg(long, default_value_t = treatywatch_loader::Limits::default().max_records)]
    max_records: usize,
}

impl LimitArgs {
    pub(crate) fn limits(&self) -> treatywatch_loader::Limits {
        treatywatch_loader::Limits {
            max_file_bytes: self.max_file_bytes,
            max_depth: self.max_depth,
            max_nodes: self.max_nodes,
            max_alias_nodes: self.max_alias_nodes,
            max_records: self.max_records,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    Claim,
    Source,
    Actor,
    Treaty,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
    Sarif,
}

#[derive(Subcommand)]
enum Command {
    /// Check every record under the data folder against the schemas and every rule.
    Validate {
        /// The data folder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The date "now" (YYYY-MM-DD; default today): nothing may be dated after it.
        #[arg(long)]
        as_of: Option<String>,
        /// Exit 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Also list warnings and notes silenced by `allow`, with their reasons.
        #[arg(long)]
        show_allowed: bool,
        /// Keep each claim file's results in DIR (`validate.cache`) and reuse them while the
        /// file, this build, --as-of, the limits and every file other than claim files are
        /// unchanged. The output is the same as without it.
        #[arg(long, value_name = "DIR")]
        cache: Option<PathBuf>,
        /// Read claim files in batches of at most this many bytes (at least one file each;
        /// 0: all at once). Bounds the memory; the output is the same for every size.
        #[arg(long, value_name = "BYTES", default_value_t = treatywatch_validator::Batching::DEFAULT.max_bytes.unwrap_or(0))]
        batch_bytes: u64,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Validate, then write the briefing PDF and the markdown summaries.
    Report {
        /// The data folder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Where to write the reports.
        #[arg(long, default_value = "reports")]
        out: PathBuf,
        /// The date of the briefing (default: the latest event in the data).
        #[arg(long)]
        as_of: Option<String>,
        /// A folder of templates overriding the built-in ones, file by file.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Check that the reports in --out are current instead of writing them (exit 1 if not).
        #[arg(long)]
        check: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Write the record as data others load: CSV tables with a Frictionless Data Package
    /// descriptor (datapackage.json) and the verdicts as schema.org ClaimReview
    /// (claimreview.jsonld).
    Export {
        /// The data folder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Where to write the export.
        #[arg(long, default_value = "export")]
        out: PathBuf,
        /// The date statuses are computed for (default: the latest event in the data).
        #[arg(long)]
        as_of: Option<String>,
        /// Where the reports folder is published, for the claims' URLs in ClaimReview
        /// (e.g. https://github.com/ORG/treatywatch/blob/main/reports/). Default: relative,
        /// `../reports/`, right for an export folder beside reports/.
        #[arg(long, default_value = "../reports/")]
        base_url: String,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Bring outside records into the data: `import depositary FILE.csv --treaty ID`.
    Import {
        #[command(subcommand)]
        what: ImportKind,
    },
    /// A treaty's status and every party's status on a date.
    Status {
        /// The treaty's id (e.g. inf).
        treaty: String,
        /// The date (default today).
        #[arg(long)]
        as_of: Option<String>,
        /// `text` (a table) or `json` (the same facts, for programs).
        #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
        format: StatusFormat,
        /// The data folder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// Write a skeleton record (`data/<kind>s/<id>.yaml`) with every required field; never
    /// overwrites a file.
    New {
        /// What to create.
        #[arg(value_enum)]
        kind: NewKind,
        /// The new record's id (e.g. lavrov-2019-02-02-inf).
        id: String,
        /// The data folder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// Fill a field: `--set date=2019-02-02 --set claimant=sergey-lavrov` (repeatable).
        /// On a terminal, the fields not given are asked for.
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
    },
    /// What a change does to the record, compared with a base folder or git revision:
    /// records added, removed, changed; statuses; findings; new errors.
    Diff {
        /// The base: a data folder, or a git revision whose `--data` folder is read without a
        /// checkout (e.g. origin/main).
        #[arg(long)]
        base: String,
        /// The data folder (and its path inside the git repository).
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// The date statuses are compared on (default today).
        #[arg(long)]
        as_of: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
    },
    /// Put data files in the canonical layout (record keys in the model's order), keeping
    /// every comment; `--check` lists the files that would change and exits 1.
    Fmt {
        /// Change nothing; exit 1 if a file is not in the canonical layout.
        #[arg(long)]
        check: bool,
        /// The data folder.
        #[arg(long, default_value = "data")]
        data: PathBuf,
    },
    /// List the rules (`--format markdown`: the full reference, as in docs/rules.md).
    Rules {
        /// `text` (one line a rule) or `markdown` (every rule's documentation).
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Print a rule's documentation: what it checks, why, an example that fires, the fix.
    Explain {
        /// The rule's name (see `treatywatch rules`).
        rule: String,
    },
    /// Write schemas/*.schema.json from the model, or check that they match it.
    Schema {
        /// Fail (exit 1) when the files differ from the model instead of writing them.
        #[arg(long)]
        check: bool,
        /// The schemas folder.
        #[arg(long, default_value = "schemas")]
        dir: PathBuf,
    },
    /// Write the generated parts of docs/ (rules.md; the field tables in data-model.md), or
    /// check that they match the code.
    Docs {
        /// Fail (exit 1) when the files differ from the code instead of writing them.
        #[arg(long)]
        check: bool,
        /// The docs folder.
        #[arg(long, default_value = "docs")]
        dir: PathBuf,
    },
}

#[derive(Subcommand)]
enum ImportKind {
    /// Merge a depositary participation table (columns date,state,action,depositary, and
    /// optionally iso3166,note; actions Signatory, Ratification, Accession, Succession,
    /// Withdrawal; a row per deposit, the depositary empty where the table does not name it)
    /// into a treaty's parties: one act per state and action, dated by its earliest deposit,
    /// every deposit kept in the act's `deposits`, every act citing --source. Nothing is
    /// written if a state name is unknown or an act conflicts with the record.
    Depositary(commands::DepositaryArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum StatusFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RulesFormat {
    Text,
    Markdown,
}

/// Runs the command line of this process; returns its exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate {
            data,
            format,
            as_of,
            deny_warnings,
            show_allowed,
            cache,
            batch_bytes,
            limits,
        } => commands::validate(commands::ValidateArgs {
            data,
            format,
            as_of,
            deny_warnings,
            show_allowed,
            cache,
            batching: treatywatch_validator::Batching::of_bytes(batch_bytes),
            limits: limits.limits(),
        }),
        Command::Report {
            data,
            out,
            as_of,
            templates,
            check,
            limits,
        } => commands::report(data, out, as_of, templates, check, limits.limits()),
        Command::Export {
            data,
            out,
            as_of,
            base_url,
            limits,
        } => commands::export(data, out, as_of, base_url, limits.limits()),
        Command::Import {
            what: ImportKind::Depositary(args),
        } => commands::depositary(args),
        Command::Status {
            treaty,
            as_of,
            format,
            data,
        } => commands::status(&data, &treaty, as_of, format == StatusFormat::Json),
        Command::New {
            kind,
            id,
            data,
            set,
        } => {
            let kind = match kind {
                NewKind::Claim => treatywatch_model::RecordKind::Claim,
                NewKind::Source => treatywatch_model::RecordKind::Source,
                NewKind::Actor => treatywatch_model::RecordKind::Actor,
                NewKind::Treaty => treatywatch_model::RecordKind::Treaty,
            };
            let prompt = std::io::IsTerminal::is_terminal(&std::io::stdin());
            scaffold::write_new(&data, kind, &id, &set, prompt).map(|path| {
                println!(
                    "wrote {}: replace every TODO, then run `treatywatch validate`",
                    path.display()
                );
                ExitCode::SUCCESS
            })
        }
        Command::Diff {
            base,
            data,
            as_of,
            format,
        } => commands::diff(&base, &data, as_of, format),
        Command::Fmt { check, data } => commands::fmt(&data, check),
        Command::Rules { format } => commands::rules(format == RulesFormat::Markdown),
        Command::Docs { check, dir } => commands::docs(&dir, check),
        Command::Explain { rule } => commands::explain(&rule),
        Command::Schema { check, dir } => commands::schema(&dir, check),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
