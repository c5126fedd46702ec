//! Words and lines about a run: the diagnosis in plain words, Keras' progress line, and the headless
//! runner's JSON. The page and the runner both print these, so they always say the same thing.

use super::config::Activation;
use super::data::largest_magnitude;
use super::decimal::parse_f64;
use super::judge::{Floors, Noise, Standard, Target};
use super::train::{Death, Diagnosis, EpochStats, Trainer, UpdateSize};
use crate::i18n::{self, Language};

mod export;
mod headline;
mod numbers;
pub use export::{data_source, epoch_json, fingerprint, history_csv, progress_line, summary_json};
pub use headline::{headline, over_fitting_line, LARGE_VALUE};
pub use numbers::{
    column, compact, count, figure, grouped, json_number, json_string, keras_number, signed,
    three_digits, without_trailing_zeros,
};

/// The diagnosis in plain words (English), with the live numbers behind it: what the runner prints.
pub fn explain(trainer: &Trainer) -> String {
    explain_in(trainer, Language::En)
}

/// The diagnosis in plain words in `language`, with the live numbers behind it: the cause the
/// numbers show, never a fix (the fixes that work are measured, not written here).
pub fn explain_in(trainer: &Trainer, language: Language) -> String {
    let diagnosis = trainer.diagnosis_now();
    let gap = batch_norm_gap(trainer, &diagnosis);
    let mut text = explain_diagnosis(trainer, diagnosis, language);
    if let Some((loss, validation)) = gap {
        text.push(' ');
        text.push_str(&i18n::BN_GAP.fill(language, &[&grouped(loss), &grouped(validation)]));
    }
    text
}

/// With batch normalization, the last epoch's training and validation loss when one is more than
/// twice the other: training normalises with each batch's statistics, validation with the moving
/// averages (slow to follow: momentum 0.99), and the class should not read that gap as overfitting.
/// Only while the network still computes something of x: a network collapsed to a constant gives
/// both parts the same output, and its gap is the parts' own targets, not the statistics.
fn batch_norm_gap(trainer: &Trainer, diagnosis: &Diagnosis) -> Option<(f64, f64)> {
    let alive = matches!(
        diagnosis,
        Diagnosis::Learning { .. } | Diagnosis::Converged { .. }
    );
    if !trainer.config().batch_norm || trainer.diverged().is_some() || !alive {
        return None;
    }
    let last = trainer.history().last()?;
    let validation = last.val_loss?;
    let (low, high) = (last.loss.min(validation), last.loss.max(validation));
    (low.is_finite() && high.is_finite() && high > 2.0 * low).then_some((last.loss, validation))
}

fn explain_diagnosis(trainer: &Trainer, diagnosis: Diagnosis, language: Language) -> String {
    match diagnosis {
        Diagnosis::NotStarted => not_started(trainer, language),
        Diagnosis::Diverged { epoch, iteration } => diverged(trainer, language, epoch, iteration),
        Diagnosis::OutputDead {
            mean_square_target,
            death,
            ..
        } => match death {
            Death::BornDead {
                largest_pre_activation,
            } => i18n::EXPLAIN_OUTPUT_BORN_DEAD.fill(
                language,
                &[
                    &compact(largest_pre_activation),
                    &grouped(mean_square_target),
                ],
            ),
            Death::Killed(update) => output_killed(trainer, language, mean_square_target, &update),
        },
        Diagnosis::SoftmaxOutput {
            loss,
            mean_square_error_of_one,
        } => i18n::EXPLAIN_SOFTMAX.fill(
            language,
            &[
                &figure(mean_square_error_of_one),
                &now_loss(figure(mean_square_error_of_one), figure(loss), language),
            ],
        ),
        Diagnosis::SigmoidSaturated {
            loss,
            nearest_pre_activation,
            death,
        } => sigmoid_saturated(trainer, language, loss, nearest_pre_activation, &death),
        Diagnosis::HiddenDead {
            loss,
            target_variance,
            layer,
            death,
        } => hidden_dead(
            trainer,
            language,
            loss,
            target_variance,
            layer,
            death.as_ref(),
        ),
        Diagnosis::Learning { loss, first_loss } => learning(trainer, language, loss, first_loss),
        Diagnosis::Converged {
            loss,
            standard,
            floors,
        } => converged(trainer, language, loss, standard, &floors),
    }
}

