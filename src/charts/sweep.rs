//! A sweep in one picture: with one varied setting (or none), a stacked bar of outcomes per value,
//! the born-dead share's 95% interval as a whisker and the theory as a dashed mark; with two, a heat
//! map of one outcome's share over both.

use super::{format_axis, palette, ChartStyle, DrawResult};
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

fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    picture: &SweepPicture,
    style: ChartStyle,
) -> DrawResult<DB> {
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
    // The legend's column at the right: as wide as its longest word (at most two fifths of the
    // chart, longer words cut with an ellipsis), so no word is cut off at the chart's edge.
    let legend_font = style.font(12.0);
    let (width, _) = area.dim_in_pixel();
    let sample = style.px(20.0);
    let widest_word = Outcome::ALL
        .iter()
        .map(|o| style.tr(outcome_words(*o)))
        .chain([style.tr(i18n::THEORY), style.tr(i18n::INTERVAL_95)])
        .filter_map(|w| super::measured::text_size(&legend_font, w))
        .map(|(w, _)| w)
        .max()
        .unwrap_or(0);
    let column = (sample + widest_word + style.px(6.0)).min(width * 2 / 5);
    let word = |text: &str| super::ellipsized(&legend_font, text, column.saturating_sub(sample));
    let mut chart = ChartBuilder::on(area)
        .caption(caption, style.font(15.0))
        .margin(style.px(8.0))
        .margin_right(column + style.px(12.0))
        .x_label_area_size(style.px(40.0))
        .y_label_area_size(style.px(56.0))
        .build_cartesian_2d(0.0..n, 0.0f64..1.0)?;
    let label_of = |v: &f64| {
        let index = (*v - 0.5).round();
        if (*v - 0.5 - index).abs() < 1e-6 && index >= 0.0 {
            labels.get(index as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(palette::GRID)
        .x_labels(labels.len() * 2 + 1)
        .x_label_formatter(&label_of)
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .x_desc(key)
        .y_desc(style.tr(i18n::SHARE_OF_RUNS))
        .label_style(style.font(12.0))
        .axis_desc_style(style.font(13.0))
        .draw()?;
    for (index, counts) in picture.cells.iter().enumerate() {
        let runs = counts.runs();
        if runs == 0 {
            continue;
        }
        let (left, right) = (index as f64 + 0.15, index as f64 + 0.85);
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
        // Born dead is the bottom of the stack: its 95% interval as a whisker, the theory dashed.
        let (low, high) = wilson(counts.get(Outcome::BornDead), runs);
        let middle = index as f64 + 0.5;
        let whisker = BLACK.stroke_width(style.px(2.0));
        chart.draw_series([PathElement::new([(middle, low), (middle, high)], whisker)])?;
        for y in [low, high] {
            chart.draw_series([PathElement::new(
                [(middle - 0.06, y), (middle + 0.06, y)],
                whisker,
            )])?;
        }
        if let Some(theory) = picture.theory.get(index).copied().flatten() {
            chart.draw_series(DashedLineSeries::new(
                [(left - 0.08, theory), (right + 0.08, theory)],
                style.px(6.0),
                style.px(4.0),
                BLACK.stroke_width(style.px(2.5)),
            ))?;
        }
    }
    // The legend at the right: every outcome's colour and name, and the marks.
    let x = width as i32 - column as i32;
    let line = style.px(20.0) as i32;
    let mut y = style.px(40.0) as i32;
    for outcome in Outcome::ALL.iter().rev() {
        area.draw(&Rectangle::new(
            [
                (x, y),
                (x + style.px(14.0) as i32, y + style.px(14.0) as i32),
            ],
            outcome_colour(*outcome).filled(),
        ))?;
        area.draw(&Text::new(
            word(style.tr(outcome_words(*outcome))),
            (x + sample as i32, y),
            legend_font.clone(),
        ))?;
        y += line;
    }
    y += line / 2;
    area.draw(&PathElement::new(
        [(x, y + line / 4), (x + style.px(14.0) as i32, y + line / 4)],
        BLACK.stroke_width(style.px(2.5)),
    ))?;
    area.draw(&Text::new(
        word(style.tr(i18n::THEORY)),
        (x + sample as i32, y),
        legend_font.clone(),
    ))?;
    y += line;
    area.draw(&PathElement::new(
        [
            (x + style.px(7.0) as i32, y),
            (x + style.px(7.0) as i32, y + style.px(14.0) as i32),
        ],
        BLACK.stroke_width(style.px(2.0)),
    ))?;
    area.draw(&Text::new(
        word(style.tr(i18n::INTERVAL_95)),
        (x + sample as i32, y),
        legend_font.clone(),
    ))?;
    Ok(())
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
    let label = |values: &[String], v: f64| {
        let index = (v - 0.5).round();
        if (v - 0.5 - index).abs() < 1e-6 && index >= 0.0 {
            values.get(index as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(columns * 2 + 1)
        .y_labels(rows * 2 + 1)
        .x_label_formatter(&|v| label(&first.1, *v))
        .y_label_formatter(&|v| label(&second.1, *v))
        .x_desc(first.0)
        .y_desc(second.0)
        .label_style(style.font(12.0))
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
