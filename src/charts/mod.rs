//! The lab's charts as functions of a `Trainer`, drawn onto any plotters backend: the page's canvas
//! and a native test backend use the same code.
//!
//! Sizes are in device pixels: `ChartStyle::scale` is the canvas' devicePixelRatio (times any
//! classroom zoom), so text and lines stay the same physical size and sharp on a projector.

//!
//! Files: `loss` (loss or metric per epoch), `fit` (data, target and prediction), `units` (what each
//! hidden unit does, dead units per epoch), `sweep` (outcomes over seeds and settings), `legend`
//! (where a chart's legend goes, and drawing it), `measured` (text sizes measured once); this file
//! holds the shared style and helpers.

mod fit;
mod legend;
mod loss;
mod measured;
mod sweep;
mod units;

pub use fit::{caption as fit_caption, draw_fit, draw_fit_layer, fit_legend_room, FitLayer};
pub(crate) use legend::{legend_gap, Legend, Sample};
pub use legend::{BelowLayout, LegendPlace, PLOT_SHARE};
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
    /// A unit where its input is ≤ 0 (it outputs 0 there), in the units chart's band.
    pub const UNIT_OFF: RGBColor = RGBColor(218, 218, 218);
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

/// Every chart's tick labels are this many CSS pixels at zoom 1 (`ChartStyle::scale` is
/// devicePixelRatio × zoom): the page reports `TICK_PX × zoom` on each canvas as `data-text-px`.
pub const TICK_PX: f64 = 13.0;

/// In classroom mode on a projector a tick label is at least this share of the screen's height
/// (2.25%: readable from the back of a hall).
pub const ROOM_TICK_SHARE: f64 = 0.0225;

/// The narrowest screen (CSS pixels) classroom mode treats as a projector; narrower ones (a phone
/// opening a classroom link) keep the phone's layout and sizes. The stylesheet's breakpoint too.
pub const PROJECTOR_MIN_WIDTH: f64 = 1000.0;

