//! Each manager's evaluation on the reference plan's 2020 results, worked out by hand: one
//! manager leading two areas, behaviours on a 1–5 scale, bands and amounts to the cent, the
//! budget exceeded and not; refusals with nothing saved; the validation's freeze, also
//! against straight SQL; the PDFs through Preflight; the publication table naming nobody.

mod common;

use common::R;
use piano::domain::evaluation::{RulesInput, SchedaInput};
use piano::domain::individual::IndividualInput;
use piano::domain::results::ResultInput;
use piano::ops::evaluation::AssignmentInput;
use piano::prelude::*;
use piano::store::ActInput;
use piano::Store;

/// The reference plan, weights fixed; Mario Rossi leads Affari Generali and Economico
/// Finanziaria, Anna Bianchi Servizi Sociali; approved; their 2020 results typed:
/// AG 100, 80, 100 → 30 + 32 + 30 = 92,00; EF 100, 50, 100 → 40 + 15 + 30 = 85,00;
/// SS 70, 100, 100 → 21 + 40 + 30 = 91,00.
fn evaluated() -> R<(Store, i64)> {
    evaluated_in(Store::open_in_memory()?)
}

/// [`evaluated`] on a given store (a file, for the upgrade test).
fn evaluated_in(mut store: Store) -> R<(Store, i64)> {
    let id = store.load_demo()?;
    common::fix_demo_weights(&mut store, id)?;
    piano_testkit::name_managers(&mut store, id)?;
    store.approve(id, &common::giunta_2020(), true)?;
    piano_testkit::type_managed_results_2020(&mut store, id)?;
    let y = store.year_results(id, 2020)?;
    let score = |n: &str| y.areas.iter().find(|a| a.name == n).map(|a| a.score);
    assert_eq!(score("AREA AFFARI GENERALI"), Some(9200));
    assert_eq!(score("AREA ECONOMICO FINANZIARIA"), Some(8500));
    assert_eq!(score("AREA SERVIZI SOCIALI"), Some(9100));
    Ok((store, id))
}

fn rules(budget: &str) -> RulesInput {
    RulesInput {
        organisational: "60".into(),
        behaviours: "40".into(),
        individual: String::new(),
        scale: "1-5".into(),
        items: [
            "Organizzazione",
            "Soluzione dei problemi",
            "Relazioni",
            "Valutazione dei collaboratori",
        ]
        .iter()
        .map(|n| (n.to_string(), "25".to_string(), String::new()))
        .collect(),
        bands: "0:0; 60:proporzionale; 90:100".into(),
        combine: "media".into(),
        budget: budget.into(),
        ..RulesInput::default()
    }
}

fn scheda(scores: [&str; 4], colloquio: &str, max_pay: &str) -> SchedaInput {
    SchedaInput {
        scores: scores
            .iter()
            .map(|s| (s.to_string(), String::new()))
            .collect(),
        individual: String::new(),
        colloquio: colloquio.into(),
        max_pay: max_pay.into(),
        evaluator: "Il Segretario generale".into(),
        // Handed over after the colloquio; the review window (15 days) long closed.
        review: piano::domain::conciliation::ReviewInput {
            handed_over: "20/03/2021".into(),
            ..Default::default()
        },
        ..SchedaInput::default()
    }
}

#[test]
fn two_schede_worked_out_by_hand_to_the_cent() -> R {
    let (mut store, id) = evaluated()?;
    store.set_evaluation_rules(id, 2020, &rules("8.000"))?;
    store.set_scheda(
        id,
        2020,
        "Mario Rossi",
        &scheda(["4", "5", "3", "4"], "15/03/2021", "5.000"),
    )?;
    let e = store.set_scheda(
        id,
        2020,
        "anna bianchi",
        &scheda(["5", "5", "4", "5"], "16/03/2021", "4.000,00"),
    )?;
    // Mario Rossi, two areas averaged: (92,00 + 85,00) / 2 = 88,50; behaviours
    // 25 × (4 + 5 + 3 + 4) / 5 = 80,00; final 60% × 88,50 + 40% × 80,00 = 53,10 + 32,00 =
    // 85,10 → band 60–90 proportional: share 85,10%; € 5.000,00 × 85,10% = € 4.255,00.
    // Anna Bianchi: 91,00; 25 × 19 / 5 = 95,00; 54,60 + 38,00 = 92,60 → from 90: 100%,
    // € 4.000,00. Total € 8.255,00 over a budget of € 8.000,00: warned, by € 255,00.
    let got: Vec<_> = e
        .managers
        .iter()
        .map(|m| {
            (
                m.manager.as_str(),
                m.organisational,
                m.behaviours,
                m.score,
                m.share,
                m.amount,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Mario Rossi",
                8850,
                Some(8000),
                Some(8510),
                Some(8510),
                Some(425_500)
            ),
            (
                "Anna Bianchi",
                9100,
                Some(9500),
                Some(9260),
                Some(10_000),
                Some(400_000)
            ),
        ]
    );
    assert_eq!(e.managers[0].areas.len(), 2);
    assert_eq!(e.total, 825_500);
    assert!(
        e.warnings
            .iter()
            .any(|w| w.contains("supera il fondo") && w.contains("255,00")),
        "{:?}",
        e.warnings
    );
    let e = store.set_evaluation_rules(id, 2020, &rules("10.000"))?;
    // Only the state of payment is left: the Relazione is not validated yet (issue 28).
    assert_eq!(e.warnings, [piano::domain::evaluation::not_payable(2020)]);
    assert_eq!(e.total, 825_500, "the schede stay");
    Ok(())
}

