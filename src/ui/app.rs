//! The page's top-level components: the app (its layout and panels), the notices, the accuracy
//! note and the banner.

use super::browser::{browser_language, language_tag, location_query, write_history};
use super::{
    advice_panel, canvas, chunk, compare, controls, frame_loop, lesson_panel, share, storage,
    sweep_panel, HistoryEntry, Lab, Load,
};
use crate::engine::config::{Key, Panel};
use crate::engine::{report, Preset};
use crate::i18n;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let (config, notices, _) = storage::address_config(&location_query());
    let lab = Lab::new(config, notices, browser_language());
    provide_context(lab);
    let pool = super::pool::Pool::new();
    provide_context(pool);
    let sweeps = sweep_panel::Sweeps::new(pool);
    provide_context(sweeps);

    // The address bar always holds the configuration (replaced, never pushed: a slider must not fill
    // the Back button). The only effect: it touches the outside world and nothing else.
    Effect::new(move |_| {
        lab.config
            .with(|config| write_history(config, HistoryEntry::Replace))
    });

    // Back / Forward: the address holds a config; load it (a preset or lesson step pushed it).
    let popstate = window_event_listener(leptos::ev::popstate, move |_| {
        let (config, notices, _) = storage::address_config(&location_query());
        lab.show_notices(&notices);
        lab.load(config, Load::ADDRESS);
    });
    on_cleanup(move || popstate.remove());
    frame_loop::install(lab);
    chunk::prefetch_kernels();

    // The document speaks the page's language: its `lang` (screen readers, fonts) and its title.
    Effect::new(move |_| {
        let language = lab.language();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", language_tag(language));
            }
            document.set_title(i18n::PAGE_TITLE.get(language));
        }
    });

    let classroom = move || lab.config.with(|c| c.classroom);
    view! {
        <div class="app" class:classroom=classroom>
            <header class="top">
                <h1>"relu-lab"</h1>
                <p class="tagline">{move || lab.tr(i18n::TAGLINE)}</p>
                <nav aria-label=move || lab.tr(i18n::NAV_SECTIONS)>
                    <a href="#lesson" class:hidden=move || lab.hides(Panel::Lesson)>{move || lab.tr(i18n::NAV_LESSON)}</a>
                    <a href="#sweep">{move || lab.tr(i18n::NAV_SWEEP)}</a>
                    <a href="#keras" class:hidden=move || lab.hides(Panel::Keras)>{move || lab.tr(i18n::NAV_KERAS)}</a>
                </nav>
                <Show when=classroom fallback=move || view! {
                    <button class="present" data-testid="present" title=move || lab.tr(i18n::PRESENT_TIP)
                        on:click=move |_| share::present(lab)>{move || lab.tr(i18n::PRESENT)}</button>
                }>
                    <button class="leave-classroom" data-testid="leave-classroom"
                        on:click=move |_| lab.set(Key::Classroom, "0")>{move || lab.tr(i18n::LEAVE_CLASSROOM)}</button>
                </Show>
            </header>
            <NoticeList/>
            <main class="lab" class:no-controls=move || [Panel::Data, Panel::Network, Panel::Training, Panel::Preset].into_iter().all(|p| lab.hides(p))>
                // What the class looks at, in the first screen in classroom mode: the step's words,
                // play, the headline, the rewind, the three charts.
                <div class="first-screen">
                    <lesson_panel::LessonNow/>
                    <frame_loop::Transport/>
                    <Show when=classroom fallback=|| view! { <Banner/> }>
                        <Headline/>
                    </Show>
                    <compare::Rewind/>
                    <canvas::Charts/>
                </div>
                <aside class="controls" aria-label=move || lab.tr(i18n::SETTINGS_ARIA)>
                    {chunk::lazy(controls::chunk)}
                </aside>
                <section class="stage">
                    // In classroom mode the whole banner comes under the charts (its headline over them).
                    <Show when=classroom>
                        <Banner/>
                    </Show>
                    {chunk::lazy(advice_panel::chunk)}
                    {chunk::lazy(share::share_chunk)}
                    {chunk::lazy(compare::pinned_chunk)}
                    <AccuracyNote/>
                    {chunk::lazy(compare::forensics_chunk)}
                    {chunk::lazy(sweep_panel::chunk)}
                    {chunk::lazy(lesson_panel::chunk)}
                    {chunk::lazy(share::keras_chunk)}
                    // The hidden panels can be changed while presenting (the settings column may be hidden).
                    <Show when=classroom>
                        <share::ClassroomPanel/>
                    </Show>
                </section>
            </main>
        </div>
    }
}

