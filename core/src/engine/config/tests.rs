//! The link parser and the cross-key checks, as a person writes links and uses widgets.

use super::*;

#[test]
fn empty_link_is_the_question_preset() {
    let (config, notices) = Config::from_query("");
    assert!(notices.is_empty());
    assert_eq!(config, Preset::Question.config());
    assert_eq!(config.to_query(), "v=1");
}

#[test]
fn presets_match_the_seed_programs() {
    let question = Preset::Question.config();
    assert_eq!(
        (question.start, question.stop, question.step),
        (1.0, 1000.0, 1.0)
    );
    assert_eq!(question.data_points(), 999);
    assert_eq!(
        (
            question.train_points,
            question.hidden_layers[0],
            question.batch_size
        ),
        (750, 128, 100)
    );
    assert_eq!(question.output_activation, OutputActivation::Relu);
    assert_eq!(
        (question.optimizer, question.learning_rate),
        (OptimizerKind::Sgd, 0.01)
    );
    let fewer = Preset::FewerPoints.config();
    assert_eq!(
        (
            fewer.data_points(),
            fewer.train_points,
            fewer.hidden_layers[0]
        ),
        (9, 9, 12)
    );
    let standardized = Preset::Standardized.config();
    assert_eq!(
        (standardized.data, standardized.decay),
        (DataKind::Randn, 1e-6)
    );
    assert_eq!(standardized.output_activation, OutputActivation::Linear);
    let adam = Preset::Adam.config();
    assert_eq!(
        (adam.optimizer, adam.learning_rate, adam.epochs),
        (OptimizerKind::Adam, 1e-4, 200)
    );
}

#[test]
fn preset_applies_first_and_other_keys_override_it() {
    let (config, notices) = Config::from_query("?hidden=64&preset=adam&lr=0.5");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(config.optimizer, OptimizerKind::Adam);
    assert_eq!(config.hidden_layers, vec![64]);
    assert_eq!(config.learning_rate, 0.5);
}

#[test]
fn whole_urls_and_fragments_are_read() {
    let (config, notices) = Config::from_query("https://example.org/relu-lab/?v=1&hidden=7#top");
    assert!(notices.is_empty());
    assert_eq!(config.hidden_layers, vec![7]);
}

#[test]
fn bad_link_notices_name_key_and_value() {
    let (config, notices) = Config::from_query("hidden=abc&lr=-1&zzz=1");
    assert_eq!(
        config.hidden_layers,
        vec![128],
        "bad value keeps the default"
    );
    assert_eq!(config.learning_rate, 1e-6, "out of range is clamped");
    assert_eq!(notices.len(), 3);
    let texts: Vec<String> = notices.iter().map(ToString::to_string).collect();
    assert!(
        texts[0].contains("hidden=abc") && texts[0].contains("using 128"),
        "{}",
        texts[0]
    );
    assert!(
        texts[1].contains("lr=-1") && texts[1].contains("0.000001"),
        "{}",
        texts[1]
    );
    assert!(
        texts[2].contains("zzz") && texts[2].contains('1'),
        "{}",
        texts[2]
    );
    assert!(Config::from_query_strict("hidden=abc").is_err());
}

#[test]
fn huge_counts_clamp_rather_than_fail() {
    let (config, notices) =
        Config::from_query("hidden=99999999999999999999999&epochs=-3&seed=18446744073709551615");
    assert_eq!(config.hidden_layers, vec![MAX_UNITS]);
    assert_eq!(config.epochs, 0);
    assert_eq!(config.seed, u64::MAX);
    assert_eq!(notices.len(), 2);
}

#[test]
fn nan_and_infinity_are_rejected() {
    let (config, notices) = Config::from_query("lr=NaN&slope=inf&noise=");
    assert_eq!(config.learning_rate, 0.01);
    assert_eq!(config.slope, 2.0);
    assert_eq!(notices.len(), 3);
}

#[test]
fn repeated_keys_use_the_last_value_and_say_so() {
    let (config, notices) = Config::from_query("hidden=3&hidden=5");
    assert_eq!(config.hidden_layers, vec![5]);
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].problem, Problem::Repeated);
}

