//! Train and validation loss (or the metric) per epoch.

use super::{
    centered, decimate, format_axis, palette, pinned_style, ChartStyle, DrawResult, Legend,
    LossView, Overlay, Sample,
};
use crate::engine::config::Metric;
use crate::engine::train::{EpochStats, Trainer};
use crate::i18n;
use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

fn series(history: &[EpochStats], value: impl Fn(&EpochStats) -> Option<f64>) -> Vec<(f64, f64)> {
    history
        .iter()
        .filter_map(|s| {
            value(s)
                .filter(|v| v.is_finite())
                .map(|v| (s.epoch as f64, v))
        })
        .collect()
}

/// Points of a line: (epoch, value).
type Series = Vec<(f64, f64)>;

/// The learning rate of each epoch (its last update's), when it changes over the run (a schedule,
/// the legacy decay): what the loss chart draws on its second axis. Empty when it stays put.
fn learning_rates(history: &[EpochStats]) -> Series {
    let rates = series(history, |s| Some(s.learning_rate).filter(|&lr| lr > 0.0));
    let (low, high) = extent(rates.iter().map(|p| p.1));
    // A change under 1% (the standardized program's decay of 1e-6) would be a flat line.
    if rates.len() >= 2 && high > low * 1.01 {
        rates
    } else {
        Vec::new()
    }
}

/// The quantity `view` shows of a history: its name, train and validation series.
fn quantity(
    history: &[EpochStats],
    view: LossView,
    metric: Metric,
) -> (i18n::Text, Series, Series) {
    match (view, metric) {
        (LossView::Loss, _) => (
            i18n::LOSS_MSE,
            series(history, |s| Some(s.loss)),
            series(history, |s| s.val_loss),
        ),
        (LossView::Metric, Metric::Mae) => (
            i18n::METRIC_MAE,
            series(history, |s| Some(s.mae)),
            series(history, |s| s.val_mae),
        ),
        (LossView::Metric, Metric::Accuracy) => (
            i18n::METRIC_ACCURACY,
            series(history, |s| Some(s.accuracy)),
            series(history, |s| s.val_accuracy),
        ),
    }
}

/// An epoch on the axis: whole below a thousand, then short (20k, 1.5M) so labels stay apart.
fn epoch_label(epoch: f64) -> String {
    if epoch.abs() < 1000.0 {
        format!("{epoch:.0}")
    } else {
        format_axis(epoch)
    }
}

/// What the loss chart draws at its width: each line decimated to it, and the epochs axis.
struct LossLines {
    /// The quantity's name (loss, MAE or accuracy).
    name: i18n::Text,
    train: Series,
    validation: Series,
    /// Each pinned run's training line, in the order of the pins.
    pinned: Vec<Series>,
    /// The learning rate per epoch where it changes over the run (loss view only), else empty.
    rates: Series,
    /// The epochs axis: up to the last epoch of any run, trained or configured.
    x_range: std::ops::Range<f64>,
    /// How many epoch labels the axis holds without their texts touching.
    x_labels: usize,
    /// Loss and MAE on a log axis; accuracy, a share, on a linear one.
    log_axis: bool,
}

