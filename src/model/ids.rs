//! Typed, stable ids. A project hands them out from one counter, so ids never repeat
//! within a project, even after deletions.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($name:ident, $prefix:literal, $doc:literal) => {
        #[doc = $doc]
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

typed_id!(
    SourceId,
    "s",
    "Identifies a [`Source`](super::Source) within a project."
);
typed_id!(
    EntryId,
    "e",
    "Identifies an [`Entry`](super::Entry) within a project."
);
typed_id!(
    ClaimId,
    "c",
    "Identifies a [`Claim`](super::Claim) within a project."
);
