//! A plan's content as a sheet states it, checked and grouped, ready to be written: what an
//! import or an update from a sheet hands to the store. Each row keeps the sheet line it came
//! from, so that a refusal while writing still names the line.

use crate::ids::ObjectiveId;
use crate::indicators::IndicatorSpec;
use crate::model::{NewPeriod, ObjectiveText, Weight};

/// An area as the sheet names it, in order of first appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentArea {
    pub name: String,
    /// Blank when the sheet has no manager column, or no manager for the area.
    pub manager: String,
    /// The first line that names the area.
    pub line: u64,
}

/// An objective once, however many areas share it (a cross-cutting objective).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentObjective {
    pub text: ObjectiveText,
    /// The payment-timeliness objective (the sheet's mark, else its words).
    pub timeliness: bool,
    pub indicators: Vec<IndicatorSpec>,
    /// The DUP operational objective the sheet's «Obiettivo operativo» names (None: blank
    /// or no such column; an update then keeps the objective's link).
    pub operational: Option<String>,
}

/// One row of the sheet: an objective in an area and a period, with its weight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentPlacement {
    /// Index into `Content::objectives`.
    pub objective: usize,
    /// Index into `Content::areas`.
    pub area: usize,
    pub period: NewPeriod,
    pub weight: Weight,
    pub line: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Content {
    pub areas: Vec<ContentArea>,
    pub objectives: Vec<ContentObjective>,
    /// In the sheet's order: the order of the plan.
    pub placements: Vec<ContentPlacement>,
}

/// Which objective of the version before a sheet replaced it each new objective continues:
/// the same text first, then the closest (at least three of the five fields equal), each old
/// objective at most once. `before` is (lineage, text), `after` (id, text); the answer is
/// (new id, lineage).
pub fn carried_identities(
    before: &[(ObjectiveId, ObjectiveText)],
    after: &[(ObjectiveId, ObjectiveText)],
) -> Vec<(ObjectiveId, ObjectiveId)> {
    let mut matched = std::collections::HashSet::new();
    let mut used = std::collections::HashSet::new();
    let mut out = Vec::new();
    for pass in [5, 4, 3] {
        for (id, text) in after {
            if matched.contains(id) {
                continue;
            }
            let mine = text.fields();
            let found = before.iter().find(|(lineage, t)| {
                !used.contains(lineage)
                    && t.fields().iter().zip(&mine).filter(|(a, b)| a == b).count() >= pass
            });
            if let Some((lineage, _)) = found {
                out.push((*id, *lineage));
                matched.insert(*id);
                used.insert(*lineage);
            }
        }
    }
    out
}
