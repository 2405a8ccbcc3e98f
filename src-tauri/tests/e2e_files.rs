//! Files, end to end: import with a preview, export, roll forward, a bad database file, a backup copy, a sheet sent back by the areas.
//! Screenshots of each main screen land in tests/screenshots/.

#[macro_use]
mod common;

use common::ui::*;
use common::{Case, R};

#[tokio::test(flavor = "multi_thread")]
async fn import_with_preview_export_and_roll_forward() -> R {
    let case = Case::new().await?;
    let sheet = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../data/piano-obiettivi-2020-2022.csv");
    let out = case.file("piano.xlsx");
    let app = case
        .start(&[
            ("PIANO_OBIETTIVI_TEST_OPEN_PATH", &sheet),
            ("PIANO_OBIETTIVI_TEST_SAVE_PATH", &out),
        ])
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

    menu(&app, "export-xlsx").await?;
    app.wait_text("#toast", "Piano esportato").await?;
    let rows = piano::formats::workbook::workbook_rows(&std::fs::read(&out)?, None)?.1;
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
    let case = Case::new().await?;
    let db = case.db();
    std::fs::write(
        &db,
        "Questo è un foglio di appunti, non un database.\n".repeat(100),
    )?;
    let before = std::fs::read(&db)?;
    let app = case.start(&[]).await?;
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
    let case = Case::new().await?;
    let (app, copy) = case.start_saving("copia.sqlite").await?;
    app.open_demo().await?;
    menu(&app, "backup").await?;
    app.wait_text("#toast", "Copia di sicurezza salvata")
        .await?;
    let store = piano::Store::open(&copy)?;
    assert_eq!(store.list_plans()?.len(), 1, "the copy holds the plan");
    app.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sheet_sent_back_by_the_areas_updates_the_plan_after_a_preview() -> R {
    let case = Case::new().await?;
    // The reference sheet as an area sends it back: its first weight changed.
    let sheet = sheet_from_the_areas(case.path())?;
    let app = case
        .start(&[("PIANO_OBIETTIVI_TEST_OPEN_PATH", &sheet)])
        .await?;
    app.open_demo().await?;
    menu(&app, "update-from-sheet").await?;
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

/// Issue 32: a sheet with twelve bad cells is refused with all twelve listed in the import
/// dialog, in a list the keyboard reaches and scrolls, with axe at zero; nothing is saved.
/// Then a sheet whose rows leave the indicator blank imports, the rows «da completare» among
/// the problems.
#[tokio::test(flavor = "multi_thread")]
async fn a_refused_sheet_lists_every_problem() -> R {
    let case = Case::new().await?;
    let header = "Area;Anni;Servizio organizzativo;Tipologia;Descrizione obiettivo;Risultato atteso;Indicatore di risultato;Peso";
    let bad: Vec<String> = (0..12)
        .map(|i| format!("AREA {i};2024;SERVIZI;S;Obiettivo {i};Risultato;Indicatore;-{i}5"))
        .collect();
    let sheet = case.file("foglio.csv");
    std::fs::write(&sheet, format!("{header}\r\n{}\r\n", bad.join("\r\n")))?;
    let app = case
        .start(&[("PIANO_OBIETTIVI_TEST_OPEN_PATH", &sheet)])
        .await?;
    let mut faults = Vec::new();
    app.click("#import-csv").await?;
    app.wait_text("#import-error", "Il foglio ha 12 problemi da correggere")
        .await?;
    let listed = app
        .js("return [...document.querySelectorAll('#import-problems li')].map((li) => li.textContent)")
        .await?;
    let listed: Vec<String> = serde_json::from_value(listed)?;
    assert_eq!(listed.len(), 12, "{listed:?}");
    assert!(
        listed[11].starts_with("riga 13, colonna «Peso»: "),
        "{}",
        listed[11]
    );
    // The list takes the keyboard's focus (Tab from the dialog), so that it scrolls.
    tab_to(&app, "#import-problems", 10).await?;
    app.screenshot("13-foglio-con-problemi").await?;
    audit(&app, "foglio rifiutato", &mut faults).await?;
    assert_eq!(objective_count(&app.db)?, 0, "nothing saved");
    close_dialog(&app).await?;

    // The same rows with the indicator left blank and valid weights: imported.
    let blank: Vec<String> = (0..11)
        .map(|i| format!("AREA {i};2024;SERVIZI;S;Obiettivo {i};Entro il 31.12.2024;;100"))
        .collect();
    std::fs::write(&sheet, format!("{header}\r\n{}\r\n", blank.join("\r\n")))?;
    app.click("#import-csv").await?;
    app.wait_text("#import-summary", "11 righe").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#problems-button", "11 avvisi").await?;
    assert_eq!(objective_count(&app.db)?, 11);
    app.screen_matches_db("importing a sheet with blank indicators")
        .await?;
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    app.quit().await
}
