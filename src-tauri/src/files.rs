//! Commands that read or write the officer's files, always through the native dialogs (or,
//! for automated tests only, paths named by environment variables, since WebDriver cannot
//! drive a native dialog).

use piano::formats::files::{json_preview, plan_rows, PlanFormat, PlanSource};
use piano::prelude::*;
use std::path::PathBuf;

use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::commands::with_store;
use crate::error::{ApiError, ApiResult};
use crate::AppState;

/// Test hooks: where the "save" and "open" dialogs would have pointed.
const SAVE_ENV: &str = "PIANO_OBIETTIVI_TEST_SAVE_PATH";
/// The browser harness's: a folder where each file is saved under the name the dialog
/// would have proposed.
const SAVE_DIR_ENV: &str = "PIANO_OBIETTIVI_TEST_SAVE_DIR";
pub(crate) const OPEN_ENV: &str = "PIANO_OBIETTIVI_TEST_OPEN_PATH";

pub(crate) fn safe_name(title: &str) -> String {
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

pub(crate) fn ask_save<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    file_name: &str,
    filter: (&str, &[&str]),
) -> ApiResult<Option<PathBuf>> {
    if let Some(p) = std::env::var_os(SAVE_ENV) {
        return Ok(Some(PathBuf::from(p)));
    }
    if let Some(dir) = std::env::var_os(SAVE_DIR_ENV) {
        return Ok(Some(PathBuf::from(dir).join(file_name)));
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

pub(crate) fn ask_open<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    filter: (&str, &[&str]),
) -> ApiResult<Option<PathBuf>> {
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

/// Asks where to save `file_name`, writes what `bytes` makes (only once a place is chosen),
/// and answers with the path (None if cancelled). The file is one the session may open.
pub(crate) fn save_as<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    title: &str,
    file_name: &str,
    filter: (&str, &[&str]),
    bytes: impl FnOnce() -> piano::Result<Vec<u8>>,
) -> ApiResult<Option<String>> {
    let Some(path) = ask_save(app, title, file_name, filter)? else {
        return Ok(None);
    };
    piano::db::backup::write_atomically(&path, &bytes()?)?;
    remember(state, &path);
    Ok(Some(path.display().to_string()))
}

/// Asks where, then writes `document` as `t`: the dialog's filter is the type's.
pub(crate) fn save_document<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    title: &str,
    file_name: &str,
    document: piano::formats::files::Document<'_>,
    t: piano::formats::files::FileType,
) -> ApiResult<Option<String>> {
    save_as(
        app,
        state,
        title,
        file_name,
        (t.label(), &[t.extension()]),
        || document.write(t),
    )
}

/// Saves `document` in the format the officer chose (`format`: "pdf", "xlsx", "csv"…) as
/// `stem` with that format's extension; the path, or None if cancelled.
pub(crate) fn export_document<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    title: &str,
    stem: &str,
    document: piano::formats::files::Document<'_>,
    format: &str,
) -> ApiResult<Option<String>> {
    let t = document.file_type(format)?;
    let name = format!("{stem}.{}", t.extension());
    save_document(app, state, title, &name, document, t)
}

/// The bytes of a file the officer picked, or why it does not open.
pub(crate) fn read_picked(path: &std::path::Path) -> ApiResult<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        ApiError::new(
            "file",
            format!("Il file {} non si apre: {e}", path.display()),
        )
    })
}

/// Asks for a filled sheet (CSV, or a workbook) and reads it: its bytes and its extension,
/// lower case. None if cancelled.
pub(crate) fn pick_filled_sheet<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
) -> ApiResult<Option<(Vec<u8>, String)>> {
    let Some(path) = ask_open(app, title, ("Fogli", piano::formats::files::SHEETS))? else {
        return Ok(None);
    };
    let bytes = read_picked(&path)?;
    Ok(Some((bytes, piano::formats::files::extension(&path))))
}

pub(crate) fn remember(state: &AppState, path: &std::path::Path) {
    if let Ok(mut written) = state.written.lock() {
        written.insert(path.to_path_buf());
    }
}

