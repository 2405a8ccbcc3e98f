//! Result pay as the law allows it (issue 28), each case an office meets, worked out by hand on
//! a 2025 plan: three areas that pay invoices, each with one objective (70) and the
//! payment-timeliness objective (30); Mario Rossi leads Affari Generali and Economico
//! Finanziaria, Anna Bianchi Servizi Sociali; every result 100, every behaviour 5 of 5, so
//! that the score is 100 and the band's share 100%: what moves the pay is only the rule under
//! test. Maximum pay € 10.000,00 each.

mod common;

use common::R;
use piano::domain::evaluation::{Evaluation, RulesInput, SchedaInput};
use piano::domain::ids::AreaId;
use piano::domain::pay::{DelayInput, InterimInput};
use piano::domain::results::{Item, ResultInput};
use piano::ops::evaluation::AssignmentInput;
use piano::prelude::*;
use piano::store::ActInput;
use piano::Store;
use piano_testkit::act;

const YEAR: i32 = 2025;
const AREAS: [(&str, &str); 3] = [
    ("AREA AFFARI GENERALI", "Mario Rossi"),
    ("AREA ECONOMICO FINANZIARIA", "Mario Rossi"),
    ("AREA SERVIZI SOCIALI", "Anna Bianchi"),
];

/// The plan, approved, with the prerequisite «Codice di comportamento»; every result typed
/// 100, the prerequisite failed in the areas named.
fn plan(failed: &[&str]) -> R<(Store, i64)> {
    let head = "Area;Anni;Servizio organizzativo;Tipologia;Descrizione obiettivo;Risultato atteso;Indicatore di risultato;Peso;Tempestività pagamenti";
    let mut rows = Vec::new();
    for (area, _) in AREAS {
        rows.push(format!("{area};2025;SERVIZI;S;Digitalizzazione dei procedimenti dell'area;Entro il 31.12.2025;Relazione;70;No"));
        rows.push(format!("{area};2025;OBIETTIVO TRASVERSALE > TEMPESTIVITA' PAGAMENTI;M;Tempestività dei pagamenti;Indicatore di ritardo annuale ≤ 0 giorni;Indicatore di ritardo annuale (PCC);30;Sì"));
    }
    let csv = format!("{head}\r\n{}\r\n", rows.join("\r\n"));
    let mut store = Store::open_in_memory()?;
    let id = store.import_csv(csv.as_bytes(), &piano::ImportOptions::default())?;
    for a in store.list_areas(id)? {
        let manager = AREAS
            .iter()
            .find(|(n, _)| *n == a.name)
            .map(|(_, m)| *m)
            .ok_or("an area of the plan")?;
        store.update_area(a.id, &a.name, manager)?;
    }
    store.add_prerequisite(
        id,
        "Codice di comportamento",
        "Nessuna sanzione disciplinare",
    )?;
    store.approve(id, &act("7", "2025-01-31"), true)?;
    let y = store.year_results(id, YEAR)?;
    let mut entries = Vec::new();
    for a in &y.areas {
        for r in &a.rows {
            let fail = matches!(r.item, Item::Prerequisite(_)) && failed.contains(&a.name.as_str());
            entries.push((
                a.area_id,
                r.item,
                ResultInput {
                    value: if fail {
                        "sanzione".into()
                    } else {
                        "fatto".into()
                    },
                    achievement: if fail { "0".into() } else { "100".into() },
                    note: if fail {
                        "Procedimento disciplinare concluso con sanzione".into()
                    } else {
                        String::new()
                    },
                    values: Vec::new(),
                },
            ));
        }
    }
    store.set_results(id, YEAR, &entries)?;
    for a in &store.year_results(id, YEAR)?.areas {
        assert_eq!(a.score, 10_000, "{}", a.name);
        assert_eq!(a.timeliness_weight, 3_000, "{}", a.name);
        assert!(a.pays_invoices);
    }
    Ok((store, id))
}

fn rules(components: (&str, &str), timeliness: &str, prerequisite: &str) -> RulesInput {
    RulesInput {
        organisational: components.0.into(),
        behaviours: components.1.into(),
        scale: "1-5".into(),
        items: if components.1 == "0" {
            Vec::new()
        } else {
            ["Organizzazione", "Problemi", "Relazioni", "Collaboratori"]
                .iter()
                .map(|n| (n.to_string(), "25".to_string(), String::new()))
                .collect()
        },
        bands: "0:0; 60:proporzionale; 90:100".into(),
        combine: "media".into(),
        budget: "30.000".into(),
        timeliness: timeliness.into(),
        prerequisite: prerequisite.into(),
        ..RulesInput::default()
    }
}

