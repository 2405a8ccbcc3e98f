//! `piano monitor`, `monitor-export`, `monitor-import`, `monitor-report`: monitoring during
//! the year, on the latest approved version.

use clap::Args;
use piano::domain::monitoring::{self, Status};
use piano::formats::files::Document;
use piano::prelude::*;

use super::{exit, plan_id, Context, Failure, COMMAND_TEMPLATE};

fn date_of(text: Option<&str>) -> Result<chrono::NaiveDate, Failure> {
    let text =
        text.ok_or_else(|| super::usage("Indica la data con --date, es. --date 30/06/2024."))?;
    Ok(monitoring::parse_date(text)?)
}

/// il monitoraggio a una data: lo stato di ogni obiettivo per area; esce con 1 finché mancano schede
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano monitor PIANO [--date GG/MM/AAAA] [--add] [--delete] [--thresholds \"66, 33\"]",
    long_about = "Senza --date elenca le date di monitoraggio del piano (ultima versione approvata).\nCon --date stampa per area il semaforo e il numero di obiettivi per stato, poi ogni obiettivo\ncon avanzamento, avanzamento atteso, stato e criticità; esce con 1 finché qualche obiettivo\nnon ha la scheda. --add aggiunge la data (es. 30/06/2024 o 30/09/2024), --delete la toglie\ncon le sue schede. --thresholds cambia le soglie dello stato proposto: da quanto\n(avanzamento rispetto all'atteso) un obiettivo è in linea, sotto quanto è critico."
)]
pub struct Monitor {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// la data del monitoraggio, es. 30/06/2024
    #[arg(long, value_name = "DATA", help_heading = "Opzioni")]
    date: Option<String>,
    /// aggiunge la data di monitoraggio
    #[arg(long, help_heading = "Opzioni", requires = "date")]
    add: bool,
    /// toglie la data di monitoraggio e le sue schede
    #[arg(
        long,
        help_heading = "Opzioni",
        requires = "date",
        conflicts_with = "add"
    )]
    delete: bool,
    /// le soglie dello stato proposto, es. "66, 33"
    #[arg(long, value_name = "SOGLIE", help_heading = "Opzioni")]
    thresholds: Option<String>,
}

pub fn monitor(ctx: &Context, c: Monitor) -> Result<u8, Failure> {
    let mut store = ctx.open()?;
    let id = plan_id(&c.plan)?;
    if let Some(t) = &c.thresholds {
        let t = store.set_monitor_thresholds(id, t)?;
        println!("Soglie: {}.", t.label());
    }
    let Some(text) = c.date.as_deref() else {
        let dates = store.monitor_dates(id)?;
        if dates.is_empty() {
            println!("Nessuna data di monitoraggio: aggiungila con «piano monitor {id} --date 30/06/AAAA --add».");
        }
        for d in dates {
            println!("{}", d.format("%d/%m/%Y"));
        }
        return Ok(exit::OK);
    };
    let date = if c.add {
        store.add_monitor_date(id, text)?
    } else {
        date_of(Some(text))?
    };
    if c.delete {
        store.delete_monitor_date(id, date)?;
        println!("Monitoraggio al {} tolto.", date.format("%d/%m/%Y"));
        return Ok(exit::OK);
    }
    let m = store.monitor(id, date)?;
    println!(
        "{} – monitoraggio al {} ({})",
        m.title,
        m.date.format("%d/%m/%Y"),
        m.version_label
    );
    for a in &m.areas {
        let counts: Vec<String> = a
            .counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| format!("{} {n}", s.label()))
            .collect();
        let missing = if a.missing > 0 {
            format!(" – mancano {}", a.missing)
        } else {
            String::new()
        };
        println!(
            "{}\tsemaforo {}\t{}{missing}",
            a.name,
            a.light,
            if counts.is_empty() {
                "-".to_string()
            } else {
                counts.join(", ")
            }
        );
        for r in &a.rows {
            let status = match &r.entry {
                None => "da inserire".to_string(),
                Some(e) if e.overridden() => {
                    format!("{} (proposto: {})", e.status.label(), e.proposed.label())
                }
                Some(e) => e.status.label().to_string(),
            };
            let progress = r
                .entry
                .as_ref()
                .map(|e| {
                    format!(
                        "{}%",
                        piano::domain::model::format_hundredths(e.progress.into())
                    )
                })
                .unwrap_or_else(|| "-".into());
            let short: String = r.description.chars().take(70).collect();
            println!(
                "  {}\tavanzamento {progress} (atteso {}%)\t{status}",
                short,
                piano::domain::model::format_hundredths(r.expected.into())
            );
            if let Some(e) = r
                .entry
                .as_ref()
                .filter(|e| e.status != Status::InLinea && !e.issues.is_empty())
            {
                println!("    criticità: {}", e.issues);
            }
        }
    }
    if m.missing() > 0 {
        eprintln!("Mancano {} schede di monitoraggio.", m.missing());
        return Ok(exit::INVALID);
    }
    Ok(exit::OK)
}

