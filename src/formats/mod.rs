//! Floor 5: the formats in and out. The flat sheet (CSV), the workbook (XLSX, ODS, XLS), the
//! JSON backup of a plan, the results sheets, the change sheet, and the PDF annexes. Reading
//! a format ends in a call to the floors below; writing one starts from a `FullPlan` or a
//! domain result.

pub mod changes;
pub mod evaluation_sheet;
pub mod files;
pub mod filled;
pub mod import;
pub mod json;
pub mod monitor_sheet;
pub mod pdf;
pub mod results_sheet;
pub mod sheet;
pub mod workbook;
