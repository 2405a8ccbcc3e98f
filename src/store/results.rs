//! Results, bands, prerequisites and the Relazione's approval in the database (migration
//! 004). Results belong to the series and name areas and objectives by lineage; they are read
//! against the latest approved version.

use std::collections::HashMap;

use chrono::Datelike;
use rusqlite::{params, Connection, OptionalExtension};

use super::versions::{checked_act, series_of};
use super::{now, Store};
use crate::error::{Error, Result};
use crate::model::clean_text;
use crate::results::{
    self, check_bands, Band, BandInput, Entry, Item, Prerequisite, ResultInput, Stored, YearResults,
};
use crate::store::{Act, ActInput};

fn stored(conn: &Connection, series: i64, year: i32) -> Result<Stored> {
    let mut out = Stored::default();
    let mut stmt = conn.prepare_cached(
        "SELECT area, objective, prerequisite, value, achievement, note FROM result
         WHERE series_id = ?1 AND year = ?2",
    )?;
    let rows = stmt.query_map(params![series, year], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<i64>>(2)?,
            Entry {
                value: r.get(3)?,
                achievement: r.get(4)?,
                note: r.get(5)?,
            },
        ))
    })?;
    for row in rows {
        let (area, objective, prerequisite, entry) = row?;
        match (objective, prerequisite) {
            (Some(o), _) => out.objectives.insert((area, o), entry),
            (None, Some(p)) => out.prerequisites.insert((area, p), entry),
            (None, None) => None,
        };
    }
    Ok(out)
}

/// The act approving the year's Relazione, and the version it was read against.
fn relazione(conn: &Connection, series: i64, year: i32) -> Result<Option<(Act, i64)>> {
    Ok(conn
        .query_row(
            "SELECT body, number, act_date, plan_id FROM relazione
             WHERE series_id = ?1 AND year = ?2",
            params![series, year],
            |r| {
                Ok((
                    Act {
                        body: r.get(0)?,
                        number: r.get(1)?,
                        date: r.get(2)?,
                    },
                    r.get(3)?,
                ))
            },
        )
        .optional()?)
}

fn relazione_log(conn: &Connection, series: i64, year: i32, action: &str, act: &Act) -> Result<()> {
    conn.execute(
        "INSERT INTO relazione_log (series_id, year, action, body, number, act_date, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![series, year, action, act.body, act.number, act.date, now()],
    )?;
    Ok(())
}

impl Store {
    /// The version results are read against: the latest approved one of the plan's series.
    pub fn results_version(&self, plan_id: i64) -> Result<i64> {
        self.versions(plan_id)?
            .into_iter()
            .rev()
            .find(|v| v.approved())
            .map(|v| v.plan_id)
            .ok_or_else(|| {
                Error::invalid(
                    "version",
                    "Il piano non è ancora approvato: i risultati si registrano sul piano approvato dalla Giunta. Registra prima la delibera di approvazione.",
                )
            })
    }

    /// The years results can be entered for: the plan's years that have started.
    pub fn result_years(&self, plan_id: i64) -> Result<Vec<i32>> {
        let plan = self.get_plan(plan_id)?;
        let this_year = chrono::Local::now().year();
        Ok((plan.first_year..=plan.last_year.min(this_year)).collect())
    }

