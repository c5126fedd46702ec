//! The sweep worker's entry point: trunk builds this bin as `worker.js` + `worker_bg.wasm` (plus
//! `worker_loader.js`, see index.html), and the page spawns one per core.
#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo_worker::Registrable;
    console_error_panic_hook::set_once();
    relu_lab::worker::SweepWorker::registrar().register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the sweep worker runs in the browser; natively: headless --sweep '<link>'");
}