#[test]
fn view_settings_round_trip_and_do_not_change_the_run() {
    let (config, notices) = Config::from_query("lang=zh&class=1&hide=training,data,bogus");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(
        (config.language, config.classroom),
        (LanguageChoice::Zh, true)
    );
    assert_eq!(config.hidden_panels, vec![Panel::Data, Panel::Training]);
    assert!(config.same_run(&Config::default()));
    assert_eq!(config.to_query(), "v=1&lang=zh&class=1&hide=data,training");
    assert_eq!(Config::from_query(&config.to_query()).0, config);
}

#[test]
fn share_link_round_trips() {
    let (config, _) =
        Config::from_query("preset=standardized&hidden=17&lr=0.0301&act=tanh&seed=99&noise=0.25");
    let link = config.to_query();
    assert!(link.starts_with("v=1&preset=standardized"), "{link}");
    let (again, notices) = Config::from_query(&link);
    assert!(notices.is_empty());
    assert_eq!(again, config);
}

#[test]
fn inconsistent_settings_are_adjusted_with_a_notice() {
    let (config, notices) = Config::from_query("start=5&stop=1&train=50");
    assert_eq!(config.data_points(), 1);
    assert_eq!(config.train_points, 1);
    assert_eq!(notices.len(), 3, "stop, train and vsplit: {notices:?}");
    let (again, more) = Config::from_query(&config.to_query());
    assert!(more.is_empty());
    assert_eq!(again, config);
}

#[test]
fn percent_encoding_round_trips_unicode_and_markup() {
    let text = "<script>alert('ü')</script>&=%";
    assert_eq!(percent_decode(&percent_encode(text)), text);
    assert_eq!(percent_decode("%zz%4"), "%zz%4");
}

/// Every write of a widget goes through `set`, which runs the same checks as a link.
#[test]
fn a_widget_typing_stop_below_start_gets_a_notice_naming_stop_and_a_one_point_range() {
    let mut config = Config::default();
    let notices = config.set(Key::Stop, "0.5");
    // One point is left: the training part and the validation split follow, each named.
    let keys: Vec<&str> = notices.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(keys, ["stop", "train", "vsplit"], "{notices:?}");
    let text = notices[0].to_string();
    assert!(
        text.contains("stop=0.5") && text.contains("must be above “start”=1"),
        "{text}"
    );
    assert_eq!(config.data_points(), 1);
    assert!(config.fit_rows() >= 1);
    let (again, more) = Config::from_query(&config.to_query());
    assert!(more.is_empty(), "{more:?}");
    assert_eq!(again, config);
}

#[test]
fn uniform_with_hi_below_lo_is_adjusted_by_the_widget_path_too() {
    let mut config = Config::default();
    assert!(config.set(Key::Data, "uniform").is_empty());
    let notices = config.set(Key::High, "-5");
    assert!(notices.iter().any(|n| n.key == "hi"), "{notices:?}");
    assert!(config.high > config.low);
}

#[test]
fn a_validation_split_that_leaves_nothing_to_train_on_is_dropped() {
    let mut config = Config::default();
    assert!(config.set(Key::Train, "2").is_empty());
    let notices = config.set(Key::ValidationSplit, "0.6");
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].key, "vsplit");
    assert_eq!(config.validation_split, 0.0);
    assert_eq!(config.fit_rows(), 2);
}

#[test]
fn hidden_takes_a_list_of_layer_widths() {
    let (config, notices) = Config::from_query("hidden=8,8,4");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(config.hidden_layers, vec![8, 8, 4]);
    assert_eq!(config.to_query(), "v=1&hidden=8,8,4");
    let (config, notices) = Config::from_query("hidden=0,2000");
    assert_eq!(config.hidden_layers, vec![1, MAX_UNITS]);
    assert_eq!(notices.len(), 1);
    let (config, notices) = Config::from_query("hidden=2,2,2,2,2,2,2,2,2,2");
    assert_eq!(config.hidden_layers.len(), MAX_LAYERS);
    assert_eq!(notices.len(), 1);
    // 1024 × 1024 weights would not train live: refused, the old value kept.
    let (config, notices) = Config::from_query("hidden=1024,1024");
    assert_eq!(config.hidden_layers, vec![128]);
    assert!(
        notices[0].to_string().contains("at most 50000 weights"),
        "{}",
        notices[0]
    );
    let (config, notices) = Config::from_query("hidden=8,x");
    assert_eq!((config.hidden_layers, notices.len()), (vec![128], 1));
}

