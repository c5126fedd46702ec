//! Every link a person (or a fuzzer) can write opens without a panic, and every configuration trains
//! without one. Sizes fit CI; `RELU_LAB_LONG=1` runs the long versions (10⁶ links, 5,000 runs).
#![cfg(not(target_arch = "wasm32"))]

use relu_lab::engine::config::{Activation, Init, OptimizerKind, OutputActivation, XScale, YScale};
use relu_lab::engine::config::{Choice, KEYS};
use relu_lab::engine::{report, Config, Diagnosis, Trainer};

fn long() -> bool {
    std::env::var("RELU_LAB_LONG").is_ok_and(|v| v == "1")
}

/// A tiny deterministic generator (SplitMix64) so failures reproduce from the printed case number.
struct Cases(u64);
impl Cases {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const NASTY: &[&str] = &[
    "",
    "0",
    "-0",
    "1",
    "-1",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "1e308",
    "-1e308",
    "1e-320",
    "99999999999999999999999999",
    "12.5",
    "0x10",
    "abc",
    "%",
    "%2",
    "%zz",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "<script>alert(1)</script>",
    "ü",
    "%C3%BC",
    "日本",
    "+",
    "++1",
    "1,5",
    " 7 ",
    "%00",
    "\u{202e}",
    "18446744073709551616",
    "relu",
    "adam",
    "standard",
    "question",
    "randn",
    "uniform",
    "0.5",
    "10",
    "1024",
    "1025",
    "1e-7",
];

fn random_link(cases: &mut Cases) -> String {
    let mut keys: Vec<&str> = KEYS.to_vec();
    keys.extend(["v", "preset", "zzz", "", "HIDDEN", "lr ", "%6Cr", "&", "="]);
    let pairs = cases.next() % 12;
    let mut link = if cases.next().is_multiple_of(3) {
        "https://example.org/relu-lab/?".to_string()
    } else {
        String::new()
    };
    for i in 0..pairs {
        if i > 0 {
            link.push('&');
        }
        let key = cases.pick(&keys);
        let value = cases.pick(NASTY);
        link.push_str(&format!("{key}={value}"));
    }
    if cases.next().is_multiple_of(5) {
        link.push_str("#fragment");
    }
    link
}

#[test]
fn no_link_panics_every_notice_names_its_key_and_links_round_trip() {
    let count = if long() { 1_000_000 } else { 20_000 };
    let mut cases = Cases(1);
    for case in 0..count {
        let link = random_link(&mut cases);
        let (config, notices) = Config::from_query(&link);
        for notice in &notices {
            let text = notice.to_string();
            let key: String = notice.key.chars().take(40).collect();
            assert!(
                text.contains(&key),
                "case {case}: notice {text:?} does not name key {:?}",
                notice.key
            );
        }
        let written = config.to_query();
        let (again, more) = Config::from_query(&written);
        assert!(
            more.is_empty(),
            "case {case}: {link:?} → {written:?} gave notices {more:?}"
        );
        assert_eq!(again, config, "case {case}: {link:?} → {written:?}");
    }
}

/// A random configuration a user can set with the widgets.
fn random_config(cases: &mut Cases) -> Config {
    let mut config = Config::default();
    let presets = ["question", "fewer-points", "standardized", "adam"];
    config.set("preset", cases.pick(&presets));
    let names = |all: Vec<&'static str>| all;
    let choices: [(&str, Vec<&'static str>); 6] = [
        (
            "act",
            names(Activation::all().iter().map(|c| c.name()).collect()),
        ),
        (
            "out",
            names(OutputActivation::all().iter().map(|c| c.name()).collect()),
        ),
        (
            "init",
            names(Init::all().iter().map(|c| c.name()).collect()),
        ),
        (
            "opt",
            names(OptimizerKind::all().iter().map(|c| c.name()).collect()),
        ),
        (
            "xscale",
            names(XScale::all().iter().map(|c| c.name()).collect()),
        ),
        (
            "yscale",
            names(YScale::all().iter().map(|c| c.name()).collect()),
        ),
    ];
    for (key, options) in &choices {
        let value = cases.pick(options);
        config.set(key, value);
    }
    let rates = ["0.000001", "0.0001", "0.01", "0.1", "1", "10"];
    config.set("lr", cases.pick(&rates));
    config.set("hidden", cases.pick(&["1", "3", "12", "128", "1024"]));
    config.set("batch", cases.pick(&["1", "7", "100", "100000"]));
    config.set("momentum", cases.pick(&["0", "0.9", "0.999"]));
    config.set("decay", cases.pick(&["0", "0.000001", "1"]));
    config.set("bias", cases.pick(&["0", "-1000", "0.1", "1000"]));
    config.set("noise", cases.pick(&["0", "1", "1000000"]));
    config.set("slope", cases.pick(&["2", "-1000000", "0"]));
    config.set("vsplit", cases.pick(&["0", "0.2", "0.9"]));
    config.set("data", cases.pick(&["arange", "randn", "uniform"]));
    config.set("n", cases.pick(&["1", "2", "50", "300"]));
    config.set("stop", cases.pick(&["2", "10", "1000", "-5"]));
    config.set("train", cases.pick(&["1", "9", "750"]));
    config.set("seed", &cases.next().to_string());
    let (config, _) = Config::from_query(&config.to_query());
    config
}

#[test]
fn every_configuration_trains_without_a_panic_and_stops_at_the_first_non_finite_value() {
    let count = if long() { 5_000 } else { 300 };
    let mut cases = Cases(2);
    for case in 0..count {
        let config = random_config(&mut cases);
        let mut trainer = Trainer::new(&config);
        // Bounded work per case: at most 3 epochs and 2,000 batches.
        let mut batches = 0;
        while trainer.epoch() < 3 && batches < 2_000 && trainer.diverged.is_none() {
            trainer.step();
            batches += 1;
        }
        let diagnosis = trainer.diagnosis();
        let _ = report::explain(&trainer);
        let _ = report::summary_json(&trainer);
        if let Diagnosis::Diverged { epoch, .. } = diagnosis {
            // Every epoch before the one that diverged was finite: the first non-finite value stopped it.
            for stats in &trainer.history[..epoch - 1] {
                assert!(stats.loss.is_finite(), "case {case}: {}", config.to_query());
            }
        } else {
            assert!(
                trainer.weights.parameters.iter().all(|p| p.is_finite()),
                "case {case}: {}",
                config.to_query()
            );
        }
        for x in [-1e6, 0.0, 1.0, 1e6] {
            let _ = trainer.predict(x);
        }
    }
}
