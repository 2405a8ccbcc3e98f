//! The "Risultati" view: the year's results per area, typed, imported and printed. Thin, like
//! the editor's commands: the rules (inputs, scores, bands, the Relazione's freeze) are the
//! core's. Every change answers with the year's results as the core computes them.

use piano::formats::files::{Document, FileType};
use piano::prelude::*;
use tauri::{AppHandle, Runtime, State};

use crate::commands::{with_store, OnYear};
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
    at: &OnYear<'_>,
    change: impl FnOnce(&mut piano::Store) -> piano::Result<()>,
) -> ApiResult<YearResults> {
    at.run(|s| {
        change(s)?;
        s.year_results(at.plan_id, at.year)
    })
}

#[tauri::command(async)]
pub fn year_results(at: OnYear<'_>) -> ApiResult<YearResults> {
    at.run(|s| s.year_results(at.plan_id, at.year))
}

/// Saves one row's result (all fields empty: clears it).
#[tauri::command(async)]
pub fn set_result(
    at: OnYear<'_>,
    area_id: AreaId,
    item: Item,
    input: ResultInput,
) -> ApiResult<YearResults> {
    changed(&at, |s| {
        s.set_result(at.plan_id, at.year, area_id, item, &input)
    })
}

/// The area's score with the percentages as typed, nothing saved: the live figure.
#[tauri::command(async)]
pub fn preview_score(
    at: OnYear<'_>,
    area_id: AreaId,
    typed: Vec<(Item, String)>,
    values: Option<Vec<(Item, piano::domain::results::TypedValues)>>,
) -> ApiResult<Preview> {
    at.run(|s| {
        let y = s.year_results(at.plan_id, at.year)?;
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
pub fn set_bands(at: OnYear<'_>, text: String) -> ApiResult<YearResults> {
    changed(&at, |s| {
        s.set_bands(at.plan_id, &piano::domain::results::band_inputs(&text))
            .map(drop)
    })
}

#[tauri::command(async)]
pub fn add_prerequisite(
    at: OnYear<'_>,
    description: String,
    indicator: String,
) -> ApiResult<YearResults> {
    changed(&at, |s| {
        s.add_prerequisite(at.plan_id, &description, &indicator)
            .map(drop)
    })
}

#[tauri::command(async)]
pub fn delete_prerequisite(at: OnYear<'_>, prerequisite_id: i64) -> ApiResult<YearResults> {
    changed(&at, |s| s.delete_prerequisite(at.plan_id, prerequisite_id))
}

#[tauri::command(async)]
pub fn approve_relazione(at: OnYear<'_>, act: ActInput) -> ApiResult<YearResults> {
    changed(&at, |s| s.approve_relazione(at.plan_id, at.year, &act))
}

#[tauri::command(async)]
pub fn revoke_relazione(at: OnYear<'_>, number: String) -> ApiResult<YearResults> {
    changed(&at, |s| s.revoke_relazione(at.plan_id, at.year, &number))
}

#[tauri::command(async)]
pub fn validate_relazione(at: OnYear<'_>, act: ActInput) -> ApiResult<YearResults> {
    changed(&at, |s| s.validate_relazione(at.plan_id, at.year, &act))
}

#[tauri::command(async)]
pub fn revoke_relazione_validation(at: OnYear<'_>, number: String) -> ApiResult<YearResults> {
    changed(&at, |s| {
        s.revoke_relazione_validation(at.plan_id, at.year, &number)
    })
}

/// Writes the sheet for the managers (the year's rows, results typed so far); answers with
/// the path, or None if cancelled.
#[tauri::command(async)]
pub fn export_results_sheet<R: Runtime>(
    app: AppHandle<R>,
    at: OnYear<'_>,
    format: String,
) -> ApiResult<Option<String>> {
    let (plan_id, year) = (at.plan_id, at.year);
    let y = at.run(|s| s.year_results(plan_id, year))?;
    let document = Document::ResultsSheet(&y);
    let stem = format!("Risultati {year} da compilare - {}", safe_name(&y.title));
    export_document(
        &app,
        at.state(),
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
    at: OnYear<'_>,
) -> ApiResult<Option<Imported>> {
    let Some((bytes, ext)) = pick_filled_sheet(&app, "Importa il foglio dei risultati compilato")?
    else {
        return Ok(None);
    };
    at.run(|s| {
        let count = s.import_results(at.plan_id, &bytes, &ext)?;
        Ok(Some(Imported {
            count,
            results: s.year_results(at.plan_id, at.year)?,
        }))
    })
}

/// Writes the results annex (PDF/A) or the publication table (CSV, Excel).
#[tauri::command(async)]
pub fn print_results<R: Runtime>(
    app: AppHandle<R>,
    at: OnYear<'_>,
    format: String,
) -> ApiResult<Option<String>> {
    let (plan_id, year) = (at.plan_id, at.year);
    let (y, plan) = at.run(|s| {
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
    save_document(&app, at.state(), "Salva i risultati", &name, document, t)
}
