//! Shared by the core's integration tests.

#![allow(dead_code)]

use piano::Store;

pub type R<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The placement id of the first row of AREA SERVIZI SOCIALI – ANNO 2021 E 2022 in the demo:
/// the cell whose weights add up to 90.
pub fn social_services_first_row(store: &Store, plan_id: i64) -> R<i64> {
    let plan = store.load(plan_id)?;
    let area = plan
        .areas
        .iter()
        .find(|a| a.name == "AREA SERVIZI SOCIALI")
        .ok_or("area")?;
    let period = plan
        .periods
        .iter()
        .find(|p| p.label == "ANNO 2021 E 2022")
        .ok_or("period")?;
    let row = plan.cell(area.id, period.id).next().ok_or("row")?.id;
    Ok(row)
}

/// Fixes the demo's one weight problem: that row from 30 to 40, so the cell reaches 100.
pub fn fix_demo_weights(store: &mut Store, plan_id: i64) -> R {
    let row = social_services_first_row(store, plan_id)?;
    store.set_weight(row, "40")?;
    Ok(())
}
