//! The forward and backward passes for one input, over any number of hidden layers.
//!
//! Every loop over units runs over contiguous memory and vectorises; sums over units (the output
//! unit's input, the gradient flowing back into a layer) use `LANES` fixed partial sums combined in
//! a fixed order. Elementwise loops give the same bits at any vector width, and the fixed-order sums
//! make the reductions the same too: a run is bit-identical on x86_64 and wasm32.

use super::{HiddenActivation, Shape};

/// Width of the partial sums of a dot product.
pub const LANES: usize = 8;

/// Units whose gradients `single_layer_backward` keeps in registers at once: two vectors of eight,
/// so the additions of one sample do not wait for each other.
#[cfg(not(target_arch = "wasm32"))]
const BLOCK: usize = 16;
/// In the browser, one 128-bit vector: V8 keeps fewer values in registers (4 rather than 8 made
/// `standardized` and `adam` about 8% faster in wasm, measured 2026-11-27).
#[cfg(target_arch = "wasm32")]
const BLOCK: usize = 4;

/// Sum of `LANES` partial sums in a fixed pairwise order.
#[inline(always)]
fn reduce(lanes: [f32; LANES]) -> f32 {
    let quads = [
        lanes[0] + lanes[4],
        lanes[1] + lanes[5],
        lanes[2] + lanes[6],
        lanes[3] + lanes[7],
    ];
    (quads[0] + quads[2]) + (quads[1] + quads[3])
}

/// Σ v·a with `LANES` partial sums combined in a fixed order.
#[inline(always)]
pub fn dot(v: &[f32], a: &[f32]) -> f32 {
    let n = v.len().min(a.len());
    let (v, a) = (&v[..n], &a[..n]);
    let mut lanes = [0.0f32; LANES];
    for (v, a) in v.chunks_exact(LANES).zip(a.chunks_exact(LANES)) {
        for k in 0..LANES {
            lanes[k] += v[k] * a[k];
        }
    }
    let full = n - n % LANES;
    for (k, j) in (full..n).enumerate() {
        lanes[k] += v[j] * a[j];
    }
    reduce(lanes)
}

/// Per-input buffers of the passes, allocated once per run.
#[derive(Clone, Debug)]
pub struct Buffers {
    /// Pre-activation z of every hidden unit (layer after layer).
    pub pre: Vec<f32>,
    /// Value f(z) of every hidden unit.
    pub post: Vec<f32>,
    /// dL/d(value) of the layer being worked on, and of the one below it.
    gradient: Vec<f32>,
    gradient_below: Vec<f32>,
    /// dL/dz of the layer being worked on.
    pre_gradient: Vec<f32>,
}

impl Buffers {
    /// No buffers (a placeholder while the real ones are lent out).
    pub fn empty() -> Buffers {
        Buffers {
            pre: Vec::new(),
            post: Vec::new(),
            gradient: Vec::new(),
            gradient_below: Vec::new(),
            pre_gradient: Vec::new(),
        }
    }

    pub fn new(shape: &Shape) -> Buffers {
        let widest = (0..shape.depth())
            .map(|l| shape.width(l))
            .max()
            .unwrap_or(1);
        Buffers {
            pre: vec![0.0; shape.hidden_units()],
            post: vec![0.0; shape.hidden_units()],
            gradient: vec![0.0; widest],
            gradient_below: vec![0.0; widest],
            pre_gradient: vec![0.0; widest],
        }
    }
}

