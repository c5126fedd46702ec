//! Advice that is true for the run on screen: the changes `engine::advice` measured to work for it,
//! each with what was measured and one click to apply or pin it. The trials start once the run has
//! ended (or when asked), and run in short slices while it is paused, so the page never freezes; a
//! new run starts a new measurement.

use super::Lab;
use crate::engine::advice::{self, Advice, Rounds};
use crate::engine::sweep::{self, RunResult};
use crate::engine::Config;
use crate::i18n;
use leptos::prelude::*;
use std::time::Duration;

/// How long one slice of trials may take before the page gets the thread back (ms).
const SLICE_MS: f64 = 8.0;

/// How often a slice runs (ms): at most a fifth of the thread goes to the trials.
const TICK_MS: u64 = 40;

/// The most work one trial may be (training rows × epochs × weights) for the page to measure
/// the advice by itself between frames: one trial runs whole, so a bigger one would freeze the
/// page (the `log` preset's runs are ~6·10^8). The runner measures any size (`advice` in its summary).
const MOST_WORK: f64 = 1.5e8;

/// Whether a run of `config` is small enough to try between frames.
fn cheap(config: &Config) -> bool {
    let weights = crate::engine::config::weight_count(config.widths()) as f64;
    config.fit_rows() as f64 * config.epochs.max(1) as f64 * weights <= MOST_WORK
}

/// A measurement in progress: the plan, the results of this round so far, and where it stands.
struct Measuring {
    config: Config,
    rounds: Rounds,
    results: Vec<Vec<RunResult>>,
    job: usize,
    seed: usize,
    done: usize,
}

/// The page's advice: what was measured for which run, and the measurement in progress.
#[derive(Clone, Copy)]
pub struct AdviceState {
    /// The advice for `for_run`, once measured.
    list: RwSignal<Option<(Config, Vec<Advice>)>>,
    /// (runs done, runs planned) while measuring.
    progress: RwSignal<Option<(usize, usize)>>,
    measuring: StoredValue<Option<Measuring>, LocalStorage>,
}

impl AdviceState {
    pub fn new() -> AdviceState {
        AdviceState {
            list: RwSignal::new(None),
            progress: RwSignal::new(None),
            measuring: StoredValue::new_local(None),
        }
    }

    /// Starts measuring for `config` unless that run is measured or being measured already.
    fn want(&self, config: &Config) {
        let measured = self
            .list
            .with_untracked(|l| l.as_ref().is_some_and(|(c, _)| c.same_run(config)));
        let busy = self.measuring.with_value(|m| {
            m.as_ref()
                .is_some_and(|m: &Measuring| m.config.same_run(config))
        });
        if measured || busy {
            return;
        }
        let rounds = Rounds::new(config, advice::DEFAULT_SEEDS);
        let jobs = rounds.jobs().len();
        self.progress.set(Some((0, rounds.runs())));
        self.list.set(None);
        self.measuring.set_value(Some(Measuring {
            config: config.clone(),
            rounds,
            results: vec![Vec::new(); jobs],
            job: 0,
            seed: 0,
            done: 0,
        }));
    }

    /// Drops a measurement of another run (the settings changed since it started).
    fn forget_unless(&self, config: &Config) {
        let stale = self.measuring.with_value(|m| {
            m.as_ref()
                .is_some_and(|m: &Measuring| !m.config.same_run(config))
        });
        if stale {
            self.measuring.set_value(None);
            self.progress.set(None);
        }
    }

    /// Runs trials for about `SLICE_MS`; publishes the advice when the last round is done.
    fn slice(&self) {
        let now = super::frame_loop::now_ms;
        let start = now();
        let mut finished = None;
        let mut progress = None;
        self.measuring.update_value(|slot| {
            let Some(m) = slot.as_mut() else { return };
            while now() - start < SLICE_MS {
                if m.rounds.is_done() {
                    finished = Some((m.config.clone(), m.rounds.advice()));
                    break;
                }
                let Some(job) = m.rounds.jobs().get(m.job) else {
                    // The round is measured: the next one is planned from it.
                    let results = std::mem::take(&mut m.results);
                    m.rounds.record(&results);
                    m.results = vec![Vec::new(); m.rounds.jobs().len()];
                    m.job = 0;
                    m.seed = 0;
                    m.done = 0;
                    progress = Some((0, m.rounds.runs()));
                    continue;
                };
                match job.seeds.get(m.seed) {
                    Some(&seed) => {
                        let run = sweep::run_one(&job.config, seed);
                        m.results[m.job].push(run);
                        m.seed += 1;
                        m.done += 1;
                    }
                    None => {
                        m.job += 1;
                        m.seed = 0;
                    }
                }
            }
            if finished.is_none() {
                progress = Some((m.done, m.rounds.runs().max(m.done)));
            }
        });
        if let Some(result) = finished {
            self.measuring.set_value(None);
            self.progress.set(None);
            self.list.set(Some(result));
        } else if let Some(progress) = progress {
            self.progress.set(Some(progress));
        }
    }
}

