//! The banner's first line: what happened to the run, in plain words a class can read aloud (no
//! notation), then why in one plain clause when the numbers show it, and what accuracy 0 means.
//! The detail below it (`explain_in`) carries the numbers and the notation.

use super::{compact, r_squared_text};
use crate::engine::config::{Metric, XScale, YScale};
use crate::engine::data::largest_magnitude;
use crate::engine::judge::{Standard, Target};
use crate::engine::train::{Death, Diagnosis, NextUpdate, Trainer, UpdateSize, UpdateVerdict};
use crate::i18n::{self, Language};

/// Raw values beyond this are "large" in the plain why (the advice's cause uses the same bound).
pub const LARGE_VALUE: f64 = 10.0;

/// The banner's first line for `trainer`'s run. `rewound`: the next update's preview, while the
/// page stands rewound just before it (then the line says what that update will do).
pub fn headline(trainer: &Trainer, rewound: Option<&NextUpdate>, language: Language) -> String {
    if let Some(next) = rewound {
        let words = match next.verdict() {
            UpdateVerdict::Kills => i18n::HEADLINE_REWOUND_KILLS,
            UpdateVerdict::Diverges => i18n::HEADLINE_REWOUND_DIVERGES,
            UpdateVerdict::StaysDead => i18n::HEADLINE_REWOUND_STAYS_DEAD,
            UpdateVerdict::Survives => i18n::HEADLINE_REWOUND_SURVIVES,
        };
        return words.fill(language, &[&(trainer.iterations() + 1)]);
    }
    let target = || Target::of(trainer.config()).words(language);
    let mut line = match trainer.diagnosis_now() {
        Diagnosis::NotStarted => i18n::HEADLINE_NOT_STARTED.fill(language, &[&target()]),
        Diagnosis::Diverged { iteration, .. } => {
            i18n::HEADLINE_DIVERGED.fill(language, &[&(iteration + 1)])
                + &why(trainer, None, language)
        }
        Diagnosis::OutputDead { death, .. } => match death {
            Death::BornDead { .. } => i18n::HEADLINE_OUTPUT_BORN_DEAD.get(language).to_string(),
            Death::Killed(update) => {
                i18n::HEADLINE_OUTPUT_KILLED.fill(language, &[&(update.iteration + 1)])
                    + &why(trainer, Some(update), language)
            }
        },
        Diagnosis::SoftmaxOutput { .. } => i18n::HEADLINE_SOFTMAX.get(language).to_string(),
        Diagnosis::SigmoidSaturated {
            nearest_pre_activation,
            ..
        } => i18n::HEADLINE_SIGMOID.fill(
            language,
            &[&if nearest_pre_activation > 0.0 { 1 } else { 0 }],
        ),
        Diagnosis::HiddenDead { layer, death, .. } => match death {
            Some(Death::BornDead { .. }) => {
                i18n::HEADLINE_LAYER_BORN_DEAD.fill(language, &[&(layer + 1)])
            }
            Some(Death::Killed(update)) => {
                i18n::HEADLINE_LAYER_DEAD.fill(language, &[&(layer + 1)])
                    + &why(trainer, Some(update), language)
            }
            None => i18n::HEADLINE_LAYER_DEAD.fill(language, &[&(layer + 1)]),
        },
        Diagnosis::Learning { .. } => i18n::HEADLINE_LEARNING.fill(language, &[&target()]),
        Diagnosis::Converged {
            loss,
            standard,
            floors,
        } => {
            let r_squared = floors
                .r_squared(loss)
                .map_or_else(String::new, r_squared_text);
            let words = match standard {
                Standard::Close => i18n::HEADLINE_CONVERGED,
                Standard::Constant => i18n::HEADLINE_CONVERGED_CONSTANT,
                Standard::NoiseFloor => i18n::HEADLINE_AT_NOISE_FLOOR,
            };
            let mut line = words.fill(language, &[&target(), &r_squared]);
            if let Some(times) = overfitting(trainer) {
                line.push_str(&i18n::HEADLINE_OVERFITTING.fill(language, &[&times]));
            }
            line
        }
    };
    let accuracy_zero = trainer.config().metric == Metric::Accuracy
        && trainer.history().last().is_some_and(|s| s.accuracy == 0.0);
    if accuracy_zero {
        line.push_str(i18n::HEADLINE_ACCURACY_ZERO.get(language));
    }
    line
}

/// How many times the training loss the validation loss is, when the network has gone below the
/// noise its data holds (training loss under the noise floor) and the validation loss is more than
/// twice the training loss: it is learning the noise. `None` otherwise (noiseless data never: a
/// validation part beyond the training x, as in the question, is extrapolation, not noise).
pub fn overfitting(trainer: &Trainer) -> Option<String> {
    let last = trainer.history().last()?;
    let validation = last.val_loss?;
    let floor = trainer.data().floors.own_floor()?;
    let below_noise = last.loss < floor;
    (below_noise && last.loss > 0.0 && validation > 2.0 * last.loss)
        .then(|| format!("{:.0}", validation / last.loss))
}

