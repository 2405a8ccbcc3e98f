//! The "Risultati" view: the year's results per area, typed, imported and printed. Thin, like
//! the editor's commands: the rules (inputs, scores, bands, the Relazione's freeze) are the
//! core's. Every change answers with the year's results as the core computes them.

use piano::formats::files::{Document, FileType};
use piano::prelude::*;
use tauri::{AppHandle, Runtime, State};

use crate::commands::with_store;
use crate::error::ApiResult;
use crate::files::{export_document, pick_filled_sheet, safe_name, save_document};
use crate::AppState;
use piano::domain::ids::AreaId;
use piano::domain::results::{Item, Preview, ResultInput, YearResults};
use piano::store::ActInput;

/// A year results can be entered for (it has started), and whether its Relazione is
/// approved.
#[derive(serde::Serialize)]
pub struct ResultYear {
    pub year: i32,
    pub closed: bool,
}

#[tauri::command(async)]
pub fn result_years(state: State<'_, AppState>, plan_id: i64) -> ApiResult<Vec<ResultYear>> {
    with_store(&state, |s| {
        let version = s.results_version(plan_id)?;
        let closed = s.closed_years(version)?;
        Ok(s.result_years(version)?
            .into_iter()
            .map(|year| ResultYear {
                year,
                closed: closed.contains(&year),
            })
            .collect())
    })
}

/// Runs a change, then answers with the year's results as they now are.
fn changed(
    state: &AppState,
    plan_id: i64,
    year: i32,
    change: impl FnOnce(&mut piano::Store) -> piano::Result<()>,
) -> ApiResult<YearResults> {
    with_store(state, |s| {
        change(s)?;
        s.year_results(plan_id, year)
    })
}

#[tauri::command(async)]
pub fn year_results(state: State<'_, AppState>, plan_id: i64, year: i32) -> ApiResult<YearResults> {
    with_store(&state, |s| s.year_results(plan_id, year))
}

/// Saves one row's result (all fields empty: clears it).
#[tauri::command(async)]
pub fn set_result(
    state: State<'_, AppState>,
    plan_id: i64,
    year: i32,
    area_id: AreaId,
    item: Item,
    input: ResultInput,
) -> ApiResult<YearResults> {
    changed(&state, plan_id, year, |s| {
        s.set_result(plan_id, year, area_id, item, &input)
    })
}

/// The area's score with the percentages as typed, nothing saved: the live figure.
#[tauri::command(async)]
pub fn preview_score(
    state: State<'_, AppState>,
    plan_id: i64,
    year: i32,
    area_id: AreaId,
    typed: Vec<(Item, String)>,
    values: Option<Vec<(Item, piano::domain::results::TypedValues)>>,
) -> ApiResult<Preview> {
    with_store(&state, |s| {
        let y = s.year_results(plan_id, year)?;
        let area = y.area(area_id).ok_or(piano::Error::NotFound {
            what: "Area",
            id: area_id.get(),
        })?;
        Ok(piano::domain::results::preview(
            area,
            &y.bands,
            &typed,
            &values.unwrap_or_default(),
            y.late,
        ))
    })
}

#[tauri::command(async)]
/// Replaces the bands, written one per line as "60: proporzionale" (the core reads them).
pub fn set_bands(
    state: State<'_, AppState>,
    plan_id: i64,
    year: i32,
    text: String,
) -> ApiResult<YearResults> {
    changed(&state, plan_id, year, |s| {
        s.set_bands(plan_id, &piano::domain::results::band_inputs(&text))
            .map(drop)
    })
}

#[tauri::command(async)]
pub fn add_prerequisite(
    state: State<'_, AppState>,
    plan_id: i64,
    year: i32,
    description: String,
    indicator: String,
) -> ApiResult<YearResults> {
    changed(&state, plan_id, year, |s| {
        s.add_prerequisite(plan_id, &description, &indicator)
            .map(drop)
    })
}

