//! relu-lab: why a tiny ReLU network fails or succeeds at learning y = 2x.
//!
//! `engine` is the pure training core (tested natively), `charts` draws it onto any plotters backend,
//! and `ui` (web target only) is the thin Leptos page around both. See ARCHITECTURE.md.

pub mod charts;
pub mod pace;
pub mod qr;
pub mod redraw;
pub use relu_lab_core::{engine, i18n, lesson};
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
