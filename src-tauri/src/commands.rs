//! The editor's commands: each takes the state, calls the core, and answers with the plan as
//! it now is, so the UI redraws from one round trip.

use piano::prelude::*;
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::ipc::{CommandArg, CommandItem, InvokeBody, InvokeError};
use tauri::{Manager, Runtime, State};

use crate::error::{ApiError, ApiResult};
use crate::AppState;
use piano::domain::ids::{AreaId, ObjectiveId, PeriodId, PlacementId};
use piano::store::{Owned, PlanSummary};
use piano::{FullPlan, NewPeriod, ObjectiveInput, PlanInput, Report, Store};

/// Runs `f` on the open database.
pub fn with_store<T>(
    state: &AppState,
    f: impl FnOnce(&mut Store) -> piano::Result<T>,
) -> ApiResult<T> {
    let mut guard = state
        .store
        .lock()
        .map_err(|_| ApiError::new("internal", "Errore interno: riavvia il programma."))?;
    match guard.as_mut() {
        Some(store) => {
            let result = f(store).map_err(ApiError::from);
            // An operation that made an automatic copy (approval, withdrawal, restore): its
            // outcome goes to «Informazioni» and the status line.
            if let Some(outcome) = store.take_last_copy() {
                if let Ok(mut c) = state.copies.lock() {
                    c.record(Ok(Some(outcome)));
                }
            }
            // The copy after an act that failed: the act is recorded, the officer is told.
            if let Some(failure) = store.take_copy_failure() {
                if let Ok(mut c) = state.copies.lock() {
                    c.record(Err(failure));
                }
            }
            result
        }
        None => Err(ApiError::new(
            "database",
            state
                .open_error
                .lock()
                .ok()
                .and_then(|e| e.clone())
                .unwrap_or_else(|| "Database non aperto.".into()),
        )),
    }
}

/// A change to one plan, answered with its view: every editing command is this. Lock the
/// store, make the change (one `Store` method or operation), read the view of `view_area`.
pub(crate) fn edit<T>(
    state: &AppState,
    plan_id: i64,
    view_area: Option<AreaId>,
    change: impl FnOnce(&mut Store) -> piano::Result<T>,
) -> ApiResult<PlanView> {
    with_store(state, |s| {
        change(s)?;
        view(s, plan_id, view_area)
    })
}

/// [`edit`] of a row the UI names by id: refused first unless the row belongs to the plan
/// on screen (a stale screen, or a hostile call, cannot touch another plan).
pub(crate) fn edit_owned<T>(
    state: &AppState,
    plan_id: i64,
    item: Owned,
    view_area: Option<AreaId>,
    change: impl FnOnce(&mut Store) -> piano::Result<T>,
) -> ApiResult<PlanView> {
    edit(state, plan_id, view_area, |s| {
        s.check_owner(plan_id, item)?;
        change(s)
    })
}

/// The plan on screen, as every editing command receives it: the open database, the plan
/// (`planId`) and the area the editor shows (`viewArea`, optional), read from the call's
/// arguments like any other argument. A command then names only what it changes, and the
/// page calls it exactly as before.
pub struct OnPlan<'a> {
    state: &'a AppState,
    pub plan_id: i64,
    view_area: Option<AreaId>,
}

impl<'de, R: Runtime> CommandArg<'de, R> for OnPlan<'de> {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        Ok(OnPlan {
            state: call_state(&command)?,
            plan_id: call_arg(&command, "planId")?,
            view_area: call_arg(&command, "viewArea")?,
        })
    }
}

/// The open database, for an argument read from the call.
fn call_state<'de, R: Runtime>(
    command: &CommandItem<'de, R>,
) -> Result<&'de AppState, InvokeError> {
    let state = command.message.webview_ref().try_state::<AppState>();
    state
        .map(|s| s.inner())
        .ok_or_else(|| bad_arg(command, "state"))
}

/// The call's argument `key` (camelCase, as the page sends it); a missing one reads as null,
/// so an `Option` may be left out.
fn call_arg<'de, R: Runtime, T: Deserialize<'de>>(
    command: &CommandItem<'de, R>,
    key: &str,
) -> Result<T, InvokeError> {
    let InvokeBody::Json(args) = command.message.payload() else {
        return Err(bad_arg(command, key));
    };
    T::deserialize(args.get(key).unwrap_or(&Value::Null)).map_err(|_| bad_arg(command, key))
}

