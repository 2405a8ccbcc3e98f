//! The evaluation as tables: the summary for the liquidation act (XLSX, names and amounts:
//! personal data, for the office), and the aggregate table for Amministrazione trasparente
//! (CSV, XLSX: the amounts set aside and paid, the criteria, the distribution by band with
//! small bands merged, differentiation; art. 20 D.Lgs. 33/2013), which names nobody.

use crate::monitor_sheet::write_book;
use crate::sheet;
use piano_domain::error::Result;
use piano_domain::evaluation::{euros, not_payable, publication, Evaluated, Evaluation, PayKind};
use piano_domain::model::format_hundredths;
use piano_domain::results::score_text;

pub const SUMMARY_HEADER: [&str; 12] = [
    "Anno",
    "Responsabile",
    "Aree",
    "Punteggio",
    "Fascia",
    "Quota %",
    "Retribuzione di risultato massima (€)",
    "Quota dal punteggio (€)",
    "Quota di tempestività dei pagamenti (€)",
    "Interim (€)",
    "Importo dovuto (€)",
    "Note",
];

/// The lines of one kind added up, as the summary's cell shows them ("" when none).
fn line(m: &Evaluated, kind: PayKind) -> String {
    m.total_of(kind).map(euros).unwrap_or_default()
}

pub fn summary_rows(e: &Evaluation) -> Vec<Vec<String>> {
    e.managers
        .iter()
        .map(|m| {
            let mut notes = Vec::new();
            if let Some(r) = &m.reduction {
                notes.push(r.clone());
            }
            if m.timeliness_subject && !m.timeliness_arithmetic.is_empty() {
                notes.push(format!(
                    "Tempestività dei pagamenti: {}",
                    m.timeliness_arithmetic
                ));
            }
            vec![
                e.year.to_string(),
                m.manager.clone(),
                m.areas
                    .iter()
                    .map(|(a, _, _)| a.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
                m.score.map(score_text).unwrap_or_default(),
                m.band.clone(),
                m.share
                    .map(|s| format_hundredths(s.into()))
                    .unwrap_or_default(),
                m.scheda.max_pay.map(euros).unwrap_or_default(),
                line(m, PayKind::Score),
                line(m, PayKind::Timeliness),
                line(m, PayKind::Interim),
                m.amount.map(euros).unwrap_or_default(),
                notes.join(" "),
            ]
        })
        .collect()
}

/// The summary for the liquidation act. Until the Nucleo has validated the Relazione
/// (art. 14 c.6 D.Lgs. 150/2009) its last row says it is not payable.
pub fn summary_xlsx(e: &Evaluation) -> Result<Vec<u8>> {
    let header: Vec<String> = SUMMARY_HEADER.iter().map(|h| h.to_string()).collect();
    let mut rows = summary_rows(e);
    let mut total = vec![String::new(); SUMMARY_HEADER.len()];
    total[0] = e.year.to_string();
    total[1] = "TOTALE".into();
    total[6] = euros(e.managers.iter().filter_map(|m| m.scheda.max_pay).sum());
    total[10] = euros(e.total);
    rows.push(total);
    let mut state = vec![String::new(); SUMMARY_HEADER.len()];
    state[0] = e.year.to_string();
    state[1] = if e.payable() {
        "LIQUIDABILE".into()
    } else {
        "NON LIQUIDABILE".into()
    };
    state[11] = match &e.relazione_validation {
        Some(a) => format!(
            "Relazione sulla performance {} validata dal {} con atto n. {} del {}.",
            e.year,
            a.body,
            a.number,
            a.italian_date()
        ),
        None => not_payable(e.year),
    };
    rows.push(state);
    if e.provisional() {
        let mut p = vec![String::new(); SUMMARY_HEADER.len()];
        p[0] = e.year.to_string();
        p[1] = "PROVVISORIO".into();
        p[11] = e
            .managers
            .iter()
            .filter(|m| !m.stage.is_final())
            .map(|m| format!("{}: {}", m.manager, m.stage_text))
            .collect::<Vec<_>>()
            .join("; ");
        rows.push(p);
    }
    write_book("Retribuzione di risultato", &header, &rows, |_| false)
}

pub const PUBLICATION_HEADER: [&str; 2] = ["Voce", "Valore"];

pub fn publication_csv(e: &Evaluation) -> Result<Vec<u8>> {
    sheet::csv_table(
        &PUBLICATION_HEADER,
        publication(e)?.into_iter().map(|(a, b)| [a, b]),
    )
}

pub fn publication_xlsx(e: &Evaluation) -> Result<Vec<u8>> {
    let header: Vec<String> = PUBLICATION_HEADER.iter().map(|h| h.to_string()).collect();
    let rows: Vec<Vec<String>> = publication(e)?
        .into_iter()
        .map(|(a, b)| vec![a, b])
        .collect();
    write_book("Premi - dati aggregati", &header, &rows, |_| false)
}
