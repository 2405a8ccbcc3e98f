//! Floor 2: the SQLite file. Where it lives, how a connection is set up, the schema's
//! migrations, the one way to write several rows at once, and whole-file copies. Knows
//! tables only as SQL; never reads a plan.

pub mod backup;
pub mod copies;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use piano_domain::error::{DbFailure, Error, Result};

/// SQLite's error as the core's: the freeze triggers' refusals by name, any other failure
/// sorted by what the officer can do about it. Every `?` on a rusqlite call goes through it.
pub fn db_error(e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    // The freeze triggers of migrations 002, 004 and 008 abort with these messages.
    if let rusqlite::Error::SqliteFailure(_, Some(msg)) = &e {
        if msg.contains("piano approvato") {
            return Error::Frozen;
        }
        if msg.contains("relazione approvata") {
            return Error::FrozenResults;
        }
        if msg.contains("valutazione convalidata") {
            return Error::FrozenEvaluation;
        }
    }
    let kind = match &e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            C::NotADatabase => DbFailure::NotADatabase,
            C::DatabaseCorrupt => DbFailure::Corrupt,
            C::DiskFull => DbFailure::DiskFull,
            C::ReadOnly => DbFailure::ReadOnly,
            C::DatabaseBusy | C::DatabaseLocked => DbFailure::Busy,
            C::CannotOpen | C::PermissionDenied => DbFailure::CannotOpen,
            C::SystemIoFailure => DbFailure::Io,
            _ => DbFailure::Other,
        },
        _ => DbFailure::Other,
    };
    Error::Db {
        kind,
        detail: e.to_string(),
    }
}

/// Every row a query answers, each read by `read`, gathered into any collection (a `Vec`, a
/// map, a set): the one place the store's reads go from SQLite's rows to the core's errors.
pub fn rows<T, C: FromIterator<T>>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    read: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<C> {
    let mut stmt = conn.prepare_cached(sql).map_err(db_error)?;
    let found = stmt.query_map(params, read).map_err(db_error)?;
    found.collect::<rusqlite::Result<C>>().map_err(db_error)
}

/// A failed migration, in the core's words.
pub fn migration(e: rusqlite_migration::Error) -> Error {
    Error::Migration(e.to_string())
}

/// The environment variable that chooses another database file.
pub const DB_ENV: &str = "PIANO_OBIETTIVI_DB";

/// The schema, one SQL file per version; shipped files are never edited, only added to.
const MIGRATION_SQL: [&str; 14] = [
    include_str!("migrations/001_init.sql"),
    include_str!("migrations/002_versions.sql"),
    include_str!("migrations/003_timeliness.sql"),
    include_str!("migrations/004_results.sql"),
    include_str!("migrations/005_settings.sql"),
    include_str!("migrations/006_indicators.sql"),
    include_str!("migrations/007_monitoring.sql"),
    include_str!("migrations/008_evaluation.sql"),
    include_str!("migrations/009_lawful_pay.sql"),
    include_str!("migrations/010_blank_texts.sql"),
    include_str!("migrations/011_conciliation.sql"),
    include_str!("migrations/012_individual_objectives.sql"),
    include_str!("migrations/013_dup.sql"),
    include_str!("migrations/014_cycle.sql"),
];

/// The migration whose hook removes the objective's CHECKs on blank texts (010).
const BLANK_TEXTS: usize = 9;

/// Every migration, in order (010 with its hook): also for tests that add one after them.
pub fn migrations() -> Vec<M<'static>> {
    MIGRATION_SQL
        .iter()
        .enumerate()
        .map(|(i, sql)| {
            if i == BLANK_TEXTS {
                M::up_with_hook(sql, relax_objective_checks)
            } else {
                M::up(sql)
            }
        })
        .collect()
}

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| Migrations::new(migrations()));

