//! Results, bands, prerequisites and the Relazione's approval in the database (migration
//! 004). Results belong to the series and name areas and objectives by lineage; they are read
//! against the latest approved version. Recording them is `ops::results`.

use rusqlite::{params, Connection, OptionalExtension};

use super::versions::series_of;
use super::{now, Store};
use crate::db::db_error;
use piano_domain::error::{Error, Result};
use piano_domain::ids::{AreaId, IndicatorId, ObjectiveId};
use piano_domain::model::clean_text;
use piano_domain::results::{
    self, check_bands, Band, BandInput, Entry, Prerequisite, Stored, YearResults,
};
use piano_domain::versions::Act;

fn stored(conn: &Connection, series: i64, year: i32) -> Result<Stored> {
    let mut out = Stored::default();
    let mut stmt = conn
        .prepare_cached(
            "SELECT area, objective, prerequisite, value, achievement, note, computed FROM result
         WHERE series_id = ?1 AND year = ?2",
        )
        .map_err(db_error)?;
    let rows = stmt
        .query_map(params![series, year], |r| {
            Ok((
                AreaId::new(r.get(0)?),
                r.get::<_, Option<i64>>(1)?.map(ObjectiveId::new),
                r.get::<_, Option<i64>>(2)?,
                Entry {
                    value: r.get(3)?,
                    achievement: r.get(4)?,
                    note: r.get(5)?,
                    computed: r.get(6)?,
                    values: Vec::new(),
                },
            ))
        })
        .map_err(db_error)?;
    for row in rows {
        let (area, objective, prerequisite, entry) = row.map_err(db_error)?;
        match (objective, prerequisite) {
            (Some(o), _) => out.objectives.insert((area, o), entry),
            (None, Some(p)) => out.prerequisites.insert((area, p), entry),
            (None, None) => None,
        };
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT area, objective, indicator, value FROM result_value
         WHERE series_id = ?1 AND year = ?2 ORDER BY rowid",
        )
        .map_err(db_error)?;
    let rows = stmt
        .query_map(params![series, year], |r| {
            Ok((
                AreaId::new(r.get(0)?),
                ObjectiveId::new(r.get(1)?),
                IndicatorId::new(r.get(2)?),
                r.get::<_, String>(3)?,
            ))
        })
        .map_err(db_error)?;
    for row in rows {
        let (area, objective, indicator, value) = row.map_err(db_error)?;
        if let Some(e) = out.objectives.get_mut(&(area, objective)) {
            e.values.push((indicator, value));
        }
    }
    Ok(out)
}

