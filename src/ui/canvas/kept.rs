//! What the page keeps between frames so it redraws only what changed: the fit chart's background
//! as an image, and what the loss chart last showed.

use super::draw::prepare;
use crate::charts::Measured;
use crate::charts::{self, ChartStyle, FitLayer, LossView};
use crate::engine::config::Language;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// What the page keeps between frames so it redraws only what changed: the fit chart's background
/// as an image, and what the loss chart last showed.
#[derive(Default)]
pub(in crate::ui) struct Kept {
    /// The fit chart's background (`FitLayer::Background`), what it was drawn for, and where its
    /// legend goes (`charts::fit_legend_room`, decided once with it).
    fit_background: Option<(String, HtmlCanvasElement, charts::LegendPlace)>,
    /// What the loss chart shows, as of its last drawing.
    pub(super) loss: Option<String>,
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

/// The loss chart changes once an epoch while the run plays; paused in the middle of an epoch (a
/// rewind, a step) it shows the epoch so far too, up to the last update.
pub(super) fn draw_loss_if_changed(
    canvas: &HtmlCanvasElement,
    (trainer, run, paused): (&crate::engine::Trainer, &str, bool),
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
    if paused && trainer.batch_in_epoch() > 0 {
        key.push_str(&format!(" update {}", trainer.iterations()));
    }
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
pub(super) fn draw_fit_over_background(
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
            let place = charts::fit_legend_room(&area, trainer, overlays, style).ok()?;
            let layer = FitLayer::Background;
            charts::draw_fit_layer(&area, trainer, overlays, style, layer, place).ok()?;
            Some((key, image, place))
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
        (Some((_, image, place)), Some(context))
            if context
                .draw_image_with_html_canvas_element(image, 0.0, 0.0)
                .is_ok() =>
        {
            let layer = FitLayer::Lines;
            let _ = charts::draw_fit_layer(&area, trainer, overlays, style, layer, *place);
        }
        // No image to keep (or copy): the whole chart, as before.
        _ => {
            let _ = charts::draw_fit(&area, trainer, overlays, style);
        }
    }
}
