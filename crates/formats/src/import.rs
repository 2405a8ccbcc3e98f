//! Turning checked sheet rows into a plan's content, written by the store in one
//! transaction. Rows whose five texts are identical in several areas become one cross-cutting
//! objective; a row equal to a cross-cutting objective in all but one field is a near copy,
//! reported, and merged only if the person asks.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::sheet;
use crate::sheet::SheetRow;
use piano_domain::content::{Content, ContentArea, ContentObjective, ContentPlacement};
use piano_domain::error::{Error, Result};
use piano_domain::model::name_key;
use piano_domain::model::{period_label, NewPeriod, ObjectiveText};
use piano_domain::text::shorten;

/// Names for a plan made from a sheet (blanks: derived from the years), and which near copies
/// to merge into their cross-cutting objective (by line).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ImportOptions {
    pub entity: String,
    pub title: String,
    pub approval: String,
    #[serde(default)]
    pub merge_lines: Vec<u64>,
}

/// A row that differs from a cross-cutting objective in one field only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NearCopy {
    pub line: u64,
    /// The first line of the cross-cutting objective it resembles.
    pub objective_line: u64,
    pub field: String,
    pub message: String,
}

/// What an import would create, before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub rows: usize,
    pub areas: Vec<String>,
    pub periods: Vec<String>,
    pub objectives: usize,
    pub cross_cutting: usize,
    /// Objectives recognised by their words as the payment-timeliness objective (marked).
    pub timeliness: usize,
    pub near_copies: Vec<NearCopy>,
    pub problems: Vec<String>,
}

const FIELDS: [&str; 5] = [
    "il servizio organizzativo",
    "la tipologia",
    "la descrizione",
    "il risultato atteso",
    "l'indicatore di risultato",
];

/// Which objective each row belongs to (index into the returned texts), and the near copies.
struct Grouping<'a> {
    objective_of_row: Vec<usize>,
    texts: Vec<&'a ObjectiveText>,
    near_copies: Vec<NearCopy>,
}

fn group<'a>(rows: &'a [SheetRow], merge_lines: &[u64]) -> Grouping<'a> {
    let mut texts: Vec<&ObjectiveText> = Vec::new();
    let mut areas_of: Vec<Vec<String>> = Vec::new();
    let mut first_line: Vec<u64> = Vec::new();
    let mut by_text: HashMap<&ObjectiveText, Vec<usize>> = HashMap::new();
    let mut objective_of_row = Vec::with_capacity(rows.len());
    for row in rows {
        let area = name_key(&row.area);
        let candidates = by_text.entry(&row.text).or_default();
        let found = candidates
            .iter()
            .copied()
            .find(|&o| !areas_of[o].contains(&area));
        let o = found.unwrap_or_else(|| {
            texts.push(&row.text);
            areas_of.push(Vec::new());
            first_line.push(row.line);
            candidates.push(texts.len() - 1);
            texts.len() - 1
        });
        areas_of[o].push(area);
        objective_of_row.push(o);
    }
    // Near copies: a row alone on its objective, one field away from a cross-cutting one.
    let mut near_copies = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let own = objective_of_row[r];
        if areas_of[own].len() > 1 {
            continue;
        }
        let mine = row.text.fields();
        for (o, text) in texts.iter().enumerate() {
            if o == own || areas_of[o].len() < 2 {
                continue;
            }
            let theirs = text.fields();
            let differing: Vec<usize> = (0..5).filter(|&i| mine[i] != theirs[i]).collect();
            if differing.len() != 1 {
                continue;
            }
            let field = FIELDS[differing[0]];
            let area = name_key(&row.area);
            near_copies.push(NearCopy {
                line: row.line,
                objective_line: first_line[o],
                field: field.to_string(),
                message: format!(
                    "riga {}: uguale all'obiettivo trasversale «{}» (riga {}) tranne {}",
                    row.line,
                    shorten(&text.description, 70),
                    first_line[o],
                    field
                ),
            });
            if merge_lines.contains(&row.line) && !areas_of[o].contains(&area) {
                areas_of[o].push(area);
                objective_of_row[r] = o;
            }
            break;
        }
    }
    Grouping {
        objective_of_row,
        texts,
        near_copies,
    }
}

