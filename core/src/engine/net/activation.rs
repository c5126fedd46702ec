//! Hidden activations as the kernels need them: the value and the derivative, given the
//! pre-activation z, the value f(z) and the unit's slope below 0 (`leaky_relu`'s alpha, or PReLU's
//! learned alpha; the others ignore it). One type per activation, so each kernel is monomorphised.
//! The page's build (feature `compact`) keeps that copy for ReLU only: every other activation runs
//! one copy that matches the activation per value (`Dynamic`), the same operations in the same
//! order, so the same bits, about 20% slower, and a page that downloads less.
//!
//! Formulas and gradients follow Keras 3 / TensorFlow: relu's gradient at exactly 0 is 0 (TF's
//! `ReluGrad` multiplies by `z > 0`); elu's alpha is 1; selu's constants are Keras'.

use crate::engine::config::Activation;

/// A hidden activation: value and derivative.
pub trait HiddenActivation {
    /// Whether the slope below 0 is a learned parameter (PReLU).
    #[inline(always)]
    fn learned_slope() -> bool {
        false
    }
    /// Whether the value is cheap enough to compute twice (piecewise linear) rather than store.
    const CHEAP: bool = false;
    fn value(z: f32, slope: f32) -> f32;
    /// df/dz given z, f(z) and the slope.
    fn derivative(z: f32, value: f32, slope: f32) -> f32;
    /// df/d(slope) (PReLU only).
    #[inline(always)]
    fn slope_gradient(_z: f32) -> f32 {
        0.0
    }
}

pub struct Relu;
pub struct LeakyRelu;
pub struct Prelu;
pub struct Elu;
pub struct Selu;
pub struct Tanh;
pub struct Sigmoid;
pub struct Identity;

impl HiddenActivation for Relu {
    const CHEAP: bool = true;
    #[inline(always)]
    fn value(z: f32, _: f32) -> f32 {
        if z > 0.0 {
            z
        } else {
            0.0
        }
    }
    #[inline(always)]
    fn derivative(z: f32, _: f32, _: f32) -> f32 {
        if z > 0.0 {
            1.0
        } else {
            0.0
        }
    }
}

impl HiddenActivation for LeakyRelu {
    const CHEAP: bool = true;
    #[inline(always)]
    fn value(z: f32, slope: f32) -> f32 {
        if z > 0.0 {
            z
        } else {
            slope * z
        }
    }
    #[inline(always)]
    fn derivative(z: f32, _: f32, slope: f32) -> f32 {
        if z > 0.0 {
            1.0
        } else {
            slope
        }
    }
}

/// Keras' `PReLU`: relu(z) − alpha·relu(−z), alpha learned per unit (initialised to 0 as Keras does).
impl HiddenActivation for Prelu {
    const CHEAP: bool = true;
    #[inline(always)]
    fn learned_slope() -> bool {
        true
    }
    #[inline(always)]
    fn value(z: f32, slope: f32) -> f32 {
        if z > 0.0 {
            z
        } else {
            slope * z
        }
    }
    #[inline(always)]
    fn derivative(z: f32, _: f32, slope: f32) -> f32 {
        if z > 0.0 {
            1.0
        } else if z < 0.0 {
            slope
        } else {
            0.0
        }
    }
    #[inline(always)]
    fn slope_gradient(z: f32) -> f32 {
        if z < 0.0 {
            z
        } else {
            0.0
        }
    }
}

impl HiddenActivation for Elu {
    #[inline(always)]
    fn value(z: f32, _: f32) -> f32 {
        if z > 0.0 {
            z
        } else {
            libm::expm1f(z)
        }
    }
    #[inline(always)]
    fn derivative(z: f32, value: f32, _: f32) -> f32 {
        if z > 0.0 {
            1.0
        } else {
            value + 1.0
        }
    }
}

/// Keras' selu: `scale · elu(z, alpha)`.
pub const SELU_ALPHA: f32 = 1.673_263_2;
pub const SELU_SCALE: f32 = 1.050_701;

impl HiddenActivation for Selu {
    #[inline(always)]
    fn value(z: f32, _: f32) -> f32 {
        if z > 0.0 {
            SELU_SCALE * z
        } else {
            SELU_SCALE * (SELU_ALPHA * libm::expm1f(z))
        }
    }
    #[inline(always)]
    fn derivative(z: f32, value: f32, _: f32) -> f32 {
        if z > 0.0 {
            SELU_SCALE
        } else {
            value + SELU_SCALE * SELU_ALPHA
        }
    }
}

impl HiddenActivation for Tanh {
    #[inline(always)]
    fn value(z: f32, _: f32) -> f32 {
        libm::tanhf(z)
    }
    #[inline(always)]
    fn derivative(_: f32, value: f32, _: f32) -> f32 {
        1.0 - value * value
    }
}

