//! Sweeps: the same run over many seeds and over up to two varied settings, counted by outcome.
//! Plain data and pure functions: the page's workers, the page itself and the headless runner all
//! run `run_seed` (a sweep, with what writing the seed said) or `run_one` (the advice, outcomes only)
//! and count with `Counts`, so a sweep's outcome for a seed is bit-identical to the same link run alone.

use super::config::{Activation, Config, Init, Key, Language, Notice, OutputActivation};
use super::report::{json_number, json_string, three_digits};
use super::train::{Death, Diagnosis, Outcome, Trainer};
use crate::engine::decimal::parse_f64;
use crate::i18n;

/// One cell of a sweep: the varied settings' values and the configuration they make.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// (key, value as a link writes it), one per varied setting: the value the cell's run uses,
    /// which is the value typed unless the checks changed it (then `notices` says why).
    pub values: Vec<(Key, String)>,
    /// The base configuration with these values written (through the same checks as a link).
    pub config: Config,
    /// What writing the values said: a value clamped, a formula refused, own points missing, or
    /// another setting adjusted to fit them. Empty when the cell runs exactly what it names.
    pub notices: Vec<Notice>,
}

/// The cells of the sweep `base` sets up: every combination of the varied settings' values, in
/// order (the first setting varies slowest). No varied setting: one cell, the base itself.
/// A cell's values are written as one write, as a link holding them would be, and the cell keeps
/// what that write said and names the values its run then has.
pub fn cells(base: &Config) -> Vec<Cell> {
    let mut combinations: Vec<Vec<(Key, &str)>> = vec![Vec::new()];
    for axis in &base.sweep.axes {
        combinations = combinations
            .into_iter()
            .flat_map(|typed| {
                axis.values.iter().map(move |value| {
                    let mut typed = typed.clone();
                    typed.push((axis.key, value.as_str()));
                    typed
                })
            })
            .collect();
    }
    combinations
        .into_iter()
        .map(|typed| {
            let mut config = base.clone();
            let notices = if typed.is_empty() {
                Vec::new()
            } else {
                config.set_all(&typed)
            };
            let values = typed
                .iter()
                .map(|&(key, _)| (key, config.get(key)))
                .collect();
            Cell {
                values,
                config,
                notices,
            }
        })
        .collect()
}

/// Expands what a person types for a sweep's values: a list `a|b|c` stays as it is; a range
/// `from..to xN` (`log` for log-spaced; 5 values unless `xN` says; 2 to `MAX_SWEEP_VALUES`) becomes
/// the list of its values, each to three significant digits, e.g. `0.0001..1 x5 log` is
/// `0.0001|0.001|0.01|0.1|1`. Text that is not a range is returned as it is (the link parser then
/// says what is wrong with it).
pub fn expand_values(text: &str) -> String {
    let text = text.trim();
    let Some((from, rest)) = text.split_once("..") else {
        return text.to_string();
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let to = words.first().and_then(|w| parse_f64(w));
    let count = words
        .iter()
        .find_map(|w| w.strip_prefix('x').and_then(|n| n.parse::<usize>().ok()))
        .unwrap_or(5)
        .clamp(2, super::config::MAX_SWEEP_VALUES);
    let log = words.contains(&"log");
    let (Some(from), Some(to)) = (parse_f64(from.trim()), to) else {
        return text.to_string();
    };
    if !from.is_finite() || !to.is_finite() {
        return text.to_string();
    }
    let values: Vec<String> = (0..count)
        .map(|i| {
            let t = i as f64 / (count - 1) as f64;
            let value = if log && from > 0.0 && to > 0.0 {
                libm::exp(libm::log(from) + t * (libm::log(to) - libm::log(from)))
            } else {
                from + t * (to - from)
            };
            three_digits(value)
        })
        .collect();
    values.join("|")
}

/// The seeds of each cell: `seeds` of them from the link's own `seed` on.
pub fn seeds(base: &Config) -> impl Iterator<Item = u64> + Clone {
    let first = base.seed;
    (0..base.seeds as u64).map(move |i| first.wrapping_add(i))
}

/// How one run of a sweep ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunResult {
    pub seed: u64,
    pub outcome: Outcome,
    /// The last epoch's loss (`None` without an epoch, or when it was not finite).
    pub final_loss: Option<f64>,
    /// The epoch in which the network collapsed: 0 when born dead.
    pub death_epoch: Option<usize>,
}

