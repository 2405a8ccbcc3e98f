//! `piano valutazione`: each manager's scheda and result pay for a year, from the results of
//! the latest approved version: the rules, the schede, the Nucleo's validation, the prints.

use clap::Args;
use piano::domain::evaluation::euros;
use piano::domain::individual::IndividualInput;
use piano::domain::pay::{DelayInput, InterimInput};
use piano::domain::results::score_text;
use piano::formats::files::Document;
use piano::ops::evaluation::AssignmentInput;
use piano::prelude::*;

use super::{exit, plan_id, Context, Failure, COMMAND_TEMPLATE};

/// le schede di valutazione dei responsabili e la retribuzione di risultato; esce con 1 finché sono incomplete
#[derive(Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    subcommand_help_heading = "Sottocomandi",
    subcommand_value_name = "SOTTOCOMANDO",
    disable_help_subcommand = true,
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano valutazione regole|ritardo|scheda|convalida|stampa PIANO --year ANNO [opzioni]\n       piano valutazione PIANO --year ANNO [regole] [--manager NOME --scores 4,5,3,4 …] [--delay GIORNI --verifier NOME --verified-on DATA] [--validate --proposal N --proposal-date DATA --act N --date DATA] [--out schede.pdf] [--summary F.pdf|.xlsx] [--publish F.csv|.xlsx]",
    long_about = "Un sottocomando per ogni cosa da fare: «regole», «ritardo», «scheda», «convalida», «stampa»\n(«piano valutazione scheda --help» ne elenca le opzioni); le stesse opzioni valgono anche senza.\nPer ogni responsabile (dalle aree del piano; chi guida due aree ha una scheda sola): il\npunteggio della performance organizzativa letto dai risultati, i comportamenti sulla scala\ndel sistema di valutazione, il punteggio finale, la fascia, la quota e l'importo della\nretribuzione di risultato. Esce con 1 finché qualche scheda è incompleta.\nRegole dell'anno: --components \"60,40\" (organizzativa, comportamenti[, obiettivi individuali]),\n--scale 1-5, --item \"Nome:25\" (ripetibile), --bands \"0:0, 60:proporzionale, 90:100\",\n--combine media|pesata, --budget 8000, --position-budget 40000; tempestività dei pagamenti (art.\n4-bis DL 13/2023, almeno il 30% della retribuzione): --timeliness quota|risultati,\n--timeliness-quota 30, --graduation \"5:50; 15:20\"; obiettivo prerequisito mancato da chi guida più\naree: --prerequisite tutto|area.\nIndicatore di ritardo annuale: --delay 12 [--delay-area AREA] --verifier NOME --verified-on DATA\n[--verification ATTO].\nScheda: --manager NOME --scores 4,5,3,4 --colloquio 15/03/2021 --max-pay 5000 [--individual 80]\n[--objective \"Pratiche evase | 50 | numero | 20 | 16\" (ripetibile)]\n[--evaluator NOME] [--incarico 01/03/2025-31/12/2025] [--interim \"Area Tecnica:9.000:20:01/03/2025:28/06/2025\"].\nObiettivi individuali compilati dai responsabili: --individual-export F.xlsx, poi --individual-import F.xlsx.\n--validate --proposal N --proposal-date DATA --act N --date DATA [--assigned-by ORGANO] rende\ndefinitiva la valutazione (proposta del Nucleo, assegnazione del Sindaco/Presidente; poi nulla\ncambia); --revoke N la annulla. --out scrive le schede in PDF, --summary il riepilogo per la\ndetermina (PDF o XLSX), --publish la tabella aggregata per Amministrazione trasparente (nessun nome)."
)]
pub struct Valutazione {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti", required = true)]
    plan: Option<String>,
    /// l'anno valutato, es. 2020
    #[arg(long, value_name = "ANNO", help_heading = "Opzioni")]
    year: Option<i32>,
    #[command(flatten)]
    regole: RegoleArgs,
    #[command(flatten)]
    ritardo: RitardoArgs,
    #[command(flatten)]
    scheda: SchedaArgs,
    #[command(flatten)]
    convalida: ConvalidaArgs,
    #[command(flatten)]
    stampa: StampaArgs,
    #[command(subcommand)]
    sub: Option<Sub>,
}

