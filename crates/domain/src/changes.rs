//! What changed from one version of a plan to another (the *prospetto delle variazioni*):
//! per area and period the objectives added and removed, the weights changed and the total
//! before and after; then each objective whose text changed, once, with the areas it
//! touches (a cross-cutting objective is one text). Versions are compared by lineage: an
//! objective or area keeps its identity through the copies that make each variation.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::ids::{AreaId, ObjectiveId, PeriodId};
use crate::model::{format_hundredths, FullPlan};
use crate::versions::{Lineage, VersionInfo};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum RowKind {
    Added,
    Removed,
    Weight,
}

impl RowKind {
    pub fn italian(&self) -> &'static str {
        match self {
            RowKind::Added => "Aggiunto",
            RowKind::Removed => "Eliminato",
            RowKind::Weight => "Peso modificato",
        }
    }
}

/// One objective added, removed or reweighted in an area and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowChange {
    pub kind: RowKind,
    pub service: String,
    pub description: String,
    /// Hundredths; None where the objective was not there.
    pub before: Option<u32>,
    pub after: Option<u32>,
}

/// The changes of one area in one period, with its total before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellChanges {
    pub area: String,
    pub period: String,
    /// The period's first and last year.
    pub years: (i32, i32),
    pub rows: Vec<RowChange>,
    pub total_before: u32,
    pub total_after: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// An objective whose text changed: listed once, with every area and period it is placed
/// in. The same text in several periods (a sheet makes one objective per period) is one
/// change too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextChange {
    pub service: String,
    pub description: String,
    pub areas: Vec<String>,
    /// The periods' labels, in the plan's order: "ANNO 2024", "ANNO 2025".
    pub periods: Vec<String>,
    /// The periods' first and last years.
    pub years: Vec<(i32, i32)>,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub from: VersionInfo,
    pub to: VersionInfo,
    pub cells: Vec<CellChanges>,
    pub texts: Vec<TextChange>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty() && self.texts.is_empty()
    }
}

const FIELDS: [&str; 5] = [
    "Servizio organizzativo",
    "Tipologia",
    "Descrizione obiettivo",
    "Risultato atteso",
    "Indicatore di risultato",
];

/// Per (area lineage, period years): objective lineage → (weight, objective id), in order.
type Cells = HashMap<(AreaId, (i32, i32)), Vec<(ObjectiveId, u32, ObjectiveId)>>;

fn cells(plan: &FullPlan, lineage: &Lineage) -> Cells {
    let years: HashMap<PeriodId, (i32, i32)> = plan
        .periods
        .iter()
        .map(|p| (p.id, (p.first_year, p.last_year)))
        .collect();
    let mut out: Cells = HashMap::new();
    for p in &plan.placements {
        let area = lineage.area(p.area_id);
        let objective = lineage.objective(p.objective_id);
        out.entry((area, years[&p.period_id])).or_default().push((
            objective,
            p.weight.0,
            p.objective_id,
        ));
    }
    out
}

