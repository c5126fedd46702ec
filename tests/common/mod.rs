//! What several test files share: an oracle that computes the network plainly, sharing no code with
//! the engine it checks.
#![allow(dead_code)]

pub mod oracle;
