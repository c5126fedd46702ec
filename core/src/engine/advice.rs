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

use super::config::{Config, DataKind, Key, OutputActivation, XScale, YScale};
use super::data::largest_magnitude;
use super::report::{json_number, json_string, LARGE_VALUE};
use super::sweep::RunResult;
use super::train::{Collapse, Death, Diagnosis, Outcome, Trainer, UpdateSize, WeightKind};

/// Seeds each change that works with the run's seed is measured on, unless told otherwise (the
/// runner's `--advice-seeds`; the page's default).
pub const DEFAULT_SEEDS: usize = 20;

/// One change to the run: link pairs written with `Config::apply`, in the order shown.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Change {
    pub pairs: Vec<(Key, String)>,
}

impl Change {
    /// The changed keys as a query, as a link writes them: `opt=adam`, `xscale=standard&yscale=standard`.
    /// The empty change (the run on screen itself) is the empty query.
    pub fn query(&self) -> String {
        let parts: Vec<String> = self
            .pairs
            .iter()
            .map(|(key, value)| format!("{}={}", key.name(), super::config::percent_encode(value)))
            .collect();
        parts.join("&")
    }

    /// The pairs as `Config::apply` takes them.
    pub fn link_pairs(&self) -> Vec<(String, String)> {
        self.pairs
            .iter()
            .map(|(key, value)| (key.name().to_string(), value.clone()))
            .collect()
    }

    /// `config` with this change written (through the same checks as a link).
    pub fn applied_to(&self, config: &Config) -> Config {
        let mut changed = config.clone();
        let _ = changed.apply(&self.link_pairs());
        changed
    }

    /// The change in the words the page labels its controls with, each value as its control shows
    /// it ("scale x standard, scale y standard, output activation linear"): how the changed run
    /// differs from `config`'s, as a pinned run's chip says it.
    pub fn words(&self, config: &Config, language: crate::i18n::Language) -> String {
        config.difference_label(&self.applied_to(config), language)
    }

    /// The run on screen, unchanged.
    pub fn is_none(&self) -> bool {
        self.pairs.is_empty()
    }

    fn shares_a_key(&self, other: &Change) -> bool {
        self.pairs
            .iter()
            .any(|(key, _)| other.pairs.iter().any(|(k, _)| k == key))
    }
}

/// The candidate with only the pairs that change `config`, each value as `Config::get` writes it
/// back; `None` when nothing is left (the fix is already in place) or the run stays the same run.
fn effective(config: &Config, wanted: &[(Key, String)]) -> Option<Change> {
    let mut pairs = Vec::new();
    for (key, value) in wanted {
        let mut one = config.clone();
        let _ = one.set(*key, value);
        if !one.same_run(config) {
            let value = one.get(*key);
            pairs.push((*key, value));
        }
    }
    let change = Change { pairs };
    if change.is_none() || change.applied_to(config).same_run(config) {
        return None;
    }
    Some(change)
}

/// The seed thread's fixes for `config`, each as it would change this run, in a fixed order (which
/// also breaks ties in the advice). A fix already in place, or one that changes nothing, is left out.
pub fn candidates(config: &Config) -> Vec<Change> {
    let standard_x = (Key::XScale, "standard".to_string());
    let standard_y = (Key::YScale, "standard".to_string());
    let linear = (Key::Output, "linear".to_string());
    let lr = |divisor: f64| {
        (
            Key::LearningRate,
            format!("{}", config.learning_rate / divisor),
        )
    };
    let mut wanted: Vec<Vec<(Key, String)>> = vec![
        vec![standard_x.clone()],
        vec![standard_y.clone()],
        vec![standard_x.clone(), standard_y.clone()],
        vec![linear.clone()],
        vec![standard_x, standard_y, linear],
        vec![lr(10.0)],
        vec![lr(100.0)],
        vec![(Key::Optimizer, "adam".into())],
        vec![
            (Key::Optimizer, "adam".into()),
            (Key::LearningRate, "0.001".into()),
        ],
    ];
    // Fewer points, as the thread's answer 0: x = 1…9 (nine points from `start`, all of them trained on).
    if config.data == DataKind::Arange && config.data_points() > 9 {
        let stop = config.start + 9.0 * config.step;
        wanted.push(vec![
            (Key::Stop, format!("{stop}")),
            (Key::Train, config.train_points.min(9).to_string()),
        ]);
    }
    // Fewer units: the thread's 12 per layer.
    let narrower: Vec<String> = config
        .widths()
        .iter()
        .map(|w| (*w).min(12).to_string())
        .collect();
    wanted.push(vec![(Key::Hidden, narrower.join(","))]);
    for init in ["he_normal", "he_uniform", "rai"] {
        wanted.push(vec![(Key::Init, init.into())]);
    }
    wanted.push(vec![(Key::Activation, "leaky_relu".into())]);
    let mut changes: Vec<Change> = Vec::new();
    for pairs in wanted {
        if let Some(change) = effective(config, &pairs) {
            if !changes.iter().any(|c| same_change(config, c, &change)) {
                changes.push(change);
            }
        }
    }
    changes
}

