//! End to end: the real app, driven as the officer would use it. Screenshots of each main
//! screen land in tests/screenshots/.

mod common;

use common::{App, R, SERIAL};
use fantoccini::Locator;

const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";

fn objective_count(db: &std::path::Path) -> R<usize> {
    let store = piano::Store::open(db)?;
    let mut n = 0;
    for p in store.list_plans()? {
        n += store.load(p.id)?.placements.len();
    }
    Ok(n)
}

async fn add_objective(app: &App, section: &str, description: &str, weight: &str) -> R {
    app.click(&format!("{section} .add-objective")).await?;
    app.fill("#f-obj-service", "SERVIZI INFORMATICI").await?;
    app.fill("#f-obj-description", description).await?;
    app.fill("#f-obj-result", "Entro il 31.12.2025").await?;
    app.fill(
        "#f-obj-indicator",
        "Breve e documentata relazione del responsabile",
    )
    .await?;
    app.fill("#f-obj-weight", weight).await?;
    app.click("dialog[open] button[type=submit]").await?;
    Ok(())
}

async fn select_area(app: &App, name: &str) -> R {
    let xpath = format!("//ol[@id='area-list']/li[.//span[@class='name' and text()='{name}']]//button[contains(@class,'area-pick')]");
    app.client
        .find(Locator::XPath(&xpath))
        .await?
        .click()
        .await?;
    app.wait_text("#area-title", name).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn create_a_plan_fill_it_and_find_it_again_after_a_restart() -> R {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(dir.path(), &[]).await?;

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
        app.js("return document.getElementById('dialog').open")
            .await?,
        serde_json::json!(false)
    );
    assert_eq!(objective_count(&app.db)?, 2);

    // A period that overlaps another is refused under the field.
    app.click("#plan-menu-button").await?;
    app.click("#plan-menu [data-action=add-period]").await?;
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
    let app = App::start(dir.path(), &[]).await?;
    if app.client.find(Locator::Css("#plans")).await.is_ok() {
        app.click("#plans .open-plan").await?;
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
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir()?;
    let pdf = dir.path().join("allegato.pdf");
    let app = App::start(dir.path(), &[("PIANO_OBIETTIVI_TEST_SAVE_PATH", &pdf)]).await?;
    app.click("#demo").await?;
    app.wait_text("#plan-heading", "PIANO OBIETTIVI 2020-2022")
        .await?;
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
async fn import_with_preview_export_and_roll_forward() -> R {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir()?;
    let sheet = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../data/piano-obiettivi-2020-2022.csv");
    let out = dir.path().join("piano.xlsx");
    let app = App::start(
        dir.path(),
        &[
            ("PIANO_OBIETTIVI_TEST_OPEN_PATH", &sheet),
            ("PIANO_OBIETTIVI_TEST_SAVE_PATH", &out),
        ],
    )
    .await?;

    app.click("#import-csv").await?;
    let summary = app.wait_text("#import-summary", "30 righe").await?;
    assert!(
        summary.contains("2 trasversali") && summary.contains("ANNO 2021 E 2022"),
        "{summary}"
    );
    let near = app.wait_text("#near-copies", "riga 28").await?;
    assert!(near.contains("tranne l'indicatore di risultato"), "{near}");
    app.fill("#f-import-entity", "Unione dei Comuni del Sorbara")
        .await?;
    app.screenshot("10-anteprima-importazione").await?;
    assert_eq!(objective_count(&app.db)?, 0, "the preview writes nothing");
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#plan-heading", "Unione dei Comuni del Sorbara")
        .await?;
    assert_eq!(objective_count(&app.db)?, 30);

    app.click("#plan-menu-button").await?;
    app.click("#plan-menu [data-action=export-xlsx]").await?;
    app.wait_text("#toast", "Piano esportato").await?;
    let rows = piano::workbook::workbook_rows(&std::fs::read(&out)?, None)?.1;
    assert_eq!(rows.len(), 30, "the exported workbook imports back");

    app.click("#back-to-plans").await?;
    app.click("#plans .roll-plan").await?;
    app.wait_text("dialog[open] h2", "Nuovo triennio").await?;
    app.screenshot("11-nuovo-triennio").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#plans", "PIANO OBIETTIVI 2021-2023").await?;
    app.screenshot("12-elenco-piani").await?;
    app.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_database_file_is_explained_and_left_alone() -> R {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("piano.sqlite");
    std::fs::write(
        &db,
        "Questo è un foglio di appunti, non un database.\n".repeat(100),
    )?;
    let before = std::fs::read(&db)?;
    let app = App::start(dir.path(), &[]).await?;
    let text = app.wait_text(".fatal", "Il database non si apre").await?;
    assert!(
        text.contains("non è un database di Piano Obiettivi"),
        "{text}"
    );
    assert!(text.contains("Il file non è stato modificato"), "{text}");
    app.screenshot("13-database-non-valido").await?;
    assert_eq!(
        std::fs::read(&db)?,
        before,
        "the file is left byte for byte"
    );
    app.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_copy_from_the_menu() -> R {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir()?;
    let copy = dir.path().join("copia.sqlite");
    let app = App::start(dir.path(), &[("PIANO_OBIETTIVI_TEST_SAVE_PATH", &copy)]).await?;
    app.click("#demo").await?;
    app.wait_text("#plan-heading", "PIANO OBIETTIVI 2020-2022")
        .await?;
    app.click("#plan-menu-button").await?;
    app.click("#plan-menu [data-action=backup]").await?;
    app.wait_text("#toast", "Copia di sicurezza salvata")
        .await?;
    let store = piano::Store::open(&copy)?;
    assert_eq!(store.list_plans()?.len(), 1, "the copy holds the plan");
    app.quit().await
}

/// Presses Tab until the focused element matches `css` (at most `max` times).
async fn tab_to(app: &App, css: &str, max: usize) -> R {
    for _ in 0..max {
        let hit = app
            .js(&format!("return document.activeElement.matches({css:?})"))
            .await?;
        if hit == serde_json::json!(true) {
            return Ok(());
        }
        app.client
            .active_element()
            .await?
            .send_keys("\u{E004}")
            .await?;
    }
    Err(format!("Tab never reached {css}").into())
}

async fn type_keys(app: &App, keys: &str) -> R {
    app.client.active_element().await?.send_keys(keys).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn keyboard_only_from_an_empty_database_to_a_valid_area() -> R {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(dir.path(), &[]).await?;
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
