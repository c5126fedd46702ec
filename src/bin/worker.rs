//! The sweep and advice worker's entry point: trunk builds this bin as `worker.js` + `worker_bg.wasm`
//! (plus `worker_loader.js`, see index.html); the page's pool (src/ui/pool.rs) spawns one per core,
//! at most four.
#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo_worker::Registrable;
    console_error_panic_hook::set_once();
    #[cfg(feature = "lean")]
    relu_lab_hot::install();
    relu_lab::worker::SweepWorker::registrar().register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the sweep worker runs in the browser; natively: headless --sweep '<link>'");
}
