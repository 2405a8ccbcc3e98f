//! The schede di valutazione as PDF/A (one manager a page, with the signature lines of the
//! evaluator and the person evaluated and the date of the colloquio, and the pay line by
//! line: the score's quota, the payment-timeliness quota, a failed prerequisite, each ad
//! interim), and the summary for the liquidation act (manager, score, band, share, the
//! quotas, interim, amount), marked «NON LIQUIDABILE» until the Nucleo has validated the
//! Relazione (art. 14 c.6 D.Lgs. 150/2009).

use super::layout::Align::{Left, Right};
use super::layout::{Flow, Furniture, BAND_FILL, INK, RED, WHITE};
use super::{draw, Options};
use piano_domain::error::Result;
use piano_domain::evaluation::{euros, not_payable, share_of, Evaluated, Evaluation, PayKind};
use piano_domain::individual::Individual;
use piano_domain::model::format_hundredths;
use piano_domain::results::score_text;

const SCHEDA: [f32; 5] = [0.30, 0.08, 0.14, 0.12, 0.36];
const SCHEDA_HEAD: [&str; 5] = [
    "VOCE",
    "PESO",
    "VALUTAZIONE",
    "PUNTI SU 100",
    "NOTE DEL VALUTATORE",
];
const SUMMARY: [f32; 10] = [0.13, 0.17, 0.07, 0.14, 0.06, 0.09, 0.09, 0.09, 0.07, 0.09];
const SUMMARY_HEAD: [&str; 10] = [
    "RESPONSABILE",
    "AREE",
    "PUNTEGGIO",
    "FASCIA",
    "QUOTA",
    "RETRIBUZIONE MASSIMA (€)",
    "DAL PUNTEGGIO (€)",
    "TEMPESTIVITÀ PAGAMENTI (€)",
    "INTERIM (€)",
    "IMPORTO DOVUTO (€)",
];

fn pct(v: u32) -> String {
    format!("{}%", format_hundredths(v.into()))
}

fn furniture(e: &Evaluation, title: String) -> Furniture {
    Furniture {
        title,
        entity: e.entity.clone(),
        caption: match (&e.validation, &e.proposal) {
            (Some(a), Some(p)) => format!(
                "{} – valutazione proposta dal {} (atto n. {} del {}) e assegnata dal {} con atto n. {} del {}",
                e.title,
                p.body,
                p.number,
                p.italian_date(),
                a.body,
                a.number,
                a.italian_date()
            ),
            (Some(a), None) => format!(
                "{} – valutazione assegnata con atto n. {} del {}",
                e.title,
                a.number,
                a.italian_date()
            ),
            _ => format!("{} – valutazione dell'anno {}", e.title, e.year),
        },
        years: (e.year, e.year),
    }
}