/// Le regole dell'anno del sistema di valutazione (SMVP).
#[derive(Args, Default)]
pub struct RegoleArgs {
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
    /// come si rispetta il 30% della tempestività dei pagamenti: quota (dedicata) o risultati
    #[arg(long, value_name = "REGOLA", help_heading = "Regole")]
    timeliness: Option<String>,
    /// la quota dedicata alla tempestività dei pagamenti (% della retribuzione, almeno 30)
    #[arg(long, value_name = "PERCENTUALE", help_heading = "Regole")]
    timeliness_quota: Option<String>,
    /// la graduazione della quota per giorni di ritardo, es. «5:50; 15:20» (vuoto: tutto o niente)
    #[arg(long, value_name = "GRADUAZIONE", help_heading = "Regole")]
    graduation: Option<String>,
    /// obiettivo prerequisito mancato da chi guida più aree: tutto (nessun premio) o area
    #[arg(long, value_name = "REGOLA", help_heading = "Regole")]
    prerequisite: Option<String>,
    /// i giorni per chiedere il riesame dalla consegna della scheda (predefinito 15)
    #[arg(long, value_name = "GIORNI", help_heading = "Regole")]
    review_days: Option<String>,
}

/// L'indicatore di ritardo annuale dei pagamenti e la sua verifica (art. 4-bis DL 13/2023).
#[derive(Args, Default)]
pub struct RitardoArgs {
    /// l'indicatore di ritardo annuale dei pagamenti (giorni, dalla PCC; vuoto lo toglie)
    #[arg(
        long,
        value_name = "GIORNI",
        allow_hyphen_values = true,
        help_heading = "Tempestività"
    )]
    delay: Option<String>,
    /// l'area a cui si riferisce l'indicatore (altrimenti è quello dell'ente)
    #[arg(long, value_name = "AREA", help_heading = "Tempestività")]
    delay_area: Option<String>,
    /// chi ha verificato l'indicatore (il revisore)
    #[arg(long, value_name = "NOME", help_heading = "Tempestività")]
    verifier: Option<String>,
    /// l'atto o la nota della verifica
    #[arg(long, value_name = "ATTO", help_heading = "Tempestività")]
    verification: Option<String>,
    /// la data della verifica
    #[arg(long, value_name = "DATA", help_heading = "Tempestività")]
    verified_on: Option<String>,
}

/// La scheda di un responsabile: assegnazione, colloqui, punteggi, consegna e riesame.
#[derive(Args, Default)]
pub struct SchedaArgs {
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
    /// un obiettivo individuale: "DESCRIZIONE | PESO | TIPO | TARGET [| VALORE RAGGIUNTO]"
    /// (ripetibile; sostituisce quelli della scheda; i pesi sommano a 100)
    #[arg(long, value_name = "OBIETTIVO", help_heading = "Scheda")]
    objective: Vec<String>,
    /// chi valuta
    #[arg(long, value_name = "NOME", help_heading = "Scheda")]
    evaluator: Option<String>,
    /// un incarico tenuto per parte dell'anno: DAL-AL, es. 01/03/2025-31/12/2025 (vuoto: tutto l'anno)
    #[arg(long, value_name = "DAL-AL", help_heading = "Scheda")]
    incarico: Option<String>,
    /// una posizione coperta ad interim, «POSIZIONE:VALORE:PERCENTUALE:DAL:AL» (ripetibile: sostituisce l'elenco; «-» lo svuota)
    #[arg(long, value_name = "INTERIM", help_heading = "Scheda")]
    interim: Vec<String>,
    /// la data della presa visione della scheda di assegnazione
    #[arg(long, value_name = "DATA", help_heading = "Assegnazione")]
    acknowledged: Option<String>,
    /// la data del colloquio intermedio
    #[arg(long, value_name = "DATA", help_heading = "Assegnazione")]
    midyear: Option<String>,
    /// le note del colloquio intermedio
    #[arg(long, value_name = "TESTO", help_heading = "Assegnazione")]
    midyear_notes: Option<String>,
    /// importa il foglio degli obiettivi individuali compilato (valori raggiunti, percentuali, note): tutto o niente
    #[arg(long, value_name = "FILE", help_heading = "Obiettivi individuali")]
    individual_import: Option<String>,
    /// la data di consegna della scheda al valutato
    #[arg(long, value_name = "DATA", help_heading = "Consegna e riesame")]
    handed_over: Option<String>,
    /// le osservazioni del valutato
    #[arg(long, value_name = "TESTO", help_heading = "Consegna e riesame")]
    remarks: Option<String>,
    /// la data della richiesta di riesame
    #[arg(long, value_name = "DATA", help_heading = "Consegna e riesame")]
    review_requested: Option<String>,
    /// il valutato rinuncia al riesame
    #[arg(long, help_heading = "Consegna e riesame")]
    review_waived: bool,
    /// la data dell'esito del riesame
    #[arg(long, value_name = "DATA", help_heading = "Consegna e riesame")]
    review_decided: Option<String>,
    /// la motivazione dell'esito
    #[arg(long, value_name = "TESTO", help_heading = "Consegna e riesame")]
    review_reason: Option<String>,
    /// un punteggio rivisto dal riesame, «N:PUNTEGGIO» (N il numero del comportamento; ripetibile)
    #[arg(long, value_name = "N:PUNTEGGIO", help_heading = "Consegna e riesame")]
    revise: Vec<String>,
}

