//! The lab's charts as functions of a `Trainer`, drawn onto any plotters backend: the page's canvas
//! and a native test backend use the same code.
//!
//! Sizes are in device pixels: `ChartStyle::scale` is the canvas' devicePixelRatio (times any
//! classroom zoom), so text and lines stay the same physical size and sharp on a projector.

//!
//! Files: `loss` (loss or metric per epoch), `fit` (data, target and prediction), `units` (what each
//! hidden unit does, dead units per epoch), `sweep` (outcomes over seeds and settings); this file
//! holds the shared style and helpers.

mod fit;
mod loss;
mod measured;
mod sweep;
mod units;

pub use fit::{draw_fit, draw_fit_layer, fit_legend_room, FitLayer};
pub use loss::draw_loss;
pub use measured::Measured;
pub use sweep::{draw_sweep, outcome_colour, outcome_words, SweepPicture};
pub use units::{draw_units, unit_curves, unit_kink, UnitCurve};

use crate::engine::config::Language;
use crate::engine::report::without_trailing_zeros;
use crate::engine::train::Trainer;
use crate::i18n;
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
    /// The learning rate's thin line on the loss chart's second axis.
    pub const LEARNING_RATE: RGBColor = RGBColor(117, 112, 179);
    /// One colour per hidden layer in the dead-units chart (Okabe–Ito, then greys).
    pub const LAYERS: [RGBColor; 8] = [
        RGBColor(90, 90, 90),
        RGBColor(0, 114, 178),
        RGBColor(213, 94, 0),
        RGBColor(0, 158, 115),
        RGBColor(204, 121, 167),
        RGBColor(230, 159, 0),
        RGBColor(86, 180, 233),
        RGBColor(150, 150, 150),
    ];
    pub const GRID: RGBColor = RGBColor(225, 225, 225);
    pub const TEXT: RGBColor = RGBColor(20, 20, 20);
}

/// A pinned run drawn with the current one, named by how it differs from it.
pub struct Overlay<'a> {
    pub trainer: &'a Trainer,
    pub label: String,
}

/// The colour and dash (length, gap) of pinned run `index`: Okabe–Ito colours that differ from the
/// current run's, and a dash of its own, so the runs stay apart without colour too.
pub fn pinned_style(index: usize, style: ChartStyle) -> (RGBColor, u32, u32) {
    const COLOURS: [RGBColor; 4] = [
        RGBColor(0, 158, 115),
        RGBColor(204, 121, 167),
        RGBColor(86, 180, 233),
        RGBColor(0, 0, 0),
    ];
    let dashes = [(10.0, 5.0), (4.0, 4.0), (14.0, 4.0), (2.0, 5.0)];
    let (dash, gap) = dashes[index % dashes.len()];
    (
        COLOURS[index % COLOURS.len()],
        style.px(dash),
        style.px(gap),
    )
}

/// What the loss chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LossView {
    #[default]
    Loss,
    /// The configured metric (MAE or accuracy).
    Metric,
}

/// Device-pixel sizes of the charts, and the language of their words.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartStyle {
    /// devicePixelRatio × zoom.
    pub scale: f64,
    pub language: Language,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            scale: 1.0,
            language: Language::En,
        }
    }
}

impl ChartStyle {
    /// A message of the table in the chart's language.
    pub fn tr(&self, text: i18n::Text) -> &'static str {
        text.get(self.language)
    }

    pub fn fill(&self, text: i18n::Text, values: &[&dyn std::fmt::Display]) -> String {
        text.fill(self.language, values)
    }

    /// How many labels an axis `pixels` long holds without their texts touching: one per 70 CSS
    /// pixels (a label such as "100k" or "1,000" at 13 px with room around it), 2 to 10.
    fn ticks(&self, pixels: u32) -> usize {
        ((f64::from(pixels) / (70.0 * self.scale)).floor() as usize).clamp(2, 10)
    }

    fn px(&self, css_pixels: f64) -> u32 {
        (css_pixels * self.scale).round().max(1.0) as u32
    }
    fn font(&self, css_pixels: f64) -> TextStyle<'static> {
        // A family with Chinese glyphs first where the words are Chinese.
        let family = match self.language {
            Language::En => "sans-serif",
            Language::Zh => "Noto Sans CJK SC, sans-serif",
        };
        (family, css_pixels * self.scale)
            .into_font()
            .color(&palette::TEXT)
    }
}

