//! Piano Obiettivi's domain: the plan and its rules, as plain data and pure functions, and the
//! one error type with the Italian messages the officer reads.
//!
//! Invariant: no SQL, no files, no formats, no clock except to judge a typed date. The crate
//! depends on neither rusqlite nor any file format's crate, so it cannot reach them.

pub mod approval;
pub mod changes;
pub mod conciliation;
pub mod content;
pub mod cycle;
pub mod dup;
pub mod error;
pub mod evaluation;
pub mod goals;
pub mod ids;
pub mod indicators;
pub mod individual;
pub mod model;
pub mod monitoring;
pub mod pay;
pub mod results;
pub mod rules;
pub mod targets;
pub mod text;
pub mod timeliness;
pub mod versions;

pub use error::{Error, Result};
pub use ids::{AreaId, IndicatorId, ObjectiveId, PeriodId, PlacementId};
