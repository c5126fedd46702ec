//! `vs`: the runs pinned beside the main one, as the table reads and writes them.

use super::limits::MAX_PINNED;
use super::notice::{Phrase, Problem, Word};
use super::settings::{setting, Domain, Role};
use super::values::Value;
use super::Config;
use crate::i18n;

/// Runs pinned beside the main one, each as the query of its differences from it (`v=1&lr=0.001`;
/// `v=1` alone is the main run itself, as when it was just pinned).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Pins(pub Vec<String>);

/// Between two pins in `vs`' text: no run setting's value holds it.
pub const PIN_SEPARATOR: &str = "|";

/// `vs` holds every pin, separated by `|` (an empty value: none). A pin may only differ in run
/// settings, each with a value the key takes; pins past `MAX_PINNED` or that break these rules are
/// dropped with a notice, the others kept.
impl Value for Pins {
    fn read(text: &str, _: &Domain, _: &Pins) -> (Pins, Option<Problem>) {
        let mut pins = Pins::default();
        let mut why = None;
        for pin in text.split(PIN_SEPARATOR).map(str::trim) {
            if pin.is_empty() {
                continue;
            }
            if pins.0.len() >= MAX_PINNED {
                why.get_or_insert(Phrase::new(i18n::PIN_TOO_MANY, &[&MAX_PINNED]));
                continue;
            }
            match pin_problem(pin) {
                Some(problem) => {
                    why.get_or_insert(problem);
                }
                // `Config::write` rewrites it against the run it is pinned beside.
                None => pins.0.push(pin.to_string()),
            }
        }
        let problem = why.map(|why| Problem::Refused {
            expected: Phrase {
                text: i18n::EXPECTED_PIN,
                values: vec![Word::Phrase(why)],
            },
            kept: Phrase::new(i18n::PINNED_RUNS, &[&pins.0.len()]),
        });
        (pins, problem)
    }
    fn write(&self) -> String {
        self.0.join(PIN_SEPARATOR)
    }
}

/// Why one pin cannot be taken, if it cannot.
fn pin_problem(pin: &str) -> Option<Phrase> {
    for (key, value) in super::link::query_pairs(pin) {
        if key == super::link::VERSION_KEY {
            continue;
        }
        let Some(known) = setting(&key).filter(|s| s.role == Role::Run) else {
            return Some(Phrase::new(i18n::PIN_NOT_A_RUN_KEY, &[&key]));
        };
        if (known.put)(&mut Config::default(), &value, &known.domain).is_some() {
            return Some(Phrase::new(i18n::PIN_BAD_VALUE, &[&key, &value]));
        }
    }
    None
}
