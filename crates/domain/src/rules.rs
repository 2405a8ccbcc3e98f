//! The weight rules: for every area and period, the weights add up to exactly 100.
//! Totals are integer hundredths, so 33,33 + 33,33 + 33,34 is exactly 100.

use serde::{Deserialize, Serialize};

use crate::ids::{AreaId, ObjectiveId, PeriodId};
use crate::model::{format_hundredths, FullPlan, Weight};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// The weights add up to less than 100.
    Missing,
    /// The weights add up to more than 100.
    Excess,
    /// An area has no objective in a period (a warning).
    Empty,
    /// The plan has no area at all, or no period.
    NoAreas,
    NoPeriods,
    /// An objective equal to a cross-cutting one but for one field (a copy-and-paste slip).
    NearCopy,
    /// A paying area without the payment-timeliness objective at 30% (from 2024).
    Timeliness,
    /// A row whose expected result or indicator is blank: to be completed (a warning).
    Incomplete,
    /// An objective linked to no operational objective of the DUP (a warning), or to one
    /// the DUP does not have (an error).
    Unlinked,
    /// A DUP objective with nothing below it.
    Uncovered,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    /// Worth knowing, nothing to confirm (an operational objective with no objective yet).
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Problem {
    pub kind: ProblemKind,
    pub severity: Severity,
    pub area_id: Option<AreaId>,
    pub period_id: Option<PeriodId>,
    pub message: String,
}

/// The total of one area in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CellTotal {
    pub area_id: AreaId,
    pub period_id: PeriodId,
    pub area: String,
    pub period: String,
    /// Hundredths: 10000 is 100%.
    pub total: u32,
    pub objectives: usize,
    /// "100%", "90% – mancano 10", "110% – 10 in eccesso"
    pub badge: String,
    /// The weight that brings the cell to 100% ("10"), blank when it is full or over: what
    /// a new row of the cell is offered.
    pub room: String,
    pub ok: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    pub totals: Vec<CellTotal>,
    pub problems: Vec<Problem>,
}

impl Report {
    /// A plan is valid when no problem is an error; warnings are reported but do not block.
    pub fn is_valid(&self) -> bool {
        !self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    pub fn total(&self, area_id: AreaId, period_id: PeriodId) -> Option<&CellTotal> {
        self.totals
            .iter()
            .find(|t| t.area_id == area_id && t.period_id == period_id)
    }
}

/// What the objective form shows under the weight while it is typed: the period's total with
/// the weight read as the core reads it (`Weight::parse`), `ok` when that makes 100%; while
/// the text is not a weight, what the period's other objectives add up to. `others`: the
/// period's total without the row being edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WeightPreview {
    pub text: String,
    /// null while the text is not a weight.
    pub ok: Option<bool>,
}

pub fn weight_preview(period: &str, others: u32, typed: &str) -> WeightPreview {
    match Weight::parse(typed) {
        Ok(w) => {
            let total = others + w.0;
            WeightPreview {
                text: format!("Con questo peso {period} arriva a {}.", badge(total)),
                ok: Some(total == Weight::FULL.0),
            }
        }
        Err(_) => WeightPreview {
            text: format!(
                "Gli altri obiettivi di {period} sommano a {}%.",
                format_hundredths(i64::from(others))
            ),
            ok: None,
        },
    }
}

pub fn badge(total: u32) -> String {
    let t = i64::from(total);
    let full = i64::from(Weight::FULL.0);
    match t.cmp(&full) {
        std::cmp::Ordering::Equal => "100%".to_string(),
        std::cmp::Ordering::Less => format!(
            "{}% – mancano {}",
            format_hundredths(t),
            format_hundredths(full - t)
        ),
        std::cmp::Ordering::Greater => format!(
            "{}% – {} in eccesso",
            format_hundredths(t),
            format_hundredths(t - full)
        ),
    }
}

