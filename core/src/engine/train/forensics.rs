//! Looking closely at a death: when each hidden unit died, a table of the units, and what the next
//! update will do (computed on a copy, so the run itself is never touched).

use super::diagnosis::first_layer_unit_dead;
use super::{StepResult, Trainer};

/// When a hidden unit died.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeathMark {
    /// Dead before any update.
    Born,
    /// Killed by this update (0-based), known exactly for the first hidden layer.
    Update(u64),
    /// Found dead at the end of this epoch (deeper layers are checked once an epoch).
    Epoch(usize),
}

/// One hidden unit, for the forensics table.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitRow {
    pub layer: usize,
    pub unit: usize,
    /// The first layer's weight w (its input is x); for deeper layers, the length of the unit's
    /// incoming weights.
    pub weight: f64,
    pub bias: f64,
    /// Smallest and largest pre-activation over the training inputs.
    pub pre_range: (f64, f64),
    pub dead: bool,
    pub died: Option<DeathMark>,
    /// What it adds to the output at the largest training x (last hidden layer: v·f(z), in y
    /// units); for earlier layers, its own output there.
    pub at_largest_x: f64,
    /// With batch normalization: its γ, β and moving statistics (the weight and bias above are
    /// then the Dense layer's own, before the normalisation, as Keras holds them).
    pub norm: Option<NormRow>,
}

/// A hidden unit's batch normalization, as Keras' `BatchNormalization` holds it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NormRow {
    pub gamma: f64,
    pub beta: f64,
    pub moving_mean: f64,
    pub moving_variance: f64,
}

/// What the next update will do, seen on a copy of the run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NextUpdate {
    /// 0-based update number.
    pub iteration: u64,
    /// The learning rate's factor (1: the run's own update).
    pub learning_rate_scale: f32,
    /// The largest change of any parameter, signed.
    pub largest_change: f64,
    /// The output's pre-activation over the training inputs, before and after.
    pub output_before: (f64, f64),
    pub output_after: (f64, f64),
    /// Hidden units alive before the update and dead after it.
    pub units_killed: usize,
    /// Whether the network is a constant after it (and was not before).
    pub collapses: bool,
    /// Whether the network is a constant after it, whether or not it was before: what the
    /// sentence about the update says (a dead network never "survives" an update).
    pub dead_after: bool,
    pub diverges: bool,
}

/// What an update leaves, as its sentence says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateVerdict {
    /// A weight or the loss becomes infinite.
    Diverges,
    /// The network was alive and is a constant after it.
    Kills,
    /// The network was a constant already and still is.
    StaysDead,
    /// The network is not a constant after it.
    Survives,
}

impl UpdateVerdict {
    /// The sentence about it.
    pub fn words(self) -> crate::i18n::Text {
        use crate::i18n;
        match self {
            UpdateVerdict::Diverges => i18n::UPDATE_DIVERGES,
            UpdateVerdict::Kills => i18n::UPDATE_KILLS,
            UpdateVerdict::StaysDead => i18n::UPDATE_STAYS_DEAD,
            UpdateVerdict::Survives => i18n::UPDATE_SURVIVES,
        }
    }
}

impl NextUpdate {
    /// What the update leaves, from the network's state after it.
    pub fn verdict(&self) -> UpdateVerdict {
        match (self.diverges, self.collapses, self.dead_after) {
            (true, _, _) => UpdateVerdict::Diverges,
            (false, true, _) => UpdateVerdict::Kills,
            (false, false, true) => UpdateVerdict::StaysDead,
            (false, false, false) => UpdateVerdict::Survives,
        }
    }
}

