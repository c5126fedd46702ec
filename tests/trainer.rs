//! The trainer's numbers against the oracle (tests/common/oracle.rs), which computes them from the
//! weights and the data alone.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::oracle::{plain_output_activation, verdict, Net};
use relu_lab::engine::{Config, StepResult, Trainer};

/// The MSE of `rows` with the weights as they are now, plainly.
fn batch_mse_plainly(trainer: &Trainer, rows: &[u32]) -> f64 {
    let data = trainer.data();
    let config = trainer.config();
    let net = Net::of(trainer);
    let sum: f64 = rows
        .iter()
        .map(|&row| {
            let o = net.output(data.x_scaled[row as usize]);
            (plain_output_activation(config.output_activation, o)
                - f64::from(data.y_scaled[row as usize]))
            .powi(2)
        })
        .sum();
    sum / rows.len() as f64
}

#[test]
fn epoch_loss_is_the_batch_weighted_mean_of_each_batch_before_its_update() {
    // batch 7 over 600 rows: 85 full batches and one of 5.
    let mut trainer =
        Trainer::new(&Config::from_query_strict("preset=standardized&batch=7").unwrap());
    assert_eq!(trainer.batches_per_epoch(), 86);
    let (mut weighted, mut rows) = (0.0, 0usize);
    let mut seen = Vec::new();
    loop {
        let batch = trainer.next_batch().to_vec();
        weighted += batch_mse_plainly(&trainer, &batch) * batch.len() as f64;
        rows += batch.len();
        seen.extend(batch);
        if trainer.step() == StepResult::EpochEnd {
            break;
        }
    }
    assert_eq!(rows, 600);
    seen.sort_unstable();
    assert_eq!(seen, (0..600).collect::<Vec<u32>>(), "every row once");
    let expected = weighted / rows as f64;
    let printed = trainer.history()[0].loss;
    assert!(
        (printed - expected).abs() < 1e-5 * expected,
        "{printed} vs {expected}"
    );
}

#[test]
fn dead_counts_per_layer_agree_with_every_unit_evaluated_at_every_input() {
    let mut dead_seen = 0;
    for query in [
        "preset=standardized&hidden=4,4,4&epochs=30&lr=0.3",
        "hidden=6,5&epochs=3",
        "preset=fewer-points&hidden=3,3,3&epochs=50",
    ] {
        let mut checked = 0;
        for seed in 0..6 {
            let config = Config::from_query_strict(&format!("{query}&seed={seed}")).unwrap();
            let mut trainer = Trainer::new(&config);
            trainer.run();
            if trainer.diverged().is_some() {
                continue;
            }
            let counted: Vec<usize> = trainer
                .history()
                .last()
                .unwrap()
                .dead_by_layer
                .as_slice()
                .iter()
                .map(|&c| c as usize)
                .collect();
            let oracle = verdict(&trainer);
            assert_eq!(
                oracle.too_close_by_layer.iter().sum::<usize>(),
                0,
                "{query}&seed={seed}"
            );
            assert_eq!(counted, oracle.dead_by_layer, "{query}&seed={seed}");
            checked += 1;
            dead_seen += counted.iter().sum::<usize>();
        }
        // A diverged run has nothing to count: most seeds of every query must have been checked.
        assert!(
            checked >= 5,
            "{query}: only {checked} of 6 seeds did not diverge"
        );
    }
    // And the counts compared were not all zeros.
    assert!(dead_seen > 0, "no run had a dead unit to count");
}

