//! `piano indicators`: an objective's indicators and targets, and the targets its expected
//! result states in words, proposed (`--suggest`) and accepted (`--accept-all`).

use clap::Args;

use piano::domain::indicators::describe_targets;
use piano::prelude::*;

use super::{exit, plan_id, Context, Failure, COMMAND_TEMPLATE};

/// gli indicatori degli obiettivi, e i target letti dal risultato atteso
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano indicators PIANO [--suggest | --accept-all]",
    long_about = "Elenca gli indicatori di ogni obiettivo con i loro target per anno.\n--suggest elenca i target che il testo del «Risultato atteso» dichiara (scadenze come «entro il\n31.07.2020», quantità come «almeno n. 3», percentuali come «almeno il 70%», durate come «non\noltre 30 giorni») e che nessun indicatore dice ancora; --accept-all li registra tutti come\nindicatori."
)]
pub struct Indicators {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// elenca i target proposti dal testo, senza registrarli
    #[arg(long, help_heading = "Opzioni", conflicts_with = "accept_all")]
    suggest: bool,
    /// registra come indicatori tutti i target proposti
    #[arg(long, help_heading = "Opzioni")]
    accept_all: bool,
}

pub fn indicators(ctx: &Context, c: Indicators) -> Result<u8, Failure> {
    let id = plan_id(&c.plan)?;
    if c.suggest {
        let store = ctx.open()?;
        let found = store.proposals(id)?;
        if found.is_empty() {
            println!("{}", piano::domain::targets::NOTHING_PROPOSED);
            return Ok(exit::OK);
        }
        let count: usize = found.iter().map(|o| o.proposals.len()).sum();
        for o in &found {
            println!(
                "Obiettivo {} – {} – {} – «{}»",
                o.objective_id,
                o.areas.join(", "),
                o.years,
                o.description
            );
            for p in &o.proposals {
                println!("  {}   (dal testo: «{}»)", p.describe(), p.words);
            }
        }
        println!(
            "{count} target proposti per {} obiettivi: «piano indicators {id} --accept-all» li registra come indicatori.",
            found.len()
        );
        return Ok(exit::OK);
    }
    if c.accept_all {
        let mut store = ctx.open()?;
        let n = store.accept_proposals(id, None, None)?;
        println!("{n} indicatori registrati dai target proposti.");
        return Ok(exit::OK);
    }
    let store = ctx.open()?;
    let plan = store.load(id)?;
    if plan.indicators.is_empty() {
        println!("Nessun indicatore: «piano indicators {id} --suggest» propone i target letti dal risultato atteso.");
        return Ok(exit::OK);
    }
    let mut seen = std::collections::HashSet::new();
    for p in &plan.placements {
        if !seen.insert(p.objective_id) {
            continue;
        }
        let mine: Vec<_> = plan.indicators_of(p.objective_id).collect();
        if mine.is_empty() {
            continue;
        }
        let o = plan
            .objective(p.objective_id)
            .map(|o| o.text.description.as_str())
            .unwrap_or("");
        println!("Obiettivo {} – «{o}»", p.objective_id);
        for i in mine {
            println!("  {}", describe_targets(i));
        }
    }
    Ok(exit::OK)
}
