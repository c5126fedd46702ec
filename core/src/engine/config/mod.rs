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
//! `values` (how each field type reads and writes its text), `limits` (the bounds, the weight
//! count), `pins` (`vs`), `sweep_axes` (`sweep`), `presets`, `link` (query strings), `notice`,
//! `data_words` (what own data's columns, skipped lines and sorted parts say).

mod choices;
mod data_words;
mod limits;
mod link;
mod notice;
mod pins;
mod presets;
mod settings;
mod sweep_axes;
mod values;

use crate::engine::formula::Formula;
use crate::engine::random::{Random, Stream};
use crate::engine::table::Points;
use crate::i18n;
pub use choices::{
    Activation, Choice, DataKind, Init, Language, LanguageChoice, Metric, OptimizerKind,
    OutputActivation, Panel, Preset, Schedule, XScale, YScale,
};
pub use data_words::{column_phrase, line_numbers, skip_offer, skipped, LISTED_LINES};
pub use limits::{
    weight_count, DEFAULT_SEED, MAX_EPOCHS, MAX_LAYERS, MAX_PINNED, MAX_POINTS, MAX_SEEDS,
    MAX_SWEEP_AXES, MAX_SWEEP_VALUES, MAX_UNITS, MAX_WEIGHTS,
};
pub use link::{
    is_local_host, line_words, percent_decode, percent_encode, query_pairs, VERSION_KEY,
    VERSION_QUERY,
};
pub use notice::{Notice, Phrase, Problem, Word};
pub use pins::PIN_SEPARATOR;
pub use settings::{keys_markdown, setting, Config, Domain, Key, Role, Setting, SETTINGS};
pub use sweep_axes::{Axis, Sweep};

/// Where own points came from: the columns' names (empty: no header) and the file's (empty:
/// pasted).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataNames {
    pub x: String,
    pub y: String,
    pub file: String,
}

impl Config {
    /// Writes one setting, as a widget, a lesson step, a sweep cell or a worker hands it over, then
    /// runs the cross-key checks. Returns what was not taken as written (this key's value, or
    /// another key the checks had to adjust). Never panics.
    pub fn set(&mut self, key: Key, value: &str) -> Vec<Notice> {
        self.apply(&[(key.name().to_string(), value.to_string())])
    }

