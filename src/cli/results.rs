//! `piano results`, `results-export`, `results-import`, `report`, `relazione`, `smvp`: the
//! year's results after the plan, on the latest approved version.

use clap::Args;
use piano::domain::results::{pct, score_text};
use piano::formats::files::Document;
use piano::prelude::*;

use super::{exit, plan_id, Context, Failure, COMMAND_TEMPLATE};

fn year_of(year: Option<i32>) -> Result<i32, Failure> {
    year.ok_or_else(|| super::usage("Indica l'anno con --year, es. --year 2020."))
}

/// i punteggi delle aree in un anno; esce con 1 finché mancano risultati
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano results PIANO --year ANNO",
    long_about = "Per ogni area dell'ultima versione approvata del piano: il punteggio dell'anno (somma di\npeso × raggiungimento / 100), la fascia del sistema di valutazione, la quota del premio di\nrisultato e quanti risultati mancano. Esce con 1 finché manca qualche risultato."
)]
pub struct Results {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// l'anno, es. 2020
    #[arg(long, value_name = "ANNO", help_heading = "Opzioni")]
    year: Option<i32>,
}

pub fn results(ctx: &Context, c: Results) -> Result<u8, Failure> {
    let store = ctx.open()?;
    let y = store.year_results(plan_id(&c.plan)?, year_of(c.year)?)?;
    println!("{} – anno {} ({})", y.title, y.year, y.version_label);
    if let Some(act) = &y.relazione {
        println!(
            "Relazione approvata con delibera n. {} del {}",
            act.number,
            act.italian_date()
        );
    }
    for a in &y.areas {
        let missing = if a.missing.is_empty() {
            String::new()
        } else {
            format!(" – mancano {} risultati", a.missing.len())
        };
        println!(
            "{}\tpunteggio {}\tquota {}\t{}{missing}",
            a.name,
            score_text(a.score),
            pct(Some(a.share)),
            a.band
        );
    }
    if y.missing() > 0 {
        eprintln!(
            "Mancano {} risultati: i punteggi sono provvisori.",
            y.missing()
        );
        return Ok(exit::INVALID);
    }
    Ok(exit::OK)
}

/// il foglio dei risultati da compilare (una riga per obiettivo, area e anno)
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano results-export PIANO --year ANNO --out FILE.(csv|xlsx)",
    long_about = "Scrive il foglio dei risultati dell'anno: una riga per obiettivo e area (gli obiettivi\ntrasversali una volta per area), con le colonne «Valore raggiunto», «% raggiungimento» e\n«Note sugli scostamenti» da compilare, già piene dei risultati registrati. Si manda ai\nresponsabili e si reimporta con «piano results-import»."
)]
pub struct ResultsExport {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// l'anno, es. 2020
    #[arg(long, value_name = "ANNO", help_heading = "Opzioni")]
    year: Option<i32>,
    /// il file da scrivere: .csv o .xlsx
    #[arg(long, value_name = "FILE", help_heading = "Opzioni")]
    out: Option<String>,
}

pub fn results_export(ctx: &Context, c: ResultsExport) -> Result<u8, Failure> {
    let out = c.out.ok_or_else(|| {
        super::usage("Indica il file da scrivere con --out FILE.xlsx (oppure .csv).")
    })?;
    let store = ctx.open()?;
    let y = store.year_results(plan_id(&c.plan)?, year_of(c.year)?)?;
    let bytes = super::write_as(Document::ResultsSheet(&y), &out)?;
    super::write_file(&out, &bytes)?;
    Ok(exit::OK)
}

/// importa il foglio dei risultati compilato: tutto o niente
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano results-import PIANO FILE",
    long_about = "Importa i risultati da un foglio compilato (.csv, .xlsx, .xls, .ods) con le colonne del\nfoglio di «piano results-export», in qualsiasi ordine. Ogni riga si riconosce da piano,\nanno, area, periodo e descrizione dell'obiettivo, non dalla posizione; le righe senza\nrisultato si saltano. Al primo errore non si importa nulla e si indicano riga e colonna."
)]
pub struct ResultsImport {
    #[command(flatten)]
    sheet: super::PlanSheet,
}

pub fn results_import(ctx: &Context, c: ResultsImport) -> Result<u8, Failure> {
    let (plan, bytes, extension) = c.sheet.read()?;
    let n = ctx.open()?.import_results(plan, &bytes, &extension)?;
    println!("Importati {n} risultati.");
    Ok(exit::OK)
}

