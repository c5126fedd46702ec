//! The chart canvases. One effect redraws them when a new frame is published (so at most once per
//! animation frame), with the backing store sized CSS size × devicePixelRatio for sharp lines. Only
//! what changed is drawn: the loss chart once an epoch, the fit chart's lines over a kept image of
//! its background (drawing its points took half of a frame's drawing).
//!
//! Files: `draw` (a frame's drawing: the backing store, which charts, the numbers the tests read),
//! `kept` (what is kept between frames so only what changed is drawn), `visibility` (which charts
//! are on screen, and when their boxes change size), `print` (the charts drawn again for a printed
//! handout); this file holds the components.

mod draw;
mod kept;
mod print;
mod visibility;

pub(super) use draw::{prepare, say_text_size, zoom};

use super::Lab;
use crate::charts::LossView;
use crate::engine::config::Language;
use crate::engine::report;
use crate::i18n;
pub use draw::draw_now;
use draw::redraw_on_change;
use kept::Kept;
use leptos::html::Canvas;
use leptos::prelude::*;
use visibility::watch_visibility;
use web_sys::HtmlCanvasElement;

/// The three chart canvases, once they are on the page.
pub(super) struct Canvases {
    pub(super) loss: HtmlCanvasElement,
    pub(super) fit: HtmlCanvasElement,
    pub(super) units: HtmlCanvasElement,
}

/// The chart canvases' references. `Copy`.
#[derive(Clone, Copy)]
pub(super) struct CanvasRefs {
    pub(super) loss: NodeRef<Canvas>,
    pub(super) fit: NodeRef<Canvas>,
    pub(super) units: NodeRef<Canvas>,
}

impl CanvasRefs {
    /// The canvases once all three are on the page, read without tracking.
    pub(super) fn get_untracked(self) -> Option<Canvases> {
        Some(Canvases {
            loss: self.loss.get_untracked()?,
            fit: self.fit.get_untracked()?,
            units: self.units.get_untracked()?,
        })
    }

    /// The canvases once all three are on the page (a tracked read of each).
    pub(super) fn get(self) -> Option<Canvases> {
        let (loss, fit, units) = (self.loss.get(), self.fit.get(), self.units.get());
        Some(Canvases {
            loss: loss?,
            fit: fit?,
            units: units?,
        })
    }
}

/// What a chart shows, in words for a screen reader, as of the run's last pause (not every frame).
fn described(
    lab: Lab,
    paused: Memo<(bool, u64)>,
    describe: fn(&crate::engine::Trainer, Language) -> String,
) -> impl Fn() -> Option<String> {
    move || {
        let (paused, _) = paused.get();
        let language = lab.language();
        paused.then(|| lab.trainer.with_value(|t| describe(t, language)))
    }
}

#[component]
pub fn Charts() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let canvases = CanvasRefs {
        loss: NodeRef::new(),
        fit: NodeRef::new(),
        units: NodeRef::new(),
    };
    let resized = RwSignal::new(0u32);
    let kept = StoredValue::new_local(Kept::default());
    let handle = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());
    let seen = RwSignal::new(0u32);
    watch_visibility(lab, canvases, seen);
    // The canvases' size follows the page's layout too (classroom mode's first screen shares its
    // height among what it shows): drawn again when it changes.
    visibility::watch_sizes(canvases, resized);
    let printing = StoredValue::new(false);
    redraw_on_change(lab, canvases, resized, seen, (kept, printing));
    draw::draw_when_asked(lab, canvases, (kept, printing));
    print::install(lab, canvases, kept, printing, resized);
    // What each chart shows, in words for a screen reader, follows the run when it pauses or ends
    // (not every frame).
    let paused = Memo::new(move |_| lab.frame.with(|f| (f.fingerprint.is_some(), f.version)));
    view! {
        <div class="charts">
            <LossFigure canvas=canvases.loss paused=paused/>
            <figure class="chart fit-figure" aria-describedby="fit-description">
                <canvas node_ref=canvases.fit data-testid="fit-chart" class="fit" role="img" aria-label=move || lab.tr(lab.config.with(crate::charts::fit_caption))></canvas>
                <figcaption id="fit-description" class="visually-hidden" data-testid="fit-description">{described(lab, paused, report::describe_fit)}</figcaption>
                <ChartTable kind=TableKind::Fit/>
            </figure>
            <UnitsFigure canvas=canvases.units paused=paused/>
        </div>
    }
}

/// The loss chart, with its tabs (loss or the metric), its description and its table.
#[component]
fn LossFigure(canvas: NodeRef<Canvas>, paused: Memo<(bool, u64)>) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let metric_name = move || match lab.config.with(|c| c.metric) {
        crate::engine::config::Metric::Mae => lab.tr(i18n::METRIC_MAE),
        crate::engine::config::Metric::Accuracy => lab.tr(i18n::METRIC_ACCURACY),
    };
    view! {
        <figure class="chart loss-figure" aria-describedby="loss-description">
            <div class="chart-tabs" role="group" aria-label=move || lab.tr(i18n::LOSS_TABS_ARIA)>
                <button class:active=move || lab.loss_view.get() == LossView::Loss
                    aria-pressed=move || (lab.loss_view.get() == LossView::Loss).to_string()
                    data-testid="show-loss" on:click=move |_| lab.loss_view.set(LossView::Loss)>{move || lab.tr(i18n::TAB_LOSS)}</button>
                <button class:active=move || lab.loss_view.get() == LossView::Metric
                    aria-pressed=move || (lab.loss_view.get() == LossView::Metric).to_string()
                    data-testid="show-metric" on:click=move |_| lab.loss_view.set(LossView::Metric)>{metric_name}</button>
            </div>
            <canvas node_ref=canvas data-testid="loss-chart" role="img" aria-label=move || lab.tr(i18n::LOSS_CHART_ARIA)></canvas>
            <figcaption id="loss-description" class="visually-hidden" data-testid="loss-description">{described(lab, paused, report::describe_loss)}</figcaption>
            <ChartTable kind=TableKind::Loss/>
        </figure>
    }
}

