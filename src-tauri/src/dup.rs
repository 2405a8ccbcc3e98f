//! The «Albero della performance»: the DUP's tree of the plan version on screen, its sheet in
//! and out, and an objective's link to its operational objective.

use tauri::{AppHandle, Runtime, State};

use piano::domain::dup::{self, Tree};
use piano::domain::ids::{AreaId, ObjectiveId};
use piano::formats::files::Document;
use piano::prelude::*;

use crate::commands::{edit, with_store, PlanView};
use crate::error::ApiResult;
use crate::files::{export_document, pick_filled_sheet, safe_name, save_document};
use crate::AppState;

/// The tree screen: the plan version's tree (only `mission`'s branches when given), with
/// whether the version can still be changed.
#[derive(serde::Serialize)]
pub struct TreeScreen {
    pub plan_id: i64,
    pub title: String,
    pub version: piano::store::VersionInfo,
    /// How many DUP objectives the plan has (0: no DUP yet).
    pub goals: usize,
    pub mission: Option<u8>,
    pub tree: Tree,
}

fn screen(store: &Store, plan_id: i64, mission: Option<u8>) -> piano::Result<TreeScreen> {
    let plan = store.load(plan_id)?;
    Ok(TreeScreen {
        plan_id,
        title: plan.plan.title.clone(),
        version: store.version_info(plan_id)?,
        goals: plan.dup.len(),
        mission,
        tree: dup::tree(&plan, mission),
    })
}

#[tauri::command]
pub fn dup_tree(
    state: State<'_, AppState>,
    plan_id: i64,
    mission: Option<u8>,
) -> ApiResult<TreeScreen> {
    with_store(&state, |s| screen(s, plan_id, mission))
}

/// Asks for a DUP sheet and replaces the plan version's tree with it, all or nothing; None
/// if cancelled.
#[tauri::command(async)]
pub fn import_dup_sheet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
) -> ApiResult<Option<TreeScreen>> {
    let Some((bytes, ext)) =
        pick_filled_sheet(&app, "Importa il DUP (obiettivi strategici e operativi)")?
    else {
        return Ok(None);
    };
    with_store(&state, |s| {
        s.import_dup(plan_id, &bytes, &ext)?;
        screen(s, plan_id, None).map(Some)
    })
}

/// Saves the plan version's tree as the sheet the import reads; the path, or None.
#[tauri::command(async)]
pub fn export_dup_sheet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
    format: String,
) -> ApiResult<Option<String>> {
    let plan = with_store(&state, |s| s.load(plan_id))?;
    let document = Document::DupSheet(&plan);
    let stem = format!("DUP - {}", safe_name(&plan.plan.title));
    export_document(
        &app,
        &state,
        "Salva il foglio del DUP",
        &stem,
        document,
        &format,
    )
}

/// Links objectives to an operational objective (`code` blank: unlinks them) and answers
/// with the editor's view of `area`.
#[tauri::command]
pub fn link_operational(
    state: State<'_, AppState>,
    plan_id: i64,
    objectives: Vec<ObjectiveId>,
    code: String,
    area: Option<AreaId>,
) -> ApiResult<PlanView> {
    edit(&state, plan_id, area, |s| {
        s.link_operational(plan_id, &objectives, &code)
    })
}

/// Prints the «Albero della performance» (PDF/A); the path, or None if cancelled.
#[tauri::command(async)]
pub fn print_dup_tree<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
) -> ApiResult<Option<String>> {
    let plan = with_store(&state, |s| s.load(plan_id))?;
    let document = Document::DupTree(&plan);
    let t = document.file_type("pdf")?;
    let name = format!(
        "Albero della performance - {}.pdf",
        safe_name(&plan.plan.title)
    );
    save_document(
        &app,
        &state,
        "Salva l'albero della performance",
        &name,
        document,
        t,
    )
}

/// The operational objectives an objective can be linked to, for the form's picker:
/// (code, title), in the tree's order.
#[tauri::command]
pub fn dup_choices(state: State<'_, AppState>, plan_id: i64) -> ApiResult<Vec<(String, String)>> {
    with_store(&state, |s| {
        Ok(s.load(plan_id)?
            .dup
            .into_iter()
            .filter(|g| g.level == dup::Level::Operational)
            .map(|g| (g.code, g.title))
            .collect())
    })
}
