//! A network evaluated plainly: f64, index loops, the textbook formulas, from the weights alone.

use relu_lab::engine::config::Activation;
use relu_lab::engine::net::Shape;

/// A forward pass written out plainly (f64, index loops): the oracle of the kernels.
pub fn plain_output(
    shape: &Shape,
    p: &[f32],
    activation: Activation,
    slopes: &[f32],
    x: f32,
) -> f64 {
    plain_pass(shape, p, activation, slopes, x, &mut Vec::new())
}

/// One pre-activation: its value and Σ|terms| of the sum that made it (how much rounding it can hold).
#[derive(Clone, Copy, Debug)]
pub struct Sum {
    pub value: f64,
    pub size: f64,
}

/// `bias + Σ inputs[i]·kernel(i)`, plainly.
fn plain_sum(bias: f32, inputs: &[f64], kernel: impl Fn(usize) -> f32) -> Sum {
    let terms: Vec<f64> = inputs
        .iter()
        .enumerate()
        .map(|(i, v)| v * f64::from(kernel(i)))
        .chain(std::iter::once(f64::from(bias)))
        .collect();
    Sum {
        value: terms.iter().sum(),
        size: terms.iter().map(|t| t.abs()).sum(),
    }
}

/// `plain_output`, also listing every pre-activation (hidden units layer after layer, then the output).
pub fn plain_pass(
    shape: &Shape,
    p: &[f32],
    activation: Activation,
    slopes: &[f32],
    x: f32,
    sums: &mut Vec<Sum>,
) -> f64 {
    let mut values = vec![f64::from(x)];
    for layer in 0..shape.depth() {
        let slots = shape.layer(layer);
        let units = shape.units(layer);
        let mut next = Vec::new();
        for j in 0..slots.units {
            let z = plain_sum(p[slots.bias.start + j], &values, |i| {
                p[slots.kernel.start + i * slots.units + j]
            });
            sums.push(z);
            let slope = f64::from(slopes[units.start + j]);
            next.push(activate_plainly(activation, z.value, slope));
        }
        values = next;
    }
    let output = shape.output();
    let o = plain_sum(p[output.bias.start], &values, |i| {
        p[output.kernel.start + i]
    });
    sums.push(o);
    o.value
}

/// The output unit's activation, plainly.
pub fn plain_output_activation(output: relu_lab::engine::config::OutputActivation, o: f64) -> f64 {
    use relu_lab::engine::config::OutputActivation as Out;
    match output {
        Out::Linear => o,
        Out::Relu => o.max(0.0),
        Out::Sigmoid => 1.0 / (1.0 + (-o).exp()),
        Out::Softmax => 1.0,
    }
}

/// What the oracle sees of a trained network: everything from the weights and the data alone.
pub struct Verdict {
    /// Units of each hidden layer whose pre-activation is ≤ 0 at every training input.
    pub dead_by_layer: Vec<usize>,
    /// Units of each layer too close to the line to call: their largest pre-activation is within the
    /// float32 rounding of the sum that makes it (the engine computes in float32, as Keras does).
    pub too_close_by_layer: Vec<usize>,
    /// The relu output's pre-activation is ≤ 0 at every training input.
    pub output_dead: bool,
    /// The output's largest pre-activation is within rounding of 0.
    pub output_too_close: bool,
    /// The smallest and largest output pre-activation over the training inputs.
    pub output_range: (f64, f64),
    /// MSE on the validation part (or the training part without one), training units.
    pub loss: f64,
    /// var(y) over the training part.
    pub target_variance: f64,
}

/// Evaluates every unit at every training input, plainly.
pub fn verdict(trainer: &relu_lab::engine::Trainer) -> Verdict {
    let config = trainer.config();
    let shape = trainer.shape();
    let p = trainer.parameters();
    let slopes = trainer.unit_slopes();
    let data = trainer.data();
    let activation = config.hidden_activation;
    // (largest pre-activation, Σ|terms| of the sum that made it) of every unit and of the output.
    let mut largest = vec![(f64::NEG_INFINITY, 0.0); shape.hidden_units() + 1];
    let mut sums = Vec::new();
    let mut smallest_output = f64::INFINITY;
    for &x in &data.x_scaled[data.fit.clone()] {
        sums.clear();
        let o = plain_pass(shape, p, activation, slopes, x, &mut sums);
        smallest_output = smallest_output.min(o);
        for (most, sum) in largest.iter_mut().zip(&sums) {
            if sum.value > most.0 {
                *most = (sum.value, sum.size);
            }
        }
    }
    let largest_output = largest.pop().unwrap_or((f64::NEG_INFINITY, 0.0));
    // float32 sums of n terms are off by at most about n·2⁻²⁴ of Σ|terms|: 1e-5 of it is generous.
    // Terms beyond float32's range overflow in the engine (as in Keras): no call either.
    let too_close = |(z, size): (f64, f64)| {
        (size > 0.0 && z.abs() <= 1e-5 * size) || size >= f64::from(f32::MAX)
    };
    let count = |test: &dyn Fn((f64, f64)) -> bool| -> Vec<usize> {
        (0..shape.depth())
            .map(|layer| {
                if activation != Activation::Relu {
                    return 0;
                }
                largest[shape.units(layer)]
                    .iter()
                    .filter(|&&m| test(m))
                    .count()
            })
            .collect()
    };
    let dead_by_layer = count(&|(z, _)| z <= 0.0);
    let too_close_by_layer = count(&too_close);
    let rows = if data.validation.is_empty() {
        data.fit.clone()
    } else {
        data.validation.clone()
    };
    let loss = rows
        .clone()
        .map(|row| {
            let o = plain_output(shape, p, activation, slopes, data.x_scaled[row]);
            let prediction = plain_output_activation(config.output_activation, o);
            (prediction - f64::from(data.y_scaled[row])).powi(2)
        })
        .sum::<f64>()
        / rows.len() as f64;
    let ys: Vec<f64> = data.y_scaled[data.fit.clone()]
        .iter()
        .map(|&y| f64::from(y))
        .collect();
    let mean = ys.iter().sum::<f64>() / ys.len() as f64;
    let target_variance = ys.iter().map(|y| (y - mean).powi(2)).sum::<f64>() / ys.len() as f64;
    Verdict {
        dead_by_layer,
        too_close_by_layer,
        output_dead: config.output_activation == relu_lab::engine::config::OutputActivation::Relu
            && largest_output.0 <= 0.0,
        output_too_close: too_close(largest_output),
        output_range: (smallest_output, largest_output.0),
        loss,
        target_variance,
    }
}

/// A hidden activation, plainly.
pub fn activate_plainly(activation: Activation, z: f64, slope: f64) -> f64 {
    match activation {
        Activation::Relu => z.max(0.0),
        Activation::LeakyRelu | Activation::Prelu => {
            if z > 0.0 {
                z
            } else {
                slope * z
            }
        }
        Activation::Elu => {
            if z > 0.0 {
                z
            } else {
                z.exp_m1()
            }
        }
        Activation::Selu => {
            let (alpha, scale) = (1.673_263_242_354_377_3, 1.050_700_987_355_480_5);
            if z > 0.0 {
                scale * z
            } else {
                scale * alpha * z.exp_m1()
            }
        }
        Activation::Tanh => z.tanh(),
        Activation::Sigmoid => 1.0 / (1.0 + (-z).exp()),
        Activation::Linear => z,
    }
}