/// Result of drawing on backend `DB`.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// At most `buckets` points that keep each bucket's first, smallest and largest value, and the very
/// last point (a curve ends at its last epoch, the one a pinned run's line names), so a 10⁵-epoch
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
    if let Some(&last) = points.last() {
        if out.last() != Some(&last) {
            out.push(last);
        }
    }
    out
}

/// A chart with f64 axes.
type XyChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A chart over x in original units with its caption, axes and grid: the fit and units charts.
fn xy_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    caption: &str,
    ranges: (std::ops::Range<f64>, std::ops::Range<f64>),
    descriptions: (&str, &str),
    style: ChartStyle,
) -> Result<XyChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    xy_chart_over(area, caption, ranges, descriptions, style, Frame::Drawn, 0)
}

/// Whether an xy chart draws its caption, axes and grid, or only sets up its coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Frame {
    /// Caption, axes and grid drawn.
    Drawn,
    /// The same coordinates with nothing drawn: series drawn over a kept image of a drawn frame
    /// land on its pixels.
    Unseen,
}

/// `xy_chart`, or (`Frame::Unseen`) only its coordinates: the caption takes its room unseen and
/// no axis or grid is drawn, so series drawn on it land on the pixels of a framed chart's. `beside`
/// device pixels are kept free right of the plot (for a legend beside it, `Legend::beside`).
fn xy_chart_over<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    caption: &str,
    (x_range, y_range): (std::ops::Range<f64>, std::ops::Range<f64>),
    (x_desc, y_desc): (&str, &str),
    style: ChartStyle,
    frame: Frame,
    beside: u32,
) -> Result<XyChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let frame = frame == Frame::Drawn;
    let caption_font = if frame {
        style.font(15.0)
    } else {
        style.font(15.0).color(&TRANSPARENT)
    };
    let mut chart = ChartBuilder::on(area)
        .caption(caption, caption_font)
        .margin(style.px(8.0))
        .margin_right(
            style.px(8.0)
                + if beside > 0 {
                    beside + legend_gap(style)
                } else {
                    0
                },
        )
        .x_label_area_size(style.px(34.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(x_range, y_range)?;
    if !frame {
        return Ok(chart);
    }
    chart
        .configure_mesh()
        .light_line_style(palette::GRID)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(style.ticks(area.dim_in_pixel().0))
        .label_style(style.font(13.0))
        .axis_desc_style(style.font(13.0))
        .x_label_formatter(&|v| format_axis(*v))
        .y_label_formatter(&|v| format_axis(*v))
        .draw()?;
    Ok(chart)
}

/// A chart's legend, placed where it covers no series: it learns each series' label (shortened with
/// an ellipsis so the box is never wider than the plot) and where its points are drawn, then sits in
/// the corner (or edge middle) of the plot that holds none of them, or the fewest.
pub(crate) struct Legend {
    style: ChartStyle,
    /// The widest a label may be (device pixels): half the plot's width less the box's sample and
    /// margins (never more than fits in the plot).
    widest_label: u32,
    /// Series drawn as lines, in the chart's coordinates.
    lines: Vec<Vec<(f64, f64)>>,
    /// Series drawn as dots.
    dots: Vec<(f64, f64)>,
    /// The series named (`name`), in order: each label as shown, and how its series shows.
    entries: Vec<(String, Sample)>,
}

/// How a legend entry shows its series.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Sample {
    Dot(RGBColor),
    Line(RGBColor),
}

/// The legend's inner margin and the room for its sample marks (device pixels).
fn legend_margin(style: ChartStyle) -> u32 {
    style.px(8.0)
}
fn legend_sample(style: ChartStyle) -> u32 {
    // Room for the sample line, scaled like it, so labels never overlap it at 2×.
    style.px(28.0)
}
/// The box's width besides its labels: the sample, the margins and the insets.
fn legend_chrome(style: ChartStyle) -> u32 {
    legend_sample(style) + 2 * legend_margin(style) + 2 * LEGEND_INSET as u32
}
/// Between a plot and a legend beside it: room for the last x label's right half.
pub(crate) fn legend_gap(style: ChartStyle) -> u32 {
    style.px(14.0)
}
/// The gap between the plot's edge and the legend's box (plotters' own).
const LEGEND_INSET: i32 = 5;

