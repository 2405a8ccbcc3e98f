//! The evaluation as tables: the summary for the liquidation act (XLSX, names and amounts:
//! personal data, for the office), and the aggregate table for Amministrazione trasparente
//! (CSV, XLSX: totals, distribution by band, differentiation; art. 20 D.Lgs. 33/2013), which
//! names nobody.

use crate::domain::evaluation::{euros, publication, Evaluation};
use crate::domain::model::format_hundredths;
use crate::domain::results::score_text;
use crate::error::Result;
use crate::formats::monitor_sheet::write_book;
use crate::formats::sheet;

pub const SUMMARY_HEADER: [&str; 8] = [
    "Anno",
    "Responsabile",
    "Aree",
    "Punteggio",
    "Fascia",
    "Quota %",
    "Retribuzione di risultato massima (€)",
    "Importo dovuto (€)",
];

pub fn summary_rows(e: &Evaluation) -> Vec<Vec<String>> {
    e.managers
        .iter()
        .map(|m| {
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
                m.amount.map(euros).unwrap_or_default(),
            ]
        })
        .collect()
}

pub fn summary_xlsx(e: &Evaluation) -> Result<Vec<u8>> {
    let header: Vec<String> = SUMMARY_HEADER.iter().map(|h| h.to_string()).collect();
    let mut rows = summary_rows(e);
    rows.push(vec![
        e.year.to_string(),
        "TOTALE".into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        euros(e.managers.iter().filter_map(|m| m.scheda.max_pay).sum()),
        euros(e.total),
    ]);
    write_book("Retribuzione di risultato", &header, &rows, |_| false)
}

pub const PUBLICATION_HEADER: [&str; 2] = ["Voce", "Valore"];

pub fn publication_csv(e: &Evaluation) -> Result<Vec<u8>> {
    sheet::csv_table(
        &PUBLICATION_HEADER,
        publication(e).into_iter().map(|(a, b)| [a, b]),
    )
}

pub fn publication_xlsx(e: &Evaluation) -> Result<Vec<u8>> {
    let header: Vec<String> = PUBLICATION_HEADER.iter().map(|h| h.to_string()).collect();
    let rows: Vec<Vec<String>> = publication(e)
        .into_iter()
        .map(|(a, b)| vec![a, b])
        .collect();
    write_book("Premi - dati aggregati", &header, &rows, |_| false)
}
