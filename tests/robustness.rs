//! Every link a person (or a fuzzer) can write opens without a panic; every sequence of writes a person
//! can make at the controls keeps the configuration consistent and its link faithful; and every
//! configuration trains without a panic. Sizes fit CI; `RELU_LAB_LONG=1` runs the long versions.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::cases::{long, Cases};
use relu_lab::engine::config::{
    weight_count, DataKind, Domain, Role, MAX_LAYERS, MAX_POINTS, MAX_UNITS, MAX_WEIGHTS, SETTINGS,
};
use relu_lab::engine::{report, Config, Diagnosis, Trainer};

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
    "8,8,4",
    "0,0",
    "3,,3",
    "1024,1024",
    ",",
    "2,2,2,2,2,2,2,2,2",
];

fn random_link(cases: &mut Cases) -> String {
    let mut keys: Vec<&str> = SETTINGS.iter().map(|s| s.key).collect();
    keys.extend(["v", "zzz", "", "HIDDEN", "lr ", "%6Cr", "&", "="]);
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

/// The promises of a checked configuration: a non-empty, ordered data set, a non-empty training part
/// and a network the page can train.
fn assert_consistent(config: &Config, context: &str) {
    let points = config.data_points();
    assert!(
        (1..=MAX_POINTS).contains(&points),
        "{context}: {points} points"
    );
    assert!(
        (1..=points).contains(&config.train_points),
        "{context}: train {} of {points}",
        config.train_points
    );
    assert!(config.fit_rows() >= 1, "{context}: nothing to train on");
    match config.data {
        DataKind::Arange => assert!(config.stop > config.start, "{context}: stop ≤ start"),
        DataKind::Uniform => assert!(config.high > config.low, "{context}: hi ≤ lo"),
        DataKind::Randn => {}
        DataKind::Own => assert!(config.own.len() >= 2, "{context}: no own points"),
    }
    let widths = config.widths();
    assert!(
        (1..=MAX_LAYERS).contains(&widths.len()),
        "{context}: {widths:?}"
    );
    assert!(
        widths.iter().all(|w| (1..=MAX_UNITS).contains(w)),
        "{context}: {widths:?}"
    );
    assert!(weight_count(widths) <= MAX_WEIGHTS, "{context}: {widths:?}");
}

/// The link written from `config` opens the same configuration, with nothing to say about it.
fn assert_link_faithful(config: &Config, context: &str) {
    let written = config.to_query();
    let (again, notices) = Config::from_query(&written);
    assert!(
        notices.is_empty(),
        "{context}: {written:?} gave notices {notices:?}"
    );
    assert_eq!(&again, config, "{context}: {written:?}");
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
        let context = format!("case {case}: {link:?}");
        assert_consistent(&config, &context);
        assert_link_faithful(&config, &context);
    }
}

/// A value a person could type or pick for a setting: inside its range, at its ends, outside it, or
/// junk.
fn widget_value(domain: &Domain, cases: &mut Cases) -> String {
    if cases.below(10) == 0 {
        return cases.pick(NASTY).to_string();
    }
    match *domain {
        Domain::Number { low, high } => {
            let value = match cases.below(6) {
                0 => low,
                1 => high,
                2 => low - 1.0 - cases.unit() * 1e3,
                3 => (low.max(-10.0) + cases.unit() * (high.min(10.0) - low.max(-10.0))).round(),
                _ => low + cases.unit() * (high - low),
            };
            value.to_string()
        }
        Domain::Whole { low, high } => {
            let span = (high - low).min(2000);
            match cases.below(5) {
                0 => low.to_string(),
                1 => high.to_string(),
                2 => "-3".into(),
                _ => (low + cases.next() % (span + 1)).to_string(),
            }
        }
        Domain::Choice(names) => cases.pick(names).to_string(),
        Domain::Flag => cases.pick(&["0", "1"]).to_string(),
        Domain::Name => match cases.below(3) {
            0 => "body_mass_g".into(),
            1 => "n".repeat(150),
            _ => "bill length (mm), \"raw\"".into(),
        },
        Domain::Subset(names) => {
            let chosen: Vec<&str> = names
                .iter()
                .copied()
                .filter(|_| cases.below(3) == 0)
                .collect();
            chosen.join(",")
        }
        Domain::Sweep => {
            let keys = [
                "lr",
                "hidden",
                "act",
                "opt",
                "zzz",
                "seed",
                "lang",
                "clipnorm",
                "schedule",
                "weight_decay",
            ];
            let values = [
                "0.01",
                "0.1|1",
                "2,2|3",
                "relu|tanh",
                "adam|sgd|adamw",
                "x",
                "",
                "cosine|exponential",
            ];
            let axes: Vec<String> = (0..cases.below(4))
                .map(|_| format!("{}:{}", cases.pick(&keys), cases.pick(&values)))
                .collect();
            axes.join(";")
        }
        Domain::Compare => cases
            .pick(&[
                "v=1",
                "v=1&lr=0.001",
                "lr=0.1&xscale=standard",
                "zzz=1",
                "lang=zh",
                "",
            ])
            .to_string(),
        Domain::Formula => cases
            .pick(&[
                "2*x",
                "abs(x)",
                "x^2",
                "sin(2*pi*x)",
                "log(x)",
                "1/x",
                "sqrt(x)",
                "exp(x)",
                "step(x)",
                "min(x,0)",
                "abs(x",
                "2x",
                "",
            ])
            .to_string(),
        // Two, three and four points in the link form (`engine::table`'s tests check these texts),
        // a cut one and junk.
        Domain::Points => cases
            .pick(&[
                "",
                "AR0tPU0",
                "AbHR0NDR0d8",
                "AQ0KXR2ypdLT09HLXQ",
                "AR0t",
                "!!",
            ])
            .to_string(),
        Domain::Widths => {
            let layers = 1 + cases.below(4);
            let widths: Vec<String> = (0..layers)
                .map(|_| {
                    let most = if cases.below(4) == 0 { 1024 } else { 40 };
                    (1 + cases.below(most)).to_string()
                })
                .collect();
            widths.join(",")
        }
    }
}

