//! Plans in and out: csv → plan → xlsx → plan → json → plan keeps rows, weights, order and
//! cross-cutting links; near copies are reported; roll forward; the xlsx opens in LibreOffice.

mod common;

use piano::formats::import::{preview, DEMO_CSV};
use piano::formats::sheet;
use piano::formats::workbook;
use piano::prelude::*;
use piano::store::sample;
use piano::{ImportOptions, Store};

use common::R;

/// The plan as rows plus, for each row, which other rows share its objective: the
/// cross-cutting links, independent of ids.
/// The flat rows, and for each row the rows that share its objective.
type Shape = (Vec<[String; 8]>, Vec<Vec<usize>>);

fn shape(store: &Store, id: i64) -> Result<Shape, piano::Error> {
    let plan = store.load(id)?;
    let rows = sheet::plan_rows(&plan);
    let links = plan
        .placements
        .iter()
        .map(|p| {
            plan.placements
                .iter()
                .enumerate()
                .filter(|(_, q)| q.objective_id == p.objective_id)
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    Ok((rows, links))
}

fn round_trip(store: &mut Store, id: i64) -> R {
    let original = shape(store, id)?;
    let plan = store.load(id)?;
    let xlsx = workbook::to_xlsx(&plan, &piano::check(&plan))?;
    let (sheet_name, rows) = workbook::workbook_rows(&xlsx, None)?;
    assert_eq!(sheet_name, "Dati", "the flat sheet is found by its header");
    let from_xlsx = store.import_rows(&rows, &ImportOptions::default())?;
    assert_eq!(shape(store, from_xlsx)?, original, "xlsx round trip");
    let json = piano::formats::json::to_json(&store.load(from_xlsx)?)?;
    let from_json = store.import_json(&json)?;
    assert_eq!(shape(store, from_json)?, original, "json round trip");
    Ok(())
}

#[test]
fn the_reference_plan_survives_csv_xlsx_json() -> R {
    let (mut store, id) = common::demo()?;
    round_trip(&mut store, id)?;
    let json = piano::formats::json::to_json(&store.load(id)?)?;
    let copy = store.import_json(&json)?;
    let (a, b) = (store.load(id)?, store.load(copy)?);
    assert_eq!(b.plan.entity, a.plan.entity, "json keeps the entity");
    assert_eq!(b.plan.title, "PIANO OBIETTIVI 2020-2022 (2)");
    Ok(())
}

#[test]
fn generated_plans_survive_csv_xlsx_json() -> R {
    let mut store = Store::open_in_memory()?;
    for (areas, rows) in [(1, 1), (3, 7), (6, 12)] {
        let id = sample::generate(&mut store, areas, rows)?;
        // Make one objective cross-cutting and give one weight two decimals.
        let plan = store.load(id)?;
        let first = &plan.placements[0];
        if let Some(other) = plan.areas.get(1) {
            store.place_objective(first.objective_id, other.id, first.period_id, "12,25")?;
        }
        let csv = sheet::to_csv(&store.load(id)?)?;
        let from_csv = store.import_csv(&csv, &ImportOptions::default())?;
        assert_eq!(
            shape(&store, from_csv)?,
            shape(&store, id)?,
            "csv round trip {areas}x{rows}"
        );
        round_trip(&mut store, from_csv)?;
    }
    Ok(())
}

#[test]
fn the_reference_near_copy_is_reported_and_can_be_merged() -> R {
    let rows = sheet::parse_records(&sheet::csv_records(DEMO_CSV)?, "Il file")?;
    let p = preview(&rows);
    assert_eq!(p.rows, 30);
    assert_eq!(p.areas.len(), 5);
    assert_eq!(p.periods, ["ANNO 2020", "ANNO 2021 E 2022"]);
    assert_eq!(p.cross_cutting, 2);
    assert_eq!(p.near_copies.len(), 1, "{:?}", p.near_copies);
    let near = &p.near_copies[0];
    assert_eq!(near.line, 28);
    assert_eq!(near.objective_line, 4);
    assert!(
        near.message
            .starts_with("riga 28: uguale all'obiettivo trasversale «Implementazione"),
        "{}",
        near.message
    );
    assert!(
        near.message.ends_with("tranne l'indicatore di risultato"),
        "{}",
        near.message
    );

    let mut store = Store::open_in_memory()?;
    let separate = store.import_rows(&rows, &ImportOptions::default())?;
    let merged = store.import_rows(
        &rows,
        &ImportOptions {
            merge_lines: vec![28],
            ..Default::default()
        },
    )?;
    let count = |id| -> Result<Vec<usize>, piano::Error> {
        let mut v: Vec<usize> = store
            .load(id)?
            .share_counts()
            .into_values()
            .filter(|&n| n > 1)
            .collect();
        v.sort();
        Ok(v)
    };
    assert_eq!(count(separate)?, vec![4, 5]);
    assert_eq!(
        count(merged)?,
        vec![5, 5],
        "merged: the digitalisation objective is in all five areas"
    );
    Ok(())
}

#[test]
fn roll_forward_shifts_years_and_keeps_the_original() -> R {
    let (mut store, id) = common::demo()?;
    let before = store.load(id)?;
    let new = store.roll_forward(id, 2021, None)?;
    let rolled = store.load(new)?;
    assert_eq!(rolled.plan.title, "PIANO OBIETTIVI 2021-2023");
    assert_eq!(
        (rolled.plan.first_year, rolled.plan.last_year),
        (2021, 2023)
    );
    let labels: Vec<&str> = rolled.periods.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["ANNO 2021", "ANNO 2022 E 2023"]);
    let (old_rows, old_links) = shape(&store, id)?;
    let (new_rows, new_links) = shape(&store, new)?;
    assert_eq!(new_links, old_links, "cross-cutting links are copied");
    for (o, n) in old_rows.iter().zip(&new_rows) {
        assert_eq!(
            (&o[0], &o[2..]),
            (&n[0], &n[2..]),
            "same area, texts and weight"
        );
    }
    assert_eq!(store.load(id)?, before, "the original is untouched");
    // A mapping can put both old periods into other spans, or drop one.
    let p = store.load(id)?.periods;
    let map = [
        piano::ops::copy::PeriodMap {
            old_period_id: p[0].id,
            new: Some(piano::NewPeriod {
                first_year: 2023,
                last_year: 2025,
            }),
        },
        piano::ops::copy::PeriodMap {
            old_period_id: p[1].id,
            new: None,
        },
    ];
    let custom = store.roll_forward(id, 2023, Some(&map))?;
    let c = store.load(custom)?;
    assert_eq!(c.periods.len(), 1);
    assert_eq!(c.periods[0].label, "ANNO 2023, 2024 E 2025");
    assert_eq!(c.placements.len(), 15);
    Ok(())
}

#[test]
fn spreadsheet_errors_name_sheet_row_and_column() -> R {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Obiettivi")?;
    for (c, h) in [
        "area",
        "ANNI",
        " Servizio  organizzativo ",
        "Tipologia",
        "Descrizione obiettivo",
        "Risultato atteso",
        "Indicatore di risultato",
        "Peso",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h)?;
    }
    for (c, v) in [
        "AREA UNO",
        "2025",
        "S1",
        "S",
        "Descrizione",
        "Risultato",
        "Indicatore",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *v)?;
    }
    ws.write_number(1, 7, 12.345)?;
    let other = book.add_worksheet();
    other.set_name("Note")?;
    other.write_string(0, 0, "appunti")?;
    let bytes = book.save_to_buffer()?;
    assert_eq!(workbook::sheet_names(&bytes)?, ["Obiettivi", "Note"]);
    let err = workbook::workbook_rows(&bytes, None)
        .expect_err("12.345 has three decimals")
        .to_string();
    assert!(
        err.contains("Foglio «Obiettivi»")
            && err.contains("riga 2")
            && err.contains("«Peso»")
            && err.contains("decimali"),
        "{err}"
    );
    let err = workbook::workbook_rows(&bytes, Some("Note"))
        .expect_err("no header")
        .to_string();
    assert!(
        err.contains("Foglio «Note»") && err.contains("intestazione"),
        "{err}"
    );
    let err = workbook::workbook_rows(&bytes, Some("Altro"))
        .expect_err("no such sheet")
        .to_string();
    assert!(err.contains("«Obiettivi», «Note»"), "{err}");
    Ok(())
}

