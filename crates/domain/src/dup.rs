//! The plan in its place: the DUP's tree (Documento Unico di Programmazione, art. 170 TUEL and
//! principle 4/1 of D.Lgs. 118/2011, § 8). Strategic objectives of the Sezione Strategica,
//! the operational objectives of the Sezione Operativa below them, each classified by
//! Missione and Programma of the budget (D.Lgs. 118/2011, all. 14), and every objective of the
//! plan linked to the operational objective it carries out. Codes are the office's own («1»,
//! «1.2»), unique within the plan; an objective links to its operational objective by code.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::error::{Error, Result};
pub use crate::goals::{
    code_key, mission_name, parse_classification, programme_name, tree_order, Classification, Goal,
    Level, MISSIONS,
};
use crate::ids::{AreaId, ObjectiveId, PeriodId};
use crate::model::{clean_text, name_key, Area, FullPlan};
use crate::rules::{Problem, ProblemKind, Severity};
use crate::text::shorten;

/// One row of a DUP sheet, as read: its line and the cells as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoalRow {
    pub line: u64,
    pub code: String,
    pub level: String,
    pub title: String,
    pub description: String,
    pub scope: String,
    pub parent: String,
    pub mission: String,
    pub programme: String,
    pub areas: String,
}

/// The sheet's column names, for the messages (the reader's header says the same).
pub mod column {
    pub const CODE: &str = "Codice";
    pub const LEVEL: &str = "Livello";
    pub const TITLE: &str = "Titolo";
    pub const DESCRIPTION: &str = "Descrizione";
    pub const SCOPE: &str = "Ambito strategico";
    pub const PARENT: &str = "Codice padre";
    pub const MISSION: &str = "Missione";
    pub const PROGRAMME: &str = "Programma";
    pub const AREA: &str = "Area";
}

