//! Optimisers: settings, explicit state, and a pure `apply` that updates a flat parameter vector.
//!
//! Update rules follow Keras 3's sources (`keras/src/optimizers/{sgd,rmsprop,adam,adagrad}.py`, read for
//! Keras 3.x) and its defaults, computed in float32 as Keras does. The legacy `decay` argument of the
//! thread's `SGD(lr=0.01, decay=1e-6)` follows Keras 2's `optimizer_v2`:
//! `lr_t = lr / (1 + decay · iterations)`, iterations counted in batches from 0.

use super::config::{Config, OptimizerKind};

/// The settings of an optimiser, each with its Keras 3 default noted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OptimizerSettings {
    pub kind: OptimizerKind,
    /// SGD 0.01; RMSprop, Adam, Adagrad 0.001.
    pub learning_rate: f32,
    /// `SGD(momentum=…)`: Keras default 0 (plain SGD); relu-lab's `momentum` optimiser uses 0.9.
    pub momentum: f32,
    /// Legacy decay, 0 by default.
    pub decay: f32,
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
        OptimizerSettings {
            kind: config.optimizer,
            learning_rate: config.learning_rate as f32,
            momentum: if config.optimizer.uses_momentum() {
                config.momentum as f32
            } else {
                0.0
            },
            decay: config.decay as f32,
        }
    }

    /// The learning rate of the update numbered `iterations` (from 0).
    pub fn learning_rate_at(&self, iterations: u64) -> f32 {
        if self.decay > 0.0 {
            self.learning_rate / (1.0 + self.decay * iterations as f32)
        } else {
            self.learning_rate
        }
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
        let second_len = if settings.kind == OptimizerKind::Adam {
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

/// Applies one update to `parameters` from `gradients` and returns the learning rate used.
pub fn apply(
    settings: &OptimizerSettings,
    state: &mut OptimizerState,
    parameters: &mut [f32],
    gradients: &[f32],
) -> f32 {
    let lr = settings.learning_rate_at(state.iterations);
    let n = parameters.len();
    let (parameters, gradients) = (&mut parameters[..n], &gradients[..n]);
    match settings.kind {
        OptimizerKind::Sgd | OptimizerKind::Momentum | OptimizerKind::Nesterov => {
            let momentum = settings.momentum;
            if momentum == 0.0 {
                // variable.assign_sub(gradient * lr)
                for (p, &g) in parameters.iter_mut().zip(gradients) {
                    *p -= g * lr;
                }
            } else {
                // m.assign(-gradient * lr + m * momentum); nesterov adds m * momentum - gradient * lr
                let velocity = &mut state.first[..n];
                let nesterov = settings.kind == OptimizerKind::Nesterov;
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
        }
        OptimizerKind::Rmsprop => {
            // velocity = rho·velocity + (1 − rho)·g²; variable −= lr·g / sqrt(velocity + epsilon)
            let rho = RMSPROP_RHO;
            for ((p, &g), v) in parameters
                .iter_mut()
                .zip(gradients)
                .zip(state.first[..n].iter_mut())
            {
                *v = rho * *v + (1.0 - rho) * g * g;
                *p -= lr * g / (*v + EPSILON).sqrt();
            }
        }
        OptimizerKind::Adam => {
            // alpha = lr·sqrt(1 − β2^t) / (1 − β1^t); m += (g − m)(1 − β1); v += (g² − v)(1 − β2);
            // variable −= m·alpha / (sqrt(v) + epsilon)
            let t = (state.iterations + 1) as f32;
            let alpha =
                lr * (1.0 - libm::powf(ADAM_BETA_2, t)).sqrt() / (1.0 - libm::powf(ADAM_BETA_1, t));
            let (first, second) = (&mut state.first[..n], &mut state.second[..n]);
            for (((p, &g), m), v) in parameters.iter_mut().zip(gradients).zip(first).zip(second) {
                *m += (g - *m) * (1.0 - ADAM_BETA_1);
                *v += (g * g - *v) * (1.0 - ADAM_BETA_2);
                *p -= (*m * alpha) / (v.sqrt() + EPSILON);
            }
        }
        OptimizerKind::Adagrad => {
            // accumulator += g²; variable −= lr·g / sqrt(accumulator + epsilon)
            for ((p, &g), a) in parameters
                .iter_mut()
                .zip(gradients)
                .zip(state.first[..n].iter_mut())
            {
                *a += g * g;
                *p -= lr * g / (*a + EPSILON).sqrt();
            }
        }
    }
    state.iterations += 1;
    lr
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
}
