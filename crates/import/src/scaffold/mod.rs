//! New records (`treatywatch new KIND ID`). The skeleton is generated from the model's JSON
//! Schema, so `new` cannot drift from it: every field in the model's order, the required ones
//! (and those the chosen `kind` of claim requires) filled from `--set` or left as placeholders
//! that the `placeholder` rule reports, the optional ones as comments with an example. A value
//! is checked against its field's shape when it is set (an id, a date, one of the model's
//! values); what it names is the validator's to check, on the whole record.

mod fields;
mod text;

use std::path::{Path, PathBuf};

use treatywatch_model::{Date, Duration, Id, Period, RecordKind};

use fields::required_by_kind;
pub use fields::{Field, Shape, fields};

/// A new record being put together: its values so far, by field.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: RecordKind,
    pub id: String,
    fields: Vec<Field>,
    /// Values by field name, in the order given; lists hold several.
    values: Vec<(String, Vec<String>)>,
}

impl Draft {
    /// A draft of a `kind` record with this id (refused when it is not an id).
    pub fn new(kind: RecordKind, id: &str) -> Result<Draft, String> {
        if !Id::is_valid(id) {
            return Err(format!(
                "`{id}` is not a valid id: lower-case letters and digits in dash-separated groups (e.g. lavrov-2019-02-02-inf)"
            ));
        }
        Ok(Draft {
            kind,
            id: id.to_string(),
            fields: fields(kind),
            values: Vec::new(),
        })
    }

    /// The fields `--set` can fill: every field but `id` and the ones written by hand, and
    /// the fields of a citation (`source`, `locator`: the first citation's).
    pub fn settable(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .fields
            .iter()
            .filter(|f| f.name != "id" && f.shape != Shape::Nested)
            .map(|f| f.name.clone())
            .collect();
        if self
            .field("sources")
            .is_some_and(|f| f.shape == Shape::Citations)
        {
            out.extend(["source".to_string(), "locator".to_string()]);
        }
        out
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Sets every `key=value` of `pairs`; lists take several values, comma-separated or in
    /// repeated pairs.
    pub fn set_all(&mut self, pairs: &[String]) -> Result<(), String> {
        for pair in pairs {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("--set takes key=value, not `{pair}`"))?;
            self.set(key.trim(), value.trim())?;
        }
        Ok(())
    }

    /// Sets a field, checking the value against the field's shape. An empty value unsets it.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        if !self.settable().iter().any(|k| k == key) {
            return Err(format!(
                "`{key}` is not a field of a new {} that --set can fill; these are: {}",
                self.kind.name(),
                self.settable().join(", ")
            ));
        }
        let list = self.is_list(key);
        self.values.retain(|(k, _)| k != key || list);
        if value.is_empty() {
            self.values.retain(|(k, _)| k != key);
            return Ok(());
        }
        let items: Vec<&str> = if list {
            value
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .collect()
        } else {
            vec![value]
        };
        for item in &items {
            self.check(key, item)?;
        }
        let at = match self.values.iter().position(|(k, _)| k == key) {
            Some(at) => at,
            None => {
                self.values.push((key.to_string(), Vec::new()));
                self.values.len() - 1
            }
        };
        self.values[at]
            .1
            .extend(items.into_iter().map(str::to_string));
        Ok(())
    }

    /// Forgets a field's value.
    pub fn unset(&mut self, key: &str) {
        self.values.retain(|(k, _)| k != key);
    }

    fn is_list(&self, key: &str) -> bool {
        key == "source"
            || self
                .field(key)
                .is_some_and(|f| matches!(f.shape, Shape::Ids | Shape::Texts | Shape::Citations))
    }

    /// The shape `key` (a field, or a citation's `source`/`locator`) takes.
    fn shape_of(&self, key: &str) -> Shape {
        match key {
            "source" => Shape::Id,
            "locator" => Shape::Text,
            _ => self.field(key).map_or(Shape::Text, |f| match &f.shape {
                Shape::Ids | Shape::Citations => Shape::Id,
                Shape::Texts => Shape::Text,
                other => other.clone(),
            }),
        }
    }

    fn check(&self, key: &str, value: &str) -> Result<(), String> {
        let problem = match self.shape_of(key) {
            Shape::Id if !Id::is_valid(value) => Some(format!(
                "`{value}` is not an id: lower-case letters and digits in dash-separated groups"
            )),
            Shape::Date => Date::parse(value).err().map(|e| e.to_string()),
            Shape::Period => Period::parse(value).err().map(|e| e.to_string()),
            Shape::Duration => Duration::parse(value).err().map(|e| e.to_string()),
            Shape::Url if !(value.starts_with("https://") || value.starts_with("http://")) => {
                Some(format!("`{value}` is not an http(s) URL"))
            }
            Shape::Flag if !matches!(value, "true" | "false") => {
                Some(format!("`{value}` is not `true` or `false`"))
            }
            Shape::Choice(choices) if !choices.iter().any(|c| c == value) => {
                let closest = choices
                    .iter()
                    .map(|c| (strsim::jaro_winkler(value, c), c))
                    .filter(|(score, _)| *score >= 0.8)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, c)| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                Some(format!(
                    "`{value}` is not one of {}{closest}",
                    choices
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
            _ => None,
        };
        match problem {
            Some(p) => Err(format!("{key}: {p}")),
            None => Ok(()),
        }
    }

    /// A field's value, when it is set (lists joined with commas).
    pub fn value(&self, key: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.join(", "))
    }

    /// The fields the record needs, in the order a contributor is asked for them: `kind`
    /// first (it decides the others), then the model's order.
    pub fn needed(&self) -> Vec<&Field> {
        let extra = required_by_kind(self.kind, self.value("kind").as_deref());
        let mut needed: Vec<&Field> = self
            .fields
            .iter()
            .filter(|f| f.name != "id" && (f.required || extra.contains(&f.name)))
            .collect();
        needed.sort_by_key(|f| f.name != "kind");
        needed
    }

    /// Whether `key` has a value (a citation's fields: through `source`).
    fn has(&self, key: &str) -> bool {
        self.values.iter().any(|(k, _)| k == key)
            || (key == "sources" && self.values.iter().any(|(k, _)| k == "source"))
    }

    /// The needed fields still without a value.
    pub fn missing(&self) -> Vec<&Field> {
        self.needed()
            .into_iter()
            .filter(|f| !self.has(&f.name))
            .collect()
    }
}

/// Writes the draft to `<data>/<folder>/<id>.yaml`, whole (a temporary file linked into
/// place), never over an existing file.
pub fn write_new(data: &Path, draft: &Draft) -> Result<PathBuf, String> {
    let dir = data.join(draft.kind.folder());
    let path = dir.join(format!("{}.yaml", draft.id));
    if path.exists() {
        return Err(format!(
            "{} already exists; nothing was written",
            path.display()
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    treatywatch_loader::temporary::write_new_atomic(&path, draft.text().as_bytes()).map_err(
        |e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                format!("{} already exists; nothing was written", path.display())
            }
            _ => format!("cannot write {}: {e}", path.display()),
        },
    )?;
    Ok(path)
}

/// The path (inside the data folder) the draft is written to.
pub fn relative_path(draft: &Draft) -> PathBuf {
    Path::new(draft.kind.folder()).join(format!("{}.yaml", draft.id))
}
