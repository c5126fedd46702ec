//! The page's pool of Web Workers (one per core, gloo-worker), shared by whatever runs many runs:
//! the sweep panel and the advice's trials. A caller hands over a batch of jobs and a function that
//! takes the batch's replies; the pool keeps each worker fed with `JOBS_IN_FLIGHT` jobs, taking them
//! from the open batches in turn (so the advice measures while a sweep runs, at its share of the
//! workers), sends the learner's own points to each worker once, and cancels a batch without
//! touching the others. The workers start the first time a batch comes.
//!
//! Workers that cannot load (offline with their files not kept, a file missing on the server) never
//! say anything, so the pool watches: it fetches the workers' first file itself as they start (a
//! failure is certain and at once) and waits for each worker to say it started (`Said::Started`);
//! `workers()` tells the panels, which show it. A failure ends every open batch (`Answer::Failed`)
//! and the next batch starts the workers again.

use crate::engine::stored::{self, KEPT_SETS};
use crate::engine::table::{Points, Tag};
use crate::engine::Config;
use crate::worker::{Job, Reply, Request, Said, SweepWorker};
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
/// How long the workers may take to start before the panels say they have not (ms): their files are
/// about 220 KB gzipped, seconds on a slow phone network. They are still used if they start later.
const START_WAIT_MS: u64 = 30_000;

/// Whether the workers can run jobs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workers {
    /// Not started yet (nothing asked for them), or started and ready.
    Idle,
    Ready,
    /// Started, not ready yet.
    Loading,
    /// Still not ready after `START_WAIT_MS`: the panels say so; they are used if they start.
    Late,
    /// Their files could not be loaded: every open batch was ended; the next one tries again.
    Failed,
}

/// What a batch hears: a worker's reply, or that the workers could not be loaded (the batch is over).
pub enum Answer {
    Runs(Reply),
    Failed,
}

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

/// What a batch's answers go to.
type OnReply = Rc<dyn Fn(Answer)>;

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
    /// How many times the workers were spawned: a late check of an earlier start is ignored.
    generation: Cell<u32>,
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
            on_reply(Answer::Runs(reply));
        }
        self.feed();
    }

    /// The workers cannot be loaded: they are dropped (ending their tasks), and every open batch
    /// hears it is over. The next batch spawns them again.
    fn failed(&self) {
        self.workers.borrow_mut().clear();
        self.points_sent.borrow_mut().clear();
        let batches = std::mem::take(&mut *self.batches.borrow_mut());
        for batch in batches {
            (batch.on_reply)(Answer::Failed);
        }
    }
}

/// The page's worker pool. `Copy`; provided as a context.
#[derive(Clone, Copy)]
pub struct Pool {
    shared: StoredValue<Rc<Shared>, LocalStorage>,
    workers: RwSignal<Workers>,
}

impl Pool {
    pub fn new() -> Pool {
        Pool {
            shared: StoredValue::new_local(Rc::new(Shared::default())),
            workers: RwSignal::new(Workers::Idle),
        }
    }

    /// Whether the workers can run jobs (reactive): the panels say when they are late or failed.
    pub fn workers(self) -> Workers {
        self.workers.get()
    }

    fn shared(self) -> Rc<Shared> {
        self.shared.get_value()
    }

    /// Starts the workers the first time they are needed (the page does not load them before).
    fn ensure_workers(self) -> usize {
        let shared = self.shared();
        if shared.workers.borrow().is_empty() {
            let generation = shared.generation.get().wrapping_add(1);
            shared.generation.set(generation);
            self.workers.set(Workers::Loading);
            let workers: Vec<Worker> = (0..worker_count())
                .map(|index| Worker {
                    sender: spawn_worker(self, index, generation),
                    held: Cell::new(0),
                })
                .collect();
            *shared.workers.borrow_mut() = workers;
            self.watch_start(generation);
        }
        let count = shared.workers.borrow().len();
        count
    }

    /// Fetches the workers' first file (a failure there is certain and at once: offline without it
    /// kept, or missing on the server), and after `START_WAIT_MS` marks workers that have not
    /// started as late.
    fn watch_start(self, generation: u32) {
        leptos::task::spawn_local(async move {
            if !loads(WORKER_URL).await {
                self.fail(generation);
            }
        });
        set_timeout(
            move || {
                let current = self.shared.try_with_value(|s| s.generation.get());
                if current == Some(generation) && self.workers.get_untracked() == Workers::Loading {
                    self.workers.set(Workers::Late);
                }
            },
            std::time::Duration::from_millis(START_WAIT_MS),
        );
    }

    /// The workers of spawn `generation` could not be loaded (nothing when they were replaced since).
    fn fail(self, generation: u32) {
        let Some(shared) = self.shared.try_get_value() else {
            return;
        };
        if shared.generation.get() != generation || self.workers.get_untracked() == Workers::Ready {
            return;
        }
        self.workers.set(Workers::Failed);
        shared.failed();
    }

    /// A worker of spawn `generation` said it started.
    fn started(self, generation: u32) {
        let Some(shared) = self.shared.try_get_value() else {
            return;
        };
        if shared.generation.get() == generation {
            self.workers.set(Workers::Ready);
        }
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
    /// to `on_reply`, in the order the workers finish, or `Answer::Failed` once if the workers cannot
    /// be loaded. Returns the batch's id, to cancel it.
    pub fn submit(self, jobs: Vec<Job>, on_reply: impl Fn(Answer) + 'static) -> u32 {
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

/// Whether `url` can be fetched (through the service worker, as the worker's own request would be).
async fn loads(url: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url)).await {
        Ok(response) => js_sys::Reflect::get(&response, &"ok".into())
            .ok()
            .and_then(|ok| ok.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    }
}

/// One worker and the local task that owns its bridge: it forwards requests and hands replies to
/// the pool. The task, and with it the bridge and the worker, ends when the pool drops the sender.
fn spawn_worker(pool: Pool, index: usize, generation: u32) -> UnboundedSender<Request> {
    let shared = pool.shared();
    let bridge = SweepWorker::spawner().with_loader(true).spawn(WORKER_URL);
    let (mut to_worker, from_worker) = bridge.split();
    let (sender, receiver) = unbounded::<Request>();
    leptos::task::spawn_local(async move {
        enum Event {
            Command(Request),
            Dropped,
            Said(Said),
        }
        let commands = receiver
            .map(Event::Command)
            .chain(futures::stream::iter([Event::Dropped]));
        let mut events = futures::stream::select(commands, from_worker.map(Event::Said));
        while let Some(event) = events.next().await {
            match event {
                Event::Command(request) => {
                    let _ = to_worker.send(request).await;
                }
                Event::Dropped => return,
                Event::Said(Said::Started) => pool.started(generation),
                Event::Said(Said::Done(reply)) => shared.replied(index, reply),
            }
        }
    });
    sender
}
