//! The headless runner: trains a share link's configuration to its `epochs` and prints one JSON object
//! per epoch, then a summary line. For figures on slides and for checking a link from a script.
//!
//!     cargo run --release --example headless -- 'preset=question&seed=3'
//!     cargo run --release --example headless -- --keras 'preset=question'   (the Keras 3 program)
//!     cargo run --release --example headless -- --sweep 'preset=question&sweep=lr:0.001|0.01|0.1&seeds=200'
//!     cargo run --release --example headless -- --data points.csv 'epochs=100&out=linear'
//!
//! With `--advice` (or `--advice-seeds N`) the summary ends with `advice`: the changes measured to work
//! for this run (`engine::advice`): each candidate fix on the link's seed, then what worked on N seeds
//! (default 20), on all cores. It is asked for, never the default: it trains every candidate for the
//! run's epochs on many seeds, some hundred times the run itself.
//!
//! A sweep runs every cell's seeds on all cores and prints one JSON line per run, then one per cell
//! (counts, fractions, 95% Wilson intervals, where a formula applies the theory, and the notices of
//! whatever the cell's runs did not take as written).
//!
//! Exit status 2 with a message on stderr (nothing on stdout) when the link has an unknown key or a
//! bad value: a figure must come from exactly the settings written.

use rayon::prelude::*;
use relu_lab::engine::advice;
use relu_lab::engine::config::{Language, Notice};
use relu_lab::engine::sweep::{self, Counts};
use relu_lab::engine::{keras, report, table, Config, Trainer};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// Seeds each advised change is measured on, unless `--advice-seeds` says otherwise.
const ADVICE_SEEDS: usize = advice::DEFAULT_SEEDS;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // No advice unless asked for: a figure for a slide costs one run, not the advice's hundreds.
    let mut advice_seeds = 0;
    if let Some(at) = args.iter().position(|a| a == "--advice") {
        advice_seeds = ADVICE_SEEDS;
        args.remove(at);
    }
    if let Some(at) = args.iter().position(|a| a == "--advice-seeds") {
        let count = args.get(at + 1).and_then(|n| n.parse::<usize>().ok());
        let Some(count) = count.filter(|&n| n <= relu_lab::engine::config::MAX_SEEDS) else {
            eprintln!(
                "headless: --advice-seeds takes a number of seeds from 0 to {}",
                relu_lab::engine::config::MAX_SEEDS
            );
            return ExitCode::from(2);
        };
        advice_seeds = count;
        args.drain(at..at + 2);
    }
    let data_file = match take_data_flag(&mut args) {
        Ok(file) => file,
        Err(()) => {
            eprintln!("headless: --data needs a file (CSV or TSV: x and y columns)");
            return ExitCode::from(2);
        }
    };
    let mode = args
        .first()
        .cloned()
        .filter(|a| a == "--keras" || a == "--sweep");
    if mode.is_some() {
        args.remove(0);
    }
    if args.iter().any(|a| a == "-h" || a == "--help") || args.len() > 1 {
        eprintln!("usage: headless [--keras | --sweep] [--advice | --advice-seeds N] [--data FILE] '<query string or share link>'   (e.g. 'preset=question&seed=3')");
        eprintln!("  --keras   print the Keras 3 program of the link instead of training it");
        eprintln!(
            "  --sweep   run the link's sweep (sweep=KEY:V1|V2;KEY2:…, seeds=N) on all cores"
        );
        eprintln!("  --advice   end the summary with the changes measured to work for this run ({ADVICE_SEEDS} seeds; takes far longer than the run)");
        eprintln!("  --advice-seeds N   the same, measured on N seeds (0: no advice)");
        eprintln!("  --data FILE   train on a CSV/TSV file's x and y columns (data=own), as the page does");
        return ExitCode::from(if args.len() > 1 { 2 } else { 0 });
    }
    if mode.is_some() && advice_seeds > 0 {
        eprintln!("headless: --advice measures fixes for a training run; it does not go with --keras or --sweep");
        return ExitCode::from(2);
    }
    let link = args.first().map(String::as_str).unwrap_or("");
    let mut config = match Config::from_query_strict(link) {
        Ok(config) => config,
        Err(notices) => {
            for notice in &notices {
                eprintln!("headless: {notice}");
            }
            return ExitCode::from(2);
        }
    };
    if let Some(file) = data_file {
        if let Err(code) = use_data_file(&mut config, &file, link) {
            return code;
        }
    }
    match mode.as_deref() {
        Some("--keras") => {
            let link = format!("?{}", config.to_query());
            print!("{}", keras::keras_program(&config, &link));
            return ExitCode::SUCCESS;
        }
        Some("--sweep") => return run_sweep(&config),
        _ => {}
    }
    let mut trainer = Trainer::new(&config);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    while !trainer.is_finished() {
        trainer.run_epoch();
        // One epoch per call, so the latest entry is this epoch's (the history itself is thinned).
        if let Some(stats) = trainer.history().last() {
            if writeln!(out, "{}", report::epoch_json(stats)).is_err() {
                return ExitCode::SUCCESS; // stdout closed (e.g. piped into `head`): nothing more to say
            }
        }
    }
    let summary = report::summary_json(&trainer);
    let summary = if advice_seeds == 0 {
        summary
    } else {
        with_advice(&summary, &config, advice_seeds)
    };
    let _ = writeln!(out, "{summary}");
    let _ = out.flush();
    ExitCode::SUCCESS
}

