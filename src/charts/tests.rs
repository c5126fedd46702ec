//! The charts drawn onto a raster backend and read back: pixels by colour, texts as drawn.

use super::*;
use crate::engine::{Config, Trainer};
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
    /// Every path, circle, rectangle and text in the order drawn, where it was drawn.
    elements: Vec<Drawn>,
}

/// One element as the backend was asked to draw it (device pixels).
#[derive(Clone, Debug)]
enum Drawn {
    Path {
        colour: (u8, u8, u8),
        points: Vec<BackendCoord>,
    },
    Circle {
        colour: (u8, u8, u8),
        centre: BackendCoord,
    },
    Rect {
        alpha: f64,
        filled: bool,
        corners: (BackendCoord, BackendCoord),
    },
    /// A text and the box it covers, from the font's own layout.
    Text {
        text: String,
        corners: (BackendCoord, BackendCoord),
    },
}

impl Raster {
    fn new(width: u32, height: u32) -> Raster {
        Raster {
            width,
            height,
            pixels: vec![(255, 255, 255); (width * height) as usize],
            texts: Vec::new(),
            elements: Vec::new(),
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
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        // Like a canvas: a fully transparent text leaves no trace.
        if style.color().alpha > 0.0 {
            self.texts.push(text.to_string());
            if let Ok(((x0, y0), (x1, y1))) = style.layout_box(text) {
                use plotters_backend::text_anchor::{HPos, VPos};
                let (width, height) = (x1 - x0, y1 - y0);
                let anchor = style.anchor();
                let left = match anchor.h_pos {
                    HPos::Left => pos.0,
                    HPos::Center => pos.0 - width / 2,
                    HPos::Right => pos.0 - width,
                };
                let top = match anchor.v_pos {
                    VPos::Top => pos.1,
                    VPos::Center => pos.1 - height / 2,
                    VPos::Bottom => pos.1 - height,
                };
                self.elements.push(Drawn::Text {
                    text: text.to_string(),
                    corners: ((left, top), (left + width, top + height)),
                });
            }
        }
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        centre: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.elements.push(Drawn::Circle {
            colour: style.color().rgb,
            centre,
        });
        plotters_backend::rasterizer::draw_circle(self, centre, radius, style, fill)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.elements.push(Drawn::Rect {
            alpha: style.color().alpha,
            filled: fill,
            corners: (upper_left, bottom_right),
        });
        plotters_backend::rasterizer::draw_rect(self, upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        // One-pixel lines are enough to find a series by its colour.
        let points: Vec<BackendCoord> = path.into_iter().collect();
        self.elements.push(Drawn::Path {
            colour: style.color().rgb,
            points: points.clone(),
        });
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

#[test]
fn bn_units_chart_draws_each_unit_after_normalization_with_the_moving_statistics() {
    let trainer = trained("preset=standardized&bn=1&hidden=6&epochs=3");
    let curves = unit_curves(&trainer, 0);
    let shape = trainer.shape();
    let p = trainer.parameters();
    let data = trainer.data();
    let at = |i: usize| f64::from(p[i]);
    // Each unit's curve, evaluated by hand from its raw parameters: v·relu(γ·(w·x + b − mean)/√(var + ε)
    // + β), in y units.
    for (unit, curve) in curves.iter().enumerate() {
        for &(x, value) in &curve.points {
            let x_scaled = f64::from(data.x_scaler.apply(x) as f32);
            let z = at(shape.layer(0).kernel.start + unit) * x_scaled
                + at(shape.layer(0).bias.start + unit);
            let y = at(shape.gammas().start + unit) * (z - at(shape.moving_means().start + unit))
                / (at(shape.moving_variances().start + unit) + 1e-3).sqrt()
                + at(shape.betas().start + unit);
            let expected =
                at(shape.output().kernel.start + unit) * y.max(0.0) * data.y_scaler.scale;
            assert!(
                (value - expected).abs() < 1e-3 * expected.abs().max(1.0),
                "unit {unit} at x {x}: {value} vs {expected}"
            );
        }
    }
    let dead = curves.iter().filter(|c| c.dead).count();
    assert_eq!(dead, trainer.dead_hidden());
}

fn render_units(trainer: &Trainer) -> Raster {
    let mut raster = Raster::new(640, 520);
    {
        let root = (&mut raster).into_drawing_area();
        let (top, bottom) = root.split_vertically(400);
        draw_units(&top, &bottom, trainer, 0, ChartStyle::default()).unwrap();
    }
    raster
}

/// The fit chart of `trainer` alone, at 640×400 in the default style.
fn render_fit(trainer: &Trainer) -> Raster {
    let mut raster = Raster::new(640, 400);
    {
        let root = (&mut raster).into_drawing_area();
        draw_fit(&root, trainer, &[], ChartStyle::default()).unwrap();
    }
    raster
}

#[test]
fn standardized_fit_line_lies_on_the_target() {
    let trainer = trained("preset=standardized");
    let raster = render_fit(&trainer);
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

/// A constant target (f=3) has no span: its y axis spans half its size either side, so the axis'
/// labels differ and a run the banner calls a fit is drawn flat on the target (it was drawn as
/// spikes from edge to edge of an axis that read "3" five times).
#[test]
fn a_constant_targets_fit_is_drawn_flat_on_it() {
    let trainer = trained("preset=standardized&f=3&epochs=200");
    let raster = render_fit(&trainer);
    // The y axis' labels: the numbers left of the plot (the x axis' are under it).
    let mut labels: Vec<&String> = raster
        .elements
        .iter()
        .filter_map(|e| match e {
            Drawn::Text { text, corners } if corners.1 .0 < 80 && text.parse::<f64>().is_ok() => {
                Some(text)
            }
            _ => None,
        })
        .collect();
    let count = labels.len();
    labels.sort();
    labels.dedup();
    assert!(count >= 3 && labels.len() == count, "{:?}", raster.texts);
    // In the middle half of the chart, where the data is dense, the prediction's pixels lie within
    // 8 rows (0.08 in y) of the target line; towards the edges it may bend away, as it does.
    let target = raster.column_of(palette::TARGET);
    let mut rows: Vec<u32> = target.iter().map(|p| p.1).collect();
    rows.sort_unstable();
    let target_row = rows[rows.len() / 2];
    let middle: Vec<(u32, u32)> = raster
        .column_of(palette::PREDICTION)
        .into_iter()
        .filter(|p| (160..=480).contains(&p.0))
        .collect();
    let far: Vec<_> = middle
        .iter()
        .filter(|p| p.1.abs_diff(target_row) > 8)
        .collect();
    assert!(
        middle.len() > 150 && far.is_empty(),
        "{} prediction pixels in the middle, off row {target_row}: {far:?}",
        middle.len()
    );
}

#[test]
fn own_data_read_by_name_labels_the_axes_with_its_columns_and_draws_no_target_line() {
    use crate::engine::config::DataNames;
    use crate::engine::table::Points;
    let mut config = Config::from_query("out=linear&epochs=2").0;
    let points = Points::new(
        vec![181.0, 195.0, 210.0, 230.0],
        vec![3750.0, 4100.0, 4700.0, 5600.0],
    );
    let names = DataNames {
        x: "flipper_length_mm".into(),
        y: "body_mass_g".into(),
        file: "penguins.csv".into(),
    };
    assert!(config.use_data(points.unwrap(), &names).is_empty());
    let mut trainer = Trainer::new(&config);
    trainer.run();
    let raster = render_fit(&trainer);
    for name in ["flipper_length_mm", "body_mass_g"] {
        assert!(
            raster.texts.iter().any(|t| t == name),
            "{name}: {:?}",
            raster.texts
        );
    }
    // Own points have no function: no target line, and the legend names none.
    assert_eq!(raster.count(palette::TARGET), 0);
    assert!(
        !raster.texts.iter().any(|t| t.contains("target")),
        "{:?}",
        raster.texts
    );
    let units = render_units(&trainer);
    assert!(
        units.texts.iter().any(|t| t == "flipper_length_mm"),
        "{:?}",
        units.texts
    );
}

/// The page keeps the fit chart's background as an image while a run trains and draws only the
/// lines over it: that must give the whole chart's pixels and words, pinned runs and legend included.
#[test]
fn fit_background_then_lines_is_the_whole_fit_chart() {
    for (query, pinned) in [
        (
            "preset=standardized&epochs=3",
            "preset=standardized&epochs=3&lr=0.001",
        ),
        (
            "preset=question&epochs=2",
            "preset=question&epochs=2&out=linear",
        ),
        ("preset=log&epochs=1", "preset=log&epochs=1&seed=5"),
    ] {
        let trainer = trained(query);
        let other = trained(pinned);
        let overlays = [Overlay {
            trainer: &other,
            label: trainer
                .config()
                .difference_label(other.config(), Language::En),
        }];
        // Decided once, as the page does with the background it keeps.
        let style = ChartStyle::default();
        let mut scratch = Raster::new(640, 400);
        let beside = fit_legend_room(
            &(&mut scratch).into_drawing_area(),
            &trainer,
            &overlays,
            style,
        )
        .unwrap();
        let draw = |raster: &mut Raster, layer| {
            let root = raster.into_drawing_area();
            draw_fit_layer(&root, &trainer, &overlays, style, layer, beside).unwrap();
        };
        let mut whole = Raster::new(640, 400);
        draw(&mut whole, FitLayer::Whole);
        let mut layered = Raster::new(640, 400);
        // Start from another colour: the background layer must paint every pixel itself.
        layered.pixels.fill((1, 2, 3));
        draw(&mut layered, FitLayer::Background);
        let background_texts = layered.texts.len();
        assert_eq!(
            layered.count(palette::PREDICTION),
            0,
            "{query}: no line in the background"
        );
        assert!(
            layered.count(palette::TRAIN) > 100,
            "{query}: the data are in the background"
        );
        draw(&mut layered, FitLayer::Lines);
        assert_eq!(whole.texts, layered.texts, "{query}");
        assert!(
            background_texts < whole.texts.len(),
            "{query}: the legend comes with the lines"
        );
        let differing = whole
            .pixels
            .iter()
            .zip(&layered.pixels)
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(differing, 0, "{query}: {differing} pixels differ");
        assert!(
            whole.count(palette::PREDICTION) > 100,
            "{query}: the line is drawn"
        );
    }
}

#[test]
fn loss_chart_marks_divergence() {
    let trainer = trained("preset=standardized&opt=momentum&lr=10&act=linear&epochs=200");
    let mut raster = Raster::new(640, 400);
    {
        let root = (&mut raster).into_drawing_area();
        draw_loss(&root, &trainer, &[], LossView::Loss, ChartStyle::default()).unwrap();
    }
    let (epoch, _) = trainer.diverged().unwrap();
    assert!(
        raster.texts.contains(&format!("diverged at epoch {epoch}")),
        "{:?}",
        raster.texts
    );
    assert!(raster.count(palette::DIVERGED) > 50);
}

#[test]
fn loss_chart_draws_the_learning_rate_on_a_second_axis_when_a_schedule_changes_it() {
    let scheduled =
        trained("preset=standardized&schedule=exponential&decay_steps=12&decay_rate=0.5&epochs=12");
    // The history's learning rate falls by half every two epochs: 0.01 down to about 0.0002.
    let rates: Vec<f64> = scheduled
        .history()
        .iter()
        .map(|s| s.learning_rate)
        .collect();
    assert!(rates[0] > 4.0 * rates[rates.len() - 1], "{rates:?}");
    let draw = |trainer: &Trainer, view: LossView| {
        let mut raster = Raster::new(640, 400);
        {
            let root = (&mut raster).into_drawing_area();
            draw_loss(&root, trainer, &[], view, ChartStyle::default()).unwrap();
        }
        raster
    };
    let raster = draw(&scheduled, LossView::Loss);
    let named = raster
        .texts
        .iter()
        .filter(|t| *t == "learning rate")
        .count();
    // The axis' name and the legend's.
    assert_eq!(named, 2, "{:?}", raster.texts);
    // The raster keeps only opaque pixels: of a thin anti-aliased diagonal line, about one in twenty.
    // The legend's sample is the one horizontal run of them (y = its row); the rest is the line.
    let all = raster.column_of(palette::LEARNING_RATE);
    let legend_row = all
        .iter()
        .map(|p| p.1)
        .max_by_key(|&y| all.iter().filter(|p| p.1 == y).count());
    let line: Vec<(u32, u32)> = all
        .into_iter()
        .filter(|p| Some(p.1) != legend_row)
        .collect();
    assert!(line.len() > 12, "{} pixels: {line:?}", line.len());
    // It falls: its left end is higher on the canvas (smaller y) than its right end.
    let left = line
        .iter()
        .filter(|p| p.0 < 200)
        .map(|p| p.1)
        .min()
        .unwrap();
    let right = line
        .iter()
        .filter(|p| p.0 > 450)
        .map(|p| p.1)
        .max()
        .unwrap();
    assert!(left < right, "left {left}, right {right}");
    // A constant learning rate, or the metric's view: no second axis.
    for raster in [
        draw(&trained("preset=question&epochs=3"), LossView::Loss),
        draw(&scheduled, LossView::Metric),
    ] {
        assert!(!raster.texts.iter().any(|t| t == "learning rate"));
        assert_eq!(raster.count(palette::LEARNING_RATE), 0);
    }
}

#[test]
fn empty_history_invites_to_press_play() {
    let trainer = Trainer::new(&Config::default());
    let mut raster = Raster::new(640, 400);
    {
        let root = (&mut raster).into_drawing_area();
        draw_loss(&root, &trainer, &[], LossView::Loss, ChartStyle::default()).unwrap();
    }
    assert!(raster.texts.iter().any(|t| t == "press play to train"));
}

fn counts_of(outcomes: &[(crate::engine::Outcome, usize)]) -> crate::engine::sweep::Counts {
    let mut counts = crate::engine::sweep::Counts::default();
    for &(outcome, n) in outcomes {
        for _ in 0..n {
            counts.add(outcome);
        }
    }
    counts
}

#[test]
fn sweep_bars_stack_each_outcome_to_its_share() {
    use crate::engine::Outcome;
    let picture = SweepPicture {
        axes: vec![("lr", vec!["0.01".into(), "1".into()])],
        cells: vec![
            counts_of(&[(Outcome::BornDead, 30), (Outcome::Converged, 10)]),
            counts_of(&[(Outcome::Killed, 20), (Outcome::Converged, 20)]),
        ],
        theory: vec![Some(0.5), None],
        outcome: Outcome::BornDead,
    };
    let mut raster = Raster::new(800, 400);
    {
        let root = (&mut raster).into_drawing_area();
        draw_sweep(&root, &picture, ChartStyle::default()).unwrap();
    }
    let column =
        |colour: RGBColor, x: u32| raster.column_of(colour).iter().filter(|p| p.0 == x).count();
    // The plot spans x from about 56 to 680: bar 1 near x = 210, bar 2 near x = 520.
    let (born, killed, converged) = (
        outcome_colour(Outcome::BornDead),
        outcome_colour(Outcome::Killed),
        outcome_colour(Outcome::Converged),
    );
    let (left, right) = (200, 520);
    assert!(column(born, left) > 0 && column(born, right) == 0);
    assert!(column(killed, right) > 0 && column(killed, left) == 0);
    // Shares as heights: 3/4 born dead and 1/4 converged on the left, half and half on the right.
    let ratio = column(born, left) as f64 / column(converged, left) as f64;
    assert!((ratio - 3.0).abs() < 0.3, "{ratio}");
    let ratio = column(killed, right) as f64 / column(converged, right) as f64;
    assert!((ratio - 1.0).abs() < 0.1, "{ratio}");
    assert!(
        raster.texts.iter().any(|t| t == "theory"),
        "{:?}",
        raster.texts
    );
}

#[test]
fn a_two_setting_sweep_is_a_heat_map_of_one_outcome() {
    use crate::engine::Outcome;
    let picture = SweepPicture {
        axes: vec![
            ("lr", vec!["0.01".into(), "1".into()]),
            ("hidden", vec!["2".into(), "8".into()]),
        ],
        cells: vec![
            counts_of(&[(Outcome::BornDead, 4)]),
            counts_of(&[(Outcome::BornDead, 1), (Outcome::Converged, 3)]),
            counts_of(&[(Outcome::Converged, 4)]),
            counts_of(&[(Outcome::BornDead, 2), (Outcome::Killed, 2)]),
        ],
        theory: vec![None; 4],
        outcome: Outcome::BornDead,
    };
    let mut raster = Raster::new(600, 400);
    {
        let root = (&mut raster).into_drawing_area();
        draw_sweep(&root, &picture, ChartStyle::default()).unwrap();
    }
    for share in ["100%", "25%", "0%", "50%"] {
        assert!(
            raster.texts.iter().any(|t| t == share),
            "{share}: {:?}",
            raster.texts
        );
    }
    assert!(
        raster.count(outcome_colour(Outcome::BornDead)) > 1000,
        "the full cell in full colour"
    );
}

/// Code names a chart may draw on the Chinese page: link keys, choice names (as the link and Keras
/// spell them) and the words Keras prints.
fn code_names() -> Vec<&'static str> {
    use crate::engine::config::{
        Activation, DataKind, Init, Metric, OptimizerKind, OutputActivation, XScale, YScale,
        SETTINGS,
    };
    let mut names: Vec<&'static str> = SETTINGS.iter().map(|s| s.key).collect();
    for choices in [
        Activation::NAMES,
        OutputActivation::NAMES,
        Init::NAMES,
        OptimizerKind::NAMES,
        DataKind::NAMES,
        XScale::NAMES,
        YScale::NAMES,
        Metric::NAMES,
    ] {
        names.extend_from_slice(choices);
    }
    names.extend_from_slice(&["epoch", "batch", "Dense", "MSE", "MAE"]);
    names
}

/// The English words in `text`: runs of three or more ASCII letters (with `_`) that are not code.
fn english_words(text: &str, allowed: &[&str]) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
        .filter(|word| word.chars().filter(char::is_ascii_alphabetic).count() >= 3)
        .filter(|word| !allowed.contains(word))
        .map(str::to_string)
        .collect()
}

/// Every text every chart draws in `language`, with which chart drew it: each chart kind over cases
/// that reach its every label (loss views and schedules, pins, fit, units, sweeps of 0 to 2 axes).
fn every_chart_text(language: Language) -> Vec<(String, String)> {
    use crate::engine::Outcome;
    let style = ChartStyle {
        scale: 1.0,
        language,
    };
    let mut drawn: Vec<(String, String)> = Vec::new();
    let mut record = |what: &str, raster: Raster| {
        assert!(!raster.texts.is_empty(), "{what}: no text drawn");
        drawn.extend(raster.texts.into_iter().map(|t| (what.to_string(), t)));
    };
    let main = trained("preset=question&epochs=3");
    let same = trained("preset=question&epochs=3");
    let other = trained("preset=question&epochs=3&out=linear&opt=adam");
    let overlays = [
        Overlay {
            trainer: &same,
            label: main.config().difference_label(same.config(), language),
        },
        Overlay {
            trainer: &other,
            label: main.config().difference_label(other.config(), language),
        },
    ];
    for (query, view) in [
        ("preset=question&epochs=3", LossView::Loss),
        ("preset=question&epochs=3", LossView::Metric),
        ("preset=question&epochs=3&metric=mae", LossView::Metric),
        (
            "preset=standardized&opt=momentum&lr=10&act=linear&epochs=200",
            LossView::Loss,
        ),
        ("preset=question&epochs=0", LossView::Loss),
        (
            "preset=standardized&schedule=cosine&decay_steps=30&epochs=6",
            LossView::Loss,
        ),
    ] {
        let trainer = trained(query);
        let mut raster = Raster::new(640, 400);
        let root = (&mut raster).into_drawing_area();
        draw_loss(&root, &trainer, &overlays, view, style).unwrap();
        record(&format!("loss {query} {view:?}"), raster);
    }
    for query in ["preset=standardized&epochs=3", "preset=log&epochs=1"] {
        let trainer = trained(query);
        let mut raster = Raster::new(640, 400);
        let root = (&mut raster).into_drawing_area();
        draw_fit(&root, &trainer, &overlays, style).unwrap();
        record(&format!("fit {query}"), raster);
    }
    for (query, layer) in [
        ("preset=question&epochs=3", 0),
        ("preset=standardized&hidden=3,3,3,3,3,3,3,3&seed=3", 5),
        ("preset=standardized&act=leaky_relu&epochs=2", 0),
        ("preset=standardized&hidden=8,8&act=elu&epochs=2", 1),
    ] {
        let trainer = trained(query);
        let mut raster = Raster::new(640, 520);
        let root = (&mut raster).into_drawing_area();
        let (top, bottom) = root.split_vertically(400);
        draw_units(&top, &bottom, &trainer, layer, style).unwrap();
        record(&format!("units {query}"), raster);
    }
    let counts = counts_of(&[(Outcome::BornDead, 3), (Outcome::Learning, 1)]);
    for axes in [
        vec![],
        vec![("lr", vec!["0.01".into(), "1".into()])],
        vec![
            ("lr", vec!["0.01".into(), "1".into()]),
            ("init", vec!["glorot_uniform".into(), "rai".into()]),
        ],
    ] {
        let cells = (axes.iter().map(|a| a.1.len()).product::<usize>()).max(1);
        let picture = SweepPicture {
            axes,
            cells: vec![counts.clone(); cells],
            theory: vec![Some(0.5); cells],
            outcome: Outcome::BornDead,
        };
        let mut raster = Raster::new(800, 400);
        let root = (&mut raster).into_drawing_area();
        draw_sweep(&root, &picture, style).unwrap();
        record(&format!("sweep {:?}", picture.axes), raster);
    }
    drawn
}

/// Which charts draw English words, and the texts: "chart: text" per text.
fn english_texts(drawn: &[(String, String)], allowed: &[&str]) -> Vec<String> {
    drawn
        .iter()
        .filter(|(_, text)| !english_words(text, allowed).is_empty())
        .map(|(what, text)| format!("{what}: {text}"))
        .collect()
}

#[test]
fn the_chinese_page_draws_no_english_word_on_any_chart() {
    let allowed = code_names();
    let drawn = every_chart_text(Language::Zh);
    let english = english_texts(&drawn, &allowed);
    assert!(
        english.is_empty(),
        "English on the Chinese page:\n{}",
        english.join("\n")
    );
    assert!(drawn.iter().any(|(_, t)| t == i18n::THEORY.zh));
    assert!(drawn.iter().any(|(_, t)| t == i18n::PIN_SAME_SETTINGS.zh));
    // The check can fail: the same charts drawn in English are caught, every kind of chart, and the
    // very words the Chinese charts draw in Chinese.
    let drawn = every_chart_text(Language::En);
    let english = english_texts(&drawn, &allowed);
    for kind in ["loss ", "fit ", "units ", "sweep "] {
        assert!(
            english.iter().any(|line| line.starts_with(kind)),
            "the check finds no English on the English {kind}charts: {english:?}"
        );
    }
    for text in [i18n::THEORY.en, i18n::PIN_SAME_SETTINGS.en] {
        assert!(
            english
                .iter()
                .any(|line| line.ends_with(&format!(": {text}"))),
            "{text} is not caught"
        );
    }
}

/// The rightmost pixel of the lines drawn in `colour` before the legend's box (the legend's own
/// sample lines come after it).
fn rightmost_before_legend(raster: &Raster, colour: RGBColor) -> Option<i32> {
    raster
        .elements
        .iter()
        .take_while(|e| !is_legend_box(e))
        .filter_map(|e| match e {
            Drawn::Path { colour: c, points } if *c == (colour.0, colour.1, colour.2) => {
                points.iter().map(|p| p.0).max()
            }
            _ => None,
        })
        .max()
}

/// The legend's box: the one filled rectangle drawn translucent.
fn is_legend_box(element: &Drawn) -> bool {
    matches!(element, Drawn::Rect { filled: true, alpha, .. } if *alpha < 0.99 && *alpha > 0.0)
}

#[test]
fn a_pinned_runs_epoch_is_where_its_loss_curve_ends() {
    let (colour, _, gap) = pinned_style(0, ChartStyle::default());
    for pinned in [
        // Diverges in epoch 3: its loss is a number up to epoch 2.
        "preset=standardized&opt=momentum&lr=0.2&act=linear&epochs=12",
        "preset=question&epochs=9",
        "preset=standardized&epochs=7",
    ] {
        let pin = trained(pinned);
        let named = pin.last_finite_epoch();
        assert!(named >= 2, "{pinned}: {named}");
        if pin.diverged().is_some() {
            assert!(
                named < pin.epoch(),
                "{pinned}: the diverged epoch has no point"
            );
        }
        // A run whose training loss ends at epoch `named` by construction, drawn solid beside it.
        let reference = trained(&format!("preset=standardized&epochs={named}"));
        assert_eq!(reference.history().last().map(|s| s.epoch), Some(named));
        let overlays = [Overlay {
            trainer: &pin,
            label: "pinned".into(),
        }];
        let mut raster = Raster::new(640, 400);
        {
            let root = (&mut raster).into_drawing_area();
            draw_loss(
                &root,
                &reference,
                &overlays,
                LossView::Loss,
                ChartStyle::default(),
            )
            .unwrap();
        }
        let end = rightmost_before_legend(&raster, palette::TRAIN).unwrap();
        let pinned_end = rightmost_before_legend(&raster, colour).unwrap();
        // A dashed line may end in a gap: at most a gap short of its last point; an epoch is
        // 40 px or more here.
        let epochs = pin.config().epochs.max(named) as i32;
        assert!(560 / epochs > 2 * gap as i32, "{pinned}");
        assert!(
            pinned_end <= end && end - pinned_end <= gap as i32 + 1,
            "{pinned}: the pin names epoch {named}, its curve ends at x = {pinned_end}, epoch {named} is at x = {end}"
        );
    }
}

#[test]
fn decimation_keeps_the_last_point() {
    let points: Vec<(f64, f64)> = (1..=100_000)
        .map(|i| (i as f64, 1.0 + (i % 7) as f64))
        .collect();
    let kept = decimate(&points, 300);
    assert_eq!(kept.last(), points.last());
    assert!(kept.windows(2).all(|w| w[0].0 < w[1].0), "in order");
}

/// The legend's box on a drawn chart: (left, top, right, bottom).
fn legend_box(raster: &Raster) -> Option<(i32, i32, i32, i32)> {
    raster.elements.iter().find_map(|e| match e {
        Drawn::Rect {
            corners: ((x0, y0), (x1, y1)),
            ..
        } if is_legend_box(e) => Some((*x0.min(x1), *y0.min(y1), *x0.max(x1), *y0.max(y1))),
        _ => None,
    })
}

/// What of the series drawn before the legend lies in its box: dots by their centre, lines
/// walked pixel by pixel.
fn data_under_legend(raster: &Raster, series: &[RGBColor]) -> Vec<String> {
    let Some((left, top, right, bottom)) = legend_box(raster) else {
        return Vec::new();
    };
    let colours: Vec<(u8, u8, u8)> = series.iter().map(|c| (c.0, c.1, c.2)).collect();
    let within = |(x, y): (f64, f64)| {
        f64::from(left) <= x
            && x <= f64::from(right)
            && f64::from(top) <= y
            && y <= f64::from(bottom)
    };
    let mut hits = Vec::new();
    for element in raster.elements.iter().take_while(|e| !is_legend_box(e)) {
        match element {
            Drawn::Circle { colour, centre }
                if colours.contains(colour)
                    && within((f64::from(centre.0), f64::from(centre.1))) =>
            {
                hits.push(format!("dot {colour:?} at {centre:?}"));
            }
            Drawn::Path { colour, points } if colours.contains(colour) => {
                for pair in points.windows(2) {
                    let (a, b) = (pair[0], pair[1]);
                    let steps = (a.0 - b.0).abs().max((a.1 - b.1).abs()).max(1);
                    let crosses = (0..=steps).any(|i| {
                        let t = f64::from(i) / f64::from(steps);
                        within((
                            f64::from(a.0) + t * f64::from(b.0 - a.0),
                            f64::from(a.1) + t * f64::from(b.1 - a.1),
                        ))
                    });
                    if crosses {
                        hits.push(format!("line {colour:?} from {a:?} to {b:?}"));
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    hits
}

/// Checks a drawn chart's legend: it exists, lies inside the chart, covers no series and holds
/// its labels whole (each label's text box inside the legend's box).
fn assert_legend_clear(what: &str, raster: &Raster, series: &[RGBColor], labels: usize) {
    let (left, top, right, bottom) =
        legend_box(raster).unwrap_or_else(|| panic!("{what}: no legend drawn"));
    assert!(
        left >= 0 && top >= 0 && right < raster.width as i32 && bottom < raster.height as i32,
        "{what}: the legend {:?} leaves the {}×{} chart",
        (left, top, right, bottom),
        raster.width,
        raster.height
    );
    let under = data_under_legend(raster, series);
    assert!(under.is_empty(), "{what}: the legend covers {under:?}");
    let texts: Vec<&Drawn> = raster
        .elements
        .iter()
        .skip_while(|e| !is_legend_box(e))
        .filter(|e| matches!(e, Drawn::Text { .. }))
        .collect();
    assert!(texts.len() >= labels, "{what}: {} labels", texts.len());
    for text in texts.iter().take(labels) {
        if let Drawn::Text {
            text,
            corners: ((x0, y0), (x1, y1)),
        } = text
        {
            assert!(
                left <= *x0 && *x1 <= right && top <= *y0 && *y1 <= bottom,
                "{what}: {text:?} at {:?} sticks out of the legend {:?}",
                ((x0, y0), (x1, y1)),
                (left, top, right, bottom)
            );
        }
    }
}

#[test]
fn legends_cover_no_data_and_stay_inside_the_chart() {
    let (pin_0, _, _) = pinned_style(0, ChartStyle::default());
    let (pin_1, _, _) = pinned_style(1, ChartStyle::default());
    let (pin_2, _, _) = pinned_style(2, ChartStyle::default());
    let series = [
        palette::TRAIN,
        palette::VALIDATION,
        palette::TEST,
        palette::PREDICTION,
        palette::TARGET,
        palette::DIVERGED,
        pin_0,
        pin_1,
        pin_2,
    ];
    // A long name: many differences, as a pinned run can have.
    let long = "preset=question&epochs=20&out=linear&opt=adam&lr=0.001&xscale=standard&yscale=standard&init=he_uniform&hidden=64,64&batch=32";
    let pinned_links = [
        // Born dead: its loss is a flat line across the top, where a legend used to sit.
        "preset=question&seed=2&epochs=20",
        "preset=adam&epochs=20",
        long,
    ];
    let pins: Vec<Trainer> = pinned_links.iter().map(|l| trained(l)).collect();
    for (main, view) in [
        ("preset=question&epochs=20", LossView::Loss),
        ("preset=standardized&epochs=20", LossView::Loss),
        (
            "preset=standardized&opt=momentum&lr=10&act=linear&epochs=20",
            LossView::Loss,
        ),
    ] {
        let trainer = trained(main);
        for language in [Language::En, Language::Zh] {
            let style = ChartStyle {
                scale: 1.0,
                language,
            };
            let overlays = named_overlays(&trainer, &pins[..], language);
            // Three pins on a desktop's chart (and at twice the pixels, a projector's or a
            // high-density screen's), one on a phone's.
            for (width, height, pinned, scale) in
                [(640, 400, 3, 1.0), (1280, 800, 3, 2.0), (360, 260, 1, 1.0)]
            {
                let overlays = &overlays[..pinned];
                let style = ChartStyle { scale, ..style };
                let mut raster = Raster::new(width, height);
                {
                    let root = (&mut raster).into_drawing_area();
                    draw_loss(&root, &trainer, overlays, view, style).unwrap();
                }
                let what = format!("loss {main} {language:?} {width}×{height} ×{scale}");
                assert_legend_clear(&what, &raster, &series, 2 + overlays.len());
            }
        }
    }
    for (main, pinned) in [
        ("preset=standardized&epochs=5", &pins[..]),
        ("preset=question&epochs=20", &pins[..2]),
        ("preset=log&epochs=1", &pins[1..]),
    ] {
        let trainer = trained(main);
        for language in [Language::En, Language::Zh] {
            let style = ChartStyle {
                scale: 1.0,
                language,
            };
            let overlays = named_overlays(&trainer, pinned, language);
            // Up to three pins on a desktop's chart, the last one on a phone's; and a phone's fit
            // chart as the page sizes it (style.css: 360 CSS px high under 600 px wide, about 370
            // wide on a 390 px screen: 359 CSS px, at 2 device px each), no pin.
            for (width, height, most, scale) in [
                (640, 400, 3, 1.0),
                (360, 300, 1, 1.0),
                (718, PHONE_FIT_HEIGHT, 0, 2.0),
                // Classroom mode on 1024×768 and 1366×768 projectors: wide, low charts, text a
                // third larger (the page's sizes there), one pin and none.
                (570, 274, 0, 4.0 / 3.0),
                (868, 274, 1, 4.0 / 3.0),
                (868, 274, 0, 4.0 / 3.0),
            ] {
                let overlays = &overlays[overlays.len().saturating_sub(most)..];
                let style = ChartStyle { scale, ..style };
                let mut raster = Raster::new(width, height);
                {
                    let root = (&mut raster).into_drawing_area();
                    draw_fit(&root, &trainer, overlays, style).unwrap();
                }
                let what = format!("fit {main} {language:?} {width}×{height}");
                assert_legend_clear(&what, &raster, &series, 2 + overlays.len());
            }
        }
    }
}

/// A phone's fit chart's height in device pixels (360 CSS px at 2 device px each).
const PHONE_FIT_HEIGHT: u32 = 720;

/// Each of `pins` beside `main`, named by its differences from it as the page names them.
fn named_overlays<'a>(main: &Trainer, pins: &'a [Trainer], language: Language) -> Vec<Overlay<'a>> {
    pins.iter()
        .map(|p| Overlay {
            trainer: p,
            label: main.config().difference_label(p.config(), language),
        })
        .collect()
}

/// The check above can fail: a legend put over a line is found.
#[test]
fn a_legend_over_a_line_is_found() {
    let mut raster = Raster::new(200, 100);
    {
        let root = (&mut raster).into_drawing_area();
        root.draw(&PathElement::new([(0, 50), (199, 50)], palette::TRAIN))
            .unwrap();
        root.draw(&Rectangle::new(
            [(20, 20), (80, 80)],
            WHITE.mix(0.85).filled(),
        ))
        .unwrap();
    }
    assert!(!data_under_legend(&raster, &[palette::TRAIN]).is_empty());
    assert!(data_under_legend(&raster, &[palette::VALIDATION]).is_empty());
}

#[test]
fn the_sweep_legend_is_never_cut_off_at_the_charts_edge() {
    use crate::engine::Outcome;
    let counts = counts_of(&[(Outcome::BornDead, 3), (Outcome::Converged, 1)]);
    for language in [Language::En, Language::Zh] {
        for (width, scale) in [(800, 1.0), (360, 1.0), (800, 2.0)] {
            let picture = SweepPicture {
                axes: vec![("lr", vec!["0.01".into(), "1".into()])],
                cells: vec![counts.clone(); 2],
                theory: vec![Some(0.5); 2],
                outcome: Outcome::BornDead,
            };
            let mut raster = Raster::new(width, 400);
            {
                let root = (&mut raster).into_drawing_area();
                draw_sweep(&root, &picture, ChartStyle { scale, language }).unwrap();
            }
            let words: Vec<&str> = Outcome::ALL
                .iter()
                .map(|o| outcome_words(*o).get(language))
                .chain([i18n::THEORY.get(language), i18n::INTERVAL_95.get(language)])
                .collect();
            let mut seen = 0;
            for element in &raster.elements {
                if let Drawn::Text {
                    text,
                    corners: ((x0, _), (x1, _)),
                } = element
                {
                    let shown = text.trim_end_matches('…');
                    if words.iter().any(|w| w.starts_with(shown)) {
                        seen += 1;
                        assert!(
                            *x0 >= 0 && *x1 <= width as i32,
                            "{language:?} {width} ×{scale}: {text:?} spans {x0}..{x1}"
                        );
                    }
                }
            }
            assert!(
                seen >= words.len(),
                "{language:?} {width}: {seen} legend words"
            );
        }
    }
}

/// The boxes of the texts drawn in the bottom fifth of the chart (its x axis' labels), left to right.
fn bottom_label_boxes(raster: &Raster) -> Vec<(String, i32, i32)> {
    let floor = raster.height as i32 * 4 / 5;
    let mut boxes: Vec<(String, i32, i32)> = raster
        .elements
        .iter()
        .filter_map(|e| match e {
            Drawn::Text { text, corners } if corners.0 .1 >= floor => {
                Some((text.clone(), corners.0 .0, corners.1 .0))
            }
            _ => None,
        })
        .collect();
    boxes.sort_by_key(|b| b.1);
    boxes
}

/// A phone-wide loss chart of a 100,000-epoch run: its epoch labels ("0 10000 20000 …" ran into
/// one another at 390 px) stand apart, at a phone's scale too.
#[test]
fn epoch_labels_never_touch_on_a_phone_wide_loss_chart() {
    let mut trainer =
        Trainer::new(&Config::from_query_strict("preset=question&epochs=100000").unwrap());
    for _ in 0..30 {
        trainer.run_epoch();
    }
    for scale in [1.0, 2.0] {
        let (width, height) = ((360.0 * scale) as u32, (300.0 * scale) as u32);
        let mut raster = Raster::new(width, height);
        {
            let root = (&mut raster).into_drawing_area();
            let style = ChartStyle {
                scale,
                ..ChartStyle::default()
            };
            draw_loss(&root, &trainer, &[], LossView::Loss, style).unwrap();
        }
        let labels: Vec<(String, i32, i32)> = bottom_label_boxes(&raster)
            .into_iter()
            .filter(|(text, _, _)| text.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
            .filter(|(text, _, _)| text != "epoch")
            .collect();
        assert!(labels.len() >= 3, "scale {scale}: {labels:?}");
        for pair in labels.windows(2) {
            assert!(
                pair[0].2 < pair[1].1,
                "scale {scale}: {:?} touches {:?}",
                pair[0],
                pair[1]
            );
        }
    }
}

/// The dead-units strip of a deeper network names its layers beside the plot, covering none of
/// their lines, on a desktop's chart and a phone's.
#[test]
fn the_dead_units_strip_names_its_layers_beside_its_lines() {
    let trainer = trained("preset=standardized&hidden=8,8,8&epochs=20");
    // The page's units canvas: 420 CSS px high on a desktop, 320 on a phone (style.css), the strip
    // its lower 28% (src/ui/canvas.rs).
    for (width, height, scale) in [(640, 420, 1.0), (718, 640, 2.0)] {
        let style = ChartStyle {
            scale,
            ..ChartStyle::default()
        };
        let mut raster = Raster::new(width, height);
        {
            let root = (&mut raster).into_drawing_area();
            let (top, bottom) = root.split_vertically((f64::from(height) * 0.72) as u32);
            draw_units(&top, &bottom, &trainer, 0, style).unwrap();
        }
        assert_legend_clear(
            &format!("dead units {width} ×{scale}"),
            &raster,
            &palette::LAYERS,
            3,
        );
    }
}

/// One story per run, over many random runs (formulas, the seed's line, own points, scaling,
/// batch normalization, deep networks, a pinned run): the fit chart draws the target at every x
/// it samples (checked against the test's own functions, mapped to pixels by the drawn data
/// points), own points draw no target line, and the banner's state, the pinned run's chip, the
/// advice's "works" and the runner's outcome say the same of the same run.
#[test]
fn one_story_per_run_the_drawn_target_and_every_verdict_agree() {
    use crate::engine::advice;
    use crate::engine::sweep::run_one;
    use crate::engine::table::Points;
    use crate::engine::train::Standing;
    // The targets, as the test knows them: the link's formula and the function it means.
    type Function = fn(f64) -> f64;
    let formulas: [(&str, Function); 6] = [
        ("abs(x)", |x| x.abs()),
        ("x^2", |x| x * x),
        ("sin(2*pi*x)", |x| (2.0 * std::f64::consts::PI * x).sin()),
        ("exp(x)/3", |x| x.exp() / 3.0),
        ("tanh(3*x)", |x| (3.0 * x).tanh()),
        ("0.5*x+2", |x| 0.5 * x + 2.0),
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let (mut drawn_targets, mut converged, mut own) = (0, 0, 0);
    for case in 0..36 {
        let kind = next(4);
        let (low, high) = [(-1.0, 1.0), (0.0, 1.0), (-2.0, 3.0)][next(3) as usize];
        let mut link = format!(
            "data=uniform&lo={low}&hi={high}&n=150&train=150&out=linear&opt=adam&lr=0.02&epochs={}&seed={}",
            [15, 40, 80][next(3) as usize],
            next(1000)
        );
        link.push_str(["", "&xscale=standard", "&xscale=minmax&yscale=standard"][next(3) as usize]);
        link.push_str(["", "&hidden=4,4,4", "&hidden=8,8", "&bn=1"][next(4) as usize]);
        if next(3) == 0 {
            link.push_str("&noise=0.1");
        }
        let function: Option<Function> = match kind {
            0 | 1 => {
                let (formula, function) = formulas[next(formulas.len() as u64) as usize];
                link.push_str(&format!(
                    "&f={}",
                    crate::engine::config::percent_encode(formula)
                ));
                Some(function)
            }
            2 => {
                link.push_str("&slope=3&intercept=-1");
                Some(|x| 3.0 * x - 1.0)
            }
            _ => None,
        };
        let mut config = Config::from_query_strict(&link).expect(&link);
        if function.is_none() {
            let x: Vec<f64> = (0..120)
                .map(|i| low + (high - low) * f64::from(i) / 119.0)
                .collect();
            let y: Vec<f64> = x.iter().map(|&v| (3.0 * v).sin() + 0.3 * v).collect();
            let _ = config.use_points(Points::new(x, y).unwrap());
            own += 1;
        }
        // A pinned run beside it: the same program with a smaller step.
        let mut pinned = config.clone();
        let _ = pinned.set(crate::engine::config::Key::LearningRate, "0.002");
        let mut trainer = Trainer::new(&config);
        trainer.run();
        let pin_run = Trainer::caught_up(&pinned, config.epochs, 0);
        let context = format!("case {case}: {}", config.to_query());

        // The drawn target, against the test's own function.
        let mut raster = Raster::new(640, 400);
        {
            let root = (&mut raster).into_drawing_area();
            let overlay = Overlay {
                trainer: &pin_run,
                label: "pinned".into(),
            };
            draw_fit(&root, &trainer, &[overlay], ChartStyle::default()).unwrap();
        }
        let data = trainer.data();
        let centres: Vec<(i32, i32)> = raster
            .elements
            .iter()
            .filter_map(|e| match e {
                Drawn::Circle { colour, centre }
                    if *colour == (palette::TRAIN.0, palette::TRAIN.1, palette::TRAIN.2) =>
                {
                    Some(*centre)
                }
                _ => None,
            })
            // The data's dots come first; the legend's sample dot, last.
            .take(data.fit.len())
            .collect();
        assert_eq!(centres.len(), data.fit.len(), "{context}");
        // Pixels from data, fitted on the extreme training points (x to the right, y upwards).
        let xs = &data.x[data.fit.clone()];
        let ys = &data.y[data.fit.clone()];
        let (x0, x1) = crate::engine::data::min_max(xs);
        let (y0, y1) = crate::engine::data::min_max(ys);
        let (px0, px1) = (
            centres.iter().map(|c| c.0).min().unwrap() as f64,
            centres.iter().map(|c| c.0).max().unwrap() as f64,
        );
        let (py1, py0) = (
            centres.iter().map(|c| c.1).min().unwrap() as f64,
            centres.iter().map(|c| c.1).max().unwrap() as f64,
        );
        let to_x = |px: f64| x0 + (px - px0) / (px1 - px0) * (x1 - x0);
        let to_py = |y: f64| py0 + (y - y0) / (y1 - y0) * (py1 - py0);
        // The target's dashes on the plot: drawn before the network's line (the legend's sample
        // line comes after it).
        let network = raster
            .elements
            .iter()
            .position(|e| matches!(e, Drawn::Path { colour, .. } if *colour == (palette::PREDICTION.0, palette::PREDICTION.1, palette::PREDICTION.2)))
            .expect("the network's line");
        let target_points: Vec<(i32, i32)> = raster.elements[..network]
            .iter()
            .filter_map(|e| match e {
                Drawn::Path { colour, points }
                    if *colour == (palette::TARGET.0, palette::TARGET.1, palette::TARGET.2) =>
                {
                    Some(points.clone())
                }
                _ => None,
            })
            .flatten()
            .collect();
        match function {
            None => assert!(
                target_points.is_empty(),
                "{context}: own points drew a target line"
            ),
            Some(f) => {
                drawn_targets += 1;
                assert!(!target_points.is_empty(), "{context}: no target drawn");
                let (lowest, highest) = (
                    target_points.iter().map(|p| p.0).min().unwrap() as f64,
                    target_points.iter().map(|p| p.0).max().unwrap() as f64,
                );
                assert!(
                    lowest <= px0 + 2.0 && highest >= px1 - 2.0,
                    "{context}: the target spans {lowest}..{highest} of {px0}..{px1}"
                );
                for &(px, py) in &target_points {
                    let expected = to_py(f(to_x(f64::from(px))));
                    // Beyond the data's own span the plot ends (a little past it) and cuts the
                    // line at its edge: only points well inside are checked.
                    let span = py0 - py1;
                    if expected > py0 + 0.06 * span || expected < py1 - 0.06 * span {
                        continue;
                    }
                    // Pixels are whole: the function anywhere within a pixel of px, give or
                    // take two (a steep wave moves many pixels up in one pixel across).
                    let near: Vec<f64> = (-4..=4)
                        .map(|step| to_py(f(to_x(f64::from(px) + f64::from(step) / 4.0))))
                        .collect();
                    let (lo, hi) = near
                        .iter()
                        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                            (a.min(v), b.max(v))
                        });
                    let py = f64::from(py);
                    assert!(
                        py >= lo - 2.0 && py <= hi + 2.0,
                        "{context}: target drawn at ({px}, {py}), the function is at {expected:.1}"
                    );
                }
            }
        }

        // Every verdict on the run says the same: the banner's state, the runner's outcome, the
        // advice's "works" (a run of it in the sweep's way) and the chip of the same run pinned.
        let label = trainer.diagnosis_now().label();
        let summary = crate::engine::report::summary_json(&trainer);
        let outcome = trainer.outcome();
        assert!(
            summary.contains(&format!("\"outcome\":\"{}\"", outcome.name())),
            "{context}"
        );
        assert!(
            summary.contains(&format!("\"diagnosis\":\"{label}\"")),
            "{context}"
        );
        let same_run = Trainer::caught_up(&config, config.epochs, 0);
        assert_eq!(same_run.standing(), Standing::Now(outcome), "{context}");
        let works = advice::works(&run_one(&config, config.seed));
        let is_converged = label == "converged";
        assert_eq!(
            is_converged,
            outcome == crate::engine::Outcome::Converged,
            "{context}"
        );
        assert_eq!(
            is_converged, works,
            "{context}: banner {label}, advice works {works}"
        );
        converged += usize::from(is_converged);
    }
    assert!(
        drawn_targets >= 15 && own >= 4 && converged >= 5,
        "{drawn_targets} {own} {converged}"
    );
}

// ── Classroom mode for a hall (issue 31) ──

/// On a projector in classroom mode a tick label is at least 2.2% of the screen's height, the
/// charts' zoom growing with it; elsewhere (a phone, a laptop outside classroom mode) it stays 1.
#[test]
fn classroom_zoom_sizes_ticks_for_the_room() {
    for (width, height) in [
        (1024.0, 768.0),
        (1366.0, 768.0),
        (1920.0, 1080.0),
        (2560.0, 1440.0),
    ] {
        let zoom = zoom_for(true, (width, height));
        let tick = TICK_PX * zoom;
        assert!(tick >= 0.022 * height, "{width}×{height}: {tick} px");
        assert!(
            tick <= 0.03 * height,
            "{width}×{height}: {tick} px, larger than needed"
        );
        assert_eq!(zoom_for(false, (width, height)), 1.0);
    }
    assert!(zoom_for(true, (1920.0, 1080.0)) > zoom_for(true, (1366.0, 768.0)));
    assert_eq!(
        zoom_for(true, (390.0, 844.0)),
        1.0,
        "a phone keeps its sizes"
    );
    assert_eq!(zoom_for(true, (f64::NAN, f64::NAN)), 1.0);
}

/// The longest run of the axis' black in a row of the raster (plotters' x axis spans the plot).
fn plot_width(raster: &Raster) -> u32 {
    let mut longest = 0;
    for y in 0..raster.height {
        let mut run = 0;
        for x in 0..raster.width {
            let (r, g, b) = raster.pixels[(y * raster.width + x) as usize];
            run = if r < 60 && g < 60 && b < 60 {
                run + 1
            } else {
                0
            };
            longest = longest.max(run);
        }
    }
    longest
}

/// Four pinned runs with long names (as many as a comparison holds): the fit and loss charts keep
/// 60% of their width for the plot at every size the page draws them (a phone's, a desktop's, the
/// classroom stage's at 1024 and 1920), in both languages; every text lies inside the chart.
#[test]
fn four_long_pins_leave_the_plot_its_width_and_every_text_inside_the_chart() {
    let trainer = trained("preset=question&epochs=5");
    let pins: Vec<Trainer> = [
        "preset=question&epochs=5&lr=0.001&opt=adam&xscale=standard",
        "preset=question&epochs=5&xscale=standard&yscale=standard&out=linear&hidden=64",
        "preset=question&epochs=5&init=he_uniform&act=leaky_relu&batch=32",
        "preset=question&epochs=5&opt=adam&lr=0.01&clipnorm=1&seed=9",
    ]
    .iter()
    .map(|l| trained(l))
    .collect();
    for language in [Language::En, Language::Zh] {
        let overlays = named_overlays(&trainer, &pins, language);
        for (width, height, scale) in [
            (740, 720, 2.0),
            (640, 400, 1.0),
            (1280, 800, 2.0),
            (470, 250, 4.0 / 3.0),
            (900, 420, 1.87),
        ] {
            let style = ChartStyle { scale, language };
            for chart in ["fit", "loss"] {
                let mut raster = Raster::new(width, height);
                {
                    let root = (&mut raster).into_drawing_area();
                    if chart == "fit" {
                        draw_fit(&root, &trainer, &overlays, style).unwrap();
                    } else {
                        draw_loss(&root, &trainer, &overlays, LossView::Loss, style).unwrap();
                    }
                }
                let what = format!("{chart} {language:?} {width}×{height} ×{scale}");
                let plot = plot_width(&raster);
                assert!(
                    f64::from(plot) >= PLOT_SHARE * f64::from(width),
                    "{what}: plot {plot} of {width}"
                );
                for element in &raster.elements {
                    if let Drawn::Text {
                        text,
                        corners: ((x0, y0), (x1, y1)),
                    } = element
                    {
                        assert!(
                            *x0 >= 0 && *x1 <= width as i32 && *y0 >= 0 && *y1 <= height as i32,
                            "{what}: {text:?} at {:?} leaves the chart",
                            ((x0, y0), (x1, y1))
                        );
                    }
                }
                // Each pin is named, its name whole or over lines, not cut to a stub.
                let pin_texts = raster
                    .texts
                    .iter()
                    .filter(|t| t.chars().count() > 8)
                    .count();
                assert!(pin_texts >= 4, "{what}: {:?}", raster.texts);
            }
        }
    }
}

/// A caption wider than its chart is set smaller, then over lines: never cut by the chart's edge.
#[test]
fn a_caption_is_never_cut() {
    let trainer = trained("preset=question&epochs=2");
    for language in [Language::En, Language::Zh] {
        for (width, scale) in [(300, 1.0), (360, 2.0), (480, 4.0 / 3.0)] {
            let style = ChartStyle { scale, language };
            let mut raster = Raster::new(width, 300);
            {
                let root = (&mut raster).into_drawing_area();
                draw_fit(&root, &trainer, &[], style).unwrap();
            }
            let caption = style.tr(i18n::FIT_CAPTION);
            let drawn: String = raster
                .elements
                .iter()
                .filter_map(|e| match e {
                    Drawn::Text { text, corners } if corners.0 .1 < 60 => {
                        assert!(
                            corners.0 .0 >= 0 && corners.1 .0 <= width as i32,
                            "{language:?} {width}: {text:?} at {corners:?}"
                        );
                        Some(text.clone())
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" ");
            let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert!(
                squeeze(&drawn).contains(&squeeze(caption)),
                "{language:?} {width}: the whole caption, over lines: {drawn:?}"
            );
        }
    }
}

/// On a phone's units chart (and its dead-units strip) no two axis labels touch.
#[test]
fn a_phones_units_chart_labels_never_touch() {
    for query in [
        "preset=question",
        "preset=standardized&epochs=20",
        "preset=standardized&hidden=8,8,8&epochs=20",
    ] {
        let trainer = trained(query);
        let (width, height, scale) = (740, 920, 2.0);
        let mut raster = Raster::new(width, height);
        {
            let root = (&mut raster).into_drawing_area();
            let (top, bottom) = root.split_vertically((f64::from(height) * 0.76) as u32);
            let style = ChartStyle {
                scale,
                ..ChartStyle::default()
            };
            draw_units(&top, &bottom, &trainer, 0, style).unwrap();
        }
        let boxes: Vec<(&String, (BackendCoord, BackendCoord))> = raster
            .elements
            .iter()
            .filter_map(|e| match e {
                Drawn::Text { text, corners } => Some((text, *corners)),
                _ => None,
            })
            .collect();
        for (i, (a, ((ax0, ay0), (ax1, ay1)))) in boxes.iter().enumerate() {
            for (b, ((bx0, by0), (bx1, by1))) in &boxes[i + 1..] {
                let apart = ax1 <= bx0 || bx1 <= ax0 || ay1 <= by0 || by1 <= ay0;
                assert!(apart, "{query}: {a:?} touches {b:?}");
            }
        }
    }
}

/// 128 dead units look like 128 dead units: the units chart's band is a dark row per dead unit
/// (the curves of dead units lie on the zero line, where they cannot be seen). A run that learns
/// shows its live units' stretches in green there instead.
#[test]
fn dead_units_are_a_dark_block_in_the_units_band() {
    let dead_run = trained("preset=question");
    let all_dead = dead_run.dead_hidden();
    let live_run = trained("preset=standardized&epochs=20");
    let band = |trainer: &Trainer| {
        let raster = render_units(trainer);
        (
            raster.count(palette::DEAD_COUNT),
            raster.count(palette::LIVE_UNIT),
            raster,
        )
    };
    let (dark, _, raster) = band(&dead_run);
    // The band's rows: one per unit, a dead unit's row dark across the band's whole width.
    let dark_rows: Vec<u32> = (0..raster.height)
        .filter(|&y| {
            (0..raster.width)
                .filter(|&x| raster.pixels[(y * raster.width + x) as usize] == (90, 90, 90))
                .count()
                > raster.width as usize / 2
        })
        .collect();
    assert!(
        all_dead > 100,
        "the question's run kills most units: {all_dead}"
    );
    assert!(
        dark > 100 * raster.width as usize / 4,
        "a dark block: {dark} pixels"
    );
    assert!(
        dark_rows.len() >= 20,
        "dark rows across the chart: {}",
        dark_rows.len()
    );
    let (live_dark, live_green, _) = band(&live_run);
    let dead_live = live_run.dead_hidden();
    assert!(
        live_green > 0,
        "a learning run's live units show where they are on"
    );
    assert!(
        (live_dark == 0) == (dead_live == 0),
        "dark rows only for dead units: {live_dark} px, {dead_live} dead"
    );
}

/// After a rewind to just before the update that kills the network, the loss chart marks the
/// epoch so far at that update (not an empty chart inviting to press play), and the fit chart marks
/// where the network's line leaves the plot, with the value it reaches.
#[test]
fn a_rewound_run_marks_its_update_and_the_line_off_the_chart() {
    let config = Config::from_query_strict("preset=question").unwrap();
    let killing = Trainer::killing_update(&config).expect("the question's run is killed");
    let rewound = Trainer::replayed_to(&config, killing);
    assert!(rewound.batch_in_epoch() > 0 || !rewound.history().is_empty());
    let style = ChartStyle::default();
    let mut raster = Raster::new(640, 400);
    {
        let root = (&mut raster).into_drawing_area();
        draw_loss(&root, &rewound, &[], LossView::Loss, style).unwrap();
    }
    let press_play = style.tr(i18n::PRESS_PLAY_TO_TRAIN).to_string();
    assert!(!raster.texts.contains(&press_play), "{:?}", raster.texts);
    if rewound.batch_in_epoch() > 0 {
        let label = style.fill(i18n::LOSS_AT_UPDATE, &[&rewound.iterations()]);
        assert!(
            raster.texts.iter().any(|t| t.starts_with(&label)),
            "{label}: {:?}",
            raster.texts
        );
    }
    // The fit chart: the network's prediction over the data's x, from the trainer (the oracle),
    // against the chart's y range (the data's, padded).
    let (x_low, x_high) = crate::engine::data::min_max(&rewound.data().x);
    let (_, y_high) = crate::engine::data::min_max(&rewound.data().y);
    let (_, y_low_data) = (0.0, crate::engine::data::min_max(&rewound.data().y).0);
    let predictions: Vec<f64> = (0..=200)
        .map(|i| x_low + (x_high - x_low) * f64::from(i) / 200.0)
        .map(|x| rewound.predict(x))
        .collect();
    let highest = predictions.iter().copied().fold(f64::MIN, f64::max);
    let lowest = predictions.iter().copied().fold(f64::MAX, f64::min);
    let mut raster = Raster::new(640, 400);
    {
        let root = (&mut raster).into_drawing_area();
        draw_fit(&root, &rewound, &[], style).unwrap();
    }
    let marks: Vec<&String> = raster
        .texts
        .iter()
        .filter(|t| t.starts_with('↑') || t.starts_with('↓'))
        .collect();
    let off_top = highest > y_high * 1.2;
    let off_bottom = lowest < y_low_data - 0.2 * y_high;
    assert_eq!(
        marks.iter().any(|t| t.starts_with('↑')),
        off_top,
        "highest {highest} over {y_high}: {marks:?}"
    );
    assert_eq!(
        marks.iter().any(|t| t.starts_with('↓')),
        off_bottom,
        "lowest {lowest}: {marks:?}"
    );
    assert!(
        off_top || off_bottom,
        "the rewound network's line leaves the chart: {lowest}…{highest}"
    );
    for mark in marks {
        let number: String = mark.chars().skip(2).collect();
        // Read like the axes: at most three significant digits (7.83e9, not 7.82603e9).
        let mantissa = number.split('e').next().unwrap();
        let digits = mantissa
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>();
        assert!(digits.trim_matches('0').len() <= 3, "{mark}");
        let value = parse_axis(&number);
        let expected = if mark.starts_with('↑') {
            highest
        } else {
            lowest
        };
        assert!(
            (value - expected).abs() <= 0.06 * expected.abs(),
            "{mark}: {value} vs the prediction's {expected}"
        );
    }
    // Nothing crosses a mark's number (step 3's "↑ 7.83e9" sat on the target's end): the pixels
    // under each are the ground's.
    for element in &raster.elements {
        let Drawn::Text { text, corners } = element else {
            continue;
        };
        if !(text.starts_with('↑') || text.starts_with('↓')) {
            continue;
        }
        let ((x0, y0), (x1, y1)) = *corners;
        for y in y0.max(0)..y1.min(raster.height as i32) {
            for x in x0.max(0)..x1.min(raster.width as i32) {
                let pixel = raster.pixels[(y as u32 * raster.width + x as u32) as usize];
                assert_eq!(pixel, (255, 255, 255), "{text}: drawn over at ({x}, {y})");
            }
        }
    }
}

/// An axis number as `format_axis` writes it, read back by hand (20k, 1.5M, 3e10, -4.2).
fn parse_axis(text: &str) -> f64 {
    let text = text.trim();
    if let Some(k) = text.strip_suffix('k') {
        k.parse::<f64>().unwrap() * 1e3
    } else if let Some(m) = text.strip_suffix('M') {
        m.parse::<f64>().unwrap() * 1e6
    } else {
        text.parse()
            .unwrap_or_else(|_| panic!("{text:?} is no number"))
    }
}

#[test]
fn a_deep_networks_layer_legend_fits_its_strip_without_covering_the_caption() {
    // Eight layers of three (the lesson's "deeper is deader"): a line per layer in the strip of
    // dead units per epoch, on a desktop's units chart and on a projector's low one (classroom
    // mode, text a third larger), in both languages.
    let trainer = trained("preset=standardized&hidden=3,3,3,3,3,3,3,3&epochs=20&seed=3");
    for language in [Language::En, Language::Zh] {
        for (width, height, split, scale) in [
            (640, 520, 400, 1.0),
            (560, 330, 200, 4.0 / 3.0),
            // The page's classroom strip at 1280×720: the units chart about 400 px wide and its
            // strip of dead units per epoch a hundred high.
            (400, 460, 350, 4.0 / 3.0),
        ] {
            let style = ChartStyle { scale, language };
            let mut raster = Raster::new(width, height);
            {
                let root = (&mut raster).into_drawing_area();
                let (top, bottom) = root.split_vertically(split);
                draw_units(&top, &bottom, &trainer, 0, style).unwrap();
            }
            let what = format!("units {language:?} {width}×{height}");
            let Some((left, top, right, bottom)) = legend_box(&raster) else {
                // No room beside a projector's strip, its text a third larger (the page's layer
                // tabs, underlined in each line's colour, name the lines): nothing covers the plot.
                assert!(scale > 1.0, "{what}: the desktop's chart names its layers");
                continue;
            };
            assert_legend_clear(&what, &raster, &palette::LAYERS, 8);
            let caption = style.tr(i18n::DEAD_PER_EPOCH);
            for element in &raster.elements {
                if let Drawn::Text {
                    text,
                    corners: ((x0, y0), (x1, y1)),
                } = element
                {
                    let overlaps = *x0 < right && left < *x1 && *y0 < bottom && top < *y1;
                    assert!(
                        !(text == caption && overlaps),
                        "{what}: the legend {:?} covers the caption at {:?}",
                        (left, top, right, bottom),
                        ((x0, y0), (x1, y1))
                    );
                }
            }
        }
    }
}

#[test]
fn the_last_epoch_label_is_whole_on_a_projector() {
    // The lesson's last step plays 3000 epochs; on a projector's chart (text a third larger) the
    // label "3000" at the axis' right end was cut to "300". Each label also keeps 3 px clear of
    // the chart's right edge: a printed handout draws its frame there.
    let trainer = trained("f=sin(2*pi*x)&data=uniform&lo=0&hi=1&n=110&train=110&vsplit=0.9&noise=0.3&out=linear&epochs=3000&opt=adam");
    // The last: a printed handout's half-width chart (src/ui/canvas/print.rs: 345 × 235 CSS px at
    // 3 device px each).
    for (width, height, scale) in [
        (560, 274, 4.0 / 3.0),
        (640, 400, 1.0),
        (360, 260, 1.0),
        (1035, 705, 3.0),
    ] {
        let style = ChartStyle {
            scale,
            language: Language::En,
        };
        // The loss chart, and the strip of dead units per epoch under the units chart.
        let mut loss = Raster::new(width, height);
        {
            let root = (&mut loss).into_drawing_area();
            draw_loss(&root, &trainer, &[], LossView::Loss, style).unwrap();
        }
        let mut units = Raster::new(width, height + 120);
        {
            let root = (&mut units).into_drawing_area();
            let (top, strip) = root.split_vertically(height);
            draw_units(&top, &strip, &trainer, 0, style).unwrap();
        }
        for (chart, raster) in [("loss", &loss), ("dead units", &units)] {
            let outside: Vec<&Drawn> = raster
                .elements
                .iter()
                // Right of the chart (the units chart's rotated axis names are laid out upright
                // here, so its left edge is not checked).
                .filter(|e| matches!(e, Drawn::Text { corners: ((x0, _), (x1, _)), .. } if (*x0 < 0 && chart == "loss") || *x1 > width as i32 - 3))
                .collect();
            assert!(outside.is_empty(), "{chart} {width}×{height}: {outside:?}");
            assert!(
                raster.texts.iter().any(|t| t == "3000"),
                "{chart} {width}×{height}: {:?}",
                raster.texts
            );
        }
    }
}

/// A narrow chart (a projector's third of the width) with no room on or beside its plot for the
/// fit's five short names: under it they go in columns, each whole on one line, not down one
/// column of five rows (a third of the chart's height taken from its plot).
#[test]
fn short_names_under_a_narrow_fit_chart_go_in_columns() {
    let trainer = trained("preset=question&epochs=1");
    let style = ChartStyle::default();
    let mut raster = Raster::new(300, 300);
    let root = (&mut raster).into_drawing_area();
    let place = fit_legend_room(&root, &trainer, &[], style).unwrap();
    assert!(matches!(place, LegendPlace::Below(..)), "{place:?}");
    draw_fit_layer(&root, &trainer, &[], style, FitLayer::Whole, place).unwrap();
    drop(root);
    let names = ["train", "validation", "test", "target y = 2x", "network"];
    let rows: std::collections::BTreeSet<i32> = (raster.elements.iter())
        .filter_map(|drawn| match drawn {
            Drawn::Text { text, corners } if names.contains(&text.as_str()) => Some(corners.0 .1),
            _ => None,
        })
        .collect();
    for name in names {
        assert!(
            raster.texts.iter().any(|t| t == name),
            "{name} whole: {:?}",
            raster.texts
        );
    }
    assert!(rows.len() <= 3, "{} rows: {rows:?}", rows.len());
}
