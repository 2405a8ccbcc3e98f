//! The plan after the print: approval (a freeze enforced by the database), variations, the
//! change annex, and the upgrade of a database written by the previous release.

mod common;

use common::R;
use piano::domain::ids::{ObjectiveId, PlacementId};
use piano::prelude::*;
use piano::{Error, ObjectiveInput, Store};
use piano_testkit::act;

/// Area, period, kind of change, weight before, weight after.
type Line = (String, String, String, Option<u32>, Option<u32>);

fn row(store: &Store, plan: i64, area: &str, period: &str, n: usize) -> R<PlacementId> {
    let p = store.load(plan)?;
    let a = p.areas.iter().find(|a| a.name == area).ok_or("area")?;
    let d = p
        .periods
        .iter()
        .find(|d| d.label == period)
        .ok_or("period")?;
    let id = p.cell(a.id, d.id).nth(n).ok_or("row")?.id;
    Ok(id)
}

#[test]
fn approve_freeze_vary_and_the_change_annex_lists_exactly_what_changed() -> R {
    let (mut store, id) = common::demo()?;

    // Not yet: Servizi Sociali's 90% blocks the approval.
    let err = store
        .approve(id, &act("12", "2020-02-15"), true)
        .unwrap_err();
    assert!(err.to_string().contains("AREA SERVIZI SOCIALI"), "{err}");
    common::fix_demo_weights(&mut store, id)?;
    // The near copy in SERVIZI TECNICI is a warning: it needs a confirmation.
    let err = store
        .approve(id, &act("12", "2020-02-15"), false)
        .unwrap_err();
    assert!(err.to_string().contains("conferma"), "{err}");
    store.approve(id, &act("12", "2020-02-15"), true)?;
    let info = store.version_info(id)?;
    assert_eq!(
        info.label,
        "Proposta – approvata con delibera n. 12 del 15/02/2020"
    );
    let plan = store.load(id)?;
    let text = common::pdftotext(
        &piano::formats::pdf::render(&plan, &piano::check(&plan), &Default::default())?,
        &["-layout"],
    )?;
    assert!(
        text.contains("Allegato alla deliberazione della Giunta dell'Unione n. 12 del 15/02/2020"),
        "the annex carries the act"
    );

    // Frozen: every change refused, nothing written.
    let before = store.dump()?;
    let first = row(&store, id, "AREA AFFARI GENERALI", "ANNO 2020", 0)?;
    let attempts: Vec<(&str, piano::Result<()>)> = vec![
        ("weight", store.set_weight(first, "35")),
        ("delete", store.delete_placement(first)),
        ("area", store.add_area(id, "AREA NUOVA", "").map(|_| ())),
        ("period", store.delete_period(plan.periods[0].id)),
        ("plan", store.delete_plan(id)),
        ("move", store.move_placement(first, 1)),
    ];
    for (what, result) in attempts {
        let err = result.expect_err(what);
        assert!(
            matches!(err, Error::Frozen | Error::Invalid { .. }),
            "{what}: {err}"
        );
        assert!(
            err.to_string().contains("variazione") || err.to_string().contains("approvat"),
            "{what}: says how to go on: {err}"
        );
    }
    assert_eq!(
        store.dump()?,
        before,
        "nothing changed in the approved version"
    );

    // A variation: one weight, one cross-cutting text, a row added and one removed.
    let v2 = store.vary(id)?;
    assert!(store.vary(id).is_err(), "only one version in preparation");
    let cut = row(&store, v2, "AREA AFFARI GENERALI", "ANNO 2020", 0)?;
    let kept = row(&store, v2, "AREA AFFARI GENERALI", "ANNO 2020", 1)?;
    let removed = store.load(v2)?;
    let removed_text = removed
        .objective(
            removed
                .placements
                .iter()
                .find(|p| p.id == cut)
                .ok_or("row")?
                .objective_id,
        )
        .ok_or("objective")?
        .text
        .description
        .clone();
    store.delete_placement(cut)?;
    let w = store
        .load(v2)?
        .placements
        .iter()
        .find(|p| p.id == kept)
        .ok_or("row")?
        .weight;
    store.set_weight(kept, &piano::Weight(w.0 + 3000).to_italian())?;
    let shared = row(&store, v2, "AREA POLIZIA LOCALE", "ANNO 2021 E 2022", 2)?;
    let p2 = store.load(v2)?;
    let shared_obj = p2
        .placements
        .iter()
        .find(|p| p.id == shared)
        .ok_or("row")?
        .objective_id;
    let t = p2.objective(shared_obj).ok_or("objective")?.text.clone();
    assert!(
        p2.share_counts()[&shared_obj] >= 5,
        "the cross-cutting objective"
    );
    store.update_placement(
        shared,
        &ObjectiveInput {
            service: t.service.clone(),
            kind: t.kind.as_str().into(),
            description: t.description.clone(),
            expected_result: "Entro 30 giorni dalla data di accettazione della fattura".into(),
            indicator: t.indicator.clone(),
        },
        &p2.placements
            .iter()
            .find(|p| p.id == shared)
            .ok_or("row")?
            .weight
            .to_italian(),
    )?;
    let area = p2
        .areas
        .iter()
        .find(|a| a.name == "AREA SERVIZI TECNICI")
        .ok_or("area")?
        .id;
    let new_row = store.add_objective(
        area,
        p2.periods[1].id,
        &ObjectiveInput {
            service: "SERVIZI TECNICI".into(),
            kind: "S".into(),
            description: "Nuovo sportello unico per l'edilizia".into(),
            expected_result: "Attivazione entro il 31.12.2021".into(),
            indicator: "Relazione".into(),
        },
        "10",
    )?;
    let _ = new_row;
    // Make the two areas add up again so the variation can be approved.
    let tech = row(&store, v2, "AREA SERVIZI TECNICI", "ANNO 2021 E 2022", 0)?;
    let tw = store
        .load(v2)?
        .placements
        .iter()
        .find(|p| p.id == tech)
        .ok_or("row")?
        .weight;
    store.set_weight(tech, &piano::Weight(tw.0 - 1000).to_italian())?;
    store.approve(v2, &act("45", "2020-07-12"), true)?;
    assert_eq!(store.versions(id)?.len(), 2);

    let changes = store.changes(v2, None, None)?;
    let summary: Vec<Line> = changes
        .cells
        .iter()
        .flat_map(|c| {
            c.rows.iter().map(move |r| {
                (
                    c.area.clone(),
                    c.period.clone(),
                    r.kind.italian().to_string(),
                    r.before,
                    r.after,
                )
            })
        })
        .collect();
    let expected = vec![
        (
            "AREA AFFARI GENERALI",
            "ANNO 2020",
            "Peso modificato",
            Some(w.0),
            Some(w.0 + 3000),
        ),
        (
            "AREA AFFARI GENERALI",
            "ANNO 2020",
            "Eliminato",
            Some(3000),
            None,
        ),
        (
            "AREA SERVIZI TECNICI",
            "ANNO 2021 E 2022",
            "Peso modificato",
            Some(tw.0),
            Some(tw.0 - 1000),
        ),
        (
            "AREA SERVIZI TECNICI",
            "ANNO 2021 E 2022",
            "Aggiunto",
            None,
            Some(1000),
        ),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(a, p, k, b, n)| (a.to_string(), p.to_string(), k.to_string(), b, n))
        .collect();
    assert_eq!(summary, expected, "exactly the changes made, nothing else");
    let affari = &changes.cells[0];
    assert_eq!((affari.total_before, affari.total_after), (10000, 10000));
    assert_eq!(
        changes.texts.len(),
        1,
        "the cross-cutting text once: {:?}",
        changes.texts
    );
    let text = &changes.texts[0];
    assert_eq!(text.areas.len(), 5, "with the areas it touches");
    assert_eq!(text.fields.len(), 1);
    assert_eq!(text.fields[0].field, "Risultato atteso");
    assert_eq!(text.fields[0].before, t.expected_result);

    let csv = String::from_utf8(piano::formats::changes::to_csv(&changes)?)?;
    assert_eq!(csv.lines().count(), 1 + 4 + 2 + 1, "{csv}");
    assert!(
        csv.contains(&format!("Eliminato;SERVIZI INFORMATICI;{removed_text}"))
            || csv.contains("Eliminato;"),
        "{csv}"
    );
    assert!(
        csv.contains("Testo modificato")
            && csv.contains("Entro 30 giorni dalla data di accettazione della fattura")
    );

    let plan2 = store.load(v2)?;
    let pdf = piano::formats::pdf::changes::render(&plan2, &changes)?;
    std::fs::write(
        std::env::temp_dir().join("prospetto-variazioni-test.pdf"),
        &pdf,
    )?;
    let text = common::pdftotext(&pdf, &["-layout"])?;
    for needle in [
        "PROSPETTO DELLE VARIAZIONI",
        "Variazione n. 1 – approvata con delibera n. 45 del 12/07/2020",
        "AREA AFFARI GENERALI – ANNO 2020",
        "Eliminato",
        "Aggiunto",
        "Nuovo sportello unico per l'edilizia",
        "Peso modificato",
        "TESTI MODIFICATI",
        "Entro 30 giorni dalla data di accettazione",
        "Pagina 1 di",
    ] {
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        assert!(
            squash(&text).contains(&squash(needle)),
            "{needle} in the change annex:\n{text}"
        );
    }
    assert!(
        !text.contains("AREA ECONOMICO FINANZIARIA –"),
        "unchanged areas are not listed"
    );
    std::fs::write(
        std::env::temp_dir().join("prospetto-variazioni-test.pdf"),
        &pdf,
    )?;

    // The first version is still there, as approved, and still frozen.
    let v1 = store.load(id)?;
    assert!(v1.plan.approval.contains("n. 12 del 15/02/2020"));
    assert!(matches!(store.set_weight(first, "31"), Err(Error::Frozen)));
    // Roll forward starts from the latest approved version.
    assert_eq!(store.roll_source(id)?, v2);
    Ok(())
}

