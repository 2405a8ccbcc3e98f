//! Prints figures (not a pass/fail test): validating a plan of 5,000 placements, importing and
//! exporting a 1,000-row sheet. Run with `cargo bench --bench core`.

use piano::prelude::*;
use std::time::{Duration, Instant};

use piano::formats::sheet;
use piano::store::sample;
use piano::{check, ImportOptions, Store};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(n: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..n)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut store = Store::open_in_memory()?;
    // 25 areas × 2 periods × 100 rows = 5,000 placements.
    let big = sample::generate(&mut store, 25, 100)?;
    let plan = store.load(big)?;
    assert_eq!(plan.placements.len(), 5000);
    let rules = time(50, || check(&plan));
    let load = time(20, || store.load(big));
    println!(
        "validate 5,000 placements (rules only):      {:>9.3} ms",
        rules.as_secs_f64() * 1e3
    );
    println!(
        "load + validate 5,000 placements (SQLite):   {:>9.3} ms",
        (load + rules).as_secs_f64() * 1e3
    );

    // 10 areas × 2 periods × 50 rows = 1,000 rows.
    let thousand = sample::generate(&mut store, 10, 50)?;
    let csv = sheet::to_csv(&store.load(thousand)?)?;
    let export = time(20, || {
        sheet::to_csv(&store.load(thousand).expect("load")).expect("csv")
    });
    println!(
        "export 1,000-row sheet (load + CSV):         {:>9.3} ms  ({} KB)",
        export.as_secs_f64() * 1e3,
        csv.len() / 1024
    );

    let dir = std::env::temp_dir().join(format!("piano-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut file_store = Store::open(&dir.join("bench.sqlite"))?;
    let import = time(10, || {
        file_store
            .import_csv(&csv, &ImportOptions::default())
            .expect("import")
    });
    println!(
        "import 1,000-row sheet into a file (1 tx):   {:>9.3} ms",
        import.as_secs_f64() * 1e3
    );
    let mut memory_store = Store::open_in_memory()?;
    let import_mem = time(10, || {
        memory_store
            .import_csv(&csv, &ImportOptions::default())
            .expect("import")
    });
    println!(
        "import 1,000-row sheet in memory:            {:>9.3} ms",
        import_mem.as_secs_f64() * 1e3
    );
    let edit_row = file_store.load(1)?.placements[0].id;
    let edit = time(50, || {
        file_store.set_weight(edit_row, "12,5").expect("edit")
    });
    println!(
        "one edit on a file database (fsync'd):       {:>9.3} ms",
        edit.as_secs_f64() * 1e3
    );
    drop(file_store);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
