//! The lab's charts as functions of a `Trainer`, drawn onto any plotters backend: the page's canvas
//! and a native test backend use the same code.
//!
//! Sizes are in device pixels: `ChartStyle::scale` is the canvas' devicePixelRatio (times any
//! classroom zoom), so text and lines stay the same physical size and sharp on a projector.

use crate::engine::config::{Activation, Metric, OutputActivation};
use crate::engine::net;
use crate::engine::train::{EpochStats, Trainer};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
/// A pixel position on the backend.
type BackendCoord = (i32, i32);
use plotters::prelude::*;

/// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
pub mod palette {
    use plotters::style::RGBColor;
    pub const TRAIN: RGBColor = RGBColor(0, 114, 178);
    pub const VALIDATION: RGBColor = RGBColor(230, 159, 0);
    pub const TEST: RGBColor = RGBColor(204, 121, 167);
    pub const PREDICTION: RGBColor = RGBColor(213, 94, 0);
    pub const TARGET: RGBColor = RGBColor(30, 30, 30);
    pub const LIVE_UNIT: RGBColor = RGBColor(0, 158, 115);
    pub const DEAD_UNIT: RGBColor = RGBColor(175, 175, 175);
    pub const DEAD_COUNT: RGBColor = RGBColor(90, 90, 90);
    pub const DIVERGED: RGBColor = RGBColor(200, 0, 0);
    pub const GRID: RGBColor = RGBColor(225, 225, 225);
    pub const TEXT: RGBColor = RGBColor(20, 20, 20);
}

/// What the loss chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LossView {
    #[default]
    Loss,
    /// The configured metric (MAE or accuracy).
    Metric,
}

/// Device-pixel sizes of the charts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartStyle {
    /// devicePixelRatio × zoom.
    pub scale: f64,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle { scale: 1.0 }
    }
}

impl ChartStyle {
    fn px(&self, css_pixels: f64) -> u32 {
        (css_pixels * self.scale).round().max(1.0) as u32
    }
    fn font(&self, css_pixels: f64) -> TextStyle<'static> {
        ("sans-serif", css_pixels * self.scale)
            .into_font()
            .color(&palette::TEXT)
    }
}

/// Result of drawing on backend `DB`.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// At most `buckets` points that keep each bucket's first, smallest and largest value, so a 10⁵-epoch
/// history draws in a few milliseconds and spikes stay visible.
pub fn decimate(points: &[(f64, f64)], buckets: usize) -> Vec<(f64, f64)> {
    if points.len() <= buckets.max(1) * 3 {
        return points.to_vec();
    }
    let per_bucket = points.len().div_ceil(buckets.max(1));
    let mut out = Vec::with_capacity(buckets * 3);
    for chunk in points.chunks(per_bucket) {
        let low = chunk
            .iter()
            .copied()
            .fold(chunk[0], |a, b| if b.1 < a.1 { b } else { a });
        let high = chunk
            .iter()
            .copied()
            .fold(chunk[0], |a, b| if b.1 > a.1 { b } else { a });
        let mut picks = [chunk[0], low, high];
        picks.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (i, p) in picks.iter().enumerate() {
            if i == 0 || picks[i - 1] != *p {
                out.push(*p);
            }
        }
    }
    out
}

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

