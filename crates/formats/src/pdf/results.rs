//! The results annex (the Relazione sulla performance's table of results) as PDF/A, in the
//! annex's style: a summary of every area's score first, then per area the objectives of the
//! year with weight, value reached, % achieved, weighted points and notes, the total, the
//! band and the bonus share. BOZZA on every page while results are missing.

use super::layout::Align::{Center, Left, Right};
use super::layout::{Flow, Furniture, BAND_FILL, INK, RED};
use super::{draw, Options};
use piano_domain::error::Result;
use piano_domain::model::format_hundredths;
use piano_domain::results::{pct, score_text, YearResults};

const COLUMNS: [f32; 8] = [0.12, 0.22, 0.15, 0.06, 0.15, 0.07, 0.06, 0.17];
const HEADERS: [&str; 8] = [
    "SERVIZIO ORGANIZZATIVO",
    "OBIETTIVO",
    "INDICATORE DI RISULTATO",
    "PESO",
    "VALORE RAGGIUNTO",
    "% RAGGIUN-\nGIMENTO",
    "PUNTI",
    "NOTE SUGLI SCOSTAMENTI",
];
const SUMMARY: [&str; 8] = [
    "AREA",
    "RESPONSABILE",
    "FASCIA",
    "PESO TOTALE",
    "RISULTATI MANCANTI",
    "PUNTEG-\nGIO",
    "QUOTA PREMIO",
    "OBIETTIVI PREREQUISITO",
];

/// The value reached; with indicators, each one's measured value beside its target, a line
/// each (and the manager's own words when typed).
fn value_cell(r: &piano_domain::results::ResultRow) -> String {
    r.value_text().replace("; ", "\n")
}

/// The percentage, and whether it was computed from the values or typed over them.
fn achievement_cell(e: Option<&piano_domain::results::Entry>) -> String {
    let Some(e) = e else {
        return String::new();
    };
    match e.computed {
        None => pct(Some(e.achievement)),
        Some(c) if c == e.achievement => format!("{}\ncalcolata", pct(Some(e.achievement))),
        Some(c) => format!(
            "{}\nindicata (calcolata {})",
            pct(Some(e.achievement)),
            pct(Some(c))
        ),
    }
}

/// The document's title: "RISULTATI DEGLI OBIETTIVI – ANNO 2020".
pub fn title(y: &YearResults) -> String {
    format!("RISULTATI DEGLI OBIETTIVI – ANNO {}", y.year)
}

