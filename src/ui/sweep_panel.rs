//! The sweep panel: how often a configuration dies, over seeds and up to two varied settings. The
//! runs go to the page's worker pool (`pool.rs`), whose workers run the engine's own `run_seed`; the
//! panel only makes the jobs and counts, so the page stays live while they work.

use super::pool::{self, Answer, Pool, Workers};
use super::Lab;
use crate::charts::{self, ChartStyle, SweepPicture};
use crate::engine::config::{Key, Language, Role, SETTINGS};
use crate::engine::sweep::{self, Cell, Counts, RunResult, SeedNotice};
use crate::engine::{Config, Outcome};
use crate::i18n;
use crate::worker::{Job, Reply};

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// A sweep in progress or done.
#[derive(Clone, Debug)]
pub struct SweepRun {
    pub id: u32,
    pub base: Config,
    pub cells: Vec<Cell>,
    pub theory: Vec<Option<f64>>,
    pub results: Vec<Vec<RunResult>>,
    /// Per cell, the notices writing one of its seeds gave (a formula refused at that seed's x).
    pub seed_notices: Vec<Vec<SeedNotice>>,
    pub done: usize,
    pub total: usize,
    pub started_ms: f64,
    pub finished_ms: Option<f64>,
    pub cancelled: bool,
    /// The workers could not be loaded: the sweep ended there.
    pub failed: bool,
}

impl SweepRun {
    pub fn counts(&self) -> Vec<Counts> {
        self.results.iter().map(Counts::of).collect()
    }

    /// The per-cell JSON lines, as the runner prints them.
    pub fn summary_json(&self) -> String {
        let lines: Vec<String> = self
            .cells
            .iter()
            .zip(self.counts())
            .zip(&self.seed_notices)
            .map(|((cell, counts), notices)| sweep::cell_json(cell, &counts, notices))
            .collect();
        lines.join("\n")
    }
}

/// The page's sweep handles. `Copy`.
#[derive(Clone, Copy)]
pub struct Sweeps {
    pub run: RwSignal<Option<SweepRun>>,
    pool: Pool,
    /// The pool's batch of the sweep in progress.
    batch: StoredValue<Option<u32>>,
    pub outcome: RwSignal<Outcome>,
    pub selected: RwSignal<Option<usize>>,
}

impl Sweeps {
    pub fn new(pool: Pool) -> Sweeps {
        Sweeps {
            run: RwSignal::new(None),
            pool,
            batch: StoredValue::new(None),
            outcome: RwSignal::new(Outcome::BornDead),
            selected: RwSignal::new(None),
        }
    }

    /// A worker's answer for sweep `id`: its runs, or that the workers could not be loaded.
    fn answered(self, id: u32, answer: Answer) {
        match answer {
            Answer::Runs(reply) => self.record(id, reply),
            Answer::Failed => {
                self.batch.set_value(None);
                self.run.try_update(|run| {
                    if let Some(run) = run.as_mut().filter(|r| r.id == id) {
                        run.failed = true;
                        run.finished_ms.get_or_insert_with(super::browser::now_ms);
                    }
                });
            }
        }
    }

    /// Adds a reply's runs to the sweep it belongs to.
    fn record(self, id: u32, reply: Reply) {
        self.run.try_update(|run| {
            let Some(run) = run.as_mut() else { return };
            if run.id != id || run.cancelled {
                return;
            }
            let cell = reply.cell as usize;
            if let Some(results) = run.results.get_mut(cell) {
                results.extend(reply.runs.iter().map(|r| r.to_result()));
                run.done += reply.runs.len();
            }
            // The worker only flags a seed whose write said something; the words are made here.
            if let (Some(config), Some(notices)) = (
                run.cells.get(cell).map(|c| &c.config),
                run.seed_notices.get_mut(cell),
            ) {
                for wire in reply.runs.iter().filter(|r| r.noted) {
                    let said = sweep::seeded(config, wire.seed).1;
                    notices.extend(said.into_iter().map(|n| (wire.seed, n)));
                }
            }
            if run.done >= run.total && run.finished_ms.is_none() {
                run.finished_ms = Some(super::browser::now_ms());
                for results in &mut run.results {
                    results.sort_by_key(|r| r.seed);
                }
            }
        });
    }

