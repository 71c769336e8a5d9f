//! `treatywatch site`: written where asked, never over someone else's files, stale pages
//! removed, the base URL from the flag or from treatywatch.toml beside the data folder, the
//! templates overridable, and nothing written from data with errors.

use super::*;

fn site(data: &str, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["site", "--data", data, "--out", out.to_str().unwrap()];
    args.extend(extra);
    run(&args)
}

#[test]
fn without_a_base_url_links_are_relative_and_the_command_says_there_is_no_claimreview() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = site(VALID, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("wrote the site to"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("python3 -m http.server -d"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("no page carries a ClaimReview"),
        "{}",
        stderr(&o)
    );
    let claim =
        std::fs::read_to_string(out.join("claims/author-2019-02-03-start-ii-in-force.html"))
            .unwrap();
    assert!(!claim.contains("application/ld+json"));
    assert!(claim.contains("href=\"../treaties/start-ii.html\""));
}

#[test]
fn the_base_url_comes_from_the_flag_or_from_treatywatch_toml_beside_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    copy_dir(&workspace().join(VALID), &data);
    std::fs::write(
        dir.path().join("treatywatch.toml"),
        "[site]\nbase_url = \"https://example.org/tw\"\n",
    )
    .unwrap();
    let out = dir.path().join("site");
    let o = site(data.to_str().unwrap(), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("https://example.org/tw/"),
        "{}",
        stdout(&o)
    );
    let claim =
        std::fs::read_to_string(out.join("claims/author-2019-02-03-start-ii-in-force.html"))
            .unwrap();
    assert!(claim.contains(
        "\"url\": \"https://example.org/tw/claims/author-2019-02-03-start-ii-in-force.html\""
    ));
    // The flag wins.
    let o = site(
        data.to_str().unwrap(),
        &out,
        &["--base-url", "https://other.org/x/"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let claim =
        std::fs::read_to_string(out.join("claims/author-2019-02-03-start-ii-in-force.html"))
            .unwrap();
    assert!(claim.contains("\"url\": \"https://other.org/x/claims/"));
    // A base URL that is not an absolute http(s) folder address is refused, with where it
    // came from.
    let o = site(
        data.to_str().unwrap(),
        &out,
        &["--base-url", "javascript:alert(1)"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--base-url"), "{}", stderr(&o));
    std::fs::write(
        dir.path().join("treatywatch.toml"),
        "[site]\nbase_url = 3\n",
    )
    .unwrap();
    let o = site(data.to_str().unwrap(), &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("treatywatch.toml") && stderr(&o).contains("line 2"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_folder_with_other_files_is_refused_and_a_previous_site_loses_its_stale_pages() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("notes");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("mine.txt"), "keep me").unwrap();
    let o = site(VALID, &other, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("holds files but no site"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_dir(&other).unwrap().count(), 1);

    let out = dir.path().join("site");
    assert_eq!(site(VALID, &out, &[]).status.code(), Some(0));
    std::fs::write(out.join("claims/removed-claim.html"), "old").unwrap();
    std::fs::write(out.join("claims/readme.txt"), "not a page").unwrap();
    assert_eq!(site(VALID, &out, &[]).status.code(), Some(0));
    assert!(!out.join("claims/removed-claim.html").exists());
    assert!(out.join("claims/readme.txt").exists());
}

#[test]
fn data_with_errors_writes_no_site_and_an_output_inside_the_data_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = site(PROBLEMS, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no site was written"), "{}", stderr(&o));
    assert!(!out.exists());
    let o = run(&["site", "--data", VALID, "--out", &format!("{VALID}/site")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_template_overrides_its_page_only() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("about.html"),
        "{% extends \"layout.html\" %}{% block title %}Ours{% endblock %}{% block main %}<p>{{ \"<b>\" }} as of {{ report.as_of }}</p>{% endblock %}",
    )
    .unwrap();
    let out = dir.path().join("site");
    let o = site(
        VALID,
        &out,
        &[
            "--templates",
            templates.to_str().unwrap(),
            "--as-of",
            "2019-12-31",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let about = std::fs::read_to_string(out.join("about.html")).unwrap();
    // An override is autoescaped like the built-ins.
    assert!(
        about.contains("<p>&lt;b&gt; as of 2019-12-31</p>"),
        "{about}"
    );
    assert!(
        std::fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("2019-12-31")
    );
}
