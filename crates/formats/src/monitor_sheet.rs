//! The monitoring as sheets: the sheet sent to each manager and read back (one row per
//! objective and area at a date; matched by plan, date, area, period and objective, never by
//! position; all or nothing), and the report's table for the Nucleo (CSV, XLSX).

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};

use crate::workbook::xlsx_err;
use crate::{filled, sheet};
use piano_domain::error::Result;
use piano_domain::model::format_hundredths;
use piano_domain::monitoring::{self, Monitor};

/// The managers' sheet's columns; then, per indicator, «Indicatore N», «Target N», «Valore al
/// monitoraggio N».
pub const HEADER: [&str; 14] = [
    "Piano",
    "Data monitoraggio",
    "Area",
    "Anni",
    "Servizio organizzativo",
    "Descrizione obiettivo",
    "Indicatore di risultato",
    "Peso",
    "Avanzamento atteso",
    "Avanzamento %",
    "Stato",
    "Criticità",
    "Azione correttiva",
    "Descrizione dell'azione",
];
const REQUIRED: [usize; 10] = [0, 1, 2, 3, 5, 9, 10, 11, 12, 13];
pub const VALUE_COLUMN: &str = "Valore al monitoraggio";

fn pct(v: u32) -> String {
    format_hundredths(v.into())
}

/// The managers' sheet: header and rows. «Stato» is written only when it was changed by hand
/// (empty: the rule's proposal, recomputed on import).
pub fn table(m: &Monitor) -> (Vec<String>, Vec<Vec<String>>) {
    let groups = m
        .areas
        .iter()
        .flat_map(|a| a.rows.iter())
        .map(|r| r.indicators.len())
        .max()
        .unwrap_or(0);
    let mut header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
    header.extend(filled::indicator_header(groups, VALUE_COLUMN));
    let date = m.date.format("%d/%m/%Y").to_string();
    let mut rows = Vec::new();
    for a in &m.areas {
        for r in &a.rows {
            let e = r.entry.as_ref();
            let mut cells = vec![
                m.title.clone(),
                date.clone(),
                a.name.clone(),
                r.years.clone(),
                r.service.clone(),
                r.description.clone(),
                r.indicator.clone(),
                pct(r.weight),
                pct(r.expected),
                e.map(|e| pct(e.progress)).unwrap_or_default(),
                e.filter(|e| e.overridden())
                    .map(|e| e.status.label().to_string())
                    .unwrap_or_default(),
                e.map(|e| e.issues.clone()).unwrap_or_default(),
                e.filter(|e| e.action != monitoring::Action::Nessuna)
                    .map(|e| e.action.label().to_string())
                    .unwrap_or_default(),
                e.map(|e| e.action_text.clone()).unwrap_or_default(),
            ];
            cells.extend(filled::indicator_cells(&r.indicators, groups));
            rows.push(cells);
        }
    }
    (header, rows)
}

pub fn to_csv(m: &Monitor) -> Result<Vec<u8>> {
    let (header, rows) = table(m);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    sheet::csv_table(&header, rows)
}

pub(crate) fn write_book(
    name: &str,
    header: &[String],
    rows: &[Vec<String>],
    fill: impl Fn(usize) -> bool,
) -> Result<Vec<u8>> {
    let grid = Color::RGB(0x8C99A6);
    let text = Format::new()
        .set_font_name("Titillium Web")
        .set_font_size(10)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_border_color(grid)
        .set_num_format("@");
    let head = text
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xDBE6F2));
    let shaded = text.clone().set_background_color(Color::RGB(0xFFF8E1));
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(name).map_err(xlsx_err)?;
    for (c, h) in header.iter().enumerate() {
        ws.set_column_width(c as u16, if h.len() > 12 { 24.0 } else { 14.0 })
            .map_err(xlsx_err)?;
        ws.write_string_with_format(0, c as u16, h, &head)
            .map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    for (i, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let f = if fill(c) { &shaded } else { &text };
            ws.write_string_with_format(i as u32 + 1, c as u16, cell, f)
                .map_err(xlsx_err)?;
        }
    }
    book.save_to_buffer().map_err(xlsx_err)
}