/// The charts' zoom (text, lines and margins alike) on a screen of `width` × `height` CSS pixels:
/// 1 outside classroom mode and on narrow screens; on a projector a third larger at least, and
/// as large as makes a tick label `ROOM_TICK_SHARE` of the screen's height (24 px on a 1080 px
/// high screen), so the text grows with the room's screen.
pub fn zoom_for(classroom: bool, (width, height): (f64, f64)) -> f64 {
    if !classroom || width.is_nan() || width < PROJECTOR_MIN_WIDTH {
        return 1.0;
    }
    let for_height = ROOM_TICK_SHARE * height / TICK_PX;
    if for_height.is_finite() {
        for_height.clamp(4.0 / 3.0, 3.0)
    } else {
        4.0 / 3.0
    }
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

    /// The tick labels' font (`TICK_PX`).
    fn tick_font(&self) -> TextStyle<'static> {
        self.font(TICK_PX)
    }

    fn px(&self, css_pixels: f64) -> u32 {
        (css_pixels * self.scale).round().max(1.0) as u32
    }
    fn font(&self, css_pixels: f64) -> TextStyle<'static> {
        // A family with Chinese glyphs first where the words are Chinese.
        // Named, not parsed from a string: plotters' `From<&str>` lowercases the name, and that
        // alone brought Unicode's case tables (12 KB) into the page's first module.
        let family = match self.language {
            Language::En => FontFamily::SansSerif,
            Language::Zh => FontFamily::Name("Noto Sans CJK SC, sans-serif"),
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
        // The three in x order, ties as they came: a stable sort of three by swaps, with no
        // allocation (this runs for every bucket of every line a drawing decimates).
        let mut picks = [chunk[0], low, high];
        for (a, b) in [(0, 1), (1, 2), (0, 1)] {
            if picks[a].0.total_cmp(&picks[b].0).is_gt() {
                picks.swap(a, b);
            }
        }
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
    xy_chart_over(
        area,
        caption,
        ranges,
        descriptions,
        style,
        Frame::Drawn,
        LegendPlace::OnPlot,
    )
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
/// no axis or grid is drawn, so series drawn on it land on the pixels of a framed chart's. A legend
/// beside or under the plot (`place`) has its room kept free there.
fn xy_chart_over<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    caption: &str,
    (x_range, y_range): (std::ops::Range<f64>, std::ops::Range<f64>),
    (x_desc, y_desc): (&str, &str),
    style: ChartStyle,
    frame: Frame,
    place: LegendPlace,
) -> Result<XyChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let drawn = frame == Frame::Drawn;
    let caption = Caption::new(area, caption, style);
    if drawn {
        caption.draw(area)?;
    }
    let mut chart = ChartBuilder::on(area)
        .margin(style.px(8.0))
        .margin_top(style.px(8.0) + caption.height())
        .margin_right(match place {
            LegendPlace::Beside(room) => style.px(8.0) + room + legend_gap(style),
            _ => style.px(8.0),
        })
        .margin_bottom(match place {
            LegendPlace::Below(room, _) => style.px(8.0) + room,
            _ => style.px(8.0),
        })
        .x_label_area_size(style.px(34.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(x_range, y_range)?;
    if !drawn {
        return Ok(chart);
    }
    let (x_labels, y_labels) = labels_that_fit(&chart, style);
    chart
        .configure_mesh()
        .light_line_style(palette::GRID)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .x_labels(x_labels)
        .y_labels(y_labels)
        .label_style(style.tick_font())
        .axis_desc_style(style.font(13.0))
        .x_label_formatter(&|v| format_axis(*v))
        .y_label_formatter(&|v| format_axis(*v))
        .draw()?;
    Ok(chart)
}

/// The margin right of a plot whose x axis ends at `last` (device pixels): half of that label as
/// the ticks write it and 4 px, so a four-digit last epoch ("3000") is whole at a projector's text
/// size (a margin of 8 cut it to "300") and clear of a printed handout's frame, and at least
/// `least` CSS px where the label is short. The loss chart and the strip of dead units per epoch
/// keep it; the fit chart keeps 8 (its axis seldom ends on a tick).
pub(crate) fn last_label_room(style: ChartStyle, last: f64, least: f64) -> u32 {
    let half =
        measured::text_size(&style.tick_font(), &format_axis(last)).map_or(0, |(w, _)| w / 2 + 4);
    style.px(least).max(half)
}

/// A chart's caption laid out across its width: in the caption's size where it fits on one line,
/// else smaller (down to the ticks' size), else broken over lines: never cut.
pub(crate) struct Caption {
    lines: Vec<String>,
    font: TextStyle<'static>,
    style: ChartStyle,
}

impl Caption {
    /// `text` as the caption of a chart drawn on `area`.
    pub(crate) fn new<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        text: &str,
        style: ChartStyle,
    ) -> Caption {
        Caption::sized(area, text, style, 15.0)
    }

    /// `text` in `size` CSS pixels where it fits across `area` (smaller ones down to the ticks'
    /// size otherwise), measured by `area`'s backend.
    pub(crate) fn sized<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        text: &str,
        style: ChartStyle,
        size: f64,
    ) -> Caption {
        let (width, _) = area.dim_in_pixel();
        let room = width.saturating_sub(2 * style.px(8.0)).max(1);
        let mut size = size;
        loop {
            let font = style.font(size);
            let fits = area
                .estimate_text_size(text, &font)
                .map_or(true, |(w, _)| w <= room);
            if fits || size <= TICK_PX {
                let lines = if fits {
                    vec![text.to_string()]
                } else {
                    wrap(&font, text, room)
                };
                return Caption { lines, font, style };
            }
            size = (size - 1.0).max(TICK_PX);
        }
    }

    /// One line's height (device pixels).
    fn line_height(&self) -> u32 {
        (self.font.font.get_size() * 1.2).round() as u32
    }

    /// The room it takes above the chart's plot (device pixels).
    pub(crate) fn height(&self) -> u32 {
        self.lines.len() as u32 * self.line_height() + self.style.px(4.0)
    }

    /// Draws each line centred across `area`, from its top (below the chart's margin).
    pub(crate) fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        use plotters::style::text_anchor::{HPos, Pos, VPos};
        let (width, _) = area.dim_in_pixel();
        let font = self.font.clone().pos(Pos::new(HPos::Center, VPos::Top));
        let top = self.style.px(8.0) as i32;
        for (i, line) in self.lines.iter().enumerate() {
            let y = top + (i as u32 * self.line_height()) as i32;
            area.draw(&Text::new(
                line.as_str(),
                (width as i32 / 2, y),
                font.clone(),
            ))?;
        }
        Ok(())
    }
}

