//! One judgement of a run: what it learns (its `Target`) and how good a fit is (against `Floors`
//! the data itself gives). The banner, the pinned runs' chips, the advice's "works", the sweep's
//! counts, the runner's `outcome`, the charts and the lesson all read these, so no view rebuilds a
//! claim from the settings and no two views can disagree.
//!
//! **The target.** The seed's line `slope·x + intercept` (while `f` is the default `2*x`), a formula
//! `f(x)`, or the learner's own points, which have no function: the points are the target.
//!
//! **The floors.** A network can do no better, in training loss, than what the data leaves:
//! - var(y), the loss of the best constant (the mean): R² = 0;
//! - the loss of the best straight line through the training points (least squares);
//! - the noise the data holds, estimated from neighbouring points without any model: Gasser,
//!   Sroka & Jennen-Steinmetz (1986). Over the x-sorted training points, each point is compared
//!   with the straight line through its two neighbours; the estimate is exactly 0 on any straight
//!   line and unbiased for smooth targets with independent noise (plain first differences, Rice
//!   1984, overstate it where y is steep and the points sparse).
//!
//! **Fits.** A run fits when its training loss (the progress line's `loss`) is at most 2% of
//! var(y) (R² ≥ 0.98: the seed's noiseless presets are judged by this alone, since their noise
//! floor is 0), or within the noise estimate's own uncertainty of the lower of the line's and the
//! noise floor: then the rest looks like noise, and no network could follow it without learning
//! the noise. The estimate's relative standard error is about 1.97/√n for evenly spaced points and
//! normal noise (its pseudo-residuals correlate −2/3 and 1/6 at lags 1 and 2), so the run may be
//! up to two of those above it: a factor 1 + 4/√n. With fewer than `NOISE_ROWS` training points
//! the estimate says too little: the noise is then the one the lab added (`noise=σ`, σ² in training
//! units, `Floors::with_added_noise`), and without added noise (own points, or none added) only
//! R² ≥ 0.98 counts.

use super::config::{line_words, Config, DataKind};
use super::data::{mean, mean_of};
use super::formula::Formula;
use crate::i18n::{self, Language};

/// What a run learns.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// The seed's line y = slope·x + intercept (the `slope` and `intercept` keys, while the
    /// formula is the default `2*x`).
    Line { slope: f64, intercept: f64 },
    /// A formula in x (`f=abs(x)`).
    Formula(Formula),
    /// The learner's own points: no function, the points themselves are the target.
    Points { count: usize },
}

impl Target {
    /// The target `config` trains on.
    pub fn of(config: &Config) -> Target {
        match config.data {
            DataKind::Own => Target::Points {
                count: config.own.len(),
            },
            _ if config.target.is_default() => Target::Line {
                slope: config.slope,
                intercept: config.intercept,
            },
            _ => Target::Formula(config.target.clone()),
        }
    }

    /// The target without noise at `x`, as the data is made (`Dataset::new`); `None` for own
    /// points, which have no function.
    pub fn at(&self, x: f64) -> Option<f64> {
        match self {
            Target::Line { slope, intercept } => Some(slope * x + intercept),
            Target::Formula(formula) => Some(formula.eval(x)),
            Target::Points { .. } => None,
        }
    }

    /// The target in a few words: "y = 2x", "y = abs(x)", "your 342 points".
    pub fn words(&self, language: Language) -> String {
        match self {
            Target::Line { slope, intercept } => line_words(*slope, *intercept),
            Target::Formula(formula) => format!("y = {formula}"),
            Target::Points { count } => i18n::TARGET_YOUR_POINTS.fill(language, &[count]),
        }
    }

