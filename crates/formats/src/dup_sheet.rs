//! The DUP's tree as a sheet (CSV or workbook) with the columns Codice, Livello, Titolo,
//! Descrizione, Ambito strategico, Codice padre, Missione, Programma, Area: read with the
//! columns by name in any order (case and accents ignored), written in the tree's order so
//! that a sheet read and written back is the same whatever the order of its rows.

use crate::filled::Filled;
use crate::monitor_sheet::write_book;
use crate::sheet;
use piano_domain::dup::{column, Goal, GoalRow, Level};
use piano_domain::error::Result;
use piano_domain::model::Area;

pub const HEADER: [&str; 9] = [
    column::CODE,
    column::LEVEL,
    column::TITLE,
    column::DESCRIPTION,
    column::SCOPE,
    column::PARENT,
    column::MISSION,
    column::PROGRAMME,
    column::AREA,
];

/// Codice, Livello and Titolo; the rest may be absent.
const REQUIRED: [usize; 3] = [0, 1, 2];

const FILLED: Filled<'static> = Filled {
    header: &HEADER,
    required: &REQUIRED,
    // The DUP sheet has no numbered value columns: a name no header carries.
    value_column: "\u{1}",
    of: "del DUP",
    for_what: "per il DUP",
    nothing: "nessun obiettivo del DUP",
    export: "piano dup-export",
};

/// Reads a DUP sheet's rows, as typed (checked by `domain::dup::from_rows`).
pub fn read(bytes: &[u8], extension: &str) -> Result<Vec<GoalRow>> {
    Ok(FILLED
        .read(bytes, extension)?
        .into_iter()
        .map(|r| {
            let c = r.cells;
            GoalRow {
                line: r.line,
                code: c[0].clone(),
                level: c[1].clone(),
                title: c[2].clone(),
                description: c[3].clone(),
                scope: c[4].clone(),
                parent: c[5].clone(),
                mission: c[6].clone(),
                programme: c[7].clone(),
                areas: c[8].clone(),
            }
        })
        .collect())
}

/// The tree's rows as the sheet writes them, in the tree's order.
pub fn rows(goals: &[Goal], areas: &[Area]) -> Vec<Vec<String>> {
    goals
        .iter()
        .map(|g| {
            vec![
                g.code.clone(),
                g.level.word().to_string(),
                g.title.clone(),
                g.description.clone(),
                if g.level == Level::Strategic {
                    g.scope.clone()
                } else {
                    String::new()
                },
                g.parent.clone().unwrap_or_default(),
                g.mission.map(|m| format!("{m:02}")).unwrap_or_default(),
                g.programme.map(|p| format!("{p:02}")).unwrap_or_default(),
                g.areas
                    .iter()
                    .filter_map(|id| areas.iter().find(|a| a.id == *id))
                    .map(|a| a.name.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            ]
        })
        .collect()
}

pub fn to_csv(goals: &[Goal], areas: &[Area]) -> Result<Vec<u8>> {
    sheet::csv_table(&HEADER, rows(goals, areas))
}

pub fn to_xlsx(goals: &[Goal], areas: &[Area]) -> Result<Vec<u8>> {
    let header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
    write_book("DUP", &header, &rows(goals, areas), |_| false)
}
