//! Objectives and their placements: an objective's text lives once; each placement puts it in
//! an area and a period with a weight and an order. Two or more placements: cross-cutting.

use rusqlite::{params, Connection, OptionalExtension};

use super::{cell_plan, objective_plan, row_to_placement, touch, Store};
use crate::db::db_error;
use piano_domain::error::{Error, Result};
use piano_domain::ids::{AreaId, ObjectiveId, PeriodId, PlacementId};
use piano_domain::model::{ObjectiveInput, ObjectiveText, Placement, Weight};

pub(crate) fn insert_objective(
    conn: &Connection,
    plan_id: i64,
    t: &ObjectiveText,
) -> Result<ObjectiveId> {
    conn.execute(
        "INSERT INTO objective (plan_id, service, kind, description, expected_result, indicator)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            plan_id,
            t.service,
            t.kind.as_str(),
            t.description,
            t.expected_result,
            t.indicator
        ],
    )
    .map_err(db_error)?;
    Ok(ObjectiveId::new(conn.last_insert_rowid()))
}

/// Places an objective at the end of an area's period.
pub(crate) fn insert_placement(
    conn: &Connection,
    objective_id: ObjectiveId,
    area_id: AreaId,
    period_id: PeriodId,
    weight: Weight,
) -> Result<PlacementId> {
    let (objective_id, area_id, period_id) = (objective_id.get(), area_id.get(), period_id.get());
    let already: Option<i64> = conn
        .query_row(
            "SELECT id FROM placement WHERE objective_id = ?1 AND area_id = ?2 AND period_id = ?3",
            params![objective_id, area_id, period_id],
            |r| r.get(0),
        )
        .optional()
        .map_err(db_error)?;
    if already.is_some() {
        return Err(Error::invalid(
            "area",
            "L'obiettivo è già presente in quest'area e in questo periodo.",
        ));
    }
    conn.execute(
        "INSERT INTO placement (objective_id, area_id, period_id, weight, position)
         VALUES (?1, ?2, ?3, ?4,
                 (SELECT coalesce(max(position), -1) + 1 FROM placement
                  WHERE area_id = ?2 AND period_id = ?3))",
        params![objective_id, area_id, period_id, weight.0],
    )
    .map_err(db_error)?;
    Ok(PlacementId::new(conn.last_insert_rowid()))
}

/// A new objective with the same text as `id`, in the same plan.
fn copy_objective(conn: &Connection, id: ObjectiveId) -> Result<ObjectiveId> {
    conn.execute(
        "INSERT INTO objective (plan_id, service, kind, description, expected_result, indicator, timeliness)
         SELECT plan_id, service, kind, description, expected_result, indicator, timeliness
         FROM objective WHERE id = ?1",
        [id.get()],
    ).map_err(db_error)?;
    let new = ObjectiveId::new(conn.last_insert_rowid());
    super::indicators::copy_same_plan(conn, id, new)?;
    Ok(new)
}

fn get_placement(conn: &Connection, id: PlacementId) -> Result<Placement> {
    conn.query_row(
        "SELECT id, objective_id, area_id, period_id, weight, position FROM placement WHERE id = ?1",
        [id.get()],
        row_to_placement,
    )
    .optional().map_err(db_error)?
    .ok_or(Error::NotFound { what: "Obiettivo", id: id.get() })
}

/// Objectives left with no placement have no place in the annex: remove them.
pub(super) fn delete_orphans(conn: &Connection, plan_id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM objective WHERE plan_id = ?1
         AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.objective_id = objective.id)",
        [plan_id],
    )
    .map_err(db_error)?;
    Ok(())
}

/// The placements of one cell, in order.
fn cell_ids(conn: &Connection, area_id: AreaId, period_id: PeriodId) -> Result<Vec<PlacementId>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id FROM placement WHERE area_id = ?1 AND period_id = ?2 ORDER BY position, id",
        )
        .map_err(db_error)?;
    let ids = stmt
        .query_map(params![area_id.get(), period_id.get()], |r| {
            r.get(0).map(PlacementId::new)
        })
        .map_err(db_error)?;
    ids.collect::<rusqlite::Result<_>>().map_err(db_error)
}

