//! Text to tokens: numbers, names, operators, parentheses; and the length the limit measures.

use super::limits::MAX_FORMULA_CHARS;
use super::parser::{FormulaError, FormulaErrorKind};
use super::print::number_text;
use crate::engine::decimal::parse_f64;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum TokenKind {
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
pub(super) struct Token {
    pub(super) kind: TokenKind,
    pub(super) at: usize,
    /// Characters it was typed with.
    pub(super) len: usize,
}

/// How long `chars` is against `MAX_FORMULA_CHARS`: its characters, but each number counts as its
/// canonical text less 2 (at least 1; at most as typed) and `pi` as `π`, one character. Typed text
/// measures at most its characters; its canonical text measures no more than it did: a number's
/// canonical text is at most 2 longer than any way to type it (`12e9` prints `1.2e10`, `12e-5`
/// prints `0.00012`), the canonical text keeps only the parentheses the formula needs (which its
/// typed text had to have), and drops spaces. `None` within the limit, else where it is passed.
pub(super) fn past_the_limit(chars: &[char], tokens: &[Token]) -> Option<usize> {
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

pub(super) fn lex(chars: &[char]) -> Result<Vec<Token>, FormulaError> {
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
            match parse_f64(&text) {
                Some(value) if value.is_finite() => tokens.push(Token {
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