impl HiddenActivation for Sigmoid {
    #[inline(always)]
    fn value(z: f32, _: f32) -> f32 {
        1.0 / (1.0 + libm::expf(-z))
    }
    #[inline(always)]
    fn derivative(_: f32, value: f32, _: f32) -> f32 {
        value * (1.0 - value)
    }
}

impl HiddenActivation for Identity {
    const CHEAP: bool = true;
    #[inline(always)]
    fn value(z: f32, _: f32) -> f32 {
        z
    }
    #[inline(always)]
    fn derivative(_: f32, _: f32, _: f32) -> f32 {
        1.0
    }
}

/// Calls `$body` with the kernel type `$A` matching a runtime `Activation`: one dispatch per batch,
/// monomorphised loops inside. With `compact` (the page's build): ReLU's copy, and one `Dynamic`
/// copy for the others.
macro_rules! with_activation {
    ($activation:expr, $A:ident => $body:expr) => {{
        use $crate::engine::config::Activation as Act;
        use $crate::engine::net::activation as kinds;
        match $activation {
            Act::Relu => {
                type $A = kinds::Relu;
                $body
            }
            #[cfg(feature = "compact")]
            other => {
                let _now = kinds::Dynamic::enter(other);
                type $A = kinds::Dynamic;
                $body
            }
            #[cfg(not(feature = "compact"))]
            Act::LeakyRelu => {
                type $A = kinds::LeakyRelu;
                $body
            }
            #[cfg(not(feature = "compact"))]
            Act::Prelu => {
                type $A = kinds::Prelu;
                $body
            }
            #[cfg(not(feature = "compact"))]
            Act::Elu => {
                type $A = kinds::Elu;
                $body
            }
            #[cfg(not(feature = "compact"))]
            Act::Selu => {
                type $A = kinds::Selu;
                $body
            }
            #[cfg(not(feature = "compact"))]
            Act::Tanh => {
                type $A = kinds::Tanh;
                $body
            }
            #[cfg(not(feature = "compact"))]
            Act::Sigmoid => {
                type $A = kinds::Sigmoid;
                $body
            }
            #[cfg(not(feature = "compact"))]
            Act::Linear => {
                type $A = kinds::Identity;
                $body
            }
        }
    }};
}

pub(crate) use with_activation;

/// The value of a hidden activation, for drawing and checks (not in the hot loop).
pub fn activate(activation: Activation, z: f32, slope: f32) -> f32 {
    with_activation!(activation, A => A::value(z, slope))
}

/// Every activation in one type (feature `compact`): the activation of the kernel running now is
/// set by `with_activation!` (`enter`, undone when its guard drops) and matched per value. Each
/// match arm is the activation's own function, so the results are the same bits as its own copy.
#[cfg(feature = "compact")]
pub struct Dynamic;

#[cfg(feature = "compact")]
std::thread_local! {
    static NOW: std::cell::Cell<Activation> = const { std::cell::Cell::new(Activation::Relu) };
}

/// Puts back the activation that ran before (`Dynamic::enter`).
#[cfg(feature = "compact")]
pub struct Entered(Activation);

#[cfg(feature = "compact")]
impl Drop for Entered {
    fn drop(&mut self) {
        NOW.with(|now| now.set(self.0));
    }
}

#[cfg(feature = "compact")]
impl Dynamic {
    /// `Dynamic` computes `activation` until the guard drops.
    #[inline]
    pub fn enter(activation: Activation) -> Entered {
        Entered(NOW.with(|now| now.replace(activation)))
    }
    #[inline(always)]
    fn now() -> Activation {
        NOW.with(|now| now.get())
    }
}

#[cfg(feature = "compact")]
macro_rules! each_activation {
    ($method:ident($($arg:expr),*)) => {
        match Dynamic::now() {
            Activation::Relu => Relu::$method($($arg),*),
            Activation::LeakyRelu => LeakyRelu::$method($($arg),*),
            Activation::Prelu => Prelu::$method($($arg),*),
            Activation::Elu => Elu::$method($($arg),*),
            Activation::Selu => Selu::$method($($arg),*),
            Activation::Tanh => Tanh::$method($($arg),*),
            Activation::Sigmoid => Sigmoid::$method($($arg),*),
            Activation::Linear => Identity::$method($($arg),*),
        }
    };
}

#[cfg(feature = "compact")]
impl HiddenActivation for Dynamic {
    #[inline(always)]
    fn learned_slope() -> bool {
        each_activation!(learned_slope())
    }
    #[inline(always)]
    fn value(z: f32, slope: f32) -> f32 {
        each_activation!(value(z, slope))
    }
    #[inline(always)]
    fn derivative(z: f32, value: f32, slope: f32) -> f32 {
        each_activation!(derivative(z, value, slope))
    }
    #[inline(always)]
    fn slope_gradient(z: f32) -> f32 {
        each_activation!(slope_gradient(z))
    }
}
