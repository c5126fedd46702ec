//! Eight f32 lanes, as the batched passes (`kernels::batch_forward`, `kernels::batch_backward`) add
//! and multiply them: the same IEEE operations lane by lane whatever the vectors, so the same bits on
//! every path. Written with the processor's vectors rather than left to the compiler, which split
//! the eight lanes of a partial sum into four pairs inside the training step (a third of the speed).
//!
//! `Narrow` is every processor's copy: SSE2 on x86_64, SIMD128 in the browser, plain arrays
//! elsewhere. `Wide` is AVX2's, on x86_64 only, and only to be had where the processor has it
//! (`Wide::available`): holding one is the proof that its instructions may run.

/// Eight f32 lanes and the operations on them. Every operation is exact lane by lane (no fused
/// multiply-add), and `sum` adds the lanes in one fixed order.
pub trait Lanes: Copy {
    /// Eight lanes.
    type V: Copy;
    /// Rows of sixteen sums the kernels keep in registers at once (each two `V`), with room left
    /// for the operands.
    const ROWS: usize;
    fn zero(self) -> Self::V;
    fn splat(self, value: f32) -> Self::V;
    fn load(self, values: &[f32; 8]) -> Self::V;
    fn store(self, lanes: Self::V, values: &mut [f32; 8]);
    fn add(self, a: Self::V, b: Self::V) -> Self::V;
    fn mul(self, a: Self::V, b: Self::V) -> Self::V;
    /// ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)): `kernels::dot`'s order.
    fn sum(self, lanes: Self::V) -> f32;
    /// `sum` of four vectors at once (the same additions, fewer shuffles).
    fn sum4(self, vectors: [Self::V; 4]) -> [f32; 4] {
        vectors.map(|v| self.sum(v))
    }
    /// `sum` of eight vectors at once.
    fn sum8(self, vectors: [Self::V; 8]) -> [f32; 8] {
        vectors.map(|v| self.sum(v))
    }
}

