//! Numbers as the page, Keras' progress line and the runner's JSON write them.

use crate::engine::decimal::parse_f64;

/// A number as Keras' progress bar prints it: `%.4f` above 1e-3, else `%.4e`.
pub fn keras_number(value: f64) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "nan".into()
        } else if value > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    if value.abs() > 1e-3 {
        format!("{value:.4}")
    } else {
        let text = format!("{value:.4e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) => {
                let exponent: i32 = exponent.parse().unwrap_or(0);
                let sign = if exponent < 0 { '-' } else { '+' };
                format!("{mantissa}e{sign}{:02}", exponent.abs())
            }
            None => text,
        }
    }
}

/// Formats a number with thousands separators and two decimals (481,200.67).
pub fn grouped(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let text = format!("{:.2}", value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, "00"));
    minus(value, format!("{}.{fraction}", in_threes(whole)))
}

/// `magnitude` (|value| written out) with the typographic minus when `value` is negative, never
/// on a number that reads 0 (−0.0004 to three decimals reads 0).
fn minus(value: f64, magnitude: String) -> String {
    let zero = magnitude.bytes().all(|b| matches!(b, b'0' | b'.' | b','));
    if value < 0.0 && !zero {
        format!("−{magnitude}")
    } else {
        magnitude
    }
}

/// A loss or an error as the banner quotes it: grouped with two decimals from 1 up (481,200.67),
/// three significant digits below (0.0213, 0.000412), so a small loss never reads as 0.00; from a
/// trillion up in the compact form the charts' axes use (1.2e18, not 1,184,092,828,230,828,800.00).
pub fn figure(value: f64) -> String {
    if value.is_finite() && value.abs() >= 1e12 {
        compact(value)
    } else if !value.is_finite() || value.abs() >= 1.0 || value == 0.0 {
        grouped(value)
    } else {
        three_digits(value)
    }
}

/// A count with thousands separators (100,001).
pub fn count(n: usize) -> String {
    in_threes(&n.to_string())
}

