//! «Il ciclo dell'anno»: the year's steps for the screen (`piano::ops::cycle`), read on
//! today's date, and the acts and deadlines recorded from it.

use tauri::State;

use piano::ops::cycle::Cycle;
use piano::prelude::*;
use piano::store::ActInput;

use crate::commands::{with_store, OnYear};
use crate::error::ApiResult;
use crate::AppState;

/// For the tests: the cycle and the deadlines read as on this ISO date (January, October,
/// June of the year after) instead of the clock's, like the save-path variables of `files.rs`.
const TODAY_ENV: &str = "PIANO_OBIETTIVI_TEST_TODAY";

pub(crate) fn today() -> chrono::NaiveDate {
    std::env::var(TODAY_ENV)
        .ok()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .unwrap_or_else(piano::ops::today)
}

/// The cycle of `year` (the plan's current year when none).
#[tauri::command(async)]
pub fn year_cycle(state: State<'_, AppState>, plan_id: i64, year: Option<i32>) -> ApiResult<Cycle> {
    with_store(&state, |s| s.cycle(plan_id, year, today()))
}

/// Records (an empty number: removes) the PIAO's adoption or the payment; the cycle again.
#[tauri::command(async)]
pub fn record_cycle_act(at: OnYear<'_>, step: String, act: ActInput) -> ApiResult<Cycle> {
    at.run(|s| {
        s.record_cycle_act(at.plan_id, at.year, &step, &act)?;
        s.cycle(at.plan_id, Some(at.year), today())
    })
}

/// Sets a step's deadline (empty: the law's default); the cycle again.
#[tauri::command(async)]
pub fn set_cycle_deadline(at: OnYear<'_>, step: String, date: String) -> ApiResult<Cycle> {
    at.run(|s| {
        s.set_cycle_deadline(at.plan_id, at.year, &step, &date)?;
        s.cycle(at.plan_id, Some(at.year), today())
    })
}
