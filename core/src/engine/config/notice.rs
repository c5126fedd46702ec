//! What the parser says when a setting is not taken as written: always the key, the value and what was
//! used instead, in either language (the words come from `crate::i18n`).

use crate::engine::formula::{
    FormulaError, FormulaErrorKind, NotFinite, NotFiniteKind, MAX_FORMULA_CHARS, MAX_NESTING,
};
use crate::i18n::Language;
use crate::i18n::{self, Text};
use std::fmt;

/// Words of a notice: a message of the table with the values it takes (plain text, or words of
/// their own), written out in whichever language the page speaks.
#[derive(Clone, Debug, PartialEq)]
pub struct Phrase {
    pub text: Text,
    pub values: Vec<Word>,
}

/// A value in a phrase.
#[derive(Clone, Debug, PartialEq)]
pub enum Word {
    Plain(String),
    Phrase(Phrase),
}

impl Phrase {
    /// `text` with plain values.
    pub fn new(text: Text, values: &[&dyn fmt::Display]) -> Phrase {
        Phrase {
            text,
            values: values.iter().map(|v| Word::Plain(v.to_string())).collect(),
        }
    }

    pub fn render(&self, language: Language) -> String {
        let values: Vec<String> = self
            .values
            .iter()
            .map(|word| match word {
                Word::Plain(text) => text.clone(),
                Word::Phrase(phrase) => phrase.render(language),
            })
            .collect();
        let shown: Vec<&dyn fmt::Display> = values.iter().map(|v| v as &dyn fmt::Display).collect();
        self.text.fill(language, &shown)
    }
}

/// What went wrong with one `key=value` pair.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The key is not one relu-lab knows; the pair was ignored.
    UnknownKey,
    /// The value could not be read; the setting kept `used`.
    Invalid { expected: Phrase, used: String },
    /// The value could not be taken; the setting kept what it had, said in words (`kept`).
    Refused { expected: Phrase, kept: Phrase },
    /// The value was outside the allowed range; `used` was taken instead.
    Clamped { range: Phrase, used: String },
    /// The key appeared more than once; the last value counts.
    Repeated,
    /// Allowed alone, but not together with other settings (`why` names them); `used` was taken.
    Adjusted { why: Phrase, used: String },
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

impl Notice {
    /// The notice in `language`.
    pub fn text(&self, language: Language) -> String {
        let value = shorten(&self.value);
        let key = shorten(&self.key);
        match &self.problem {
            Problem::UnknownKey => i18n::NOTICE_UNKNOWN_KEY.fill(language, &[&key, &value]),
            Problem::Invalid { expected, used } => i18n::NOTICE_INVALID
                .fill(language, &[&key, &value, &expected.render(language), used]),
            Problem::Refused { expected, kept } => i18n::NOTICE_INVALID.fill(
                language,
                &[
                    &key,
                    &value,
                    &expected.render(language),
                    &kept.render(language),
                ],
            ),
            Problem::Clamped { range, used } => {
                i18n::NOTICE_CLAMPED.fill(language, &[&key, &value, &range.render(language), used])
            }
            Problem::Repeated => i18n::NOTICE_REPEATED.fill(language, &[&key, &value]),
            Problem::Adjusted { why, used } => {
                i18n::NOTICE_ADJUSTED.fill(language, &[&key, &value, &why.render(language), used])
            }
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Language::En))
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

// A formula's typed errors in words: the formula module knows no words, the configuration turns
// them into notices.

impl FormulaError {
    /// The error in words: what and where (positions counted from 1 for people).
    pub fn phrase(&self) -> Phrase {
        use FormulaErrorKind as K;
        let why = match &self.kind {
            K::Empty => Phrase::new(i18n::FORMULA_EMPTY, &[]),
            K::TooLong => Phrase::new(i18n::FORMULA_TOO_LONG, &[&MAX_FORMULA_CHARS]),
            K::TooDeep => Phrase::new(i18n::FORMULA_TOO_DEEP, &[&MAX_NESTING]),
            K::Unexpected(c) => Phrase::new(i18n::FORMULA_UNEXPECTED, &[c]),
            K::UnknownName(name) => Phrase::new(i18n::FORMULA_UNKNOWN_NAME, &[name]),
            K::ExpectedValue => Phrase::new(i18n::FORMULA_EXPECTED_VALUE, &[]),
            K::ExpectedOperator => Phrase::new(i18n::FORMULA_EXPECTED_OPERATOR, &[]),
            K::MissingClose => Phrase::new(i18n::FORMULA_MISSING_CLOSE, &[]),
            K::UnmatchedClose => Phrase::new(i18n::FORMULA_UNMATCHED_CLOSE, &[]),
            K::BadNumber(text) => Phrase::new(i18n::FORMULA_BAD_NUMBER, &[text]),
            K::WrongArguments { name, takes } => {
                Phrase::new(i18n::FORMULA_WRONG_ARGUMENTS, &[name, takes])
            }
            K::NeedsParentheses(name) => Phrase::new(i18n::FORMULA_NEEDS_PARENTHESES, &[name]),
        };
        Phrase {
            text: i18n::FORMULA_AT,
            values: vec![Word::Plain((self.at + 1).to_string()), Word::Phrase(why)],
        }
    }

    pub fn text(&self, language: Language) -> String {
        self.phrase().render(language)
    }
}

impl NotFinite {
    /// Why the formula is refused, in words: what it is, at which x.
    pub fn phrase(&self) -> Phrase {
        let text = match self.kind {
            NotFiniteKind::NotANumber => i18n::FORMULA_NAN_AT,
            NotFiniteKind::Infinite => i18n::FORMULA_INFINITE_AT,
            NotFiniteKind::BeyondFloat32 => i18n::FORMULA_BEYOND_FLOAT32_AT,
        };
        Phrase::new(text, &[&self.x])
    }
}
