//! Shared by the benchmarks: the generated plan they measure on.

use piano::prelude::*;
use piano::store::{sample, ActInput};
use piano::Store;

/// A generated plan of 10 areas × `per_area` objectives per period, no area paying invoices
/// (no timeliness objective to add), approved on 30/01/2024; its id.
pub fn approved_sample(store: &mut Store, per_area: usize) -> piano::Result<i64> {
    let id = sample::generate(store, 10, per_area)?;
    for area in store.list_areas(id)? {
        store.set_pays_invoices(area.id, false)?;
    }
    store.approve(
        id,
        &ActInput {
            body: String::new(),
            number: "12".into(),
            date: "2024-01-30".into(),
        },
        true,
    )?;
    Ok(id)
}