#[test]
fn weight_count_counts_kernels_and_biases() {
    // 1→128→1: 128 + 128 + 128 + 1.
    assert_eq!(weight_count(&[128]), 385);
    // 1→8→4→1: (8 + 8) + (32 + 4) + (4 + 1).
    assert_eq!(weight_count(&[8, 4]), 57);
}

#[test]
fn the_network_laid_out_for_any_widths_has_weight_count_parameters() {
    use crate::engine::net::{Shape, Slopes};
    // The bound a link is checked against and the layout training uses count the same weights.
    for widths in [
        vec![1],
        vec![128],
        vec![8, 4],
        vec![3, 1, 7, 2],
        vec![64; 8],
    ] {
        let shape = Shape::new(&widths, Slopes::Fixed);
        assert_eq!(shape.parameter_count(), weight_count(&widths), "{widths:?}");
    }
}

#[test]
fn every_key_has_a_doc_a_domain_and_reads_back_its_own_value() {
    let config = Preset::Adam.config();
    for setting in SETTINGS {
        assert!(!setting.doc.is_empty(), "{}", setting.key);
        let text = (setting.get)(&config);
        let mut copy = config.clone();
        let notices = copy.set(setting.id, &text);
        assert!(notices.is_empty(), "{}={text}: {notices:?}", setting.key);
        assert_eq!(copy, config, "{}", setting.key);
    }
    let keys: Vec<&str> = SETTINGS.iter().map(|s| s.key).collect();
    let mut unique = keys.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), keys.len(), "a key declared twice");
}

#[test]
fn changing_a_view_setting_is_the_same_run() {
    let mut config = Config::default();
    let before = config.clone();
    config.set(Key::Language, "zh");
    config.set(Key::Classroom, "1");
    assert!(config.same_run(&before));
    config.set(Key::LearningRate, "0.1");
    assert!(!config.same_run(&before));
}

#[test]
fn a_preset_keeps_the_view_and_replaces_the_run() {
    let mut config = Config::default();
    config.set(Key::Language, "zh");
    config.set(Key::Hidden, "3");
    config.set(Key::Preset, "adam");
    assert_eq!(config.language, LanguageChoice::Zh);
    assert_eq!(config.hidden_layers, vec![128]);
    assert_eq!(config.optimizer, OptimizerKind::Adam);
}

#[test]
fn a_hand_made_config_is_repaired_rather_than_trusted() {
    let mut config = Config {
        hidden_layers: Vec::new(),
        stop: -3.0,
        ..Config::default()
    };
    config.repair();
    assert_eq!(config.hidden_layers, vec![1]);
    assert_eq!(config.data_points(), 1);
}

#[test]
fn pinned_runs_are_snapshots_kept_in_the_link_as_their_differences() {
    let mut config = Config::from_query("preset=question").0;
    // Pin the run as it is, then change the main run: the pinned one keeps its settings.
    assert!(config.set(Key::Pins, "v=1").is_empty());
    config.set(Key::LearningRate, "0.001");
    config.set(Key::XScale, "standard");
    assert_eq!(config.compare.0, ["v=1&lr=0.01&xscale=none"]);
    let pinned = &config.pinned()[0];
    assert_eq!((pinned.learning_rate, pinned.x_scale), (0.01, XScale::None));
    assert_eq!(
        config.difference_label(pinned, Language::En),
        "learning rate 0.01, scale x none"
    );
    // In the words the page labels its widgets with, in either language.
    assert_eq!(
        config.difference_label(pinned, Language::Zh),
        format!(
            "{} 0.01，{} none",
            crate::i18n::LABEL_LR.zh,
            crate::i18n::LABEL_XSCALE.zh
        )
    );
    // Pinning the run itself: the same settings, in the page's language.
    assert_eq!(config.difference_label(&config, Language::Zh), "相同的设置");
    assert_eq!(
        config.difference_label(&config, Language::En),
        "the same settings"
    );
    let link = config.to_query();
    assert!(
        link.ends_with("&vs=v%3D1%26lr%3D0.01%26xscale%3Dnone"),
        "{link}"
    );
    let (again, notices) = Config::from_query(&link);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(again, config);
    // A preset keeps the pins (as snapshots too); an empty `vs` removes them all.
    config.set(Key::Preset, "standardized");
    assert_eq!(config.pinned()[0].data, DataKind::Arange);
    config.set(Key::Pins, "");
    assert!(config.compare.0.is_empty());
}