fn scheda(interims: Vec<InterimInput>) -> SchedaInput {
    SchedaInput {
        scores: (0..4).map(|_| ("5".to_string(), String::new())).collect(),
        colloquio: "15/03/2026".into(),
        max_pay: "10.000".into(),
        evaluator: "Il Segretario generale".into(),
        interims,
        // Handed over after the colloquio; the review window (15 days) long closed.
        review: piano::domain::conciliation::ReviewInput {
            handed_over: "20/03/2026".into(),
            ..Default::default()
        },
        ..SchedaInput::default()
    }
}

fn interim() -> InterimInput {
    InterimInput {
        post: "AREA SERVIZI TECNICI".into(),
        value: "9.000".into(),
        percent: "20".into(),
        from: "01/03/2025".into(),
        to: "28/06/2025".into(),
    }
}

fn delay(days: &str, area: Option<AreaId>) -> DelayInput {
    DelayInput {
        area,
        days: days.into(),
        verifier: "Dott. Luigi Verdi, revisore unico".into(),
        verification: "Verbale n. 4".into(),
        verified_on: "20/02/2026".into(),
    }
}

fn amount(e: &Evaluation, manager: &str) -> Option<i64> {
    e.managers.iter().find(|m| m.manager == manager)?.amount
}

fn line(e: &Evaluation, manager: &str, label: &str) -> Option<i64> {
    e.managers
        .iter()
        .find(|m| m.manager == manager)?
        .lines
        .iter()
        .find(|l| l.label.starts_with(label))?
        .amount
}

fn assignment() -> AssignmentInput {
    AssignmentInput {
        proposal: act("2", "2026-04-01"),
        assignment: ActInput {
            body: "Presidente dell'Unione".into(),
            number: "3".into(),
            date: "2026-04-10".into(),
        },
    }
}

/// (a) Missed timeliness under the dedicated quota: ritardo +12 days, verified; everything
/// else 100 → 70% of the maximum, € 7.000,00 (before the fix: € 10.000,00, or 82% with the
/// objective inside the results). The same under the «inside the results» SMVP: refused while
/// the share that depends on timeliness is 60% × 30% = 18%, accepted at 100% × 30% = 30%.
#[test]
fn a_manager_who_misses_timeliness_gets_at_most_70_percent() -> R {
    let (mut store, id) = plan(&[])?;
    store.set_evaluation_rules(id, YEAR, &rules(("60", "40"), "quota", "tutto"))?;
    store.set_scheda(id, YEAR, "Mario Rossi", &scheda(Vec::new()))?;
    let e = store.set_scheda(id, YEAR, "Anna Bianchi", &scheda(Vec::new()))?;
    let anna = e
        .managers
        .iter()
        .find(|m| m.manager == "Anna Bianchi")
        .unwrap();
    assert_eq!(anna.score, Some(10_000));
    assert_eq!(anna.amount, None, "no indicator yet: nothing to pay on");
    assert!(anna
        .missing
        .iter()
        .any(|m| m.contains("indicatore di ritardo annuale")));
    // Bad input names the field and saves nothing.
    let before = store.dump()?;
    let err = store
        .set_payment_delay(id, YEAR, &delay("tanti", None))
        .expect_err("tanti");
    assert_eq!(err.field(), Some("delay"));
    assert!(err.to_string().contains("«tanti»"), "{err}");
    assert_eq!(store.dump()?, before);
    // Recorded but not verified: still missing.
    let mut unverified = delay("+12", None);
    unverified.verifier.clear();
    unverified.verified_on.clear();
    let e = store.set_payment_delay(id, YEAR, &unverified)?;
    assert_eq!(amount(&e, "Anna Bianchi"), None);
    assert!(e.managers[1]
        .missing
        .iter()
        .any(|m| m.contains("verifica del revisore")));
    // Verified by the revisore: missed, the 30% quota is not paid.
    let e = store.set_payment_delay(id, YEAR, &delay("+12", None))?;
    assert_eq!(
        line(&e, "Anna Bianchi", "Quota legata al punteggio"),
        Some(700_000)
    );
    assert_eq!(line(&e, "Anna Bianchi", "Quota di tempestività"), Some(0));
    assert_eq!(amount(&e, "Anna Bianchi"), Some(700_000), "70% of € 10.000");
    assert_eq!(amount(&e, "Mario Rossi"), Some(700_000));
    // An area's own indicator, met (-3 days), beats the entity's for that area.
    let ss = store
        .year_results(id, YEAR)?
        .areas
        .iter()
        .find(|a| a.name == "AREA SERVIZI SOCIALI")
        .unwrap()
        .area_id;
    let e = store.set_payment_delay(id, YEAR, &delay("-3", Some(ss)))?;
    assert_eq!(amount(&e, "Anna Bianchi"), Some(1_000_000));
    assert_eq!(amount(&e, "Mario Rossi"), Some(700_000));

    // The same plan under "timeliness inside the results": 60% × 30% = 18%, refused.
    let e = store.set_evaluation_rules(id, YEAR, &rules(("60", "40"), "risultati", "tutto"))?;
    let anna = e
        .managers
        .iter()
        .find(|m| m.manager == "Anna Bianchi")
        .unwrap();
    assert_eq!(anna.timeliness_share, Some(1_800));
    assert!(
        anna.timeliness_arithmetic.contains("60% × peso")
            && anna.timeliness_arithmetic.contains("30% = 18%"),
        "{}",
        anna.timeliness_arithmetic
    );
    let err = store
        .validate_evaluation(id, YEAR, &assignment())
        .expect_err("18% < 30%");
    let text = err.to_string();
    assert!(
        text.contains("18%") && text.contains("art. 4-bis DL 13/2023"),
        "{text}"
    );
    assert!(store.evaluation(id, YEAR)?.validation.is_none());
    // Organisational results at 100%: 100% × 30% = 30%, accepted.
    let e = store.set_evaluation_rules(id, YEAR, &rules(("100", "0"), "risultati", "tutto"))?;
    assert!(e.refusals.is_empty(), "{:?}", e.refusals);
    assert_eq!(e.managers[1].timeliness_share, Some(3_000));
    let e = store.validate_evaluation(id, YEAR, &assignment())?;
    let proposal = e.proposal.as_ref().unwrap();
    assert_eq!(
        (proposal.body.as_str(), proposal.number.as_str()),
        ("Nucleo di valutazione", "2")
    );
    assert_eq!(
        e.validation.as_ref().unwrap().body,
        "Presidente dell'Unione"
    );
    // The freeze covers the indicators too, whoever writes.
    let err = store
        .conn()
        .execute("UPDATE payment_delay SET days = 0", [])
        .unwrap_err()
        .to_string();
    assert!(err.contains("valutazione convalidata"), "{err}");
    Ok(())
}

