//! The one `Config`: every setting of a run, its presets, and its text form (the share link).
//!
//! Parsing is the only way in. `Config::set` takes one `key=value` pair exactly as the URL, a widget or
//! the headless runner hands it over, validates it, and either applies it, applies a clamped value, or
//! keeps the old value; each time something is not taken as written it returns a [`Notice`] naming the
//! key and the value. `from_query` and `to_query` are built on `set` and `get`, so the URL, the widgets,
//! the presets and the Keras export cannot disagree.

use std::fmt;
use std::str::FromStr;

/// A closed set of named choices: what a `<select>` lists and the link spells.
pub trait Choice: Copy + 'static {
    fn all() -> &'static [Self];
    fn name(self) -> &'static str;
}

/// Declares a closed set of choices with its URL spelling, `Display`, `FromStr` and an `ALL` list, so a
/// `<select>`, the share link and the docs are generated from one table.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every choice, in the order a menu shows them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in share links, the runner and the Keras export.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl Choice for $name {
            fn all() -> &'static [Self] {
                $name::ALL
            }
            fn name(self) -> &'static str {
                self.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ();
            fn from_str(text: &str) -> Result<Self, ()> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => Err(()),
                }
            }
        }
    };
}

choice!(
    /// The seed thread's four programs.
    Preset {
        /// The learner's program: raw x = 1..999, relu output, SGD. Dies.
        Question => "question",
        /// Answer 0's fix: x = 1..9 and 12 units. Trains for some seeds.
        FewerPoints => "fewer-points",
        /// Answer 1's fix: x ~ N(0, 1) and a linear output. Converges.
        Standardized => "standardized",
        /// Answer 1's second program: raw x, linear output, Adam lr 1e-4. Learns slowly.
        Adam => "adam",
    }
);

choice!(
    /// How the inputs x are made.
    DataKind {
        /// `np.arange(start, stop, step)`.
        Arange => "arange",
        /// `np.random.randn(n)`: standard normal.
        Randn => "randn",
        /// `np.random.uniform(lo, hi, n)`.
        Uniform => "uniform",
    }
);

choice!(
    /// Activation of the hidden layer (Keras names).
    Activation {
        Relu => "relu",
        /// Keras 3 `activations.leaky_relu`, negative slope 0.2.
        LeakyRelu => "leaky_relu",
        /// alpha = 1.
        Elu => "elu",
        Tanh => "tanh",
        Sigmoid => "sigmoid",
        Linear => "linear",
    }
);

choice!(
    /// Activation of the single output unit.
    OutputActivation {
        Relu => "relu",
        Linear => "linear",
    }
);

choice!(
    /// Kernel initialiser of both Dense layers (Keras names; biases start at zero or `bias`).
    Init {
        GlorotUniform => "glorot_uniform",
        GlorotNormal => "glorot_normal",
        HeUniform => "he_uniform",
        HeNormal => "he_normal",
        LecunNormal => "lecun_normal",
    }
);

choice!(
    /// Optimiser (Keras 3 update rules).
    OptimizerKind {
        Sgd => "sgd",
        /// SGD with momentum.
        Momentum => "momentum",
        /// SGD with Nesterov momentum.
        Nesterov => "nesterov",
        Rmsprop => "rmsprop",
        Adam => "adam",
        Adagrad => "adagrad",
    }
);

choice!(
    /// Scaling of the inputs, fitted on the rows actually trained on.
    XScale {
        None => "none",
        /// (x − mean) / std.
        Standard => "standard",
        /// (x − min) / (max − min).
        MinMax => "minmax",
        /// x / max|x|.
        MaxAbs => "maxabs",
    }
);

choice!(
    /// Scaling of the targets y; predictions are reported back in original units.
    YScale {
        None => "none",
        Standard => "standard",
    }
);

choice!(
    /// The page's language: the seed thread is Chinese.
    Language {
        En => "en",
        Zh => "zh",
    }
);