/// Compares two versions of a plan (`old` → `new`).
pub fn compare(
    old: &FullPlan,
    old_l: &Lineage,
    new: &FullPlan,
    new_l: &Lineage,
) -> (Vec<CellChanges>, Vec<TextChange>) {
    let before = cells(old, old_l);
    let after = cells(new, new_l);
    // Service and description of an objective, as the rows show them.
    let text_of = |plan: &FullPlan, id: ObjectiveId| {
        plan.objective(id)
            .map_or((String::new(), String::new()), |o| {
                (o.text.service.clone(), o.text.description.clone())
            })
    };
    // Areas in the new version's order, then those that were removed.
    let mut areas: Vec<(AreaId, String)> = new
        .areas
        .iter()
        .map(|a| (new_l.area(a.id), a.name.clone()))
        .collect();
    for a in &old.areas {
        let l = old_l.area(a.id);
        if !areas.iter().any(|(x, _)| *x == l) {
            areas.push((l, a.name.clone()));
        }
    }
    let mut periods: Vec<((i32, i32), String)> = Vec::new();
    for p in new.periods.iter().chain(&old.periods) {
        let key = (p.first_year, p.last_year);
        if !periods.iter().any(|(k, _)| *k == key) {
            periods.push((key, p.label.clone()));
        }
    }
    periods.sort_by_key(|(k, _)| *k);

    let mut out = Vec::new();
    for (area, area_name) in &areas {
        for (years, label) in &periods {
            let key = (*area, *years);
            let was = before.get(&key).map(Vec::as_slice).unwrap_or(&[]);
            let now = after.get(&key).map(Vec::as_slice).unwrap_or(&[]);
            let mut rows = Vec::new();
            for (lin, w, id) in now {
                let (service, description) = text_of(new, *id);
                match was.iter().find(|(l, _, _)| l == lin) {
                    None => rows.push(RowChange {
                        kind: RowKind::Added,
                        service,
                        description,
                        before: None,
                        after: Some(*w),
                    }),
                    Some((_, old_w, _)) if old_w != w => rows.push(RowChange {
                        kind: RowKind::Weight,
                        service,
                        description,
                        before: Some(*old_w),
                        after: Some(*w),
                    }),
                    Some(_) => {}
                }
            }
            for (lin, w, id) in was {
                if !now.iter().any(|(l, _, _)| l == lin) {
                    let (service, description) = text_of(old, *id);
                    rows.push(RowChange {
                        kind: RowKind::Removed,
                        service,
                        description,
                        before: Some(*w),
                        after: None,
                    });
                }
            }
            if !rows.is_empty() {
                out.push(CellChanges {
                    area: area_name.clone(),
                    period: label.clone(),
                    years: *years,
                    rows,
                    total_before: was.iter().map(|(_, w, _)| w).sum(),
                    total_after: now.iter().map(|(_, w, _)| w).sum(),
                });
            }
        }
    }

    // Texts: each objective present in both versions, once.
    let old_by_lineage: HashMap<ObjectiveId, &crate::model::Objective> = old
        .objectives
        .iter()
        .map(|o| (old_l.objective(o.id), o))
        .collect();
    let area_names: HashMap<AreaId, &str> =
        new.areas.iter().map(|a| (a.id, a.name.as_str())).collect();
    let mut texts = Vec::new();
    let mut seen = BTreeSet::new();
    for p in &new.placements {
        let Some(o) = new.objective(p.objective_id) else {
            continue;
        };
        let lin = new_l.objective(o.id);
        if !seen.insert(o.id) {
            continue;
        }
        let Some(was) = old_by_lineage.get(&lin) else {
            continue;
        };
        let (a, b) = (was.text.fields(), o.text.fields());
        let mut changed: Vec<FieldChange> = (0..5)
            .filter(|&i| a[i] != b[i])
            .map(|i| FieldChange {
                field: FIELDS[i],
                before: a[i].to_string(),
                after: b[i].to_string(),
            })
            .collect();
        // The link to the DUP's operational objective (art. 170 TUEL) is part of what the
        // Giunta approves: a relink is a change of the variation.
        if was.operational != o.operational {
            let link = |plan: &FullPlan, code: &Option<String>| {
                code.as_ref().map_or("nessuno".to_string(), |c| {
                    plan.dup
                        .iter()
                        .find(|g| &g.code == c)
                        .map_or(c.clone(), |g| format!("{c} – {}", g.title))
                })
            };
            changed.push(FieldChange {
                field: "Obiettivo operativo (DUP)",
                before: link(old, &was.operational),
                after: link(new, &o.operational),
            });
        }
        if changed.is_empty() {
            continue;
        }
        let mut areas: Vec<String> = Vec::new();
        let mut periods: Vec<PeriodId> = Vec::new();
        for q in new.placements.iter().filter(|q| q.objective_id == o.id) {
            let name = area_names
                .get(&q.area_id)
                .copied()
                .unwrap_or("")
                .to_string();
            if !areas.contains(&name) {
                areas.push(name);
            }
            if !periods.contains(&q.period_id) {
                periods.push(q.period_id);
            }
        }
        let years: Vec<(i32, i32)> = new
            .periods
            .iter()
            .filter(|d| periods.contains(&d.id))
            .map(|d| (d.first_year, d.last_year))
            .collect();
        let periods: Vec<String> = new
            .periods
            .iter()
            .filter(|d| periods.contains(&d.id))
            .map(|d| d.label.clone())
            .collect();
        let same = texts.iter_mut().find(|t: &&mut TextChange| {
            t.service == o.text.service
                && t.description == o.text.description
                && t.fields == changed
        });
        match same {
            Some(t) => {
                for a in areas {
                    if !t.areas.contains(&a) {
                        t.areas.push(a);
                    }
                }
                for d in periods {
                    if !t.periods.contains(&d) {
                        t.periods.push(d);
                    }
                }
                for y in years {
                    if !t.years.contains(&y) {
                        t.years.push(y);
                    }
                }
                // Keep the plan's order of periods.
                t.periods
                    .sort_by_key(|l| new.periods.iter().position(|d| &d.label == l));
            }
            None => texts.push(TextChange {
                service: o.text.service.clone(),
                description: o.text.description.clone(),
                areas,
                periods,
                years,
                fields: changed,
            }),
        }
    }
    (out, texts)
}

