//! New records (`treatywatch new KIND ID`): a skeleton with every required field, valid except
//! for the placeholders only the contributor can fill in (each one an error on its own line
//! until it is), written to `data/<kind>/<id>.yaml` and never over an existing file. The
//! values a field may take are the model's enums' names.

use std::path::{Path, PathBuf};

use strum::VariantNames;
use treatywatch_model::{ActorKind, ClaimKind, Id, RecordKind, SourceKind, TreatyKind};

/// The names of an enum's values, as a comment lists them.
fn choices<E: VariantNames>(separator: &str) -> String {
    E::VARIANTS.join(separator)
}

/// The skeleton of a record of `kind` with id `id`.
pub fn skeleton(kind: RecordKind, id: &str) -> String {
    let body = match kind {
        RecordKind::Claim => format!(
            "id: {id}\n\
             date: TODO                      # the day it was said: YYYY-MM-DD (or YYYY-MM, YYYY)\n\
             claimant: todo-actor            # who said it: an actor id (data/actors/)\n\
             # on_behalf_of: rus             # the state or organization they spoke for\n\
             kind: violation                 # {claim_kinds}\n\
             treaty: todo-treaty             # a treaty id (data/treaties/)\n\
             accused: todo-actor             # violation/compliance: whose conduct\n\
             # period: 1999/..               # the conduct claimed\n\
             quote: \"TODO: the exact words, short\"\n\
             summary: \"TODO: one neutral sentence stating what is claimed\"\n\
             sources:\n  - source: todo-source        # a source id (data/sources/)\n    locator: \"TODO: paragraph, page or timestamp\"\n",
            claim_kinds = choices::<ClaimKind>(" | ")
        ),
        RecordKind::Source => format!(
            "id: {id}\n\
             title: \"TODO: the document's title\"\n\
             kind: news                      # {source_kinds}\n\
             publisher: \"TODO: who published it\"\n\
             published: TODO                 # YYYY-MM-DD (or YYYY-MM, YYYY)\n\
             url: TODO                       # https://…\n",
            source_kinds = choices::<SourceKind>(" ")
        ),
        RecordKind::Actor => format!(
            "id: {id}\n\
             name: \"TODO: common English name\"\n\
             kind: person                    # {actor_kinds}\n\
             # roles:                        # persons: offices held\n\
             #   - {{title: Minister of Foreign Affairs, of: rus, period: 2004-03-09/..}}\n",
            actor_kinds = choices::<ActorKind>(" | ")
        ),
        RecordKind::Treaty => format!(
            "id: {id}\n\
             name: \"TODO: the full official name\"\n\
             short_name: \"TODO: the short name\"\n\
             kind: bilateral                 # {treaty_kinds}\n\
             opened: TODO                    # signed (bilateral) or opened for signature: YYYY-MM-DD\n\
             # entry_into_force: YYYY-MM-DD\n\
             # withdrawal_notice: P6M\n\
             parties:\n  - actor: todo-actor\n    actions:\n      - {{action: signature, date: TODO}}\n",
            treaty_kinds = choices::<TreatyKind>(" | ")
        ),
    };
    format!(
        "# A new {kind}: replace every TODO, then run `treatywatch validate`.\n{body}",
        kind = kind.name()
    )
}

/// Asks the contributor for a placeholder's value (`None` or empty: keep the placeholder).
pub type Ask<'a> = dyn FnMut(&Placeholder) -> Option<String> + 'a;

/// Writes the skeleton to `<data>/<folder>/<id>.yaml`, its placeholders filled from `values`
/// (`key=value`) and, when `ask` is given, from its answers (an empty answer keeps the
/// placeholder); refuses to overwrite.
pub fn write_new(
    data: &Path,
    kind: RecordKind,
    id: &str,
    values: &[String],
    mut ask: Option<&mut Ask<'_>>,
) -> Result<PathBuf, String> {
    if !Id::is_valid(id) {
        return Err(format!(
            "`{id}` is not a valid id: lower-case letters and digits in dash-separated groups (e.g. lavrov-2019-02-02-inf)"
        ));
    }
    let dir = data.join(kind.folder());
    let path = dir.join(format!("{id}.yaml"));
    if path.exists() {
        return Err(format!(
            "{} already exists; nothing was written",
            path.display()
        ));
    }
    let mut given: Vec<(String, String)> = Vec::new();
    for v in values {
        let (key, value) = v
            .split_once('=')
            .ok_or_else(|| format!("--set takes key=value, not `{v}`"))?;
        given.push((key.trim().to_string(), value.trim().to_string()));
    }
    let mut text = skeleton(kind, id);
    // One placeholder at a time, top to bottom, so line numbers stay valid.
    let mut index = 0;
    while let Some(p) = placeholders(&text).into_iter().nth(index) {
        let answer = match given.iter().position(|(k, _)| *k == p.key) {
            Some(at) => Some(given.remove(at).1),
            None => ask.as_mut().and_then(|ask| ask(&p)),
        };
        match answer.filter(|a| !a.is_empty()) {
            Some(value) => text = fill(&text, &p, &value),
            None => index += 1,
        }
    }
    if let Some((key, _)) = given.first() {
        return Err(format!(
            "`{key}` is not a field to fill in a new {}",
            kind.name()
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // Written whole (temporary file, then linked into place) and never over an existing
    // record: a killed run leaves no file or the whole file.
    treatywatch_loader::temporary::write_new_atomic(&path, text.as_bytes()).map_err(|e| match e
        .kind()
    {
        std::io::ErrorKind::AlreadyExists => {
            format!("{} already exists; nothing was written", path.display())
        }
        _ => format!("cannot write {}: {e}", path.display()),
    })?;
    Ok(path)
}

/// A placeholder in a skeleton: its line, key, and the hint in its comment.
pub struct Placeholder {
    pub line: usize,
    pub key: String,
    pub hint: String,
}

/// The placeholders a contributor fills in (`TODO` values and `todo-` ids).
pub fn placeholders(skeleton: &str) -> Vec<Placeholder> {
    skeleton
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#'))
        .filter_map(|(line, l)| {
            let body = l.trim_start().trim_start_matches("- ");
            let (key, rest) = body.split_once(": ")?;
            let (value, hint) = rest.split_once(" #").unwrap_or((rest, ""));
            let value = value.trim().trim_matches('"');
            (value.starts_with("TODO") || value.starts_with("todo-")).then(|| Placeholder {
                line,
                key: key.trim().to_string(),
                hint: if hint.trim().is_empty() {
                    value.trim_start_matches("TODO: ").to_string()
                } else {
                    hint.trim().to_string()
                },
            })
        })
        .collect()
}

/// Writes `value` for the placeholder: plain when it is an id, a date or a URL, else quoted.
pub fn fill(skeleton: &str, placeholder: &Placeholder, value: &str) -> String {
    let plain = Id::is_valid(value)
        || treatywatch_model::Date::parse(value).is_ok()
        || ((value.starts_with("https://") || value.starts_with("http://"))
            && !value.contains([' ', '#']));
    let rendered = if plain {
        value.to_string()
    } else {
        serde_json::to_string(value).unwrap_or_else(|_| "\"\"".into())
    };
    skeleton
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i != placeholder.line {
                return l.to_string();
            }
            let indent = &l[..l.len() - l.trim_start().len()];
            let dash = if l.trim_start().starts_with("- ") {
                "- "
            } else {
                ""
            };
            format!("{indent}{dash}{}: {rendered}", placeholder.key)
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
