//! Monitoring during the year, end to end: a date added, progress typed with the rule's
//! status following, a status changed by hand, the critical issues asked for, the report
//! for the Nucleo printed; the «Scadenze» panel jumping to an objective; the proposal of
//! variation listed when a variation starts. The screen is compared with the database after
//! every action, and audited for WCAG 2.1 AA.

#[macro_use]
mod common;

use common::ui::*;
use common::{App, Case, R};
use piano::domain::model::format_hundredths;
use piano::prelude::*;

/// The reference plan with its targets accepted, approved.
fn approved_with_targets(db: &std::path::Path) -> R<i64> {
    let id = reference_plan_with_valid_weights(db)?;
    let mut store = piano::Store::open(db)?;
    store.accept_proposals(id, None, None)?;
    store.approve(id, &giunta_2020(), true)?;
    Ok(id)
}

/// What the monitoring view shows for the selected area, read from the page.
const MONITOR_JS: &str = r#"
const all = (s, r = document) => [...r.querySelectorAll(s)];
const text = (e) => (e ? e.textContent.trim() : null);
const date = document.getElementById('monitor-date');
return {
  date: date ? date.value : null,
  lights: all('#monitor-area-list .area-light').map(text),
  rows: all('.monitor-table tbody tr').map((tr) => ({
    objective: Number(tr.dataset.objective),
    progress: tr.querySelector('.m-progress').value,
    status: tr.querySelector('.m-status').value,
    issues: tr.querySelector('.m-issues').value,
    hint: tr.querySelector('.m-status + .r-how').textContent,
  })),
};
"#;

