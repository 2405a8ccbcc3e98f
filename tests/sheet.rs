//! Importing flat sheets: what Excel writes is accepted, every bad file is refused with its line
//! and column in Italian, and a refused import leaves the database exactly as it was.

mod common;

use piano::formats::import::DEMO_CSV;
use piano::prelude::*;
use piano::{ImportOptions, Store};

use common::R;

const HEADER: &str = "Area;Anni;Servizio organizzativo;Tipologia;Descrizione obiettivo;Risultato atteso;Indicatore di risultato;Peso\r\n";

fn sheet(rows: &[&str]) -> Vec<u8> {
    let mut s = HEADER.to_string();
    for r in rows {
        s.push_str(r);
        s.push_str("\r\n");
    }
    s.into_bytes()
}

const GOOD: &str = "AREA UNO;2020;SERVIZI;S;Descrizione;Risultato;Indicatore;100";

fn refused(bytes: &[u8], fragments: &[&str]) -> R {
    let mut store = Store::open_in_memory()?;
    store.load_demo()?;
    let before = store.dump()?;
    let err = store
        .import_csv(bytes, &ImportOptions::default())
        .expect_err("the file must be refused");
    let msg = err.to_string();
    for f in fragments {
        assert!(msg.contains(f), "message {msg:?} should contain {f:?}");
    }
    assert_eq!(
        store.dump()?,
        before,
        "a refused import must write nothing ({msg})"
    );
    Ok(())
}

#[test]
fn bad_weights_name_line_and_column() -> R {
    for (w, f) in [
        ("-5", "negativo"),
        ("0", "maggiore di zero"),
        ("100,01", "superare 100"),
        ("12,345", "decimali"),
        ("abc", "non è un peso valido"),
    ] {
        let row = format!("AREA UNO;2020;SERVIZI;S;Descrizione;Risultato;Indicatore;{w}");
        refused(&sheet(&[GOOD, &row]), &["riga 3", "«Peso»", f])?;
    }
    Ok(())
}

#[test]
fn empty_texts_and_unknown_kinds_are_refused() -> R {
    refused(
        &sheet(&["AREA UNO;2020;SERVIZI;S;;Risultato;Indicatore;100"]),
        &["riga 2", "«Descrizione obiettivo»", "obbligatorio"],
    )?;
    // A blank expected result or indicator is accepted since issue 32 (real plans leave
    // them): `blank_texts_real_plans_leave_are_imported_as_warnings`.
    refused(
        &sheet(&[";2020;SERVIZI;S;Descrizione;Risultato;Indicatore;100"]),
        &["«Area»"],
    )?;
    refused(
        &sheet(&["AREA UNO;2020;SERVIZI;X;Descrizione;Risultato;Indicatore;100"]),
        &["riga 2", "«Tipologia»", "«X»"],
    )?;
    refused(
        &sheet(&["AREA UNO;venti;SERVIZI;S;Descrizione;Risultato;Indicatore;100"]),
        &["«Anni»"],
    )?;
    Ok(())
}

#[test]
fn overlapping_periods_are_refused() -> R {
    refused(
        &sheet(&[
            GOOD,
            "AREA UNO;2020-2021;SERVIZI;S;Altra;Risultato;Indicatore;100",
        ]),
        &["riga 3", "«Anni»", "si sovrappone", "riga 2"],
    )
}

fn store_error(bytes: &[u8]) -> Result<String, Box<dyn std::error::Error>> {
    let mut store = Store::open_in_memory()?;
    let err = store
        .import_csv(bytes, &ImportOptions::default())
        .expect_err("refused");
    Ok(err.to_string())
}

