//! Numeric torture: every optimiser × hidden activation × output × learning rate from 1e-6 to 10 ×
//! input scaling trains without a panic, stops at the first non-finite value, and gets a diagnosis that
//! agrees with its own numbers. CI size: 80 epochs on 60 points; `RELU_LAB_LONG=1`: 1,000 epochs on
//! the question's 999 points.
#![cfg(not(target_arch = "wasm32"))]

use relu_lab::engine::config::{Activation, Choice, OptimizerKind, OutputActivation, XScale};
use relu_lab::engine::train::CONVERGED_FRACTION;
use relu_lab::engine::{Config, Diagnosis, Trainer};

#[test]
fn every_optimizer_activation_rate_and_scaling_trains_and_is_diagnosed_consistently() {
    let long = std::env::var("RELU_LAB_LONG").is_ok_and(|v| v == "1");
    let (epochs, stop, hidden) = if long {
        (1000, 1000, 128)
    } else {
        (80, 61, 16)
    };
    let rates = ["0.000001", "0.0001", "0.01", "0.1", "1", "10"];
    let mut outcomes = std::collections::BTreeMap::<&str, usize>::new();
    for optimizer in OptimizerKind::all() {
        for activation in Activation::all() {
            for output in OutputActivation::all() {
                for rate in rates {
                    for scale in XScale::all() {
                        let link = format!(
                            "stop={stop}&train={}&hidden={hidden}&epochs={epochs}&opt={}&act={}&out={}&lr={rate}&xscale={}",
                            stop - 1,
                            optimizer.name(),
                            activation.name(),
                            output.name(),
                            scale.name()
                        );
                        let config = Config::from_query_strict(&link).expect("valid");
                        let mut trainer = Trainer::new(&config);
                        trainer.run();
                        let diagnosis = trainer.diagnosis();
                        check(&trainer, &diagnosis, &link);
                        *outcomes.entry(diagnosis.label()).or_default() += 1;
                    }
                }
            }
        }
    }
    // The grid covers every kind of outcome the lab explains.
    for label in ["diverged", "output_dead", "learning", "converged"] {
        assert!(
            outcomes.contains_key(label),
            "no run ended {label}: {outcomes:?}"
        );
    }
}

fn check(trainer: &Trainer, diagnosis: &Diagnosis, link: &str) {
    let history = &trainer.history;
    let first_bad = history.iter().position(|s| !s.loss.is_finite());
    match diagnosis {
        Diagnosis::Diverged { epoch, .. } => {
            // Stopped in the epoch of the first non-finite value: nothing after it.
            assert_eq!(history.len(), *epoch, "{link}");
            assert!(first_bad.is_none_or(|i| i + 1 == *epoch), "{link}");
        }
        other => {
            assert!(
                first_bad.is_none(),
                "{link}: non-finite loss but diagnosed {other:?}"
            );
            assert_eq!(history.len(), trainer.config.epochs, "{link}");
            assert!(
                trainer.weights.parameters.iter().all(|p| p.is_finite()),
                "{link}"
            );
            let last = history.last().unwrap();
            match other {
                Diagnosis::OutputDead {
                    loss,
                    mean_square_target,
                    ..
                } => {
                    assert!(last.output_dead || trainer.born_dead.is_some(), "{link}");
                    assert!(
                        (loss - mean_square_target).abs() <= 1e-6 * mean_square_target,
                        "{link}: {loss}"
                    );
                }
                Diagnosis::HiddenDead { .. } => {
                    assert_eq!(last.dead_hidden, trainer.config.hidden_units, "{link}")
                }
                Diagnosis::Converged {
                    loss,
                    target_variance,
                } => {
                    assert!(*loss <= CONVERGED_FRACTION * target_variance, "{link}")
                }
                Diagnosis::Learning { .. } => assert!(!last.output_dead, "{link}"),
                Diagnosis::NotStarted | Diagnosis::Diverged { .. } => panic!("{link}: {other:?}"),
            }
        }
    }
}
