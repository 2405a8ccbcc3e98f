//! The `piano` command line, run as a person would: exit codes, Italian messages on stderr.

mod common;

use std::path::Path;
use std::process::{Command, Output};

type R = Result<(), Box<dyn std::error::Error>>;

fn piano(db: &Path, args: &[&str]) -> std::io::Result<Output> {
    Command::new(env!("CARGO_BIN_EXE_piano"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PIANO_OBIETTIVI_DB")
        .output()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_on_the_demo_names_one_problem_then_passes_once_fixed() -> R {
    let (dir, db) = common::db_file()?;
    let out = piano(&db, &["demo"])?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let id = text(&out.stdout).trim().to_string();

    let out = piano(&db, &["check", &id])?;
    assert_eq!(out.status.code(), Some(1), "an invalid plan exits 1");
    let stdout = text(&out.stdout);
    let problems: Vec<&str> = stdout.lines().filter(|l| l.contains("[ERRORE]")).collect();
    assert_eq!(problems, ["  [ERRORE] AREA SERVIZI SOCIALI – ANNO 2021 E 2022: i pesi sommano a 90%, mancano 10 punti"]);

    let out = piano(
        &db,
        &[
            "pdf",
            &id,
            "--out",
            dir.path().join("a.pdf").to_str().ok_or("path")?,
        ],
    )?;
    assert_eq!(
        out.status.code(),
        Some(1),
        "the final annex of an invalid plan is refused"
    );
    assert!(
        text(&out.stderr).contains("--draft"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join("a.pdf").exists(), "nothing written");

    {
        let mut store = piano::Store::open(&db)?;
        common::fix_demo_weights(&mut store, id.parse()?)?;
    }
    let out = piano(&db, &["check", &id])?;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("Pesi corretti"));
    Ok(())
}

#[test]
fn import_export_and_plans() -> R {
    let (dir, db) = common::db_file()?;
    let src = dir.path().join("in.csv");
    std::fs::write(&src, piano::formats::import::DEMO_CSV)?;
    let out = piano(
        &db,
        &[
            "import",
            src.to_str().ok_or("path")?,
            "--entity",
            "Unione dei Comuni del Sorbara",
            "--title",
            "PIANO 2020-2022",
        ],
    )?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let id = text(&out.stdout).trim().to_string();
    let out = piano(&db, &["plans"])?;
    let listing = text(&out.stdout);
    assert!(
        listing.contains(
            "PIANO 2020-2022\t2020-2022\t5 aree\t23 obiettivi\tUnione dei Comuni del Sorbara"
        ),
        "{listing}"
    );
    let dest = dir.path().join("out.csv");
    let out = piano(&db, &["export", &id, "--out", dest.to_str().ok_or("path")?])?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        &std::fs::read(&dest)?[3..],
        piano::formats::import::DEMO_CSV
    );
    Ok(())
}

#[test]
fn usage_and_file_errors_exit_2_in_italian() -> R {
    let (dir, db) = common::db_file()?;
    for (args, fragment) in [
        (vec!["import", "/non/esiste.csv"], "non si apre"),
        (vec!["check", "abc"], "non è il codice di un piano"),
        (vec!["check", "42"], "Piano non trovato"),
        (vec!["export", "1"], "--out"),
        (vec!["volare"], "Comando sconosciuto"),
        (vec!["check"], "Manca il codice del piano"),
    ] {
        let out = piano(&db, &args)?;
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains(fragment),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "Area;Anni\nx;y\n")?;
    let out = piano(&db, &["import", bad.to_str().ok_or("path")?])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("intestazione non riconosciuta"));
    Ok(())
}

#[test]
fn help_explains_each_command() -> R {
    let (_dir, db) = common::db_file()?;
    let out = piano(&db, &["--help"])?;
    assert!(out.status.success());
    for cmd in [
        "plans", "import", "check", "export", "pdf", "demo", "backup", "restore",
    ] {
        assert!(text(&out.stdout).contains(cmd), "{cmd} listed");
        let out = piano(&db, &[cmd, "--help"])?;
        assert!(out.status.success(), "{cmd} --help");
        assert!(
            text(&out.stdout).starts_with(&format!("piano {cmd}")),
            "{cmd}: {}",
            text(&out.stdout)
        );
    }
    Ok(())
}

#[test]
fn version_and_no_english_in_help_or_errors() -> R {
    let (_dir, db) = common::db_file()?;
    let out = piano(&db, &["--version"])?;
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).trim(),
        format!("piano {}", env!("CARGO_PKG_VERSION")),
        "the workspace's version"
    );
    let mut runs = vec![vec!["--help"], vec!["help", "pdf"], vec![], vec!["check"]];
    for cmd in [
        "plans",
        "import",
        "check",
        "export",
        "roll",
        "pdf",
        "demo",
        "backup",
        "restore",
        "results",
        "results-export",
        "results-import",
        "report",
        "relazione",
        "smvp",
    ] {
        runs.push(vec![cmd, "--help"]);
    }
    runs.extend([vec!["check", "1", "--bogus"], vec!["--db"], vec!["pdf"]]);
    for args in runs {
        let out = piano(&db, &args)?;
        let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
        for english in [
            "Usage",
            "Options",
            "Arguments",
            "Commands",
            "error:",
            "Print help",
            "For more",
        ] {
            assert!(!all.contains(english), "{args:?} prints {english:?}: {all}");
        }
    }
    Ok(())
}