choice!(
    /// The metric shown next to the loss, as the learner's `metrics=[...]`.
    Metric {
        Accuracy => "accuracy",
        Mae => "mae",
    }
);

impl OptimizerKind {
    /// Keras 3's default learning rate for this optimiser (SGD 0.01, the others 0.001).
    pub fn keras_default_learning_rate(self) -> f64 {
        match self {
            OptimizerKind::Sgd | OptimizerKind::Momentum | OptimizerKind::Nesterov => 0.01,
            OptimizerKind::Rmsprop | OptimizerKind::Adam | OptimizerKind::Adagrad => 0.001,
        }
    }

    /// Whether the `momentum` setting is used by this optimiser.
    pub fn uses_momentum(self) -> bool {
        matches!(self, OptimizerKind::Momentum | OptimizerKind::Nesterov)
    }
}

/// The most data points a run may have (all parts together).
pub const MAX_POINTS: usize = 100_000;
/// The most hidden units.
pub const MAX_HIDDEN: usize = 1024;
/// The most epochs a run may ask for.
pub const MAX_EPOCHS: usize = 1_000_000;
/// The seed used when a link names none: the page opens on the seed thread's story.
pub const DEFAULT_SEED: u64 = 7;

/// Every setting of a run. Public fields: there is no invariant beyond the ranges `set` enforces.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The preset this configuration started from (the base that `to_query` writes differences against).
    pub preset: Preset,
    pub data: DataKind,
    /// `arange` start, stop (exclusive) and step.
    pub start: f64,
    pub stop: f64,
    pub step: f64,
    /// Number of points for `randn` and `uniform`.
    pub points: usize,
    /// Range of `uniform`.
    pub low: f64,
    pub high: f64,
    /// Target y = slope·x + intercept + noise·N(0, 1).
    pub slope: f64,
    pub intercept: f64,
    pub noise: f64,
    /// Leading points used for `fit` (the seed's `x[:750]`); the rest is the test part.
    pub train_points: usize,
    /// Keras' `validation_split`: the last fraction of the training part, held out before shuffling.
    pub validation_split: f64,
    pub hidden_units: usize,
    pub hidden_activation: Activation,
    pub output_activation: OutputActivation,
    pub init: Init,
    /// Initial bias of every hidden unit (Keras: 0).
    pub hidden_bias: f64,
    pub optimizer: OptimizerKind,
    pub learning_rate: f64,
    /// Momentum of `momentum` and `nesterov` (ignored by the others).
    pub momentum: f64,
    /// Legacy Keras decay: lr_t = lr / (1 + decay · iterations).
    pub decay: f64,
    pub batch_size: usize,
    pub epochs: usize,
    pub x_scale: XScale,
    pub y_scale: YScale,
    pub metric: Metric,
    pub seed: u64,
    /// Language of the page's words (`lang=zh`). Does not change the run.
    pub language: Language,
    /// Classroom mode (`class=1`): larger charts and text for a projector. Does not change the run.
    pub classroom: bool,
    /// Panels hidden by a classroom link, in `HIDEABLE` order. Does not change the run.
    pub hidden_panels: Vec<&'static str>,
}

