//! The Relazione sulla performance of a year (art. 10 c.1 lett. b D.Lgs. 150/2009): the
//! results against the targets per area, the year's variations, the monitoring, the
//! evaluation in aggregate (art. 20 D.Lgs. 33/2013: naming nobody), with charts.

use piano_domain::monitoring::Monitor;
use piano_domain::results::{band_of, pct, score_text, YearResults};

use super::{act_text, Block, Doc};
use crate::charts::{self, light_word, Body};

/// What the Relazione is drafted from.
pub struct RelazioneData<'a> {
    /// The year's results, with its variations (`ops::Comparing::results_report`).
    pub results: &'a YearResults,
    /// The year's monitoring dates, in order.
    pub monitors: &'a [Monitor],
    /// The evaluation's aggregate table (`domain::evaluation::publication`), or why it cannot
    /// be drawn up yet (e.g. the amount set aside is not typed).
    pub evaluation: std::result::Result<Vec<(String, String)>, String>,
}

/// The draft Relazione.
pub fn relazione(data: &RelazioneData) -> Doc {
    let y = data.results;
    let mut subtitle = y.entity.clone();
    if let Some(a) = &y.relazione {
        subtitle.push_str(&format!(" – approvata con {}", act_text(a)));
    }
    let mut d = Doc::new(
        format!("Relazione sulla performance {}", y.year),
        subtitle,
        format!("Relazione sulla performance {} – {}", y.year, y.entity),
    );
    d.blocks.push(Block::Contents);

    d.h1("1. Presentazione e contesto");
    d.p(format!(
        "La Relazione sulla performance {} (art. 10 c.1 lett. b D.Lgs. 150/2009) rende conto dei \
         risultati raggiunti rispetto agli obiettivi del piano «{}», {}.",
        y.year, y.title, y.version_label
    ));
    d.todo(
        "il contesto esterno e interno dell'anno, le risorse e i fatti che hanno inciso sui \
         risultati",
    );

    // 2. Summary.
    d.h1("2. Sintesi dei risultati");
    let counts = charts::achievement_counts(y);
    d.p(format!(
        "Gli obiettivi dell'anno, contati per area (un obiettivo trasversale conta in ogni area \
         che lo condivide), sono {}: {} raggiunti al 100%, {} parzialmente raggiunti, {} non \
         raggiunti, {} ancora senza risultato.",
        counts.iter().map(|c| c.1).sum::<usize>(),
        counts[0].1,
        counts[1].1,
        counts[2].1,
        counts[3].1
    ));
    d.p(format!(
        "Punteggio = somma di peso × percentuale di raggiungimento / 100. Fasce del sistema di \
         valutazione: {}.",
        y.band_labels.join("; ")
    ));
    let rows = y
        .areas
        .iter()
        .map(|a| {
            vec![
                a.name.clone(),
                if a.manager.is_empty() {
                    "–".into()
                } else {
                    a.manager.clone()
                },
                score_text(a.score),
                a.band.clone(),
                if a.prerequisite_failed {
                    format!("{} (prerequisito non raggiunto)", pct(Some(a.share)))
                } else {
                    pct(Some(a.share))
                },
                if a.missing.is_empty() {
                    "0".into()
                } else {
                    a.missing.len().to_string()
                },
            ]
        })
        .collect();
    d.table(
        &[
            "Area",
            "Responsabile",
            "Punteggio",
            "Fascia",
            "Quota del premio",
            "Risultati mancanti",
        ],
        &[24, 18, 10, 26, 12, 10],
        rows,
    );
    d.blocks.push(Block::Chart(charts::area_scores(y)));
    let bands = y
        .band_labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let n = y
                .areas
                .iter()
                .filter(|a| band_of(&y.bands, a.score).0 == i)
                .count();
            vec![label.clone(), n.to_string()]
        })
        .collect();
    d.table(&["Fascia del punteggio", "Aree"], &[80, 20], bands);
    d.table(
        &["Grado di raggiungimento", "Obiettivi"],
        &[80, 20],
        counts
            .iter()
            .map(|(l, n)| vec![l.clone(), n.to_string()])
            .collect(),
    );
    d.blocks.push(Block::Chart(charts::achievement(y)));

    // 3. Per area.
    d.h1("3. Risultati per area");
    for a in &y.areas {
        d.h2(a.name.clone());
        d.p(format!(
            "Responsabile: {}. Punteggio {} (pesi in totale {}), fascia {}.",
            if a.manager.is_empty() {
                "–"
            } else {
                &a.manager
            },
            score_text(a.score),
            pct(Some(a.weight_total)),
            a.band
        ));
        let rows = a
            .rows
            .iter()
            .map(|r| {
                let target = if r.indicators.is_empty() {
                    r.expected_result.clone()
                } else {
                    r.indicators
                        .iter()
                        .map(|i| format!("{}: {}", i.label, i.target_text))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                let what = if r.is_prerequisite() {
                    format!("Prerequisito: {}", r.description)
                } else {
                    format!("{} (peso {})", r.description, pct(Some(r.weight)))
                };
                match &r.result {
                    None => vec![
                        what,
                        target,
                        "–".into(),
                        "manca".into(),
                        String::new(),
                        Doc::placeholder_text("risultato da raccogliere"),
                    ],
                    Some(e) => {
                        let how = match e.computed {
                            Some(c) if c != e.achievement => {
                                format!("digitata (calcolata {})", pct(Some(c)))
                            }
                            Some(_) => "calcolata".into(),
                            None => "digitata".into(),
                        };
                        let note = if e.achievement < 10_000 && e.note.trim().is_empty() {
                            Doc::placeholder_text("cause dello scostamento")
                        } else {
                            e.note.clone()
                        };
                        vec![
                            what,
                            target,
                            r.value_text(),
                            pct(Some(e.achievement)),
                            how,
                            note,
                        ]
                    }
                }
            })
            .collect();
        d.table(
            &[
                "Obiettivo",
                "Target",
                "Valore raggiunto",
                "% raggiungimento",
                "Percentuale",
                "Note sugli scostamenti",
            ],
            &[27, 18, 14, 10, 12, 19],
            rows,
        );
    }

    // 4. Variations.
    d.h1("4. Variazioni del piano nell'anno");
    if y.variations.is_empty() {
        d.p(format!("Nel {} il piano non ha avuto variazioni.", y.year));
    } else {
        let rows = y
            .variations
            .iter()
            .map(|(act, what)| {
                vec![
                    format!("{} n. {}", act.body, act.number),
                    act.italian_date(),
                    what.clone(),
                ]
            })
            .collect();
        d.table(&["Atto", "Data", "Cosa è cambiato"], &[30, 15, 55], rows);
    }

    // 5. Monitoring.
    d.h1("5. Monitoraggio intermedio");
    if data.monitors.is_empty() {
        d.p(format!(
            "Per il {} non è registrato alcun monitoraggio intermedio.",
            y.year
        ));
    } else {
        let chart = charts::lights(data.monitors);
        d.p(format!(
            "Monitoraggi registrati: {}. Il semaforo di un'area è verde, giallo o rosso secondo \
             le soglie del sistema di valutazione ({}); un'area con un obiettivo scaduto o \
             critico non è mai verde.",
            data.monitors.len(),
            data.monitors[0].threshold_label
        ));
        if let Body::Lights { columns, rows } = &chart.body {
            let mut header = vec!["Area"];
            header.extend(columns.iter().map(String::as_str));
            let n = columns.len() as u32;
            let mut widths = vec![100 - (60 / n) * n];
            widths.extend(std::iter::repeat_n(60 / n, columns.len()));
            let table = rows
                .iter()
                .map(|r| {
                    let mut v = vec![r.label.clone()];
                    v.extend(r.lights.iter().map(|l| light_word(l).to_string()));
                    v
                })
                .collect();
            d.table(&header, &widths, table);
        }
        d.blocks.push(Block::Chart(chart));
    }

    // 6. Evaluation, aggregate.
    d.h1("6. Distribuzione della valutazione");
    match &data.evaluation {
        Ok(rows) => {
            d.p(
                "Dati aggregati (art. 20 D.Lgs. 33/2013): le fasce con meno di tre persone sono \
                 unite alla vicina, perché nessuno sia riconoscibile.",
            );
            d.table(
                &["Voce", "Valore"],
                &[60, 40],
                rows.iter()
                    .map(|(k, v)| vec![k.clone(), v.clone()])
                    .collect(),
            );
        }
        Err(why) => d.todo(format!("tabella aggregata della valutazione: {why}")),
    }

    // 7. Approval and validation.
    d.h1("7. Approvazione e validazione");
    match &y.relazione {
        Some(a) => d.p(format!("Relazione approvata con {}.", act_text(a))),
        None => d.todo("estremi della deliberazione della Giunta che approva la Relazione"),
    }
    match &y.relazione_validation {
        Some(a) => d.p(format!(
            "Validata dal {} con atto n. {} del {} (art. 14 c.4 lett. c D.Lgs. 150/2009).",
            a.body,
            a.number,
            a.italian_date()
        )),
        None => d.todo(
            "estremi della validazione del Nucleo di valutazione (art. 14 c.4 lett. c D.Lgs. \
             150/2009) e sua pubblicazione in Amministrazione trasparente",
        ),
    }
    d
}
