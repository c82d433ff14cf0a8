//! JavaScript face of clientcare (work in progress).