impl Preset {
    /// The configuration of this preset, exactly as the seed thread's program (see SEED-CASES.md).
    pub fn config(self) -> Config {
        let question = Config {
            preset: Preset::Question,
            data: DataKind::Arange,
            start: 1.0,
            stop: 1000.0,
            step: 1.0,
            points: 1000,
            low: -1.0,
            high: 1.0,
            slope: 2.0,
            intercept: 0.0,
            noise: 0.0,
            train_points: 750,
            validation_split: 0.2,
            hidden_units: 128,
            hidden_activation: Activation::Relu,
            output_activation: OutputActivation::Relu,
            init: Init::GlorotUniform,
            hidden_bias: 0.0,
            optimizer: OptimizerKind::Sgd,
            learning_rate: 0.01,
            momentum: 0.9,
            decay: 0.0,
            batch_size: 100,
            epochs: 20,
            x_scale: XScale::None,
            y_scale: YScale::None,
            metric: Metric::Accuracy,
            seed: DEFAULT_SEED,
            language: Language::En,
            classroom: false,
            hidden_panels: Vec::new(),
        };
        match self {
            Preset::Question => question,
            Preset::FewerPoints => Config {
                preset: self,
                stop: 10.0,
                train_points: 9,
                hidden_units: 12,
                ..question
            },
            Preset::Standardized => Config {
                preset: self,
                data: DataKind::Randn,
                output_activation: OutputActivation::Linear,
                decay: 1e-6,
                metric: Metric::Mae,
                ..question
            },
            Preset::Adam => Config {
                preset: self,
                output_activation: OutputActivation::Linear,
                optimizer: OptimizerKind::Adam,
                learning_rate: 1e-4,
                epochs: 200,
                metric: Metric::Mae,
                ..question
            },
        }
    }

    /// A one-line title for menus and the lesson.
    pub fn title(self) -> &'static str {
        match self {
            Preset::Question => "The question: raw x = 1…999, relu output, SGD",
            Preset::FewerPoints => "Fix 1: fewer points (x = 1…9) and 12 units",
            Preset::Standardized => "Fix 2: standardised inputs and a linear output",
            Preset::Adam => "Fix 3: Adam, lr 1e-4 and a linear output",
        }
    }
}

impl Default for Config {
    /// The `question` preset with a fixed seed: a link with no keys opens on the seed's story.
    fn default() -> Self {
        Preset::Question.config()
    }
}

/// What went wrong with one `key=value` pair.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The key is not one relu-lab knows; the pair was ignored.
    UnknownKey,
    /// The value could not be read; the setting kept `used`.
    Invalid { expected: String, used: String },
    /// The value was outside the allowed range; `used` was taken instead.
    Clamped { range: String, used: String },
    /// The key appeared more than once; the last value counts.
    Repeated,
    /// Allowed alone, but not together with other settings; `used` was taken instead.
    Adjusted { why: String, used: String },
}

/// A setting that was not taken as written. Always names the key and the value.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub key: String,
    pub value: String,
    pub problem: Problem,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = shorten(&self.value);
        let key = shorten(&self.key);
        match &self.problem {
            Problem::UnknownKey => write!(f, "unknown key `{key}` (value `{value}`) ignored"),
            Problem::Invalid { expected, used } => {
                write!(f, "`{key}={value}` is not {expected}; using {used}")
            }
            Problem::Clamped { range, used } => {
                write!(f, "`{key}={value}` is outside {range}; using {used}")
            }
            Problem::Repeated => write!(
                f,
                "`{key}` appears more than once; the last value `{value}` counts"
            ),
            Problem::Adjusted { why, used } => write!(f, "`{key}={value}`: {why}; using {used}"),
        }
    }
}

/// Cuts a long value so a notice stays one readable line.
fn shorten(text: &str) -> String {
    const LIMIT: usize = 40;
    if text.chars().count() <= LIMIT {
        text.to_string()
    } else {
        let head: String = text.chars().take(LIMIT).collect();
        format!("{head}…")
    }
}

/// The keys of share-link version 1, in the order `to_query` writes them. A public contract: add keys,
/// never rename.
pub const KEYS: &[&str] = &[
    "data",
    "start",
    "stop",
    "step",
    "n",
    "lo",
    "hi",
    "slope",
    "intercept",
    "noise",
    "train",
    "vsplit",
    "hidden",
    "act",
    "out",
    "init",
    "bias",
    "opt",
    "lr",
    "momentum",
    "decay",
    "batch",
    "epochs",
    "xscale",
    "yscale",
    "metric",
    "seed",
    "lang",
    "class",
    "hide",
];

/// The panels a classroom link can hide (`hide=data,training`).
pub const HIDEABLE: &[&str] = &["preset", "data", "network", "training", "lesson", "keras"];

