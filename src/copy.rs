//! Copying a plan into a new one: duplicate (same years) and roll forward (years shifted).

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Result;
use crate::model::{FullPlan, PlanInput};
use crate::store::{self, NewPeriod};

/// Writes a copy of `full` as a new plan with `input`'s names and years, every period shifted
/// by `shift` years. Areas, objectives, cross-cutting links, weights and order are kept.
pub fn copy_plan(conn: &Connection, full: &FullPlan, input: &PlanInput, shift: i32) -> Result<i64> {
    Ok(copy_plan_with_ids(conn, full, input, shift)?.0)
}

/// Old area id → new, old objective id → new.
pub type IdMap = HashMap<i64, i64>;

/// `copy_plan`, also telling which new area and objective each old one became (a
/// variation keeps their lineage).
pub fn copy_plan_with_ids(
    conn: &Connection,
    full: &FullPlan,
    input: &PlanInput,
    shift: i32,
) -> Result<(i64, IdMap, IdMap)> {
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
        let id = store::insert_area(conn, plan_id, &area.name, &area.manager)?;
        if !area.pays_invoices {
            conn.execute("UPDATE area SET pays_invoices = 0 WHERE id = ?1", [id])?;
        }
        area_ids.insert(area.id, id);
    }
    let mut objective_ids = HashMap::new();
    for objective in &full.objectives {
        let id = store::insert_objective(conn, plan_id, &objective.text)?;
        if objective.timeliness {
            conn.execute("UPDATE objective SET timeliness = 1 WHERE id = ?1", [id])?;
        }
        objective_ids.insert(objective.id, id);
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
    Ok((plan_id, area_ids, objective_ids))
}

/// How an old period lands in the new plan: its new years, or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PeriodMap {
    pub old_period_id: i64,
    pub new: Option<NewPeriod>,
}

/// The title with its years moved: "PIANO OBIETTIVI 2020-2022" → "PIANO OBIETTIVI 2021-2023".
pub fn shifted_title(title: &str, old: (i32, i32), new: (i32, i32)) -> String {
    let old_span = format!("{}-{}", old.0, old.1);
    if title.contains(&old_span) {
        return title.replace(&old_span, &format!("{}-{}", new.0, new.1));
    }
    format!("{title} {}-{}", new.0, new.1)
}

impl crate::store::Store {
    /// Rolls a plan forward to a new triennium starting at `first_year`: a new plan with the
    /// same areas, objectives, cross-cutting links, weights and order. Each old period is moved
    /// as `mapping` says (default: shifted by the same number of years); a dropped period
    /// takes its objectives with it. The original is untouched.
    pub fn roll_forward(
        &mut self,
        plan_id: i64,
        first_year: i32,
        mapping: Option<&[PeriodMap]>,
    ) -> Result<i64> {
        crate::model::check_year("first_year", first_year)?;
        self.with_tx(|tx| {
            let mut full = crate::store::load(tx, plan_id)?;
            let shift = first_year - full.plan.first_year;
            let last_year = full.plan.last_year + shift;
            crate::model::check_year("first_year", last_year)?;
            let map: HashMap<i64, Option<NewPeriod>> = match mapping {
                Some(m) => m.iter().map(|p| (p.old_period_id, p.new)).collect(),
                None => full
                    .periods
                    .iter()
                    .map(|p| {
                        (
                            p.id,
                            Some(NewPeriod {
                                first_year: p.first_year + shift,
                                last_year: p.last_year + shift,
                            }),
                        )
                    })
                    .collect(),
            };
            // Apply the mapping by rewriting the periods, then copy with no further shift.
            full.periods
                .retain(|p| map.get(&p.id).copied().flatten().is_some());
            for p in &mut full.periods {
                if let Some(Some(new)) = map.get(&p.id) {
                    p.first_year = new.first_year;
                    p.last_year = new.last_year;
                }
            }
            let kept: std::collections::HashSet<i64> = full.periods.iter().map(|p| p.id).collect();
            full.placements.retain(|p| kept.contains(&p.period_id));
            let used: std::collections::HashSet<i64> =
                full.placements.iter().map(|p| p.objective_id).collect();
            full.objectives.retain(|o| used.contains(&o.id));
            let title = shifted_title(
                &full.plan.title,
                (full.plan.first_year, full.plan.last_year),
                (first_year, last_year),
            );
            let input = PlanInput {
                entity: full.plan.entity.clone(),
                title: crate::store::free_title(tx, &full.plan.entity, &title)?,
                first_year,
                last_year,
                approval: String::new(),
            };
            copy_plan(tx, &full, &input, 0)
        })
    }
}
