//! The words of own data's errors: `engine::table` reports why it refused data as types (it imports
//! nothing of `config`); here they become phrases in either language, for the page, the notices and
//! the runner.

use super::notice::{Phrase, Word};
use crate::engine::bounds::{NotFiniteKind, MAX_COLUMNS, MAX_DATA_BYTES, MAX_POINTS};
use crate::engine::table::{BadLine, Column, DataError, Delimiter, LineProblem};
use crate::i18n::{self, Language};

/// How many line numbers a list names before it says how many more there are.
pub const LISTED_LINES: usize = 10;

fn delimiter_phrase(delimiter: Delimiter) -> Phrase {
    let text = match delimiter {
        Delimiter::Tab => i18n::DELIMITER_TAB,
        Delimiter::Semicolon => i18n::DELIMITER_SEMICOLON,
        Delimiter::Comma => i18n::DELIMITER_COMMA,
        Delimiter::Space => i18n::DELIMITER_SPACE,
    };
    Phrase::new(text, &[])
}

fn not_finite_phrase(kind: NotFiniteKind) -> Phrase {
    let text = match kind {
        NotFiniteKind::NotANumber => i18n::DATA_VALUE_NAN,
        NotFiniteKind::Infinite => i18n::DATA_VALUE_INFINITE,
        NotFiniteKind::BeyondFloat32 => i18n::DATA_VALUE_BEYOND_FLOAT32,
    };
    Phrase::new(text, &[])
}

/// "column “body_mass_g”" when the file names it, else "column 3" (`column_phrase`).
fn column_word(column: &Column) -> Word {
    Word::Phrase(column_phrase(column.index, column.name.as_deref()))
}

impl BadLine {
    /// `line 3: column 2: `abc` is not a number (`1,abc`)`: the page's `li` for this line.
    pub fn phrase(&self) -> Phrase {
        let why = match &self.problem {
            LineProblem::Missing { column, text } if text.trim().is_empty() => Phrase {
                text: i18n::LINE_EMPTY_CELL,
                values: vec![column_word(column)],
            },
            LineProblem::Missing { column, text } => Phrase {
                text: i18n::LINE_MISSING,
                values: vec![column_word(column), Word::Plain(text.clone())],
            },
            LineProblem::NotANumber { column, text } => Phrase {
                text: i18n::LINE_NOT_A_NUMBER,
                values: vec![column_word(column), Word::Plain(text.clone())],
            },
            LineProblem::NotFinite { column, text, kind } => Phrase {
                text: i18n::LINE_NOT_FINITE,
                values: vec![
                    column_word(column),
                    Word::Plain(text.clone()),
                    Word::Phrase(not_finite_phrase(*kind)),
                ],
            },
            LineProblem::TooFewColumns { found, needed } => Phrase {
                text: i18n::LINE_TOO_FEW_COLUMNS,
                values: vec![Word::Plain(found.to_string()), column_word(needed)],
            },
            LineProblem::MixedDelimiters { found, expected } => Phrase {
                text: i18n::LINE_MIXED_DELIMITERS,
                values: vec![
                    Word::Phrase(delimiter_phrase(*found)),
                    Word::Phrase(delimiter_phrase(*expected)),
                ],
            },
        };
        Phrase {
            text: i18n::LINE_PROBLEM,
            values: vec![
                Word::Plain(self.line.to_string()),
                Word::Phrase(why),
                Word::Plain(self.content.clone()),
            ],
        }
    }

    pub fn text(&self, language: Language) -> String {
        self.phrase().render(language)
    }
}

/// Line numbers as a person reads them: `5, 273`, or the first `LISTED_LINES` and how many more
/// (`2, 3, 4, … and 334 more`).
pub fn line_numbers(lines: &[BadLine]) -> Word {
    let shown: Vec<String> = (lines.iter().take(LISTED_LINES))
        .map(|l| l.line.to_string())
        .collect();
    let more = lines.len().saturating_sub(LISTED_LINES);
    if more == 0 {
        Word::Plain(shown.join(", "))
    } else {
        Word::Phrase(Phrase::new(
            i18n::LINE_LIST_AND_MORE,
            &[&shown.join(", "), &more],
        ))
    }
}

/// The offer to leave the bad lines out: "Skip the 2 lines whose x or y is not a number: 5, 273".
pub fn skip_offer(lines: &[BadLine]) -> Phrase {
    Phrase {
        text: i18n::DATA_SKIP_OFFER,
        values: vec![Word::Plain(lines.len().to_string()), line_numbers(lines)],
    }
}

