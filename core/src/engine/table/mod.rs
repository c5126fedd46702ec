//! The learner's own data: a CSV or TSV read into points, and the points' compact text for a link.
//!
//! The reader takes two numeric columns (or any two of more, `Columns`), separated by tabs, `;`
//! (with decimal commas), `,` or spaces; a header line, a BOM, Windows line ends and blank lines are
//! fine. It reads all of the input before it answers: every bad line is reported (number, content,
//! why), and no point is returned unless the whole input is good. Sizes are bounded before reading
//! (`MAX_DATA_BYTES`, `MAX_POINTS` rows).
//!
//! The link form (`pts=`): each value as its shortest round-trip decimal text, packed four bits a
//! character (digits, `.`, `-`, `e`, an end mark), behind a version byte, in base64url. Decoding any
//! text gives the same bits back or a typed error, never a panic.

use super::config::{Language, Phrase, Word, MAX_POINTS};
use super::formula::{judge, NotFiniteKind};
use crate::i18n;
use std::sync::{Arc, OnceLock};

/// The size from which a file is refused before it is read (10 MB, as the issue says: "10 MB and
/// more").
pub const MAX_DATA_BYTES: u64 = 10 * 1024 * 1024;
/// How much of a bad line a report repeats.
const SHOWN_CHARS: usize = 80;
/// The link form's version (the first byte).
const LINK_VERSION: u8 = 1;

/// The learner's points, in their order. Cheap to clone (a `Config` holds them). Empty: no own data.
#[derive(Clone, Debug, Default)]
pub struct Points {
    x: Arc<[f64]>,
    y: Arc<[f64]>,
    /// The link form, made the first time it is asked for (reading a file does not wait for it).
    link: Arc<OnceLock<String>>,
}

/// The same points: the same bits, in the same order.
impl PartialEq for Points {
    fn eq(&self, other: &Points) -> bool {
        let same = |a: &[f64], b: &[f64]| {
            a.len() == b.len() && a.iter().zip(b).all(|(p, q)| p.to_bits() == q.to_bits())
        };
        same(&self.x, &other.x) && same(&self.y, &other.y)
    }
}

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

/// A table that was read: its points, and what the page can show about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub points: Points,
    /// The header's names, if the first line was one.
    pub header: Option<Vec<String>>,
    /// Values on the first data line.
    pub columns: usize,
    pub delimiter: Delimiter,
}

/// Why a line is not data.
#[derive(Clone, Debug, PartialEq)]
pub enum LineProblem {
    /// `column` (from 0) is not a number.
    NotANumber { column: usize, text: String },
    /// `column` is NaN or infinite (or beyond float32, which the network computes in).
    NotFinite {
        column: usize,
        text: String,
        kind: NotFiniteKind,
    },
    /// The line has `found` values; column `needed` (from 0) is asked for.
    TooFewColumns { found: usize, needed: usize },
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
    /// No data line.
    Empty,
    /// One data line: a network needs at least two points.
    OneRow,
    /// More than `MAX_POINTS` data lines.
    TooManyRows,
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

/// A short name of a set of points: how many, and an FNV-1a hash of their bits (x then y, each
/// value's 8 bytes little-endian). A link too long to carry the points names them by it
/// (`pts=~500.0123456789abcdef`), so a page can find them where it kept them, and say so when it
/// did not; a history CSV names its data by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag {
    pub rows: usize,
    pub hash: u64,
}

/// What starts a tag where a link's points would be (not a base64url character).
pub const TAG_MARK: char = '~';

impl Tag {
    pub fn of(points: &Points) -> Tag {
        let bytes = points
            .x
            .iter()
            .chain(points.y.iter())
            .flat_map(|v| v.to_bits().to_le_bytes());
        Tag {
            rows: points.len(),
            hash: fnv1a(bytes),
        }
    }

    /// The link form: `~` rows `.` 16 hex digits.
    pub fn link_text(&self) -> String {
        format!("{TAG_MARK}{}.{:016x}", self.rows, self.hash)
    }