/// `config` with `seed` written (through `Config::set`, as opening that seed's run does), and what
/// the write said. Mostly nothing; but a formula is checked on the data's x, and random data (`randn`,
/// `uniform`) has other x for another seed, so a formula fine on one seed can be refused on the next.
pub fn seeded(config: &Config, seed: u64) -> (Config, Vec<Notice>) {
    let mut config = config.clone();
    let notices = config.set(Key::Seed, &seed.to_string());
    (config, notices)
}

/// Trains `config` with `seed` to its epochs (or divergence) and says how it ended, with what writing
/// the seed said (`seeded`): a sweep shows those notices on the cell, so the cell never trains
/// other settings than it names without saying so.
pub fn run_seed(config: &Config, seed: u64) -> (RunResult, Vec<Notice>) {
    let (config, notices) = seeded(config, seed);
    (trained(&config, seed), notices)
}

/// How `config` with `seed` ends, for a caller that judges outcomes only (the advice); a sweep uses
/// `run_seed`, which also says what writing the seed changed.
pub fn run_one(config: &Config, seed: u64) -> RunResult {
    run_seed(config, seed).0
}

/// Trains `config` (its seed written) to its epochs and says how it ended.
fn trained(config: &Config, seed: u64) -> RunResult {
    let mut trainer = Trainer::new(config);
    trainer.run();
    let death_epoch = match trainer.diagnosis() {
        Diagnosis::OutputDead { death, .. }
        | Diagnosis::SigmoidSaturated { death, .. }
        | Diagnosis::HiddenDead {
            death: Some(death), ..
        } => Some(match death {
            Death::BornDead { .. } => 0,
            Death::Killed(update) => update.epoch,
        }),
        _ => trainer.born_collapsed().map(|_| 0),
    };
    RunResult {
        seed,
        outcome: trainer.outcome(),
        final_loss: trainer
            .history()
            .last()
            .map(|s| s.loss)
            .filter(|l| l.is_finite()),
        death_epoch,
    }
}

/// The 95% Wilson score interval of a share of `hits` in `runs`.
pub fn wilson(hits: usize, runs: usize) -> (f64, f64) {
    if runs == 0 {
        return (0.0, 1.0);
    }
    let (n, z) = (runs as f64, 1.959_963_984_540_054);
    let p = hits as f64 / n;
    let denominator = 1.0 + z * z / n;
    let center = (p + z * z / (2.0 * n)) / denominator;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denominator;
    // At 0 and n hits the interval touches the end exactly (the formula leaves rounding dust).
    let low = if hits == 0 {
        0.0
    } else {
        (center - half).max(0.0)
    };
    let high = if hits == runs {
        1.0
    } else {
        (center + half).min(1.0)
    };
    (low, high)
}

/// The probability that the network is born dead, where a formula gives it: one hidden layer of H
/// relu units with zero biases and a symmetric initialiser, a relu output with zero bias. Its input
/// is Σ v·relu(w·x). With every training x > 0 that is x·Σ_{w>0} v·w, which is ≤ 0 for sure when no
/// w > 0 (probability 2^−H) and with probability 1/2 otherwise: (1 + 2^−H)/2. When the training x
/// have both signs, the sums over w > 0 and over w < 0 must both be ≤ 0: 1/4 + 2^−(H+1).
pub fn born_dead_theory(config: &Config) -> Option<f64> {
    let applies = config.widths().len() == 1
        && config.hidden_activation == Activation::Relu
        && config.output_activation == OutputActivation::Relu
        && config.hidden_bias == 0.0
        && config.init != Init::Rai;
    if !applies {
        return None;
    }
    let trainer = Trainer::new(config);
    let data = trainer.data();
    let xs = &data.x_scaled[data.fit.clone()];
    let positive = xs.iter().any(|&x| x > 0.0);
    let negative = xs.iter().any(|&x| x < 0.0);
    let h = config.widths()[0] as i32;
    let none = 0.5f64.powi(h);
    match (positive, negative) {
        (true, true) => Some(0.25 + none / 2.0),
        (true, false) | (false, true) => Some((1.0 + none) / 2.0),
        (false, false) => Some(1.0),
    }
}

