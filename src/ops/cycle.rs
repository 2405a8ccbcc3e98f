//! The year's cycle on one screen (`domain::cycle`): the facts gathered from the store — the
//! plan's check and approval, the PIAO, the monitoring dates, the variations, the results and
//! the Relazione, the evaluation and its schede, the payment — and the two acts and the
//! deadlines the office records here.

use chrono::{Datelike, NaiveDate};

use super::{Comparing, Evaluating, Recording};
use crate::domain::cycle::{self, Facts, Monitoring, Step};
use crate::domain::versions::checked_act;
use crate::error::{Error, Result};
use crate::store::{ActInput, Store};

/// The cycle of a year: its steps as they stand on the day given.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Cycle {
    pub plan_id: i64,
    pub title: String,
    pub year: i32,
    /// The plan's years, for a choice.
    pub years: (i32, i32),
    pub today: NaiveDate,
    pub steps: Vec<Step>,
    /// The keys of the steps late or due within 30 days, most urgent first.
    pub urgent: Vec<String>,
}

impl Cycle {
    pub fn late(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| s.status == cycle::Status::Late)
            .count()
    }
}

/// The acts recorded on the cycle itself, by step: «piao» and «pagamento».
pub const ACT_STEPS: [&str; 2] = ["piao", "pagamento"];

pub trait YearCycle {
    /// The cycle of `year` (the plan's year that holds `today` when none), on `today`.
    fn cycle(&self, plan_id: i64, year: Option<i32>, today: NaiveDate) -> Result<Cycle>;
    /// Records (or, with an empty number, removes) the PIAO's adoption or the payment.
    fn record_cycle_act(
        &mut self,
        plan_id: i64,
        year: i32,
        step: &str,
        act: &ActInput,
    ) -> Result<()>;
    /// Sets a step's deadline (empty: back to the law's default).
    fn set_cycle_deadline(&mut self, plan_id: i64, year: i32, step: &str, date: &str)
        -> Result<()>;
}

fn year_of(plan: &crate::domain::model::Plan, year: Option<i32>, today: NaiveDate) -> Result<i32> {
    let y = year.unwrap_or_else(|| today.year().clamp(plan.first_year, plan.last_year));
    if y < plan.first_year || y > plan.last_year {
        return Err(Error::invalid(
            "year",
            format!(
                "Il piano copre gli anni dal {} al {}: scegli uno di questi anni.",
                plan.first_year, plan.last_year
            ),
        ));
    }
    Ok(y)
}

/// A refusal by a rule (a year not started, a plan not approved) as nothing to read; any
/// other failure stays one.
fn refused_as_none<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(Error::Invalid { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

fn finish(
    plan_id: i64,
    plan: &crate::domain::model::Plan,
    year: i32,
    facts: Facts,
    today: NaiveDate,
) -> Result<Cycle> {
    let steps = cycle::steps(&facts, today);
    let urgent = cycle::urgent(&steps, today)
        .into_iter()
        .map(|s| s.key.clone())
        .collect();
    Ok(Cycle {
        plan_id,
        title: plan.title.clone(),
        year,
        years: (plan.first_year, plan.last_year),
        today,
        steps,
        urgent,
    })
}

impl YearCycle for Store {
    fn cycle(&self, plan_id: i64, year: Option<i32>, today: NaiveDate) -> Result<Cycle> {
        let plan = self.load(plan_id)?;
        let year = year_of(&plan.plan, year, today)?;
        let report = crate::check(&plan);
        let versions = self.versions(plan_id)?;
        let acts = self.cycle_acts(plan_id, year)?;
        let mut facts = Facts {
            year,
            weights_valid: report.is_valid(),
            problems: report
                .problems
                .iter()
                .filter(|p| p.severity == crate::domain::rules::Severity::Error)
                .count(),
            approval: versions.iter().find_map(|v| v.act.clone()),
            piao: acts.get("piao").cloned(),
            paid: acts.get("pagamento").cloned(),
            deadlines: self.cycle_deadlines(plan_id, year)?.into_iter().collect(),
            ..Facts::default()
        };
        if facts.approval.is_some() {
            for d in self.monitor_dates(plan_id)? {
                if d.year() == year {
                    facts.monitoring.push(Monitoring {
                        date: d,
                        missing: self.monitor(plan_id, d)?.missing(),
                    });
                }
            }
            facts.variations = self
                .year_variations(plan_id, year)?
                .into_iter()
                .map(|(a, _)| a)
                .collect();
            // A year not started yet has no results nor evaluation: those steps are due.
            let Some(y) = refused_as_none(self.year_results_on(plan_id, year, today))? else {
                return finish(plan_id, &plan.plan, year, facts, today);
            };
            facts.results_missing = Some(y.missing());
            facts.relazione = y.relazione;
            facts.validation = y.relazione_validation;
            let Some(e) = refused_as_none(self.evaluation(plan_id, year))? else {
                return finish(plan_id, &plan.plan, year, facts, today);
            };
            facts.evaluation_proposal = e.proposal.clone();
            facts.evaluation_assigned = e.validation.clone();
            let days = e.rules.review_days;
            facts.schede = e.managers.len();
            for m in &e.managers {
                let review = &m.scheda.review;
                if let Some(h) = review.handed_over {
                    facts.handed_over += 1;
                    let until = h + chrono::Days::new(days.into());
                    facts.review_until = facts.review_until.max(Some(until));
                }
                if !review.stage(days, today).is_final() {
                    facts.reviews_open += 1;
                }
            }
        }
        finish(plan_id, &plan.plan, year, facts, today)
    }

    fn record_cycle_act(
        &mut self,
        plan_id: i64,
        year: i32,
        step: &str,
        act: &ActInput,
    ) -> Result<()> {
        if !ACT_STEPS.contains(&step) {
            return Err(Error::invalid(
                "step",
                "Qui si registrano solo l'adozione del PIAO («piao») e la determina di liquidazione («pagamento»).",
            ));
        }
        let plan = self.get_plan(plan_id)?;
        year_of(
            &plan,
            Some(year),
            NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
        )?;
        if act.number.trim().is_empty() {
            return self.write_cycle_act(plan_id, year, step, None);
        }
        let mut act = act.clone();
        if act.body.trim().is_empty() {
            act.body = if step == "piao" {
                crate::store::DEFAULT_BODY.into()
            } else {
                "Determina del responsabile".into()
            };
        }
        let (act, _) = checked_act(&act)?;
        self.write_cycle_act(plan_id, year, step, Some(&act))?;
        // An act of the year: a verified copy that holds it.
        self.copy_after_act();
        Ok(())
    }

    fn set_cycle_deadline(
        &mut self,
        plan_id: i64,
        year: i32,
        step: &str,
        date: &str,
    ) -> Result<()> {
        if !cycle::deadline_keys().contains(&step) {
            return Err(Error::invalid(
                "step",
                format!(
                    "Scadenza sconosciuta «{step}»: scegli tra {}.",
                    cycle::deadline_keys().join(", ")
                ),
            ));
        }
        let due = if date.trim().is_empty() {
            None
        } else {
            Some(crate::domain::monitoring::parse_date(date)?)
        };
        self.write_cycle_deadline(plan_id, year, step, due)
    }
}