/// A DUP sheet's rows → the checked tree, every problem at once with its row and column
/// (`Error::SheetProblems`); nothing when any row is wrong. `areas` are the plan's, matched
/// by name (case and accents ignored); several are separated by «;».
pub fn from_rows(rows: &[GoalRow], areas: &[Area]) -> Result<Vec<Goal>> {
    let mut problems = Vec::new();
    let mut bad = |line: u64, column: &str, message: String| {
        problems.push(Error::Sheet {
            line,
            column: column.to_string(),
            message,
        })
    };
    if rows.is_empty() {
        return Err(Error::SheetFormat(
            "Il foglio del DUP non ha righe: scrivi almeno un obiettivo strategico.".into(),
        ));
    }
    let area_keys: HashMap<String, AreaId> =
        areas.iter().map(|a| (name_key(&a.name), a.id)).collect();
    // Codes: required and unique (case ignored).
    let mut first_line: HashMap<String, u64> = HashMap::new();
    let mut levels: HashMap<String, Option<Level>> = HashMap::new();
    let mut parents: HashMap<String, String> = HashMap::new();
    for r in rows {
        let code = r.code.trim();
        if code.is_empty() {
            bad(
                r.line,
                column::CODE,
                "manca il codice dell'obiettivo (per esempio 1 o 1.2).".into(),
            );
            continue;
        }
        match first_line.get(&name_key(code)) {
            Some(first) => bad(r.line, column::CODE, format!(
                "il codice «{code}» è già alla riga {first}: ogni obiettivo del DUP ha un codice suo."
            )),
            None => {
                first_line.insert(name_key(code), r.line);
                levels.insert(name_key(code), Level::parse(&r.level));
                if !r.parent.trim().is_empty() {
                    parents.insert(name_key(code), name_key(&r.parent));
                }
            }
        }
    }
    let mut goals = Vec::new();
    // A cycle is told once, on its first row.
    let mut in_told_cycle: HashSet<String> = HashSet::new();
    for r in rows {
        let code = r.code.trim();
        let Some(level) = Level::parse(&r.level) else {
            bad(
                r.line,
                column::LEVEL,
                if r.level.trim().is_empty() {
                    "manca il livello: scrivi «strategico» o «operativo».".to_string()
                } else {
                    format!(
                        "livello «{}» non previsto: scrivi «strategico» o «operativo».",
                        r.level.trim()
                    )
                },
            );
            continue;
        };
        let mut text = |column: &'static str, value: &str, required: bool| match clean_text(
            "dup", column, value, required,
        ) {
            Ok(t) => t,
            Err(e) => {
                let message = e.to_string();
                bad(r.line, column, message);
                String::new()
            }
        };
        let title = text(column::TITLE, &r.title, true);
        let description = text(column::DESCRIPTION, &r.description, false);
        let scope = text(column::SCOPE, &r.scope, false);
        let parent_typed = r.parent.trim();
        // The parent: a strategic objective for an operational one, none for a strategic one.
        let mut parent = None;
        if !code.is_empty() && !parent_typed.is_empty() {
            // A cycle first: following the parents from this row comes back to it.
            let start = name_key(code);
            let mut seen = vec![start.clone()];
            let mut at = start.clone();
            while let Some(next) = parents.get(&at) {
                if *next == start {
                    seen.push(next.clone());
                    break;
                }
                if seen.contains(next) {
                    break;
                }
                seen.push(next.clone());
                at = next.clone();
            }
            let cycle = seen.len() > 1 && seen.last() == Some(&start);
            if cycle && in_told_cycle.contains(&start) {
                // Already told on the cycle's first row.
            } else if cycle {
                in_told_cycle.extend(seen.iter().cloned());
                let shown: Vec<&str> = seen
                    .iter()
                    .map(|k| {
                        rows.iter()
                            .find(|x| name_key(&x.code) == *k)
                            .map_or(k.as_str(), |x| x.code.trim())
                    })
                    .collect();
                bad(r.line, column::PARENT, format!(
                    "i codici padre formano un ciclo ({}): un obiettivo operativo ha per padre un obiettivo strategico, e uno strategico non ha padre.",
                    shown.join(" → ")
                ));
            } else if level == Level::Strategic {
                bad(r.line, column::PARENT, format!(
                    "l'obiettivo strategico «{code}» non può avere un codice padre («{parent_typed}»): lascia la cella vuota, oppure scrivi «operativo» nel livello."
                ));
            } else {
                match levels.get(&name_key(parent_typed)) {
                    None => bad(r.line, column::PARENT, format!(
                        "il codice padre «{parent_typed}» non è nel foglio: scrivi il codice di un obiettivo strategico."
                    )),
                    Some(Some(Level::Strategic)) => {
                        let p = rows.iter().find(|x| name_key(&x.code) == name_key(parent_typed)).map(|x| x.code.trim().to_string());
                        parent = p;
                    }
                    Some(_) => bad(r.line, column::PARENT, format!(
                        "il codice padre «{parent_typed}» non è un obiettivo strategico: un obiettivo operativo discende da uno strategico."
                    )),
                }
            }
        } else if level == Level::Operational && !code.is_empty() {
            bad(r.line, column::PARENT, format!(
                "l'obiettivo operativo «{code}» non dice da quale obiettivo strategico discende: scrivi il suo codice."
            ));
        }
        let (mission, programme) = match parse_classification(&r.mission, &r.programme) {
            Ok(c) => c,
            Err((column, message)) => {
                bad(r.line, column, message);
                (None, None)
            }
        };
        let mut goal_areas = Vec::new();
        for name in r
            .areas
            .split([';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match area_keys.get(&name_key(name)) {
                Some(id) if !goal_areas.contains(id) => goal_areas.push(*id),
                Some(_) => {}
                None => bad(
                    r.line,
                    column::AREA,
                    format!(
                    "l'area «{name}» non è un'area del piano ({}). Più aree si separano con «;».",
                    areas.iter().map(|a| format!("«{}»", a.name)).collect::<Vec<_>>().join(", ")
                ),
                ),
            }
        }
        goal_areas.sort_by_key(|id| areas.iter().position(|a| a.id == *id));
        goals.push(Goal {
            code: code.to_string(),
            level,
            title,
            description,
            scope,
            parent,
            mission,
            programme,
            areas: goal_areas,
        });
    }
    if !problems.is_empty() {
        problems.sort_by_key(|e| match e {
            Error::Sheet { line, .. } => *line,
            _ => 0,
        });
        return Err(Error::sheet(problems));
    }
    tree_order(&mut goals);
    Ok(goals)
}

