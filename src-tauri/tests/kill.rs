//! Crash safety of the real app: edits are sent from the page, each one acknowledged when its
//! command resolves; the app's process is killed with SIGKILL at a random moment. After every
//! kill the file passes `PRAGMA integrity_check` and holds every acknowledged edit.
//! PIANO_APP_KILLS sets the number of kills (default 10; the full run is 100).

mod common;

use piano::prelude::*;
use std::time::{Duration, Instant};

use common::{app_pid, App, R, SERIAL};
use serde_json::json;

const EDIT: &str = r#"
const [args] = arguments;
const done = arguments[arguments.length - 1];
window.__TAURI__.core.invoke('add_objective', args).then(() => done('ok'), (e) => done('err ' + JSON.stringify(e)));
"#;

#[tokio::test(flavor = "multi_thread")]
async fn the_app_killed_during_edits_keeps_every_acknowledged_edit() -> R {
    let _serial = SERIAL.lock().await;
    let kills: usize = std::env::var("PIANO_APP_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("piano.sqlite");
    let (plan, area, period) = {
        let mut store = piano::Store::open(&db)?;
        let plan = store.load_demo()?;
        let full = store.load(plan)?;
        (plan, full.areas[0].id, full.periods[0].id)
    };
    let mut acked: Vec<usize> = Vec::new();
    let mut next = 0usize;
    let mut seed: u64 = 0xDEAD_BEEF;
    let started = Instant::now();
    for round in 0..kills {
        let app = App::start(dir.path(), &[]).await?;
        let pid = app_pid(&db).ok_or("the app's process")?;
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_millis(100 + seed % 900);
        let killer = tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        });
        loop {
            let args = json!({
                "planId": plan, "areaId": area, "periodId": period, "weight": "1",
                "input": { "service": "PROVA", "kind": "S", "description": format!("modifica {next}"), "expected_result": "entro il 31.12.2020", "indicator": "relazione" }
            });
            match app.client.execute_async(EDIT, vec![args]).await {
                Ok(v) if v == json!("ok") => {
                    acked.push(next);
                    next += 1;
                }
                _ => {
                    next += 1;
                    break;
                }
            }
        }
        killer.await?;
        let _ = app.quit().await;
        let store = piano::Store::open(&db)?;
        let check: String = store
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(check, "ok", "round {round}");
        let full = store.load(plan)?;
        let texts: std::collections::HashSet<&str> = full
            .objectives
            .iter()
            .map(|o| o.text.description.as_str())
            .collect();
        for i in &acked {
            assert!(
                texts.contains(format!("modifica {i}").as_str()),
                "round {round}: acknowledged edit {i} lost"
            );
        }
    }
    eprintln!(
        "app kills: {kills} SIGKILLs of the real app, {} acknowledged edits all present, {:.1} s",
        acked.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        acked.len() >= kills,
        "edits were acknowledged between kills ({})",
        acked.len()
    );
    Ok(())
}
