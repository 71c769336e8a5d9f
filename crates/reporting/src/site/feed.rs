//! Atom feeds (RFC 4287) of the record's events up to the as-of date: acts, the treaties'
//! own dates (opened, in force, ended), claims, verdicts and findings, each entry dated by
//! its event. One feed for the whole record and one per treaty. Entry ids are derived from
//! what the entry is about (never from the clock, git or the base URL), and the feed's
//! `updated` is the as-of date: the same data gives the same bytes.

use sha2::{Digest, Sha256};
use treatywatch_model::Date;

use crate::report::{Report, TreatyView};
use crate::site::views::all_claims;

/// One entry, before it is written.
#[derive(Debug, Clone)]
struct Entry {
    /// What the entry is about, stable: `act/npt/usa/ratification/1970-03-05`.
    key: String,
    /// The event's first day, `YYYY-MM-DD`.
    day: String,
    title: String,
    /// The page it links to, relative to the site's root.
    page: String,
    text: String,
    /// `act`, `treaty`, `claim`, `verdict` or `finding`.
    category: &'static str,
}

/// A date's first day as `YYYY-MM-DD` (a year's is 1 January).
fn first_day(date: &str) -> Option<String> {
    let d = Date::parse(date).ok()?;
    Date::from_day_number(d.first_day()).map(|d| d.to_string())
}

/// The events of one treaty: its own dates and its parties' acts (those on or before the
/// as-of date), its claims, their verdicts and findings.
fn treaty_entries(report: &Report, t: &TreatyView) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for e in &t.timeline.events {
        if e.scheduled || e.kind == "claim" {
            continue;
        }
        let Some(day) = first_day(&e.date) else {
            continue;
        };
        let category = if e.actor.is_some() { "act" } else { "treaty" };
        let mut key = format!(
            "{category}/{}/{}/{}/{}",
            t.id,
            e.actor.as_deref().unwrap_or("-"),
            e.kind,
            e.date
        );
        // The same act twice on one day (two deposits): the second is `…/2`.
        let n = seen.entry(key.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            key.push_str(&format!("/{n}"));
        }
        out.push(Entry {
            key,
            day,
            title: format!("{}: {}", t.short_name, e.label),
            page: format!("treaties/{}.html", t.id),
            text: format!("{} — {}", e.date, e.label),
            category,
        });
    }
    claim_entries(report, Some(t.id.as_str()), &mut out);
    out
}

/// The entries of the claims about `treaty` (`None`: about no treaty).
fn claim_entries(report: &Report, treaty: Option<&str>, out: &mut Vec<Entry>) {
    for c in all_claims(report).filter(|c| c.treaty.as_deref() == treaty) {
        let Some(day) = first_day(&c.date) else {
            continue;
        };
        let title = c.headline.as_deref().unwrap_or(&c.summary);
        let page = format!("claims/{}.html", c.id);
        out.push(Entry {
            key: format!("claim/{}", c.id),
            day: day.clone(),
            title: format!("{} ({}): {title}", c.claimant, c.date),
            page: page.clone(),
            text: c.summary.clone(),
            category: "claim",
        });
        if let Some(verdict) = &c.verdict {
            let date = c.verdict_date.as_deref().unwrap_or(&c.date);
            out.push(Entry {
                key: format!("verdict/{}/{verdict}", c.id),
                day: first_day(date).unwrap_or_else(|| day.clone()),
                title: format!("Verdict, {verdict}: {title}"),
                page: page.clone(),
                text: c.verdict_note.clone().unwrap_or_default(),
                category: "verdict",
            });
        }
        for f in report
            .findings
            .iter()
            .filter(|f| f.claim.as_deref() == Some(c.id.as_str()))
        {
            out.push(Entry {
                key: format!("finding/{}/{}", c.id, f.rule),
                day: day.clone(),
                title: format!("Conflicts with the record ({}): {title}", f.kind),
                page: page.clone(),
                text: f.message.clone(),
                category: "finding",
            });
        }
    }
}

/// Text as XML character data or an attribute value.
fn xml(text: &str) -> String {
    crate::templates::escape_markup(text, "&apos;")
}