#[test]
fn bad_input_is_refused_naming_the_field_and_nothing_is_saved() -> R {
    let (mut store, id) = evaluated()?;
    store.set_evaluation_rules(id, 2020, &rules("10.000"))?;
    store.set_scheda(
        id,
        2020,
        "Mario Rossi",
        &scheda(["4", "5", "3", "4"], "15/03/2021", "5.000"),
    )?;
    let before = store.dump()?;
    let mut bad_rules = rules("10.000");
    bad_rules.behaviours = "30".into();
    let err = store
        .set_evaluation_rules(id, 2020, &bad_rules)
        .expect_err("90");
    assert_eq!(err.field(), Some("organisational"));
    assert!(err.to_string().contains("sommano a 90"), "{err}");
    for (input, field, fragment) in [
        (
            scheda(["6", "5", "3", "4"], "15/03/2021", "5.000"),
            "scores",
            "fuori dalla scala",
        ),
        (
            scheda(["4", "5", "3", "4"], "15/03/2021", "-5"),
            "max_pay",
            "negativo",
        ),
        (
            scheda(["4", "5", "3", "4"], "15/03/2021", "tanti"),
            "max_pay",
            "non è un importo valido",
        ),
        (
            scheda(["4", "5", "3", "4"], "15/12/2020", "5.000"),
            "colloquio",
            "dopo la fine dell'anno",
        ),
    ] {
        let err = store
            .set_scheda(id, 2020, "Mario Rossi", &input)
            .expect_err(field);
        assert_eq!(err.field(), Some(field), "{err}");
        assert!(err.to_string().contains(fragment), "{err}");
    }
    let err = store
        .set_scheda(
            id,
            2020,
            "Giuseppe Verdi",
            &scheda(["4", "5", "3", "4"], "15/03/2021", "5.000"),
        )
        .expect_err("no such manager");
    assert!(err.to_string().contains("non è responsabile"), "{err}");
    assert_eq!(store.dump()?, before, "nothing saved");
    Ok(())
}

#[test]
fn the_validation_freezes_the_schede_even_against_straight_sql() -> R {
    let (mut store, id) = evaluated()?;
    store.set_evaluation_rules(id, 2020, &rules("10.000"))?;
    let act = AssignmentInput {
        proposal: ActInput {
            body: "Nucleo di valutazione".into(),
            number: "2".into(),
            date: "2021-04-01".into(),
        },
        assignment: ActInput {
            body: "Presidente dell'Unione".into(),
            number: "3".into(),
            date: "2021-04-10".into(),
        },
    };
    store.set_scheda(
        id,
        2020,
        "Mario Rossi",
        &scheda(["4", "5", "3", "4"], "15/03/2021", "5.000"),
    )?;
    let err = store
        .validate_evaluation(id, 2020, &act)
        .expect_err("Anna Bianchi's is missing");
    assert!(err.to_string().contains("Anna Bianchi"), "{err}");
    store.set_scheda(
        id,
        2020,
        "Anna Bianchi",
        &scheda(["5", "5", "4", "5"], "16/03/2021", "4.000"),
    )?;
    let e = store.validate_evaluation(id, 2020, &act)?;
    assert!(e.validation.is_some());
    let err = store
        .set_scheda(
            id,
            2020,
            "Mario Rossi",
            &scheda(["5", "5", "5", "5"], "15/03/2021", "5.000"),
        )
        .expect_err("frozen");
    assert!(matches!(err, piano::Error::FrozenEvaluation), "{err:?}");
    assert!(store.set_evaluation_rules(id, 2020, &rules("1")).is_err());
    for sql in [
        "UPDATE scheda SET max_pay = 9999999",
        "DELETE FROM scheda_score",
        "UPDATE evaluation_rule SET budget = 1",
        "INSERT INTO scheda (series_id, year, manager, updated_at) SELECT series_id, 2020, 'x', '' FROM plan LIMIT 1",
    ] {
        let err = store.conn().execute(sql, []).expect_err(sql).to_string();
        assert!(err.contains("valutazione convalidata"), "{sql}: {err}");
    }
    // A mistyped act is withdrawn by retyping its number; then the schede open again.
    assert!(store.revoke_evaluation(id, 2020, "4").is_err());
    store.revoke_evaluation(id, 2020, "3")?;
    store.set_scheda(
        id,
        2020,
        "Mario Rossi",
        &scheda(["5", "5", "5", "5"], "15/03/2021", "5.000"),
    )?;
    Ok(())
}

#[test]
fn the_pdfs_are_pdf_a_and_the_publication_names_nobody() -> R {
    let (mut store, id) = evaluated()?;
    store.set_evaluation_rules(id, 2020, &rules("8.000"))?;
    store.set_scheda(
        id,
        2020,
        "Mario Rossi",
        &scheda(["4", "5", "3", "4"], "15/03/2021", "5.000"),
    )?;
    let e = store.set_scheda(
        id,
        2020,
        "Anna Bianchi",
        &scheda(["5", "5", "4", "5"], "16/03/2021", "4.000"),
    )?;
    let schede = piano::formats::pdf::evaluation::render_schede(&e)?;
    common::assert_pdfa(&schede, "the schede")?;
    let text = common::squash(&common::pdftotext(&schede, &[])?);
    for expected in [
        "MarioRossi–schedadivalutazione2020",
        "AREAAFFARIGENERALI:92,00",
        "AREAECONOMICOFINANZIARIA:85,00",
        "PUNTEGGIOFINALE",
        "85,10",
        "4.255,00",
        "Colloquiodivalutazionedel15/03/2021",
        "Ilvalutato(MarioRossi):",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }
    let summary = piano::formats::pdf::evaluation::render_summary(&e)?;
    common::assert_pdfa(&summary, "the summary")?;
    let text = common::squash(&common::pdftotext(&summary, &[])?);
    assert!(
        text.contains("8.255,00") && text.contains("supera"),
        "total and warning"
    );
    if let Ok(dir) = std::env::var("PIANO_PDF_OUT") {
        std::fs::write(format!("{dir}/schede.pdf"), &schede)?;
        std::fs::write(format!("{dir}/riepilogo.pdf"), &summary)?;
    }
    let xlsx = piano::formats::evaluation_sheet::summary_xlsx(&e)?;
    assert!(xlsx.starts_with(b"PK"));
    // The publication: aggregates only.
    let csv = String::from_utf8(piano::formats::evaluation_sheet::publication_csv(&e)?)?;
    for person in ["Rossi", "Bianchi", "Mario", "Anna", "Segretario"] {
        assert!(!csv.contains(person), "{person} in the publication: {csv}");
    }
    // Art. 20 D.Lgs. 33/2013: the amount set aside, the amount paid, the criteria, the
    // distribution; two managers in two bands are one group, so that neither is
    // identifiable (issue 28).
    assert!(
        csv.contains("Ammontare stanziato per la retribuzione di risultato (€);8.000,00"),
        "{csv}"
    );
    assert!(
        csv.contains("Ammontare effettivamente distribuito (€);8.255,00"),
        "{csv}"
    );
    assert!(csv.contains("Criteri"), "{csv}");
    assert!(
        !csv.contains("nella fascia da 90 a 100: quota 100%;1"),
        "a band of one: {csv}"
    );
    assert!(
        csv.contains("(unite perché nessuno sia riconoscibile);2"),
        "{csv}"
    );
    assert!(
        csv.contains("Quote diverse assegnate (differenziazione);2"),
        "{csv}"
    );
    Ok(())
}

