//! Unit tests of the parser: each malformed line's diagnostic, as a snapshot.