fn converged(
    trainer: &Trainer,
    language: Language,
    loss: f64,
    standard: Standard,
    floors: &Floors,
) -> String {
    // The headline says what was learned and gives R²; these are the numbers behind it.
    let mut text = match standard {
        Standard::Close => {
            i18n::EXPLAIN_CONVERGED.fill(language, &[&figure(loss), &figure(floors.variance)])
        }
        Standard::Constant => i18n::EXPLAIN_CONVERGED_CONSTANT
            .fill(language, &[&figure(loss), &figure(floors.fit_limit().0)]),
        Standard::NoiseFloor => {
            // The added noise itself (σ²); an estimate is named as the floor it sets.
            // Under half the noise the run is not "at" it: it learns the noise.
            let added = matches!(floors.noise, Some(Noise::Added(_)));
            let floor = match floors.noise {
                Some(Noise::Added(variance)) => variance,
                _ => floors.own_floor().unwrap_or(floors.line),
            };
            let words = match (added, loss < 0.5 * floor) {
                (true, false) => i18n::EXPLAIN_AT_ADDED_NOISE,
                (true, true) => i18n::EXPLAIN_BELOW_ADDED_NOISE,
                (false, false) => i18n::EXPLAIN_AT_NOISE_FLOOR,
                (false, true) => i18n::EXPLAIN_BELOW_NOISE_FLOOR,
            };
            words.fill(
                language,
                &[&figure(loss), &figure(floor), &figure(floors.line)],
            )
        }
    };
    text.push_str(&in_y_units_words(trainer, language));
    text
}

/// R² as the banner writes it: three decimals.
pub fn r_squared_text(r_squared: f64) -> String {
    format!("{r_squared:.3}")
}

/// The last epoch's training loss and MAE in y's own units, when y is scaled: the root mean
/// square error and the mean absolute error (`None` when y is not scaled or no epoch has run).
pub fn in_y_units(trainer: &Trainer) -> Option<(f64, f64)> {
    let scale = trainer.data().y_scaler.scale;
    if trainer.config().y_scale == crate::engine::config::YScale::None {
        return None;
    }
    let last = trainer.history().last()?;
    Some((last.loss.sqrt() * scale, last.mae * scale))
}

/// `in_y_units` in words, or nothing.
fn in_y_units_words(trainer: &Trainer, language: Language) -> String {
    in_y_units(trainer).map_or_else(String::new, |(rmse, mae)| {
        i18n::EXPLAIN_IN_Y_UNITS.fill(language, &[&figure(rmse), &figure(mae)])
    })
}

/// The largest magnitude of the training rows' inputs and targets, as the network sees them
/// (scaled), in short form.
fn largest_seen(trainer: &Trainer) -> (String, String) {
    let data = trainer.data();
    let largest = |values: &[f32]| {
        compact(largest_magnitude(
            values[data.fit.clone()].iter().map(|&v| f64::from(v)),
        ))
    };
    (largest(&data.x_scaled), largest(&data.y_scaled))
}

fn not_started(trainer: &Trainer, language: Language) -> String {
    // The headline says what the network will try to learn; this, what it trains on.
    i18n::EXPLAIN_NOT_STARTED.fill(
        language,
        &[&count(trainer.fit_rows()), &trainer.config().batch_size],
    )
}

fn diverged(trainer: &Trainer, language: Language, epoch: usize, iteration: u64) -> String {
    let (largest_x, largest_y) = largest_seen(trainer);
    i18n::EXPLAIN_DIVERGED.fill(
        language,
        &[
            &epoch,
            &(iteration + 1),
            &trainer.config().learning_rate,
            &largest_x,
            &largest_y,
        ],
    )
}

fn output_killed(
    trainer: &Trainer,
    language: Language,
    mean_square_target: f64,
    update: &UpdateSize,
) -> String {
    let first = match trainer.first_update() {
        Some(first) if first.iteration != update.iteration => {
            let (weight, step) = first.largest_step();
            i18n::EXPLAIN_FIRST_UPDATE
                .fill(language, &[&weight.words().get(language), &signed(step)])
        }
        _ => String::new(),
    };
    let (largest_x, _) = largest_seen(trainer);
    i18n::EXPLAIN_OUTPUT_KILLED.fill(
        language,
        &[
            &grouped(mean_square_target),
            &largest_x,
            &first,
            &(update.iteration + 1),
            &update.epoch,
            &signed(update.hidden_weight_step),
            &signed(update.output_weight_step),
            &trainer.dead_hidden(),
            &trainer.shape().hidden_units(),
        ],
    )
}

