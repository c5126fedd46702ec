//! Full epochs per second of each preset on one core (the core's speed goal: ≥ 10,000 epochs/s for
//! `question` and `standardized`). Plain `std::time`, no harness: `cargo bench --bench epochs`.
//! Prints a table and, with `--json`, one JSON object per preset for comparing commits.

use relu_lab::engine::{Config, Preset, Trainer};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn epochs_per_second(config: &Config, budget: Duration) -> (f64, usize) {
    let mut trainer = Trainer::new(config);
    // Warm up: the first epochs of `question` do the dying; the steady state is what a long run sees.
    for _ in 0..config.epochs.min(20) {
        trainer.run_epoch();
    }
    let start = Instant::now();
    let mut epochs = 0;
    while start.elapsed() < budget {
        for _ in 0..50 {
            black_box(trainer.run_epoch());
        }
        epochs += 50;
    }
    (
        epochs as f64 / start.elapsed().as_secs_f64(),
        trainer.fit_rows(),
    )
}

fn main() {
    let json = std::env::args().any(|a| a == "--json");
    let budget = Duration::from_millis(
        std::env::var("BENCH_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2000),
    );
    let mut cases: Vec<(String, Config)> = Preset::ALL
        .iter()
        .map(|p| (p.to_string(), p.config()))
        .collect();
    // A question run whose output is still alive does the full backward pass every batch.
    cases.push((
        "question, linear output".into(),
        Config::from_query("out=linear&lr=0.000001").0,
    ));
    cases.push((
        "standardized, tanh".into(),
        Config::from_query("preset=standardized&act=tanh").0,
    ));
    if !json {
        println!(
            "{:<28} {:>6} {:>6} {:>14}",
            "case", "hidden", "rows", "epochs/s"
        );
    }
    for (name, config) in cases {
        let (rate, rows) = epochs_per_second(&config, budget);
        if json {
            println!(
                "{{\"case\":\"{name}\",\"hidden\":{},\"rows\":{rows},\"epochs_per_s\":{rate:.0}}}",
                config.hidden_units
            );
        } else {
            println!(
                "{name:<28} {:>6} {rows:>6} {rate:>14.0}",
                config.hidden_units
            );
        }
    }
}