/// Prints the annex: asks where, writes the PDF, answers with the path (None if cancelled).
/// An invalid plan prints only as a draft.
#[tauri::command(async)]
pub fn print_annex<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
    draft: bool,
    page_per_area: bool,
    targets: Option<bool>,
    dup: Option<bool>,
) -> ApiResult<Option<String>> {
    let targets = targets.unwrap_or(false);
    let dup = dup.unwrap_or(false);
    let (plan, report) = with_store(&state, |s| {
        let plan = s.load(plan_id)?;
        let report = piano::check(&plan);
        Ok((plan, report))
    })?;
    if !draft && !report.is_valid() {
        return Err(ApiError::new("invalid_plan", "Il piano ha problemi di pesi: si può stampare solo come bozza. Correggi i pesi per l'allegato definitivo."));
    }
    let suffix = match (draft, targets, dup) {
        (true, _, _) => " - BOZZA",
        (false, true, _) => " - con i target",
        (false, false, true) => " - con il DUP",
        _ => "",
    };
    let name = format!("Allegato - {}{suffix}.pdf", safe_name(&plan.plan.title));
    let Some(path) = ask_save(&app, "Salva l'allegato in PDF", &name, ("PDF", &["pdf"]))? else {
        return Ok(None);
    };
    let bytes = piano::formats::pdf::render(
        &plan,
        &report,
        &piano::formats::pdf::Options {
            draft,
            page_per_area,
            created: None,
            targets,
            dup,
        },
    )?;
    piano::db::backup::write_atomically(&path, &bytes)?;
    remember(&state, &path);
    Ok(Some(path.display().to_string()))
}

/// Exports the plan: "csv" (flat sheet), "xlsx" (laid out like the annex) or "json" (backup).
#[tauri::command(async)]
pub fn export_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan_id: i64,
    format: String,
) -> ApiResult<Option<String>> {
    let format = PlanFormat::named(&format)?;
    let (bytes, title) = with_store(&state, |s| {
        let plan = s.load(plan_id)?;
        Ok((format.write(&plan)?, plan.plan.title))
    })?;
    let (label, ext) = (format.label(), format.extension());
    let Some(path) = ask_save(
        &app,
        "Esporta il piano",
        &format!("{}.{ext}", safe_name(&title)),
        (label, &[ext]),
    )?
    else {
        return Ok(None);
    };
    piano::db::backup::write_atomically(&path, &bytes)?;
    remember(&state, &path);
    Ok(Some(path.display().to_string()))
}

/// What the import dialog shows before anything is written.
#[derive(serde::Serialize)]
pub struct ImportView {
    pub file_name: String,
    /// Sheets of a workbook (empty for CSV and JSON).
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub preview: Option<piano::formats::import::Preview>,
    /// Why the file cannot be imported as it is, in Italian.
    pub error: Option<String>,
    /// Every problem of a refused sheet, one line each ("riga 6, colonna «Peso»: …"): the
    /// dialog lists them all.
    pub problems: Vec<String>,
    pub json: bool,
}

/// The checked rows of the pending file (not JSON).
fn pending_rows(
    path: &std::path::Path,
    bytes: &[u8],
    sheet: Option<&str>,
) -> piano::Result<(Option<String>, Vec<piano::formats::sheet::SheetRow>)> {
    plan_rows(PlanSource::of(path), bytes, sheet)
}

fn import_view(path: &std::path::Path, bytes: &[u8], sheet: Option<&str>) -> ImportView {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if PlanSource::of(path) == PlanSource::Json {
        let (preview, error) = match piano::formats::json::from_json(bytes) {
            Ok(plan) => (Some(json_preview(&plan)), None),
            Err(e) => (None, Some(e.to_string())),
        };
        return ImportView {
            file_name,
            sheets: Vec::new(),
            sheet: None,
            preview,
            error,
            problems: Vec::new(),
            json: true,
        };
    }
    let sheets = if PlanSource::of(path) == PlanSource::Text {
        Vec::new()
    } else {
        piano::formats::workbook::sheet_names(bytes).unwrap_or_default()
    };
    match pending_rows(path, bytes, sheet) {
        Ok((name, rows)) => ImportView {
            file_name,
            sheets,
            sheet: name,
            preview: Some(piano::formats::import::preview(&rows)),
            error: None,
            problems: Vec::new(),
            json: false,
        },
        Err(e) => ImportView {
            file_name,
            sheets,
            sheet: sheet.map(str::to_string),
            preview: None,
            error: Some(match &e {
                piano::Error::SheetProblems(all) => format!(
                    "Il foglio ha {} problemi da correggere: nulla è stato importato. Correggili tutti nel file e importalo di nuovo.",
                    all.len()
                ),
                other => other.to_string(),
            }),
            problems: match &e {
                piano::Error::SheetProblems(_) => e.problems(),
                _ => Vec::new(),
            },
            json: false,
        },
    }
}

