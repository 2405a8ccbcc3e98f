//! Recording the monitoring of a date: the entries checked against the monitoring computed
//! on the latest approved version (`domain::monitoring`), then written through the store in
//! one transaction; the proposals of variation it gathered; the editor's deadlines.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::ids::{AreaId, ObjectiveId};
use crate::domain::monitoring::{self, upcoming, Action, Deadline, EntryInput};
use crate::error::{Error, Result};
use crate::store::Store;

/// A «proposta di variazione» made at a monitoring date, listed when a variation starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariationProposal {
    pub date: NaiveDate,
    pub area: String,
    pub description: String,
    pub issues: String,
    pub action_text: String,
}

pub trait Monitoring {
    /// Adds a monitoring date (e.g. 30/06/2024) on the latest approved version, for a year
    /// of the plan that has started on `today`. Returns the date; one that exists is refused.
    fn add_monitor_date_on(
        &mut self,
        plan_id: i64,
        text: &str,
        today: NaiveDate,
    ) -> Result<NaiveDate>;
    /// [`Monitoring::add_monitor_date_on`] today.
    fn add_monitor_date(&mut self, plan_id: i64, text: &str) -> Result<NaiveDate> {
        self.add_monitor_date_on(plan_id, text, super::today())
    }
    /// Records (or, with every field empty, clears) entries of one date, all or nothing; each
    /// names the area and the objective by the ids the monitoring shows.
    fn record_monitoring(
        &mut self,
        plan_id: i64,
        date: NaiveDate,
        entries: &[(AreaId, ObjectiveId, EntryInput)],
    ) -> Result<()>;
    /// Every «proposta di variazione» of the series' monitoring dates, by date.
    fn variation_proposals(&self, plan_id: i64) -> Result<Vec<VariationProposal>>;
    /// The version's deadlines of the next 30 days, and those passed without completion.
    fn deadlines(&self, plan_id: i64, today: NaiveDate) -> Result<Vec<Deadline>>;
}

impl Monitoring for Store {
    fn add_monitor_date_on(
        &mut self,
        plan_id: i64,
        text: &str,
        today: NaiveDate,
    ) -> Result<NaiveDate> {
        let date = monitoring::parse_date(text)?;
        let version = self.results_version(plan_id).map_err(|_| {
            Error::invalid(
                "date",
                "Il piano non è ancora approvato: il monitoraggio si fa sul piano approvato dalla Giunta.",
            )
        })?;
        let plan = self.get_plan(version)?;
        monitoring::check_date(plan.first_year, plan.last_year, date, today)?;
        self.insert_monitor_date(plan_id, date)?;
        Ok(date)
    }

    fn record_monitoring(
        &mut self,
        plan_id: i64,
        date: NaiveDate,
        entries: &[(AreaId, ObjectiveId, EntryInput)],
    ) -> Result<()> {
        let current = self.monitor(plan_id, date)?;
        if current.frozen {
            return Err(Error::FrozenResults);
        }
        let version = self.results_version(plan_id)?;
        let lineage = self.lineage(version)?;
        let mut rows = Vec::with_capacity(entries.len());
        for (area_id, objective_id, input) in entries {
            let area = current.area(*area_id).ok_or(Error::NotFound {
                what: "Area",
                id: area_id.get(),
            })?;
            let row = area
                .rows
                .iter()
                .find(|r| r.objective_id == *objective_id)
                .ok_or_else(|| {
                    Error::invalid(
                        "objective",
                        format!(
                            "L'obiettivo indicato non è dell'area «{}» nel {}: aggiorna la schermata.",
                            area.name,
                            date.format("%Y")
                        ),
                    )
                })?;
            let entry = if input.is_empty() {
                None
            } else {
                Some(input.validate(row, date, current.thresholds)?)
            };
            rows.push((
                lineage.area(*area_id),
                lineage.objective(*objective_id),
                entry,
            ));
        }
        let series = current.series_id;
        self.write_monitoring(series, &[(date, rows)])
    }

    fn variation_proposals(&self, plan_id: i64) -> Result<Vec<VariationProposal>> {
        if self.results_version(plan_id).is_err() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for date in self.monitor_dates(plan_id)? {
            let m = self.monitor(plan_id, date)?;
            for a in &m.areas {
                for r in &a.rows {
                    if let Some(e) = r.entry.as_ref().filter(|e| e.action == Action::Variazione) {
                        out.push(VariationProposal {
                            date,
                            area: a.name.clone(),
                            description: r.description.clone(),
                            issues: e.issues.clone(),
                            action_text: e.action_text.clone(),
                        });
                    }
                }
            }
        }
        Ok(out)
    }

    fn deadlines(&self, plan_id: i64, today: NaiveDate) -> Result<Vec<Deadline>> {
        let plan = self.load(plan_id)?;
        let lineage = self.lineage(plan_id)?;
        let done = self.completed(plan_id)?;
        Ok(upcoming(&plan, &lineage, today, &done))
    }
}
