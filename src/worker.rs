//! Many runs in Web Workers (web target only): the messages between the page's pool
//! (`ui/pool.rs`) and its workers, and the worker itself, a gloo-worker reactor that runs jobs with
//! the same engine as the page (`engine::sweep::run_seed`), so a run's outcome in a sweep or in the
//! advice's trials is bit-identical to the same link run alone. The pool serves several batches at
//! once (a sweep, the advice's round): each job names its batch.

use crate::engine::stored::{self, Restored, KEPT_SETS};
use crate::engine::sweep::{self, RunResult};
use crate::engine::table::Points;
use crate::engine::{Config, Outcome};
use futures::{FutureExt, SinkExt, StreamExt};
use gloo_worker::reactor::{reactor, ReactorScope};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use wasm_bindgen::{JsCast, JsValue};

/// Some seeds of one cell (of a sweep; of the advice, one change): the cell's configuration as a
/// link, and the seeds to run it with. The learner's own points are not in the link but named by
/// their tag (`engine::stored::job_link`): the worker was sent them once (`Request::Points`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Job {
    pub cell: u32,
    pub link: String,
    pub seeds: Vec<u64>,
}

/// Page → worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Request {
    /// Own points that jobs name by their tag, in their link form: sent once per worker (again
    /// only when new points come), not with every job. The worker keeps the last `KEPT_SETS`, so a
    /// sweep on older points and the advice on newer ones can share it.
    Points { points: String },
    /// Run these jobs of batch `batch` after any already queued.
    Run { batch: u32, jobs: Vec<Job> },
    /// Drop the queued jobs of batch `batch` (the job in progress finishes first); each dropped job
    /// still gets a reply, with no runs, so the pool knows what its workers hold.
    Cancel { batch: u32 },
}

/// An outcome as it crosses to the page: the engine's `Outcome`, spelled out for serde (both
/// conversions are exhaustive matches, so a new outcome cannot be dropped or mixed up silently).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WireOutcome {
    BornDead,
    Killed,
    HiddenDead,
    Diverged,
    Learning,
    Converged,
}

impl From<Outcome> for WireOutcome {
    fn from(outcome: Outcome) -> WireOutcome {
        match outcome {
            Outcome::BornDead => WireOutcome::BornDead,
            Outcome::Killed => WireOutcome::Killed,
            Outcome::HiddenDead => WireOutcome::HiddenDead,
            Outcome::Diverged => WireOutcome::Diverged,
            Outcome::Learning => WireOutcome::Learning,
            Outcome::Converged => WireOutcome::Converged,
        }
    }
}

impl From<WireOutcome> for Outcome {
    fn from(outcome: WireOutcome) -> Outcome {
        match outcome {
            WireOutcome::BornDead => Outcome::BornDead,
            WireOutcome::Killed => Outcome::Killed,
            WireOutcome::HiddenDead => Outcome::HiddenDead,
            WireOutcome::Diverged => Outcome::Diverged,
            WireOutcome::Learning => Outcome::Learning,
            WireOutcome::Converged => Outcome::Converged,
        }
    }
}

/// One run, as it crosses to the page.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct WireRun {
    pub seed: u64,
    pub outcome: WireOutcome,
    pub final_loss: Option<f64>,
    pub death_epoch: Option<u32>,
    /// Writing the seed gave notices (`sweep::run_seed`): the page words them itself, in its
    /// language, from the cell and the seed (`sweep::seeded`), so only this flag crosses.
    pub noted: bool,
}

impl WireRun {
    pub fn from_result(run: &RunResult, noted: bool) -> WireRun {
        WireRun {
            seed: run.seed,
            outcome: run.outcome.into(),
            final_loss: run.final_loss,
            death_epoch: run.death_epoch.map(|e| e as u32),
            noted,
        }
    }

    pub fn to_result(self) -> RunResult {
        RunResult {
            seed: self.seed,
            outcome: self.outcome.into(),
            final_loss: self.final_loss,
            death_epoch: self.death_epoch.map(|e| e as usize),
        }
    }
}

/// Worker → page: one reply per job done (or dropped, with no runs).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Reply {
    pub batch: u32,
    pub cell: u32,
    pub runs: Vec<WireRun>,
}

/// Everything a worker says: that it has started (its files loaded and its engine ready; the page
/// learns no other way, so it can tell a worker that loads slowly from one that never will), then
/// its replies.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Said {
    Started,
    Done(Reply),
}

/// Resolves on a fresh macrotask (a MessageChannel round trip, without setTimeout's 4 ms clamp).
/// gloo-worker delivers messages between macrotasks; without this a `Cancel` would only be seen
/// after every queued job.
async fn yield_to_event_loop() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
        let _ = channel.port2().post_message(&JsValue::UNDEFINED);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The held points a job's link names by tag (any, when it names none).
fn points_for<'a>(link: &str, held: &'a [Points]) -> Option<&'a Points> {
    held.iter().find(|points| {
        !matches!(
            stored::restore(link, Some(points)).1,
            Restored::Missing { .. }
        )
    })
}

/// Runs jobs in the order they come, one reply each; ends when the page drops its bridge.
#[reactor]
pub async fn SweepWorker(mut scope: ReactorScope<Request, Said>) {
    if scope.send(Said::Started).await.is_err() {
        return;
    }
    let mut queue: VecDeque<(u32, Job)> = VecDeque::new();
    // The last points sent, newest first.
    let mut held: Vec<Points> = Vec::new();
    // The last job's link and configuration: the jobs of a cell come one after another, so its
    // link is read once.
    let mut last: Option<(String, Config)> = None;
    loop {
        let mut incoming = Vec::new();
        if queue.is_empty() {
            match scope.next().await {
                Some(message) => incoming.push(message),
                None => return,
            }
        } else {
            yield_to_event_loop().await;
            loop {
                match scope.next().now_or_never() {
                    Some(Some(message)) => incoming.push(message),
                    Some(None) => return,
                    None => break,
                }
            }
        }
        let mut dropped = Vec::new();
        for message in incoming {
            match message {
                Request::Run { batch, jobs } => queue.extend(jobs.into_iter().map(|j| (batch, j))),
                Request::Cancel { batch } => {
                    let (gone, kept): (VecDeque<_>, VecDeque<_>) =
                        queue.drain(..).partition(|(b, _)| *b == batch);
                    queue = kept;
                    dropped.extend(gone);
                }
                Request::Points { points: text } => {
                    if let Ok(points) = Points::from_link_text(&text) {
                        held.retain(|p| p != &points);
                        held.insert(0, points);
                        held.truncate(KEPT_SETS);
                    }
                    last = None;
                }
            }
        }
        for (batch, job) in dropped {
            let reply = Reply {
                batch,
                cell: job.cell,
                runs: Vec::new(),
            };
            if scope.send(Said::Done(reply)).await.is_err() {
                return;
            }
        }
        if let Some((batch, job)) = queue.pop_front() {
            let config = match last.take() {
                Some((link, config)) if link == job.link => config,
                _ => {
                    let none = Points::default();
                    let points = points_for(&job.link, &held).unwrap_or(&none);
                    stored::job_config(&job.link, points).0
                }
            };
            let runs = job
                .seeds
                .iter()
                .map(|&seed| {
                    let (run, notices) = sweep::run_seed(&config, seed);
                    WireRun::from_result(&run, !notices.is_empty())
                })
                .collect();
            last = Some((job.link, config));
            let reply = Reply {
                batch,
                cell: job.cell,
                runs,
            };
            if scope.send(Said::Done(reply)).await.is_err() {
                return;
            }
        }
    }
}