/// Two changes that make the same run.
fn same_change(config: &Config, a: &Change, b: &Change) -> bool {
    a.applied_to(config).same_run(&b.applied_to(config))
}

/// Pairs of `singles` with different keys, for when no single change works: each written as one
/// change (the first's pairs, then the second's), leaving out a pair that makes the same run as a
/// single change or an earlier pair.
pub fn combinations(config: &Config, singles: &[Change]) -> Vec<Change> {
    let mut pairs: Vec<Change> = Vec::new();
    for (i, first) in singles.iter().enumerate() {
        for second in &singles[i + 1..] {
            if first.shares_a_key(second) {
                continue;
            }
            let wanted: Vec<(Key, String)> =
                first.pairs.iter().chain(&second.pairs).cloned().collect();
            let Some(change) = effective(config, &wanted) else {
                continue;
            };
            let known = singles
                .iter()
                .chain(&pairs)
                .any(|c| same_change(config, c, &change));
            if !known {
                pairs.push(change);
            }
        }
    }
    pairs
}

/// The seeds a change is measured on: `count` of them from the run's own seed on (the first is the
/// run's seed), as `sweep::seeds` counts a sweep's.
pub fn seeds(config: &Config, count: usize) -> Vec<u64> {
    (0..count.max(1) as u64)
        .map(|i| config.seed.wrapping_add(i))
        .collect()
}

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
    fn works_this_seed(&self, seed: u64) -> bool {
        self.trials.iter().any(|t| t.seed == seed && t.works)
    }

    fn working(&self) -> usize {
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

/// Why the run on screen does not work, read from its numbers. Never names a fix: the advice does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cause {
    /// The relu output was 0 for every training x before the first update: a zero-gradient start.
    OutputBornDead,
    /// Hidden layer `layer` (0-based) was dead on every training x before the first update.
    LayerBornDead { layer: usize },
    /// A one-unit softmax: 1 for every x whatever the weights.
    SoftmaxOutput,
    /// The targets reach `y_max` but a sigmoid stays between 0 and 1.
    SigmoidOutput { y_max: f64 },
    /// Update `update` (1-based: the first, or else the one that collapsed the network) moved a
    /// `weight` by `step` (`UpdateSize::largest_step`), 10^`power` times the largest starting
    /// weight (`initial`).
    OversizedUpdate {
        scale: Scale,
        update: u64,
        weight: WeightKind,
        step: f64,
        initial: f64,
        power: i32,
    },
    /// Update `update` (1-based) collapsed the network to a constant (a dead output or hidden layer),
    /// though no update before it was oversized.
    Collapsed { scale: Scale, update: u64 },
    /// Update `update` (1-based) made a loss or a weight infinite.
    Diverged { scale: Scale, update: u64 },
    /// Learning, but after `epochs` epochs the training loss (from `first_loss` to `loss`) is not
    /// yet down to the fit limit (`judge::Floors::fit_limit`).
    Slow {
        first_loss: f64,
        loss: f64,
        epochs: usize,
        limit: f64,
    },
}

/// The raw sizes behind a too-big gradient: the largest unscaled |x| and |y| of the training part
/// (`None` when that side is scaled or small), and whether the output is linear (nothing bounds it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub x_max: Option<f64>,
    pub y_max: Option<f64>,
    pub linear_output: bool,
}

