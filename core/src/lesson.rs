//! The guided lesson "Why does my network output 0?": the seed thread told in steps, each with
//! the share link it loads and how far to play it. Plain data (its words, in English and Chinese,
//! are in `crate::i18n`'s table: the thread is Chinese), so the native tests can check that every
//! step shows what its text says and every tip it gives does what it says.

use crate::i18n::{self, Language, Text};

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
    pub title: Text,
    pub text: Text,
    /// The share link (query string) the step loads.
    pub link: &'static str,
    /// Runs pinned beside it (their own links): the failure beside each fix.
    pub pins: &'static [&'static str],
    pub play: Play,
    /// The hidden layer (0-based) the units chart opens on: the one the step talks about (for a
    /// deep network, the layer that dies).
    pub units_layer: usize,
}

impl Step {
    pub fn title(&self, language: Language) -> &'static str {
        self.title.get(language)
    }

    pub fn text(&self, language: Language) -> &'static str {
        self.text.get(language)
    }
}

/// The seed used for the "born dead" step: its relu output is ≤ 0 for every x before any update.
pub const BORN_DEAD_SEED: u64 = 2;

/// The seed of the "deeper is deader" step: eight layers of three ReLUs, one of them dead on every
/// input before any update.
pub const DEEP_BORN_DEAD_SEED: u64 = 3;

pub const STEPS: &[Step] = &[
    Step {
        title: i18n::LESSON_1_TITLE,
        text: i18n::LESSON_1_TEXT,
        link: "preset=question",
        pins: &[],
        play: Play::Nothing,
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_2_TITLE,
        text: i18n::LESSON_2_TEXT,
        link: "preset=question",
        pins: &[],
        play: Play::Epochs(20),
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_3_TITLE,
        text: i18n::LESSON_3_TEXT,
        link: "preset=question",
        pins: &[],
        play: Play::Rewind,
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_4_TITLE,
        text: i18n::LESSON_4_TEXT,
        link: "preset=question&seed=2",
        pins: &[],
        play: Play::Nothing,
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_5_TITLE,
        text: i18n::LESSON_5_TEXT,
        link: "preset=fewer-points&epochs=200",
        pins: &["preset=question"],
        play: Play::Epochs(200),
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_6_TITLE,
        text: i18n::LESSON_6_TEXT,
        link: "preset=standardized",
        pins: &["preset=question"],
        play: Play::Epochs(20),
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_7_TITLE,
        text: i18n::LESSON_7_TEXT,
        link: "preset=adam",
        pins: &["preset=question"],
        play: Play::Epochs(200),
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_8_TITLE,
        text: i18n::LESSON_8_TEXT,
        link: "preset=standardized&hidden=3,3,3,3,3,3,3,3&epochs=200&seed=3",
        pins: &[],
        play: Play::Epochs(200),
        // Its sixth layer is dead from the start.
        units_layer: 5,
    },
    Step {
        title: i18n::LESSON_9_TITLE,
        text: i18n::LESSON_9_TEXT,
        link: "preset=question&seeds=200",
        pins: &[],
        play: Play::Sweep,
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_10_TITLE,
        text: i18n::LESSON_10_TEXT,
        link: "preset=fewer-points&sweep=lr:0.001|0.01|0.1|1&seeds=200",
        pins: &[],
        play: Play::Sweep,
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_11_TITLE,
        text: i18n::LESSON_11_TEXT,
        link: "preset=log",
        pins: &[],
        play: Play::Epochs(2),
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_12_TITLE,
        text: i18n::LESSON_12_TEXT,
        link: "preset=question&clipnorm=1",
        pins: &["preset=question"],
        play: Play::Epochs(20),
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_13_TITLE,
        text: i18n::LESSON_13_TEXT,
        link: "preset=question&sweep=clipnorm:0|1&seeds=200",
        pins: &[],
        play: Play::Sweep,
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_BN_TITLE,
        text: i18n::LESSON_BN_TEXT,
        link: "preset=question&sweep=bn:0|1&seeds=200",
        pins: &[],
        play: Play::Sweep,
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_14_TITLE,
        text: i18n::LESSON_14_TEXT,
        link: YOUR_TURN_ABS,
        pins: &[YOUR_TURN_ABS_ONE, YOUR_TURN_ABS_MANY],
        play: Play::Epochs(300),
        units_layer: 0,
    },
    Step {
        title: i18n::LESSON_15_TITLE,
        text: i18n::LESSON_15_TEXT,
        link: "f=sin(2*pi*x)&data=uniform&lo=0&hi=1&n=110&train=110&vsplit=0.9&noise=0.3&out=linear&epochs=3000&opt=adam",
        pins: &[],
        play: Play::Epochs(3000),
        units_layer: 0,
    },
];

