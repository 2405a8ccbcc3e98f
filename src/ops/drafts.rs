//! The drafts of the PIAO's subsection 2.2 and of the Relazione sulla performance
//! (`formats::drafts`), from what the store holds: the plan and its DUP tree; the year's
//! results with its variations, its monitoring dates and the evaluation's aggregate table.

use crate::error::Result;
use crate::formats::drafts::{self, Doc, RelazioneData};

use super::{Comparing, Evaluating};
use crate::store::Store;

pub trait Drafting {
    /// The PIAO's subsection 2.2 «Performance» of a plan (the version asked for).
    fn piao_draft(&self, plan_id: i64) -> Result<Doc>;
    /// The Relazione sulla performance of a year, on the latest approved version.
    fn relazione_draft(&self, plan_id: i64, year: i32) -> Result<Doc>;
}

impl Drafting for Store {
    fn piao_draft(&self, plan_id: i64) -> Result<Doc> {
        let plan = self.load(plan_id)?;
        let tree = (!plan.dup.is_empty()).then(|| crate::domain::dup::tree(&plan, None));
        Ok(drafts::piao(&plan, tree.as_ref()))
    }

    fn relazione_draft(&self, plan_id: i64, year: i32) -> Result<Doc> {
        let results = self.results_report(plan_id, year)?;
        let monitors = self
            .monitor_dates(plan_id)?
            .into_iter()
            .filter(|d| chrono::Datelike::year(d) == year)
            .map(|d| self.monitor(plan_id, d))
            .collect::<Result<Vec<_>>>()?;
        // The aggregate table needs the year's rules (the amount set aside): until they are
        // typed, the draft says what is missing in a placeholder.
        let evaluation = self
            .evaluation(plan_id, year)
            .and_then(|e| crate::domain::evaluation::publication(&e))
            .map_err(|e| e.to_string());
        Ok(drafts::relazione(&RelazioneData {
            results: &results,
            monitors: &monitors,
            evaluation,
        }))
    }
}