    /// The target as the fit chart draws it over `x_low..=x_high`: `samples + 1` evenly spaced
    /// points, split into pieces where it is not finite (a pole, a log of a negative number). A
    /// line needs only its two ends. Own points have no curve: the chart draws the points.
    pub fn curve(&self, (x_low, x_high): (f64, f64), samples: usize) -> Vec<Vec<(f64, f64)>> {
        let samples = match self {
            Target::Points { .. } => return Vec::new(),
            Target::Line { .. } => 1,
            Target::Formula(_) => samples.max(1),
        };
        let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut piece = Vec::new();
        for i in 0..=samples {
            let x = if i == samples {
                x_high
            } else {
                x_low + (x_high - x_low) * i as f64 / samples as f64
            };
            match self.at(x).filter(|y| y.is_finite()) {
                Some(y) => piece.push((x, y)),
                None if !piece.is_empty() => pieces.push(std::mem::take(&mut piece)),
                None => {}
            }
        }
        if !piece.is_empty() {
            pieces.push(piece);
        }
        pieces
    }
}

/// Below this many training points the noise estimate says too little to judge by (its relative
/// standard error is above 0.44: ten noisy points of a sine would let a straight line "fit").
pub const NOISE_ROWS: usize = 20;

/// A run fits "closely" when its training loss is at most this fraction of var(y): R² ≥ 0.98.
pub const CLOSE_FRACTION: f64 = 0.02;

/// The losses the data itself sets, over the training rows, in training units (y as scaled).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Floors {
    /// var(y): the loss of the best constant output, the mean.
    pub variance: f64,
    /// The loss of the best straight line (least squares in x).
    pub line: f64,
    /// The variance of the noise, as far as it is known (`None`: too few points to estimate it,
    /// and no noise added).
    pub noise: Option<Noise>,
    /// Training rows they were measured on.
    pub rows: usize,
    /// The mean of y²: the loss of an output that is always 0, and the scale of a constant target.
    pub mean_square: f64,
}

/// The variance of the noise in y, and where it comes from: the banner words each differently.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Noise {
    /// Estimated from neighbouring points (`NOISE_ROWS` points or more).
    Estimated(f64),
    /// Too few points to estimate it: the variance of the noise the lab added (σ²).
    Added(f64),
}

impl Noise {
    pub fn variance(self) -> f64 {
        match self {
            Noise::Estimated(variance) | Noise::Added(variance) => variance,
        }
    }
}

/// Which standard a fitting run meets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standard {
    /// R² ≥ 0.98: the training loss is at most 2% of var(y).
    Close,
    /// y is the same at every training point (var(y) is 0, R² says nothing): the training loss is
    /// at most 2% of the mean of y², or 0.02 when y is 0 everywhere.
    Constant,
    /// At the data's own floor: the loss is within the noise estimate's uncertainty of the lower
    /// of the best straight line's loss and the noise.
    NoiseFloor,
}

impl Floors {
    /// The floors of training inputs `x` (any units: the noise estimate is the same for any affine
    /// scaling of x) and their targets `y` (as the network sees them). Pure arithmetic in f64 in a
    /// fixed order: the same bits natively and in wasm.
    pub fn of(x: &[f64], y: &[f32]) -> Floors {
        let rows = x.len().min(y.len());
        let (x, y) = (&x[..rows], &y[..rows]);
        let y: Vec<f64> = y.iter().map(|&v| f64::from(v)).collect();
        Floors {
            variance: variance(&y),
            line: line_loss(x, &y),
            noise: (rows >= NOISE_ROWS).then(|| Noise::Estimated(noise_variance(x, &y))),
            rows,
            mean_square: mean_of(y.iter().map(|v| v * v), rows),
        }
    }

    /// With too few points to estimate the noise, the variance of the noise the lab added, in
    /// training units (`variance` of it when y is scaled by `scale`): ten noisy points of a sine
    /// can then be judged at their noise, and a network gone far below it read as learning it.
    pub fn with_added_noise(self, variance: f64) -> Floors {
        if self.noise.is_some() || !(variance > 0.0 && variance.is_finite()) {
            return self;
        }
        Floors {
            noise: Some(Noise::Added(variance)),
            ..self
        }
    }

