use super::*;

const HZ60: f64 = 1000.0 / 60.0;
const HZ30: f64 = 1000.0 / 30.0;
const HZ120: f64 = 1000.0 / 120.0;

/// A simulated display refreshing every `interval` ms. A frame starts at a refresh; its work is
/// the budget the pace gives, `draw(i)` ms of drawing and half a millisecond of the browser's
/// own; the next frame starts at the first refresh after that work is done. When `report`, the
/// frame loop tells the pace what drawing took.
struct Display {
    now: f64,
    interval: f64,
    report: bool,
}

const BROWSER_MS: f64 = 0.5;

impl Display {
    fn new(interval: f64, report: bool) -> Self {
        Display {
            now: 0.0,
            interval,
            report,
        }
    }

    /// Runs `frames` frames; returns the gaps between their starts.
    fn run(&mut self, pace: &mut Pace, frames: usize, draw: impl Fn(usize) -> f64) -> Vec<f64> {
        (0..frames)
            .map(|i| {
                let work = pace.frame(self.now) + draw(i) + BROWSER_MS;
                if self.report {
                    pace.drew(draw(i));
                }
                // Refreshes counted with a hair of tolerance for float rounding.
                let refreshes = (work / self.interval - 1e-9).floor().max(0.0) + 1.0;
                let gap = refreshes * self.interval;
                self.now += gap;
                gap
            })
            .collect()
    }