/// The cause the numbers of `trainer`'s run show; `None` when the run works (or has not started).
pub fn cause(trainer: &Trainer) -> Option<Cause> {
    let config = trainer.config();
    let diagnosis = trainer.diagnosis();
    let data = trainer.data();
    let largest = |values: &[f64]| largest_magnitude(values.iter().copied());
    let x_max = largest(&data.x[data.fit.clone()]);
    let y_max = largest(&data.y[data.fit.clone()]);
    match diagnosis {
        Diagnosis::NotStarted | Diagnosis::Converged { .. } => return None,
        Diagnosis::SoftmaxOutput { .. } => return Some(Cause::SoftmaxOutput),
        _ => {}
    }
    if config.output_activation == OutputActivation::Sigmoid && y_max > 1.0 {
        return Some(Cause::SigmoidOutput { y_max });
    }
    match trainer.born_collapsed() {
        Some(Collapse::Output) => return Some(Cause::OutputBornDead),
        Some(Collapse::Layer(layer)) => return Some(Cause::LayerBornDead { layer }),
        None => {}
    }
    if let Diagnosis::Learning { loss, first_loss } = diagnosis {
        return Some(Cause::Slow {
            first_loss,
            loss,
            epochs: trainer.epoch(),
            limit: data.floors.fit_limit().0,
        });
    }
    let scale = Scale {
        x_max: (config.x_scale == XScale::None && x_max > LARGE_VALUE).then_some(x_max),
        y_max: (config.y_scale == YScale::None && y_max > LARGE_VALUE).then_some(y_max),
        linear_output: config.output_activation == OutputActivation::Linear,
    };
    let killing = killing_update(&diagnosis);
    if let Some(oversized) = oversized_update(trainer, killing, scale) {
        return Some(oversized);
    }
    match diagnosis {
        Diagnosis::Diverged { iteration, .. } => Some(Cause::Diverged {
            scale,
            update: iteration + 1,
        }),
        Diagnosis::OutputDead { .. }
        | Diagnosis::SigmoidSaturated { .. }
        | Diagnosis::HiddenDead { .. } => Some(Cause::Collapsed {
            scale,
            update: killing.map_or(trainer.iterations(), |u| u.iteration + 1),
        }),
        _ => None,
    }
}

/// The update that collapsed the network, if the diagnosis names one.
fn killing_update(diagnosis: &Diagnosis) -> Option<UpdateSize> {
    match *diagnosis {
        Diagnosis::OutputDead { death, .. } | Diagnosis::SigmoidSaturated { death, .. } => {
            match death {
                Death::Killed(update) => Some(update),
                Death::BornDead { .. } => None,
            }
        }
        Diagnosis::HiddenDead {
            death: Some(Death::Killed(update)),
            ..
        } => Some(update),
        _ => None,
    }
}

/// The first update, or else the one that collapsed the network (`killing`), if it was oversized:
/// how big it was next to the weights the run started from.
fn oversized_update(trainer: &Trainer, killing: Option<UpdateSize>, scale: Scale) -> Option<Cause> {
    let initial = trainer.initial_largest_weight();
    trainer.oversized_update(killing).map(|update| {
        let (weight, step) = update.largest_step();
        Cause::OversizedUpdate {
            scale,
            update: update.iteration + 1,
            weight,
            step,
            initial,
            power: libm::floor(libm::log10(step.abs() / initial)) as i32,
        }
    })
}

impl Scale {
    /// "x reaches 600 unscaled in the training part. y reaches 1,200 unscaled. ", or nothing.
    fn words(&self, language: super::config::Language) -> String {
        use super::report::compact;
        use crate::i18n;
        let mut text = String::new();
        if let Some(x) = self.x_max {
            text.push_str(&i18n::WHY_X_UNSCALED.fill(language, &[&compact(x)]));
        }
        if let Some(y) = self.y_max {
            let words = if self.linear_output {
                i18n::WHY_Y_UNSCALED_LINEAR
            } else {
                i18n::WHY_Y_UNSCALED
            };
            text.push_str(&words.fill(language, &[&compact(y)]));
        }
        text
    }
}

