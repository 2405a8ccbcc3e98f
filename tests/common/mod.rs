//! Shared by the core's integration tests.

#![allow(dead_code)]

use std::process::Command;

use piano::domain::results::ResultInput;
use piano::prelude::*;
use piano::Store;

pub type R<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// A database in memory holding the demo (the reference plan as published, its one weight
/// error included); the store and the plan's id.
pub fn demo() -> R<(Store, i64)> {
    let mut store = Store::open_in_memory()?;
    let id = store.load_demo()?;
    Ok((store, id))
}

/// A database file of the test's own, in a folder removed when the test ends: the folder
/// (keep it alive) and the file's path.
pub fn db_file() -> R<(tempfile::TempDir, std::path::PathBuf)> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("piano.sqlite");
    Ok((dir, db))
}

/// Runs the command line on `db`: its exit code, standard output and standard error.
pub fn piano(db: &std::path::Path, args: &[&str]) -> R<(i32, String, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_piano"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()?;
    Ok((
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout)?,
        String::from_utf8(out.stderr)?,
    ))
}

// The fixtures every package's tests share (crates/testkit); not every test uses each.
#[allow(unused_imports)]
pub use piano_testkit::{fix_demo_weights, giunta_2020, social_services_first_row};

/// Apache PDFBox Preflight's verdict on `pdf` (scripts/setup installs it from Debian).
pub fn preflight(pdf: &[u8]) -> Result<String, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, pdf)?;
    let jars = [
        "preflight",
        "pdfbox2",
        "fontbox2",
        "xmpbox",
        "commons-logging",
        "javax.activation",
        "jaxb-api",
    ]
    .map(|j| format!("/usr/share/java/{j}.jar"))
    .join(":");
    let out = Command::new("java")
        .args(["-cp", &jars, "org.apache.pdfbox.preflight.Validator_A1b"])
        .arg(&path)
        .output()
        .map_err(|e| format!("java (default-jre-headless) must be installed: {e}"))?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

pub fn assert_pdfa(pdf: &[u8], what: &str) -> R {
    let verdict = preflight(pdf)?;
    assert!(
        verdict.contains("is a valid PDF/A-1b file"),
        "{what}: Preflight says\n{}",
        verdict.lines().take(20).collect::<Vec<_>>().join("\n")
    );
    Ok(())
}

/// The text of `pdf` as poppler's pdftotext reads it, with `args` (e.g. `-raw`).
pub fn pdftotext(pdf: &[u8], args: &[&str]) -> Result<String, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, pdf)?;
    let out = Command::new("pdftotext")
        .args(args)
        .arg(&path)
        .arg("-")
        .output()
        .map_err(|e| format!("pdftotext (poppler-utils) must be installed: {e}"))?;
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8(out.stdout)?)
}

/// The text without blanks: a cell wrapped on several lines still reads as one.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A PDF valid for Preflight that says each of `phrases` (spaces squashed); written to
/// `$PIANO_PDF_OUT/NAME.pdf` when set, to look at.
pub fn pdf_says(pdf: &[u8], name: &str, phrases: &[&str]) -> R {
    assert_pdfa(pdf, name)?;
    let text = squash(&pdftotext(pdf, &[])?);
    for said in phrases {
        assert!(text.contains(said), "{name}: {said}: {text}");
    }
    if let Ok(dir) = std::env::var("PIANO_PDF_OUT") {
        std::fs::write(format!("{dir}/{name}.pdf"), pdf)?;
    }
    Ok(())
}

/// A CSV the app wrote (UTF-8 with BOM, `;`) as rows of cells.
pub fn read_csv(bytes: &[u8]) -> R<Vec<Vec<String>>> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))?;
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in r.records() {
        out.push(rec?.iter().map(str::to_string).collect());
    }
    Ok(out)
}

/// Rows written back as Excel would save them: UTF-8 with BOM, `;`.
pub fn write_csv(rows: &[Vec<String>]) -> R<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for r in rows {
        w.write_record(r)?;
    }
    Ok(w.into_inner()?)
}

// ---------------------------------------------------------------------------------------
// The reference plan's 2020 results (tests/results.rs, tests/drafts.rs)

pub const YEAR: i32 = 2020;

/// The reference plan, weights fixed, approved, with the code of conduct as a prerequisite.
pub fn approved_demo() -> R<(Store, i64, i64)> {
    let mut store = Store::open_in_memory()?;
    let (id, pre) = piano_testkit::approved_reference_plan(&mut store)?;
    Ok((store, id, pre))
}

pub fn input(value: &str, achievement: &str, note: &str) -> ResultInput {
    ResultInput {
        value: value.into(),
        achievement: achievement.into(),
        note: note.into(),
        values: Vec::new(),
    }
}

/// What each area of 2020 gets, in the annex's order of its three objectives, then the
/// prerequisite. The weights of 2020 are: AFFARI GENERALI 30 40 30, ECONOMICO FINANZIARIA
/// 40 30 30, SERVIZI SOCIALI 30 40 30, POLIZIA LOCALE 40 30 30, SERVIZI TECNICI 40 30 30
/// (the third is the cross-cutting objective, 30 everywhere).
pub const TYPED: [(&str, [&str; 4]); 5] = [
    ("AREA AFFARI GENERALI", ["100", "85,5", "0", "100"]),
    ("AREA ECONOMICO FINANZIARIA", ["100", "100", "92,25", "0"]),
    ("AREA SERVIZI SOCIALI", ["50", "50", "50", "100"]),
    ("AREA POLIZIA LOCALE", ["100", "100", "100", "100"]),
    ("AREA SERVIZI TECNICI", ["33,33", "66,67", "99,99", "100"]),
];

pub fn note(achievement: &str) -> &'static str {
    if achievement == "100" {
        ""
    } else {
        "ritardi del fornitore"
    }
}

pub fn type_all(store: &mut Store, id: i64) -> R {
    let y = store.year_results(id, YEAR)?;
    for (area, values) in TYPED {
        let a = y.areas.iter().find(|a| a.name == area).ok_or(area)?;
        assert_eq!(a.rows.len(), 4, "three objectives and the prerequisite");
        for (row, achievement) in a.rows.iter().zip(values) {
            store.set_result(
                id,
                YEAR,
                a.area_id,
                row.item,
                &input("27 giorni", achievement, note(achievement)),
            )?;
        }
    }
    Ok(())
}