/// Issue 31 (the conciliation, art. 7 c.2-bis D.Lgs. 150/2009), worked out by hand on the two
/// schede above, with dates counted back from today: Mario Rossi's scheda is handed over 3
/// days ago and he asks for a review the day after; the outcome raises «Relazioni» (his
/// third behaviour) from 3 to 4: behaviours 25 × (4 + 5 + 4 +
/// 4) / 5 = 85,00; final 60% × 88,50 + 40% × 85,00 = 53,10 + 34,00 = 87,10 → 87,10% of
/// € 5.000 = € 4.355,00 (€ 4.255,00 before). Anna Bianchi's is handed over 3 days ago too
/// and she asks nothing: provisional while her 15 days run, final once they have run. The
/// summary and the publication are provisional until both are final; the definitive
/// evaluation is refused until then.
#[test]
fn the_conciliation_keeps_the_scheda_open_until_it_is_decided() -> R {
    use piano::domain::conciliation::ReviewInput;
    let (mut store, id) = evaluated()?;
    store.set_evaluation_rules(id, 2020, &rules("10.000"))?;
    let today = chrono::Local::now().date_naive();
    let ago = |n: u64| {
        (today - chrono::Days::new(n))
            .format("%d/%m/%Y")
            .to_string()
    };
    let with_review = |scores: [&str; 4], colloquio: &str, pay: &str, review: ReviewInput| {
        let mut s = scheda(scores, colloquio, pay);
        s.review = review;
        s
    };
    let handed = |n: u64| ReviewInput {
        handed_over: ago(n),
        ..Default::default()
    };
    store.set_scheda(
        id,
        2020,
        "Anna Bianchi",
        &with_review(["5", "5", "4", "5"], "16/03/2021", "4.000", handed(3)),
    )?;
    let mario =
        |review: ReviewInput| with_review(["4", "5", "3", "4"], "15/03/2021", "5.000", review);
    let e = store.set_scheda(id, 2020, "Mario Rossi", &mario(handed(3)))?;
    assert!(e.provisional());
    assert!(
        e.managers
            .iter()
            .all(|m| m.stage_text.starts_with("consegnata")),
        "{:?}",
        e.managers.iter().map(|m| &m.stage_text).collect::<Vec<_>>()
    );
    let pdf = piano::formats::pdf::evaluation::render_summary(&e)?;
    let text = common::squash(&common::pdftotext(&pdf, &[])?);
    assert!(
        text.contains("PROVVISORIO:schedenonancoradefinitive"),
        "{text}"
    );
    let csv = String::from_utf8(piano::formats::evaluation_sheet::publication_csv(&e)?)?;
    assert!(csv.contains("Stato dei dati;provvisori"), "{csv}");

    // Bad input names the field and saves nothing: a request after the 15 days, an outcome
    // without a reason.
    let before = store.dump()?;
    let late = ReviewInput {
        handed_over: ago(30),
        requested: ago(10),
        ..Default::default()
    };
    let err = store
        .set_scheda(id, 2020, "Mario Rossi", &mario(late))
        .expect_err("out of time");
    assert_eq!(err.field(), Some("review_requested"));
    assert!(err.to_string().contains("entro 15 giorni"), "{err}");
    let no_reason = ReviewInput {
        handed_over: ago(3),
        requested: ago(2),
        decided: ago(0),
        revised: vec![String::new(), String::new(), "4".into(), String::new()],
        ..Default::default()
    };
    let err = store
        .set_scheda(id, 2020, "Mario Rossi", &mario(no_reason.clone()))
        .expect_err("no reason");
    assert_eq!(err.field(), Some("review_reason"));
    assert_eq!(store.dump()?, before, "nothing saved");

    // Requested within the window: under review, the amount as first scored.
    let requested = ReviewInput {
        handed_over: ago(3),
        requested: ago(2),
        remarks: "Il comportamento «Relazioni» non tiene conto del progetto con i comuni.".into(),
        ..Default::default()
    };
    let e = store.set_scheda(id, 2020, "Mario Rossi", &mario(requested))?;
    assert_eq!(
        e.managers[0].stage_text,
        "riesame chiesto, in attesa dell'esito"
    );
    assert_eq!(e.managers[0].amount, Some(425_500));
    assert!(store
        .validate_evaluation(id, 2020, &assignment())
        .expect_err("under review")
        .to_string()
        .contains("art. 7 c.2-bis"));
    // The outcome, with its reason: «Relazioni» from 3 to 4.
    let mut decided = no_reason;
    decided.reason = "Accolta: il progetto con i comuni è documentato.".into();
    decided.remarks = "Il comportamento «Relazioni» non tiene conto del progetto.".into();
    let e = store.set_scheda(id, 2020, "Mario Rossi", &mario(decided))?;
    let m = &e.managers[0];
    assert_eq!(
        (m.behaviours, m.score, m.share, m.amount),
        (Some(8_500), Some(8_710), Some(8_710), Some(435_500))
    );
    assert_eq!(
        m.scheda.scores[2].0,
        Some(3),
        "the first score stays on the scheda"
    );
    assert!(m.stage.is_final());
    // Anna's window still runs: still provisional. Once it has run (handed over 20 days
    // ago), final: the summary is no longer provisional and the evaluation can be closed.
    assert!(e.provisional());
    store.set_scheda(
        id,
        2020,
        "Anna Bianchi",
        &with_review(["5", "5", "4", "5"], "16/03/2021", "4.000", handed(20)),
    )?;
    let e = store.evaluation(id, 2020)?;
    assert!(!e.provisional());
    let text = common::squash(&common::pdftotext(
        &piano::formats::pdf::evaluation::render_summary(&e)?,
        &[],
    )?);
    assert!(!text.contains("PROVVISORIO"), "{text}");
    let schede = piano::formats::pdf::evaluation::render_schede(&e)?;
    common::assert_pdfa(&schede, "the schede with the review")?;
    let text = common::squash(&common::pdftotext(&schede, &[])?);
    assert!(
        text.contains("punteggirivisti:«Relazioni»da3a4")
            && text.contains("Osservazionidelvalutato"),
        "{text}"
    );
    if let Ok(dir) = std::env::var("PIANO_PDF_OUT") {
        std::fs::write(format!("{dir}/schede-riesame.pdf"), &schede)?;
    }
    let e = store.validate_evaluation(id, 2020, &assignment())?;
    assert!(
        !e.provisional() && e.refusals.is_empty(),
        "{:?}",
        e.refusals
    );
    Ok(())
}