/// A number within a closed range; out-of-range values are clamped, unreadable ones rejected.
fn read_number(key: &str, value: &str, low: f64, high: f64, current: f64) -> (f64, Option<Notice>) {
    let notice = |problem| {
        Some(Notice {
            key: key.into(),
            value: value.into(),
            problem,
        })
    };
    match value.trim().parse::<f64>() {
        Ok(number) if number.is_finite() => {
            if number < low || number > high {
                let used = number.clamp(low, high);
                let range = format!("the range {low} to {high}");
                (
                    used,
                    notice(Problem::Clamped {
                        range,
                        used: used.to_string(),
                    }),
                )
            } else {
                (number, None)
            }
        }
        _ => {
            let expected = format!("a number from {low} to {high}");
            (
                current,
                notice(Problem::Invalid {
                    expected,
                    used: current.to_string(),
                }),
            )
        }
    }
}

/// A whole number within a closed range. Huge or negative integers are clamped; anything else that is
/// not an integer (`12.5`, `abc`, empty) is rejected.
fn read_count(key: &str, value: &str, low: u64, high: u64, current: u64) -> (u64, Option<Notice>) {
    let notice = |problem| {
        Some(Notice {
            key: key.into(),
            value: value.into(),
            problem,
        })
    };
    let text = value.trim();
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        let expected = format!("a whole number from {low} to {high}");
        return (
            current,
            notice(Problem::Invalid {
                expected,
                used: current.to_string(),
            }),
        );
    }
    let negative = text.starts_with('-');
    let parsed = digits.parse::<u64>().ok().filter(|_| !negative);
    match parsed {
        Some(number) if (low..=high).contains(&number) => (number, None),
        _ => {
            let used = if negative || parsed.is_some_and(|n| n < low) {
                low
            } else {
                high
            };
            let range = format!("the range {low} to {high}");
            (
                used,
                notice(Problem::Clamped {
                    range,
                    used: used.to_string(),
                }),
            )
        }
    }
}

/// One of a closed set of names.
fn read_choice<T: Copy + FromStr + fmt::Display>(
    key: &str,
    value: &str,
    all: &[T],
    current: T,
) -> (T, Option<Notice>) {
    match value.trim().parse::<T>() {
        Ok(choice) => (choice, None),
        Err(_) => {
            let names: Vec<String> = all.iter().map(ToString::to_string).collect();
            let expected = format!("one of {}", names.join(", "));
            let problem = Problem::Invalid {
                expected,
                used: current.to_string(),
            };
            (
                current,
                Some(Notice {
                    key: key.into(),
                    value: value.into(),
                    problem,
                }),
            )
        }
    }
}

