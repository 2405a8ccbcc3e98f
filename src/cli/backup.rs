//! `piano backup`, `piano backups` and `piano restore`: the whole database copied out and
//! back, the automatic copies listed, a damaged database recovered from one.

use std::path::{Path, PathBuf};

use clap::Args;
use piano::db::copies;
use piano::{Error, Store};

use super::{exit, usage, Context, Failure, COMMAND_TEMPLATE};

/// copia di sicurezza dell'intero database
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano backup --out FILE",
    long_about = "Scrive una copia di sicurezza completa e coerente del database nel FILE indicato."
)]
pub struct Backup {
    /// il file della copia da scrivere
    #[arg(long, value_name = "FILE", help_heading = "Opzioni")]
    out: Option<String>,
}

pub fn backup(ctx: &Context, c: Backup) -> Result<u8, Failure> {
    let out = c
        .out
        .ok_or_else(|| usage("Indica il file da scrivere con --out FILE."))?;
    let store = ctx.open()?;
    store.backup_to(Path::new(&out))?;
    println!("Copia di sicurezza scritta in {out}");
    Ok(exit::OK)
}

/// ripristina il database da una copia di sicurezza o da una copia automatica
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano restore COPIA",
    long_about = "Sostituisce il contenuto del database con quello della copia indicata, dopo averla\ncontrollata: un file di copia di sicurezza, oppure il numero di una copia automatica come\nla mostra «piano backups». Il database attuale viene prima copiato accanto a sé\n(.prima-del-ripristino) e tra le copie automatiche. Se il database è danneggiato e non si\napre, viene messo da parte (.danneggiato-…), mai sovrascritto, e la copia prende il suo posto."
)]
pub struct Restore {
    /// il file della copia, o il numero di una copia automatica («piano backups»)
    #[arg(value_name = "COPIA", help_heading = "Argomenti")]
    file: String,
}

/// The copy a `piano restore` argument names: a number from `piano backups`, or a file.
fn chosen_copy(ctx: &Context, arg: &str) -> Result<PathBuf, Failure> {
    let Ok(n) = arg.trim().parse::<usize>() else {
        return Ok(PathBuf::from(arg));
    };
    let copies = copies::list(&ctx.path());
    copies
        .get(n.wrapping_sub(1))
        .map(|c| c.path.clone())
        .ok_or_else(|| {
            usage(format!(
                "Non c'è una copia automatica numero {n}: «piano backups» mostra le {} copie disponibili.",
                copies.len()
            ))
        })
}

pub fn restore(ctx: &Context, c: Restore) -> Result<u8, Failure> {
    let copy = chosen_copy(ctx, &c.file)?;
    let path = ctx.path();
    match Store::open(&path) {
        Ok(mut store) => {
            store.restore_from(&copy)?;
            if let Some(outcome) = store.take_last_copy() {
                warn_second_place(&outcome);
            }
            println!("Database ripristinato da {}", copy.display());
        }
        Err(Error::Damaged(_)) => {
            let aside = copies::recover(&path, &copy, chrono::Local::now().naive_local())?;
            // Opening it checks it and brings an older copy to this version's schema.
            Store::open(&path)?;
            println!("Database ripristinato da {}", copy.display());
            if let Some(aside) = aside {
                println!(
                    "Il file danneggiato non è stato cancellato: è in {}",
                    aside.display()
                );
            }
        }
        Err(e) => return Err(e.into()),
    }
    Ok(exit::OK)
}

/// le copie automatiche: elenco e seconda cartella
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano backups [--folder CARTELLA | --no-folder]",
    long_about = "Elenca le copie automatiche del database, dalla più recente: data e ora, motivo, piani e\nversioni contenuti, dimensione. Le copie si fanno da sole nella cartella «copie» accanto al\ndatabase: alla prima apertura di ogni giorno e prima di ogni approvazione, annullamento,\nripristino e aggiornamento del programma. Restano tutte quelle fatte prima di\nun'approvazione; delle altre, tutte quelle degli ultimi 10 giorni di uso e l'ultima di\nciascuna delle ultime 8 settimane.\n\nCon --folder ogni copia viene scritta anche in una seconda cartella (una cartella di rete\ndell'ente, una chiavetta USB, una cartella sincronizzata)."
)]
pub struct Backups {
    /// scrive ogni copia anche in questa cartella (deve esistere)
    #[arg(
        long,
        value_name = "CARTELLA",
        help_heading = "Opzioni",
        conflicts_with = "no_folder"
    )]
    folder: Option<PathBuf>,

    /// non scrive più le copie in una seconda cartella
    #[arg(long, help_heading = "Opzioni")]
    no_folder: bool,
}

