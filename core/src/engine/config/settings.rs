//! The table of settings: every link key declared once, with its field, default, domain (range or
//! choices) and one-line doc. `Config` itself, its defaults, `Config::get`/`set`, the list of keys,
//! the widgets' ranges and the README's key list (checked by a test) all come from here.
//!
//! Adding a key is one line in `settings!` below plus its use.

use super::choices::{
    Activation, Choice, DataKind, Init, Language, LanguageChoice, Metric, OptimizerKind,
    OutputActivation, Preset, XScale, YScale,
};
use super::notice::{Phrase, Problem, Word};
use crate::engine::formula::{Formula, MAX_FORMULA_CHARS};
use crate::engine::table::Points;
use crate::i18n;

/// The most data points a run may have (all parts together).
pub const MAX_POINTS: usize = 100_000;
/// The most units of one hidden layer.
pub const MAX_UNITS: usize = 1024;
/// The most hidden layers.
pub const MAX_LAYERS: usize = 8;
/// The most weights (kernels and biases of all layers): beyond this one batch takes longer than a
/// frame and the page stops being live.
pub const MAX_WEIGHTS: usize = 50_000;
/// The most epochs a run may ask for.
pub const MAX_EPOCHS: usize = 1_000_000;
/// The seed used when a link names none: the page opens on the seed thread's story.
pub const DEFAULT_SEED: u64 = 7;
/// The most runs pinned beside the main one.
pub const MAX_PINNED: usize = 4;
/// The most settings a sweep varies at once.
pub const MAX_SWEEP_AXES: usize = 2;
/// The most values of one varied setting.
pub const MAX_SWEEP_VALUES: usize = 40;
/// The most seeds per sweep cell.
pub const MAX_SEEDS: usize = 10_000;
/// The panels a classroom link can hide (`hide=data,training`).
pub const HIDEABLE: &[&str] = &["preset", "data", "network", "training", "lesson", "keras"];

/// What values a key takes: what the parser checks, a widget offers and the docs list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Domain {
    /// A finite number in `low..=high`; out-of-range values are clamped.
    Number { low: f64, high: f64 },
    /// A whole number in `low..=high`; out-of-range values are clamped.
    Whole { low: u64, high: u64 },
    /// One of these names.
    Choice(&'static [&'static str]),
    /// `0` or `1`.
    Flag,
    /// A comma-separated subset of these names.
    Subset(&'static [&'static str]),
    /// Comma-separated widths of the hidden layers: 1 to `MAX_LAYERS` layers of 1 to `MAX_UNITS`
    /// units, at most `MAX_WEIGHTS` weights in all.
    Widths,
    /// Up to `MAX_SWEEP_AXES` run keys, each with the values a sweep tries: `KEY:V1|V2;KEY2:V1|V2`.
    Sweep,
    /// A run to compare with, as a query of its differences from the main run; the key may repeat
    /// (up to `MAX_PINNED` times), and an empty value removes them all.
    Compare,
    /// A formula in `x` (`engine::formula`).
    Formula,
    /// Points in the link form of `engine::table` (empty: none).
    Points,
}

/// Whether a setting changes the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The starting point the other keys override (applied first).
    Preset,
    /// Part of the run: changing it starts a new run.
    Run,
    /// How the page shows the run (language, classroom): never resets it.
    View,
    /// The sweep set up around the run (what varies, how many seeds): never resets it.
    Sweep,
    /// Runs pinned beside the main one: never resets it.
    Compare,
}

/// One link key.
#[derive(Clone, Copy)]
pub struct Setting {
    pub key: &'static str,
    pub doc: &'static str,
    pub domain: Domain,
    pub role: Role,
    /// The text form of the setting, as `set` reads it back.
    pub get: fn(&Config) -> String,
    /// Reads `text` into the field; says why when the text was not taken as written.
    pub(super) put: fn(&mut Config, &str, &Domain) -> Option<Problem>,
}

impl std::fmt::Debug for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Setting")
            .field("key", &self.key)
            .field("domain", &self.domain)
            .finish()
    }
}

