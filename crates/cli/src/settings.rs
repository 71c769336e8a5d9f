//! The project's settings: `treatywatch.toml` beside the data folder (in the repository's
//! root for the bundled `data/`). One setting so far: where the site is published.

use std::path::Path;

use serde::Deserialize;

/// The settings file's name.
pub(crate) const FILE: &str = "treatywatch.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    site: Site,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Site {
    base_url: Option<String>,
}

/// What the settings say.
#[derive(Debug, Default)]
pub(crate) struct Settings {
    /// Where the site is published: an absolute http(s) URL ending in `/`.
    pub(crate) site_base_url: Option<String>,
}

/// A base URL as the site needs it: absolute http(s), a folder (ending in `/`).
pub(crate) fn checked_base_url(url: &str, what: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host)
            if !host.is_empty()
                && !host.starts_with('/')
                && !url.contains(['<', '>', '"', ' ', '\'', '`', '#', '?']) =>
        {
            Ok(if url.ends_with('/') {
                url.to_string()
            } else {
                format!("{url}/")
            })
        }
        _ => Err(format!(
            "{what}: `{url}` is not an absolute http(s) address of a folder (e.g. https://example.org/treatywatch/)"
        )),
    }
}

/// The settings beside the data folder `data`, or none when there is no settings file.
pub(crate) fn beside(data: &Path) -> Result<Settings, String> {
    let parent = data
        .canonicalize()
        .ok()
        .and_then(|d| d.parent().map(Path::to_path_buf));
    let Some(path) = parent.map(|p| p.join(FILE)) else {
        return Ok(Settings::default());
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let file: File = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let what = format!("{}: site.base_url", path.display());
    Ok(Settings {
        site_base_url: file
            .site
            .base_url
            .map(|u| checked_base_url(&u, &what))
            .transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_is_an_absolute_folder_address() {
        assert_eq!(
            checked_base_url("https://x.org/tw", "t").as_deref(),
            Ok("https://x.org/tw/")
        );
        assert_eq!(
            checked_base_url("http://localhost:8000/", "t").as_deref(),
            Ok("http://localhost:8000/")
        );
        for bad in [
            "",
            "x.org/tw/",
            "/tw/",
            "https://",
            "https:///x",
            "javascript:alert(1)",
            "https://x.org/\"><script>",
        ] {
            assert!(checked_base_url(bad, "t").is_err(), "{bad}");
        }
    }

    #[test]
    fn settings_are_read_beside_the_data_folder_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        assert!(beside(&data).unwrap().site_base_url.is_none());
        std::fs::write(
            dir.path().join(FILE),
            "[site]\nbase_url = \"https://x.org/tw\"\n",
        )
        .unwrap();
        assert_eq!(
            beside(&data).unwrap().site_base_url.as_deref(),
            Some("https://x.org/tw/")
        );
        std::fs::write(dir.path().join(FILE), "[site]\nbase-url = 1\n").unwrap();
        let error = beside(&data).unwrap_err();
        assert!(
            error.contains("treatywatch.toml") && error.contains("line 2"),
            "{error}"
        );
        std::fs::write(dir.path().join(FILE), "[site]\nbase_url = \"ftp://x\"\n").unwrap();
        assert!(beside(&data).unwrap_err().contains("site.base_url"));
    }
}
