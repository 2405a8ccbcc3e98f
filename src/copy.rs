//! Copying a plan into a new one: duplicate (same years) and roll forward (years shifted).

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Result;
use crate::model::{FullPlan, PlanInput};
use crate::store::{self, NewPeriod};

/// Writes a copy of `full` as a new plan with `input`'s names and years, every period shifted
/// by `shift` years. Areas, objectives, cross-cutting links, weights and order are kept.
pub fn copy_plan(conn: &Connection, full: &FullPlan, input: &PlanInput, shift: i32) -> Result<i64> {
    let periods: Vec<NewPeriod> = full
        .periods
        .iter()
        .map(|p| NewPeriod {
            first_year: p.first_year + shift,
            last_year: p.last_year + shift,
        })
        .collect();
    store::plans_check_periods(input.first_year, input.last_year, &periods)?;
    let plan_id = store::insert_plan(conn, input, &[])?;
    let mut period_ids = HashMap::new();
    for (old, new) in full.periods.iter().zip(&periods) {
        period_ids.insert(old.id, store::insert_period(conn, plan_id, *new)?);
    }
    let mut area_ids = HashMap::new();
    for area in &full.areas {
        area_ids.insert(
            area.id,
            store::insert_area(conn, plan_id, &area.name, &area.manager)?,
        );
    }
    let mut objective_ids = HashMap::new();
    for objective in &full.objectives {
        objective_ids.insert(
            objective.id,
            store::insert_objective(conn, plan_id, &objective.text)?,
        );
    }
    for p in &full.placements {
        store::insert_placement(
            conn,
            objective_ids[&p.objective_id],
            area_ids[&p.area_id],
            period_ids[&p.period_id],
            p.weight,
        )?;
    }
    Ok(plan_id)
}
