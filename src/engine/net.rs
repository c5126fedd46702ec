//! The 1→H→1 network: parameters, Keras initialisation, and the forward/backward kernels.
//!
//! Parameters live in one flat `Vec<f32>` laid out `[w; H] [b; H] [v; H] [c]` (hidden kernel, hidden
//! bias, output kernel, output bias), so the optimisers update it in one contiguous pass and every
//! per-unit loop runs over contiguous memory and vectorises. Sums over units use `LANES` fixed partial
//! sums combined in a fixed order: fast, and bit-identical on x86_64 and wasm32.

use super::config::{Activation, Config, Init, OutputActivation};
use super::data::{Random, Stream};

/// Width of the partial sums of the output unit (two SSE / one AVX register of f32).
pub const LANES: usize = 8;

/// Keras' `truncated_normal` correction: the std of a unit normal truncated at ±2.
const TRUNCATED_NORMAL_STD: f64 = 0.879_625_661_034_239_8;

/// A hidden activation as the kernels need it: the value and its derivative given both z and f(z).
pub trait HiddenActivation {
    fn value(z: f32) -> f32;
    fn slope(z: f32, value: f32) -> f32;
}

pub struct Relu;
pub struct LeakyRelu;
pub struct Elu;
pub struct Tanh;
pub struct Sigmoid;
pub struct Identity;

impl HiddenActivation for Relu {
    #[inline(always)]
    fn value(z: f32) -> f32 {
        if z > 0.0 {
            z
        } else {
            0.0
        }
    }
    /// TensorFlow's relu gradient is (z > 0): a unit at exactly 0 gets no gradient.
    #[inline(always)]
    fn slope(z: f32, _: f32) -> f32 {
        if z > 0.0 {
            1.0
        } else {
            0.0
        }
    }
}

/// Keras 3 `activations.leaky_relu`: negative slope 0.2.
pub const LEAKY_SLOPE: f32 = 0.2;

impl HiddenActivation for LeakyRelu {
    #[inline(always)]
    fn value(z: f32) -> f32 {
        if z > 0.0 {
            z
        } else {
            LEAKY_SLOPE * z
        }
    }
    #[inline(always)]
    fn slope(z: f32, _: f32) -> f32 {
        if z > 0.0 {
            1.0
        } else {
            LEAKY_SLOPE
        }
    }
}

impl HiddenActivation for Elu {
    #[inline(always)]
    fn value(z: f32) -> f32 {
        if z > 0.0 {
            z
        } else {
            libm::expm1f(z)
        }
    }
    #[inline(always)]
    fn slope(z: f32, value: f32) -> f32 {
        if z > 0.0 {
            1.0
        } else {
            value + 1.0
        }
    }
}

impl HiddenActivation for Tanh {
    #[inline(always)]
    fn value(z: f32) -> f32 {
        libm::tanhf(z)
    }
    #[inline(always)]
    fn slope(_: f32, value: f32) -> f32 {
        1.0 - value * value
    }
}

impl HiddenActivation for Sigmoid {
    #[inline(always)]
    fn value(z: f32) -> f32 {
        1.0 / (1.0 + libm::expf(-z))
    }
    #[inline(always)]
    fn slope(_: f32, value: f32) -> f32 {
        value * (1.0 - value)
    }
}

impl HiddenActivation for Identity {
    #[inline(always)]
    fn value(z: f32) -> f32 {
        z
    }
    #[inline(always)]
    fn slope(_: f32, _: f32) -> f32 {
        1.0
    }
}

/// The value of the hidden activation, for drawing (not in the hot loop).
pub fn activate(activation: Activation, z: f32) -> f32 {
    match activation {
        Activation::Relu => Relu::value(z),
        Activation::LeakyRelu => LeakyRelu::value(z),
        Activation::Elu => Elu::value(z),
        Activation::Tanh => Tanh::value(z),
        Activation::Sigmoid => Sigmoid::value(z),
        Activation::Linear => Identity::value(z),
    }
}

