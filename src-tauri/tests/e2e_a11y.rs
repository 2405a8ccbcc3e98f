//! Accessibility, measured (WCAG 2.1 AA, as L. 4/2004 and the AgID guidelines ask): axe-core
//! on every main screen and every dialog, and a keyboard-only pass over the editor and the
//! results that checks each focused control shows where the focus is. The same code runs
//! in WebKitGTK and in Chromium (PIANO_E2E_ENGINE). A violation fails the test with the
//! rule's id and the element.

mod common;

use common::ui::{
    approve_in_window, audit, close_dialog, menu, select_area, sheet_from_the_areas, MENUS,
};
use common::{App, Case, R};

/// Opens a dialog with `open`, audits it, closes it.
macro_rules! dialog {
    ($app:expr, $faults:expr, $name:expr, $open:expr) => {{
        $open;
        $app.wait_for("dialog[open]")
            .await
            .map_err(|e| format!("the dialog «{}» did not open: {e}", $name))?;
        audit(&$app, $name, &mut $faults).await?;
        close_dialog(&$app).await?;
    }};
}

#[tokio::test(flavor = "multi_thread")]
async fn every_screen_and_dialog_passes_axe_wcag_21_aa() -> R {
    let case = Case::new().await?;
    let csv = sheet_from_the_areas(case.path())?;
    let save = case.file("copia.sqlite");
    let app = case
        .start(&[
            ("PIANO_OBIETTIVI_TEST_OPEN_PATH", &csv),
            ("PIANO_OBIETTIVI_TEST_SAVE_PATH", &save),
        ])
        .await?;
    let mut faults = Vec::new();

    // Welcome, and what opens from it.
    app.wait_for("#welcome-title").await?;
    audit(&app, "benvenuto", &mut faults).await?;
    dialog!(app, faults, "nuovo piano", app.click("#new-plan").await?);
    dialog!(
        app,
        faults,
        "informazioni",
        app.click("#about-button").await?
    );
    app.click("#about-button").await?;
    app.click("#open-copies").await?;
    app.wait_for("dialog[open] #copies").await?;
    audit(&app, "copie automatiche", &mut faults).await?;
    close_dialog(&app).await?;

    // The editor of a version in preparation, and its dialogs.
    app.open_demo().await?;
    audit(&app, "editor in preparazione", &mut faults).await?;
    // The menus by task, each open.
    for m in MENUS {
        app.click(&format!("#menu-{m}-button")).await?;
        app.wait_for(&format!("#menu-{m}-list:not([hidden])"))
            .await?;
        audit(&app, &format!("menu {m}"), &mut faults).await?;
        app.click(&format!("#menu-{m}-button")).await?;
    }
    dialog!(
        app,
        faults,
        "problemi",
        app.click("#problems-button").await?
    );
    dialog!(
        app,
        faults,
        "obiettivo",
        app.click(".area section.period .add-objective").await?
    );
    dialog!(
        app,
        faults,
        "modifica obiettivo",
        app.click(".area section.period tbody tr .edit-objective")
            .await?
    );
    dialog!(
        app,
        faults,
        "azioni della riga",
        app.click(".area section.period tbody tr .row-menu").await?
    );
    dialog!(app, faults, "nuova area", app.click("#add-area").await?);
    dialog!(app, faults, "modifica area", app.click("#edit-area").await?);
    dialog!(
        app,
        faults,
        "dati del piano",
        menu(&app, "edit-plan").await?
    );
    dialog!(
        app,
        faults,
        "nuovo periodo",
        menu(&app, "add-period").await?
    );
    dialog!(
        app,
        faults,
        "aggiorna da foglio",
        menu(&app, "update-from-sheet").await?
    );
    dialog!(app, faults, "ripristino", menu(&app, "restore").await?);
    dialog!(app, faults, "versioni", menu(&app, "versions").await?);
    // A message on screen.
    menu(&app, "backup").await?;
    app.wait_text("#toast", "Copia di sicurezza salvata")
        .await?;
    audit(&app, "messaggio", &mut faults).await?;

    // Approval: its dialog, then the editor of an approved version.
    select_area(&app, "AREA SERVIZI SOCIALI").await?;
    let second = ".area section.period:nth-of-type(2)";
    app.click(&format!("{second} tbody tr:nth-child(1) .edit-objective"))
        .await?;
    app.fill("#f-obj-weight", "40").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#problems-button", "Pesi corretti").await?;
    menu(&app, "approve").await?;
    app.wait_text("#approval-warnings", "AREA SERVIZI TECNICI")
        .await?;
    audit(&app, "approvazione", &mut faults).await?;
    app.fill("#f-act-number", "12").await?;
    app.fill("#f-act-date", "15/02/2020").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#f-act-confirm-error", "conferma").await?;
    audit(&app, "approvazione, errore sotto il campo", &mut faults).await?;
    app.wait_for("#f-act-confirm")
        .await?
        .select_by_label("Sì, approvo comunque")
        .await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#frozen-banner", "n. 12 del 15/02/2020")
        .await?;
    audit(&app, "editor approvato", &mut faults).await?;
    dialog!(
        app,
        faults,
        "annulla l'approvazione",
        menu(&app, "revoke").await?
    );

    // The results of the year and their dialogs.
    app.click("#banner-results").await?;
    app.wait_for(".results-table").await?;
    audit(&app, "risultati", &mut faults).await?;
    dialog!(
        app,
        faults,
        "fasce e prerequisiti",
        app.click("#results-smvp").await?
    );
    dialog!(
        app,
        faults,
        "relazione",
        app.click("#relazione-approve").await?
    );

    // The plan list, and what opens from it.
    app.click("#results-back").await?;
    app.wait_for("#frozen-banner").await?;
    app.click("#back-to-plans").await?;
    app.wait_for("#plans").await?;
    audit(&app, "elenco dei piani", &mut faults).await?;
    dialog!(
        app,
        faults,
        "nuovo triennio",
        app.click("#plans .roll-plan").await?
    );
    dialog!(
        app,
        faults,
        "anteprima importazione",
        app.click("#import-csv").await?
    );

    assert!(
        faults.is_empty(),
        "axe-core found {} WCAG 2.1 A/AA violations:\n{}",
        faults.len(),
        faults.join("\n")
    );
    app.quit().await
}

