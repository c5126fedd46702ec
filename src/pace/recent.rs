//! The last values seen, oldest overwritten first: the frames' gaps, the drawing costs.

/// The last `N` values seen, oldest overwritten first.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Recent<const N: usize> {
    values: [f64; N],
    pub(super) len: usize,
    next: usize,
}

impl<const N: usize> Recent<N> {
    pub(super) fn new() -> Self {
        Recent {
            values: [0.0; N],
            len: 0,
            next: 0,
        }
    }

    pub(super) fn push(&mut self, value: f64) {
        self.values[self.next] = value;
        self.next = (self.next + 1) % N;
        self.len = (self.len + 1).min(N);
    }

    pub(super) fn mean(&self) -> f64 {
        if self.len == 0 {
            return 0.0;
        }
        self.values[..self.len].iter().sum::<f64>() / self.len as f64
    }

    /// The value at `fraction` of the way up the sorted values (0: the least), if any.
    pub(super) fn quantile(&self, fraction: f64) -> Option<f64> {
        if self.len == 0 {
            return None;
        }
        // The value the sorted values hold at `index`: the one with at most `index` values below
        // it and more than `index` at or below it. No sort and no allocation, each frame; the
        // window holds a few dozen values.
        let values = &self.values[..self.len];
        let index = ((self.len as f64 * fraction) as usize).min(self.len - 1);
        let count = |v: f64, keep: fn(std::cmp::Ordering) -> bool| {
            values.iter().filter(|u| keep(u.total_cmp(&v))).count()
        };
        values.iter().copied().find(|&v| {
            count(v, std::cmp::Ordering::is_lt) <= index
                && index < count(v, std::cmp::Ordering::is_le)
        })
    }
}