#[test]
fn the_act_is_checked_and_only_the_latest_approval_can_be_withdrawn() -> R {
    let (mut store, id) = common::demo()?;
    common::fix_demo_weights(&mut store, id)?;
    let before = store.dump()?;
    for (a, fragment) in [
        (act("", "2020-02-15"), "Numero della delibera"),
        (act("12", "2099-01-01"), "nel futuro"),
        (act("12", "2015-01-01"), "troppo lontana"),
        (act("12", "abc"), "non è una data"),
    ] {
        let err = store.approve(id, &a, true).unwrap_err();
        assert!(err.to_string().contains(fragment), "{a:?}: {err}");
    }
    assert_eq!(store.dump()?, before, "refusals write nothing");
    store.approve(id, &act("12", "15/02/2020"), true)?;
    let err = store.revoke_approval(id, "21").unwrap_err();
    assert!(
        err.to_string().contains("numero della delibera (12)"),
        "{err}"
    );
    let v2 = store.vary(id)?;
    assert!(
        store.revoke_approval(id, "12").is_err(),
        "an older version's approval stays"
    );
    assert!(
        store.revoke_approval(v2, "12").is_err(),
        "v2 is not approved"
    );
    store.approve(v2, &act("45", "2020-07-12"), true)?;
    store.revoke_approval(v2, "45")?;
    assert_eq!(
        store.version_info(v2)?.label,
        "Variazione n. 1 – in preparazione"
    );
    store.set_weight(
        row(&store, v2, "AREA AFFARI GENERALI", "ANNO 2020", 0)?,
        "30",
    )?;
    let log: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM approval_log", [], |r| r.get(0))?;
    assert_eq!(log, 3, "two approvals and one withdrawal, logged");
    assert!(store.delete_plan(id).is_err(), "an approved plan is an act");
    Ok(())
}

