//! The annex PDF: its text (via poppler's pdftotext, as a reader or a search would see it),
//! its pages, and the geometry of every line of text.

mod common;

use std::process::Command;

use piano::pdf::layout::{layout, Item, PAGE_H, PAGE_W};
use piano::pdf::{render, Options};
use piano::{check, ObjectiveInput, Store};

type R = Result<(), Box<dyn std::error::Error>>;

fn pdftotext(pdf: &[u8], args: &[&str]) -> Result<String, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, pdf)?;
    let out = Command::new("pdftotext")
        .args(args)
        .arg(&path)
        .arg("-")
        .output()
        .map_err(|e| format!("pdftotext (poppler-utils) must be installed: {e}"))?;
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8(out.stdout)?)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_draft_of_the_reference_plan_carries_every_cell_in_row_order() -> R {
    let mut store = Store::open_in_memory()?;
    let id = store.load_demo()?;
    let plan = store.load(id)?;
    let report = check(&plan);
    let pdf = render(
        &plan,
        &report,
        &Options {
            draft: true,
            ..Default::default()
        },
    )?;
    let raw = pdftotext(&pdf, &["-raw"])?;
    let flat = squash(&raw);
    let mut at = 0;
    for row in piano::sheet::plan_rows(&plan) {
        // Service, kind, description, result, indicator, weight: in this order, row after row.
        for cell in [
            &row[2],
            &row[3],
            &row[4],
            &row[5],
            &row[6],
            &format!("{}%", row[7]),
        ] {
            let needle = squash(cell);
            let found = flat[at..]
                .find(&needle)
                .ok_or_else(|| format!("cell {cell:?} missing or out of order"))?;
            at += found + needle.len();
        }
    }
    for band in [
        "AREA AFFARI GENERALI",
        "AREA ECONOMICO FINANZIARIA",
        "AREA SERVIZI SOCIALI",
        "AREA POLIZIA LOCALE",
        "AREA SERVIZI TECNICI",
        "ANNO 2020",
        "ANNO 2021 E 2022",
        "BOZZA",
    ] {
        assert!(raw.contains(band), "{band} must be printed");
    }
    let pages = raw.matches("Pagina ").count();
    assert!(pages >= 5, "one page per area at least");
    assert!(
        raw.contains(&format!("Pagina 1 di {pages}")),
        "numbering knows the total"
    );
    assert!(raw.contains(&format!("Pagina {pages} di {pages}")));
    assert!(raw.matches("BOZZA").count() >= pages, "BOZZA on every page");
    assert!(
        raw.contains(
            "AREA SERVIZI SOCIALI – ANNO 2021 E 2022: i pesi sommano a 90%, mancano 10 punti"
        ),
        "the problem is listed"
    );
    assert!(raw.contains("Totale ANNO 2021 E 2022"));
    // Searchable: the accents come out as typed.
    assert!(raw.contains("tempestività"));

    Ok(())
}

#[test]
fn the_final_annex_of_a_fixed_plan_has_no_bozza() -> R {
    let mut store = Store::open_in_memory()?;
    let id = store.load_demo()?;
    common::fix_demo_weights(&mut store, id)?;
    let plan = store.load(id)?;
    let mut input = piano::PlanInput {
        entity: "Unione dei Comuni «Terre di Castelli»".into(),
        title: plan.plan.title.clone(),
        first_year: 2020,
        last_year: 2022,
        approval: "Allegato A alla deliberazione della Giunta n. 12 del 30/01/2020".into(),
    };
    store.update_plan(id, &input)?;
    let plan = store.load(id)?;
    let report = check(&plan);
    assert!(report.is_valid());
    let pdf = render(&plan, &report, &Options::default())?;
    let text = pdftotext(&pdf, &[])?;
    assert!(!text.contains("BOZZA"), "a valid plan's annex is final");
    assert!(text.contains("Allegato A alla deliberazione della Giunta n. 12 del 30/01/2020"));
    assert!(text.contains("«Terre di Castelli»"));
    let dir = tempfile::tempdir()?;
    std::fs::write(dir.path().join("a.pdf"), &pdf)?;
    let info = String::from_utf8(
        Command::new("pdfinfo")
            .arg(dir.path().join("a.pdf"))
            .output()?
            .stdout,
    )?;
    assert!(
        info.contains("Title:           PIANO OBIETTIVI 2020-2022"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Unione dei Comuni «Terre di Castelli»"),
        "{info}"
    );
    assert!(!info.contains("1970"), "a real creation date: {info}");
    let fonts = String::from_utf8(
        Command::new("pdffonts")
            .arg(dir.path().join("a.pdf"))
            .output()?
            .stdout,
    )?;
    assert!(
        fonts.contains("TitilliumWeb-Regular") && fonts.contains("TitilliumWeb-Bold"),
        "{fonts}"
    );
    input.approval.clear();
    Ok(())
}

/// Every line of text lies inside its cell, and every cell inside the page's printable area.
fn assert_text_inside_cells(pages: &[piano::pdf::layout::Page]) -> usize {
    let mut lines = 0;
    for (n, page) in pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text {
                x,
                y,
                size,
                width,
                cell,
                text,
                ..
            } = item
            {
                lines += 1;
                let eps = 0.01;
                assert!(
                    *x >= cell.x - eps && x + width <= cell.x + cell.w + eps,
                    "page {}: {text:?} overflows its cell horizontally ({x}+{width} vs {cell:?})",
                    n + 1
                );
                assert!(
                    y - 0.3 * size >= cell.y - eps && y + 0.75 * size <= cell.y + cell.h + eps,
                    "page {}: {text:?} overflows its cell vertically (baseline {y} vs {cell:?})",
                    n + 1
                );
                assert!(
                    cell.y >= 0.0
                        && cell.y + cell.h <= PAGE_H
                        && cell.x >= 0.0
                        && cell.x + cell.w <= PAGE_W,
                    "page {}: cell off the page",
                    n + 1
                );
            }
        }
    }
    lines
}

