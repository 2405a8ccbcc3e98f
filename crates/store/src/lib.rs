//! Piano Obiettivi's storage: the SQLite file (`db`: where it lives, migrations, whole-file and
//! automatic copies) and `Store`, the connection's owner, whose submodules hold one table's
//! queries each. Every change that touches more than one row runs in one transaction.
//!
//! Invariant: the only crate that depends on rusqlite, and no policy here: what may be
//! approved, recorded or rolled forward is decided by the operations above (`piano::ops`),
//! from the domain's checks.

pub mod db;

mod areas;
mod content;
mod copy;
mod cycle;
mod dup;
pub(crate) mod evaluation;
pub(crate) mod indicators;
mod marks;
pub mod monitoring;
mod objectives;
mod plans;
pub(crate) mod results;
#[cfg(feature = "test-support")]
pub mod sample;
pub(crate) mod versions;

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{backup, copies, db_error};
use piano_domain::error::{Error, Result};
use piano_domain::ids::{AreaId, IndicatorId, ObjectiveId, PeriodId, PlacementId};
use piano_domain::model::{FullPlan, Kind, Objective, ObjectiveText, Placement, Weight};

pub use copy::{copy_plan, copy_plan_with_ids};

/// Old area id → new, in a copy of a plan.
pub type AreaMap = std::collections::HashMap<AreaId, AreaId>;
/// Old objective id → new, in a copy of a plan.
pub type ObjectiveMap = std::collections::HashMap<ObjectiveId, ObjectiveId>;
pub use monitoring::MonitorRecord;
pub use plans::{check_periods, NewPeriod, PlanSummary};
pub use results::ResultRecord;
pub use versions::{Act, ActInput, Lineage, VersionInfo, DEFAULT_BODY};

pub struct Store {
    conn: Connection,
    /// The last automatic copy an operation made (approval, withdrawal, restore), until a
    /// front end takes it to tell the officer where it went.
    last_copy: Option<copies::Outcome>,
    /// A copy after an act that could not be made: the act is recorded all the same, and a
    /// front end tells the officer (`take_copy_failure`).
    copy_failure: Option<Error>,
}

/// The automatic copies, as the front ends ask for them.
impl Store {
    /// The second place where the automatic copies also go (a USB key, a network folder).
    pub fn second_place(&self) -> Option<std::path::PathBuf> {
        copies::second_place(&self.conn)
    }

    /// Sets the second place (`None`: only beside the database) and, when there is one, puts
    /// the latest copy there now, so that it starts complete.
    pub fn set_second_place(
        &mut self,
        db_path: &Path,
        dir: Option<&Path>,
        now: chrono::NaiveDateTime,
    ) -> Result<Option<copies::Outcome>> {
        copies::set_second_place(&self.conn, dir)?;
        match dir {
            Some(_) => copies::make(&self.conn, db_path, copies::Reason::Daily, now).map(Some),
            None => Ok(None),
        }
    }

    /// Today's automatic copy, unless there is one already.
    pub fn daily_copy(
        &self,
        db_path: &Path,
        now: chrono::NaiveDateTime,
    ) -> Result<Option<copies::Outcome>> {
        copies::daily(&self.conn, db_path, now)
    }
}

impl Store {
    pub fn open(path: &Path) -> Result<Store> {
        Ok(Store {
            conn: db::open(path)?,
            last_copy: None,
            copy_failure: None,
        })
    }

    pub fn open_in_memory() -> Result<Store> {
        Ok(Store {
            conn: db::open_in_memory()?,
            last_copy: None,
            copy_failure: None,
        })
    }

    /// The connection itself, for tests that reach the database straight (triggers, hostile
    /// rows). Not in a release build: the front ends go through `Store`'s methods.
    #[cfg(feature = "test-support")]
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Every row, as text: see [`db::dump`].
    pub fn dump(&self) -> Result<String> {
        db::dump(&self.conn)
    }

