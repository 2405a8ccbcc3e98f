//! Areas: the organisational units of a plan, in the plan's order.

use rusqlite::{params, Connection, OptionalExtension};

use super::{touch, Store};
use crate::db::db_error;
use piano_domain::error::{Error, Result};
use piano_domain::ids::AreaId;
use piano_domain::model::name_key;
use piano_domain::model::{clean_text, Area};

/// The columns [`area_row`] reads, in its order.
const AREA_COLUMNS: &str = "id, plan_id, name, manager, position, pays_invoices";

/// An area as [`AREA_COLUMNS`] select it.
fn area_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Area> {
    Ok(Area {
        id: AreaId::new(r.get(0)?),
        plan_id: r.get(1)?,
        name: r.get(2)?,
        manager: r.get(3)?,
        position: r.get(4)?,
        pays_invoices: r.get(5)?,
    })
}

pub(super) fn list_areas(conn: &Connection, plan_id: i64) -> Result<Vec<Area>> {
    crate::db::rows(
        conn,
        &format!("SELECT {AREA_COLUMNS} FROM area WHERE plan_id = ?1 ORDER BY position, id"),
        [plan_id],
        area_row,
    )
}

fn get_area(conn: &Connection, id: AreaId) -> Result<Area> {
    conn.query_row(
        &format!("SELECT {AREA_COLUMNS} FROM area WHERE id = ?1"),
        [id.get()],
        area_row,
    )
    .optional()
    .map_err(db_error)?
    .ok_or(Error::NotFound {
        what: "Area",
        id: id.get(),
    })
}

fn check_name_free(
    conn: &Connection,
    plan_id: i64,
    name: &str,
    except: Option<AreaId>,
) -> Result<()> {
    let key = name_key(name);
    let clash = list_areas(conn, plan_id)?
        .into_iter()
        .any(|a| Some(a.id) != except && name_key(&a.name) == key);
    if clash {
        return Err(Error::invalid(
            "name",
            format!(
                "Nel piano c'è già un'area «{}»: scegli un altro nome.",
                name.trim()
            ),
        ));
    }
    Ok(())
}

/// Inserts an area at the end of the plan's list, after checking its name.
pub(crate) fn insert_area(
    conn: &Connection,
    plan_id: i64,
    name: &str,
    manager: &str,
) -> Result<AreaId> {
    let name = clean_text("name", "Nome dell'area", name, true)?;
    let manager = clean_text("manager", "Responsabile", manager, false)?;
    check_name_free(conn, plan_id, &name, None)?;
    conn.execute(
        "INSERT INTO area (plan_id, name, manager, position)
         VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), -1) + 1 FROM area WHERE plan_id = ?1))",
        params![plan_id, name, manager],
    ).map_err(db_error)?;
    Ok(AreaId::new(conn.last_insert_rowid()))
}

impl Store {
    pub fn list_areas(&self, plan_id: i64) -> Result<Vec<Area>> {
        super::plans::get_plan(&self.conn, plan_id)?;
        list_areas(&self.conn, plan_id)
    }

    pub fn add_area(&mut self, plan_id: i64, name: &str, manager: &str) -> Result<AreaId> {
        self.tx(|tx| {
            super::plans::get_plan(tx, plan_id)?;
            let id = insert_area(tx, plan_id, name, manager)?;
            touch(tx, plan_id)?;
            Ok(id)
        })
    }

    pub fn update_area(&mut self, id: AreaId, name: &str, manager: &str) -> Result<()> {
        let name = clean_text("name", "Nome dell'area", name, true)?;
        let manager = clean_text("manager", "Responsabile", manager, false)?;
        self.tx(|tx| {
            let area = get_area(tx, id)?;
            check_name_free(tx, area.plan_id, &name, Some(id))?;
            tx.execute(
                "UPDATE area SET name = ?2, manager = ?3 WHERE id = ?1",
                params![id.get(), name, manager],
            )
            .map_err(db_error)?;
            touch(tx, area.plan_id)
        })
    }

    /// Moves an area up (`delta` < 0) or down in the plan's order, by swapping with its neighbour.
    pub fn move_area(&mut self, id: AreaId, delta: i32) -> Result<()> {
        self.tx(|tx| {
            let area = get_area(tx, id)?;
            let areas = list_areas(tx, area.plan_id)?;
            let index = areas.iter().position(|a| a.id == id).unwrap_or(0);
            let target = index as i64 + i64::from(delta.signum());
            if target < 0 || target >= areas.len() as i64 {
                return Ok(());
            }
            let mut order: Vec<AreaId> = areas.iter().map(|a| a.id).collect();
            order.swap(index, target as usize);
            for (pos, area_id) in order.iter().enumerate() {
                tx.execute(
                    "UPDATE area SET position = ?2 WHERE id = ?1",
                    params![area_id.get(), pos as i64],
                )
                .map_err(db_error)?;
            }
            touch(tx, area.plan_id)
        })
    }

    /// Removes an area with its placements; cross-cutting objectives stay in the other areas.
    pub fn delete_area(&mut self, id: AreaId) -> Result<()> {
        self.tx(|tx| {
            let area = get_area(tx, id)?;
            tx.execute("DELETE FROM area WHERE id = ?1", [id.get()])
                .map_err(db_error)?;
            super::objectives::delete_orphans(tx, area.plan_id)?;
            touch(tx, area.plan_id)
        })
    }
}
