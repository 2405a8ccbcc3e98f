//! Prints figures for monitoring during the year at 1,000 objectives (10 areas × 100 per
//! period, each with a deadline read from its words): recording every entry (the proposed
//! status computed for each), reading the monitoring back, the report for the Nucleo (PDF/A,
//! 1,000 rows) and the managers' sheet out and in. Run with `cargo bench --bench monitoring`.

mod common;

use common::median_ms as median;

use piano::prelude::*;
use std::time::Instant;

use piano::domain::ids::{AreaId, ObjectiveId};
use piano::domain::monitoring::EntryInput;
use piano::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut store = Store::open_in_memory()?;
    let id = common::sample_plan(&mut store, 100)?;
    store.accept_proposals(id, None, None)?;
    common::approve(&mut store, id)?;
    let date = store.add_monitor_date(id, "30/06/2024")?;
    let m = store.monitor(id, date)?;
    let entries: Vec<(AreaId, ObjectiveId, EntryInput)> = m
        .areas
        .iter()
        .flat_map(|a| {
            a.rows.iter().enumerate().map(move |(i, r)| {
                (
                    a.area_id,
                    r.objective_id,
                    EntryInput {
                        progress: ["55", "30", "10", "100"][i % 4].into(),
                        issues: "ritardi nella fornitura".into(),
                        ..Default::default()
                    },
                )
            })
        })
        .collect();
    let mut runs = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        store.record_monitoring(id, date, &entries)?;
        runs.push(t.elapsed());
    }
    println!(
        "monitoring, {} objectives recorded with their proposed status (one transaction): {:.0} ms (median of 5)",
        entries.len(),
        median(runs)
    );
    let mut runs = Vec::new();
    let mut m = store.monitor(id, date)?;
    for _ in 0..9 {
        let t = Instant::now();
        m = store.monitor(id, date)?;
        runs.push(t.elapsed());
    }
    println!(
        "monitoring at a date, 1,000 objectives read and computed (statuses, lights, counts): {:.1} ms (median of 9)",
        median(runs)
    );
    let mut runs = Vec::new();
    let mut size = 0;
    for _ in 0..3 {
        let t = Instant::now();
        size = piano::formats::pdf::monitoring::render(&m)?.len();
        runs.push(t.elapsed());
    }
    println!(
        "report for the Nucleo, PDF/A of 1,000 objectives: {:.0} ms, {:.2} MB (median of 3)",
        median(runs),
        size as f64 / 1e6
    );
    let t = Instant::now();
    let sheet = piano::formats::monitor_sheet::to_xlsx(&m)?;
    let out = t.elapsed();
    let t = Instant::now();
    let n = store.import_monitoring(id, &sheet, "xlsx")?;
    println!(
        "managers' sheet of 1,000 rows: written {:.0} ms, read back and recorded ({n} entries) {:.0} ms",
        out.as_secs_f64() * 1e3,
        t.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}
