//! Prints figures for the desktop app with a 1,000-objective plan: cold start to a usable
//! window, the round trip of the editor's commands (open the plan, edit one objective,
//! reorder) measured from the page, and the resident memory of the app and its WebKit
//! processes. Needs the same setup as the end-to-end tests. `cargo bench -p piano-obiettivi-app`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use common::{app_pid, App, R};

/// Resident memory (kB) of a process and all its descendants.
fn tree_rss_kb(root: u32) -> u64 {
    let mut total = 0;
    let mut stack = vec![root];
    let procs: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let pid: u32 = e.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let ppid = stat
                .rsplit(')')
                .next()?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some((pid, ppid))
        })
        .collect();
    while let Some(pid) = stack.pop() {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            total += status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
                .unwrap_or(0);
        }
        stack.extend(
            procs
                .iter()
                .filter(|(_, ppid)| *ppid == pid)
                .map(|(p, _)| *p),
        );
    }
    total
}

const ROUND_TRIP: &str = r#"
const [cmd, args, n] = arguments;
const done = arguments[arguments.length - 1];
(async () => {
  const times = [];
  for (let i = 0; i < n; i++) {
    const a = JSON.parse(JSON.stringify(args).replaceAll('"$I"', String(i % 2 ? -1 : 1)));
    const t = performance.now();
    await window.__TAURI__.core.invoke(cmd, a);
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  done([times[Math.floor(n / 2)], times[n - 1]]);
})().catch((e) => done(String(e.message || e)));
"#;

#[tokio::main]
async fn main() -> R {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("piano.sqlite");
    let (plan_id, placement, objective) = {
        let mut store = piano::Store::open(&db)?;
        let id = piano::ops::sample::generate(&mut store, 10, 50)?;
        let plan = store.load(id)?;
        assert_eq!(plan.placements.len(), 1000);
        let p = &plan.placements[10];
        let o = plan.objective(p.objective_id).ok_or("objective")?;
        (id, p.id, o.text.clone())
    };

    let started = Instant::now();
    let app = App::start(dir.path(), &[]).await?;
    let cold = started.elapsed();
    let pid = app_pid(&db);

    let opened = Instant::now();
    app.click("#plans .open-plan").await?;
    app.wait_for("#area-list").await?;
    let open_ui = opened.elapsed();

    let input = serde_json::json!({ "service": objective.service, "kind": "S", "description": objective.description, "expected_result": objective.expected_result, "indicator": objective.indicator });
    let cases = [
        (
            "apri il piano (plan_view)",
            "plan_view",
            serde_json::json!({ "planId": plan_id }),
        ),
        (
            "modifica un obiettivo",
            "update_placement",
            serde_json::json!({ "planId": plan_id, "placementId": placement, "input": input, "weight": "2" }),
        ),
        (
            "sposta una riga",
            "move_placement",
            serde_json::json!({ "planId": plan_id, "placementId": placement, "delta": "$I" }),
        ),
    ];
    println!("Piano di 1.000 obiettivi (10 aree × 2 periodi × 50)");
    println!("avvio a freddo fino alla finestra utilizzabile: {:>8.0} ms (include l'avvio di WebKitWebDriver)", cold.as_secs_f64() * 1e3);
    println!(
        "apertura del piano nell'interfaccia (clic → tabelle): {:>6.0} ms",
        open_ui.as_secs_f64() * 1e3
    );
    for (label, cmd, args) in cases {
        // "$I" in the arguments becomes +1 / -1 alternately (reorder down, then up again).
        let v = app
            .client
            .execute_async(
                ROUND_TRIP,
                vec![serde_json::json!(cmd), args, serde_json::json!(30)],
            )
            .await?;
        match v.as_array() {
            Some(a) => println!(
                "{label:<28} mediana {:>7.2} ms   massimo {:>7.2} ms (30 chiamate)",
                a[0].as_f64().unwrap_or(0.0),
                a[1].as_f64().unwrap_or(0.0)
            ),
            None => println!("{label:<28} errore: {v}"),
        }
    }
    match pid {
        Some(pid) => println!(
            "memoria residente (app + processi WebKit): {:>6.0} MB",
            tree_rss_kb(pid) as f64 / 1024.0
        ),
        None => println!("memoria residente: processo dell'app non trovato"),
    }
    app.quit().await
}