/// The vectors every processor of its kind has (see the module's words).
#[derive(Clone, Copy, Debug, Default)]
pub struct Narrow;

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::{Lanes, Narrow};
    use std::arch::x86_64::*;

    /// The last steps of `Lanes::sum` on four lanes q: (q0 + q2) + (q1 + q3).
    #[inline(always)]
    fn halves(q: __m128) -> f32 {
        // SAFETY: SSE is part of x86_64.
        unsafe {
            let pairs = _mm_add_ps(q, _mm_movehl_ps(q, q));
            _mm_cvtss_f32(_mm_add_ss(pairs, _mm_shuffle_ps::<1>(pairs, pairs)))
        }
    }

    // SAFETY (each `unsafe` below): SSE and SSE2 are part of x86_64, every such processor has them.
    impl Lanes for Narrow {
        type V = (__m128, __m128);
        const ROWS: usize = 2;
        #[inline(always)]
        fn zero(self) -> Self::V {
            unsafe { (_mm_setzero_ps(), _mm_setzero_ps()) }
        }
        #[inline(always)]
        fn splat(self, value: f32) -> Self::V {
            let v = unsafe { _mm_set1_ps(value) };
            (v, v)
        }
        #[inline(always)]
        fn load(self, values: &[f32; 8]) -> Self::V {
            // Also: eight f32 are readable at `values`; `loadu` takes any alignment.
            unsafe {
                (
                    _mm_loadu_ps(values.as_ptr()),
                    _mm_loadu_ps(values.as_ptr().add(4)),
                )
            }
        }
        #[inline(always)]
        fn store(self, lanes: Self::V, values: &mut [f32; 8]) {
            // Also: eight f32 are writable at `values`; `storeu` takes any alignment.
            unsafe {
                _mm_storeu_ps(values.as_mut_ptr(), lanes.0);
                _mm_storeu_ps(values.as_mut_ptr().add(4), lanes.1);
            }
        }
        #[inline(always)]
        fn add(self, a: Self::V, b: Self::V) -> Self::V {
            unsafe { (_mm_add_ps(a.0, b.0), _mm_add_ps(a.1, b.1)) }
        }
        #[inline(always)]
        fn mul(self, a: Self::V, b: Self::V) -> Self::V {
            unsafe { (_mm_mul_ps(a.0, b.0), _mm_mul_ps(a.1, b.1)) }
        }
        #[inline(always)]
        fn sum(self, lanes: Self::V) -> f32 {
            halves(unsafe { _mm_add_ps(lanes.0, lanes.1) })
        }
        #[inline(always)]
        fn sum4(self, v: [Self::V; 4]) -> [f32; 4] {
            let q = v.map(|v| unsafe { _mm_add_ps(v.0, v.1) });
            let mut out = [0.0f32; 4];
            // SAFETY: four f32 are writable at `out`.
            unsafe { _mm_storeu_ps(out.as_mut_ptr(), quarters(q)) };
            out
        }
        #[inline(always)]
        fn sum8(self, v: [Self::V; 8]) -> [f32; 8] {
            let q = v.map(|v| unsafe { _mm_add_ps(v.0, v.1) });
            let mut out = [0.0f32; 8];
            // SAFETY: eight f32 are writable at `out`.
            unsafe {
                _mm_storeu_ps(out.as_mut_ptr(), quarters([q[0], q[1], q[2], q[3]]));
                _mm_storeu_ps(out.as_mut_ptr().add(4), quarters([q[4], q[5], q[6], q[7]]));
            }
            out
        }
    }

    /// The last steps of `Lanes::sum` for four vectors of four lanes q (lane k: l_k + l_{k+4}) at
    /// once: (q0 + q2) + (q1 + q3) of each, in one vector.
    #[inline(always)]
    fn quarters(q: [__m128; 4]) -> __m128 {
        // SAFETY: SSE is part of x86_64.
        unsafe {
            // [q0 + q2, q1 + q3] of two vectors side by side, then those pairs' sums.
            let first = _mm_add_ps(
                _mm_shuffle_ps::<0x44>(q[0], q[1]),
                _mm_shuffle_ps::<0xEE>(q[0], q[1]),
            );
            let second = _mm_add_ps(
                _mm_shuffle_ps::<0x44>(q[2], q[3]),
                _mm_shuffle_ps::<0xEE>(q[2], q[3]),
            );
            _mm_add_ps(
                _mm_shuffle_ps::<0x88>(first, second),
                _mm_shuffle_ps::<0xDD>(first, second),
            )
        }
    }

    /// AVX2's 256-bit vectors. Only `Wide::available` makes one, where the processor has AVX2.
    #[derive(Clone, Copy, Debug)]
    pub struct Wide(());

    /// Which lanes the batch kernels use on this processor: 0 not chosen yet, 1 AVX2, 2 narrow.
    static CHOSEN: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

    impl Wide {
        /// AVX2's lanes where the processor has them, unless the environment variable
        /// `RELU_LAB_PORTABLE=1` asks for the narrow ones (what other processors and the browser
        /// run), so one machine can compare both (`tests/same_bits.rs`). The variable is read once;
        /// `force_narrow` chooses for the rest of the process.
        #[inline(always)]
        pub fn available() -> Option<Wide> {
            use std::sync::atomic::Ordering::Relaxed;
            match CHOSEN.load(Relaxed) {
                1 => Some(Wide(())),
                2 => None,
                _ => {
                    let portable = std::env::var_os("RELU_LAB_PORTABLE").is_some_and(|v| v == "1");
                    force_narrow(portable);
                    (CHOSEN.load(Relaxed) == 1).then_some(Wide(()))
                }
            }
        }
    }

    /// The narrow lanes from now on in this process (`true`), or AVX2's where the processor has
    /// them (`false`).
    pub fn force_narrow(narrow: bool) {
        let avx2 = !narrow && std::arch::is_x86_feature_detected!("avx2");
        CHOSEN.store(
            if avx2 { 1 } else { 2 },
            std::sync::atomic::Ordering::Relaxed,
        );
    }

    // Each is inlined into the kernels' AVX2 copy (compiled with AVX2 enabled); a `Wide` exists only
    // where the processor has AVX2, so calling them through it is sound.
    #[target_feature(enable = "avx2")]
    fn splat256(value: f32) -> __m256 {
        _mm256_set1_ps(value)
    }
    #[target_feature(enable = "avx2")]
    fn zero256() -> __m256 {
        _mm256_setzero_ps()
    }
    #[target_feature(enable = "avx2")]
    fn load256(values: &[f32; 8]) -> __m256 {
        // SAFETY: eight f32 are readable at `values`; `loadu` takes any alignment.
        unsafe { _mm256_loadu_ps(values.as_ptr()) }
    }
    #[target_feature(enable = "avx2")]
    fn store256(lanes: __m256, values: &mut [f32; 8]) {
        // SAFETY: eight f32 are writable at `values`; `storeu` takes any alignment.
        unsafe { _mm256_storeu_ps(values.as_mut_ptr(), lanes) }
    }
    #[target_feature(enable = "avx2")]
    fn add256(a: __m256, b: __m256) -> __m256 {
        _mm256_add_ps(a, b)
    }
    #[target_feature(enable = "avx2")]
    fn mul256(a: __m256, b: __m256) -> __m256 {
        _mm256_mul_ps(a, b)
    }
    #[target_feature(enable = "avx2")]
    fn sum256(lanes: __m256) -> f32 {
        halves(_mm_add_ps(
            _mm256_castps256_ps128(lanes),
            _mm256_extractf128_ps::<1>(lanes),
        ))
    }

    /// `Lanes::sum` of eight vectors: the halves of v_i and v_{i+4} added in one vector, then each
    /// 128-bit half as `quarters` does, which leaves the eight sums in order.
    #[target_feature(enable = "avx2")]
    fn sum8_256(v: [__m256; 8]) -> [f32; 8] {
        let q: [__m256; 4] = std::array::from_fn(|i| {
            _mm256_add_ps(
                _mm256_permute2f128_ps::<0x20>(v[i], v[i + 4]),
                _mm256_permute2f128_ps::<0x31>(v[i], v[i + 4]),
            )
        });
        let first = _mm256_add_ps(
            _mm256_shuffle_ps::<0x44>(q[0], q[1]),
            _mm256_shuffle_ps::<0xEE>(q[0], q[1]),
        );
        let second = _mm256_add_ps(
            _mm256_shuffle_ps::<0x44>(q[2], q[3]),
            _mm256_shuffle_ps::<0xEE>(q[2], q[3]),
        );
        let sums = _mm256_add_ps(
            _mm256_shuffle_ps::<0x88>(first, second),
            _mm256_shuffle_ps::<0xDD>(first, second),
        );
        let mut out = [0.0f32; 8];
        store256(sums, &mut out);
        out
    }

    impl Lanes for Wide {
        type V = __m256;
        const ROWS: usize = 4;
        // SAFETY (each): a `Wide` exists only where the processor has AVX2 (`Wide::available`).
        #[inline(always)]
        fn zero(self) -> __m256 {
            unsafe { zero256() }
        }
        #[inline(always)]
        fn splat(self, value: f32) -> __m256 {
            unsafe { splat256(value) }
        }
        #[inline(always)]
        fn load(self, values: &[f32; 8]) -> __m256 {
            unsafe { load256(values) }
        }
        #[inline(always)]
        fn store(self, lanes: __m256, values: &mut [f32; 8]) {
            unsafe { store256(lanes, values) }
        }
        #[inline(always)]
        fn add(self, a: __m256, b: __m256) -> __m256 {
            unsafe { add256(a, b) }
        }
        #[inline(always)]
        fn mul(self, a: __m256, b: __m256) -> __m256 {
            unsafe { mul256(a, b) }
        }
        #[inline(always)]
        fn sum(self, lanes: __m256) -> f32 {
            unsafe { sum256(lanes) }
        }
        #[inline(always)]
        fn sum8(self, vectors: [__m256; 8]) -> [f32; 8] {
            unsafe { sum8_256(vectors) }
        }
    }
}

