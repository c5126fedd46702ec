//! The frame loop: a bounded budget of training steps per `requestAnimationFrame`, then one snapshot.
//! One small, cancellable thing: the handle lives in `Lab::raf` and is cancelled on cleanup.
//! Paused, work that would freeze the page (a rewind's replay, pinned runs catching up) runs a
//! frame's budget at a time too (`settle`, handle in `Lab::settling`), its progress in the status line.
//!
//! The loop imports the state (`Lab`); the state never calls the loop: pausing is the state's own
//! (`Lab::pause`), and an intent that leaves work for the paused frames (pinned runs to catch up)
//! notifies `Lab::wake`, which the loop follows (`install`). A rewind starts here (`rewind`).

use super::browser::{now_ms, typing_into};
use super::speed::Speed;
use super::Lab;
use crate::engine::config::Phrase;
use crate::engine::train::{Advance, Progress, Rewind, StepResult};
use crate::i18n;
use leptos::prelude::*;

/// Trains for one frame, for at most `budget_ms` (after the step that passes it), then shows the run
/// if the frame `shows` it or the run stopped. Returns whether the loop should go on.
fn train_one_frame(lab: Lab, budget_ms: f64, shows: bool) -> bool {
    let speed = lab.speed.get_untracked();
    let stop_at = lab.stop_at.get_untracked();
    // The pinned runs train as far as the main one: the budget is shared.
    let runs = 1 + lab.pinned.with_value(Vec::len);
    let started = now_ms();
    let frame_ends = started + budget_ms;
    let in_budget = move || now_ms() < frame_ends;
    // A pinned run behind the main one (pinned, or opened by Back, while the main run is far along)
    // catches up first, a frame's budget at a time, and the main run waits: the lockstep holds and
    // no frame trains longer than its budget.
    if let Some(behind) = catch_pins_up(lab, in_budget) {
        lab.progress.set(Some(behind));
        if shows {
            lab.publish();
        }
        return true;
    }
    if lab.progress.with_untracked(Option::is_some) {
        lab.progress.set(None);
    }
    let deadline = started + budget_ms / runs as f64;
    let keep_going = lab.trainer.try_update_value(|trainer| {
        let mut epochs_left = match speed {
            Speed::Epochs(n) => n,
            _ => usize::MAX,
        };
        loop {
            if trainer.epoch() >= stop_at && trainer.batch_in_epoch() == 0 {
                return false;
            }
            match trainer.step() {
                StepResult::Stopped => return false,
                StepResult::EpochEnd => epochs_left -= 1,
                StepResult::Batch => {}
            }
            if speed == Speed::Batch || epochs_left == 0 || now_ms() >= deadline {
                return !(trainer.epoch() >= stop_at && trainer.batch_in_epoch() == 0)
                    && trainer.diverged().is_none();
            }
        }
    });
    // The pinned runs follow within what is left of the frame; one left behind catches up first in
    // the next frame (so the loop goes on until it has, even when the main run stopped).
    let behind = catch_pins_up(lab, in_budget).is_some();
    let trained = now_ms() - started;
    let keep_going = keep_going.unwrap_or(false) || behind;
    // The page changes only in the frames that show it (see `redraw`); the last one always does.
    if shows || !keep_going {
        lab.publish();
        // What this frame trained for, for the device benchmark's breakdown of a frame.
        let _ = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[data-testid=epoch]").ok().flatten())
            .map(|e| {
                let quiet = lab.pace.with_value(crate::pace::Pace::quiet_budget_ms);
                let _ = e.set_attribute("data-quiet-budget-ms", &format!("{quiet:.2}"));
                e.set_attribute("data-train-ms", &format!("{trained:.2}"))
            });
    }
    keep_going
}