/// La valutazione definitiva: proposta del Nucleo e atto di assegnazione, o il suo annullamento.
#[derive(Args, Default)]
pub struct ConvalidaArgs {
    /// rende definitiva la valutazione: proposta del Nucleo e atto di assegnazione
    #[arg(long, help_heading = "Valutazione definitiva")]
    validate: bool,
    /// il numero dell'atto con cui il Sindaco/Presidente assegna la valutazione
    #[arg(long, value_name = "N", help_heading = "Valutazione definitiva")]
    act: Option<String>,
    /// la data dell'atto di assegnazione
    #[arg(long, value_name = "DATA", help_heading = "Valutazione definitiva")]
    date: Option<String>,
    /// chi assegna (altrimenti «Presidente dell'Unione»; es. «Sindaco»)
    #[arg(long, value_name = "ORGANO", help_heading = "Valutazione definitiva")]
    assigned_by: Option<String>,
    /// il numero del verbale con cui il Nucleo propone la valutazione
    #[arg(long, value_name = "N", help_heading = "Valutazione definitiva")]
    proposal: Option<String>,
    /// la data della proposta del Nucleo
    #[arg(long, value_name = "DATA", help_heading = "Valutazione definitiva")]
    proposal_date: Option<String>,
    /// annulla la valutazione definitiva (scrivi il numero dell'atto di assegnazione)
    #[arg(long, value_name = "N", help_heading = "Valutazione definitiva")]
    revoke: Option<String>,
}

