//! The data in original units, the target line and the network's prediction.

use super::{
    palette, pinned_style, sample_rows, x_extent, xy_chart_over, ChartStyle, DrawResult, Legend,
    Overlay, Sample, XyChart,
};
use crate::engine::judge::Target;
use crate::engine::train::Trainer;
use crate::i18n;
use plotters::coord::Shift;
use plotters::prelude::*;

/// What of the fit chart to draw. While a run trains only the network's lines move: the page keeps
/// the `Background` (up to 1,800 points, axes, target line) as an image and draws the `Lines` over
/// it each frame. `Background` then `Lines` gives the pixels of `Whole`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FitLayer {
    Whole,
    /// Everything that stays while the run trains: background, caption, axes, data, target.
    Background,
    /// The network's prediction and the pinned runs', and the legend, over a drawn background.
    Lines,
}

/// The data in original units (train / validation / test in distinct colours), the target line and
/// the network's current prediction.
pub fn draw_fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    pinned: &[Overlay],
    style: ChartStyle,
) -> DrawResult<DB> {
    let beside = fit_legend_room(area, trainer, pinned, style)?;
    draw_fit_layer(area, trainer, pinned, style, FitLayer::Whole, beside)
}

/// What both layers of the fit chart draw alike: its ranges, the data's parts and the target.
struct Scene<'a> {
    x: (f64, f64),
    y: (f64, f64),
    caption: &'a str,
    /// Each part of the data (name, rows, colour).
    parts: [(&'a str, std::ops::Range<usize>, RGBColor); 3],
    /// The target as drawn (`Target::curve`, kept within a chart's height of the plot): pieces of
    /// a line or curve; none for own points, which are their own target.
    target: Vec<Vec<(f64, f64)>>,
    target_words: String,
}

/// Samples of a formula's curve across the fit chart: dense enough that a kink or a wave of the
/// seed's formulas reads as one at any chart width (a line needs only its ends).
pub const TARGET_SAMPLES: usize = 480;

fn scene(trainer: &Trainer, style: ChartStyle) -> Scene<'static> {
    let data = trainer.data();
    let (x_low, x_high) = x_extent(trainer);
    let (y_low, y_high) = crate::engine::data::min_max(&data.y);
    let y_pad = ((y_high - y_low) * 0.08).max(1e-6);
    let target = Target::of(trainer.config());
    let (y_low, y_high) = (y_low - y_pad, y_high + y_pad);
    let span = y_high - y_low;
    let curve = target
        .curve((x_low, x_high), TARGET_SAMPLES)
        .into_iter()
        .map(|piece| {
            piece
                .into_iter()
                .map(|(x, y)| (x, y.clamp(y_low - span, y_high + span)))
                .collect()
        })
        .collect();
    Scene {
        x: (x_low, x_high),
        y: (y_low, y_high),
        caption: style.tr(
            if trainer.config().data == crate::engine::config::DataKind::Own {
                i18n::FIT_CAPTION_OWN
            } else {
                i18n::FIT_CAPTION
            },
        ),
        parts: [
            (
                style.tr(i18n::LEGEND_TRAIN),
                data.fit.clone(),
                palette::TRAIN,
            ),
            (
                style.tr(i18n::LEGEND_VALIDATION),
                data.validation.clone(),
                palette::VALIDATION,
            ),
            (
                style.tr(i18n::LEGEND_TEST),
                data.test.clone(),
                palette::TEST,
            ),
        ],
        target: curve,
        target_words: i18n::LEGEND_TARGET.fill(style.language, &[&target.words(style.language)]),
    }
}

/// The room (device pixels) the fit chart keeps right of its plot for the legend, or `None` where
/// the legend goes on the plot. A wide, low chart beside a rising line (classroom mode on a 768 px
/// high projector) has no place on its plot free of the data for five rows of legend. Decided from
/// what both layers share (the data, the target, every label; not the network's and the pinned
/// runs' lines, which only the lines layer draws), so both lay the chart out alike: the page decides
/// once with the background it keeps (per run, size and labels) and hands it to each frame's lines.
pub fn fit_legend_room<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    pinned: &[Overlay],
    style: ChartStyle,
) -> Result<Option<u32>, DrawingAreaErrorKind<DB::ErrorType>> {
    let scene = scene(trainer, style);
    let data = trainer.data();
    let chart = xy_chart_over(
        area,
        scene.caption,
        (scene.x.0..scene.x.1, scene.y.0..scene.y.1),
        trainer.config().axis_names(),
        style,
        super::Frame::Unseen,
        0,
    )?;
    let mut legend = Legend::new(&chart, style);
    for (name, rows, colour) in &scene.parts {
        if !rows.is_empty() {
            legend.name(name, Sample::Dot(*colour));
            legend.dots(sample_rows(rows.clone(), 600).map(|row| (data.x[row], data.y[row])));
        }
    }
    if !scene.target.is_empty() {
        legend.name(&scene.target_words, Sample::Line(palette::TARGET));
        for piece in &scene.target {
            legend.line(piece.iter().copied());
        }
    }
    for overlay in pinned {
        legend.name(&overlay.label, Sample::Line(palette::PREDICTION));
    }
    legend.name(
        style.tr(i18n::LEGEND_NETWORK),
        Sample::Line(palette::PREDICTION),
    );
    Ok(legend.room_beside(&chart, area.dim_in_pixel().0))
}

