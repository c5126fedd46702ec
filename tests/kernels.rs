#![cfg(not(target_arch = "wasm32"))]
//! The network's kernels against finite differences and a plain forward pass (tests/common/oracle.rs);
//! initialisers against Keras' formulas on 10⁵ draws.

mod common;

use common::oracle::{plain_output, plain_pass};
use relu_lab::engine::config::{Activation, Init, OutputActivation, Preset};
use relu_lab::engine::net::kernels::{self, backward, forward, BatchPasses, Buffers};
#[cfg(target_arch = "x86_64")]
use relu_lab::engine::net::lanes::Wide;
use relu_lab::engine::net::lanes::{Lanes, Narrow};
use relu_lab::engine::net::{activation, init, output, HiddenActivation, Shape, Slopes};
use relu_lab::engine::random::{Random, Stream};

/// A network with non-zero biases and slopes, so every path of the kernels is taken.
fn test_network(widths: &[usize], activation: Activation) -> (Shape, Vec<f32>, Vec<f32>) {
    let mut config = Preset::Standardized.config();
    config.hidden_layers = widths.to_vec();
    config.hidden_activation = activation;
    config.hidden_bias = 0.1;
    config.init = Init::HeUniform;
    let shape = Shape::of(&config);
    let mut p = init::initial_parameters(&config, &shape);
    let output = shape.output();
    p[output.bias.start] = 0.3; // keep a relu output alive
    let slopes: Vec<f32> = (0..shape.hidden_units())
        .map(|j| 0.05 + 0.01 * j as f32)
        .collect();
    if activation == Activation::Prelu {
        p[shape.slopes()].copy_from_slice(&slopes);
    }
    (shape, p, slopes)
}

/// The unit slopes as the kernels see them: learned (inside the parameters) or fixed.
fn slopes_of<'a>(
    shape: &Shape,
    p: &'a [f32],
    fixed: &'a [f32],
    activation: Activation,
) -> &'a [f32] {
    if activation == Activation::Prelu {
        &p[shape.slopes()]
    } else {
        fixed
    }
}

/// The hidden widths, as the oracle takes them (it works out the layout itself).
fn hidden_widths(shape: &Shape) -> Vec<usize> {
    (0..shape.depth()).map(|layer| shape.width(layer)).collect()
}

fn batch_loss(
    shape: &Shape,
    p: &[f32],
    activation: Activation,
    fixed: &[f32],
    out: OutputActivation,
    xs: &[f32],
    ys: &[f32],
) -> f64 {
    let widths = hidden_widths(shape);
    xs.iter()
        .zip(ys)
        .map(|(&x, &y)| {
            let (prediction, _) =
                output(out, plain_output(&widths, p, activation, fixed, x) as f32);
            (f64::from(prediction) - f64::from(y)).powi(2)
        })
        .sum::<f64>()
        / xs.len() as f64
}

fn kernel_gradients<A: HiddenActivation>(
    shape: &Shape,
    p: &[f32],
    fixed: &[f32],
    activation: Activation,
    out: OutputActivation,
    xs: &[f32],
    ys: &[f32],
) -> Vec<f32> {
    let slopes = slopes_of(shape, p, fixed, activation);
    let mut buffers = Buffers::new(shape);
    let mut g = vec![0.0; p.len()];
    for (&x, &y) in xs.iter().zip(ys) {
        let o = forward::<A>(shape, p, slopes, x, &mut buffers.pre, &mut buffers.post);
        let (prediction, slope) = output(out, o);
        let delta = 2.0 * (prediction - y) / xs.len() as f32 * slope;
        backward::<A>(shape, p, slopes, x, delta, &mut buffers, &mut g);
    }
    g
}