fn scheda_rows(e: &Evaluation, m: &Evaluated) -> Vec<([String; 5], bool)> {
    let r = &e.rules;
    let mut rows = Vec::new();
    let areas: Vec<String> = m
        .areas
        .iter()
        .map(|(a, s, _)| format!("{a}: {}", score_text(*s)))
        .collect();
    rows.push((
        [
            "Performance organizzativa (punteggio delle aree)".into(),
            pct(r.organisational),
            areas.join("\n"),
            score_text(m.organisational),
            if m.areas.len() > 1 {
                format!(
                    "Aree combinate con la {}",
                    match r.combine {
                        piano_domain::evaluation::Combine::Media => "media semplice",
                        piano_domain::evaluation::Combine::Pesata =>
                            "media pesata sul numero degli obiettivi",
                    }
                )
            } else {
                String::new()
            },
        ],
        false,
    ));
    // The scores that count: after a decided review, the revised ones beside the first.
    let counted = m.scheda.review.applied(&m.scheda.scores);
    for (i, (item, (score, note))) in r.items.iter().zip(&m.scheda.scores).enumerate() {
        let now = counted.get(i).and_then(|(s, _)| *s);
        let shown = match (score, now) {
            (Some(s), Some(n)) if *s != n => {
                format!("{s} su {}; {n} dopo il riesame", r.scale_max)
            }
            _ => score.map_or("da assegnare".into(), |s| format!("{s} su {}", r.scale_max)),
        };
        rows.push((
            [
                format!("Comportamento: {}", item.name),
                pct(share_of(r.behaviours, item.weight)),
                shown,
                now.map_or(String::new(), |s| score_text(s * 10_000 / r.scale_max)),
                // The words of the level given, as the scheda di assegnazione described it.
                match (
                    now.and_then(|s| item.level(r.scale_min, s)),
                    note.is_empty(),
                ) {
                    (Some(words), true) => format!("Livello: {words}"),
                    (Some(words), false) => format!("{note}\nLivello: {words}"),
                    (None, _) => note.clone(),
                },
            ],
            false,
        ));
    }
    if r.individual > 0 {
        let measured = measured(&m.scheda.objectives);
        rows.push((
            [
                if measured.is_empty() {
                    "Obiettivi individuali".into()
                } else {
                    "Obiettivi individuali (media pesata)".into()
                },
                pct(r.individual),
                m.scheda
                    .individual
                    .map(pct)
                    .unwrap_or_else(|| "da indicare".into()),
                m.scheda.individual.map(score_text).unwrap_or_default(),
                String::new(),
            ],
            false,
        ));
        // Each objective: its share of the whole score, the value against the target, the
        // achievement, and the note when the achievement was typed over.
        for o in measured {
            let late = e.late;
            rows.push((
                [
                    format!("Obiettivo individuale: {}", o.description),
                    pct(share_of(r.individual, o.weight)),
                    match (o.value, o.typed) {
                        (Some(v), _) => format!("{} (target {})", v.text(), o.target_text()),
                        (None, Some(_)) => format!("valutato (target {})", o.target_text()),
                        (None, None) => "da indicare".into(),
                    },
                    o.achievement(late).map(pct).unwrap_or_default(),
                    match (o.typed, o.computed(late)) {
                        (Some(t), Some(c)) if t != c => {
                            format!("Dal valore {}, indicato {}: {}", pct(c), pct(t), o.note)
                        }
                        _ => o.note.clone(),
                    },
                ],
                false,
            ));
        }
    }
    rows.push((
        [
            "PUNTEGGIO FINALE".into(),
            "100%".into(),
            String::new(),
            m.score
                .map(score_text)
                .unwrap_or_else(|| "incompleto".into()),
            m.band.clone(),
        ],
        true,
    ));
    rows.push((
        [
            "Quota della fascia".into(),
            String::new(),
            m.share.map(pct).unwrap_or_default(),
            String::new(),
            String::new(),
        ],
        true,
    ));
    // The pay, line by line, each with how it is worked out.
    for l in &m.lines {
        rows.push((
            [
                l.label.clone(),
                String::new(),
                l.amount
                    .map(|a| format!("€ {}", euros(a)))
                    .unwrap_or_else(|| "da indicare".into()),
                String::new(),
                l.detail.clone(),
            ],
            false,
        ));
    }
    rows.push((
        [
            "IMPORTO DOVUTO".into(),
            String::new(),
            m.amount
                .map(|a| format!("€ {}", euros(a)))
                .unwrap_or_else(|| "–".into()),
            String::new(),
            m.reduction.clone().unwrap_or_default(),
        ],
        true,
    ));
    rows
}