    /// Runs the sweep the configuration sets up.
    pub fn start(self, base: Config) {
        self.cancel();
        let cells = sweep::cells(&base);
        let seeds: Vec<u64> = sweep::seeds(&base).collect();
        let total = cells.len() * seeds.len();
        let chunk = self.pool.chunk(total);
        // Own points go to each worker once; the jobs name them by their tag.
        self.pool.send_points(&base.own);
        let mut jobs = Vec::new();
        for (index, cell) in cells.iter().enumerate() {
            let link = pool::job_link(&cell.config, &base.own);
            for part in seeds.chunks(chunk) {
                jobs.push(Job {
                    cell: index as u32,
                    link: link.clone(),
                    seeds: part.to_vec(),
                });
            }
        }
        let id = self
            .run
            .with_untracked(|r| r.as_ref().map_or(1, |r| r.id + 1));
        self.run.set(Some(SweepRun {
            id,
            theory: cells
                .iter()
                .map(|c| sweep::born_dead_theory(&c.config))
                .collect(),
            results: vec![Vec::new(); cells.len()],
            seed_notices: vec![Vec::new(); cells.len()],
            cells,
            base,
            done: 0,
            total,
            started_ms: super::browser::now_ms(),
            finished_ms: None,
            cancelled: false,
            failed: false,
        }));
        self.selected.set(None);
        let batch = self
            .pool
            .submit(jobs, move |answer| self.answered(id, answer));
        self.batch.set_value(Some(batch));
    }

    /// Stops the sweep: its jobs are dropped, here and in the workers.
    pub fn cancel(self) {
        if let Some(batch) = self.batch.get_value() {
            self.pool.cancel(batch);
            self.batch.set_value(None);
        }
        self.run.update(|run| {
            if let Some(run) = run.as_mut().filter(|r| r.finished_ms.is_none()) {
                run.cancelled = true;
                run.finished_ms = Some(super::browser::now_ms());
            }
        });
    }
}

/// The `sweep` value the two rows of the panel make.
fn sweep_text(rows: &[(String, String)]) -> String {
    let parts: Vec<String> = rows
        .iter()
        .filter(|(key, values)| !key.is_empty() && !values.trim().is_empty())
        .map(|(key, values)| format!("{key}:{}", sweep::expand_values(values)))
        .collect();
    parts.join(";")
}

/// Seconds as a person reads them.
fn seconds(ms: f64) -> String {
    if ms < 10_000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else {
        format!("{:.0} s", ms / 1000.0)
    }
}

/// The sweep's row `index` (0 or 1) as the configuration holds it: (key, values).
fn sweep_row(lab: Lab, index: usize) -> (String, String) {
    lab.config.with(|c| {
        c.sweep
            .axes
            .get(index)
            .map(|a| (a.key.name().to_string(), a.values.join("|")))
            .unwrap_or_default()
    })
}

/// Writes a new key or new values into row `index`, through the `sweep` key.
fn write_sweep_row(lab: Lab, index: usize, key: Option<String>, values: Option<String>) {
    let mut rows = vec![sweep_row(lab, 0), sweep_row(lab, 1)];
    if let Some(key) = key {
        if rows[index].0 != key {
            // A new key: start from its current value, so Run works at once.
            let current = lab
                .config
                .with_untracked(|c| Key::from_name(&key).map(|k| c.get(k)).unwrap_or_default());
            rows[index] = (key, current);
        }
    }
    if let Some(values) = values {
        rows[index].1 = values;
    }
    lab.set(Key::Sweep, &sweep_text(&rows));
}

/// The progress bar's numbers and the status line's words: (runs done, runs in all, words).
fn progress(lab: Lab, sweeps: Sweeps) -> (usize, usize, String) {
    let language = lab.language();
    sweeps.run.with(|run| match run {
        None => (0, 0, String::new()),
        Some(run) => {
            let elapsed = run.finished_ms.unwrap_or_else(super::browser::now_ms) - run.started_ms;
            let text = if run.failed {
                lab.tr(i18n::WORKERS_FAILED).to_string()
            } else if run.finished_ms.is_none() && sweeps.pool.workers() == Workers::Late {
                lab.tr(i18n::WORKERS_LATE).to_string()
            } else if run.cancelled {
                i18n::SWEEP_CANCELLED.fill(language, &[&run.done, &run.total])
            } else if run.finished_ms.is_some() {
                i18n::SWEEP_DONE.fill(language, &[&run.total, &seconds(elapsed)])
            } else if run.done == 0 {
                i18n::SWEEP_STARTING.fill(language, &[&run.total])
            } else {
                let left = elapsed / run.done as f64 * (run.total - run.done) as f64;
                i18n::SWEEP_PROGRESS.fill(language, &[&run.done, &run.total, &seconds(left)])
            };
            (run.done, run.total, text)
        }
    })
}