/// Train and validation loss per epoch on a log axis (or the metric), divergence marked.
pub fn draw_loss<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    view: LossView,
    style: ChartStyle,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let history = &trainer.history;
    let (width, _) = area.dim_in_pixel();
    let buckets = (width as usize / 2).max(10);
    let metric = trainer.config.metric;
    let (name, train, validation) = match (view, metric) {
        (LossView::Loss, _) => (
            "loss (MSE)",
            series(history, |s| Some(s.loss)),
            series(history, |s| s.val_loss),
        ),
        (LossView::Metric, Metric::Mae) => (
            "MAE",
            series(history, |s| Some(s.mae)),
            series(history, |s| s.val_mae),
        ),
        (LossView::Metric, Metric::Accuracy) => (
            "accuracy",
            series(history, |s| Some(s.accuracy)),
            series(history, |s| s.val_accuracy),
        ),
    };
    let (train, validation) = (decimate(&train, buckets), decimate(&validation, buckets));
    let last_epoch = history
        .last()
        .map_or(0, |s| s.epoch)
        .max(trainer.config.epochs);
    let x_range = 0.0..(last_epoch as f64).max(1.0);
    let x_mid = x_range.end / 2.0;
    let values = train.iter().chain(&validation).map(|p| p.1);
    let log_axis = view == LossView::Loss || metric == Metric::Mae;
    let caption = format!(
        "{name} per epoch{}",
        if log_axis { " (log scale)" } else { "" }
    );
    let mut builder = ChartBuilder::on(area);
    builder
        .caption(caption, style.font(15.0))
        .margin(style.px(8.0))
        .x_label_area_size(style.px(34.0))
        .y_label_area_size(style.px(64.0));
    let line_width = style.px(2.5);
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
            .x_desc("epoch")
            .x_label_formatter(&|v| format!("{v:.0}"))
            .label_style(style.font(13.0))
            .axis_desc_style(style.font(13.0))
            .y_label_formatter(&|v| format_axis(*v))
            .draw()?;
        let floor = low.max(1e-12);
        let clamp = |p: &(f64, f64)| (p.0, p.1.max(floor));
        for (label, points, colour) in [
            ("train", &train, palette::TRAIN),
            ("validation", &validation, palette::VALIDATION),
        ] {
            chart
                .draw_series(LineSeries::new(
                    points.iter().map(clamp),
                    colour.stroke_width(line_width),
                ))?
                .label(label)
                .legend(legend_line(colour, style));
        }
        if let Some((epoch, _)) = trainer.diverged {
            let x = epoch as f64;
            chart.draw_series(LineSeries::new(
                [(x, floor), (x, high)],
                palette::DIVERGED.stroke_width(style.px(2.0)),
            ))?;
            chart.draw_series([Text::new(
                format!("diverged at epoch {epoch}"),
                (x, high / 1.5),
                style.font(14.0).color(&palette::DIVERGED),
            )])?;
        }
        draw_legend(&mut chart, SeriesLabelPosition::UpperRight, style)?;
        if history.is_empty() {
            chart.draw_series([Text::new(
                "press play to train",
                (x_mid, (low * high).sqrt()),
                centered(style),
            )])?;
        }
    } else {
        let mut chart = builder.build_cartesian_2d(x_range, -0.02f64..1.02)?;
        chart
            .configure_mesh()
            .light_line_style(palette::GRID)
            .x_desc("epoch")
            .x_label_formatter(&|v| format!("{v:.0}"))
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
        if history.is_empty() {
            chart.draw_series([Text::new(
                "press play to train",
                (x_mid, 0.5),
                centered(style),
            )])?;
        }
    }
    Ok(())
}

/// A chart with f64 axes.
type XyChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A chart over x in original units with its caption, axes and grid: the fit and units charts.
fn xy_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    caption: &str,
    (x_range, y_range): (std::ops::Range<f64>, std::ops::Range<f64>),
    (x_desc, y_desc): (&str, &str),
    style: ChartStyle,
) -> Result<XyChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(area)
        .caption(caption, style.font(15.0))
        .margin(style.px(8.0))
        .x_label_area_size(style.px(34.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(x_range, y_range)?;
    chart
        .configure_mesh()
        .light_line_style(palette::GRID)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .label_style(style.font(13.0))
        .axis_desc_style(style.font(13.0))
        .x_label_formatter(&|v| format_axis(*v))
        .y_label_formatter(&|v| format_axis(*v))
        .draw()?;
    Ok(chart)
}

/// The series legend, on a translucent box so lines behind it stay visible.
fn draw_legend<'a, DB: DrawingBackend + 'a, X: Ranged, Y: Ranged>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    position: SeriesLabelPosition,
    style: ChartStyle,
) -> DrawResult<DB> {
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.85))
        .border_style(palette::GRID)
        .label_font(style.font(13.0))
        // Room for the sample line, scaled like it, so labels never overlap it at 2×.
        .legend_area_size(style.px(28.0))
        .position(position)
        .draw()
}

