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

use super::kernels::{self, dense};
use super::{HiddenActivation, Shape};

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
struct Layer<'a> {
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

/// The first hidden layer forward: z = w·x + b, so μ = w·mean(x) + b, σ² = w²·var(x) and
/// (z − μ) = w·(x − mean(x)): the statistics come from the batch's inputs, and b cancels exactly.
#[inline(always)]
fn forward_first_layer<A: HiddenActivation>(
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    xs: &[f32],
    buffers: &mut BatchBuffers,
) {
    let batch = xs.len();
    let count = batch as f32;
    let Layer {
        units,
        n,
        kernel,
        bias,
        gamma,
        beta,
        slopes: s,
        ..
    } = Layer::of(shape, parameters, slopes, 0);
    let x_mean = xs.iter().fold(0.0f32, |sum, &x| sum + x) / count;
    let x_variance = xs.iter().fold(0.0f32, |sum, &x| {
        let d = x - x_mean;
        sum + d * d
    }) / count;
    let mean = &mut buffers.mean[units.clone()];
    let variance = &mut buffers.variance[units.clone()];
    let inverse = &mut buffers.inverse[units.clone()];
    for ((((m, v), inv), &w), &b) in mean
        .iter_mut()
        .zip(variance.iter_mut())
        .zip(inverse.iter_mut())
        .zip(kernel)
        .zip(bias)
    {
        *m = w * x_mean + b;
        *v = w * w * x_variance;
        *inv = 1.0 / (*v + EPSILON).sqrt();
    }
    let z_block = &mut buffers.normalized[block(batch, &units)];
    let y_block = &mut buffers.y[block(batch, &units)];
    let value_block = &mut buffers.value[block(batch, &units)];
    for (((nz, y), a), &x) in z_block
        .chunks_exact_mut(n)
        .zip(y_block.chunks_exact_mut(n))
        .zip(value_block.chunks_exact_mut(n))
        .zip(xs)
    {
        let centred = x - x_mean;
        let per_unit = kernel
            .iter()
            .zip(inverse.iter())
            .zip(gamma.iter().zip(beta));
        for (((nz, y), a), (((&w, &inv), (&g, &b)), &s)) in nz
            .iter_mut()
            .zip(y.iter_mut())
            .zip(a.iter_mut())
            .zip(per_unit.zip(s))
        {
            let normal = w * centred * inv;
            *nz = normal;
            *y = g * normal + b;
            *a = A::value(*y, s);
        }
    }
}

/// A deeper hidden layer forward: z of every sample from the values below, the batch's statistics
/// of z, then the normalised value, γ·it + β and the activation.
#[inline(always)]
fn forward_deeper_layer<A: HiddenActivation>(
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    layer: usize,
    batch: usize,
    buffers: &mut BatchBuffers,
) {
    let count = batch as f32;
    let Layer {
        units,
        n,
        inputs,
        kernel,
        bias,
        gamma,
        beta,
        slopes: s,
    } = Layer::of(shape, parameters, slopes, layer);
    let (done, rest) = buffers.value.split_at_mut(batch * units.start);
    let z_block = &mut buffers.normalized[block(batch, &units)];
    let mean = &mut buffers.mean[units.clone()];
    for (sample, z) in z_block.chunks_exact_mut(n).enumerate() {
        let below = &done[batch * shape.units(layer - 1).start..];
        dense(kernel, bias, &below[sample * inputs..][..inputs], z);
        for (sum, &z) in mean.iter_mut().zip(z.iter()) {
            *sum += z;
        }
    }
    for sum in mean.iter_mut() {
        *sum /= count;
    }
    let variance = &mut buffers.variance[units.clone()];
    for z in z_block.chunks_exact(n) {
        for ((squares, &z), &m) in variance.iter_mut().zip(z).zip(mean.iter()) {
            let d = z - m;
            *squares += d * d;
        }
    }
    let inverse = &mut buffers.inverse[units.clone()];
    for (inverse, squares) in inverse.iter_mut().zip(variance.iter_mut()) {
        *squares /= count;
        *inverse = 1.0 / (*squares + EPSILON).sqrt();
    }
    let y_block = &mut buffers.y[block(batch, &units)];
    let value_block = &mut rest[..batch * n];
    for ((z, y), a) in z_block
        .chunks_exact_mut(n)
        .zip(y_block.chunks_exact_mut(n))
        .zip(value_block.chunks_exact_mut(n))
    {
        let per_unit = mean.iter().zip(inverse.iter()).zip(gamma.iter().zip(beta));
        for (((z, y), a), (((&m, &inv), (&g, &b)), &s)) in z
            .iter_mut()
            .zip(y.iter_mut())
            .zip(a.iter_mut())
            .zip(per_unit.zip(s))
        {
            let normal = (*z - m) * inv;
            *z = normal;
            *y = g * normal + b;
            *a = A::value(*y, s);
        }
    }
}

