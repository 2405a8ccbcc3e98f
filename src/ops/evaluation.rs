//! Each manager's evaluation: the year's results read, the rules and the schede checked, the
//! schede written in one transaction, the indicator of payment delay recorded, the definitive
//! evaluation (proposed by the Nucleo, assigned by the Sindaco/Presidente) recorded — it
//! freezes the year's schede and rules — or withdrawn.

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::Recording;
use crate::domain::evaluation::{evaluate, Acts, Evaluation, RulesInput, SchedaInput};
use crate::domain::individual::{self, revision};
use crate::domain::model::name_key;
use crate::domain::pay::DelayInput;
use crate::domain::results::YearResults;
use crate::domain::versions::{checked_act, ActInput};
use crate::error::{Error, Result};
use crate::store::Store;

/// The definitive evaluation as typed: the Nucleo's proposal (art. 14 c.4 lett. e D.Lgs.
/// 150/2009) and the act by which the Sindaco/Presidente assigns it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentInput {
    /// The Nucleo's proposal (body defaults to «Nucleo di valutazione»).
    pub proposal: ActInput,
    /// The assignment (body defaults to «Presidente dell'Unione»).
    pub assignment: ActInput,
}

pub trait Evaluating {
    /// The year's schede, computed from the results of the latest approved version.
    fn evaluation(&self, plan_id: i64, year: i32) -> Result<Evaluation>;
    /// What the schede di assegnazione print: the evaluation and the year's objectives.
    fn assignment(&self, plan_id: i64, year: i32) -> Result<(Evaluation, YearResults)>;
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
    /// Imports the managers' filled sheet of individual objectives (csv, xlsx, xls, ods):
    /// every row matched to a manager's objective by plan, year, manager, number and
    /// description; the values, the percentages typed over and the notes recorded for all of
    /// them or, at the first problem of any row, none (every problem listed). Returns how many
    /// objectives it recorded.
    fn import_individuals(
        &mut self,
        plan_id: i64,
        year: i32,
        bytes: &[u8],
        extension: &str,
    ) -> Result<usize>;
    /// Records the *indicatore di ritardo annuale* of the year (the entity's, or one area's
    /// by its id in the plan), or removes it when the days are empty.
    fn set_payment_delay(
        &mut self,
        plan_id: i64,
        year: i32,
        input: &DelayInput,
    ) -> Result<Evaluation>;
    /// Records the definitive evaluation, proposed by the Nucleo and assigned by the
    /// Sindaco/Presidente: every scheda complete and lawful; from then on the year's schede
    /// and rules are frozen.
    fn validate_evaluation(
        &mut self,
        plan_id: i64,
        year: i32,
        acts: &AssignmentInput,
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
    Ok(evaluate_and_results(store, plan_id, year, typed)?.0)
}

/// [`evaluate_with`], keeping the year's results it was computed from (the assignment prints
/// both).
fn evaluate_and_results(
    store: &Store,
    plan_id: i64,
    year: i32,
    typed: Option<(&str, &SchedaInput)>,
) -> Result<(Evaluation, YearResults)> {
    let results = store.year_results(plan_id, year)?;
    let rules = store.evaluation_rules(plan_id, year)?;
    let mut schede = store.schede(plan_id, year)?;
    if let Some((manager, input)) = typed {
        let key = name_key(manager);
        let mut scheda = input.validate(&rules, year, results.late)?;
        scheda.revisions = schede
            .get(&key)
            .map(|s| s.revisions.clone())
            .unwrap_or_default();
        schede.insert(key, scheda);
    }
    let (validation, proposal) = match store.evaluation_validation(plan_id, year)? {
        Some((a, p)) => (Some(a), p),
        None => (None, None),
    };
    // The review windows are judged on today, until the evaluation is definitive.
    let today = validation.is_none().then(super::today);
    let acts = Acts {
        delays: store.payment_delays(plan_id, year)?,
        proposal,
        validation,
        today,
    };
    let evaluation = evaluate(&results, &rules, &schede, &acts);
    Ok((evaluation, results))
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

    fn assignment(&self, plan_id: i64, year: i32) -> Result<(Evaluation, YearResults)> {
        evaluate_and_results(self, plan_id, year, None)
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
        self.write_evaluation_rules(series, year, &rules)?;
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
        let mut scheda = input.validate(&current.rules, year, current.late)?;
        // After the manager's acknowledgement, a change of the individual objectives is a
        // revision at the mid-year colloquio, kept with the earlier text. The saved scheda
        // is the one the evaluation just read.
        let saved = &m.scheda;
        scheda.revisions = saved.revisions.clone();
        if let Some(r) = revision(
            &saved.objectives,
            saved.acknowledged,
            &scheda.objectives,
            scheda.midyear,
        )? {
            scheda.revisions.push(r);
        }
        let (series, name) = (current.series_id, m.manager.clone());
        let rules = current.rules.clone();
        // The defaults become the year's rules with the first scheda: what was scored is
        // kept with what it was scored against.
        self.write_scheda(
            series,
            year,
            &name,
            &scheda,
            rules.is_default.then_some(&rules),
        )?;
        self.copy_after_act();
        self.evaluation(plan_id, year)
    }

    fn import_individuals(
        &mut self,
        plan_id: i64,
        year: i32,
        bytes: &[u8],
        extension: &str,
    ) -> Result<usize> {
        use crate::formats::individual_sheet::{read, HEADER};
        let rows = read(bytes, extension)?;
        let current = self.evaluation(plan_id, year)?;
        if current.validation.is_some() {
            return Err(Error::FrozenEvaluation);
        }
        let late = current.late;
        let at = |line: u64, column: usize, message: String| Error::Sheet {
            line,
            column: HEADER[column].into(),
            message,
        };
        let mut inputs: Vec<(usize, SchedaInput)> = Vec::new();
        let mut seen: Vec<(usize, usize, u64)> = Vec::new();
        let mut problems = Vec::new();
        let mut count = 0;
        for row in &rows {
            let c = &row.cells;
            if c[8].is_empty() && c[9].is_empty() && c[10].is_empty() {
                continue;
            }
            if name_key(&c[0]) != name_key(&current.title) {
                problems.push(at(
                    row.line,
                    0,
                    format!(
                        "il foglio è del piano «{}», non di «{}»: importalo nel piano giusto.",
                        c[0], current.title
                    ),
                ));
                continue;
            }
            if c[1].trim() != year.to_string() {
                problems.push(at(row.line, 1, format!("la riga è dell'anno «{}»: qui si importano gli obiettivi individuali del {year}.", c[1])));
                continue;
            }
            let Some(m) = current
                .managers
                .iter()
                .position(|m| name_key(&m.manager) == name_key(&c[2]))
            else {
                problems.push(at(row.line, 2, format!("«{}» non è responsabile di nessuna area nel {year}: scrivi il nome come nel foglio esportato.", c[2])));
                continue;
            };
            let objectives = &current.managers[m].scheda.objectives;
            let n = c[3]
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=objectives.len()).contains(n));
            let Some(n) = n else {
                problems.push(at(
                    row.line,
                    3,
                    format!(
                        "«{}» non è il numero di un obiettivo individuale di {} (sono {}).",
                        c[3],
                        current.managers[m].manager,
                        objectives.len()
                    ),
                ));
                continue;
            };
            if name_key(&objectives[n - 1].description) != name_key(&c[4]) {
                problems.push(at(row.line, 4, format!("l'obiettivo {n} di {} è «{}»: la riga dice altro. Esporta di nuovo il foglio e compila quello.", current.managers[m].manager, objectives[n - 1].description)));
                continue;
            }
            if let Some((_, _, first)) = seen.iter().find(|(a, b, _)| *a == m && *b == n) {
                problems.push(at(
                    row.line,
                    3,
                    format!(
                        "l'obiettivo {n} di {} è già alla riga {first}: lascia una riga sola.",
                        current.managers[m].manager
                    ),
                ));
                continue;
            }
            seen.push((m, n, row.line));
            let slot = match inputs.iter().position(|(i, _)| *i == m) {
                Some(p) => p,
                None => {
                    inputs.push((m, current.managers[m].scheda.to_input()));
                    inputs.len() - 1
                }
            };
            let o = &mut inputs[slot].1.individuals[n - 1];
            o.value = c[8].clone();
            o.achievement = c[9].clone();
            o.note = c[10].clone();
            // Each row checked on its own, to name its line and column.
            if let Err(e) = o.validate(n, late) {
                let column = match e.field() {
                    Some(individual::VALUE) => 8,
                    Some(individual::ACHIEVEMENT) => 9,
                    _ => 10,
                };
                problems.push(at(row.line, column, e.to_string()));
                continue;
            }
            count += 1;
        }
        if !problems.is_empty() {
            return Err(if problems.len() == 1 {
                problems.remove(0)
            } else {
                Error::SheetProblems(problems)
            });
        }
        if count == 0 {
            return Err(Error::SheetFormat(
                "Nessuna riga ha un valore raggiunto, una percentuale o una nota: compila le colonne «Valore raggiunto», «% raggiungimento» o «Note» e importa di nuovo.".into(),
            ));
        }
        let rules = current.rules.clone();
        let mut schede = Vec::new();
        for (m, input) in &inputs {
            let saved = &current.managers[*m].scheda;
            let mut scheda = input.validate(&rules, year, late)?;
            scheda.revisions = saved.revisions.clone();
            schede.push((current.managers[*m].manager.clone(), scheda));
        }
        let series = current.series_id;
        self.write_schede(series, year, &schede, rules.is_default.then_some(&rules))?;
        Ok(count)
    }

    fn set_payment_delay(
        &mut self,
        plan_id: i64,
        year: i32,
        input: &DelayInput,
    ) -> Result<Evaluation> {
        let current = self.evaluation(plan_id, year)?;
        if current.validation.is_some() {
            return Err(Error::FrozenEvaluation);
        }
        // An area is named by its id in the version the results are read on; stored by
        // lineage, so that a later variation keeps it.
        let area = match input.area {
            None => None,
            Some(id) => {
                let results = self.year_results(plan_id, year)?;
                let a = results.area(id).ok_or_else(|| {
                    Error::invalid(
                        "area",
                        format!("L'area indicata non è nel piano del {year}: scegli un'area dell'elenco."),
                    )
                })?;
                Some(a.lineage)
            }
        };
        let delay = if input.days.trim().is_empty() {
            None
        } else {
            let mut d = input.validate(year)?;
            d.area = area;
            Some(d)
        };
        let series = current.series_id;
        self.write_payment_delay(series, year, area, delay.as_ref())?;
        self.evaluation(plan_id, year)
    }

    fn validate_evaluation(
        &mut self,
        plan_id: i64,
        year: i32,
        acts: &AssignmentInput,
    ) -> Result<Evaluation> {
        let mut proposal = acts.proposal.clone();
        if proposal.body.trim().is_empty() {
            proposal.body = "Nucleo di valutazione".into();
        }
        let mut assignment = acts.assignment.clone();
        if assignment.body.trim().is_empty() {
            assignment.body = "Presidente dell'Unione".into();
        }
        let (proposal, proposed_on) = checked_act(&proposal).map_err(|e| {
            Error::invalid(
                "proposal",
                format!("Proposta del Nucleo di valutazione: {e}"),
            )
        })?;
        let (act, date) = checked_act(&assignment)?;
        let current = self.evaluation(plan_id, year)?;
        if current.validation.is_some() {
            return Err(Error::FrozenEvaluation);
        }
        if proposed_on.year() <= year || date < proposed_on {
            return Err(Error::invalid(
                "proposal",
                format!(
                    "La proposta del Nucleo ({}) viene dopo la fine del {year} e prima dell'assegnazione della valutazione ({}): controlla le date.",
                    proposed_on.format("%d/%m/%Y"),
                    date.format("%d/%m/%Y")
                ),
            ));
        }
        // The rules of law that no score may bypass: prevalent results (art. 9 c.1 lett. a
        // D.Lgs. 150/2009), 30% on payment timeliness (art. 4-bis DL 13/2023).
        if !current.refusals.is_empty() {
            return Err(Error::invalid(
                "checks",
                format!(
                    "La valutazione non si può rendere definitiva:\n- {}",
                    current.refusals.join("\n- ")
                ),
            ));
        }
        if date.year() <= year {
            return Err(Error::invalid(
                "act_date",
                format!(
                    "La valutazione sul {year} si assegna dopo la fine dell'anno: controlla la data ({}).",
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
                    "La valutazione non si può rendere definitiva finché le schede sono incomplete:\n- {}",
                    incomplete.join("\n- ")
                ),
            ));
        }
        let (series, rules) = (current.series_id, current.rules.clone());
        self.copy_before(crate::db::copies::Reason::Approval)?;
        self.write_evaluation_validation(
            series,
            year,
            Some((&act, &proposal)),
            rules.is_default.then_some(&rules),
        )?;
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
                    "La valutazione del {year} non risulta definitiva: non c'è nulla da annullare."
                ),
            ));
        };
        act.confirm_withdrawal(
            typed_number,
            "la valutazione definitiva scrivi il numero dell'atto di assegnazione",
        )?;
        let series = current.series_id;
        self.copy_before(crate::db::copies::Reason::Withdrawal)?;
        self.write_evaluation_validation(series, year, None, None)?;
        self.evaluation(plan_id, year)
    }
}
