//! `treatywatch new KIND ID`: a skeleton record (`treatywatch_import::scaffold`), its
//! placeholders filled from `--set` and, on a terminal, from answers.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use treatywatch_import::scaffold::{self, Placeholder};
use treatywatch_model::RecordKind;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// What to create.
    #[arg(value_enum)]
    kind: Kind,
    /// The new record's id (e.g. lavrov-2019-02-02-inf).
    id: String,
    /// The data folder.
    #[arg(long, default_value = "data")]
    data: PathBuf,
    /// Fill a field: `--set date=2019-02-02 --set claimant=sergey-lavrov` (repeatable).
    /// On a terminal, the fields not given are asked for.
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
    let mut ask = ask;
    let prompt: Option<&mut scaffold::Ask<'_>> =
        std::io::stdin().is_terminal().then_some(&mut ask as _);
    let path = scaffold::write_new(&args.data, args.kind.into(), &args.id, &args.set, prompt)?;
    println!(
        "wrote {}: replace every TODO, then run `treatywatch validate`",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Asks for one placeholder on the terminal; an empty answer keeps the placeholder.
fn ask(p: &Placeholder) -> Option<String> {
    eprint!("{} ({}): ", p.key, p.hint);
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).ok()?;
    Some(line.trim().to_string())
}