    /// The largest training loss that fits, and the standard it stands for: 2% of var(y), or the
    /// data's own floor when that is higher (noisy data, where R² ≥ 0.98 is out of reach).
    pub fn fit_limit(&self) -> (f64, Standard) {
        let (scale, standard) = if self.is_constant() {
            let scale = if self.mean_square > 0.0 {
                self.mean_square
            } else {
                1.0
            };
            (scale, Standard::Constant)
        } else {
            (self.variance, Standard::Close)
        };
        let close = CLOSE_FRACTION * scale;
        let own = self
            .own_floor()
            .map(|floor| floor * (1.0 + 4.0 / (self.rows as f64).sqrt()));
        match own {
            Some(own) if own > close => (own, Standard::NoiseFloor),
            _ => (close, standard),
        }
    }

    /// Whether y is the same at every training point: var(y) is 0, or only rounding's (the mean
    /// of 750 copies of 0.1 is not exactly 0.1).
    pub fn is_constant(&self) -> bool {
        self.variance <= f64::EPSILON * self.mean_square
    }

    /// The standard a run at training loss `loss` meets, or `None` when it does not fit.
    pub fn fits(&self, loss: f64) -> Option<Standard> {
        let (limit, standard) = self.fit_limit();
        (loss.is_finite() && loss <= limit).then_some(standard)
    }

    /// The floor that governs, as the banner names it: the noise or the line, whichever is lower.
    pub fn own_floor(&self) -> Option<f64> {
        self.noise.map(|noise| noise.variance().min(self.line))
    }

    /// R² of a run at training loss `loss`: 1 − loss / var(y) (`None` when y is constant).
    pub fn r_squared(&self, loss: f64) -> Option<f64> {
        (!self.is_constant() && loss.is_finite()).then(|| 1.0 - loss / self.variance)
    }
}

fn variance(values: &[f64]) -> f64 {
    let m = mean(values);
    mean_of(values.iter().map(|v| (v - m) * (v - m)), values.len())
}

/// The mean squared residual of the least-squares line of `y` on `x` (var(y) when x is constant).
fn line_loss(x: &[f64], y: &[f64]) -> f64 {
    let (mx, my) = (mean(x), mean(y));
    let (mut sxx, mut sxy) = (0.0, 0.0);
    for (&xi, &yi) in x.iter().zip(y) {
        sxx += (xi - mx) * (xi - mx);
        sxy += (xi - mx) * (yi - my);
    }
    if sxx <= 0.0 || !sxx.is_finite() {
        return variance(y);
    }
    let slope = sxy / sxx;
    let residuals: Vec<f64> = x
        .iter()
        .zip(y)
        .map(|(&xi, &yi)| {
            let r = yi - (my + slope * (xi - mx));
            r * r
        })
        .collect();
    mean(&residuals)
}

