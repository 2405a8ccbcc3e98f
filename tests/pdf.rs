//! The annex PDF: its text (via poppler's pdftotext, as a reader or a search would see it),
//! its pages, and the geometry of every line of text.

mod common;

use std::process::Command;

use common::{assert_pdfa, pdftotext, squash};
use piano::formats::pdf::annex::layout;
use piano::formats::pdf::layout::{Item, PAGE_H, PAGE_W};
use piano::formats::pdf::{render, Options};
use piano::{check, ObjectiveInput, Store};

type R = Result<(), Box<dyn std::error::Error>>;

#[test]
fn the_draft_of_the_reference_plan_carries_every_cell_in_row_order() -> R {
    let (store, id) = common::demo()?;
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
    for row in piano::formats::sheet::plan_rows(&plan) {
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
    let (mut store, id) = common::demo()?;
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
fn assert_text_inside_cells(pages: &[piano::formats::pdf::layout::Page]) -> usize {
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
    let id = piano::store::sample::generate(&mut store, 10, 50)?;
    let plan = store.load(id)?;
    assert_eq!(plan.placements.len(), 1000);
    let report = check(&plan);
    assert!(report.is_valid(), "{:?}", report.problems);
    let pages = layout(&plan, &report, &Options::default()).pages;
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
    let id = piano::store::sample::generate(&mut store, 1, 2)?;
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
    let pages = layout(&plan, &report, &Options::default()).pages;
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
    let (store, id) = common::demo()?;
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
    .pages
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
    .pages
    .len();
    assert!(together < apart, "{together} pages vs {apart}");
    Ok(())
}

fn tool(cmd: &str, args: &[&str], pdf: &[u8]) -> Result<String, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, pdf)?;
    let out = Command::new(cmd)
        .args(args)
        .arg(&path)
        .output()
        .map_err(|e| format!("{cmd} must be installed (scripts/setup): {e}"))?;
    assert!(out.status.success(), "{cmd} {args:?} failed");
    Ok(String::from_utf8(out.stdout)?)
}

fn demo() -> Result<(piano::FullPlan, piano::Report), Box<dyn std::error::Error>> {
    let (store, id) = common::demo()?;
    let plan = store.load(id)?;
    let report = check(&plan);
    Ok((plan, report))
}

fn draft() -> Options {
    Options {
        draft: true,
        ..Default::default()
    }
}

#[test]
fn every_annex_is_valid_pdf_a_for_an_independent_validator() -> R {
    let (plan, report) = demo()?;
    let pdf = render(&plan, &report, &draft())?;
    assert_pdfa(&pdf, "the reference plan's draft")?;
    assert!(pdf.len() < 150_000, "reference annex {} bytes", pdf.len());

    let (mut store, id) = common::demo()?;
    common::fix_demo_weights(&mut store, id)?;
    let valid = store.load(id)?;
    let report = check(&valid);
    assert!(report.is_valid());
    assert_pdfa(
        &render(&valid, &report, &Options::default())?,
        "a valid plan's final annex",
    )?;

    // Characters the reference plan does not have, in every text of a row.
    let row = valid.placements[0].id;
    let odd = "≤ 0 giorni, ≥ 30% «tempestività» 1.000 € – È À Ì Ò Ù É ’";
    store.update_placement(
        row,
        &ObjectiveInput {
            service: odd.into(),
            kind: "S".into(),
            description: odd.into(),
            expected_result: odd.into(),
            indicator: odd.into(),
        },
        "10",
    )?;
    store.update_area(valid.areas[0].id, "AREA «SPECIALE» È", "Dott.ssa Nicolò")?;
    let odd_plan = store.load(id)?;
    let pdf = render(&odd_plan, &check(&odd_plan), &draft())?;
    assert_pdfa(&pdf, "unusual characters")?;
    let text = pdftotext(&pdf, &[])?;
    for word in [
        "≤",
        "≥",
        "«tempestività»",
        "€",
        "È",
        "À",
        "Ì",
        "Ò",
        "Ù",
        "É",
        "’",
        "Nicolò",
    ] {
        assert!(text.contains(word), "{word} printed exactly");
    }

    let id = piano::store::sample::generate(&mut store, 10, 50)?;
    let big = store.load(id)?;
    let pdf = render(&big, &check(&big), &Options::default())?;
    assert_pdfa(&pdf, "a 1,000-row plan")?;
    // The target is 1 MB; tagged per cell in PDF 1.4 syntax (PDF/A-1 allows no
    // object streams) the structure tree costs about 600 KB of the 1.19 MB measured. This
    // bound keeps it from growing further; the gap is noted on the issue.
    assert!(pdf.len() < 1_250_000, "1,000-row annex {} bytes", pdf.len());
    Ok(())
}