#[test]
fn the_xlsx_export_opens_in_libreoffice() -> R {
    let (store, id) = common::demo()?;
    let plan = store.load(id)?;
    let dir = tempfile::tempdir()?;
    let xlsx = dir.path().join("piano.xlsx");
    std::fs::write(&xlsx, workbook::to_xlsx(&plan, &piano::check(&plan))?)?;
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&xlsx)
        .output()
        .map_err(|e| format!("LibreOffice (soffice) must be installed by scripts/setup: {e}"))?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.path().join("piano.pdf");
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()?;
    let text = String::from_utf8(text.stdout)?;
    for needle in [
        "PIANO OBIETTIVI 2020-2022",
        "AREA SERVIZI SOCIALI",
        "ANNO 2021 E 2022",
        "Totale ANNO 2021 E 2022",
        "DESCRIZIONE OBIETTIVO",
    ] {
        assert!(text.contains(needle), "{needle} in LibreOffice's rendering");
    }
    Ok(())
}

#[test]
fn ods_and_xls_written_by_libreoffice_import_the_same() -> R {
    let (mut store, id) = common::demo()?;
    let plan = store.load(id)?;
    let expected = shape(&store, id)?;
    let dir = tempfile::tempdir()?;
    // The flat sheet alone, so LibreOffice converts exactly that sheet.
    let csv = dir.path().join("piano.csv");
    std::fs::write(&csv, sheet::to_csv(&plan)?)?;
    for (format, filter) in [("ods", "ods"), ("xls", "xls:MS Excel 97")] {
        let out = std::process::Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.path().join("profile").display()
            ))
            .args([
                "--headless",
                "--infilter=CSV:59,34,76,1",
                "--convert-to",
                filter,
                "--outdir",
            ])
            .arg(dir.path())
            .arg(&csv)
            .output()
            .map_err(|e| {
                format!("LibreOffice (soffice) must be installed by scripts/setup: {e}")
            })?;
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(dir.path().join(format!("piano.{format}")))?;
        let (_, rows) = workbook::workbook_rows(&bytes, None)?;
        let imported = store.import_rows(&rows, &ImportOptions::default())?;
        assert_eq!(
            shape(&store, imported)?,
            expected,
            "{format} written by LibreOffice"
        );
    }
    Ok(())
}