impl Legend {
    pub(crate) fn new<DB: DrawingBackend, X: Ranged, Y: Ranged>(
        chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
        style: ChartStyle,
    ) -> Legend {
        let (width, _) = chart.plotting_area().dim_in_pixel();
        let chrome = legend_chrome(style);
        // At most half the plot's width, so the box can sit beside a series rather than on it.
        let widest_label = (width / 2).saturating_sub(chrome).max(style.px(60.0));
        Legend {
            style,
            widest_label: widest_label.min(width.saturating_sub(chrome)).max(1),
            lines: Vec::new(),
            dots: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// A legend right of the plot, in the `room` device pixels the chart kept free there (see
    /// `room_beside`; `u32::MAX` where the chart keeps what the legend needs, `needed_room`): labels
    /// are cut to fit it, and it covers nothing.
    pub(crate) fn beside(style: ChartStyle, room: u32) -> Legend {
        Legend {
            style,
            widest_label: room.saturating_sub(legend_chrome(style)).max(1),
            lines: Vec::new(),
            dots: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// The room (device pixels) to keep for this legend beside a chart `width` pixels wide whose
    /// plot has no free place for it (`spot` covers something) or is less than twice as high as
    /// it: what it needs, at most 2/5 of the
    /// chart's width (longer labels are then cut to fit); `None` where it fits on the plot, or
    /// where the chart is too narrow to spare room for a label of a few words.
    pub(crate) fn room_beside<'a, DB: DrawingBackend + 'a, X, Y>(
        &self,
        chart: &ChartContext<'a, DB, Cartesian2d<X, Y>>,
        width: u32,
    ) -> Option<u32>
    where
        X: Ranged<ValueType = f64>,
        Y: Ranged<ValueType = f64>,
    {
        let (covered, _) = self.spot(chart, SeriesLabelPosition::UpperLeft);
        // A box over half the plot's height leaves the lines that move (the network's, the
        // pinned runs') little room to pass it by: beside the plot too.
        let (_, plot_height) = chart.plotting_area().dim_in_pixel();
        let (box_width, box_height) = self.size();
        let tall = 2 * box_height as u32 > plot_height;
        let needed = box_width as u32 + 2 * LEGEND_INSET as u32;
        let most = width * 2 / 5;
        let roomy = needed <= most || most >= legend_chrome(self.style) + self.style.px(90.0);
        ((covered > 0 || tall) && roomy).then_some(needed.min(most))
    }

    fn font(&self) -> TextStyle<'static> {
        self.style.font(13.0)
    }

    /// Names a series in the legend as `text` (whole if it fits, else cut with an ellipsis),
    /// shown by `sample`. The legend draws its entries itself (`draw`, `draw_beside`): plotters'
    /// own legend sizes each label twice through the page's layout (see `measured`), in every
    /// drawing.
    pub(crate) fn name(&mut self, text: &str, sample: Sample) {
        let shown = ellipsized(&self.font(), text, self.widest_label);
        self.entries.push((shown, sample));
    }

    /// Draws the box at `(x, y)` of `area` (device pixels) as plotters' series labels would: the
    /// background, the border, each entry's sample in the margin and its label beside it, a line
    /// every 1.25 font sizes.
    fn paint<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        (x, y): (i32, i32),
        opacity: f64,
    ) -> DrawResult<DB> {
        let (w, h) = self.size();
        let corners = [(x, y), (x + w, y + h)];
        area.draw(&Rectangle::new(corners, WHITE.mix(opacity).filled()))?;
        area.draw(&Rectangle::new(corners, palette::GRID))?;
        let font = self.font();
        let margin = legend_margin(self.style) as i32;
        let line = font.font.get_size() * 1.25;
        let style = self.style;
        for (i, (label, sample)) in self.entries.iter().enumerate() {
            let top = y + margin + (i as f64 * line).round() as i32;
            let (_, height) = measured::text_size(&font, label).unwrap_or((0, 0));
            let middle = (2 * top + height as i32) / 2;
            let text_x = x + margin + legend_sample(style) as i32;
            area.draw(&Text::new(label.as_str(), (text_x, top), font.clone()))?;
            match *sample {
                Sample::Dot(colour) => area.draw(&Circle::new(
                    (x + margin + style.px(10.0) as i32, middle),
                    style.px(5.0),
                    colour.filled(),
                ))?,
                Sample::Line(colour) => {
                    area.draw(&legend_line(colour, style)((x + margin, middle)))?
                }
            }
        }
        Ok(())
    }

    /// The room (device pixels) this legend takes beside a plot: its box and the insets.
    pub(crate) fn needed_room(&self) -> u32 {
        self.size().0 as u32 + 2 * LEGEND_INSET as u32
    }

    /// Draws a legend made `beside` in the room right of the plot (the chart was built with it).
    pub(crate) fn draw_beside<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        room: u32,
        top: u32,
    ) -> DrawResult<DB> {
        let (width, height) = area.dim_in_pixel();
        // Level with the plot's top, or higher where the box would pass the area's bottom.
        let box_height = self.size().1.max(0) as u32;
        let top = top.min(height.saturating_sub(box_height + 1));
        let strip = area.clone().shrink(
            (width.saturating_sub(room + self.style.px(8.0)), top),
            (room, height.saturating_sub(top)),
        );
        self.paint(&strip, (LEGEND_INSET, 0), 0.85)
    }

    /// A series drawn as a line through `points`.
    pub(crate) fn line(&mut self, points: impl IntoIterator<Item = (f64, f64)>) {
        self.lines.push(points.into_iter().collect());
    }

    /// A series drawn as dots at `points`.
    pub(crate) fn dots(&mut self, points: impl IntoIterator<Item = (f64, f64)>) {
        self.dots.extend(points);
    }

    /// The box's size (device pixels), as plotters lays it out (`MultiLineText::estimate_dimension`:
    /// line `i` at `round(i · 1.25 · font size)`), from the kept text sizes.
    fn size(&self) -> (i32, i32) {
        let font = self.font();
        let line = font.font.get_size() * 1.25;
        let (w, h) = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, (label, _))| {
                let (dx, dy) = measured::text_size(&font, label)?;
                Some((dx as i32, (i as f64 * line).round() as i32 + dy as i32))
            })
            .fold((0, 0), |(w, h), (dx, y)| (w.max(dx), h.max(y)));
        let margin = legend_margin(self.style) as i32;
        (
            w + legend_sample(self.style) as i32 + 2 * margin,
            h + 2 * margin,
        )
    }

    /// Draws the legend on the chart, where it covers the fewest of the series' points and line
    /// segments (none where the plot has such a place): corners first, `preferred` first of all.
    pub(crate) fn draw<'a, DB: DrawingBackend + 'a, X, Y>(
        self,
        chart: &mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
        preferred: SeriesLabelPosition,
    ) -> DrawResult<DB>
    where
        X: Ranged<ValueType = f64>,
        Y: Ranged<ValueType = f64>,
    {
        if self.entries.is_empty() {
            return Ok(());
        }
        let (covered, at) = self.spot(chart, preferred);
        // Where every place covers something (a small chart, many runs), the box is fainter, so
        // the lines behind it still show.
        let opacity = if covered == 0 { 0.85 } else { 0.55 };
        self.paint(&chart.plotting_area().strip_coord_spec(), at, opacity)
    }

    /// Where the legend goes on the chart (in the plot's pixels) and how many of the series'
    /// points and segments it covers there: none if the plot has such a place.
    fn spot<'a, DB: DrawingBackend + 'a, X, Y>(
        &self,
        chart: &ChartContext<'a, DB, Cartesian2d<X, Y>>,
        preferred: SeriesLabelPosition,
    ) -> (usize, (i32, i32))
    where
        X: Ranged<ValueType = f64>,
        Y: Ranged<ValueType = f64>,
    {
        let (plot_w, plot_h) = chart.plotting_area().dim_in_pixel();
        let plot = (plot_w as i32, plot_h as i32);
        let size = self.size();
        let series = self.in_plot_pixels(chart);
        // A line's half width and a dot's radius around the box: nothing drawn touches it.
        let pad = f64::from(self.style.px(4.0));
        let mut best = (usize::MAX, legend_place(preferred.clone(), plot, size));
        for at in legend_places(preferred, plot, size) {
            // A place that covers as many as the best so far is out: no need to count on.
            let count = series.covered(padded_box(at, size, pad), best.0);
            if count < best.0 {
                best = (count, at);
            }
            if count == 0 {
                break;
            }
        }
        best
    }

    /// The series this legend learnt, in the pixels of `chart`'s plot (from its top left corner),
    /// points that are not numbers left out.
    fn in_plot_pixels<'a, DB: DrawingBackend + 'a, X, Y>(
        &self,
        chart: &ChartContext<'a, DB, Cartesian2d<X, Y>>,
    ) -> PlotPixels
    where
        X: Ranged<ValueType = f64>,
        Y: Ranged<ValueType = f64>,
    {
        let (base_x, base_y) = chart.plotting_area().get_base_pixel();
        let pixel = |p: &(f64, f64)| {
            let (x, y) = chart.backend_coord(p);
            (f64::from(x - base_x), f64::from(y - base_y))
        };
        let finite = |p: &&(f64, f64)| p.0.is_finite() && p.1.is_finite();
        PlotPixels {
            lines: self
                .lines
                .iter()
                .map(|l| l.iter().filter(finite).map(pixel).collect())
                .collect(),
            dots: self.dots.iter().filter(finite).map(pixel).collect(),
        }
    }
}