fn sigmoid_saturated(
    trainer: &Trainer,
    language: Language,
    loss: f64,
    nearest_pre_activation: f64,
    death: &Death,
) -> String {
    let when = match death {
        Death::BornDead { .. } => i18n::EXPLAIN_SIGMOID_BORN.get(language).to_string(),
        Death::Killed(update) => {
            i18n::EXPLAIN_SIGMOID_PUSHED.fill(language, &[&(update.iteration + 1), &update.epoch])
        }
    };
    let (_, largest_y) = largest_seen(trainer);
    i18n::EXPLAIN_SIGMOID.fill(
        language,
        &[
            &compact(nearest_pre_activation),
            &when,
            &grouped(loss),
            &largest_y,
        ],
    )
}

fn hidden_dead(
    trainer: &Trainer,
    language: Language,
    loss: f64,
    target_variance: f64,
    layer: usize,
    death: Option<&Death>,
) -> String {
    let how = match death {
        Some(Death::BornDead { .. }) => i18n::EXPLAIN_HIDDEN_BORN.get(language).to_string(),
        Some(Death::Killed(update)) => {
            i18n::EXPLAIN_HIDDEN_KILLED.fill(language, &[&(update.iteration + 1), &update.epoch])
        }
        None => String::new(),
    };
    let now = now_loss(figure(target_variance), figure(loss), language);
    let shape = trainer.shape();
    if shape.depth() == 1 {
        i18n::EXPLAIN_HIDDEN_ALL_DEAD.fill(language, &[&figure(target_variance), &now, &how])
    } else {
        i18n::EXPLAIN_LAYER_DEAD.fill(
            language,
            &[
                &(layer + 1),
                &shape.depth(),
                &shape.width(layer),
                &figure(target_variance),
                &now,
                &how,
            ],
        )
    }
}

/// " (now 8,533,120,007.85)" after a floor written `floor`, or nothing when the loss reads the
/// same: a number is said once.
fn now_loss(floor: String, loss: String, language: Language) -> String {
    if floor == loss {
        String::new()
    } else {
        i18n::NOW_LOSS.fill(language, &[&loss])
    }
}

fn learning(trainer: &Trainer, language: Language, loss: f64, first_loss: f64) -> String {
    let dead = trainer.dead_hidden();
    let units = trainer.shape().hidden_units();
    let dead_note = if trainer.config().hidden_activation == Activation::Relu && dead > 0 {
        let text = if trainer.shape().depth() == 1 {
            i18n::EXPLAIN_SOME_DEAD
        } else {
            i18n::EXPLAIN_SOME_DEAD_DEEP
        };
        text.fill(language, &[&dead, &units])
    } else {
        String::new()
    };
    let (limit, _) = trainer.data().floors.fit_limit();
    let (first, now, limit) = (figure(first_loss), figure(loss), figure(limit));
    let mut text = if first == now {
        i18n::EXPLAIN_LEARNING_AT.fill(language, &[&now, &limit, &dead_note])
    } else {
        i18n::EXPLAIN_LEARNING.fill(language, &[&first, &now, &limit, &dead_note])
    };
    text.push_str(&in_y_units_words(trainer, language));
    text
}

/// Why accuracy says what it says for this regression (shown next to the metric).
pub fn explain_accuracy(stats: &EpochStats, language: Language) -> String {
    i18n::EXPLAIN_ACCURACY.fill(
        language,
        &[
            &keras_number(stats.accuracy),
            &keras_number(stats.accuracy_keras2),
        ],
    )
}

/// The loss chart in words, for a screen reader: the last loss, whether it is flat and since when,
/// the validation loss ("loss 481,200.67 at epoch 20, flat since epoch 2; validation 1,832,700.67").
pub fn describe_loss(trainer: &Trainer, language: Language) -> String {
    let history = trainer.history();
    let Some(last) = history.last() else {
        return i18n::NO_EPOCH_YET.get(language).into();
    };
    // Flat: every epoch from there on within a thousandth of the last loss.
    let flat_since = history
        .iter()
        .rev()
        .take_while(|s| (s.loss - last.loss).abs() <= 1e-3 * last.loss.abs().max(1e-12))
        .last()
        .map_or(last.epoch, |s| s.epoch);
    let mut text = if flat_since < last.epoch {
        i18n::DESCRIBE_LOSS.fill(language, &[&grouped(last.loss), &last.epoch, &flat_since])
    } else {
        i18n::DESCRIBE_LOSS_MOVING.fill(
            language,
            &[&grouped(last.loss), &last.epoch, &grouped(history[0].loss)],
        )
    };
    if let Some(validation) = last.val_loss {
        text.push_str(&i18n::DESCRIBE_VALIDATION.fill(language, &[&grouped(validation)]));
    }
    text
}

