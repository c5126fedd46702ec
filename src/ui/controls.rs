//! The widgets. Each is bound to one `Config` key: it shows `config.get(key)` and writes through
//! `Lab::set(key, text)`, the same parser and checks the share link uses, so a widget can never hold
//! a value the link could not. Ranges and choices come from the settings table. `data-testid` is the
//! key's name.

use super::Lab;
use crate::engine::config::{setting, DataKind, Domain, Preset, MAX_LAYERS, MAX_UNITS};
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
    label: &'static str,
    tip: &'static str,
    #[prop(optional, into)] visible: Option<Signal<bool>>,
) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let hidden = move || visible.is_some_and(|v| !v.get());
    let (min, max, step) = bounds(key);
    view! {
        <label class="field" class:hidden=hidden title=tip>
            <span>{label}</span>
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
    label: &'static str,
    tip: &'static str,
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
        <label class="field" class:hidden=hidden title=tip>
            <span>{label}</span>
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
        lab.set("hidden", &text.join(","));
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
        <div class="layers" title="How many units each hidden layer has. More units: more kinks the line can bend at. More layers: deeper, and a narrow deep ReLU network is often born dead.">
            <label class="field">
                <span>"hidden layers"</span>
                <input type="text" inputmode="numeric" data-testid="hidden" prop:value=value_of(lab, "hidden")
                    aria-label="units of each hidden layer, comma-separated"
                    on:change=move |ev| lab.set("hidden", &event_target_value(&ev))/>
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
                        lab.set("hidden", &texts.join(","));
                    }
                };
                view! {
                    <label class="field slider layer-width">
                        <span>{format!("layer {}", layer + 1)}</span>
                        <input type="range" min="1" max=MAX_UNITS.to_string() step="1"
                            aria-label=format!("units of layer {}", layer + 1)
                            prop:value=units.to_string()
                            on:change=move |ev| set_width(event_target_value(&ev))/>
                        <input type="number" min="1" max=MAX_UNITS.to_string() step="1"
                            data-testid=format!("layer-width-{}", layer + 1)
                            aria-label=format!("units of layer {}", layer + 1)
                            prop:value=units.to_string()
                            on:change=move |ev| set_width(event_target_value(&ev))/>
                    </label>
                }
            }).collect_view()}
            <div class="layer-buttons">
                <button type="button" data-testid="add-layer" on:click=add
                    disabled=move || { widths().len() >= MAX_LAYERS }>"+ layer"</button>
                <button type="button" data-testid="remove-layer" on:click=remove
                    disabled=move || { widths().len() <= 1 }>"− layer"</button>
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
        <label class="field slider" title="How far each update moves the weights along the gradient. With x up to 1000 the gradient is huge, so even 0.01 throws the weights far.">
            <span>"learning rate"</span>
            <input type="range" min="-6" max="1" step="0.01" aria-label="learning rate (log scale)"
                prop:value=slider
                on:input=move |ev| {
                    if let Ok(exponent) = event_target_value(&ev).parse::<f64>() {
                        let rate = 10f64.powf(exponent);
                        // Three significant digits: 0.00316, not 0.0031622776601683794.
                        let text = format!("{:.2e}", rate).parse::<f64>().unwrap_or(rate).to_string();
                        lab.set("lr", &text);
                    }
                }/>
            <input type="number" step="any" data-testid="lr" prop:value=value
                on:change=move |ev| lab.set("lr", &event_target_value(&ev))/>
        </label>
    }
}

