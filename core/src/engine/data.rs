//! The data of a run: x values, targets, the train / validation / test parts, scaling, and the seeded
//! random numbers everything draws from.

use super::config::{Config, DataKind, XScale, YScale};
use super::judge::Floors;
use super::random::{Random, Stream};
use std::ops::Range;

/// An affine map fitted on the training rows: scaled = (raw − shift) / scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scaler {
    pub shift: f64,
    pub scale: f64,
}

impl Default for Scaler {
    fn default() -> Self {
        Scaler {
            shift: 0.0,
            scale: 1.0,
        }
    }
}

impl Scaler {
    fn from_parts(shift: f64, scale: f64) -> Scaler {
        // A constant column would divide by zero: leave it unscaled, as scikit-learn does.
        let scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        Scaler { shift, scale }
    }

    /// Fits `x_scale` on `values` (the rows trained on).
    pub fn fit_x(kind: XScale, values: &[f64]) -> Scaler {
        match kind {
            XScale::None => Scaler::default(),
            XScale::Standard => standard(values),
            XScale::MinMax => {
                let (low, high) = min_max(values);
                Scaler::from_parts(low, high - low)
            }
            XScale::MaxAbs => {
                let largest = largest_magnitude(values.iter().copied());
                Scaler::from_parts(0.0, largest)
            }
        }
    }

    pub fn fit_y(kind: YScale, values: &[f64]) -> Scaler {
        match kind {
            YScale::None => Scaler::default(),
            YScale::Standard => standard(values),
        }
    }

    pub fn apply(&self, raw: f64) -> f64 {
        (raw - self.shift) / self.scale
    }

    pub fn invert(&self, scaled: f64) -> f64 {
        scaled * self.scale + self.shift
    }
}

fn standard(values: &[f64]) -> Scaler {
    let mean = mean(values);
    let variance = mean_of(values.iter().map(|v| (v - mean) * (v - mean)), values.len());
    Scaler::from_parts(mean, libm::sqrt(variance))
}

/// Mean of a slice, summed in order (0 for an empty slice).
pub fn mean(values: &[f64]) -> f64 {
    mean_of(values.iter().copied(), values.len())
}

/// Mean of `count` values, summed in order (0 when `count` is 0): a mean of values computed on the
/// way, without collecting them.
pub fn mean_of(values: impl Iterator<Item = f64>, count: usize) -> f64 {
    if count == 0 {
        0.0
    } else {
        values.sum::<f64>() / count as f64
    }
}

/// The positions of `keys` from the least key to the greatest (`f64::total_cmp`), equal keys in
/// their order: what a stable sort by these keys does. Every sort by a number goes through this one
/// function, so the page's wasm holds one copy of the standard library's sort, not one per caller.
pub fn order_by(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
    order
}

/// `items` sorted by `key` (stable, `f64::total_cmp`), through `order_by`.
pub fn sorted_by<T: Copy>(items: &[T], key: impl Fn(&T) -> f64) -> Vec<T> {
    let keys: Vec<f64> = items.iter().map(key).collect();
    order_by(&keys).into_iter().map(|i| items[i]).collect()
}

/// Smallest and largest value (0, 0 for an empty slice).
pub fn min_max(values: &[f64]) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0);
    }
    values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        })
}

/// The data of one run, in original units and as the network sees it.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// Inputs and targets in original units, in the order the data was made.
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    /// Rows `fit` trains on (shuffled each epoch).
    pub fit: Range<usize>,
    /// Keras' `validation_split`: the last rows of the training part, never shuffled in.
    pub validation: Range<usize>,
    /// Everything after the training part (`x[750:]` in the question: extrapolation).
    pub test: Range<usize>,
    pub x_scaler: Scaler,
    pub y_scaler: Scaler,
    /// Inputs and targets as the network sees them (scaled, float32 as Keras casts them).
    pub x_scaled: Vec<f32>,
    pub y_scaled: Vec<f32>,
    /// mean(y²) and var(y) over the rows trained on, computed once (the diagnosis reads them every frame).
    mean_square_target: f64,
    target_variance: f64,
    /// What the data itself lets a network reach (var(y), the best line, the noise), over the rows
    /// trained on, in training units: the judgement of every run on this data reads them.
    pub floors: Floors,
}

