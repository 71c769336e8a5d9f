//! The export on fixture data: every file snapshot-tested, CSV per RFC 4180, a descriptor
//! that describes exactly the tables written, ClaimReview only for editorial verdicts.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use treatywatch_model::Date;
use treatywatch_reporting::export::{self, ExportOptions};
use treatywatch_reporting::{OutputFile, latest_event};

use treatywatch_testkit::{fixture, validate_clean as load};

fn files(base_url: &str) -> Vec<OutputFile> {
    let (data, outcome) = load(&fixture("valid"));
    let options = ExportOptions {
        as_of: latest_event(&data),
        base_url: Some(base_url.into()),
    };
    export::export(&data, &outcome, &options).unwrap()
}

fn get<'a>(files: &'a [OutputFile], name: &str) -> &'a str {
    std::str::from_utf8(&files.iter().find(|f| f.path == name).unwrap().bytes).unwrap()
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn every_export_file_is_snapshot_tested() {
    let files = files("https://example.org/tw/");
    let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        names,
        [
            "treaties.csv",
            "parties.csv",
            "actions.csv",
            "actors.csv",
            "claims.csv",
            "assessments.csv",
            "findings.csv",
            "finding_evidence.csv",
            "sources.csv",
            "datapackage.json",
            "claimreview.jsonld",
        ]
    );
    for f in &files {
        let text = std::str::from_utf8(&f.bytes).unwrap();
        if f.path == "datapackage.json" {
            // The tables' schemas come from the code, not the data: they are docs/export.md
            // (generated and checked by `treatywatch docs --check`), and the next test holds
            // them to the tables written. The snapshot keeps what the data decides.
            let mut package: serde_json::Value = serde_json::from_str(text).unwrap();
            for resource in package["resources"].as_array_mut().unwrap() {
                let schema = resource.as_object_mut().unwrap().remove("schema");
                assert!(schema.is_some(), "{resource:#}");
            }
            insta::assert_json_snapshot!("export_datapackage.json", package);
        } else {
            insta::assert_snapshot!(format!("export_{}", f.path), text);
        }
    }
}

#[test]
fn the_descriptor_describes_exactly_the_tables_written() {
    let files = files("../");
    let package: serde_json::Value = serde_json::from_str(get(&files, "datapackage.json")).unwrap();
    let resources = package["resources"].as_array().unwrap();
    let csvs: Vec<&OutputFile> = files.iter().filter(|f| f.path.ends_with(".csv")).collect();
    assert_eq!(resources.len(), csvs.len());
    for (resource, file) in resources.iter().zip(csvs) {
        assert_eq!(resource["path"], file.path.as_str());
        let rows = csv_rows(std::str::from_utf8(&file.bytes).unwrap());
        let header: Vec<&str> = resource["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            rows[0], header,
            "{}: the header is the schema's fields",
            file.path
        );
        // Every key names columns of its table, every foreign key a table of the package.
        for key in resource["schema"]["primaryKey"].as_array().unwrap() {
            assert!(
                header.contains(&key.as_str().unwrap()),
                "{}: {key}",
                file.path
            );
        }
        for fk in resource["schema"]["foreignKeys"].as_array().unwrap() {
            let target = fk["reference"]["resource"].as_str().unwrap();
            assert!(resources.iter().any(|r| r["name"] == target), "{target}");
        }
        // Required columns are filled, dates are days, enumerated columns hold their values.
        for (i, field) in resource["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            for row in &rows[1..] {
                let value = &row[i];
                if field["constraints"]["required"] == true {
                    assert!(
                        !value.is_empty(),
                        "{}: {} is empty",
                        file.path,
                        field["name"]
                    );
                }
                if field["type"] == "date" && !value.is_empty() {
                    assert_eq!(Date::parse(value).unwrap().to_string().len(), 10, "{value}");
                }
                if let Some(allowed) = field["constraints"]["enum"].as_array() {
                    assert!(allowed.iter().any(|a| a == value.as_str()), "{value}");
                }
            }
        }
    }
}

#[test]
fn reduced_precision_dates_get_their_first_and_last_day() {
    let files = files("../");
    let rows = csv_rows(get(&files, "actions.csv"));
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let succession = rows
        .iter()
        .find(|r| r[col("action")] == "succession")
        .unwrap();
    assert_eq!(succession[col("date")], "1991-12");
    assert_eq!(succession[col("date_first")], "1991-12-01");
    assert_eq!(succession[col("date_last")], "1991-12-31");
    assert_eq!(succession[col("from")], "sun");
}

