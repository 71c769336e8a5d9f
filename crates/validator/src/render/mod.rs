//! Renderers: one diagnostic type, four output formats. Renderers never decide what is
//! wrong; rules never decide how it is shown.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use treatywatch_loader::{Dataset, Diagnostic};

/// The file a diagnostic is in, as shown to users.
pub(crate) fn path_of<'a>(data: &'a Dataset, d: &Diagnostic) -> &'a str {
    data.files.get(d.file).map_or("", |f| f.path.as_str())
}
