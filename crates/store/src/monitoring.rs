//! Monitoring dates and their entries (migration 007): rows in and out. Entries belong to the
//! series and name areas and objectives by lineage, like results; they are read against the
//! latest approved version. Recording them (checks, all or nothing) is `ops::monitoring`.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use super::versions::series_of;
use super::{now, Store};
use crate::db::db_error;
use piano_domain::error::{Error, Result};
use piano_domain::ids::{AreaId, IndicatorId, ObjectiveId};
use piano_domain::monitoring::{self, Action, Entry, Monitor, Status, StoredEntries, Thresholds};

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn stored(conn: &Connection, series: i64, date: NaiveDate) -> Result<StoredEntries> {
    let mut out = StoredEntries::new();
    let mut stmt = conn
        .prepare_cached(
            "SELECT area, objective, progress, status, proposed, issues, action, action_text
         FROM monitor_entry WHERE series_id = ?1 AND date = ?2",
        )
        .map_err(db_error)?;
    let rows = stmt
        .query_map(params![series, iso(date)], |r| {
            Ok((
                (AreaId::new(r.get(0)?), ObjectiveId::new(r.get(1)?)),
                Entry {
                    progress: r.get(2)?,
                    values: Vec::new(),
                    status: Status::from_code(&r.get::<_, String>(3)?).unwrap_or(Status::InLinea),
                    proposed: Status::from_code(&r.get::<_, String>(4)?).unwrap_or(Status::InLinea),
                    issues: r.get(5)?,
                    action: Action::from_code(&r.get::<_, String>(6)?).unwrap_or_default(),
                    action_text: r.get(7)?,
                },
            ))
        })
        .map_err(db_error)?;
    for row in rows {
        let (key, entry) = row.map_err(db_error)?;
        out.insert(key, entry);
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT area, objective, indicator, value FROM monitor_value
         WHERE series_id = ?1 AND date = ?2 ORDER BY rowid",
        )
        .map_err(db_error)?;
    let rows = stmt
        .query_map(params![series, iso(date)], |r| {
            Ok((
                (AreaId::new(r.get(0)?), ObjectiveId::new(r.get(1)?)),
                IndicatorId::new(r.get(2)?),
                r.get::<_, String>(3)?,
            ))
        })
        .map_err(db_error)?;
    for row in rows {
        let (key, indicator, value) = row.map_err(db_error)?;
        if let Some(e) = out.get_mut(&key) {
            e.values.push((indicator, value));
        }
    }
    Ok(out)
}

/// An entry to write: area lineage, objective lineage, the entry (none: cleared).
pub type MonitorRecord = (AreaId, ObjectiveId, Option<Entry>);

pub(crate) fn write(
    conn: &Connection,
    series: i64,
    date: NaiveDate,
    rows: &[MonitorRecord],
) -> Result<()> {
    let date = iso(date);
    for (area, objective, entry) in rows {
        let (area, objective) = (area.get(), objective.get());
        conn.execute(
            "DELETE FROM monitor_entry WHERE series_id = ?1 AND date = ?2 AND area = ?3 AND objective = ?4",
            params![series, date, area, objective],
        ).map_err(db_error)?;
        let Some(e) = entry else { continue };
        conn.execute(
            "INSERT INTO monitor_entry (series_id, date, area, objective, progress, status, proposed,
                                        issues, action, action_text, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                series,
                date,
                area,
                objective,
                e.progress,
                e.status.code(),
                e.proposed.code(),
                e.issues,
                e.action.code(),
                e.action_text,
                now()
            ],
        ).map_err(db_error)?;
        for (indicator, value) in &e.values {
            conn.execute(
                "INSERT INTO monitor_value (series_id, date, area, objective, indicator, value)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![series, date, area, objective, indicator.get(), value],
            )
            .map_err(db_error)?;
        }
    }
    Ok(())
}

impl Store {
    /// Writes the entries of one or more monitoring dates of a series, in one transaction.
    pub fn write_monitoring(
        &mut self,
        series: i64,
        dates: &[(NaiveDate, Vec<MonitorRecord>)],
    ) -> Result<()> {
        self.with_tx(|tx| {
            for (date, rows) in dates {
                write(tx, series, *date, rows)?;
            }
            Ok(())
        })
    }

