//! One Keras training step on one batch: forward, MSE, backward, one optimiser update; and the
//! running sums an epoch prints.

use crate::engine::config::Config;
use crate::engine::data::Dataset;
use crate::engine::net::batch_norm::{self, BatchBuffers};
use crate::engine::net::kernels::{self, BatchPasses, Buffers};
#[cfg(target_arch = "x86_64")]
use crate::engine::net::lanes::Wide;
use crate::engine::net::lanes::{Lanes, Narrow};
use crate::engine::net::{self, with_activation, HiddenActivation, Shape};
use crate::engine::optim::{self, OptimizerSettings, OptimizerState};

/// Running sums of one epoch (or one evaluation).
#[derive(Clone, Copy, Debug, Default)]
pub struct Totals {
    pub rows: usize,
    pub square_error: f64,
    pub absolute_error: f64,
    pub hits: usize,
    pub hits_keras2: usize,
}

impl Totals {
    #[inline(always)]
    pub fn add(&mut self, prediction: f32, target: f32) {
        let error = f64::from(prediction) - f64::from(target);
        self.rows += 1;
        self.square_error += error * error;
        self.absolute_error += error.abs();
        self.hits += usize::from(target == if prediction > 0.5 { 1.0 } else { 0.0 });
        self.hits_keras2 += usize::from(target == prediction.round_ties_even());
    }

    pub fn mean(&self, sum: f64) -> f64 {
        if self.rows == 0 {
            f64::NAN
        } else {
            sum / self.rows as f64
        }
    }

    pub fn some_if_rows(&self, value: f64) -> Option<f64> {
        (self.rows > 0).then_some(value)
    }
}

/// Parameters and optimiser state: everything an update changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    pub parameters: Vec<f32>,
    pub optimizer: OptimizerState,
}

impl Weights {
    /// Becomes a copy of `other`, in the memory it already has.
    pub fn copy_from(&mut self, other: &Weights) {
        // Named field by field, so a field added to either struct cannot be forgotten here.
        let Weights {
            parameters,
            optimizer:
                OptimizerState {
                    iterations,
                    first,
                    second,
                },
        } = other;
        self.parameters.clone_from(parameters);
        self.optimizer.iterations = *iterations;
        self.optimizer.first.clone_from(first);
        self.optimizer.second.clone_from(second);
    }
}

/// The fixed parts of a run the kernels need, and their buffers.
#[derive(Clone, Debug)]
pub struct Engine {
    pub shape: Shape,
    pub settings: OptimizerSettings,
    /// Each hidden unit's slope below 0 when it is not learned (`leaky_relu`'s alpha).
    pub fixed_slopes: Vec<f32>,
    pub buffers: Buffers,
    pub gradients: Vec<f32>,
    /// Where each Keras variable (kernel, bias, PReLU alpha) lies in the flat vector, in the
    /// model's order: what `clipnorm` clips one by one.
    pub variables: Vec<std::ops::Range<usize>>,
    /// (x, dL/do) of the batch's samples that pass a gradient back.
    pub samples: Vec<(f32, f32)>,
    /// The whole batch's values, for batch normalization's training pass (empty without it).
    pub batch_norm: BatchBuffers,
    /// The batch's inputs, for the same and for the batched passes.
    pub xs: Vec<f32>,
}

impl Engine {
    pub fn new(config: &Config) -> Engine {
        let shape = net::Shape::of(config);
        Engine {
            settings: OptimizerSettings::from_config(config),
            fixed_slopes: vec![config.alpha as f32; shape.hidden_units()],
            buffers: Buffers::new(&shape),
            gradients: vec![0.0; shape.parameter_count()],
            variables: variables(&shape),
            samples: Vec::new(),
            batch_norm: BatchBuffers::default(),
            xs: Vec::new(),
            shape,
        }
    }
}

/// Keras' trainable variables in the model's order: each hidden Dense layer's kernel and bias
/// (then its BatchNormalization's γ and β, then its PReLU layer's alpha, if any), then the output
/// layer's kernel and bias.
pub fn variables(shape: &Shape) -> Vec<std::ops::Range<usize>> {
    let slopes = shape.slopes();
    let mut variables = Vec::with_capacity(5 * shape.depth() + 2);
    for layer in 0..=shape.depth() {
        let slots = shape.layer(layer);
        variables.push(slots.kernel.clone());
        variables.push(slots.bias.clone());
        if layer < shape.depth() && shape.batch_norm() {
            let units = shape.units(layer);
            let (gammas, betas) = (shape.gammas(), shape.betas());
            variables.push(gammas.start + units.start..gammas.start + units.end);
            variables.push(betas.start + units.start..betas.start + units.end);
        }
        if layer < shape.depth() && !slopes.is_empty() {
            let units = shape.units(layer);
            variables.push(slopes.start + units.start..slopes.start + units.end);
        }
    }
    variables
}