/// Le stampe e i fogli della valutazione.
#[derive(Args, Default)]
pub struct StampaArgs {
    /// il foglio degli obiettivi individuali da far compilare ai responsabili a fine anno (.xlsx o .csv)
    #[arg(long, value_name = "FILE", help_heading = "Obiettivi individuali")]
    individual_export: Option<String>,
    /// le schede di assegnazione in PDF (obiettivi delle aree e individuali, comportamenti con i livelli, pesi, retribuzione massima)
    #[arg(long, value_name = "FILE.pdf", help_heading = "Stampe")]
    assignment: Option<String>,
    /// la scheda di assegnazione di un solo responsabile (con --assignment)
    #[arg(long, value_name = "NOME", help_heading = "Stampe")]
    assignment_of: Option<String>,
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

/// What to do, as a subcommand: each takes the plan, the year and its own options (the same
/// options also work without one, as before).
#[derive(clap::Subcommand)]
pub enum Sub {
    /// le regole dell'anno (componenti, comportamenti, scala, fasce, fondi, tempestività)
    #[command(help_template = COMMAND_TEMPLATE, override_usage = "piano valutazione regole PIANO --year ANNO [opzioni]")]
    Regole(On<RegoleArgs>),
    /// l'indicatore di ritardo annuale dei pagamenti e la verifica del revisore
    #[command(help_template = COMMAND_TEMPLATE, override_usage = "piano valutazione ritardo PIANO --year ANNO --delay GIORNI [opzioni]")]
    Ritardo(On<RitardoArgs>),
    /// la scheda di un responsabile: assegnazione, obiettivi individuali, punteggi, consegna e riesame
    #[command(help_template = COMMAND_TEMPLATE, override_usage = "piano valutazione scheda PIANO --year ANNO --manager NOME [opzioni]")]
    Scheda(On<SchedaArgs>),
    /// rende definitiva la valutazione (proposta del Nucleo, atto di assegnazione) o la annulla
    #[command(help_template = COMMAND_TEMPLATE, override_usage = "piano valutazione convalida PIANO --year ANNO --validate --proposal N --proposal-date DATA --act N --date DATA")]
    Convalida(On<ConvalidaArgs>),
    /// le stampe: schede di assegnazione e di valutazione, riepilogo, pubblicazione, foglio degli obiettivi individuali
    #[command(help_template = COMMAND_TEMPLATE, override_usage = "piano valutazione stampa PIANO --year ANNO [--assignment F.pdf] [--out F.pdf] [--summary F] [--publish F]")]
    Stampa(On<StampaArgs>),
}

/// A subcommand's arguments: the plan, the year, and its own options.
#[derive(Args)]
pub struct On<T: Args> {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// l'anno valutato, es. 2020
    #[arg(long, value_name = "ANNO", help_heading = "Opzioni")]
    year: Option<i32>,
    #[command(flatten)]
    options: T,
}

impl Valutazione {
    /// A subcommand as the options without one: the one function below serves both.
    fn flat(self) -> Valutazione {
        let Some(sub) = self.sub else {
            return self;
        };
        let mut out = Valutazione {
            plan: None,
            year: None,
            regole: RegoleArgs::default(),
            ritardo: RitardoArgs::default(),
            scheda: SchedaArgs::default(),
            convalida: ConvalidaArgs::default(),
            stampa: StampaArgs::default(),
            sub: None,
        };
        let (plan, year) = match sub {
            Sub::Regole(o) => {
                out.regole = o.options;
                (o.plan, o.year)
            }
            Sub::Ritardo(o) => {
                out.ritardo = o.options;
                (o.plan, o.year)
            }
            Sub::Scheda(o) => {
                out.scheda = o.options;
                (o.plan, o.year)
            }
            Sub::Convalida(o) => {
                out.convalida = o.options;
                (o.plan, o.year)
            }
            Sub::Stampa(o) => {
                out.stampa = o.options;
                (o.plan, o.year)
            }
        };
        out.plan = Some(plan);
        out.year = year;
        out
    }
}

pub fn valutazione(ctx: &Context, c: Valutazione) -> Result<u8, Failure> {
    let c = c.flat();
    let year = c
        .year
        .ok_or_else(|| super::usage("Indica l'anno valutato con --year, es. --year 2020."))?;
    let id = plan_id(c.plan.as_deref().unwrap_or_default())?;
    let mut store = ctx.open()?;
    let rules_given = c.regole.components.is_some()
        || c.regole.scale.is_some()
        || !c.regole.item.is_empty()
        || c.regole.bands.is_some()
        || c.regole.combine.is_some()
        || c.regole.budget.is_some()
        || c.regole.position_budget.is_some()
        || c.regole.timeliness.is_some()
        || c.regole.timeliness_quota.is_some()
        || c.regole.graduation.is_some()
        || c.regole.prerequisite.is_some()
        || c.regole.review_days.is_some();
    if rules_given {
        let mut input = store.evaluation_rules(id, year)?.to_input();
        if let Some(t) = &c.regole.components {
            let parts: Vec<&str> = t.split([',', ';', '/']).map(str::trim).collect();
            input.organisational = parts.first().unwrap_or(&"").to_string();
            input.behaviours = parts.get(1).unwrap_or(&"").to_string();
            input.individual = parts.get(2).unwrap_or(&"").to_string();
        }
        if let Some(t) = &c.regole.scale {
            input.scale = t.clone();
        }
        if !c.regole.item.is_empty() {
            input.items = c
                .regole
                .item
                .iter()
                .map(|i| {
                    let (name, weight) = i.rsplit_once(':').unwrap_or((i, ""));
                    (name.to_string(), weight.to_string(), String::new())
                })
                .collect();
        }
        if let Some(t) = &c.regole.bands {
            input.bands = t.clone();
        }
        if let Some(t) = &c.regole.combine {
            input.combine = t.clone();
        }
        if let Some(t) = &c.regole.budget {
            input.budget = t.clone();
        }
        if let Some(t) = &c.regole.position_budget {
            input.position_budget = t.clone();
        }
        if let Some(t) = &c.regole.timeliness {
            input.timeliness = t.clone();
        }
        if let Some(t) = &c.regole.timeliness_quota {
            input.timeliness_quota = t.clone();
        }
        if let Some(t) = &c.regole.graduation {
            input.timeliness_graduation = t.clone();
        }
        if let Some(t) = &c.regole.prerequisite {
            input.prerequisite = t.clone();
        }
        if let Some(t) = &c.regole.review_days {
            input.review_days = t.clone();
        }
        store.set_evaluation_rules(id, year, &input)?;
    }
    if let Some(days) = &c.ritardo.delay {
        let area = match &c.ritardo.delay_area {
            None => None,
            Some(name) => {
                let y = store.year_results(id, year)?;
                let key = piano::domain::model::name_key(name);
                Some(
                    y.areas
                        .iter()
                        .find(|a| piano::domain::model::name_key(&a.name) == key)
                        .map(|a| a.area_id)
                        .ok_or_else(|| {
                            super::usage(format!(
                                "Area «{name}» non trovata nel piano del {year}: scrivi il nome come compare nel piano."
                            ))
                        })?,
                )
            }
        };
        let input = DelayInput {
            area,
            days: days.clone(),
            verifier: c.ritardo.verifier.clone().unwrap_or_default(),
            verification: c.ritardo.verification.clone().unwrap_or_default(),
            verified_on: c.ritardo.verified_on.clone().unwrap_or_default(),
        };
        store.set_payment_delay(id, year, &input)?;
    }
    if let Some(file) = &c.scheda.individual_import {
        let bytes = super::read_file(file)?;
        let n = store.import_individuals(id, year, &bytes, &super::extension(file))?;
        println!("Importati i valori di {n} obiettivi individuali.");
    }
    if let Some(manager) = &c.scheda.manager {
        let current = store.evaluation(id, year)?;
        let existing = current.managers.iter().find(|m| {
            piano::domain::model::name_key(&m.manager) == piano::domain::model::name_key(manager)
        });
        let mut input = existing.map(|m| m.scheda.to_input()).unwrap_or_default();
        if let Some(s) = &c.scheda.scores {
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
        if let Some(t) = &c.scheda.colloquio {
            input.colloquio = t.clone();
        }
        if let Some(t) = &c.scheda.max_pay {
            input.max_pay = t.clone();
        }
        if let Some(t) = &c.scheda.individual {
            input.individual = t.clone();
            input.individuals.clear();
        }
        if !c.scheda.objective.is_empty() {
            input.individuals = c
                .scheda
                .objective
                .iter()
                .map(|o| {
                    let part: Vec<String> = o.split('|').map(|p| p.trim().to_string()).collect();
                    let at = |i: usize| part.get(i).cloned().unwrap_or_default();
                    IndividualInput {
                        description: at(0),
                        weight: at(1),
                        kind: at(2),
                        target: at(3),
                        value: at(4),
                        ..Default::default()
                    }
                })
                .collect();
        }
        if let Some(t) = &c.scheda.evaluator {
            input.evaluator = t.clone();
        }
        if let Some(t) = &c.scheda.incarico {
            let (from, to) = t.split_once(['-', '–']).unwrap_or((t.as_str(), ""));
            input.incarico_from = from.trim().to_string();
            input.incarico_to = to.trim().to_string();
        }
        if let Some(t) = &c.scheda.acknowledged {
            input.acknowledged = t.clone();
        }
        if let Some(t) = &c.scheda.midyear {
            input.midyear = t.clone();
        }
        if let Some(t) = &c.scheda.midyear_notes {
            input.midyear_notes = t.clone();
        }
        if let Some(t) = &c.scheda.handed_over {
            input.review.handed_over = t.clone();
        }
        if let Some(t) = &c.scheda.remarks {
            input.review.remarks = t.clone();
        }
        if let Some(t) = &c.scheda.review_requested {
            input.review.requested = t.clone();
        }
        if c.scheda.review_waived {
            input.review.waived = true;
        }
        if let Some(t) = &c.scheda.review_decided {
            input.review.decided = t.clone();
        }
        if let Some(t) = &c.scheda.review_reason {
            input.review.reason = t.clone();
        }
        for r in &c.scheda.revise {
            let (n, score) = r.split_once(':').unwrap_or((r.as_str(), ""));
            let n: usize = n.trim().parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
                super::usage(format!(
                    "--revise «{r}»: scrivi il numero del comportamento (da 1) e il punteggio, es. 3:4."
                ))
            })?;
            if input.review.revised.len() < n {
                input.review.revised.resize(n, String::new());
            }
            input.review.revised[n - 1] = score.trim().to_string();
        }
        if !c.scheda.interim.is_empty() {
            input.interims = c
                .scheda
                .interim
                .iter()
                .filter(|i| i.trim() != "-")
                .map(|i| {
                    let p: Vec<&str> = i.split(':').map(str::trim).collect();
                    let get = |n: usize| p.get(n).copied().unwrap_or("").to_string();
                    InterimInput {
                        post: get(0),
                        value: get(1),
                        percent: get(2),
                        from: get(3),
                        to: get(4),
                    }
                })
                .collect();
        }
        store.set_scheda(id, year, manager, &input)?;
    }
    if c.convalida.validate {
        let acts = AssignmentInput {
            proposal: super::act_input(&None, &c.convalida.proposal, &c.convalida.proposal_date),
            assignment: super::act_input(
                &c.convalida.assigned_by,
                &c.convalida.act,
                &c.convalida.date,
            ),
        };
        store.validate_evaluation(id, year, &acts)?;
        super::backup::tell_copies(&mut store);
    }
    if let Some(n) = &c.convalida.revoke {
        store.revoke_evaluation(id, year, n)?;
    }
    if let Some(out) = &c.stampa.assignment {
        let (e, y) = store.assignment(id, year)?;
        // One manager's scheda (--assignment-of, or the --manager of a scheda), or every
        // manager's.
        let e = match c
            .stampa
            .assignment_of
            .as_ref()
            .or(c.scheda.manager.as_ref())
        {
            Some(m) => e.only(m)?,
            None => e,
        };
        super::write_file(
            out,
            &piano::formats::pdf::evaluation::render_assignment(&e, &y)?,
        )?;
    }
    let e = store.evaluation(id, year)?;
    if let Some(out) = &c.stampa.out {
        super::write_file(out, &piano::formats::pdf::evaluation::render_schede(&e)?)?;
    }
    if let Some(out) = &c.stampa.summary {
        let bytes = super::write_as(Document::EvaluationSummary(&e), out)?;
        super::write_file(out, &bytes)?;
    }
    if let Some(out) = &c.stampa.individual_export {
        let bytes = super::write_as(Document::IndividualSheet(&e), out)?;
        super::write_file(out, &bytes)?;
    }
    if let Some(out) = &c.stampa.publish {
        let bytes = super::write_as(Document::EvaluationPublication(&e), out)?;
        super::write_file(out, &bytes)?;
    }
    println!("{} – valutazione dei responsabili {year}", e.title);
    if e.rules.is_default {
        println!("Regole predefinite (da confermare o cambiare): organizzativa 60, comportamenti 40, scala 1-5.");
    }
    if let Some(v) = &e.validation {
        println!(
            "Valutazione definitiva: assegnata dal {} con atto n. {} del {}{}.",
            v.body,
            v.number,
            v.italian_date(),
            e.proposal
                .as_ref()
                .map(|p| format!(
                    ", su proposta del {} (n. {} del {})",
                    p.body,
                    p.number,
                    p.italian_date()
                ))
                .unwrap_or_default()
        );
    }
    for d in &e.delays {
        println!(
            "Indicatore di ritardo annuale{}: {}{}",
            d.area
                .and_then(|l| {
                    store
                        .year_results(id, year)
                        .ok()?
                        .areas
                        .into_iter()
                        .find(|a| a.lineage == l)
                        .map(|a| format!(" ({})", a.name))
                })
                .unwrap_or_else(|| " dell'ente".into()),
            d.days_text(),
            if d.verified() {
                format!(
                    ", verificato da {} il {}",
                    d.verifier,
                    d.verified_on
                        .map(|v| v.format("%d/%m/%Y").to_string())
                        .unwrap_or_default()
                )
            } else {
                " (manca la verifica del revisore)".into()
            }
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
        for l in &m.lines {
            println!(
                "  {}: {}{}",
                l.label,
                l.amount
                    .map(|a| format!("€ {}", euros(a)))
                    .unwrap_or_else(|| "-".into()),
                if l.detail.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", l.detail)
                }
            );
        }
        println!("  scheda: {}", m.stage_text);
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