/// The act approving the year's Relazione, and the version it was read against.
fn relazione(conn: &Connection, series: i64, year: i32) -> Result<Option<(Act, i64)>> {
    conn.query_row(
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
    .optional()
    .map_err(db_error)
}

/// The Nucleo's validation of the year's Relazione (migration 009).
fn relazione_validation(conn: &Connection, series: i64, year: i32) -> Result<Option<Act>> {
    conn.query_row(
        "SELECT body, number, act_date FROM relazione_validation
             WHERE series_id = ?1 AND year = ?2",
        params![series, year],
        |r| {
            Ok(Act {
                body: r.get(0)?,
                number: r.get(1)?,
                date: r.get(2)?,
            })
        },
    )
    .optional()
    .map_err(db_error)
}

/// Records or removes (none) the Nucleo's validation of a year's Relazione.
fn write_relazione_validation(
    conn: &Connection,
    series: i64,
    year: i32,
    act: Option<&Act>,
) -> Result<()> {
    conn.execute(
        "DELETE FROM relazione_validation WHERE series_id = ?1 AND year = ?2",
        params![series, year],
    )
    .map_err(db_error)?;
    if let Some(a) = act {
        conn.execute(
            "INSERT INTO relazione_validation (series_id, year, body, number, act_date)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![series, year, a.body, a.number, a.date],
        )
        .map_err(db_error)?;
    }
    Ok(())
}

fn relazione_log(conn: &Connection, series: i64, year: i32, action: &str, act: &Act) -> Result<()> {
    conn.execute(
        "INSERT INTO relazione_log (series_id, year, action, body, number, act_date, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![series, year, action, act.body, act.number, act.date, now()],
    )
    .map_err(db_error)?;
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

    /// The years whose Relazione is approved (their results are closed).
    pub fn closed_years(&self, plan_id: i64) -> Result<Vec<i32>> {
        let series = series_of(&self.conn, plan_id)?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT year FROM relazione WHERE series_id = ?1 ORDER BY year")
            .map_err(db_error)?;
        let years = stmt
            .query_map([series], |r| r.get(0))
            .map_err(db_error)?
            .collect::<rusqlite::Result<Vec<i32>>>()
            .map_err(db_error)?;
        Ok(years)
    }

    /// The evaluation system's bands for the plan's series (the default when none are set).
    pub fn bands(&self, plan_id: i64) -> Result<Vec<Band>> {
        let series = series_of(&self.conn, plan_id)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT min_score, share FROM score_band WHERE series_id = ?1 ORDER BY min_score",
            )
            .map_err(db_error)?;
        let bands = stmt
            .query_map([series], |r| {
                Ok(Band {
                    from: r.get(0)?,
                    share: r.get(1)?,
                })
            })
            .map_err(db_error)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error)?;
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
            tx.execute("DELETE FROM score_band WHERE series_id = ?1", [series])
                .map_err(db_error)?;
            for b in &bands {
                tx.execute(
                    "INSERT INTO score_band (series_id, min_score, share) VALUES (?1, ?2, ?3)",
                    params![series, b.from, b.share],
                )
                .map_err(db_error)?;
            }
            Ok(())
        })?;
        Ok(bands)
    }

    pub fn prerequisites(&self, plan_id: i64) -> Result<Vec<Prerequisite>> {
        let series = series_of(&self.conn, plan_id)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, description, indicator FROM prerequisite WHERE series_id = ?1
             ORDER BY position, id",
            )
            .map_err(db_error)?;
        let out = stmt
            .query_map([series], |r| {
                Ok(Prerequisite {
                    id: r.get(0)?,
                    description: r.get(1)?,
                    indicator: r.get(2)?,
                })
            })
            .map_err(db_error)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error)?;
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
            )
            .map_err(db_error)?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Removes a prerequisite objective and its results.
    pub fn delete_prerequisite(&mut self, plan_id: i64, id: i64) -> Result<()> {
        let series = series_of(&self.conn, plan_id)?;
        let n = self.tx(|tx| {
            tx.execute(
                "DELETE FROM prerequisite WHERE id = ?1 AND series_id = ?2",
                params![id, series],
            )
            .map_err(db_error)
        })?;
        if n == 0 {
            return Err(Error::NotFound {
                what: "Obiettivo prerequisito",
                id,
            });
        }
        Ok(())
    }

    /// The year's results on the version `year_version` gave (with the act approving the
    /// Relazione, if any), with scores and bands, read as stored: whether the year may be
    /// read yet is `ops::Recording`'s to decide.
    pub fn read_year_results(
        &self,
        plan_id: i64,
        year: i32,
        (relazione, version): (Option<Act>, i64),
    ) -> Result<YearResults> {
        let series = series_of(&self.conn, plan_id)?;
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
            relazione_validation: relazione_validation(&self.conn, series, year)?,
            series_id: series,
            version_label: self.version_info(version)?.label,
            late: self.late_rule(version)?,
        };
        Ok(results::year_results(&plan, year, &ctx))
    }

    /// The act approving the year's Relazione, and the version it was read against.
    pub fn relazione(&self, plan_id: i64, year: i32) -> Result<Option<(Act, i64)>> {
        relazione(&self.conn, series_of(&self.conn, plan_id)?, year)
    }

    /// The version a year's results and monitoring are read on, with the act approving the
    /// year's Relazione: a closed year stays as the Relazione approved it, on the version of
    /// that day; an open one is read on the latest approved version.
    pub fn year_version(&self, plan_id: i64, year: i32) -> Result<(Option<Act>, i64)> {
        Ok(match self.relazione(plan_id, year)? {
            Some((act, version)) => (Some(act), version),
            None => (None, self.results_version(plan_id)?),
        })
    }

    /// The Nucleo's validation of the year's Relazione, if recorded.
    pub fn relazione_validation(&self, plan_id: i64, year: i32) -> Result<Option<Act>> {
        relazione_validation(&self.conn, series_of(&self.conn, plan_id)?, year)
    }
}