fn check_against_finite_differences<A: HiddenActivation>(activation: Activation) {
    // Widths not multiples of LANES: the tail loops are checked too.
    for widths in [&[11][..], &[5, 7, 3]] {
        for out in [
            OutputActivation::Linear,
            OutputActivation::Relu,
            OutputActivation::Sigmoid,
        ] {
            let (shape, p, fixed) = test_network(widths, activation);
            let xs = [-1.3f32, -0.2, 0.4, 0.9, 1.7];
            let ys: Vec<f32> = xs.iter().map(|x| 2.0 * x + 0.5).collect();
            let analytic = kernel_gradients::<A>(&shape, &p, &fixed, activation, out, &xs, &ys);
            let signs = |q: &[f32]| {
                let mut sums = Vec::new();
                for &x in &xs {
                    plain_pass(widths, q, activation, &fixed, x, &mut sums);
                }
                sums.iter().map(|s| s.value > 0.0).collect::<Vec<bool>>()
            };
            let mut checked = 0;
            for i in 0..p.len() {
                let h = 1e-3f32;
                let (mut plus, mut minus) = (p.clone(), p.clone());
                plus[i] += h;
                minus[i] -= h;
                // A difference across a kink (some unit changes side) measures no derivative.
                if signs(&plus) != signs(&minus) {
                    continue;
                }
                checked += 1;
                let loss = |q: &[f32]| batch_loss(&shape, q, activation, &fixed, out, &xs, &ys);
                let numeric = (loss(&plus) - loss(&minus)) / f64::from(plus[i] - minus[i]);
                let diff = (numeric - f64::from(analytic[i])).abs();
                assert!(
                    diff < 3e-3 * numeric.abs().max(1.0),
                    "{activation} {widths:?} {out}: param {i}: numeric {numeric} vs analytic {}",
                    analytic[i]
                );
            }
            assert!(
                checked * 10 >= p.len() * 9,
                "{activation} {widths:?}: {checked} of {}",
                p.len()
            );
        }
    }
}

#[test]
fn gradients_match_finite_differences_for_every_activation_depth_and_output() {
    use activation::*;
    check_against_finite_differences::<Relu>(Activation::Relu);
    check_against_finite_differences::<LeakyRelu>(Activation::LeakyRelu);
    check_against_finite_differences::<Prelu>(Activation::Prelu);
    check_against_finite_differences::<Elu>(Activation::Elu);
    check_against_finite_differences::<Selu>(Activation::Selu);
    check_against_finite_differences::<Tanh>(Activation::Tanh);
    check_against_finite_differences::<Sigmoid>(Activation::Sigmoid);
    check_against_finite_differences::<Identity>(Activation::Linear);
}

#[test]
fn forward_matches_a_plain_forward_pass_at_any_depth() {
    for widths in [&[128][..], &[8, 8, 4], &[3; 8]] {
        for activation in [Activation::Relu, Activation::Tanh, Activation::Prelu] {
            let (shape, p, fixed) = test_network(widths, activation);
            let slopes = slopes_of(&shape, &p, &fixed, activation);
            let mut buffers = Buffers::new(&shape);
            for x in [-3.0f32, 0.5, 17.0] {
                let fast = forward_any(activation, &shape, &p, slopes, x, &mut buffers);
                let plain = plain_output(widths, &p, activation, &fixed, x);
                assert!(
                    (f64::from(fast) - plain).abs() < 1e-4 * plain.abs().max(1.0),
                    "{widths:?} {activation} x={x}: {fast} vs {plain}"
                );
            }
        }
    }
}

#[test]
fn single_layer_output_gives_the_same_bits_as_forward() {
    let (shape, p, fixed) = test_network(&[128], Activation::Relu);
    let mut buffers = Buffers::new(&shape);
    for x in [1.0f32, 17.0, 999.0, -4.0] {
        assert_eq!(
            forward::<activation::Relu>(&shape, &p, &fixed, x, &mut buffers.pre, &mut buffers.post),
            kernels::single_layer_output::<activation::Relu>(&shape, &p, &fixed, x)
        );
    }
}

