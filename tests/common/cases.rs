//! Random inputs for the tests (the same generator as the core's unit tests use).

// One generator for the core's unit tests and these: the core's own file, compiled here too.
#[path = "../../core/src/engine/test_cases.rs"]
mod generator;
#[allow(unused_imports)] // each test binary uses its own part of it
pub use generator::{long, Cases};

impl Cases {
    /// A number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}