/// (b) A failed prerequisite gives nil pay to its manager; for a manager of two areas whose
/// one failed: nil under «tutto» (the default, the interim too), half under «area»
/// (€ 10.000 × 1/2 + the interim € 591,78 = € 5.591,78).
#[test]
fn a_failed_prerequisite_pays_nothing() -> R {
    let (mut store, id) = plan(&["AREA SERVIZI SOCIALI", "AREA AFFARI GENERALI"])?;
    store.set_evaluation_rules(id, YEAR, &rules(("60", "40"), "quota", ""))?;
    store.set_payment_delay(id, YEAR, &delay("0", None))?;
    store.set_scheda(id, YEAR, "Anna Bianchi", &scheda(Vec::new()))?;
    let e = store.set_scheda(id, YEAR, "Mario Rossi", &scheda(vec![interim()]))?;
    let anna = e
        .managers
        .iter()
        .find(|m| m.manager == "Anna Bianchi")
        .unwrap();
    assert_eq!(anna.score, Some(10_000), "the score stays what it is");
    assert_eq!(anna.amount, Some(0));
    assert!(
        anna.reduction
            .as_deref()
            .unwrap_or("")
            .contains("prerequisito"),
        "{:?}",
        anna.reduction
    );
    assert_eq!(amount(&e, "Mario Rossi"), Some(0), "rule «tutto»");
    let e = store.set_evaluation_rules(id, YEAR, &rules(("60", "40"), "quota", "area"))?;
    assert_eq!(amount(&e, "Anna Bianchi"), Some(0), "her only area");
    assert_eq!(
        amount(&e, "Mario Rossi"),
        Some(500_000 + 59_178),
        "rule «area»: half, plus the interim"
    );
    assert_eq!(
        line(&e, "Mario Rossi", "Riduzione per obiettivo prerequisito"),
        Some(-500_000)
    );
    // The summary says why.
    let pdf = piano::formats::pdf::evaluation::render_summary(&e)?;
    let text = common::squash(&common::pdftotext(&pdf, &[])?);
    assert!(
        text.contains("MarioRossi:Obiettivoprerequisitononraggiunto"),
        "{text}"
    );
    Ok(())
}

