//! A plan's versions: the proposal, then its variations. Each version is a whole plan row
//! of one series; once the Giunta's act is recorded it is frozen (the triggers of migration
//! 002 refuse every change). Approving and varying are `ops::versions`.

use rusqlite::{params, Connection, OptionalExtension};

use super::{now, Store};
use crate::db::{db_error, rows};
use piano_domain::error::{Error, Result};
use piano_domain::ids::{AreaId, IndicatorId, ObjectiveId};
use piano_domain::versions::label;
pub use piano_domain::versions::{Act, ActInput, Lineage, VersionInfo, DEFAULT_BODY};

pub(super) fn series_of(conn: &Connection, plan_id: i64) -> Result<i64> {
    conn.query_row("SELECT series_id FROM plan WHERE id = ?1", [plan_id], |r| {
        r.get(0)
    })
    .optional()
    .map_err(db_error)?
    .ok_or(Error::NotFound {
        what: "Piano",
        id: plan_id,
    })
}

pub(super) fn list_versions(conn: &Connection, series: i64) -> Result<Vec<VersionInfo>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, version, act_body, act_number, act_date FROM plan
         WHERE series_id = ?1 ORDER BY version",
        )
        .map_err(db_error)?;
    let rows = stmt
        .query_map([series], |r| {
            let date: Option<String> = r.get(4)?;
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                date.map(|date| Act {
                    body: r.get(2).unwrap_or_default(),
                    number: r.get(3).unwrap_or_default(),
                    date,
                }),
            ))
        })
        .map_err(db_error)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_error)?;
    let last = rows.len();
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(i, (id, version, act))| VersionInfo {
            plan_id: id,
            series_id: series,
            version,
            latest: i + 1 == last,
            label: label(version, act.as_ref()),
            act,
        })
        .collect())
}

pub(super) fn version_info(conn: &Connection, plan_id: i64) -> Result<VersionInfo> {
    let series = series_of(conn, plan_id)?;
    list_versions(conn, series)?
        .into_iter()
        .find(|v| v.plan_id == plan_id)
        .ok_or(Error::NotFound {
            what: "Piano",
            id: plan_id,
        })
}

pub(crate) fn lineage_of(conn: &Connection, plan_id: i64) -> Result<Lineage> {
    Ok(Lineage {
        areas: rows(
            conn,
            "SELECT id, lineage FROM area WHERE plan_id = ?1",
            [plan_id],
            |r| Ok((AreaId::new(r.get(0)?), AreaId::new(r.get(1)?))),
        )?,
        objectives: rows(
            conn,
            "SELECT id, lineage FROM objective WHERE plan_id = ?1",
            [plan_id],
            |r| Ok((ObjectiveId::new(r.get(0)?), ObjectiveId::new(r.get(1)?))),
        )?,
        indicators: rows(
            conn,
            "SELECT i.id, i.lineage FROM indicator i JOIN objective o ON o.id = i.objective_id
             WHERE o.plan_id = ?1",
            [plan_id],
            |r| Ok((IndicatorId::new(r.get(0)?), IndicatorId::new(r.get(1)?))),
        )?,
    })
}

impl Store {
    /// Every version of the plan's series, oldest first.
    pub fn versions(&self, plan_id: i64) -> Result<Vec<VersionInfo>> {
        list_versions(&self.conn, series_of(&self.conn, plan_id)?)
    }

    pub fn version_info(&self, plan_id: i64) -> Result<VersionInfo> {
        version_info(&self.conn, plan_id)
    }

    /// The latest version of the plan's series: what a command that names a plan works on.
    pub fn latest_version(&self, plan_id: i64) -> Result<i64> {
        let versions = self.versions(plan_id)?;
        Ok(versions.last().map_or(plan_id, |v| v.plan_id))
    }

    /// The version of `series`' plan numbered `version`.
    pub fn version_id(&self, plan_id: i64, version: i64) -> Result<i64> {
        self.versions(plan_id)?
            .into_iter()
            .find(|v| v.version == version)
            .map(|v| v.plan_id)
            .ok_or_else(|| {
                Error::invalid(
                    "version",
                    format!("Il piano non ha una versione {version}: vedi «piano versions»."),
                )
            })
    }
}

