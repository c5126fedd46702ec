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
    let slopes = if A::learned_slope() {
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
