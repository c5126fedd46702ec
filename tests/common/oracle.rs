//! A network evaluated plainly: f64, index loops, the textbook formulas, from the widths, the flat
//! parameter vector and the data alone. Nothing here reads the engine's layout (`Shape`) or the
//! slopes the engine hands its kernels: where each parameter lives is worked out below from the
//! widths, as the engine's documented contract (core/src/engine/net/mod.rs) writes it down.
//!
//! With batch normalization (`bn=1`) a hidden unit's activation takes the normalised value
//! γ·(z − moving mean)/√(moving variance + ε) + β of its Dense output z, in inference as Keras
//! computes it (its `BatchNormalization(epsilon=0.001)`), written out here from γ, β and the moving
//! statistics the parameters hold, not from the engine's folded kernels.

use relu_lab::engine::config::{Activation, OutputActivation};

/// Where one layer's parameters are in the flat vector.
#[derive(Clone, Debug)]
pub struct Layer {
    pub inputs: usize,
    pub units: usize,
    /// Keras' `(inputs, units)` kernel, row-major: input i to unit j is at `kernel + i·units + j`.
    pub kernel: usize,
    /// Unit j's bias is at `bias + j`.
    pub bias: usize,
}

/// The flat parameter vector of a network 1 → widths → 1, laid out as Keras lists the weights of
/// its `Dense` layers (`model.get_weights()`): for each layer in turn (the hidden layers, then the
/// output unit) its kernel, then its bias. PReLU's learned slopes come after all of them, one per
/// hidden unit, layer after layer; then batch normalization's γ of every hidden unit, its β, its
/// moving mean and its moving variance, each a block of one per hidden unit.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The hidden layers, then the output layer.
    pub layers: Vec<Layer>,
    /// Where PReLU's slopes start (hidden unit u's slope is at `slopes + u`), if the net has them.
    pub slopes: Option<usize>,
    /// Where batch normalization's four blocks start (γ of hidden unit u at `norm + u`, β at
    /// `norm + H + u`, the moving mean at `norm + 2H + u`, the variance at `norm + 3H + u`).
    pub norm: Option<usize>,
    /// How many parameters in all.
    pub total: usize,
}

/// Keras' `BatchNormalization` default `epsilon`, added to the variance.
pub const BATCH_NORM_EPSILON: f64 = 0.001;

impl Layout {
    pub fn new(widths: &[usize], learned_slopes: bool) -> Layout {
        let mut layers = Vec::new();
        let mut at = 0;
        let mut inputs = 1;
        for &units in widths.iter().chain([1].iter()) {
            let kernel = at;
            let bias = kernel + inputs * units;
            at = bias + units;
            layers.push(Layer {
                inputs,
                units,
                kernel,
                bias,
            });
            inputs = units;
        }
        let hidden_units: usize = widths.iter().sum();
        let slopes = learned_slopes.then_some(at);
        let total = if learned_slopes {
            at + hidden_units
        } else {
            at
        };
        Layout {
            layers,
            slopes,
            norm: None,
            total,
        }
    }

    /// The same network with batch normalization before each hidden activation.
    pub fn with_batch_norm(mut self) -> Layout {
        let hidden_units: usize = self.layers[..self.depth()].iter().map(|l| l.units).sum();
        self.norm = Some(self.total);
        self.total += 4 * hidden_units;
        self
    }

    /// Number of hidden layers.
    pub fn depth(&self) -> usize {
        self.layers.len() - 1
    }
}

/// A network as the oracle sees it: its widths, its parameters and its activation, and for
/// `leaky_relu` the fixed slope of each hidden unit below 0 (PReLU's slopes are read from the
/// parameters; the other activations have none).
pub struct Net<'a> {
    pub layout: Layout,
    pub parameters: &'a [f32],
    pub activation: Activation,
    pub fixed_slopes: Vec<f64>,
}

