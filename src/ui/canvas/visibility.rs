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

/// Bumps `resized` when a canvas' box changes size (a `ResizeObserver`, through `js_sys`: the page
/// lays the charts out to share the first screen in classroom mode, so a panel shown above them
/// changes their size without the window's). Not per frame: only when a size changes.
pub(super) fn watch_sizes(canvases: CanvasRefs, resized: RwSignal<u32>) {
    use wasm_bindgen::JsValue;
    Effect::new(move |_| {
        let Some(Canvases { loss, fit, units }) = canvases.get() else {
            return;
        };
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(constructor) = js_sys::Reflect::get(&window, &JsValue::from_str("ResizeObserver"))
            .ok()
            .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        else {
            return;
        };
        // Each canvas' last width and height, so the observer's first report (at once) and any
        // report of an unchanged size draw nothing.
        let sizes = std::rc::Rc::new(std::cell::RefCell::new(
            Vec::<(web_sys::Element, i32, i32)>::new(),
        ));
        let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let mut changed = false;
            let mut sizes = sizes.borrow_mut();
            for entry in entries.iter() {
                let Ok(target) = js_sys::Reflect::get(&entry, &JsValue::from_str("target")) else {
                    continue;
                };
                let Ok(element) = target.dyn_into::<web_sys::Element>() else {
                    continue;
                };
                let size = (element.client_width(), element.client_height());
                match sizes.iter_mut().find(|(e, _, _)| *e == element) {
                    Some(known) => {
                        if (known.1, known.2) != size {
                            (known.1, known.2) = size;
                            changed = true;
                        }
                    }
                    None => sizes.push((element, size.0, size.1)),
                }
            }
            if changed {
                resized.try_update(|n| *n += 1);
            }
        });
        let args = js_sys::Array::of1(callback.as_ref());
        let Ok(observer) = js_sys::Reflect::construct(&constructor, &args) else {
            return;
        };
        // The observer lives as long as the page's charts; its callback with it.
        callback.forget();
        let Ok(observe) = js_sys::Reflect::get(&observer, &JsValue::from_str("observe"))
            .and_then(|f| f.dyn_into::<js_sys::Function>())
        else {
            return;
        };
        for canvas in [&loss, &fit, &units] {
            let _ = observe.call1(&observer, canvas);
        }
        let disconnect = js_sys::Reflect::get(&observer, &JsValue::from_str("disconnect"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        on_cleanup(move || {
            if let Some(disconnect) = disconnect {
                let _ = disconnect.call0(&observer);
            }
        });
    });
}
