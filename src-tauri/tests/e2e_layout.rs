//! The screens offices have: a 1366×768 laptop at Windows' 125% (1093×614 CSS pixels) and
//! the window's minimum, 900×600 (also a 1800-pixel screen at 200%). The editor of a version
//! in preparation and of an approved one, and the results view, measured from the page's
//! own geometry: no word broken inside, no number wrapped, no control overlapping another,
//! no text spilling out of its cell, no page wider than the window. Both engines.

mod common;

use common::ui::{approve_in_window, layout_faults, menu, MENUS};
use common::{App, Case, R};

const SIZES: [(u32, u32); 2] = [(1093, 614), (900, 600)];

/// The reference plan with its weights fixed, so that it can be approved; Affari Generali
/// led by Mario Rossi (the evaluation has a scheda to show), its targets accepted (the
/// editor shows them, the monitoring has deadlines).
fn demo(dir: &std::path::Path) -> R<i64> {
    let db = dir.join("piano.sqlite");
    let id = common::ui::reference_plan_with_valid_weights(&db)?;
    let mut store = piano::Store::open(&db)?;
    use piano::prelude::*;
    store.accept_proposals(id, None, None)?;
    for a in store.list_areas(id)? {
        if a.name == "AREA AFFARI GENERALI" {
            store.update_area(a.id, &a.name, "Mario Rossi")?;
        }
    }
    Ok(id)
}

/// From the results to the evaluation (Mario Rossi's scheda).
async fn to_evaluation(app: &App) -> R {
    app.click("#results-evaluation").await?;
    app.wait_text("#evaluation-title", "Mario Rossi").await?;
    Ok(())
}

/// From the evaluation back to the plan, and into the monitoring with a date added.
async fn to_monitoring(app: &App) -> R {
    app.click("#evaluation-back").await?;
    app.wait_for(".results-table").await?;
    app.click("#results-back").await?;
    app.wait_for("#frozen-banner").await?;
    app.click("#banner-monitoring").await?;
    app.click("#monitor-add-first").await?;
    app.fill("#f-monitor-new-date", "30/06/2020").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_for(".monitor-table").await?;
    // Back at the top, as the view opens (the closing dialog's focus may have scrolled it).
    app.js("document.getElementById('main').scrollTop = 0; window.scrollTo(0, 0); return true")
        .await?;
    Ok(())
}