/// What importing `rows` would create, and what deserves a look.
pub fn preview(rows: &[SheetRow]) -> Preview {
    let g = group(rows, &[]);
    let mut areas: Vec<String> = Vec::new();
    for r in rows {
        if !areas.iter().any(|a| name_key(a) == name_key(&r.area)) {
            areas.push(r.area.clone());
        }
    }
    let mut spans: Vec<(i32, i32)> = rows.iter().map(|r| (r.first_year, r.last_year)).collect();
    spans.sort();
    spans.dedup();
    let mut counts = vec![0usize; g.texts.len()];
    for &o in &g.objective_of_row {
        counts[o] += 1;
    }
    Preview {
        rows: rows.len(),
        areas,
        periods: spans.iter().map(|(a, b)| period_label(*a, *b)).collect(),
        objectives: g.texts.len(),
        cross_cutting: counts.iter().filter(|&&c| c > 1).count(),
        timeliness: if rows.iter().any(|r| r.timeliness.is_some()) {
            0
        } else {
            g.texts
                .iter()
                .filter(|t| {
                    piano_domain::timeliness::speaks_of_timeliness(&t.service, &t.description)
                })
                .count()
        },
        near_copies: g.near_copies,
        problems: Vec::new(),
    }
}

/// The real plan the product was modelled on, shipped as example data.
pub const DEMO_CSV: &[u8] = include_bytes!("../../../data/piano-obiettivi-2020-2022.csv");

/// The first and last year the rows name; no rows is an error.
pub fn year_span(rows: &[SheetRow]) -> Result<(i32, i32)> {
    let first = rows
        .iter()
        .map(|r| r.first_year)
        .min()
        .ok_or_else(|| Error::SheetFormat("Nessuna riga da importare.".into()))?;
    let last = rows.iter().map(|r| r.last_year).max().unwrap_or(first);
    Ok((first, last))
}

/// The periods the rows name, in order of years.
pub fn periods_of(rows: &[SheetRow]) -> Vec<NewPeriod> {
    let mut periods: Vec<NewPeriod> = Vec::new();
    for r in rows {
        let p = NewPeriod {
            first_year: r.first_year,
            last_year: r.last_year,
        };
        if !periods.contains(&p) {
            periods.push(p);
        }
    }
    periods.sort_by_key(|p| p.first_year);
    periods
}

