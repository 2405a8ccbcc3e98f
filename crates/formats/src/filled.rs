//! Reading a sheet the program sent out and a person filled in (the results sheet, the
//! monitoring sheet): CSV or the workbook's sheet that has the columns, columns found by name
//! in any order (case and accents ignored), the numbered value columns of the indicators.

use crate::sheet::{self, Records};
use crate::workbook;
use piano_domain::error::{Error, Result};
use piano_domain::ids::IndicatorId;
use piano_domain::model::name_key;
use piano_domain::results::RowIndicator;
use piano_domain::text::shorten;

/// What a reader needs to know of its sheet, and the words its messages use.
pub struct Filled<'a> {
    pub header: &'a [&'a str],
    /// The columns an import cannot do without (indices into `header`).
    pub required: &'a [usize],
    /// The indicators' numbered value columns: «Valore misurato» 1, 2, …
    pub value_column: &'a str,
    /// «non è il foglio dei risultati».
    pub of: &'a str,
    /// «Formato … non previsto per i risultati».
    pub for_what: &'a str,
    /// «Il foglio è vuoto: non c'è nessun risultato da importare».
    pub nothing: &'a str,
    /// The command that writes the sheet: «piano results-export».
    pub export: &'a str,
}

/// A row of a filled sheet, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadRow {
    /// The line (or spreadsheet row) it is on, 1-based.
    pub line: u64,
    /// The cells in the header's order ("" for an absent optional column).
    pub cells: Vec<String>,
    /// The value columns 1, 2, …: the values per indicator, in the row's order.
    pub values: Vec<String>,
}

impl Filled<'_> {
    fn columns(&self, cells: &[String]) -> Option<Vec<Option<usize>>> {
        let keys: Vec<String> = cells
            .iter()
            .map(|c| name_key(c.trim_start_matches('\u{feff}')))
            .collect();
        let at: Vec<Option<usize>> = self
            .header
            .iter()
            .map(|h| keys.iter().position(|k| *k == name_key(h)))
            .collect();
        self.required.iter().all(|&i| at[i].is_some()).then_some(at)
    }

    /// Reads the sheet: every row with anything in it, after the header.
    pub fn read(&self, bytes: &[u8], extension: &str) -> Result<Vec<ReadRow>> {
        let records: Records = match extension {
            "csv" | "txt" => sheet::csv_records(bytes)?,
            "xlsx" | "xls" | "ods" => workbook::workbook_sheets(bytes)?
                .into_iter()
                .find(|(_, r)| sheet::header_row(r).is_some_and(|(_, c)| self.columns(c).is_some()))
                .map(|(_, r)| r)
                .ok_or_else(|| {
                    Error::SheetFormat(format!(
                        "Nessun foglio ha le colonne {} ({}).",
                        self.of,
                        self.header.join("; ")
                    ))
                })?,
            other => {
                return Err(Error::SheetFormat(format!(
                    "Formato «{other}» non previsto {}: usa .csv, .xlsx, .xls o .ods.",
                    self.for_what
                )))
            }
        };
        let Some((header_line, header)) = sheet::header_row(&records) else {
            return Err(Error::SheetFormat(format!(
                "Il foglio è vuoto: non c'è {} da importare.",
                self.nothing
            )));
        };
        let Some(at) = self.columns(header) else {
            let keys: Vec<String> = header.iter().map(|c| name_key(c)).collect();
            let missing: Vec<String> = self
                .required
                .iter()
                .filter(|&&i| !keys.contains(&name_key(self.header[i])))
                .map(|&i| format!("«{}»", self.header[i]))
                .collect();
            return Err(Error::SheetFormat(format!(
                "Riga {header_line}: non è il foglio {}, mancano le colonne {}. Esporta il foglio dal programma («{}») e compila quello.",
                self.of,
                missing.join(", "),
                self.export
            )));
        };
        // The value columns, by their number.
        let prefix = name_key(self.value_column);
        let mut value_at: Vec<(usize, usize)> = header
            .iter()
            .enumerate()
            .filter_map(|(c, h)| {
                let n = name_key(h)
                    .strip_prefix(&prefix)?
                    .trim()
                    .parse::<usize>()
                    .ok()?;
                (n >= 1).then_some((n, c))
            })
            .collect();
        value_at.sort();
        let groups = value_at.last().map_or(0, |(n, _)| *n);
        let trimmed = |cells: &[String], c: Option<usize>| {
            c.and_then(|c| cells.get(c))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let mut out = Vec::new();
        for (line, cells) in records.iter().filter(|(l, _)| l > header_line) {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let values = (1..=groups)
                .map(|n| {
                    let c = value_at.iter().find(|(m, _)| *m == n).map(|(_, c)| *c);
                    trimmed(cells, c)
                })
                .collect();
            out.push(ReadRow {
                line: *line,
                cells: at.iter().map(|&c| trimmed(cells, c)).collect(),
                values,
            });
        }
        Ok(out)
    }
}

