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
//!
//! Files: this one (the constants, the buffers, a batch's training pass in order, the moving
//! statistics and `fold`), `forward` (a batch forward, layer by layer, to the output's deltas),
//! `backward` (the batch back through the normalisation to every gradient), and for the tests
//! `oracle` (the same network in plain f64 from the formulas) and `tests`.

mod backward;
mod forward;
#[cfg(test)]
pub(crate) mod oracle;
#[cfg(test)]
mod tests;

use super::{HiddenActivation, Shape};
use backward::{backward_deeper_layer, backward_first_layer, backward_through_activation};
use forward::{forward_deeper_layer, forward_first_layer, output_deltas};

/// Keras' default `momentum` of the moving statistics.
pub const MOMENTUM: f32 = 0.99;
/// Keras' default `epsilon`, added to the variance.
pub const EPSILON: f32 = 1e-3;

/// Per-batch buffers of the training pass, grown to the batch's size once and kept. The per-sample
/// ones hold each hidden layer's block in turn, sample after sample inside it (`batch × units`), so
/// every loop runs over one sample's units: contiguous, elementwise, vectorised.
#[derive(Clone, Debug, Default)]
pub struct BatchBuffers {
    /// The Dense output z, then (in place) the normalised value (z − μ)/√(σ² + ε).
    normalized: Vec<f32>,
    /// The activation's input y = γ·normalized + β.
    y: Vec<f32>,
    /// The activation's value.
    value: Vec<f32>,
    /// dL/d(value), then (in place) dL/dy, then dL/dz.
    gradient: Vec<f32>,
    /// The batch's mean and biased variance of every hidden unit (what the moving statistics take).
    pub mean: Vec<f32>,
    pub variance: Vec<f32>,
    /// 1/√(σ² + ε) of every hidden unit.
    inverse: Vec<f32>,
    /// Σ dL/dy·x̂ and Σ dL/dy of every hidden unit (γ's and β's gradients).
    dgamma: Vec<f32>,
    dbeta: Vec<f32>,
    /// Σ dL/dy·x of every first-layer unit (its kernel's gradient without a pass over the batch).
    dyx: Vec<f32>,
    /// dL/do of every sample.
    delta: Vec<f32>,
}

/// Output pre-activation of each sample of a batch in training mode, and the gradient of the loss:
/// `delta_of(sample, o)` gives the prediction's dL/do for the sample's output pre-activation `o`
/// (0 passes nothing back). Adds into `gradients` (the parameters' layout; γ and β included).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub fn train_batch<A: HiddenActivation>(
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    xs: &[f32],
    buffers: &mut BatchBuffers,
    gradients: &mut [f32],
    delta_of: impl FnMut(usize, f32) -> f32,
) {
    let batch = xs.len();
    if batch == 0 || !shape.batch_norm() {
        return;
    }
    buffers.fit(batch, shape.hidden_units());
    // Forward, layer by layer over the whole batch.
    forward_first_layer::<A>(shape, parameters, slopes, xs, buffers);
    for layer in 1..shape.depth() {
        forward_deeper_layer::<A>(shape, parameters, slopes, layer, batch, buffers);
    }
    output_deltas(shape, parameters, batch, buffers, gradients, delta_of);
    // Backward, from the last hidden layer down.
    for layer in (0..shape.depth()).rev() {
        backward_through_activation::<A>(shape, parameters, slopes, layer, xs, buffers, gradients);
        if layer == 0 {
            backward_first_layer(shape, parameters, xs, buffers, gradients);
        } else {
            backward_deeper_layer(shape, parameters, layer, batch, buffers, gradients);
        }
    }
}

impl BatchBuffers {
    /// Sizes the buffers for a batch of `batch` samples and `hidden` hidden units; zeroes the sums.
    fn fit(&mut self, batch: usize, hidden: usize) {
        // Every element of these is written before it is read: no need to clear them.
        for buffer in [
            &mut self.normalized,
            &mut self.y,
            &mut self.value,
            &mut self.gradient,
        ] {
            buffer.resize(batch * hidden, 0.0);
        }
        for buffer in [
            &mut self.mean,
            &mut self.variance,
            &mut self.inverse,
            &mut self.dgamma,
            &mut self.dbeta,
            &mut self.dyx,
        ] {
            buffer.clear();
            buffer.resize(hidden, 0.0);
        }
    }
}

/// One hidden layer's parameters, as the training pass reads them.
pub(super) struct Layer<'a> {
    /// Where its units are in a per-unit buffer, and how many.
    units: std::ops::Range<usize>,
    n: usize,
    /// Units of the layer below (1 for the first: x).
    inputs: usize,
    kernel: &'a [f32],
    bias: &'a [f32],
    gamma: &'a [f32],
    beta: &'a [f32],
    /// Each unit's slope below 0.
    slopes: &'a [f32],
}

impl<'a> Layer<'a> {
    #[inline(always)]
    fn of(shape: &Shape, parameters: &'a [f32], slopes: &'a [f32], layer: usize) -> Layer<'a> {
        let slots = shape.layer(layer);
        let units = shape.units(layer);
        Layer {
            n: slots.units,
            inputs: slots.inputs,
            kernel: &parameters[slots.kernel.clone()],
            bias: &parameters[slots.bias.clone()],
            gamma: &parameters[shape.gammas()][units.clone()],
            beta: &parameters[shape.betas()][units.clone()],
            slopes: &slopes[units.clone()],
            units,
        }
    }
}

/// Where the units `units` of every sample of a batch of `batch` are in a per-sample buffer.
#[inline(always)]
fn block(batch: usize, units: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    batch * units.start..batch * units.end
}

/// Moves the moving statistics towards the batch's (Keras: `moving * momentum + batch * (1 −
/// momentum)`), after an update.
#[inline]
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
