//! Placeholder: filled in by the identity work.
fn main() {}
