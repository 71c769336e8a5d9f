//! The site on the bundled data and on fixtures: the date field's data gives what
//! `treatywatch status` gives on many dates; ClaimReview only with a base URL, one per
//! assessed claim, as the export has it; hostile strings escaped everywhere; the feeds and the
//! pages the same bytes for the same data; snapshots of a claim page and a treaty feed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use treatywatch_loader::Dataset;
use treatywatch_model::Date;
use treatywatch_reporting::OutputFile;
use treatywatch_reporting::site::{self, SiteOptions};
use treatywatch_reporting::status::status_view;
use treatywatch_testkit::{bundled, fixture, repo, validate_clean as load};
use treatywatch_validator::Outcome;

fn build(data: &Dataset, outcome: &Outcome, as_of: Date, base: Option<&str>) -> Vec<OutputFile> {
    let options = SiteOptions {
        as_of,
        templates: None,
        base_url: base.map(str::to_string),
    };
    site::build(data, outcome, &options).unwrap()
}

fn text<'a>(files: &'a [OutputFile], path: &str) -> &'a str {
    let file = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"));
    std::str::from_utf8(&file.bytes).unwrap()
}

/// The text of the `<script>` block of `kind` (and id) in a page; `None` when there is none.
fn blocks<'a>(page: &'a str, open: &str) -> Vec<&'a str> {
    page.match_indices(open)
        .map(|(at, _)| {
            let rest = &page[at + open.len()..];
            &rest[..rest.find("</script>").unwrap()]
        })
        .collect()
}

type Segment = (String, String, String, String);

#[derive(serde::Deserialize)]
struct History {
    treaty: Vec<(String, String)>,
    parties: Vec<Party>,
}

#[derive(serde::Deserialize)]
struct Party {
    actor: String,
    segments: Vec<Segment>,
}

/// What the page's script does: the last segment starting on or before the day.
fn on<'a, T>(segments: &'a [T], from: impl Fn(&T) -> &str, day: &str) -> &'a T {
    let mut found = &segments[0];
    for s in &segments[1..] {
        if from(s) <= day {
            found = s;
        } else {
            break;
        }
    }
    found
}

#[test]
fn the_date_field_gives_what_status_gives_on_every_date_that_matters() {
    let (data, outcome) = load(&bundled());
    let as_of = Date::parse("2026-07-07").unwrap();
    let files = build(&data, &outcome, as_of, None);
    let index = data.index();
    let mut compared = 0usize;
    for (_, treaty) in index.treaties() {
        let page = text(&files, &format!("treaties/{}.html", treaty.id));
        let json = blocks(
            page,
            "<script type=\"application/json\" id=\"status-data\">",
        );
        assert_eq!(json.len(), 1);
        let history: History = serde_json::from_str(json[0]).unwrap();
        // The script finds each row's history by the row's actor: every party has one row.
        let mut rows: Vec<&str> = page
            .match_indices("<tr data-actor=\"")
            .map(|(at, m)| page[at + m.len()..].split('"').next().unwrap())
            .collect();
        let mut actors: Vec<&str> = history.parties.iter().map(|p| p.actor.as_str()).collect();
        rows.sort_unstable();
        actors.sort_unstable();
        assert_eq!(rows, actors, "{}", treaty.id);
        // Every day a status could change on, the days around it, and one day in every
        // month from 1960 to 2030.
        let mut days: Vec<String> = Vec::new();
        for p in &history.parties {
            for s in &p.segments[1..] {
                let d = Date::parse(&s.0).unwrap().first_day();
                for n in [d - 1, d, d + 1] {
                    days.push(Date::from_day_number(n).unwrap().to_string());
                }
            }
        }
        for year in 1960..=2030u16 {
            for month in 1..=12u8 {
                days.push(format!(
                    "{year}-{month:02}-{:02}",
                    1 + (year as usize * 7 + month as usize) % 28
                ));
            }
        }
        days.sort();
        days.dedup();
        for day in &days {
            let date = Date::parse(day).unwrap();
            let view = status_view(&index, treaty, date);
            assert_eq!(
                on(&history.treaty, |s| &s.0, day).1,
                view.status,
                "{} on {day}",
                treaty.id
            );
            assert_eq!(history.parties.len(), view.parties.len());
            for (p, row) in history.parties.iter().zip(&view.parties) {
                assert_eq!(p.actor, row.actor);
                let s = on(&p.segments, |s| &s.0, day);
                let last = row
                    .last_act
                    .as_ref()
                    .map_or_else(String::new, |a| format!("{} {}", a.action, a.date));
                assert_eq!(
                    (&s.1, s.2.as_str(), &s.3),
                    (&row.standing, row.bound, &last),
                    "{} {} on {day}",
                    treaty.id,
                    row.actor
                );
                compared += 1;
            }
        }
    }
    // The NPT and the CTBT have some 390 parties, each compared on some 900 days or more.
    assert!(compared > 500_000, "{compared}");
}