/// A result row to write: year, area lineage, objective lineage or prerequisite, the entry
/// (none: cleared).
pub type ResultRecord = (i32, AreaId, Option<ObjectiveId>, Option<i64>, Option<Entry>);

/// Writes results of the series: each row replaces the one it names.
fn write_results(conn: &Connection, series: i64, rows: &[ResultRecord]) -> Result<()> {
    for (year, area, objective, prerequisite, entry) in rows {
        let (area, objective) = (area.get(), objective.map(ObjectiveId::get));
        conn.execute(
            "DELETE FROM result WHERE series_id = ?1 AND year = ?2 AND area = ?3
             AND objective IS ?4 AND prerequisite IS ?5",
            params![series, year, area, objective, prerequisite],
        )
        .map_err(db_error)?;
        if let Some(objective) = objective {
            conn.execute(
                "DELETE FROM result_value WHERE series_id = ?1 AND year = ?2 AND area = ?3
                 AND objective = ?4",
                params![series, year, area, objective],
            )
            .map_err(db_error)?;
        }
        if let Some(e) = entry {
            if let Some(objective) = objective {
                for (indicator, value) in &e.values {
                    conn.execute(
                        "INSERT INTO result_value (series_id, year, area, objective, indicator, value)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![series, year, area, objective, indicator.get(), value],
                    ).map_err(db_error)?;
                }
            }
            conn.execute(
                "INSERT INTO result (series_id, year, area, objective, prerequisite,
                                     value, achievement, note, updated_at, computed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    series,
                    year,
                    area,
                    objective,
                    prerequisite,
                    e.value,
                    e.achievement,
                    e.note,
                    now(),
                    e.computed
                ],
            )
            .map_err(db_error)?;
        }
    }
    Ok(())
}

/// Records the act approving a year's Relazione, read against `plan_id`, and logs it.
fn insert_relazione(
    conn: &Connection,
    series: i64,
    year: i32,
    plan_id: i64,
    act: &Act,
) -> Result<()> {
    conn.execute(
        "INSERT INTO relazione (series_id, year, plan_id, body, number, act_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![series, year, plan_id, act.body, act.number, act.date],
    )
    .map_err(db_error)?;
    relazione_log(conn, series, year, "approve", act)
}

/// Removes a year's Relazione act (a mistyped one), and logs it.
fn delete_relazione(conn: &Connection, series: i64, year: i32, act: &Act) -> Result<()> {
    conn.execute(
        "DELETE FROM relazione WHERE series_id = ?1 AND year = ?2",
        params![series, year],
    )
    .map_err(db_error)?;
    relazione_log(conn, series, year, "revoke", act)
}

/// The results' and the Relazione's writes, each in one transaction.
impl Store {
    pub fn write_results(&mut self, series: i64, rows: &[ResultRecord]) -> Result<()> {
        self.with_tx(|tx| write_results(tx, series, rows))
    }

    /// The Giunta's approval of the year's Relazione, logged.
    pub fn insert_relazione(
        &mut self,
        series: i64,
        year: i32,
        plan_id: i64,
        act: &Act,
    ) -> Result<()> {
        self.with_tx(|tx| insert_relazione(tx, series, year, plan_id, act))
    }

    /// The approval's record withdrawn, logged with `act`.
    pub fn delete_relazione(&mut self, series: i64, year: i32, act: &Act) -> Result<()> {
        self.with_tx(|tx| delete_relazione(tx, series, year, act))
    }

    /// The Nucleo's validation of the Relazione, or none to revoke it.
    pub fn write_relazione_validation(
        &mut self,
        series: i64,
        year: i32,
        act: Option<&Act>,
    ) -> Result<()> {
        self.with_tx(|tx| write_relazione_validation(tx, series, year, act))
    }
}