impl Config {
    /// Applies one `key=value` pair. Returns a notice when the value was not taken as written (clamped
    /// or rejected) or the key is unknown. Never panics, whatever the text.
    pub fn set(&mut self, key: &str, value: &str) -> Option<Notice> {
        macro_rules! number {
            ($field:expr, $low:expr, $high:expr) => {{
                let (v, notice) = read_number(key, value, $low, $high, $field);
                $field = v;
                notice
            }};
        }
        macro_rules! count {
            ($field:expr, $low:expr, $high:expr) => {{
                let (v, notice) = read_count(key, value, $low, $high, $field as u64);
                $field = v as _;
                notice
            }};
        }
        macro_rules! pick {
            ($field:expr, $ty:ty) => {{
                let (v, notice) = read_choice(key, value, <$ty>::ALL, $field);
                $field = v;
                notice
            }};
        }
        match key {
            "v" => match value.trim() {
                "1" => None,
                _ => Some(Notice {
                    key: key.into(),
                    value: value.into(),
                    problem: Problem::Invalid {
                        expected: "link version 1".into(),
                        used: "1".into(),
                    },
                }),
            },
            "preset" => {
                let (preset, notice) = read_choice(key, value, Preset::ALL, self.preset);
                if notice.is_none() {
                    *self = preset.config();
                }
                notice
            }
            "data" => pick!(self.data, DataKind),
            "start" => number!(self.start, -1e6, 1e6),
            // Wider than start: room for the one-point stop that `reconcile` may write.
            "stop" => number!(self.stop, -2e6, 2e6),
            "step" => number!(self.step, 1e-6, 1e6),
            "n" => count!(self.points, 1, MAX_POINTS as u64),
            "lo" => number!(self.low, -1e6, 1e6),
            "hi" => number!(self.high, -2e6, 2e6),
            "slope" => number!(self.slope, -1e6, 1e6),
            "intercept" => number!(self.intercept, -1e6, 1e6),
            "noise" => number!(self.noise, 0.0, 1e6),
            "train" => count!(self.train_points, 1, MAX_POINTS as u64),
            "vsplit" => number!(self.validation_split, 0.0, 0.9),
            "hidden" => count!(self.hidden_units, 1, MAX_HIDDEN as u64),
            "act" => pick!(self.hidden_activation, Activation),
            "out" => pick!(self.output_activation, OutputActivation),
            "init" => pick!(self.init, Init),
            "bias" => number!(self.hidden_bias, -1e3, 1e3),
            "opt" => pick!(self.optimizer, OptimizerKind),
            "lr" => number!(self.learning_rate, 1e-6, 10.0),
            "momentum" => number!(self.momentum, 0.0, 0.999),
            "decay" => number!(self.decay, 0.0, 1.0),
            "batch" => count!(self.batch_size, 1, MAX_POINTS as u64),
            "epochs" => count!(self.epochs, 1, MAX_EPOCHS as u64),
            "xscale" => pick!(self.x_scale, XScale),
            "yscale" => pick!(self.y_scale, YScale),
            "metric" => pick!(self.metric, Metric),
            "seed" => count!(self.seed, 0, u64::MAX),
            "lang" => pick!(self.language, Language),
            "class" => match value.trim() {
                "1" | "true" => {
                    self.classroom = true;
                    None
                }
                "0" | "false" | "" => {
                    self.classroom = false;
                    None
                }
                _ => Some(Notice {
                    key: key.into(),
                    value: value.into(),
                    problem: Problem::Invalid {
                        expected: "0 or 1".into(),
                        used: u8::from(self.classroom).to_string(),
                    },
                }),
            },
            "hide" => {
                let wanted: Vec<&str> = value
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                self.hidden_panels = HIDEABLE
                    .iter()
                    .copied()
                    .filter(|p| wanted.contains(p))
                    .collect();
                let unknown: Vec<&str> = wanted
                    .iter()
                    .copied()
                    .filter(|w| !HIDEABLE.contains(w))
                    .collect();
                (!unknown.is_empty()).then(|| Notice {
                    key: key.into(),
                    value: value.into(),
                    problem: Problem::Invalid {
                        expected: format!("a list of {}", HIDEABLE.join(", ")),
                        used: self.hidden_panels.join(","),
                    },
                })
            }
            _ => Some(Notice {
                key: key.into(),
                value: value.into(),
                problem: Problem::UnknownKey,
            }),
        }
    }

    /// The text form of one setting, as `set` reads it back.
    pub fn get(&self, key: &str) -> Option<String> {
        let text = match key {
            "v" => "1".to_string(),
            "preset" => self.preset.to_string(),
            "data" => self.data.to_string(),
            "start" => self.start.to_string(),
            "stop" => self.stop.to_string(),
            "step" => self.step.to_string(),
            "n" => self.points.to_string(),
            "lo" => self.low.to_string(),
            "hi" => self.high.to_string(),
            "slope" => self.slope.to_string(),
            "intercept" => self.intercept.to_string(),
            "noise" => self.noise.to_string(),
            "train" => self.train_points.to_string(),
            "vsplit" => self.validation_split.to_string(),
            "hidden" => self.hidden_units.to_string(),
            "act" => self.hidden_activation.to_string(),
            "out" => self.output_activation.to_string(),
            "init" => self.init.to_string(),
            "bias" => self.hidden_bias.to_string(),
            "opt" => self.optimizer.to_string(),
            "lr" => self.learning_rate.to_string(),
            "momentum" => self.momentum.to_string(),
            "decay" => self.decay.to_string(),
            "batch" => self.batch_size.to_string(),
            "epochs" => self.epochs.to_string(),
            "xscale" => self.x_scale.to_string(),
            "yscale" => self.y_scale.to_string(),
            "metric" => self.metric.to_string(),
            "seed" => self.seed.to_string(),
            "lang" => self.language.to_string(),
            "class" => u8::from(self.classroom).to_string(),
            "hide" => self.hidden_panels.join(","),
            _ => return None,
        };
        Some(text)
    }