fn assignment() -> AssignmentInput {
    AssignmentInput {
        proposal: ActInput {
            body: "Nucleo di valutazione".into(),
            number: "2".into(),
            date: chrono::Local::now()
                .date_naive()
                .format("%Y-%m-%d")
                .to_string(),
        },
        assignment: ActInput {
            body: "Presidente dell'Unione".into(),
            number: "3".into(),
            date: chrono::Local::now()
                .date_naive()
                .format("%Y-%m-%d")
                .to_string(),
        },
    }
}

/// Issue 31 (the year's start): behaviours with each level described; the scheda di
/// assegnazione per manager with the areas' objectives and weights, the behaviours and their
/// levels, the maximum pay and the acknowledgement's date, PDF/A; the final scheda prints the
/// words of the level given; the mid-year colloquio recorded. Bad input names the field and
/// saves nothing: more levels than the scale, an acknowledgement after the year, a mid-year
/// colloquio outside it.
#[test]
fn the_scheda_di_assegnazione_and_the_levels_described() -> R {
    let (mut store, id) = evaluated()?;
    let mut with_levels = rules("10.000");
    with_levels.levels = vec![
        vec![
            "non organizza il lavoro".into(),
            "organizza con aiuto".into(),
            "organizza il lavoro dell'ufficio e rispetta le scadenze".into(),
            "organizza e prevede i carichi".into(),
            "anticipa i problemi e li previene".into(),
        ],
        Vec::new(),
        vec![
            String::new(),
            String::new(),
            "collabora quando richiesto".into(),
        ],
        Vec::new(),
    ];
    let before = store.dump()?;
    let mut too_many = with_levels.clone();
    too_many.levels[1] = vec!["a".into(); 6];
    let err = store
        .set_evaluation_rules(id, 2020, &too_many)
        .expect_err("six levels on 1-5");
    assert_eq!(err.field(), Some("levels"));
    assert_eq!(store.dump()?, before);
    let e = store.set_evaluation_rules(id, 2020, &with_levels)?;
    assert_eq!(
        e.rules.items[0].level(1, 3),
        Some("organizza il lavoro dell'ufficio e rispetta le scadenze")
    );
    assert_eq!(e.rules.items[2].level(1, 1), None, "not described");
    let mut s = scheda(["3", "5", "3", "4"], "15/03/2021", "5.000");
    s.acknowledged = "20/01/2020".into();
    s.midyear = "15/07/2020".into();
    s.midyear_notes = "Avanzamento in linea; nessuna revisione.".into();
    for (field, value) in [("acknowledged", "10/01/2021"), ("midyear", "15/07/2021")] {
        let mut bad = s.clone();
        match field {
            "acknowledged" => bad.acknowledged = value.into(),
            _ => bad.midyear = value.into(),
        }
        let before = store.dump()?;
        let err = store
            .set_scheda(id, 2020, "Mario Rossi", &bad)
            .expect_err(field);
        assert_eq!(err.field(), Some(field), "{err}");
        assert_eq!(store.dump()?, before);
    }
    store.set_scheda(id, 2020, "Mario Rossi", &s)?;
    let (e, y) = store.assignment(id, 2020)?;
    let pdf = piano::formats::pdf::evaluation::render_assignment(&e, &y)?;
    common::pdf_says(
        &pdf,
        "assegnazione",
        &[
            "MarioRossi–schedadiassegnazione2020",
            "AREAAFFARIGENERALI",
            "AREAECONOMICOFINANZIARIA",
            "3=organizzaillavorodell'ufficioerispettalescadenze",
            "5=anticipaiproblemieliprevie",
            "Retribuzionedirisultatomassima:€5.000,00",
            "Ilresponsabile,perpresavisione(MarioRossi):______________________Data:20/01/2020",
            "Colloquiointermediodel15/07/2020:Avanzamentoinlinea",
            "AnnaBianchi–schedadiassegnazione2020",
        ],
    )?;
    // The final scheda: the level given, in words.
    let schede = piano::formats::pdf::evaluation::render_schede(&e)?;
    let text = common::squash(&common::pdftotext(&schede, &[])?);
    assert!(
        text.contains("Livello:organizzaillavorodell'ufficioerispettalescadenze"),
        "{text}"
    );
    Ok(())
}

