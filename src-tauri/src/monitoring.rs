//! The «Monitoraggio» view: the monitoring dates of the approved plan, per area the traffic
//! light and the objectives' progress, status, issues and action, typed and imported; the
//! report for the Nucleo; the editor's «Scadenze» panel and the proposals of variation. Thin:
//! the rules are the core's.

use chrono::NaiveDate;
use piano::domain::monitoring::{self, Deadline, EntryInput, Monitor};
use piano::formats::files::Document;
use piano::ops::monitoring::VariationProposal;
use piano::prelude::*;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::commands::with_store;
use crate::error::ApiResult;
use crate::files::{export_document, pick_filled_sheet, safe_name};
use crate::AppState;
use piano::domain::ids::{AreaId, ObjectiveId};

/// The view: every monitoring date, and the one shown.
#[derive(Serialize)]
pub struct MonitorScreen {
    pub dates: Vec<NaiveDate>,
    pub monitor: Option<Monitor>,
}

fn screen(s: &piano::Store, plan_id: i64, date: Option<NaiveDate>) -> piano::Result<MonitorScreen> {
    s.results_version(plan_id)?;
    let dates = s.monitor_dates(plan_id)?;
    let date = date.filter(|d| dates.contains(d)).or(dates.last().copied());
    Ok(MonitorScreen {
        monitor: match date {
            Some(d) => Some(s.monitor(plan_id, d)?),
            None => None,
        },
        dates,
    })
}

fn date_of(text: &str) -> piano::Result<NaiveDate> {
    monitoring::parse_date(text)
}

#[tauri::command(async)]
pub fn monitor_screen(
    state: State<'_, AppState>,
    plan_id: i64,
    date: Option<String>,
) -> ApiResult<MonitorScreen> {
    with_store(&state, |s| {
        let date = date.as_deref().map(date_of).transpose()?;
        screen(s, plan_id, date)
    })
}

#[tauri::command(async)]
pub fn add_monitor_date(
    state: State<'_, AppState>,
    plan_id: i64,
    date: String,
) -> ApiResult<MonitorScreen> {
    with_store(&state, |s| {
        let d = s.add_monitor_date(plan_id, &date)?;
        screen(s, plan_id, Some(d))
    })
}

#[tauri::command(async)]
pub fn delete_monitor_date(
    state: State<'_, AppState>,
    plan_id: i64,
    date: String,
) -> ApiResult<MonitorScreen> {
    with_store(&state, |s| {
        s.delete_monitor_date(plan_id, date_of(&date)?)?;
        screen(s, plan_id, None)
    })
}

#[tauri::command(async)]
pub fn set_monitor_entry(
    state: State<'_, AppState>,
    plan_id: i64,
    date: String,
    area_id: AreaId,
    objective_id: ObjectiveId,
    input: EntryInput,
) -> ApiResult<MonitorScreen> {
    with_store(&state, |s| {
        let d = date_of(&date)?;
        s.record_monitoring(plan_id, d, &[(area_id, objective_id, input)])?;
        screen(s, plan_id, Some(d))
    })
}

/// The status the rule proposes for a progress being typed, nothing saved.
#[tauri::command(async)]
pub fn propose_status(
    state: State<'_, AppState>,
    plan_id: i64,
    date: String,
    area_id: AreaId,
    objective_id: ObjectiveId,
    progress: String,
) -> ApiResult<String> {
    with_store(&state, |s| {
        let d = date_of(&date)?;
        let m = s.monitor(plan_id, d)?;
        let row = m
            .area(area_id)
            .and_then(|a| a.rows.iter().find(|r| r.objective_id == objective_id))
            .ok_or(piano::Error::NotFound {
                what: "Obiettivo",
                id: objective_id.get(),
            })?;
        let progress = monitoring::parse_progress(&progress)?;
        let done: Vec<piano::domain::ids::IndicatorId> = row
            .entry
            .as_ref()
            .map(|e| e.values.iter().map(|(l, _)| *l).collect())
            .unwrap_or_default();
        Ok(
            monitoring::propose_for(row, progress, d, &done, m.thresholds)
                .label()
                .to_string(),
        )
    })
}

#[tauri::command(async)]
pub fn set_monitor_thresholds(
    state: State<'_, AppState>,
    plan_id: i64,
    date: Option<String>,
    text: String,
) -> ApiResult<MonitorScreen> {
    with_store(&state, |s| {
        s.set_monitor_thresholds(plan_id, &text)?;
        let date = date.as_deref().map(date_of).transpose()?;
        screen(s, plan_id, date)
    })
}

#[tauri::command(async)]
pub fn export_monitor_sheet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
    date: String,
    format: String,
) -> ApiResult<Option<String>> {
    let m = with_store(&state, |s| s.monitor(plan_id, date_of(&date)?))?;
    let title = "Salva il foglio del monitoraggio";
    let stem = stem(&m, " da compilare");
    export_document(
        &app,
        &state,
        title,
        &stem,
        Document::MonitorSheet(&m),
        &format,
    )
}

/// A monitoring file's name: «Monitoraggio al 30-06-2020`what` - the plan's title».
fn stem(m: &Monitor, what: &str) -> String {
    let date = m.date.format("%d-%m-%Y");
    format!("Monitoraggio al {date}{what} - {}", safe_name(&m.title))
}

#[derive(Serialize)]
pub struct ImportedMonitoring {
    pub count: usize,
    pub screen: MonitorScreen,
}

#[tauri::command(async)]
pub fn import_monitor_sheet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
    date: Option<String>,
) -> ApiResult<Option<ImportedMonitoring>> {
    let Some((bytes, ext)) =
        pick_filled_sheet(&app, "Importa il foglio del monitoraggio compilato")?
    else {
        return Ok(None);
    };
    with_store(&state, |s| {
        let count = s.import_monitoring(plan_id, &bytes, &ext)?;
        let date = date.as_deref().map(date_of).transpose()?;
        Ok(Some(ImportedMonitoring {
            count,
            screen: screen(s, plan_id, date)?,
        }))
    })
}

#[tauri::command(async)]
pub fn print_monitor_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
    date: String,
    format: String,
) -> ApiResult<Option<String>> {
    let m = with_store(&state, |s| s.monitor(plan_id, date_of(&date)?))?;
    let title = "Salva il rapporto di monitoraggio";
    let stem = stem(&m, "");
    export_document(
        &app,
        &state,
        title,
        &stem,
        Document::MonitorReport(&m),
        &format,
    )
}

/// The editor's «Scadenze»: the version's deadlines of the next 30 days and those passed
/// without completion.
#[tauri::command(async)]
pub fn deadlines(state: State<'_, AppState>, plan_id: i64) -> ApiResult<Vec<Deadline>> {
    with_store(&state, |s| s.deadlines(plan_id, crate::cycle::today()))
}

/// The proposals of variation made at the monitoring dates, for «Nuova variazione».
#[tauri::command(async)]
pub fn variation_proposals(
    state: State<'_, AppState>,
    plan_id: i64,
) -> ApiResult<Vec<VariationProposal>> {
    with_store(&state, |s| s.variation_proposals(plan_id))
}