/// Refused as Tauri refuses an argument it cannot read: the page shows its own Italian
/// message for a malformed request (api.js).
fn bad_arg<R: Runtime>(command: &CommandItem<'_, R>, key: &str) -> InvokeError {
    InvokeError::from(format!(
        "invalid args `{key}` for command `{}`",
        command.name
    ))
}

/// A year of the plan on screen, as the results', evaluation's, cycle's and charts' commands
/// receive it: the open database, the plan (`planId`) and the year (`year`), read from the call.
pub struct OnYear<'a> {
    state: &'a AppState,
    pub plan_id: i64,
    pub year: i32,
}

impl<'de, R: Runtime> CommandArg<'de, R> for OnYear<'de> {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        Ok(OnYear {
            state: call_state(&command)?,
            plan_id: call_arg(&command, "planId")?,
            year: call_arg(&command, "year")?,
        })
    }
}

impl OnYear<'_> {
    /// Runs `f` on the open database ([`with_store`]).
    pub(crate) fn run<T>(&self, f: impl FnOnce(&mut Store) -> piano::Result<T>) -> ApiResult<T> {
        with_store(self.state, f)
    }

    /// The app's state, for a command that also saves a file.
    pub(crate) fn state(&self) -> &AppState {
        self.state
    }
}

impl OnPlan<'_> {
    /// The plan's view as it is, nothing changed.
    pub(crate) fn view(&self) -> ApiResult<PlanView> {
        with_store(self.state, |s| view(s, self.plan_id, self.view_area))
    }

    /// One change to the plan, answered with its view ([`edit`]).
    pub(crate) fn edit<T>(
        &self,
        change: impl FnOnce(&mut Store) -> piano::Result<T>,
    ) -> ApiResult<PlanView> {
        edit(self.state, self.plan_id, self.view_area, change)
    }

    /// One change to a row the page names, refused unless it belongs to the plan
    /// ([`edit_owned`]).
    pub(crate) fn edit_owned<T>(
        &self,
        item: Owned,
        change: impl FnOnce(&mut Store) -> piano::Result<T>,
    ) -> ApiResult<PlanView> {
        edit_owned(self.state, self.plan_id, item, self.view_area, change)
    }
}

/// What every command that edits a plan answers with: the editor draws exactly this.
#[derive(Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct PlanView {
    /// The plan, with the rows and texts of the shown area only (`area_id`): its placements,
    /// their objectives, and those objectives' placements in other areas (a cross-cutting
    /// text's other weights). Areas, periods and the report are the whole plan's.
    pub plan: FullPlan,
    /// Every area's totals (the badges) and every problem: computed on the whole plan.
    pub report: Report,
    /// How many areas and periods each shown objective is placed in (2 or more:
    /// cross-cutting).
    pub shared: HashMap<ObjectiveId, usize>,
    /// When the change was saved, as the status bar shows it ("14:32").
    pub saved_at: String,
    /// Which version this is and whether it is approved (then the editor is read-only).
    pub version: piano::store::VersionInfo,
    /// The area whose rows the view carries: the one asked for, else the first.
    pub area_id: Option<AreaId>,
    /// Per shown objective with indicators: a line per indicator with its targets
    /// ("numero: 2020 ≥ 3 atti di liquidazione").
    pub targets: HashMap<ObjectiveId, Vec<String>>,
    /// Per shown objective: how many targets its expected result states that no indicator
    /// says yet.
    pub proposals: HashMap<ObjectiveId, usize>,
    /// How many operational objectives the plan's DUP has (the tree itself does not travel
    /// with every edit: the objective form asks for its choices, `dup_choices`).
    pub dup_operational: usize,
}

