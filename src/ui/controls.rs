//! The widgets. Each is bound to one `Config` key: it shows `config.get(key)` and writes through
//! `Lab::set(key, text)`, the same parser and checks the share link uses, so a widget can never hold
//! a value the link could not. Ranges and choices come from the settings table. `data-testid` is the
//! key's name.

use super::Lab;
use crate::engine::config::{
    DataKind, Domain, Key, Panel, Phrase, Preset, Schedule, MAX_LAYERS, MAX_UNITS,
};
use crate::engine::report;
use crate::engine::table::{self, Columns, DataError};
use crate::i18n::{self, Text};
use leptos::prelude::*;

/// The `data-testid` of a control: its `Config` key, except arange's `step`, which would clash with
/// the transport's "step" button.
fn test_id(key: Key) -> &'static str {
    if key == Key::Step {
        "arange-step"
    } else {
        key.name()
    }
}

fn value_of(lab: Lab, key: Key) -> impl Fn() -> String + Copy {
    move || lab.config.with(|c| c.get(key))
}

/// The range a number box offers: the settings table's.
fn bounds(key: Key) -> (String, String, &'static str) {
    match key.setting().domain {
        Domain::Number { low, high } => (low.to_string(), high.to_string(), "any"),
        Domain::Whole { low, high } => (low.to_string(), high.to_string(), "1"),
        _ => (String::new(), String::new(), "any"),
    }
}

/// A number typed in a box; applied when the box is left or Enter is pressed.
#[component]
fn NumberField(
    key: Key,
    label: Text,
    tip: Text,
    #[prop(optional, into)] visible: Option<Signal<bool>>,
) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let hidden = move || visible.is_some_and(|v| !v.get());
    let (min, max, step) = bounds(key);
    view! {
        <label class="field" class:hidden=hidden title=move || lab.tr(tip)>
            <span>{move || lab.tr(label)}</span>
            <input type="number" min=min max=max step=step data-testid=test_id(key)
                prop:value=value_of(lab, key)
                on:change=move |ev| lab.set(key, &event_target_value(&ev))/>
        </label>
    }
}

