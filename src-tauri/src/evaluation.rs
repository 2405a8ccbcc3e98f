//! The «Valutazione» view: each manager's scheda for a year, from the results; the score and
//! amount follow the typing; the rules, the validation, the prints. Thin: the core decides.

use piano::domain::evaluation::{Evaluation, RulesInput, SchedaInput};
use piano::domain::pay::DelayInput;
use piano::formats::files::Document;
use piano::ops::evaluation::AssignmentInput;
use piano::prelude::*;
use tauri::{AppHandle, Runtime};

use crate::commands::OnYear;
use crate::error::{ApiError, ApiResult};
use crate::files::{export_document, pick_filled_sheet, safe_name, save_document};

#[tauri::command(async)]
pub fn evaluation_view(at: OnYear<'_>) -> ApiResult<Evaluation> {
    at.run(|s| s.evaluation(at.plan_id, at.year))
}

#[tauri::command(async)]
pub fn preview_scheda(
    at: OnYear<'_>,
    manager: String,
    input: SchedaInput,
) -> ApiResult<Evaluation> {
    at.run(|s| s.preview_scheda(at.plan_id, at.year, &manager, &input))
}

#[tauri::command(async)]
pub fn set_scheda(at: OnYear<'_>, manager: String, input: SchedaInput) -> ApiResult<Evaluation> {
    at.run(|s| s.set_scheda(at.plan_id, at.year, &manager, &input))
}

#[tauri::command(async)]
pub fn set_evaluation_rules(at: OnYear<'_>, input: RulesInput) -> ApiResult<Evaluation> {
    at.run(|s| s.set_evaluation_rules(at.plan_id, at.year, &input))
}

#[tauri::command(async)]
pub fn set_payment_delay(at: OnYear<'_>, input: DelayInput) -> ApiResult<Evaluation> {
    at.run(|s| s.set_payment_delay(at.plan_id, at.year, &input))
}

#[tauri::command(async)]
pub fn validate_evaluation(at: OnYear<'_>, acts: AssignmentInput) -> ApiResult<Evaluation> {
    at.run(|s| s.validate_evaluation(at.plan_id, at.year, &acts))
}

#[tauri::command(async)]
pub fn revoke_evaluation(at: OnYear<'_>, number: String) -> ApiResult<Evaluation> {
    at.run(|s| s.revoke_evaluation(at.plan_id, at.year, &number))
}

/// Writes the schede di assegnazione or di valutazione (PDF), the summary for the liquidation act (PDF, Excel) or the
/// aggregate table for publication (CSV, Excel).
#[tauri::command(async)]
pub fn print_evaluation<R: Runtime>(
    app: AppHandle<R>,
    at: OnYear<'_>,
    what: String,
    manager: Option<String>,
) -> ApiResult<Option<String>> {
    let (plan_id, year) = (at.plan_id, at.year);
    let (e, y) = at.run(|s| s.assignment(plan_id, year))?;
    // One manager's scheda di assegnazione, or everyone's.
    let e = match &manager {
        Some(m) => e.only(m)?,
        None => e,
    };
    let title = safe_name(&e.title);
    use piano::formats::files::FileType::{Csv, Pdf, Xlsx};
    let (name, document, t) = match what.as_str() {
        "assignment" => (
            match &manager {
                Some(m) => format!("Scheda di assegnazione {year} - {} - {title}", safe_name(m)),
                None => format!("Schede di assegnazione {year} - {title}"),
            },
            Document::Assignment {
                evaluation: &e,
                results: &y,
            },
            Pdf,
        ),
        "schede" => (
            format!("Schede di valutazione {year} - {title}"),
            Document::Schede(&e),
            Pdf,
        ),
        "summary-pdf" | "summary-xlsx" => (
            format!("Retribuzione di risultato {year} - {title}"),
            Document::EvaluationSummary(&e),
            if what == "summary-pdf" { Pdf } else { Xlsx },
        ),
        "publish-csv" | "publish-xlsx" => (
            format!("Premi {year} dati aggregati - {title}"),
            Document::EvaluationPublication(&e),
            if what == "publish-csv" { Csv } else { Xlsx },
        ),
        _ => return Err(ApiError::new("invalid", "Stampa non prevista.")),
    };
    let name = format!("{name}.{}", t.extension());
    save_document(&app, at.state(), "Salva", &name, document, t)
}

/// Writes the managers' sheet of individual objectives ('xlsx' or 'csv'); the path, or None
/// if cancelled.
#[tauri::command(async)]
pub fn export_individual_sheet<R: Runtime>(
    app: AppHandle<R>,
    at: OnYear<'_>,
    format: String,
) -> ApiResult<Option<String>> {
    let (plan_id, year) = (at.plan_id, at.year);
    let e = at.run(|s| s.evaluation(plan_id, year))?;
    let document = Document::IndividualSheet(&e);
    let stem = format!(
        "Obiettivi individuali {year} da compilare - {}",
        safe_name(&e.title)
    );
    export_document(
        &app,
        at.state(),
        "Salva il foglio degli obiettivi individuali",
        &stem,
        document,
        &format,
    )
}

/// What an import of the individual objectives did.
#[derive(serde::Serialize)]
pub struct ImportedIndividuals {
    pub count: usize,
    pub evaluation: Evaluation,
}

/// Asks for the filled sheet of individual objectives and imports it, all or nothing; None
/// if cancelled.
#[tauri::command(async)]
pub fn import_individual_sheet<R: Runtime>(
    app: AppHandle<R>,
    at: OnYear<'_>,
) -> ApiResult<Option<ImportedIndividuals>> {
    let Some((bytes, ext)) = pick_filled_sheet(
        &app,
        "Importa il foglio degli obiettivi individuali compilato",
    )?
    else {
        return Ok(None);
    };
    at.run(|s| {
        let count = s.import_individuals(at.plan_id, at.year, &bytes, &ext)?;
        Ok(Some(ImportedIndividuals {
            count,
            evaluation: s.evaluation(at.plan_id, at.year)?,
        }))
    })
}
