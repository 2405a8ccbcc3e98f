//! The automatic copies, end to end: the day's copy made at start and shown in
//! «Informazioni», a second place that cannot be reached said once in the status line and
//! then chosen again, a copy restored from «Copie automatiche», and a damaged database
//! recovered in one click. Screenshots land in tests/screenshots/.

#[allow(unused_macros)]
#[macro_use]
mod common;

use common::{App, Case, R};
use piano::db::copies::{self, Reason};
use piano::prelude::*;

fn count_rows(app_rows: &serde_json::Value) -> usize {
    app_rows.as_u64().unwrap_or(0) as usize
}

/// Waits until the «Copie automatiche» table shows `n` copies.
async fn wait_rows(app: &App, n: usize) -> R {
    for _ in 0..150 {
        let rows = app
            .js("return document.querySelectorAll('dialog[open] .copies-table tbody tr').length")
            .await?;
        if count_rows(&rows) == n {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("the copies' table never showed {n} rows").into())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_days_copy_a_second_place_that_comes_and_goes_and_a_restore() -> R {
    let case = Case::new().await?;
    let db = case.db();
    let usb = case.file("chiavetta");
    std::fs::create_dir(&usb)?;
    {
        let mut store = Store::open(&db)?;
        store.load_demo()?;
        copies::set_second_place(store.conn(), Some(&usb))?;
    }
    // The key is not plugged in when the app starts.
    let away = case.file("chiavetta-altrove");
    std::fs::rename(&usb, &away)?;
    let app = case
        .start(&[("PIANO_OBIETTIVI_TEST_OPEN_PATH", &usb)])
        .await?;
    app.wait_text("#copy-notice", "Copia non scritta nella seconda cartella")
        .await?;
    let toast = app
        .wait_text("#toast", "non nella seconda cartella")
        .await?;
    assert!(toast.contains("non è raggiungibile"), "{toast}");
    let local = copies::list(&db);
    assert_eq!(
        local.len(),
        1,
        "the day's copy is made locally all the same"
    );
    assert_eq!(local[0].reason, Reason::Daily);
    app.screenshot("24-seconda-cartella-assente").await?;

    // «Informazioni»: when and where the last copy is, and the problem.
    app.click("#about-button").await?;
    let last = app
        .wait_text("#about-last-copy", "copia del giorno")
        .await?;
    assert!(last.contains(&local[0].made_text), "{last}");
    assert!(
        last.contains(&case.file("copie").display().to_string()),
        "{last}"
    );
    app.wait_text("#about-second-place", "non è raggiungibile")
        .await?;
    app.screenshot("25-informazioni-copie").await?;

    // «Copie automatiche»: the list; the key comes back and is chosen again.
    app.click("#open-copies").await?;
    app.wait_text(".copies-table tbody", "copia del giorno")
        .await?;
    let rows = app
        .js("return document.querySelectorAll('.copies-table tbody tr').length")
        .await?;
    assert_eq!(count_rows(&rows), 1);
    std::fs::rename(&away, &usb)?;
    app.click("#choose-second-place").await?;
    app.wait_text("#toast", "verranno scritte anche in").await?;
    app.wait_text("#second-place", &usb.display().to_string())
        .await?;
    let hidden = app
        .js("return document.getElementById('copy-notice').hidden")
        .await?;
    assert_eq!(hidden, serde_json::json!(true), "the problem is solved");
    let there: Vec<_> = std::fs::read_dir(&usb)?.collect();
    assert_eq!(there.len(), 1, "the newest copy is in the second place");
    app.screenshot("26-copie-automatiche").await?;

    // Restore the older copy: the plan comes back as it was then.
    {
        let mut store = Store::open(&db)?;
        let id = store.list_plans()?[0].id;
        store.delete_plan(id)?;
    }
    let older = copies::list(&db)
        .into_iter()
        .last()
        .ok_or("the day's copy")?;
    let listed = copies::list(&db).len();
    app.click("dialog[open] #choose-second-place").await?;
    // The list is drawn again with the new copy (the first choice's message may still be
    // on screen, so wait for the list itself).
    wait_rows(&app, listed + 1).await?;
    let selector = format!("dialog[open] tr[data-copy='{}'] .restore-copy", older.name);
    app.click(&selector).await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("#plans", "PIANO OBIETTIVI 2020-2022").await?;
    app.wait_text("#toast", "Piani ripristinati dalla copia")
        .await?;
    let store = Store::open(&db)?;
    assert_eq!(store.list_plans()?.len(), 1, "the plan is back");
    assert!(
        copies::list(&db)
            .iter()
            .any(|c| c.reason == Reason::Restore),
        "a copy of what was there before the restore"
    );
    app.quit().await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_is_recovered_in_one_click() -> R {
    let case = Case::new().await?;
    let db = case.db();
    let copy = {
        let mut store = Store::open(&db)?;
        store.load_demo()?;
        copies::make(
            store.conn(),
            &db,
            Reason::Daily,
            chrono::Local::now().naive_local(),
        )?
        .copy
    };
    Store::open(&db)?
        .conn()
        .pragma_update(None, "journal_mode", "DELETE")?;
    let bytes = std::fs::read(&db)?;
    std::fs::write(&db, &bytes[..bytes.len() / 2])?;
    let damaged = std::fs::read(&db)?;

    let app = case.start(&[]).await?;
    app.wait_text(".fatal", "Il database non si apre").await?;
    let offer = app
        .wait_text("#recovery-copy", "L'ultima copia automatica buona")
        .await?;
    assert!(offer.contains(&copy.made_text), "{offer}");
    assert_eq!(
        std::fs::read(&db)?,
        damaged,
        "nothing touched before the click"
    );
    app.screenshot("27-recupero-offerto").await?;
    app.click("#recover-button").await?;
    app.wait_text("#plans", "PIANO OBIETTIVI 2020-2022").await?;
    let toast = app.wait_text("#toast", "messo da parte").await?;
    assert!(toast.contains(".danneggiato-"), "{toast}");
    app.screenshot("28-recupero-fatto").await?;
    let aside: Vec<_> = std::fs::read_dir(case.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.to_string_lossy().contains(".danneggiato-")
                && p.extension().is_some_and(|e| e == "sqlite")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(&aside[0])?, damaged, "kept byte for byte");
    app.quit().await
}
