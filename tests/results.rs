//! The year's results on the reference plan: typed and imported, scores computed by hand,
//! bands and prerequisites, refusals that save nothing, the Relazione's freeze, the results
//! annex and the publication tables.

mod common;

use common::{
    approved_demo, input, note, pdftotext, read_csv, squash, type_all, write_csv, R, TYPED, YEAR,
};
use piano::domain::results::{Item, ResultInput, YearResults};
use piano::prelude::*;
use piano::store::ActInput;
use piano::{Error, Store};

/// The same, worked out by hand: (score in hundredths, share in hundredths).
/// AFFARI GENERALI: 30×100 + 40×85,5 + 30×0 = 30 + 34,2 + 0 = 64,20 → proportional 64,2%.
/// ECONOMICO FINANZIARIA: 40 + 30 + 30×92,25/100 = 97,675 → 97,68, but the code of conduct
/// failed: 0%. SERVIZI SOCIALI: 50 → below 60: 0%. POLIZIA LOCALE: 100 → 100%.
/// SERVIZI TECNICI: 13,332 + 20,001 + 29,997 = 63,33 → 63,33%.
const EXPECTED: [(&str, u32, u32); 5] = [
    ("AREA AFFARI GENERALI", 6420, 6420),
    ("AREA ECONOMICO FINANZIARIA", 9768, 0),
    ("AREA SERVIZI SOCIALI", 5000, 0),
    ("AREA POLIZIA LOCALE", 10_000, 10_000),
    ("AREA SERVIZI TECNICI", 6333, 6333),
];

fn assert_expected(y: &YearResults) {
    for (area, score, share) in EXPECTED {
        let a = y.areas.iter().find(|a| a.name == area).expect(area);
        assert_eq!((a.score, a.share), (score, share), "{area}");
        assert!(a.missing.is_empty(), "{area}: {:?}", a.missing);
    }
    let failed = y
        .areas
        .iter()
        .find(|a| a.name == "AREA ECONOMICO FINANZIARIA")
        .unwrap();
    assert!(failed.prerequisite_failed);
    assert!(
        failed.band.contains("prerequisito non raggiunto"),
        "{}",
        failed.band
    );
    let low = y
        .areas
        .iter()
        .find(|a| a.name == "AREA SERVIZI SOCIALI")
        .unwrap();
    assert_eq!(low.band, "sotto 60: quota 0%");
}

#[test]
fn typed_results_give_the_scores_worked_out_by_hand() -> R {
    let (mut store, id, _) = approved_demo()?;
    let before = store.year_results(id, YEAR)?;
    assert_eq!(
        before.missing(),
        20,
        "5 areas × (3 objectives + 1 prerequisite)"
    );
    // The cross-cutting objective has one result per area (in the first four: SERVIZI
    // TECNICI's is a near copy, another objective).
    let cross: Vec<_> = before.areas[..4].iter().map(|a| a.rows[2].item).collect();
    assert!(cross.windows(2).all(|w| w[0] == w[1]), "the same objective");
    assert!(before.areas[..4].iter().all(|a| a.rows[2].cross_cutting));
    type_all(&mut store, id)?;
    let y = store.year_results(id, YEAR)?;
    assert_expected(&y);
    // Weighted points per row: 40 × 85,5% = 34,2.
    let ag = &y.areas[0];
    assert_eq!(ag.rows[1].points, Some(3420));
    assert_eq!(ag.rows[2].points, Some(0));

    // Another band table: from 90 the whole bonus.
    store.set_bands(
        id,
        &piano::domain::results::band_inputs("0:0, 60:proporzionale, 90:100"),
    )?;
    let y = store.year_results(id, YEAR)?;
    let ef = y
        .areas
        .iter()
        .find(|a| a.name == "AREA ECONOMICO FINANZIARIA")
        .unwrap();
    assert_eq!(ef.share, 0, "the prerequisite still wins over the band");
    let pl = y
        .areas
        .iter()
        .find(|a| a.name == "AREA POLIZIA LOCALE")
        .unwrap();
    assert_eq!(pl.share, 10_000);
    assert_eq!(pl.band, "da 90 a 100: quota 100%");
    let ag = &y.areas[0];
    assert_eq!(
        ag.band,
        "da 60 a meno di 90: quota proporzionale al punteggio"
    );
    Ok(())
}

