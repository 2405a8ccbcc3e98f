//! The payment-timeliness marks (art. 4-bis DL 13/2023): whether an area's manager pays
//! invoices, whether an objective is the timeliness one. The rule itself is
//! `domain::timeliness`.

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::db::db_error;
use piano_domain::error::{Error, Result};
use piano_domain::ids::{AreaId, ObjectiveId, PlacementId};

impl Store {
    pub fn set_pays_invoices(&mut self, area_id: AreaId, pays: bool) -> Result<()> {
        let sql = "UPDATE area SET pays_invoices = ?2 WHERE id = ?1";
        self.set_flag(sql, area_id.get(), pays, "Area")
    }

    /// Marks (or unmarks) the objective of a row, wherever else it is placed; returns it.
    pub fn set_row_timeliness(&mut self, placement: PlacementId, on: bool) -> Result<ObjectiveId> {
        let objective = self
            .conn
            .query_row(
                "SELECT objective_id FROM placement WHERE id = ?1",
                [placement.get()],
                |r| r.get(0).map(ObjectiveId::new),
            )
            .optional()
            .map_err(db_error)?
            .ok_or(Error::NotFound {
                what: "Obiettivo",
                id: placement.get(),
            })?;
        self.set_timeliness(objective, on)?;
        Ok(objective)
    }

    pub fn set_timeliness(&mut self, objective_id: ObjectiveId, on: bool) -> Result<()> {
        let sql = "UPDATE objective SET timeliness = ?2 WHERE id = ?1";
        self.set_flag(sql, objective_id.get(), on, "Obiettivo")
    }

    /// Sets one row's flag with `sql` (`?1` the row's id, `?2` the flag); NotFound (`what`)
    /// when no row has that id.
    fn set_flag(&mut self, sql: &str, id: i64, on: bool, what: &'static str) -> Result<()> {
        self.with_tx(|tx| {
            let n = tx.execute(sql, params![id, on]).map_err(db_error)?;
            if n == 0 {
                return Err(Error::NotFound { what, id });
            }
            Ok(())
        })
    }
}
