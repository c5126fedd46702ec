//! The trainer: Keras' `fit` one batch at a time, with the per-epoch numbers Keras prints and the
//! numbers the lab needs to explain a run (dead units per layer, gradient norms, the update that
//! collapsed the network).
//!
//! Semantics of Keras 3 `Model.fit` (keras/src/trainers/trainer.py, data_adapters): the validation part
//! is the last `validation_split` of the training data, split off before shuffling; the rest is shuffled
//! every epoch; the last batch may be partial; the epoch `loss` is the batch-size-weighted mean of the
//! batch losses, each measured before its update; `val_*` use the end-of-epoch weights.
//!
//! Files: `batch` (one update), `diagnosis` (dead units, collapse, the one-word verdict), `history`
//! (per-epoch numbers), `watch` (the collapse watch: born dead, the killing update and its replay),
//! `forensics` (when each unit died, replays and previews), `rewind` (a rewind spread over calls).

mod batch;
mod diagnosis;
mod forensics;
mod history;
pub mod hot;
mod rewind;
mod surveys;
mod watch;

#[doc(hidden)]
pub use batch::{extra_kernels, force_portable, uses_avx2};
pub use batch::{Totals, Weights};
pub use diagnosis::{
    first_layer_unit_dead, Collapse, Death, Diagnosis, Outcome, Standing, Survey, UpdateSize,
    WeightKind, OVERSIZED,
};
pub use forensics::{DeathMark, NextUpdate, UnitRow, UpdateVerdict};
pub use history::{DeadCounts, EpochStats, History, HISTORY_CAP};
pub use rewind::{Advance, Progress, Rewind};

use crate::engine::config::Config;
use crate::engine::data::Dataset;
use crate::engine::net::kernels::{self, Buffers};
use crate::engine::net::{self, init, with_activation, Shape};
use crate::engine::optim::OptimizerState;
use crate::engine::random::{Random, Stream};
use batch::{slopes, Engine};
use hot::Hot;
use surveys::Surveys;
use watch::{collapse, CollapseWatch};

/// One training run, advanced one batch at a time. Built from a `Config` and never reconfigured:
/// a new setting is a new `Trainer`.
#[derive(Clone, Debug)]
pub struct Trainer {
    config: Config,
    data: Dataset,
    engine: Engine,
    weights: Weights,
    history: History,
    epochs_done: usize,
    batch_in_epoch: usize,
    diverged: Option<(usize, u64)>,
    /// What made the network a constant, and the weights kept to find the update that did.
    watch: CollapseWatch,
    /// Training rows in this epoch's order (shuffled before the epoch's first batch).
    order: Vec<u32>,
    shuffle: Random,
    totals: Totals,
    epoch_grad_norms: (f64, f64),
    last_learning_rate: f64,
    /// The surveys remembered until the weights change.
    surveys: Surveys,
    /// Smallest and largest training input (scaled).
    input_range: (f32, f32),
    /// When each hidden unit died, if it is dead (see `forensics`).
    unit_deaths: Vec<Option<DeathMark>>,
    /// Every unit's largest pre-activation at the last survey of a deeper network.
    unit_maxima: Vec<f32>,
    /// With batch normalization, the parameters with the moving statistics folded into the hidden
    /// kernels and biases (`net::batch_norm::fold`): what inference runs; empty without it.
    pub(super) folded: Vec<f32>,
}

/// What one call to `step` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepResult {
    /// A batch was trained; the epoch goes on.
    Batch,
    /// A batch was trained and it ended an epoch (its stats are the last of `history`).
    EpochEnd,
    /// Nothing done: the run has diverged.
    Stopped,
}

