//! Advice that is true for the run on screen: the changes `engine::advice` measured to work for it,
//! each with what was measured and one click to apply or pin it. The trials run in the page's worker
//! pool (`pool.rs`, beside a sweep if one runs, taking jobs in turn), one round of
//! `engine::advice::Rounds` at a time; the panel only ships each round's jobs and hands the replies
//! to `Rounds::add`, which plans the next round and, at the end, judges. They start once the run
//! has ended (or when asked); a new run or setting drops the measurement and its jobs.

use super::pool::{self, Answer, Pool, Workers};
use super::Lab;
use crate::engine::advice::{self, Advice, Baseline, Rounds};
use crate::engine::sweep::RunResult;
use crate::engine::Config;
use crate::i18n;
use crate::worker::{Job, Reply};
use leptos::prelude::*;
use std::time::Duration;

/// How often the panel looks whether the run on screen wants advice, or a measurement went stale (ms).
const TICK_MS: u64 = 40;

/// The most work one trial may be (training rows × epochs × weights) for the page to measure the
/// advice by itself once a run ends: the trials take the workers' time (the `log` preset's runs are
/// ~6·10^8 each, its advice ~10 s natively on 2 cores). A bigger run is measured when asked (the
/// button), and the runner measures any size (`headless --advice`).
const MOST_WORK: f64 = 1.5e8;

/// Whether a run of `config` is small enough to try the fixes on unasked.
fn cheap(config: &Config) -> bool {
    let weights = crate::engine::config::weight_count(config.widths()) as f64;
    config.fit_rows() as f64 * config.epochs.max(1) as f64 * weights <= MOST_WORK
}

/// The advice measured for a run: the run, what works better, and the run itself as measured.
#[derive(Clone)]
struct Measured {
    config: Config,
    list: Vec<Advice>,
    baseline: Option<Baseline>,
}

/// A measurement in progress: the plan, and the pool's batch of the round being run.
struct Measuring {
    config: Config,
    rounds: Rounds,
    batch: Option<u32>,
}

/// The page's advice: what was measured for which run, and the measurement in progress.
#[derive(Clone, Copy)]
pub struct AdviceState {
    /// The advice for a run (its config), once measured, with what was measured of the run itself.
    list: RwSignal<Option<Measured>>,
    /// (runs done, runs planned) of this round while measuring.
    progress: RwSignal<Option<(usize, usize)>>,
    /// Runs the workers sent back for the advice since the page opened (the tests read it).
    runs_in_workers: RwSignal<usize>,
    /// The run whose measurement ended because the workers could not be loaded.
    failed: RwSignal<Option<Config>>,
    measuring: StoredValue<Option<Measuring>, LocalStorage>,
    pool: Pool,
}

impl AdviceState {
    pub fn new(pool: Pool) -> AdviceState {
        AdviceState {
            list: RwSignal::new(None),
            progress: RwSignal::new(None),
            runs_in_workers: RwSignal::new(0),
            failed: RwSignal::new(None),
            measuring: StoredValue::new_local(None),
            pool,
        }
    }

    /// Starts measuring for `config` unless that run is measured or being measured already.
    fn want(self, config: &Config) {
        let measured = self
            .list
            .with_untracked(|l| l.as_ref().is_some_and(|m| m.config.same_run(config)));
        let busy = self.measuring.with_value(|m| {
            m.as_ref()
                .is_some_and(|m: &Measuring| m.config.same_run(config))
        });
        // After the workers failed to load, only asking again (the button) tries again.
        let failed = self
            .failed
            .with_untracked(|f| f.as_ref().is_some_and(|c| c.same_run(config)));
        if measured || busy || failed {
            return;
        }
        self.stop();
        let rounds = Rounds::new(config, advice::DEFAULT_SEEDS);
        self.list.set(None);
        self.measuring.set_value(Some(Measuring {
            config: config.clone(),
            rounds,
            batch: None,
        }));
        self.next_round();
    }

    /// Drops the measurement in progress, and its jobs in the pool.
    fn stop(self) {
        let batch = self
            .measuring
            .try_update_value(|m| m.take().and_then(|m| m.batch))
            .flatten();
        if let Some(batch) = batch {
            self.pool.cancel(batch);
        }
        // `try_`: also called as the panel goes.
        self.progress.try_set(None);
    }

    /// Drops a measurement of another run (the settings changed since it started).
    fn forget_unless(self, config: &Config) {
        let stale = self.measuring.with_value(|m| {
            m.as_ref()
                .is_some_and(|m: &Measuring| !m.config.same_run(config))
        });
        if stale {
            self.stop();
        }
    }

