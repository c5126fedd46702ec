//! The table of settings: every link key declared once, with its field, default, domain (range or
//! choices) and one-line doc. `Config` itself, its defaults, `Config::get`/`set`, the list of keys,
//! the widgets' ranges and the README's key list (checked by a test) all come from here.
//!
//! Adding a key is one line in `settings!` below plus its use.

use super::choices::{
    Activation, Choice, DataKind, Init, Language, LanguageChoice, Metric, OptimizerKind,
    OutputActivation, Panel, Preset, Schedule, XScale, YScale,
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
    pub id: Key,
    pub key: &'static str,
    pub doc: &'static str,
    pub domain: Domain,
    pub role: Role,
    /// The text form of the setting, as `set` reads it back.
    pub get: fn(&Config) -> String,
    /// Reads `text` into the field; says why when the text was not taken as written.
    pub(super) put: fn(&mut Config, &str, &Domain) -> Option<Problem>,
    /// Puts the field back to its default (what `check` does with a value no link could write).
    pub(super) reset: fn(&mut Config),
}

impl std::fmt::Debug for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Setting")
            .field("key", &self.key)
            .field("domain", &self.domain)
            .finish()
    }
}

/// Declares `Config` (one field per key), its defaults, the `Key` enum and the `SETTINGS` table in
/// one go.
macro_rules! settings {
    ($($variant:ident $key:literal => $field:ident: $ty:ty = $default:expr, $domain:expr, $role:ident, $doc:literal;)+) => {
        /// Every setting of a run and of how the page shows it: the one source of truth that the
        /// widgets, the share link, the presets, the runner and the Keras export read and write.
        /// Fields are public to read; every write goes through `Config::set`/`apply` (or the
        /// helpers of `config/` built on them) so the checks run. A test (`tests/docs.rs`) finds
        /// any field written outside `config/`.
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

        /// Every link key as a type: a widget, a lesson step, a sweep or a worker names a key
        /// with this, so a typo does not compile. `Key::name` is its link spelling.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Key { $(#[doc = $doc] $variant,)+ }

        impl Key {
            /// Every key, in the order `to_query` writes them.
            pub const ALL: &'static [Key] = &[$(Key::$variant,)+];

            /// The key's spelling in a link.
            pub fn name(self) -> &'static str {
                match self { $(Key::$variant => $key,)+ }
            }

            /// The key a link spells `name`, if it is one.
            pub fn from_name(name: &str) -> Option<Key> {
                match name { $($key => Some(Key::$variant),)+ _ => None }
            }

            /// This key's row of the table.
            pub fn setting(self) -> &'static Setting {
                &SETTINGS[self as usize]
            }
        }

        /// Every link key, in the order `to_query` writes them. A public contract: add keys, never
        /// rename.
        pub const SETTINGS: &[Setting] = &[$(Setting {
            id: Key::$variant,
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
            reset: |config| config.$field = $default,
        },)+];
    };
}

