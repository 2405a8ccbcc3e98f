//! `piano versions`, `piano approve`, `piano unapprove`, `piano vary`: the plan after the
//! print, as the Giunta approves and varies it.

use clap::Args;
use piano::formats::files::Document;
use piano::prelude::*;

use super::{exit, plan_id, Context, Failure, COMMAND_TEMPLATE};

/// elenca le versioni del piano: proposta, variazioni, delibere di approvazione
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano versions PIANO",
    long_about = "Elenca le versioni del piano (la proposta e le variazioni), ognuna con il suo stato:\nin preparazione, oppure approvata con la delibera indicata. Per ognuna stampa il codice\nda usare con --plan-version."
)]
pub struct Versions {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
}

pub fn versions(ctx: &Context, c: Versions) -> Result<u8, Failure> {
    let store = ctx.open()?;
    for v in store.versions(plan_id(&c.plan)?)? {
        println!("{}\t{}\t(codice {})", v.version, v.label, v.plan_id);
    }
    Ok(exit::OK)
}

/// registra la delibera che approva la versione in preparazione, che da allora non cambia più
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano approve PIANO --act NUMERO --date AAAA-MM-GG [--body ORGANO] [--yes]",
    long_about = "Registra la delibera che approva la versione in preparazione del piano. Da quel momento la\nversione è un atto: ogni modifica è rifiutata e si cambia solo con una variazione\n(«piano vary»). L'allegato riporta la delibera. Prima dell'approvazione si ripetono i\ncontrolli di «piano check»: gli errori la impediscono, gli avvisi vanno confermati con --yes."
)]
pub struct Approve {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// il numero della delibera, es. 12
    #[arg(long, value_name = "NUMERO", help_heading = "Opzioni")]
    act: Option<String>,
    /// la data della delibera, es. 2020-02-15 (oppure 15/02/2020)
    #[arg(long, value_name = "DATA", help_heading = "Opzioni")]
    date: Option<String>,
    /// l'organo che approva (altrimenti «Giunta dell'Unione»)
    #[arg(long, value_name = "ORGANO", help_heading = "Opzioni")]
    body: Option<String>,
    /// conferma gli avvisi dei controlli (non gli errori)
    #[arg(long, help_heading = "Opzioni")]
    yes: bool,
}

pub fn approve(ctx: &Context, c: Approve) -> Result<u8, Failure> {
    let mut store = ctx.open()?;
    let id = store.latest_version(plan_id(&c.plan)?)?;
    let act = super::act_input(&c.body, &c.act, &c.date);
    store.approve(id, &act, c.yes)?;
    super::backup::tell_copies(&mut store);
    println!("{}", store.version_info(id)?.label);
    Ok(exit::OK)
}

/// annulla l'approvazione dell'ultima versione (per un numero o una data sbagliati)
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano unapprove PIANO --act NUMERO",
    long_about = "Annulla la registrazione della delibera sull'ultima versione del piano, che torna in\npreparazione. Serve a correggere un numero o una data sbagliati; per conferma va ripetuto il\nnumero della delibera. L'annullamento resta registrato nel database."
)]
pub struct Unapprove {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// il numero della delibera registrata, per conferma
    #[arg(long, value_name = "NUMERO", help_heading = "Opzioni")]
    act: Option<String>,
}

pub fn unapprove(ctx: &Context, c: Unapprove) -> Result<u8, Failure> {
    let mut store = ctx.open()?;
    let id = store.latest_version(plan_id(&c.plan)?)?;
    store.revoke_approval(id, &c.act.unwrap_or_default())?;
    super::backup::tell_copies(&mut store);
    println!("{}", store.version_info(id)?.label);
    Ok(exit::OK)
}

/// avvia una variazione: una nuova versione, copia dell'ultima approvata; stampa il suo codice
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano vary PIANO",
    long_about = "Avvia una variazione del piano approvato: crea una nuova versione in preparazione, copia\ndell'ultima approvata (obiettivi trasversali compresi), e stampa il suo codice. Le versioni\nprecedenti restano come sono."
)]
pub struct Vary {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
}

pub fn vary(ctx: &Context, c: Vary) -> Result<u8, Failure> {
    let mut store = ctx.open()?;
    println!("{}", store.vary(plan_id(&c.plan)?)?);
    Ok(exit::OK)
}

/// il prospetto delle variazioni tra due versioni, in PDF o CSV
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano changes PIANO [--from N --to N] --out FILE.(pdf|csv)",
    long_about = "Scrive il prospetto delle variazioni: per area e periodo gli obiettivi aggiunti, eliminati e i\npesi cambiati, con il totale prima e dopo; poi ogni testo modificato, una volta sola, con le\naree che tocca. Senza --from/--to confronta l'ultima versione con la precedente."
)]
pub struct ChangesCmd {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// la versione di partenza (vedi «piano versions»)
    #[arg(long, value_name = "N", help_heading = "Opzioni")]
    from: Option<i64>,
    /// la versione d'arrivo
    #[arg(long, value_name = "N", help_heading = "Opzioni")]
    to: Option<i64>,
    /// il file da scrivere: .pdf o .csv
    #[arg(long, value_name = "FILE", help_heading = "Opzioni")]
    out: Option<String>,
}

pub fn changes(ctx: &Context, c: ChangesCmd) -> Result<u8, Failure> {
    let out = c.out.ok_or_else(|| {
        super::usage("Indica il file da scrivere con --out FILE.pdf (oppure .csv).")
    })?;
    let store = ctx.open()?;
    let id = plan_id(&c.plan)?;
    let changes = store.changes(id, c.from, c.to)?;
    let plan = store.load(store.version_id(id, changes.to.version)?)?;
    let document = Document::Changes {
        plan: &plan,
        changes: &changes,
    };
    let bytes = super::write_as(document, &out)?;
    super::write_file(&out, &bytes)?;
    Ok(exit::OK)
}
