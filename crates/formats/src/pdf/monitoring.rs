//! The monitoring report for the Nucleo di valutazione as PDF/A, in the annex's style: first
//! a summary (per area the traffic light and the count per status, then the objectives at
//! risk, critical or overdue with their issues and actions), then per area every objective
//! with its targets, the values so far, the progress against the expected and the status.

use super::layout::Align::{Center, Left, Right};
use super::layout::{Flow, Furniture, BAND_FILL, INK, RED};
use super::{draw, Options};
use piano_domain::error::Result;
use piano_domain::model::format_hundredths;
use piano_domain::monitoring::{Action, Monitor, MonitorRow, Status};

const COLUMNS: [f32; 8] = [0.16, 0.13, 0.09, 0.09, 0.09, 0.09, 0.09, 0.26];
const SUMMARY: [&str; 8] = [
    "AREA",
    "RESPONSABILE",
    "SEMAFORO",
    "IN LINEA",
    "A RISCHIO",
    "CRITICI",
    "CONCLUSI",
    "SCADUTI E MANCANTI",
];
const ALERTS: [&str; 8] = [
    "AREA",
    "OBIETTIVO",
    "STATO",
    "AVANZA-\nMENTO",
    "ATTESO",
    "PESO",
    "AZIONE",
    "CRITICITÀ E AZIONE CORRETTIVA",
];
const ROWS: [&str; 8] = [
    "OBIETTIVO",
    "TARGET",
    "VALORE AL MONITORAGGIO",
    "AVANZA-\nMENTO",
    "ATTESO",
    "PESO",
    "STATO",
    "CRITICITÀ E AZIONE CORRETTIVA",
];

/// "MONITORAGGIO DEGLI OBIETTIVI AL 30/06/2024".
pub fn title(m: &Monitor) -> String {
    format!(
        "MONITORAGGIO DEGLI OBIETTIVI AL {}",
        m.date.format("%d/%m/%Y")
    )
}

fn pct(v: u32) -> String {
    format!("{}%", format_hundredths(v.into()))
}

/// The status as printed: overridden ones say what the rule proposed.
pub fn status_cell(r: &MonitorRow) -> String {
    match &r.entry {
        None => "da inserire".into(),
        Some(e) if e.overridden() => {
            format!("{} (proposto: {})", e.status.label(), e.proposed.label())
        }
        Some(e) => e.status.label().into(),
    }
}

/// The critical issues and the corrective action, as printed.
pub fn issues_cell(r: &MonitorRow) -> String {
    let Some(e) = &r.entry else {
        return String::new();
    };
    let mut out = e.issues.clone();
    if e.action != Action::Nessuna {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("Azione: {} – {}", e.action.label(), e.action_text));
    }
    out
}

fn targets_cell(r: &MonitorRow) -> String {
    r.indicators
        .iter()
        .filter(|i| !i.target_text.is_empty())
        .map(|i| format!("{}: {}", i.label, i.target_text))
        .collect::<Vec<_>>()
        .join("\n")
}

