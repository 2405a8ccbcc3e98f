//! The plan after the print: approval, withdrawal, variations, the change annex. Thin, like
//! the editor's commands: the freeze itself is the core's (database triggers).

use piano::formats::files::Document;
use piano::prelude::*;
use tauri::{AppHandle, Runtime, State};

use crate::commands::{with_store, OnPlan, PlanView};
use crate::error::ApiResult;
use crate::files::{export_document, safe_name};
use crate::AppState;
use piano::domain::ids::{AreaId, PlacementId};
use piano::domain::rules::Problem;
use piano::store::{ActInput, Owned, VersionInfo};

/// Every version of the plan, oldest first.
#[tauri::command(async)]
pub fn list_versions(state: State<'_, AppState>, plan_id: i64) -> ApiResult<Vec<VersionInfo>> {
    with_store(&state, |s| s.versions(plan_id))
}

/// The checks before approval: errors block it, warnings need a confirmation.
#[tauri::command(async)]
pub fn approval_checks(state: State<'_, AppState>, plan_id: i64) -> ApiResult<Vec<Problem>> {
    with_store(&state, |s| {
        Ok(piano::domain::approval::checks(&s.load(plan_id)?))
    })
}

/// Records the act that approves the version in preparation.
#[tauri::command(async)]
pub fn approve_plan(on: OnPlan<'_>, act: ActInput, confirm_warnings: bool) -> ApiResult<PlanView> {
    on.edit(|s| s.approve(on.plan_id, &act, confirm_warnings))
}

/// Withdraws the latest version's approval; `number` is the act's number, retyped.
#[tauri::command(async)]
pub fn revoke_approval(on: OnPlan<'_>, number: String) -> ApiResult<PlanView> {
    on.edit(|s| s.revoke_approval(on.plan_id, &number))
}

/// Starts a variation; answers with the new version's id.
#[tauri::command(async)]
pub fn vary_plan(state: State<'_, AppState>, plan_id: i64) -> ApiResult<i64> {
    with_store(&state, |s| s.vary(plan_id))
}

/// Asks where and writes the change annex of `to_version` against `from_version` (by
/// default the plan's version against the one before it), as PDF or CSV.
#[tauri::command(async)]
pub fn print_changes<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
    format: String,
) -> ApiResult<Option<String>> {
    let (plan, changes) = with_store(&state, |s| {
        let info = s.version_info(plan_id)?;
        let changes = s.changes(plan_id, None, Some(info.version))?;
        Ok((s.load(plan_id)?, changes))
    })?;
    let document = Document::Changes {
        plan: &plan,
        changes: &changes,
    };
    let stem = format!(
        "Prospetto delle variazioni - {} - versione {}",
        safe_name(&plan.plan.title),
        changes.to.version
    );
    export_document(
        &app,
        &state,
        "Salva il prospetto delle variazioni",
        &stem,
        document,
        &format,
    )
}

/// Whether the area's manager pays commercial invoices (then, from 2024, the area needs the
/// payment-timeliness objective).
#[tauri::command(async)]
pub fn set_area_pays_invoices(on: OnPlan<'_>, area_id: AreaId, pays: bool) -> ApiResult<PlanView> {
    on.edit_owned(Owned::Area(area_id), |s| s.set_pays_invoices(area_id, pays))
}

/// Marks (or unmarks) a row's objective as the payment-timeliness objective.
#[tauri::command(async)]
pub fn set_objective_timeliness(
    plan: OnPlan<'_>,
    placement_id: PlacementId,
    on: bool,
) -> ApiResult<PlanView> {
    plan.edit_owned(Owned::Placement(placement_id), |s| {
        s.set_row_timeliness(placement_id, on)
    })
}

/// Adds the standard payment-timeliness objective (30%) where it is missing.
#[tauri::command(async)]
pub fn add_timeliness_objective(on: OnPlan<'_>) -> ApiResult<PlanView> {
    on.edit(|s| s.add_timeliness_objective(on.plan_id, ""))
}

/// What a sheet would change in the plan: shown before anything is written.
#[derive(serde::Serialize)]
pub struct UpdatePreview {
    pub file_name: String,
    pub lines: Vec<String>,
}

fn sheet_rows(
    path: &std::path::Path,
    bytes: &[u8],
) -> piano::Result<Vec<piano::formats::sheet::SheetRow>> {
    use piano::formats::files::{plan_rows, PlanSource};
    Ok(plan_rows(PlanSource::of(path), bytes, None)?.1)
}

/// "Aggiorna da foglio…": asks for the sheet the areas sent back and answers with what it
/// would change in the version in preparation (nothing written yet), or None if cancelled.
#[tauri::command(async)]
pub fn preview_update_from_sheet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
) -> ApiResult<Option<UpdatePreview>> {
    with_store(&state, |s| {
        if s.version_info(plan_id)?.approved() {
            return Err(piano::Error::Frozen);
        }
        Ok(())
    })?;
    let Some(path) = crate::files::ask_open(
        &app,
        "Aggiorna il piano da un foglio",
        ("Fogli", piano::formats::files::SHEETS),
    )?
    else {
        return Ok(None);
    };
    let bytes = crate::files::read_picked(&path)?;
    let rows = sheet_rows(&path, &bytes)?;
    let changes = with_store(&state, |s| s.preview_update(plan_id, &rows, &[]))?;
    *state.pending_import.lock().map_err(|_| {
        crate::error::ApiError::new("internal", "Errore interno: riavvia il programma.")
    })? = Some((path.clone(), bytes));
    Ok(Some(UpdatePreview {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default(),
        lines: piano::domain::changes::lines(&changes),
    }))
}

/// Writes the previewed sheet into the version in preparation.
#[tauri::command(async)]
pub fn confirm_update_from_sheet(
    state: State<'_, AppState>,
    on: OnPlan<'_>,
) -> ApiResult<PlanView> {
    let pending = state
        .pending_import
        .lock()
        .map_err(|_| {
            crate::error::ApiError::new("internal", "Errore interno: riavvia il programma.")
        })?
        .take();
    let Some((path, bytes)) = pending else {
        return Err(crate::error::ApiError::new(
            "invalid",
            "Nessun foglio scelto: usa di nuovo «Aggiorna da foglio…».",
        ));
    };
    let rows = sheet_rows(&path, &bytes)?;
    on.edit(|s| s.update_from_rows(on.plan_id, &rows, &[]))
}
