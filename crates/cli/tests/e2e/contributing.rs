//! CONTRIBUTING.md's walkthrough is the tool's real output. Each step marked
//! `<!-- check: new ARGS -->` is followed by a YAML block: the file `treatywatch new ARGS`
//! writes in a copy of the bundled data. Each step marked `<!-- check: validate PATH -->` is
//! followed by a YAML block (the file a contributor writes at `data/PATH`) and a text block:
//! what `treatywatch validate` says about that file, in a copy of the bundled data. Run with
//! `TREATYWATCH_UPDATE_DOCS=1` to write the real output into CONTRIBUTING.md (then read the
//! diff).

use super::*;

/// One checked step: the marker's words, and the byte ranges of the blocks after it that the
/// tool's output must match (their contents, without the fences).
struct Step {
    command: Vec<String>,
    /// The YAML block: for `new`, what it writes; for `validate`, the input.
    yaml: std::ops::Range<usize>,
    /// For `validate`, the text block of what it says.
    said: Option<std::ops::Range<usize>>,
}

/// The content range of the next fenced block of `language` after `from`.
fn block(text: &str, from: usize, language: &str) -> Option<std::ops::Range<usize>> {
    let fence = format!("```{language}\n");
    let start = text[from..].find(&fence)? + from + fence.len();
    let end = if text[start..].starts_with("```") {
        start
    } else {
        text[start..].find("\n```")? + start + 1
    };
    Some(start..end)
}

fn steps(text: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("<!-- check: ") {
        let at = at + from;
        let end = text[at..].find(" -->").unwrap() + at;
        let command: Vec<String> = text[at + 12..end]
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let yaml = block(text, end, "yaml").unwrap();
        let said = (command[0] == "validate").then(|| block(text, yaml.end, "text").unwrap());
        from = said.clone().map_or(yaml.end, |s| s.end);
        steps.push(Step {
            command,
            yaml,
            said,
        });
    }
    steps
}

/// A copy of the bundled data in a scratch folder, as `data/`: the tool runs there, so
/// paths print as a contributor sees them.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    copy_dir(&workspace().join("data"), &dir.path().join("data"));
    dir
}

fn treatywatch(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_treatywatch"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// What `validate` says about `path` alone: its diagnostics, each as printed.
fn said_about(output: &str, path: &str) -> String {
    let mut out = String::new();
    for block in output.split("\n\n") {
        if block
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains(&format!(" {path}:")))
        {
            out.push_str(block.trim_end());
            out.push_str("\n\n");
        }
    }
    out.trim_end().to_string() + "\n"
}

#[test]
fn the_walkthrough_is_what_the_tool_says() {
    let path = workspace().join("CONTRIBUTING.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let steps = steps(&text);
    assert!(
        steps.len() >= 6,
        "the walkthrough's checked steps: {}",
        steps.len()
    );
    let mut updated = text.clone();
    let mut wrong = Vec::new();
    // Replaced from the end, so earlier ranges stay valid.
    for step in steps.iter().rev() {
        let args: Vec<&str> = step.command.iter().map(String::as_str).collect();
        let dir = scratch();
        let (range, actual) = match args[0] {
            "new" => {
                let o = treatywatch(dir.path(), &args);
                assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
                let written = format!("data/{}s/{}.yaml", args[1], args[2]);
                (
                    step.yaml.clone(),
                    std::fs::read_to_string(dir.path().join(written)).unwrap(),
                )
            }
            "validate" => {
                let file = format!("data/{}", args[1]);
                let target = dir.path().join(&file);
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::write(&target, &text[step.yaml.clone()]).unwrap();
                let o = treatywatch(dir.path(), &["validate", "--as-of", AS_OF]);
                (step.said.clone().unwrap(), said_about(&stdout(&o), &file))
            }
            other => panic!("no such step: {other}"),
        };
        if text[range.clone()] != actual {
            wrong.push(format!(
                "{args:?} in CONTRIBUTING.md says:\n{}\nbut the tool says:\n{actual}",
                &text[range.clone()]
            ));
            updated.replace_range(range, &actual);
        }
    }
    if std::env::var_os("TREATYWATCH_UPDATE_DOCS").is_some() && updated != text {
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        wrong.is_empty(),
        "{}\n(TREATYWATCH_UPDATE_DOCS=1 writes the tool's output in; read the diff)",
        wrong.join("\n")
    );
}