/// The output unit: dL/do of each sample (`delta_of`), and the output bias' gradient (its kernel's
/// comes with the last hidden layer's).
#[inline(always)]
fn output_deltas(
    shape: &Shape,
    parameters: &[f32],
    batch: usize,
    buffers: &mut BatchBuffers,
    gradients: &mut [f32],
    mut delta_of: impl FnMut(usize, f32) -> f32,
) {
    let output = shape.output();
    let last = shape.units(shape.depth() - 1);
    let n_last = last.len();
    let v = &parameters[output.kernel.clone()][..n_last];
    let deltas = &mut buffers.delta;
    deltas.clear();
    for (sample, a) in buffers.value[block(batch, &last)]
        .chunks_exact(n_last)
        .enumerate()
    {
        let o = kernels::dot(v, a) + parameters[output.bias.start];
        deltas.push(delta_of(sample, o));
    }
    for &delta in deltas.iter() {
        gradients[output.bias.start] += delta;
    }
}

/// Back through layer `layer`'s activation: dL/dy (and PReLU's slope), with γ's and β's sums, then
/// γ's and β's gradients and the means dz needs (`dgamma`, `dbeta` become mean(dx̂·x̂) and
/// mean(dx̂)). For the last hidden layer dL/d(value) = δ·v is made here, with the output kernel's
/// gradient δ·a; for the first, Σ dL/dy·x.
#[inline(always)]
fn backward_through_activation<A: HiddenActivation>(
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    layer: usize,
    xs: &[f32],
    buffers: &mut BatchBuffers,
    gradients: &mut [f32],
) {
    let batch = xs.len();
    let count = batch as f32;
    let output = shape.output();
    let v = &parameters[output.kernel.clone()];
    let slots = shape.layer(layer);
    let units = shape.units(layer);
    let n = slots.units;
    let gamma = &parameters[shape.gammas()][units.clone()];
    let s = &slopes[units.clone()];
    let g_block = &mut buffers.gradient[block(batch, &units)];
    let (nz_block, y_block, a_block) = (
        &buffers.normalized[block(batch, &units)],
        &buffers.y[block(batch, &units)],
        &buffers.value[block(batch, &units)],
    );
    let dgamma = &mut buffers.dgamma[units.clone()];
    let dbeta = &mut buffers.dbeta[units.clone()];
    let top = layer + 1 == shape.depth();
    for (sample, ((((g, nz), y), a), &delta)) in g_block
        .chunks_exact_mut(n)
        .zip(nz_block.chunks_exact(n))
        .zip(y_block.chunks_exact(n))
        .zip(a_block.chunks_exact(n))
        .zip(buffers.delta.iter())
        .enumerate()
    {
        if top {
            let gv = &mut gradients[output.kernel.clone()];
            for (((g, gv), &a), &v) in g.iter_mut().zip(gv.iter_mut()).zip(a).zip(v) {
                *gv += delta * a;
                *g = delta * v;
            }
        }
        if A::LEARNED_SLOPE {
            let gs = &mut gradients[shape.slopes()][units.clone()];
            for ((gs, &g), &y) in gs.iter_mut().zip(g.iter()).zip(y) {
                *gs += g * A::slope_gradient(y);
            }
        }
        for ((((g, &nz), &y), &a), ((&s, dgamma), dbeta)) in g
            .iter_mut()
            .zip(nz)
            .zip(y)
            .zip(a)
            .zip(s.iter().zip(dgamma.iter_mut()).zip(dbeta.iter_mut()))
        {
            let dy = *g * A::derivative(y, a, s);
            *g = dy;
            *dgamma += dy * nz;
            *dbeta += dy;
        }
        if layer == 0 {
            let x = xs[sample];
            for (dyx, &dy) in buffers.dyx[units.clone()].iter_mut().zip(g.iter()) {
                *dyx += dy * x;
            }
        }
    }
    for (total, &sum) in gradients[shape.gammas()][units.clone()]
        .iter_mut()
        .zip(dgamma.iter())
    {
        *total += sum;
    }
    for (total, &sum) in gradients[shape.betas()][units.clone()]
        .iter_mut()
        .zip(dbeta.iter())
    {
        *total += sum;
    }
    // dx̂ = γ·dy; dz = (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) / √(σ² + ε), with
    // mean(dx̂) = γ·Σdy/B and mean(dx̂·x̂) = γ·Σ(dy·x̂)/B.
    for ((dgamma, dbeta), &gamma) in dgamma.iter_mut().zip(dbeta.iter_mut()).zip(gamma) {
        *dgamma = gamma * *dgamma / count;
        *dbeta = gamma * *dbeta / count;
    }
}