/// Where the focus is, as the page shows it: the focused element, and whether its outline
/// or shadow is drawn.
const FOCUS_JS: &str = r#"
const e = document.activeElement;
if (!e || e === document.body) return null;
const s = getComputedStyle(e);
const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
const shadow = s.boxShadow && s.boxShadow !== 'none';
const r = e.getBoundingClientRect();
return { html: e.outerHTML.slice(0, 120), visible: outline || shadow, onScreen: r.width > 0 && r.height > 0 };
"#;

/// Presses Tab `n` times from where the focus is; every element reached must show it.
async fn tab_through(app: &App, screen: &str, n: usize, faults: &mut Vec<String>) -> R<usize> {
    let mut seen = std::collections::HashSet::new();
    for _ in 0..n {
        app.client
            .active_element()
            .await?
            .send_keys("\u{E004}")
            .await?;
        let f = app.js(FOCUS_JS).await?;
        if f.is_null() {
            continue;
        }
        let html = f["html"].as_str().unwrap_or_default().to_string();
        if f["visible"] != serde_json::json!(true) || f["onScreen"] != serde_json::json!(true) {
            faults.push(format!("[{screen}] focus not visible on {html}"));
        }
        seen.insert(html);
    }
    Ok(seen.len())
}

#[tokio::test(flavor = "multi_thread")]
async fn keyboard_focus_is_always_visible_in_the_editor_and_the_results() -> R {
    let case = Case::new().await?;
    common::ui::reference_plan_with_valid_weights(&case.db())?;
    let app = case.start(&[]).await?;
    app.click("#plans .open-plan").await?;
    app.wait_text("#plan-heading", "PIANO OBIETTIVI 2020-2022")
        .await?;
    let mut faults = Vec::new();
    // The plan opens on its cycle.
    app.wait_for("#cycle-steps").await?;
    app.js("document.activeElement.blur(); document.body.focus();")
        .await?;
    let cycle = tab_through(&app, "ciclo", 40, &mut faults).await?;
    assert!(cycle >= 20, "Tab reached {cycle} controls of the cycle");
    app.click("#cycle-back").await?;
    app.wait_for("#area-title").await?;
    app.js("document.activeElement.blur(); document.body.focus();")
        .await?;
    let editor = tab_through(&app, "editor", 60, &mut faults).await?;
    assert!(editor >= 30, "Tab reached {editor} controls of the editor");

    // The results, on an approved plan.
    approve_in_window(&app).await?;
    app.click("#banner-results").await?;
    app.wait_for(".results-table").await?;
    app.js("document.activeElement.blur();").await?;
    let results = tab_through(&app, "risultati", 40, &mut faults).await?;
    assert!(
        results >= 20,
        "Tab reached {results} controls of the results"
    );
    assert!(
        faults.is_empty(),
        "a focused control does not show its focus:\n{}",
        faults.join("\n")
    );
    app.quit().await
}