/// The signature lines under a scheda: the evaluator's and the manager's, and the date (the
/// one recorded, or a line to write it on).
fn signatures(flow: &mut Flow<'_, 5>, m: &Evaluated, who: &str, date: Option<chrono::NaiveDate>) {
    let p = flow.node("P", 0);
    let evaluator = if m.scheda.evaluator.is_empty() {
        "Il valutatore".to_string()
    } else {
        format!("Il valutatore ({})", m.scheda.evaluator)
    };
    flow.band(
        &format!(
            "{evaluator}: ______________________     {who} ({}): ______________________     Data: {}",
            m.manager,
            date.map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_else(|| "____________".into())
        ),
        10.0,
        WHITE,
        INK,
        false,
        Some(p),
    );
}

/// The objectives measured against a target: all but the single percentage of earlier
/// releases, which prints as the component alone, as it did.
fn measured(objectives: &[Individual]) -> &[Individual] {
    match objectives {
        [only] if only.target.is_none() => &[],
        all => all,
    }
}

/// The revisions of the individual objectives, in words, for the text under a scheda.
fn revisions(m: &Evaluated) -> String {
    m.scheda
        .revisions
        .iter()
        .map(|r| {
            format!(
                " Obiettivi individuali {} Assegnati in origine: {}.",
                r.text().replacen("Rivisti", "rivisti", 1),
                r.before.join("; ")
            )
        })
        .collect()
}

const ASSIGNMENT: [f32; 5] = [0.18, 0.07, 0.30, 0.20, 0.25];
const ASSIGNMENT_HEAD: [&str; 5] = [
    "VOCE",
    "PESO",
    "OBIETTIVO O COMPORTAMENTO",
    "RISULTATO ATTESO",
    "INDICATORE / LIVELLI DELLA SCALA",
];

