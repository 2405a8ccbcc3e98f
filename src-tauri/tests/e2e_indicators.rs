//! Measurable objectives, end to end: the targets read from the expected results accepted in
//! the window, a target edited, then at year end a measured value typed and the percentage
//! and the area's score following. The screen is compared with the database after every
//! action; the dialogs are audited for WCAG 2.1 AA.

#[macro_use]
mod common;

use common::ui::*;
use common::{Case, R};
use piano::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn targets_accepted_edited_and_measured_in_the_window() -> R {
    let case = Case::new().await?;
    let db = case.db();
    let plan = reference_plan_with_valid_weights(&db)?;
    let app = case.editor().await?;
    app.wait_text("#area-title", "AREA AFFARI GENERALI").await?;
    app.screen_matches_db("opening the plan").await?;
    // The targets the words state are marked on their rows before anything is accepted.
    app.wait_text(
        ".period tbody tr:nth-child(3) .proposal-mark",
        "2 target proposti",
    )
    .await?;

    // Accept every proposal of the plan at once.
    menu(&app, "proposals").await?;
    app.wait_text("#plan-proposal-list", "dal testo «almeno n. 3»")
        .await?;
    let mut faults = Vec::new();
    audit(&app, "target proposti", &mut faults).await?;
    app.screenshot("40-target-proposti").await?;
    step!(app, "accepting every proposal", {
        app.click("dialog[open] button[type=submit]").await?;
    });
    let mut store = piano::Store::open(&db)?;
    assert_eq!(store.load(plan)?.indicators.len(), 22);
    assert!(store.proposals(plan)?.is_empty());
    app.wait_text(
        ".period tbody tr:nth-child(3) .targets-list",
        "numero: 2020 ≥ 3 atti di liquidazione",
    )
    .await?;

    // Edit the first objective's deadline: 31/07/2020 → 15/07/2020.
    app.click(".period tbody tr:nth-child(1) .indicators-button")
        .await?;
    app.wait_text("#indicator-list", "scadenza: 2020 entro il 31/07/2020")
        .await?;
    audit(&app, "indicatori dell'obiettivo", &mut faults).await?;
    app.click("#indicator-list .edit-indicator").await?;
    app.wait_for("#f-ind-target-2020").await?;
    audit(&app, "modifica indicatore", &mut faults).await?;
    app.screenshot("41-indicatore").await?;
    // A date that does not exist is refused, in Italian, nothing saved.
    app.fill("#f-ind-target-2020", "31/02/2020").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("dialog[open] .form-error", "data esistente")
        .await?;
    step!(app, "editing a target", {
        app.fill("#f-ind-target-2020", "15/07/2020").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    app.wait_text("#indicator-list", "entro il 15/07/2020")
        .await?;
    close_dialog(&app).await?;
    app.wait_text(
        ".period tbody tr:nth-child(1) .targets-list",
        "scadenza: 2020 entro il 15/07/2020",
    )
    .await?;
    assert!(faults.is_empty(), "{}", faults.join("\n"));

    // The Giunta approves the plan; at year end the values are typed.
    store.approve(plan, &giunta_2020(), true)?;
    app.click("#back-to-plans").await?;
    app.open_editor().await?;
    app.wait_text("#version-label", "approvata con delibera n. 12")
        .await?;
    app.click("#banner-results").await?;
    app.wait_text("#results-area-title", "AREA AFFARI GENERALI – 2020")
        .await?;
    let tr1 = ".results-table tbody tr:nth-child(1)";
    app.wait_text(
        &format!("{tr1} .measure label"),
        "target entro il 15/07/2020",
    )
    .await?;
    // On time: 100%, 30 points, while typing.
    app.fill(&format!("{tr1} .r-ival"), "10/07/2020").await?;
    app.wait_text(&format!("{tr1} .measure-ach"), "100%")
        .await?;
    app.wait_text(&format!("{tr1} .r-how"), "calcolata dai valori")
        .await?;
    app.wait_text("#score-box", "Punteggio 30,00").await?;
    assert_eq!(saved_score(&db, plan)?, (0, 3), "a preview only");
    // Late: 0% (the default rule), the score goes back, the note is asked for.
    app.fill(&format!("{tr1} .r-ival"), "20/07/2020").await?;
    app.wait_text(&format!("{tr1} .measure-ach"), "0%").await?;
    app.wait_text("#score-box", "Punteggio 0,00").await?;
    app.click("#results-area-title").await?;
    app.wait_text(&format!("{tr1} .row-error"), "spiega nelle note")
        .await?;
    assert_eq!(saved_score(&db, plan)?, (0, 3), "nothing saved");
    // Back on time, the row saved: the percentage computed, the score 30.
    app.fill(&format!("{tr1} .r-ival"), "14/07/2020").await?;
    app.click("#results-area-title").await?;
    app.wait_text("#score-box", "Punteggio 30,00").await?;
    // The preview shows it at once; wait for the save itself.
    let started = std::time::Instant::now();
    while saved_score(&db, plan)? != (3000, 2) {
        if started.elapsed() > std::time::Duration::from_secs(8) {
            return Err("the row was not saved".into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let y = piano::Store::open(&db)?.year_results(plan, 2020)?;
    let first = y.areas[0].rows[0].result.clone().ok_or("saved")?;
    assert_eq!((first.achievement, first.computed), (10_000, Some(10_000)));
    assert_eq!(saved_score(&db, plan)?, (3000, 2));
    app.wait_text(&format!("{tr1} .r-how"), "calcolata dai valori")
        .await?;
    let mut faults = Vec::new();
    audit(&app, "risultati con indicatori", &mut faults).await?;
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    app.screenshot("42-risultati-con-indicatori").await?;
    app.quit().await
}
