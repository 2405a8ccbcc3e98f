//! Prints what the officer waits for, measured in the page (`performance.now`, from the click
//! or the keystroke to the changed DOM, seen by a MutationObserver), on a 1,000-objective plan
//! (10 areas × 2 periods × 50) and on the 30-row reference plan: a weight saved, a row moved,
//! an area switched, a result typed (keystroke → score) and the plan opened, p50 and p95,
//! each broken down into Rust (the command's work and the view's JSON, timed in-process),
//! the IPC round trip with the parse of the answer (from the page), the answer's size, and
//! the redraw, and the time to the next frame after the change (p95). Then the cold start, and the resident memory of the app and its WebKit
//! processes before and after 100 edits. In the app's window (WebKitGTK) by default, in
//! Chromium through the browser harness with PIANO_E2E_ENGINE=chromium. Needs the same
//! setup as the end-to-end tests. `cargo bench -p piano-obiettivi-app`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use piano::domain::ids::{AreaId, ObjectiveId};
use piano::ops::{DupLinks, Recording};

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

/// The page side of one scenario. `arguments`: [kind, n]. For each of n runs it does the
/// action, waits (MutationObserver) for the DOM to show its outcome, and reports total,
/// IPC (the last call's round trip), render (the redraw's own time when the editor drew),
/// bytes of the answer.
const SCENARIO: &str = r#"
const [kind, n] = arguments;
const done = arguments[arguments.length - 1];
const perf = window.__pianoPerf;
const q = (s) => document.querySelector(s);
const until = (pred, ms = 10000) => new Promise((resolve) => {
  if (pred()) return resolve(performance.now());
  const obs = new MutationObserver(() => { if (pred()) { obs.disconnect(); clearTimeout(timer); resolve(performance.now()); } });
  obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  const timer = setTimeout(() => { obs.disconnect(); resolve(null); }, ms);
});
const pause = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  const out = [];
  for (let k = 0; k < n; k++) {
    // One count across the scenarios, so that each value differs from the one before.
    const i = (window.__benchRun = (window.__benchRun || 0) + 1);
    let t0, t1;
    perf.render = 0;
    if (kind === 'weight') {
      q('.area section.period tbody tr .edit-objective').click();
      await until(() => q('dialog[open] #f-obj-weight'));
      const input = q('dialog[open] #f-obj-weight');
      input.value = i % 2 ? '3' : '2';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const before = q('.area section.period .period-total').textContent;
      t0 = performance.now();
      q('dialog[open] button[type=submit]').click();
      t1 = await until(() => { const b = q('.area section.period .period-total'); return b && b.textContent !== before; });
      await until(() => !q('dialog[open]'));
    } else if (kind === 'move') {
      const first = q('.area section.period tbody tr').dataset.placementId;
      t0 = performance.now();
      q('.area section.period tbody tr .row-down').click();
      t1 = await until(() => { const r = q('.area section.period tbody tr'); return r && r.dataset.placementId !== first; });
    } else if (kind === 'area') {
      const picks = document.querySelectorAll('#area-list .area-pick');
      const before = q('#area-title').textContent;
      t0 = performance.now();
      picks[i % 2 ? 0 : 1].click();
      t1 = await until(() => { const t = q('#area-title'); return t && t.textContent !== before && q('.area section.period tbody tr'); });
    } else if (kind === 'result') {
      const input = q('.results-table tbody tr .r-ach');
      const before = q('#score-box .score').textContent;
      input.focus();
      input.value = i % 2 ? '50' : '60';
      t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      t1 = await until(() => q('#score-box .score').textContent !== before);
    } else if (kind === 'tree' || kind === 'tree-whole') {
      // The «Albero della performance» from the editor's menu, until its first branches
      // show ('tree'), or until the whole tree is drawn ('tree-whole').
      q('#plan-menus [data-action=tree]').click();
      t0 = performance.now();
      t1 = kind === 'tree'
        ? await until(() => q('#tree .tree-operational'))
        : await until(() => q('#tree[aria-busy=false]'));
    } else if (kind === 'open') {
      // A plan opens on its home, the cycle of the year.
      q('#plans .open-plan').click();
      t0 = performance.now();
      t1 = await until(() => q('#cycle-steps') && !q('#topbar-plan').hidden);
    } else if (kind === 'editor') {
      // From the cycle to the editor, «Obiettivi e pesi».
      t0 = performance.now();
      q('#cycle-back').click();
      t1 = await until(() => q('.area section.period tbody tr'));
    }
    if (t1 === null) { done(`${kind}: the page did not change`); return; }
    // And the next frame: when the officer sees it.
    const t2 = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
    const last = perf.last || { ms: 0, value: null };
    out.push({ total: t1 - t0, frame: t2 - t0, ipc: last.ms, render: perf.render, bytes: JSON.stringify(last.value).length });
    if (kind === 'open') { q('#back-to-plans').click(); await until(() => q('#plans')); }
    if (kind === 'editor') { q('#plan-menus [data-action=cycle]').click(); await until(() => q('#cycle-steps')); }
    if (kind.startsWith('tree')) { q('#tree-back').click(); await until(() => q('.area section.period tbody tr')); }
    await pause(30);
  }
  done(out);
})().catch((e) => done(String(e && e.message || e)));
"#;