pub fn backups(ctx: &Context, c: Backups) -> Result<u8, Failure> {
    let path = ctx.path();
    let mut opened = match ctx.open() {
        Ok(store) => Some(store),
        // A damaged database: its copies are what the officer needs to see.
        Err(Failure(_, msg)) if c.folder.is_none() && !c.no_folder => {
            eprintln!("{msg}\n");
            None
        }
        Err(f) => return Err(f),
    };
    if let Some(store) = opened.as_mut() {
        if let Some(dir) = &c.folder {
            let dir = absolute(dir);
            println!(
                "Le copie automatiche verranno scritte anche in {}",
                dir.display()
            );
            // The latest copy goes there now, so the second place starts complete.
            let outcome =
                store.set_second_place(&path, Some(&dir), chrono::Local::now().naive_local())?;
            if let Some(outcome) = &outcome {
                warn_second_place(outcome);
            }
            return Ok(exit::OK);
        }
        if c.no_folder {
            store.set_second_place(&path, None, chrono::Local::now().naive_local())?;
            println!(
                "Le copie automatiche restano solo in {}",
                copies::folder(&path).display()
            );
            return Ok(exit::OK);
        }
    }
    let list = copies::list(&path);
    println!(
        "Copie automatiche di {} (cartella {}):",
        path.display(),
        absolute(&copies::folder(&path)).display()
    );
    if list.is_empty() {
        println!("  nessuna copia.");
    } else {
        println!(
            "  {:>3}  {:<16}  {:<40}  {:>5}  {:>8}  {:>10}",
            "N.", "Data e ora", "Motivo", "Piani", "Versioni", "Dimensione"
        );
        for (i, copy) in list.iter().enumerate() {
            let reason = if copy.good {
                copy.reason_text.clone()
            } else {
                format!("{} – DANNEGGIATA, non usarla", copy.reason_text)
            };
            println!(
                "  {:>3}  {:<16}  {:<40}  {:>5}  {:>8}  {:>10}",
                i + 1,
                copy.made_text,
                reason,
                copy.plans,
                copy.versions,
                size_text(copy.size)
            );
        }
        println!("Per ripristinarne una: piano {}restore N", ctx.db_flag());
    }
    match opened.as_ref().and_then(|s| s.second_place()) {
        Some(dir) => println!("Seconda cartella: {}", dir.display()),
        None if opened.is_some() => {
            println!("Seconda cartella: nessuna (impostala con «piano backups --folder CARTELLA»).")
        }
        None => {}
    }
    Ok(exit::OK)
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// "1 piano, 2 versioni"
fn contents(plans: i64, versions: i64) -> String {
    let plans = if plans == 1 {
        "1 piano".to_string()
    } else {
        format!("{plans} piani")
    };
    let versions = if versions == 1 {
        "1 versione".to_string()
    } else {
        format!("{versions} versioni")
    };
    format!("{plans}, {versions}")
}

/// 1,2 MB, 340 KB
pub fn size_text(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0)).replace('.', ",")
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Says, once, that the second place could not be reached (the local copy is made).
/// What the automatic copies of the last operation need to tell: a second place that failed,
/// or a copy after an act that could not be made (the act is recorded all the same).
pub fn tell_copies(store: &mut piano::Store) {
    if let Some(copy) = store.take_last_copy() {
        warn_second_place(&copy);
    }
    if let Some(why) = store.take_copy_failure() {
        eprintln!("Attenzione: l'atto è registrato, ma la copia automatica dopo l'atto non è stata fatta: {why}. Fai una copia di sicurezza («piano backup --out FILE»).");
    }
}

pub fn warn_second_place(outcome: &copies::Outcome) {
    if let Some(Err(why)) = &outcome.second {
        let local = outcome.copy.path.parent().unwrap_or(Path::new("."));
        eprintln!(
            "Attenzione: la copia automatica è in {}, ma non nella seconda cartella. {why}",
            local.display()
        );
    }
}

/// What to say when the database cannot be opened: the latest good automatic copy and the
/// command that restores it.
pub fn recovery_hint(ctx: &Context, msg: &str) -> String {
    let path = ctx.path();
    match copies::latest_good(&path) {
        Some(copy) => format!(
            "{msg}\nL'ultima copia automatica buona è del {} ({}; {}):\n  {}\nPer ripristinarla: piano {}restore {}\nIl file danneggiato sarà messo da parte, non cancellato.",
            copy.made_text,
            copy.reason_text,
            contents(copy.plans, copy.versions),
            copy.path.display(),
            ctx.db_flag(),
            super::quote(&copy.path.display().to_string())
        ),
        None => format!(
            "{msg}\nNon c'è nessuna copia automatica buona in {}: ripristina una copia di sicurezza con «piano {}restore FILE».",
            copies::folder(&path).display(),
            ctx.db_flag()
        ),
    }
}
