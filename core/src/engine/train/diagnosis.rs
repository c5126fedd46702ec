//! Which units are dead, whether the network has collapsed to a constant, and what the run shows in
//! one word: the diagnosis the page's banner and the runner's summary are made of.

use super::batch::slopes;
use super::history::{DeadCounts, EpochStats};
use super::Trainer;
use crate::engine::config::{Config, OutputActivation};
use crate::engine::data::Dataset;
use crate::engine::judge::{Floors, Standard};
use crate::engine::net::kernels::{self, BatchPasses, Buffers};
use crate::engine::net::{with_activation, Shape};

/// How big one update was: the numbers behind "the first update moved w by −3,412".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UpdateSize {
    /// 0-based update number (Keras `iterations` before the update).
    pub iteration: u64,
    pub epoch: usize,
    /// The largest change of a hidden-layer weight, signed.
    pub hidden_weight_step: f64,
    /// The largest change of an output weight, signed.
    pub output_weight_step: f64,
    pub output_bias_step: f64,
    pub grad_norm_hidden: f64,
    pub grad_norm_output: f64,
    /// Hidden units dead on the training inputs after the update, per layer.
    pub dead_after: DeadCounts,
}

/// Which layer's weight an update's largest step moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeightKind {
    Hidden,
    Output,
}

impl WeightKind {
    /// "a hidden weight", "an output weight".
    pub fn words(self) -> crate::i18n::Text {
        match self {
            WeightKind::Hidden => crate::i18n::A_HIDDEN_WEIGHT,
            WeightKind::Output => crate::i18n::AN_OUTPUT_WEIGHT,
        }
    }
}

/// An update is oversized when it moves a weight by this many times the largest starting weight.
pub const OVERSIZED: f64 = 10.0;

impl UpdateSize {
    /// The update's largest weight step, signed, and which layer's weight it moved: the one number
    /// every sentence about the update's size quotes (the hidden one on a tie).
    pub fn largest_step(&self) -> (WeightKind, f64) {
        if self.hidden_weight_step.abs() >= self.output_weight_step.abs() {
            (WeightKind::Hidden, self.hidden_weight_step)
        } else {
            (WeightKind::Output, self.output_weight_step)
        }
    }
}

/// How a part of the network died.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Death {
    /// Before any update. For the relu output with zero biases and x > 0 the output's input is
    /// x·Σ v·relu(w), one sign for every x: about half of all initialisations.
    BornDead { largest_pre_activation: f64 },
    /// An update made it dead on every training input.
    Killed(UpdateSize),
}

/// What collapsed the network to a constant: the relu output unit, or a whole hidden layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collapse {
    Output,
    Layer(usize),
}

/// What the run shows, in words and numbers. The page and the runner print the same words.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Diagnosis {
    #[default]
    NotStarted,
    /// A loss or a weight became infinite or NaN: training stopped there.
    Diverged { epoch: usize, iteration: u64 },
    /// The relu output is 0 on every input: no gradient reaches anything, the loss sits at mean(y²).
    OutputDead {
        loss: f64,
        mean_square_target: f64,
        death: Death,
    },
    /// A one-unit softmax output: exactly 1 for every x whatever the weights, and no gradient reaches
    /// the network. The loss is mean((y − 1)²) from the first batch to the last.
    SoftmaxOutput {
        loss: f64,
        mean_square_error_of_one: f64,
    },
    /// The sigmoid output's input lies beyond ±15 for every training x: it is stuck at 0 or 1 and its
    /// gradient vanishes.
    SigmoidSaturated {
        loss: f64,
        /// The output's input nearest to 0 over the training x.
        nearest_pre_activation: f64,
        death: Death,
    },
    /// Every unit of hidden layer `layer` is dead: the output is a constant, the loss tends to var(y).
    HiddenDead {
        loss: f64,
        target_variance: f64,
        layer: usize,
        death: Option<Death>,
    },
    /// The loss is falling but the fit is not yet close.
    Learning { loss: f64, first_loss: f64 },
    /// The training loss fits (`judge::Floors::fits`): R² ≥ 0.98, or at the data's noise floor.
    Converged {
        loss: f64,
        standard: Standard,
        floors: Floors,
    },
}

impl Diagnosis {
    /// The machine-readable name (the runner's `diagnosis`, the banner's `data-state`).
    pub fn label(&self) -> &'static str {
        match self {
            Diagnosis::NotStarted => "not_started",
            Diagnosis::Diverged { .. } => "diverged",
            Diagnosis::OutputDead { .. } => "output_dead",
            Diagnosis::SoftmaxOutput { .. } => "softmax_output",
            Diagnosis::SigmoidSaturated { .. } => "sigmoid_saturated",
            Diagnosis::HiddenDead { .. } => "hidden_dead",
            Diagnosis::Learning { .. } => "learning",
            Diagnosis::Converged { .. } => "converged",
        }
    }
}

