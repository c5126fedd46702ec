//! Why the run on screen does not work, read from its numbers, in words. Never names a fix.

use crate::engine::config::{OutputActivation, XScale, YScale};
use crate::engine::data::largest_magnitude;
use crate::engine::report::LARGE_VALUE;
use crate::engine::train::{Collapse, Death, Diagnosis, Trainer, UpdateSize, WeightKind};

/// Why the run on screen does not work, read from its numbers. Never names a fix: the advice does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cause {
    /// The relu output was 0 for every training x before the first update: a zero-gradient start.
    OutputBornDead,
    /// Hidden layer `layer` (0-based) was dead on every training x before the first update.
    LayerBornDead { layer: usize },
    /// A one-unit softmax: 1 for every x whatever the weights.
    SoftmaxOutput,
    /// The targets reach `y_max` but a sigmoid stays between 0 and 1.
    SigmoidOutput { y_max: f64 },
    /// Update `update` (1-based: the first, or else the one that collapsed the network) moved a
    /// `weight` by `step` (`UpdateSize::largest_step`), 10^`power` times the largest starting
    /// weight (`initial`).
    OversizedUpdate {
        scale: Scale,
        update: u64,
        weight: WeightKind,
        step: f64,
        initial: f64,
        power: i32,
    },
    /// Update `update` (1-based) collapsed the network to a constant (a dead output or hidden layer),
    /// though no update before it was oversized.
    Collapsed { scale: Scale, update: u64 },
    /// Update `update` (1-based) made a loss or a weight infinite.
    Diverged { scale: Scale, update: u64 },
    /// Learning, but after `epochs` epochs the training loss is not yet down to the fit limit
    /// (`judge::Floors::fit_limit`; the banner gives the losses and the limit).
    Slow { epochs: usize },
}

/// The raw sizes behind a too-big gradient: the largest unscaled |x| and |y| of the training part
/// (`None` when that side is scaled or small), and whether the output is linear (nothing bounds it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub x_max: Option<f64>,
    pub y_max: Option<f64>,
    pub linear_output: bool,
}

/// The cause the numbers of `trainer`'s run show; `None` when the run works (or has not started).
pub fn cause(trainer: &Trainer) -> Option<Cause> {
    let config = trainer.config();
    let diagnosis = trainer.diagnosis();
    let data = trainer.data();
    let largest = |values: &[f64]| largest_magnitude(values.iter().copied());
    let x_max = largest(&data.x[data.fit.clone()]);
    let y_max = largest(&data.y[data.fit.clone()]);
    match diagnosis {
        Diagnosis::NotStarted | Diagnosis::Converged { .. } => return None,
        Diagnosis::SoftmaxOutput { .. } => return Some(Cause::SoftmaxOutput),
        _ => {}
    }
    if config.output_activation == OutputActivation::Sigmoid && y_max > 1.0 {
        return Some(Cause::SigmoidOutput { y_max });
    }
    match trainer.born_collapsed() {
        Some(Collapse::Output) => return Some(Cause::OutputBornDead),
        Some(Collapse::Layer(layer)) => return Some(Cause::LayerBornDead { layer }),
        None => {}
    }
    if let Diagnosis::Learning { .. } = diagnosis {
        return Some(Cause::Slow {
            epochs: trainer.epoch(),
        });
    }
    let scale = Scale {
        x_max: (config.x_scale == XScale::None && x_max > LARGE_VALUE).then_some(x_max),
        y_max: (config.y_scale == YScale::None && y_max > LARGE_VALUE).then_some(y_max),
        linear_output: config.output_activation == OutputActivation::Linear,
    };
    let killing = killing_update(&diagnosis);
    if let Some(oversized) = oversized_update(trainer, killing, scale) {
        return Some(oversized);
    }
    match diagnosis {
        Diagnosis::Diverged { iteration, .. } => Some(Cause::Diverged {
            scale,
            update: iteration + 1,
        }),
        Diagnosis::OutputDead { .. }
        | Diagnosis::SigmoidSaturated { .. }
        | Diagnosis::HiddenDead { .. } => Some(Cause::Collapsed {
            scale,
            update: killing.map_or(trainer.iterations(), |u| u.iteration + 1),
        }),
        _ => None,
    }
}

