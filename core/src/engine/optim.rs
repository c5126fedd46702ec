//! Optimisers: settings, explicit state, and a pure `apply` that updates a flat parameter vector.
//!
//! Update rules follow Keras 3's sources (`keras/src/optimizers/{sgd,rmsprop,adam,adagrad,adamw}.py`,
//! `base_optimizer.py` and `schedules/learning_rate_schedule.py`, read for Keras 3.x) and its
//! defaults, computed in float32 as Keras does. One update is, as `BaseOptimizer.apply` does it:
//! clip the gradients (`clip_gradients`), decay the weights (`variable -= variable · wd · lr`), then
//! the optimiser's rule, all with the learning rate of the schedule at the update's number.
//!
//! The legacy `decay` argument of the thread's `SGD(lr=0.01, decay=1e-6)` follows Keras 2's
//! `optimizer_v2`: `lr_t = lr / (1 + decay · iterations)`, iterations counted in batches from 0. Keras
//! 2 divided a schedule's value the same way (`_decayed_lr`), so relu-lab does too when both are set
//! (Keras 3 has no `decay`; the export spells the division out as a schedule of its own).

use super::config::{Config, OptimizerKind, Schedule};
use std::ops::Range;

/// How the gradients are clipped before an update (Keras 3 allows one of these at a time).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Clip {
    None,
    /// `clipnorm`: each variable's gradient scaled to at most this L2 norm on its own.
    Norm(f32),
    /// `global_clipnorm`: all gradients together scaled to at most this L2 norm.
    GlobalNorm(f32),
    /// `clipvalue`: each element clipped to `-value..=value`.
    Value(f32),
}

/// The learning rate as a function of the update's number (Keras 3's `LearningRateSchedule`s).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LearningRateSchedule {
    Constant,
    /// `ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase)`.
    Exponential {
        decay_steps: f32,
        decay_rate: f32,
        staircase: bool,
    },
    /// `CosineDecay(initial_learning_rate, decay_steps, alpha, warmup_target, warmup_steps)`.
    /// `one_minus_alpha` is Python's `1 - alpha` (a double) rounded to float32, as Keras computes it.
    Cosine {
        decay_steps: f32,
        alpha: f32,
        one_minus_alpha: f32,
        warmup: Option<Warmup>,
    },
}

/// `CosineDecay`'s linear warm-up from the initial learning rate to `target`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Warmup {
    pub target: f32,
    pub steps: f32,
}

impl LearningRateSchedule {
    pub fn from_config(config: &Config) -> LearningRateSchedule {
        match config.schedule {
            Schedule::Constant => LearningRateSchedule::Constant,
            Schedule::Exponential => LearningRateSchedule::Exponential {
                decay_steps: config.decay_steps.max(1) as f32,
                decay_rate: config.decay_rate as f32,
                staircase: config.staircase,
            },
            Schedule::Cosine => LearningRateSchedule::Cosine {
                decay_steps: config.decay_steps.max(1) as f32,
                alpha: config.cosine_alpha as f32,
                one_minus_alpha: (1.0 - config.cosine_alpha) as f32,
                warmup: config.warmup_target.map(|target| Warmup {
                    target: target as f32,
                    steps: config.warmup_steps as f32,
                }),
            },
        }
    }

    /// The learning rate of update `step` (from 0) when the schedule starts at `initial`. Each
    /// operation is Keras' own, in float32 and in its order.
    pub fn at(&self, initial: f32, step: u64) -> f32 {
        let step = step as f32;
        match *self {
            LearningRateSchedule::Constant => initial,
            LearningRateSchedule::Exponential {
                decay_steps,
                decay_rate,
                staircase,
            } => {
                let p = step / decay_steps;
                let p = if staircase { libm::floorf(p) } else { p };
                initial * libm::powf(decay_rate, p)
            }
            LearningRateSchedule::Cosine {
                decay_steps,
                alpha,
                one_minus_alpha,
                warmup,
            } => {
                let decayed = |step: f32, from: f32| {
                    let completed_fraction = step / decay_steps;
                    let cosine_decayed =
                        0.5 * (1.0 + libm::cosf(std::f32::consts::PI * completed_fraction));
                    from * (one_minus_alpha * cosine_decayed + alpha)
                };
                match warmup {
                    None => decayed(step.min(decay_steps), initial),
                    Some(Warmup { target, steps }) => {
                        let step = step.min(decay_steps + steps);
                        if step < steps {
                            (target - initial) * (step / steps) + initial
                        } else {
                            decayed(step - steps, target)
                        }
                    }
                }
            }
        }
    }
}

