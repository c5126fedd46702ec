//! How long a frame may train: a budget that adapts so training plus drawing fit the display's frame.
//!
//! A fixed budget cannot be right everywhere: drawing the charts takes 2 ms on one machine and 12 on a
//! phone or a GPU-less browser, and a frame that overruns the display's interval is shown one interval
//! late (30 fps instead of 60). So the budget follows the frames it gets, additive increase,
//! multiplicative decrease: it shrinks by a third when a frame came late and grows by a tenth of a
//! millisecond when one came on time, between `MIN_MS` and `MAX_MS`. Plain data, no clock of its own:
//! the frame loop passes the time at the start of each frame.

/// The most a frame trains, in milliseconds (half a 60 Hz frame).
pub const MAX_MS: f64 = 8.0;
/// The least: at least one step always runs, so a run always moves on.
pub const MIN_MS: f64 = 0.5;
/// Gaps longer than this are not late frames but a hidden tab or a paused debugger: ignored.
const IGNORED_GAP_MS: f64 = 250.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Pace {
    budget_ms: f64,
    /// The display's frame interval, as the shortest gap between frames seen.
    interval_ms: f64,
    last_start: Option<f64>,
}

impl Default for Pace {
    fn default() -> Self {
        Pace {
            budget_ms: MAX_MS,
            interval_ms: 1000.0 / 60.0,
            last_start: None,
        }
    }
}

impl Pace {
    /// A frame starts at `now_ms`: how many milliseconds it may train.
    pub fn frame(&mut self, now_ms: f64) -> f64 {
        if let Some(last) = self.last_start {
            let gap = now_ms - last;
            if gap > 0.0 && gap < IGNORED_GAP_MS {
                // No display refreshes faster than 240 Hz: shorter gaps are timer noise.
                self.interval_ms = self.interval_ms.min(gap).max(4.0);
                if gap > 1.5 * self.interval_ms {
                    self.budget_ms *= 2.0 / 3.0;
                } else {
                    self.budget_ms += 0.1;
                }
                self.budget_ms = self.budget_ms.clamp(MIN_MS, MAX_MS);
            }
        }
        self.last_start = Some(now_ms);
        self.budget_ms
    }

    /// The loop stopped: the gap to the next frame says nothing about drawing.
    pub fn pause(&mut self) {
        self.last_start = None;
    }

    pub fn budget_ms(&self) -> f64 {
        self.budget_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A display refreshing every `interval` ms: a frame whose work (training + `draw` ms) ends after
    /// the next refresh is shown one (or more) refreshes later. Returns the gaps between frames.
    fn simulate(
        pace: &mut Pace,
        interval: f64,
        draw: impl Fn(usize) -> f64,
        frames: usize,
    ) -> Vec<f64> {
        let mut now = 0.0;
        let mut gaps = Vec::new();
        for i in 0..frames {
            let work = pace.frame(now) + draw(i);
            let refreshes = (work / interval).floor() + 1.0;
            gaps.push(refreshes * interval);
            now += refreshes * interval;
        }
        gaps
    }

    fn median(mut gaps: Vec<f64>) -> f64 {
        gaps.sort_by(f64::total_cmp);
        gaps[gaps.len() / 2]
    }

    #[test]
    fn slow_drawing_gets_a_smaller_budget_and_the_display_rate_back() {
        let mut pace = Pace::default();
        // 11 ms of drawing: a fixed 8 ms budget would show every frame at 30 fps.
        let gaps = simulate(&mut pace, 1000.0 / 60.0, |_| 11.0, 600);
        let late = gaps.iter().filter(|&&g| g > 17.0).count();
        assert!(late < 60, "{late} late frames of 600");
        assert!(median(gaps) < 17.0);
        assert!(
            pace.budget_ms() < 16.7 - 11.0 + 1.0,
            "budget {}",
            pace.budget_ms()
        );
    }

    #[test]
    fn cheap_drawing_keeps_the_whole_budget() {
        let mut pace = Pace::default();
        let gaps = simulate(&mut pace, 1000.0 / 60.0, |_| 2.0, 100);
        assert!(gaps.iter().all(|&g| g < 17.0));
        assert_eq!(pace.budget_ms(), MAX_MS);
    }

    #[test]
    fn a_fast_display_keeps_at_least_60_fps_and_a_slow_spell_recovers() {
        let mut pace = Pace::default();
        let gaps = simulate(&mut pace, 1000.0 / 120.0, |_| 6.0, 400);
        assert!(median(gaps) < 17.0);
        // A burst of 40 ms frames (another tab busy), then cheap drawing again: back to the maximum.
        let mut pace = Pace::default();
        simulate(
            &mut pace,
            1000.0 / 60.0,
            |i| if i < 20 { 40.0 } else { 1.0 },
            20,
        );
        assert_eq!(pace.budget_ms(), MIN_MS);
        simulate(&mut pace, 1000.0 / 60.0, |_| 1.0, 120);
        assert_eq!(pace.budget_ms(), MAX_MS);
    }

    #[test]
    fn pauses_and_hidden_tabs_are_not_late_frames() {
        let mut pace = Pace::default();
        assert_eq!(pace.frame(0.0), MAX_MS);
        pace.pause();
        assert_eq!(pace.frame(5_000.0), MAX_MS);
        assert_eq!(
            pace.frame(6_000.0),
            MAX_MS,
            "a second's gap is a hidden tab"
        );
    }
}