/// Step 14: |x| on −1…1 with two units (seed 3: they settle on both sides of 0).
const YOUR_TURN_ABS: &str =
    "f=abs(x)&data=uniform&lo=-1&hi=1&n=200&train=200&out=linear&hidden=2&epochs=300&opt=adam&lr=0.05&seed=3";
/// … with one unit: it can bend only one side (seed 5: on seed 3 the one unit dies, as it does on
/// about half of all seeds, and the dashed line the text points at would be flat).
const YOUR_TURN_ABS_ONE: &str =
    "f=abs(x)&data=uniform&lo=-1&hi=1&n=200&train=200&out=linear&hidden=1&epochs=300&opt=adam&lr=0.05&seed=5";
/// … with 128.
const YOUR_TURN_ABS_MANY: &str =
    "f=abs(x)&data=uniform&lo=-1&hi=1&n=200&train=200&out=linear&hidden=128&epochs=300&opt=adam&lr=0.05&seed=3";

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
        assert!((5..=16).contains(&STEPS.len()));
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

    #[test]
    fn each_step_opens_the_units_chart_on_the_layer_that_died() {
        for (index, step) in STEPS.iter().enumerate() {
            let trainer = played(step);
            let widths = trainer.config().widths();
            // The trainer's own count of dead units per layer once the step has played.
            let dead = trainer
                .history()
                .last()
                .map_or(trainer.initial().dead, |s| s.dead_by_layer);
            let expected = dead.dead_layer(widths).unwrap_or(0);
            assert_eq!(step.units_layer, expected, "step {}", index + 1);
            assert!(step.units_layer < widths.len(), "step {}", index + 1);
        }
        assert!(
            STEPS[7].units_layer > 0,
            "step 8's deep network dies past its first layer"
        );
    }

    /// Trains `link` to its end (or until it diverges).
    fn trained(link: &str) -> Trainer {
        let mut trainer = Trainer::new(&Config::from_query_strict(link).expect("a valid link"));
        trainer.run();
        trainer
    }

    /// The last loss as a share of the variance of the targets the network trains on (computed
    /// here from the data, not by the engine's diagnosis).
    fn share_of_variance(trainer: &Trainer) -> f64 {
        let data = trainer.data();
        let targets: Vec<f64> = data.y_scaled[data.fit.clone()]
            .iter()
            .map(|&y| f64::from(y))
            .collect();
        let mean = targets.iter().sum::<f64>() / targets.len() as f64;
        let variance =
            targets.iter().map(|y| (y - mean).powi(2)).sum::<f64>() / targets.len() as f64;
        trainer.history().last().unwrap().loss / variance
    }

    /// The loss as the text writes it: whole, with thousands separators.
    fn written(loss: f64) -> String {
        crate::engine::report::grouped(loss.round())
            .trim_end_matches(".00")
            .to_string()
    }

    #[test]
    fn the_fixes_and_your_turn_steps_show_what_their_texts_say() {
        use crate::engine::Outcome;
        // Step 12: clipping saves this killed seed; the dashed run is the learner's, killed.
        let clipped = played(&STEPS[11]);
        assert_eq!(clipped.outcome(), Outcome::Converged);
        assert!(STEPS[11].text(Language::En).contains("update 2"));
        assert_eq!(trained(STEPS[11].pins[0]).outcome(), Outcome::Killed);
        assert_eq!(
            trained("preset=question")
                .killed()
                .map(|(_, u)| u.iteration + 1),
            Some(2)
        );
        // Step 13: over seeds, clipping leaves no run killed and the born dead exactly as they were.
        for seed in 7..37u64 {
            let plain = trained(&format!("preset=question&seed={seed}"));
            let clip = trained(&format!("preset=question&clipnorm=1&seed={seed}"));
            match plain.outcome() {
                Outcome::BornDead => assert_eq!(clip.outcome(), Outcome::BornDead, "seed {seed}"),
                Outcome::Killed => assert_ne!(clip.outcome(), Outcome::Killed, "seed {seed}"),
                other => panic!("seed {seed}: the learner's program ended {other:?}"),
            }
            assert_ne!(clip.outcome(), Outcome::Killed, "seed {seed}");
        }
        // A slow warm-up does not save it: a learning rate of 0.000005 already kills.
        assert_eq!(
            trained("preset=question&lr=0.000005").outcome(),
            Outcome::Killed
        );
        // Step 15: two units fit |x|, one cannot, 128 can.
        assert_eq!(played(&STEPS[14]).outcome(), Outcome::Converged);
        // The one unit lives and bends one side: it takes a part of var(y) away, not all of it.
        let one = trained(STEPS[14].pins[0]);
        assert_ne!(one.outcome(), Outcome::Converged);
        assert_eq!(one.dead_hidden(), 0);
        let loss = one.history().last().unwrap().loss;
        let variance = one.data().floors.variance;
        assert!(
            loss < 0.8 * variance && loss > 0.2 * variance,
            "{loss} of {variance}"
        );
        assert_eq!(trained(STEPS[14].pins[1]).outcome(), Outcome::Converged);
        // Step 16: the training loss falls below the noise's variance, and the validation loss the
        // loss chart draws rises as it does: far above its lowest by the end.
        let sine = played(&STEPS[15]);
        assert_eq!(
            (sine.data().fit.len(), sine.data().validation.len()),
            (10, 100)
        );
        let history = sine.history();
        let train_loss = history.last().unwrap().loss;
        let validation: Vec<f64> = history.iter().map(|s| s.val_loss.unwrap()).collect();
        let lowest = validation.iter().copied().fold(f64::INFINITY, f64::min);
        let last = *validation.last().unwrap();
        assert!(train_loss < 0.3 * 0.3, "below σ²: {train_loss}");
        assert!(
            last > 2.0 * lowest,
            "the validation loss rises: {lowest} → {last}"
        );
        assert!(last > 3.0 * 0.3 * 0.3, "far above the noise: {last}");
    }

    #[test]
    fn batch_normalization_saves_neither_the_born_dead_nor_the_killed_of_the_learners_program() {
        use crate::engine::Outcome;
        // Step 14's claims, seed by seed: the born dead are the same seeds; almost every killed run is
        // still killed, by an update that moves an output weight far (y unscaled).
        assert!(STEPS[13].link.contains("sweep=bn:0|1"));
        let (mut killed, mut still_killed, mut thrown) = (0, 0, 0);
        for seed in 7..47u64 {
            let plain = trained(&format!("preset=question&seed={seed}"));
            let normalized = trained(&format!("preset=question&bn=1&seed={seed}"));
            assert_eq!(
                plain.outcome() == Outcome::BornDead,
                normalized.outcome() == Outcome::BornDead,
                "seed {seed}"
            );
            if plain.outcome() == Outcome::Killed {
                killed += 1;
                if normalized.outcome() == Outcome::Killed {
                    still_killed += 1;
                    let (_, update) = normalized.killed().expect("a killing update");
                    thrown += usize::from(update.output_weight_step.abs() > 1.0);
                }
            }
        }
        assert!(
            killed >= 10 && still_killed * 10 >= killed * 9,
            "{still_killed} of {killed}"
        );
        // Most by an output weight thrown far; the others by the moving statistics' drift alone.
        assert!(thrown * 2 > still_killed, "{thrown} of {still_killed}");
        // The largest y it names is the training part's, computed, as the advice's cause says it.
        let data = trained("preset=question&epochs=0");
        let data = data.data();
        let largest =
            crate::engine::data::largest_magnitude(data.y[data.fit.clone()].iter().copied());
        let written = crate::engine::report::grouped(largest);
        let written = written.trim_end_matches(".00");
        for language in [Language::En, Language::Zh] {
            assert!(STEPS[13].text(language).contains(written), "{written}");
        }
    }

    #[test]
    fn the_scale_x_tooltip_says_what_scaling_x_alone_does_to_the_learners_program() {
        use crate::engine::Outcome;
        // "That alone does not save it": no seed of twenty learns with x scaled and y raw …
        for seed in 7..27u64 {
            let run = trained(&format!("preset=question&xscale=standard&seed={seed}"));
            assert_ne!(run.outcome(), Outcome::Converged, "seed {seed}");
        }
        // … "y still reaches 1,200", and scaling y too learns (the advice's measured fix).
        let run = trained("preset=question&xscale=standard");
        let data = run.data();
        let largest =
            crate::engine::data::largest_magnitude(data.y[data.fit.clone()].iter().copied());
        assert_eq!(largest, 1200.0);
        let both = trained("preset=question&xscale=standard&yscale=standard&out=linear");
        assert_eq!(both.outcome(), Outcome::Converged);
        for language in [Language::En, Language::Zh] {
            assert!(crate::i18n::TIP_XSCALE.get(language).contains("1,200"));
        }
    }

    #[test]
    fn every_try_tip_does_what_it_says() {
        // Step 3: the same update with the learning rate ÷ 10 still kills the output.
        let step3 = played(&STEPS[2]);
        let tenth = step3.preview_next_update(0.1);
        assert!(tenth.collapses, "step 3: ÷ 10 still kills: {tenth:?}");
        let (low, high) = tenth.output_before;
        // "millions to billions", as the box under the banner shows the range.
        assert!(
            low.min(high) > 1e6 && low.max(high) > 1e9 && low.max(high) < 1e12,
            "the output's input is millions to billions: {tenth:?}"
        );

        // Step 4: the born-dead seed stays dead at the smallest learning rate.
        let tiny = trained(&format!("{}&lr=0.000001", STEPS[3].link));
        assert_eq!(tiny.outcome(), crate::engine::Outcome::BornDead);

        // Step 5: a few new seeds give runs that never move.
        let never_move = (8..13)
            .filter(|seed| {
                let link = format!("{}&seed={seed}", STEPS[4].link);
                Trainer::new(&Config::from_query_strict(&link).unwrap())
                    .born_collapsed()
                    .is_some()
            })
            .count();
        assert!(never_move > 0, "step 5: none of 5 new seeds is born dead");

        // Step 7: scaling x alone makes it worse; scaling x and y makes it fit.
        let text = STEPS[6].text(Language::En);
        let adam = trained(STEPS[6].link);
        let x_only = trained(&format!("{}&xscale=standard", STEPS[6].link));
        let both = trained(&format!(
            "{}&xscale=standard&yscale=standard",
            STEPS[6].link
        ));
        let loss = |t: &Trainer| t.history().last().unwrap().loss;
        assert_eq!(adam.epoch(), 200);
        assert!(text.contains(&written(loss(&adam))), "{text}");
        assert!(text.contains(&written(loss(&x_only))), "{text}");
        assert!(loss(&x_only) > loss(&adam), "x alone is worse");
        let (adam_share, both_share) = (share_of_variance(&adam), share_of_variance(&both));
        assert!(
            (0.13..0.17).contains(&adam_share),
            "about 15%: {adam_share}"
        );
        assert!(
            (0.005..0.015).contains(&both_share),
            "about 1%: {both_share}"
        );
        assert!(text.contains("1,200"));
        let largest_y = adam.data().y[adam.data().fit.clone()]
            .iter()
            .fold(0.0f64, |m, y| m.max(y.abs()));
        assert_eq!(largest_y, 1200.0, "the targets reach 1,200");

        // Step 8: each fix gives this seed a network that learns, as the page labels them.
        for (label, fix) in [
            (crate::i18n::LABEL_HIDDEN, "hidden=32,32,32,32,32,32,32,32"),
            (crate::i18n::LABEL_INIT, "init=rai"),
            (crate::i18n::LABEL_ACT, "act=leaky_relu"),
        ] {
            let (key, value) = fix.split_once('=').unwrap();
            let link = STEPS[7].link.replace("hidden=3,3,3,3,3,3,3,3", "");
            let fixed = trained(&format!("{link}&{key}={value}"));
            // "Learns" is the banner's verdict: converged, by the step's own 200 epochs.
            assert_eq!(fixed.config().epochs, 200);
            assert_eq!(
                fixed.outcome(),
                crate::engine::Outcome::Converged,
                "{fix}: {:?}",
                fixed.outcome()
            );
            for language in [Language::En, Language::Zh] {
                let named = format!("{} = {value}", label.get(language));
                assert!(STEPS[7].text(language).contains(&named), "{named}");
            }
        }
    }
}