/// Records (or, with `None`, clears) the act on a version, and logs it as `action`.
fn set_act(
    conn: &Connection,
    plan_id: i64,
    act: Option<&Act>,
    action: &str,
    logged: &Act,
) -> Result<()> {
    match act {
        Some(act) => conn
            .execute(
                "UPDATE plan SET act_body = ?2, act_number = ?3, act_date = ?4, approval = ?5,
                    updated_at = ?6 WHERE id = ?1",
                params![
                    plan_id,
                    act.body,
                    act.number,
                    act.date,
                    act.caption(),
                    now()
                ],
            )
            .map_err(db_error)?,
        None => conn
            .execute(
                "UPDATE plan SET act_body = '', act_number = '', act_date = NULL, approval = '',
                    updated_at = ?2 WHERE id = ?1",
                params![plan_id, now()],
            )
            .map_err(db_error)?,
    };
    log(conn, plan_id, action, logged)
}

/// Makes a freshly copied plan the next version of `series`, its areas and objectives
/// descending from the ones they were copied from.
fn make_version(
    conn: &Connection,
    id: i64,
    series: i64,
    version: i64,
    areas: &super::AreaMap,
    objectives: &super::ObjectiveMap,
) -> Result<()> {
    conn.execute(
        "UPDATE plan SET series_id = ?2, version = ?3 WHERE id = ?1",
        params![id, series, version],
    )
    .map_err(db_error)?;
    for (old, new) in areas {
        conn.execute(
            "UPDATE area SET lineage = (SELECT lineage FROM area WHERE id = ?1) WHERE id = ?2",
            params![old.get(), new.get()],
        )
        .map_err(db_error)?;
    }
    for (old, new) in objectives {
        conn.execute(
            "UPDATE objective SET lineage = (SELECT lineage FROM objective WHERE id = ?1) WHERE id = ?2",
            params![old.get(), new.get()],
        ).map_err(db_error)?;
        // Indicators are copied in their order: the same position is the same indicator.
        conn.execute(
            "UPDATE indicator SET lineage = (SELECT o.lineage FROM indicator o
                 WHERE o.objective_id = ?1 AND o.position = indicator.position)
             WHERE objective_id = ?2",
            params![old.get(), new.get()],
        )
        .map_err(db_error)?;
    }
    Ok(())
}

fn log(conn: &Connection, plan_id: i64, action: &str, act: &Act) -> Result<()> {
    conn.execute(
        "INSERT INTO approval_log (plan_id, action, body, number, act_date, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![plan_id, action, act.body, act.number, act.date, now()],
    )
    .map_err(db_error)?;
    Ok(())
}

/// Whether any version of the series is approved (such a plan is an act: it is not deleted).
pub(super) fn any_approved(conn: &Connection, series: i64) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM plan WHERE series_id = ?1 AND act_date IS NOT NULL)",
        [series],
        |r| r.get(0),
    )
    .map_err(db_error)
}

impl Store {
    pub fn lineage(&self, plan_id: i64) -> Result<Lineage> {
        lineage_of(&self.conn, plan_id)
    }

    /// Where a new triennium starts from: the latest approved version, else the latest.
    pub fn roll_source(&self, plan_id: i64) -> Result<i64> {
        let versions = self.versions(plan_id)?;
        Ok(versions
            .iter()
            .rev()
            .find(|v| v.approved())
            .or(versions.last())
            .map_or(plan_id, |v| v.plan_id))
    }
}

/// The versions' writes, each in one transaction.
impl Store {
    /// A version's act of approval (`None`: withdrawn), logged as `action` with `logged`.
    pub fn set_act(
        &mut self,
        plan_id: i64,
        act: Option<&Act>,
        action: &str,
        logged: &Act,
    ) -> Result<()> {
        self.with_tx(|tx| set_act(tx, plan_id, act, action, logged))
    }

    /// A new version `version` of `series`, a row copy of `source` that keeps every area's
    /// and objective's lineage; its approval is blank.
    pub fn insert_version(&mut self, source: i64, series: i64, version: i64) -> Result<i64> {
        self.with_tx(|tx| {
            let full = super::load(tx, source)?;
            let input = piano_domain::model::PlanInput {
                approval: String::new(),
                ..full.plan.input()
            };
            let (id, areas, objectives) = super::copy_plan_with_ids(tx, &full, &input, 0)?;
            make_version(tx, id, series, version, &areas, &objectives)?;
            Ok(id)
        })
    }
}
