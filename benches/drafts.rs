//! Prints figures for the drafts on a generated plan of 10 areas × 100 objectives per period
//! (1,000 objectives a year): building the PIAO's subsection 2.2 and the Relazione of one
//! year from the database, and writing each as DOCX (with its charts as PNG) and as PDF/A.
//! Run with `cargo bench --bench drafts`.

mod common;

use common::median_ms as median;

use std::time::Instant;

use piano::formats::drafts;
use piano::prelude::*;
use piano::Store;

const RUNS: usize = 5;

fn time<T>(mut f: impl FnMut() -> piano::Result<T>) -> piano::Result<(f64, T)> {
    let mut runs = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        last = Some(f()?);
        runs.push(t.elapsed());
    }
    Ok((median(runs), last.expect("runs")))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut store = Store::open_in_memory()?;
    let id = common::approved_sample(&mut store, 100)?;
    let year = 2024;
    let entries = common::typed_results(&store.year_results(id, year)?);
    store.set_results(id, year, &entries)?;
    let objectives = store.load(id)?.objectives.len();
    println!("drafts: {objectives} objectives, 10 areas, median of {RUNS} runs");

    let (piao_ms, piao) = time(|| store.piao_draft(id))?;
    let (piao_docx_ms, piao_docx) = time(|| drafts::docx(&piao))?;
    let (piao_pdf_ms, piao_pdf) = time(|| drafts::pdf(&piao))?;
    let (rel_ms, rel) = time(|| store.relazione_draft(id, year))?;
    let (rel_docx_ms, rel_docx) = time(|| drafts::docx(&rel))?;
    let (rel_pdf_ms, rel_pdf) = time(|| drafts::pdf(&rel))?;
    println!(
        "PIAO 2.2:  built {piao_ms:.1} ms, DOCX {piao_docx_ms:.1} ms ({} KB), PDF/A {piao_pdf_ms:.1} ms ({} KB)",
        piao_docx.len() / 1024,
        piao_pdf.len() / 1024
    );
    println!(
        "Relazione: built {rel_ms:.1} ms, DOCX {rel_docx_ms:.1} ms ({} KB), PDF/A {rel_pdf_ms:.1} ms ({} KB)",
        rel_docx.len() / 1024,
        rel_pdf.len() / 1024
    );
    println!(
        "both drafts, built and written as DOCX: {:.1} ms; as PDF/A: {:.1} ms",
        piao_ms + piao_docx_ms + rel_ms + rel_docx_ms,
        piao_ms + piao_pdf_ms + rel_ms + rel_pdf_ms
    );
    Ok(())
}
