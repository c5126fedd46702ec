//! The collapse watch: what made the network a constant (before any update, or which update did),
//! and the weights at the start of the epoch, kept while the network can still collapse so that
//! the update that collapsed it can be found by replaying the epoch. Training never reads it: it
//! only explains a run.

use super::batch::{Totals, Weights};
use super::diagnosis::{Collapse, Survey, UpdateSize};
use super::hot::Hot;
use super::Trainer;
use crate::engine::config::{Config, OutputActivation};

/// What the watch knows of a run's collapse.
#[derive(Clone, Debug)]
pub(super) struct CollapseWatch {
    /// The network before any update.
    pub(super) initial: Survey,
    /// What made the network a constant before any update, if anything did.
    pub(super) born: Option<Collapse>,
    /// The update that collapsed it, once found.
    pub(super) killed: Option<(Collapse, UpdateSize)>,
    pub(super) first_update: Option<UpdateSize>,
    /// The largest magnitude of a parameter before any update: what "an oversized update" is
    /// measured against.
    pub(super) initial_largest_weight: f64,
    /// Weights at the start of the current epoch, kept while the network can still collapse.
    epoch_start: Option<Weights>,
    /// The memory of the last epoch's `epoch_start`, reused for the next one (an epoch of
    /// `fewer-points` lasts about a microsecond: allocating there showed in wasm).
    spare_weights: Option<Weights>,
}

impl CollapseWatch {
    /// A watch that has seen nothing yet (the trainer fills in `initial` and `born`).
    pub(super) fn new() -> CollapseWatch {
        CollapseWatch {
            initial: Survey::empty(0),
            born: None,
            killed: None,
            first_update: None,
            initial_largest_weight: 0.0,
            epoch_start: None,
            spare_weights: None,
        }
    }

    /// The same watch without the kept weights (what a replay of the epoch starts with).
    fn without_kept_weights(&self) -> CollapseWatch {
        CollapseWatch {
            epoch_start: None,
            spare_weights: None,
            ..self.clone()
        }
    }

    /// Whether the network can still collapse (relu units, a relu output or a sigmoid output that
    /// can saturate, not yet collapsed).
    pub(super) fn watching(&self, config: &Config) -> bool {
        let can_collapse = config.hidden_activation.can_die()
            || matches!(
                config.output_activation,
                OutputActivation::Relu | OutputActivation::Sigmoid
            );
        can_collapse && self.born.is_none() && self.killed.is_none()
    }

    /// Keeps the weights an epoch starts with, while the network can still collapse.
    pub(super) fn start_epoch(&mut self, config: &Config, weights: &Weights) {
        self.epoch_start = self
            .watching(config)
            .then(|| match self.spare_weights.take() {
                Some(mut kept) => {
                    kept.copy_from(weights);
                    kept
                }
                None => weights.clone(),
            });
    }

    /// Lets the epoch's kept weights go (their memory serves the next epoch).
    pub(super) fn finish_epoch(&mut self) {
        self.spare_weights = self.epoch_start.take();
    }
}

/// What, if anything, makes the network a constant on the training inputs: the relu output dead
/// on all of them, or a whole hidden layer dead.
pub(super) fn collapse(config: &Config, survey: &Survey) -> Option<Collapse> {
    if survey.output_stuck(config) {
        Some(Collapse::Output)
    } else {
        survey.dead.dead_layer(config.widths()).map(Collapse::Layer)
    }
}

/// The change of largest magnitude in `deltas` (a NaN wins: it is what went wrong), 0 if none.
pub(crate) fn largest_change(deltas: impl Iterator<Item = f64>) -> f64 {
    deltas.fold(0.0f64, |best, d| {
        if d.abs() > best.abs() || d.is_nan() {
            d
        } else {
            best
        }
    })
}

impl Trainer {
    /// How far the update just made moved the weights from `before`.
    pub(super) fn update_size(
        &mut self,
        before: &[f32],
        iteration: u64,
        grad_norms: (f64, f64),
    ) -> UpdateSize {
        let shape = self.engine.shape.clone();
        let after = &self.weights.parameters;
        let largest = |range: std::ops::Range<usize>| {
            largest_change(range.map(|i| f64::from(after[i]) - f64::from(before[i])))
        };
        let hidden_weight_step =
            largest_change((0..shape.depth()).map(|l| largest(shape.layer(l).kernel.clone())));
        let output = shape.output();
        let output_weight_step = largest(output.kernel.clone());
        let output_bias_step =
            f64::from(after[output.bias.start]) - f64::from(before[output.bias.start]);
        UpdateSize {
            iteration,
            epoch: self.epoch() + 1,
            hidden_weight_step,
            output_weight_step,
            output_bias_step,
            grad_norm_hidden: grad_norms.0,
            grad_norm_output: grad_norms.1,
            dead_after: self.survey().dead,
        }
    }

    /// Replays the epoch that just ended from its start, checking the network after every update, to
    /// name the update that collapsed it. Runs once per run; training results are not touched.
    pub(super) fn find_collapsing_update(&self, epoch: usize) -> Option<(Collapse, UpdateSize)> {
        self.find_collapsing_update_within(epoch, usize::MAX)
    }

    /// `find_collapsing_update` over the epoch's first `batches` updates only.
    pub(super) fn find_collapsing_update_within(
        &self,
        epoch: usize,
        batches: usize,
    ) -> Option<(Collapse, UpdateSize)> {
        let start = self.watch.epoch_start.clone()?;
        let mut replay = Trainer {
            weights: start,
            watch: self.watch.without_kept_weights(),
            surveys: Default::default(),
            history: Default::default(),
            ..self.clone()
        };
        let batch_size = self.config.batch_size.max(1);
        for rows in self.order.chunks(batch_size).take(batches) {
            let before = replay.weights.parameters.clone();
            let iteration = replay.weights.optimizer.iterations;
            let outcome = (Hot::now().train_batch)(
                &replay.config,
                &mut replay.engine,
                &replay.data,
                rows,
                &mut replay.weights,
                &mut Totals::default(),
            );
            replay.refold();
            let survey = replay.survey();
            if let Some(collapse) = collapse(&replay.config, &survey) {
                let mut size = replay.update_size(&before, iteration, outcome.grad_norms);
                size.epoch = epoch;
                return Some((collapse, size));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_change_keeps_the_sign_of_the_largest_magnitude() {
        assert_eq!(largest_change([0.5, -2.0, 1.5].into_iter()), -2.0);
        assert_eq!(largest_change([0.5, 3.0, -1.5].into_iter()), 3.0);
    }

    #[test]
    fn largest_change_is_zero_without_changes_and_nan_once_one_is_nan() {
        assert_eq!(largest_change(std::iter::empty()), 0.0);
        assert!(largest_change([1.0, f64::NAN, 5.0].into_iter()).is_nan());
    }
}