/// The managers' sheet as `.xlsx`: the columns to fill shaded, every cell text.
pub fn to_xlsx(m: &Monitor) -> Result<Vec<u8>> {
    let (header, rows) = table(m);
    write_book("Monitoraggio", &header, &rows, |c| {
        (9..=13).contains(&c) || (c >= HEADER.len() && (c - HEADER.len()) % 3 == 2)
    })
}

/// The report's table for the Nucleo: per area every objective with targets, values so far,
/// progress, expected, status (and the proposed one), issues and action.
pub const REPORT_HEADER: [&str; 14] = [
    "Data monitoraggio",
    "Area",
    "Responsabile",
    "Anni",
    "Descrizione obiettivo",
    "Peso",
    "Target",
    "Valore al monitoraggio",
    "Avanzamento %",
    "Avanzamento atteso",
    "Stato",
    "Stato proposto",
    "Criticità",
    "Azione correttiva",
];

pub fn report_rows(m: &Monitor) -> Vec<Vec<String>> {
    let date = m.date.format("%d/%m/%Y").to_string();
    let mut out = Vec::new();
    for a in &m.areas {
        for r in &a.rows {
            let e = r.entry.as_ref();
            out.push(vec![
                date.clone(),
                a.name.clone(),
                a.manager.clone(),
                r.years.clone(),
                r.description.clone(),
                pct(r.weight),
                r.indicators
                    .iter()
                    .filter(|i| !i.target_text.is_empty())
                    .map(|i| format!("{}: {}", i.label, i.target_text))
                    .collect::<Vec<_>>()
                    .join("; "),
                r.indicators
                    .iter()
                    .filter(|i| !i.value_text.is_empty())
                    .map(|i| format!("{}: {}", i.label, i.value_text))
                    .collect::<Vec<_>>()
                    .join("; "),
                e.map(|e| pct(e.progress)).unwrap_or_default(),
                pct(r.expected),
                e.map_or("da inserire".to_string(), |e| e.status.label().to_string()),
                e.map(|e| e.proposed.label().to_string())
                    .unwrap_or_default(),
                e.map(|e| e.issues.clone()).unwrap_or_default(),
                e.map(|e| {
                    if e.action_text.is_empty() {
                        e.action.label().to_string()
                    } else {
                        format!("{}: {}", e.action.label(), e.action_text)
                    }
                })
                .unwrap_or_default(),
            ]);
        }
    }
    out
}

pub fn report_csv(m: &Monitor) -> Result<Vec<u8>> {
    sheet::csv_table(&REPORT_HEADER, report_rows(m))
}

pub fn report_xlsx(m: &Monitor) -> Result<Vec<u8>> {
    let header: Vec<String> = REPORT_HEADER.iter().map(|h| h.to_string()).collect();
    write_book("Monitoraggio", &header, &report_rows(m), |_| false)
}

/// A row of a filled sheet, as read (cells in [`HEADER`]'s order).
pub type ReadRow = filled::ReadRow;

/// The monitoring sheet as its reader sees it.
const FILLED: filled::Filled<'static> = filled::Filled {
    header: &HEADER,
    required: &REQUIRED,
    value_column: VALUE_COLUMN,
    of: "del monitoraggio",
    for_what: "per il monitoraggio",
    nothing: "nessun monitoraggio",
    export: "piano monitor-export",
};

/// Reads a filled sheet (CSV, or the workbook's sheet with the monitoring's columns); columns
/// by name in any order, case and accents ignored.
pub fn read(bytes: &[u8], extension: &str) -> Result<Vec<ReadRow>> {
    FILLED.read(bytes, extension)
}
