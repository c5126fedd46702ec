//! The one `Config`: every setting of a run, its presets, and its text form (the share link).
//!
//! Parsing is the only way in, and every way in runs the same checks. `Config::set` takes one
//! `key=value` pair exactly as a widget, a lesson step or the runner hands it over; `Config::apply`
//! takes many (a link). Each reads its values through the settings table, then runs the cross-key
//! checks (`check`), so after any write the configuration is consistent: the data set and the
//! training part are non-empty and the ranges are ordered. Whatever is not taken as written comes
//! back as a [`Notice`] naming the key, the value and what was used instead.
//!
//! Files: `choices` (the enums), `settings` (the table of keys: `Config` itself is declared there),
//! `presets`, `link` (query strings), `notice`.

mod choices;
mod link;
mod notice;
mod presets;
mod settings;

use crate::engine::formula::Formula;
use crate::i18n;
pub use choices::{
    Activation, Choice, DataKind, Init, Language, LanguageChoice, Metric, OptimizerKind,
    OutputActivation, Preset, XScale, YScale,
};
pub use link::{percent_decode, percent_encode, query_pairs, VERSION_KEY, VERSION_QUERY};
pub use notice::{Notice, Phrase, Problem, Word};
pub use settings::{
    keys_markdown, setting, weight_count, Axis, Config, Domain, Role, Setting, Sweep, DEFAULT_SEED,
    HIDEABLE, MAX_EPOCHS, MAX_LAYERS, MAX_PINNED, MAX_POINTS, MAX_SEEDS, MAX_SWEEP_AXES,
    MAX_SWEEP_VALUES, MAX_UNITS, MAX_WEIGHTS, SETTINGS,
};

impl Config {
    /// Applies one `key=value` pair, then the cross-key checks. Returns what was not taken as
    /// written (this key's value, or another key the checks had to adjust). Never panics.
    pub fn set(&mut self, key: &str, value: &str) -> Vec<Notice> {
        self.apply(&[(key.to_string(), value.to_string())])
    }

    /// Applies several pairs in order (`preset` first, whatever its position), then the cross-key
    /// checks once: a link is one write.
    pub fn apply(&mut self, pairs: &[(String, String)]) -> Vec<Notice> {
        let mut notices = Vec::new();
        // A formula refused on the data's x gives way to the one before this write.
        let target_before = self.target.clone();
        // Pinned runs are snapshots: whatever this write changes, they stay the runs they were.
        let pinned = self.pinned();
        let is_pin = |key: &str| setting(key).is_some_and(|s| s.role == Role::Compare);
        if let Some((key, value)) = pairs.iter().rev().find(|(key, _)| key == "preset") {
            notices.extend(self.write(key, value));
        }
        for (key, value) in pairs
            .iter()
            .filter(|(key, _)| key != "preset" && !is_pin(key))
        {
            notices.extend(self.write(key, value));
        }
        notices.extend(self.check());
        notices.extend(self.check_target(&target_before));
        self.compare.0 = pinned.iter().map(|p| self.diff_query(p)).collect();
        // New pins are read against the run as it now is.
        for (key, value) in pairs.iter().filter(|(key, _)| is_pin(key)) {
            notices.extend(self.write(key, value));
        }
        notices
    }

    /// One key, without the cross-key checks.
    fn write(&mut self, key: &str, value: &str) -> Option<Notice> {
        let notice = |problem| Some(Notice::new(key, value, problem));
        if key == VERSION_KEY {
            return match value.trim() {
                "1" => None,
                _ => notice(Problem::Invalid {
                    expected: Phrase::new(i18n::EXPECTED_LINK_VERSION, &[]),
                    used: "1".into(),
                }),
            };
        }
        let Some(setting) = setting(key) else {
            return notice(Problem::UnknownKey);
        };
        if setting.role == Role::Compare && !value.trim().is_empty() {
            // A pin is read against this run: its differences, written the canonical way.
            return match (setting.put)(self, value, &setting.domain) {
                Some(problem) => notice(problem),
                None => {
                    if let Some(last) = self.compare.0.pop() {
                        let pairs = query_pairs(&last);
                        self.compare.0.push(self.diff_pairs_query(&pairs));
                    }
                    None
                }
            };
        }
        if setting.role == Role::Preset {
            // A preset replaces the run, and keeps how the page shows it.
            let (preset, problem) =
                <Preset as settings::Value>::read(value, &setting.domain, &self.preset);
            if problem.is_none() {
                *self = Config {
                    language: self.language,
                    classroom: self.classroom,
                    hidden_panels: std::mem::take(&mut self.hidden_panels),
                    compare: std::mem::take(&mut self.compare),
                    ..preset.config()
                };
            }
            return problem.and_then(notice);
        }
        (setting.put)(self, value, &setting.domain).and_then(notice)
    }

    /// The text form of one setting, as `set` reads it back.
    pub fn get(&self, key: &str) -> Option<String> {
        if key == VERSION_KEY {
            return Some("1".into());
        }
        setting(key).map(|s| (s.get)(self))
    }

    /// Runs the checks on a `Config` built by hand rather than parsed (the trainer does this, so no
    /// configuration can make it panic).
    pub fn repair(&mut self) {
        let _ = self.check();
        let _ = self.check_target(&Formula::default());
    }