/// The Gasser–Sroka–Jennen-Steinmetz estimate of the noise variance: over the points sorted by x
/// (ties kept in their order), each inner point's distance from the line through its neighbours,
/// weighted so each term estimates σ². Three points at one x compare with their neighbours' mean.
fn noise_variance(x: &[f64], y: &[f64]) -> f64 {
    let order = crate::engine::data::order_by(x);
    let (mut sum, mut terms) = (0.0, 0usize);
    for w in order.windows(3) {
        let (before, here, after) = (w[0], w[1], w[2]);
        let span = x[after] - x[before];
        let (a, b) = if span > 0.0 {
            ((x[after] - x[here]) / span, (x[here] - x[before]) / span)
        } else {
            (0.5, 0.5)
        };
        let residual = a * y[before] + b * y[after] - y[here];
        let weight = 1.0 / (a * a + b * b + 1.0);
        if residual.is_finite() {
            sum += weight * residual * residual;
            terms += 1;
        }
    }
    if terms == 0 {
        0.0
    } else {
        sum / terms as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Key;
    use crate::engine::data::Dataset;
    use crate::engine::random::{Random, Stream};

    fn config(query: &str) -> Config {
        let (config, notices) = Config::from_query(query);
        assert!(notices.is_empty(), "{query}: {notices:?}");
        config
    }

    #[test]
    fn the_target_is_the_line_a_formula_or_the_points() {
        assert_eq!(
            Target::of(&config("preset=question")),
            Target::Line {
                slope: 2.0,
                intercept: 0.0
            }
        );
        let abs = Target::of(&config("f=abs(x)"));
        assert_eq!(abs.at(-3.0), Some(3.0));
        assert_eq!(abs.words(Language::En), "y = abs(x)");
        let mut own = Config::default();
        let points = crate::engine::table::Points::new(vec![1.0, 2.0, 3.0], vec![5.0, 4.0, 3.0])
            .expect("three points");
        let _ = own.use_points(points);
        let target = Target::of(&own);
        assert_eq!(target, Target::Points { count: 3 });
        assert_eq!(target.at(2.0), None);
        assert_eq!(target.words(Language::En), "your 3 points");
        assert!(target.curve((0.0, 1.0), 100).is_empty());
    }

    #[test]
    fn a_line_is_named_as_a_person_writes_it() {
        let words = |slope, intercept| line_words(slope, intercept);
        assert_eq!(words(2.0, 0.0), "y = 2x");
        assert_eq!(words(1.0, 1.0), "y = x + 1");
        assert_eq!(words(-0.5, -3.0), "y = −0.5x − 3");
        assert_eq!(words(-1.0, 0.0), "y = −x");
        assert_eq!(words(0.0, 4.0), "y = 4");
        assert_eq!(words(0.0, 0.0), "y = 0");
    }

    #[test]
    fn the_curve_follows_the_formula_and_breaks_where_it_is_not_finite() {
        // 1/x over −1…1: two pieces, none containing x = 0, every point on the curve.
        let target = Target::of(&config("f=1/x&data=uniform&lo=-1&hi=1"));
        let pieces = target.curve((-1.0, 1.0), 200);
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        for piece in &pieces {
            for &(x, y) in piece {
                assert!(x != 0.0);
                assert!((y - 1.0 / x).abs() <= 1e-12 * y.abs(), "{x} {y}");
            }
        }
        assert_eq!(pieces[0][0], (-1.0, -1.0));
        assert_eq!(*pieces[1].last().unwrap(), (1.0, 1.0));
        // A line needs its two ends only.
        let line = Target::of(&config("slope=3&intercept=1")).curve((0.0, 10.0), 200);
        assert_eq!(line, vec![vec![(0.0, 1.0), (10.0, 31.0)]]);
    }

    /// The textbook's estimate written out the long way, as the oracle: for each inner point of
    /// the sorted data, the residual against linear interpolation of its neighbours.
    fn gsj_by_hand(points: &mut [(f64, f64)]) -> f64 {
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        let n = points.len();
        let mut total = 0.0;
        for i in 1..n - 1 {
            let (x0, y0) = points[i - 1];
            let (x1, y1) = points[i];
            let (x2, y2) = points[i + 1];
            let interpolated = y0 + (y2 - y0) * (x1 - x0) / (x2 - x0);
            let a = (x2 - x1) / (x2 - x0);
            let b = (x1 - x0) / (x2 - x0);
            let c2 = 1.0 / (a * a + b * b + 1.0);
            total += c2 * (interpolated - y1).powi(2);
        }
        total / (n - 2) as f64
    }

    #[test]
    fn the_noise_estimate_is_zero_on_a_line_and_finds_the_noise_added() {
        let mut random = Random::new(5, Stream::Data);
        let x: Vec<f64> = (0..2000).map(|_| random.uniform() * 10.0 - 5.0).collect();
        let line: Vec<f32> = x.iter().map(|&v| (3.0 * v - 1.0) as f32).collect();
        let floors = Floors::of(&x, &line);
        assert!(floors.noise.unwrap().variance() < 1e-10, "{floors:?}");
        assert!(floors.line < 1e-10, "{floors:?}");
        // sin(x) plus noise of standard deviation 0.3: the estimate finds 0.09 within its error
        // (1.97/√2000 ≈ 4.4% relative: three of those), the line does not.
        let sigma = 0.3;
        let noisy: Vec<f32> = x
            .iter()
            .map(|&v| (v.sin() + sigma * random.normal()) as f32)
            .collect();
        let floors = Floors::of(&x, &noisy);
        let noise = floors.noise.unwrap().variance();
        assert!((noise / (sigma * sigma) - 1.0).abs() < 0.13, "{noise}");
        assert!(floors.line > 2.0 * noise, "{floors:?}");
        // And it is the textbook's estimate.
        let mut points: Vec<(f64, f64)> = x
            .iter()
            .zip(&noisy)
            .map(|(&a, &b)| (a, f64::from(b)))
            .collect();
        let by_hand = gsj_by_hand(&mut points);
        assert!(
            (noise - by_hand).abs() <= 1e-12 * by_hand,
            "{noise} {by_hand}"
        );
    }

    #[test]
    fn repeated_x_compare_with_their_neighbours_mean() {
        // Three points at one x: the middle one is exactly its neighbours' mean, the ends are not.
        let x = [0.0, 1.0, 1.0, 1.0, 2.0];
        let y = [0.0f32, 1.0, 2.0, 3.0, 4.0];
        // Sorted (ties in order): (0,0) (1,1) (1,2) (1,3) (2,4).
        // (1,1): neighbours (0,0) and (1,2), span 1: a = 0, b = 1 → residual 2 − 1 = 1, weight 1/2.
        // (1,2): neighbours (1,1) and (1,3), span 0: a = b = ½ → residual 0.
        // (1,3): neighbours (1,2) and (2,4), span 1: a = 1, b = 0 → residual 2 − 3 = −1, weight ½.
        let noise = noise_variance(&x, &y.map(f64::from));
        assert!((noise - (0.5 + 0.0 + 0.5) / 3.0).abs() < 1e-15, "{noise}");
    }

    #[test]
    fn noiseless_presets_are_judged_by_r_squared_alone() {
        for query in [
            "preset=question",
            "preset=standardized",
            "preset=adam",
            "preset=fewer-points",
        ] {
            let data = Dataset::new(&config(query));
            let floors = Floors::of(&data.x[data.fit.clone()], &data.y_scaled[data.fit.clone()]);
            let (limit, standard) = floors.fit_limit();
            assert_eq!(standard, Standard::Close, "{query}: {floors:?}");
            assert_eq!(limit, 0.02 * data.target_variance(), "{query}");
        }
    }

    /// y the same at every point: judged against y's own size (2% of y², or 0.02 when y is 0),
    /// whatever rounding leaves in var(y).
    #[test]
    fn a_constant_target_is_judged_against_its_own_size() {
        let x: Vec<f64> = (0..750).map(|i| f64::from(i) / 100.0).collect();
        // y as the network sees it is a float32: 0.1 is 0.100000001, so its limit is 1e-7 off.
        for (y, limit) in [(3.0f32, 0.18), (-0.5, 0.005), (0.0, 0.02), (0.1, 0.0002)] {
            let floors = Floors::of(&x, &vec![y; x.len()]);
            let (found, standard) = floors.fit_limit();
            assert_eq!(standard, Standard::Constant, "{y}: {floors:?}");
            assert!(
                (found - limit).abs() <= 1e-7 * limit,
                "{y}: {found} against {limit}"
            );
            assert_eq!(floors.r_squared(0.0), None, "{y}");
            assert_eq!(floors.fits(0.9 * limit), Some(Standard::Constant), "{y}");
            assert_eq!(floors.fits(1.1 * limit), None, "{y}");
        }
        // One point off the constant: var(y) is no longer 0, and y's spread judges again.
        let mut y = vec![3.0f32; x.len()];
        y[10] = 4.0;
        let floors = Floors::of(&x, &y);
        assert_ne!(floors.fit_limit().1, Standard::Constant, "{floors:?}");
        assert!(floors.r_squared(0.0).is_some(), "{floors:?}");
    }

    #[test]
    fn noisy_data_fits_at_its_noise_floor_and_not_above_it() {
        let mut config = config("data=uniform&lo=0&hi=10&n=300&train=300&noise=3&vsplit=0");
        let _ = config.set(Key::Seed, "4");
        let data = Dataset::new(&config);
        let floors = Floors::of(&data.x[data.fit.clone()], &data.y_scaled[data.fit.clone()]);
        let (limit, standard) = floors.fit_limit();
        // var(2x) over 0…10 is 33; the noise's 9 is far above 2% of it.
        assert_eq!(standard, Standard::NoiseFloor, "{floors:?}");
        // The true line's own loss on these points is the noise actually drawn: it fits.
        let true_loss = data
            .fit
            .clone()
            .map(|i| (data.y[i] - 2.0 * data.x[i]).powi(2))
            .sum::<f64>()
            / data.fit.len() as f64;
        assert_eq!(
            floors.fits(true_loss),
            Some(Standard::NoiseFloor),
            "{true_loss} {limit}"
        );
        // The mean does not (R² 0), nor a run twice as far off as the noise.
        assert_eq!(floors.fits(floors.variance), None);
        assert_eq!(floors.fits(2.0 * true_loss), None);
        assert_eq!(floors.fits(f64::NAN), None);
    }

    /// Penguin-like points: body mass grows with flipper length, with a lot of scatter that no
    /// model can explain (342 birds, the scatter half of y's spread).
    fn penguin_like(seed: u64) -> crate::engine::table::Points {
        let mut random = Random::new(seed, Stream::Data);
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for _ in 0..342 {
            let flipper = (172.0 + 59.0 * random.uniform()).round();
            x.push(flipper);
            y.push((50.0 * flipper - 5780.0 + 390.0 * random.normal()).round());
        }
        crate::engine::table::Points::new(x, y).unwrap()
    }

    #[test]
    fn the_preset_menu_names_a_runs_own_target() {
        let label = |query: &str, language| config(query).custom_preset_label(language);
        // Another learning rate: the same target, the preset named alone.
        let same = label("preset=question&lr=0.001", Language::En);
        assert!(same.starts_with("custom, from The question:"), "{same}");
        let formula = label("preset=question&f=abs(x)", Language::En);
        assert!(
            formula.contains("y = abs(x)") && formula.contains("The question"),
            "{formula}"
        );
        assert!(!formula.contains("2x"), "{formula}");
        let chinese = label("preset=question&f=abs(x)", Language::Zh);
        assert!(
            chinese.contains("y = abs(x)") && chinese.starts_with("自定义"),
            "{chinese}"
        );
        let mut own = config("preset=standardized");
        let _ = own.use_points(penguin_like(3));
        let points = own.custom_preset_label(Language::En);
        assert!(points.contains("your 342 points"), "{points}");
    }

    #[test]
    fn noisy_own_points_fit_at_the_noise_floor_where_r_squared_is_out_of_reach() {
        use crate::engine::train::{Outcome, Trainer};
        let mut config = config(
            "xscale=standard&yscale=standard&out=linear&opt=adam&lr=0.01&hidden=16&epochs=150&batch=32&metric=mae",
        );
        let _ = config.use_points(penguin_like(11));
        let mut trainer = Trainer::new(&config);
        trainer.run();
        let floors = trainer.data().floors;
        let loss = trainer.history().last().unwrap().loss;
        // R² ≥ 0.98 is out of reach: the noise alone is far more than 2% of var(y).
        assert!(
            floors.noise.unwrap().variance() > 0.1 * floors.variance,
            "{floors:?}"
        );
        assert!(floors.r_squared(loss).unwrap() < 0.9, "{loss} {floors:?}");
        assert_eq!(trainer.outcome(), Outcome::Converged, "{loss} {floors:?}");
        assert_eq!(floors.fits(loss), Some(Standard::NoiseFloor));
        let words = crate::engine::report::explain(&trainer);
        assert!(words.contains("noise floor"), "{words}");
        crate::engine::report::assert_said_once(&trainer);
        let line = crate::engine::report::headline(&trainer, None, Language::En);
        assert!(
            line.contains("your 342 points") && !line.contains("2x"),
            "{line}"
        );
        // In y's own units the error reads in grams: about the 390 g of scatter.
        let (rmse, _) = crate::engine::report::in_y_units(&trainer).unwrap();
        assert!((300.0..480.0).contains(&rmse), "{rmse}");
    }
}