impl Trainer {
    pub fn new(config: &Config) -> Trainer {
        let mut config = config.clone();
        // A `Config` made by hand (not parsed) gets the same checks as one that was.
        config.repair();
        let data = Dataset::new(&config);
        let engine = Engine::new(&config);
        let parameters = init::initial_parameters(&config, &engine.shape);
        let optimizer = OptimizerState::new(&engine.settings, engine.shape.trainable_count());
        let input_range = data.x_scaled[data.fit.clone()]
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &x| {
                (lo.min(x), hi.max(x))
            });
        let mut shuffle = Random::new(config.seed, Stream::Shuffle);
        let mut order: Vec<u32> = (data.fit.start as u32..data.fit.end as u32).collect();
        shuffle.shuffle(&mut order);
        let mut trainer = Trainer {
            last_learning_rate: config.learning_rate,
            config,
            order,
            data,
            engine,
            weights: Weights {
                parameters,
                optimizer,
            },
            history: History::default(),
            epochs_done: 0,
            batch_in_epoch: 0,
            diverged: None,
            watch: CollapseWatch::new(),
            shuffle,
            totals: Totals::default(),
            epoch_grad_norms: (0.0, 0.0),
            surveys: Surveys::default(),
            input_range,
            unit_deaths: Vec::new(),
            unit_maxima: Vec::new(),
            folded: Vec::new(),
        };
        trainer.refold();
        trainer.watch.initial = trainer.survey();
        trainer.watch.born = collapse(&trainer.config, &trainer.watch.initial);
        trainer.watch.initial_largest_weight = crate::engine::data::largest_magnitude(
            trainer.weights.parameters.iter().map(|&p| f64::from(p)),
        );
        trainer.unit_deaths = vec![None; trainer.shape().hidden_units()];
        trainer.mark_first_layer_deaths(DeathMark::Born);
        trainer.mark_deeper_deaths(DeathMark::Born);
        trainer
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn data(&self) -> &Dataset {
        &self.data
    }

    pub fn shape(&self) -> &Shape {
        &self.engine.shape
    }

    /// The network's parameters, in `shape()`'s layout.
    pub fn parameters(&self) -> &[f32] {
        &self.weights.parameters
    }

    /// The parameters inference uses, in `shape()`'s layout: with batch normalization each hidden
    /// unit's kernel and bias carry its normalisation by the moving statistics, so its bias and
    /// weights are those of its activation's input; without it, `parameters()`.
    pub fn inference_parameters(&self) -> &[f32] {
        if self.engine.shape.batch_norm() {
            &self.folded
        } else {
            &self.weights.parameters
        }
    }

    /// Keeps `folded` in step with the weights (after every update).
    fn refold(&mut self) {
        if self.engine.shape.batch_norm() {
            net::batch_norm::fold(
                &self.engine.shape,
                &self.weights.parameters,
                &mut self.folded,
            );
        }
    }

    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// Per-epoch statistics (thinned to at most `HISTORY_CAP` entries).
    pub fn history(&self) -> &[EpochStats] {
        self.history.entries()
    }

    /// Epochs completed.
    pub fn epoch(&self) -> usize {
        self.epochs_done
    }

    /// Batches done in the current epoch.
    pub fn batch_in_epoch(&self) -> usize {
        self.batch_in_epoch
    }

    /// Updates made so far.
    pub fn iterations(&self) -> u64 {
        self.weights.optimizer.iterations
    }

    /// Batches per epoch: ceil(training rows / batch size).
    pub fn batches_per_epoch(&self) -> usize {
        self.order.len().div_ceil(self.config.batch_size.max(1))
    }

    /// Training rows (after the validation split).
    pub fn fit_rows(&self) -> usize {
        self.order.len()
    }

    /// The rows the next update trains on, in this epoch's shuffled order.
    pub fn next_batch(&self) -> &[u32] {
        let size = self.config.batch_size.max(1);
        let start = (self.batch_in_epoch * size).min(self.order.len());
        &self.order[start..(start + size).min(self.order.len())]
    }

    /// The epoch and update at which training diverged, if it did.
    pub fn diverged(&self) -> Option<(usize, u64)> {
        self.diverged
    }

    /// The network before any update: dead units per layer and the largest output pre-activation.
    pub fn initial(&self) -> &Survey {
        &self.watch.initial
    }

    /// What made the network a constant before any update.
    pub fn born_collapsed(&self) -> Option<Collapse> {
        self.watch.born
    }

