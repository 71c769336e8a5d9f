//! `treatywatch rules` and `treatywatch explain`: the registry, for people.

use super::*;

pub(crate) fn rules(markdown: bool) -> Result<ExitCode, String> {
    if markdown {
        print(&treatywatch_validator::docs::rules_markdown());
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = String::new();
    let width = treatywatch_validator::RULES
        .iter()
        .map(|r| r.name.as_str().len())
        .max()
        .unwrap_or(0);
    for rule in treatywatch_validator::RULES {
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

pub(crate) fn explain(name: &str) -> Result<ExitCode, String> {
    let Some(rule) = treatywatch_validator::find_rule(name) else {
        let names: Vec<&str> = treatywatch_validator::RULES
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        return Err(format!(
            "no rule `{name}`; the rules are: {}",
            names.join(", ")
        ));
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