    /// Reads the link form back; anything else is `None`.
    pub fn from_link_text(text: &str) -> Option<Tag> {
        let (rows, hash) = text.trim().strip_prefix(TAG_MARK)?.split_once('.')?;
        let digits = |t: &str, radix: u32| {
            t.chars().all(|c| c.is_digit(radix)) && (1..=20).contains(&t.len())
        };
        if !digits(rows, 10) || !digits(hash, 16) || hash.len() != 16 {
            return None;
        }
        Some(Tag {
            rows: rows.parse().ok()?,
            hash: u64::from_str_radix(hash, 16).ok()?,
        })
    }

    /// The first 8 hex digits: enough for a person to tell two data sets apart.
    pub fn short(&self) -> String {
        format!("{:08x}", self.hash >> 32)
    }
}

/// FNV-1a, 64 bits: a fixed, documented hash (the same on every machine and in every version).
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
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

impl Points {
    /// Points from x and y values: at least 2 and at most `MAX_POINTS`, finite within float32, with
    /// at least two different x.
    pub fn new(x: Vec<f64>, y: Vec<f64>) -> Result<Points, DataError> {
        if x.len() != y.len() {
            return Err(DataError::Uneven);
        }
        match x.len() {
            0 => return Err(DataError::Empty),
            1 => return Err(DataError::OneRow),
            n if n > MAX_POINTS => return Err(DataError::TooManyRows),
            _ => {}
        }
        for (index, &v) in x.iter().chain(&y).enumerate() {
            if let Some(kind) = judge(v) {
                return Err(DataError::NotFinite { index, kind });
            }
        }
        if x.iter().all(|&v| v == x[0]) {
            return Err(DataError::SameX { x: x[0] });
        }
        Ok(Points {
            x: x.into(),
            y: y.into(),
            link: Arc::default(),
        })
    }

    pub fn x(&self) -> &[f64] {
        &self.x
    }

    pub fn y(&self) -> &[f64] {
        &self.y
    }

    pub fn len(&self) -> usize {
        self.x.len()
    }

    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// The link form (`pts=`); empty for no points.
    pub fn link_text(&self) -> &str {
        if self.is_empty() {
            return "";
        }
        self.link.get_or_init(|| encode(&self.x, &self.y))
    }

    /// Reads the link form back: the same bits, or why not. An empty text is no points.
    pub fn from_link_text(text: &str) -> Result<Points, DataError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Points::default());
        }
        if let Some(tag) = Tag::from_link_text(text) {
            return Err(DataError::NotHeld { tag });
        }
        if text.len() as u64 >= MAX_DATA_BYTES {
            return Err(DataError::TooLarge {
                bytes: text.len() as u64,
            });
        }
        let bytes = base64url_decode(text)?;
        let values = unpack(&bytes)?;
        let (x, y): (Vec<f64>, Vec<f64>) = values.chunks_exact(2).map(|p| (p[0], p[1])).unzip();
        Points::new(x, y)
    }

    /// The points as a CSV file (`x,y` header, shortest round-trip values): what the page offers
    /// when the link cannot hold them, and what the Keras program reads.
    pub fn to_csv(&self) -> String {
        let mut out = String::with_capacity(self.len() * 24 + 4);
        out.push_str("x,y\n");
        for (x, y) in self.x.iter().zip(self.y.iter()) {
            out.push_str(&shortest(*x));
            out.push(',');
            out.push_str(&shortest(*y));
            out.push('\n');
        }
        out
    }
}

