//! What each hidden unit does over the data's x range (one layer at a time, dead units grey), and
//! the dead units of each layer per epoch.

use super::{
    axis_labels_that_fit, decimate, format_axis, palette, xy_chart, Caption, ChartStyle,
    DrawResult, Legend, Sample, Side,
};
use crate::engine::config::Activation;
use crate::engine::net::activate;
use crate::engine::train::{first_layer_unit_dead, Trainer};
use crate::i18n;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One hidden unit as the units chart draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitCurve {
    /// Its pre-activation is ≤ 0 on every training input (relu only).
    pub dead: bool,
    /// (x, value) in original x units; the value is in y units for the last hidden layer.
    pub points: Vec<(f64, f64)>,
}

/// The data's x range, exactly: outside it a unit dead on the training inputs may come alive, which
/// would draw lines the network never uses.
fn x_range(trainer: &Trainer) -> (f64, f64) {
    match crate::engine::data::min_max(&trainer.data().x) {
        (low, high) if high > low => (low, high),
        (low, _) => (low - 1.0, low + 1.0),
    }
}

/// Where unit `unit` of the first hidden layer has its input w·x + b cross 0, in original x units
/// (its ReLU kink).
pub fn unit_kink(trainer: &Trainer, unit: usize) -> Option<f64> {
    let first = trainer.shape().layer(0);
    let parameters = trainer.inference_parameters();
    let (w, b) = (
        parameters[first.kernel.start + unit],
        parameters[first.bias.start + unit],
    );
    (w != 0.0)
        .then(|| trainer.data().x_scaler.invert(f64::from(-b / w)))
        .filter(|x| x.is_finite())
}

/// Which units of `layer` are dead on the training inputs.
fn dead_units(trainer: &Trainer, layer: usize) -> Vec<bool> {
    let shape = trainer.shape();
    let width = shape.width(layer);
    if !trainer.config().hidden_activation.can_die() {
        return vec![false; width];
    }
    if layer == 0 {
        let data = trainer.data();
        let range = data.x_scaled[data.fit.clone()]
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &x| {
                (lo.min(x), hi.max(x))
            });
        let first = shape.layer(0);
        let parameters = trainer.inference_parameters();
        return (0..width)
            .map(|j| {
                let (w, b) = (
                    parameters[first.kernel.start + j],
                    parameters[first.bias.start + j],
                );
                first_layer_unit_dead(w, b, range)
            })
            .collect();
    }
    let largest = trainer.largest_pre_activations();
    largest[shape.units(layer)]
        .iter()
        .map(|&z| z <= 0.0)
        .collect()
}

/// The curves of hidden layer `layer`: for the last hidden layer, what each unit adds to the output
/// (v·f(z), in y units); for earlier layers, each unit's output f(z).
pub fn unit_curves(trainer: &Trainer, layer: usize) -> Vec<UnitCurve> {
    let shape = trainer.shape();
    let layer = layer.min(shape.depth() - 1);
    let last = layer + 1 == shape.depth();
    let data = trainer.data();
    let parameters = trainer.inference_parameters();
    let output = shape.output();
    let y_scale = data.y_scaler.scale;
    let scale_of = |unit: usize| {
        if last {
            f64::from(parameters[output.kernel.start + unit]) * y_scale
        } else {
            1.0
        }
    };
    let (x_low, x_high) = x_range(trainer);
    let dead = dead_units(trainer, layer);
    let activation = trainer.config().hidden_activation;
    let piecewise_linear = matches!(
        activation,
        Activation::Relu | Activation::LeakyRelu | Activation::Prelu | Activation::Linear
    );
    if layer == 0 && piecewise_linear {
        // A first-layer unit is a line with at most one kink: its ends and its kink draw it exactly.
        let first = shape.layer(0);
        let slopes = trainer.unit_slopes();
        return (0..shape.width(0))
            .map(|unit| {
                let mut xs = vec![x_low, x_high];
                if let Some(kink) = unit_kink(trainer, unit).filter(|k| *k > x_low && *k < x_high) {
                    xs.insert(1, kink);
                }
                let (w, b) = (
                    parameters[first.kernel.start + unit],
                    parameters[first.bias.start + unit],
                );
                let points = xs
                    .into_iter()
                    .map(|x| {
                        let z = w * data.x_scaler.apply(x) as f32 + b;
                        let value = f64::from(activate(activation, z, slopes[unit]));
                        (x, value * scale_of(unit))
                    })
                    .filter(|p| p.1.is_finite())
                    .collect();
                UnitCurve {
                    dead: dead[unit],
                    points,
                }
            })
            .collect();
    }
    let units = shape.units(layer);
    let samples: Vec<(f64, Vec<f32>)> = (0..=48)
        .map(|i| x_low + (x_high - x_low) * f64::from(i) / 48.0)
        .map(|x| {
            let (_, values, _) = trainer.hidden_values(data.x_scaler.apply(x) as f32);
            (x, values[units.clone()].to_vec())
        })
        .collect();
    (0..units.len())
        .map(|unit| UnitCurve {
            dead: dead[unit],
            points: samples
                .iter()
                .map(|(x, values)| (*x, f64::from(values[unit]) * scale_of(unit)))
                .filter(|p| p.1.is_finite())
                .collect(),
        })
        .collect()
}