/// The first hidden layer's kernel and bias gradients. Nothing below needs dL/dz sample by sample:
/// its sums over the batch, from the sums above and the inputs' (x̂ = w·(x − mean(x))/√(σ² + ε) for
/// a first-layer unit): Σdz = (γ·Σdy − B·mean(dx̂) − mean(dx̂·x̂)·Σx̂)/√(σ² + ε), where
/// γ·Σdy = B·mean(dx̂) exactly, and Σdz·x = (γ·Σdy·x − mean(dx̂)·Σx − mean(dx̂·x̂)·Σx̂·x)/√(σ² + ε).
#[inline(always)]
fn backward_first_layer(
    shape: &Shape,
    parameters: &[f32],
    xs: &[f32],
    buffers: &BatchBuffers,
    gradients: &mut [f32],
) {
    let count = xs.len() as f32;
    let slots = shape.layer(0);
    let units = shape.units(0);
    let n = slots.units;
    let gamma = &parameters[shape.gammas()][units.clone()];
    let inverse = &buffers.inverse[units.clone()];
    let x_mean = xs.iter().fold(0.0f32, |sum, &x| sum + x) / count;
    let x_sum = xs.iter().fold(0.0f32, |sum, &x| sum + x);
    let (centred_sum, centred_x_sum) = xs.iter().fold((0.0f32, 0.0f32), |(c, cx), &x| {
        let d = x - x_mean;
        (c + d, cx + d * x)
    });
    let kernel = &parameters[slots.kernel.clone()];
    let per_unit = gamma
        .iter()
        .zip(buffers.dbeta[units.clone()].iter())
        .zip(buffers.dgamma[units.clone()].iter().zip(inverse));
    let (kernel_gradient, bias_gradient) = gradients.split_at_mut(slots.bias.start);
    let gk = &mut kernel_gradient[slots.kernel.clone()];
    let gb = &mut bias_gradient[..n];
    for ((((gw, gb), &w), &dyx), ((&gamma, &mean_d), (&mean_dx, &inv))) in gk
        .iter_mut()
        .zip(gb.iter_mut())
        .zip(kernel)
        .zip(buffers.dyx[units.clone()].iter())
        .zip(per_unit)
    {
        let scale = w * inv;
        *gb += (0.0 - mean_dx * scale * centred_sum) * inv;
        *gw += (gamma * dyx - mean_d * x_sum - mean_dx * scale * centred_x_sum) * inv;
    }
}

