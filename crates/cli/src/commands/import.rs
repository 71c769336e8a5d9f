//! `treatywatch import depositary`: the table merged by `treatywatch-import`, its outcome
//! printed.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::args::DataArgs;

#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    what: Kind,
}

#[derive(clap::Subcommand)]
enum Kind {
    /// Merge a depositary participation table (columns date,state,action,depositary, and
    /// optionally iso3166,note; actions Signatory, Ratification, Accession, Succession,
    /// Withdrawal; a row per deposit, the depositary empty where the table does not name it)
    /// into a treaty's parties: one act per state and action, dated by its earliest deposit,
    /// every deposit kept in the act's `deposits`, every act citing --source. Nothing is
    /// written if a state name is unknown or an act conflicts with the record.
    Depositary(DepositaryArgs),
}

/// `import depositary`'s arguments.
#[derive(clap::Args)]
struct DepositaryArgs {
    /// The table (CSV, UTF-8, a header row; `#` lines before it say where it came from).
    file: PathBuf,
    /// The treaty's id.
    #[arg(long)]
    treaty: String,
    /// The source record the table came from; every act written cites it.
    #[arg(long)]
    source: String,
    /// Create a state actor for each name that matches none, with the table's `iso3166`
    /// code (lower case) as its id; they are added to data/actors/states.yaml.
    #[arg(long)]
    create_actors: bool,
    /// Where the table dates an act the record already has on another day, keep the
    /// record's act and note the table's date in it (instead of refusing).
    #[arg(long)]
    keep_recorded: bool,
    /// Date a `Withdrawal` row as the withdrawal's taking effect instead of the notice.
    #[arg(long)]
    withdrawal_effective: bool,
    #[command(flatten)]
    data: DataArgs,
}

pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    let Kind::Depositary(args) = args.what;
    let limits = args.data.limits();
    let options = treatywatch_import::Options {
        data_dir: args.data.data,
        table: args.file,
        treaty: args.treaty,
        source: args.source,
        create_actors: args.create_actors,
        keep_recorded: args.keep_recorded,
        withdrawal: if args.withdrawal_effective {
            treatywatch_import::WithdrawalDates::Effective
        } else {
            treatywatch_import::WithdrawalDates::Notice
        },
        limits,
    };
    match treatywatch_import::depositary(&options).map_err(|e| e.to_string())? {
        treatywatch_import::Outcome::Written(lines) => {
            for line in lines {
                println!("{line}");
            }
            Ok(ExitCode::SUCCESS)
        }
        treatywatch_import::Outcome::Unchanged(line) => {
            println!("{line}");
            Ok(ExitCode::SUCCESS)
        }
        treatywatch_import::Outcome::Refused(problems) => {
            for p in problems {
                eprintln!("error: {p}");
            }
            Ok(ExitCode::from(1))
        }
    }
}
