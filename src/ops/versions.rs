//! Approving a version, withdrawing a mistaken approval, starting a variation: read the
//! plan, run the checks before approval (`domain::approval`), write through the store. An
//! automatic copy of the database is made first (`db::copies`).

use chrono::Datelike;

use crate::db::copies::Reason;
use crate::ops::Comparing;

use crate::domain::approval;
use crate::domain::rules::Severity;
use crate::domain::versions::{checked_act, ActInput};
use crate::error::{Error, Result};
use crate::store::Store;

pub trait Approvals {
    /// Records the act that approved the plan's version in preparation. The checks before
    /// approval must pass; warnings need `confirm_warnings`. From then on the version is
    /// frozen and its annex carries the act.
    fn approve(&mut self, plan_id: i64, act: &ActInput, confirm_warnings: bool) -> Result<()>;
    /// Withdraws the approval of the latest version (a mistyped number, a wrong date). The
    /// officer retypes the act's number to confirm; the withdrawal is logged.
    fn revoke_approval(&mut self, plan_id: i64, typed_number: &str) -> Result<()>;
    /// Starts a variation: a new version in preparation, copied from the latest approved one
    /// (cross-cutting links kept). Returns its id.
    fn vary(&mut self, plan_id: i64) -> Result<i64>;
}

impl Approvals for Store {
    fn approve(&mut self, plan_id: i64, act: &ActInput, confirm_warnings: bool) -> Result<()> {
        let (act, date) = checked_act(act)?;
        let full = self.load(plan_id)?;
        if date.year() < full.plan.first_year - 1 {
            return Err(Error::invalid(
                "act_date",
                format!(
                    "La data della delibera ({}) è troppo lontana dagli anni del piano ({}-{}): controlla l'anno.",
                    date.format("%d/%m/%Y"),
                    full.plan.first_year,
                    full.plan.last_year
                ),
            ));
        }
        let info = self.version_info(plan_id)?;
        if info.approved() {
            return Err(Error::Frozen);
        }
        if !info.latest {
            return Err(Error::invalid(
                "version",
                "Si approva solo l'ultima versione del piano.",
            ));
        }
        // Art. 175 c.9 TUEL: the PEG (and the objectives it carries) is varied until 15
        // December; after that a variation may change only the years to come.
        if info.version > 1 {
            let limit = chrono::NaiveDate::from_ymd_opt(date.year(), 12, 15).expect("a date");
            let closed = if date > limit {
                date.year()
            } else {
                date.year() - 1
            };
            let touched = self.changes(plan_id, None, None)?.touching_up_to(closed);
            if !touched.is_empty() {
                return Err(Error::invalid(
                    "act_date",
                    format!(
                        "La variazione del {} cambia gli obiettivi del {closed}: dopo il 15 dicembre gli obiettivi dell'anno non si variano più (art. 175 c.9 TUEL). Lascia invariati gli obiettivi del {closed} (se un periodo copre più anni, dividilo) oppure controlla la data:\n- {}",
                        date.format("%d/%m/%Y"),
                        touched.join("\n- ")
                    ),
                ));
            }
        }
        let problems = approval::checks(&full);
        let errors: Vec<&str> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.message.as_str())
            .collect();
        if !errors.is_empty() {
            return Err(Error::invalid(
                "checks",
                format!(
                    "Il piano non si può approvare finché ci sono problemi da correggere:\n- {}",
                    errors.join("\n- ")
                ),
            ));
        }
        // Information (an operational objective with nothing below it yet) needs no
        // confirmation; a warning does.
        if !confirm_warnings && problems.iter().any(|p| p.severity == Severity::Warning) {
            return Err(Error::invalid(
                "confirm",
                format!(
                    "Prima di approvare, conferma di aver visto gli avvisi:\n- {}",
                    problems
                        .iter()
                        .filter(|p| p.severity == Severity::Warning)
                        .map(|p| p.message.as_str())
                        .collect::<Vec<_>>()
                        .join("\n- ")
                ),
            ));
        }
        self.copy_before(Reason::Approval)?;
        self.set_act(plan_id, Some(&act), "approve", &act)?;
        self.copy_after_act();
        Ok(())
    }

    fn revoke_approval(&mut self, plan_id: i64, typed_number: &str) -> Result<()> {
        let info = self.version_info(plan_id)?;
        let act = info.act.clone().ok_or_else(|| {
            Error::invalid(
                "version",
                "Questa versione non è approvata: non c'è nulla da annullare.",
            )
        })?;
        if !info.latest {
            return Err(Error::invalid(
                "version",
                "Si può annullare solo l'approvazione dell'ultima versione: le versioni successive si basano su questa.",
            ));
        }
        act.confirm_withdrawal(
            typed_number,
            "l'approvazione scrivi il numero della delibera",
        )?;
        self.copy_before(Reason::Withdrawal)?;
        self.set_act(plan_id, None, "revoke", &act)
    }

    fn vary(&mut self, plan_id: i64) -> Result<i64> {
        let versions = self.versions(plan_id)?;
        let latest = versions.last().ok_or(Error::NotFound {
            what: "Piano",
            id: plan_id,
        })?;
        if !latest.approved() {
            return Err(Error::invalid(
                "version",
                format!(
                    "C'è già una versione in preparazione ({}): modifica quella, oppure approvala prima di avviare un'altra variazione.",
                    latest.label
                ),
            ));
        }
        let (source, series, version) = (latest.plan_id, latest.series_id, latest.version + 1);
        self.insert_version(source, series, version)
    }
}
