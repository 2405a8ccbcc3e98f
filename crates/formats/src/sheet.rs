//! The flat sheet: one row per placement, with the columns of the reference CSV. Reads what
//! Excel and LibreOffice write (`;` `,` or tab; UTF-8 with or without BOM, UTF-16, Windows-1252;
//! quoted fields with newlines) and writes it back in the same order.

use std::collections::HashMap;

use piano_domain::error::{Error, Result};
use piano_domain::ids::{AreaId, ObjectiveId, PeriodId};
use piano_domain::model::name_key;
use piano_domain::model::{
    period_label, years_cell, FullPlan, ObjectiveInput, ObjectiveText, Weight,
};

pub const HEADER: [&str; 8] = [
    "Area",
    "Anni",
    "Servizio organizzativo",
    "Tipologia",
    "Descrizione obiettivo",
    "Risultato atteso",
    "Indicatore di risultato",
    "Peso",
];

/// The optional ninth column: the payment-timeliness mark (Sì / No). Written for plans that
/// reach 2024 (where the law asks for the objective) and mark one; without it an import
/// recognises the objective by its words.
pub const MARK_COLUMN: &str = "Tempestività pagamenti";

/// The optional column with the area's manager (issue 31: managers as data, for the offices
/// that work from sheets). Written when an area has one; blank cells leave it unset.
pub const MANAGER_COLUMN: &str = "Responsabile";

/// The optional column with the code of the DUP's operational objective the row's objective
/// carries out (issue 29). Written when an objective is linked; a blank cell states nothing.
pub const OPERATIONAL_COLUMN: &str = "Obiettivo operativo";

/// The optional indicator columns (issue 19), after «Peso» and the mark column. One indicator
/// per row; an objective's second indicator repeats the objective's row with its own
/// indicator cells. «Target ANNO» columns, one per year, sit between «Anno di partenza» and
/// «Fonte».
pub const INDICATOR_COLUMNS: [&str; 5] = [
    "Tipo indicatore",
    "Unità di misura",
    "Verso",
    "Valore di partenza",
    "Anno di partenza",
];
pub const SOURCE_COLUMN: &str = "Fonte";
pub const INDICATOR_WEIGHT_COLUMN: &str = "Peso indicatore";
pub const TARGET_PREFIX: &str = "Target";

/// Where an indicator column is in a header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct IndicatorColumns {
    kind: Option<usize>,
    unit: Option<usize>,
    direction: Option<usize>,
    baseline: Option<usize>,
    baseline_year: Option<usize>,
    source: Option<usize>,
    weight: Option<usize>,
    /// (year, column).
    targets: Vec<(i32, usize)>,
}

impl IndicatorColumns {
    fn any(&self) -> bool {
        self.kind.is_some()
    }
}

/// What an optional header cell after «Peso» is: the mark column, an indicator column, or
/// unknown (None).
fn optional_column(cell: &str) -> Option<OptionalColumn> {
    let key = name_key(cell);
    if key == name_key(MARK_COLUMN) {
        return Some(OptionalColumn::Mark);
    }
    if key == name_key(MANAGER_COLUMN) {
        return Some(OptionalColumn::Manager);
    }
    if key == name_key(OPERATIONAL_COLUMN) {
        return Some(OptionalColumn::Operational);
    }
    for (i, h) in INDICATOR_COLUMNS.iter().enumerate() {
        if key == name_key(h) {
            return Some(OptionalColumn::Indicator(i));
        }
    }
    if key == name_key(SOURCE_COLUMN) {
        return Some(OptionalColumn::Source);
    }
    if key == name_key(INDICATOR_WEIGHT_COLUMN) {
        return Some(OptionalColumn::Weight);
    }
    let year = key.strip_prefix(&name_key(TARGET_PREFIX))?.trim();
    (year.len() == 4)
        .then(|| year.parse().ok())
        .flatten()
        .map(OptionalColumn::Target)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OptionalColumn {
    Mark,
    Manager,
    Operational,
    Indicator(usize),
    Source,
    Weight,
    Target(i32),
}

/// One checked row of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// The line (or spreadsheet row) the row starts on, 1-based, for messages.
    pub line: u64,
    pub area: String,
    pub first_year: i32,
    pub last_year: i32,
    pub text: ObjectiveText,
    pub weight: Weight,
    /// The mark column's value, when the sheet has the column.
    pub timeliness: Option<bool>,
    /// The area's manager, when the sheet has the column and the cell is not blank.
    pub manager: Option<String>,
    /// The DUP operational objective's code, when the sheet has the column and the cell is
    /// not blank (checked against the plan's DUP by the import that has one).
    pub operational: Option<String>,
    /// The objective's indicators as typed, each with the line it is on (the row's own, and
    /// those of the rows that repeat it with another indicator).
    pub indicators: Vec<(u64, piano_domain::indicators::IndicatorInput)>,
}

