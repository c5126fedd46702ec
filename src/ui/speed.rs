//! How much training one frame does: the speed menu's choices, with their names in a link and in
//! words. Plain data, imported by the state (`Lab::speed`) and by the frame loop that follows it.

use crate::i18n;
use std::fmt;
use std::str::FromStr;

/// How much training one frame does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    /// One batch per frame: watch single updates.
    Batch,
    /// N epochs per frame (within the time budget).
    Epochs(usize),
    /// As many batches as fit in the frame's time budget.
    Max,
}

impl Speed {
    pub const ALL: [Speed; 5] = [
        Speed::Batch,
        Speed::Epochs(1),
        Speed::Epochs(10),
        Speed::Epochs(100),
        Speed::Max,
    ];

    pub fn title(self, language: crate::engine::config::Language) -> String {
        match self {
            Speed::Batch => i18n::SPEED_BATCH.get(language).into(),
            Speed::Epochs(1) => i18n::SPEED_ONE_EPOCH.get(language).into(),
            Speed::Epochs(n) => i18n::SPEED_EPOCHS.fill(language, &[&n]),
            Speed::Max => i18n::SPEED_MAX.get(language).into(),
        }
    }
}

impl fmt::Display for Speed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Speed::Batch => f.write_str("batch"),
            Speed::Epochs(n) => write!(f, "{n}"),
            Speed::Max => f.write_str("max"),
        }
    }
}

impl FromStr for Speed {
    type Err = ();
    fn from_str(text: &str) -> Result<Self, ()> {
        match text {
            "batch" => Ok(Speed::Batch),
            "max" => Ok(Speed::Max),
            // At least one epoch per frame: 0 would never end a frame's work.
            n => match n.parse() {
                Ok(epochs) if epochs > 0 => Ok(Speed::Epochs(epochs)),
                _ => Err(()),
            },
        }
    }
}