/// Forward pass for one input: fills `pre` and `post` for every hidden unit and returns the output
/// unit's pre-activation. `slopes` holds each hidden unit's slope below 0 (see `HiddenActivation`).
#[inline(always)]
pub fn forward<A: HiddenActivation>(
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    x: f32,
    pre: &mut [f32],
    post: &mut [f32],
) -> f32 {
    let depth = shape.depth();
    {
        let first = shape.layer(0);
        let units = shape.units(0);
        let (w, b) = (
            &parameters[first.kernel.clone()],
            &parameters[first.bias.clone()],
        );
        let (z, a, s) = (
            &mut pre[units.clone()],
            &mut post[units.clone()],
            &slopes[units],
        );
        for ((((z, a), &w), &b), &s) in z.iter_mut().zip(a.iter_mut()).zip(w).zip(b).zip(s) {
            *z = w * x + b;
            *a = A::value(*z, s);
        }
    }
    for layer in 1..depth {
        let slots = shape.layer(layer);
        let (below, units) = (shape.units(layer - 1), shape.units(layer));
        let (lower, upper) = post.split_at_mut(units.start);
        let input = &lower[below];
        let a = &mut upper[..slots.units];
        let z = &mut pre[units.clone()];
        dense(
            &parameters[slots.kernel.clone()],
            &parameters[slots.bias.clone()],
            input,
            z,
        );
        for ((a, &z), &s) in a.iter_mut().zip(z.iter()).zip(&slopes[units]) {
            *a = A::value(z, s);
        }
    }
    let output = shape.output();
    let last = shape.units(depth - 1);
    dot(&parameters[output.kernel.clone()], &post[last]) + parameters[output.bias.start]
}

/// z = input · kernel + bias, summed over the inputs in order for every unit at once (batch
/// normalization's training pass uses it too: the same sums, the same bits).
#[inline(always)]
pub(super) fn dense(kernel: &[f32], bias: &[f32], input: &[f32], z: &mut [f32]) {
    let units = z.len();
    z.fill(0.0);
    for (row, &value) in kernel.chunks_exact(units).zip(input) {
        // A unit that outputs 0 adds nothing (common in ReLU networks).
        if value != 0.0 {
            for (z, &w) in z.iter_mut().zip(row) {
                *z += value * w;
            }
        }
    }
    for (z, &b) in z.iter_mut().zip(bias) {
        *z += b;
    }
}

/// Adds one input's gradient to `gradients` (same layout as the parameters), given `delta` = dL/do,
/// the loss' derivative at the output pre-activation, and the buffers `forward` filled.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub fn backward<A: HiddenActivation>(
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    x: f32,
    delta: f32,
    buffers: &mut Buffers,
    gradients: &mut [f32],
) {
    let output = shape.output();
    gradients[output.bias.start] += delta;
    if shape.depth() == 1 {
        backward_one_layer::<A>(shape, parameters, slopes, x, delta, buffers, gradients);
    } else {
        backward_deeper::<A>(shape, parameters, slopes, x, delta, buffers, gradients);
    }
}

/// `backward` for one hidden layer: everything in one loop (the seed's network, the hot path).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn backward_one_layer<A: HiddenActivation>(
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    x: f32,
    delta: f32,
    buffers: &Buffers,
    gradients: &mut [f32],
) {
    let v = &parameters[shape.output().kernel.clone()];
    let first = shape.layer(0);
    let n = first.units;
    let (z, a, s) = (&buffers.pre[..n], &buffers.post[..n], &slopes[..n]);
    let (gw, rest) = gradients[first.kernel.start..].split_at_mut(n);
    let (gb, rest) = rest.split_at_mut(n);
    let gv = &mut rest[..n];
    let units = gw
        .iter_mut()
        .zip(gb.iter_mut())
        .zip(gv.iter_mut())
        .zip(v.iter().zip(z.iter().zip(a)).zip(s));
    for (((gw, gb), gv), ((&v, (&z, &a)), &s)) in units {
        let dz = delta * v * A::derivative(z, a, s);
        *gw += dz * x;
        *gb += dz;
        *gv += delta * a;
    }
    if A::LEARNED_SLOPE {
        let gs = &mut gradients[shape.slopes()];
        for ((gs, &v), &z) in gs.iter_mut().zip(v).zip(z) {
            *gs += delta * v * A::slope_gradient(z);
        }
    }
}