/// What the chart `width` pixels wide draws: about one point per two pixels on each line.
fn loss_lines(
    trainer: &Trainer,
    pinned: &[Overlay],
    view: LossView,
    width: u32,
    style: ChartStyle,
) -> LossLines {
    let history = trainer.history();
    let buckets = (width as usize / 2).max(10);
    let metric = trainer.config().metric;
    let (name, train, validation) = quantity(history, view, metric);
    // Runs whose y is scaled differently share no unit of loss: then every line is drawn in y's
    // own units (a y-scaled loss of 0.01 is not 481,200 times better than the question's).
    let own_units = pinned
        .iter()
        .any(|o| o.trainer.data().y_scaler != trainer.data().y_scaler);
    let in_units = |run: &Trainer, line: Series| -> Series {
        let scale = run.data().y_scaler.scale;
        let factor = match (own_units, view, metric) {
            (false, _, _) | (true, LossView::Metric, Metric::Accuracy) => return line,
            (true, LossView::Loss, _) => scale * scale,
            (true, LossView::Metric, Metric::Mae) => scale,
        };
        line.into_iter().map(|(x, y)| (x, y * factor)).collect()
    };
    let (train, validation) = (in_units(trainer, train), in_units(trainer, validation));
    let name = match (own_units, view, metric) {
        (true, LossView::Loss, _) => i18n::LOSS_IN_Y_UNITS,
        (true, LossView::Metric, Metric::Mae) => i18n::MAE_IN_Y_UNITS,
        _ => name,
    };
    let rates = if view == LossView::Loss {
        decimate(&learning_rates(history), buckets)
    } else {
        Vec::new()
    };
    LossLines {
        name,
        train: decimate(&train, buckets),
        validation: decimate(&validation, buckets),
        pinned: pinned
            .iter()
            .map(|o| {
                let line = quantity(o.trainer.history(), view, metric).1;
                decimate(&in_units(o.trainer, line), buckets)
            })
            .collect(),
        rates,
        x_range: 0.0..(last_epoch(trainer, pinned) as f64).max(1.0),
        x_labels: style.ticks(width),
        log_axis: view == LossView::Loss || metric == Metric::Mae,
    }
}

/// The last epoch of the current and the pinned runs, trained or configured: where the axis ends.
fn last_epoch(trainer: &Trainer, pinned: &[Overlay]) -> usize {
    std::iter::once(trainer)
        .chain(pinned.iter().map(|o| o.trainer))
        .map(|t| {
            t.history()
                .last()
                .map_or(0, |s| s.epoch)
                .max(t.config().epochs)
        })
        .max()
        .unwrap_or(1)
}

/// The smallest and largest of `values` (∞ and 0 where there is none).
fn extent(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

/// "<quantity> per epoch", and "(log scale)" where the axis is logarithmic.
fn loss_caption(lines: &LossLines, style: ChartStyle) -> String {
    format!(
        "{}{}",
        style.fill(i18n::PER_EPOCH_CAPTION, &[&style.tr(lines.name)]),
        if lines.log_axis {
            style.tr(i18n::LOG_SCALE)
        } else {
            ""
        }
    )
}

/// Train and validation loss per epoch on a log axis (or the metric), divergence marked; each pinned
/// run's training line dashed in its own colour; the learning rate as a thin line on a second log axis
/// when it changes over the run.
pub fn draw_loss<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    pinned: &[Overlay],
    view: LossView,
    style: ChartStyle,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let (width, _) = area.dim_in_pixel();
    let lines = loss_lines(trainer, pinned, view, width, style);
    let mut builder = ChartBuilder::on(area);
    builder
        .caption(loss_caption(&lines, style), style.font(15.0))
        .margin(style.px(8.0))
        .x_label_area_size(style.px(34.0))
        .y_label_area_size(style.px(64.0));
    if !lines.rates.is_empty() {
        builder.right_y_label_area_size(style.px(64.0));
    }
    if lines.log_axis {
        draw_on_log_axis(builder, &lines, trainer, pinned, style)
    } else {
        draw_accuracy(builder, &lines, trainer.history().is_empty(), style)
    }
}

/// The loss chart with a logarithmic y axis.
type LogChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, LogCoord<f64>>>;

/// The log axis' ends before they are kept apart (at least 10⁻¹² and a decade between them): half
/// the smallest positive value of any line and twice the largest, or 10⁻³ and 1 where none is.
fn log_range(lines: &LossLines) -> (f64, f64) {
    let values = lines
        .train
        .iter()
        .chain(&lines.validation)
        .chain(lines.pinned.iter().flatten())
        .map(|p| p.1)
        .filter(|v| *v > 0.0);
    let (low, high) = extent(values);
    if low.is_finite() {
        (low / 2.0, high * 2.0)
    } else {
        (1e-3, 1.0)
    }
}

