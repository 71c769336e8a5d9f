//! `treatywatch lsp`: the language server, over stdio (the editor starts it).

use std::path::PathBuf;
use std::process::ExitCode;

use treatywatch_model::Date;

use crate::args::{LimitArgs, date};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The data folder; a relative one is taken from the workspace the editor opens.
    #[arg(long, default_value = "data")]
    data: PathBuf,
    /// The date `future-date` checks against (YYYY-MM-DD; default today).
    #[arg(long, value_parser = date)]
    as_of: Option<Date>,
    /// Accepted for editors that pass it; the server always speaks over stdio.
    #[arg(long, hide = true)]
    stdio: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    let config = treatywatch_lsp::Config {
        data: args.data,
        limits: args.limits.limits(),
        as_of: args.as_of.unwrap_or_else(Date::today),
    };
    let stdin = std::io::stdin();
    let code = treatywatch_lsp::serve(stdin.lock(), std::io::stdout(), config);
    Ok(ExitCode::from(code as u8))
}
