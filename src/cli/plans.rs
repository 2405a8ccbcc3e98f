//! `piano plans`, `piano demo`, `piano roll`, `piano area`.

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

/// mostra o cambia il responsabile di un'area
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano area PIANO \"AREA …\" [--manager NOME]",
    long_about = "Senza opzioni stampa l'area e il suo responsabile. Con --manager NOME indica il responsabile\n(titolare di Elevata Qualificazione) dell'area nella versione in preparazione: la valutazione\nlo usa per le schede; --manager \"\" lo toglie. Una versione approvata non cambia: avvia una\nvariazione con «piano vary»."
)]
pub struct AreaCmd {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// il nome dell'area, come nel piano (maiuscole e accenti non contano)
    #[arg(value_name = "AREA", help_heading = "Argomenti")]
    area: String,
    /// il responsabile dell'area
    #[arg(long, value_name = "NOME", help_heading = "Opzioni")]
    manager: Option<String>,
    /// la versione del piano (altrimenti l'ultima)
    #[arg(long, value_name = "N", help_heading = "Opzioni")]
    plan_version: Option<i64>,
}

pub fn area(ctx: &Context, c: AreaCmd) -> Result<u8, Failure> {
    let mut store = ctx.open()?;
    let id = super::version_of(&store, &c.plan, c.plan_version)?;
    let key = piano::domain::model::name_key(&c.area);
    let areas = store.list_areas(id)?;
    let Some(area) = areas
        .iter()
        .find(|a| piano::domain::model::name_key(&a.name) == key)
    else {
        let names: Vec<&str> = areas.iter().map(|a| a.name.as_str()).collect();
        return Err(usage(format!(
            "Area «{}» non trovata nel piano: le aree sono {}.",
            c.area.trim(),
            names.join(", ")
        )));
    };
    if let Some(m) = &c.manager {
        store.update_area(area.id, &area.name, m)?;
    }
    let area = store
        .list_areas(id)?
        .into_iter()
        .find(|a| a.id == area.id)
        .ok_or_else(|| usage("Area non trovata."))?;
    println!(
        "{}\t{}",
        area.name,
        if area.manager.is_empty() {
            "(nessun responsabile)"
        } else {
            &area.manager
        }
    );
    Ok(exit::OK)
}