#[test]
fn bad_results_are_refused_in_italian_and_nothing_is_saved() -> R {
    let (mut store, id, _) = approved_demo()?;
    type_all(&mut store, id)?;
    let before = store.year_results(id, YEAR)?;
    let area = before.areas[0].area_id;
    let row = before.areas[0].rows[1].item;
    for (achievement, note, fragment) in [
        ("101", "x", "non può superare 100"),
        ("-1", "x", "non può essere negativa"),
        ("abc", "x", "non è una percentuale valida"),
        ("12,345", "x", "troppi decimali"),
        ("90", "", "spiega nelle note le cause dello scostamento"),
        ("", "x", "Indica la percentuale"),
    ] {
        let err = store
            .set_result(id, YEAR, area, row, &input("valore", achievement, note))
            .expect_err(achievement);
        assert_eq!(err.code(), "invalid");
        assert!(err.to_string().contains(fragment), "{achievement:?}: {err}");
        assert_eq!(
            store.year_results(id, YEAR)?,
            before,
            "{achievement:?} saved nothing"
        );
    }
    // All or nothing: a good entry with a bad one saves neither.
    let other = before.areas[0].rows[0].item;
    let err = store
        .set_results(
            id,
            YEAR,
            &[
                (area, other, input("v", "10", "motivo")),
                (area, row, input("v", "101", "")),
            ],
        )
        .unwrap_err();
    assert!(err.to_string().contains("superare 100"));
    assert_eq!(store.year_results(id, YEAR)?, before);
    // Clearing a result: every field empty.
    store.set_result(id, YEAR, area, row, &ResultInput::default())?;
    assert_eq!(store.year_results(id, YEAR)?.missing(), 1);
    Ok(())
}

#[test]
fn results_need_an_approved_plan_and_a_started_year() -> R {
    let (store, id) = common::demo()?;
    let err = store.year_results(id, YEAR).unwrap_err().to_string();
    assert!(err.contains("non è ancora approvato"), "{err}");
    let (store, id, _) = approved_demo()?;
    let err = store.year_results(id, 2023).unwrap_err().to_string();
    assert!(err.contains("2020-2022"), "{err}");

    // A plan of the coming years, approved today: its later years have not started.
    let mut store = Store::open_in_memory()?;
    let this = chrono::Datelike::year(&chrono::Local::now());
    let plan = store.create_plan(
        &piano::PlanInput {
            entity: String::new(),
            title: "PIANO FUTURO".into(),
            first_year: this,
            last_year: this + 1,
            approval: String::new(),
        },
        &[],
    )?;
    let area = store.add_area(plan, "AREA UNO", "")?;
    // Its manager pays no invoices: no payment-timeliness objective needed.
    store.set_pays_invoices(area, false)?;
    for period in store.list_periods(plan)? {
        store.add_objective(area, period.id, &objective(), "100")?;
    }
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    store.approve(
        plan,
        &ActInput {
            body: String::new(),
            number: "1".into(),
            date: today,
        },
        true,
    )?;
    assert_eq!(store.result_years(plan)?, vec![this]);
    assert_eq!(store.year_results(plan, this)?.areas.len(), 1);
    let err = store.year_results(plan, this + 1).unwrap_err().to_string();
    assert!(err.contains("non è ancora iniziato"), "{err}");
    Ok(())
}

#[test]
fn the_day_given_decides_which_years_take_results_and_monitoring() -> R {
    let (mut store, id, _) = approved_demo()?;
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    // The demo plan covers 2020-2022; read on 1 March 2021, 2022 has not started.
    let version = store.results_version(id)?;
    assert_eq!(
        store.result_years_on(version, day(2021, 3, 1))?,
        vec![2020, 2021]
    );
    assert_eq!(store.result_years(version)?, vec![2020, 2021, 2022]);
    assert!(store.year_results_on(id, 2021, day(2021, 3, 1)).is_ok());
    let err = store
        .year_results_on(id, 2022, day(2021, 3, 1))
        .unwrap_err()
        .to_string();
    assert!(err.contains("Il 2022 non è ancora iniziato"), "{err}");
    let err = store
        .add_monitor_date_on(id, "30/06/2022", day(2021, 3, 1))
        .unwrap_err()
        .to_string();
    assert!(err.contains("Il 2022 non è ancora iniziato"), "{err}");
    assert!(store.monitor_dates(id)?.is_empty(), "nothing written");
    let date = store.add_monitor_date_on(id, "30/06/2022", day(2022, 7, 1))?;
    assert_eq!(store.monitor_dates(id)?, vec![date]);
    Ok(())
}