    /// The update that collapsed the network, and what it collapsed.
    pub fn killed(&self) -> Option<(Collapse, UpdateSize)> {
        self.watch.killed
    }

    /// The first update's size (the thread's story starts there).
    pub fn first_update(&self) -> Option<UpdateSize> {
        self.watch.first_update
    }

    /// The largest magnitude of a parameter before any update.
    pub fn initial_largest_weight(&self) -> f64 {
        self.watch.initial_largest_weight
    }

    /// The first update, or else `killing` (the update that collapsed the network), if it moved a
    /// weight `OVERSIZED` times the largest starting weight or more: the update the words "threw
    /// the weights far" are about, in the banner and in the advice alike.
    pub fn oversized_update(&self, killing: Option<UpdateSize>) -> Option<UpdateSize> {
        let initial = self.initial_largest_weight();
        [self.first_update(), killing]
            .into_iter()
            .flatten()
            .find(|update| {
                let ratio = update.largest_step().1.abs() / initial;
                initial > 0.0 && ratio.is_finite() && ratio >= OVERSIZED
            })
    }

    /// The diagnosis as it stands after the last update, mid-epoch too (what a paused page shows):
    /// `diagnosis` speaks of the last finished epoch; in the middle of one, this looks at the weights
    /// now, and names the update that collapsed the network if one of this epoch's did.
    pub fn diagnosis_now(&self) -> Diagnosis {
        let settled = self.batch_in_epoch == 0
            || self.diverged.is_some()
            || self.watch.born.is_some()
            || self.watch.killed.is_some();
        if settled {
            return self.diagnosis();
        }
        let survey = self.latest_survey();
        let loss = self.totals.mean(self.totals.square_error);
        match collapse(&self.config, &survey) {
            Some(collapse) => {
                let mut now = self.clone();
                now.watch.killed =
                    self.find_collapsing_update_within(self.epoch() + 1, self.batch_in_epoch);
                if now.watch.killed.is_none() {
                    return self.diagnosis();
                }
                now.history
                    .push_partial(self.partial_stats(&survey, collapse));
                now.diagnosis()
            }
            None => Diagnosis::Learning {
                loss,
                first_loss: self.history.entries().first().map_or(loss, |s| s.loss),
            },
        }
    }

    /// The current epoch's numbers so far (Keras' progress bar prints them mid-epoch), or `None`
    /// between epochs.
    pub fn running_stats(&self) -> Option<EpochStats> {
        (self.batch_in_epoch > 0).then(|| {
            let survey = self.surveys.last().unwrap_or(self.watch.initial);
            self.partial_stats(&survey, Collapse::Layer(usize::MAX))
        })
    }

    /// The current epoch's numbers so far, as if it ended now (for `diagnosis_now`).
    fn partial_stats(&self, survey: &Survey, collapse: Collapse) -> EpochStats {
        let totals = self.totals;
        EpochStats {
            epoch: self.epoch() + 1,
            loss: totals.mean(totals.square_error),
            mae: totals.mean(totals.absolute_error),
            accuracy: totals.mean(totals.hits as f64),
            accuracy_keras2: totals.mean(totals.hits_keras2 as f64),
            val_loss: None,
            val_mae: None,
            val_accuracy: None,
            val_accuracy_keras2: None,
            dead_by_layer: survey.dead,
            output_dead: collapse == Collapse::Output && survey.output_dead(&self.config),
            grad_norm_hidden: self.epoch_grad_norms.0,
            grad_norm_output: self.epoch_grad_norms.1,
            learning_rate: self.last_learning_rate,
            iterations: self.weights.optimizer.iterations,
        }
    }

    /// Whether the run reached its `epochs` or diverged.
    pub fn is_finished(&self) -> bool {
        self.diverged.is_some() || self.epoch() >= self.config.epochs
    }

    /// Goes on as `config`'s run when that is this run with more epochs ("Keep training"), and says
    /// whether it did. `epochs` only says where a run stops, so the updates made so far are the
    /// first ones of the longer run: a link with the new `epochs` opens the same run.
    pub fn continue_as(&mut self, config: &Config) -> bool {
        let longer = self.config.continues_into(config);
        if longer {
            self.config = config.clone();
        }
        longer
    }