#[test]
fn bad_pins_get_a_notice_and_at_most_four_are_kept() {
    let (config, notices) = Config::from_query("vs=lr%3Dabc&vs=lang%3Dzh&vs=zzz%3D1");
    assert_eq!(notices.len(), 3, "{notices:?}");
    assert!(notices.iter().all(|n| n.key == "vs"));
    assert!(config.compare.0.is_empty());
    let five = (0..5)
        .map(|i| format!("vs=seed%3D{i}"))
        .collect::<Vec<_>>()
        .join("&");
    let (config, notices) = Config::from_query(&five);
    assert_eq!((config.compare.0.len(), notices.len()), (4, 1));
    assert!(
        notices[0].to_string().contains("at most 4"),
        "{}",
        notices[0]
    );
    // The Chinese page says it in Chinese, the pins it kept included.
    let chinese = notices[0].text(Language::Zh);
    assert!(
        chinese.contains("最多 4 个固定的对比运行") && chinese.ends_with("改用 4 个固定的对比运行"),
        "{chinese}"
    );
    assert!(!chinese.contains("pinned"), "{chinese}");
}

#[test]
fn the_values_a_key_takes_read_in_either_language() {
    let lr = setting("lr").unwrap().domain;
    assert_eq!(lr.describe(Language::En), "0.000001 to 10");
    assert_eq!(lr.describe(Language::Zh), "0.000001 到 10");
    let hide = setting("hide").unwrap().domain;
    assert!(hide.describe(Language::Zh).ends_with("中的任意几个"));
    let class = setting("class").unwrap().domain;
    assert_eq!(class.describe(Language::Zh), "0 或 1");
}

#[test]
fn every_key_reads_back_its_own_value_with_pins_and_a_sweep_set() {
    // Two pins and a sweep: `vs` and `sweep` hold lists, and still round-trip through `set`.
    let (config, notices) = Config::from_query(
        "preset=standardized&lr=0.1&vs=v%3D1%26lr%3D0.001&vs=v%3D1%26opt%3Dadam&sweep=lr:0.1|1&seeds=7",
    );
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(config.compare.0.len(), 2);
    // `preset` is a starting point, not a value: setting it replaces the run (tested above).
    for &key in Key::ALL.iter().filter(|&&k| k != Key::Preset) {
        let text = config.get(key);
        let mut copy = config.clone();
        let notices = copy.set(key, &text);
        assert!(notices.is_empty(), "{key}={text}: {notices:?}");
        assert_eq!(copy, config, "{key}={text}");
        // And into a configuration that does not hold it yet.
        let mut fresh = Preset::Standardized.config();
        fresh.set(Key::LearningRate, "0.1");
        fresh.set(key, &text);
        assert_eq!(fresh.get(key), text, "{key}");
    }
}

#[test]
fn keys_are_the_table_in_order_and_spell_their_link_names() {
    assert_eq!(Key::ALL.len(), SETTINGS.len());
    for (key, setting) in Key::ALL.iter().zip(SETTINGS) {
        assert_eq!(key.name(), setting.key);
        assert_eq!(key.setting().key, setting.key);
        assert_eq!(Key::from_name(setting.key), Some(*key));
        assert_eq!(setting.key.parse::<Key>(), Ok(*key));
    }
    assert_eq!(Key::from_name("learning_rate"), None);
}

