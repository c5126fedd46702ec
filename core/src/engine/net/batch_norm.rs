//! Keras 3's `BatchNormalization` between each hidden `Dense` layer and its activation (`bn=1`).
//!
//! In training a batch's own statistics normalise each hidden unit's pre-activation z = W·x + b:
//! mean μ = Σz/B, biased variance σ² = Σ(z − μ)²/B, y = γ·(z − μ)/√(σ² + ε) + β, then the activation.
//! The samples of a batch depend on each other, so this is a plain pass over the whole batch, layer by
//! layer (the fast one-sample kernels keep their paths for `bn=0`). After each update the moving
//! statistics move towards the batch's: moving · 0.99 + batch · (1 − 0.99).
//!
//! In inference (validation, test, the fit line, the diagnosis) the moving statistics make the
//! normalisation an affine map of z, which `fold` merges into the Dense layer's kernel and bias: the
//! rest of the engine then sees a plain network whose "pre-activation" is the activation's input,
//! after normalisation (so a unit dead after normalisation counts dead).
//!
//! Only + − × ÷ and √ (exact in IEEE 754) and sums in a fixed order: the same bits natively and in
//! wasm.

use super::kernels::dot;
use super::{HiddenActivation, Shape};

/// Keras' default `momentum` of the moving statistics.
pub const MOMENTUM: f32 = 0.99;
/// Keras' default `epsilon`, added to the variance.
pub const EPSILON: f32 = 1e-3;

/// Per-batch buffers of the training pass, grown to the batch's size once and kept.
#[derive(Clone, Debug, Default)]
pub struct BatchBuffers {
    /// Per sample (sample-major, `hidden_units` each): the Dense output z of every hidden unit.
    z: Vec<f32>,
    /// The normalised value (z − μ)/√(σ² + ε).
    normalized: Vec<f32>,
    /// The activation's input y = γ·normalized + β.
    y: Vec<f32>,
    /// The activation's value.
    value: Vec<f32>,
    /// dL/d(value) of a layer, then dL/dy, dL/dz, per sample.
    gradient: Vec<f32>,
    /// dL/d(value) passed to the layer below, per sample.
    gradient_below: Vec<f32>,
    /// The batch's mean and biased variance of every hidden unit (what the moving statistics take).
    pub mean: Vec<f32>,
    pub variance: Vec<f32>,
    /// dL/do of every sample.
    delta: Vec<f32>,
}