/// l'allegato dei risultati dell'anno: PDF/A, oppure CSV o XLSX per la pubblicazione
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano report PIANO --year ANNO --out FILE.(pdf|csv|xlsx) [--draft]",
    long_about = "Scrive l'allegato dei risultati dell'anno (per la Relazione sulla performance): il riepilogo\ndei punteggi delle aree, poi per area gli obiettivi con peso, valore raggiunto, percentuale,\npunti e note, il totale, la fascia e la quota del premio. Finché mancano risultati porta la\nscritta BOZZA. In .csv o .xlsx è la tabella per Amministrazione trasparente."
)]
pub struct Report {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// l'anno, es. 2020
    #[arg(long, value_name = "ANNO", help_heading = "Opzioni")]
    year: Option<i32>,
    /// il file da scrivere: .pdf, .csv o .xlsx
    #[arg(long, value_name = "FILE", help_heading = "Opzioni")]
    out: Option<String>,
    /// stampa BOZZA anche se i risultati sono completi
    #[arg(long, help_heading = "Opzioni")]
    draft: bool,
}

pub fn report(ctx: &Context, c: Report) -> Result<u8, Failure> {
    let out = c.out.ok_or_else(|| {
        super::usage("Indica il file da scrivere con --out FILE.pdf (oppure .csv, .xlsx).")
    })?;
    let store = ctx.open()?;
    let id = plan_id(&c.plan)?;
    let y = store.results_report(id, year_of(c.year)?)?;
    let plan = store.get_plan(y.plan_id)?;
    let report = Document::ResultsReport {
        results: &y,
        years: (plan.first_year, plan.last_year),
        draft: c.draft,
    };
    let bytes = super::write_as(report, &out)?;
    super::write_file(&out, &bytes)?;
    if y.missing() > 0 {
        eprintln!(
            "Mancano {} risultati: l'allegato porta la scritta BOZZA.",
            y.missing()
        );
    }
    Ok(exit::OK)
}

/// registra (o annulla) la delibera che approva la Relazione sulla performance dell'anno
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano relazione PIANO --year ANNO --act NUMERO --date DATA [--body ORGANO] [--revoke] | --nucleo NUMERO --nucleo-date DATA [--nucleo-body ORGANO] | --revoke-nucleo NUMERO",
    long_about = "Registra la delibera che approva la Relazione sulla performance dell'anno: servono tutti i\nrisultati, e da quel momento i risultati dell'anno, le fasce e gli obiettivi prerequisito non\ncambiano più. Con --revoke annulla la registrazione (ripetendo il numero della delibera).\n--nucleo N --nucleo-date GG/MM/AAAA registra la validazione della Relazione da parte del Nucleo di\nvalutazione (art. 14 c.4 lett. c e c.6 D.Lgs. 150/2009): senza di essa la retribuzione di\nrisultato non è liquidabile. --revoke-nucleo N la annulla."
)]
pub struct Relazione {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// l'anno della Relazione, es. 2020
    #[arg(long, value_name = "ANNO", help_heading = "Opzioni")]
    year: Option<i32>,
    /// il numero della delibera, es. 40
    #[arg(long, value_name = "NUMERO", help_heading = "Opzioni")]
    act: Option<String>,
    /// la data della delibera, es. 2021-06-20 (oppure 20/06/2021)
    #[arg(long, value_name = "DATA", help_heading = "Opzioni")]
    date: Option<String>,
    /// l'organo che approva (altrimenti «Giunta dell'Unione»)
    #[arg(long, value_name = "ORGANO", help_heading = "Opzioni")]
    body: Option<String>,
    /// annulla la registrazione della delibera
    #[arg(long, help_heading = "Opzioni")]
    revoke: bool,
    /// registra la validazione del Nucleo: il numero del verbale o dell'atto
    #[arg(long, value_name = "NUMERO", help_heading = "Validazione del Nucleo")]
    nucleo: Option<String>,
    /// la data della validazione del Nucleo
    #[arg(long, value_name = "DATA", help_heading = "Validazione del Nucleo")]
    nucleo_date: Option<String>,
    /// chi valida (altrimenti «Nucleo di valutazione»; es. «OIV»)
    #[arg(long, value_name = "ORGANO", help_heading = "Validazione del Nucleo")]
    nucleo_body: Option<String>,
    /// annulla la validazione del Nucleo (scrivi il numero del suo atto)
    #[arg(long, value_name = "NUMERO", help_heading = "Validazione del Nucleo")]
    revoke_nucleo: Option<String>,
}

