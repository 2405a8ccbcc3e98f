//! The year's cycle on the command line (issue 33): a plan approved but never monitored, read
//! at an injected 15/10/2020, has its monitoring at 30/09 late; `piano ciclo` says the same as
//! the core, step by step, and exits 1; the PIAO's act and an office's own deadline recorded
//! from the command line change the answer; bad input is refused in Italian, nothing saved.

mod common;

use common::{piano, R};
use piano::domain::cycle::Status;
use piano::prelude::*;

fn approved_plan(db: &std::path::Path) -> R<i64> {
    let mut store = piano::Store::open(db)?;
    let id = store.load_demo()?;
    common::fix_demo_weights(&mut store, id)?;
    store.approve(id, &common::giunta_2020(), true)?;
    Ok(id)
}

#[test]
fn never_monitored_the_monitoring_at_30_september_is_late_and_the_cli_agrees() -> R {
    let (_dir, db) = common::db_file()?;
    let id = approved_plan(&db)?;
    let today = chrono::NaiveDate::from_ymd_opt(2020, 10, 15).ok_or("date")?;
    let c = piano::Store::open(&db)?.cycle(id, Some(2020), today)?;
    let m2 = c
        .steps
        .iter()
        .find(|s| s.key == "monitoraggio-2")
        .ok_or("m2")?;
    assert_eq!(m2.status, Status::Late);
    assert_eq!(m2.title, "Monitoraggio 2 al 30/09/2020");
    assert!(c.urgent.contains(&"monitoraggio-2".to_string()));

    let (code, out, err) = piano(
        &db,
        &[
            "ciclo",
            &id.to_string(),
            "--year",
            "2020",
            "--today",
            "15/10/2020",
        ],
    )?;
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains(&format!("{} passi in ritardo", c.late())),
        "{err}"
    );
    // Every step, with the core's status, in the core's order.
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(lines.len(), c.steps.len());
    for (line, s) in lines.iter().zip(&c.steps) {
        assert!(
            line.starts_with(&format!("[{}]\t{}", s.status.label(), s.title)),
            "{line} ≠ {s:?}"
        );
    }
    assert!(out.contains("[in ritardo]\tMonitoraggio 2 al 30/09/2020 – scadenza 30/09/2020"));

    // The PIAO adopted, the office's own dates for the monitoring: nothing late any more.
    let (code, out, err) = piano(
        &db,
        &[
            "ciclo",
            &id.to_string(),
            "--year",
            "2020",
            "--today",
            "15/10/2020",
            "--piao",
            "8",
            "--piao-date",
            "30/01/2020",
            "--due",
            "monitoraggio-1=30/10/2020",
            "--due",
            "monitoraggio-2=30/11/2020",
        ],
    )?;
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("[fatto]\tPIAO adottato (sottosezione 2.2 «Performance») – fatto il 30/01/2020, Giunta dell'Unione n. 8 del 30/01/2020"), "{out}");
    assert!(
        out.contains("Monitoraggio 2 al 30/11/2020 – scadenza dell'ente 30/11/2020"),
        "{out}"
    );

    // Bad input: an unknown step, a date that is not one; nothing saved.
    let before = piano::Store::open(&db)?.cycle(id, Some(2020), today)?;
    let (code, _, err) = piano(
        &db,
        &[
            "ciclo",
            &id.to_string(),
            "--year",
            "2020",
            "--due",
            "collaudo=31/12/2020",
        ],
    )?;
    assert_eq!(code, 2);
    assert!(err.contains("Scadenza sconosciuta «collaudo»"), "{err}");
    let (code, _, err) = piano(
        &db,
        &[
            "ciclo",
            &id.to_string(),
            "--year",
            "2020",
            "--paid",
            "3",
            "--paid-date",
            "31/02/2021",
        ],
    )?;
    assert_eq!(code, 2);
    assert!(!err.is_empty());
    let (code, _, err) = piano(&db, &["ciclo", &id.to_string(), "--year", "2031"])?;
    assert_eq!(code, 2);
    assert!(err.contains("dal 2020 al 2022"), "{err}");
    let after = piano::Store::open(&db)?.cycle(id, Some(2020), today)?;
    assert_eq!(
        format!("{:?}", before.steps),
        format!("{:?}", after.steps),
        "nothing saved"
    );
    Ok(())
}