/// A deeper hidden layer: dL/dz, its kernel's and bias' gradients, and dL/d(value) of the layer
/// below.
#[inline(always)]
fn backward_deeper_layer(
    shape: &Shape,
    parameters: &[f32],
    layer: usize,
    batch: usize,
    buffers: &mut BatchBuffers,
    gradients: &mut [f32],
) {
    let slots = shape.layer(layer);
    let units = shape.units(layer);
    let n = slots.units;
    let gamma = &parameters[shape.gammas()][units.clone()];
    let inverse = &buffers.inverse[units.clone()];
    let (dgamma, dbeta) = (
        &buffers.dgamma[units.clone()],
        &buffers.dbeta[units.clone()],
    );
    let (lower, upper) = buffers.gradient.split_at_mut(batch * units.start);
    let g_block = &mut upper[..batch * n];
    let nz_block = &buffers.normalized[block(batch, &units)];
    let (kernel_gradient, bias_gradient) = gradients.split_at_mut(slots.bias.start);
    let gk = &mut kernel_gradient[slots.kernel.clone()];
    let gb = &mut bias_gradient[..n];
    let kernel = &parameters[slots.kernel.clone()];
    let below = shape.units(layer - 1);
    let inputs = slots.inputs;
    let (below_values, below_gradient) = (
        &buffers.value[block(batch, &below)],
        &mut lower[block(batch, &below)],
    );
    for (sample, (g, nz)) in g_block
        .chunks_exact_mut(n)
        .zip(nz_block.chunks_exact(n))
        .enumerate()
    {
        let per_unit = gamma
            .iter()
            .zip(dbeta.iter())
            .zip(dgamma.iter().zip(inverse));
        for (((g, &nz), gb), ((&gamma, &mean_d), (&mean_dx, &inv))) in
            g.iter_mut().zip(nz).zip(gb.iter_mut()).zip(per_unit)
        {
            let dz = (gamma * *g - mean_d - nz * mean_dx) * inv;
            *g = dz;
            *gb += dz;
        }
        let input = &below_values[sample * inputs..][..inputs];
        let da_below = &mut below_gradient[sample * inputs..][..inputs];
        for (((row, grow), &value), da) in kernel
            .chunks_exact(n)
            .zip(gk.chunks_exact_mut(n))
            .zip(input)
            .zip(da_below.iter_mut())
        {
            if value != 0.0 {
                for (gw, &dz) in grow.iter_mut().zip(g.iter()) {
                    *gw += value * dz;
                }
            }
            *da = kernels::dot(row, g);
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

/// A plain f64 network with batch normalization, written out from the formulas: the tests' oracle
/// (independent of the passes above, it shares only the parameters' layout).
#[cfg(test)]
pub(crate) mod oracle {
    use crate::engine::net::Shape;

    pub const MOMENTUM: f64 = 0.99;
    pub const EPSILON: f64 = 1e-3;

    /// What one forward pass over a batch gives.
    pub struct Pass {
        /// The output pre-activation of each sample.
        pub outputs: Vec<f64>,
        /// The batch mean and biased variance of each hidden unit (training mode).
        pub means: Vec<f64>,
        pub variances: Vec<f64>,
    }

    /// Forward over `xs`: `training` normalises with the batch's statistics, else with the moving
    /// ones in `p`. `act(y, slope)` is the hidden activation.
    pub fn forward(
        shape: &Shape,
        p: &[f64],
        slopes: &[f64],
        xs: &[f64],
        training: bool,
        act: fn(f64, f64) -> f64,
    ) -> Pass {
        let mut values: Vec<Vec<f64>> = xs.iter().map(|&x| vec![x]).collect();
        let (mut means, mut variances) = (Vec::new(), Vec::new());
        let mut unit_offset = 0;
        for layer in 0..shape.depth() {
            let slots = shape.layer(layer);
            let z: Vec<Vec<f64>> = values
                .iter()
                .map(|input| {
                    (0..slots.units)
                        .map(|j| {
                            let mut sum = p[slots.bias.start + j];
                            for (i, a) in input.iter().enumerate() {
                                sum += a * p[slots.kernel.start + i * slots.units + j];
                            }
                            sum
                        })
                        .collect()
                })
                .collect();
            let mut next = vec![vec![0.0; slots.units]; xs.len()];
            for j in 0..slots.units {
                let unit = unit_offset + j;
                let n = xs.len() as f64;
                let batch_mean = z.iter().map(|row| row[j]).sum::<f64>() / n;
                let batch_variance = z
                    .iter()
                    .map(|row| (row[j] - batch_mean).powi(2))
                    .sum::<f64>()
                    / n;
                means.push(batch_mean);
                variances.push(batch_variance);
                let (mean, variance) = if training {
                    (batch_mean, batch_variance)
                } else {
                    (
                        p[shape.moving_means().start + unit],
                        p[shape.moving_variances().start + unit],
                    )
                };
                let gamma = p[shape.gammas().start + unit];
                let beta = p[shape.betas().start + unit];
                for (s, row) in z.iter().enumerate() {
                    let y = gamma * (row[j] - mean) / (variance + EPSILON).sqrt() + beta;
                    next[s][j] = act(y, slopes.get(unit).copied().unwrap_or(0.0));
                }
            }
            values = next;
            unit_offset += slots.units;
        }
        let output = shape.output();
        let outputs = values
            .iter()
            .map(|a| {
                p[output.bias.start]
                    + a.iter()
                        .enumerate()
                        .map(|(j, a)| a * p[output.kernel.start + j])
                        .sum::<f64>()
            })
            .collect();
        Pass {
            outputs,
            means,
            variances,
        }
    }

    /// Mean squared error of a linear output in training mode.
    pub fn loss(
        shape: &Shape,
        p: &[f64],
        slopes: &[f64],
        xs: &[f64],
        ys: &[f64],
        act: fn(f64, f64) -> f64,
    ) -> f64 {
        let pass = forward(shape, p, slopes, xs, true, act);
        pass.outputs
            .iter()
            .zip(ys)
            .map(|(o, y)| (o - y).powi(2))
            .sum::<f64>()
            / xs.len() as f64
    }

    /// dLoss/dp by central differences, for every parameter the optimiser trains.
    pub fn gradient(
        shape: &Shape,
        p: &[f64],
        xs: &[f64],
        ys: &[f64],
        act: fn(f64, f64) -> f64,
    ) -> Vec<f64> {
        let slopes_of = |p: &[f64]| p[shape.slopes()].to_vec();
        (0..shape.trainable_count())
            .map(|i| {
                let h = 1e-6 * p[i].abs().max(1.0);
                let (mut up, mut down) = (p.to_vec(), p.to_vec());
                up[i] += h;
                down[i] -= h;
                (loss(shape, &up, &slopes_of(&up), xs, ys, act)
                    - loss(shape, &down, &slopes_of(&down), xs, ys, act))
                    / (2.0 * h)
            })
            .collect()
    }

    pub fn relu(y: f64, _: f64) -> f64 {
        y.max(0.0)
    }

    pub fn tanh(y: f64, _: f64) -> f64 {
        y.tanh()
    }

    pub fn prelu(y: f64, slope: f64) -> f64 {
        if y > 0.0 {
            y
        } else {
            slope * y
        }
    }
}

#[cfg(test)]
mod tests {
    use super::oracle;
    use super::*;
    use crate::engine::net::activation::{Prelu, Relu, Tanh};
    use crate::engine::net::kernels;
    use crate::engine::net::Slopes;
    use crate::engine::test_cases::Cases;

    fn wide(values: &[f32]) -> Vec<f64> {
        values.iter().map(|&v| f64::from(v)).collect()
    }

    /// The 1 → 2 → 1 network of the tests, relu, with γ and β away from their start.
    fn tiny() -> (Shape, Vec<f32>) {
        let shape = Shape::new(&[2], Slopes::Fixed).with_batch_norm();
        let mut p = vec![0.0f32; shape.parameter_count()];
        p[shape.layer(0).kernel.clone()].copy_from_slice(&[0.8, -1.5]);
        p[shape.layer(0).bias.clone()].copy_from_slice(&[0.1, 0.3]);
        p[shape.output().kernel.clone()].copy_from_slice(&[1.2, -0.7]);
        p[shape.output().bias.clone()].copy_from_slice(&[0.05]);
        p[shape.gammas()].copy_from_slice(&[1.3, 0.9]);
        p[shape.betas()].copy_from_slice(&[0.2, -0.1]);
        p[shape.moving_means()].copy_from_slice(&[0.0, 0.0]);
        p[shape.moving_variances()].copy_from_slice(&[1.0, 1.0]);
        (shape, p)
    }

    const XS: [f32; 3] = [-1.0, 0.5, 2.0];
    const YS: [f32; 3] = [0.5, -1.0, 3.0];

    /// Runs the training pass with a linear output and the MSE loss; returns each sample's output
    /// pre-activation and the gradients.
    fn train<A: HiddenActivation>(
        shape: &Shape,
        p: &[f32],
        xs: &[f32],
        ys: &[f32],
    ) -> (Vec<f32>, Vec<f32>, BatchBuffers) {
        let fixed = vec![0.0f32; shape.hidden_units()];
        let slopes = if A::LEARNED_SLOPE {
            &p[shape.slopes()]
        } else {
            &fixed[..]
        };
        let mut outputs = Vec::new();
        let mut gradients = vec![0.0f32; shape.parameter_count()];
        let mut buffers = BatchBuffers::default();
        let scale = 2.0 / xs.len() as f32;
        train_batch::<A>(
            shape,
            p,
            slopes,
            xs,
            &mut buffers,
            &mut gradients,
            |s, o| {
                outputs.push(o);
                scale * (o - ys[s])
            },
        );
        (outputs, gradients, buffers)
    }

    #[test]
    fn a_symmetric_batch_normalises_to_plus_minus_one_over_root_two_thirds_plus_epsilon() {
        // By hand: z = w·x + b over x = −1, 0, 1 with w = 1, b = 0 is −1, 0, 1: mean 0, biased
        // variance 2/3; γ = 1 and β = 0 give y = z/√(2/3 + 0.001), tanh of it, and an output
        // weight of 1 makes that the output.
        let shape = Shape::new(&[1], Slopes::Fixed).with_batch_norm();
        let mut p = vec![0.0f32; shape.parameter_count()];
        p[shape.layer(0).kernel.start] = 1.0;
        p[shape.output().kernel.start] = 1.0;
        p[shape.gammas()].fill(1.0);
        p[shape.moving_variances()].fill(1.0);
        let (outputs, _, buffers) = train::<Tanh>(&shape, &p, &[-1.0, 0.0, 1.0], &[0.0; 3]);
        let y = 1.0 / (2.0f64 / 3.0 + 0.001).sqrt();
        for (o, expected) in outputs.iter().zip([-y.tanh(), 0.0, y.tanh()]) {
            assert!((f64::from(*o) - expected).abs() < 1e-6, "{o} vs {expected}");
        }
        assert!((f64::from(buffers.variance[0]) - 2.0 / 3.0).abs() < 1e-6);
        assert_eq!(buffers.mean[0], 0.0);
    }

    #[test]
    fn training_outputs_match_the_plain_network_with_batch_statistics() {
        let (shape, p) = tiny();
        let (outputs, _, buffers) = train::<Relu>(&shape, &p, &XS, &YS);
        let pass = oracle::forward(&shape, &wide(&p), &[], &wide(&XS), true, oracle::relu);
        for (o, expected) in outputs.iter().zip(&pass.outputs) {
            assert!((f64::from(*o) - expected).abs() < 1e-5, "{o} vs {expected}");
        }
        for unit in 0..2 {
            assert!((f64::from(buffers.mean[unit]) - pass.means[unit]).abs() < 1e-6);
            assert!((f64::from(buffers.variance[unit]) - pass.variances[unit]).abs() < 1e-5);
        }
    }

    fn assert_gradients_match(shape: &Shape, computed: &[f32], expected: &[f64], case: &str) {
        for (i, (&g, &e)) in computed.iter().zip(expected).enumerate() {
            let tolerance = 2e-3 * e.abs().max(1.0);
            assert!(
                (f64::from(g) - e).abs() < tolerance,
                "{case}: parameter {i}: {g} vs finite differences {e}"
            );
        }
        // The moving statistics get no gradient.
        assert!(computed[shape.trainable_count()..]
            .iter()
            .all(|&g| g == 0.0));
    }

    #[test]
    fn gradients_of_gamma_beta_and_the_weights_match_finite_differences() {
        let (shape, p) = tiny();
        let (_, gradients, _) = train::<Relu>(&shape, &p, &XS, &YS);
        let expected = oracle::gradient(&shape, &wide(&p), &wide(&XS), &wide(&YS), oracle::relu);
        assert_gradients_match(&shape, &gradients, &expected, "1→2→1 relu");
        // β's gradient is dL/dy summed over the batch: not zero here, so the test can fail.
        assert!(gradients[shape.betas()].iter().any(|g| g.abs() > 1e-3));
    }

    #[test]
    fn gradients_of_deeper_networks_match_finite_differences() {
        let mut cases = Cases(23);
        for case in 0..12 {
            let widths = [1 + cases.below(4), 1 + cases.below(4)];
            let learned = case % 2 == 0;
            let slopes = if learned {
                Slopes::Learned
            } else {
                Slopes::Fixed
            };
            let shape = Shape::new(&widths, slopes).with_batch_norm();
            let mut p: Vec<f32> = (0..shape.parameter_count())
                .map(|_| (cases.below(2001) as f32 - 1000.0) / 700.0)
                .collect();
            p[shape.moving_variances()].fill(1.0);
            let batch = 2 + cases.below(5);
            let xs: Vec<f32> = (0..batch)
                .map(|_| (cases.below(2001) as f32 - 1000.0) / 500.0)
                .collect();
            let ys: Vec<f32> = (0..batch)
                .map(|_| (cases.below(2001) as f32 - 1000.0) / 500.0)
                .collect();
            let (label, computed, act): (_, _, fn(f64, f64) -> f64) = if learned {
                (
                    "prelu",
                    train::<Prelu>(&shape, &p, &xs, &ys).1,
                    oracle::prelu,
                )
            } else {
                ("tanh", train::<Tanh>(&shape, &p, &xs, &ys).1, oracle::tanh)
            };
            let expected = oracle::gradient(&shape, &wide(&p), &wide(&xs), &wide(&ys), act);
            assert_gradients_match(
                &shape,
                &computed,
                &expected,
                &format!("case {case} {label}"),
            );
        }
    }

    #[test]
    fn moving_statistics_move_one_percent_towards_the_batch() {
        let (shape, mut p) = tiny();
        p[shape.moving_means()].copy_from_slice(&[0.5, -2.0]);
        p[shape.moving_variances()].copy_from_slice(&[1.0, 4.0]);
        let before = wide(&p);
        let (_, _, buffers) = train::<Relu>(&shape, &p, &XS, &YS);
        update_moving(&shape, &mut p, &buffers);
        let pass = oracle::forward(&shape, &before, &[], &wide(&XS), true, oracle::relu);
        for unit in 0..2 {
            let mean = before[shape.moving_means().start + unit] * oracle::MOMENTUM
                + pass.means[unit] * (1.0 - oracle::MOMENTUM);
            let variance = before[shape.moving_variances().start + unit] * oracle::MOMENTUM
                + pass.variances[unit] * (1.0 - oracle::MOMENTUM);
            let got = (
                f64::from(p[shape.moving_means().start + unit]),
                f64::from(p[shape.moving_variances().start + unit]),
            );
            assert!((got.0 - mean).abs() < 1e-6, "{got:?} vs {mean}");
            assert!((got.1 - variance).abs() < 1e-6, "{got:?} vs {variance}");
        }
        // Nothing else moved.
        assert_eq!(
            wide(&p[..shape.trainable_count()]),
            before[..shape.trainable_count()]
        );
    }

    #[test]
    fn inference_uses_the_moving_statistics_folded_into_the_kernels() {
        let (shape, mut p) = tiny();
        p[shape.moving_means()].copy_from_slice(&[0.4, -0.6]);
        p[shape.moving_variances()].copy_from_slice(&[2.5, 0.3]);
        let mut folded = Vec::new();
        fold(&shape, &p, &mut folded);
        let fixed = [0.0f32; 2];
        let xs = [-3.0f32, -0.2, 0.0, 0.7, 4.0];
        let pass = oracle::forward(&shape, &wide(&p), &[], &wide(&xs), false, oracle::relu);
        let mut buffers = kernels::Buffers::new(&shape);
        for (&x, expected) in xs.iter().zip(&pass.outputs) {
            let o = kernels::forward::<Relu>(
                &shape,
                &folded,
                &fixed,
                x,
                &mut buffers.pre,
                &mut buffers.post,
            );
            assert!(
                (f64::from(o) - expected).abs() < 1e-5,
                "x {x}: {o} vs {expected}"
            );
            let one = kernels::single_layer_output::<Relu>(&shape, &folded, &fixed, x);
            assert_eq!(one, o);
            // The pre-activation the diagnosis sees is the activation's input, after normalisation.
            let y = f64::from(p[shape.gammas().start]) * (f64::from(0.8 * x + 0.1) - 0.4)
                / (2.5f64 + 0.001).sqrt()
                + f64::from(p[shape.betas().start]);
            assert!((f64::from(buffers.pre[0]) - y).abs() < 1e-5);
        }
        // Inference differs from training: same inputs, other statistics.
        let train = oracle::forward(&shape, &wide(&p), &[], &wide(&xs), true, oracle::relu);
        assert!(train
            .outputs
            .iter()
            .zip(&pass.outputs)
            .any(|(a, b)| (a - b).abs() > 1e-2));
    }

    #[test]
    fn a_batch_of_one_gives_beta_and_no_nan() {
        let (shape, p) = tiny();
        let (outputs, gradients, _) = train::<Relu>(&shape, &p, &[1e30], &[2.0]);
        // One sample: z − mean = 0, so y = β for every unit: relu(0.2)·1.2 + relu(−0.1)·(−0.7) + c.
        let expected = 0.2f32 * 1.2 + 0.05;
        assert!((outputs[0] - expected).abs() < 1e-6, "{}", outputs[0]);
        assert!(gradients.iter().all(|g| g.is_finite()));
    }
}