/// The slope of each hidden unit below 0: learned (PReLU, part of the parameters) or fixed.
pub fn slopes<'a, A: HiddenActivation>(
    shape: &Shape,
    parameters: &'a [f32],
    fixed: &'a [f32],
) -> &'a [f32] {
    if A::learned_slope() {
        &parameters[shape.slopes()]
    } else {
        fixed
    }
}

/// What one batch did.
pub struct BatchOutcome {
    pub learning_rate: f32,
    /// L2 norms of the gradient of the hidden layers and of the output layer.
    pub grad_norms: (f64, f64),
    /// Loss and every parameter finite after the update.
    pub finite: bool,
}

/// One Keras training step on `rows`: forward, MSE, backward, one optimiser update. Adds the batch's
/// pre-update errors to `totals`.
/// One of the hot functions (`hot`): called through `Hot::now()`.
#[inline]
pub(super) fn train_batch(
    config: &Config,
    engine: &mut Engine,
    data: &Dataset,
    rows: &[u32],
    weights: &mut Weights,
    totals: &mut Totals,
) -> BatchOutcome {
    let before = totals.square_error;
    engine.gradients.fill(0.0);
    #[cfg(not(feature = "compact"))]
    other_gradients(config, engine, data, rows, &weights.parameters, totals);
    #[cfg(feature = "compact")]
    if extra_kernels::plain_relu(config) {
        gradients_fastest::<net::activation::Relu>(
            config,
            engine,
            data,
            rows,
            &weights.parameters,
            totals,
        );
    } else {
        let other = extra_kernels::installed().expect(
            "the page loads the kernels' chunk before it trains such a run (extra_kernels::ready)",
        );
        other(config, engine, data, rows, &weights.parameters, totals);
    }
    let gradients = &mut engine.gradients;
    let squares = |range: std::ops::Range<usize>| {
        gradients[range]
            .iter()
            .map(|&g| f64::from(g) * f64::from(g))
            .sum::<f64>()
    };
    let shape = &engine.shape;
    let output = shape.output();
    // Everything before the output layer is the hidden layers', and so are PReLU's slopes after it.
    let hidden = squares(0..output.kernel.start)
        + squares(shape.slopes())
        + squares(shape.gammas())
        + squares(shape.betas());
    let grad_norms = (
        libm::sqrt(hidden),
        libm::sqrt(squares(output.kernel.start..output.bias.end)),
    );
    // The norms above are the gradient backpropagation gave; the update uses it clipped.
    optim::clip_gradients(engine.settings.clip, gradients, &engine.variables);
    // The moving statistics are not trained (nor decayed): they come last and are left out.
    let trainable = shape.trainable_count();
    let learning_rate = optim::apply(
        &engine.settings,
        &mut weights.optimizer,
        &mut weights.parameters[..trainable],
        &gradients[..trainable],
    );
    batch_norm::update_moving(shape, &mut weights.parameters, &engine.batch_norm);
    let loss_finite = (totals.square_error - before).is_finite();
    // Every parameter looked at (no early exit), so the check runs in vectors.
    let finite = loss_finite
        && weights
            .parameters
            .iter()
            .fold(true, |all, p| all & p.is_finite());
    BatchOutcome {
        learning_rate,
        grad_norms,
        finite,
    }
}

/// Whether the batch kernels run their AVX2 copy: on x86_64 when the processor has AVX2, unless the
/// environment variable `RELU_LAB_PORTABLE=1` asks for the portable copy (the one other processors
/// and the browser run), so one machine can compare both paths (`tests/same_bits.rs`). The variable
/// is read once, at the first batch; `force_portable` chooses for the rest of the process.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn avx2_kernels() -> Option<Wide> {
    Wide::available()
}

/// Runs the portable copy of the batch kernels from now on in this process (`true`), or the AVX2
/// copy where the processor has it (`false`): what `RELU_LAB_PORTABLE=1` does, for a test that
/// compares both paths in one process. Elsewhere than x86_64 there is only the portable copy.
#[doc(hidden)]
pub fn force_portable(portable: bool) {
    #[cfg(target_arch = "x86_64")]
    crate::engine::net::lanes::force_narrow(portable);
    #[cfg(not(target_arch = "x86_64"))]
    let _ = portable;
}