/// What the sweep chart shows: the run's axes (named by the values the cells ran, as the table
/// does), counts and theory, and the outcome of the heat map.
fn sweep_picture(run: &SweepRun, outcome: Outcome, language: Language) -> SweepPicture {
    let axes = &run.base.sweep.axes;
    SweepPicture {
        axes: axes
            .iter()
            .enumerate()
            .map(|(k, axis)| {
                // Cells vary the first axis slowest: value i of axis k is in cell i × stride.
                let stride: usize = axes[k + 1..].iter().map(|a| a.values.len()).product();
                let ran = (0..axis.values.len())
                    .map(|i| {
                        let cell = run.cells.get(i * stride);
                        cell.and_then(|c| c.values.get(k))
                            .map_or_else(|| axis.values[i].clone(), |(_, v)| v.clone())
                    })
                    .collect();
                (axis.key.words(language), ran)
            })
            .collect(),
        cells: run.counts(),
        theory: run.theory.clone(),
        outcome,
    }
}

/// Redraws the sweep chart when results or the outcome shown change.
fn redraw_sweep_chart(lab: Lab, sweeps: Sweeps, canvas: NodeRef<Canvas>) {
    Effect::new(move |_| {
        let outcome = sweeps.outcome.get();
        let language = lab.language();
        // Classroom mode sizes its text for the room.
        lab.config.with(|c| c.classroom);
        let picture = sweeps.run.with(|run| {
            run.as_ref()
                .map(|run| sweep_picture(run, outcome, language))
        });
        let (Some(picture), Some(canvas)) = (picture, canvas.get()) else {
            return;
        };
        let zoom = super::canvas::zoom(lab);
        let ratio = super::canvas::prepare(&canvas, zoom);
        super::canvas::say_text_size(&canvas, zoom);
        if let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) {
            let style = ChartStyle {
                scale: ratio,
                language: lab.language_untracked(),
            };
            let area = charts::Measured(backend).into_drawing_area();
            let _ = charts::draw_sweep(&area, &picture, style);
        }
    });
}

/// Downloads every run of the sweep as CSV.
fn download_sweep_csv(sweeps: Sweeps) {
    let csv = sweeps.run.with_untracked(|run| {
        run.as_ref()
            .map(|run| sweep::runs_csv(&run.base, &run.cells, &run.results))
    });
    if let Some(csv) = csv {
        super::share::download_text(&csv, "relu-lab-sweep.csv", "text/csv");
    }
}

/// Loads the run of one cell with one seed, says so, and scrolls to its diagnosis.
fn open_sweep_run(lab: Lab, sweeps: Sweeps, cell: usize, seed: u64) {
    let config = sweeps.run.with_untracked(|run| {
        run.as_ref()
            .and_then(|run| run.cells.get(cell))
            .map(|c| c.config.clone())
    });
    if let Some(config) = config {
        let mut config = config;
        let notices = config.set(Key::Seed, &seed.to_string());
        lab.show_notices(&notices);
        lab.load(config, super::Load::MENU);
        lab.say(crate::engine::config::Phrase::new(
            i18n::STATUS_SWEEP_SEED_OPENED,
            &[&seed],
        ));
        if let Some(stage) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[data-testid=diagnosis]").ok().flatten())
        {
            stage.scroll_into_view();
        }
    }
}

super::chunk::chunk! {
    /// The sweep panel, in its own chunk: its table, heat map and chart come with it.
    pub chunk in sweep => || view! { <SweepPanel/> }
}