#[test]
fn a_database_of_the_previous_release_upgrades_and_every_plan_survives() -> R {
    let (dir, db) = common::db_file()?;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(fixtures.join("release-0.2.0.sqlite"), &db)?;
    let store = Store::open(&db)?;
    assert!(
        dir.path()
            .join(format!(
                "piano.prima-della-versione-{}.sqlite",
                piano::db::schema_version()
            ))
            .exists(),
        "the file was copied aside before the upgrade"
    );
    let upgrade = piano::db::copies::list(&db);
    assert!(
        upgrade.len() == 1 && upgrade[0].good && upgrade[0].plans == 3,
        "and among the automatic copies, schema 1 read right: {upgrade:?}"
    );
    let plans = store.list_plans()?;
    assert_eq!(plans.len(), 3);
    for p in &plans {
        assert_eq!(p.version_label, "Proposta – in preparazione");
        let plan = store.load(p.id)?;
        let csv = piano::formats::sheet::to_csv(&plan)?;
        let old = std::fs::read(fixtures.join(format!("release-0.2.0-plan-{}.csv", p.id)))?;
        assert_eq!(
            csv, old,
            "plan {}: the CSV export is byte for byte the same",
            p.id
        );
        let json = String::from_utf8(piano::formats::json::to_json(&plan)?)?;
        let old =
            std::fs::read_to_string(fixtures.join(format!("release-0.2.0-plan-{}.json", p.id)))?;
        let strip = |s: &str| {
            s.lines()
                .filter(|l| !l.contains("\"exported_at\""))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            strip(&json),
            strip(&old),
            "plan {}: the JSON copy is the same",
            p.id
        );
    }
    Ok(())
}

