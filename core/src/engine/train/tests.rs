//! The trainer against the seed thread's outcomes and Keras' semantics.

use super::*;
use crate::engine::config::{Metric, OptimizerKind, OutputActivation, Preset, XScale};

fn run(query: &str) -> Trainer {
    let config = Config::from_query_strict(query).expect("valid link");
    let mut trainer = Trainer::new(&config);
    trainer.run();
    trainer
}

#[test]
fn question_preset_ends_with_a_dead_output_at_mean_y_squared() {
    let trainer = run("preset=question");
    let last = trainer.history().last().unwrap();
    assert_eq!(trainer.history().len(), 20);
    assert!(last.output_dead);
    assert!((last.loss - 481_200.67).abs() < 0.01, "{}", last.loss);
    assert_eq!(last.accuracy, 0.0);
    match trainer.diagnosis() {
        Diagnosis::OutputDead {
            mean_square_target, ..
        } => assert!((mean_square_target - 481_200.67).abs() < 0.01),
        other => panic!("{other:?}"),
    }
}

#[test]
fn question_output_dies_for_every_seed_and_is_born_dead_for_about_half() {
    let mut born = 0;
    for seed in 0..40 {
        let trainer = run(&format!("seed={seed}"));
        assert_eq!(trainer.diagnosis().label(), "output_dead", "seed {seed}");
        born += usize::from(trainer.born_collapsed().is_some());
    }
    assert!((10..=30).contains(&born), "born dead {born}/40");
}

/// The first seed whose `question` output is (or is not) born dead.
fn question_seed(born_dead: bool) -> u64 {
    (0..50)
        .find(|&seed| {
            let config = Config {
                seed,
                ..Config::default()
            };
            Trainer::new(&config).born_collapsed().is_some() == born_dead
        })
        .expect("among 50 seeds both cases occur")
}

#[test]
fn a_killed_output_names_the_update_and_its_size() {
    let seed = question_seed(false);
    let trainer = run(&format!("seed={seed}"));
    let Diagnosis::OutputDead {
        death: Death::Killed(update),
        ..
    } = trainer.diagnosis()
    else {
        panic!("{:?}", trainer.diagnosis());
    };
    // x reaches 600 in the training part: the first update is huge.
    assert_eq!(update.epoch, 1);
    assert!(
        update.hidden_weight_step.abs() > 1.0 || update.output_weight_step.abs() > 1.0,
        "{update:?}"
    );
}

#[test]
fn born_dead_does_not_depend_on_the_learning_rate() {
    let seed = question_seed(true);
    for lr in ["0.000001", "0.01", "1"] {
        let trainer = run(&format!("seed={seed}&lr={lr}"));
        assert!(matches!(
            trainer.diagnosis(),
            Diagnosis::OutputDead {
                death: Death::BornDead { .. },
                ..
            }
        ));
        // Nothing trains: every epoch sits at mean(y²).
        assert!(trainer
            .history()
            .iter()
            .all(|e| (e.loss - 481_200.67).abs() < 0.01));
    }
}

#[test]
fn standardized_preset_converges() {
    let trainer = run("preset=standardized");
    assert_eq!(
        trainer.diagnosis().label(),
        "converged",
        "{:?}",
        trainer.history().last()
    );
    assert_eq!(trainer.config().metric, Metric::Mae);
    // Prediction close to 2x inside the data range.
    for x in [-1.5, 0.0, 1.0] {
        assert!(
            (trainer.predict(x) - 2.0 * x).abs() < 0.25,
            "{x}: {}",
            trainer.predict(x)
        );
    }
}

#[test]
fn adam_preset_learns_but_is_still_far_after_200_epochs() {
    let trainer = run("preset=adam");
    let first = trainer.history()[0].loss;
    let last = trainer.history().last().unwrap().loss;
    assert!(last < first / 10.0, "{first} → {last}");
    assert_ne!(trainer.diagnosis().label(), "converged");
    assert_ne!(trainer.diagnosis().label(), "diverged");
}