#[test]
fn pinning_and_unpinning_keep_the_other_pins_as_they_were() {
    let mut config = Config::from_query("preset=question").0;
    assert!(config.pin_this_run().is_empty());
    config.set(Key::LearningRate, "0.001");
    assert!(config.pin_this_run().is_empty());
    config.set(Key::Optimizer, "adam");
    let pinned: Vec<(f64, OptimizerKind)> = config
        .pinned()
        .iter()
        .map(|c| (c.learning_rate, c.optimizer))
        .collect();
    assert_eq!(
        pinned,
        [(0.01, OptimizerKind::Sgd), (0.001, OptimizerKind::Sgd)]
    );
    assert!(config.unpin(0).is_empty());
    let pinned: Vec<f64> = config.pinned().iter().map(|c| c.learning_rate).collect();
    assert_eq!(pinned, [0.001]);
    assert_eq!(config.pinned()[0].optimizer, OptimizerKind::Sgd);
    // Unpinning what is not there changes nothing.
    let before = config.clone();
    assert!(config.unpin(5).is_empty());
    assert_eq!(config, before);
    // A fifth pin is refused with a notice; the four stay.
    for _ in 0..3 {
        config.pin_this_run();
    }
    assert_eq!(config.compare.0.len(), 4);
    let notices = config.pin_this_run();
    assert_eq!((notices.len(), config.compare.0.len()), (1, 4));
}

#[test]
fn a_hand_made_config_is_repaired_to_one_a_link_could_hold() {
    let numbers = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1e300,
        1e300,
        -5.0,
        -0.0,
        0.0,
        1e-9,
        0.5,
        3.0,
        999.0,
        1e7,
    ];
    let wholes = [0usize, 1, 2, 7, 1000, 100_000, 10_000_000, usize::MAX];
    let mut random = crate::engine::test_cases::Cases(12345);
    for case in 0..2000 {
        let mut config = Config {
            data: random.pick(DataKind::ALL),
            start: random.pick(&numbers),
            stop: random.pick(&numbers),
            step: random.pick(&numbers),
            points: random.pick(&wholes),
            low: random.pick(&numbers),
            high: random.pick(&numbers),
            slope: random.pick(&numbers),
            intercept: random.pick(&numbers),
            noise: random.pick(&numbers),
            train_points: random.pick(&wholes),
            validation_split: random.pick(&numbers),
            hidden_layers: vec![random.pick(&wholes); (random.next() % 10) as usize],
            alpha: random.pick(&numbers),
            hidden_bias: random.pick(&numbers),
            learning_rate: random.pick(&numbers),
            momentum: random.pick(&numbers),
            decay: random.pick(&numbers),
            batch_size: random.pick(&wholes),
            epochs: random.pick(&wholes),
            seeds: random.pick(&wholes),
            ..Config::default()
        };
        config.repair();
        let what = format!("case {case}: {config:?}");
        assert!(config.data_points() >= 1, "{what}");
        assert!(config.data_points() <= MAX_POINTS, "{what}");
        assert!(config.fit_rows() >= 1, "{what}");
        // Every value is one a link could hold: written and read back, nothing changes.
        let (again, notices) = Config::from_query(&config.to_query());
        assert!(notices.is_empty(), "{what}: {notices:?}");
        assert_eq!(again, config, "{what}");
        // Repairing a repaired configuration changes nothing.
        let mut twice = config.clone();
        twice.repair();
        assert_eq!(twice, config, "{what}");
    }
}

#[test]
fn a_new_run_keeps_the_pages_view_and_pins_what_it_is_given() {
    let (shown, _) = Config::from_query("lang=zh&class=1&hide=data,keras&lr=0.5");
    let (mut next, _) = Config::from_query("preset=standardized");
    assert!(next.keep_view_of(&shown).is_empty());
    assert_eq!(next.language, LanguageChoice::Zh);
    assert!(next.classroom);
    assert_eq!(next.hidden_panels, [Panel::Data, Panel::Keras]);
    // The run itself is the new one.
    assert_eq!(
        next.learning_rate,
        Preset::Standardized.config().learning_rate
    );
    let (other, _) = Config::from_query("preset=standardized&lr=0.001");
    let (third, _) = Config::from_query("preset=standardized&opt=adam");
    assert!(next.pin(&other).is_empty());
    assert!(next.pin(&third).is_empty());
    let pinned = next.pinned();
    assert_eq!(pinned.len(), 2);
    assert!(pinned[0].same_run(&other) && pinned[1].same_run(&third));
}

#[test]
fn loopback_hosts_are_local_and_network_hosts_are_not() {
    for host in [
        "localhost",
        "LOCALHOST",
        "app.localhost",
        "127.0.0.1",
        "127.1.2.3",
        "::1",
        "[::1]",
        "0.0.0.0",
    ] {
        assert!(is_local_host(host), "{host}");
    }
    for host in [
        "192.168.1.20",
        "10.0.0.5",
        "example.org",
        "relu-lab.github.io",
        "localhost.example.org",
    ] {
        assert!(!is_local_host(host), "{host}");
    }
}