/// The grid and epoch axis both views of the loss chart draw.
fn epoch_mesh<'a, 'b, Y, DB>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, Y>>,
    lines: &LossLines,
    style: ChartStyle,
) -> MeshStyle<'a, 'b, RangedCoordf64, Y, DB>
where
    Y: Ranged + ValueFormatter<Y::ValueType>,
    DB: DrawingBackend,
{
    fn tick(epoch: &f64) -> String {
        epoch_label(*epoch)
    }
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(palette::GRID)
        .x_desc(style.tr(i18n::AXIS_EPOCH))
        .x_labels(lines.x_labels)
        .x_label_formatter(&tick)
        .label_style(style.font(13.0));
    mesh
}

/// The loss (or MAE) on a log axis: the lines, the divergence, the learning rate and the legend.
fn draw_on_log_axis<DB: DrawingBackend>(
    mut builder: ChartBuilder<'_, '_, DB>,
    lines: &LossLines,
    trainer: &Trainer,
    pinned: &[Overlay],
    style: ChartStyle,
) -> DrawResult<DB> {
    let (low, high) = log_range(lines);
    let floor = low.max(1e-12);
    let top = high.max(low * 10.0);
    let mut chart = builder.build_cartesian_2d(lines.x_range.clone(), (floor..top).log_scale())?;
    epoch_mesh(&mut chart, lines, style)
        .axis_desc_style(style.font(13.0))
        .y_label_formatter(&|v| format_axis(*v))
        .draw()?;
    let mut legend = Legend::new(&chart, style);
    draw_log_lines(&mut chart, &mut legend, lines, pinned, floor, style)?;
    if let Some((epoch, _)) = trainer.diverged() {
        mark_divergence(&mut chart, &mut legend, epoch, (floor, high), style)?;
    }
    if trainer.history().is_empty() {
        invite_to_play(
            &mut chart,
            (lines.x_range.end / 2.0, (low * high).sqrt()),
            style,
        )?;
    }
    if lines.rates.is_empty() {
        return legend.draw(&mut chart, SeriesLabelPosition::UpperRight);
    }
    draw_learning_rates(chart, legend, lines, (floor, top), style)
}

/// The train and validation lines, then each pinned run's dashed in its own colour, each named in
/// the legend; values under the axis' `floor` drawn on it.
fn draw_log_lines<DB: DrawingBackend>(
    chart: &mut LogChart<'_, DB>,
    legend: &mut Legend,
    lines: &LossLines,
    pinned: &[Overlay],
    floor: f64,
    style: ChartStyle,
) -> DrawResult<DB> {
    let line_width = style.px(2.5);
    let clamp = |p: &(f64, f64)| (p.0, p.1.max(floor));
    for (label, points, colour) in [
        (style.tr(i18n::LEGEND_TRAIN), &lines.train, palette::TRAIN),
        (
            style.tr(i18n::LEGEND_VALIDATION),
            &lines.validation,
            palette::VALIDATION,
        ),
    ] {
        chart.draw_series(LineSeries::new(
            points.iter().map(clamp),
            colour.stroke_width(line_width),
        ))?;
        legend.name(label, Sample::Line(colour));
        legend.line(points.iter().map(clamp));
    }
    for (index, (overlay, points)) in pinned.iter().zip(&lines.pinned).enumerate() {
        let (colour, dash, gap) = pinned_style(index, style);
        chart.draw_series(DashedLineSeries::new(
            points.iter().map(clamp),
            dash,
            gap,
            colour.stroke_width(line_width),
        ))?;
        legend.name(&overlay.label, Sample::Line(colour));
        legend.line(points.iter().map(clamp));
    }
    Ok(())
}

/// A red line across the axis (`floor` to `high`) at the epoch the run diverged, with its words.
fn mark_divergence<DB: DrawingBackend>(
    chart: &mut LogChart<'_, DB>,
    legend: &mut Legend,
    epoch: usize,
    (floor, high): (f64, f64),
    style: ChartStyle,
) -> DrawResult<DB> {
    let x = epoch as f64;
    chart.draw_series(LineSeries::new(
        [(x, floor), (x, high)],
        palette::DIVERGED.stroke_width(style.px(2.0)),
    ))?;
    chart.draw_series([Text::new(
        style.fill(i18n::DIVERGED_AT, &[&epoch]),
        (x, high / 1.5),
        style.font(14.0).color(&palette::DIVERGED),
    )])?;
    legend.line([(x, floor), (x, high)]);
    Ok(())
}

