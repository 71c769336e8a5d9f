//! The names of the validator's rules. They live here, below the loader and the validator,
//! because records (`allow`) and diagnostics name rules too; what each rule checks lives in
//! the validator, which maps every name to its rule with an exhaustive `match`, so a name
//! without a rule does not compile.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A rule, by its stable name (`duplicate-key`): what output, `allow` and `explain` use.
/// The order is the order `treatywatch rules` lists them in (loading, shape, references,
/// dates, then findings); output sorts diagnostics by the name's text.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
#[schemars(inline)]
pub enum RuleName {
    ParseError,
    DuplicateKey,
    UnreadableFile,
    Schema,
    Placeholder,
    InvalidDate,
    DuplicateId,
    IdFilenameMismatch,
    UnknownReference,
    WrongReferenceKind,
    DateOrder,
    ActionOutsideTreaty,
    BilateralSignatories,
    ActorNotExisting,
    NotAParty,
    ClaimAfterSource,
    QuoteNotInSource,
    HeadlineMissing,
    FutureDate,
    ReferenceCycle,
    NoticePeriod,
    DepositDate,
    RoleMismatch,
    IgnoredFile,
    StatusContradiction,
    EndContradiction,
    PartyStatusContradiction,
    EntryConditionContradiction,
    AccusedNotBound,
}

impl RuleName {
    /// Every rule's name, in listing order.
    pub const ALL: &'static [RuleName] = <RuleName as strum::VariantArray>::VARIANTS;

    /// The name as written (`duplicate-key`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The rule with this written name.
    pub fn parse(name: &str) -> Option<RuleName> {
        name.parse().ok()
    }
}

impl std::fmt::Display for RuleName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kebab_case_and_round_trip_through_text_and_serde() {
        for &name in RuleName::ALL {
            let text = name.as_str();
            assert!(
                text.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{text}"
            );
            assert_eq!(RuleName::parse(text), Some(name));
            assert_eq!(
                serde_json::to_value(name).ok(),
                Some(serde_json::json!(text))
            );
        }
        assert_eq!(RuleName::NotAParty.as_str(), "not-a-party");
        assert_eq!(RuleName::parse("acused-not-bound"), None);
    }
}