/// The plan view for the editor, showing `area` (else the first area). At 1,000 objectives
/// the whole plan's texts are ten times what one area shows: only those travel, the totals
/// and problems of every area are computed here on the whole plan.
pub(crate) fn view(store: &Store, plan_id: i64, area: Option<AreaId>) -> piano::Result<PlanView> {
    let mut plan = store.load(plan_id)?;
    let report = piano::check(&plan);
    let mut shared = plan.share_counts();
    let area_id = area
        .filter(|a| plan.areas.iter().any(|x| x.id == *a))
        .or_else(|| plan.areas.first().map(|a| a.id));
    let shown: HashSet<ObjectiveId> = plan
        .placements
        .iter()
        .filter(|p| Some(p.area_id) == area_id)
        .map(|p| p.objective_id)
        .collect();
    let proposals: HashMap<ObjectiveId, usize> =
        piano::domain::targets::proposals_where(&plan, &plan.indicators, |id| shown.contains(&id))
            .into_iter()
            .map(|(id, found)| (id, found.len()))
            .collect();
    plan.placements.retain(|p| shown.contains(&p.objective_id));
    plan.objectives.retain(|o| shown.contains(&o.id));
    plan.indicators.retain(|i| shown.contains(&i.objective_id));
    let mut targets: HashMap<ObjectiveId, Vec<String>> = HashMap::new();
    for i in &plan.indicators {
        targets
            .entry(i.objective_id)
            .or_default()
            .push(piano::domain::indicators::describe_targets(i));
    }
    shared.retain(|id, _| shown.contains(id));
    let dup_operational = plan
        .dup
        .iter()
        .filter(|g| g.level == piano::domain::dup::Level::Operational)
        .count();
    plan.dup.clear();
    Ok(PlanView {
        dup_operational,
        targets,
        proposals,
        plan,
        report,
        shared,
        saved_at: chrono::Local::now().format("%H:%M").to_string(),
        version: store.version_info(plan_id)?,
        area_id,
    })
}

/// The JSON a plan view command answers, for the benchmark's Rust figure.
pub fn view_json(store: &Store, plan_id: i64, area: Option<AreaId>) -> piano::Result<String> {
    let v = view(store, plan_id, area)?;
    Ok(serde_json::to_string(&v).unwrap_or_default())
}

#[derive(Serialize)]
pub struct AppInfo {
    /// The workspace's version: the same in `piano --version`, the installer and the PDF.
    pub version: &'static str,
    pub db_path: String,
    pub open_error: Option<String>,
    /// When the database could not be opened: the automatic copy offered in its place.
    pub recovery: Option<piano::db::copies::CopyInfo>,
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: state.db_path.display().to_string(),
        open_error: state.open_error.lock().ok().and_then(|e| e.clone()),
        recovery: state.recovery.lock().ok().and_then(|r| r.clone()),
    }
}

#[tauri::command(async)]
pub fn list_plans(state: State<'_, AppState>) -> ApiResult<Vec<PlanSummary>> {
    with_store(&state, |s| s.list_plans())
}

#[tauri::command(async)]
pub fn create_plan(
    state: State<'_, AppState>,
    input: PlanInput,
    periods: Vec<NewPeriod>,
) -> ApiResult<i64> {
    with_store(&state, |s| s.create_plan(&input, &periods))
}

#[tauri::command(async)]
pub fn update_plan(on: OnPlan<'_>, input: PlanInput) -> ApiResult<PlanView> {
    on.edit(|s| s.update_plan(on.plan_id, &input))
}

#[tauri::command(async)]
pub fn delete_plan(state: State<'_, AppState>, plan_id: i64) -> ApiResult<()> {
    with_store(&state, |s| s.delete_plan(plan_id))
}

#[tauri::command(async)]
pub fn duplicate_plan(state: State<'_, AppState>, plan_id: i64) -> ApiResult<i64> {
    with_store(&state, |s| s.duplicate_plan(plan_id))
}

#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> ApiResult<i64> {
    with_store(&state, |s| s.load_demo())
}

#[tauri::command(async)]
pub fn plan_view(on: OnPlan<'_>) -> ApiResult<PlanView> {
    on.view()
}

