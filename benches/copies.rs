//! Prints what the automatic copies cost at start: the day's copy (VACUUM INTO, integrity
//! check, schema read, rotation) of a database holding a 1,000-objective plan (10 areas × 2
//! periods × 50), two versions of it and a year of results, and the listing «Copie
//! automatiche» shows (every copy checked) with 20 copies. Median of 7. Run with
//! `cargo bench --bench copies`.

mod common;

use common::median_ms as median;

use piano::prelude::*;
use std::time::Instant;

use piano::db::copies::{self, Reason};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("piano.sqlite");
    let mut store = Store::open(&db)?;
    let id = common::approved_sample(&mut store, 50)?;
    store.vary(id)?;
    let objectives = store.load(id)?.placements.len();
    let size = std::fs::metadata(&db)?.len()
        + std::fs::metadata(db.with_extension("sqlite-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    let mut runs = Vec::new();
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 5)
        .ok_or("date")?
        .and_hms_opt(9, 0, 0)
        .ok_or("time")?;
    for day in 0..7 {
        let now = start + chrono::Days::new(day);
        let t = Instant::now();
        copies::daily(store.conn(), &db, now)?.ok_or("a copy a day")?;
        runs.push(t.elapsed());
    }
    let copy_size = copies::list(&db)[0].size;
    println!(
        "the day's copy at start, {objectives} objectives in each of 2 versions ({} KB on disk, copy {} KB): {:.1} ms (median of 7)",
        size / 1024,
        copy_size / 1024,
        median(runs)
    );
    for i in 0..13 {
        copies::make(
            store.conn(),
            &db,
            Reason::Approval,
            start + chrono::Duration::minutes(i),
        )?;
    }
    let mut runs = Vec::new();
    let mut n = 0;
    for _ in 0..7 {
        let t = Instant::now();
        n = copies::list(&db).len();
        runs.push(t.elapsed());
    }
    println!(
        "listing {n} copies, each checked: {:.1} ms (median of 7)",
        median(runs)
    );
    Ok(())
}
