//! The page: a thin Leptos front over the engine. It renders state and forwards intent; every number
//! and word it shows comes from `engine` (training, diagnosis, progress line) and `charts` (drawing).
//!
//! State: one `RwSignal<Config>` (widgets, URL and presets read and write only it), the `Trainer` kept
//! out of the reactive graph in a `StoredValue`, and one small `Frame` snapshot published per
//! animation frame. Effects only talk to the outside world (canvas, address bar).

mod advice_panel;
mod canvas;
mod compare;
mod controls;
mod frame_loop;
mod lesson_panel;
mod pool;
mod share;
mod storage;
mod sweep_panel;

use crate::charts::LossView;
use crate::engine::config::{Key, Language, Panel, Phrase, Word};
use crate::engine::train::{NextUpdate, Standing, Trainer};
use crate::engine::{report, Config, Diagnosis, Notice, Preset};
use crate::i18n::{self, Text};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub use frame_loop::Speed;

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
    /// How long each frame may train, so training and drawing fit the display's frame.
    pub pace: StoredValue<crate::pace::Pace>,
    /// Which charts the next frames draw (see `crate::redraw`).
    pub redraw: StoredValue<crate::redraw::Redraw>,
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
            notices: RwSignal::new(notices),
            browser,
            status: RwSignal::new(None),
            raf: StoredValue::new(None),
            pace: StoredValue::new(Default::default()),
            redraw: StoredValue::new(Default::default()),
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
            Frame {
                version,
                epoch: trainer.epoch(),
                epochs: trainer.config().epochs,
                batch_in_epoch: trainer.batch_in_epoch(),
                iterations: trainer.iterations(),
                diagnosis: trainer.diagnosis_now(),
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
                next_update: rewound.then(|| {
                    (
                        trainer.preview_next_update(1.0),
                        gentle.then(|| trainer.preview_next_update(0.1)),
                    )
                }),
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

    /// Pins the run on screen: it is kept (and keeps training) beside whatever comes next.
    pub fn pin(&self) {
        self.write(Config::pin_this_run);
        self.say(Phrase::new(i18n::STATUS_PINNED, &[]));
    }

    /// Removes pinned run `index`.
    pub fn unpin(&self, index: usize) {
        self.write(|config| config.unpin(index));
    }

    /// Puts the run back to just before update `iteration` (replayed from its seed: the same bits)
    /// and shows what the next updates do.
    pub fn rewind(&self, iteration: u64) {
        frame_loop::pause(*self);
        let config = self.config.get_untracked();
        let main = Trainer::replayed_to(&config, iteration);
        // The pinned runs go back with it: replayed to where the main run now stands.
        let (epoch, batch) = (main.epoch(), main.batch_in_epoch());
        self.pinned.update_value(|runs| {
            for run in runs.iter_mut() {
                *run = Trainer::caught_up(run.config(), epoch, batch);
            }
        });
        self.trainer.set_value(main);
        self.rewound.set(true);
        self.gentle.set(false);
        self.say(Phrase::new(i18n::STATUS_REWOUND, &[&(iteration + 1)]));
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
        frame_loop::pause(*self);
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

    /// Trains on the learner's own points (read and checked whole by `engine::table`).
    pub fn use_points(&self, points: crate::engine::table::Points) {
        frame_loop::pause(*self);
        // Kept in the browser first, so the address may name them by their tag (a reload restores them).
        storage::keep(&points);
        self.write(|config| config.use_points(points));
        write_history(&self.config.get_untracked(), HistoryEntry::Push);
    }

    /// After the configuration changed: a new run if the run changed, else a fresh snapshot (the
    /// language, say, changed the words).
    fn follow_config(&self) {
        let config = self.config.get_untracked();
        let same = self.trainer.with_value(|t| t.config().same_run(&config));
        if same {
            self.follow_pins();
            self.publish();
        } else {
            frame_loop::pause(*self);
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
        frame_loop::pause(*self);
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

/// Whether a change adds an entry to the browser history (Back returns to the previous setup).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryEntry {
    Push,
    Replace,
    Leave,
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

/// Mounts the app on `<body>` and installs the panic panel.
pub fn start() {
    install_panic_panel();
    leptos::mount::mount_to_body(App);
}

/// A panic anywhere shows a panel with a reload button, never a blank page.
fn install_panic_panel() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = document.body() else { return };
        if let Ok(panel) = document.create_element("div") {
            panel.set_class_name("panic-panel");
            let _ = panel.set_attribute("role", "alert");
            let _ = panel.set_attribute("data-testid", "panic");
            // The page's language, read again from the address: the app may be gone.
            let (config, _) = Config::from_query(&location_query());
            let language = config.language.resolve(browser_language());
            panel.set_text_content(Some(&i18n::PANIC_MESSAGE.fill(language, &[&info])));
            if let Ok(button) = document.create_element("button") {
                button.set_text_content(Some(i18n::PANIC_RELOAD.get(language)));
                let _ = button.set_attribute("onclick", "location.reload()");
                let _ = panel.append_child(&button);
            }
            let _ = body.append_child(&panel);
        }
    }));
}

