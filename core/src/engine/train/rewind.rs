//! A rewind spread over many calls (issue 19: work that can freeze the page runs within the frame
//! budget or shows progress): the main run replayed from its seed to just before an update, then
//! each pinned run replayed from its seed to where the main run stands; or first the run played to
//! its end to find the update that killed it (the lesson's rewind step). Each call trains as long
//! as the caller's `keep_going` says (the page's closure reads the clock; the core does not), and
//! the runs it ends with are bit for bit those of `Trainer::replayed_to` and `Trainer::caught_up`.

use super::Trainer;
use crate::engine::config::{Config, Phrase};
use crate::i18n;

/// A rewind under way.
#[derive(Clone, Debug)]
pub struct Rewind {
    /// The pinned runs' settings: each is replayed from its seed to where the main run lands.
    pins: Vec<Config>,
    stage: Stage,
}

#[derive(Clone, Debug)]
enum Stage {
    /// The run played to its end (from its seed) to find the update that killed it.
    FindKilling(Trainer),
    /// The main run replayed to just before update `iteration`, then each pinned run in order
    /// (`pins` holds those begun) to where it stands.
    Replay {
        iteration: u64,
        main: Trainer,
        pins: Vec<Trainer>,
    },
}

/// How far a rewind is, for the status line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Looking for the killing update: `epoch` of the run's `epochs` played.
    FindingKilling { epoch: usize, epochs: usize },
    /// `update` of the `of` updates replayed.
    Rewinding { update: u64, of: u64 },
    /// Pinned run `pin` (from 1) at `epoch`, on its way to the main run's epoch `of`.
    CatchingUp { pin: usize, epoch: usize, of: usize },
}

impl Progress {
    /// The status line's words (in both languages).
    pub fn phrase(self) -> Phrase {
        match self {
            Progress::FindingKilling { epoch, epochs } => {
                Phrase::new(i18n::PROGRESS_FINDING_KILLING, &[&epoch, &epochs])
            }
            Progress::Rewinding { update, of } => {
                Phrase::new(i18n::PROGRESS_REWINDING, &[&update, &of])
            }
            Progress::CatchingUp { pin, epoch, of } => {
                Phrase::new(i18n::PROGRESS_CATCHING_UP, &[&pin, &epoch, &of])
            }
        }
    }
}

/// What one call of `Rewind::advance` came to.
#[derive(Clone, Debug)]
pub enum Advance {
    /// Not done: the rewind as far as it got, and how far that is.
    More(Rewind, Progress),
    /// Done: the main run just before update `iteration`, the pinned runs where it stands.
    Rewound {
        iteration: u64,
        main: Trainer,
        pins: Vec<Trainer>,
    },
    /// Nothing to rewind to: the run is not killed within its epochs.
    Nothing,
}

impl Rewind {
    /// Rewinds the run `config` to just before update `iteration` (0-based), with `pins` beside it.
    pub fn to_update(config: &Config, iteration: u64, pins: Vec<Config>) -> Rewind {
        Rewind {
            pins,
            stage: Stage::Replay {
                iteration,
                main: Trainer::new(config),
                pins: Vec::new(),
            },
        }
    }

    /// Rewinds the run `config` to just before the update that killed it, if one does
    /// (`Trainer::killing_update`, spread over calls), with `pins` beside it.
    pub fn to_killing_update(config: &Config, pins: Vec<Config>) -> Rewind {
        Rewind {
            pins,
            stage: Stage::FindKilling(Trainer::new(config)),
        }
    }

