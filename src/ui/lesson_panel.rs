//! The guided lesson panel: the steps of `crate::lesson`, each loading its link and playing to the
//! moment that matters, in English or Chinese (`lang=zh`).

use super::{frame_loop, Lab};
use crate::engine::config::{Key, Language, Panel};
use crate::engine::Config;
use crate::i18n;
use crate::lesson::{Play, Step, STEPS};
use leptos::prelude::*;

/// Loads a step: its link (keeping the page's language and classroom settings), then plays it.
fn show(lab: Lab, sweeps: super::sweep_panel::Sweeps, index: usize) {
    let step = &STEPS[index];
    let (mut config, _) = Config::from_query(step.link);
    // The runs it pins beside it (the failing question beside each fix), through the link's key.
    for pin in step.pins {
        let (pinned, _) = Config::from_query(pin);
        config.pin(&pinned);
    }
    lab.load(config, super::Load::MENU);
    // The step starts from its first update, even when its link is the run already shown.
    lab.reset();
    // The units chart opens on the layer the step talks about (a deep net's dead layer).
    let depth = lab.config.with_untracked(|c| c.widths().len());
    lab.units_layer
        .set(step.units_layer.min(depth.saturating_sub(1)));
    lab.say(crate::engine::config::Phrase::new(
        i18n::STATUS_LESSON_STEP,
        &[&(index + 1)],
    ));
    lab.lesson_step.set(Some(index));
    // The step's words sit above the run they talk about: show them with the banner and charts,
    // once the page has drawn them; then what the step names, if it is elsewhere.
    let named = named_view(step);
    request_animation_frame(move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        let document = window.document();
        if let Some(now) = document
            .as_ref()
            .and_then(|d| d.get_element_by_id("lesson-now"))
        {
            // Its top a little below the window's top (not under it, whatever the rounding).
            let top = now.get_bounding_client_rect().top();
            let y = window.scroll_y().unwrap_or(0.0) + top - 8.0;
            window.scroll_to_with_x_and_y(0.0, y.max(0.0));
        }
        show_named(named);
    });
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
        // The run played to its end to find the killing update, then replayed: across frames.
        Play::Rewind => frame_loop::rewind_to_killing(lab),
        Play::Sweep => sweeps.start(lab.config.get_untracked()),
    }
}

/// Brings what a step names (`named_view`) into view, if the page has it.
fn show_named(named: Option<(&'static str, bool)>) {
    let shown = named.and_then(|(selector, start)| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .map(|element| (element, start))
    });
    if let Some((element, start)) = shown {
        bring_into_view(&element, start);
    }
}

/// Scrolls `element` to the window's top (`start`), or only as far as it takes to be seen, below
/// the step's words where they float (`floats`).
fn bring_into_view(element: &web_sys::Element, start: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let words = window
        .document()
        .and_then(|d| d.query_selector("[data-testid=lesson-now]").ok().flatten())
        .filter(|_| floats(&window))
        .map_or(0.0, |words| words.get_bounding_client_rect().height());
    let clear = words + 8.0;
    let place = element.get_bounding_client_rect();
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let by = if start || place.top() < clear {
        place.top() - clear
    } else if place.bottom() > height {
        (place.bottom() - height + 8.0).min(place.top() - clear)
    } else {
        0.0
    };
    if by != 0.0 {
        window.scroll_by_with_x_and_y(0.0, by);
    }
}

/// Whether the window is wide and tall enough for the step's words to float at its top while
/// their place is scrolled away (a phone keeps its screen for what the step shows).
fn floats(window: &web_sys::Window) -> bool {
    let size = |s: Result<wasm_bindgen::JsValue, _>| s.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    size(window.inner_width()) >= 700.0 && size(window.inner_height()) >= 500.0
}

/// Where the floating step's words go: over their place's width, its height kept in the page.
#[derive(Clone, Copy, PartialEq)]
struct Floating {
    height: f64,
    left: f64,
    width: f64,
}

/// The floating words' place when their place (`slot`) has scrolled above the window's top.
fn floating_place(slot: &NodeRef<leptos::html::Div>) -> Option<Floating> {
    let slot = slot.get_untracked()?;
    let window = web_sys::window()?;
    let words = slot.first_element_child()?;
    let place = slot.get_bounding_client_rect();
    (floats(&window) && place.top() < 0.0).then(|| Floating {
        height: words.get_bounding_client_rect().height(),
        left: place.left(),
        width: place.width(),
    })
}

/// What a step names that is not beside its words, and whether it goes to the window's top
/// (`true`) or only as far as it takes to be seen: a sweep's chart (far down the page); the
/// units chart a rewound update is watched on (step 3: "watch the hidden-units chart"); the
/// learner's posted line, with the banner.
fn named_view(step: &Step) -> Option<(&'static str, bool)> {
    match step.play {
        Play::Sweep => Some(("[data-testid=sweep-chart]", false)),
        Play::Rewind => Some((".chart:has([data-testid=units-chart])", false)),
        _ if step.link.contains("preset=log") => Some(("[data-testid=learner-log]", false)),
        _ => None,
    }
}

super::chunk::chunk! {
    /// The lesson's list of steps, in its own chunk: the steps' words come with it.
    pub chunk in lesson => || view! { <LessonPanel/> }
}

/// The lesson as the chunk hands it to the step box on the first screen (`LessonNow`): its steps,
/// and what loads one. Only the chunk's code names `STEPS`, so their words are the chunk's data.
#[derive(Clone, Copy)]
pub struct Lesson {
    step: fn(usize) -> Option<&'static Step>,
    show: fn(Lab, super::sweep_panel::Sweeps, usize),
}

