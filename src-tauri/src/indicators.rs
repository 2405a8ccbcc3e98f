//! Measurable objectives in the editor: an objective's indicators and targets, and the
//! targets its expected result states, proposed for the officer to accept. Every change
//! answers with the plan view, like the editor's other commands.

use piano::domain::indicators::{describe_targets, IndicatorInput};
use piano::ops::indicators::ObjectiveProposals;
use piano::prelude::*;
use piano::store::Owned;
use serde::Serialize;
use tauri::State;

use crate::commands::{with_store, OnPlan, PlanView};
use crate::error::ApiResult;
use crate::AppState;
use piano::domain::ids::{IndicatorId, ObjectiveId};

/// One indicator as the dialog shows and edits it: the fields as text, and a summary.
#[derive(Serialize)]
pub struct IndicatorRow {
    pub id: IndicatorId,
    pub input: IndicatorInput,
    /// "numero: 2020 ≥ 3 atti di liquidazione".
    pub summary: String,
}

/// A proposal as the dialog lists it.
#[derive(Serialize)]
pub struct ProposalRow {
    pub index: usize,
    pub summary: String,
    /// The words it was read from.
    pub words: String,
}

/// Everything the indicators dialog of one objective needs.
#[derive(Serialize)]
pub struct ObjectiveIndicators {
    pub objective_id: ObjectiveId,
    pub description: String,
    pub expected_result: String,
    /// The plan's years: one target field each.
    pub years: Vec<i32>,
    pub indicators: Vec<IndicatorRow>,
    pub proposals: Vec<ProposalRow>,
    /// The version is approved: nothing can be changed.
    pub frozen: bool,
}

#[tauri::command(async)]
pub fn objective_indicators(
    state: State<'_, AppState>,
    plan_id: i64,
    objective_id: ObjectiveId,
) -> ApiResult<ObjectiveIndicators> {
    with_store(&state, |s| {
        s.check_owner(plan_id, Owned::Objective(objective_id))?;
        let plan = s.load(plan_id)?;
        let o = plan.objective(objective_id).ok_or(piano::Error::NotFound {
            what: "Obiettivo",
            id: objective_id.get(),
        })?;
        let proposals = s
            .proposals(plan_id)?
            .into_iter()
            .find(|p| p.objective_id == objective_id)
            .map(|p| p.proposals)
            .unwrap_or_default();
        Ok(ObjectiveIndicators {
            objective_id,
            description: o.text.description.clone(),
            expected_result: o.text.expected_result.clone(),
            years: (plan.plan.first_year..=plan.plan.last_year).collect(),
            indicators: plan
                .indicators_of(objective_id)
                .map(|i| IndicatorRow {
                    id: i.id,
                    input: i.to_input(),
                    summary: describe_targets(i),
                })
                .collect(),
            proposals: proposals
                .iter()
                .enumerate()
                .map(|(index, p)| ProposalRow {
                    index,
                    summary: p.describe(),
                    words: p.words.clone(),
                })
                .collect(),
            frozen: s.version_info(plan_id)?.approved(),
        })
    })
}

/// The targets proposed for the whole plan (the «Target proposti dal testo» dialog).
#[derive(Serialize)]
pub struct PlanProposal {
    pub objective_id: ObjectiveId,
    pub areas: String,
    pub years: String,
    pub description: String,
    pub proposals: Vec<ProposalRow>,
}

#[tauri::command(async)]
pub fn plan_proposals(state: State<'_, AppState>, plan_id: i64) -> ApiResult<Vec<PlanProposal>> {
    with_store(&state, |s| {
        Ok(s.proposals(plan_id)?
            .into_iter()
            .map(|o: ObjectiveProposals| PlanProposal {
                objective_id: o.objective_id,
                areas: o.areas.join(", "),
                years: o.years,
                description: o.description,
                proposals: o
                    .proposals
                    .iter()
                    .enumerate()
                    .map(|(index, p)| ProposalRow {
                        index,
                        summary: p.describe(),
                        words: p.words.clone(),
                    })
                    .collect(),
            })
            .collect())
    })
}

#[tauri::command(async)]
pub fn add_indicator(
    on: OnPlan<'_>,
    objective_id: ObjectiveId,
    input: IndicatorInput,
) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Objective(objective_id), |s| {
        s.add_indicator(objective_id, &input)
    })
}

#[tauri::command(async)]
pub fn update_indicator(
    on: OnPlan<'_>,
    indicator_id: IndicatorId,
    input: IndicatorInput,
) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Indicator(indicator_id), |s| {
        s.update_indicator(indicator_id, &input)
    })
}

#[tauri::command(async)]
pub fn delete_indicator(on: OnPlan<'_>, indicator_id: IndicatorId) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Indicator(indicator_id), |s| {
        s.delete_indicator(indicator_id)
    })
}

/// Accepts proposals as indicators: every one of the plan (`objective_id` none), an
/// objective's (`index` none), or one.
#[tauri::command(async)]
pub fn accept_proposals(
    on: OnPlan<'_>,
    objective_id: Option<ObjectiveId>,
    index: Option<usize>,
) -> ApiResult<PlanView> {
    on.edit(|s| {
        if let Some(o) = objective_id {
            s.check_owner(on.plan_id, Owned::Objective(o))?;
        }
        s.accept_proposals(on.plan_id, objective_id, index)
    })
}
