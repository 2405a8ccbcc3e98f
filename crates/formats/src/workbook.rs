//! Spreadsheets in: `.xlsx`, `.xls`, `.ods` (calamine), read into the same raw records as the
//! CSV sheet, so that one set of checks serves every format. Spreadsheets out: `.xlsx`
//! (rust_xlsxwriter) laid out like the annex, plus the flat sheet it can be imported from.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Formula, Workbook};

use crate::sheet::{self, SheetRow, HEADER};
use piano_domain::error::{Error, Result};
use piano_domain::model::name_key;
use piano_domain::model::{format_hundredths, FullPlan};
use piano_domain::rules::Report;

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Shortest form that reads back the same: 30 → "30", 12.5 → "12.5", 12.345 stays.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => if *b { "VERO" } else { "FALSO" }.to_string(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn unreadable() -> Error {
    Error::SheetFormat(
        "Il file non è un foglio di calcolo leggibile (.xlsx, .xls o .ods): forse è danneggiato o di un altro tipo. Aprilo con il programma che l'ha creato e salvalo di nuovo.".into(),
    )
}

/// Reads a workbook's sheets: (name, records). Every cell becomes text, as in a CSV.
pub fn workbook_sheets(bytes: &[u8]) -> Result<Vec<(String, sheet::Records)>> {
    // calamine has panicked on some malformed files in the past: a bad file must never take
    // the program down, so a panic inside it is an unreadable file.
    let bytes = bytes.to_vec();
    let read = std::panic::catch_unwind(move || -> Result<Vec<(String, sheet::Records)>> {
        let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| unreadable())?;
        let mut out = Vec::new();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).map_err(|_| unreadable())?;
            let first_row = range.start().map_or(0, |(r, _)| r);
            let records = range
                .rows()
                .enumerate()
                .map(|(i, row)| {
                    (
                        u64::from(first_row) + i as u64 + 1,
                        row.iter().map(cell_text).collect(),
                    )
                })
                .collect();
            out.push((name, records));
        }
        Ok(out)
    });
    read.unwrap_or_else(|_| Err(unreadable()))
}