#[test]
fn csv_is_rfc_4180() {
    static SPEC: export::Spec = export::Spec {
        name: "t",
        title: "T",
        description: "",
        fields: &[
            export::Field {
                name: "a",
                kind: "string",
                required: true,
                values: &[],
                uncertain: false,
                description: "",
            },
            export::Field {
                name: "b",
                kind: "string",
                required: false,
                values: &[],
                uncertain: false,
                description: "",
            },
        ],
        primary_key: &["a"],
        foreign_keys: &[],
    };
    let table = export::Table {
        spec: &SPEC,
        rows: vec![
            vec!["x, y".into(), "say \"no\"".into()],
            vec!["two\nlines".into(), String::new()],
        ],
    };
    let bytes = export::csv_bytes(&table).unwrap();
    assert_eq!(
        std::str::from_utf8(&bytes).unwrap(),
        "a,b\r\n\"x, y\",\"say \"\"no\"\"\"\r\n\"two\nlines\",\r\n"
    );
    let short = export::Table {
        rows: vec![vec!["only one".into()]],
        ..table
    };
    assert!(
        export::csv_bytes(&short)
            .unwrap_err()
            .contains("1 values for 2 columns")
    );
}

#[test]
fn claimreview_holds_editorial_verdicts_only_with_urls_from_the_base() {
    let files = files("https://example.org/tw");
    let doc: serde_json::Value = serde_json::from_str(get(&files, "claimreview.jsonld")).unwrap();
    let graph = doc["@graph"].as_array().unwrap();
    let claims = csv_rows(get(&files, "assessments.csv"));
    assert_eq!(
        graph.len(),
        claims.len() - 1,
        "one review per assessed claim"
    );
    let review = graph
        .iter()
        .find(|r| r["reviewRating"]["alternateName"] == "inaccurate")
        .unwrap();
    assert_eq!(
        review["url"],
        "https://example.org/tw/claims/author-2019-02-03-start-ii-in-force.html"
    );
    assert_eq!(review["@id"], review["url"]);
    assert_eq!(review["reviewRating"]["ratingValue"], 1);
    assert_eq!(review["itemReviewed"]["author"]["name"], "United States");
    let disputed = graph
        .iter()
        .find(|r| r["reviewRating"]["alternateName"] == "disputed")
        .unwrap();
    assert!(disputed["reviewRating"].get("ratingValue").is_none());
    assert!(disputed["reviewRating"].get("bestRating").is_none());
    assert_eq!(review["reviewRating"]["bestRating"], 4);
    assert_eq!(review["reviewRating"]["worstRating"], 1);
    // The machine finding on the same claim is in the findings table, not a review.
    let findings = get(&files, "findings.csv");
    assert!(findings.contains("author-2019-02-03-start-ii-in-force"));
    assert!(!get(&files, "claimreview.jsonld").contains("status-contradiction"));
}

#[test]
fn without_a_base_url_the_export_holds_no_review() {
    let (data, outcome) = load(&fixture("valid"));
    let options = ExportOptions {
        as_of: latest_event(&data),
        base_url: None,
    };
    let without = export::export(&data, &outcome, &options).unwrap();
    let doc: serde_json::Value = serde_json::from_str(get(&without, "claimreview.jsonld")).unwrap();
    assert_eq!(doc["@graph"], serde_json::json!([]));
    // The tables are the same with or without it.
    let with = files("https://example.org/tw/");
    assert_eq!(
        get(&without, "assessments.csv"),
        get(&with, "assessments.csv")
    );
}

#[test]
fn enumerated_columns_allow_exactly_the_models_names() {
    use strum::IntoEnumIterator;
    use treatywatch_model::{
        ActionKind, ActorKind, ClaimKind, EndReason, SourceKind, TreatyKind, Verdict,
    };
    fn names<E: IntoEnumIterator>(name: impl Fn(&E) -> &'static str) -> Vec<&'static str> {
        E::iter().map(|e| name(&e)).collect()
    }
    let values = |table: &str, column: &str| -> Vec<&'static str> {
        let spec = export::SPECS.iter().find(|s| s.name == table).unwrap();
        spec.fields
            .iter()
            .find(|f| f.name == column)
            .unwrap()
            .values
            .to_vec()
    };
    assert_eq!(values("actions", "action"), names(ActionKind::as_str));
    assert_eq!(values("claims", "kind"), names(ClaimKind::as_str));
    assert_eq!(values("assessments", "verdict"), names(Verdict::as_str));
    assert_eq!(values("actors", "kind"), names(ActorKind::as_str));
    assert_eq!(values("treaties", "kind"), names(TreatyKind::as_str));
    assert_eq!(values("sources", "kind"), names(SourceKind::as_str));
    let doc = export::SPECS[0]
        .fields
        .iter()
        .find(|f| f.name == "end_reason")
        .unwrap()
        .description;
    for r in names(EndReason::as_str) {
        assert!(doc.contains(r), "{r} is not listed in {doc:?}");
    }
}
