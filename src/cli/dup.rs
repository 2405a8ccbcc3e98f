//! `piano dup`, `piano dup-import`, `piano dup-export`, `piano dup-link`: the plan in its
//! place, the DUP's strategic and operational objectives and each objective's link to them
//! (art. 170 TUEL; D.Lgs. 118/2011, all. 4/1 § 8 and the Missioni/Programmi of all. 14).

use clap::Args;

use piano::domain::dup::{self, Level};
use piano::domain::ids::ObjectiveId;
use piano::formats::files::Document;
use piano::prelude::*;

use super::{
    exit, extension, read_file, usage, version_of, write_as, write_file, Context, Failure,
    COMMAND_TEMPLATE,
};

/// l'albero della performance: obiettivi strategici, operativi e obiettivi del piano collegati
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano dup PIANO [--missione N] [--out FILE.pdf]",
    long_about = "Elenca l'albero della performance del piano: per ogni obiettivo strategico del DUP i suoi\nobiettivi operativi (con Missione e Programma) e gli obiettivi del piano collegati, con aree e pesi;\npoi la copertura: gli obiettivi non collegati, gli obiettivi operativi senza obiettivi, gli\nstrategici senza operativi. Esce con 0 se ogni obiettivo è collegato, 1 se qualcuno non lo è.\n--out FILE.pdf stampa anche l'albero in PDF/A («Albero della performance»)."
)]
pub struct Dup {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// solo i rami di una Missione (per esempio 01)
    #[arg(long, value_name = "N", help_heading = "Opzioni")]
    missione: Option<String>,
    /// stampa l'albero in PDF/A in questo file
    #[arg(long, value_name = "FILE", help_heading = "Opzioni")]
    out: Option<String>,
    /// una versione precedente del piano (vedi «piano versions»); altrimenti l'ultima
    #[arg(long, value_name = "N", help_heading = "Opzioni")]
    plan_version: Option<i64>,
}

/// importa il DUP (obiettivi strategici e operativi) da un foglio CSV o Excel
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano dup-import PIANO FILE",
    long_about = "Importa nel piano gli obiettivi strategici e operativi del DUP da un foglio (.csv, .xlsx, .xls,\n.ods) con le colonne Codice, Livello (strategico/operativo), Titolo, Descrizione, Ambito\nstrategico, Codice padre, Missione, Programma, Area (più aree separate da «;»). Il DUP del\npiano è sostituito per intero; se una riga ha un problema non si importa nulla e ogni problema\nè indicato con riga e colonna."
)]
pub struct DupImport {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// il foglio da importare
    #[arg(value_name = "FILE", help_heading = "Argomenti")]
    file: String,
}

/// esporta il DUP del piano nello stesso foglio che dup-import legge
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano dup-export PIANO --out FILE.csv|FILE.xlsx"
)]
pub struct DupExport {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// il file da scrivere: .csv o .xlsx
    #[arg(long, value_name = "FILE", help_heading = "Opzioni")]
    out: String,
    /// una versione precedente del piano (vedi «piano versions»); altrimenti l'ultima
    #[arg(long, value_name = "N", help_heading = "Opzioni")]
    plan_version: Option<i64>,
}

/// collega un obiettivo del piano a un obiettivo operativo del DUP
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano dup-link PIANO OBIETTIVO CODICE",
    long_about = "Collega l'obiettivo numero OBIETTIVO (vedi «piano dup PIANO») all'obiettivo operativo del DUP\ncon il codice CODICE. Un codice vuoto («») toglie il collegamento. Un obiettivo trasversale si\ncollega una volta sola, per tutte le sue aree."
)]
pub struct DupLink {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// il numero dell'obiettivo
    #[arg(value_name = "OBIETTIVO", help_heading = "Argomenti")]
    objective: i64,
    /// il codice dell'obiettivo operativo
    #[arg(value_name = "CODICE", help_heading = "Argomenti")]
    code: String,
}