impl Trainer {
    /// Records the first hidden layer's units that died (now dead, no mark yet) and clears those that
    /// are alive. Cheap: a first-layer unit's input is linear in x.
    pub(super) fn mark_first_layer_deaths(&mut self, mark: DeathMark) {
        if !self.config.hidden_activation.can_die() || self.diverged.is_some() {
            return;
        }
        let first = self.engine.shape.layer(0).clone();
        let parameters = if self.engine.shape.batch_norm() {
            &self.folded
        } else {
            &self.weights.parameters
        };
        for unit in 0..first.units {
            let (w, b) = (
                parameters[first.kernel.start + unit],
                parameters[first.bias.start + unit],
            );
            let dead = first_layer_unit_dead(w, b, self.input_range);
            let slot = &mut self.unit_deaths[unit];
            match (dead, *slot) {
                (true, None) => *slot = Some(mark),
                (false, Some(_)) => *slot = None,
                _ => {}
            }
        }
    }

    /// The same for the deeper layers, from the last survey's per-unit maxima.
    pub(super) fn mark_deeper_deaths(&mut self, mark: DeathMark) {
        let shape = &self.engine.shape;
        if !self.config.hidden_activation.can_die() || shape.depth() < 2 {
            return;
        }
        let start = shape.units(1).start;
        for (unit, &most) in self.unit_maxima.iter().enumerate().skip(start) {
            let slot = &mut self.unit_deaths[unit];
            match (most <= 0.0, *slot) {
                (true, None) => *slot = Some(mark),
                (false, Some(_)) => *slot = None,
                _ => {}
            }
        }
    }

    /// The last epoch whose training loss is a number (0 before any): where the run's loss curve
    /// ends, and the epoch a pinned run's line names, so the words and the curve agree (a run
    /// that diverged in epoch 7 draws its loss up to epoch 6).
    pub fn last_finite_epoch(&self) -> usize {
        self.history()
            .iter()
            .rev()
            .find(|s| s.loss.is_finite())
            .map_or(0, |s| s.epoch)
    }

