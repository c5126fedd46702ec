//! A formula printed back: its canonical text (which parses to the same formula) and NumPy's spelling
//! for the Keras export.

use super::{Formula, Function, Op};
use std::fmt;

impl Formula {
    /// The formula as NumPy (`np.abs(x)`, `x**2`), for the Keras export.
    pub fn to_numpy(&self) -> String {
        self.write(true)
    }

    /// Prints the postfix operations back as text with as few parentheses as keep the same tree.
    fn write(&self, python: bool) -> String {
        // Each entry: the text and its precedence (1 sum, 2 product, 3 sign, 4 power, 5 atom).
        let mut stack: Vec<(String, u8)> = Vec::new();
        fn pop(stack: &mut Vec<(String, u8)>) -> (String, u8) {
            stack.pop().unwrap_or_default()
        }
        fn wrap((text, _): (String, u8), needs: bool) -> String {
            if needs {
                format!("({text})")
            } else {
                text
            }
        }
        for op in &self.ops {
            let entry = match *op {
                Op::Number(v) => (number_text(v), 5),
                Op::X => ("x".to_string(), 5),
                Op::Pi => ((if python { "np.pi" } else { "pi" }).to_string(), 5),
                Op::E => ((if python { "np.e" } else { "e" }).to_string(), 5),
                Op::Negate => {
                    let a = pop(&mut stack);
                    let needs = a.1 < 3;
                    (format!("-{}", wrap(a, needs)), 3)
                }
                Op::Call(function) => {
                    let a = pop(&mut stack).0;
                    let name = function.spelling(python);
                    if python && function == Function::Step {
                        (format!("{name}({a}, 1.0)"), 5)
                    } else {
                        (format!("{name}({a})"), 5)
                    }
                }
                Op::Min | Op::Max => {
                    let b = pop(&mut stack).0;
                    let a = pop(&mut stack).0;
                    let name = match (*op == Op::Min, python) {
                        (true, false) => "min",
                        (false, false) => "max",
                        (true, true) => "np.minimum",
                        (false, true) => "np.maximum",
                    };
                    let comma = if python { ", " } else { "," };
                    (format!("{name}({a}{comma}{b})"), 5)
                }
                Op::Power => {
                    let b = pop(&mut stack);
                    let a = pop(&mut stack);
                    let (needs_a, needs_b) = (a.1 <= 4, b.1 < 3);
                    let symbol = if python { "**" } else { "^" };
                    (
                        format!("{}{symbol}{}", wrap(a, needs_a), wrap(b, needs_b)),
                        4,
                    )
                }
                binary => {
                    let b = pop(&mut stack);
                    let a = pop(&mut stack);
                    let (symbol, prec) = match binary {
                        Op::Add => ("+", 1),
                        Op::Subtract => ("-", 1),
                        Op::Multiply => ("*", 2),
                        _ => ("/", 2),
                    };
                    let (needs_a, needs_b) = (a.1 < prec, b.1 <= prec);
                    let (a, b) = (wrap(a, needs_a), wrap(b, needs_b));
                    if python && prec == 1 {
                        (format!("{a} {symbol} {b}"), prec)
                    } else {
                        (format!("{a}{symbol}{b}"), prec)
                    }
                }
            };
            stack.push(entry);
        }
        stack.pop().map(|(text, _)| text).unwrap_or_default()
    }
}

/// The canonical text: `parse(f.to_string()) == f`.
impl fmt::Display for Formula {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.write(false))
    }
}

/// A short text that reads back as exactly `value` (`0.001`, `1e-7`, `2`): Rust prints the shortest
/// round-trip digits, plain or in exponent form; the plain one unless the other is 2 shorter.
pub fn number_text(value: f64) -> String {
    let plain = format!("{value}");
    let exponent = format!("{value:e}");
    if exponent.len() + 1 < plain.len() {
        exponent
    } else {
        plain
    }
}
