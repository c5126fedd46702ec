//! The training core: plain data and pure functions, no web dependency, no I/O, no panics on any
//! configuration a user can write. Everything the page and the headless runner show comes from here.

pub mod advice;
pub mod bounds;
pub mod config;
pub mod data;
pub mod decimal;
pub mod formula;
pub mod judge;
pub mod keras;
pub mod net;
pub mod optim;
pub mod random;
pub mod report;
pub mod stored;
pub mod sweep;
pub mod table;
#[cfg(test)]
pub(crate) mod test_cases;
pub mod train;

pub use config::{Config, Notice, Preset};
pub use train::{Diagnosis, EpochStats, Outcome, StepResult, Trainer};