/// The checked rows of one sheet: the one named, else the only one, else the first whose
/// header is the flat sheet's. Errors name the sheet.
pub fn workbook_rows(bytes: &[u8], sheet_name: Option<&str>) -> Result<(String, Vec<SheetRow>)> {
    let sheets = workbook_sheets(bytes)?;
    let names = || {
        sheets
            .iter()
            .map(|(n, _)| format!("«{n}»"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let chosen = match sheet_name {
        Some(want) => sheets.iter().find(|(n, _)| name_key(n) == name_key(want)).ok_or_else(|| {
            Error::SheetFormat(format!("Il file non ha un foglio «{want}». Fogli presenti: {}.", names()))
        })?,
        None if sheets.len() == 1 => &sheets[0],
        None => sheets.iter().find(|(_, r)| sheet::header_row(r).is_some_and(|(_, cells)| sheet::is_header(cells))).ok_or_else(|| {
            Error::SheetFormat(format!(
                "Nessun foglio ha le colonne del piano ({}). Fogli presenti: {}: indica quale importare.",
                HEADER.join("; "),
                names()
            ))
        })?,
    };
    let (name, records) = chosen;
    let rows =
        sheet::parse_records(records, &format!("Il foglio «{name}»")).map_err(|e| match e {
            Error::Sheet { .. } | Error::SheetFormat(_) => {
                Error::SheetFormat(format!("Foglio «{name}», {e}"))
            }
            other => other,
        })?;
    Ok((name.clone(), rows))
}

pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>> {
    Ok(workbook_sheets(bytes)?
        .into_iter()
        .map(|(n, _)| n)
        .collect())
}

pub(crate) fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// The plan as an `.xlsx` workbook: "Allegato", laid out like the annex (area and period
/// bands, the six columns, wrapped text, totals, frozen header, A4 landscape), and "Dati", the
/// flat sheet that imports back.
pub fn to_xlsx(plan: &FullPlan, report: &Report) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let blue = Color::RGB(0x005BB3);
    let grid = Color::RGB(0x8C99A6);
    let font = "Titillium Web";
    let base = Format::new()
        .set_font_name(font)
        .set_font_size(10)
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_border_color(grid);
    let title = Format::new()
        .set_font_name(font)
        .set_font_size(15)
        .set_bold()
        .set_align(FormatAlign::Center);
    let subtitle = Format::new()
        .set_font_name(font)
        .set_font_size(11)
        .set_align(FormatAlign::Center);
    let head = base
        .clone()
        .set_bold()
        .set_font_size(8)
        .set_background_color(Color::RGB(0xDBE6F2))
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let area_band = Format::new()
        .set_font_name(font)
        .set_font_size(12)
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(blue)
        .set_border(FormatBorder::Thin)
        .set_border_color(grid);
    let period_band = base
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xEEF1F5));
    let center = base.clone().set_align(FormatAlign::Center);
    let weight = base
        .clone()
        .set_align(FormatAlign::Right)
        .set_num_format("0.##\"%\"");
    let total_label = base
        .clone()
        .set_bold()
        .set_align(FormatAlign::Right)
        .set_background_color(Color::RGB(0xEEF1F5));
    let total = total_label.clone().set_num_format("0.##\"%\"");
    let total_bad = total.clone().set_font_color(Color::RGB(0xB3001B));

    let ws = book.add_worksheet();
    ws.set_name("Allegato").map_err(xlsx_err)?;
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    for (col, width) in [22.0, 12.0, 42.0, 32.0, 34.0, 16.0].into_iter().enumerate() {
        ws.set_column_width(col as u16, width).map_err(xlsx_err)?;
    }
    ws.merge_range(0, 0, 0, 5, &plan.plan.title, &title)
        .map_err(xlsx_err)?;
    let mut caption = plan.plan.entity.clone();
    if !plan.plan.approval.is_empty() {
        caption = if caption.is_empty() {
            plan.plan.approval.clone()
        } else {
            format!("{caption} – {}", plan.plan.approval)
        };
    }
    ws.merge_range(1, 0, 1, 5, &caption, &subtitle)
        .map_err(xlsx_err)?;
    let headers = crate::pdf::annex::HEADERS;
    for (col, h) in headers.iter().enumerate() {
        ws.write_string_with_format(2, col as u16, *h, &head)
            .map_err(xlsx_err)?;
    }
    ws.set_row_height(2, 54).map_err(xlsx_err)?;
    ws.set_freeze_panes(3, 0).map_err(xlsx_err)?;
    ws.set_repeat_rows(0, 2).map_err(xlsx_err)?;
    ws.set_footer("&LPiano Obiettivi&RPagina &P di &N");

    let objectives: std::collections::HashMap<
        piano_domain::ObjectiveId,
        &piano_domain::model::Objective,
    > = plan.objectives.iter().map(|o| (o.id, o)).collect();
    let mut row: u32 = 3;
    for area in &plan.areas {
        let label = if area.manager.is_empty() {
            area.name.clone()
        } else {
            format!("{} – Responsabile: {}", area.name, area.manager)
        };
        ws.merge_range(row, 0, row, 5, &label, &area_band)
            .map_err(xlsx_err)?;
        ws.set_row_height(row, 20).map_err(xlsx_err)?;
        row += 1;
        for period in &plan.periods {
            ws.merge_range(row, 0, row, 5, &period.label, &period_band)
                .map_err(xlsx_err)?;
            row += 1;
            let first = row;
            for p in plan.cell(area.id, period.id) {
                let Some(o) = objectives.get(&p.objective_id) else {
                    continue;
                };
                let t = &o.text;
                ws.write_string_with_format(row, 0, &t.service, &base)
                    .map_err(xlsx_err)?;
                ws.write_string_with_format(row, 1, t.kind.as_str(), &center)
                    .map_err(xlsx_err)?;
                ws.write_string_with_format(row, 2, &t.description, &base)
                    .map_err(xlsx_err)?;
                ws.write_string_with_format(row, 3, &t.expected_result, &base)
                    .map_err(xlsx_err)?;
                ws.write_string_with_format(row, 4, &t.indicator, &base)
                    .map_err(xlsx_err)?;
                ws.write_number_with_format(row, 5, f64::from(p.weight.0) / 100.0, &weight)
                    .map_err(xlsx_err)?;
                // Wrapped text: give the row the height its longest cell needs.
                let lines = [
                    (&t.service, 22.0),
                    (&t.description, 42.0),
                    (&t.expected_result, 32.0),
                    (&t.indicator, 34.0),
                ]
                .iter()
                .map(|(s, w)| {
                    s.split('\n')
                        .map(|part| (part.chars().count() as f64 / (w * 1.05)).ceil().max(1.0))
                        .sum::<f64>()
                })
                .fold(1.0, f64::max);
                ws.set_row_height(row, 14.0 * lines + 4.0)
                    .map_err(xlsx_err)?;
                row += 1;
            }
            let sum = report.total(area.id, period.id).map_or(0, |t| t.total);
            ws.merge_range(
                row,
                0,
                row,
                4,
                &format!("Totale {}", period.label),
                &total_label,
            )
            .map_err(xlsx_err)?;
            let formula = if row > first {
                format!("=SUM(F{}:F{})", first + 1, row)
            } else {
                "=0".to_string()
            };
            let format = if sum == 10_000 { &total } else { &total_bad };
            ws.write_formula_with_format(
                row,
                5,
                Formula::new(formula).set_result(format_hundredths(sum.into()).replace(',', ".")),
                format,
            )
            .map_err(xlsx_err)?;
            row += 1;
        }
    }

    let data = book.add_worksheet();
    data.set_name("Dati").map_err(xlsx_err)?;
    let bold = Format::new().set_bold();
    let (header, rows) = sheet::flat_table(plan);
    for (col, h) in header.iter().enumerate() {
        data.write_string_with_format(0, col as u16, h, &bold)
            .map_err(xlsx_err)?;
    }
    for (col, width) in [28.0, 10.0, 24.0, 9.0, 50.0, 40.0, 40.0, 8.0]
        .into_iter()
        .enumerate()
    {
        data.set_column_width(col as u16, width).map_err(xlsx_err)?;
    }
    data.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    for (i, cells) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, value) in cells.iter().enumerate() {
            if col == 7 {
                let w: f64 = value.replace(',', ".").parse().unwrap_or(0.0);
                data.write_number(r, 7, w).map_err(xlsx_err)?;
            } else {
                data.write_string(r, col as u16, value).map_err(xlsx_err)?;
            }
        }
    }
    book.save_to_buffer().map_err(xlsx_err)
}
