//! The closed sets of names a setting can take. Each is declared once with `choice!`, which gives the
//! link spelling, `Display`, `FromStr`, `ALL` and `NAMES`, so a `<select>`, the share link, the runner
//! and the docs are generated from the same list.

pub use crate::i18n::Language;
use std::fmt;
use std::str::FromStr;

/// A closed set of named choices: what a `<select>` lists and the link spells.
pub trait Choice: Copy + PartialEq + 'static {
    fn all() -> &'static [Self];
    fn name(self) -> &'static str;
}

/// Declares a closed set of choices with its URL spelling.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every choice, in the order a menu shows them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The link spelling of every choice, in the same order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

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
    /// The seed thread's programs.
    Preset {
        /// The learner's program: raw x = 1..999, relu output, SGD. Dies.
        Question => "question",
        /// Answer 0's fix: x = 1..9 and 12 units. Trains for some seeds.
        FewerPoints => "fewer-points",
        /// Answer 1's fix: x ~ N(0, 1) and a linear output. Converges.
        Standardized => "standardized",
        /// Answer 1's second program: raw x, linear output, Adam lr 1e-4. Learns slowly.
        Adam => "adam",
        /// The program the learner's log line came from: x = 1..99,999, all of it given to `fit`,
        /// and a one-unit softmax output (always 1).
        Log => "log",
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
        /// The learner's own points (`pts`): x and y both from them.
        Own => "own",
    }
);

choice!(
    /// Activation of the hidden layers (Keras names).
    Activation {
        Relu => "relu",
        /// Keras 3 `leaky_relu`: slope `alpha` (Keras' default 0.2) below 0.
        LeakyRelu => "leaky_relu",
        /// Keras' `PReLU` layer after a linear Dense: a learned slope per unit, starting at 0.
        Prelu => "prelu",
        /// alpha = 1.
        Elu => "elu",
        /// Self-normalising: scale·(x or alpha·(eˣ − 1)).
        Selu => "selu",
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
        /// 1 / (1 + e⁻ᶻ): between 0 and 1, saturates for large |z|.
        Sigmoid => "sigmoid",
        /// Softmax over one unit: exactly 1 whatever the weights (the learner's log line).
        Softmax => "softmax",
    }
);

choice!(
    /// Kernel initialiser of every Dense layer (Keras names; biases start at zero or `bias`), or the
    /// randomized asymmetric initialisation of Lu et al. (2019) against born-dead ReLU networks.
    Init {
        GlorotUniform => "glorot_uniform",
        GlorotNormal => "glorot_normal",
        HeUniform => "he_uniform",
        HeNormal => "he_normal",
        LecunUniform => "lecun_uniform",
        LecunNormal => "lecun_normal",
        Rai => "rai",
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
        /// Keras 3's `AdamW`: Adam with decoupled weight decay (0.004 unless `weight_decay` says).
        Adamw => "adamw",
    }
);

choice!(
    /// How the learning rate changes with the updates (Keras 3's `optimizers.schedules`).
    Schedule {
        /// The same learning rate for every update.
        Constant => "constant",
        /// `ExponentialDecay`: lr · decay_rate^(step / decay_steps).
        Exponential => "exponential",
        /// `CosineDecay`: an optional linear warm-up, then half a cosine down to alpha · lr.
        Cosine => "cosine",
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
    /// The language the page is shown in (a link without `lang` follows the browser's).
    LanguageChoice {
        /// The browser's preferred language: Chinese for any `zh*`, else English.
        Browser => "browser",
        En => "en",
        Zh => "zh",
    }
);

impl LanguageChoice {
    /// The language this choice shows, given the browser's.
    pub fn resolve(self, browser: Language) -> Language {
        match self {
            LanguageChoice::Browser => browser,
            LanguageChoice::En => Language::En,
            LanguageChoice::Zh => Language::Zh,
        }
    }
}

choice!(
    /// The metric shown next to the loss, as the learner's `metrics=[...]`.
    Metric {
        Accuracy => "accuracy",
        Mae => "mae",
    }
);

impl OptimizerKind {
    /// Whether the `momentum` setting is used by this optimiser.
    pub fn uses_momentum(self) -> bool {
        matches!(self, OptimizerKind::Momentum | OptimizerKind::Nesterov)
    }

    /// Keras 3's `weight_decay` when none is given: `AdamW` 0.004, the others none.
    pub fn default_weight_decay(self) -> Option<f64> {
        (self == OptimizerKind::Adamw).then_some(0.004)
    }
}

impl Activation {
    /// Whether the `alpha` setting (the slope below 0) is used by this activation.
    pub fn uses_alpha(self) -> bool {
        self == Activation::LeakyRelu
    }

    /// Whether a unit can die: output 0 and pass no gradient for every input below its kink.
    pub fn can_die(self) -> bool {
        self == Activation::Relu
    }
}

choice!(
    /// The panels a classroom link can hide (`hide=data,training`).
    Panel {
        Preset => "preset",
        Data => "data",
        Network => "network",
        Training => "training",
        Lesson => "lesson",
        Keras => "keras",
    }
);
