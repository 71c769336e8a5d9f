//! Reading a depositary participation table: `date,state,action,depositary`, one row per
//! deposit (a state may have a row for each depositary), as datasets built from UNODA's
//! treaty database publish them. Lines starting with `#` before the header say where the
//! table came from. Optional columns: `iso3166` (the state's ISO 3166-1 alpha-3 code, for
//! `--create-actors`) and `note` (a sentence for the act).

use std::path::Path;

use treatywatch_model::{ActionKind, Date};

/// One deposit, as read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    /// The table's line, counting every line of the file from 1.
    pub line: usize,
    pub date: Date,
    pub state: String,
    pub action: ActionKind,
    /// `None` when the table leaves the cell empty: a deposit whose depositary is not named.
    pub depositary: Option<String>,
    pub iso3166: Option<String>,
    pub note: Option<String>,
}

/// What a table's `Withdrawal` row is dated by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WithdrawalDates {
    /// The day notice was given (the depositary's record of receiving it): the default, as
    /// UNODA's database records the notification.
    #[default]
    Notice,
    /// The day the withdrawal took effect.
    Effective,
}

const REQUIRED: [&str; 4] = ["date", "state", "action", "depositary"];

/// The act an `action` cell names: Signatory, Ratification (also Acceptance, Approval),
/// Accession, Succession, Withdrawal — in any case.
fn action(cell: &str, withdrawal: WithdrawalDates) -> Option<ActionKind> {
    match cell.trim().to_lowercase().as_str() {
        "signatory" | "signature" => Some(ActionKind::Signature),
        "ratification" | "acceptance" | "approval" => Some(ActionKind::Ratification),
        "accession" => Some(ActionKind::Accession),
        "succession" => Some(ActionKind::Succession),
        "withdrawal" => Some(match withdrawal {
            WithdrawalDates::Notice => ActionKind::WithdrawalNotice,
            WithdrawalDates::Effective => ActionKind::Withdrawal,
        }),
        _ => None,
    }
}

/// Where the table's text starts: after a byte-order mark and the `#` lines before the
/// header, with how many lines those were.
fn body(text: &str) -> (&str, usize) {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut skipped = 0;
    while rest.starts_with('#') {
        match rest.find('\n') {
            Some(i) => rest = &rest[i + 1..],
            None => rest = "",
        }
        skipped += 1;
    }
    (rest, skipped)
}