fn objective() -> piano::ObjectiveInput {
    piano::ObjectiveInput {
        service: "SEGRETERIA".into(),
        kind: "S".into(),
        description: "Digitalizzazione del protocollo".into(),
        expected_result: "Entro il 31/12".into(),
        indicator: "Relazione".into(),
    }
}

/// The exported sheet filled in as a manager would: the values of TYPED, rows shuffled,
/// headers retyped in capitals and with accents.
fn fill_like_a_manager(sheet: &[u8]) -> R<Vec<Vec<String>>> {
    let mut rows = read_csv(sheet)?;
    let header = rows.remove(0);
    assert_eq!(header, piano::formats::results_sheet::HEADER);
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for r in &mut rows {
        let n = seen.entry(r[2].clone()).or_default();
        let values = TYPED.iter().find(|(a, _)| *a == r[2]).ok_or("area")?.1;
        let achievement = values[*n];
        *n += 1;
        r[8] = "27 giorni".into();
        r[9] = achievement.into();
        r[10] = note(achievement).into();
    }
    // A fixed shuffle: reversed, then every other row moved to the end.
    rows.reverse();
    let (even, odd): (Vec<_>, Vec<_>) = rows.into_iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let mut out: Vec<Vec<String>> = vec![header
        .iter()
        .map(|h| match h.as_str() {
            "Descrizione obiettivo" => "DESCRIZIONE OBIETTIVO".to_string(),
            "% raggiungimento" => "% Raggiungiménto".to_string(),
            "Note sugli scostamenti" => "note sugli scostamenti".to_string(),
            other => other.to_string(),
        })
        .collect()];
    out.extend(odd.into_iter().map(|(_, r)| r));
    out.extend(even.into_iter().map(|(_, r)| r));
    Ok(out)
}

#[test]
fn the_exported_sheet_filled_by_a_manager_imports_back_to_the_same_scores() -> R {
    let (mut store, id, _) = approved_demo()?;
    let y = store.year_results(id, YEAR)?;
    let sheet = piano::formats::results_sheet::to_csv(&y)?;
    let rows = read_csv(&sheet)?;
    assert_eq!(
        rows.len(),
        21,
        "a header and one row per objective, area and year"
    );
    assert!(rows[1..].iter().all(|r| r[8].is_empty() && r[9].is_empty()));
    let filled = fill_like_a_manager(&sheet)?;
    assert_ne!(filled[1][5], rows[1][5], "the rows are shuffled");

    // An objective that does not exist: the whole sheet is refused, with its row.
    let mut wrong = filled.clone();
    wrong[7][5] = "Un obiettivo mai scritto".into();
    let err = store
        .import_results(id, &write_csv(&wrong)?, "csv")
        .unwrap_err();
    assert!(matches!(err, Error::Sheet { line: 8, .. }), "{err}");
    assert!(
        err.to_string().contains("Un obiettivo mai scritto"),
        "{err}"
    );
    assert_eq!(
        store.year_results(id, YEAR)?.missing(),
        20,
        "nothing imported"
    );

    // A bad percentage: refused, with its row and column.
    let mut bad = filled.clone();
    bad[3][9] = "101".into();
    let err = store
        .import_results(id, &write_csv(&bad)?, "csv")
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("riga 4, colonna «% raggiungimento»"),
        "{err}"
    );
    assert_eq!(store.year_results(id, YEAR)?.missing(), 20);

    // Another plan's sheet is refused too.
    let mut other = filled.clone();
    other[1][0] = "PIANO DI UN ALTRO ENTE".into();
    let err = store
        .import_results(id, &write_csv(&other)?, "csv")
        .unwrap_err();
    assert!(err.to_string().contains("PIANO DI UN ALTRO ENTE"), "{err}");

    assert_eq!(store.import_results(id, &write_csv(&filled)?, "csv")?, 20);
    let imported = store.year_results(id, YEAR)?;
    assert_expected(&imported);

    // Saved again by Excel on Windows: Windows-1252, no BOM, `;`. The same results.
    let utf8 = String::from_utf8(write_csv(&filled)?)?;
    let (ansi, _, unmappable) =
        encoding_rs::WINDOWS_1252.encode(utf8.trim_start_matches('\u{feff}'));
    assert!(!unmappable, "the reference texts fit Windows-1252");
    let (mut excel, eid, _) = approved_demo()?;
    assert_eq!(excel.import_results(eid, &ansi, "csv")?, 20);
    assert_expected(&excel.year_results(eid, YEAR)?);

    // Typed by hand in another database: the same results, field by field.
    let (mut typed, tid, _) = approved_demo()?;
    type_all(&mut typed, tid)?;
    let by_hand = typed.year_results(tid, YEAR)?;
    for (a, b) in imported.areas.iter().zip(&by_hand.areas) {
        assert_eq!(
            a.rows.iter().map(|r| &r.result).collect::<Vec<_>>(),
            b.rows.iter().map(|r| &r.result).collect::<Vec<_>>(),
            "{}",
            a.name
        );
    }

    // The .xlsx sheet carries the results typed so far and imports into another database.
    let xlsx = piano::formats::results_sheet::to_xlsx(&by_hand)?;
    let (mut fresh, fid, _) = approved_demo()?;
    assert_eq!(fresh.import_results(fid, &xlsx, "xlsx")?, 20);
    assert_expected(&fresh.year_results(fid, YEAR)?);
    Ok(())
}

