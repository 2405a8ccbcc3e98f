//! Backup copies of the whole database (SQLite's `VACUUM INTO`), checking a copy and
//! restoring from one; atomic file writes.

use std::io::Write;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::db;
use crate::db::db_error;
use piano_domain::error::{Error, Result};

/// Writes `bytes` to `path` so that a crash leaves either the old file or the new one, never
/// half of it: a temporary file beside it, synced, then renamed over.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let file_err = |source| Error::File {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(file_err)
}

/// A consistent copy of a live database (SQLite's `VACUUM INTO`), written beside `target` and
/// renamed over it, so an existing backup is replaced only by a complete one.
pub fn vacuum_into(conn: &Connection, target: &Path) -> Result<()> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(".backup.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let path = tmp.to_str().ok_or_else(|| {
        Error::invalid(
            "path",
            "Il percorso della copia contiene caratteri non supportati.",
        )
    })?;
    if let Err(e) = conn.execute("VACUUM INTO ?1", [path]) {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::File {
            path: target.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        });
    }
    std::fs::rename(&tmp, target).map_err(|source| Error::File {
        path: target.to_path_buf(),
        source,
    })
}

/// Checks that a file is a sound Piano Obiettivi database this version can read.
pub fn check_backup(path: &Path) -> Result<Connection> {
    let bad = |why: &str| {
        Error::invalid(
            "file",
            format!(
                "{} non è una copia di sicurezza utilizzabile: {why}",
                path.display()
            ),
        )
    };
    if !path.is_file() {
        return Err(bad("il file non esiste."));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| bad("non è un database."))?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| bad("non è un database di Piano Obiettivi o è danneggiato."))?;
    if check != "ok" {
        return Err(bad("il file è danneggiato."));
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(db_error)?;
    let has_plans: bool = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'plan'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n == 1)
        .unwrap_or(false);
    if version == 0 || !has_plans {
        return Err(bad("è il database di un altro programma."));
    }
    if version as usize > db::schema_version() {
        return Err(bad(
            "è stato scritto da una versione più recente del programma: aggiornalo.",
        ));
    }
    Ok(conn)
}
