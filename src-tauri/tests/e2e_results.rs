//! The year's results, end to end: typed in the window with the score following, and the Relazione that freezes the year.
//! Screenshots of each main screen land in tests/screenshots/.

#[macro_use]
mod common;

use common::ui::*;
use common::{App, Case, R};
use piano::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn results_typed_in_the_window_move_the_score_and_the_band() -> R {
    let case = Case::new().await?;
    let plan = approved_reference_plan(&case.db())?;
    let (app, pdf) = case.start_saving("risultati.pdf").await?;
    app.open_editor().await?;
    app.wait_text("#version-label", "approvata con delibera n. 12")
        .await?;
    app.click("#banner-results").await?;
    app.wait_text("#results-area-title", "AREA AFFARI GENERALI – 2020")
        .await?;
    app.wait_text("#results-status", "Mancano 20 risultati")
        .await?;
    app.wait_text("#score-box", "Mancano 4 risultati").await?;
    app.screenshot("21-risultati-inizio").await?;

    // First row, 30%, fully achieved: 30 points, below 60.
    type_result(&app, 1, "Mappatura completata il 20/07/2020", "100", "").await?;
    app.wait_text("#score-box", "Punteggio 30,00").await?;
    app.wait_text("#score-box", "sotto 60: quota 0%").await?;
    wait_saved_score(&app.db, plan, (3000, 3)).await?;
    app.wait_text("#results-saved", "Salvato alle").await?;

    // While a percentage is typed the score follows, nothing saved yet.
    let tr2 = ".results-table tbody tr:nth-child(2)";
    app.fill(&format!("{tr2} .r-ach"), "85,5").await?;
    app.wait_text("#score-box", "Punteggio 64,20").await?;
    app.wait_text("#score-box", "da 60 a 100: quota proporzionale")
        .await?;
    assert_eq!(saved_score(&app.db, plan)?, (3000, 3), "a preview only");
    // Leaving the row without the reasons for the shortfall: refused, said in the row.
    app.fill(&format!("{tr2} .r-value"), "Adeguamento all'85%")
        .await?;
    app.click("#results-area-title").await?;
    app.wait_text(&format!("{tr2} .row-error"), "spiega nelle note")
        .await?;
    assert_eq!(saved_score(&app.db, plan)?, (3000, 3), "nothing saved");
    app.fill(&format!("{tr2} .r-note"), "Ritardo del fornitore")
        .await?;
    app.click("#results-area-title").await?;
    app.wait_text("#score-box", "Quota del premio: 64,2%")
        .await?;
    wait_saved_score(&app.db, plan, (6420, 2)).await?;

    // Enter in a percentage moves down a row, as in a spreadsheet.
    // (the save's redraw may still be on its way: the key goes to the field as it is then)
    app.send_keys(&format!("{tr2} .r-ach"), ENTER).await?;
    let focused = app
        .js("return document.activeElement.closest('tr').rowIndex")
        .await?;
    assert_eq!(focused, serde_json::json!(3), "the third row's percentage");

    // A percentage that is not one: said while typing.
    let tr3 = ".results-table tbody tr:nth-child(3)";
    app.fill(&format!("{tr3} .r-ach"), "abc").await?;
    app.wait_text(&format!("{tr3} .row-error"), "non è una percentuale valida")
        .await?;
    type_result(
        &app,
        3,
        "Nessun atto digitale",
        "0",
        "Software non consegnato",
    )
    .await?;
    app.wait_text("#score-box", "Mancano 1 risultati").await?;
    // The prerequisite not reached: the share drops to nothing whatever the score.
    type_result(&app, 4, "Una sanzione", "0", "Procedimento disciplinare").await?;
    app.wait_text("#score-box", "obiettivo prerequisito non raggiunto")
        .await?;
    app.wait_text("#score-box", "Quota del premio: 0%").await?;
    app.wait_text("#score-box", "Tutti i risultati inseriti")
        .await?;
    wait_saved_score(&app.db, plan, (6420, 0)).await?;
    let badge = app
        .text("#results-area-list li[data-area-id] .area-score")
        .await?;
    assert_eq!(badge, "Punteggio 64,20");
    app.screenshot("20-risultati").await?;

    // The evaluation system's bands, edited in the view: from 60 the whole bonus.
    app.js("document.getElementById('main').scrollTop = 0; return true")
        .await?;
    app.click("#results-smvp").await?;
    app.wait_text("#prerequisite-list", "Rispetto del codice di comportamento")
        .await?;
    app.fill("#f-bands", &format!("0: 0{ENTER}60: 100")).await?;
    app.screenshot("22-fasce-e-prerequisiti").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#score-box", "Fascia: obiettivo prerequisito non raggiunto")
        .await?;
    // The score box said so before the save too (the prerequisite was already failed):
    // wait for the dialog to close, the save's own end.
    wait_gone(&app, "dialog[open]").await?;
    let bands = piano::Store::open(&app.db)?.bands(plan)?;
    assert_eq!(
        bands,
        vec![
            piano::domain::results::Band {
                from: 0,
                share: Some(0)
            },
            piano::domain::results::Band {
                from: 6000,
                share: Some(10_000)
            }
        ]
    );

    // The results annex, with the area's figures (the actions are at the top of the view).
    app.js("document.getElementById('main').scrollTop = 0; return true")
        .await?;
    app.click("#results-print").await?;
    app.wait_text("#toast", "Allegato dei risultati salvato")
        .await?;
    let text = pdf_text(&pdf)?;
    assert!(
        text.contains("RISULTATI DEGLI OBIETTIVI – ANNO 2020")
            && text.contains("Punteggio 64,20")
            && text.contains("BOZZA"),
        "{text}"
    );

    // Back to the plan: the editor's commands return.
    app.click("#results-back").await?;
    app.wait_for("#area-list").await?;
    assert!(
        app.wait_for("#print-button").await?.is_displayed().await?,
        "the editor's print button is back"
    );
    app.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_relazione_approved_in_the_window_freezes_the_year() -> R {
    let case = Case::new().await?;
    let db = case.db();
    let plan = approved_reference_plan(&db)?;
    // Every result of 2020 in, as the managers' sheets would bring them.
    piano_testkit::type_every_result(&mut piano::Store::open(&db)?, plan, 2020, "raggiunto")?;
    let app = case.editor().await?;
    app.click("#banner-results").await?;
    app.wait_text("#results-status", "Risultati completi")
        .await?;
    app.click("#relazione-approve").await?;
    app.fill("#f-rel-number", "40").await?;
    app.fill("#f-rel-date", "20/06/2021").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text(
        "#relazione-banner",
        "approvata con delibera della Giunta dell'Unione n. 40 del 20/06/2021",
    )
    .await?;
    app.wait_text("#results-status", "Relazione approvata")
        .await?;
    let enabled = app
        .js("return [...document.querySelectorAll('.results-table textarea, .results-table input')].filter((f) => !f.disabled).length")
        .await?;
    assert_eq!(enabled, serde_json::json!(0), "every field is off");
    app.screenshot("23-relazione-approvata").await?;
    // A call that slipped past the disabled fields is refused by the database.
    let refused = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; const tr = document.querySelector('.results-table tbody tr'); const [kind, id] = tr.dataset.item.split('-'); window.__TAURI__.core.invoke('set_result', { planId: Number(arguments[0]), year: 2020, areaId: Number(tr.dataset.area), item: { kind, id: Number(id) }, input: { value: 'x', achievement: '10', note: 'y' } }).then(() => done('accepted'), (e) => done(e.message));",
            vec![serde_json::json!(plan)],
        )
        .await?;
    assert!(
        refused.as_str().unwrap_or_default().contains("Relazione"),
        "{refused}"
    );
    let y = piano::Store::open(&db)?.year_results(plan, 2020)?;
    assert!(y.areas.iter().all(|a| a.score == 10_000), "nothing changed");
    app.quit().await
}

/// Waits until nothing matches `css` (a dialog closes when its save has answered).
async fn wait_gone(app: &App, css: &str) -> R {
    for _ in 0..150 {
        let n = app
            .client
            .execute(
                "return document.querySelectorAll(arguments[0]).length",
                vec![serde_json::json!(css)],
            )
            .await?;
        if n == serde_json::json!(0) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("{css} is still there").into())
}