/// The rules of issue 31's case: 50/30/20 (results prevalent, art. 9 c.1 lett. a D.Lgs.
/// 150/2009), the same four behaviours, a deadline met late losing 2 points a day.
fn rules_with_individual(store: &mut Store, id: i64) -> R {
    let mut r = rules("10.000");
    r.organisational = "50".into();
    r.behaviours = "30".into();
    r.individual = "20".into();
    store.set_evaluation_rules(id, 2020, &r)?;
    store.set_late_rule(id, "2 al giorno")?;
    Ok(())
}

fn objective(d: &str, w: &str, kind: &str, target: &str, value: &str) -> IndividualInput {
    IndividualInput {
        description: d.into(),
        weight: w.into(),
        kind: kind.into(),
        target: target.into(),
        value: value.into(),
        ..Default::default()
    }
}

/// Issue 31, worked out by hand. Mario Rossi (areas 92,00 and 85,00 → 88,50; behaviours 4, 5,
/// 3, 4 → 80,00) signs his assignment on 20/01/2020: two objectives, 60/40. At the mid-year
/// colloquio of 15/07/2020 they are revised to three, 50/30/20; the scheda keeps the earlier
/// text. At the end: 16 «pratiche» of 20 → 80%; the regulation due 30/06/2020 adopted on
/// 05/07/2020, 5 days late × 2 points → 90%; the counter opened (yes/no) → 100%. Component
/// (50 × 80 + 30 × 90 + 20 × 100) / 100 = 87,00. Final 50% × 88,50 + 30% × 80,00 + 20% ×
/// 87,00 = 44,25 + 24,00 + 17,40 = 85,65 → proportional band, 85,65% of € 5.000 =
/// € 4.282,50.
/// Anna Bianchi (area 91,00; behaviours 5, 5, 3, 5 → 90,00), one objective of weight 100, a
/// percentage: 60 against a target of 80 → 75%. Final 45,50 + 27,00 + 15,00 = 87,50 →
/// € 4.000 × 87,50% = € 3.500,00. She asks for a review in time; the outcome raises her third
/// behaviour from 3 to 4 → 95,00: 45,50 + 28,50 + 15,00 = 89,00 → € 3.560,00.
#[test]
fn individual_objectives_worked_out_by_hand() -> R {
    use piano::domain::conciliation::ReviewInput;
    let (mut store, id) = evaluated()?;
    rules_with_individual(&mut store, id)?;
    let today = chrono::Local::now().date_naive();
    let ago = |n: u64| {
        (today - chrono::Days::new(n))
            .format("%d/%m/%Y")
            .to_string()
    };
    let handed = |n: u64| ReviewInput {
        handed_over: ago(n),
        ..Default::default()
    };

    // January: the assignment, signed.
    let mut mario = scheda(["", "", "", ""], "", "5.000");
    mario.review = ReviewInput::default();
    mario.acknowledged = "20/01/2020".into();
    mario.individuals = vec![
        objective("Pratiche di accesso evase", "60", "numero", "25", ""),
        objective(
            "Regolamento dei controlli interni",
            "40",
            "scadenza",
            "30/06/2020",
            "",
        ),
    ];
    store.set_scheda(id, 2020, "Mario Rossi", &mario)?;

    // Bad input names the field and saves nothing: weights adding to 90; a change after the
    // signature without the colloquio's date.
    let before = store.dump()?;
    let mut bad = mario.clone();
    bad.individuals[0].weight = "50".into();
    let err = store
        .set_scheda(id, 2020, "Mario Rossi", &bad)
        .expect_err("90");
    assert_eq!(err.field(), Some("individuals"));
    assert!(err.to_string().contains("sommano a 90%"), "{err}");
    let mut revised = mario.clone();
    revised.individuals = vec![
        objective("Pratiche di accesso evase", "50", "numero", "20", ""),
        objective(
            "Regolamento dei controlli interni",
            "30",
            "scadenza",
            "30/06/2020",
            "",
        ),
        objective("Sportello unico attivato", "20", "sì/no", "sì", ""),
    ];
    let err = store
        .set_scheda(id, 2020, "Mario Rossi", &revised)
        .expect_err("no colloquio");
    assert_eq!(err.field(), Some("midyear"));
    assert_eq!(store.dump()?, before, "nothing saved");

    // Mid-year: the revision, kept with the earlier text.
    revised.midyear = "15/07/2020".into();
    revised.midyear_notes = "Aggiunto lo sportello unico, chiesto dalla Giunta.".into();
    let e = store.set_scheda(id, 2020, "Mario Rossi", &revised)?;
    let r = &e.managers[0].scheda.revisions;
    assert_eq!(r.len(), 1);
    assert_eq!(
        r[0].changes,
        vec![
            "«Pratiche di accesso evase»: peso da 60% a 50%, target da ≥ 25 a ≥ 20",
            "«Regolamento dei controlli interni»: peso da 40% a 30%",
            "aggiunto «Sportello unico attivato» (peso 20%)"
        ]
    );
    assert_eq!(
        r[0].before,
        vec![
            "«Pratiche di accesso evase», peso 60%, numero: ≥ 25",
            "«Regolamento dei controlli interni», peso 40%, scadenza: entro il 30/06/2020"
        ]
    );
    let (assigned, year) = store.assignment(id, 2020)?;
    common::pdf_says(
        &piano::formats::pdf::evaluation::render_assignment(&assigned, &year)?,
        "assegnazione-individuali",
        &[
            "Sportellounicoattivato",
            "entroil30/06/2020",
            "rivistialcolloquiodel15/07/2020",
            "Assegnatiinorigine:«Pratichediaccessoevase»,peso60%",
        ],
    )?;

    // The end: the values; the scheda handed over 3 days ago (window open).
    let mut end = revised.clone();
    end.scores = ["4", "5", "3", "4"]
        .iter()
        .map(|s| (s.to_string(), String::new()))
        .collect();
    end.colloquio = "15/03/2021".into();
    end.review = handed(3);
    end.individuals[0].value = "16".into();
    end.individuals[1].value = "05/07/2020".into();
    end.individuals[2].value = "sì".into();
    let e = store.set_scheda(id, 2020, "Mario Rossi", &end)?;
    let m = &e.managers[0];
    let achieved: Vec<_> = m
        .scheda
        .objectives
        .iter()
        .map(|o| o.achievement(e.late))
        .collect();
    assert_eq!(achieved, vec![Some(8_000), Some(9_000), Some(10_000)]);
    assert_eq!(
        (m.organisational, m.behaviours, m.scheda.individual),
        (8_850, Some(8_000), Some(8_700))
    );
    assert_eq!((m.score, m.amount), (Some(8_565), Some(428_250)));
    assert_eq!(m.scheda.revisions.len(), 1, "values are not a revision");

    // Typed over only with a note.
    let mut over = end.clone();
    over.individuals[1].achievement = "100".into();
    let err = store
        .set_scheda(id, 2020, "Mario Rossi", &over)
        .expect_err("no note");
    assert!(err.to_string().contains("è 90%"), "{err}");

    // Anna Bianchi: asks for a review in time.
    let mut anna = scheda(["5", "5", "3", "5"], "16/03/2021", "4.000");
    anna.individuals = vec![objective(
        "Progetto domiciliarità: utenti raggiunti",
        "100",
        "percentuale",
        "80",
        "60",
    )];
    anna.review = ReviewInput {
        handed_over: ago(3),
        requested: ago(2),
        remarks: "La «Relazione con i comuni» non considera il tavolo di ambito.".into(),
        ..Default::default()
    };
    let e = store.set_scheda(id, 2020, "Anna Bianchi", &anna)?;
    let a = &e.managers[1];
    assert_eq!((a.score, a.amount), (Some(8_750), Some(350_000)));
    assert!(
        e.provisional(),
        "Mario's window is open, Anna's review pending"
    );

    // Mario's window closes (handed over 20 days ago): his scheda is final, the summary still
    // provisional while Anna's review is pending.
    end.review = handed(20);
    let e = store.set_scheda(id, 2020, "Mario Rossi", &end)?;
    assert!(e.managers[0].stage.is_final());
    assert!(e.provisional());
    let text = common::squash(&common::pdftotext(
        &piano::formats::pdf::evaluation::render_summary(&e)?,
        &[],
    )?);
    assert!(text.contains("PROVVISORIO"), "{text}");

    // The outcome: her third behaviour from 3 to 4.
    anna.review.decided = ago(0);
    anna.review.reason = "Accolta: il tavolo di ambito è documentato nei verbali.".into();
    anna.review.revised = vec![String::new(), String::new(), "4".into(), String::new()];
    let e = store.set_scheda(id, 2020, "Anna Bianchi", &anna)?;
    let a = &e.managers[1];
    assert_eq!(
        (a.behaviours, a.score, a.amount),
        (Some(9_500), Some(8_900), Some(356_000))
    );
    assert!(!e.provisional());
    let text = common::squash(&common::pdftotext(
        &piano::formats::pdf::evaluation::render_summary(&e)?,
        &[],
    )?);
    assert!(!text.contains("PROVVISORIO"), "{text}");

    // The final schede: each objective with its value, target and achievement; the revision.
    common::pdf_says(
        &piano::formats::pdf::evaluation::render_schede(&e)?,
        "schede-individuali",
        &[
            "Obiettiviindividuali(mediapesata)",
            "05/07/2020(targetentroil30/06/2020)",
            "90%",
            "87,00",
            "rivistialcolloquiodel15/07/2020",
            "punteggirivisti:«Relazioni»da3a4",
        ],
    )?;
    Ok(())
}