    /// Ships the round's jobs to the pool, or publishes the advice when the last round is done.
    fn next_round(self) {
        enum Next {
            Jobs(Vec<Job>),
            Done(Box<Measured>),
        }
        let next = self.measuring.with_value(|m| {
            let m = m.as_ref()?;
            if m.rounds.is_done() {
                return Some(Next::Done(Box::new(Measured {
                    config: m.config.clone(),
                    list: m.rounds.advice(),
                    baseline: m.rounds.baseline(),
                })));
            }
            let own = &m.config.own;
            self.pool.send_points(own);
            let chunk = self.pool.chunk(m.rounds.runs());
            let jobs = m
                .rounds
                .jobs()
                .iter()
                .enumerate()
                .flat_map(|(index, job)| {
                    let link = pool::job_link(&job.config, own);
                    job.seeds
                        .chunks(chunk)
                        .map(|seeds| Job {
                            cell: index as u32,
                            link: link.clone(),
                            seeds: seeds.to_vec(),
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            Some(Next::Jobs(jobs))
        });
        match next {
            None => {}
            Some(Next::Done(measured)) => {
                self.measuring.set_value(None);
                self.progress.set(None);
                self.list.set(Some(*measured));
            }
            Some(Next::Jobs(jobs)) => {
                let planned = self
                    .measuring
                    .with_value(|m| m.as_ref().map_or(0, |m| m.rounds.runs()));
                self.progress.set(Some((0, planned)));
                let batch = self.pool.submit(jobs, move |answer| match answer {
                    Answer::Runs(reply) => self.replied(reply),
                    Answer::Failed => self.workers_failed(),
                });
                self.measuring.update_value(|m| {
                    if let Some(m) = m.as_mut() {
                        m.batch = Some(batch);
                    }
                });
            }
        }
    }

    /// The workers could not be loaded: the measurement ends, and the panel says so.
    fn workers_failed(self) {
        let config = self
            .measuring
            .try_update_value(|m| m.take().map(|m| m.config))
            .flatten();
        self.progress.try_set(None);
        self.failed.try_set(config);
    }

    /// A worker's runs of one job of the round; the next round starts when this one is complete.
    fn replied(self, reply: Reply) {
        let runs: Vec<RunResult> = reply.runs.iter().map(|r| r.to_result()).collect();
        let step = self.measuring.try_update_value(|m| {
            let m = m.as_mut().filter(|m| m.batch == Some(reply.batch))?;
            let before = m.rounds.recorded();
            m.rounds.add(reply.cell as usize, &runs);
            let round_over = m.rounds.recorded() != before;
            Some((round_over, m.rounds.runs_in(), m.rounds.runs()))
        });
        let Some(Some((round_over, done, planned))) = step else {
            return;
        };
        self.runs_in_workers.update(|n| *n += runs.len());
        if round_over {
            self.next_round();
        } else {
            self.progress.set(Some((done, planned)));
        }
    }
}

/// Every 40 ms: drops a measurement the settings made stale (even while a new run plays), and,
/// while the run is paused and has ended (or the advice was `asked` for), starts measuring it.
/// Reads the config in place (never a clone of it), and only what it needs. Stops with the panel.
fn measure_when_due(lab: Lab, state: AdviceState, asked: RwSignal<Option<Config>>) {
    let tick = move || {
        lab.config
            .with_untracked(|config| state.forget_unless(config));
        if lab.running.get_untracked() {
            return;
        }
        let ended = lab.frame.with_untracked(|f| f.finished);
        lab.config.with_untracked(|config| {
            let asked = asked.with_untracked(|a| a.as_ref().is_some_and(|c| c.same_run(config)));
            if asked || (ended && cheap(config)) {
                state.want(config);
            }
        });
    };
    let handle = set_interval_with_handle(tick, Duration::from_millis(TICK_MS)).ok();
    on_cleanup(move || {
        if let Some(handle) = handle {
            handle.clear();
        }
        state.stop();
    });
}

/// The advice measured for the run on screen, if it is.
fn advice_for_this_run(lab: Lab, state: AdviceState) -> Option<Measured> {
    lab.config.with(|config| {
        state
            .list
            .with(|l| l.as_ref().filter(|m| m.config.same_run(config)).cloned())
    })
}

/// Why the run fails, in words. Read off the paused run only: not recomputed in every frame while
/// it plays.
fn cause_words(lab: Lab) -> Option<String> {
    lab.frame.track();
    if lab.running.get() {
        return None;
    }
    let language = lab.language();
    lab.trainer
        .with_value(|t| advice::cause(t).map(|c| c.words(language)))
}

super::chunk::chunk! {
    /// The advice panel, in its own chunk: the measurement's plan and verdict come with it.
    pub chunk in advice => || view! { <AdvicePanel/> }
}

/// The advice list under the banner.
#[component]
fn AdvicePanel() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let state = AdviceState::new(expect_context::<Pool>());
    // Asked for this run before it ended (the button), or not.
    let asked = RwSignal::new(None::<Config>);
    measure_when_due(lab, state, asked);
    view! {
        <section class="advice" data-testid="advice" aria-live="polite"
            data-worker-runs=move || state.runs_in_workers.get()>
            <h2>{move || lab.tr(i18n::ADVICE_TITLE)}</h2>
            <p class="advice-why" data-testid="advice-why">{move || cause_words(lab)}</p>
            {move || state.progress.get().map(|(done, planned)| view! {
                <p class="hint" data-testid="advice-progress">
                    <progress max=planned.to_string() value=done.to_string()></progress>
                    " " {lab.fill(i18n::ADVICE_MEASURING, &[&done, &planned])}
                </p>
            })}
            {move || (state.progress.with(Option::is_some) && state.pool.workers() == Workers::Late).then(|| view! {
                <p class="hint warning" data-testid="advice-workers-late">{lab.tr(i18n::WORKERS_LATE)}</p>
            })}
            <AdviceStart state=state asked=asked/>
            {move || advice_for_this_run(lab, state).map(|list| advice_list(lab, list))}
        </section>
    }
}

/// Before the run's advice is known or being measured: a button to measure it now, and why it is
/// not measured unasked when the run is too big.
#[component]
fn AdviceStart(state: AdviceState, asked: RwSignal<Option<Config>>) -> impl IntoView {
    let lab = expect_context::<Lab>();
    view! {
        <Show when=move || {
            let known = lab.config.with(|config| {
                state.list.with(|l| l.as_ref().is_some_and(|m| m.config.same_run(config)))
            });
            !known && state.progress.get().is_none()
        }>
            <button type="button" data-testid="advice-start"
                on:click=move |_| {
                    state.failed.set(None);
                    asked.set(Some(lab.config.get_untracked()));
                }>{move || lab.tr(i18n::ADVICE_START)}</button>
            <Show when=move || lab.config.with(|config| state.failed.with(|f| f.as_ref().is_some_and(|c| c.same_run(config))))>
                <p class="hint warning" data-testid="advice-workers-failed">{move || lab.tr(i18n::WORKERS_FAILED)}</p>
            </Show>
            <Show when=move || !lab.config.with(cheap)>
                <p class="hint" data-testid="advice-too-big">{move || lab.tr(i18n::ADVICE_TOO_BIG)}</p>
            </Show>
        </Show>
    }
}

/// What the measurement says of the run on screen, by the same verdict as its banner: when it
/// learns, on how many seeds, then what learns on more (or that nothing does); when it does not,
/// the changes that make it learn, or that no change (nor pair of them) does.
fn advice_list(lab: Lab, measured: Measured) -> AnyView {
    let Measured {
        config,
        list,
        baseline,
    } = measured;
    let learns = baseline.filter(|b| b.works_this_seed);
    let items = move |list: Vec<Advice>| {
        view! {
            <ul class="advice-list">
                {list.into_iter().map(|item| advice_item(lab, &config, item)).collect_view()}
            </ul>
        }
    };
    match (learns, list.is_empty()) {
        (Some(b), empty) => view! {
            <p data-testid="advice-this-run">{lab.fill(i18n::ADVICE_THIS_RUN_LEARNS, &[&b.working, &b.seeds])}</p>
            {if empty {
                view! { <p class="hint" data-testid="advice-nothing-better">{lab.tr(i18n::ADVICE_NOTHING_BETTER)}</p> }.into_any()
            } else {
                view! { <p>{lab.tr(i18n::ADVICE_MORE_SEEDS)}</p> {items(list)} }.into_any()
            }}
        }
        .into_any(),
        (None, true) => {
            view! { <p class="hint" data-testid="advice-none">{lab.tr(i18n::ADVICE_NONE)}</p> }
                .into_any()
        }
        (None, false) => items(list).into_any(),
    }
}

/// One advised change: what it is (in the controls' words), what was measured, and its two buttons.
fn advice_item(lab: Lab, config: &Config, item: Advice) -> impl IntoView {
    let query = item.change.query();
    let pairs = item.change.link_pairs();
    let change = item.change.clone();
    let words = item.change.words(config, lab.language());
    view! {
        <li data-testid="advice-item" data-change=query.clone() data-share=item.share().to_string()>
            <strong class="change">{words}</strong>
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