/// The settings of an optimiser, each with its Keras 3 default noted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OptimizerSettings {
    pub kind: OptimizerKind,
    /// SGD 0.01; RMSprop, Adam, Adagrad 0.001. A schedule's initial learning rate.
    pub learning_rate: f32,
    /// `SGD(momentum=…)`: Keras default 0 (plain SGD); relu-lab's `momentum` optimiser uses 0.9.
    pub momentum: f32,
    /// Legacy decay, 0 by default.
    pub decay: f32,
    /// Constant by default.
    pub schedule: LearningRateSchedule,
    /// None by default.
    pub clip: Clip,
    /// Decoupled weight decay: Keras' `None` by default, `AdamW` 0.004.
    pub weight_decay: Option<f32>,
}

/// Adam: `beta_1 = 0.9`.
pub const ADAM_BETA_1: f32 = 0.9;
/// Adam: `beta_2 = 0.999`.
pub const ADAM_BETA_2: f32 = 0.999;
/// Keras' fuzz factor for Adam, RMSprop and Adagrad: 1e-7 (PyTorch uses 1e-8).
pub const EPSILON: f32 = 1e-7;
/// RMSprop: `rho = 0.9`.
pub const RMSPROP_RHO: f32 = 0.9;
/// Adagrad: `initial_accumulator_value = 0.1`.
pub const ADAGRAD_INITIAL_ACCUMULATOR: f32 = 0.1;

impl OptimizerSettings {
    pub fn from_config(config: &Config) -> OptimizerSettings {
        // Keras 3 refuses two clips; `Config::check` keeps one, and this order is the one Keras'
        // `_clip_gradients` tests them in.
        let clip = if config.clipnorm > 0.0 {
            Clip::Norm(config.clipnorm as f32)
        } else if config.global_clipnorm > 0.0 {
            Clip::GlobalNorm(config.global_clipnorm as f32)
        } else if config.clipvalue > 0.0 {
            Clip::Value(config.clipvalue as f32)
        } else {
            Clip::None
        };
        OptimizerSettings {
            kind: config.optimizer,
            learning_rate: config.learning_rate as f32,
            momentum: if config.optimizer.uses_momentum() {
                config.momentum as f32
            } else {
                0.0
            },
            decay: config.decay as f32,
            schedule: LearningRateSchedule::from_config(config),
            clip,
            weight_decay: config
                .weight_decay
                .or(config.optimizer.default_weight_decay())
                .map(|w| w as f32),
        }
    }

    /// The same settings with every learning rate they name (the initial one and a warm-up's
    /// target) multiplied by `scale`: the forensics' "the same update with lr ÷ 10".
    pub fn with_learning_rate_scaled(self, scale: f32) -> OptimizerSettings {
        let schedule = match self.schedule {
            LearningRateSchedule::Cosine {
                decay_steps,
                alpha,
                one_minus_alpha,
                warmup: Some(Warmup { target, steps }),
            } => LearningRateSchedule::Cosine {
                decay_steps,
                alpha,
                one_minus_alpha,
                warmup: Some(Warmup {
                    target: target * scale,
                    steps,
                }),
            },
            other => other,
        };
        OptimizerSettings {
            learning_rate: self.learning_rate * scale,
            schedule,
            ..self
        }
    }

    /// The learning rate of the update numbered `iterations` (from 0): the schedule's value, divided
    /// by the legacy decay's `1 + decay · iterations` when that is set.
    pub fn learning_rate_at(&self, iterations: u64) -> f32 {
        let scheduled = self.schedule.at(self.learning_rate, iterations);
        if self.decay > 0.0 {
            scheduled / (1.0 + self.decay * iterations as f32)
        } else {
            scheduled
        }
    }
}