/// Waits until the database differs from `before` (the row was saved).
async fn saved(app: &App, before: &str) -> R {
    let started = std::time::Instant::now();
    while app.dump()? == before {
        if started.elapsed() > std::time::Duration::from_secs(8) {
            app.screenshot("errore-monitoraggio").await?;
            let errors = app
                .js("return [...document.querySelectorAll('.row-error')].map((e) => e.textContent).join(' | ')")
                .await?;
            return Err(format!("nothing was saved; the rows say: {errors}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Ok(())
}

/// Waits until the view shows the monitoring at `date` as the database holds it.
async fn monitor_matches_db(app: &App, plan: i64, date: chrono::NaiveDate, after: &str) -> R {
    let started = std::time::Instant::now();
    loop {
        let seen = app.js(MONITOR_JS).await?;
        let m = piano::Store::open(&app.db)?.monitor(plan, date)?;
        let rows: Vec<serde_json::Value> = m.areas[0]
            .rows
            .iter()
            .map(|r| {
                let e = r.entry.as_ref();
                serde_json::json!({
                    "objective": r.objective_id,
                    "progress": e.map(|e| format_hundredths(e.progress.into())).unwrap_or_default(),
                    "status": e.filter(|e| e.overridden()).map(|e| e.status.code()).unwrap_or(""),
                    "issues": e.map(|e| e.issues.clone()).unwrap_or_default(),
                    // Drawn from Rust's answer only: the row was redrawn after the save.
                    "hint": e.map(|e| if e.overridden() {
                        format!("cambiato (proposto: {})", e.proposed.label())
                    } else {
                        format!("stato: {}", e.status.label())
                    }).unwrap_or_default(),
                })
            })
            .collect();
        let want = serde_json::json!({
            "date": date.format("%Y-%m-%d").to_string(),
            "lights": m.areas.iter().map(|a| format!("Semaforo {}", a.light)).collect::<Vec<_>>(),
            "rows": rows,
        });
        if seen == want {
            return Ok(());
        }
        if started.elapsed() > std::time::Duration::from_secs(8) {
            return Err(format!(
                "after {after}: the screen shows {seen}, the database says {want}"
            )
            .into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn monitoring_typed_in_the_window_with_the_status_following() -> R {
    let case = Case::new().await?;
    let db = case.db();
    let plan = approved_with_targets(&db)?;
    let (app, pdf) = case.start_saving("monitoraggio.pdf").await?;
    app.open_editor().await?;
    app.wait_text("#version-label", "approvata con delibera n. 12")
        .await?;
    app.click("#banner-monitoring").await?;
    app.wait_text("#monitor-empty", "Nessuna data di monitoraggio")
        .await?;
    let mut faults = Vec::new();
    audit(&app, "monitoraggio vuoto", &mut faults).await?;

    // A date that is not one, then 30/06/2020.
    app.click("#monitor-add-first").await?;
    app.fill("#f-monitor-new-date", "31/06/2020").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#f-monitor-new-date-error", "non è una data valida")
        .await?;
    app.fill("#f-monitor-new-date", "30/06/2020").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text(
        "#monitor-area-title",
        "AREA AFFARI GENERALI – al 30/06/2020",
    )
    .await?;
    let date = chrono::NaiveDate::from_ymd_opt(2020, 6, 30).ok_or("date")?;
    monitor_matches_db(&app, plan, date, "adding the date").await?;
    audit(&app, "monitoraggio", &mut faults).await?;

    // Row 2, deadline 31/12: 20% at 30/06 is 40% of the expected 49,73% → a rischio, shown
    // while typing; leaving the row without the critical issues is refused.
    let tr2 = ".monitor-table tbody tr:nth-child(2)";
    app.fill(&format!("{tr2} .m-progress"), "20").await?;
    app.wait_text(
        &format!("{tr2} .m-status + .r-how"),
        "stato proposto: a rischio",
    )
    .await?;
    app.click("#monitor-area-title").await?;
    app.wait_text(&format!("{tr2} .row-error"), "descrivi le criticità")
        .await?;
    assert!(
        piano::Store::open(&db)?.monitor(plan, date)?.areas[0].rows[1]
            .entry
            .is_none()
    );
    let before = app.dump()?;
    app.fill(&format!("{tr2} .m-issues"), "Manca il tecnico esterno")
        .await?;
    app.click("#monitor-area-title").await?;
    saved(&app, &before).await?;
    monitor_matches_db(&app, plan, date, "row 2 saved").await?;
    let m = piano::Store::open(&db)?.monitor(plan, date)?;
    assert_eq!(
        m.areas[0].rows[1].entry.as_ref().map(|e| e.status.label()),
        Some("a rischio")
    );

    // Row 1 in line at 60%; row 3 critical at 10%, changed by hand to «a rischio», with a
    // proposal of variation.
    let tr1 = ".monitor-table tbody tr:nth-child(1)";
    let before = app.dump()?;
    app.fill(&format!("{tr1} .m-progress"), "60").await?;
    app.click("#monitor-area-title").await?;
    saved(&app, &before).await?;
    monitor_matches_db(&app, plan, date, "row 1 saved").await?;
    let tr3 = ".monitor-table tbody tr:nth-child(3)";
    app.fill(&format!("{tr3} .m-progress"), "10").await?;
    app.wait_text(
        &format!("{tr3} .m-status + .r-how"),
        "stato proposto: critico",
    )
    .await?;
    app.wait_for(&format!("{tr3} .m-status"))
        .await?
        .select_by_label("a rischio")
        .await?;
    app.fill(&format!("{tr3} .m-issues"), "Software consegnato a maggio")
        .await?;
    app.wait_for(&format!("{tr3} .m-action"))
        .await?
        .select_by_label("proposta di variazione")
        .await?;
    let before = app.dump()?;
    app.fill(
        &format!("{tr3} .m-action-text"),
        "Spostare la scadenza al 30/09/2020",
    )
    .await?;
    app.click("#monitor-area-title").await?;
    saved(&app, &before).await?;
    monitor_matches_db(&app, plan, date, "row 3 saved").await?;
    let m = piano::Store::open(&db)?.monitor(plan, date)?;
    let e3 = m.areas[0].rows[2].entry.clone().ok_or("row 3")?;
    assert!(e3.overridden() && e3.proposed.label() == "critico");
    app.wait_text("#monitor-area-list", "Semaforo giallo")
        .await?;
    app.screenshot("43-monitoraggio").await?;
    audit(&app, "monitoraggio compilato", &mut faults).await?;

    // The report for the Nucleo.
    app.click("#monitor-print").await?;
    app.wait_text("#toast", "Rapporto di monitoraggio salvato")
        .await?;
    let bytes = std::fs::read(&pdf)?;
    assert!(bytes.starts_with(b"%PDF"), "a PDF");

    // Back to the plan: the deadlines, one overdue jumping to its objective.
    app.click("#monitor-back").await?;
    app.wait_for("#area-list").await?;
    app.click("#show-deadlines").await?;
    app.wait_text("#deadlines-overdue", "AREA SERVIZI SOCIALI")
        .await?;
    audit(&app, "scadenze", &mut faults).await?;
    // The earliest: Servizi Sociali's «entro il 31.01.2020», no result: its row gets focus.
    app.click("#deadlines-overdue li:first-child .deadline-jump")
        .await?;
    app.wait_text("#area-title", "AREA SERVIZI SOCIALI").await?;
    app.screen_matches_db("jumping to a deadline").await?;
    let focused = app
        .js("const tr = document.activeElement.closest('tr'); return tr ? tr.cells[3].textContent : null")
        .await?;
    assert_eq!(
        focused,
        serde_json::json!("Affidamento del servizio entro il 31.01.2020")
    );
    app.click("#area-list li:first-child .area-pick").await?;
    app.wait_text("#area-title", "AREA AFFARI GENERALI").await?;

    // «Nuova variazione» lists the proposal first.
    app.click("#start-variation").await?;
    app.wait_text("#variation-proposals", "Spostare la scadenza al 30/09/2020")
        .await?;
    audit(&app, "proposte di variazione", &mut faults).await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#version-label", "in preparazione").await?;
    app.screen_matches_db("starting the variation").await?;
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    app.quit().await
}