    /// A formula that is NaN, infinite or beyond float32 at one of the data's x cannot be a target:
    /// `previous` (the formula before this write) is used if it is fine there, else `2*x`. The
    /// notice names the x and why.
    fn check_target(&mut self, previous: &Formula) -> Option<Notice> {
        if self.data == DataKind::Own || self.target.is_default() {
            return None;
        }
        let inputs = crate::engine::data::inputs(self);
        let problem = self.target.check_on(&inputs)?;
        let fallback = if previous.check_on(&inputs).is_none() {
            previous.clone()
        } else {
            Formula::default()
        };
        let refused = std::mem::replace(&mut self.target, fallback);
        Some(Notice::new(
            "f",
            &refused.to_string(),
            Problem::Adjusted {
                why: problem.phrase(),
                used: self.target.to_string(),
            },
        ))
    }

    /// Settings that are fine alone but not together, adjusted so the run can start; each adjustment
    /// names the key it changed. Idempotent: a checked configuration passes unchanged.
    fn check(&mut self) -> Vec<Notice> {
        let mut notices = Vec::new();
        let mut adjust = |key: &str, old: String, why: Phrase, used: String| {
            notices.push(Notice::new(key, &old, Problem::Adjusted { why, used }));
        };
        let widths = &self.hidden_layers;
        let sane = (1..=MAX_LAYERS).contains(&widths.len())
            && widths.iter().all(|w| (1..=MAX_UNITS).contains(w))
            && weight_count(widths) <= MAX_WEIGHTS;
        if !sane {
            // Only a `Config` made by hand gets here: the parser never writes such widths.
            let text = <Vec<usize> as settings::Value>::write(widths);
            let why = Phrase::new(i18n::WHY_NOT_TRAINABLE, &[]);
            adjust("hidden", text, why, "1".into());
            self.hidden_layers = vec![1];
        }
        if self.data == DataKind::Own && self.own.len() < 2 {
            let why = Phrase::new(i18n::WHY_NO_OWN_DATA, &[]);
            adjust("data", "own".into(), why, "arange".into());
            self.data = DataKind::Arange;
        }
        if self.data == DataKind::Arange {
            if arange_len(self.start, self.stop, self.step) == 0 {
                // Half a step past start: exactly one point, whatever the rounding.
                let stop = self.start + self.step * 0.5;
                let why = Phrase::new(i18n::WHY_STOP_ABOVE_START, &[&self.start]);
                adjust("stop", self.stop.to_string(), why, stop.to_string());
                self.stop = stop;
            }
            if arange_len(self.start, self.stop, self.step) > MAX_POINTS {
                // Half a step short of the limit, so rounding cannot make it one point too many.
                let stop = self.start + self.step * (MAX_POINTS as f64 - 0.5);
                let why = Phrase::new(i18n::WHY_TOO_MANY_POINTS, &[&MAX_POINTS]);
                adjust("stop", self.stop.to_string(), why, stop.to_string());
                self.stop = stop;
            }
        }
        // `hi` may go up to 2e6: room for this adjustment when `lo` is at its limit.
        if self.data == DataKind::Uniform && self.low >= self.high {
            let high = self.low + 1.0;
            let why = Phrase::new(i18n::WHY_HI_ABOVE_LO, &[&self.low]);
            adjust("hi", self.high.to_string(), why, high.to_string());
            self.high = high;
        }
        let available = self.data_points();
        if self.train_points > available {
            let why = Phrase::new(i18n::WHY_MORE_THAN_DATA, &[&available]);
            adjust(
                "train",
                self.train_points.to_string(),
                why,
                available.to_string(),
            );
            self.train_points = available;
        }
        if self.fit_rows() == 0 {
            // Keras refuses an empty training part; no validation split is the one that always works.
            let why = Phrase::new(i18n::WHY_NOTHING_TO_FIT, &[&self.train_points]);
            adjust("vsplit", self.validation_split.to_string(), why, "0".into());
            self.validation_split = 0.0;
        }
        notices
    }

    /// The same run: equal in everything but how the page shows it (language, classroom, panels)
    /// and the preset it was written against.
    pub fn same_run(&self, other: &Config) -> bool {
        SETTINGS
            .iter()
            .filter(|s| s.role == Role::Run)
            .all(|s| (s.get)(self) == (s.get)(other))
    }

    /// How many x values the data settings make (before the train/test split).
    pub fn data_points(&self) -> usize {
        match self.data {
            DataKind::Arange => arange_len(self.start, self.stop, self.step),
            DataKind::Randn | DataKind::Uniform => self.points,
            DataKind::Own => self.own.len(),
        }
    }

    /// Rows `fit` trains on: Keras' `split_at = floor(train · (1 − validation_split))`.
    pub fn fit_rows(&self) -> usize {
        let train = self.train_points.min(self.data_points());
        libm::floor(train as f64 * (1.0 - self.validation_split)) as usize
    }

    /// Units of the hidden layers, first to last.
    pub fn widths(&self) -> &[usize] {
        &self.hidden_layers
    }
}

/// `len(np.arange(start, stop, step))`: ceil((stop − start) / step), at least 0.
pub fn arange_len(start: f64, stop: f64, step: f64) -> usize {
    // NaN compares false both ways: it makes no points.
    let positive = step > 0.0 && stop > start;
    if !positive {
        return 0;
    }
    let count = libm::ceil((stop - start) / step);
    if count.is_finite() && count < (MAX_POINTS * 10) as f64 {
        count as usize
    } else {
        MAX_POINTS * 10
    }
}

#[cfg(test)]
mod tests;
