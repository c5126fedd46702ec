//! A target function typed as a formula in `x`: `abs(x)`, `x^2`, `sin(2*pi*x)`, …
//!
//! A small parser of ours (no dependency): numbers (`2`, `.5`, `1e-3`), `+ - * / ^` (`^` binds
//! tightest and to the right, unary minus below it: `-x^2` is `-(x^2)`, `2^-1` is `0.5`),
//! parentheses, the functions `abs sqrt exp log sin cos tan tanh step` (one value) and `min max` (two),
//! and the constants `pi`, `e`. It compiles to postfix operations, so evaluating, printing and
//! dropping never recurse; only the parser does, and its nesting is bounded (`MAX_NESTING`), as is
//! the text (`MAX_FORMULA_CHARS`). Evaluation uses `libm` for every function and `libm::pow` for `^`,
//! so the page (wasm) and the runner (native) compute the same bits. Errors are typed
//! ([`FormulaError`]) and say where (a character position), so the page can word them in either
//! language ([`FormulaError::phrase`]).

use super::config::{Language, Phrase, Word};
use crate::i18n;
use std::fmt;

/// The longest formula, in characters as typed. The canonical text of a formula can be longer than
/// what was typed (`π` prints `pi`, `.5` prints `0.5`), so the limit is measured the same on both
/// (`measured_length`): a formula typed within it is never refused when its canonical text comes
/// back, from a link or the formula box.
pub const MAX_FORMULA_CHARS: usize = 1000;
/// No text longer than this is read at all (a bound on the work of reading; the measured length
/// of any text up to it is at least a third of it).
const MAX_READ_CHARS: usize = 3 * MAX_FORMULA_CHARS;
/// The deepest nesting of parentheses, function calls, signs and powers.
pub const MAX_NESTING: usize = 64;
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

    fn named(name: &str) -> Option<Function> {
        Function::ALL
            .iter()
            .find(|(_, text, _)| *text == name)
            .map(|(f, _, _)| *f)
    }

    fn spelling(self, python: bool) -> &'static str {
        let (_, text, numpy) = Function::ALL[self as usize];
        if python {
            numpy
        } else {
            text
        }
    }

    fn apply(self, v: f64) -> f64 {
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

/// One postfix operation.
#[derive(Clone, Copy, Debug)]
enum Op {
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

/// What is wrong with a formula's text.
#[derive(Clone, Debug, PartialEq)]
pub enum FormulaErrorKind {
    Empty,
    TooLong,
    TooDeep,
    /// A character that is not part of any formula.
    Unexpected(char),
    /// A name that is not `x`, a constant or a function.
    UnknownName(String),
    /// A value (number, `x`, function, `(`) was expected here.
    ExpectedValue,
    /// Two values in a row (`2x`, `x x`): an operator was expected.
    ExpectedOperator,
    /// A `(` is not closed.
    MissingClose,
    /// A `)` without its `(`.
    UnmatchedClose,
    /// A number that does not read (`1e`, `1.2.3`, too large).
    BadNumber(String),
    /// A function called with the wrong number of values.
    WrongArguments {
        name: &'static str,
        takes: usize,
    },
    /// A function name without `(`.
    NeedsParentheses(String),
}

/// Where and why a formula's text does not parse. `at` is the position of the character (from 0).
#[derive(Clone, Debug, PartialEq)]
pub struct FormulaError {
    pub at: usize,
    pub kind: FormulaErrorKind,
}

/// Why a formula cannot be a target at some x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotFiniteKind {
    /// Not a number (`log(-1)`, `0/0`).
    NotANumber,
    /// Infinite (`1/0`, `exp(1000)`).
    Infinite,
    /// Finite in f64 but beyond float32, which the network (as Keras) computes in.
    BeyondFloat32,
}

/// The first x where a formula is not a usable target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NotFinite {
    pub x: f64,
    pub kind: NotFiniteKind,
}

