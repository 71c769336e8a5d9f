//! `validate --fix`: the unambiguous fixes applied before validating — the id a "did you
//! mean" hint names (one close id, or the id of a name typed), and the canonical layout
//! (`fmt`). Never a placeholder, never a renamed file. Each file is written atomically, and
//! what changed is listed.

use std::collections::BTreeMap;
use std::path::Path;

use treatywatch_model::Date;
use treatywatch_validator::{Batching, Options, fixes};

use crate::args::DataArgs;

/// Applies the fixes to the data folder; returns a line per change.
pub(crate) fn apply(data: &DataArgs, as_of: Date) -> Result<Vec<String>, String> {
    let listing = data.list()?;
    let limits = data.limits();
    let checked = treatywatch_validator::validate_listing(
        &listing,
        limits,
        &Options { as_of },
        Batching::DEFAULT,
        None,
    );
    let mut by_file: BTreeMap<usize, Vec<(usize, usize, String, u32)>> = BTreeMap::new();
    for d in &checked.outcome.diagnostics {
        if let Some(id) = fixes::replacement(d) {
            by_file.entry(d.file).or_default().push((
                d.span.start as usize,
                d.span.end as usize,
                id.to_string(),
                d.span.line,
            ));
        }
    }
    let mut changes = Vec::new();
    for (file, edits) in by_file {
        let path = listing.display_path(file);
        let raw = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
        // Spans count from after a byte-order mark, which the loader drops.
        let (bom, text) = match raw.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest),
            None => ("", raw.as_str()),
        };
        let mut lines = Vec::new();
        let mut plain = Vec::new();
        for (start, end, with, line) in edits {
            let Some(old) = text.get(start..end) else {
                continue;
            };
            lines.push(format!(
                "{path}:{line}: `{}` → `{with}`",
                old.trim_matches(['"', '\''])
            ));
            plain.push((start, end, with));
        }
        let (fixed, applied) = fixes::apply(text, plain);
        if applied == 0 {
            continue;
        }
        treatywatch_reporting::write_atomic(Path::new(&path), format!("{bom}{fixed}").as_bytes())
            .map_err(|e| format!("cannot write {path}: {e}"))?;
        changes.extend(lines.into_iter().take(applied));
    }
    // Then the canonical layout, on the fixed files.
    let loaded = data.load()?;
    let layout = treatywatch_loader::format::layout(&loaded);
    for (index, text) in &layout.changed {
        let path = &loaded.files[*index].path;
        treatywatch_reporting::write_atomic(Path::new(path), text.as_bytes())
            .map_err(|e| format!("cannot write {path}: {e}"))?;
        changes.push(format!("{path}: put in the canonical layout"));
    }
    Ok(changes)
}
