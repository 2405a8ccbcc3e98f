//! Shared by the benchmarks: the generated plan they measure on.

#![allow(dead_code)]

use std::time::Duration;

use piano::prelude::*;
use piano::store::sample;
use piano::Store;

/// A generated plan of 10 areas × `per_area` objectives per period, no area paying invoices
/// (no timeliness objective to add); its id.
pub fn sample_plan(store: &mut Store, per_area: usize) -> piano::Result<i64> {
    let id = sample::generate(store, 10, per_area)?;
    for area in store.list_areas(id)? {
        store.set_pays_invoices(area.id, false)?;
    }
    Ok(id)
}

/// Approves the plan with the Giunta's delibera n. 12 of 30/01/2024.
pub fn approve(store: &mut Store, id: i64) -> piano::Result<()> {
    let act = piano_testkit::act("12", "2024-01-30");
    store.approve(id, &act, true)
}

/// [`sample_plan`], approved on 30/01/2024; its id.
pub fn approved_sample(store: &mut Store, per_area: usize) -> piano::Result<i64> {
    let id = sample_plan(store, per_area)?;
    approve(store, id)?;
    Ok(id)
}

#[allow(unused_imports)]
pub use piano_testkit::typed_results;

/// The years of the generated plan (2024-2026).
pub const YEARS: [i32; 3] = [2024, 2025, 2026];

/// The median of timed runs, in milliseconds: what each benchmark prints.
pub fn median_ms(mut runs: Vec<Duration>) -> f64 {
    runs.sort();
    runs[runs.len() / 2].as_secs_f64() * 1e3
}