/// Removes `--data FILE` from the arguments: the file, none, or Err when the flag has no file.
fn take_data_flag(args: &mut Vec<String>) -> Result<Option<String>, ()> {
    let Some(at) = args.iter().position(|a| a == "--data") else {
        return Ok(None);
    };
    if at + 1 >= args.len() {
        return Err(());
    }
    let file = args.remove(at + 1);
    args.remove(at);
    Ok(Some(file))
}

/// Reads a CSV or TSV (the page's reader) into the run: `data=own` with its points, all of them the
/// training part unless the link says `train`. Any refusal or adjustment stops the runner (status 2).
fn use_data_file(config: &mut Config, file: &str, link: &str) -> Result<(), ExitCode> {
    let refuse = |message: String| {
        eprintln!("headless: {file}: {message}");
        ExitCode::from(2)
    };
    let size = std::fs::metadata(file)
        .map_err(|e| refuse(e.to_string()))?
        .len();
    table::check_size(size).map_err(|e| refuse(e.text(Language::En)))?;
    let text = std::fs::read_to_string(file).map_err(|e| refuse(e.to_string()))?;
    let read = table::read_table(&text, table::Columns::default())
        .map_err(|e| refuse(e.text(Language::En)))?;
    let train = config.train_points;
    let notices = config.use_points(read.points);
    let link_train = relu_lab::engine::config::query_pairs(link)
        .iter()
        .any(|(key, _)| key == "train");
    let mut notices = notices;
    if link_train {
        notices.extend(config.set(relu_lab::engine::config::Key::Train, &train.to_string()));
    }
    if notices.is_empty() {
        Ok(())
    } else {
        let words: Vec<String> = notices.iter().map(ToString::to_string).collect();
        Err(refuse(words.join("; ")))
    }
}

/// Every cell's seeds on all cores; lines in cell and seed order, whatever order they finish in.
/// Each cell line names what its runs did not take as written (`notices`).
fn run_sweep(base: &Config) -> ExitCode {
    let cells = sweep::cells(base);
    let seeds: Vec<u64> = sweep::seeds(base).collect();
    let jobs: Vec<(usize, u64)> = (0..cells.len())
        .flat_map(|cell| seeds.iter().map(move |&seed| (cell, seed)))
        .collect();
    let results: Vec<(sweep::RunResult, Vec<Notice>)> = jobs
        .par_iter()
        .map(|&(cell, seed)| sweep::run_seed(&cells[cell].config, seed))
        .collect();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (&(cell, _), (run, _)) in jobs.iter().zip(&results) {
        if writeln!(out, "{}", sweep::run_json(&cells[cell], run)).is_err() {
            return ExitCode::SUCCESS;
        }
    }
    for (index, cell) in cells.iter().enumerate() {
        let of_cell = || {
            jobs.iter()
                .zip(&results)
                .filter(move |((of, _), _)| *of == index)
                .map(|(_, result)| result)
        };
        let counts = Counts::of(of_cell().map(|(run, _)| run));
        let seed_notices: Vec<sweep::SeedNotice> = of_cell()
            .flat_map(|(run, notices)| notices.iter().map(|n| (run.seed, n.clone())))
            .collect();
        let _ = writeln!(out, "{}", sweep::cell_json(cell, &counts, &seed_notices));
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}

/// The summary with `"advice": [...]` as its last entry: the changes measured to work, on all cores.
fn with_advice(summary: &str, config: &Config, seeds: usize) -> String {
    let advice = advice::advise(config, seeds, |jobs| {
        jobs.par_iter()
            .map(|(config, seed)| sweep::run_one(config, *seed))
            .collect()
    });
    // `{"summary":{…}}`: the entry goes before the two closing braces.
    match summary.strip_suffix("}}") {
        Some(open) => format!("{open},\"advice\":{}}}}}", advice::advice_json(&advice)),
        None => summary.to_string(),
    }
}
