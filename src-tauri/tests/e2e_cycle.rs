//! «Il ciclo dell'anno» end to end (issue 33): the screen shows each step with the core's
//! status and the urgent ones first; from it the officer reaches every step's screen with
//! the keyboard only (monitoring, results, evaluation, the plan, the PIAO's draft); the PIAO's
//! act is recorded in its dialog and the step turns done; axe finds nothing.

#[macro_use]
mod common;

use common::ui::*;
use common::{App, Case, R};
use piano::prelude::*;

/// Each step on screen: (key, status), in order.
const STEPS_JS: &str = "return [...document.querySelectorAll('#cycle-steps .cycle-step')].map((li) => [li.dataset.key, li.dataset.status])";

/// Each step of the core's cycle with its status as the page names it ("done", "late"…).
fn step_statuses(cycle: &piano::ops::cycle::Cycle) -> Vec<(String, String)> {
    let status = |s: &piano::domain::cycle::Step| {
        serde_json::to_value(s.status)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    };
    cycle
        .steps
        .iter()
        .map(|s| (s.key.clone(), status(s)))
        .collect()
}

async fn steps_match_core(app: &App, plan: i64, year: i32) -> R {
    let today = chrono::Local::now().date_naive();
    let core = piano::Store::open(&app.db)?.cycle(plan, Some(year), today)?;
    let want = step_statuses(&core);
    for _ in 0..100 {
        let shown: Vec<(String, String)> = serde_json::from_value(app.js(STEPS_JS).await?)?;
        if shown == want {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    }
    let shown = app.js(STEPS_JS).await?;
    Err(format!("the cycle on screen {shown} is not the core's {want:?}").into())
}

/// From the cycle, by keyboard: Tab to the step's button, Enter, wait for `arrived`, back.
async fn reach(app: &App, key: &str, arrived: &str, back: &str) -> R {
    app.wait_for("#cycle-steps").await?;
    tab_to(app, &format!("#cycle-go-{key}"), 120).await?;
    type_keys(app, ENTER).await?;
    app.wait_for(arrived).await?;
    app.click(back).await?;
    Ok(())
}

async fn open_cycle(app: &App) -> R {
    menu(app, "cycle").await?;
    app.wait_for("#cycle-steps").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_step_is_reached_from_the_cycle_by_keyboard() -> R {
    let case = Case::new().await?;
    let db = case.db();
    let plan = approved_reference_plan(&db)?;
    piano::Store::open(&db)?.add_monitor_date(plan, "30/09/2020")?;
    let app = case.start(&[]).await?;
    // A plan opens on its cycle, its home.
    app.click(".open-plan").await?;
    app.wait_for("#cycle-steps").await?;
    app.wait_text("#plan-heading", "PIANO OBIETTIVI 2020-2022")
        .await?;
    // Today is after the plan's years: its last year, 2022, is read.
    let year = app
        .js("return Number(document.getElementById('cycle-year').value)")
        .await?;
    assert_eq!(year, serde_json::json!(2022));
    steps_match_core(&app, plan, 2022).await?;
    app.wait_text("#cycle-urgent", "Da guardare subito").await?;
    let mut faults = Vec::new();
    audit(&app, "ciclo dell'anno", &mut faults).await?;
    app.screenshot("80-ciclo-2022").await?;

    // 2020: the monitoring at 30/09 is recorded, the one at 30/06 is late.
    app.click("#cycle-year option[value='2020']").await?;
    app.wait_for("#cycle-steps [data-key='monitoraggio-2'][data-status='done']")
        .await?;
    steps_match_core(&app, plan, 2020).await?;
    app.wait_for("#cycle-steps [data-key='monitoraggio-1'][data-status='late']")
        .await?;
    app.screenshot("81-ciclo-2020").await?;

    // Every step's screen, by keyboard, and back to the cycle.
    reach(&app, "monitoraggio-2", "#monitor-back", "#monitor-back").await?;
    open_cycle(&app).await?;
    reach(&app, "risultati", "#results-back", "#results-back").await?;
    open_cycle(&app).await?;
    reach(&app, "valutazione", "#evaluation-back", "#evaluation-back").await?;
    app.click("#results-back").await?;
    open_cycle(&app).await?;
    reach(&app, "approvazione", "#area-title", "#menu-anno-button").await?;
    app.click("#menu-anno-list [data-action=cycle]").await?;
    app.wait_for("#cycle-steps").await?;
    tab_to(&app, "#cycle-go-piao", 120).await?;
    type_keys(&app, ENTER).await?;
    app.wait_for("#f-draft-format").await?;
    close_dialog(&app).await?;

    // The PIAO's act, recorded in its dialog: the step is done, with it.
    app.click("#cycle-act-piao").await?;
    app.wait_for("#f-cycle-act-number").await?;
    audit(&app, "atto del PIAO", &mut faults).await?;
    app.fill("#f-cycle-act-number", "8").await?;
    app.fill("#f-cycle-act-date", "30/01/2020").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_for("#cycle-steps [data-key='piao'][data-status='done']")
        .await?;
    app.wait_text(
        "#cycle-steps [data-key='piao'] .cycle-when",
        "n. 8 del 30/01/2020",
    )
    .await?;
    steps_match_core(&app, plan, 2020).await?;
    assert!(faults.is_empty(), "{faults:#?}");
    app.quit().await
}

/// The cycle of 2020 at three moments of the year (the app's day injected): January, when
/// the plan is being approved; October, when the monitoring at 30/09 was never done; June of
/// the year after, with the results in and the Relazione due. Each time the screen is the
/// core's cycle of that day, step by step (and `piano ciclo` is the core's too, tests/cycle.rs).
#[tokio::test(flavor = "multi_thread")]
async fn the_cycle_at_three_moments_of_the_year() -> R {
    let case = Case::new().await?;
    let db = case.db();
    // January: the plan is ready, not yet approved.
    let plan = reference_plan_with_valid_weights(&db)?;
    for (day, shot) in [
        ("2020-01-15", "82-ciclo-gennaio"),
        ("2020-10-15", "83-ciclo-ottobre"),
        ("2021-06-15", "84-ciclo-giugno-anno-dopo"),
    ] {
        if day == "2020-10-15" {
            // Approved in February, never monitored.
            piano::Store::open(&db)?.approve(plan, &giunta_2020(), true)?;
        }
        if day == "2021-06-15" {
            // By June of the year after every 2020 result is in.
            piano_testkit::type_every_result(&mut piano::Store::open(&db)?, plan, 2020, "fatto")?;
        }
        let app = case
            .start(&[("PIANO_OBIETTIVI_TEST_TODAY", std::path::Path::new(day))])
            .await?;
        // The app reopens the plan it last showed, on its cycle; the first time, from the
        // list, where «Apri» opens the cycle too.
        app.wait_for(".open-plan, #cycle-steps").await?;
        if app
            .js("return !!document.querySelector('.open-plan')")
            .await?
            == serde_json::json!(true)
        {
            app.click(".open-plan").await?;
        }
        app.wait_for("#cycle-steps").await?;
        app.click("#cycle-year option[value='2020']").await?;
        app.wait_for("#cycle-steps[aria-label='Passi del ciclo 2020']")
            .await?;
        let today = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")?;
        let core = piano::Store::open(&db)?.cycle(plan, Some(2020), today)?;
        let want = step_statuses(&core);
        let shown: Vec<(String, String)> = serde_json::from_value(app.js(STEPS_JS).await?)?;
        assert_eq!(shown, want, "{day}");
        app.screenshot(shot).await?;
        if day == "2020-01-15" {
            let approval = shown
                .iter()
                .find(|(k, _)| k == "approvazione")
                .ok_or("approvazione")?;
            assert_eq!(approval.1, "due", "the approval is due by 31/01");
            app.wait_text("#cycle-urgent", "Piano approvato dalla Giunta")
                .await?;
        }
        if day == "2020-10-15" {
            let m2 = shown
                .iter()
                .find(|(k, _)| k == "monitoraggio-2")
                .ok_or("m2")?;
            assert_eq!(m2.1, "late", "the monitoring at 30/09 is late on 15/10");
        }
        if day == "2021-06-15" {
            let results = shown
                .iter()
                .find(|(k, _)| k == "risultati")
                .ok_or("risultati")?;
            assert_eq!(results.1, "done");
            app.wait_text("#cycle-urgent", "Relazione sulla performance approvata")
                .await?;
        }
        app.quit().await?;
    }
    Ok(())
}
