//! The widgets. Each is bound to one `Config` key: it shows `config.get(key)` and writes through
//! `Lab::set(key, text)`, the same parser and checks the share link uses, so a widget can never hold
//! a value the link could not. Ranges and choices come from the settings table. `data-testid` is the
//! key's name.

use super::Lab;
use crate::engine::config::{
    column_phrase, skip_offer, skipped as skipped_phrase, DataKind, DataNames, Domain, Key, Panel,
    Phrase, Preset, Schedule, LISTED_LINES, MAX_LAYERS, MAX_UNITS,
};
use crate::engine::report;
use crate::engine::table::{self, BadLine, ColumnKind, Columns, DataError, Reading};
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
    // Own points have their own y: the formula box is off, and says why.
    let own = move || lab.config.with(|c| c.data == DataKind::Own);
    view! {
        <label class="field stacked" title=move || lab.tr(i18n::TIP_FORMULA)>
            <span>{move || lab.tr(i18n::LABEL_FORMULA)}</span>
            <input type="text" spellcheck="false" autocomplete="off" data-testid="formula"
                prop:value=value_of(lab, Key::Target) disabled=own
                on:change=move |ev| lab.set(Key::Target, &event_target_value(&ev))/>
        </label>
        <Show when=own>
            <p class="hint" data-testid="formula-own-data">{move || lab.tr(i18n::FORMULA_OWN_DATA)}</p>
        </Show>
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
    /// The name of the file the text was read from (empty: pasted or typed).
    file: RwSignal<String>,
    /// How the text applied last is laid out (its columns to choose from), if it could be read.
    layout: RwSignal<Option<table::Layout>>,
    /// The columns chosen; `None`: the first two that hold numbers (said in `defaulted`).
    columns: RwSignal<Option<Columns>>,
    /// What is wrong with the text applied last: the error, then its first bad lines.
    problems: RwSignal<Vec<Phrase>>,
    /// The lines that are not numbers in the columns chosen (the skip button's offer).
    bad: RwSignal<Vec<BadLine>>,
    /// The lines left out of the points in use.
    skipped: RwSignal<Vec<BadLine>>,
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
            file: RwSignal::new(String::new()),
            layout: RwSignal::new(None),
            columns: RwSignal::new(None),
            problems: RwSignal::new(Vec::new()),
            bad: RwSignal::new(Vec::new()),
            skipped: RwSignal::new(Vec::new()),
            read_ms: RwSignal::new(0.0),
            held: Memo::new(move |_| text.with(|t| t.len() > table::SHOWN_WHOLE_BYTES)),
        }
    }

    fn held(self) -> bool {
        self.held.get()
    }

    /// Shows why the data was refused: the sentence, then the first bad lines and how many more
    /// (a list of 344 lines would run down the page).
    fn refuse(self, error: &DataError) {
        let mut list = vec![error.phrase()];
        let lines = match error {
            DataError::BadLines(lines) => lines.clone(),
            _ => Vec::new(),
        };
        list.extend(lines.iter().take(LISTED_LINES).map(BadLine::phrase));
        if lines.len() > LISTED_LINES {
            list.push(Phrase::new(
                i18n::DATA_MORE_LINES,
                &[&(lines.len() - LISTED_LINES)],
            ));
        }
        self.problems.set(list);
        self.bad.set(lines);
    }

    /// Lays out the text in the box afresh (new text: the default columns) and reads it.
    fn apply(self, lab: Lab) {
        let layout = self.text.with_untracked(|t| table::layout(t));
        self.columns.set(None);
        self.skipped.set(Vec::new());
        match layout {
            Ok(layout) => {
                self.layout.set(Some(layout));
                self.read(lab, false);
            }
            Err(error) => {
                self.layout.set(None);
                self.refuse(&error);
            }
        }
    }

    /// Reads the chosen columns of the text (leaving out its bad lines if `skip_bad`), and uses
    /// the points if nothing is wrong; lists what is wrong otherwise.
    fn read(self, lab: Lab, skip_bad: bool) {
        let Some(layout) = self.layout.get_untracked() else {
            return;
        };
        let columns = match self.columns.get_untracked() {
            Some(columns) => Ok(columns),
            None => layout.default_columns(),
        };
        let start = super::browser::now_ms();
        let read = columns.and_then(|columns| {
            let reading = Reading {
                columns: Some(columns),
                skip_bad,
            };
            self.text.with_untracked(|t| table::read_table(t, reading))
        });
        match read {
            Ok(read) => {
                self.read_ms.set(super::browser::now_ms() - start);
                self.problems.set(Vec::new());
                self.bad.set(Vec::new());
                self.skipped.set(read.skipped);
                let name = |column: usize| layout.name(column).unwrap_or_default().to_string();
                let names = DataNames {
                    x: name(read.columns.x),
                    y: name(read.columns.y),
                    file: self.file.get_untracked(),
                };
                lab.use_data(read.points, names);
            }
            Err(error) => self.refuse(&error),
        }
    }

    /// A column chosen in a select: read again with it (bad lines are offered again, never
    /// skipped unseen).
    fn choose(self, lab: Lab, x: Option<usize>, y: Option<usize>) {
        let Some(layout) = self.layout.get_untracked() else {
            return;
        };
        let current = self
            .columns
            .get_untracked()
            .or_else(|| layout.default_columns().ok())
            .unwrap_or_default();
        self.columns.set(Some(Columns {
            x: x.unwrap_or(current.x),
            y: y.unwrap_or(current.y),
        }));
        self.read(lab, false);
    }

    /// One path for a chosen and a dropped file: refused before reading at 10 MB or more, or when
    /// its first bytes are not text (an image, a spreadsheet), then read and checked like pasted
    /// text.
    fn read_file(self, lab: Lab, file: web_sys::File) {
        if let Err(error) = table::check_size(file.size() as u64) {
            self.refuse(&error);
            return;
        }
        let first = file.slice_with_f64_and_f64(0.0, table::SNIFFED_BYTES as f64);
        let name = file.name();
        leptos::task::spawn_local(async move {
            use wasm_bindgen_futures::JsFuture;
            let Ok(first) = first else { return };
            let Ok(bytes) = JsFuture::from(first.array_buffer()).await else {
                return;
            };
            let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
            if let Err(error) = table::check_text(&bytes) {
                self.refuse(&error);
                return;
            }
            if let Ok(value) = JsFuture::from(file.text()).await {
                self.text.set(value.as_string().unwrap_or_default());
                self.file.set(name);
                self.apply(lab);
            }
        });
    }

    /// A long paste goes into the text whole, past the box (which then shows its first lines).
    fn paste(self, ev: leptos::ev::ClipboardEvent) {
        let Some(pasted) = ev.clipboard_data().and_then(|d| d.get_data("text").ok()) else {
            return;
        };
        self.file.set(String::new());
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

super::chunk::chunk! {
    /// The own-data box, in its own chunk: the table reader's widgets come with it.
    own_data_chunk in own_data => || view! { <OwnData/> }
}

/// The learner's own points: pasted or read from a file, two of its columns chosen by name,
/// applied only when every line is good or the bad ones are skipped by choice; each bad line is
/// listed by number and content, and the current data stays.
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
                    on:click=move |_| own.apply(lab)>{move || lab.tr(i18n::OWN_DATA_APPLY)}</button>
                <label class="file-button">
                    <span>{move || lab.tr(i18n::OWN_DATA_FILE)}</span>
                    <input type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" data-testid="data-file"
                        on:change=move |ev| if let Some(file) = chosen_file(&ev) { own.read_file(lab, file) }/>
                </label>
            </div>
            <ColumnChoice own=own/>
            <DataProblems own=own/>
            <OwnDataInUse own=own/>
        </details>
    }
}

