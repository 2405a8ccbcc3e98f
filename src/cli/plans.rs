//! `piano plans`, `piano demo`, `piano roll`.

use clap::Args;
use piano::prelude::*;

use super::{exit, plan_id, usage, Context, Failure, COMMAND_TEMPLATE};

/// elenca i piani (codice, titolo, anni, aree, obiettivi)
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano plans",
    long_about = "Elenca i piani del database: codice, titolo, ente, anni, numero di aree e di obiettivi."
)]
pub struct Plans {}

pub fn plans(ctx: &Context, _: Plans) -> Result<u8, Failure> {
    let store = ctx.open()?;
    let plans = store.list_plans()?;
    if plans.is_empty() {
        println!("Nessun piano. Crea un piano con «piano import FILE.csv» oppure carica l'esempio con «piano demo».");
    }
    for p in plans {
        println!(
            "{}\t{}\t{}-{}\t{} aree\t{} obiettivi\t{}\t{}",
            p.id,
            p.title,
            p.first_year,
            p.last_year,
            p.areas,
            p.objectives,
            p.entity,
            p.version_label
        );
    }
    Ok(exit::OK)
}

/// carica il piano di esempio 2020-2022 e stampa il suo codice
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano demo",
    long_about = "Carica il piano di esempio (PIANO OBIETTIVI 2020-2022, 5 aree, 30 righe) e stampa il suo codice."
)]
pub struct Demo {}

pub fn demo(ctx: &Context, _: Demo) -> Result<u8, Failure> {
    let mut store = ctx.open()?;
    println!("{}", store.load_demo()?);
    Ok(exit::OK)
}

/// nuovo piano per il triennio che inizia in ANNO, copiato dal piano indicato
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano roll PIANO --first-year ANNO",
    long_about = "Crea il piano del nuovo triennio copiando aree, obiettivi, obiettivi trasversali e pesi\ndall'ultima versione approvata (o, se nessuna lo è, dall'ultima); anni, periodi e titolo si\nspostano di conseguenza. Il piano originale non cambia. Stampa il codice del nuovo piano."
)]
pub struct Roll {
    /// il codice del piano da copiare (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// il primo anno del nuovo piano, es. 2026
    #[arg(long, value_name = "ANNO", help_heading = "Opzioni")]
    first_year: Option<String>,
}

pub fn roll(ctx: &Context, c: Roll) -> Result<u8, Failure> {
    let id = plan_id(&c.plan)?;
    let year = c
        .first_year
        .ok_or_else(|| usage("Indica il primo anno del nuovo piano con --first-year ANNO."))?;
    let year: i32 = year.parse().map_err(|_| {
        usage(format!(
            "«{year}» non è un anno: scrivilo in cifre, es. 2026."
        ))
    })?;
    let mut store = ctx.open()?;
    let source = store.roll_source(id)?;
    println!("{}", store.roll_forward(source, year, None)?);
    Ok(exit::OK)
}