/// Trains the pinned runs toward where the main run stands (same epoch, same batch of it) while
/// `keep_going` says so, at least a batch for each that is behind. `None` once every one stands
/// there; else what the page says meanwhile (which pinned run, how far).
fn catch_pins_up(lab: Lab, keep_going: impl Fn() -> bool + Copy) -> Option<Phrase> {
    let (epoch, batch) = lab
        .trainer
        .try_with_value(|t| (t.epoch(), t.batch_in_epoch()))?;
    lab.pinned
        .try_update_value(|runs| {
            runs.iter_mut().enumerate().find_map(|(index, run)| {
                (!run.catch_up_while(epoch, batch, keep_going)).then(|| {
                    Progress::CatchingUp {
                        pin: index + 1,
                        epoch: run.epoch(),
                        of: epoch,
                    }
                    .phrase()
                })
            })
        })
        .flatten()
}

/// Puts the run back to just before update `iteration` (replayed from its seed: the same bits) and
/// shows what the next updates do. The replay (the main run's, then each pinned run's to where it
/// stands) runs a frame's budget at a time, its progress in the status line.
pub fn rewind(lab: Lab, iteration: u64) {
    let config = lab.config.get_untracked();
    start_rewind(
        lab,
        Rewind::to_update(&config, iteration, lab.pinned_configs()),
    );
}

/// Rewinds to just before the update that killed the run, if one did (the lesson's step): the run is
/// first played to its end, across frames too.
pub fn rewind_to_killing(lab: Lab) {
    let config = lab.config.get_untracked();
    start_rewind(
        lab,
        Rewind::to_killing_update(&config, lab.pinned_configs()),
    );
}

/// Starts a rewind (pausing the run): a frame's budget of it now, the rest in the next frames,
/// with its progress in the status line and the transport held meanwhile.
fn start_rewind(lab: Lab, rewind: Rewind) {
    lab.pause();
    lab.rewinding.set_value(Some(rewind));
    lab.busy.set(true);
    settle(lab);
}

/// While paused: does a frame's budget of the work left (a rewind, or pinned runs behind the main
/// one) now and schedules the rest, a frame at a time. Playing takes the pinned runs over.
pub fn settle(lab: Lab) {
    if lab.running.get_untracked() || lab.settling.with_value(Option::is_some) {
        return;
    }
    let trains = lab.rewinding.with_value(Option::is_some) || pins_behind(lab);
    let frames = move || {
        if settle_one_frame(lab) {
            schedule_settle(lab);
        }
    };
    // Only work that trains waits for the kernels' chunk.
    if trains {
        super::chunk::with_kernels(lab, frames);
    } else {
        frames();
    }
}

/// Whether a pinned run stands behind the main one (and `catch_pins_up` would train it).
fn pins_behind(lab: Lab) -> bool {
    let (epoch, batch) = lab.trainer.with_value(|t| (t.epoch(), t.batch_in_epoch()));
    lab.pinned
        .with_value(|runs| runs.iter().any(|run| !run.stands_at(epoch, batch)))
}

/// A frame's budget of the work left while paused; whether some is still left.
fn settle_one_frame(lab: Lab) -> bool {
    let budget_ms = lab
        .pace
        .try_with_value(crate::pace::Pace::budget_ms)
        .unwrap_or(crate::pace::MAX_MS);
    let frame_ends = now_ms() + budget_ms;
    let in_budget = move || now_ms() < frame_ends;
    let progress = match lab.rewinding.try_update_value(Option::take).flatten() {
        Some(rewind) => match rewind.advance(in_budget) {
            Advance::More(rewind, progress) => {
                lab.rewinding.set_value(Some(rewind));
                Some(progress.phrase())
            }
            Advance::Rewound { main, pins, .. } => {
                lab.rewound_to(main, pins);
                catch_pins_up(lab, in_budget)
            }
            Advance::Nothing => {
                lab.busy.set(false);
                catch_pins_up(lab, in_budget)
            }
        },
        None => catch_pins_up(lab, in_budget),
    };
    let more = progress.is_some();
    if more {
        lab.progress.set(progress);
    } else if lab.progress.with_untracked(Option::is_some) {
        // The work that showed its progress is done: show where it left the runs.
        lab.progress.set(None);
        lab.publish();
    }
    more
}