/// The scheda di assegnazione (DFP guidelines 2/2017 §5 and 5/2019 §3), one manager a page:
/// the objectives of the areas led with their weights, the individual objectives' component,
/// the behaviours expected with each level of the scale described, the component weights,
/// the maximum pay and the timeliness quota where it applies, and the signature lines for the
/// manager's acknowledgement.
pub fn render_assignment(
    e: &Evaluation,
    y: &piano_domain::results::YearResults,
) -> Result<Vec<u8>> {
    let furniture = furniture(
        e,
        format!("SCHEDE DI ASSEGNAZIONE DEGLI OBIETTIVI – ANNO {}", e.year),
    );
    let options = Options::default();
    let mut flow = Flow::start(&furniture, &options, ASSIGNMENT);
    let header = flow.header_for(ASSIGNMENT_HEAD);
    let r = &e.rules;
    for (n, m) in e.managers.iter().enumerate() {
        if n > 0 {
            flow.new_page(&furniture);
        }
        let mut rows: Vec<([String; 5], bool)> = vec![(
            [
                "Performance organizzativa".into(),
                pct(r.organisational),
                format!(
                    "Gli obiettivi delle aree guidate{}",
                    if m.areas.len() > 1 {
                        ", combinate con la media dei punteggi delle aree"
                    } else {
                        ""
                    }
                ),
                String::new(),
                String::new(),
            ],
            true,
        )];
        for (name, _, _) in &m.areas {
            let Some(a) = y.areas.iter().find(|a| &a.name == name) else {
                continue;
            };
            for row in &a.rows {
                rows.push((
                    [
                        if row.is_prerequisite() {
                            format!("{name} – obiettivo prerequisito")
                        } else {
                            name.clone()
                        },
                        if row.is_prerequisite() {
                            String::new()
                        } else {
                            pct(row.weight)
                        },
                        row.description.clone(),
                        row.expected_result.clone(),
                        row.indicator.clone(),
                    ],
                    false,
                ));
            }
        }
        if r.individual > 0 {
            let measured = measured(&m.scheda.objectives);
            rows.push((
                [
                    "Obiettivi individuali".into(),
                    pct(r.individual),
                    if m.scheda.objectives.is_empty() {
                        "Gli obiettivi individuali assegnati al responsabile: da indicare".into()
                    } else {
                        "Gli obiettivi individuali assegnati al responsabile".into()
                    },
                    String::new(),
                    if measured.is_empty() {
                        "Percentuale di raggiungimento a fine anno".into()
                    } else {
                        "Media pesata dei raggiungimenti".into()
                    },
                ],
                true,
            ));
            for o in measured {
                rows.push((
                    [
                        format!(
                            "Obiettivo individuale (peso {} nella componente)",
                            pct(o.weight)
                        ),
                        pct(share_of(r.individual, o.weight)),
                        o.description.clone(),
                        o.target_text(),
                        o.indicator_label(),
                    ],
                    false,
                ));
            }
        }
        for item in &r.items {
            let levels: Vec<String> = item
                .levels
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.is_empty())
                .map(|(l, t)| format!("{} = {t}", r.scale_min + l as u32))
                .collect();
            rows.push((
                [
                    format!("Comportamento: {}", item.name),
                    pct(share_of(r.behaviours, item.weight)),
                    item.description.clone(),
                    format!("Scala da {} a {}", r.scale_min, r.scale_max),
                    levels.join("\n"),
                ],
                false,
            ));
        }
        flow.section(
            &furniture,
            &format!("{} – scheda di assegnazione {}", m.manager, e.year),
            &header,
            rows,
            [Left, Right, Left, Left, Left],
            |_, _| [INK; 5],
        );
        let mut text = format!(
            "Retribuzione di risultato massima: € {}. Fasce: {}.",
            m.scheda
                .max_pay
                .map(euros)
                .unwrap_or_else(|| "da indicare".into()),
            e.band_labels.join("; ")
        );
        if m.timeliness_subject {
            text.push_str(&format!(
                " Tempestività dei pagamenti (art. 4-bis DL 13/2023): {}.",
                m.timeliness_arithmetic
            ));
        }
        if let Some(d) = m.scheda.midyear {
            text.push_str(&format!(
                " Colloquio intermedio del {}{}",
                d.format("%d/%m/%Y"),
                if m.scheda.midyear_notes.is_empty() {
                    ".".to_string()
                } else {
                    format!(": {}", m.scheda.midyear_notes)
                }
            ));
        }
        text.push_str(&revisions(m));
        text.push_str(&format!(
            " A fine anno la scheda di valutazione è consegnata al responsabile, che può chiederne il riesame entro {} giorni (art. 7 c.2-bis D.Lgs. 150/2009).",
            r.review_days
        ));
        let p = flow.node("P", 0);
        flow.band(&text, 8.5, BAND_FILL, INK, true, Some(p));
        signatures(
            &mut flow,
            m,
            "Il responsabile, per presa visione",
            m.scheda.acknowledged,
        );
    }
    let laid = flow.finish();
    let title = format!("Schede di assegnazione {} – {}", e.year, e.title);
    draw(
        &laid,
        &furniture,
        &title,
        "Schede di assegnazione degli obiettivi ai responsabili (dati personali)",
        &options,
    )
}

