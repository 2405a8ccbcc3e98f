//! `piano backup` and `piano restore`: the whole database, copied out and back.

use std::path::Path;

use clap::Args;

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

/// ripristina il database da una copia di sicurezza
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano restore COPIA",
    long_about = "Sostituisce il contenuto del database con quello della copia di sicurezza indicata,\ndopo averla controllata. Il database attuale viene prima copiato accanto a sé (.prima-del-ripristino)."
)]
pub struct Restore {
    /// il file della copia di sicurezza
    #[arg(value_name = "COPIA", help_heading = "Argomenti")]
    file: String,
}

pub fn restore(ctx: &Context, c: Restore) -> Result<u8, Failure> {
    let mut store = ctx.open()?;
    store.restore_from(Path::new(&c.file))?;
    println!("Database ripristinato da {}", c.file);
    Ok(exit::OK)
}
