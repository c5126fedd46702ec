//! With the `split` feature, the page's wasm keeps its relocations (`--emit-relocs`): the splitter
//! (scripts/split.py, `wasm-split-cli`) reads them to cut the panels out into chunks.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bin=relu-lab=--emit-relocs");
    }
}