/// A database of the release before individual objectives (schema 11), with a typed
/// individual percentage, opens and shows the same amounts: the percentage becomes one
/// objective «Obiettivi individuali» of weight 100.
#[test]
fn a_typed_individual_percentage_survives_the_upgrade() -> R {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("piano.sqlite");
    let (mut store, id) = evaluated_in(Store::open(&path)?)?;
    rules_with_individual(&mut store, id)?;
    let mut mario = scheda(["4", "5", "3", "4"], "15/03/2021", "5.000");
    mario.individual = "80".into();
    let before = store.set_scheda(id, 2020, "Mario Rossi", &mario)?;
    // 44,25 + 24,00 + 20% × 80,00 = 16,00 → 84,25 → € 4.212,50.
    assert_eq!(
        (before.managers[0].score, before.managers[0].amount),
        (Some(8_425), Some(421_250))
    );
    drop(store);
    // Back to the earlier release's schema (before migrations 012, 013 and 014): only the
    // scheda's own column held the percentage.
    let conn = rusqlite::Connection::open(&path)?;
    conn.execute_batch(
        "DROP TABLE scheda_individual; DROP TABLE scheda_revision;
         DROP TABLE dup_goal_area; DROP TABLE dup_goal;
         DROP TABLE cycle_act; DROP TABLE cycle_deadline;
         ALTER TABLE objective DROP COLUMN operational; PRAGMA user_version = 11;",
    )?;
    let kept: Option<i64> = conn.query_row("SELECT individual FROM scheda", [], |r| r.get(0))?;
    assert_eq!(kept, Some(8_000));
    drop(conn);
    let store = Store::open(&path)?;
    let after = store.evaluation(id, 2020)?;
    let m = &after.managers[0];
    assert_eq!((m.score, m.amount), (Some(8_425), Some(421_250)));
    assert_eq!(m.scheda.objectives.len(), 1);
    assert_eq!(m.scheda.objectives[0].description, "Obiettivi individuali");
    assert_eq!(m.scheda.objectives[0].weight, 10_000);
    // Saved again through the form as it reads it back: the same.
    let again = m.scheda.to_input();
    let mut store = store;
    let e = store.set_scheda(id, 2020, "Mario Rossi", &again)?;
    assert_eq!(e.managers[0].amount, Some(421_250));
    Ok(())
}