impl FormulaError {
    /// The error in words: what and where (positions counted from 1 for people).
    pub fn phrase(&self) -> Phrase {
        use FormulaErrorKind as K;
        let why = match &self.kind {
            K::Empty => Phrase::new(i18n::FORMULA_EMPTY, &[]),
            K::TooLong => Phrase::new(i18n::FORMULA_TOO_LONG, &[&MAX_FORMULA_CHARS]),
            K::TooDeep => Phrase::new(i18n::FORMULA_TOO_DEEP, &[&MAX_NESTING]),
            K::Unexpected(c) => Phrase::new(i18n::FORMULA_UNEXPECTED, &[c]),
            K::UnknownName(name) => Phrase::new(i18n::FORMULA_UNKNOWN_NAME, &[name]),
            K::ExpectedValue => Phrase::new(i18n::FORMULA_EXPECTED_VALUE, &[]),
            K::ExpectedOperator => Phrase::new(i18n::FORMULA_EXPECTED_OPERATOR, &[]),
            K::MissingClose => Phrase::new(i18n::FORMULA_MISSING_CLOSE, &[]),
            K::UnmatchedClose => Phrase::new(i18n::FORMULA_UNMATCHED_CLOSE, &[]),
            K::BadNumber(text) => Phrase::new(i18n::FORMULA_BAD_NUMBER, &[text]),
            K::WrongArguments { name, takes } => {
                Phrase::new(i18n::FORMULA_WRONG_ARGUMENTS, &[name, takes])
            }
            K::NeedsParentheses(name) => Phrase::new(i18n::FORMULA_NEEDS_PARENTHESES, &[name]),
        };
        Phrase {
            text: i18n::FORMULA_AT,
            values: vec![Word::Plain((self.at + 1).to_string()), Word::Phrase(why)],
        }
    }

    pub fn text(&self, language: Language) -> String {
        self.phrase().render(language)
    }
}

impl NotFinite {
    /// Why the formula is refused, in words: what it is, at which x.
    pub fn phrase(&self) -> Phrase {
        let text = match self.kind {
            NotFiniteKind::NotANumber => i18n::FORMULA_NAN_AT,
            NotFiniteKind::Infinite => i18n::FORMULA_INFINITE_AT,
            NotFiniteKind::BeyondFloat32 => i18n::FORMULA_BEYOND_FLOAT32_AT,
        };
        Phrase::new(text, &[&self.x])
    }
}