#[test]
fn backup_and_restore() -> R {
    let (dir, db) = common::db_file()?;
    piano(&db, &["demo"])?;
    let copy = dir.path().join("copia.sqlite");
    let out = piano(&db, &["backup", "--out", copy.to_str().ok_or("path")?])?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    piano(&db, &["demo"])?;
    assert_eq!(piano::Store::open(&db)?.list_plans()?.len(), 2);
    let out = piano(&db, &["restore", copy.to_str().ok_or("path")?])?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        piano::Store::open(&db)?.list_plans()?.len(),
        1,
        "back to the backup's content"
    );
    assert!(
        dir.path()
            .join("piano.prima-del-ripristino.sqlite")
            .exists(),
        "the replaced content is kept aside"
    );
    let junk = dir.path().join("junk.sqlite");
    std::fs::write(&junk, b"not a database at all, just text")?;
    let before = std::fs::read(&junk)?;
    let out = piano(&db, &["restore", junk.to_str().ok_or("path")?])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("non è una copia di sicurezza utilizzabile"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&junk)?, before, "the file is left as it was");
    assert_eq!(piano::Store::open(&db)?.list_plans()?.len(), 1);
    Ok(())
}

#[test]
fn results_from_the_command_line_export_import_report_relazione() -> R {
    let (dir, db) = common::db_file()?;
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let id = text(&piano(&db, &["demo"])?.stdout).trim().to_string();
    let out = piano(&db, &["results", &id, "--year", "2020"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("non è ancora approvato"),
        "{}",
        text(&out.stderr)
    );
    {
        let mut store = piano::Store::open(&db)?;
        common::fix_demo_weights(&mut store, id.parse()?)?;
    }
    let out = piano(
        &db,
        &[
            "approve",
            &id,
            "--act",
            "12",
            "--date",
            "15/02/2020",
            "--yes",
        ],
    )?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = piano(
        &db,
        &["smvp", &id, "--bands", "0:0, 60:proporzionale, 90:100"],
    )?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("da 90 a 100: quota 100%"),
        "{}",
        text(&out.stdout)
    );
    let out = piano(&db, &["smvp", &id, "--bands", "10:0"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("partire da 0"));

    // Missing results: exit 1.
    let out = piano(&db, &["results", &id, "--year", "2020"])?;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("mancano 3 risultati"));

    // The sheet, filled with 100 everywhere by a script, comes back.
    let sheet = path("risultati.csv");
    let out = piano(
        &db,
        &["results-export", &id, "--year", "2020", "--out", &sheet],
    )?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&sheet)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    writer.write_record(reader.headers()?)?;
    for record in reader.records() {
        let mut cells: Vec<String> = record?.iter().map(str::to_string).collect();
        cells[8] = "fatto".into();
        cells[9] = "100".into();
        writer.write_record(&cells)?;
    }
    let filled = writer.into_inner()?;
    std::fs::write(&sheet, filled)?;
    let out = piano(&db, &["results-import", &id, &sheet])?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "Importati 15 risultati.");
    let out = piano(&db, &["results", &id, "--year", "2020"])?;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("AREA AFFARI GENERALI\tpunteggio 100,00\tquota 100%"));

    for name in ["allegato.pdf", "pubblicazione.csv", "pubblicazione.xlsx"] {
        let out = piano(
            &db,
            &["report", &id, "--year", "2020", "--out", &path(name)],
        )?;
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        assert!(std::fs::metadata(path(name))?.len() > 500, "{name} written");
    }
    let out = piano(
        &db,
        &["report", &id, "--year", "2020", "--out", &path("x.doc")],
    )?;
    assert_eq!(out.status.code(), Some(2));

    // The Relazione freezes the year; a second import is refused.
    let out = piano(
        &db,
        &[
            "relazione",
            &id,
            "--year",
            "2020",
            "--act",
            "40",
            "--date",
            "20/06/2021",
        ],
    )?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = piano(&db, &["results-import", &id, &sheet])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("Relazione"),
        "{}",
        text(&out.stderr)
    );
    let out = piano(
        &db,
        &[
            "relazione",
            &id,
            "--year",
            "2020",
            "--revoke",
            "--act",
            "40",
        ],
    )?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    Ok(())
}