#[test]
fn fewer_points_trains_for_some_seeds_and_is_born_dead_for_others() {
    let outcomes: Vec<&str> = (0..30)
        .map(|s| {
            run(&format!("preset=fewer-points&seed={s}"))
                .diagnosis()
                .label()
        })
        .collect();
    assert!(outcomes.contains(&"output_dead"), "{outcomes:?}");
    assert!(
        outcomes
            .iter()
            .any(|d| *d == "learning" || *d == "converged"),
        "{outcomes:?}"
    );
    let default = run("preset=fewer-points");
    assert_ne!(
        default.diagnosis().label(),
        "output_dead",
        "the preset's seed shows the fix working"
    );
}

#[test]
fn validation_rows_are_never_trained_on_and_the_order_is_shuffled() {
    let trainer = Trainer::new(&Preset::Question.config());
    assert_eq!(trainer.fit_rows(), 600);
    let first: Vec<u32> = trainer.next_batch().to_vec();
    assert_eq!(first.len(), 100);
    assert!(
        first.iter().all(|&r| r < 600),
        "validation rows 600..750 never trained on"
    );
    assert_ne!(first, (0..100).collect::<Vec<u32>>(), "shuffled");
}

#[test]
fn same_config_gives_a_bit_identical_history_and_a_new_seed_another() {
    let a = run("preset=standardized&epochs=5");
    let b = run("preset=standardized&epochs=5");
    assert_eq!(a.history(), b.history());
    assert_eq!(a.weights(), b.weights());
    let c = run("preset=standardized&epochs=5&seed=8");
    assert_ne!(a.history(), c.history());
}

#[test]
fn absurd_learning_rate_diverges_cleanly() {
    let trainer = run("preset=standardized&opt=momentum&lr=10&act=linear&epochs=200");
    assert_eq!(trainer.diagnosis().label(), "diverged");
    assert!(trainer.history().len() < 200);
    let mut again = trainer.clone();
    assert_eq!(again.step(), StepResult::Stopped);
}

#[test]
fn scaled_inputs_report_predictions_in_original_units() {
    let mut config = Preset::Question.config();
    config.x_scale = XScale::Standard;
    config.output_activation = OutputActivation::Linear;
    config.optimizer = OptimizerKind::Adam;
    config.learning_rate = 0.01;
    config.y_scale = crate::engine::config::YScale::Standard;
    config.epochs = 60;
    let mut trainer = Trainer::new(&config);
    trainer.run();
    assert!(
        (trainer.predict(300.0) - 600.0).abs() < 30.0,
        "{}",
        trainer.predict(300.0)
    );
}

#[test]
fn long_runs_keep_a_bounded_history_with_first_and_latest_epochs() {
    let mut trainer =
        Trainer::new(&Config::from_query_strict("preset=fewer-points&epochs=50000").unwrap());
    trainer.run();
    assert_eq!(trainer.epoch(), 50_000);
    assert!(
        trainer.history().len() <= HISTORY_CAP + 1,
        "{}",
        trainer.history().len()
    );
    assert_eq!(trainer.history()[0].epoch, 1);
    assert_eq!(trainer.history().last().unwrap().epoch, 50_000);
    assert!(trainer
        .history()
        .windows(2)
        .all(|w| w[0].epoch < w[1].epoch));
}

/// The share of seeds whose network is born collapsed, over `seeds` seeds (no training).
fn born_dead_share(query: &str, seeds: u64) -> f64 {
    let born = (0..seeds)
        .filter(|&seed| {
            let config =
                Config::from_query_strict(&format!("{query}&epochs=0&seed={seed}")).unwrap();
            Trainer::new(&config).born_collapsed().is_some()
        })
        .count();
    born as f64 / seeds as f64
}