/// The advice list under the banner.
#[component]
pub fn AdvicePanel() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let state = AdviceState::new();
    // Asked for this run before it ended (the button), or not.
    let asked = RwSignal::new(None::<Config>);
    // While the run is paused and has ended (or the advice was asked for), measure the advice for
    // it in slices between frames.
    // Every 40 ms: reads the config in place (never a clone of it), and only what it needs.
    let tick = move || {
        if lab.running.get_untracked() {
            return;
        }
        let ended = lab.frame.with_untracked(|f| f.finished);
        lab.config.with_untracked(|config| {
            let wanted =
                ended || asked.with_untracked(|a| a.as_ref().is_some_and(|c| c.same_run(config)));
            state.forget_unless(config);
            if wanted && cheap(config) {
                state.want(config);
            }
        });
        state.slice();
    };
    let handle = set_interval_with_handle(tick, Duration::from_millis(TICK_MS)).ok();
    on_cleanup(move || {
        if let Some(handle) = handle {
            handle.clear();
        }
    });
    let current = move || {
        lab.config.with(|config| {
            state.list.with(|l| {
                l.as_ref()
                    .filter(|(c, _)| c.same_run(config))
                    .map(|(_, list)| list.clone())
            })
        })
    };
    // The cause is read off the paused run only: not recomputed in every frame while it plays.
    let cause = move || {
        lab.frame.track();
        if lab.running.get() {
            return None;
        }
        let language = lab.language();
        lab.trainer
            .with_value(|t| advice::cause(t).map(|c| c.words(language)))
    };
    view! {
        <section class="advice" data-testid="advice" aria-live="polite">
            <h2>{move || lab.tr(i18n::ADVICE_TITLE)}</h2>
            <p class="advice-why" data-testid="advice-why">{cause}</p>
            {move || state.progress.get().map(|(done, planned)| view! {
                <p class="hint" data-testid="advice-progress">
                    <progress max=planned.to_string() value=done.to_string()></progress>
                    " " {lab.fill(i18n::ADVICE_MEASURING, &[&done, &planned])}
                </p>
            })}
            <Show when=move || {
                let (known, small) = lab.config.with(|config| {
                    let known = state.list.with(|l| l.as_ref().is_some_and(|(c, _)| c.same_run(config)));
                    (known, cheap(config))
                });
                small && !known && state.progress.get().is_none()
            }>
                <button type="button" data-testid="advice-start"
                    on:click=move |_| asked.set(Some(lab.config.get_untracked()))>{move || lab.tr(i18n::ADVICE_START)}</button>
            </Show>
            <Show when=move || !lab.config.with(cheap)>
                <p class="hint" data-testid="advice-too-big">{move || lab.tr(i18n::ADVICE_TOO_BIG)}</p>
            </Show>
            {move || current().map(|list| {
                if list.is_empty() {
                    let works = lab.trainer.with_value(|t| t.outcome() == crate::engine::Outcome::Converged);
                    let text = if works { i18n::ADVICE_NOTHING_BETTER } else { i18n::ADVICE_NONE };
                    view! { <p class="hint" data-testid="advice-none">{lab.tr(text)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="advice-list">
                            {list.into_iter().map(|item| advice_item(lab, item)).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </section>
    }
}

/// One advised change: what it is, what was measured, and its two buttons.
fn advice_item(lab: Lab, item: Advice) -> impl IntoView {
    let query = item.change.query();
    let pairs = item.change.link_pairs();
    let change = item.change.clone();
    let words = query.replace('&', ", ").replace('=', " = ");
    view! {
        <li data-testid="advice-item" data-change=query.clone() data-share=item.share().to_string()>
            <code>{words}</code>
            " — "
            <span>{lab.fill(i18n::ADVICE_MEASURED, &[&item.working, &item.seeds])}</span>
            " "
            <button type="button" data-testid="advice-apply"
                on:click=move |_| {
                    let pairs = pairs.clone();
                    lab.write(move |config| config.apply(&pairs));
                }>{lab.tr(i18n::ADVICE_APPLY)}</button>
            <button type="button" data-testid="advice-pin"
                on:click=move |_| {
                    let change = change.clone();
                    lab.write(move |config| {
                        let other = change.applied_to(config);
                        config.pin(&other)
                    });
                }>{lab.tr(i18n::ADVICE_PIN)}</button>
        </li>
    }
}
