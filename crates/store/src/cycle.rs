//! The year's cycle (migration 014): the PIAO's adoption and the payment acts, and the
//! deadlines the office set in place of the law's defaults. Rows only; what is due and what
//! is late is the domain's (`domain::cycle`).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::versions::series_of;
use super::Store;
use crate::db::{db_error, rows};
use piano_domain::error::Result;
use piano_domain::versions::Act;

impl Store {
    /// The acts recorded for a year of the plan's series, by step («piao», «pagamento»).
    pub fn cycle_acts(&self, plan_id: i64, year: i32) -> Result<HashMap<String, Act>> {
        let series = series_of(&self.conn, plan_id)?;
        rows(
            &self.conn,
            "SELECT step, body, number, act_date FROM cycle_act WHERE series_id = ?1 AND year = ?2",
            params![series, year],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    Act {
                        body: r.get(1)?,
                        number: r.get(2)?,
                        date: r.get(3)?,
                    },
                ))
            },
        )
    }

    /// Records (or, with none, removes) a step's act for a year.
    pub fn write_cycle_act(
        &mut self,
        plan_id: i64,
        year: i32,
        step: &str,
        act: Option<&Act>,
    ) -> Result<()> {
        self.replace_step("cycle_act", plan_id, year, step, |tx, series| match act {
            Some(a) => tx.execute(
                "INSERT INTO cycle_act (series_id, year, step, body, number, act_date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![series, year, step, a.body, a.number, a.date],
            ),
            None => Ok(0),
        })
    }

    /// The deadlines set for a year, by step key.
    pub fn cycle_deadlines(&self, plan_id: i64, year: i32) -> Result<HashMap<String, NaiveDate>> {
        let series = series_of(&self.conn, plan_id)?;
        let stored: Vec<(String, String)> = rows(
            &self.conn,
            "SELECT step, due FROM cycle_deadline WHERE series_id = ?1 AND year = ?2",
            params![series, year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(stored
            .into_iter()
            .filter_map(|(k, d)| Some((k, NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()?)))
            .collect())
    }

    /// Sets (or, with none, returns to the law's default) a step's deadline for a year.
    pub fn write_cycle_deadline(
        &mut self,
        plan_id: i64,
        year: i32,
        step: &str,
        due: Option<NaiveDate>,
    ) -> Result<()> {
        let sql = "INSERT INTO cycle_deadline (series_id, year, step, due) VALUES (?1, ?2, ?3, ?4)";
        self.replace_step(
            "cycle_deadline",
            plan_id,
            year,
            step,
            |tx, series| match due {
                Some(d) => tx.execute(
                    sql,
                    params![series, year, step, d.format("%Y-%m-%d").to_string()],
                ),
                None => Ok(0),
            },
        )
    }

    /// One step's row of a year in `table` replaced, in one transaction: the old one
    /// removed, then `write` puts the new one, if any, for the plan's series.
    fn replace_step(
        &mut self,
        table: &str,
        plan_id: i64,
        year: i32,
        step: &str,
        write: impl FnOnce(&rusqlite::Connection, i64) -> rusqlite::Result<usize>,
    ) -> Result<()> {
        let series = series_of(&self.conn, plan_id)?;
        self.with_tx(|tx| {
            tx.execute(
                &format!("DELETE FROM {table} WHERE series_id = ?1 AND year = ?2 AND step = ?3"),
                params![series, year, step],
            )
            .map_err(db_error)?;
            write(tx, series).map_err(db_error)?;
            Ok(())
        })
    }
}
