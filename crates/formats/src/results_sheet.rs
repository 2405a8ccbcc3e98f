//! The results as sheets: the flat sheet sent to each manager and read back (one row per
//! objective, area and year; matched by plan, year, area, period and objective, never by
//! position), and the publication tables for Amministrazione trasparente (CSV, XLSX).

use std::collections::HashMap;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};

use crate::workbook::xlsx_err;
use crate::{filled, sheet};
use piano_domain::error::{Error, Result};
use piano_domain::ids::AreaId;
use piano_domain::model::format_hundredths;
use piano_domain::model::name_key;
use piano_domain::results::{
    pct, score_text, AreaResults, Item, ResultInput, ResultRow, YearResults,
};

/// The flat results sheet's columns. The first four and the description say which result a
/// row is; service, indicator and weight are there to be read; the last three are filled in.
pub const HEADER: [&str; 11] = [
    "Piano",
    "Anno",
    "Area",
    "Anni",
    "Servizio organizzativo",
    "Descrizione obiettivo",
    "Indicatore di risultato",
    "Peso",
    "Valore raggiunto",
    "% raggiungimento",
    "Note sugli scostamenti",
];

/// The columns an import cannot do without.
const REQUIRED: [usize; 8] = [0, 1, 2, 3, 5, 8, 9, 10];

/// What the weight cell of a prerequisite says.
pub const PREREQUISITE: &str = "prerequisito";

/// Every row of the year with its area, in the annex's order.
fn each_row(y: &YearResults) -> impl Iterator<Item = (&AreaResults, &ResultRow)> {
    y.areas
        .iter()
        .flat_map(|a| a.rows.iter().map(move |r| (a, r)))
}

/// The weight as a sheet shows it: "30", or "prerequisito".
fn weight_cell(r: &ResultRow) -> String {
    if r.is_prerequisite() {
        PREREQUISITE.to_string()
    } else {
        format_hundredths(r.weight.into())
    }
}

/// One row per objective, area and year, with the results typed so far (empty otherwise).
pub fn rows(y: &YearResults) -> Vec<[String; 11]> {
    each_row(y)
        .map(|(area, r)| {
            let e = r.result.as_ref();
            [
                y.title.clone(),
                y.year.to_string(),
                area.name.clone(),
                r.years.clone(),
                r.service.clone(),
                r.description.clone(),
                r.indicator.clone(),
                weight_cell(r),
                e.map(|e| e.value.clone()).unwrap_or_default(),
                // A percentage the values give stays empty: the values are what is filled.
                e.filter(|e| e.computed != Some(e.achievement) || e.values.is_empty())
                    .map(|e| format_hundredths(e.achievement.into()))
                    .unwrap_or_default(),
                e.map(|e| e.note.clone()).unwrap_or_default(),
            ]
        })
        .collect()
}

/// The most indicators any row of the year has: the sheet has that many groups of
/// «Indicatore N», «Target N», «Valore misurato N» after the eleven columns.
fn indicator_groups(y: &YearResults) -> usize {
    each_row(y)
        .map(|(_, r)| r.indicators.len())
        .max()
        .unwrap_or(0)
}

/// The measured value columns' name: «Valore misurato 1».
pub const VALUE_COLUMN: &str = "Valore misurato";

/// The header and the rows with the indicator groups (none when no objective of the year has
/// indicators: then the sheet is exactly the eleven columns).
pub fn table(y: &YearResults) -> (Vec<String>, Vec<Vec<String>>) {
    let groups = indicator_groups(y);
    let mut header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
    header.extend(filled::indicator_header(groups, VALUE_COLUMN));
    let rows = each_row(y)
        .zip(rows(y))
        .map(|((_, r), base)| {
            let mut cells: Vec<String> = base.to_vec();
            cells.extend(filled::indicator_cells(&r.indicators, groups));
            cells
        })
        .collect();
    (header, rows)
}

/// The sheet for the managers as CSV, written as the plan's flat sheet.
pub fn to_csv(y: &YearResults) -> Result<Vec<u8>> {
    let (header, rows) = table(y);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    sheet::csv_table(&header, rows)
}

struct Formats {
    head: Format,
    text: Format,
    number: Format,
    fill: Format,
}

fn formats() -> Formats {
    let grid = Color::RGB(0x8C99A6);
    let text = Format::new()
        .set_font_name("Titillium Web")
        .set_font_size(10)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_border_color(grid);
    Formats {
        head: text
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xDBE6F2)),
        number: text.clone().set_align(FormatAlign::Right),
        // Text cells: "100%" typed by a manager stays "100%" (a number cell would turn it
        // into 1, read back as 1%).
        fill: text
            .clone()
            .set_background_color(Color::RGB(0xFFF8E1))
            .set_num_format("@"),
        text,
    }
}

