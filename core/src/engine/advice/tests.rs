//! The advice's tests: candidates, verdicts, rounds and causes.

use super::*;
use crate::engine::config::Language;
use crate::engine::config::{Config, Key};
use crate::engine::sweep::RunResult;
use crate::engine::train::{Outcome, Trainer};

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
        scale: Scale {
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

/// "What works here" opens with why the run fails; for a run that learns too slowly it names the
/// epochs, not again the losses and the limit the banner above it gives.
#[test]
fn a_slow_runs_cause_does_not_repeat_the_banners_numbers() {
    use crate::engine::report::{explain_in, headline};
    let config = Config::from_query_strict("preset=adam").unwrap();
    let mut trainer = Trainer::new(&config);
    trainer.run();
    let numbers = |text: &str| -> Vec<String> {
        text.split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .map(|token| token.trim_matches([',', '.']).to_string())
            .filter(|token| token.len() >= 5 && token.contains(|c: char| c.is_ascii_digit()))
            .collect()
    };
    for language in [Language::En, Language::Zh] {
        let why = cause(&trainer).expect("a cause").words(language);
        assert!(why.contains(&config.epochs.to_string()), "{why}");
        let banner = headline(&trainer, None, language) + &explain_in(&trainer, language);
        assert!(!numbers(&banner).is_empty(), "{banner}");
        for number in numbers(&why) {
            assert!(
                !banner.contains(&number),
                "{number} in both: {why} / {banner}"
            );
        }
    }
}
