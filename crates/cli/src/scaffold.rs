//! `treatywatch new KIND ID`: a skeleton record with every required field, valid except for
//! the placeholders only the contributor can fill in (each one an error on its own line until
//! it is), written to `data/<kind>/<id>.yaml` and never over an existing file.

use std::io::Write;
use std::path::{Path, PathBuf};

use treatywatch_model::{Id, RecordKind};

/// The skeleton of a record of `kind` with id `id`.
pub fn skeleton(kind: RecordKind, id: &str) -> String {
    let body = match kind {
        RecordKind::Claim => format!(
            "id: {id}\n\
             date: TODO                      # the day it was said: YYYY-MM-DD (or YYYY-MM, YYYY)\n\
             claimant: todo-actor            # who said it: an actor id (data/actors/)\n\
             # on_behalf_of: rus             # the state or organization they spoke for\n\
             kind: violation                 # violation | compliance | status | withdrawal | other\n\
             treaty: todo-treaty             # a treaty id (data/treaties/)\n\
             accused: todo-actor             # violation/compliance: whose conduct\n\
             # period: 1999/..               # the conduct claimed\n\
             quote: \"TODO: the exact words, short\"\n\
             summary: \"TODO: one neutral sentence stating what is claimed\"\n\
             sources:\n  - source: todo-source        # a source id (data/sources/)\n    locator: \"TODO: paragraph, page or timestamp\"\n"
        ),
        RecordKind::Source => format!(
            "id: {id}\n\
             title: \"TODO: the document's title\"\n\
             kind: news                      # transcript statement report news opinion treaty-text law academic other\n\
             publisher: \"TODO: who published it\"\n\
             published: TODO                 # YYYY-MM-DD (or YYYY-MM, YYYY)\n\
             url: TODO                       # https://…\n"
        ),
        RecordKind::Actor => format!(
            "id: {id}\n\
             name: \"TODO: common English name\"\n\
             kind: person                    # state | organization | person\n\
             # roles:                        # persons: offices held\n\
             #   - {{title: Minister of Foreign Affairs, of: rus, period: 2004-03-09/..}}\n"
        ),
        RecordKind::Treaty => format!(
            "id: {id}\n\
             name: \"TODO: the full official name\"\n\
             short_name: \"TODO: the short name\"\n\
             kind: bilateral                 # bilateral | multilateral\n\
             opened: TODO                    # signed (bilateral) or opened for signature: YYYY-MM-DD\n\
             # entry_into_force: YYYY-MM-DD\n\
             # withdrawal_notice: P6M\n\
             parties:\n  - actor: todo-actor\n    actions:\n      - {{action: signature, date: TODO}}\n"
        ),
    };
    format!(
        "# A new {kind}: replace every TODO, then run `treatywatch validate`.\n{body}",
        kind = kind.name()
    )
}

/// Writes the skeleton to `<data>/<folder>/<id>.yaml`; refuses to overwrite.
pub fn write_new(data: &Path, kind: RecordKind, id: &str) -> Result<PathBuf, String> {
    if !Id::is_valid(id) {
        return Err(format!(
            "`{id}` is not a valid id: lower-case letters and digits in dash-separated groups (e.g. lavrov-2019-02-02-inf)"
        ));
    }
    let dir = data.join(kind.folder());
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(format!("{id}.yaml"));
    // `create_new` fails if the file exists: an existing record is never overwritten.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                format!("{} already exists; nothing was written", path.display())
            }
            _ => format!("cannot create {}: {e}", path.display()),
        })?;
    let text = skeleton(kind, id);
    if let Err(e) = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
    {
        let _ = std::fs::remove_file(&path);
        return Err(format!("cannot write {}: {e}", path.display()));
    }
    Ok(path)
}