async fn check(app: &App, screen: &str, faults: &mut Vec<String>) -> R {
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    for f in layout_faults(app).await? {
        faults.push(format!("[{screen}] {f}"));
    }
    app.screenshot(&format!("piccolo-{screen}")).await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_editor_and_the_results_fit_small_screens() -> R {
    let mut faults = Vec::new();
    for size in SIZES {
        let case = Case::new().await?;
        demo(case.path())?;
        let app = App::start_sized(case.path(), &[], size).await?;
        let tag = format!("{}x{}", size.0, size.1);
        app.click("#plans .open-plan").await?;
        app.wait_text("#plan-heading", "PIANO OBIETTIVI 2020-2022")
            .await?;
        // A plan opens on its cycle; the editor is one click away.
        app.wait_for("#cycle-steps").await?;
        check(&app, &format!("{tag}-ciclo-inizio"), &mut faults).await?;
        app.click("#cycle-back").await?;
        app.wait_for("#area-title").await?;
        check(&app, &format!("{tag}-editor"), &mut faults).await?;
        // The area with the longest texts, and the plan list.
        app.wait_for("#area-select")
            .await?
            .select_by_label("AREA ECONOMICO FINANZIARIA")
            .await?;
        app.wait_text("#area-title", "AREA ECONOMICO FINANZIARIA")
            .await?;
        check(&app, &format!("{tag}-editor-area"), &mut faults).await?;
        for m in MENUS {
            app.click(&format!("#menu-{m}-button")).await?;
            check(&app, &format!("{tag}-menu-{m}"), &mut faults).await?;
            app.click(&format!("#menu-{m}-button")).await?;
        }
        approve_in_window(&app).await?;
        app.wait_for("#frozen-banner").await?;
        check(&app, &format!("{tag}-approvato"), &mut faults).await?;
        menu(&app, "cycle").await?;
        app.wait_for("#cycle-steps").await?;
        check(&app, &format!("{tag}-ciclo"), &mut faults).await?;
        app.click("#cycle-back").await?;
        app.wait_for("#frozen-banner").await?;
        app.click("#banner-results").await?;
        app.wait_for(".results-table").await?;
        check(&app, &format!("{tag}-risultati"), &mut faults).await?;
        to_evaluation(&app).await?;
        check(&app, &format!("{tag}-valutazione"), &mut faults).await?;
        to_monitoring(&app).await?;
        check(&app, &format!("{tag}-monitoraggio"), &mut faults).await?;
        app.click("#guide-button").await?;
        app.wait_for("#guide-dialog[open] #guide-chapter[data-chapter]")
            .await?;
        check(&app, &format!("{tag}-guida"), &mut faults).await?;
        app.quit().await?;
    }
    assert!(
        faults.is_empty(),
        "{} layout faults on small screens:\n{}",
        faults.len(),
        faults.join("\n")
    );
    Ok(())
}

/// 200% zoom (WCAG 1.4.4, 1.4.10): the usual 1280×820 window is then 640×410 CSS pixels.
/// Always in Chromium, the only engine here that zooms; screenshots in
/// tests/screenshots/chromium/zoom-200-*.png.
#[tokio::test(flavor = "multi_thread")]
async fn every_screen_works_at_200_percent_zoom() -> R {
    let case = Case::new().await?;
    demo(case.path())?;
    let app = App::start_zoomed(case.path(), (640, 410), 2).await?;
    let width = app.js("return window.innerWidth").await?;
    assert_eq!(
        width,
        serde_json::json!(640),
        "the page is 640 CSS pixels wide"
    );
    let mut faults = Vec::new();
    let shot = |name: &str| format!("zoom-200-{name}");
    zoom_check(&app, &shot("elenco"), &mut faults).await?;
    app.click("#plans .open-plan").await?;
    app.wait_text("#plan-heading", "PIANO OBIETTIVI 2020-2022")
        .await?;
    app.wait_for("#cycle-steps").await?;
    zoom_check(&app, &shot("ciclo-inizio"), &mut faults).await?;
    app.click("#cycle-back").await?;
    app.wait_for("#area-title").await?;
    zoom_check(&app, &shot("editor"), &mut faults).await?;
    app.click(".area section.period tbody tr .edit-objective")
        .await?;
    app.wait_for("dialog[open]").await?;
    zoom_check(&app, &shot("obiettivo"), &mut faults).await?;
    common::ui::close_dialog(&app).await?;
    for m in MENUS {
        app.click(&format!("#menu-{m}-button")).await?;
        zoom_check(&app, &shot(&format!("menu-{m}")), &mut faults).await?;
        app.click(&format!("#menu-{m}-button")).await?;
    }
    menu(&app, "approve").await?;
    app.fill("#f-act-number", "12").await?;
    app.fill("#f-act-date", "15/02/2020").await?;
    zoom_check(&app, &shot("approvazione"), &mut faults).await?;
    app.wait_for("#f-act-confirm")
        .await?
        .select_by_label("Sì, approvo comunque")
        .await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_for("#frozen-banner").await?;
    zoom_check(&app, &shot("approvato"), &mut faults).await?;
    menu(&app, "cycle").await?;
    app.wait_for("#cycle-steps").await?;
    zoom_check(&app, &shot("ciclo"), &mut faults).await?;
    app.click("#cycle-back").await?;
    app.wait_for("#frozen-banner").await?;
    app.click("#banner-results").await?;
    app.wait_for(".results-table").await?;
    zoom_check(&app, &shot("risultati"), &mut faults).await?;
    to_evaluation(&app).await?;
    zoom_check(&app, &shot("valutazione"), &mut faults).await?;
    to_monitoring(&app).await?;
    zoom_check(&app, &shot("monitoraggio"), &mut faults).await?;
    app.click("#about-button").await?;
    app.wait_for("dialog[open]").await?;
    zoom_check(&app, &shot("informazioni"), &mut faults).await?;
    common::ui::close_dialog(&app).await?;
    app.click("#guide-button").await?;
    app.wait_for("#guide-dialog[open] #guide-chapter[data-chapter]")
        .await?;
    zoom_check(&app, &shot("guida"), &mut faults).await?;
    app.quit().await?;
    assert!(
        faults.is_empty(),
        "{} faults at 200% zoom:\n{}",
        faults.len(),
        faults.join("\n")
    );
    Ok(())
}

async fn zoom_check(app: &App, name: &str, faults: &mut Vec<String>) -> R {
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    for f in layout_faults(app).await? {
        faults.push(format!("[{name}] {f}"));
    }
    // Always in Chromium's folder: see the test's comment.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let png = app.png().await?;
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/screenshots/chromium");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join(format!("{name}.png")), png)?;
    Ok(())
}
