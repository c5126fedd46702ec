//! Carrying a run elsewhere: the share link, the Keras program, classroom links and downloads.

use super::Lab;
use crate::engine::config::{Key, Panel};
use crate::engine::{keras, report};
use crate::i18n::{self, Text};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The page's full address for the current config (keeps the path: works under any sub-path).
pub fn share_url(lab: Lab) -> String {
    let location = web_sys::window().map(|w| w.location());
    let base = location
        .and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?)))
        .unwrap_or_default();
    // Own points travel in the link only while the whole link stays short enough to share.
    let (query, _) = lab.config.with(|c| c.share_query(base.len() + 1));
    format!("{base}?{query}")
}

/// Copies text to the clipboard; says whether it worked (`done` or `failed`) in `said`, shown next
/// to the button that was pressed.
fn copy(said: RwSignal<Option<Text>>, text: String, done: Text, failed: Text) {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        return;
    };
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        let message = match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => done,
            Err(_) => failed,
        };
        said.set(Some(message));
        // It stops being news: gone after a few seconds.
        set_timeout(move || said.set(None), std::time::Duration::from_secs(4));
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

super::chunk::chunk! {
    /// The share bar, in its own chunk: the downloads and the handout's drawing come with it.
    pub share_chunk in share => || view! { <ShareBar/> }
}

/// Copy link, the link itself, and the downloads.
#[component]
fn ShareBar() -> impl IntoView {
    let lab = expect_context::<Lab>();
    // Shown on screen when asked, at once on the teacher's screen in classroom mode (not on a
    // student's phone that opened the classroom link); always on a printed handout.
    let show_qr = RwSignal::new(lab.config.with_untracked(|c| c.classroom) && !student_view());
    let full_screen = RwSignal::new(false);
    let full_screen_button = NodeRef::<leptos::html::Button>::new();
    // Closed, the full-screen code gives the keyboard's focus back to the button that opened it.
    Effect::new(move |was: Option<bool>| {
        let open = full_screen.get();
        if was == Some(true) && !open {
            if let Some(button) = full_screen_button.get_untracked() {
                let _ = button.focus();
            }
        }
        open
    });
    let copied = RwSignal::new(None::<Text>);
    let url = move || share_url(lab);
    let download_charts = move |_| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        // A chart scrolled away holds an older frame of the run: draw it first.
        super::canvas::draw_now();
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
            <button data-testid="copy-link" title=move || lab.tr(i18n::COPY_LINK_TIP)
                on:click=move |_| copy(copied, url(), i18n::STATUS_LINK_COPIED, i18n::STATUS_LINK_NOT_COPIED)>{move || lab.tr(i18n::COPY_LINK)}</button>
            <span class="copied" role="status" data-testid="link-copied">{move || copied.get().map(|t| lab.tr(t))}</span>
            <input class="share-url" readonly data-testid="share-url" aria-label=move || lab.tr(i18n::SHARE_LINK_ARIA) prop:value=url
                on:focus=move |ev| {
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                }/>
            // It says what it does: shows the code, or hides the code it shows.
            <button data-testid="qr-button" aria-expanded=move || show_qr.get().to_string()
                title=move || lab.tr(if show_qr.get() { i18n::QR_HIDE_TIP } else { i18n::QR_BUTTON_TIP })
                on:click=move |_| show_qr.update(|s| *s = !*s)>
                {move || lab.tr(if show_qr.get() { i18n::QR_HIDE } else { i18n::QR_BUTTON })}
            </button>
            <button node_ref=full_screen_button data-testid="qr-fullscreen" title=move || lab.tr(i18n::QR_FULLSCREEN_TIP)
                on:click=move |_| full_screen.set(true)>{move || lab.tr(i18n::QR_FULLSCREEN)}</button>
            <button data-testid="handout" title=move || lab.tr(i18n::HANDOUT_TIP) on:click=move |_| {
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
            }>{move || lab.tr(i18n::HANDOUT)}</button>
            <button data-testid="download-png" title=move || lab.tr(i18n::CHARTS_PNG_TIP) on:click=download_charts>{move || lab.tr(i18n::CHARTS_PNG)}</button>
            <button data-testid="download-csv" title=move || lab.tr(i18n::HISTORY_CSV_TIP) on:click=download_csv>{move || lab.tr(i18n::HISTORY_CSV)}</button>
        </div>
        <div class="qr-panel" class:shown=show_qr>
            {super::chunk::lazy(qr_chunk)}
        </div>
        <Show when=move || full_screen.get()>
            <QrOverlay open=full_screen/>
        </Show>
    }
}

