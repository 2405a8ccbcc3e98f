//! Piano Obiettivi's core: the plan model, its SQLite storage, the weight rules, the sheets
//! and the annex PDF. No Tauri here: the desktop app and the `piano` command line are both
//! thin layers over this crate.
//!
//! The crate is built in floors, each using only the ones below it (`tests/layers.rs`
//! enforces it; `ARCHITECTURE.md` describes it):

/// Floor 2: the SQLite file, its migrations and whole-file copies.
pub mod db;
/// Floor 1: the plan, its rules and scores, as pure functions.
pub mod domain;
/// Floor 0: the crate's one error type, with the Italian messages the officer reads.
pub mod error;
/// Floor 5: formats in and out (sheets, workbook, JSON, PDF).
pub mod formats;
/// Floor 4: operations (approve, vary, roll forward, record results).
pub mod ops;
/// Floor 3: rows in and out, no policy.
pub mod store;

pub use domain::model::{FullPlan, ObjectiveInput, PlanInput, Weight};
pub use domain::rules::{check, Report};
pub use error::{Error, Result};
pub use formats::import::ImportOptions;
pub use store::{NewPeriod, Store};

/// Everything a front end calls on a `Store`: the store itself and the operations and
/// imports that floors 4 and 5 add to it.
pub mod prelude {
    pub use crate::ops::{
        Approvals, Comparing, Copies, Evaluating, ImportMonitoring, ImportResults, Importing,
        JsonImport, Measuring, Monitoring, Recording, Timeliness,
    };
    pub use crate::store::Store;
}