impl Cause {
    /// The cause in words, with its numbers.
    pub fn words(&self, language: super::config::Language) -> String {
        use super::report::{compact, figure, signed};
        use crate::i18n;
        match *self {
            Cause::OutputBornDead => i18n::WHY_OUTPUT_BORN_DEAD.fill(language, &[]),
            Cause::LayerBornDead { layer } => {
                i18n::WHY_LAYER_BORN_DEAD.fill(language, &[&(layer + 1)])
            }
            Cause::SoftmaxOutput => i18n::WHY_SOFTMAX_OUTPUT.fill(language, &[]),
            Cause::SigmoidOutput { y_max } => {
                i18n::WHY_SIGMOID_OUTPUT.fill(language, &[&compact(y_max)])
            }
            Cause::OversizedUpdate {
                scale,
                update,
                weight,
                step,
                initial,
                power,
            } => {
                scale.words(language)
                    + &i18n::WHY_OVERSIZED_UPDATE.fill(
                        language,
                        &[
                            &update,
                            &weight.words().get(language),
                            &signed(step),
                            &power,
                            &compact(initial),
                        ],
                    )
            }
            Cause::Collapsed { scale, update } => {
                scale.words(language) + &i18n::WHY_COLLAPSED.fill(language, &[&update])
            }
            Cause::Diverged { scale, update } => {
                scale.words(language) + &i18n::WHY_DIVERGED.fill(language, &[&update])
            }
            Cause::Slow {
                first_loss,
                loss,
                epochs,
                limit,
            } => i18n::WHY_SLOW.fill(
                language,
                &[&figure(first_loss), &figure(loss), &epochs, &figure(limit)],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Language;

    fn question(seed: u64) -> Config {
        Config {
            seed,
            ..Config::default()
        }
    }

    fn change(query: &str) -> Change {
        Change {
            pairs: query
                .split('&')
                .map(|pair| {
                    let (key, value) = pair.split_once('=').unwrap();
                    (Key::from_name(key).unwrap(), value.into())
                })
                .collect(),
        }
    }

    fn trials(seed: u64, works: &[bool]) -> Vec<Trial> {
        works
            .iter()
            .enumerate()
            .map(|(i, &works)| Trial {
                seed: seed + i as u64,
                outcome: if works {
                    Outcome::Converged
                } else {
                    Outcome::Killed
                },
                works,
            })
            .collect()
    }

    fn measured(query: &str, seed: u64, works: &[bool]) -> Measured {
        Measured {
            change: if query.is_empty() {
                Change::default()
            } else {
                change(query)
            },
            trials: trials(seed, works),
        }
    }

    #[test]
    fn the_question_gets_the_seed_threads_fixes_in_link_form() {
        let queries: Vec<String> = candidates(&question(7)).iter().map(Change::query).collect();
        assert_eq!(
            queries,
            [
                "xscale=standard",
                "yscale=standard",
                "xscale=standard&yscale=standard",
                "out=linear",
                "xscale=standard&yscale=standard&out=linear",
                "lr=0.001",
                "lr=0.0001",
                "opt=adam",
                "opt=adam&lr=0.001",
                "stop=10&train=9",
                "hidden=12",
                "init=he_normal",
                "init=he_uniform",
                "init=rai",
                "act=leaky_relu",
            ]
        );
    }

    #[test]
    fn a_fix_in_place_drops_out_of_its_combinations() {
        let mut config = question(7);
        let _ = config.set(Key::XScale, "standard");
        let queries: Vec<String> = candidates(&config).iter().map(Change::query).collect();
        assert!(!queries.iter().any(|q| q.contains("xscale")), "{queries:?}");
        // "scale both" is "scale y" now: listed once.
        assert_eq!(
            queries.iter().filter(|q| *q == "yscale=standard").count(),
            1
        );
        assert!(queries.contains(&"yscale=standard&out=linear".to_string()));
    }

    #[test]
    fn pairs_join_different_keys_and_repeat_no_single_change() {
        let config = question(7);
        let singles = candidates(&config);
        let pairs = combinations(&config, &singles);
        assert!(!pairs.is_empty() && pairs.len() <= 105);
        for pair in &pairs {
            let keys: Vec<Key> = pair.pairs.iter().map(|(k, _)| *k).collect();
            let mut unique = keys.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), keys.len(), "{}", pair.query());
            assert!(!singles.contains(pair), "{}", pair.query());
        }
        let queries: Vec<String> = pairs.iter().map(Change::query).collect();
        assert!(queries.contains(&"opt=adam&act=leaky_relu".to_string()));
        // xscale + yscale is the single "scale both".
        assert!(!queries.contains(&"xscale=standard&yscale=standard".to_string()));
    }

    #[test]
    fn works_means_the_engines_verdict_converged_and_nothing_else() {
        let run = |outcome, final_loss| RunResult {
            seed: 7,
            outcome,
            final_loss,
            death_epoch: None,
        };
        assert!(works(&run(Outcome::Converged, Some(1.0))));
        for other in [
            Outcome::BornDead,
            Outcome::Killed,
            Outcome::HiddenDead,
            Outcome::Diverged,
            Outcome::Learning,
        ] {
            assert!(!works(&run(other, Some(0.0))), "{other:?}");
        }
    }

    #[test]
    fn only_changes_that_work_with_this_seed_are_advised_best_first() {
        let config = question(7);
        let advice = judge(
            &config,
            &[
                measured("", 7, &[false, true, false, false]),
                measured("opt=adam", 7, &[true, true, false, false]),
                measured("xscale=standard", 7, &[false, true, true, true]),
                measured("xscale=standard&yscale=standard&out=linear", 7, &[true; 4]),
                measured("act=leaky_relu", 7, &[true, false, true, false]),
            ],
        );
        let queries: Vec<String> = advice.iter().map(|a| a.change.query()).collect();
        assert_eq!(
            queries,
            [
                "xscale=standard&yscale=standard&out=linear",
                "opt=adam",
                "act=leaky_relu"
            ]
        );
        assert_eq!(
            (advice[1].working, advice[1].seeds, advice[1].share()),
            (2, 4, 0.5)
        );
    }

    #[test]
    fn a_working_run_is_advised_only_changes_that_work_on_more_seeds() {
        let config = question(7);
        let advice = judge(
            &config,
            &[
                measured("", 7, &[true, true, false, false]),
                measured("opt=adam", 7, &[true, true, false, false]),
                measured("init=rai", 7, &[true, true, true, false]),
            ],
        );
        let queries: Vec<String> = advice.iter().map(|a| a.change.query()).collect();
        assert_eq!(queries, ["init=rai"]);
    }

    #[test]
    fn combinations_only_where_no_single_change_works_and_three_at_most() {
        let config = question(7);
        let mut all = vec![
            measured("", 7, &[false, false]),
            measured("opt=adam", 7, &[false, true]),
        ];
        let pairs = [
            "opt=adam&act=leaky_relu",
            "out=linear&init=rai",
            "out=linear&act=leaky_relu",
            "lr=0.001&init=rai",
        ];
        for (i, pair) in pairs.iter().enumerate() {
            all.push(measured(pair, 7, &[true, i % 2 == 0]));
        }
        let advice = judge(&config, &all);
        let queries: Vec<String> = advice.iter().map(|a| a.change.query()).collect();
        assert_eq!(
            queries,
            [
                "opt=adam&act=leaky_relu",
                "out=linear&act=leaky_relu",
                "out=linear&init=rai"
            ]
        );
        // A single change that works pushes every combination out.
        all.push(measured("init=rai", 7, &[true, false]));
        let advice = judge(&config, &all);
        assert_eq!(advice.len(), 1);
        assert_eq!(advice[0].change.query(), "init=rai");
    }

    /// `sweep::run_one` of every job of the round, in order.
    fn run_round(rounds: &Rounds) -> Vec<Vec<RunResult>> {
        rounds
            .jobs()
            .iter()
            .map(|job| {
                job.seeds
                    .iter()
                    .map(|&seed| crate::engine::sweep::run_one(&job.config, seed))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_rounds_run_every_candidate_once_then_only_what_worked_on_the_other_seeds() {
        let config = Config {
            epochs: 5,
            ..question(7)
        };
        let mut rounds = Rounds::new(&config, 3);
        assert_eq!(rounds.jobs().len(), 1 + candidates(&config).len());
        assert!(rounds.jobs()[0].change.is_none());
        assert!(rounds.jobs().iter().all(|j| j.seeds == [7]));
        assert_eq!(rounds.runs(), rounds.jobs().len());
        let first = run_round(&rounds);
        let worked: Vec<Change> = rounds
            .jobs()
            .iter()
            .zip(&first)
            .filter(|(_, runs)| runs[0].outcome == Outcome::Converged)
            .map(|(job, _)| job.change.clone())
            .collect();
        assert!(!worked.is_empty(), "five epochs: something works");
        rounds.record(&first);
        let next: Vec<Change> = rounds.jobs().iter().map(|j| j.change.clone()).collect();
        assert_eq!(next, worked);
        assert!(rounds.jobs().iter().all(|j| j.seeds == [8, 9]));
        let second = run_round(&rounds);
        rounds.record(&second);
        assert!(rounds.is_done() && rounds.jobs().is_empty());
        let advice = rounds.advice();
        assert_eq!(advice.len(), worked.len());
        assert!(advice.iter().all(|a| a.seeds == 3));
        // The same rounds through `advise` with a plain loop: the same advice.
        let plain = advise(&config, 3, |jobs| {
            jobs.iter()
                .map(|(c, seed)| crate::engine::sweep::run_one(c, *seed))
                .collect()
        });
        assert_eq!(plain, advice);
    }

    #[test]
    fn runs_handed_in_piece_by_piece_in_any_order_give_the_advice_of_whole_rounds() {
        let config = Config {
            epochs: 5,
            ..question(7)
        };
        // The oracle: whole rounds, recorded at once, through `advise` with a plain loop.
        let whole = advise(&config, 4, |jobs| {
            jobs.iter()
                .map(|(c, seed)| crate::engine::sweep::run_one(c, *seed))
                .collect()
        });
        let mut rounds = Rounds::new(&config, 4);
        let mut rounds_seen = 0;
        while !rounds.is_done() {
            assert_eq!(rounds.recorded(), rounds_seen);
            rounds_seen += 1;
            let planned = rounds.runs();
            // Last job first, each job's seeds one at a time from its last, as workers may finish.
            let pieces: Vec<(usize, RunResult)> = rounds
                .jobs()
                .iter()
                .enumerate()
                .rev()
                .flat_map(|(index, job)| {
                    job.seeds
                        .iter()
                        .rev()
                        .map(move |&seed| (index, crate::engine::sweep::run_one(&job.config, seed)))
                })
                .collect();
            assert_eq!(pieces.len(), planned);
            for (count, (job, run)) in pieces.into_iter().enumerate() {
                if count + 1 < planned {
                    rounds.add(job, &[run]);
                    // A piece handed in twice counts once.
                    rounds.add(job, &[run]);
                    assert_eq!(rounds.runs_in(), count + 1);
                } else {
                    rounds.add(job, &[run]);
                }
            }
        }
        assert!(rounds_seen >= 2, "candidates, then other seeds");
        assert!(!whole.is_empty());
        assert_eq!(rounds.advice(), whole);
    }

    #[test]
    fn runs_of_a_job_or_seed_the_round_does_not_have_are_left_out() {
        let config = question(7);
        let mut rounds = Rounds::new(&config, 3);
        let jobs = rounds.jobs().len();
        let run = |seed| RunResult {
            seed,
            outcome: Outcome::Converged,
            final_loss: Some(0.0),
            death_epoch: None,
        };
        rounds.add(jobs, &[run(7)]);
        rounds.add(0, &[run(8)]);
        assert_eq!(rounds.runs_in(), 0);
        rounds.add(0, &[run(7), run(7)]);
        assert_eq!(rounds.runs_in(), 1);
        assert!(!rounds.is_done());
    }

    #[test]
    fn results_of_the_wrong_shape_end_the_rounds() {
        let mut rounds = Rounds::new(&question(7), 3);
        rounds.record(&[]);
        assert!(rounds.is_done() && rounds.jobs().is_empty());
    }

    #[test]
    fn the_runners_json_lists_change_share_and_seeds() {
        let advice = [Advice {
            change: change("xscale=standard&yscale=standard"),
            works_this_seed: true,
            working: 3,
            seeds: 4,
        }];
        assert_eq!(
            advice_json(&advice),
            r#"[{"change":"xscale=standard&yscale=standard","works_this_seed":true,"share":0.75,"seeds":4}]"#
        );
        assert_eq!(advice_json(&[]), "[]");
    }

    fn trained(config: &Config) -> Trainer {
        let mut trainer = Trainer::new(config);
        trainer.run();
        trainer
    }

    #[test]
    fn the_questions_cause_is_an_oversized_first_update_from_raw_x_and_y() {
        let trainer = trained(&question(7));
        let Some(Cause::OversizedUpdate {
            scale:
                Scale {
                    x_max,
                    y_max,
                    linear_output,
                },
            update,
            weight,
            step,
            initial,
            power,
        }) = cause(&trainer)
        else {
            panic!("{:?}", cause(&trainer));
        };
        // One number for one fact: the banner quotes the same step of the same weight.
        let banner = crate::engine::report::explain(&trainer);
        let step_words = crate::engine::report::signed(step);
        assert!(banner.contains(&step_words), "{banner} / {step_words}");
        let first = trainer.first_update().unwrap();
        assert_eq!((weight, step), first.largest_step());
        // The training part is x = 1…600, y = 2x; the kernel starts within Glorot's ±√(6/129).
        assert_eq!(
            (x_max, y_max, linear_output),
            (Some(600.0), Some(1200.0), false)
        );
        assert!(initial > 0.0 && initial <= (6.0f64 / 129.0).sqrt());
        let ratio = step.abs() / initial;
        let first = trainer.first_update().expect("trained");
        assert_eq!(update, first.iteration + 1);
        assert!(power >= 2, "{power}");
        assert!(10f64.powi(power) <= ratio && ratio < 10f64.powi(power + 1));
        let words = cause(&trainer).unwrap().words(Language::En);
        assert!(
            words.contains("x reaches 600") && words.contains("y reaches 1,200"),
            "{words}"
        );
        assert!(words.contains(&format!("Update {update} moved")), "{words}");
    }

    #[test]
    fn the_cause_never_names_what_is_already_scaled() {
        let mut config = question(7);
        let _ = config.set(Key::XScale, "standard");
        let trainer = trained(&config);
        let cause = cause(&trainer).expect("still killed");
        for language in [Language::En, Language::Zh] {
            let words = cause.words(language);
            assert!(!words.contains("600") && !words.contains("x "), "{words}");
        }
        assert!(
            matches!(
                cause,
                Cause::OversizedUpdate {
                    scale: Scale {
                        x_max: None,
                        y_max: Some(_),
                        ..
                    },
                    ..
                }
            ),
            "{cause:?}"
        );
    }

    #[test]
    fn a_diverged_run_names_the_unscaled_targets_behind_it() {
        // The issue's table: x scaled, y not, linear output: diverges at update 6.
        let mut config = question(7);
        let _ = config.apply(&[
            ("xscale".into(), "standard".into()),
            ("out".into(), "linear".into()),
        ]);
        let trainer = trained(&config);
        let (_, iteration) = trainer.diverged().expect("diverges");
        assert_eq!(
            cause(&trainer),
            Some(Cause::Diverged {
                scale: Scale {
                    x_max: None,
                    y_max: Some(1200.0),
                    linear_output: true
                },
                update: iteration + 1
            })
        );
    }

    #[test]
    fn the_cause_names_no_fix() {
        for link in [
            "seed=7",
            "seed=7&xscale=standard",
            "seed=7&out=linear",
            "seed=2",
            "preset=adam",
            "preset=standardized&hidden=3,3,3,3,3,3,3,3&seed=3",
        ] {
            let (config, _) = Config::from_query(link);
            let Some(cause) = cause(&trained(&config)) else {
                panic!("{link} does not work: it has a cause");
            };
            for language in [Language::En, Language::Zh] {
                let words = cause.words(language).to_lowercase();
                for fix in ["standard", "adam", "init", "leaky", "try ", "试"] {
                    assert!(!words.contains(fix), "{link}: {words}");
                }
            }
        }
    }

    #[test]
    fn born_dead_softmax_and_working_runs_have_their_own_cause() {
        let born = trained(&question(2));
        assert_eq!(cause(&born), Some(Cause::OutputBornDead));
        let log = Config {
            epochs: 1,
            ..crate::engine::Preset::Log.config()
        };
        assert_eq!(cause(&trained(&log)), Some(Cause::SoftmaxOutput));
        let standardized = trained(&crate::engine::Preset::Standardized.config());
        assert_eq!(cause(&standardized), None);
        let zh = Cause::OutputBornDead.words(Language::Zh);
        assert!(zh.contains("学习率"), "{zh}");
    }
}