/// Clips `gradients` in place as Keras 3's `_clip_gradients` does. `variables` are where each
/// Keras variable (a kernel, a bias, a PReLU alpha) lies in the flat vector: `clipnorm` clips each
/// on its own, `global_clipnorm` all of them together.
#[inline]
pub fn clip_gradients(clip: Clip, gradients: &mut [f32], variables: &[Range<usize>]) {
    let squares = |values: &[f32]| values.iter().map(|&g| g * g).sum::<f32>();
    match clip {
        Clip::None => {}
        Clip::Norm(clipnorm) if clipnorm > 0.0 => {
            for range in variables {
                let Some(values) = gradients.get_mut(range.clone()) else {
                    continue;
                };
                // `_clip_by_norm`: values · clipnorm / max(l2norm, clipnorm), with a zero sum's norm 0.
                let l2sum = squares(values);
                let l2norm = if l2sum > 0.0 { l2sum.sqrt() } else { l2sum };
                let divisor = if l2norm > clipnorm || l2norm.is_nan() {
                    l2norm
                } else {
                    clipnorm
                };
                for g in values.iter_mut() {
                    *g = *g * clipnorm / divisor;
                }
            }
        }
        Clip::GlobalNorm(clip_norm) if clip_norm > 0.0 => {
            // `clip_by_global_norm`: one sum of squares per variable, then their sum.
            let squared_norm: f32 = variables
                .iter()
                .filter_map(|range| gradients.get(range.clone()))
                .map(squares)
                .sum();
            let use_norm = squared_norm.sqrt();
            let scale_for_finite = clip_norm * (1.0 / use_norm).min(1.0 / clip_norm);
            // Keras adds `use_norm - use_norm`: nothing for a finite norm, NaN for a NaN or
            // infinite one.
            let scale = if use_norm.is_finite() {
                scale_for_finite
            } else {
                f32::NAN
            };
            for g in gradients.iter_mut() {
                *g *= scale;
            }
        }
        Clip::Value(value) if value > 0.0 => {
            for g in gradients.iter_mut() {
                *g = g.clamp(-value, value);
            }
        }
        Clip::Norm(_) | Clip::GlobalNorm(_) | Clip::Value(_) => {}
    }
}

/// What an optimiser remembers between steps: its slots (momentum, velocity, accumulators) and the
/// number of updates made.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimizerState {
    pub iterations: u64,
    /// SGD momentum, RMSprop velocity, Adam first moment, Adagrad accumulator.
    pub first: Vec<f32>,
    /// Adam second moment.
    pub second: Vec<f32>,
}

impl OptimizerState {
    pub fn new(settings: &OptimizerSettings, parameters: usize) -> OptimizerState {
        let first_init = match settings.kind {
            OptimizerKind::Adagrad => ADAGRAD_INITIAL_ACCUMULATOR,
            _ => 0.0,
        };
        let second_len = if matches!(settings.kind, OptimizerKind::Adam | OptimizerKind::Adamw) {
            parameters
        } else {
            0
        };
        OptimizerState {
            iterations: 0,
            first: vec![first_init; parameters],
            second: vec![0.0; second_len],
        }
    }
}

/// Applies one update to `parameters` from `gradients` (already clipped: `clip_gradients`) and
/// returns the learning rate used.
#[inline]
pub fn apply(
    settings: &OptimizerSettings,
    state: &mut OptimizerState,
    parameters: &mut [f32],
    gradients: &[f32],
) -> f32 {
    let lr = settings.learning_rate_at(state.iterations);
    let n = parameters.len();
    let (parameters, gradients) = (&mut parameters[..n], &gradients[..n]);
    if let Some(weight_decay) = settings.weight_decay {
        // `_apply_weight_decay`: variable − variable · wd · lr, for every variable (Keras excludes
        // none unless told to), before the update and with the update's learning rate.
        for p in parameters.iter_mut() {
            *p = *p - *p * weight_decay * lr;
        }
    }
    // One state value per parameter (zipped: a state of the wrong length cannot index past it).
    let first = &mut state.first;
    match settings.kind {
        OptimizerKind::Sgd | OptimizerKind::Momentum | OptimizerKind::Nesterov => {
            let nesterov = settings.kind == OptimizerKind::Nesterov;
            sgd(
                parameters,
                gradients,
                lr,
                settings.momentum,
                nesterov,
                first,
            );
        }
        OptimizerKind::Rmsprop => rmsprop(parameters, gradients, lr, first),
        OptimizerKind::Adam | OptimizerKind::Adamw => {
            let t = (state.iterations + 1) as f32;
            adam(parameters, gradients, lr, t, first, &mut state.second);
        }
        OptimizerKind::Adagrad => adagrad(parameters, gradients, lr, first),
    }
    state.iterations += 1;
    lr
}

