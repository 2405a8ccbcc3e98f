//! Recording the year's results and the Relazione's approval: the entries checked against
//! the year's results (`domain::results`), then written through the store in one transaction.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::db::copies::Reason;

use crate::domain::ids::AreaId;
use crate::domain::results::{self, Item, ResultInput, YearResults};
use crate::domain::versions::{checked_act, ActInput};
use crate::error::{Error, Result};
use crate::store::Store;

pub trait Recording {
    /// The year's results on the latest approved version (or the version its approved
    /// Relazione was read against), refused for a year the plan does not cover or that has
    /// not started on `today`.
    fn year_results_on(&self, plan_id: i64, year: i32, today: NaiveDate) -> Result<YearResults>;
    /// [`Recording::year_results_on`] today.
    fn year_results(&self, plan_id: i64, year: i32) -> Result<YearResults> {
        self.year_results_on(plan_id, year, super::today())
    }
    /// The years of the version's plan that take results on `today`: those started.
    fn result_years_on(&self, version: i64, today: NaiveDate) -> Result<Vec<i32>>;
    /// [`Recording::result_years_on`] today.
    fn result_years(&self, version: i64) -> Result<Vec<i32>> {
        self.result_years_on(version, super::today())
    }
    /// Records (or, with every field empty, clears) results of one year, all or nothing: a
    /// refused entry leaves every result as it was. Each entry names the area and the item
    /// by the ids the year's results show.
    fn set_results(
        &mut self,
        plan_id: i64,
        year: i32,
        entries: &[(AreaId, Item, ResultInput)],
    ) -> Result<()>;
    /// [`Recording::set_results`] over several years, in one transaction. `years` holds the
    /// year results already computed (the others are computed here).
    fn record_results(
        &mut self,
        plan_id: i64,
        entries: &[(i32, AreaId, Item, ResultInput)],
        years: HashMap<i32, YearResults>,
    ) -> Result<()>;
    /// One result: see [`Recording::set_results`].
    fn set_result(
        &mut self,
        plan_id: i64,
        year: i32,
        area_id: AreaId,
        item: Item,
        input: &ResultInput,
    ) -> Result<()>;
    /// Records the Giunta's approval of the year's Relazione sulla performance: every result
    /// must be in; from then on that year's results, and the bands and prerequisites, are
    /// frozen.
    fn approve_relazione(&mut self, plan_id: i64, year: i32, act: &ActInput) -> Result<()>;
    /// Withdraws a mistyped Relazione approval; the act's number is retyped to confirm.
    fn revoke_relazione(&mut self, plan_id: i64, year: i32, typed_number: &str) -> Result<()>;
    /// Records the Nucleo's validation of the approved Relazione (art. 14 c.4 lett. c and
    /// c.6 D.Lgs. 150/2009): the condition for paying any result pay of the year.
    fn validate_relazione(&mut self, plan_id: i64, year: i32, act: &ActInput) -> Result<()>;
    /// Withdraws a mistyped validation; the act's number is retyped to confirm.
    fn revoke_relazione_validation(
        &mut self,
        plan_id: i64,
        year: i32,
        typed_number: &str,
    ) -> Result<()>;
}

impl Recording for Store {
    fn year_results_on(&self, plan_id: i64, year: i32, today: NaiveDate) -> Result<YearResults> {
        let on = self.year_version(plan_id, year)?;
        let plan = self.get_plan(on.1)?;
        results::check_result_year(plan.first_year, plan.last_year, year, today)?;
        self.read_year_results(plan_id, year, on)
    }

    fn result_years_on(&self, version: i64, today: NaiveDate) -> Result<Vec<i32>> {
        let plan = self.get_plan(version)?;
        Ok(results::started_years(
            plan.first_year,
            plan.last_year,
            today,
        ))
    }

    fn set_results(
        &mut self,
        plan_id: i64,
        year: i32,
        entries: &[(AreaId, Item, ResultInput)],
    ) -> Result<()> {
        let entries: Vec<(i32, AreaId, Item, ResultInput)> = entries
            .iter()
            .map(|(a, i, r)| (year, *a, *i, r.clone()))
            .collect();
        self.record_results(plan_id, &entries, HashMap::new())
    }

    fn record_results(
        &mut self,
        plan_id: i64,
        entries: &[(i32, AreaId, Item, ResultInput)],
        mut years: HashMap<i32, YearResults>,
    ) -> Result<()> {
        let version = self.results_version(plan_id)?;
        let lineage = self.lineage(version)?;
        let mut rows = Vec::with_capacity(entries.len());
        for (year, area_id, item, input) in entries {
            if !years.contains_key(year) {
                years.insert(*year, self.year_results(plan_id, *year)?);
            }
            let current = &years[year];
            if current.relazione.is_some() {
                return Err(Error::FrozenResults);
            }
            let area = current.area(*area_id).ok_or(Error::NotFound {
                what: "Area",
                id: area_id.get(),
            })?;
            let row = area.rows.iter().find(|r| r.item == *item).ok_or_else(|| {
                Error::invalid(
                    "item",
                    format!(
                        "L'obiettivo indicato non è dell'area «{}» nel {year}: aggiorna la schermata.",
                        area.name
                    ),
                )
            })?;
            let entry = if input.is_empty() {
                None
            } else {
                Some(input.validate_for(row, current.late)?)
            };
            let area_line = lineage.area(*area_id);
            let (objective, prerequisite) = match row.item {
                Item::Objective(id) => (Some(lineage.objective(id)), None),
                Item::Prerequisite(id) => (None, Some(id)),
            };
            rows.push((*year, area_line, objective, prerequisite, entry));
        }
        let series = self.version_info(version)?.series_id;
        self.write_results(series, &rows)
    }

