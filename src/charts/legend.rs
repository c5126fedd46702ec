//! A chart's legend: it learns where its chart's series are drawn and sits where none is (a corner,
//! an edge's middle, or a place on a grid over the plot), or beside the plot in room the chart kept.

use super::{measured, palette, BackendCoord, ChartStyle, DrawResult};
use plotters::coord::Shift;
use plotters::prelude::*;

/// A chart's legend, placed where it covers no series: it learns each series' label (broken over
/// up to three lines so the box is never wider than its room) and where its points are drawn, then sits in the
/// corner (or edge middle) of the plot that holds none of them; where the plot has no such place,
/// beside the plot (while the plot keeps `PLOT_SHARE` of the chart's width) or under it.
pub(crate) struct Legend {
    style: ChartStyle,
    /// The widest a label's line may be (device pixels).
    widest_label: u32,
    /// Entries side by side: 1 on or beside the plot, more in a row under it.
    columns: usize,
    /// The most lines a label takes.
    most_lines: usize,
    /// Series drawn as lines, in the chart's coordinates.
    lines: Vec<Vec<(f64, f64)>>,
    /// Series drawn as dots.
    dots: Vec<(f64, f64)>,
    /// The series named (`name`), in order: each label, its lines as shown, how its series shows.
    entries: Vec<Entry>,
}

/// One series named in a legend.
struct Entry {
    text: String,
    /// The label broken into lines that fit the legend's width.
    lines: Vec<String>,
    sample: Sample,
}

/// Where a chart's legend goes (decided once, from what every drawing of the chart shares).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendPlace {
    /// On the plot, in a place that covers none of its series (or the fewest).
    OnPlot,
    /// Right of the plot, in this many device pixels kept free there.
    Beside(u32),
    /// Under the plot, in this many device pixels kept free there, set out as said.
    Below(u32, BelowLayout),
}

/// How a legend under the plot sets its entries out: in so many columns, each label in at most so
/// many lines (a chart too low for four long names takes them in one line each, cut: the pinned
/// runs' list beside the charts names each whole).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BelowLayout {
    pub columns: usize,
    pub lines: usize,
}

/// The share of a chart's width its plot keeps whatever the legend: a legend beside the plot takes
/// at most the rest (less the plot's y labels), and goes under the plot where that is too little.
pub const PLOT_SHARE: f64 = 0.6;

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
/// The most lines a legend entry's label takes.
const MOST_LINES: usize = 3;