fn schedule_settle(lab: Lab) {
    let handle = request_animation_frame_with_handle(move || {
        lab.settling.try_set_value(None);
        if lab.running.try_get_untracked().unwrap_or(true) {
            return;
        }
        if settle_one_frame(lab) {
            schedule_settle(lab);
        }
    });
    lab.settling.try_set_value(handle.ok());
}

/// Requests the next frame while running.
fn schedule(lab: Lab) {
    let handle = request_animation_frame_with_handle(move || {
        lab.raf.try_set_value(None);
        if !lab.running.try_get_untracked().unwrap_or(false) {
            return;
        }
        // What this frame draws once it has trained (see `redraw`), and what is left of the frame
        // for training after drawing took its share (see `pace`).
        let start = now_ms();
        let shows = lab
            .redraw
            .try_update_value(|r| r.plan(start) | r.publishes(start))
            .unwrap_or(true);
        let work = if shows {
            crate::pace::Work::Draws
        } else {
            crate::pace::Work::Quiet
        };
        let budget_ms = lab
            .pace
            .try_update_value(|pace| pace.start(start, work))
            .unwrap_or(crate::pace::MAX_MS);
        if train_one_frame(lab, budget_ms, shows) {
            schedule(lab);
        } else {
            lab.running.set(false);
            lab.publish();
        }
    });
    lab.raf.try_set_value(handle.ok());
}

/// Play / pause. Playing a finished run keeps training for another `epochs`.
pub fn toggle(lab: Lab) {
    // A rewind in progress holds the transport (reset or a new setting drops it).
    if lab.busy.get_untracked() {
        return;
    }
    if lab.running.get_untracked() {
        lab.pause();
        lab.publish();
        return;
    }
    let (epoch, diverged) = lab
        .trainer
        .with_value(|t| (t.epoch(), t.diverged().is_some()));
    if diverged {
        lab.say(Phrase::new(i18n::STATUS_DIVERGED, &[]));
        return;
    }
    super::chunk::with_kernels(lab, move || {
        // Lengthened only once the run can train, so the link never names epochs it cannot play.
        if epoch >= lab.stop_at.get_untracked() {
            // At least one epoch: a run of `epochs=0` (its initial state alone) plays one.
            let more = lab.config.with_untracked(|c| c.epochs.max(1));
            lab.keep_training(epoch + more);
            lab.say(Phrase::new(i18n::STATUS_KEEP_TRAINING, &[&more]));
        }
        lab.running.set(true);
        lab.rewound.set(false);
        lab.cancel_frames();
        schedule(lab);
    });
}

/// Pauses, trains as `advance` says (the pinned runs follow), and shows the result.
fn paused_step(
    lab: Lab,
    advance: impl FnOnce(&mut crate::engine::Trainer) -> StepResult + 'static,
) {
    if lab.busy.get_untracked() {
        return;
    }
    lab.pause();
    super::chunk::with_kernels(lab, move || {
        lab.trainer.update_value(|t| {
            advance(t);
        });
        // The pinned runs follow (across frames if they are far behind).
        settle(lab);
        lab.gentle.set(false);
        lab.publish();
    });
}

/// One batch, paused.
pub fn step_batch(lab: Lab) {
    paused_step(lab, |t| t.step());
}

/// To the end of the current epoch, paused.
pub fn step_epoch(lab: Lab) {
    paused_step(lab, |t| t.run_epoch());
}

pub fn reset(lab: Lab) {
    lab.pause();
    lab.reset();
    lab.say(Phrase::new(i18n::STATUS_RESET, &[]));
}

/// The loop's part of the page: the keys, and work the state leaves for the paused frames (its
/// `wake`: a setting that pinned a run, say, which then catches up across frames). The effect's
/// outside world is the browser's animation frames; it stops with the app.
pub fn install(lab: Lab) {
    install_keyboard(lab);
    Effect::new(move |_| {
        lab.wake.track();
        settle(lab);
    });
    on_cleanup(move || lab.cancel_frames());
}

