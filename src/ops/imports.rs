//! Imports: a file read by `formats` becomes rows written by the store, after the checks
//! that need the plan already saved (its years, its version, its monitoring dates). Each
//! import is all or nothing.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::changes::{compare, Changes};
use crate::domain::ids::{AreaId, ObjectiveId};
use crate::domain::model::{check_periods, name_key, PlanInput};
use crate::domain::monitoring::{self, EntryInput, Monitor};
use crate::error::{Error, Result};
use crate::formats::filled;
use crate::formats::import::{content, periods_of, year_span, ImportOptions, DEMO_CSV};
use crate::formats::json::from_json;
use crate::formats::monitor_sheet::{self, HEADER, VALUE_COLUMN};
use crate::formats::results_sheet::{self, match_rows};
use crate::formats::sheet::{self, SheetRow};
use crate::ops::Recording;
use crate::store::{MonitorRecord, NewPeriod, Store};

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
    ) -> Result<Changes>;
    /// Replaces the plan version's content with the sheet's rows (the version must be in
    /// preparation; an approved one is refused and nothing is written).
    fn update_from_rows(
        &mut self,
        plan_id: i64,
        rows: &[SheetRow],
        merge_lines: &[u64],
    ) -> Result<()>;
}

/// The periods the rows name, checked against the plan's years, for an update.
fn update_periods(
    store: &Store,
    plan_id: i64,
    rows: &[SheetRow],
) -> Result<(Vec<NewPeriod>, (i32, i32))> {
    let plan = store.get_plan(plan_id)?;
    let (first, last) = year_span(rows)?;
    if first < plan.first_year || last > plan.last_year {
        return Err(Error::SheetFormat(format!(
            "Il foglio copre gli anni {first}-{last}, il piano {}-{}: per un altro triennio crea un nuovo piano (Importa) invece di aggiornarlo.",
            plan.first_year, plan.last_year
        )));
    }
    let periods = periods_of(rows);
    check_periods(plan.first_year, plan.last_year, &periods)?;
    Ok((periods, (plan.first_year, plan.last_year)))
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
        check_periods(first, last, &periods)?;
        let content = content(rows, &options.merge_lines, (first, last))?;
        self.create_plan_with(&input, &periods, &content)
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
    ) -> Result<Changes> {
        let info = self.version_info(plan_id)?;
        if info.approved() {
            return Err(Error::Frozen);
        }
        let old = self.load(plan_id)?;
        let old_l = self.lineage(plan_id)?;
        let (periods, years) = update_periods(self, plan_id, rows)?;
        let mut content = content(rows, merge_lines, years)?;
        check_links(&old.dup, &mut content)?;
        let (new, new_l) = self.rehearse_replace(plan_id, &periods, &content)?;
        let (cells, texts) = compare(&old, &old_l, &new, &new_l);
        let mut to = info.clone();
        to.label = "Contenuto del foglio".into();
        Ok(Changes {
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
        let (periods, years) = update_periods(self, plan_id, rows)?;
        let mut content = content(rows, merge_lines, years)?;
        check_links(&self.load(plan_id)?.dup, &mut content)?;
        self.replace_content(plan_id, &periods, &content)
    }
}

/// The sheet's «Obiettivo operativo» codes against the version's DUP, once it has one
/// (art. 170 TUEL): each must name one of its operational objectives, written as the tree
/// writes it; every wrong one with its line, nothing saved. Without a DUP the codes are kept
/// as typed, and the DUP imported later must have them (`Store::replace_dup`).
fn check_links(
    dup: &[crate::domain::dup::Goal],
    content: &mut crate::domain::content::Content,
) -> Result<()> {
    if dup.is_empty() {
        return Ok(());
    }
    let mut problems = Vec::new();
    for (i, o) in content.objectives.iter_mut().enumerate() {
        let Some(code) = o.operational.clone() else {
            continue;
        };
        match crate::domain::dup::check_link(dup, &code) {
            Ok(found) => o.operational = found,
            Err(e) => problems.push(Error::Sheet {
                line: content
                    .placements
                    .iter()
                    .find(|p| p.objective == i)
                    .map_or(0, |p| p.line),
                column: crate::formats::sheet::OPERATIONAL_COLUMN.into(),
                message: e.to_string(),
            }),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::sheet(problems))
    }
}

pub trait JsonImport {
    /// A new plan from a JSON backup; the title gets "(2)" if it is taken.
    fn import_json(&mut self, bytes: &[u8]) -> Result<i64>;
}

impl JsonImport for Store {
    fn import_json(&mut self, bytes: &[u8]) -> Result<i64> {
        let mut plan = from_json(bytes)?;
        // Placements are written in the file's order, which is the plan's order.
        plan.areas.sort_by_key(|a| a.position);
        plan.placements.sort_by_key(|p| p.position);
        self.insert_copy(&plan, &plan.plan.input())
    }
}

pub trait ImportResults {
    /// Imports a filled results sheet (`extension`: csv, xlsx, xls, ods) into the plan: all or
    /// nothing. Returns how many results it recorded.
    fn import_results(&mut self, plan_id: i64, bytes: &[u8], extension: &str) -> Result<usize>;
}

impl ImportResults for Store {
    fn import_results(&mut self, plan_id: i64, bytes: &[u8], extension: &str) -> Result<usize> {
        let read = results_sheet::read(bytes, extension)?;
        let version = self.results_version(plan_id)?;
        let title = self.get_plan(version)?.title;
        let mut years = HashMap::new();
        for year in self.result_years(version)? {
            years.insert(year, self.year_results(version, year)?);
        }
        let entries = match_rows(&read, &years, &title)?;
        self.record_results(version, &entries, years)?;
        Ok(entries.len())
    }
}

pub trait ImportMonitoring {
    /// Imports a filled monitoring sheet into the plan: all or nothing, every row matched to
    /// a monitoring date, area and objective. Returns how many entries it recorded.
    fn import_monitoring(&mut self, plan_id: i64, bytes: &[u8], extension: &str) -> Result<usize>;
}

impl ImportMonitoring for Store {
    fn import_monitoring(&mut self, plan_id: i64, bytes: &[u8], extension: &str) -> Result<usize> {
        let read = monitor_sheet::read(bytes, extension)?;
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
        let mut writes: HashMap<NaiveDate, Vec<MonitorRecord>> = HashMap::new();
        let mut seen: HashMap<(NaiveDate, AreaId, ObjectiveId), u64> = HashMap::new();
        let mut count = 0;
        for row in &read {
            let c = &row.cells;
            let mut input = EntryInput {
                progress: c[9].clone(),
                // Given the indicators' ids once the row is known, from `columns`.
                values: Vec::new(),
                status: c[10].clone(),
                issues: c[11].clone(),
                action: c[12].clone(),
                action_text: c[13].clone(),
            };
            // The indicators' values by column: the first column is the first indicator.
            let columns = &row.values;
            if input.is_empty() && columns.iter().all(|v| v.trim().is_empty()) {
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
            let key6 = name_key(&c[6]);
            let r = *filled::named_row(
                &HEADER,
                row.line,
                c,
                &candidates,
                |r| name_key(&r.indicator) == key6,
                70,
            )?;
            if let Some(first) = seen.insert((date, area.area_id, r.objective_id), row.line) {
                return Err(at(
                    row.line,
                    5,
                    format!(
                        "lo stesso obiettivo compare già alla riga {first}: tieni una riga sola."
                    ),
                ));
            }
            input.values =
                filled::indicator_values(row.line, columns, &r.indicators, VALUE_COLUMN)?;
            let entry = input.validate(r, date, m.thresholds).map_err(|e| {
                let columns = [
                    ("status", 10),
                    ("issues", 11),
                    ("action", 12),
                    ("action_text", 13),
                ];
                filled::placed(&HEADER, VALUE_COLUMN, row.line, e, &columns, 9)
            })?;
            writes.entry(date).or_default().push((
                lineage.area(area.area_id),
                lineage.objective(r.objective_id),
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
        let writes: Vec<(NaiveDate, Vec<MonitorRecord>)> = writes.into_iter().collect();
        self.write_monitoring(series, &writes)?;
        Ok(count)
    }
}
