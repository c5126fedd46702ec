//! Whether a run works (the engine's one verdict) and what is advised from the measured trials.

use super::candidates::{candidates, Change};
use crate::engine::config::Config;
use crate::engine::sweep::RunResult;
use crate::engine::train::Outcome;

/// Whether a run works: the engine's own verdict says it fits (`Outcome::Converged`, judged by
/// `judge::Floors` on its training loss), the same verdict the banner, the pinned runs and the
/// sweep's counts show.
pub fn works(run: &RunResult) -> bool {
    run.outcome == Outcome::Converged
}

/// One measured run of a change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trial {
    pub seed: u64,
    pub outcome: Outcome,
    pub works: bool,
}

impl Trial {
    /// The verdict on one run of a change.
    pub fn of(run: &RunResult) -> Trial {
        Trial {
            seed: run.seed,
            outcome: run.outcome,
            works: works(run),
        }
    }
}

/// A change and its trials, the run's own seed first (the page's workers or the runner's threads
/// fill them; the order of the other seeds does not matter).
#[derive(Clone, Debug, PartialEq)]
pub struct Measured {
    pub change: Change,
    pub trials: Vec<Trial>,
}

impl Measured {
    pub(super) fn works_this_seed(&self, seed: u64) -> bool {
        self.trials.iter().any(|t| t.seed == seed && t.works)
    }

    pub(super) fn working(&self) -> usize {
        self.trials.iter().filter(|t| t.works).count()
    }
}

/// One advised change, with what was measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    pub change: Change,
    /// Works with the run's own seed (always true for an advised change).
    pub works_this_seed: bool,
    /// Seeds on which it works, of `seeds`.
    pub working: usize,
    pub seeds: usize,
}

impl Advice {
    /// The share of seeds on which the change works, 0–1.
    pub fn share(&self) -> f64 {
        if self.seeds == 0 {
            0.0
        } else {
            self.working as f64 / self.seeds as f64
        }
    }
}

/// What was measured of the run on screen itself: whether it works with its seed and, when it
/// does, on how many of the seeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Baseline {
    pub works_this_seed: bool,
    pub working: usize,
    pub seeds: usize,
}

/// At most this many combinations are advised (the best ones), where no single change works.
pub const MAX_COMBINATIONS: usize = 3;

/// The advice from the measured changes. `measured` holds the run on screen (the empty change) and
/// the candidates; a change is advised when it works with `config`'s seed and either the run on screen
/// does not, or it works on more of the seeds than the run on screen. Best first: the larger share,
/// then the fewer keys, then the order measured. Combinations (changes of more keys than any single
/// candidate makes) are advised only when no single candidate is, and at most `MAX_COMBINATIONS`.
pub fn judge(config: &Config, measured: &[Measured]) -> Vec<Advice> {
    let seed = config.seed;
    let baseline = measured.iter().find(|m| m.change.is_none());
    let baseline_works = baseline.is_some_and(|b| b.works_this_seed(seed));
    let baseline_share =
        baseline.map_or(0.0, |b| b.working() as f64 / b.trials.len().max(1) as f64);
    let singles = candidates(config);
    let is_single = |change: &Change| singles.contains(change);
    let mut advised: Vec<(bool, Advice)> = measured
        .iter()
        .filter(|m| !m.change.is_none() && m.works_this_seed(seed))
        .map(|m| {
            (
                is_single(&m.change),
                Advice {
                    change: m.change.clone(),
                    works_this_seed: true,
                    working: m.working(),
                    seeds: m.trials.len(),
                },
            )
        })
        .filter(|(_, a)| !baseline_works || a.share() > baseline_share)
        .collect();
    if advised.iter().any(|(single, _)| *single) {
        advised.retain(|(single, _)| *single);
    }
    // Stable: ties keep the order measured.
    advised.sort_by(|(_, a), (_, b)| {
        b.share()
            .total_cmp(&a.share())
            .then(a.change.pairs.len().cmp(&b.change.pairs.len()))
    });
    let combined = advised.first().is_some_and(|(single, _)| !single);
    let advised = advised.into_iter().map(|(_, a)| a);
    if combined {
        advised.take(MAX_COMBINATIONS).collect()
    } else {
        advised.collect()
    }
}