fn timeliness_problems(store: &Store, plan: i64) -> R<Vec<String>> {
    Ok(piano::domain::approval::checks(&store.load(plan)?)
        .into_iter()
        .filter(|p| p.kind == piano::domain::rules::ProblemKind::Timeliness)
        .map(|p| p.message)
        .collect())
}

#[test]
fn payment_timeliness_is_checked_from_2024_and_the_standard_objective_satisfies_it() -> R {
    let mut store = Store::open_in_memory()?;
    let demo = store.load_demo()?;
    assert!(
        timeliness_problems(&store, demo)?.is_empty(),
        "silent on the 2020 plan"
    );
    assert!(
        store.load(demo)?.objectives.iter().any(|o| o.timeliness),
        "the import recognised «tempestività dei pagamenti» by its words"
    );

    let id = store.create_plan(
        &piano::PlanInput {
            entity: "Unione".into(),
            title: "PIANO OBIETTIVI 2024-2026".into(),
            first_year: 2024,
            last_year: 2026,
            approval: String::new(),
        },
        &[
            piano::NewPeriod {
                first_year: 2024,
                last_year: 2024,
            },
            piano::NewPeriod {
                first_year: 2025,
                last_year: 2026,
            },
        ],
    )?;
    let area = store.add_area(id, "AREA ECONOMICO FINANZIARIA", "")?;
    let other = store.add_area(id, "AREA SENZA FATTURE", "")?;
    store.set_pays_invoices(other, false)?;
    let periods = store.load(id)?.periods;
    for p in &periods {
        for (a, w) in [(area, "70"), (other, "100")] {
            store.add_objective(
                a,
                p.id,
                &ObjectiveInput {
                    service: "RAGIONERIA".into(),
                    kind: "M".into(),
                    description: "Chiusura del rendiconto".into(),
                    expected_result: "Entro il 30.04".into(),
                    indicator: "Delibera".into(),
                },
                w,
            )?;
        }
    }
    let problems = timeliness_problems(&store, id)?;
    assert_eq!(
        problems.len(),
        2,
        "one per period of the paying area: {problems:?}"
    );
    assert!(problems[0].contains("AREA ECONOMICO FINANZIARIA – ANNO 2024"));
    assert!(problems[0].contains("manca l'obiettivo di tempestività"));

    assert_eq!(store.add_timeliness_objective(id, "")?, 2);
    assert!(
        timeliness_problems(&store, id)?.is_empty(),
        "satisfied at 30"
    );
    let plan = store.load(id)?;
    let marked: Vec<_> = plan.objectives.iter().filter(|o| o.timeliness).collect();
    assert_eq!(marked.len(), 1, "one cross-cutting text");
    assert_eq!(plan.share_counts()[&marked[0].id], 2);
    assert!(
        piano::domain::approval::checks(&plan).is_empty(),
        "70 + 30 in each period"
    );
    // It carries its measures: the delay ≤ 0 days and the payment time ≤ 30 days, each year.
    let measures: Vec<String> = plan
        .indicators_of(marked[0].id)
        .map(piano::domain::indicators::describe_targets)
        .collect();
    assert_eq!(
        measures,
        [
            "giorni: 2024 ≤ 0 giorni di ritardo (indicatore annuale); 2025 ≤ 0 giorni di ritardo (indicatore annuale); 2026 ≤ 0 giorni di ritardo (indicatore annuale)",
            "giorni: 2024 ≤ 30 giorni medi di pagamento; 2025 ≤ 30 giorni medi di pagamento; 2026 ≤ 30 giorni medi di pagamento"
        ]
    );

    let row = plan
        .placements
        .iter()
        .find(|p| p.objective_id == marked[0].id)
        .ok_or("row")?
        .id;
    store.set_weight(row, "25")?;
    let problems = timeliness_problems(&store, id)?;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("pesa 25%"), "{}", problems[0]);

    // A sheet with the objective at 30 everywhere checks clean right after import.
    let mut csv = String::from("Area;Anni;Servizio organizzativo;Tipologia;Descrizione obiettivo;Risultato atteso;Indicatore di risultato;Peso\n");
    for area in ["AREA A", "AREA B"] {
        for years in ["2024", "2025-2026"] {
            csv.push_str(&format!("{area};{years};TEMPESTIVITA' PAGAMENTI;M;Rispetto della tempestività dei pagamenti;Indicatore di ritardo ≤ 0;Dati PCC;30\n"));
            csv.push_str(&format!(
                "{area};{years};SERVIZI;S;Obiettivo {area} {years};Entro fine anno;Relazione;70\n"
            ));
        }
    }
    let imported = store.import_csv(csv.as_bytes(), &Default::default())?;
    assert!(
        piano::domain::approval::checks(&store.load(imported)?).is_empty(),
        "{:?}",
        piano::domain::approval::checks(&store.load(imported)?)
    );
    Ok(())
}