/// Space: play/pause, `s`: one batch, `e`: one epoch, `r`: reset.
fn install_keyboard(lab: Lab) {
    let handle = window_event_listener(leptos::ev::keydown, move |event| {
        if typing_into(&event) || event.ctrl_key() || event.meta_key() || event.alt_key() {
            return;
        }
        match event.key().as_str() {
            " " => toggle(lab),
            "s" => step_batch(lab),
            "e" => step_epoch(lab),
            "r" => reset(lab),
            _ => return,
        }
        event.prevent_default();
    });
    on_cleanup(move || handle.remove());
}

/// Play, step, reset, speed, and where the run is.
#[component]
pub fn Transport() -> impl IntoView {
    let lab = expect_context::<Lab>();
    let frame = lab.frame;
    let play_label = move || {
        if lab.running.get() {
            lab.tr(i18n::PAUSE)
        } else if frame.with(|f| {
            f.finished && !matches!(f.diagnosis, crate::engine::Diagnosis::Diverged { .. })
        }) {
            lab.tr(i18n::KEEP_TRAINING)
        } else {
            lab.tr(i18n::PLAY)
        }
    };
    view! {
        <div class="transport">
            <button class="primary" data-testid="play" disabled=move || lab.busy.get() title=move || lab.tr(i18n::PLAY_TIP) on:click=move |_| toggle(lab)>{play_label}</button>
            <button data-testid="step" disabled=move || lab.busy.get() title=move || lab.tr(i18n::STEP_BATCH_TIP) aria-keyshortcuts="s" on:click=move |_| step_batch(lab)>{move || lab.tr(i18n::STEP_BATCH)}</button>
            <button data-testid="step-epoch" disabled=move || lab.busy.get() title=move || lab.tr(i18n::STEP_EPOCH_TIP) aria-keyshortcuts="e" on:click=move |_| step_epoch(lab)>{move || lab.tr(i18n::STEP_EPOCH)}</button>
            <button data-testid="reset" title=move || lab.tr(i18n::RESET_TIP) aria-keyshortcuts="r" on:click=move |_| reset(lab)>{move || lab.tr(i18n::RESET)}</button>
            <label class="speed" title=move || lab.tr(i18n::SPEED_TIP)>
                {move || lab.tr(i18n::SPEED)}" "
                <select data-testid="speed" on:change=move |ev| {
                    if let Ok(speed) = event_target_value(&ev).parse() {
                        lab.speed.set(speed);
                    }
                }>
                    {Speed::ALL.iter().map(|s| {
                        let s = *s;
                        view! { <option value=s.to_string() prop:selected=move || lab.speed.get() == s>{move || s.title(lab.language())}</option> }
                    }).collect_view()}
                </select>
            </label>
            <span class="epoch" data-testid="epoch" data-epoch=move || frame.with(|f| f.epoch)
                data-running=move || lab.running.get().to_string()
                data-fingerprint=move || frame.with(|f| f.fingerprint.clone())>
                {move || frame.with(|f| if f.batch_in_epoch > 0 {
                    // In the middle of an epoch (stepping, rewound): the epoch under way and the
                    // updates made, so "just before update 2" and the counter agree.
                    lab.fill(i18n::EPOCH_COUNTER_MID, &[&(f.epoch + 1), &f.epochs, &f.iterations])
                } else {
                    lab.fill(i18n::EPOCH_COUNTER, &[&f.epoch, &f.epochs])
                })}
            </span>
            <span class="status" role="status" data-testid="status"
                data-progress=move || lab.progress.with(Option::is_some).to_string()>
                {move || {
                    let progress = lab.progress.with(|p| p.as_ref().map(|p| p.render(lab.language())));
                    progress.or_else(|| lab.status_now())
                }}
            </span>
            <p class="shortcuts hint" data-testid="shortcuts">{move || lab.tr(i18n::SHORTCUTS)}</p>
        </div>
    }
}