/// The indicators' columns after a sheet's own: «Indicatore N», «Target N» and the value
/// column N, for N from 1 to `groups`.
pub fn indicator_header(groups: usize, value_column: &str) -> Vec<String> {
    (1..=groups)
        .flat_map(|n| {
            [
                format!("Indicatore {n}"),
                format!("Target {n}"),
                format!("{value_column} {n}"),
            ]
        })
        .collect()
}

/// A row's indicator cells for `groups` groups: each indicator's label, target and value,
/// then empty cells for the groups it does not have.
pub fn indicator_cells(
    indicators: &[piano_domain::results::RowIndicator],
    groups: usize,
) -> Vec<String> {
    (0..groups)
        .flat_map(|n| match indicators.get(n) {
            Some(i) => [i.label.clone(), i.target_text.clone(), i.value_text.clone()],
            None => Default::default(),
        })
        .collect()
}

/// The values a row typed in its numbered value columns, given their indicators' ids once
/// the row is known: the first column is the first indicator. A value in a column past the
/// row's indicators is refused, naming the column («Valore misurato 3»).
pub fn indicator_values(
    line: u64,
    columns: &[String],
    indicators: &[RowIndicator],
    value_column: &str,
) -> Result<Vec<(IndicatorId, String)>> {
    if let Some((n, _)) = columns
        .iter()
        .enumerate()
        .find(|(n, v)| !v.trim().is_empty() && *n >= indicators.len())
    {
        return Err(Error::Sheet {
            line,
            column: format!("{value_column} {}", n + 1),
            message: format!(
                "l'obiettivo ha {} indicatori: lascia vuota questa colonna.",
                indicators.len()
            ),
        });
    }
    Ok(columns
        .iter()
        .zip(indicators)
        .map(|(v, i)| (i.id, v.clone()))
        .collect())
}

/// The one row of an area that a filled sheet's line names (`cells` in `header`'s order): by
/// its description (column 5), then, where several rows share it, by its indicator (column
/// 6). Refused with the line and the column otherwise; the description is quoted back cut to
/// `cut` characters.
pub fn named_row<'a, T>(
    header: &[&str],
    line: u64,
    cells: &[String],
    candidates: &'a [T],
    same_indicator: impl Fn(&T) -> bool,
    cut: usize,
) -> Result<&'a T> {
    let at = |column: usize, message: String| Error::Sheet {
        line,
        column: header[column].into(),
        message,
    };
    let found: Vec<&T> = if candidates.len() > 1 {
        candidates.iter().filter(|t| same_indicator(t)).collect()
    } else {
        candidates.iter().collect()
    };
    match found.as_slice() {
        [one] => Ok(one),
        [] if candidates.is_empty() => Err(at(
            5,
            format!(
                "nell'area «{}», periodo {}, non c'è l'obiettivo «{}»: la descrizione deve restare com'è nel foglio esportato.",
                cells[2],
                cells[3],
                shorten(&cells[5], cut)
            ),
        )),
        _ => Err(at(
            6,
            "più obiettivi dell'area hanno questa descrizione e l'indicatore non basta a distinguerli: lascia l'indicatore com'è nel foglio esportato.".into(),
        )),
    }
}

/// A row's refusal by the core, placed on the sheet: on the column of the field it names
/// (`columns`: field → column of `header`), on the indicators' value columns for "values",
/// else on column `otherwise`.
pub fn placed(
    header: &[&str],
    value_column: &str,
    line: u64,
    e: Error,
    columns: &[(&str, usize)],
    otherwise: usize,
) -> Error {
    let column = match e.field() {
        Some("values") => format!("{value_column} 1…"),
        field => {
            let at = columns.iter().find(|(f, _)| Some(*f) == field);
            header[at.map_or(otherwise, |(_, c)| *c)].to_string()
        }
    };
    Error::Sheet {
        line,
        column,
        message: e.to_string(),
    }
}