#[test]
fn a_sheet_sent_round_the_areas_updates_the_version_in_preparation_after_a_preview() -> R {
    let (mut store, id) = common::demo()?;
    let csv = String::from_utf8(piano::formats::sheet::to_csv(&store.load(id)?)?)?;
    let mut lines: Vec<String> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .map(String::from)
        .collect();
    // One weight, one cross-cutting text in every area, one row removed, one added.
    lines[1] = format!("{};40", lines[1].rsplit_once(';').ok_or("line")?.0);
    for l in lines.iter_mut() {
        *l = l.replace(
            "Breve relazione del Responsabile dell'Area Economico finanziaria",
            "Relazione del Responsabile dell'Area Economico finanziaria",
        );
    }
    lines.remove(3);
    lines.push("AREA SERVIZI TECNICI;2021-2022;SERVIZI TECNICI;S;Nuovo sportello;Entro il 2022;Relazione;10".into());
    let sheet = lines.join("\n");
    let rows = piano::formats::sheet::parse_records(
        &piano::formats::sheet::csv_records(sheet.as_bytes())?,
        "Il file",
    )?;

    let before = store.dump()?;
    let changes = store.preview_update(id, &rows, &[])?;
    assert_eq!(store.dump()?, before, "the preview writes nothing");
    let kinds: Vec<&str> = changes
        .cells
        .iter()
        .flat_map(|c| c.rows.iter().map(|r| r.kind.italian()))
        .collect();
    assert_eq!(
        kinds,
        ["Peso modificato", "Eliminato", "Aggiunto"],
        "{changes:?}"
    );
    assert_eq!(changes.texts.len(), 1, "the cross-cutting text once");
    assert_eq!(changes.texts[0].areas.len(), 5);

    store.update_from_rows(id, &rows, &[])?;
    let plan = store.load(id)?;
    assert_eq!(plan.placements.len(), 30, "30 - 1 + 1 rows");
    let max_share = plan.share_counts().values().copied().max().unwrap_or(0);
    assert!(max_share >= 5, "cross-cutting links rebuilt from the texts");
    assert!(
        store.preview_update(id, &rows, &[])?.is_empty(),
        "the same sheet again changes nothing"
    );

    // An approved version is never updated.
    let (mut store, id) = common::demo()?;
    common::fix_demo_weights(&mut store, id)?;
    store.approve(id, &act("12", "2020-02-15"), true)?;
    let before = store.dump()?;
    assert!(matches!(
        store.update_from_rows(id, &rows, &[]),
        Err(Error::Frozen)
    ));
    assert!(matches!(
        store.preview_update(id, &rows, &[]),
        Err(Error::Frozen)
    ));
    assert_eq!(store.dump()?, before, "nothing written");
    Ok(())
}

