//! The widgets. Each is bound to one `Config` key: it shows `config.get(key)` and writes through
//! `Lab::set(key, text)`, the same parser the share link uses, so a widget can never hold a value the
//! link could not. `data-testid` is the key's name.

use super::Lab;
use crate::engine::config::{
    Activation, Choice, DataKind, Init, Metric, OptimizerKind, OutputActivation, Preset, XScale,
    YScale, MAX_HIDDEN,
};
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

/// A number typed in a box; applied when the box is left or Enter is pressed.
#[component]
fn NumberField(
    key: &'static str,
    label: &'static str,
    tip: &'static str,
    #[prop(optional)] step: Option<&'static str>,
    #[prop(optional, into)] visible: Option<Signal<bool>>,
) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let hidden = move || visible.is_some_and(|v| !v.get());
    view! {
        <label class="field" class:hidden=hidden title=tip>
            <span>{label}</span>
            <input type="number" step=step.unwrap_or("any") data-testid=test_id(key)
                prop:value=value_of(lab, key)
                on:change=move |ev| lab.set(key, &event_target_value(&ev))/>
        </label>
    }
}

/// One of a closed set of names (the `ALL` list of a config enum).
#[component]
fn ChoiceField(
    key: &'static str,
    label: &'static str,
    tip: &'static str,
    options: Vec<&'static str>,
    #[prop(optional, into)] visible: Option<Signal<bool>>,
) -> impl IntoView {
    let lab = expect_context::<Lab>();
    let current = value_of(lab, key);
    let hidden = move || visible.is_some_and(|v| !v.get());
    view! {
        <label class="field" class:hidden=hidden title=tip>
            <span>{label}</span>
            <select data-testid=key on:change=move |ev| lab.set(key, &event_target_value(&ev))>
                {options.into_iter().map(|name| view! {
                    <option value=name prop:selected=move || current() == name>{name}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

fn names<T: Choice>() -> Vec<&'static str> {
    T::all().iter().map(|choice| choice.name()).collect()
}

/// Hidden units: a slider 1–1024 and a box to type the exact number.
#[component]
fn HiddenUnits() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let value = value_of(lab, "hidden");
    view! {
        <label class="field slider" title="How many ReLU units the hidden layer has. More units: more kinks the line can bend at, and a bigger push on the output in each update.">
            <span>"hidden units"</span>
            <input type="range" min="1" max=MAX_HIDDEN.to_string() step="1" aria-label="hidden units slider"
                prop:value=value on:input=move |ev| lab.set("hidden", &event_target_value(&ev))/>
            <input type="number" min="1" max=MAX_HIDDEN.to_string() step="1" data-testid="hidden"
                prop:value=value on:change=move |ev| lab.set("hidden", &event_target_value(&ev))/>
        </label>
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
            <ChoiceField key="data" label="inputs x" options={names::<DataKind>()}
                tip="arange: evenly spaced x like np.arange(1, 1000). randn: x drawn from a normal distribution around 0."/>
            <NumberField key="start" label="start" visible=data_is(DataKind::Arange) tip="First x of arange."/>
            <NumberField key="stop" label="stop" visible=data_is(DataKind::Arange) tip="arange stops before this x (like numpy)."/>
            <NumberField key="step" label="step" visible=data_is(DataKind::Arange) tip="Distance between neighbouring x."/>
            <NumberField key="n" label="points" step="1" visible=Signal::derive(move || lab.config.with(|c| c.data != DataKind::Arange)) tip="How many x to draw."/>
            <NumberField key="lo" label="low" visible=data_is(DataKind::Uniform) tip="Smallest x of the uniform draw."/>
            <NumberField key="hi" label="high" visible=data_is(DataKind::Uniform) tip="Largest x of the uniform draw."/>
            <NumberField key="train" label="training points" step="1" tip="The first points given to fit (x[:750]); the rest is the test part, never trained on."/>
            <NumberField key="vsplit" label="validation split" tip="Keras holds out the LAST part of the training points for validation, before shuffling."/>
            <NumberField key="noise" label="noise" tip="Standard deviation of random noise added to y = 2x."/>
            <ChoiceField key="xscale" label="scale x" options={names::<XScale>()}
                tip="standard: subtract the mean, divide by the std, so x is near 1 instead of near 1000. This alone tames the huge gradient."/>
            <ChoiceField key="yscale" label="scale y" options={names::<YScale>()}
                tip="Scale the targets too; the charts still show original units."/>
        </fieldset>
        <fieldset class="group" class:hidden=move || lab.hides("network")>
            <legend>"Network"</legend>
            <HiddenUnits/>
            <ChoiceField key="act" label="hidden activation" options={names::<Activation>()}
                tip="relu outputs 0 for negative input and then passes no gradient: a unit can die. leaky_relu and elu cannot die."/>
            <ChoiceField key="out" label="output activation" options={names::<OutputActivation>()}
                tip="A relu output can only predict values ≥ 0 and dies if its input is negative for every x. Regression wants linear."/>
            <ChoiceField key="init" label="initial weights" options={names::<Init>()}
                tip="How the first weights are drawn (Keras' Dense uses glorot_uniform)."/>
            <NumberField key="bias" label="initial hidden bias" tip="Keras starts biases at 0. A small positive bias keeps more ReLUs alive at the start."/>
        </fieldset>
        <fieldset class="group" class:hidden=move || lab.hides("training")>
            <legend>"Training"</legend>
            <ChoiceField key="opt" label="optimizer" options={names::<OptimizerKind>()}
                tip="sgd: step = learning rate × gradient. adam: each step has about the size of the learning rate, however large the gradient."/>
            <LearningRate/>
            <NumberField key="momentum" label="momentum" visible=uses_momentum tip="How much of the previous step is added to the next one."/>
            <NumberField key="decay" label="decay" tip="Old Keras decay: the learning rate shrinks as lr / (1 + decay × updates)."/>
            <NumberField key="batch" label="batch size" step="1" tip="Points per update. The loss Keras prints is measured on each batch before its update."/>
            <NumberField key="epochs" label="epochs" step="1" tip="Passes over the training points; the run stops there (press play to keep going)."/>
            <ChoiceField key="metric" label="metric" options={names::<Metric>()}
                tip="accuracy counts exact hits: meaningless for y = 2x. mae is the mean distance to the target."/>
            <Seed/>
        </fieldset>
    }
}