/// SGD, with momentum or Nesterov momentum when `momentum` is above 0 (`velocity`: one per
/// parameter).
#[inline]
fn sgd(
    parameters: &mut [f32],
    gradients: &[f32],
    lr: f32,
    momentum: f32,
    nesterov: bool,
    velocity: &mut [f32],
) {
    if momentum == 0.0 {
        // variable.assign_sub(gradient * lr)
        for (p, &g) in parameters.iter_mut().zip(gradients) {
            *p -= g * lr;
        }
        return;
    }
    // m.assign(-gradient * lr + m * momentum); nesterov adds m * momentum - gradient * lr
    for ((p, &g), m) in parameters
        .iter_mut()
        .zip(gradients)
        .zip(velocity.iter_mut())
    {
        *m = -g * lr + *m * momentum;
        *p += if nesterov {
            -g * lr + *m * momentum
        } else {
            *m
        };
    }
}

/// RMSprop: velocity = rho·velocity + (1 − rho)·g²; variable −= lr·g / sqrt(velocity + epsilon).
#[inline]
fn rmsprop(parameters: &mut [f32], gradients: &[f32], lr: f32, velocity: &mut [f32]) {
    let rho = RMSPROP_RHO;
    for ((p, &g), v) in parameters
        .iter_mut()
        .zip(gradients)
        .zip(velocity.iter_mut())
    {
        *v = rho * *v + (1.0 - rho) * g * g;
        *p -= lr * g / (*v + EPSILON).sqrt();
    }
}

/// Adam at update `t` (from 1): alpha = lr·sqrt(1 − β2^t) / (1 − β1^t); m += (g − m)(1 − β1);
/// v += (g² − v)(1 − β2); variable −= m·alpha / (sqrt(v) + epsilon).
#[inline]
fn adam(
    parameters: &mut [f32],
    gradients: &[f32],
    lr: f32,
    t: f32,
    first: &mut [f32],
    second: &mut [f32],
) {
    let alpha = lr * (1.0 - libm::powf(ADAM_BETA_2, t)).sqrt() / (1.0 - libm::powf(ADAM_BETA_1, t));
    for (((p, &g), m), v) in parameters.iter_mut().zip(gradients).zip(first).zip(second) {
        *m += (g - *m) * (1.0 - ADAM_BETA_1);
        *v += (g * g - *v) * (1.0 - ADAM_BETA_2);
        *p -= (*m * alpha) / (v.sqrt() + EPSILON);
    }
}