/// Turns the bytes of a text file into a string, whatever Windows program wrote it.
pub fn decode(bytes: &[u8]) -> Result<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(str::to_string)
            .map_err(|_| Error::SheetFormat("Il file dichiara la codifica UTF-8 ma contiene caratteri non validi: salvalo di nuovo come «CSV UTF-8».".into()));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _, bad) = enc.decode(bytes);
        if bad {
            return Err(Error::SheetFormat(
                "Il file in formato Unicode (UTF-16) contiene caratteri non validi.".into(),
            ));
        }
        return Ok(text.trim_start_matches('\u{feff}').to_string());
    }
    if bytes.contains(&0) {
        return Err(Error::SheetFormat(
            "Il file non è un foglio CSV (contiene dati binari): in Excel usa «Salva con nome» e scegli «CSV (delimitato dal separatore di elenco)».".into(),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        // Not UTF-8: Excel on Windows writes the ANSI code page, Windows-1252 in Italy.
        Err(_) => Ok(encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned()),
    }
}

fn guess_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b';')
}

/// A sheet's rows as text: (line or row number, cells).
pub type Records = Vec<(u64, Vec<String>)>;

/// Reads a CSV file's bytes into raw records: (line, cells).
pub fn csv_records(bytes: &[u8]) -> Result<Vec<(u64, Vec<String>)>> {
    let text = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(guess_delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // The csv crate miscounts lines after a CRLF: count them from the byte offset instead.
    // A record's offset may point at the previous line's terminator: skip it first. Lines are
    // counted incrementally (records come in file order), so this stays linear.
    let bytes = text.as_bytes();
    let mut counted = (0usize, 1u64);
    let mut line_at = |byte: u64| {
        let mut at = (byte as usize).min(bytes.len());
        while at < bytes.len() && (bytes[at] == b'\r' || bytes[at] == b'\n') {
            at += 1;
        }
        if at < counted.0 {
            counted = (0, 1);
        }
        counted.1 += bytes[counted.0..at].iter().filter(|&&b| b == b'\n').count() as u64;
        counted.0 = at;
        counted.1
    };
    let mut out = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(p.byte()));
                return Err(Error::Sheet {
                    line,
                    column: "-".into(),
                    message: "riga non leggibile: controlla virgolette e separatori".into(),
                });
            }
        };
        let line = record.position().map_or(0, |p| line_at(p.byte()));
        out.push((line, record.iter().map(str::to_string).collect()));
    }
    Ok(out)
}

