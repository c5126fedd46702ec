//! The values of a formula (postfix operations on a stack, `libm` for every function: the same bits
//! natively and in wasm), and whether a value can be a target.

use super::{Formula, Function, Op};
pub use crate::engine::bounds::{judge, NotFiniteKind};

/// The first x where a formula is not a usable target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NotFinite {
    pub x: f64,
    pub kind: NotFiniteKind,
}

impl Function {
    pub(super) fn apply(self, v: f64) -> f64 {
        match self {
            Function::Abs => libm::fabs(v),
            Function::Sqrt => libm::sqrt(v),
            Function::Exp => libm::exp(v),
            Function::Log => libm::log(v),
            Function::Sin => libm::sin(v),
            Function::Cos => libm::cos(v),
            Function::Tan => libm::tan(v),
            Function::Tanh => libm::tanh(v),
            Function::Step => {
                if v.is_nan() {
                    f64::NAN
                } else if v < 0.0 {
                    0.0
                } else {
                    1.0
                }
            }
        }
    }
}

impl Formula {
    /// The value at `x`.
    pub fn eval(&self, x: f64) -> f64 {
        let mut stack = Vec::with_capacity(8);
        self.eval_with(x, &mut stack)
    }

    /// The values at every x (one stack for all).
    pub fn eval_all(&self, xs: &[f64]) -> Vec<f64> {
        let mut stack = Vec::with_capacity(8);
        xs.iter().map(|&x| self.eval_with(x, &mut stack)).collect()
    }

    fn eval_with(&self, x: f64, stack: &mut Vec<f64>) -> f64 {
        stack.clear();
        for op in &self.ops {
            let value = match *op {
                Op::Number(v) => v,
                Op::X => x,
                Op::Pi => std::f64::consts::PI,
                Op::E => std::f64::consts::E,
                Op::Negate => -stack.pop().unwrap_or(f64::NAN),
                Op::Call(function) => function.apply(stack.pop().unwrap_or(f64::NAN)),
                binary => {
                    let b = stack.pop().unwrap_or(f64::NAN);
                    let a = stack.pop().unwrap_or(f64::NAN);
                    match binary {
                        Op::Add => a + b,
                        Op::Subtract => a - b,
                        Op::Multiply => a * b,
                        Op::Divide => a / b,
                        Op::Power => libm::pow(a, b),
                        Op::Min => smaller(a, b),
                        _ => larger(a, b),
                    }
                }
            };
            stack.push(value);
        }
        stack.pop().unwrap_or(f64::NAN)
    }

    /// The first x of `xs` where the formula is NaN, infinite or beyond float32, if any.
    pub fn check_on(&self, xs: &[f64]) -> Option<NotFinite> {
        let mut stack = Vec::with_capacity(8);
        xs.iter()
            .find_map(|&x| judge(self.eval_with(x, &mut stack)).map(|kind| NotFinite { x, kind }))
    }
}

/// min and max that pass NaN on (as NumPy's `minimum`/`maximum`) and are the same on every platform.
fn smaller(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if b < a {
        b
    } else {
        a
    }
}

fn larger(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if b > a {
        b
    } else {
        a
    }
}
