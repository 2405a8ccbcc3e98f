//! Writing a plan's content as a sheet states it (`domain::content`): a new plan from an
//! import, or a version's content replaced by a sheet, its areas, objectives and indicators
//! keeping their identity (lineage) where the sheet kept them.

use std::collections::HashMap;

use rusqlite::Connection;

use super::{
    areas, indicators, load, objectives, plans, touch_plan, versions, Lineage, NewPeriod, Store,
};
use crate::db::db_error;
use piano_domain::content::{carried_identities, Content, ContentPlacement};
use piano_domain::error::{Error, Result};
use piano_domain::ids::{AreaId, IndicatorId, ObjectiveId, PeriodId};
use piano_domain::model::{name_key, FullPlan, ObjectiveText, PlanInput};

/// A refusal met while writing a row, named by the row's line and the column "Area".
fn at_line(line: u64, e: Error) -> Error {
    Error::Sheet {
        line,
        column: "Area".into(),
        message: e.to_string(),
    }
}

/// Writes `content` into a plan whose periods exist, row by row in the sheet's order: an
/// area and an objective when a row first names them, then the row's placement.
fn write(tx: &Connection, plan_id: i64, content: &Content) -> Result<()> {
    let period_ids: HashMap<(i32, i32), PeriodId> = crate::db::rows(
        tx,
        "SELECT first_year, last_year, id FROM period WHERE plan_id = ?1",
        [plan_id],
        |r| Ok(((r.get(0)?, r.get(1)?), PeriodId::new(r.get(2)?))),
    )?;
    let mut area_ids: Vec<Option<AreaId>> = vec![None; content.areas.len()];
    let mut objective_ids: Vec<Option<ObjectiveId>> = vec![None; content.objectives.len()];
    for p in &content.placements {
        let ContentPlacement {
            objective,
            area,
            period,
            weight,
            line,
        } = *p;
        let area_id = match area_ids[area] {
            Some(id) => id,
            None => {
                let a = &content.areas[area];
                let id = areas::insert_area(tx, plan_id, &a.name, &a.manager)
                    .map_err(|e| at_line(line, e))?;
                area_ids[area] = Some(id);
                id
            }
        };
        let objective_id = match objective_ids[objective] {
            Some(id) => id,
            None => {
                let o = &content.objectives[objective];
                let id = objectives::insert_objective(tx, plan_id, &o.text)?;
                if o.timeliness {
                    tx.execute(
                        "UPDATE objective SET timeliness = 1 WHERE id = ?1",
                        [id.get()],
                    )
                    .map_err(db_error)?;
                }
                if o.operational.is_some() {
                    super::dup::set_link(tx, id, o.operational.as_deref())?;
                }
                for spec in &o.indicators {
                    indicators::insert(tx, id, spec)?;
                }
                objective_ids[objective] = Some(id);
                id
            }
        };
        objectives::insert_placement(
            tx,
            objective_id,
            area_id,
            period_ids[&(period.first_year, period.last_year)],
            weight,
        )
        .map_err(|e| at_line(line, e))?;
    }
    Ok(())
}

/// The ids and lineages of a plan's areas (by name) and objectives (by text), to carry
/// identities over when a sheet replaces the content.
struct Identities {
    areas: HashMap<String, (AreaId, String, bool)>,
    objectives: Vec<(ObjectiveId, ObjectiveText)>,
    /// (objective lineage, position) → indicator lineage: an indicator that stays where it
    /// was keeps its identity, so the values measured on it stay too.
    indicators: HashMap<(ObjectiveId, i64), IndicatorId>,
    /// Objective lineage → the DUP operational objective it was linked to.
    links: HashMap<ObjectiveId, String>,
    /// The DUP goals' areas, by the areas' names: a sheet re-creates the areas.
    goal_areas: Vec<(String, Vec<String>)>,
}

/// The row of the first version that a row of `table` continues (its `lineage`).
fn lineage_of(tx: &Connection, table: &str, id: i64) -> Result<i64> {
    let sql = format!("SELECT lineage FROM {table} WHERE id = ?1");
    tx.query_row(&sql, [id], |r| r.get(0)).map_err(db_error)
}

fn identities(tx: &Connection, plan_id: i64) -> Result<Identities> {
    let plan = load(tx, plan_id)?;
    let mut areas = HashMap::new();
    for a in &plan.areas {
        let lineage = AreaId::new(lineage_of(tx, "area", a.id.get())?);
        areas.insert(
            name_key(&a.name),
            (lineage, a.manager.clone(), a.pays_invoices),
        );
    }
    let mut objectives = Vec::new();
    let mut links = HashMap::new();
    for o in &plan.objectives {
        let lineage = ObjectiveId::new(lineage_of(tx, "objective", o.id.get())?);
        objectives.push((lineage, o.text.clone()));
        if let Some(code) = &o.operational {
            links.insert(lineage, code.clone());
        }
    }
    let goal_areas = plan
        .dup
        .iter()
        .filter(|g| !g.areas.is_empty())
        .map(|g| {
            let names = g
                .areas
                .iter()
                .filter_map(|id| plan.areas.iter().find(|a| a.id == *id))
                .map(|a| name_key(&a.name))
                .collect();
            (g.code.clone(), names)
        })
        .collect();
    let indicators = crate::db::rows(
        tx,
        "SELECT o.lineage, i.position, i.lineage FROM indicator i
         JOIN objective o ON o.id = i.objective_id WHERE o.plan_id = ?1",
        [plan_id],
        |r| {
            Ok((
                (ObjectiveId::new(r.get(0)?), r.get(1)?),
                IndicatorId::new(r.get(2)?),
            ))
        },
    )?;
    Ok(Identities {
        areas,
        objectives,
        indicators,
        links,
        goal_areas,
    })
}