/// `text` broken into lines at most `widest` pixels wide in `font`: at a space where the line has
/// one (a word longer than a line goes on a line of its own, broken), anywhere in a text without
/// spaces (Chinese). Never drops a character.
pub(crate) fn wrap(font: &TextStyle, text: &str, widest: u32) -> Vec<String> {
    let fits = |t: &str| measured::text_size(font, t).is_none_or(|(w, _)| w <= widest);
    let mut lines = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if fits(rest) {
            lines.push(rest.to_string());
            break;
        }
        // The longest head that fits (at least one character): widths grow with the text.
        let ends: Vec<usize> = rest.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
        let (mut low, mut high) = (0, ends.len() - 1);
        while low < high {
            let middle = (low + high).div_ceil(2);
            if fits(&rest[..ends[middle]]) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        let mut cut = ends[low];
        let at_word_end = rest[cut..].starts_with(' ');
        if !at_word_end {
            if let Some(space) = rest[..cut].rfind(' ').filter(|&i| i > 0) {
                cut = space;
            }
        }
        lines.push(rest[..cut].trim_end().to_string());
        rest = rest[cut..].trim_start();
    }
    lines
}

/// How many labels the x and y axes of `chart` take (plotters puts them at the axis' key points
/// for that count) so that no two labels of an axis touch in the ticks' font: counted down from
/// what the axis' length suggests until each label keeps half a label's height from the next.
fn labels_that_fit<DB: DrawingBackend, X, Y>(
    chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
    style: ChartStyle,
) -> (usize, usize)
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    let (width, height) = chart.plotting_area().dim_in_pixel();
    let spec = chart.as_coord_spec();
    let format = |v: &f64| format_axis(*v);
    (
        axis_labels_that_fit(spec.x_spec(), (width, Side::Across), style, format),
        axis_labels_that_fit(spec.y_spec(), (height, Side::Up), style, format),
    )
}

/// Which way an axis runs: labels side by side (x) or one above the other (y).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Across,
    Up,
}

/// The most labels (2 to 10, fewer where the axis is short) an axis `pixels` long takes without
/// two of them touching, each `format`ted and measured in the ticks' font.
pub(crate) fn axis_labels_that_fit<R: Ranged<ValueType = f64>>(
    spec: &R,
    (pixels, side): (u32, Side),
    style: ChartStyle,
    format: impl Fn(&f64) -> String,
) -> usize {
    use plotters::coord::ranged1d::BoldPoints;
    let font = style.tick_font();
    let gap = f64::from(style.px(TICK_PX * 0.5));
    // As many as one per few font sizes, then fewer until none touch.
    let most = match side {
        Side::Across => f64::from(pixels) / (3.5 * TICK_PX * style.scale),
        Side::Up => f64::from(pixels) / (2.5 * TICK_PX * style.scale),
    };
    let most = (most.floor() as usize).clamp(2, 10);
    let touch = |count: usize| {
        let placed: Vec<(f64, f64)> = spec
            .key_points(BoldPoints(count))
            .iter()
            .map(|v| {
                let at = f64::from(spec.map(v, (0, pixels as i32)));
                let (w, h) = measured::text_size(&font, &format(v)).unwrap_or((0, 0));
                (at, f64::from(if side == Side::Across { w } else { h }))
            })
            .collect();
        crate::engine::data::sorted_by(&placed, |p| p.0)
            .windows(2)
            .any(|pair| pair[1].0 - pair[0].0 < (pair[0].1 + pair[1].1) / 2.0 + gap)
    };
    (1..=most.max(2))
        .rev()
        .find(|&count| !touch(count))
        .unwrap_or(1)
}

