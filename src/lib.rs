//! Piano Obiettivi's core: the plan model, its SQLite storage, the weight rules, the flat
//! sheet and the annex PDF. No Tauri here: the desktop app and the `piano` command line are
//! both thin layers over this crate.

pub mod approval;
pub mod backup;
pub mod changes;
pub mod copy;
pub mod db;
pub mod error;
pub mod import;
pub mod json;
pub mod model;
pub mod pdf;
pub mod results;
pub mod results_sheet;
pub mod rules;
pub mod sample;
pub mod sheet;
pub mod store;
pub mod timeliness;
pub mod workbook;

pub use error::{Error, Result};
pub use import::ImportOptions;
pub use model::{FullPlan, ObjectiveInput, PlanInput, Weight};
pub use rules::{check, Report};
pub use store::{NewPeriod, Store};
