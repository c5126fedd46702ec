//! The bounds of a formula: a leaf, imported by the parser and by the settings (`f`'s domain).

/// The longest formula, in characters as typed. The canonical text of a formula can be longer than
/// what was typed (`π` prints `pi`, `.5` prints `0.5`), so the limit is measured the same on both
/// (`lexer::past_the_limit`): a formula typed within it is never refused when its canonical text comes
/// back, from a link or the formula box.
pub const MAX_FORMULA_CHARS: usize = 1000;
/// No text longer than this is read at all (a bound on the work of reading; the measured length
/// of any text up to it is at least a third of it).
pub const MAX_READ_CHARS: usize = 3 * MAX_FORMULA_CHARS;
/// The deepest nesting of parentheses, function calls, signs and powers.
pub const MAX_NESTING: usize = 64;