    fn set_result(
        &mut self,
        plan_id: i64,
        year: i32,
        area_id: AreaId,
        item: Item,
        input: &ResultInput,
    ) -> Result<()> {
        self.set_results(plan_id, year, &[(area_id, item, input.clone())])
    }

    fn approve_relazione(&mut self, plan_id: i64, year: i32, act: &ActInput) -> Result<()> {
        let (act, date) = checked_act(act)?;
        let current = self.year_results(plan_id, year)?;
        if current.relazione.is_some() {
            return Err(Error::FrozenResults);
        }
        if date.year() <= year {
            return Err(Error::invalid(
                "act_date",
                format!(
                    "La Relazione sul {year} si approva dopo la fine dell'anno: controlla la data ({}).",
                    date.format("%d/%m/%Y")
                ),
            ));
        }
        let missing: Vec<String> = current
            .areas
            .iter()
            .filter(|a| !a.missing.is_empty())
            .map(|a| format!("{}: {} risultati", a.name, a.missing.len()))
            .collect();
        if !missing.is_empty() {
            return Err(Error::invalid(
                "checks",
                format!(
                    "La Relazione non si può approvare finché mancano risultati:\n- {}",
                    missing.join("\n- ")
                ),
            ));
        }
        let series = current.series_id;
        self.copy_before(Reason::Approval)?;
        self.insert_relazione(series, year, current.plan_id, &act)?;
        self.copy_after_act();
        Ok(())
    }

    fn revoke_relazione(&mut self, plan_id: i64, year: i32, typed_number: &str) -> Result<()> {
        let series = self.version_info(plan_id)?.series_id;
        let (act, _) = self.relazione(plan_id, year)?.ok_or_else(|| {
            Error::invalid(
                "year",
                format!(
                    "La Relazione sul {year} non risulta approvata: non c'è nulla da annullare."
                ),
            )
        })?;
        act.confirm_withdrawal(
            typed_number,
            "l'approvazione della Relazione scrivi il numero della delibera",
        )?;
        if self.relazione_validation(plan_id, year)?.is_some() {
            return Err(Error::invalid(
                "year",
                format!("La Relazione sul {year} è già validata dal Nucleo: annulla prima la validazione, poi l'approvazione."),
            ));
        }
        self.copy_before(Reason::Withdrawal)?;
        self.delete_relazione(series, year, &act)
    }

    fn validate_relazione(&mut self, plan_id: i64, year: i32, act: &ActInput) -> Result<()> {
        let mut act = act.clone();
        if act.body.trim().is_empty() {
            act.body = "Nucleo di valutazione".into();
        }
        let (act, date) = checked_act(&act)?;
        let series = self.version_info(plan_id)?.series_id;
        let Some((approved, _)) = self.relazione(plan_id, year)? else {
            return Err(Error::invalid(
                "year",
                format!("La Relazione sul {year} non è ancora approvata dalla Giunta: il Nucleo valida la Relazione approvata (art. 14 c.4 lett. c D.Lgs. 150/2009). Registra prima la delibera di approvazione."),
            ));
        };
        if self.relazione_validation(plan_id, year)?.is_some() {
            return Err(Error::invalid(
                "year",
                format!("La validazione della Relazione sul {year} è già registrata: per correggerla annullala e registrala di nuovo."),
            ));
        }
        if act.date < approved.date {
            return Err(Error::invalid(
                "act_date",
                format!(
                    "La validazione del Nucleo ({}) non può precedere l'approvazione della Relazione ({}).",
                    date.format("%d/%m/%Y"),
                    approved.italian_date()
                ),
            ));
        }
        self.write_relazione_validation(series, year, Some(&act))?;
        // The validation makes the pay payable (art. 14 c.6): a copy that holds it.
        self.copy_after_act();
        Ok(())
    }

    fn revoke_relazione_validation(
        &mut self,
        plan_id: i64,
        year: i32,
        typed_number: &str,
    ) -> Result<()> {
        let series = self.version_info(plan_id)?.series_id;
        let act = self.relazione_validation(plan_id, year)?.ok_or_else(|| {
            Error::invalid(
                "year",
                format!(
                    "La Relazione sul {year} non risulta validata: non c'è nulla da annullare."
                ),
            )
        })?;
        act.confirm_withdrawal(
            typed_number,
            "la validazione scrivi il numero dell'atto del Nucleo",
        )?;
        self.copy_before(Reason::Withdrawal)?;
        self.write_relazione_validation(series, year, None)
    }
}
