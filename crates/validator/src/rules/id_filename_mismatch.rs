use std::path::Path;

use treatywatch_loader::{Diagnostic, Severity};

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::IdFilenameMismatch,
    severity: Severity::Error,
    summary: "a one-record file not named after its id",
    docs: r#"## What it checks
That a file holding a single record (a mapping, not a list) is named after that record's id:
`data/treaties/inf.yaml` holds `id: inf`.

## Why it matters
Contributors and reviewers find a treaty by its file name. A file `new-start.yaml` holding
`id: start-i` sends every reader to the wrong record.

## Example
```yaml
# data/treaties/new-start.yaml
id: start-i
```

## Fix
Rename the file to `<id>.yaml`, or correct the id.
"#,
    check,
    check_files: None,
    check_facts: None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, record) in ctx.iterated() {
        if record.in_list {
            continue;
        }
        let Some(id) = record.id() else { continue };
        let path = &ctx.data.files[record.file].path;
        let stem = Path::new(path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("");
        if stem != id {
            let ext = Path::new(path)
                .extension()
                .and_then(|s| s.to_str())
                .unwrap_or("yaml");
            out.push(
                ctx.report(
                    &RULE,
                    index,
                    "/id",
                    format!("this file holds `{id}` but is named `{stem}.{ext}`"),
                )
                .with_help(format!("rename the file to `{id}.{ext}`")),
            );
        }
    }
}
