//! The PIAO's subsection 2.2 «Performance» (DM 132/2022 art. 3 c.1 lett. b): the objectives
//! per area with their indicators and targets, the cross-cutting and the payment-timeliness
//! objectives, and the DUP's tree when the plan has one.

use std::collections::HashMap;

use piano_domain::dup::Tree;
use piano_domain::ids::{AreaId, ObjectiveId, PeriodId};
use piano_domain::indicators::Indicator;
use piano_domain::model::{FullPlan, Objective};
use piano_domain::timeliness;

use super::{percent, Doc};

/// The draft of subsection 2.2 for a plan; `tree` is the DUP's tree when it has one.
pub fn piao(plan: &FullPlan, tree: Option<&Tree>) -> Doc {
    let p = &plan.plan;
    let years = if p.first_year == p.last_year {
        p.first_year.to_string()
    } else {
        format!("{}-{}", p.first_year, p.last_year)
    };
    let mut subtitle = p.entity.clone();
    if !p.approval.is_empty() {
        if !subtitle.is_empty() {
            subtitle.push_str(" – ");
        }
        subtitle.push_str(&p.approval);
    }
    let mut d = Doc::new(
        format!("PIAO {years} – Sottosezione 2.2 «Performance»"),
        subtitle,
        format!("PIAO {years} – sottosezione Performance – {}", p.entity),
    );
    d.blocks.push(super::Block::Contents);

    let shares = plan.share_counts();
    let cross: Vec<&Objective> = plan
        .objectives
        .iter()
        .filter(|o| shares.get(&o.id).copied().unwrap_or(0) > 1)
        .collect();

    // 1. Introduction.
    d.h1("1. Premessa");
    d.p(format!(
        "La presente sottosezione del Piano integrato di attività e organizzazione (PIAO) {years} \
         riporta gli obiettivi di performance dell'ente (art. 6 DL 80/2021; art. 3 c.1 lett. b \
         DM 132/2022), tratti dal piano «{}».",
        p.title
    ));
    if p.approval.is_empty() {
        d.todo("estremi dell'atto di approvazione del piano degli obiettivi");
    } else {
        d.p(format!(
            "Estremi di approvazione del piano: {}.",
            p.approval
        ));
    }
    d.p(format!(
        "Il piano conta {} aree, {} obiettivi (di cui {} trasversali, condivisi da più aree) e {} \
         periodi.",
        plan.areas.len(),
        plan.objectives.len(),
        cross.len(),
        plan.periods.len()
    ));
    d.todo(
        "collegamento con la sottosezione 2.1 «Valore pubblico»: quali obiettivi di valore \
         pubblico gli obiettivi di performance perseguono",
    );
    d.todo(
        "estremi della deliberazione di adozione del PIAO (entro 30 giorni dall'approvazione del \
         bilancio) e della sua pubblicazione sul portale PIAO del Dipartimento della Funzione \
         pubblica",
    );

    // 2. Per area.
    d.h1("2. Obiettivi per area");
    for area in &plan.areas {
        d.h2(area.name.clone());
        if area.manager.trim().is_empty() {
            d.todo(format!("responsabile dell'area {}", area.name));
        } else {
            d.p(format!("Responsabile: {}", area.manager));
        }
        for period in &plan.periods {
            let cell: Vec<_> = plan.cell(area.id, period.id).collect();
            if cell.is_empty() {
                continue;
            }
            let total: u32 = cell.iter().map(|pl| pl.weight.0).sum();
            d.p(format!(
                "{}: {} obiettivi, pesi in totale {}.",
                period.label,
                cell.len(),
                percent(total)
            ));
            let rows = cell
                .iter()
                .enumerate()
                .filter_map(|(n, pl)| {
                    let o = plan.objective(pl.objective_id)?;
                    let inds: Vec<&Indicator> = plan.indicators_of(o.id).collect();
                    let mut what = o.text.description.clone();
                    if !o.text.service.is_empty() {
                        what = format!("{} – {what}", o.text.service);
                    }
                    if shares.get(&o.id).copied().unwrap_or(0) > 1 {
                        what.push_str(" (trasversale)");
                    }
                    Some(vec![
                        (n + 1).to_string(),
                        what,
                        o.text.kind.as_str().to_string(),
                        percent(pl.weight.0),
                        indicator_text(o, &inds),
                        baseline_text(&inds),
                        targets_text(o, &inds),
                    ])
                })
                .collect();
            d.table(
                &[
                    "N.",
                    "Obiettivo",
                    "Tipo",
                    "Peso",
                    "Indicatori",
                    "Valore di partenza",
                    "Target per anno",
                ],
                &[5, 28, 7, 7, 20, 11, 22],
                rows,
            );
        }
    }

    // 3. Cross-cutting objectives, once.
    d.h1("3. Obiettivi trasversali");
    if cross.is_empty() {
        d.p("Il piano non ha obiettivi condivisi da più aree.");
    } else {
        let rows = placed(plan, &cross);
        d.table(
            &["Obiettivo", "Aree che lo condividono (periodo: peso)"],
            &[50, 50],
            rows,
        );
    }

    // 4. Payment timeliness.
    d.h1("4. Tempestività dei pagamenti");
    d.p(
        "Ai sensi dell'art. 4-bis DL 13/2023 (conv. L. 41/2023) e della circolare RGS–DFP n. 1 del \
         3 gennaio 2024, dal 2024 ai responsabili che pagano fatture commerciali sono assegnati \
         obiettivi annuali di rispetto dei tempi di pagamento, valutati ai fini della retribuzione \
         di risultato in misura non inferiore al 30 per cento.",
    );
    let timely: Vec<&Objective> = plan.objectives.iter().filter(|o| o.timeliness).collect();
    if timely.is_empty() {
        let paying: Vec<&str> = plan
            .areas
            .iter()
            .filter(|a| a.pays_invoices)
            .map(|a| a.name.as_str())
            .collect();
        if p.last_year >= timeliness::FIRST_YEAR && !paying.is_empty() {
            d.todo(format!(
                "obiettivi di tempestività dei pagamenti per le aree che pagano fatture ({}): il \
                 piano non ne contiene",
                paying.join(", ")
            ));
        } else {
            d.p("Il piano non contiene obiettivi di tempestività dei pagamenti.");
        }
    } else {
        let rows = placed(plan, &timely);
        d.table(&["Obiettivo", "Aree (periodo: peso)"], &[50, 50], rows);
    }

    // 5. The DUP's tree.
    if let Some(t) = tree.filter(|t| !t.strategic.is_empty()) {
        d.h1("5. Albero della performance");
        d.p(format!(
            "Gli obiettivi discendono dagli obiettivi strategici e operativi del DUP: {} obiettivi \
             strategici, {} operativi; {} obiettivi del piano su {} sono collegati a un obiettivo \
             operativo.",
            t.strategic.len(),
            t.strategic.iter().map(|s| s.operational.len()).sum::<usize>(),
            plan.objectives.len() - t.unlinked.len(),
            plan.objectives.len()
        ));
        for s in &t.strategic {
            d.h2(format!("{} {}", s.goal.code, s.goal.title));
            if !s.classification.is_empty() {
                d.p(s.classification.clone());
            }
            let rows = s
                .operational
                .iter()
                .map(|op| {
                    let objs: Vec<String> = op
                        .objectives
                        .iter()
                        .map(|o| {
                            let pl: Vec<String> = o.places.iter().map(|x| t.place(x)).collect();
                            format!("{} ({})", o.description, pl.join("; "))
                        })
                        .collect();
                    vec![
                        format!("{} {}", op.goal.code, op.goal.title),
                        op.classification.clone(),
                        if objs.is_empty() {
                            "nessun obiettivo collegato".into()
                        } else {
                            objs.join("\n")
                        },
                    ]
                })
                .collect();
            d.table(
                &[
                    "Obiettivo operativo",
                    "Missione/Programma",
                    "Obiettivi del piano",
                ],
                &[30, 25, 45],
                rows,
            );
        }
        if !t.unlinked.is_empty() {
            d.p(format!(
                "Obiettivi del piano non collegati al DUP: {}.",
                t.unlinked.len()
            ));
        }
    }
    d
}