/// What each unit of hidden layer `layer` does over the x range, kinks marked, dead units grey; under
/// it each unit as a band across x (`draw_unit_band`: a dead unit is a dark row, so 128 dead units
/// are a dark block, not lines hidden on the zero line); and the dead units of every layer per epoch
/// in `history_area`.
pub fn draw_units<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    history_area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    layer: usize,
    style: ChartStyle,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let (_, height) = area.dim_in_pixel();
    let (curves_area, band_area) = area.split_vertically((f64::from(height) * 0.62).round() as u32);
    let area = &curves_area;
    let shape = trainer.shape();
    let depth = shape.depth();
    let layer = layer.min(depth - 1);
    let units = shape.width(layer);
    let activation = trainer.config().hidden_activation;
    let (x_low, x_high) = x_range(trainer);
    let mut curves = unit_curves(trainer, layer);
    let largest = curves
        .iter()
        .filter(|c| !c.dead)
        .flat_map(|c| c.points.iter().map(|p| p.1.abs()))
        .fold(0.0f64, f64::max);
    let y_limit = if largest > 0.0 { largest * 1.1 } else { 1.0 };
    // A dead unit can be huge outside the training range: clip, so plotters never maps ±1e30 to pixels.
    for curve in &mut curves {
        for point in curve.points.iter_mut() {
            point.1 = point.1.clamp(-3.0 * y_limit, 3.0 * y_limit);
        }
    }
    let dead = curves.iter().filter(|c| c.dead).count();
    let can_die = activation.can_die();
    let caption = match (depth, can_die) {
        (1, true) => style.fill(i18n::UNITS_CAPTION_DEAD, &[&dead, &units]),
        (1, false) => style.fill(i18n::UNITS_CAPTION, &[&units, &activation]),
        (_, true) => style.fill(
            i18n::LAYER_CAPTION_DEAD,
            &[&(layer + 1), &depth, &dead, &units],
        ),
        (_, false) => style.fill(
            i18n::LAYER_CAPTION,
            &[&(layer + 1), &depth, &units, &activation],
        ),
    };
    let y_desc = if layer + 1 == depth {
        format!("v·{activation}(z)")
    } else {
        format!("{activation}(z)")
    };
    let ranges = (x_low..x_high, -y_limit..y_limit);
    let mut chart = xy_chart(
        area,
        &caption,
        ranges,
        (trainer.config().axis_names().0, &y_desc),
        style,
    )?;
    let thin = style.px(1.2);
    // Dead first, so live units are drawn on top.
    for (colour, want_dead) in [(palette::DEAD_UNIT, true), (palette::LIVE_UNIT, false)] {
        for curve in curves.iter().filter(|c| c.dead == want_dead) {
            chart.draw_series(LineSeries::new(
                curve.points.iter().copied(),
                colour.stroke_width(thin),
            ))?;
        }
    }
    if can_die && layer == 0 {
        let radius = style.px(3.0) as i32;
        let kinks = curves.iter().enumerate().filter_map(|(u, curve)| {
            let kink = unit_kink(trainer, u).filter(|k| *k > x_low && *k < x_high)?;
            let colour = if curve.dead {
                palette::DEAD_UNIT
            } else {
                palette::LIVE_UNIT
            };
            Some(Circle::new((kink, 0.0), radius, colour.filled()))
        });
        chart.draw_series(kinks)?;
    }
    let dead: Vec<bool> = curves.iter().map(|c| c.dead).collect();
    draw_unit_band(&band_area, trainer, layer, &dead, style)?;
    draw_dead_history(history_area, trainer, style)
}

