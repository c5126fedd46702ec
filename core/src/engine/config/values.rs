//! How each field type of the table reads its link text within a key's domain (clamping or
//! refusing with a `Problem` that says why) and writes it back.

use super::choices::{
    Activation, Choice, DataKind, Init, LanguageChoice, Metric, OptimizerKind, OutputActivation,
    Panel, Preset, Schedule, XScale, YScale,
};
use super::limits::{weight_count, MAX_LAYERS, MAX_UNITS, MAX_WEIGHTS};
use super::notice::{Phrase, Problem, Word};
use super::settings::Domain;
use crate::engine::bounds::MAX_NAME_CHARS;
use crate::engine::decimal::parse_f64;
use crate::engine::formula::Formula;
use crate::engine::table::Points;
use crate::i18n;

/// A field type the table can hold: read from link text within a domain, and written back.
pub trait Value: Sized {
    /// The value `text` asks for within `domain`, and why it is not `text` as written, if it is not.
    /// An unreadable text keeps `current`.
    fn read(text: &str, domain: &Domain, current: &Self) -> (Self, Option<Problem>);
    fn write(&self) -> String;
    /// Whether two values write the same text (a type with a long text says it without writing it).
    fn same(&self, other: &Self) -> bool {
        self.write() == other.write()
    }
}

impl Value for f64 {
    fn read(text: &str, domain: &Domain, current: &f64) -> (f64, Option<Problem>) {
        let (low, high) = match *domain {
            Domain::Number { low, high } => (low, high),
            _ => (f64::MIN, f64::MAX),
        };
        match parse_f64(text.trim()) {
            Some(number) if number.is_finite() => {
                if number < low || number > high {
                    let used = number.clamp(low, high);
                    (used, Some(clamped(low, high, used)))
                } else {
                    (number, None)
                }
            }
            _ => (
                *current,
                Some(Problem::Invalid {
                    expected: Phrase::new(i18n::EXPECTED_NUMBER, &[&low, &high]),
                    used: current.to_string(),
                }),
            ),
        }
    }
    fn write(&self) -> String {
        self.to_string()
    }
}

/// A number that may be absent (Keras' `None`): empty text (or `none`) is absent.
impl Value for Option<f64> {
    fn read(text: &str, domain: &Domain, current: &Option<f64>) -> (Option<f64>, Option<Problem>) {
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed == "none" {
            return (None, None);
        }
        let (value, problem) = f64::read(trimmed, domain, &current.unwrap_or(f64::NAN));
        if value.is_nan() {
            // Unreadable, and nothing was set before: still nothing, said as the empty value.
            let problem = problem.map(|p| match p {
                Problem::Invalid { expected, .. } => Problem::Invalid {
                    expected,
                    used: String::new(),
                },
                other => other,
            });
            return (None, problem);
        }
        (Some(value), problem)
    }
    fn write(&self) -> String {
        self.map(|v| v.write()).unwrap_or_default()
    }
}

/// `used` was taken because the value was outside `low..=high`.
fn clamped<T: std::fmt::Display>(low: T, high: T, used: T) -> Problem {
    Problem::Clamped {
        range: Phrase::new(i18n::RANGE, &[&low, &high]),
        used: used.to_string(),
    }
}

/// A whole number in `low..=high`: signs, huge values and junk handled without overflow.
fn read_whole(text: &str, low: u64, high: u64, current: u64) -> (u64, Option<Problem>) {
    let text = text.trim();
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        let expected = Phrase::new(i18n::EXPECTED_WHOLE, &[&low, &high]);
        let used = current.to_string();
        return (current, Some(Problem::Invalid { expected, used }));
    }
    let negative = text.starts_with('-') && digits.bytes().any(|b| b != b'0');
    let parsed = digits.parse::<u64>().ok().filter(|_| !negative);
    match parsed {
        Some(number) if (low..=high).contains(&number) => (number, None),
        _ => {
            let used = if negative || parsed.is_some_and(|n| n < low) {
                low
            } else {
                high
            };
            (used, Some(clamped(low, high, used)))
        }
    }
}

fn whole_range(domain: &Domain) -> (u64, u64) {
    match *domain {
        Domain::Whole { low, high } => (low, high),
        _ => (0, u64::MAX),
    }
}

impl Value for u64 {
    fn read(text: &str, domain: &Domain, current: &u64) -> (u64, Option<Problem>) {
        let (low, high) = whole_range(domain);
        read_whole(text, low, high, *current)
    }
    fn write(&self) -> String {
        self.to_string()
    }
}

impl Value for usize {
    fn read(text: &str, domain: &Domain, current: &usize) -> (usize, Option<Problem>) {
        let (low, high) = whole_range(domain);
        let high = high.min(usize::MAX as u64);
        let (value, problem) = read_whole(text, low, high, *current as u64);
        (value as usize, problem)
    }
    fn write(&self) -> String {
        self.to_string()
    }
}

impl Value for bool {
    fn read(text: &str, _: &Domain, current: &bool) -> (bool, Option<Problem>) {
        match text.trim() {
            "1" | "true" => (true, None),
            "0" | "false" | "" => (false, None),
            _ => (
                *current,
                Some(Problem::Invalid {
                    expected: Phrase::new(i18n::EXPECTED_FLAG, &[]),
                    used: u8::from(*current).to_string(),
                }),
            ),
        }
    }
    fn write(&self) -> String {
        u8::from(*self).to_string()
    }
}

