//! The chart canvases. One effect redraws them when a new frame is published (so at most once per
//! animation frame), with the backing store sized CSS size × devicePixelRatio for sharp lines. Only
//! what changed is drawn: the loss chart once an epoch, the fit chart's lines over a kept image of
//! its background (drawing its points took half of a frame's drawing).

use super::Lab;
use crate::charts::Measured;
use crate::charts::{self, ChartStyle, FitLayer, LossView};
use crate::engine::config::Language;
use crate::engine::report;
use crate::i18n;
use crate::redraw::{Chart, Redraw};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// The backing store's pixels per CSS pixel at most: a phone's 3 would draw 2.25 times the pixels of
/// 2 for lines and text that look the same at arm's length (the fit chart took 90-100 ms a drawing on
/// the phone profile at 3).
const MAX_PIXEL_RATIO: f64 = 2.0;

/// Sizes the canvas' backing store to its CSS box × devicePixelRatio (at most `MAX_PIXEL_RATIO`); returns the drawing scale
/// (devicePixelRatio × zoom).
pub(super) fn prepare(canvas: &HtmlCanvasElement, zoom: f64) -> f64 {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, MAX_PIXEL_RATIO);
    let width = (f64::from(canvas.client_width().max(50)) * ratio).round() as u32;
    let height = (f64::from(canvas.client_height().max(50)) * ratio).round() as u32;
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    ratio * zoom
}

/// Text and lines in classroom mode are a third larger, like the page's own text.
const CLASSROOM_ZOOM: f64 = 24.0 / 18.0;

fn backend(
    canvas: &HtmlCanvasElement,
    zoom: f64,
    language: Language,
) -> Option<(Measured<CanvasBackend>, ChartStyle)> {
    let scale = prepare(canvas, zoom);
    CanvasBackend::with_canvas_object(canvas.clone())
        .map(|b| (Measured(b), ChartStyle { scale, language }))
}

/// What the page keeps between frames so it redraws only what changed: the fit chart's background
/// as an image, and what the loss chart last showed.
#[derive(Default)]
struct Kept {
    /// The fit chart's background (`FitLayer::Background`), what it was drawn for, and the room
    /// its legend takes beside the plot (`charts::fit_legend_room`, decided once with it).
    fit_background: Option<(String, HtmlCanvasElement, Option<u32>)>,
    /// What the loss chart shows, as of its last drawing.
    loss: Option<String>,
}

/// A canvas outside the page, of `width` × `height` pixels.
fn offscreen(width: u32, height: u32) -> Option<HtmlCanvasElement> {
    let canvas: HtmlCanvasElement = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    Some(canvas)
}

/// What a run's loss curve depends on (its settings and how far its history goes).
fn history_key(run: &str, trainer: &crate::engine::Trainer) -> String {
    let last = trainer.history().last().map(|s| s.epoch);
    format!(
        "{run} {} {last:?} {:?}",
        trainer.history().len(),
        trainer.diverged()
    )
}

/// The three chart canvases, once they are on the page.
struct Canvases {
    loss: HtmlCanvasElement,
    fit: HtmlCanvasElement,
    units: HtmlCanvasElement,
}

/// What one frame's charts are drawn from, and how.
struct Scene<'a> {
    trainer: &'a crate::engine::Trainer,
    /// The run's settings: part of what each kept drawing was made for.
    run: &'a str,
    overlays: &'a [charts::Overlay<'a>],
    zoom: f64,
    language: Language,
    view: LossView,
    layer: usize,
}

/// The charts' zoom: larger in classroom mode.
fn zoom(lab: Lab) -> f64 {
    if lab.config.with_untracked(|c| c.classroom) {
        CLASSROOM_ZOOM
    } else {
        1.0
    }
}

/// The pinned runs as the charts draw them, each named by how it differs from `trainer`'s run.
fn overlays<'a>(
    pinned: &'a [crate::engine::Trainer],
    trainer: &crate::engine::Trainer,
    language: Language,
) -> Vec<charts::Overlay<'a>> {
    pinned
        .iter()
        .map(|run| charts::Overlay {
            trainer: run,
            label: trainer.config().difference_label(run.config(), language),
        })
        .collect()
}