/// P(born dead) of one hidden layer with zero biases and a relu output. With every x > 0 the
/// output's input is x·Σ_{w>0} v·w: dead when that sum is ≤ 0, which is certain when no w > 0
/// (probability 2^−H) and a fair coin otherwise: (1 + 2^−H)/2. With both signs the sums over
/// w > 0 and w < 0 must both be ≤ 0: 1/4 + 2^−(H+1).
#[test]
fn born_dead_shares_match_the_formulas() {
    let seeds = 2000u64;
    for h in [1u32, 2, 4, 16] {
        let positive = 0.5 * (1.0 + 0.5f64.powi(h as i32));
        let both = 0.25 + 0.5f64.powi(h as i32 + 1);
        let measured_positive = born_dead_share(&format!("hidden={h}"), seeds);
        let measured_both =
            born_dead_share(&format!("preset=standardized&out=relu&hidden={h}"), seeds);
        // Four binomial standard errors.
        let tolerance = |p: f64| 4.0 * (p * (1.0 - p) / seeds as f64).sqrt();
        assert!(
            (measured_positive - positive).abs() < tolerance(positive),
            "H={h}, x > 0: {measured_positive} vs {positive}"
        );
        assert!(
            (measured_both - both).abs() < tolerance(both),
            "H={h}, both signs: {measured_both} vs {both}"
        );
    }
}

#[test]
fn deeper_narrow_relu_networks_are_born_dead_more_often_and_rai_helps() {
    let seeds = 300;
    let shallow = born_dead_share("preset=standardized&hidden=3", seeds);
    let deep = born_dead_share("preset=standardized&hidden=3,3,3,3,3,3,3,3", seeds);
    let deep_rai = born_dead_share("preset=standardized&hidden=3,3,3,3,3,3,3,3&init=rai", seeds);
    let deep_wide = born_dead_share("preset=standardized&hidden=32,32,32,32,32,32,32,32", seeds);
    assert!(deep > 0.5, "8 layers of 3: born dead {deep}");
    assert!(deep > shallow + 0.2, "deeper is deader: {shallow} → {deep}");
    assert!(deep_rai < deep - 0.2, "RAI: {deep} → {deep_rai}");
    assert!(deep_wide < 0.05, "width 32: {deep_wide}");
    let leaky = born_dead_share(
        "preset=standardized&hidden=3,3,3,3,3,3,3,3&act=leaky_relu",
        seeds,
    );
    assert_eq!(leaky, 0.0, "leaky units cannot die");
}

#[test]
fn a_collapse_by_an_update_names_the_update_and_the_layer() {
    let found = (0..40).find_map(|seed| {
        let config =
            Config::from_query_strict(&format!("preset=standardized&hidden=3,3&lr=1&seed={seed}"))
                .unwrap();
        let mut trainer = Trainer::new(&config);
        if trainer.born_collapsed().is_some() {
            return None;
        }
        trainer.run();
        match trainer.diagnosis() {
            Diagnosis::HiddenDead {
                layer,
                death: Some(Death::Killed(update)),
                ..
            } => Some((seed, layer, update)),
            _ => None,
        }
    });
    let (seed, layer, update) = found.expect("some seed collapses a layer by an update");
    // Replaying to just before that update, the layer is alive; one more update kills it.
    let config =
        Config::from_query_strict(&format!("preset=standardized&hidden=3,3&lr=1&seed={seed}"))
            .unwrap();
    let mut replay = Trainer::new(&config);
    for _ in 0..update.iteration {
        replay.step();
    }
    assert_ne!(replay.dead_by_layer().as_slice()[layer], 3, "alive before");
    replay.step();
    assert_eq!(replay.dead_by_layer().as_slice()[layer], 3, "dead after");
}

#[test]
fn zero_epochs_initialises_and_reports_without_training() {
    let trainer = run("epochs=0&seed=2");
    assert_eq!(trainer.epoch(), 0);
    assert!(trainer.history().is_empty());
    assert_eq!(trainer.outcome(), Outcome::BornDead);
    let alive = run("epochs=0&seed=3");
    assert_eq!(alive.outcome(), Outcome::Learning);
}