/// What the tree covers: the objectives linked to no operational objective, the operational
/// objectives with no objective of the plan, the strategic ones with no operational one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Objective ids, in the annex's order.
    pub unlinked: Vec<ObjectiveId>,
    /// Codes of operational objectives with no objective below them.
    pub empty_operational: Vec<String>,
    /// Codes of strategic objectives with no operational objective below them.
    pub empty_strategic: Vec<String>,
    /// Objectives linked to a code the tree does not have (a hand-edited file).
    pub dangling: Vec<ObjectiveId>,
}

impl Coverage {
    pub fn is_complete(&self) -> bool {
        self.unlinked.is_empty() && self.dangling.is_empty()
    }
}

/// The objectives in the annex's order (by first placement), each once.
fn objectives_in_order(plan: &FullPlan) -> Vec<ObjectiveId> {
    let mut seen = HashSet::new();
    plan.placements
        .iter()
        .map(|p| p.objective_id)
        .filter(|id| seen.insert(*id))
        .collect()
}

pub fn coverage(plan: &FullPlan) -> Coverage {
    let mut out = Coverage::default();
    let operational: HashSet<&str> = plan
        .dup
        .iter()
        .filter(|g| g.level == Level::Operational)
        .map(|g| g.code.as_str())
        .collect();
    let by_id: HashMap<ObjectiveId, &crate::model::Objective> =
        plan.objectives.iter().map(|o| (o.id, o)).collect();
    let mut used: HashSet<&str> = HashSet::new();
    for id in objectives_in_order(plan) {
        let Some(o) = by_id.get(&id) else { continue };
        match o.operational.as_deref() {
            None => out.unlinked.push(id),
            Some(code) if operational.contains(code) => {
                used.insert(code);
            }
            Some(_) => out.dangling.push(id),
        }
    }
    for g in &plan.dup {
        match g.level {
            Level::Operational if !used.contains(g.code.as_str()) => {
                out.empty_operational.push(g.code.clone())
            }
            Level::Strategic
                if !plan
                    .dup
                    .iter()
                    .any(|c| c.parent.as_deref() == Some(g.code.as_str())) =>
            {
                out.empty_strategic.push(g.code.clone())
            }
            _ => {}
        }
    }
    out
}