/// Draws `charts` (the others keep their last drawing) and returns what each took, in ms; writes the
/// numbers the end-to-end tests read next to the pixels while the run is paused (or the chart drawn).
fn draw_all(
    lab: Lab,
    canvases: &Canvases,
    charts_due: &[Chart],
    (view, layer): (LossView, usize),
    kept: &mut Kept,
) -> Vec<(Chart, f64)> {
    let zoom = zoom(lab);
    let language = lab.language_untracked();
    let paused = !lab.running.get_untracked();
    let mut took = Vec::with_capacity(charts_due.len());
    lab.pinned.with_value(|pinned| {
        lab.trainer.with_value(|trainer| {
            let overlays = overlays(pinned, trainer, language);
            // (Own points named by their tag: the whole link of 100,000 points is a megabyte of
            // text, and writing it for every drawing took most of a second.)
            let run = crate::engine::stored::job_link(trainer.config());
            let scene = Scene {
                trainer,
                run: &run,
                overlays: &overlays,
                zoom,
                language,
                view,
                layer,
            };
            for &chart in charts_due {
                let start = super::browser::now_ms();
                let canvas = draw_chart(chart, canvases, &scene, kept);
                let ms = super::browser::now_ms() - start;
                let _ = canvas.set_attribute("data-draw-ms", &format!("{ms:.2}"));
                took.push((chart, ms));
            }
            write_drawn_numbers(canvases, trainer, paused, charts_due);
        });
    });
    took
}

/// Draws one chart on its canvas, and returns that canvas.
fn draw_chart<'c>(
    chart: Chart,
    canvases: &'c Canvases,
    scene: &Scene,
    kept: &mut Kept,
) -> &'c HtmlCanvasElement {
    let Scene {
        trainer,
        run,
        overlays,
        zoom,
        language,
        view,
        layer,
    } = *scene;
    match chart {
        Chart::Loss => {
            let loss = &canvases.loss;
            let backend = backend(loss, zoom, language);
            draw_loss_if_changed(loss, (trainer, run), overlays, view, kept, backend);
            loss
        }
        Chart::Fit => {
            let fit = &canvases.fit;
            draw_fit_over_background(fit, (trainer, run), overlays, (zoom, language), kept);
            fit
        }
        Chart::Units => {
            let units = &canvases.units;
            if let Some((backend, style)) = backend(units, zoom, language) {
                let area = backend.into_drawing_area();
                let (_, height) = area.dim_in_pixel();
                let (top, bottom) = area.split_vertically((f64::from(height) * 0.72) as u32);
                let _ = charts::draw_units(&top, &bottom, trainer, layer, style);
            }
            units
        }
    }
}

/// Numbers the end-to-end tests read next to the pixels (the chart's own inputs), as of the chart's
/// last drawing, and all of them once the run stops. The fit's distance to the target takes 2,000
/// predictions: only once the run stops.
fn write_drawn_numbers(
    canvases: &Canvases,
    trainer: &crate::engine::Trainer,
    paused: bool,
    charts_due: &[Chart],
) {
    if paused {
        let rmse = report::fit_rmse(trainer);
        let _ = canvases
            .fit
            .set_attribute("data-fit-rmse", &rmse.to_string());
    }
    if paused || charts_due.contains(&Chart::Loss) {
        let last_loss = trainer.history().last().map_or(f64::NAN, |s| s.loss);
        let _ = canvases
            .loss
            .set_attribute("data-last-loss", &format!("{last_loss}"));
    }
    if paused || charts_due.contains(&Chart::Units) {
        let dead = trainer.dead_by_layer();
        let units = &canvases.units;
        let _ = units.set_attribute("data-dead", &dead.total().to_string());
        let per_layer: Vec<String> = dead.as_slice().iter().map(ToString::to_string).collect();
        let _ = units.set_attribute("data-dead-by-layer", &per_layer.join(","));
    }
}

/// The loss chart changes once an epoch: within one, nothing it shows moves.
fn draw_loss_if_changed(
    canvas: &HtmlCanvasElement,
    (trainer, run): (&crate::engine::Trainer, &str),
    overlays: &[charts::Overlay],
    view: LossView,
    kept: &mut Kept,
    backend: Option<(Measured<CanvasBackend>, ChartStyle)>,
) {
    let Some((backend, style)) = backend else {
        return;
    };
    let mut key = format!(
        "{}x{} {} {:?} {view:?} {}",
        canvas.width(),
        canvas.height(),
        style.scale,
        style.language,
        history_key(run, trainer)
    );
    for overlay in overlays {
        key.push_str(" | ");
        key.push_str(&history_key(
            &crate::engine::stored::job_link(overlay.trainer.config()),
            overlay.trainer,
        ));
    }
    if kept.loss.as_ref() == Some(&key) {
        return;
    }
    let _ = charts::draw_loss(&backend.into_drawing_area(), trainer, overlays, view, style);
    kept.loss = Some(key);
}

