//! Words and lines about a run: the diagnosis in plain words, Keras' progress line, and the headless
//! runner's JSON. The page and the runner both print these, so they always say the same thing.

use super::config::{Activation, Metric, OutputActivation};
use super::train::{grouped, Diagnosis, EpochStats, OutputDeath, Trainer};

/// The diagnosis in plain words, with the live numbers behind it.
pub fn explain(trainer: &Trainer) -> String {
    let config = &trainer.config;
    let units = config.hidden_units;
    let largest_x = trainer.data.x_scaled[trainer.data.fit.clone()]
        .iter()
        .fold(0.0f32, |m, x| m.max(x.abs()));
    match trainer.diagnosis() {
        Diagnosis::NotStarted => format!(
            "Not trained yet. Press play: the network will try to learn y = {}x from {} training points \
             ({} batches of up to {} per epoch).",
            config.slope,
            trainer.fit_rows(),
            trainer.batches_per_epoch(),
            config.batch_size
        ),
        Diagnosis::Diverged { epoch, iteration } => format!(
            "Training diverged in epoch {epoch} (update {}): a loss or a weight became infinite or NaN, so \
             training stopped there. Learning rate {} is too large for inputs up to {}; try a smaller one, \
             scaled inputs or Adam.",
            iteration + 1,
            config.learning_rate,
            compact(f64::from(largest_x))
        ),
        Diagnosis::OutputDead { mean_square_target, death, .. } => match death {
            OutputDeath::BornDead { largest_pre_activation } => format!(
                "The output ReLU was born dead: before any update its input was ≤ 0 for every x (at most {}), \
                 so it outputs 0, its gradient is 0 and nothing can train, whatever the learning rate. \
                 Loss sits at mean(y²) = {}. With zero biases and x > 0 the output's input is x·Σ v·relu(w), \
                 one sign for every x: about half of all seeds start like this. Try \"new seed\", or a linear output.",
                compact(largest_pre_activation),
                grouped(mean_square_target)
            ),
            OutputDeath::Killed(update) => {
                let first = match trainer.first_update {
                    Some(first) if first.iteration != update.iteration => format!(
                        "The first update already moved a hidden weight by {}; then ",
                        signed(first.hidden_weight_step)
                    ),
                    _ => String::new(),
                };
                format!(
                    "The output ReLU is dead: it outputs 0 for every x, so its gradient is 0 and training has \
                     stopped. Loss sits at mean(y²) = {}. Why: the gradient is f'(wx+b)·x and x reaches {}. \
                     {first}update {} (epoch {}) moved a hidden weight by {} and an output weight by {}, and \
                     the output's input became ≤ 0 for every x. {} of {units} hidden units are dead. Fixes: \
                     scale x, use a linear output, a smaller learning rate, or Adam.",
                    grouped(mean_square_target),
                    compact(f64::from(largest_x)),
                    update.iteration + 1,
                    update.epoch,
                    signed(update.hidden_weight_step),
                    signed(update.output_weight_step),
                    trainer.dead_hidden()
                )
            }
        },
        Diagnosis::HiddenDead { loss, target_variance } => format!(
            "Every hidden ReLU is dead: each unit's input w·x + b is ≤ 0 for every training x, so the network \
             outputs a constant and the loss can only fall to var(y) = {} (now {}).",
            grouped(target_variance),
            grouped(loss)
        ),
        Diagnosis::Learning { loss, first_loss } => {
            let dead = trainer.dead_hidden();
            let dead_note = if config.hidden_activation == Activation::Relu && dead > 0 {
                format!(" {dead} of {units} hidden units are dead (they can never come back).")
            } else {
                String::new()
            };
            format!("Learning: loss {} → {}, not yet a close fit.{dead_note}", grouped(first_loss), grouped(loss))
        }
        Diagnosis::Converged { loss, target_variance } => format!(
            "Converged: loss {} is below 2% of var(y) = {} (R² above 0.98): the network has learned y = {}x where it saw data.",
            grouped(loss),
            grouped(target_variance),
            config.slope
        ),
    }
}

/// Why accuracy says what it says for this regression (shown next to the metric).
pub fn explain_accuracy(stats: &EpochStats) -> String {
    format!(
        "Accuracy {} (Keras 3) / {} (Keras 2): for one output Keras counts a hit when y == (ŷ > 0.5) \
         (Keras 3) or y == round(ŷ) (Keras 2, the thread's era). Targets like 2, 4, …, 1998 are never 0 or 1, \
         and equal round(ŷ) only when a prediction is within ±0.5: accuracy is the wrong metric for \
         regression. Watch the loss or MAE.",
        keras_number(stats.accuracy),
        keras_number(stats.accuracy_keras2)
    )
}

