//! Your own problem end to end: a CSV read as the runner reads it and the link the page writes open
//! the same run, bit for bit; a formula's run is as reproducible as the seed's.
#![cfg(not(target_arch = "wasm32"))]

use relu_lab::engine::config::DataKind;
use relu_lab::engine::table::{read_table, Reading};
use relu_lab::engine::{report, Config, Trainer};

fn fingerprint(config: &Config) -> String {
    let mut trainer = Trainer::new(config);
    while !trainer.is_finished() {
        trainer.run_epoch();
    }
    report::fingerprint(&trainer)
}

#[test]
fn a_csv_of_500_points_and_its_link_give_the_same_run() {
    // 500 points of a noisy |x| on [-2.5, 2.5), written as a spreadsheet would (`;`, decimal commas).
    let mut csv = String::from("\u{feff}x;y\r\n");
    for i in 0..500 {
        let x = f64::from(i - 250) / 100.0;
        let wiggle = f64::from((i * 37) % 11) / 100.0;
        let y = x.abs() + wiggle;
        csv.push_str(&format!("{x};{y}\r\n").replace('.', ","));
    }
    let table = read_table(&csv, Reading::default()).expect("a good file");
    assert_eq!(table.points.len(), 500);
    let (mut from_file, notices) = Config::from_query("epochs=5&out=linear&hidden=16&batch=32");
    assert!(notices.is_empty(), "{notices:?}");
    let notices = from_file.use_points(table.points);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(from_file.data, DataKind::Own);
    let link = format!("https://example.org/relu-lab/?{}", from_file.to_query());
    assert!(link.len() < 8000, "{} characters", link.len());
    let from_link = Config::from_query_strict(&link).expect("the link opens without notices");
    assert_eq!(from_link, from_file);
    assert_eq!(fingerprint(&from_link), fingerprint(&from_file));
}

#[test]
fn a_formula_run_is_reproducible_and_differs_from_the_seeds() {
    let link = "f=sin(2*pi*x)&data=uniform&lo=0&hi=1&n=10&train=10&noise=0.3&out=linear&epochs=50";
    let config = Config::from_query_strict(link).expect("a good link");
    assert_eq!(config.target.to_string(), "sin(2*pi*x)");
    let again = Config::from_query_strict(&config.to_query()).expect("its own link");
    assert_eq!(fingerprint(&config), fingerprint(&again));
    let seed = Config::from_query_strict(
        "data=uniform&lo=0&hi=1&n=10&train=10&noise=0.3&out=linear&epochs=50",
    )
    .expect("a good link");
    assert_ne!(fingerprint(&config), fingerprint(&seed));
}

#[test]
fn a_penguins_file_read_by_its_columns_names_and_its_link_give_the_same_run() {
    use relu_lab::engine::config::DataNames;
    use relu_lab::engine::table::layout;
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/penguins.csv"
    ))
    .expect("the fixture");
    let layout = layout(&text).expect("a table");
    let columns = relu_lab::engine::table::Columns {
        x: layout.find("flipper_length_mm").unwrap(),
        y: layout.find("body_mass_g").unwrap(),
    };
    let reading = Reading {
        columns: Some(columns),
        skip_bad: true,
    };
    let table = read_table(&text, reading).expect("342 good lines");
    assert_eq!(table.skipped.len(), 2);
    let names = DataNames {
        x: "flipper_length_mm".into(),
        y: "body_mass_g".into(),
        file: "penguins.csv".into(),
    };
    let (mut config, _) =
        Config::from_query("epochs=3&xscale=standard&yscale=standard&out=linear&hidden=8");
    assert!(config.use_data(table.points, &names).is_empty());
    assert!(config
        .set(relu_lab::engine::config::Key::Shuffle, "1")
        .is_empty());
    let link = config.to_query();
    let from_link = Config::from_query_strict(&link).expect("the link opens without notices");
    assert_eq!(from_link, config);
    assert_eq!(fingerprint(&from_link), fingerprint(&config));
}