/// The objective form's line under the weight, as it is typed: the core reads the weight
/// and sums the period (`rules::weight_preview`), so the form holds no copy of either rule.
#[tauri::command(async)]
pub fn weight_preview(
    state: State<'_, AppState>,
    plan_id: i64,
    area_id: AreaId,
    period_id: PeriodId,
    placement_id: Option<PlacementId>,
    weight: String,
) -> ApiResult<piano::domain::rules::WeightPreview> {
    with_store(&state, |s| {
        s.check_owner(plan_id, Owned::Area(area_id))?;
        s.check_owner(plan_id, Owned::Period(period_id))?;
        let plan = s.load(plan_id)?;
        let label = plan
            .periods
            .iter()
            .find(|p| p.id == period_id)
            .map(|p| p.label.clone())
            .unwrap_or_default();
        let others = plan.cell_total(area_id, period_id, placement_id);
        Ok(piano::domain::rules::weight_preview(
            &label, others, &weight,
        ))
    })
}

#[tauri::command(async)]
pub fn add_period(on: OnPlan<'_>, period: NewPeriod) -> ApiResult<PlanView> {
    on.edit(|s| s.add_period(on.plan_id, period))
}

#[tauri::command(async)]
pub fn delete_period(on: OnPlan<'_>, period_id: PeriodId) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Period(period_id), |s| s.delete_period(period_id))
}

#[tauri::command(async)]
pub fn add_area(on: OnPlan<'_>, name: String, manager: String) -> ApiResult<PlanView> {
    on.edit(|s| s.add_area(on.plan_id, &name, &manager))
}

#[tauri::command(async)]
pub fn update_area(
    on: OnPlan<'_>,
    area_id: AreaId,
    name: String,
    manager: String,
) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Area(area_id), |s| {
        s.update_area(area_id, &name, &manager)
    })
}

#[tauri::command(async)]
pub fn move_area(on: OnPlan<'_>, area_id: AreaId, delta: i32) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Area(area_id), |s| s.move_area(area_id, delta))
}

#[tauri::command(async)]
pub fn delete_area(on: OnPlan<'_>, area_id: AreaId) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Area(area_id), |s| s.delete_area(area_id))
}

#[tauri::command(async)]
pub fn add_objective(
    on: OnPlan<'_>,
    area_id: AreaId,
    period_id: PeriodId,
    input: ObjectiveInput,
    weight: String,
) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Area(area_id), |s| {
        s.check_owner(on.plan_id, Owned::Period(period_id))?;
        s.add_objective(area_id, period_id, &input, &weight)
    })
}

#[tauri::command(async)]
pub fn update_placement(
    on: OnPlan<'_>,
    placement_id: PlacementId,
    input: ObjectiveInput,
    weight: String,
) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Placement(placement_id), |s| {
        s.update_placement(placement_id, &input, &weight)
    })
}

#[tauri::command(async)]
pub fn duplicate_placement(on: OnPlan<'_>, placement_id: PlacementId) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Placement(placement_id), |s| {
        s.duplicate_placement(placement_id)
    })
}

#[tauri::command(async)]
pub fn move_placement(
    on: OnPlan<'_>,
    placement_id: PlacementId,
    delta: i32,
) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Placement(placement_id), |s| {
        s.move_placement(placement_id, delta)
    })
}

#[tauri::command(async)]
pub fn move_placement_to(
    on: OnPlan<'_>,
    placement_id: PlacementId,
    area_id: AreaId,
    period_id: PeriodId,
) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Placement(placement_id), |s| {
        s.move_placement_to(placement_id, area_id, period_id)
    })
}

#[tauri::command(async)]
pub fn delete_placement(on: OnPlan<'_>, placement_id: PlacementId) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Placement(placement_id), |s| {
        s.delete_placement(placement_id)
    })
}

#[tauri::command(async)]
pub fn place_objective(
    on: OnPlan<'_>,
    objective_id: ObjectiveId,
    area_id: AreaId,
    period_id: PeriodId,
    weight: String,
) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Objective(objective_id), |s| {
        s.place_objective(objective_id, area_id, period_id, &weight)
    })
}

/// Makes an objective cross-cutting: places it in several areas of a period at once.
#[tauri::command(async)]
pub fn place_objective_many(
    on: OnPlan<'_>,
    objective_id: ObjectiveId,
    period_id: PeriodId,
    placements: Vec<(AreaId, String)>,
) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Objective(objective_id), |s| {
        s.place_objective_many(objective_id, period_id, &placements)
    })
}

#[tauri::command(async)]
pub fn detach_placement(on: OnPlan<'_>, placement_id: PlacementId) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Placement(placement_id), |s| {
        s.detach_placement(placement_id)
    })
}
