//! Payment timeliness (art. 4-bis DL 13/2023, conv. L. 41/2023; RGS–DFP circular n. 1 of 3
//! January 2024): from 2024, every manager who pays commercial invoices has annual objectives
//! on payment timeliness, "valutati, ai fini del riconoscimento della retribuzione di
//! risultato, in misura non inferiore al 30 per cento". That 30% is a rule on the *pay*,
//! applied by the evaluation (`domain::evaluation`, with `domain::pay`); here the plan only
//! gets a warning before approval when a paying area lacks the objective. Areas say whether
//! their manager pays invoices; objectives say whether they are that objective. This module
//! describes the standard objective and recognises it in imported sheets by its words (adding
//! it to a plan is `ops::timeliness`).

use crate::model::{format_hundredths, name_key, FullPlan, ObjectiveInput};
use crate::rules::{Problem, ProblemKind, Severity};

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

/// A warning per paying area and period from 2024 without marked objectives weighing 30 in
/// all. Not an error: what the law measures is the share of the pay (the evaluation's rule),
/// which a dedicated quota meets whatever the objective weighs in the area.
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
                format!("{place}: manca l'obiettivo di tempestività dei pagamenti. Dal 2024 almeno il 30% della retribuzione di risultato di chi liquida fatture dipende dalla tempestività (art. 4-bis DL 13/2023): lo garantisce la valutazione (quota dedicata o peso effettivo), ma l'obiettivo va assegnato. Aggiungi l'obiettivo standard, oppure segna quello che c'è; se il responsabile non liquida fatture, togli la spunta sull'area.")
            } else {
                format!(
                    "{place}: l'obiettivo di tempestività dei pagamenti pesa {}% nell'area. La legge chiede che almeno il 30% della retribuzione di risultato dipenda dalla tempestività (art. 4-bis DL 13/2023): con una quota dedicata nelle regole della valutazione va bene; se invece la tempestività sta dentro la performance organizzativa, il peso effettivo (peso della componente × peso nell'area) deve arrivare al 30%.",
                    format_hundredths(weight.into())
                )
            };
            out.push(Problem {
                kind: ProblemKind::Timeliness,
                severity: Severity::Warning,
                area_id: Some(area.id),
                period_id: Some(period.id),
                message,
            });
        }
    }
    out
}
