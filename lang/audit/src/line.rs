//! Judging one line.