/// Asks for a file to import (.csv, .xlsx, .xls, .ods, .json) and answers with its preview;
/// nothing is written. None if cancelled.
#[tauri::command(async)]
pub fn choose_import_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> ApiResult<Option<ImportView>> {
    let Some(path) = ask_open(
        &app,
        "Importa un piano",
        ("Fogli e copie del piano", piano::formats::files::PLAN_FILES),
    )?
    else {
        return Ok(None);
    };
    let bytes = read_picked(&path)?;
    let view = import_view(&path, &bytes, None);
    *state
        .pending_import
        .lock()
        .map_err(|_| ApiError::new("internal", "Errore interno: riavvia il programma."))? =
        Some((path, bytes));
    Ok(Some(view))
}

/// The preview of another sheet of the chosen workbook.
#[tauri::command(async)]
pub fn preview_import_sheet(state: State<'_, AppState>, sheet: String) -> ApiResult<ImportView> {
    let guard = state
        .pending_import
        .lock()
        .map_err(|_| ApiError::new("internal", "Errore interno: riavvia il programma."))?;
    let (path, bytes) = guard
        .as_ref()
        .ok_or_else(|| ApiError::new("file", "Scegli di nuovo il file da importare."))?;
    Ok(import_view(path, bytes, Some(&sheet)))
}

/// Imports the chosen file as a new plan; near copies listed in `merge_lines` are merged.
#[tauri::command(async)]
pub fn confirm_import(
    state: State<'_, AppState>,
    sheet: Option<String>,
    entity: String,
    title: String,
    merge_lines: Vec<u64>,
) -> ApiResult<i64> {
    let pending = state
        .pending_import
        .lock()
        .map_err(|_| ApiError::new("internal", "Errore interno: riavvia il programma."))?
        .take();
    let (path, bytes) =
        pending.ok_or_else(|| ApiError::new("file", "Scegli di nuovo il file da importare."))?;
    if PlanSource::of(&path) == PlanSource::Json {
        return with_store(&state, |s| s.import_json(&bytes));
    }
    let rows = pending_rows(&path, &bytes, sheet.as_deref())
        .map(|(_, rows)| rows)
        .map_err(ApiError::from)?;
    let options = piano::ImportOptions {
        entity,
        title,
        approval: String::new(),
        merge_lines,
    };
    with_store(&state, |s| s.import_rows(&rows, &options))
}

/// Rolls a plan forward to a new triennium; `mapping` says where each old period goes.
#[tauri::command(async)]
pub fn roll_forward(
    state: State<'_, AppState>,
    plan_id: i64,
    first_year: i32,
    mapping: Vec<piano::ops::copy::PeriodMap>,
) -> ApiResult<i64> {
    with_store(&state, |s| {
        // A new triennium starts from the latest approved version; the mapping names the
        // periods of the version shown, matched to the source's by their years.
        let source = s.roll_source(plan_id)?;
        let mapping = if source == plan_id {
            mapping
        } else {
            let shown = s.list_periods(plan_id)?;
            let from = s.list_periods(source)?;
            mapping
                .into_iter()
                .filter_map(|m| {
                    let p = shown.iter().find(|p| p.id == m.old_period_id)?;
                    let q = from
                        .iter()
                        .find(|q| (q.first_year, q.last_year) == (p.first_year, p.last_year))?;
                    Some(piano::ops::copy::PeriodMap {
                        old_period_id: q.id,
                        new: m.new,
                    })
                })
                .collect()
        };
        s.roll_forward(source, first_year, Some(&mapping))
    })
}

/// Writes a backup copy of the whole database where the officer chooses.
#[tauri::command(async)]
pub fn backup_database<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> ApiResult<Option<String>> {
    let name = format!(
        "Piano Obiettivi - copia del {}.sqlite",
        chrono::Local::now().format("%Y-%m-%d")
    );
    let Some(path) = ask_save(
        &app,
        "Copia di sicurezza",
        &name,
        ("Copia di sicurezza", &["sqlite"]),
    )?
    else {
        return Ok(None);
    };
    with_store(&state, |s| s.backup_to(&path))?;
    Ok(Some(path.display().to_string()))
}

/// Replaces the database's content with a backup the officer picks, after checking it; the
/// current content is first kept beside the database file.
#[tauri::command(async)]
pub fn restore_database<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> ApiResult<Option<String>> {
    let Some(path) = ask_open(
        &app,
        "Ripristina una copia di sicurezza",
        ("Copia di sicurezza", &["sqlite", "db"]),
    )?
    else {
        return Ok(None);
    };
    with_store(&state, |s| s.restore_from(&path))?;
    Ok(Some(path.display().to_string()))
}

/// Opens a file this session wrote in the system's viewer.
#[tauri::command(async)]
pub fn open_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> ApiResult<()> {
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
