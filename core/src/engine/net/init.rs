//! Initial parameters, as Keras' Dense layers make them, or by RAI.
//!
//! Keras 3 (`keras/src/initializers/random_initializers.py`, `VarianceScaling`): a Dense kernel of
//! shape `(inputs, units)` has fan_in = inputs and fan_out = units;
//! - `glorot_uniform` U(±√(6/(fan_in + fan_out))), `he_uniform` U(±√(6/fan_in)),
//!   `lecun_uniform` U(±√(3/fan_in));
//! - `glorot_normal` σ = √(2/(fan_in + fan_out)), `he_normal` σ = √(2/fan_in), `lecun_normal`
//!   σ = √(1/fan_in), each a normal truncated at ±2σ whose σ is first divided by 0.8796…, the
//!   standard deviation of a unit normal truncated at ±2, so the draws have the variance asked for.
//!
//! Hidden biases start at the `bias` setting (Keras: zeros), the output bias at 0; PReLU's slopes
//! start at 0 (Keras' `PReLU(alpha_initializer="zeros")`).
//!
//! RAI, the randomized asymmetric initialisation of Lu, Shin, Su and Karniadakis, "Dying ReLU and
//! Initialization: Theory and Numerical Examples" (arXiv:1903.06733, Commun. Comput. Phys. 28, 2020),
//! draws each unit's weights *and bias* together: for a layer with n inputs, every entry of the row
//! [w_1 … w_n, b] is N(0, σ²) with σ = 0.6007/√n, then one entry of the row, chosen uniformly among
//! the n + 1, is replaced by a draw from Beta(2, 1) (density 2t on [0, 1]), so every unit has one
//! positive weight or bias and a layer cannot start dead on all inputs as easily. (σ = 0.6007/√n as
//! in the authors' reference code; with RAI the `bias` setting is not used.)

use super::Shape;
use crate::engine::config::{Config, Init};
use crate::engine::random::{Random, Stream};

/// Keras' `truncated_normal` correction: the std of a unit normal truncated at ±2.
pub const TRUNCATED_NORMAL_STD: f64 = 0.879_625_661_034_239_8;

/// RAI's scale of the symmetric part: σ = `RAI_SIGMA` / √fan_in.
pub const RAI_SIGMA: f64 = 0.6007;

/// One kernel weight drawn by a Keras initialiser for a layer of `fan_in` inputs and `fan_out` units.
pub fn keras_draw(init: Init, random: &mut Random, fan_in: f64, fan_out: f64) -> f64 {
    let uniform = |random: &mut Random, limit: f64| (2.0 * random.uniform() - 1.0) * limit;
    let normal =
        |random: &mut Random, std: f64| random.truncated_normal() * std / TRUNCATED_NORMAL_STD;
    match init {
        Init::GlorotUniform => uniform(random, (6.0 / (fan_in + fan_out)).sqrt()),
        Init::HeUniform => uniform(random, (6.0 / fan_in).sqrt()),
        Init::LecunUniform => uniform(random, (3.0 / fan_in).sqrt()),
        Init::GlorotNormal => normal(random, (2.0 / (fan_in + fan_out)).sqrt()),
        Init::HeNormal => normal(random, (2.0 / fan_in).sqrt()),
        Init::LecunNormal | Init::Rai => normal(random, (1.0 / fan_in).sqrt()),
    }
}

/// Initial parameters of the network `config` describes, in `shape`'s layout.
pub fn initial_parameters(config: &Config, shape: &Shape) -> Vec<f32> {
    let mut random = Random::new(config.seed, Stream::Init);
    let mut parameters = vec![0.0f32; shape.parameter_count()];
    let depth = shape.depth();
    for layer in 0..=depth {
        let slots = shape.layer(layer).clone();
        let (fan_in, fan_out) = (slots.inputs as f64, slots.units as f64);
        if config.init == Init::Rai {
            rai_layer(
                &mut random,
                slots.inputs,
                slots.units,
                &mut parameters[slots.kernel.start..slots.bias.end],
            );
            continue;
        }
        for weight in &mut parameters[slots.kernel.clone()] {
            *weight = keras_draw(config.init, &mut random, fan_in, fan_out) as f32;
        }
        let bias = if layer < depth {
            config.hidden_bias
        } else {
            0.0
        };
        parameters[slots.bias].fill(bias as f32);
    }
    // Keras' BatchNormalization starts at γ = 1, β = 0, moving mean 0 and moving variance 1 (no
    // random draw, so the other parameters are the same with and without it).
    parameters[shape.gammas()].fill(1.0);
    parameters[shape.moving_variances()].fill(1.0);
    parameters
}

/// One layer by RAI into `kernel_and_bias` (`inputs × units` kernel, row-major, then `units` biases).
fn rai_layer(random: &mut Random, inputs: usize, units: usize, kernel_and_bias: &mut [f32]) {
    let sigma = RAI_SIGMA / (inputs as f64).sqrt();
    let (kernel, bias) = kernel_and_bias.split_at_mut(inputs * units);
    for unit in 0..units {
        // The unit's row [w_1 … w_n, b].
        let mut row: Vec<f64> = (0..=inputs).map(|_| random.normal() * sigma).collect();
        let chosen = random.below(inputs + 1);
        // Beta(2, 1) by inversion: its CDF is t², so t = √u.
        row[chosen] = random.uniform().sqrt();
        for (input, &value) in row[..inputs].iter().enumerate() {
            kernel[input * units + unit] = value as f32;
        }
        bias[unit] = row[inputs] as f32;
    }
}