    /// The years whose Relazione is approved (their results are closed).
    pub fn closed_years(&self, plan_id: i64) -> Result<Vec<i32>> {
        let series = series_of(&self.conn, plan_id)?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT year FROM relazione WHERE series_id = ?1 ORDER BY year")?;
        let years = stmt
            .query_map([series], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i32>>>()?;
        Ok(years)
    }

    fn check_year(&self, plan_id: i64, year: i32) -> Result<()> {
        let plan = self.get_plan(plan_id)?;
        if year < plan.first_year || year > plan.last_year {
            return Err(Error::invalid(
                "year",
                format!(
                    "Il piano copre gli anni {}-{}: il {year} non è tra questi.",
                    plan.first_year, plan.last_year
                ),
            ));
        }
        if year > chrono::Local::now().year() {
            return Err(Error::invalid(
                "year",
                format!("Il {year} non è ancora iniziato: i suoi risultati si registrano dopo."),
            ));
        }
        Ok(())
    }

    /// The evaluation system's bands for the plan's series (the default when none are set).
    pub fn bands(&self, plan_id: i64) -> Result<Vec<Band>> {
        let series = series_of(&self.conn, plan_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT min_score, share FROM score_band WHERE series_id = ?1 ORDER BY min_score",
        )?;
        let bands = stmt
            .query_map([series], |r| {
                Ok(Band {
                    from: r.get(0)?,
                    share: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(if bands.is_empty() {
            results::default_bands()
        } else {
            bands
        })
    }

    /// Replaces the bands (checked first: nothing changes on a refusal).
    pub fn set_bands(&mut self, plan_id: i64, inputs: &[BandInput]) -> Result<Vec<Band>> {
        let bands = check_bands(inputs)?;
        let series = series_of(&self.conn, plan_id)?;
        self.tx(|tx| {
            tx.execute("DELETE FROM score_band WHERE series_id = ?1", [series])?;
            for b in &bands {
                tx.execute(
                    "INSERT INTO score_band (series_id, min_score, share) VALUES (?1, ?2, ?3)",
                    params![series, b.from, b.share],
                )?;
            }
            Ok(())
        })?;
        Ok(bands)
    }

    pub fn prerequisites(&self, plan_id: i64) -> Result<Vec<Prerequisite>> {
        let series = series_of(&self.conn, plan_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, description, indicator FROM prerequisite WHERE series_id = ?1
             ORDER BY position, id",
        )?;
        let out = stmt
            .query_map([series], |r| {
                Ok(Prerequisite {
                    id: r.get(0)?,
                    description: r.get(1)?,
                    indicator: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(out)
    }

    /// Adds a prerequisite objective (e.g. the code of conduct) for every area of the plan.
    pub fn add_prerequisite(
        &mut self,
        plan_id: i64,
        description: &str,
        indicator: &str,
    ) -> Result<i64> {
        let description = clean_text(
            "description",
            "Descrizione dell'obiettivo prerequisito",
            description,
            true,
        )?;
        let indicator = clean_text("indicator", "Indicatore di risultato", indicator, true)?;
        let series = series_of(&self.conn, plan_id)?;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO prerequisite (series_id, position, description, indicator)
                 VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM prerequisite
                              WHERE series_id = ?1), ?2, ?3)",
                params![series, description, indicator],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Removes a prerequisite objective and its results.
    pub fn delete_prerequisite(&mut self, plan_id: i64, id: i64) -> Result<()> {
        let series = series_of(&self.conn, plan_id)?;
        let n = self.tx(|tx| {
            Ok(tx.execute(
                "DELETE FROM prerequisite WHERE id = ?1 AND series_id = ?2",
                params![id, series],
            )?)
        })?;
        if n == 0 {
            return Err(Error::NotFound {
                what: "Obiettivo prerequisito",
                id,
            });
        }
        Ok(())
    }

    /// The year's results on the latest approved version of the plan, with scores and bands.
    pub fn year_results(&self, plan_id: i64, year: i32) -> Result<YearResults> {
        let series = series_of(&self.conn, plan_id)?;
        // A closed year stays as the Relazione approved it, on the version of that day.
        let (relazione, version) = match relazione(&self.conn, series, year)? {
            Some((act, version)) => (Some(act), version),
            None => (None, self.results_version(plan_id)?),
        };
        self.check_year(version, year)?;
        let plan = self.load(version)?;
        let lineage = self.lineage(version)?;
        let stored = stored(&self.conn, series, year)?;
        let bands = self.bands(version)?;
        let prerequisites = self.prerequisites(version)?;
        let ctx = results::Context {
            lineage: &lineage,
            stored: &stored,
            bands: &bands,
            prerequisites: &prerequisites,
            relazione,
            series_id: series,
            version_label: self.version_info(version)?.label,
        };
        Ok(results::year_results(&plan, year, &ctx))
    }

    /// Records (or, with every field empty, clears) results of one year, all or nothing: a
    /// refused entry leaves every result as it was. Each entry names the area and the item
    /// by the ids the year's results show.
    pub fn set_results(
        &mut self,
        plan_id: i64,
        year: i32,
        entries: &[(i64, Item, ResultInput)],
    ) -> Result<()> {
        let entries: Vec<(i32, i64, Item, ResultInput)> = entries
            .iter()
            .map(|(a, i, r)| (year, *a, *i, r.clone()))
            .collect();
        self.record_results(plan_id, &entries, HashMap::new())
    }

    /// [`Store::set_results`] over several years, in one transaction. `years` holds the
    /// year results already computed (the others are computed here).
    fn record_results(
        &mut self,
        plan_id: i64,
        entries: &[(i32, i64, Item, ResultInput)],
        mut years: HashMap<i32, YearResults>,
    ) -> Result<()> {
        let version = self.results_version(plan_id)?;
        let lineage = self.lineage(version)?;
        let mut rows = Vec::with_capacity(entries.len());
        for (year, area_id, item, input) in entries {
            if !years.contains_key(year) {
                years.insert(*year, self.year_results(plan_id, *year)?);
            }
            let current = &years[year];
            if current.relazione.is_some() {
                return Err(Error::FrozenResults);
            }
            let area = current.area(*area_id).ok_or(Error::NotFound {
                what: "Area",
                id: *area_id,
            })?;
            let row = area.rows.iter().find(|r| r.item == *item).ok_or_else(|| {
                Error::invalid(
                    "item",
                    format!(
                        "L'obiettivo indicato non è dell'area «{}» nel {year}: aggiorna la schermata.",
                        area.name
                    ),
                )
            })?;
            let entry = if input.is_empty() {
                None
            } else {
                Some(input.validate()?)
            };
            let area_line = lineage.areas.get(area_id).copied().unwrap_or(*area_id);
            let (objective, prerequisite) = match row.item {
                Item::Objective(id) => (
                    Some(lineage.objectives.get(&id).copied().unwrap_or(id)),
                    None,
                ),
                Item::Prerequisite(id) => (None, Some(id)),
            };
            rows.push((*year, area_line, objective, prerequisite, entry));
        }
        let series = series_of(&self.conn, version)?;
        self.tx(|tx| {
            for (year, area, objective, prerequisite, entry) in &rows {
                tx.execute(
                    "DELETE FROM result WHERE series_id = ?1 AND year = ?2 AND area = ?3
                     AND objective IS ?4 AND prerequisite IS ?5",
                    params![series, year, area, objective, prerequisite],
                )?;
                if let Some(e) = entry {
                    tx.execute(
                        "INSERT INTO result (series_id, year, area, objective, prerequisite,
                                             value, achievement, note, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        params![
                            series,
                            year,
                            area,
                            objective,
                            prerequisite,
                            e.value,
                            e.achievement,
                            e.note,
                            now()
                        ],
                    )?;
                }
            }
            Ok(())
        })
    }

    /// Imports a filled results sheet (`extension`: csv, xlsx, xls, ods) into the plan: all or
    /// nothing. Returns how many results it recorded.
    pub fn import_results(&mut self, plan_id: i64, bytes: &[u8], extension: &str) -> Result<usize> {
        let read = crate::results_sheet::read(bytes, extension)?;
        let version = self.results_version(plan_id)?;
        let title = self.get_plan(version)?.title;
        let mut years = HashMap::new();
        for year in self.result_years(version)? {
            years.insert(year, self.year_results(version, year)?);
        }
        let entries = crate::results_sheet::match_rows(&read, &years, &title)?;
        self.record_results(version, &entries, years)?;
        Ok(entries.len())
    }

    /// One result: see [`Store::set_results`].
    pub fn set_result(
        &mut self,
        plan_id: i64,
        year: i32,
        area_id: i64,
        item: Item,
        input: &ResultInput,
    ) -> Result<()> {
        self.set_results(plan_id, year, &[(area_id, item, input.clone())])
    }

    /// Records the Giunta's approval of the year's Relazione sulla performance: every result
    /// must be in; from then on that year's results, and the bands and prerequisites, are
    /// frozen.
    pub fn approve_relazione(&mut self, plan_id: i64, year: i32, act: &ActInput) -> Result<()> {
        let (act, date) = checked_act(act)?;
        let current = self.year_results(plan_id, year)?;
        if current.relazione.is_some() {
            return Err(Error::FrozenResults);
        }
        if date.year() <= year {
            return Err(Error::invalid(
                "act_date",
                format!(
                    "La Relazione sul {year} si approva dopo la fine dell'anno: controlla la data ({}).",
                    date.format("%d/%m/%Y")
                ),
            ));
        }
        let missing: Vec<String> = current
            .areas
            .iter()
            .filter(|a| !a.missing.is_empty())
            .map(|a| format!("{}: {} risultati", a.name, a.missing.len()))
            .collect();
        if !missing.is_empty() {
            return Err(Error::invalid(
                "checks",
                format!(
                    "La Relazione non si può approvare finché mancano risultati:\n- {}",
                    missing.join("\n- ")
                ),
            ));
        }
        let series = current.series_id;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO relazione (series_id, year, plan_id, body, number, act_date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    series,
                    year,
                    current.plan_id,
                    act.body,
                    act.number,
                    act.date
                ],
            )?;
            relazione_log(tx, series, year, "approve", &act)
        })
    }

    /// Withdraws a mistyped Relazione approval; the act's number is retyped to confirm.
    pub fn revoke_relazione(&mut self, plan_id: i64, year: i32, typed_number: &str) -> Result<()> {
        let series = series_of(&self.conn, plan_id)?;
        let (act, _) = relazione(&self.conn, series, year)?.ok_or_else(|| {
            Error::invalid(
                "year",
                format!(
                    "La Relazione sul {year} non risulta approvata: non c'è nulla da annullare."
                ),
            )
        })?;
        if typed_number.trim() != act.number {
            return Err(Error::invalid(
                "confirm",
                format!(
                    "Per annullare l'approvazione della Relazione scrivi il numero della delibera ({}).",
                    act.number
                ),
            ));
        }
        self.tx(|tx| {
            tx.execute(
                "DELETE FROM relazione WHERE series_id = ?1 AND year = ?2",
                params![series, year],
            )?;
            relazione_log(tx, series, year, "revoke", &act)
        })
    }
}