impl Key {
    /// What the page's widget for this key is labelled, in both languages (`None`: no widget of its
    /// own; the link name is the word).
    pub fn label(self) -> Option<i18n::Text> {
        use i18n::*;
        Some(match self {
            Key::Data => LABEL_DATA,
            Key::Start => LABEL_START,
            Key::Stop => LABEL_STOP,
            Key::Step => LABEL_STEP,
            Key::Points => LABEL_POINTS,
            Key::Low => LABEL_LOW,
            Key::High => LABEL_HIGH,
            Key::Train => LABEL_TRAIN,
            Key::ValidationSplit => LABEL_VSPLIT,
            Key::Noise => LABEL_NOISE,
            Key::XScale => LABEL_XSCALE,
            Key::YScale => LABEL_YSCALE,
            Key::Hidden => LABEL_HIDDEN,
            Key::Activation => LABEL_ACT,
            Key::Alpha => LABEL_ALPHA,
            Key::Output => LABEL_OUT,
            Key::Init => LABEL_INIT,
            Key::Bias => LABEL_BIAS,
            Key::Optimizer => LABEL_OPT,
            Key::LearningRate => LABEL_LR,
            Key::Momentum => LABEL_MOMENTUM,
            Key::Decay => LABEL_DECAY,
            Key::Batch => LABEL_BATCH,
            Key::Epochs => LABEL_EPOCHS,
            Key::Metric => LABEL_METRIC,
            Key::Seed => LABEL_SEED,
            Key::Clipnorm => LABEL_CLIPNORM,
            Key::Clipvalue => LABEL_CLIPVALUE,
            Key::GlobalClipnorm => LABEL_GLOBAL_CLIPNORM,
            Key::WeightDecay => LABEL_WEIGHT_DECAY,
            Key::Schedule => LABEL_SCHEDULE,
            Key::DecaySteps => LABEL_DECAY_STEPS,
            Key::DecayRate => LABEL_DECAY_RATE,
            Key::Staircase => LABEL_STAIRCASE,
            Key::CosineAlpha => LABEL_COSINE_ALPHA,
            Key::WarmupTarget => LABEL_WARMUP_TARGET,
            Key::WarmupSteps => LABEL_WARMUP_STEPS,
            Key::BatchNorm => LABEL_BATCH_NORM,
            Key::Target => LABEL_FORMULA,
            Key::OwnPoints => OWN_DATA,
            _ => return None,
        })
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Key {
    type Err = ();
    fn from_str(text: &str) -> Result<Key, ()> {
        Key::from_name(text).ok_or(())
    }
}

use Domain::{Choice as OneOf, Number, Whole};

settings! {
    Preset "preset" => preset: Preset = Preset::Question, OneOf(Preset::NAMES), Preset,
        "The seed thread's program to start from (applied first; the other keys override it).";
    Data "data" => data: DataKind = DataKind::Arange, OneOf(DataKind::NAMES), Run,
        "How the inputs x are made: `arange` (start, stop, step), `randn` or `uniform` (lo, hi) of `n` points, or `own` (the points of `pts`).";
    Start "start" => start: f64 = 1.0, Number { low: -1e6, high: 1e6 }, Run,
        "First x of `arange`.";
    Stop "stop" => stop: f64 = 1000.0, Number { low: -2e6, high: 2e6 }, Run,
        "`arange` stops before this x (like numpy); must be above `start`.";
    Step "step" => step: f64 = 1.0, Number { low: 1e-6, high: 1e6 }, Run,
        "Distance between neighbouring x of `arange`.";
    Points "n" => points: usize = 1000, Whole { low: 1, high: MAX_POINTS as u64 }, Run,
        "Number of points of `randn` and `uniform`.";
    Low "lo" => low: f64 = -1.0, Number { low: -1e6, high: 1e6 }, Run,
        "Smallest x of `uniform`.";
    High "hi" => high: f64 = 1.0, Number { low: -2e6, high: 2e6 }, Run,
        "Largest x of `uniform`; must be above `lo`.";
    Slope "slope" => slope: f64 = 2.0, Number { low: -1e6, high: 1e6 }, Run,
        "Target y = slope·x + intercept + noise.";
    Intercept "intercept" => intercept: f64 = 0.0, Number { low: -1e6, high: 1e6 }, Run,
        "Target y = slope·x + intercept + noise.";
    Noise "noise" => noise: f64 = 0.0, Number { low: 0.0, high: 1e6 }, Run,
        "Standard deviation of normal noise added to y.";
    Train "train" => train_points: usize = 750, Whole { low: 1, high: MAX_POINTS as u64 }, Run,
        "Leading points passed to `fit` (the seed's `x[:750]`); the rest is the test part.";
    ValidationSplit "vsplit" => validation_split: f64 = 0.2, Number { low: 0.0, high: 0.9 }, Run,
        "Keras' `validation_split`: the last fraction of the training points, held out before shuffling.";
    Hidden "hidden" => hidden_layers: Vec<usize> = vec![128], Domain::Widths, Run,
        "Units of each hidden layer, comma-separated (`128`, or `8,8,4` for three layers).";
    Activation "act" => hidden_activation: Activation = Activation::Relu, OneOf(Activation::NAMES), Run,
        "Activation of the hidden layers.";
    Alpha "alpha" => alpha: f64 = 0.2, Number { low: 0.0, high: 1.0 }, Run,
        "Slope of `leaky_relu` below 0 (Keras 3's default 0.2).";
    Output "out" => output_activation: OutputActivation = OutputActivation::Relu, OneOf(OutputActivation::NAMES), Run,
        "Activation of the output unit.";
    Init "init" => init: Init = Init::GlorotUniform, OneOf(Init::NAMES), Run,
        "Initialiser of every layer's kernel (Keras names), or `rai` (Lu et al. 2019).";
    Bias "bias" => hidden_bias: f64 = 0.0, Number { low: -1e3, high: 1e3 }, Run,
        "Initial bias of every hidden unit (Keras: 0).";
    Optimizer "opt" => optimizer: OptimizerKind = OptimizerKind::Sgd, OneOf(OptimizerKind::NAMES), Run,
        "Optimiser, with Keras 3's update rules.";
    LearningRate "lr" => learning_rate: f64 = 0.01, Number { low: 1e-6, high: 10.0 }, Run,
        "Learning rate.";
    Momentum "momentum" => momentum: f64 = 0.9, Number { low: 0.0, high: 0.999 }, Run,
        "Momentum of `momentum` and `nesterov`.";
    Decay "decay" => decay: f64 = 0.0, Number { low: 0.0, high: 1.0 }, Run,
        "Legacy Keras decay: lr / (1 + decay · updates).";
    Batch "batch" => batch_size: usize = 100, Whole { low: 1, high: MAX_POINTS as u64 }, Run,
        "Points per update (a batch larger than the training rows is one batch per epoch, as in Keras).";
    Epochs "epochs" => epochs: usize = 20, Whole { low: 0, high: MAX_EPOCHS as u64 }, Run,
        "Passes over the training points; 0 only initialises.";
    XScale "xscale" => x_scale: XScale = XScale::None, OneOf(XScale::NAMES), Run,
        "Scaling of x, fitted on the rows trained on.";
    YScale "yscale" => y_scale: YScale = YScale::None, OneOf(YScale::NAMES), Run,
        "Scaling of y (charts stay in original units).";
    Metric "metric" => metric: Metric = Metric::Accuracy, OneOf(Metric::NAMES), Run,
        "The metric next to the loss, as `metrics=[...]`.";
    Seed "seed" => seed: u64 = DEFAULT_SEED, Whole { low: 0, high: u64::MAX }, Run,
        "Seed of the data, the initial weights and the shuffling.";
    Clipnorm "clipnorm" => clipnorm: f64 = 0.0, Number { low: 0.0, high: 1e6 }, Run,
        "Keras' `clipnorm`: each variable's gradient (every kernel, bias and PReLU alpha on its own) scaled down to at most this L2 norm; 0 = off.";
    Clipvalue "clipvalue" => clipvalue: f64 = 0.0, Number { low: 0.0, high: 1e6 }, Run,
        "Keras' `clipvalue`: every gradient element clipped to ±this; 0 = off.";
    GlobalClipnorm "global_clipnorm" => global_clipnorm: f64 = 0.0, Number { low: 0.0, high: 1e6 }, Run,
        "Keras' `global_clipnorm`: all gradients together scaled down to at most this L2 norm; 0 = off. Only one of the three clips can be set.";
    WeightDecay "weight_decay" => weight_decay: Option<f64> = None, Number { low: 0.0, high: 1.0 }, Run,
        "Keras' decoupled `weight_decay`: every weight and bias shrinks by weight_decay · lr before each update; empty = the optimiser's default (`adamw` 0.004, the others none).";
    Schedule "schedule" => schedule: Schedule = Schedule::Constant, OneOf(Schedule::NAMES), Run,
        "Learning-rate schedule (Keras' `ExponentialDecay`, `CosineDecay`), counted in updates; `decay` divides it further.";
    DecaySteps "decay_steps" => decay_steps: u64 = 1000, Whole { low: 1, high: 1_000_000_000 }, Run,
        "Updates over which `exponential` multiplies lr by `decay_rate` and `cosine` falls to `cosine_alpha` · its start.";
    DecayRate "decay_rate" => decay_rate: f64 = 0.96, Number { low: 0.0, high: 1.0 }, Run,
        "`exponential`: lr · decay_rate^(updates / decay_steps).";
    Staircase "staircase" => staircase: bool = false, Domain::Flag, Run,
        "`exponential`: whole numbers of `decay_steps` only (a step every decay_steps updates).";
    CosineAlpha "cosine_alpha" => cosine_alpha: f64 = 0.0, Number { low: 0.0, high: 1.0 }, Run,
        "`cosine`: Keras' `alpha`, the fraction of the learning rate left at the end.";
    WarmupTarget "warmup_target" => warmup_target: Option<f64> = None, Number { low: 0.0, high: 10.0 }, Run,
        "`cosine`: the learning rate the warm-up climbs to linearly from `lr` over `warmup_steps` updates, then decays from; empty = no warm-up.";
    WarmupSteps "warmup_steps" => warmup_steps: u64 = 0, Whole { low: 0, high: 1_000_000_000 }, Run,
        "`cosine`: updates of the linear warm-up (only with `warmup_target`).";
    BatchNorm "bn" => batch_norm: bool = false, Domain::Flag, Run,
        "Keras' `BatchNormalization` (momentum 0.99, epsilon 0.001) between each hidden Dense layer and its activation: batch statistics in training, moving ones for validation, test and the fit line.";
    Target "f" => target: Formula = Formula::default(), Domain::Formula, Run,
        "Target y = f(x) + noise, a formula in x (`abs(x)`, `x^2`, `sin(2*pi*x)`); while it is `2*x`, `slope` and `intercept` make the target.";
    OwnPoints "pts" => own: Points = Points::default(), Domain::Points, Run,
        "Your own points (with `data=own`), as the page's link writes them.";
    Language "lang" => language: LanguageChoice = LanguageChoice::Browser, OneOf(LanguageChoice::NAMES), View,
        "Language of the page (without it: the browser's).";
    Classroom "class" => classroom: bool = false, Domain::Flag, View,
        "Classroom mode: larger charts and text for a projector.";
    Hide "hide" => hidden_panels: Vec<Panel> = Vec::new(), Domain::Subset(Panel::NAMES), View,
        "Panels a classroom link hides.";
    Sweep "sweep" => sweep: Sweep = Sweep::default(), Domain::Sweep, Sweep,
        "Settings a sweep varies, with their values: `lr:0.001|0.01|0.1`, two keys joined by `;`.";
    Seeds "seeds" => seeds: usize = 100, Whole { low: 1, high: MAX_SEEDS as u64 }, Sweep,
        "Seeds per sweep cell, from the link's `seed` on.";
    Pins "vs" => compare: Pins = Pins::default(), Domain::Compare, Compare,
        "Runs pinned beside this one: each its differences from it as a URL-encoded query (`vs=v%3D1%26lr%3D0.001`), up to 4 separated by `|` (a repeated `vs` adds to the list).";
}

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
                let kept = Phrase::new(i18n::POINTS_COUNT, &[&current.len()]);
                (current.clone(), Some(Problem::Refused { expected, kept }))
            }
        }
    }
    fn write(&self) -> String {
        self.link_text().to_string()
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
    LanguageChoice,
    Schedule
);

