//! The bounds every way in shares: how many points a run may have, how long a link that carries them
//! may be, how large a file is read, and whether a value is one the network can compute with. A leaf:
//! it imports nothing of the engine, so the parsers (`table`, `stored`, `formula`) and `config`
//! all read it without importing each other.

/// The most data points a run may have (all parts together).
pub const MAX_POINTS: usize = 100_000;

/// The longest share link that carries own points (its QR code and most chat tools take it).
pub const LINK_LIMIT: usize = 8000;

/// The size from which a file is refused before it is read (10 MB: "10 MB and more").
pub const MAX_DATA_BYTES: u64 = 10 * 1024 * 1024;

/// The most columns a table may have: a select of more names is no choice a person can make.
pub const MAX_COLUMNS: usize = 1000;

/// The most characters of a column's or a file's name kept in a link.
pub const MAX_NAME_CHARS: usize = 100;

/// Why a value cannot be a target or an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotFiniteKind {
    /// Not a number (`log(-1)`, `0/0`).
    NotANumber,
    /// Infinite (`1/0`, `exp(1000)`).
    Infinite,
    /// Finite in f64 but beyond float32, which the network (as Keras) computes in.
    BeyondFloat32,
}

/// What a value is, as a target or an input: usable, or why not.
pub fn judge(value: f64) -> Option<NotFiniteKind> {
    if value.is_nan() {
        Some(NotFiniteKind::NotANumber)
    } else if value.is_infinite() {
        Some(NotFiniteKind::Infinite)
    } else if libm::fabs(value) > f64::from(f32::MAX) {
        Some(NotFiniteKind::BeyondFloat32)
    } else {
        None
    }
}
