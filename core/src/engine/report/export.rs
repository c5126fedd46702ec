//! What leaves the page or the runner about a run: Keras' progress line, the runner's JSON, the
//! history CSV, the fingerprint that says two runs are the same.

use super::numbers::{json_number, json_option, json_string, keras_number};
use super::{explain, headline, in_y_units};
use crate::engine::config::Metric;
use crate::engine::judge::{Noise, Target};
use crate::engine::train::{Death, Diagnosis, EpochStats, Trainer};
use crate::i18n::Language;

/// The Keras-style progress line of an epoch (`done` of `total` training rows seen):
/// `Epoch 3/20 600/600 [====…] - loss: 481200.6875 - acc: 0.0000e+00 - val_loss: … - val_acc: …`.
pub fn progress_line(trainer: &Trainer, stats: Option<&EpochStats>, done: usize) -> String {
    let total = trainer.fit_rows();
    let epoch = match stats {
        Some(s) => s.epoch,
        None => trainer.epoch() + 1,
    };
    const WIDTH: usize = 30;
    let filled = (done * WIDTH)
        .checked_div(total)
        .unwrap_or(WIDTH)
        .min(WIDTH);
    let bar = if filled == WIDTH {
        "=".repeat(WIDTH)
    } else {
        format!("{}>{}", "=".repeat(filled), ".".repeat(WIDTH - filled - 1))
    };
    let mut line = format!(
        "Epoch {epoch}/{} {done}/{total} [{bar}]",
        trainer.config().epochs
    );
    if let Some(s) = stats {
        let (name, value, val_value) = match trainer.config().metric {
            Metric::Accuracy => ("acc", s.accuracy, s.val_accuracy),
            Metric::Mae => ("mae", s.mae, s.val_mae),
        };
        line.push_str(&format!(
            " - loss: {} - {name}: {}",
            keras_number(s.loss),
            keras_number(value)
        ));
        if let (Some(val_loss), Some(val_value)) = (s.val_loss, val_value) {
            line.push_str(&format!(
                " - val_loss: {} - val_{name}: {}",
                keras_number(val_loss),
                keras_number(val_value)
            ));
        }
    }
    line
}

/// One epoch as a JSON object (one line of the headless runner).
pub fn epoch_json(stats: &EpochStats) -> String {
    format!(
        "{{\"epoch\":{},\"loss\":{},\"val_loss\":{},\"mae\":{},\"val_mae\":{},\"accuracy\":{},\"val_accuracy\":{},\
         \"accuracy_keras2\":{},\"val_accuracy_keras2\":{},\"dead_hidden\":{},\"dead_by_layer\":{},\"output_dead\":{},\
         \"grad_norm_hidden\":{},\"grad_norm_output\":{},\"lr\":{}}}",
        stats.epoch,
        json_number(stats.loss),
        json_option(stats.val_loss),
        json_number(stats.mae),
        json_option(stats.val_mae),
        json_number(stats.accuracy),
        json_option(stats.val_accuracy),
        json_number(stats.accuracy_keras2),
        json_option(stats.val_accuracy_keras2),
        stats.dead_hidden(),
        json_counts(stats.dead_by_layer.as_slice()),
        stats.output_dead,
        json_number(stats.grad_norm_hidden),
        json_number(stats.grad_norm_output),
        // The rate is float32 in the optimiser: print it as such (0.01, not 0.009999999776482582).
        (stats.learning_rate as f32)
    )
}

/// A fingerprint of the run so far: FNV-1a over the exact bits of every epoch's numbers and of the
/// current weights. Equal fingerprints on x86_64 and wasm32 mean bit-identical runs.
pub fn fingerprint(trainer: &Trainer) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bits: u64| {
        for byte in bits.to_le_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for s in trainer.history() {
        for value in [
            s.loss,
            s.mae,
            s.accuracy,
            s.accuracy_keras2,
            s.grad_norm_hidden,
            s.grad_norm_output,
        ] {
            eat(value.to_bits());
        }
        for value in [s.val_loss, s.val_mae, s.val_accuracy, s.val_accuracy_keras2] {
            eat(value.unwrap_or(f64::NAN).to_bits());
        }
        eat(s.dead_hidden() as u64);
        eat(u64::from(s.output_dead));
    }
    for parameter in trainer.parameters() {
        eat(u64::from(parameter.to_bits()));
    }
    format!("{hash:016x}")
}

