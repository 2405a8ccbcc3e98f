//! The change annex (*prospetto delle variazioni*) as PDF, in the annex's style and with its
//! page furniture: per area and period what was added, removed or reweighted and the total
//! before and after; then each changed text once, old and new side by side.

use super::layout::{Align, Flow, Row, BAND_FILL, BLUE, INK, RED, WHITE};
use super::{draw, Options};
use crate::changes::Changes;
use crate::error::Result;
use crate::model::{format_hundredths, FullPlan};

const COLUMNS: [f32; 6] = [0.10, 0.13, 0.25, 0.10, 0.21, 0.21];
const HEADERS: [&str; 6] = [
    "MODIFICA",
    "SERVIZIO ORGANIZZATIVO",
    "OBIETTIVO",
    "CAMPO",
    "PRIMA",
    "DOPO",
];
const SIZE: f32 = super::layout::BODY;

fn pct(w: Option<u32>) -> String {
    w.map_or("–".to_string(), |w| {
        format!("{}%", format_hundredths(w.into()))
    })
}

/// Renders the change annex of `plan` (the newer version) as PDF/A.
pub fn render(plan: &FullPlan, changes: &Changes) -> Result<Vec<u8>> {
    let title = format!("PROSPETTO DELLE VARIAZIONI – {}", plan.plan.title);
    // The page furniture shows the plan's title and, under it, which versions are compared.
    let mut furniture = plan.clone();
    furniture.plan.title = title.clone();
    furniture.plan.approval = format!("{} rispetto a: {}", changes.to.label, changes.from.label);
    let options = Options::default();
    let mut flow = Flow::start(&furniture, &options, COLUMNS);
    let header = flow.header_for(HEADERS);
    let aligns = [
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Left,
    ];
    let ink = [INK; 6];
    if changes.is_empty() {
        let p = flow.node("P", 0);
        flow.band(
            "Nessuna modifica tra le due versioni.",
            11.0,
            BAND_FILL,
            INK,
            true,
            Some(p),
        );
    }

    // One table per section; header row tagged once per table, repeated as an artifact.
    let table = |flow: &mut Flow, heading: &str, rows: Vec<([String; 6], bool)>| {
        let band_h = flow.band_height(heading, 11.0);
        let first = rows.first().map_or(0.0, |(cells, bold)| {
            let r = Row {
                lines: flow.wrap_row(cells.each_ref().map(String::as_str), *bold, SIZE),
                bold: *bold,
                fills: None,
            };
            r.height()
        });
        if flow.room() < band_h + header.height() + first.min(60.0) {
            flow.new_page(&furniture);
        }
        flow.mark(heading, 0);
        let h = flow.node("H2", 0);
        flow.band(heading, 11.0, BLUE, WHITE, false, Some(h));
        let t = flow.node("Table", 0);
        flow.table_head(t, &header);
        let body = flow.node("TBody", t);
        for (cells, bold) in rows {
            let row = Row {
                lines: flow.wrap_row(cells.each_ref().map(String::as_str), bold, SIZE),
                bold,
                fills: bold.then_some(BAND_FILL),
            };
            if row.height() > flow.room() {
                flow.continuation(&furniture, heading, &header);
            }
            let tds = flow.row_cells(body, "TD");
            // A total that no longer reaches 100 is red, as in the annex.
            let off = cells[5] != "100%" && cells[5] != "–";
            let colors = if bold && off {
                [INK, INK, INK, INK, INK, RED]
            } else {
                ink
            };
            // A row taller than a page is cut where the page ends (rare: texts of pages).
            let n = row.line_count();
            let mut from = 0;
            while from < n {
                let fit = (((flow.room() - 8.0) / 10.8).floor().max(1.0)) as usize;
                let to = (from + fit).min(n);
                flow.draw_row(&row, from, to, SIZE, aligns, colors, Some(tds));
                from = to;
                if from < n {
                    flow.new_page(&furniture);
                }
            }
        }
    };

    for c in &changes.cells {
        let mut rows: Vec<([String; 6], bool)> = c
            .rows
            .iter()
            .map(|r| {
                (
                    [
                        r.kind.italian().to_string(),
                        r.service.clone(),
                        r.description.clone(),
                        "Peso".to_string(),
                        pct(r.before),
                        pct(r.after),
                    ],
                    false,
                )
            })
            .collect();
        rows.push((
            [
                "Totale".to_string(),
                String::new(),
                format!("Totale dei pesi di {}", c.period),
                "Peso".to_string(),
                pct(Some(c.total_before)),
                pct(Some(c.total_after)),
            ],
            true,
        ));
        table(&mut flow, &format!("{} – {}", c.area, c.period), rows);
    }
    if !changes.texts.is_empty() {
        let mut rows = Vec::new();
        for t in &changes.texts {
            for f in &t.fields {
                rows.push((
                    [
                        "Testo modificato".to_string(),
                        t.service.clone(),
                        format!("{}\nAree: {}", t.description, t.areas.join(", ")),
                        f.field.to_string(),
                        f.before.clone(),
                        f.after.clone(),
                    ],
                    false,
                ));
            }
        }
        table(
            &mut flow,
            "TESTI MODIFICATI (il testo vale in tutte le aree indicate)",
            rows,
        );
    }
    let laid = flow.finish();
    let subject = format!(
        "Prospetto delle variazioni del piano degli obiettivi {}-{}",
        plan.plan.first_year, plan.plan.last_year
    );
    draw(&laid, &furniture, &title, &subject, &options)
}