impl Dataset {
    /// Makes the data a `Config` describes. Deterministic in `config.seed`.
    pub fn new(config: &Config) -> Dataset {
        let mut random = Random::new(config.seed, Stream::Data);
        let x = config.draw_inputs(&mut random);
        let clean: Vec<f64> = match config.data {
            DataKind::Own => config.own.y().to_vec(),
            _ if config.target.is_default() => x
                .iter()
                .map(|&xi| config.slope * xi + config.intercept)
                .collect(),
            _ => config.target.eval_all(&x),
        };
        // Noise is drawn after the inputs, one draw per point in order (none without noise).
        let y: Vec<f64> = clean
            .iter()
            .map(|&yi| {
                if config.noise > 0.0 {
                    yi + config.noise * random.normal()
                } else {
                    // As the seed's `slope·x + intercept + 0`: the same bits, even for −0.
                    yi + 0.0
                }
            })
            .collect();
        let (x, y) = if config.shuffle {
            shuffled_rows(config.seed, x, y)
        } else {
            (x, y)
        };
        let train = config.train_points.clamp(1, x.len().max(1)).min(x.len());
        // Keras 3 `train_validation_split`: split_at = floor(n · (1 − validation_split)). At least one
        // row is kept for training so a run can always start.
        let split_at = libm::floor(train as f64 * (1.0 - config.validation_split)) as usize;
        let split_at = split_at.clamp(1.min(train), train);
        let fit = 0..split_at;
        let x_scaler = Scaler::fit_x(config.x_scale, &x[fit.clone()]);
        let y_scaler = Scaler::fit_y(config.y_scale, &y[fit.clone()]);
        let x_scaled = x.iter().map(|&v| x_scaler.apply(v) as f32).collect();
        let y_scaled: Vec<f32> = y.iter().map(|&v| y_scaler.apply(v) as f32).collect();
        let (mean_square_target, target_variance) = target_moments(&y_scaled[fit.clone()]);
        // Generated points carry the noise the lab added: its variance, as the network sees y.
        let added = if config.data == DataKind::Own {
            0.0
        } else {
            let sigma = config.noise / y_scaler.scale;
            sigma * sigma
        };
        let floors = Floors::of(&x[fit.clone()], &y_scaled[fit.clone()]).with_added_noise(added);
        Dataset {
            mean_square_target,
            target_variance,
            floors,
            fit,
            validation: split_at..train,
            test: train..x.len(),
            x,
            y,
            x_scaler,
            y_scaler,
            x_scaled,
            y_scaled,
        }
    }

    /// Mean of y² over the rows trained on, in training units: the loss of a network that outputs 0.
    pub fn mean_square_target(&self) -> f64 {
        self.mean_square_target
    }

    /// mean((y − value)²) over the rows trained on, in training units: the loss of a network whose
    /// output is `value` for every x (a one-unit softmax outputs 1).
    pub fn mean_square_error_of(&self, value: f64) -> f64 {
        let rows = &self.y_scaled[self.fit.clone()];
        let sum: f64 = rows.iter().map(|&y| (f64::from(y) - value).powi(2)).sum();
        sum / rows.len().max(1) as f64
    }

    /// Variance of y over the rows trained on, in training units: the loss of the best constant output.
    pub fn target_variance(&self) -> f64 {
        self.target_variance
    }
}

/// A part of the rows held out from training.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Validation,
    Test,
}

/// A held-out part whose y lies outside the training rows': its mean is more than one standard
/// deviation of the training rows' y from theirs. Shuffled rows never come that far apart (the
/// means of 70 random rows of 350 differ by about a seventh of one); a file sorted by a column
/// that goes with y does (the penguins' last species is the heaviest).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PartApart {
    pub part: Part,
    /// The part's smallest and largest y, and its mean.
    pub range: (f64, f64),
    pub mean: f64,
    /// The training rows' smallest and largest y, and their mean.
    pub training: (f64, f64),
    pub training_mean: f64,
}

impl Dataset {
    /// The held-out parts of own data whose y lies outside the training rows' (`PartApart`), when
    /// the rows were not shuffled before the split: what a sorted file does to Keras'
    /// `validation_split`.
    pub fn parts_apart(&self, config: &Config) -> Vec<PartApart> {
        if config.data != DataKind::Own || config.shuffle {
            return Vec::new();
        }
        let fit = &self.y[self.fit.clone()];
        let centre = mean(fit);
        let spread = libm::sqrt(mean_of(
            fit.iter().map(|v| (v - centre) * (v - centre)),
            fit.len(),
        ));
        [
            (Part::Validation, self.validation.clone()),
            (Part::Test, self.test.clone()),
        ]
        .into_iter()
        .filter(|(_, rows)| rows.len() >= 2)
        .filter(|(_, rows)| (mean(&self.y[rows.clone()]) - centre).abs() > spread)
        .map(|(part, rows)| PartApart {
            part,
            range: min_max(&self.y[rows.clone()]),
            mean: mean(&self.y[rows]),
            training: min_max(fit),
            training_mean: centre,
        })
        .collect()
    }
}