/// Digits with a comma before each group of three from the right.
fn in_threes(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Short human form of a number: 999, 0.0123, −3,412, 1.8e13.
pub fn compact(value: f64) -> String {
    if value.is_infinite() {
        // A saturated output's input can overflow: said as ∞, never as Rust's `inf`.
        return if value < 0.0 { "−∞" } else { "∞" }.to_string();
    }
    if value.abs() >= 1e6 {
        // 1.8e13 reads better than 17,592,234,279,164.44.
        let text = format!("{value:.1e}");
        text.replace('-', "−")
    } else if value.abs() >= 100.0 {
        let text = grouped(value);
        text.trim_end_matches(".00").to_string()
    } else {
        minus(
            value,
            without_trailing_zeros(&format!("{:.3}", value.abs())).to_string(),
        )
    }
}

/// `value` to three significant digits, in the shortest text that reads back as that number:
/// 0.00316, not 0.0031622776601683794 (a slider's value, a typed range's steps).
pub fn three_digits(value: f64) -> String {
    parse_f64(&format!("{value:.2e}"))
        .unwrap_or(value)
        .to_string()
}

/// A number written with a fixed count of decimals, without its trailing zeros (nor a point left
/// alone): 0.250 → 0.25, 2.000 → 2. Text without a point is left as it is (150 stays 150).
pub fn without_trailing_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

/// One column of a table, every number in one form so the column reads alike and lines up:
/// `compact`'s form when a number reaches a million (1.8e13), else grouped with as many decimals as
/// the number that needs the most under `compact` (1.00, 100.80, 1,198.43; never 1 above 100.80).
pub fn column(values: &[f64]) -> Vec<String> {
    let finite = || values.iter().copied().filter(|v| v.is_finite());
    if finite().any(|v| v.abs() >= 1e6) {
        return values.iter().map(|&v| compact(v)).collect();
    }
    let decimals = finite()
        .map(|v| compact(v).split_once('.').map_or(0, |(_, f)| f.len()))
        .max()
        .unwrap_or(0);
    values
        .iter()
        .map(|&v| {
            if !v.is_finite() {
                return compact(v);
            }
            let text = format!("{:.*}", decimals, v.abs());
            let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
            let point = if fraction.is_empty() { "" } else { "." };
            minus(v, format!("{}{point}{fraction}", in_threes(whole)))
        })
        .collect()
}

/// `compact` with a sign: +3,412, −1.8e13 (none on a number that reads 0).
pub fn signed(value: f64) -> String {
    let text = compact(value);
    if value > 0.0 && text != "0" {
        format!("+{text}")
    } else {
        text
    }
}

/// A JSON number, or `null` for NaN and infinities.
pub fn json_number(value: f64) -> String {
    if value.is_finite() {
        format!("{value}")
    } else {
        "null".to_string()
    }
}

pub(super) fn json_option(value: Option<f64>) -> String {
    value.map_or_else(|| "null".to_string(), json_number)
}

/// A JSON string literal.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every form writes a negative number with the typographic minus, and none writes "−0".
    #[test]
    fn no_form_writes_a_minus_on_a_number_that_reads_zero() {
        assert_eq!(grouped(-1234.5), "−1,234.50");
        assert_eq!(grouped(-0.001), "0.00");
        assert_eq!(compact(-0.0004), "0");
        assert_eq!(compact(-0.25), "−0.25");
        assert_eq!(column(&[-0.0001, 1.5]), ["0.0", "1.5"]);
        assert_eq!(column(&[-2.0, 1.25]), ["−2.00", "1.25"]);
    }

    #[test]
    fn a_loss_reads_whole_up_to_a_trillion_and_compact_beyond() {
        assert_eq!(figure(481_200.666), "481,200.67");
        assert_eq!(figure(999_999_999_999.0), "999,999,999,999.00");
        assert_eq!(figure(1_184_092_828_230_828_800.0), "1.2e18");
        assert_eq!(figure(0.0133), "0.0133");
    }

    #[test]
    fn three_digits_keeps_three_significant_digits_and_reads_back() {
        assert_eq!(three_digits(0.0031622776601683794), "0.00316");
        assert_eq!(three_digits(316.22776601683794), "316");
        assert_eq!(three_digits(0.1), "0.1");
        assert_eq!(three_digits(12345.0), "12300");
        assert_eq!(three_digits(-2.46813), "-2.47");
    }

    /// A column's cells read back (commas and the typographic minus undone) as its numbers, to
    /// within half a unit of the last decimal shown, and every cell shows as many decimals.
    #[test]
    fn a_column_shows_every_number_with_the_same_decimals() {
        let columns: [&[f64]; 4] = [
            &[1.0, 100.8, 200.6, 998.999, 1198.4321],
            &[-0.25, 0.0, 2.0, 17.125],
            &[0.0004, -0.00001, 3.0],
            &[5.0, 10.0, 1500.0],
        ];
        for values in columns {
            let cells = column(values);
            let decimals: Vec<usize> = cells
                .iter()
                .map(|c| c.split_once('.').map_or(0, |(_, f)| f.len()))
                .collect();
            assert!(decimals.iter().all(|&d| d == decimals[0]), "{cells:?}");
            for (cell, value) in cells.iter().zip(values) {
                let read: f64 = cell.replace(',', "").replace('−', "-").parse().unwrap();
                let unit = 10f64.powi(-(decimals[0] as i32));
                assert!((read - value).abs() <= unit / 2.0 + 1e-12, "{cell} {value}");
                assert!(!cell.starts_with("−0") || read != 0.0, "{cell}");
            }
        }
        // The column of the question's x: no "1" above "100.80".
        assert_eq!(column(&[1.0, 100.8])[0], "1.00");
        assert_eq!(column(&[5.0, 10.0, 1500.0]), ["5", "10", "1,500"]);
        // A million or more: each in compact's form.
        assert_eq!(column(&[1.8e13, 0.5])[0], "1.8e13");
    }

    #[test]
    fn without_trailing_zeros_drops_zeros_after_the_point_only() {
        assert_eq!(without_trailing_zeros("0.250"), "0.25");
        assert_eq!(without_trailing_zeros("2.000"), "2");
        assert_eq!(without_trailing_zeros("150"), "150");
        assert_eq!(without_trailing_zeros("-0.000"), "-0");
    }
}