/// The end of a run in one word, as a sweep counts it. The same names everywhere (page, CSV, JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// The output was the same for every training x before any update: the relu output or a whole
    /// hidden layer dead on all of them, a one-unit softmax, or a saturated sigmoid.
    BornDead,
    /// An update killed the relu output (or saturated the sigmoid output).
    Killed,
    /// Every unit of a hidden layer is dead (killed by an update; the output still learns a constant).
    HiddenDead,
    Diverged,
    /// Neither dead nor close yet (also a run with `epochs=0` that was not born dead).
    Learning,
    Converged,
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Outcome::BornDead,
        Outcome::Killed,
        Outcome::HiddenDead,
        Outcome::Diverged,
        Outcome::Learning,
        Outcome::Converged,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Outcome::BornDead => "born_dead",
            Outcome::Killed => "killed",
            Outcome::HiddenDead => "hidden_dead",
            Outcome::Diverged => "diverged",
            Outcome::Learning => "learning",
            Outcome::Converged => "converged",
        }
    }

    pub fn from_name(name: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.name() == name)
    }
}

/// Where a run stands, as a pinned run's line shows it: not trained yet, or its outcome so far
/// (the same verdict a sweep counts: a born-dead run is born dead before its first update).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    NotStarted,
    Now(Outcome),
}

impl Standing {
    /// The machine-readable name (`data-state` of a pinned run).
    pub fn name(self) -> &'static str {
        match self {
            Standing::NotStarted => "not_started",
            Standing::Now(outcome) => outcome.name(),
        }
    }
}

/// What a pass over the training inputs finds: dead units per layer, and the range of the output's
/// pre-activation (the relu output is dead when its largest is ≤ 0; a sigmoid output is saturated
/// when the whole range lies beyond ±`SIGMOID_SATURATION`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Survey {
    pub dead: DeadCounts,
    pub largest_output_pre: f32,
    pub smallest_output_pre: f32,
}

/// A sigmoid whose input is beyond ±15 passes back less than 3.1e-7 of its gradient (σ'(15)): it is
/// stuck at 0 or 1.
pub const SIGMOID_SATURATION: f32 = 15.0;

impl Survey {
    /// Nothing surveyed yet.
    pub fn empty(layers: usize) -> Survey {
        Survey {
            dead: DeadCounts::new(layers),
            largest_output_pre: f32::NEG_INFINITY,
            smallest_output_pre: f32::INFINITY,
        }
    }

    pub fn output_dead(&self, config: &Config) -> bool {
        config.output_activation == OutputActivation::Relu && self.largest_output_pre <= 0.0
    }

    /// The sigmoid output's input lies beyond ±15 for every training x, all on one side.
    pub fn output_saturated(&self, config: &Config) -> bool {
        config.output_activation == OutputActivation::Sigmoid
            && (self.smallest_output_pre >= SIGMOID_SATURATION
                || self.largest_output_pre <= -SIGMOID_SATURATION)
    }

    /// The output is the same for every training x whatever the weights do next: a dead relu
    /// output, a saturated sigmoid, or a one-unit softmax (always exactly 1).
    pub fn output_stuck(&self, config: &Config) -> bool {
        self.output_dead(config)
            || self.output_saturated(config)
            || config.output_activation == OutputActivation::Softmax
    }
}

/// Whether a unit of the first hidden layer is dead on inputs in `low..=high`: its pre-activation
/// w·x + b is linear in x, so the two ends decide it.
#[inline]
pub fn first_layer_unit_dead(w: f32, b: f32, (low, high): (f32, f32)) -> bool {
    w * low + b <= 0.0 && w * high + b <= 0.0
}

/// The network and data a survey looks at.
#[derive(Clone, Copy)]
pub struct Surveyed<'a> {
    pub config: &'a Config,
    pub shape: &'a Shape,
    pub data: &'a Dataset,
    pub parameters: &'a [f32],
    pub fixed_slopes: &'a [f32],
    /// Smallest and largest training input (scaled).
    pub input_range: (f32, f32),
}

