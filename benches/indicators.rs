//! Prints figures for measurable objectives: the targets proposed from the expected results
//! of a 1,000-objective plan, and the year's results computed from measured values for 1,000
//! objectives a year × 2 indicators × 3 years. Run with `cargo bench --bench indicators`.

mod common;

use common::{median_ms as median, YEARS};

use piano::prelude::*;
use std::time::Instant;

use piano::domain::indicators::{IndicatorInput, TargetInput};
use piano::domain::results::ResultInput;
use piano::store::sample;
use piano::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Proposals: 10 areas × 50 objectives × 2 periods = 1,000 objectives.
    let mut store = Store::open_in_memory()?;
    let id = sample::generate(&mut store, 10, 50)?;
    let objectives = store.load(id)?.objectives.len();
    let mut runs = Vec::new();
    let mut found = 0;
    for _ in 0..9 {
        let t = Instant::now();
        found = store
            .proposals(id)?
            .iter()
            .map(|o| o.proposals.len())
            .sum::<usize>();
        runs.push(t.elapsed());
    }
    println!(
        "proposals, {objectives} objectives read from the database and their expected results parsed: {found} targets in {:.1} ms (median of 9)",
        median(runs)
    );
    let plan = store.load(id)?;
    let mut runs = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        std::hint::black_box(piano::domain::targets::plan_proposals(&plan, &[]));
        runs.push(t.elapsed());
    }
    println!(
        "proposals, {objectives} objectives, parsing alone: {:.2} ms (median of 15)",
        median(runs)
    );
    let t = Instant::now();
    let added = store.accept_proposals(id, None, None)?;
    println!(
        "accepting all {added} proposals (one transaction): {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    // Results from values: 10 areas × 100 objectives per period (1,000 objectives in each of
    // the 3 years), each with a deadline (from its words) and a count (target per year).
    let mut store = Store::open_in_memory()?;
    let id = common::sample_plan(&mut store, 100)?;
    store.accept_proposals(id, None, None)?;
    let plan = store.load(id)?;
    let counts: Vec<(_, IndicatorInput)> = plan
        .objectives
        .iter()
        .map(|o| {
            (
                o.id,
                IndicatorInput {
                    kind: "numero".into(),
                    unit: "pratiche".into(),
                    direction: "crescente".into(),
                    targets: YEARS
                        .iter()
                        .map(|&year| TargetInput {
                            year,
                            value: "40".into(),
                        })
                        .collect(),
                    ..Default::default()
                },
            )
        })
        .collect();
    store.add_indicators(&counts)?;
    let indicators = store.load(id)?.indicators.len();
    common::approve(&mut store, id)?;
    let start = Instant::now();
    let mut count = 0;
    for year in YEARS {
        let y = store.year_results(id, year)?;
        let mut entries = Vec::new();
        for a in &y.areas {
            for (i, r) in a.rows.iter().enumerate() {
                let values: Vec<(_, String)> = r
                    .indicators
                    .iter()
                    .map(|ind| {
                        let v = match ind.kind {
                            piano::domain::indicators::Kind::Scadenza => {
                                if i % 5 == 0 {
                                    format!("10/01/{}", year + 1)
                                } else {
                                    format!("20/12/{year}")
                                }
                            }
                            _ => (30 + i % 20).to_string(),
                        };
                        (ind.id, v)
                    })
                    .collect();
                entries.push((
                    a.area_id,
                    r.item,
                    ResultInput {
                        values,
                        note: "scostamenti dovuti a carenza di personale".into(),
                        ..Default::default()
                    },
                ));
            }
        }
        count += entries.len();
        store.set_results(id, year, &entries)?;
    }
    println!(
        "plan: {indicators} indicators; {count} results from 2 values each recorded over 3 years in {:.0} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    let mut runs = Vec::new();
    let mut checksum = 0u64;
    for _ in 0..7 {
        let t = Instant::now();
        for year in YEARS {
            let y = store.year_results(id, year)?;
            checksum += y.areas.iter().map(|a| u64::from(a.score)).sum::<u64>();
        }
        runs.push(t.elapsed());
    }
    println!(
        "results from values, 1,000 objectives × 2 indicators × 3 years, read and computed: {:.1} ms (median of 7; checksum {checksum})",
        median(runs)
    );
    let y = store.year_results(id, 2025)?;
    let a = &y.areas[0];
    let typed: Vec<_> = Vec::new();
    let values: Vec<_> = a
        .rows
        .iter()
        .map(|r| {
            (
                r.item,
                r.indicators
                    .iter()
                    .map(|i| (i.id, "35".to_string()))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let mut runs = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        std::hint::black_box(piano::domain::results::preview(
            a, &y.bands, &typed, &values, y.late,
        ));
        runs.push(t.elapsed());
    }
    println!(
        "live preview of one area ({} rows, values typed in every one): {:.3} ms (median of 15)",
        a.rows.len(),
        median(runs)
    );
    Ok(())
}
