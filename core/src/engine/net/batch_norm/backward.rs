//! A batch back through the normalisation: dL/dy through each activation, γ's and β's gradients,
//! then dL/dz with the batch's statistics, down to every kernel and bias.

use super::{block, BatchBuffers};
use crate::engine::net::kernels;
use crate::engine::net::{HiddenActivation, Shape};

/// Back through layer `layer`'s activation: dL/dy (and PReLU's slope), with γ's and β's sums, then
/// γ's and β's gradients and the means dz needs (`dgamma`, `dbeta` become mean(dx̂·x̂) and
/// mean(dx̂)). For the last hidden layer dL/d(value) = δ·v is made here, with the output kernel's
/// gradient δ·a; for the first, Σ dL/dy·x.
#[inline(always)]
pub(super) fn backward_through_activation<A: HiddenActivation>(
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
        if A::learned_slope() {
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
pub(super) fn backward_first_layer(
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
pub(super) fn backward_deeper_layer(
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
