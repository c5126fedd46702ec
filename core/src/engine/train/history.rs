//! What a run remembers per epoch: the numbers Keras prints and the ones the lab explains with, kept
//! in a history of bounded size.

use crate::engine::config::MAX_LAYERS;

/// Dead units of each hidden layer (a unit is dead when its pre-activation is ≤ 0 on every training
/// input: it outputs 0 and passes no gradient). `Copy`, so an epoch's stats stay plain data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeadCounts {
    counts: [u32; MAX_LAYERS],
    layers: u8,
}

impl DeadCounts {
    pub fn new(layers: usize) -> DeadCounts {
        DeadCounts {
            counts: [0; MAX_LAYERS],
            layers: layers.min(MAX_LAYERS) as u8,
        }
    }

    /// One count per hidden layer, first to last.
    pub fn as_slice(&self) -> &[u32] {
        &self.counts[..usize::from(self.layers)]
    }

    pub fn set(&mut self, layer: usize, count: usize) {
        self.counts[layer] = count as u32;
    }

    /// Dead units in all layers.
    pub fn total(&self) -> usize {
        self.as_slice().iter().map(|&c| c as usize).sum()
    }

    /// The first hidden layer whose every unit is dead, given the layers' widths.
    pub fn dead_layer(&self, widths: &[usize]) -> Option<usize> {
        self.as_slice()
            .iter()
            .zip(widths)
            .position(|(&dead, &width)| dead as usize == width)
    }
}

/// What Keras prints for one epoch, plus what the lab shows about the network.
#[derive(Clone, Debug, PartialEq)]
pub struct EpochStats {
    /// 1-based, as Keras prints `Epoch 3/20`.
    pub epoch: usize,
    /// Batch-size-weighted mean of the batch MSEs, each before its update (training units).
    pub loss: f64,
    pub mae: f64,
    /// Keras 3 binary accuracy for one output: `y == (ŷ > 0.5)`.
    pub accuracy: f64,
    /// Keras 2.0–2.3 (the thread's era): `y == round(ŷ)`.
    pub accuracy_keras2: f64,
    /// `None` when there is no validation part.
    pub val_loss: Option<f64>,
    pub val_mae: Option<f64>,
    pub val_accuracy: Option<f64>,
    pub val_accuracy_keras2: Option<f64>,
    /// Dead hidden units of each layer on the training inputs (relu hidden layers only).
    pub dead_by_layer: DeadCounts,
    /// The relu output unit's pre-activation is ≤ 0 on every training input.
    pub output_dead: bool,
    /// Largest L2 norm over the epoch's batches of the gradient of the hidden layers and of the
    /// output layer.
    pub grad_norm_hidden: f64,
    pub grad_norm_output: f64,
    /// Learning rate of the epoch's last update.
    pub learning_rate: f64,
    /// Updates made so far.
    pub iterations: u64,
}

impl EpochStats {
    /// Dead hidden units in all layers.
    pub fn dead_hidden(&self) -> usize {
        self.dead_by_layer.total()
    }
}

/// The most epoch entries a history keeps before it is thinned (charts draw 2–3 points per pixel).
pub const HISTORY_CAP: usize = 20_000;

/// Per-epoch statistics, thinned to at most `HISTORY_CAP` entries (every other one is dropped when
/// full, keeping the first and the latest), so memory stays flat however long the run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    entries: Vec<EpochStats>,
}

impl History {
    pub fn push(&mut self, stats: EpochStats) {
        self.entries.push(stats);
        if self.entries.len() > HISTORY_CAP {
            let last = self.entries.len() - 1;
            let mut index = 0;
            self.entries.retain(|_| {
                let keep = index % 2 == 0 || index == last;
                index += 1;
                keep
            });
        }
    }

    /// Adds an unfinished epoch's numbers to a copy of a history (a diagnosis mid-epoch).
    pub fn push_partial(&mut self, stats: EpochStats) {
        self.entries.push(stats);
    }

    pub fn entries(&self) -> &[EpochStats] {
        &self.entries
    }

    pub fn last(&self) -> Option<&EpochStats> {
        self.entries.last()
    }
}
