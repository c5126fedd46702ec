//! The headless runner: trains a share link's configuration to its `epochs` and prints one JSON object
//! per epoch, then a summary line. For figures on slides and for checking a link from a script.
//!
//!     cargo run --release --example headless -- 'preset=question&seed=3'
//!     cargo run --release --example headless -- --keras 'preset=question'   (the Keras 3 program)
//!
//! Exit status 2 with a message on stderr (nothing on stdout) when the link has an unknown key or a
//! bad value: a figure must come from exactly the settings written.

use relu_lab::engine::{keras, report, Config, Trainer};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let keras_program = args.first().is_some_and(|a| a == "--keras");
    if keras_program {
        args.remove(0);
    }
    if args.iter().any(|a| a == "-h" || a == "--help") || args.len() > 1 {
        eprintln!("usage: headless [--keras] '<query string or share link>'   (e.g. 'preset=question&seed=3')");
        eprintln!("  --keras   print the Keras 3 program of the link instead of training it");
        return ExitCode::from(if args.len() > 1 { 2 } else { 0 });
    }
    let link = args.first().map(String::as_str).unwrap_or("");
    let config = match Config::from_query_strict(link) {
        Ok(config) => config,
        Err(notices) => {
            for notice in &notices {
                eprintln!("headless: {notice}");
            }
            return ExitCode::from(2);
        }
    };
    if keras_program {
        print!(
            "{}",
            keras::keras_program(&config, &format!("?{}", config.to_query()))
        );
        return ExitCode::SUCCESS;
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
    let _ = writeln!(out, "{}", report::summary_json(&trainer));
    let _ = out.flush();
    ExitCode::SUCCESS
}
