//! Tokens to postfix operations: a recursive descent whose nesting is bounded (`MAX_NESTING`), and
//! the typed errors, each with the position of the character it is about.

use super::lexer::{lex, past_the_limit, Token, TokenKind};
use super::limits::{MAX_FORMULA_CHARS, MAX_NESTING, MAX_READ_CHARS};
use super::{Formula, Function, Op};

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