/// The output unit: relu or linear. Returns the prediction and dŷ/do.
#[inline(always)]
pub fn output(activation: OutputActivation, pre: f32) -> (f32, f32) {
    match activation {
        OutputActivation::Linear => (pre, 1.0),
        OutputActivation::Relu => (Relu::value(pre), Relu::slope(pre, 0.0)),
    }
}

/// Views of the flat parameter (or gradient) vector.
pub struct Layers<'a> {
    pub hidden_weights: &'a [f32],
    pub hidden_biases: &'a [f32],
    pub output_weights: &'a [f32],
    pub output_bias: f32,
}

/// Splits `[w; H] [b; H] [v; H] [c]` into its layers.
pub fn layers(parameters: &[f32], hidden: usize) -> Layers<'_> {
    let (w, rest) = parameters.split_at(hidden);
    let (b, rest) = rest.split_at(hidden);
    let (v, c) = rest.split_at(hidden);
    Layers {
        hidden_weights: w,
        hidden_biases: b,
        output_weights: v,
        output_bias: c[0],
    }
}

/// Number of parameters of a 1→H→1 network: 3H + 1.
pub fn parameter_count(hidden: usize) -> usize {
    3 * hidden + 1
}

/// Initial parameters as Keras' Dense layers make them: kernels from `init`, hidden biases `bias`
/// (Keras: zeros), output bias 0. Fan-in/fan-out: layer 1 is (1, H), layer 2 is (H, 1).
pub fn initial_parameters(config: &Config) -> Vec<f32> {
    let hidden = config.hidden_units;
    let mut random = Random::new(config.seed, Stream::Init);
    let mut parameters = Vec::with_capacity(parameter_count(hidden));
    let kernel = |random: &mut Random, fan_in: f64, fan_out: f64, count: usize| {
        // keras.initializers: GlorotUniform limit sqrt(6/(in+out)); HeUniform sqrt(6/in);
        // VarianceScaling normals are truncated at 2σ and divided by 0.8796…
        (0..count)
            .map(|_| {
                let value = match config.init {
                    Init::GlorotUniform => {
                        (2.0 * random.uniform() - 1.0) * (6.0 / (fan_in + fan_out)).sqrt()
                    }
                    Init::HeUniform => (2.0 * random.uniform() - 1.0) * (6.0 / fan_in).sqrt(),
                    Init::GlorotNormal => {
                        random.truncated_normal() * (2.0 / (fan_in + fan_out)).sqrt()
                            / TRUNCATED_NORMAL_STD
                    }
                    Init::HeNormal => {
                        random.truncated_normal() * (2.0 / fan_in).sqrt() / TRUNCATED_NORMAL_STD
                    }
                    Init::LecunNormal => {
                        random.truncated_normal() * (1.0 / fan_in).sqrt() / TRUNCATED_NORMAL_STD
                    }
                };
                value as f32
            })
            .collect::<Vec<f32>>()
    };
    let units = hidden as f64;
    let hidden_kernel = kernel(&mut random, 1.0, units, hidden);
    let output_kernel = kernel(&mut random, units, 1.0, hidden);
    parameters.extend(hidden_kernel);
    parameters.extend(std::iter::repeat_n(config.hidden_bias as f32, hidden));
    parameters.extend(output_kernel);
    parameters.push(0.0);
    parameters
}

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

