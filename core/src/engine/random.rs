//! The seeded random numbers everything draws from: the data, the initial weights, the shuffles.
//! A leaf (it imports nothing of the engine), so the configuration and the data can both draw.

use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// Which part of the run a random stream serves. Separate streams keep the data the same when only
/// the network changes, and the initial weights the same when only the optimiser changes.
#[derive(Clone, Copy, Debug)]
pub enum Stream {
    Data = 1,
    Init = 2,
    Shuffle = 3,
    /// The one shuffle of the rows before the split (`shuffle=1`).
    Rows = 4,
}

/// A seeded generator with the few draws the lab needs. Transcendental functions come from `libm`, so
/// native and wasm builds draw bit-identical numbers.
#[derive(Clone, Debug)]
pub struct Random(Pcg64Mcg);

impl Random {
    pub fn new(seed: u64, stream: Stream) -> Random {
        // Mix seed and stream so nearby seeds give unrelated sequences.
        let mut state = seed ^ (stream as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let seed128 = (u128::from(next()) << 64) | u128::from(next());
        Random(Pcg64Mcg::from_seed(seed128.to_le_bytes()))
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform(); // (0, 1]: log never sees 0
        let u2 = self.uniform();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * std::f64::consts::PI * u2)
    }

    /// Standard normal truncated at two standard deviations, as Keras' `truncated_normal`.
    pub fn truncated_normal(&mut self) -> f64 {
        loop {
            let z = self.normal();
            if z.abs() <= 2.0 {
                return z;
            }
        }
    }

    /// Uniform integer in 0..bound (bound > 0), without modulo bias.
    pub fn below(&mut self, bound: usize) -> usize {
        let bound = bound as u64;
        loop {
            let draw = self.0.next_u64();
            // The zone of accepted draws, `u64::MAX - u64::MAX % bound`, is above
            // `u64::MAX - bound`: a draw at or below that is in it without computing the zone
            // (a division saved on nearly every draw; the same draws are accepted).
            if draw <= u64::MAX - bound || draw < u64::MAX - (u64::MAX % bound) {
                return (draw % bound) as usize;
            }
        }
    }

    /// Fisher–Yates shuffle in place.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_draws_have_unit_variance() {
        let mut random = Random::new(3, Stream::Data);
        let draws: Vec<f64> = (0..20_000).map(|_| random.normal()).collect();
        let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;
        let m = mean(&draws);
        let variance = mean(&draws.iter().map(|v| (v - m) * (v - m)).collect::<Vec<_>>());
        assert!(
            m.abs() < 0.03 && (variance - 1.0).abs() < 0.05,
            "{m} {variance}"
        );
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn below_draws_what_rejection_sampling_draws() {
        // The oracle: the textbook rule, the zone computed for every draw from a copy of the
        // generator. Bounds near 2^64 reject about half of all draws, so both branches run.
        for bound in [
            1,
            2,
            3,
            7,
            600,
            1 << 40,
            (1 << 63) + 1,
            usize::MAX - 1,
            usize::MAX,
        ] {
            let mut random = Random::new(11, Stream::Shuffle);
            let mut oracle = random.0.clone();
            let mut rejected = 0;
            for _ in 0..2_000 {
                let b = bound as u64;
                let zone = u64::MAX - (u64::MAX % b);
                let expected = loop {
                    let draw = oracle.next_u64();
                    if draw < zone {
                        break draw % b;
                    }
                    rejected += 1;
                };
                assert_eq!(random.below(bound) as u64, expected, "bound {bound}");
            }
            if bound == (1 << 63) + 1 {
                assert!(rejected > 500, "{rejected} rejections");
            }
        }
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut random = Random::new(1, Stream::Shuffle);
        let mut items: Vec<u32> = (0..100).collect();
        random.shuffle(&mut items);
        assert_ne!(items, (0..100).collect::<Vec<_>>());
        items.sort_unstable();
        assert_eq!(items, (0..100).collect::<Vec<_>>());
    }
}