/// The rows' areas, objectives (cross-cutting ones once) and placements, checked, for a plan
/// that covers `years`: objectives whose words speak of payment timeliness are marked.
/// Nothing is written; the store writes the answer (`Store::create_plan_with`).
pub fn content(rows: &[SheetRow], merge_lines: &[u64], years: (i32, i32)) -> Result<Content> {
    let grouping = group(rows, merge_lines);
    // An objective's indicators: from its first row that has some; a cross-cutting
    // objective's other rows must say the same (or nothing).
    let mut indicators: Vec<Option<usize>> = vec![None; grouping.texts.len()];
    for (r, row) in rows.iter().enumerate() {
        if row.indicators.is_empty() {
            continue;
        }
        // Each value checked first, so that a mistyped cell is named as such.
        for (line, input) in &row.indicators {
            input.validate(years).map_err(|e| Error::Sheet {
                line: *line,
                column: indicator_column(&e, input),
                message: e.to_string(),
            })?;
        }
        let o = grouping.objective_of_row[r];
        match indicators[o] {
            None => indicators[o] = Some(r),
            Some(first) => {
                // The same indicators in any order (a shuffled sheet).
                let sorted = |r: &SheetRow| {
                    let mut v: Vec<String> =
                        r.indicators.iter().map(|(_, i)| format!("{i:?}")).collect();
                    v.sort();
                    v
                };
                let (mine, theirs) = (sorted(row), sorted(&rows[first]));
                if mine != theirs {
                    return Err(Error::Sheet {
                        line: row.indicators[0].0,
                        column: sheet::INDICATOR_COLUMNS[0].into(),
                        message: format!(
                            "l'obiettivo trasversale ha indicatori diversi alla riga {}: un obiettivo trasversale ha gli stessi indicatori in ogni area, correggi una delle due righe.",
                            rows[first].indicators[0].0
                        ),
                    });
                }
            }
        }
    }
    // The sheet's managers, when it has the column: one per area, the same on every row
    // that names one.
    let mut managers: HashMap<String, (&str, u64)> = HashMap::new();
    for row in rows {
        let Some(m) = row.manager.as_deref() else {
            continue;
        };
        match managers.get(&name_key(&row.area)) {
            Some((other, line)) if name_key(other) != name_key(m) => {
                return Err(Error::Sheet {
                    line: row.line,
                    column: sheet::MANAGER_COLUMN.into(),
                    message: format!(
                        "«{m}» è diverso dal responsabile «{other}» indicato per la stessa area alla riga {line}: un'area ha un solo responsabile, correggi una delle due righe."
                    ),
                });
            }
            Some(_) => {}
            None => {
                managers.insert(name_key(&row.area), (m, row.line));
            }
        }
    }
    // The sheet's mark column, when it has one: an objective is marked if any of its rows is.
    let mut marks: Vec<Option<bool>> = vec![None; grouping.texts.len()];
    for (r, row) in rows.iter().enumerate() {
        if let Some(m) = row.timeliness {
            let o = grouping.objective_of_row[r];
            marks[o] = Some(marks[o].unwrap_or(false) || m);
        }
    }
    // The sheet's «Obiettivo operativo», when it has the column: one code per objective,
    // the same on every row of a cross-cutting one that states it.
    let mut links: Vec<Option<(&str, u64)>> = vec![None; grouping.texts.len()];
    for (r, row) in rows.iter().enumerate() {
        let Some(code) = row.operational.as_deref() else {
            continue;
        };
        let o = grouping.objective_of_row[r];
        match links[o] {
            Some((other, line)) if name_key(other) != name_key(code) => {
                return Err(Error::Sheet {
                    line: row.line,
                    column: sheet::OPERATIONAL_COLUMN.into(),
                    message: format!(
                        "«{code}» è diverso dall'obiettivo operativo «{other}» indicato per lo stesso obiettivo trasversale alla riga {line}: un obiettivo si collega a un solo obiettivo operativo del DUP, correggi una delle due righe."
                    ),
                });
            }
            Some(_) => {}
            None => links[o] = Some((code, row.line)),
        }
    }
    let mut out = Content::default();
    // Objectives in the order rows first name them (a near copy merged into its
    // cross-cutting objective leaves its own text unused).
    let mut index: Vec<Option<usize>> = vec![None; grouping.texts.len()];
    let mut areas: HashMap<String, usize> = HashMap::new();
    for (r, row) in rows.iter().enumerate() {
        let key = name_key(&row.area);
        let area = match areas.get(&key) {
            Some(&i) => i,
            None => {
                let manager = managers.get(&key).map_or("", |(m, _)| *m);
                out.areas.push(ContentArea {
                    name: row.area.clone(),
                    manager: manager.to_string(),
                    line: row.line,
                });
                areas.insert(key, out.areas.len() - 1);
                out.areas.len() - 1
            }
        };
        let o = grouping.objective_of_row[r];
        let objective = match index[o] {
            Some(i) => i,
            None => {
                let text = grouping.texts[o];
                // The sheet's mark, else the words tell the timeliness objective.
                let timeliness = marks[o].unwrap_or_else(|| {
                    piano_domain::timeliness::speaks_of_timeliness(&text.service, &text.description)
                });
                let mut specs = Vec::new();
                if let Some(first) = indicators[o] {
                    for (line, input) in &rows[first].indicators {
                        specs.push(input.validate(years).map_err(|e| Error::Sheet {
                            line: *line,
                            column: indicator_column(&e, input),
                            message: e.to_string(),
                        })?);
                    }
                }
                out.objectives.push(ContentObjective {
                    text: text.clone(),
                    timeliness,
                    indicators: specs,
                    operational: links[o].map(|(code, _)| code.to_string()),
                });
                index[o] = Some(out.objectives.len() - 1);
                out.objectives.len() - 1
            }
        };
        out.placements.push(ContentPlacement {
            objective,
            area,
            period: NewPeriod {
                first_year: row.first_year,
                last_year: row.last_year,
            },
            weight: row.weight,
            line: row.line,
        });
    }
    Ok(out)
}

/// The sheet column an indicator's refusal is about.
fn indicator_column(e: &Error, input: &piano_domain::indicators::IndicatorInput) -> String {
    match e.field() {
        Some("kind") => sheet::INDICATOR_COLUMNS[0].into(),
        Some("unit") => sheet::INDICATOR_COLUMNS[1].into(),
        Some("direction") => sheet::INDICATOR_COLUMNS[2].into(),
        Some("baseline") => sheet::INDICATOR_COLUMNS[3].into(),
        Some("baseline_year") => sheet::INDICATOR_COLUMNS[4].into(),
        Some("source") => sheet::SOURCE_COLUMN.into(),
        Some("weight") => sheet::INDICATOR_WEIGHT_COLUMN.into(),
        Some("value") => {
            // "Target 2024: …" names its year; else the baseline.
            let msg = e.to_string();
            input
                .targets
                .iter()
                .find(|t| msg.starts_with(&format!("Target {}", t.year)))
                .map(|t| format!("{} {}", sheet::TARGET_PREFIX, t.year))
                .unwrap_or_else(|| sheet::INDICATOR_COLUMNS[3].into())
        }
        _ => format!("{} …", sheet::TARGET_PREFIX),
    }
}
