//! The CSV/TSV reader. Values are separated by tabs, `;` (with decimal commas), `,` or spaces; a
//! header line, a BOM, Windows line ends, blank lines and double-quoted fields (a quoted field may
//! hold the delimiter) are fine. A file is first laid out (`layout`: its delimiter, header and which
//! columns hold numbers), then two of its columns are read (`read_table`): every bad line is
//! reported (number, content, why), and no point is returned while one is bad unless the reader is
//! asked to leave them out (`Reading::skip_bad`), and then the table says which it left out. Sizes
//! are bounded before reading (`MAX_DATA_BYTES`, `MAX_POINTS` rows, `MAX_COLUMNS` columns); a file
//! that is not text is refused before it is read (`check_text`).

use super::{BadLine, Column, DataError, LineProblem, Points};
use crate::engine::bounds::{judge, NotFiniteKind, MAX_COLUMNS, MAX_DATA_BYTES, MAX_POINTS};
use crate::engine::decimal::parse_f64;
use std::borrow::Cow;

/// How much of a bad line a report repeats.
const SHOWN_CHARS: usize = 80;
/// How much of a file `check_text` looks at.
pub const SNIFFED_BYTES: usize = 8 * 1024;

/// Which columns hold x and y (from 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Columns {
    pub x: usize,
    pub y: usize,
}

impl Default for Columns {
    fn default() -> Columns {
        Columns { x: 0, y: 1 }
    }
}

/// How to read a table: which columns (`None`: the first two that hold numbers) and whether lines
/// that are not data are left out (said in `Table::skipped`) instead of refusing the whole.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    pub columns: Option<Columns>,
    pub skip_bad: bool,
}

/// What separates the values of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    Tab,
    /// `;`, with decimal commas allowed.
    Semicolon,
    Comma,
    /// One or more spaces.
    Space,
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// Numbers (more numbers than other words; missing values such as `NA` not counted).
    Numbers,
    /// Words (a species, an island): never taken as x or y.
    Text,
}

/// How a file is laid out, before any column is chosen: what the page offers to choose from.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub delimiter: Delimiter,
    /// The header's names, if the first line was one.
    pub header: Option<Vec<String>>,
    /// What each column holds (as many as the widest line, or the header).
    pub kinds: Vec<ColumnKind>,
}

/// A table that was read: its points, how it is laid out, which columns were taken and which
/// lines were left out.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub points: Points,
    pub layout: Layout,
    pub columns: Columns,
    /// Lines that are not data, left out because the reading asked to (empty otherwise).
    pub skipped: Vec<BadLine>,
}

/// Refuses a file before reading it when it has `MAX_DATA_BYTES` or more. The page's file button
/// and a file dropped on the page both go through it, and so does the runner's `--data`.
pub fn check_size(bytes: u64) -> Result<(), DataError> {
    if bytes >= MAX_DATA_BYTES {
        Err(DataError::TooLarge { bytes })
    } else {
        Ok(())
    }
}

/// Refuses a file that is not text from its first bytes (`SNIFFED_BYTES` are enough): a NUL byte
/// (no text file has one; every image, archive and spreadsheet does), a UTF-16 byte-order mark, or
/// bytes that are not UTF-8 (a character cut at the end of the sample is fine).
pub fn check_text(first_bytes: &[u8]) -> Result<(), DataError> {
    let sample = &first_bytes[..first_bytes.len().min(SNIFFED_BYTES)];
    if sample.starts_with(&[0xff, 0xfe]) || sample.starts_with(&[0xfe, 0xff]) {
        return Err(DataError::Utf16);
    }
    if sample.contains(&0) {
        return Err(DataError::NotText);
    }
    match std::str::from_utf8(sample) {
        Ok(_) => Ok(()),
        // Only a character cut by the sample's end (`error_len` is None) is not an error.
        Err(error) if error.error_len().is_none() && sample.len() == SNIFFED_BYTES => Ok(()),
        Err(_) => Err(DataError::NotText),
    }
}

