//! `piano valutazione`: each manager's scheda and result pay for a year, from the results of
//! the latest approved version: the rules, the schede, the Nucleo's validation, the prints.

use clap::Args;
use piano::domain::evaluation::euros;
use piano::domain::results::score_text;
use piano::prelude::*;
use piano::store::ActInput;

use super::{exit, plan_id, Context, Failure, COMMAND_TEMPLATE};

/// le schede di valutazione dei responsabili e la retribuzione di risultato; esce con 1 finché sono incomplete
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano valutazione PIANO --year ANNO [regole] [--manager NOME --scores 4,5,3,4 …] [--validate --act N --date GG/MM/AAAA] [--out schede.pdf] [--summary F.pdf|.xlsx] [--publish F.csv|.xlsx]",
    long_about = "Per ogni responsabile (dalle aree del piano; chi guida due aree ha una scheda sola): il\npunteggio della performance organizzativa letto dai risultati, i comportamenti sulla scala\ndel sistema di valutazione, il punteggio finale, la fascia, la quota e l'importo della\nretribuzione di risultato. Esce con 1 finché qualche scheda è incompleta.\nRegole dell'anno: --components \"60,40\" (organizzativa, comportamenti[, obiettivi individuali]),\n--scale 1-5, --item \"Nome:25\" (ripetibile), --bands \"0:0, 60:proporzionale, 90:100\",\n--combine media|pesata, --budget 8000, --position-budget 40000.\nScheda: --manager NOME --scores 4,5,3,4 --colloquio 15/03/2021 --max-pay 5000 [--individual 80]\n[--evaluator NOME]. --validate --act N --date GG/MM/AAAA registra la convalida del Nucleo (poi\nnulla cambia); --revoke N la annulla. --out scrive le schede in PDF, --summary il riepilogo per la\ndetermina (PDF o XLSX), --publish la tabella aggregata per Amministrazione trasparente (nessun nome)."
)]
pub struct Valutazione {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// l'anno valutato, es. 2020
    #[arg(long, value_name = "ANNO", help_heading = "Opzioni")]
    year: Option<i32>,
    /// i pesi delle componenti: organizzativa, comportamenti[, obiettivi individuali]
    #[arg(long, value_name = "PESI", help_heading = "Regole")]
    components: Option<String>,
    /// la scala dei comportamenti, es. 1-5
    #[arg(long, value_name = "SCALA", help_heading = "Regole")]
    scale: Option<String>,
    /// un comportamento con il suo peso, «Nome:25» (ripetibile: sostituisce l'elenco)
    #[arg(long, value_name = "NOME:PESO", help_heading = "Regole")]
    item: Vec<String>,
    /// fasce proprie (vuoto: quelle dei risultati)
    #[arg(long, value_name = "FASCE", help_heading = "Regole")]
    bands: Option<String>,
    /// chi guida più aree: media o pesata
    #[arg(long, value_name = "REGOLA", help_heading = "Regole")]
    combine: Option<String>,
    /// il fondo per la retribuzione di risultato (€)
    #[arg(long, value_name = "EURO", help_heading = "Regole")]
    budget: Option<String>,
    /// il fondo per la retribuzione di posizione (€)
    #[arg(long, value_name = "EURO", help_heading = "Regole")]
    position_budget: Option<String>,
    /// il responsabile della scheda da registrare
    #[arg(long, value_name = "NOME", help_heading = "Scheda")]
    manager: Option<String>,
    /// i punteggi dei comportamenti, nell'ordine, separati da virgole
    #[arg(long, value_name = "PUNTEGGI", help_heading = "Scheda")]
    scores: Option<String>,
    /// la data del colloquio di valutazione
    #[arg(long, value_name = "DATA", help_heading = "Scheda")]
    colloquio: Option<String>,
    /// la retribuzione di risultato massima del responsabile (€)
    #[arg(long, value_name = "EURO", help_heading = "Scheda")]
    max_pay: Option<String>,
    /// il raggiungimento degli obiettivi individuali (%)
    #[arg(long, value_name = "PERCENTUALE", help_heading = "Scheda")]
    individual: Option<String>,
    /// chi valuta
    #[arg(long, value_name = "NOME", help_heading = "Scheda")]
    evaluator: Option<String>,
    /// registra la convalida del Nucleo di valutazione
    #[arg(long, help_heading = "Convalida")]
    validate: bool,
    /// il numero dell'atto di convalida
    #[arg(long, value_name = "N", help_heading = "Convalida")]
    act: Option<String>,
    /// la data dell'atto di convalida
    #[arg(long, value_name = "DATA", help_heading = "Convalida")]
    date: Option<String>,
    /// annulla la convalida registrata (scrivi il numero dell'atto)
    #[arg(long, value_name = "N", help_heading = "Convalida")]
    revoke: Option<String>,
    /// le schede in PDF
    #[arg(long, value_name = "FILE.pdf", help_heading = "Stampe")]
    out: Option<String>,
    /// il riepilogo per la determina: .pdf o .xlsx
    #[arg(long, value_name = "FILE", help_heading = "Stampe")]
    summary: Option<String>,
    /// la tabella aggregata per la pubblicazione: .csv o .xlsx
    #[arg(long, value_name = "FILE", help_heading = "Stampe")]
    publish: Option<String>,
}