#[test]
fn the_relazione_freezes_the_year_and_a_variation_keeps_the_results() -> R {
    let (mut store, id, pre) = approved_demo()?;
    let act = piano_testkit::act("40", "2021-06-20");
    let err = store
        .approve_relazione(id, YEAR, &act)
        .unwrap_err()
        .to_string();
    assert!(err.contains("mancano risultati"), "{err}");
    type_all(&mut store, id)?;
    let early = ActInput {
        date: "2020-11-30".into(),
        ..act.clone()
    };
    let err = store
        .approve_relazione(id, YEAR, &early)
        .unwrap_err()
        .to_string();
    assert!(err.contains("dopo la fine dell'anno"), "{err}");

    // A variation during 2021, approved: the 2020 results are still there (by lineage).
    let v2 = store.vary(id)?;
    let row = common::social_services_first_row(&store, v2)?;
    store.set_weight(row, "30")?;
    let second = store.load(v2)?;
    let area = second
        .areas
        .iter()
        .find(|a| a.name == "AREA SERVIZI SOCIALI")
        .unwrap()
        .id;
    let period = second
        .periods
        .iter()
        .find(|p| p.first_year == 2021)
        .unwrap()
        .id;
    let first = second.cell(area, period).nth(1).unwrap().id;
    store.set_weight(first, "40")?;
    store.approve(v2, &piano_testkit::act("30", "2021-05-10"), true)?;
    let y = store.year_results(id, YEAR)?;
    assert_eq!(y.plan_id, v2, "read against the latest approved version");
    assert_expected(&y);

    store.approve_relazione(id, YEAR, &act)?;
    let y = store.year_results(v2, YEAR)?;
    assert_eq!(y.relazione.as_ref().map(|a| a.number.as_str()), Some("40"));
    let (a, item) = (y.areas[0].area_id, y.areas[0].rows[0].item);
    let frozen = store
        .set_result(v2, YEAR, a, item, &input("x", "50", "y"))
        .unwrap_err();
    assert!(matches!(frozen, Error::FrozenResults), "{frozen}");
    assert!(frozen.to_string().contains("Relazione"));
    assert!(matches!(
        store.set_bands(id, &piano::domain::results::band_inputs("0:0")),
        Err(Error::FrozenResults)
    ));
    assert!(matches!(
        store.delete_prerequisite(id, pre),
        Err(Error::FrozenResults)
    ));
    // Straight to the database: the trigger refuses as well.
    let sql = store
        .conn()
        .execute("UPDATE result SET achievement = 0", [])
        .unwrap_err();
    assert!(matches!(piano::db::db_error(sql), Error::FrozenResults));
    assert_eq!(store.year_results(id, YEAR)?, y);

    // A later variation, approved, that drops an objective of the years to come: the closed
    // year stays as the Relazione approved it. (Since issue 28 a variation dated after 15
    // December may not change that year's objectives at all, art. 175 c.9 TUEL: that refusal
    // has a test of its own, `a_variation_after_15_december_leaves_that_year_alone`.)
    let v3 = store.vary(id)?;
    let third = store.load(v3)?;
    let ag = third
        .areas
        .iter()
        .find(|a| a.name == "AREA AFFARI GENERALI")
        .unwrap()
        .id;
    let p2021 = third
        .periods
        .iter()
        .find(|p| p.first_year == 2021)
        .unwrap()
        .id;
    let cell: Vec<_> = third.cell(ag, p2021).collect();
    let rows: Vec<_> = cell.iter().map(|p| p.id).collect();
    let kept = cell[0].weight.0 + cell[1].weight.0;
    store.delete_placement(rows[0])?;
    store.set_weight(
        rows[1],
        &piano::domain::model::format_hundredths(kept.into()),
    )?;
    store.approve(v3, &piano_testkit::act("55", "2021-09-01"), true)?;
    assert_eq!(
        store.year_results(v3, YEAR)?,
        y,
        "a closed year does not move"
    );

    // A mistyped act: withdrawn with its number, then the year is open again.
    assert!(store.revoke_relazione(id, YEAR, "41").is_err());
    store.revoke_relazione(id, YEAR, "40")?;
    // Open again, the year is read against the latest approved version: its 2020 objectives
    // are those of before, with their results.
    let open = store.year_results(id, YEAR)?;
    assert_eq!(open.plan_id, v3);
    assert_eq!(
        open.areas[0].rows.len(),
        y.areas[0].rows.len(),
        "the same objectives and the prerequisite"
    );
    assert_eq!(open.areas[0].rows[0].result, y.areas[0].rows[0].result);
    let (a, item) = (open.areas[0].area_id, open.areas[0].rows[0].item);
    store.set_result(id, YEAR, a, item, &input("x", "50", "y"))?;
    let logged: i64 = store.conn().query_row(
        "SELECT COUNT(*) FROM relazione_log WHERE year = 2020",
        [],
        |r| r.get(0),
    )?;
    assert_eq!(logged, 2, "approval and withdrawal are kept");
    Ok(())
}

