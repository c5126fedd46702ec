//! What the parser says when a setting is not taken as written: always the key, the value and what was
//! used instead.

use std::fmt;

/// What went wrong with one `key=value` pair.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The key is not one relu-lab knows; the pair was ignored.
    UnknownKey,
    /// The value could not be read; the setting kept `used`.
    Invalid { expected: String, used: String },
    /// The value was outside the allowed range; `used` was taken instead.
    Clamped { range: String, used: String },
    /// The key appeared more than once; the last value counts.
    Repeated,
    /// Allowed alone, but not together with other settings (`why` names them); `used` was taken.
    Adjusted { why: String, used: String },
}

/// A setting that was not taken as written. Always names the key and the value.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub key: String,
    pub value: String,
    pub problem: Problem,
}

impl Notice {
    pub fn new(key: &str, value: &str, problem: Problem) -> Notice {
        Notice {
            key: key.into(),
            value: value.into(),
            problem,
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = shorten(&self.value);
        let key = shorten(&self.key);
        match &self.problem {
            Problem::UnknownKey => write!(f, "unknown key `{key}` (value `{value}`) ignored"),
            Problem::Invalid { expected, used } => {
                write!(f, "`{key}={value}` is not {expected}; using {used}")
            }
            Problem::Clamped { range, used } => {
                write!(f, "`{key}={value}` is outside {range}; using {used}")
            }
            Problem::Repeated => write!(
                f,
                "`{key}` appears more than once; the last value `{value}` counts"
            ),
            Problem::Adjusted { why, used } => write!(f, "`{key}={value}` {why}; using {used}"),
        }
    }
}

/// Cuts a long value so a notice stays one readable line.
fn shorten(text: &str) -> String {
    const LIMIT: usize = 40;
    if text.chars().count() <= LIMIT {
        text.to_string()
    } else {
        let head: String = text.chars().take(LIMIT).collect();
        format!("{head}…")
    }
}