/// A layer's tab underlined in its line's colour in the strip of dead units per epoch: the tabs
/// name the lines where the strip has no room for a legend.
fn layer_colour(layer: usize) -> String {
    let colours = &crate::charts::palette::LAYERS;
    let plotters::style::RGBColor(r, g, b) = colours[layer % colours.len()];
    format!("border-bottom: 4px solid rgb({r}, {g}, {b})")
}

/// The units chart, with a tab per hidden layer when there are several, and its description.
#[component]
fn UnitsFigure(canvas: NodeRef<Canvas>, paused: Memo<(bool, u64)>) -> impl IntoView {
    let lab = expect_context::<Lab>();
    view! {
        <figure class="chart wide units-figure" aria-describedby="units-description">
            <Show when=move || lab.config.with(|c| c.widths().len() > 1)>
                <div class="chart-tabs" role="group" aria-label=move || lab.tr(i18n::UNITS_TABS_ARIA)>
                    {move || (0..lab.config.with(|c| c.widths().len())).map(|layer| view! {
                        <button class:active=move || lab.units_layer.get() == layer
                            data-testid=format!("units-layer-{}", layer + 1)
                            style=layer_colour(layer)
                            aria-pressed=move || (lab.units_layer.get() == layer).to_string()
                            on:click=move |_| lab.units_layer.set(layer)>{move || lab.fill(i18n::LAYER_N, &[&(layer + 1)])}</button>
                    }).collect_view()}
                </div>
            </Show>
            <canvas node_ref=canvas data-testid="units-chart" class="tall" role="img"
                aria-label=move || lab.tr(i18n::UNITS_CHART_ARIA)></canvas>
            <figcaption id="units-description" class="visually-hidden" data-testid="units-description">{described(lab, paused, report::describe_units)}</figcaption>
        </figure>
    }
}

/// Which chart a data table shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TableKind {
    Loss,
    Fit,
}

/// A chart's numbers as a table (at most about 40 rows), filled while paused.
#[component]
fn ChartTable(kind: TableKind) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let open = RwSignal::new(false);
    let rows = move || {
        let (paused, _) = lab.frame.with(|f| (f.fingerprint.is_some(), f.version));
        if !(open.get() && paused) {
            return Vec::new();
        }
        lab.trainer.with_value(|trainer| match kind {
            TableKind::Loss => {
                let history = trainer.history();
                let stride = history.len().div_ceil(40).max(1);
                let mut picked: Vec<&crate::engine::EpochStats> =
                    history.iter().step_by(stride).collect();
                if let Some(last) = history.last() {
                    if picked.last().is_none_or(|p| p.epoch != last.epoch) {
                        picked.push(last);
                    }
                }
                picked
                    .into_iter()
                    .map(|s| {
                        vec![
                            s.epoch.to_string(),
                            // A small loss never reads 0.00 (standardized ends near 0.003).
                            report::figure(s.loss),
                            s.val_loss.map_or("–".into(), report::figure),
                        ]
                    })
                    .collect()
            }
            TableKind::Fit => {
                // Each column in one form (no "1" above "100.80").
                let rows = report::fit_table(trainer);
                let columns: Vec<Vec<String>> = (0..3)
                    .map(|c| report::column(&rows.iter().map(|row| row[c]).collect::<Vec<_>>()))
                    .collect();
                (0..rows.len())
                    .map(|r| columns.iter().map(|cells| cells[r].clone()).collect())
                    .collect()
            }
        })
    };
    let headers = move || {
        let words = match kind {
            TableKind::Loss => [i18n::COLUMN_EPOCH, i18n::COLUMN_LOSS, i18n::COLUMN_VAL_LOSS],
            TableKind::Fit => [i18n::COLUMN_X, i18n::COLUMN_TARGET, i18n::COLUMN_PREDICTION],
        };
        let mut headers = words.map(|w| lab.tr(w).to_string());
        // Own points read by their columns' names: x is named as in their file.
        let x = lab.config.with(|c| c.axis_names().0.to_string());
        if kind == TableKind::Fit && x != "x" {
            headers[0] = x;
        }
        headers
    };
    let test_id = match kind {
        TableKind::Loss => "loss-table",
        TableKind::Fit => "fit-table",
    };
    view! {
        <details class="chart-table" data-testid=test_id on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            if let Some(details) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(details.open());
            }
        }>
            <summary>{move || lab.tr(i18n::SHOW_AS_TABLE)}</summary>
            <table>
                <thead><tr>
                    {move || headers().into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|row| view! {
                        <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
