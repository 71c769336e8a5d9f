//! The briefing on fixture data: snapshots of the generated Typst and markdown, the PDF's text,
//! determinism, hostile strings, custom templates.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use treatywatch_loader::Dataset;
use treatywatch_model::Date;
#[cfg(feature = "pdf")]
use treatywatch_reporting::build;
use treatywatch_reporting::{ReportOptions, build_model, latest_event, render_sources};

use treatywatch_testkit::{fixture, validate_clean as load};

fn options(data: &Dataset) -> ReportOptions {
    ReportOptions {
        as_of: latest_event(data),
        templates: None,
        base_url: None,
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Collapses all white space, so text wrapped across lines compares equal.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(feature = "pdf")]
fn pdf_text(pdf: &[u8]) -> String {
    squash(&pdf_extract::extract_text_from_mem(pdf).unwrap())
}

/// The text a markdown renderer shows (inline HTML we emit, `<br>`, shown as a space).
fn markdown_text(md: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            Event::InlineHtml(h) | Event::Html(h) if h.trim() == "<br>" => out.push(' '),
            // A claim's anchor: the template writes it from the claim's id, which the schema
            // limits to `[a-z0-9-]`; anything else would be data become HTML.
            Event::InlineHtml(h) | Event::Html(h) if is_claim_anchor(h.trim()) => {}
            Event::InlineHtml(h) | Event::Html(h) if h.trim() == "</a>" => {}
            Event::InlineHtml(h) | Event::Html(h) => panic!("data produced HTML: {h}"),
            _ => {}
        }
    }
    squash(&out)
}