/// Replaces the content of a version with `content`: areas keep their identity by name, and
/// their manager unless the sheet names one; objectives theirs when their text is unchanged
/// or close (`domain::content::carried_identities`), so that the change annex shows what the
/// sheet changed.
fn replace(tx: &Connection, plan_id: i64, periods: &[NewPeriod], content: &Content) -> Result<()> {
    let before = identities(tx, plan_id)?;
    tx.execute("DELETE FROM area WHERE plan_id = ?1", [plan_id])
        .map_err(db_error)?;
    tx.execute("DELETE FROM objective WHERE plan_id = ?1", [plan_id])
        .map_err(db_error)?;
    tx.execute("DELETE FROM period WHERE plan_id = ?1", [plan_id])
        .map_err(db_error)?;
    for p in periods {
        plans::insert_period(tx, plan_id, *p)?;
    }
    write(tx, plan_id, content)?;
    let after = load(tx, plan_id)?;
    for a in &after.areas {
        if let Some((lineage, manager, pays)) = before.areas.get(&name_key(&a.name)) {
            tx.execute(
                "UPDATE area SET lineage = ?2, manager = CASE WHEN manager = '' THEN ?3 ELSE manager END,
                                 pays_invoices = ?4 WHERE id = ?1",
                rusqlite::params![a.id.get(), lineage.get(), manager, pays],
            ).map_err(db_error)?;
        }
    }
    // The DUP goals' areas, found again by name among the areas the sheet re-created.
    for (code, names) in &before.goal_areas {
        for (position, name) in names.iter().enumerate() {
            let Some(area) = after.areas.iter().find(|a| name_key(&a.name) == *name) else {
                continue;
            };
            tx.execute(
                "INSERT OR IGNORE INTO dup_goal_area (goal_id, area_id, position)
                 SELECT id, ?3, ?4 FROM dup_goal WHERE plan_id = ?1 AND code = ?2",
                rusqlite::params![plan_id, code, area.id.get(), position as i64],
            )
            .map_err(db_error)?;
        }
    }
    let now: Vec<(ObjectiveId, ObjectiveText)> = after
        .objectives
        .iter()
        .map(|o| (o.id, o.text.clone()))
        .collect();
    for (id, lineage) in carried_identities(&before.objectives, &now) {
        tx.execute(
            "UPDATE objective SET lineage = ?2 WHERE id = ?1",
            rusqlite::params![id.get(), lineage.get()],
        )
        .map_err(db_error)?;
        // Its link to the DUP stays, unless the sheet states another.
        if let Some(code) = before.links.get(&lineage) {
            tx.execute(
                "UPDATE objective SET operational = COALESCE(operational, ?2) WHERE id = ?1",
                rusqlite::params![id.get(), code],
            )
            .map_err(db_error)?;
        }
        for ((line, position), indicator) in &before.indicators {
            if *line == lineage {
                tx.execute(
                    "UPDATE indicator SET lineage = ?3 WHERE objective_id = ?1 AND position = ?2",
                    rusqlite::params![id.get(), position, indicator.get()],
                )
                .map_err(db_error)?;
            }
        }
    }
    touch_plan(tx, plan_id)
}

impl Store {
    /// A new plan with `content`, its title made free ("… (2)") if taken. All or nothing.
    pub fn create_plan_with(
        &mut self,
        input: &PlanInput,
        periods: &[NewPeriod],
        content: &Content,
    ) -> Result<i64> {
        self.with_tx(|tx| {
            let title = plans::free_title(tx, &input.entity, &input.title)?;
            let plan_id = plans::insert_plan(
                tx,
                &PlanInput {
                    title,
                    ..input.clone()
                },
                periods,
            )?;
            write(tx, plan_id, content)?;
            Ok(plan_id)
        })
    }

    /// Replaces a version's periods and content (see `replace`). All or nothing; the
    /// database refuses it for an approved version.
    pub fn replace_content(
        &mut self,
        plan_id: i64,
        periods: &[NewPeriod],
        content: &Content,
    ) -> Result<()> {
        self.with_tx(|tx| replace(tx, plan_id, periods, content))
    }

    /// The version as `replace_content` would leave it, with its areas' and objectives'
    /// lineage; nothing is written (the transaction is rolled back).
    pub fn rehearse_replace(
        &mut self,
        plan_id: i64,
        periods: &[NewPeriod],
        content: &Content,
    ) -> Result<(FullPlan, Lineage)> {
        let tx = self.conn_mut().transaction().map_err(db_error)?;
        replace(&tx, plan_id, periods, content)?;
        let new = load(&tx, plan_id)?;
        let mut lineage = versions::lineage_of(&tx, plan_id)?;
        // The comparison of a sheet with its version follows areas and objectives.
        lineage.indicators.clear();
        tx.rollback().map_err(db_error)?;
        Ok((new, lineage))
    }

    /// A new plan with a whole plan's rows, named and dated by `input` (its title made free,
    /// "… (2)", if taken): a JSON copy, a roll forward.
    pub fn insert_copy(&mut self, plan: &FullPlan, input: &PlanInput) -> Result<i64> {
        self.with_tx(|tx| {
            let title = plans::free_title(tx, &input.entity, &input.title)?;
            let input = PlanInput {
                title,
                ..input.clone()
            };
            super::copy_plan(tx, plan, &input, 0)
        })
    }
}
