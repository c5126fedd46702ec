//! A sweep in one picture: with one varied setting (or none), a stacked bar of outcomes per value,
//! the born-dead share's 95% interval as a whisker and the theory as a dashed mark; with two, a heat
//! map of one outcome's share over both.

use super::{format_axis, palette, ChartStyle, DrawResult, XyChart};
use crate::engine::sweep::{wilson, Counts};
use crate::engine::Outcome;
use crate::i18n;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// An outcome as people read it.
pub fn outcome_words(outcome: Outcome) -> i18n::Text {
    match outcome {
        Outcome::BornDead => i18n::OUTCOME_BORN_DEAD,
        Outcome::Killed => i18n::OUTCOME_KILLED,
        Outcome::HiddenDead => i18n::OUTCOME_HIDDEN_DEAD,
        Outcome::Diverged => i18n::OUTCOME_DIVERGED,
        Outcome::Learning => i18n::OUTCOME_LEARNING,
        Outcome::Converged => i18n::OUTCOME_CONVERGED,
    }
}

/// Colour-blind-safe colours of the outcomes (Okabe–Ito).
pub fn outcome_colour(outcome: Outcome) -> RGBColor {
    match outcome {
        Outcome::BornDead => RGBColor(213, 94, 0),
        Outcome::Killed => RGBColor(204, 121, 167),
        Outcome::HiddenDead => RGBColor(120, 120, 120),
        Outcome::Diverged => RGBColor(240, 228, 66),
        Outcome::Learning => RGBColor(86, 180, 233),
        Outcome::Converged => RGBColor(0, 158, 115),
    }
}

/// What the sweep chart draws.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepPicture {
    /// The varied settings with their values (none, one or two).
    pub axes: Vec<(&'static str, Vec<String>)>,
    /// Counts of each cell, the first setting varying slowest.
    pub cells: Vec<Counts>,
    /// P(born dead) where a formula gives it, per cell.
    pub theory: Vec<Option<f64>>,
    /// The outcome a heat map shows.
    pub outcome: Outcome,
}

/// Draws the sweep: bars for one setting or none, a heat map for two.
pub fn draw_sweep<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    picture: &SweepPicture,
    style: ChartStyle,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    if picture.axes.len() == 2 {
        draw_heat_map(area, picture, style)
    } else {
        draw_bars(area, picture, style)
    }
}

/// A stacked bar of outcomes per value of the one varied setting (one bar for this run's settings
/// where none varies), the legend in a column at the right.
fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    picture: &SweepPicture,
    style: ChartStyle,
) -> DrawResult<DB> {
    let (width, _) = area.dim_in_pixel();
    let legend = BarLegend::new(width, style);
    let mut chart = bar_chart(area, picture, legend.column, style)?;
    for (index, counts) in picture.cells.iter().enumerate() {
        // A cell with no run back yet has no bar.
        if counts.runs() == 0 {
            continue;
        }
        draw_stack(&mut chart, index, counts)?;
        let theory = picture.theory.get(index).copied().flatten();
        draw_born_dead_marks(&mut chart, index, counts, theory, style)?;
    }
    legend.draw(area, style)
}

/// The bar chart's frame: its caption, the setting's values under the bars, shares of runs up the
/// side, and `column` device pixels kept free at the right for the legend.
fn bar_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    picture: &SweepPicture,
    column: u32,
    style: ChartStyle,
) -> Result<XyChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let labels: Vec<String> = match picture.axes.first() {
        Some((_, values)) => values.clone(),
        None => vec![style.tr(i18n::THIS_RUNS_SETTINGS).into()],
    };
    let key = picture.axes.first().map_or("", |(key, _)| *key);
    let n = labels.len().max(1) as f64;
    let caption = if key.is_empty() {
        style.tr(i18n::OUTCOMES_OVER_SEEDS).to_string()
    } else {
        style.fill(i18n::OUTCOMES_OVER_SEEDS_BY, &[&key])
    };
    let mut chart = ChartBuilder::on(area)
        .caption(caption, style.font(15.0))
        .margin(style.px(8.0))
        .margin_right(column + style.px(12.0))
        .x_label_area_size(style.px(40.0))
        .y_label_area_size(style.px(56.0))
        .build_cartesian_2d(0.0..n, 0.0f64..1.0)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(palette::GRID)
        .x_labels(labels.len() * 2 + 1)
        .x_label_formatter(&|v| middle_label(&labels, *v))
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .x_desc(key)
        .y_desc(style.tr(i18n::SHARE_OF_RUNS))
        .label_style(style.tick_font())
        .axis_desc_style(style.font(13.0))
        .draw()?;
    Ok(chart)
}

