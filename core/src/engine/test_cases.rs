//! What the core's unit tests share to make random inputs.

/// A tiny deterministic generator (SplitMix64) for the tests' random inputs, so a failure
/// reproduces from its case number. Not the engine's `Random`: the inputs must not depend on it.
pub struct Cases(pub u64);

impl Cases {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of `items`.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Whether the long test mode is on (`RELU_LAB_LONG=1`).
pub fn long() -> bool {
    std::env::var("RELU_LAB_LONG").is_ok_and(|v| v == "1")
}