/// A formula in `x`; text that does not parse keeps the current one, and the notice says where and
/// why. Whether it is finite on the data's x is a cross-key check (`Config::check_target`).
impl Value for Formula {
    fn read(text: &str, _: &Domain, current: &Formula) -> (Formula, Option<Problem>) {
        match Formula::parse(text) {
            Ok(formula) => (formula, None),
            Err(error) => {
                let expected = Phrase {
                    text: i18n::EXPECTED_FORMULA,
                    values: vec![Word::Phrase(error.phrase())],
                };
                let used = current.to_string();
                (current.clone(), Some(Problem::Invalid { expected, used }))
            }
        }
    }
    fn write(&self) -> String {
        self.to_string()
    }
}

/// The learner's points in their link form; text that does not decode keeps the current points.
impl Value for Points {
    fn read(text: &str, _: &Domain, current: &Points) -> (Points, Option<Problem>) {
        match Points::from_link_text(text) {
            Ok(points) => (points, None),
            Err(error) => {
                let expected = Phrase {
                    text: i18n::EXPECTED_POINTS,
                    values: vec![Word::Phrase(error.phrase())],
                };
                let kept = Phrase::new(i18n::POINTS_COUNT, &[&current.len()]);
                (current.clone(), Some(Problem::Refused { expected, kept }))
            }
        }
    }
    fn write(&self) -> String {
        self.link_text().to_string()
    }
    /// The same bits are the same text: compared as points, never written out.
    fn same(&self, other: &Points) -> bool {
        self == other
    }
}

/// A name (`xcol`, `ycol`, `file`): any text, cut to `MAX_NAME_CHARS` characters.
impl Value for String {
    fn read(text: &str, _: &Domain, _: &String) -> (String, Option<Problem>) {
        let name = text.trim();
        if name.chars().count() <= MAX_NAME_CHARS {
            return (name.to_string(), None);
        }
        let cut: String = name.chars().take(MAX_NAME_CHARS).collect();
        let problem = Problem::Clamped {
            range: Phrase::new(i18n::DOMAIN_NAME, &[&MAX_NAME_CHARS]),
            used: cut.clone(),
        };
        (cut, Some(problem))
    }
    fn write(&self) -> String {
        self.clone()
    }
    fn same(&self, other: &String) -> bool {
        self == other
    }
}

/// A subset of the panels (`hide`), kept in the menu's order.
impl Value for Vec<Panel> {
    fn read(text: &str, _: &Domain, _: &Vec<Panel>) -> (Vec<Panel>, Option<Problem>) {
        let wanted: Vec<&str> = text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let chosen: Vec<Panel> = Panel::ALL
            .iter()
            .copied()
            .filter(|p| wanted.contains(&p.as_str()))
            .collect();
        let unknown = wanted.iter().any(|w| !Panel::NAMES.contains(w));
        let problem = unknown.then(|| Problem::Invalid {
            expected: Phrase::new(i18n::EXPECTED_LIST, &[&Panel::NAMES.join(", ")]),
            used: chosen.write(),
        });
        (chosen, problem)
    }
    fn write(&self) -> String {
        let names: Vec<&str> = self.iter().map(|p| p.as_str()).collect();
        names.join(",")
    }
}

/// Hidden-layer widths (`hidden=8,8,4`).
impl Value for Vec<usize> {
    fn read(text: &str, _: &Domain, current: &Vec<usize>) -> (Vec<usize>, Option<Problem>) {
        let keep = |expected: Phrase| {
            let used = current.write();
            (current.clone(), Some(Problem::Invalid { expected, used }))
        };
        let expected = Phrase::new(i18n::EXPECTED_WIDTHS, &[&MAX_LAYERS, &MAX_UNITS]);
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let mut widths = Vec::with_capacity(parts.len());
        let mut clamped = parts.len() > MAX_LAYERS;
        for part in parts.iter().take(MAX_LAYERS) {
            let (units, problem) = read_whole(part, 1, MAX_UNITS as u64, 0);
            match problem {
                Some(Problem::Invalid { .. }) => return keep(expected),
                Some(_) => clamped = true,
                None => {}
            }
            widths.push(units as usize);
        }
        let weights = weight_count(&widths);
        if weights > MAX_WEIGHTS {
            return keep(Phrase::new(
                i18n::EXPECTED_FEWER_WEIGHTS,
                &[&MAX_WEIGHTS, &weights],
            ));
        }
        let problem = clamped.then(|| Problem::Clamped {
            range: Phrase::new(i18n::RANGE_LAYERS, &[&MAX_LAYERS, &MAX_UNITS]),
            used: widths.write(),
        });
        (widths, problem)
    }
    fn write(&self) -> String {
        let texts: Vec<String> = self.iter().map(ToString::to_string).collect();
        texts.join(",")
    }
}

/// Every choice type reads one of its names.
fn read_choice<T: Choice>(text: &str, current: T) -> (T, Option<Problem>) {
    let text = text.trim();
    match T::all().iter().find(|c| c.name() == text) {
        Some(choice) => (*choice, None),
        None => {
            let names: Vec<&str> = T::all().iter().map(|c| c.name()).collect();
            let problem = Problem::Invalid {
                expected: Phrase::new(i18n::EXPECTED_ONE_OF, &[&names.join(", ")]),
                used: current.name().to_string(),
            };
            (current, Some(problem))
        }
    }
}

macro_rules! choice_values {
    ($($ty:ty),+) => {$(
        impl Value for $ty {
            fn read(text: &str, _: &Domain, current: &$ty) -> ($ty, Option<Problem>) {
                read_choice(text, *current)
            }
            fn write(&self) -> String {
                self.name().to_string()
            }
        }
    )+};
}

choice_values!(
    Preset,
    DataKind,
    Activation,
    OutputActivation,
    Init,
    OptimizerKind,
    XScale,
    YScale,
    Metric,
    LanguageChoice,
    Schedule
);