/// What was left out: "Skipped 2 lines whose x or y is not a number: 5, 273".
pub fn skipped(lines: &[BadLine]) -> Phrase {
    Phrase {
        text: i18n::DATA_SKIPPED,
        values: vec![Word::Plain(lines.len().to_string()), line_numbers(lines)],
    }
}

/// The name of a column as a person reads it: its header's name, else `column 3`.
pub fn column_phrase(column: usize, name: Option<&str>) -> Phrase {
    match name {
        Some(name) => Phrase::new(i18n::COLUMN_NAMED, &[&name]),
        None => Phrase::new(i18n::COLUMN_NUMBERED, &[&(column + 1)]),
    }
}

impl DataError {
    /// Why the data was refused, in one sentence (for bad lines: how many; list them with
    /// [`BadLine::phrase`]).
    pub fn phrase(&self) -> Phrase {
        match self {
            DataError::TooLarge { bytes } => {
                Phrase::new(i18n::DATA_TOO_LARGE, &[bytes, &MAX_DATA_BYTES])
            }
            DataError::NotText => Phrase::new(i18n::DATA_NOT_TEXT, &[]),
            DataError::Utf16 => Phrase::new(i18n::DATA_UTF16, &[]),
            DataError::Empty => Phrase::new(i18n::DATA_EMPTY, &[]),
            DataError::OneRow => Phrase::new(i18n::DATA_ONE_ROW, &[]),
            DataError::TooManyRows => Phrase::new(i18n::DATA_TOO_MANY_ROWS, &[&MAX_POINTS]),
            DataError::TooManyColumns { found } => {
                Phrase::new(i18n::DATA_TOO_MANY_COLUMNS, &[found, &MAX_COLUMNS])
            }
            DataError::TooFewNumericColumns { numeric } => {
                Phrase::new(i18n::DATA_TOO_FEW_NUMERIC_COLUMNS, &[numeric])
            }
            DataError::TextColumn { column, name } => Phrase {
                text: i18n::DATA_TEXT_COLUMN,
                values: vec![Word::Phrase(column_phrase(*column, name.as_deref()))],
            },
            DataError::NoSuchColumn { wanted, names } if names.is_empty() => {
                Phrase::new(i18n::DATA_NO_SUCH_COLUMN_NUMBER, &[wanted])
            }
            DataError::NoSuchColumn { wanted, names } => {
                Phrase::new(i18n::DATA_NO_SUCH_COLUMN, &[wanted, &names.join(", ")])
            }
            DataError::SameX { x } => Phrase::new(i18n::DATA_SAME_X, &[x]),
            DataError::BadLines(lines) => Phrase::new(i18n::DATA_BAD_LINES, &[&lines.len()]),
            DataError::NotLinkText { at } => Phrase::new(i18n::DATA_NOT_LINK_TEXT, &[&(at + 1)]),
            DataError::BadLinkContent | DataError::Uneven => {
                Phrase::new(i18n::DATA_BAD_LINK_CONTENT, &[])
            }
            DataError::NotFinite { index, kind } => Phrase {
                text: i18n::DATA_NOT_FINITE,
                values: vec![
                    Word::Plain((index + 1).to_string()),
                    Word::Phrase(not_finite_phrase(*kind)),
                ],
            },
            DataError::NotHeld { tag } => {
                Phrase::new(i18n::DATA_NOT_HELD, &[&tag.rows, &tag.short()])
            }
        }
    }

    /// The refusal in words; for bad lines, the sentence and then every line.
    pub fn text(&self, language: Language) -> String {
        let mut out = self.phrase().render(language);
        if let DataError::BadLines(lines) = self {
            for line in lines {
                out.push('\n');
                out.push_str(&line.text(language));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::table::{BadLine, Column, LineProblem};
    use crate::i18n::Language;

    #[test]
    fn an_empty_cell_is_said_to_be_empty_and_na_missing_by_the_columns_name() {
        let line = |text: &str, name: Option<&str>| BadLine {
            line: 4,
            content: format!("Adelie,{text},3750"),
            problem: LineProblem::Missing {
                column: Column {
                    index: 1,
                    name: name.map(String::from),
                },
                text: text.to_string(),
            },
        };
        let empty = line("", None).phrase();
        assert!(empty.render(Language::En).contains("column 2 is empty"));
        assert!(empty.render(Language::Zh).contains("第 2 列是空的"));
        let na = line("NA", Some("body_mass_g")).phrase();
        let (en, zh) = (na.render(Language::En), na.render(Language::Zh));
        assert!(
            en.contains("column “body_mass_g” is missing (“NA”)"),
            "{en}"
        );
        assert!(zh.contains("列 “body_mass_g”缺失（“NA”）"), "{zh}");
    }
}
