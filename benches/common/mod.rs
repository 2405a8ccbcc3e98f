//! Shared by the benchmarks: the generated plan they measure on.

#![allow(dead_code)]

use piano::prelude::*;
use piano::store::{sample, ActInput};
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
    let act = ActInput {
        body: String::new(),
        number: "12".into(),
        date: "2024-01-30".into(),
    };
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
