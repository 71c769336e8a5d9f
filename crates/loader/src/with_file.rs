//! A dataset with one record file's text replaced or added in memory: what a record would do
//! to the dataset, checked before anything is written (`treatywatch new`).

use std::path::Path;

use treatywatch_model::RecordKind;

use crate::walk::Found;
use crate::{Dataset, Limits, display_path, read};

impl Dataset {
    /// This dataset with `text` as the record file at `relative` (a path inside the data
    /// folder, `claims/x.yaml`): in place of the file of that path, else added. What a record
    /// would do to the dataset is then checked before anything is written.
    pub fn with_file(&self, relative: &Path, text: &str, limits: Limits) -> Dataset {
        let path = self.root.join(relative);
        let kind = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .and_then(RecordKind::from_folder);
        let shown = display_path(&path);
        let index = self
            .files
            .iter()
            .position(|f| f.path == shown)
            .unwrap_or(self.files.len());
        let result = read::parse(
            index,
            &Found::Data(path, kind),
            text.as_bytes().to_vec(),
            limits,
        );
        let mut data = Dataset {
            root: self.root.clone(),
            files: self.files.clone(),
            records: self
                .records
                .iter()
                .filter(|r| r.file != index)
                .cloned()
                .collect(),
            problems: self
                .problems
                .iter()
                .filter(|p| p.file != index)
                .cloned()
                .collect(),
        };
        if index == data.files.len() {
            data.files.push(result.file);
        } else {
            data.files[index] = result.file;
        }
        data.records.extend(result.records);
        data.problems.extend(result.problems);
        data
    }
}