/// `backward` for deeper networks: from the last hidden layer down, each layer's dL/dz, its
/// gradients, and dL/d(value) of the layer below.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn backward_deeper<A: HiddenActivation>(
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    x: f32,
    delta: f32,
    buffers: &mut Buffers,
    gradients: &mut [f32],
) {
    let depth = shape.depth();
    let output = shape.output();
    let v = &parameters[output.kernel.clone()];
    // The last hidden layer: dL/da = delta · v; the output kernel's gradient is delta · a.
    let last = shape.units(depth - 1);
    {
        let gv = &mut gradients[output.kernel.clone()];
        let da = &mut buffers.gradient[..last.len()];
        for ((da, gv), (&v, &a)) in da
            .iter_mut()
            .zip(gv.iter_mut())
            .zip(v.iter().zip(&buffers.post[last]))
        {
            *da = delta * v;
            *gv += delta * a;
        }
    }
    for layer in (0..depth).rev() {
        let slots = shape.layer(layer);
        let units = shape.units(layer);
        let n = slots.units;
        let (z, a, s) = (
            &buffers.pre[units.clone()],
            &buffers.post[units.clone()],
            &slopes[units.clone()],
        );
        let da = &buffers.gradient[..n];
        let dz = &mut buffers.pre_gradient[..n];
        {
            let gb = &mut gradients[slots.bias.clone()];
            for ((((dz, gb), &da), &z), (&a, &s)) in dz
                .iter_mut()
                .zip(gb.iter_mut())
                .zip(da)
                .zip(z)
                .zip(a.iter().zip(s))
            {
                *dz = da * A::derivative(z, a, s);
                *gb += *dz;
            }
        }
        if A::LEARNED_SLOPE {
            let gs = &mut gradients[shape.slopes()][units.clone()];
            for ((gs, &da), &z) in gs.iter_mut().zip(da).zip(z) {
                *gs += da * A::slope_gradient(z);
            }
        }
        let gk = &mut gradients[slots.kernel.clone()];
        if layer == 0 {
            for (gw, &dz) in gk.iter_mut().zip(dz.iter()) {
                *gw += dz * x;
            }
            continue;
        }
        let kernel = &parameters[slots.kernel.clone()];
        let input = &buffers.post[shape.units(layer - 1)];
        let below = &mut buffers.gradient_below[..slots.inputs];
        for (((row, grow), &value), da_below) in kernel
            .chunks_exact(n)
            .zip(gk.chunks_exact_mut(n))
            .zip(input)
            .zip(below.iter_mut())
        {
            if value != 0.0 {
                for (g, &dz) in grow.iter_mut().zip(dz.iter()) {
                    *g += value * dz;
                }
            }
            *da_below = dot(row, dz);
        }
        std::mem::swap(&mut buffers.gradient, &mut buffers.gradient_below);
    }
}

/// One hidden layer's kernel, biases, the output's weights and the units' slopes, each `units` long
/// (the bounds checked once here, not in the loops).
#[inline(always)]
fn single_layer_slices<'a>(
    shape: &Shape,
    parameters: &'a [f32],
    slopes: &'a [f32],
) -> (&'a [f32], &'a [f32], &'a [f32], &'a [f32]) {
    let first = shape.layer(0);
    let n = first.units;
    (
        &parameters[first.kernel.clone()][..n],
        &parameters[first.bias.clone()][..n],
        &parameters[shape.output().kernel.clone()][..n],
        &slopes[..n],
    )
}

/// The output pre-activation of a one-hidden-layer network for one input, without buffers (drawing,
/// evaluation, the first pass of `single_layer_backward`). The same sums in the same order as
/// `forward`, so the same bits.
#[inline(always)]
pub fn single_layer_output<A: HiddenActivation>(
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    x: f32,
) -> f32 {
    let (w, b, v, s) = single_layer_slices(shape, parameters, slopes);
    let n = w.len();
    let mut lanes = [0.0f32; LANES];
    for (((w, b), v), s) in w
        .chunks_exact(LANES)
        .zip(b.chunks_exact(LANES))
        .zip(v.chunks_exact(LANES))
        .zip(s.chunks_exact(LANES))
    {
        for k in 0..LANES {
            lanes[k] += v[k] * A::value(w[k] * x + b[k], s[k]);
        }
    }
    let full = n - n % LANES;
    for (k, j) in (full..n).enumerate() {
        lanes[k] += v[j] * A::value(w[j] * x + b[j], s[j]);
    }
    reduce(lanes) + parameters[shape.output().bias.start]
}

