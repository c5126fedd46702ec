//! Numeric torture: every optimiser × hidden activation × output × learning rate from 1e-6 to 10 ×
//! input scaling (and deeper networks) trains without a panic, stops at the first non-finite value,
//! and gets a verdict that the oracle (tests/common/oracle.rs), which evaluates every unit at every
//! training x from the weights, agrees with both ways: whatever the engine says (born collapsed,
//! output dead, saturated, softmax, a dead layer, learning, converged) the oracle finds in the
//! network before any update or at the end, and whatever the oracle finds clearly the engine says.
//! Batch normalization (`bn=1`) runs through the same grid, the oracle normalising each hidden unit
//! from γ, β and the moving statistics the parameters hold.
//! CI size: 80 epochs on 60 points; `RELU_LAB_LONG=1`: 1,000 epochs on the question's 999 points.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::oracle::verdict;
use relu_lab::engine::config::{Activation, Choice, OptimizerKind, OutputActivation, XScale};
use relu_lab::engine::train::Collapse;
use relu_lab::engine::{Config, Diagnosis, Trainer};

#[test]
fn every_optimizer_activation_rate_and_scaling_trains_and_the_oracle_agrees() {
    let long = std::env::var("RELU_LAB_LONG").is_ok_and(|v| v == "1");
    let (epochs, stop, hidden) = if long {
        (1000, 1000, "128")
    } else {
        (80, 61, "16")
    };
    let rates = ["0.000001", "0.0001", "0.01", "0.1", "1", "10"];
    let mut outcomes = std::collections::BTreeMap::<&str, usize>::new();
    let mut checked = Checked::default();
    // The same, for the runs with batch normalization (also counted in the two above).
    let mut bn_outcomes = std::collections::BTreeMap::<&str, usize>::new();
    let mut bn_checked = Checked::default();
    let mut run = |link: String| {
        let config = Config::from_query_strict(&link).expect("valid");
        let mut trainer = Trainer::new(&config);
        trainer.run();
        let diagnosis = trainer.diagnosis();
        check(&trainer, &diagnosis, &link, &mut checked);
        *outcomes.entry(diagnosis.label()).or_default() += 1;
        if config.batch_norm {
            check(&trainer, &diagnosis, &link, &mut bn_checked);
            *bn_outcomes.entry(diagnosis.label()).or_default() += 1;
        }
    };
    for optimizer in OptimizerKind::all() {
        for activation in Activation::all() {
            for output in OutputActivation::all() {
                for rate in rates {
                    for scale in XScale::all() {
                        run(format!(
                            "stop={stop}&train={}&hidden={hidden}&epochs={epochs}&opt={}&act={}&out={}&lr={rate}&xscale={}",
                            stop - 1,
                            optimizer.name(),
                            activation.name(),
                            output.name(),
                            scale.name()
                        ));
                    }
                }
            }
        }
    }
    // Deeper networks, where whole layers die.
    for optimizer in OptimizerKind::all() {
        for activation in [Activation::Relu, Activation::Prelu, Activation::Selu] {
            for rate in rates {
                for widths in ["4,4,4", "3,3,3,3,3,3,3,3"] {
                    for seed in 0..3 {
                        run(format!(
                            "preset=standardized&n=60&train=60&hidden={widths}&epochs={epochs}&opt={}&act={}&lr={rate}&seed={seed}",
                            optimizer.name(),
                            activation.name(),
                        ));
                    }
                }
            }
        }
    }
    // Batch normalization before every hidden activation (the oracle normalises each unit from γ, β
    // and the moving statistics): raw and standardised x, shallow and deep.
    for optimizer in OptimizerKind::all() {
        for activation in Activation::all() {
            for output in [
                OutputActivation::Relu,
                OutputActivation::Linear,
                OutputActivation::Sigmoid,
            ] {
                for rate in ["0.0001", "0.01", "1", "10"] {
                    for scale in [XScale::None, XScale::Standard] {
                        run(format!(
                            "stop={stop}&train={}&hidden={hidden}&epochs={epochs}&bn=1&opt={}&act={}&out={}&lr={rate}&xscale={}",
                            stop - 1,
                            optimizer.name(),
                            activation.name(),
                            output.name(),
                            scale.name()
                        ));
                    }
                }
            }
        }
        for activation in [Activation::Relu, Activation::Prelu, Activation::Selu] {
            for widths in ["4,4,4", "3,3,3,3,3,3"] {
                for seed in 0..2 {
                    run(format!(
                        "preset=standardized&n=60&train=60&hidden={widths}&bn=1&epochs={epochs}&opt={}&act={}&lr=0.1&seed={seed}",
                        optimizer.name(),
                        activation.name(),
                    ));
                }
            }
        }
    }
    // Negative hidden biases: whole layers born dead.
    for optimizer in OptimizerKind::all() {
        for widths in ["2,2,2", "3,3"] {
            for seed in 0..4 {
                run(format!(
                    "preset=standardized&n=60&train=60&hidden={widths}&bias=-0.5&epochs={epochs}&opt={}&lr=0.1&seed={seed}",
                    optimizer.name(),
                ));
            }
        }
    }
    // The grid covers every kind of outcome the lab explains.
    for label in [
        "diverged",
        "output_dead",
        "hidden_dead",
        "sigmoid_saturated",
        "softmax_output",
        "learning",
        "converged",
    ] {
        assert!(
            outcomes.contains_key(label),
            "no run ended {label}: {outcomes:?}"
        );
    }
    // Batch normalization's runs reach the outcomes it changes, and the oracle judged them alive and
    // stuck.
    for label in ["diverged", "output_dead", "learning", "converged"] {
        assert!(
            bn_outcomes.contains_key(label),
            "no run with batch normalization ended {label}: {bn_outcomes:?}"
        );
    }
    assert!(
        bn_checked.alive > 0 && bn_checked.stuck_at_the_end + bn_checked.born_output > 0,
        "{bn_checked:?}"
    );
    // And every branch of `check` compared the engine with the oracle in some run.
    let Checked {
        born_output,
        born_layer,
        softmax,
        stuck_at_the_end,
        dead_layer_at_the_end,
        alive,
    } = checked;
    assert!(
        [
            born_output,
            born_layer,
            softmax,
            stuck_at_the_end,
            dead_layer_at_the_end,
            alive
        ]
        .iter()
        .all(|&n| n > 0),
        "{checked:?}"
    );
}

