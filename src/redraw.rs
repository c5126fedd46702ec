//! Which charts a frame draws: only those on screen, only those whose run changed, and while the run
//! plays at the rate the eye needs, one chart per frame.
//!
//! Drawing the three charts took most of a frame on a phone-class CPU (24–90 ms of a 16.7 ms frame):
//! training got the floor of its budget and the page ran at 5–20 frames/s. A chart need not be redrawn
//! 60 times a second while epochs fly by: each chart on screen is redrawn at most every `EYE_MS` while the
//! run plays (about 11 times a second, which the eye reads as motion for a loss curve), one chart per
//! frame and a drawing frame at most every `DRAW_GAP_MS`, the chart waiting longest first, so a
//! frame's drawing is one chart's at most. A chart off screen
//! (below the fold on a phone, a scrolled-away panel) is not drawn at all; it is drawn when it comes on
//! screen. When the run pauses or ends, every stale chart on screen is drawn at once: what a learner
//! reads then is exact. Plain data, no clock: the page passes the time and what changed.

/// The charts a frame may draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    Loss,
    Fit,
    Units,
}

impl Chart {
    pub const ALL: [Chart; 3] = [Chart::Loss, Chart::Fit, Chart::Units];

    fn index(self) -> usize {
        self as usize
    }
}

/// A chart on screen is redrawn at most this often while the run plays, in milliseconds.
pub const EYE_MS: f64 = 90.0;
/// Frames that draw a chart are at least this far apart while the run plays (every other frame at
/// 60 Hz): with three charts on screen (a laptop) each is still redrawn every `EYE_MS`, and a slow
/// device still has a quiet frame after each drawing one.
pub const DRAW_GAP_MS: f64 = 30.0;

#[derive(Clone, Copy, Debug, PartialEq)]
struct State {
    /// Whether any part of the chart is in the viewport (charts start visible: before the
    /// observer's first report, drawing is what the page did).
    visible: bool,
    /// Whether what the chart shows changed since it was last drawn.
    stale: bool,
    /// When it was last drawn (`None`: never).
    drawn_at: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Redraw {
    charts: [State; 3],
    /// What the frame loop planned for the frame under way (see `plan`).
    planned: Vec<Chart>,
    /// When a playing run's frame last drew a chart.
    drew_at: Option<f64>,
    /// When the page's own texts (epoch counter, progress, diagnosis) were last updated while
    /// playing.
    published_at: Option<f64>,
}

impl Default for Redraw {
    fn default() -> Self {
        Redraw {
            charts: [State {
                visible: true,
                stale: true,
                drawn_at: None,
            }; 3],
            planned: Vec::new(),
            drew_at: None,
            published_at: None,
        }
    }
}

impl Redraw {
    /// What every chart shows changed (a new frame of the run, a resize, another language).
    pub fn changed(&mut self) {
        for chart in &mut self.charts {
            chart.stale = true;
        }
    }

    /// The page reports whether `chart` is on screen.
    pub fn seen(&mut self, chart: Chart, visible: bool) {
        self.charts[chart.index()].visible = visible;
    }

    pub fn is_visible(&self, chart: Chart) -> bool {
        self.charts[chart.index()].visible
    }

    /// The charts to draw now (and marked drawn): while `playing`, the visible stale chart drawn
    /// longest ago if it was drawn at least `EYE_MS` ago; otherwise every visible stale chart.
    pub fn due(&mut self, now_ms: f64, playing: bool) -> Vec<Chart> {
        let waiting = Chart::ALL.into_iter().filter(|c| {
            let state = self.charts[c.index()];
            state.visible && state.stale
        });
        let resting = playing
            && self
                .drew_at
                .is_some_and(|at| now_ms - at < DRAW_GAP_MS && now_ms >= at);
        let picked: Vec<Chart> = if resting {
            Vec::new()
        } else if playing {
            waiting
                .filter(|c| {
                    self.charts[c.index()]
                        .drawn_at
                        .is_none_or(|at| now_ms - at >= EYE_MS || now_ms < at)
                })
                .min_by(|a, b| {
                    let at = |c: &Chart| self.charts[c.index()].drawn_at.unwrap_or(f64::MIN);
                    at(a).total_cmp(&at(b))
                })
                .into_iter()
                .collect()
        } else {
            waiting.collect()
        };
        if playing && !picked.is_empty() {
            self.drew_at = Some(now_ms);
        }
        for chart in &picked {
            let state = &mut self.charts[chart.index()];
            state.stale = false;
            state.drawn_at = Some(now_ms);
        }
        picked
    }

