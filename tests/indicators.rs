//! Measurable objectives on the reference plan: the targets its expected results state,
//! proposed row by row; indicators frozen and carried by versions; the flat sheet's
//! indicator columns; achievements computed from measured values.

mod common;

use common::{read_csv, write_csv, R};
use piano::domain::ids::ObjectiveId;
use piano::domain::targets::{objective_years, propose, Proposal};
use piano::prelude::*;
use piano::Store;

/// What `--suggest` must propose for each row of the reference CSV (1-based row, after the
/// header), written out by hand from the texts.
const EXPECTED: [(usize, &[&str]); 30] = [
    (1, &["scadenza: 2020 entro il 31/07/2020"]),
    (2, &["scadenza: 2020 entro il 31/12/2020"]),
    (
        3,
        &[
            "numero: 2020 ≥ 3 atti di liquidazione",
            "scadenza: 2020 entro il 30/06/2020",
        ],
    ),
    (4, &["scadenza: 2021 entro il 31/01/2021"]),
    (5, &["scadenza: 2021 entro il 31/12/2021"]),
    (6, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    // "Legge 27.12.2006 n. 296": a law's date, no deadline.
    (7, &[]),
    (8, &[]),
    (
        9,
        &[
            "numero: 2020 ≥ 3 atti di liquidazione",
            "scadenza: 2020 entro il 30/06/2020",
        ],
    ),
    (10, &[]),
    (11, &[]),
    (12, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    (13, &["scadenza: 2020 entro il 31/01/2020"]),
    (14, &["scadenza: 2020 entro il 31/01/2020"]),
    (
        15,
        &[
            "numero: 2020 ≥ 3 atti di liquidazione",
            "scadenza: 2020 entro il 30/06/2020",
        ],
    ),
    // "entro i termini di approvazione del bilancio": no date, nothing.
    (16, &[]),
    (17, &["scadenza: 2021 entro il 31/12/2021"]),
    (18, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    // "al 31 Dicembre di almento [sic] il 70%": the period's year, and the percentage.
    (
        19,
        &[
            "scadenza: 2020 entro il 31/12/2020",
            "percentuale: 2020 ≥ 70%",
        ],
    ),
    (20, &["giorni: 2020 ≤ 30 giorni"]),
    (
        21,
        &[
            "numero: 2020 ≥ 3 atti di liquidazione",
            "scadenza: 2020 entro il 30/06/2020",
        ],
    ),
    (
        22,
        &[
            "scadenza: 2021 entro il 31/12/2021; 2022 entro il 31/12/2022",
            "percentuale: 2021 ≥ 70%; 2022 ≥ 70%",
        ],
    ),
    (23, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    (24, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    (25, &["giorni: 2020 ≤ 30 giorni"]),
    (26, &["giorni: 2020 ≤ 30 giorni"]),
    (
        27,
        &[
            "numero: 2020 ≥ 3 atti di liquidazione",
            "scadenza: 2020 entro il 30/06/2020",
        ],
    ),
    (28, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    (29, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    (30, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
];

fn reference() -> R<(Store, i64)> {
    let mut store = Store::open_in_memory()?;
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/piano-obiettivi-2020-2022.csv"
    ))?;
    let id = store.import_csv(&bytes, &piano::ImportOptions::default())?;
    Ok((store, id))
}

#[test]
fn the_reference_plan_s_targets_are_proposed_row_by_row() -> R {
    let (store, id) = reference()?;
    let plan = store.load(id)?;
    // The placements in the annex's order are the CSV's rows in order.
    let mut by_row = Vec::new();
    for (row, p) in plan.placements.iter().enumerate() {
        let o = plan.objective(p.objective_id).ok_or("objective")?;
        let years = objective_years(&plan, o.id);
        let found: Vec<String> = propose(&o.text.expected_result, &years)
            .iter()
            .map(Proposal::describe)
            .collect();
        by_row.push((row + 1, found));
    }
    let expected: Vec<(usize, Vec<String>)> = EXPECTED
        .iter()
        .map(|(row, p)| (*row, p.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(by_row, expected);

    // The proposals name the objective once, cross-cutting or not, with the words read.
    let listed = store.proposals(id)?;
    let words: Vec<&str> = listed
        .iter()
        .flat_map(|o| o.proposals.iter().map(|p| p.words.as_str()))
        .collect();
    assert!(words.contains(&"entro il 31.07.2020"), "{words:?}");
    assert!(words.contains(&"almeno n. 3"), "{words:?}");
    assert!(words.contains(&"almento il 70%"), "{words:?}");
    assert!(words.contains(&"non oltre 30 giorni"), "{words:?}");
    assert!(!words.iter().any(|w| w.contains("2006")), "{words:?}");
    Ok(())
}

#[test]
fn accepting_every_proposal_makes_indicators_once() -> R {
    let (mut store, id) = reference()?;
    let proposed: usize = store.proposals(id)?.iter().map(|o| o.proposals.len()).sum();
    let added = store.accept_proposals(id, None, None)?;
    assert_eq!(added, proposed);
    assert!(
        store.proposals(id)?.is_empty(),
        "accepted proposals are not proposed again"
    );
    let plan = store.load(id)?;
    assert_eq!(plan.indicators.len(), added);
    // A cross-cutting objective has its indicators once, shared by its areas.
    let shared = plan
        .objectives
        .iter()
        .find(|o| o.text.expected_result.contains("almeno n. 3"))
        .ok_or("cross-cutting")?;
    assert_eq!(plan.indicators_of(shared.id).count(), 2);
    // A duplicated row is a separate objective with a copy of the indicators.
    let row = plan
        .placements
        .iter()
        .find(|p| p.objective_id == shared.id)
        .ok_or("row")?
        .id;
    let copy_row = store.duplicate_placement(row)?;
    let plan = store.load(id)?;
    let copy = plan
        .placements
        .iter()
        .find(|p| p.id == copy_row)
        .ok_or("copy")?
        .objective_id;
    let inputs =
        |o: ObjectiveId| -> Vec<_> { plan.indicators_of(o).map(|i| i.to_input()).collect() };
    assert_ne!(copy, shared.id);
    assert_eq!(inputs(copy), inputs(shared.id));
    Ok(())
}

/// Every objective's indicators as typed, keyed by the objective's areas and text: two plans
/// say the same when these are equal (ids differ; order inside an objective does not count).
fn indicators_by_objective(store: &Store, id: i64) -> R<Vec<(String, Vec<String>)>> {
    let plan = store.load(id)?;
    let mut out = Vec::new();
    for o in &plan.objectives {
        let mut areas: Vec<String> = plan
            .placements
            .iter()
            .filter(|p| p.objective_id == o.id)
            .filter_map(|p| plan.areas.iter().find(|a| a.id == p.area_id))
            .map(|a| a.name.clone())
            .collect();
        areas.sort();
        let mut mine: Vec<String> = plan
            .indicators_of(o.id)
            .map(|i| format!("{:?}", i.to_input()))
            .collect();
        mine.sort();
        out.push((
            format!("{} | {}", areas.join("+"), o.text.description),
            mine,
        ));
    }
    out.sort();
    Ok(out)
}

/// The reference plan with its proposals accepted, and indicators of every other kind and
/// field added by hand (a ratio, a yes/no with a weight, a baseline, a source).
fn measured_reference() -> R<(Store, i64)> {
    let (mut store, id) = reference()?;
    store.accept_proposals(id, None, None)?;
    let plan = store.load(id)?;
    let fund = plan
        .objectives
        .iter()
        .find(|o| o.text.description.starts_with("Calcolo e costituzione"))
        .ok_or("fund")?
        .id;
    store.add_indicator(
        fund,
        &piano::domain::indicators::IndicatorInput {
            kind: "rapporto".into(),
            unit: "atti adottati / atti previsti".into(),
            direction: "crescente".into(),
            baseline: "0,8".into(),
            baseline_year: "2019".into(),
            targets: vec![piano::domain::indicators::TargetInput {
                year: 2020,
                value: "1".into(),
            }],
            source: "Registro delle determinazioni".into(),
            weight: "2".into(),
        },
    )?;
    store.add_indicator(
        fund,
        &piano::domain::indicators::IndicatorInput {
            kind: "sì/no".into(),
            targets: vec![piano::domain::indicators::TargetInput {
                year: 2020,
                value: "sì".into(),
            }],
            ..Default::default()
        },
    )?;
    let staff = plan
        .objectives
        .iter()
        .find(|o| o.text.description.starts_with("Coordinamento responsabili"))
        .ok_or("staff")?
        .id;
    store.add_indicator(
        staff,
        &piano::domain::indicators::IndicatorInput {
            kind: "percentuale".into(),
            unit: "%".into(),
            direction: "decrescente".into(),
            targets: (2020..=2022)
                .map(|year| piano::domain::indicators::TargetInput {
                    year,
                    value: "12,5".into(),
                })
                .collect(),
            ..Default::default()
        },
    )?;
    Ok((store, id))
}

#[test]
fn the_sheet_with_indicator_columns_round_trips_with_rows_shuffled() -> R {
    let (mut store, id) = measured_reference()?;
    let before = indicators_by_objective(&store, id)?;
    assert!(before.iter().filter(|(_, i)| !i.is_empty()).count() >= 18);
    let csv = piano::formats::sheet::to_csv(&store.load(id)?)?;
    let mut rows = read_csv(&csv)?;
    let header = rows.remove(0);
    assert_eq!(
        &header[8..],
        [
            "Tipo indicatore",
            "Unità di misura",
            "Verso",
            "Valore di partenza",
            "Anno di partenza",
            "Target 2020",
            "Target 2021",
            "Target 2022",
            "Fonte",
            "Peso indicatore"
        ]
    );
    assert!(
        rows.len() > 30,
        "a second indicator repeats its objective's row"
    );
    // Shuffled by a fixed permutation: every 7th row, round and round.
    let n = rows.len();
    let order: Vec<usize> = (0..n).map(|i| (i * 7 + 3) % n).collect();
    assert_eq!(
        {
            let mut o = order.clone();
            o.sort();
            o
        },
        (0..n).collect::<Vec<_>>(),
        "a permutation"
    );
    let mut shuffled = vec![header.clone()];
    shuffled.extend(order.iter().map(|&i| rows[i].clone()));
    let again = store.import_csv(&write_csv(&shuffled)?, &piano::ImportOptions::default())?;
    assert_eq!(indicators_by_objective(&store, again)?, before);

    // The workbook's «Dati» sheet too.
    let plan = store.load(id)?;
    let xlsx = piano::formats::workbook::to_xlsx(&plan, &piano::check(&plan))?;
    let (_, xrows) = piano::formats::workbook::workbook_rows(&xlsx, Some("Dati"))?;
    let from_xlsx = store.import_rows(&xrows, &piano::ImportOptions::default())?;
    assert_eq!(indicators_by_objective(&store, from_xlsx)?, before);

    // Bad values are refused with their row and column, and nothing is saved.
    let plans = store.list_plans()?.len();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or(name.to_string())
    };
    let (kind_col, t2020) = (col("Tipo indicatore")?, col("Target 2020")?);
    let first = rows
        .iter()
        .position(|r| r[kind_col] == "numero")
        .ok_or("a count")?;
    for (column, value, fragment) in [
        ("Target 2020", "tre", "Target 2020"),
        ("Verso", "in su", "Verso «in su» non previsto"),
        ("Tipo indicatore", "qualità", "Tipo di indicatore «qualità»"),
    ] {
        let mut bad = vec![header.clone()];
        bad.extend(rows.iter().cloned());
        bad[first + 1][col(column)?] = value.into();
        let err = store
            .import_csv(&write_csv(&bad)?, &piano::ImportOptions::default())
            .expect_err(value)
            .to_string();
        assert!(err.contains(&format!("riga {},", first + 2)), "{err}");
        assert!(err.contains(column) && err.contains(fragment), "{err}");
    }
    // An impossible date in a deadline's target.
    let deadline = rows
        .iter()
        .position(|r| r[kind_col] == "scadenza" && !r[t2020].is_empty())
        .ok_or("a deadline")?;
    let mut bad = vec![header.clone()];
    bad.extend(rows.iter().cloned());
    bad[deadline + 1][col("Target 2020")?] = "31/02/2020".into();
    let err = store
        .import_csv(&write_csv(&bad)?, &piano::ImportOptions::default())
        .expect_err("31 February")
        .to_string();
    assert!(
        err.contains("Target 2020") && err.contains("data esistente"),
        "{err}"
    );
    assert_eq!(store.list_plans()?.len(), plans, "nothing saved");
    Ok(())
}

#[test]
fn indicators_are_frozen_with_the_version_and_carried_by_a_variation() -> R {
    let (mut store, id) = measured_reference()?;
    common::fix_demo_weights(&mut store, id)?;
    store.approve(id, &piano_testkit::act("5", "2020-01-30"), true)?;
    let plan = store.load(id)?;
    let some = plan.indicators[0].clone();
    let err = store
        .update_indicator(some.id, &some.to_input())
        .expect_err("frozen");
    assert!(matches!(err, piano::Error::Frozen), "{err:?}");
    assert!(store.delete_indicator(some.id).is_err());
    let next = store.vary(id)?;
    let varied = store.load(next)?;
    assert_eq!(varied.indicators.len(), plan.indicators.len());
    let (a, b) = (store.lineage(id)?, store.lineage(next)?);
    let lines = |l: &piano::store::Lineage, p: &piano::FullPlan| {
        let mut v: Vec<_> = p.indicators.iter().map(|i| l.indicators[&i.id]).collect();
        v.sort();
        v
    };
    assert_eq!(lines(&a, &plan), lines(&b, &varied), "same lineage");
    // The variation updated from its own sheet, sent round the areas: the indicators keep
    // their identity (the values measured on them stay theirs).
    let csv = piano::formats::sheet::to_csv(&varied)?;
    let rows = piano::formats::sheet::parse_records(
        &piano::formats::sheet::csv_records(&csv)?,
        "Il file",
    )?;
    store.update_from_rows(next, &rows, &[])?;
    let updated = store.load(next)?;
    assert_eq!(updated.indicators.len(), plan.indicators.len());
    assert_eq!(
        lines(&store.lineage(next)?, &updated),
        lines(&a, &plan),
        "the sheet keeps the lineage"
    );
    Ok(())
}

/// A 2024 plan of one area whose four objectives carry every kind of indicator, approved.
/// O1: a count (target 4) and a deadline (30/06/2024); O2: days, lower is better (target
/// 30); O3: a ratio (target 0,9, weight 1) and a yes/no (target sì, weight 3); O4: payment
/// timeliness, delay ≤ 0 days.
fn measured_2024() -> R<(Store, i64)> {
    let head = "Area;Anni;Servizio organizzativo;Tipologia;Descrizione obiettivo;Risultato atteso;Indicatore di risultato;Peso;Tempestività pagamenti;Tipo indicatore;Unità di misura;Verso;Valore di partenza;Anno di partenza;Target 2024;Fonte;Peso indicatore";
    let rows = [
        "AREA TEST;2024;SERVIZI;S;Pratiche edilizie;Almeno 4 pratiche entro il 30.06.2024;Pratiche chiuse;25;No;numero;pratiche;crescente;;;4;Protocollo;",
        "AREA TEST;2024;SERVIZI;S;Pratiche edilizie;Almeno 4 pratiche entro il 30.06.2024;Pratiche chiuse;25;No;scadenza;;;;;30/06/2024;;",
        "AREA TEST;2024;SERVIZI;M;Risposte ai cittadini;Non oltre 30 giorni;Tempo medio;25;No;giorni;giorni;decrescente;45;2023;30;;",
        "AREA TEST;2024;SERVIZI;M;Controlli;Controlli sul 90% delle pratiche e relazione;Controlli svolti;20;No;rapporto;controllate / ricevute;crescente;;;0,9;;1",
        "AREA TEST;2024;SERVIZI;M;Controlli;Controlli sul 90% delle pratiche e relazione;Controlli svolti;20;No;sì/no;;;;;sì;;3",
        "AREA TEST;2024;OBIETTIVO TRASVERSALE > TEMPESTIVITA' PAGAMENTI;S;Rispetto della tempestività nei pagamenti;Ritardo medio non superiore a 0 giorni;Indicatore di ritardo annuale;30;Sì;giorni;giorni;decrescente;;;0;PCC;",
    ];
    let csv = format!("{head}\r\n{}\r\n", rows.join("\r\n"));
    let mut store = Store::open_in_memory()?;
    let id = store.import_csv(csv.as_bytes(), &piano::ImportOptions::default())?;
    assert_eq!(store.load(id)?.indicators.len(), 6);
    store.approve(id, &piano_testkit::act("7", "2024-01-31"), true)?;
    Ok((store, id))
}

/// The managers' sheet filled with measured values only (and the reasons for shortfalls).
fn fill_values(store: &Store, id: i64, o3_percentage: &str, o3_note: &str) -> R<Vec<u8>> {
    let y = store.year_results(id, 2024)?;
    let mut rows = read_csv(&piano::formats::results_sheet::to_csv(&y)?)?;
    let header = rows[0].clone();
    assert_eq!(
        &header[11..],
        [
            "Indicatore 1",
            "Target 1",
            "Valore misurato 1",
            "Indicatore 2",
            "Target 2",
            "Valore misurato 2"
        ]
    );
    for r in rows.iter_mut().skip(1) {
        let (v1, v2, note) = match r[5].as_str() {
            "Pratiche edilizie" => (
                "3",
                "10/07/2024",
                "una pratica sospesa, consegna in ritardo",
            ),
            "Risposte ai cittadini" => ("40", "", "picco di richieste"),
            "Controlli" => ("45/50", "no", o3_note),
            _ => ("-5", "", ""),
        };
        r[13] = v1.into();
        r[16] = v2.into();
        r[10] = note.into();
        if r[5] == "Controlli" {
            r[9] = o3_percentage.into();
        }
    }
    write_csv(&rows)
}

#[test]
fn values_alone_give_the_percentages_and_the_score_worked_out_by_hand() -> R {
    let (mut store, id) = measured_2024()?;
    // By hand, late deadlines worth 0 (the default):
    // O1: count 3/4 = 75%, deadline 10 days late = 0%  → (75 + 0) / 2 = 37,5%
    // O2: days 30/40 = 75%
    // O3: ratio 45/50 = 0,9 of 0,9 = 100% (×1), yes/no missed = 0% (×3) → 25%
    // O4: delay -5 ≤ 0 = 100%
    // score: (25×37,5 + 25×75 + 20×25 + 30×100) / 100 = 63,125 → 63,13
    let sheet = fill_values(&store, id, "", "controlli fatti, relazione mancante")?;
    assert_eq!(store.import_results(id, &sheet, "csv")?, 4);
    let y = store.year_results(id, 2024)?;
    let area = &y.areas[0];
    let got: Vec<(u32, Option<u32>)> = area
        .rows
        .iter()
        .map(|r| {
            let e = r.result.as_ref().expect("a result");
            (e.achievement, e.computed)
        })
        .collect();
    assert_eq!(
        got,
        [
            (3750, Some(3750)),
            (7500, Some(7500)),
            (2500, Some(2500)),
            (10_000, Some(10_000))
        ]
    );
    assert_eq!(area.score, 6313);
    // The value text says each value against its target.
    assert_eq!(
        area.rows[0].value_text(),
        "numero (pratiche): 3 (target ≥ 4 pratiche); scadenza: 10/07/2024 (target entro il 30/06/2024)"
    );
    assert_eq!(area.rows[0].indicators[1].achievement, Some(0));

    // A deadline 10 days late under «2 al giorno»: 80%, so O1 (75 + 80) / 2 = 77,5% and the
    // score (25×77,5 + 1875 + 500 + 3000) / 100 = 73,125 → 73,13.
    store.set_late_rule(id, "2 al giorno")?;
    assert_eq!(store.import_results(id, &sheet, "csv")?, 4);
    let y = store.year_results(id, 2024)?;
    assert_eq!(
        y.areas[0].rows[0].result.as_ref().ok_or("O1")?.achievement,
        7750
    );
    assert_eq!(y.areas[0].score, 7313);
    // Per week: 10 days are 2 weeks begun; «10 a settimana» → 80% too.
    store.set_late_rule(id, "10 a settimana")?;
    store.import_results(id, &sheet, "csv")?;
    assert_eq!(store.year_results(id, 2024)?.areas[0].score, 7313);

    // A percentage typed over the computed one needs its note: refused without, all or
    // nothing (the earlier results stay).
    let over = fill_values(&store, id, "100", "")?;
    let err = store
        .import_results(id, &over, "csv")
        .expect_err("override without note");
    let text = err.to_string();
    assert!(
        text.contains("Dai valori misurati il raggiungimento è 25%: hai scritto 100%"),
        "{text}"
    );
    assert_eq!(
        store.year_results(id, 2024)?.areas[0].score,
        7313,
        "nothing saved"
    );
    let over = fill_values(&store, id, "100", "relazione consegnata a mano, agli atti")?;
    store.import_results(id, &over, "csv")?;
    let y = store.year_results(id, 2024)?;
    let o3 = y.areas[0].rows[2].result.as_ref().ok_or("O3")?;
    assert_eq!((o3.achievement, o3.computed), (10_000, Some(2500)));
    assert!(o3.overridden());
    // (25×77,5 + 1875 + 20×100 + 3000) / 100 = 88,125 → 88,13
    assert_eq!(y.areas[0].score, 8813);

    // A value that does not fit its kind is refused with its column.
    let y = store.year_results(id, 2024)?;
    let mut rows = read_csv(&piano::formats::results_sheet::to_csv(&y)?)?;
    rows[1][16] = "31/02/2024".into();
    let err = store
        .import_results(id, &write_csv(&rows)?, "csv")
        .expect_err("impossible date")
        .to_string();
    assert!(
        err.contains("Valore misurato") && err.contains("data esistente"),
        "{err}"
    );
    Ok(())
}

#[test]
fn the_official_annex_is_unchanged_and_the_annex_with_targets_shows_them() -> R {
    let (plain, plain_id) = reference()?;
    let (measured, id) = measured_reference()?;
    let fixed = |d: &str| -> R<piano::formats::pdf::Options> {
        Ok(piano::formats::pdf::Options {
            draft: true,
            created: Some(chrono::DateTime::parse_from_rfc3339(d)?.with_timezone(&chrono::Local)),
            ..Default::default()
        })
    };
    let options = fixed("2020-02-01T10:00:00+01:00")?;
    let render = |store: &Store, id: i64, o: &piano::formats::pdf::Options| -> R<Vec<u8>> {
        let plan = store.load(id)?;
        Ok(piano::formats::pdf::render(&plan, &piano::check(&plan), o)?)
    };
    let before = common::pdftotext(&render(&plain, plain_id, &options)?, &["-layout"])?;
    let after = common::pdftotext(&render(&measured, id, &options)?, &["-layout"])?;
    assert_eq!(
        after, before,
        "indicators do not touch the six-column annex"
    );

    let with = piano::formats::pdf::Options {
        targets: true,
        ..options
    };
    let pdf = render(&measured, id, &with)?;
    common::pdf_says(
        &pdf,
        "allegato-con-target",
        &[
            "Target2020:≥3attidiliquidazione;entroil30/06/2020",
            "Target2021:≤30giorni",
            "Target2022:≤30giorni",
            "Target2020:≥1;Sì",
        ],
    )?;
    Ok(())
}

#[test]
fn the_results_annex_shows_targets_beside_values_and_how_each_percentage_came() -> R {
    let (mut store, id) = measured_2024()?;
    let sheet = fill_values(&store, id, "100", "relazione consegnata a mano, agli atti")?;
    store.import_results(id, &sheet, "csv")?;
    let y = store.year_results(id, 2024)?;
    let pdf = piano::formats::pdf::results::render(&y, 2024, 2024, false)?;
    common::pdf_says(
        &pdf,
        "risultati-con-indicatori",
        &[
            "numero(pratiche):3(target≥4pratiche)",
            "scadenza:10/07/2024(targetentroil30/06/2024)",
            "37,5%calcolata",
            "100%indicata(calcolata25%)",
        ],
    )?;
    Ok(())
}