/// "Press play to train" at `at`, on a chart with no epoch yet.
fn invite_to_play<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, Y>>,
    at: (f64, f64),
    style: ChartStyle,
) -> DrawResult<DB> {
    chart.draw_series([Text::new(
        style.tr(i18n::PRESS_PLAY_TO_TRAIN),
        at,
        centered(style),
    )])?;
    Ok(())
}

/// The learning rate as a thin line on a second log axis at the right, named in the legend, which
/// it then draws, keeping off this line too (the loss axis runs from `floor` to `top`).
fn draw_learning_rates<'a, DB: DrawingBackend + 'a>(
    chart: LogChart<'a, DB>,
    mut legend: Legend,
    lines: &LossLines,
    (floor, top): (f64, f64),
    style: ChartStyle,
) -> DrawResult<DB> {
    let rates = &lines.rates;
    let (rate_low, rate_high) = extent(rates.iter().map(|p| p.1));
    // Where the rate's line lands, in the loss axis' coordinates (both axes are logarithmic),
    // so the legend keeps off it too.
    let (loss_low, loss_high) = (floor.ln(), top.ln());
    let (rate_from, rate_to) = ((rate_low / 2.0).ln(), (rate_high * 2.0).ln());
    legend.line(rates.iter().map(|&(x, rate)| {
        let share = (rate.ln() - rate_from) / (rate_to - rate_from);
        (x, (loss_low + share * (loss_high - loss_low)).exp())
    }));
    let mut chart = chart.set_secondary_coord(
        lines.x_range.clone(),
        (rate_low / 2.0..rate_high * 2.0).log_scale(),
    );
    chart
        .configure_secondary_axes()
        .y_desc(style.tr(i18n::CHART_LEARNING_RATE))
        .label_style(style.font(13.0))
        .axis_desc_style(style.font(13.0))
        .y_label_formatter(&|v| format_axis(*v))
        .draw()?;
    let label = style.tr(i18n::CHART_LEARNING_RATE);
    chart.draw_secondary_series(LineSeries::new(
        rates.iter().copied(),
        palette::LEARNING_RATE.stroke_width(style.px(1.5)),
    ))?;
    legend.name(label, Sample::Line(palette::LEARNING_RATE));
    legend.draw(&mut chart, SeriesLabelPosition::UpperRight)
}

/// Accuracy, a share, on a linear axis from 0 to 1: the lines without a legend.
fn draw_accuracy<DB: DrawingBackend>(
    mut builder: ChartBuilder<'_, '_, DB>,
    lines: &LossLines,
    no_epoch_yet: bool,
    style: ChartStyle,
) -> DrawResult<DB> {
    let mut chart = builder.build_cartesian_2d(lines.x_range.clone(), -0.02f64..1.02)?;
    epoch_mesh(&mut chart, lines, style).draw()?;
    let line_width = style.px(2.5);
    chart.draw_series(LineSeries::new(
        lines.train.iter().copied(),
        palette::TRAIN.stroke_width(line_width),
    ))?;
    chart.draw_series(LineSeries::new(
        lines.validation.iter().copied(),
        palette::VALIDATION.stroke_width(line_width),
    ))?;
    for (index, points) in lines.pinned.iter().enumerate() {
        let (colour, dash, gap) = pinned_style(index, style);
        chart.draw_series(DashedLineSeries::new(
            points.iter().copied(),
            dash,
            gap,
            colour.stroke_width(line_width),
        ))?;
    }
    if no_epoch_yet {
        invite_to_play(&mut chart, (lines.x_range.end / 2.0, 0.5), style)?;
    }
    Ok(())
}
