//! How long a frame may train: a budget that adapts so training plus drawing fit the display's frame.
//!
//! A fixed budget cannot be right everywhere: drawing the charts takes 2 ms on one machine and 12 on a
//! phone or a GPU-less browser, and a frame that overruns the display's interval is shown one interval
//! late (30 fps instead of 60). So the budget follows the frames it gets, additive increase,
//! multiplicative decrease: it shrinks by a third when a frame came late and grows by a tenth of a
//! millisecond when one came on time (after `HOLD_FRAMES` on-time frames), between `MIN_MS` and
//! `MAX_MS`. A fresh page starts at the floor and, until its first late frame, grows by a quarter per
//! frame, so it finds its level in a dozen frames without first overrunning a slow device's frames.
//!
//! The display's interval is the lower quartile of the last `WINDOW` gaps between frames: it follows the
//! display (a 30, 60 or 120 Hz screen, a window moved to another screen) within a few dozen frames,
//! one early frame or a few do not move it (the shortest gap ever seen did: one 8 ms gap made every
//! 16.7 ms frame late for good), and the frames this budget makes late do not move it either, as long
//! as a quarter of the frames come on time (the median would follow the late frames themselves).
//!
//! When the frame loop reports what drawing costs (`drew`), the budget is also capped so that
//! training, drawing and the browser's own work (`SLACK_MS`) fit the frame, before any frame comes
//! late. Drawing that takes longer than a refresh makes every frame two (or more) refreshes long
//! whatever training does: the budget stays at the floor until the gaps show it, then fills the
//! longer frame up to `MAX_MS` without making it longer still (the floor would not buy a frame
//! back).
//!
//! A playing run draws one chart every few frames (`crate::redraw`), so frames come in two kinds,
//! each with a budget of its own judged by its own frames' gaps: a frame that draws leaves drawing its
//! share; a frame that does not (`Work::Quiet`) trains up to `MAX_QUIET_MS` whatever a chart costs to draw
//! (a drawing frame longer than a refresh does not shrink it). Plain data, no clock of its own: the frame loop passes the time at the start of each
//! frame, and (optionally) what the frame's drawing took.
//!
//! Files: this one (the constants, `Pace`: two budgets judged by their own frames), `recent` (the
//! last values seen: the gaps, the drawing costs), `budget` (one budget's additive increase and
//! multiplicative decrease), `tests` (a simulated display).

mod budget;
mod recent;
#[cfg(test)]
mod tests;

use budget::Budget;
use recent::Recent;

/// The most a frame trains, in milliseconds (half a 60 Hz frame).
pub const MAX_MS: f64 = 8.0;
/// The most a frame that does not change the page trains, in milliseconds (72% of a 60 Hz frame):
/// such a frame leaves the browser little to do besides (about a millisecond on the desktop).
pub const MAX_QUIET_MS: f64 = 12.0;
/// The least: at least one step always runs, so a run always moves on.
pub const MIN_MS: f64 = 0.5;
/// The growth of the budget per on-time frame, in milliseconds.
pub const GROW_MS: f64 = 0.1;
/// The budget after a late frame, as a share of the budget before.
pub const SHRINK: f64 = 2.0 / 3.0;
/// The growth per on-time frame until the first late frame: a factor.
pub const PROBE_GROWTH: f64 = 1.25;
/// The browser's own share of a frame (style, layout, compositing), in milliseconds, left free
/// when the budget is capped by what drawing costs.
pub const SLACK_MS: f64 = 1.0;
/// How many recent gaps the display's interval is taken from.
pub const WINDOW: usize = 31;
/// The share of late quiet frames (among the last `WINDOW`) above which their budget shrinks.
pub const QUIET_LATE_SHARE: f64 = 0.5;
/// How many recent drawing costs the drawing estimate is taken from.
pub const DRAW_WINDOW: usize = 15;
/// After a late frame the budget holds this many on-time frames before it grows again: where the
/// floor barely fits, a budget growing every frame would make every other frame late.
pub const HOLD_FRAMES: u32 = 15;
/// A frame is late when its gap exceeds the interval by this factor: a refresh more than expected
/// (twice, 1.5 or 1.33 times the gap for frames of one, two or three refreshes) with room for the
/// timer's jitter.
pub const LATE_FACTOR: f64 = 1.3;
/// Gaps longer than this are not late frames but a hidden tab or a paused debugger: ignored. A
/// second, not less: a slow phone drawing a big network can take a few hundred milliseconds a
/// frame, and a pace that ignored all its gaps would never leave the floor.
const IGNORED_GAP_MS: f64 = 1000.0;
/// No display refreshes faster than 240 Hz: shorter gaps are timer noise, ignored.
const SHORTEST_GAP_MS: f64 = 4.0;
/// Lateness is judged once this many gaps were seen: the lower quartile of fewer is their minimum.
const JUDGED_FROM: usize = 4;

