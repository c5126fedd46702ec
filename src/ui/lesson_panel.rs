//! The guided lesson panel: the steps of `crate::lesson`, each loading its link and playing to the
//! moment that matters, in English or Chinese (`lang=zh`).

use super::{frame_loop, Lab};
use crate::engine::config::Language;
use crate::engine::Config;
use crate::lesson::{Play, STEPS};
use leptos::prelude::*;

/// Loads a step: its link (keeping the page's language and classroom settings), then plays it.
fn show(lab: Lab, sweeps: super::sweep_panel::Sweeps, index: usize) {
    let step = &STEPS[index];
    let (mut config, _) = Config::from_query(step.link);
    // The runs it pins beside it (the failing question beside each fix), through the link's key.
    for pin in step.pins {
        let (pinned, _) = Config::from_query(pin);
        let difference = config.diff_query(&pinned);
        config.set("vs", &difference);
    }
    lab.load(config, true, true);
    // The step starts from its first update, even when its link is the run already shown.
    lab.reset();
    lab.status.set(format!("Lesson step {}", index + 1));
    match step.play {
        Play::Nothing => {}
        Play::Batches(count) => {
            for _ in 0..count {
                frame_loop::step_batch(lab);
            }
        }
        Play::Epochs(epochs) => {
            lab.stop_at.set(epochs);
            frame_loop::toggle(lab);
        }
        Play::Rewind => {
            let killed = lab.trainer.with_value(|t| {
                let mut run = t.clone();
                run.run();
                run.killed().map(|(_, update)| update.iteration)
            });
            if let Some(iteration) = killed {
                lab.rewind(iteration);
            }
        }
        Play::Sweep => {
            sweeps.start(lab.config.get_untracked());
            if let Some(panel) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("sweep"))
            {
                panel.scroll_into_view();
            }
        }
    }
}

#[component]
pub fn LessonPanel() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let sweeps = expect_context::<super::sweep_panel::Sweeps>();
    let language = move || lab.config.with(|c| c.language);
    let current = RwSignal::new(0usize);
    view! {
        <section class="panel lesson" id="lesson" data-testid="lesson" class:hidden=move || lab.hides("lesson")>
            <div class="lesson-head">
                <h2>{move || match language() {
                    Language::En => "Lesson: why does my network output 0?",
                    Language::Zh => "课程：为什么我的网络总是输出 0？",
                }}</h2>
                <div class="lang" role="group" aria-label="language">
                    <button data-testid="lang-en" class:active=move || language() == Language::En
                        on:click=move |_| lab.set("lang", "en")>"English"</button>
                    <button data-testid="lang-zh" class:active=move || language() == Language::Zh
                        on:click=move |_| lab.set("lang", "zh")>"中文"</button>
                </div>
            </div>
            <ol class="steps">
                {STEPS.iter().enumerate().map(|(index, step)| view! {
                    <li class:current=move || current.get() == index>
                        <button class="step-title" data-testid=format!("lesson-step-{}", index + 1)
                            on:click=move |_| { current.set(index); show(lab, sweeps, index); }>
                            {move || step.title(language())}
                        </button>
                        <Show when=move || current.get() == index>
                            <p class="step-text">{move || step.text(language())}</p>
                        </Show>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
