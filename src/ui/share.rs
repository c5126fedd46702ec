//! Carrying a run elsewhere: the share link, the Keras program, classroom links and downloads.

use super::Lab;
use crate::engine::config::HIDEABLE;
use crate::engine::{keras, report};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The page's full address for the current config (keeps the path: works under any sub-path).
pub fn share_url(lab: Lab) -> String {
    let location = web_sys::window().map(|w| w.location());
    let base = location
        .and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?)))
        .unwrap_or_default();
    format!("{base}?{}", lab.config.with(|c| c.to_query()))
}

/// Copies text to the clipboard; says whether it worked.
fn copy(lab: Lab, text: String, what: &'static str) {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        return;
    };
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        let message = match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => format!("{what} copied."),
            Err(_) => format!("Could not copy the {what}: select it and copy by hand."),
        };
        lab.status.set(message);
    });
}

/// Offers `href` as a file download named `name`.
fn download(href: &str, name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(anchor) = document.create_element("a") {
        let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
        anchor.set_href(href);
        anchor.set_download(name);
        anchor.click();
    }
}

pub fn download_text(text: &str, name: &str, mime: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
            download(&url, name);
            // The download starts asynchronously: free the URL a minute later, not at once.
            let handle = set_timeout_with_handle(
                move || {
                    let _ = web_sys::Url::revoke_object_url(&url);
                },
                std::time::Duration::from_secs(60),
            );
            drop(handle);
        }
    }
}

/// Copy link, the link itself, and the downloads.
#[component]
pub fn ShareBar() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let url = move || share_url(lab);
    let download_charts = move |_| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        for name in ["loss-chart", "fit-chart", "units-chart"] {
            let canvas = document
                .query_selector(&format!("[data-testid={name}]"))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok());
            if let Some(data) = canvas.and_then(|c| c.to_data_url().ok()) {
                download(&data, &format!("relu-lab-{name}.png"));
            }
        }
    };
    let download_csv = move |_| {
        let csv = lab.trainer.with_value(report::history_csv);
        download_text(&csv, "relu-lab-history.csv", "text/csv");
    };
    view! {
        <div class="share">
            <button data-testid="copy-link" title="Copy a link that reproduces this exact run"
                on:click=move |_| copy(lab, url(), "Link")>"Copy link"</button>
            <input class="share-url" readonly data-testid="share-url" aria-label="share link" prop:value=url
                on:focus=move |ev| {
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                }/>
            <button data-testid="download-png" title="Save the three charts as PNG images" on:click=download_charts>"Charts PNG"</button>
            <button data-testid="download-csv" title="Save the per-epoch numbers as a CSV file" on:click=download_csv>"History CSV"</button>
        </div>
    }
}

/// The exact Keras 3 program for the current settings.
#[component]
pub fn KerasPanel() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let code = move || {
        lab.config
            .with(|c| keras::keras_program(c, &share_url(lab)))
    };
    view! {
        <details class="panel keras" id="keras" data-testid="keras-panel" class:hidden=move || lab.hides("keras")>
            <summary>"Show Keras code"</summary>
            <button data-testid="copy-keras" on:click=move |_| copy(lab, code(), "Keras code")>"Copy code"</button>
            <pre data-testid="keras-code">{code}</pre>
        </details>
    }
}

/// Classroom mode and which panels a classroom link hides.
#[component]
pub fn ClassroomPanel() -> impl IntoView {
    let lab = expect_context::<Lab>();
    view! {
        <fieldset class="group classroom-settings">
            <legend>"Classroom"</legend>
            <label class="check" title="Bigger charts and text for a projector; the link remembers it (class=1)">
                <input type="checkbox" data-testid="class" prop:checked=move || lab.config.with(|c| c.classroom)
                    on:change=move |ev| lab.set("class", if event_target_checked(&ev) { "1" } else { "0" })/>
                "classroom mode"
            </label>
            <p class="hint">"Hide in the link (for students):"</p>
            <div class="hide-list">
            {HIDEABLE.iter().map(|panel| {
                let panel: &'static str = panel;
                view! {
                    <label class="check">
                        <input type="checkbox" data-testid=format!("hide-{panel}")
                            prop:checked=move || lab.config.with(|c| c.hidden_panels.contains(&panel))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let list = lab.config.with_untracked(|c| {
                                    let mut list: Vec<&str> = c.hidden_panels.iter().copied().filter(|p| *p != panel).collect();
                                    if on {
                                        list.push(panel);
                                    }
                                    list.join(",")
                                });
                                lab.set("hide", &list);
                            }/>
                        {panel}
                    </label>
                }
            }).collect_view()}
            </div>
            <p class="hint">"Checked panels hide while classroom mode is on."</p>
        </fieldset>
    }
}