/// The update that collapsed the network, if the diagnosis names one.
fn killing_update(diagnosis: &Diagnosis) -> Option<UpdateSize> {
    match *diagnosis {
        Diagnosis::OutputDead { death, .. } | Diagnosis::SigmoidSaturated { death, .. } => {
            match death {
                Death::Killed(update) => Some(update),
                Death::BornDead { .. } => None,
            }
        }
        Diagnosis::HiddenDead {
            death: Some(Death::Killed(update)),
            ..
        } => Some(update),
        _ => None,
    }
}

/// The first update, or else the one that collapsed the network (`killing`), if it was oversized:
/// how big it was next to the weights the run started from.
fn oversized_update(trainer: &Trainer, killing: Option<UpdateSize>, scale: Scale) -> Option<Cause> {
    let initial = trainer.initial_largest_weight();
    trainer.oversized_update(killing).map(|update| {
        let (weight, step) = update.largest_step();
        Cause::OversizedUpdate {
            scale,
            update: update.iteration + 1,
            weight,
            step,
            initial,
            power: libm::floor(libm::log10(step.abs() / initial)) as i32,
        }
    })
}

impl Scale {
    /// "x reaches 600 unscaled in the training part. y reaches 1,200 unscaled. ", or nothing.
    fn words(&self, language: crate::engine::config::Language) -> String {
        use crate::engine::report::compact;
        use crate::i18n;
        let mut text = String::new();
        if let Some(x) = self.x_max {
            text.push_str(&i18n::WHY_X_UNSCALED.fill(language, &[&compact(x)]));
        }
        if let Some(y) = self.y_max {
            let words = if self.linear_output {
                i18n::WHY_Y_UNSCALED_LINEAR
            } else {
                i18n::WHY_Y_UNSCALED
            };
            text.push_str(&words.fill(language, &[&compact(y)]));
        }
        text
    }
}

impl Cause {
    /// The cause in words, with its numbers.
    pub fn words(&self, language: crate::engine::config::Language) -> String {
        use crate::engine::report::{compact, signed};
        use crate::i18n;
        match *self {
            Cause::OutputBornDead => i18n::WHY_OUTPUT_BORN_DEAD.fill(language, &[]),
            Cause::LayerBornDead { layer } => {
                i18n::WHY_LAYER_BORN_DEAD.fill(language, &[&(layer + 1)])
            }
            Cause::SoftmaxOutput => i18n::WHY_SOFTMAX_OUTPUT.fill(language, &[]),
            Cause::SigmoidOutput { y_max } => {
                i18n::WHY_SIGMOID_OUTPUT.fill(language, &[&compact(y_max)])
            }
            Cause::OversizedUpdate {
                scale,
                update,
                weight,
                step,
                initial,
                ..
            } => {
                scale.words(language)
                    + &i18n::WHY_OVERSIZED_UPDATE.fill(
                        language,
                        &[
                            &update,
                            &weight.words().get(language),
                            &signed(step),
                            // The ratio itself ("4,412"), not its power of ten.
                            &compact((step.abs() / initial).round()),
                            &compact(initial),
                        ],
                    )
            }
            Cause::Collapsed { scale, update } => {
                scale.words(language) + &i18n::WHY_COLLAPSED.fill(language, &[&update])
            }
            Cause::Diverged { scale, update } => {
                scale.words(language) + &i18n::WHY_DIVERGED.fill(language, &[&update])
            }
            Cause::Slow { epochs } => i18n::WHY_SLOW.fill(language, &[&epochs]),
        }
    }
}
