//! The drafts of the PIAO's subsection 2.2 and of the Relazione sulla performance, on the
//! reference plan with its 2020 results typed as in tests/results.rs: the DOCX's text read
//! back from its XML carries every objective, target and figure of `piano results`; its
//! headings are Word's Heading 1/2 and its tables repeat their header; LibreOffice opens and
//! converts it; the PDF is PDF/A; the charts' bars are as long as the scores they show.

mod common;

use std::io::Read;

use common::{approved_demo, type_all, R, YEAR};
use piano::domain::results::{pct, score_text};
use piano::formats::charts;
use piano::formats::drafts::{self, PLACEHOLDER};
use piano::prelude::*;

/// The text of a DOCX's body: every `<w:t>`'s content, a paragraph per line.
fn docx_text(docx: &[u8]) -> R<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")?.read_to_string(&mut xml)?;
    let mut text = String::new();
    let mut rest = xml.as_str();
    while let Some(at) = rest.find("<w:t") {
        rest = &rest[at + 4..];
        if rest.starts_with('>') || rest.starts_with(' ') {
            let open = rest.find('>').ok_or("tag")?;
            let close = rest.find("</w:t>").ok_or("close")?;
            if close > open {
                text.push_str(&rest[open + 1..close]);
                text.push(' ');
            }
        } else if rest.starts_with("r>") || rest.starts_with("r ") {
            // w:tr: a new row.
            text.push('\n');
        }
        if let Some(p) = rest.find("</w:p>") {
            if rest.find("<w:t").is_none_or(|t| p < t) {
                text.push('\n');
            }
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'");
    Ok((text, xml))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// LibreOffice opens the DOCX and writes it as PDF; the PDF's text has `expect`.
fn libreoffice_converts(docx: &[u8], name: &str, expect: &str) -> R {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join(format!("{name}.docx"));
    std::fs::write(&path, docx)?;
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .map_err(|e| format!("soffice (LibreOffice Writer, scripts/setup installs it): {e}"))?;
    let pdf = dir.path().join(format!("{name}.pdf"));
    assert!(
        pdf.exists(),
        "LibreOffice did not convert {name}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&pdf)?;
    let text = squash(&common::pdftotext(&bytes, &[])?);
    assert!(text.contains(expect), "{name}: {expect} not in the PDF");
    if let Ok(dir) = std::env::var("PIANO_PDF_OUT") {
        std::fs::write(format!("{dir}/{name}-libreoffice.pdf"), &bytes)?;
    }
    Ok(())
}

fn assert_word_structure(xml: &str, what: &str) {
    assert!(
        xml.contains(r#"<w:pStyle w:val="Heading1" />"#),
        "{what}: Heading 1"
    );
    assert!(
        xml.contains(r#"<w:pStyle w:val="Heading2" />"#),
        "{what}: Heading 2"
    );
    assert!(xml.contains("<w:tblHeader />"), "{what}: repeating headers");
    assert!(xml.contains("TOC \\o"), "{what}: table of contents field");
}

/// The PDF's bookmarks are the draft's headings (level 1, each with its level 2 below), and
/// each opens the page that carries it.
fn assert_bookmarks(pdf: &[u8], doc: &drafts::Doc) -> R {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bozza.pdf");
    std::fs::write(&path, pdf)?;
    let out = std::process::Command::new("qpdf")
        .args(["--json", "--json-key=outlines"])
        .arg(&path)
        .output()?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let outlines = v["outlines"].as_array().ok_or("no outlines")?;
    let mut want: Vec<(String, Vec<String>)> = Vec::new();
    for (level, title) in doc.headings() {
        if level <= 1 {
            want.push((title.to_string(), Vec::new()));
        } else if let Some(last) = want.last_mut() {
            last.1.push(title.to_string());
        }
    }
    let got: Vec<(String, Vec<String>)> = outlines
        .iter()
        .map(|o| {
            let kids = o["kids"]
                .as_array()
                .map(|k| {
                    k.iter()
                        .filter_map(|k| k["title"].as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            (o["title"].as_str().unwrap_or_default().to_string(), kids)
        })
        .collect();
    assert_eq!(
        got, want,
        "one bookmark per heading, areas under their section"
    );
    for o in outlines {
        let page = o["destpageposfrom1"]
            .as_u64()
            .ok_or("a destination page")?
            .to_string();
        let text = squash(&common::pdftotext(pdf, &["-f", &page, "-l", &page])?);
        let title = o["title"].as_str().unwrap_or_default();
        assert!(text.contains(&squash(title)), "{title} opens page {page}");
    }
    Ok(())
}

#[test]
fn the_relazione_draft_carries_every_figure_of_the_results() -> R {
    let (mut store, id, _) = approved_demo()?;
    type_all(&mut store, id)?;
    store.add_monitor_date(id, "30/09/2020")?;
    let y = store.results_report(id, YEAR)?;
    let doc = store.relazione_draft(id, YEAR)?;
    let docx = drafts::docx(&doc)?;
    let (text, xml) = docx_text(&docx)?;
    let flat = squash(&text);
    assert_word_structure(&xml, "Relazione");
    // Every area's score, share and band as `piano results` prints them; every objective
    // with its value and percentage.
    for a in &y.areas {
        let manager = if a.manager.is_empty() {
            "–"
        } else {
            &a.manager
        };
        let line = format!("{} {manager} {} {}", a.name, score_text(a.score), a.band);
        assert!(flat.contains(&squash(&line)), "{line}");
        assert!(flat.contains(&pct(Some(a.share))), "{}", a.name);
        for r in &a.rows {
            assert!(flat.contains(&squash(&r.description)), "{}", r.description);
            let e = r.result.as_ref().ok_or("result")?;
            assert!(
                flat.contains(&pct(Some(e.achievement))),
                "{}",
                r.description
            );
        }
    }
    // The distribution, counted from the results: 2020 has 15 rows (5 areas × 3).
    let counts = charts::achievement_counts(&y);
    assert_eq!(counts.iter().map(|c| c.1).sum::<usize>(), 15);
    let summary = format!(
        "sono 15: {} raggiunti al 100%, {} parzialmente raggiunti, {} non raggiunti, 0 ancora senza risultato",
        counts[0].1, counts[1].1, counts[2].1
    );
    assert!(flat.contains(&summary), "{summary}");
    // Typed below 100% without a note: a placeholder, never an invented cause. The typed
    // results all carry a note, so the placeholders are the context, the evaluation's table
    // (no amount set aside yet), the approval and the validation.
    assert!(flat.contains("[Da completare: il contesto esterno e interno"));
    assert!(flat.contains("[Da completare: estremi della validazione del Nucleo"));
    assert!(!flat.contains("[Da completare: cause dello scostamento]"));
    // The monitoring date with each area's light, as a word (no entries yet: no data).
    assert!(flat.contains("Monitoraggi registrati: 1."));
    for a in &y.areas {
        assert!(
            flat.contains(&format!("{} senza dati", a.name)),
            "{}",
            a.name
        );
    }
    // Three charts, each with its alternative text in the picture's descr.
    assert_eq!(xml.matches("descr=\"Punteggio delle aree 2020").count(), 1);
    assert_eq!(xml.matches("descr=\"Obiettivi 2020 per grado").count(), 1);
    assert_eq!(
        xml.matches("descr=\"Semafori del monitoraggio 2020")
            .count(),
        1
    );
    libreoffice_converts(&docx, "relazione-2020", "Relazione sulla performance 2020")?;

    let pdf = drafts::pdf(&doc)?;
    common::assert_pdfa(&pdf, "Relazione (bozza)")?;
    assert_bookmarks(&pdf, &doc)?;
    let pdf_text = squash(&common::pdftotext(&pdf, &[])?);
    for a in &y.areas {
        assert!(pdf_text.contains(&score_text(a.score)), "{}", a.name);
    }
    if let Ok(dir) = std::env::var("PIANO_PDF_OUT") {
        std::fs::write(format!("{dir}/relazione-2020.docx"), &docx)?;
        std::fs::write(format!("{dir}/relazione-2020.pdf"), &pdf)?;
    }
    Ok(())
}

#[test]
fn the_piao_draft_carries_every_objective_and_target() -> R {
    let (store, id, _) = approved_demo()?;
    let plan = store.load(id)?;
    let doc = store.piao_draft(id)?;
    let docx = drafts::docx(&doc)?;
    let (text, xml) = docx_text(&docx)?;
    let flat = squash(&text);
    assert_word_structure(&xml, "PIAO");
    for a in &plan.areas {
        assert!(flat.contains(&squash(&a.name)), "{}", a.name);
    }
    for o in &plan.objectives {
        assert!(
            flat.contains(&squash(&o.text.description)),
            "{}",
            o.text.description
        );
        // Without measured indicators the target is the expected result.
        assert!(
            flat.contains(&squash(&o.text.expected_result)),
            "{}",
            o.text.expected_result
        );
    }
    for p in &plan.placements {
        assert!(flat.contains(&format!("{}%", p.weight.to_italian())));
    }
    // The link to Valore pubblico is the office's to write.
    assert!(flat.contains("[Da completare: collegamento con la sottosezione 2.1"));
    let todo = doc.text().matches(PLACEHOLDER).count();
    assert!(todo >= 2, "{todo}");
    libreoffice_converts(&docx, "piao", "Sottosezione 2.2")?;
    let pdf = drafts::pdf(&doc)?;
    common::assert_pdfa(&pdf, "PIAO (bozza)")?;
    assert_bookmarks(&pdf, &doc)?;
    if let Ok(dir) = std::env::var("PIANO_PDF_OUT") {
        std::fs::write(format!("{dir}/piao.docx"), &docx)?;
        std::fs::write(format!("{dir}/piao.pdf"), &pdf)?;
    }
    Ok(())
}

#[test]
fn the_bars_are_as_long_as_the_scores() -> R {
    let (mut store, id, _) = approved_demo()?;
    type_all(&mut store, id)?;
    let y = store.year_results(id, YEAR)?;
    let chart = charts::area_scores(&y);
    let svg = chart.svg();
    // Read every bar back: its value and its width, against the axis (0 to 100).
    let bars: Vec<(u32, f32)> = svg
        .split(r#"<rect class="bar" data-value=""#)
        .skip(1)
        .map(|s| {
            let value: u32 = s[..s.find('"').unwrap()].parse().unwrap();
            let w = s.split(r#"width=""#).nth(1).unwrap();
            (value, w[..w.find('"').unwrap()].parse().unwrap())
        })
        .collect();
    assert_eq!(bars.len(), y.areas.len());
    for ((value, width), a) in bars.iter().zip(&y.areas) {
        assert_eq!(*value, a.score, "{}", a.name);
        let read = (width / charts::BAR_W * 10_000.0).round() as u32;
        assert!(read.abs_diff(a.score) <= 1, "{}: {read}", a.name);
    }
    // The alternative text gives the same numbers.
    for a in &y.areas {
        assert!(chart
            .alt()
            .contains(&format!("{}: {}", a.name, score_text(a.score))));
    }
    Ok(())
}

#[test]
fn a_draft_in_an_unknown_format_or_without_a_year_is_refused_in_italian() -> R {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("p.db");
    let piano = env!("CARGO_BIN_EXE_piano");
    let run = |args: &[&str]| {
        std::process::Command::new(piano)
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
    };
    assert!(run(&["demo"])?.status.success());
    let out = run(&["piao", "1", "--out", "x.odt"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usa un file .docx"));
    let out = run(&["relazione-bozza", "1", "--out", "x.docx"])?;
    assert!(String::from_utf8_lossy(&out.stderr).contains("Indica l'anno con --year"));
    let target = dir.path().join("piao.docx");
    let out = run(&["piao", "1", "--out", target.to_str().ok_or("path")?])?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (text, _) = docx_text(&std::fs::read(&target)?)?;
    assert!(text.contains("Sottosezione 2.2"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("parti da completare"));
    Ok(())
}

#[test]
fn the_piao_draft_places_the_plan_under_the_dups_tree() -> R {
    let (mut store, id, _) = approved_demo()?;
    // The DUP goes on a variation: the approved version is frozen.
    let id = {
        let v = store.vary(id)?;
        store.import_dup(
            v,
            include_str!("fixtures/dup-riferimento.csv").as_bytes(),
            "csv",
        )?;
        v
    };
    let plan = store.load(id)?;
    let first = plan.placements.first().ok_or("placement")?.objective_id;
    store.link_operational(id, &[first], "1.1")?;
    let doc = store.piao_draft(id)?;
    let (text, _) = docx_text(&drafts::docx(&doc)?)?;
    let flat = squash(&text);
    assert!(flat.contains("5. Albero della performance"));
    let tree = piano::domain::dup::tree(&store.load(id)?, None);
    for s in &tree.strategic {
        assert!(flat.contains(&squash(&format!("{} {}", s.goal.code, s.goal.title))));
        for op in &s.operational {
            assert!(flat.contains(&squash(&format!("{} {}", op.goal.code, op.goal.title))));
            if !op.classification.is_empty() {
                assert!(
                    flat.contains(&squash(&op.classification)),
                    "{}",
                    op.classification
                );
            }
        }
    }
    let linked = plan.objectives.len() - tree.unlinked.len();
    assert_eq!(linked, 1);
    assert!(flat.contains(&format!(
        "{linked} obiettivi del piano su {} sono collegati",
        plan.objectives.len()
    )));
    Ok(())
}
