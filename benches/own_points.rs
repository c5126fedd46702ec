//! What holding 100,000 own points costs the configuration's work (issue 33): one `Config::set`
//! (a widget's write) on a run with four pins, and the configuration work a page's frame does with
//! four pins (each pin's label in the published snapshot and on the loss chart, and whether the run
//! on screen is still the same run). Plain `std::time`, no harness:
//!
//!     cargo bench --bench own_points
//!
//! Prints the median of `BENCH_ROUNDS` rounds (default 5) of `BENCH_MS` each (default 1000), in
//! microseconds per call. Speed figures only mean something on an otherwise idle machine.

use relu_lab::engine::config::{Key, Language};
use relu_lab::engine::table::Points;
use relu_lab::engine::Config;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A run on 100,000 own points (x = i/1000, y = its square, full precision) with four pinned runs.
fn four_pins_on_many_points() -> Config {
    let x: Vec<f64> = (0..100_000).map(|i| f64::from(i) / 1000.0 - 50.0).collect();
    let y: Vec<f64> = x.iter().map(|v| v * v / 7.0).collect();
    let mut config = Config::default();
    let notices = config.use_points(Points::new(x, y).expect("finite points"));
    assert!(notices.is_empty(), "{notices:?}");
    for lr in ["0.001", "0.003", "0.03", "0.1"] {
        let _ = config.set(Key::LearningRate, lr);
        let _ = config.pin_this_run();
    }
    let _ = config.set(Key::LearningRate, "0.01");
    assert_eq!(config.pinned().len(), 4);
    config
}

/// Microseconds per call of `work`: the median of the rounds.
fn micros(rounds: usize, budget: Duration, mut work: impl FnMut()) -> f64 {
    let mut per_round: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let mut calls = 0u32;
            while start.elapsed() < budget || calls == 0 {
                work();
                calls += 1;
            }
            start.elapsed().as_secs_f64() * 1e6 / f64::from(calls)
        })
        .collect();
    per_round.sort_by(f64::total_cmp);
    per_round[per_round.len() / 2]
}

fn main() {
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let budget = Duration::from_millis(env("BENCH_MS", 1000));
    let rounds = env("BENCH_ROUNDS", 5).max(1) as usize;
    let config = four_pins_on_many_points();
    let pinned = config.pinned();

    // A widget's write: the learning rate typed into its box (the run changes, the points do not).
    let mut toggle = false;
    let mut written = config.clone();
    let set = micros(rounds, budget, || {
        toggle = !toggle;
        let rate = if toggle { "0.02" } else { "0.01" };
        black_box(written.set(Key::LearningRate, black_box(rate)));
    });

    // A frame's configuration work with four pins: the snapshot names each pin
    // (`difference_label`), the loss chart labels each pin's curve again, and the page asks whether
    // the run on screen is still the configured one (`same_run`).
    let frame = micros(rounds, budget, || {
        for _ in 0..2 {
            for pin in &pinned {
                black_box(config.difference_label(black_box(pin), Language::En));
            }
        }
        black_box(config.same_run(black_box(&written)));
    });

    println!("100,000 own points, 4 pins (median of {rounds} rounds of {budget:?}):");
    println!("  Config::set(lr)                     {set:>12.1} µs");
    println!("  a frame's configuration work        {frame:>12.1} µs");
}