#[tauri::command(async)]
pub fn delete_prerequisite(
    state: State<'_, AppState>,
    plan_id: i64,
    year: i32,
    prerequisite_id: i64,
) -> ApiResult<YearResults> {
    changed(&state, plan_id, year, |s| {
        s.delete_prerequisite(plan_id, prerequisite_id)
    })
}

#[tauri::command(async)]
pub fn approve_relazione(
    state: State<'_, AppState>,
    plan_id: i64,
    year: i32,
    act: ActInput,
) -> ApiResult<YearResults> {
    changed(&state, plan_id, year, |s| {
        s.approve_relazione(plan_id, year, &act)
    })
}

#[tauri::command(async)]
pub fn revoke_relazione(
    state: State<'_, AppState>,
    plan_id: i64,
    year: i32,
    number: String,
) -> ApiResult<YearResults> {
    changed(&state, plan_id, year, |s| {
        s.revoke_relazione(plan_id, year, &number)
    })
}

#[tauri::command(async)]
pub fn validate_relazione(
    state: State<'_, AppState>,
    plan_id: i64,
    year: i32,
    act: ActInput,
) -> ApiResult<YearResults> {
    changed(&state, plan_id, year, |s| {
        s.validate_relazione(plan_id, year, &act)
    })
}

#[tauri::command(async)]
pub fn revoke_relazione_validation(
    state: State<'_, AppState>,
    plan_id: i64,
    year: i32,
    number: String,
) -> ApiResult<YearResults> {
    changed(&state, plan_id, year, |s| {
        s.revoke_relazione_validation(plan_id, year, &number)
    })
}

/// Writes the sheet for the managers (the year's rows, results typed so far); answers with
/// the path, or None if cancelled.
#[tauri::command(async)]
pub fn export_results_sheet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
    year: i32,
    format: String,
) -> ApiResult<Option<String>> {
    let y = with_store(&state, |s| s.year_results(plan_id, year))?;
    let document = Document::ResultsSheet(&y);
    let stem = format!("Risultati {year} da compilare - {}", safe_name(&y.title));
    export_document(
        &app,
        &state,
        "Salva il foglio dei risultati",
        &stem,
        document,
        &format,
    )
}

/// What an import did.
#[derive(serde::Serialize)]
pub struct Imported {
    pub count: usize,
    pub results: YearResults,
}

/// Asks for a filled sheet and imports it, all or nothing; None if cancelled.
#[tauri::command(async)]
pub fn import_results_sheet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
    year: i32,
) -> ApiResult<Option<Imported>> {
    let Some((bytes, ext)) = pick_filled_sheet(&app, "Importa il foglio dei risultati compilato")?
    else {
        return Ok(None);
    };
    with_store(&state, |s| {
        let count = s.import_results(plan_id, &bytes, &ext)?;
        Ok(Some(Imported {
            count,
            results: s.year_results(plan_id, year)?,
        }))
    })
}

/// Writes the results annex (PDF/A) or the publication table (CSV, Excel).
#[tauri::command(async)]
pub fn print_results<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
    year: i32,
    format: String,
) -> ApiResult<Option<String>> {
    let (y, plan) = with_store(&state, |s| {
        let y = s.results_report(plan_id, year)?;
        let plan = s.get_plan(y.plan_id)?;
        Ok((y, plan))
    })?;
    let document = Document::ResultsReport {
        results: &y,
        years: (plan.first_year, plan.last_year),
        draft: false,
    };
    let t = document.file_type(&format)?;
    let ext = t.extension();
    let name = if t == FileType::Pdf {
        format!("Allegato risultati {year} - {}.pdf", safe_name(&y.title))
    } else {
        format!(
            "Risultati {year} per la pubblicazione - {}.{ext}",
            safe_name(&y.title)
        )
    };
    save_document(&app, &state, "Salva i risultati", &name, document, t)
}