/// Every outcome's count in one cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    counts: [usize; 6],
}

impl Counts {
    /// The outcomes of `runs`, counted: one way for the page's sweep panel and the runner.
    pub fn of<'a>(runs: impl IntoIterator<Item = &'a RunResult>) -> Counts {
        let mut counts = Counts::default();
        for run in runs {
            counts.add(run.outcome);
        }
        counts
    }
    pub fn add(&mut self, outcome: Outcome) {
        self.counts[outcome as usize] += 1;
    }
    pub fn get(&self, outcome: Outcome) -> usize {
        self.counts[outcome as usize]
    }
    pub fn runs(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// A JSON object `{"born_dead": …, …}` with one entry per outcome.
fn outcome_object(value: impl Fn(Outcome) -> String) -> String {
    let entries: Vec<String> = Outcome::ALL
        .iter()
        .map(|&o| format!("\"{}\":{}", o.name(), value(o)))
        .collect();
    format!("{{{}}}", entries.join(","))
}

/// `{"lr": "0.01", …}`: the varied values of a cell.
fn values_json(values: &[(Key, String)]) -> String {
    let entries: Vec<String> = values
        .iter()
        .map(|(key, value)| format!("{}:{}", json_string(key.name()), json_string(value)))
        .collect();
    format!("{{{}}}", entries.join(","))
}

/// The runner's line for one run.
pub fn run_json(cell: &Cell, run: &RunResult) -> String {
    format!(
        "{{\"run\":{{\"values\":{},\"seed\":{},\"outcome\":\"{}\",\"final_loss\":{},\"death_epoch\":{}}}}}",
        values_json(&cell.values),
        run.seed,
        run.outcome.name(),
        run.final_loss.map_or("null".into(), json_number),
        run.death_epoch.map_or("null".into(), |e| e.to_string()),
    )
}

/// A notice one seed's write gave in a cell (`run_seed`): the seed and what it said.
pub type SeedNotice = (u64, Notice);

/// What a cell did not run as it names, in `language`, one line each: its values' notices, then
/// each seed's (`SEED_NOTICE`: the seed, then the notice), in seed order, each text once.
pub fn cell_notices(cell: &Cell, seed_notices: &[SeedNotice], language: Language) -> Vec<String> {
    let mut seed_notices: Vec<&SeedNotice> = seed_notices.iter().collect();
    seed_notices.sort_by_key(|(seed, _)| *seed);
    let texts = cell.notices.iter().map(|n| n.text(language)).chain(
        seed_notices
            .into_iter()
            .map(|(seed, n)| i18n::SEED_NOTICE.fill(language, &[seed, &n.text(language)])),
    );
    let mut lines: Vec<String> = Vec::new();
    for text in texts {
        if !lines.contains(&text) {
            lines.push(text);
        }
    }
    lines
}

/// The line for one cell: counts, fractions, 95% Wilson intervals, the theory where it applies, and
/// what it did not run as named (`cell_notices` in English; `[]` when it ran exactly that).
/// The runner prints it and the page shows the same on `sweep-summary`.
pub fn cell_json(cell: &Cell, counts: &Counts, seed_notices: &[SeedNotice]) -> String {
    let runs = counts.runs();
    let fraction = |o: Outcome| {
        if runs == 0 {
            "null".into()
        } else {
            json_number(counts.get(o) as f64 / runs as f64)
        }
    };
    let interval = |o: Outcome| {
        let (low, high) = wilson(counts.get(o), runs);
        format!("[{},{}]", json_number(low), json_number(high))
    };
    let theory = born_dead_theory(&cell.config)
        .map(|p| format!(",\"theory\":{{\"born_dead\":{}}}", json_number(p)))
        .unwrap_or_default();
    let notices: Vec<String> = cell_notices(cell, seed_notices, Language::En)
        .iter()
        .map(|text| json_string(text))
        .collect();
    format!(
        "{{\"cell\":{{\"values\":{},\"runs\":{runs},\"counts\":{},\"fraction\":{},\"ci95\":{}{theory},\"notices\":[{}]}}}}",
        values_json(&cell.values),
        outcome_object(|o| counts.get(o).to_string()),
        outcome_object(fraction),
        outcome_object(interval),
        notices.join(","),
    )
}

/// The sweep as CSV: one line per run (varied values, seed, outcome, final loss, epoch of death).
pub fn runs_csv(base: &Config, cells: &[Cell], runs: &[Vec<RunResult>]) -> String {
    let mut csv = String::new();
    for axis in &base.sweep.axes {
        csv.push_str(axis.key.name());
        csv.push(',');
    }
    csv.push_str("seed,outcome,final_loss,death_epoch\n");
    for (cell, results) in cells.iter().zip(runs) {
        for run in results {
            for (_, value) in &cell.values {
                // Values never hold a comma but for layer widths: quote them.
                if value.contains(',') {
                    csv.push_str(&format!("\"{value}\","));
                } else {
                    csv.push_str(&format!("{value},"));
                }
            }
            csv.push_str(&format!(
                "{},{},{},{}\n",
                run.seed,
                run.outcome.name(),
                run.final_loss.map_or(String::new(), |l| l.to_string()),
                run.death_epoch.map_or(String::new(), |e| e.to_string())
            ));
        }
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_runs_tally_each_outcome_and_add_up_to_the_runs() {
        let outcomes = [
            Outcome::BornDead,
            Outcome::Killed,
            Outcome::BornDead,
            Outcome::Converged,
            Outcome::Diverged,
            Outcome::BornDead,
        ];
        let runs: Vec<RunResult> = outcomes
            .iter()
            .enumerate()
            .map(|(seed, &outcome)| RunResult {
                seed: seed as u64,
                outcome,
                final_loss: None,
                death_epoch: None,
            })
            .collect();
        let counts = Counts::of(&runs);
        assert_eq!(counts.runs(), 6);
        assert_eq!(counts.get(Outcome::BornDead), 3);
        assert_eq!(counts.get(Outcome::Killed), 1);
        assert_eq!(counts.get(Outcome::Converged), 1);
        assert_eq!(counts.get(Outcome::Diverged), 1);
        assert_eq!(counts.get(Outcome::Learning), 0);
        assert_eq!(Counts::of(&[]), Counts::default());
    }

    #[test]
    fn a_sweep_link_reads_its_keys_and_values_and_names_what_it_cannot_use() {
        let (config, notices) =
            Config::from_query("preset=question&sweep=lr:0.001|0.01|abc;hidden:2,2|4&seeds=200");
        assert_eq!(config.seeds, 200);
        assert_eq!(config.sweep.axes.len(), 2);
        assert_eq!(config.sweep.axes[0].values, ["0.001", "0.01"]);
        assert_eq!(config.sweep.axes[1].values, ["2,2", "4"]);
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(notices[0].to_string().contains("lr:abc"), "{}", notices[0]);
        let (again, more) = Config::from_query(&config.to_query());
        assert!(more.is_empty(), "{more:?}");
        assert_eq!(again, config);
        for bad in ["seed:1|2", "zzz:1", "lr:1;opt:adam;act:tanh", "lang:zh"] {
            let (_, notices) = Config::from_query(&format!("sweep={bad}"));
            assert_eq!(notices.len(), 1, "{bad}: {notices:?}");
            assert_eq!(notices[0].key, "sweep");
        }
        // A sweep does not change the run.
        let plain = Config::from_query("preset=question").0;
        assert!(Config::from_query("preset=question&sweep=lr:1&seeds=3")
            .0
            .same_run(&plain));
    }

    #[test]
    fn cells_are_every_combination_with_the_first_key_varying_slowest() {
        let (config, _) = Config::from_query("sweep=lr:0.1|0.2;hidden:3|4,4|5");
        let made = cells(&config);
        assert_eq!(made.len(), 6);
        assert_eq!(
            made[1].values,
            vec![
                (Key::LearningRate, "0.1".to_string()),
                (Key::Hidden, "4,4".to_string())
            ]
        );
        assert_eq!(made[1].config.hidden_layers, vec![4, 4]);
        assert_eq!(made[3].config.learning_rate, 0.2);
        assert_eq!(
            cells(&Config::default()).len(),
            1,
            "no varied key: one cell"
        );
    }

    /// The values a cell names, read back from the configuration it trains.
    fn ran(cell: &Cell) -> Vec<String> {
        cell.values
            .iter()
            .map(|(k, _)| cell.config.get(*k))
            .collect()
    }

    #[test]
    fn a_cell_is_named_by_what_it_runs_and_says_why_when_that_is_not_what_was_typed() {
        // The learner's data: x = 1…999, so at most 999 points can be trained on.
        let (base, _) = Config::from_query("preset=question&sweep=train:100|5000&seeds=2");
        let made = cells(&base);
        assert_eq!(made[0].values, [(Key::Train, "100".to_string())]);
        assert!(made[0].notices.is_empty(), "{:?}", made[0].notices);
        assert_eq!(made[1].config.train_points, 999);
        assert_eq!(made[1].values, [(Key::Train, "999".to_string())]);
        assert_eq!(made[1].notices.len(), 1, "{:?}", made[1].notices);
        assert_eq!(made[1].notices[0].key, "train");
        assert_eq!(made[1].notices[0].value, "5000");
        // A formula NaN at the data's x (log of a negative number) is refused: the cell runs 2*x.
        let (base, _) = Config::from_query("preset=question&sweep=f:x^2|log(x-2000)&seeds=2");
        let made = cells(&base);
        assert!(made[0].notices.is_empty());
        assert_eq!(made[1].config.target.eval(3.0), 6.0, "2*x at x = 3");
        assert_eq!(made[1].values[0].1, made[1].config.get(Key::Target));
        assert_ne!(made[1].values[0].1, "log(x-2000)");
        assert_eq!(made[1].notices[0].key, "f");
        // Own points that are not there: the built-in data, and the cell says so.
        let (base, _) = Config::from_query("preset=question&sweep=data:arange|own&seeds=2");
        let made = cells(&base);
        assert_eq!(made[1].values, [(Key::Data, "arange".to_string())]);
        assert_eq!(made[1].notices[0].key, "data");
        // Two settings are one write, as in a link: `stop` raised in the same cell lets `train` be.
        let (base, _) =
            Config::from_query("preset=question&sweep=train:1500|600;stop:1000|2000&seeds=2");
        let made = cells(&base);
        let expected = [
            (["999", "1000"], 1),
            (["1500", "2000"], 0),
            (["600", "1000"], 0),
            (["600", "2000"], 0),
        ];
        for (cell, (values, notices)) in made.iter().zip(expected) {
            assert_eq!(ran(cell), values, "{:?}", cell.values);
            let named: Vec<&str> = cell.values.iter().map(|(_, v)| v.as_str()).collect();
            assert_eq!(named, values);
            assert_eq!(
                cell.notices.len(),
                notices,
                "{:?}: {:?}",
                cell.values,
                cell.notices
            );
        }
        // Each cell line prints its notices, in English; `[]` when the cell ran as written.
        let line = cell_json(&made[0], &Counts::default(), &[]);
        assert!(
            line.ends_with(&format!(
                "\"notices\":[{}]}}}}",
                json_string(&made[0].notices[0].to_string())
            )),
            "{line}"
        );
        assert!(line.contains("5000") || line.contains("1500"), "{line}");
        assert!(cell_json(&made[1], &Counts::default(), &[]).ends_with("\"notices\":[]}}"));
    }

    #[test]
    fn a_seed_whose_data_refuses_the_formula_is_named_on_its_cell() {
        // sqrt(x) is NaN at a negative x; two randn points are both ≥ 0 for about a quarter of the
        // seeds. Which seeds: read from the data each seed makes, without the formula.
        // Seed 2's points are both positive (checked below: the link keeps its formula).
        let (base, _) = Config::from_query("data=randn&n=2&f=sqrt(x)&seeds=24&seed=2");
        assert!(!base.target.is_default(), "seed 2 takes sqrt(x)");
        let cell = &cells(&base)[0];
        let mut expected = Vec::new();
        for seed in seeds(&base) {
            let (plain, _) = Config::from_query(&format!("data=randn&n=2&seed={seed}"));
            if Trainer::new(&plain).data().x.iter().any(|&x| x < 0.0) {
                expected.push(seed);
            }
        }
        assert!(!expected.is_empty() && expected.len() < 24, "{expected:?}");
        let mut noted = Vec::new();
        for seed in seeds(&base) {
            let (run, notices) = run_seed(&cell.config, seed);
            assert_eq!(run, run_one(&cell.config, seed));
            if !notices.is_empty() {
                assert_eq!(notices[0].key, "f", "{notices:?}");
                noted.extend(notices.into_iter().map(|n| (seed, n)));
            }
        }
        let seeds_noted: Vec<u64> = noted.iter().map(|(seed, _)| *seed).collect();
        assert_eq!(seeds_noted, expected);
        let texts = cell_notices(cell, &noted, Language::En);
        assert_eq!(texts.len(), expected.len());
        assert!(
            texts[0].starts_with(&format!("seed {}: ", expected[0])),
            "{}",
            texts[0]
        );
        let line = cell_json(cell, &Counts::default(), &noted);
        assert_eq!(line.matches("seed ").count(), expected.len(), "{line}");
        let chinese = cell_notices(cell, &noted, Language::Zh);
        assert!(
            chinese[0].starts_with(&format!("随机种子 {}：", expected[0])),
            "{}",
            chinese[0]
        );
    }

    #[test]
    fn a_run_in_a_sweep_is_the_same_run_as_its_link_alone() {
        let (config, _) = Config::from_query("preset=fewer-points&seeds=5");
        for seed in seeds(&config) {
            let swept = run_one(&config, seed);
            let (alone, _) = Config::from_query(&format!("preset=fewer-points&seed={seed}"));
            let mut trainer = Trainer::new(&alone);
            trainer.run();
            assert_eq!(swept.outcome, trainer.outcome(), "seed {seed}");
            assert_eq!(swept.final_loss, trainer.history().last().map(|s| s.loss));
        }
    }

    #[test]
    fn wilson_intervals_match_the_textbook() {
        // Wilson (1927); Newcombe (1998), table I: 0/10 → 0 to 0.2775, 5/10 → 0.2366 to 0.7634.
        let (low, high) = wilson(0, 10);
        assert!(low == 0.0 && (high - 0.2775).abs() < 1e-4, "{low} {high}");
        let (low, high) = wilson(5, 10);
        assert!(
            (low - 0.2366).abs() < 1e-4 && (high - 0.7634).abs() < 1e-4,
            "{low} {high}"
        );
        let (low, high) = wilson(81, 263);
        assert!(
            (low - 0.2553).abs() < 1e-3 && (high - 0.3662).abs() < 1e-3,
            "{low} {high}"
        );
    }

    /// The formula against what the engine's own diagnosis counts, for few units (where the 2^−H
    /// term is large): inputs of one sign and of both, 4,000 initialisations each, no update.
    #[test]
    fn born_dead_formula_matches_counted_initialisations_for_few_units() {
        for (base, both_signs) in [
            ("preset=question", false),
            ("preset=standardized&out=relu", true),
        ] {
            for units in 1..=3 {
                let query = format!("{base}&hidden={units}&epochs=0&seeds=4000");
                let (config, notices) = Config::from_query(&query);
                assert!(notices.is_empty(), "{query}: {notices:?}");
                let cell = &cells(&config)[0];
                let mut counts = Counts::default();
                for seed in seeds(&config) {
                    counts.add(run_one(&cell.config, seed).outcome);
                }
                // Derived by hand, zero biases. x > 0 only: the output's input is x·S with
                // S = Σ_{w_i>0} v_i w_i; dead when every w_i < 0 (2^−H) or else S ≤ 0 (1/2), so
                // (1 + 2^−H)/2. x of both signs: dead when S+ = Σ_{w_i>0} v_i w_i ≤ 0 and
                // S− = Σ_{w_i<0} v_i w_i ≥ 0 (independent, 1/2 each, certain when empty); with
                // k ~ Bin(H, 1/2) positive weights, (2·1/2 + (2^H − 2)/4)/2^H = 1/4 + 2^−(H+1).
                let h = f64::from(units);
                let expected = if both_signs {
                    0.25 + 0.5f64.powf(h + 1.0)
                } else {
                    (1.0 + 0.5f64.powf(h)) / 2.0
                };
                let theory = born_dead_theory(&cell.config).expect(&query);
                assert!(
                    (theory - expected).abs() < 1e-12,
                    "{query}: {theory} vs {expected}"
                );
                let (low, high) = wilson(counts.get(Outcome::BornDead), counts.runs());
                assert!(
                    low <= theory && theory <= high,
                    "{query}: counted {low:.3}..{high:.3}, formula {theory}"
                );
            }
        }
    }

    #[test]
    fn the_question_is_born_dead_about_as_often_as_the_formula_says() {
        let (config, _) = Config::from_query("preset=question&seeds=400&epochs=1");
        let cell = &cells(&config)[0];
        let mut counts = Counts::default();
        for seed in seeds(&config) {
            counts.add(run_one(&cell.config, seed).outcome);
        }
        let theory = born_dead_theory(&cell.config).expect("one relu layer, relu output, x > 0");
        assert!((theory - 0.5).abs() < 1e-30, "(1 + 2^-128)/2 = {theory}");
        let (low, high) = wilson(counts.get(Outcome::BornDead), counts.runs());
        assert!(low <= theory && theory <= high, "{low}..{high} vs {theory}");
        // Every other question run is killed by an update: no run survives.
        assert_eq!(
            counts.get(Outcome::BornDead) + counts.get(Outcome::Killed),
            400
        );
        let line = cell_json(cell, &counts, &[]);
        assert!(
            line.starts_with("{\"cell\":{\"values\":{},\"runs\":400,"),
            "{line}"
        );
        assert!(line.contains("\"theory\":{\"born_dead\":0.5}"), "{line}");
        let standardized = Config::from_query("preset=standardized&out=relu&hidden=2").0;
        assert_eq!(born_dead_theory(&standardized), Some(0.25 + 0.125));
        assert_eq!(
            born_dead_theory(&Config::from_query("preset=standardized").0),
            None
        );
    }

    #[test]
    fn a_typed_range_expands_to_its_values_and_a_list_stays_as_it_is() {
        assert_eq!(expand_values("0.0001..1 x5 log"), "0.0001|0.001|0.01|0.1|1");
        assert_eq!(expand_values(" 1..2 x3 "), "1|1.5|2");
        assert_eq!(expand_values("0..1"), "0|0.25|0.5|0.75|1");
        assert_eq!(expand_values("0.001..1 x4 log"), "0.001|0.01|0.1|1");
        // Three significant digits, as a person reads them: 10^(-0.5) = 0.316…
        assert_eq!(expand_values("0.1..1 x3 log"), "0.1|0.316|1");
        // A count beyond the limits is clamped; text that is not a range is left to the parser.
        assert_eq!(
            expand_values("1..2 x1000").split('|').count(),
            crate::engine::config::MAX_SWEEP_VALUES
        );
        assert_eq!(expand_values("1..2 x1").split('|').count(), 2);
        assert_eq!(expand_values("0.001|0.01"), "0.001|0.01");
        assert_eq!(expand_values("a..b"), "a..b");
        assert_eq!(expand_values("1..inf"), "1..inf");
        // Log spacing needs positive ends: otherwise it is linear.
        assert_eq!(expand_values("-1..1 x3 log"), "-1|0|1");
        // Every value of an expanded range is one the link takes for `lr`.
        let (config, notices) =
            Config::from_query(&format!("sweep=lr:{}", expand_values("0.0001..1 x5 log")));
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(config.sweep.axes[0].values.len(), 5);
    }
}