    fn tx<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        db::with_tx(&mut self.conn, f)
    }

    pub(crate) fn with_tx<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.tx(f)
    }

    /// The whole plan in the annex's order.
    pub fn load(&self, plan_id: i64) -> Result<FullPlan> {
        load(&self.conn, plan_id)
    }
}

pub(crate) fn load(conn: &Connection, plan_id: i64) -> Result<FullPlan> {
    let plan = plans::get_plan(conn, plan_id)?;
    let periods = plans::list_periods(conn, plan_id)?;
    let areas = areas::list_areas(conn, plan_id)?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, plan_id, service, kind, description, expected_result, indicator, timeliness, operational
         FROM objective WHERE plan_id = ?1 ORDER BY id",
        )
        .map_err(db_error)?;
    let objectives = stmt
        .query_map([plan_id], row_to_objective)
        .map_err(db_error)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_error)?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT p.id, p.objective_id, p.area_id, p.period_id, p.weight, p.position
         FROM placement p
         JOIN area a ON a.id = p.area_id
         JOIN period d ON d.id = p.period_id
         WHERE a.plan_id = ?1
         ORDER BY a.position, a.id, d.first_year, d.id, p.position, p.id",
        )
        .map_err(db_error)?;
    let placements = stmt
        .query_map([plan_id], row_to_placement)
        .map_err(db_error)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_error)?;
    let indicators = indicators::load(conn, plan_id)?;
    let dup = dup::load(conn, plan_id)?;
    Ok(FullPlan {
        dup,
        plan,
        periods,
        areas,
        objectives,
        placements,
        indicators,
    })
}

fn row_to_objective(r: &rusqlite::Row<'_>) -> rusqlite::Result<Objective> {
    let kind: String = r.get(3)?;
    Ok(Objective {
        id: ObjectiveId::new(r.get(0)?),
        plan_id: r.get(1)?,
        text: ObjectiveText {
            service: r.get(2)?,
            kind: if kind == "M" { Kind::M } else { Kind::S },
            description: r.get(4)?,
            expected_result: r.get(5)?,
            indicator: r.get(6)?,
        },
        timeliness: r.get(7)?,
        operational: r.get(8)?,
    })
}

fn row_to_placement(r: &rusqlite::Row<'_>) -> rusqlite::Result<Placement> {
    Ok(Placement {
        id: PlacementId::new(r.get(0)?),
        objective_id: ObjectiveId::new(r.get(1)?),
        area_id: AreaId::new(r.get(2)?),
        period_id: PeriodId::new(r.get(3)?),
        weight: Weight(r.get(4)?),
        position: r.get(5)?,
    })
}

/// Something a command names by id, to check it belongs to the plan the UI has open.
#[derive(Debug, Clone, Copy)]
pub enum Owned {
    Area(AreaId),
    Period(PeriodId),
    Objective(ObjectiveId),
    Placement(PlacementId),
    Indicator(IndicatorId),
}

impl Store {
    /// Refuses an id that exists but belongs to another plan (or does not exist).
    pub fn check_owner(&self, plan_id: i64, item: Owned) -> Result<()> {
        let conn = &self.conn;
        let (what, id, owner): (&'static str, i64, Option<i64>) = match item {
            Owned::Area(id) => ("Area", id.get(), area_plan(conn, id).ok()),
            Owned::Period(id) => ("Periodo", id.get(), period_plan(conn, id).ok()),
            Owned::Objective(id) => (
                "Obiettivo",
                id.get(),
                // Not found is an answer here; a failure of the database is not.
                match objective_plan(conn, id) {
                    Ok(plan) => Some(plan),
                    Err(Error::NotFound { .. }) => None,
                    Err(e) => return Err(e),
                },
            ),
            Owned::Placement(id) => (
                "Obiettivo",
                id.get(),
                conn.query_row(
                    "SELECT a.plan_id FROM placement p JOIN area a ON a.id = p.area_id WHERE p.id = ?1",
                    [id.get()],
                    |r| r.get(0),
                )
                .optional().map_err(db_error)?,
            ),
            Owned::Indicator(id) => (
                "Indicatore",
                id.get(),
                self.indicator_plan(id).ok(),
            ),
        };
        match owner {
            Some(p) if p == plan_id => Ok(()),
            Some(_) => Err(Error::invalid(
                "id",
                format!(
                    "{what} {id} appartiene a un altro piano: aggiorna la schermata e riprova."
                ),
            )),
            None => Err(Error::NotFound { what, id }),
        }
    }
}