/// One layer of `draw_fit` (see `FitLayer`), its legend beside the plot in `beside` device pixels
/// if `fit_legend_room` said so.
pub fn draw_fit_layer<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    pinned: &[Overlay],
    style: ChartStyle,
    layer: FitLayer,
    beside: Option<u32>,
) -> DrawResult<DB> {
    let background = layer != FitLayer::Lines;
    if background {
        area.fill(&WHITE)?;
    }
    let scene = scene(trainer, style);
    let mut chart = xy_chart_over(
        area,
        scene.caption,
        (scene.x.0..scene.x.1, scene.y.0..scene.y.1),
        trainer.config().axis_names(),
        style,
        if background {
            super::Frame::Drawn
        } else {
            super::Frame::Unseen
        },
        beside.unwrap_or(0),
    )?;
    // The legend learns every series, drawn in this layer or not, so both layers place it alike.
    let mut legend = match beside {
        Some(room) => Legend::beside(style, room),
        None => Legend::new(&chart, style),
    };
    draw_data_and_target(&mut chart, &mut legend, trainer, &scene, background, style)?;
    if layer == FitLayer::Background {
        return Ok(());
    }
    draw_predictions(&mut chart, &mut legend, trainer, pinned, &scene, style)?;
    match beside {
        Some(room) => {
            let top = chart.plotting_area().get_base_pixel().1 - area.get_base_pixel().1;
            legend.draw_beside(area, room, top.max(0) as u32)
        }
        None => legend.draw(&mut chart, SeriesLabelPosition::UpperLeft),
    }
}

/// The data's parts as dots (up to 600 each) and the target's dashed line, each named in the
/// legend; `drawn` false (the lines layer) names them only, so its legend lists every series in
/// the order of the whole chart.
fn draw_data_and_target<DB: DrawingBackend>(
    chart: &mut XyChart<'_, DB>,
    legend: &mut Legend,
    trainer: &Trainer,
    scene: &Scene,
    drawn: bool,
    style: ChartStyle,
) -> DrawResult<DB> {
    let shown = |count: usize| if drawn { count } else { 0 };
    let data = trainer.data();
    let radius = style.px(2.5) as i32;
    for (name, rows, colour) in &scene.parts {
        if rows.is_empty() {
            continue;
        }
        legend.dots(sample_rows(rows.clone(), 600).map(|row| (data.x[row], data.y[row])));
        chart.draw_series(
            sample_rows(rows.clone(), 600)
                .take(shown(usize::MAX))
                .map(|row| Circle::new((data.x[row], data.y[row]), radius, colour.filled())),
        )?;
        legend.name(name, Sample::Dot(*colour));
    }
    if scene.target.is_empty() {
        return Ok(());
    }
    for piece in &scene.target {
        legend.line(piece.iter().copied());
        chart.draw_series(DashedLineSeries::new(
            piece.iter().copied().take(shown(piece.len())),
            style.px(8.0),
            style.px(5.0),
            palette::TARGET.stroke_width(style.px(1.5)),
        ))?;
    }
    legend.name(&scene.target_words, Sample::Line(palette::TARGET));
    Ok(())
}

/// Each pinned run's prediction dashed in its own colour, then the network's, each named in the
/// legend.
fn draw_predictions<DB: DrawingBackend>(
    chart: &mut XyChart<'_, DB>,
    legend: &mut Legend,
    trainer: &Trainer,
    pinned: &[Overlay],
    scene: &Scene,
    style: ChartStyle,
) -> DrawResult<DB> {
    for (index, overlay) in pinned.iter().enumerate() {
        let (colour, dash, gap) = pinned_style(index, style);
        let points = prediction(overlay.trainer, scene);
        legend.line(points.iter().copied());
        chart.draw_series(DashedLineSeries::new(
            points,
            dash,
            gap,
            colour.stroke_width(style.px(2.5)),
        ))?;
        legend.name(&overlay.label, Sample::Line(colour));
    }
    let points = prediction(trainer, scene);
    legend.line(points.iter().copied());
    chart.draw_series(LineSeries::new(
        points,
        palette::PREDICTION.stroke_width(style.px(3.0)),
    ))?;
    legend.name(
        style.tr(i18n::LEGEND_NETWORK),
        Sample::Line(palette::PREDICTION),
    );
    Ok(())
}

/// `run`'s prediction at 241 points across the chart, kept within a chart's height of it.
fn prediction(run: &Trainer, scene: &Scene) -> Vec<(f64, f64)> {
    let samples = 240;
    let ((x_low, x_high), (y_low, y_high)) = (scene.x, scene.y);
    (0..=samples)
        .map(|i| x_low + (x_high - x_low) * i as f64 / samples as f64)
        .map(|x| (x, run.predict(x)))
        .filter(|(_, y)| y.is_finite())
        // Keep the line inside the chart so a huge prediction is drawn clipped, not as garbage.
        .map(|(x, y)| {
            (
                x,
                y.clamp(y_low - (y_high - y_low), y_high + (y_high - y_low)),
            )
        })
        .collect()
}
