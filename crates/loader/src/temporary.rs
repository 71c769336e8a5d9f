//! The temporary files `treatywatch` writes through (`.NAME.PID-N.tmp` beside the target, then
//! renamed over it): named here, once, so the writer makes them and the loader skips them by
//! the same rule, and a later run can tell a killed run's leftovers from a live run's work.

use std::path::Path;

/// The temporary file for `target_name`, written by process `pid`, `attempt`-th try.
pub fn name(target_name: &str, pid: u32, attempt: u32) -> String {
    format!(".{target_name}.{pid}-{attempt}.tmp")
}

/// The process id of the run that made `path`, if `path` is one of our temporaries.
pub fn writer_pid(path: &Path) -> Option<u32> {
    let name = path.file_name()?.to_str()?;
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tag) = rest.rsplit_once('.')?;
    let (pid, n) = tag.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(pid) || !digits(n) {
        return None;
    }
    pid.parse().ok()
}

/// Whether `path` is one of our temporaries: not data, and not worth a warning.
pub fn is_temporary(path: &Path) -> bool {
    writer_pid(path).is_some()
}

/// Whether the process that wrote a temporary is certainly gone, so its file can be removed.
/// Only where the answer is sure (`/proc` on Linux); elsewhere nothing is ever removed.
pub fn writer_is_gone(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_recognised_and_nothing_else_is() {
        let made = name("x.md", 42, 7);
        assert_eq!(made, ".x.md.42-7.tmp");
        assert_eq!(writer_pid(Path::new(&made)), Some(42));
        assert!(is_temporary(Path::new(".x.md.1-2.tmp")));
        assert!(!is_temporary(Path::new("x.md.1-2.tmp")));
        assert!(!is_temporary(Path::new(".x.md.1-.tmp")));
        assert!(!is_temporary(Path::new(".x.md.-1.tmp")));
        assert!(!is_temporary(Path::new(".claims.yaml.tmp")));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn only_a_finished_process_is_gone() {
        assert!(!writer_is_gone(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(writer_is_gone(pid));
        let live = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        assert!(!writer_is_gone(live.id()));
        let mut live = live;
        live.kill().unwrap();
        live.wait().unwrap();
    }
}