#[test]
fn mid_epoch_the_diagnosis_follows_every_update() {
    let config = Config::from_query_strict("preset=question").unwrap();
    let mut trainer = Trainer::new(&config);
    assert_eq!(trainer.diagnosis_now().label(), "not_started");
    trainer.step();
    assert_eq!(
        trainer.diagnosis_now().label(),
        "learning",
        "after one batch it is training"
    );
    // Keep stepping within the first epoch: the update that kills the output shows at once.
    let mut killed_at = None;
    while trainer.epoch() == 0 {
        trainer.step();
        if let Diagnosis::OutputDead {
            death: Death::Killed(update),
            ..
        } = trainer.diagnosis_now()
        {
            killed_at = Some(update.iteration);
            break;
        }
    }
    let mut full = Trainer::new(&config);
    full.run();
    let Some((_, update)) = full.killed() else {
        panic!("the question's default seed is killed")
    };
    assert_eq!(
        killed_at,
        Some(update.iteration),
        "named at the update, before the epoch ends"
    );
}

// ── Batch normalization (bn=1) ──

fn config(query: &str) -> Config {
    Config::from_query_strict(query).expect("valid link")
}

/// Each preset's fingerprint after two epochs as the code before batch normalization existed
/// computed it (commit 0727604^, the parent of "Batch normalization (bn=1)": its tree built with a
/// five-line example printing `fingerprint` of `preset=P&epochs=2` for each of its presets).
const BEFORE_BATCH_NORM: &[(&str, &str)] = &[
    ("question", "e012d61b17466bfd"),
    ("fewer-points", "eb9b7dfeeaf9e5bb"),
    ("standardized", "bdbcfb364cc8cb53"),
    ("adam", "ff3ec214441ce503"),
    ("log", "854ebde3d19aa467"),
];

#[test]
fn bn_0_keeps_every_preset_fingerprint_and_bn_1_changes_it() {
    use crate::engine::report::fingerprint;
    let presets: Vec<&str> = Preset::ALL.iter().map(|p| p.as_str()).collect();
    for (preset, before) in BEFORE_BATCH_NORM {
        assert!(presets.contains(preset), "{preset} is still a preset");
        let base = format!("preset={preset}&epochs=2");
        let off = run(&format!("{base}&bn=0"));
        let on = run(&format!("{base}&bn=1"));
        assert_eq!(
            fingerprint(&off),
            *before,
            "{base}&bn=0: the bits of the code before bn"
        );
        assert_ne!(fingerprint(&on), *before, "{base}&bn=1");
        // The same initial draws: batch normalization only adds γ, β and its statistics after them.
        let (start_off, start_on) = (
            Trainer::new(&config(&base)),
            Trainer::new(&config(&format!("{base}&bn=1"))),
        );
        let n = start_off.parameters().len();
        assert_eq!(
            start_off.parameters(),
            &start_on.parameters()[..n],
            "{base}"
        );
    }
}

/// A unit's pre-activations over the batch `rows`, with the parameters `p` (f64, `Shape`'s layout).
fn bn_oracle_inputs(trainer: &Trainer, rows: &[u32]) -> (Vec<f64>, Vec<f64>) {
    let data = trainer.data();
    let xs = rows
        .iter()
        .map(|&r| f64::from(data.x_scaled[r as usize]))
        .collect();
    let ys = rows
        .iter()
        .map(|&r| f64::from(data.y_scaled[r as usize]))
        .collect();
    (xs, ys)
}

