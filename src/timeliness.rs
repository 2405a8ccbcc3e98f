//! Payment timeliness (art. 4-bis DL 13/2023, conv. L. 41/2023; RGS–DFP circular n. 1 of 3
//! January 2024): from 2024, every manager who pays commercial invoices has an objective on
//! payment timeliness weighing at least 30% of the result bonus. Areas say whether their
//! manager pays invoices; objectives say whether they are that objective. This module checks
//! it, adds the standard objective, and recognises it in imported sheets by its words.

use rusqlite::params;

use crate::error::{Error, Result};
use crate::model::{format_hundredths, FullPlan, ObjectiveInput, Weight};
use crate::rules::{Problem, ProblemKind, Severity};
use crate::store::{name_key, Store};

/// The first year the rule applies to.
pub const FIRST_YEAR: i32 = 2024;
/// 30%, in hundredths.
pub const MIN_WEIGHT: u32 = 3000;

/// The standard objective, as the circular describes it.
pub fn standard() -> ObjectiveInput {
    ObjectiveInput {
        service: "OBIETTIVO TRASVERSALE > TEMPESTIVITÀ DEI PAGAMENTI".into(),
        kind: "M".into(),
        description: "Rispetto dei tempi di pagamento delle fatture commerciali (art. 4-bis DL 13/2023, conv. L. 41/2023; circolare RGS–DFP n. 1 del 3 gennaio 2024)".into(),
        expected_result: "Indicatore annuale di ritardo dei pagamenti ≤ 0 giorni e tempo medio di pagamento ≤ 30 giorni".into(),
        indicator: "Indicatore di ritardo annuale e tempo medio di pagamento rilevati dalla Piattaforma dei crediti commerciali (PCC)".into(),
    }
}

/// Whether an objective's words say it is about payment timeliness (for sheets without the
/// mark): "tempestività dei pagamenti", "TEMPESTIVITA' PAGAMENTI", …
pub fn speaks_of_timeliness(service: &str, description: &str) -> bool {
    [service, description].iter().any(|t| {
        let k = name_key(t);
        k.contains("tempestivit") && k.contains("pagament")
    })
}

/// The rule, per paying area and period from 2024: one or more marked objectives weighing
/// at least 30 in all.
pub fn check(plan: &FullPlan) -> Vec<Problem> {
    let mut out = Vec::new();
    for area in plan.areas.iter().filter(|a| a.pays_invoices) {
        for period in plan.periods.iter().filter(|p| p.last_year >= FIRST_YEAR) {
            let weight: u32 = plan
                .cell(area.id, period.id)
                .filter(|p| plan.objective(p.objective_id).is_some_and(|o| o.timeliness))
                .map(|p| p.weight.0)
                .sum();
            if weight >= MIN_WEIGHT {
                continue;
            }
            let place = format!("{} – {}", area.name, period.label);
            let message = if weight == 0 {
                format!("{place}: manca l'obiettivo di tempestività dei pagamenti, che dal 2024 deve pesare almeno il 30% (art. 4-bis DL 13/2023). Aggiungi l'obiettivo standard, oppure segna quello che c'è; se il responsabile non liquida fatture, togli la spunta sull'area.")
            } else {
                format!(
                    "{place}: l'obiettivo di tempestività dei pagamenti pesa {}%, la legge chiede almeno il 30% (art. 4-bis DL 13/2023).",
                    format_hundredths(weight.into())
                )
            };
            out.push(Problem {
                kind: ProblemKind::Timeliness,
                severity: Severity::Error,
                area_id: Some(area.id),
                period_id: Some(period.id),
                message,
            });
        }
    }
    out
}

impl Store {
    pub fn set_pays_invoices(&mut self, area_id: i64, pays: bool) -> Result<()> {
        self.with_tx(|tx| {
            let n = tx.execute(
                "UPDATE area SET pays_invoices = ?2 WHERE id = ?1",
                params![area_id, pays],
            )?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "Area",
                    id: area_id,
                });
            }
            Ok(())
        })
    }

    pub fn set_timeliness(&mut self, objective_id: i64, on: bool) -> Result<()> {
        self.with_tx(|tx| {
            let n = tx.execute(
                "UPDATE objective SET timeliness = ?2 WHERE id = ?1",
                params![objective_id, on],
            )?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "Obiettivo",
                    id: objective_id,
                });
            }
            Ok(())
        })
    }

    /// Adds the standard payment-timeliness objective, one cross-cutting text, to every
    /// paying area and period from 2024 that lacks it, at `weight` (30 when empty). Other
    /// weights are left to the officer. Returns how many places it went to.
    pub fn add_timeliness_objective(&mut self, plan_id: i64, weight: &str) -> Result<usize> {
        let weight = if weight.trim().is_empty() {
            Weight(MIN_WEIGHT)
        } else {
            Weight::parse(weight)?
        };
        let plan = self.load(plan_id)?;
        let missing: Vec<(i64, i64)> = check(&plan)
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
        let objective = self
            .load(plan_id)?
            .placements
            .iter()
            .find(|p| p.id == placement)
            .map(|p| p.objective_id)
            .ok_or(Error::NotFound {
                what: "Obiettivo",
                id: placement,
            })?;
        self.set_timeliness(objective, true)?;
        for &(a, d) in &missing[1..] {
            self.place_objective(objective, a, d, &w)?;
        }
        Ok(missing.len())
    }
}
