//! `piano`: the command line over the core. Messages are Italian (the officer reads them);
//! exit 0 on success, 1 when a plan is not valid, 2 on a usage or file error.

use std::path::PathBuf;
use std::process::ExitCode;

use piano::{db, rules, sheet, Error, ImportOptions, Store};

const HELP: &str = "\
piano — Piano Obiettivi da riga di comando

Uso: piano [--db FILE] <comando> [opzioni]

Comandi:
  plans                                  elenca i piani (codice, titolo, anni, aree, obiettivi)
  import FILE [--sheet FOGLIO] [--entity ENTE] [--title TITOLO] [--merge-near-copies]
                                         crea un piano da un foglio (.csv, .xlsx, .xls, .ods)
                                         o da una copia .json e stampa il suo codice
  check PIANO                            totali per area e periodo e problemi dei pesi;
                                         esce con 0 se il piano è valido, 1 se non lo è
  export PIANO --out FILE.(csv|xlsx|json)
                                         esporta il piano: foglio CSV, Excel come
                                         l'allegato, o copia completa JSON
  roll PIANO --first-year ANNO           nuovo piano per il triennio che inizia in ANNO,
                                         copiato dal piano indicato; stampa il codice
  pdf PIANO --out FILE.pdf [--draft] [--no-page-per-area]
                                         stampa l'allegato in PDF; un piano non valido
                                         si stampa solo come bozza (--draft)
  demo                                   carica il piano di esempio 2020-2022
  backup --out FILE                      copia di sicurezza dell'intero database
  restore FILE                           ripristina il database da una copia di sicurezza

Opzioni generali:
  --db FILE     il database da usare (altrimenti la variabile PIANO_OBIETTIVI_DB,
                altrimenti la cartella dati dell'utente)
  --help        questo aiuto; «piano <comando> --help» spiega un comando

Uscita: 0 riuscito, 1 piano non valido, 2 errore di uso o di file.";

fn command_help(cmd: &str) -> Option<&'static str> {
    Some(match cmd {
        "plans" => "piano plans\n\nElenca i piani del database: codice, titolo, ente, anni, numero di aree e di obiettivi.",
        "import" => "piano import FILE [--sheet FOGLIO] [--entity ENTE] [--title TITOLO] [--merge-near-copies]\n\nCrea un nuovo piano da un foglio .csv, .xlsx, .xls o .ods (con --sheet si sceglie il foglio)\no da una copia completa .json. Il foglio ha le colonne:\n  Area; Anni; Servizio organizzativo; Tipologia; Descrizione obiettivo; Risultato atteso; Indicatore di risultato; Peso\nAccetta «;» o «,», UTF-8 (con o senza BOM) o Windows-1252. Le righe con gli stessi testi in più aree\ndiventano un unico obiettivo trasversale; una riga uguale a un obiettivo trasversale tranne\nun campo viene segnalata e tenuta separata, oppure unita con --merge-near-copies.\nSe una riga è errata non viene scritto nulla.\nStampa il codice del nuovo piano.",
        "check" => "piano check PIANO\n\nStampa il totale dei pesi per ogni area e periodo e l'elenco dei problemi.\nEsce con 0 se il piano è valido, 1 se non lo è, 2 se il piano non esiste.",
        "export" => "piano export PIANO --out FILE.(csv|xlsx|json)\n\n.csv: foglio piatto (UTF-8, separatore «;»), una riga per obiettivo e area;\n.xlsx: foglio Excel impaginato come l'allegato, più il foglio «Dati» reimportabile;\n.json: copia completa del piano, che si reimporta identica.",
        "roll" => "piano roll PIANO --first-year ANNO\n\nCrea il piano del nuovo triennio copiando aree, obiettivi, obiettivi trasversali e pesi;\nanni, periodi e titolo si spostano di conseguenza. Il piano originale non cambia.\nStampa il codice del nuovo piano.",
        "pdf" => "piano pdf PIANO --out FILE.pdf [--draft] [--no-page-per-area]\n\nStampa l'allegato del piano in PDF (A4 orizzontale).\nSenza --draft un piano con pesi errati è rifiutato (uscita 1) con i motivi;\ncon --draft si ottiene una BOZZA con i problemi elencati nella prima pagina.\n--no-page-per-area: le aree si susseguono senza iniziare ognuna una nuova pagina.",
        "demo" => "piano demo\n\nCarica il piano di esempio (PIANO OBIETTIVI 2020-2022, 5 aree, 30 righe) e stampa il suo codice.",
        "backup" => "piano backup --out FILE\n\nScrive una copia di sicurezza completa e coerente del database nel FILE indicato.",
        "restore" => "piano restore FILE\n\nSostituisce il contenuto del database con quello della copia di sicurezza FILE,\ndopo averla controllata. Il database attuale viene prima copiato accanto a sé (.prima-del-ripristino).",
        _ => return None,
    })
}