/// The browser's preferred language: Chinese for any `zh*` in `navigator.languages`, else English.
fn browser_language() -> Language {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Language::En;
    };
    let chinese = navigator
        .languages()
        .iter()
        .filter_map(|l| l.as_string())
        .chain(navigator.language())
        .any(|l| l.to_ascii_lowercase().starts_with("zh"));
    if chinese {
        Language::Zh
    } else {
        Language::En
    }
}

/// The BCP 47 tag of a language, for `<html lang>`.
fn language_tag(language: Language) -> &'static str {
    match language {
        Language::En => "en",
        Language::Zh => "zh-CN",
    }
}

/// The current address' query string.
fn location_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Writes the config into the address bar: `push` adds a history entry (a preset, a lesson step, so
/// Back returns to the previous setup); otherwise it is replaced (sliders, typing).
fn write_history(config: &Config, entry: HistoryEntry) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    // Own points too long for a link are named by their tag once the browser keeps them.
    let prefix = web_sys::window()
        .and_then(|w| Some(w.location().origin().ok()?.len() + w.location().pathname().ok()?.len()))
        .unwrap_or(0)
        + 1;
    let query = crate::engine::stored::address_query(config, prefix, storage::holds);
    let url = format!("?{query}");
    let null = wasm_bindgen::JsValue::NULL;
    let _ = match entry {
        HistoryEntry::Push => history.push_state_with_url(&null, "", Some(&url)),
        HistoryEntry::Replace => history.replace_state_with_url(&null, "", Some(&url)),
        HistoryEntry::Leave => Ok(()),
    };
}

#[component]
pub fn App() -> impl IntoView {
    let (config, notices, _) = storage::address_config(&location_query());
    let lab = Lab::new(config, notices, browser_language());
    provide_context(lab);
    let pool = pool::Pool::new();
    provide_context(pool);
    let sweeps = sweep_panel::Sweeps::new(pool);
    provide_context(sweeps);

    // The address bar always holds the configuration (replaced, never pushed: a slider must not fill
    // the Back button). The only effect: it touches the outside world and nothing else.
    Effect::new(move |_| {
        lab.config
            .with(|config| write_history(config, HistoryEntry::Replace))
    });

    // Back / Forward: the address holds a config; load it (a preset or lesson step pushed it).
    let popstate = window_event_listener(leptos::ev::popstate, move |_| {
        let (config, notices, _) = storage::address_config(&location_query());
        lab.show_notices(&notices);
        lab.load(config, Load::ADDRESS);
    });
    on_cleanup(move || popstate.remove());
    frame_loop::install_keyboard(lab);
    on_cleanup(move || frame_loop::cancel(lab));

    // The document speaks the page's language: its `lang` (screen readers, fonts) and its title.
    Effect::new(move |_| {
        let language = lab.language();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", language_tag(language));
            }
            document.set_title(i18n::PAGE_TITLE.get(language));
        }
    });

    let classroom = move || lab.config.with(|c| c.classroom);
    view! {
        <div class="app" class:classroom=classroom>
            <header class="top">
                <h1>"relu-lab"</h1>
                <p class="tagline">{move || lab.tr(i18n::TAGLINE)}</p>
                <nav aria-label=move || lab.tr(i18n::NAV_SECTIONS)>
                    <a href="#lesson" class:hidden=move || lab.hides(Panel::Lesson)>{move || lab.tr(i18n::NAV_LESSON)}</a>
                    <a href="#sweep">{move || lab.tr(i18n::NAV_SWEEP)}</a>
                    <a href="#keras" class:hidden=move || lab.hides(Panel::Keras)>{move || lab.tr(i18n::NAV_KERAS)}</a>
                </nav>
                <Show when=classroom>
                    <button class="leave-classroom" data-testid="leave-classroom"
                        on:click=move |_| lab.set(Key::Classroom, "0")>{move || lab.tr(i18n::LEAVE_CLASSROOM)}</button>
                </Show>
            </header>
            <NoticeList/>
            <main class="lab" class:no-controls=move || [Panel::Data, Panel::Network, Panel::Training, Panel::Preset].into_iter().all(|p| lab.hides(p))>
                <aside class="controls" aria-label=move || lab.tr(i18n::SETTINGS_ARIA)>
                    <controls::Controls/>
                    <Show when=move || !classroom()>
                        <share::ClassroomPanel/>
                    </Show>
                </aside>
                <section class="stage">
                    <lesson_panel::LessonNow/>
                    <frame_loop::Transport/>
                    <Banner/>
                    <compare::Rewind/>
                    <canvas::Charts/>
                    <advice_panel::AdvicePanel/>
                    <share::ShareBar/>
                    <compare::Pinned/>
                    <AccuracyNote/>
                    <compare::Forensics/>
                    <sweep_panel::SweepPanel/>
                    <lesson_panel::LessonPanel/>
                    <share::KerasPanel/>
                </section>
            </main>
        </div>
    }
}

