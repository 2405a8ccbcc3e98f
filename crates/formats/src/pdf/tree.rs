//! The «Albero della performance» as PDF/A: per strategic objective of the DUP its operational
//! objectives (Missione, Programma, areas responsible) and the plan's objectives below each,
//! with their areas and weights; then the objectives linked to none. The same tree the app
//! shows (`domain::dup::tree`).

use super::layout::{Align, Flow, Furniture, BAND_FILL, INK, RED};
use super::{draw, Options};
use piano_domain::dup::{self, TreeObjective};
use piano_domain::error::Result;
use piano_domain::model::FullPlan;

const COLUMNS: [f32; 4] = [0.27, 0.23, 0.32, 0.18];
const HEADER: [&str; 4] = [
    "OBIETTIVO OPERATIVO",
    "MISSIONE E PROGRAMMA",
    "OBIETTIVO DEL PIANO",
    "AREE E PESI",
];

fn places(tree: &dup::Tree, o: &TreeObjective) -> String {
    o.places
        .iter()
        .map(|p| tree.place(p))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn render(plan: &FullPlan) -> Result<Vec<u8>> {
    let tree = dup::tree(plan, None);
    let furniture = Furniture {
        title: "ALBERO DELLA PERFORMANCE".into(),
        entity: plan.plan.entity.clone(),
        caption: format!("{} – {}", plan.plan.title, plan.plan.approval)
            .trim_end_matches(" – ")
            .to_string(),
        years: (plan.plan.first_year, plan.plan.last_year),
    };
    let options = Options::default();
    let mut flow = Flow::start(&furniture, &options, COLUMNS);
    let c = &tree.coverage;
    let unlinked = c.unlinked.len() + c.dangling.len();
    let summary = format!(
        "{} obiettivi strategici, {} obiettivi operativi del DUP (art. 170 TUEL; Missioni e Programmi del D.Lgs. 118/2011, all. 14). {}{}{}",
        plan.dup.iter().filter(|g| g.level == dup::Level::Strategic).count(),
        plan.dup.iter().filter(|g| g.level == dup::Level::Operational).count(),
        if unlinked == 0 {
            "Ogni obiettivo del piano è collegato a un obiettivo operativo.".to_string()
        } else {
            format!("Obiettivi del piano non collegati: {unlinked}.")
        },
        if c.empty_operational.is_empty() {
            String::new()
        } else {
            format!(
                " Obiettivi operativi senza obiettivi del piano: {}.",
                c.empty_operational.join(", ")
            )
        },
        if c.empty_strategic.is_empty() {
            String::new()
        } else {
            format!(
                " Obiettivi strategici senza obiettivi operativi: {}.",
                c.empty_strategic.join(", ")
            )
        },
    );
    let p = flow.node("P", 0);
    flow.band(&summary, 9.0, BAND_FILL, INK, true, Some(p));
    let header = flow.header_for(HEADER);
    let aligns = [Align::Left; 4];
    for s in &tree.strategic {
        let mut heading = format!("OBIETTIVO STRATEGICO {} – {}", s.goal.code, s.goal.title);
        for extra in [&s.classification, &s.goal.scope] {
            if !extra.is_empty() {
                heading.push_str(&format!(" – {extra}"));
            }
        }
        let mut rows: Vec<([String; 4], bool)> = Vec::new();
        for o in &s.operational {
            rows.push((
                [
                    format!("{} – {}", o.goal.code, o.goal.title),
                    o.classification.clone(),
                    if o.area_names.is_empty() {
                        String::new()
                    } else {
                        format!("Aree responsabili: {}", o.area_names.join(", "))
                    },
                    format!("{} obiettivi", o.objectives.len()),
                ],
                true,
            ));
            if o.objectives.is_empty() {
                rows.push((
                    [
                        String::new(),
                        String::new(),
                        "Nessun obiettivo del piano".into(),
                        String::new(),
                    ],
                    false,
                ));
            }
            for x in &o.objectives {
                rows.push((
                    [
                        String::new(),
                        String::new(),
                        x.description.clone(),
                        places(&tree, x),
                    ],
                    false,
                ));
            }
        }
        if rows.is_empty() {
            rows.push((
                [
                    "Nessun obiettivo operativo".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
                false,
            ));
        }
        flow.section(&furniture, &heading, &header, rows, aligns, |cells, _| {
            let mut c = [INK; 4];
            if cells[2] == "Nessun obiettivo del piano" || cells[0] == "Nessun obiettivo operativo"
            {
                c = [RED; 4];
            }
            c
        });
    }
    if !tree.unlinked.is_empty() {
        let rows = tree
            .unlinked
            .iter()
            .map(|x| {
                (
                    [
                        "non collegato".to_string(),
                        String::new(),
                        x.description.clone(),
                        places(&tree, x),
                    ],
                    false,
                )
            })
            .collect();
        flow.section(
            &furniture,
            "OBIETTIVI DEL PIANO NON COLLEGATI AL DUP",
            &header,
            rows,
            aligns,
            |_, _| {
                let mut c = [INK; 4];
                c[0] = RED;
                c
            },
        );
    }
    let laid = flow.finish();
    draw(
        &laid,
        &furniture,
        &format!("Albero della performance – {}", plan.plan.title),
        &format!(
            "Albero della performance {}-{}: obiettivi strategici, operativi e obiettivi del piano",
            plan.plan.first_year, plan.plan.last_year
        ),
        &options,
    )
}
