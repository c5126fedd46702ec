//! The guided lesson "Why does my network output 0?": the seed thread told in steps, each with
//! the share link it loads and how far to play it. Plain data, in English and Chinese (the thread is
//! Chinese), so the native tests can check that every step shows what its text says.

use crate::i18n::Language;

/// How far a step plays after loading its link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Play {
    /// Load only: the learner presses play.
    Nothing,
    /// Train this many batches, then pause.
    Batches(usize),
    /// Train to the end of this epoch, then pause.
    Epochs(usize),
    /// Run the link's sweep.
    Sweep,
    /// Train until an update kills the network, then rewind to just before that update.
    Rewind,
}

/// One step of the lesson.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    pub title_en: &'static str,
    pub title_zh: &'static str,
    pub text_en: &'static str,
    pub text_zh: &'static str,
    /// The share link (query string) the step loads.
    pub link: &'static str,
    /// Runs pinned beside it (their own links): the failure beside each fix.
    pub pins: &'static [&'static str],
    pub play: Play,
}

impl Step {
    pub fn title(&self, language: Language) -> &'static str {
        match language {
            Language::En => self.title_en,
            Language::Zh => self.title_zh,
        }
    }

    pub fn text(&self, language: Language) -> &'static str {
        match language {
            Language::En => self.text_en,
            Language::Zh => self.text_zh,
        }
    }
}

/// The seed used for the "born dead" step: its relu output is ≤ 0 for every x before any update.
pub const BORN_DEAD_SEED: u64 = 2;

/// The seed of the "deeper is deader" step: eight layers of three ReLUs, one of them dead on every
/// input before any update.
pub const DEEP_BORN_DEAD_SEED: u64 = 3;

