use treatywatch_loader::Severity;

use treatywatch_model::RuleName;

use super::{Rule, reported_by_loader};

pub(super) const RULE: Rule = Rule {
    name: RuleName::DuplicateKey,
    severity: Severity::Error,
    summary: "a mapping repeats a key",
    docs: r#"## What it checks
That no mapping in a data file has the same key twice.

## Why it matters
Most YAML readers silently keep the last of two equal keys, so one of the two values is lost
without anyone noticing — often the one a reviewer read. treatywatch keeps the first and
reports the second.

## Example
```yaml
id: lavrov-2019-02-02-inf
summary: The US has violated the INF Treaty since 1999.
summary: The US violated the treaty.
```

## Fix
Delete one of the two entries, keeping the value you mean.
"#,
    check: reported_by_loader,
    check_files: None,
    check_facts: None,
};