fn renumber(conn: &Connection, ids: &[PlacementId]) -> Result<()> {
    for (pos, id) in ids.iter().enumerate() {
        conn.execute(
            "UPDATE placement SET position = ?2 WHERE id = ?1",
            params![id.get(), pos as i64],
        )
        .map_err(db_error)?;
    }
    Ok(())
}

impl Store {
    /// A new objective at the end of an area's period. Returns the placement's id.
    pub fn add_objective(
        &mut self,
        area_id: AreaId,
        period_id: PeriodId,
        input: &ObjectiveInput,
        weight: &str,
    ) -> Result<PlacementId> {
        let text = input.validate()?;
        let weight = Weight::parse(weight)?;
        self.tx(|tx| {
            let plan_id = cell_plan(tx, area_id, period_id)?;
            let objective_id = insert_objective(tx, plan_id, &text)?;
            let id = insert_placement(tx, objective_id, area_id, period_id, weight)?;
            touch(tx, plan_id)?;
            Ok(id)
        })
    }

    /// Edits a placed objective: its text (everywhere it is placed) and its weight here.
    pub fn update_placement(
        &mut self,
        placement_id: PlacementId,
        input: &ObjectiveInput,
        weight: &str,
    ) -> Result<()> {
        let text = input.validate()?;
        let weight = Weight::parse(weight)?;
        self.tx(|tx| {
            let p = get_placement(tx, placement_id)?;
            let plan_id = objective_plan(tx, p.objective_id)?;
            tx.execute(
                "UPDATE objective SET service = ?2, kind = ?3, description = ?4,
                        expected_result = ?5, indicator = ?6 WHERE id = ?1",
                params![
                    p.objective_id.get(),
                    text.service,
                    text.kind.as_str(),
                    text.description,
                    text.expected_result,
                    text.indicator
                ],
            )
            .map_err(db_error)?;
            tx.execute(
                "UPDATE placement SET weight = ?2 WHERE id = ?1",
                params![placement_id.get(), weight.0],
            )
            .map_err(db_error)?;
            touch(tx, plan_id)
        })
    }

    /// One placement's weight alone (tests set up plans with it; the app saves a weight
    /// with its objective, `update_placement`).
    #[cfg(feature = "test-support")]
    pub fn set_weight(&mut self, placement_id: PlacementId, weight: &str) -> Result<()> {
        let weight = Weight::parse(weight)?;
        self.tx(|tx| {
            let p = get_placement(tx, placement_id)?;
            tx.execute(
                "UPDATE placement SET weight = ?2 WHERE id = ?1",
                params![placement_id.get(), weight.0],
            )
            .map_err(db_error)?;
            touch(tx, objective_plan(tx, p.objective_id)?)
        })
    }

    /// Places an existing objective in another area (and period) too: it becomes cross-cutting.
    pub fn place_objective(
        &mut self,
        objective_id: ObjectiveId,
        area_id: AreaId,
        period_id: PeriodId,
        weight: &str,
    ) -> Result<PlacementId> {
        let weight = Weight::parse(weight)?;
        self.tx(|tx| {
            let plan_id = objective_plan(tx, objective_id)?;
            if cell_plan(tx, area_id, period_id)? != plan_id {
                return Err(Error::invalid(
                    "area",
                    "L'area scelta appartiene a un altro piano.",
                ));
            }
            let id = insert_placement(tx, objective_id, area_id, period_id, weight)?;
            touch(tx, plan_id)?;
            Ok(id)
        })
    }

    /// Places an objective in several areas of one period at once, each with its weight: all
    /// or nothing. A weight error names the area it belongs to.
    pub fn place_objective_many(
        &mut self,
        objective_id: ObjectiveId,
        period_id: PeriodId,
        placements: &[(AreaId, String)],
    ) -> Result<()> {
        let mut parsed = Vec::with_capacity(placements.len());
        for (area_id, weight) in placements {
            parsed.push((
                *area_id,
                Weight::parse(weight).map_err(|e| Error::AreaWeight {
                    area_id: area_id.get(),
                    message: e.to_string(),
                })?,
            ));
        }
        self.tx(|tx| {
            let plan_id = objective_plan(tx, objective_id)?;
            for (area_id, weight) in parsed {
                if cell_plan(tx, area_id, period_id)? != plan_id {
                    return Err(Error::invalid(
                        "area",
                        "L'area scelta appartiene a un altro piano.",
                    ));
                }
                insert_placement(tx, objective_id, area_id, period_id, weight).map_err(|e| {
                    Error::AreaWeight {
                        area_id: area_id.get(),
                        message: e.to_string(),
                    }
                })?;
            }
            touch(tx, plan_id)
        })
    }

