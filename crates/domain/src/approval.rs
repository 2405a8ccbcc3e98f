//! The checks before a version is approved, listed in one place: the weight rules (with the
//! rows «da completare»), the required description, and the copy-and-paste slips the reference plan shows (an objective equal
//! to a cross-cutting one but for one field). Errors block the approval; warnings need the
//! officer's confirmation.

use std::collections::HashMap;

use crate::ids::{AreaId, PeriodId};
use crate::model::FullPlan;
use crate::rules::{self, Problem, ProblemKind, Report, Severity};
use crate::text::shorten;

const FIELDS: [&str; 5] = [
    "servizio organizzativo",
    "tipologia",
    "descrizione obiettivo",
    "risultato atteso",
    "indicatore di risultato",
];

/// The weights' totals and the problems the editor's panel shows beside them: the weight
/// rules (`rules::check`) and the plan's place in the DUP's tree (`dup::problems`, once
/// the plan has a DUP; art. 170 TUEL).
pub fn report(plan: &FullPlan) -> Report {
    let mut report = rules::check(plan);
    report.problems.extend(crate::dup::problems(plan));
    report
}

/// Everything that stands between the plan and its approval, errors first.
pub fn checks(plan: &FullPlan) -> Vec<Problem> {
    let mut problems = report(plan).problems;
    problems.extend(crate::timeliness::check(plan));
    let areas: HashMap<AreaId, &str> = plan.areas.iter().map(|a| (a.id, a.name.as_str())).collect();
    let periods: HashMap<PeriodId, &str> = plan
        .periods
        .iter()
        .map(|p| (p.id, p.label.as_str()))
        .collect();
    // The required description: the store refuses it empty, a hand-edited file might not.
    // (A blank expected result or indicator is a warning «da completare» of `rules::check`.)
    for o in &plan.objectives {
        let t = &o.text;
        {
            let (name, value) = ("descrizione obiettivo", &t.description);
            if value.trim().is_empty() {
                let at = plan.placements.iter().find(|p| p.objective_id == o.id);
                problems.push(Problem {
                    kind: ProblemKind::Missing,
                    severity: Severity::Error,
                    area_id: at.map(|p| p.area_id),
                    period_id: at.map(|p| p.period_id),
                    message: format!(
                        "Un obiettivo di «{}» non ha il campo «{name}».",
                        shorten(&t.description, 60)
                    ),
                });
            }
        }
    }
    // Near copies of cross-cutting objectives.
    let shares = plan.share_counts();
    let cross: Vec<_> = plan
        .objectives
        .iter()
        .filter(|o| shares.get(&o.id).copied().unwrap_or(0) > 1)
        .collect();
    for o in &plan.objectives {
        if shares.get(&o.id).copied().unwrap_or(0) > 1 {
            continue;
        }
        let mine = o.text.fields();
        for c in &cross {
            let theirs = c.text.fields();
            let differing: Vec<usize> = (0..5).filter(|&i| mine[i] != theirs[i]).collect();
            if differing.len() != 1 {
                continue;
            }
            let Some(at) = plan.placements.iter().find(|p| p.objective_id == o.id) else {
                continue;
            };
            problems.push(Problem {
                kind: ProblemKind::NearCopy,
                severity: Severity::Warning,
                area_id: Some(at.area_id),
                period_id: Some(at.period_id),
                message: format!(
                    "{} – {}: «{}» è uguale all'obiettivo trasversale delle altre aree tranne il campo «{}». Se è lo stesso obiettivo, correggi il testo.",
                    areas.get(&at.area_id).copied().unwrap_or(""),
                    periods.get(&at.period_id).copied().unwrap_or(""),
                    shorten(&o.text.description, 60),
                    FIELDS[differing[0]]
                ),
            });
            break;
        }
    }
    problems.sort_by_key(|p| p.severity != Severity::Error);
    problems
}
