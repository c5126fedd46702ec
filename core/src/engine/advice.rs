//! Advice computed, not canned: for the run on screen, the lab tries the seed thread's fixes (each
//! single change, then pairs of them where no single one works) on the same seed and over many seeds,
//! and advises only the ones that were measured to work. Plain data and pure functions: the page runs
//! the trials in its workers and the runner on rayon threads, both with `sweep::run_one`, and both
//! judge the results with `judge`, so they advise the same changes with the same shares.
//!
//! **Works** is read from the engine's own verdict: a run works when it ends `Converged` (the
//! validation loss below 2% of var(y)), or `Learning` with its last training loss below the same 2%
//! of var(y) (R² ≥ 0.98 on the points it trains on: the loss chart has fallen to the line; only the
//! held-out x, which lie beyond the training x in the question, are not yet fitted that closely).
//! Anything dead, diverged, or learning slower than that within the run's own epochs does not work.
//!
//! **Helps** (what is advised): the change works with this seed, and either the run on screen does
//! not, or the change works on a larger share of the seeds than the run on screen does.
//!
//! **Cost**, each trial a whole run of the config's epochs: the run on screen and every candidate
//! (at most 15) once on this seed; where none works, every pair of candidates with different keys
//! (at most 105) once on this seed; then every change that worked on this seed (and the run on screen,
//! when it worked) on the other `seeds − 1` seeds. On the question (20 epochs of 600 points) that is
//! 16 + 3 × 19 runs, about 0.2 s natively in release.
//!
//! Adam: Keras' default learning rate is 0.001, and on the question it learns too slowly to work in
//! 20 epochs (seed 7: loss 17,314 after epoch 20) where Adam at the question's own 0.01 converges. So
//! `opt=adam` keeps the run's learning rate and `opt=adam&lr=0.001` is a candidate of its own; each is
//! advised only when measured to work.

use super::config::{Config, DataKind, OutputActivation, XScale, YScale};
use super::data::Dataset;
use super::report::{json_number, json_string};
use super::sweep::RunResult;
use super::train::{Collapse, Death, Diagnosis, Outcome, Trainer, CONVERGED_FRACTION};

/// One change to the run: link pairs written with `Config::apply`, in the order shown.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Change {
    pub pairs: Vec<(&'static str, String)>,
}

impl Change {
    /// The changed keys as a query, as a link writes them: `opt=adam`, `xscale=standard&yscale=standard`.
    /// The empty change (the run on screen itself) is the empty query.
    pub fn query(&self) -> String {
        let parts: Vec<String> = self
            .pairs
            .iter()
            .map(|(key, value)| format!("{key}={}", super::config::percent_encode(value)))
            .collect();
        parts.join("&")
    }

    /// The pairs as `Config::apply` takes them.
    pub fn link_pairs(&self) -> Vec<(String, String)> {
        self.pairs
            .iter()
            .map(|(key, value)| (key.to_string(), value.clone()))
            .collect()
    }

