//! Train and validation loss (or the metric) per epoch.

use super::{
    axis_labels_that_fit, centered, decimate, format_axis, format_log_axis, palette, pinned_style,
    Caption, ChartStyle, DrawResult, Legend, LegendPlace, LossView, Overlay, Sample, Side,
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
    /// Mid-epoch (after a rewind, or a step): the epoch so far as (its fraction of epochs, its
    /// running mean), and the updates made: the history up to this update ends there.
    now: Option<((f64, f64), u64)>,
}

/// The epoch under way, where the history stands between two epochs (a rewound run, a step): at
/// epoch `e + batch / batches` with the quantity's mean over its updates so far; `None` between
/// epochs or where the quantity is not a number.
fn epoch_so_far(trainer: &Trainer, view: LossView, metric: Metric) -> Option<((f64, f64), u64)> {
    let stats = trainer.running_stats()?;
    let value = match (view, metric) {
        (LossView::Loss, _) => stats.loss,
        (LossView::Metric, Metric::Mae) => stats.mae,
        (LossView::Metric, Metric::Accuracy) => stats.accuracy,
    };
    let batches = trainer.batches_per_epoch().max(1) as f64;
    let at = trainer.epoch() as f64 + trainer.batch_in_epoch() as f64 / batches;
    value
        .is_finite()
        .then_some(((at, value), trainer.iterations()))
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
        now: epoch_so_far(trainer, view, metric),
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
    let (width, height) = area.dim_in_pixel();
    let lines = loss_lines(trainer, pinned, view, width, style);
    let caption = Caption::new(area, &loss_caption(&lines, style), style);
    caption.draw(area)?;
    if !lines.log_axis {
        let builder = loss_builder(area, &lines, &caption, LegendPlace::OnPlot, style);
        return draw_accuracy(builder, &lines, trainer.history().is_empty(), style);
    }
    // Where the legend goes, from a chart laid out without room for it (nothing is drawn).
    let place = {
        let mut probe = loss_builder(area, &lines, &caption, LegendPlace::OnPlot, style);
        let (low, high) = log_range(&lines);
        let chart = probe.build_cartesian_2d(
            lines.x_range.clone(),
            (low.max(1e-12)..high.max(low * 10.0)).log_scale(),
        )?;
        let mut legend = Legend::new(&chart, style);
        name_lines(&mut legend, &lines, pinned, low.max(1e-12), style);
        legend.place(&chart, (width, height))
    };
    let builder = loss_builder(area, &lines, &caption, place, style);
    draw_on_log_axis(builder, &lines, trainer, pinned, (place, area), style)
}

