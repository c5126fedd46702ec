//! The page's pool of Web Workers (one per core, gloo-worker), shared by whatever runs many runs:
//! the sweep panel and the advice's trials. A caller hands over a batch of jobs and a function that
//! takes the batch's replies; the pool keeps each worker fed with `JOBS_IN_FLIGHT` jobs, taking them
//! from the open batches in turn (so the advice measures while a sweep runs, at its share of the
//! workers), sends the learner's own points to each worker once, and cancels a batch without
//! touching the others. The workers start the first time a batch comes.

use crate::engine::stored::{self, KEPT_SETS};
use crate::engine::table::{Points, Tag};
use crate::engine::Config;
use crate::worker::{Job, Reply, Request, SweepWorker};
use futures::channel::mpsc::{unbounded, UnboundedSender};
use futures::{SinkExt, StreamExt};
use gloo_worker::Spawnable;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

/// Relative to the page, so dist/ works under any path (trunk writes it: `data-loader-shim`).
const WORKER_URL: &str = "./worker_loader.js";
/// Jobs each worker holds at once: one running, one ready, so it never waits for the page.
const JOBS_IN_FLIGHT: usize = 2;

/// Workers to start: one per core, at most four; `window.RELU_LAB_WORKERS` overrides it (the
/// benchmark compares one worker with two).
fn worker_count() -> usize {
    let window = web_sys::window();
    let forced = window
        .as_ref()
        .and_then(|w| js_sys::Reflect::get(w, &"RELU_LAB_WORKERS".into()).ok())
        .and_then(|v| v.as_f64());
    let cores = window.map_or(1.0, |w| w.navigator().hardware_concurrency());
    (forced.unwrap_or(cores) as usize).clamp(1, 4)
}

/// The link a job of `config` carries: the points `sent` (given to the workers with
/// `Pool::send_points`) by their tag, other points in full.
pub fn job_link(config: &Config, sent: &Points) -> String {
    if !config.own.is_empty() && &config.own == sent {
        stored::job_link(config)
    } else {
        config.to_query()
    }
}

/// What a batch's replies go to.
type OnReply = Rc<dyn Fn(Reply)>;

/// A batch the pool serves: its jobs not yet handed out, and how many its workers hold.
struct Batch {
    id: u32,
    jobs: VecDeque<Job>,
    held: usize,
    on_reply: OnReply,
}

/// One worker: the channel to the task that owns its bridge, and the jobs it holds.
struct Worker {
    sender: UnboundedSender<Request>,
    held: Cell<usize>,
}

/// What the pool's tasks share with the page.
#[derive(Default)]
struct Shared {
    workers: RefCell<Vec<Worker>>,
    batches: RefCell<Vec<Batch>>,
    last_id: Cell<u32>,
    /// Which batch the next job comes from (in turn).
    turn: Cell<usize>,
    /// The points the workers hold (by tag, newest first; they keep the same `KEPT_SETS`).
    points_sent: RefCell<Vec<Tag>>,
}

impl Shared {
    /// The next job, from the open batches in turn.
    fn next_job(&self) -> Option<(u32, Job)> {
        let mut batches = self.batches.borrow_mut();
        let count = batches.len();
        for step in 0..count {
            let index = (self.turn.get() + step) % count;
            let batch = &mut batches[index];
            if let Some(job) = batch.jobs.pop_front() {
                batch.held += 1;
                self.turn.set(index + 1);
                return Some((batch.id, job));
            }
        }
        None
    }

    /// Tops up every worker to `JOBS_IN_FLIGHT` jobs.
    fn feed(&self) {
        let workers = self.workers.borrow();
        for worker in workers.iter() {
            while worker.held.get() < JOBS_IN_FLIGHT {
                let Some((batch, job)) = self.next_job() else {
                    return;
                };
                worker.held.set(worker.held.get() + 1);
                let _ = worker.sender.unbounded_send(Request::Run {
                    batch,
                    jobs: vec![job],
                });
            }
        }
    }

    /// A worker's reply: passed to its batch (if still open), then the workers are fed again.
    fn replied(&self, worker: usize, reply: Reply) {
        if let Some(w) = self.workers.borrow().get(worker) {
            w.held.set(w.held.get().saturating_sub(1));
        }
        let on_reply = {
            let mut batches = self.batches.borrow_mut();
            let found = batches.iter().position(|b| b.id == reply.batch);
            found.map(|index| {
                let batch = &mut batches[index];
                batch.held = batch.held.saturating_sub(1);
                let on_reply = batch.on_reply.clone();
                if batch.jobs.is_empty() && batch.held == 0 {
                    batches.remove(index);
                }
                on_reply
            })
        };
        // No borrow held: the handler may start or cancel batches.
        if let Some(on_reply) = on_reply {
            on_reply(reply);
        }
        self.feed();
    }
}