/// Totals and problems for every area and period, in the annex's order.
pub fn check(plan: &FullPlan) -> Report {
    let mut totals = Vec::with_capacity(plan.areas.len() * plan.periods.len());
    let mut problems = Vec::new();
    if plan.areas.is_empty() {
        problems.push(Problem {
            kind: ProblemKind::NoAreas,
            severity: Severity::Error,
            area_id: None,
            period_id: None,
            message: "Il piano non ha ancora aree: aggiungine almeno una.".into(),
        });
    }
    if plan.periods.is_empty() {
        problems.push(Problem {
            kind: ProblemKind::NoPeriods,
            severity: Severity::Error,
            area_id: None,
            period_id: None,
            message: "Il piano non ha periodi: aggiungi almeno un anno.".into(),
        });
    }
    // One pass over the placements, indexed by (area, period) position.
    let area_index: std::collections::HashMap<AreaId, usize> = plan
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    let period_index: std::collections::HashMap<PeriodId, usize> = plan
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let np = plan.periods.len();
    let mut sums = vec![(0u32, 0usize); plan.areas.len() * np];
    for p in &plan.placements {
        if let (Some(&a), Some(&d)) = (area_index.get(&p.area_id), period_index.get(&p.period_id)) {
            let cell = &mut sums[a * np + d];
            cell.0 += p.weight.0;
            cell.1 += 1;
        }
    }
    for (a, area) in plan.areas.iter().enumerate() {
        for (d, period) in plan.periods.iter().enumerate() {
            let (total, count) = sums[a * np + d];
            let place = format!("{} – {}", area.name, period.label);
            let problem = |kind, severity, message: String| Problem {
                kind,
                severity,
                area_id: Some(area.id),
                period_id: Some(period.id),
                message,
            };
            if count == 0 {
                problems.push(problem(
                    ProblemKind::Empty,
                    Severity::Warning,
                    format!("{place}: nessun obiettivo; aggiungine almeno uno, con pesi che sommano a 100%."),
                ));
            } else if total < Weight::FULL.0 {
                problems.push(problem(
                    ProblemKind::Missing,
                    Severity::Error,
                    format!(
                        "{place}: i pesi sommano a {}%, mancano {} punti",
                        format_hundredths(total.into()),
                        format_hundredths(i64::from(Weight::FULL.0 - total))
                    ),
                ));
            } else if total > Weight::FULL.0 {
                problems.push(problem(
                    ProblemKind::Excess,
                    Severity::Error,
                    format!(
                        "{place}: i pesi sommano a {}%, {} punti in eccesso",
                        format_hundredths(total.into()),
                        format_hundredths(i64::from(total - Weight::FULL.0))
                    ),
                ));
            }
            totals.push(CellTotal {
                area_id: area.id,
                period_id: period.id,
                area: area.name.clone(),
                period: period.label.clone(),
                total,
                objectives: count,
                badge: badge(total),
                room: if total < Weight::FULL.0 {
                    format_hundredths(i64::from(Weight::FULL.0 - total))
                } else {
                    String::new()
                },
                ok: total == Weight::FULL.0,
            });
        }
    }
    // Rows as real plans leave them: the expected result or the indicator blank.
    let objectives: std::collections::HashMap<ObjectiveId, &crate::model::Objective> =
        plan.objectives.iter().map(|o| (o.id, o)).collect();
    for p in &plan.placements {
        let Some(o) = objectives.get(&p.objective_id) else {
            continue;
        };
        let mut blank = Vec::new();
        if o.text.expected_result.is_empty() {
            blank.push("il risultato atteso");
        }
        if o.text.indicator.is_empty() {
            blank.push("l'indicatore di risultato");
        }
        if blank.is_empty() {
            continue;
        }
        let (Some(&a), Some(&d)) = (area_index.get(&p.area_id), period_index.get(&p.period_id))
        else {
            continue;
        };
        problems.push(Problem {
            kind: ProblemKind::Incomplete,
            severity: Severity::Warning,
            area_id: Some(p.area_id),
            period_id: Some(p.period_id),
            message: format!(
                "{} – {}: «{}» è da completare, manca {}.",
                plan.areas[a].name,
                plan.periods[d].label,
                o.text.description,
                blank.join(" e ")
            ),
        });
    }
    Report { totals, problems }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::PlacementId;
    use crate::model::{Area, Period, Placement, Plan};

    #[test]
    fn the_form_previews_the_period_with_the_weight_as_the_core_reads_it() {
        let p = |typed| weight_preview("2020", 6000, typed);
        assert_eq!(
            p("40"),
            WeightPreview {
                text: "Con questo peso 2020 arriva a 100%.".into(),
                ok: Some(true)
            }
        );
        assert_eq!(
            p("12,5").text,
            "Con questo peso 2020 arriva a 72,5% – mancano 27,5."
        );
        assert_eq!(p("12,5").ok, Some(false));
        assert_eq!(
            p("50").text,
            "Con questo peso 2020 arriva a 110% – 10 in eccesso."
        );
        // Not a weight (yet): what the others add up to, and no verdict.
        for typed in ["", "abc", "-5", "0", "100,001", "101"] {
            assert_eq!(
                p(typed),
                WeightPreview {
                    text: "Gli altri obiettivi di 2020 sommano a 60%.".into(),
                    ok: None
                },
                "{typed}"
            );
        }
    }

    fn plan_with(weights: &[&[u32]]) -> FullPlan {
        let mut placements = Vec::new();
        for (a, cell) in weights.iter().enumerate() {
            for (i, w) in cell.iter().enumerate() {
                placements.push(Placement {
                    id: PlacementId::new((a * 100 + i) as i64),
                    objective_id: ObjectiveId::new((a * 100 + i) as i64),
                    area_id: AreaId::new(a as i64 + 1),
                    period_id: PeriodId::new(1),
                    weight: Weight(*w),
                    position: i as i64,
                });
            }
        }
        FullPlan {
            dup: Vec::new(),
            plan: Plan {
                id: 1,
                entity: String::new(),
                title: "P".into(),
                first_year: 2020,
                last_year: 2020,
                approval: String::new(),
            },
            periods: vec![Period {
                id: PeriodId::new(1),
                plan_id: 1,
                first_year: 2020,
                last_year: 2020,
                label: "ANNO 2020".into(),
            }],
            areas: (0..weights.len())
                .map(|a| Area {
                    id: AreaId::new(a as i64 + 1),
                    plan_id: 1,
                    name: format!("AREA {a}"),
                    manager: String::new(),
                    position: a as i64,
                    pays_invoices: true,
                })
                .collect(),
            objectives: Vec::new(),
            placements,
            indicators: Vec::new(),
        }
    }

    #[test]
    fn exact_hundred_is_valid_even_with_decimals() {
        let report = check(&plan_with(&[&[3333, 3333, 3334], &[1250, 8750]]));
        assert!(report.is_valid(), "{:?}", report.problems);
        assert!(report.totals.iter().all(|t| t.ok && t.badge == "100%"));
    }

    #[test]
    fn missing_and_excess_are_errors_with_the_gap() {
        let report = check(&plan_with(&[&[3000, 3000, 3000], &[6000, 5050]]));
        assert!(!report.is_valid());
        assert_eq!(report.problems.len(), 2);
        assert_eq!(report.problems[0].kind, ProblemKind::Missing);
        assert_eq!(
            report.problems[0].message,
            "AREA 0 – ANNO 2020: i pesi sommano a 90%, mancano 10 punti"
        );
        assert_eq!(report.problems[1].kind, ProblemKind::Excess);
        assert_eq!(
            report.problems[1].message,
            "AREA 1 – ANNO 2020: i pesi sommano a 110,5%, 10,5 punti in eccesso"
        );
        assert_eq!(report.totals[0].badge, "90% – mancano 10");
        assert_eq!(report.totals[1].badge, "110,5% – 10,5 in eccesso");
    }

    #[test]
    fn an_empty_period_is_a_warning_not_an_error() {
        let report = check(&plan_with(&[&[10_000], &[]]));
        assert!(report.is_valid(), "warnings do not block");
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].kind, ProblemKind::Empty);
        assert_eq!(report.problems[0].severity, Severity::Warning);
    }

    #[test]
    fn a_plan_without_areas_is_invalid() {
        let report = check(&plan_with(&[]));
        assert!(!report.is_valid());
        assert_eq!(report.problems[0].kind, ProblemKind::NoAreas);
    }
}