fn values_cell(r: &MonitorRow) -> String {
    r.indicators
        .iter()
        .filter(|i| !i.value_text.is_empty())
        .map(|i| format!("{}: {}", i.label, i.value_text))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn render(m: &Monitor) -> Result<Vec<u8>> {
    let draft = m.missing() > 0;
    let year = m.date.format("%Y").to_string().parse().unwrap_or(2000);
    let furniture = Furniture {
        title: title(m),
        entity: m.entity.clone(),
        caption: format!("{} – {}", m.title, m.version_label),
        years: (year, year),
    };
    let options = Options {
        draft,
        ..Options::default()
    };
    let mut flow = Flow::start(&furniture, &options, COLUMNS);
    if draft {
        let p = flow.node("P", 0);
        flow.band(
            &format!(
                "BOZZA – mancano {} schede di monitoraggio: i conteggi sono provvisori.",
                m.missing()
            ),
            10.0,
            BAND_FILL,
            RED,
            true,
            Some(p),
        );
    }
    let count = |a: &piano_domain::monitoring::AreaMonitor, s: Status| {
        a.counts
            .iter()
            .find(|(x, _)| *x == s)
            .map_or(0, |(_, n)| *n)
    };
    let header = flow.header_for(SUMMARY);
    let rows = m
        .areas
        .iter()
        .map(|a| {
            (
                [
                    a.name.clone(),
                    a.manager.clone(),
                    format!("{} ({})", a.light, pct(a.score)),
                    count(a, Status::InLinea).to_string(),
                    count(a, Status::ARischio).to_string(),
                    count(a, Status::Critico).to_string(),
                    count(a, Status::Concluso).to_string(),
                    format!(
                        "scaduti {}, mancanti {}",
                        count(a, Status::Scaduto),
                        a.missing
                    ),
                ],
                false,
            )
        })
        .collect();
    let aligns = [Left, Left, Left, Center, Center, Center, Center, Left];
    flow.section(
        &furniture,
        &format!("RIEPILOGO PER AREA AL {}", m.date.format("%d/%m/%Y")),
        &header,
        rows,
        aligns,
        |cells, _| {
            let mut c = [INK; 8];
            if cells[2].starts_with("rosso") {
                c[2] = RED;
            }
            c
        },
    );
    let p = flow.node("P", 0);
    flow.band(
        &format!(
            "Stato proposto dal confronto tra avanzamento e avanzamento atteso (quota dell'anno trascorsa, o del tempo fino alla scadenza dell'obiettivo): {}; «concluso» al 100%, «scaduto» a scadenza passata senza completamento. Atteso al 100% per un obiettivo la cui scadenza è passata. Semaforo dell'area: la media pesata dello stesso rapporto, ma mai verde (giallo almeno) se un obiettivo dell'area è scaduto o critico.",
            m.threshold_label
        ),
        8.0,
        BAND_FILL,
        INK,
        true,
        Some(p),
    );

    // The objectives that need attention.
    let alerts: Vec<([String; 8], bool)> = m
        .areas
        .iter()
        .flat_map(|a| a.rows.iter().map(move |r| (a, r)))
        .filter(|(_, r)| r.entry.as_ref().is_some_and(|e| e.status.needs_issues()))
        .map(|(a, r)| {
            let e = r.entry.as_ref().expect("filtered");
            (
                [
                    a.name.clone(),
                    r.description.clone(),
                    status_cell(r),
                    pct(e.progress),
                    pct(r.expected),
                    pct(r.weight),
                    e.action.label().into(),
                    issues_cell(r),
                ],
                false,
            )
        })
        .collect();
    let header = flow.header_for(ALERTS);
    // The alerts and the per-area tables have the same columns' alignment.
    let aligns = [Left, Left, Left, Right, Right, Right, Left, Left];
    if alerts.is_empty() {
        let p = flow.node("P", 0);
        flow.band(
            "Nessun obiettivo a rischio, critico o scaduto.",
            10.0,
            BAND_FILL,
            INK,
            true,
            Some(p),
        );
    } else {
        flow.section(
            &furniture,
            "OBIETTIVI A RISCHIO, CRITICI O SCADUTI",
            &header,
            alerts,
            aligns,
            |_, _| {
                let mut c = [INK; 8];
                c[2] = RED;
                c
            },
        );
    }

    // Per area, every objective.
    let header = flow.header_for(ROWS);
    for a in &m.areas {
        flow.new_page(&furniture);
        let rows = a
            .rows
            .iter()
            .map(|r| {
                (
                    [
                        r.description.clone(),
                        targets_cell(r),
                        values_cell(r),
                        r.entry
                            .as_ref()
                            .map(|e| pct(e.progress))
                            .unwrap_or_default(),
                        pct(r.expected),
                        pct(r.weight),
                        status_cell(r),
                        issues_cell(r),
                    ],
                    false,
                )
            })
            .collect();
        let mut heading = format!("{} – AL {}", a.name, m.date.format("%d/%m/%Y"));
        if !a.manager.is_empty() {
            heading = format!("{heading} – Responsabile: {}", a.manager);
        }
        flow.section(&furniture, &heading, &header, rows, aligns, |cells, _| {
            let mut c = [INK; 8];
            if cells[6] == "da inserire"
                || cells[6].starts_with("critico")
                || cells[6].starts_with("scaduto")
                || cells[6].starts_with("a rischio")
            {
                c[6] = RED;
            }
            c
        });
    }
    let laid = flow.finish();
    let mut doc_title = format!("{} – {}", title(m), m.title);
    if draft {
        doc_title.push_str(" – BOZZA");
    }
    let subject = "Monitoraggio intermedio degli obiettivi per il Nucleo di valutazione";
    draw(&laid, &furniture, &doc_title, subject, &options)
}
