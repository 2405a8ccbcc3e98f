//! The automatic copies in the app: the day's copy made in the background at start, its
//! outcome for «Informazioni» and the status line, the «Copie automatiche» dialog (list,
//! restore, second place), and the recovery offered when the database cannot be opened.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use piano::db::copies::{self, CopyInfo, Outcome};
use piano::Store;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::{ApiError, ApiResult};
use crate::AppState;

/// What the app knows of its automatic copies this session.
#[derive(Default)]
pub struct CopyState {
    /// The day's copy at start has finished (made, not needed, or failed).
    pub started: bool,
    /// The last copy made this session, if any.
    pub last: Option<CopyInfo>,
    /// Why the last copy could not be written to the second place.
    pub second_error: Option<String>,
    /// Why the last copy could not be made at all.
    pub error: Option<String>,
    /// Whether the officer was already told of the current problem.
    pub told: bool,
}

impl CopyState {
    pub fn record(&mut self, result: piano::Result<Option<Outcome>>) {
        match result {
            Ok(Some(outcome)) => {
                let problem = match &outcome.second {
                    Some(Err(why)) => Some(why.clone()),
                    _ => None,
                };
                if problem != self.second_error {
                    self.told = false;
                }
                self.second_error = problem;
                self.error = None;
                self.last = Some(outcome.copy);
            }
            Ok(None) => {}
            Err(e) => {
                self.error = Some(e.to_string());
                self.told = false;
            }
        }
    }
}

/// Makes the day's copy on its own read-only connection, off the window's start.
pub fn start_daily(state: &AppState) {
    let copies = state.copies.clone();
    let path = state.db_path.clone();
    std::thread::spawn(move || {
        let result = copies::daily_at(&path, chrono::Local::now().naive_local());
        if let Ok(mut c) = copies.lock() {
            c.record(result);
            c.started = true;
        }
    });
}

#[derive(Serialize)]
pub struct CopyStatus {
    /// The newest copy in copie/ (this session's or an earlier one).
    pub last: Option<CopyInfo>,
    pub folder: String,
    pub second_place: Option<String>,
    pub second_error: Option<String>,
    pub error: Option<String>,
    /// A problem to say in the status line: given once.
    pub notice: Option<String>,
}

/// Where the copies are and how the last one went. Waits (off the UI thread) for the day's
/// copy started with the app.
#[tauri::command(async)]
pub fn copy_status(state: State<'_, AppState>) -> ApiResult<CopyStatus> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if state.copies.lock().map(|c| c.started).unwrap_or(true) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let second_place = crate::commands::with_store(&state, |s| {
        Ok(s.second_place().map(|p| p.display().to_string()))
    })
    .unwrap_or(None);
    let last = copies::newest(&state.db_path);
    let mut c = state
        .copies
        .lock()
        .map_err(|_| ApiError::new("internal", "Errore interno: riavvia il programma."))?;
    let problem = c
        .error
        .clone()
        .map(|e| format!("Copia automatica non riuscita: {e}"))
        .or_else(|| {
            c.second_error.clone().map(|e| {
                format!("Copia automatica fatta sul computer, non nella seconda cartella: {e}")
            })
        });
    let notice = if c.told { None } else { problem };
    c.told = true;
    Ok(CopyStatus {
        last,
        folder: copies::folder(&state.db_path).display().to_string(),
        second_place,
        second_error: c.second_error.clone(),
        error: c.error.clone(),
        notice,
    })
}

/// Every automatic copy, newest first, each checked.
#[tauri::command(async)]
pub fn list_copies(state: State<'_, AppState>) -> Vec<CopyInfo> {
    copies::list(&state.db_path)
}

/// A copy from the list, by its file name only: the UI never names a path.
fn listed(state: &AppState, name: &str) -> ApiResult<CopyInfo> {
    let copy = copies::list(&state.db_path)
        .into_iter()
        .find(|c| c.name == name)
        .ok_or_else(|| {
            ApiError::new(
                "not_found",
                "Questa copia non è più nell'elenco: chiudi e riapri «Copie automatiche».",
            )
        })?;
    if !copy.good {
        return Err(ApiError::new(
            "invalid",
            copy.problem
                .clone()
                .unwrap_or_else(|| "Questa copia è danneggiata: scegline un'altra.".into()),
        ));
    }
    Ok(copy)
}

/// Restores an automatic copy, as the restore from a file does: the current content is
/// kept aside first (and among the copies).
#[tauri::command(async)]
pub fn restore_copy(state: State<'_, AppState>, name: String) -> ApiResult<CopyInfo> {
    let copy = listed(&state, &name)?;
    crate::commands::with_store(&state, |s| s.restore_from(&copy.path))?;
    Ok(copy)
}

/// Chooses the second place (a folder picker), writes the newest state there at once, and
/// answers with the folder (None if cancelled).
#[tauri::command(async)]
pub fn choose_second_place<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> ApiResult<Option<String>> {
    let dir = match std::env::var_os(crate::files::OPEN_ENV) {
        Some(p) => Some(PathBuf::from(p)),
        None => app
            .dialog()
            .file()
            .set_title("Seconda cartella per le copie automatiche")
            .blocking_pick_folder()
            .map(|p| {
                p.into_path().map_err(|_| {
                    ApiError::new(
                        "file",
                        "La cartella scelta non è una cartella locale o di rete.",
                    )
                })
            })
            .transpose()?,
    };
    let Some(dir) = dir else {
        return Ok(None);
    };
    let path = state.db_path.clone();
    let result = crate::commands::with_store(&state, |s| {
        s.set_second_place(&path, Some(&dir), chrono::Local::now().naive_local())
    })?;
    if let Ok(mut c) = state.copies.lock() {
        c.record(Ok(result));
    }
    Ok(Some(dir.display().to_string()))
}

/// Stops writing the copies to a second place.
#[tauri::command(async)]
pub fn clear_second_place(state: State<'_, AppState>) -> ApiResult<()> {
    crate::commands::with_store(&state, |s| {
        s.set_second_place(&state.db_path, None, chrono::Local::now().naive_local())
    })?;
    if let Ok(mut c) = state.copies.lock() {
        c.second_error = None;
    }
    Ok(())
}

#[derive(Serialize)]
pub struct Recovered {
    pub copy: CopyInfo,
    /// Where the damaged file was put aside.
    pub aside: Option<String>,
}

/// When the database could not be opened: puts the latest good copy (`name`, as offered) in
/// its place, the damaged file renamed aside, and opens it.
#[tauri::command(async)]
pub fn recover_database(state: State<'_, AppState>, name: String) -> ApiResult<Recovered> {
    let mut store = state
        .store
        .lock()
        .map_err(|_| ApiError::new("internal", "Errore interno: riavvia il programma."))?;
    if store.is_some() {
        return Err(ApiError::new(
            "invalid",
            "Il database si è aperto regolarmente: per tornare a una copia usa «Copie automatiche».",
        ));
    }
    let offered = state.recovery.lock().ok().and_then(|r| r.clone());
    let copy = offered.filter(|c| c.name == name).ok_or_else(|| {
        ApiError::new(
            "not_found",
            "Questa copia non è quella proposta: riavvia il programma per vedere la copia da ripristinare.",
        )
    })?;
    let aside = copies::recover(
        &state.db_path,
        &copy.path,
        chrono::Local::now().naive_local(),
    )?;
    let opened = Store::open(&state.db_path)?;
    *store = Some(opened);
    if let Ok(mut e) = state.open_error.lock() {
        *e = None;
    }
    Ok(Recovered {
        copy,
        aside: aside.map(|p| p.display().to_string()),
    })
}