/// A legend's series in its plot's pixels: what the box should not cover.
struct PlotPixels {
    lines: Vec<Vec<(f64, f64)>>,
    dots: Vec<(f64, f64)>,
}

impl PlotPixels {
    /// How many dots and line segments (a line of one point counts as one) lie in `rect` (left,
    /// top, right, bottom), counted up to `enough`.
    fn covered(&self, rect: (f64, f64, f64, f64), enough: usize) -> usize {
        let dots = self.dots.iter().filter(|p| inside(**p, rect));
        let segments = self.lines.iter().flat_map(|l| {
            let single = (l.len() == 1 && inside(l[0], rect)).then_some(());
            let pairs = l
                .windows(2)
                .filter(move |s| segment_meets(s[0], s[1], rect))
                .map(|_| ());
            single.into_iter().chain(pairs)
        });
        dots.map(|_| ()).chain(segments).take(enough).count()
    }
}

/// Where a legend box of `(w, h)` sits at `position` in a plot of `(plot_w, plot_h)` (pixels from
/// its top left corner): in a corner or an edge's middle, inset from the plot's edges, never
/// above or left of the plot.
fn legend_place(
    position: SeriesLabelPosition,
    (plot_w, plot_h): (i32, i32),
    (w, h): (i32, i32),
) -> (i32, i32) {
    let x = match position {
        SeriesLabelPosition::UpperLeft
        | SeriesLabelPosition::MiddleLeft
        | SeriesLabelPosition::LowerLeft => LEGEND_INSET,
        SeriesLabelPosition::UpperMiddle | SeriesLabelPosition::LowerMiddle => (plot_w - w) / 2,
        _ => plot_w - w - LEGEND_INSET,
    };
    let y = match position {
        SeriesLabelPosition::UpperLeft
        | SeriesLabelPosition::UpperMiddle
        | SeriesLabelPosition::UpperRight => LEGEND_INSET,
        SeriesLabelPosition::MiddleLeft | SeriesLabelPosition::MiddleRight => (plot_h - h) / 2,
        _ => plot_h - h - LEGEND_INSET,
    };
    (x.max(0), y.max(0))
}

