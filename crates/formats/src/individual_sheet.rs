//! The managers' sheet of individual objectives (issue 31): one row per manager and
//! objective of the year, with what was assigned to read and the value, the percentage typed
//! over and the note to fill in at the end; read back all or nothing, each row matched by
//! plan, year, manager, number and description, never by position alone.

use crate::filled::{Filled, ReadRow};
use crate::monitor_sheet::write_book;
use crate::sheet;
use piano_domain::error::Result;
use piano_domain::evaluation::Evaluation;
use piano_domain::model::format_hundredths;

pub const HEADER: [&str; 11] = [
    "Piano",
    "Anno",
    "Responsabile",
    "N.",
    "Obiettivo individuale",
    "Peso",
    "Indicatore",
    "Target",
    "Valore raggiunto",
    "% raggiungimento (solo se diversa)",
    "Note",
];

/// The columns an import cannot do without.
const REQUIRED: [usize; 8] = [0, 1, 2, 3, 4, 8, 9, 10];

/// The columns filled in by the managers.
pub const FILLED: std::ops::RangeInclusive<usize> = 8..=10;

const SHEET: Filled<'static> = Filled {
    header: &HEADER,
    required: &REQUIRED,
    value_column: "Valore misurato",
    of: "degli obiettivi individuali",
    for_what: "per gli obiettivi individuali",
    nothing: "nessun obiettivo individuale",
    export: "piano valutazione … --individual-export",
};

/// One row per manager and objective, with the values typed so far.
pub fn rows(e: &Evaluation) -> Vec<Vec<String>> {
    e.managers
        .iter()
        .flat_map(|m| {
            m.scheda.objectives.iter().enumerate().map(move |(i, o)| {
                let input = o.to_input();
                vec![
                    e.title.clone(),
                    e.year.to_string(),
                    m.manager.clone(),
                    (i + 1).to_string(),
                    o.description.clone(),
                    format_hundredths(o.weight.into()),
                    o.indicator_label(),
                    o.target_text(),
                    input.value,
                    input.achievement,
                    o.note.clone(),
                ]
            })
        })
        .collect()
}

pub fn to_csv(e: &Evaluation) -> Result<Vec<u8>> {
    sheet::csv_table(&HEADER, rows(e))
}

/// The sheet as `.xlsx`: the columns to fill shaded, every cell text.
pub fn to_xlsx(e: &Evaluation) -> Result<Vec<u8>> {
    let header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
    write_book("Obiettivi individuali", &header, &rows(e), |c| {
        FILLED.contains(&c)
    })
}

/// The filled rows, cells in the header's order.
pub fn read(bytes: &[u8], extension: &str) -> Result<Vec<ReadRow>> {
    SHEET.read(bytes, extension)
}