/// How much pasted text the page's box shows as it is: beyond this many bytes the box shows a
/// `preview` and the whole text is kept aside (a browser lays out every line of a text box: 100,000
/// lines cost seconds of layout on each change elsewhere on the page).
pub const SHOWN_WHOLE_BYTES: usize = 64 * 1024;

/// The first `lines` lines of `text` (without their line end) and how many lines it has in all (a
/// last line without its end counts; an empty text has none).
pub fn preview(text: &str, lines: usize) -> (&str, usize) {
    let total = text.lines().count();
    let end = text
        .match_indices('\n')
        .nth(lines.saturating_sub(1))
        .map_or(text.len(), |(at, _)| at);
    let shown = if lines == 0 { "" } else { &text[..end] };
    (shown.strip_suffix('\r').unwrap_or(shown), total)
}

/// Words that mean "no value here" in the files people bring (R's `NA`, pandas' `NaN`, …): a column
/// of numbers with some of them is still a column of numbers.
fn is_missing(field: &str) -> bool {
    const MISSING: &[&str] = &["", "na", "n/a", "nan", "null", "none", "-", "?", "."];
    field.len() <= 4 && MISSING.contains(&field.to_ascii_lowercase().as_str())
}

/// The data lines of a text: (number from 1, line without its end), blank lines and the BOM left
/// out. Tabs at either end stay: in a TSV they are empty fields (a missing first value).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(index, raw)| (index + 1, raw.trim_matches([' ', '\r'])))
        .filter(|(_, line)| !line.trim().is_empty())
}

/// Lays a text out: its delimiter (from the first line), its header (a first line of which no field
/// is a number) and what each column holds. Refuses a text that is not text, that is empty, that has
/// more than `MAX_POINTS` lines or `MAX_COLUMNS` columns.
pub fn layout(text: &str) -> Result<Layout, DataError> {
    check_size(text.len() as u64)?;
    if text.contains('\0') {
        return Err(DataError::NotText);
    }
    let mut lines = lines(text);
    let Some((_, first)) = lines.next() else {
        return Err(DataError::Empty);
    };
    let delimiter = delimiter_of(first);
    let first_fields = split(first, delimiter);
    let header = first_fields
        .iter()
        .all(|f| read_number(f, delimiter) == Err(None))
        .then(|| {
            first_fields
                .iter()
                .map(|f| f.to_string())
                .collect::<Vec<_>>()
        });
    // Per column: numbers and other words (missing values not counted).
    let mut counts: Vec<(usize, usize)> = Vec::new();
    let mut count = |fields: &[Cow<str>]| -> Result<(), DataError> {
        if fields.len() > MAX_COLUMNS {
            return Err(DataError::TooManyColumns {
                found: fields.len(),
            });
        }
        if counts.len() < fields.len() {
            counts.resize(fields.len(), (0, 0));
        }
        for (field, (numbers, words)) in fields.iter().zip(counts.iter_mut()) {
            match read_number(field, delimiter) {
                Ok(_) => *numbers += 1,
                Err(_) if is_missing(field) => {}
                Err(Some(_)) => *numbers += 1,
                Err(None) => *words += 1,
            }
        }
        Ok(())
    };
    let mut rows = 0;
    if header.is_none() {
        count(&first_fields)?;
        rows += 1;
    }
    for (_, line) in lines {
        rows += 1;
        if rows > MAX_POINTS {
            return Err(DataError::TooManyRows);
        }
        count(&split(line, delimiter))?;
    }
    if rows == 0 {
        return Err(DataError::Empty);
    }
    let width = counts.len().max(header.as_ref().map_or(0, Vec::len));
    if width > MAX_COLUMNS {
        return Err(DataError::TooManyColumns { found: width });
    }
    counts.resize(width, (0, 0));
    let kinds = counts
        .iter()
        .map(|&(numbers, words)| {
            if numbers > 0 && numbers >= words {
                ColumnKind::Numbers
            } else {
                ColumnKind::Text
            }
        })
        .collect();
    Ok(Layout {
        delimiter,
        header,
        kinds,
    })
}

impl Layout {
    /// How many columns the file has.
    pub fn width(&self) -> usize {
        self.kinds.len()
    }

