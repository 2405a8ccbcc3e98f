//! Copying a plan into a new triennium: the years shifted, periods mapped or dropped, the
//! title moved on. The rows are written by `store::copy`.

use std::collections::HashMap;

use crate::domain::ids::{ObjectiveId, PeriodId};
use crate::domain::model::{check_year, PlanInput};
use crate::error::Result;
use crate::store::{NewPeriod, Store};

/// How an old period lands in the new plan: its new years, or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PeriodMap {
    pub old_period_id: PeriodId,
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

pub trait Copies {
    /// Rolls a plan forward to a new triennium starting at `first_year`: a new plan with the
    /// same areas, objectives, cross-cutting links, weights and order. Each old period is moved
    /// as `mapping` says (default: shifted by the same number of years); a dropped period
    /// takes its objectives with it. The original is untouched.
    fn roll_forward(
        &mut self,
        plan_id: i64,
        first_year: i32,
        mapping: Option<&[PeriodMap]>,
    ) -> Result<i64>;
}

impl Copies for Store {
    fn roll_forward(
        &mut self,
        plan_id: i64,
        first_year: i32,
        mapping: Option<&[PeriodMap]>,
    ) -> Result<i64> {
        check_year("first_year", first_year)?;
        let mut full = self.load(plan_id)?;
        let shift = first_year - full.plan.first_year;
        let last_year = full.plan.last_year + shift;
        check_year("first_year", last_year)?;
        let map: HashMap<PeriodId, Option<NewPeriod>> = match mapping {
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
        let kept: std::collections::HashSet<PeriodId> = full.periods.iter().map(|p| p.id).collect();
        full.placements.retain(|p| kept.contains(&p.period_id));
        let used: std::collections::HashSet<ObjectiveId> =
            full.placements.iter().map(|p| p.objective_id).collect();
        full.objectives.retain(|o| used.contains(&o.id));
        let title = shifted_title(
            &full.plan.title,
            (full.plan.first_year, full.plan.last_year),
            (first_year, last_year),
        );
        let input = PlanInput {
            title,
            first_year,
            last_year,
            approval: String::new(),
            ..full.plan.input()
        };
        self.insert_copy(&full, &input)
    }
}
