//! Why data was not taken, as types: the reader's and the link codec's errors. Their words are
//! `config`'s (`config::data_words`), which turns them into what the page and the runner say.

use super::link::Tag;
use super::Delimiter;
use crate::engine::bounds::NotFiniteKind;

/// A column as a person names it: its header's name when the file has one, else its number.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// From 0.
    pub index: usize,
    pub name: Option<String>,
}

impl Column {
    /// Column `index` (from 0) without a name.
    pub fn numbered(index: usize) -> Column {
        Column { index, name: None }
    }
}

/// Why a line is not data.
#[derive(Clone, Debug, PartialEq)]
pub enum LineProblem {
    /// `column` is not a number.
    NotANumber { column: Column, text: String },
    /// `column` holds a missing value's mark (empty, `NA`, `null`, `?`, …).
    Missing { column: Column, text: String },
    /// `column` is NaN or infinite (or beyond float32, which the network computes in).
    NotFinite {
        column: Column,
        text: String,
        kind: NotFiniteKind,
    },
    /// The line has `found` values; column `needed` is asked for.
    TooFewColumns { found: usize, needed: Column },
    /// The line is separated by `found` where the first line uses `expected`.
    MixedDelimiters {
        found: Delimiter,
        expected: Delimiter,
    },
}

/// A line that is not data: its number (from 1), its content (cut to 80 characters) and why.
#[derive(Clone, Debug, PartialEq)]
pub struct BadLine {
    pub line: usize,
    pub content: String,
    pub problem: LineProblem,
}

/// Why data was refused (nothing of it is used).
#[derive(Clone, Debug, PartialEq)]
pub enum DataError {
    /// More than `MAX_DATA_BYTES`: not read.
    TooLarge { bytes: u64 },
    /// Not text (an image, a spreadsheet, any binary file): not read.
    NotText,
    /// Text in UTF-16 (a spreadsheet's "Unicode text"): not read.
    Utf16,
    /// No data line.
    Empty,
    /// One data line: a network needs at least two points.
    OneRow,
    /// More than `MAX_POINTS` data lines.
    TooManyRows,
    /// More than `MAX_COLUMNS` columns.
    TooManyColumns { found: usize },
    /// Fewer than two columns hold numbers: there is no x and y to take.
    TooFewNumericColumns { numeric: usize },
    /// The column asked for holds text (from 0; its header's name, if any): it is never taken.
    TextColumn { column: usize, name: Option<String> },
    /// No column has this name or number (the names the file has, if any).
    NoSuchColumn { wanted: String, names: Vec<String> },
    /// Every x is this value: nothing to learn a function of.
    SameX { x: f64 },
    /// These lines are not data (every one of them, in order).
    BadLines(Vec<BadLine>),
    /// A link's points are not text relu-lab wrote (`at`: the character, from 0).
    NotLinkText { at: usize },
    /// A link's points decode to something other than pairs of numbers.
    BadLinkContent,
    /// x and y of different lengths (points made by hand).
    Uneven,
    /// A value that cannot be a target or an input (points made by hand or from a link).
    NotFinite { index: usize, kind: NotFiniteKind },
    /// The link names points by their tag (`pts=~…`) instead of carrying them, and they are not here.
    NotHeld { tag: Tag },
}
