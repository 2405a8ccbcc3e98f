//! Turning checked sheet rows into a new plan, in one transaction. Rows whose five texts are
//! identical in several areas become one cross-cutting objective.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::model::{ObjectiveText, PlanInput};
use crate::sheet::SheetRow;
use crate::store::{name_key, NewPeriod, Store};
use crate::{sheet, store};

/// Names for a plan made from a sheet; blanks mean "derive from the years".
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub entity: String,
    pub title: String,
    pub approval: String,
}

impl Store {
    /// A new plan from a CSV file's bytes. All or nothing.
    pub fn import_csv(&mut self, bytes: &[u8], options: &ImportOptions) -> Result<i64> {
        let records = sheet::csv_records(bytes)?;
        let rows = sheet::parse_records(&records, "Il file")?;
        self.import_rows(&rows, options)
    }

    /// A new plan from checked rows. All or nothing.
    pub fn import_rows(&mut self, rows: &[SheetRow], options: &ImportOptions) -> Result<i64> {
        let first = rows
            .iter()
            .map(|r| r.first_year)
            .min()
            .ok_or_else(|| Error::SheetFormat("Nessuna riga da importare.".into()))?;
        let last = rows.iter().map(|r| r.last_year).max().unwrap_or(first);
        let title = if options.title.trim().is_empty() {
            format!("PIANO OBIETTIVI {first}-{last}")
        } else {
            options.title.trim().to_string()
        };
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
        let input = PlanInput {
            entity: options.entity.clone(),
            title,
            first_year: first,
            last_year: last,
            approval: options.approval.clone(),
        }
        .validate()?;
        store::plans_check_periods(first, last, &periods)?;
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
            let period_ids: HashMap<(i32, i32), i64> = tx
                .prepare("SELECT first_year, last_year, id FROM period WHERE plan_id = ?1")?
                .query_map([plan_id], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut areas: HashMap<String, i64> = HashMap::new();
            // For each text, the objectives carrying it and the areas each is placed in.
            let mut objectives: HashMap<&ObjectiveText, Vec<(i64, Vec<i64>)>> = HashMap::new();
            for row in rows {
                let key = name_key(&row.area);
                let area_id = match areas.get(&key) {
                    Some(&id) => id,
                    None => {
                        let id = store::insert_area(tx, plan_id, &row.area, "")
                            .map_err(|e| at_row(row, "Area", e))?;
                        areas.insert(key, id);
                        id
                    }
                };
                let period_id = period_ids[&(row.first_year, row.last_year)];
                let candidates = objectives.entry(&row.text).or_default();
                let objective_id = match candidates
                    .iter_mut()
                    .find(|(_, placed)| !placed.contains(&area_id))
                {
                    Some((id, placed)) => {
                        placed.push(area_id);
                        *id
                    }
                    None => {
                        let id = store::insert_objective(tx, plan_id, &row.text)?;
                        candidates.push((id, vec![area_id]));
                        id
                    }
                };
                store::insert_placement(tx, objective_id, area_id, period_id, row.weight)
                    .map_err(|e| at_row(row, "Area", e))?;
            }
            Ok(plan_id)
        })
    }

    /// Loads the reference plan (Piano obiettivi 2020-2022) as example data.
    pub fn load_demo(&mut self) -> Result<i64> {
        self.import_csv(
            DEMO_CSV,
            &ImportOptions {
                entity: "Unione dei Comuni (piano di esempio)".into(),
                title: "PIANO OBIETTIVI 2020-2022".into(),
                approval: String::new(),
            },
        )
    }
}

/// The real plan the product was modelled on, shipped as example data.
pub const DEMO_CSV: &[u8] = include_bytes!("../data/piano-obiettivi-2020-2022.csv");

fn at_row(row: &SheetRow, column: &str, e: Error) -> Error {
    Error::Sheet {
        line: row.line,
        column: column.into(),
        message: e.to_string(),
    }
}