/// Reads a CSV or TSV. See the module's doc for what it accepts.
pub fn read_table(text: &str, columns: Columns) -> Result<Table, DataError> {
    check_size(text.len() as u64)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut delimiter = None;
    let mut header = None;
    let mut width = 0;
    let mut x = Vec::new();
    let mut y = Vec::new();
    let mut bad = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let number = index + 1;
        let first = delimiter.is_none();
        let expected = *delimiter.get_or_insert_with(|| delimiter_of(line));
        let fields = split(line, expected);
        if first && fields.iter().all(|f| read_number(f, expected) == Err(None)) {
            header = Some(fields.iter().map(|f| f.to_string()).collect());
            continue;
        }
        // Good and bad lines together: a file of a million bad lines stops here, not in memory.
        if x.len() + bad.len() >= MAX_POINTS {
            return Err(DataError::TooManyRows);
        }
        match read_line(&fields, line, expected, columns) {
            Ok((a, b)) => {
                if width == 0 {
                    width = fields.len();
                }
                x.push(a);
                y.push(b);
            }
            Err(problem) => bad.push(BadLine {
                line: number,
                content: line.chars().take(SHOWN_CHARS).collect(),
                problem,
            }),
        }
    }
    if !bad.is_empty() {
        return Err(DataError::BadLines(bad));
    }
    let points = Points::new(x, y)?;
    Ok(Table {
        points,
        header,
        columns: width,
        delimiter: delimiter.unwrap_or(Delimiter::Comma),
    })
}

/// The x and y of one line's fields, or why the line is not data.
fn read_line(
    fields: &[&str],
    line: &str,
    expected: Delimiter,
    columns: Columns,
) -> Result<(f64, f64), LineProblem> {
    if let Some(found) = other_delimiter(line, expected) {
        return Err(LineProblem::MixedDelimiters { found, expected });
    }
    let needed = columns.x.max(columns.y);
    if fields.len() <= needed {
        return Err(LineProblem::TooFewColumns {
            found: fields.len(),
            needed,
        });
    }
    let value = |column: usize| {
        let text = || fields[column].chars().take(SHOWN_CHARS).collect();
        read_number(fields[column], expected).map_err(|kind| match kind {
            None => LineProblem::NotANumber {
                column,
                text: text(),
            },
            Some(kind) => LineProblem::NotFinite {
                column,
                text: text(),
                kind,
            },
        })
    };
    Ok((value(columns.x)?, value(columns.y)?))
}

/// The first line's delimiter: a tab, else `;`, else `,`, else spaces.
fn delimiter_of(line: &str) -> Delimiter {
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

/// A delimiter in `line` that a file separated by `expected` cannot hold.
fn other_delimiter(line: &str, expected: Delimiter) -> Option<Delimiter> {
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

fn split(line: &str, delimiter: Delimiter) -> Vec<&str> {
    match delimiter {
        Delimiter::Tab => line.split('\t').map(unquote).collect(),
        Delimiter::Semicolon => line.split(';').map(unquote).collect(),
        Delimiter::Comma => line.split(',').map(unquote).collect(),
        Delimiter::Space => line.split_whitespace().map(unquote).collect(),
    }
}

/// A value of a field: Err(None) when it is not a number, Err(Some(kind)) when it is not finite
/// (or beyond float32). Decimal commas are read where `,` does not separate values.
fn read_number(field: &str, delimiter: Delimiter) -> Result<f64, Option<NotFiniteKind>> {
    let decimal_comma =
        delimiter != Delimiter::Comma && field.matches(',').count() == 1 && !field.contains('.');
    let parsed = if decimal_comma {
        field.replace(',', ".").parse::<f64>()
    } else {
        field.parse::<f64>()
    };
    let value = parsed.map_err(|_| None)?;
    match judge(value) {
        None => Ok(value),
        Some(kind) => Err(Some(kind)),
    }
}

/// The shortest text that reads back as exactly `value`, plain or with an exponent (Python reads it
/// back the same way).
pub fn shortest(value: f64) -> String {
    let plain = format!("{value}");
    // The exponent form can only be shorter with zeros to skip: `0.00…` or `…00`.
    let digits = plain.trim_start_matches('-');
    let zeros = digits.starts_with("0.0") || (!digits.contains('.') && digits.ends_with("00"));
    if !zeros {
        return plain;
    }
    let exponent = format!("{value:e}");
    if exponent.len() < plain.len() {
        exponent
    } else {
        plain
    }
}

/// Symbols of the packed text: 0–9 the digits, then `.`, `-`, `e`, the end of a value, and padding.
const DOT: u8 = 10;
const MINUS: u8 = 11;
const EXPONENT: u8 = 12;
const END: u8 = 13;
const PAD: u8 = 15;

fn encode(x: &[f64], y: &[f64]) -> String {
    let mut symbols: Vec<u8> = Vec::with_capacity(x.len() * 20);
    for (a, b) in x.iter().zip(y) {
        for value in [a, b] {
            for c in shortest(*value).bytes() {
                symbols.push(match c {
                    b'0'..=b'9' => c - b'0',
                    b'.' => DOT,
                    b'-' => MINUS,
                    _ => EXPONENT,
                });
            }
            symbols.push(END);
        }
    }
    if symbols.len() % 2 == 1 {
        symbols.push(PAD);
    }
    let mut bytes = Vec::with_capacity(1 + symbols.len() / 2);
    bytes.push(LINK_VERSION);
    bytes.extend(symbols.chunks_exact(2).map(|s| (s[0] << 4) | s[1]));
    base64url_encode(&bytes)
}

fn unpack(bytes: &[u8]) -> Result<Vec<f64>, DataError> {
    let Some((&version, packed)) = bytes.split_first() else {
        return Err(DataError::BadLinkContent);
    };
    if version != LINK_VERSION {
        return Err(DataError::BadLinkContent);
    }
    let mut values = Vec::new();
    let mut text = String::new();
    let symbols = packed.iter().flat_map(|b| [b >> 4, b & 15]);
    let count = packed.len() * 2;
    for (i, symbol) in symbols.enumerate() {
        match symbol {
            0..=9 => text.push(char::from(b'0' + symbol)),
            DOT => text.push('.'),
            MINUS => text.push('-'),
            EXPONENT => text.push('e'),
            END => {
                let value = text.parse::<f64>().map_err(|_| DataError::BadLinkContent)?;
                values.push(value);
                text.clear();
                if values.len() > 2 * MAX_POINTS {
                    return Err(DataError::TooManyRows);
                }
            }
            PAD if i + 1 == count => {}
            _ => return Err(DataError::BadLinkContent),
        }
    }
    if !text.is_empty() || values.len() % 2 == 1 {
        return Err(DataError::BadLinkContent);
    }
    Ok(values)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): safe in a query as it is.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize]));
        }
    }
    out
}