#[component]
fn SweepPanel() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let sweeps = expect_context::<Sweeps>();
    let canvas = NodeRef::<Canvas>::new();
    redraw_sweep_chart(lab, sweeps, canvas);
    let open_run = move |cell: usize, seed: u64| open_sweep_run(lab, sweeps, cell, seed);
    view! {
        <section class="panel sweep" id="sweep" data-testid="sweep" aria-labelledby="sweep-title">
            <h2 id="sweep-title">{move || lab.tr(i18n::SWEEP_HEADING)}</h2>
            <p class="hint">{move || lab.tr(i18n::SWEEP_HINT)}</p>
            <SweepRows/>
            <SweepButtons/>
            <Show when=move || sweeps.run.with(Option::is_some)>
                <div class="sweep-progress">
                    <progress data-testid="sweep-progress"
                        data-done=move || progress(lab, sweeps).0 data-total=move || progress(lab, sweeps).1
                        max=move || progress(lab, sweeps).1.max(1) value=move || progress(lab, sweeps).0></progress>
                    <span role="status" data-testid="sweep-status"
                        class:warning=move || sweeps.run.with(|r| r.as_ref().is_some_and(|r| r.failed)) || sweeps.pool.workers() == Workers::Late>{move || progress(lab, sweeps).2}</span>
                </div>
                <Show when=move || sweeps.run.with(|r| r.as_ref().is_some_and(|r| r.base.sweep.axes.len() == 2))>
                    <HeatMapOutcome/>
                </Show>
                <canvas node_ref=canvas class="sweep-chart" data-testid="sweep-chart"
                    role="img" aria-label=move || lab.tr(i18n::SWEEP_CHART_ARIA)></canvas>
                <SweepTable open_run=open_run/>
            </Show>
            <div hidden data-testid="sweep-summary"
                data-json=move || sweeps.run.with(|r| r.as_ref().filter(|r| r.finished_ms.is_some() && !r.cancelled && !r.failed).map(SweepRun::summary_json))></div>
        </section>
    }
}

/// The two varied settings (a key and its values each) and the seeds per cell.
#[component]
fn SweepRows() -> impl IntoView {
    let lab = expect_context::<Lab>();
    view! {
        <div class="sweep-rows">
            <div class="field"><span>{move || lab.tr(i18n::SWEEP_VARY)}</span> <SweepKey index=0/> <SweepValues index=0/></div>
            <div class="field"><span>{move || lab.tr(i18n::SWEEP_AND)}</span> <SweepKey index=1/> <SweepValues index=1/></div>
            <label class="field">
                <span>{move || lab.tr(i18n::SEEDS_PER_CELL)}</span>
                <input type="number" min="1" max="10000" step="1" data-testid="sweep-seeds"
                    prop:value=move || lab.config.with(|c| c.seeds.to_string())
                    on:change=move |ev| lab.set(Key::Seeds, &event_target_value(&ev))/>
                <span class="hint">{move || lab.fill(i18n::FROM_SEED, &[&lab.config.with(|c| c.seed)])}</span>
            </label>
        </div>
    }
}

/// The key row `index` varies: any setting of the run but the seed, or nothing.
#[component]
fn SweepKey(index: usize) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let keys = SETTINGS
        .iter()
        .filter(|s| s.role == Role::Run && s.id != Key::Seed)
        .map(|s| (s.key, s.id));
    view! {
        <select data-testid=format!("sweep-key-{}", index + 1) aria-label=move || lab.fill(i18n::SWEEP_KEY_ARIA, &[&(index + 1)])
            on:change=move |ev| write_sweep_row(lab, index, Some(event_target_value(&ev)), None)>
            <option value="" prop:selected=move || sweep_row(lab, index).0.is_empty()>{move || lab.tr(i18n::SWEEP_NOTHING)}</option>
            {keys.map(|(key, id)| view! {
                <option value=key prop:selected=move || sweep_row(lab, index).0 == key>{move || id.words(lab.language())}</option>
            }).collect_view()}
        </select>
    }
}

/// The values row `index` takes, as typed (`0.1|1|10`, or a range the sweep expands).
#[component]
fn SweepValues(index: usize) -> impl IntoView {
    let lab = expect_context::<Lab>();
    view! {
        <input type="text" data-testid=format!("sweep-values-{}", index + 1)
            aria-label=move || lab.fill(i18n::SWEEP_VALUES_ARIA, &[&(index + 1)])
            placeholder=move || lab.tr(i18n::SWEEP_VALUES_PLACEHOLDER)
            prop:value=move || sweep_row(lab, index).1
            on:change=move |ev| write_sweep_row(lab, index, None, Some(event_target_value(&ev)))/>
    }
}