/// A student's screen rather than the teacher's: narrower than a projector (a phone that opened a
/// classroom link), where classroom mode keeps the phone's layout.
fn student_view() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|width| width < crate::charts::PROJECTOR_MIN_WIDTH)
}

/// The share link's QR code over the whole page, as large as the screen allows, the link under it
/// in large type: for a hall to scan. Closed by its button, Escape or a click beside the code.
#[component]
fn QrOverlay(open: RwSignal<bool>) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let link = share_url(lab);
    let escape = window_event_listener(leptos::ev::keydown, move |event| {
        if event.key() == "Escape" {
            open.set(false);
        }
    });
    on_cleanup(move || escape.remove());
    let close = NodeRef::<leptos::html::Button>::new();
    // The dialog takes the keyboard's focus, so Escape and Tab act in it.
    Effect::new(move |_| {
        if let Some(button) = close.get() {
            let _ = button.focus();
        }
    });
    let code = match crate::qr::qr(&link) {
        Some(matrix) => qr_svg(&matrix, &link, "qr-large", lab.tr(i18n::QR_ARIA)).into_any(),
        None => view! { <p>{lab.tr(i18n::QR_TOO_LONG)}</p> }.into_any(),
    };
    view! {
        <div class="qr-overlay" data-testid="qr-overlay" role="dialog" aria-modal="true"
            aria-label=move || lab.tr(i18n::QR_OVERLAY_ARIA)
            on:click=move |ev| {
                // A click on the backdrop, not on the code or the link.
                if ev.target() == ev.current_target() {
                    open.set(false);
                }
            }>
            {code}
            <p class="qr-overlay-link" data-testid="qr-overlay-link">{link.clone()}</p>
            <button node_ref=close data-testid="qr-overlay-close" on:click=move |_| open.set(false)>
                {move || lab.tr(i18n::CLOSE)}
            </button>
        </div>
    }
}

/// The QR code `matrix` of `link` as an SVG, white quiet zone and all.
fn qr_svg(
    matrix: &crate::qr::QrMatrix,
    link: &str,
    test_id: &'static str,
    label: &'static str,
) -> impl IntoView {
    let side = matrix.side();
    view! {
        <svg data-testid=test_id role="img" aria-label=label
            data-link=link.to_string() viewBox=format!("0 0 {side} {side}")
            shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
            <rect width=side height=side fill="#fff"/>
            <path d=matrix.svg_path() fill="#000"/>
        </svg>
    }
}

super::chunk::chunk! {
    /// The Keras panel, in its own chunk: the program's writer comes with it.
    pub keras_chunk in keras => || view! { <KerasPanel/> }
}

super::chunk::chunk! {
    /// The QR code, in its own chunk: the encoder comes with it.
    qr_chunk in qr => || view! { <QrCode/> }
}

/// The exact Keras 3 program for the current settings.
#[component]
fn KerasPanel() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let code = move || {
        lab.config
            .with(|c| keras::keras_program(c, &share_url(lab)))
    };
    let copied = RwSignal::new(None::<Text>);
    view! {
        <details class="panel keras" id="keras" data-testid="keras-panel" class:hidden=move || lab.hides(Panel::Keras)>
            <summary>{move || lab.tr(i18n::SHOW_KERAS_CODE)}</summary>
            <button data-testid="copy-keras" on:click=move |_| copy(copied, code(), i18n::STATUS_KERAS_COPIED, i18n::STATUS_KERAS_NOT_COPIED)>{move || lab.tr(i18n::COPY_CODE)}</button>
            <span class="copied" role="status">{move || copied.get().map(|t| lab.tr(t))}</span>
            <pre data-testid="keras-code" tabindex="0">{code}</pre>
        </details>
    }
}

