//! The editor, end to end: a plan created, filled, checked and found again; the example plan and its cross-cutting text; keyboard-only use; every editor control with the screen compared with the database.
//! Screenshots of each main screen land in tests/screenshots/.

#[macro_use]
mod common;

use common::ui::*;
use common::{Case, R};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread")]
async fn create_a_plan_fill_it_and_find_it_again_after_a_restart() -> R {
    let case = Case::new().await?;
    let app = case.start(&[]).await?;

    app.wait_for("#welcome").await?;
    app.screenshot("01-benvenuto").await?;
    app.click("#new-plan").await?;
    app.fill("#f-entity", "Unione dei Comuni di prova").await?;
    app.fill("#f-title", "PIANO OBIETTIVI 2025-2027").await?;
    app.fill("#f-first_year", "2025").await?;
    app.fill("#f-last_year", "2027").await?;
    app.screenshot("02-nuovo-piano").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#plan-heading", "PIANO OBIETTIVI 2025-2027")
        .await?;

    // An area, typed and confirmed with Enter only.
    app.click("#add-area").await?;
    app.fill("#f-area-name", "AREA AFFARI GENERALI").await?;
    app.wait_for("#f-area-manager")
        .await?
        .send_keys(&format!("Dott. Mario Rossi{ENTER}"))
        .await?;
    app.wait_text("#area-title", "AREA AFFARI GENERALI").await?;
    app.wait_text("#area-title", "Responsabile: Dott. Mario Rossi")
        .await?;
    let labels = app.text(".area section.period:nth-of-type(1) h3").await?;
    assert_eq!(labels, "ANNO 2025");
    assert_eq!(
        app.text(".area section.period:nth-of-type(2) h3").await?,
        "ANNO 2026 E 2027"
    );

    // Bad weights: an Italian message under the field, nothing saved.
    let first = ".area section.period:nth-of-type(1)";
    for (weight, fragment) in [
        ("abc", "non è un peso valido"),
        ("0", "maggiore di zero"),
        ("101", "superare 100"),
        ("-5", "negativo"),
    ] {
        if weight == "abc" {
            add_objective(
                &app,
                first,
                "Adeguamento alle misure minime di sicurezza",
                weight,
            )
            .await?;
        } else {
            app.fill("#f-obj-weight", weight).await?;
            app.click("dialog[open] button[type=submit]").await?;
        }
        let msg = app.wait_text("#f-obj-weight-error", fragment).await?;
        assert!(
            !msg.is_empty(),
            "{weight}: an Italian message under the weight"
        );
        assert_eq!(
            objective_count(&app.db)?,
            0,
            "weight {weight:?} must save nothing"
        );
        if weight == "101" {
            app.screenshot("03-errore-peso").await?;
        }
    }
    // The preview tells what the period's total would become.
    app.fill("#f-obj-weight", "60").await?;
    app.wait_text("#weight-preview", "60% – mancano 40").await?;
    app.click("dialog[open] button[type=submit]").await?;
    let badge = app
        .wait_text(&format!("{first} .period-total"), "60% – mancano 40")
        .await?;
    assert_eq!(badge, "60% – mancano 40");
    let class = app
        .find(&format!("{first} .period-total"))
        .await?
        .attr("class")
        .await?
        .unwrap_or_default();
    assert!(class.contains("bad"), "red below 100: {class}");
    assert_eq!(
        objective_count(&app.db)?,
        1,
        "saved at once, no Save button"
    );
    app.screen_matches_db("adding an objective").await?;
    app.screenshot("04-badge-rosso").await?;

    add_objective(
        &app,
        first,
        "Revisione del regolamento sull'ordinamento degli uffici",
        "40",
    )
    .await?;
    app.wait_text(&format!("{first} .period-total"), "100%")
        .await?;
    let class = app
        .find(&format!("{first} .period-total"))
        .await?
        .attr("class")
        .await?
        .unwrap_or_default();
    assert!(class.contains("ok"), "green at 100: {class}");
    let side = app.text("#area-list li .badge").await?;
    assert_eq!(side, "2025: 100%", "the area list's badge follows");
    app.screenshot("05-editor").await?;

    // Esc closes a form without saving.
    app.click(&format!("{first} .add-objective")).await?;
    app.fill("#f-obj-description", "Da non salvare").await?;
    app.wait_for("#f-obj-description")
        .await?
        .send_keys(ESCAPE)
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        app.js("return document.querySelector('dialog[open]') !== null")
            .await?,
        serde_json::json!(false)
    );
    assert_eq!(objective_count(&app.db)?, 2);
    app.screen_matches_db("closing a form with Esc").await?;

    // The other sequence that once left the screen stale: a second area, still empty, then
    // the first row made cross-cutting into it from the row menu.
    step!(app, "adding a second area", {
        app.click("#add-area").await?;
        app.fill("#f-area-name", "AREA POLIZIA LOCALE").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    select_area(&app, "AREA AFFARI GENERALI").await?;
    let police = area_id(&app, "AREA POLIZIA LOCALE").await?;
    let police_badge = format!("#area-list li[data-area-id='{police}'] .badge");
    assert_eq!(app.text(&police_badge).await?, "2025: vuoto");
    step!(app, "making a row cross-cutting", {
        row_menu(&app, first, 1, "#make-cross-cutting").await?;
        app.click(&format!("#place-{police}")).await?;
        app.fill(&format!("#w-{police}"), "100").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    app.wait_text(
        &format!("{first} tbody tr:nth-child(1) .shared-mark"),
        "trasversale · 2 aree",
    )
    .await?;
    assert_eq!(
        app.text(&police_badge).await?,
        "2025: 100%",
        "the other area's badge shows the new placement at once"
    );
    app.screenshot("15-reso-trasversale").await?;

    // A period that overlaps another is refused under the field.
    menu(&app, "add-period").await?;
    app.fill("#f-period-first", "2026").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#f-period-first-error", "si sovrappongono")
        .await?;
    app.wait_for("#f-period-first")
        .await?
        .send_keys(ESCAPE)
        .await?;
    app.quit().await?;

    // Start again: everything is still there.
    let app = case.start(&[]).await?;
    if app.client.find(Locator::Css("#plans")).await.is_ok() {
        app.open_editor().await?;
    }
    app.wait_text("#plan-heading", "PIANO OBIETTIVI 2025-2027")
        .await?;
    app.wait_text(&format!("{first} .period-total"), "100%")
        .await?;
    let rows = app
        .client
        .find_all(Locator::Css(&format!("{first} tbody tr")))
        .await?;
    assert_eq!(rows.len(), 2, "both objectives survived the restart");
    app.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_example_plan_shows_the_error_and_shares_cross_cutting_text() -> R {
    let case = Case::new().await?;
    let (app, pdf) = case.start_saving("allegato.pdf").await?;
    app.open_demo().await?;
    assert_eq!(app.text("#problems-button").await?, "1 problema");

    select_area(&app, "AREA SERVIZI SOCIALI").await?;
    let second = ".area section.period:nth-of-type(2)";
    assert_eq!(app.text(&format!("{second} h3")).await?, "ANNO 2021 E 2022");
    assert_eq!(
        app.text(&format!("{second} .period-total")).await?,
        "90% – mancano 10"
    );
    let class = app
        .find(&format!("{second} .period-total"))
        .await?
        .attr("class")
        .await?
        .unwrap_or_default();
    assert!(
        class.contains("bad"),
        "AREA SERVIZI SOCIALI – ANNO 2021 E 2022 in red: {class}"
    );
    app.screenshot("06-piano-di-esempio").await?;

    app.click("#problems-button").await?;
    let problem = app.text("#problem-list li").await?;
    assert!(
        problem.contains(
            "AREA SERVIZI SOCIALI – ANNO 2021 E 2022: i pesi sommano a 90%, mancano 10 punti"
        ),
        "{problem}"
    );
    app.screenshot("07-problemi").await?;
    app.click("#problem-list button").await?;
    app.wait_text("#area-title", "AREA SERVIZI SOCIALI").await?;

    // Edit the cross-cutting objective here; it changes in every area.
    let shared_row = format!("{second} tbody tr:last-child");
    assert!(app
        .text(&shared_row)
        .await?
        .contains("trasversale · 5 aree"));
    app.click(&format!("{shared_row} .edit-objective")).await?;
    app.wait_text("dialog[open] .notice", "condiviso da 5 aree")
        .await?;
    app.screenshot("08-obiettivo-trasversale").await?;
    app.fill(
        "#f-obj-description",
        "Rispetto della tempestività nei pagamenti (testo aggiornato)",
    )
    .await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text(&shared_row, "testo aggiornato").await?;
    app.screen_matches_db("editing a cross-cutting text")
        .await?;
    for area in ["AREA POLIZIA LOCALE", "AREA AFFARI GENERALI"] {
        select_area(&app, area).await?;
        app.wait_text(
            &format!("{second} tbody tr:last-child"),
            "Rispetto della tempestività nei pagamenti (testo aggiornato)",
        )
        .await?;
    }

    // Print: an invalid plan prints as a draft.
    app.click("#print-button").await?;
    app.wait_text("dialog[open] h2", "Il piano non è ancora valido")
        .await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#toast", "Bozza salvata").await?;
    let bytes = std::fs::read(&pdf)?;
    assert!(bytes.starts_with(b"%PDF"), "a PDF was written");
    app.screenshot("09-stampa").await?;
    app.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn keyboard_only_from_an_empty_database_to_a_valid_area() -> R {
    let case = Case::new().await?;
    let app = case.start(&[]).await?;
    app.wait_for("#welcome").await?;
    tab_to(&app, "#new-plan", 5).await?;
    type_keys(&app, ENTER).await?;
    app.wait_for("dialog[open] #f-entity").await?;
    type_keys(&app, &format!("Unione da tastiera{ENTER}")).await?;
    app.wait_text("#plan-heading", "Unione da tastiera").await?;

    tab_to(&app, "#add-area", 10).await?;
    type_keys(&app, ENTER).await?;
    app.wait_for("dialog[open] #f-area-name").await?;
    type_keys(&app, &format!("AREA TASTIERA{ENTER}")).await?;
    app.wait_text("#area-title", "AREA TASTIERA").await?;

    tab_to(&app, "section.period:nth-of-type(1) .add-objective", 10).await?;
    type_keys(&app, ENTER).await?;
    app.wait_for("dialog[open] #f-obj-service").await?;
    let tab = "\u{E004}";
    type_keys(&app, &format!("SERVIZIO{tab}{tab}100{tab}Obiettivo scritto da tastiera{tab}Entro il 31.12{tab}Relazione")).await?;
    // Ctrl+Enter saves from a multi-line field.
    type_keys(&app, &format!("\u{E009}{ENTER}\u{E000}")).await?;
    app.wait_text(".area section.period:nth-of-type(1) .period-total", "100%")
        .await?;
    let row = app
        .text(".area section.period:nth-of-type(1) tbody tr")
        .await?;
    assert!(
        row.contains("Obiettivo scritto da tastiera") && row.contains("100%"),
        "{row}"
    );
    // Focus stays on the control that opened the form, ready for the next one.
    let focused = app.js("return document.activeElement.className").await?;
    assert!(
        focused
            .as_str()
            .unwrap_or_default()
            .contains("add-objective"),
        "{focused}"
    );
    app.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn every_editor_control_keeps_the_screen_in_step_with_the_database() -> R {
    let case = Case::new().await?;
    let app = case.start(&[]).await?;
    app.open_demo().await?;
    app.screen_matches_db("opening the example plan").await?;
    let first = ".area section.period:nth-of-type(1)";
    let second = ".area section.period:nth-of-type(2)";

    // The sequence that once left the screen stale: move the first row of AREA SERVIZI
    // SOCIALI from ANNO 2020 to ANNO 2021 E 2022 (the database then holds two errors).
    select_area(&app, "AREA SERVIZI SOCIALI").await?;
    app.screen_matches_db("selecting an area").await?;
    let moved = app
        .find(&format!("{first} tbody tr:nth-child(1)"))
        .await?
        .attr("data-objective-id")
        .await?
        .ok_or("row id")?;
    step!(app, "moving a row to another period", {
        row_menu(&app, first, 1, "#move-objective").await?;
        app.wait_for("#f-move-period")
            .await?
            .select_by_label("ANNO 2021 E 2022")
            .await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    let status = app.text("#problems-button").await?;
    assert!(
        status.ends_with("problemi") && !status.starts_with('1'),
        "the counter shows the new errors at once: {status}"
    );
    assert!(
        app.text(&format!("{second} tbody tr:last-child"))
            .await?
            .len()
            > 10
            && app
                .find(&format!("{second} tbody tr:last-child"))
                .await?
                .attr("data-objective-id")
                .await?
                .as_deref()
                == Some(moved.as_str()),
        "the moved row is now last in ANNO 2021 E 2022"
    );
    app.screenshot("14-spostato-in-altro-periodo").await?;

    // Row order, duplicate, delete and undo.
    step!(
        app,
        "moving a row down",
        app.click(&format!("{first} tbody tr:nth-child(1) .row-down"))
            .await?
    );
    step!(
        app,
        "moving a row up",
        app.click(&format!("{first} tbody tr:nth-child(2) .row-up"))
            .await?
    );
    step!(
        app,
        "duplicating a row",
        row_menu(&app, first, 1, "#duplicate-objective").await?
    );
    let second_row = format!("{first} tbody tr:nth-child(2) td:nth-child(3)");
    let deleted = app.text(&second_row).await?;
    step!(
        app,
        "deleting a row",
        row_menu(&app, first, 2, "#delete-objective").await?
    );
    step!(
        app,
        "undoing the deletion",
        app.click("#toast button:not(.toast-close)").await?
    );
    // Undo puts the row back where it was: wait for it, then compare again.
    app.wait_text(&second_row, &deleted).await?;
    app.screen_matches_db("undoing the deletion, row back in place")
        .await?;

    // Cross-cutting: from the row menu, then "add to other areas", then detach.
    select_area(&app, "AREA AFFARI GENERALI").await?;
    let police = area_id(&app, "AREA POLIZIA LOCALE").await?;
    let works = area_id(&app, "AREA SERVIZI TECNICI").await?;
    step!(app, "making a row cross-cutting", {
        row_menu(&app, first, 1, "#make-cross-cutting").await?;
        app.click(&format!("#place-{police}")).await?;
        app.fill(&format!("#w-{police}"), "5").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    app.wait_text(
        &format!("{first} tbody tr:nth-child(1) .shared-mark"),
        "trasversale · 2 aree",
    )
    .await?;
    step!(app, "adding a cross-cutting row to another area", {
        row_menu(&app, first, 1, "#make-cross-cutting").await?;
        app.click(&format!("#place-{works}")).await?;
        app.fill(&format!("#w-{works}"), "12,5").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    app.wait_text(
        &format!("{first} tbody tr:nth-child(1) .shared-mark"),
        "trasversale · 3 aree",
    )
    .await?;
    step!(
        app,
        "detaching a row",
        row_menu(&app, first, 1, "#detach-objective").await?
    );
    // The same from the objective's own form: "Salva e rendi trasversale…".
    step!(
        app,
        "saving a row and placing it in another area from its form",
        {
            app.click(&format!("{first} tbody tr:nth-child(2) .edit-objective"))
                .await?;
            app.fill("#f-obj-weight", "10").await?;
            app.click("dialog[open] #save-and-share").await?;
            app.click(&format!("dialog[open] #place-{police}")).await?;
            app.fill(&format!("#w-{police}"), "7,25").await?;
            app.click("dialog[open] button[type=submit]").await?;
        }
    );
    app.wait_text(
        &format!("{first} tbody tr:nth-child(2) .shared-mark"),
        "trasversale · 2 aree",
    )
    .await?;
    app.screen_matches_db("placing the saved row in another area")
        .await?;

    // Areas: add, rename, reorder, delete.
    step!(app, "adding an area", {
        app.click("#add-area").await?;
        app.fill("#f-area-name", "AREA CULTURA").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    app.wait_text("#area-title", "AREA CULTURA").await?;
    step!(app, "renaming an area", {
        app.click("#edit-area").await?;
        app.fill("#f-area-manager", "Dott.ssa Anna Bianchi").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    step!(
        app,
        "moving an area up",
        app.click("#area-list li:last-child .area-up").await?
    );
    step!(
        app,
        "moving an area down",
        app.click("#area-list li:nth-last-child(2) .area-down")
            .await?
    );
    step!(app, "deleting an area", {
        app.click("#delete-area").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });

    // Periods: remove one, add it back.
    step!(app, "deleting a period", {
        app.click(&format!("{second} .delete-period")).await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    step!(app, "adding a period", {
        menu(&app, "add-period").await?;
        app.fill("#f-period-first", "2021").await?;
        app.fill("#f-period-last", "2022").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    app.wait_text(&format!("{second} h3"), "ANNO 2021 E 2022")
        .await?;

    // Plan: edit its data, duplicate it (the copy opens).
    step!(app, "editing the plan's data", {
        menu(&app, "edit-plan").await?;
        app.fill("#f-entity", "Unione dei Comuni di prova").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    app.wait_text("#plan-heading", "Unione dei Comuni di prova")
        .await?;
    let original = app
        .js("return document.querySelector('.editor').dataset.planId")
        .await?;
    step!(app, "duplicating the plan", {
        menu(&app, "duplicate-plan").await?;
    });
    // The copy opens: another plan id on screen, and it too matches the database.
    let started = std::time::Instant::now();
    while app
        .js("return document.querySelector('.editor').dataset.planId")
        .await?
        == original
    {
        assert!(started.elapsed().as_secs() < 10, "the copy never opened");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.screen_matches_db("opening the copy").await?;
    app.quit().await
}

/// A large plan (1,000 objectives: 10 areas × 2 periods × 50), where the editor's answers
/// carry one area's rows: 50 edits in a row, in the form as the officer makes them, with the
/// screen compared with the database after each, and an area switch between them.
#[tokio::test(flavor = "multi_thread")]
async fn fifty_edits_in_a_row_on_a_thousand_objective_plan() -> R {
    let case = Case::new().await?;
    {
        let mut store = piano::Store::open(&case.db())?;
        let id = piano::store::sample::generate(&mut store, 10, 50)?;
        assert_eq!(store.load(id)?.placements.len(), 1000);
    }
    let app = case.editor().await?;
    app.wait_for(".area section.period tbody tr").await?;
    app.screen_matches_db("opening the large plan").await?;
    for i in 0..50 {
        if i == 25 {
            let second = app
                .js("return document.querySelectorAll('#area-list .name')[1].textContent")
                .await?;
            select_area(&app, second.as_str().ok_or("an area")?).await?;
            app.screen_matches_db("switching area").await?;
        }
        // Each row to 3%, then back to its 2%: every edit changes a weight (counted afresh
        // in the second area).
        let k = if i < 25 { i } else { i - 25 };
        let row = 1 + (k / 2) % 5;
        let weight = if k % 2 == 0 { "3" } else { "2" };
        step!(app, &format!("edit {i}"), {
            app.click(&format!(
                ".area section.period:nth-of-type(1) tbody tr:nth-child({row}) .edit-objective"
            ))
            .await?;
            app.fill("#f-obj-weight", weight).await?;
            app.click("dialog[open] button[type=submit]").await?;
        });
    }
    app.quit().await
}