/// The page's worker pool. `Copy`; provided as a context.
#[derive(Clone, Copy)]
pub struct Pool {
    shared: StoredValue<Rc<Shared>, LocalStorage>,
}

impl Pool {
    pub fn new() -> Pool {
        Pool {
            shared: StoredValue::new_local(Rc::new(Shared::default())),
        }
    }

    fn shared(self) -> Rc<Shared> {
        self.shared.get_value()
    }

    /// Starts the workers the first time they are needed (the page does not load them before).
    fn ensure_workers(self) -> usize {
        let shared = self.shared();
        if shared.workers.borrow().is_empty() {
            let workers: Vec<Worker> = (0..worker_count())
                .map(|index| Worker {
                    sender: spawn_worker(shared.clone(), index),
                    held: Cell::new(0),
                })
                .collect();
            *shared.workers.borrow_mut() = workers;
        }
        let count = shared.workers.borrow().len();
        count
    }

    /// Gives the workers `points` once (nothing when they hold them already); jobs then name them by
    /// their tag (`job_link`). Starts the workers.
    pub fn send_points(self, points: &Points) {
        if points.is_empty() {
            return;
        }
        self.ensure_workers();
        let shared = self.shared();
        let tag = Tag::of(points);
        let mut sent = shared.points_sent.borrow_mut();
        if sent.first() == Some(&tag) {
            return;
        }
        sent.retain(|t| *t != tag);
        sent.insert(0, tag);
        sent.truncate(KEPT_SETS);
        let text = points.link_text().to_string();
        for worker in shared.workers.borrow().iter() {
            let _ = worker.sender.unbounded_send(Request::Points {
                points: text.clone(),
            });
        }
    }

    /// Jobs to split a batch of `runs` runs into: small enough to balance the workers and to show
    /// progress, large enough to be cheap. Starts the workers.
    pub fn chunk(self, runs: usize) -> usize {
        let workers = self.ensure_workers().max(1);
        (runs / (workers * 16)).clamp(1, 50)
    }

    /// Runs `jobs` as a new batch; each reply (one per job, its runs in the job's seeds' order) goes
    /// to `on_reply`, in the order the workers finish. Returns the batch's id, to cancel it.
    pub fn submit(self, jobs: Vec<Job>, on_reply: impl Fn(Reply) + 'static) -> u32 {
        self.ensure_workers();
        let shared = self.shared();
        let id = shared.last_id.get().wrapping_add(1);
        shared.last_id.set(id);
        if jobs.is_empty() {
            return id;
        }
        shared.batches.borrow_mut().push(Batch {
            id,
            jobs: jobs.into(),
            held: 0,
            on_reply: Rc::new(on_reply),
        });
        shared.feed();
        id
    }

    /// Stops batch `id`: its jobs not handed out are dropped, the workers drop what they hold of it
    /// (the job in progress finishes), and no more of its replies are passed on.
    pub fn cancel(self, id: u32) {
        let shared = self.shared();
        let open = {
            let mut batches = shared.batches.borrow_mut();
            let before = batches.len();
            batches.retain(|b| b.id != id);
            batches.len() != before
        };
        if open {
            for worker in shared.workers.borrow().iter() {
                let _ = worker.sender.unbounded_send(Request::Cancel { batch: id });
            }
        }
    }
}

/// One worker and the local task that owns its bridge: it forwards requests and hands replies to
/// the pool.
fn spawn_worker(shared: Rc<Shared>, index: usize) -> UnboundedSender<Request> {
    let bridge = SweepWorker::spawner().with_loader(true).spawn(WORKER_URL);
    let (mut to_worker, from_worker) = bridge.split();
    let (sender, receiver) = unbounded::<Request>();
    leptos::task::spawn_local(async move {
        enum Event {
            Command(Request),
            Reply(Reply),
        }
        let mut events =
            futures::stream::select(receiver.map(Event::Command), from_worker.map(Event::Reply));
        while let Some(event) = events.next().await {
            match event {
                Event::Command(request) => {
                    let _ = to_worker.send(request).await;
                }
                Event::Reply(reply) => shared.replied(index, reply),
            }
        }
    });
    sender
}
