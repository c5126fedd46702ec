//! Words and lines about a run: the diagnosis in plain words, Keras' progress line, and the headless
//! runner's JSON. The page and the runner both print these, so they always say the same thing.

use super::config::{Activation, Language, Metric};
use super::train::{Death, Diagnosis, EpochStats, Trainer};

/// Picks the English or the Chinese template and fills it with the same arguments.
macro_rules! say {
    ($language:expr, $en:literal, $zh:literal $(, $arg:expr)* $(,)?) => {
        match $language {
            Language::En => format!($en $(, $arg)*),
            Language::Zh => format!($zh $(, $arg)*),
        }
    };
}

/// The diagnosis in plain words (English), with the live numbers behind it: what the runner prints.
pub fn explain(trainer: &Trainer) -> String {
    explain_in(trainer, Language::En)
}

/// The diagnosis in plain words in `language`, with the live numbers behind it.
pub fn explain_in(trainer: &Trainer, language: Language) -> String {
    let config = trainer.config();
    let units = trainer.shape().hidden_units();
    let data = trainer.data();
    let largest_x = data.x_scaled[data.fit.clone()]
        .iter()
        .fold(0.0f32, |m, x| m.max(x.abs()));
    let largest_x = compact(f64::from(largest_x));
    match trainer.diagnosis_now() {
        Diagnosis::NotStarted => say!(
            language,
            "Not trained yet. Press play: the network will try to learn y = {}x from {} training points \
             ({} batches of up to {} per epoch).",
            "尚未训练。按播放：网络将尝试从 {1} 个训练点学习 y = {0}x（每个 epoch {2} 个 batch，每个最多 {3} 个点）。",
            config.slope,
            trainer.fit_rows(),
            trainer.batches_per_epoch(),
            config.batch_size
        ),
        Diagnosis::Diverged { epoch, iteration } => say!(
            language,
            "Training diverged in epoch {} (update {}): a loss or a weight became infinite or NaN, so \
             training stopped there. Learning rate {} is too large for inputs up to {}; try a smaller one, \
             scaled inputs or Adam.",
            "训练在第 {} 个 epoch（第 {} 次更新）发散：loss 或某个权重变成了无穷大或 NaN，训练就此停止。\
             对于最大到 {3} 的输入，学习率 {2} 太大了；请试试更小的学习率、缩放输入或 Adam。",
            epoch,
            iteration + 1,
            config.learning_rate,
            largest_x
        ),
        Diagnosis::OutputDead { mean_square_target, death, .. } => match death {
            Death::BornDead { largest_pre_activation } => say!(
                language,
                "The output ReLU was born dead: before any update its input was ≤ 0 for every x (at most {}), \
                 so it outputs 0, its gradient is 0 and nothing can train, whatever the learning rate. \
                 Loss sits at mean(y²) = {}. With zero biases and x > 0 the output's input is x·Σ v·relu(w), \
                 one sign for every x: about half of all seeds start like this. Try \"new seed\", or a linear output.",
                "输出 ReLU 生来即死：在任何更新之前，它对每个 x 的输入都 ≤ 0（最大为 {}），所以它输出 0、梯度为 0，\
                 无论学习率多少都无法训练。loss 停在 mean(y²) = {}。偏置为 0 且 x > 0 时，输出单元的输入是 \
                 x·Σ v·relu(w)，对所有 x 符号相同：大约一半的随机种子一开始就是这样。试试“新种子”，或改用线性输出。",
                compact(largest_pre_activation),
                grouped(mean_square_target)
            ),
            Death::Killed(update) => {
                let first = match trainer.first_update() {
                    Some(first) if first.iteration != update.iteration => say!(
                        language,
                        "The first update already moved a hidden weight by {}; then ",
                        "第一次更新就让一个隐藏层权重变化了 {}；随后",
                        signed(first.hidden_weight_step)
                    ),
                    _ => String::new(),
                };
                say!(
                    language,
                    "The output ReLU is dead: it outputs 0 for every x, so its gradient is 0 and training has \
                     stopped. Loss sits at mean(y²) = {}. Why: the gradient is f'(wx+b)·x and x reaches {}. \
                     {}update {} (epoch {}) moved a hidden weight by {} and an output weight by {}, and \
                     the output's input became ≤ 0 for every x. {} of {} hidden units are dead. Fixes: \
                     scale x, use a linear output, a smaller learning rate, or Adam.",
                    "输出 ReLU 已经死了：它对每个 x 都输出 0，梯度为 0，训练已经停止。loss 停在 mean(y²) = {}。\
                     原因：梯度是 f'(wx+b)·x，而 x 最大到 {}。{}第 {} 次更新（第 {} 个 epoch）让一个隐藏层权重变化了 {}、\
                     一个输出层权重变化了 {}，输出单元对每个 x 的输入都变成了 ≤ 0。{8} 个隐藏单元中有 {7} 个已死。\
                     修正：缩放 x、使用线性输出、更小的学习率，或 Adam。",
                    grouped(mean_square_target),
                    largest_x,
                    first,
                    update.iteration + 1,
                    update.epoch,
                    signed(update.hidden_weight_step),
                    signed(update.output_weight_step),
                    trainer.dead_hidden(),
                    units
                )
            }
        },
        Diagnosis::SoftmaxOutput {
            loss,
            mean_square_error_of_one,
        } => say!(
            language,
            "The output is a softmax over one unit: exp(o)/exp(o) = 1 for every x, whatever the weights, and \
             its gradient is exactly 0, so nothing reaches the network and nothing can change. The loss is \
             mean((y − 1)²) = {} in every epoch (now {}). Keras 3 warns about this; a one-unit softmax is \
             what makes \"whatever I change, I get this output\". Use a linear output for regression.",
            "输出层是只有一个单元的 softmax：对每个 x 都是 exp(o)/exp(o) = 1，与权重无关；它的梯度恰好为 0，\
             所以没有任何梯度能传回网络，什么都不会改变。每个 epoch 的 loss 都是 mean((y − 1)²) = {}（现在是 {}）。\
             Keras 3 会对此发出警告；正是单单元 softmax 让人觉得“不管我改什么，输出都一样”。回归问题请用线性输出。",
            grouped(mean_square_error_of_one),
            grouped(loss)
        ),
        Diagnosis::SigmoidSaturated {
            loss,
            nearest_pre_activation,
            death,
        } => {
            let when = match death {
                Death::BornDead { .. } => say!(
                    language,
                    "It was saturated before any update.",
                    "它在任何更新之前就已饱和。"
                ),
                Death::Killed(update) => say!(
                    language,
                    "Update {} (epoch {}) pushed it there.",
                    "第 {} 次更新（第 {} 个 epoch）把它推到了那里。",
                    update.iteration + 1,
                    update.epoch
                ),
            };
            let level = if nearest_pre_activation > 0.0 { 1 } else { 0 };
            say!(
                language,
                "The sigmoid output is saturated at {}: its input is {} or beyond for every training x, where \
                 σ'(z) = σ(z)(1 − σ(z)) is below 3.1e-7, so its gradient vanishes and training stalls. {} \
                 Loss {}. A sigmoid can only output values between 0 and 1; targets like 2, 4, …, 1998 need a \
                 linear output.",
                "sigmoid 输出饱和在 {}：对每个训练 x，它的输入都在 {} 或更远处，那里 σ'(z) = σ(z)(1 − σ(z)) 小于 3.1e-7，\
                 所以梯度消失，训练停滞。{} loss 为 {}。sigmoid 只能输出 0 到 1 之间的值；2, 4, …, 1998 这样的目标需要线性输出。",
                level,
                compact(nearest_pre_activation),
                when,
                grouped(loss)
            )
        }
        Diagnosis::HiddenDead {
            loss,
            target_variance,
            layer,
            death,
        } => {
            let how = match death {
                Some(Death::BornDead { .. }) => say!(
                    language,
                    " It was born dead: dead before any update, so no learning rate could have helped.",
                    "它生来即死：还没有任何更新就已经死了，任何学习率都无济于事。"
                ),
                Some(Death::Killed(update)) => say!(
                    language,
                    " Update {} (epoch {}) killed it.",
                    "第 {} 次更新（第 {} 个 epoch）杀死了它。",
                    update.iteration + 1,
                    update.epoch
                ),
                None => String::new(),
            };
            if trainer.shape().depth() == 1 {
                say!(
                    language,
                    "Every hidden ReLU is dead: each unit's input w·x + b is ≤ 0 for every training x, so the network \
                     outputs a constant and the loss can only fall to var(y) = {} (now {}).{}",
                    "所有隐藏层 ReLU 都死了：每个单元的输入 w·x + b 对每个训练 x 都 ≤ 0，网络只能输出常数，\
                     loss 最多降到 var(y) = {}（现在是 {}）。{}",
                    grouped(target_variance),
                    grouped(loss),
                    how
                )
            } else {
                say!(
                    language,
                    "Hidden layer {} of {} is dead: all {} of its ReLUs have input ≤ 0 for every training x, so it \
                     passes on zeros, no gradient flows below it, and the network outputs a constant. The loss \
                     can only fall to var(y) = {} (now {}).{} Deep, narrow ReLU networks are born like this \
                     more often the deeper they are (Lu et al. 2019): try wider layers, init = rai, or leaky_relu.",
                    "第 {} 个隐藏层（共 {} 层）已经死了：它的全部 {} 个 ReLU 对每个训练 x 的输入都 ≤ 0，\
                     所以它只输出 0，梯度无法传到它下面的层，网络只能输出常数。loss 最多降到 var(y) = {}（现在是 {}）。{}\
                     又深又窄的 ReLU 网络越深越容易生来即死（Lu 等，2019）：试试更宽的层、init = rai 或 leaky_relu。",
                    layer + 1,
                    trainer.shape().depth(),
                    trainer.shape().width(layer),
                    grouped(target_variance),
                    grouped(loss),
                    how
                )
            }
        }
        Diagnosis::Learning { loss, first_loss } => {
            let dead = trainer.dead_hidden();
            let dead_note = if config.hidden_activation == Activation::Relu && dead > 0 {
                if trainer.shape().depth() == 1 {
                    say!(
                        language,
                        " {} of {} hidden units are dead (they can never come back).",
                        "{1} 个隐藏单元中有 {0} 个已死（它们再也不会复活）。",
                        dead,
                        units
                    )
                } else {
                    say!(
                        language,
                        " {} of {} hidden units are dead on every training input.",
                        "{1} 个隐藏单元中有 {0} 个对每个训练输入都已死。",
                        dead,
                        units
                    )
                }
            } else {
                String::new()
            };
            say!(
                language,
                "Learning: loss {} → {}, not yet a close fit.{}",
                "正在学习：loss {} → {}，还没有拟合好。{}",
                grouped(first_loss),
                grouped(loss),
                dead_note
            )
        }
        Diagnosis::Converged { loss, target_variance } => say!(
            language,
            "Converged: loss {} is below 2% of var(y) = {} (R² above 0.98): the network has learned y = {}x \
             where it saw data.",
            "已收敛：loss {} 低于 var(y) = {} 的 2%（R² 高于 0.98）：网络在它见过数据的范围内学会了 y = {}x。",
            grouped(loss),
            grouped(target_variance),
            config.slope
        ),
    }
}