/// A legend sample line, sized for the device like the series it names.
fn legend_line(
    colour: RGBColor,
    style: ChartStyle,
) -> impl Fn(BackendCoord) -> PathElement<BackendCoord> {
    move |(x, y)| {
        PathElement::new(
            [(x, y), (x + style.px(20.0) as i32, y)],
            colour.stroke_width(style.px(3.0)),
        )
    }
}

fn centered(style: ChartStyle) -> TextStyle<'static> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    style.font(16.0).pos(Pos::new(HPos::Center, VPos::Center))
}

/// Axis numbers: 1.2e6 rather than 1200000.
fn format_axis(value: f64) -> String {
    let magnitude = value.abs();
    // Ticks computed as 0 ± rounding error (−1e-16) read as 0.
    if magnitude < 1e-9 {
        "0".into()
    } else if !(1e-3..1e5).contains(&magnitude) {
        format!("{value:.0e}")
    } else if magnitude >= 10.0 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.3}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Every `stride`-th row of a range, so 10⁵ points draw as at most `most`.
fn sample_rows(rows: std::ops::Range<usize>, most: usize) -> impl Iterator<Item = usize> {
    let stride = rows.len().div_ceil(most.max(1)).max(1);
    rows.step_by(stride)
}

/// x range covering all the data, padded.
fn x_extent(trainer: &Trainer) -> (f64, f64) {
    let (low, high) = crate::engine::data::min_max(&trainer.data.x);
    let pad = ((high - low) * 0.03).max(1e-6);
    (low - pad, high + pad)
}

/// The data in original units (train / validation / test in distinct colours), the target line and
/// the network's current prediction.
pub fn draw_fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    style: ChartStyle,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let data = &trainer.data;
    let (x_low, x_high) = x_extent(trainer);
    let (y_low, y_high) = crate::engine::data::min_max(&data.y);
    let y_pad = ((y_high - y_low) * 0.08).max(1e-6);
    let (y_low, y_high) = (y_low - y_pad, y_high + y_pad);
    let caption = "data, target and the network's prediction";
    let mut chart = xy_chart(
        area,
        caption,
        (x_low..x_high, y_low..y_high),
        ("x", "y"),
        style,
    )?;
    let radius = style.px(2.5) as i32;
    let parts = [
        ("train", data.fit.clone(), palette::TRAIN),
        ("validation", data.validation.clone(), palette::VALIDATION),
        ("test", data.test.clone(), palette::TEST),
    ];
    for (name, rows, colour) in parts {
        if rows.is_empty() {
            continue;
        }
        chart
            .draw_series(
                sample_rows(rows, 600)
                    .map(|row| Circle::new((data.x[row], data.y[row]), radius, colour.filled())),
            )?
            .label(name)
            .legend(move |(x, y)| {
                Circle::new(
                    (x + style.px(10.0) as i32, y),
                    style.px(5.0),
                    colour.filled(),
                )
            });
    }
    let config = &trainer.config;
    let target = |x: f64| config.slope * x + config.intercept;
    chart
        .draw_series(DashedLineSeries::new(
            [(x_low, target(x_low)), (x_high, target(x_high))],
            style.px(8.0),
            style.px(5.0),
            palette::TARGET.stroke_width(style.px(1.5)),
        ))?
        .label(format!(
            "target y = {}x{}",
            config.slope,
            intercept_text(config.intercept)
        ))
        .legend(legend_line(palette::TARGET, style));
    let samples = 240;
    let prediction: Vec<(f64, f64)> = (0..=samples)
        .map(|i| x_low + (x_high - x_low) * i as f64 / samples as f64)
        .map(|x| (x, trainer.predict(x)))
        .filter(|(_, y)| y.is_finite())
        // Keep the line inside the chart so a huge prediction is drawn clipped, not as garbage.
        .map(|(x, y)| {
            (
                x,
                y.clamp(y_low - (y_high - y_low), y_high + (y_high - y_low)),
            )
        })
        .collect();
    chart
        .draw_series(LineSeries::new(
            prediction,
            palette::PREDICTION.stroke_width(style.px(3.0)),
        ))?
        .label("network")
        .legend(legend_line(palette::PREDICTION, style));
    draw_legend(&mut chart, SeriesLabelPosition::UpperLeft, style)?;
    Ok(())
}

