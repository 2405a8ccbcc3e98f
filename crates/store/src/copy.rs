//! Copying a plan's rows into a new plan: what a duplicate, a roll forward and a variation
//! write. Which years and which title is the caller's business (`ops::copy`).

use std::collections::HashMap;

use rusqlite::Connection;

use super::{areas, objectives, plans, AreaMap, NewPeriod, ObjectiveMap, Store};
use crate::db::db_error;
use piano_domain::error::Result;
use piano_domain::model::{FullPlan, PlanInput};

/// Writes a copy of `full` as a new plan with `input`'s names and years, every period shifted
/// by `shift` years. Areas, objectives, cross-cutting links, weights and order are kept.
pub fn copy_plan(conn: &Connection, full: &FullPlan, input: &PlanInput, shift: i32) -> Result<i64> {
    Ok(copy_plan_with_ids(conn, full, input, shift)?.0)
}

/// `copy_plan`, also telling which new area and objective each old one became (a
/// variation keeps their lineage).
pub fn copy_plan_with_ids(
    conn: &Connection,
    full: &FullPlan,
    input: &PlanInput,
    shift: i32,
) -> Result<(i64, AreaMap, ObjectiveMap)> {
    let periods: Vec<NewPeriod> = full
        .periods
        .iter()
        .map(|p| NewPeriod {
            first_year: p.first_year + shift,
            last_year: p.last_year + shift,
        })
        .collect();
    plans::check_periods(input.first_year, input.last_year, &periods)?;
    let plan_id = plans::insert_plan(conn, input, &[])?;
    let mut period_ids = HashMap::new();
    for (old, new) in full.periods.iter().zip(&periods) {
        period_ids.insert(old.id, plans::insert_period(conn, plan_id, *new)?);
    }
    let mut area_ids = HashMap::new();
    for area in &full.areas {
        let id = areas::insert_area(conn, plan_id, &area.name, &area.manager)?;
        if !area.pays_invoices {
            conn.execute(
                "UPDATE area SET pays_invoices = 0 WHERE id = ?1",
                [id.get()],
            )
            .map_err(db_error)?;
        }
        area_ids.insert(area.id, id);
    }
    super::dup::insert(conn, plan_id, &full.dup, Some(&area_ids))?;
    let mut objective_ids = HashMap::new();
    for objective in &full.objectives {
        let id = objectives::insert_objective(conn, plan_id, &objective.text)?;
        if objective.timeliness {
            conn.execute(
                "UPDATE objective SET timeliness = 1 WHERE id = ?1",
                [id.get()],
            )
            .map_err(db_error)?;
        }
        if objective.operational.is_some() {
            super::dup::set_link(conn, id, objective.operational.as_deref())?;
        }
        objective_ids.insert(objective.id, id);
        let mine: Vec<_> = full.indicators_of(objective.id).collect();
        super::indicators::copy(conn, &mine, id, shift)?;
    }
    for p in &full.placements {
        objectives::insert_placement(
            conn,
            objective_ids[&p.objective_id],
            area_ids[&p.area_id],
            period_ids[&p.period_id],
            p.weight,
        )?;
    }
    Ok((plan_id, area_ids, objective_ids))
}

impl Store {
    /// A full copy of a plan, titled "… (copia)"; the original is untouched.
    pub fn duplicate_plan(&mut self, id: i64) -> Result<i64> {
        self.tx(|tx| {
            let full = super::load(tx, id)?;
            let title = plans::free_title(
                tx,
                &full.plan.entity,
                &format!("{} (copia)", full.plan.title),
            )?;
            let input = PlanInput {
                title,
                ..full.plan.input()
            };
            copy_plan(tx, &full, &input, 0)
        })
    }
}