/// The sheet for the managers as `.xlsx`: one sheet "Risultati", the columns to fill shaded.
pub fn to_xlsx(y: &YearResults) -> Result<Vec<u8>> {
    let f = formats();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Risultati").map_err(xlsx_err)?;
    let widths = [
        18.0, 7.0, 22.0, 10.0, 20.0, 44.0, 30.0, 9.0, 30.0, 12.0, 36.0,
    ];
    let (header, rows) = table(y);
    for c in 0..header.len() {
        let w = widths
            .get(c)
            .copied()
            .unwrap_or_else(|| match (c - HEADER.len()) % 3 {
                0 => 24.0,
                1 => 22.0,
                _ => 16.0,
            });
        ws.set_column_width(c as u16, w).map_err(xlsx_err)?;
    }
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.head)
            .map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let format = match c {
                8..=10 => &f.fill,
                1 | 7 => &f.number,
                c if c >= HEADER.len() && (c - HEADER.len()) % 3 == 2 => &f.fill,
                _ => &f.text,
            };
            ws.write_string_with_format(r, c as u16, cell, format)
                .map_err(xlsx_err)?;
        }
    }
    book.save_to_buffer().map_err(xlsx_err)
}

/// A row of a filled results sheet, as read (cells in [`HEADER`]'s order).
pub type ReadRow = filled::ReadRow;

/// The results sheet as its reader sees it.
const FILLED: filled::Filled<'static> = filled::Filled {
    header: &HEADER,
    required: &REQUIRED,
    value_column: VALUE_COLUMN,
    of: "dei risultati",
    for_what: "per i risultati",
    nothing: "nessun risultato",
    export: "piano results-export",
};

/// Reads a filled sheet (CSV, or the first sheet of a workbook whose header is the results
/// sheet's). Columns are found by name in any order, compared ignoring case and accents.
pub fn read(bytes: &[u8], extension: &str) -> Result<Vec<ReadRow>> {
    FILLED.read(bytes, extension)
}

/// Which result each filled row is, checked against the year's results of the plan: all or
/// nothing, each error naming the row and the column. Rows with the three result columns
/// empty are skipped (not yet answered). Returns (year, area id, item, input).
pub fn match_rows(
    rows: &[ReadRow],
    years: &HashMap<i32, YearResults>,
    title: &str,
) -> Result<Vec<(i32, AreaId, Item, ResultInput)>> {
    let at = |line: u64, column: usize, message: String| Error::Sheet {
        line,
        column: HEADER[column].into(),
        message,
    };
    // (year, area, years, description) → the candidates, with their indicator.
    type Key = (i32, String, String, String);
    let mut index: HashMap<Key, Vec<(AreaId, Item, String)>> = HashMap::new();
    for (year, y) in years {
        for area in &y.areas {
            for r in &area.rows {
                index
                    .entry((
                        *year,
                        name_key(&area.name),
                        r.years.clone(),
                        name_key(&r.description),
                    ))
                    .or_default()
                    .push((area.area_id, r.item, name_key(&r.indicator)));
            }
        }
    }
    let mut out = Vec::new();
    let mut seen: HashMap<(i32, AreaId, Item), u64> = HashMap::new();
    for row in rows {
        let c = &row.cells;
        let mut input = ResultInput {
            value: c[8].clone(),
            achievement: c[9].clone(),
            note: c[10].clone(),
            // Given the indicators' ids once the row is known, from `columns`.
            values: Vec::new(),
        };
        // The indicators' values by column: the first column is the first indicator.
        let columns = &row.values;
        if input.is_empty() && columns.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        if name_key(&c[0]) != name_key(title) {
            return Err(at(
                row.line,
                0,
                format!("il foglio è del piano «{}», non di «{title}»: importa i risultati nel piano giusto.", c[0]),
            ));
        }
        let year: i32 = c[1]
            .parse()
            .map_err(|_| at(row.line, 1, format!("«{}» non è un anno.", c[1])))?;
        let Some(y) = years.get(&year) else {
            let mut known: Vec<i32> = years.keys().copied().collect();
            known.sort();
            let known: Vec<String> = known.iter().map(i32::to_string).collect();
            return Err(at(
                row.line,
                1,
                format!(
                    "per il {year} non si possono registrare risultati (anni possibili: {}).",
                    known.join(", ")
                ),
            ));
        };
        if !y.areas.iter().any(|a| name_key(&a.name) == name_key(&c[2])) {
            return Err(at(
                row.line,
                2,
                format!("il piano non ha l'area «{}» nel {year}.", c[2]),
            ));
        }
        let years_cell = c[3].replace(' ', "");
        let key = (year, name_key(&c[2]), years_cell, name_key(&c[5]));
        let candidates = index.get(&key).map(Vec::as_slice).unwrap_or_default();
        let key6 = name_key(&c[6]);
        let &(area_id, item, _) = filled::named_row(
            &HEADER,
            row.line,
            c,
            candidates,
            |(_, _, ind)| *ind == key6,
            60,
        )?;
        if let Some(first) = seen.insert((year, area_id, item), row.line) {
            return Err(at(
                row.line,
                5,
                format!("lo stesso obiettivo compare già alla riga {first}: tieni una riga sola."),
            ));
        }
        let result_row = y
            .area(area_id)
            .and_then(|a| a.rows.iter().find(|r| r.item == item))
            .ok_or_else(|| at(row.line, 5, "obiettivo non trovato".into()))?;
        input.values =
            filled::indicator_values(row.line, columns, &result_row.indicators, VALUE_COLUMN)?;
        input.validate_for(result_row, y.late).map_err(|e| {
            let columns = [("value", 8), ("note", 10)];
            filled::placed(&HEADER, VALUE_COLUMN, row.line, e, &columns, 9)
        })?;
        out.push((year, area_id, item, input));
    }
    if out.is_empty() {
        return Err(Error::SheetFormat(
            "Il foglio non contiene risultati: compila «Valore raggiunto», «% raggiungimento» e, sotto il 100%, «Note sugli scostamenti».".into(),
        ));
    }
    Ok(out)
}

