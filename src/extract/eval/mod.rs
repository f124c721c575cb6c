//! Scorers: compare extraction output with gold annotations and report numbers.

pub mod statements;
pub mod timex;
