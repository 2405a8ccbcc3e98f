//! Indicators and their targets (migration 006): rows in and out. An indicator belongs to an
//! objective, so a cross-cutting objective's areas share it, and a version's copy carries it.

use rusqlite::{params, Connection, OptionalExtension};

use super::{objective_plan, touch, Store};
use crate::db::db_error;
use piano_domain::error::{Error, Result};
use piano_domain::ids::{IndicatorId, ObjectiveId};
use piano_domain::indicators::{
    Direction, Indicator, IndicatorInput, IndicatorSpec, Kind, LateRule, Target, Value,
};

pub(crate) fn kind_code(kind: Kind) -> &'static str {
    match kind {
        Kind::SiNo => "sino",
        k => k.label(),
    }
}

pub(crate) fn kind_of(code: &str) -> Kind {
    match code {
        "numero" => Kind::Numero,
        "percentuale" => Kind::Percentuale,
        "giorni" => Kind::Giorni,
        "scadenza" => Kind::Scadenza,
        "sino" => Kind::SiNo,
        _ => Kind::Rapporto,
    }
}

/// Every indicator of a plan's objectives, by objective and position.
pub(crate) fn load(conn: &Connection, plan_id: i64) -> Result<Vec<Indicator>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT i.id, i.objective_id, i.kind, i.unit, i.direction, i.baseline, i.baseline_year,
                i.source, i.weight
         FROM indicator i JOIN objective o ON o.id = i.objective_id
         WHERE o.plan_id = ?1 ORDER BY i.objective_id, i.position, i.id",
        )
        .map_err(db_error)?;
    let mut out = stmt
        .query_map([plan_id], |r| {
            let kind = kind_of(&r.get::<_, String>(2)?);
            let baseline: Option<String> = r.get(5)?;
            Ok(Indicator {
                id: IndicatorId::new(r.get(0)?),
                objective_id: ObjectiveId::new(r.get(1)?),
                kind,
                unit: r.get(3)?,
                direction: if r.get::<_, String>(4)? == "decrescente" {
                    Direction::Decrescente
                } else {
                    Direction::Crescente
                },
                baseline: baseline.and_then(|b| Value::decode(kind, &b)),
                baseline_year: r.get(6)?,
                targets: Vec::new(),
                source: r.get(7)?,
                weight: r.get(8)?,
            })
        })
        .map_err(db_error)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_error)?;
    if out.is_empty() {
        return Ok(out);
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT t.indicator_id, t.year, t.value FROM indicator_target t
         JOIN indicator i ON i.id = t.indicator_id JOIN objective o ON o.id = i.objective_id
         WHERE o.plan_id = ?1 ORDER BY t.indicator_id, t.year",
        )
        .map_err(db_error)?;
    let index: std::collections::HashMap<IndicatorId, usize> =
        out.iter().enumerate().map(|(n, i)| (i.id, n)).collect();
    let rows = stmt
        .query_map([plan_id], |r| {
            Ok((
                IndicatorId::new(r.get(0)?),
                r.get::<_, i32>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .map_err(db_error)?;
    for row in rows {
        let (id, year, value) = row.map_err(db_error)?;
        if let Some(&n) = index.get(&id) {
            if let Some(value) = Value::decode(out[n].kind, &value) {
                out[n].targets.push(Target { year, value });
            }
        }
    }
    Ok(out)
}

/// An indicator's checked fields as its row takes them, after `key` (?1): kind, unit,
/// direction, baseline, baseline year, source, weight (?2 to ?8).
#[allow(clippy::type_complexity)]
fn spec_row(
    key: i64,
    spec: &IndicatorSpec,
) -> (
    i64,
    &'static str,
    &str,
    &'static str,
    Option<String>,
    Option<i32>,
    &str,
    u32,
) {
    (
        key,
        kind_code(spec.kind),
        &spec.unit,
        spec.direction.label(),
        spec.baseline.map(Value::encode),
        spec.baseline_year,
        &spec.source,
        spec.weight,
    )
}

/// Writes an indicator at the end of an objective's list.
pub(crate) fn insert(
    conn: &Connection,
    objective_id: ObjectiveId,
    spec: &IndicatorSpec,
) -> Result<IndicatorId> {
    conn.execute(
        "INSERT INTO indicator (objective_id, position, kind, unit, direction, baseline,
                                baseline_year, source, weight)
         VALUES (?1, (SELECT coalesce(max(position), -1) + 1 FROM indicator WHERE objective_id = ?1),
                 ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        spec_row(objective_id.get(), spec),
    ).map_err(db_error)?;
    let id = IndicatorId::new(conn.last_insert_rowid());
    write_targets(conn, id, &spec.targets)?;
    Ok(id)
}

fn write_targets(conn: &Connection, id: IndicatorId, targets: &[Target]) -> Result<()> {
    let id = id.get();
    conn.execute("DELETE FROM indicator_target WHERE indicator_id = ?1", [id])
        .map_err(db_error)?;
    for t in targets {
        conn.execute(
            "INSERT INTO indicator_target (indicator_id, year, value) VALUES (?1, ?2, ?3)",
            params![id, t.year, t.value.encode()],
        )
        .map_err(db_error)?;
    }
    Ok(())
}

/// Copies the indicators of `from` onto `to`, years shifted by `shift` (dates too).
pub(crate) fn copy(
    conn: &Connection,
    from: &[&Indicator],
    to: ObjectiveId,
    shift: i32,
) -> Result<()> {
    for i in from {
        let shift_value = |v: Value| match v {
            Value::Date(d) => {
                let months = chrono::Months::new(12 * shift.unsigned_abs());
                let moved = if shift >= 0 {
                    d.checked_add_months(months)
                } else {
                    d.checked_sub_months(months)
                };
                Value::Date(moved.unwrap_or(d))
            }
            v => v,
        };
        let spec = IndicatorSpec {
            kind: i.kind,
            unit: i.unit.clone(),
            direction: i.direction,
            baseline: i.baseline,
            baseline_year: i.baseline_year,
            targets: i
                .targets
                .iter()
                .map(|t| Target {
                    year: t.year + shift,
                    value: shift_value(t.value),
                })
                .collect(),
            source: i.source.clone(),
            weight: i.weight,
        };
        insert(conn, to, &spec)?;
    }
    Ok(())
}

/// Copies one objective's indicators onto another of the same plan (a duplicated or
/// detached row), row by row in SQL: no need to read the whole plan's indicators.
pub(crate) fn copy_same_plan(conn: &Connection, from: ObjectiveId, to: ObjectiveId) -> Result<()> {
    let (from, to) = (from.get(), to.get());
    let mut stmt = conn
        .prepare_cached("SELECT id FROM indicator WHERE objective_id = ?1 ORDER BY position, id")
        .map_err(db_error)?;
    let ids = stmt
        .query_map([from], |r| r.get::<_, i64>(0))
        .map_err(db_error)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_error)?;
    for old in ids {
        conn.execute(
            "INSERT INTO indicator (objective_id, position, kind, unit, direction, baseline,
                                    baseline_year, source, weight)
             SELECT ?2, position, kind, unit, direction, baseline, baseline_year, source, weight
             FROM indicator WHERE id = ?1",
            params![old, to],
        )
        .map_err(db_error)?;
        let new = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO indicator_target (indicator_id, year, value)
             SELECT ?2, year, value FROM indicator_target WHERE indicator_id = ?1",
            params![old, new],
        )
        .map_err(db_error)?;
    }
    Ok(())
}