/// Declares `Config` (one field per key), its defaults and the `SETTINGS` table in one go.
macro_rules! settings {
    ($($key:literal => $field:ident: $ty:ty = $default:expr, $domain:expr, $role:ident, $doc:literal;)+) => {
        /// Every setting of a run and of how the page shows it: the one source of truth that the
        /// widgets, the share link, the presets, the runner and the Keras export read and write.
        /// Fields are public (read them freely); write through `Config::set` so the checks run.
        #[derive(Clone, Debug, PartialEq)]
        pub struct Config {
            $(#[doc = $doc] pub $field: $ty,)+
        }

        impl Default for Config {
            /// The learner's program (`question`) with a fixed seed: a link with no keys opens on
            /// the seed thread's story.
            fn default() -> Self {
                Config { $($field: $default,)+ }
            }
        }

        /// Every link key, in the order `to_query` writes them. A public contract: add keys, never
        /// rename.
        pub const SETTINGS: &[Setting] = &[$(Setting {
            key: $key,
            doc: $doc,
            domain: $domain,
            role: Role::$role,
            get: |config| Value::write(&config.$field),
            put: |config, text, domain| {
                let (value, problem) = Value::read(text, domain, &config.$field);
                config.$field = value;
                problem
            },
        },)+];
    };
}

use Domain::{Choice as OneOf, Number, Whole};

settings! {
    "preset" => preset: Preset = Preset::Question, OneOf(Preset::NAMES), Preset,
        "The seed thread's program to start from (applied first; the other keys override it).";
    "data" => data: DataKind = DataKind::Arange, OneOf(DataKind::NAMES), Run,
        "How the inputs x are made: `arange` (start, stop, step), `randn` or `uniform` (lo, hi) of `n` points, or `own` (the points of `pts`).";
    "start" => start: f64 = 1.0, Number { low: -1e6, high: 1e6 }, Run,
        "First x of `arange`.";
    "stop" => stop: f64 = 1000.0, Number { low: -2e6, high: 2e6 }, Run,
        "`arange` stops before this x (like numpy); must be above `start`.";
    "step" => step: f64 = 1.0, Number { low: 1e-6, high: 1e6 }, Run,
        "Distance between neighbouring x of `arange`.";
    "n" => points: usize = 1000, Whole { low: 1, high: MAX_POINTS as u64 }, Run,
        "Number of points of `randn` and `uniform`.";
    "lo" => low: f64 = -1.0, Number { low: -1e6, high: 1e6 }, Run,
        "Smallest x of `uniform`.";
    "hi" => high: f64 = 1.0, Number { low: -2e6, high: 2e6 }, Run,
        "Largest x of `uniform`; must be above `lo`.";
    "slope" => slope: f64 = 2.0, Number { low: -1e6, high: 1e6 }, Run,
        "Target y = slope·x + intercept + noise.";
    "intercept" => intercept: f64 = 0.0, Number { low: -1e6, high: 1e6 }, Run,
        "Target y = slope·x + intercept + noise.";
    "noise" => noise: f64 = 0.0, Number { low: 0.0, high: 1e6 }, Run,
        "Standard deviation of normal noise added to y.";
    "train" => train_points: usize = 750, Whole { low: 1, high: MAX_POINTS as u64 }, Run,
        "Leading points passed to `fit` (the seed's `x[:750]`); the rest is the test part.";
    "vsplit" => validation_split: f64 = 0.2, Number { low: 0.0, high: 0.9 }, Run,
        "Keras' `validation_split`: the last fraction of the training points, held out before shuffling.";
    "hidden" => hidden_layers: Vec<usize> = vec![128], Domain::Widths, Run,
        "Units of each hidden layer, comma-separated (`128`, or `8,8,4` for three layers).";
    "act" => hidden_activation: Activation = Activation::Relu, OneOf(Activation::NAMES), Run,
        "Activation of the hidden layers.";
    "alpha" => alpha: f64 = 0.2, Number { low: 0.0, high: 1.0 }, Run,
        "Slope of `leaky_relu` below 0 (Keras 3's default 0.2).";
    "out" => output_activation: OutputActivation = OutputActivation::Relu, OneOf(OutputActivation::NAMES), Run,
        "Activation of the output unit.";
    "init" => init: Init = Init::GlorotUniform, OneOf(Init::NAMES), Run,
        "Initialiser of every layer's kernel (Keras names), or `rai` (Lu et al. 2019).";
    "bias" => hidden_bias: f64 = 0.0, Number { low: -1e3, high: 1e3 }, Run,
        "Initial bias of every hidden unit (Keras: 0).";
    "opt" => optimizer: OptimizerKind = OptimizerKind::Sgd, OneOf(OptimizerKind::NAMES), Run,
        "Optimiser, with Keras 3's update rules.";
    "lr" => learning_rate: f64 = 0.01, Number { low: 1e-6, high: 10.0 }, Run,
        "Learning rate.";
    "momentum" => momentum: f64 = 0.9, Number { low: 0.0, high: 0.999 }, Run,
        "Momentum of `momentum` and `nesterov`.";
    "decay" => decay: f64 = 0.0, Number { low: 0.0, high: 1.0 }, Run,
        "Legacy Keras decay: lr / (1 + decay · updates).";
    "batch" => batch_size: usize = 100, Whole { low: 1, high: MAX_POINTS as u64 }, Run,
        "Points per update (a batch larger than the training rows is one batch per epoch, as in Keras).";
    "epochs" => epochs: usize = 20, Whole { low: 0, high: MAX_EPOCHS as u64 }, Run,
        "Passes over the training points; 0 only initialises.";
    "xscale" => x_scale: XScale = XScale::None, OneOf(XScale::NAMES), Run,
        "Scaling of x, fitted on the rows trained on.";
    "yscale" => y_scale: YScale = YScale::None, OneOf(YScale::NAMES), Run,
        "Scaling of y (charts stay in original units).";
    "metric" => metric: Metric = Metric::Accuracy, OneOf(Metric::NAMES), Run,
        "The metric next to the loss, as `metrics=[...]`.";
    "seed" => seed: u64 = DEFAULT_SEED, Whole { low: 0, high: u64::MAX }, Run,
        "Seed of the data, the initial weights and the shuffling.";
    "f" => target: Formula = Formula::default(), Domain::Formula, Run,
        "Target y = f(x) + noise, a formula in x (`abs(x)`, `x^2`, `sin(2*pi*x)`); while it is `2*x`, `slope` and `intercept` make the target.";
    "pts" => own: Points = Points::default(), Domain::Points, Run,
        "Your own points (with `data=own`), as the page's link writes them.";
    "lang" => language: LanguageChoice = LanguageChoice::Browser, OneOf(LanguageChoice::NAMES), View,
        "Language of the page (without it: the browser's).";
    "class" => classroom: bool = false, Domain::Flag, View,
        "Classroom mode: larger charts and text for a projector.";
    "hide" => hidden_panels: Vec<&'static str> = Vec::new(), Domain::Subset(HIDEABLE), View,
        "Panels a classroom link hides.";
    "sweep" => sweep: Sweep = Sweep::default(), Domain::Sweep, Sweep,
        "Settings a sweep varies, with their values: `lr:0.001|0.01|0.1`, two keys joined by `;`.";
    "seeds" => seeds: usize = 100, Whole { low: 1, high: MAX_SEEDS as u64 }, Sweep,
        "Seeds per sweep cell, from the link's `seed` on.";
    "vs" => compare: Pins = Pins::default(), Domain::Compare, Compare,
        "A run pinned beside this one: its differences from it as a URL-encoded query (`vs=v%3D1%26lr%3D0.001`); repeat for up to 4.";
}

/// Runs pinned beside the main one, each as the query of its differences from it (`v=1&lr=0.001`;
/// `v=1` alone is the main run itself, as when it was just pinned).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Pins(pub Vec<String>);

/// `vs` adds a pin (it may repeat in a link); an empty value removes every pin. A pin may only
/// differ in run settings, each with a value the key takes.
impl Value for Pins {
    fn read(text: &str, _: &Domain, current: &Pins) -> (Pins, Option<Problem>) {
        let text = text.trim();
        if text.is_empty() {
            return (Pins::default(), None);
        }
        let mut pins = current.clone();
        let refuse = |why: Phrase| {
            let used = i18n::PINNED_RUNS.fill(Language::En, &[&current.0.len()]);
            let expected = Phrase {
                text: i18n::EXPECTED_PIN,
                values: vec![Word::Phrase(why)],
            };
            (current.clone(), Some(Problem::Invalid { expected, used }))
        };
        if pins.0.len() >= MAX_PINNED {
            return refuse(Phrase::new(i18n::PIN_TOO_MANY, &[&MAX_PINNED]));
        }
        let pairs = super::link::query_pairs(text);
        for (key, value) in &pairs {
            if key == super::link::VERSION_KEY {
                continue;
            }
            let Some(known) = setting(key).filter(|s| s.role == Role::Run) else {
                return refuse(Phrase::new(i18n::PIN_NOT_A_RUN_KEY, &[key]));
            };
            if (known.put)(&mut Config::default(), value, &known.domain).is_some() {
                return refuse(Phrase::new(i18n::PIN_BAD_VALUE, &[key, value]));
            }
        }
        // `Config::write` rewrites it against the run it is pinned beside.
        pins.0.push(text.to_string());
        (pins, None)
    }
    fn write(&self) -> String {
        self.0.join(" ")
    }
}

/// One setting a sweep varies, with the values it tries (each as a link writes it).
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub key: &'static str,
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
            if sweep.axes.len() >= MAX_SWEEP_AXES || sweep.axes.iter().any(|a| a.key == known.key) {
                dropped.push(Word::Phrase(Phrase::new(
                    i18n::SWEEP_DROPPED_KEY,
                    &[&known.key],
                )));
                continue;
            }
            let mut axis = Axis {
                key: known.key,
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
            .map(|a| format!("{}:{}", a.key, a.values.join("|")))
            .collect();
        parts.join(";")
    }
}