    /// The same run: equal in everything but how the page shows it (language, classroom, panels).
    pub fn same_run(&self, other: &Config) -> bool {
        let view_free = |c: &Config| Config {
            language: Language::En,
            classroom: false,
            hidden_panels: Vec::new(),
            ..c.clone()
        };
        view_free(self) == view_free(other)
    }

    /// How many x values the data settings make (before the train/test split).
    pub fn data_points(&self) -> usize {
        match self.data {
            DataKind::Arange => arange_len(self.start, self.stop, self.step),
            DataKind::Randn | DataKind::Uniform => self.points,
        }
    }

    /// Settings that are fine alone but not together. Idempotent, so a parsed link written back and
    /// parsed again gives the same `Config`.
    fn reconcile(&mut self) -> Vec<Notice> {
        let mut notices = Vec::new();
        let mut adjust = |key: &str, value: String, why: &str, used: String| {
            let problem = Problem::Adjusted {
                why: why.into(),
                used,
            };
            notices.push(Notice {
                key: key.into(),
                value,
                problem,
            });
        };
        if self.data == DataKind::Arange {
            if arange_len(self.start, self.stop, self.step) == 0 {
                // Half a step past start: exactly one point, whatever the rounding.
                let stop = self.start + self.step * 0.5;
                adjust(
                    "stop",
                    self.stop.to_string(),
                    "arange would be empty (stop ≤ start)",
                    stop.to_string(),
                );
                self.stop = stop;
            }
            if arange_len(self.start, self.stop, self.step) > MAX_POINTS {
                // Half a step short of the limit, so rounding cannot make it one point too many.
                let stop = self.start + self.step * (MAX_POINTS as f64 - 0.5);
                let why = format!("more than {MAX_POINTS} points");
                adjust("stop", self.stop.to_string(), &why, stop.to_string());
                self.stop = stop;
            }
        }
        // `hi` may go up to 2e6: room for this adjustment when `lo` is at its limit.
        if self.data == DataKind::Uniform && self.low >= self.high {
            let high = self.low + 1.0;
            adjust(
                "hi",
                self.high.to_string(),
                "hi must be greater than lo",
                high.to_string(),
            );
            self.high = high;
        }
        let available = self.data_points();
        if self.train_points > available {
            let why = format!("only {available} data points");
            adjust(
                "train",
                self.train_points.to_string(),
                &why,
                available.to_string(),
            );
            self.train_points = available;
        }
        notices
    }

    /// Reads a share link: a query string (`?v=1&hidden=64`, with or without `?`) or a whole URL.
    /// `preset` is applied first, the other keys override it in order. Unknown keys, bad and
    /// out-of-range values become notices; the result is always a usable `Config`.
    pub fn from_query(text: &str) -> (Config, Vec<Notice>) {
        let pairs = query_pairs(text);
        let mut config = Config::default();
        let mut notices = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (key, value) in &pairs {
            let known = config.get(key).is_some();
            if known && seen.contains(&key.as_str()) {
                notices.push(Notice {
                    key: key.clone(),
                    value: value.clone(),
                    problem: Problem::Repeated,
                });
            }
            seen.push(key);
        }
        if let Some((key, value)) = pairs.iter().rev().find(|(key, _)| key == "preset") {
            notices.extend(config.set(key, value));
        }
        for (key, value) in pairs.iter().filter(|(key, _)| key != "preset") {
            notices.extend(config.set(key, value));
        }
        notices.extend(config.reconcile());
        (config, notices)
    }

