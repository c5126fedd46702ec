//! The measurement as a plan of rounds, the same for the page's workers and the runner's threads.

use super::candidates::{candidates, combinations, seeds, Change};
use super::verdict::{judge, Advice, Baseline, Measured, Trial};
use crate::engine::config::Config;
use crate::engine::report::{json_number, json_string};
use crate::engine::sweep::RunResult;

/// One job of a round: a change, the configuration it makes, and the seeds to run it with. The page
/// sends `config.to_query()` and the seeds to a worker; the runner runs them on its threads.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub change: Change,
    pub config: Config,
    pub seeds: Vec<u64>,
}

/// Where the measurement stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Round {
    /// The run itself and every candidate, on the run's seed.
    Candidates,
    /// Pairs of candidates on the run's seed: the run does not work and no single change does.
    Pairs,
    /// What worked with the run's seed, on the other seeds.
    OtherSeeds,
    Done,
}

/// The measurement as a plan of rounds, so the page (in its workers, one round at a time, without
/// freezing) and the runner (on its threads) run the same jobs and judge the same trials: ask
/// `jobs`, run each with `sweep::run_one` on each of its seeds, hand the results to `record` in the
/// same order, until `is_done`; then `advice`. At most three rounds.
#[derive(Clone, Debug)]
pub struct Rounds {
    config: Config,
    seed_count: usize,
    round: Round,
    singles: Vec<Change>,
    measured: Vec<Measured>,
    jobs: Vec<Job>,
    /// This round's runs handed in so far by `add`, per job (in the order they came).
    pending: Vec<Vec<RunResult>>,
    /// Rounds recorded so far: a caller that hands in pieces sees a new round begin.
    recorded: usize,
}

impl Rounds {
    /// The plan for the run `config`, measuring what works with its seed on `seed_count` seeds.
    pub fn new(config: &Config, seed_count: usize) -> Rounds {
        let singles = candidates(config);
        let changes: Vec<Change> = std::iter::once(Change::default())
            .chain(singles.iter().cloned())
            .collect();
        let mut rounds = Rounds {
            config: config.clone(),
            seed_count: seed_count.max(1),
            round: Round::Candidates,
            singles,
            measured: Vec::new(),
            jobs: Vec::new(),
            pending: Vec::new(),
            recorded: 0,
        };
        rounds.jobs = rounds.on(&changes, &[config.seed]);
        rounds.pending = vec![Vec::new(); rounds.jobs.len()];
        rounds
    }

    fn on(&self, changes: &[Change], seeds: &[u64]) -> Vec<Job> {
        changes
            .iter()
            .map(|change| Job {
                change: change.clone(),
                config: change.applied_to(&self.config),
                seeds: seeds.to_vec(),
            })
            .collect()
    }

    /// The run on screen as measured so far (`None` before its first trial).
    pub fn baseline(&self) -> Option<Baseline> {
        let measured = self.measured.iter().find(|m| m.change.is_none())?;
        Some(Baseline {
            works_this_seed: measured.works_this_seed(self.config.seed),
            working: measured.working(),
            seeds: measured.trials.len(),
        })
    }

    /// This round's jobs (none when done).
    pub fn jobs(&self) -> &[Job] {
        &self.jobs
    }

    /// Runs this round's jobs will make, all seeds counted (for a progress bar).
    pub fn runs(&self) -> usize {
        self.jobs.iter().map(|j| j.seeds.len()).sum()
    }

    pub fn is_done(&self) -> bool {
        self.round == Round::Done
    }

