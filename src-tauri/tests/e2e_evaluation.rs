//! Each manager's evaluation, end to end: a scheda filled with the keyboard, the final score
//! and the amount following the typing before anything is saved, then saved; the screen
//! compared with the database after every action; WCAG 2.1 AA audited.

#[macro_use]
mod common;

use common::ui::*;
use common::{App, R, SERIAL};
use piano::domain::evaluation::euros;
use piano::domain::results::{score_text, ResultInput};
use piano::prelude::*;

/// The approved reference plan; Mario Rossi leads Affari Generali and Economico Finanziaria
/// (2020 scores 92,00 and 85,00), Anna Bianchi Servizi Sociali (91,00).
fn plan_with_results(db: &std::path::Path) -> R<i64> {
    let id = reference_plan_with_valid_weights(db)?;
    let mut store = piano::Store::open(db)?;
    for a in store.list_areas(id)? {
        let manager = match a.name.as_str() {
            "AREA AFFARI GENERALI" | "AREA ECONOMICO FINANZIARIA" => "Mario Rossi",
            "AREA SERVIZI SOCIALI" => "Anna Bianchi",
            _ => "",
        };
        store.update_area(a.id, &a.name, manager)?;
    }
    store.approve(
        id,
        &piano::store::ActInput {
            body: String::new(),
            number: "12".into(),
            date: "2020-02-15".into(),
        },
        true,
    )?;
    let y = store.year_results(id, 2020)?;
    let mut entries = Vec::new();
    for a in &y.areas {
        let pcts: [&str; 3] = match a.name.as_str() {
            "AREA AFFARI GENERALI" => ["100", "80", "100"],
            "AREA ECONOMICO FINANZIARIA" => ["100", "50", "100"],
            "AREA SERVIZI SOCIALI" => ["70", "100", "100"],
            _ => continue,
        };
        for (r, pct) in a.rows.iter().zip(pcts) {
            entries.push((
                a.area_id,
                r.item,
                ResultInput {
                    value: "fatto".into(),
                    achievement: pct.into(),
                    note: if pct == "100" {
                        String::new()
                    } else {
                        "ritardi".into()
                    },
                    values: Vec::new(),
                },
            ));
        }
    }
    store.set_results(id, 2020, &entries)?;
    Ok(id)
}

/// The selected scheda's figures on screen equal the database's.
async fn scheda_matches_db(app: &App, plan: i64, manager: &str, after: &str) -> R {
    let started = std::time::Instant::now();
    loop {
        let e = piano::Store::open(&app.db)?.evaluation(plan, 2020)?;
        let m = e
            .managers
            .iter()
            .find(|m| m.manager == manager)
            .ok_or("manager")?;
        let want = serde_json::json!([
            m.score
                .map_or("Punteggio finale: incompleto".to_string(), |s| format!(
                    "Punteggio finale {}",
                    score_text(s)
                )),
            m.amount.map_or("Importo: –".to_string(), |a| format!(
                "Importo dovuto € {}",
                euros(a)
            )),
            format!("Totale € {}", euros(e.total)),
        ]);
        let seen = app
            .js("return [document.getElementById('ev-final').textContent, document.getElementById('ev-amount').textContent, document.getElementById('evaluation-total').textContent]")
            .await?;
        if seen == want {
            return Ok(());
        }
        if started.elapsed() > std::time::Duration::from_secs(8) {
            return Err(format!(
                "after {after}: the screen shows {seen}, the database says {want}"
            )
            .into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scheda_filled_with_the_keyboard_score_and_amount_following() -> R {
    let _serial = SERIAL.lock().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("piano.sqlite");
    let plan = plan_with_results(&db)?;
    let app = App::start(dir.path(), &[]).await?;
    app.click(".open-plan").await?;
    app.click("#banner-results").await?;
    app.wait_text("#results-area-title", "AREA AFFARI GENERALI – 2020")
        .await?;
    app.click("#results-evaluation").await?;
    app.wait_text("#evaluation-title", "Mario Rossi – scheda 2020")
        .await?;
    app.wait_text("#ev-org", "combinate: 88,50").await?;
    scheda_matches_db(&app, plan, "Mario Rossi", "opening").await?;
    let mut faults = Vec::new();
    audit(&app, "valutazione", &mut faults).await?;

    // Typed with the keyboard: 4, 5, 3, 4 on the default 1–5 scale, the colloquio, the pay.
    // 60% × 88,50 + 40% × 80,00 = 85,10 → proportional band: 85,10% of € 5.000 = € 4.255,00,
    // on screen before anything is saved.
    app.click("#ev-score-0").await?;
    type_keys(&app, "4\u{E004}\u{E004}5\u{E004}\u{E004}3\u{E004}\u{E004}4").await?;
    app.fill("#ev-colloquio", "15/03/2021").await?;
    app.fill("#ev-max-pay", "5.000").await?;
    app.wait_text("#ev-final", "Punteggio finale 85,10").await?;
    app.wait_text("#ev-amount", "Importo dovuto € 4.255,00")
        .await?;
    assert!(
        piano::Store::open(&db)?.schede(plan, 2020)?.is_empty(),
        "a preview only"
    );
    // A score off the scale is said while typing.
    app.fill("#ev-score-1", "7").await?;
    app.wait_text("#evaluation-error", "fuori dalla scala")
        .await?;
    app.fill("#ev-score-1", "5").await?;
    app.wait_text("#ev-final", "Punteggio finale 85,10").await?;
    app.screenshot("44-valutazione").await?;
    app.click("#evaluation-save").await?;
    app.wait_text("#evaluation-total", "Totale € 4.255,00")
        .await?;
    scheda_matches_db(&app, plan, "Mario Rossi", "saving the scheda").await?;
    let e = piano::Store::open(&db)?.evaluation(plan, 2020)?;
    assert_eq!(e.managers[0].amount, Some(425_500));
    audit(&app, "valutazione salvata", &mut faults).await?;

    // The other manager.
    app.click("#evaluation-list li:nth-child(2) .area-pick")
        .await?;
    app.wait_text("#evaluation-title", "Anna Bianchi – scheda 2020")
        .await?;
    scheda_matches_db(&app, plan, "Anna Bianchi", "choosing Anna Bianchi").await?;
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    app.quit().await
}
