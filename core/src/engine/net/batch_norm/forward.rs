//! A batch forward in training mode: each hidden layer normalised with the batch's own statistics,
//! then the output unit and the loss's deltas.

use super::{block, BatchBuffers, Layer, EPSILON};
use crate::engine::net::kernels::{self, dense};
use crate::engine::net::{HiddenActivation, Shape};

/// The first hidden layer forward: z = w·x + b, so μ = w·mean(x) + b, σ² = w²·var(x) and
/// (z − μ) = w·(x − mean(x)): the statistics come from the batch's inputs, and b cancels exactly.
#[inline(always)]
pub(super) fn forward_first_layer<A: HiddenActivation>(
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
pub(super) fn forward_deeper_layer<A: HiddenActivation>(
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
pub(super) fn output_deltas(
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
