//! The treatywatch record: types for actors, treaties, sources and claims, EDTF level 0 dates
//! with certain/uncertain comparison, and the status of treaties and parties on any date.
//!
//! This crate knows nothing of files, YAML, schemas' files or output: the loader builds these
//! types, the validator and the reports read them.

mod calendar;
mod condition;
mod date;
mod decided;
mod duration;
mod end;
#[doc(hidden)]
pub mod fuzzing;
mod period;
mod reading;
mod records;
pub mod references;
mod rule_name;
mod status;

pub use condition::{ConditionOn, ListedState};
pub use date::{Date, DateError, DateOrder, DayNumber, Precision};
pub use duration::{Duration, DurationError};
pub use end::{EndBasis, KnownEnd};
pub use period::{Bound, Period, PeriodError};
pub use reading::Standing;
pub use records::*;
pub use rule_name::RuleName;
pub use status::{PartyStatus, Status, TreatyStatus, Truth};