pub const STEPS: &[Step] = &[
    Step {
        title_en: "1. The learner's program",
        title_zh: "1. 提问者的程序",
        text_en: "x = 1…999, y = 2x. Dense(128, relu) then Dense(1, relu), SGD, batch 100, validation_split 0.2. \
                  Whatever they changed, Keras printed a huge loss and acc: 0.0000e+00. This is that program; \
                  \"Show Keras code\" below prints it. Press play.",
        text_zh: "x = 1…999，y = 2x。Dense(128, relu) 接 Dense(1, relu)，SGD，batch 100，validation_split 0.2。\
                  无论怎么改，Keras 都输出巨大的 loss 和 acc: 0.0000e+00。这里就是那个程序；下方“显示 Keras 代码”可以看到它。请按播放。",
        link: "preset=question",
        pins: &[],
        play: Play::Nothing,
    },
    Step {
        title_en: "2. Huge loss, accuracy 0",
        title_zh: "2. 巨大的 loss，准确率为 0",
        text_en: "After 20 epochs the loss sits at exactly mean(y²) = 481,200.67: the network outputs 0 for every x. \
                  Accuracy is 0 for another reason: for one output Keras counts y == (ŷ > 0.5), and targets \
                  2, 4, …, 1998 are never 0 or 1. Accuracy is the wrong metric for regression; watch the loss.",
        text_zh: "20 个 epoch 后 loss 恰好停在 mean(y²) = 481,200.67：网络对每个 x 都输出 0。准确率为 0 另有原因：\
                  单输出时 Keras 判断 y == (ŷ > 0.5)，而目标值 2, 4, …, 1998 从来不是 0 或 1。回归问题不该用准确率，请看 loss。",
        link: "preset=question",
        pins: &[],
        play: Play::Epochs(20),
    },
    Step {
        title_en: "3. The first updates kill the units",
        title_zh: "3. 最初的几次更新杀死了神经元",
        text_en: "The gradient of w is f'(wx+b)·x, and x reaches 600 in the training part: one SGD step moves the \
                  weights by thousands. This step trains until an update kills the output, then rewinds to just \
                  before it: the box under the banner says what that update will do. Press \"Step batch\" and \
                  watch the hidden-units chart: the weights are thrown negative, every ReLU outputs 0 (grey) and \
                  passes no gradient back. Try the same update with the learning rate ÷ 10.",
        text_zh: "w 的梯度是 f'(wx+b)·x，而训练数据中 x 最大到 600：一次 SGD 更新就让权重变化成千上万。\
                  这一步会一直训练到某次更新杀死输出，然后倒回到那次更新之前：横幅下方的方框说明那次更新会做什么。\
                  按“单步 batch”，看隐藏单元图：权重被推成负数，每个 ReLU 都输出 0（灰色），不再回传梯度。\
                  再试试把学习率除以 10 做同一次更新。",
        link: "preset=question",
        pins: &[],
        play: Play::Rewind,
    },
    Step {
        title_en: "4. Born dead: dead before any update",
        title_zh: "4. 生来即死：还没更新就已经死了",
        text_en: "With zero biases and x > 0, the output unit's input is x·Σ v·relu(w): one sign for every x. \
                  For about half of all seeds it is negative from the start, so the relu output is 0 before any \
                  update, whatever the learning rate. This seed is one of them: try lr = 0.000001, it stays dead.",
        text_zh: "偏置为 0 且 x > 0 时，输出单元的输入是 x·Σ v·relu(w)：对所有 x 符号相同。\
                  大约一半的随机种子一开始就是负的，所以输出 ReLU 在任何更新之前就输出 0，与学习率无关。\
                  这个种子就是如此：把学习率改成 0.000001 试试，它依然是死的。",
        link: "preset=question&seed=2",
        pins: &[],
        play: Play::Nothing,
    },
    Step {
        title_en: "5. Fix 1: fewer points, fewer units",
        title_zh: "5. 修正 1：更少的数据点和神经元",
        text_en: "Answer 0: use x = 1…9 and 12 units. The gradient stays small and this seed trains. But the relu \
                  output can still be born dead: press \"new seed\" a few times and some runs never move.",
        text_zh: "回答 0：用 x = 1…9 和 12 个神经元。梯度变小，这个种子可以训练。但输出 ReLU 仍可能生来即死：\
                  多按几次“新种子”，有些运行完全不动。",
        link: "preset=fewer-points&epochs=200",
        pins: &["preset=question"],
        play: Play::Epochs(200),
    },
    Step {
        title_en: "6. Fix 2: standardised inputs, linear output",
        title_zh: "6. 修正 2：标准化输入，线性输出",
        text_en: "Answer 1: x drawn near 0 with unit scale (randn) and a linear output layer. The gradient has a sane \
                  size and the output cannot die: the loss falls and the line lies on y = 2x.",
        text_zh: "回答 1：x 取自均值 0、尺度为 1 的分布（randn），输出层用线性激活。梯度大小合理，输出也不会死：\
                  loss 下降，拟合直线落在 y = 2x 上。",
        link: "preset=standardized",
        pins: &["preset=question"],
        play: Play::Epochs(20),
    },
    Step {
        title_en: "7. Fix 3: Adam, a small step, linear output",
        title_zh: "7. 修正 3：Adam、小学习率、线性输出",
        text_en: "Answer 1's second program keeps the raw x but uses Adam with lr = 1e-4: each Adam step has about \
                  the size of the learning rate, however large the gradient. It learns, slowly: after 200 epochs \
                  it is still far from y = 2x. Try xscale = standard as well.",
        text_zh: "回答 1 的第二个程序保留原始 x，但用学习率 1e-4 的 Adam：无论梯度多大，Adam 每一步的大小都约等于学习率。\
                  它能学，但很慢：200 个 epoch 后仍离 y = 2x 很远。再试试 xscale = standard。",
        link: "preset=adam",
        pins: &["preset=question"],
        play: Play::Epochs(200),
    },
    Step {
        title_en: "8. Deeper is deader",
        title_zh: "8. 越深越容易死",
        text_en: "Eight hidden layers of three ReLUs each, standardised inputs, linear output: nothing like the \
                  question's huge x. Yet this network is born dead: one whole layer outputs 0 for every input \
                  before any update, so everything after it sees a constant. Lu, Shin, Su and Karniadakis (2019) \
                  proved that with weights and biases drawn symmetrically this becomes certain as depth grows at \
                  a fixed width. Try the fixes: wider layers (hidden=32,32,32,32,32,32,32,32), their randomized \
                  asymmetric initialisation (init = rai), or leaky_relu, whose units cannot die. \"new seed\" \
                  shows how often it happens.",
        text_zh: "八个隐藏层，每层三个 ReLU，输入已标准化，输出是线性的：和提问里巨大的 x 完全不同。可这个网络生来即死：\
                  在任何更新之前，整整一层对每个输入都输出 0，于是它后面的一切只看到一个常数。Lu、Shin、Su 和 Karniadakis \
                  （2019）证明，权重和偏置对称地随机初始化时，宽度固定而层数越多，这就越必然发生。试试这些修正：更宽的层\
                  （hidden=32,32,32,32,32,32,32,32）、他们提出的随机非对称初始化（init = rai），或者 leaky_relu（它的单元不会死）。\
                  多按几次“新种子”，看看这有多常见。",
        link: "preset=standardized&hidden=3,3,3,3,3,3,3,3&seed=3",
        pins: &[],
        play: Play::Epochs(20),
    },
    Step {
        title_en: "9. How often? Half of all runs are born dead",
        title_zh: "9. 有多常见？一半的运行生来即死",
        text_en: "One run is one throw of the dice. This sweep runs the question's program with 200 seeds in the \
                  background and counts how each run ends. About half are born dead, as the formula says: with \
                  zero biases and x > 0 the output's input is x·Σ_{w>0} v·w, dead when that sum is ≤ 0, so \
                  P(born dead) = (1 + 2^−H)/2, 1/2 for H = 128 (the dashed line). The other half are killed by the \
                  first updates. Click a row, then a seed, to open that run.",
        text_zh: "一次运行就像掷一次骰子。这个扫描在后台用 200 个随机种子运行提问者的程序，并统计每次运行的结局。\
                  大约一半生来即死，正如公式所说：偏置为 0 且 x > 0 时，输出单元的输入是 x·Σ_{w>0} v·w，这个和 ≤ 0 时\
                  输出就死了，所以 P(生来即死) = (1 + 2^−H)/2，H = 128 时就是 1/2（虚线）。另一半被最初的几次更新杀死。\
                  点击一行，再点击一个种子，就能打开那次运行。",
        link: "preset=question&seeds=200",
        pins: &[],
        play: Play::Sweep,
    },
    Step {
        title_en: "10. Where updates start to kill",
        title_zh: "10. 更新从哪里开始杀死网络",
        text_en: "Answer 0's fix (x = 1…9, 12 units) over four learning rates, 200 seeds each. Born dead stays \
                  near one half at every rate: no learning rate helps a dead start. What changes is the rest: at \
                  0.001 and 0.01 the live runs learn; from 0.1 on the first updates kill them too.",
        text_zh: "回答 0 的修正（x = 1…9，12 个神经元）在四个学习率下各用 200 个种子运行。每个学习率下生来即死的比例都接近一半：\
                  任何学习率都救不了一个死掉的开局。变化的是其余的运行：学习率为 0.001 和 0.01 时，活着的运行能学习；\
                  从 0.1 起，最初的几次更新也会杀死它们。",
        link: "preset=fewer-points&sweep=lr:0.001|0.01|0.1|1&seeds=200",
        pins: &[],
        play: Play::Sweep,
    },
    Step {
        title_en: "11. The log is from another program",
        title_zh: "11. 那行日志来自另一个程序",
        text_en: "Look again at the line the learner posted: 79999/79999 … loss: 8533120007.8465 … val_loss: \
                  32532613324.8000. The posted code trains on 600 rows (x = 1…750, minus the last 20% for \
                  validation). 79,999 = floor(0.8 × 99,999): they fit on x = 1…99,999, all of it. A dead relu \
                  output (ŷ = 0) would print mean(y²) = 8,533,280,000; the printed loss is mean((y − 1)²) = \
                  8,533,120,001 instead: the network output exactly 1 for every x. That is a one-unit softmax, \
                  Dense(1, activation='softmax'), which is 1 whatever the weights, so \"whatever I change, I get this \
                  output\". This step replays that program; the posted program (step 1) prints 600/600 … loss: \
                  481200.6667 instead.",
        text_zh: "再看一眼提问者贴出的那行：79999/79999 … loss: 8533120007.8465 … val_loss: 32532613324.8000。\
                  贴出的代码只在 600 行上训练（x = 1…750，再去掉最后 20% 作验证）。79,999 = floor(0.8 × 99,999)：\
                  他们用 x = 1…99,999 的全部数据训练。死掉的 relu 输出（ŷ = 0）会打印 mean(y²) = 8,533,280,000；\
                  而打印出的 loss 是 mean((y − 1)²) = 8,533,120,001：网络对每个 x 都恰好输出 1。这就是单单元 softmax，\
                  Dense(1, activation='softmax')，无论权重如何它都等于 1，所以“不管我改什么，输出都一样”。\
                  这一步重现那个程序；而贴出的程序（第 1 步）打印的是 600/600 … loss: 481200.6667。",
        link: "preset=log",
        pins: &[],
        play: Play::Epochs(2),
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::train::Death;
    use crate::engine::{Config, Diagnosis, Trainer};

    fn played(step: &Step) -> Trainer {
        let config = Config::from_query_strict(step.link).expect("a lesson link is valid");
        let mut trainer = Trainer::new(&config);
        match step.play {
            Play::Nothing => {}
            Play::Batches(n) => (0..n).for_each(|_| {
                trainer.step();
            }),
            Play::Epochs(n) => {
                while trainer.epoch() < n && trainer.diverged().is_none() {
                    trainer.run_epoch();
                }
            }
            Play::Sweep => {}
            Play::Rewind => {
                let mut run = trainer.clone();
                run.run();
                if let Some((_, update)) = run.killed() {
                    trainer = Trainer::replayed_to(&config, update.iteration);
                }
            }
        }
        trainer
    }

    #[test]
    fn every_step_loads_a_valid_link_in_both_languages() {
        assert!((5..=12).contains(&STEPS.len()));
        for step in STEPS {
            assert!(
                Config::from_query_strict(step.link).is_ok(),
                "{}",
                step.link
            );
            assert!(!step.text(Language::Zh).is_empty() && !step.title(Language::Zh).is_empty());
        }
    }

    #[test]
    fn each_step_shows_what_its_text_says() {
        let labels: Vec<&str> = STEPS
            .iter()
            .map(|s| played(s).diagnosis().label())
            .collect();
        assert_eq!(
            labels[1], "output_dead",
            "step 2: the output is dead after 20 epochs"
        );
        // Step 3 stops just before the update that kills the output, and that update does.
        let step3 = played(&STEPS[2]);
        assert!(
            step3.iterations() > 0,
            "step 3 has trained before rewinding"
        );
        let next = step3.preview_next_update(1.0);
        assert!(
            next.collapses,
            "step 3: the next update kills the output: {next:?}"
        );
        // The fixes are shown beside the failure.
        for step in &STEPS[4..7] {
            assert_eq!(step.pins, ["preset=question"]);
        }
        let step4 = played(&STEPS[3]);
        assert!(matches!(
            step4.diagnosis(),
            Diagnosis::OutputDead {
                death: Death::BornDead { .. },
                ..
            }
        ));
        assert!(STEPS[3].link.ends_with(&BORN_DEAD_SEED.to_string()));
        assert!(
            matches!(labels[4], "learning" | "converged"),
            "step 5 trains: {}",
            labels[4]
        );
        assert_eq!(labels[5], "converged", "step 6 converges");
        assert_eq!(labels[6], "learning", "step 7 learns but is not there yet");
        let deep = played(&STEPS[7]);
        assert!(
            matches!(
                deep.diagnosis(),
                Diagnosis::HiddenDead {
                    death: Some(Death::BornDead { .. }),
                    ..
                }
            ),
            "step 8 is born dead: {:?}",
            deep.diagnosis()
        );
        assert!(STEPS[7].link.ends_with(&DEEP_BORN_DEAD_SEED.to_string()));
        // Steps 9 and 10: the sweeps show what their texts say.
        let swept = |step: &Step| -> Vec<(crate::engine::sweep::Counts, Option<f64>)> {
            let config = Config::from_query_strict(step.link).unwrap();
            crate::engine::sweep::cells(&config)
                .iter()
                .map(|cell| {
                    let mut counts = crate::engine::sweep::Counts::default();
                    for seed in crate::engine::sweep::seeds(&config) {
                        counts.add(crate::engine::sweep::run_one(&cell.config, seed).outcome);
                    }
                    (counts, crate::engine::sweep::born_dead_theory(&cell.config))
                })
                .collect()
        };
        use crate::engine::Outcome;
        let question = swept(&STEPS[8]);
        let (counts, theory) = &question[0];
        let (low, high) =
            crate::engine::sweep::wilson(counts.get(Outcome::BornDead), counts.runs());
        assert!(
            low <= 0.5 && 0.5 <= high && *theory == Some(0.5),
            "{low}..{high}"
        );
        let rates = swept(&STEPS[9]);
        let killed: Vec<usize> = rates.iter().map(|(c, _)| c.get(Outcome::Killed)).collect();
        assert_eq!(
            &killed[..2],
            &[0, 0],
            "no kills at 0.001 and 0.01: {killed:?}"
        );
        assert!(
            killed[2] > 50 && killed[3] > 50,
            "kills from 0.1 on: {killed:?}"
        );
        let log = played(&STEPS[10]);
        assert_eq!(log.diagnosis().label(), "softmax_output");
        assert_eq!(log.fit_rows(), 79_999);
        assert_eq!(log.history().last().unwrap().loss, 8_533_120_001.0);
        for (counts, theory) in &rates {
            let (low, high) =
                crate::engine::sweep::wilson(counts.get(Outcome::BornDead), counts.runs());
            let theory = theory.unwrap();
            assert!(low <= theory && theory <= high, "{low}..{high} vs {theory}");
        }
        // Its fixes work for this very seed.
        for fix in [
            "init=rai",
            "act=leaky_relu",
            "hidden=32,32,32,32,32,32,32,32",
        ] {
            let link = format!("{}&{fix}", STEPS[7].link);
            // A repeated `hidden` is fine here: the last value counts.
            let trainer = Trainer::new(&Config::from_query(&link).0);
            assert!(trainer.born_collapsed().is_none(), "{fix} is not born dead");
        }
    }
}
