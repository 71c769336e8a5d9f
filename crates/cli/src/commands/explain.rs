//! `treatywatch explain RULE`: one rule's documentation.

use std::process::ExitCode;

use super::print;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The rule's name (see `treatywatch rules`).
    rule: String,
}

pub(crate) fn run(args: Args) -> Result<ExitCode, String> {
    let name = args.rule.as_str();
    let Some(rule) = treatywatch_validator::find_rule(name) else {
        let names: Vec<&str> = treatywatch_validator::RULES
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        return Err(match treatywatch_validator::closest_rule(name) {
            Some(rule) => format!(
                "no rule `{name}`: did you mean `{}`? (`treatywatch rules` lists them all)",
                rule.name
            ),
            None => format!("no rule `{name}`; the rules are: {}", names.join(", ")),
        });
    };
    print(&format!(
        "# {} ({})\n\n{}\n\n{}",
        rule.name,
        rule.severity.as_str(),
        rule.summary,
        rule.docs
    ));
    Ok(ExitCode::SUCCESS)
}