#[test]
fn wrong_or_missing_header_is_refused() -> R {
    let no_header = format!("{GOOD}\r\n").into_bytes();
    refused(
        &no_header,
        &["intestazione non riconosciuta", "Area; Anni;"],
    )?;
    let wrong = b"Area;Anno;Servizio;Tipo;Descrizione;Risultato;Indicatore;Peso\r\nx;2020;a;S;b;c;d;100\r\n".to_vec();
    refused(&wrong, &["intestazione non riconosciuta", "«Anni»"])?;
    refused(b"", &["vuoto"])?;
    refused(HEADER.as_bytes(), &["nessun obiettivo"])?;
    // Columns after «Peso» that the sheet does not know are named, with what to do; the
    // eight columns are in order, so the message does not speak of order.
    let extra = b"Area;Anni;Servizio organizzativo;Tipologia;Descrizione obiettivo;Risultato atteso;Indicatore di risultato;Peso;Note del servizio\r\nAREA UNO;2020;SERVIZI;S;Descrizione;Risultato;Indicatore;100;ok\r\n".to_vec();
    refused(
        &extra,
        &[
            "Riga 1: la colonna «Note del servizio» dopo «Peso» non è prevista: toglila dal foglio",
            "chiamala «Tempestività pagamenti»",
        ],
    )?;
    let two = b"Area;Anni;Servizio organizzativo;Tipologia;Descrizione obiettivo;Risultato atteso;Indicatore di risultato;Peso;Tempestivit\xc3\xa0 pagamenti;Referente;Note\r\n".to_vec();
    refused(
        &two,
        &["le colonne «Referente», «Note» dopo «Peso» non sono previste: toglile"],
    )?;
    let err = store_error(&extra)?;
    assert!(!err.contains("ordine previsto"), "{err}");
    refused(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        &["non è un foglio CSV"],
    )?;
    Ok(())
}

#[test]
fn a_truncated_file_is_refused() -> R {
    let full = DEMO_CSV;
    // Cut inside a quoted field, and cut in the middle of a row.
    let quoted = full.windows(2).position(|w| w == b";\"").ok_or("quote")? + 10;
    refused(&full[..quoted], &["troncato"])?;
    let text = std::str::from_utf8(full)?;
    let cut = text.match_indices("\r\n").nth(5).ok_or("line")?.0 + 40;
    refused(&full[..cut], &["riga 7", "troncato"])?;
    Ok(())
}

#[test]
fn a_windows_1252_file_with_accents_is_read_correctly() -> R {
    // "Tempestività", "€", "«»" and the typographic apostrophe in the ANSI code page.
    let mut bytes = HEADER.replace("\r\n", "\n").into_bytes();
    bytes.extend_from_slice(b"AREA SERVIZI SOCIALI;2021-2022;SERVIZI SOCIALI;M;Tempestivit\xe0 nei pagamenti \xab10 \x80\xbb;Entro il 31.12.2021;Relazione dell\x92Area;100\n");
    let mut store = Store::open_in_memory()?;
    let id = store.import_csv(&bytes, &ImportOptions::default())?;
    let plan = store.load(id)?;
    assert_eq!(
        plan.objectives[0].text.description,
        "Tempestività nei pagamenti «10 €»"
    );
    assert_eq!(plan.objectives[0].text.indicator, "Relazione dell’Area");
    assert_eq!(plan.periods[0].label, "ANNO 2021 E 2022");
    assert_eq!(plan.plan.title, "PIANO OBIETTIVI 2021-2022");
    Ok(())
}

#[test]
fn comma_separated_bom_and_quoted_newlines_are_accepted() -> R {
    let text = "\u{feff}AREA,ANNI,Servizio  organizzativo,tipologia,Descrizione obiettivo,Risultato atteso,Indicatore di risultato,Peso\n\
                AREA UNO,2020,SERVIZI,s,\"Prima riga\nseconda riga\",Risultato,Indicatore,\"12,5\"\n\
                AREA UNO,2020,SERVIZI,M,Altro,Risultato,Indicatore,\"87,5\"\n,,,,,,,\n";
    let mut store = Store::open_in_memory()?;
    let id = store.import_csv(
        text.as_bytes(),
        &ImportOptions {
            entity: "Unione".into(),
            title: "Il mio piano".into(),
            ..Default::default()
        },
    )?;
    let plan = store.load(id)?;
    assert_eq!(plan.plan.title, "Il mio piano");
    assert_eq!(
        plan.objectives[0].text.description,
        "Prima riga\nseconda riga"
    );
    assert_eq!(plan.placements[0].weight.0, 1250);
    assert!(piano::check(&plan).is_valid());
    Ok(())
}

