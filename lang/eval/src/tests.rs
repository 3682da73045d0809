//! Tests of each evaluation rule.
