//! Train and validation loss (or the metric) per epoch.

use super::{
    centered, decimate, format_axis, palette, pinned_style, ChartStyle, DrawResult, Legend,
    LossView, Overlay, Sample,
};
use crate::engine::config::Metric;
use crate::engine::train::{EpochStats, Trainer};
use crate::i18n;
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
    let (low, high) = rates.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), p| {
        (lo.min(p.1), hi.max(p.1))
    });
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
    let history = trainer.history();
    let (width, _) = area.dim_in_pixel();
    let buckets = (width as usize / 2).max(10);
    let metric = trainer.config().metric;
    let (name, train, validation) = quantity(history, view, metric);
    let (train, validation) = (decimate(&train, buckets), decimate(&validation, buckets));
    let others: Vec<Vec<(f64, f64)>> = pinned
        .iter()
        .map(|o| decimate(&quantity(o.trainer.history(), view, metric).1, buckets))
        .collect();
    let last_epoch = std::iter::once(trainer)
        .chain(pinned.iter().map(|o| o.trainer))
        .map(|t| {
            t.history()
                .last()
                .map_or(0, |s| s.epoch)
                .max(t.config().epochs)
        })
        .max()
        .unwrap_or(1);
    let x_range = 0.0..(last_epoch as f64).max(1.0);
    let x_mid = x_range.end / 2.0;
    let values = train
        .iter()
        .chain(&validation)
        .chain(others.iter().flatten())
        .map(|p| p.1);
    let log_axis = view == LossView::Loss || metric == Metric::Mae;
    let caption = format!(
        "{}{}",
        style.fill(i18n::PER_EPOCH_CAPTION, &[&style.tr(name)]),
        if log_axis {
            style.tr(i18n::LOG_SCALE)
        } else {
            ""
        }
    );
    let rates = if view == LossView::Loss {
        decimate(&learning_rates(history), buckets)
    } else {
        Vec::new()
    };
    let mut builder = ChartBuilder::on(area);
    builder
        .caption(caption, style.font(15.0))
        .margin(style.px(8.0))
        .x_label_area_size(style.px(34.0))
        .y_label_area_size(style.px(64.0));
    if !rates.is_empty() {
        builder.right_y_label_area_size(style.px(64.0));
    }
    let line_width = style.px(2.5);
    let secondary_x = x_range.clone();
    if log_axis {
        let (low, high) = values
            .filter(|v| *v > 0.0)
            .fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        let (low, high) = if low.is_finite() {
            (low / 2.0, high * 2.0)
        } else {
            (1e-3, 1.0)
        };
        let mut chart = builder
            .build_cartesian_2d(x_range, (low.max(1e-12)..high.max(low * 10.0)).log_scale())?;
        chart
            .configure_mesh()
            .light_line_style(palette::GRID)
            .x_desc(style.tr(i18n::AXIS_EPOCH))
            .x_labels(style.ticks(width))
            .x_label_formatter(&|v| epoch_label(*v))
            .label_style(style.font(13.0))
            .axis_desc_style(style.font(13.0))
            .y_label_formatter(&|v| format_axis(*v))
            .draw()?;
        let floor = low.max(1e-12);
        let clamp = |p: &(f64, f64)| (p.0, p.1.max(floor));
        let mut legend = Legend::new(&chart, style);
        for (label, points, colour) in [
            (style.tr(i18n::LEGEND_TRAIN), &train, palette::TRAIN),
            (
                style.tr(i18n::LEGEND_VALIDATION),
                &validation,
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
        for (index, (overlay, points)) in pinned.iter().zip(&others).enumerate() {
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
        if let Some((epoch, _)) = trainer.diverged() {
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
        }
        if history.is_empty() {
            chart.draw_series([Text::new(
                style.tr(i18n::PRESS_PLAY_TO_TRAIN),
                (x_mid, (low * high).sqrt()),
                centered(style),
            )])?;
        }
        if rates.is_empty() {
            legend.draw(&mut chart, SeriesLabelPosition::UpperRight)?;
            return Ok(());
        }
        let (rate_low, rate_high) = rates.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
        // Where the rate's line lands, in the loss axis' coordinates (both axes are logarithmic),
        // so the legend keeps off it too.
        let (loss_low, loss_high) = (floor.ln(), high.max(low * 10.0).ln());
        let (rate_from, rate_to) = ((rate_low / 2.0).ln(), (rate_high * 2.0).ln());
        legend.line(rates.iter().map(|&(x, rate)| {
            let share = (rate.ln() - rate_from) / (rate_to - rate_from);
            (x, (loss_low + share * (loss_high - loss_low)).exp())
        }));
        let mut chart =
            chart.set_secondary_coord(secondary_x, (rate_low / 2.0..rate_high * 2.0).log_scale());
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
        legend.draw(&mut chart, SeriesLabelPosition::UpperRight)?;
    } else {
        let mut chart = builder.build_cartesian_2d(x_range, -0.02f64..1.02)?;
        chart
            .configure_mesh()
            .light_line_style(palette::GRID)
            .x_desc(style.tr(i18n::AXIS_EPOCH))
            .x_labels(style.ticks(width))
            .x_label_formatter(&|v| epoch_label(*v))
            .label_style(style.font(13.0))
            .draw()?;
        chart.draw_series(LineSeries::new(
            train.iter().copied(),
            palette::TRAIN.stroke_width(line_width),
        ))?;
        chart.draw_series(LineSeries::new(
            validation.iter().copied(),
            palette::VALIDATION.stroke_width(line_width),
        ))?;
        for (index, points) in others.iter().enumerate() {
            let (colour, dash, gap) = pinned_style(index, style);
            chart.draw_series(DashedLineSeries::new(
                points.iter().copied(),
                dash,
                gap,
                colour.stroke_width(line_width),
            ))?;
        }
        if history.is_empty() {
            chart.draw_series([Text::new(
                style.tr(i18n::PRESS_PLAY_TO_TRAIN),
                (x_mid, 0.5),
                centered(style),
            )])?;
        }
    }
    Ok(())
}
