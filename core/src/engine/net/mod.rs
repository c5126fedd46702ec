//! The network 1 → widths → 1: where each layer's parameters live, Keras' initialisation, the hidden
//! activations, and the forward/backward kernels.
//!
//! Parameters live in one flat `Vec<f32>`: for each layer in order (hidden layers, then the output
//! unit) its kernel in Keras' `(inputs, units)` row-major layout, then its bias; then, for PReLU, the
//! learned slopes of every hidden unit. One hidden layer of H units is `[w; H] [b; H] [v; H] [c]`.
//! The optimisers update the vector in one contiguous pass, and every per-unit loop runs over
//! contiguous memory and vectorises.

pub mod activation;
pub mod batch_norm;
pub mod init;
pub mod kernels;
pub mod lanes;

use crate::engine::config::{Activation, Config, OutputActivation};
use std::ops::Range;

pub(crate) use activation::with_activation;
pub use activation::{activate, HiddenActivation};

/// Where one layer's parameters are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerSlots {
    pub inputs: usize,
    pub units: usize,
    /// `inputs × units`, row-major: the weight from input i to unit j is `kernel[i · units + j]`.
    pub kernel: Range<usize>,
    pub bias: Range<usize>,
}

/// The layout of a network's parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    /// Hidden layers, then the output layer.
    layers: Vec<LayerSlots>,
    /// PReLU's learned slopes of every hidden unit, layer after layer (empty otherwise).
    slopes: Range<usize>,
    /// Where each hidden layer's units start in a per-unit buffer (pre-activations, values).
    unit_offsets: Vec<usize>,
    hidden_units: usize,
    /// Batch normalization's γ then β of every hidden unit (empty without it).
    norm: Range<usize>,
    /// Its moving mean then moving variance of every hidden unit (empty without it).
    moving: Range<usize>,
    total: usize,
}

/// Whether the hidden units' negative slopes are parameters (PReLU) or fixed by the activation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slopes {
    /// Trained, one per hidden unit, after the kernels and biases (PReLU's alpha).
    Learned,
    Fixed,
}

impl Shape {
    pub fn new(widths: &[usize], slopes: Slopes) -> Shape {
        let learned_slopes = slopes == Slopes::Learned;
        let mut layers = Vec::with_capacity(widths.len() + 1);
        let mut unit_offsets = Vec::with_capacity(widths.len());
        let (mut inputs, mut next, mut hidden_units) = (1, 0, 0);
        for &units in widths.iter().chain(std::iter::once(&1)) {
            let kernel = next..next + inputs * units;
            let bias = kernel.end..kernel.end + units;
            next = bias.end;
            layers.push(LayerSlots {
                inputs,
                units,
                kernel,
                bias,
            });
            inputs = units;
        }
        for &units in widths {
            unit_offsets.push(hidden_units);
            hidden_units += units;
        }
        let slopes = if learned_slopes {
            next..next + hidden_units
        } else {
            next..next
        };
        Shape {
            layers,
            total: slopes.end,
            norm: slopes.end..slopes.end,
            moving: slopes.end..slopes.end,
            slopes,
            unit_offsets,
            hidden_units,
        }
    }

    /// The same network with batch normalization before each hidden activation: γ and β of every
    /// hidden unit, then its moving mean and variance, after everything else (so the layout of the
    /// rest, and every kernel reading it, is unchanged).
    pub fn with_batch_norm(mut self) -> Shape {
        if self.batch_norm() {
            return self;
        }
        let start = self.total;
        self.norm = start..start + 2 * self.hidden_units;
        self.moving = self.norm.end..self.norm.end + 2 * self.hidden_units;
        self.total = self.moving.end;
        self
    }

    /// Whether batch normalization sits before each hidden activation.
    #[inline]
    pub fn batch_norm(&self) -> bool {
        !self.norm.is_empty()
    }

    /// γ of every hidden unit (as `units`), or nothing without batch normalization.
    #[inline]
    pub fn gammas(&self) -> Range<usize> {
        self.norm.start..self.norm.start + self.norm.len() / 2
    }

    /// β of every hidden unit.
    #[inline]
    pub fn betas(&self) -> Range<usize> {
        self.norm.start + self.norm.len() / 2..self.norm.end
    }

    /// The moving mean of every hidden unit's pre-activation.
    #[inline]
    pub fn moving_means(&self) -> Range<usize> {
        self.moving.start..self.moving.start + self.moving.len() / 2
    }

    /// The moving variance of every hidden unit's pre-activation.
    #[inline]
    pub fn moving_variances(&self) -> Range<usize> {
        self.moving.start + self.moving.len() / 2..self.moving.end
    }

    /// Parameters the optimiser updates: all but the moving statistics, which come first in the
    /// vector (`parameters[..trainable_count()]`).
    #[inline]
    pub fn trainable_count(&self) -> usize {
        self.moving.start.min(self.total)
    }

    pub fn of(config: &Config) -> Shape {
        let slopes = if config.hidden_activation == Activation::Prelu {
            Slopes::Learned
        } else {
            Slopes::Fixed
        };
        let shape = Shape::new(config.widths(), slopes);
        if config.batch_norm {
            shape.with_batch_norm()
        } else {
            shape
        }
    }

    /// Number of hidden layers.
    #[inline]
    pub fn depth(&self) -> usize {
        self.layers.len() - 1
    }

    /// Hidden layer `layer` (0-based), or the output layer at `depth()`.
    #[inline]
    pub fn layer(&self, layer: usize) -> &LayerSlots {
        &self.layers[layer]
    }

    #[inline]
    pub fn output(&self) -> &LayerSlots {
        &self.layers[self.depth()]
    }

    /// Units of hidden layer `layer`.
    #[inline]
    pub fn width(&self, layer: usize) -> usize {
        self.layers[layer].units
    }

    /// Hidden units in all.
    #[inline]
    pub fn hidden_units(&self) -> usize {
        self.hidden_units
    }

    /// Where hidden layer `layer`'s units are in a per-unit buffer.
    #[inline]
    pub fn units(&self, layer: usize) -> Range<usize> {
        let start = self.unit_offsets[layer];
        start..start + self.layers[layer].units
    }

    /// PReLU's learned slopes, one per hidden unit (empty for other activations).
    #[inline]
    pub fn slopes(&self) -> Range<usize> {
        self.slopes.clone()
    }

    /// Number of parameters.
    #[inline]
    pub fn parameter_count(&self) -> usize {
        self.total
    }
}

/// The output unit: returns the prediction and dŷ/do for the pre-activation `pre`.
///
/// Keras' softmax over one unit is exp(o − max)/Σ = exactly 1 whatever o, and its gradient
/// (g − Σ g·s)·s is exactly 0: nothing reaches the network.
#[inline(always)]
pub fn output(activation: OutputActivation, pre: f32) -> (f32, f32) {
    match activation {
        OutputActivation::Linear => (pre, 1.0),
        OutputActivation::Relu => {
            if pre > 0.0 {
                (pre, 1.0)
            } else {
                (0.0, 0.0)
            }
        }
        OutputActivation::Sigmoid => {
            let value = 1.0 / (1.0 + libm::expf(-pre));
            (value, value * (1.0 - value))
        }
        OutputActivation::Softmax => (1.0, 0.0),
    }
}