/// The seed, with a button for a new one.
#[component]
fn Seed() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let new_seed = move |_| {
        let seed = (js_sys::Math::random() * 1e9) as u64;
        lab.set("seed", &seed.to_string());
    };
    view! {
        <label class="field" title="Fixes the random numbers: the data (randn), the initial weights and the shuffling. The same seed gives the same run.">
            <span>"seed"</span>
            <input type="number" step="1" min="0" data-testid="seed" prop:value=value_of(lab, "seed")
                on:change=move |ev| lab.set("seed", &event_target_value(&ev))/>
            <button type="button" data-testid="new-seed" on:click=new_seed title="Draw a new seed: other initial weights">"new seed"</button>
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
            <legend>"Preset"</legend>
            <label class="field stacked" title="The four programs of the original question and its answers.">
                <select data-testid="preset" on:change=on_preset>
                    {Preset::ALL.iter().map(|p| {
                        let p = *p;
                        view! { <option value=p.as_str() prop:selected=move || lab.config.with(|c| c.preset == p)>{p.title()}</option> }
                    }).collect_view()}
                </select>
            </label>
        </fieldset>
        <fieldset class="group" class:hidden=move || lab.hides("data")>
            <legend>"Data"</legend>
            <ChoiceField key="data" label="inputs x"
                tip="arange: evenly spaced x like np.arange(1, 1000). randn: x drawn from a normal distribution around 0."/>
            <NumberField key="start" label="start" visible=data_is(DataKind::Arange) tip="First x of arange."/>
            <NumberField key="stop" label="stop" visible=data_is(DataKind::Arange) tip="arange stops before this x (like numpy)."/>
            <NumberField key="step" label="step" visible=data_is(DataKind::Arange) tip="Distance between neighbouring x."/>
            <NumberField key="n" label="points" visible=Signal::derive(move || lab.config.with(|c| c.data != DataKind::Arange)) tip="How many x to draw."/>
            <NumberField key="lo" label="low" visible=data_is(DataKind::Uniform) tip="Smallest x of the uniform draw."/>
            <NumberField key="hi" label="high" visible=data_is(DataKind::Uniform) tip="Largest x of the uniform draw."/>
            <NumberField key="train" label="training points" tip="The first points given to fit (x[:750]); the rest is the test part, never trained on."/>
            <NumberField key="vsplit" label="validation split" tip="Keras holds out the LAST part of the training points for validation, before shuffling."/>
            <NumberField key="noise" label="noise" tip="Standard deviation of random noise added to y = 2x."/>
            <ChoiceField key="xscale" label="scale x"
                tip="standard: subtract the mean, divide by the std, so x is near 1 instead of near 1000. This alone tames the huge gradient."/>
            <ChoiceField key="yscale" label="scale y"
                tip="Scale the targets too; the charts still show original units."/>
        </fieldset>
        <fieldset class="group" class:hidden=move || lab.hides("network")>
            <legend>"Network"</legend>
            <Layers/>
            <ChoiceField key="act" label="hidden activation"
                tip="relu outputs 0 for negative input and then passes no gradient: a unit can die. leaky_relu, prelu, elu and selu cannot die."/>
            <NumberField key="alpha" label="leaky slope" visible=uses_alpha
                tip="leaky_relu's slope below 0 (Keras 3's default 0.2)."/>
            <ChoiceField key="out" label="output activation"
                tip="A relu output can only predict values ≥ 0 and dies if its input is negative for every x. sigmoid stays between 0 and 1; softmax over one unit is always 1. Regression wants linear."/>
            <ChoiceField key="init" label="initial weights"
                tip="How the first weights are drawn (Keras' Dense uses glorot_uniform). rai (Lu et al. 2019) gives every unit one positive weight, against networks born dead."/>
            <NumberField key="bias" label="initial hidden bias" tip="Keras starts biases at 0. A small positive bias keeps more ReLUs alive at the start."/>
        </fieldset>
        <fieldset class="group" class:hidden=move || lab.hides("training")>
            <legend>"Training"</legend>
            <ChoiceField key="opt" label="optimizer"
                tip="sgd: step = learning rate × gradient. adam: each step has about the size of the learning rate, however large the gradient."/>
            <LearningRate/>
            <NumberField key="momentum" label="momentum" visible=uses_momentum tip="How much of the previous step is added to the next one."/>
            <NumberField key="decay" label="decay" tip="Old Keras decay: the learning rate shrinks as lr / (1 + decay × updates)."/>
            <NumberField key="batch" label="batch size" tip="Points per update. The loss Keras prints is measured on each batch before its update."/>
            <NumberField key="epochs" label="epochs" tip="Passes over the training points; the run stops there (press play to keep going)."/>
            <ChoiceField key="metric" label="metric"
                tip="accuracy counts exact hits: meaningless for y = 2x. mae is the mean distance to the target."/>
            <Seed/>
        </fieldset>
    }
}
