//! `piano check`: totals and problems; the exit code says whether the plan is valid.

use clap::Args;
use piano::rules;

use super::{exit, plan_id, Context, Failure, COMMAND_TEMPLATE};

/// totali per area e periodo e problemi dei pesi; esce con 0 se il piano è valido, 1 se non lo è
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano check PIANO",
    long_about = "Stampa il totale dei pesi per ogni area e periodo e l'elenco dei problemi.\nEsce con 0 se il piano è valido, 1 se non lo è, 2 se il piano non esiste."
)]
pub struct Check {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
}

pub fn check(ctx: &Context, c: Check) -> Result<u8, Failure> {
    let id = plan_id(&c.plan)?;
    let store = ctx.open()?;
    let plan = store.load(id)?;
    let report = rules::check(&plan);
    println!(
        "{} ({}-{})",
        plan.plan.title, plan.plan.first_year, plan.plan.last_year
    );
    for t in &report.totals {
        println!("  {} – {}: {}", t.area, t.period, t.badge);
    }
    if report.problems.is_empty() {
        println!("Pesi corretti: il piano è valido.");
    } else {
        println!("Problemi:");
        for p in &report.problems {
            let tag = if p.severity == rules::Severity::Error {
                "ERRORE"
            } else {
                "AVVISO"
            };
            println!("  [{tag}] {}", p.message);
        }
    }
    Ok(if report.is_valid() {
        exit::OK
    } else {
        exit::INVALID
    })
}