/// A failure and the exit code it deserves.
struct Failure(u8, String);

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure(2, e.to_string())
    }
}

fn usage(msg: impl Into<String>) -> Failure {
    Failure(
        2,
        format!(
            "{}\nUsa «piano --help» per l'elenco dei comandi.",
            msg.into()
        ),
    )
}

struct Args {
    items: Vec<String>,
}

impl Args {
    /// Removes `--name VALUE` and returns VALUE.
    fn option(&mut self, name: &str) -> Result<Option<String>, Failure> {
        match self.items.iter().position(|a| a == name) {
            None => Ok(None),
            Some(i) if i + 1 < self.items.len() => {
                let value = self.items.remove(i + 1);
                self.items.remove(i);
                Ok(Some(value))
            }
            Some(_) => Err(usage(format!("Manca il valore dopo {name}."))),
        }
    }

    fn flag(&mut self, name: &str) -> bool {
        match self.items.iter().position(|a| a == name) {
            Some(i) => {
                self.items.remove(i);
                true
            }
            None => false,
        }
    }

    fn positional(&mut self, what: &str) -> Result<String, Failure> {
        if self.items.is_empty() {
            return Err(usage(format!("Manca {what}.")));
        }
        Ok(self.items.remove(0))
    }

    fn plan_id(&mut self) -> Result<i64, Failure> {
        let raw = self.positional("il codice del piano (vedi «piano plans»)")?;
        raw.parse().map_err(|_| {
            usage(format!(
                "«{raw}» non è il codice di un piano: usa il numero mostrato da «piano plans»."
            ))
        })
    }

    fn done(&self) -> Result<(), Failure> {
        match self.items.first() {
            Some(extra) => Err(usage(format!("Argomento non previsto: «{extra}»."))),
            None => Ok(()),
        }
    }
}

fn extension(path: &str) -> String {
    std::path::Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

fn read_file(path: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|source| {
        Error::File {
            path: path.into(),
            source,
        }
        .into()
    })
}

fn write_file(path: &str, bytes: &[u8]) -> Result<(), Failure> {
    piano::backup::write_atomically(std::path::Path::new(path), bytes).map_err(Failure::from)
}

