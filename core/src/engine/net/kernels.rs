//! The forward and backward passes for one input, over any number of hidden layers.
//!
//! Every loop over units runs over contiguous memory and vectorises; sums over units (the output
//! unit's input, the gradient flowing back into a layer) use `LANES` fixed partial sums combined in
//! a fixed order. Elementwise loops give the same bits at any vector width, and the fixed-order sums
//! make the reductions the same too: a run is bit-identical on x86_64 and wasm32.

use super::lanes::Lanes;
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
    let (whole, v_tail) = v.as_chunks::<LANES>();
    let (a_whole, a_tail) = a.as_chunks::<LANES>();
    for (v, a) in whole.iter().zip(a_whole) {
        for k in 0..LANES {
            lanes[k] += v[k] * a[k];
        }
    }
    if !v_tail.is_empty() {
        // The last few products in lanes 0, 1, …, the other lanes adding +0 (a partial sum starts
        // at +0 and is never −0, so adding +0 keeps its bits). Whole vectors of lanes this way: the
        // compilers vectorise every step eight lanes wide, not two.
        let (mut v_last, mut a_last) = ([0.0f32; LANES], [0.0f32; LANES]);
        for (k, (&v, &a)) in v_tail.iter().zip(a_tail).enumerate() {
            v_last[k] = v;
            a_last[k] = a;
        }
        for k in 0..LANES {
            lanes[k] += v_last[k] * a_last[k];
        }
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
    /// The batched passes' buffers (`batch_forward`, `batch_backward`).
    pub batch: BatchPasses,
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
            batch: BatchPasses::default(),
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
            batch: BatchPasses::default(),
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
    if A::learned_slope() {
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
        if A::learned_slope() {
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
    let mut learned = if A::learned_slope() {
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
            if A::learned_slope() {
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
            if A::learned_slope() {
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
            if A::learned_slope() {
                learned[unit + k] = acc[3][k];
            }
        }
        unit += width;
    }
    let _ = &mut learned;
}

/// Values the batched passes keep per buffer at most (64 KB of them): a batch larger than
/// `BatchPasses::chunk` samples is worked through that many samples at a time, in order.
const CHUNK_VALUES: usize = 16 * 1024;

/// The buffers of the batched passes, grown to the largest chunk of a batch once and kept: per
/// sample one row of every hidden unit's pre-activation and value (the layout of `Buffers::pre` and
/// `post`, sample after sample), and dL/d(value) then dL/dz of one layer and of the one below it.
#[derive(Clone, Debug, Default)]
pub struct BatchPasses {
    pre: Vec<f32>,
    post: Vec<f32>,
    gradient: Vec<f32>,
    gradient_below: Vec<f32>,
    /// Each sample's output pre-activation.
    pub outputs: Vec<f32>,
    /// The widest hidden layer: the rows' length in `gradient` and `gradient_below`.
    widest: usize,
    /// Samples `keep` kept so far: rows `..kept` of `pre` and `post` are theirs.
    kept: usize,
}

impl BatchPasses {
    /// Samples one pass takes at most for `shape`: a multiple of 8, at least 8.
    #[inline]
    pub fn chunk(shape: &Shape) -> usize {
        let per_sample = shape.hidden_units().max(1);
        (CHUNK_VALUES / per_sample / 8).max(1) * 8
    }

    #[inline]
    fn fit(&mut self, shape: &Shape, samples: usize) {
        let hidden = shape.hidden_units();
        self.widest = (0..shape.depth())
            .map(|l| shape.width(l))
            .max()
            .unwrap_or(1);
        // Every element read is written first in the same pass: no need to clear them.
        for (buffer, len) in [
            (&mut self.pre, samples * hidden),
            (&mut self.post, samples * hidden),
            (&mut self.gradient, samples * self.widest),
            (&mut self.gradient_below, samples * self.widest),
        ] {
            if buffer.len() < len {
                buffer.resize(len, 0.0);
            }
        }
        self.outputs.clear();
        self.kept = 0;
    }

    /// The rows of pre-activations `batch_forward` filled for `samples` samples, `hidden` units each.
    #[inline]
    pub fn pre_rows(&self, samples: usize, hidden: usize) -> std::slice::ChunksExact<'_, f32> {
        self.pre[..samples * hidden].chunks_exact(hidden.max(1))
    }

    /// Keeps `sample`'s row for the backward pass (a sample whose output passes a gradient back).
    /// Called in the samples' order, after `batch_forward`: `batch_backward` then runs over the kept
    /// samples only, as `backward` called for each of them in turn.
    #[inline]
    pub fn keep(&mut self, shape: &Shape, sample: usize) {
        let hidden = shape.hidden_units();
        if sample != self.kept {
            let row = sample * hidden..(sample + 1) * hidden;
            self.pre.copy_within(row.clone(), self.kept * hidden);
            self.post.copy_within(row, self.kept * hidden);
        }
        self.kept += 1;
    }
}

/// `forward` for every input of `xs` at once, layer by layer: fills each sample's row of
/// pre-activations and values and pushes each output pre-activation to `passes.outputs`. Each sum
/// adds the same terms in the same order as `forward` (`dense_rows` says why a zero input changes
/// nothing here either), so the bits are the same; but the sums stay in registers, eight lanes wide.
// One copy per activation in the browser's build rather than one inlined into each caller (the
// training step, the evaluation, the diagnosis): 45 KB less gzipped, a call per chunk of samples.
// Natively inlined, so the AVX2 copies of the callers compile it with AVX2.
#[cfg_attr(target_arch = "wasm32", inline(never))]
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub fn batch_forward<A: HiddenActivation, L: Lanes>(
    lanes: L,
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    xs: &[f32],
    passes: &mut BatchPasses,
) {
    let samples = xs.len();
    passes.fit(shape, samples);
    let hidden = shape.hidden_units();
    let (pre, post) = (
        &mut passes.pre[..samples * hidden],
        &mut passes.post[..samples * hidden],
    );
    {
        let first = shape.layer(0);
        let units = shape.units(0);
        let (w, b, s) = (
            &parameters[first.kernel.clone()],
            &parameters[first.bias.clone()],
            &slopes[units.clone()],
        );
        for ((pre, post), &x) in pre
            .chunks_exact_mut(hidden)
            .zip(post.chunks_exact_mut(hidden))
            .zip(xs)
        {
            let (z, a) = (&mut pre[units.clone()], &mut post[units.clone()]);
            for ((((z, a), &w), &b), &s) in z.iter_mut().zip(a.iter_mut()).zip(w).zip(b).zip(s) {
                *z = w * x + b;
                *a = A::value(*z, s);
            }
        }
    }
    for layer in 1..shape.depth() {
        let slots = shape.layer(layer);
        let (below, units) = (shape.units(layer - 1), shape.units(layer));
        let kernel = &parameters[slots.kernel.clone()];
        let layer = Dense {
            kernel,
            bias: &parameters[slots.bias.clone()],
            n: slots.units,
            inputs: slots.inputs,
            finite: all_finite(lanes, kernel),
        };
        let s = &slopes[units.clone()];
        for (pre, post) in pre
            .chunks_exact_mut(hidden)
            .zip(post.chunks_exact_mut(hidden))
        {
            let z = &mut pre[units.clone()];
            dense_row(lanes, &layer, &post[below.clone()], z);
            for ((a, &z), &s) in post[units.clone()].iter_mut().zip(z.iter()).zip(s) {
                *a = A::value(z, s);
            }
        }
    }
    let output = shape.output();
    let (v, c) = (
        &parameters[output.kernel.clone()],
        parameters[output.bias.start],
    );
    let last = shape.units(shape.depth() - 1);
    // A loop rather than `extend`, which would not be inlined into the kernels' AVX2 copy.
    passes.outputs.resize(samples, 0.0);
    for (output, row) in passes.outputs.iter_mut().zip(post.chunks_exact(hidden)) {
        *output = dot_lanes(lanes, v, &row[last.clone()]) + c;
    }
}

/// `batch_forward` with the widest lanes this processor has (AVX2's on x86_64 where it has them,
/// see `Wide::available`), for callers outside the training step's own copies.
pub fn batch_forward_fastest<A: HiddenActivation>(
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    xs: &[f32],
    passes: &mut BatchPasses,
) {
    #[cfg(target_arch = "x86_64")]
    if let Some(wide) = super::lanes::Wide::available() {
        // SAFETY: `wide` exists only where the processor has AVX2.
        unsafe { batch_forward_avx2::<A>(wide, shape, parameters, slopes, xs, passes) };
        return;
    }
    batch_forward::<A, _>(super::lanes::Narrow, shape, parameters, slopes, xs, passes);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn batch_forward_avx2<A: HiddenActivation>(
    wide: super::lanes::Wide,
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    xs: &[f32],
    passes: &mut BatchPasses,
) {
    batch_forward::<A, _>(wide, shape, parameters, slopes, xs, passes);
}

/// One Dense layer's kernel (`inputs × n`, row-major) and bias.
struct Dense<'a> {
    kernel: &'a [f32],
    bias: &'a [f32],
    n: usize,
    inputs: usize,
    /// Whether every weight of the kernel is finite (see `dense_row`).
    finite: bool,
}

/// `dense` for one sample: z = input · kernel + bias, the sums over the inputs in order, sixteen or
/// eight units at a time in registers.
///
/// `dense` leaves a zero input out. Adding its product instead changes nothing while every weight is
/// finite: 0·w is ±0, and a sum that starts at +0 is never −0 (x + y is −0 only if both are), so adding
/// ±0 keeps its bits. A layer with a weight that is not finite takes `dense` itself.
#[inline(always)]
fn dense_row<L: Lanes>(lanes: L, layer: &Dense, input: &[f32], z: &mut [f32]) {
    let Dense {
        kernel,
        bias,
        n,
        inputs,
        finite,
    } = *layer;
    let (input, kernel) = (&input[..inputs], &kernel[..inputs * n]);
    if !finite {
        dense(kernel, bias, input, z);
        return;
    }
    let mut unit = 0;
    while unit + 32 <= n {
        unit = dense_tile::<L, 4>(lanes, kernel, bias, n, unit, input, z);
    }
    if unit + 16 <= n {
        unit = dense_tile::<L, 2>(lanes, kernel, bias, n, unit, input, z);
    }
    if unit + 8 <= n {
        let mut sum = lanes.zero();
        for (row, &value) in kernel.chunks_exact(n).zip(input) {
            let w = row[unit..unit + 8].try_into().expect("8 units");
            sum = lanes.add(sum, lanes.mul(lanes.splat(value), lanes.load(w)));
        }
        let b = bias[unit..unit + 8].try_into().expect("8 units");
        let out = (&mut z[unit..unit + 8]).try_into().expect("8 units");
        lanes.store(lanes.add(sum, lanes.load(b)), out);
        unit += 8;
    }
    // The last few units as `dense` sums them.
    for j in unit..n {
        let mut sum = 0.0f32;
        for (i, &value) in input.iter().enumerate() {
            if value != 0.0 {
                sum += value * kernel[i * n + j];
            }
        }
        z[j] = sum + bias[j];
    }
}

/// `dense_row`'s sums for the `8 · T` units from `unit`, returning where the next tile starts.
#[inline(always)]
fn dense_tile<L: Lanes, const T: usize>(
    lanes: L,
    kernel: &[f32],
    bias: &[f32],
    n: usize,
    unit: usize,
    input: &[f32],
    z: &mut [f32],
) -> usize {
    let end = unit + 8 * T;
    let mut sums = [lanes.zero(); T];
    for (row, &value) in kernel.chunks_exact(n).zip(input) {
        let value = lanes.splat(value);
        let (w, _) = row[unit..end].as_chunks::<8>();
        for (sum, w) in sums.iter_mut().zip(w) {
            *sum = lanes.add(*sum, lanes.mul(value, lanes.load(w)));
        }
    }
    let (b, _) = bias[unit..end].as_chunks::<8>();
    let (out, _) = z[unit..end].as_chunks_mut::<8>();
    for ((sum, b), out) in sums.into_iter().zip(b).zip(out) {
        lanes.store(lanes.add(sum, lanes.load(b)), out);
    }
    end
}

/// `dot`, with the lanes' vectors (the same sums in the same order).
#[inline(always)]
fn dot_lanes<L: Lanes>(lanes: L, v: &[f32], a: &[f32]) -> f32 {
    let n = v.len().min(a.len());
    let (v, a) = (&v[..n], &a[..n]);
    let (whole, v_tail) = v.as_chunks::<LANES>();
    let (a_whole, a_tail) = a.as_chunks::<LANES>();
    let mut sum = lanes.zero();
    for (v, a) in whole.iter().zip(a_whole) {
        sum = lanes.add(sum, lanes.mul(lanes.load(v), lanes.load(a)));
    }
    if !v_tail.is_empty() {
        // The last few products in lanes 0, 1, …; the others add +0 (a partial sum starts at +0
        // and is never −0, so adding +0 keeps its bits).
        let (mut v_last, mut a_last) = ([0.0f32; LANES], [0.0f32; LANES]);
        for (k, (&v, &a)) in v_tail.iter().zip(a_tail).enumerate() {
            v_last[k] = v;
            a_last[k] = a;
        }
        sum = lanes.add(sum, lanes.mul(lanes.load(&v_last), lanes.load(&a_last)));
    }
    lanes.sum(sum)
}

/// `out[i] = dot(kernel row i, a)` for every row: eight (or four) rows at a time, each load of `a`
/// serving them all (the same sums in the same order as `dot`).
#[inline(always)]
fn dots<L: Lanes>(lanes: L, kernel: &[f32], a: &[f32], out: &mut [f32]) {
    let n = a.len();
    if n == 0 {
        out.fill(0.0);
        return;
    }
    let mut done = 0;
    if L::ROWS >= 4 {
        done = dot_rows::<L, 8>(lanes, kernel, a, out);
    }
    done += dot_rows::<L, 4>(lanes, &kernel[done * n..], a, &mut out[done..]);
    for (row, out) in kernel.chunks_exact(n).skip(done).zip(&mut out[done..]) {
        *out = dot_lanes(lanes, row, a);
    }
}

/// `dots` for the rows of whole blocks of `R` (4 or 8); returns how many rows it did.
#[inline(always)]
fn dot_rows<L: Lanes, const R: usize>(
    lanes: L,
    kernel: &[f32],
    a: &[f32],
    out: &mut [f32],
) -> usize {
    let n = a.len();
    let (whole, a_tail) = a.as_chunks::<LANES>();
    let mut a_last = [0.0f32; LANES];
    a_last[..a_tail.len()].copy_from_slice(a_tail);
    let mut done = 0;
    for (block, out) in kernel.chunks_exact(R * n).zip(out.chunks_exact_mut(R)) {
        let rows: [&[f32]; R] = std::array::from_fn(|r| &block[r * n..(r + 1) * n]);
        let chunks = rows.map(|row| &row.as_chunks::<LANES>().0[..whole.len()]);
        let mut sums = [lanes.zero(); R];
        for (c, a) in whole.iter().enumerate() {
            let a = lanes.load(a);
            for (sum, row) in sums.iter_mut().zip(chunks) {
                *sum = lanes.add(*sum, lanes.mul(lanes.load(&row[c]), a));
            }
        }
        if !a_tail.is_empty() {
            // As `dot_lanes` adds the last few products.
            let a = lanes.load(&a_last);
            for (sum, row) in sums.iter_mut().zip(rows) {
                let mut v_last = [0.0f32; LANES];
                v_last[..a_tail.len()].copy_from_slice(&row[whole.len() * LANES..]);
                *sum = lanes.add(*sum, lanes.mul(lanes.load(&v_last), a));
            }
        }
        if R == 8 {
            let sums: [L::V; 8] = std::array::from_fn(|r| sums[r]);
            out.copy_from_slice(&lanes.sum8(sums)[..R]);
        } else {
            let sums: [L::V; 4] = std::array::from_fn(|r| sums[r]);
            out.copy_from_slice(&lanes.sum4(sums)[..R]);
        }
        done += R;
    }
    done
}

/// Whether every value is finite (a sum of each times 0 is 0 exactly then, NaN otherwise).
#[inline(always)]
fn all_finite<L: Lanes>(lanes: L, values: &[f32]) -> bool {
    let (whole, tail) = values.as_chunks::<LANES>();
    let mut sum = lanes.zero();
    let zero = lanes.zero();
    for chunk in whole {
        sum = lanes.add(sum, lanes.mul(lanes.load(chunk), zero));
    }
    lanes.sum(sum) == 0.0 && tail.iter().all(|v| v.is_finite())
}

/// `backward` for the samples `batch_forward` filled and `keep` kept, `samples` their (x, dL/do) in
/// order: each gradient adds the same terms in the same order as `backward` called sample by sample,
/// so the bits are the same.
// One copy per activation in the browser's build rather than one inlined into each caller (the
// training step, the evaluation, the diagnosis): 45 KB less gzipped, a call per chunk of samples.
// Natively inlined, so the AVX2 copies of the callers compile it with AVX2.
#[cfg_attr(target_arch = "wasm32", inline(never))]
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
pub fn batch_backward<A: HiddenActivation, L: Lanes>(
    lanes: L,
    shape: &Shape,
    parameters: &[f32],
    slopes: &[f32],
    samples: &[(f32, f32)],
    passes: &mut BatchPasses,
    gradients: &mut [f32],
) {
    let count = passes.kept.min(samples.len());
    if count == 0 {
        return;
    }
    let samples = &samples[..count];
    let hidden = shape.hidden_units();
    let depth = shape.depth();
    let output = shape.output();
    let widest = passes.widest;
    let BatchPasses {
        pre,
        post,
        gradient,
        gradient_below,
        ..
    } = passes;
    let (pre, post) = (&pre[..count * hidden], &post[..count * hidden]);
    let (mut da_rows, mut below_rows) = (
        &mut gradient[..count * widest],
        &mut gradient_below[..count * widest],
    );
    for &(_, delta) in samples {
        gradients[output.bias.start] += delta;
    }
    // The last hidden layer: dL/da = delta · v; the output kernel's gradient is delta · a.
    let last = shape.units(depth - 1);
    {
        let v = &parameters[output.kernel.clone()];
        let gv = &mut gradients[output.kernel.clone()];
        for ((da, a), &(_, delta)) in da_rows
            .chunks_exact_mut(widest)
            .zip(post.chunks_exact(hidden))
            .zip(samples)
        {
            for ((da, gv), (&v, &a)) in da
                .iter_mut()
                .zip(gv.iter_mut())
                .zip(v.iter().zip(&a[last.clone()]))
            {
                *da = delta * v;
                *gv += delta * a;
            }
        }
    }
    for layer in (0..depth).rev() {
        let slots = shape.layer(layer);
        let units = shape.units(layer);
        let n = slots.units;
        let s = &slopes[units.clone()];
        // dL/dz in place of dL/da (PReLU's slopes take dL/da first), and the biases' gradient.
        {
            let (before, rest) = gradients.split_at_mut(shape.slopes().start);
            let gb = &mut before[slots.bias.clone()];
            let gs = &mut rest[..shape.slopes().len()];
            for (da, (z, a)) in da_rows
                .chunks_exact_mut(widest)
                .zip(pre.chunks_exact(hidden).zip(post.chunks_exact(hidden)))
            {
                let (da, z, a) = (&mut da[..n], &z[units.clone()], &a[units.clone()]);
                if A::learned_slope() {
                    for ((gs, &da), &z) in gs[units.clone()].iter_mut().zip(da.iter()).zip(z) {
                        *gs += da * A::slope_gradient(z);
                    }
                }
                for ((((da, gb), &z), &a), &s) in
                    da.iter_mut().zip(gb.iter_mut()).zip(z).zip(a).zip(s)
                {
                    *da *= A::derivative(z, a, s);
                    *gb += *da;
                }
            }
        }
        let gk = &mut gradients[slots.kernel.clone()];
        if layer == 0 {
            for (dz, &(x, _)) in da_rows.chunks_exact(widest).zip(samples) {
                for (gw, &dz) in gk.iter_mut().zip(&dz[..n]) {
                    *gw += dz * x;
                }
            }
            break;
        }
        let kernel = &parameters[slots.kernel.clone()];
        let values = Rows {
            values: post,
            stride: hidden,
            at: shape.units(layer - 1).start,
        };
        let dz = Rows {
            values: da_rows,
            stride: widest,
            at: 0,
        };
        kernel_gradient(lanes, gk, n, &values, &dz, count);
        for (dz, da_below) in da_rows
            .chunks_exact(widest)
            .zip(below_rows.chunks_exact_mut(widest))
        {
            dots(lanes, kernel, &dz[..n], &mut da_below[..slots.inputs]);
        }
        std::mem::swap(&mut da_rows, &mut below_rows);
    }
}

/// One row per sample, `stride` apart, the part of interest starting at `at`.
struct Rows<'a> {
    values: &'a [f32],
    stride: usize,
    at: usize,
}

impl Rows<'_> {
    /// The part of interest of each of the first `samples` rows, `len` long.
    #[inline(always)]
    fn parts(&self, samples: usize, len: usize) -> impl Iterator<Item = &[f32]> {
        self.values
            .chunks_exact(self.stride)
            .take(samples)
            .map(move |row| &row[self.at..self.at + len])
    }
}