/// Which hidden units are dead and how large the output's input gets, over the training inputs.
/// With one hidden layer the units need no pass over the inputs; the relu output does. With more,
/// `unit_maxima` (if given) receives every unit's largest pre-activation.
/// One of the hot functions (`hot`): called through `Hot::now()`.
#[inline]
pub(super) fn survey(
    network: Surveyed,
    buffers: &mut Buffers,
    unit_maxima: Option<&mut Vec<f32>>,
) -> Survey {
    let Surveyed {
        config,
        shape,
        data,
        parameters,
        fixed_slopes,
        input_range,
    } = network;
    let depth = shape.depth();
    let units_can_die = config.hidden_activation.can_die();
    let relu_output = config.output_activation == OutputActivation::Relu;
    // The whole range of the output's input matters for a sigmoid (saturation), not just its top.
    let whole_range = config.output_activation == OutputActivation::Sigmoid;
    let mut dead = DeadCounts::new(depth);
    if !units_can_die && !relu_output && !whole_range {
        return Survey::empty(depth);
    }
    if depth > 1 {
        let extremes = extremes(network, buffers);
        if units_can_die {
            for layer in 0..depth {
                let count = extremes.units[shape.units(layer)]
                    .iter()
                    .filter(|&&z| z <= 0.0)
                    .count();
                dead.set(layer, count);
            }
        }
        if let Some(maxima) = unit_maxima {
            *maxima = extremes.units;
        }
        return Survey {
            dead,
            largest_output_pre: extremes.largest_output_pre,
            smallest_output_pre: extremes.smallest_output_pre,
        };
    }
    let xs = &data.x_scaled[data.fit.clone()];
    if units_can_die {
        let first = shape.layer(0);
        let (w, b) = (
            &parameters[first.kernel.clone()],
            &parameters[first.bias.clone()],
        );
        let count = w
            .iter()
            .zip(b)
            .filter(|&(&w, &b)| first_layer_unit_dead(w, b, input_range))
            .count();
        dead.set(0, count);
    }
    let (mut largest, mut smallest) = (f32::NEG_INFINITY, f32::INFINITY);
    if relu_output || whole_range {
        with_activation!(config.hidden_activation, A => {
            let slopes = slopes::<A>(shape, parameters, fixed_slopes);
            for &x in xs {
                let pre = kernels::forward::<A>(shape, parameters, slopes, x, &mut buffers.pre, &mut buffers.post);
                largest = largest.max(pre);
                smallest = smallest.min(pre);
                if relu_output && largest > 0.0 {
                    break; // alive: one live input is enough
                }
            }
        });
    }
    Survey {
        dead,
        largest_output_pre: largest,
        smallest_output_pre: smallest,
    }
}

/// Over the training inputs: the largest pre-activation of every hidden unit, and the output's
/// largest and smallest.
pub(super) struct Extremes {
    /// Every hidden unit's largest pre-activation, as `Shape::units` (≤ 0: dead).
    pub(super) units: Vec<f32>,
    pub(super) largest_output_pre: f32,
    pub(super) smallest_output_pre: f32,
}

/// A forward pass over the training inputs (the batched one, a chunk of inputs at a time), keeping
/// the extremes.
/// One of the hot functions (`hot`): called through `Hot::now()`.
#[inline]
pub(super) fn extremes(network: Surveyed, buffers: &mut Buffers) -> Extremes {
    let (shape, parameters, data) = (network.shape, network.parameters, network.data);
    let hidden = shape.hidden_units();
    let mut units = vec![f32::NEG_INFINITY; hidden];
    let (mut largest, mut smallest) = (f32::NEG_INFINITY, f32::INFINITY);
    let passes = &mut buffers.batch;
    with_activation!(network.config.hidden_activation, A => {
        let slopes = slopes::<A>(shape, parameters, network.fixed_slopes);
        for xs in data.x_scaled[data.fit.clone()].chunks(BatchPasses::chunk(shape)) {
            kernels::batch_forward_fastest::<A>(shape, parameters, slopes, xs, passes);
            for &pre in &passes.outputs {
                largest = largest.max(pre);
                smallest = smallest.min(pre);
            }
            for row in passes.pre_rows(xs.len(), hidden) {
                for (most, &z) in units.iter_mut().zip(row) {
                    *most = most.max(z);
                }
            }
        }
    });
    Extremes {
        units,
        largest_output_pre: largest,
        smallest_output_pre: smallest,
    }
}

