//! Commands that read or write the officer's files, always through the native dialogs (or,
//! for automated tests only, paths named by environment variables, since WebDriver cannot
//! drive a native dialog).

use std::path::PathBuf;

use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::commands::with_store;
use crate::error::{ApiError, ApiResult};
use crate::AppState;

/// Test hooks: where the "save" and "open" dialogs would have pointed.
const SAVE_ENV: &str = "PIANO_OBIETTIVI_TEST_SAVE_PATH";
const OPEN_ENV: &str = "PIANO_OBIETTIVI_TEST_OPEN_PATH";

fn safe_name(title: &str) -> String {
    title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

fn ask_save(
    app: &AppHandle,
    title: &str,
    file_name: &str,
    filter: (&str, &[&str]),
) -> ApiResult<Option<PathBuf>> {
    if let Some(p) = std::env::var_os(SAVE_ENV) {
        return Ok(Some(PathBuf::from(p)));
    }
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(filter.0, filter.1)
        .blocking_save_file();
    picked
        .map(|p| {
            p.into_path()
                .map_err(|_| ApiError::new("file", "Il percorso scelto non è un file locale."))
        })
        .transpose()
}

fn ask_open(app: &AppHandle, title: &str, filter: (&str, &[&str])) -> ApiResult<Option<PathBuf>> {
    if let Some(p) = std::env::var_os(OPEN_ENV) {
        return Ok(Some(PathBuf::from(p)));
    }
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_file();
    picked
        .map(|p| {
            p.into_path()
                .map_err(|_| ApiError::new("file", "Il percorso scelto non è un file locale."))
        })
        .transpose()
}

fn remember(state: &AppState, path: &std::path::Path) {
    if let Ok(mut written) = state.written.lock() {
        written.insert(path.to_path_buf());
    }
}

/// Prints the annex: asks where, writes the PDF, answers with the path (None if cancelled).
/// An invalid plan prints only as a draft.
#[tauri::command(async)]
pub fn print_annex(
    app: AppHandle,
    state: State<'_, AppState>,
    plan_id: i64,
    draft: bool,
    page_per_area: bool,
) -> ApiResult<Option<String>> {
    let (plan, report) = with_store(&state, |s| {
        let plan = s.load(plan_id)?;
        let report = piano::check(&plan);
        Ok((plan, report))
    })?;
    if !draft && !report.is_valid() {
        return Err(ApiError::new("invalid_plan", "Il piano ha problemi di pesi: si può stampare solo come bozza. Correggi i pesi per l'allegato definitivo."));
    }
    let suffix = if draft { " - BOZZA" } else { "" };
    let name = format!("Allegato - {}{suffix}.pdf", safe_name(&plan.plan.title));
    let Some(path) = ask_save(&app, "Salva l'allegato in PDF", &name, ("PDF", &["pdf"]))? else {
        return Ok(None);
    };
    let bytes = piano::pdf::render(
        &plan,
        &report,
        &piano::pdf::Options {
            draft,
            page_per_area,
            created: None,
        },
    )?;
    piano::backup::write_atomically(&path, &bytes)?;
    remember(&state, &path);
    Ok(Some(path.display().to_string()))
}

/// Exports the plan as the flat CSV sheet.
#[tauri::command(async)]
pub fn export_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    plan_id: i64,
) -> ApiResult<Option<String>> {
    let bytes = with_store(&state, |s| piano::sheet::to_csv(&s.load(plan_id)?))?;
    let title = with_store(&state, |s| s.get_plan(plan_id))?.title;
    let Some(path) = ask_save(
        &app,
        "Esporta il piano come foglio CSV",
        &format!("{}.csv", safe_name(&title)),
        ("Foglio CSV", &["csv"]),
    )?
    else {
        return Ok(None);
    };
    piano::backup::write_atomically(&path, &bytes)?;
    remember(&state, &path);
    Ok(Some(path.display().to_string()))
}

/// Creates a plan from a CSV sheet the officer picks; answers with the new plan's id.
#[tauri::command(async)]
pub fn import_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    entity: String,
) -> ApiResult<Option<i64>> {
    let Some(path) = ask_open(
        &app,
        "Importa un piano da un foglio CSV",
        ("Foglio CSV", &["csv", "txt"]),
    )?
    else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(|e| {
        ApiError::new(
            "file",
            format!("Il file {} non si apre: {e}", path.display()),
        )
    })?;
    let options = piano::ImportOptions {
        entity,
        ..Default::default()
    };
    with_store(&state, |s| s.import_csv(&bytes, &options)).map(Some)
}

/// Opens a file this session wrote in the system's viewer.
#[tauri::command(async)]
pub fn open_file(app: AppHandle, state: State<'_, AppState>, path: String) -> ApiResult<()> {
    let path = PathBuf::from(path);
    let allowed = state
        .written
        .lock()
        .map(|w| w.contains(&path))
        .unwrap_or(false);
    if !allowed {
        return Err(ApiError::new(
            "forbidden",
            "Si possono aprire solo i file salvati in questa sessione.",
        ));
    }
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| ApiError::new("file", format!("Nessun programma ha potuto aprire il file ({e}). Aprilo dalla cartella in cui l'hai salvato.")))
}
