//! One frame budget: additive increase on on-time frames, multiplicative decrease on late ones.

use super::{GROW_MS, MIN_MS, PROBE_GROWTH, SHRINK};

/// A budget that adapts to the frames it gets (additive increase, multiplicative decrease).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Budget {
    pub(super) ms: f64,
    /// How many on-time frames a late one makes it wait before growing again.
    hold_after_late: u32,
    /// No frame came late yet: the budget grows by a factor, not a step.
    probing: bool,
    /// On-time frames left before the budget grows again after a late one.
    hold: u32,
}

impl Budget {
    pub(super) fn new(hold_after_late: u32) -> Self {
        Budget {
            ms: MIN_MS,
            hold_after_late,
            probing: true,
            hold: 0,
        }
    }

    pub(super) fn judge(&mut self, late: bool) {
        if late {
            self.ms *= SHRINK;
            self.probing = false;
            self.hold = self.hold_after_late;
        } else if self.hold > 0 {
            self.hold -= 1;
        } else if self.probing {
            self.ms *= PROBE_GROWTH;
        } else {
            self.ms += GROW_MS;
        }
    }

    pub(super) fn cap(&mut self, most: f64, ceiling: f64) {
        self.ms = self.ms.min(most);
        self.ms = if self.ms.is_finite() {
            self.ms.clamp(MIN_MS, ceiling)
        } else {
            MIN_MS
        };
    }
}