/// What a value is, as a target: usable, or why not.
pub fn judge(value: f64) -> Option<NotFiniteKind> {
    if value.is_nan() {
        Some(NotFiniteKind::NotANumber)
    } else if value.is_infinite() {
        Some(NotFiniteKind::Infinite)
    } else if libm::fabs(value) > f64::from(f32::MAX) {
        Some(NotFiniteKind::BeyondFloat32)
    } else {
        None
    }
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
    /// Reads a formula in `x`.
    pub fn parse(text: &str) -> Result<Formula, FormulaError> {
        let chars: Vec<char> = text.chars().take(MAX_READ_CHARS + 1).collect();
        let too_long = |at| {
            Err(FormulaError {
                at,
                kind: FormulaErrorKind::TooLong,
            })
        };
        if chars.len() > MAX_READ_CHARS {
            return too_long(MAX_FORMULA_CHARS);
        }
        let tokens = lex(&chars)?;
        if let Some(at) = past_the_limit(&chars, &tokens) {
            return too_long(at);
        }
        if tokens.is_empty() {
            return Err(FormulaError {
                at: 0,
                kind: FormulaErrorKind::Empty,
            });
        }
        let mut parser = Parser {
            tokens: &tokens,
            next: 0,
            depth: 0,
            ops: Vec::new(),
            end: chars.len(),
        };
        parser.expression()?;
        if let Some(token) = parser.peek() {
            let kind = match token.kind {
                TokenKind::Close => FormulaErrorKind::UnmatchedClose,
                TokenKind::Comma => FormulaErrorKind::Unexpected(','),
                _ => FormulaErrorKind::ExpectedOperator,
            };
            return Err(FormulaError { at: token.at, kind });
        }
        Ok(Formula { ops: parser.ops })
    }

    /// Whether this is the seed's `2*x` (then the `slope` and `intercept` keys make the target).
    pub fn is_default(&self) -> bool {
        *self == Formula::default()
    }

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

#[derive(Clone, Debug, PartialEq)]
enum TokenKind {
    Number(f64),
    Name(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    Open,
    Close,
    Comma,
}

#[derive(Clone, Debug)]
struct Token {
    kind: TokenKind,
    at: usize,
    /// Characters it was typed with.
    len: usize,
}

/// How long `chars` is against `MAX_FORMULA_CHARS`: its characters, but each number counts as its
/// canonical text less 2 (at least 1; at most as typed) and `pi` as `π`, one character. Typed text
/// measures at most its characters; its canonical text measures no more than it did: a number's
/// canonical text is at most 2 longer than any way to type it (`12e9` prints `1.2e10`, `12e-5`
/// prints `0.00012`), the canonical text keeps only the parentheses the formula needs (which its
/// typed text had to have), and drops spaces. `None` within the limit, else where it is passed.
fn past_the_limit(chars: &[char], tokens: &[Token]) -> Option<usize> {
    let mut length = 0;
    let mut next = 0;
    for token in tokens {
        // Characters between tokens are spaces: one each.
        length += token.at - next;
        next = token.at + token.len;
        length += match &token.kind {
            TokenKind::Number(value) => number_text(*value)
                .len()
                .saturating_sub(2)
                .clamp(1, token.len),
            TokenKind::Name(name) if name == "pi" => 1,
            _ => token.len,
        };
        if length > MAX_FORMULA_CHARS {
            return Some(token.at);
        }
    }
    length += chars.len() - next;
    (length > MAX_FORMULA_CHARS).then_some(next)
}

fn lex(chars: &[char]) -> Result<Vec<Token>, FormulaError> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i;
        let simple = match c {
            '+' => Some(TokenKind::Plus),
            '-' | '−' => Some(TokenKind::Minus),
            '*' | '×' | '·' => Some(TokenKind::Star),
            '/' => Some(TokenKind::Slash),
            '^' => Some(TokenKind::Caret),
            '(' => Some(TokenKind::Open),
            ')' => Some(TokenKind::Close),
            ',' => Some(TokenKind::Comma),
            _ => None,
        };
        if let Some(kind) = simple {
            tokens.push(Token { kind, at, len: 1 });
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            // Digits and dots, then an exponent only when a digit follows `e` (so `2*e` is e).
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
                let sign = usize::from(matches!(chars.get(i + 1), Some('+') | Some('-')));
                if chars.get(i + 1 + sign).is_some_and(char::is_ascii_digit) {
                    i += 1 + sign;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            let text: String = chars[at..i].iter().collect();
            match text.parse::<f64>() {
                Ok(value) if value.is_finite() => tokens.push(Token {
                    kind: TokenKind::Number(value),
                    at,
                    len: i - at,
                }),
                _ => {
                    return Err(FormulaError {
                        at,
                        kind: FormulaErrorKind::BadNumber(text),
                    })
                }
            }
        } else if c.is_ascii_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let name: String = chars[at..i].iter().collect();
            tokens.push(Token {
                kind: TokenKind::Name(name),
                at,
                len: i - at,
            });
        } else if c == 'π' {
            tokens.push(Token {
                kind: TokenKind::Name("pi".into()),
                at,
                len: 1,
            });
            i += 1;
        } else {
            return Err(FormulaError {
                at,
                kind: FormulaErrorKind::Unexpected(c),
            });
        }
    }
    Ok(tokens)
}

