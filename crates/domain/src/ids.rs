//! Typed ids of the rows inside a plan, so that `move_placement_to(placement, area, period)`
//! does not compile with two of them swapped. Each is the row's integer key: the same number
//! in the database, in JSON and on the screen (`serde(transparent)`). The store, which binds
//! it in SQL, takes the number out (`get`) and puts it back (`new`).

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// The id of the row whose key is `key`.
            pub const fn new(key: i64) -> Self {
                Self(key)
            }

            /// The row's key, as the database stores it.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id!(
    /// A period of a plan (a run of years).
    PeriodId
);
id!(
    /// An area of a plan (a manager's sector).
    AreaId
);
id!(
    /// An objective of a plan, wherever it is placed.
    ObjectiveId
);
id!(
    /// An objective placed in an area and a period, with its weight.
    PlacementId
);
id!(
    /// An indicator of an objective.
    IndicatorId
);
