use treatywatch_loader::Severity;

use treatywatch_loader::Diagnostic;
use treatywatch_model::RecordKind;

use super::Rule;
use crate::context::Context;
use treatywatch_model::RuleName;

pub(super) const RULE: Rule = Rule {
    name: RuleName::IgnoredFile,
    severity: Severity::Error,
    summary: "a file under data/ that is not a record file",
    docs: r#"## What it checks
That every file under `data/` is a record file: a `.yaml`, `.yml` or `.json` file inside one of
`actors/`, `treaties/`, `sources/` or `claims/`, holding at least one record — or an archived
source text, `texts/<source-id>.txt`, named after a source record. Symbolic links are
not followed and are reported here. The data folder's own documentation — `README.md` and its
licence (`LICENSE`, `LICENSE.md` or `LICENSE.txt`) directly in `data/` — is not a stray file,
and temporaries a killed `treatywatch` run left behind (`.NAME.PID-N.tmp`) are not data.

## Why it matters
A claim saved as `claims/new-claim.yml.txt` or under `data/claim/` would otherwise never be
checked nor published, and its contributor would believe it was: so it is an error, and a
folder named like a kind folder (`claim/`, `Sources/`) gets the right name as a hint.

## Example
```text
data/claim/lavrov.yaml      (the folder is `claims/`)
data/claims/notes.txt
```

## Fix
Move or rename the file so it is a record file in its kind's folder, or delete it.
"#,
    check: super::nothing_per_batch,
    check_files: Some(check_files),
    check_facts: None,
};

/// Files the loader could not tell are stray: archived texts (`texts/<id>.txt`) that belong to
/// no source record. The rest of this rule's findings come from the loader.
fn check_files(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (index, file) in ctx.data.files.iter().enumerate() {
        let path = std::path::Path::new(&file.path);
        let Some(id) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if file.kind.is_some() || ctx.archived_text(id).map(|(i, _)| i) != Some(index) {
            continue;
        }
        if ctx.kind_of(id) != Some(RecordKind::Source) {
            out.push(
                Diagnostic::new(
                    RULE.name,
                    RULE.severity,
                    index,
                    treatywatch_loader::Span {
                        line: 1,
                        column: 1,
                        start: 0,
                        end: 0,
                    },
                    format!("an archived text, but no source has the id `{id}`"),
                )
                .with_help("name the file after the source it archives: texts/<source-id>.txt"),
            );
        }
    }
}