pub fn valutazione(ctx: &Context, c: Valutazione) -> Result<u8, Failure> {
    let year = c
        .year
        .ok_or_else(|| super::usage("Indica l'anno valutato con --year, es. --year 2020."))?;
    let id = plan_id(&c.plan)?;
    let mut store = ctx.open()?;
    let rules_given = c.components.is_some()
        || c.scale.is_some()
        || !c.item.is_empty()
        || c.bands.is_some()
        || c.combine.is_some()
        || c.budget.is_some()
        || c.position_budget.is_some();
    if rules_given {
        let mut input = store.evaluation_rules(id, year)?.to_input();
        if let Some(t) = &c.components {
            let parts: Vec<&str> = t.split([',', ';', '/']).map(str::trim).collect();
            input.organisational = parts.first().unwrap_or(&"").to_string();
            input.behaviours = parts.get(1).unwrap_or(&"").to_string();
            input.individual = parts.get(2).unwrap_or(&"").to_string();
        }
        if let Some(t) = &c.scale {
            input.scale = t.clone();
        }
        if !c.item.is_empty() {
            input.items = c
                .item
                .iter()
                .map(|i| {
                    let (name, weight) = i.rsplit_once(':').unwrap_or((i, ""));
                    (name.to_string(), weight.to_string(), String::new())
                })
                .collect();
        }
        if let Some(t) = &c.bands {
            input.bands = t.clone();
        }
        if let Some(t) = &c.combine {
            input.combine = t.clone();
        }
        if let Some(t) = &c.budget {
            input.budget = t.clone();
        }
        if let Some(t) = &c.position_budget {
            input.position_budget = t.clone();
        }
        store.set_evaluation_rules(id, year, &input)?;
    }
    if let Some(manager) = &c.manager {
        let current = store.evaluation(id, year)?;
        let existing = current.managers.iter().find(|m| {
            piano::domain::model::name_key(&m.manager) == piano::domain::model::name_key(manager)
        });
        let mut input = existing.map(|m| m.scheda.to_input()).unwrap_or_default();
        if let Some(s) = &c.scores {
            let notes: Vec<String> = input.scores.iter().map(|(_, n)| n.clone()).collect();
            input.scores = s
                .split(',')
                .enumerate()
                .map(|(i, v)| {
                    (
                        v.trim().to_string(),
                        notes.get(i).cloned().unwrap_or_default(),
                    )
                })
                .collect();
        }
        if let Some(t) = &c.colloquio {
            input.colloquio = t.clone();
        }
        if let Some(t) = &c.max_pay {
            input.max_pay = t.clone();
        }
        if let Some(t) = &c.individual {
            input.individual = t.clone();
        }
        if let Some(t) = &c.evaluator {
            input.evaluator = t.clone();
        }
        store.set_scheda(id, year, manager, &input)?;
    }
    if c.validate {
        let act = ActInput {
            body: "Nucleo di valutazione".into(),
            number: c.act.clone().unwrap_or_default(),
            date: c.date.clone().unwrap_or_default(),
        };
        store.validate_evaluation(id, year, &act)?;
    }
    if let Some(n) = &c.revoke {
        store.revoke_evaluation(id, year, n)?;
    }
    let e = store.evaluation(id, year)?;
    if let Some(out) = &c.out {
        super::write_file(out, &piano::formats::pdf::evaluation::render_schede(&e)?)?;
    }
    if let Some(out) = &c.summary {
        let bytes = match super::extension(out).as_str() {
            "pdf" => piano::formats::pdf::evaluation::render_summary(&e)?,
            "xlsx" => piano::formats::evaluation_sheet::summary_xlsx(&e)?,
            other => {
                return Err(super::usage(format!(
                    "Formato «{other}» non previsto per il riepilogo: usa .pdf o .xlsx."
                )))
            }
        };
        super::write_file(out, &bytes)?;
    }
    if let Some(out) = &c.publish {
        let bytes = match super::extension(out).as_str() {
            "csv" => piano::formats::evaluation_sheet::publication_csv(&e)?,
            "xlsx" => piano::formats::evaluation_sheet::publication_xlsx(&e)?,
            other => {
                return Err(super::usage(format!(
                    "Formato «{other}» non previsto per la pubblicazione: usa .csv o .xlsx."
                )))
            }
        };
        super::write_file(out, &bytes)?;
    }
    println!("{} – valutazione dei responsabili {year}", e.title);
    if e.rules.is_default {
        println!("Regole predefinite (da confermare o cambiare): organizzativa 60, comportamenti 40, scala 1-5.");
    }
    if let Some(v) = &e.validation {
        println!(
            "Schede convalidate con atto n. {} del {}.",
            v.number,
            v.italian_date()
        );
    }
    for m in &e.managers {
        let areas: Vec<String> = m
            .areas
            .iter()
            .map(|(a, s, _)| format!("{a} {}", score_text(*s)))
            .collect();
        println!(
            "{}\t{}\tpunteggio {}\tquota {}\timporto € {}",
            m.manager,
            areas.join(" + "),
            m.score.map(score_text).unwrap_or_else(|| "-".into()),
            m.share
                .map(|s| format!("{}%", piano::domain::model::format_hundredths(s.into())))
                .unwrap_or_else(|| "-".into()),
            m.amount.map(euros).unwrap_or_else(|| "-".into()),
        );
        if !m.missing.is_empty() {
            println!("  manca: {}", m.missing.join(", "));
        }
    }
    println!("Totale: € {}", euros(e.total));
    for w in &e.warnings {
        eprintln!("Attenzione: {w}");
    }
    let incomplete = e.managers.iter().filter(|m| !m.missing.is_empty()).count();
    if incomplete > 0 || e.managers.is_empty() {
        if e.managers.is_empty() {
            eprintln!("Nessun responsabile: indica il responsabile di ogni area nel piano.");
        } else {
            eprintln!("{incomplete} schede incomplete.");
        }
        return Ok(exit::INVALID);
    }
    Ok(exit::OK)
}