/// Why accuracy says what it says for this regression (shown next to the metric).
pub fn explain_accuracy(stats: &EpochStats, language: Language) -> String {
    say!(
        language,
        "Accuracy {} (Keras 3) / {} (Keras 2): for one output Keras counts a hit when y == (ŷ > 0.5) \
         (Keras 3) or y == round(ŷ) (Keras 2, the thread's era). Targets like 2, 4, …, 1998 are never 0 or 1, \
         and equal round(ŷ) only when a prediction is within ±0.5: accuracy is the wrong metric for \
         regression. Watch the loss or MAE.",
        "准确率 {} (Keras 3) / {} (Keras 2)：单输出时 Keras 在 y == (ŷ > 0.5)（Keras 3）或 y == round(ŷ)\
         （Keras 2，提问时的版本）时才算命中。2, 4, …, 1998 这样的目标值从来不是 0 或 1，而且只有预测误差在 ±0.5 \
         以内时才等于 round(ŷ)：准确率不适合回归问题。请看 loss 或 MAE。",
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

/// The loss chart in words, for a screen reader: the last loss, whether it is flat and since when,
/// the validation loss ("loss 481,200.67 at epoch 20, flat since epoch 2; validation 1,832,700.67").
pub fn describe_loss(trainer: &Trainer, language: Language) -> String {
    let history = trainer.history();
    let Some(last) = history.last() else {
        return crate::i18n::NO_EPOCH_YET.get(language).into();
    };
    // Flat: every epoch from there on within a thousandth of the last loss.
    let flat_since = history
        .iter()
        .rev()
        .take_while(|s| (s.loss - last.loss).abs() <= 1e-3 * last.loss.abs().max(1e-12))
        .last()
        .map_or(last.epoch, |s| s.epoch);
    let mut text = if flat_since < last.epoch {
        crate::i18n::DESCRIBE_LOSS.fill(language, &[&grouped(last.loss), &last.epoch, &flat_since])
    } else {
        crate::i18n::DESCRIBE_LOSS_MOVING.fill(
            language,
            &[&grouped(last.loss), &last.epoch, &grouped(history[0].loss)],
        )
    };
    if let Some(validation) = last.val_loss {
        text.push_str(&crate::i18n::DESCRIBE_VALIDATION.fill(language, &[&grouped(validation)]));
    }
    text
}

/// Root-mean-square distance between the prediction and the target line over the training inputs
/// (at most 2,000 of them, evenly spread), in original units.
pub fn fit_rmse(trainer: &Trainer) -> f64 {
    let config = trainer.config();
    let data = trainer.data();
    let rows = data.fit.clone();
    let stride = rows.len().div_ceil(2000).max(1);
    let rows = rows.step_by(stride);
    let count = rows.len().max(1) as f64;
    let sum: f64 = rows
        .map(|row| {
            let x = data.x[row];
            (trainer.predict(x) - (config.slope * x + config.intercept)).powi(2)
        })
        .sum();
    (sum / count).sqrt()
}

/// The fit chart in words.
pub fn describe_fit(trainer: &Trainer, language: Language) -> String {
    crate::i18n::DESCRIBE_FIT.fill(language, &[&compact(fit_rmse(trainer))])
}

/// The units chart in words.
pub fn describe_units(trainer: &Trainer, language: Language) -> String {
    crate::i18n::DESCRIBE_UNITS.fill(
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
    line[start..].split_whitespace().next()?.parse().ok()
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
    Some(say!(
        language,
        "This run: loss {} and val_loss {}, {}/{} training rows. The learner's line: loss {} and val_loss \
         {}, relative differences {} and {}: the same numbers up to Keras' float32 running means.",
        "本次运行：loss {}，val_loss {}，训练行数 {}/{}。提问者的日志：loss {}，val_loss {}，\
         相对差异分别为 {} 和 {}：除了 Keras 用 float32 累计平均带来的误差，数字完全相同。",
        keras_number(loss),
        keras_number(val_loss),
        trainer.fit_rows(),
        trainer.fit_rows(),
        keras_number(their_loss),
        keras_number(their_val),
        relative(loss, their_loss),
        relative(val_loss, their_val)
    ))
}

/// Formats a number with thousands separators and two decimals (481,200.67).
pub fn grouped(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let text = format!("{:.2}", value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, "00"));
    let mut out = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    let sign = if value < 0.0 { "−" } else { "" };
    format!("{sign}{out}.{fraction}")
}

/// Short human form of a number: 999, 0.0123, −3,412, 1.8e13.
pub fn compact(value: f64) -> String {
    if value.is_infinite() {
        // A saturated output's input can overflow: said as ∞, never as Rust's `inf`.
        return if value < 0.0 { "−∞" } else { "∞" }.to_string();
    }
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

/// `compact` with a sign: +3,412, −1.8e13.
pub fn signed(value: f64) -> String {
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
    format!(
        "{{\"summary\":{{\"diagnosis\":{},\"outcome\":\"{}\",\"output_death\":{death},\"born_dead\":{},\
         \"epochs_run\":{},\"final_loss\":{},\"final_val_loss\":{},\"test_mse\":{},\"dead_hidden\":{},\
         \"dead_by_layer\":{},\"hidden\":{},\"layers\":{},\"output\":\"{}\",\"fingerprint\":\"{}\",\
         \"explanation\":{}}}}}",
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
        json_string(&explain(trainer))
    )
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
        assert!(text.contains("sigmoid output is saturated"), "{text}");
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
    fn json_has_null_for_non_finite_and_escapes_strings() {
        assert_eq!(json_number(f64::NAN), "null");
        assert_eq!(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }
}
