//! The table of settings: every link key declared once, with its field, default, domain (range or
//! choices) and one-line doc. `Config` itself, its defaults, `Config::get`/`set`, the list of keys,
//! the widgets' ranges and the README's key list (checked by a test) all come from here.
//!
//! Adding a key is one line in `settings!` below plus its use. The bounds live in `limits`, how
//! each field type reads and writes its text in `values`, the pins (`vs`) in `pins` and the
//! sweep's axes (`sweep`) in `sweep_axes`.

use super::choices::{
    Activation, DataKind, Init, Language, LanguageChoice, Metric, OptimizerKind, OutputActivation,
    Panel, Preset, Schedule, XScale, YScale,
};
use super::limits::{
    DEFAULT_SEED, MAX_EPOCHS, MAX_LAYERS, MAX_PINNED, MAX_POINTS, MAX_SEEDS, MAX_SWEEP_AXES,
    MAX_SWEEP_VALUES, MAX_UNITS, MAX_WEIGHTS,
};
use super::notice::Problem;
use super::pins::Pins;
use super::sweep_axes::Sweep;
use super::values::Value;
use crate::engine::bounds::MAX_NAME_CHARS;
use crate::engine::formula::{Formula, MAX_FORMULA_CHARS};
use crate::engine::table::Points;
use crate::i18n;

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
    /// A name (a column's, a file's): any text of up to `MAX_NAME_CHARS` characters.
    Name,
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
    /// Whether two configurations hold the same value (as their text would say, without writing
    /// a long value such as the own points out as text).
    pub(super) same: fn(&Config, &Config) -> bool,
}

impl Setting {
    /// Whether `a` and `b` hold the same value of this setting: `get` gives them the same text.
    pub fn same_in(&self, a: &Config, b: &Config) -> bool {
        (self.same)(a, b)
    }
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
            same: |a, b| Value::same(&a.$field, &b.$field),
        },)+];
    };
}

impl Key {
    /// The key in the words the page labels its control with (the link key for the few settings
    /// without a control of their own).
    pub fn words(self, language: crate::i18n::Language) -> &'static str {
        self.label().map_or(self.name(), |text| text.get(language))
    }

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
            Key::Shuffle => LABEL_SHUFFLE,
            Key::XColumn => LABEL_X_COLUMN,
            Key::YColumn => LABEL_Y_COLUMN,
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
    Shuffle "shuffle" => shuffle: bool = false, Domain::Flag, Run,
        "Shuffle the rows once, by the seed, before the train/validation/test split (a sorted file otherwise validates on its last rows only).";
    XColumn "xcol" => x_column: String = String::new(), Domain::Name, Run,
        "With `data=own`: the name of the column x was read from (labels the axes, tables and exports).";
    YColumn "ycol" => y_column: String = String::new(), Domain::Name, Run,
        "With `data=own`: the name of the column y was read from.";
    File "file" => data_file: String = String::new(), Domain::Name, Run,
        "With `data=own`: the file the points were read from (the Keras program reads it by its columns' names).";
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

/// The setting of `key`, if it is one.
pub fn setting(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key)
}

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
            Domain::Name => i18n::DOMAIN_NAME.fill(language, &[&MAX_NAME_CHARS]),
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