/// gk[i][j] += Σ value[i]·dz[j] over the `samples` in order, sixteen units of up to four inputs at a
/// time in registers, each load of dz serving every input. `backward` leaves a zero value out;
/// adding its product instead changes nothing while every dz is finite (see `dense_row`; each
/// gradient starts at +0 in `train_batch`), else the zero values are left out here too.
#[inline(always)]
fn kernel_gradient<L: Lanes>(
    lanes: L,
    gk: &mut [f32],
    n: usize,
    values: &Rows,
    dz: &Rows,
    samples: usize,
) {
    let inputs = gk.len() / n.max(1);
    // A loop, not `all`: its closure would not be inlined into the kernels' AVX2 copy.
    let mut finite = true;
    for dz in dz.parts(samples, n) {
        finite &= all_finite(lanes, dz);
    }
    let tiles = if finite { n / 16 } else { 0 };
    let mut input = 0;
    while L::ROWS >= 4 && input + 4 <= inputs {
        gradient_tiles::<L, 4>(lanes, gk, n, tiles, input, values, dz, samples);
        input += 4;
    }
    while input + 2 <= inputs {
        gradient_tiles::<L, 2>(lanes, gk, n, tiles, input, values, dz, samples);
        input += 2;
    }
    if input < inputs {
        gradient_tiles::<L, 1>(lanes, gk, n, tiles, input, values, dz, samples);
    }
    let mut unit = 16 * tiles;
    let pairs = |input: usize| {
        values
            .parts(samples, inputs)
            .map(move |v| v[input])
            .zip(dz.parts(samples, n))
    };
    if finite && unit + 8 <= n {
        for (input, grow) in gk.chunks_exact_mut(n).enumerate() {
            let mut sum = lanes.load(grow[unit..unit + 8].try_into().expect("8 units"));
            for (value, dz) in pairs(input) {
                let dz = dz[unit..unit + 8].try_into().expect("8 units");
                sum = lanes.add(sum, lanes.mul(lanes.splat(value), lanes.load(dz)));
            }
            lanes.store(
                sum,
                (&mut grow[unit..unit + 8]).try_into().expect("8 units"),
            );
        }
        unit += 8;
    }
    if unit < n {
        // The rest as `backward` adds it.
        for (input, grow) in gk.chunks_exact_mut(n).enumerate() {
            for (value, dz) in pairs(input) {
                if value != 0.0 {
                    for (g, &dz) in grow[unit..].iter_mut().zip(&dz[unit..]) {
                        *g += value * dz;
                    }
                }
            }
        }
    }
}