/// The plan a row belongs to, as `sql` reads it (the row's id as `?1`), or NotFound.
fn plan_of(conn: &Connection, sql: &str, id: i64, what: &'static str) -> Result<i64> {
    conn.query_row(sql, [id], |r| r.get(0))
        .optional()
        .map_err(db_error)?
        .ok_or(Error::NotFound { what, id })
}

/// The plan an area belongs to, or NotFound.
fn area_plan(conn: &Connection, area_id: AreaId) -> Result<i64> {
    plan_of(
        conn,
        "SELECT plan_id FROM area WHERE id = ?1",
        area_id.get(),
        "Area",
    )
}

fn period_plan(conn: &Connection, period_id: PeriodId) -> Result<i64> {
    plan_of(
        conn,
        "SELECT plan_id FROM period WHERE id = ?1",
        period_id.get(),
        "Periodo",
    )
}

/// The plan an objective belongs to, or NotFound.
fn objective_plan(conn: &Connection, id: ObjectiveId) -> Result<i64> {
    plan_of(
        conn,
        "SELECT plan_id FROM objective WHERE id = ?1",
        id.get(),
        "Obiettivo",
    )
}

/// Checks that an area and a period exist and belong to the same plan; returns the plan.
fn cell_plan(conn: &Connection, area_id: AreaId, period_id: PeriodId) -> Result<i64> {
    let plan = area_plan(conn, area_id)?;
    if period_plan(conn, period_id)? != plan {
        return Err(Error::invalid(
            "period",
            "Il periodo scelto appartiene a un altro piano.",
        ));
    }
    Ok(plan)
}

/// Marks the plan as changed now (for modules outside the store that write to it).
pub(crate) fn touch_plan(conn: &Connection, plan_id: i64) -> Result<()> {
    touch(conn, plan_id)
}

fn touch(conn: &Connection, plan_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE plan SET updated_at = ?2 WHERE id = ?1",
        params![plan_id, now()],
    )
    .map_err(db_error)?;
    Ok(())
}

pub fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

impl Store {
    /// A complete, consistent copy of the database in `target`.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        backup::vacuum_into(&self.conn, target)
    }

    /// Replaces the database's content with a checked backup's, after keeping a copy of the
    /// current content beside the database file.
    pub fn restore_from(&mut self, source: &Path) -> Result<()> {
        self.last_copy = copies::restore_into(self.conn_mut(), source)?;
        Ok(())
    }

    /// Makes an automatic copy of the database before an operation (nothing for an
    /// in-memory database), and keeps its outcome for the front end.
    pub fn copy_before(&mut self, reason: copies::Reason) -> Result<()> {
        let now = chrono::Local::now().naive_local();
        if let Some(outcome) = copies::before(&self.conn, reason, now)? {
            self.last_copy = Some(outcome);
        }
        Ok(())
    }

    /// The last automatic copy an operation made, once.
    pub fn take_last_copy(&mut self) -> Option<copies::Outcome> {
        self.last_copy.take()
    }

    /// A verified copy after an act was recorded (nothing for an in-memory database). It
    /// cannot undo the act: a failure is kept for the front end (`take_copy_failure`), and
    /// the copy made before the act stays.
    pub fn copy_after_act(&mut self) {
        let now = chrono::Local::now().naive_local();
        match copies::before(&self.conn, copies::Reason::Recorded, now) {
            Ok(Some(outcome)) => self.last_copy = Some(outcome),
            Ok(None) => {}
            Err(e) => self.copy_failure = Some(e),
        }
    }

    /// Why the copy after the last act could not be made, once.
    pub fn take_copy_failure(&mut self) -> Option<Error> {
        self.copy_failure.take()
    }
}
