//! Accumulators behind the KPI values: rates, means and order statistics.

/// A share: `num` of `den`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Rate {
    pub num: u64,
    pub den: u64,
}

impl Rate {
    pub fn add(&mut self, hit: bool) {
        self.den += 1;
        if hit {
            self.num += 1;
        }
    }
}

/// Integer samples (seconds, scores) for mean, median and p90.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Samples {
    pub xs: Vec<i64>,
}

impl Samples {
    pub fn push(&mut self, x: i64) {
        self.xs.push(x);
    }
    pub fn len(&self) -> u64 {
        self.xs.len() as u64
    }
    pub fn sum(&self) -> i128 {
        self.xs.iter().map(|&x| i128::from(x)).sum()
    }
    pub fn mean(&self) -> Option<f64> {
        (!self.xs.is_empty()).then(|| self.sum() as f64 / self.xs.len() as f64)
    }
    /// The `q` quantile with linear interpolation between the two nearest
    /// ranks (pandas' and numpy's default): h = (n - 1) q, value =
    /// x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]). The median
    /// is q = 0.5. Runs in linear time (selection, no full sort).
    pub fn quantile(&mut self, q: f64) -> Option<f64> {
        let n = self.xs.len();
        if n == 0 {
            return None;
        }
        let h = (n - 1) as f64 * q;
        let lo = h.floor() as usize;
        let frac = h - lo as f64;
        let (_, &mut a, right) = self.xs.select_nth_unstable(lo);
        if frac == 0.0 || right.is_empty() {
            return Some(a as f64);
        }
        let b = right.iter().copied().min().unwrap_or(a);
        Some(a as f64 + frac * (b - a) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_pandas_linear_interpolation() {
        let mut s = Samples {
            xs: vec![7, 1, 3, 10, 5],
        };
        // pandas.Series([1,3,5,7,10]).quantile(0.5) == 5.0, quantile(0.9) == 8.8
        assert_eq!(s.quantile(0.5), Some(5.0));
        assert!((s.quantile(0.9).unwrap_or_default() - 8.8).abs() < 1e-9);
        let mut even = Samples {
            xs: vec![4, 1, 3, 2],
        };
        assert_eq!(even.quantile(0.5), Some(2.5));
        assert_eq!(Samples::default().quantile(0.5), None);
        assert_eq!(Samples { xs: vec![9] }.quantile(0.9), Some(9.0));
    }
}