/// The setting of `key`, if it is one.
pub fn setting(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key)
}

/// A field type the table can hold: read from link text within a domain, and written back.
pub trait Value: Sized {
    /// The value `text` asks for within `domain`, and why it is not `text` as written, if it is not.
    /// An unreadable text keeps `current`.
    fn read(text: &str, domain: &Domain, current: &Self) -> (Self, Option<Problem>);
    fn write(&self) -> String;
}

impl Value for f64 {
    fn read(text: &str, domain: &Domain, current: &f64) -> (f64, Option<Problem>) {
        let (low, high) = match *domain {
            Domain::Number { low, high } => (low, high),
            _ => (f64::MIN, f64::MAX),
        };
        match text.trim().parse::<f64>() {
            Ok(number) if number.is_finite() => {
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

/// `used` was taken because the value was outside `low..=high`.
fn clamped<T: std::fmt::Display>(low: T, high: T, used: T) -> Problem {
    Problem::Clamped {
        range: Phrase::new(i18n::RANGE, &[&low, &high]),
        used: used.to_string(),
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
                let used = i18n::POINTS_COUNT.fill(Language::En, &[&current.len()]);
                (current.clone(), Some(Problem::Invalid { expected, used }))
            }
        }
    }
    fn write(&self) -> String {
        self.link_text().to_string()
    }
}

/// A subset of a fixed list of names (`hide`), kept in the list's order.
impl Value for Vec<&'static str> {
    fn read(
        text: &str,
        domain: &Domain,
        _: &Vec<&'static str>,
    ) -> (Vec<&'static str>, Option<Problem>) {
        let names: &'static [&'static str] = match *domain {
            Domain::Subset(names) => names,
            _ => &[],
        };
        let wanted: Vec<&str> = text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let chosen: Vec<&'static str> = names
            .iter()
            .copied()
            .filter(|n| wanted.contains(n))
            .collect();
        let unknown = wanted.iter().any(|w| !names.contains(w));
        let problem = unknown.then(|| Problem::Invalid {
            expected: Phrase::new(i18n::EXPECTED_LIST, &[&names.join(", ")]),
            used: chosen.join(","),
        });
        (chosen, problem)
    }
    fn write(&self) -> String {
        self.join(",")
    }
}

