//! Side by side and up close: pinned runs beside the current one, rewinding to the update that
//! killed the network, and the table of the hidden units.

use super::Lab;
use crate::engine::config::MAX_PINNED;
use crate::engine::report::{compact, signed};
use crate::engine::train::{DeathMark, NextUpdate, UnitRow};
use leptos::prelude::*;

/// The pin button and the list of pinned runs, each named by how it differs from this one.
#[component]
pub fn Pinned() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let frame = lab.frame;
    let full = move || lab.config.with(|c| c.compare.0.len() >= MAX_PINNED);
    view! {
        <div class="pins">
            <button data-testid="pin" on:click=move |_| lab.pin() disabled=full
                title="Keep this run on the charts, training along, while you change the settings (up to 4)">
                "Pin this run"
            </button>
            <ul class="pinned" data-testid="pinned" aria-label="pinned runs">
                {move || frame.with(|f| f.pinned.clone()).into_iter().enumerate().map(|(index, pin)| {
                    let (colour, _, _) = crate::charts::pinned_style(index, crate::charts::ChartStyle::default());
                    let swatch = format!("background: rgb({}, {}, {})", colour.0, colour.1, colour.2);
                    view! {
                        <li data-fingerprint=pin.fingerprint.clone() data-state=pin.diagnosis>
                            <span class="swatch" style=swatch aria-hidden="true"></span>
                            <span class="pin-label">{pin.label.clone()}</span>
                            <span class="pin-state">{format!("epoch {}, {}", pin.epoch, pin.diagnosis.replace('_', " "))}</span>
                            <button data-testid=format!("unpin-{}", index + 1)
                                aria-label=format!("unpin {}", pin.label)
                                on:click=move |_| lab.unpin(index)>"✕"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// A range of numbers, short.
fn range(range: (f64, f64)) -> String {
    if range.0.is_nan() || range.1.is_nan() {
        return "not a number".into();
    }
    format!("{} … {}", compact(range.0), compact(range.1))
}

/// What an update will do, in a sentence.
fn describe(next: &NextUpdate) -> String {
    if next.diverges {
        return "It makes a weight or the loss infinite: training diverges.".into();
    }
    let verdict = if next.collapses {
        "The network dies: after it, the output is the same for every x."
    } else {
        "The network survives it."
    };
    format!(
        "It changes a weight by {}. The output's input over the training x goes from {} to {}. It \
         kills {} hidden unit{}. {verdict}",
        signed(next.largest_change),
        range(next.output_before),
        range(next.output_after),
        next.units_killed,
        if next.units_killed == 1 { "" } else { "s" },
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
            <button data-testid="rewind" class="rewind"
                on:click=move |_| if let Some(update) = target() { lab.rewind(update) }>
                {move || format!("Rewind to just before update {}", target().unwrap_or(0) + 1)}
            </button>
        </Show>
        <Show when=move || frame.with(|f| f.next_update.is_some())>
            <div class="next-update" data-testid="next-update" role="status">
                {move || frame.with(|f| f.next_update.map(|(next, gentle)| view! {
                    <p><strong>{format!("Next: update {}. ", next.iteration + 1)}</strong>{describe(&next)}</p>
                    {gentle.map(|gentle| view! {
                        <p data-testid="gentle-result" data-survives=(!gentle.collapses && !gentle.diverges).to_string()>
                            <strong>"With the learning rate ÷ 10: "</strong>{describe(&gentle)}
                        </p>
                    })}
                }))}
                <button data-testid="replay-gentle" on:click=move |_| { lab.gentle.set(true); lab.publish(); }
                    disabled=move || frame.with(|f| f.next_update.is_some_and(|(_, g)| g.is_some()))>
                    "Try this update with the learning rate ÷ 10"
                </button>
                " "
                <span class="hint">"Step batch (s) makes the update happen."</span>
            </div>
        </Show>
    }
}

/// How a unit died, in a table cell.
fn died(mark: Option<DeathMark>) -> String {
    match mark {
        None => "–".into(),
        Some(DeathMark::Born) => "before any update".into(),
        Some(DeathMark::Update(update)) => format!("update {}", update + 1),
        Some(DeathMark::Epoch(epoch)) => format!("by epoch {epoch}"),
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

/// The hidden units of the layer the units chart shows: a sortable table, filled while the run is
/// paused (not every frame).
#[component]
pub fn Forensics() -> impl IntoView {
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
        let (by, descending) = sort.get();
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
        Some(units)
    };
    let header = move |by: SortBy, text: &'static str| {
        let state = move || match sort.get() {
            (b, false) if b == by => "ascending",
            (b, true) if b == by => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=state>
                <button on:click=move |_| sort.update(|(b, d)| {
                    if *b == by { *d = !*d } else { *b = by; *d = false }
                })>{text}</button>
            </th>
        }
    };
    view! {
        <details class="forensics" data-testid="forensics">
            <summary>"Table of the hidden units (filled while paused)"</summary>
            {move || match table() {
                None => view! { <p class="hint">"Pause the run to fill the table."</p> }.into_any(),
                Some(units) => view! {
                    <table>
                        <caption>{move || format!("Hidden layer {}: every unit over the training x", lab.units_layer.get() + 1)}</caption>
                        <thead><tr>
                            {header(SortBy::Unit, "unit")}
                            {header(SortBy::Weight, "weight")}
                            {header(SortBy::Bias, "bias")}
                            {header(SortBy::Largest, "input w·x + b over the training x")}
                            {header(SortBy::State, "state")}
                            <th scope="col">"died"</th>
                            {header(SortBy::Contribution, "at the largest x")}
                        </tr></thead>
                        <tbody>
                            {units.into_iter().map(|row| view! {
                                <tr class:dead=row.dead>
                                    <th scope="row">{row.unit + 1}</th>
                                    <td>{compact(row.weight)}</td>
                                    <td>{compact(row.bias)}</td>
                                    <td>{range(row.pre_range)}</td>
                                    <td>{if row.dead { "dead" } else { "alive" }}</td>
                                    <td>{died(row.died)}</td>
                                    <td>{compact(row.at_largest_x)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </details>
    }
}