/// Adagrad: accumulator += g²; variable −= lr·g / sqrt(accumulator + epsilon).
#[inline]
fn adagrad(parameters: &mut [f32], gradients: &[f32], lr: f32, accumulator: &mut [f32]) {
    for ((p, &g), a) in parameters
        .iter_mut()
        .zip(gradients)
        .zip(accumulator.iter_mut())
    {
        *a += g * g;
        *p -= lr * g / (*a + EPSILON).sqrt();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(kind: OptimizerKind, learning_rate: f32, momentum: f32) -> OptimizerSettings {
        OptimizerSettings {
            kind,
            learning_rate,
            momentum,
            decay: 0.0,
            schedule: LearningRateSchedule::Constant,
            clip: Clip::None,
            weight_decay: None,
        }
    }

    fn run(settings: OptimizerSettings, gradients: &[f32]) -> Vec<f32> {
        let mut state = OptimizerState::new(&settings, 1);
        let mut parameter = [1.0f32];
        gradients
            .iter()
            .map(|&g| {
                apply(&settings, &mut state, &mut parameter, &[g]);
                parameter[0]
            })
            .collect()
    }

    fn close(actual: &[f32], expected: &[f64]) {
        for (a, e) in actual.iter().zip(expected) {
            assert!(
                (f64::from(*a) - e).abs() < 1e-6 * e.abs().max(1.0),
                "{actual:?} vs {expected:?}"
            );
        }
    }

    #[test]
    fn sgd_matches_keras_first_steps() {
        close(
            &run(settings(OptimizerKind::Sgd, 0.01, 0.0), &[2.0, -1.0]),
            &[0.98, 0.99],
        );
    }

    #[test]
    fn momentum_matches_keras_first_steps() {
        // m1 = −0.02, p = 0.98; m2 = −0.01·1 + 0.9·(−0.02) = −0.028, p = 0.952
        close(
            &run(settings(OptimizerKind::Momentum, 0.01, 0.9), &[2.0, 1.0]),
            &[0.98, 0.952],
        );
    }

    #[test]
    fn nesterov_matches_keras_first_steps() {
        // m1 = −0.02, p = 1 − 0.02 + 0.9·(−0.02) = 0.962
        close(
            &run(settings(OptimizerKind::Nesterov, 0.01, 0.9), &[2.0]),
            &[0.962],
        );
    }

    #[test]
    fn adam_matches_keras_first_steps() {
        // Step 1: m = 0.2, v = 0.004, alpha = 0.001·sqrt(0.001)/0.1; step = m·alpha/(sqrt(v)+1e-7).
        let alpha1 = 0.001 * (1.0f64 - 0.999).sqrt() / (1.0 - 0.9);
        let step1 = 0.2 * alpha1 / (0.004f64.sqrt() + 1e-7);
        let (m2, v2): (f64, f64) = (0.2 + (2.0 - 0.2) * 0.1, 0.004 + (4.0 - 0.004) * 0.001);
        let alpha2 = 0.001 * (1.0f64 - 0.999f64.powi(2)).sqrt() / (1.0 - 0.9f64.powi(2));
        let step2 = m2 * alpha2 / (v2.sqrt() + 1e-7);
        close(
            &run(settings(OptimizerKind::Adam, 0.001, 0.0), &[2.0, 2.0]),
            &[1.0 - step1, 1.0 - step1 - step2],
        );
        // Adam's first step has size ≈ lr whatever the gradient: why a huge x cannot blow it up.
        assert!((step1 - 0.001).abs() < 1e-6);
    }

    #[test]
    fn rmsprop_matches_keras_first_steps() {
        let v1 = 0.1 * 4.0;
        let p1 = 1.0 - 0.001 * 2.0 / (v1 + 1e-7f64).sqrt();
        close(
            &run(settings(OptimizerKind::Rmsprop, 0.001, 0.0), &[2.0]),
            &[p1],
        );
    }

    #[test]
    fn adagrad_matches_keras_first_steps() {
        let a1 = 0.1 + 4.0;
        let p1 = 1.0 - 0.01 * 2.0 / (a1 + 1e-7f64).sqrt();
        close(
            &run(settings(OptimizerKind::Adagrad, 0.01, 0.0), &[2.0]),
            &[p1],
        );
    }

    #[test]
    fn legacy_decay_divides_by_one_plus_decay_times_iterations() {
        let decayed = OptimizerSettings {
            decay: 0.5,
            ..settings(OptimizerKind::Sgd, 0.01, 0.0)
        };
        assert_eq!(decayed.learning_rate_at(0), 0.01);
        assert!((decayed.learning_rate_at(2) - 0.005).abs() < 1e-9);
        close(&run(decayed, &[1.0, 1.0]), &[0.99, 0.99 - 0.01 / 1.5]);
    }

    fn from_query(query: &str) -> OptimizerSettings {
        OptimizerSettings::from_config(&Config::from_query_strict(query).unwrap())
    }

    fn close_to(actual: f32, expected: f64) {
        assert!(
            (f64::from(actual) - expected).abs() < 1e-6 * expected.abs().max(1e-3),
            "{actual} vs {expected}"
        );
    }

    #[test]
    fn clipnorm_scales_each_variable_on_its_own_then_sgd_steps() {
        // Two variables: [3, 4] has norm 5 > 1 and becomes [0.6, 0.8]; [0.5] is within the norm.
        let settings = OptimizerSettings {
            clip: Clip::Norm(1.0),
            ..settings(OptimizerKind::Sgd, 0.1, 0.0)
        };
        let mut gradients = [3.0f32, 4.0, 0.5];
        clip_gradients(settings.clip, &mut gradients, &[0..2, 2..3]);
        close(&gradients, &[0.6, 0.8, 0.5]);
        let mut parameters = [1.0f32; 3];
        let mut state = OptimizerState::new(&settings, 3);
        apply(&settings, &mut state, &mut parameters, &gradients);
        close(&parameters, &[1.0 - 0.06, 1.0 - 0.08, 1.0 - 0.05]);
    }

    #[test]
    fn global_clipnorm_scales_all_variables_together_and_clipvalue_each_element() {
        // Norm of [3] and [4] together is 5: both scaled by 1/5, keeping the direction.
        let mut gradients = [3.0f32, 4.0];
        clip_gradients(Clip::GlobalNorm(1.0), &mut gradients, &[0..1, 1..2]);
        close(&gradients, &[0.6, 0.8]);
        // Within the norm: unchanged.
        let mut small = [0.3f32, 0.4];
        clip_gradients(Clip::GlobalNorm(1.0), &mut small, &[0..1, 1..2]);
        close(&small, &[0.3, 0.4]);
        // A non-finite norm makes every gradient NaN, as Keras' `clip_by_global_norm` does.
        let mut infinite = [f32::INFINITY, 1.0];
        clip_gradients(Clip::GlobalNorm(1.0), &mut infinite, &[0..1, 1..2]);
        assert!(infinite.iter().all(|g| g.is_nan()));
        let mut values = [-5.0f32, 0.3, 2.0];
        clip_gradients(Clip::Value(1.0), &mut values, &[0..1, 1..3]);
        close(&values, &[-1.0, 0.3, 1.0]);
    }

    #[test]
    fn only_one_clip_is_used_and_the_config_keeps_clipnorm() {
        let (config, notices) = Config::from_query("clipnorm=1&global_clipnorm=2&clipvalue=3");
        assert_eq!(
            (config.clipnorm, config.global_clipnorm, config.clipvalue),
            (1.0, 0.0, 0.0)
        );
        let keys: Vec<&str> = notices.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(keys, ["global_clipnorm", "clipvalue"]);
        assert_eq!(
            OptimizerSettings::from_config(&config).clip,
            Clip::Norm(1.0)
        );
        assert_eq!(from_query("clipvalue=0.5").clip, Clip::Value(0.5));
        assert_eq!(from_query("global_clipnorm=2").clip, Clip::GlobalNorm(2.0));
        assert_eq!(from_query("").clip, Clip::None);
    }

    #[test]
    fn exponential_decay_matches_the_formula_with_and_without_staircase() {
        // lr · rate^(step / steps): 0.1 · 0.5^(step / 10).
        let smooth = from_query("lr=0.1&schedule=exponential&decay_steps=10&decay_rate=0.5");
        let stairs =
            from_query("lr=0.1&schedule=exponential&decay_steps=10&decay_rate=0.5&staircase=1");
        for step in [0u64, 5, 10, 15, 20, 37] {
            let p = step as f64 / 10.0;
            close_to(smooth.learning_rate_at(step), 0.1 * 0.5f64.powf(p));
            close_to(stairs.learning_rate_at(step), 0.1 * 0.5f64.powf(p.floor()));
        }
    }

    #[test]
    fn cosine_decay_matches_the_formula_and_stays_at_alpha_after_decay_steps() {
        // lr · ((1 − alpha) · ½(1 + cos(π · step / steps)) + alpha), step capped at decay_steps.
        let cosine = from_query("lr=0.1&schedule=cosine&decay_steps=100&cosine_alpha=0.1");
        for (step, expected) in [
            (0u64, 0.1),
            (50, 0.1 * (0.9 * 0.5 + 0.1)),
            (
                25,
                0.1 * (0.9 * 0.5 * (1.0 + (std::f64::consts::PI / 4.0).cos()) + 0.1),
            ),
            (100, 0.01),
            (1000, 0.01),
        ] {
            close_to(cosine.learning_rate_at(step), expected);
        }
    }

    #[test]
    fn cosine_warmup_climbs_linearly_from_lr_to_the_target_then_decays_from_it() {
        let warm = from_query(
            "lr=0.001&schedule=cosine&decay_steps=100&warmup_target=0.01&warmup_steps=10",
        );
        for (step, expected) in [
            (0u64, 0.001),
            (5, 0.001 + (0.01 - 0.001) * 0.5),
            (9, 0.001 + (0.01 - 0.001) * 0.9),
            (10, 0.01),
            (60, 0.01 * 0.5),
            (110, 0.0),
            (5000, 0.0),
        ] {
            let actual = warm.learning_rate_at(step);
            assert!(
                (f64::from(actual) - expected).abs() < 1e-8,
                "step {step}: {actual} vs {expected}"
            );
        }
        // Without a target, Keras ignores warmup_steps.
        let no_target = from_query("lr=0.001&schedule=cosine&decay_steps=100&warmup_steps=10");
        close_to(no_target.learning_rate_at(0), 0.001);
    }

    #[test]
    fn legacy_decay_divides_the_schedules_value() {
        let both =
            from_query("lr=0.1&schedule=exponential&decay_steps=10&decay_rate=0.5&decay=0.1");
        // 0.1 · 0.5^1 / (1 + 0.1 · 10)
        close_to(both.learning_rate_at(10), 0.05 / 2.0);
    }

    #[test]
    fn weight_decay_shrinks_the_weights_by_decay_times_lr_before_the_update() {
        // p = 2, g = 1, lr = 0.1, wd = 0.5: p − p·wd·lr = 1.9, then − lr·g = 1.8.
        let settings = OptimizerSettings {
            weight_decay: Some(0.5),
            ..settings(OptimizerKind::Sgd, 0.1, 0.0)
        };
        let mut state = OptimizerState::new(&settings, 1);
        let mut parameter = [2.0f32];
        apply(&settings, &mut state, &mut parameter, &[1.0]);
        close(&parameter, &[1.8]);
        // With a schedule the decay uses the update's learning rate: 0.1 · 0.5^(1/1) at step 1.
        let scheduled = OptimizerSettings {
            schedule: LearningRateSchedule::Exponential {
                decay_steps: 1.0,
                decay_rate: 0.5,
                staircase: false,
            },
            ..settings
        };
        let mut state = OptimizerState::new(&scheduled, 1);
        state.iterations = 1;
        let mut parameter = [2.0f32];
        apply(&scheduled, &mut state, &mut parameter, &[0.0]);
        close(&parameter, &[2.0 - 2.0 * 0.5 * 0.05]);
    }

    #[test]
    fn adamw_is_adam_after_decaying_by_keras_default_0_004() {
        let adamw = from_query("opt=adamw&lr=0.001");
        assert_eq!(adamw.weight_decay, Some(0.004));
        assert_eq!(from_query("opt=adam&lr=0.001").weight_decay, None);
        assert_eq!(
            from_query("opt=adamw&weight_decay=0.1").weight_decay,
            Some(0.1)
        );
        // p = 1, g = 2: 1 − 1·0.004·0.001, then Adam's first step m·alpha / (sqrt(v) + 1e-7).
        let decayed = 1.0 - 0.004 * 0.001;
        let alpha = 0.001 * (1.0f64 - 0.999).sqrt() / (1.0 - 0.9);
        let step = 0.2 * alpha / (0.004f64.sqrt() + 1e-7);
        close(&run(adamw, &[2.0]), &[decayed - step]);
    }

    #[test]
    fn scaling_the_learning_rate_scales_a_warm_ups_target_too() {
        let warm = from_query(
            "lr=0.001&schedule=cosine&decay_steps=100&warmup_target=0.01&warmup_steps=10",
        );
        let tenth = warm.with_learning_rate_scaled(0.1);
        for (step, expected) in [(0u64, 0.0001), (5, 0.00055), (10, 0.001), (60, 0.0005)] {
            close_to(tenth.learning_rate_at(step), expected);
        }
        assert_eq!(
            from_query("lr=0.5")
                .with_learning_rate_scaled(0.1)
                .learning_rate,
            0.5f32 * 0.1
        );
    }
}
