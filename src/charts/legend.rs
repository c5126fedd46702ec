//! A chart's legend: it learns where its chart's series are drawn and sits where none is (a corner,
//! an edge's middle, or a place on a grid over the plot), or beside the plot in room the chart kept.

use super::{measured, palette, BackendCoord, ChartStyle, DrawResult};
use plotters::coord::Shift;
use plotters::prelude::*;

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
pub(super) fn ellipsized(font: &TextStyle, text: &str, widest: u32) -> String {
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
