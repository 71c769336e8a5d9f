//! The tests of `docs.rs`: the generated rule reference and field tables.

use super::*;

#[test]
fn every_rule_has_a_section_and_a_row() {
    let md = rules_markdown();
    for rule in RULES {
        assert!(
            md.contains(&format!("\n## {}\n", rule.name)),
            "{}",
            rule.name
        );
        assert!(md.contains(&format!("| [`{n}`](#{n}) |", n = rule.name)));
    }
    assert!(
        !md.contains("\n## What it checks"),
        "rule headings are demoted"
    );
}

#[test]
fn a_claim_table_lists_every_field_with_what_requires_it() {
    let table = field_table("claim").unwrap();
    let claim = schema::generate(RecordKind::Claim);
    for field in claim["properties"].as_object().unwrap().keys() {
        assert!(table.contains(&format!("| `{field}` |")), "{field}");
    }
    assert!(table.contains("| `id` | Id | yes |"), "{table}");
    assert!(
        table.contains("when kind is `violation` or `compliance` |"),
        "{table}"
    );
    assert!(table.contains("`violation` \\| `compliance`"), "{table}");
    assert!(!table.contains("\\\\|"), "escaped once: {table}");
    assert!(
        table.contains(
            "| when kind is `status`, unless `asserted_end`, `asserted_party_status`, `asserted_non_parties` or `asserted_entry_into_force_requires` is given |"
        ),
        "{table}"
    );
    assert!(
        table.contains("| when `asserted_party_status` is given |"),
        "{table}"
    );
    let nested = field_table("claim#/$defs/Assessment").unwrap();
    assert!(nested.contains("| `verdict` |"), "{nested}");
    assert!(field_table("claim#/$defs/Nothing").is_none());
    assert!(field_table("nothing").is_none());
}

#[test]
fn markers_are_filled_and_filling_again_changes_nothing() {
    let text = "# A\n<!-- fields: actor -->\nold table\n<!-- /fields -->\ntail\n";
    let filled = fill_field_tables(text).unwrap();
    assert!(!filled.contains("old table"));
    assert!(filled.contains("| `name` |"));
    assert!(filled.ends_with("<!-- /fields -->\ntail\n"));
    assert_eq!(fill_field_tables(&filled).unwrap(), filled);
    assert!(fill_field_tables("<!-- fields: bogus -->\n<!-- /fields -->").is_err());
    assert!(fill_field_tables("<!-- fields: actor -->\n").is_err());
}
