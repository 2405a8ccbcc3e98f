//! Prints figures for the year's results on a generated plan of 10 areas × 100 objectives per
//! period (1,000 objectives in each of its 3 years): the scores of the 3 years (pure
//! computation, and through the database), the results annex of one year (1,000 rows) and
//! the import of a filled results sheet. Run with `cargo bench --bench results`.

mod common;

use common::{median_ms as median, YEARS};

use piano::prelude::*;
use std::time::Instant;

use piano::domain::results::Item;
use piano::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut store = Store::open_in_memory()?;
    let id = common::approved_sample(&mut store, 100)?;
    store.add_prerequisite(
        id,
        "Rispetto del codice di comportamento",
        "Nessuna sanzione",
    )?;
    let start = Instant::now();
    let mut count = 0;
    for year in YEARS {
        let entries = common::typed_results(&store.year_results(id, year)?);
        count += entries.len();
        store.set_results(id, year, &entries)?;
    }
    let typing = start.elapsed();
    let rows: usize = store
        .year_results(id, 2025)?
        .areas
        .iter()
        .map(|a| a.rows.len())
        .sum();
    println!(
        "plan: 10 areas, {rows} rows a year (objectives + prerequisite), 3 years; {count} results saved in {:.0} ms",
        typing.as_secs_f64() * 1e3
    );

    // Scores, pure: the loaded plan and the stored results in memory, 3 years.
    let plan = store.load(id)?;
    let lineage = store.lineage(id)?;
    let bands = store.bands(id)?;
    let prerequisites = store.prerequisites(id)?;
    let stored: Vec<piano::domain::results::Stored> = YEARS
        .iter()
        .map(|&year| {
            let y = store.year_results(id, year)?;
            let mut s = piano::domain::results::Stored::default();
            for a in &y.areas {
                let area_line = lineage.areas[&a.area_id];
                for r in &a.rows {
                    let e = r.result.clone().ok_or("result")?;
                    match r.item {
                        Item::Objective(o) => {
                            s.objectives.insert((area_line, lineage.objectives[&o]), e)
                        }
                        Item::Prerequisite(p) => s.prerequisites.insert((area_line, p), e),
                    };
                }
            }
            Ok(s)
        })
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    let mut runs = Vec::new();
    let mut total = 0u64;
    for _ in 0..15 {
        let t = Instant::now();
        for (year, s) in YEARS.iter().zip(&stored) {
            let ctx = piano::domain::results::Context {
                lineage: &lineage,
                stored: s,
                bands: &bands,
                prerequisites: &prerequisites,
                relazione: None,
                relazione_validation: None,
                series_id: id,
                version_label: String::new(),
                late: Default::default(),
            };
            let y = piano::domain::results::year_results(&plan, *year, &ctx);
            total += y.areas.iter().map(|a| u64::from(a.score)).sum::<u64>();
        }
        runs.push(t.elapsed());
    }
    println!(
        "scores, 1,000 objectives × 3 years, computed: {:.2} ms (median of 15; checksum {total})",
        median(runs)
    );

    // Scores through the database (what the app and `piano results` do), 3 years.
    let mut runs = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        for year in YEARS {
            store.year_results(id, year)?;
        }
        runs.push(t.elapsed());
    }
    println!(
        "scores, 1,000 objectives × 3 years, read from the database and computed: {:.1} ms (median of 7)",
        median(runs)
    );

    // The results annex of one year: 1,000 rows.
    let y = store.year_results(id, 2025)?;
    let mut runs = Vec::new();
    let mut size = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let pdf = piano::formats::pdf::results::render(&y, 2024, 2026, false)?;
        runs.push(t.elapsed());
        size = pdf.len();
    }
    println!(
        "results annex, {rows} rows: {:.0} ms (median of 3), {} KB",
        median(runs),
        size / 1024
    );

    // The filled sheet of one year imported back (1,000 rows matched by their words).
    let sheet = piano::formats::results_sheet::to_csv(&y)?;
    let mut runs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        store.import_results(id, &sheet, "csv")?;
        runs.push(t.elapsed());
    }
    println!(
        "results sheet import, {rows} rows: {:.0} ms (median of 3)",
        median(runs)
    );
    Ok(())
}