/// `kernel_gradient`'s first `tiles` tiles of sixteen units for the inputs `input..input + R`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn gradient_tiles<L: Lanes, const R: usize>(
    lanes: L,
    gk: &mut [f32],
    n: usize,
    tiles: usize,
    input: usize,
    values: &Rows,
    dz: &Rows,
    samples: usize,
) {
    let inputs = gk.len() / n;
    for tile in 0..tiles {
        let unit = 16 * tile;
        let mut sums = [[lanes.zero(); 2]; R];
        for (r, sums) in sums.iter_mut().enumerate() {
            let g = &gk[(input + r) * n + unit..][..16];
            sums[0] = lanes.load(g[..8].try_into().expect("8 units"));
            sums[1] = lanes.load(g[8..].try_into().expect("8 units"));
        }
        for (v, dz) in values.parts(samples, inputs).zip(dz.parts(samples, n)) {
            let dz = &dz[unit..unit + 16];
            let (low, high) = (dz[..8].try_into(), dz[8..].try_into());
            let (low, high) = (
                lanes.load(low.expect("8 units")),
                lanes.load(high.expect("8 units")),
            );
            let v: &[f32; R] = v[input..input + R].try_into().expect("R inputs");
            for (sums, &value) in sums.iter_mut().zip(v) {
                let value = lanes.splat(value);
                sums[0] = lanes.add(sums[0], lanes.mul(value, low));
                sums[1] = lanes.add(sums[1], lanes.mul(value, high));
            }
        }
        for (r, sums) in sums.iter().enumerate() {
            let g = &mut gk[(input + r) * n + unit..][..16];
            lanes.store(sums[0], (&mut g[..8]).try_into().expect("8 units"));
            lanes.store(sums[1], (&mut g[8..]).try_into().expect("8 units"));
        }
    }
}
