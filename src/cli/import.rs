//! `piano import`: a new plan from a sheet (.csv .xlsx .xls .ods) or a JSON copy.

use clap::Args;
use piano::formats::files::{plan_rows, PlanSource};
use piano::prelude::*;
use piano::ImportOptions;

use super::{exit, read_file, Context, Failure, COMMAND_TEMPLATE};

/// crea un piano da un foglio (.csv, .xlsx, .xls, .ods) o da una copia .json e stampa il suo codice
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano import FILE [--sheet FOGLIO] [--entity ENTE] [--title TITOLO] [--merge-near-copies]\n       piano import FILE --into PIANO [--yes]",
    long_about = "Crea un nuovo piano da un foglio .csv, .xlsx, .xls o .ods (con --sheet si sceglie il foglio)\no da una copia completa .json. Il foglio ha le colonne:\n  Area; Anni; Servizio organizzativo; Tipologia; Descrizione obiettivo; Risultato atteso; Indicatore di risultato; Peso\nAccetta «;» o «,», UTF-8 (con o senza BOM) o Windows-1252. Le righe con gli stessi testi in più aree\ndiventano un unico obiettivo trasversale; una riga uguale a un obiettivo trasversale tranne\nun campo viene segnalata e tenuta separata, oppure unita con --merge-near-copies.\nSe una riga è errata non viene scritto nulla.\nStampa il codice del nuovo piano.\nCon --into PIANO il foglio (rimandato dalle aree, per esempio) sostituisce il contenuto della\nversione in preparazione di quel piano: prima si vedono le modifiche, che si scrivono con --yes.\nUna versione approvata non si aggiorna: avvia prima una variazione («piano vary»)."
)]
pub struct Import {
    /// il foglio o la copia .json da importare
    #[arg(value_name = "FILE", help_heading = "Argomenti")]
    file: String,
    /// il foglio della cartella di lavoro (altrimenti quello con le colonne del piano)
    #[arg(long, value_name = "FOGLIO", help_heading = "Opzioni")]
    sheet: Option<String>,
    /// l'ente, es. «Unione dei Comuni …»
    #[arg(long, value_name = "ENTE", help_heading = "Opzioni")]
    entity: Option<String>,
    /// il titolo del piano (altrimenti PIANO OBIETTIVI con gli anni)
    #[arg(long, value_name = "TITOLO", help_heading = "Opzioni")]
    title: Option<String>,
    /// unisce all'obiettivo trasversale le righe che ne differiscono per un solo campo
    #[arg(long, help_heading = "Opzioni")]
    merge_near_copies: bool,
    /// aggiorna la versione in preparazione di questo piano invece di crearne uno nuovo
    #[arg(long, value_name = "PIANO", help_heading = "Opzioni")]
    into: Option<String>,
    /// con --into: scrive le modifiche (senza, le mostra soltanto)
    #[arg(long, help_heading = "Opzioni")]
    yes: bool,
}

pub fn import(ctx: &Context, c: Import) -> Result<u8, Failure> {
    let bytes = read_file(&c.file)?;
    let mut store = ctx.open()?;
    let source = PlanSource::of(std::path::Path::new(&c.file));
    if let Some(plan) = &c.into {
        return update(&mut store, plan, &c, &bytes, source);
    }
    let id = if source == PlanSource::Json {
        store.import_json(&bytes)?
    } else {
        let (_, rows) = plan_rows(source, &bytes, c.sheet.as_deref())?;
        let preview = piano::formats::import::preview(&rows);
        for near in &preview.near_copies {
            let what = if c.merge_near_copies {
                "unita all'obiettivo trasversale"
            } else {
                "tenuta separata (--merge-near-copies per unirla)"
            };
            eprintln!("Attenzione, {}: {what}.", near.message);
        }
        if preview.timeliness > 0 {
            eprintln!(
                "Riconosciuti dal testo e segnati come obiettivo di tempestività dei pagamenti: {} obiettivi (la spunta si cambia nel programma).",
                preview.timeliness
            );
        }
        let merge_lines = if c.merge_near_copies {
            preview.near_copies.iter().map(|n| n.line).collect()
        } else {
            Vec::new()
        };
        store.import_rows(
            &rows,
            &ImportOptions {
                entity: c.entity.unwrap_or_default(),
                title: c.title.unwrap_or_default(),
                approval: String::new(),
                merge_lines,
            },
        )?
    };
    println!("{id}");
    Ok(exit::OK)
}

/// `--into PLAN`: the sheet replaces the content of the plan's version in preparation, after
/// showing what changes; written only with --yes.
fn update(
    store: &mut piano::Store,
    plan: &str,
    c: &Import,
    bytes: &[u8],
    source: PlanSource,
) -> Result<u8, Failure> {
    let id = store.latest_version(super::plan_id(plan)?)?;
    let rows = match plan_rows(source, bytes, c.sheet.as_deref()) {
        Ok((_, rows)) => rows,
        // A JSON copy is a usage mistake here, not a faulty sheet.
        Err(e) if source == PlanSource::Json => return Err(super::usage(e.to_string())),
        Err(e) => return Err(e.into()),
    };
    let preview = piano::formats::import::preview(&rows);
    let merge: Vec<u64> = if c.merge_near_copies {
        preview.near_copies.iter().map(|n| n.line).collect()
    } else {
        Vec::new()
    };
    let changes = store.preview_update(id, &rows, &merge)?;
    if changes.is_empty() {
        println!("Il foglio non cambia nulla del piano.");
        return Ok(exit::OK);
    }
    println!("Modifiche che il foglio porta al piano:");
    for line in piano::domain::changes::lines(&changes) {
        println!("  {line}");
    }
    if !c.yes {
        println!("Nessuna modifica scritta: ripeti con --yes per aggiornare il piano.");
        return Ok(exit::OK);
    }
    store.update_from_rows(id, &rows, &merge)?;
    println!("Piano aggiornato.");
    Ok(exit::OK)
}