impl Changes {
    /// What the changes do to the objectives of `year` and of any earlier year, in short
    /// ("AREA X – ANNO 2024: 2 obiettivi"): empty when those years are untouched.
    pub fn touching_up_to(&self, year: i32) -> Vec<String> {
        let mut out = Vec::new();
        for c in self.cells.iter().filter(|c| c.years.0 <= year) {
            out.push(format!(
                "{} – {}: {} {}",
                c.area,
                c.period,
                c.rows.len(),
                if c.rows.len() == 1 {
                    "obiettivo aggiunto, tolto o ripesato"
                } else {
                    "obiettivi aggiunti, tolti o ripesati"
                }
            ));
        }
        for t in self
            .texts
            .iter()
            .filter(|t| t.years.iter().any(|y| y.0 <= year))
        {
            out.push(format!(
                "«{}» ({}): testo modificato",
                t.description,
                t.periods.join(", ")
            ));
        }
        out
    }

    /// One line per change, in short, for the results annex.
    pub fn summary(&self) -> String {
        let count = |kind: RowKind| {
            let rows = self.cells.iter().flat_map(|c| &c.rows);
            rows.filter(|r| r.kind == kind).count()
        };
        let added = count(RowKind::Added);
        let removed = count(RowKind::Removed);
        let weights = count(RowKind::Weight);
        let mut parts = Vec::new();
        if added > 0 {
            parts.push(format!("{added} obiettivi aggiunti"));
        }
        if removed > 0 {
            parts.push(format!("{removed} tolti"));
        }
        if weights > 0 {
            parts.push(format!("{weights} pesi modificati"));
        }
        if !self.texts.is_empty() {
            parts.push(format!("{} testi modificati", self.texts.len()));
        }
        if parts.is_empty() {
            "nessuna modifica agli obiettivi".into()
        } else {
            parts.join(", ")
        }
    }
}

/// A weight or "–" when there is none.
pub fn pct(w: Option<u32>) -> String {
    w.map_or("–".to_string(), |w| {
        format!("{}%", format_hundredths(w.into()))
    })
}

/// The changes in words, one line each (the command line prints them; the app shows them).
pub fn lines(changes: &Changes) -> Vec<String> {
    let mut out = Vec::new();
    for c in &changes.cells {
        for r in &c.rows {
            out.push(format!(
                "{} – {}: {} «{}» ({} → {})",
                c.area,
                c.period,
                r.kind.italian(),
                r.description,
                pct(r.before),
                pct(r.after)
            ));
        }
        out.push(format!(
            "{} – {}: totale {} → {}",
            c.area,
            c.period,
            pct(Some(c.total_before)),
            pct(Some(c.total_after))
        ));
    }
    for t in &changes.texts {
        for f in &t.fields {
            out.push(format!(
                "Testo modificato «{}», {} ({}; {}): «{}» → «{}»",
                t.description,
                f.field,
                t.areas.join(", "),
                t.periods.join(", "),
                f.before,
                f.after
            ));
        }
    }
    out
}
