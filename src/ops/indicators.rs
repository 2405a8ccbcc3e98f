//! Measurable objectives: the targets an objective's expected result states, proposed and
//! accepted as indicators (one, an objective's, or all at once).

use serde::{Deserialize, Serialize};

use crate::domain::ids::ObjectiveId;
use crate::domain::model::years_cell;
use crate::domain::targets::{objective_years, plan_proposals, Proposal};
use crate::error::{Error, Result};
use crate::store::Store;

/// The proposals for one objective, with what the officer needs to recognise it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveProposals {
    pub objective_id: ObjectiveId,
    /// The areas it is placed in, in the annex's order.
    pub areas: Vec<String>,
    /// "2020" or "2021-2022" (first to last year of its periods).
    pub years: String,
    pub description: String,
    pub expected_result: String,
    pub proposals: Vec<Proposal>,
}

pub trait Measuring {
    /// The targets the plan's expected results state that no indicator states yet.
    fn proposals(&self, plan_id: i64) -> Result<Vec<ObjectiveProposals>>;
    /// Accepts proposals as indicators, all or nothing: every one (`objective` none), an
    /// objective's (`index` none), or one. Returns how many indicators were added.
    fn accept_proposals(
        &mut self,
        plan_id: i64,
        objective: Option<ObjectiveId>,
        index: Option<usize>,
    ) -> Result<usize>;
}

impl Measuring for Store {
    fn proposals(&self, plan_id: i64) -> Result<Vec<ObjectiveProposals>> {
        let plan = self.load(plan_id)?;
        let found = plan_proposals(&plan, &plan.indicators);
        Ok(found
            .into_iter()
            .filter_map(|(id, proposals)| {
                let o = plan.objective(id)?;
                let mut areas = Vec::new();
                for p in plan.placements.iter().filter(|p| p.objective_id == id) {
                    if let Some(a) = plan.areas.iter().find(|a| a.id == p.area_id) {
                        if !areas.contains(&a.name) {
                            areas.push(a.name.clone());
                        }
                    }
                }
                let years = objective_years(&plan, id);
                Some(ObjectiveProposals {
                    objective_id: id,
                    areas,
                    years: years_cell(*years.first()?, *years.last()?),
                    description: o.text.description.clone(),
                    expected_result: o.text.expected_result.clone(),
                    proposals,
                })
            })
            .collect())
    }

    fn accept_proposals(
        &mut self,
        plan_id: i64,
        objective: Option<ObjectiveId>,
        index: Option<usize>,
    ) -> Result<usize> {
        let all = self.proposals(plan_id)?;
        let mut items = Vec::new();
        for o in &all {
            if objective.is_some_and(|id| id != o.objective_id) {
                continue;
            }
            for (n, p) in o.proposals.iter().enumerate() {
                if index.is_none_or(|i| i == n) {
                    items.push((o.objective_id, p.to_input()));
                }
            }
        }
        if items.is_empty() && objective.is_some() {
            return Err(Error::invalid(
                "proposal",
                "Questa proposta non c'è più (forse è già stata accettata): aggiorna la schermata.",
            ));
        }
        self.add_indicators(&items)
    }
}