#[test]
fn a_pinned_run_that_was_born_dead_stands_as_born_dead_and_a_fresh_live_one_as_not_started() {
    use relu_lab::engine::train::Standing;
    use relu_lab::engine::Outcome;
    // Seeds of the learner's program: about half are born dead (the oracle decides which).
    let (mut born, mut alive) = (0, 0);
    for seed in 0..16u64 {
        let link = format!("preset=question&seed={seed}");
        let mut run = Trainer::new(&Config::from_query_strict(&link).unwrap());
        let oracle = verdict(&run);
        if oracle.output_too_close {
            continue;
        }
        if oracle.output_dead {
            born += 1;
            assert_eq!(run.standing(), Standing::Now(Outcome::BornDead), "{link}");
            run.run_epoch();
            assert_eq!(run.standing(), Standing::Now(Outcome::BornDead), "{link}");
        } else {
            alive += 1;
            assert_eq!(run.standing(), Standing::NotStarted, "{link}");
            run.step();
            assert_ne!(run.standing(), Standing::NotStarted, "{link}");
            assert_ne!(run.standing(), Standing::Now(Outcome::BornDead), "{link}");
        }
    }
    assert!(born > 0 && alive > 0, "born dead {born}, alive {alive}");
}

#[test]
fn the_killing_update_of_the_learner_program_is_update_2_and_a_learning_run_has_none() {
    // The oracle: train update by update and ask the oracle when the relu output first dies.
    let config = Config::from_query_strict("preset=question").unwrap();
    let mut run = Trainer::new(&config);
    let mut first_dead = None;
    while run.step() != StepResult::Stopped && !run.is_finished() {
        let oracle = verdict(&run);
        if oracle.output_dead && !oracle.output_too_close {
            first_dead = Some(run.iterations() - 1);
            break;
        }
    }
    assert_eq!(Trainer::killing_update(&config), first_dead);
    assert_eq!(first_dead, Some(1), "update 2 kills it");
    let learns = Config::from_query_strict("preset=standardized").unwrap();
    assert_eq!(Trainer::killing_update(&learns), None);
}

#[test]
fn a_rewind_takes_the_pinned_runs_back_to_where_the_main_run_stands() {
    // The learner's program is killed by update 2; a pinned fix trained to the end (epoch 20).
    let main = Config::from_query_strict("preset=question").unwrap();
    let pinned = Config::from_query_strict("preset=question&opt=adam").unwrap();
    let mut ahead = Trainer::new(&pinned);
    ahead.run();
    assert_eq!(ahead.epoch(), 20);
    let killing = Trainer::killing_update(&main).expect("killed");
    let rewound = Trainer::replayed_to(&main, killing);
    let back = Trainer::caught_up(&pinned, rewound.epoch(), rewound.batch_in_epoch());
    // Same place as the main run: same epoch, batch and number of updates.
    assert_eq!(
        (back.epoch(), back.batch_in_epoch(), back.iterations()),
        (
            rewound.epoch(),
            rewound.batch_in_epoch(),
            rewound.iterations()
        )
    );
    // And the same bits as the pinned run trained plainly that many updates (the oracle: step by step).
    let mut plain = Trainer::new(&pinned);
    for _ in 0..rewound.iterations() {
        plain.step();
    }
    assert_eq!(back.parameters(), plain.parameters());
}

#[test]
fn a_run_with_fewer_batches_per_epoch_never_passes_the_main_run() {
    // 6 batches per epoch beside 1 (batch 600): the small-batch main run at (2, 3), mid-epoch. The
    // one-batch run ends epoch 2 first (its one batch) and waits there: it never runs on into
    // epoch 3's batches.
    let many = Config::from_query_strict("preset=question&opt=adam&epochs=5").unwrap();
    let one = Config::from_query_strict("preset=question&opt=adam&batch=600&epochs=5").unwrap();
    let follower = Trainer::caught_up(&one, 2, 3);
    assert_eq!(
        (
            follower.epoch(),
            follower.batch_in_epoch(),
            follower.iterations()
        ),
        (3, 0, 3)
    );
    let mut next = follower.clone();
    next.catch_up(3, 2);
    assert_eq!((next.epoch(), next.iterations()), (4, 4));
    let same = Trainer::caught_up(&many, 2, 3);
    assert_eq!(
        (same.epoch(), same.batch_in_epoch(), same.iterations()),
        (2, 3, 2 * 6 + 3)
    );
}