/// Measurable objectives, monitoring and the evaluation from the command line, on the
/// reference plan: targets suggested and accepted, a monitoring date with its exit code, the
/// schede with theirs, the prints written.
#[test]
fn indicators_monitoring_and_evaluation_from_the_command_line() -> R {
    let (dir, db) = common::db_file()?;
    let out = piano(&db, &["demo"])?;
    assert!(out.status.success());
    let out = piano(&db, &["indicators", "1", "--suggest"])?;
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        said.contains("scadenza: 2020 entro il 31/07/2020   (dal testo: «entro il 31.07.2020»)"),
        "{said}"
    );
    assert!(
        said.contains("22 target proposti per 18 obiettivi"),
        "{said}"
    );
    let out = piano(&db, &["indicators", "1", "--accept-all"])?;
    assert!(
        text(&out.stdout).contains("22 indicatori registrati"),
        "{}",
        text(&out.stdout)
    );
    {
        let mut store = piano::Store::open(&db)?;
        common::fix_demo_weights(&mut store, 1)?;
        for a in store.list_areas(1)? {
            if a.name == "AREA AFFARI GENERALI" {
                store.update_area(a.id, &a.name, "Mario Rossi")?;
            }
        }
    }
    let out = piano(
        &db,
        &[
            "approve",
            "1",
            "--act",
            "12",
            "--date",
            "15/02/2020",
            "--yes",
        ],
    )?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = piano(&db, &["monitor", "1", "--date", "30/06/2020", "--add"])?;
    assert_eq!(out.status.code(), Some(1), "entries missing: exit 1");
    assert!(
        text(&out.stdout).contains("AREA AFFARI GENERALI\tsemaforo grigio"),
        "{}",
        text(&out.stdout)
    );
    let report = dir.path().join("nucleo.pdf");
    let out = piano(
        &db,
        &[
            "monitor-report",
            "1",
            "--date",
            "30/06/2020",
            "--out",
            report.to_str().ok_or("path")?,
        ],
    )?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read(&report)?.starts_with(b"%PDF"));
    let out = piano(
        &db,
        &[
            "monitor",
            "1",
            "--date",
            "30/06/2020",
            "--thresholds",
            "30, 70",
        ],
    )?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("La soglia del critico non può superare"),
        "{}",
        text(&out.stderr)
    );

    // The evaluation needs the year's results: 100% everywhere in Affari Generali.
    let out = piano(&db, &["valutazione", "1", "--year", "2020"])?;
    assert_eq!(out.status.code(), Some(1), "schede incomplete: exit 1");
    assert!(
        text(&out.stdout).contains("Regole predefinite"),
        "{}",
        text(&out.stdout)
    );
    let out = piano(
        &db,
        &[
            "valutazione",
            "1",
            "--year",
            "2020",
            "--manager",
            "Mario Rossi",
            "--scores",
            "4,5,3,4",
            "--colloquio",
            "15/03/2021",
            "--max-pay",
            "5.000",
            "--budget",
            "4.000",
        ],
    )?;
    let said = text(&out.stdout);
    assert!(
        said.contains("Mario Rossi\tAREA AFFARI GENERALI 0,00"),
        "{said}"
    );
    // No results typed: the area scores 0, so 40% × 80 = 32 → below 60, nothing due.
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        said.contains("punteggio 32,00\tquota 0%\timporto € 0,00"),
        "{said}"
    );
    let out = piano(
        &db,
        &[
            "valutazione",
            "1",
            "--year",
            "2020",
            "--manager",
            "Mario Rossi",
            "--scores",
            "9,5,3,4",
        ],
    )?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("fuori dalla scala"),
        "{}",
        text(&out.stderr)
    );
    let publish = dir.path().join("premi.csv");
    let out = piano(
        &db,
        &[
            "valutazione",
            "1",
            "--year",
            "2020",
            "--publish",
            publish.to_str().ok_or("path")?,
        ],
    )?;
    assert!(out.status.code().is_some());
    assert!(!std::fs::read_to_string(&publish)?.contains("Rossi"));

    // Individual objectives (issue 31): assigned with --objective, the managers' sheet
    // written, filled in, refused with every problem (exit 1), then read back.
    // The subcommands (issue 34): each its own options, the same function behind them.
    let individual = dir.path().join("individuali.csv");
    let out = piano(
        &db,
        &[
            "valutazione",
            "regole",
            "1",
            "--year",
            "2020",
            "--components",
            "50,30,20",
        ],
    )?;
    assert!(out.status.code().is_some(), "{}", text(&out.stderr));
    let out = piano(
        &db,
        &[
            "valutazione",
            "regole",
            "1",
            "--year",
            "2020",
            "--manager",
            "Mario Rossi",
        ],
    )?;
    assert_eq!(
        out.status.code(),
        Some(2),
        "a scheda's option is not a rule"
    );
    let out = piano(
        &db,
        &[
            "valutazione",
            "scheda",
            "1",
            "--year",
            "2020",
            "--manager",
            "Mario Rossi",
            "--objective",
            "Pratiche di accesso evase | 60 | numero | 20",
            "--objective",
            "Sportello unico attivato | 40 | sì/no | sì",
        ],
    )?;
    assert!(out.status.code().is_some(), "{}", text(&out.stderr));
    let assignment = dir.path().join("assegnazione.pdf");
    let out = piano(
        &db,
        &[
            "valutazione",
            "stampa",
            "1",
            "--year",
            "2020",
            "--individual-export",
            individual.to_str().ok_or("path")?,
            "--assignment",
            assignment.to_str().ok_or("path")?,
            "--assignment-of",
            "Mario Rossi",
        ],
    )?;
    assert!(out.status.code().is_some(), "{}", text(&out.stderr));
    assert!(std::fs::read(&assignment)?.starts_with(b"%PDF"));
    for sub in ["regole", "ritardo", "scheda", "convalida", "stampa"] {
        let out = piano(&db, &["valutazione", sub, "--help"])?;
        assert!(
            text(&out.stdout).starts_with(&format!("piano valutazione {sub} PIANO")),
            "{sub}: {}",
            text(&out.stdout)
        );
    }
    let sheet = std::fs::read_to_string(&individual)?;
    assert!(
        sheet.contains("Mario Rossi;2;Sportello unico attivato;40;sì/no;Sì;;;"),
        "{sheet}"
    );
    let mut lines: Vec<String> = sheet.lines().map(str::to_string).collect();
    lines[1] = lines[1].replacen(";;;", ";tanti;;", 1);
    lines[2] = lines[2].replacen(";;;", ";forse;;", 1);
    std::fs::write(&individual, lines.join("\n"))?;
    let import = |db: &std::path::Path| {
        piano(
            db,
            &[
                "valutazione",
                "scheda",
                "1",
                "--year",
                "2020",
                "--individual-import",
                individual.to_str().unwrap_or_default(),
            ],
        )
    };
    let out = import(&db)?;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(
        said.contains("2 problemi") && said.contains("- riga 2:") && said.contains("- riga 3:"),
        "{said}"
    );
    lines[1] = lines[1].replacen(";tanti;;", ";16;;", 1);
    lines[2] = lines[2].replacen(";forse;;", ";sì;;", 1);
    std::fs::write(&individual, lines.join("\n"))?;
    let out = import(&db)?;
    let said = text(&out.stdout);
    assert!(
        said.contains("Importati i valori di 2 obiettivi individuali."),
        "{said}{}",
        text(&out.stderr)
    );
    // 16 of 20 → 80% × 60 + 100% × 40 = 88,00; 50% × 0 + 30% × 80 + 20% × 88 = 41,60.
    assert!(said.contains("punteggio 41,60"), "{said}");
    Ok(())
}