/// The inverse of `base64url_encode`; `=` padding at the end is allowed. A character outside the
/// alphabet, or a length no encoding has, is refused (with the character's position).
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, DataError> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut bits: u32 = 0;
    let mut held = 0;
    for (at, c) in text.chars().enumerate() {
        let value = match c {
            'A'..='Z' => c as u32 - 'A' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 26,
            '0'..='9' => c as u32 - '0' as u32 + 52,
            '-' => 62,
            '_' => 63,
            _ => return Err(DataError::NotLinkText { at }),
        };
        bits = (bits << 6) | value;
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
            bits &= (1 << held) - 1;
        }
    }
    if text.chars().count() % 4 == 1 {
        return Err(DataError::NotLinkText {
            at: text.chars().count() - 1,
        });
    }
    Ok(out)
}

impl Delimiter {
    fn phrase(self) -> Phrase {
        match self {
            Delimiter::Tab => Phrase::new(i18n::DELIMITER_TAB, &[]),
            Delimiter::Semicolon => Phrase::new(i18n::DELIMITER_SEMICOLON, &[]),
            Delimiter::Comma => Phrase::new(i18n::DELIMITER_COMMA, &[]),
            Delimiter::Space => Phrase::new(i18n::DELIMITER_SPACE, &[]),
        }
    }
}

fn not_finite_phrase(kind: NotFiniteKind) -> Phrase {
    let text = match kind {
        NotFiniteKind::NotANumber => i18n::DATA_VALUE_NAN,
        NotFiniteKind::Infinite => i18n::DATA_VALUE_INFINITE,
        NotFiniteKind::BeyondFloat32 => i18n::DATA_VALUE_BEYOND_FLOAT32,
    };
    Phrase::new(text, &[])
}