/// (c) Components 40/60 are refused, naming the rule; nothing saved.
#[test]
fn results_must_be_prevalent() -> R {
    let (mut store, id) = plan(&[])?;
    store.set_evaluation_rules(id, YEAR, &rules(("60", "40"), "", ""))?;
    let before = store.dump()?;
    let err = store
        .set_evaluation_rules(id, YEAR, &rules(("40", "60"), "", ""))
        .expect_err("40/60");
    assert_eq!(err.field(), Some("organisational"));
    assert!(
        err.to_string()
            .contains("art. 9 c.1 lett. a D.Lgs. 150/2009"),
        "{err}"
    );
    let err = store
        .set_evaluation_rules(id, YEAR, &rules(("50", "50"), "", ""))
        .expect_err("50/50 is not prevalent");
    assert_eq!(err.field(), Some("organisational"));
    assert_eq!(store.dump()?, before, "nothing saved");
    // Prevalent but under half: allowed, with a warning.
    let mut three = rules(("45", "35"), "", "");
    three.individual = "20".into();
    let e = store.set_evaluation_rules(id, YEAR, &three)?;
    assert!(
        e.warnings.iter().any(|w| w.contains("meno della metà")),
        "{:?}",
        e.warnings
    );
    // A quota under 30% is refused.
    let mut low = rules(("60", "40"), "quota", "");
    low.timeliness_quota = "25".into();
    let err = store.set_evaluation_rules(id, YEAR, &low).expect_err("25%");
    assert_eq!(err.field(), Some("timeliness_quota"));
    Ok(())
}

/// (d) The summary for the liquidation act is «non liquidabile» until the Nucleo validates
/// the Relazione, and final after it (PDF and XLSX).
#[test]
fn nothing_is_payable_before_the_nucleo_validates_the_relazione() -> R {
    let (mut store, id) = plan(&[])?;
    store.set_evaluation_rules(id, YEAR, &rules(("60", "40"), "quota", ""))?;
    store.set_payment_delay(id, YEAR, &delay("0", None))?;
    store.set_scheda(id, YEAR, "Anna Bianchi", &scheda(Vec::new()))?;
    let e = store.set_scheda(id, YEAR, "Mario Rossi", &scheda(Vec::new()))?;
    assert!(!e.payable());
    let pdf = piano::formats::pdf::evaluation::render_summary(&e)?;
    common::assert_pdfa(&pdf, "the summary")?;
    if let Ok(dir) = std::env::var("PIANO_PDF_OUT") {
        std::fs::write(format!("{dir}/riepilogo-non-liquidabile.pdf"), &pdf)?;
    }
    let text = common::squash(&common::pdftotext(&pdf, &[])?);
    assert!(
        text.contains("NONLIQUIDABILE:mancalavalidazionedellaRelazione"),
        "{text}"
    );
    let xlsx = piano::formats::evaluation_sheet::summary_xlsx(&e)?;
    let cells = format!("{:?}", piano::formats::workbook::workbook_sheets(&xlsx)?);
    assert!(cells.contains("NON LIQUIDABILE"), "{cells}");
    // The Nucleo validates only an approved Relazione.
    let err = store
        .validate_relazione(id, YEAR, &act("5", "2026-05-10"))
        .expect_err("not approved yet");
    assert!(err.to_string().contains("non è ancora approvata"), "{err}");
    store.approve_relazione(id, YEAR, &act("40", "2026-04-20"))?;
    let err = store
        .validate_relazione(id, YEAR, &act("5", "2026-04-01"))
        .expect_err("before the approval");
    assert_eq!(err.field(), Some("act_date"));
    store.validate_relazione(id, YEAR, &act("5", "2026-05-10"))?;
    let e = store.evaluation(id, YEAR)?;
    assert!(e.payable());
    assert_eq!(
        e.relazione_validation.as_ref().map(|a| a.body.as_str()),
        Some("Nucleo di valutazione")
    );
    let text = common::squash(&common::pdftotext(
        &piano::formats::pdf::evaluation::render_summary(&e)?,
        &[],
    )?);
    assert!(!text.contains("NONLIQUIDABILE"), "{text}");
    assert!(
        text.contains("Liquidabile:laRelazionesullaperformance2025èstatavalidatadalNucleodivalutazioneconatton.5del10/05/2026"),
        "{text}"
    );
    let cells = format!(
        "{:?}",
        piano::formats::workbook::workbook_sheets(
            &piano::formats::evaluation_sheet::summary_xlsx(&e)?
        )?
    );
    assert!(
        !cells.contains("NON LIQUIDABILE") && cells.contains("LIQUIDABILE"),
        "{cells}"
    );
    // The approval of a validated Relazione is not withdrawn before the validation.
    assert!(store.revoke_relazione(id, YEAR, "40").is_err());
    store.revoke_relazione_validation(id, YEAR, "5")?;
    assert!(!store.evaluation(id, YEAR)?.payable());
    Ok(())
}