/// Issue 28 from the command line, on a 2025 plan prepared through the library (three
/// paying areas, every result 100, the Relazione approved): every new field of `piano
/// valutazione` and `piano relazione`, with the refusals that name the field and the rule.
#[test]
fn the_lawful_pay_from_the_command_line() -> R {
    let (_dir, db) = common::db_file()?;
    let id = {
        use piano::prelude::*;
        let head = "Area;Anni;Servizio organizzativo;Tipologia;Descrizione obiettivo;Risultato atteso;Indicatore di risultato;Peso;Tempestività pagamenti";
        let mut rows = Vec::new();
        for area in ["AREA AFFARI GENERALI", "AREA SERVIZI SOCIALI"] {
            rows.push(format!(
                "{area};2025;SERVIZI;S;Digitalizzazione;Entro il 31.12.2025;Relazione;70;No"
            ));
            rows.push(format!("{area};2025;OBIETTIVO TRASVERSALE > TEMPESTIVITA' PAGAMENTI;M;Tempestività dei pagamenti;Ritardo ≤ 0 giorni;PCC;30;Sì"));
        }
        let csv = format!("{head}\r\n{}\r\n", rows.join("\r\n"));
        let mut store = piano::Store::open(&db)?;
        let id = store.import_csv(csv.as_bytes(), &piano::ImportOptions::default())?;
        for a in store.list_areas(id)? {
            let m = if a.name == "AREA SERVIZI SOCIALI" {
                "Anna Bianchi"
            } else {
                "Mario Rossi"
            };
            store.update_area(a.id, &a.name, m)?;
        }
        let act = piano_testkit::act;
        store.approve(id, &act("7", "2025-01-31"), true)?;
        piano_testkit::type_every_result(&mut store, id, 2025, "fatto")?;
        store.approve_relazione(id, 2025, &act("40", "2026-04-20"))?;
        id.to_string()
    };
    let run = |args: &[&str]| -> std::io::Result<Output> {
        let mut all = vec!["valutazione", id.as_str(), "--year", "2025"];
        all.extend_from_slice(args);
        piano(&db, &all)
    };
    // Inside the results at 60/40: 60% × 30% = 18%, said with the rule.
    let out = run(&["--timeliness", "risultati", "--components", "60,40"])?;
    let err = text(&out.stderr);
    assert!(
        err.contains("dipende il 18%") && err.contains("art. 4-bis DL 13/2023"),
        "{err}"
    );
    // Components 40/60: refused, exit 2, naming the rule.
    let out = run(&["--components", "40,60"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("art. 9 c.1 lett. a"));
    // A dedicated quota of 35%, graduated, prerequisite per area.
    let out = run(&[
        "--timeliness",
        "quota",
        "--timeliness-quota",
        "35",
        "--graduation",
        "5:50",
        "--prerequisite",
        "area",
    ])?;
    assert!(out.status.code().is_some(), "{}", text(&out.stderr));
    // The indicator: «tanti» refused; +12 recorded with the revisore's check.
    let out = run(&["--delay", "tanti"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("«tanti»"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&[
        "--delay",
        "12",
        "--verifier",
        "Dott. Verdi",
        "--verified-on",
        "20/02/2026",
    ])?;
    assert!(
        text(&out.stdout).contains(
            "Indicatore di ritardo annuale dell'ente: +12 giorni, verificato da Dott. Verdi il 20/02/2026"
        ),
        "{}",
        text(&out.stdout)
    );
    // An interim at 30%: refused.
    let scheda = |interim: &str| {
        run(&[
            "--manager",
            "Anna Bianchi",
            "--scores",
            "5,5,5,5",
            "--colloquio",
            "15/03/2026",
            "--max-pay",
            "10.000",
            "--interim",
            interim,
        ])
    };
    let out = scheda("AREA SERVIZI TECNICI:9.000:30:01/03/2025:28/06/2025")?;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("tra il 15% e il 25%"));
    // At 20%: 65% of € 10.000 on the score + the timeliness quota lost (12 days > 5) +
    // € 591,78 of interim = € 7.091,78.
    let out = scheda("AREA SERVIZI TECNICI:9.000:20:01/03/2025:28/06/2025")?;
    let said = text(&out.stdout);
    assert!(
        said.contains("Incarico ad interim: AREA SERVIZI TECNICI: € 591,78"),
        "{said}"
    );
    assert!(said.contains("importo € 7.091,78"), "{said}");
    assert!(
        text(&out.stderr).contains("Non liquidabile: manca la validazione della Relazione"),
        "{}",
        text(&out.stderr)
    );
    // The Nucleo validates the Relazione: payable.
    let out = piano(
        &db,
        &[
            "relazione",
            &id,
            "--year",
            "2025",
            "--nucleo",
            "5",
            "--nucleo-date",
            "10/05/2026",
        ],
    )?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("liquidabile"));
    let out = run(&[])?;
    assert!(!text(&out.stderr).contains("Non liquidabile"));
    // The definitive evaluation needs the Nucleo's proposal.
    let out = run(&["--validate", "--act", "3", "--date", "10/04/2026"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("Proposta del Nucleo"),
        "{}",
        text(&out.stderr)
    );
    Ok(())
}

/// Issue 32: `piano import` of a sheet with twelve bad cells prints all twelve, exit 1, and
/// saves nothing; a sheet whose rows leave the indicator blank imports.
#[test]
fn import_lists_every_problem_and_takes_blank_texts() -> R {
    let (dir, db) = common::db_file()?;
    let header = "Area;Anni;Servizio organizzativo;Tipologia;Descrizione obiettivo;Risultato atteso;Indicatore di risultato;Peso";
    let bad: Vec<String> = (0..12)
        .map(|i| format!("AREA {i};2024;SERVIZI;S;Obiettivo {i};Risultato;Indicatore;-{i}5"))
        .collect();
    let sheet = dir.path().join("foglio.csv");
    std::fs::write(&sheet, format!("{header}\r\n{}\r\n", bad.join("\r\n")))?;
    let out = piano(&db, &["import", sheet.to_str().ok_or("path")?])?;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("Il foglio ha 12 problemi da correggere"),
        "{err}"
    );
    assert_eq!(
        err.matches("\n- riga ").count(),
        12,
        "every problem printed: {err}"
    );
    let out = piano(&db, &["plans"])?;
    assert!(!text(&out.stdout).contains("2024"), "nothing saved");
    let blank: Vec<String> = (0..11)
        .map(|i| format!("AREA {i};2024;SERVIZI;S;Obiettivo {i};;;100"))
        .collect();
    std::fs::write(&sheet, format!("{header}\r\n{}\r\n", blank.join("\r\n")))?;
    let out = piano(&db, &["import", sheet.to_str().ok_or("path")?])?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    Ok(())
}

/// Issue 31 (managers as data): `piano area` shows and sets an area's manager.
#[test]
fn an_area_s_manager_from_the_command_line() -> R {
    let (_dir, db) = common::db_file()?;
    let id = text(&piano(&db, &["demo"])?.stdout).trim().to_string();
    let out = piano(
        &db,
        &[
            "area",
            &id,
            "area servizi sociali",
            "--manager",
            "Anna Bianchi",
        ],
    )?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        "AREA SERVIZI SOCIALI\tAnna Bianchi"
    );
    let out = piano(&db, &["area", &id, "AREA INESISTENTE"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("AREA SERVIZI SOCIALI"),
        "the areas are named"
    );
    Ok(())
}

#[test]
fn the_dup_from_the_command_line_exits_1_until_every_objective_is_linked() -> R {
    let (dir, db) = common::db_file()?;
    let out = piano(&db, &["demo"])?;
    let id = text(&out.stdout).trim().to_string();
    let sheet = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dup-riferimento.csv");
    let out = piano(&db, &["dup-import", &id, sheet.to_str().ok_or("path")?])?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        "DUP importato: 2 obiettivi strategici e 5 operativi."
    );
    let out = piano(&db, &["dup", &id])?;
    assert_eq!(out.status.code(), Some(1), "unlinked objectives: exit 1");
    assert!(text(&out.stdout).contains("23 obiettivi non collegati"));
    // A wrong code: exit 2 and the reason, in Italian.
    let out = piano(&db, &["dup-link", &id, "1", "1"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("è un obiettivo strategico"));
    for objective in 1..=23 {
        let out = piano(&db, &["dup-link", &id, &objective.to_string(), "2.1"])?;
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let pdf = dir.path().join("albero.pdf");
    let out = piano(&db, &["dup", &id, "--out", pdf.to_str().ok_or("path")?])?;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Ogni obiettivo del piano è collegato"),
        "{stdout}"
    );
    assert!(stdout.contains("(23 obiettivi)"), "{stdout}");
    assert!(std::fs::read(&pdf)?.starts_with(b"%PDF"));
    // Exported and read back: the same sheet.
    let csv = dir.path().join("dup.csv");
    let out = piano(
        &db,
        &["dup-export", &id, "--out", csv.to_str().ok_or("path")?],
    )?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = piano(&db, &["dup-import", &id, csv.to_str().ok_or("path")?])?;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let again = dir.path().join("dup2.csv");
    piano(
        &db,
        &["dup-export", &id, "--out", again.to_str().ok_or("path")?],
    )?;
    assert_eq!(std::fs::read(&csv)?, std::fs::read(&again)?);
    let out = piano(&db, &["dup-export", &id, "--out", "dup.odt"])?;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("Formato «odt» non previsto"));
    Ok(())
}