#[test]
fn one_bn_update_moves_every_parameter_by_lr_times_the_plain_networks_gradient() {
    use crate::engine::net::batch_norm::oracle;
    // Plain SGD (no momentum, no decay): p' = p − lr·g; the moving statistics take 1% of the batch's.
    let mut trainer = Trainer::new(&config(
        "preset=standardized&decay=0&bn=1&hidden=2&batch=3&act=tanh&lr=0.1",
    ));
    let shape = trainer.shape().clone();
    let before: Vec<f64> = trainer.parameters().iter().map(|&p| f64::from(p)).collect();
    let rows = trainer.next_batch().to_vec();
    let (xs, ys) = bn_oracle_inputs(&trainer, &rows);
    let gradient = oracle::gradient(&shape, &before, &xs, &ys, oracle::tanh);
    let pass = oracle::forward(&shape, &before, &[], &xs, true, oracle::tanh);
    trainer.step();
    let after = trainer.parameters();
    for (i, g) in gradient.iter().enumerate() {
        let expected = before[i] - 0.1 * g;
        assert!(
            (f64::from(after[i]) - expected).abs() < 1e-4 * expected.abs().max(1.0),
            "parameter {i}: {} vs {expected}",
            after[i]
        );
    }
    // γ and β did move: the test sees them.
    assert!(gradient[shape.gammas()].iter().any(|g| g.abs() > 1e-4));
    for unit in 0..2 {
        let mean = 0.01 * pass.means[unit];
        let variance = 0.99 + 0.01 * pass.variances[unit];
        let got_mean = f64::from(after[shape.moving_means().start + unit]);
        let got_variance = f64::from(after[shape.moving_variances().start + unit]);
        assert!((got_mean - mean).abs() < 1e-6, "{got_mean} vs {mean}");
        assert!(
            (got_variance - variance).abs() < 1e-5,
            "{got_variance} vs {variance}"
        );
    }
}

#[test]
fn bn_validation_loss_and_prediction_use_the_moving_statistics() {
    use crate::engine::net::batch_norm::oracle;
    let mut trainer = run("preset=standardized&bn=1&hidden=4&epochs=1");
    let shape = trainer.shape().clone();
    let p: Vec<f64> = trainer.parameters().iter().map(|&p| f64::from(p)).collect();
    let data = trainer.data().clone();
    let rows: Vec<u32> = (data.validation.start as u32..data.validation.end as u32).collect();
    let (xs, ys) = bn_oracle_inputs(&trainer, &rows);
    let pass = oracle::forward(&shape, &p, &[], &xs, false, oracle::relu);
    let expected = pass
        .outputs
        .iter()
        .zip(&ys)
        .map(|(o, y)| (o - y).powi(2))
        .sum::<f64>()
        / ys.len() as f64;
    let val_loss = trainer.history()[0].val_loss.unwrap();
    assert!(
        (val_loss - expected).abs() < 1e-4 * expected.max(1.0),
        "{val_loss} vs {expected}"
    );
    // With the batch's statistics instead, the loss is another number: validation is not in training mode.
    let batch = oracle::forward(&shape, &p, &[], &xs, true, oracle::relu);
    let training_mode = batch
        .outputs
        .iter()
        .zip(&ys)
        .map(|(o, y)| (o - y).powi(2))
        .sum::<f64>()
        / ys.len() as f64;
    assert!(
        (training_mode - expected).abs() > 1e-3,
        "{training_mode} vs {expected}"
    );
    for (&x, o) in xs.iter().zip(&pass.outputs).take(20) {
        let got = f64::from(trainer.output_pre_activation(x as f32));
        assert!((got - o).abs() < 1e-4 * o.abs().max(1.0), "{got} vs {o}");
    }
    let _ = trainer.survey();
}

#[test]
fn a_unit_dead_after_normalization_counts_dead() {
    // The seed's program with batch normalization: units whose normalised input (moving statistics)
    // is ≤ 0 on every training x are dead, counted by evaluating each unit point by point.
    let mut some_dead = 0;
    for seed in [7, 3, 11] {
        let trainer = run(&format!("seed={seed}&bn=1&epochs=3"));
        let shape = trainer.shape().clone();
        let p = trainer.parameters();
        let data = trainer.data();
        let unit_input = |unit: usize, x: f32| {
            let (w, b) = (
                f64::from(p[shape.layer(0).kernel.start + unit]),
                f64::from(p[shape.layer(0).bias.start + unit]),
            );
            let gamma = f64::from(p[shape.gammas().start + unit]);
            let beta = f64::from(p[shape.betas().start + unit]);
            let mean = f64::from(p[shape.moving_means().start + unit]);
            let variance = f64::from(p[shape.moving_variances().start + unit]);
            gamma * (w * f64::from(x) + b - mean) / (variance + 1e-3).sqrt() + beta
        };
        let dead = (0..shape.width(0))
            .filter(|&unit| {
                data.x_scaled[data.fit.clone()]
                    .iter()
                    .all(|&x| unit_input(unit, x) <= 0.0)
            })
            .count();
        assert_eq!(trainer.dead_by_layer().total(), dead, "seed {seed}");
        let dead_in_table = trainer.unit_table(0).iter().filter(|row| row.dead).count();
        assert_eq!(dead_in_table, dead, "seed {seed}");
        some_dead += usize::from(dead > 0 && dead < shape.width(0));
    }
    // Some units dead and some alive: the count is not trivially all or nothing.
    assert!(some_dead > 0);
}

