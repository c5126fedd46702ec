//! Panels in their own chunks of wasm, fetched once the page is live, so less is fetched before
//! play. With the `split` feature (the page's release build) each panel's constructor is a split
//! point (`wasm_split`, as Leptos's `#[lazy]`): scripts/split.py cuts the code only it reaches out
//! of the page's wasm into a chunk, and the panel appears when its chunk has arrived. Without the
//! feature (tests, a plain build) the constructor is an `async fn` that is ready at once.
//!
//! A chunk that cannot be fetched (offline before the service worker kept it, a dropped
//! connection) leaves a message and a button to try again in the panel's place; the rest of the
//! page works on.

use super::Lab;
use crate::engine::config::Phrase;
use crate::engine::train::extra_kernels;
use crate::engine::Trainer;
use crate::i18n;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// What a chunk gives: its panel, to build where it goes.
pub type Loaded = Result<ViewFn, SplitLoaderError>;

/// Declares `async fn $name() -> Loaded` building `$view`, its code in chunk `$chunk` (`split`).
macro_rules! chunk {
    ($(#[$doc:meta])* $vis:vis $name:ident in $chunk:ident => $view:expr) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name() -> $crate::ui::chunk::Loaded {
            Ok(leptos::prelude::ViewFn::from($view))
        }
        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name() -> $crate::ui::chunk::Loaded {
            Ok(leptos::prelude::ViewFn::from($view))
        }
    };
}
pub(crate) use chunk;

/// The panel `load` gives, once its chunk has arrived; until then an empty, hidden mark (the
/// end-to-end tests wait for none to be left); if it cannot be fetched, why, and a button to try
/// again.
pub fn lazy<F>(load: fn() -> F) -> impl IntoView
where
    F: Future<Output = Loaded> + 'static,
{
    placed(Rc::new(move || Box::pin(load())))
}

/// A chunk's future, boxed: `placed` (and the resource and views in it) is in the page's wasm once,
/// not once per panel.
type Boxed = Pin<Box<dyn Future<Output = Loaded>>>;

fn placed(load: Rc<dyn Fn() -> Boxed>) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let panel = LocalResource::new(move || load());
    move || match panel.get() {
        None => view! { <span hidden data-chunk-loading></span> }.into_any(),
        Some(Ok(make)) => make.run(),
        Some(Err(error)) => {
            leptos::logging::warn!("relu-lab: {error}");
            view! {
                <p class="hint warning" role="alert" data-testid="chunk-failed">
                    {move || lab.tr(i18n::CHUNK_FAILED)} " "
                    <button type="button" data-testid="chunk-retry" on:click=move |_| panel.refetch()>
                        {move || lab.tr(i18n::CHUNK_RETRY)}
                    </button>
                </p>
            }
            .into_any()
        }
    }
}

/// Takes in the gradient kernels of every run but plain ReLU (`extra_kernels`), from chunk
/// `kernels` (`split`): the one way the page gets them, for a prefetch and for a run that waits.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(kernels, wasm_split_path = ::leptos::wasm_split, fallible)]
fn install_kernels() -> Result<(), SplitLoaderError> {
    extra_kernels::install(relu_lab_hot::extra_kernels());
    Ok(())
}

#[cfg(not(feature = "split"))]
async fn install_kernels() -> Result<(), SplitLoaderError> {
    extra_kernels::install(relu_lab_hot::extra_kernels());
    Ok(())
}

/// Fetches the kernels' chunk once the page is live, so a run that needs it seldom waits.
pub fn prefetch_kernels() {
    leptos::task::spawn_local(async {
        // A failed fetch is retried, and said, by the run that needs the kernels.
        let _ = install_kernels().await;
    });
}

/// Runs `work` (training) once every run on the page can train: at once, unless one needs the
/// kernels' chunk and it has not arrived; then the status line says so, the transport waits, and
/// `work` runs when it has. If it cannot be fetched the status line says why; play tries again.
pub fn with_kernels(lab: Lab, work: impl FnOnce() + 'static) {
    let ready = lab.trainer.with_value(|main| {
        lab.pinned.with_value(|pins| {
            extra_kernels::ready(
                std::iter::once(main.config()).chain(pins.iter().map(Trainer::config)),
            )
        })
    });
    if ready {
        work();
        return;
    }
    // The transport waits (a rewind that asked may hold it already, and keeps it).
    let held = lab.busy.get_untracked();
    lab.busy.set(true);
    lab.progress
        .set(Some(Phrase::new(i18n::KERNELS_LOADING, &[])));
    leptos::task::spawn_local(async move {
        let installed = install_kernels().await;
        lab.busy.set(held);
        lab.progress.set(None);
        match installed {
            Ok(()) => work(),
            Err(error) => {
                leptos::logging::warn!("relu-lab: {error}");
                lab.say(Phrase::new(i18n::KERNELS_FAILED, &[]));
            }
        }
    });
}
