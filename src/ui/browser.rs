//! The page's glue to the browser: index.html's first paint, the panic panel, the browser's language,
//! the address bar, keyboard focus, and the test hooks exported from the wasm module. A leaf of `ui`: it
//! imports nothing of `ui/mod.rs` back (`start`, which mounts the app, lives there).

use super::storage;
use crate::engine::config::Language;
use crate::engine::{Config, Trainer};
use crate::i18n;
use wasm_bindgen::JsCast;

/// Removes index.html's first paint (the frame and "Loading the lab…"): the page takes its place.
pub(super) fn remove_first_paint() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}

/// A panic anywhere shows a panel with a reload button, never a blank page.
pub(super) fn install_panic_panel() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(body) = document.body() else { return };
        if let Ok(panel) = document.create_element("div") {
            panel.set_class_name("panic-panel");
            let _ = panel.set_attribute("role", "alert");
            let _ = panel.set_attribute("data-testid", "panic");
            // The page's language, read again from the address: the app may be gone.
            let (config, _) = Config::from_query(&location_query());
            let language = config.language.resolve(browser_language());
            // The message alone: the page's build keeps no file and line of a panic (the
            // wasm's rustflags, .cargo/config.toml), so "panicked at <redacted>:0:0" says nothing.
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|m| m.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| info.to_string());
            panel.set_text_content(Some(&i18n::PANIC_MESSAGE.fill(language, &[&message])));
            if let Ok(button) = document.create_element("button") {
                button.set_text_content(Some(i18n::PANIC_RELOAD.get(language)));
                let _ = button.set_attribute("onclick", "location.reload()");
                let _ = panel.append_child(&button);
            }
            let _ = body.append_child(&panel);
        }
    }));
}

/// The browser's preferred language: Chinese for any `zh*` in `navigator.languages`, else English.
pub(super) fn browser_language() -> Language {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Language::En;
    };
    let chinese = navigator
        .languages()
        .iter()
        .filter_map(|l| l.as_string())
        .chain(navigator.language())
        .any(|l| l.to_ascii_lowercase().starts_with("zh"));
    if chinese {
        Language::Zh
    } else {
        Language::En
    }
}

/// The BCP 47 tag of a language, for `<html lang>`.
pub(super) fn language_tag(language: Language) -> &'static str {
    match language {
        Language::En => "en",
        Language::Zh => "zh-CN",
    }
}

/// The current address' query string.
pub(super) fn location_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Whether a change adds an entry to the browser history (Back returns to the previous setup).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryEntry {
    Push,
    Replace,
    Leave,
}

/// Writes the config into the address bar: `push` adds a history entry (a preset, a lesson step, so
/// Back returns to the previous setup); otherwise it is replaced (sliders, typing).
pub(super) fn write_history(config: &Config, entry: HistoryEntry) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    // Own points too long for a link are named by their tag once the browser keeps them.
    let prefix = web_sys::window()
        .and_then(|w| Some(w.location().origin().ok()?.len() + w.location().pathname().ok()?.len()))
        .unwrap_or(0)
        + 1;
    let query = crate::engine::stored::address_query(config, prefix, storage::holds);
    let url = format!("?{query}");
    let null = wasm_bindgen::JsValue::NULL;
    let _ = match entry {
        HistoryEntry::Push => history.push_state_with_url(&null, "", Some(&url)),
        HistoryEntry::Replace => history.replace_state_with_url(&null, "", Some(&url)),
        HistoryEntry::Leave => Ok(()),
    };
}

/// Whether a key press belongs to the focused control rather than to the lab's shortcuts: any key in a
/// text field or menu, and space or Enter on a button (which would press it).
pub(super) fn typing_into(event: &web_sys::KeyboardEvent) -> bool {
    let tag = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.tag_name())
        .unwrap_or_default();
    match tag.as_str() {
        "INPUT" | "SELECT" | "TEXTAREA" => true,
        "BUTTON" => matches!(event.key().as_str(), " " | "Enter"),
        _ => false,
    }
}

/// Test hook, harmless to users (it only computes): epochs per second of the core inside wasm, for
/// the browser benchmark (`tests/e2e/probes/bench.mjs`). Trains the link's configuration for `millis` after
/// 20 warm-up epochs, without drawing.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_epochs(link: &str, millis: f64) -> f64 {
    let now = now_ms;
    let (config, _) = Config::from_query(link);
    let mut trainer = Trainer::new(&config);
    for _ in 0..20 {
        trainer.run_epoch();
    }
    let start = now();
    let mut epochs = 0u32;
    while now() - start < millis {
        for _ in 0..10 {
            trainer.run_epoch();
        }
        epochs += 10;
    }
    f64::from(epochs) * 1000.0 / (now() - start)
}

/// Test hook: panics on purpose, so the end-to-end tests can check that a panic shows the error panel.
/// Reachable only from the developer console (`wasmBindings.debug_panic()`), never from the page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn debug_panic() {
    panic!("debug_panic called (a test of the error panel)");
}

/// Milliseconds on the page's clock (`performance.now()`).
pub(super) fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