#[test]
fn importing_twice_gets_a_distinct_title() -> R {
    let mut store = Store::open_in_memory()?;
    let a = store.load_demo()?;
    let b = store.load_demo()?;
    assert_ne!(store.load(a)?.plan.title, store.load(b)?.plan.title);
    assert_eq!(store.load(b)?.plan.title, "PIANO OBIETTIVI 2020-2022 (2)");
    Ok(())
}

/// Issue 32: eleven rows of a real-looking plan leave «Risultato atteso» or «Indicatore di
/// risultato» blank: the sheet imports, the texts are kept blank, and the plan's problems
/// list the eleven rows as warnings «da completare» (no error: the weights are right).
#[test]
fn blank_texts_real_plans_leave_are_imported_as_warnings() -> R {
    let mut rows = Vec::new();
    for i in 0..11 {
        rows.push(if i % 2 == 0 {
            format!("AREA {};2024;SERVIZI;S;Obiettivo {i};;Relazione;100", i)
        } else {
            format!(
                "AREA {};2024;SERVIZI;M;Obiettivo {i};Entro il 31.12.2024;;100",
                i
            )
        });
    }
    rows.push("AREA COMPLETA;2024;SERVIZI;S;Obiettivo completo;Risultato;Indicatore;100".into());
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let mut store = Store::open_in_memory()?;
    let id = store.import_csv(&sheet(&refs), &ImportOptions::default())?;
    let plan = store.load(id)?;
    let report = piano::check(&plan);
    let incomplete: Vec<&str> = report
        .problems
        .iter()
        .filter(|p| p.kind == piano::domain::rules::ProblemKind::Incomplete)
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(incomplete.len(), 11, "{incomplete:#?}");
    assert!(report
        .problems
        .iter()
        .all(|p| p.severity == piano::domain::rules::Severity::Warning));
    assert!(
        incomplete[0].contains("«Obiettivo 0» è da completare, manca il risultato atteso"),
        "{}",
        incomplete[0]
    );
    assert!(
        incomplete[1].contains("manca l'indicatore di risultato"),
        "{}",
        incomplete[1]
    );
    // The approval names them in its confirmation.
    let err = store
        .approve(id, &piano_testkit::act("1", "2024-01-31"), false)
        .expect_err("warnings need a confirmation");
    assert!(
        err.to_string().contains("«Obiettivo 10» è da completare"),
        "{err}"
    );
    Ok(())
}