#[test]
fn reduced_precision_dates_leave_the_status_uncertain_in_between() {
    let (data, outcome) = load(&bundled());
    let files = build(&data, &outcome, Date::parse("2026-07-07").unwrap(), None);
    let page = text(&files, "treaties/inf.html");
    let json = blocks(
        page,
        "<script type=\"application/json\" id=\"status-data\">",
    );
    let history: History = serde_json::from_str(json[0]).unwrap();
    // Russia's succession is dated to the month (1991-12): bound is uncertain within it, and
    // certain from 1992.
    let russia = history.parties.iter().find(|p| p.actor == "rus").unwrap();
    assert_eq!(on(&russia.segments, |s| &s.0, "1991-11-30").2, "no");
    assert_eq!(on(&russia.segments, |s| &s.0, "1991-12-15").2, "uncertain");
    assert_eq!(on(&russia.segments, |s| &s.0, "1992-01-01").2, "yes");
}

#[test]
fn claimreview_only_with_a_base_url_one_per_assessed_claim_as_the_export_has_it() {
    let (data, outcome) = load(&bundled());
    let as_of = Date::parse("2026-07-07").unwrap();
    let base = "https://example.org/tw/";
    let with = build(&data, &outcome, as_of, Some(base));
    let without = build(&data, &outcome, as_of, None);
    let export = treatywatch_reporting::export::export(
        &data,
        &outcome,
        &treatywatch_reporting::export::ExportOptions {
            as_of,
            base_url: Some(base.into()),
        },
    )
    .unwrap();
    let exported: serde_json::Value =
        serde_json::from_str(text(&export, "claimreview.jsonld")).unwrap();
    let exported = exported["@graph"].as_array().unwrap();
    let mut reviews = 0;
    for (_, claim) in data.index().claims() {
        let path = format!("claims/{}.html", claim.id);
        let page = text(&with, &path);
        let found = blocks(page, "<script type=\"application/ld+json\">");
        assert!(
            blocks(
                text(&without, &path),
                "<script type=\"application/ld+json\">"
            )
            .is_empty()
        );
        assert!(!text(&without, &path).contains("rel=\"canonical\""));
        let Some(assessment) = &claim.assessment else {
            assert!(found.is_empty(), "{path}: no verdict, no ClaimReview");
            continue;
        };
        assert_eq!(found.len(), 1, "{path}");
        let mut review: serde_json::Value = serde_json::from_str(found[0]).unwrap();
        assert_eq!(review["@context"], "https://schema.org");
        assert_eq!(review["url"], format!("{base}{path}"));
        let reviewed = review["claimReviewed"].as_str().unwrap();
        assert!(reviewed.chars().count() <= 75, "{path}: {reviewed}");
        assert_eq!(
            Some(reviewed),
            claim.headline.as_deref().or(Some(&claim.summary))
        );
        let rating = &review["reviewRating"];
        assert_eq!(rating["alternateName"], assessment.verdict.as_str());
        let expected = match assessment.verdict.as_str() {
            "inaccurate" => Some(1),
            "misleading" => Some(2),
            "mostly-accurate" => Some(3),
            "accurate" => Some(4),
            _ => None,
        };
        assert_eq!(rating["ratingValue"].as_u64(), expected.map(|v: u64| v));
        assert_eq!(rating["bestRating"].as_u64(), expected.map(|_| 4));
        assert_eq!(rating["worstRating"].as_u64(), expected.map(|_| 1));
        review.as_object_mut().unwrap().remove("@context");
        assert!(
            exported.contains(&review),
            "{path}: not the export's object"
        );
        reviews += 1;
    }
    assert_eq!(reviews, exported.len());
    assert!(reviews >= 50, "{reviews}");
}

#[test]
fn a_claimant_with_a_wikidata_item_is_named_by_it() {
    let (data, outcome) = load(&bundled());
    let files = build(
        &data,
        &outcome,
        Date::parse("2026-07-07").unwrap(),
        Some("https://x.org/"),
    );
    let index = data.index();
    let (id, item) = index
        .claims()
        .filter(|(_, c)| c.assessment.is_some())
        .find_map(|(_, c)| {
            let item = index.actor(c.claimant.as_str())?.wikidata.clone()?;
            Some((c.id.to_string(), item))
        })
        .unwrap();
    let page = text(&files, &format!("claims/{id}.html"));
    let review: serde_json::Value =
        serde_json::from_str(blocks(page, "<script type=\"application/ld+json\">")[0]).unwrap();
    assert_eq!(
        review["itemReviewed"]["author"]["sameAs"],
        format!("https://www.wikidata.org/wiki/{item}")
    );
    assert!(review["itemReviewed"]["firstAppearance"]["url"].is_string());
}

