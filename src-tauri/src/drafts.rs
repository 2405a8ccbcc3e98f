//! «Documenti» and «Guida»: the drafts of the PIAO's subsection 2.2 and of the Relazione
//! (DOCX to finish, PDF/A to read), the charts the results and monitoring views show, and the
//! officer's guide.

use tauri::{AppHandle, Runtime, State};

use piano::formats::{charts, drafts};
use piano::prelude::*;

use crate::commands::{with_store, OnYear};
use crate::error::{ApiError, ApiResult};
use crate::files::{safe_name, save_as};
use crate::AppState;

/// A chart for the screen: its SVG (with its own title and text alternative) and the
/// alternative again, for a caption.
#[derive(serde::Serialize)]
pub struct ChartView {
    pub svg: String,
    pub alt: String,
}

fn view(c: &charts::Chart) -> ChartView {
    ChartView {
        svg: c.svg(),
        alt: c.alt(),
    }
}

/// Writes a draft: `kind` «piao» or «relazione» (with its year), `format` «docx» or «pdf».
/// The path, or None if cancelled.
#[tauri::command(async)]
pub fn save_draft<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
    kind: String,
    year: Option<i32>,
    format: String,
) -> ApiResult<Option<String>> {
    let doc = match (kind.as_str(), year) {
        ("piao", _) => with_store(&state, |s| s.piao_draft(plan_id))?,
        ("relazione", Some(y)) => with_store(&state, |s| s.relazione_draft(plan_id, y))?,
        _ => {
            return Err(ApiError::new(
                "invalid",
                "Scegli il documento (PIAO o Relazione) e, per la Relazione, l'anno.",
            ))
        }
    };
    let (label, ext): (&str, &str) = match format.as_str() {
        "docx" => ("Documento Word", "docx"),
        "pdf" => ("PDF/A", "pdf"),
        _ => {
            return Err(ApiError::new(
                "invalid",
                "Scegli il formato: Word (DOCX) da completare, oppure PDF da leggere.",
            ))
        }
    };
    let name = format!("Bozza - {}.{ext}", safe_name(&doc.title));
    save_as(
        &app,
        &state,
        "Salva la bozza",
        &name,
        (label, &[ext]),
        || match ext {
            "docx" => drafts::docx(&doc),
            _ => drafts::pdf(&doc),
        },
    )
}

/// The year's charts: the area scores against the bands, the distribution of achievement.
#[tauri::command]
pub fn results_charts(at: OnYear<'_>) -> ApiResult<Vec<ChartView>> {
    let y = at.run(|s| s.year_results(at.plan_id, at.year))?;
    Ok(vec![
        view(&charts::area_scores(&y)),
        view(&charts::achievement(&y)),
    ])
}

/// The monitoring lights of each area over the year's dates (the year of `date`).
#[tauri::command]
pub fn monitoring_chart(at: OnYear<'_>) -> ApiResult<ChartView> {
    let monitors = at.run(|s| {
        s.monitor_dates(at.plan_id)?
            .into_iter()
            .filter(|d| chrono::Datelike::year(d) == at.year)
            .map(|d| s.monitor(at.plan_id, d))
            .collect::<piano::Result<Vec<_>>>()
    })?;
    Ok(view(&charts::lights(&monitors)))
}

/// The guide's chapters (ui/guida/, built into the program), rendered.
#[tauri::command]
pub fn guide() -> Vec<piano::guide::Chapter> {
    piano::guide::chapters()
}
