//! Shared by the benchmarks: the generated plan they measure on.

#![allow(dead_code)]

use piano::domain::ids::AreaId;
use piano::domain::results::{Item, ResultInput, YearResults};
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

/// A result for every row of the year, as an office types them: 100%, and every fourth row
/// 87,5% with its reason.
pub fn typed_results(y: &YearResults) -> Vec<(AreaId, Item, ResultInput)> {
    let mut entries = Vec::new();
    for a in &y.areas {
        for (i, r) in a.rows.iter().enumerate() {
            let pct = if i % 4 == 0 { "87,5" } else { "100" };
            let input = ResultInput {
                value: format!("valore raggiunto {i}"),
                achievement: pct.into(),
                note: if pct == "100" {
                    String::new()
                } else {
                    "ritardi".into()
                },
                values: Vec::new(),
            };
            entries.push((a.area_id, r.item, input));
        }
    }
    entries
}
