//! The data in original units, the target (a line, a formula's curve, or none for own points) and
//! the network's prediction.

use super::{
    palette, pinned_style, sample_rows, x_extent, xy_chart_over, ChartStyle, DrawResult, Legend,
    LegendPlace, Overlay, Sample, XyChart,
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

/// The data in original units (train / validation / test in distinct colours), the target and
/// the network's current prediction.
pub fn draw_fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    pinned: &[Overlay],
    style: ChartStyle,
) -> DrawResult<DB> {
    let place = fit_legend_room(area, trainer, pinned, style)?;
    draw_fit_layer(area, trainer, pinned, style, FitLayer::Whole, place)
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
    let y_pad = if data.floors.is_constant() {
        // A target the same everywhere (f=3) has no span to pad: half its size either side (1
        // where it is 0), so a run the judge calls a fit reads as a flat line on it, and the
        // axis' labels differ.
        let size = y_low.abs().max(y_high.abs());
        if size > 0.0 {
            0.5 * size
        } else {
            1.0
        }
    } else {
        ((y_high - y_low) * 0.08).max(1e-6)
    };
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
        caption: style.tr(caption(trainer.config())),
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

/// Where the fit chart's legend goes (`Legend::place`): on the plot, or in room kept beside or under
/// it. A wide, low chart beside a rising line has no place on its plot free of the data for five
/// rows of legend; four pinned runs with long names make it taller still. Decided from
/// what both layers share (the data, the target, every label; not the network's and the pinned
/// runs' lines, which only the lines layer draws), so both lay the chart out alike: the page decides
/// once with the background it keeps (per run, size and labels) and hands it to each frame's lines.
pub fn fit_legend_room<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    pinned: &[Overlay],
    style: ChartStyle,
) -> Result<LegendPlace, DrawingAreaErrorKind<DB::ErrorType>> {
    let scene = scene(trainer, style);
    let data = trainer.data();
    let chart = xy_chart_over(
        area,
        scene.caption,
        (scene.x.0..scene.x.1, scene.y.0..scene.y.1),
        trainer.config().axis_names(),
        style,
        super::Frame::Unseen,
        LegendPlace::OnPlot,
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
    Ok(legend.place(&chart, area.dim_in_pixel()))
}

/// One layer of `draw_fit` (see `FitLayer`), its legend where `fit_legend_room` said.
pub fn draw_fit_layer<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    pinned: &[Overlay],
    style: ChartStyle,
    layer: FitLayer,
    place: LegendPlace,
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
        place,
    )?;
    // The legend learns every series, drawn in this layer or not, so both layers place it alike.
    let mut legend = match place {
        LegendPlace::Beside(room) => Legend::beside(style, room),
        LegendPlace::Below(_, layout) => Legend::below(
            style,
            super::legend::below_width(area.dim_in_pixel().0, style),
            layout,
        ),
        LegendPlace::OnPlot => Legend::new(&chart, style),
    };
    draw_data_and_target(&mut chart, &mut legend, trainer, &scene, background, style)?;
    if layer == FitLayer::Background {
        return Ok(());
    }
    draw_predictions(&mut chart, &mut legend, trainer, pinned, &scene, style)?;
    match place {
        LegendPlace::Beside(room) => {
            let top = chart.plotting_area().get_base_pixel().1 - area.get_base_pixel().1;
            legend.draw_beside(area, room, top.max(0) as u32)
        }
        LegendPlace::Below(room, _) => legend.draw_below(area, room),
        LegendPlace::OnPlot => legend.draw(&mut chart, SeriesLabelPosition::UpperLeft),
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
    // Where each line leaves the plot, marked once every line is drawn (the marks over them).
    let mut off_scale = Vec::with_capacity(pinned.len() + 1);
    for (index, overlay) in pinned.iter().enumerate() {
        let (colour, dash, gap) = pinned_style(index, style);
        let raw = predicted(overlay.trainer, scene);
        let points = kept_in_chart(&raw, scene);
        off_scale.push((raw, colour));
        legend.line(points.iter().copied());
        chart.draw_series(DashedLineSeries::new(
            points,
            dash,
            gap,
            colour.stroke_width(style.px(2.5)),
        ))?;
        legend.name(&overlay.label, Sample::Line(colour));
    }
    let raw = predicted(trainer, scene);
    let points = kept_in_chart(&raw, scene);
    off_scale.push((raw, palette::PREDICTION));
    legend.line(points.iter().copied());
    chart.draw_series(LineSeries::new(
        points,
        palette::PREDICTION.stroke_width(style.px(3.0)),
    ))?;
    for (raw, colour) in &off_scale {
        mark_off_scale(chart, raw, scene, *colour, style)?;
    }
    legend.name(
        style.tr(i18n::LEGEND_NETWORK),
        Sample::Line(palette::PREDICTION),
    );
    Ok(())
}