/// The places a legend box of `size` may take in a plot of `plot` pixels, in the order they are
/// tried: the preferred corner, the others, the edges' middles, then a grid over the whole plot.
fn legend_places(
    preferred: SeriesLabelPosition,
    plot: (i32, i32),
    size: (i32, i32),
) -> impl Iterator<Item = (i32, i32)> {
    use SeriesLabelPosition::*;
    let ((plot_w, plot_h), (w, h)) = (plot, size);
    let steps = 12;
    let grid = (0..=steps).flat_map(move |row| {
        (0..=steps).map(move |column| {
            let x = LEGEND_INSET + (plot_w - w - 2 * LEGEND_INSET) * column / steps;
            let y = LEGEND_INSET + (plot_h - h - 2 * LEGEND_INSET) * row / steps;
            (x.max(0), y.max(0))
        })
    });
    let named = std::iter::once(preferred).chain([
        UpperLeft,
        UpperRight,
        LowerLeft,
        LowerRight,
        UpperMiddle,
        LowerMiddle,
        MiddleLeft,
        MiddleRight,
    ]);
    named
        .map(move |position| legend_place(position, plot, size))
        .chain(grid)
}

/// The box at `(x, y)` of `(w, h)` as (left, top, right, bottom), `pad` larger on every side.
fn padded_box((x, y): (i32, i32), (w, h): (i32, i32), pad: f64) -> (f64, f64, f64, f64) {
    (
        f64::from(x) - pad,
        f64::from(y) - pad,
        f64::from(x + w) + pad,
        f64::from(y + h) + pad,
    )
}