impl Domain {
    /// The values, in words of `language`: `0 to 0.9`, `sgd, adam`, …
    pub fn describe(&self, language: Language) -> String {
        match *self {
            Domain::Number { low, high } => i18n::DOMAIN_RANGE.fill(language, &[&low, &high]),
            Domain::Whole { low, high } => i18n::DOMAIN_RANGE.fill(language, &[&low, &high]),
            Domain::Choice(names) => names.join(", "),
            Domain::Flag => i18n::EXPECTED_FLAG.get(language).into(),
            Domain::Subset(names) => i18n::DOMAIN_SUBSET.fill(language, &[&names.join(", ")]),
            Domain::Widths => {
                i18n::DOMAIN_WIDTHS.fill(language, &[&MAX_LAYERS, &MAX_UNITS, &MAX_WEIGHTS])
            }
            Domain::Sweep => {
                i18n::DOMAIN_SWEEP.fill(language, &[&MAX_SWEEP_AXES, &MAX_SWEEP_VALUES])
            }
            Domain::Compare => i18n::DOMAIN_COMPARE.fill(language, &[&MAX_PINNED]),
            Domain::Formula => i18n::DOMAIN_FORMULA.fill(language, &[&MAX_FORMULA_CHARS]),
            Domain::Points => i18n::DOMAIN_POINTS.get(language).into(),
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
            setting.domain.describe(Language::En),
            setting.doc.replace('|', "\\|")
        ));
    }
    out
}