fn places(tree: &dup::Tree, o: &dup::TreeObjective) -> String {
    o.places
        .iter()
        .map(|p| tree.place(p))
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn dup(ctx: &Context, c: Dup) -> Result<u8, Failure> {
    let store = ctx.open()?;
    let id = version_of(&store, &c.plan, c.plan_version)?;
    let plan = store.load(id)?;
    if plan.dup.is_empty() {
        println!(
            "Il piano «{}» non ha ancora il DUP: «piano dup-import {} FILE» lo importa da un foglio.",
            plan.plan.title, c.plan
        );
        return Ok(exit::OK);
    }
    let mission = match c.missione.as_deref() {
        None => None,
        Some(m) => match dup::parse_classification(m, "") {
            Ok((m, _)) => m,
            Err((_, msg)) => return Err(usage(msg)),
        },
    };
    let tree = dup::tree(&plan, mission);
    if let Some(out) = &c.out {
        let bytes = write_as(Document::DupTree(&plan), out)?;
        write_file(out, &bytes)?;
        println!("Albero della performance stampato in {out}.");
    }
    println!("Albero della performance – {}", plan.plan.title);
    for s in &tree.strategic {
        println!(
            "Obiettivo strategico {} – {} ({}){}",
            s.goal.code,
            s.goal.title,
            if s.objectives == 1 {
                "1 obiettivo".to_string()
            } else {
                format!("{} obiettivi", s.objectives)
            },
            if s.classification.is_empty() {
                String::new()
            } else {
                format!(" – {}", s.classification)
            }
        );
        for o in &s.operational {
            println!(
                "  Obiettivo operativo {} – {}{}{}",
                o.goal.code,
                o.goal.title,
                if o.classification.is_empty() {
                    String::new()
                } else {
                    format!(" – {}", o.classification)
                },
                if o.area_names.is_empty() {
                    String::new()
                } else {
                    format!(" – {}", o.area_names.join(", "))
                }
            );
            if o.objectives.is_empty() {
                println!("    (nessun obiettivo del piano)");
            }
            for x in &o.objectives {
                println!("    [{}] {} – {}", x.id, x.description, places(&tree, x));
            }
        }
    }
    let cov = &tree.coverage;
    println!("Copertura:");
    if tree.unlinked.is_empty() {
        println!("  Ogni obiettivo del piano è collegato a un obiettivo operativo.");
    } else {
        println!(
            "  {} obiettivi non collegati a un obiettivo operativo:",
            tree.unlinked.len()
        );
        for x in &tree.unlinked {
            println!("    [{}] {} – {}", x.id, x.description, places(&tree, x));
        }
    }
    let name = |code: &String| {
        plan.dup
            .iter()
            .find(|g| &g.code == code)
            .map_or(code.clone(), |g| format!("{} – {}", g.code, g.title))
    };
    for (list, what) in [
        (
            &cov.empty_operational,
            "Obiettivi operativi senza obiettivi del piano",
        ),
        (
            &cov.empty_strategic,
            "Obiettivi strategici senza obiettivi operativi",
        ),
    ] {
        if !list.is_empty() {
            println!("  {what}:");
            for code in list {
                println!("    {}", name(code));
            }
        }
    }
    Ok(if cov.is_complete() {
        exit::OK
    } else {
        exit::INVALID
    })
}

pub fn dup_import(ctx: &Context, c: DupImport) -> Result<u8, Failure> {
    let bytes = read_file(&c.file)?;
    let mut store = ctx.open()?;
    let id = version_of(&store, &c.plan, None)?;
    let goals = store.import_dup(id, &bytes, &extension(&c.file))?;
    let strategic = goals.iter().filter(|g| g.level == Level::Strategic).count();
    println!(
        "DUP importato: {strategic} obiettivi strategici e {} operativi.",
        goals.len() - strategic
    );
    Ok(exit::OK)
}

pub fn dup_export(ctx: &Context, c: DupExport) -> Result<u8, Failure> {
    let store = ctx.open()?;
    let id = version_of(&store, &c.plan, c.plan_version)?;
    let plan = store.load(id)?;
    let bytes = write_as(Document::DupSheet(&plan), &c.out)?;
    write_file(&c.out, &bytes)?;
    println!("DUP esportato in {} ({} righe).", c.out, plan.dup.len());
    Ok(exit::OK)
}

pub fn dup_link(ctx: &Context, c: DupLink) -> Result<u8, Failure> {
    let mut store = ctx.open()?;
    let id = version_of(&store, &c.plan, None)?;
    match store.link_operational(id, &[ObjectiveId::new(c.objective)], &c.code)? {
        Some(code) => println!(
            "Obiettivo {} collegato all'obiettivo operativo {code}.",
            c.objective
        ),
        None => println!("Obiettivo {}: collegamento al DUP tolto.", c.objective),
    }
    Ok(exit::OK)
}
