//! The headless runner: trains a share link's configuration to its `epochs` and prints one JSON object
//! per epoch, then a summary line. For figures on slides and for checking a link from a script.
//!
//!     cargo run --release --example headless -- 'preset=question&seed=3'
//!     cargo run --release --example headless -- --keras 'preset=question'   (the Keras 3 program)
//!     cargo run --release --example headless -- --sweep 'preset=question&sweep=lr:0.001|0.01|0.1&seeds=200'
//!     cargo run --release --example headless -- --data points.csv 'epochs=100&out=linear'
//!     cargo run --release --example headless -- --data penguins.csv --x flipper_length_mm --y body_mass_g --skip-bad 'xscale=standard&yscale=standard&out=linear'
//!
//! `--data FILE` trains on two columns of a CSV/TSV file as the page does (the first two columns of
//! numbers, or `--x NAME|N` and `--y NAME|N`, by header name or number from 1); lines that are not
//! numbers stop the runner unless `--skip-bad` leaves them out (said on stderr). Any link goes with
//! it, the page's `data=own` link included: when it names its points (`pts=`), they must be the
//! file's.
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
use relu_lab::engine::config::{self as settings, DataNames, Key, Language, Notice, Phrase};
use relu_lab::engine::data::Dataset;
use relu_lab::engine::sweep::{self, Counts};
use relu_lab::engine::table::{BadLine, DataError, Points, Reading, Tag};
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
    let data = match take_data_flags(&mut args) {
        Ok(data) => data,
        Err(message) => {
            eprintln!("headless: {message}");
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
        eprintln!("usage: headless [--keras | --sweep] [--advice | --advice-seeds N] [--data FILE [--x NAME|N] [--y NAME|N] [--skip-bad]] '<query string or share link>'   (e.g. 'preset=question&seed=3')");
        eprintln!("  --keras   print the Keras 3 program of the link instead of training it");
        eprintln!(
            "  --sweep   run the link's sweep (sweep=KEY:V1|V2;KEY2:…, seeds=N) on all cores"
        );
        eprintln!("  --advice   end the summary with the changes measured to work for this run ({ADVICE_SEEDS} seeds; takes far longer than the run)");
        eprintln!("  --advice-seeds N   the same, measured on N seeds (0: no advice)");
        eprintln!("  --data FILE   train on two columns of a CSV/TSV file (data=own), as the page does: the first two columns of numbers, or");
        eprintln!(
            "    --x NAME|N, --y NAME|N   the columns of x and y, by header name or number from 1"
        );
        eprintln!("    --skip-bad   leave out the lines that are not numbers in those columns (said on stderr)");
        return ExitCode::from(if args.len() > 1 { 2 } else { 0 });
    }
    if mode.is_some() && advice_seeds > 0 {
        eprintln!("headless: --advice measures fixes for a training run; it does not go with --keras or --sweep");
        return ExitCode::from(2);
    }
    let link = args.first().map(String::as_str).unwrap_or("");
    let config = match data {
        Some(data) => config_with_file(link, &data),
        None => Config::from_query_strict(link).map_err(|notices| refuse_notices(&notices)),
    };
    let config = match config {
        Ok(config) => config,
        Err(code) => return code,
    };
    if let Some(file) = data_file_name(&config) {
        for apart in Dataset::new(&config).parts_apart(&config) {
            let words = Phrase {
                text: relu_lab::i18n::RUNNER_SORTED,
                values: vec![settings::Word::Phrase(report::part_apart_phrase(&apart))],
            };
            eprintln!("headless: {file}: {}", words.render(Language::En));
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

/// What `--data FILE [--x NAME|N] [--y NAME|N] [--skip-bad]` asks for.
struct DataFlags {
    file: String,
    x: Option<String>,
    y: Option<String>,
    skip_bad: bool,
}

/// Removes the data flags from the arguments: what they ask for, none, or why they cannot be
/// taken (a flag without its value, columns or skipping without a file).
fn take_data_flags(args: &mut Vec<String>) -> Result<Option<DataFlags>, String> {
    let mut value_of = |flag: &str, what: &str| -> Result<Option<String>, String> {
        let Some(at) = args.iter().position(|a| a == flag) else {
            return Ok(None);
        };
        if at + 1 >= args.len() {
            return Err(format!("{flag} needs {what}"));
        }
        let value = args.remove(at + 1);
        args.remove(at);
        Ok(Some(value))
    };
    let file = value_of("--data", "a file (CSV or TSV)")?;
    let x = value_of("--x", "a column (its header name, or its number from 1)")?;
    let y = value_of("--y", "a column (its header name, or its number from 1)")?;
    let skip_bad = match args.iter().position(|a| a == "--skip-bad") {
        Some(at) => {
            args.remove(at);
            true
        }
        None => false,
    };
    match file {
        Some(file) => Ok(Some(DataFlags {
            file,
            x,
            y,
            skip_bad,
        })),
        None if x.is_some() || y.is_some() || skip_bad => {
            Err("--x, --y and --skip-bad choose what --data FILE reads: give the file".into())
        }
        None => Ok(None),
    }
}

/// Prints the notices that keep a link from being run exactly as written; status 2.
fn refuse_notices(notices: &[Notice]) -> ExitCode {
    for notice in notices {
        eprintln!("headless: {notice}");
    }
    ExitCode::from(2)
}

/// The file the run's points were read from, for the runner's notes.
fn data_file_name(config: &Config) -> Option<&str> {
    (config.data == settings::DataKind::Own && !config.data_file.is_empty())
        .then_some(config.data_file.as_str())
}

/// The link's configuration on two columns of a CSV or TSV (the page's reader): `data=own` with
/// their points, all of them the training part unless the link says `train`. The link's own
/// points, if it names any, must be the file's. Any refusal or adjustment stops the runner
/// (status 2), in the runner's words.
fn config_with_file(link: &str, data: &DataFlags) -> Result<Config, ExitCode> {
    let file = &data.file;
    let refuse = |message: String| {
        eprintln!("headless: {file}: {message}");
        ExitCode::from(2)
    };
    let (points, names) = read_file(data).map_err(refuse)?;
    let pairs = settings::query_pairs(link);
    let own_keys = [
        Key::Data,
        Key::OwnPoints,
        Key::XColumn,
        Key::YColumn,
        Key::File,
    ]
    .map(Key::name);
    if let Some((_, named)) = pairs
        .iter()
        .rev()
        .find(|(key, _)| key == Key::OwnPoints.name())
    {
        let theirs = match Points::from_link_text(named) {
            Ok(points) => Some(Tag::of(&points)),
            Err(DataError::NotHeld { tag }) => Some(tag),
            Err(_) => None,
        };
        let mine = Tag::of(&points);
        if theirs.is_some_and(|tag| tag != mine) || theirs.is_none() {
            let theirs = theirs.unwrap_or(Tag { rows: 0, hash: 0 });
            let words = Phrase::new(
                relu_lab::i18n::RUNNER_OTHER_POINTS,
                &[&theirs.rows, &theirs.short(), &mine.rows, &mine.short()],
            );
            return Err(refuse(words.render(Language::En)));
        }
    }
    let (preset, rest): (Vec<_>, Vec<_>) = pairs
        .into_iter()
        .filter(|(key, _)| !own_keys.contains(&key.as_str()))
        .partition(|(key, _)| key == Key::Preset.name());
    let mut config = Config::default();
    let mut notices = config.apply(&preset);
    notices.extend(config.use_data(points, &names));
    notices.extend(config.apply(&rest));
    if notices.is_empty() {
        Ok(config)
    } else {
        Err(refuse_notices(&notices))
    }
}

/// Reads the file's points as `--data`, `--x`, `--y` and `--skip-bad` ask, saying on stderr which
/// columns were taken when the file offered a choice, and which lines were left out.
fn read_file(data: &DataFlags) -> Result<(Points, DataNames), String> {
    let file = &data.file;
    let size = std::fs::metadata(file).map_err(|e| e.to_string())?.len();
    table::check_size(size).map_err(|e| runner_words(&e))?;
    let bytes = std::fs::read(file).map_err(|e| e.to_string())?;
    table::check_text(&bytes).map_err(|e| runner_words(&e))?;
    let text = String::from_utf8(bytes).map_err(|_| runner_words(&DataError::NotText))?;
    read_text(data, &text).map_err(|e| runner_words(&e))
}

/// `read_file` once the file is text.
fn read_text(data: &DataFlags, text: &str) -> Result<(Points, DataNames), DataError> {
    let file = &data.file;
    let layout = table::layout(text)?;
    let defaults = layout.default_columns();
    let column = |wanted: &Option<String>, default: fn(&table::Columns) -> usize| match wanted {
        Some(wanted) => layout.find(wanted),
        None => defaults.clone().map(|columns| default(&columns)),
    };
    let columns = table::Columns {
        x: column(&data.x, |c| c.x)?,
        y: column(&data.y, |c| c.y)?,
    };
    let named = |column: usize| settings::column_phrase(column, layout.name(column));
    if data.x.is_none() && data.y.is_none() && layout.offers_choice() {
        let words = Phrase {
            text: relu_lab::i18n::RUNNER_DEFAULT_COLUMNS,
            values: vec![
                settings::Word::Phrase(named(columns.x)),
                settings::Word::Phrase(named(columns.y)),
            ],
        };
        eprintln!("headless: {file}: {}", words.render(Language::En));
    }
    let reading = Reading {
        columns: Some(columns),
        skip_bad: data.skip_bad,
    };
    let table = table::read_table(text, reading)?;
    if !table.skipped.is_empty() {
        let words = settings::skipped(&table.skipped).render(Language::En);
        eprintln!("headless: {file}: {words}");
    }
    let name = |column: usize| layout.name(column).unwrap_or_default().to_string();
    let file_name = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
    let names = DataNames {
        x: name(columns.x),
        y: name(columns.y),
        file: file_name,
    };
    Ok((table.points, names))
}

/// A refusal of data in the runner's words: for bad lines, how many, that nothing was trained and
/// how to leave them out, then the first lines (and how many more).
fn runner_words(error: &DataError) -> String {
    let DataError::BadLines(lines) = error else {
        return error.text(Language::En);
    };
    let mut out =
        Phrase::new(relu_lab::i18n::RUNNER_BAD_LINES, &[&lines.len()]).render(Language::En);
    let shown: &[BadLine] = &lines[..lines.len().min(settings::LISTED_LINES)];
    for line in shown {
        out.push_str("\n  ");
        out.push_str(&line.text(Language::En));
    }
    if lines.len() > shown.len() {
        out.push_str("\n  ");
        out.push_str(
            &relu_lab::i18n::DATA_MORE_LINES.fill(Language::En, &[&(lines.len() - shown.len())]),
        );
    }
    out
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
