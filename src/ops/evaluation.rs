//! Each manager's evaluation: the year's results read, the rules and the schede checked, the
//! schede written in one transaction, the Nucleo's validation recorded (it freezes the year's
//! schede and rules) or withdrawn.

use chrono::Datelike;

use crate::domain::evaluation::{evaluate, Evaluation, RulesInput, SchedaInput};
use crate::domain::model::name_key;
use crate::domain::versions::{checked_act, ActInput};
use crate::error::{Error, Result};
use crate::store::{evaluation as rows, Store};

pub trait Evaluating {
    /// The year's schede, computed from the results of the latest approved version.
    fn evaluation(&self, plan_id: i64, year: i32) -> Result<Evaluation>;
    /// Replaces the year's evaluation rules (checked first: nothing changes on a refusal).
    fn set_evaluation_rules(
        &mut self,
        plan_id: i64,
        year: i32,
        input: &RulesInput,
    ) -> Result<Evaluation>;
    /// The year's evaluation with one manager's scheda as typed, nothing saved (the score
    /// follows the typing).
    fn preview_scheda(
        &self,
        plan_id: i64,
        year: i32,
        manager: &str,
        input: &SchedaInput,
    ) -> Result<Evaluation>;
    /// Records one manager's scheda.
    fn set_scheda(
        &mut self,
        plan_id: i64,
        year: i32,
        manager: &str,
        input: &SchedaInput,
    ) -> Result<Evaluation>;
    /// Records the Nucleo's validation: every scheda complete; from then on the year's
    /// schede and rules are frozen.
    fn validate_evaluation(
        &mut self,
        plan_id: i64,
        year: i32,
        act: &ActInput,
    ) -> Result<Evaluation>;
    /// Withdraws a mistyped validation; the act's number is retyped to confirm.
    fn revoke_evaluation(
        &mut self,
        plan_id: i64,
        year: i32,
        typed_number: &str,
    ) -> Result<Evaluation>;
}

/// The year's evaluation read from the store, with one manager's scheda replaced by one as
/// typed (a preview) when given.
fn evaluate_with(
    store: &Store,
    plan_id: i64,
    year: i32,
    typed: Option<(&str, &SchedaInput)>,
) -> Result<Evaluation> {
    let results = store.year_results(plan_id, year)?;
    let rules = store.evaluation_rules(plan_id, year)?;
    let mut schede = store.schede(plan_id, year)?;
    if let Some((manager, input)) = typed {
        schede.insert(name_key(manager), input.validate(&rules, year)?);
    }
    let validation = store.evaluation_validation(plan_id, year)?;
    Ok(evaluate(&results, &rules, &schede, validation))
}

impl Evaluating for Store {
    fn preview_scheda(
        &self,
        plan_id: i64,
        year: i32,
        manager: &str,
        input: &SchedaInput,
    ) -> Result<Evaluation> {
        evaluate_with(self, plan_id, year, Some((manager, input)))
    }

    fn evaluation(&self, plan_id: i64, year: i32) -> Result<Evaluation> {
        evaluate_with(self, plan_id, year, None)
    }

    fn set_evaluation_rules(
        &mut self,
        plan_id: i64,
        year: i32,
        input: &RulesInput,
    ) -> Result<Evaluation> {
        let rules = input.validate()?;
        let current = self.evaluation(plan_id, year)?;
        if current.validation.is_some() {
            return Err(Error::FrozenEvaluation);
        }
        let series = current.series_id;
        self.with_tx(|tx| rows::write_rules(tx, series, year, &rules))?;
        self.evaluation(plan_id, year)
    }

    fn set_scheda(
        &mut self,
        plan_id: i64,
        year: i32,
        manager: &str,
        input: &SchedaInput,
    ) -> Result<Evaluation> {
        let current = self.evaluation(plan_id, year)?;
        if current.validation.is_some() {
            return Err(Error::FrozenEvaluation);
        }
        let Some(m) = current
            .managers
            .iter()
            .find(|m| name_key(&m.manager) == name_key(manager))
        else {
            return Err(Error::invalid(
                "manager",
                format!(
                    "«{}» non è responsabile di nessuna area nel {year}: i responsabili si indicano nelle aree del piano.",
                    manager.trim()
                ),
            ));
        };
        let scheda = input.validate(&current.rules, year)?;
        let (series, name) = (current.series_id, m.manager.clone());
        let rules = current.rules.clone();
        self.with_tx(|tx| {
            // The defaults become the year's rules with the first scheda: what was scored is
            // kept with what it was scored against.
            if rules.is_default {
                rows::write_rules(tx, series, year, &rules)?;
            }
            rows::write_scheda(tx, series, year, &name, &scheda)
        })?;
        self.evaluation(plan_id, year)
    }

    fn validate_evaluation(
        &mut self,
        plan_id: i64,
        year: i32,
        act: &ActInput,
    ) -> Result<Evaluation> {
        let (act, date) = checked_act(act)?;
        let current = self.evaluation(plan_id, year)?;
        if current.validation.is_some() {
            return Err(Error::FrozenEvaluation);
        }
        if date.year() <= year {
            return Err(Error::invalid(
                "act_date",
                format!(
                    "La validazione delle schede sul {year} si fa dopo la fine dell'anno: controlla la data ({}).",
                    date.format("%d/%m/%Y")
                ),
            ));
        }
        let incomplete: Vec<String> = current
            .managers
            .iter()
            .filter(|m| !m.missing.is_empty() || m.provisional)
            .map(|m| {
                if m.provisional {
                    format!("{}: mancano risultati delle sue aree", m.manager)
                } else {
                    format!("{}: manca {}", m.manager, m.missing.join(", "))
                }
            })
            .collect();
        if !incomplete.is_empty() {
            return Err(Error::invalid(
                "checks",
                format!(
                    "Le schede non si possono convalidare finché sono incomplete:\n- {}",
                    incomplete.join("\n- ")
                ),
            ));
        }
        let (series, rules) = (current.series_id, current.rules.clone());
        self.copy_before(crate::db::copies::Reason::Approval)?;
        self.with_tx(|tx| {
            if rules.is_default {
                rows::write_rules(tx, series, year, &rules)?;
            }
            rows::write_validation(tx, series, year, Some(&act))
        })?;
        self.evaluation(plan_id, year)
    }

    fn revoke_evaluation(
        &mut self,
        plan_id: i64,
        year: i32,
        typed_number: &str,
    ) -> Result<Evaluation> {
        let current = self.evaluation(plan_id, year)?;
        let Some(act) = &current.validation else {
            return Err(Error::invalid(
                "year",
                format!(
                    "Le schede del {year} non risultano convalidate: non c'è nulla da annullare."
                ),
            ));
        };
        if typed_number.trim() != act.number {
            return Err(Error::invalid(
                "confirm",
                format!(
                    "Per annullare la convalida scrivi il numero dell'atto ({}).",
                    act.number
                ),
            ));
        }
        let series = current.series_id;
        self.copy_before(crate::db::copies::Reason::Withdrawal)?;
        self.with_tx(|tx| rows::write_validation(tx, series, year, None))?;
        self.evaluation(plan_id, year)
    }
}