/// Whether the batch kernels run their AVX2 copy now (see `avx2_kernels`).
#[doc(hidden)]
pub fn uses_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    return avx2_kernels().is_some();
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// `$fastest` calls `$inner` compiled for the widest vectors the processor has (AVX2 on x86_64,
/// checked at run time, see `avx2_kernels`; `$avx2` is that copy, with AVX2's lanes), else as it is
/// (with the narrow lanes).
macro_rules! widest_vectors {
    ($(#[$doc:meta])* $vis:vis fn $fastest:ident, $avx2:ident => $inner:ident(rows: $rows:ty)) => {
        $(#[$doc])*
        #[inline(always)]
        $vis fn $fastest<A: HiddenActivation>(
            config: &Config,
            engine: &mut Engine,
            data: &Dataset,
            rows: $rows,
            parameters: &[f32],
            totals: &mut Totals,
        ) {
            #[cfg(target_arch = "x86_64")]
            if let Some(wide) = avx2_kernels() {
                // SAFETY: `wide` exists only where the processor has AVX2.
                unsafe { $avx2::<A>(wide, config, engine, data, rows, parameters, totals) };
                return;
            }
            $inner::<A, Narrow>(Narrow, config, engine, data, rows, parameters, totals)
        }

        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2")]
        fn $avx2<A: HiddenActivation>(
            wide: Wide,
            config: &Config,
            engine: &mut Engine,
            data: &Dataset,
            rows: $rows,
            parameters: &[f32],
            totals: &mut Totals,
        ) {
            $inner::<A, Wide>(wide, config, engine, data, rows, parameters, totals)
        }
    };
}

/// The gradient of one batch, any activation, with batch normalization or without. With `compact`
/// (the page) only runs other than plain ReLU come here, through the kernels' chunk (`extra_kernels`).
#[inline]
fn other_gradients(
    config: &Config,
    engine: &mut Engine,
    data: &Dataset,
    rows: &[u32],
    parameters: &[f32],
    totals: &mut Totals,
) {
    if engine.shape.batch_norm() {
        with_activation!(config.hidden_activation, A => {
            batch_norm_fastest::<A>(config, engine, data, rows, parameters, totals)
        });
    } else {
        with_activation!(config.hidden_activation, A => {
            gradients_fastest::<A>(config, engine, data, rows, parameters, totals)
        });
    }
}

/// The page's first screen trains plain ReLU runs only; the gradient kernels of the others (every
/// other activation, and batch normalization: about 20 KB gzipped) come in a chunk of wasm
/// fetched once the page is live. With `compact` (the page's build) the page hands them in
/// (`install`) and asks `ready` before it trains; without it (native, tests, the sweep worker)
/// every kernel is always in.
pub mod extra_kernels {
    use super::*;

    /// The gradient kernels of every run that is not plain ReLU, as the chunk hands them over.
    #[derive(Clone, Copy)]
    #[cfg_attr(not(feature = "compact"), allow(dead_code))]
    pub struct Kernels(Gradients);

    type Gradients = fn(&Config, &mut Engine, &Dataset, &[u32], &[f32], &mut Totals);

    /// What the page's chunk returns: the only way to `other_gradients` in the page's build, so
    /// the code only it reaches is the chunk's. Compiled where it is called (`#[inline]`): the page
    /// calls it through the `hot` crate, so the kernels are compiled for speed.
    #[inline]
    pub fn all() -> Kernels {
        Kernels(other_gradients)
    }

    /// A run with ReLU hidden units and no batch normalization: its kernels are always in.
    pub fn plain_relu(config: &Config) -> bool {
        config.hidden_activation == crate::engine::config::Activation::Relu && !config.batch_norm
    }

    #[cfg(feature = "compact")]
    static INSTALLED: std::sync::OnceLock<Gradients> = std::sync::OnceLock::new();

    /// Takes the kernels the chunk handed over (the page, once it has arrived; a test of the
    /// page's build, before it trains). Once is enough: they are the same every time.
    pub fn install(kernels: Kernels) {
        #[cfg(feature = "compact")]
        let _ = INSTALLED.set(kernels.0);
        #[cfg(not(feature = "compact"))]
        let _ = kernels;
    }

    #[cfg(feature = "compact")]
    pub(super) fn installed() -> Option<Gradients> {
        INSTALLED.get().copied()
    }

    /// Whether every run `configs` names can train now.
    pub fn ready<'a>(configs: impl IntoIterator<Item = &'a Config>) -> bool {
        #[cfg(feature = "compact")]
        {
            installed().is_some() || configs.into_iter().all(plain_relu)
        }
        #[cfg(not(feature = "compact"))]
        {
            let _ = configs;
            true
        }
    }
}

widest_vectors! {
    /// `batch_gradients` with the widest vectors this processor has: on x86_64 with AVX2 (checked
    /// once per process at run time) the same code compiled for 256-bit vectors. The arithmetic is the
    /// same, element by element and in the same order, so the bits are too (`tests/same_bits.rs`
    /// compares both copies' fingerprints, and the browser's).
    fn gradients_fastest, batch_gradients_avx2 => batch_gradients(rows: &[u32])
}

widest_vectors! {
    /// `batch_norm_gradients` with the widest vectors this processor has (the same bits).
    fn batch_norm_fastest, batch_norm_avx2 => batch_norm_gradients(rows: &[u32])
}

/// The gradient of one batch with batch normalization: the whole-batch pass of `net::batch_norm`
/// (the batch's statistics in training mode).
#[cfg_attr(target_arch = "wasm32", inline(never))]
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn batch_norm_gradients<A: HiddenActivation, L: Lanes>(
    _lanes: L,
    config: &Config,
    engine: &mut Engine,
    data: &Dataset,
    rows: &[u32],
    parameters: &[f32],
    totals: &mut Totals,
) {
    let Engine {
        shape,
        fixed_slopes,
        gradients,
        batch_norm: buffers,
        xs,
        ..
    } = engine;
    let slopes = slopes::<A>(shape, parameters, fixed_slopes);
    let out = config.output_activation;
    let scale = 2.0 / rows.len() as f32;
    xs.clear();
    xs.extend(rows.iter().map(|&row| data.x_scaled[row as usize]));
    let delta_of = |sample: usize, pre: f32| {
        let y = data.y_scaled[rows[sample] as usize];
        let (prediction, slope) = net::output(out, pre);
        totals.add(prediction, y);
        scale * (prediction - y) * slope
    };
    batch_norm::train_batch::<A>(shape, parameters, slopes, xs, buffers, gradients, delta_of);
}

// In the browser, one function per activation: V8 compiles the hot loops of one function holding
// every activation's copy inlined (45,000 lines of wasm) a third slower (measured with
// `node --cpu-prof` on the core built for wasm32, 2026-11-27).
#[cfg_attr(target_arch = "wasm32", inline(never))]
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn batch_gradients<A: HiddenActivation, L: Lanes>(
    lanes: L,
    config: &Config,
    engine: &mut Engine,
    data: &Dataset,
    rows: &[u32],
    parameters: &[f32],
    totals: &mut Totals,
) {
    let Engine {
        shape,
        fixed_slopes,
        gradients,
        samples,
        xs,
        buffers,
        ..
    } = engine;
    let slopes = slopes::<A>(shape, parameters, fixed_slopes);
    let out = config.output_activation;
    let scale = 2.0 / rows.len() as f32;
    // Unit-major for one hidden layer, layer by layer over the batch for deeper networks, sample by
    // sample for one layer of another activation. All give the same bits (each sum adds the same
    // terms in the same order).
    if shape.depth() == 1 && A::CHEAP {
        // The seed's network: every output first, then the gradient unit by unit (same bits).
        samples.clear();
        let mut sample = |x: f32, y: f32, pre: f32| {
            let (prediction, slope) = net::output(out, pre);
            totals.add(prediction, y);
            let delta = scale * (prediction - y) * slope;
            if delta != 0.0 {
                samples.push((x, delta));
            }
        };
        // Two rows at a time (the same sums for each), then the odd one out. The browser's
        // compilers do better one row at a time.
        let pair = if cfg!(target_arch = "wasm32") {
            usize::MAX
        } else {
            2
        };
        let mut pairs = rows.chunks_exact(pair.min(rows.len().max(1) + 1));
        for pair in &mut pairs {
            let (r1, r2) = (pair[0] as usize, pair[1] as usize);
            let (x1, x2) = (data.x_scaled[r1], data.x_scaled[r2]);
            let (o1, o2) =
                kernels::single_layer_outputs_pair::<A>(shape, parameters, slopes, (x1, x2));
            sample(x1, data.y_scaled[r1], o1);
            sample(x2, data.y_scaled[r2], o2);
        }
        for &row in pairs.remainder() {
            let x = data.x_scaled[row as usize];
            let pre = kernels::single_layer_output::<A>(shape, parameters, slopes, x);
            sample(x, data.y_scaled[row as usize], pre);
        }
        if !samples.is_empty() {
            kernels::single_layer_backward::<A>(shape, parameters, slopes, samples, gradients);
        }
        return;
    }
    if shape.depth() == 1 {
        // One layer of an activation worth storing (tanh, …): sample by sample, in one loop.
        let buffers = &mut *buffers;
        for &row in rows {
            let (x, y) = (data.x_scaled[row as usize], data.y_scaled[row as usize]);
            let (pre, post) = (&mut buffers.pre, &mut buffers.post);
            let pre = kernels::forward::<A>(shape, parameters, slopes, x, pre, post);
            let (prediction, slope) = net::output(out, pre);
            totals.add(prediction, y);
            let delta = scale * (prediction - y) * slope;
            if delta != 0.0 {
                kernels::backward::<A>(shape, parameters, slopes, x, delta, buffers, gradients);
            }
        }
        return;
    }
    // Deeper networks: the whole batch layer by layer, a chunk of samples at a time.
    let passes = &mut buffers.batch;
    for rows in rows.chunks(BatchPasses::chunk(shape)) {
        xs.clear();
        xs.extend(rows.iter().map(|&row| data.x_scaled[row as usize]));
        kernels::batch_forward::<A, L>(lanes, shape, parameters, slopes, xs, passes);
        samples.clear();
        for (sample, (&row, &x)) in rows.iter().zip(xs.iter()).enumerate() {
            let pre = passes.outputs[sample];
            let (prediction, slope) = net::output(out, pre);
            totals.add(prediction, data.y_scaled[row as usize]);
            // d(mean (ŷ − y)²)/do = 2(ŷ − y)/B · f'(o). A dead relu output passes back exactly nothing.
            let delta = scale * (prediction - data.y_scaled[row as usize]) * slope;
            if delta != 0.0 {
                passes.keep(shape, sample);
                samples.push((x, delta));
            }
        }
        kernels::batch_backward::<A, L>(
            lanes, shape, parameters, slopes, samples, passes, gradients,
        );
    }
}

widest_vectors! {
    /// Loss and metrics of `rows` (a validation evaluation), with the widest vectors the processor
    /// has, like `gradients_fastest`.
    fn evaluate_fastest, evaluate_avx2 => evaluate(rows: std::ops::Range<usize>)
}

/// Loss and metrics of `rows` with `parameters`, for the run's activation. One of the hot
/// functions (`hot`): called through `Hot::now()`.
#[inline]
pub(super) fn evaluate_any(
    config: &Config,
    engine: &mut Engine,
    data: &Dataset,
    rows: std::ops::Range<usize>,
    parameters: &[f32],
    totals: &mut Totals,
) {
    with_activation!(config.hidden_activation, A => {
        evaluate_fastest::<A>(config, engine, data, rows, parameters, totals)
    });
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn evaluate<A: HiddenActivation, L: Lanes>(
    lanes: L,
    config: &Config,
    engine: &mut Engine,
    data: &Dataset,
    rows: std::ops::Range<usize>,
    parameters: &[f32],
    totals: &mut Totals,
) {
    let Engine {
        shape,
        fixed_slopes,
        xs,
        buffers,
        ..
    } = engine;
    let passes = &mut buffers.batch;
    let slopes = slopes::<A>(shape, parameters, fixed_slopes);
    let out = config.output_activation;
    if shape.depth() == 1 {
        // One hidden layer: no buffers, two rows at a time (the same sums, so the same bits).
        let mut add = |row: usize, pre: f32| {
            let (prediction, _) = net::output(out, pre);
            totals.add(prediction, data.y_scaled[row]);
        };
        let mut row = rows.start;
        // Two rows at a time natively; the browser's compilers do better one at a time.
        while !cfg!(target_arch = "wasm32") && row + 1 < rows.end {
            let xs = (data.x_scaled[row], data.x_scaled[row + 1]);
            let (o1, o2) = kernels::single_layer_outputs_pair::<A>(shape, parameters, slopes, xs);
            add(row, o1);
            add(row + 1, o2);
            row += 2;
        }
        for row in row..rows.end {
            let pre =
                kernels::single_layer_output::<A>(shape, parameters, slopes, data.x_scaled[row]);
            add(row, pre);
        }
        return;
    }
    // Deeper networks: a chunk of rows at a time through the batched forward pass (the same bits).
    let chunk = BatchPasses::chunk(shape);
    let mut start = rows.start;
    while start < rows.end {
        let end = rows.end.min(start + chunk);
        xs.clear();
        xs.extend_from_slice(&data.x_scaled[start..end]);
        kernels::batch_forward::<A, L>(lanes, shape, parameters, slopes, xs, passes);
        for (&pre, &y) in passes.outputs.iter().zip(&data.y_scaled[start..end]) {
            let (prediction, _) = net::output(out, pre);
            totals.add(prediction, y);
        }
        start = end;
    }
}
