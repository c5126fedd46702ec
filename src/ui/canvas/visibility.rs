//! Which charts are on screen: an observer tells the redraw plan.

use super::{CanvasRefs, Canvases};
use crate::redraw::Chart;
use crate::ui::Lab;
use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

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

/// Which charts are on screen: an observer reports it to the redraw plan, and a chart coming on
/// screen bumps `seen` (so it is drawn).
pub(super) fn watch_visibility(lab: Lab, canvases: CanvasRefs, seen: RwSignal<u32>) {
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