struct Parser<'a> {
    tokens: &'a [Token],
    next: usize,
    depth: usize,
    ops: Vec<Op>,
    /// The text's length: where "missing" errors point when the text ends early.
    end: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next)
    }

    fn here(&self) -> usize {
        self.peek().map_or(self.end, |t| t.at)
    }

    fn error<T>(&self, kind: FormulaErrorKind) -> Result<T, FormulaError> {
        Err(FormulaError {
            at: self.here(),
            kind,
        })
    }

    fn eat(&mut self, kind: &TokenKind) -> bool {
        if self.peek().is_some_and(|t| t.kind == *kind) {
            self.next += 1;
            true
        } else {
            false
        }
    }

    /// sum := product (('+' | '-') product)*
    fn expression(&mut self) -> Result<(), FormulaError> {
        self.product()?;
        loop {
            let op = match self.peek().map(|t| &t.kind) {
                Some(TokenKind::Plus) => Op::Add,
                Some(TokenKind::Minus) => Op::Subtract,
                _ => return Ok(()),
            };
            self.next += 1;
            self.product()?;
            self.ops.push(op);
        }
    }

    /// product := signed (('*' | '/') signed)*
    fn product(&mut self) -> Result<(), FormulaError> {
        self.signed()?;
        loop {
            let op = match self.peek().map(|t| &t.kind) {
                Some(TokenKind::Star) => Op::Multiply,
                Some(TokenKind::Slash) => Op::Divide,
                _ => return Ok(()),
            };
            self.next += 1;
            self.signed()?;
            self.ops.push(op);
        }
    }

    /// signed := ('-' | '+') signed | power. Every nesting passes here, so the depth is counted here.
    fn signed(&mut self) -> Result<(), FormulaError> {
        if self.depth >= MAX_NESTING {
            return self.error(FormulaErrorKind::TooDeep);
        }
        self.depth += 1;
        let result = if self.eat(&TokenKind::Minus) {
            self.signed().map(|()| self.ops.push(Op::Negate))
        } else if self.eat(&TokenKind::Plus) {
            self.signed()
        } else {
            self.power()
        };
        self.depth -= 1;
        result
    }

    /// power := atom ('^' signed)?   (right-associative: the exponent may itself be a power)
    fn power(&mut self) -> Result<(), FormulaError> {
        self.atom()?;
        if self.eat(&TokenKind::Caret) {
            self.signed()?;
            self.ops.push(Op::Power);
        }
        Ok(())
    }

    fn atom(&mut self) -> Result<(), FormulaError> {
        let Some(token) = self.peek().cloned() else {
            return self.error(FormulaErrorKind::ExpectedValue);
        };
        self.next += 1;
        match token.kind {
            TokenKind::Number(value) => self.ops.push(Op::Number(value)),
            TokenKind::Open => {
                self.expression()?;
                self.close()?;
            }
            TokenKind::Name(name) => self.name(&name, token.at)?,
            _ => {
                self.next -= 1;
                return self.error(FormulaErrorKind::ExpectedValue);
            }
        }
        Ok(())
    }

    fn close(&mut self) -> Result<(), FormulaError> {
        if self.eat(&TokenKind::Close) {
            Ok(())
        } else if self.peek().is_none() {
            self.error(FormulaErrorKind::MissingClose)
        } else if self.peek().is_some_and(|t| t.kind == TokenKind::Comma) {
            self.error(FormulaErrorKind::Unexpected(','))
        } else {
            self.error(FormulaErrorKind::ExpectedOperator)
        }
    }

    fn name(&mut self, name: &str, at: usize) -> Result<(), FormulaError> {
        match name {
            "x" | "X" => self.ops.push(Op::X),
            "pi" => self.ops.push(Op::Pi),
            "e" => self.ops.push(Op::E),
            "min" | "max" => {
                let (op, name) = if name == "min" {
                    (Op::Min, "min")
                } else {
                    (Op::Max, "max")
                };
                self.open(name)?;
                self.expression()?;
                if !self.eat(&TokenKind::Comma) {
                    return self.wrong_arguments(name, 2);
                }
                self.expression()?;
                if self.peek().is_some_and(|t| t.kind == TokenKind::Comma) {
                    return self.wrong_arguments(name, 2);
                }
                self.close()?;
                self.ops.push(op);
            }
            _ => match Function::named(name) {
                Some(function) => {
                    let name = function.spelling(false);
                    self.open(name)?;
                    self.expression()?;
                    if self.peek().is_some_and(|t| t.kind == TokenKind::Comma) {
                        return self.wrong_arguments(name, 1);
                    }
                    self.close()?;
                    self.ops.push(Op::Call(function));
                }
                None => {
                    return Err(FormulaError {
                        at,
                        kind: FormulaErrorKind::UnknownName(name.to_string()),
                    })
                }
            },
        }
        Ok(())
    }

    fn open(&mut self, name: &str) -> Result<(), FormulaError> {
        if self.eat(&TokenKind::Open) {
            Ok(())
        } else {
            self.error(FormulaErrorKind::NeedsParentheses(name.to_string()))
        }
    }

    fn wrong_arguments(&self, name: &'static str, takes: usize) -> Result<(), FormulaError> {
        self.error(FormulaErrorKind::WrongArguments { name, takes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::test_cases::{long, Cases};

    fn f(text: &str) -> Formula {
        Formula::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
    }

    fn at(text: &str, x: f64) -> f64 {
        f(text).eval(x)
    }

    fn error(text: &str) -> FormulaError {
        Formula::parse(text).expect_err(text)
    }

    #[test]
    fn values_match_hand_computed_ones() {
        // Each expected value is worked out by hand (or is a constant written out), not by the parser.
        let cases: &[(&str, f64, f64)] = &[
            ("abs(x)", -3.0, 3.0),
            ("abs(x)", 2.5, 2.5),
            ("x^2", -3.0, 9.0),
            ("2*x", 4.0, 8.0),
            ("1 + 2*3", 0.0, 7.0),
            ("(1 + 2)*3", 0.0, 9.0),
            ("2^3^2", 0.0, 512.0),
            ("(2^3)^2", 0.0, 64.0),
            ("-x^2", 3.0, -9.0),
            ("(-x)^2", 3.0, 9.0),
            ("2^-1", 0.0, 0.5),
            ("-2^2", 0.0, -4.0),
            ("8/4/2", 0.0, 1.0),
            ("8 - 4 - 2", 0.0, 2.0),
            ("--x", 5.0, 5.0),
            ("x - -x", 5.0, 10.0),
            ("+x", 5.0, 5.0),
            (".5*x", 4.0, 2.0),
            ("1e-3*x", 2000.0, 2.0),
            ("2.5E2", 0.0, 250.0),
            ("sqrt(x)", 16.0, 4.0),
            ("min(x, 1)", 3.0, 1.0),
            ("max(x, 1)", 3.0, 3.0),
            ("min(x, 1)", -3.0, -3.0),
            ("max(-x, 2*x)", -2.0, 2.0),
            ("step(x)", -0.5, 0.0),
            ("step(x)", 0.0, 1.0),
            ("step(x)", 7.0, 1.0),
            ("exp(0)", 0.0, 1.0),
            ("log(1)", 0.0, 0.0),
            ("sin(0) + cos(0)", 0.0, 1.0),
            ("tan(0) + tanh(0)", 0.0, 0.0),
            ("pi", 0.0, std::f64::consts::PI),
            ("e", 0.0, std::f64::consts::E),
            ("2*e", 0.0, 2.0 * std::f64::consts::E),
            ("X", 6.0, 6.0),
            ("  3 *  ( x + 1 ) ", 1.0, 6.0),
        ];
        for &(text, x, expected) in cases {
            let value = at(text, x);
            assert!(
                (value - expected).abs() <= 1e-12 * expected.abs().max(1.0),
                "{text} at {x}: {value}, expected {expected}"
            );
        }
        // Transcendental values against decimal constants written out.
        assert!((at("sin(2*pi*x)", 0.25) - 1.0).abs() < 1e-15);
        assert!((at("log(e)", 0.0) - 1.0).abs() < 1e-15);
        assert!((at("tanh(x)", 1.0) - 0.761_594_155_955_764_9).abs() < 1e-15);
        assert!((at("exp(x)", 2.0) - 7.389_056_098_930_65).abs() < 1e-14);
    }

    #[test]
    fn two_x_is_exactly_the_seeds_target() {
        let two_x = Formula::default();
        assert!(two_x.is_default() && f("2*x").is_default() && f(" 2 * x ").is_default());
        assert!(!f("x*2").is_default());
        for x in [1.0, 0.1, -3.7, 999.0, 1e-300, 123_456.789] {
            // The seed's target is `slope * x + intercept` with slope 2, intercept 0.
            assert_eq!(two_x.eval(x).to_bits(), (2.0 * x + 0.0).to_bits(), "{x}");
        }
    }

    #[test]
    fn powers_are_libms_pow() {
        for (a, b) in [(2.0, 0.5), (1.1, 7.3), (10.0, -3.0)] {
            let text = format!("x^({})", number_text(b));
            assert_eq!(f(&text).eval(a).to_bits(), libm::pow(a, b).to_bits());
        }
    }

    #[test]
    fn canonical_text_reads_back_as_the_same_formula() {
        let cases: &[(&str, &str)] = &[
            ("2 * x", "2*x"),
            ("abs( x )", "abs(x)"),
            ("-x^2", "-x^2"),
            ("(-x)^2", "(-x)^2"),
            ("2^3^2", "2^3^2"),
            ("(2^3)^2", "(2^3)^2"),
            ("1-(2-3)", "1-(2-3)"),
            ("(1-2)-3", "1-2-3"),
            ("1+(2+3)", "1+(2+3)"),
            ("a", ""),
            ("8/(4/2)", "8/(4/2)"),
            ("(8*4)/2", "8*4/2"),
            ("-(x*2)", "-(x*2)"),
            ("(-x)*2", "-x*2"),
            ("2^(-1)", "2^-1"),
            ("x - (-x)", "x--x"),
            ("+x", "x"),
            ("min(x,max(1,2))", "min(x,max(1,2))"),
            ("0.001*x", "0.001*x"),
            ("0.0000001*x", "1e-7*x"),
            ("1e300", "1e300"),
            ("sin(2*pi*x)", "sin(2*pi*x)"),
            ("2^-x^2", "2^-x^2"),
            ("(2^-x)^2", "(2^-x)^2"),
        ];
        for &(text, canonical) in cases {
            let Ok(formula) = Formula::parse(text) else {
                assert_eq!(canonical, "", "{text} should parse");
                continue;
            };
            assert_eq!(formula.to_string(), canonical, "{text}");
            assert_eq!(f(canonical), formula, "{canonical} reads back");
        }
    }

    #[test]
    fn errors_say_where_and_why() {
        use FormulaErrorKind as K;
        let cases: Vec<(&str, usize, FormulaErrorKind)> = vec![
            ("", 0, K::Empty),
            ("   ", 0, K::Empty),
            ("abs(x", 5, K::MissingClose),
            ("x)", 1, K::UnmatchedClose),
            ("2x", 1, K::ExpectedOperator),
            ("x x", 2, K::ExpectedOperator),
            ("x +", 3, K::ExpectedValue),
            ("* x", 0, K::ExpectedValue),
            ("y + 1", 0, K::UnknownName("y".into())),
            ("2*foo(x)", 2, K::UnknownName("foo".into())),
            ("x # 1", 2, K::Unexpected('#')),
            ("1.2.3", 0, K::BadNumber("1.2.3".into())),
            ("1e999", 0, K::BadNumber("1e999".into())),
            ("abs x", 4, K::NeedsParentheses("abs".into())),
            (
                "min(x)",
                5,
                K::WrongArguments {
                    name: "min",
                    takes: 2,
                },
            ),
            (
                "min(x,1,2)",
                7,
                K::WrongArguments {
                    name: "min",
                    takes: 2,
                },
            ),
            (
                "sin(x,1)",
                5,
                K::WrongArguments {
                    name: "sin",
                    takes: 1,
                },
            ),
            ("(x,1)", 2, K::Unexpected(',')),
            ("x,1", 1, K::Unexpected(',')),
            ("()", 1, K::ExpectedValue),
        ];
        for (text, position, kind) in cases {
            let e = error(text);
            assert_eq!((e.at, &e.kind), (position, &kind), "{text:?}");
            let words = e.text(Language::En);
            assert!(
                words.contains(&format!("{}", position + 1)),
                "{text:?}: {words}"
            );
        }
        assert_eq!(error(&"x+".repeat(600)).kind, K::TooLong);
        let deep = format!("{}x{}", "(".repeat(100), ")".repeat(100));
        assert_eq!(error(&deep).kind, K::TooDeep);
        assert_eq!(error(&format!("{}x", "-".repeat(100))).kind, K::TooDeep);
        let fine = format!("{}x{}", "(".repeat(40), ")".repeat(40));
        assert_eq!(f(&fine), f("x"));
    }

    #[test]
    fn check_on_names_the_first_x_where_the_formula_fails() {
        let xs = [2.0, 1.0, 0.0, -1.0];
        assert_eq!(f("abs(x)").check_on(&xs), None);
        assert_eq!(
            f("log(x)").check_on(&xs),
            Some(NotFinite {
                x: 0.0,
                kind: NotFiniteKind::Infinite
            })
        );
        assert_eq!(
            f("sqrt(x)").check_on(&xs),
            Some(NotFinite {
                x: -1.0,
                kind: NotFiniteKind::NotANumber
            })
        );
        assert_eq!(
            f("1/x").check_on(&xs).map(|n| n.x.to_bits()),
            Some(0.0f64.to_bits())
        );
        assert_eq!(
            f("exp(100*x)").check_on(&xs),
            // e^200 and e^100 are beyond float32's 3.4e38: the first x of the list is named.
            Some(NotFinite {
                x: 2.0,
                kind: NotFiniteKind::BeyondFloat32
            })
        );
        let words = f("log(x)")
            .check_on(&xs)
            .map(|n| n.phrase().render(Language::En))
            .unwrap_or_default();
        assert!(words.contains("x = 0"), "{words}");
    }

    #[test]
    fn every_example_opens_without_notices_on_its_formula() {
        for &(formula, link) in EXAMPLES {
            let config = crate::engine::Config::from_query_strict(link)
                .unwrap_or_else(|n| panic!("{link}: {n:?}"));
            assert_eq!(config.target, f(formula), "{link}");
        }
    }

    #[test]
    fn numpy_spelling_follows_pythons_precedence() {
        let cases = [
            ("abs(x)", "np.abs(x)"),
            ("x^2", "x**2"),
            ("-x^2", "-x**2"),
            ("sin(2*pi*x) + e", "np.sin(2*np.pi*x) + np.e"),
            ("min(x,0) - max(x,1)", "np.minimum(x, 0) - np.maximum(x, 1)"),
            ("step(x)", "np.heaviside(x, 1.0)"),
            ("2^-x", "2**-x"),
            ("(x+1)^2", "(x + 1)**2"),
        ];
        for (text, numpy) in cases {
            assert_eq!(f(text).to_numpy(), numpy, "{text}");
        }
    }

    #[test]
    fn random_text_never_panics_and_every_refusal_names_a_problem() {
        const PIECES: &[&str] = &[
            "x",
            "2",
            ".5",
            "1e-3",
            "1e",
            "e",
            "pi",
            "+",
            "-",
            "*",
            "/",
            "^",
            "(",
            ")",
            ",",
            " ",
            "abs(",
            "sqrt(",
            "exp(",
            "log(",
            "sin(",
            "cos(",
            "tan(",
            "tanh(",
            "min(",
            "max(",
            "step(",
            "y",
            "日",
            "π",
            "−",
            "9999999999",
            "0",
            "#",
            "((((",
            "))))",
            "1.2.3",
        ];
        let count = if long() { 100_000 } else { 3_000 };
        let mut cases = Cases(22);
        for case in 0..count {
            let pieces = cases.below(30);
            let text: String = (0..pieces)
                .map(|_| PIECES[cases.below(PIECES.len())])
                .collect();
            match Formula::parse(&text) {
                Ok(formula) => {
                    let canonical = formula.to_string();
                    assert_eq!(
                        Formula::parse(&canonical).as_ref(),
                        Ok(&formula),
                        "case {case}: {text:?} → {canonical:?}"
                    );
                    let _ = formula.eval(cases.below(7) as f64 - 3.0);
                    let _ = formula.to_numpy();
                }
                Err(e) => {
                    for language in [Language::En, Language::Zh] {
                        let words = e.text(language);
                        assert!(
                            words.contains(&(e.at + 1).to_string()) && words.len() > 8,
                            "case {case}: {text:?}: {words}"
                        );
                    }
                    assert!(e.at <= text.chars().count(), "case {case}: {text:?}");
                }
            }
        }
    }

    /// Text of `count` pieces joined by `between`, cut to at most `chars` characters on a piece.
    fn repeated(piece: &str, between: &str, chars: usize) -> String {
        let mut text = piece.to_string();
        while text.chars().count() + between.chars().count() + piece.chars().count() <= chars {
            text.push_str(between);
            text.push_str(piece);
        }
        text
    }

    #[test]
    fn a_formula_typed_within_the_limit_is_never_too_long_once_written_the_canonical_way() {
        // The spellings that grow when written back: π (pi), .5 (0.5), 1e-3 (0.001), 12e9
        // (1.2e10), 12e-5 (0.00012), × and − (one character each way), and spaces (dropped).
        for (piece, between) in [
            ("π", "*"),
            ("π", "-"),
            (".5", "+"),
            ("1e-3", "+"),
            ("12e9", "-"),
            ("12e-5", "/"),
            ("sin(π*x)", "+"),
            ("(.5)", "×"),
            (" π ", "−"),
        ] {
            for chars in [MAX_FORMULA_CHARS - 1, MAX_FORMULA_CHARS] {
                let typed = repeated(piece, between, chars);
                assert!(typed.chars().count() <= MAX_FORMULA_CHARS);
                let formula = f(&typed);
                let canonical = formula.to_string();
                assert_eq!(
                    Formula::parse(&canonical).as_ref(),
                    Ok(&formula),
                    "{piece:?}: {} typed, {} canonical",
                    typed.chars().count(),
                    canonical.len()
                );
            }
        }
        // The canonical text of 500 π is longer than the limit, and still read.
        assert!(f(&repeated("π", "*", MAX_FORMULA_CHARS)).to_string().len() > MAX_FORMULA_CHARS);
        // One character more than the limit of text that does not shrink is refused, where it passes.
        let over = repeated("x", "+", MAX_FORMULA_CHARS + 1);
        assert_eq!(over.len(), MAX_FORMULA_CHARS + 1);
        let e = error(&over);
        assert_eq!(
            (e.kind, e.at),
            (FormulaErrorKind::TooLong, MAX_FORMULA_CHARS)
        );
        assert_eq!(error(&"x ".repeat(2000)).kind, FormulaErrorKind::TooLong);
    }

    /// The bound the limit's measure relies on: however a number is typed, its canonical text is at
    /// most 2 characters longer.
    #[test]
    fn a_numbers_canonical_text_is_at_most_two_longer_than_any_typing_of_it() {
        let mut typings = Vec::new();
        for digits in [
            "1", "5", "12", "99", "125", "1001", "3.5", "12.25", "0.5", ".5", ".125", "5.",
        ] {
            typings.push(digits.to_string());
            for exponent in -25..=25 {
                typings.push(format!("{digits}e{exponent}"));
                typings.push(format!("{digits}E+{exponent}"));
            }
        }
        for zeros in 0..25 {
            for digits in ["1", "12", "125"] {
                typings.push(format!("0.{}{digits}", "0".repeat(zeros)));
                typings.push(format!(".{}{digits}", "0".repeat(zeros)));
                typings.push(format!("{digits}{}", "0".repeat(zeros)));
            }
        }
        for typed in typings {
            let Ok(value) = typed.replace("E+", "e").parse::<f64>() else {
                continue;
            };
            let canonical = number_text(value);
            assert!(
                canonical.len() <= typed.len() + 2,
                "{typed} prints {canonical}"
            );
            assert_eq!(canonical.parse::<f64>(), Ok(value), "{typed}");
        }
    }
}