#[cfg(target_arch = "x86_64")]
pub use x86::{force_narrow, Wide};

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm {
    use super::{Lanes, Narrow};
    use std::arch::wasm32::*;

    impl Lanes for Narrow {
        type V = (v128, v128);
        const ROWS: usize = 2;
        #[inline(always)]
        fn zero(self) -> Self::V {
            (f32x4_splat(0.0), f32x4_splat(0.0))
        }
        #[inline(always)]
        fn splat(self, value: f32) -> Self::V {
            let v = f32x4_splat(value);
            (v, v)
        }
        #[inline(always)]
        fn load(self, values: &[f32; 8]) -> Self::V {
            // SAFETY: eight f32 are readable at `values`; `v128_load` takes any alignment.
            unsafe {
                (
                    v128_load(values.as_ptr().cast()),
                    v128_load(values.as_ptr().add(4).cast()),
                )
            }
        }
        #[inline(always)]
        fn store(self, lanes: Self::V, values: &mut [f32; 8]) {
            // SAFETY: eight f32 are writable at `values`; `v128_store` takes any alignment.
            unsafe {
                v128_store(values.as_mut_ptr().cast(), lanes.0);
                v128_store(values.as_mut_ptr().add(4).cast(), lanes.1);
            }
        }
        #[inline(always)]
        fn add(self, a: Self::V, b: Self::V) -> Self::V {
            (f32x4_add(a.0, b.0), f32x4_add(a.1, b.1))
        }
        #[inline(always)]
        fn mul(self, a: Self::V, b: Self::V) -> Self::V {
            (f32x4_mul(a.0, b.0), f32x4_mul(a.1, b.1))
        }
        #[inline(always)]
        fn sum(self, lanes: Self::V) -> f32 {
            let q = f32x4_add(lanes.0, lanes.1);
            (f32x4_extract_lane::<0>(q) + f32x4_extract_lane::<2>(q))
                + (f32x4_extract_lane::<1>(q) + f32x4_extract_lane::<3>(q))
        }
        #[inline(always)]
        fn sum4(self, v: [Self::V; 4]) -> [f32; 4] {
            let mut out = [0.0f32; 4];
            let sums = quarters(v.map(|v| f32x4_add(v.0, v.1)));
            // SAFETY: four f32 are writable at `out`; `v128_store` takes any alignment.
            unsafe { v128_store(out.as_mut_ptr().cast(), sums) };
            out
        }
        #[inline(always)]
        fn sum8(self, v: [Self::V; 8]) -> [f32; 8] {
            let (low, high) = (
                self.sum4([v[0], v[1], v[2], v[3]]),
                self.sum4([v[4], v[5], v[6], v[7]]),
            );
            std::array::from_fn(|k| if k < 4 { low[k] } else { high[k - 4] })
        }
    }

    /// (q0 + q2) + (q1 + q3) of four vectors of four lanes at once (see the x86 `quarters`).
    #[inline(always)]
    fn quarters(q: [v128; 4]) -> v128 {
        let first = f32x4_add(
            u32x4_shuffle::<0, 1, 4, 5>(q[0], q[1]),
            u32x4_shuffle::<2, 3, 6, 7>(q[0], q[1]),
        );
        let second = f32x4_add(
            u32x4_shuffle::<0, 1, 4, 5>(q[2], q[3]),
            u32x4_shuffle::<2, 3, 6, 7>(q[2], q[3]),
        );
        f32x4_add(
            u32x4_shuffle::<0, 2, 4, 6>(first, second),
            u32x4_shuffle::<1, 3, 5, 7>(first, second),
        )
    }
}

#[cfg(not(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
impl Lanes for Narrow {
    type V = [f32; 8];
    const ROWS: usize = 2;
    #[inline(always)]
    fn zero(self) -> [f32; 8] {
        [0.0; 8]
    }
    #[inline(always)]
    fn splat(self, value: f32) -> [f32; 8] {
        [value; 8]
    }
    #[inline(always)]
    fn load(self, values: &[f32; 8]) -> [f32; 8] {
        *values
    }
    #[inline(always)]
    fn store(self, lanes: [f32; 8], values: &mut [f32; 8]) {
        *values = lanes;
    }
    #[inline(always)]
    fn add(self, a: [f32; 8], b: [f32; 8]) -> [f32; 8] {
        std::array::from_fn(|k| a[k] + b[k])
    }
    #[inline(always)]
    fn mul(self, a: [f32; 8], b: [f32; 8]) -> [f32; 8] {
        std::array::from_fn(|k| a[k] * b[k])
    }
    #[inline(always)]
    fn sum(self, l: [f32; 8]) -> f32 {
        ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]))
    }
}