struct Figures {
    total: Vec<f64>,
    frame: Vec<f64>,
    ipc: Vec<f64>,
    render: Vec<f64>,
    bytes: Vec<f64>,
}

fn pct(v: &[f64], p: f64) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * p).round() as usize]
}

async fn scenario(app: &App, kind: &str, n: usize) -> R<Figures> {
    let v = app
        .client
        .execute_async(
            SCENARIO,
            vec![serde_json::json!(kind), serde_json::json!(n)],
        )
        .await?;
    let runs = v.as_array().ok_or_else(|| format!("{kind}: {v}"))?;
    let field = |k: &str| runs.iter().map(|r| r[k].as_f64().unwrap_or(0.0)).collect();
    Ok(Figures {
        total: field("total"),
        frame: field("frame"),
        ipc: field("ipc"),
        render: field("render"),
        bytes: field("bytes"),
    })
}

/// The Rust side of a command, timed in-process on a copy of the database: the edit (if
/// any) and the view's JSON.
fn rust_ms(db: &std::path::Path, plan_id: i64, area: AreaId, kind: &str, year: i32) -> R<f64> {
    let copy = tempfile::tempdir()?;
    let path = copy.path().join("copia.sqlite");
    piano::Store::open(db)?.backup_to(&path)?;
    let mut store = piano::Store::open(&path)?;
    let placement = store
        .load(plan_id)?
        .placements
        .iter()
        .find(|p| p.area_id == area)
        .map(|p| p.id)
        .ok_or("a row")?;
    let mut runs = Vec::new();
    for i in 0..21 {
        let t = Instant::now();
        match kind {
            "weight" => store.set_weight(placement, if i % 2 == 0 { "3" } else { "2" })?,
            "move" => store.move_placement(placement, if i % 2 == 0 { 1 } else { -1 })?,
            _ => {}
        }
        if kind == "result" {
            let y = store.year_results(plan_id, year)?;
            let a = y.area(area).ok_or("area")?;
            let typed: Vec<_> = a.rows.iter().map(|r| (r.item, "60".to_string())).collect();
            std::hint::black_box(piano::domain::results::preview(
                a,
                &y.bands,
                &typed,
                &[],
                y.late,
            ));
        } else if kind == "tree" {
            let plan = store.load(plan_id)?;
            std::hint::black_box(serde_json::to_string(&piano::domain::dup::tree(
                &plan, None,
            ))?);
        } else {
            std::hint::black_box(piano_app::commands::view_json(&store, plan_id, Some(area))?);
        }
        runs.push(t.elapsed().as_secs_f64() * 1e3);
    }
    Ok(pct(&runs, 0.5))
}

/// A DUP for the plan: the reference plan's small one, or for a generated plan 20 strategic
/// objectives × 10 operational (200), every objective linked round robin.
fn with_dup(store: &mut piano::Store, plan_id: i64, rows: usize) -> R {
    let csv = if rows == 30 {
        include_str!("../../tests/fixtures/dup-riferimento.csv").to_string()
    } else {
        let mut csv = String::from("Codice;Livello;Titolo;Codice padre;Missione;Programma\n");
        for s in 1..=20 {
            csv.push_str(&format!("{s};strategico;Obiettivo strategico {s};;;\n"));
            for o in 1..=10 {
                csv.push_str(&format!(
                    "{s}.{o};operativo;Obiettivo operativo {s}.{o} della linea {s};{s};01;{:02}\n",
                    1 + (o % 11)
                ));
            }
        }
        csv
    };
    store.import_dup(plan_id, csv.as_bytes(), "csv")?;
    let plan = store.load(plan_id)?;
    let codes: Vec<String> = plan
        .dup
        .iter()
        .filter(|g| g.level == piano::domain::dup::Level::Operational)
        .map(|g| g.code.clone())
        .collect();
    let links: Vec<(ObjectiveId, Option<String>)> = plan
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id, Some(codes[i % codes.len()].clone())))
        .collect();
    store.set_operational(plan_id, &links)?;
    Ok(())
}

