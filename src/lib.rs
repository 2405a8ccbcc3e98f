//! Piano Obiettivi's core, the one face both front ends call: the operations of the
//! performance cycle (`ops`: approve, vary, roll forward, import, record results, monitor,
//! evaluate), over the crates that hold the floors below. No Tauri here: the desktop app and
//! the `piano` command line are both thin layers over this crate.
//!
//! The floors are crates, and the crate graph is the guard (`ARCHITECTURE.md` draws it):
//! `piano-domain` (the model, the rules, the error) knows no SQL and no file format;
//! `piano-formats` (files in and out) knows the domain only; `piano-store` (the SQLite file
//! and its rows) is the only crate with rusqlite. This crate adds the operations, which
//! combine them and hold no SQL, since it does not depend on rusqlite.

/// The plan, its rules and scores, as pure functions (crate `piano-domain`).
pub use piano_domain as domain;
/// The one error type, with the Italian messages the officer reads.
pub use piano_domain::error;
/// Formats in and out: sheets, workbook, JSON, PDF (crate `piano-formats`).
pub use piano_formats as formats;
/// Rows in and out, no policy (crate `piano-store`).
pub use piano_store as store;
/// The SQLite file, its migrations and whole-file and automatic copies.
pub use piano_store::db;

/// The officer's guide (ui/guida/), built in and rendered for the app.
pub mod guide;
/// Operations: read through the store, check with the domain, write in one transaction.
pub mod ops;

pub use domain::approval::report as check;
pub use domain::model::{FullPlan, ObjectiveInput, PlanInput, Weight};
pub use domain::rules::Report;
pub use error::{Error, Result};
pub use formats::import::ImportOptions;
pub use store::{NewPeriod, Store};

/// Everything a front end calls on a `Store`: the store itself and the operations and
/// imports that `ops` adds to it.
pub mod prelude {
    pub use crate::ops::{
        Approvals, Comparing, Copies, Drafting, DupLinks, Evaluating, ImportMonitoring,
        ImportResults, Importing, JsonImport, Measuring, Monitoring, Recording, Timeliness,
        YearCycle,
    };
    pub use crate::store::Store;
}
