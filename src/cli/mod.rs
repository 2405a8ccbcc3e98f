//! The `piano` command line: one module per command, parsed by clap with Italian help and
//! Italian errors (the officer reads them). Exit codes are in [`exit`].

mod backup;
mod check;
mod cycle;
mod drafts;
mod dup;
mod evaluation;
mod export;
mod import;
mod indicators;
mod monitoring;
mod pdf;
mod plans;
mod results;
mod versions;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ErrorKind};
use clap::{ArgAction, Parser, Subcommand};

use piano::store::ActInput;
use piano::{db, Error, Store};

/// Every exit code `piano` uses.
pub mod exit {
    /// The command did what was asked (a valid plan, for `check`).
    pub const OK: u8 = 0;
    /// The plan is not valid: `check` found errors, `pdf` refused the final annex.
    pub const INVALID: u8 = 1;
    /// A usage error, or a file or database that cannot be used.
    pub const USAGE: u8 = 2;
}

const ROOT_TEMPLATE: &str = "\
{before-help}{name} — Piano Obiettivi da riga di comando, versione {version}

Uso: {usage}

{all-args}{after-help}";

const COMMAND_TEMPLATE: &str = "{usage}\n\n{about}\n\n{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "piano",
    version,
    help_template = ROOT_TEMPLATE,
    override_usage = "piano [--db FILE] <COMANDO> [opzioni]",
    after_help = "«piano COMANDO --help» spiega un comando.\nUscita: 0 riuscito, 1 piano non valido, 2 errore di uso o di file.",
    subcommand_help_heading = "Comandi",
    subcommand_value_name = "COMANDO",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    arg_required_else_help = true
)]
struct Cli {
    /// il database da usare (altrimenti la variabile PIANO_OBIETTIVI_DB, altrimenti la cartella dati dell'utente)
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help_heading = "Opzioni generali"
    )]
    db: Option<PathBuf>,

    /// questo aiuto
    #[arg(short = 'h', long, global = true, action = ArgAction::Help, help_heading = "Opzioni generali")]
    help: Option<bool>,

    /// la versione del programma
    #[arg(short = 'V', long, action = ArgAction::Version, help_heading = "Opzioni generali")]
    version: Option<bool>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Plans(plans::Plans),
    Import(import::Import),
    Check(check::Check),
    Export(export::Export),
    Roll(plans::Roll),
    Pdf(pdf::Pdf),
    Demo(plans::Demo),
    Backup(backup::Backup),
    Backups(backup::Backups),
    Restore(backup::Restore),
    Versions(versions::Versions),
    Approve(versions::Approve),
    Unapprove(versions::Unapprove),
    Vary(versions::Vary),
    Changes(versions::ChangesCmd),
    Results(results::Results),
    ResultsExport(results::ResultsExport),
    ResultsImport(results::ResultsImport),
    Report(results::Report),
    Relazione(results::Relazione),
    Smvp(results::Smvp),
    Indicators(indicators::Indicators),
    Monitor(monitoring::Monitor),
    Valutazione(Box<evaluation::Valutazione>),
    MonitorExport(monitoring::MonitorExport),
    MonitorImport(monitoring::MonitorImport),
    MonitorReport(monitoring::MonitorReport),
    Area(plans::AreaCmd),
    Dup(dup::Dup),
    DupImport(dup::DupImport),
    DupExport(dup::DupExport),
    DupLink(dup::DupLink),
    Piao(drafts::Piao),
    RelazioneBozza(drafts::RelazioneBozza),
    Ciclo(cycle::Ciclo),
}

/// A failure and the exit code it deserves.
pub struct Failure(pub u8, pub String);

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e {
            // A refused sheet: every problem, not only the first 50 the message shows; exit
            // 1, as for a plan that breaks a rule (issue 32).
            Error::SheetProblems(all) => {
                Failure(exit::INVALID, piano::error::sheet_problems(&all, all.len()))
            }
            other => Failure(exit::USAGE, other.to_string()),
        }
    }
}

/// A usage error, with the hint to the help.
pub fn usage(msg: impl Into<String>) -> Failure {
    Failure(
        exit::USAGE,
        format!(
            "{}\nUsa «piano --help» per l'elenco dei comandi.",
            msg.into()
        ),
    )
}

/// What a command needs from the outside: where the database is.
pub struct Context {
    db: Option<PathBuf>,
}

