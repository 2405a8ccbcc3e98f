//! The desktop shell: opens the database, registers the commands and starts the window. All
//! the work is in the `piano` core; the commands are glue.

pub mod commands;
mod copies;
mod cycle;
mod drafts;
mod dup;
mod error;
mod evaluation;
mod files;
mod indicators;
mod monitoring;
mod results;
mod versions;
#[cfg(test)]
mod view_types;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use piano::db::copies::CopyInfo;
use piano::{Error, Store};
use tauri::{Manager, Runtime};

/// What the commands share: the open database (or why it could not be opened), and the files
/// this session wrote, the only ones the UI may ask to open in the system's viewer.
pub struct AppState {
    pub store: Mutex<Option<Store>>,
    pub db_path: PathBuf,
    pub open_error: Mutex<Option<String>>,
    /// When the database could not be opened: the latest good automatic copy, offered.
    pub recovery: Mutex<Option<CopyInfo>>,
    /// The automatic copies of this session (the day's, and those before operations).
    pub copies: Arc<Mutex<copies::CopyState>>,
    pub written: Mutex<HashSet<PathBuf>>,
    /// The file chosen for import, held between its preview and the confirmation.
    pub pending_import: Mutex<Option<(PathBuf, Vec<u8>)>>,
}

impl AppState {
    /// Opens the database at `db_path` (or records why it cannot be opened, with the
    /// automatic copy to offer in its place) and starts the day's automatic copy.
    pub fn open(db_path: PathBuf) -> AppState {
        let (store, open_error, recovery) = match Store::open(&db_path) {
            Ok(store) => (Some(store), None, None),
            Err(e) => {
                // A damaged file: the latest good automatic copy is offered in its place.
                let recovery = match e {
                    Error::Damaged(_) => piano::db::copies::latest_good(&db_path),
                    _ => None,
                };
                let message = format!("Impossibile aprire il database {}: {e}", db_path.display());
                (None, Some(message), recovery)
            }
        };
        let opened = store.is_some();
        let state = AppState {
            store: Mutex::new(store),
            db_path,
            open_error: Mutex::new(open_error),
            recovery: Mutex::new(recovery),
            copies: Arc::new(Mutex::new(copies::CopyState::default())),
            written: Mutex::new(HashSet::new()),
            pending_import: Mutex::new(None),
        };
        if opened {
            copies::start_daily(&state);
        } else if let Ok(mut c) = state.copies.lock() {
            c.started = true;
        }
        state
    }
}

/// Every command the UI may call: the one list, used by the window and by the browser
/// harness (`tools/browser-harness`) alike.
pub fn handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        commands::app_info,
        commands::list_plans,
        commands::create_plan,
        commands::update_plan,
        commands::delete_plan,
        commands::duplicate_plan,
        commands::load_demo,
        commands::plan_view,
        commands::weight_preview,
        commands::add_period,
        commands::delete_period,
        commands::add_area,
        commands::update_area,
        commands::move_area,
        commands::delete_area,
        commands::add_objective,
        commands::update_placement,
        commands::duplicate_placement,
        commands::move_placement,
        commands::move_placement_to,
        commands::delete_placement,
        commands::place_objective,
        commands::place_objective_many,
        commands::detach_placement,
        indicators::objective_indicators,
        indicators::plan_proposals,
        indicators::add_indicator,
        indicators::update_indicator,
        indicators::delete_indicator,
        indicators::accept_proposals,
        monitoring::monitor_screen,
        monitoring::add_monitor_date,
        monitoring::delete_monitor_date,
        monitoring::set_monitor_entry,
        monitoring::propose_status,
        monitoring::set_monitor_thresholds,
        monitoring::export_monitor_sheet,
        monitoring::import_monitor_sheet,
        monitoring::print_monitor_report,
        monitoring::deadlines,
        monitoring::variation_proposals,
        evaluation::evaluation_view,
        evaluation::preview_scheda,
        evaluation::set_scheda,
        evaluation::set_evaluation_rules,
        evaluation::validate_evaluation,
        evaluation::set_payment_delay,
        evaluation::revoke_evaluation,
        evaluation::print_evaluation,
        evaluation::export_individual_sheet,
        evaluation::import_individual_sheet,
        dup::dup_tree,
        dup::import_dup_sheet,
        dup::export_dup_sheet,
        dup::link_operational,
        dup::print_dup_tree,
        dup::dup_choices,
        drafts::save_draft,
        drafts::results_charts,
        drafts::monitoring_chart,
        drafts::guide,
        cycle::year_cycle,
        cycle::record_cycle_act,
        cycle::set_cycle_deadline,
        files::print_annex,
        files::export_plan,
        files::choose_import_file,
        files::preview_import_sheet,
        files::confirm_import,
        files::roll_forward,
        files::open_file,
        files::backup_database,
        files::restore_database,
        versions::list_versions,
        versions::approval_checks,
        versions::approve_plan,
        versions::revoke_approval,
        versions::vary_plan,
        versions::print_changes,
        versions::set_area_pays_invoices,
        versions::set_objective_timeliness,
        versions::add_timeliness_objective,
        versions::preview_update_from_sheet,
        versions::confirm_update_from_sheet,
        results::result_years,
        results::year_results,
        results::set_result,
        results::preview_score,
        results::set_bands,
        results::add_prerequisite,
        results::delete_prerequisite,
        results::approve_relazione,
        results::revoke_relazione,
        results::validate_relazione,
        results::revoke_relazione_validation,
        results::export_results_sheet,
        results::import_results_sheet,
        results::print_results,
        copies::copy_status,
        copies::list_copies,
        copies::restore_copy,
        copies::choose_second_place,
        copies::clear_second_place,
        copies::recover_database,
    ]
}