/// The managers' sheet of individual objectives (issue 31): exported with what was assigned,
/// filled in by the managers (rows shuffled, headers retyped), read back all or nothing with
/// every problem listed, to the same amounts as typed in the app; the .xlsx carries what was
/// typed so far into another database.
#[test]
fn the_managers_fill_their_individual_objectives_in_a_sheet() -> R {
    use piano::formats::files::{Document, FileType};
    let assign = |store: &mut Store, id: i64| -> R {
        rules_with_individual(store, id)?;
        let mut mario = scheda(["4", "5", "3", "4"], "15/03/2021", "5.000");
        mario.individuals = vec![
            objective("Pratiche di accesso evase", "50", "numero", "20", ""),
            objective(
                "Regolamento dei controlli interni",
                "30",
                "scadenza",
                "30/06/2020",
                "",
            ),
            objective("Sportello unico attivato", "20", "sì/no", "sì", ""),
        ];
        store.set_scheda(id, 2020, "Mario Rossi", &mario)?;
        let mut anna = scheda(["5", "5", "4", "5"], "16/03/2021", "4.000");
        anna.individuals = vec![objective(
            "Progetto domiciliarità: utenti raggiunti",
            "100",
            "percentuale",
            "80",
            "",
        )];
        store.set_scheda(id, 2020, "Anna Bianchi", &anna)?;
        Ok(())
    };
    let (mut store, id) = evaluated()?;
    assign(&mut store, id)?;
    let e = store.evaluation(id, 2020)?;
    let sheet = Document::IndividualSheet(&e).write(FileType::Csv)?;
    let rows = common::read_csv(&sheet)?;
    assert_eq!(rows.len(), 5, "a header and four objectives");
    assert_eq!(
        rows[2][..8],
        [
            "PIANO OBIETTIVI 2020-2022",
            "2020",
            "Mario Rossi",
            "2",
            "Regolamento dei controlli interni",
            "30",
            "scadenza",
            "entro il 30/06/2020"
        ]
    );
    // Filled by the managers: 16, 05/07/2020, sì; Anna 60 with a note. Shuffled, headers
    // retyped.
    let mut filled = rows.clone();
    for (r, value, note) in [
        (1, "16", ""),
        (2, "05/07/2020", "Adottato con cinque giorni di ritardo."),
        (3, "sì", ""),
        (4, "60", "Meno utenti per la chiusura estiva."),
    ] {
        filled[r][8] = value.into();
        filled[r][10] = note.into();
    }
    filled[0][8] = "VALORE RAGGIUNTO".into();
    filled[0][4] = "obiettivo individuale".into();
    let head = filled.remove(0);
    filled.reverse();
    filled.insert(0, head);

    // Every problem at once, nothing saved: a value that is not a date, a percentage over
    // 100, a description that is not the objective's, a manager who is none.
    let before = store.dump()?;
    let mut bad = filled.clone();
    bad[2][8] = "presto".into(); // Mario's deadline (row 3)
    bad[1][9] = "120".into(); // Anna's percentage (row 2)
    bad[3][4] = "Altro obiettivo".into(); // Mario's 2 (row 4)
    bad[4][2] = "Luca Verdi".into(); // row 5
    let err = store
        .import_individuals(id, 2020, &common::write_csv(&bad)?, "csv")
        .expect_err("four problems");
    let said = err.to_string();
    assert!(said.contains("4 problemi"), "{said}");
    // Grouped by column, each with its row.
    for (column, row) in [
        ("% raggiungimento (solo se diversa)", 2),
        ("Valore raggiunto", 3),
        ("Obiettivo individuale", 4),
        ("Responsabile", 5),
    ] {
        let group = said
            .split(&format!("Colonna «{column}»:"))
            .nth(1)
            .ok_or(column)?;
        assert!(
            group.trim_start().starts_with(&format!("- riga {row}:")),
            "{column}: {said}"
        );
    }
    assert_eq!(store.dump()?, before, "nothing saved");

    assert_eq!(
        store.import_individuals(id, 2020, &common::write_csv(&filled)?, "csv")?,
        4
    );
    let e = store.evaluation(id, 2020)?;
    // Mario 85,65 → € 4.282,50 as in the case above; Anna 45,50 + 28,50 + 20% × 75,00 =
    // 89,00 → € 3.560,00.
    let got: Vec<_> = e.managers.iter().map(|m| (m.score, m.amount)).collect();
    assert_eq!(
        got,
        vec![(Some(8_565), Some(428_250)), (Some(8_900), Some(356_000))]
    );

    // Typed in the app instead: the same schede, field by field.
    let (mut typed, tid) = evaluated()?;
    assign(&mut typed, tid)?;
    let t = typed.evaluation(tid, 2020)?;
    let mut mario = t.managers[0].scheda.to_input();
    mario.individuals[0].value = "16".into();
    mario.individuals[1].value = "05/07/2020".into();
    mario.individuals[1].note = "Adottato con cinque giorni di ritardo.".into();
    mario.individuals[2].value = "sì".into();
    typed.set_scheda(tid, 2020, "Mario Rossi", &mario)?;
    let mut anna = t.managers[1].scheda.to_input();
    anna.individuals[0].value = "60".into();
    anna.individuals[0].note = "Meno utenti per la chiusura estiva.".into();
    let t = typed.set_scheda(tid, 2020, "Anna Bianchi", &anna)?;
    for (a, b) in e.managers.iter().zip(&t.managers) {
        assert_eq!(a.scheda.objectives, b.scheda.objectives, "{}", a.manager);
    }

    // The .xlsx carries the values into another database.
    let xlsx = Document::IndividualSheet(&e).write(FileType::Xlsx)?;
    let (mut fresh, fid) = evaluated()?;
    assign(&mut fresh, fid)?;
    assert_eq!(fresh.import_individuals(fid, 2020, &xlsx, "xlsx")?, 4);
    let f = fresh.evaluation(fid, 2020)?;
    assert_eq!(
        f.managers.iter().map(|m| m.amount).collect::<Vec<_>>(),
        vec![Some(428_250), Some(356_000)]
    );
    // A sheet with nothing filled in is refused, saying what to fill.
    let err = fresh
        .import_individuals(fid, 2020, &sheet, "csv")
        .expect_err("empty");
    assert!(err.to_string().contains("Valore raggiunto"), "{err}");
    Ok(())
}