/// `text` whole if it is at most `widest` pixels wide in `font`, else cut with an ellipsis to fit.
fn ellipsized(font: &TextStyle, text: &str, widest: u32) -> String {
    let fits = |t: &str| measured::text_size(font, t).is_none_or(|(w, _)| w <= widest);
    if fits(text) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len())
        .rev()
        .map(|keep| {
            let head: String = chars[..keep].iter().collect();
            format!("{}…", head.trim_end())
        })
        .find(|t| fits(t))
        .unwrap_or_else(|| "…".to_string())
}

/// Whether `p` lies in `rect` (left, top, right, bottom).
fn inside(p: (f64, f64), rect: (f64, f64, f64, f64)) -> bool {
    rect.0 <= p.0 && p.0 <= rect.2 && rect.1 <= p.1 && p.1 <= rect.3
}

/// Whether the segment from `a` to `b` meets `rect` (left, top, right, bottom): clipped to the
/// rectangle's slabs (Liang–Barsky), something is left.
fn segment_meets(a: (f64, f64), b: (f64, f64), rect: (f64, f64, f64, f64)) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut low, mut high) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - rect.0),
        (dx, rect.2 - a.0),
        (-dy, a.1 - rect.1),
        (dy, rect.3 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                low = low.max(t);
            } else {
                high = high.min(t);
            }
        }
    }
    low <= high
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
    // At most three significant digits, without trailing zeros: 0.25, 150, 20k, 1.5M, 3.2e10.
    let short = |v: f64| {
        let text = format!("{v:.2}");
        match without_trailing_zeros(&text) {
            "-0" => "0".to_string(),
            short => short.to_string(),
        }
    };
    let scientific = |v: f64| {
        let text = format!("{v:.1e}");
        text.replace(".0e", "e")
    };
    // Ticks computed as 0 ± rounding error (−1e-16) read as 0.
    if magnitude < 1e-9 {
        "0".into()
    } else if !(1e-3..1e9).contains(&magnitude) {
        scientific(value)
    } else if magnitude >= 1e6 {
        format!("{}M", short(value / 1e6))
    } else if magnitude >= 1e4 {
        format!("{}k", short(value / 1e3))
    } else if magnitude >= 10.0 {
        format!("{value:.0}")
    } else {
        without_trailing_zeros(&format!("{value:.3}")).to_string()
    }
}

/// Every `stride`-th row of a range, so 10⁵ points draw as at most `most`.
fn sample_rows(rows: std::ops::Range<usize>, most: usize) -> impl Iterator<Item = usize> {
    let stride = rows.len().div_ceil(most.max(1)).max(1);
    rows.step_by(stride)
}

/// x range covering all the data, padded.
fn x_extent(trainer: &Trainer) -> (f64, f64) {
    let (low, high) = crate::engine::data::min_max(&trainer.data().x);
    let pad = ((high - low) * 0.03).max(1e-6);
    (low - pad, high + pad)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod axis_tests {
    use super::format_axis;

    #[test]
    fn axis_numbers_are_short_and_distinct() {
        let cases = [
            (0.0, "0"),
            (-1e-17, "0"),
            (0.25, "0.25"),
            (150.0, "150"),
            (20_000.0, "20k"),
            (150_000.0, "150k"),
            (1_500_000.0, "1.5M"),
            (2e10, "2e10"),
            (1.5e10, "1.5e10"),
            (0.0002, "2e-4"),
        ];
        for (value, text) in cases {
            assert_eq!(format_axis(value), text, "{value}");
        }
    }
}