/// The headline's first sentence (`report::headline`: what happened, in plain words), or where that
/// is long the words before its first colon ("The network died"): what the class reads from the
/// back of the room, over the charts, in one line. The whole headline opens the banner below.
fn headline(explanation: &str) -> &str {
    /// Longer than this, a sentence does not hold one line at 1024 px in classroom mode.
    const ONE_LINE: usize = 70;
    let end = [". ", "。", ".\n"]
        .iter()
        .filter_map(|mark| explanation.find(mark).map(|at| at + mark.trim_end().len()))
        .min()
        .unwrap_or(explanation.len());
    let sentence = explanation[..end].trim();
    if sentence.chars().count() <= ONE_LINE {
        return sentence;
    }
    let colon = [":", "："]
        .iter()
        .filter_map(|mark| sentence.find(mark))
        .min();
    colon.map_or(sentence, |at| sentence[..at].trim())
}

/// The run in one line, over the charts in classroom mode (the whole banner is under them).
#[component]
fn Headline() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let frame = lab.frame;
    view! {
        <p class="headline" data-testid="headline" data-state=move || frame.with(|f| f.diagnosis.label())>
            {move || frame.with(|f| f.stage_line.clone().unwrap_or_else(|| headline(&f.headline).to_string()))}
        </p>
    }
}

/// Notices about settings that were not taken as written. Text only: nothing from the URL is HTML.
#[component]
fn NoticeList() -> impl IntoView {
    let lab = expect_context::<Lab>();
    view! {
        <Show when=move || lab.notices.with(|n| !n.is_empty())>
            <div class="notices" role="status" data-testid="notices">
                <strong>{move || lab.tr(i18n::NOTICES_HEADING)}</strong>
                <ul>
                    {move || {
                        let language = lab.language();
                        lab.notices.get().iter().map(|notice| view! { <li>{notice.text(language)}</li> }).collect_view()
                    }}
                </ul>
                <button data-testid="dismiss-notices" on:click=move |_| lab.notices.set(Vec::new())>{move || lab.tr(i18n::NOTICES_DISMISS)}</button>
            </div>
        </Show>
    }
}

/// Why accuracy says what it says (after an epoch, when the metric is accuracy): folded, so the
/// charts stay close to the banner.
#[component]
fn AccuracyNote() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let frame = lab.frame;
    view! {
        <Show when=move || frame.with(|f| f.accuracy_note.is_some())>
            <details class="metric-note">
                <summary>{move || lab.tr(i18n::WHY_ACCURACY)}</summary>
                <p data-testid="accuracy-note">{move || frame.with(|f| f.accuracy_note.clone().unwrap_or_default())}</p>
            </details>
        </Show>
    }
}

/// The diagnosis in plain words and the Keras-style progress line.
#[component]
fn Banner() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let frame = lab.frame;
    view! {
        <div class="banner" data-testid="diagnosis" data-state=move || frame.with(|f| f.diagnosis.label())
            role="status" aria-live="polite">
            <p class="lead" data-testid="banner-headline">{move || frame.with(|f| f.headline.clone())}</p>
            <p class="detail">{move || frame.with(|f| f.explanation.clone())}</p>
        </div>
        <pre class="progress" data-testid="progress">{move || frame.with(|f| f.progress.clone())}</pre>
        <Show when=move || lab.config.with(|c| c.preset == Preset::Log)>
            <div class="learner-log" data-testid="learner-log">
                <p><strong>{move || lab.tr(i18n::LEARNERS_LOG_HEADING)}</strong></p>
                <pre class="progress">{report::LEARNERS_LOG}</pre>
                <p>{move || frame.with(|f| f.learners_log.clone()).unwrap_or_else(|| lab.tr(i18n::LEARNERS_LOG_PRESS_PLAY).into())}</p>
            </div>
        </Show>

    }
}