fn run(raw: Vec<String>) -> Result<u8, Failure> {
    let mut args = Args { items: raw };
    let db_path = args.option("--db")?.map(PathBuf::from);
    if args.items.is_empty()
        || args.items[0] == "--help"
        || args.items[0] == "-h"
        || args.items[0] == "help"
    {
        println!("{HELP}");
        return Ok(0);
    }
    let cmd = args.items.remove(0);
    if args.flag("--help") || args.flag("-h") {
        let text =
            command_help(&cmd).ok_or_else(|| usage(format!("Comando sconosciuto: «{cmd}».")))?;
        println!("{text}");
        return Ok(0);
    }
    let open =
        || -> Result<Store, Failure> { Ok(Store::open(&db::default_path(db_path.clone()))?) };
    match cmd.as_str() {
        "plans" => {
            args.done()?;
            let store = open()?;
            let plans = store.list_plans()?;
            if plans.is_empty() {
                println!("Nessun piano. Crea un piano con «piano import FILE.csv» oppure carica l'esempio con «piano demo».");
            }
            for p in plans {
                println!(
                    "{}\t{}\t{}-{}\t{} aree\t{} obiettivi\t{}",
                    p.id, p.title, p.first_year, p.last_year, p.areas, p.objectives, p.entity
                );
            }
            Ok(0)
        }
        "import" => {
            let entity = args.option("--entity")?.unwrap_or_default();
            let title = args.option("--title")?.unwrap_or_default();
            let sheet_name = args.option("--sheet")?;
            let merge = args.flag("--merge-near-copies");
            let file = args.positional("il file da importare")?;
            args.done()?;
            let bytes = read_file(&file)?;
            let mut store = open()?;
            let kind = extension(&file);
            let id = if kind == "json" {
                store.import_json(&bytes)?
            } else {
                let rows = if kind == "csv" || kind == "txt" {
                    sheet::parse_records(&sheet::csv_records(&bytes)?, "Il file")?
                } else {
                    piano::workbook::workbook_rows(&bytes, sheet_name.as_deref())?.1
                };
                let preview = piano::import::preview(&rows);
                for near in &preview.near_copies {
                    let what = if merge {
                        "unita all'obiettivo trasversale"
                    } else {
                        "tenuta separata (--merge-near-copies per unirla)"
                    };
                    eprintln!("Attenzione, {}: {what}.", near.message);
                }
                let merge_lines = if merge {
                    preview.near_copies.iter().map(|n| n.line).collect()
                } else {
                    Vec::new()
                };
                store.import_rows(
                    &rows,
                    &ImportOptions {
                        entity,
                        title,
                        approval: String::new(),
                        merge_lines,
                    },
                )?
            };
            println!("{id}");
            Ok(0)
        }
        "roll" => {
            let id = args.plan_id()?;
            let year = args.option("--first-year")?.ok_or_else(|| {
                usage("Indica il primo anno del nuovo piano con --first-year ANNO.")
            })?;
            let year: i32 = year.parse().map_err(|_| {
                usage(format!(
                    "«{year}» non è un anno: scrivilo in cifre, es. 2026."
                ))
            })?;
            args.done()?;
            let mut store = open()?;
            println!("{}", store.roll_forward(id, year, None)?);
            Ok(0)
        }
        "check" => {
            let id = args.plan_id()?;
            args.done()?;
            let store = open()?;
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
            Ok(if report.is_valid() { 0 } else { 1 })
        }
        "export" => {
            let id = args.plan_id()?;
            let out = args.option("--out")?.ok_or_else(|| {
                usage("Indica il file da scrivere con --out FILE.csv (oppure .xlsx, .json).")
            })?;
            args.done()?;
            let store = open()?;
            let plan = store.load(id)?;
            let bytes = match extension(&out).as_str() {
                "csv" => sheet::to_csv(&plan)?,
                "xlsx" => piano::workbook::to_xlsx(&plan, &rules::check(&plan))?,
                "json" => piano::json::to_json(&plan)?,
                other => {
                    return Err(usage(format!(
                        "Formato «{other}» non previsto: usa .csv, .xlsx o .json."
                    )))
                }
            };
            write_file(&out, &bytes)?;
            Ok(0)
        }
        "demo" => {
            args.done()?;
            let mut store = open()?;
            println!("{}", store.load_demo()?);
            Ok(0)
        }
        "pdf" => {
            let id = args.plan_id()?;
            let out = args
                .option("--out")?
                .ok_or_else(|| usage("Indica il file da scrivere con --out FILE.pdf."))?;
            let draft = args.flag("--draft");
            let page_per_area = !args.flag("--no-page-per-area");
            args.done()?;
            let store = open()?;
            let plan = store.load(id)?;
            let report = rules::check(&plan);
            if !draft && !report.is_valid() {
                let mut msg = String::from("Il piano ha problemi di pesi e non può essere stampato come allegato definitivo:\n");
                for p in report
                    .problems
                    .iter()
                    .filter(|p| p.severity == rules::Severity::Error)
                {
                    msg.push_str(&format!("  - {}\n", p.message));
                }
                msg.push_str("Correggi i pesi, oppure stampa una bozza con --draft.");
                return Err(Failure(1, msg));
            }
            let options = piano::pdf::Options {
                draft,
                page_per_area,
                ..Default::default()
            };
            let bytes = piano::pdf::render(&plan, &report, &options)?;
            write_file(&out, &bytes)?;
            Ok(0)
        }
        "backup" => {
            let out = args
                .option("--out")?
                .ok_or_else(|| usage("Indica il file da scrivere con --out FILE."))?;
            args.done()?;
            let store = open()?;
            store.backup_to(std::path::Path::new(&out))?;
            println!("Copia di sicurezza scritta in {out}");
            Ok(0)
        }
        "restore" => {
            let file = args.positional("il file della copia di sicurezza")?;
            args.done()?;
            let mut store = open()?;
            store.restore_from(std::path::Path::new(&file))?;
            println!("Database ripristinato da {file}");
            Ok(0)
        }
        other => Err(usage(format!("Comando sconosciuto: «{other}»."))),
    }
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => ExitCode::from(code),
        Err(Failure(code, msg)) => {
            eprintln!("{msg}");
            ExitCode::from(code)
        }
    }
}