/// A number as Keras' progress bar prints it: `%.4f` above 1e-3, else `%.4e`.
pub fn keras_number(value: f64) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "nan".into()
        } else if value > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    if value.abs() > 1e-3 {
        format!("{value:.4}")
    } else {
        let text = format!("{value:.4e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) => {
                let exponent: i32 = exponent.parse().unwrap_or(0);
                let sign = if exponent < 0 { '-' } else { '+' };
                format!("{mantissa}e{sign}{:02}", exponent.abs())
            }
            None => text,
        }
    }
}

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
        trainer.config.epochs
    );
    if let Some(s) = stats {
        let (name, value, val_value) = match trainer.config.metric {
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

/// Short human form of a number: 999, 0.0123, −3,412.
fn compact(value: f64) -> String {
    if value.abs() >= 1e6 {
        // 1.8e13 reads better than 17,592,234,279,164.44.
        let text = format!("{value:.1e}");
        text.replace('-', "−")
    } else if value.abs() >= 100.0 {
        let text = grouped(value);
        text.trim_end_matches(".00").to_string()
    } else {
        format!("{:.3}", value)
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    }
}

fn signed(value: f64) -> String {
    let text = compact(value);
    if value > 0.0 {
        format!("+{text}")
    } else if value < 0.0 && !text.starts_with('−') {
        format!("−{}", text.trim_start_matches('-'))
    } else {
        text
    }
}

/// A JSON number, or `null` for NaN and infinities.
pub fn json_number(value: f64) -> String {
    if value.is_finite() {
        format!("{value}")
    } else {
        "null".to_string()
    }
}

fn json_option(value: Option<f64>) -> String {
    value.map_or_else(|| "null".to_string(), json_number)
}

/// A JSON string literal.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One epoch as a JSON object (one line of the headless runner).
pub fn epoch_json(stats: &EpochStats) -> String {
    format!(
        "{{\"epoch\":{},\"loss\":{},\"val_loss\":{},\"mae\":{},\"val_mae\":{},\"accuracy\":{},\"val_accuracy\":{},\
         \"accuracy_keras2\":{},\"val_accuracy_keras2\":{},\"dead_hidden\":{},\"output_dead\":{},\
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
        stats.dead_hidden,
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
    for s in &trainer.history {
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
        eat(s.dead_hidden as u64);
        eat(u64::from(s.output_dead));
    }
    for parameter in &trainer.weights.parameters {
        eat(u64::from(parameter.to_bits()));
    }
    format!("{hash:016x}")
}

/// The run's history as CSV, one row per epoch (empty cells for missing values).
pub fn history_csv(trainer: &Trainer) -> String {
    let mut csv = String::from(
        "epoch,loss,val_loss,mae,val_mae,accuracy,val_accuracy,accuracy_keras2,val_accuracy_keras2,\
         dead_hidden,output_dead,grad_norm_hidden,grad_norm_output,learning_rate,iterations\n",
    );
    let cell = |v: Option<f64>| {
        v.filter(|v| v.is_finite())
            .map_or_else(String::new, |v| v.to_string())
    };
    for s in &trainer.history {
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
            s.dead_hidden.to_string(),
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

/// The runner's last line: `{"summary": {...}}`.
pub fn summary_json(trainer: &Trainer) -> String {
    let diagnosis = trainer.diagnosis();
    let death = match &diagnosis {
        Diagnosis::OutputDead {
            death: OutputDeath::BornDead { .. },
            ..
        } => "\"born_dead\"",
        Diagnosis::OutputDead {
            death: OutputDeath::Killed(_),
            ..
        } => "\"killed\"",
        _ => "null",
    };
    let last = trainer.history.last();
    let output = match trainer.config.output_activation {
        OutputActivation::Relu => "relu",
        OutputActivation::Linear => "linear",
    };
    format!(
        "{{\"summary\":{{\"diagnosis\":{},\"output_death\":{death},\"epochs_run\":{},\"final_loss\":{},\
         \"final_val_loss\":{},\"test_mse\":{},\"dead_hidden\":{},\"hidden\":{},\"output\":\"{output}\",\
         \"fingerprint\":\"{}\",\"explanation\":{}}}}}",
        json_string(diagnosis.label()),
        trainer.epoch(),
        json_option(last.map(|s| s.loss)),
        json_option(last.and_then(|s| s.val_loss)),
        json_option(trainer.test_mse()),
        trainer.dead_hidden(),
        trainer.config.hidden_units,
        fingerprint(trainer),
        json_string(&explain(trainer))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;

    #[test]
    fn keras_formats_small_numbers_in_e_notation() {
        assert_eq!(keras_number(0.0), "0.0000e+00");
        assert_eq!(keras_number(481_200.666_666), "481200.6667");
        assert_eq!(keras_number(0.000_123_4), "1.2340e-04");
    }

    #[test]
    fn question_progress_line_reads_like_the_learners_log() {
        let mut trainer = Trainer::new(&Config::default());
        trainer.run();
        let last = trainer.history.last().unwrap();
        let line = progress_line(&trainer, Some(last), trainer.fit_rows());
        assert!(
            line.starts_with("Epoch 20/20 600/600 [=============================="),
            "{line}"
        );
        assert!(
            line.contains("loss: 481200.6667 - acc: 0.0000e+00 - val_loss:"),
            "{line}"
        );
    }

    #[test]
    fn explanation_of_a_dead_output_quotes_mean_y_squared() {
        let mut trainer = Trainer::new(&Config::default());
        trainer.run();
        let text = explain(&trainer);
        assert!(text.contains("481,200.67"), "{text}");
        assert!(text.contains("output ReLU"), "{text}");
    }

    #[test]
    fn csv_has_a_row_per_epoch() {
        let mut trainer = Trainer::new(&Config::default());
        trainer.run();
        let csv = history_csv(&trainer);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 21);
        assert!(lines[0].starts_with("epoch,loss,val_loss"));
        assert!(
            lines[20].starts_with("20,481200.6666666667,"),
            "{}",
            lines[20]
        );
        assert_eq!(lines[20].split(',').count(), lines[0].split(',').count());
    }

    #[test]
    fn huge_steps_read_in_scientific_notation() {
        assert_eq!(signed(-17_592_234_279_164.44), "−1.8e13");
        assert_eq!(signed(3412.0), "+3,412");
        assert_eq!(compact(0.101), "0.101");
    }

    #[test]
    fn json_has_null_for_non_finite_and_escapes_strings() {
        assert_eq!(json_number(f64::NAN), "null");
        assert_eq!(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }
}