/// Art. 175 c.9 TUEL: the PEG, and the objectives it carries, is varied until 15 December.
/// A variation dated 20/12/2020 that changes an objective of 2020 is refused, naming the rule
/// and the change, and nothing is approved; the same variation dated 10/12/2020 is approved;
/// one dated 20/12/2020 that changes only 2021–2022 is approved too. The results annex of
/// 2020 lists the year's variations (act, date, what changed in short).
#[test]
fn a_variation_after_15_december_leaves_that_year_alone() -> R {
    let (mut store, id, _) = approved_demo()?;
    let reweight = |store: &mut Store, version: i64, first_year: i32| -> R {
        let plan = store.load(version)?;
        let ag = plan
            .areas
            .iter()
            .find(|a| a.name == "AREA AFFARI GENERALI")
            .unwrap()
            .id;
        let period = plan
            .periods
            .iter()
            .find(|p| p.first_year == first_year)
            .unwrap()
            .id;
        let cell: Vec<_> = plan.cell(ag, period).collect();
        let (a, b) = (cell[0].weight.0, cell[1].weight.0);
        let (a, b) = (
            piano::domain::model::format_hundredths((a - 500).into()),
            piano::domain::model::format_hundredths((b + 500).into()),
        );
        let (ida, idb) = (cell[0].id, cell[1].id);
        store.set_weight(ida, &a)?;
        store.set_weight(idb, &b)?;
        Ok(())
    };
    let act = piano_testkit::act;
    let v2 = store.vary(id)?;
    reweight(&mut store, v2, 2020)?;
    let before = store.dump()?;
    let err = store
        .approve(v2, &act("60", "20/12/2020"), true)
        .expect_err("after 15 December");
    assert_eq!(err.field(), Some("act_date"));
    let text = err.to_string();
    assert!(text.contains("art. 175 c.9 TUEL"), "{text}");
    assert!(text.contains("AREA AFFARI GENERALI – ANNO 2020"), "{text}");
    assert_eq!(store.dump()?, before, "nothing approved");
    assert!(!store.version_info(v2)?.approved());
    // The same change on 10 December is still in time.
    store.approve(v2, &act("58", "10/12/2020"), true)?;
    // After 15 December, the years to come may still change.
    let v3 = store.vary(id)?;
    reweight(&mut store, v3, 2021)?;
    store.approve(v3, &act("61", "21/12/2020"), true)?;
    let y = store.results_report(id, YEAR)?;
    let listed: Vec<(String, String, String)> = y
        .variations
        .iter()
        .map(|(a, what)| (a.number.clone(), a.italian_date(), what.clone()))
        .collect();
    assert_eq!(
        listed,
        [
            ("58".into(), "10/12/2020".into(), "2 pesi modificati".into()),
            ("61".into(), "21/12/2020".into(), "2 pesi modificati".into()),
        ]
    );
    let pdf = piano::formats::pdf::results::render(&y, 2020, 2022, false)?;
    let text = pdftotext(&pdf, &["-raw"])?.replace('\n', " ");
    assert!(
        text.contains("Variazioni del piano approvate nel 2020")
            && text.contains("n. 58 del 10/12/2020: 2 pesi modificati"),
        "{text}"
    );
    Ok(())
}