/// Migration 010: the objective's expected result and indicator may be blank. The CHECKs
/// written by 001 are removed from the table's definition in `sqlite_schema` (SQLite's own
/// procedure for removing a CHECK: writable_schema, then a new schema_version), in the
/// migration's transaction; the rows on disk do not change.
fn relax_objective_checks(
    tx: &rusqlite::Transaction,
) -> std::result::Result<(), rusqlite_migration::HookError> {
    let sql: String = tx.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'objective'",
        [],
        |r| r.get(0),
    )?;
    let relaxed = sql
        .replace(" CHECK (expected_result <> '')", "")
        .replace(" CHECK (indicator <> '')", "");
    if relaxed == sql {
        return Ok(());
    }
    let version: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    tx.execute(
        "UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = 'objective'",
        [&relaxed],
    )?;
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    Ok(())
}

/// The schema version this build writes; a file with a higher one comes from a newer app.
pub fn schema_version() -> usize {
    MIGRATION_SQL.len()
}

/// The database file to use: `--db`, else `PIANO_OBIETTIVI_DB`, else the per-user data folder.
pub fn default_path(explicit: Option<PathBuf>) -> PathBuf {
    if let Some(p) = explicit {
        return p;
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("piano-obiettivi")
        .join("piano-obiettivi.sqlite")
}

/// Opens (creating when missing) and migrates the database at `path`. A file that is not
/// ours, damaged, read-only or from a newer version is refused before anything is written to
/// it; before a migration the file is copied aside, and into the automatic copies.
pub fn open(path: &Path) -> Result<Connection> {
    open_with(path, &MIGRATIONS, schema_version())
}

/// `open` with a given set of migrations (`target` of them): tests use it to check the
/// backup taken before an upgrade.
pub fn open_with(path: &Path, migrations: &Migrations<'_>, target: usize) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::File {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let existed = std::fs::metadata(path)
        .map(|m| m.len() > 0)
        .unwrap_or(false);
    if existed {
        inspect(path).map_err(damaged)?;
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(db_error)?;
    if conn.is_readonly(rusqlite::MAIN_DB).map_err(db_error)? {
        return Err(Error::invalid(
            "db",
            format!(
                "Il file {} è in sola lettura: Piano Obiettivi non potrebbe salvare le modifiche. Copialo in una cartella dove puoi scrivere, oppure togli la protezione da scrittura.",
                path.display()
            ),
        ));
    }
    configure(&conn)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(db_error)?;
    if existed && version > 0 && (version as usize) < target {
        let aside = path.with_extension(format!("prima-della-versione-{target}.sqlite"));
        backup::vacuum_into(&conn, &aside)?;
        copies::make(
            &conn,
            path,
            copies::Reason::Upgrade,
            chrono::Local::now().naive_local(),
        )?;
    }
    migrations.to_latest(&mut conn).map_err(migration)?;
    Ok(conn)
}

/// Looks at an existing file through a read-only connection: nothing is written to it.
fn inspect(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(db_error)?;
    check_foreign(&conn)?;
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(db_error)?;
    if check != "ok" {
        return Err(Error::Damaged(
            "Il database è danneggiato: ripristina una copia di sicurezza (menu «File» o «piano restore FILE»). Il file non è stato modificato.".into(),
        ));
    }
    Ok(())
}

/// SQLite's "not a database" and "corrupt", met while inspecting a file, are a damaged file.
fn damaged(e: Error) -> Error {
    match &e {
        Error::Db {
            kind: DbFailure::NotADatabase | DbFailure::Corrupt,
            ..
        } => Error::Damaged(e.to_string()),
        _ => e,
    }
}

/// A fresh in-memory database, migrated: for tests and benchmarks.
pub fn open_in_memory() -> Result<Connection> {
    prepare(Connection::open_in_memory().map_err(db_error)?)
}

fn prepare(mut conn: Connection) -> Result<Connection> {
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Brings a connection's schema to this build's version.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    MIGRATIONS.to_latest(conn).map_err(migration)?;
    Ok(())
}

/// Every connection's settings, in one place: integrity first, then concurrency.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(db_error)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(db_error)?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(db_error)?;
    // FULL: an edit acknowledged to the officer survives a power cut, not only a crash.
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(db_error)?;
    Ok(())
}

/// Refuses a file that another program made: it has tables but not ours.
fn check_foreign(conn: &Connection) -> Result<()> {
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(db_error)?;
    if version as usize > schema_version() {
        return Err(Error::invalid(
            "db",
            format!(
                "Questo file è stato scritto da una versione più recente di Piano Obiettivi (schema {version}, questa versione arriva a {}). Aggiorna il programma per aprirlo.",
                schema_version()
            ),
        ));
    }
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .map_err(db_error)?
        .query_map([], |r| r.get(0))
        .map_err(db_error)?
        .collect::<rusqlite::Result<_>>()
        .map_err(db_error)?;
    if (version == 0 && !tables.is_empty()) || (version > 0 && !tables.iter().any(|t| t == "plan"))
    {
        return Err(Error::invalid(
            "db",
            "Questo file è un database di un altro programma, non di Piano Obiettivi: scegli un altro file.",
        ));
    }
    Ok(())
}

/// Runs `f` in one IMMEDIATE transaction: committed when it returns `Ok`, rolled back otherwise,
/// so a multi-row change is never half-written.
pub fn with_tx<T>(
    conn: &mut Connection,
    f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
) -> Result<T> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(db_error)?;
    let value = f(&tx)?;
    tx.commit().map_err(db_error)?;
    Ok(value)
}