fn intercept_text(intercept: f64) -> String {
    if intercept == 0.0 {
        String::new()
    } else if intercept > 0.0 {
        format!(" + {intercept}")
    } else {
        format!(" − {}", -intercept)
    }
}

/// One hidden unit's contribution to the output, v_j·f(w_j·x + b_j), in original y units.
pub fn unit_contribution(trainer: &Trainer, unit: usize, x: f64) -> f64 {
    let layers = net::layers(&trainer.weights.parameters, trainer.config.hidden_units);
    let scaled = trainer.data.x_scaler.apply(x) as f32;
    let z = layers.hidden_weights[unit] * scaled + layers.hidden_biases[unit];
    let value = layers.output_weights[unit] * net::activate(trainer.config.hidden_activation, z);
    f64::from(value) * trainer.data.y_scaler.scale
}

/// Where unit `unit`'s input w·x + b crosses 0, in original x units (its ReLU kink).
pub fn unit_kink(trainer: &Trainer, unit: usize) -> Option<f64> {
    let layers = net::layers(&trainer.weights.parameters, trainer.config.hidden_units);
    let (w, b) = (layers.hidden_weights[unit], layers.hidden_biases[unit]);
    (w != 0.0)
        .then(|| trainer.data.x_scaler.invert(f64::from(-b / w)))
        .filter(|x| x.is_finite())
}

/// What each hidden unit adds to the output over the x range, kinks marked, dead units grey; and the
/// dead-unit count per epoch in `history_area`.
pub fn draw_units<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    history_area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    style: ChartStyle,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let units = trainer.config.hidden_units;
    // Exactly the data's range: outside it a unit dead on the training inputs may come alive, which
    // would draw lines the network never uses.
    let (x_low, x_high) = match crate::engine::data::min_max(&trainer.data.x) {
        (low, high) if high > low => (low, high),
        (low, _) => (low - 1.0, low + 1.0),
    };
    let relu_like = trainer.config.hidden_activation == Activation::Relu;
    // Piecewise-linear units need only their ends and kink; smooth ones get a curve.
    let curve = |unit: usize| -> Vec<(f64, f64)> {
        let mut xs: Vec<f64> = if matches!(
            trainer.config.hidden_activation,
            Activation::Relu | Activation::LeakyRelu | Activation::Linear
        ) {
            vec![x_low, x_high]
        } else {
            (0..=48)
                .map(|i| x_low + (x_high - x_low) * f64::from(i) / 48.0)
                .collect()
        };
        if let Some(kink) = unit_kink(trainer, unit).filter(|k| *k > x_low && *k < x_high) {
            xs.push(kink);
            xs.sort_by(f64::total_cmp);
        }
        xs.into_iter()
            .map(|x| (x, unit_contribution(trainer, unit, x)))
            .filter(|p| p.1.is_finite())
            .collect()
    };
    let mut curves: Vec<(bool, Vec<(f64, f64)>)> = (0..units)
        .map(|u| (trainer.unit_is_dead(u), curve(u)))
        .collect();
    let largest = curves
        .iter()
        .filter(|(dead, _)| !dead)
        .flat_map(|(_, points)| points.iter().map(|p| p.1.abs()))
        .fold(0.0f64, f64::max);
    let y_limit = if largest > 0.0 { largest * 1.1 } else { 1.0 };
    // A dead unit can be huge outside the training range: clip, so plotters never maps ±1e30 to pixels.
    for (_, points) in &mut curves {
        for point in points.iter_mut() {
            point.1 = point.1.clamp(-3.0 * y_limit, 3.0 * y_limit);
        }
    }
    let dead = trainer.dead_hidden();
    let caption = if relu_like {
        format!("hidden units: {dead} of {units} dead (grey)")
    } else {
        format!(
            "hidden units ({units}, {})",
            trainer.config.hidden_activation
        )
    };
    let ranges = (x_low..x_high, -y_limit..y_limit);
    let mut chart = xy_chart(area, &caption, ranges, ("x", "v·relu(w·x + b)"), style)?;
    let thin = style.px(1.2);
    // Dead first, so live units are drawn on top.
    for (_, points) in curves.iter().filter(|c| c.0) {
        chart.draw_series(LineSeries::new(
            points.iter().copied(),
            palette::DEAD_UNIT.stroke_width(thin),
        ))?;
    }
    for (_, points) in curves.iter().filter(|c| !c.0) {
        chart.draw_series(LineSeries::new(
            points.iter().copied(),
            palette::LIVE_UNIT.stroke_width(thin),
        ))?;
    }
    if relu_like {
        let radius = style.px(3.0) as i32;
        let kinks = (0..units).filter_map(|u| {
            let kink = unit_kink(trainer, u).filter(|k| *k > x_low && *k < x_high)?;
            let colour = if trainer.unit_is_dead(u) {
                palette::DEAD_UNIT
            } else {
                palette::LIVE_UNIT
            };
            Some(Circle::new((kink, 0.0), radius, colour.filled()))
        });
        chart.draw_series(kinks)?;
    }
    draw_dead_history(history_area, trainer, style)
}

