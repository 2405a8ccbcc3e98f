//! Versions, end to end: approval, the read-only editor, a variation and its change annex.
//! Screenshots of each main screen land in tests/screenshots/.

#[macro_use]
mod common;

use common::ui::*;
use common::{Case, R};

#[tokio::test(flavor = "multi_thread")]
async fn approve_then_read_only_then_a_variation_and_its_change_annex() -> R {
    let case = Case::new().await?;
    let (app, pdf) = case.start_saving("variazioni.pdf").await?;
    app.open_demo().await?;
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
    menu(&app, "approve").await?;
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
        // (the indicators dialog and the deadlines still open: they only read)
        .js("return [...document.querySelectorAll('.editor button:not(.area-pick):not(.read-ok)')].filter((b) => !b.disabled).length")
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
    menu(&app, "changes-pdf").await?;
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