    /// Like `from_query`, but any notice is an error (the headless runner: a figure for a slide must
    /// come from exactly the settings written).
    pub fn from_query_strict(text: &str) -> Result<Config, Vec<Notice>> {
        let (config, notices) = Config::from_query(text);
        if notices.is_empty() {
            Ok(config)
        } else {
            Err(notices)
        }
    }

    /// The share link's query string (without `?`): `v=1`, the preset unless it is `question`, then
    /// only the keys that differ from that preset. `from_query(to_query(c)) == c`.
    pub fn to_query(&self) -> String {
        let base = self.preset.config();
        let mut parts = vec!["v=1".to_string()];
        if self.preset != Preset::Question {
            parts.push(format!("preset={}", self.preset));
        }
        for key in KEYS {
            let (mine, theirs) = (self.get(key), base.get(key));
            if mine != theirs {
                if let Some(value) = mine {
                    parts.push(format!("{key}={}", percent_encode(&value)));
                }
            }
        }
        parts.join("&")
    }
}

/// `len(np.arange(start, stop, step))`: ceil((stop − start) / step), at least 0.
pub fn arange_len(start: f64, stop: f64, step: f64) -> usize {
    // NaN compares false both ways: it makes no points.
    let positive = step > 0.0 && stop > start;
    if !positive {
        return 0;
    }
    let count = libm::ceil((stop - start) / step);
    if count.is_finite() && count < (MAX_POINTS * 10) as f64 {
        count as usize
    } else {
        MAX_POINTS * 10
    }
}