    /// Like `run`, also returning the budget each frame trained for.
    fn budgets(&mut self, pace: &mut Pace, frames: usize, draw: f64) -> (Vec<f64>, Vec<f64>) {
        (0..frames)
            .map(|_| {
                let gap = self.run(pace, 1, |_| draw)[0];
                (gap, pace.budget_ms())
            })
            .unzip()
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

fn late(gaps: &[f64], interval: f64) -> usize {
    gaps.iter().filter(|&&g| g > interval * 1.01).count()
}

#[test]
fn slow_drawing_gets_a_smaller_budget_and_the_display_rate_back() {
    let mut pace = Pace::default();
    // 11 ms of drawing: a fixed 8 ms budget would show every frame at 30 fps.
    let gaps = Display::new(HZ60, false).run(&mut pace, 600, |_| 11.0);
    let late = late(&gaps, HZ60);
    assert!(late < 60, "{late} late frames of 600");
    assert!(median(gaps) < 17.0);
    assert!(
        pace.budget_ms() < HZ60 - 11.0 - BROWSER_MS + GROW_MS,
        "budget {}",
        pace.budget_ms()
    );
}

#[test]
fn reported_drawing_caps_the_budget_before_any_frame_comes_late() {
    let mut pace = Pace::default();
    let gaps = Display::new(HZ60, true).run(&mut pace, 600, |_| 11.0);
    assert_eq!(late(&gaps, HZ60), 0, "{gaps:?}");
    // What is left of a 60 Hz frame after 11 ms of drawing and the browser's share.
    let left = HZ60 - 11.0 - SLACK_MS;
    assert!(
        (pace.budget_ms() - left).abs() < 1e-9,
        "budget {}",
        pace.budget_ms()
    );
}

#[test]
fn cheap_drawing_keeps_the_whole_budget() {
    for report in [false, true] {
        let mut pace = Pace::default();
        let gaps = Display::new(HZ60, report).run(&mut pace, 100, |_| 2.0);
        assert_eq!(late(&gaps, HZ60), 0);
        assert_eq!(pace.budget_ms(), MAX_MS);
    }
}

/// (a) A 60 Hz display with one early frame (a gap of 8 ms). The interval estimate never moves
/// (the lower quartile of 31 gaps passes over one outlier), so an early frame that only shifts
/// the refreshes costs nothing. One that follows a late callback (gaps of 25 then 8 ms) counts
/// that one late frame: the budget loses at most `(1 - SHRINK) * MAX_MS`, holds `HOLD_FRAMES`
/// frames and regrows `GROW_MS` a frame, so it is back at its on-time level within
/// `HOLD_FRAMES + ceil((1 - SHRINK) * MAX_MS / GROW_MS) + 1` frames (43).
#[test]
fn one_early_frame_on_a_60_hz_display_is_forgotten_within_the_derived_bound() {
    let bound = HOLD_FRAMES as usize + ((1.0 - SHRINK) * MAX_MS / GROW_MS).ceil() as usize + 1;
    for (report, draw) in [(false, 6.0), (true, 6.0), (true, 10.0)] {
        // The same display without the early frame: the on-time level.
        let mut steady = Pace::default();
        Display::new(HZ60, report).run(&mut steady, 200, |_| draw);
        let on_time = steady.budget_ms();
        // By hand: the whole budget fits beside 6 ms of drawing; 10 ms leave 16.7 - 10 - 1.
        let expected = if draw == 10.0 { HZ60 - 11.0 } else { MAX_MS };
        assert!(
            (on_time - expected).abs() < 1e-9,
            "on-time budget {on_time}"
        );

        for late_first in [false, true] {
            let mut pace = Pace::default();
            let mut display = Display::new(HZ60, report);
            display.run(&mut pace, 100, |_| draw);
            assert!(close(pace.budget_ms(), on_time));
            let base = display.now;
            // Early only: a frame 8 ms after the last, the refreshes shifted by it. Late then
            // early: a callback 8.7 ms late, the next one back on the grid 8 ms later.
            let starts = if late_first {
                vec![base + HZ60 - 8.0, base + HZ60]
            } else {
                vec![base - HZ60 + 8.0]
            };
            for &start in &starts {
                pace.frame(start);
                if report {
                    pace.drew(draw);
                }
                assert!(close(pace.interval_ms(), HZ60));
            }
            display.now = starts.last().unwrap() + HZ60;
            let (gaps, budgets) = display.budgets(&mut pace, bound, draw);
            assert!(close(pace.interval_ms(), HZ60));
            assert_eq!(late(&gaps, HZ60), 0);
            assert!(budgets.iter().all(|&b| b >= MIN_MS));
            if !late_first {
                assert!(budgets.iter().all(|&b| close(b, on_time)), "{budgets:?}");
            }
            assert!(
                close(*budgets.last().unwrap(), on_time),
                "report {report}, draw {draw}, late first {late_first}: {budgets:?}"
            );
        }
    }
}

/// (b) A 30 Hz display leaves more of its frame to training than a 60 Hz one, drawing the same.
#[test]
fn a_30_hz_display_settles_on_a_larger_budget_than_a_60_hz_one() {
    for report in [false, true] {
        let settle = |interval: f64| {
            let mut pace = Pace::default();
            let mut display = Display::new(interval, report);
            display.run(&mut pace, 300, |_| 12.0);
            let (gaps, budgets) = display.budgets(&mut pace, 300, 12.0);
            let late = late(&gaps, interval);
            assert!(
                late < 30,
                "{interval} ms, report {report}: {late} late of 300"
            );
            assert!(close(pace.interval_ms(), interval));
            mean(&budgets)
        };
        let (hz30, hz60) = (settle(HZ30), settle(HZ60));
        // 33.3 ms less 12 of drawing leave more than the whole budget; 16.7 ms leave 4.2.
        assert_eq!(hz30, MAX_MS, "30 Hz, report {report}");
        assert!(
            hz60 < HZ60 - 12.0 - BROWSER_MS,
            "60 Hz, report {report}: {hz60}"
        );
        assert!(hz60 > MIN_MS, "60 Hz, report {report}: {hz60}");
    }
}

/// (c) Drawing that nearly fills a frame keeps the budget at its floor, never below. Drawing
/// that takes longer than a frame makes each frame two refreshes whatever training does: the
/// floor would not buy a frame back, so training fills those two refreshes and never makes a
/// third (rarely, without reports). When drawing gets cheap, the display's rate comes back
/// within the window's turnover and the whole budget within its regrowth from the floor.
#[test]
fn drawing_longer_than_a_frame_is_not_made_worse_and_cheap_drawing_recovers() {
    // 15.6 ms of drawing: the floor and the browser's half millisecond just fit.
    for report in [false, true] {
        let mut pace = Pace::default();
        let mut display = Display::new(HZ60, report);
        let (gaps, budgets) = display.budgets(&mut pace, 600, 15.6);
        assert!(
            budgets.iter().all(|&b| b >= MIN_MS),
            "never below the floor"
        );
        // One probe above the floor at most: a first growth by a quarter, then a step.
        let probe = (MIN_MS * PROBE_GROWTH).max(MIN_MS + GROW_MS);
        assert!(budgets.iter().all(|&b| b <= probe + 1e-9), "{budgets:?}");
        let late = late(&gaps, HZ60);
        // Without reports, one probe in more than ten frames (a hold apart); with them, none.
        let allowed = if report { 0 } else { 600 / 10 };
        assert!(late <= allowed, "report {report}: {late} late of 600");
    }

    for (report, draw) in [(true, 20.0), (true, 30.0), (false, 20.0), (false, 30.0)] {
        let mut pace = Pace::default();
        let mut display = Display::new(HZ60, report);
        let (gaps, budgets) = display.budgets(&mut pace, 600, draw);
        assert!(budgets.iter().all(|&b| b >= MIN_MS));
        assert!(
            gaps.iter().all(|&g| g > 2.0 * HZ60 - 1e-6),
            "drawing takes two"
        );
        let three = late(&gaps, 2.0 * HZ60);
        let allowed = if report { 0 } else { 600 / 10 };
        assert!(
            three <= allowed,
            "draw {draw}: {three} of 600 frames three refreshes"
        );
        // The two refreshes less drawing and the browser's share, up to the whole budget.
        let fill = (2.0 * HZ60 - draw - SLACK_MS).min(MAX_MS);
        assert!(
            mean(&budgets[300..]) > fill / 2.0,
            "draw {draw}, report {report}"
        );

        let bound = WINDOW + HOLD_FRAMES as usize + ((MAX_MS - MIN_MS) / GROW_MS).ceil() as usize;
        let gaps = display.run(&mut pace, bound, |_| 2.0);
        assert_eq!(
            late(&gaps[WINDOW..], HZ60),
            0,
            "report {report}, draw {draw}"
        );
        assert_eq!(pace.budget_ms(), MAX_MS, "report {report}, draw {draw}");
        assert!(close(pace.interval_ms(), HZ60));
    }
}

/// (d) A 120 Hz display: the interval found, frames at 120 Hz when training and drawing fit.
#[test]
fn a_120_hz_display_is_followed() {
    for report in [false, true] {
        let mut pace = Pace::default();
        let gaps = Display::new(HZ120, report).run(&mut pace, 600, |_| 3.0);
        assert!(close(pace.interval_ms(), HZ120));
        let late = late(&gaps[100..], HZ120);
        if report {
            assert_eq!(late, 0);
            assert!((pace.budget_ms() - (HZ120 - 3.0 - SLACK_MS)).abs() < 1e-9);
        } else {
            assert!(late < 50, "{late} of 500 late");
            assert!(pace.budget_ms() < HZ120 - 3.0 - BROWSER_MS + GROW_MS);
        }

        let mut pace = Pace::default();
        let gaps = Display::new(HZ120, report).run(&mut pace, 400, |_| 6.0);
        assert!(median(gaps) < HZ120 + 1e-9);
    }
}

#[test]
fn a_slow_spell_shrinks_the_budget_and_recovers() {
    // A burst of 40 ms frames (another tab busy), then cheap drawing again: back to the maximum.
    let mut pace = Pace::default();
    let mut display = Display::new(HZ60, false);
    display.run(&mut pace, 40, |_| 1.0);
    assert_eq!(pace.budget_ms(), MAX_MS);
    display.run(&mut pace, 20, |_| 40.0);
    assert!(pace.budget_ms() < MAX_MS * SHRINK);
    let bound = WINDOW + HOLD_FRAMES as usize + ((MAX_MS - MIN_MS) / GROW_MS).ceil() as usize;
    display.run(&mut pace, bound, |_| 1.0);
    assert_eq!(pace.budget_ms(), MAX_MS);
}

#[test]
fn a_device_drawing_for_300_ms_a_frame_still_trains_its_whole_budget() {
    for report in [false, true] {
        let mut pace = Pace::default();
        let gaps = Display::new(HZ60, report).run(&mut pace, 60, |_| 300.0);
        // 300.5 ms of work: the 19th refresh, every frame.
        assert!(
            gaps.iter().all(|&g| close(g, 19.0 * HZ60)),
            "report {report}"
        );
        assert_eq!(pace.budget_ms(), MAX_MS, "report {report}");
    }
}

#[test]
fn pauses_and_hidden_tabs_are_not_late_frames() {
    let mut pace = Pace::default();
    Display::new(HZ60, false).run(&mut pace, 40, |_| 1.0);
    assert_eq!(pace.budget_ms(), MAX_MS);
    pace.pause();
    assert_eq!(pace.frame(5_000.0), MAX_MS);
    assert_eq!(
        pace.frame(6_000.0),
        MAX_MS,
        "a second's gap is a hidden tab"
    );
    assert!(close(pace.interval_ms(), HZ60));
}

#[test]
fn nonsense_times_and_costs_keep_the_budget_in_its_range() {
    let mut pace = Pace::default();
    let times = [
        0.0,
        -5.0,
        f64::NAN,
        1e300,
        f64::INFINITY,
        3.0,
        10.0,
        20.0,
        30.0,
        40.0,
        50.0,
    ];
    let costs = [f64::NAN, -1.0, 1e9, f64::INFINITY, f64::MAX];
    for (i, t) in times.into_iter().enumerate() {
        let budget = pace.frame(t);
        pace.drew(costs[i % costs.len()]);
        assert!((MIN_MS..=MAX_MS).contains(&budget), "{budget}");
        assert!(pace.interval_ms().is_finite());
    }
}

/// A phone-class device drawing one chart (25 ms, longer than a refresh) every fifth frame, as
/// `crate::redraw` plans while a run plays: the frames that do not draw train near the most a
/// frame may, and only the drawing frames come late.
#[test]
fn frames_that_do_not_draw_train_their_whole_budget_beside_slow_drawing_frames() {
    let mut pace = Pace::default();
    let mut now = 0.0;
    let mut gaps = Vec::new();
    let mut quiet_budgets = Vec::new();
    for i in 0..600 {
        let draws = i % 5 == 0;
        let work = if draws { Work::Draws } else { Work::Quiet };
        let budget = pace.start(now, work);
        let draw = if draws { 25.0 } else { 0.0 };
        if draws {
            pace.drew(draw);
        } else if i > 300 {
            quiet_budgets.push(budget);
        }
        let spent = budget + draw + BROWSER_MS;
        let refreshes = (spent / HZ60 - 1e-9).floor().max(0.0) + 1.0;
        let gap = refreshes * HZ60;
        now += gap;
        if i > 300 {
            gaps.push(gap);
        }
    }
    let least = quiet_budgets.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(
        least > MAX_MS - 1.0,
        "quiet frames trained for as little as {least} ms"
    );
    assert!(
        close(median(gaps.clone()), HZ60),
        "median gap {}",
        median(gaps.clone())
    );
    // At most the drawing frames are late, and only by the refreshes drawing itself takes.
    assert!(
        late(&gaps, HZ60) <= gaps.len() / 5 + 1,
        "{} late",
        late(&gaps, HZ60)
    );
    assert!(
        gaps.iter().all(|g| *g <= 2.0 * HZ60 + 1e-9),
        "a gap of {:?}",
        gaps.iter().copied().fold(0.0, f64::max)
    );
}

/// Quiet frames on a noisy device: one frame in eight comes a refresh late whatever the budget
/// (the device's own noise). Their budget still reaches the most a frame may train; on a device
/// where the frames really are too long for it, it shrinks.
#[test]
fn quiet_frames_ride_out_the_devices_noise_but_not_real_overruns() {
    let run = |browser_ms: f64| {
        let mut pace = Pace::default();
        let mut now = 0.0;
        let mut budgets = Vec::new();
        for i in 0..400 {
            let budget = pace.start(now, Work::Quiet);
            let noise = if i % 8 == 3 { HZ60 } else { 0.0 };
            let spent = budget + browser_ms + noise;
            now += ((spent / HZ60 - 1e-9).floor().max(0.0) + 1.0) * HZ60;
            budgets.push(budget);
        }
        budgets[300..].iter().copied().fold(f64::INFINITY, f64::min)
    };
    assert!(
        run(BROWSER_MS) >= MAX_MS - 1.0,
        "noisy device: {}",
        run(BROWSER_MS)
    );
    // 12 ms of the browser's own work a frame: at most 4.7 ms are left; the budget stays at
    // or below it most of the time.
    let heavy = run(12.0);
    assert!(heavy <= HZ60 - 12.0, "heavy device: {heavy}");
}

/// A window's quantile is the value a sorted copy holds at that fraction (ties, and a window that
/// has wrapped around).
#[test]
fn a_quantile_is_the_sorted_windows_value() {
    let seen = [5.0, 1.0, 3.0, 3.0, 9.0, 1.0, 7.0, 2.0, 3.0, 8.0];
    let mut recent = super::recent::Recent::<7>::new();
    for (i, &value) in seen.iter().enumerate() {
        recent.push(value);
        let mut sorted: Vec<f64> = seen[(i + 1).saturating_sub(7)..=i].to_vec();
        sorted.sort_by(f64::total_cmp);
        for fraction in [0.0, 0.25, 0.5, 0.75, 0.99] {
            let index = ((sorted.len() as f64 * fraction) as usize).min(sorted.len() - 1);
            assert_eq!(
                recent.quantile(fraction),
                Some(sorted[index]),
                "{i} {fraction}"
            );
        }
    }
}