    /// Trains one batch. Keeps going past `epochs` if asked: the caller decides when to stop.
    pub fn step(&mut self) -> StepResult {
        if self.diverged.is_some() {
            return StepResult::Stopped;
        }
        if self.batch_in_epoch == 0 {
            self.start_epoch();
        }
        let batch_size = self.config.batch_size.max(1);
        let start = self.batch_in_epoch * batch_size;
        let end = (start + batch_size).min(self.order.len());
        let iteration = self.weights.optimizer.iterations;
        let before = (iteration == 0).then(|| self.weights.parameters.clone());
        let outcome = (Hot::now().train_batch)(
            &self.config,
            &mut self.engine,
            &self.data,
            &self.order[start..end],
            &mut self.weights,
            &mut self.totals,
        );
        self.refold();
        self.last_learning_rate = f64::from(outcome.learning_rate);
        self.epoch_grad_norms.0 = self.epoch_grad_norms.0.max(outcome.grad_norms.0);
        self.epoch_grad_norms.1 = self.epoch_grad_norms.1.max(outcome.grad_norms.1);
        if let Some(before) = before {
            self.watch.first_update =
                Some(self.update_size(&before, iteration, outcome.grad_norms));
        }
        self.batch_in_epoch += 1;
        self.mark_first_layer_deaths(DeathMark::Update(iteration));
        if !outcome.finite {
            self.diverged = Some((self.epoch() + 1, iteration));
            self.finish_epoch();
            return StepResult::Stopped;
        }
        if end >= self.order.len() {
            self.finish_epoch();
            return StepResult::EpochEnd;
        }
        StepResult::Batch
    }

    /// Trains to the end of the current epoch (or divergence).
    pub fn run_epoch(&mut self) -> StepResult {
        loop {
            match self.step() {
                StepResult::Batch => continue,
                done => return done,
            }
        }
    }

    /// Runs to `epochs` (or divergence).
    pub fn run(&mut self) {
        while !self.is_finished() {
            self.run_epoch();
        }
    }

    fn start_epoch(&mut self) {
        self.totals = Totals::default();
        self.epoch_grad_norms = (0.0, 0.0);
        self.watch.start_epoch(&self.config, &self.weights);
    }

    fn finish_epoch(&mut self) {
        let epoch = self.epoch() + 1;
        let validation = self.evaluate(self.data.validation.clone());
        if validation.rows > 0 && !validation.square_error.is_finite() && self.diverged.is_none() {
            // The weights are finite but the network's output overflows on the validation inputs.
            let iteration = self.weights.optimizer.iterations.saturating_sub(1);
            self.diverged = Some((epoch, iteration));
        }
        let survey = if self.diverged.is_none() {
            self.survey()
        } else {
            Survey::empty(self.shape().depth())
        };
        let output_dead = self.diverged.is_none() && survey.output_dead(&self.config);
        if self.diverged.is_none() {
            self.mark_deeper_deaths(DeathMark::Epoch(epoch));
        }
        if self.diverged.is_none()
            && collapse(&self.config, &survey).is_some()
            && self.watch.watching(&self.config)
        {
            self.watch.killed = self.find_collapsing_update(epoch);
        }
        let totals = self.totals;
        self.history.push(EpochStats {
            epoch,
            loss: totals.mean(totals.square_error),
            mae: totals.mean(totals.absolute_error),
            accuracy: totals.mean(totals.hits as f64),
            accuracy_keras2: totals.mean(totals.hits_keras2 as f64),
            val_loss: validation.some_if_rows(validation.mean(validation.square_error)),
            val_mae: validation.some_if_rows(validation.mean(validation.absolute_error)),
            val_accuracy: validation.some_if_rows(validation.mean(validation.hits as f64)),
            val_accuracy_keras2: validation
                .some_if_rows(validation.mean(validation.hits_keras2 as f64)),
            dead_by_layer: survey.dead,
            output_dead,
            grad_norm_hidden: self.epoch_grad_norms.0,
            grad_norm_output: self.epoch_grad_norms.1,
            learning_rate: self.last_learning_rate,
            iterations: self.weights.optimizer.iterations,
        });
        self.epochs_done = epoch;
        self.batch_in_epoch = 0;
        self.watch.finish_epoch();
        // The next epoch's order, drawn now so `next_batch` can show it.
        self.shuffle.shuffle(&mut self.order);
    }