/// A row per objective: its description, and where it is placed with its weights.
fn placed(plan: &FullPlan, objectives: &[&Objective]) -> Vec<Vec<String>> {
    let area: HashMap<AreaId, &str> = plan.areas.iter().map(|a| (a.id, a.name.as_str())).collect();
    let period: HashMap<PeriodId, &str> = plan
        .periods
        .iter()
        .map(|x| (x.id, x.label.as_str()))
        .collect();
    objectives
        .iter()
        .map(|o| {
            vec![
                o.text.description.clone(),
                places(plan, o.id, &area, &period),
            ]
        })
        .collect()
}

/// Where an objective is placed: «AREA – ANNO 2020: 20%; …».
fn places(
    plan: &FullPlan,
    id: ObjectiveId,
    area: &HashMap<AreaId, &str>,
    period: &HashMap<PeriodId, &str>,
) -> String {
    plan.placements
        .iter()
        .filter(|p| p.objective_id == id)
        .map(|p| {
            format!(
                "{} – {}: {}",
                area.get(&p.area_id).unwrap_or(&""),
                period.get(&p.period_id).unwrap_or(&""),
                percent(p.weight.0)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn indicator_text(o: &Objective, inds: &[&Indicator]) -> String {
    if inds.is_empty() {
        return o.text.indicator.clone();
    }
    inds.iter()
        .map(|i| {
            let unit = if i.unit.is_empty() {
                String::new()
            } else {
                format!(" ({})", i.unit)
            };
            format!("{}{unit}", i.kind.label())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn baseline_text(inds: &[&Indicator]) -> String {
    if inds.is_empty() {
        return "–".into();
    }
    inds.iter()
        .map(|i| match (i.baseline, i.baseline_year) {
            (Some(v), Some(y)) => format!("{} ({y})", v.text()),
            (Some(v), None) => v.text(),
            _ => "–".into(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn targets_text(o: &Objective, inds: &[&Indicator]) -> String {
    if inds.is_empty() {
        return o.text.expected_result.clone();
    }
    inds.iter()
        .map(|i| {
            i.targets
                .iter()
                .map(|t| format!("{}: {}", t.year, i.describe(t.value)))
                .collect::<Vec<_>>()
                .join("; ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}