/// One of a closed set of names: the settings table's choices for the key.
#[component]
fn ChoiceField(
    key: Key,
    label: Text,
    tip: Text,
    #[prop(optional, into)] visible: Option<Signal<bool>>,
) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let current = value_of(lab, key);
    let hidden = move || visible.is_some_and(|v| !v.get());
    let options: &'static [&'static str] = match key.setting().domain {
        Domain::Choice(names) => names,
        _ => &[],
    };
    view! {
        <label class="field" class:hidden=hidden title=move || lab.tr(tip)>
            <span>{move || lab.tr(label)}</span>
            <select data-testid=key.name() on:change=move |ev| lab.set(key, &event_target_value(&ev))>
                {options.iter().map(|&name| view! {
                    <option value=name prop:selected=move || current() == name>{name}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// A yes/no setting as a checkbox.
#[component]
fn FlagField(
    key: Key,
    label: Text,
    tip: Text,
    #[prop(optional, into)] visible: Option<Signal<bool>>,
) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let hidden = move || visible.is_some_and(|v| !v.get());
    view! {
        <label class="field check" class:hidden=hidden title=move || lab.tr(tip)>
            <input type="checkbox" data-testid=key.name()
                prop:checked=move || lab.config.with(|c| c.get(key) == "1")
                on:change=move |ev| lab.set(key, if event_target_checked(&ev) { "1" } else { "0" })/>
            <span>{move || lab.tr(label)}</span>
        </label>
    }
}

/// The target as a formula in x, applied when the box is left or Enter is pressed (a formula that
/// does not parse keeps the old one, and the notice says where), with a menu of examples.
#[component]
fn Formula() -> impl IntoView {
    let lab = expect_context::<Lab>();
    view! {
        <label class="field stacked" title=move || lab.tr(i18n::TIP_FORMULA)>
            <span>{move || lab.tr(i18n::LABEL_FORMULA)}</span>
            <input type="text" spellcheck="false" autocomplete="off" data-testid="formula"
                prop:value=value_of(lab, Key::Target)
                on:change=move |ev| lab.set(Key::Target, &event_target_value(&ev))/>
        </label>
        <label class="field" title=move || lab.tr(i18n::TIP_FORMULA)>
            <span>{move || lab.tr(i18n::LABEL_EXAMPLES)}</span>
            <select data-testid="formula-examples" on:change=move |ev| {
                let examples = crate::engine::formula::EXAMPLES;
                if let Some((_, link)) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| examples.get(i)) {
                    lab.load_link(link);
                }
            }>
                <option value="">"…"</option>
                {crate::engine::formula::EXAMPLES.iter().enumerate().map(|(index, (formula, _))| view! {
                    <option value=index.to_string()>{*formula}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// The lines the box shows of a long text. A long text is held aside and the box shows its first
/// lines, locked: a browser lays out every line of a text box, and 100,000 of them cost seconds of
/// layout whenever the page changes.
const PREVIEW_LINES: usize = 100;

/// The own-data box's state. `Copy`.
#[derive(Clone, Copy)]
struct OwnDataBox {
    /// The text pasted, typed or read from a file.
    text: RwSignal<String>,
    /// What is wrong with the text applied last: the error, then each bad line.
    problems: RwSignal<Vec<Phrase>>,
    /// How long the last good text took to read (`data-read-ms`, for the benchmark).
    read_ms: RwSignal<f64>,
    /// The text is longer than `table::SHOWN_WHOLE_BYTES`: held aside (see `PREVIEW_LINES`).
    held: Memo<bool>,
}

impl OwnDataBox {
    fn new() -> OwnDataBox {
        let text = RwSignal::new(String::new());
        OwnDataBox {
            text,
            problems: RwSignal::new(Vec::new()),
            read_ms: RwSignal::new(0.0),
            held: Memo::new(move |_| text.with(|t| t.len() > table::SHOWN_WHOLE_BYTES)),
        }
    }

    fn held(self) -> bool {
        self.held.get()
    }

    /// Reads `content` as a table, timing it.
    fn read(self, content: &str) -> Result<table::Table, DataError> {
        let start = super::browser::now_ms();
        let read = table::read_table(content, Columns::default());
        self.read_ms.set(super::browser::now_ms() - start);
        read
    }

    /// Uses the points of `content` if every line is good; lists its problems otherwise.
    fn apply(self, lab: Lab, content: String) {
        match self.read(&content) {
            Ok(read) => {
                self.problems.set(Vec::new());
                lab.use_points(read.points);
            }
            Err(error) => {
                let mut list = vec![error.phrase()];
                if let DataError::BadLines(lines) = &error {
                    list.extend(lines.iter().take(200).map(|l| l.phrase()));
                }
                self.problems.set(list);
            }
        }
    }

    /// One path for a chosen and a dropped file: refused before reading at 10 MB or more, then
    /// read and checked like pasted text.
    fn read_file(self, lab: Lab, file: web_sys::File) {
        if let Err(error) = table::check_size(file.size() as u64) {
            self.problems.set(vec![error.phrase()]);
            return;
        }
        let promise = file.text();
        leptos::task::spawn_local(async move {
            if let Ok(value) = wasm_bindgen_futures::JsFuture::from(promise).await {
                let content = value.as_string().unwrap_or_default();
                self.text.set(content.clone());
                self.apply(lab, content);
            }
        });
    }

    /// A long paste goes into the text whole, past the box (which then shows its first lines).
    fn paste(self, ev: leptos::ev::ClipboardEvent) {
        let Some(pasted) = ev.clipboard_data().and_then(|d| d.get_data("text").ok()) else {
            return;
        };
        if pasted.len() > table::SHOWN_WHOLE_BYTES {
            ev.prevent_default();
            self.text.set(pasted);
        }
    }
}

/// The file chosen in a file input, if any.
fn chosen_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    use wasm_bindgen::JsCast;
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    input.files().and_then(|files| files.get(0))
}

/// Whether a drag carries files (not text dragged into a box).
fn carries_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer().is_some_and(|d| {
        d.types()
            .iter()
            .any(|t| t.as_string().as_deref() == Some("Files"))
    })
}

/// Takes a file dropped anywhere on the page (the browser would otherwise open it in place of the
/// lab), opening `details` to show what became of it; `dropping` is true while a file is dragged
/// over the page. Text dragged into a box is left to the box.
fn take_dropped_files(
    lab: Lab,
    own: OwnDataBox,
    details: NodeRef<leptos::html::Details>,
    dropping: RwSignal<bool>,
) {
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if carries_files(&ev) {
            ev.prevent_default();
            if !dropping.get_untracked() {
                dropping.set(true);
            }
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        if ev.related_target().is_none() {
            dropping.set(false);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        if !carries_files(&ev) {
            return;
        }
        ev.prevent_default();
        dropping.set(false);
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            if let Some(details) = details.get_untracked() {
                details.set_open(true);
            }
            own.read_file(lab, file);
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
}

/// The learner's own points: pasted or read from a file, applied only when every line is good;
/// each bad line is listed by number and content, and the current data stays.
#[component]
fn OwnData() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let own = OwnDataBox::new();
    let details = NodeRef::<leptos::html::Details>::new();
    let dropping = RwSignal::new(false);
    take_dropped_files(lab, own, details, dropping);
    view! {
        <details class="own-data" data-testid="own-data" node_ref=details class:dropping=move || dropping.get()>
            <summary>{move || lab.tr(i18n::OWN_DATA)}</summary>
            <p class="hint">{move || lab.tr(i18n::OWN_DATA_HINT)}</p>
            <PasteBox own=own/>
            <div class="own-data-buttons">
                <button type="button" data-testid="data-apply"
                    on:click=move |_| own.apply(lab, own.text.get_untracked())>{move || lab.tr(i18n::OWN_DATA_APPLY)}</button>
                <label class="file-button">
                    <span>{move || lab.tr(i18n::OWN_DATA_FILE)}</span>
                    <input type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" data-testid="data-file"
                        on:change=move |ev| if let Some(file) = chosen_file(&ev) { own.read_file(lab, file) }/>
                </label>
            </div>
            <OwnDataInUse read_ms=own.read_ms/>
            <DataProblems problems=own.problems/>
        </details>
    }
}

/// The box the points are pasted or typed into; a long text shows its first lines, locked, with a
/// line that says so and a button to clear it.
#[component]
fn PasteBox(own: OwnDataBox) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let text = own.text;
    let held = move || own.held();
    view! {
        <textarea rows="5" data-testid="data-paste" spellcheck="false"
            aria-label=move || lab.tr(i18n::OWN_DATA)
            prop:value=move || text.with(|t| if held() { table::preview(t, PREVIEW_LINES).0.to_owned() } else { t.clone() })
            prop:readOnly=held
            on:paste=move |ev| own.paste(ev)
            on:input=move |ev| if !held() { text.set(event_target_value(&ev)) }></textarea>
        <Show when=held>
            <p class="hint" data-testid="data-held">
                {move || text.with(|t| {
                    let (_, lines) = table::preview(t, PREVIEW_LINES);
                    lab.fill(i18n::OWN_DATA_PREVIEW, &[&PREVIEW_LINES.min(lines), &report::count(lines), &report::count(t.len())])
                })}
                " "
                <button type="button" data-testid="data-clear" on:click=move |_| text.set(String::new())>
                    {move || lab.tr(i18n::OWN_DATA_CLEAR)}
                </button>
            </p>
        </Show>
    }
}

/// While own points are in use: how many, and, when the link cannot carry them, a way to keep them.
#[component]
fn OwnDataInUse(read_ms: RwSignal<f64>) -> impl IntoView {
    let lab = expect_context::<Lab>();
    view! {
        <Show when=move || lab.config.with(|c| c.data == DataKind::Own)>
            <p class="hint" data-testid="data-in-use" data-read-ms=move || format!("{:.1}", read_ms.get())>{move || lab.fill(i18n::OWN_DATA_APPLIED, &[&lab.config.with(|c| report::count(c.own.len()))])}</p>
        </Show>
        <Show when=move || lab.config.with(|c| c.data == DataKind::Own && !c.share_query(80).1)>
            <p class="hint" data-testid="data-not-in-link">{move || lab.tr(i18n::OWN_DATA_NOT_IN_LINK)}</p>
            <button type="button" data-testid="data-download" on:click=move |_| {
                let csv = lab.config.with_untracked(|c| c.own.to_csv());
                super::share::download_text(&csv, crate::engine::keras::DATA_FILE, "text/csv");
            }>{move || lab.tr(i18n::OWN_DATA_DOWNLOAD)}</button>
        </Show>
    }
}

/// What is wrong with the text applied last: the error, then each bad line.
#[component]
fn DataProblems(problems: RwSignal<Vec<Phrase>>) -> impl IntoView {
    let lab = expect_context::<Lab>();
    view! {
        <Show when=move || problems.with(|p| !p.is_empty())>
            <div role="alert" class="data-problems">
                <p>{move || problems.with(|p| p.first().map(|f| f.render(lab.language())).unwrap_or_default())}</p>
                <ul data-testid="data-errors">
                    {move || {
                        let language = lab.language();
                        problems.with(|p| p.iter().skip(1).map(|line| view! { <li>{line.render(language)}</li> }).collect_view())
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// The hidden layers: their widths as one list (`8,8,4`, the link's spelling), a box per layer, and
/// buttons to add and remove a layer, as TF Playground has.
#[component]
fn Layers() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let widths = move || lab.config.with(|c| c.widths().to_vec());
    let write = move |widths: Vec<usize>| {
        let text: Vec<String> = widths.iter().map(ToString::to_string).collect();
        lab.set(Key::Hidden, &text.join(","));
    };
    let add = move |_| {
        let mut list = widths();
        let last = list.last().copied().unwrap_or(8);
        list.push(last);
        write(list);
    };
    let remove = move |_| {
        let mut list = widths();
        list.pop();
        write(list);
    };
    view! {
        <div class="layers" title=move || lab.tr(i18n::TIP_HIDDEN)>
            <label class="field">
                <span>{move || lab.tr(i18n::LABEL_HIDDEN)}</span>
                <input type="text" inputmode="numeric" data-testid="hidden" prop:value=value_of(lab, Key::Hidden)
                    aria-label=move || lab.tr(i18n::ARIA_HIDDEN)
                    on:change=move |ev| lab.set(Key::Hidden, &event_target_value(&ev))/>
            </label>
            {move || widths().into_iter().enumerate().map(|(layer, units)| {
                let set_width = move |text: String| {
                    let mut list = widths();
                    if let (Some(slot), Ok(units)) = (list.get_mut(layer), text.trim().parse::<usize>()) {
                        *slot = units;
                        write(list);
                    } else {
                        // Not a number: the parser says so, naming the key.
                        let mut texts: Vec<String> = list.iter().map(ToString::to_string).collect();
                        if let Some(slot) = texts.get_mut(layer) {
                            *slot = text;
                        }
                        lab.set(Key::Hidden, &texts.join(","));
                    }
                };
                view! {
                    <label class="field slider layer-width">
                        <span>{move || lab.fill(i18n::LAYER_N, &[&(layer + 1)])}</span>
                        <input type="range" min="1" max=MAX_UNITS.to_string() step="1"
                            aria-label=move || lab.fill(i18n::ARIA_LAYER_UNITS, &[&(layer + 1)])
                            prop:value=units.to_string()
                            on:change=move |ev| set_width(event_target_value(&ev))/>
                        <input type="number" min="1" max=MAX_UNITS.to_string() step="1"
                            data-testid=format!("layer-width-{}", layer + 1)
                            aria-label=move || lab.fill(i18n::ARIA_LAYER_UNITS, &[&(layer + 1)])
                            prop:value=units.to_string()
                            on:change=move |ev| set_width(event_target_value(&ev))/>
                    </label>
                }
            }).collect_view()}
            <div class="layer-buttons">
                <button type="button" data-testid="add-layer" on:click=add
                    disabled=move || { widths().len() >= MAX_LAYERS }>{move || lab.tr(i18n::ADD_LAYER)}</button>
                <button type="button" data-testid="remove-layer" on:click=remove
                    disabled=move || { widths().len() <= 1 }>{move || lab.tr(i18n::REMOVE_LAYER)}</button>
            </div>
        </div>
    }
}

/// Learning rate: a log slider from 1e-6 to 10 and a box for the exact value.
#[component]
fn LearningRate() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let value = value_of(lab, Key::LearningRate);
    let slider = move || {
        lab.config
            .with(|c| format!("{:.3}", c.learning_rate.log10()))
    };
    view! {
        <label class="field slider" title=move || lab.tr(i18n::TIP_LR)>
            <span>{move || lab.tr(i18n::LABEL_LR)}</span>
            <input type="range" min="-6" max="1" step="0.01" aria-label=move || lab.tr(i18n::ARIA_LR_SLIDER)
                prop:value=slider
                on:input=move |ev| {
                    if let Ok(exponent) = event_target_value(&ev).parse::<f64>() {
                        let rate = 10f64.powf(exponent);
                        lab.set(Key::LearningRate, &crate::engine::report::three_digits(rate));
                    }
                }/>
            <input type="number" step="any" data-testid="lr" prop:value=value
                on:change=move |ev| lab.set(Key::LearningRate, &event_target_value(&ev))/>
        </label>
    }
}

/// The seed, with a button for a new one.
#[component]
fn Seed() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let new_seed = move |_| {
        let seed = (js_sys::Math::random() * 1e9) as u64;
        lab.set(Key::Seed, &seed.to_string());
    };
    view! {
        <label class="field" title=move || lab.tr(i18n::TIP_SEED)>
            <span>{move || lab.tr(i18n::LABEL_SEED)}</span>
            <input type="number" step="1" min="0" data-testid="seed" prop:value=value_of(lab, Key::Seed)
                on:change=move |ev| lab.set(Key::Seed, &event_target_value(&ev))/>
            <button type="button" data-testid="new-seed" on:click=new_seed title=move || lab.tr(i18n::NEW_SEED_TIP)>{move || lab.tr(i18n::NEW_SEED)}</button>
        </label>
    }
}

#[component]
pub fn Controls() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let data_is = move |kind: DataKind| Signal::derive(move || lab.config.with(|c| c.data == kind));
    let uses_momentum = Signal::derive(move || lab.config.with(|c| c.optimizer.uses_momentum()));
    let uses_alpha = Signal::derive(move || lab.config.with(|c| c.hidden_activation.uses_alpha()));
    let on_preset = move |ev| lab.load_preset(&event_target_value(&ev));
    let schedule_is =
        move |kind: Schedule| Signal::derive(move || lab.config.with(|c| c.schedule == kind));
    let scheduled = Signal::derive(move || lab.config.with(|c| c.schedule != Schedule::Constant));
    view! {
        <fieldset class="group" class:hidden=move || lab.hides(Panel::Preset)>
            <legend>{move || lab.tr(i18n::GROUP_PRESET)}</legend>
            <label class="field stacked" title=move || lab.tr(i18n::PRESET_TIP)>
                <select data-testid="preset" aria-label=move || lab.tr(i18n::GROUP_PRESET) on:change=on_preset>
                    {Preset::ALL.iter().map(|p| {
                        let p = *p;
                        view! { <option value=p.as_str() prop:selected=move || lab.config.with(|c| c.preset == p)>{move || p.title(lab.language())}</option> }
                    }).collect_view()}
                </select>
            </label>
        </fieldset>
        <fieldset class="group" class:hidden=move || lab.hides(Panel::Data)>
            <legend>{move || lab.tr(i18n::GROUP_DATA)}</legend>
            <ChoiceField key=Key::Data label=i18n::LABEL_DATA tip=i18n::TIP_DATA/>
            <Formula/>
            <OwnData/>
            <NumberField key=Key::Start label=i18n::LABEL_START tip=i18n::TIP_START visible=data_is(DataKind::Arange)/>
            <NumberField key=Key::Stop label=i18n::LABEL_STOP tip=i18n::TIP_STOP visible=data_is(DataKind::Arange)/>
            <NumberField key=Key::Step label=i18n::LABEL_STEP tip=i18n::TIP_STEP visible=data_is(DataKind::Arange)/>
            <NumberField key=Key::Points label=i18n::LABEL_POINTS tip=i18n::TIP_POINTS visible=Signal::derive(move || lab.config.with(|c| matches!(c.data, DataKind::Randn | DataKind::Uniform)))/>
            <NumberField key=Key::Low label=i18n::LABEL_LOW tip=i18n::TIP_LOW visible=data_is(DataKind::Uniform)/>
            <NumberField key=Key::High label=i18n::LABEL_HIGH tip=i18n::TIP_HIGH visible=data_is(DataKind::Uniform)/>
            <NumberField key=Key::Train label=i18n::LABEL_TRAIN tip=i18n::TIP_TRAIN/>
            <NumberField key=Key::ValidationSplit label=i18n::LABEL_VSPLIT tip=i18n::TIP_VSPLIT/>
            <NumberField key=Key::Noise label=i18n::LABEL_NOISE tip=i18n::TIP_NOISE/>
            <ChoiceField key=Key::XScale label=i18n::LABEL_XSCALE tip=i18n::TIP_XSCALE/>
            <ChoiceField key=Key::YScale label=i18n::LABEL_YSCALE tip=i18n::TIP_YSCALE/>
        </fieldset>
        <fieldset class="group" class:hidden=move || lab.hides(Panel::Network)>
            <legend>{move || lab.tr(i18n::GROUP_NETWORK)}</legend>
            <Layers/>
            <ChoiceField key=Key::Activation label=i18n::LABEL_ACT tip=i18n::TIP_ACT/>
            <NumberField key=Key::Alpha label=i18n::LABEL_ALPHA tip=i18n::TIP_ALPHA visible=uses_alpha/>
            <ChoiceField key=Key::Output label=i18n::LABEL_OUT tip=i18n::TIP_OUT/>
            <ChoiceField key=Key::Init label=i18n::LABEL_INIT tip=i18n::TIP_INIT/>
            <NumberField key=Key::Bias label=i18n::LABEL_BIAS tip=i18n::TIP_BIAS/>
            <FlagField key=Key::BatchNorm label=i18n::LABEL_BATCH_NORM tip=i18n::TIP_BATCH_NORM/>
        </fieldset>
        <fieldset class="group" class:hidden=move || lab.hides(Panel::Training)>
            <legend>{move || lab.tr(i18n::GROUP_TRAINING)}</legend>
            <ChoiceField key=Key::Optimizer label=i18n::LABEL_OPT tip=i18n::TIP_OPT/>
            <LearningRate/>
            <NumberField key=Key::Momentum label=i18n::LABEL_MOMENTUM tip=i18n::TIP_MOMENTUM visible=uses_momentum/>
            <NumberField key=Key::Decay label=i18n::LABEL_DECAY tip=i18n::TIP_DECAY/>
            <ChoiceField key=Key::Schedule label=i18n::LABEL_SCHEDULE tip=i18n::TIP_SCHEDULE/>
            <NumberField key=Key::DecaySteps label=i18n::LABEL_DECAY_STEPS tip=i18n::TIP_DECAY_STEPS visible=scheduled/>
            <NumberField key=Key::DecayRate label=i18n::LABEL_DECAY_RATE tip=i18n::TIP_DECAY_RATE visible=schedule_is(Schedule::Exponential)/>
            <FlagField key=Key::Staircase label=i18n::LABEL_STAIRCASE tip=i18n::TIP_STAIRCASE visible=schedule_is(Schedule::Exponential)/>
            <NumberField key=Key::CosineAlpha label=i18n::LABEL_COSINE_ALPHA tip=i18n::TIP_COSINE_ALPHA visible=schedule_is(Schedule::Cosine)/>
            <NumberField key=Key::WarmupTarget label=i18n::LABEL_WARMUP_TARGET tip=i18n::TIP_WARMUP_TARGET visible=schedule_is(Schedule::Cosine)/>
            <NumberField key=Key::WarmupSteps label=i18n::LABEL_WARMUP_STEPS tip=i18n::TIP_WARMUP_STEPS visible=schedule_is(Schedule::Cosine)/>
            <NumberField key=Key::Clipnorm label=i18n::LABEL_CLIPNORM tip=i18n::TIP_CLIPNORM/>
            <NumberField key=Key::GlobalClipnorm label=i18n::LABEL_GLOBAL_CLIPNORM tip=i18n::TIP_GLOBAL_CLIPNORM/>
            <NumberField key=Key::Clipvalue label=i18n::LABEL_CLIPVALUE tip=i18n::TIP_CLIPVALUE/>
            <NumberField key=Key::WeightDecay label=i18n::LABEL_WEIGHT_DECAY tip=i18n::TIP_WEIGHT_DECAY/>
            <NumberField key=Key::Batch label=i18n::LABEL_BATCH tip=i18n::TIP_BATCH/>
            <NumberField key=Key::Epochs label=i18n::LABEL_EPOCHS tip=i18n::TIP_EPOCHS/>
            <ChoiceField key=Key::Metric label=i18n::LABEL_METRIC tip=i18n::TIP_METRIC/>
            <Seed/>
        </fieldset>
    }
}