#[test]
fn the_results_annex_prints_every_value_in_reading_order() -> R {
    let (mut store, id, _) = approved_demo()?;
    let y = store.year_results(id, YEAR)?;
    let draft = piano::formats::pdf::results::render(&y, 2020, 2022, false)?;
    let text = pdftotext(&draft, &["-raw"])?;
    assert!(
        text.contains("BOZZA – mancano 20 risultati"),
        "draft while missing"
    );
    let pages = text.matches("Pagina ").count();
    assert!(text.matches("BOZZA").count() >= pages);

    type_all(&mut store, id)?;
    let y = store.year_results(id, YEAR)?;
    let pdf = piano::formats::pdf::results::render(&y, 2020, 2022, false)?;
    common::assert_pdfa(&pdf, "the results annex")?;
    let raw = pdftotext(&pdf, &["-raw"])?;
    assert!(!raw.contains("BOZZA"), "complete: no draft stamp");
    let flat = squash(&raw);
    let mut at = 0;
    let mut find = |cell: &str| -> R {
        let needle = squash(cell);
        let found = flat[at..]
            .find(&needle)
            .ok_or_else(|| format!("{cell:?} missing or out of order"))?;
        at += found + needle.len();
        Ok(())
    };
    // The summary: area, score, share.
    for a in &y.areas {
        find(&a.name)?;
        find(&piano::domain::results::score_text(a.score))?;
        find(&piano::domain::results::pct(Some(a.share)))?;
    }
    // Each area: its rows (service, description, indicator, weight, value, %, points,
    // note), the total, then the outcome.
    for a in &y.areas {
        find(&format!("{} – ANNO {YEAR}", a.name))?;
        for r in &a.rows {
            let e = r.result.as_ref().ok_or("result")?;
            find(&r.service)?;
            find(&r.description)?;
            find(&r.indicator)?;
            if !r.is_prerequisite() {
                find(&format!(
                    "{}%",
                    piano::domain::model::format_hundredths(r.weight.into())
                ))?;
            }
            find(&e.value)?;
            find(&piano::domain::results::pct(Some(e.achievement)))?;
            if let Some(p) = r.points {
                find(&piano::domain::results::score_text(p))?;
            }
            find(&e.note)?;
        }
        find(&format!("Totale {}", a.name))?;
        find(&format!(
            "Punteggio {}",
            piano::domain::results::score_text(a.score)
        ))?;
    }
    assert!(raw.contains("97,68"), "the rounded score");
    assert!(flat.contains(&squash(
        "Non raggiunto: Rispetto del codice di comportamento"
    )));
    Ok(())
}