/// What a person does at the controls: one key at a time, through `Config::set`, the path the
/// widgets use. After each write the configuration is consistent and its link opens exactly it;
/// every few writes the run starts and its words hold no NaN or infinity.
#[test]
fn every_sequence_of_widget_writes_keeps_the_configuration_consistent_and_its_link_faithful() {
    let sequences = if long() { 20_000 } else { 1_500 };
    let mut cases = Cases(3);
    for sequence in 0..sequences {
        let mut config = Config::default();
        let mut written = Vec::new();
        for write in 0..20 {
            let setting = &SETTINGS[cases.below(SETTINGS.len())];
            let value = widget_value(&setting.domain, &mut cases);
            written.push(format!("{}={value}", setting.key));
            let before = config.clone();
            let notices = config.set(setting.id, &value);
            let context = format!("sequence {sequence}, writes {written:?}");
            for notice in &notices {
                let text = notice.to_string();
                assert!(text.contains(&notice.key), "{context}: {text}");
            }
            assert_consistent(&config, &context);
            assert_link_faithful(&config, &context);
            if setting.role == Role::View {
                assert!(
                    config.same_run(&before),
                    "{context}: a view setting changed the run"
                );
            }
            if write % 7 == 6 {
                let mut trainer = Trainer::new(&config);
                assert_eq!(
                    trainer.config(),
                    &config,
                    "{context}: the trainer runs what it was given"
                );
                trainer.step();
                if trainer.diverged().is_none() {
                    let words = report::explain(&trainer);
                    let stats = trainer.history().last();
                    let line = report::progress_line(&trainer, stats, trainer.fit_rows());
                    for text in [&words, &line] {
                        assert!(
                            !text.contains("NaN") && !text.contains("inf") && !text.contains("nan"),
                            "{context}: {text}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn every_configuration_made_with_the_widgets_trains_without_a_panic() {
    let count = if long() { 5_000 } else { 300 };
    let mut cases = Cases(2);
    for case in 0..count {
        let mut config = Config::default();
        for _ in 0..12 {
            let setting = &SETTINGS[cases.below(SETTINGS.len())];
            let value = widget_value(&setting.domain, &mut cases);
            config.set(setting.id, &value);
        }
        let link = config.to_query();
        let mut trainer = Trainer::new(&config);
        // Bounded work per case: at most 3 epochs and 2,000 batches.
        let mut batches = 0;
        while trainer.epoch() < 3 && batches < 2_000 && trainer.diverged().is_none() {
            trainer.step();
            batches += 1;
        }
        let diagnosis = trainer.diagnosis();
        let _ = report::explain(&trainer);
        let _ = report::summary_json(&trainer);
        if let Diagnosis::Diverged { epoch, .. } = diagnosis {
            // Every epoch before the one that diverged was finite: the first non-finite value stopped it.
            for stats in &trainer.history()[..epoch - 1] {
                assert!(stats.loss.is_finite(), "case {case}: {link}");
            }
        } else {
            assert!(
                trainer.parameters().iter().all(|p| p.is_finite()),
                "case {case}: {link}"
            );
        }
        for x in [-1e6, 0.0, 1.0, 1e6] {
            let _ = trainer.predict(x);
        }
    }
}