fn centered(style: ChartStyle) -> TextStyle<'static> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    style.font(16.0).pos(Pos::new(HPos::Center, VPos::Center))
}

/// Axis numbers: 1.2e6 rather than 1200000.
fn format_axis(value: f64) -> String {
    // Ticks computed as 0 ± rounding error (−1e-16) read as 0.
    if value.abs() < 1e-9 {
        return "0".into();
    }
    format_log_axis(value)
}

/// A log axis' numbers: as `format_axis`, but never 0 (its ticks are all above it: 1e-10, not 0).
fn format_log_axis(value: f64) -> String {
    let magnitude = value.abs();
    if !(1e-3..1e9).contains(&magnitude) {
        let power = magnitude.log10().floor() as i32;
        let mantissa = value / 10f64.powi(power);
        return format!("{}e{power}", shortest(mantissa));
    }
    let (scaled, suffix) = if magnitude >= 1e6 {
        (value / 1e6, "M")
    } else if magnitude >= 1e4 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    format!("{}{suffix}", shortest(scaled))
}

/// The fewest significant digits (at most six) that write `value` back to within a billionth of
/// it: a tick's own digits (0.25, 150, 12.345), so neighbouring ticks never read the same (10 and
/// 10.5, 12,345 and 12,350 as 12.345k and 12.35k) and round ones stay short.
fn shortest(value: f64) -> String {
    let magnitude = value.abs();
    let leading = magnitude.log10().floor() as i32;
    let mut text = String::new();
    for digits in 1..=6 {
        let decimals = (digits - 1 - leading).max(0) as usize;
        text = format!("{value:.decimals$}");
        let back = crate::engine::decimal::parse_f64(&text).unwrap_or(f64::NAN);
        if (back - value).abs() <= 1e-9 * magnitude {
            break;
        }
    }
    without_trailing_zeros(&text).to_string()
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
        // Distinct: the ticks of a nice step (1, 2 or 5 × 10^k) over ranges near zero and far
        // from it, at every scale the charts meet, each read differently from its neighbour, in
        // at most nine characters (1.2345e13).
        let mut checked = 0;
        for power in -3..10 {
            for base in [1.0, 2.0, 5.0] {
                let step = base * 10f64.powi(power);
                for offset in [0.0, 7.0, 123.0, 4_321.0, 12_345.0] {
                    let start = offset * step;
                    let ticks: Vec<String> = (0..8)
                        .map(|i| format_axis(start + f64::from(i) * step))
                        .collect();
                    for pair in ticks.windows(2) {
                        if pair[0] == "0" || pair[1] == "0" {
                            continue;
                        }
                        assert_ne!(pair[0], pair[1], "step {step} from {start}: {ticks:?}");
                    }
                    for text in &ticks {
                        assert!(text.chars().count() <= 9, "{text}: {ticks:?}");
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 150);
        // The cases the review found: 10 and 10.5, 12,345 and 12,350.
        // On a log axis the smallest losses keep their power of ten (a "0" tick read under 1e-9).
        assert_eq!(super::format_log_axis(1e-10), "1e-10");
        assert_eq!(super::format_log_axis(1e-12), "1e-12");
        assert_eq!(super::format_log_axis(0.01), "0.01");
        assert_ne!(format_axis(10.0), format_axis(10.5));
        assert_ne!(format_axis(12_345.0), format_axis(12_350.0));
    }
}
