//! The page: a thin Leptos front over the engine. It renders state and forwards intent; every number
//! and word it shows comes from `engine` (training, diagnosis, progress line) and `charts` (drawing).
//!
//! Files: this one holds the state and the intents (`Lab`, `Frame`, `Load`) and `start`; `app.rs`
//! the top-level components; `browser.rs` the glue to the browser (first paint, panic panel, address
//! bar, test hooks; it imports nothing of this module back); `frame_loop.rs` the steps per animation
//! frame; `controls.rs`, `advice_panel.rs`, `sweep_panel.rs`, `lesson_panel.rs`, `compare.rs` and
//! `share.rs` the panels; `chunk.rs` the panels that come in chunks of wasm after the page is live;
//! `canvas/` the charts' canvases; `pool.rs` the workers; `storage.rs` own points kept in the
//! browser; `speed.rs` the speed menu's choices.
//!
//! State: one `RwSignal<Config>` (widgets, URL and presets read and write only it), the `Trainer` kept
//! out of the reactive graph in a `StoredValue`, and one small `Frame` snapshot published per
//! animation frame. Effects only talk to the outside world (canvas, address bar).

mod advice_panel;
mod app;
mod browser;
mod canvas;
mod chunk;
mod compare;
mod controls;
mod frame_loop;
mod lesson_panel;
mod pool;
mod share;
mod speed;
mod storage;
mod sweep_panel;

use crate::charts::LossView;
use crate::engine::config::{Key, Language, Panel, Phrase, Word};
use crate::engine::train::{NextUpdate, Standing, Trainer};
use crate::engine::{report, Config, Diagnosis, Notice, Preset};
use crate::i18n::{self, Text};
use leptos::prelude::*;

pub use app::App;
use browser::write_history;
pub use browser::{bench_epochs, debug_panic, HistoryEntry};
pub use speed::Speed;

/// Mounts the app on `<body>` (in place of index.html's first paint) and installs the panic panel.
pub fn start() {
    browser::install_panic_panel();
    #[cfg(feature = "lean")]
    relu_lab_hot::install();
    browser::remove_first_paint();
    leptos::mount::mount_to_body(App);
}

/// What the page shows of the run, published once per animation frame (or on a user action).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Frame {
    /// Bumped on every publish: the charts redraw when it changes.
    pub version: u64,
    pub epoch: usize,
    pub epochs: usize,
    pub batch_in_epoch: usize,
    /// Updates made: a status message is true only until the next one.
    pub iterations: u64,
    pub diagnosis: Diagnosis,
    /// The banner's first line, in plain words (`report::headline`).
    pub headline: String,
    /// Classroom mode's one line when the run is over-fitting (`report::over_fitting_line`).
    pub stage_line: Option<String>,
    pub explanation: String,
    pub progress: String,
    /// Why accuracy is what it is (only when the metric is accuracy and an epoch has run).
    pub accuracy_note: Option<String>,
    pub finished: bool,
    /// `report::fingerprint` of the run, computed only while paused (it reads the whole history).
    pub fingerprint: Option<String>,
    /// For the `log` preset: how this run's numbers compare with the learner's posted line.
    pub learners_log: Option<String>,
    /// The pinned runs: how each differs from this one, its diagnosis and (paused) fingerprint.
    pub pinned: Vec<PinnedFrame>,
    /// The update that collapsed the network, if one did (the rewind button's target).
    pub killing_update: Option<u64>,
    /// While rewound: what the next update will do, and (once asked) with the learning rate ÷ 10.
    pub next_update: Option<(NextUpdate, Option<NextUpdate>)>,
}

/// One pinned run in a snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct PinnedFrame {
    pub label: String,
    pub epoch: usize,
    pub standing: Standing,
    pub fingerprint: Option<String>,
}

