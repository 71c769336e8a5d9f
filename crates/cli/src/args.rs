//! Arguments more than one command takes: the data folder with its reading limits, and dates.

use std::path::PathBuf;

use treatywatch_loader::{Dataset, Limits, Listing};
use treatywatch_model::Date;

/// The data folder, and the limits it is read within: every command that reads data.
#[derive(clap::Args, Clone)]
pub(crate) struct DataArgs {
    /// The data folder.
    #[arg(long, default_value = "data")]
    pub(crate) data: PathBuf,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
}

impl DataArgs {
    /// Loads the whole data folder.
    pub(crate) fn load(&self) -> Result<Dataset, String> {
        treatywatch_loader::load(&self.data, self.limits()).map_err(|e| e.to_string())
    }

    /// The settings beside the data folder (`treatywatch.toml`).
    pub(crate) fn settings(&self) -> Result<crate::settings::Settings, String> {
        crate::settings::beside(&self.data)
    }

    /// Lists the data folder's files, reading none.
    pub(crate) fn list(&self) -> Result<Listing, String> {
        treatywatch_loader::list(&self.data).map_err(|e| e.to_string())
    }

    pub(crate) fn limits(&self) -> Limits {
        self.limits.limits()
    }

    /// Refuses an output folder inside the data folder (or the data folder itself): what is
    /// written there would be read back as data (`datapackage.json` as a claim).
    pub(crate) fn refuse_inside(&self, out: &std::path::Path) -> Result<(), String> {
        let absolute = |p: &std::path::Path| -> PathBuf {
            // The output folder may not exist yet: its nearest existing ancestor decides.
            let mut existing = p.to_path_buf();
            let mut rest = Vec::new();
            while !existing.exists() {
                match (
                    existing.file_name().map(|n| n.to_os_string()),
                    existing.parent(),
                ) {
                    (Some(name), Some(parent)) => {
                        rest.push(name);
                        existing = parent.to_path_buf();
                    }
                    _ => break,
                }
            }
            let mut full = std::fs::canonicalize(if existing.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                &existing
            })
            .unwrap_or(existing);
            full.extend(rest.iter().rev());
            full
        };
        if absolute(out).starts_with(absolute(&self.data)) {
            return Err(format!(
                "`{}` is inside the data folder `{}`: what is written there would be read as data; write it elsewhere (--out)",
                out.display(),
                self.data.display()
            ));
        }
        Ok(())
    }
}

/// Reading limits, raised by flags for unusually large data.
#[derive(clap::Args, Clone)]
pub(crate) struct LimitArgs {
    /// Largest data file read, in bytes.
    #[arg(long, default_value_t = Limits::default().max_file_bytes)]
    max_file_bytes: u64,
    /// Deepest nesting of lists and mappings in a data file.
    #[arg(long, default_value_t = Limits::default().max_depth)]
    max_depth: usize,
    /// Most values (aliases expanded) in one data file.
    #[arg(long, default_value_t = Limits::default().max_nodes)]
    max_nodes: usize,
    /// Most values YAML aliases may add to one data file.
    #[arg(long, default_value_t = Limits::default().max_alias_nodes)]
    max_alias_nodes: usize,
    /// Most records in one list file.
    #[arg(long, default_value_t = Limits::default().max_records)]
    max_records: usize,
}

impl LimitArgs {
    pub(crate) fn limits(&self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_bytes,
            max_depth: self.max_depth,
            max_nodes: self.max_nodes,
            max_alias_nodes: self.max_alias_nodes,
            max_records: self.max_records,
        }
    }
}

/// A date flag (`--as-of`): parsed by clap, so a bad date is a usage error (exit 2) before
/// anything is read.
pub(crate) fn date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|e| e.to_string())
}