/// Values `key` might take, from its domain: at least one differs from any given value.
fn values_to_try(key: Key) -> Vec<String> {
    match key.setting().domain {
        Domain::Number { low, high } => [low, high, (low + high) / 2.0, 0.5, 3.0, 0.25]
            .iter()
            .map(|v| v.to_string())
            .collect(),
        Domain::Whole { low, high } => [low, low + 1, high, 2, 3, 30]
            .iter()
            .map(|v| v.to_string())
            .collect(),
        Domain::Choice(names) => names.iter().map(|n| n.to_string()).collect(),
        Domain::Flag => vec!["1".into(), "0".into()],
        Domain::Subset(names) => names.iter().map(|n| n.to_string()).collect(),
        Domain::Widths => vec!["8,8,4".into(), "3".into()],
        Domain::Formula => vec!["abs(x)".into(), "x^2".into()],
        Domain::Points => {
            let points =
                crate::engine::table::Points::new(vec![1.0, 2.0, 3.0], vec![2.0, 4.5, 5.0]);
            vec![points.expect("three finite points").link_text().to_string()]
        }
        Domain::Sweep => vec!["lr:0.001|0.01".into()],
        Domain::Compare => vec!["v=1&lr=0.001".into()],
        Domain::Name => vec!["body_mass_g".into(), "penguins.csv".into()],
    }
}

#[test]
fn sweep_compare_and_view_writes_keep_the_run_and_every_run_key_makes_a_new_one() {
    let (base, _) = Config::from_query("preset=standardized&hidden=8&epochs=2");
    let fingerprint = |config: &Config| {
        let mut trainer = crate::engine::Trainer::new(config);
        trainer.run();
        crate::engine::report::fingerprint(&trainer)
    };
    let before = fingerprint(&base);
    // Every key that is not part of the run, written one after the other: still the same run, and
    // (the independent check) the trainer makes the same bits.
    let mut config = base.clone();
    let mut written = Vec::new();
    for &key in Key::ALL {
        let role = key.setting().role;
        if !matches!(role, Role::Sweep | Role::Compare | Role::View) {
            continue;
        }
        let value = values_to_try(key)
            .into_iter()
            .find(|value| {
                let mut trial = config.clone();
                trial.set(key, value).is_empty() && trial.get(key) != config.get(key)
            })
            .unwrap_or_else(|| panic!("no value of {key} is taken and changes it"));
        config.set(key, &value);
        written.push(key);
        assert!(
            config.same_run(&base),
            "{key}={value} ({role:?}) reset the run"
        );
    }
    for key in [
        Key::Sweep,
        Key::Seeds,
        Key::Pins,
        Key::Language,
        Key::Classroom,
    ] {
        assert!(written.contains(&key), "{key} was not written");
    }
    assert_eq!(fingerprint(&config), before, "{}", config.to_query());
    // Every run key: a value it takes that changes it makes a different run.
    let mut run_keys = 0;
    for &key in Key::ALL {
        if key.setting().role != Role::Run {
            continue;
        }
        run_keys += 1;
        let changed = values_to_try(key)
            .into_iter()
            .find_map(|value| {
                let mut trial = base.clone();
                trial.set(key, &value);
                (trial.get(key) != base.get(key)).then_some(trial)
            })
            .unwrap_or_else(|| panic!("no value of {key} changes it"));
        assert!(!changed.same_run(&base), "{key}: {}", changed.to_query());
    }
    assert!(run_keys >= 30, "{run_keys} run keys");
}

#[test]
fn unpinning_the_only_pin_leaves_none() {
    let mut config = Config::from_query("preset=question&epochs=5").0;
    assert!(config.pin_this_run().is_empty());
    config.set(Key::Output, "linear");
    config.set(Key::XScale, "standard");
    assert_eq!(config.compare.0.len(), 1);
    assert!(config.unpin(0).is_empty());
    assert!(config.compare.0.is_empty(), "{:?}", config.compare);
    assert!(!config.to_query().contains("vs="));
}