/// The handles the whole page shares. `Copy`: pass it anywhere.
#[derive(Clone, Copy)]
pub struct Lab {
    pub config: RwSignal<Config>,
    pub trainer: StoredValue<Trainer>,
    /// The pinned runs' trainers, in `Config::pinned` order; they train along with the main one.
    pub pinned: StoredValue<Vec<Trainer>>,
    /// Rewound to just before an update: the page shows what each next update does.
    pub rewound: RwSignal<bool>,
    /// Asked to replay the next update with the learning rate ÷ 10.
    pub gentle: RwSignal<bool>,
    pub frame: RwSignal<Frame>,
    pub running: RwSignal<bool>,
    pub speed: RwSignal<Speed>,
    /// The run stops by itself at this epoch; "keep training" raises it.
    pub stop_at: RwSignal<usize>,
    pub loss_view: RwSignal<LossView>,
    /// The hidden layer the units chart shows (0-based).
    pub units_layer: RwSignal<usize>,
    /// The lesson step in use, if any (its words show above the run).
    pub lesson_step: RwSignal<Option<usize>>,
    /// The lesson's steps, handed over by the lesson's chunk when it arrives (the step box on the
    /// first screen reads them; only a step chosen in the lesson's panel sets `lesson_step`).
    pub lesson: StoredValue<Option<lesson_panel::Lesson>>,
    /// Notices about settings not taken as written (from the link or a widget), dismissible; shown
    /// in the page's language.
    pub notices: RwSignal<Vec<Notice>>,
    /// The browser's preferred language (what a link without `lang` shows).
    pub browser: Language,
    /// A short status message ("settings changed: the run was reset"), kept as words of the table
    /// so it follows a change of language, with the update count it was true at: it goes once the
    /// run moves on ("reset to epoch 0" is not true at epoch 20).
    pub status: RwSignal<Option<(Phrase, u64)>>,
    pub raf: StoredValue<Option<AnimationFrameRequestHandle>>,
    /// The paused work's pending frame (see `frame_loop::settle`).
    pub settling: StoredValue<Option<AnimationFrameRequestHandle>>,
    /// A rewind under way (replayed a frame's budget at a time, see `frame_loop::settle`).
    pub rewinding: StoredValue<Option<crate::engine::train::Rewind>>,
    /// A rewind is under way: the transport waits for it.
    pub busy: RwSignal<bool>,
    /// How far the work spread over frames is (shown instead of the status message meanwhile).
    pub progress: RwSignal<Option<Phrase>>,
    /// How long each frame may train, so training and drawing fit the display's frame.
    pub pace: StoredValue<crate::pace::Pace>,
    /// Which charts the next frames draw (see `crate::redraw`).
    pub redraw: StoredValue<crate::redraw::Redraw>,
    /// Notified when an intent leaves work for the paused frames (pinned runs to catch up): the
    /// frame loop follows it (`frame_loop::install`), so the state never calls the loop.
    pub wake: Trigger,
}

impl Lab {
    fn new(config: Config, notices: Vec<Notice>, browser: Language) -> Lab {
        let trainer = Trainer::new(&config);
        let lab = Lab {
            stop_at: RwSignal::new(config.epochs),
            pinned: StoredValue::new(config.pinned().iter().map(Trainer::new).collect()),
            config: RwSignal::new(config),
            trainer: StoredValue::new(trainer),
            rewound: RwSignal::new(false),
            gentle: RwSignal::new(false),
            frame: RwSignal::new(Frame::default()),
            running: RwSignal::new(false),
            speed: RwSignal::new(Speed::Max),
            loss_view: RwSignal::new(LossView::Loss),
            units_layer: RwSignal::new(0),
            lesson_step: RwSignal::new(None),
            lesson: StoredValue::new(None),
            notices: RwSignal::new(notices),
            browser,
            status: RwSignal::new(None),
            raf: StoredValue::new(None),
            settling: StoredValue::new(None),
            rewinding: StoredValue::new(None),
            busy: RwSignal::new(false),
            progress: RwSignal::new(None),
            pace: StoredValue::new(Default::default()),
            redraw: StoredValue::new(Default::default()),
            wake: Trigger::new(),
        };
        lab.publish();
        lab
    }

