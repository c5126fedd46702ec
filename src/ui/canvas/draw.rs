//! A frame's drawing: the canvases' backing store, the charts due, each drawn onto its canvas, and
//! the numbers the end-to-end tests read next to the pixels.

use super::kept::{draw_fit_over_background, draw_loss_if_changed, Kept};
use super::{CanvasRefs, Canvases};
use crate::charts::Measured;
use crate::charts::{self, ChartStyle, LossView};
use crate::engine::config::Language;
use crate::engine::report;
use crate::redraw::{Chart, Redraw};
use crate::ui::Lab;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// The backing store's pixels per CSS pixel at most: a phone's 3 would draw 2.25 times the pixels of
/// 2 for lines and text that look the same at arm's length (the fit chart took 90-100 ms a drawing on
/// the phone profile at 3).
const MAX_PIXEL_RATIO: f64 = 2.0;

/// Sizes the canvas' backing store to its CSS box × devicePixelRatio (at most `MAX_PIXEL_RATIO`); returns the drawing scale
/// (devicePixelRatio × zoom).
pub(in crate::ui) fn prepare(canvas: &HtmlCanvasElement, zoom: f64) -> f64 {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, MAX_PIXEL_RATIO);
    // At most 8,192 pixels a side: a canvas whose box followed its own pixels (no stylesheet) would
    // otherwise double at every drawing.
    let side = |css: i32| (f64::from(css.max(50)) * ratio).round().min(8192.0) as u32;
    let (width, height) = (side(canvas.client_width()), side(canvas.client_height()));
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    ratio * zoom
}

fn backend(
    canvas: &HtmlCanvasElement,
    zoom: f64,
    language: Language,
) -> Option<(Measured<CanvasBackend>, ChartStyle)> {
    let scale = prepare(canvas, zoom);
    CanvasBackend::with_canvas_object(canvas.clone())
        .map(|b| (Measured(b), ChartStyle { scale, language }))
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

/// The charts' zoom (`charts::zoom_for`): in classroom mode on a projector, text that grows with
/// the screen's height.
pub(in crate::ui) fn zoom(lab: Lab) -> f64 {
    let classroom = lab.config.with_untracked(|c| c.classroom);
    let size = web_sys::window().and_then(|w| {
        let width = w.inner_width().ok()?.as_f64()?;
        let height = w.inner_height().ok()?.as_f64()?;
        Some((width, height))
    });
    size.map_or(1.0, |size| charts::zoom_for(classroom, size))
}

/// Says on `canvas` how large its tick labels are drawn, in CSS pixels (`data-text-px`).
pub(in crate::ui) fn say_text_size(canvas: &HtmlCanvasElement, zoom: f64) {
    let _ = canvas.set_attribute("data-text-px", &format!("{:.2}", charts::TICK_PX * zoom));
}

/// The units chart's two parts on its canvas: the units (their curves and their band) and, under
/// them, the dead units per epoch.
pub(super) fn draw_units_on<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    trainer: &crate::engine::Trainer,
    layer: usize,
    style: ChartStyle,
) {
    let (_, height) = area.dim_in_pixel();
    let (top, bottom) = area.split_vertically((f64::from(height) * 0.76) as u32);
    let _ = charts::draw_units(&top, &bottom, trainer, layer, style);
}

/// The pinned runs as the charts draw them, each named by how it differs from `trainer`'s run.
pub(super) fn overlays<'a>(
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
                let start = crate::ui::browser::now_ms();
                let canvas = draw_chart(chart, canvases, &scene, kept, paused);
                say_text_size(canvas, zoom);
                let ms = crate::ui::browser::now_ms() - start;
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
    paused: bool,
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
            draw_loss_if_changed(loss, (trainer, run, paused), overlays, view, kept, backend);
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
                draw_units_on(&backend.into_drawing_area(), trainer, layer, style);
            }
            units
        }
    }
}

/// Numbers the end-to-end tests read next to the pixels (the chart's own inputs), as of the chart's
/// last drawing, and all of them once the run stops. The fit's distance to the target takes 2,000
/// predictions: only once the run stops.
pub(super) fn write_drawn_numbers(
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

/// The event a download of the charts sends first (`draw_now`): the charts draw every stale chart
/// at once, on screen or not.
pub const DRAW_NOW_EVENT: &str = "relu-lab-draw-now";

/// Asks the charts to draw everything stale now, synchronously (an event the charts listen for:
/// the panels that download them come in chunks of their own).
pub fn draw_now() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(event) = web_sys::Event::new(DRAW_NOW_EVENT) {
        let _ = window.dispatch_event(&event);
    }
}

/// Draws every stale chart, on screen or not, when a download asks (`draw_now`).
pub(super) fn draw_when_asked(
    lab: Lab,
    canvases: CanvasRefs,
    (kept, printing): (StoredValue<Kept, LocalStorage>, StoredValue<bool>),
) {
    let handle = window_event_listener_untyped(DRAW_NOW_EVENT, move |_| {
        let Some(drawn) = canvases.get_untracked() else {
            return;
        };
        if printing.get_value() {
            return;
        }
        let due = lab
            .redraw
            .try_update_value(|r| r.all_stale(crate::ui::browser::now_ms()))
            .unwrap_or_default();
        let view = (
            lab.loss_view.get_untracked(),
            lab.units_layer.get_untracked(),
        );
        kept.try_update_value(|kept| draw_all(lab, &drawn, &due, view, kept));
    });
    on_cleanup(move || handle.remove());
}

/// Redraws the charts due when a frame is published, the window is resized, the view changes or a
/// chart comes on screen (`seen`).
pub(super) fn redraw_on_change(
    lab: Lab,
    canvases: CanvasRefs,
    resized: RwSignal<u32>,
    seen: RwSignal<u32>,
    (kept, printing): (StoredValue<Kept, LocalStorage>, StoredValue<bool>),
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
        // The charts hold their print drawing until the page has printed.
        if printing.get_value() {
            return now;
        }
        let due = charts_due(lab, crate::ui::browser::now_ms());
        let took = kept
            .try_update_value(|kept| draw_all(lab, &drawn, &due, (view, layer), kept))
            .unwrap_or_default();
        note_drawing_time(lab, &drawn.loss, &took);
        now
    });
}