fn is_claim_anchor(html: &str) -> bool {
    let html = html.strip_suffix("</a>").unwrap_or(html);
    html.strip_prefix("<a id=\"claim-")
        .and_then(|rest| rest.strip_suffix("\">"))
        .is_some_and(|id| {
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

#[test]
fn the_default_as_of_is_the_latest_recorded_event() {
    let (data, _) = load(&fixture("valid"));
    assert_eq!(latest_event(&data).to_string(), "2019-08-02");
}

#[test]
fn generated_typst_and_markdown() {
    let (data, outcome) = load(&fixture("valid"));
    let options = options(&data);
    let report = build_model(&data, &outcome, options.as_of);
    let files = render_sources(&report, &options).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        names,
        [
            "briefing.typ",
            "briefing.json",
            "README.md",
            "treaties/inf.md",
            "treaties/start-ii.md",
            "actors/nato.md",
            "actors/rus.md",
            "actors/sun.md",
            "actors/usa.md",
            "actors/sergey-lavrov.md",
        ]
    );
    let typst = text(&files[0].bytes);
    #[cfg(feature = "pdf")]
    {
        let root = typst::syntax::parse(&typst);
        let (errors, _) = root.errors_and_warnings();
        assert!(errors.is_empty(), "{errors:?}");
    }
    // The Typst source holds no data: it is the built-in template itself, whatever the data
    // (so no snapshot of it: that would only copy the template).
    let template = treatywatch_reporting::templates::BUILTIN
        .iter()
        .find(|(name, _)| *name == "briefing.typ")
        .unwrap()
        .1;
    assert_eq!(typst.trim_end(), template.trim_end());
    assert!(typst.contains("json(\"briefing.json\")"));
    // briefing.json is what the Typst source reads: the briefing's date, every treaty of the
    // data in the order they opened, and every finding the validator made (its notes). (Its
    // every value is in the report_model snapshot below.)
    let json: serde_json::Value = serde_json::from_slice(&files[1].bytes).unwrap();
    assert!(files[1].bytes.ends_with(b"}\n"));
    assert_eq!(json["as_of"], options.as_of.to_string());
    let mut treaties: Vec<(treatywatch_model::DayNumber, String)> = data
        .index()
        .treaties()
        .map(|(_, t)| (t.opened.first_day(), t.id.to_string()))
        .collect();
    treaties.sort();
    let in_json: Vec<&str> = json["treaties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = treaties.iter().map(|(_, id)| id.as_str()).collect();
    assert_eq!(in_json, expected);
    let notes = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == treatywatch_loader::Severity::Note)
        .count();
    let findings = json["findings"].as_array().unwrap();
    assert!(notes > 0, "the fixture has findings");
    assert_eq!(findings.len(), notes);
    for f in &files[2..] {
        insta::assert_snapshot!(f.path.replace('/', "_"), text(&f.bytes));
    }
    insta::assert_json_snapshot!("report_model", report);
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_shows_every_treaty_status_and_claim_and_is_identical_twice() {
    let (data, outcome) = load(&fixture("valid"));
    let options = options(&data);
    let first = build(&data, &outcome, &options).unwrap();
    let second = build(&data, &outcome, &options).unwrap();
    assert_eq!(
        first, second,
        "same data and as-of date give the same bytes"
    );
    let pdf = &first
        .iter()
        .find(|f| f.path == "briefing.pdf")
        .unwrap()
        .bytes;
    assert!(pdf.starts_with(b"%PDF-"));
    let content = pdf_text(pdf);
    let report = build_model(&data, &outcome, options.as_of);
    assert!(content.contains("The record as of 2019-08-02"), "{content}");
    for t in &report.treaties {
        assert!(content.contains(&t.short_name), "{} missing", t.short_name);
        assert!(
            content.contains(&t.status_label),
            "{} missing",
            t.status_label
        );
        for c in &t.claims {
            assert!(
                content.contains(&squash(&c.summary)),
                "claim summary missing: {}",
                c.summary
            );
        }
    }
    assert!(
        content.contains("START II was in-force on 2019-02-03"),
        "the finding is in the PDF"
    );
}

#[test]
fn a_different_as_of_date_changes_the_statuses() {
    let (data, outcome) = load(&fixture("valid"));
    let early = build_model(&data, &outcome, Date::parse("2019-02-03").unwrap());
    let inf = early.treaties.iter().find(|t| t.id == "inf").unwrap();
    assert_eq!(inf.status, "in-force");
    let late = build_model(&data, &outcome, Date::parse("2019-08-02").unwrap());
    let inf = late.treaties.iter().find(|t| t.id == "inf").unwrap();
    assert_eq!(inf.status_label, "ended (withdrawal)");
    // Claims made after the as-of date are not in an earlier briefing.
    let before = build_model(&data, &outcome, Date::parse("2018-12-31").unwrap());
    assert_eq!(before.counts.claims, 1);
}

const HOSTILE: &[&str] = &[
    "#read(\"/etc/passwd\")",
    "]",
    "$x$",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "@label",
    "back\\slash \\ and *stars* _under_ `code`",
    "# not a heading",
    "1. not a list",
    "| not | a table |",
    "{{ not a template }}",
    "%0A::error::forged",
];

fn hostile_dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for sub in ["actors", "treaties", "sources", "claims"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
    }
    let quoted = |s: &str| serde_json::to_string(s).unwrap();
    std::fs::write(
        root.join("actors/actors.yaml"),
        format!(
            "- {{id: usa, name: {}, kind: state}}\n- {{id: rus, name: Russia, kind: state}}\n",
            quoted(HOSTILE[0])
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("treaties/t.yaml"),
        format!(
            "id: t\nname: {}\nshort_name: {}\nkind: bilateral\nopened: 2000-01-01\nentry_into_force: 2000-02-01\nnote: {}\nparties:\n  - actor: usa\n    actions: [{{action: signature, date: 2000-01-01, note: {}}}]\n  - actor: rus\n    actions: [{{action: signature, date: 2000-01-01}}]\n",
            quoted(HOSTILE[3]),
            quoted(HOSTILE[1]),
            quoted(HOSTILE[4]),
            quoted(HOSTILE[5])
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("sources/s.yaml"),
        format!(
            "- {{id: s, title: {}, kind: news, publisher: {}, published: 2001, url: \"https://example.org/a?b=<c>\"}}\n",
            quoted(HOSTILE[2]),
            quoted(HOSTILE[7])
        ),
    )
    .unwrap();
    let mut claims = String::new();
    for (i, h) in HOSTILE.iter().enumerate() {
        claims.push_str(&format!(
            "- id: c{i}\n  date: 2001-01-0{}\n  claimant: usa\n  kind: other\n  treaty: t\n  quote: {}\n  summary: {}\n  sources: [{{source: s, locator: {}}}]\n",
            1 + i % 9,
            quoted(h),
            quoted(&format!("Summary {i}: {h}")),
            quoted(h)
        ));
    }
    std::fs::write(root.join("claims/c.yaml"), claims).unwrap();
    dir
}

#[test]
fn hostile_strings_come_out_verbatim_and_never_as_markup() {
    let dir = hostile_dataset();
    let (data, outcome) = load(dir.path());
    let options = ReportOptions {
        as_of: Date::parse("2001-12-31").unwrap(),
        templates: None,
        base_url: None,
    };
    let files = treatywatch_reporting::build_sources(&data, &outcome, &options).unwrap();
    let get = |p: &str| &files.iter().find(|f| f.path == p).unwrap().bytes;
    let page = markdown_text(&text(get("treaties/t.md")));
    let readme = markdown_text(&text(get("README.md")));
    for h in HOSTILE {
        let h = squash(h);
        assert!(page.contains(&h), "markdown lacks {h:?}:\n{page}");
    }
    assert!(readme.contains(&squash(HOSTILE[1])));
    // The actor whose name is hostile: its page, and the README's index of actors.
    let actor = markdown_text(&text(get("actors/usa.md")));
    assert!(actor.contains(&squash(HOSTILE[0])), "{actor}");
    assert!(readme.contains(&squash(HOSTILE[0])));
    #[cfg(feature = "pdf")]
    {
        let pdf = treatywatch_reporting::typeset(&files, options.as_of).unwrap();
        let pdf = pdf_text(&pdf.bytes);
        for h in HOSTILE {
            let h = squash(h);
            assert!(pdf.contains(&h), "PDF lacks {h:?}:\n{pdf}");
        }
        assert!(
            pdf.contains(HOSTILE[0]) && !pdf.contains("root:x:0:0"),
            "no file was read"
        );
    }
    // The generated Typst source holds no data at all: it is the same for any dataset.
    let hostile_typst =
        render_sources(&build_model(&data, &outcome, options.as_of), &options).unwrap();
    let (valid, valid_outcome) = load(&fixture("valid"));
    let valid_options = ReportOptions {
        as_of: latest_event(&valid),
        templates: None,
        base_url: None,
    };
    let valid_typst = render_sources(
        &build_model(&valid, &valid_outcome, valid_options.as_of),
        &valid_options,
    )
    .unwrap();
    assert_eq!(hostile_typst[0], valid_typst[0]);
    assert!(!text(&hostile_typst[0].bytes).contains("passwd"));
}

#[cfg(feature = "pdf")]
#[test]
fn the_typst_world_reads_no_file_outside_the_report() {
    let as_of = Date::parse("2019-01-01").unwrap();
    for source in [
        "#read(\"/etc/passwd\")",
        "#read(\"../../etc/passwd\")",
        "#import \"@preview/x:0.1.0\": *",
        "#image(\"/etc/hostname\")",
    ] {
        let err = treatywatch_reporting::pdf::compile(source, "{}", as_of).unwrap_err();
        assert!(!err.to_string().is_empty(), "{source} must fail");
    }
    assert!(
        treatywatch_reporting::pdf::compile(
            "#set document(title: \"t\")\n#let d = json(\"briefing.json\")\n#d.x",
            r#"{"x": "ok"}"#,
            as_of
        )
        .is_ok()
    );
}

#[test]
fn a_custom_template_directory_overrides_one_file() {
    let (data, outcome) = load(&fixture("valid"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("README.md"),
        "# Custom summary as of {{ as_of }}\n",
    )
    .unwrap();
    let base = options(&data);
    let report = build_model(&data, &outcome, base.as_of);
    let default = render_sources(&report, &base).unwrap();
    let custom = render_sources(
        &report,
        &ReportOptions {
            templates: Some(dir.path().to_path_buf()),
            ..base
        },
    )
    .unwrap();
    for (d, c) in default.iter().zip(&custom) {
        if d.path == "README.md" {
            assert_eq!(text(&c.bytes), "# Custom summary as of 2019-08-02\n");
        } else {
            assert_eq!(d, c, "{} changed", d.path);
        }
    }
    // A typo in a template is an error, not a blank.
    std::fs::write(dir.path().join("README.md"), "{{ as_off }}\n").unwrap();
    let broken = render_sources(
        &report,
        &ReportOptions {
            templates: Some(dir.path().to_path_buf()),
            as_of: report.as_of,
            base_url: None,
        },
    );
    assert!(broken.is_err());
}