    /// Publishes a fresh snapshot of the trainer (at most once per frame from the loop).
    pub fn publish(&self) {
        let version = self.frame.with_untracked(|f| f.version) + 1;
        let paused = !self.running.get_untracked();
        let language = self.language_untracked();
        let pinned = self.pinned.with_value(|runs| {
            self.trainer.with_value(|main| {
                runs.iter()
                    .map(|run| PinnedFrame {
                        label: main.config().difference_label(run.config(), language),
                        // The epoch its loss curve ends at (one source for the words and the line).
                        epoch: run.last_finite_epoch(),
                        standing: run.standing(),
                        fingerprint: paused.then(|| report::fingerprint(run)),
                    })
                    .collect::<Vec<_>>()
            })
        });
        let rewound = self.rewound.get_untracked() && paused;
        let gentle = self.gentle.get_untracked();
        let frame = self.trainer.with_value(|trainer| {
            let last = trainer.history().last();
            let in_epoch = trainer.batch_in_epoch() > 0;
            let done_rows = if in_epoch {
                (trainer.batch_in_epoch() * trainer.config().batch_size).min(trainer.fit_rows())
            } else if last.is_some() {
                trainer.fit_rows()
            } else {
                0
            };
            let running = trainer.running_stats();
            let stats = if in_epoch { running.as_ref() } else { last };
            let next_update = rewound.then(|| {
                (
                    trainer.preview_next_update(1.0),
                    gentle.then(|| trainer.preview_next_update(0.1)),
                )
            });
            Frame {
                version,
                epoch: trainer.epoch(),
                epochs: trainer.config().epochs,
                batch_in_epoch: trainer.batch_in_epoch(),
                iterations: trainer.iterations(),
                diagnosis: trainer.diagnosis_now(),
                headline: report::headline(
                    trainer,
                    next_update.as_ref().map(|(next, _)| next),
                    language,
                ),
                stage_line: report::over_fitting_line(trainer, language),
                explanation: report::explain_in(trainer, language),
                progress: report::progress_line(trainer, stats, done_rows),
                accuracy_note: (trainer.config().metric == crate::engine::config::Metric::Accuracy)
                    .then(|| last.map(|s| report::explain_accuracy(s, language)))
                    .flatten(),
                finished: trainer.is_finished(),
                fingerprint: paused.then(|| report::fingerprint(trainer)),
                learners_log: (trainer.config().preset == Preset::Log)
                    .then(|| report::compare_with_learners_log(trainer, language))
                    .flatten(),
                pinned,
                killing_update: trainer.killed().map(|(_, update)| update.iteration),
                next_update,
            }
        });
        self.frame.set(frame);
    }

    /// Starts the run again from the current `Config` (same seed: the same run), and the pinned runs
    /// with it, so they train side by side from their first update.
    pub fn reset(&self) {
        let config = self.config.get_untracked();
        self.stop_at.set(config.epochs);
        let depth = config.widths().len();
        self.units_layer
            .update(|layer| *layer = (*layer).min(depth - 1));
        self.trainer.set_value(Trainer::new(&config));
        self.pinned
            .set_value(config.pinned().iter().map(Trainer::new).collect());
        self.rewound.set(false);
        self.gentle.set(false);
        // A rewind under way is for the run that was.
        self.rewinding.set_value(None);
        self.busy.set(false);
        self.progress.set(None);
        self.publish();
    }

    /// Keeps one trainer per pinned run: a pin of the run on screen starts as a copy of it (it keeps
    /// its progress), the others are kept or started anew.
    fn follow_pins(&self) {
        let wanted = self.config.with_untracked(Config::pinned);
        let main = self.trainer.get_value();
        self.pinned.update_value(|runs| {
            let mut old = std::mem::take(runs);
            *runs = wanted
                .iter()
                .map(|config| {
                    if let Some(index) = old.iter().position(|t| t.config().same_run(config)) {
                        old.remove(index)
                    } else if main.config().same_run(config) {
                        main.clone()
                    } else {
                        Trainer::new(config)
                    }
                })
                .collect();
        });
    }