/// The publication columns: one row per result, with the area's outcome repeated (a flat
/// table reads in any tool).
pub const PUBLICATION_HEADER: [&str; 15] = [
    "Anno",
    "Area",
    "Responsabile",
    "Anni",
    "Servizio organizzativo",
    "Descrizione obiettivo",
    "Indicatore di risultato",
    "Peso",
    "Valore raggiunto",
    "% raggiungimento",
    "Punti",
    "Note sugli scostamenti",
    "Punteggio area",
    "Fascia",
    "Quota premio",
];

fn publication_rows(y: &YearResults) -> Vec<[String; 15]> {
    each_row(y)
        .map(|(area, r)| {
            let e = r.result.as_ref();
            [
                y.year.to_string(),
                area.name.clone(),
                area.manager.clone(),
                r.years.clone(),
                r.service.clone(),
                r.description.clone(),
                r.indicator.clone(),
                weight_cell(r),
                r.value_text(),
                pct(e.map(|e| e.achievement)),
                r.points.map(score_text).unwrap_or_default(),
                e.map(|e| e.note.clone()).unwrap_or_default(),
                score_text(area.score),
                area.band.clone(),
                pct(Some(area.share)),
            ]
        })
        .collect()
}

/// The results for publication as CSV.
pub fn publication_csv(y: &YearResults) -> Result<Vec<u8>> {
    sheet::csv_table(&PUBLICATION_HEADER, publication_rows(y))
}

/// The results for publication as `.xlsx`: "Punteggi" (one row per area) and "Risultati".
pub fn publication_xlsx(y: &YearResults) -> Result<Vec<u8>> {
    let f = formats();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Punteggi").map_err(xlsx_err)?;
    let head = [
        "Anno",
        "Area",
        "Responsabile",
        "Punteggio",
        "Fascia",
        "Quota premio",
        "Risultati mancanti",
    ];
    for (c, w) in [7.0, 28.0, 24.0, 11.0, 44.0, 12.0, 11.0]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, w).map_err(xlsx_err)?;
    }
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.head)
            .map_err(xlsx_err)?;
    }
    for (i, a) in y.areas.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number_with_format(r, 0, y.year, &f.number)
            .map_err(xlsx_err)?;
        ws.write_string_with_format(r, 1, &a.name, &f.text)
            .map_err(xlsx_err)?;
        ws.write_string_with_format(r, 2, &a.manager, &f.text)
            .map_err(xlsx_err)?;
        ws.write_number_with_format(r, 3, f64::from(a.score) / 100.0, &f.number)
            .map_err(xlsx_err)?;
        ws.write_string_with_format(r, 4, &a.band, &f.text)
            .map_err(xlsx_err)?;
        ws.write_string_with_format(r, 5, pct(Some(a.share)), &f.number)
            .map_err(xlsx_err)?;
        ws.write_number_with_format(r, 6, a.missing.len() as f64, &f.number)
            .map_err(xlsx_err)?;
    }
    let ws = book.add_worksheet();
    ws.set_name("Risultati").map_err(xlsx_err)?;
    let widths = [
        7.0, 22.0, 18.0, 10.0, 18.0, 40.0, 28.0, 8.0, 28.0, 10.0, 8.0, 32.0, 10.0, 30.0, 10.0,
    ];
    for (c, w) in widths.into_iter().enumerate() {
        ws.set_column_width(c as u16, w).map_err(xlsx_err)?;
    }
    for (c, h) in PUBLICATION_HEADER.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.head)
            .map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    for (i, row) in publication_rows(y).iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let format = if matches!(c, 0 | 7 | 9 | 10 | 12 | 14) {
                &f.number
            } else {
                &f.text
            };
            ws.write_string_with_format(i as u32 + 1, c as u16, cell, format)
                .map_err(xlsx_err)?;
        }
    }
    book.save_to_buffer().map_err(xlsx_err)
}
