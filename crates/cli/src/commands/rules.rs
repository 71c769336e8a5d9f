//! `treatywatch rules`: the registry, one line a rule or the full reference.

use std::process::ExitCode;

use super::print;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// `text` (one line a rule) or `markdown` (every rule's documentation).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Markdown,
}

pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    if args.format == Format::Markdown {
        print(&treatywatch_validator::docs::rules_markdown());
        return Ok(ExitCode::SUCCESS);
    }
    let rules = treatywatch_validator::RULES;
    let width = rules
        .iter()
        .map(|r| r.name.as_str().len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for rule in rules {
        text.push_str(&format!(
            "{:<width$}  {:<7}  {}\n",
            rule.name.as_str(),
            rule.severity.as_str(),
            rule.summary
        ));
    }
    print(&text);
    Ok(ExitCode::SUCCESS)
}