/// A value of `key` other than `config`'s, through the key's own domain (`None`: none found).
fn another_value(config: &Config, key: Key) -> Option<Config> {
    let candidates: Vec<String> = match key.setting().domain {
        Domain::Number { low, high } => [high, low, (low + high) / 2.0, low + 1.0]
            .iter()
            .map(f64::to_string)
            .collect(),
        Domain::Whole { low, high } => [low + 2, low + 1, low, high.min(1_000)]
            .iter()
            .map(u64::to_string)
            .collect(),
        Domain::Choice(names) => names.iter().map(|n| n.to_string()).collect(),
        Domain::Flag => vec!["0".into(), "1".into()],
        Domain::Widths => vec!["3,3".into(), "5".into()],
        Domain::Formula => vec!["x^2".into()],
        _ => Vec::new(),
    };
    candidates.into_iter().find_map(|value| {
        let mut other = config.clone();
        other.set(key, &value);
        (other.get(key) != config.get(key)).then_some(other)
    })
}

#[test]
fn a_pinned_run_is_named_in_the_words_of_the_page_not_by_link_keys() {
    let config = Config::from_query("preset=question").0;
    let mut named = 0;
    for setting in SETTINGS.iter().filter(|s| s.role == Role::Run) {
        let Some(other) = another_value(&config, setting.id) else {
            continue;
        };
        named += 1;
        for language in [Language::En, Language::Zh] {
            let label = config.difference_label(&other, language);
            // What the page shows for it: the widget's label, or the fit chart's target line.
            let shown = match setting.id {
                Key::Slope | Key::Intercept => other.target_line_words(language),
                _ => setting
                    .id
                    .label()
                    .unwrap_or_else(|| panic!("`{}` has no label on the page", setting.key))
                    .get(language)
                    .to_string(),
            };
            assert!(
                label.contains(&shown),
                "{} in {language:?}: {label:?} lacks {shown:?}",
                setting.key
            );
            // The link key is not the name (unless the page's label is that very word).
            let as_link = format!("{} ", setting.key);
            assert!(
                !label.starts_with(&as_link) && !label.contains(&format!(", {as_link}"))
                    || shown.starts_with(setting.key),
                "{} in {language:?}: {label:?}",
                setting.key
            );
        }
    }
    assert!(named >= 30, "only {named} run keys were varied");
    // Two differences in the page's Chinese words, and the target line as the fit chart names it.
    let other = Config::from_query("preset=question&out=linear&opt=adam&slope=3&intercept=1").0;
    assert_eq!(
        config.difference_label(&other, Language::Zh),
        format!(
            "目标 y = 3x + 1，{} linear，{} adam",
            crate::i18n::LABEL_OUT.zh,
            crate::i18n::LABEL_OPT.zh
        )
    );
    assert_eq!(
        config.difference_label(&other, Language::En),
        format!(
            "target y = 3x + 1, {} linear, {} adam",
            crate::i18n::LABEL_OUT.en,
            crate::i18n::LABEL_OPT.en
        )
    );
}

fn penguins_flipper_and_mass() -> (Points, DataNames) {
    let text = include_str!("../../../../tests/fixtures/penguins.csv");
    let reading = crate::engine::table::Reading {
        columns: Some(crate::engine::table::Columns { x: 4, y: 5 }),
        skip_bad: true,
    };
    let table = crate::engine::table::read_table(text, reading).unwrap();
    let names = DataNames {
        x: "flipper_length_mm".into(),
        y: "body_mass_g".into(),
        file: "penguins.csv".into(),
    };
    (table.points, names)
}

#[test]
fn own_data_keeps_its_names_in_the_link_and_labels_with_them() {
    let (points, names) = penguins_flipper_and_mass();
    let mut config = Config::default();
    assert!(config.use_data(points.clone(), &names).is_empty());
    assert_eq!(config.axis_names(), ("flipper_length_mm", "body_mass_g"));
    // A regression's metric beside the loss: Keras' mae, not the learner's accuracy.
    assert_eq!(config.metric, Metric::Mae);
    assert_eq!((config.data, config.train_points), (DataKind::Own, 342));
    let query = config.to_query();
    for pair in [
        "xcol=flipper_length_mm",
        "ycol=body_mass_g",
        "file=penguins.csv",
    ] {
        assert!(query.contains(pair), "{pair} in {query}");
    }
    let (again, notices) = Config::from_query(&query);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(again, config);
    // Other data is labelled x and y, whatever names the link kept from before.
    assert!(config.set(Key::Data, "arange").is_empty());
    assert_eq!(config.axis_names(), ("x", "y"));
    // Points without names label x and y.
    let mut plain = Config::default();
    let _ = plain.use_points(points);
    assert_eq!(plain.axis_names(), ("x", "y"));
}