/// The rows in one order drawn from the seed (`Stream::Rows`), x and y kept together.
fn shuffled_rows(seed: u64, x: Vec<f64>, y: Vec<f64>) -> (Vec<f64>, Vec<f64>) {
    let mut order: Vec<usize> = (0..x.len()).collect();
    Random::new(seed, Stream::Rows).shuffle(&mut order);
    order.iter().map(|&row| (x[row], y[row])).unzip()
}

/// mean(y²) and var(y) of the fitted targets, in f64 and a fixed order.
fn target_moments(fit: &[f32]) -> (f64, f64) {
    let values: Vec<f64> = fit.iter().map(|&v| f64::from(v)).collect();
    let m = mean(&values);
    let square = mean_of(values.iter().map(|v| v * v), values.len());
    let variance = mean_of(values.iter().map(|v| (v - m) * (v - m)), values.len());
    (square, variance)
}

/// The largest absolute value of `values` (0 for none; a NaN is passed over).
pub fn largest_magnitude(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(0.0f64, |m, v| m.max(v.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `order_by` is a stable sort: a permutation, keys never falling, equal keys in their order
    /// (checked as properties, over ties, −0 and 0, infinities and NaN).
    #[test]
    fn order_by_sorts_stably() {
        use crate::engine::random::{Random, Stream};
        let mut random = Random::new(7, Stream::Data);
        for n in [0, 1, 2, 3, 20, 257] {
            let keys: Vec<f64> = (0..n)
                .map(|i| match i % 7 {
                    0 => 1.5,
                    1 => -0.0,
                    2 => 0.0,
                    3 => f64::INFINITY,
                    4 => f64::NAN,
                    _ => (random.uniform() * 4.0).floor() - 2.0,
                })
                .collect();
            let order = order_by(&keys);
            let mut seen = order.clone();
            seen.sort_unstable();
            assert_eq!(seen, (0..n).collect::<Vec<_>>(), "a permutation");
            for pair in order.windows(2) {
                let (a, b) = (keys[pair[0]], keys[pair[1]]);
                assert!(a.total_cmp(&b).is_le(), "{a} before {b}");
                if a.to_bits() == b.to_bits() {
                    assert!(pair[0] < pair[1], "equal keys keep their order");
                }
            }
            let items: Vec<(f64, usize)> = keys.iter().copied().zip(0..).collect();
            let sorted = sorted_by(&items, |p| p.0);
            assert_eq!(sorted.iter().map(|p| p.1).collect::<Vec<_>>(), order);
        }
    }
    use crate::engine::config::{Key, Preset};
    use crate::engine::judge::Target;

    #[test]
    fn question_trains_on_1_to_600_and_validates_on_601_to_750() {
        let data = Dataset::new(&Preset::Question.config());
        assert_eq!(data.x.len(), 999);
        assert_eq!(data.fit, 0..600);
        assert_eq!(data.validation, 600..750);
        assert_eq!(data.test, 750..999);
        assert_eq!(
            (data.x[0], data.x[599], data.x[600], data.x[749]),
            (1.0, 600.0, 601.0, 750.0)
        );
        assert_eq!(data.y[599], 1200.0);
        assert!((data.mean_square_target() - 481_200.666_666).abs() < 1e-3);
    }

    #[test]
    fn fewer_points_trains_on_seven_and_validates_on_two() {
        let data = Dataset::new(&Preset::FewerPoints.config());
        assert_eq!(
            (data.fit.clone(), data.validation.clone(), data.test.clone()),
            (0..7, 7..9, 9..9)
        );
    }

    #[test]
    fn standard_scaling_is_fitted_on_the_rows_trained_on() {
        let mut config = Preset::Question.config();
        config.x_scale = XScale::Standard;
        let data = Dataset::new(&config);
        let fitted: Vec<f64> = data.x_scaled[data.fit.clone()]
            .iter()
            .map(|&v| f64::from(v))
            .collect();
        assert!(mean(&fitted).abs() < 1e-5);
        // x = 1..600: mean 300.5, population std sqrt((600² − 1) / 12).
        assert!((data.x_scaler.shift - 300.5).abs() < 1e-9);
        assert!((data.x_scaler.scale - ((600.0f64 * 600.0 - 1.0) / 12.0).sqrt()).abs() < 1e-9);
        // Validation rows lie beyond the fitted range: scaled above the largest training value.
        assert!(data.x_scaled[700] > data.x_scaled[599]);
    }

    #[test]
    fn same_seed_same_data_new_seed_new_data() {
        let config = Preset::Standardized.config();
        let again = Dataset::new(&config);
        assert_eq!(Dataset::new(&config).x, again.x);
        let other = Config {
            seed: config.seed + 1,
            ..config
        };
        assert_ne!(Dataset::new(&other).x, again.x);
    }

    #[test]
    fn a_formula_makes_the_targets_and_the_seeds_stay_exact() {
        let (config, notices) = Config::from_query("f=abs(x)&start=-3&stop=4&train=7");
        assert!(notices.is_empty(), "{notices:?}");
        let data = Dataset::new(&config);
        assert_eq!(data.x, [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0]);
        assert_eq!(data.y, [3.0, 2.0, 1.0, 0.0, 1.0, 2.0, 3.0]);
        // `2*x` is the seed's target: `slope=3` still makes y = 3x, as before `f` existed.
        let (sloped, _) = Config::from_query("slope=3&intercept=1");
        assert_eq!(Dataset::new(&sloped).y[..3], [4.0, 7.0, 10.0]);
        assert_eq!(Target::of(&sloped).at(2.0), Some(7.0));
        assert_eq!(Target::of(&config).at(-2.5), Some(2.5));
    }

    #[test]
    fn a_formula_that_fails_on_the_data_keeps_the_previous_target_and_says_where() {
        let (mut config, _) = Config::from_query("f=abs(x)&start=-5&stop=5");
        let notices = config.set(Key::Target, "log(x)");
        assert_eq!(config.target.to_string(), "abs(x)");
        assert_eq!(notices.len(), 1, "{notices:?}");
        let words = notices[0].to_string();
        assert!(
            words.contains("“f=log(x)”") && words.contains("x = -5") && words.contains("abs(x)"),
            "{words}"
        );
        let notices = config.set(Key::Target, "abs(x");
        assert_eq!(config.target.to_string(), "abs(x)");
        let words = notices[0].text(crate::engine::config::Language::Zh);
        assert!(words.contains("第 6 个字符"), "{words}");
        // A range the formula fails on gives way to 2*x (the formula before fails there too).
        let (mut config, _) = Config::from_query("f=sqrt(x)");
        let notices = config.set(Key::Start, "-2");
        assert!(config.target.is_default(), "{}", config.target);
        assert!(notices.iter().any(|n| n.key == "f"), "{notices:?}");
    }

    #[test]
    fn own_points_are_the_data_and_travel_in_the_link() {
        use crate::engine::table::Points;
        let points = Points::new(vec![-1.0, 0.0, 1.0, 2.0], vec![1.0, 0.0, 1.0, 2.0]).unwrap();
        let mut config = Config::default();
        let notices = config.use_points(points.clone());
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!((config.data, config.train_points), (DataKind::Own, 4));
        let data = Dataset::new(&config);
        assert_eq!(
            (data.x.as_slice(), data.y.as_slice()),
            (points.x(), points.y())
        );
        let (again, notices) = Config::from_query(&config.to_query());
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(again, config);
        assert_eq!(Target::of(&config).at(1.0), None);
        let (query, whole) = config.share_query(40);
        assert!(whole && query.contains("pts="), "{query}");
        let many: Vec<f64> = (0..3000).map(|i| f64::from(i) * 0.001_7).collect();
        let mut big = config.clone();
        let _ = big.use_points(Points::new(many.clone(), many).unwrap());
        let (query, whole) = big.share_query(40);
        let tag = crate::engine::table::Tag::of(&big.own).link_text();
        assert!(
            !whole && query.ends_with(&format!("&pts={tag}")) && query.contains("data=own"),
            "{query}"
        );
        // Without points, `data=own` falls back to arange and says so.
        let (empty, notices) = Config::from_query("data=own");
        assert_eq!(empty.data, DataKind::Arange);
        assert_eq!(notices[0].key, "data");
    }

    #[test]
    fn largest_magnitude_is_the_largest_absolute_value_and_zero_for_none() {
        assert_eq!(largest_magnitude([1.5, -4.0, 3.0]), 4.0);
        assert_eq!(largest_magnitude([-0.5, f64::NAN, 0.25]), 0.5);
        assert_eq!(largest_magnitude(std::iter::empty()), 0.0);
    }
}