/// Notices about settings that were not taken as written. Text only: nothing from the URL is HTML.
#[component]
fn NoticeList() -> impl IntoView {
    let lab = expect_context::<Lab>();
    view! {
        <Show when=move || lab.notices.with(|n| !n.is_empty())>
            <div class="notices" role="status" data-testid="notices">
                <strong>{move || lab.tr(i18n::NOTICES_HEADING)}</strong>
                <ul>
                    {move || {
                        let language = lab.language();
                        lab.notices.get().iter().map(|notice| view! { <li>{notice.text(language)}</li> }).collect_view()
                    }}
                </ul>
                <button data-testid="dismiss-notices" on:click=move |_| lab.notices.set(Vec::new())>{move || lab.tr(i18n::NOTICES_DISMISS)}</button>
            </div>
        </Show>
    }
}

/// Why accuracy says what it says (after an epoch, when the metric is accuracy): folded, so the
/// charts stay close to the banner.
#[component]
fn AccuracyNote() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let frame = lab.frame;
    view! {
        <Show when=move || frame.with(|f| f.accuracy_note.is_some())>
            <details class="metric-note">
                <summary>{move || lab.tr(i18n::WHY_ACCURACY)}</summary>
                <p data-testid="accuracy-note">{move || frame.with(|f| f.accuracy_note.clone().unwrap_or_default())}</p>
            </details>
        </Show>
    }
}

/// The diagnosis in plain words and the Keras-style progress line.
#[component]
fn Banner() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let frame = lab.frame;
    view! {
        <div class="banner" data-testid="diagnosis" data-state=move || frame.with(|f| f.diagnosis.label())
            role="status" aria-live="polite">
            {move || frame.with(|f| f.explanation.clone())}
        </div>
        <pre class="progress" data-testid="progress">{move || frame.with(|f| f.progress.clone())}</pre>
        <Show when=move || lab.config.with(|c| c.preset == Preset::Log)>
            <div class="learner-log" data-testid="learner-log">
                <p><strong>{move || lab.tr(i18n::LEARNERS_LOG_HEADING)}</strong></p>
                <pre class="progress">{report::LEARNERS_LOG}</pre>
                <p>{move || frame.with(|f| f.learners_log.clone()).unwrap_or_else(|| lab.tr(i18n::LEARNERS_LOG_PRESS_PLAY).into())}</p>
            </div>
        </Show>

    }
}

/// Whether a key press belongs to the focused control rather than to the lab's shortcuts: any key in a
/// text field or menu, and space or Enter on a button (which would press it).
fn typing_into(event: &web_sys::KeyboardEvent) -> bool {
    let tag = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.tag_name())
        .unwrap_or_default();
    match tag.as_str() {
        "INPUT" | "SELECT" | "TEXTAREA" => true,
        "BUTTON" => matches!(event.key().as_str(), " " | "Enter"),
        _ => false,
    }
}

/// Test hook, harmless to users (it only computes): epochs per second of the core inside wasm, for
/// the browser benchmark (`tests/e2e/bench.mjs`). Trains the link's configuration for `millis` after
/// 20 warm-up epochs, without drawing.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_epochs(link: &str, millis: f64) -> f64 {
    let now = || {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    };
    let (config, _) = Config::from_query(link);
    let mut trainer = Trainer::new(&config);
    for _ in 0..20 {
        trainer.run_epoch();
    }
    let start = now();
    let mut epochs = 0u32;
    while now() - start < millis {
        for _ in 0..10 {
            trainer.run_epoch();
        }
        epochs += 10;
    }
    f64::from(epochs) * 1000.0 / (now() - start)
}

/// Test hook: panics on purpose, so the end-to-end tests can check that a panic shows the error panel.
/// Reachable only from the developer console (`wasmBindings.debug_panic()`), never from the page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn debug_panic() {
    panic!("debug_panic called (a test of the error panel)");
}