/// One scheda per manager, each on its own page.
pub fn render_schede(e: &Evaluation) -> Result<Vec<u8>> {
    let draft = e
        .managers
        .iter()
        .any(|m| m.score.is_none() || !m.missing.is_empty());
    let furniture = furniture(
        e,
        format!("SCHEDE DI VALUTAZIONE DEI RESPONSABILI – ANNO {}", e.year),
    );
    let options = Options {
        draft,
        ..Options::default()
    };
    let mut flow = Flow::start(&furniture, &options, SCHEDA);
    let header = flow.header_for(SCHEDA_HEAD);
    let aligns = [Left, Right, Left, Right, Left];
    for (i, m) in e.managers.iter().enumerate() {
        if i > 0 {
            flow.new_page(&furniture);
        }
        let heading = format!("{} – scheda di valutazione {}", m.manager, e.year);
        flow.section(
            &furniture,
            &heading,
            &header,
            scheda_rows(e, m),
            aligns,
            |cells, bold| {
                let mut c = [INK; 5];
                if !bold && (cells[2] == "da assegnare" || cells[2] == "da indicare") {
                    c[2] = RED;
                }
                c
            },
        );
        let p = flow.node("P", 0);
        let colloquio = m
            .scheda
            .colloquio
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|| "____________".into());
        let mut text = format!(
            "Colloquio di valutazione del {colloquio}. Punteggio = performance organizzativa × {} + comportamenti (punteggio / {} × 100) × {}{} / 100. Fasce: {}.",
            pct(e.rules.organisational),
            e.rules.scale_max,
            pct(e.rules.behaviours),
            if e.rules.individual > 0 {
                format!(" + obiettivi individuali × {}", pct(e.rules.individual))
            } else {
                String::new()
            },
            e.band_labels.join("; ")
        );
        if m.timeliness_subject {
            text.push_str(&format!(
                " Tempestività dei pagamenti (art. 4-bis DL 13/2023, almeno il 30% della retribuzione di risultato): {}.",
                m.timeliness_arithmetic
            ));
        }
        if !m.scheda.notes.is_empty() {
            text.push_str(&format!(" Note: {}", m.scheda.notes));
        }
        text.push_str(&revisions(m));
        // The handing over and the review (art. 7 c.2-bis D.Lgs. 150/2009).
        let r = &m.scheda.review;
        let day = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
        if let Some(h) = r.handed_over {
            text.push_str(&format!(" Scheda consegnata al valutato il {}.", day(h)));
        }
        if !r.remarks.is_empty() {
            text.push_str(&format!(" Osservazioni del valutato: {}", r.remarks));
        }
        if r.waived {
            text.push_str(" Il valutato ha rinunciato al riesame.");
        }
        if let Some(q) = r.requested {
            text.push_str(&format!(" Riesame chiesto il {}", day(q)));
            match r.decided {
                Some(d) => {
                    let changed: Vec<String> = r
                        .revised
                        .iter()
                        .map(|(i, v)| {
                            format!(
                                "«{}» da {} a {v}",
                                e.rules.items.get(*i).map_or("", |it| it.name.as_str()),
                                m.scheda
                                    .scores
                                    .get(*i)
                                    .and_then(|(s, _)| *s)
                                    .map_or("–".to_string(), |s| s.to_string())
                            )
                        })
                        .collect();
                    text.push_str(&format!(
                        "; esito del {}: {}{}",
                        day(d),
                        r.reason,
                        if changed.is_empty() {
                            " (valutazione confermata).".to_string()
                        } else {
                            format!(" (punteggi rivisti: {}).", changed.join(", "))
                        }
                    ));
                }
                None => text.push_str(", in attesa dell'esito."),
            }
        }
        text.push_str(&format!(" Stato della scheda: {}.", m.stage_text));
        flow.band(&text, 8.5, BAND_FILL, INK, true, Some(p));
        signatures(&mut flow, m, "Il valutato", None);
    }
    let laid = flow.finish();
    let title = format!("Schede di valutazione {} – {}", e.year, e.title);
    draw(
        &laid,
        &furniture,
        &title,
        "Schede di valutazione dei responsabili (dati personali)",
        &options,
    )
}

