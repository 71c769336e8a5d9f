use treatywatch_loader::Severity;

use treatywatch_model::RuleName;

use super::{Rule, reported_by_loader};

pub(super) const RULE: Rule = Rule {
    name: RuleName::ParseError,
    severity: Severity::Error,
    summary: "the file is not valid YAML/JSON (or breaks a reading limit)",
    docs: r#"## What it checks
That every data file is UTF-8 text holding one valid YAML 1.2 (or JSON) document, within the
reading limits: nesting depth, alias expansion, number of values and file size. Tags such as
`!!python/object` are refused: data files hold plain YAML.

## Why it matters
A file that cannot be read cannot be checked: none of its records reach the other rules. The
limits keep a hostile pull request (an alias bomb, a 100 000-deep nesting) from stalling CI.

## Example
```yaml
id: inf
name: [Treaty on the Elimination of Intermediate-Range and Shorter-Range Missiles
```
The flow sequence is never closed.

The mistakes people make are named in plain words and placed on the character at fault,
with the fix: a tab (YAML indents with spaces only), `: ` inside an unquoted value, a line
indented unlike its neighbours (with the indentation expected), a quote never closed or
closed with a typographic quote, a value starting with `@` or a backtick. Other errors keep
the parser's words.

## Fix
Correct the syntax at the line shown. Quote values that contain `: `, `#`, `[` or `{`.
"#,
    check: reported_by_loader,
    check_files: None,
    check_facts: None,
};