/// Every row of every table as text, in a stable order: tests compare it before and after a
/// refused change to prove nothing was written.
pub fn dump(conn: &Connection) -> Result<String> {
    let mut out = String::new();
    for table in [
        "plan",
        "period",
        "area",
        "objective",
        "placement",
        "score_band",
        "prerequisite",
        "result",
        "relazione",
        "indicator",
        "indicator_target",
        "result_value",
        "late_rule",
        "monitor_date",
        "monitor_entry",
        "monitor_value",
        "monitor_rule",
        "evaluation_rule",
        "evaluation_item",
        "evaluation_band",
        "scheda",
        "scheda_score",
        "evaluation_validation",
        "payment_delay",
        "scheda_interim",
        "relazione_validation",
        "scheda_review_score",
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .map_err(db_error)?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).map_err(db_error)?;
        while let Some(row) = rows.next().map_err(db_error)? {
            out.push_str(table);
            for i in 0..columns {
                let v: rusqlite::types::Value = row.get(i).map_err(db_error)?;
                out.push_str(&format!("|{v:?}"));
            }
            out.push('\n');
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS
            .validate()
            .expect("migrations must apply to an empty database");
    }

    #[test]
    fn foreign_keys_are_on() -> Result<()> {
        let conn = open_in_memory()?;
        let on: i64 = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .map_err(db_error)?;
        assert_eq!(on, 1, "foreign keys must be enforced on every connection");
        Ok(())
    }

    #[test]
    fn a_foreign_sqlite_file_is_refused() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("other.sqlite");
        Connection::open(&path)
            .map_err(db_error)?
            .execute_batch("CREATE TABLE contacts(name TEXT);")
            .map_err(db_error)?;
        let err = open(&path).expect_err("another program's database must be refused");
        assert!(err.to_string().contains("altro programma"), "{err}");
        Ok(())
    }

    #[test]
    fn a_newer_schema_is_refused() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("newer.sqlite");
        drop(open(&path)?);
        Connection::open(&path)
            .map_err(db_error)?
            .pragma_update(None, "user_version", 99)
            .map_err(db_error)?;
        let err = open(&path).expect_err("a newer schema must be refused");
        assert!(err.to_string().contains("più recente"), "{err}");
        Ok(())
    }
}
