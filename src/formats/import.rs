//! Turning checked sheet rows into a new plan, in one transaction. Rows whose five texts are
//! identical in several areas become one cross-cutting objective; a row equal to a
//! cross-cutting objective in all but one field is a near copy, reported, and merged only if
//! the person asks.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::db::db_error;
use crate::domain::model::name_key;
use crate::domain::model::{period_label, ObjectiveText, PlanInput};
use crate::error::{Error, Result};
use crate::formats::sheet;
use crate::formats::sheet::SheetRow;
use crate::store;
use crate::store::{NewPeriod, Store};

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
                    shorten(&text.description),
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

fn shorten(text: &str) -> String {
    let t: String = text.chars().take(70).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
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
                    crate::domain::timeliness::speaks_of_timeliness(&t.service, &t.description)
                })
                .count()
        },
        near_copies: g.near_copies,
        problems: Vec::new(),
    }
}

/// The real plan the product was modelled on, shipped as example data.
pub const DEMO_CSV: &[u8] = include_bytes!("../../data/piano-obiettivi-2020-2022.csv");

/// The first and last year the rows name; no rows is an error.
fn year_span(rows: &[SheetRow]) -> Result<(i32, i32)> {
    let first = rows
        .iter()
        .map(|r| r.first_year)
        .min()
        .ok_or_else(|| Error::SheetFormat("Nessuna riga da importare.".into()))?;
    let last = rows.iter().map(|r| r.last_year).max().unwrap_or(first);
    Ok((first, last))
}