impl BadLine {
    /// `line 3: column 2: `abc` is not a number (`1,abc`)`: the page's `li` for this line.
    pub fn phrase(&self) -> Phrase {
        let why = match &self.problem {
            LineProblem::NotANumber { column, text } => {
                Phrase::new(i18n::LINE_NOT_A_NUMBER, &[&(column + 1), text])
            }
            LineProblem::NotFinite { column, text, kind } => Phrase {
                text: i18n::LINE_NOT_FINITE,
                values: vec![
                    Word::Plain((column + 1).to_string()),
                    Word::Plain(text.clone()),
                    Word::Phrase(not_finite_phrase(*kind)),
                ],
            },
            LineProblem::TooFewColumns { found, needed } => {
                Phrase::new(i18n::LINE_TOO_FEW_COLUMNS, &[found, &(needed + 1)])
            }
            LineProblem::MixedDelimiters { found, expected } => Phrase {
                text: i18n::LINE_MIXED_DELIMITERS,
                values: vec![
                    Word::Phrase(found.phrase()),
                    Word::Phrase(expected.phrase()),
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

impl DataError {
    /// Why the data was refused, in one sentence (for bad lines: how many; list them with
    /// [`BadLine::phrase`]).
    pub fn phrase(&self) -> Phrase {
        match self {
            DataError::TooLarge { bytes } => {
                Phrase::new(i18n::DATA_TOO_LARGE, &[bytes, &MAX_DATA_BYTES])
            }
            DataError::Empty => Phrase::new(i18n::DATA_EMPTY, &[]),
            DataError::OneRow => Phrase::new(i18n::DATA_ONE_ROW, &[]),
            DataError::TooManyRows => Phrase::new(i18n::DATA_TOO_MANY_ROWS, &[&MAX_POINTS]),
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
    use super::*;
    use crate::engine::test_cases::{long, Cases};

    fn points(text: &str) -> Points {
        read_table(text, Columns::default())
            .unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
            .points
    }

    fn bad_lines(text: &str) -> Vec<BadLine> {
        match read_table(text, Columns::default()) {
            Err(DataError::BadLines(lines)) => lines,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn a_preview_is_the_first_lines_and_counts_them_all() {
        let text = "x,y\r\n1,2\r\n3,4\r\n5,6";
        assert_eq!(preview(text, 2), ("x,y\r\n1,2", 4));
        assert_eq!(preview(text, 9), (text, 4));
        assert_eq!(preview(text, 0), ("", 4));
        assert_eq!(preview("", 3), ("", 0));
        assert_eq!(preview("a\nb\n", 1), ("a", 2));
        assert_eq!(preview("a\nb\n", 2), ("a\nb", 2));
        // Every character kept whole (a cut inside a multi-byte character would panic).
        assert_eq!(preview("é,ü\n中,文", 1), ("é,ü", 2));
    }

    #[test]
    fn comma_tab_semicolon_and_space_files_read_the_same_points() {
        let expected_x = [1.0, 2.5, -3.0];
        let expected_y = [2.0, 5.0, -6.0];
        for text in [
            "1,2\n2.5,5\n-3,-6\n",
            "1\t2\n2.5\t5\n-3\t-6",
            "1;2\n2,5;5\n-3;-6\n",
            "1 2\n2.5   5\n-3 -6\n",
            "x,y\n1,2\n2.5,5\n-3,-6\n",
            "\u{feff}x;y\r\n1;2\r\n2,5;5\r\n-3;-6\r\n",
            "\n\n1,2\n\n  \n2.5,5\r\n-3,-6\n\n",
            "\"x\",\"y\"\n\"1\",\"2\"\n2.5,5\n-3,-6",
            "1\t2\n2,5\t5\n-3\t-6",
        ] {
            let p = points(text);
            assert_eq!(p.x(), expected_x, "{text:?}");
            assert_eq!(p.y(), expected_y, "{text:?}");
        }
    }

    #[test]
    fn header_and_chosen_columns_of_a_wider_file() {
        let text = "time,x,noise,y\n0,1,9,10\n1,2,9,20\n2,3,9,30\n";
        let table = read_table(text, Columns { x: 1, y: 3 }).unwrap();
        assert_eq!(table.points.x(), [1.0, 2.0, 3.0]);
        assert_eq!(table.points.y(), [10.0, 20.0, 30.0]);
        assert_eq!(table.columns, 4);
        assert_eq!(
            table.header,
            Some(vec!["time".into(), "x".into(), "noise".into(), "y".into()])
        );
        assert_eq!(table.delimiter, Delimiter::Comma);
    }

    #[test]
    fn a_column_beyond_the_lines_is_named_on_every_line() {
        match read_table("1,2\n3,4\n", Columns { x: 0, y: 2 }) {
            Err(DataError::BadLines(lines)) => {
                assert_eq!(lines.len(), 2);
                assert_eq!(
                    lines[0].problem,
                    LineProblem::TooFewColumns {
                        found: 2,
                        needed: 2
                    }
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_bad_line_is_named_by_number_and_content() {
        let text = "x,y\n1,2\n2,abc\n3,4\n\n4,inf\n5\n6,NaN\n7,1e39\n";
        let lines = bad_lines(text);
        let numbers: Vec<usize> = lines.iter().map(|l| l.line).collect();
        assert_eq!(numbers, [3, 6, 7, 8, 9]);
        assert_eq!(lines[0].content, "2,abc");
        assert_eq!(
            lines[0].problem,
            LineProblem::NotANumber {
                column: 1,
                text: "abc".into()
            }
        );
        assert!(matches!(
            lines[1].problem,
            LineProblem::NotFinite {
                kind: NotFiniteKind::Infinite,
                ..
            }
        ));
        assert_eq!(
            lines[2].problem,
            LineProblem::TooFewColumns {
                found: 1,
                needed: 1
            }
        );
        assert!(matches!(
            lines[3].problem,
            LineProblem::NotFinite {
                kind: NotFiniteKind::NotANumber,
                ..
            }
        ));
        assert!(matches!(
            lines[4].problem,
            LineProblem::NotFinite {
                kind: NotFiniteKind::BeyondFloat32,
                ..
            }
        ));
        for language in [Language::En, Language::Zh] {
            let words = lines[0].text(language);
            assert!(words.contains('3') && words.contains("2,abc"), "{words}");
        }
        let all = DataError::BadLines(lines).text(Language::En);
        assert!(all.contains('5') && all.contains("6,NaN"), "{all}");
    }

    #[test]
    fn mixed_delimiters_are_refused_line_by_line() {
        let lines = bad_lines("1,2\n2;3\n3\t4\n4,5\n");
        assert_eq!(
            lines
                .iter()
                .map(|l| (l.line, l.problem.clone()))
                .collect::<Vec<_>>(),
            [
                (
                    2,
                    LineProblem::MixedDelimiters {
                        found: Delimiter::Semicolon,
                        expected: Delimiter::Comma
                    }
                ),
                (
                    3,
                    LineProblem::MixedDelimiters {
                        found: Delimiter::Tab,
                        expected: Delimiter::Comma
                    }
                ),
            ]
        );
        let tabs = bad_lines("1\t2\n2,3\n");
        assert_eq!(tabs[0].line, 2);
    }

    #[test]
    fn empty_one_row_same_x_and_too_large_inputs_are_refused() {
        let refuse = |text: &str| read_table(text, Columns::default()).unwrap_err();
        assert_eq!(refuse(""), DataError::Empty);
        assert_eq!(refuse("\u{feff}\r\n\n  "), DataError::Empty);
        assert_eq!(refuse("x,y\n"), DataError::Empty);
        assert_eq!(refuse("x,y\n1,2\n"), DataError::OneRow);
        assert_eq!(refuse("3,1\n3,2\n3,5\n"), DataError::SameX { x: 3.0 });
        assert_eq!(
            check_size(10 * 1024 * 1024 + 1),
            Err(DataError::TooLarge { bytes: 10_485_761 })
        );
        // 10 MB and more: 10 MB itself is refused, a byte less is read.
        assert_eq!(
            check_size(10 * 1024 * 1024),
            Err(DataError::TooLarge { bytes: 10_485_760 })
        );
        assert_eq!(check_size(10 * 1024 * 1024 - 1), Ok(()));
        let words = refuse("3,1\n3,2\n").text(Language::En);
        assert!(words.contains('3'), "{words}");
    }

    #[test]
    fn a_hundred_thousand_rows_are_read_and_one_more_is_refused() {
        let mut text = String::from("x,y\n");
        for i in 0..MAX_POINTS {
            text.push_str(&format!("{i},{}\n", 2 * i));
        }
        let start = std::time::Instant::now();
        let table = read_table(&text, Columns::default()).unwrap();
        let elapsed = start.elapsed();
        assert_eq!(table.points.len(), MAX_POINTS);
        assert_eq!(table.points.y()[99_999], 199_998.0);
        // Debug builds are slow; the release figure is in benches/epochs.rs.
        assert!(elapsed.as_secs_f64() < 5.0, "{elapsed:?}");
        text.push_str("1,2\n");
        assert_eq!(
            read_table(&text, Columns::default()),
            Err(DataError::TooManyRows)
        );
        // So is a file of more than 100,000 lines that are not data.
        let junk = "a,b\n".repeat(MAX_POINTS + 2);
        assert_eq!(
            read_table(&junk, Columns::default()),
            Err(DataError::TooManyRows)
        );
    }

    #[test]
    fn the_link_form_gives_back_the_same_bits() {
        let mut cases = Cases(5);
        for round in 0..200 {
            let n = 2 + cases.below(300);
            let value = |cases: &mut Cases| match cases.below(4) {
                // Any finite float32-range double, from its bits.
                0 => {
                    let v = f64::from_bits(cases.next());
                    if v.is_finite() && v.abs() < 1e38 {
                        v
                    } else {
                        0.5
                    }
                }
                1 => (cases.next() % 2001) as f64 / 100.0 - 10.0,
                2 => -0.0,
                _ => (cases.next() >> 11) as f64 / (1u64 << 53) as f64 * 1e-300,
            };
            let mut x: Vec<f64> = (0..n).map(|_| value(&mut cases)).collect();
            x[0] = 1.0;
            x[1] = 2.0;
            let y: Vec<f64> = (0..n).map(|_| value(&mut cases)).collect();
            let p = Points::new(x.clone(), y.clone()).unwrap();
            let back = Points::from_link_text(p.link_text()).unwrap();
            let bits = |v: &[f64]| v.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(back.x()), bits(&x), "round {round}");
            assert_eq!(bits(back.y()), bits(&y), "round {round}");
            assert!(p
                .link_text()
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        }
        // 500 typical points fit well inside an 8,000-character link.
        let x: Vec<f64> = (0..500).map(|i| f64::from(i) / 10.0).collect();
        let y: Vec<f64> = x.iter().map(|v| (v * 37.0).round() / 100.0).collect();
        let p = Points::new(x, y).unwrap();
        assert!(p.link_text().len() < 4000, "{}", p.link_text().len());
        assert_eq!(Points::from_link_text("").unwrap(), Points::default());
    }

    #[test]
    fn the_link_form_is_the_packed_decimal_text_written_out_by_hand() {
        // Version byte 1, then nibbles: 1 END 2 END 3 END 4 END = 01 1d 2d 3d 4d, in base64url.
        let p = Points::new(vec![1.0, 3.0], vec![2.0, 4.0]).unwrap();
        assert_eq!(p.link_text(), "AR0tPU0");
        // -1 1 0 0 1 1: b1 d1 d0 d0 d1 d1 d(pad f).
        let abs = Points::from_link_text("AbHR0NDR0d8").unwrap();
        assert_eq!(
            (abs.x(), abs.y()),
            (&[-1.0, 0.0, 1.0][..], &[1.0, 0.0, 1.0][..])
        );
        let four = Points::from_link_text("AQ0KXR2ypdLT09HLXQ").unwrap();
        assert_eq!(four.x(), [0.0, 1.0, 2.0, 3.0]);
        assert_eq!(four.y(), [0.5, -2.5, 3.0, 1e-5]);
    }

    #[test]
    fn base64url_matches_the_rfcs_examples() {
        // RFC 4648 §10's vectors (padding dropped).
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url_encode(plain.as_bytes()), coded);
            assert_eq!(base64url_decode(coded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("Zm9vYg==").unwrap(), b"foob");
        assert_eq!(
            base64url_decode("Zm+v"),
            Err(DataError::NotLinkText { at: 2 })
        );
        assert_eq!(
            base64url_decode("Zm9vY"),
            Err(DataError::NotLinkText { at: 4 })
        );
    }

    #[test]
    fn junk_link_text_never_panics_and_names_a_problem() {
        let count = if long() { 100_000 } else { 3_000 };
        let mut cases = Cases(9);
        let valid = Points::new(vec![1.0, 2.0, 3.0], vec![0.5, -1.0, 1e-9]).unwrap();
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=%+/ é";
        let chars: Vec<char> = alphabet.chars().collect();
        for case in 0..count {
            let text: String = if cases.below(2) == 0 {
                // A valid text with a few characters changed.
                let mut t: Vec<char> = valid.link_text().chars().collect();
                for _ in 0..1 + cases.below(3) {
                    let i = cases.below(t.len());
                    t[i] = chars[cases.below(64)];
                }
                t.into_iter().collect()
            } else {
                (0..cases.below(40))
                    .map(|_| chars[cases.below(chars.len())])
                    .collect()
            };
            if let Err(e) = Points::from_link_text(&text) {
                for language in [Language::En, Language::Zh] {
                    assert!(e.text(language).len() > 8, "case {case}: {text:?}");
                }
            }
        }
    }

    #[test]
    fn random_files_never_panic_and_every_refusal_names_a_problem() {
        const PIECES: &[&str] = &[
            "1", "2.5", "-3", "1e5", "abc", "x", "y", ",", ";", "\t", " ", "\n", "\r\n",
            "\u{feff}", "NaN", "inf", "1,5", "\"", "日本", "1e400", "", "0", ".", "-",
        ];
        let count = if long() { 100_000 } else { 3_000 };
        let mut cases = Cases(11);
        for case in 0..count {
            let text: String = (0..cases.below(60))
                .map(|_| PIECES[cases.below(PIECES.len())])
                .collect();
            let columns = Columns {
                x: cases.below(3),
                y: cases.below(3),
            };
            match read_table(&text, columns) {
                Ok(table) => {
                    assert!(table.points.len() >= 2, "case {case}: {text:?}");
                    let back = Points::from_link_text(table.points.link_text()).unwrap();
                    assert_eq!(back, table.points, "case {case}");
                }
                Err(e) => {
                    for language in [Language::En, Language::Zh] {
                        assert!(e.text(language).len() > 8, "case {case}: {text:?}");
                    }
                    if let DataError::BadLines(lines) = &e {
                        let count = text.split('\n').count();
                        assert!(
                            lines.iter().all(|l| (1..=count).contains(&l.line)),
                            "case {case}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn shortest_is_the_shorter_of_the_plain_and_the_exponent_form() {
        let mut cases = Cases(13);
        let mut values = vec![
            0.05, 100.0, 1e21, 1e-7, -0.001, 120.0, 10.0, 0.0, -0.0, 12.5,
        ];
        values.extend((0..5000).map(|_| {
            let v = f64::from_bits(cases.next());
            if v.is_finite() {
                v
            } else {
                1.0
            }
        }));
        values
            .extend((0..5000).map(|_| {
                (cases.next() % 100_000) as f64 * 10f64.powi(cases.below(30) as i32 - 15)
            }));
        for v in values {
            let (plain, exponent) = (format!("{v}"), format!("{v:e}"));
            let expected = if exponent.len() < plain.len() {
                exponent
            } else {
                plain
            };
            assert_eq!(shortest(v), expected, "{v:?}");
            assert_eq!(
                shortest(v).parse::<f64>().map(f64::to_bits),
                Ok(v.to_bits())
            );
        }
    }

    #[test]
    fn the_csv_file_reads_back_as_the_same_points() {
        let p = Points::new(vec![0.1, -2.0, 1e-20], vec![1.0 / 3.0, 5e30, -0.0]).unwrap();
        let again = points(&p.to_csv());
        assert_eq!(again, p);
    }
}