    /// A column's name in the header (`None` without a header, or for an empty name).
    pub fn name(&self, column: usize) -> Option<&str> {
        self.header
            .as_ref()?
            .get(column)
            .map(String::as_str)
            .filter(|name| !name.is_empty())
    }

    /// Whether a person has columns to choose from: a header to read them by, or more than two.
    pub fn offers_choice(&self) -> bool {
        self.header.is_some() || self.width() > 2
    }

    /// The columns taken when none are asked for: the first two that hold numbers.
    pub fn default_columns(&self) -> Result<Columns, DataError> {
        let mut numeric = (0..self.width()).filter(|&c| self.kinds[c] == ColumnKind::Numbers);
        match (numeric.next(), numeric.next()) {
            (Some(x), Some(y)) => Ok(Columns { x, y }),
            (first, _) => Err(DataError::TooFewNumericColumns {
                numeric: usize::from(first.is_some()),
            }),
        }
    }

    /// The column a person names: by its header name (exactly, else the one that matches ignoring
    /// case), else by its number from 1.
    pub fn find(&self, wanted: &str) -> Result<usize, DataError> {
        let wanted = wanted.trim();
        let names: Vec<String> = self.header.clone().unwrap_or_default();
        if let Some(column) = names.iter().position(|name| name == wanted) {
            return Ok(column);
        }
        let folded: Vec<usize> = (names.iter().enumerate())
            .filter(|(_, name)| name.to_lowercase() == wanted.to_lowercase())
            .map(|(column, _)| column)
            .collect();
        if let [column] = folded[..] {
            return Ok(column);
        }
        match wanted.parse::<usize>() {
            Ok(number) if (1..=self.width()).contains(&number) => Ok(number - 1),
            _ => Err(DataError::NoSuchColumn {
                wanted: wanted.chars().take(SHOWN_CHARS).collect(),
                names,
            }),
        }
    }
}

/// Reads two columns of a CSV or TSV (see the module's doc).
pub fn read_table(text: &str, reading: Reading) -> Result<Table, DataError> {
    let layout = layout(text)?;
    let columns = match reading.columns {
        Some(columns) => columns,
        None => layout.default_columns()?,
    };
    for column in [columns.x, columns.y] {
        if layout.kinds.get(column) == Some(&ColumnKind::Text) {
            return Err(DataError::TextColumn {
                column,
                name: layout.name(column).map(String::from),
            });
        }
    }
    let mut x = Vec::new();
    let mut y = Vec::new();
    let mut bad = Vec::new();
    let mut lines = lines(text);
    if layout.header.is_some() {
        lines.next();
    }
    for (number, line) in lines {
        // Good and bad lines together: `layout` bounded them.
        match read_line(&split(line, layout.delimiter), line, &layout, columns) {
            Ok((a, b)) => {
                x.push(a);
                y.push(b);
            }
            Err(problem) => bad.push(BadLine {
                line: number,
                content: line.trim().chars().take(SHOWN_CHARS).collect(),
                problem,
            }),
        }
    }
    if !bad.is_empty() && !reading.skip_bad {
        return Err(DataError::BadLines(bad));
    }
    let points = Points::new(x, y)?;
    Ok(Table {
        points,
        layout,
        columns,
        skipped: bad,
    })
}

/// The x and y of one line's fields, or why the line is not data (its columns named as `layout`
/// names them).
fn read_line(
    fields: &[Cow<str>],
    line: &str,
    layout: &Layout,
    columns: Columns,
) -> Result<(f64, f64), LineProblem> {
    let expected = layout.delimiter;
    if let Some(found) = other_delimiter(line, expected) {
        return Err(LineProblem::MixedDelimiters { found, expected });
    }
    let column = |index: usize| Column {
        index,
        name: layout
            .name(index)
            .map(|name| name.chars().take(SHOWN_CHARS).collect()),
    };
    let needed = columns.x.max(columns.y);
    if fields.len() <= needed {
        return Err(LineProblem::TooFewColumns {
            found: fields.len(),
            needed: column(needed),
        });
    }
    let value = |index: usize| {
        let field = &fields[index];
        let text = || field.chars().take(SHOWN_CHARS).collect();
        read_number(field, expected).map_err(|kind| match kind {
            None if is_missing(field) => LineProblem::Missing {
                column: column(index),
                text: text(),
            },
            None => LineProblem::NotANumber {
                column: column(index),
                text: text(),
            },
            Some(kind) => LineProblem::NotFinite {
                column: column(index),
                text: text(),
                kind,
            },
        })
    };
    Ok((value(columns.x)?, value(columns.y)?))
}