#[test]
fn the_sheet_carries_the_timeliness_mark_in_an_optional_column() -> R {
    let mut store = Store::open_in_memory()?;
    let header = "Area;Anni;Servizio organizzativo;Tipologia;Descrizione obiettivo;Risultato atteso;Indicatore di risultato;Peso;Tempestività pagamenti\n";
    let sheet = format!(
        "{header}AREA A;2024;RAGIONERIA;M;Pagare le fatture in tempo;Ritardo ≤ 0;Dati PCC;30;Sì\n\
         AREA A;2024;SERVIZI;S;Rispetto della tempestività dei pagamenti (solo titolo);Entro fine anno;Relazione;70;No\n"
    );
    let id = store.import_csv(sheet.as_bytes(), &Default::default())?;
    let plan = store.load(id)?;
    let marked: Vec<&str> = plan
        .objectives
        .iter()
        .filter(|o| o.timeliness)
        .map(|o| o.text.description.as_str())
        .collect();
    assert_eq!(
        marked,
        ["Pagare le fatture in tempo"],
        "the column decides, not the words"
    );
    assert!(piano::domain::approval::checks(&plan).is_empty());
    // Exported with the column (a 2024 plan), it comes back the same.
    let csv = piano::formats::sheet::to_csv(&plan)?;
    let text = String::from_utf8(csv.clone())?;
    assert!(text.contains(";Tempestività pagamenti\r\n"), "{text}");
    assert!(
        text.contains(";30;Sì\r\n") && text.contains(";70;No\r\n"),
        "{text}"
    );
    let again = store.import_csv(&csv, &Default::default())?;
    assert_eq!(
        store
            .load(again)?
            .objectives
            .iter()
            .filter(|o| o.timeliness)
            .count(),
        1
    );
    // A value that is neither Sì nor No is refused with its row and column.
    let bad = format!("{header}AREA A;2024;RAGIONERIA;M;Pagare;Ritardo;PCC;100;forse\n");
    let before = store.dump()?;
    let err = store
        .import_csv(bad.as_bytes(), &Default::default())
        .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("riga 2")
            && msg.contains("Tempestività pagamenti")
            && msg.contains("Sì oppure No"),
        "{msg}"
    );
    assert_eq!(store.dump()?, before, "nothing written");
    Ok(())
}