// ── Budgeted catching up and replaying (issue 19: work that can freeze the page) ──────────────

/// A `keep_going` that says stop after every `k` batches (the page's frame budget running out),
/// counting how often it was asked.
fn every(k: usize, asked: &mut usize) -> impl FnMut() -> bool + '_ {
    move || {
        *asked += 1;
        !(*asked).is_multiple_of(k)
    }
}

/// Calls `advance` with a budget of `k` batches until it says it stands there; returns the calls.
fn in_slices(k: usize, mut advance: impl FnMut(&mut dyn FnMut() -> bool) -> bool) -> usize {
    let mut asked = 0;
    let mut calls = 0;
    loop {
        calls += 1;
        let mut budget = every(k, &mut asked);
        if advance(&mut budget) || calls > 100_000 {
            return calls;
        }
    }
}

#[test]
fn a_pin_caught_up_a_few_batches_at_a_time_is_the_run_stepped_there_batch_by_batch() {
    // The oracle: the same run stepped by hand, batch after batch, to where the main run stands.
    let link = "preset=standardized&epochs=30&seed=4";
    let mut main = Trainer::new(&config(link));
    for _ in 0..(7 * main.batches_per_epoch() + 3) {
        main.step();
    }
    let (epoch, batch) = (main.epoch(), main.batch_in_epoch());
    assert_eq!(batch, 3);
    for k in [1, 2, 3, 7, 50] {
        let mut pin = Trainer::new(&config(link));
        let calls = in_slices(k, |go| pin.catch_up_while(epoch, batch, go));
        assert!(
            calls > 1 || k >= main.iterations() as usize,
            "k={k}: interrupted"
        );
        assert_eq!((pin.epoch(), pin.batch_in_epoch()), (epoch, batch), "k={k}");
        assert_eq!(
            crate::engine::report::fingerprint(&pin),
            crate::engine::report::fingerprint(&main),
            "k={k}"
        );
        assert_eq!(pin.parameters(), main.parameters(), "k={k}");
    }
}

#[test]
fn a_pin_with_other_batches_caught_up_in_slices_matches_catch_up_in_one_go() {
    // A pin with fewer (batch=64) and one with more (batch=8) batches per epoch than the main run.
    for pin_link in [
        "preset=standardized&epochs=30&batch=64&seed=2",
        "preset=standardized&epochs=30&batch=8&lr=0.001",
    ] {
        let mut whole = Trainer::new(&config(pin_link));
        whole.catch_up(5, 2);
        for k in [1, 4, 9] {
            let mut pin = Trainer::new(&config(pin_link));
            let calls = in_slices(k, |go| pin.catch_up_while(5, 2, go));
            assert!(calls > 1, "{pin_link} k={k}: interrupted");
            assert!(pin.stands_at(5, 2));
            assert_eq!(
                (pin.epoch(), pin.batch_in_epoch(), pin.iterations()),
                (whole.epoch(), whole.batch_in_epoch(), whole.iterations()),
                "{pin_link} k={k}"
            );
            assert_eq!(
                crate::engine::report::fingerprint(&pin),
                crate::engine::report::fingerprint(&whole)
            );
        }
    }
}

