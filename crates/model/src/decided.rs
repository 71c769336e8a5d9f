//! Answers the record's dates may leave open: a [`Status`] is one value when the dates decide
//! it, or the values they allow; a [`Truth`] is yes, no, or uncertain.

use std::fmt;

/// A value the record decides, or the values it leaves open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status<T> {
    Certain(T),
    /// The dates allow each of these (in chronological order of the readings).
    Uncertain(Vec<T>),
}

impl<T: PartialEq> Status<T> {
    pub(crate) fn from_possibilities(mut values: Vec<T>) -> Status<T> {
        values.dedup();
        if values.len() == 1 {
            Status::Certain(values.remove(0))
        } else {
            Status::Uncertain(values)
        }
    }
}

impl<T> Status<T> {
    /// The name of a status the dates do not decide.
    pub const UNCERTAIN: &'static str = "uncertain";

    pub fn certain(&self) -> Option<&T> {
        match self {
            Status::Certain(v) => Some(v),
            Status::Uncertain(_) => None,
        }
    }

    pub fn possibilities(&self) -> &[T] {
        match self {
            Status::Certain(v) => std::slice::from_ref(v),
            Status::Uncertain(vs) => vs,
        }
    }
}

impl<T: Copy + Into<&'static str>> Status<T> {
    /// The contract's name: the value's (`in-force`, `party`), or `uncertain` when the dates
    /// leave several open.
    pub fn name(&self) -> &'static str {
        match self {
            Status::Certain(v) => (*v).into(),
            Status::Uncertain(_) => Status::<T>::UNCERTAIN,
        }
    }
}

impl<T: fmt::Display> fmt::Display for Status<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Certain(v) => v.fmt(f),
            Status::Uncertain(vs) => {
                f.write_str("uncertain (")?;
                for (i, v) in vs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    v.fmt(f)?;
                }
                f.write_str(")")
            }
        }
    }
}

/// A yes/no answer that may be undecided by the dates.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumIter, strum::VariantNames,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Truth {
    Yes,
    No,
    Uncertain,
}

impl Truth {
    /// `yes`, `no` or `uncertain`, as the reports and `status` show it.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}