    /// The smallest and largest output pre-activation over the training inputs.
    pub fn output_range(&self) -> (f64, f64) {
        let data = &self.data;
        data.x_scaled[data.fit.clone()]
            .iter()
            .map(|&x| f64::from(self.output_pre_activation(x)))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), o| {
                (lo.min(o), hi.max(o))
            })
    }

    /// The units of hidden layer `layer`, for the forensics table.
    pub fn unit_table(&self, layer: usize) -> Vec<UnitRow> {
        let shape = self.shape();
        let layer = layer.min(shape.depth() - 1);
        let slots = shape.layer(layer);
        let units = shape.units(layer);
        // The pre-activations are the activations' inputs (after the normalisation, through the
        // folded kernels); the columns are the layer's own parameters.
        let parameters = self.parameters();
        let data = self.data();
        let xs = &data.x_scaled[data.fit.clone()];
        let mut ranges = vec![(f64::INFINITY, f64::NEG_INFINITY); slots.units];
        for &x in xs {
            let (pre, _, _) = self.hidden_values(x);
            for (range, &z) in ranges.iter_mut().zip(&pre[units.clone()]) {
                *range = (range.0.min(f64::from(z)), range.1.max(f64::from(z)));
            }
        }
        let largest_x = xs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let (_, post_at, _) = self.hidden_values(largest_x);
        let last = layer + 1 == shape.depth();
        let output = shape.output();
        (0..slots.units)
            .map(|unit| {
                let weight = if layer == 0 {
                    f64::from(parameters[slots.kernel.start + unit])
                } else {
                    (0..slots.inputs)
                        .map(|i| {
                            f64::from(parameters[slots.kernel.start + i * slots.units + unit])
                                .powi(2)
                        })
                        .sum::<f64>()
                        .sqrt()
                };
                let index = units.start + unit;
                let at_largest_x = if last {
                    f64::from(parameters[output.kernel.start + unit] * post_at[index])
                        * data.y_scaler.scale
                } else {
                    f64::from(post_at[index])
                };
                UnitRow {
                    layer,
                    unit,
                    weight,
                    bias: f64::from(parameters[slots.bias.start + unit]),
                    pre_range: ranges[unit],
                    dead: self.config.hidden_activation.can_die() && ranges[unit].1 <= 0.0,
                    died: self.unit_deaths[index],
                    at_largest_x,
                    norm: shape.batch_norm().then(|| {
                        let at = |range: std::ops::Range<usize>| {
                            f64::from(parameters[range.start + index])
                        };
                        NormRow {
                            gamma: at(shape.gammas()),
                            beta: at(shape.betas()),
                            moving_mean: at(shape.moving_means()),
                            moving_variance: at(shape.moving_variances()),
                        }
                    }),
                }
            })
            .collect()
    }

    /// Trains this run until it stands where another run stands: epoch `epoch`, batch `batch` of
    /// it (the lockstep of pinned runs beside the main one). A run with fewer batches per epoch
    /// ends its epoch first and waits there; a run that diverged or ended stays where it is. Never
    /// trains past the position.
    pub fn catch_up(&mut self, epoch: usize, batch: usize) {
        self.catch_up_while(epoch, batch, || true);
    }

    /// Whether this run stands at (`epoch`, `batch`) as far as `catch_up` takes it: there or past
    /// it (a run with fewer batches per epoch waits at its epoch's end), at the end of its own
    /// epochs (a pinned run of 20 epochs never trains past them, whatever the main run does, so its
    /// chip's "epochs 20" and "epoch 20" agree), or stopped by divergence.
    pub fn stands_at(&self, epoch: usize, batch: usize) -> bool {
        self.diverged().is_some()
            || self.is_finished()
            || (self.epoch(), self.batch_in_epoch()) >= (epoch, batch)
    }

    /// `catch_up` a batch at a time, asking `keep_going` after each batch: the page's frame budget
    /// (the closure reads the clock; the core does not). Trains at least one batch when behind, so
    /// every call moves. Returns whether the run stands there; called again, it goes on where it
    /// stopped, and the run is bit for bit the one `catch_up` makes in one go.
    pub fn catch_up_while(
        &mut self,
        epoch: usize,
        batch: usize,
        mut keep_going: impl FnMut() -> bool,
    ) -> bool {
        while !self.stands_at(epoch, batch) {
            if self.step() == StepResult::Stopped {
                break;
            }
            if !keep_going() {
                break;
            }
        }
        self.stands_at(epoch, batch)
    }

    /// A run of `config` as far as a run that stands at (`epoch`, `batch`): how a pinned run
    /// follows the main one after a rewind (it is replayed from its seed, never left ahead).
    pub fn caught_up(config: &crate::engine::Config, epoch: usize, batch: usize) -> Trainer {
        let mut run = Trainer::new(config);
        run.catch_up(epoch, batch);
        run
    }

    /// The update (counted from 0) that collapsed the run `config` makes, if one does within its
    /// epochs: where the lesson's rewind step and the page's rewind button go.
    pub fn killing_update(config: &crate::engine::Config) -> Option<u64> {
        let mut run = Trainer::new(config);
        run.run();
        run.killing_iteration()
    }

    /// The update (counted from 0) that collapsed this run, if one did.
    pub fn killing_iteration(&self) -> Option<u64> {
        self.killed().map(|(_, update)| update.iteration)
    }

    /// `run` a batch at a time, asking `keep_going` after each batch (at least one batch when not
    /// finished). Returns whether the run is finished; the same bits as `run` in one go.
    pub fn run_while(&mut self, mut keep_going: impl FnMut() -> bool) -> bool {
        while !self.is_finished() {
            if self.step() == StepResult::Stopped || !keep_going() {
                break;
            }
        }
        self.is_finished()
    }

    /// The run as it was just before update `iteration` (0-based): replayed from its seed, which
    /// gives the same bits.
    pub fn replayed_to(config: &crate::engine::Config, iteration: u64) -> Trainer {
        let mut trainer = Trainer::new(config);
        trainer.replay_while(iteration, || true);
        trainer
    }

    /// Trains on until just before update `iteration` (never past it), a batch at a time, asking
    /// `keep_going` after each (at least one batch when short of it). Returns whether it stands
    /// there (or diverged on the way); a fresh run taken there is bit for bit `replayed_to`'s.
    pub fn replay_while(&mut self, iteration: u64, mut keep_going: impl FnMut() -> bool) -> bool {
        while self.iterations() < iteration {
            if self.step() == StepResult::Stopped || !keep_going() {
                break;
            }
        }
        self.iterations() >= iteration || self.diverged().is_some()
    }

    /// What the next update would do with the learning rate multiplied by `learning_rate_scale`,
    /// worked out on a copy.
    pub fn preview_next_update(&self, learning_rate_scale: f32) -> NextUpdate {
        let mut copy = self.clone();
        let before = copy.parameters().to_vec();
        let output_before = copy.output_range();
        let units_before = copy.largest_pre_activations();
        let collapsed_before = {
            let survey = copy.survey();
            super::watch::collapse(&copy.config, &survey).is_some()
        };
        let settings = copy.engine.settings;
        copy.engine.settings = settings.with_learning_rate_scaled(learning_rate_scale);
        let result = copy.step();
        copy.engine.settings = settings;
        let largest_change = copy
            .parameters()
            .iter()
            .zip(&before)
            .map(|(&a, &b)| f64::from(a) - f64::from(b))
            .fold(
                0.0f64,
                |best, d| if d.abs() > best.abs() { d } else { best },
            );
        let units_after = copy.largest_pre_activations();
        let can_die = copy.config.hidden_activation.can_die();
        let units_killed = units_before
            .iter()
            .zip(&units_after)
            .filter(|&(&b, &a)| can_die && b > 0.0 && a <= 0.0)
            .count();
        let diverges = result == StepResult::Stopped || copy.diverged.is_some();
        let dead_after = !diverges && {
            let survey = copy.survey();
            super::watch::collapse(&copy.config, &survey).is_some()
        };
        let collapses = dead_after && !collapsed_before;
        NextUpdate {
            iteration: self.iterations(),
            learning_rate_scale,
            largest_change,
            output_before,
            output_after: if diverges {
                (f64::NAN, f64::NAN)
            } else {
                copy.output_range()
            },
            units_killed,
            collapses,
            dead_after,
            diverges,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::train::{Death, Diagnosis};
    use crate::engine::Config;

    #[test]
    fn with_batch_normalization_the_table_shows_gamma_beta_and_they_explain_the_input_range() {
        let config = Config::from_query_strict("preset=standardized&bn=1&epochs=8").unwrap();
        let mut run = Trainer::new(&config);
        // Keras' BatchNormalization at the start: γ = 1, β = 0, moving mean 0, moving variance 1.
        for row in run.unit_table(0) {
            let norm = row.norm.expect("bn=1 rows carry their normalisation");
            assert_eq!((norm.gamma, norm.beta), (1.0, 0.0));
            assert_eq!((norm.moving_mean, norm.moving_variance), (0.0, 1.0));
        }
        run.run();
        let data = run.data();
        let xs = &data.x_scaled[data.fit.clone()];
        let (lo, hi) = xs
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
                (lo.min(f64::from(x)), hi.max(f64::from(x)))
            });
        let table = run.unit_table(0);
        assert!(
            table.iter().any(|row| row.norm.unwrap().gamma != 1.0),
            "γ trained"
        );
        for row in table {
            // Keras' inference formula, from the row's own columns: γ·(w·x + b − mean)/√(var + 0.001) + β,
            // linear in x, so its extremes over the training x are at the smallest and largest x.
            let n = row.norm.unwrap();
            let input = |x: f64| {
                n.gamma * (row.weight * x + row.bias - n.moving_mean)
                    / (n.moving_variance + 1e-3).sqrt()
                    + n.beta
            };
            let (a, b) = (input(lo), input(hi));
            let close = |p: f64, q: f64| (p - q).abs() <= 1e-4 * (1.0 + q.abs());
            assert!(
                close(row.pre_range.0, a.min(b)) && close(row.pre_range.1, a.max(b)),
                "unit {}: {:?} against {:?}",
                row.unit,
                row.pre_range,
                (a.min(b), a.max(b))
            );
        }
        // Without batch normalization there is none.
        let plain = Trainer::new(&Config::from_query_strict("preset=standardized").unwrap());
        assert!(plain.unit_table(0).iter().all(|row| row.norm.is_none()));
    }

    #[test]
    fn rewinding_lands_just_before_the_update_that_killed_the_output() {
        let config = Config::from_query_strict("preset=question").unwrap();
        let mut run = Trainer::new(&config);
        run.run();
        let Diagnosis::OutputDead {
            death: Death::Killed(update),
            ..
        } = run.diagnosis()
        else {
            panic!("the question's seed is killed: {:?}", run.diagnosis());
        };
        let mut rewound = Trainer::replayed_to(&config, update.iteration);
        assert_eq!(rewound.iterations(), update.iteration);
        assert!(rewound.output_range().1 > 0.0, "alive before");
        let next = rewound.preview_next_update(1.0);
        assert!(next.collapses && !next.diverges, "{next:?}");
        assert!(next.output_after.1 <= 0.0, "{next:?}");
        // The preview is what the update then does.
        rewound.step();
        assert_eq!(rewound.output_range(), next.output_after);
        assert!(rewound.output_range().1 <= 0.0);
        // The units it killed carry its number.
        let table = rewound.unit_table(0);
        let killed_now = table
            .iter()
            .filter(|r| r.died == Some(DeathMark::Update(update.iteration)))
            .count();
        assert_eq!(killed_now, next.units_killed);
        assert_eq!(
            table.iter().filter(|r| r.dead).count(),
            rewound.dead_hidden(),
            "dead flags agree with the dead count"
        );
    }

    /// Whether the network's prediction is one number on every training x (read off its predictions,
    /// not off the engine's survey).
    fn constant_on_training_x(run: &Trainer) -> bool {
        let data = run.data();
        let predictions: Vec<f64> = data
            .fit
            .clone()
            .map(|row| run.predict(data.x[row]))
            .collect();
        predictions.iter().all(|p| *p == predictions[0])
    }

    #[test]
    fn an_update_is_said_to_be_survived_only_when_the_network_is_alive_after_it() {
        let config = Config::from_query_strict("preset=question").unwrap();
        let killing = Trainer::killing_update(&config).expect("the question's seed is killed");
        assert!(killing > 0, "an update before the killing one");
        // An update that does not kill: the network is alive after it, and the sentence says so.
        let mut before = Trainer::replayed_to(&config, killing - 1);
        let next = before.preview_next_update(1.0);
        before.step();
        assert!(
            !constant_on_training_x(&before),
            "alive after update {killing}"
        );
        assert_eq!(next.verdict(), UpdateVerdict::Survives, "{next:?}");
        assert_eq!(next.verdict().words(), crate::i18n::UPDATE_SURVIVES);
        // The update that kills it.
        let next = before.preview_next_update(1.0);
        before.step();
        assert!(
            constant_on_training_x(&before),
            "dead after update {}",
            killing + 1
        );
        assert_eq!(next.verdict(), UpdateVerdict::Kills, "{next:?}");
        // Every update after it leaves a dead network: never "survives".
        for _ in 0..3 {
            let next = before.preview_next_update(1.0);
            before.step();
            assert!(constant_on_training_x(&before));
            assert_eq!(next.verdict(), UpdateVerdict::StaysDead, "{next:?}");
            assert_ne!(next.verdict().words(), crate::i18n::UPDATE_SURVIVES);
        }
    }

    #[test]
    fn born_dead_units_are_marked_born_and_deeper_ones_by_epoch() {
        let trainer = Trainer::new(&Config::from_query_strict("preset=question").unwrap());
        let born = trainer
            .unit_table(0)
            .iter()
            .filter(|r| r.died == Some(DeathMark::Born))
            .count();
        assert_eq!(born, trainer.initial().dead.total());
        let mut deep = Trainer::new(
            &Config::from_query_strict("preset=standardized&hidden=4,4&lr=1&seed=5").unwrap(),
        );
        deep.run();
        for row in deep.unit_table(1) {
            assert_eq!(row.dead, row.died.is_some(), "{row:?}");
            assert!(!matches!(row.died, Some(DeathMark::Update(_))), "{row:?}");
        }
    }
}