/// Classroom mode on (the header's Present, or its box ticked), and the page at its top, where the
/// run and its charts are.
pub(super) fn present(lab: Lab) {
    lab.set(Key::Classroom, "1");
    // Once the page has its classroom layout.
    request_animation_frame(|| {
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
}

/// Classroom mode and which panels a classroom link hides.
#[component]
pub fn ClassroomPanel() -> impl IntoView {
    let lab = expect_context::<Lab>();
    view! {
        <fieldset class="group classroom-settings">
            <legend>{move || lab.tr(i18n::GROUP_CLASSROOM)}</legend>
            <label class="check" title=move || lab.tr(i18n::CLASSROOM_TIP)>
                <input type="checkbox" data-testid="class" prop:checked=move || lab.config.with(|c| c.classroom)
                    on:change=move |ev| if event_target_checked(&ev) { present(lab) } else { lab.set(Key::Classroom, "0") }/>
                {move || lab.tr(i18n::CLASSROOM_MODE)}
            </label>
            <p class="hint">{move || lab.tr(i18n::HIDE_IN_LINK)}</p>
            <div class="hide-list">
            {Panel::ALL.iter().map(|&panel| {
                view! {
                    <label class="check">
                        <input type="checkbox" data-testid=format!("hide-{panel}")
                            prop:checked=move || lab.config.with(|c| c.hidden_panels.contains(&panel))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let list = lab.config.with_untracked(|c| {
                                    let mut list: Vec<&str> = c.hidden_panels.iter().copied().filter(|p| *p != panel).map(Panel::as_str).collect();
                                    if on {
                                        list.push(panel.as_str());
                                    }
                                    list.join(",")
                                });
                                lab.set(Key::Hide, &list);
                            }/>
                        {move || lab.tr(panel_name(panel))}
                    </label>
                }
            }).collect_view()}
            </div>
            <p class="hint">{move || lab.tr(i18n::HIDE_HINT)}</p>
        </fieldset>
    }
}

/// A hideable panel's name as people read it.
fn panel_name(panel: Panel) -> Text {
    match panel {
        Panel::Preset => i18n::GROUP_PRESET,
        Panel::Data => i18n::GROUP_DATA,
        Panel::Network => i18n::GROUP_NETWORK,
        Panel::Training => i18n::GROUP_TRAINING,
        Panel::Lesson => i18n::NAV_LESSON,
        Panel::Keras => i18n::NAV_KERAS,
    }
}

/// The share link as a QR code (it follows the link as the settings change), and the link in words.
#[component]
fn QrCode() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let url = move || share_url(lab);
    // A phone cannot open this computer's own address: say so, naming the host the link has (the
    // teacher's screen only: a student's phone has no use for it).
    let local = web_sys::window()
        .and_then(|w| w.location().hostname().ok())
        .filter(|host| crate::engine::config::is_local_host(host) && !student_view());
    view! {
        {local.map(|host| view! {
            <p class="hint warning" role="note" data-testid="qr-local-warning">{move || lab.fill(i18n::QR_LOCAL_ONLY, &[&host])}</p>
        })}
        {move || {
            let link = url();
            match crate::qr::qr(&link) {
                Some(matrix) => {
                    view! {
                        <figure class="qr">
                            {qr_svg(&matrix, &link, "qr", lab.tr(i18n::QR_ARIA))}
                            <figcaption>{move || lab.tr(i18n::QR_HINT)}" "<span class="qr-link">{link.clone()}</span></figcaption>
                        </figure>
                    }
                    .into_any()
                }
                None => view! { <p class="hint" data-testid="qr">{move || lab.tr(i18n::QR_TOO_LONG)}</p> }.into_any(),
            }
        }}
    }
}