/// Splits a query string or URL into decoded `(key, value)` pairs, in order.
fn query_pairs(text: &str) -> Vec<(String, String)> {
    let text = text.trim();
    let text = text.split_once('#').map_or(text, |(before, _)| before);
    let query = match text.split_once('?') {
        Some((_, query)) => query,
        None => text,
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

/// Decodes `%XX` escapes and `+` as a space; malformed escapes stay as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(high), Some(low)) => {
                        out.push((high * 16 + low) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes everything but unreserved characters, so any value survives a round trip through a URL.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_link_is_the_question_preset() {
        let (config, notices) = Config::from_query("");
        assert!(notices.is_empty());
        assert_eq!(config, Preset::Question.config());
        assert_eq!(config.to_query(), "v=1");
    }

    #[test]
    fn presets_match_the_seed_programs() {
        let question = Preset::Question.config();
        assert_eq!(
            (question.start, question.stop, question.step),
            (1.0, 1000.0, 1.0)
        );
        assert_eq!(question.data_points(), 999);
        assert_eq!(
            (
                question.train_points,
                question.hidden_units,
                question.batch_size
            ),
            (750, 128, 100)
        );
        assert_eq!(question.output_activation, OutputActivation::Relu);
        assert_eq!(
            (question.optimizer, question.learning_rate),
            (OptimizerKind::Sgd, 0.01)
        );
        let fewer = Preset::FewerPoints.config();
        assert_eq!(
            (fewer.data_points(), fewer.train_points, fewer.hidden_units),
            (9, 9, 12)
        );
        let standardized = Preset::Standardized.config();
        assert_eq!(
            (standardized.data, standardized.decay),
            (DataKind::Randn, 1e-6)
        );
        assert_eq!(standardized.output_activation, OutputActivation::Linear);
        let adam = Preset::Adam.config();
        assert_eq!(
            (adam.optimizer, adam.learning_rate, adam.epochs),
            (OptimizerKind::Adam, 1e-4, 200)
        );
    }

    #[test]
    fn preset_applies_first_and_other_keys_override_it() {
        let (config, notices) = Config::from_query("?hidden=64&preset=adam&lr=0.5");
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(config.optimizer, OptimizerKind::Adam);
        assert_eq!(config.hidden_units, 64);
        assert_eq!(config.learning_rate, 0.5);
    }

    #[test]
    fn whole_urls_and_fragments_are_read() {
        let (config, notices) =
            Config::from_query("https://example.org/relu-lab/?v=1&hidden=7#top");
        assert!(notices.is_empty());
        assert_eq!(config.hidden_units, 7);
    }

    #[test]
    fn bad_link_notices_name_key_and_value() {
        let (config, notices) = Config::from_query("hidden=abc&lr=-1&zzz=1");
        assert_eq!(config.hidden_units, 128, "bad value keeps the default");
        assert_eq!(config.learning_rate, 1e-6, "out of range is clamped");
        assert_eq!(notices.len(), 3);
        let texts: Vec<String> = notices.iter().map(ToString::to_string).collect();
        assert!(
            texts[0].contains("hidden=abc") && texts[0].contains("using 128"),
            "{}",
            texts[0]
        );
        assert!(
            texts[1].contains("lr=-1") && texts[1].contains("0.000001"),
            "{}",
            texts[1]
        );
        assert!(
            texts[2].contains("zzz") && texts[2].contains('1'),
            "{}",
            texts[2]
        );
        assert!(Config::from_query_strict("hidden=abc").is_err());
    }

    #[test]
    fn huge_counts_clamp_rather_than_fail() {
        let (config, notices) = Config::from_query(
            "hidden=99999999999999999999999&epochs=-3&seed=18446744073709551615",
        );
        assert_eq!(config.hidden_units, MAX_HIDDEN);
        assert_eq!(config.epochs, 1);
        assert_eq!(config.seed, u64::MAX);
        assert_eq!(notices.len(), 2);
    }

    #[test]
    fn nan_and_infinity_are_rejected() {
        let (config, notices) = Config::from_query("lr=NaN&slope=inf&noise=");
        assert_eq!(config.learning_rate, 0.01);
        assert_eq!(config.slope, 2.0);
        assert_eq!(notices.len(), 3);
    }

    #[test]
    fn repeated_keys_use_the_last_value_and_say_so() {
        let (config, notices) = Config::from_query("hidden=3&hidden=5");
        assert_eq!(config.hidden_units, 5);
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].problem, Problem::Repeated);
    }

    #[test]
    fn view_settings_round_trip_and_do_not_change_the_run() {
        let (config, notices) = Config::from_query("lang=zh&class=1&hide=training,data,bogus");
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert_eq!((config.language, config.classroom), (Language::Zh, true));
        assert_eq!(config.hidden_panels, vec!["data", "training"]);
        assert!(config.same_run(&Config::default()));
        assert_eq!(
            config.to_query(),
            "v=1&lang=zh&class=1&hide=data,training".replace(',', "%2C")
        );
        assert_eq!(Config::from_query(&config.to_query()).0, config);
    }

    #[test]
    fn share_link_round_trips() {
        let (config, _) = Config::from_query(
            "preset=standardized&hidden=17&lr=0.0301&act=tanh&seed=99&noise=0.25",
        );
        let link = config.to_query();
        assert!(link.starts_with("v=1&preset=standardized"), "{link}");
        let (again, notices) = Config::from_query(&link);
        assert!(notices.is_empty());
        assert_eq!(again, config);
    }

    #[test]
    fn inconsistent_settings_are_adjusted_with_a_notice() {
        let (config, notices) = Config::from_query("start=5&stop=1&train=50");
        assert_eq!(config.data_points(), 1);
        assert_eq!(config.train_points, 1);
        assert_eq!(notices.len(), 2);
        let (again, more) = Config::from_query(&config.to_query());
        assert!(more.is_empty());
        assert_eq!(again, config);
    }

    #[test]
    fn percent_encoding_round_trips_unicode_and_markup() {
        let text = "<script>alert('ü')</script>&=%";
        assert_eq!(percent_decode(&percent_encode(text)), text);
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }
}