#[test]
fn one_hidden_layer_keeps_the_layout_w_b_v_c() {
    let shape = Shape::new(&[128], Slopes::Fixed);
    assert_eq!(shape.layer(0).kernel, 0..128);
    assert_eq!(shape.layer(0).bias, 128..256);
    assert_eq!(shape.output().kernel, 256..384);
    assert_eq!(shape.output().bias, 384..385);
    assert_eq!(shape.parameter_count(), 385);
    let deep = Shape::new(&[8, 4], Slopes::Learned);
    // 1→8: 8 + 8; 8→4: 32 + 4; 4→1: 4 + 1; slopes: 12.
    assert_eq!(deep.layer(1).kernel, 16..48);
    assert_eq!(deep.output().bias, 56..57);
    assert_eq!(deep.slopes(), 57..69);
    assert_eq!(deep.units(1), 8..12);
}

/// Mean, variance, smallest and largest of 10⁵ draws of an initialiser for a layer of 64 inputs
/// and 32 units.
fn draws(init: Init) -> (f64, f64, f64, f64) {
    let mut random = Random::new(11, Stream::Init);
    let values: Vec<f64> = (0..100_000)
        .map(|_| init::keras_draw(init, &mut random, 64.0, 32.0))
        .collect();
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64;
    let (low, high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    (mean, variance, low, high)
}

#[test]
fn every_keras_initialiser_has_keras_bounds_and_variance() {
    let (fan_in, fan_out) = (64.0f64, 32.0f64);
    // Keras' VarianceScaling: uniform limit sqrt(3·scale/n) (variance limit²/3); truncated normal
    // with the variance scale/n asked for, cut at 2 of its own σ (σ = sqrt(scale/n)/0.8796…).
    let cases = [
        (Init::GlorotUniform, 1.0, (fan_in + fan_out) / 2.0, true),
        (Init::HeUniform, 2.0, fan_in, true),
        (Init::LecunUniform, 1.0, fan_in, true),
        (Init::GlorotNormal, 1.0, (fan_in + fan_out) / 2.0, false),
        (Init::HeNormal, 2.0, fan_in, false),
        (Init::LecunNormal, 1.0, fan_in, false),
    ];
    for (init, scale, n, uniform) in cases {
        let (mean, variance, low, high) = draws(init);
        let expected = scale / n;
        assert!(mean.abs() < 0.01 * expected.sqrt(), "{init}: mean {mean}");
        assert!(
            (variance / expected - 1.0).abs() < 0.02,
            "{init}: variance {variance} vs {expected}"
        );
        let bound = if uniform {
            (3.0 * expected).sqrt()
        } else {
            2.0 * expected.sqrt() / 0.879_625_661_034_239_8
        };
        assert!(
            low >= -bound && high <= bound,
            "{init}: {low}..{high} vs ±{bound}"
        );
        assert!(
            low < -0.98 * bound && high > 0.98 * bound,
            "{init}: draws reach the bounds"
        );
    }
}

#[test]
fn rai_gives_every_unit_one_beta_entry_and_a_symmetric_rest() {
    let mut config = Preset::Standardized.config();
    config.hidden_layers = vec![64, 64];
    config.init = Init::Rai;
    let mut symmetric = Vec::new();
    let mut positive_rows = 0;
    for seed in 0..40 {
        config.seed = seed;
        let shape = Shape::of(&config);
        let p = init::initial_parameters(&config, &shape);
        let layer = shape.layer(1);
        for j in 0..layer.units {
            let mut row: Vec<f64> = (0..layer.inputs)
                .map(|i| f64::from(p[layer.kernel.start + i * layer.units + j]))
                .collect();
            row.push(f64::from(p[layer.bias.start + j]));
            positive_rows += usize::from(row.iter().any(|&v| v > 0.0));
            // The Beta entry is the largest in the row almost surely (σ = 0.075 here): drop it.
            let largest = row
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .unwrap()
                .0;
            row.remove(largest);
            symmetric.extend(row);
        }
    }
    assert_eq!(positive_rows, 40 * 64, "every unit has a positive entry");
    let n = symmetric.len() as f64;
    let mean = symmetric.iter().sum::<f64>() / n;
    let variance = symmetric.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    let expected = 0.6007f64.powi(2) / 64.0;
    assert!(mean.abs() < 0.002, "{mean}");
    // Dropping each row's largest entry trims the top a little: within 5%.
    assert!(
        (variance / expected - 1.0).abs() < 0.05,
        "{variance} vs {expected}"
    );
}

#[test]
fn glorot_uniform_stays_within_keras_limit_with_zero_biases() {
    let config = Preset::Question.config();
    let shape = Shape::of(&config);
    let p = init::initial_parameters(&config, &shape);
    let limit = (6.0f32 / 129.0).sqrt(); // 0.2157
    assert!((limit - 0.2157).abs() < 1e-4);
    let (first, output) = (shape.layer(0), shape.output());
    assert!(p[first.kernel.clone()]
        .iter()
        .chain(&p[output.kernel.clone()])
        .all(|w| w.abs() <= limit));
    assert!(p[first.bias.clone()].iter().all(|&b| b == 0.0) && p[output.bias.start] == 0.0);
    // Roughly half the hidden weights are negative: with x > 0 those units are dead from the start.
    let negative = p[first.kernel.clone()].iter().filter(|&&w| w < 0.0).count();
    assert!((40..=88).contains(&negative), "{negative}");
}

#[test]
fn softmax_over_one_unit_is_exactly_one_with_no_gradient() {
    for pre in [-1e6f32, -3.0, 0.0, 2.5, 1e6] {
        assert_eq!(output(OutputActivation::Softmax, pre), (1.0, 0.0));
    }
    let (value, slope) = output(OutputActivation::Sigmoid, 40.0);
    assert_eq!(value, 1.0, "saturated");
    assert_eq!(slope, 0.0, "its gradient vanishes");
}

/// `forward` for a runtime activation.
fn forward_any(
    activation: Activation,
    shape: &Shape,
    p: &[f32],
    slopes: &[f32],
    x: f32,
    b: &mut Buffers,
) -> f32 {
    use activation::*;
    let (pre, post) = (&mut b.pre, &mut b.post);
    match activation {
        Activation::Relu => forward::<Relu>(shape, p, slopes, x, pre, post),
        Activation::LeakyRelu => forward::<LeakyRelu>(shape, p, slopes, x, pre, post),
        Activation::Prelu => forward::<Prelu>(shape, p, slopes, x, pre, post),
        Activation::Elu => forward::<Elu>(shape, p, slopes, x, pre, post),
        Activation::Selu => forward::<Selu>(shape, p, slopes, x, pre, post),
        Activation::Tanh => forward::<Tanh>(shape, p, slopes, x, pre, post),
        Activation::Sigmoid => forward::<Sigmoid>(shape, p, slopes, x, pre, post),
        Activation::Linear => forward::<Identity>(shape, p, slopes, x, pre, post),
    }
}

/// The gradient of a batch and each sample's output pre-activation, sample by sample with `forward`
/// and `backward` (the passes checked against finite differences above): the batched passes must
/// give exactly these bits.
fn one_by_one<A: HiddenActivation>(
    shape: &Shape,
    p: &[f32],
    slopes: &[f32],
    xs: &[f32],
    delta_of: &dyn Fn(usize, f32) -> f32,
) -> (Vec<f32>, Vec<f32>) {
    let mut buffers = Buffers::new(shape);
    let (mut g, mut outputs) = (vec![0.0; p.len()], Vec::new());
    for (sample, &x) in xs.iter().enumerate() {
        let o = forward::<A>(shape, p, slopes, x, &mut buffers.pre, &mut buffers.post);
        outputs.push(o);
        let delta = delta_of(sample, o);
        if delta != 0.0 {
            backward::<A>(shape, p, slopes, x, delta, &mut buffers, &mut g);
        }
    }
    (g, outputs)
}

/// The same with `batch_forward`, `keep` and `batch_backward` on `lanes`, a chunk of samples at a
/// time as the trainer runs them.
fn batched<A: HiddenActivation, L: Lanes>(
    lanes: L,
    shape: &Shape,
    p: &[f32],
    slopes: &[f32],
    xs: &[f32],
    delta_of: &dyn Fn(usize, f32) -> f32,
) -> (Vec<f32>, Vec<f32>) {
    let mut passes = BatchPasses::default();
    let (mut g, mut outputs) = (vec![0.0; p.len()], Vec::new());
    let mut samples = Vec::new();
    let chunk = BatchPasses::chunk(shape).min(24);
    for (start, xs) in xs.chunks(chunk).enumerate().map(|(c, xs)| (c * chunk, xs)) {
        kernels::batch_forward::<A, L>(lanes, shape, p, slopes, xs, &mut passes);
        samples.clear();
        for (sample, &x) in xs.iter().enumerate() {
            let o = passes.outputs[sample];
            outputs.push(o);
            let delta = delta_of(start + sample, o);
            if delta != 0.0 {
                passes.keep(shape, sample);
                samples.push((x, delta));
            }
        }
        kernels::batch_backward::<A, L>(lanes, shape, p, slopes, &samples, &mut passes, &mut g);
    }
    (g, outputs)
}

/// Each value's bits, any NaN as one (a NaN's payload is the processor's choice, and a run stops
/// at its first one).
fn bits(values: &[f32]) -> Vec<u32> {
    values
        .iter()
        .map(|v| if v.is_nan() { u32::MAX } else { v.to_bits() })
        .collect()
}

fn check_batched_bits<A: HiddenActivation>(activation: Activation) {
    // Widths that take every path: tiles of 32, 16 and 8 units, the last few one by one, rows of
    // eight and four and the rest in the backward pass, and more samples than one chunk.
    let widths: [&[usize]; 6] = [
        &[32, 32, 32, 32],
        &[16; 8],
        &[37, 33, 21],
        &[5, 7, 3],
        &[64, 17],
        &[24, 9, 40],
    ];
    let xs: Vec<f32> = (0..61).map(|i| (i as f32 - 30.0) / 7.0).collect();
    for widths in widths {
        let (shape, mut p, fixed) = test_network(widths, activation);
        // Some dead units (a zero value), and a weight that is not finite in some runs.
        let second = shape.layer(1);
        for unit in 0..second.units / 3 {
            p[second.bias.start + unit] = -50.0;
        }
        for poisoned in [false, true] {
            let mut p = p.clone();
            if poisoned {
                p[second.kernel.start + 1] = f32::INFINITY;
            }
            let slopes = slopes_of(&shape, &p, &fixed, activation);
            // Every third sample passes nothing back (a dead relu output), one an infinite delta.
            let delta_of = |sample: usize, o: f32| match sample % 3 {
                0 => 0.0,
                _ if sample == 31 && poisoned => f32::INFINITY,
                _ => 0.01 * (o - 2.0 * xs[sample]),
            };
            let (g, outputs) = one_by_one::<A>(&shape, &p, slopes, &xs, &delta_of);
            let name = format!("{activation} {widths:?} poisoned {poisoned}");
            let narrow = batched::<A, _>(Narrow, &shape, &p, slopes, &xs, &delta_of);
            assert_eq!(bits(&narrow.1), bits(&outputs), "{name}: outputs, narrow");
            assert_eq!(bits(&narrow.0), bits(&g), "{name}: gradients, narrow");
            #[cfg(target_arch = "x86_64")]
            if let Some(wide) = Wide::available() {
                let wide = batched::<A, _>(wide, &shape, &p, slopes, &xs, &delta_of);
                assert_eq!(bits(&wide.1), bits(&outputs), "{name}: outputs, AVX2");
                assert_eq!(bits(&wide.0), bits(&g), "{name}: gradients, AVX2");
            }
        }
    }
}

#[test]
fn the_batched_passes_give_the_bits_of_one_sample_at_a_time() {
    use activation::*;
    check_batched_bits::<Relu>(Activation::Relu);
    check_batched_bits::<LeakyRelu>(Activation::LeakyRelu);
    check_batched_bits::<Prelu>(Activation::Prelu);
    check_batched_bits::<Elu>(Activation::Elu);
    check_batched_bits::<Selu>(Activation::Selu);
    check_batched_bits::<Tanh>(Activation::Tanh);
    check_batched_bits::<Sigmoid>(Activation::Sigmoid);
    check_batched_bits::<Identity>(Activation::Linear);
}