/// The label of the bar or cell whose middle is at `v` (`values[i]` at i + 0.5), empty between.
fn middle_label(values: &[String], v: f64) -> String {
    let index = (v - 0.5).round();
    if (v - 0.5 - index).abs() < 1e-6 && index >= 0.0 {
        values.get(index as usize).cloned().unwrap_or_default()
    } else {
        String::new()
    }
}

/// The left and right of bar `index`.
fn bar_sides(index: usize) -> (f64, f64) {
    (index as f64 + 0.15, index as f64 + 0.85)
}

/// Bar `index`: each outcome's share of the runs stacked in the order of `Outcome::ALL`.
fn draw_stack<DB: DrawingBackend>(
    chart: &mut XyChart<'_, DB>,
    index: usize,
    counts: &Counts,
) -> DrawResult<DB> {
    let runs = counts.runs();
    let (left, right) = bar_sides(index);
    let mut bottom = 0.0;
    for outcome in Outcome::ALL {
        let share = counts.get(outcome) as f64 / runs as f64;
        if share > 0.0 {
            chart.draw_series([Rectangle::new(
                [(left, bottom), (right, bottom + share)],
                outcome_colour(outcome).filled(),
            )])?;
        }
        bottom += share;
    }
    Ok(())
}

/// Born dead is the bottom of the stack: its 95% interval as a whisker over bar `index`, the
/// theory's share (where a formula gives one) as a dashed mark across it.
fn draw_born_dead_marks<DB: DrawingBackend>(
    chart: &mut XyChart<'_, DB>,
    index: usize,
    counts: &Counts,
    theory: Option<f64>,
    style: ChartStyle,
) -> DrawResult<DB> {
    let (low, high) = wilson(counts.get(Outcome::BornDead), counts.runs());
    let middle = index as f64 + 0.5;
    let whisker = BLACK.stroke_width(style.px(2.0));
    chart.draw_series([PathElement::new([(middle, low), (middle, high)], whisker)])?;
    for y in [low, high] {
        chart.draw_series([PathElement::new(
            [(middle - 0.06, y), (middle + 0.06, y)],
            whisker,
        )])?;
    }
    if let Some(theory) = theory {
        let (left, right) = bar_sides(index);
        chart.draw_series(DashedLineSeries::new(
            [(left - 0.08, theory), (right + 0.08, theory)],
            style.px(6.0),
            style.px(4.0),
            BLACK.stroke_width(style.px(2.5)),
        ))?;
    }
    Ok(())
}

/// The bar chart's legend: a column at the right with every outcome's colour and name, and the
/// marks (theory, 95% interval).
struct BarLegend {
    font: TextStyle<'static>,
    /// The column's width: as wide as its longest word (at most two fifths of the chart, longer
    /// words cut with an ellipsis), so no word is cut off at the chart's edge.
    column: u32,
    /// The room of an entry's swatch or mark, left of its word.
    sample: u32,
}

impl BarLegend {
    fn new(chart_width: u32, style: ChartStyle) -> BarLegend {
        let font = style.tick_font();
        let sample = style.px(20.0);
        let widest_word = Outcome::ALL
            .iter()
            .map(|o| style.tr(outcome_words(*o)))
            .chain([style.tr(i18n::THEORY), style.tr(i18n::INTERVAL_95)])
            .filter_map(|w| super::measured::text_size(&font, w))
            .map(|(w, _)| w)
            .max()
            .unwrap_or(0);
        let column = (sample + widest_word + style.px(6.0)).min(chart_width * 2 / 5);
        BarLegend {
            font,
            column,
            sample,
        }
    }

    /// `text` as the column shows it: whole, or cut with an ellipsis to fit beside its mark.
    fn word(&self, text: &str) -> String {
        super::legend::ellipsized(&self.font, text, self.column.saturating_sub(self.sample))
    }