/// The fit chart: its background (1,800 points, axes, target) drawn once per run and size and kept
/// as an image; each frame copies it and draws the network's lines over it (`FitLayer`).
fn draw_fit_over_background(
    canvas: &HtmlCanvasElement,
    (trainer, run): (&crate::engine::Trainer, &str),
    overlays: &[charts::Overlay],
    (zoom, language): (f64, Language),
    kept: &mut Kept,
) {
    let scale = prepare(canvas, zoom);
    let style = ChartStyle { scale, language };
    let (width, height) = (canvas.width(), canvas.height());
    // The labels too: they decide whether the legend goes beside the plot (`fit_legend_room`).
    let mut key = format!("{width}x{height} {scale} {language:?} {}", run);
    for overlay in overlays {
        key.push_str(" | ");
        key.push_str(&overlay.label);
    }
    let fresh = kept
        .fit_background
        .as_ref()
        .is_none_or(|(k, _, _)| *k != key);
    if fresh {
        kept.fit_background = offscreen(width, height).and_then(|image| {
            let backend = Measured(CanvasBackend::with_canvas_object(image.clone())?);
            let area = backend.into_drawing_area();
            let beside = charts::fit_legend_room(&area, trainer, overlays, style).ok()?;
            let layer = FitLayer::Background;
            charts::draw_fit_layer(&area, trainer, overlays, style, layer, beside).ok()?;
            Some((key, image, beside))
        });
    }
    let context = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()).map(Measured) else {
        return;
    };
    let area = backend.into_drawing_area();
    match (&kept.fit_background, context) {
        (Some((_, image, beside)), Some(context))
            if context
                .draw_image_with_html_canvas_element(image, 0.0, 0.0)
                .is_ok() =>
        {
            let layer = FitLayer::Lines;
            let _ = charts::draw_fit_layer(&area, trainer, overlays, style, layer, *beside);
        }
        // No image to keep (or copy): the whole chart, as before.
        _ => {
            let _ = charts::draw_fit(&area, trainer, overlays, style);
        }
    }
}

/// Reports, for each canvas, whether any of it is on screen: once at first, then on every change.
fn observe(
    canvases: [(Chart, &HtmlCanvasElement); 3],
    report: impl Fn(Chart, bool) + 'static,
) -> Option<web_sys::IntersectionObserver> {
    let targets: Vec<(Chart, web_sys::Element)> = canvases
        .iter()
        .map(|(chart, canvas)| (*chart, web_sys::Element::clone(canvas)))
        .collect();
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        for entry in entries.iter() {
            let Ok(entry) = entry.dyn_into::<web_sys::IntersectionObserverEntry>() else {
                continue;
            };
            let target = entry.target();
            if let Some((chart, _)) = targets.iter().find(|(_, element)| *element == target) {
                report(*chart, entry.is_intersecting());
            }
        }
    });
    let observer = web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    // The observer lives as long as the page's charts; its callback with it.
    callback.forget();
    for (_, canvas) in canvases {
        observer.observe(canvas);
    }
    Some(observer)
}

/// The chart canvases' references. `Copy`.
#[derive(Clone, Copy)]
struct CanvasRefs {
    loss: NodeRef<Canvas>,
    fit: NodeRef<Canvas>,
    units: NodeRef<Canvas>,
}

impl CanvasRefs {
    /// The canvases once all three are on the page (a tracked read of each).
    fn get(self) -> Option<Canvases> {
        let (loss, fit, units) = (self.loss.get(), self.fit.get(), self.units.get());
        Some(Canvases {
            loss: loss?,
            fit: fit?,
            units: units?,
        })
    }
}

/// Which charts are on screen: an observer reports it to the redraw plan, and a chart coming on
/// screen bumps `seen` (so it is drawn).
fn watch_visibility(lab: Lab, canvases: CanvasRefs, seen: RwSignal<u32>) {
    let redraw = lab.redraw;
    Effect::new(move |_| {
        let Some(Canvases { loss, fit, units }) = canvases.get() else {
            return;
        };
        let observed = observe(
            [
                (Chart::Loss, &loss),
                (Chart::Fit, &fit),
                (Chart::Units, &units),
            ],
            move |chart, visible| {
                let changed = redraw
                    .try_update_value(|r| {
                        let was = r.is_visible(chart);
                        r.seen(chart, visible);
                        was != visible
                    })
                    .unwrap_or(false);
                if changed && visible {
                    seen.update(|n| *n += 1);
                }
            },
        );
        if let Some(observer) = observed {
            on_cleanup(move || observer.disconnect());
        }
    });
}