impl Legend {
    fn with(style: ChartStyle, widest_label: u32, columns: usize) -> Legend {
        Legend {
            style,
            widest_label: widest_label.max(1),
            columns: columns.max(1),
            most_lines: MOST_LINES,
            lines: Vec::new(),
            dots: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// A legend on `chart`'s plot: labels at most half the plot's width, so the box can sit beside
    /// a series rather than on it.
    pub(crate) fn new<DB: DrawingBackend, X: Ranged, Y: Ranged>(
        chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
        style: ChartStyle,
    ) -> Legend {
        let (width, _) = chart.plotting_area().dim_in_pixel();
        let chrome = legend_chrome(style);
        let widest_label = (width / 2).saturating_sub(chrome).max(style.px(100.0));
        Legend::with(style, widest_label.min(width.saturating_sub(chrome)), 1)
    }

    /// A legend right of the plot, in the `room` device pixels the chart kept free there (see
    /// `place`; `u32::MAX` where the chart keeps what the legend needs, `needed_room`): labels
    /// are broken over lines to fit it, and it covers nothing.
    pub(crate) fn beside(style: ChartStyle, room: u32) -> Legend {
        Legend::with(style, room.saturating_sub(legend_chrome(style)), 1)
    }

    /// A legend beside a plot `height` device pixels high, its `names` in as few columns as fit that
    /// height (a deep network's line per layer beside a strip a few lines high: one column of eight
    /// would run past the strip and over its caption).
    pub(crate) fn beside_in(style: ChartStyle, height: u32, names: &[(String, Sample)]) -> Legend {
        let font = Legend::with(style, 1, 1).font();
        let widest = names
            .iter()
            .filter_map(|(text, _)| measured::text_size(&font, text))
            .map(|(w, _)| w)
            .max()
            .unwrap_or(1);
        let legend = |columns: usize| {
            let mut legend = Legend::with(style, widest, columns);
            legend.most_lines = 1;
            for (text, sample) in names {
                legend.name(text, *sample);
            }
            legend
        };
        (1..names.len().max(1))
            .map(legend)
            .find(|legend| legend.size().1.max(0) as u32 <= height)
            .unwrap_or_else(|| legend(names.len().max(1)))
    }

    /// A legend under the plot, across `width` device pixels, its entries in `columns` columns
    /// (at most as many as hold a label of a few words' width), each label broken over lines to
    /// fit its column.
    pub(crate) fn below(style: ChartStyle, width: u32, layout: BelowLayout) -> Legend {
        let chrome = legend_chrome(style);
        // A column holds a label of a few words, or of one or two in a single line.
        let column = chrome + style.px(if layout.lines > 1 { 110.0 } else { 75.0 });
        let columns = layout.columns.min((width / column.max(1)) as usize).max(1);
        let widest = (width / columns as u32).saturating_sub(chrome);
        let mut legend = Legend::with(style, widest, columns);
        legend.most_lines = layout.lines.max(1);
        legend
    }

    /// This legend under the plot across `width` pixels, its labels in at most `lines` lines, in
    /// the count of columns (1 to 3) that makes it lowest.
    fn lowest_below(&self, width: u32, lines: usize) -> Legend {
        (1..=3)
            .map(|columns| {
                self.renamed(Legend::below(
                    self.style,
                    width,
                    BelowLayout { columns, lines },
                ))
            })
            .min_by_key(|below| below.size().1)
            .unwrap_or_else(|| Legend::with(self.style, width, 1))
    }

    /// This legend's entries named again in `other` (its labels broken to `other`'s width).
    fn renamed(&self, mut other: Legend) -> Legend {
        for entry in &self.entries {
            other.name(&entry.text, entry.sample);
        }
        other
    }

    /// Where this legend (made `new` for `chart`, every series learnt) goes on a chart `size`
    /// device pixels large: on the plot where a place there covers none of the series and the box
    /// takes at most half the plot's height; else right of the plot where the plot keeps
    /// `PLOT_SHARE` of the chart's width with it; else under the plot where that takes at most half
    /// the chart's height (3/5 with labels in one line); else on the plot after all (its box faint
    /// where it covers lines).
    pub(crate) fn place<'a, DB: DrawingBackend + 'a, X, Y>(
        &self,
        chart: &ChartContext<'a, DB, Cartesian2d<X, Y>>,
        (width, height): (u32, u32),
    ) -> LegendPlace
    where
        X: Ranged<ValueType = f64>,
        Y: Ranged<ValueType = f64>,
    {
        let (covered, _) = self.spot(chart, SeriesLabelPosition::UpperLeft);
        let (plot_width, plot_height) = chart.plotting_area().dim_in_pixel();
        let (_, box_height) = self.size();
        // A box over half the plot's height leaves the lines that move (the network's, the
        // pinned runs') little room to pass it by.
        let tall = 2 * box_height as u32 > plot_height;
        if covered == 0 && !tall {
            return LegendPlace::OnPlot;
        }
        let style = self.style;
        let keep = (f64::from(width) * PLOT_SHARE).ceil() as u32;
        let spare = plot_width.saturating_sub(keep + legend_gap(style));
        if spare >= legend_chrome(style) + style.px(110.0) {
            let beside = self.renamed(Legend::beside(style, spare));
            if beside.size().1 as u32 <= plot_height {
                return LegendPlace::Beside(beside.needed_room().min(spare));
            }
        }
        // Under the plot in at most half the chart's height: labels over up to three lines, or
        // else one line each; in a low chart with many runs, up to 3/5 of it (the plot keeps its
        // width, and a box over it would hide more).
        let span = below_width(width, style);
        // Labels in one line first where that cuts none and makes the legend lower (short names in
        // more columns: five rows of one word each under a projector's narrow chart took a third of
        // its height).
        let one_line = self.lowest_below(span, 1);
        let first = if one_line.whole()
            && one_line.size().1 < self.lowest_below(span, MOST_LINES).size().1
        {
            1
        } else {
            MOST_LINES
        };
        for (lines, most) in [(first, 0.5), (1, 0.5), (1, 0.6)] {
            let below = self.lowest_below(span, lines);
            let room = below.size().1 as u32 + style.px(6.0);
            if f64::from(room) <= most * f64::from(height) {
                let columns = below.columns;
                return LegendPlace::Below(room, BelowLayout { columns, lines });
            }
        }
        LegendPlace::OnPlot
    }

    fn font(&self) -> TextStyle<'static> {
        self.style.font(super::TICK_PX)
    }

    /// Whether every label is written whole, in one line (none broken, none cut).
    fn whole(&self) -> bool {
        (self.entries.iter()).all(|entry| matches!(&entry.lines[..], [line] if *line == entry.text))
    }

    /// Names a series in the legend as `text` (over as many lines as it needs to fit), shown by
    /// `sample`. The legend draws its entries itself (`draw`, `draw_beside`, `draw_below`):
    /// plotters' own legend sizes each label twice through the page's layout (see `measured`), in
    /// every drawing.
    pub(crate) fn name(&mut self, text: &str, sample: Sample) {
        let font = self.font();
        let mut lines = super::wrap(&font, text, self.widest_label);
        // At most three lines (one where room is short): the rest of a very long name (a pinned
        // run differing in many settings, listed whole in the pinned runs' list) cut with an
        // ellipsis.
        if lines.len() > self.most_lines {
            let rest = lines.split_off(self.most_lines - 1).join(" ");
            lines.push(ellipsized(&font, &rest, self.widest_label));
        }
        self.entries.push(Entry {
            text: text.to_string(),
            lines,
            sample,
        });
    }

    /// One line's height (device pixels): 1.25 font sizes, as plotters' series labels.
    fn line_height(&self) -> f64 {
        self.font().font.get_size() * 1.25
    }

    /// Each entry's top left corner from the box's (device pixels), and the box's size: entries
    /// down a column (or across `columns` and down rows), each as many lines high as its label.
    fn layout(&self) -> (Vec<(i32, i32)>, (i32, i32)) {
        let font = self.font();
        let line = self.line_height();
        let margin = legend_margin(self.style) as i32;
        let sample = legend_sample(self.style) as i32;
        let column_width = self.widest_label as i32 + sample + margin;
        let mut corners = Vec::with_capacity(self.entries.len());
        let (mut widest, mut top) = (0, margin);
        for row in self.entries.chunks(self.columns) {
            let mut lines_in_row = 1;
            for (column, entry) in row.iter().enumerate() {
                let left = margin + column as i32 * column_width;
                corners.push((left, top));
                let width = entry
                    .lines
                    .iter()
                    .filter_map(|l| measured::text_size(&font, l))
                    .map(|(w, _)| w as i32)
                    .max()
                    .unwrap_or(0);
                widest = widest.max(left + sample + width);
                lines_in_row = lines_in_row.max(entry.lines.len());
            }
            top += (lines_in_row as f64 * line).round() as i32;
        }
        // The last line's text ends a quarter line above its line's end.
        let bottom = top - (line * 0.25).round() as i32 + margin;
        (corners, (widest + margin, bottom.max(2 * margin)))
    }

    /// Draws the box at `(x, y)` of `area` (device pixels): the background, the border, each
    /// entry's sample and its label's lines beside it.
    fn paint<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        (x, y): (i32, i32),
        opacity: f64,
    ) -> DrawResult<DB> {
        let (corners, (w, h)) = self.layout();
        let box_corners = [(x, y), (x + w, y + h)];
        area.draw(&Rectangle::new(box_corners, WHITE.mix(opacity).filled()))?;
        area.draw(&Rectangle::new(box_corners, palette::GRID))?;
        let font = self.font();
        let line = self.line_height();
        let style = self.style;
        for (entry, (left, top)) in self.entries.iter().zip(corners) {
            let (left, top) = (x + left, y + top);
            let first = entry.lines.first().map_or("", String::as_str);
            let (_, height) = measured::text_size(&font, first).unwrap_or((0, 0));
            let middle = (2 * top + height as i32) / 2;
            let text_x = left + legend_sample(style) as i32;
            for (i, text) in entry.lines.iter().enumerate() {
                let at = (text_x, top + (i as f64 * line).round() as i32);
                area.draw(&Text::new(text.as_str(), at, font.clone()))?;
            }
            match entry.sample {
                Sample::Dot(colour) => area.draw(&Circle::new(
                    (left + style.px(10.0) as i32, middle),
                    style.px(5.0),
                    colour.filled(),
                ))?,
                Sample::Line(colour) => area.draw(&legend_line(colour, style)((left, middle)))?,
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

    /// Draws a legend made `below` in the `room` device pixels kept free at the bottom of `area`
    /// (the chart was built with it), from its left margin.
    pub(crate) fn draw_below<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        room: u32,
    ) -> DrawResult<DB> {
        let (_, height) = area.dim_in_pixel();
        let top = height.saturating_sub(room) + self.style.px(3.0);
        let left = self.style.px(8.0) as i32;
        self.paint(area, (left, top as i32), 0.95)
    }

    /// A series drawn as a line through `points`.
    pub(crate) fn line(&mut self, points: impl IntoIterator<Item = (f64, f64)>) {
        self.lines.push(points.into_iter().collect());
    }

    /// A series drawn as dots at `points`.
    pub(crate) fn dots(&mut self, points: impl IntoIterator<Item = (f64, f64)>) {
        self.dots.extend(points);
    }

    /// The box's size (device pixels).
    fn size(&self) -> (i32, i32) {
        self.layout().1
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

/// The width (device pixels) a legend under the plot of a chart `width` pixels wide spans: the
/// chart's less its margins.
pub(crate) fn below_width(width: u32, style: ChartStyle) -> u32 {
    width.saturating_sub(2 * style.px(8.0))
}
