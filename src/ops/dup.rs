//! The plan in its place: bringing the DUP's tree into a plan version and linking each
//! objective to its operational objective (art. 170 TUEL; D.Lgs. 118/2011, all. 4/1 § 8).

use crate::domain::dup::{self, Goal};
use crate::domain::ids::ObjectiveId;
use crate::error::Result;
use crate::formats::dup_sheet;
use crate::store::{Owned, Store};

pub trait DupLinks {
    /// Replaces the plan version's DUP with a sheet's (`extension`: csv, xlsx, xls, ods): all
    /// or nothing, every problem with its row and column. Returns the tree as saved.
    fn import_dup(&mut self, plan_id: i64, bytes: &[u8], extension: &str) -> Result<Vec<Goal>>;

    /// Links objectives to the operational objective `code` typed or chosen (blank: none).
    /// Returns the code as the tree writes it.
    fn link_operational(
        &mut self,
        plan_id: i64,
        objectives: &[ObjectiveId],
        code: &str,
    ) -> Result<Option<String>>;
}

impl DupLinks for Store {
    fn import_dup(&mut self, plan_id: i64, bytes: &[u8], extension: &str) -> Result<Vec<Goal>> {
        let rows = dup_sheet::read(bytes, extension)?;
        let plan = self.load(plan_id)?;
        let goals = dup::from_rows(&rows, &plan.areas)?;
        self.replace_dup(plan_id, &goals)?;
        Ok(goals)
    }

    fn link_operational(
        &mut self,
        plan_id: i64,
        objectives: &[ObjectiveId],
        code: &str,
    ) -> Result<Option<String>> {
        for &id in objectives {
            self.check_owner(plan_id, Owned::Objective(id))?;
        }
        let plan = self.load(plan_id)?;
        let code = dup::check_link(&plan.dup, code)?;
        let links: Vec<(ObjectiveId, Option<String>)> =
            objectives.iter().map(|&id| (id, code.clone())).collect();
        self.set_operational(plan_id, &links)?;
        Ok(code)
    }
}