#[test]
fn the_annex_is_tagged_in_reading_order_with_language_title_and_pdfa_metadata() -> R {
    let (plan, report) = demo()?;
    let pdf = render(&plan, &report, &draft())?;
    let info = tool("pdfinfo", &[], &pdf)?;
    assert!(info.contains("Tagged:          yes"), "{info}");
    let meta = tool("pdfinfo", &["-meta"], &pdf)?;
    assert!(
        meta.contains("<pdfaid:part>1</pdfaid:part>")
            && meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{meta}"
    );
    let raw = String::from_utf8_lossy(&pdf);
    assert!(
        raw.contains("/DisplayDocTitle true"),
        "title shown in the window"
    );
    assert!(
        raw.contains("/Lang(it-IT)") || raw.contains("/Lang (it-IT)"),
        "document language"
    );

    // Walk the structure tree: every cell of every row, under its area and period, in order.
    let tree = tool("pdfinfo", &["-struct-text"], &pdf)?;
    let mut found: Vec<(String, String, Vec<String>)> = Vec::new();
    let (mut area, mut period) = (String::new(), String::new());
    // What the next quoted text is: an area heading, a period, a data cell, or nothing.
    #[derive(PartialEq)]
    enum Next {
        Area,
        Period,
        Cell,
        Other,
    }
    let mut next = Next::Other;
    let mut row_open = false;
    for line in tree.lines() {
        let t = line.trim();
        if let Some(text) = t.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
            match next {
                Next::Area => {
                    area = text.split(" – ").next().unwrap_or(text).to_string();
                    next = Next::Other;
                }
                Next::Period => {
                    period = text.to_string();
                    next = Next::Other;
                }
                Next::Cell => {
                    let row = &mut found.last_mut().ok_or("a cell outside a row")?.2;
                    let cell = row.last_mut().ok_or("text outside a cell")?;
                    if !cell.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(text);
                }
                Next::Other => {}
            }
            continue;
        }
        let tag = t.split([' ', ':']).next().unwrap_or("");
        match tag {
            "H2" => next = Next::Area,
            "/Scope" if t.ends_with("/Row") => next = Next::Period,
            "/Scope" | "/ColSpan" => {}
            "TR" => {
                row_open = false;
                next = Next::Other;
            }
            "TD" => {
                if !row_open {
                    found.push((area.clone(), period.clone(), Vec::new()));
                    row_open = true;
                }
                found.last_mut().ok_or("TD")?.2.push(String::new());
                next = Next::Cell;
            }
            _ => {
                row_open = false;
                next = Next::Other;
            }
        }
    }
    let mut expected: Vec<(String, String, Vec<String>)> = Vec::new();
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for a in &plan.areas {
        for p in &plan.periods {
            for pl in plan.cell(a.id, p.id) {
                let t = &plan.objective(pl.objective_id).ok_or("objective")?.text;
                let weight = format!("{}%", pl.weight.to_italian());
                let cells = [
                    t.service.as_str(),
                    t.kind.as_str(),
                    &t.description,
                    &t.expected_result,
                    &t.indicator,
                    &weight,
                ];
                expected.push((
                    a.name.clone(),
                    p.label.clone(),
                    cells.iter().map(|c| squeeze(c)).collect(),
                ));
            }
            let total = report.total(a.id, p.id).map_or(0, |t| t.total);
            expected.push((
                a.name.clone(),
                p.label.clone(),
                vec![
                    format!("Totale {}", p.label),
                    format!("{}%", piano::domain::model::format_hundredths(total.into())),
                ],
            ));
        }
    }
    assert_eq!(found.len(), expected.len(), "rows in the structure tree");
    for (f, e) in found.iter().zip(&expected) {
        assert_eq!(
            f, e,
            "a row under the wrong area or period, or its cells out of order"
        );
    }
    Ok(())
}

#[test]
fn bookmarks_open_each_area_and_period_at_its_page() -> R {
    let (plan, report) = demo()?;
    let pdf = render(&plan, &report, &draft())?;
    let json = tool(
        "qpdf",
        &["--json", "--json-key=outlines", "--json-key=pages"],
        &pdf,
    )?;
    let v: serde_json::Value = serde_json::from_str(&json)?;
    let outlines = v["outlines"].as_array().ok_or("no outlines")?;
    let areas: Vec<&str> = outlines
        .iter()
        .filter_map(|o| o["title"].as_str())
        .collect();
    let names: Vec<&str> = plan.areas.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(areas, names, "one bookmark per area, in the plan's order");
    for o in outlines {
        let page = o["destpageposfrom1"].as_u64().ok_or("a destination page")?;
        let p = page.to_string();
        let text = pdftotext(&pdf, &["-f", &p, "-l", &p])?;
        let title = o["title"].as_str().unwrap_or_default();
        assert!(text.contains(title), "{title} opens page {page}");
        let kids: Vec<&str> = o["kids"]
            .as_array()
            .ok_or("kids")?
            .iter()
            .filter_map(|k| k["title"].as_str())
            .collect();
        let labels: Vec<&str> = plan.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(kids, labels, "{title}: one bookmark per period");
        for k in o["kids"].as_array().ok_or("kids")? {
            let page = k["destpageposfrom1"].as_u64().ok_or("page")?.to_string();
            let text = pdftotext(&pdf, &["-f", &page, "-l", &page])?;
            let label = k["title"].as_str().unwrap_or_default();
            assert!(text.contains(label), "{title} – {label} opens page {page}");
        }
    }
    Ok(())
}

#[test]
fn no_page_holds_only_a_total_row() -> R {
    let (plan, report) = demo()?;
    for options in [draft(), Options::default()] {
        let laid = layout(&plan, &report, &options);
        for (n, page) in laid.pages.iter().enumerate() {
            let cells = |total: bool| {
                page.items.iter().any(|i| match i {
                    Item::Text { node: Some(c), .. } => {
                        let node = &laid.tree[*c];
                        let row = node.parent.map(|p| &laid.tree[p]);
                        node.tag == "TD"
                            && row.is_some_and(|r| {
                                r.kids.iter().any(|k| match k {
                                    piano::formats::pdf::layout::Kid::Node(k) => {
                                        laid.tree[*k].col_span.is_some()
                                    }
                                    _ => false,
                                }) == total
                            })
                    }
                    _ => false,
                })
            };
            if cells(true) {
                assert!(
                    cells(false),
                    "page {} holds a total row and no objective (draft: {})",
                    n + 1,
                    options.draft
                );
            }
        }
    }
    Ok(())
}