    /// A playing run's frame starts at `now_ms`: picks what it will draw once it has trained (so the
    /// frame knows whether to leave drawing its share); returns whether it draws anything.
    pub fn plan(&mut self, now_ms: f64) -> bool {
        self.planned = self.due(now_ms, true);
        !self.planned.is_empty()
    }

    /// Whether a playing run's frame that started at `now_ms` (and planned) updates the page
    /// (publishes what the run shows): when it draws a chart, or when the texts were last updated `EYE_MS` ago. A frame
    /// that changes nothing on the page costs the browser no style, layout, paint or commit: on a
    /// phone-class CPU those took more of a frame than training (8.8 ms of commit, 5 of paint).
    pub fn publishes(&mut self, now_ms: f64) -> bool {
        let due = !self.planned.is_empty()
            || self
                .published_at
                .is_none_or(|at| now_ms - at >= EYE_MS || now_ms < at);
        if due {
            self.published_at = Some(now_ms);
        }
        due
    }

    /// What the frame under way planned to draw (and nothing more until the next plan).
    pub fn take_plan(&mut self) -> Vec<Chart> {
        std::mem::take(&mut self.planned)
    }

    /// Every stale chart, on screen or not (and marked drawn): what a download of the charts needs
    /// drawn first, so that no file shows an older frame of the run than the page.
    pub fn all_stale(&mut self, now_ms: f64) -> Vec<Chart> {
        let stale: Vec<Chart> = Chart::ALL
            .into_iter()
            .filter(|c| self.charts[c.index()].stale)
            .collect();
        for chart in &stale {
            let state = &mut self.charts[chart.index()];
            state.stale = false;
            state.drawn_at = Some(now_ms);
        }
        stale
    }