    /// Trains on while `keep_going` says so (asked after each batch; at least one batch per call
    /// while there is work), and says where that left the rewind.
    pub fn advance(self, keep_going: impl Fn() -> bool + Copy) -> Advance {
        let Rewind {
            pins: configs,
            stage,
        } = self;
        let (iteration, mut main, mut pins) = match stage {
            Stage::FindKilling(mut run) => {
                if !run.run_while(keep_going) {
                    let progress = Progress::FindingKilling {
                        epoch: run.epoch(),
                        epochs: run.config().epochs,
                    };
                    let stage = Stage::FindKilling(run);
                    return Advance::More(
                        Rewind {
                            pins: configs,
                            stage,
                        },
                        progress,
                    );
                }
                let Some(iteration) = run.killing_iteration() else {
                    return Advance::Nothing;
                };
                (iteration, Trainer::new(run.config()), Vec::new())
            }
            Stage::Replay {
                iteration,
                main,
                pins,
            } => (iteration, main, pins),
        };
        let more = |main, pins, progress| {
            let stage = Stage::Replay {
                iteration,
                main,
                pins,
            };
            Advance::More(
                Rewind {
                    pins: configs.clone(),
                    stage,
                },
                progress,
            )
        };
        if !main.replay_while(iteration, keep_going) {
            let progress = Progress::Rewinding {
                update: main.iterations(),
                of: iteration,
            };
            return more(main, pins, progress);
        }
        let (epoch, batch) = (main.epoch(), main.batch_in_epoch());
        loop {
            if let Some(run) = pins.last_mut() {
                if !run.catch_up_while(epoch, batch, keep_going) {
                    let at = run.epoch();
                    let progress = Progress::CatchingUp {
                        pin: pins.len(),
                        epoch: at,
                        of: epoch,
                    };
                    return more(main, pins, progress);
                }
            }
            match configs.get(pins.len()) {
                Some(config) => pins.push(Trainer::new(config)),
                None => break,
            }
        }
        Advance::Rewound {
            iteration,
            main,
            pins,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::report::fingerprint;
    use std::cell::Cell;

    fn config(query: &str) -> Config {
        Config::from_query_strict(query).expect("valid link")
    }

    /// Advances `rewind` with a budget of `k` batches per call until it is done; returns the end
    /// and every progress reported on the way.
    fn in_slices(mut rewind: Rewind, k: usize) -> (Advance, Vec<Progress>) {
        let asked = Cell::new(0usize);
        let keep_going = || {
            asked.set(asked.get() + 1);
            !asked.get().is_multiple_of(k)
        };
        let mut seen = Vec::new();
        loop {
            match rewind.advance(keep_going) {
                Advance::More(next, progress) => {
                    seen.push(progress);
                    rewind = next;
                }
                done => return (done, seen),
            }
            assert!(seen.len() < 1_000_000, "a rewind ends");
        }
    }

    /// The oracle: the run stepped by hand until `updates` updates are made.
    fn stepped(link: &str, updates: u64) -> Trainer {
        let mut run = Trainer::new(&config(link));
        while run.iterations() < updates && run.diverged().is_none() {
            run.step();
        }
        run
    }

    const MAIN: &str = "preset=question";
    /// Fewer and more batches per epoch than the main run.
    const PINS: [&str; 2] = [
        "preset=question&batch=64&lr=0.001",
        "preset=question&batch=8&lr=0.0001",
    ];

    #[test]
    fn a_rewind_in_slices_lands_the_main_run_and_each_pin_where_the_one_go_forms_do() {
        let target = 150;
        let oracle = stepped(MAIN, target);
        for k in [1, 7, 40] {
            let pins = PINS.iter().map(|p| config(p)).collect();
            let (done, seen) = in_slices(Rewind::to_update(&config(MAIN), target, pins), k);
            let Advance::Rewound {
                iteration,
                main,
                pins,
            } = done
            else {
                panic!("k={k}: {done:?}")
            };
            assert!(!seen.is_empty(), "k={k}: spread over calls");
            assert_eq!(iteration, target);
            assert_eq!(main.iterations(), target);
            assert_eq!(fingerprint(&main), fingerprint(&oracle), "k={k}");
            assert_eq!(pins.len(), PINS.len());
            for (pin, link) in pins.iter().zip(PINS) {
                let whole = Trainer::caught_up(&config(link), main.epoch(), main.batch_in_epoch());
                assert_eq!(fingerprint(pin), fingerprint(&whole), "{link} k={k}");
                assert!(pin.stands_at(main.epoch(), main.batch_in_epoch()));
            }
        }
    }

    #[test]
    fn a_rewind_reports_replayed_updates_then_each_pin_in_order_never_going_back() {
        let target = 150;
        let pins = PINS.iter().map(|p| config(p)).collect();
        let (_, seen) = in_slices(Rewind::to_update(&config(MAIN), target, pins), 5);
        let replaying: Vec<u64> = seen
            .iter()
            .filter_map(|p| match *p {
                Progress::Rewinding { update, of } => {
                    assert_eq!(of, target);
                    Some(update)
                }
                _ => None,
            })
            .collect();
        // Five updates a call: 5, 10, … up to the last call short of the target.
        assert_eq!(replaying.first(), Some(&5));
        assert!(
            replaying.windows(2).all(|w| w[1] == w[0] + 5),
            "{replaying:?}"
        );
        assert!(replaying.last().is_some_and(|&u| u < target));
        let pins_seen: Vec<usize> = seen
            .iter()
            .filter_map(|p| match *p {
                Progress::CatchingUp { pin, .. } => Some(pin),
                _ => None,
            })
            .collect();
        assert!(pins_seen.windows(2).all(|w| w[0] <= w[1]), "{pins_seen:?}");
        assert!(pins_seen.contains(&1) && pins_seen.contains(&2));
        let first_pin = seen
            .iter()
            .position(|p| matches!(p, Progress::CatchingUp { .. }))
            .expect("the pins catch up");
        assert!(seen[first_pin..]
            .iter()
            .all(|p| matches!(p, Progress::CatchingUp { .. })));
    }

    #[test]
    fn the_lessons_rewind_in_slices_finds_the_killing_update_and_lands_just_before_it() {
        let killing = Trainer::killing_update(&config(MAIN)).expect("the question's run is killed");
        let (done, seen) = in_slices(Rewind::to_killing_update(&config(MAIN), Vec::new()), 9);
        let Advance::Rewound {
            iteration, main, ..
        } = done
        else {
            panic!("{done:?}")
        };
        assert_eq!(iteration, killing);
        assert_eq!(fingerprint(&main), fingerprint(&stepped(MAIN, killing)));
        let epochs = config(MAIN).epochs;
        assert!(seen.iter().any(|p| matches!(
            p,
            Progress::FindingKilling { epoch, epochs: of } if *epoch < epochs && *of == epochs
        )));
    }

    #[test]
    fn a_run_that_is_not_killed_has_nothing_to_rewind_to() {
        let link = "preset=standardized&epochs=20";
        assert_eq!(Trainer::killing_update(&config(link)), None);
        let (done, _) = in_slices(Rewind::to_killing_update(&config(link), Vec::new()), 11);
        assert!(matches!(done, Advance::Nothing), "{done:?}");
    }

    #[test]
    fn progress_speaks_both_languages_with_its_numbers() {
        use crate::engine::config::Language;
        let phrase = Progress::CatchingUp {
            pin: 2,
            epoch: 310,
            of: 50_000,
        }
        .phrase();
        for language in [Language::En, Language::Zh] {
            let words = phrase.render(language);
            for number in ["2", "310", "50000"] {
                assert!(words.contains(number), "{words}");
            }
        }
        assert_ne!(phrase.render(Language::En), phrase.render(Language::Zh));
    }
}