/// The first row with anything in it: where the header must be.
pub fn header_row(records: &[(u64, Vec<String>)]) -> Option<&(u64, Vec<String>)> {
    records
        .iter()
        .find(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
}

/// Whether `cells` are the flat sheet's header, compared as a person would (case, accents,
/// blanks) and ignoring empty cells after it.
pub fn is_header(cells: &[String]) -> bool {
    let found: Vec<String> = cells
        .iter()
        .map(|h| name_key(h.trim_start_matches('\u{feff}')))
        .collect();
    let filled = found.len() - found.iter().rev().take_while(|s| s.is_empty()).count();
    let eight =
        found.len() >= HEADER.len() && found.iter().zip(HEADER).all(|(a, b)| *a == name_key(b));
    eight
        && cells[HEADER.len()..filled]
            .iter()
            .all(|c| optional_column(c.trim_start_matches('\u{feff}')).is_some())
}

fn indicator_columns(header: &[String]) -> IndicatorColumns {
    let mut out = IndicatorColumns::default();
    for (c, cell) in header.iter().enumerate().skip(HEADER.len()) {
        match optional_column(cell) {
            Some(OptionalColumn::Indicator(0)) => out.kind = Some(c),
            Some(OptionalColumn::Indicator(1)) => out.unit = Some(c),
            Some(OptionalColumn::Indicator(2)) => out.direction = Some(c),
            Some(OptionalColumn::Indicator(3)) => out.baseline = Some(c),
            Some(OptionalColumn::Indicator(4)) => out.baseline_year = Some(c),
            Some(OptionalColumn::Source) => out.source = Some(c),
            Some(OptionalColumn::Weight) => out.weight = Some(c),
            Some(OptionalColumn::Target(y)) => out.targets.push((y, c)),
            _ => {}
        }
    }
    out
}

/// Checks the header and every row; all-or-nothing: the first problem stops the import.
pub fn parse_records(records: &[(u64, Vec<String>)], what: &str) -> Result<Vec<SheetRow>> {
    let Some((header_line, header)) = header_row(records) else {
        return Err(Error::SheetFormat(format!(
            "{what} è vuoto: non c'è nessuna riga da importare."
        )));
    };
    let expected: Vec<String> = HEADER.iter().map(|h| name_key(h)).collect();
    let found: Vec<String> = header
        .iter()
        .map(|h| name_key(h.trim_start_matches('\u{feff}')))
        .collect();
    if !is_header(header) {
        let missing: Vec<&str> = HEADER
            .iter()
            .zip(&expected)
            .filter(|(_, key)| !found.contains(key))
            .map(|(h, _)| *h)
            .collect();
        let in_order = found.iter().zip(&expected).all(|(a, b)| a == b);
        // The eight columns in order, then columns the sheet does not know.
        let unknown: Vec<&str> = header
            .iter()
            .skip(HEADER.len())
            .map(|h| h.trim())
            .filter(|h| !h.is_empty() && optional_column(h).is_none())
            .collect();
        let detail = if missing.is_empty() && in_order && !unknown.is_empty() {
            let named = unknown
                .iter()
                .map(|u| format!("«{u}»"))
                .collect::<Vec<_>>()
                .join(", ");
            let (noun, verb, pronoun) = if unknown.len() == 1 {
                ("la colonna", "non è prevista", "toglila")
            } else {
                ("le colonne", "non sono previste", "toglile")
            };
            return Err(Error::SheetFormat(format!(
                "Riga {header_line}: {noun} {named} dopo «Peso» {verb}: {pronoun} dal foglio; se segna l'obiettivo di tempestività dei pagamenti, chiamala «{MARK_COLUMN}» (valori Sì o No). Le colonne del foglio sono: {}; facoltative: {MARK_COLUMN}, {MANAGER_COLUMN}; per gli indicatori {}, «{TARGET_PREFIX} ANNO» (es. «{TARGET_PREFIX} 2024»), {SOURCE_COLUMN}, {INDICATOR_WEIGHT_COLUMN}.",
                HEADER.join("; "),
                INDICATOR_COLUMNS.join(", ")
            )));
        } else if missing.is_empty() {
            "le colonne ci sono ma non nell'ordine previsto".to_string()
        } else {
            format!(
                "mancano le colonne {}",
                missing
                    .iter()
                    .map(|m| format!("«{m}»"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        return Err(Error::SheetFormat(format!(
            "Riga {header_line}: intestazione non riconosciuta ({detail}). La prima riga deve essere: {}.",
            HEADER.join("; ")
        )));
    }
    let mark_at = header
        .iter()
        .position(|h| name_key(h) == name_key(MARK_COLUMN))
        .filter(|&c| c >= HEADER.len());
    let manager_at = header
        .iter()
        .position(|h| name_key(h) == name_key(MANAGER_COLUMN))
        .filter(|&c| c >= HEADER.len());
    let operational_at = header
        .iter()
        .position(|h| name_key(h) == name_key(OPERATIONAL_COLUMN))
        .filter(|&c| c >= HEADER.len());
    let columns = found.len() - found.iter().rev().take_while(|s| s.is_empty()).count();
    let ind = indicator_columns(header);
    if !ind.any() && (!ind.targets.is_empty() || ind.unit.is_some()) {
        return Err(Error::SheetFormat(format!(
            "Riga {header_line}: ci sono colonne degli indicatori ma manca «{}»: aggiungila (numero, percentuale, giorni, scadenza, sì/no o rapporto).",
            INDICATOR_COLUMNS[0]
        )));
    }
    let mut rows = Vec::new();
    // Every problem of every row, so that the officer corrects the file in one round.
    let mut problems: Vec<Error> = Vec::new();
    for (line, cells) in records.iter().filter(|(l, _)| l > header_line) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let filled = cells.len()
            - cells
                .iter()
                .rev()
                .take_while(|c| c.trim().is_empty())
                .count();
        if filled > columns {
            problems.push(Error::Sheet {
                line: *line,
                column: format!("{}", filled),
                message: format!("la riga ha {filled} colonne piene, ne sono previste {columns}: controlla i separatori o le virgolette."),
            });
            continue;
        }
        if cells.len() < HEADER.len() {
            problems.push(Error::Sheet {
                line: *line,
                column: HEADER[cells.len().max(1) - 1].into(),
                message: format!(
                    "la riga ha solo {} colonne invece di {}: il file potrebbe essere troncato o avere una virgoletta non chiusa.",
                    cells.len(),
                    HEADER.len()
                ),
            });
            continue;
        }
        let mark = mark_at.map(|at| {
            parse_mark(cells.get(at).map_or("", String::as_str)).map_err(|message| Error::Sheet {
                line: *line,
                column: MARK_COLUMN.into(),
                message,
            })
        });
        let mut row = match (parse_row(*line, cells), mark) {
            (Ok(row), None | Some(Ok(_))) => row,
            (parsed, mark) => {
                if let Err(all) = parsed {
                    problems.extend(all);
                }
                if let Some(Err(e)) = mark {
                    problems.push(e);
                }
                continue;
            }
        };
        if ind.any() {
            let cell = |c: Option<usize>| {
                c.and_then(|c| cells.get(c))
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default()
            };
            let input = piano_domain::indicators::IndicatorInput {
                kind: cell(ind.kind),
                unit: cell(ind.unit),
                direction: cell(ind.direction),
                baseline: cell(ind.baseline),
                baseline_year: cell(ind.baseline_year),
                targets: ind
                    .targets
                    .iter()
                    .map(|&(year, c)| piano_domain::indicators::TargetInput {
                        year,
                        value: cell(Some(c)),
                    })
                    .collect(),
                source: cell(ind.source),
                weight: cell(ind.weight),
            };
            let empty = input.kind.is_empty()
                && input.unit.is_empty()
                && input.direction.is_empty()
                && input.baseline.is_empty()
                && input.baseline_year.is_empty()
                && input.source.is_empty()
                && input.weight.is_empty()
                && input.targets.iter().all(|t| t.value.is_empty());
            if !empty {
                row.indicators.push((*line, input));
            }
        }
        if let Some(at) = mark_at {
            row.timeliness = parse_mark(cells.get(at).map_or("", String::as_str)).ok();
        }
        if let Some(at) = manager_at {
            let cell = cells.get(at).map_or("", String::as_str);
            match piano_domain::model::clean_text("manager", "Responsabile", cell, false) {
                Ok(m) if !m.is_empty() => row.manager = Some(m),
                Ok(_) => {}
                Err(e) => {
                    problems.push(Error::Sheet {
                        line: *line,
                        column: MANAGER_COLUMN.into(),
                        message: e.to_string(),
                    });
                    continue;
                }
            }
        }
        if let Some(at) = operational_at {
            let code = cells.get(at).map_or("", |c| c.trim());
            if !code.is_empty() {
                row.operational = Some(code.to_string());
            }
        }
        rows.push(row);
    }
    if !problems.is_empty() {
        return Err(Error::sheet(problems));
    }
    if rows.is_empty() {
        return Err(Error::SheetFormat(format!(
            "{what} ha l'intestazione ma nessun obiettivo da importare."
        )));
    }
    check_row_periods(&rows)?;
    if ind.any() {
        rows = merge_indicator_rows(rows);
    }
    Ok(rows)
}

/// A row that repeats an earlier one (same area, years, texts, weight) to carry another
/// indicator joins it: the objective's indicators, in the rows' order.
fn merge_indicator_rows(rows: Vec<SheetRow>) -> Vec<SheetRow> {
    type Key = (String, i32, i32, ObjectiveText, Weight);
    let mut out: Vec<SheetRow> = Vec::with_capacity(rows.len());
    let mut at: HashMap<Key, usize> = HashMap::new();
    for row in rows {
        let key = (
            name_key(&row.area),
            row.first_year,
            row.last_year,
            row.text.clone(),
            row.weight,
        );
        match at.get(&key) {
            Some(&i) if !row.indicators.is_empty() && !out[i].indicators.is_empty() => {
                out[i].indicators.extend(row.indicators);
                if let Some(m) = row.timeliness {
                    out[i].timeliness = Some(out[i].timeliness.unwrap_or(false) || m);
                }
            }
            _ => {
                at.insert(key, out.len());
                out.push(row);
            }
        }
    }
    out
}

/// One row of the flat sheet, or every problem of its cells.
fn parse_row(line: u64, cells: &[String]) -> std::result::Result<SheetRow, Vec<Error>> {
    let at = |column: usize| {
        move |e: Error| Error::Sheet {
            line,
            column: HEADER[column].into(),
            message: e.to_string(),
        }
    };
    let mut problems = Vec::new();
    let area = piano_domain::model::clean_text("area", "Area", &cells[0], true)
        .map_err(|e| problems.push(at(0)(e)))
        .ok();
    let years = parse_years(&cells[1])
        .map_err(|e| problems.push(at(1)(e)))
        .ok();
    let input = ObjectiveInput {
        service: cells[2].clone(),
        kind: cells[3].clone(),
        description: cells[4].clone(),
        expected_result: cells[5].clone(),
        indicator: cells[6].clone(),
    };
    let text = input
        .validate_all()
        .map_err(|all| {
            for e in all {
                let column = match e.field() {
                    Some("service") => 2,
                    Some("kind") => 3,
                    Some("description") => 4,
                    Some("expected_result") => 5,
                    _ => 6,
                };
                problems.push(at(column)(e));
            }
        })
        .ok();
    let weight = Weight::parse(&cells[7])
        .map_err(|e| problems.push(at(7)(e)))
        .ok();
    match (area, years, text, weight) {
        (Some(area), Some((first_year, last_year)), Some(text), Some(weight)) => Ok(SheetRow {
            line,
            area,
            first_year,
            last_year,
            text,
            weight,
            timeliness: None,
            manager: None,
            operational: None,
            indicators: Vec::new(),
        }),
        _ => Err(problems),
    }
}

/// "Sì", "si", "x", "1" mark; "", "No", "0" do not.
fn parse_mark(cell: &str) -> std::result::Result<bool, String> {
    match name_key(cell).as_str() {
        "si" | "s" | "x" | "1" | "vero" | "true" => Ok(true),
        "" | "no" | "n" | "0" | "falso" | "false" => Ok(false),
        other => Err(format!(
            "«{other}» non è un valore per la tempestività dei pagamenti: scrivi Sì oppure No."
        )),
    }
}

/// "2020", "2021-2022", "2021 e 2022", "ANNO 2020, 2021 E 2022".
pub fn parse_years(cell: &str) -> Result<(i32, i32)> {
    let bad = || {
        Error::invalid(
            "years",
            format!(
                "«{}» non indica gli anni: scrivi per esempio 2020 oppure 2021-2022.",
                cell.trim()
            ),
        )
    };
    let mut years = Vec::new();
    for token in cell
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
    {
        if token.len() != 4 {
            return Err(bad());
        }
        years.push(token.parse::<i32>().map_err(|_| bad())?);
    }
    let rest: String = cell.chars().filter(|c| !c.is_ascii_digit()).collect();
    if !name_key(&rest)
        .replace(['-', ',', '/', ' '], "")
        .replace("anno", "")
        .replace("anni", "")
        .replace('e', "")
        .is_empty()
    {
        return Err(bad());
    }
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        return Err(bad());
    };
    if years.windows(2).any(|w| w[1] <= w[0])
        || (years.len() > 2 && last - first + 1 != years.len() as i32)
    {
        return Err(Error::invalid(
            "years",
            format!(
                "«{}»: gli anni di un periodo devono essere consecutivi e in ordine.",
                cell.trim()
            ),
        ));
    }
    piano_domain::model::check_year("years", first)?;
    piano_domain::model::check_year("years", last)?;
    Ok((first, last))
}

fn check_row_periods(rows: &[SheetRow]) -> Result<()> {
    let mut seen: Vec<(i32, i32, u64)> = Vec::new();
    for row in rows {
        let span = (row.first_year, row.last_year);
        if seen.iter().any(|&(a, b, _)| (a, b) == span) {
            continue;
        }
        if let Some(&(a, b, other)) = seen
            .iter()
            .find(|&&(a, b, _)| row.first_year <= b && a <= row.last_year)
        {
            return Err(Error::Sheet {
                line: row.line,
                column: "Anni".into(),
                message: format!(
                    "il periodo «{}» si sovrappone a «{}» della riga {other}: ogni anno può stare in un solo periodo.",
                    period_label(row.first_year, row.last_year),
                    period_label(a, b)
                ),
            });
        }
        seen.push((span.0, span.1, row.line));
    }
    Ok(())
}

/// The plan as flat rows, in the annex's order.
pub fn plan_rows(plan: &FullPlan) -> Vec<[String; 8]> {
    let areas: HashMap<AreaId, &str> = plan.areas.iter().map(|a| (a.id, a.name.as_str())).collect();
    let periods: HashMap<PeriodId, (i32, i32)> = plan
        .periods
        .iter()
        .map(|p| (p.id, (p.first_year, p.last_year)))
        .collect();
    let objectives: HashMap<ObjectiveId, &ObjectiveText> =
        plan.objectives.iter().map(|o| (o.id, &o.text)).collect();
    plan.placements
        .iter()
        .filter_map(|p| {
            let t = objectives.get(&p.objective_id)?;
            let (first, last) = periods.get(&p.period_id)?;
            Some([
                areas.get(&p.area_id)?.to_string(),
                years_cell(*first, *last),
                t.service.clone(),
                t.kind.as_str().to_string(),
                t.description.clone(),
                t.expected_result.clone(),
                t.indicator.clone(),
                p.weight.to_italian(),
            ])
        })
        .collect()
}

/// A CSV table as the app writes every sheet: UTF-8 with BOM (so that Excel shows the
/// accents), `;`, CRLF.
pub fn csv_table<R, C>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Result<Vec<u8>>
where
    R: IntoIterator<Item = C>,
    C: AsRef<[u8]>,
{
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let csv_err = |e: csv::Error| Error::Io(std::io::Error::other(e.to_string()));
    writer.write_record(header).map_err(csv_err)?;
    for row in rows {
        writer.write_record(row).map_err(csv_err)?;
    }
    writer
        .into_inner()
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

/// The flat sheet as text: header and rows, in the annex's order. The mark column for plans
/// the payment-timeliness rule applies to and that mark an objective (otherwise an import
/// recognises it by its words, and older exports stay as they were); the indicator columns
/// when any objective has indicators, one row per indicator.
pub fn flat_table(plan: &FullPlan) -> (Vec<String>, Vec<Vec<String>>) {
    let marks = plan.plan.last_year >= piano_domain::timeliness::FIRST_YEAR
        && plan.objectives.iter().any(|o| o.timeliness);
    let with_indicators = !plan.indicators.is_empty();
    let years: Vec<i32> = (plan.plan.first_year..=plan.plan.last_year).collect();
    let managers = plan.areas.iter().any(|a| !a.manager.trim().is_empty());
    let manager_of: HashMap<AreaId, &str> = plan
        .areas
        .iter()
        .map(|a| (a.id, a.manager.as_str()))
        .collect();
    let mut header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
    if marks {
        header.push(MARK_COLUMN.into());
    }
    if managers {
        header.push(MANAGER_COLUMN.into());
    }
    let linked = plan.objectives.iter().any(|o| o.operational.is_some());
    let operational_of: HashMap<ObjectiveId, &str> = plan
        .objectives
        .iter()
        .filter_map(|o| Some((o.id, o.operational.as_deref()?)))
        .collect();
    if linked {
        header.push(OPERATIONAL_COLUMN.into());
    }
    if with_indicators {
        header.extend(INDICATOR_COLUMNS.iter().map(|h| h.to_string()));
        header.extend(years.iter().map(|y| format!("{TARGET_PREFIX} {y}")));
        header.push(SOURCE_COLUMN.into());
        header.push(INDICATOR_WEIGHT_COLUMN.into());
    }
    let marked: std::collections::HashSet<ObjectiveId> = plan
        .objectives
        .iter()
        .filter(|o| o.timeliness)
        .map(|o| o.id)
        .collect();
    let mut rows = Vec::with_capacity(plan.placements.len());
    for (row, placement) in plan_rows(plan).into_iter().zip(&plan.placements) {
        let mut cells: Vec<String> = row.to_vec();
        if marks {
            cells.push(
                if marked.contains(&placement.objective_id) {
                    "Sì"
                } else {
                    "No"
                }
                .into(),
            );
        }
        if managers {
            cells.push(
                manager_of
                    .get(&placement.area_id)
                    .copied()
                    .unwrap_or("")
                    .to_string(),
            );
        }
        if linked {
            cells.push(
                operational_of
                    .get(&placement.objective_id)
                    .copied()
                    .unwrap_or("")
                    .to_string(),
            );
        }
        if !with_indicators {
            rows.push(cells);
            continue;
        }
        let mine: Vec<_> = plan.indicators_of(placement.objective_id).collect();
        if mine.is_empty() {
            cells.extend(std::iter::repeat_n(
                String::new(),
                INDICATOR_COLUMNS.len() + years.len() + 2,
            ));
            rows.push(cells);
            continue;
        }
        for i in mine {
            let input = i.to_input();
            let mut line = cells.clone();
            line.push(input.kind);
            line.push(input.unit);
            line.push(input.direction);
            line.push(input.baseline);
            line.push(input.baseline_year);
            for y in &years {
                line.push(i.target(*y).map(|v| v.text()).unwrap_or_default());
            }
            line.push(input.source);
            line.push(input.weight);
            rows.push(line);
        }
    }
    (header, rows)
}

/// The flat CSV, with [`csv_table`]'s encoding.
pub fn to_csv(plan: &FullPlan) -> Result<Vec<u8>> {
    let (header, rows) = flat_table(plan);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv_table(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_cells() {
        assert_eq!(parse_years("2020").unwrap(), (2020, 2020));
        assert_eq!(parse_years("2021-2022").unwrap(), (2021, 2022));
        assert_eq!(parse_years("ANNO 2021 E 2022").unwrap(), (2021, 2022));
        assert_eq!(parse_years("2020, 2021 e 2022").unwrap(), (2020, 2022));
        for bad in [
            "",
            "venti",
            "20-21",
            "2022-2021",
            "2020 circa",
            "2020, 2022, 2023",
        ] {
            assert!(parse_years(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn windows_1252_is_decoded() {
        let bytes = b"Tempestivit\xe0 \x80 \x96".to_vec();
        assert_eq!(decode(&bytes).unwrap(), "Tempestività € –");
    }

    #[test]
    fn delimiter_is_guessed_from_the_header() {
        assert_eq!(guess_delimiter("Area;Anni;Peso\n"), b';');
        assert_eq!(guess_delimiter("Area,Anni,Peso\n"), b',');
        assert_eq!(guess_delimiter("Area\tAnni\tPeso\n"), b'\t');
    }
}