/// The loss chart's frame under its `caption`, with room for its legend where `place` says and for
/// the learning rate's axis at the right where it is drawn.
fn loss_builder<'a, 'b, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    lines: &LossLines,
    caption: &Caption,
    place: LegendPlace,
    style: ChartStyle,
) -> ChartBuilder<'a, 'b, DB> {
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(style.px(8.0))
        .margin_top(style.px(8.0) + caption.height())
        .x_label_area_size(style.px(34.0))
        .y_label_area_size(style.px(64.0));
    // Room right of the plot for half of the last epoch's label, 8 px where it is short.
    let last_label = super::last_label_room(style, lines.x_range.end, 8.0);
    match place {
        LegendPlace::Beside(room) => {
            builder.margin_right(style.px(8.0) + room + super::legend_gap(style));
        }
        LegendPlace::Below(room, _) => {
            builder
                .margin_bottom(style.px(8.0) + room)
                .margin_right(last_label);
        }
        LegendPlace::OnPlot => {
            builder.margin_right(last_label);
        }
    }
    if !lines.rates.is_empty() {
        builder.right_y_label_area_size(style.px(64.0));
    }
    builder
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
        .chain(lines.now.iter().map(|(point, _)| point))
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
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
    DB: DrawingBackend,
{
    fn tick(epoch: &f64) -> String {
        epoch_label(*epoch)
    }
    let (width, height) = chart.plotting_area().dim_in_pixel();
    let spec = chart.as_coord_spec();
    let x_labels =
        axis_labels_that_fit(spec.x_spec(), (width, Side::Across), style, tick).min(lines.x_labels);
    let y_labels = axis_labels_that_fit(spec.y_spec(), (height, Side::Up), style, |v| {
        format_axis(*v)
    });
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(palette::GRID)
        .x_desc(style.tr(i18n::AXIS_EPOCH))
        .x_labels(x_labels)
        .y_labels(y_labels)
        .x_label_formatter(&tick)
        .label_style(style.tick_font());
    mesh
}

/// The loss (or MAE) on a log axis: the lines, the divergence, the learning rate and the legend
/// (where `place` says, in `area`).
fn draw_on_log_axis<DB: DrawingBackend>(
    mut builder: ChartBuilder<'_, '_, DB>,
    lines: &LossLines,
    trainer: &Trainer,
    pinned: &[Overlay],
    (place, area): (LegendPlace, &DrawingArea<DB, Shift>),
    style: ChartStyle,
) -> DrawResult<DB> {
    let (low, high) = log_range(lines);
    let floor = low.max(1e-12);
    let top = high.max(low * 10.0);
    let mut chart = builder.build_cartesian_2d(lines.x_range.clone(), (floor..top).log_scale())?;
    epoch_mesh(&mut chart, lines, style)
        .axis_desc_style(style.font(13.0))
        .y_label_formatter(&|v| format_log_axis(*v))
        .draw()?;
    let mut legend = match place {
        LegendPlace::Beside(room) => Legend::beside(style, room),
        LegendPlace::Below(_, layout) => Legend::below(
            style,
            super::legend::below_width(area.dim_in_pixel().0, style),
            layout,
        ),
        LegendPlace::OnPlot => Legend::new(&chart, style),
    };
    draw_log_lines(&mut chart, lines, pinned, floor, style)?;
    name_lines(&mut legend, lines, pinned, floor, style);
    if let Some((epoch, _)) = trainer.diverged() {
        mark_divergence(&mut chart, &mut legend, epoch, (floor, high), style)?;
    }
    if let Some(now) = lines.now {
        mark_epoch_so_far(&mut chart, &mut legend, now, floor, style)?;
    } else if trainer.history().is_empty() {
        invite_to_play(
            &mut chart,
            (lines.x_range.end / 2.0, (low * high).sqrt()),
            style,
        )?;
    }
    if lines.rates.is_empty() {
        return draw_legend(legend, &mut chart, (place, area));
    }
    draw_learning_rates(chart, legend, lines, (floor, top), (place, area), style)
}

/// Draws `legend` where `place` says: on `chart`'s plot, or in the room kept beside or under it.
fn draw_legend<'a, DB: DrawingBackend + 'a, Y: Ranged<ValueType = f64>>(
    legend: Legend,
    chart: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, Y>>,
    (place, area): (LegendPlace, &DrawingArea<DB, Shift>),
) -> DrawResult<DB> {
    match place {
        LegendPlace::Beside(room) => {
            let top = chart.plotting_area().get_base_pixel().1 - area.get_base_pixel().1;
            legend.draw_beside(area, room, top.max(0) as u32)
        }
        LegendPlace::Below(room, _) => legend.draw_below(area, room),
        LegendPlace::OnPlot => legend.draw(chart, SeriesLabelPosition::UpperRight),
    }
}

/// The train and validation lines, then each pinned run's dashed in its own colour; values under
/// the axis' `floor` drawn on it.
fn draw_log_lines<DB: DrawingBackend>(
    chart: &mut LogChart<'_, DB>,
    lines: &LossLines,
    pinned: &[Overlay],
    floor: f64,
    style: ChartStyle,
) -> DrawResult<DB> {
    let line_width = style.px(2.5);
    let clamp = |p: &(f64, f64)| (p.0, p.1.max(floor));
    for (points, colour) in [
        (&lines.train, palette::TRAIN),
        (&lines.validation, palette::VALIDATION),
    ] {
        chart.draw_series(LineSeries::new(
            points.iter().map(clamp),
            colour.stroke_width(line_width),
        ))?;
    }
    for (index, points) in lines.pinned.iter().take(pinned.len()).enumerate() {
        let (colour, dash, gap) = pinned_style(index, style);
        chart.draw_series(DashedLineSeries::new(
            points.iter().map(clamp),
            dash,
            gap,
            colour.stroke_width(line_width),
        ))?;
    }
    Ok(())
}

/// Names each line `draw_log_lines` draws in `legend`, which learns where it runs.
fn name_lines(
    legend: &mut Legend,
    lines: &LossLines,
    pinned: &[Overlay],
    floor: f64,
    style: ChartStyle,
) {
    let clamp = |p: &(f64, f64)| (p.0, p.1.max(floor));
    for (label, points, colour) in [
        (style.tr(i18n::LEGEND_TRAIN), &lines.train, palette::TRAIN),
        (
            style.tr(i18n::LEGEND_VALIDATION),
            &lines.validation,
            palette::VALIDATION,
        ),
    ] {
        legend.name(label, Sample::Line(colour));
        legend.line(points.iter().map(clamp));
    }
    for (index, (overlay, points)) in pinned.iter().zip(&lines.pinned).enumerate() {
        let (colour, _, _) = pinned_style(index, style);
        legend.name(&overlay.label, Sample::Line(colour));
        legend.line(points.iter().map(clamp));
    }
    if !lines.rates.is_empty() {
        // Named last, by `draw_learning_rates`; counted here so the legend's size is its own.
        legend.name(
            style.tr(i18n::CHART_LEARNING_RATE),
            Sample::Line(palette::LEARNING_RATE),
        );
    }
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

/// The epoch under way (`now`: where, and the updates made) as a dot joined to the last epoch's
/// point, named "update N" beside it: after a rewind the history stops at that update.
fn mark_epoch_so_far<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, Y>>,
    legend: &mut Legend,
    ((x, y), updates): ((f64, f64), u64),
    floor: f64,
    style: ChartStyle,
) -> DrawResult<DB> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let y = y.max(floor);
    chart.draw_series([Circle::new((x, y), style.px(5.0), palette::TRAIN.filled())])?;
    // Left of the dot past the middle of the axis, else right of it.
    let (start, end) = (chart.x_range().start, chart.x_range().end);
    let right = x < start + (end - start) / 2.0;
    let (anchor, nudge) = if right {
        (HPos::Left, style.px(9.0) as i32)
    } else {
        (HPos::Right, -(style.px(9.0) as i32))
    };
    let (px, py) = chart.backend_coord(&(x, y));
    let label = format!(
        "{}: {}",
        style.fill(i18n::LOSS_AT_UPDATE, &[&updates]),
        format_axis(y)
    );
    chart.plotting_area().strip_coord_spec().draw(&Text::new(
        label,
        (
            px + nudge - chart.plotting_area().get_base_pixel().0,
            py - chart.plotting_area().get_base_pixel().1,
        ),
        style.tick_font().pos(Pos::new(anchor, VPos::Center)),
    ))?;
    legend.line([(x, y)]);
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
    legend: Legend,
    lines: &LossLines,
    (floor, top): (f64, f64),
    (place, area): (LegendPlace, &DrawingArea<DB, Shift>),
    style: ChartStyle,
) -> DrawResult<DB> {
    let mut legend = legend;
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
        .label_style(style.tick_font())
        .axis_desc_style(style.font(13.0))
        .y_label_formatter(&|v| format_axis(*v))
        .draw()?;
    chart.draw_secondary_series(LineSeries::new(
        rates.iter().copied(),
        palette::LEARNING_RATE.stroke_width(style.px(1.5)),
    ))?;
    draw_legend(legend, &mut chart, (place, area))
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
