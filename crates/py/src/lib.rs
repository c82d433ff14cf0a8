//! Python face of clientcare (work in progress).
