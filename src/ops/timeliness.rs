//! Adding the standard payment-timeliness objective where the rule finds it missing.

use crate::domain::ids::{AreaId, PeriodId};
use crate::domain::indicators::{IndicatorInput, TargetInput};
use crate::domain::model::Weight;
use crate::domain::timeliness::{check, standard, MIN_WEIGHT};
use crate::error::Result;
use crate::store::Store;

pub trait Timeliness {
    /// Adds the standard payment-timeliness objective, one cross-cutting text, to every
    /// paying area and period from 2024 that lacks it, at `weight` (30 when empty). Other
    /// weights are left to the officer. Returns how many places it went to.
    fn add_timeliness_objective(&mut self, plan_id: i64, weight: &str) -> Result<usize>;
}

impl Timeliness for Store {
    fn add_timeliness_objective(&mut self, plan_id: i64, weight: &str) -> Result<usize> {
        let weight = if weight.trim().is_empty() {
            Weight(MIN_WEIGHT)
        } else {
            Weight::parse(weight)?
        };
        let plan = self.load(plan_id)?;
        let missing: Vec<(AreaId, PeriodId)> = check(&plan)
            .iter()
            .filter_map(|p| Some((p.area_id?, p.period_id?)))
            .filter(|(a, d)| {
                !plan
                    .cell(*a, *d)
                    .any(|p| plan.objective(p.objective_id).is_some_and(|o| o.timeliness))
            })
            .collect();
        let Some(&(area, period)) = missing.first() else {
            return Ok(0);
        };
        let w = weight.to_italian();
        let placement = self.add_objective(area, period, &standard(), &w)?;
        let objective = self.set_row_timeliness(placement, true)?;
        for &(a, d) in &missing[1..] {
            self.place_objective(objective, a, d, &w)?;
        }
        // Its two measures, with a target for every year the rule applies to: the annual
        // delay indicator ≤ 0 days (met at 0 or early) and the average payment time ≤ 30 days.
        let years: Vec<i32> = (plan
            .plan
            .first_year
            .max(crate::domain::timeliness::FIRST_YEAR)
            ..=plan.plan.last_year)
            .collect();
        let measure = |unit: &str, target: &str| IndicatorInput {
            kind: "giorni".into(),
            unit: unit.into(),
            direction: "decrescente".into(),
            targets: years
                .iter()
                .map(|&year| TargetInput {
                    year,
                    value: target.into(),
                })
                .collect(),
            source: "Piattaforma dei crediti commerciali (PCC)".into(),
            ..IndicatorInput::default()
        };
        self.add_indicators(&[
            (
                objective,
                measure("giorni di ritardo (indicatore annuale)", "0"),
            ),
            (objective, measure("giorni medi di pagamento", "30")),
        ])?;
        Ok(missing.len())
    }
}