impl Trainer {
    /// What the run shows now.
    pub fn diagnosis(&self) -> Diagnosis {
        if let Some((epoch, iteration)) = self.diverged {
            return Diagnosis::Diverged { epoch, iteration };
        }
        let mean_square_target = self.data.mean_square_target();
        let target_variance = self.data.target_variance();
        let last = self.history.last();
        if self.config.output_activation == OutputActivation::Softmax {
            let mean_square_error_of_one = self.data.mean_square_error_of(1.0);
            return Diagnosis::SoftmaxOutput {
                loss: last.map_or(mean_square_error_of_one, |e| e.loss),
                mean_square_error_of_one,
            };
        }
        if self.config.output_activation == OutputActivation::Sigmoid {
            if let Some(saturated) = self.sigmoid_saturated(last) {
                return saturated;
            }
        }
        if let Some(born) = self.watch.born {
            return self.born_dead(born, last);
        }
        let Some(last) = last else {
            return Diagnosis::NotStarted;
        };
        let killed = |what: Collapse| {
            self.watch
                .killed
                .filter(|(collapse, _)| *collapse == what)
                .map(|(_, update)| Death::Killed(update))
        };
        if last.output_dead {
            if let Some(death) = killed(Collapse::Output) {
                return Diagnosis::OutputDead {
                    loss: last.loss,
                    mean_square_target,
                    death,
                };
            }
        }
        if let Some(layer) = last.dead_by_layer.dead_layer(self.config.widths()) {
            return Diagnosis::HiddenDead {
                loss: last.loss,
                target_variance,
                layer,
                death: killed(Collapse::Layer(layer)),
            };
        }
        let floors = self.data.floors;
        if let Some(standard) = floors.fits(last.loss) {
            return Diagnosis::Converged {
                loss: last.loss,
                standard,
                floors,
            };
        }
        Diagnosis::Learning {
            loss: last.loss,
            first_loss: self.history.entries()[0].loss,
        }
    }

    /// A sigmoid output stuck at 0 or 1 since before any update, or since the update that
    /// saturated it.
    fn sigmoid_saturated(&self, last: Option<&EpochStats>) -> Option<Diagnosis> {
        let survey = self.latest_survey();
        let death = match (self.watch.born, self.watch.killed) {
            (Some(_), _) => Death::BornDead {
                largest_pre_activation: f64::from(self.watch.initial.largest_output_pre),
            },
            (None, Some((Collapse::Output, update))) if survey.output_saturated(&self.config) => {
                Death::Killed(update)
            }
            _ => return None,
        };
        let nearest = if survey.smallest_output_pre > 0.0 {
            survey.smallest_output_pre
        } else {
            survey.largest_output_pre
        };
        // Before any epoch: the loss of the constant it is stuck at.
        let level = if nearest > 0.0 { 1.0 } else { 0.0 };
        Some(Diagnosis::SigmoidSaturated {
            loss: last.map_or_else(|| self.data.mean_square_error_of(level), |e| e.loss),
            nearest_pre_activation: f64::from(nearest),
            death,
        })
    }

    /// A network that was a constant before any update: its output or a whole hidden layer dead.
    fn born_dead(&self, born: Collapse, last: Option<&EpochStats>) -> Diagnosis {
        let death = Death::BornDead {
            largest_pre_activation: f64::from(self.watch.initial.largest_output_pre),
        };
        match born {
            Collapse::Output => {
                let mean_square_target = self.data.mean_square_target();
                Diagnosis::OutputDead {
                    loss: last.map_or(mean_square_target, |e| e.loss),
                    mean_square_target,
                    death,
                }
            }
            Collapse::Layer(layer) => {
                let target_variance = self.data.target_variance();
                Diagnosis::HiddenDead {
                    loss: last.map_or(target_variance, |e| e.loss),
                    target_variance,
                    layer,
                    death: Some(death),
                }
            }
        }
    }

    /// Where the run stands now: its outcome so far, or not started (no update yet and alive).
    pub fn standing(&self) -> Standing {
        if self.iterations() == 0 && self.watch.born.is_none() && self.diverged.is_none() {
            Standing::NotStarted
        } else {
            Standing::Now(self.outcome())
        }
    }

    /// The run's end in one word (what a sweep counts).
    pub fn outcome(&self) -> Outcome {
        if self.watch.born.is_some() {
            return Outcome::BornDead;
        }
        match self.diagnosis() {
            Diagnosis::Diverged { .. } => Outcome::Diverged,
            Diagnosis::OutputDead { .. } | Diagnosis::SigmoidSaturated { .. } => Outcome::Killed,
            Diagnosis::SoftmaxOutput { .. } => Outcome::BornDead,
            Diagnosis::HiddenDead { .. } => Outcome::HiddenDead,
            Diagnosis::Converged { .. } => Outcome::Converged,
            Diagnosis::NotStarted | Diagnosis::Learning { .. } => Outcome::Learning,
        }
    }
}
