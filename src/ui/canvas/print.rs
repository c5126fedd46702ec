//! A printed handout's charts: drawn again for the paper, at a size of their own and from the run as
//! it is now (the screen's bitmaps would be stretched to the paper's boxes, and a chart off screen
//! would print as it was when last on screen). Printing from the browser's menu says so with
//! `beforeprint`; the print media query says so too (a test's print emulation, a print preview).

use super::draw::{draw_units_on, overlays, say_text_size, write_drawn_numbers};
use super::kept::Kept;
use super::{CanvasRefs, Canvases};
use crate::charts::{self, ChartStyle, Measured};
use crate::redraw::Chart;
use crate::ui::Lab;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Device pixels per CSS pixel on paper: sharp at a printer's resolution.
const PRINT_SCALE: f64 = 3.0;
/// The loss and fit charts on paper, side by side (CSS pixels: a column of an A4 page is about
/// 345 wide), and the units chart under them across the page. The stylesheet keeps each drawing's
/// aspect ratio (`height: auto`), so nothing is stretched whatever width the page gives it.
const HALF: (f64, f64) = (345.0, 235.0);
const WIDE: (f64, f64) = (700.0, 330.0);

/// Draws the three charts for print: each canvas' backing store at its paper size, the run now.
fn draw_for_print(lab: Lab, canvases: &Canvases, kept: &mut Kept) {
    let language = lab.language_untracked();
    let (view, layer) = (
        lab.loss_view.get_untracked(),
        lab.units_layer.get_untracked(),
    );
    let style = ChartStyle {
        scale: PRINT_SCALE,
        language,
    };
    let sized = |canvas: &web_sys::HtmlCanvasElement, (width, height): (f64, f64)| {
        canvas.set_width((width * PRINT_SCALE).round() as u32);
        canvas.set_height((height * PRINT_SCALE).round() as u32);
        say_text_size(canvas, 1.0);
        CanvasBackend::with_canvas_object(canvas.clone()).map(Measured)
    };
    lab.pinned.with_value(|pinned| {
        lab.trainer.with_value(|trainer| {
            let overlays = overlays(pinned, trainer, language);
            if let Some(backend) = sized(&canvases.loss, HALF) {
                let area = backend.into_drawing_area();
                let _ = charts::draw_loss(&area, trainer, &overlays, view, style);
            }
            if let Some(backend) = sized(&canvases.fit, HALF) {
                let _ = charts::draw_fit(&backend.into_drawing_area(), trainer, &overlays, style);
            }
            if let Some(backend) = sized(&canvases.units, WIDE) {
                draw_units_on(&backend.into_drawing_area(), trainer, layer, style);
            }
            write_drawn_numbers(
                canvases,
                trainer,
                true,
                &[Chart::Loss, Chart::Fit, Chart::Units],
            );
        });
    });
    // The screen's next drawing starts afresh.
    kept.loss = None;
}

/// Draws the charts for print before the page prints (`beforeprint`, or the print media query
/// turning on), and holds the screen's drawing meanwhile (`printing`); after it (`afterprint`, or
/// the query turning off) the screen's charts are drawn again (`resized`).
pub(super) fn install(
    lab: Lab,
    canvases: CanvasRefs,
    kept: StoredValue<Kept, LocalStorage>,
    printing: StoredValue<bool>,
    resized: RwSignal<u32>,
) {
    let start = move || {
        let Some(drawn) = canvases.get_untracked() else {
            return;
        };
        printing.set_value(true);
        kept.update_value(|kept| draw_for_print(lab, &drawn, kept));
    };
    let end = move || {
        if printing.get_value() {
            printing.set_value(false);
            resized.update(|n| *n += 1);
        }
    };
    let before = window_event_listener(leptos::ev::beforeprint, move |_| start());
    let after = window_event_listener(leptos::ev::afterprint, move |_| end());
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    // The print media query (`window.matchMedia('print')`), through its change events.
    let Some(window) = web_sys::window() else {
        return;
    };
    let query = js_sys::Reflect::get(&window, &JsValue::from_str("matchMedia"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&window, &JsValue::from_str("print")).ok());
    let Some(query) = query else {
        return;
    };
    let changed = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let matches = js_sys::Reflect::get(&event, &JsValue::from_str("matches"))
            .ok()
            .and_then(|m| m.as_bool())
            .unwrap_or(false);
        if matches {
            start();
        } else {
            end();
        }
    });
    let target: web_sys::EventTarget = query.unchecked_into();
    let _ = target.add_event_listener_with_callback("change", changed.as_ref().unchecked_ref());
    // Lives as long as the page's charts.
    changed.forget();
}
