//! Crash safety: a writer process makes a stream of edits through the core, printing an
//! acknowledgement after each one returns (what the UI is told); the harness kills it with
//! SIGKILL at random moments. After every kill the file must pass `PRAGMA integrity_check`
//! and hold every acknowledged edit. PIANO_CRASH_KILLS sets the number of kills (default 100).

use piano::prelude::*;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use piano::Store;

type R = Result<(), Box<dyn std::error::Error>>;

const WRITER: &str = "PIANO_CRASH_WRITER";

/// The writer: endless edits, one acknowledgement line per committed edit.
fn writer(path: &str) -> R {
    let mut store = Store::open(std::path::Path::new(path))?;
    let plan = store.list_plans()?.first().map(|p| p.id).ok_or("no plan")?;
    let full = store.load(plan)?;
    let (area, period) = (full.areas[0].id, full.periods[0].id);
    let start: usize = std::env::var("PIANO_CRASH_START")?.parse()?;
    let mut out = std::io::stdout().lock();
    let mut last_row = None;
    for i in start.. {
        if i % 3 == 2 {
            if let Some(row) = last_row {
                // Weights only grow, so a later, unacknowledged update can be told apart.
                let w = format!("{},{:02}", 1 + i / 100 % 99, i % 100);
                store.set_weight(row, &w)?;
                writeln!(out, "weight {row} {w}")?;
                out.flush()?;
                continue;
            }
        }
        let input = piano::ObjectiveInput {
            service: "PROVA".into(),
            kind: "S".into(),
            description: format!("modifica {i}"),
            expected_result: "entro il 31.12.2020".into(),
            indicator: "relazione".into(),
        };
        let row = store.add_objective(area, period, &input, "1")?;
        last_row = Some(row);
        writeln!(out, "add {i}")?;
        out.flush()?;
        if i % 7 == 0 {
            store.move_placement(row, -1)?;
            writeln!(out, "move {row}")?;
            out.flush()?;
        }
    }
    Ok(())
}

fn weight_value(text: &str) -> u32 {
    piano::Weight::parse(text).map(|w| w.0).unwrap_or(0)
}

#[test]
fn killed_at_random_moments_nothing_acknowledged_is_lost() -> R {
    if let Ok(path) = std::env::var(WRITER) {
        return writer(&path);
    }
    let kills: usize = std::env::var("PIANO_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("piano.sqlite");
    Store::open(&path)?.load_demo()?;
    let mut acked_adds: Vec<usize> = Vec::new();
    let mut acked_weights: std::collections::HashMap<i64, u32> = std::collections::HashMap::new();
    let mut next = 0usize;
    let mut seed: u64 = 0x0C0F_FEE5;
    let started = Instant::now();
    for round in 0..kills {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_millis(5 + seed % 120);
        let mut child = Command::new(std::env::current_exe()?)
            .args([
                "--exact",
                "killed_at_random_moments_nothing_acknowledged_is_lost",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(WRITER, &path)
            .env("PIANO_CRASH_START", next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("stdout")?;
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<String>>()
        });
        std::thread::sleep(delay);
        child.kill()?; // SIGKILL
        child.wait()?;
        let lines = reader.join().map_err(|_| "reader thread")?;
        for line in &lines {
            let parts: Vec<&str> = line.split_whitespace().collect();
            match parts.as_slice() {
                ["add", i] => {
                    let i: usize = i.parse()?;
                    acked_adds.push(i);
                    next = next.max(i + 1);
                }
                ["weight", row, w] => {
                    acked_weights.insert(row.parse()?, weight_value(w));
                }
                _ => {}
            }
        }
        // Whatever was cut, the file is whole and holds every acknowledged edit.
        let conn = rusqlite::Connection::open(&path)?;
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(check, "ok", "round {round}: integrity_check");
        drop(conn);
        let store = Store::open(&path)?;
        let plan = store.load(store.list_plans()?[0].id)?;
        let descriptions: std::collections::HashSet<&str> = plan
            .objectives
            .iter()
            .map(|o| o.text.description.as_str())
            .collect();
        for i in &acked_adds {
            assert!(
                descriptions.contains(format!("modifica {i}").as_str()),
                "round {round}: acknowledged edit {i} lost"
            );
        }
        for (row, w) in &acked_weights {
            let p = plan
                .placements
                .iter()
                .find(|p| p.id.get() == *row)
                .ok_or_else(|| format!("round {round}: row {row} lost"))?;
            assert!(
                p.weight.0 >= *w,
                "round {round}: row {row} has weight {} below the acknowledged {w}",
                p.weight.0
            );
        }
        // Positions stay a clean sequence in every cell.
        for area in &plan.areas {
            for period in &plan.periods {
                let pos: Vec<i64> = plan.cell(area.id, period.id).map(|p| p.position).collect();
                assert!(
                    pos.windows(2).all(|w| w[0] < w[1]),
                    "round {round}: order broken"
                );
            }
        }
        next += 1;
    }
    eprintln!(
        "crash: {kills} SIGKILLs, {} acknowledged additions and {} weight edits all present, {:.1} s",
        acked_adds.len(),
        acked_weights.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        acked_adds.len() > kills,
        "the writer made progress between kills ({})",
        acked_adds.len()
    );
    Ok(())
}