#[test]
fn catching_up_never_trains_past_the_position_and_a_run_standing_there_does_nothing() {
    let link = "preset=standardized&epochs=30";
    let mut pin = Trainer::new(&config(link));
    assert!(pin.catch_up_while(2, 1, || false) || pin.iterations() == 1);
    assert_eq!(
        pin.iterations(),
        1,
        "one batch per call when told to stop at once"
    );
    while !pin.catch_up_while(2, 1, || false) {}
    let there = crate::engine::report::fingerprint(&pin);
    let iterations = pin.iterations();
    assert_eq!((pin.epoch(), pin.batch_in_epoch()), (2, 1));
    assert!(pin.catch_up_while(2, 1, || true));
    assert!(
        pin.catch_up_while(1, 5, || true),
        "a position behind it: it stays"
    );
    assert_eq!(pin.iterations(), iterations);
    assert_eq!(crate::engine::report::fingerprint(&pin), there);
}

#[test]
fn a_rewind_replayed_a_few_updates_at_a_time_is_the_run_stepped_to_that_update() {
    let link = "preset=question";
    let killing = Trainer::killing_update(&config(link)).expect("the question's run is killed");
    // The oracle: stepped by hand until `killing` updates are made.
    let mut oracle = Trainer::new(&config(link));
    while oracle.iterations() < killing {
        oracle.step();
    }
    for k in [1, 5, 13] {
        let mut run = Trainer::new(&config(link));
        let calls = in_slices(k, |go| run.replay_while(killing, go));
        assert!(calls > 1 || killing <= k as u64, "k={k}");
        assert_eq!(run.iterations(), killing);
        assert_eq!(
            crate::engine::report::fingerprint(&run),
            crate::engine::report::fingerprint(&oracle),
            "k={k}"
        );
        assert_eq!(
            crate::engine::report::fingerprint(&run),
            crate::engine::report::fingerprint(&Trainer::replayed_to(&config(link), killing))
        );
    }
}

#[test]
fn a_run_to_its_end_in_slices_finds_the_same_killing_update_as_in_one_go() {
    for link in [
        "preset=question",
        "preset=question&seed=7",
        "preset=standardized&epochs=40",
    ] {
        let mut whole = Trainer::new(&config(link));
        whole.run();
        for k in [1, 6, 31] {
            let mut run = Trainer::new(&config(link));
            let calls = in_slices(k, |go| run.run_while(go));
            assert!(calls > 1, "{link} k={k}");
            assert_eq!(
                run.killing_iteration(),
                whole.killed().map(|(_, u)| u.iteration)
            );
            assert_eq!(run.epoch(), whole.epoch(), "{link}");
            assert_eq!(
                crate::engine::report::fingerprint(&run),
                crate::engine::report::fingerprint(&whole),
                "{link}"
            );
        }
    }
}

/// "Keep training" past the end: a run of 20 epochs carried on to 40 is the run a link with
/// `epochs=40` opens from the start (weights and every epoch's loss, bit for bit). A run with any
/// other difference, or fewer epochs, is not taken on.
#[test]
fn a_run_kept_training_is_the_longer_run_a_link_opens() {
    for (base, tail) in [
        ("preset=standardized", ""),
        ("preset=adam", "&hidden=8,8&bn=1"),
    ] {
        let base = format!("{base}&epochs=20{tail}");
        let base_40 = base.replace("epochs=20", "epochs=40");
        let mut kept = run(&base);
        assert!(kept.is_finished(), "{base}");
        let longer = config(&base_40);
        assert!(kept.continue_as(&longer), "{base}");
        assert!(!kept.is_finished(), "{base}");
        kept.run();
        let fresh = run(&base_40);
        assert_eq!(kept.epoch(), 40);
        assert_eq!(kept.weights.parameters, fresh.weights.parameters, "{base}");
        let losses = |t: &Trainer| {
            t.history()
                .iter()
                .map(|s| (s.loss, s.val_loss))
                .collect::<Vec<_>>()
        };
        assert_eq!(losses(&kept), losses(&fresh), "{base}");
    }
    let mut shorter = run("preset=standardized&epochs=20");
    assert!(!shorter.continue_as(&config("preset=standardized&epochs=10")));
    assert!(!shorter.continue_as(&config("preset=standardized&epochs=40&lr=0.5")));
    assert_eq!(shorter.config().epochs, 20);
}