/// The summary for the liquidation act: every manager's score, band, share and amount, the
/// total against the budget and the warnings.
pub fn render_summary(e: &Evaluation) -> Result<Vec<u8>> {
    let draft = e.managers.iter().any(|m| m.amount.is_none());
    let furniture = furniture(
        e,
        format!(
            "RETRIBUZIONE DI RISULTATO DEI RESPONSABILI – ANNO {}",
            e.year
        ),
    );
    let options = Options {
        draft,
        ..Options::default()
    };
    let mut flow = Flow::start(&furniture, &options, SUMMARY);
    let header = flow.header_for(SUMMARY_HEAD);
    let mut rows: Vec<([String; 10], bool)> = e
        .managers
        .iter()
        .map(|m| {
            (
                [
                    m.manager.clone(),
                    m.areas
                        .iter()
                        .map(|(a, _, _)| a.clone())
                        .collect::<Vec<_>>()
                        .join("\n"),
                    m.score
                        .map(score_text)
                        .unwrap_or_else(|| "incompleto".into()),
                    m.band.clone(),
                    m.share.map(pct).unwrap_or_default(),
                    m.scheda.max_pay.map(euros).unwrap_or_default(),
                    m.total_of(PayKind::Score).map(euros).unwrap_or_default(),
                    m.total_of(PayKind::Timeliness)
                        .map(euros)
                        .unwrap_or_default(),
                    m.total_of(PayKind::Interim).map(euros).unwrap_or_default(),
                    m.amount.map(euros).unwrap_or_default(),
                ],
                false,
            )
        })
        .collect();
    rows.push((
        [
            "TOTALE".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            euros(
                e.managers
                    .iter()
                    .filter_map(|m| m.scheda.max_pay)
                    .sum::<i64>(),
            ),
            String::new(),
            String::new(),
            String::new(),
            euros(e.total),
        ],
        true,
    ));
    let aligns = [
        Left, Left, Right, Left, Right, Right, Right, Right, Right, Right,
    ];
    flow.section(
        &furniture,
        &format!(
            "RIEPILOGO PER LA DETERMINA DI LIQUIDAZIONE – ANNO {}",
            e.year
        ),
        &header,
        rows,
        aligns,
        |cells, _| {
            let mut c = [INK; 10];
            if cells[2] == "incompleto" {
                c[2] = RED;
            }
            c
        },
    );
    let mut lines = Vec::new();
    if e.provisional() {
        let pending: Vec<String> = e
            .managers
            .iter()
            .filter(|m| !m.stage.is_final())
            .map(|m| format!("{}: {}", m.manager, m.stage_text))
            .collect();
        lines.push(format!(
            "PROVVISORIO: schede non ancora definitive (art. 7 c.2-bis D.Lgs. 150/2009) – {}.",
            pending.join("; ")
        ));
    }
    lines.push(match &e.relazione_validation {
        None => format!(
            "NON LIQUIDABILE{}",
            not_payable(e.year).trim_start_matches("Non liquidabile")
        ),
        Some(a) => format!(
            "Liquidabile: la Relazione sulla performance {} è stata validata dal {} con atto n. {} del {} (art. 14 c.6 D.Lgs. 150/2009).",
            e.year,
            a.body,
            a.number,
            a.italian_date()
        ),
    });
    for m in &e.managers {
        if let Some(r) = &m.reduction {
            lines.push(format!("{}: {r}", m.manager));
        }
    }
    if let Some(b) = e.rules.budget {
        lines.push(format!(
            "Fondo per la retribuzione di risultato: € {}; totale dovuto: € {}.",
            euros(b),
            euros(e.total)
        ));
    }
    // The state of payability is the first line; the warnings repeat it otherwise.
    lines.extend(
        e.warnings
            .iter()
            .filter(|w| !w.starts_with("Non liquidabile"))
            .cloned(),
    );
    for line in lines {
        let p = flow.node("P", 0);
        let warn = line.starts_with("Il totale")
            || line.starts_with("Tutti")
            || line.contains("15%")
            || line.starts_with("NON LIQUIDABILE")
            || line.starts_with("PROVVISORIO")
            || line.contains("prerequisito");
        flow.band(
            &line,
            9.0,
            BAND_FILL,
            if warn { RED } else { INK },
            true,
            Some(p),
        );
    }
    let laid = flow.finish();
    let title = format!("Retribuzione di risultato {} – {}", e.year, e.title);
    draw(
        &laid,
        &furniture,
        &title,
        "Riepilogo per la determina di liquidazione della retribuzione di risultato",
        &options,
    )
}