/// A stable `urn:uuid:` for `key` (a version-8 UUID from its SHA-256).
fn entry_id(key: &str) -> String {
    let hash = Sha256::digest(format!("treatywatch:{key}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Where a feed is and how its links are written.
pub struct FeedPlace<'a> {
    /// The feed's own path from the site's root (`feed.atom`, `treaties/inf.atom`).
    pub path: &'a str,
    /// The site's base URL (a folder URL), or `None` for links relative to the feed.
    pub base: Option<&'a str>,
}

impl FeedPlace<'_> {
    fn link(&self, page: &str) -> String {
        match self.base {
            Some(base) => format!("{base}{page}"),
            None => format!("{}{page}", "../".repeat(self.path.matches('/').count())),
        }
    }
}

fn write(
    report: &Report,
    title: &str,
    key: &str,
    home: &str,
    place: &FeedPlace<'_>,
    mut entries: Vec<Entry>,
) -> String {
    // Newest first; of one day, in a stable order.
    entries.sort_by(|a, b| b.day.cmp(&a.day).then_with(|| a.key.cmp(&b.key)));
    let updated = format!(
        "{}T00:00:00Z",
        first_day(&report.as_of.to_string()).unwrap_or_default()
    );
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!(
        "  <id>{}</id>\n",
        entry_id(&format!("feed/{key}"))
    ));
    out.push_str(&format!("  <title>{}</title>\n", xml(title)));
    out.push_str(&format!(
        "  <subtitle>The record up to {}: acts, claims, verdicts and the findings where a claim conflicts with the record</subtitle>\n",
        report.as_of
    ));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str("  <author><name>treatywatch</name></author>\n");
    out.push_str(&format!(
        "  <generator>{}</generator>\n",
        xml(&report.generator)
    ));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml(&place.link(place.path))
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(&place.link(home))
    ));
    for e in &entries {
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <id>{}</id>\n", entry_id(&e.key)));
        out.push_str(&format!("    <title>{}</title>\n", xml(&e.title)));
        out.push_str(&format!("    <updated>{}T00:00:00Z</updated>\n", e.day));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&place.link(&e.page))
        ));
        out.push_str(&format!("    <category term=\"{}\"/>\n", e.category));
        out.push_str(&format!(
            "    <summary type=\"text\">{}</summary>\n",
            xml(&e.text)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// The feed of the whole record.
pub fn record_feed(report: &Report, base: Option<&str>) -> String {
    let mut entries: Vec<Entry> = report
        .treaties
        .iter()
        .flat_map(|t| treaty_entries(report, t))
        .collect();
    claim_entries(report, None, &mut entries);
    let place = FeedPlace {
        path: "feed.atom",
        base,
    };
    write(
        report,
        "treatywatch: the arms-control record",
        "record",
        "index.html",
        &place,
        entries,
    )
}

/// The feed of one treaty.
pub fn treaty_feed(report: &Report, t: &TreatyView, base: Option<&str>) -> String {
    let path = format!("treaties/{}.atom", t.id);
    let place = FeedPlace { path: &path, base };
    write(
        report,
        &format!("treatywatch: {}", t.short_name),
        &format!("treaty/{}", t.id),
        &format!("treaties/{}.html", t.id),
        &place,
        treaty_entries(report, t),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_ids_are_stable_version_8_uuids() {
        let id = entry_id("claim/x");
        assert_eq!(id, entry_id("claim/x"));
        assert_ne!(id, entry_id("claim/y"));
        let uuid = id.strip_prefix("urn:uuid:").unwrap_or_default();
        let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(uuid.as_bytes()[14], b'8');
        assert!(matches!(uuid.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
    }

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(xml("a<b>&\"c'\u{1}d\n"), "a&lt;b&gt;&amp;&quot;c&apos;d\n");
    }

    #[test]
    fn reduced_precision_dates_are_dated_by_their_first_day() {
        assert_eq!(first_day("1970").as_deref(), Some("1970-01-01"));
        assert_eq!(first_day("1970-03").as_deref(), Some("1970-03-01"));
        assert_eq!(first_day("1970-03-05").as_deref(), Some("1970-03-05"));
        assert_eq!(first_day("soon"), None);
    }

    #[test]
    fn links_are_relative_to_the_feed_without_a_base() {
        let nested = FeedPlace {
            path: "treaties/inf.atom",
            base: None,
        };
        assert_eq!(nested.link("claims/c.html"), "../claims/c.html");
        let root = FeedPlace {
            path: "feed.atom",
            base: Some("https://x.org/tw/"),
        };
        assert_eq!(root.link("claims/c.html"), "https://x.org/tw/claims/c.html");
    }
}
