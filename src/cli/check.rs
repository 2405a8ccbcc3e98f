//! `piano check`: totals and problems; the exit code says whether the plan is valid.

use clap::Args;
use piano::domain::rules;

use super::{exit, version_of, Context, Failure, COMMAND_TEMPLATE};

/// totali per area e periodo e problemi dei pesi; esce con 0 se il piano è valido, 1 se non lo è
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano check PIANO",
    long_about = "Stampa il totale dei pesi per ogni area e periodo e i controlli prima dell'approvazione:\nerrori (pesi che non sommano a 100, testi obbligatori mancanti) e avvisi (periodi vuoti,\nobiettivi uguali a un trasversale tranne un campo).\nEsce con 0 se il piano è valido, 1 se non lo è, 2 se il piano non esiste."
)]
pub struct Check {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// una versione precedente del piano (vedi «piano versions»); altrimenti l'ultima
    #[arg(long, value_name = "N", help_heading = "Opzioni")]
    plan_version: Option<i64>,
}

pub fn check(ctx: &Context, c: Check) -> Result<u8, Failure> {
    let store = ctx.open()?;
    let id = version_of(&store, &c.plan, c.plan_version)?;
    let plan = store.load(id)?;
    let report = rules::check(&plan);
    let problems = piano::domain::approval::checks(&plan);
    println!(
        "{} ({}-{})",
        plan.plan.title, plan.plan.first_year, plan.plan.last_year
    );
    for t in &report.totals {
        println!("  {} – {}: {}", t.area, t.period, t.badge);
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == rules::Severity::Error)
        .count();
    if errors == 0 {
        println!("Pesi corretti: il piano è valido.");
    }
    if !problems.is_empty() {
        println!("{}", if errors > 0 { "Problemi:" } else { "Avvisi:" });
        for p in &problems {
            let tag = match p.severity {
                rules::Severity::Error => "ERRORE",
                rules::Severity::Warning => "AVVISO",
                rules::Severity::Info => "INFO",
            };
            println!("  [{tag}] {}", p.message);
        }
    }
    println!("{}", store.version_info(id)?.label);
    Ok(if errors == 0 { exit::OK } else { exit::INVALID })
}