/// Weights (kernels and biases) of a 1 → widths → 1 network.
pub fn weight_count(widths: &[usize]) -> usize {
    let mut inputs: usize = 1;
    let mut total = 0usize;
    for &units in widths.iter().chain(std::iter::once(&1)) {
        total = total.saturating_add(inputs.saturating_mul(units).saturating_add(units));
        inputs = units;
    }
    total
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
    LanguageChoice
);

impl Domain {
    /// The values, in words for the docs: `0 to 0.9`, `sgd, adam`, …
    pub fn describe(&self) -> String {
        match *self {
            Domain::Number { low, high } => format!("{low} to {high}"),
            Domain::Whole { low, high } => format!("{low} to {high}"),
            Domain::Choice(names) => names.join(", "),
            Domain::Flag => "0 or 1".into(),
            Domain::Subset(names) => format!("any of {}", names.join(", ")),
            Domain::Widths => format!(
                "1 to {MAX_LAYERS} widths of 1 to {MAX_UNITS}, at most {MAX_WEIGHTS} weights"
            ),
            Domain::Sweep => {
                format!("up to {MAX_SWEEP_AXES} run keys with up to {MAX_SWEEP_VALUES} values each")
            }
            Domain::Compare => format!("a query of run settings, up to {MAX_PINNED} times"),
            Domain::Formula => format!(
                "a formula in `x` of up to {MAX_FORMULA_CHARS} characters: numbers, `+ - * / ^`, `( )`, `abs sqrt exp log sin cos tan tanh step min max`, `pi`, `e`"
            ),
            Domain::Points => "points in base64url, as the page writes them".into(),
        }
    }
}

/// The README's table of link keys, made from the table (a test checks the README holds it).
pub fn keys_markdown() -> String {
    let defaults = Config::default();
    let mut out = String::from("| key | values | default | what |\n|---|---|---|---|\n");
    for setting in SETTINGS {
        let default = (setting.get)(&defaults);
        let default = if default.is_empty() {
            "(none)".to_string()
        } else {
            format!("`{default}`")
        };
        out.push_str(&format!(
            "| `{}` | {} | {default} | {} |\n",
            setting.key,
            setting.domain.describe(),
            setting.doc.replace('|', "\\|")
        ));
    }
    out
}