pub fn relazione(ctx: &Context, c: Relazione) -> Result<u8, Failure> {
    let mut store = ctx.open()?;
    let id = plan_id(&c.plan)?;
    let year = year_of(c.year)?;
    if let Some(n) = &c.revoke_nucleo {
        store.revoke_relazione_validation(id, year, n)?;
        super::backup::tell_copies(&mut store);
        println!("Validazione della Relazione sul {year} annullata: la retribuzione di risultato non è più liquidabile.");
        return Ok(exit::OK);
    }
    if c.nucleo.is_some() {
        let act = super::act_input(&c.nucleo_body, &c.nucleo, &c.nucleo_date);
        if c.act.is_some() {
            store.approve_relazione(id, year, &super::act_input(&c.body, &c.act, &c.date))?;
            println!("Relazione sul {year} approvata: i risultati dell'anno non cambiano più.");
        }
        store.validate_relazione(id, year, &act)?;
        super::backup::tell_copies(&mut store);
        println!("Relazione sul {year} validata dal Nucleo (art. 14 c.6 D.Lgs. 150/2009): la retribuzione di risultato dell'anno è liquidabile.");
        return Ok(exit::OK);
    }
    if c.revoke {
        store.revoke_relazione(id, year, &c.act.unwrap_or_default())?;
        super::backup::tell_copies(&mut store);
        println!("Approvazione della Relazione sul {year} annullata.");
    } else {
        let act = super::act_input(&c.body, &c.act, &c.date);
        store.approve_relazione(id, year, &act)?;
        super::backup::tell_copies(&mut store);
        println!("Relazione sul {year} approvata: i risultati dell'anno non cambiano più.");
    }
    Ok(exit::OK)
}

/// il sistema di valutazione del piano: fasce di punteggio e obiettivi prerequisito
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano smvp PIANO [--bands FASCE] [--late REGOLA] [--add-prerequisite TESTO --indicator TESTO] [--remove-prerequisite CODICE]",
    long_about = "Mostra e modifica il sistema di valutazione usato per i risultati del piano. Le fasce dicono\nquale quota del premio di risultato spetta a ogni punteggio: --bands \"0:0, 60:proporzionale,\n90:100\" vuol dire sotto 60 niente, da 60 in proporzione al punteggio, da 90 il premio intero.\nGli obiettivi prerequisito («obiettivo zero», senza peso) valgono per ogni area: se un'area\nnon li raggiunge al 100%, la sua quota è zero qualunque sia il punteggio."
)]
pub struct Smvp {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// le fasce: PUNTEGGIO:QUOTA separati da «, » o «;», QUOTA un numero o «proporzionale»
    #[arg(long, value_name = "FASCE", help_heading = "Opzioni")]
    bands: Option<String>,
    /// aggiunge un obiettivo prerequisito con questa descrizione
    #[arg(long, value_name = "TESTO", help_heading = "Opzioni")]
    add_prerequisite: Option<String>,
    /// l'indicatore dell'obiettivo prerequisito aggiunto
    #[arg(long, value_name = "TESTO", help_heading = "Opzioni")]
    indicator: Option<String>,
    /// toglie l'obiettivo prerequisito con questo codice
    #[arg(long, value_name = "CODICE", help_heading = "Opzioni")]
    remove_prerequisite: Option<i64>,
    /// le scadenze mancate: 0 (valgono 0%), «2 al giorno» o «10 a settimana» (punti tolti per ritardo)
    #[arg(long, value_name = "REGOLA", help_heading = "Opzioni")]
    late: Option<String>,
}

pub fn smvp(ctx: &Context, c: Smvp) -> Result<u8, Failure> {
    let mut store = ctx.open()?;
    let id = plan_id(&c.plan)?;
    if let Some(text) = &c.bands {
        store.set_bands(id, &piano::domain::results::band_inputs(text))?;
    }
    if let Some(text) = &c.add_prerequisite {
        store.add_prerequisite(id, text, c.indicator.as_deref().unwrap_or(""))?;
    }
    if let Some(pre) = c.remove_prerequisite {
        store.delete_prerequisite(id, pre)?;
    }
    if let Some(text) = &c.late {
        store.set_late_rule(id, text)?;
    }
    let bands = store.bands(id)?;
    println!("Fasce:");
    for i in 0..bands.len() {
        println!("  {}", piano::domain::results::band_label(&bands, i));
    }
    println!("Scadenze: {}.", store.late_rule(id)?.label());
    let pre = store.prerequisites(id)?;
    if pre.is_empty() {
        println!("Nessun obiettivo prerequisito.");
    } else {
        println!("Obiettivi prerequisito:");
        for p in pre {
            println!(
                "  {}\t{} – indicatore: {}",
                p.id, p.description, p.indicator
            );
        }
    }
    Ok(exit::OK)
}