/// Where unit `unit` of `layer`'s input z is above 0 across the x range, as runs (x from, x to):
/// exact for a first layer of a piecewise linear activation (z is a line in x), else over 48
/// samples of x (`samples`: each x with every unit's z).
fn runs_on(
    samples: &[(f64, Vec<f32>)],
    unit: usize,
    line: Option<(f64, f64)>,
    (x_low, x_high): (f64, f64),
) -> Vec<(f64, f64)> {
    if let Some((at_low, at_high)) = line {
        // z is a line from `at_low` to `at_high`: above 0 on one side of its zero at most.
        return match (at_low > 0.0, at_high > 0.0) {
            (true, true) => vec![(x_low, x_high)],
            (false, false) => Vec::new(),
            (low_on, _) => {
                let zero = x_low + (x_high - x_low) * at_low / (at_low - at_high);
                vec![if low_on {
                    (x_low, zero)
                } else {
                    (zero, x_high)
                }]
            }
        };
    }
    let mut runs: Vec<(f64, f64)> = Vec::new();
    let step = (x_high - x_low) / (samples.len().max(2) - 1) as f64;
    for (x, z) in samples {
        if z[unit] > 0.0 {
            let (from, to) = (x - step / 2.0, x + step / 2.0);
            match runs.last_mut() {
                Some(last) if (last.1 - from).abs() < step * 1e-6 => last.1 = to,
                _ => runs.push((from, to)),
            }
        }
    }
    runs.into_iter()
        .map(|(a, b)| (a.max(x_low), b.min(x_high)))
        .collect()
}