/// The tree's checks before approval, beside the weights' (none while the plan has no DUP:
/// many small offices start without it).
pub fn problems(plan: &FullPlan) -> Vec<Problem> {
    if plan.dup.is_empty() {
        return Vec::new();
    }
    let c = coverage(plan);
    let mut out = Vec::new();
    // Each objective's first placement, found once: the editor checks on every edit, and a
    // search per unlinked objective would scan the placements a thousand times.
    let mut first: HashMap<ObjectiveId, &crate::model::Placement> = HashMap::new();
    for p in &plan.placements {
        first.entry(p.objective_id).or_insert(p);
    }
    let at = |id: ObjectiveId| first.get(&id).copied();
    let area_name = |id: AreaId| {
        plan.areas
            .iter()
            .find(|a| a.id == id)
            .map_or("", |a| a.name.as_str())
    };
    let title = |code: &str| {
        plan.dup
            .iter()
            .find(|g| g.code == code)
            .map_or(String::new(), |g| shorten(&g.title, 60))
    };
    for (ids, severity, what) in [
        (
            &c.dangling,
            Severity::Error,
            "è collegato a un obiettivo operativo che non è nel DUP del piano",
        ),
        (
            &c.unlinked,
            Severity::Warning,
            "non è collegato a nessun obiettivo operativo del DUP",
        ),
    ] {
        for &id in ids.iter() {
            let Some(o) = plan.objective(id) else {
                continue;
            };
            let p = at(id);
            out.push(Problem {
                kind: ProblemKind::Unlinked,
                severity,
                area_id: p.map(|p| p.area_id),
                period_id: p.map(|p| p.period_id),
                message: format!(
                    "{}: «{}» {what} (art. 170 TUEL): scegli il suo obiettivo operativo nella scheda dell'obiettivo.",
                    p.map_or("", |p| area_name(p.area_id)),
                    shorten(&o.text.description, 60)
                ),
            });
        }
    }
    for code in &c.empty_strategic {
        out.push(Problem {
            kind: ProblemKind::Uncovered,
            severity: Severity::Warning,
            area_id: None,
            period_id: None,
            message: format!(
                "L'obiettivo strategico {code} «{}» non ha obiettivi operativi: aggiungili al DUP o toglilo.",
                title(code)
            ),
        });
    }
    for code in &c.empty_operational {
        out.push(Problem {
            kind: ProblemKind::Uncovered,
            severity: Severity::Info,
            area_id: None,
            period_id: None,
            message: format!(
                "L'obiettivo operativo {code} «{}» non ha obiettivi nel piano.",
                title(code)
            ),
        });
    }
    out
}

/// Checks a link typed in a form or a sheet: a code of one of the plan's operational
/// objectives (case ignored), or blank for none. The code as the tree writes it.
pub fn check_link(plan_dup: &[Goal], typed: &str) -> Result<Option<String>> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    match plan_dup.iter().find(|g| name_key(&g.code) == name_key(typed)) {
        Some(g) if g.level == Level::Operational => Ok(Some(g.code.clone())),
        Some(g) => Err(Error::invalid(
            "operational",
            format!(
                "«{}» è un obiettivo strategico: un obiettivo del piano si collega a un obiettivo operativo del DUP (uno dei suoi figli).",
                g.code
            ),
        )),
        None if plan_dup.is_empty() => Err(Error::invalid(
            "operational",
            "Il piano non ha ancora il DUP: importalo («Albero della performance», oppure «piano dup-import») prima di collegare gli obiettivi.",
        )),
        None => Err(Error::invalid(
            "operational",
            format!("Il DUP del piano non ha un obiettivo operativo «{typed}»: scegli uno dei codici dell'elenco."),
        )),
    }
}

/// An objective of the plan as the tree shows it: where it is placed and with what weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreeObjective {
    pub id: ObjectiveId,
    pub description: String,
    /// «Area – ANNO 2020: 20%», one per placement, in the annex's order.
    pub places: Vec<TreePlace>,
}

/// Where an objective is placed: the names are the tree's (`Tree::areas`, `Tree::periods`),
/// sent once rather than with each of a thousand objectives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreePlace {
    pub area_id: AreaId,
    pub period_id: PeriodId,
    /// Hundredths.
    pub weight: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreeOperational {
    pub goal: Goal,
    /// «Missione 01 – Programma 01.02 Segreteria generale», or "".
    pub classification: String,
    pub area_names: Vec<String>,
    pub objectives: Vec<TreeObjective>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreeStrategic {
    pub goal: Goal,
    pub classification: String,
    pub operational: Vec<TreeOperational>,
    /// How many objectives of the plan are below it.
    pub objectives: usize,
}

/// The «Albero della performance»: strategic → operational → the plan's objectives, with the
/// coverage's gaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tree {
    pub strategic: Vec<TreeStrategic>,
    /// The objectives linked to no operational objective (or to one the tree lacks).
    pub unlinked: Vec<TreeObjective>,
    pub coverage: Coverage,
    /// The missions the tree uses, for a filter: (code, «01 Servizi istituzionali…»).
    pub missions: Vec<(u8, String)>,
    /// The plan's areas and periods (id, name or label), for the places.
    pub areas: Vec<(AreaId, String)>,
    pub periods: Vec<(PeriodId, String)>,
}

