//! What several test files share: an oracle that computes the network plainly from the widths, the
//! flat parameter vector and the data, sharing no code with the engine it checks (not even where a
//! parameter lives: it works out the layout itself).
#![allow(dead_code)]

pub mod cases;
pub mod oracle;