#[test]
fn the_publication_tables_carry_points_and_outcomes() -> R {
    let (mut store, id, _) = approved_demo()?;
    type_all(&mut store, id)?;
    let y = store.year_results(id, YEAR)?;
    let rows = read_csv(&piano::formats::results_sheet::publication_csv(&y)?)?;
    assert_eq!(rows[0], piano::formats::results_sheet::PUBLICATION_HEADER);
    assert_eq!(rows.len(), 21);
    let ag: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[1] == "AREA AFFARI GENERALI")
        .collect();
    assert_eq!(ag[1][9], "85,5%");
    assert_eq!(ag[1][10], "34,20");
    assert_eq!(ag[0][12], "64,20");
    assert_eq!(ag[0][14], "64,2%");
    let xlsx = piano::formats::results_sheet::publication_xlsx(&y)?;
    let sheets = piano::formats::workbook::workbook_sheets(&xlsx)?;
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Punteggi", "Risultati"]);
    let summary = &sheets[0].1;
    assert_eq!(summary[1].1[1], "AREA AFFARI GENERALI");
    assert_eq!(summary[1].1[3], "64.2");
    assert_eq!(summary[2].1[5], "0%", "prerequisite failed");
    Ok(())
}

#[test]
fn a_prerequisite_item_belongs_to_every_area() -> R {
    let (store, id, pre) = approved_demo()?;
    let y = store.year_results(id, YEAR)?;
    for a in &y.areas {
        assert_eq!(a.rows.last().map(|r| r.item), Some(Item::Prerequisite(pre)));
        assert_eq!(
            a.weight_total, 10_000,
            "{}: a prerequisite weighs nothing",
            a.name
        );
    }
    Ok(())
}

#[test]
fn a_foreign_or_broken_file_is_refused_with_what_to_do() -> R {
    let (mut store, id, _) = approved_demo()?;
    // The plan's own sheet is not the results sheet.
    let plan_sheet = piano::formats::sheet::to_csv(&store.load(id)?)?;
    let err = store
        .import_results(id, &plan_sheet, "csv")
        .unwrap_err()
        .to_string();
    assert!(err.contains("non è il foglio dei risultati"), "{err}");
    assert!(err.contains("«Valore raggiunto»"), "{err}");
    // Bytes that are no workbook.
    let err = store
        .import_results(id, b"PK\x03\x04 not really a zip", "xlsx")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("non è un foglio di calcolo leggibile"),
        "{err}"
    );
    // An empty file, and a sheet with the header only.
    let err = store
        .import_results(id, b"", "csv")
        .unwrap_err()
        .to_string();
    assert!(err.contains("vuoto"), "{err}");
    let header = piano::formats::results_sheet::HEADER.join(";");
    let err = store
        .import_results(id, header.as_bytes(), "csv")
        .unwrap_err()
        .to_string();
    assert!(err.contains("non contiene risultati"), "{err}");
    assert_eq!(store.year_results(id, YEAR)?.missing(), 20, "nothing saved");
    Ok(())
}

#[test]
fn the_managers_workbook_keeps_what_they_type_in_the_result_columns_as_text() -> R {
    use std::io::Read;
    let (store, id, _) = approved_demo()?;
    let xlsx = piano::formats::results_sheet::to_xlsx(&store.year_results(id, YEAR)?)?;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx))?;
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")?.read_to_string(&mut styles)?;
    // A number cell would turn "100%" into 1, read back as 1%: the cells to fill are text.
    let text_format = styles
        .split("<numFmt ")
        .find(|f| f.contains("formatCode=\"@\""))
        .and_then(|f| f.split('"').nth(1))
        .ok_or("no text format in the workbook")?
        .to_string();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")?
        .read_to_string(&mut sheet)?;
    let xfs: Vec<&str> = styles
        .split("<cellXfs")
        .nth(1)
        .ok_or("cellXfs")?
        .split("<xf ")
        .skip(1)
        .collect();
    let text_styles: Vec<usize> = xfs
        .iter()
        .enumerate()
        .filter(|(_, xf)| xf.contains(&format!("numFmtId=\"{text_format}\"")))
        .map(|(i, _)| i)
        .collect();
    assert!(!text_styles.is_empty());
    // Row 2's cells I, J, K (value, %, note) use it.
    for cell in ["I2", "J2", "K2"] {
        let at = sheet.find(&format!("r=\"{cell}\"")).ok_or(cell)?;
        let style: usize = sheet[at..]
            .split("s=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .ok_or("style")?
            .parse()?;
        assert!(text_styles.contains(&style), "{cell} is a text cell");
    }
    Ok(())
}
