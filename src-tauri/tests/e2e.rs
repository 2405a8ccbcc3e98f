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

/// The id of the area named `name`, as the area list shows it.
async fn area_id(app: &App, name: &str) -> R<i64> {
    let v = app
        .client
        .execute(
            "const li = [...document.querySelectorAll('#area-list > li')].find((l) => l.querySelector('.name').textContent === arguments[0]); return li ? Number(li.dataset.areaId) : null;",
            vec![serde_json::json!(name)],
        )
        .await?;
    v.as_i64()
        .ok_or_else(|| format!("no area {name} in the list").into())
}

/// Opens the "⋯" menu of the `n`-th row (1-based) of a period section and picks `item`.
async fn row_menu(app: &App, section: &str, n: usize, item: &str) -> R {
    app.click(&format!("{section} tbody tr:nth-child({n}) .row-menu"))
        .await?;
    app.click(&format!("dialog[open] {item}")).await?;
    Ok(())
}

/// The text of a PDF the app wrote, as poppler's pdftotext reads it.
fn pdf_text(pdf: &std::path::Path) -> R<String> {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs `action`, then waits until it is saved and the screen shows the database's state.
macro_rules! step {
    ($app:expr, $label:expr, $action:expr) => {{
        let before = $app.dump()?;
        $action;
        $app.saved_and_shown(&before, $label).await?;
    }};
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
    let at = app
        .js("const e = document.activeElement; return e ? e.outerHTML.slice(0, 200) : 'nothing';")
        .await?;
    Err(format!("Tab never reached {css}; focus is on {at}").into())
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

#[tokio::test(flavor = "multi_thread")]
async fn every_editor_control_keeps_the_screen_in_step_with_the_database() -> R {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(dir.path(), &[]).await?;
    app.click("#demo").await?;
    app.wait_text("#plan-heading", "PIANO OBIETTIVI 2020-2022")
        .await?;
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
        app.click("#plan-menu-button").await?;
        app.click("#plan-menu [data-action=add-period]").await?;
        app.fill("#f-period-first", "2021").await?;
        app.fill("#f-period-last", "2022").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    app.wait_text(&format!("{second} h3"), "ANNO 2021 E 2022")
        .await?;

    // Plan: edit its data, duplicate it (the copy opens).
    step!(app, "editing the plan's data", {
        app.click("#plan-menu-button").await?;
        app.click("#plan-menu [data-action=edit-plan]").await?;
        app.fill("#f-entity", "Unione dei Comuni di prova").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    app.wait_text("#plan-heading", "Unione dei Comuni di prova")
        .await?;
    let original = app
        .js("return document.querySelector('.editor').dataset.planId")
        .await?;
    step!(app, "duplicating the plan", {
        app.click("#plan-menu-button").await?;
        app.click("#plan-menu [data-action=duplicate-plan]").await?;
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

#[tokio::test(flavor = "multi_thread")]
async fn approve_then_read_only_then_a_variation_and_its_change_annex() -> R {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir()?;
    let pdf = dir.path().join("variazioni.pdf");
    let app = App::start(dir.path(), &[("PIANO_OBIETTIVI_TEST_SAVE_PATH", &pdf)]).await?;
    app.click("#demo").await?;
    app.wait_text("#plan-heading", "PIANO OBIETTIVI 2020-2022")
        .await?;
    app.wait_text("#version-label", "Proposta – in preparazione")
        .await?;

    // Servizi Sociali 2021-2022 reaches 100 (first row 30 → 40).
    select_area(&app, "AREA SERVIZI SOCIALI").await?;
    let second = ".area section.period:nth-of-type(2)";
    step!(app, "fixing Servizi Sociali", {
        app.click(&format!("{second} tbody tr:nth-child(1) .edit-objective"))
            .await?;
        app.fill("#f-obj-weight", "40").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });

    // Approve: the near copy is a warning to confirm.
    app.click("#plan-menu-button").await?;
    app.click("#plan-menu [data-action=approve]").await?;
    app.wait_text("#approval-warnings", "AREA SERVIZI TECNICI")
        .await?;
    app.fill("#f-act-number", "12").await?;
    app.fill("#f-act-date", "15/02/2020").await?;
    app.screenshot("16-approvazione").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#f-act-confirm-error", "conferma").await?;
    app.wait_for("#f-act-confirm")
        .await?
        .select_by_label("Sì, approvo comunque")
        .await?;
    step!(
        app,
        "approving",
        app.click("dialog[open] button[type=submit]").await?
    );
    let banner = app
        .wait_text("#frozen-banner", "n. 12 del 15/02/2020")
        .await?;
    assert!(banner.contains("Giunta dell'Unione"), "{banner}");
    let enabled = app
        .js("return [...document.querySelectorAll('.editor button:not(.area-pick)')].filter((b) => !b.disabled).length")
        .await?;
    assert_eq!(
        enabled,
        serde_json::json!(0),
        "every editing control is off"
    );
    assert_eq!(
        app.text("#version-label").await?,
        "Proposta – approvata con delibera n. 12 del 15/02/2020"
    );
    app.screenshot("17-versione-approvata").await?;
    // Even a call that slipped past the disabled controls changes nothing.
    let before = app.dump()?;
    let refused = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; const id = Number(document.querySelector('.editor').dataset.planId); const row = Number(document.querySelector('tbody tr').dataset.placementId); window.__TAURI__.core.invoke('delete_placement', { planId: id, placementId: row }).then(() => done('accepted'), (e) => done(e.message));",
            vec![],
        )
        .await?;
    assert!(
        refused.as_str().unwrap_or_default().contains("variazione"),
        "{refused}"
    );
    assert_eq!(app.dump()?, before, "nothing written");

    // A variation: a new version in preparation, editable, then its change annex.
    app.click("#start-variation").await?;
    app.wait_text("#version-label", "Variazione n. 1 – in preparazione")
        .await?;
    app.screen_matches_db("starting a variation").await?;
    step!(app, "changing a weight in the variation", {
        app.click(&format!("{second} tbody tr:nth-child(1) .edit-objective"))
            .await?;
        app.fill("#f-obj-weight", "30").await?;
        app.click("dialog[open] button[type=submit]").await?;
    });
    app.click("#plan-menu-button").await?;
    app.click("#plan-menu [data-action=changes-pdf]").await?;
    app.wait_text("#toast", "Prospetto delle variazioni salvato")
        .await?;
    let text = pdf_text(&pdf)?;
    assert!(
        text.contains("PROSPETTO DELLE VARIAZIONI")
            && text.contains("AREA SERVIZI SOCIALI – ANNO 2021 E 2022")
            && text.contains("Peso modificato"),
        "{text}"
    );
    app.screenshot("18-variazione").await?;
    app.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sheet_sent_back_by_the_areas_updates_the_plan_after_a_preview() -> R {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir()?;
    // The reference sheet as an area sends it back: its first weight changed.
    let original = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../data/piano-obiettivi-2020-2022.csv"),
    )?;
    let mut lines: Vec<String> = original.lines().map(String::from).collect();
    lines[1] = format!("{};40", lines[1].rsplit_once(';').ok_or("line")?.0);
    let sheet = dir.path().join("dalle-aree.csv");
    std::fs::write(&sheet, lines.join("\n"))?;
    let app = App::start(dir.path(), &[("PIANO_OBIETTIVI_TEST_OPEN_PATH", &sheet)]).await?;
    app.click("#demo").await?;
    app.wait_text("#plan-heading", "PIANO OBIETTIVI 2020-2022")
        .await?;
    app.click("#plan-menu-button").await?;
    app.click("#plan-menu [data-action=update-from-sheet]")
        .await?;
    let preview = app.wait_text("#update-preview", "Peso modificato").await?;
    assert!(preview.contains("30% → 40%"), "{preview}");
    app.screenshot("19-aggiorna-da-foglio").await?;
    step!(
        app,
        "updating from the sheet",
        app.click("dialog[open] button[type=submit]").await?
    );
    assert!(
        app.text("#problems-button").await?.contains("problemi"),
        "AREA AFFARI GENERALI now adds up to 110"
    );
    app.quit().await
}

/// The reference plan, approved, with the code of conduct as a prerequisite objective.
fn approved_reference_plan(db: &std::path::Path) -> R<i64> {
    let mut store = piano::Store::open(db)?;
    let id = store.load_demo()?;
    let plan = store.load(id)?;
    let area = plan
        .areas
        .iter()
        .find(|a| a.name == "AREA SERVIZI SOCIALI")
        .ok_or("area")?;
    let period = plan
        .periods
        .iter()
        .find(|p| p.first_year == 2021)
        .ok_or("period")?;
    let row = plan.cell(area.id, period.id).next().ok_or("row")?.id;
    store.set_weight(row, "40")?;
    store.approve(
        id,
        &piano::store::ActInput {
            body: String::new(),
            number: "12".into(),
            date: "2020-02-15".into(),
        },
        true,
    )?;
    store.add_prerequisite(
        id,
        "Rispetto del codice di comportamento",
        "Assenza di sanzioni disciplinari",
    )?;
    Ok(id)
}

/// Types one row of the results table and leaves it (focus on the area's title).
async fn type_result(app: &App, row: usize, value: &str, pct: &str, note: &str) -> R {
    let tr = format!(".results-table tbody tr:nth-child({row})");
    app.fill(&format!("{tr} .r-value"), value).await?;
    app.fill(&format!("{tr} .r-ach"), pct).await?;
    if note.is_empty() {
        // Left as it is: clearing it would blur the row, save it and redraw the view under
        // the next click (a stale element, now and then).
        let typed = app
            .wait_for(&format!("{tr} .r-note"))
            .await?
            .prop("value")
            .await?;
        assert_eq!(typed.as_deref(), Some(""), "row {row}'s note starts empty");
    } else {
        app.fill(&format!("{tr} .r-note"), note).await?;
    }
    app.click("#results-area-title").await?;
    Ok(())
}

/// The score of AREA AFFARI GENERALI in 2020 as the database has it (hundredths), and how
/// many of its results are missing.
fn saved_score(db: &std::path::Path, plan: i64) -> R<(u32, usize)> {
    let y = piano::Store::open(db)?.year_results(plan, 2020)?;
    let a = &y.areas[0];
    Ok((a.score, a.missing.len()))
}

#[tokio::test(flavor = "multi_thread")]
async fn results_typed_in_the_window_move_the_score_and_the_band() -> R {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir()?;
    let plan = approved_reference_plan(&dir.path().join("piano.sqlite"))?;
    let pdf = dir.path().join("risultati.pdf");
    let app = App::start(dir.path(), &[("PIANO_OBIETTIVI_TEST_SAVE_PATH", &pdf)]).await?;
    app.click(".open-plan").await?;
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
    assert_eq!(saved_score(&app.db, plan)?, (3000, 3));
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
    assert_eq!(saved_score(&app.db, plan)?, (6420, 2));

    // Enter in a percentage moves down a row, as in a spreadsheet.
    app.wait_for(&format!("{tr2} .r-ach"))
        .await?
        .send_keys(ENTER)
        .await?;
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
    assert_eq!(saved_score(&app.db, plan)?, (6420, 0));
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
    let bands = piano::Store::open(&app.db)?.bands(plan)?;
    assert_eq!(
        bands,
        vec![
            piano::results::Band {
                from: 0,
                share: Some(0)
            },
            piano::results::Band {
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
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("piano.sqlite");
    let plan = approved_reference_plan(&db)?;
    // Every result of 2020 in, as the managers' sheets would bring them.
    {
        let mut store = piano::Store::open(&db)?;
        let y = store.year_results(plan, 2020)?;
        let mut entries = Vec::new();
        for a in &y.areas {
            for r in &a.rows {
                entries.push((
                    a.area_id,
                    r.item,
                    piano::results::ResultInput {
                        value: "raggiunto".into(),
                        achievement: "100".into(),
                        note: String::new(),
                    },
                ));
            }
        }
        store.set_results(plan, 2020, &entries)?;
    }
    let app = App::start(dir.path(), &[]).await?;
    app.click(".open-plan").await?;
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
