//! Scoring of temporal expressions against gold annotations (gold JSON, TimeML).
