//! Component tests: the real app mounted in headless Chromium (wasm-bindgen-test), checked through
//! the DOM a person sees. Run by `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn find(container: &web_sys::HtmlElement, test_id: &str) -> web_sys::HtmlElement {
    container
        .query_selector(&format!("[data-testid={test_id}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={test_id}"))
        .unchecked_into()
}

/// Lets effects run and the DOM update.
async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

/// Mounts the app in a fresh container at the given address (query string).
fn mount_at(query: &str) -> (web_sys::HtmlElement, impl Drop) {
    let history = web_sys::window().unwrap().history().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("?{query}")))
        .unwrap();
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), relu_lab::ui::App);
    (container, handle)
}

#[wasm_bindgen_test]
async fn app_opens_on_the_question_and_steps_an_epoch() {
    let (page, _mounted) = mount_at("");
    settle().await;
    let banner = find(&page, "diagnosis");
    assert_eq!(
        banner.get_attribute("data-state").as_deref(),
        Some("not_started")
    );
    assert_eq!(find(&page, "epoch").text_content().unwrap(), "epoch 0 / 20");
    assert_eq!(
        find(&page, "hidden")
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value(),
        "128"
    );

    find(&page, "step-epoch").click();
    settle().await;
    assert_eq!(find(&page, "epoch").text_content().unwrap(), "epoch 1 / 20");
    let progress = find(&page, "progress").text_content().unwrap();
    assert!(progress.starts_with("Epoch 1/20 600/600 [="), "{progress}");
    assert!(progress.contains("acc: 0.0000e+00"), "{progress}");
}

#[wasm_bindgen_test]
async fn changing_a_control_resets_the_run_and_rewrites_the_link() {
    let (page, _mounted) = mount_at("preset=standardized");
    settle().await;
    find(&page, "step-epoch").click();
    settle().await;
    assert_eq!(
        find(&page, "epoch").get_attribute("data-epoch").as_deref(),
        Some("1")
    );

    let hidden: web_sys::HtmlInputElement = find(&page, "hidden").unchecked_into();
    hidden.set_value("16");
    hidden
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(
        find(&page, "epoch").get_attribute("data-epoch").as_deref(),
        Some("0"),
        "the run was reset"
    );
    let search = web_sys::window().unwrap().location().search().unwrap();
    assert_eq!(search, "?v=1&preset=standardized&hidden=16");
}

#[wasm_bindgen_test]
async fn a_bad_link_still_opens_and_names_every_problem() {
    let (page, _mounted) = mount_at("hidden=abc&lr=-1&zzz=%3Cscript%3Ealert(1)%3C/script%3E");
    settle().await;
    let notices = find(&page, "notices");
    let items = notices.query_selector_all("li").unwrap();
    assert_eq!(items.length(), 3);
    let text = notices.text_content().unwrap();
    assert!(
        text.contains("hidden=abc") && text.contains("lr=-1") && text.contains("zzz"),
        "{text}"
    );
    // The markup arrived as text, not as an element.
    assert!(text.contains("<script>"));
    assert!(notices.query_selector("script").unwrap().is_none());
    find(&page, "dismiss-notices").click();
    settle().await;
    assert!(page
        .query_selector("[data-testid=notices]")
        .unwrap()
        .is_none());
}

#[path = "common/same_bits.rs"]
mod same_bits;

/// The runs of `tests/common/same_bits.rs` (deep networks, PReLU, ELU/SELU/sigmoid/tanh hidden
/// units, sigmoid and softmax outputs, every optimiser, the clips, the schedules, a formula) give
/// in the browser the fingerprints they give natively (`tests/same_bits.rs` checks those on both
/// native paths).
#[wasm_bindgen_test]
fn every_listed_run_gives_in_the_browser_the_fingerprint_it_gives_natively() {
    use relu_lab::engine::{report, Config, Trainer};
    // As the page does at its start (feature `lean`) and once the kernels' chunk has arrived
    // (feature `compact`).
    relu_lab_hot::install();
    relu_lab::engine::train::extra_kernels::install(relu_lab_hot::extra_kernels());
    let mut differ = Vec::new();
    for (rest, native) in same_bits::RUNS {
        let link = same_bits::link(rest);
        let config = Config::from_query_strict(&link).unwrap_or_else(|e| panic!("{link}: {e:?}"));
        let mut trainer = Trainer::new(&config);
        trainer.run();
        let here = report::fingerprint(&trainer);
        if here != *native {
            differ.push(format!("{link}: {here} in the browser, {native} natively"));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