/// The x and y columns of a table with a header or more than two columns, as selects of their
/// names; columns of words are listed but cannot be chosen. While the defaults are in use, a line
/// says which they are.
#[component]
fn ColumnChoice(own: OwnDataBox) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let offered = move || {
        own.layout
            .with(|l| l.as_ref().is_some_and(|l| l.offers_choice()))
    };
    let current = move || {
        own.layout.with(|l| {
            let layout = l.as_ref()?;
            own.columns.get().or_else(|| layout.default_columns().ok())
        })
    };
    let named = move |column: usize| {
        own.layout.with(|l| {
            let name = l.as_ref().and_then(|l| l.name(column));
            column_phrase(column, name).render(lab.language())
        })
    };
    let select = move |axis: Axis| {
        let options = move || {
            own.layout.with(|l| {
                let Some(layout) = l.as_ref() else {
                    return Vec::new();
                };
                (0..layout.width())
                    .map(|column| {
                        let name = layout.name(column).map_or_else(
                            || lab.fill(i18n::COLUMN_NUMBERED, &[&(column + 1)]),
                            String::from,
                        );
                        let words = layout.kinds[column] == ColumnKind::Text;
                        (column, name, words)
                    })
                    .collect()
            })
        };
        let chosen = move || current().map(|c| if axis == Axis::X { c.x } else { c.y });
        let (id, label) = match axis {
            Axis::X => ("data-x-column", i18n::LABEL_X_COLUMN),
            Axis::Y => ("data-y-column", i18n::LABEL_Y_COLUMN),
        };
        view! {
            <label class="field">
                <span>{move || lab.tr(label)}</span>
                <select data-testid=id on:change=move |ev| {
                    if let Ok(column) = event_target_value(&ev).parse::<usize>() {
                        match axis {
                            Axis::X => own.choose(lab, Some(column), None),
                            Axis::Y => own.choose(lab, None, Some(column)),
                        }
                    }
                }>
                    {move || options().into_iter().map(|(column, name, words)| {
                        let text = if words { lab.fill(i18n::COLUMN_TEXT_OPTION, &[&name]) } else { name };
                        view! {
                            <option value=column.to_string() disabled=words
                                prop:selected=move || chosen() == Some(column)>{text}</option>
                        }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <Show when=offered>
            <div class="column-choice">
                {select(Axis::X)}
                {select(Axis::Y)}
            </div>
            <Show when=move || own.columns.with(Option::is_none) && current().is_some()>
                <p class="hint" data-testid="data-columns-chosen">{move || {
                    let columns = current().unwrap_or_default();
                    lab.fill(i18n::COLUMNS_CHOSEN, &[&named(columns.x), &named(columns.y)])
                }}</p>
            </Show>
        </Show>
    }
}

/// Which select: x's or y's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Axis {
    X,
    Y,
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
            on:input=move |ev| if !held() { own.file.set(String::new()); text.set(event_target_value(&ev)) }></textarea>
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

/// While own points are in use: how many, from which columns, which lines were left out, whether
/// the rows look sorted (with a way to shuffle them), and, when the link cannot carry them, a way
/// to keep them.
#[component]
fn OwnDataInUse(own: OwnDataBox) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let read_ms = own.read_ms;
    let in_use = move || lab.config.with(|c| c.data == DataKind::Own);
    let named = move || {
        lab.config.with(|c| {
            if c.x_column.is_empty() || c.y_column.is_empty() {
                return None;
            }
            let column = |name: &str| column_phrase(0, Some(name)).render(lab.language());
            let (x, y) = (column(&c.x_column), column(&c.y_column));
            Some(lab.fill(i18n::COLUMNS_IN_USE, &[&x, &y]))
        })
    };
    // The held-out parts far from the training rows, from the run's own data set.
    let apart = move || {
        // The run is new whenever the settings are (`Lab::write` resets it before views update).
        lab.config.track();
        lab.trainer.with_value(|t| {
            t.data()
                .parts_apart(t.config())
                .iter()
                .map(|apart| report::part_apart_phrase(apart).render(lab.language()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=in_use>
            <p class="hint" data-testid="data-in-use" data-read-ms=move || format!("{:.1}", read_ms.get())>
                {move || lab.fill(i18n::OWN_DATA_APPLIED, &[&lab.config.with(|c| report::count(c.own.len()))])}
                " "{named}
            </p>
            <Show when=move || own.skipped.with(|s| !s.is_empty())>
                <p class="hint" data-testid="data-skipped">{move || own.skipped.with(|s| skipped_phrase(s).render(lab.language()))}</p>
            </Show>
            <Show when=move || !apart().is_empty()>
                <div class="hint warning" data-testid="data-sorted">
                    {move || apart().into_iter().map(|words| view! { <p>{words}</p> }).collect_view()}
                    <button type="button" data-testid="data-shuffle" on:click=move |_| lab.set(Key::Shuffle, "1")>
                        {move || lab.tr(i18n::SHUFFLE_ROWS)}
                    </button>
                </div>
            </Show>
        </Show>
        <Show when=move || lab.config.with(|c| c.data == DataKind::Own && !c.share_query(80).1)>
            <p class="hint" data-testid="data-not-in-link">{move || lab.tr(i18n::OWN_DATA_NOT_IN_LINK)}</p>
            <button type="button" data-testid="data-download" on:click=move |_| {
                let csv = lab.config.with_untracked(|c| c.own.to_csv(c.axis_names()));
                super::share::download_text(&csv, crate::engine::keras::DATA_FILE, "text/csv");
            }>{move || lab.tr(i18n::OWN_DATA_DOWNLOAD)}</button>
        </Show>
    }
}

/// What is wrong with the text applied last: the error, then its first bad lines (and how many
/// more), in a box of its own; and the offer to skip the lines that are not numbers.
#[component]
fn DataProblems(own: OwnDataBox) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let problems = own.problems;
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
            <Show when=move || own.bad.with(|b| !b.is_empty())>
                <button type="button" data-testid="data-skip-bad" on:click=move |_| own.read(lab, true)>
                    {move || own.bad.with(|b| skip_offer(b).render(lab.language()))}
                </button>
            </Show>
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
                    if let Some(exponent) = crate::engine::decimal::parse_f64(&event_target_value(&ev)) {
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

super::chunk::chunk! {
    /// The settings column, in its own chunk: the first screen (play, the banner, the charts) is
    /// live without it, and on a phone the column is below them. The classroom panel comes last
    /// in it (in classroom mode, under the stage instead).
    pub chunk in settings => || {
        let lab = expect_context::<Lab>();
        view! {
            <Controls/>
            <Show when=move || !lab.config.with(|c| c.classroom)>
                <super::share::ClassroomPanel/>
            </Show>
        }
    }
}

#[component]
fn Controls() -> impl IntoView {
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
                    // Once the run differs from its preset: "custom, from The question" is what shows.
                    <Show when=move || lab.config.with(crate::engine::Config::departs_from_preset)>
                        <option value="" data-testid="preset-custom" disabled=true prop:selected=true>
                            {move || lab.config.with(|c| c.custom_preset_label(lab.language()))}
                        </option>
                    </Show>
                    {Preset::ALL.iter().map(|p| {
                        let p = *p;
                        view! { <option value=p.as_str() prop:selected=move || lab.config.with(|c| c.preset == p && !c.departs_from_preset())>{move || p.title(lab.language())}</option> }
                    }).collect_view()}
                </select>
            </label>
        </fieldset>
        <fieldset class="group" class:hidden=move || lab.hides(Panel::Data)>
            <legend>{move || lab.tr(i18n::GROUP_DATA)}</legend>
            <ChoiceField key=Key::Data label=i18n::LABEL_DATA tip=i18n::TIP_DATA/>
            <Formula/>
            {super::chunk::lazy(own_data_chunk)}
            <NumberField key=Key::Start label=i18n::LABEL_START tip=i18n::TIP_START visible=data_is(DataKind::Arange)/>
            <NumberField key=Key::Stop label=i18n::LABEL_STOP tip=i18n::TIP_STOP visible=data_is(DataKind::Arange)/>
            <NumberField key=Key::Step label=i18n::LABEL_STEP tip=i18n::TIP_STEP visible=data_is(DataKind::Arange)/>
            <NumberField key=Key::Points label=i18n::LABEL_POINTS tip=i18n::TIP_POINTS visible=Signal::derive(move || lab.config.with(|c| matches!(c.data, DataKind::Randn | DataKind::Uniform)))/>
            <NumberField key=Key::Low label=i18n::LABEL_LOW tip=i18n::TIP_LOW visible=data_is(DataKind::Uniform)/>
            <NumberField key=Key::High label=i18n::LABEL_HIGH tip=i18n::TIP_HIGH visible=data_is(DataKind::Uniform)/>
            <NumberField key=Key::Train label=i18n::LABEL_TRAIN tip=i18n::TIP_TRAIN/>
            <NumberField key=Key::ValidationSplit label=i18n::LABEL_VSPLIT tip=i18n::TIP_VSPLIT/>
            <NumberField key=Key::Noise label=i18n::LABEL_NOISE tip=i18n::TIP_NOISE visible=Signal::derive(move || lab.config.with(|c| c.data != DataKind::Own))/>
            <ChoiceField key=Key::XScale label=i18n::LABEL_XSCALE tip=i18n::TIP_XSCALE/>
            <ChoiceField key=Key::YScale label=i18n::LABEL_YSCALE tip=i18n::TIP_YSCALE/>
            <FlagField key=Key::Shuffle label=i18n::LABEL_SHUFFLE tip=i18n::TIP_SHUFFLE/>
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
