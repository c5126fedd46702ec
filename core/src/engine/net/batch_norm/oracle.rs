//! A plain f64 network with batch normalization, written out from the formulas: the tests' oracle
//! (independent of the passes of `forward` and `backward`, it shares only the parameters' layout).

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
