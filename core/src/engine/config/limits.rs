//! The bounds of a configuration: what a link may ask for at most, and the weight count that
//! bounds the network's size.

pub use crate::engine::bounds::MAX_POINTS;
/// The most units of one hidden layer.
pub const MAX_UNITS: usize = 1024;
/// The most hidden layers.
pub const MAX_LAYERS: usize = 8;
/// The most weights (kernels and biases of all layers): beyond this one batch takes longer than a
/// frame and the page stops being live.
pub const MAX_WEIGHTS: usize = 50_000;
/// The most epochs a run may ask for.
pub const MAX_EPOCHS: usize = 1_000_000;
/// The seed used when a link names none: the page opens on the seed thread's story.
pub const DEFAULT_SEED: u64 = 7;
/// The most runs pinned beside the main one.
pub const MAX_PINNED: usize = 4;
/// The most settings a sweep varies at once.
pub const MAX_SWEEP_AXES: usize = 2;
/// The most values of one varied setting.
pub const MAX_SWEEP_VALUES: usize = 40;
/// The most seeds per sweep cell.
pub const MAX_SEEDS: usize = 10_000;

/// Weights (kernels and biases) of a 1 → widths → 1 network.
pub fn weight_count(widths: &[usize]) -> usize {
    let mut inputs: usize = 1;
    let mut total = 0usize;
    for &units in widths.iter().chain(std::iter::once(&1)) {
        total = total.saturating_add(inputs.saturating_mul(units).saturating_add(units));
        inputs = units;
    }
    total
}
