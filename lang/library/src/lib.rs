//! CVL's library for the people who write contracts: the documentation of the standard library's clauses, read
//! from their doc comments by one convention (spec 4.14: [`docs`]), and the templates `cvl new` writes (spec
//! 8.11: [`templates`]). The command line only parses arguments and prints what this crate answers; the language
//! server's hover shows the same documentation.

pub mod docs;
pub mod templates;

#[cfg(test)]
mod tests;