    /// Writes several settings as one write (the checks run once at the end).
    pub fn set_all(&mut self, pairs: &[(Key, &str)]) -> Vec<Notice> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(key, value)| (key.name().to_string(), (*value).to_string()))
            .collect();
        self.apply(&pairs)
    }

    /// Applies the pairs of a link in order (`preset` first, whatever its position), then the
    /// cross-key checks once: a link is one write. Keys are link text here (a link may hold
    /// unknown ones: each becomes a notice). `vs` may repeat: its values together are the pins.
    pub fn apply(&mut self, pairs: &[(String, String)]) -> Vec<Notice> {
        let mut notices = Vec::new();
        // A formula refused on the data's x gives way to the one before this write.
        let target_before = self.target.clone();
        // Pinned runs are snapshots: whatever this write changes, they stay the runs they were.
        let pinned = self.pinned();
        let pins = Key::Pins.name();
        if let Some((key, value)) = pairs
            .iter()
            .rev()
            .find(|(key, _)| key == Key::Preset.name())
        {
            notices.extend(self.write(key, value));
        }
        for (key, value) in pairs
            .iter()
            .filter(|(key, _)| key != Key::Preset.name() && key != pins)
        {
            notices.extend(self.write(key, value));
        }
        notices.extend(self.check());
        notices.extend(self.check_target(&target_before));
        self.compare.0 = pinned.iter().map(|p| self.diff_query(p)).collect();
        // New pins are read against the run as it now is; several `vs` in one link are one list.
        let new_pins: Vec<&str> = pairs
            .iter()
            .filter(|(key, _)| key == pins)
            .map(|(_, value)| value.as_str())
            .collect();
        if !new_pins.is_empty() {
            // Pin by pin, so each one that cannot be taken gets its own notice.
            let setting = Key::Pins.setting();
            let mut taken: Vec<&str> = Vec::new();
            for pin in new_pins.iter().flat_map(|v| v.split(PIN_SEPARATOR)) {
                let mut with_it = taken.clone();
                with_it.push(pin);
                let (_, problem) = <pins::Pins as values::Value>::read(
                    &with_it.join(PIN_SEPARATOR),
                    &setting.domain,
                    &self.compare,
                );
                match problem {
                    Some(problem) => notices.push(Notice::new(pins, pin, problem)),
                    None => taken = with_it,
                }
            }
            notices.extend(self.write(pins, &taken.join(PIN_SEPARATOR)));
        }
        notices
    }

    /// Takes how `other` shows its run (language, classroom mode, hidden panels), through `set`:
    /// a new run opened from a menu keeps the page as the person set it up.
    pub fn keep_view_of(&mut self, other: &Config) -> Vec<Notice> {
        let view: Vec<(Key, String)> = SETTINGS
            .iter()
            .filter(|s| s.role == Role::View)
            .map(|s| (s.id, (s.get)(other)))
            .collect();
        let pairs: Vec<(Key, &str)> = view.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.set_all(&pairs)
    }

    /// Pins `other` beside this run (its differences from it).
    pub fn pin(&mut self, other: &Config) -> Vec<Notice> {
        let mut pins = self.compare.0.clone();
        pins.push(self.diff_query(other));
        self.set(Key::Pins, &pins.join(PIN_SEPARATOR))
    }

    /// Pins the run as it is now beside whatever comes next (its differences: none yet).
    pub fn pin_this_run(&mut self) -> Vec<Notice> {
        let mut pins = self.compare.0.clone();
        pins.push(VERSION_QUERY.to_string());
        self.set(Key::Pins, &pins.join(PIN_SEPARATOR))
    }

    /// "Keep training" to epoch `epochs`: this run and each pinned run that stops where it does go
    /// on (a pin with its own `epochs` keeps them). Nothing changes when `epochs` is not taken as
    /// written (beyond the most a link takes); the notice says why.
    pub fn keep_training_to(&mut self, epochs: usize) -> Vec<Notice> {
        let mut longer = self.clone();
        let notices = longer.set(Key::Epochs, &epochs.to_string());
        if !notices.is_empty() {
            return notices;
        }
        let pinned: Vec<Config> = (self.pinned().into_iter())
            .map(|mut pin| {
                if pin.epochs == self.epochs {
                    pin.epochs = epochs;
                }
                pin
            })
            .collect();
        longer.compare.0 = pinned.iter().map(|p| longer.diff_query(p)).collect();
        *self = longer;
        Vec::new()
    }

    /// Removes pinned run `index` (counted from 0); the others stay as they were.
    pub fn unpin(&mut self, index: usize) -> Vec<Notice> {
        let pins: Vec<String> = (self.compare.0.iter().enumerate())
            .filter(|(i, _)| *i != index)
            .map(|(_, pin)| pin.clone())
            .collect();
        self.set(Key::Pins, &pins.join(PIN_SEPARATOR))
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
        if setting.id == Key::Pins {
            // Each pin is read against this run: its differences, written the canonical way.
            let problem = (setting.put)(self, value, &setting.domain);
            let canonical = self
                .compare
                .0
                .iter()
                .map(|pin| self.diff_pairs_query(&query_pairs(pin)))
                .collect();
            self.compare.0 = canonical;
            return problem.and_then(notice);
        }
        if setting.id == Key::Preset {
            // A preset replaces the run, and keeps how the page shows it and the pinned runs.
            let (preset, problem) =
                <Preset as values::Value>::read(value, &setting.domain, &self.preset);
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

    /// The text form of one setting, as `set` reads it back: for every key,
    /// `c.set(key, &c.get(key))` changes nothing and says nothing.
    pub fn get(&self, key: Key) -> String {
        (key.setting().get)(self)
    }

    /// Runs the checks on a `Config` built by hand rather than parsed (the trainer does this, so no
    /// configuration can make it panic).
    pub fn repair(&mut self) {
        let _ = self.check();
        let _ = self.check_target(&Formula::default());
    }

    /// The inputs x this configuration describes, drawn from `random` (the data stream) for `randn`
    /// and `uniform`: `Dataset::new` goes on drawing the noise from the same stream.
    pub fn draw_inputs(&self, random: &mut Random) -> Vec<f64> {
        let count = self.data_points().min(MAX_POINTS);
        match self.data {
            DataKind::Arange => (0..count)
                .map(|i| self.start + i as f64 * self.step)
                .collect(),
            DataKind::Randn => (0..count).map(|_| random.normal()).collect(),
            DataKind::Uniform => {
                let span = self.high - self.low;
                (0..count)
                    .map(|_| self.low + span * random.uniform())
                    .collect()
            }
            DataKind::Own => self.own.x().to_vec(),
        }
    }

    /// The inputs x of this configuration's data, exactly as `Dataset::new` makes them (the formula
    /// is checked on these).
    pub fn inputs(&self) -> Vec<f64> {
        self.draw_inputs(&mut Random::new(self.seed, Stream::Data))
    }

    /// A formula that is NaN, infinite or beyond float32 at one of the data's x cannot be a target:
    /// `previous` (the formula before this write) is used if it is fine there, else `2*x`. The
    /// notice names the x and why.
    fn check_target(&mut self, previous: &Formula) -> Option<Notice> {
        if self.data == DataKind::Own || self.target.is_default() {
            return None;
        }
        let inputs = self.inputs();
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
        self.check_domains(&mut notices);
        self.check_widths(&mut notices);
        self.check_data(&mut notices);
        self.check_own_data(&mut notices);
        self.check_clips(&mut notices);
        notices
    }

    /// Each value must be one a link could hold: a `Config` made by hand may carry a NaN, a zero
    /// step or an empty data set. Read back through its own domain, each is clamped, or put back
    /// to its default when no link could write it. Own points are not: `Points` can only hold
    /// points a link could (`Points::new` checks them), and writing 100,000 of them out as text
    /// and reading them back on every write would cost more than the write.
    fn check_domains(&mut self, notices: &mut Vec<Notice>) {
        for setting in SETTINGS
            .iter()
            .filter(|s| !matches!(s.id, Key::Pins | Key::Hidden | Key::OwnPoints))
        {
            let text = (setting.get)(self);
            match (setting.put)(self, &text, &setting.domain) {
                None => {}
                Some(problem @ Problem::Clamped { .. }) => {
                    notices.push(Notice::new(setting.key, &text, problem));
                }
                Some(Problem::Invalid { expected, .. }) => {
                    (setting.reset)(self);
                    let used = (setting.get)(self);
                    notices.push(Notice::new(
                        setting.key,
                        &text,
                        Problem::Invalid { expected, used },
                    ));
                }
                Some(problem) => notices.push(Notice::new(setting.key, &text, problem)),
            }
        }
    }

    /// Widths no link could write (only a `Config` made by hand has them) become one unit.
    fn check_widths(&mut self, notices: &mut Vec<Notice>) {
        let widths = &self.hidden_layers;
        let sane = (1..=MAX_LAYERS).contains(&widths.len())
            && widths.iter().all(|w| (1..=MAX_UNITS).contains(w))
            && weight_count(widths) <= MAX_WEIGHTS;
        if !sane {
            let text = <Vec<usize> as values::Value>::write(widths);
            let why = Phrase::new(i18n::WHY_NOT_TRAINABLE, &[]);
            notices.push(adjusted("hidden", text, why, "1".into()));
            self.hidden_layers = vec![1];
        }
    }

    /// A data set of at least one point and at most `MAX_POINTS`, and a training part that is not
    /// empty.
    fn check_data(&mut self, notices: &mut Vec<Notice>) {
        let mut adjust = |key: &str, old: String, why: Phrase, used: String| {
            notices.push(adjusted(key, old, why, used));
        };
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
    }

    /// The learner's own points have their own y: no formula and no noise make it. A formula or
    /// noise left from other data (or written beside `data=own`) is put back, and said.
    fn check_own_data(&mut self, notices: &mut Vec<Notice>) {
        if self.data != DataKind::Own {
            return;
        }
        if !self.target.is_default() {
            let why = Phrase::new(i18n::WHY_OWN_Y_AS_IS, &[]);
            let old = std::mem::take(&mut self.target);
            notices.push(adjusted("f", old.to_string(), why, self.target.to_string()));
        }
        if self.noise != 0.0 {
            let why = Phrase::new(i18n::WHY_OWN_Y_AS_IS, &[]);
            notices.push(adjusted("noise", self.noise.to_string(), why, "0".into()));
            self.noise = 0.0;
        }
    }

    /// Makes `points` the run's data (`data=own`, all of them the training part, as
    /// `model.fit(x, y)` on the whole file, with Keras' `mae` beside the loss, as a regression
    /// has), read from `names`' columns and file. The points are held as they are (never written out
    /// as text and read back); the other settings go through `set_all`, so the same checks run.
    pub fn use_data(&mut self, points: Points, names: &DataNames) -> Vec<Notice> {
        let count = points.len().to_string();
        self.own = points;
        self.set_all(&[
            (Key::Data, "own"),
            (Key::Train, &count),
            (Key::Metric, Metric::Mae.name()),
            (Key::XColumn, &names.x),
            (Key::YColumn, &names.y),
            (Key::File, &names.file),
        ])
    }

    /// `use_data` of points without names (pasted without a header, or made by hand).
    pub fn use_points(&mut self, points: Points) -> Vec<Notice> {
        self.use_data(points, &DataNames::default())
    }

    /// The names of x and y as the charts, tables and exports label them: the columns' names
    /// with own data read from a header, else `x` and `y`.
    pub fn axis_names<'a>(&'a self) -> (&'a str, &'a str) {
        let own = self.data == DataKind::Own;
        let pick = |name: &'a str, plain: &'static str| {
            if own && !name.is_empty() {
                name
            } else {
                plain
            }
        };
        (pick(&self.x_column, "x"), pick(&self.y_column, "y"))
    }

    /// Keras 3 refuses more than one of the three clips; keep the one its `_clip_gradients` would
    /// use first (clipnorm, then global_clipnorm, then clipvalue) and say so.
    fn check_clips(&mut self, notices: &mut Vec<Notice>) {
        let mut kept: Option<&'static str> = None;
        for (key, value) in [
            ("clipnorm", &mut self.clipnorm),
            ("global_clipnorm", &mut self.global_clipnorm),
            ("clipvalue", &mut self.clipvalue),
        ] {
            // A value that is not above 0 (or not a number, in a `Config` made by hand) is off.
            if value.is_nan() || *value <= 0.0 {
                continue;
            }
            match kept {
                None => kept = Some(key),
                Some(first) => {
                    let why = Phrase::new(i18n::WHY_ONE_CLIP, &[&first]);
                    notices.push(adjusted(key, value.to_string(), why, "0".into()));
                    *value = 0.0;
                }
            }
        }
    }

    /// The same run: equal in everything but how the page shows it (language, classroom, panels)
    /// and the preset it was written against.
    pub fn same_run(&self, other: &Config) -> bool {
        SETTINGS
            .iter()
            .filter(|s| s.role == Role::Run)
            .all(|s| s.same_in(self, other))
    }

    /// Whether `longer` is this run trained on to the same or more epochs (every other run
    /// setting the same): its first updates are this run's, since `epochs` only says where to stop.
    pub fn continues_into(&self, longer: &Config) -> bool {
        let same_length = Config {
            epochs: longer.epochs,
            ..self.clone()
        };
        longer.epochs >= self.epochs && same_length.same_run(longer)
    }

    /// Whether the run differs from its preset's program in any setting but the seed (a new seed
    /// runs the same program): the preset menu then says "custom, from …".
    pub fn departs_from_preset(&self) -> bool {
        let preset = self.preset.config();
        SETTINGS
            .iter()
            .filter(|s| s.role == Role::Run && s.id != Key::Seed)
            .any(|s| (s.get)(self) != (s.get)(&preset))
    }

    /// The preset menu's words once the run departs from its preset (`departs_from_preset`):
    /// "custom, from The question", or with the run's target first when it is not the preset's
    /// ("custom: y = abs(x), from The question"), so the menu names what the run is about.
    pub fn custom_preset_label(&self, language: Language) -> String {
        use crate::engine::judge::Target;
        let title = self.preset.title(language);
        let target = Target::of(self);
        if target == Target::of(&self.preset.config()) {
            crate::i18n::PRESET_CUSTOM.fill(language, &[&title])
        } else {
            crate::i18n::PRESET_CUSTOM_TARGET.fill(language, &[&target.words(language), &title])
        }
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

/// The notice of a cross-key check that changed `key` from `old` to `used`, and why.
fn adjusted(key: &str, old: String, why: Phrase, used: String) -> Notice {
    Notice::new(key, &old, Problem::Adjusted { why, used })
}

#[cfg(test)]
mod tests;
