//! The monitoring as sheets: the sheet sent to each manager and read back (one row per
//! objective and area at a date; matched by plan, date, area, period and objective, never by
//! position; all or nothing), and the report's table for the Nucleo (CSV, XLSX).

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};

use crate::domain::model::{format_hundredths, name_key};
use crate::domain::monitoring::{self, EntryInput, Monitor};
use crate::error::{Error, Result};
use crate::formats::workbook::xlsx_err;
use crate::formats::{filled, sheet};
use crate::store::{monitoring as rows_of, Store};

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

fn shorten(text: &str) -> String {
    let t: String = text.chars().take(70).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}

pub trait ImportMonitoring {
    /// Imports a filled monitoring sheet into the plan: all or nothing, every row matched to
    /// a monitoring date, area and objective. Returns how many entries it recorded.
    fn import_monitoring(&mut self, plan_id: i64, bytes: &[u8], extension: &str) -> Result<usize>;
}

impl ImportMonitoring for Store {
    fn import_monitoring(&mut self, plan_id: i64, bytes: &[u8], extension: &str) -> Result<usize> {
        let read = read(bytes, extension)?;
        let version = self.results_version(plan_id)?;
        let title = self.get_plan(version)?.title;
        let lineage = self.lineage(version)?;
        let dates = self.monitor_dates(version)?;
        let at = |line: u64, column: usize, message: String| Error::Sheet {
            line,
            column: HEADER[column].into(),
            message,
        };
        let mut monitors: HashMap<NaiveDate, Monitor> = HashMap::new();
        let mut writes: HashMap<NaiveDate, Vec<rows_of::MonitorRecord>> = HashMap::new();
        let mut seen: HashMap<(NaiveDate, i64, i64), u64> = HashMap::new();
        let mut count = 0;
        for row in &read {
            let c = &row.cells;
            let mut input = EntryInput {
                progress: c[9].clone(),
                values: row
                    .values
                    .iter()
                    .enumerate()
                    .map(|(n, v)| (n as i64, v.clone()))
                    .collect(),
                status: c[10].clone(),
                issues: c[11].clone(),
                action: c[12].clone(),
                action_text: c[13].clone(),
            };
            if input.is_empty() {
                continue;
            }
            if name_key(&c[0]) != name_key(&title) {
                return Err(at(
                    row.line,
                    0,
                    format!("il foglio è del piano «{}», non di «{title}»: importa il monitoraggio nel piano giusto.", c[0]),
                ));
            }
            let date = monitoring::parse_date(&c[1]).map_err(|e| at(row.line, 1, e.to_string()))?;
            if !dates.contains(&date) {
                return Err(at(
                    row.line,
                    1,
                    format!(
                        "il piano non ha un monitoraggio al {}: aggiungilo prima, o correggi la data.",
                        date.format("%d/%m/%Y")
                    ),
                ));
            }
            if let std::collections::hash_map::Entry::Vacant(slot) = monitors.entry(date) {
                slot.insert(self.monitor(version, date)?);
            }
            let m = &monitors[&date];
            if m.frozen {
                return Err(Error::FrozenResults);
            }
            let Some(area) = m
                .areas
                .iter()
                .find(|a| name_key(&a.name) == name_key(&c[2]))
            else {
                return Err(at(
                    row.line,
                    2,
                    format!(
                        "il piano non ha l'area «{}» al {}.",
                        c[2],
                        date.format("%d/%m/%Y")
                    ),
                ));
            };
            let years = c[3].replace(' ', "");
            let candidates: Vec<_> = area
                .rows
                .iter()
                .filter(|r| r.years == years && name_key(&r.description) == name_key(&c[5]))
                .collect();
            let found: Vec<_> = if candidates.len() > 1 {
                candidates
                    .iter()
                    .copied()
                    .filter(|r| name_key(&r.indicator) == name_key(&c[6]))
                    .collect()
            } else {
                candidates.clone()
            };
            let r = match found.as_slice() {
                [one] => *one,
                [] if candidates.is_empty() => {
                    return Err(at(
                        row.line,
                        5,
                        format!(
                            "nell'area «{}», periodo {}, non c'è l'obiettivo «{}»: la descrizione deve restare com'è nel foglio esportato.",
                            c[2],
                            c[3],
                            shorten(&c[5])
                        ),
                    ))
                }
                _ => {
                    return Err(at(
                        row.line,
                        6,
                        "più obiettivi dell'area hanno questa descrizione e l'indicatore non basta a distinguerli: lascia l'indicatore com'è nel foglio esportato.".into(),
                    ))
                }
            };
            if let Some(first) = seen.insert((date, area.area_id, r.objective_id), row.line) {
                return Err(at(
                    row.line,
                    5,
                    format!(
                        "lo stesso obiettivo compare già alla riga {first}: tieni una riga sola."
                    ),
                ));
            }
            if let Some((n, _)) = input
                .values
                .iter()
                .find(|(n, v)| !v.trim().is_empty() && *n as usize >= r.indicators.len())
            {
                return Err(Error::Sheet {
                    line: row.line,
                    column: format!("{VALUE_COLUMN} {}", n + 1),
                    message: format!(
                        "l'obiettivo ha {} indicatori: lascia vuota questa colonna.",
                        r.indicators.len()
                    ),
                });
            }
            input.values = input
                .values
                .iter()
                .filter_map(|(n, v)| Some((r.indicators.get(*n as usize)?.id, v.clone())))
                .collect();
            let entry = input.validate(r, date, m.thresholds).map_err(|e| {
                let column = match e.field() {
                    Some("status") => 10,
                    Some("issues") => 11,
                    Some("action") => 12,
                    Some("action_text") => 13,
                    Some("values") => {
                        return Error::Sheet {
                            line: row.line,
                            column: format!("{VALUE_COLUMN} 1…"),
                            message: e.to_string(),
                        }
                    }
                    _ => 9,
                };
                at(row.line, column, e.to_string())
            })?;
            writes.entry(date).or_default().push((
                lineage
                    .areas
                    .get(&area.area_id)
                    .copied()
                    .unwrap_or(area.area_id),
                lineage
                    .objectives
                    .get(&r.objective_id)
                    .copied()
                    .unwrap_or(r.objective_id),
                Some(entry),
            ));
            count += 1;
        }
        if count == 0 {
            return Err(Error::SheetFormat(
                "Il foglio non contiene schede di monitoraggio: compila «Avanzamento %» e, per gli obiettivi a rischio, critici o scaduti, «Criticità».".into(),
            ));
        }
        let series = self.version_info(version)?.series_id;
        self.with_tx(|tx| {
            for (date, rows) in &writes {
                rows_of::write(tx, series, *date, rows)?;
            }
            Ok(())
        })?;
        Ok(count)
    }
}
