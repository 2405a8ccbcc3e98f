//! «Documenti» end to end (issue 30): on the approved reference plan with its 2020 results
//! and a monitoring date, the results' charts and the monitoring lights open by keyboard with
//! their text alternatives (the numbers the database gives), axe finds nothing on them, and
//! both drafts are saved from the menu as DOCX and PDF.

#[macro_use]
mod common;

use common::ui::*;
use common::{Case, R};
use piano::domain::results::score_text;
use piano::prelude::*;

/// The reference plan approved, every 2020 result typed (one objective per area at 50%),
/// a monitoring date at 30/09/2020.
fn plan_with_results(db: &std::path::Path) -> R<i64> {
    let plan = approved_reference_plan(db)?;
    let mut store = piano::Store::open(db)?;
    let y = store.year_results(plan, 2020)?;
    let mut entries = Vec::new();
    for a in &y.areas {
        for (i, r) in a.rows.iter().enumerate() {
            entries.push((
                a.area_id,
                r.item,
                piano::domain::results::ResultInput {
                    value: "rilevato".into(),
                    achievement: if i == 0 { "50" } else { "100" }.into(),
                    note: if i == 0 { "ritardo del fornitore" } else { "" }.into(),
                    values: Vec::new(),
                },
            ));
        }
    }
    store.set_results(plan, 2020, &entries)?;
    store.add_monitor_date(plan, "30/09/2020")?;
    Ok(plan)
}

#[tokio::test(flavor = "multi_thread")]
async fn charts_and_drafts_from_the_window() -> R {
    let case = Case::new().await?;
    let db = case.db();
    let plan = plan_with_results(&db)?;
    let out = case.file("out");
    std::fs::create_dir_all(&out)?;
    let app = case
        .start(&[("PIANO_OBIETTIVI_TEST_SAVE_DIR", &out)])
        .await?;
    app.open_editor().await?;
    app.wait_text("#area-title", "AREA AFFARI GENERALI").await?;
    let mut faults = Vec::new();

    // The results' charts, opened by keyboard: each an SVG with role img, its title and a
    // description with every area's score as the database has it.
    app.click("#banner-results").await?;
    app.wait_text("#results-status", "Risultati completi")
        .await?;
    tab_to(&app, "#results-charts", 40).await?;
    type_keys(&app, ENTER).await?;
    app.wait_for("#chart-results-0 svg[role=img]").await?;
    let desc = app
        .js("return document.querySelector('#chart-results-0 svg desc').textContent")
        .await?;
    let y = piano::Store::open(&db)?.year_results(plan, 2020)?;
    for a in &y.areas {
        let want = format!("{}: {}", a.name, score_text(a.score));
        assert!(
            desc.as_str().unwrap_or_default().contains(&want),
            "{want} in {desc}"
        );
    }
    let caption = app
        .js("return document.querySelector('#chart-results-1 figcaption').textContent")
        .await?;
    assert!(
        caption
            .as_str()
            .unwrap_or_default()
            .contains("Raggiunti (100%): 10; Parzialmente raggiunti: 5"),
        "{caption}"
    );
    audit(&app, "grafici dei risultati", &mut faults).await?;
    app.screenshot("60-grafici-dei-risultati").await?;
    close_dialog(&app).await?;

    // The monitoring lights: one column, the date, a word per area.
    app.click("#results-back").await?;
    app.wait_text("#area-title", "AREA AFFARI GENERALI").await?;
    app.click("#banner-monitoring").await?;
    app.click("#monitor-chart").await?;
    app.wait_for("#chart-lights svg[role=img]").await?;
    let caption = app
        .js("return document.querySelector('#chart-lights figcaption').textContent")
        .await?;
    assert!(
        caption
            .as_str()
            .unwrap_or_default()
            .contains("AREA AFFARI GENERALI: 30/09/2020 senza dati"),
        "{caption}"
    );
    audit(&app, "grafico dei semafori", &mut faults).await?;
    close_dialog(&app).await?;

    // Both drafts from «Documenti», one as DOCX and one as PDF.
    app.click("#monitor-back").await?;
    app.wait_text("#area-title", "AREA AFFARI GENERALI").await?;
    menu(&app, "draft-piao").await?;
    app.wait_for("#f-draft-format").await?;
    audit(&app, "bozza PIAO", &mut faults).await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#toast", "Bozza salvata in").await?;
    let docx = std::fs::read_dir(&out)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "docx"))
        .ok_or("no DOCX saved")?;
    let bytes = std::fs::read(&docx)?;
    assert_eq!(&bytes[..2], b"PK", "a DOCX is a zip package");
    menu(&app, "draft-relazione").await?;
    app.click("#f-draft-year option[value='2020']").await?;
    app.click("#f-draft-format option[value='pdf']").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#toast", ".pdf").await?;
    let pdf = std::fs::read_dir(&out)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .ok_or("no PDF saved")?;
    let text = pdf_text(&pdf)?;
    assert!(text.contains("Relazione sulla performance 2020"), "{text}");
    assert!(faults.is_empty(), "{faults:#?}");
    app.quit().await
}