fn objective_of(conn: &Connection, id: IndicatorId) -> Result<(ObjectiveId, i64)> {
    let id = id.get();
    conn.query_row(
        "SELECT i.objective_id, o.plan_id FROM indicator i JOIN objective o ON o.id = i.objective_id
         WHERE i.id = ?1",
        [id],
        |r| Ok((ObjectiveId::new(r.get(0)?), r.get(1)?)),
    )
    .optional().map_err(db_error)?
    .ok_or(Error::NotFound {
        what: "Indicatore",
        id,
    })
}

fn plan_years(conn: &Connection, plan_id: i64) -> Result<(i32, i32)> {
    conn.query_row(
        "SELECT first_year, last_year FROM plan WHERE id = ?1",
        [plan_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .map_err(db_error)
}

impl Store {
    /// The indicators of a plan's objectives.
    pub fn indicators(&self, plan_id: i64) -> Result<Vec<Indicator>> {
        load(&self.conn, plan_id)
    }

    /// Adds an indicator to an objective (shared by all its areas). Returns its id.
    pub fn add_indicator(
        &mut self,
        objective_id: ObjectiveId,
        input: &IndicatorInput,
    ) -> Result<IndicatorId> {
        self.tx(|tx| {
            let plan_id = objective_plan(tx, objective_id)?;
            let spec = input.validate(plan_years(tx, plan_id)?)?;
            let id = insert(tx, objective_id, &spec)?;
            touch(tx, plan_id)?;
            Ok(id)
        })
    }

    /// Adds several indicators at once (accepting proposals), all or nothing.
    pub fn add_indicators(&mut self, items: &[(ObjectiveId, IndicatorInput)]) -> Result<usize> {
        self.tx(|tx| {
            for (objective_id, input) in items {
                let plan_id = objective_plan(tx, *objective_id)?;
                let spec = input.validate(plan_years(tx, plan_id)?)?;
                insert(tx, *objective_id, &spec)?;
                touch(tx, plan_id)?;
            }
            Ok(items.len())
        })
    }

    pub fn update_indicator(&mut self, id: IndicatorId, input: &IndicatorInput) -> Result<()> {
        self.tx(|tx| {
            let (_, plan_id) = objective_of(tx, id)?;
            let spec = input.validate(plan_years(tx, plan_id)?)?;
            tx.execute(
                "UPDATE indicator SET kind = ?2, unit = ?3, direction = ?4, baseline = ?5,
                        baseline_year = ?6, source = ?7, weight = ?8 WHERE id = ?1",
                spec_row(id.get(), &spec),
            )
            .map_err(db_error)?;
            write_targets(tx, id, &spec.targets)?;
            touch(tx, plan_id)
        })
    }

    pub fn delete_indicator(&mut self, id: IndicatorId) -> Result<()> {
        self.tx(|tx| {
            let (_, plan_id) = objective_of(tx, id)?;
            tx.execute("DELETE FROM indicator WHERE id = ?1", [id.get()])
                .map_err(db_error)?;
            touch(tx, plan_id)
        })
    }

    /// The plan an indicator belongs to.
    pub fn indicator_plan(&self, id: IndicatorId) -> Result<i64> {
        Ok(objective_of(&self.conn, id)?.1)
    }

    /// The evaluation system's rule for deadlines met late, for the plan's series.
    pub fn late_rule(&self, plan_id: i64) -> Result<LateRule> {
        let series = super::versions::series_of(&self.conn, plan_id)?;
        let rule: Option<String> = self
            .conn
            .query_row(
                "SELECT rule FROM late_rule WHERE series_id = ?1",
                [series],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_error)?;
        Ok(rule
            .and_then(|r| LateRule::parse(&r).ok())
            .unwrap_or_default())
    }

    /// Sets the rule for deadlines met late (frozen once a Relazione of the series is
    /// approved).
    pub fn set_late_rule(&mut self, plan_id: i64, text: &str) -> Result<LateRule> {
        let rule = LateRule::parse(text)?;
        let series = super::versions::series_of(&self.conn, plan_id)?;
        self.tx(|tx| {
            tx.execute(
                "INSERT INTO late_rule (series_id, rule) VALUES (?1, ?2)
                 ON CONFLICT (series_id) DO UPDATE SET rule = excluded.rule",
                params![series, rule.text()],
            )
            .map_err(db_error)?;
            Ok(())
        })?;
        Ok(rule)
    }
}