/// Classroom mode's one line when a fit is over-fitting (`overfitting`): that, not "Learned", is what
/// the class should read from the back of the room. `None` otherwise.
pub fn over_fitting_line(trainer: &Trainer, language: Language) -> Option<String> {
    if !matches!(trainer.diagnosis_now(), Diagnosis::Converged { .. }) {
        return None;
    }
    overfitting(trainer).map(|times| i18n::HEADLINE_OVERFITTING_SHORT.fill(language, &[&times]))
}

/// Why, in one plain clause: raw x or y is large and an update (the first, or else `killing`)
/// threw the weights far (`Trainer::oversized_update`); or nothing when the numbers do not show it.
fn why(trainer: &Trainer, killing: Option<UpdateSize>, language: Language) -> String {
    let Some(update) = trainer.oversized_update(killing) else {
        return String::new();
    };
    let config = trainer.config();
    let data = trainer.data();
    let largest = |values: &[f64]| largest_magnitude(values[data.fit.clone()].iter().copied());
    let (x_max, y_max) = (largest(&data.x), largest(&data.y));
    let x_large = config.x_scale == XScale::None && x_max > LARGE_VALUE;
    let y_large = config.y_scale == YScale::None && y_max > LARGE_VALUE;
    let update = update.iteration + 1;
    match (x_large, y_large) {
        (true, true) => {
            i18n::HEADLINE_WHY_X_AND_Y.fill(language, &[&compact(x_max), &compact(y_max), &update])
        }
        (true, false) => i18n::HEADLINE_WHY_X.fill(language, &[&compact(x_max), &update]),
        (false, true) => i18n::HEADLINE_WHY_Y.fill(language, &[&compact(y_max), &update]),
        (false, false) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;

    fn run(query: &str) -> Trainer {
        let mut trainer = Trainer::new(&Config::from_query_strict(query).unwrap());
        trainer.run();
        trainer
    }

    /// Words of notation the headline must not use (the detail may).
    const NOTATION: [&str; 6] = ["f'(", "w·x", "mean(y²)", "var(y)", "σ'", "≤"];

    #[test]
    fn the_questions_headline_says_it_died_and_why_in_plain_words() {
        let trainer = run("preset=question");
        let update = trainer
            .oversized_update(None)
            .expect("update 1 is oversized");
        assert_eq!(update.iteration, 0);
        for language in [Language::En, Language::Zh] {
            let line = headline(&trainer, None, language);
            for notation in NOTATION {
                assert!(!line.contains(notation), "{line}");
            }
            // x up to 600 and y up to 1,200 in the training part, and accuracy 0 explained.
            assert!(line.contains("600") && line.contains("1,200"), "{line}");
            assert!(line.contains('0'), "{line}");
        }
        let english = headline(&trainer, None, Language::En);
        assert!(english.starts_with("The network died"), "{english}");
        assert!(
            english.contains("update 1 threw the weights far"),
            "{english}"
        );
        assert!(
            english.contains("Accuracy 0 says nothing here"),
            "{english}"
        );
    }

    #[test]
    fn a_fit_names_its_target_and_r_squared() {
        let trainer = run("preset=standardized&f=abs(x)&epochs=60&metric=mae");
        let english = headline(&trainer, None, Language::En);
        assert!(english.contains("y = abs(x)"), "{english}");
        assert!(!english.contains("2x"), "{english}");
    }

    #[test]
    fn the_banner_says_each_thing_once() {
        // Converged, learning and (one epoch: the loss said once) learning at its first loss.
        for query in [
            "preset=standardized",
            "preset=adam",
            "preset=standardized&epochs=1",
        ] {
            let trainer = run(query);
            assert!(
                matches!(
                    trainer.diagnosis(),
                    crate::engine::Diagnosis::Converged { .. }
                        | crate::engine::Diagnosis::Learning { .. }
                ),
                "{query}: {:?}",
                trainer.diagnosis()
            );
            super::super::assert_said_once(&trainer);
        }
    }

    /// A constant target: var(y) is 0, so 2% of it asked for a loss of exactly 0, and a run that
    /// had learned y = 3 to within a few hundredths read "does not fit y = 3 yet" for ever.
    #[test]
    fn a_run_that_learned_a_constant_says_so() {
        let trainer = run("preset=standardized&f=3&epochs=200");
        let last = trainer.history().last().unwrap();
        // Its predictions are within 0.1 of 3 on every point it trained on (a root mean square
        // error of 0.026), so it has learned y = 3 by any reading.
        assert!(last.loss.sqrt() < 0.1, "{last:?}");
        let line = headline(&trainer, None, Language::En);
        assert!(
            line.starts_with("Learned: the network fits y = 3"),
            "{line}"
        );
        // No R² (var(y) is 0), and the detail says why.
        assert!(!line.contains("R²"), "{line}");
        let detail = crate::engine::report::explain_in(&trainer, Language::En);
        assert!(
            detail.contains("y is the same at every training point"),
            "{detail}"
        );
        assert!(headline(&trainer, None, Language::Zh).starts_with("学会了"));
        super::super::assert_said_once(&trainer);
    }

    #[test]
    fn few_noisy_points_gone_below_their_noise_read_as_over_fitting() {
        use crate::engine::judge::Standard;
        // The lesson's last step: 11 training points of sin(2πx) with noise σ = 0.3 (too few to
        // estimate it), 99 validation points. After 3000 epochs the training loss is far below
        // σ² = 0.09 and the validation loss far above: the banner must name over-fitting, not ask
        // for a lower loss.
        let trainer = run("f=sin(2*pi*x)&data=uniform&lo=0&hi=1&n=110&train=110&vsplit=0.9&noise=0.3&out=linear&epochs=3000&opt=adam");
        let last = trainer.history().last().unwrap();
        let sigma_squared = 0.3 * 0.3;
        assert!(last.loss < 0.5 * sigma_squared, "{last:?}");
        assert!(last.val_loss.unwrap() > 4.0 * last.loss, "{last:?}");
        assert!(
            matches!(
                trainer.diagnosis(),
                Diagnosis::Converged {
                    standard: Standard::NoiseFloor,
                    ..
                }
            ),
            "{:?}",
            trainer.diagnosis()
        );
        let line = headline(&trainer, None, Language::En);
        assert!(line.contains("(over-fitting)"), "{line}");
        let detail = crate::engine::report::explain_in(&trainer, Language::En);
        assert!(detail.contains("σ² = 0.09 "), "{detail}");
        // Not "at" the noise: 0.0133 is far below it.
        assert!(detail.contains("is below the noise"), "{detail}");
        assert!(!detail.contains("is at the noise"), "{detail}");
        assert!(headline(&trainer, None, Language::Zh).contains("过拟合"));
        // The classroom's one line says it too, with the ratio of the last epoch's losses.
        let times = format!("{:.0}", last.val_loss.unwrap() / last.loss);
        let short = over_fitting_line(&trainer, Language::En).unwrap();
        assert!(
            short.starts_with("Over-fitting") && short.contains(&format!(" {times} times")),
            "{short}"
        );
        assert!(over_fitting_line(&run("preset=standardized"), Language::En).is_none());
        super::super::assert_said_once(&trainer);
        // As few points without added noise: no floor but R² ≥ 0.98.
        let clean = run("f=sin(2*pi*x)&data=uniform&lo=0&hi=1&n=10&train=10&epochs=1");
        assert_eq!(clean.data().floors.noise, None);
    }

    #[test]
    fn a_failed_run_says_each_thing_once() {
        use crate::engine::Diagnosis;
        // Every way a run can fail, each checked in both languages: killed output (the question),
        // born-dead output, a dead hidden layer, a saturated sigmoid, a one-unit softmax, divergence.
        let mut seen = Vec::new();
        let born_dead = (0..20)
            .map(|seed| format!("preset=question&seed={seed}&epochs=1"))
            .find(|query| {
                matches!(
                    run(query).diagnosis(),
                    Diagnosis::OutputDead {
                        death: crate::engine::train::Death::BornDead { .. },
                        ..
                    }
                )
            })
            .expect("a born-dead seed among 0..20");
        for query in [
            "preset=question",
            born_dead.as_str(),
            "preset=question&out=linear&epochs=3",
            "out=sigmoid&epochs=3&lr=1&seed=1",
            "preset=question&out=softmax&epochs=2",
            "preset=question&out=linear&lr=10&epochs=3",
        ] {
            let trainer = run(query);
            let kind = format!("{:?}", trainer.diagnosis());
            seen.push(kind.split([' ', '{', '(']).next().unwrap_or("").to_string());
            super::super::assert_said_once(&trainer);
        }
        for kind in [
            "OutputDead",
            "HiddenDead",
            "SigmoidSaturated",
            "SoftmaxOutput",
            "Diverged",
        ] {
            assert!(seen.iter().any(|s| s == kind), "{kind} not among {seen:?}");
        }
    }

    #[test]
    fn a_rewound_run_is_about_to_die_at_its_next_update() {
        let config = Config::from_query_strict("preset=question").unwrap();
        let killing = Trainer::killing_update(&config).expect("the question is killed");
        let rewound = Trainer::replayed_to(&config, killing);
        let next = rewound.preview_next_update(1.0);
        let line = headline(&rewound, Some(&next), Language::En);
        assert_eq!(
            line,
            format!(
                "Paused just before update {}: the network is still alive, and this next update kills it.",
                killing + 1
            )
        );
    }
}