impl Context {
    /// The database file the command works on.
    pub fn path(&self) -> PathBuf {
        db::default_path(self.db.clone())
    }

    /// Opens the database and makes the day's automatic copy if none was made today. A file
    /// that cannot be opened is explained with the latest good automatic copy and the
    /// command that restores it.
    pub fn open(&self) -> Result<Store, Failure> {
        let path = self.path();
        let store = match Store::open(&path) {
            Ok(store) => store,
            Err(Error::Damaged(msg)) => {
                return Err(Failure(exit::USAGE, backup::recovery_hint(self, &msg)))
            }
            Err(e) => return Err(e.into()),
        };
        match store.daily_copy(&path, chrono::Local::now().naive_local()) {
            Ok(Some(outcome)) => backup::warn_second_place(&outcome),
            Ok(None) => {}
            Err(e) => {
                eprintln!("Attenzione: la copia automatica del giorno non è stata fatta: {e}")
            }
        }
        Ok(store)
    }

    /// How the command line names the database in a command to type: with --db when it
    /// was given.
    pub fn db_flag(&self) -> String {
        match &self.db {
            Some(p) => format!("--db {} ", quote(&p.display().to_string())),
            None => String::new(),
        }
    }
}

/// A path as it can be typed back in a shell.
pub fn quote(text: &str) -> String {
    if text
        .chars()
        .all(|c| c.is_alphanumeric() || "/._-:\\".contains(c))
    {
        text.to_string()
    } else {
        format!("\"{text}\"")
    }
}

/// The version a command works on: the plan's latest, or the one numbered `version`.
pub fn version_of(store: &Store, plan: &str, version: Option<i64>) -> Result<i64, Failure> {
    let id = plan_id(plan)?;
    Ok(match version {
        Some(v) => store.version_id(id, v)?,
        None => store.latest_version(id)?,
    })
}

/// An act as typed on the command line, every part optional: the core says what is missing.
pub fn act_input(
    body: &Option<String>,
    number: &Option<String>,
    date: &Option<String>,
) -> ActInput {
    let typed = |part: &Option<String>| part.clone().unwrap_or_default();
    ActInput {
        body: typed(body),
        number: typed(number),
        date: typed(date),
    }
}

/// A filled sheet to import into a plan: the import commands' two arguments.
#[derive(clap::Args)]
pub struct PlanSheet {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti", display_order = 1)]
    pub plan: String,
    /// il foglio compilato
    #[arg(value_name = "FILE", help_heading = "Argomenti", display_order = 2)]
    pub file: String,
}

impl PlanSheet {
    /// The plan's id, the sheet's bytes and its extension (which reader takes it).
    pub fn read(&self) -> Result<(i64, Vec<u8>, String), Failure> {
        let bytes = read_file(&self.file)?;
        Ok((plan_id(&self.plan)?, bytes, extension(&self.file)))
    }
}

/// The plan code typed by the user.
pub fn plan_id(raw: &str) -> Result<i64, Failure> {
    raw.parse().map_err(|_| {
        usage(format!(
            "«{raw}» non è il codice di un piano: usa il numero mostrato da «piano plans»."
        ))
    })
}

/// A document written in the type its output file's extension names; another type is a
/// usage mistake (exit 2), named in Italian with the types the document comes in.
pub fn write_as(
    document: piano::formats::files::Document<'_>,
    out: &str,
) -> Result<Vec<u8>, Failure> {
    let t = document
        .file_type(&extension(out))
        .map_err(|e| usage(e.to_string()))?;
    Ok(document.write(t)?)
}

/// The file's extension, lower case ("" if none).
pub fn extension(path: &str) -> String {
    piano::formats::files::extension(std::path::Path::new(path))
}

pub fn read_file(path: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|source| {
        Error::File {
            path: path.into(),
            source,
        }
        .into()
    })
}

/// Writes through a temporary file, so an interrupted write leaves no half file.
pub fn write_file(path: &str, bytes: &[u8]) -> Result<(), Failure> {
    piano::db::backup::write_atomically(std::path::Path::new(path), bytes).map_err(Failure::from)
}

/// What a missing positional argument is, in words.
fn missing(arg: &str) -> String {
    match arg.trim_matches(|c| c == '<' || c == '>') {
        "PIANO" => "il codice del piano (vedi «piano plans»)".into(),
        "FILE" => "il file da importare".into(),
        "COPIA" => "il file della copia di sicurezza".into(),
        other => format!("l'argomento {other}"),
    }
}

