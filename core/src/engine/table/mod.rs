//! The learner's own data: a CSV or TSV read into points (`csv`), the points' compact text for a
//! link and their short name (`link`), and why data was refused (`error`). The words of the errors
//! are `config`'s (`config::data_words`): this module imports nothing of `config`, which holds
//! `Points` in a `Config`.

mod csv;
mod error;
mod link;

pub use crate::engine::bounds::MAX_DATA_BYTES;
use crate::engine::bounds::{judge, MAX_POINTS};
pub use csv::{
    check_size, check_text, layout, preview, read_table, ColumnKind, Columns, Delimiter, Layout,
    Reading, Table, SHOWN_WHOLE_BYTES, SNIFFED_BYTES,
};
pub use error::{BadLine, Column, DataError, LineProblem};
pub use link::{base64url_decode, base64url_encode, fnv1a, shortest, Tag, TAG_MARK};
use link::{encode, unpack};
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

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
        self.shared_with(other) || (same(&self.x, &other.x) && same(&self.y, &other.y))
    }
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

    /// Whether both are the very same points (one `Arc`): cheaper than comparing their bits.
    pub(crate) fn shared_with(&self, other: &Points) -> bool {
        Arc::ptr_eq(&self.x, &other.x) && Arc::ptr_eq(&self.y, &other.y)
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

    /// The points as a CSV file (a header of the columns' names, shortest round-trip values): what
    /// the page offers when the link cannot hold them, and what the Keras program reads.
    pub fn to_csv(&self, (x_name, y_name): (&str, &str)) -> String {
        let mut out = String::with_capacity(self.len() * 24 + 4);
        out.push_str(&csv_field(x_name));
        out.push(',');
        out.push_str(&csv_field(y_name));
        out.push('\n');
        for (x, y) in self.x.iter().zip(self.y.iter()) {
            out.push_str(&shortest(*x));
            out.push(',');
            out.push_str(&shortest(*y));
            out.push('\n');
        }
        out
    }
}

/// A CSV field as written: quoted when it holds a comma, a quote or a line end.
fn csv_field(text: &str) -> Cow<'_, str> {
    if text.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests;