impl<'a> Net<'a> {
    /// `fixed_slopes`: one per hidden unit, layer after layer (used by `leaky_relu` only).
    pub fn new(
        widths: &[usize],
        parameters: &'a [f32],
        activation: Activation,
        fixed_slopes: &[f32],
    ) -> Net<'a> {
        let layout = Layout::new(widths, activation == Activation::Prelu);
        assert_eq!(
            layout.total,
            parameters.len(),
            "the oracle's layout of {widths:?} and the parameters disagree on their count"
        );
        Net {
            layout,
            parameters,
            activation,
            fixed_slopes: fixed_slopes.iter().map(|&s| f64::from(s)).collect(),
        }
    }

    /// A trained network, from its settings and its parameters only. `leaky_relu`'s slope is the
    /// `alpha` setting, held in float32 as Keras holds it.
    pub fn of(trainer: &'a relu_lab::engine::Trainer) -> Net<'a> {
        let config = trainer.config();
        let widths = config.widths();
        let alpha = config.alpha as f32;
        let fixed = vec![alpha; widths.iter().sum()];
        let activation = config.hidden_activation;
        let mut layout = Layout::new(widths, activation == Activation::Prelu);
        if config.batch_norm {
            layout = layout.with_batch_norm();
        }
        let parameters = trainer.parameters();
        assert_eq!(
            layout.total,
            parameters.len(),
            "the oracle's layout of {widths:?} (bn {}) and the parameters disagree on their count",
            config.batch_norm
        );
        Net {
            layout,
            parameters,
            activation,
            fixed_slopes: fixed.iter().map(|&s| f64::from(s)).collect(),
        }
    }

    /// Hidden unit `unit`'s input to its activation: its Dense output `z`, or with batch
    /// normalization γ·(z − mean)/√(variance + ε) + β from the moving statistics (inference), with
    /// the Σ|terms| of the one sum an engine that folds the statistics into the Dense layer makes.
    fn normalized(&self, unit: usize, z: Sum) -> Sum {
        let Some(norm) = self.layout.norm else {
            return z;
        };
        let hidden_units = (self.layout.total - norm) / 4;
        let at = |block: usize| f64::from(self.parameters[norm + block * hidden_units + unit]);
        let (gamma, beta, mean, variance) = (at(0), at(1), at(2), at(3));
        let scale = gamma / (variance + BATCH_NORM_EPSILON).sqrt();
        Sum {
            value: scale * (z.value - mean) + beta,
            size: scale.abs() * (z.size + mean.abs()) + beta.abs(),
        }
    }

    /// Hidden unit `unit`'s slope below 0 (counted over all hidden layers).
    fn slope(&self, unit: usize) -> f64 {
        match (self.activation, self.layout.slopes) {
            (Activation::Prelu, Some(start)) => f64::from(self.parameters[start + unit]),
            (Activation::LeakyRelu, _) => self.fixed_slopes[unit],
            _ => 0.0,
        }
    }

    /// The output's pre-activation at x.
    pub fn output(&self, x: f32) -> f64 {
        self.pass(x, &mut Vec::new())
    }

    /// `output`, also listing every pre-activation (hidden units layer after layer, then the
    /// output).
    pub fn pass(&self, x: f32, sums: &mut Vec<Sum>) -> f64 {
        let p = self.parameters;
        let mut values = vec![f64::from(x)];
        let mut unit = 0;
        for layer in &self.layout.layers[..self.layout.depth()] {
            let mut next = Vec::new();
            for j in 0..layer.units {
                let z = plain_sum(p[layer.bias + j], &values, |i| {
                    p[layer.kernel + i * layer.units + j]
                });
                let z = self.normalized(unit, z);
                sums.push(z);
                next.push(activate_plainly(self.activation, z.value, self.slope(unit)));
                unit += 1;
            }
            values = next;
        }
        let output = &self.layout.layers[self.layout.depth()];
        let o = plain_sum(p[output.bias], &values, |i| p[output.kernel + i]);
        sums.push(o);
        o.value
    }
}

/// A forward pass written out plainly (f64, index loops): the oracle of the kernels.
/// `fixed_slopes` as in `Net::new`.
pub fn plain_output(
    widths: &[usize],
    p: &[f32],
    activation: Activation,
    fixed_slopes: &[f32],
    x: f32,
) -> f64 {
    Net::new(widths, p, activation, fixed_slopes).output(x)
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
    widths: &[usize],
    p: &[f32],
    activation: Activation,
    fixed_slopes: &[f32],
    x: f32,
    sums: &mut Vec<Sum>,
) -> f64 {
    Net::new(widths, p, activation, fixed_slopes).pass(x, sums)
}

