//! What offices do to files: every bad database file is refused with an Italian message that
//! says what to do, and is left byte for byte as it was; a full disk loses no saved work; an
//! upgrade copies the file aside first.

use piano::prelude::*;
use std::path::Path;
use std::process::Command;

use piano::Store;

type R = Result<(), Box<dyn std::error::Error>>;

fn good_db(path: &Path) -> R {
    let mut store = Store::open(path)?;
    store.load_demo()?;
    drop(store);
    // Fold the WAL back into the file, as a clean shutdown does.
    rusqlite::Connection::open(path)?.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

/// Opens `path`, expects a refusal containing `fragment`, and checks the bytes did not move.
fn refused(path: &Path, fragment: &str) -> R {
    let before = std::fs::read(path)?;
    let err = match Store::open(path) {
        Ok(_) => return Err(format!("{} should have been refused", path.display()).into()),
        Err(e) => e.to_string(),
    };
    assert!(err.contains(fragment), "{}: {err}", path.display());
    assert!(!err.to_lowercase().contains("error"), "Italian only: {err}");
    assert_eq!(
        std::fs::read(path)?,
        before,
        "{} must be left byte for byte",
        path.display()
    );
    Ok(())
}

#[test]
fn a_file_that_is_not_sqlite() -> R {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("piano.sqlite");
    std::fs::write(
        &path,
        "Area;Anni;Peso\nquesto è un foglio, non un database\n".repeat(50),
    )?;
    refused(&path, "non è un database di Piano Obiettivi")
}

#[test]
fn another_programs_sqlite_file() -> R {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("rubrica.sqlite");
    let conn = rusqlite::Connection::open(&path)?;
    conn.execute_batch("CREATE TABLE contatti(nome TEXT); INSERT INTO contatti VALUES ('Rossi');")?;
    drop(conn);
    refused(&path, "un altro programma")?;
    let conn = rusqlite::Connection::open(&path)?;
    conn.pragma_update(None, "user_version", 1)?;
    drop(conn);
    refused(&path, "un altro programma")
}

#[test]
fn a_database_from_a_newer_version() -> R {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("piano.sqlite");
    good_db(&path)?;
    rusqlite::Connection::open(&path)?.pragma_update(None, "user_version", 42)?;
    refused(&path, "versione più recente")
}

#[test]
fn a_corrupt_and_a_truncated_database() -> R {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("piano.sqlite");
    good_db(&path)?;
    let mut bytes = std::fs::read(&path)?;
    let page = 4096;
    assert!(bytes.len() > 4 * page, "the demo spans several pages");
    for b in &mut bytes[2 * page + 100..3 * page] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes)?;
    refused(&path, "danneggiato")?;
    let half = dir.path().join("meta.sqlite");
    good_db(&half)?;
    let bytes = std::fs::read(&half)?;
    std::fs::write(&half, &bytes[..bytes.len() / 2])?;
    refused(&half, "danneggiato")
}

#[test]
fn a_read_only_file() -> R {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("piano.sqlite");
    good_db(&path)?;
    // The tests run as root, for whom permission bits do not stop a write: make the file
    // immutable instead, which stops root too.
    let status = Command::new("chattr").arg("+i").arg(&path).status()?;
    assert!(
        status.success(),
        "chattr +i must work on the test's file system"
    );
    let result = refused(&path, "sola lettura");
    Command::new("chattr").arg("-i").arg(&path).status()?;
    result
}

#[test]
fn a_full_disk_loses_nothing_saved() -> R {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("piano.sqlite");
    let mut store = Store::open(&path)?;
    let id = store.load_demo()?;
    let plan = store.load(id)?;
    let (area, period) = (plan.areas[0].id, plan.periods[0].id);
    // SQLite's page limit stands in for a full disk: the same SQLITE_FULL error.
    let pages: i64 = store
        .conn()
        .pragma_query_value(None, "page_count", |r| r.get(0))?;
    store
        .conn()
        .pragma_update(None, "max_page_count", pages + 12)?;
    let text = "Testo lungo per riempire il disco. ".repeat(110);
    let mut full = None;
    let mut saved = 0;
    for i in 0..200 {
        let before = store.dump()?;
        let input = piano::ObjectiveInput {
            service: format!("S{i}"),
            kind: "S".into(),
            description: text.clone(),
            expected_result: text.clone(),
            indicator: text.clone(),
        };
        match store.add_objective(area, period, &input, "1") {
            Ok(_) => saved += 1,
            Err(e) => {
                assert_eq!(
                    store.dump()?,
                    before,
                    "the failed edit left nothing half-written"
                );
                full = Some(e.to_string());
                break;
            }
        }
    }
    let msg = full.ok_or("the disk never filled")?;
    assert!(
        msg.contains("disco è pieno") && msg.contains("non è stata salvata"),
        "{msg}"
    );
    drop(store);
    let store = Store::open(&path)?;
    assert!(saved > 0, "some edits fitted before the disk filled");
    assert_eq!(
        store.load(id)?.placements.len(),
        30 + saved,
        "every saved edit is still there"
    );
    Ok(())
}

#[test]
fn an_upgrade_copies_the_file_aside_first() -> R {
    use rusqlite_migration::{Migrations, M};
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("piano.sqlite");
    good_db(&path)?;
    let mut all = piano::db::migrations();
    // The release's schema, then one more migration: the upgrade to `next`.
    let current = all.len() as i64;
    let upgraded = current + 1;
    all.push(M::up(
        "ALTER TABLE plan ADD COLUMN note TEXT NOT NULL DEFAULT '';",
    ));
    let next = Migrations::new(all);
    let conn = piano::db::open_with(&path, &next, upgraded as usize)?;
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    assert_eq!(v, upgraded, "migrated");
    let aside = dir
        .path()
        .join(format!("piano.prima-della-versione-{upgraded}.sqlite"));
    let old = rusqlite::Connection::open(&aside)?;
    let v: i64 = old.pragma_query_value(None, "user_version", |r| r.get(0))?;
    assert_eq!(
        v, current,
        "the copy is the file as it was before the upgrade"
    );
    let rows: i64 = old.query_row("SELECT count(*) FROM placement", [], |r| r.get(0))?;
    assert_eq!(rows, 30);
    // And among the automatic copies, marked as the upgrade's.
    let copies = piano::db::copies::list(&path);
    let upgrade = copies
        .iter()
        .find(|c| c.reason == piano::db::copies::Reason::Upgrade)
        .ok_or("an automatic copy before the upgrade")?;
    assert!(upgrade.good && upgrade.plans == 1, "{upgrade:?}");
    let v: i64 = rusqlite::Connection::open(&upgrade.path)?.pragma_query_value(
        None,
        "user_version",
        |r| r.get(0),
    )?;
    assert_eq!(v, current);
    Ok(())
}
