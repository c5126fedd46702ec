//! A target function typed as a formula in `x`: `abs(x)`, `x^2`, `sin(2*pi*x)`, …
//!
//! A small parser of ours (no dependency): numbers (`2`, `.5`, `1e-3`), `+ - * / ^` (`^` binds
//! tightest and to the right, unary minus below it: `-x^2` is `-(x^2)`, `2^-1` is `0.5`),
//! parentheses, the functions `abs sqrt exp log sin cos tan tanh step` (one value) and `min max` (two),
//! and the constants `pi`, `e`. It compiles to postfix operations, so evaluating, printing and
//! dropping never recurse; only the parser does, and its nesting is bounded (`MAX_NESTING`), as is
//! the text (`MAX_FORMULA_CHARS`). Evaluation uses `libm` for every function and `libm::pow` for `^`,
//! so the page (wasm) and the runner (native) compute the same bits. Errors are typed
//! ([`FormulaError`]) and say where (a character position); `engine::config` words them (in either
//! language) and turns them into notices: this module imports nothing of the configuration.
//!
//! Files: `limits` (the bounds: a leaf), `lexer` (text to tokens, and the length the limit
//! measures), `parser` (tokens to postfix operations, the typed errors), `eval` (the values, and
//! whether a value can be a target), `print` (the canonical text and NumPy's spelling).

mod eval;
mod lexer;
pub mod limits;
mod parser;
mod print;

pub use eval::{judge, NotFinite, NotFiniteKind};
pub use limits::{MAX_FORMULA_CHARS, MAX_NESTING};
pub use parser::{FormulaError, FormulaErrorKind};
pub use print::number_text;

/// The seed's target (`y = 2x`): the default of the `f` key.
pub const DEFAULT_FORMULA: &str = "2*x";
/// Problems a menu can offer: the formula, and the link (run keys) that shows it off. `abs(x)` on
/// both signs of x (two units suffice), `x^2` (many kinks), a step, and the textbook over-fitting
/// example: 10 points of sin(2πx) on [0, 1] with noise σ = 0.3.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("2*x", ""),
    (
        "abs(x)",
        "f=abs(x)&data=uniform&lo=-1&hi=1&n=200&train=200&out=linear&epochs=200",
    ),
    (
        "x^2",
        "f=x^2&data=uniform&lo=-1&hi=1&n=200&train=200&out=linear&epochs=200",
    ),
    (
        "step(x)",
        "f=step(x)&data=uniform&lo=-1&hi=1&n=200&train=200&out=linear&epochs=200",
    ),
    (
        "sin(2*pi*x)",
        "f=sin(2*pi*x)&data=uniform&lo=0&hi=1&n=10&train=10&vsplit=0&noise=0.3&out=linear&epochs=2000",
    ),
];

/// A function of one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    Abs,
    Sqrt,
    Exp,
    Log,
    Sin,
    Cos,
    Tan,
    Tanh,
    /// Heaviside: 0 below 0, 1 from 0 on (NumPy's `np.heaviside(x, 1)`).
    Step,
}

impl Function {
    const ALL: [(Function, &'static str, &'static str); 9] = [
        (Function::Abs, "abs", "np.abs"),
        (Function::Sqrt, "sqrt", "np.sqrt"),
        (Function::Exp, "exp", "np.exp"),
        (Function::Log, "log", "np.log"),
        (Function::Sin, "sin", "np.sin"),
        (Function::Cos, "cos", "np.cos"),
        (Function::Tan, "tan", "np.tan"),
        (Function::Tanh, "tanh", "np.tanh"),
        (Function::Step, "step", "np.heaviside"),
    ];

    pub(super) fn named(name: &str) -> Option<Function> {
        Function::ALL
            .iter()
            .find(|(_, text, _)| *text == name)
            .map(|(f, _, _)| *f)
    }

    pub(super) fn spelling(self, python: bool) -> &'static str {
        let (_, text, numpy) = Function::ALL[self as usize];
        if python {
            numpy
        } else {
            text
        }
    }
}

/// One postfix operation.
#[derive(Clone, Copy, Debug)]
pub(super) enum Op {
    Number(f64),
    X,
    Pi,
    E,
    Negate,
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
    Call(Function),
    Min,
    Max,
}

impl PartialEq for Op {
    fn eq(&self, other: &Op) -> bool {
        match (self, other) {
            // By bits: a formula is the same formula only if it computes the same numbers.
            (Op::Number(a), Op::Number(b)) => a.to_bits() == b.to_bits(),
            (Op::Call(a), Op::Call(b)) => a == b,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

/// A parsed formula in `x`. Its `Display` is the canonical text, which parses back to the same
/// formula.
#[derive(Clone, Debug, PartialEq)]
pub struct Formula {
    ops: Vec<Op>,
}

impl Default for Formula {
    /// `2*x`: the seed's target.
    fn default() -> Formula {
        Formula {
            ops: vec![Op::Number(2.0), Op::X, Op::Multiply],
        }
    }
}

impl Formula {
    /// Whether this is the seed's `2*x` (then the `slope` and `intercept` keys make the target).
    pub fn is_default(&self) -> bool {
        *self == Formula::default()
    }
}

#[cfg(test)]
mod tests;