/// Each unit of `layer` as one row across the x range: green where its input z is above 0 (the
/// unit passes it on), light grey where z ≤ 0 (it outputs 0 there), and the whole row dark where
/// the unit is dead (`dead`: z ≤ 0 on every training input). Neighbouring dead rows are one
/// rectangle, a live row one per stretch where it is on: a few hundred rectangles at most.
fn draw_unit_band<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    layer: usize,
    dead: &[bool],
    style: ChartStyle,
) -> DrawResult<DB> {
    let shape = trainer.shape();
    let units = shape.width(layer);
    let (x_low, x_high) = x_range(trainer);
    let caption = Caption::sized(area, style.tr(i18n::UNITS_BAND_CAPTION), style, 13.0);
    caption.draw(area)?;
    let mut chart = ChartBuilder::on(area)
        .margin(style.px(8.0))
        .margin_top(style.px(4.0) + caption.height())
        .x_label_area_size(style.px(6.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(x_low..x_high, 0.0..units as f64)?;
    let (_, plot_height) = chart.plotting_area().dim_in_pixel();
    let y_labels = axis_labels_that_fit(
        chart.as_coord_spec().y_spec(),
        (plot_height, Side::Up),
        style,
        |v| format_axis(*v),
    )
    .min(3);
    chart
        .configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_desc(style.tr(i18n::AXIS_UNIT))
        .y_labels(y_labels)
        .label_style(style.tick_font())
        .axis_desc_style(style.font(13.0))
        .y_label_formatter(&|v| format_axis(*v))
        .draw()?;
    // Off everywhere first; the live stretches and the dead rows over it.
    chart.draw_series([Rectangle::new(
        [(x_low, 0.0), (x_high, units as f64)],
        palette::UNIT_OFF.filled(),
    )])?;
    let activation = trainer.config().hidden_activation;
    let piecewise_linear = matches!(
        activation,
        Activation::Relu | Activation::LeakyRelu | Activation::Prelu | Activation::Linear
    );
    let data = trainer.data();
    let first = shape.layer(0);
    let parameters = trainer.inference_parameters();
    let samples: Vec<(f64, Vec<f32>)> = if layer == 0 && piecewise_linear {
        Vec::new()
    } else {
        let range = shape.units(layer);
        (0..=48)
            .map(|i| x_low + (x_high - x_low) * f64::from(i) / 48.0)
            .map(|x| {
                let (pre, _, _) = trainer.hidden_values(data.x_scaler.apply(x) as f32);
                (x, pre[range.clone()].to_vec())
            })
            .collect()
    };
    let mut stretches = Vec::new();
    let mut unit = 0;
    while unit < units {
        // Row `unit` from the top: the first unit at the top.
        let row = (units - 1 - unit) as f64;
        if dead.get(unit).copied().unwrap_or(false) {
            let mut last = unit;
            while last + 1 < units && dead.get(last + 1).copied().unwrap_or(false) {
                last += 1;
            }
            let bottom = (units - 1 - last) as f64;
            stretches.push(Rectangle::new(
                [(x_low, bottom), (x_high, row + 1.0)],
                palette::DEAD_COUNT.filled(),
            ));
            unit = last + 1;
            continue;
        }
        let line = (layer == 0 && piecewise_linear).then(|| {
            let (w, b) = (
                f64::from(parameters[first.kernel.start + unit]),
                f64::from(parameters[first.bias.start + unit]),
            );
            let z = |x: f64| w * data.x_scaler.apply(x) + b;
            (z(x_low), z(x_high))
        });
        for (from, to) in runs_on(&samples, unit, line, (x_low, x_high)) {
            stretches.push(Rectangle::new(
                [(from, row), (to, row + 1.0)],
                palette::LIVE_UNIT.filled(),
            ));
        }
        unit += 1;
    }
    chart.draw_series(stretches)?;
    Ok(())
}

/// Dead hidden units per epoch, one line per layer.
fn draw_dead_history<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    style: ChartStyle,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let shape = trainer.shape();
    let depth = shape.depth();
    let widest = (0..depth).map(|l| shape.width(l)).max().unwrap_or(1) as f64;
    let (width, _) = area.dim_in_pixel();
    let epochs = trainer
        .history()
        .last()
        .map_or(1, |s| s.epoch)
        .max(trainer.config().epochs)
        .max(1) as f64;
    // One line per layer, named beside the plot: the plot is a strip a few lines high, with no
    // corner free for a legend of a line per layer.
    let colour = |layer: usize| palette::LAYERS[layer % palette::LAYERS.len()];
    let caption = Caption::sized(area, style.tr(i18n::DEAD_PER_EPOCH), style, 13.0);
    let names: Vec<(String, Sample)> = (0..depth)
        .map(|layer| {
            let name = style.fill(i18n::LAYER_N, &[&(layer + 1)]);
            (name, Sample::Line(colour(layer)))
        })
        .collect();
    // The strip under the caption: the legend's columns fit its height, and it takes at most
    // half the strip's width (else the plot would have no room: then no legend, and the page's
    // layer tabs, underlined in each line's colour, name the lines).
    let (area_width, area_height) = area.dim_in_pixel();
    let below_caption = area_height.saturating_sub(style.px(6.0) + caption.height());
    let legend = Legend::beside_in(style, below_caption, &names);
    let room = (depth > 1)
        .then(|| legend.needed_room())
        .filter(|&room| room <= area_width / 2);
    caption.draw(area)?;
    let mut chart = ChartBuilder::on(area)
        .margin(style.px(6.0))
        .margin_top(style.px(6.0) + caption.height())
        // Room for the last epoch label's right half (or the legend beside the plot).
        .margin_right(
            room.map_or(super::last_label_room(style, epochs, 6.0), |room| {
                style.px(6.0) + room + super::legend_gap(style)
            }),
        )
        .x_label_area_size(style.px(26.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(0.0..epochs, 0.0..widest.max(1.0))?;
    let (plot_width, plot_height) = chart.plotting_area().dim_in_pixel();
    let spec = chart.as_coord_spec();
    let format = |v: &f64| format_axis(*v);
    let x_labels =
        axis_labels_that_fit(spec.x_spec(), (plot_width, Side::Across), style, format).min(5);
    let y_labels =
        axis_labels_that_fit(spec.y_spec(), (plot_height, Side::Up), style, format).min(3);
    chart
        .configure_mesh()
        .light_line_style(palette::GRID)
        .y_labels(y_labels)
        .x_labels(x_labels)
        .label_style(style.tick_font())
        .x_label_formatter(&|v| format_axis(*v))
        .y_label_formatter(&|v| format_axis(*v))
        .draw()?;
    let initial = trainer.initial().dead;
    for layer in 0..depth {
        let start = std::iter::once((
            0.0,
            initial.as_slice().get(layer).copied().unwrap_or(0) as f64,
        ));
        let points: Vec<(f64, f64)> = start
            .chain(trainer.history().iter().map(|s| {
                let count = s.dead_by_layer.as_slice().get(layer).copied().unwrap_or(0);
                (s.epoch as f64, f64::from(count))
            }))
            .collect();
        let points = decimate(&points, (width as usize / 2).max(10));
        chart.draw_series(LineSeries::new(
            points,
            colour(layer).stroke_width(style.px(2.5)),
        ))?;
    }
    if let Some(room) = room {
        let top = chart.plotting_area().get_base_pixel().1 - area.get_base_pixel().1;
        legend.draw_beside(area, room, top.max(0) as u32)?;
    }
    Ok(())
}