/// `--db FILE` from the command line, if given.
fn db_arg() -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
}

/// Windows draws the window with Microsoft Edge WebView2: without it nothing could show,
/// not even an error page, so say it in a native message box, in Italian, and stop.
#[cfg(windows)]
fn require_webview2() {
    if tauri::webview_version().is_ok() {
        return;
    }
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("Piano Obiettivi")
        .set_description(
            "Per mostrare la sua finestra Piano Obiettivi usa Microsoft Edge WebView2 Runtime, \
             che su questo computer non risulta installato.\n\n\
             Windows 11 e Windows 10 aggiornato lo includono; altrimenti si scarica gratuitamente \
             dalla pagina «Microsoft Edge WebView2» del sito di Microsoft \
             (https://developer.microsoft.com/microsoft-edge/webview2/). \
             Se non puoi installarlo tu, chiedi all'assistenza informatica.\n\n\
             I piani salvati non sono stati toccati.",
        )
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    std::process::exit(1);
}

/// WebKitGTK only: draws the page without accelerated compositing. The editor is a document
/// of tables and forms with nothing that animates, and the compositor's threads and tile
/// buffers cost the web process about 90 MB (`cargo bench -p piano-obiettivi-app`: 485 →
/// 402 MB at start, 519 → 415 MB with a 1,000-objective plan open) with no visible
/// difference. WebView2 on Windows is not concerned.
#[cfg(target_os = "linux")]
fn no_compositing<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    let _ = window.with_webview(|webview| {
        use webkit2gtk::{SettingsExt, WebViewExt};
        if let Some(settings) = WebViewExt::settings(&webview.inner()) {
            settings
                .set_hardware_acceleration_policy(webkit2gtk::HardwareAccelerationPolicy::Never);
        }
    });
}

pub fn run() {
    #[cfg(windows)]
    require_webview2();
    let state = AppState::open(piano::db::default_path(db_arg()));
    let result = tauri::Builder::default()
        // First: a second launch hands over to the running window instead of opening the
        // same file twice (through D-Bus on Linux; without a session bus it starts normally).
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        // Remembers the window's size and position between sessions.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        // `_app`: only Linux reads it (the Windows build would warn of an unused binding).
        .setup(|_app| {
            #[cfg(target_os = "linux")]
            if let Some(window) = _app.get_webview_window("main") {
                no_compositing(&window);
            }
            Ok(())
        })
        .invoke_handler(handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Piano Obiettivi non si è potuto avviare: {e}");
        std::process::exit(1);
    }
}