#[test]
fn hostile_strings_are_text_on_every_page_and_in_every_json_block() {
    let (data, outcome) = load(&repo().join("tests/fixtures/hostile-site"));
    let files = build(
        &data,
        &outcome,
        Date::parse("2001-12-31").unwrap(),
        Some("https://x.org/"),
    );
    let mut pages = 0;
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let page = std::str::from_utf8(&f.bytes).unwrap();
        // Only the site's own script elements: the script file, JSON-LD, the status data.
        for (at, _) in page.match_indices("<script") {
            let tag = &page[at..at + page[at..].find('>').unwrap()];
            assert!(
                tag.ends_with("assets/site.js\" defer")
                    || tag == "<script type=\"application/ld+json\""
                    || tag == "<script type=\"application/json\" id=\"status-data\"",
                "{}: {tag}",
                f.path
            );
        }
        for block in blocks(page, "<script type=\"application/ld+json\">")
            .into_iter()
            .chain(blocks(
                page,
                "<script type=\"application/json\" id=\"status-data\">",
            ))
        {
            assert!(!block.contains('<') && !block.contains('>'), "{}", f.path);
            serde_json::from_str::<serde_json::Value>(block).unwrap();
        }
        for attack in [
            "onerror=\"",
            "onload=\"",
            "onmouseover=\"",
            "<iframe",
            "<svg onload",
            "<img",
            "href=\"javascript:",
        ] {
            assert!(!page.contains(attack), "{}: {attack}", f.path);
        }
        pages += 1;
    }
    assert_eq!(pages, 12);
    let claim = text(&files, "claims/c1.html");
    assert!(claim.contains(
        "&lt;/script&gt;&lt;script&gt;window.__pwned=&#x27;headline&#x27;&lt;/script&gt;"
    ));
    let json = blocks(claim, "<script type=\"application/ld+json\">")[0];
    let review: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(
        review["claimReviewed"],
        "</script><script>window.__pwned='headline'</script>"
    );
    // A URL from the data is percent-encoded in an attribute.
    assert!(
        text(&files, "sources/s.html")
            .contains("href=\"https://example.org/a?b=%3Cc%3E&amp;d=%22e%22\"")
    );
    // The feeds escape it as XML.
    let feed = text(&files, "feed.atom");
    assert!(!feed.contains("<script"));
    assert!(feed.contains("&lt;/script&gt;&lt;script&gt;window.__pwned=&apos;headline&apos;"));
}

#[test]
fn the_same_data_gives_the_same_bytes_and_feeds_follow_the_as_of_date() {
    let (data, outcome) = load(&fixture("valid"));
    let as_of = Date::parse("2019-12-31").unwrap();
    let a = build(&data, &outcome, as_of, Some("https://x.org/"));
    let b = build(&data, &outcome, as_of, Some("https://x.org/"));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!((&x.path, &x.bytes), (&y.path, &y.bytes));
    }
    let feed = text(&a, "feed.atom");
    assert!(feed.contains("<updated>2019-12-31T00:00:00Z</updated>"));
    // Entries are newest first and never after the as-of date.
    let days: Vec<&str> = feed
        .match_indices("    <updated>")
        .map(|(at, m)| &feed[at + m.len()..at + m.len() + 10])
        .collect();
    assert!(!days.is_empty());
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "{days:?}");
    assert!(days.iter().all(|d| *d <= "2019-12-31"));
    // An earlier date: fewer entries, and the ids of those kept unchanged.
    let earlier = build(
        &data,
        &outcome,
        Date::parse("2018-12-31").unwrap(),
        Some("https://x.org/"),
    );
    let ids = |feed: &str| -> Vec<String> {
        feed.match_indices("    <id>")
            .map(|(at, m)| feed[at + m.len()..].split('<').next().unwrap().to_string())
            .collect()
    };
    let later_ids = ids(feed);
    let earlier_ids = ids(text(&earlier, "feed.atom"));
    assert!(earlier_ids.len() < later_ids.len());
    assert!(earlier_ids.iter().all(|id| later_ids.contains(id)));
}

#[test]
fn a_claim_page_and_a_treaty_feed_snapshot() {
    let (data, outcome) = load(&fixture("valid"));
    let files = build(
        &data,
        &outcome,
        Date::parse("2019-12-31").unwrap(),
        Some("https://example.org/tw/"),
    );
    insta::assert_snapshot!(
        "claim_page",
        text(&files, "claims/author-2019-02-03-start-ii-in-force.html")
    );
    insta::assert_snapshot!("treaty_feed", text(&files, "treaties/start-ii.atom"));
    let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    insta::assert_snapshot!("files", names.join("\n"));
}