/// Run, cancel, and the runs as CSV once the sweep is done.
#[component]
fn SweepButtons() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let sweeps = expect_context::<Sweeps>();
    let running = move || {
        sweeps
            .run
            .with(|r| r.as_ref().is_some_and(|r| r.finished_ms.is_none()))
    };
    view! {
        <div class="sweep-buttons">
            <button class="primary" data-testid="sweep-run" on:click=move |_| sweeps.start(lab.config.get_untracked())
                disabled=running>{move || lab.tr(i18n::RUN_SWEEP)}</button>
            <button data-testid="sweep-cancel" on:click=move |_| sweeps.cancel() disabled=move || !running()>{move || lab.tr(i18n::CANCEL)}</button>
            <button data-testid="sweep-csv" on:click=move |_| download_sweep_csv(sweeps)
                disabled=move || sweeps.run.with(|r| r.as_ref().is_none_or(|r| r.finished_ms.is_none()))>{move || lab.tr(i18n::RUNS_CSV)}</button>
        </div>
    }
}

/// Which outcome the heat map of a two-setting sweep shows.
#[component]
fn HeatMapOutcome() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let sweeps = expect_context::<Sweeps>();
    view! {
        <label class="field">
            <span>{move || lab.tr(i18n::HEAT_MAP_OF)}</span>
            <select data-testid="sweep-outcome" on:change=move |ev| {
                if let Some(o) = Outcome::from_name(&event_target_value(&ev)) {
                    sweeps.outcome.set(o);
                }
            }>
                {Outcome::ALL.iter().map(|&o| view! {
                    <option value=o.name() prop:selected=move || sweeps.outcome.get() == o>{move || lab.tr(charts::outcome_words(o))}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// A cell's name in the table: its varied settings, or "these settings" when nothing varies.
fn cell_label(lab: Lab, cell: &Cell) -> String {
    if cell.values.is_empty() {
        lab.tr(i18n::THESE_SETTINGS).to_string()
    } else {
        let parts: Vec<String> = cell
            .values
            .iter()
            .map(|(k, v)| format!("{} {v}", k.words(lab.language())))
            .collect();
        parts.join(", ")
    }
}

/// How many runs of a cell had `outcome`, with their share and its Wilson interval.
fn outcome_share(counts: &Counts, outcome: Outcome) -> String {
    let runs = counts.runs();
    if runs == 0 {
        return "–".to_string();
    }
    let k = counts.get(outcome);
    let (low, high) = sweep::wilson(k, runs);
    format!(
        "{k} ({:.0}%, {:.0}–{:.0}%)",
        100.0 * k as f64 / runs as f64,
        100.0 * low,
        100.0 * high
    )
}

/// One row of the table: (cell index, its name, its counts, the born-dead theory's share, what it
/// did not run as named).
type CellRow = (usize, String, Counts, Option<f64>, Vec<String>);

/// The table's rows for the sweep on screen (none before a sweep).
fn cell_rows(lab: Lab, sweeps: Sweeps) -> Vec<CellRow> {
    sweeps.run.with(|run| {
        let Some(run) = run else { return Vec::new() };
        run.cells
            .iter()
            .zip(run.counts())
            .zip(&run.theory)
            .zip(&run.seed_notices)
            .enumerate()
            .map(|(index, (((cell, counts), theory), seed_notices))| {
                let notices = sweep::cell_notices(cell, seed_notices, lab.language());
                (index, cell_label(lab, cell), counts, *theory, notices)
            })
            .collect::<Vec<_>>()
    })
}

/// A cell's row: its button (which selects it), its runs, each outcome's share, the theory.
fn cell_row(lab: Lab, sweeps: Sweeps, row: CellRow) -> impl IntoView {
    let (index, label, counts, theory, notices) = row;
    let cells = Outcome::ALL
        .iter()
        .map(|&o| view! { <td>{outcome_share(&counts, o)}</td> })
        .collect_view();
    let theory = theory.map_or("–".to_string(), |p| format!("{:.1}%", 100.0 * p));
    view! {
        <tr class:selected=move || sweeps.selected.get() == Some(index)>
            <th scope="row">
                <button data-testid=format!("sweep-cell-{}", index + 1)
                    on:click=move |_| sweeps.selected.set(Some(index))>{label}</button>
                {cell_notices(lab, index, notices)}
            </th>
            <td>{counts.runs()}</td>
            {cells}
            <td>{theory}</td>
        </tr>
    }
}

/// Notices shown on a cell: what it did not run as its label names (the first few, the rest behind
/// a disclosure). Nothing when it ran exactly that.
fn cell_notices(lab: Lab, index: usize, notices: Vec<String>) -> impl IntoView {
    const SHOWN: usize = 3;
    (!notices.is_empty()).then(|| {
        let count = notices.len();
        let rest: Vec<String> = notices.iter().skip(SHOWN).cloned().collect();
        let more = (!rest.is_empty()).then(|| {
            view! {
                <details>
                    <summary>{lab.fill(i18n::SWEEP_MORE_NOTICES, &[&rest.len()])}</summary>
                    <ul>{rest.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}</ul>
                </details>
            }
        });
        view! {
            <div class="cell-notices" data-testid=format!("sweep-cell-notices-{}", index + 1)
                data-count=count>
                <span>{lab.tr(i18n::SWEEP_CELL_NOTICES)}</span>
                <ul>{notices.into_iter().take(SHOWN).map(|text| view! { <li>{text}</li> }).collect_view()}</ul>
                {more}
            </div>
        }
    })
}

/// Counts per cell; a row's button lists its seeds by outcome, and a seed opens that run.
#[component]
fn SweepTable(open_run: impl Fn(usize, u64) + Copy + 'static + Send + Sync) -> impl IntoView {
    let sweeps = expect_context::<Sweeps>();
    let lab = expect_context::<Lab>();
    view! {
        <table class="sweep-table" data-testid="sweep-table">
            <caption>{move || lab.tr(i18n::SWEEP_TABLE_CAPTION)}</caption>
            <thead><tr>
                <th scope="col">{move || lab.tr(i18n::COLUMN_CELL)}</th>
                <th scope="col">{move || lab.tr(i18n::COLUMN_RUNS)}</th>
                {Outcome::ALL.iter().map(|&o| view! { <th scope="col">{move || lab.tr(charts::outcome_words(o))}</th> }).collect_view()}
                <th scope="col">{move || lab.tr(i18n::COLUMN_BORN_DEAD_THEORY)}</th>
            </tr></thead>
            <tbody>
                {move || cell_rows(lab, sweeps).into_iter().map(|row| cell_row(lab, sweeps, row)).collect_view()}
            </tbody>
        </table>
        <Show when=move || sweeps.selected.get().is_some()>
            <div class="sweep-seeds" data-testid="sweep-seeds-list">
                {move || {
                    let Some(index) = sweeps.selected.get() else { return ().into_any() };
                    seeds_by_outcome(lab, sweeps, index, open_run).into_any()
                }}
            </div>
        </Show>
    }
}

/// The seeds of cell `index`, a line per outcome (the first 60 of each), each a button that opens
/// its run.
fn seeds_by_outcome(
    lab: Lab,
    sweeps: Sweeps,
    index: usize,
    open_run: impl Fn(usize, u64) + Copy + 'static + Send + Sync,
) -> impl IntoView {
    let runs = sweeps.run.with(|r| {
        r.as_ref()
            .and_then(|r| r.results.get(index).cloned())
            .unwrap_or_default()
    });
    Outcome::ALL.iter().filter_map(|&outcome| {
        let seeds: Vec<u64> = runs.iter().filter(|r| r.outcome == outcome).map(|r| r.seed).collect();
        (!seeds.is_empty()).then(|| view! {
            <p><strong>{format!("{} ({}): ", lab.tr(charts::outcome_words(outcome)), seeds.len())}</strong>
            {seeds.into_iter().take(60).map(|seed| view! {
                <button class="seed" data-testid=format!("sweep-open-{seed}")
                    title=move || lab.tr(i18n::OPEN_RUN_TIP)
                    on:click=move |_| open_run(index, seed)>{seed.to_string()}</button>
            }).collect_view()}</p>
        })
    }).collect_view()
}
