//! The seed thread's programs as configurations: each preset is the table's defaults (the learner's
//! program) with the few differences its answer made.

use super::choices::{DataKind, Metric, OptimizerKind, OutputActivation, Preset};
use super::Config;

impl Preset {
    /// The configuration of this preset, exactly as the seed thread's program.
    pub fn config(self) -> Config {
        let question = Config::default();
        match self {
            Preset::Question => question,
            Preset::FewerPoints => Config {
                preset: self,
                stop: 10.0,
                train_points: 9,
                hidden_layers: vec![12],
                ..question
            },
            Preset::Standardized => Config {
                preset: self,
                data: DataKind::Randn,
                output_activation: OutputActivation::Linear,
                decay: 1e-6,
                metric: Metric::Mae,
                ..question
            },
            Preset::Adam => Config {
                preset: self,
                output_activation: OutputActivation::Linear,
                optimizer: OptimizerKind::Adam,
                learning_rate: 1e-4,
                epochs: 200,
                metric: Metric::Mae,
                ..question
            },
            Preset::Log => Config {
                preset: self,
                stop: 100_000.0,
                train_points: 99_999,
                output_activation: OutputActivation::Softmax,
                ..question
            },
        }
    }

    /// A one-line title for menus and the lesson, in `language`.
    pub fn title(self, language: crate::i18n::Language) -> &'static str {
        self.title_text().get(language)
    }

    /// The title in both languages (the menu's words).
    pub fn title_text(self) -> crate::i18n::Text {
        use crate::i18n;
        match self {
            Preset::Question => i18n::PRESET_QUESTION,
            Preset::FewerPoints => i18n::PRESET_FEWER_POINTS,
            Preset::Standardized => i18n::PRESET_STANDARDIZED,
            Preset::Adam => i18n::PRESET_ADAM,
            Preset::Log => i18n::PRESET_LOG,
        }
    }
}
