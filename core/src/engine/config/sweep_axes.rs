//! `sweep`: the settings a sweep varies and the values it tries, as the table reads and writes them.

use super::limits::{MAX_SWEEP_AXES, MAX_SWEEP_VALUES};
use super::notice::{Phrase, Problem, Word};
use super::settings::{setting, Domain, Key, Role};
use super::values::Value;
use super::Config;
use crate::i18n;

/// One setting a sweep varies, with the values it tries (each as a link writes it).
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub key: Key,
    pub values: Vec<String>,
}

/// The settings a sweep varies (none: one cell, the run's own settings, over many seeds).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Sweep {
    pub axes: Vec<Axis>,
}

/// A sweep: `KEY:V1|V2;KEY2:V1|V2`. Only run settings can vary (not the seed: `seeds` does that),
/// each value must be one the key takes in a link; what cannot be used is dropped with a notice.
impl Value for Sweep {
    fn read(text: &str, _: &Domain, _: &Sweep) -> (Sweep, Option<Problem>) {
        let mut sweep = Sweep::default();
        let mut dropped: Vec<Word> = Vec::new();
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, values) = part.split_once(':').unwrap_or((part, ""));
            let known = setting(key.trim()).filter(|s| s.role == Role::Run && s.key != "seed");
            let Some(known) = known else {
                dropped.push(Word::Phrase(Phrase::new(
                    i18n::SWEEP_DROPPED_KEY,
                    &[&key.trim()],
                )));
                continue;
            };
            if sweep.axes.len() >= MAX_SWEEP_AXES || sweep.axes.iter().any(|a| a.key == known.id) {
                dropped.push(Word::Phrase(Phrase::new(
                    i18n::SWEEP_DROPPED_KEY,
                    &[&known.key],
                )));
                continue;
            }
            let mut axis = Axis {
                key: known.id,
                values: Vec::new(),
            };
            for value in values.split('|').map(str::trim).filter(|v| !v.is_empty()) {
                let takes = (known.put)(&mut Config::default(), value, &known.domain).is_none();
                if takes
                    && !axis.values.iter().any(|v| v == value)
                    && axis.values.len() < MAX_SWEEP_VALUES
                {
                    axis.values.push(value.to_string());
                } else {
                    dropped.push(Word::Plain(format!("{}:{value}", known.key)));
                }
            }
            if !axis.values.is_empty() {
                sweep.axes.push(axis);
            }
        }
        let problem = (!dropped.is_empty()).then(|| {
            // The dropped pieces, comma-separated: a list phrase of its own.
            let list = Phrase {
                text: i18n::Text {
                    en: leak_list(dropped.len()),
                    zh: leak_list(dropped.len()),
                },
                values: dropped,
            };
            Problem::Invalid {
                expected: Phrase {
                    text: i18n::EXPECTED_SWEEP,
                    values: vec![
                        Word::Plain(MAX_SWEEP_AXES.to_string()),
                        Word::Plain(MAX_SWEEP_VALUES.to_string()),
                        Word::Phrase(list),
                    ],
                },
                used: sweep.write(),
            }
        });
        (sweep, problem)
    }
    fn write(&self) -> String {
        let parts: Vec<String> = self
            .axes
            .iter()
            .map(|a| format!("{}:{}", a.key.name(), a.values.join("|")))
            .collect();
        parts.join(";")
    }
}

/// A `{}, {}, …` template for `count` values (static: the table's texts are).
fn leak_list(count: usize) -> &'static str {
    const LISTS: [&str; 9] = [
        "",
        "{}",
        "{}, {}",
        "{}, {}, {}",
        "{}, {}, {}, {}",
        "{}, {}, {}, {}, {}",
        "{}, {}, {}, {}, {}, {}",
        "{}, {}, {}, {}, {}, {}, {}",
        "{}, {}, {}, {}, {}, {}, {}, {}, …",
    ];
    LISTS[count.min(LISTS.len() - 1)]
}