/// (e) An interim of 120 days at 20% of a € 9.000 position adds € 591,78 (9.000 × 20% ×
/// 120/365), on a line of its own; an interim of 30% or one ending before it starts is
/// refused, naming the field, and nothing is saved. A part-year incarico is pro rata.
#[test]
fn the_interim_adds_its_own_line() -> R {
    let (mut store, id) = plan(&[])?;
    store.set_evaluation_rules(id, YEAR, &rules(("60", "40"), "quota", ""))?;
    store.set_payment_delay(id, YEAR, &delay("0", None))?;
    let e = store.set_scheda(id, YEAR, "Mario Rossi", &scheda(vec![interim()]))?;
    assert_eq!(
        line(
            &e,
            "Mario Rossi",
            "Incarico ad interim: AREA SERVIZI TECNICI"
        ),
        Some(59_178)
    );
    assert_eq!(amount(&e, "Mario Rossi"), Some(1_000_000 + 59_178));
    let before = store.dump()?;
    let mut high = interim();
    high.percent = "30".into();
    let err = store
        .set_scheda(id, YEAR, "Mario Rossi", &scheda(vec![high]))
        .expect_err("30%");
    assert_eq!(err.field(), Some("interim"));
    assert!(err.to_string().contains("tra il 15% e il 25%"), "{err}");
    let mut backwards = interim();
    backwards.to = "01/02/2025".into();
    let err = store
        .set_scheda(id, YEAR, "Mario Rossi", &scheda(vec![backwards]))
        .expect_err("ends before it starts");
    assert_eq!(err.field(), Some("interim"));
    assert!(err.to_string().contains("prima di cominciare"), "{err}");
    assert_eq!(store.dump()?, before, "nothing saved");
    // An incarico from 1 July: 184 days of 365 → € 10.000 × 184/365 = € 5.041,10.
    let mut half = scheda(Vec::new());
    half.incarico_from = "01/07/2025".into();
    let e = store.set_scheda(id, YEAR, "Anna Bianchi", &half)?;
    assert_eq!(
        line(&e, "Anna Bianchi", "Rapportata ai giorni"),
        Some(504_110)
    );
    assert_eq!(amount(&e, "Anna Bianchi"), Some(504_110));
    // The scheda prints both lines.
    let pdf = piano::formats::pdf::evaluation::render_schede(&e)?;
    common::pdf_says(
        &pdf,
        "schede-2025",
        &[
            "Incaricoadinterim:AREASERVIZITECNICI",
            "€591,78",
            "Quotaditempestivitàdeipagamenti(30%)",
            "Rapportataaigiornidell'incarico",
            "€5.041,10",
        ],
    )?;
    Ok(())
}

/// (f) The publication names nobody, shows the amounts set aside and paid and the criteria,
/// merges bands holding fewer than 3, and is refused until the amount set aside is typed.
#[test]
fn the_publication_names_nobody_and_shows_the_amounts() -> R {
    let (mut store, id) = plan(&[])?;
    let mut no_budget = rules(("60", "40"), "quota", "");
    no_budget.budget.clear();
    store.set_evaluation_rules(id, YEAR, &no_budget)?;
    store.set_payment_delay(id, YEAR, &delay("+12", None))?;
    store.set_scheda(id, YEAR, "Anna Bianchi", &scheda(Vec::new()))?;
    let e = store.set_scheda(id, YEAR, "Mario Rossi", &scheda(Vec::new()))?;
    let err = piano::formats::evaluation_sheet::publication_csv(&e).expect_err("no budget");
    assert_eq!(err.field(), Some("budget"));
    assert!(err.to_string().contains("art. 20 D.Lgs. 33/2013"), "{err}");
    let e = store.set_evaluation_rules(id, YEAR, &rules(("60", "40"), "quota", ""))?;
    let csv = String::from_utf8(piano::formats::evaluation_sheet::publication_csv(&e)?)?;
    for person in ["Rossi", "Bianchi", "Mario", "Anna", "Segretario", "Verdi"] {
        assert!(!csv.contains(person), "{person}: {csv}");
    }
    for expected in [
        "Ammontare stanziato per la retribuzione di risultato (€);30.000,00",
        "Ammontare effettivamente distribuito (€);14.000,00",
        "indicatore di ritardo annuale",
        "Responsabili valutati;2",
        "(unite perché nessuno sia riconoscibile);2",
    ] {
        assert!(csv.contains(expected), "{expected}: {csv}");
    }
    assert!(
        !csv.contains("Scarto"),
        "two managers: no spread that would identify"
    );
    Ok(())
}