/// The first line's delimiter: a tab, else `;`, else `,`, else spaces (outside double quotes).
fn delimiter_of(line: &str) -> Delimiter {
    let line = unquoted_parts(line);
    if line.contains('\t') {
        Delimiter::Tab
    } else if line.contains(';') {
        Delimiter::Semicolon
    } else if line.contains(',') {
        Delimiter::Comma
    } else {
        Delimiter::Space
    }
}

/// The line without what double quotes enclose (a quoted field may hold any delimiter).
fn unquoted_parts(line: &str) -> Cow<'_, str> {
    if !line.contains('"') {
        return Cow::Borrowed(line);
    }
    let mut quoted = false;
    Cow::Owned(
        line.chars()
            .filter(|&c| {
                if c == '"' {
                    quoted = !quoted;
                    return false;
                }
                !quoted
            })
            .collect(),
    )
}

/// A delimiter in `line` (outside quotes) that a file separated by `expected` cannot hold.
fn other_delimiter(line: &str, expected: Delimiter) -> Option<Delimiter> {
    let line = unquoted_parts(line);
    let tab = line.contains('\t');
    let semicolon = line.contains(';');
    let comma = line.contains(',');
    match expected {
        Delimiter::Tab if semicolon => Some(Delimiter::Semicolon),
        // A tab file may use decimal commas, but a line without a tab separated by commas is mixed.
        Delimiter::Tab if !tab && comma => Some(Delimiter::Comma),
        Delimiter::Semicolon if tab => Some(Delimiter::Tab),
        Delimiter::Comma if tab => Some(Delimiter::Tab),
        Delimiter::Comma if semicolon => Some(Delimiter::Semicolon),
        Delimiter::Space if tab => Some(Delimiter::Tab),
        Delimiter::Space if semicolon => Some(Delimiter::Semicolon),
        Delimiter::Space if comma => Some(Delimiter::Comma),
        _ => None,
    }
}

/// A field without the spaces and double quotes around it.
fn unquote(field: &str) -> &str {
    let field = field.trim();
    field
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .unwrap_or(field)
        .trim()
}

/// The fields of a line. A double-quoted field may hold the delimiter and `""` for a quote.
fn split(line: &str, delimiter: Delimiter) -> Vec<Cow<'_, str>> {
    let separator = match delimiter {
        Delimiter::Tab => '\t',
        Delimiter::Semicolon => ';',
        Delimiter::Comma => ',',
        Delimiter::Space => {
            return (line.split_whitespace())
                .map(|f| Cow::Borrowed(unquote(f)))
                .collect()
        }
    };
    if !line.contains('"') {
        return (line.split(separator))
            .map(|f| Cow::Borrowed(f.trim()))
            .collect();
    }
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == separator && !quoted => {
                fields.push(Cow::Owned(field.trim().to_string()));
                field.clear();
            }
            c => field.push(c),
        }
    }
    fields.push(Cow::Owned(field.trim().to_string()));
    fields
}

/// A value of a field: Err(None) when it is not a number, Err(Some(kind)) when it is not finite
/// (or beyond float32). Decimal commas are read where `,` does not separate values.
fn read_number(field: &str, delimiter: Delimiter) -> Result<f64, Option<NotFiniteKind>> {
    let decimal_comma =
        delimiter != Delimiter::Comma && field.matches(',').count() == 1 && !field.contains('.');
    let parsed = if decimal_comma {
        parse_f64(&field.replace(',', "."))
    } else {
        parse_f64(field)
    };
    let value = parsed.ok_or(None)?;
    match judge(value) {
        None => Ok(value),
        Some(kind) => Err(Some(kind)),
    }
}