/// Issue 32: a sheet with 12 bad cells of other kinds is refused with all 12 listed in one
/// message, grouped by column, and nothing is saved; from the command line too, exit 1.
#[test]
fn every_problem_of_a_refused_sheet_is_listed_at_once() -> R {
    let rows = [
        "AREA UNO;2020;SERVIZI;S;Descrizione;Risultato;Indicatore;-5",
        "AREA UNO;2020;SERVIZI;X;Descrizione;Risultato;Indicatore;10",
        "AREA UNO;venti;SERVIZI;S;Descrizione;Risultato;Indicatore;10",
        ";2020;SERVIZI;S;Descrizione;Risultato;Indicatore;10",
        "AREA UNO;2020;SERVIZI;S;;Risultato;Indicatore;abc",
        "AREA UNO;2020;SERVIZI;Z;Descrizione;Risultato;Indicatore;100,01",
        "AREA DUE;2020;SERVIZI;S;Descrizione;Risultato;Indicatore;12,345",
        "AREA DUE;2020;SERVIZI;S;Descrizione;Risultato;Indicatore;0",
        "AREA DUE;2020;SERVIZI;Q;Descrizione;Risultato;Indicatore;50",
        "AREA DUE;2021-2020;SERVIZI;S;Descrizione;Risultato;Indicatore;10",
    ];
    // Twelve: -5; X; venti; the blank area; the blank description and abc (one row, two
    // cells); Z and 100,01 (one row, two cells); 12,345; 0; Q; 2021-2020.
    let mut store = Store::open_in_memory()?;
    store.load_demo()?;
    let before = store.dump()?;
    let err = store
        .import_csv(&sheet(&rows), &ImportOptions::default())
        .expect_err("refused");
    let lines = err.problems();
    assert_eq!(lines.len(), 12, "{lines:#?}");
    let msg = err.to_string();
    assert!(
        msg.starts_with("Il foglio ha 12 problemi da correggere"),
        "{msg}"
    );
    for fragment in [
        "Colonna «Peso»:",
        "- riga 2: ",
        "Colonna «Tipologia»:",
        "- riga 3:",
        "Colonna «Anni»:",
        "Colonna «Area»:",
        "Colonna «Descrizione obiettivo»:",
        "- riga 6:",
        "- riga 10:",
    ] {
        assert!(msg.contains(fragment), "{fragment} missing: {msg}");
    }
    assert_eq!(store.dump()?, before, "nothing saved");
    Ok(())
}

/// Issue 31 (managers as data): the flat sheet's optional «Responsabile» column, in CSV and
/// in the workbook, round-trips the areas' managers; two different managers for one area are
/// refused with row and column, nothing saved; and `piano area` sets one.
#[test]
fn the_managers_travel_with_the_sheet() -> R {
    let (mut store, id) = common::demo()?;
    piano_testkit::name_managers(&mut store, id)?;
    let plan = store.load(id)?;
    let managers = |store: &Store, id: i64| -> Result<Vec<(String, String)>, piano::Error> {
        Ok(store
            .list_areas(id)?
            .into_iter()
            .map(|a| (a.name, a.manager))
            .collect())
    };
    let want = managers(&store, id)?;
    let csv = piano::formats::sheet::to_csv(&plan)?;
    let text = String::from_utf8_lossy(&csv).to_string();
    assert!(
        text.lines().next().unwrap_or("").ends_with(";Responsabile"),
        "{text}"
    );
    let back = store.import_csv(&csv, &ImportOptions::default())?;
    assert_eq!(managers(&store, back)?, want, "CSV");
    let report = piano::check(&plan);
    let xlsx = piano::formats::workbook::to_xlsx(&plan, &report)?;
    let (_, rows) = piano::formats::workbook::workbook_rows(&xlsx, Some("Dati"))?;
    let back = store.import_rows(&rows, &ImportOptions::default())?;
    assert_eq!(managers(&store, back)?, want, "XLSX");
    // One area, two managers: refused, naming the row and the column.
    let before = store.dump()?;
    let head = "Area;Anni;Servizio organizzativo;Tipologia;Descrizione obiettivo;Risultato atteso;Indicatore di risultato;Peso;Responsabile";
    let bad = format!("{head}\r\nAREA UNO;2024;S;S;Uno;R;I;50;Mario Rossi\r\nAREA UNO;2024;S;S;Due;R;I;50;Anna Bianchi\r\n");
    let err = store
        .import_csv(bad.as_bytes(), &ImportOptions::default())
        .expect_err("two managers");
    let msg = err.to_string();
    assert!(
        msg.contains("riga 3") && msg.contains("«Responsabile»") && msg.contains("riga 2"),
        "{msg}"
    );
    assert_eq!(store.dump()?, before, "nothing saved");
    Ok(())
}
