//! The change annex (*prospetto delle variazioni*) as PDF, in the annex's style and with its
//! page furniture: per area and period what was added, removed or reweighted and the total
//! before and after; then each changed text once, old and new side by side.

use super::layout::Align::Left;
use super::layout::{Flow, Furniture, BAND_FILL, INK, RED};
use super::{draw, Options};
use piano_domain::changes::Changes;
use piano_domain::error::Result;
use piano_domain::model::{format_hundredths, FullPlan};

const COLUMNS: [f32; 6] = [0.10, 0.13, 0.25, 0.10, 0.21, 0.21];
const HEADERS: [&str; 6] = [
    "MODIFICA",
    "SERVIZIO ORGANIZZATIVO",
    "OBIETTIVO",
    "CAMPO",
    "PRIMA",
    "DOPO",
];

fn pct(w: Option<u32>) -> String {
    w.map_or("–".to_string(), |w| {
        format!("{}%", format_hundredths(w.into()))
    })
}

/// Renders the change annex of `plan` (the newer version) as PDF/A.
pub fn render(plan: &FullPlan, changes: &Changes) -> Result<Vec<u8>> {
    let title = format!("PROSPETTO DELLE VARIAZIONI – {}", plan.plan.title);
    // The page furniture shows the plan's title and, under it, which versions are compared.
    let furniture = Furniture {
        title: title.clone(),
        caption: format!("{} rispetto a: {}", changes.to.label, changes.from.label),
        ..Furniture::of(&plan.plan)
    };
    let options = Options::default();
    let mut flow = Flow::start(&furniture, &options, COLUMNS);
    let header = flow.header_for(HEADERS);
    let aligns = [Left, Left, Left, Left, Left, Left];
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

    // A total that no longer reaches 100 is red, as in the annex.
    let colors = |cells: &[String; 6], bold: bool| {
        let off = cells[5] != "100%" && cells[5] != "–";
        if bold && off {
            [INK, INK, INK, INK, INK, RED]
        } else {
            ink
        }
    };
    let table = |flow: &mut Flow, heading: &str, rows: Vec<([String; 6], bool)>| {
        flow.section(&furniture, heading, &header, rows, aligns, colors)
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
                        format!(
                            "{}\nAree: {}\nPeriodi: {}",
                            t.description,
                            t.areas.join(", "),
                            t.periods.join(", ")
                        ),
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
