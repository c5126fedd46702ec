//! Numeric torture: every optimiser × hidden activation × output × learning rate from 1e-6 to 10 ×
//! input scaling (and deeper networks) trains without a panic, stops at the first non-finite value,
//! and gets a verdict that the oracle (tests/common/oracle.rs), which evaluates every unit at every
//! training x from the weights, agrees with. CI size: 80 epochs on 60 points; `RELU_LAB_LONG=1`:
//! 1,000 epochs on the question's 999 points.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::oracle::verdict;
use relu_lab::engine::config::{Activation, Choice, OptimizerKind, OutputActivation, XScale};
use relu_lab::engine::train::CONVERGED_FRACTION;
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
    let mut run = |link: String| {
        let config = Config::from_query_strict(&link).expect("valid");
        let mut trainer = Trainer::new(&config);
        trainer.run();
        let diagnosis = trainer.diagnosis();
        check(&trainer, &diagnosis, &link);
        *outcomes.entry(diagnosis.label()).or_default() += 1;
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
    // The grid covers every kind of outcome the lab explains.
    for label in [
        "diverged",
        "output_dead",
        "hidden_dead",
        "learning",
        "converged",
    ] {
        assert!(
            outcomes.contains_key(label),
            "no run ended {label}: {outcomes:?}"
        );
    }
}

fn check(trainer: &Trainer, diagnosis: &Diagnosis, link: &str) {
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
    let oracle = verdict(trainer);
    let last = history.last().unwrap();
    let counted: Vec<usize> = last
        .dead_by_layer
        .as_slice()
        .iter()
        .map(|&c| c as usize)
        .collect();
    for ((&engine, &plain), &close) in counted
        .iter()
        .zip(&oracle.dead_by_layer)
        .zip(&oracle.too_close_by_layer)
    {
        assert!(
            engine.abs_diff(plain) <= close,
            "{link}: dead units per layer {counted:?} vs {:?}",
            oracle.dead_by_layer
        );
    }
    let dead_layer = oracle
        .dead_by_layer
        .iter()
        .zip(&oracle.too_close_by_layer)
        .zip(trainer.config().widths())
        .position(|((dead, close), width)| dead + close >= *width);
    let threshold = CONVERGED_FRACTION * oracle.target_variance;
    let clearly = |loss: f64| (loss - threshold).abs() > 1e-4 * threshold;
    match diagnosis {
        Diagnosis::OutputDead { .. } => {
            assert!(
                oracle.output_dead || oracle.output_too_close || trainer.born_collapsed().is_some(),
                "{link}: output dead, but the oracle finds a live input"
            );
        }
        Diagnosis::SoftmaxOutput { .. } => {
            assert_eq!(
                trainer.config().output_activation.name(),
                "softmax",
                "{link}"
            );
        }
        Diagnosis::SigmoidSaturated { .. } => {
            let (low, high) = oracle.output_range;
            assert!(
                low >= 14.999 || high <= -14.999,
                "{link}: saturated, but the output's input spans {low}..{high}"
            );
        }
        Diagnosis::HiddenDead { layer, .. } => {
            assert!(
                dead_layer.is_some() || trainer.born_collapsed().is_some(),
                "{link}: layer {layer} dead, but the oracle finds a live unit in every layer"
            );
        }
        Diagnosis::Converged { .. } | Diagnosis::Learning { .. } => {
            let every_layer_alive = oracle
                .dead_by_layer
                .iter()
                .zip(trainer.config().widths())
                .all(|(dead, width)| dead < width);
            assert!(
                every_layer_alive,
                "{link}: {}, but the oracle finds a dead layer {:?}",
                diagnosis.label(),
                oracle.dead_by_layer
            );
            if clearly(oracle.loss) {
                let converged = matches!(diagnosis, Diagnosis::Converged { .. });
                assert_eq!(
                    oracle.loss < threshold,
                    converged,
                    "{link}: {} at {} (threshold {threshold})",
                    diagnosis.label(),
                    oracle.loss
                );
            }
        }
        Diagnosis::NotStarted | Diagnosis::Diverged { .. } => panic!("{link}: {diagnosis:?}"),
    }
}