    /// Trains on to epoch `epochs`. A run at its end takes the new `epochs` into its `Config` (and
    /// its pinned runs theirs) without starting again, so the progress line says "Epoch 21/40" and
    /// the link opens the longer run; a lesson's step that stopped early just goes on.
    fn keep_training(&self, epochs: usize) {
        let finished = self.trainer.with_value(Trainer::is_finished);
        let mut config = self.config.get_untracked();
        if finished && config.keep_training_to(epochs).is_empty() {
            self.trainer.update_value(|run| {
                run.continue_as(&config);
            });
            let pinned = config.pinned();
            self.pinned.update_value(|runs| {
                for (run, config) in runs.iter_mut().zip(&pinned) {
                    run.continue_as(config);
                }
            });
            self.config.set(config);
            self.follow_config();
        }
        self.stop_at.set(epochs);
    }

    /// Pins the run on screen: it is kept (and keeps training) beside whatever comes next.
    pub fn pin(&self) {
        self.write(Config::pin_this_run);
        self.say(Phrase::new(i18n::STATUS_PINNED, &[]));
    }

    /// Removes pinned run `index`.
    pub fn unpin(&self, index: usize) {
        self.write(|config| config.unpin(index));
    }

    /// Stops playing and cancels the loop's pending frames (the paused work's too: the next `wake`
    /// or step starts it again).
    pub fn pause(&self) {
        self.running.set(false);
        self.cancel_frames();
    }

    /// Cancels the pending frame and the paused work's (on pause, before playing, on cleanup).
    pub fn cancel_frames(&self) {
        if let Some(Some(handle)) = self.raf.try_get_value() {
            handle.cancel();
        }
        self.raf.try_set_value(None);
        if let Some(Some(handle)) = self.settling.try_get_value() {
            handle.cancel();
        }
        self.settling.try_set_value(None);
        self.pace.try_update_value(crate::pace::Pace::pause);
    }

    /// The settings of the pinned runs as they are.
    fn pinned_configs(&self) -> Vec<Config> {
        self.pinned
            .with_value(|runs| runs.iter().map(|run| run.config().clone()).collect())
    }

    /// A rewind's replay is done: the main run stands just before the update it was asked for, the
    /// pinned runs where it stands (the same bits as replaying them in one go).
    fn rewound_to(&self, main: Trainer, pins: Vec<Trainer>) {
        self.trainer.set_value(main);
        self.pinned.set_value(pins);
        // Pins changed meanwhile (Back, an advised pin) are kept as the settings now say.
        self.follow_pins();
        self.rewound.set(true);
        self.gentle.set(false);
        self.busy.set(false);
        // The headline says where the run stands and the box what the next update does: the status
        // line says nothing more.
        self.status.set(None);
        self.publish();
    }

    /// Changes one setting the way every widget does: through `Config::set`, which runs the same
    /// checks as a link. A new run starts only when the run changed, and only then does the page
    /// say so.
    pub fn set(&self, key: Key, value: &str) {
        self.write(|config| config.set(key, value));
    }

    /// Any write through the core's helpers (all built on `Config::set`): shows what was not taken
    /// as written, then follows the change.
    pub fn write(&self, change: impl FnOnce(&mut Config) -> Vec<Notice>) {
        let mut notices = Vec::new();
        self.config.update(|config| notices = change(config));
        self.show_notices(&notices);
        self.follow_config();
    }

    /// Takes a whole configuration read from a link (a lesson step, a sweep's seed, Back/Forward),
    /// as `Load` says: keeping how the page shows it or not, recorded in the browser history or not.
    pub fn load(&self, mut config: Config, load: Load) {
        if load.view == View::Keep {
            let notices = self
                .config
                .with_untracked(|current| config.keep_view_of(current));
            self.show_notices(&notices);
        }
        self.pause();
        self.config.set(config);
        if load.history == HistoryEntry::Push {
            write_history(&self.config.get_untracked(), HistoryEntry::Push);
        }
        self.follow_config();
    }

    /// Opens a link's run (an example of the formula menu), keeping the page's view.
    pub fn load_link(&self, link: &str) {
        let (config, notices) = Config::from_query(link);
        self.show_notices(&notices);
        self.load(config, Load::MENU);
    }