/// `single_layer_output` for two inputs at once: the same sums in the same order for each (the same
/// bits), interleaved so the two chains of additions overlap.
#[inline(always)]
pub fn single_layer_outputs_pair<A: HiddenActivation>(
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    (x1, x2): (f32, f32),
) -> (f32, f32) {
    let (w, b, v, s) = single_layer_slices(shape, parameters, slopes);
    let n = w.len();
    let (mut one, mut two) = ([0.0f32; LANES], [0.0f32; LANES]);
    for (((w, b), v), s) in w
        .chunks_exact(LANES)
        .zip(b.chunks_exact(LANES))
        .zip(v.chunks_exact(LANES))
        .zip(s.chunks_exact(LANES))
    {
        for k in 0..LANES {
            one[k] += v[k] * A::value(w[k] * x1 + b[k], s[k]);
            two[k] += v[k] * A::value(w[k] * x2 + b[k], s[k]);
        }
    }
    let full = n - n % LANES;
    for (k, j) in (full..n).enumerate() {
        one[k] += v[j] * A::value(w[j] * x1 + b[j], s[j]);
        two[k] += v[j] * A::value(w[j] * x2 + b[j], s[j]);
    }
    let c = parameters[shape.output().bias.start];
    (reduce(one) + c, reduce(two) + c)
}

/// The gradient of one hidden layer over a batch, unit-major: for a block of units held in registers,
/// every sample in turn. `samples` holds (x, dL/do) of the samples whose output passes a gradient
/// back, in batch order. Each gradient sums the same terms in the same order as `backward` called
/// sample by sample, so the bits are the same; nothing is stored per sample, so it runs at the speed
/// of the arithmetic. For piecewise-linear activations (recomputing the value is cheaper than storing
/// it).
#[inline(always)]
pub fn single_layer_backward<A: HiddenActivation>(
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    samples: &[(f32, f32)],
    gradients: &mut [f32],
) {
    let (w, b, v, s) = single_layer_slices(shape, parameters, slopes);
    let n = w.len();
    let (first, output) = (shape.layer(0), shape.output());
    let (hidden, rest) = gradients.split_at_mut(output.kernel.start);
    let (gw, gb) = hidden[first.kernel.start..].split_at_mut(n);
    let gb = &mut gb[..n];
    let (gv, rest) = rest.split_at_mut(n);
    for &(_, delta) in samples {
        rest[0] += delta;
    }
    let mut learned = if A::LEARNED_SLOPE {
        &mut rest[shape.slopes().start - output.bias.start..][..n]
    } else {
        &mut []
    };
    let mut unit = 0;
    while unit < n {
        let width = BLOCK.min(n - unit);
        let block = unit..unit + width;
        let mut acc = [[0.0f32; BLOCK]; 4];
        for k in 0..width {
            acc[0][k] = gw[unit + k];
            acc[1][k] = gb[unit + k];
            acc[2][k] = gv[unit + k];
            if A::LEARNED_SLOPE {
                acc[3][k] = learned[unit + k];
            }
        }
        let lane = |k: usize,
                    w: f32,
                    b: f32,
                    v: f32,
                    s: f32,
                    x: f32,
                    delta: f32,
                    acc: &mut [[f32; BLOCK]; 4]| {
            let z = w * x + b;
            let a = A::value(z, s);
            let dz = delta * v * A::derivative(z, a, s);
            acc[0][k] += dz * x;
            acc[1][k] += dz;
            acc[2][k] += delta * a;
            if A::LEARNED_SLOPE {
                acc[3][k] += delta * v * A::slope_gradient(z);
            }
        };
        if width == BLOCK {
            let (w, b, v, s) = (
                &w[block.clone()],
                &b[block.clone()],
                &v[block.clone()],
                &s[block.clone()],
            );
            for &(x, delta) in samples {
                for k in 0..BLOCK {
                    lane(k, w[k], b[k], v[k], s[k], x, delta, &mut acc);
                }
            }
        } else {
            for &(x, delta) in samples {
                for k in 0..width {
                    let j = unit + k;
                    lane(k, w[j], b[j], v[j], s[j], x, delta, &mut acc);
                }
            }
        }
        for k in 0..width {
            gw[unit + k] = acc[0][k];
            gb[unit + k] = acc[1][k];
            gv[unit + k] = acc[2][k];
            if A::LEARNED_SLOPE {
                learned[unit + k] = acc[3][k];
            }
        }
        unit += width;
    }
    let _ = &mut learned;
}