/// The periods the rows name, in order of years.
fn periods_of(rows: &[SheetRow]) -> Vec<NewPeriod> {
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

/// Writes the rows' areas, objectives (cross-cutting ones once) and placements into a plan
/// whose periods exist; objectives whose words speak of payment timeliness are marked.
fn fill(
    tx: &rusqlite::Connection,
    plan_id: i64,
    rows: &[SheetRow],
    grouping: &Grouping,
) -> Result<()> {
    let period_ids: HashMap<(i32, i32), i64> = tx
        .prepare("SELECT first_year, last_year, id FROM period WHERE plan_id = ?1")
        .map_err(db_error)?
        .query_map([plan_id], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
        .map_err(db_error)?
        .collect::<rusqlite::Result<_>>()
        .map_err(db_error)?;
    let years: (i32, i32) = tx
        .query_row(
            "SELECT first_year, last_year FROM plan WHERE id = ?1",
            [plan_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(db_error)?;
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
    let mut areas: HashMap<String, i64> = HashMap::new();
    let mut objective_ids: Vec<Option<i64>> = vec![None; grouping.texts.len()];
    // The sheet's mark column, when it has one: an objective is marked if any of its rows is.
    let mut marks: Vec<Option<bool>> = vec![None; grouping.texts.len()];
    for (r, row) in rows.iter().enumerate() {
        if let Some(m) = row.timeliness {
            let o = grouping.objective_of_row[r];
            marks[o] = Some(marks[o].unwrap_or(false) || m);
        }
    }
    for (r, row) in rows.iter().enumerate() {
        let key = name_key(&row.area);
        let area_id = match areas.get(&key) {
            Some(&id) => id,
            None => {
                let manager = managers.get(&key).map_or("", |(m, _)| *m);
                let id = store::insert_area(tx, plan_id, &row.area, manager)
                    .map_err(|e| at_row(row, "Area", e))?;
                areas.insert(key, id);
                id
            }
        };
        let o = grouping.objective_of_row[r];
        let objective_id = match objective_ids[o] {
            Some(id) => id,
            None => {
                let text = grouping.texts[o];
                let id = store::insert_objective(tx, plan_id, text)?;
                // The sheet's mark, else the words tell the timeliness objective.
                let marked = marks[o].unwrap_or_else(|| {
                    crate::domain::timeliness::speaks_of_timeliness(
                        &text.service,
                        &text.description,
                    )
                });
                if marked {
                    tx.execute("UPDATE objective SET timeliness = 1 WHERE id = ?1", [id])
                        .map_err(db_error)?;
                }
                if let Some(first) = indicators[o] {
                    for (line, input) in &rows[first].indicators {
                        let spec = input.validate(years).map_err(|e| Error::Sheet {
                            line: *line,
                            column: indicator_column(&e, input),
                            message: e.to_string(),
                        })?;
                        store::insert_indicator(tx, id, &spec)?;
                    }
                }
                objective_ids[o] = Some(id);
                id
            }
        };
        store::insert_placement(
            tx,
            objective_id,
            area_id,
            period_ids[&(row.first_year, row.last_year)],
            row.weight,
        )
        .map_err(|e| at_row(row, "Area", e))?;
    }
    Ok(())
}

/// The sheet column an indicator's refusal is about.
fn indicator_column(e: &Error, input: &crate::domain::indicators::IndicatorInput) -> String {
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

fn at_row(row: &SheetRow, column: &str, e: Error) -> Error {
    Error::Sheet {
        line: row.line,
        column: column.into(),
        message: e.to_string(),
    }
}

/// The ids and lineages of a plan's areas (by name) and objectives (by text), to carry
/// identities over when a sheet replaces the content.
struct Identities {
    areas: HashMap<String, (i64, String, bool)>,
    objectives: Vec<(i64, crate::domain::model::ObjectiveText)>,
    /// (objective lineage, position) → indicator lineage: an indicator that stays where it
    /// was keeps its identity, so the values measured on it stay too.
    indicators: HashMap<(i64, i64), i64>,
}

fn identities(tx: &rusqlite::Connection, plan_id: i64) -> Result<Identities> {
    let plan = store::load(tx, plan_id)?;
    let mut areas = HashMap::new();
    for a in &plan.areas {
        let lineage: i64 = tx
            .query_row("SELECT lineage FROM area WHERE id = ?1", [a.id], |r| {
                r.get(0)
            })
            .map_err(db_error)?;
        areas.insert(
            name_key(&a.name),
            (lineage, a.manager.clone(), a.pays_invoices),
        );
    }
    let mut objectives = Vec::new();
    for o in &plan.objectives {
        let lineage: i64 = tx
            .query_row("SELECT lineage FROM objective WHERE id = ?1", [o.id], |r| {
                r.get(0)
            })
            .map_err(db_error)?;
        objectives.push((lineage, o.text.clone()));
    }
    let mut indicators = HashMap::new();
    let mut stmt = tx
        .prepare(
            "SELECT o.lineage, i.position, i.lineage FROM indicator i
         JOIN objective o ON o.id = i.objective_id WHERE o.plan_id = ?1",
        )
        .map_err(db_error)?;
    for row in stmt
        .query_map([plan_id], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
        .map_err(db_error)?
    {
        let (key, lineage) = row.map_err(db_error)?;
        indicators.insert(key, lineage);
    }
    Ok(Identities {
        areas,
        objectives,
        indicators,
    })
}

/// Replaces the content of a version in preparation with the rows (same all-or-nothing rules
/// as an import): areas keep their identity by name, and their manager unless the sheet
/// names one, objectives their identity
/// when their text is unchanged or differs in one or two fields, so that the change annex
/// shows what the sheet changed.
fn replace(
    tx: &rusqlite::Connection,
    plan_id: i64,
    rows: &[SheetRow],
    merge_lines: &[u64],
) -> Result<()> {
    let plan = store::load(tx, plan_id)?;
    let (first, last) = year_span(rows)?;
    if first < plan.plan.first_year || last > plan.plan.last_year {
        return Err(Error::SheetFormat(format!(
            "Il foglio copre gli anni {first}-{last}, il piano {}-{}: per un altro triennio crea un nuovo piano (Importa) invece di aggiornarlo.",
            plan.plan.first_year, plan.plan.last_year
        )));
    }
    let periods = periods_of(rows);
    store::check_periods(plan.plan.first_year, plan.plan.last_year, &periods)?;
    let before = identities(tx, plan_id)?;
    tx.execute("DELETE FROM area WHERE plan_id = ?1", [plan_id])
        .map_err(db_error)?;
    tx.execute("DELETE FROM objective WHERE plan_id = ?1", [plan_id])
        .map_err(db_error)?;
    tx.execute("DELETE FROM period WHERE plan_id = ?1", [plan_id])
        .map_err(db_error)?;
    for p in &periods {
        store::insert_period(tx, plan_id, *p)?;
    }
    fill(tx, plan_id, rows, &group(rows, merge_lines))?;
    let after = store::load(tx, plan_id)?;
    for a in &after.areas {
        if let Some((lineage, manager, pays)) = before.areas.get(&name_key(&a.name)) {
            tx.execute(
                "UPDATE area SET lineage = ?2, manager = CASE WHEN manager = '' THEN ?3 ELSE manager END,
                                 pays_invoices = ?4 WHERE id = ?1",
                rusqlite::params![a.id, lineage, manager, pays],
            ).map_err(db_error)?;
        }
    }
    let mut matched = std::collections::HashSet::new();
    let mut used = std::collections::HashSet::new();
    // Same text first, then the closest text (at least three fields equal).
    for pass in [5, 4, 3] {
        for o in &after.objectives {
            if matched.contains(&o.id) {
                continue;
            }
            let mine = o.text.fields();
            let found = before.objectives.iter().find(|(lineage, t)| {
                !used.contains(lineage)
                    && t.fields().iter().zip(&mine).filter(|(a, b)| a == b).count() >= pass
            });
            if let Some((lineage, _)) = found {
                tx.execute(
                    "UPDATE objective SET lineage = ?2 WHERE id = ?1",
                    rusqlite::params![o.id, lineage],
                )
                .map_err(db_error)?;
                for ((line, position), indicator) in &before.indicators {
                    if line == lineage {
                        tx.execute(
                            "UPDATE indicator SET lineage = ?3 WHERE objective_id = ?1 AND position = ?2",
                            rusqlite::params![o.id, position, indicator],
                        ).map_err(db_error)?;
                    }
                }
                matched.insert(o.id);
                used.insert(*lineage);
            }
        }
    }
    store::touch_plan(tx, plan_id)
}

pub trait Importing {
    /// A new plan from a CSV file's bytes. All or nothing.
    fn import_csv(&mut self, bytes: &[u8], options: &ImportOptions) -> Result<i64>;
    /// A new plan from checked rows. All or nothing.
    fn import_rows(&mut self, rows: &[SheetRow], options: &ImportOptions) -> Result<i64>;
    /// Loads the reference plan (Piano obiettivi 2020-2022) as example data.
    fn load_demo(&mut self) -> Result<i64>;
    /// What replacing the plan version's content with the sheet's rows would change. Nothing
    /// is written.
    fn preview_update(
        &mut self,
        plan_id: i64,
        rows: &[SheetRow],
        merge_lines: &[u64],
    ) -> Result<crate::domain::changes::Changes>;
    /// Replaces the plan version's content with the sheet's rows (the version must be in
    /// preparation; an approved one is refused and nothing is written).
    fn update_from_rows(
        &mut self,
        plan_id: i64,
        rows: &[SheetRow],
        merge_lines: &[u64],
    ) -> Result<()>;
}

impl Importing for Store {
    fn import_csv(&mut self, bytes: &[u8], options: &ImportOptions) -> Result<i64> {
        let records = sheet::csv_records(bytes)?;
        let rows = sheet::parse_records(&records, "Il file")?;
        self.import_rows(&rows, options)
    }

    fn import_rows(&mut self, rows: &[SheetRow], options: &ImportOptions) -> Result<i64> {
        let (first, last) = year_span(rows)?;
        let title = if options.title.trim().is_empty() {
            format!("PIANO OBIETTIVI {first}-{last}")
        } else {
            options.title.trim().to_string()
        };
        let periods = periods_of(rows);
        let input = PlanInput {
            entity: options.entity.clone(),
            title,
            first_year: first,
            last_year: last,
            approval: options.approval.clone(),
        }
        .validate()?;
        store::check_periods(first, last, &periods)?;
        let grouping = group(rows, &options.merge_lines);
        self.with_tx(|tx| {
            let title = store::free_title(tx, &input.entity, &input.title)?;
            let plan_id = store::insert_plan(
                tx,
                &PlanInput {
                    title,
                    ..input.clone()
                },
                &periods,
            )?;
            fill(tx, plan_id, rows, &grouping)?;
            Ok(plan_id)
        })
    }

    fn load_demo(&mut self) -> Result<i64> {
        self.import_csv(
            DEMO_CSV,
            &ImportOptions {
                entity: "Unione dei Comuni (piano di esempio)".into(),
                title: "PIANO OBIETTIVI 2020-2022".into(),
                ..Default::default()
            },
        )
    }

    fn preview_update(
        &mut self,
        plan_id: i64,
        rows: &[SheetRow],
        merge_lines: &[u64],
    ) -> Result<crate::domain::changes::Changes> {
        let info = self.version_info(plan_id)?;
        if info.approved() {
            return Err(Error::Frozen);
        }
        let old = self.load(plan_id)?;
        let old_l = self.lineage(plan_id)?;
        let tx = self.conn_mut().transaction().map_err(db_error)?;
        replace(&tx, plan_id, rows, merge_lines)?;
        let new = store::load(&tx, plan_id)?;
        let mut new_l = crate::store::Lineage::default();
        for a in &new.areas {
            new_l.areas.insert(
                a.id,
                tx.query_row("SELECT lineage FROM area WHERE id = ?1", [a.id], |r| {
                    r.get(0)
                })
                .map_err(db_error)?,
            );
        }
        for o in &new.objectives {
            new_l.objectives.insert(
                o.id,
                tx.query_row("SELECT lineage FROM objective WHERE id = ?1", [o.id], |r| {
                    r.get(0)
                })
                .map_err(db_error)?,
            );
        }
        tx.rollback().map_err(db_error)?;
        let (cells, texts) = crate::domain::changes::compare(&old, &old_l, &new, &new_l);
        let mut to = info.clone();
        to.label = "Contenuto del foglio".into();
        Ok(crate::domain::changes::Changes {
            from: info,
            to,
            cells,
            texts,
        })
    }

    fn update_from_rows(
        &mut self,
        plan_id: i64,
        rows: &[SheetRow],
        merge_lines: &[u64],
    ) -> Result<()> {
        if self.version_info(plan_id)?.approved() {
            return Err(Error::Frozen);
        }
        self.with_tx(|tx| replace(tx, plan_id, rows, merge_lines))
    }
}
