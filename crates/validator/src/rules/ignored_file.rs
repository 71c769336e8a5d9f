use treatywatch_loader::Severity;

use super::{Rule, reported_by_loader};

pub const RULE: Rule = Rule {
    name: "ignored-file",
    severity: Severity::Warning,
    summary: "a file under data/ that is not a record file",
    docs: r#"## What it checks
That every file under `data/` is a record file: a `.yaml`, `.yml` or `.json` file inside one of
`actors/`, `treaties/`, `sources/` or `claims/`, holding at least one record. Symbolic links are
not followed and are reported here. The data folder's own documentation — `README.md` and its
licence (`LICENSE`, `LICENSE.md` or `LICENSE.txt`) directly in `data/` — is not a stray file,
and temporaries a killed `treatywatch` run left behind (`.NAME.PID-N.tmp`) are not data.

## Why it matters
A claim saved as `claims/new-claim.yml.txt` or under `data/claim/` would otherwise never be
checked nor published, and its contributor would believe it was.

## Example
```text
data/claim/lavrov.yaml      (the folder is `claims/`)
data/claims/notes.txt
```

## Fix
Move or rename the file so it is a record file in its kind's folder, or delete it.
"#,
    check: reported_by_loader,
};