/// Whether a frame draws charts (see `crate::redraw`: a playing run draws one chart every few
/// frames). The two kinds of frame have a budget each: a frame that draws trains less.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Work {
    Draws,
    Quiet,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pace {
    drawing: Budget,
    quiet: Budget,
    gaps: Recent<WINDOW>,
    draws: Recent<DRAW_WINDOW>,
    /// Whether each of the last quiet frames came late (1) or not (0).
    quiet_late: Recent<WINDOW>,
    last_start: Option<(f64, Work)>,
}

impl Default for Pace {
    fn default() -> Self {
        Pace {
            drawing: Budget::new(HOLD_FRAMES),
            // Quiet frames judge late ones by their share (see `judge`), so they need no hold.
            quiet: Budget::new(0),
            gaps: Recent::new(),
            draws: Recent::new(),
            quiet_late: Recent::new(),
            last_start: None,
        }
    }
}

impl Pace {
    /// A frame that draws starts at `now_ms`: how many milliseconds it may train.
    pub fn frame(&mut self, now_ms: f64) -> f64 {
        self.start(now_ms, Work::Draws)
    }

    /// A frame starts at `now_ms` and does `work` besides training: how many milliseconds it may
    /// train. The previous frame's gap judges the budget of its own kind.
    pub fn start(&mut self, now_ms: f64, work: Work) -> f64 {
        if let Some((last, last_work)) = self.last_start {
            let gap = now_ms - last;
            if (SHORTEST_GAP_MS..IGNORED_GAP_MS).contains(&gap) {
                self.gaps.push(gap);
                if self.gaps.len >= JUDGED_FROM {
                    self.judge(gap, last_work);
                }
            }
        }
        self.last_start = Some((now_ms, work));
        self.budget(work).ms
    }

    /// The frame that started last spent `ms` milliseconds on its work besides training: drawing the
    /// charts, updating the page. Optional: without it the budget adapts from the gaps alone.
    pub fn drew(&mut self, ms: f64) {
        if ms.is_finite() && ms >= 0.0 {
            self.draws.push(ms);
        }
    }

    /// The loop stopped: the gap to the next frame says nothing about drawing.
    pub fn pause(&mut self) {
        self.last_start = None;
    }

    /// The budget of a frame that draws.
    pub fn budget_ms(&self) -> f64 {
        self.drawing.ms
    }

    /// The budget of a frame that does not draw.
    pub fn quiet_budget_ms(&self) -> f64 {
        self.quiet.ms
    }

    /// The display's frame interval as estimated from the recent gaps (60 Hz before any).
    pub fn interval_ms(&self) -> f64 {
        self.gaps.quantile(0.25).unwrap_or(1000.0 / 60.0)
    }

    fn budget(&self, work: Work) -> &Budget {
        match work {
            Work::Draws => &self.drawing,
            Work::Quiet => &self.quiet,
        }
    }

    fn judge(&mut self, gap: f64, work: Work) {
        let interval = self.interval_ms();
        let late = gap > LATE_FACTOR * interval;
        match work {
            Work::Draws => {
                self.drawing.judge(late);
                // Drawing costs what its recent frames cost, a spike or two aside (their upper
                // quartile). What is left of the frame the display gives: drawing that takes longer
                // than a refresh leaves the floor at first; once the gaps show every frame takes two
                // refreshes anyway, training fills the two.
                let most = self
                    .draws
                    .quantile(0.75)
                    .map_or(f64::INFINITY, |draw| interval - draw - SLACK_MS);
                self.drawing.cap(most, MAX_MS);
            }
            Work::Quiet => {
                // A frame that changes nothing on the page costs the browser little: one late now
                // and then is the device's noise (a collection, another tab, a throttled CPU's
                // time slices), not this budget. It shrinks only when late frames are common.
                self.quiet_late.push(if late { 1.0 } else { 0.0 });
                let share = self.quiet_late.mean();
                if !late || share > QUIET_LATE_SHARE {
                    self.quiet.judge(late);
                }
                self.quiet.cap(interval - SLACK_MS, MAX_QUIET_MS);
            }
        }
    }
}
