//! The seed thread's fixes for a run, each as a change of link pairs, and pairs of them.

use crate::engine::config::{Config, DataKind, Key};

/// One change to the run: link pairs written with `Config::apply`, in the order shown.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Change {
    pub pairs: Vec<(Key, String)>,
}

impl Change {
    /// The changed keys as a query, as a link writes them: `opt=adam`, `xscale=standard&yscale=standard`.
    /// The empty change (the run on screen itself) is the empty query.
    pub fn query(&self) -> String {
        let parts: Vec<String> = self
            .pairs
            .iter()
            .map(|(key, value)| {
                format!(
                    "{}={}",
                    key.name(),
                    crate::engine::config::percent_encode(value)
                )
            })
            .collect();
        parts.join("&")
    }

    /// The pairs as `Config::apply` takes them.
    pub fn link_pairs(&self) -> Vec<(String, String)> {
        self.pairs
            .iter()
            .map(|(key, value)| (key.name().to_string(), value.clone()))
            .collect()
    }

    /// `config` with this change written (through the same checks as a link).
    pub fn applied_to(&self, config: &Config) -> Config {
        let mut changed = config.clone();
        let _ = changed.apply(&self.link_pairs());
        changed
    }

    /// The change in the words the page labels its controls with, each value as its control shows
    /// it ("scale x standard, scale y standard, output activation linear"): how the changed run
    /// differs from `config`'s, as a pinned run's chip says it.
    pub fn words(&self, config: &Config, language: crate::i18n::Language) -> String {
        config.difference_label(&self.applied_to(config), language)
    }

    /// The run on screen, unchanged.
    pub fn is_none(&self) -> bool {
        self.pairs.is_empty()
    }

    fn shares_a_key(&self, other: &Change) -> bool {
        self.pairs
            .iter()
            .any(|(key, _)| other.pairs.iter().any(|(k, _)| k == key))
    }
}

/// The candidate with only the pairs that change `config`, each value as `Config::get` writes it
/// back; `None` when nothing is left (the fix is already in place) or the run stays the same run.
fn effective(config: &Config, wanted: &[(Key, String)]) -> Option<Change> {
    let mut pairs = Vec::new();
    for (key, value) in wanted {
        let mut one = config.clone();
        let _ = one.set(*key, value);
        if !one.same_run(config) {
            let value = one.get(*key);
            pairs.push((*key, value));
        }
    }
    let change = Change { pairs };
    if change.is_none() || change.applied_to(config).same_run(config) {
        return None;
    }
    Some(change)
}

/// The seed thread's fixes for `config`, each as it would change this run, in a fixed order (which
/// also breaks ties in the advice). A fix already in place, or one that changes nothing, is left out.
pub fn candidates(config: &Config) -> Vec<Change> {
    let standard_x = (Key::XScale, "standard".to_string());
    let standard_y = (Key::YScale, "standard".to_string());
    let linear = (Key::Output, "linear".to_string());
    let lr = |divisor: f64| {
        (
            Key::LearningRate,
            format!("{}", config.learning_rate / divisor),
        )
    };
    let mut wanted: Vec<Vec<(Key, String)>> = vec![
        vec![standard_x.clone()],
        vec![standard_y.clone()],
        vec![standard_x.clone(), standard_y.clone()],
        vec![linear.clone()],
        vec![standard_x, standard_y, linear],
        vec![lr(10.0)],
        vec![lr(100.0)],
        vec![(Key::Optimizer, "adam".into())],
        vec![
            (Key::Optimizer, "adam".into()),
            (Key::LearningRate, "0.001".into()),
        ],
    ];
    // Fewer points, as the thread's answer 0: x = 1…9 (nine points from `start`, all of them trained on).
    if config.data == DataKind::Arange && config.data_points() > 9 {
        let stop = config.start + 9.0 * config.step;
        wanted.push(vec![
            (Key::Stop, format!("{stop}")),
            (Key::Train, config.train_points.min(9).to_string()),
        ]);
    }
    // Fewer units: the thread's 12 per layer.
    let narrower: Vec<String> = config
        .widths()
        .iter()
        .map(|w| (*w).min(12).to_string())
        .collect();
    wanted.push(vec![(Key::Hidden, narrower.join(","))]);
    for init in ["he_normal", "he_uniform", "rai"] {
        wanted.push(vec![(Key::Init, init.into())]);
    }
    wanted.push(vec![(Key::Activation, "leaky_relu".into())]);
    let mut changes: Vec<Change> = Vec::new();
    for pairs in wanted {
        if let Some(change) = effective(config, &pairs) {
            if !changes.iter().any(|c| same_change(config, c, &change)) {
                changes.push(change);
            }
        }
    }
    changes
}

/// Two changes that make the same run.
fn same_change(config: &Config, a: &Change, b: &Change) -> bool {
    a.applied_to(config).same_run(&b.applied_to(config))
}

/// Pairs of `singles` with different keys, for when no single change works: each written as one
/// change (the first's pairs, then the second's), leaving out a pair that makes the same run as a
/// single change or an earlier pair.
pub fn combinations(config: &Config, singles: &[Change]) -> Vec<Change> {
    let mut pairs: Vec<Change> = Vec::new();
    for (i, first) in singles.iter().enumerate() {
        for second in &singles[i + 1..] {
            if first.shares_a_key(second) {
                continue;
            }
            let wanted: Vec<(Key, String)> =
                first.pairs.iter().chain(&second.pairs).cloned().collect();
            let Some(change) = effective(config, &wanted) else {
                continue;
            };
            let known = singles
                .iter()
                .chain(&pairs)
                .any(|c| same_change(config, c, &change));
            if !known {
                pairs.push(change);
            }
        }
    }
    pairs
}

/// The seeds a change is measured on: `count` of them from the run's own seed on (the first is the
/// run's seed), as `sweep::seeds` counts a sweep's.
pub fn seeds(config: &Config, count: usize) -> Vec<u64> {
    (0..count.max(1) as u64)
        .map(|i| config.seed.wrapping_add(i))
        .collect()
}