    /// `config` with this change written (through the same checks as a link).
    pub fn applied_to(&self, config: &Config) -> Config {
        let mut changed = config.clone();
        let _ = changed.apply(&self.link_pairs());
        changed
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
fn effective(config: &Config, wanted: &[(&'static str, String)]) -> Option<Change> {
    let mut pairs = Vec::new();
    for (key, value) in wanted {
        let mut one = config.clone();
        let _ = one.set(key, value);
        if !one.same_run(config) {
            let value = one.get(key).unwrap_or_else(|| value.clone());
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
    let standard_x = ("xscale", "standard".to_string());
    let standard_y = ("yscale", "standard".to_string());
    let linear = ("out", "linear".to_string());
    let lr = |divisor: f64| ("lr", format!("{}", config.learning_rate / divisor));
    let mut wanted: Vec<Vec<(&'static str, String)>> = vec![
        vec![standard_x.clone()],
        vec![standard_y.clone()],
        vec![standard_x.clone(), standard_y.clone()],
        vec![linear.clone()],
        vec![standard_x, standard_y, linear],
        vec![lr(10.0)],
        vec![lr(100.0)],
        vec![("opt", "adam".into())],
        vec![("opt", "adam".into()), ("lr", "0.001".into())],
    ];
    // Fewer points, as the thread's answer 0: x = 1…9 (nine points from `start`, all of them trained on).
    if config.data == DataKind::Arange && config.data_points() > 9 {
        let stop = config.start + 9.0 * config.step;
        wanted.push(vec![
            ("stop", format!("{stop}")),
            ("train", config.train_points.min(9).to_string()),
        ]);
    }
    // Fewer units: the thread's 12 per layer.
    let narrower: Vec<String> = config
        .widths()
        .iter()
        .map(|w| (*w).min(12).to_string())
        .collect();
    wanted.push(vec![("hidden", narrower.join(","))]);
    for init in ["he_normal", "he_uniform", "rai"] {
        wanted.push(vec![("init", init.into())]);
    }
    wanted.push(vec![("act", "leaky_relu".into())]);
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
            let wanted: Vec<(&'static str, String)> =
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

/// Whether a run of `changed` (the configuration the change makes) works: `Converged`, or
/// `Learning` with its last training loss at most 2% of var(y) of that seed's training targets.
pub fn works(changed: &Config, run: &RunResult) -> bool {
    match run.outcome {
        Outcome::Converged => true,
        Outcome::Learning => run.final_loss.is_some_and(|loss| {
            let data = Dataset::new(&Config {
                seed: run.seed,
                ..changed.clone()
            });
            loss <= CONVERGED_FRACTION * data.target_variance()
        }),
        _ => false,
    }
}

/// One measured run of a change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trial {
    pub seed: u64,
    pub outcome: Outcome,
    pub works: bool,
}

impl Trial {
    /// The verdict on one run of `changed` (a change applied to the run on screen).
    pub fn of(changed: &Config, run: &RunResult) -> Trial {
        Trial {
            seed: run.seed,
            outcome: run.outcome,
            works: works(changed, run),
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

/// The whole measurement for callers that can run a batch of (configuration, seed) jobs at once and
/// wait: `run` returns `sweep::run_one` of each job, in order (the runner passes rayon, a test a plain
/// loop). The page does the same rounds with its workers: `candidates`, `combinations` where no
/// candidate works with the seed, the other seeds for what worked, then `judge`.
pub fn advise(
    config: &Config,
    seed_count: usize,
    run: impl Fn(&[(Config, u64)]) -> Vec<RunResult>,
) -> Vec<Advice> {
    let seed = config.seed;
    let singles = candidates(config);
    let mut changes: Vec<Change> = std::iter::once(Change::default())
        .chain(singles.iter().cloned())
        .collect();
    let mut first = measure_on(config, &changes, &[seed], &run);
    // Pairs only for a run that does not work and that no single change fixes (they cost up to 105
    // runs more).
    if !first.iter().any(|m| m.works_this_seed(seed)) {
        let pairs = combinations(config, &singles);
        first.extend(measure_on(config, &pairs, &[seed], &run));
        changes.extend(pairs);
    }
    let others: Vec<u64> = seeds(config, seed_count).into_iter().skip(1).collect();
    let finalists: Vec<Change> = first
        .iter()
        .filter(|m| m.works_this_seed(seed))
        .map(|m| m.change.clone())
        .collect();
    let rest = measure_on(config, &finalists, &others, &run);
    for measured in &mut first {
        if let Some(more) = rest.iter().find(|r| r.change == measured.change) {
            measured.trials.extend_from_slice(&more.trials);
        }
    }
    // What did not work with this seed is not advised: its other seeds were not run.
    judge(config, &first)
}

/// Every change on every seed, in one batch.
fn measure_on(
    config: &Config,
    changes: &[Change],
    seeds: &[u64],
    run: &impl Fn(&[(Config, u64)]) -> Vec<RunResult>,
) -> Vec<Measured> {
    let configs: Vec<Config> = changes.iter().map(|c| c.applied_to(config)).collect();
    let jobs: Vec<(Config, u64)> = configs
        .iter()
        .flat_map(|c| seeds.iter().map(move |&s| (c.clone(), s)))
        .collect();
    let results = run(&jobs);
    changes
        .iter()
        .zip(&configs)
        .enumerate()
        .map(|(i, (change, changed))| Measured {
            change: change.clone(),
            trials: results
                .iter()
                .skip(i * seeds.len())
                .take(seeds.len())
                .map(|r| Trial::of(changed, r))
                .collect(),
        })
        .collect()
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
    /// The first update moved a weight by `step`, 10^`power` times the largest starting weight
    /// (`initial`); `x_max` and `y_max` are the unscaled inputs and targets behind it (`None` when
    /// scaled or small), `linear_output` whether nothing bounds the output.
    OversizedUpdate {
        x_max: Option<f64>,
        y_max: Option<f64>,
        linear_output: bool,
        step: f64,
        initial: f64,
        power: i32,
    },
    /// Update `update` (1-based) collapsed the network to a constant (a dead output or hidden layer),
    /// though the first update was not oversized.
    Collapsed { update: u64 },
    /// Update `update` (1-based) made a loss or a weight infinite, though the first was not oversized.
    Diverged { update: u64 },
    /// Learning, but after `epochs` epochs the loss (from `first_loss` to `loss`) is not yet below
    /// 2% of var(y).
    Slow {
        first_loss: f64,
        loss: f64,
        epochs: usize,
    },
}

/// Raw values beyond this are "unscaled" in the cause's words.
const LARGE_VALUE: f64 = 10.0;

/// The cause the numbers of `trainer`'s run show; `None` when the run works (or has not started).
pub fn cause(trainer: &Trainer) -> Option<Cause> {
    let config = trainer.config();
    let diagnosis = trainer.diagnosis();
    let data = trainer.data();
    let largest = |values: &[f64]| values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
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
        if loss <= CONVERGED_FRACTION * data.target_variance() {
            return None;
        }
        return Some(Cause::Slow {
            first_loss,
            loss,
            epochs: trainer.epoch(),
        });
    }
    let oversized = trainer.first_update().and_then(|first| {
        let step = if first.hidden_weight_step.abs() >= first.output_weight_step.abs() {
            first.hidden_weight_step
        } else {
            first.output_weight_step
        };
        let initial = Trainer::new(config)
            .parameters()
            .iter()
            .fold(0.0f64, |m, p| m.max(f64::from(*p).abs()));
        let ratio = step.abs() / initial;
        (initial > 0.0 && ratio.is_finite() && ratio >= 10.0).then(|| {
            let x_max = largest(&data.x[data.fit.clone()]);
            Cause::OversizedUpdate {
                x_max: (config.x_scale == XScale::None && x_max > LARGE_VALUE).then_some(x_max),
                y_max: (config.y_scale == YScale::None && y_max > LARGE_VALUE).then_some(y_max),
                linear_output: config.output_activation == OutputActivation::Linear,
                step,
                initial,
                power: libm::floor(libm::log10(ratio)) as i32,
            }
        })
    });
    if oversized.is_some() {
        return oversized;
    }
    let killed_at = |death: Option<Death>| match death {
        Some(Death::Killed(update)) => update.iteration + 1,
        _ => trainer.iterations(),
    };
    match diagnosis {
        Diagnosis::Diverged { iteration, .. } => Some(Cause::Diverged {
            update: iteration + 1,
        }),
        Diagnosis::OutputDead { death, .. } | Diagnosis::SigmoidSaturated { death, .. } => {
            Some(Cause::Collapsed {
                update: killed_at(Some(death)),
            })
        }
        Diagnosis::HiddenDead { death, .. } => Some(Cause::Collapsed {
            update: killed_at(death),
        }),
        _ => None,
    }
}

impl Cause {
    /// The cause in words, with its numbers.
    pub fn words(&self, language: super::config::Language) -> String {
        use super::report::{compact, grouped, signed};
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
                x_max,
                y_max,
                linear_output,
                step,
                initial,
                power,
            } => {
                let mut text = String::new();
                if let Some(x) = x_max {
                    text.push_str(&i18n::WHY_X_UNSCALED.fill(language, &[&compact(x)]));
                }
                if let Some(y) = y_max {
                    let words = if linear_output {
                        i18n::WHY_Y_UNSCALED_LINEAR
                    } else {
                        i18n::WHY_Y_UNSCALED
                    };
                    text.push_str(&words.fill(language, &[&compact(y)]));
                }
                text.push_str(
                    &i18n::WHY_OVERSIZED_UPDATE
                        .fill(language, &[&signed(step), &power, &compact(initial)]),
                );
                text
            }
            Cause::Collapsed { update } => i18n::WHY_COLLAPSED.fill(language, &[&update]),
            Cause::Diverged { update } => i18n::WHY_DIVERGED.fill(language, &[&update]),
            Cause::Slow {
                first_loss,
                loss,
                epochs,
            } => i18n::WHY_SLOW.fill(language, &[&grouped(first_loss), &grouped(loss), &epochs]),
        }
    }
}