/// Dead hidden units per epoch.
fn draw_dead_history<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    trainer: &Trainer,
    style: ChartStyle,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let units = trainer.config.hidden_units as f64;
    let start = std::iter::once((0.0, trainer.initial_dead_hidden as f64));
    let points: Vec<(f64, f64)> = start
        .chain(
            trainer
                .history
                .iter()
                .map(|s| (s.epoch as f64, s.dead_hidden as f64)),
        )
        .collect();
    let (width, _) = area.dim_in_pixel();
    let points = decimate(&points, (width as usize / 2).max(10));
    let epochs = trainer
        .history
        .last()
        .map_or(1, |s| s.epoch)
        .max(trainer.config.epochs)
        .max(1) as f64;
    let mut chart = ChartBuilder::on(area)
        .caption("dead units per epoch", style.font(13.0))
        .margin(style.px(6.0))
        .x_label_area_size(style.px(26.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(0.0..epochs, 0.0..units.max(1.0))?;
    chart
        .configure_mesh()
        .light_line_style(palette::GRID)
        .y_labels(3)
        .x_labels(5)
        .label_style(style.font(12.0))
        .x_label_formatter(&|v| format_axis(*v))
        .y_label_formatter(&|v| format_axis(*v))
        .draw()?;
    chart.draw_series(LineSeries::new(
        points,
        palette::DEAD_COUNT.stroke_width(style.px(2.5)),
    ))?;
    Ok(())
}

/// Whether the output unit is a ReLU (the charts and banner say "output ReLU" only then).
pub fn has_relu_output(trainer: &Trainer) -> bool {
    trainer.config.output_activation == OutputActivation::Relu
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Config;
    use plotters_backend::{
        BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
    };

    /// A raster backend that ignores the font (plotters draws no text natively without a font
    /// library) but records every text, so tests can read captions and legends.
    struct Raster {
        width: u32,
        height: u32,
        pixels: Vec<(u8, u8, u8)>,
        texts: Vec<String>,
    }

    impl Raster {
        fn new(width: u32, height: u32) -> Raster {
            Raster {
                width,
                height,
                pixels: vec![(255, 255, 255); (width * height) as usize],
                texts: Vec::new(),
            }
        }
        fn count(&self, colour: RGBColor) -> usize {
            self.pixels
                .iter()
                .filter(|p| **p == (colour.0, colour.1, colour.2))
                .count()
        }
        fn column_of(&self, colour: RGBColor) -> Vec<(u32, u32)> {
            let mut hits = Vec::new();
            for (i, p) in self.pixels.iter().enumerate() {
                if *p == (colour.0, colour.1, colour.2) {
                    hits.push((i as u32 % self.width, i as u32 / self.width));
                }
            }
            hits
        }
    }

    /// plotters takes a backend by value: a borrowed raster, which the test reads afterwards.
    impl DrawingBackend for &mut Raster {
        type ErrorType = std::convert::Infallible;
        fn get_size(&self) -> (u32, u32) {
            (self.width, self.height)
        }
        fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            Ok(())
        }
        fn draw_pixel(
            &mut self,
            (x, y): BackendCoord,
            color: BackendColor,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            if x >= 0
                && y >= 0
                && (x as u32) < self.width
                && (y as u32) < self.height
                && color.alpha > 0.99
            {
                self.pixels[(y as u32 * self.width + x as u32) as usize] = color.rgb;
            }
            Ok(())
        }
        fn draw_text<S: BackendTextStyle>(
            &mut self,
            text: &str,
            _: &S,
            _: BackendCoord,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.texts.push(text.to_string());
            Ok(())
        }
        fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
            &mut self,
            path: I,
            style: &S,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            // One-pixel lines are enough to find a series by its colour.
            let points: Vec<BackendCoord> = path.into_iter().collect();
            for pair in points.windows(2) {
                plotters_backend::rasterizer::draw_line(self, pair[0], pair[1], &style.color())?;
            }
            Ok(())
        }
    }

    fn trained(query: &str) -> Trainer {
        let mut trainer = Trainer::new(&Config::from_query_strict(query).unwrap());
        trainer.run();
        trainer
    }

    #[test]
    fn decimation_keeps_spikes_and_bounds_the_point_count() {
        let mut points: Vec<(f64, f64)> = (0..100_000).map(|i| (i as f64, 1.0)).collect();
        points[54_321].1 = 1e9;
        let kept = decimate(&points, 300);
        assert!(kept.len() <= 900, "{}", kept.len());
        assert!(kept.iter().any(|p| p.1 == 1e9));
        assert_eq!(decimate(&points[..10], 300).len(), 10);
    }

    #[test]
    fn question_units_chart_counts_and_greys_the_dead_units() {
        let trainer = trained("");
        let raster = render_units(&trainer);
        let caption = format!("hidden units: {} of 128 dead (grey)", trainer.dead_hidden());
        assert!(raster.texts.contains(&caption), "{:?}", raster.texts);
        assert!(trainer.dead_hidden() > 0);
        assert!(raster.count(palette::DEAD_UNIT) > 100);
    }

    fn render_units(trainer: &Trainer) -> Raster {
        let mut raster = Raster::new(640, 520);
        {
            let root = (&mut raster).into_drawing_area();
            let (top, bottom) = root.split_vertically(400);
            draw_units(&top, &bottom, trainer, ChartStyle::default()).unwrap();
        }
        raster
    }

    #[test]
    fn standardized_fit_line_lies_on_the_target() {
        let trainer = trained("preset=standardized");
        let mut raster = Raster::new(640, 400);
        {
            let root = (&mut raster).into_drawing_area();
            draw_fit(&root, &trainer, ChartStyle::default()).unwrap();
        }
        assert!(
            raster.texts.iter().any(|t| t == "target y = 2x"),
            "{:?}",
            raster.texts
        );
        // The prediction is drawn, and in the middle of the data its pixels sit where the target's are.
        let predicted = raster.column_of(palette::PREDICTION);
        let target = raster.column_of(palette::TARGET);
        assert!(predicted.len() > 200 && !target.is_empty());
        let middle = 320;
        let y_at = |hits: &[(u32, u32)]| {
            let ys: Vec<u32> = hits
                .iter()
                .filter(|(x, _)| x.abs_diff(middle) <= 12)
                .map(|p| p.1)
                .collect();
            ys.iter().sum::<u32>() as f64 / ys.len().max(1) as f64
        };
        assert!(
            (y_at(&predicted) - y_at(&target)).abs() < 8.0,
            "{} vs {}",
            y_at(&predicted),
            y_at(&target)
        );
    }

    #[test]
    fn loss_chart_marks_divergence() {
        let trainer = trained("preset=standardized&opt=momentum&lr=10&act=linear&epochs=200");
        let mut raster = Raster::new(640, 400);
        {
            let root = (&mut raster).into_drawing_area();
            draw_loss(&root, &trainer, LossView::Loss, ChartStyle::default()).unwrap();
        }
        let (epoch, _) = trainer.diverged.unwrap();
        assert!(
            raster.texts.contains(&format!("diverged at epoch {epoch}")),
            "{:?}",
            raster.texts
        );
        assert!(raster.count(palette::DIVERGED) > 50);
    }

    #[test]
    fn empty_history_invites_to_press_play() {
        let trainer = Trainer::new(&Config::default());
        let mut raster = Raster::new(640, 400);
        {
            let root = (&mut raster).into_drawing_area();
            draw_loss(&root, &trainer, LossView::Loss, ChartStyle::default()).unwrap();
        }
        assert!(raster.texts.iter().any(|t| t == "press play to train"));
    }
}