    /// The monitoring dates of the plan's series, in order.
    pub fn monitor_dates(&self, plan_id: i64) -> Result<Vec<NaiveDate>> {
        let series = series_of(&self.conn, plan_id)?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT date FROM monitor_date WHERE series_id = ?1 ORDER BY date")
            .map_err(db_error)?;
        let dates = stmt
            .query_map([series], |r| r.get::<_, String>(0))
            .map_err(db_error)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error)?;
        Ok(dates
            .iter()
            .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .collect())
    }

    /// Adds a monitoring date to the plan's series; one that exists is refused. Which dates
    /// may be added (an approved plan, a year started) is `ops::Monitoring`'s to decide.
    pub fn insert_monitor_date(&mut self, plan_id: i64, date: NaiveDate) -> Result<()> {
        if self.monitor_dates(plan_id)?.contains(&date) {
            return Err(Error::invalid(
                "date",
                format!(
                    "Il monitoraggio al {} c'è già: sceglilo dall'elenco.",
                    date.format("%d/%m/%Y")
                ),
            ));
        }
        let series = series_of(&self.conn, plan_id)?;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO monitor_date (series_id, date) VALUES (?1, ?2)",
                params![series, iso(date)],
            )
            .map_err(db_error)?;
            Ok(())
        })
    }

    /// Removes a monitoring date and its entries (refused once the year's Relazione is
    /// approved).
    pub fn delete_monitor_date(&mut self, plan_id: i64, date: NaiveDate) -> Result<()> {
        let series = series_of(&self.conn, plan_id)?;
        let n = self.tx(|tx| {
            tx.execute(
                "DELETE FROM monitor_date WHERE series_id = ?1 AND date = ?2",
                params![series, iso(date)],
            )
            .map_err(db_error)
        })?;
        if n == 0 {
            return Err(Error::invalid(
                "date",
                format!("Non c'è un monitoraggio al {}.", date.format("%d/%m/%Y")),
            ));
        }
        Ok(())
    }

    /// The thresholds of the proposed status for the plan's series.
    pub fn monitor_thresholds(&self, plan_id: i64) -> Result<Thresholds> {
        let series = series_of(&self.conn, plan_id)?;
        Ok(self
            .conn
            .query_row(
                "SELECT in_line, critical FROM monitor_rule WHERE series_id = ?1",
                [series],
                |r| {
                    Ok(Thresholds {
                        in_line: r.get(0)?,
                        critical: r.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(db_error)?
            .unwrap_or_default())
    }

    pub fn set_monitor_thresholds(&mut self, plan_id: i64, text: &str) -> Result<Thresholds> {
        let t = Thresholds::parse(text)?;
        let series = series_of(&self.conn, plan_id)?;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO monitor_rule (series_id, in_line, critical) VALUES (?1, ?2, ?3)
                 ON CONFLICT (series_id) DO UPDATE SET in_line = excluded.in_line, critical = excluded.critical",
                params![series, t.in_line, t.critical],
            ).map_err(db_error)?;
            Ok(())
        })?;
        Ok(t)
    }

    /// The monitoring at `date` on the latest approved version (or, once the year's
    /// Relazione is approved, on the version it was read against).
    pub fn monitor(&self, plan_id: i64, date: NaiveDate) -> Result<Monitor> {
        let series = series_of(&self.conn, plan_id)?;
        let dates = self.monitor_dates(plan_id)?;
        if !dates.contains(&date) {
            return Err(Error::invalid(
                "date",
                format!(
                    "Non c'è un monitoraggio al {}: aggiungilo prima.",
                    date.format("%d/%m/%Y")
                ),
            ));
        }
        let (relazione, version) = self.year_version(plan_id, date.year())?;
        let frozen = relazione.is_some();
        let plan = self.load(version)?;
        let lineage = self.lineage(version)?;
        let stored = stored(&self.conn, series, date)?;
        let ctx = monitoring::Context {
            lineage: &lineage,
            stored: &stored,
            thresholds: self.monitor_thresholds(version)?,
            series_id: series,
            version_label: self.version_info(version)?.label,
            dates,
            frozen,
        };
        Ok(monitoring::monitor(&plan, date, &ctx))
    }
}

impl Store {
    /// (area lineage, objective lineage, year) with a result recorded for the year or a
    /// `concluso` at one of its monitoring dates: their deadlines are met.
    pub fn completed(
        &self,
        plan_id: i64,
    ) -> Result<std::collections::HashSet<(AreaId, ObjectiveId, i32)>> {
        let series = series_of(&self.conn, plan_id)?;
        let mut out = std::collections::HashSet::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT area, objective, year FROM result WHERE series_id = ?1 AND objective IS NOT NULL
             UNION
             SELECT area, objective, CAST(substr(date, 1, 4) AS INTEGER) FROM monitor_entry
             WHERE series_id = ?1 AND status = 'concluso'",
        ).map_err(db_error)?;
        for row in stmt
            .query_map([series], |r| {
                Ok((
                    AreaId::new(r.get(0)?),
                    ObjectiveId::new(r.get(1)?),
                    r.get(2)?,
                ))
            })
            .map_err(db_error)?
        {
            out.insert(row.map_err(db_error)?);
        }
        Ok(out)
    }
}
