//! Each manager's evaluation, end to end: a scheda filled with the keyboard, the final score
//! and the amount following the typing before anything is saved, then saved; the screen
//! compared with the database after every action; WCAG 2.1 AA audited.

#[macro_use]
mod common;

use common::ui::*;
use common::{App, Case, R};
use piano::domain::evaluation::euros;
use piano::domain::results::score_text;
use piano::prelude::*;

/// The approved reference plan; Mario Rossi leads Affari Generali and Economico Finanziaria
/// (2020 scores 92,00 and 85,00), Anna Bianchi Servizi Sociali (91,00).
fn plan_with_results(db: &std::path::Path) -> R<i64> {
    let id = reference_plan_with_valid_weights(db)?;
    let mut store = piano::Store::open(db)?;
    piano_testkit::name_managers(&mut store, id)?;
    store.approve(id, &giunta_2020(), true)?;
    piano_testkit::type_managed_results_2020(&mut store, id)?;
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
    let case = Case::new().await?;
    let db = case.db();
    let plan = plan_with_results(&db)?;
    let app = case.editor().await?;
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

/// A 2025 plan: three areas that pay invoices, each with one objective (70) and the
/// payment-timeliness objective (30); Mario Rossi leads two, Anna Bianchi one; approved;
/// every result 100; the Relazione approved by the Giunta, not yet validated by the Nucleo.
fn plan_2025(db: &std::path::Path) -> R<i64> {
    let head = "Area;Anni;Servizio organizzativo;Tipologia;Descrizione obiettivo;Risultato atteso;Indicatore di risultato;Peso;Tempestività pagamenti";
    let areas = [
        ("AREA AFFARI GENERALI", "Mario Rossi"),
        ("AREA ECONOMICO FINANZIARIA", "Mario Rossi"),
        ("AREA SERVIZI SOCIALI", "Anna Bianchi"),
    ];
    let mut rows = Vec::new();
    for (area, _) in areas {
        rows.push(format!("{area};2025;SERVIZI;S;Digitalizzazione dei procedimenti;Entro il 31.12.2025;Relazione;70;No"));
        rows.push(format!("{area};2025;OBIETTIVO TRASVERSALE > TEMPESTIVITA' PAGAMENTI;M;Tempestività dei pagamenti;Indicatore di ritardo annuale ≤ 0 giorni;PCC;30;Sì"));
    }
    let csv = format!("{head}\r\n{}\r\n", rows.join("\r\n"));
    let mut store = piano::Store::open(db)?;
    let id = store.import_csv(csv.as_bytes(), &piano::ImportOptions::default())?;
    for a in store.list_areas(id)? {
        let m = areas.iter().find(|(n, _)| *n == a.name).ok_or("area")?.1;
        store.update_area(a.id, &a.name, m)?;
    }
    let act = piano_testkit::act;
    store.approve(id, &act("7", "2025-01-31"), true)?;
    piano_testkit::type_every_result(&mut store, id, 2025, "fatto")?;
    store.approve_relazione(id, 2025, &act("40", "2026-04-20"))?;
    Ok(id)
}

/// The pay lines on screen equal the database's, line by line, and so does the amount.
async fn pay_matches_db(app: &App, plan: i64, manager: &str, after: &str) -> R {
    let started = std::time::Instant::now();
    loop {
        let e = piano::Store::open(&app.db)?.evaluation(plan, 2025)?;
        let m = e
            .managers
            .iter()
            .find(|m| m.manager == manager)
            .ok_or("manager")?;
        let mut want: Vec<serde_json::Value> = m
            .lines
            .iter()
            .map(|l| {
                serde_json::json!([
                    l.label,
                    l.amount
                        .map_or("–".to_string(), |a| format!("€ {}", euros(a)))
                ])
            })
            .collect();
        want.push(serde_json::json!([
            "Importo dovuto",
            m.amount
                .map_or("–".to_string(), |a| format!("€ {}", euros(a)))
        ]));
        let seen = app
            .js("return [...document.querySelectorAll('#ev-pay-lines tr')].map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent])")
            .await?;
        if seen == serde_json::Value::Array(want.clone()) {
            return Ok(());
        }
        if started.elapsed() > std::time::Duration::from_secs(8) {
            return Err(format!(
                "after {after}: the screen shows {seen}, the database says {want:?}"
            )
            .into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Waits until the pay line `label` shows `amount` (a preview, before anything is saved).
async fn pay_line_shows(app: &App, label: &str, amount: &str) -> R {
    let script = format!(
        "return [...document.querySelectorAll('#ev-pay-lines tr')].filter((tr) => tr.querySelector('th').textContent === {}).map((tr) => tr.querySelector('td').textContent)",
        serde_json::json!(label)
    );
    let started = std::time::Instant::now();
    loop {
        let seen = app.js(&script).await?;
        if seen == serde_json::json!([amount]) {
            return Ok(());
        }
        if started.elapsed() > std::time::Duration::from_secs(8) {
            return Err(format!("pay line «{label}»: {seen}, expected {amount}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Issue 28 on screen: the Nucleo validates the Relazione (the year becomes payable), the
/// indicator of delay is recorded with the revisore's check («tanti» refused), the missed
/// timeliness quota and an interim appear as lines of their own, a 30% interim and 40/60
/// components are refused naming the rule; the screen compared with the database after
/// every action; axe on every changed screen and dialog.
#[tokio::test(flavor = "multi_thread")]
async fn the_pay_follows_the_law_on_screen() -> R {
    let case = Case::new().await?;
    let db = case.db();
    let plan = plan_2025(&db)?;
    let app = case.start(&[]).await?;
    let mut faults = Vec::new();
    app.open_editor().await?;
    app.click("#banner-results").await?;
    app.wait_text("#relazione-validation", "Manca la validazione del Nucleo")
        .await?;
    app.click("#relazione-validate").await?;
    app.wait_for("#f-relv-number").await?;
    audit(&app, "validazione della Relazione", &mut faults).await?;
    app.fill("#f-relv-number", "5").await?;
    app.fill("#f-relv-date", "10/05/2026").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text(
        "#relazione-validation",
        "Validata dal Nucleo di valutazione con atto n. 5 del 10/05/2026",
    )
    .await?;
    let v = piano::Store::open(&db)?.relazione_validation(plan, 2025)?;
    assert_eq!(v.map(|a| a.number), Some("5".to_string()));
    audit(&app, "risultati con la Relazione validata", &mut faults).await?;

    app.click("#results-evaluation").await?;
    app.wait_text("#evaluation-title", "Mario Rossi – scheda 2025")
        .await?;
    app.wait_text("#evaluation-payable", "Liquidabile").await?;
    app.wait_text("#ev-delay-0", "non registrato").await?;
    pay_matches_db(&app, plan, "Mario Rossi", "opening").await?;
    audit(&app, "valutazione 2025", &mut faults).await?;

    // The entity's indicator: «tanti» is refused under its field, nothing saved; then +12.
    app.click("#ev-delay-edit-0").await?;
    app.wait_for("#f-ev-d-days").await?;
    audit(&app, "indicatore di ritardo", &mut faults).await?;
    app.fill("#f-ev-d-days", "tanti").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("dialog[open] [data-field=delay] .error", "«tanti»")
        .await?;
    assert!(piano::Store::open(&db)?
        .payment_delays(plan, 2025)?
        .is_empty());
    app.fill("#f-ev-d-days", "12").await?;
    app.fill("#f-ev-d-verifier", "Dott. Luigi Verdi").await?;
    app.fill("#f-ev-d-act", "Verbale n. 4").await?;
    app.fill("#f-ev-d-on", "20/02/2026").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text(
        "#ev-delay-0",
        "+12 giorni, verificato da Dott. Luigi Verdi il 20/02/2026",
    )
    .await?;
    assert_eq!(
        piano::Store::open(&db)?.payment_delays(plan, 2025)?[0].days,
        12
    );

    // The scheda, with the keyboard: 5 on every behaviour, the colloquio, € 10.000.
    // Score 100, timeliness missed: 70% = € 7.000,00, before anything is saved.
    app.click("#ev-score-0").await?;
    type_keys(&app, "5\u{E004}\u{E004}5\u{E004}\u{E004}5\u{E004}\u{E004}5").await?;
    app.fill("#ev-colloquio", "15/03/2026").await?;
    app.fill("#ev-max-pay", "10.000").await?;
    app.wait_text("#ev-amount", "Importo dovuto € 7.000,00")
        .await?;
    pay_line_shows(&app, "Quota di tempestività dei pagamenti (30%)", "€ 0,00").await?;
    // An interim at 30% is refused while typing; at 20% for 120 days it adds € 591,78.
    app.click("#ev-interim-add").await?;
    app.fill("#ev-int-post-0", "AREA SERVIZI TECNICI").await?;
    app.fill("#ev-int-value-0", "9.000").await?;
    app.fill("#ev-int-percent-0", "30").await?;
    app.fill("#ev-int-from-0", "01/03/2025").await?;
    app.fill("#ev-int-to-0", "28/06/2025").await?;
    app.wait_text("#evaluation-error", "tra il 15% e il 25%")
        .await?;
    app.fill("#ev-int-percent-0", "20").await?;
    app.wait_text("#ev-amount", "Importo dovuto € 7.591,78")
        .await?;
    pay_line_shows(
        &app,
        "Incarico ad interim: AREA SERVIZI TECNICI",
        "€ 591,78",
    )
    .await?;
    app.screenshot("45-valutazione-tempestivita-interim")
        .await?;
    audit(&app, "scheda con interim", &mut faults).await?;
    app.click("#evaluation-save").await?;
    app.wait_text("#evaluation-total", "Totale € 7.591,78")
        .await?;
    pay_matches_db(&app, plan, "Mario Rossi", "saving the scheda").await?;

    // Components 40/60: refused, naming the rule; nothing changes.
    app.click("#evaluation-rules").await?;
    app.wait_for("#f-ev-r-org").await?;
    audit(&app, "regole della valutazione", &mut faults).await?;
    app.fill("#f-ev-r-org", "40").await?;
    app.fill("#f-ev-r-beh", "60").await?;
    app.click("dialog[open] button[type=submit]").await?;
    app.wait_text("dialog[open]", "art. 9 c.1 lett. a D.Lgs. 150/2009")
        .await?;
    close_dialog(&app).await?;
    let e = piano::Store::open(&db)?.evaluation(plan, 2025)?;
    assert_eq!(e.rules.organisational, 6_000);
    pay_matches_db(&app, plan, "Mario Rossi", "the refused rules").await?;
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    app.quit().await
}

/// Issue 31 (the conciliation) on screen: the scheda handed over, a review asked within the
/// window, the outcome with its reason raising «Relazioni» from 3 to 4, the amount following
/// before it is saved; an outcome without a reason refused; the screen compared with the
/// database after every action; axe on the scheda with the review.
#[tokio::test(flavor = "multi_thread")]
async fn a_review_is_asked_and_decided_on_screen() -> R {
    let case = Case::new().await?;
    let db = case.db();
    let plan = plan_with_results(&db)?;
    // The year's rules with the levels of the first behaviour described.
    {
        let mut store = piano::Store::open(&db)?;
        let mut rules = store.evaluation_rules(plan, 2020)?.to_input();
        rules.levels = vec![vec![
            String::new(),
            String::new(),
            "organizza il lavoro dell'ufficio e rispetta le scadenze".into(),
            String::new(),
            "anticipa i problemi e li previene".into(),
        ]];
        store.set_evaluation_rules(plan, 2020, &rules)?;
    }
    let today = chrono::Local::now().date_naive();
    let ago = |n: u64| {
        (today - chrono::Days::new(n))
            .format("%d/%m/%Y")
            .to_string()
    };
    let (app, assignment) = case.start_saving("assegnazione.pdf").await?;
    let mut faults = Vec::new();
    app.open_editor().await?;
    app.click("#banner-results").await?;
    app.click("#results-evaluation").await?;
    app.wait_text("#evaluation-title", "Mario Rossi – scheda 2020")
        .await?;
    // A level's words shown as its score is typed.
    app.click("#ev-score-0").await?;
    type_keys(&app, "3").await?;
    app.wait_text(
        "#ev-level-0",
        "Livello 3: organizza il lavoro dell'ufficio e rispetta le scadenze",
    )
    .await?;
    app.fill("#ev-score-0", "4").await?;
    app.click("#ev-score-1").await?;
    type_keys(&app, "5\u{E004}\u{E004}3\u{E004}\u{E004}4").await?;
    app.fill("#ev-colloquio", "15/03/2021").await?;
    app.fill("#ev-max-pay", "5.000").await?;
    app.fill("#ev-handed", &ago(3)).await?;
    app.wait_text("#ev-stage", "il riesame si può chiedere fino al")
        .await?;
    app.click("#evaluation-save").await?;
    app.wait_text("#evaluation-total", "Totale € 4.255,00")
        .await?;
    scheda_matches_db(&app, plan, "Mario Rossi", "handing over").await?;
    // Asked the next day; the outcome without a reason is refused while typing.
    app.fill("#ev-requested", &ago(2)).await?;
    app.fill(
        "#ev-remarks",
        "«Relazioni» non tiene conto del progetto con i comuni.",
    )
    .await?;
    app.fill("#ev-decided", &ago(0)).await?;
    app.fill("#ev-rev-2", "4").await?;
    app.wait_text("#evaluation-error", "motivazione dell'esito")
        .await?;
    app.fill("#ev-reason", "Accolta: il progetto è documentato.")
        .await?;
    app.wait_text("#ev-amount", "Importo dovuto € 4.355,00")
        .await?;
    app.wait_text("#ev-stage", "definitiva").await?;
    audit(&app, "scheda con riesame", &mut faults).await?;
    app.screenshot("46-valutazione-riesame").await?;
    app.click("#evaluation-save").await?;
    app.wait_text("#evaluation-total", "Totale € 4.355,00")
        .await?;
    scheda_matches_db(&app, plan, "Mario Rossi", "the review decided").await?;
    let e = piano::Store::open(&db)?.evaluation(plan, 2020)?;
    assert_eq!(e.managers[0].scheda.review.revised, vec![(2, 4)]);
    // The schede di assegnazione, printed from the view.
    app.click("#evaluation-assignment").await?;
    app.wait_text("#toast", "Schede di assegnazione salvate in")
        .await?;
    assert!(std::fs::read(&assignment)?.starts_with(b"%PDF"));
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    app.quit().await
}

/// The database's individual objectives of Mario Rossi's scheda, as the table shows them
/// (description, weight, achievement), against the screen's.
async fn individuals_match_db(app: &App, plan: i64, after: &str) -> R {
    let started = std::time::Instant::now();
    loop {
        let e = piano::Store::open(&app.db)?.evaluation(plan, 2020)?;
        let m = &e.managers[0];
        let want: Vec<serde_json::Value> = m
            .scheda
            .objectives
            .iter()
            .zip(&m.achievements)
            .map(|(o, a)| {
                serde_json::json!([
                    o.description,
                    piano::domain::model::format_hundredths(o.weight.into()),
                    a.map_or("–".to_string(), |a| format!(
                        "{}%",
                        piano::domain::model::format_hundredths(a.into())
                    ))
                ])
            })
            .collect();
        let seen = app
            .js("return [...document.querySelectorAll('#ev-individuals .ev-individual')].map((b) => [b.querySelector('.ev-ind-description').value, b.querySelector('.ev-ind-weight').value, b.querySelector('.ev-ind-achieved').textContent])")
            .await?;
        if seen == serde_json::Value::Array(want.clone()) {
            return scheda_matches_db(app, plan, "Mario Rossi", after).await;
        }
        if started.elapsed() > std::time::Duration::from_secs(8) {
            return Err(format!(
                "after {after}: the screen shows {seen}, the database says {want:?}"
            )
            .into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Issue 31: individual objectives assigned with the keyboard (a count, a deadline, a yes/no;
/// weights 50/30/20), weights adding to 90 refused while typing, the assignment signed, a
/// revision at the mid-year colloquio, and at the end the values: 16 of 20 → 80%, 5 days late
/// at 2 points a day → 90%, yes → 100%: component 87,00; 50% × 88,50 + 30% × 80,00 + 20% ×
/// 87,00 = 85,65 → € 4.282,50.
#[tokio::test(flavor = "multi_thread")]
async fn individual_objectives_assigned_revised_and_measured_with_the_keyboard() -> R {
    let case = Case::new().await?;
    let db = case.db();
    let plan = plan_with_results(&db)?;
    {
        let mut store = piano::Store::open(&db)?;
        let mut rules = store.evaluation_rules(plan, 2020)?.to_input();
        rules.organisational = "50".into();
        rules.behaviours = "30".into();
        rules.individual = "20".into();
        store.set_evaluation_rules(plan, 2020, &rules)?;
        store.set_late_rule(plan, "2 al giorno")?;
    }
    let exported = case.file("obiettivi-individuali.xlsx");
    let filled = case.file("compilato.csv");
    let app = case
        .start(&[
            ("PIANO_OBIETTIVI_TEST_SAVE_PATH", &exported),
            ("PIANO_OBIETTIVI_TEST_OPEN_PATH", &filled),
        ])
        .await?;
    let mut faults = Vec::new();
    app.open_editor().await?;
    app.click("#banner-results").await?;
    app.click("#results-evaluation").await?;
    app.wait_text("#evaluation-title", "Mario Rossi – scheda 2020")
        .await?;
    app.wait_text("#ev-individual", "da completare").await?;

    // Three objectives, typed: description, Tab, weight, Tab, indicator, Tab, the kind with
    // the arrow keys (numero, percentuale, giorni, scadenza, sì/no), Tab, Tab, target.
    let rows = [
        ("Pratiche di accesso evase", "50", "pratiche", 0, "18"),
        (
            "Regolamento dei controlli interni",
            "30",
            "",
            3,
            "30/06/2020",
        ),
        ("Sportello unico attivato", "20", "", 4, "sì"),
    ];
    for (i, (d, w, ind, down, target)) in rows.iter().enumerate() {
        app.click("#ev-ind-add").await?;
        let focused = app.js("return document.activeElement.id").await?;
        assert_eq!(focused, format!("ev-ind-description-{i}"));
        let keys = format!(
            "{d}\u{E004}{w}\u{E004}{ind}\u{E004}{}\u{E004}\u{E004}{target}",
            "\u{E015}".repeat(*down)
        );
        type_keys(&app, &keys).await?;
    }
    app.fill("#ev-acknowledged", "20/01/2020").await?;
    // 50 + 30 + 10: said while typing.
    app.fill("#ev-ind-weight-2", "10").await?;
    app.wait_text("#evaluation-error", "sommano a 90%").await?;
    app.fill("#ev-ind-weight-2", "20").await?;
    app.fill("#ev-max-pay", "5.000").await?;
    let started = std::time::Instant::now();
    while app
        .js("return document.getElementById('evaluation-error').textContent")
        .await?
        != ""
    {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(8),
            "the weights' message stays"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    audit(&app, "obiettivi individuali", &mut faults).await?;
    app.click("#evaluation-save").await?;
    app.wait_text("#evaluation-total", "Totale").await?;
    individuals_match_db(&app, plan, "the assignment saved").await?;
    let e = piano::Store::open(&db)?.evaluation(plan, 2020)?;
    let kinds: Vec<_> = e.managers[0]
        .scheda
        .objectives
        .iter()
        .map(|o| o.kind.label())
        .collect();
    assert_eq!(kinds, ["numero", "scadenza", "sì/no"]);

    // Mid-year: the target of the first raised to 20, only with the colloquio's date.
    app.fill("#ev-ind-target-0", "20").await?;
    app.click("#evaluation-save").await?;
    app.wait_text("#evaluation-error", "colloquio intermedio")
        .await?;
    app.fill("#ev-midyear", "15/07/2020").await?;
    app.click("#evaluation-save").await?;
    app.wait_text("#ev-revisions", "Rivisti al colloquio del 15/07/2020: «Pratiche di accesso evase»: target da ≥ 18 pratiche a ≥ 20 pratiche.")
        .await?;
    individuals_match_db(&app, plan, "the revision").await?;
    audit(&app, "revisione degli obiettivi individuali", &mut faults).await?;

    // The end: the values and the scores.
    app.fill("#ev-ind-value-0", "16").await?;
    app.fill("#ev-ind-value-1", "05/07/2020").await?;
    app.fill("#ev-ind-value-2", "sì").await?;
    app.wait_text("#ev-ind-achieved-1", "90%").await?;
    app.wait_text("#ev-individual", "87%").await?;
    app.click("#ev-score-0").await?;
    type_keys(&app, "4\u{E004}\u{E004}5\u{E004}\u{E004}3\u{E004}\u{E004}4").await?;
    app.fill("#ev-colloquio", "15/03/2021").await?;
    app.wait_text("#ev-amount", "Importo dovuto € 4.282,50")
        .await?;
    app.screenshot("47-obiettivi-individuali").await?;
    app.js("document.getElementById('ev-individuals-title').scrollIntoView(); return null")
        .await?;
    app.screenshot("48-obiettivi-individuali-tabella").await?;
    app.click("#evaluation-save").await?;
    app.wait_text("#evaluation-total", "Totale € 4.282,50")
        .await?;
    individuals_match_db(&app, plan, "the values saved").await?;
    let e = piano::Store::open(&db)?.evaluation(plan, 2020)?;
    assert_eq!(
        e.managers[0].scheda.revisions.len(),
        1,
        "values are no revision"
    );

    // The managers' sheet: written from the view, filled, read back all or nothing.
    // Mario Rossi's scheda di assegnazione alone, from his scheda.
    app.click("#evaluation-assignment-one").await?;
    app.wait_text("#toast", "Scheda di assegnazione salvata in")
        .await?;
    let one = pdf_text(&exported)?;
    assert!(
        one.contains("Mario Rossi – scheda di assegnazione 2020")
            && one.contains("Sportello unico attivato")
            && !one.contains("Anna Bianchi"),
        "{one}"
    );
    app.click("#evaluation-individual-export").await?;
    app.wait_text("#toast", "Foglio degli obiettivi individuali salvato in")
        .await?;
    assert!(std::fs::read(&exported)?.starts_with(b"PK"));
    let mut rows = piano::formats::individual_sheet::rows(&e);
    rows[1][8] = "presto".into();
    rows[2][9] = "120".into();
    std::fs::write(
        &filled,
        piano::formats::sheet::csv_table(&piano::formats::individual_sheet::HEADER, rows.clone())?,
    )?;
    app.click("#evaluation-individual-import").await?;
    app.wait_text("#individual-import-error", "2 problemi")
        .await?;
    app.wait_text("#import-problems", "riga 3, colonna «Valore raggiunto»: Valore raggiunto di «Regolamento dei controlli interni»").await?;
    audit(
        &app,
        "foglio degli obiettivi individuali rifiutato",
        &mut faults,
    )
    .await?;
    app.screenshot("49-obiettivi-individuali-rifiutati").await?;
    close_dialog(&app).await?;
    assert_eq!(
        piano::Store::open(&db)?.evaluation(plan, 2020)?.managers[0]
            .scheda
            .objectives,
        e.managers[0].scheda.objectives,
        "nothing imported"
    );
    // 17 pratiche of 20 → 85%: component (50 × 85 + 30 × 90 + 20 × 100) / 100 = 89,50; final
    // 44,25 + 24,00 + 17,90 = 86,15 → € 4.307,50.
    rows[0][8] = "17".into();
    rows[1][8] = "05/07/2020".into();
    rows[2][9] = String::new();
    std::fs::write(
        &filled,
        piano::formats::sheet::csv_table(&piano::formats::individual_sheet::HEADER, rows)?,
    )?;
    app.click("#evaluation-individual-import").await?;
    app.wait_text("#toast", "Importati i valori di 3 obiettivi individuali")
        .await?;
    app.wait_text("#ev-amount", "Importo dovuto € 4.307,50")
        .await?;
    individuals_match_db(&app, plan, "the sheet imported").await?;
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    app.quit().await
}
