//! Side by side and up close: pinned runs beside the current one, rewinding to the update that
//! killed the network, and the table of the hidden units.

use super::Lab;
use crate::engine::config::{Language, MAX_PINNED};
use crate::engine::report::{compact, signed};
use crate::engine::train::{DeathMark, NextUpdate, Standing, UnitRow, UpdateVerdict};
use crate::i18n::{self, Text};
use leptos::prelude::*;

super::chunk::chunk! {
    /// The pin button and the pinned runs' list, in their own chunk.
    pub pinned_chunk in pinned => || view! { <Pinned/> }
}

/// The pin button and the list of pinned runs, each named by how it differs from this one.
#[component]
fn Pinned() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let frame = lab.frame;
    let full = move || lab.config.with(|c| c.compare.0.len() >= MAX_PINNED);
    view! {
        <div class="pins">
            <button data-testid="pin" on:click=move |_| lab.pin() disabled=full
                title=move || lab.tr(i18n::PIN_TIP)>
                {move || lab.tr(i18n::PIN)}
            </button>
            <ul class="pinned" data-testid="pinned" aria-label=move || lab.tr(i18n::PINNED_ARIA)>
                {move || frame.with(|f| f.pinned.clone()).into_iter().enumerate().map(|(index, pin)| {
                    let (colour, _, _) = crate::charts::pinned_style(index, crate::charts::ChartStyle::default());
                    let swatch = format!("background: rgb({}, {}, {})", colour.0, colour.1, colour.2);
                    view! {
                        <li data-fingerprint=pin.fingerprint.clone() data-state=pin.standing.name() data-epoch=pin.epoch>
                            <span class="swatch" style=swatch aria-hidden="true"></span>
                            <span class="pin-label">{pin.label.clone()}</span>
                            <span class="pin-state">{lab.fill(i18n::PIN_STATE, &[&pin.epoch, &lab.tr(standing_words(pin.standing))])}</span>
                            <button data-testid=format!("unpin-{}", index + 1)
                                aria-label=lab.fill(i18n::UNPIN_ARIA, &[&pin.label])
                                on:click=move |_| lab.unpin(index)>"✕"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// Where a pinned run stands, as people read it.
fn standing_words(standing: Standing) -> Text {
    match standing {
        Standing::NotStarted => i18n::NOT_STARTED,
        Standing::Now(outcome) => crate::charts::outcome_words(outcome),
    }
}

/// A range of numbers, short.
fn range(range: (f64, f64), language: Language) -> String {
    if range.0.is_nan() || range.1.is_nan() {
        return i18n::NOT_A_NUMBER.get(language).into();
    }
    format!("{} … {}", compact(range.0), compact(range.1))
}

/// What an update will do, in a sentence.
fn describe(next: &NextUpdate, language: Language) -> String {
    let verdict = next.verdict();
    if verdict == UpdateVerdict::Diverges {
        return verdict.words().get(language).into();
    }
    i18n::UPDATE_EFFECT.fill(
        language,
        &[
            &signed(next.largest_change),
            &range(next.output_before, language),
            &range(next.output_after, language),
            &next.units_killed,
            &verdict.words().get(language),
        ],
    )
}

/// The rewind button (when an update killed the network), and, while rewound, what the next update
/// will do and the same update with the learning rate ÷ 10.
#[component]
pub fn Rewind() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let frame = lab.frame;
    let target = move || frame.with(|f| f.killing_update);
    view! {
        <Show when=move || target().is_some() && frame.with(|f| f.next_update.is_none())>
            <button data-testid="rewind" class="rewind" disabled=move || lab.busy.get()
                on:click=move |_| if let Some(update) = target() { super::frame_loop::rewind(lab, update) }>
                {move || lab.fill(i18n::REWIND, &[&(target().unwrap_or(0) + 1)])}
            </button>
        </Show>
        <Show when=move || frame.with(|f| f.next_update.is_some())>
            <div class="next-update" data-testid="next-update" role="status">
                {move || {
                    let language = lab.language();
                    frame.with(|f| f.next_update.map(|(next, gentle)| view! {
                        <p><strong>{i18n::NEXT_UPDATE.fill(language, &[&(next.iteration + 1)])}</strong>{describe(&next, language)}</p>
                        {gentle.map(|gentle| view! {
                            <p data-testid="gentle-result" data-survives=(gentle.verdict() == UpdateVerdict::Survives).to_string()>
                                <strong>{i18n::WITH_LR_TENTH.get(language)}</strong>{describe(&gentle, language)}
                            </p>
                        })}
                    }))
                }}
                <button data-testid="replay-gentle" on:click=move |_| { lab.gentle.set(true); lab.publish(); }
                    disabled=move || frame.with(|f| f.next_update.is_some_and(|(_, g)| g.is_some()))>
                    {move || lab.tr(i18n::TRY_LR_TENTH)}
                </button>
                " "
                <span class="hint">{move || lab.tr(i18n::STEP_MAKES_IT_HAPPEN)}</span>
            </div>
        </Show>
    }
}

/// How a unit died, in a table cell.
fn died(mark: Option<DeathMark>, language: Language) -> String {
    match mark {
        None => "–".into(),
        Some(DeathMark::Born) => i18n::DIED_BEFORE_UPDATES.get(language).into(),
        Some(DeathMark::Update(update)) => i18n::DIED_AT_UPDATE.fill(language, &[&(update + 1)]),
        Some(DeathMark::Epoch(epoch)) => i18n::DIED_BY_EPOCH.fill(language, &[&epoch]),
    }
}

/// The columns a person can sort by.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Unit,
    Weight,
    Bias,
    Largest,
    State,
    Contribution,
}

/// Sorts the units' rows by a column, ascending or descending.
fn sort_units(units: &mut [UnitRow], (by, descending): (SortBy, bool)) {
    units.sort_by(|a, b| {
        let order = match by {
            SortBy::Unit => a.unit.cmp(&b.unit),
            SortBy::Weight => a.weight.total_cmp(&b.weight),
            SortBy::Bias => a.bias.total_cmp(&b.bias),
            SortBy::Largest => a.pre_range.1.total_cmp(&b.pre_range.1),
            SortBy::State => a.dead.cmp(&b.dead),
            SortBy::Contribution => a.at_largest_x.total_cmp(&b.at_largest_x),
        };
        if descending {
            order.reverse()
        } else {
            order
        }
    });
}

super::chunk::chunk! {
    /// The units table, in its own chunk.
    pub forensics_chunk in forensics => || view! { <Forensics/> }
}

/// The hidden units of the layer the units chart shows: a sortable table, filled while the run is
/// paused (not every frame).
#[component]
fn Forensics() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let sort = RwSignal::new((SortBy::Unit, false));
    let rows = Memo::new(move |_| {
        let paused = lab.frame.with(|f| f.fingerprint.is_some());
        let version = lab.frame.with(|f| f.version);
        let layer = lab.units_layer.get();
        (paused, version, layer)
    });
    let table = move || {
        let (paused, _, layer) = rows.get();
        if !paused {
            return None;
        }
        let mut units: Vec<UnitRow> = lab.trainer.with_value(|t| t.unit_table(layer));
        sort_units(&mut units, sort.get());
        Some(units)
    };
    view! {
        <details class="forensics" data-testid="forensics">
            <summary>{move || lab.tr(i18n::UNITS_TABLE_SUMMARY)}</summary>
            {move || match table() {
                None => view! { <p class="hint">{move || lab.tr(i18n::UNITS_TABLE_PAUSE)}</p> }.into_any(),
                Some(units) => units_table(lab, sort, units).into_any(),
            }}
        </details>
    }
}

/// A column's header: a button that sorts by it (again: the other way), and the order it sorts in.
fn sort_header(lab: Lab, sort: RwSignal<(SortBy, bool)>, by: SortBy, text: Text) -> impl IntoView {
    let state = move || match sort.get() {
        (b, false) if b == by => "ascending",
        (b, true) if b == by => "descending",
        _ => "none",
    };
    view! {
        <th scope="col" aria-sort=state>
            <button on:click=move |_| sort.update(|(b, d)| {
                if *b == by { *d = !*d } else { *b = by; *d = false }
            })>{move || lab.tr(text)}</button>
        </th>
    }
}

/// The table of the units, sorted; with batch normalization's columns when the layer has them.
fn units_table(lab: Lab, sort: RwSignal<(SortBy, bool)>, units: Vec<UnitRow>) -> impl IntoView {
    let norm = units.iter().any(|row| row.norm.is_some());
    let header = move |by: SortBy, text: Text| sort_header(lab, sort, by, text);
    view! {
        <table>
            <caption>{move || lab.fill(i18n::UNITS_TABLE_CAPTION, &[&(lab.units_layer.get() + 1)])}</caption>
            <thead><tr>
                {header(SortBy::Unit, i18n::COLUMN_UNIT)}
                {header(SortBy::Weight, i18n::COLUMN_WEIGHT)}
                {header(SortBy::Bias, i18n::COLUMN_BIAS)}
                {norm.then(|| view! {
                    <th scope="col">{move || lab.tr(i18n::COLUMN_GAMMA_BETA)}</th>
                    <th scope="col">{move || lab.tr(i18n::COLUMN_MOVING)}</th>
                })}
                {header(SortBy::Largest, if norm { i18n::COLUMN_INPUT_RANGE_BN } else { i18n::COLUMN_INPUT_RANGE })}
                {header(SortBy::State, i18n::COLUMN_STATE)}
                <th scope="col">{move || lab.tr(i18n::COLUMN_DIED)}</th>
                {header(SortBy::Contribution, i18n::COLUMN_AT_LARGEST_X)}
            </tr></thead>
            <tbody>
                {units.into_iter().map(|row| unit_row(lab, row)).collect_view()}
            </tbody>
        </table>
    }
}

/// One unit's row: its weight and bias (and γ, β and moving statistics), its pre-activations' range,
/// whether it is dead and since when, and its part in the output at the largest training x.
fn unit_row(lab: Lab, row: UnitRow) -> impl IntoView {
    view! {
        <tr class:dead=row.dead>
            <th scope="row">{row.unit + 1}</th>
            <td>{compact(row.weight)}</td>
            <td>{compact(row.bias)}</td>
            {row.norm.map(|n| view! {
                <td>{compact(n.gamma)}", "{compact(n.beta)}</td>
                <td>{compact(n.moving_mean)}", "{compact(n.moving_variance)}</td>
            })}
            <td>{range(row.pre_range, lab.language())}</td>
            <td>{lab.tr(if row.dead { i18n::DEAD } else { i18n::ALIVE })}</td>
            <td>{died(row.died, lab.language())}</td>
            <td>{compact(row.at_largest_x)}</td>
        </tr>
    }
}