/// clap's refusals, in Italian.
fn italian(e: &clap::Error) -> String {
    let ctx = |k| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let arg = ctx(ContextKind::InvalidArg);
    match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "Comando sconosciuto: «{}».",
            ctx(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::UnknownArgument => format!("Argomento non previsto: «{arg}»."),
        ErrorKind::MissingRequiredArgument => format!("Manca {}.", missing(&arg)),
        ErrorKind::MissingSubcommand => "Manca il comando.".into(),
        ErrorKind::InvalidValue if ctx(ContextKind::InvalidValue).is_empty() => {
            let name = arg.split_whitespace().next().unwrap_or(&arg).to_string();
            format!("Manca il valore dopo {name}.")
        }
        ErrorKind::ArgumentConflict => format!("Opzioni incompatibili: {arg}."),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "Valore non valido per {arg}: «{}».",
            ctx(ContextKind::InvalidValue)
        ),
        _ => format!("Comando non valido ({arg})."),
    }
}

fn run(args: Vec<String>) -> Result<u8, Failure> {
    // "piano help [COMANDO]" as a habit from other tools: the same as --help.
    let mut args = args;
    let mut i = 1;
    while args.get(i).is_some_and(|a| a == "--db") {
        i += 2;
    }
    if args.get(i).is_some_and(|a| a == "help") {
        args.remove(i);
        args.push("--help".into());
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            return match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    print!("{e}");
                    Ok(exit::OK)
                }
                _ => Err(usage(italian(&e))),
            }
        }
    };
    let ctx = Context { db: cli.db };
    match cli.command {
        Command::Plans(c) => plans::plans(&ctx, c),
        Command::Area(c) => plans::area(&ctx, c),
        Command::Import(c) => import::import(&ctx, c),
        Command::Check(c) => check::check(&ctx, c),
        Command::Export(c) => export::export(&ctx, c),
        Command::Roll(c) => plans::roll(&ctx, c),
        Command::Pdf(c) => pdf::pdf(&ctx, c),
        Command::Demo(c) => plans::demo(&ctx, c),
        Command::Backup(c) => backup::backup(&ctx, c),
        Command::Backups(c) => backup::backups(&ctx, c),
        Command::Restore(c) => backup::restore(&ctx, c),
        Command::Versions(c) => versions::versions(&ctx, c),
        Command::Approve(c) => versions::approve(&ctx, c),
        Command::Unapprove(c) => versions::unapprove(&ctx, c),
        Command::Vary(c) => versions::vary(&ctx, c),
        Command::Changes(c) => versions::changes(&ctx, c),
        Command::Results(c) => results::results(&ctx, c),
        Command::ResultsExport(c) => results::results_export(&ctx, c),
        Command::ResultsImport(c) => results::results_import(&ctx, c),
        Command::Report(c) => results::report(&ctx, c),
        Command::Relazione(c) => results::relazione(&ctx, c),
        Command::Smvp(c) => results::smvp(&ctx, c),
        Command::Indicators(c) => indicators::indicators(&ctx, c),
        Command::Monitor(c) => monitoring::monitor(&ctx, c),
        Command::Valutazione(c) => evaluation::valutazione(&ctx, *c),
        Command::MonitorExport(c) => monitoring::monitor_export(&ctx, c),
        Command::MonitorImport(c) => monitoring::monitor_import(&ctx, c),
        Command::MonitorReport(c) => monitoring::monitor_report(&ctx, c),
        Command::Dup(c) => dup::dup(&ctx, c),
        Command::DupImport(c) => dup::dup_import(&ctx, c),
        Command::DupExport(c) => dup::dup_export(&ctx, c),
        Command::DupLink(c) => dup::dup_link(&ctx, c),
        Command::Piao(c) => drafts::piao(&ctx, c),
        Command::RelazioneBozza(c) => drafts::relazione_bozza(&ctx, c),
        Command::Ciclo(c) => cycle::ciclo(&ctx, c),
    }
}

pub fn main() -> ExitCode {
    match run(std::env::args().collect()) {
        Ok(code) => ExitCode::from(code),
        Err(Failure(code, msg)) => {
            eprintln!("{msg}");
            ExitCode::from(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
