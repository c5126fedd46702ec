//! The points' compact link form (`pts=`): each value as its shortest round-trip decimal text,
//! packed four bits a character (digits, `.`, `-`, `e`, an end mark), behind a version byte, in
//! base64url. Decoding any text gives the same bits back or a typed error, never a panic. And a
//! set of points' short name (`Tag`) for a link too long to carry them.

use super::{DataError, Points};
use crate::engine::bounds::MAX_POINTS;
use crate::engine::decimal::parse_f64;

/// The link form's version (the first byte).
const LINK_VERSION: u8 = 1;

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

/// The link form of x and y (`Points::link_text`).
pub(super) fn encode(x: &[f64], y: &[f64]) -> String {
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

/// The values of decoded link bytes, in order (x, y, x, y, …).
pub(super) fn unpack(bytes: &[u8]) -> Result<Vec<f64>, DataError> {
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
                let value = parse_f64(&text).ok_or(DataError::BadLinkContent)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::test_cases::{long, Cases};
    use crate::i18n::Language;

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
}