/// The output unit's activation, plainly.
pub fn plain_output_activation(output: OutputActivation, o: f64) -> f64 {
    match output {
        OutputActivation::Linear => o,
        OutputActivation::Relu => o.max(0.0),
        OutputActivation::Sigmoid => 1.0 / (1.0 + (-o).exp()),
        // Keras' softmax over one unit: exp(o − o) / exp(o − o).
        OutputActivation::Softmax => 1.0,
    }
}

/// What the oracle sees of a network: everything from the weights and the data alone.
pub struct Verdict {
    /// Units of each hidden layer whose pre-activation is ≤ 0 at every training input (relu only:
    /// the other activations pass a gradient below 0).
    pub dead_by_layer: Vec<usize>,
    /// Units of each layer too close to the line to call: their largest pre-activation is within the
    /// float32 rounding of the sum that makes it (the engine computes in float32, as Keras does).
    pub too_close_by_layer: Vec<usize>,
    /// Units of each layer that are dead or too close to call.
    pub maybe_dead_by_layer: Vec<usize>,
    /// Units of each layer dead and not too close to call.
    pub clearly_dead_by_layer: Vec<usize>,
    /// The width of each hidden layer.
    pub widths: Vec<usize>,
    /// The relu output's pre-activation is ≤ 0 at every training input.
    pub output_dead: bool,
    /// The output's largest pre-activation is within rounding of 0.
    pub output_too_close: bool,
    /// The smallest and largest output pre-activation over the training inputs.
    pub output_range: (f64, f64),
    /// How far float32 rounding can move an output pre-activation (the largest Σ|terms|·1e-5).
    pub output_rounding: f64,
    /// MSE on the validation part (or the training part without one), training units.
    pub loss: f64,
    /// MSE over the training part.
    pub fit_loss: f64,
}

/// A sigmoid whose input is beyond ±15 passes back less than 3.1e-7 of its gradient: the lab calls
/// it saturated (stuck at 0 or 1).
pub const SIGMOID_SATURATION: f64 = 15.0;

impl Verdict {
    /// The hidden layers all of whose units are dead or too close to call.
    pub fn maybe_dead_layers(&self) -> Vec<usize> {
        (0..self.widths.len())
            .filter(|&l| self.maybe_dead_by_layer[l] >= self.widths[l])
            .collect()
    }

    /// The first hidden layer all of whose units are clearly dead.
    pub fn clearly_dead_layer(&self) -> Option<usize> {
        (0..self.widths.len()).find(|&l| self.clearly_dead_by_layer[l] >= self.widths[l])
    }

    /// The sigmoid output's input beyond ±15 at every training input, all on one side, by more
    /// (`clearly`) or less (within rounding) than float32 can tell.
    pub fn saturated(&self, clearly: bool) -> bool {
        let slack = if clearly {
            self.output_rounding
        } else {
            -self.output_rounding
        };
        let (low, high) = self.output_range;
        low - slack >= SIGMOID_SATURATION || high + slack <= -SIGMOID_SATURATION
    }

    /// The output is the same for every training input whatever happens next: a dead relu output, a
    /// saturated sigmoid, a one-unit softmax. `clearly`: beyond rounding; else: maybe.
    pub fn output_stuck(&self, output: OutputActivation, clearly: bool) -> bool {
        match output {
            OutputActivation::Relu if clearly => self.output_dead && !self.output_too_close,
            OutputActivation::Relu => self.output_dead || self.output_too_close,
            OutputActivation::Sigmoid => self.saturated(clearly),
            OutputActivation::Softmax => true,
            OutputActivation::Linear => false,
        }
    }
}