/// Root-mean-square distance between the prediction and the target over the training inputs (at
/// most 2,000 of them, evenly spread), in original units: the target's value without noise, or
/// for own points the points themselves.
pub fn fit_rmse(trainer: &Trainer) -> f64 {
    let target = Target::of(trainer.config());
    let data = trainer.data();
    let rows = data.fit.clone();
    let stride = rows.len().div_ceil(2000).max(1);
    let rows = rows.step_by(stride);
    let count = rows.len().max(1) as f64;
    let sum: f64 = rows
        .map(|row| {
            let x = data.x[row];
            let wanted = target.at(x).unwrap_or(data.y[row]);
            (trainer.predict(x) - wanted).powi(2)
        })
        .sum();
    (sum / count).sqrt()
}

/// The fit chart as a table: x, the target there and the network's prediction. For a line or a
/// formula, 11 evenly spaced x across the data; for own points, up to 11 of the training points
/// themselves (the target is the point's y), evenly spread over their x order.
pub fn fit_table(trainer: &Trainer) -> Vec<[f64; 3]> {
    let data = trainer.data();
    let target = Target::of(trainer.config());
    match target {
        Target::Points { .. } => {
            let fit = data.fit.clone();
            let rows: Vec<usize> = super::data::order_by(&data.x[fit.clone()])
                .into_iter()
                .map(|i| fit.start + i)
                .collect();
            let picked: Vec<usize> = if rows.len() <= 11 {
                rows
            } else {
                (0..=10).map(|i| rows[i * (rows.len() - 1) / 10]).collect()
            };
            picked
                .into_iter()
                .map(|row| [data.x[row], data.y[row], trainer.predict(data.x[row])])
                .collect()
        }
        _ => {
            let (low, high) = super::data::min_max(&data.x);
            (0..=10)
                .map(|i| low + (high - low) * f64::from(i) / 10.0)
                .map(|x| [x, target.at(x).unwrap_or(f64::NAN), trainer.predict(x)])
                .collect()
        }
    }
}

/// The fit chart in words.
pub fn describe_fit(trainer: &Trainer, language: Language) -> String {
    i18n::DESCRIBE_FIT.fill(
        language,
        &[
            &compact(fit_rmse(trainer)),
            &Target::of(trainer.config()).words(language),
        ],
    )
}

/// The units chart in words.
pub fn describe_units(trainer: &Trainer, language: Language) -> String {
    i18n::DESCRIBE_UNITS.fill(
        language,
        &[&trainer.dead_hidden(), &trainer.shape().hidden_units()],
    )
}

/// The line the learner posted with the question, as they posted it.
pub const LEARNERS_LOG: &str =
    "79999/79999 [==============================] - 1s 13us/step - loss: \
8533120007.8465 - acc: 0.0000e+00 - val_loss: 32532613324.8000 - val_acc: 0.0000e+00";

/// The number after `name: ` in a Keras progress line.
fn logged(line: &str, name: &str) -> Option<f64> {
    let start = line.find(&format!(" {name}: "))? + name.len() + 3;
    parse_f64(line[start..].split_whitespace().next()?)
}

/// How closely this run's last epoch agrees with the learner's posted log line: its loss and
/// validation loss, each with its relative difference (`None` before an epoch or without validation).
pub fn compare_with_learners_log(trainer: &Trainer, language: Language) -> Option<String> {
    let last = trainer.history().last()?;
    let (loss, val_loss) = (last.loss, last.val_loss?);
    let (their_loss, their_val) = (
        logged(LEARNERS_LOG, "loss")?,
        logged(LEARNERS_LOG, "val_loss")?,
    );
    let relative = |mine: f64, theirs: f64| format!("{:.1e}", ((mine - theirs) / theirs).abs());
    Some(i18n::LEARNERS_LOG_COMPARED.fill(
        language,
        &[
            &keras_number(loss),
            &keras_number(val_loss),
            &trainer.fit_rows(),
            &trainer.fit_rows(),
            &keras_number(their_loss),
            &keras_number(their_val),
            &relative(loss, their_loss),
            &relative(val_loss, their_val),
        ],
    ))
}

