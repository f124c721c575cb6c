//! Scoring of attributed statements against gold annotations.