/// The year's cycle (issue 33) on the reference plan taken through approval, two monitoring
/// dates, the 2020 results, the Relazione and its validation, the evaluation, the PIAO and the
/// payment: every step done, with its act and date; nothing late.
#[test]
fn the_cycle_shows_each_step_done_with_its_act_and_date() -> R {
    use piano::domain::cycle::Status;
    let (mut store, id) = evaluated()?;
    // The two areas evaluated() leaves without results: 100%.
    let y = store.year_results(id, 2020)?;
    let mut entries = Vec::new();
    for a in y.areas.iter().filter(|a| !a.missing.is_empty()) {
        for r in a.rows.iter().filter(|r| r.result.is_none()) {
            entries.push((
                a.area_id,
                r.item,
                ResultInput {
                    value: "fatto".into(),
                    achievement: "100".into(),
                    note: String::new(),
                    values: Vec::new(),
                },
            ));
        }
    }
    store.set_results(id, 2020, &entries)?;
    store.add_monitor_date(id, "30/06/2020")?;
    store.add_monitor_date(id, "30/09/2020")?;
    let act = |body: &str, number: &str, date: &str| ActInput {
        body: body.into(),
        number: number.into(),
        date: date.into(),
    };
    store.approve_relazione(id, 2020, &act("", "40", "2021-03-18"))?;
    store.validate_relazione(id, 2020, &act("", "5", "2021-03-19"))?;
    store.set_evaluation_rules(id, 2020, &rules("10.000"))?;
    for (m, scores) in [
        ("Mario Rossi", ["4", "5", "3", "4"]),
        ("Anna Bianchi", ["5", "5", "4", "5"]),
    ] {
        store.set_scheda(id, 2020, m, &scheda(scores, "15/03/2021", "5.000"))?;
    }
    store.validate_evaluation(
        id,
        2020,
        &AssignmentInput {
            proposal: act("Nucleo di valutazione", "2", "2021-04-20"),
            assignment: act("Presidente dell'Unione", "3", "2021-04-25"),
        },
    )?;
    store.record_cycle_act(id, 2020, "piao", &act("", "8", "2020-01-30"))?;
    store.record_cycle_act(id, 2020, "pagamento", &act("", "112", "2021-05-10"))?;

    let today = chrono::NaiveDate::from_ymd_opt(2021, 6, 1).ok_or("date")?;
    let c = store.cycle(id, Some(2020), today)?;
    let step = |key: &str| c.steps.iter().find(|s| s.key == key).expect(key);
    for (key, act_text, on) in [
        ("approvazione", "n. 12 del 15/02/2020", Some("2020-02-15")),
        (
            "piao",
            "Giunta dell'Unione n. 8 del 30/01/2020",
            Some("2020-01-30"),
        ),
        ("monitoraggio-1", "", Some("2020-06-30")),
        ("monitoraggio-2", "", Some("2020-09-30")),
        ("risultati", "", None),
        ("relazione", "n. 40 del 18/03/2021", Some("2021-03-18")),
        (
            "validazione",
            "Nucleo di valutazione n. 5 del 19/03/2021",
            Some("2021-03-19"),
        ),
        (
            "valutazione",
            "Presidente dell'Unione n. 3 del 25/04/2021",
            Some("2021-04-25"),
        ),
        ("conciliazione", "", None),
        ("pagamento", "n. 112 del 10/05/2021", Some("2021-05-10")),
    ] {
        let s = step(key);
        assert_eq!(s.status, Status::Done, "{key}: {s:?}");
        assert!(s.act.contains(act_text), "{key}: {}", s.act);
        assert_eq!(
            s.done_on
                .map(|d| d.format("%Y-%m-%d").to_string())
                .as_deref(),
            on,
            "{key}"
        );
    }
    assert_eq!(step("preparazione").status, Status::Done);
    assert!(step("valutazione").note.contains("n. 2 del 20/04/2021"));
    // No variation in 2020, and the 15 December has passed: nothing owed.
    assert_eq!(step("variazioni").status, Status::NotApplicable);
    assert_eq!(c.late(), 0);
    assert!(c.urgent.is_empty(), "{:?}", c.urgent);
    Ok(())
}
