//! Seeded data generator and benchmarks (work in progress).
