//! The guide inside the app, end to end (issue 33): the first-run screen's three choices; F1
//! on each main screen, and in a dialog, opens the guide at that chapter; the search finds
//! «peso» and «copia»; a chapter is reached from the list with the keyboard only; axe finds
//! nothing on the first-run screen and the guide; the guide fits the small window.

#[macro_use]
mod common;

use common::ui::*;
use common::{App, Case, R};
use piano::prelude::*;

const F1: &str = "\u{E031}";

/// Presses F1 where the focus is, waits for the guide, answers the chapter it shows, closes.
async fn f1_chapter(app: &App) -> R<String> {
    // Keys go to the focused element: somewhere on the page, as after a click.
    app.js("if (document.activeElement === document.body) document.querySelector('main button, main a, #guide-button').focus();")
        .await?;
    type_keys(app, F1).await?;
    app.wait_for("#guide-dialog[open] #guide-chapter[data-chapter]")
        .await?;
    let chapter = app
        .js("return document.getElementById('guide-chapter').dataset.chapter")
        .await?;
    type_keys(app, ESCAPE).await?;
    for _ in 0..100 {
        if app
            .js("return !document.getElementById('guide-dialog')")
            .await?
            == serde_json::json!(true)
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    Ok(chapter.as_str().unwrap_or_default().to_string())
}

/// The chapters the list shows after typing `words` in the search.
async fn search(app: &App, words: &str) -> R<Vec<String>> {
    app.fill("#guide-search", words).await?;
    app.wait_text("#guide-results", "trovat").await?;
    let found = app
        .js("return [...document.querySelectorAll('.guide-toc button')].map((b) => b.dataset.chapter)")
        .await?;
    Ok(serde_json::from_value(found)?)
}

#[tokio::test(flavor = "multi_thread")]
async fn f1_opens_the_guide_at_each_screens_chapter() -> R {
    let case = Case::new().await?;
    let db = case.db();
    let mut faults = Vec::new();
    {
        // First run: an empty database, the welcome with its three choices.
        piano::Store::open(&db)?;
        let app = case.start(&[]).await?;
        app.wait_for("#welcome").await?;
        let choices = app
            .js("return [...document.querySelectorAll('.welcome-choice')].map((li) => [li.querySelector('button').textContent, li.querySelector('p').textContent.length > 20])")
            .await?;
        assert_eq!(
            choices,
            serde_json::json!([
                ["Nuovo piano", true],
                ["Importa il foglio che usate oggi", true],
                ["Apri il piano di esempio", true]
            ])
        );
        audit(&app, "primo avvio", &mut faults).await?;
        let layout = layout_faults(&app).await?;
        assert!(layout.is_empty(), "first run: {layout:#?}");
        app.screenshot("70-primo-avvio").await?;
        assert_eq!(f1_chapter(&app).await?, "inizio");

        // The guide by its button; the search; a chapter by keyboard.
        app.click("#guide-button").await?;
        app.wait_for("#guide-dialog[open]").await?;
        audit(&app, "guida", &mut faults).await?;
        app.screenshot("71-guida").await?;
        assert!(search(&app, "peso").await?.contains(&"pesi".to_string()));
        assert!(search(&app, "copia").await?.contains(&"copie".to_string()));
        // The search emptied: every chapter again.
        app.js("const s = document.getElementById('guide-search'); s.value = ''; s.dispatchEvent(new Event('input')); return true")
            .await?;
        tab_to(&app, ".guide-toc button[data-chapter=copie]", 40).await?;
        type_keys(&app, ENTER).await?;
        app.wait_for("#guide-chapter[data-chapter=copie]").await?;
        app.wait_text("#guide-chapter", "Copie automatiche").await?;
        // A link inside a chapter opens its target.
        app.click("#guide-chapter a[href='#danni']").await?;
        app.wait_for("#guide-chapter[data-chapter=danni]").await?;
        let layout = layout_faults(&app).await?;
        assert!(layout.is_empty(), "guide: {layout:#?}");
        app.quit().await?;
    }

    // On a plan: each main screen, and a dialog.
    let plan = approved_reference_plan(&db)?;
    piano::Store::open(&db)?.add_monitor_date(plan, "30/09/2020")?;
    let app = case.start(&[]).await?;
    app.wait_for(".open-plan").await?;
    assert_eq!(f1_chapter(&app).await?, "inizio");
    app.click(".open-plan").await?;
    app.wait_for("#cycle-steps").await?;
    assert_eq!(f1_chapter(&app).await?, "ciclo", "F1 on the plan's home");
    app.click("#cycle-back").await?;
    app.wait_text("#area-title", "AREA AFFARI GENERALI").await?;
    assert_eq!(f1_chapter(&app).await?, "editor");
    menu(&app, "deadlines").await?;
    app.wait_for("dialog.modal[open]").await?;
    assert_eq!(f1_chapter(&app).await?, "ciclo", "F1 in «Scadenze»");
    close_dialog(&app).await?;
    menu(&app, "tree").await?;
    app.wait_for("#tree-back").await?;
    assert_eq!(f1_chapter(&app).await?, "albero");
    app.click("#tree-back").await?;
    app.wait_text("#area-title", "AREA AFFARI GENERALI").await?;
    app.click("#banner-monitoring").await?;
    app.wait_for("#monitor-back").await?;
    assert_eq!(f1_chapter(&app).await?, "monitoraggio");
    app.click("#monitor-back").await?;
    app.click("#banner-results").await?;
    app.wait_for("#results-back").await?;
    assert_eq!(f1_chapter(&app).await?, "risultati");
    app.click("#results-evaluation").await?;
    app.wait_for("#evaluation-back").await?;
    assert_eq!(f1_chapter(&app).await?, "valutazione");
    assert!(faults.is_empty(), "{faults:#?}");
    app.quit().await
}
