//! Mounts the page. Everything lives in the library (`relu_lab::ui`).

#[cfg(target_arch = "wasm32")]
fn main() {
    relu_lab::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("relu-lab is a web page: run scripts/serve.sh, or the headless runner:");
    eprintln!("  cargo run --release --example headless -- 'preset=question'");
}
