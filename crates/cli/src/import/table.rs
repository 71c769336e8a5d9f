//! Reading a depositary participation table: `date,state,action,depositary`, one row per
//! deposit (a state may have a row for each depositary), as datasets built from UNODA's
//! treaty database publish them.

use std::path::Path;

use treatywatch_model::{ActionKind, Date};

/// One deposit, as read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    /// The table's line (the header is line 1).
    pub line: usize,
    pub date: Date,
    pub state: String,
    pub action: ActionKind,
    pub depositary: String,
}

const COLUMNS: [&str; 4] = ["date", "state", "action", "depositary"];

/// The act an `action` cell names: Signatory, Ratification (also Acceptance, Approval),
/// Accession, Succession, Withdrawal — in any case.
fn action(cell: &str) -> Option<ActionKind> {
    match cell.trim().to_lowercase().as_str() {
        "signatory" | "signature" => Some(ActionKind::Signature),
        "ratification" | "acceptance" | "approval" => Some(ActionKind::Ratification),
        "accession" => Some(ActionKind::Accession),
        "succession" => Some(ActionKind::Succession),
        "withdrawal" => Some(ActionKind::Withdrawal),
        _ => None,
    }
}

/// The rows of the table at `path`, or every problem found in it, each with its line.
pub(crate) fn read(path: &Path) -> Result<Vec<Row>, Vec<String>> {
    let name = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| vec![format!("{name}: {e}")])?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| vec![format!("{name}:1: {e}")])?
        .clone();
    let mut columns = [0usize; 4];
    let mut problems = Vec::new();
    for (slot, wanted) in columns.iter_mut().zip(COLUMNS) {
        match headers.iter().position(|h| h.eq_ignore_ascii_case(wanted)) {
            Some(i) => *slot = i,
            None => problems.push(format!(
                "{name}:1: no `{wanted}` column (the header is `{}`; expected {})",
                headers.iter().collect::<Vec<_>>().join(","),
                COLUMNS.join(",")
            )),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(format!("{name}:{line}: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cell = |i: usize| record.get(columns[i]).unwrap_or("").to_string();
        let (date, state, act, depositary) = (cell(0), cell(1), cell(2), cell(3));
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
        let action = action(&act);
        if action.is_none() {
            problems.push(format!(
                "{name}:{line}: action `{act}` is not one of Signatory, Ratification, Accession, Succession, Withdrawal"
            ));
        }
        if state.is_empty() {
            problems.push(format!("{name}:{line}: no state"));
        }
        if depositary.is_empty() {
            problems.push(format!("{name}:{line}: no depositary"));
        }
        if let (Some(date), Some(action)) = (date, action)
            && !state.is_empty()
            && !depositary.is_empty()
        {
            rows.push(Row {
                line,
                date,
                state,
                action,
                depositary,
            });
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}