/// The charts a frame draws: a playing run what its frame planned; a paused one every stale chart
/// on screen too.
fn charts_due(lab: Lab, now_ms: f64) -> Vec<Chart> {
    let playing = lab.running.get_untracked();
    lab.redraw
        .try_update_value(|r| {
            let mut due = r.take_plan();
            if !playing {
                for chart in r.due(now_ms, false) {
                    if !due.contains(&chart) {
                        due.push(chart);
                    }
                }
            }
            due
        })
        .unwrap_or_default()
}

/// What the frame's drawing took, on the page (`data-draw-ms`) and for the pace, which leaves
/// drawing its share of the frame (training gets what is left).
fn note_drawing_time(lab: Lab, loss: &HtmlCanvasElement, took: &[(Chart, f64)]) {
    let total: f64 = took.iter().map(|(_, ms)| ms).sum();
    if let Ok(Some(parent)) = loss.closest(".charts") {
        let _ = parent.set_attribute("data-draw-ms", &format!("{total:.2}"));
    }
    if !took.is_empty() {
        lab.pace.try_update_value(|pace| pace.drew(total));
    }
}

/// Redraws the charts due when a frame is published, the window is resized, the view changes or a
/// chart comes on screen (`seen`).
fn redraw_on_change(
    lab: Lab,
    canvases: CanvasRefs,
    resized: RwSignal<u32>,
    seen: RwSignal<u32>,
    kept: StoredValue<Kept, LocalStorage>,
) {
    Effect::new(move |previous: Option<(u64, u32, u32)>| {
        let version = lab.frame.with(|f| f.version);
        let resize = resized.get();
        // Classroom mode changes the canvases' size and the text's.
        lab.config.with(|c| c.classroom);
        lab.language();
        let view = lab.loss_view.get();
        let layer = lab.units_layer.get();
        let shown = seen.get();
        // A new frame of the run, a resize, another view: every chart is stale. A chart that came
        // on screen is stale already (it missed what changed while off screen).
        let now = (version, resize, shown);
        let only_seen = previous.is_some_and(|p| p.0 == version && p.1 == resize && p.2 != shown);
        if !only_seen {
            lab.redraw.update_value(Redraw::changed);
        }
        let Some(drawn) = canvases.get() else {
            return now;
        };
        let due = charts_due(lab, super::browser::now_ms());
        let took = kept
            .try_update_value(|kept| draw_all(lab, &drawn, &due, (view, layer), kept))
            .unwrap_or_default();
        note_drawing_time(lab, &drawn.loss, &took);
        now
    });
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
    redraw_on_change(lab, canvases, resized, seen, kept);
    // What each chart shows, in words for a screen reader, follows the run when it pauses or ends
    // (not every frame).
    let paused = Memo::new(move |_| lab.frame.with(|f| (f.fingerprint.is_some(), f.version)));
    view! {
        <div class="charts">
            <LossFigure canvas=canvases.loss paused=paused/>
            <figure class="chart" aria-describedby="fit-description">
                <canvas node_ref=canvases.fit data-testid="fit-chart" class="fit" role="img" aria-label=move || lab.tr(i18n::FIT_CHART_ARIA)></canvas>
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
        <figure class="chart" aria-describedby="loss-description">
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

/// The units chart, with a tab per hidden layer when there are several, and its description.
#[component]
fn UnitsFigure(canvas: NodeRef<Canvas>, paused: Memo<(bool, u64)>) -> impl IntoView {
    let lab = expect_context::<Lab>();
    view! {
        <figure class="chart wide" aria-describedby="units-description">
            <Show when=move || lab.config.with(|c| c.widths().len() > 1)>
                <div class="chart-tabs" role="group" aria-label=move || lab.tr(i18n::UNITS_TABS_ARIA)>
                    {move || (0..lab.config.with(|c| c.widths().len())).map(|layer| view! {
                        <button class:active=move || lab.units_layer.get() == layer
                            data-testid=format!("units-layer-{}", layer + 1)
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
                            report::grouped(s.loss),
                            s.val_loss.map_or("–".into(), report::grouped),
                        ]
                    })
                    .collect()
            }
            TableKind::Fit => report::fit_table(trainer)
                .into_iter()
                .map(|row| row.map(report::compact).to_vec())
                .collect(),
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