    /// Draws the legend at the right of `area`: the outcomes top to bottom in the stack's order
    /// (the top one first), a line's gap, then the theory's mark and the whisker.
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: ChartStyle,
    ) -> DrawResult<DB> {
        let (width, _) = area.dim_in_pixel();
        let x = width as i32 - self.column as i32;
        let line = style.px(20.0) as i32;
        let mut y = style.px(40.0) as i32;
        let swatch = style.px(14.0) as i32;
        for outcome in Outcome::ALL.iter().rev() {
            area.draw(&Rectangle::new(
                [(x, y), (x + swatch, y + swatch)],
                outcome_colour(*outcome).filled(),
            ))?;
            self.draw_word(area, outcome_words(*outcome), (x, y), style)?;
            y += line;
        }
        y += line / 2;
        area.draw(&PathElement::new(
            [(x, y + line / 4), (x + swatch, y + line / 4)],
            BLACK.stroke_width(style.px(2.5)),
        ))?;
        self.draw_word(area, i18n::THEORY, (x, y), style)?;
        y += line;
        let middle = x + style.px(7.0) as i32;
        area.draw(&PathElement::new(
            [(middle, y), (middle, y + swatch)],
            BLACK.stroke_width(style.px(2.0)),
        ))?;
        self.draw_word(area, i18n::INTERVAL_95, (x, y), style)
    }

    /// An entry's word, right of its swatch or mark at `(x, y)`.
    fn draw_word<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        text: i18n::Text,
        (x, y): (i32, i32),
        style: ChartStyle,
    ) -> DrawResult<DB> {
        area.draw(&Text::new(
            self.word(style.tr(text)),
            (x + self.sample as i32, y),
            self.font.clone(),
        ))
    }
}

/// Mixes white and the outcome's colour by `share`: 0 white, 1 the full colour.
fn shade(outcome: Outcome, share: f64) -> RGBColor {
    let RGBColor(r, g, b) = outcome_colour(outcome);
    let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * share.clamp(0.0, 1.0)).round() as u8;
    RGBColor(mix(r), mix(g), mix(b))
}

fn draw_heat_map<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    picture: &SweepPicture,
    style: ChartStyle,
) -> DrawResult<DB> {
    let (first, second) = (&picture.axes[0], &picture.axes[1]);
    let (columns, rows) = (first.1.len().max(1), second.1.len().max(1));
    let caption = style.fill(
        i18n::HEAT_MAP_CAPTION,
        &[
            &style.tr(outcome_words(picture.outcome)),
            &first.0,
            &second.0,
        ],
    );
    let mut chart = ChartBuilder::on(area)
        .caption(caption, style.font(15.0))
        .margin(style.px(8.0))
        .x_label_area_size(style.px(40.0))
        .y_label_area_size(style.px(64.0))
        .build_cartesian_2d(0.0..columns as f64, 0.0..rows as f64)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(columns * 2 + 1)
        .y_labels(rows * 2 + 1)
        .x_label_formatter(&|v| middle_label(&first.1, *v))
        .y_label_formatter(&|v| middle_label(&second.1, *v))
        .x_desc(first.0)
        .y_desc(second.0)
        .label_style(style.tick_font())
        .axis_desc_style(style.font(13.0))
        .draw()?;
    let centered = style.font(13.0).pos(Pos::new(HPos::Center, VPos::Center));
    for (index, counts) in picture.cells.iter().enumerate() {
        let (column, row) = ((index / rows) as f64, (index % rows) as f64);
        let runs = counts.runs();
        if runs == 0 {
            continue;
        }
        let share = counts.get(picture.outcome) as f64 / runs as f64;
        chart.draw_series([Rectangle::new(
            [(column, row), (column + 1.0, row + 1.0)],
            shade(picture.outcome, share).filled(),
        )])?;
        chart.draw_series([Rectangle::new(
            [(column, row), (column + 1.0, row + 1.0)],
            palette::GRID.stroke_width(1),
        )])?;
        chart.draw_series([Text::new(
            format!("{}%", format_axis((share * 100.0).round())),
            (column + 0.5, row + 0.5),
            centered.clone(),
        )])?;
    }
    Ok(())
}