/// What the run learned, as the history CSV's first comment line names it: the own points (rows
/// and their tag's hash), the formula (`f=abs(x)`), or the built-in line (`y = 2*x + 0`, its slope
/// and intercept). Link spellings, not sentences: the same in every language.
pub fn data_source(config: &crate::engine::Config) -> String {
    use crate::engine::config::DataKind;
    if config.data == DataKind::Own {
        let tag = crate::engine::table::Tag::of(&config.own);
        let mut source = format!("own, {} rows, hash {:016x}", tag.rows, tag.hash);
        // Where they came from, in the link's spelling.
        for (key, value) in [
            ("xcol", &config.x_column),
            ("ycol", &config.y_column),
            ("file", &config.data_file),
        ] {
            if !value.is_empty() {
                source.push_str(&format!(", {key}={value}"));
            }
        }
        source
    } else if config.target.is_default() {
        format!("built-in, y = {}*x + {}", config.slope, config.intercept)
    } else {
        format!("f={}", config.target)
    }
}

/// The run's history as CSV, one row per epoch (empty cells for missing values), after two `#`
/// lines: the data (`data_source`) and the run's link (its own points by their tag when the link
/// could not carry them).
pub fn history_csv(trainer: &Trainer) -> String {
    let config = trainer.config();
    let mut csv = format!(
        "# data: {}\n# link: ?{}\n",
        data_source(config),
        config.share_query(0).0
    );
    csv.push_str(
        "epoch,loss,val_loss,mae,val_mae,accuracy,val_accuracy,accuracy_keras2,val_accuracy_keras2,\
         dead_hidden,output_dead,grad_norm_hidden,grad_norm_output,learning_rate,iterations\n",
    );
    let cell = |v: Option<f64>| {
        v.filter(|v| v.is_finite())
            .map_or_else(String::new, |v| v.to_string())
    };
    for s in trainer.history() {
        let row = [
            s.epoch.to_string(),
            cell(Some(s.loss)),
            cell(s.val_loss),
            cell(Some(s.mae)),
            cell(s.val_mae),
            cell(Some(s.accuracy)),
            cell(s.val_accuracy),
            cell(Some(s.accuracy_keras2)),
            cell(s.val_accuracy_keras2),
            s.dead_hidden().to_string(),
            u8::from(s.output_dead).to_string(),
            cell(Some(s.grad_norm_hidden)),
            cell(Some(s.grad_norm_output)),
            (s.learning_rate as f32).to_string(),
            s.iterations.to_string(),
        ];
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    csv
}

/// A JSON array of whole numbers.
fn json_counts(counts: &[u32]) -> String {
    let texts: Vec<String> = counts.iter().map(ToString::to_string).collect();
    format!("[{}]", texts.join(","))
}

/// The runner's last line: `{"summary": {...}}`.
pub fn summary_json(trainer: &Trainer) -> String {
    let diagnosis = trainer.diagnosis();
    let death = match &diagnosis {
        Diagnosis::OutputDead {
            death: Death::BornDead { .. },
            ..
        } => "\"born_dead\"",
        Diagnosis::OutputDead {
            death: Death::Killed(_),
            ..
        } => "\"killed\"",
        _ => "null",
    };
    let last = trainer.history().last();
    let widths: Vec<u32> = trainer
        .config()
        .widths()
        .iter()
        .map(|&w| w as u32)
        .collect();
    let floors = trainer.data().floors;
    let judged = format!(
        "\"target\":{},\"r_squared\":{},\"floors\":{{\"variance\":{},\"line\":{},\"noise\":{},\
         \"fit_limit\":{}}},\"in_y_units\":{}",
        json_string(&Target::of(trainer.config()).words(Language::En)),
        json_option(last.and_then(|s| floors.r_squared(s.loss))),
        json_number(floors.variance),
        json_number(floors.line),
        json_option(floors.noise.map(Noise::variance)),
        json_number(floors.fit_limit().0),
        in_y_units(trainer).map_or_else(
            || "null".to_string(),
            |(rmse, mae)| format!(
                "{{\"rmse\":{},\"mae\":{}}}",
                json_number(rmse),
                json_number(mae)
            )
        ),
    );
    format!(
        "{{\"summary\":{{\"diagnosis\":{},\"outcome\":\"{}\",\"output_death\":{death},\"born_dead\":{},\
         \"epochs_run\":{},\"final_loss\":{},\"final_val_loss\":{},\"test_mse\":{},\"dead_hidden\":{},\
         \"dead_by_layer\":{},\"hidden\":{},\"layers\":{},\"output\":\"{}\",\"fingerprint\":\"{}\",\
         {judged},\"headline\":{},\"explanation\":{}}}}}",
        json_string(diagnosis.label()),
        trainer.outcome().name(),
        trainer.born_collapsed().is_some(),
        trainer.epoch(),
        json_option(last.map(|s| s.loss)),
        json_option(last.and_then(|s| s.val_loss)),
        json_option(trainer.test_mse()),
        trainer.dead_hidden(),
        json_counts(trainer.dead_by_layer().as_slice()),
        trainer.shape().hidden_units(),
        json_counts(&widths),
        trainer.config().output_activation,
        fingerprint(trainer),
        json_string(&headline(trainer, None, Language::En)),
        json_string(&explain(trainer))
    )
}
