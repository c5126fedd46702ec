//! Every claim of a fix is tested: each change the advice names, applied by the test itself with
//! `Config::apply` and trained with `Trainer`, works with the run's seed and on the share of seeds the
//! advice states; the changes the advice leaves out on the question do not. The lesson's "try X"
//! tips are checked the same way.
//!
//! "Works" is recounted here from the trainer's numbers, not with `advice::works`: nothing dead or
//! diverged, and the last epoch's training loss within the fit limit the oracle computes from the
//! training points (`common::oracle::fit_limit`: 2% of var(y), or the data's own noise floor).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::cases::Cases;
use rayon::prelude::*;
use relu_lab::engine::advice::{self, Advice};
use relu_lab::engine::config::{query_pairs, Key, Preset, Role, SETTINGS};
use relu_lab::engine::sweep::{self, RunResult};
use relu_lab::engine::{Config, Outcome, Trainer};

/// The batch runner `advise` takes: `sweep::run_one` of each job, on all cores.
fn on_all_cores(jobs: &[(Config, u64)]) -> Vec<RunResult> {
    jobs.par_iter()
        .map(|(config, seed)| sweep::run_one(config, *seed))
        .collect()
}

/// The largest training loss that fits, recomputed plainly from the training points.
fn fit_limit(trainer: &Trainer) -> f64 {
    let data = trainer.data();
    let ys: Vec<f64> = data.y_scaled[data.fit.clone()]
        .iter()
        .map(|&y| f64::from(y))
        .collect();
    common::oracle::fit_limit(&data.x[data.fit.clone()], &ys)
}

/// Trains `config` with `seed` to its epochs and says whether the run works, by the test's own count.
fn works(config: &Config, seed: u64) -> bool {
    let mut trainer = Trainer::new(&Config {
        seed,
        ..config.clone()
    });
    trainer.run();
    match trainer.outcome() {
        Outcome::Converged | Outcome::Learning => trainer
            .history()
            .last()
            .is_some_and(|last| last.loss <= fit_limit(&trainer)),
        _ => false,
    }
}

/// `base` with `query` written, as a person clicking the advice (or following a tip) gets it.
fn with(base: &Config, query: &str) -> Config {
    let mut config = base.clone();
    let _ = config.apply(&query_pairs(query));
    config
}

/// Each advised change works with the run's seed and on exactly the share of seeds it states.
fn check_advice(base: &Config, advice: &[Advice], seeds: usize, context: &str) {
    for item in advice {
        let query = item.change.query();
        let changed = with(base, &query);
        assert!(
            !changed.same_run(base),
            "{context}: `{query}` changes nothing"
        );
        assert!(item.works_this_seed, "{context}: `{query}`");
        assert!(
            works(&changed, base.seed),
            "{context}: `{query}` is advised but does not work with seed {}",
            base.seed
        );
        let working = (0..seeds as u64)
            .into_par_iter()
            .filter(|i| works(&changed, base.seed.wrapping_add(*i)))
            .count();
        assert_eq!(item.seeds, seeds, "{context}: `{query}`");
        assert!(
            (item.share() - working as f64 / seeds as f64).abs() < 1e-12,
            "{context}: `{query}` states {} but works on {working} of {seeds}",
            item.share()
        );
    }
}

fn queries(advice: &[Advice]) -> Vec<String> {
    advice.iter().map(|a| a.change.query()).collect()
}

#[test]
fn the_question_with_seed_7_is_advised_adam_and_scaling_both_not_x_alone() {
    let base = Config::from_query_strict("preset=question&seed=7").unwrap();
    let seeds = 20;
    let advice = advice::advise(&base, seeds, on_all_cores);
    let advised = queries(&advice);
    assert!(advised.contains(&"opt=adam".to_string()), "{advised:?}");
    assert!(
        advised.contains(&"xscale=standard&yscale=standard&out=linear".to_string()),
        "{advised:?}"
    );
    for not in [
        "xscale=standard",
        "lr=0.0001",
        "out=linear",
        "xscale=standard&out=linear",
    ] {
        assert!(!advised.contains(&not.to_string()), "{not}: {advised:?}");
        assert!(
            !works(&with(&base, not), 7),
            "{not} does not work with seed 7"
        );
    }
    check_advice(&base, &advice, seeds, "question seed 7");
    // Best first.
    let shares: Vec<f64> = advice.iter().map(Advice::share).collect();
    assert!(shares.windows(2).all(|w| w[0] >= w[1]), "{shares:?}");
}

#[test]
fn a_fix_already_in_place_is_never_advised() {
    for (link, key) in [
        ("preset=question&seed=7&xscale=standard", Key::XScale),
        ("preset=question&seed=7&opt=adam", Key::Optimizer),
        ("preset=standardized", Key::Output),
    ] {
        let base = Config::from_query_strict(link).unwrap();
        for change in advice::candidates(&base) {
            for (k, value) in &change.pairs {
                assert!(
                    !(*k == key && base.get(*k) == *value),
                    "{link}: `{}` repeats what is in place",
                    change.query()
                );
            }
            assert!(!change.applied_to(&base).same_run(&base), "{link}");
        }
    }
}

#[test]
fn every_preset_gets_only_advice_that_works() {
    // Few seeds: the log preset trains on 79,999 points per run.
    for &preset in Preset::ALL {
        let base = preset.config();
        let seeds = if preset == Preset::Log { 2 } else { 6 };
        let advice = advice::advise(&base, seeds, on_all_cores);
        check_advice(
            &base,
            &advice,
            seeds,
            preset.title(relu_lab::engine::config::Language::En),
        );
    }
}

/// A random link of run settings, with values a person would try (choices by name, numbers from a
/// short list), small enough to advise in a test.
fn random_link(cases: &mut Cases) -> String {
    const NUMBERS: &[&str] = &[
        "0", "1", "2", "3", "5", "10", "50", "100", "0.5", "0.1", "0.01", "0.001", "-1", "-5",
        "8,8", "4", "16",
    ];
    let keys: Vec<_> = SETTINGS
        .iter()
        .filter(|s| s.role == Role::Run && s.key != "seed" && s.key != "epochs")
        .collect();
    let mut pairs = vec![format!(
        "preset={}",
        cases.pick(&["question", "fewer-points", "standardized"])
    )];
    for _ in 0..1 + cases.next() % 4 {
        let setting = keys[(cases.next() % keys.len() as u64) as usize];
        let value = match setting.domain {
            relu_lab::engine::config::Domain::Choice(names) => cases.pick(names),
            _ => cases.pick(NUMBERS),
        };
        pairs.push(format!("{}={value}", setting.key));
    }
    pairs.push(format!("seed={}", cases.next() % 1000));
    pairs.join("&")
}

#[test]
fn random_links_get_only_advice_that_works() {
    let mut cases = Cases(20);
    let mut advised = 0;
    let mut checked = 0;
    while checked < 8 {
        let link = random_link(&mut cases);
        let (base, _) = Config::from_query(&link);
        // Keep each run small: the advice trains up to ~120 of them.
        if base.data_points() > 1000
            || base.epochs > 40
            || base.widths().iter().sum::<usize>() > 200
        {
            continue;
        }
        checked += 1;
        let seeds = 4;
        let advice = advice::advise(&base, seeds, on_all_cores);
        advised += advice.len();
        check_advice(&base, &advice, seeds, &link);
    }
    assert!(advised > 0, "the sample advised nothing: it checks nothing");
}

// The lesson's tips are checked where the lesson is written (`lesson::tests`).