    /// Loss and metrics of `rows` with the current weights (training units).
    fn evaluate(&mut self, rows: std::ops::Range<usize>) -> Totals {
        let mut totals = Totals::default();
        let parameters = if self.engine.shape.batch_norm() {
            &self.folded
        } else {
            &self.weights.parameters
        };
        (Hot::now().evaluate)(
            &self.config,
            &mut self.engine,
            &self.data,
            rows,
            parameters,
            &mut totals,
        );
        totals
    }

    /// Mean squared error on the test part, in original units (`None` without a test part).
    pub fn test_mse(&self) -> Option<f64> {
        let rows = self.data.test.clone();
        if rows.is_empty() {
            return None;
        }
        let count = rows.len() as f64;
        let sum: f64 = rows
            .map(|row| (self.predict(self.data.x[row]) - self.data.y[row]).powi(2))
            .sum();
        Some(sum / count)
    }

    /// The network's prediction for an input in original units, in original units.
    pub fn predict(&self, x: f64) -> f64 {
        let scaled = self.data.x_scaler.apply(x) as f32;
        let pre = self.output_pre_activation(scaled);
        let (prediction, _) = net::output(self.config.output_activation, pre);
        self.data.y_scaler.invert(f64::from(prediction))
    }

    /// The output unit's pre-activation for a scaled input.
    pub fn output_pre_activation(&self, x_scaled: f32) -> f32 {
        let shape = &self.engine.shape;
        let parameters = self.inference_parameters();
        if shape.depth() == 1 {
            let slopes = self.unit_slopes();
            return with_activation!(self.config.hidden_activation, A => {
                kernels::single_layer_output::<A>(shape, parameters, slopes, x_scaled)
            });
        }
        self.hidden_values(x_scaled).2
    }

    /// Pre-activations and values of every hidden unit (layer after layer, as `Shape::units`) and the
    /// output pre-activation, for a scaled input.
    pub fn hidden_values(&self, x_scaled: f32) -> (Vec<f32>, Vec<f32>, f32) {
        let shape = &self.engine.shape;
        let parameters = self.inference_parameters();
        let mut buffers = Buffers::new(shape);
        let output = with_activation!(self.config.hidden_activation, A => {
            let slopes = slopes::<A>(shape, parameters, &self.engine.fixed_slopes);
            kernels::forward::<A>(shape, parameters, slopes, x_scaled, &mut buffers.pre, &mut buffers.post)
        });
        (buffers.pre, buffers.post, output)
    }

    /// Each hidden unit's slope below 0 (learned for PReLU, else `alpha`), as `Shape::units`.
    pub fn unit_slopes(&self) -> &[f32] {
        if self.config.hidden_activation == crate::engine::config::Activation::Prelu {
            &self.weights.parameters[self.engine.shape.slopes()]
        } else {
            &self.engine.fixed_slopes
        }
    }

    /// The largest pre-activation of every hidden unit over the training inputs (≤ 0: dead).
    pub fn largest_pre_activations(&self) -> Vec<f32> {
        let buffers = &mut Buffers::new(&self.engine.shape);
        (Hot::now().extremes)(self.surveyed(), buffers).units
    }

    /// Dead hidden units per layer now (relu hidden layers only).
    pub fn dead_by_layer(&self) -> DeadCounts {
        self.latest_survey().dead
    }

    /// Dead hidden units in all layers now.
    pub fn dead_hidden(&self) -> usize {
        self.dead_by_layer().total()
    }
}

#[cfg(test)]
mod tests;