/// Evaluates every unit of a trainer's network at every training input, plainly.
pub fn verdict(trainer: &relu_lab::engine::Trainer) -> Verdict {
    let config = trainer.config();
    let net = Net::of(trainer);
    let data = trainer.data();
    let activation = config.hidden_activation;
    let widths = config.widths().to_vec();
    let hidden_units: usize = widths.iter().sum();
    // (largest pre-activation, Σ|terms| of the sum that made it) of every unit and of the output.
    let mut largest = vec![(f64::NEG_INFINITY, 0.0); hidden_units + 1];
    let mut sums = Vec::new();
    let mut smallest_output = f64::INFINITY;
    let mut output_size: f64 = 0.0;
    for &x in &data.x_scaled[data.fit.clone()] {
        sums.clear();
        let o = net.pass(x, &mut sums);
        smallest_output = smallest_output.min(o);
        output_size = output_size.max(sums[hidden_units].size);
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
    let dead = |(z, _): (f64, f64)| z <= 0.0;
    let count = |test: &dyn Fn((f64, f64)) -> bool| -> Vec<usize> {
        let mut start = 0;
        widths
            .iter()
            .map(|&width| {
                let units = start..start + width;
                start += width;
                if activation != Activation::Relu {
                    return 0;
                }
                largest[units].iter().filter(|&&m| test(m)).count()
            })
            .collect()
    };
    let dead_by_layer = count(&dead);
    let too_close_by_layer = count(&too_close);
    let maybe_dead_by_layer = count(&|m| dead(m) || too_close(m));
    let clearly_dead_by_layer = count(&|m| dead(m) && !too_close(m));
    let mse = |rows: std::ops::Range<usize>| {
        let count = rows.len() as f64;
        rows.map(|row| {
            let prediction =
                plain_output_activation(config.output_activation, net.output(data.x_scaled[row]));
            (prediction - f64::from(data.y_scaled[row])).powi(2)
        })
        .sum::<f64>()
            / count
    };
    let loss = if data.validation.is_empty() {
        mse(data.fit.clone())
    } else {
        mse(data.validation.clone())
    };
    let fit_loss = mse(data.fit.clone());
    Verdict {
        dead_by_layer,
        too_close_by_layer,
        maybe_dead_by_layer,
        clearly_dead_by_layer,
        widths,
        output_dead: config.output_activation == OutputActivation::Relu && largest_output.0 <= 0.0,
        output_too_close: too_close(largest_output),
        output_range: (smallest_output, largest_output.0),
        output_rounding: 1e-5 * output_size,
        loss,
        fit_loss,
    }
}

/// The largest training loss the lab should call a fit, recomputed plainly from the training
/// points (x in any units, y as the network sees it): 2% of var(y) (where y is the same at every
/// point, 2% of the mean of y², or 0.02 when y is 0 everywhere), or, with 20 points or more,
/// the lower of the least-squares line's loss and the Gasser–Sroka–Jennen-Steinmetz noise
/// estimate (each inner point of the x-sorted data against the straight line through its two
/// neighbours, at one x against their mean), times 1 + 4/√n, whichever is higher.
pub fn fit_limit(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (mx, my) = (mean(x), mean(y));
    let variance = y.iter().map(|v| (v - my).powi(2)).sum::<f64>() / n;
    let mean_square = y.iter().map(|v| v * v).sum::<f64>() / n;
    let close = if variance <= f64::EPSILON * mean_square {
        0.02 * if mean_square > 0.0 { mean_square } else { 1.0 }
    } else {
        0.02 * variance
    };
    if x.len() < 20 {
        return close;
    }
    // The line: slope = cov(x, y) / var(x); its loss = var(y) − cov² / var(x).
    let cov = x
        .iter()
        .zip(y)
        .map(|(a, b)| (a - mx) * (b - my))
        .sum::<f64>()
        / n;
    let var_x = x.iter().map(|a| (a - mx).powi(2)).sum::<f64>() / n;
    let line = if var_x > 0.0 {
        (variance - cov * cov / var_x).max(0.0)
    } else {
        variance
    };
    let mut points: Vec<(f64, f64)> = x.iter().copied().zip(y.iter().copied()).collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut total = 0.0;
    for w in points.windows(3) {
        let ((x0, y0), (x1, y1), (x2, y2)) = (w[0], w[1], w[2]);
        let (predicted, a, b) = if x2 > x0 {
            let a = (x2 - x1) / (x2 - x0);
            (y0 + (y2 - y0) * (x1 - x0) / (x2 - x0), a, 1.0 - a)
        } else {
            ((y0 + y2) / 2.0, 0.5, 0.5)
        };
        total += (predicted - y1).powi(2) / (a * a + b * b + 1.0);
    }
    let noise = total / (n - 2.0);
    close.max(noise.min(line) * (1.0 + 4.0 / n.sqrt()))
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