/// il foglio del monitoraggio da compilare (una riga per obiettivo e area)
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano monitor-export PIANO --date GG/MM/AAAA --out FILE.(csv|xlsx)",
    long_about = "Scrive il foglio del monitoraggio alla data: una riga per obiettivo e area, con le colonne\n«Avanzamento %», «Stato» (vuoto: quello proposto), «Criticità», «Azione correttiva»,\n«Descrizione dell'azione» e, per ogni indicatore, «Valore al monitoraggio N». Si reimporta\ncon «piano monitor-import»."
)]
pub struct MonitorExport {
    #[command(flatten)]
    at: MonitorOut,
}

/// A plan's monitoring at a date, written to a file: the sheet's and the report's arguments.
#[derive(Args)]
pub struct MonitorOut {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// la data del monitoraggio, es. 30/06/2024
    #[arg(long, value_name = "DATA", help_heading = "Opzioni")]
    date: Option<String>,
    /// il file da scrivere
    #[arg(long, value_name = "FILE", help_heading = "Opzioni")]
    out: Option<String>,
}

impl MonitorOut {
    /// Writes the document `what` makes of the monitoring; `formats` names the extensions in
    /// the message when --out is missing.
    fn write(
        self,
        ctx: &Context,
        formats: &str,
        what: impl for<'m> FnOnce(&'m monitoring::Monitor) -> Document<'m>,
    ) -> Result<u8, Failure> {
        let out = self.out.ok_or_else(|| {
            super::usage(format!(
                "Indica il file da scrivere con --out FILE{formats}."
            ))
        })?;
        let store = ctx.open()?;
        let m = store.monitor(plan_id(&self.plan)?, date_of(self.date.as_deref())?)?;
        let bytes = super::write_as(what(&m), &out)?;
        super::write_file(&out, &bytes)?;
        Ok(exit::OK)
    }
}

pub fn monitor_export(ctx: &Context, c: MonitorExport) -> Result<u8, Failure> {
    c.at.write(ctx, ".xlsx (oppure .csv)", |m| Document::MonitorSheet(m))
}

/// importa il foglio del monitoraggio compilato: tutto o niente
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano monitor-import PIANO FILE",
    long_about = "Importa le schede di monitoraggio da un foglio compilato (.csv, .xlsx, .xls, .ods) con le\ncolonne di «piano monitor-export», in qualsiasi ordine. Ogni riga si riconosce da piano,\ndata, area, periodo e descrizione dell'obiettivo. Al primo errore non si importa nulla e si\nindicano riga e colonna."
)]
pub struct MonitorImport {
    #[command(flatten)]
    sheet: super::PlanSheet,
}

pub fn monitor_import(ctx: &Context, c: MonitorImport) -> Result<u8, Failure> {
    let (plan, bytes, extension) = c.sheet.read()?;
    let n = ctx.open()?.import_monitoring(plan, &bytes, &extension)?;
    println!("Importate {n} schede di monitoraggio.");
    Ok(exit::OK)
}

/// il rapporto di monitoraggio per il Nucleo: PDF/A, oppure CSV o XLSX
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano monitor-report PIANO --date GG/MM/AAAA --out FILE.(pdf|csv|xlsx)",
    long_about = "Scrive il rapporto di monitoraggio per il Nucleo di valutazione: il riepilogo per area\n(semaforo e obiettivi per stato), gli obiettivi a rischio, critici o scaduti con criticità e\nazioni, poi per area ogni obiettivo con target, valore al monitoraggio, avanzamento e stato.\nIn .csv o .xlsx la stessa tabella."
)]
pub struct MonitorReport {
    #[command(flatten)]
    at: MonitorOut,
}

pub fn monitor_report(ctx: &Context, c: MonitorReport) -> Result<u8, Failure> {
    c.at.write(ctx, ".pdf (oppure .csv, .xlsx)", |m| {
        Document::MonitorReport(m)
    })
}