/// The rows of the table `text` (read from `name`), or every problem found in it, each with
/// its line.
pub(crate) fn parse(
    name: &str,
    text: &str,
    withdrawal: WithdrawalDates,
) -> Result<Vec<Row>, Vec<String>> {
    let (text, skipped) = body(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header_line = skipped + 1;
    let headers = reader
        .headers()
        .map_err(|e| vec![format!("{name}:{header_line}: {e}")])?
        .clone();
    let column = |wanted: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(wanted));
    let mut columns = [0usize; 4];
    let mut problems = Vec::new();
    for (slot, wanted) in columns.iter_mut().zip(REQUIRED) {
        match column(wanted) {
            Some(i) => *slot = i,
            None => problems.push(format!(
                "{name}:{header_line}: no `{wanted}` column (the header is `{}`; expected {}, and optionally iso3166,note)",
                headers.iter().collect::<Vec<_>>().join(","),
                REQUIRED.join(",")
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (iso_column, note_column) = (column("iso3166"), column("note"));
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize) + skipped;
                problems.push(format!("{name}:{line}: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize) + skipped;
        let cell = |i: usize| record.get(i).unwrap_or("").to_string();
        let optional = |i: Option<usize>| i.map(cell).filter(|c| !c.is_empty());
        let [date, state, act, depositary] = columns.map(cell);
        if [&date, &state, &act, &depositary]
            .iter()
            .all(|c| c.is_empty())
        {
            continue;
        }
        let date = match Date::parse(&date) {
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(format!("{name}:{line}: date `{date}`: {e}"));
                None
            }
        };
        let kind = action(&act, withdrawal);
        if kind.is_none() {
            problems.push(format!(
                "{name}:{line}: action `{act}` is not one of Signatory, Ratification (Acceptance, Approval), Accession, Succession, Withdrawal"
            ));
        }
        if state.is_empty() {
            problems.push(format!("{name}:{line}: no state"));
        }
        let iso3166 = optional(iso_column);
        if let Some(code) = &iso3166
            && !(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()))
        {
            problems.push(format!(
                "{name}:{line}: iso3166 `{code}` is not an ISO 3166-1 alpha-3 code (three capital letters)"
            ));
        }
        if let (Some(date), Some(action)) = (date, kind)
            && !state.is_empty()
        {
            rows.push(Row {
                line,
                date,
                state,
                action,
                depositary: Some(depositary).filter(|d| !d.is_empty()),
                iso3166,
                note: optional(note_column),
            });
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// Reads and parses the table at `path`; `Err` with one message when it cannot be read.
pub(crate) fn read(
    path: &Path,
    withdrawal: WithdrawalDates,
) -> Result<Result<Vec<Row>, Vec<String>>, String> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    Ok(parse(&name, &text, withdrawal))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Result<Vec<Row>, Vec<String>> {
        parse("t.csv", text, WithdrawalDates::Notice)
    }

    #[test]
    fn comment_lines_before_the_header_are_skipped_and_lines_still_count_them() {
        let rows = rows("# from somewhere\n# commit abc\ndate,state,action,depositary\n1968-07-01,Austria,Signatory,\n").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 4);
        assert_eq!(rows[0].depositary, None);
        let bad = super::parse(
            "t.csv",
            "# a\ndate,state,action,depositary\n1968-13-01,Austria,Signatory,\n",
            WithdrawalDates::Notice,
        )
        .unwrap_err();
        assert!(bad[0].starts_with("t.csv:3: date `1968-13-01`"), "{bad:?}");
        // A row the CSV reader refuses (too few fields) is placed the same way.
        let short = super::parse(
            "t.csv",
            "# a\n# b\n# c\ndate,state,action,depositary\n1968-07-01,Austria\n",
            WithdrawalDates::Notice,
        )
        .unwrap_err();
        assert!(short[0].starts_with("t.csv:5: "), "{short:?}");
    }

    #[test]
    fn optional_columns_are_read_and_checked() {
        let rows = rows(
            "date,state,action,depositary,iso3166,note\n1968-07-01,Austria,Signatory,London,AUT,a note\n1968-07-02,Peru,Signatory,,,\n",
        )
        .unwrap();
        assert_eq!(rows[0].iso3166.as_deref(), Some("AUT"));
        assert_eq!(rows[0].note.as_deref(), Some("a note"));
        assert_eq!(rows[0].depositary.as_deref(), Some("London"));
        assert_eq!(rows[1].iso3166, None);
        assert_eq!(rows[1].note, None);
        let bad = super::parse(
            "t.csv",
            "date,state,action,depositary,iso3166\n1968-07-01,Austria,Signatory,,aut\n",
            WithdrawalDates::Notice,
        )
        .unwrap_err();
        assert!(bad[0].contains("not an ISO 3166-1 alpha-3 code"), "{bad:?}");
    }

    #[test]
    fn a_withdrawal_is_the_notice_unless_asked_otherwise() {
        let text = "date,state,action,depositary\n2003-01-10,North Korea,Withdrawal,\n";
        assert_eq!(rows(text).unwrap()[0].action, ActionKind::WithdrawalNotice);
        let effective = parse("t.csv", text, WithdrawalDates::Effective).unwrap();
        assert_eq!(effective[0].action, ActionKind::Withdrawal);
    }

    #[test]
    fn a_missing_column_names_the_header_and_its_line() {
        let bad = rows("# x\ndate,state,action\n").unwrap_err();
        assert!(
            bad[0].starts_with("t.csv:2: no `depositary` column"),
            "{bad:?}"
        );
    }
}
