//! The training loop's hot code, for a build that compiles the core for size (feature `lean`).
//!
//! Four functions do nearly all of a run's arithmetic: one batch's update (`train_batch`), an
//! evaluation (`evaluate_any`), the survey of dead units (`survey`) and the pass over the inputs it
//! makes (`extremes`). Compiled for size (opt-level "z") the core trains about ten times slower: its
//! loops are not vectorised. The core calls them through `Hot::now()`: with `lean`, the copy that
//! the crate calling `Hot::here` compiled (`here` and every function it reaches are generic or
//! `#[inline]`, so that crate holds their code, at its own opt-level); without `lean` (native
//! builds, tests), the core's own. The page and its sweep worker are built with `lean` (`core/hot`,
//! the crate `relu-lab-hot` at opt-level 3; Cargo.toml's `wasm-release` profile) and `install` it
//! before they train.
//!
//! A function the four call that is neither generic nor `#[inline]` stays in the core, compiled
//! for size: that is right for work done once per batch (the learning rate's schedule), wrong in a
//! loop over samples or parameters. So is a generic `#[inline(never)]` kernel (`batch_forward` in
//! the browser's build) that the core itself instantiates: rustc then reuses the core's copy. The
//! core reaches them only through these four.

use super::batch::{self, BatchOutcome, Engine, Totals, Weights};
use super::diagnosis::{self, Extremes, Survey, Surveyed};
use crate::engine::config::Config;
use crate::engine::data::Dataset;
use crate::engine::net::kernels::Buffers;

type TrainBatch =
    fn(&Config, &mut Engine, &Dataset, &[u32], &mut Weights, &mut Totals) -> BatchOutcome;
type Evaluate = fn(&Config, &mut Engine, &Dataset, std::ops::Range<usize>, &[f32], &mut Totals);
type SurveyOf = fn(Surveyed, &mut Buffers, Option<&mut Vec<f32>>) -> Survey;
type ExtremesOf = fn(Surveyed, &mut Buffers) -> Extremes;

/// The hot functions as one crate compiled them.
#[derive(Clone, Copy)]
pub struct Hot {
    pub(super) train_batch: TrainBatch,
    pub(super) evaluate: Evaluate,
    pub(super) survey: SurveyOf,
    pub(super) extremes: ExtremesOf,
}

impl Hot {
    /// The hot functions compiled in the crate that calls this.
    #[inline]
    pub fn here() -> Hot {
        Hot {
            train_batch: batch::train_batch,
            evaluate: batch::evaluate_any,
            survey: diagnosis::survey,
            extremes: diagnosis::extremes,
        }
    }

    /// The hot functions this build trains with: the copy `install`ed (`lean`), else the core's own.
    #[inline]
    pub(super) fn now() -> Hot {
        #[cfg(feature = "lean")]
        return *INSTALLED.get().expect(
            "a lean build installs the hot functions (relu_lab_hot::install) before it trains",
        );
        #[cfg(not(feature = "lean"))]
        Hot::here()
    }
}

#[cfg(feature = "lean")]
static INSTALLED: std::sync::OnceLock<Hot> = std::sync::OnceLock::new();

/// Takes the hot functions a build trains with (`lean`: before the first batch; once is enough).
/// Without `lean` the core uses its own and this does nothing.
pub fn install(hot: Hot) {
    #[cfg(feature = "lean")]
    let _ = INSTALLED.set(hot);
    #[cfg(not(feature = "lean"))]
    let _ = hot;
}
