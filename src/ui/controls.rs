//! The widgets. Each is bound to one `Config` key: it shows `config.get(key)` and writes through
//! `Lab::set(key, text)`, the same parser and checks the share link uses, so a widget can never hold
//! a value the link could not. Ranges and choices come from the settings table. `data-testid` is the
//! key's name.

use super::Lab;
use crate::engine::config::{setting, DataKind, Domain, Preset, MAX_LAYERS, MAX_UNITS};
use crate::i18n::{self, Text};
use leptos::prelude::*;

/// The `data-testid` of a control: its `Config` key, except arange's `step`, which would clash with
/// the transport's "step" button.
fn test_id(key: &'static str) -> &'static str {
    if key == "step" {
        "arange-step"
    } else {
        key
    }
}

fn value_of(lab: Lab, key: &'static str) -> impl Fn() -> String + Copy {
    move || lab.config.with(|c| c.get(key).unwrap_or_default())
}

/// The range a number box offers: the settings table's.
fn bounds(key: &str) -> (String, String, &'static str) {
    match setting(key).map(|s| s.domain) {
        Some(Domain::Number { low, high }) => (low.to_string(), high.to_string(), "any"),
        Some(Domain::Whole { low, high }) => (low.to_string(), high.to_string(), "1"),
        _ => (String::new(), String::new(), "any"),
    }
}

/// A number typed in a box; applied when the box is left or Enter is pressed.
#[component]
fn NumberField(
    key: &'static str,
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
    key: &'static str,
    label: Text,
    tip: Text,
    #[prop(optional, into)] visible: Option<Signal<bool>>,
) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let current = value_of(lab, key);
    let hidden = move || visible.is_some_and(|v| !v.get());
    let options: &'static [&'static str] = match setting(key).map(|s| s.domain) {
        Some(Domain::Choice(names)) => names,
        _ => &[],
    };
    view! {
        <label class="field" class:hidden=hidden title=move || lab.tr(tip)>
            <span>{move || lab.tr(label)}</span>
            <select data-testid=key on:change=move |ev| lab.set(key, &event_target_value(&ev))>
                {options.iter().map(|&name| view! {
                    <option value=name prop:selected=move || current() == name>{name}</option>
                }).collect_view()}
            </select>
        </label>
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
                <input type="text" inputmode="numeric" data-testid="hidden" prop:value=value_of(lab, "hidden")
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
    let value = value_of(lab, "lr");
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
                        // Three significant digits: 0.00316, not 0.0031622776601683794.
                        let text = format!("{:.2e}", rate).parse::<f64>().unwrap_or(rate).to_string();
                        lab.set(Key::LearningRate, &text);
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
            <input type="number" step="1" min="0" data-testid="seed" prop:value=value_of(lab, "seed")
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
    let on_preset = move |ev| {
        if let Ok(preset) = event_target_value(&ev).parse::<Preset>() {
            lab.load_preset(preset);
        }
    };
    view! {
        <fieldset class="group" class:hidden=move || lab.hides("preset")>
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
        <fieldset class="group" class:hidden=move || lab.hides("data")>
            <legend>{move || lab.tr(i18n::GROUP_DATA)}</legend>
            <ChoiceField key="data" label=i18n::LABEL_DATA tip=i18n::TIP_DATA/>
            <NumberField key="start" label=i18n::LABEL_START tip=i18n::TIP_START visible=data_is(DataKind::Arange)/>
            <NumberField key="stop" label=i18n::LABEL_STOP tip=i18n::TIP_STOP visible=data_is(DataKind::Arange)/>
            <NumberField key="step" label=i18n::LABEL_STEP tip=i18n::TIP_STEP visible=data_is(DataKind::Arange)/>
            <NumberField key="n" label=i18n::LABEL_POINTS tip=i18n::TIP_POINTS visible=Signal::derive(move || lab.config.with(|c| c.data != DataKind::Arange))/>
            <NumberField key="lo" label=i18n::LABEL_LOW tip=i18n::TIP_LOW visible=data_is(DataKind::Uniform)/>
            <NumberField key="hi" label=i18n::LABEL_HIGH tip=i18n::TIP_HIGH visible=data_is(DataKind::Uniform)/>
            <NumberField key="train" label=i18n::LABEL_TRAIN tip=i18n::TIP_TRAIN/>
            <NumberField key="vsplit" label=i18n::LABEL_VSPLIT tip=i18n::TIP_VSPLIT/>
            <NumberField key="noise" label=i18n::LABEL_NOISE tip=i18n::TIP_NOISE/>
            <ChoiceField key="xscale" label=i18n::LABEL_XSCALE tip=i18n::TIP_XSCALE/>
            <ChoiceField key="yscale" label=i18n::LABEL_YSCALE tip=i18n::TIP_YSCALE/>
        </fieldset>
        <fieldset class="group" class:hidden=move || lab.hides("network")>
            <legend>{move || lab.tr(i18n::GROUP_NETWORK)}</legend>
            <Layers/>
            <ChoiceField key="act" label=i18n::LABEL_ACT tip=i18n::TIP_ACT/>
            <NumberField key="alpha" label=i18n::LABEL_ALPHA tip=i18n::TIP_ALPHA visible=uses_alpha/>
            <ChoiceField key="out" label=i18n::LABEL_OUT tip=i18n::TIP_OUT/>
            <ChoiceField key="init" label=i18n::LABEL_INIT tip=i18n::TIP_INIT/>
            <NumberField key="bias" label=i18n::LABEL_BIAS tip=i18n::TIP_BIAS/>
        </fieldset>
        <fieldset class="group" class:hidden=move || lab.hides("training")>
            <legend>{move || lab.tr(i18n::GROUP_TRAINING)}</legend>
            <ChoiceField key="opt" label=i18n::LABEL_OPT tip=i18n::TIP_OPT/>
            <LearningRate/>
            <NumberField key="momentum" label=i18n::LABEL_MOMENTUM tip=i18n::TIP_MOMENTUM visible=uses_momentum/>
            <NumberField key="decay" label=i18n::LABEL_DECAY tip=i18n::TIP_DECAY/>
            <NumberField key="batch" label=i18n::LABEL_BATCH tip=i18n::TIP_BATCH/>
            <NumberField key="epochs" label=i18n::LABEL_EPOCHS tip=i18n::TIP_EPOCHS/>
            <ChoiceField key="metric" label=i18n::LABEL_METRIC tip=i18n::TIP_METRIC/>
            <Seed/>
        </fieldset>
    }
}