    /// Whether a chart waits to be drawn (stale and on screen): the page asks for another frame.
    pub fn waiting(&self) -> bool {
        self.charts.iter().any(|s| s.visible && s.stale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Frames of a 60 Hz display for `seconds`, each with a new run frame; returns what each drew.
    fn play(redraw: &mut Redraw, from_ms: f64, seconds: f64) -> Vec<(f64, Vec<Chart>)> {
        let frames = (seconds * 60.0) as usize;
        (0..frames)
            .map(|i| {
                let now = from_ms + i as f64 * 1000.0 / 60.0;
                redraw.changed();
                (now, redraw.due(now, true))
            })
            .collect()
    }

    #[test]
    fn a_playing_run_draws_one_chart_per_frame_at_most_and_never_in_two_frames_running() {
        let mut redraw = Redraw::default();
        let frames = play(&mut redraw, 0.0, 2.0);
        assert!(frames.iter().all(|(_, drawn)| drawn.len() <= 1));
        let drawing: Vec<f64> = frames
            .iter()
            .filter(|(_, drawn)| !drawn.is_empty())
            .map(|(t, _)| *t)
            .collect();
        assert!(
            drawing.windows(2).all(|w| w[1] - w[0] >= DRAW_GAP_MS),
            "{drawing:?}"
        );
    }

    #[test]
    fn each_chart_on_screen_is_redrawn_about_every_eye_interval_while_playing() {
        let mut redraw = Redraw::default();
        let frames = play(&mut redraw, 1000.0, 3.0);
        for chart in Chart::ALL {
            let times: Vec<f64> = frames
                .iter()
                .filter(|(_, drawn)| drawn.contains(&chart))
                .map(|(t, _)| *t)
                .collect();
            let gaps: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
            assert!(!gaps.is_empty(), "{chart:?} drawn at {times:?}");
            // Never more often than the eye interval, never starved: within the gap between
            // drawing frames of it, and a frame.
            for gap in gaps {
                assert!(
                    (EYE_MS..=EYE_MS + DRAW_GAP_MS + 1000.0 / 60.0 + 1e-9).contains(&gap),
                    "{chart:?} redrawn after {gap} ms"
                );
            }
        }
    }

    #[test]
    fn a_chart_off_screen_is_not_drawn_until_it_comes_on_screen() {
        let mut redraw = Redraw::default();
        redraw.seen(Chart::Units, false);
        let frames = play(&mut redraw, 0.0, 1.0);
        assert!(frames
            .iter()
            .all(|(_, drawn)| !drawn.contains(&Chart::Units)));
        redraw.seen(Chart::Units, true);
        let frames = play(&mut redraw, 1000.0, 0.5);
        assert!(frames
            .iter()
            .any(|(_, drawn)| drawn.contains(&Chart::Units)));
    }

    #[test]
    fn a_download_draws_the_stale_charts_off_screen_too_and_only_those() {
        let mut redraw = Redraw::default();
        redraw.seen(Chart::Units, false);
        redraw.changed();
        // Paused with the units chart scrolled away: the screen draws the other two.
        assert_eq!(redraw.due(0.0, false), vec![Chart::Loss, Chart::Fit]);
        assert_eq!(redraw.all_stale(1.0), vec![Chart::Units]);
        assert!(redraw.all_stale(2.0).is_empty());
        redraw.changed();
        assert_eq!(redraw.all_stale(3.0), Chart::ALL.to_vec());
    }

    #[test]
    fn a_paused_run_draws_every_stale_chart_on_screen_at_once_and_only_once() {
        let mut redraw = Redraw::default();
        redraw.seen(Chart::Fit, false);
        let _ = play(&mut redraw, 0.0, 0.5);
        redraw.changed();
        assert_eq!(redraw.due(600.0, false), vec![Chart::Loss, Chart::Units]);
        // Nothing changed since: nothing to draw, even a millisecond later.
        assert_eq!(redraw.due(601.0, false), Vec::<Chart>::new());
        assert!(!redraw.waiting());
        // The fit chart comes on screen: it is stale (it missed the run's frames) and waits.
        redraw.seen(Chart::Fit, true);
        assert!(redraw.waiting());
        assert_eq!(redraw.due(602.0, false), vec![Chart::Fit]);
    }

    #[test]
    fn a_plan_is_drawn_once() {
        let mut redraw = Redraw::default();
        assert!(redraw.plan(0.0));
        assert_eq!(redraw.take_plan(), vec![Chart::Loss]);
        assert_eq!(redraw.take_plan(), Vec::<Chart>::new());
        // The next frame rests (drawing frames are `DRAW_GAP_MS` apart), the one after draws the
        // next chart.
        redraw.changed();
        assert!(!redraw.plan(1000.0 / 60.0));
        assert!(redraw.plan(DRAW_GAP_MS));
        assert_eq!(redraw.take_plan(), vec![Chart::Fit]);
    }

    #[test]
    fn a_playing_run_updates_the_page_when_it_draws_or_at_the_eye_rate() {
        let mut redraw = Redraw::default();
        for chart in Chart::ALL {
            redraw.seen(chart, false);
        }
        // Nothing on screen: the texts still move, at the eye rate.
        let published: Vec<f64> = (0..120)
            .map(|i| f64::from(i) * 1000.0 / 60.0)
            .filter(|&now| {
                redraw.changed();
                redraw.plan(now);
                redraw.publishes(now)
            })
            .collect();
        let gaps: Vec<f64> = published.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(
            gaps.iter().all(|g| (EYE_MS..EYE_MS + 17.0).contains(g)),
            "{gaps:?}"
        );
        // A frame that draws publishes, whenever it comes.
        redraw.seen(Chart::Loss, true);
        redraw.changed();
        assert!(redraw.plan(published[published.len() - 1] + 1.0));
        assert!(redraw.publishes(published[published.len() - 1] + 1.0));
    }

    #[test]
    fn an_unchanged_run_is_not_redrawn_while_playing() {
        let mut redraw = Redraw::default();
        redraw.changed();
        let _ = redraw.due(0.0, false);
        assert!((1..100).all(|i| redraw.due(f64::from(i) * 100.0, true).is_empty()));
    }
}