#[test]
fn own_points_are_held_as_points_across_writes() {
    let (points, names) = penguins_flipper_and_mass();
    let mut config = Config::default();
    let _ = config.use_data(points.clone(), &names);
    // Writes of other keys, pins and their snapshots keep the very points given (not points
    // decoded again from their text).
    for (key, value) in [
        (Key::LearningRate, "0.1"),
        (Key::Epochs, "3"),
        (Key::Hidden, "8,8"),
    ] {
        assert!(config.set(key, value).is_empty());
        assert!(config.own.shared_with(&points), "after {key}={value}");
    }
    assert!(config.pin_this_run().is_empty());
    assert!(config.set(Key::LearningRate, "0.2").is_empty());
    let pinned = config.pinned();
    assert!(pinned[0].own.shared_with(&points));
    assert!(config.own.shared_with(&points));
    // Runs on the same points are the same run; on other points (one bit), another.
    assert!(config.same_run(&config.clone()));
    let mut other = config.clone();
    let mut x = points.x().to_vec();
    x[0] = -x[0];
    let _ = other.use_data(Points::new(x, points.y().to_vec()).unwrap(), &names);
    assert!(!config.same_run(&other));
    assert!(config.diff_query(&other).contains("pts="));
    assert_eq!(config.diff_query(&config.clone()), "v=1");
}

#[test]
fn a_formula_or_noise_with_own_data_is_put_back_and_said() {
    let (points, names) = penguins_flipper_and_mass();
    let (mut config, _) = Config::from_query("f=abs(x)&noise=0.5");
    let notices = config.use_data(points, &names);
    let keys: Vec<&str> = notices.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(keys, ["f", "noise"], "{notices:?}");
    assert!(config.target.is_default() && config.noise == 0.0);
    for notice in &notices {
        let words = notice.text(Language::En);
        assert!(words.contains("as it is"), "{words}");
    }
    // A link that asks for both is told so too; without own data they stay.
    assert_eq!(config.set(Key::Noise, "1").len(), 1);
    assert_eq!(config.noise, 0.0);
    assert!(config.set(Key::Data, "arange").is_empty());
    assert!(config.set(Key::Noise, "1").is_empty());
    assert_eq!(config.noise, 1.0);
}

#[test]
fn names_are_cut_to_their_limit_and_said() {
    let long = "n".repeat(150);
    let mut config = Config::default();
    let notices = config.set(Key::XColumn, &long);
    assert_eq!(config.x_column.chars().count(), 100);
    assert!(matches!(notices[0].problem, Problem::Clamped { .. }));
    assert!(config.set(Key::XColumn, "bill length (mm)").is_empty());
    let (back, notices) = Config::from_query(&config.to_query());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back.x_column, "bill length (mm)");
}

/// "Keep training": the link after it holds the longer run, and the pinned runs that stopped with
/// it (read back through the link, as a person opening it would); a pin with its own epochs keeps
/// them; past the most a link takes, nothing changes.
#[test]
fn keep_training_lengthens_the_run_and_the_pins_that_stop_with_it() {
    let link = "preset=question&epochs=4&vs=v%3D1%26lr%3D0.001&vs=v%3D1%26epochs%3D9";
    let (mut config, notices) = Config::from_query(link);
    assert!(notices.is_empty(), "{notices:?}");
    assert!(config.keep_training_to(8).is_empty());
    let (back, notices) = Config::from_query(&config.to_query());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back.epochs, 8);
    let pins = back.pinned();
    assert_eq!((pins[0].epochs, pins[0].learning_rate), (8, 0.001));
    assert_eq!(pins[1].epochs, 9);
    let before = config.clone();
    assert_eq!(config.keep_training_to(MAX_EPOCHS + 1).len(), 1);
    assert_eq!(config, before);
}
