//! In-process benchmarks of each stage on the bundled data: load, validate, report model,
//! templates, Typst PDF. `cargo bench -p treatywatch-reporting` (figures in BENCHMARKS.md).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use treatywatch_loader::{Dataset, Limits};
use treatywatch_model::Date;
use treatywatch_reporting::{ReportOptions, build_model, latest_event, render_sources};
use treatywatch_validator::{Options, Outcome, validate};

fn main() {
    divan::main();
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn loaded() -> (Dataset, Outcome) {
    let data = treatywatch_loader::load(&data_dir(), Limits::default()).unwrap_or_default();
    let outcome = validate(&data, &Options { as_of: Date::EPOCH });
    (data, outcome)
}

#[divan::bench]
fn load_bundled_data() -> Dataset {
    treatywatch_loader::load(&data_dir(), Limits::default()).unwrap_or_default()
}

#[divan::bench]
fn validate_bundled_data(bencher: divan::Bencher) {
    let data = load_bundled_data();
    let as_of = treatywatch_testkit::as_of();
    bencher.bench(|| validate(&data, &Options { as_of }));
}

#[divan::bench]
fn report_model_and_templates(bencher: divan::Bencher) {
    let (data, outcome) = loaded();
    let options = ReportOptions {
        as_of: latest_event(&data),
        templates: None,
        base_url: None,
    };
    bencher.bench(|| {
        let report = build_model(&data, &outcome, options.as_of);
        render_sources(&report, &options)
            .map(|files| files.len())
            .unwrap_or(0)
    });
}

#[divan::bench(sample_count = 10)]
fn briefing_pdf(bencher: divan::Bencher) {
    let (data, outcome) = loaded();
    let options = ReportOptions {
        as_of: latest_event(&data),
        templates: None,
        base_url: None,
    };
    bencher.bench(|| {
        treatywatch_reporting::build(&data, &outcome, &options)
            .map(|f| f.len())
            .unwrap_or(0)
    });
}