#[test]
fn a_thousand_rows_stay_inside_their_cells() -> R {
    let mut store = Store::open_in_memory()?;
    let id = piano::sample::generate(&mut store, 10, 50)?;
    let plan = store.load(id)?;
    assert_eq!(plan.placements.len(), 1000);
    let report = check(&plan);
    assert!(report.is_valid(), "{:?}", report.problems);
    let pages = layout(&plan, &report, &Options::default());
    let lines = assert_text_inside_cells(&pages);
    assert!(
        lines > 5000 && pages.len() > 50,
        "{lines} lines on {} pages",
        pages.len()
    );
    let pdf = render(&plan, &report, &Options::default())?;
    let text = pdftotext(&pdf, &["-f", "7", "-l", "7"])?;
    assert!(text.contains("(segue)"), "continuation pages say so");
    assert!(
        text.contains("SERVIZIO ORGANIZZATIVO"),
        "the header is repeated"
    );
    Ok(())
}

#[test]
fn an_objective_longer_than_a_page_is_split_and_stays_inside() -> R {
    let mut store = Store::open_in_memory()?;
    let id = piano::sample::generate(&mut store, 1, 2)?;
    let plan = store.load(id)?;
    let long =
        "Descrizione molto lunga dell'obiettivo, con molte parole che si ripetono. ".repeat(50);
    let row = plan.placements[0].id;
    store.update_placement(
        row,
        &ObjectiveInput {
            service: "SERVIZIO".into(),
            kind: "S".into(),
            description: long.clone(),
            expected_result: "Entro il 31.12.2024".into(),
            indicator: "Relazione".into(),
        },
        "50",
    )?;
    let plan = store.load(id)?;
    let report = check(&plan);
    let pages = layout(&plan, &report, &Options::default());
    assert!(pages.len() >= 2, "the row spans pages: {}", pages.len());
    assert_text_inside_cells(&pages);
    let pdf = render(&plan, &report, &Options::default())?;
    let raw = pdftotext(&pdf, &["-raw"])?;
    // Page furniture (headers, "(segue)") comes between the slices: look for the words in order.
    let mut at = 0;
    for word in long.split_whitespace() {
        at += raw[at..]
            .find(word)
            .ok_or_else(|| format!("{word:?} missing after byte {at}"))?
            + word.len();
    }
    assert!(
        raw.contains("ANNO 2024 (segue)"),
        "the period is marked as continued"
    );
    // Every word really is on the page, where poppler finds it.
    let bbox = pdftotext(&pdf, &["-bbox"])?;
    for line in bbox.lines().filter(|l| l.contains("<word ")) {
        let attr = |name: &str| -> f32 {
            line.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(-1.0)
        };
        assert!(
            attr("xMin") >= 0.0
                && attr("xMax") <= PAGE_W
                && attr("yMin") >= 0.0
                && attr("yMax") <= PAGE_H,
            "{line}"
        );
    }
    Ok(())
}

#[test]
fn areas_can_follow_each_other_without_page_breaks() -> R {
    let mut store = Store::open_in_memory()?;
    let id = store.load_demo()?;
    let plan = store.load(id)?;
    let report = check(&plan);
    let apart = layout(
        &plan,
        &report,
        &Options {
            draft: true,
            ..Default::default()
        },
    )
    .len();
    let together = layout(
        &plan,
        &report,
        &Options {
            draft: true,
            page_per_area: false,
            ..Default::default()
        },
    )
    .len();
    assert!(together < apart, "{together} pages vs {apart}");
    Ok(())
}
