//! The core's hot loops, compiled here, at this crate's opt-level (3 in the page's build, where the
//! core is compiled for size: the core's `engine::train::hot` says how).

use relu_lab_core::engine::train::{extra_kernels, hot::Hot};

/// Hands the core the hot functions as this crate compiled them: a build with the core's `lean`
/// calls it before it trains (the page's start, the sweep worker's). Never inlined, like
/// `extra_kernels`: rustc may compile a small function in the crate that calls it, and there (the
/// page, built for size) the kernels it names would be compiled for size too.
#[inline(never)]
pub fn install() {
    relu_lab_core::engine::train::hot::install(Hot::here());
}

/// The gradient kernels of every run but plain ReLU, compiled here (the page's kernels' chunk).
#[inline(never)]
pub fn extra_kernels() -> extra_kernels::Kernels {
    extra_kernels::all()
}
