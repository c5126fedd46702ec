//! The chart canvases. One effect redraws them when a new frame is published (so at most once per
//! animation frame), with the backing store sized CSS size × devicePixelRatio for sharp lines.

use super::Lab;
use crate::charts::{self, ChartStyle, LossView};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// Sizes the canvas' backing store to its CSS box × devicePixelRatio; returns the drawing scale
/// (devicePixelRatio × zoom).
fn prepare(canvas: &HtmlCanvasElement, zoom: f64) -> f64 {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
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

fn backend(canvas: &HtmlCanvasElement, zoom: f64) -> Option<(CanvasBackend, ChartStyle)> {
    let scale = prepare(canvas, zoom);
    CanvasBackend::with_canvas_object(canvas.clone()).map(|b| (b, ChartStyle { scale }))
}

fn draw_all(
    lab: Lab,
    loss: &HtmlCanvasElement,
    fit: &HtmlCanvasElement,
    units: &HtmlCanvasElement,
    view: LossView,
    layer: usize,
) {
    let zoom = if lab.config.with_untracked(|c| c.classroom) {
        CLASSROOM_ZOOM
    } else {
        1.0
    };
    let backend = |canvas| backend(canvas, zoom);
    let pinned = lab.pinned.get_value();
    lab.trainer.with_value(|trainer| {
        let overlays: Vec<charts::Overlay> = pinned
            .iter()
            .map(|run| charts::Overlay {
                trainer: run,
                label: trainer.config().difference_label(run.config()),
            })
            .collect();
        if let Some((backend, style)) = backend(loss) {
            let _ = charts::draw_loss(
                &backend.into_drawing_area(),
                trainer,
                &overlays,
                view,
                style,
            );
        }
        if let Some((backend, style)) = backend(fit) {
            let _ = charts::draw_fit(&backend.into_drawing_area(), trainer, &overlays, style);
        }
        if let Some((backend, style)) = backend(units) {
            let area = backend.into_drawing_area();
            let (_, height) = area.dim_in_pixel();
            let (top, bottom) = area.split_vertically((f64::from(height) * 0.72) as u32);
            let _ = charts::draw_units(&top, &bottom, trainer, layer, style);
        }
        // Numbers the end-to-end tests read next to the pixels (the chart's own inputs, not a copy).
        let _ = fit.set_attribute("data-fit-rmse", &format!("{}", fit_rmse(trainer)));
        let last_loss = trainer.history().last().map_or(f64::NAN, |s| s.loss);
        let _ = loss.set_attribute("data-last-loss", &format!("{last_loss}"));
        let dead = trainer.dead_by_layer();
        let _ = units.set_attribute("data-dead", &dead.total().to_string());
        let per_layer: Vec<String> = dead.as_slice().iter().map(ToString::to_string).collect();
        let _ = units.set_attribute("data-dead-by-layer", &per_layer.join(","));
    });
}

/// Root-mean-square distance between the prediction and the target line over the training inputs
/// (at most 2,000 of them, evenly spread: it runs every frame), in original units.
fn fit_rmse(trainer: &crate::engine::Trainer) -> f64 {
    let config = trainer.config();
    let data = trainer.data();
    let rows = data.fit.clone();
    let stride = rows.len().div_ceil(2000).max(1);
    let rows = rows.step_by(stride);
    let count = rows.len().max(1) as f64;
    let sum: f64 = rows
        .map(|row| {
            let x = data.x[row];
            (trainer.predict(x) - (config.slope * x + config.intercept)).powi(2)
        })
        .sum();
    (sum / count).sqrt()
}

#[component]
pub fn Charts() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let loss = NodeRef::<Canvas>::new();
    let fit = NodeRef::<Canvas>::new();
    let units = NodeRef::<Canvas>::new();
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| resized.update(|n| *n += 1));
    on_cleanup(move || handle.remove());

    Effect::new(move |_| {
        lab.frame.with(|f| f.version);
        resized.track();
        // Classroom mode changes the canvases' size and the text's.
        lab.config.with(|c| c.classroom);
        let view = lab.loss_view.get();
        let layer = lab.units_layer.get();
        if let (Some(loss), Some(fit), Some(units)) = (loss.get(), fit.get(), units.get()) {
            let start = web_sys::window()
                .and_then(|w| w.performance())
                .map_or(0.0, |p| p.now());
            draw_all(lab, &loss, &fit, &units, view, layer);
            let took = web_sys::window()
                .and_then(|w| w.performance())
                .map_or(0.0, |p| p.now())
                - start;
            if let Ok(Some(parent)) = loss.closest(".charts") {
                let _ = parent.set_attribute("data-draw-ms", &format!("{took:.2}"));
            }
        }
    });

    let metric_name = move || {
        lab.config.with(|c| match c.metric {
            crate::engine::config::Metric::Mae => "MAE",
            crate::engine::config::Metric::Accuracy => "accuracy",
        })
    };
    view! {
        <div class="charts">
            <figure class="chart">
                <div class="chart-tabs" role="group" aria-label="loss chart shows">
                    <button class:active=move || lab.loss_view.get() == LossView::Loss
                        data-testid="show-loss" on:click=move |_| lab.loss_view.set(LossView::Loss)>"loss"</button>
                    <button class:active=move || lab.loss_view.get() == LossView::Metric
                        data-testid="show-metric" on:click=move |_| lab.loss_view.set(LossView::Metric)>{metric_name}</button>
                </div>
                <canvas node_ref=loss data-testid="loss-chart" aria-label="loss per epoch"></canvas>
            </figure>
            <figure class="chart">
                <canvas node_ref=fit data-testid="fit-chart" aria-label="data, target line and the network's prediction"></canvas>
            </figure>
            <figure class="chart wide">
                <Show when=move || lab.config.with(|c| c.widths().len() > 1)>
                    <div class="chart-tabs" role="group" aria-label="units chart shows layer">
                        {move || (0..lab.config.with(|c| c.widths().len())).map(|layer| view! {
                            <button class:active=move || lab.units_layer.get() == layer
                                data-testid=format!("units-layer-{}", layer + 1)
                                aria-pressed=move || (lab.units_layer.get() == layer).to_string()
                                on:click=move |_| lab.units_layer.set(layer)>{format!("layer {}", layer + 1)}</button>
                        }).collect_view()}
                    </div>
                </Show>
                <canvas node_ref=units data-testid="units-chart" class="tall"
                    aria-label="what each hidden unit adds to the output; dead units in grey"></canvas>
            </figure>
        </div>
    }
}