    /// Takes this round's results, one list per job in `jobs`' order, each in its seeds' order, and
    /// plans the next round. Results of the wrong shape end the measurement with what was recorded.
    pub fn record(&mut self, results: &[Vec<RunResult>]) {
        self.recorded += 1;
        if results.len() != self.jobs.len() {
            self.round = Round::Done;
            self.jobs.clear();
            return;
        }
        let jobs = std::mem::take(&mut self.jobs);
        for (job, runs) in jobs.iter().zip(results) {
            let trials: Vec<Trial> = runs.iter().map(Trial::of).collect();
            match self.measured.iter_mut().find(|m| m.change == job.change) {
                Some(measured) => measured.trials.extend(trials),
                None => self.measured.push(Measured {
                    change: job.change.clone(),
                    trials,
                }),
            }
        }
        let seed = self.config.seed;
        let working: Vec<Change> = self
            .measured
            .iter()
            .filter(|m| m.works_this_seed(seed))
            .map(|m| m.change.clone())
            .collect();
        let others: Vec<u64> = seeds(&self.config, self.seed_count)
            .into_iter()
            .skip(1)
            .collect();
        self.round = match self.round {
            // Pairs only for a run that does not work and that no single change fixes (they cost up
            // to 105 runs more).
            Round::Candidates if working.is_empty() => {
                let pairs = combinations(&self.config, &self.singles);
                self.jobs = self.on(&pairs, &[seed]);
                Round::Pairs
            }
            Round::Candidates | Round::Pairs => {
                self.jobs = self.on(&working, &others);
                Round::OtherSeeds
            }
            Round::OtherSeeds | Round::Done => Round::Done,
        };
        self.pending = vec![Vec::new(); self.jobs.len()];
        if self.jobs.iter().all(|j| j.seeds.is_empty()) && self.round != Round::Done {
            // Nothing to run in this round (one seed, or nothing worked): record it as done.
            let empty: Vec<Vec<RunResult>> = vec![Vec::new(); self.jobs.len()];
            self.record(&empty);
        }
    }

    /// Hands in some runs of job `job` of this round, as a worker sends them: any seeds of it, the
    /// pieces in any order. Once every run of the round is in, the round is recorded (each job's
    /// runs in its seeds' order, as `record` takes them) and the next one planned. A run of a seed the
    /// job does not have or already has, or of a job this round does not have, is left out.
    pub fn add(&mut self, job: usize, runs: &[RunResult]) {
        let (Some(planned), Some(pending)) = (self.jobs.get(job), self.pending.get_mut(job)) else {
            return;
        };
        for run in runs {
            let known = pending.iter().any(|r| r.seed == run.seed);
            if planned.seeds.contains(&run.seed) && !known {
                pending.push(*run);
            }
        }
        if self.runs_in() < self.runs() {
            return;
        }
        let results: Vec<Vec<RunResult>> = self
            .jobs
            .iter()
            .zip(std::mem::take(&mut self.pending))
            .map(|(job, mut runs)| {
                runs.sort_by_key(|r| job.seeds.iter().position(|&s| s == r.seed));
                runs
            })
            .collect();
        self.record(&results);
    }

    /// Rounds recorded so far (it grows when `add` completes a round, or `record` is called).
    pub fn recorded(&self) -> usize {
        self.recorded
    }

    /// Runs of this round handed in so far by `add` (for a progress bar, with `runs`).
    pub fn runs_in(&self) -> usize {
        self.pending.iter().map(Vec::len).sum()
    }

    /// The advice from what was measured so far (the final advice once `is_done`).
    pub fn advice(&self) -> Vec<Advice> {
        judge(&self.config, &self.measured)
    }
}

/// The whole measurement for callers that can run a batch of (configuration, seed) jobs at once and
/// wait: `run` returns `sweep::run_one` of each job, in order (the runner passes rayon, a test a plain
/// loop). The page runs the same `Rounds` with its workers.
pub fn advise(
    config: &Config,
    seed_count: usize,
    run: impl Fn(&[(Config, u64)]) -> Vec<RunResult>,
) -> Vec<Advice> {
    let mut rounds = Rounds::new(config, seed_count);
    while !rounds.is_done() {
        let batch: Vec<(Config, u64)> = rounds
            .jobs()
            .iter()
            .flat_map(|job| job.seeds.iter().map(|&seed| (job.config.clone(), seed)))
            .collect();
        let mut results = run(&batch).into_iter();
        let per_job: Vec<Vec<RunResult>> = rounds
            .jobs()
            .iter()
            .map(|job| results.by_ref().take(job.seeds.len()).collect())
            .collect();
        rounds.record(&per_job);
    }
    rounds.advice()
}

/// The runner's `advice`: `[{"change": "opt=adam", "works_this_seed": true, "share": 0.95, "seeds": 20}, …]`.
pub fn advice_json(advice: &[Advice]) -> String {
    let items: Vec<String> = advice
        .iter()
        .map(|a| {
            format!(
                "{{\"change\":{},\"works_this_seed\":{},\"share\":{},\"seeds\":{}}}",
                json_string(&a.change.query()),
                a.works_this_seed,
                json_number(a.share()),
                a.seeds
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}