#[test]
fn a_text_changed_in_every_yearly_period_is_listed_once_with_its_periods() -> R {
    let mut store = Store::open_in_memory()?;
    let mut csv = String::from("Area;Anni;Servizio organizzativo;Tipologia;Descrizione obiettivo;Risultato atteso;Indicatore di risultato;Peso\n");
    for area in ["AREA A", "AREA B"] {
        for year in ["2024", "2025", "2026"] {
            csv.push_str(&format!("{area};{year};TEMPESTIVITA' PAGAMENTI;M;Rispetto della tempestività dei pagamenti;Indicatore di ritardo ≤ 0;Dati PCC;30\n"));
            csv.push_str(&format!(
                "{area};{year};SERVIZI;S;Obiettivo {area} {year};Entro fine anno;Relazione;70\n"
            ));
        }
    }
    let id = store.import_csv(csv.as_bytes(), &Default::default())?;
    store.approve(id, &act("3", "15/01/2024"), true)?;
    let variation = store.vary(id)?;
    // The sheet made one cross-cutting objective per year: change the indicator in each.
    let plan = store.load(variation)?;
    let timeliness: Vec<ObjectiveId> = plan
        .objectives
        .iter()
        .filter(|o| o.text.service.starts_with("TEMPESTIVITA"))
        .map(|o| o.id)
        .collect();
    assert_eq!(timeliness.len(), 3, "one objective per yearly period");
    for objective in timeliness {
        let placement = plan
            .placements
            .iter()
            .find(|p| p.objective_id == objective)
            .ok_or("placement")?;
        let text = &plan.objective(objective).ok_or("objective")?.text;
        let input = ObjectiveInput {
            service: text.service.clone(),
            kind: "M".into(),
            description: text.description.clone(),
            expected_result: text.expected_result.clone(),
            indicator: "Indicatore annuale di ritardo (PCC)".into(),
        };
        store.update_placement(placement.id, &input, "30")?;
    }
    let changes = store.changes(variation, None, None)?;
    assert_eq!(
        changes.texts.len(),
        1,
        "one text change: {:?}",
        changes.texts
    );
    let t = &changes.texts[0];
    assert_eq!(t.areas, ["AREA A", "AREA B"]);
    assert_eq!(t.periods, ["ANNO 2024", "ANNO 2025", "ANNO 2026"]);
    let lines = piano::domain::changes::lines(&changes);
    let text_lines: Vec<&String> = lines.iter().filter(|l| l.starts_with("Testo")).collect();
    assert_eq!(text_lines.len(), 1, "{lines:?}");
    assert!(
        text_lines[0].contains("AREA A, AREA B; ANNO 2024, ANNO 2025, ANNO 2026"),
        "{}",
        text_lines[0]
    );
    let csv = String::from_utf8(piano::formats::changes::to_csv(&changes)?)?;
    let rows: Vec<&str> = csv
        .lines()
        .filter(|l| l.contains("Testo modificato"))
        .collect();
    assert_eq!(rows.len(), 1, "{csv}");
    assert!(
        rows[0].starts_with("AREA A, AREA B;ANNO 2024, ANNO 2025, ANNO 2026;Testo modificato"),
        "{}",
        rows[0]
    );
    let pdf = piano::formats::pdf::changes::render(&store.load(variation)?, &changes)?;
    let text = common::squash(&common::pdftotext(&pdf, &[])?);
    assert_eq!(
        text.matches("Indicatoreannualediritardo(PCC)").count(),
        1,
        "the PDF lists the change once: {text}"
    );
    assert!(
        text.contains("Periodi:ANNO2024,ANNO2025,ANNO2026"),
        "{text}"
    );
    Ok(())
}
