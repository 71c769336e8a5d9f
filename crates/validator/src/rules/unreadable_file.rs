use treatywatch_loader::Severity;

use treatywatch_model::RuleName;

use super::{Rule, reported_by_loader};

pub(super) const RULE: Rule = Rule {
    name: RuleName::UnreadableFile,
    severity: Severity::Error,
    summary: "a file under data/ could not be read (permissions, I/O error)",
    docs: r#"## What it checks
That every file under the data folder can be opened and read. `validate` exits with status 2
when one cannot: the check could not run on the whole dataset.

## Why it matters
A file that cannot be read is a file whose records are silently missing from every check and
every report.

## Example
```text
data/claims/new.yaml   (mode 000)
```

## Fix
Make the file readable (`chmod a+r`), or remove it.
"#,
    check: reported_by_loader,
    check_files: None,
    check_facts: None,
};
