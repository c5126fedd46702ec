//! Advice computed, not canned: for the run on screen, the lab tries the seed thread's fixes (each
//! single change, then pairs of them where no single one works) on the same seed and over many seeds,
//! and advises only the ones that were measured to work. Plain data and pure functions: the page runs
//! the trials in its workers and the runner on rayon threads, both with `sweep::run_one`, and both
//! judge the results with `judge`, so they advise the same changes with the same shares.
//!
//! **Works** is the engine's own verdict, the one the banner shows: a run works when it ends
//! `Converged`, its training loss at the fit `judge::Floors` sets (R² ≥ 0.98, or the data's noise
//! floor where that is higher). Anything dead, diverged, or learning slower than that within the
//! run's own epochs does not work.
//!
//! **Helps** (what is advised): the change works with this seed, and either the run on screen does
//! not, or the change works on a larger share of the seeds than the run on screen does.
//!
//! **Cost**, each trial a whole run of the config's epochs: the run on screen and every candidate
//! (at most 15) once on this seed; where none works, every pair of candidates with different keys
//! (at most 105) once on this seed; then every change that worked on this seed (and the run on screen,
//! when it worked) on the other `seeds − 1` seeds. Measured with the release runner on 2 cores and
//! 20 seeds: the question 0.1 s (16 + 3 × 19 runs), the adam preset 2 s (200 epochs), the log
//! preset 9.5 s (79,999 points a run; 0.2 s without the advice).
//!
//! Adam: Keras' default learning rate is 0.001, and on the question it learns too slowly to work in
//! 20 epochs (seed 7: loss 17,314 after epoch 20) where Adam at the question's own 0.01 converges. So
//! `opt=adam` keeps the run's learning rate and `opt=adam&lr=0.001` is a candidate of its own; each is
//! advised only when measured to work.
//!
//! Files: `candidates` (the fixes a run can try, as changes), `verdict` (whether a run works, what
//! is advised), `rounds` (the measurement, round by round, and the runner's JSON), `cause` (why
//! the run on screen fails, in words).

mod candidates;
mod cause;
mod rounds;
#[cfg(test)]
mod tests;
mod verdict;

pub use candidates::{candidates, combinations, seeds, Change};
pub use cause::{cause, Cause, Scale};
pub use rounds::{advice_json, advise, Job, Rounds};
pub use verdict::{judge, works, Advice, Baseline, Measured, Trial, MAX_COMBINATIONS};

/// Seeds each change that works with the run's seed is measured on, unless told otherwise (the
/// runner's `--advice-seeds`; the page's default).
pub const DEFAULT_SEEDS: usize = 20;