impl Tree {
    /// «AREA AFFARI GENERALI – ANNO 2020: 30%».
    pub fn place(&self, p: &TreePlace) -> String {
        fn name<I: PartialEq>(list: &[(I, String)], id: I) -> String {
            list.iter()
                .find(|(x, _)| *x == id)
                .map_or(String::new(), |(_, n)| n.clone())
        }
        format!(
            "{} – {}: {}%",
            name(&self.areas, p.area_id),
            name(&self.periods, p.period_id),
            crate::model::format_hundredths(p.weight.into())
        )
    }
}

/// The tree of a plan, only the branches of `mission` when given (the unlinked objectives
/// are listed whatever the filter).
pub fn tree(plan: &FullPlan, mission: Option<u8>) -> Tree {
    let area_names: HashMap<AreaId, &str> =
        plan.areas.iter().map(|a| (a.id, a.name.as_str())).collect();
    let mut places: HashMap<ObjectiveId, Vec<TreePlace>> = HashMap::new();
    for p in &plan.placements {
        places.entry(p.objective_id).or_default().push(TreePlace {
            area_id: p.area_id,
            period_id: p.period_id,
            weight: p.weight.0,
        });
    }
    let by_id: HashMap<ObjectiveId, &crate::model::Objective> =
        plan.objectives.iter().map(|o| (o.id, o)).collect();
    let mut places_left = places;
    let mut take = |id: ObjectiveId| {
        let o = by_id[&id];
        TreeObjective {
            id,
            description: o.text.description.clone(),
            places: places_left.remove(&id).unwrap_or_default(),
        }
    };
    let order = objectives_in_order(plan);
    let mut below: HashMap<&str, Vec<ObjectiveId>> = HashMap::new();
    for &id in &order {
        if let Some(code) = by_id.get(&id).and_then(|o| o.operational.as_deref()) {
            below.entry(code).or_default().push(id);
        }
    }
    let coverage = coverage(plan);
    let mut strategic = Vec::new();
    for s in plan.dup.iter().filter(|g| g.level == Level::Strategic) {
        let mut operational = Vec::new();
        for g in plan
            .dup
            .iter()
            .filter(|g| g.parent.as_deref() == Some(s.code.as_str()))
        {
            let shown = match mission {
                None => true,
                Some(m) => g.mission == Some(m) || (g.mission.is_none() && s.mission == Some(m)),
            };
            if !shown {
                continue;
            }
            operational.push(TreeOperational {
                goal: g.clone(),
                classification: g.classification(),
                area_names: g
                    .areas
                    .iter()
                    .filter_map(|id| area_names.get(id).map(|n| n.to_string()))
                    .collect(),
                objectives: below
                    .get(g.code.as_str())
                    .map(|ids| ids.iter().map(|&id| take(id)).collect())
                    .unwrap_or_default(),
            });
        }
        if mission.is_some() && operational.is_empty() && s.mission != mission {
            continue;
        }
        strategic.push(TreeStrategic {
            classification: s.classification(),
            objectives: operational.iter().map(|o| o.objectives.len()).sum(),
            goal: s.clone(),
            operational,
        });
    }
    let unlinked = coverage
        .unlinked
        .iter()
        .chain(&coverage.dangling)
        .map(|&id| take(id))
        .collect();
    let missions: Vec<(u8, String)> = plan
        .dup
        .iter()
        .filter_map(|g| g.mission)
        .collect::<std::collections::BTreeSet<u8>>()
        .into_iter()
        .map(|m| (m, format!("{m:02} {}", mission_name(m).unwrap_or(""))))
        .collect();
    Tree {
        strategic,
        unlinked,
        coverage,
        missions,
        areas: plan.areas.iter().map(|a| (a.id, a.name.clone())).collect(),
        periods: plan
            .periods
            .iter()
            .map(|p| (p.id, p.label.clone()))
            .collect(),
    }
}
