//! Floor 4: operations that combine the floors below. Each reads what it needs through the
//! store, runs the domain's checks, and writes through the store in one transaction. They
//! are traits implemented for `Store`, so a caller says which it uses
//! (`use piano::ops::Approvals`, or `piano::prelude::*`).

pub mod changes;
pub mod copy;
pub mod cycle;
pub mod drafts;
pub mod dup;
pub mod evaluation;
pub mod imports;
pub mod indicators;
pub mod monitoring;
pub mod results;
pub mod timeliness;
pub mod versions;

pub use changes::Comparing;
pub use copy::Copies;
pub use cycle::YearCycle;
pub use drafts::Drafting;
pub use dup::DupLinks;
pub use evaluation::Evaluating;
pub use imports::{ImportMonitoring, ImportResults, Importing, JsonImport};
pub use indicators::Measuring;
pub use monitoring::Monitoring;
pub use results::Recording;
pub use timeliness::Timeliness;
pub use versions::Approvals;

/// Today, on the office PC's clock: the one place the operations read it. Every rule that
/// depends on the day takes it as a value (`year_results_on`, `cycle`, `deadlines`…), so a
/// test names the day it means.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