impl Lesson {
    fn of_chunk() -> Lesson {
        Lesson {
            step: |index| STEPS.get(index),
            show,
        }
    }
}

/// Step `index` of the lesson, once its chunk has arrived.
fn step_at(lab: Lab, index: usize) -> Option<&'static Step> {
    lab.lesson
        .get_value()
        .and_then(|lesson| (lesson.step)(index))
}

#[component]
fn LessonPanel() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let sweeps = expect_context::<super::sweep_panel::Sweeps>();
    let language = move || lab.language();
    lab.lesson.set_value(Some(Lesson::of_chunk()));
    let current = Signal::derive(move || lab.lesson_step.get().unwrap_or(usize::MAX));
    view! {
        <section class="panel lesson" id="lesson" data-testid="lesson" class:hidden=move || lab.hides(Panel::Lesson)>
            <div class="lesson-head">
                <h2>{move || lab.tr(i18n::LESSON_HEADING)}</h2>
                <div class="lang" role="group" aria-label=move || lab.tr(i18n::LANGUAGE_ARIA)>
                    <button data-testid="lang-en" class:active=move || language() == Language::En
                        on:click=move |_| lab.set(Key::Language, "en")>"English"</button>
                    <button data-testid="lang-zh" class:active=move || language() == Language::Zh
                        on:click=move |_| lab.set(Key::Language, "zh")>"中文"</button>
                </div>
            </div>
            <ol class="steps">
                {STEPS.iter().enumerate().map(|(index, step)| view! {
                    <li class:current=move || current.get() == index>
                        <button class="step-title" data-testid=format!("lesson-step-{}", index + 1)
                            aria-current=move || (current.get() == index).then_some("step")
                            on:click=move |_| show(lab, sweeps, index)>
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

/// The lesson step in use, above the run it talks about, so its words, the banner and the charts are
/// in view together; with the next step one click away.
#[component]
pub fn LessonNow() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let sweeps = expect_context::<super::sweep_panel::Sweeps>();
    // A step that rewinds names what the next update does and the chart to watch it on: once the
    // rewind lands (its box above the charts pushes them down), both are brought into view.
    Effect::new(move |was: Option<bool>| {
        let rewound = lab.frame.with(|f| f.next_update.is_some());
        let step = lab
            .lesson_step
            .get_untracked()
            .and_then(|index| step_at(lab, index));
        if rewound && was == Some(false) && step.is_some_and(|s| s.play == Play::Rewind) {
            // The units chart (`named_view` of a rewind step).
            let named = step.and_then(named_view);
            request_animation_frame(move || show_named(named));
        }
        rewound
    });
    // On a wide screen the step's words float at the window's top while their place is scrolled
    // above it (a step that shows the sweep, a class scrolled to the settings): the words and the
    // next step stay in view, over what they talk about.
    let slot = NodeRef::<leptos::html::Div>::new();
    let floating = RwSignal::new(None::<Floating>);
    let follow = move || {
        let place = floating_place(&slot);
        if floating.get_untracked() != place {
            floating.set(place);
        }
    };
    // A step that plays grows the banner (and moves what the step names) as it plays: once it
    // stops, what it names is brought into view again, once per step.
    let played = StoredValue::new(false);
    // A new step's words, or none: measured again once drawn.
    Effect::new(move |_| {
        let step = lab.lesson_step.get().and_then(|index| step_at(lab, index));
        played.set_value(step.is_some_and(|s| matches!(s.play, Play::Epochs(_))));
        request_animation_frame(follow);
    });
    Effect::new(move |was: Option<bool>| {
        let running = lab.running.get();
        if was == Some(true) && !running && played.get_value() {
            played.set_value(false);
            let step = lab
                .lesson_step
                .get_untracked()
                .and_then(|index| step_at(lab, index));
            if let Some(named) = step.and_then(named_view) {
                request_animation_frame(move || show_named(Some(named)));
            }
        }
        running
    });
    let scroll = window_event_listener(leptos::ev::scroll, move |_| follow());
    let resize = window_event_listener(leptos::ev::resize, move |_| follow());
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    let px = move |of: fn(Floating) -> f64| floating.get().map(|f| format!("{}px", of(f)));
    view! {
        <div id="lesson-now" node_ref=slot style:min-height=move || px(|f| f.height)>
            {move || lab.lesson_step.get().and_then(|index| {
                let step = step_at(lab, index)?;
                let show = lab.lesson.get_value()?.show;
                let language = lab.language();
                let next = step_at(lab, index + 1).map(|next| (index + 1, next));
                Some(view! {
                    <aside class="lesson-now" data-testid="lesson-now" aria-label=move || lab.tr(i18n::NAV_LESSON)
                        class:floating=move || floating.get().is_some()
                        style:left=move || px(|f| f.left) style:width=move || px(|f| f.width)>
                        <p><strong>{step.title(language)}</strong>" "{step.text(language)}</p>
                        <div class="lesson-now-buttons">
                            {next.map(|(next, step)| view! {
                                <button data-testid="lesson-next" on:click=move |_| show(lab, sweeps, next)>
                                    {move || lab.fill(i18n::LESSON_NEXT, &[&step.title(lab.language())])}
                                </button>
                            })}
                            <button data-testid="lesson-close" aria-label=move || lab.tr(i18n::LESSON_CLOSE)
                                on:click=move |_| lab.lesson_step.set(None)>"✕"</button>
                        </div>
                    </aside>
                })
            })}
        </div>
    }
}
