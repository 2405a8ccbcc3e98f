//! Piano Obiettivi's formats in and out: the flat sheet (CSV), the workbook (XLSX, ODS, XLS),
//! the JSON copy of a plan, the results, monitoring and evaluation sheets, the change sheet,
//! and the PDFs. Reading a format gives domain values (the imports that write them are
//! `piano::ops::imports`); writing one starts from a `FullPlan` or a domain result.
//!
//! Invariant: bytes in, domain values out, and back. No database: the crate depends on the
//! domain only, not on rusqlite or the store.

pub mod changes;
pub mod charts;
pub mod drafts;
pub mod dup_sheet;
pub mod evaluation_sheet;
pub mod files;
pub mod filled;
pub mod import;
pub mod individual_sheet;
pub mod json;
pub mod monitor_sheet;
pub mod pdf;
pub mod results_sheet;
pub mod sheet;
pub mod workbook;