    /// Moves a row up (`delta` < 0) or down inside its period.
    pub fn move_placement(&mut self, placement_id: PlacementId, delta: i32) -> Result<()> {
        self.tx(|tx| {
            let p = get_placement(tx, placement_id)?;
            let mut ids = cell_ids(tx, p.area_id, p.period_id)?;
            let index = ids.iter().position(|&id| id == placement_id).unwrap_or(0);
            let target = index as i64 + i64::from(delta.signum());
            if target < 0 || target >= ids.len() as i64 {
                return Ok(());
            }
            ids.swap(index, target as usize);
            renumber(tx, &ids)?;
            touch(tx, objective_plan(tx, p.objective_id)?)
        })
    }

    /// Moves a row to the end of another area's or period's list.
    pub fn move_placement_to(
        &mut self,
        placement_id: PlacementId,
        area_id: AreaId,
        period_id: PeriodId,
    ) -> Result<()> {
        self.tx(|tx| {
            let p = get_placement(tx, placement_id)?;
            let plan_id = objective_plan(tx, p.objective_id)?;
            if cell_plan(tx, area_id, period_id)? != plan_id {
                return Err(Error::invalid(
                    "area",
                    "L'area scelta appartiene a un altro piano.",
                ));
            }
            if (p.area_id, p.period_id) == (area_id, period_id) {
                return Ok(());
            }
            tx.execute("DELETE FROM placement WHERE id = ?1", [placement_id.get()])
                .map_err(db_error)?;
            insert_placement(tx, p.objective_id, area_id, period_id, p.weight)?;
            renumber(tx, &cell_ids(tx, p.area_id, p.period_id)?)?;
            touch(tx, plan_id)
        })
    }

    /// A copy of a row right below it, as a separate objective (not shared).
    pub fn duplicate_placement(&mut self, placement_id: PlacementId) -> Result<PlacementId> {
        self.tx(|tx| {
            let p = get_placement(tx, placement_id)?;
            let plan_id = objective_plan(tx, p.objective_id)?;
            let new_objective = copy_objective(tx, p.objective_id)?;
            let new_id = insert_placement(tx, new_objective, p.area_id, p.period_id, p.weight)?;
            let mut ids = cell_ids(tx, p.area_id, p.period_id)?;
            ids.retain(|&id| id != new_id);
            let at = ids
                .iter()
                .position(|&id| id == placement_id)
                .map_or(ids.len(), |i| i + 1);
            ids.insert(at, new_id);
            renumber(tx, &ids)?;
            touch(tx, plan_id)?;
            Ok(new_id)
        })
    }

    /// Gives a shared row its own copy of the text, so that editing it no longer changes the
    /// other areas.
    pub fn detach_placement(&mut self, placement_id: PlacementId) -> Result<()> {
        self.tx(|tx| {
            let p = get_placement(tx, placement_id)?;
            let new_objective = copy_objective(tx, p.objective_id)?;
            tx.execute(
                "UPDATE placement SET objective_id = ?2 WHERE id = ?1",
                params![placement_id.get(), new_objective.get()],
            )
            .map_err(db_error)?;
            touch(tx, objective_plan(tx, p.objective_id)?)
        })
    }

    /// Removes a row; a cross-cutting objective stays in its other areas.
    pub fn delete_placement(&mut self, placement_id: PlacementId) -> Result<()> {
        self.tx(|tx| {
            let p = get_placement(tx, placement_id)?;
            let plan_id = objective_plan(tx, p.objective_id)?;
            tx.execute("DELETE FROM placement WHERE id = ?1", [placement_id.get()])
                .map_err(db_error)?;
            delete_orphans(tx, plan_id)?;
            renumber(tx, &cell_ids(tx, p.area_id, p.period_id)?)?;
            touch(tx, plan_id)
        })
    }
}