/// `run`'s prediction at 241 points across the chart (those that are numbers).
fn predicted(run: &Trainer, scene: &Scene) -> Vec<(f64, f64)> {
    let samples = 240;
    let (x_low, x_high) = scene.x;
    (0..=samples)
        .map(|i| x_low + (x_high - x_low) * i as f64 / samples as f64)
        .map(|x| (x, run.predict(x)))
        .filter(|(_, y)| y.is_finite())
        .collect()
}

/// A prediction kept within a chart's height of the chart, so a huge one is drawn clipped, not as
/// garbage.
fn kept_in_chart(points: &[(f64, f64)], scene: &Scene) -> Vec<(f64, f64)> {
    let (y_low, y_high) = scene.y;
    let span = y_high - y_low;
    points
        .iter()
        .map(|&(x, y)| (x, y.clamp(y_low - span, y_high + span)))
        .collect()
}

/// The fit chart's caption, which its canvas's screen-reader label reads too: own points have no
/// target drawn.
pub fn caption(config: &crate::engine::Config) -> i18n::Text {
    if config.data == crate::engine::config::DataKind::Own {
        i18n::FIT_CAPTION_OWN
    } else {
        i18n::FIT_CAPTION
    }
}

/// `value` to three significant digits: an off-scale mark reads like the axes (7.83e9, not
/// 7.82603e9).
fn three_digits(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let unit = 10f64.powi(value.abs().log10().floor() as i32 - 2);
    (value / unit).round() * unit
}

/// Where a prediction (`points`) leaves the plot (above its top or below its bottom), a triangle on
/// that edge in the line's colour pointing the way it went, and the farthest value it reaches
/// there, so a line off the chart is not read as a line on its border.
fn mark_off_scale<DB: DrawingBackend>(
    chart: &mut XyChart<'_, DB>,
    points: &[(f64, f64)],
    scene: &Scene,
    colour: RGBColor,
    style: ChartStyle,
) -> DrawResult<DB> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let (y_low, y_high) = scene.y;
    let values = points.iter().copied();
    let (mut above, mut below) = (None::<(f64, f64)>, None::<(f64, f64)>);
    for (x, y) in values {
        if y > y_high && above.is_none_or(|(_, top)| y > top) {
            above = Some((x, y));
        }
        if y < y_low && below.is_none_or(|(_, bottom)| y < bottom) {
            below = Some((x, y));
        }
    }
    let size = f64::from(style.px(7.0));
    let plot = chart.plotting_area().strip_coord_spec();
    let base = chart.plotting_area().get_base_pixel();
    for (mark, up) in [(above, true), (below, false)] {
        let Some((x, value)) = mark else {
            continue;
        };
        let edge = if up { y_high } else { y_low };
        let (px, py) = chart.backend_coord(&(x, edge));
        let (px, py) = (f64::from(px - base.0), f64::from(py - base.1));
        // The triangle's tip at the edge, its base inside the plot (clear of the axis' line).
        let inset = (size / 3.0).max(2.0);
        let (tip, foot) = if up {
            (py + inset, py + inset + size)
        } else {
            (py - inset, py - inset - size)
        };
        let triangle = [
            (px.round() as i32, tip.round() as i32),
            ((px - size * 0.7).round() as i32, foot.round() as i32),
            ((px + size * 0.7).round() as i32, foot.round() as i32),
        ];
        plot.draw(&Polygon::new(triangle, colour.filled()))?;
        let (width, _) = plot.dim_in_pixel();
        // Beside the triangle, toward the plot's middle.
        let (anchor, dx) = if px < f64::from(width) / 2.0 {
            (HPos::Left, size)
        } else {
            (HPos::Right, -size)
        };
        let text = format!(
            "{} {}",
            if up { "↑" } else { "↓" },
            super::format_axis(three_digits(value))
        );
        let at = (
            (px + dx).round() as i32,
            ((tip + foot) / 2.0).round() as i32,
        );
        let font = style
            .tick_font()
            .color(&colour)
            .pos(Pos::new(anchor, VPos::Center));
        // On a white ground: the number stays readable where it crosses a line (the target's end).
        if let Some((width, height)) = super::measured::text_size(&font, &text) {
            let (width, half) = (width as i32, height as i32 / 2 + 1);
            let left = if matches!(anchor, HPos::Left) {
                at.0
            } else {
                at.0 - width
            };
            plot.draw(&Rectangle::new(
                [(left - 2, at.1 - half), (left + width + 2, at.1 + half)],
                WHITE.filled(),
            ))?;
        }
        plot.draw(&Text::new(text, at, font))?;
    }
    Ok(())
}