/// A held-out part of own data far from the training rows, in words (`DATA_SORTED`).
pub fn part_apart_phrase(apart: &crate::engine::data::PartApart) -> crate::engine::config::Phrase {
    use crate::engine::config::{Phrase, Word};
    use crate::engine::data::Part;
    let part = match apart.part {
        Part::Validation => i18n::PART_VALIDATION,
        Part::Test => i18n::PART_TEST,
    };
    let numbers = [
        apart.range.0,
        apart.range.1,
        apart.mean,
        apart.training.0,
        apart.training.1,
        apart.training_mean,
    ];
    Phrase {
        text: i18n::DATA_SORTED,
        values: std::iter::once(Word::Phrase(Phrase::new(part, &[])))
            .chain(numbers.iter().map(|&v| Word::Plain(compact(v))))
            .collect(),
    }
}

/// The banner's headline and the detail under it, read as a person reads them: the detail
/// does not open with the headline's label again ("Learning: … Learning:"), and R² is given
/// once.
#[cfg(test)]
pub(crate) fn assert_said_once(trainer: &Trainer) {
    for language in [Language::En, Language::Zh] {
        let line = headline(trainer, None, language);
        let detail = explain_in(trainer, language);
        let label = line
            .split([':', '：'])
            .next()
            .filter(|label| label.len() < line.len())
            .expect("the headline has a label");
        assert!(
            !detail.to_lowercase().contains(&label.to_lowercase()),
            "{line} / {detail}"
        );
        // The claims a headline makes, each said at most once across headline and detail: the fit's
        // R², the cause ("Why"), that training stopped, that the output is dead.
        let claims: &[&str] = match language {
            Language::En => &["R²", "Why", "stopped", "is dead", "born dead"],
            Language::Zh => &["R²", "原因", "停止", "已经死了", "生来即死"],
        };
        for claim in claims {
            let said = line.matches(claim).count() + detail.matches(claim).count();
            assert!(said <= 1, "{claim} said {said} times: {line} / {detail}");
        }
        // And each long number ("8,533,120,001.00", "481,200.67"): "= X in every epoch (now X)"
        // says nothing the first X did not.
        let both = format!("{line} {detail}");
        let numbers: Vec<&str> = both
            .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .map(|token| token.trim_matches([',', '.']))
            .filter(|token| token.len() >= 6 && token.contains(|c: char| c.is_ascii_digit()))
            .collect();
        for number in &numbers {
            let said = numbers.iter().filter(|n| *n == number).count();
            assert!(said <= 1, "{number} said {said} times: {line} / {detail}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;

    #[test]
    fn grouped_numbers_read_like_the_banner() {
        assert_eq!(grouped(481_200.666), "481,200.67");
        assert_eq!(grouped(-3412.0), "−3,412.00");
        assert_eq!(grouped(0.5), "0.50");
        assert_eq!(count(100_001), "100,001");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(0), "0");
    }

    #[test]
    fn compact_numbers_have_one_minus_sign_and_never_a_negative_zero() {
        // What the units table and the sentences print, over every branch of `compact`.
        let cases = [
            (-0.0, "0"),
            (-0.0004, "0"),
            (0.0004, "0"),
            (-0.0005001, "−0.001"),
            (-0.25, "−0.25"),
            (-99.5, "−99.5"),
            (-1234.5, "−1,234.50"),
            (-2.5e7, "−2.5e7"),
            (-3.0e-7, "0"),
            (12.0, "12"),
        ];
        for (value, text) in cases {
            assert_eq!(compact(value), text, "{value}");
            assert!(!compact(value).contains('-'), "{value}: ASCII minus");
        }
        for value in [-1e9, -12_345.6, -150.0, -7.0, -0.5, -0.01, -0.0001, -1e-12] {
            let text = compact(value);
            assert!(
                !text.contains('-') && !text.starts_with("−0") || text.starts_with("−0."),
                "{value}: {text}"
            );
            assert_ne!(text, "−0", "{value}");
        }
        assert_eq!(signed(-0.0002), "0");
        assert_eq!(signed(0.0002), "0");
        assert_eq!(signed(-0.25), "−0.25");
        assert_eq!(signed(0.25), "+0.25");
    }

    #[test]
    fn compact_says_an_overflowed_number_as_infinity_not_inf() {
        assert_eq!(compact(f64::NEG_INFINITY), "−∞");
        assert_eq!(compact(f64::INFINITY), "∞");
        assert_eq!(compact(-2.5e7), "−2.5e7");
    }

    #[test]
    fn keras_formats_small_numbers_in_e_notation() {
        assert_eq!(keras_number(0.0), "0.0000e+00");
        assert_eq!(keras_number(481_200.666_666), "481200.6667");
        assert_eq!(keras_number(0.000_123_4), "1.2340e-04");
    }

    /// "loss 403,847.39 → 403,847.39" said a rewound run: a change is named only when there is one.
    #[test]
    fn a_learning_run_names_its_loss_once_until_it_has_moved() {
        let config = Config::from_query_strict("preset=standardized").unwrap();
        let mut trainer = Trainer::new(&config);
        let mut seen = (false, false);
        for _ in 0..config.epochs {
            trainer.run_epoch();
            let Diagnosis::Learning { .. } = trainer.diagnosis() else {
                continue;
            };
            for language in [Language::En, Language::Zh] {
                let words = explain_in(&trainer, language);
                let loss = words.split_once("loss ").unwrap().1;
                match loss.split_once(" → ") {
                    Some((first, rest)) => {
                        let (now, _) = rest
                            .split_once(';')
                            .or_else(|| rest.split_once('；'))
                            .unwrap();
                        assert_ne!(first, now, "{words}");
                        seen.1 = true;
                    }
                    None => seen.0 = true,
                }
            }
        }
        assert!(
            seen.0 && seen.1,
            "one epoch said once, later epochs from → to: {seen:?}"
        );
    }

    #[test]
    fn question_progress_line_reads_like_the_learners_log() {
        let mut trainer = Trainer::new(&Config::default());
        trainer.run();
        let last = trainer.history().last().unwrap();
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
    fn bn_explanation_names_the_gap_between_batch_and_moving_statistics() {
        let run = |query: &str| {
            let mut trainer = Trainer::new(&Config::from_query_strict(query).unwrap());
            trainer.run();
            trainer
        };
        let normalized = run("preset=standardized&bn=1");
        let last = normalized.history().last().unwrap().clone();
        // The gap is real: validation (moving statistics) far above training (batch statistics).
        assert!(last.val_loss.unwrap() > 2.0 * last.loss, "{last:?}");
        let english = explain_in(&normalized, Language::En);
        assert!(english.contains("moving averages"), "{english}");
        assert!(english.contains(&grouped(last.loss)), "{english}");
        let chinese = explain_in(&normalized, Language::Zh);
        assert!(chinese.contains("滑动平均"), "{chinese}");
        // Without batch normalization, or when the two losses are close, no such sentence.
        assert!(!explain(&run("preset=standardized")).contains("moving averages"));
        // Nor on a dead network: both parts get 0, the gap is their targets' (mean y² of each).
        let dead = run("preset=question&bn=1");
        assert!(dead.outcome() != crate::engine::Outcome::Converged);
        let last = dead.history().last().unwrap();
        assert!(last.val_loss.unwrap() > 2.0 * last.loss, "{last:?}");
        let words = explain(&dead);
        assert!(words.contains("481,200.67"), "{words}");
        assert!(!words.contains("moving averages"), "{words}");
        let long = run("preset=standardized&bn=1&epochs=300&lr=0.001");
        let last = long.history().last().unwrap();
        let close =
            last.val_loss.unwrap() <= 2.0 * last.loss && last.loss <= 2.0 * last.val_loss.unwrap();
        assert_eq!(
            explain(&long).contains("moving averages"),
            !close,
            "{last:?}"
        );
    }

    #[test]
    fn explanation_of_a_dead_output_quotes_mean_y_squared() {
        let mut trainer = Trainer::new(&Config::default());
        trainer.run();
        let text = explain(&trainer);
        assert!(text.contains("481,200.67"), "{text}");
        assert!(
            text.contains("the output's input became ≤ 0 for every x"),
            "{text}"
        );
    }

    #[test]
    fn csv_has_a_row_per_epoch() {
        let mut trainer = Trainer::new(&Config::default());
        trainer.run();
        let csv = history_csv(&trainer);
        let lines: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
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
    fn the_history_csv_names_its_data_in_its_first_line() {
        let first_lines = |link: &str| {
            let (config, notices) = Config::from_query(link);
            assert!(notices.is_empty(), "{notices:?}");
            let mut trainer = Trainer::new(&config);
            trainer.run_epoch();
            let csv = history_csv(&trainer);
            let lines: Vec<String> = csv.lines().take(3).map(String::from).collect();
            assert!(lines[2].starts_with("epoch,"), "{csv}");
            lines
        };
        assert_eq!(first_lines("epochs=1")[0], "# data: built-in, y = 2*x + 0");
        assert_eq!(
            first_lines("epochs=1&slope=-3&intercept=0.5")[0],
            "# data: built-in, y = -3*x + 0.5"
        );
        assert_eq!(first_lines("epochs=1&f=abs(x)")[0], "# data: f=abs(x)");
        // Own points: their rows and the FNV-1a hash of their bits, here computed byte by byte.
        let x = [0.0, 1.0, 2.0];
        let y = [0.5, -1.0, 4.0];
        let points = crate::engine::table::Points::new(x.to_vec(), y.to_vec()).unwrap();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for value in x.iter().chain(&y) {
            for byte in value.to_bits().to_le_bytes() {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
            }
        }
        let mut config = Config::default();
        let _ = config.use_points(points);
        let link = config.to_query();
        let lines = first_lines(&link);
        assert_eq!(lines[0], format!("# data: own, 3 rows, hash {hash:016x}"));
        // The second line is the run's link: it opens the same run.
        let back = Config::from_query(lines[1].trim_start_matches("# link: ")).0;
        assert_eq!(back, config);
        // Points read from a file's columns name them, and the file.
        let names = crate::engine::config::DataNames {
            x: "flipper_length_mm".into(),
            y: "body_mass_g".into(),
            file: "penguins.csv".into(),
        };
        let _ = config.use_data(config.own.clone(), &names);
        let lines = first_lines(&config.to_query());
        assert_eq!(
            lines[0],
            format!("# data: own, 3 rows, hash {hash:016x}, xcol=flipper_length_mm, ycol=body_mass_g, file=penguins.csv")
        );
    }

    #[test]
    fn huge_steps_read_in_scientific_notation() {
        assert_eq!(signed(-17_592_234_279_164.44), "−1.8e13");
        assert_eq!(signed(3412.0), "+3,412");
        assert_eq!(compact(0.101), "0.101");
    }

    #[test]
    fn every_diagnosis_reads_in_chinese_with_the_same_numbers() {
        for link in [
            "",
            "seed=2",
            "preset=standardized",
            "preset=adam",
            "preset=standardized&opt=momentum&lr=10&act=linear&epochs=200",
        ] {
            let mut trainer = Trainer::new(&Config::from_query_strict(link).unwrap());
            let fresh = explain_in(&trainer, Language::Zh);
            trainer.run();
            let (en, zh) = (explain(&trainer), explain_in(&trainer, Language::Zh));
            assert!(
                !fresh.is_empty() && zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{link}: {zh}"
            );
            // Every number the English text gives, the Chinese one gives too.
            let numbers = |text: &str| -> Vec<String> {
                text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == 'e'))
                    .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
                    .map(|w| w.trim_matches(|c| c == '.' || c == ',').to_string())
                    .collect()
            };
            for number in numbers(&en) {
                assert!(
                    zh.contains(&number),
                    "{link}: {number} missing in\n{zh}\n(en: {en})"
                );
            }
        }
    }

    #[test]
    fn the_log_preset_prints_the_learners_numbers() {
        let mut trainer = Trainer::new(&Config::from_query_strict("preset=log&epochs=2").unwrap());
        trainer.run();
        let last = trainer.history().last().unwrap();
        let line = progress_line(&trainer, Some(last), trainer.fit_rows());
        assert!(
            line.contains("79999/79999 [==============================] - loss: 8533120001.0000 - acc: 0.0000e+00 - val_loss: 32532613337.0000 - val_acc: 0.0000e+00"),
            "{line}"
        );
        // The oracle: mean((2x − 1)²) over x = 1…79,999 and 80,000…99,999, summed here exactly.
        let mean = |xs: std::ops::RangeInclusive<u64>| {
            let n = (xs.end() - xs.start() + 1) as f64;
            xs.map(|x| ((2 * x - 1) as f64).powi(2)).sum::<f64>() / n
        };
        assert_eq!(last.loss, mean(1..=79_999));
        assert_eq!(last.val_loss, Some(mean(80_000..=99_999)));
        let text = compare_with_learners_log(&trainer, Language::En).unwrap();
        assert!(
            text.contains("8533120007.8465") && text.contains("8.0e-10"),
            "{text}"
        );
        assert_eq!(trainer.diagnosis().label(), "softmax_output");
        assert!(explain(&trainer).contains("mean((y − 1)²) = 8,533,120,001.00"));
    }

    #[test]
    fn a_sigmoid_output_on_raw_x_is_saturated_and_says_so() {
        let mut trainer =
            Trainer::new(&Config::from_query_strict("out=sigmoid&epochs=3&lr=1&seed=1").unwrap());
        trainer.run();
        let text = explain(&trainer);
        assert_eq!(trainer.diagnosis().label(), "sigmoid_saturated", "{text}");
        let line = headline(&trainer, None, Language::En);
        assert!(
            line.contains("the sigmoid output gives the same value"),
            "{line}"
        );
        assert!(
            text.contains("σ'(z) = σ(z)(1 − σ(z)) is below 3.1e-7"),
            "{text}"
        );
    }

    #[test]
    fn the_loss_chart_is_described_with_its_key_numbers() {
        let mut trainer = Trainer::new(&Config::default());
        assert_eq!(
            describe_loss(&trainer, Language::En),
            "no epoch trained yet"
        );
        trainer.run();
        let text = describe_loss(&trainer, Language::En);
        // The oracle: the history itself, read here.
        let last = trainer.history().last().unwrap();
        let first_flat = trainer
            .history()
            .iter()
            .find(|s| s.loss == last.loss)
            .unwrap()
            .epoch;
        let expected = format!(
            "loss 481,200.67 at epoch 20, flat since epoch {first_flat}; validation {}",
            grouped(last.val_loss.unwrap())
        );
        assert_eq!(text, expected);
        assert!(describe_loss(&trainer, Language::Zh).contains("481,200.67"));
    }

    #[test]
    fn no_diagnosis_prescribes_a_fix_it_only_says_why() {
        let links = [
            "",
            "seed=2",
            "preset=fewer-points&epochs=50",
            "preset=standardized",
            "preset=adam&epochs=5",
            "preset=log&epochs=1",
            "preset=question&xscale=standard&out=linear",
            "out=sigmoid&epochs=3&lr=1&seed=1",
            "preset=standardized&hidden=3,3,3,3,3,3,3,3&seed=3",
            "preset=standardized&hidden=8&act=relu&bias=-5&epochs=2",
        ];
        let advice = [
            "Fix", "fix", "Try", "try", "Use a", "use a", "修正", "试试", "请用", "改用",
        ];
        for link in links {
            let mut trainer = Trainer::new(&Config::from_query_strict(link).unwrap());
            trainer.run();
            for language in [Language::En, Language::Zh] {
                let text = explain_in(&trainer, language);
                for word in advice {
                    assert!(!text.contains(word), "{link}: {word:?} in {text}");
                }
            }
        }
    }

    #[test]
    fn a_divergence_names_the_targets_the_network_sees() {
        // The learner scaled x and made the output linear: y, unscaled, is what is too big.
        let link = "preset=question&xscale=standard&out=linear";
        let mut trainer = Trainer::new(&Config::from_query_strict(link).unwrap());
        trainer.run();
        assert_eq!(trainer.diagnosis().label(), "diverged");
        // The oracle: the largest training target, read from the data (y = 2x, x up to 600).
        let data = trainer.data();
        let largest_y = data.y[data.fit.clone()]
            .iter()
            .fold(0.0f64, |m, y| m.max(y.abs()));
        assert_eq!(largest_y, 1200.0);
        let text = explain(&trainer);
        assert!(text.contains("targets up to 1,200"), "{text}");
        assert!(text.contains("inputs up to 1.7"), "{text}");
    }

    #[test]
    fn json_has_null_for_non_finite_and_escapes_strings() {
        assert_eq!(json_number(f64::NAN), "null");
        assert_eq!(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }
}