/// How many runs each way of checking saw (the grid must reach every one).
#[derive(Debug, Default)]
struct Checked {
    born_output: usize,
    born_layer: usize,
    softmax: usize,
    stuck_at_the_end: usize,
    dead_layer_at_the_end: usize,
    alive: usize,
}

fn check(trainer: &Trainer, diagnosis: &Diagnosis, link: &str, checked: &mut Checked) {
    let history = trainer.history();
    let first_bad = history
        .iter()
        .position(|s| !s.loss.is_finite() || s.val_loss.is_some_and(|v| !v.is_finite()));
    if let Diagnosis::Diverged { epoch, .. } = diagnosis {
        // Stopped in the epoch of the first non-finite value: nothing after it.
        assert_eq!(history.len(), *epoch, "{link}");
        assert!(first_bad.is_none_or(|i| i + 1 == *epoch), "{link}");
        return;
    }
    assert!(
        first_bad.is_none(),
        "{link}: non-finite loss but diagnosed {diagnosis:?}"
    );
    assert_eq!(history.len(), trainer.config().epochs, "{link}");
    assert!(trainer.parameters().iter().all(|p| p.is_finite()), "{link}");
    let output = trainer.config().output_activation;
    let label = diagnosis.label();
    // The network as it was born (the same settings, no update) and as it ends, both judged by the
    // oracle from the weights alone.
    let born = verdict(&Trainer::new(trainer.config()));
    let now = verdict(trainer);
    let last = history.last().unwrap();
    let counted: Vec<usize> = last
        .dead_by_layer
        .as_slice()
        .iter()
        .map(|&c| c as usize)
        .collect();
    for ((&engine, &plain), &close) in counted
        .iter()
        .zip(&now.dead_by_layer)
        .zip(&now.too_close_by_layer)
    {
        assert!(
            engine.abs_diff(plain) <= close,
            "{link}: dead units per layer {counted:?} vs {:?}",
            now.dead_by_layer
        );
    }

    // Born collapsed, both ways: the engine says so exactly when the oracle finds the output stuck
    // or a whole layer dead before any update.
    match trainer.born_collapsed() {
        Some(Collapse::Output) => assert!(
            born.output_stuck(output, false),
            "{link}: born with its output stuck, but the oracle finds it live at birth"
        ),
        Some(Collapse::Layer(layer)) => assert!(
            !born.output_stuck(output, true) && born.maybe_dead_layers().contains(&layer),
            "{link}: born with layer {layer} dead, but the oracle finds {:?} of {:?} dead at birth",
            born.maybe_dead_by_layer,
            born.widths
        ),
        None => assert!(
            !born.output_stuck(output, true) && born.clearly_dead_layer().is_none(),
            "{link}: born alive, but the oracle finds at birth the output stuck ({}) or dead \
             units {:?} of {:?}",
            born.output_stuck(output, true),
            born.clearly_dead_by_layer,
            born.widths
        ),
    }
    if born.output_stuck(output, true) {
        assert_eq!(
            trainer.born_collapsed(),
            Some(Collapse::Output),
            "{link}: the oracle finds the output stuck at birth"
        );
    }

    // A one-unit softmax: 1 for every input, whatever the weights; the loss is mean((y − 1)²).
    if output == OutputActivation::Softmax {
        checked.softmax += 1;
        assert_eq!(label, "softmax_output", "{link}");
        let close = |engine: f64, plain: f64| (engine - plain).abs() <= 1e-5 * plain.max(1e-12);
        assert!(
            close(last.loss, now.fit_loss),
            "{link}: loss {} but the oracle's prediction 1 makes {}",
            last.loss,
            now.fit_loss
        );
        if let Some(val_loss) = last.val_loss {
            assert!(
                close(val_loss, now.loss),
                "{link}: {val_loss} vs {}",
                now.loss
            );
        }
        return;
    }
    assert_ne!(label, "softmax_output", "{link}");

    // Born collapsed: the run's story is its birth, whatever the weights did after.
    if let Some(collapse) = trainer.born_collapsed() {
        let expected = match (collapse, output) {
            (Collapse::Output, OutputActivation::Sigmoid) => "sigmoid_saturated",
            (Collapse::Output, _) => "output_dead",
            (Collapse::Layer(_), _) => "hidden_dead",
        };
        assert_eq!(label, expected, "{link}");
        if let (Collapse::Layer(layer), Diagnosis::HiddenDead { layer: named, .. }) =
            (collapse, diagnosis)
        {
            assert_eq!(layer, *named, "{link}");
            checked.born_layer += 1;
        } else {
            checked.born_output += 1;
        }
        return;
    }

    // Alive at birth: the verdict is the network's at the end, as the oracle finds it.
    let maybe_dead = now.maybe_dead_layers();
    let clearly_dead = now.clearly_dead_layer();
    let stuck = now.output_stuck(output, true);
    let stuck_maybe = now.output_stuck(output, false);
    if stuck {
        checked.stuck_at_the_end += 1;
        // Stuck output: the engine says so, or names a dead layer (it tells the first collapse).
        let allowed = match output {
            OutputActivation::Sigmoid => "sigmoid_saturated",
            _ => "output_dead",
        };
        assert!(
            label == allowed || (label == "hidden_dead" && !maybe_dead.is_empty()),
            "{link}: the oracle finds the output stuck at the end (range {:?}), the engine says {label}",
            now.output_range
        );
    }
    if clearly_dead.is_some() {
        checked.dead_layer_at_the_end += 1;
        assert!(
            ["hidden_dead", "output_dead", "sigmoid_saturated"].contains(&label),
            "{link}: the oracle finds dead units {:?} of {:?} at the end, the engine says {label}",
            now.clearly_dead_by_layer,
            now.widths
        );
    }
    match diagnosis {
        Diagnosis::OutputDead { .. } => assert!(
            output == OutputActivation::Relu && stuck_maybe,
            "{link}: output dead, but the oracle finds a live input (largest {})",
            now.output_range.1
        ),
        Diagnosis::SigmoidSaturated { .. } => assert!(
            output == OutputActivation::Sigmoid && stuck_maybe,
            "{link}: saturated, but the output's input spans {:?}",
            now.output_range
        ),
        Diagnosis::HiddenDead { layer, .. } => assert!(
            maybe_dead.contains(layer),
            "{link}: layer {layer} dead, but the oracle finds {:?} of {:?} dead",
            now.maybe_dead_by_layer,
            now.widths
        ),
        Diagnosis::Converged { .. } | Diagnosis::Learning { .. } => {
            checked.alive += 1;
            assert!(
                !stuck && clearly_dead.is_none(),
                "{link}: {label}, but the oracle finds the output stuck ({stuck}) or a dead layer \
                 {:?} of {:?}",
                now.clearly_dead_by_layer,
                now.widths
            );
            // A fit is judged on the epoch's training loss (what the progress line prints)
            // against the limit the data itself sets, recomputed here from the points.
            let data = trainer.data();
            let ys: Vec<f64> = data.y_scaled[data.fit.clone()]
                .iter()
                .map(|&y| f64::from(y))
                .collect();
            let threshold = common::oracle::fit_limit(&data.x[data.fit.clone()], &ys);
            let loss = trainer.history().last().map_or(f64::NAN, |s| s.loss);
            let clearly = (loss - threshold).abs() > 1e-4 * threshold;
            if clearly {
                let converged = matches!(diagnosis, Diagnosis::Converged { .. });
                assert_eq!(
                    loss < threshold,
                    converged,
                    "{link}: {label} at {loss} (threshold {threshold})"
                );
            }
        }
        Diagnosis::SoftmaxOutput { .. } | Diagnosis::NotStarted | Diagnosis::Diverged { .. } => {
            panic!("{link}: {diagnosis:?}")
        }
    }
}