/// Renders the results annex of `y`. `draft` forces the BOZZA stamp; it is there anyway
/// while any result is missing.
pub fn render(y: &YearResults, first_year: i32, last_year: i32, draft: bool) -> Result<Vec<u8>> {
    let draft = draft || y.missing() > 0;
    let caption = match &y.relazione {
        Some(act) => format!(
            "{} – Relazione sulla performance approvata con deliberazione della {} n. {} del {}",
            y.title,
            act.body,
            act.number,
            act.italian_date()
        ),
        None => format!("{} – {}", y.title, y.version_label),
    };
    // The page furniture shows the report's title and, under it, the plan and the act.
    let furniture = Furniture {
        title: title(y),
        entity: y.entity.clone(),
        caption,
        years: (first_year, last_year),
    };
    let options = Options {
        draft,
        ..Options::default()
    };
    let mut flow = Flow::start(&furniture, &options, COLUMNS);
    if draft && y.missing() > 0 {
        let missing: Vec<String> = y
            .areas
            .iter()
            .filter(|a| !a.missing.is_empty())
            .map(|a| format!("{} {}", a.name, a.missing.len()))
            .collect();
        let p = flow.node("P", 0);
        flow.band(
            &format!(
                "BOZZA – mancano {} risultati ({}): i punteggi sono provvisori.",
                y.missing(),
                missing.join(", ")
            ),
            10.0,
            BAND_FILL,
            RED,
            true,
            Some(p),
        );
    }

    // The summary: every area's score, band and share.
    let header = flow.header_for(SUMMARY);
    let rows = y
        .areas
        .iter()
        .map(|a| {
            let failed: Vec<&str> = a
                .rows
                .iter()
                .filter(|r| {
                    r.is_prerequisite() && r.result.as_ref().is_some_and(|e| e.achievement < 10_000)
                })
                .map(|r| r.description.as_str())
                .collect();
            let has_prerequisites = a.rows.iter().any(|r| r.is_prerequisite());
            let prerequisites = if !failed.is_empty() {
                format!("Non raggiunto: {}", failed.join("; "))
            } else if has_prerequisites {
                "Raggiunti".to_string()
            } else {
                "–".to_string()
            };
            (
                [
                    a.name.clone(),
                    a.manager.clone(),
                    a.band.clone(),
                    format!("{}%", format_hundredths(a.weight_total.into())),
                    if a.missing.is_empty() {
                        "nessuno".to_string()
                    } else {
                        a.missing.len().to_string()
                    },
                    score_text(a.score),
                    pct(Some(a.share)),
                    prerequisites,
                ],
                false,
            )
        })
        .collect();
    let aligns = [Left, Left, Left, Right, Center, Right, Right, Left];
    flow.section(
        &furniture,
        &format!("RIEPILOGO DEI PUNTEGGI – ANNO {}", y.year),
        &header,
        rows,
        aligns,
        |cells, _| {
            let mut c = [INK; 8];
            if cells[4] != "nessuno" {
                c[4] = RED;
            }
            if cells[7].starts_with("Non") {
                c[7] = RED;
            }
            c
        },
    );
    let p = flow.node("P", 0);
    flow.band(
        &format!(
            "Punteggio = somma di peso × percentuale di raggiungimento / 100. Fasce del sistema di valutazione: {}.",
            y.band_labels.join("; ")
        ),
        8.0,
        BAND_FILL,
        INK,
        true,
        Some(p),
    );

    // The year's variations (art. 6 and art. 10 D.Lgs. 150/2009: the Relazione reports them).
    if !y.variations.is_empty() {
        let p = flow.node("P", 0);
        let list: Vec<String> = y
            .variations
            .iter()
            .map(|(act, what)| {
                format!(
                    "deliberazione della {} n. {} del {}: {what}",
                    act.body,
                    act.number,
                    act.italian_date()
                )
            })
            .collect();
        flow.band(
            &format!(
                "Variazioni del piano approvate nel {}: {}.",
                y.year,
                list.join("; ")
            ),
            8.0,
            BAND_FILL,
            INK,
            true,
            Some(p),
        );
    }

    // Per area: its rows, the total, the outcome.
    let header = flow.header_for(HEADERS);
    let aligns = [Left, Left, Left, Right, Left, Right, Right, Left];
    for area in &y.areas {
        flow.new_page(&furniture);
        let mut rows: Vec<([String; 8], bool)> = area
            .rows
            .iter()
            .map(|r| {
                let e = r.result.as_ref();
                (
                    [
                        r.service.clone(),
                        r.description.clone(),
                        r.indicator.clone(),
                        if r.is_prerequisite() {
                            "–".to_string()
                        } else {
                            format!("{}%", format_hundredths(r.weight.into()))
                        },
                        e.map_or_else(|| "da inserire".to_string(), |_| value_cell(r)),
                        achievement_cell(e),
                        r.points.map(score_text).unwrap_or_default(),
                        e.map(|e| e.note.clone()).unwrap_or_default(),
                    ],
                    false,
                )
            })
            .collect();
        rows.push((
            [
                String::new(),
                format!("Totale {}", area.name),
                String::new(),
                format!("{}%", format_hundredths(area.weight_total.into())),
                String::new(),
                String::new(),
                score_text(area.score),
                String::new(),
            ],
            true,
        ));
        let mut heading = format!("{} – ANNO {}", area.name, y.year);
        if !area.manager.is_empty() {
            heading = format!("{heading} – Responsabile: {}", area.manager);
        }
        flow.section(&furniture, &heading, &header, rows, aligns, |cells, _| {
            let mut c = [INK; 8];
            if cells[4] == "da inserire" {
                c[4] = RED;
            }
            c
        });
        let p = flow.node("P", 0);
        let outcome = format!(
            "Punteggio {} – fascia: {} – quota del premio di risultato: {}{}",
            score_text(area.score),
            area.band,
            pct(Some(area.share)),
            if area.missing.is_empty() {
                String::new()
            } else {
                format!(" (provvisorio: mancano {} risultati)", area.missing.len())
            }
        );
        if flow.room() < 30.0 {
            flow.new_page(&furniture);
        }
        flow.band(&outcome, 10.0, BAND_FILL, INK, true, Some(p));
    }
    let laid = flow.finish();
    let mut doc_title = format!("{} – {}", title(y), y.title);
    if draft {
        doc_title.push_str(" – BOZZA");
    }
    let subject = format!(
        "Relazione sulla performance {}: risultati degli obiettivi",
        y.year
    );
    draw(&laid, &furniture, &doc_title, &subject, &options)
}
