//! The evaluation rules per year, the schede and the Nucleo's validation (migration 008):
//! rows in and out. Computing and checking is `domain::evaluation` and `ops::evaluation`.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::versions::series_of;
use super::{now, Store};
use crate::domain::evaluation::{Combine, Item, Rules, Scheda};
use crate::domain::model::name_key;
use crate::domain::results::Band;
use crate::domain::versions::Act;
use crate::error::Result;

pub(crate) fn rules(conn: &Connection, series: i64, year: i32) -> Result<Rules> {
    let row = conn
        .query_row(
            "SELECT organisational, behaviours, individual, scale_min, scale_max, combine, budget,
                    position_budget
             FROM evaluation_rule WHERE series_id = ?1 AND year = ?2",
            params![series, year],
            |r| {
                Ok(Rules {
                    organisational: r.get(0)?,
                    behaviours: r.get(1)?,
                    individual: r.get(2)?,
                    scale_min: r.get(3)?,
                    scale_max: r.get(4)?,
                    items: Vec::new(),
                    bands: None,
                    combine: if r.get::<_, String>(5)? == "pesata" {
                        Combine::Pesata
                    } else {
                        Combine::Media
                    },
                    budget: r.get(6)?,
                    position_budget: r.get(7)?,
                    is_default: false,
                })
            },
        )
        .optional()?;
    let Some(mut rules) = row else {
        return Ok(Rules::default());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT name, description, weight FROM evaluation_item
         WHERE series_id = ?1 AND year = ?2 ORDER BY position",
    )?;
    rules.items = stmt
        .query_map(params![series, year], |r| {
            Ok(Item {
                name: r.get(0)?,
                description: r.get(1)?,
                weight: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT min_score, share FROM evaluation_band WHERE series_id = ?1 AND year = ?2
         ORDER BY min_score",
    )?;
    let bands: Vec<Band> = stmt
        .query_map(params![series, year], |r| {
            Ok(Band {
                from: r.get(0)?,
                share: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    rules.bands = (!bands.is_empty()).then_some(bands);
    Ok(rules)
}

fn schede(conn: &Connection, series: i64, year: i32) -> Result<HashMap<String, Scheda>> {
    let mut out = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT manager, individual, colloquio, max_pay, evaluator, notes FROM scheda
         WHERE series_id = ?1 AND year = ?2",
    )?;
    let rows = stmt.query_map(params![series, year], |r| {
        let colloquio: Option<String> = r.get(2)?;
        Ok((
            r.get::<_, String>(0)?,
            Scheda {
                scores: Vec::new(),
                individual: r.get(1)?,
                colloquio: colloquio
                    .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                max_pay: r.get(3)?,
                evaluator: r.get(4)?,
                notes: r.get(5)?,
            },
        ))
    })?;
    for row in rows {
        let (k, s) = row?;
        out.insert(k, s);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT manager, position, score, note FROM scheda_score
         WHERE series_id = ?1 AND year = ?2 ORDER BY manager, position",
    )?;
    let rows = stmt.query_map(params![series, year], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, usize>(1)?,
            r.get::<_, Option<u32>>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (k, pos, score, note) = row?;
        if let Some(s) = out.get_mut(&k) {
            if s.scores.len() <= pos {
                s.scores.resize(pos + 1, (None, String::new()));
            }
            s.scores[pos] = (score, note);
        }
    }
    Ok(out)
}

fn validation(conn: &Connection, series: i64, year: i32) -> Result<Option<Act>> {
    Ok(conn
        .query_row(
            "SELECT body, number, act_date FROM evaluation_validation WHERE series_id = ?1 AND year = ?2",
            params![series, year],
            |r| {
                Ok(Act {
                    body: r.get(0)?,
                    number: r.get(1)?,
                    date: r.get(2)?,
                })
            },
        )
        .optional()?)
}

impl Store {
    /// The evaluation rules of the plan's series for `year` (the defaults when none are set).
    pub fn evaluation_rules(&self, plan_id: i64, year: i32) -> Result<Rules> {
        rules(&self.conn, series_of(&self.conn, plan_id)?, year)
    }

    /// The schede of the year, by the manager's name key.
    pub fn schede(&self, plan_id: i64, year: i32) -> Result<HashMap<String, Scheda>> {
        schede(&self.conn, series_of(&self.conn, plan_id)?, year)
    }

    /// The Nucleo's validation of the year's schede, if recorded.
    pub fn evaluation_validation(&self, plan_id: i64, year: i32) -> Result<Option<Act>> {
        validation(&self.conn, series_of(&self.conn, plan_id)?, year)
    }
}

/// Replaces the rules of a year.
pub(crate) fn write_rules(conn: &Connection, series: i64, year: i32, r: &Rules) -> Result<()> {
    conn.execute(
        "DELETE FROM evaluation_rule WHERE series_id = ?1 AND year = ?2",
        params![series, year],
    )?;
    conn.execute(
        "INSERT INTO evaluation_rule (series_id, year, organisational, behaviours, individual,
                                      scale_min, scale_max, combine, budget, position_budget)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            series,
            year,
            r.organisational,
            r.behaviours,
            r.individual,
            r.scale_min,
            r.scale_max,
            match r.combine {
                Combine::Media => "media",
                Combine::Pesata => "pesata",
            },
            r.budget,
            r.position_budget
        ],
    )?;
    for (i, item) in r.items.iter().enumerate() {
        conn.execute(
            "INSERT INTO evaluation_item (series_id, year, position, name, description, weight)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                series,
                year,
                i as i64,
                item.name,
                item.description,
                item.weight
            ],
        )?;
    }
    for b in r.bands.iter().flatten() {
        conn.execute(
            "INSERT INTO evaluation_band (series_id, year, min_score, share) VALUES (?1, ?2, ?3, ?4)",
            params![series, year, b.from, b.share],
        )?;
    }
    Ok(())
}

/// Replaces one manager's scheda.
pub(crate) fn write_scheda(
    conn: &Connection,
    series: i64,
    year: i32,
    manager: &str,
    s: &Scheda,
) -> Result<()> {
    let key = name_key(manager);
    conn.execute(
        "DELETE FROM scheda WHERE series_id = ?1 AND year = ?2 AND manager = ?3",
        params![series, year, key],
    )?;
    conn.execute(
        "INSERT INTO scheda (series_id, year, manager, individual, colloquio, max_pay, evaluator, notes, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            series,
            year,
            key,
            s.individual,
            s.colloquio.map(|d| d.format("%Y-%m-%d").to_string()),
            s.max_pay,
            s.evaluator,
            s.notes,
            now()
        ],
    )?;
    for (i, (score, note)) in s.scores.iter().enumerate() {
        conn.execute(
            "INSERT INTO scheda_score (series_id, year, manager, position, score, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![series, year, key, i as i64, score, note],
        )?;
    }
    Ok(())
}

pub(crate) fn write_validation(
    conn: &Connection,
    series: i64,
    year: i32,
    act: Option<&Act>,
) -> Result<()> {
    match act {
        Some(a) => conn.execute(
            "INSERT INTO evaluation_validation (series_id, year, body, number, act_date) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![series, year, a.body, a.number, a.date],
        )?,
        None => conn.execute(
            "DELETE FROM evaluation_validation WHERE series_id = ?1 AND year = ?2",
            params![series, year],
        )?,
    };
    Ok(())
}
