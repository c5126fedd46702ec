//! The same bits on both native paths, in one process: the batch kernels' AVX2 copy and their
//! portable copy (the one other processors run, and the browser's build) give every run of
//! `tests/common/same_bits.rs` the fingerprint listed there; `tests/web.rs` checks the browser
//! against the same list.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/same_bits.rs"]
mod same_bits;

use relu_lab::engine::report::fingerprint;
use relu_lab::engine::train::{force_portable, uses_avx2};
use relu_lab::engine::{Config, Trainer};

fn run(link: &str) -> String {
    // As the page's build: with feature `lean` the hot loops come from core/hot, with `compact`
    // the kernels beyond plain ReLU as the page's chunk hands them over.
    relu_lab_hot::install();
    relu_lab::engine::train::extra_kernels::install(relu_lab_hot::extra_kernels());
    let config = Config::from_query_strict(link).unwrap_or_else(|e| panic!("{link}: {e:?}"));
    let mut trainer = Trainer::new(&config);
    trainer.run();
    fingerprint(&trainer)
}

/// The list as Rust source, with the fingerprints of this machine's portable path.
fn the_list_printed() -> String {
    force_portable(true);
    let mut text = String::from("pub const RUNS: &[(&str, &str)] = &[\n");
    for (rest, _) in same_bits::RUNS {
        let print = run(&same_bits::link(rest));
        text.push_str(&format!("    ({rest:?}, {print:?}),\n"));
    }
    text.push_str("];\n");
    text
}

#[test]
fn every_listed_run_gives_its_fingerprint_with_the_avx2_and_the_portable_kernels() {
    let mut differ = Vec::new();
    for (rest, listed) in same_bits::RUNS {
        let link = same_bits::link(rest);
        force_portable(false);
        let widest = run(&link);
        let avx2 = uses_avx2();
        force_portable(true);
        assert!(!uses_avx2(), "the portable kernels were not chosen");
        let portable = run(&link);
        assert_eq!(widest, portable, "{link}: AVX2 {avx2}");
        if portable != *listed {
            differ.push(format!("{link}: {portable}, listed {listed}"));
        }
    }
    force_portable(false);
    if !uses_avx2() {
        eprintln!("this processor has no AVX2: only the portable kernels were compared");
    }
    assert!(
        differ.is_empty(),
        "fingerprints differ from the list (which the browser is checked against):\n{}\n\
         if the bits moved on purpose, tests/common/same_bits.rs becomes:\n{}",
        differ.join("\n"),
        the_list_printed()
    );
}

#[test]
fn the_listed_runs_cover_what_the_lab_claims_the_same_bits_for() {
    let links: Vec<Config> = same_bits::RUNS
        .iter()
        .map(|(rest, _)| Config::from_query_strict(&same_bits::link(rest)).unwrap())
        .collect();
    use relu_lab::engine::config::{Activation, Key, OptimizerKind, OutputActivation, Schedule};
    let any = |test: &dyn Fn(&Config) -> bool| links.iter().any(test);
    for optimizer in OptimizerKind::ALL {
        assert!(any(&|c| c.optimizer == *optimizer), "{optimizer:?}");
    }
    for activation in [
        Activation::Relu,
        Activation::Prelu,
        Activation::Elu,
        Activation::Selu,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::LeakyRelu,
    ] {
        assert!(
            any(&|c| c.hidden_activation == activation),
            "{activation:?}"
        );
    }
    for output in OutputActivation::ALL {
        assert!(any(&|c| c.output_activation == *output), "{output:?}");
    }
    assert!(any(&|c| c.widths().len() >= 3), "a deep network");
    assert!(any(&|c| c.widths() == [128]), "the learner's single layer");
    assert!(any(&|c| c.clipnorm > 0.0) && any(&|c| c.clipvalue > 0.0));
    assert!(any(&|c| c.global_clipnorm > 0.0));
    assert!(any(
        &|c| c.schedule == Schedule::Cosine && c.warmup_target.is_some()
    ));
    assert!(any(&|c| c.schedule == Schedule::Exponential));
    assert!(any(&|c| c.get(Key::Target) == "abs(x)"), "a formula");
    use relu_lab::engine::config::{DataKind, Init, XScale, YScale};
    for init in Init::ALL {
        assert!(any(&|c| c.init == *init), "{init:?}");
    }
    for scale in XScale::ALL {
        assert!(any(&|c| c.x_scale == *scale), "{scale:?}");
    }
    for scale in YScale::ALL {
        assert!(any(&|c| c.y_scale == *scale), "{scale:?}");
    }
    assert!(
        any(&|c| c.x_scale == XScale::None && c.y_scale == YScale::None),
        "raw x and y"
    );
    assert!(any(&|c| c.hidden_activation == Activation::Linear));
    assert!(any(&|c| c.batch_norm) && any(&|c| c.batch_norm && c.widths().len() >= 2));
    assert!(
        any(&|c| c.batch_norm && c.x_scale == XScale::None),
        "bn on raw x"
    );
    for kind in DataKind::ALL {
        assert!(any(&|c| c.data == *kind), "{kind:?}");
    }
    // Every function and constant of the formula language, in some run's formula.
    let formulas: String = links.iter().map(|c| c.get(Key::Target)).collect();
    for word in [
        "abs(", "sqrt(", "exp(", "log(", "sin(", "cos(", "tan(", "tanh(", "step(", "min(", "max(",
        "pi", "^", "/", "*", "+", "-",
    ] {
        assert!(
            formulas.contains(word),
            "no formula uses {word}: {formulas}"
        );
    }
}

/// Prints the list with this machine's fingerprints (run it after a change that moves the bits on
/// purpose, and paste the output into tests/common/same_bits.rs).
#[test]
#[ignore]
fn print_the_list() {
    println!("{}", the_list_printed());
}