async fn measure(label: &str, rows: usize, areas: usize, n: usize) -> R {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("piano.sqlite");
    let plan_id = {
        let mut store = piano::Store::open(&db)?;
        let id = if rows == 30 {
            // Its one weight error fixed, so that it can be approved for the results.
            drop(store);
            let id = common::ui::reference_plan_with_valid_weights(&db)?;
            store = piano::Store::open(&db)?;
            id
        } else {
            piano::store::sample::generate(&mut store, areas, rows / areas / 2)?
        };
        assert!(store.load(id)?.placements.len() >= rows, "{rows} rows");
        with_dup(&mut store, id, rows)?;
        id
    };
    let started = Instant::now();
    let app = App::start(dir.path(), &[]).await?;
    let cold = started.elapsed();
    let pid = app_pid(&db);
    let first_area = piano::Store::open(&db)?.list_areas(plan_id)?[0].id;
    // The row the weight scenario edits (the first of the first period), and its weight, put
    // back before the approval.
    let (edited, edited_weight) = {
        let plan = piano::Store::open(&db)?.load(plan_id)?;
        let p = plan
            .cell(first_area, plan.periods[0].id)
            .next()
            .ok_or("a row")?;
        (p.id, p.weight.to_italian())
    };
    let year = if rows == 30 { 2020 } else { 2024 };
    let rust = |kind: &str| rust_ms(&db, plan_id, first_area, kind, year);
    println!("\n{label}");
    println!(
        "{:<34} {:>8} {:>8} {:>9} {:>8} {:>9} {:>9} {:>10}",
        "", "p50 ms", "p95 ms", "fotog. 95", "Rust ms", "IPC ms", "disegno", "risposta"
    );
    let row = |what: &str, f: &Figures, rust: f64| {
        println!(
            "{what:<34} {:>8.1} {:>8.1} {:>9.1} {:>8.1} {:>9.1} {:>9.1} {:>8.0} KB",
            pct(&f.total, 0.5),
            pct(&f.total, 0.95),
            pct(&f.frame, 0.95),
            rust,
            pct(&f.ipc, 0.5),
            pct(&f.render, 0.5).max(pct(&f.total, 0.5) - pct(&f.ipc, 0.5)),
            pct(&f.bytes, 0.5) / 1024.0
        );
    };
    let open = scenario(&app, "open", 10).await?;
    row("apertura del piano (il ciclo)", &open, rust("open")?);
    app.click("#plans .open-plan").await?;
    app.wait_for("#cycle-steps").await?;
    let editor = scenario(&app, "editor", 10).await?;
    row("dal ciclo all'editor", &editor, rust("open")?);
    app.click("#cycle-back").await?;
    app.wait_for(".area section.period tbody tr").await?;
    let first_edit = scenario(&app, "weight", 1).await?;
    row(
        "prima modifica dopo l'apertura",
        &first_edit,
        rust("weight")?,
    );
    let weight = scenario(&app, "weight", n).await?;
    row("peso salvato → badge", &weight, rust("weight")?);
    let moved = scenario(&app, "move", n).await?;
    row("riga spostata", &moved, rust("move")?);
    let area = scenario(&app, "area", n).await?;
    row("cambio di area", &area, rust("area")?);
    let tree = scenario(&app, "tree", n).await?;
    row("albero: primi rami", &tree, rust("tree")?);
    let tree = scenario(&app, "tree-whole", n).await?;
    row("albero: disegnato tutto", &tree, rust("tree")?);
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let memory_before = pid.map(tree_rss_kb);
    // 100 edits in a row: memory must not grow.
    scenario(&app, "weight", 100).await?;
    // Memory settles once the engine has collected what the redraws left.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let memory_after = pid.map(tree_rss_kb);
    // And 100 more: what a leak would keep adding to.
    scenario(&app, "weight", 100).await?;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let memory_after_200 = pid.map(tree_rss_kb);
    {
        let mut store = piano::Store::open(&db)?;
        store.set_weight(edited, &edited_weight)?;
        for area in store.list_areas(plan_id)? {
            store.set_pays_invoices(area.id, false)?;
        }
    }
    // The results: an approved plan, a year that has started.
    common::ui::menu(&app, "approve").await?;
    app.fill("#f-act-number", "12").await?;
    let act_date = if rows == 30 {
        "15/02/2020"
    } else {
        "15/01/2024"
    };
    app.fill("#f-act-date", act_date).await?;
    if let Ok(confirm) = app.find("#f-act-confirm").await {
        let _ = confirm.select_by_label("Sì, approvo comunque").await;
    }
    app.click("dialog[open] button[type=submit]").await?;
    app.click("#banner-results").await?;
    app.wait_for(".results-table tbody tr .r-ach").await?;
    let result = scenario(&app, "result", n).await?;
    row("risultato digitato → punteggio", &result, rust("result")?);
    println!(
        "avvio a freddo fino alla finestra utilizzabile: {:.0} ms",
        cold.as_secs_f64() * 1e3
    );
    if let (Some(a), Some(b), Some(c)) = (memory_before, memory_after, memory_after_200) {
        println!(
            "memoria residente (app + processi WebKit): {:.0} MB prima, {:.0} MB dopo 100 modifiche, {:.0} MB dopo 200",
            a as f64 / 1024.0,
            b as f64 / 1024.0,
            c as f64 / 1024.0
        );
    }
    app.quit().await
}

#[tokio::main]
async fn main() -> R {
    measure("Piano di esempio (30 righe, 5 aree)", 30, 5, 20).await?;
    measure(
        "Piano di 1.000 obiettivi (10 aree × 2 periodi × 50)",
        1000,
        10,
        20,
    )
    .await
}