    /// Trains on the learner's own points (read and checked whole by `engine::table`), read from
    /// the columns and the file `names` names.
    pub fn use_data(
        &self,
        points: crate::engine::table::Points,
        names: crate::engine::config::DataNames,
    ) {
        self.pause();
        // Kept in the browser first, so the address may name them by their tag (a reload restores them).
        storage::keep(&points);
        self.write(|config| config.use_data(points, &names));
        write_history(&self.config.get_untracked(), HistoryEntry::Push);
    }

    /// After the configuration changed: a new run if the run changed, else a fresh snapshot (the
    /// language, say, changed the words).
    fn follow_config(&self) {
        let config = self.config.get_untracked();
        let same = self.trainer.with_value(|t| t.config().same_run(&config));
        if same {
            self.follow_pins();
            // A new pinned run catches up with the main one across frames (the loop's work).
            self.wake.notify();
            self.publish();
        } else {
            self.pause();
            self.reset();
            self.say(Phrase::new(i18n::STATUS_SETTINGS_CHANGED, &[]));
        }
    }

    fn show_notices(&self, notices: &[Notice]) {
        if !notices.is_empty() {
            self.notices
                .update(|list| list.extend(notices.iter().cloned()));
        }
    }

    /// Shows a status message (in the page's language, whichever it is when read).
    pub fn say(&self, phrase: Phrase) {
        let at = self.trainer.with_value(Trainer::iterations);
        self.status.set(Some((phrase, at)));
    }

    /// The status message while it is still true (tracked).
    pub fn status_now(&self) -> Option<String> {
        let iterations = self.frame.with(|f| f.iterations);
        let language = self.language();
        self.status.with(|s| {
            s.as_ref()
                .filter(|(_, at)| *at == iterations)
                .map(|(phrase, _)| phrase.render(language))
        })
    }

    /// The language the page speaks (tracked: views that call it follow a change).
    pub fn language(&self) -> Language {
        self.config.with(|c| c.language.resolve(self.browser))
    }

    pub fn language_untracked(&self) -> Language {
        self.config
            .with_untracked(|c| c.language.resolve(self.browser))
    }

    /// A message of the table in the page's language (tracked).
    pub fn tr(&self, text: Text) -> &'static str {
        text.get(self.language())
    }

    /// A message with values, in the page's language (tracked).
    pub fn fill(&self, text: Text, values: &[&dyn std::fmt::Display]) -> String {
        text.fill(self.language(), values)
    }

    /// Whether a panel is hidden: it is listed in `hide` and classroom mode is on.
    pub fn hides(&self, panel: Panel) -> bool {
        self.config
            .with(|c| c.classroom && c.hidden_panels.contains(&panel))
    }

    /// Loads a preset the way `preset=` in a link does (`Config::set`: the pinned runs and the
    /// page's view stay) and records it in the browser history.
    pub fn load_preset(&self, name: &str) {
        self.pause();
        self.set(Key::Preset, name);
        write_history(&self.config.get_untracked(), HistoryEntry::Push);
        if let Ok(preset) = name.parse::<Preset>() {
            self.say(Phrase {
                text: i18n::STATUS_PRESET_LOADED,
                values: vec![Word::Phrase(Phrase::new(preset.title_text(), &[]))],
            });
        }
    }
}

/// Whether a loaded configuration keeps how the page shows the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The page's language, classroom mode and hidden panels stay (a menu, a lesson step).
    Keep,
    /// The loaded configuration's own (Back/Forward: the address holds them).
    Take,
}

/// How `Lab::load` takes a configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Load {
    pub view: View,
    pub history: HistoryEntry,
}

impl Load {
    /// From a menu, a lesson step or a sweep's seed: the page's view stays, Back returns.
    pub const MENU: Load = Load {
        view: View::Keep,
        history: HistoryEntry::Push,
    };
    /// From Back/Forward: the address's configuration as it is.
    pub const ADDRESS: Load = Load {
        view: View::Take,
        history: HistoryEntry::Leave,
    };
}