/// Forward pass of the hidden layer for one input: fills `pre` (z) and `post` (f(z)) and returns the
/// output unit's pre-activation Σ v·f(z) + c. Two simple loops, each of which vectorises.
#[inline(always)]
pub fn forward<A: HiddenActivation>(
    layers: &Layers,
    x: f32,
    pre: &mut [f32],
    post: &mut [f32],
) -> f32 {
    let n = layers.hidden_weights.len();
    let (w, b) = (&layers.hidden_weights[..n], &layers.hidden_biases[..n]);
    let (pre, post) = (&mut pre[..n], &mut post[..n]);
    for (((z, a), &w), &b) in pre.iter_mut().zip(post.iter_mut()).zip(w).zip(b) {
        *z = w * x + b;
        *a = A::value(*z);
    }
    dot(&layers.output_weights[..n], post) + layers.output_bias
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

/// Output pre-activation for one input without keeping the hidden values (evaluation, drawing).
#[inline(always)]
pub fn output_pre<A: HiddenActivation>(layers: &Layers, x: f32) -> f32 {
    let n = layers.hidden_weights.len();
    let (w, b, v) = (
        &layers.hidden_weights[..n],
        &layers.hidden_biases[..n],
        &layers.output_weights[..n],
    );
    let mut lanes = [0.0f32; LANES];
    for ((w, b), v) in w
        .chunks_exact(LANES)
        .zip(b.chunks_exact(LANES))
        .zip(v.chunks_exact(LANES))
    {
        for k in 0..LANES {
            lanes[k] += v[k] * A::value(w[k] * x + b[k]);
        }
    }
    let full = n - n % LANES;
    for (k, j) in (full..n).enumerate() {
        lanes[k] += v[j] * A::value(w[j] * x + b[j]);
    }
    reduce(lanes) + layers.output_bias
}

/// Adds one sample's gradient to `gradients` (same layout as the parameters), given the loss'
/// derivative `delta` = dL/do at the output pre-activation.
#[inline(always)]
pub fn backward<A: HiddenActivation>(
    layers: &Layers,
    x: f32,
    delta: f32,
    pre: &[f32],
    post: &[f32],
    gradients: &mut [f32],
) {
    let n = layers.hidden_weights.len();
    let v = &layers.output_weights[..n];
    let (pre, post) = (&pre[..n], &post[..n]);
    let (gw, rest) = gradients.split_at_mut(n);
    let (gb, rest) = rest.split_at_mut(n);
    let (gv, gc) = rest.split_at_mut(n);
    let units = gw
        .iter_mut()
        .zip(gb.iter_mut())
        .zip(gv.iter_mut())
        .zip(v.iter().zip(pre.iter().zip(post)));
    for (((gw, gb), gv), (&v, (&z, &a))) in units {
        let dz = delta * v * A::slope(z, a);
        *gw += dz * x;
        *gb += dz;
        *gv += delta * a;
    }
    gc[0] += delta;
}

/// Calls `$body` with the kernel type `$A` matching a runtime `Activation`: one dispatch per batch,
/// monomorphised loops inside.
#[macro_export]
macro_rules! with_activation {
    ($activation:expr, $A:ident => $body:expr) => {{
        use $crate::engine::config::Activation as Act;
        use $crate::engine::net as kernels;
        match $activation {
            Act::Relu => {
                type $A = kernels::Relu;
                $body
            }
            Act::LeakyRelu => {
                type $A = kernels::LeakyRelu;
                $body
            }
            Act::Elu => {
                type $A = kernels::Elu;
                $body
            }
            Act::Tanh => {
                type $A = kernels::Tanh;
                $body
            }
            Act::Sigmoid => {
                type $A = kernels::Sigmoid;
                $body
            }
            Act::Linear => {
                type $A = kernels::Identity;
                $body
            }
        }
    }};
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Preset;

    /// Mean squared error of a batch for given parameters, in f64 from f32 forward passes.
    fn batch_loss<A: HiddenActivation>(
        p: &[f32],
        hidden: usize,
        out: OutputActivation,
        xs: &[f32],
        ys: &[f32],
    ) -> f64 {
        let l = layers(p, hidden);
        xs.iter()
            .zip(ys)
            .map(|(&x, &y)| {
                let (prediction, _) = output(out, output_pre::<A>(&l, x));
                f64::from(prediction - y).powi(2)
            })
            .sum::<f64>()
            / xs.len() as f64
    }

    fn gradients<A: HiddenActivation>(
        p: &[f32],
        hidden: usize,
        out: OutputActivation,
        xs: &[f32],
        ys: &[f32],
    ) -> Vec<f32> {
        let l = layers(p, hidden);
        let (mut pre, mut post) = (vec![0.0; hidden], vec![0.0; hidden]);
        let mut g = vec![0.0; p.len()];
        for (&x, &y) in xs.iter().zip(ys) {
            let o = forward::<A>(&l, x, &mut pre, &mut post);
            let (prediction, slope) = output(out, o);
            let delta = 2.0 * (prediction - y) / xs.len() as f32 * slope;
            backward::<A>(&l, x, delta, &pre, &post, &mut g);
        }
        g
    }

    fn check_against_finite_differences<A: HiddenActivation>(out: OutputActivation) {
        let hidden = 11; // not a multiple of LANES: the tail loop is checked too
        let mut config = Preset::Standardized.config();
        config.hidden_units = hidden;
        config.hidden_bias = 0.1;
        let mut p = initial_parameters(&config);
        p[3 * hidden] = 0.3; // output bias: keep a relu output alive
        let xs = [-1.3f32, -0.2, 0.4, 0.9, 1.7];
        let ys: Vec<f32> = xs.iter().map(|x| 2.0 * x + 0.5).collect();
        let analytic = gradients::<A>(&p, hidden, out, &xs, &ys);
        for i in 0..p.len() {
            let h = 1e-3f32;
            let (mut plus, mut minus) = (p.clone(), p.clone());
            plus[i] += h;
            minus[i] -= h;
            let numeric = (batch_loss::<A>(&plus, hidden, out, &xs, &ys)
                - batch_loss::<A>(&minus, hidden, out, &xs, &ys))
                / (2.0 * f64::from(h));
            let diff = (numeric - f64::from(analytic[i])).abs();
            assert!(
                diff < 2e-3 * numeric.abs().max(1.0),
                "param {i}: numeric {numeric} vs analytic {}",
                analytic[i]
            );
        }
    }

    #[test]
    fn gradients_match_finite_differences_for_every_activation() {
        check_against_finite_differences::<Relu>(OutputActivation::Linear);
        check_against_finite_differences::<Relu>(OutputActivation::Relu);
        check_against_finite_differences::<LeakyRelu>(OutputActivation::Linear);
        check_against_finite_differences::<Elu>(OutputActivation::Linear);
        check_against_finite_differences::<Tanh>(OutputActivation::Relu);
        check_against_finite_differences::<Sigmoid>(OutputActivation::Linear);
        check_against_finite_differences::<Identity>(OutputActivation::Linear);
    }

    #[test]
    fn glorot_uniform_stays_within_keras_limit_with_zero_biases() {
        let config = Preset::Question.config();
        let p = initial_parameters(&config);
        let limit = (6.0f32 / 129.0).sqrt(); // 0.2157
        assert!((limit - 0.2157).abs() < 1e-4);
        let l = layers(&p, 128);
        assert!(l
            .hidden_weights
            .iter()
            .chain(l.output_weights)
            .all(|w| w.abs() <= limit));
        assert!(l.hidden_biases.iter().all(|&b| b == 0.0) && l.output_bias == 0.0);
        // Roughly half the hidden weights are negative: with x > 0 those units are dead from the start.
        let negative = l.hidden_weights.iter().filter(|&&w| w < 0.0).count();
        assert!((40..=88).contains(&negative), "{negative}");
    }

    #[test]
    fn forward_and_output_pre_agree() {
        let p = initial_parameters(&Preset::Question.config());
        let l = layers(&p, 128);
        let (mut pre, mut post) = (vec![0.0; 128], vec![0.0; 128]);
        for x in [1.0f32, 17.0, 999.0] {
            assert_eq!(
                forward::<Relu>(&l, x, &mut pre, &mut post),
                output_pre::<Relu>(&l, x)
            );
        }
    }
}