/// Output pre-activation of each sample of a batch in training mode, and the gradient of the loss:
/// `delta_of(sample, o)` gives the prediction's dL/do for the sample's output pre-activation `o`
/// (0 passes nothing back). Adds into `gradients` (the parameters' layout; γ and β included).
#[allow(clippy::too_many_arguments)]
pub fn train_batch<A: HiddenActivation>(
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    xs: &[f32],
    buffers: &mut BatchBuffers,
    gradients: &mut [f32],
    mut delta_of: impl FnMut(usize, f32) -> f32,
) {
    let batch = xs.len();
    if batch == 0 || !shape.batch_norm() {
        return;
    }
    let hidden = shape.hidden_units();
    let depth = shape.depth();
    for buffer in [
        &mut buffers.z,
        &mut buffers.normalized,
        &mut buffers.y,
        &mut buffers.value,
        &mut buffers.gradient,
        &mut buffers.gradient_below,
    ] {
        buffer.clear();
        buffer.resize(batch * hidden, 0.0);
    }
    buffers.mean.clear();
    buffers.mean.resize(hidden, 0.0);
    buffers.variance.clear();
    buffers.variance.resize(hidden, 0.0);
    let count = batch as f32;
    let (gammas, betas) = (&parameters[shape.gammas()], &parameters[shape.betas()]);
    // Forward, layer by layer over the whole batch.
    for layer in 0..depth {
        let slots = shape.layer(layer);
        let units = shape.units(layer);
        let kernel = &parameters[slots.kernel.clone()];
        let bias = &parameters[slots.bias.clone()];
        for sample in 0..batch {
            let row = sample * hidden;
            for (j, unit) in units.clone().enumerate() {
                let mut z = 0.0f32;
                if layer == 0 {
                    z = kernel[j] * xs[sample];
                } else {
                    let below = shape.units(layer - 1);
                    for (i, b) in below.enumerate() {
                        z += buffers.value[row + b] * kernel[i * slots.units + j];
                    }
                }
                buffers.z[row + unit] = z + bias[j];
            }
        }
        for unit in units.clone() {
            let mut sum = 0.0f32;
            for sample in 0..batch {
                sum += buffers.z[sample * hidden + unit];
            }
            let mean = sum / count;
            let mut squares = 0.0f32;
            for sample in 0..batch {
                let d = buffers.z[sample * hidden + unit] - mean;
                squares += d * d;
            }
            let variance = squares / count;
            let deviation = (variance + EPSILON).sqrt();
            buffers.mean[unit] = mean;
            buffers.variance[unit] = variance;
            for sample in 0..batch {
                let k = sample * hidden + unit;
                let normalized = (buffers.z[k] - mean) / deviation;
                let y = gammas[unit] * normalized + betas[unit];
                buffers.normalized[k] = normalized;
                buffers.y[k] = y;
                buffers.value[k] = A::value(y, slopes[unit]);
            }
        }
    }
    // The output unit, and dL/do of each sample.
    let output = shape.output();
    let v = &parameters[output.kernel.clone()];
    let last = shape.units(depth - 1);
    buffers.delta.clear();
    for sample in 0..batch {
        let row = sample * hidden;
        let o = dot(v, &buffers.value[row + last.start..row + last.end]) + parameters[output.bias.start];
        buffers.delta.push(delta_of(sample, o));
    }
    // Backward: the output layer.
    for sample in 0..batch {
        let delta = buffers.delta[sample];
        let row = sample * hidden;
        gradients[output.bias.start] += delta;
        for (j, unit) in last.clone().enumerate() {
            gradients[output.kernel.start + j] += delta * buffers.value[row + unit];
            buffers.gradient[row + unit] = delta * v[j];
        }
    }
    let (gamma_slots, beta_slots, slope_slots) = (shape.gammas(), shape.betas(), shape.slopes());
    for layer in (0..depth).rev() {
        let slots = shape.layer(layer);
        let units = shape.units(layer);
        // Through the activation: dL/dy (and PReLU's slope).
        for sample in 0..batch {
            for unit in units.clone() {
                let k = sample * hidden + unit;
                let (y, a, s) = (buffers.y[k], buffers.value[k], slopes[unit]);
                let da = buffers.gradient[k];
                if A::LEARNED_SLOPE {
                    gradients[slope_slots.start + unit] += da * A::slope_gradient(y);
                }
                buffers.gradient[k] = da * A::derivative(y, a, s);
            }
        }
        // Through the normalisation: γ, β, and dL/dz.
        for unit in units.clone() {
            let (mut dgamma, mut dbeta) = (0.0f32, 0.0f32);
            for sample in 0..batch {
                let k = sample * hidden + unit;
                dgamma += buffers.gradient[k] * buffers.normalized[k];
                dbeta += buffers.gradient[k];
            }
            gradients[gamma_slots.start + unit] += dgamma;
            gradients[beta_slots.start + unit] += dbeta;
            // dx̂ = γ·dy; dz = (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) / √(σ² + ε), with
            // mean(dx̂) = γ·dβ/B and mean(dx̂·x̂) = γ·dγ/B.
            let gamma = gammas[unit];
            let deviation = (buffers.variance[unit] + EPSILON).sqrt();
            let (mean_d, mean_dx) = (gamma * dbeta / count, gamma * dgamma / count);
            for sample in 0..batch {
                let k = sample * hidden + unit;
                let dx = gamma * buffers.gradient[k];
                buffers.gradient[k] = (dx - mean_d - buffers.normalized[k] * mean_dx) / deviation;
            }
        }
        // Through the Dense layer: its kernel and bias, and dL/d(value) below.
        for sample in 0..batch {
            let row = sample * hidden;
            for (j, unit) in units.clone().enumerate() {
                let dz = buffers.gradient[row + unit];
                gradients[slots.bias.start + j] += dz;
                if layer == 0 {
                    gradients[slots.kernel.start + j] += dz * xs[sample];
                } else {
                    for (i, b) in shape.units(layer - 1).enumerate() {
                        gradients[slots.kernel.start + i * slots.units + j] +=
                            buffers.value[row + b] * dz;
                    }
                }
            }
        }
        if layer > 0 {
            let kernel = &parameters[slots.kernel.clone()];
            let below = shape.units(layer - 1);
            for sample in 0..batch {
                let row = sample * hidden;
                for (i, b) in below.clone().enumerate() {
                    let mut sum = 0.0f32;
                    for (j, unit) in units.clone().enumerate() {
                        sum += kernel[i * slots.units + j] * buffers.gradient[row + unit];
                    }
                    buffers.gradient_below[row + b] = sum;
                }
            }
            for sample in 0..batch {
                let row = sample * hidden;
                for b in below.clone() {
                    buffers.gradient[row + b] = buffers.gradient_below[row + b];
                }
            }
        }
    }
}

/// Moves the moving statistics towards the batch's (Keras: `moving * momentum + batch * (1 −
/// momentum)`), after an update.
pub fn update_moving(shape: &Shape, parameters: &mut [f32], buffers: &BatchBuffers) {
    if !shape.batch_norm() || buffers.mean.len() != shape.hidden_units() {
        return;
    }
    let rest = 1.0 - MOMENTUM;
    let (means, variances) = (shape.moving_means(), shape.moving_variances());
    for (moving, &batch) in parameters[means].iter_mut().zip(&buffers.mean) {
        *moving = *moving * MOMENTUM + batch * rest;
    }
    for (moving, &batch) in parameters[variances].iter_mut().zip(&buffers.variance) {
        *moving = *moving * MOMENTUM + batch * rest;
    }
}

/// The network in inference mode as a plain one: the same vector with every hidden Dense layer's
/// kernel column and bias carrying its unit's normalisation with the moving statistics,
/// w·γ/√(m_var + ε) and (b − m_mean)·γ/√(m_var + ε) + β. Without batch normalization, a copy.
pub fn fold(shape: &Shape, parameters: &[f32], folded: &mut Vec<f32>) {
    folded.clear();
    folded.extend_from_slice(parameters);
    if !shape.batch_norm() {
        return;
    }
    for layer in 0..shape.depth() {
        let slots = shape.layer(layer);
        for (j, unit) in shape.units(layer).enumerate() {
            let gamma = parameters[shape.gammas().start + unit];
            let beta = parameters[shape.betas().start + unit];
            let mean = parameters[shape.moving_means().start + unit];
            let variance = parameters[shape.moving_variances().start + unit];
            let scale = gamma / (variance + EPSILON).sqrt();
            for i in 0..slots.inputs {
                folded[slots.kernel.start + i * slots.units + j] *= scale;
            }
            let bias = slots.bias.start + j;
            folded[bias] = (parameters[bias] - mean) * scale + beta;
        }
    }
}
