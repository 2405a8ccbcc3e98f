//! Automatic copies of the database file (issue 23), so that a year of work is never in one
//! file only. A copy is written with SQLite's `VACUUM INTO` (a consistent snapshot, never
//! half a file) into `copie/` beside the database, at the first open of each day and before
//! every approval, withdrawal of an approval, restore and schema upgrade. A copy counts only
//! once it has passed `PRAGMA integrity_check` and its schema version has been read back.
//! Every copy is also written to a second place when one is set (a network share, a USB key,
//! a synchronised folder); when that cannot be reached the copy stays local and the caller
//! is told, never stopped.
//!
//! Which copies stay (`keep`): every copy made before an approval; of the others, every copy
//! of the last 10 days on which copies were made (one a day, plus the rare ones before a
//! withdrawal, a restore or an upgrade: a second restore must not take away the copy made
//! before the first), and the last copy of each of the last 8 calendar weeks (Monday to
//! Sunday, the current one included). Files in `copie/` that are not automatic copies are
//! never touched.
//!
//! Names carry the database's name, the date and time, and the reason:
//! `piano-obiettivi.2026-11-27_09-00-00.giornaliera.sqlite`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use super::backup::{check_backup, vacuum_into};
use crate::db::db_error;
use piano_domain::error::{Error, Result};

/// The folder beside the database that holds its automatic copies.
pub const FOLDER: &str = "copie";
/// How many days keep their last copy.
pub const DAYS: usize = 10;
/// How many calendar weeks keep their last copy.
pub const WEEKS: i64 = 8;
/// The setting that names the second place.
const SECOND_PLACE: &str = "copie.secondo_posto";
const STAMP: &str = "%Y-%m-%d_%H-%M-%S";

/// Why a copy was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Daily,
    Approval,
    Withdrawal,
    Restore,
    Upgrade,
    /// After an act was recorded (an approval, the Relazione's, the evaluation's validation):
    /// a disk lost the same afternoon must not lose the act's record (issue 33).
    Recorded,
}

impl Reason {
    const ALL: [Reason; 6] = [
        Reason::Daily,
        Reason::Approval,
        Reason::Withdrawal,
        Reason::Restore,
        Reason::Upgrade,
        Reason::Recorded,
    ];

    /// The word in the file name.
    pub fn slug(self) -> &'static str {
        match self {
            Reason::Daily => "giornaliera",
            Reason::Approval => "approvazione",
            Reason::Withdrawal => "annullamento",
            Reason::Restore => "ripristino",
            Reason::Upgrade => "aggiornamento",
            Reason::Recorded => "atto",
        }
    }

    /// What the officer reads in the list.
    pub fn italian(self) -> &'static str {
        match self {
            Reason::Daily => "copia del giorno",
            Reason::Approval => "prima di un'approvazione",
            Reason::Withdrawal => "prima di annullare un'approvazione",
            Reason::Restore => "prima di un ripristino",
            Reason::Upgrade => "prima dell'aggiornamento del programma",
            Reason::Recorded => "dopo la registrazione di un atto",
        }
    }

    fn from_slug(s: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.slug() == s)
    }
}

/// One automatic copy, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CopyInfo {
    pub path: PathBuf,
    pub name: String,
    /// ISO date and time, e.g. 2026-11-27T09:00:00.
    #[serde(serialize_with = "iso")]
    pub made: NaiveDateTime,
    /// 27/11/2026 09:00
    pub made_text: String,
    pub reason: Reason,
    pub reason_text: String,
    pub size: u64,
    /// Passed the integrity check and is a database this version can read.
    pub good: bool,
    /// Why it is not usable, when it is not.
    pub problem: Option<String>,
    /// Plans (series) and versions inside.
    pub plans: i64,
    pub versions: i64,
}

fn iso<S: serde::Serializer>(t: &NaiveDateTime, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&t.format("%Y-%m-%dT%H:%M:%S").to_string())
}

/// What making a copy did.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub copy: CopyInfo,
    /// The second place: where the copy went there, or why it could not (the local copy is
    /// made all the same). None when no second place is set.
    pub second: Option<std::result::Result<PathBuf, String>>,
    /// How many older copies the rotation removed.
    pub removed: usize,
}

/// `copie/` beside the database file.
pub fn folder(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(FOLDER)
}

fn stem(db_path: &Path) -> String {
    db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "piano-obiettivi".into())
}

/// The date, time and reason of an automatic copy of `stem`, read from its file name.
pub fn parse_name(stem: &str, name: &str) -> Option<(NaiveDateTime, Reason)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('.')?;
    let rest = rest.strip_suffix(".sqlite")?;
    let (stamp, reason) = rest.split_once('.')?;
    // A second copy in the same second carries "-2", "-3" after the reason.
    let reason = reason.split('-').next()?;
    let made = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    Some((made, Reason::from_slug(reason)?))
}

fn file_name(stem: &str, made: NaiveDateTime, reason: Reason, n: usize) -> String {
    let suffix = if n > 1 {
        format!("-{n}")
    } else {
        String::new()
    };
    format!(
        "{stem}.{}.{}{suffix}.sqlite",
        made.format(STAMP),
        reason.slug()
    )
}

/// Checks a copy: the whole file passes `PRAGMA integrity_check`, and it is a Piano
/// Obiettivi database this version can read. Answers the plans (series) and versions inside.
pub fn verify(path: &Path) -> Result<(i64, i64)> {
    let bad = |why: &str| {
        Error::invalid(
            "copy",
            format!("La copia {} non è utilizzabile: {why}", path.display()),
        )
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| bad("non si apre."))?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| bad("non è un database o è danneggiata."))?;
    if check != "ok" {
        return Err(bad("è danneggiata."));
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|_| bad("non se ne legge la versione."))?;
    if version < 1 || version as usize > super::schema_version() {
        return Err(bad("non è di questa versione del programma."));
    }
    // Schema 1 (release 0.2.0) had no versions: each plan is its own series.
    conn.query_row(
        "SELECT count(DISTINCT series_id), count(*) FROM plan",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .or_else(|_| {
        conn.query_row("SELECT count(*), count(*) FROM plan", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    })
    .map_err(|_| bad("non contiene i piani."))
}

fn info(path: &Path, made: NaiveDateTime, reason: Reason) -> CopyInfo {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let checked = verify(path);
    let (plans, versions) = checked.as_ref().map_or((0, 0), |c| *c);
    CopyInfo {
        path: path.to_path_buf(),
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        made,
        made_text: made.format("%d/%m/%Y %H:%M").to_string(),
        reason,
        reason_text: reason.italian().to_string(),
        size,
        good: checked.is_ok(),
        problem: checked.err().map(|e| e.to_string()),
        plans,
        versions,
    }
}

/// The automatic copies of `stem` in `dir` (not verified), newest first.
fn scan(dir: &Path, stem: &str) -> Vec<(PathBuf, NaiveDateTime, Reason)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<_> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (made, reason) = parse_name(stem, &name)?;
            // Two copies in the same second: the one written last is the newer.
            let written = e.metadata().and_then(|m| m.modified()).ok();
            Some((e.path(), made, reason, written))
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.3.cmp(&a.3)));
    out.into_iter().map(|(p, m, r, _)| (p, m, r)).collect()
}

/// The newest automatic copy, checked (the others are not read).
pub fn newest(db_path: &Path) -> Option<CopyInfo> {
    scan(&folder(db_path), &stem(db_path))
        .into_iter()
        .next()
        .map(|(path, made, reason)| info(&path, made, reason))
}

/// Every automatic copy of the database, newest first, each checked.
pub fn list(db_path: &Path) -> Vec<CopyInfo> {
    scan(&folder(db_path), &stem(db_path))
        .into_iter()
        .map(|(path, made, reason)| info(&path, made, reason))
        .collect()
}

/// The newest copy that passes the check: what a damaged database is recovered from. Looks
/// in `copie/` and then in the second place that the newest good local copy names.
pub fn latest_good(db_path: &Path) -> Option<CopyInfo> {
    let stem = stem(db_path);
    let local = scan(&folder(db_path), &stem);
    let mut candidates = local.clone();
    let second = local
        .iter()
        .find(|(p, _, _)| verify(p).is_ok())
        .and_then(|(p, _, _)| {
            let conn = Connection::open_with_flags(p, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
            second_place(&conn)
        });
    if let Some(dir) = second {
        candidates.extend(scan(&dir, &stem));
    }
    candidates.sort_by_key(|c| std::cmp::Reverse(c.1));
    candidates
        .into_iter()
        .map(|(path, made, reason)| info(&path, made, reason))
        .find(|c| c.good)
}

/// The rotation rule, on the copies' dates and reasons (any order): which to keep. Every
/// copy made before an approval or after an act was recorded; of the others, every copy of the last `DAYS` days that
/// have copies, and the last of each of the last `WEEKS` calendar weeks up to `today`.
pub fn keep(copies: &[(NaiveDateTime, Reason)], today: NaiveDate) -> Vec<bool> {
    let mut order: Vec<usize> = (0..copies.len()).collect();
    // Newest first; the first seen of a day or a week is its last copy.
    // (A stable sort: copies made in the same second keep the caller's order, newest first.)
    order.sort_by(|&a, &b| copies[b].0.cmp(&copies[a].0));
    let monday =
        |d: NaiveDate| d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday()));
    let oldest_week = monday(today) - chrono::Days::new(7 * (WEEKS as u64 - 1));
    let mut keep = vec![false; copies.len()];
    let mut days: Vec<NaiveDate> = Vec::new();
    let mut weeks: HashSet<NaiveDate> = HashSet::new();
    for i in order {
        let (made, reason) = copies[i];
        if matches!(reason, Reason::Approval | Reason::Recorded) {
            keep[i] = true;
            continue;
        }
        let day = made.date();
        if !days.contains(&day) && days.len() < DAYS {
            days.push(day);
        }
        if days.contains(&day) {
            keep[i] = true;
        }
        let week = monday(day);
        if week >= oldest_week && week <= today && weeks.insert(week) {
            keep[i] = true;
        }
    }
    keep
}

/// Removes the copies of `stem` in `dir` that the rule does not keep. Answers how many.
pub fn rotate(dir: &Path, stem: &str, today: NaiveDate) -> usize {
    let copies = scan(dir, stem);
    let dates: Vec<(NaiveDateTime, Reason)> = copies.iter().map(|c| (c.1, c.2)).collect();
    let mut removed = 0;
    for (c, keep) in copies.iter().zip(keep(&dates, today)) {
        if !keep && std::fs::remove_file(&c.0).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The second place set for this database, if any.
pub fn second_place(conn: &Connection) -> Option<PathBuf> {
    conn.query_row(
        "SELECT value FROM setting WHERE key = ?1",
        [SECOND_PLACE],
        |r| r.get::<_, String>(0),
    )
    .optional()
    .ok()
    .flatten()
    .filter(|v| !v.trim().is_empty())
    .map(PathBuf::from)
}

/// Sets (or, with `None`, removes) the second place. The folder must exist and be writable
/// now; later, when it cannot be reached, copies stay local and the caller is told.
pub fn set_second_place(conn: &Connection, dir: Option<&Path>) -> Result<()> {
    match dir {
        None => {
            conn.execute("DELETE FROM setting WHERE key = ?1", [SECOND_PLACE])
                .map_err(db_error)?;
        }
        Some(dir) => {
            reachable(dir).map_err(|why| Error::invalid("folder", why))?;
            let text = dir.to_str().ok_or_else(|| {
                Error::invalid(
                    "folder",
                    "Il percorso della cartella contiene caratteri non supportati.",
                )
            })?;
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [SECOND_PLACE, text],
            )
            .map_err(db_error)?;
        }
    }
    Ok(())
}

/// Whether a folder can take a copy now; the reason in Italian when it cannot.
fn reachable(dir: &Path) -> std::result::Result<(), String> {
    if !dir.is_dir() {
        return Err(format!(
            "La cartella {} non è raggiungibile (chiavetta scollegata, rete assente o cartella inesistente).",
            dir.display()
        ));
    }
    let probe = dir.join(format!(".piano-obiettivi-prova.{}", std::process::id()));
    std::fs::write(&probe, b"prova")
        .map_err(|e| format!("Nella cartella {} non si può scrivere: {e}.", dir.display()))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Makes a copy of the database behind `conn` (the file `db_path`) for `reason`, checks it,
/// rotates the old ones, and writes it to the second place too when one is set.
pub fn make(
    conn: &Connection,
    db_path: &Path,
    reason: Reason,
    now: NaiveDateTime,
) -> Result<Outcome> {
    let dir = folder(db_path);
    std::fs::create_dir_all(&dir).map_err(|source| Error::File {
        path: dir.clone(),
        source,
    })?;
    let stem = stem(db_path);
    let mut n = 1;
    let mut target = dir.join(file_name(&stem, now, reason, n));
    while target.exists() {
        n += 1;
        target = dir.join(file_name(&stem, now, reason, n));
    }
    vacuum_into(conn, &target)?;
    if let Err(e) = verify(&target) {
        let _ = std::fs::remove_file(&target);
        return Err(e);
    }
    let removed = rotate(&dir, &stem, now.date());
    let second = second_place(conn).map(|place| {
        let name = target.file_name().unwrap_or_default();
        copy_to(&target, &place.join(name))?;
        rotate(&place, &stem, now.date());
        Ok(place.join(name))
    });
    Ok(Outcome {
        copy: info(&target, now, reason),
        second,
        removed,
    })
}

/// Copies `from` to `to` through `tmp` (synced, then renamed over), so that `to` is never
/// half a file; `tmp` is removed when anything fails.
fn copy_through(from: &Path, tmp: &Path, to: &Path) -> std::io::Result<()> {
    let result = std::fs::copy(from, tmp)
        .and_then(|_| std::fs::File::open(tmp)?.sync_all())
        .and_then(|_| std::fs::rename(tmp, to));
    if result.is_err() {
        let _ = std::fs::remove_file(tmp);
    }
    result
}

/// Copies a checked copy to another folder, through a temporary file renamed over, and
/// checks it there.
fn copy_to(from: &Path, to: &Path) -> std::result::Result<(), String> {
    let dir = to.parent().unwrap_or(Path::new("."));
    reachable(dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp",
        to.file_name().unwrap_or_default().to_string_lossy()
    ));
    if let Err(e) = copy_through(from, &tmp, to) {
        return Err(format!(
            "La copia non si è potuta scrivere in {}: {e}.",
            dir.display()
        ));
    }
    verify(to).map(|_| ()).map_err(|e| {
        let _ = std::fs::remove_file(to);
        e.to_string()
    })
}

/// The copy of the day, if none was made today yet.
pub fn daily(conn: &Connection, db_path: &Path, now: NaiveDateTime) -> Result<Option<Outcome>> {
    let today = now.date();
    let done = scan(&folder(db_path), &stem(db_path))
        .iter()
        .any(|c| c.1.date() == today);
    if done {
        return Ok(None);
    }
    make(conn, db_path, Reason::Daily, now).map(Some)
}

/// Opens the database file read-only and makes the day's copy: for a caller that holds no
/// connection (the app, in the background).
pub fn daily_at(db_path: &Path, now: NaiveDateTime) -> Result<Option<Outcome>> {
    let conn = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(db_error)?;
    daily(&conn, db_path, now)
}

/// A copy before an operation that the rule keeps or that changes much (approval,
/// withdrawal, restore, upgrade), for a connection whose file is known. In-memory
/// databases have no file to copy.
pub fn before(conn: &Connection, reason: Reason, now: NaiveDateTime) -> Result<Option<Outcome>> {
    match conn.path().filter(|p| !p.is_empty()) {
        Some(path) => make(conn, Path::new(path), reason, now).map(Some),
        None => Ok(None),
    }
}

/// Puts a good copy in place of a database that cannot be opened. The damaged file (and its
/// journal files) is renamed aside, never overwritten: answers where it went.
pub fn recover(db_path: &Path, copy: &Path, now: NaiveDateTime) -> Result<Option<PathBuf>> {
    verify(copy)?;
    let mut aside = None;
    if db_path.exists() {
        let stamp = now.format(STAMP);
        let target = db_path.with_extension(format!("danneggiato-{stamp}.sqlite"));
        std::fs::rename(db_path, &target).map_err(|source| Error::File {
            path: db_path.to_path_buf(),
            source,
        })?;
        for journal in ["-wal", "-shm"] {
            let from = PathBuf::from(format!("{}{journal}", db_path.display()));
            if from.exists() {
                let to = PathBuf::from(format!("{}{journal}", target.display()));
                let _ = std::fs::rename(&from, &to);
            }
        }
        aside = Some(target);
    }
    let dir = db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(".recupero.{}.tmp", std::process::id()));
    if let Err(source) = copy_through(copy, &tmp, db_path) {
        return Err(Error::File {
            path: db_path.to_path_buf(),
            source,
        });
    }
    Ok(aside)
}

/// Replaces `conn`'s content with a checked backup's, after keeping a copy of the current
/// content beside the database file and among the automatic copies.
pub fn restore_into(conn: &mut Connection, source: &Path) -> Result<Option<Outcome>> {
    let src = check_backup(source)?;
    let copy = before(conn, Reason::Restore, chrono::Local::now().naive_local())?;
    if let Some(current) = conn
        .path()
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from)
    {
        let aside = current.with_extension("prima-del-ripristino.sqlite");
        vacuum_into(conn, &aside)?;
    }
    let backup = rusqlite::backup::Backup::new(&src, conn).map_err(db_error)?;
    backup
        .run_to_completion(256, std::time::Duration::from_millis(0), None)
        .map_err(db_error)?;
    drop(backup);
    super::migrate(conn)?;
    Ok(copy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: &str, time: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("{day} {time}"), "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn names_carry_date_time_and_reason() {
        let made = at("2026-11-27", "09:05");
        let name = file_name("piano-obiettivi", made, Reason::Approval, 1);
        assert_eq!(
            name,
            "piano-obiettivi.2026-11-27_09-05-00.approvazione.sqlite"
        );
        assert_eq!(
            parse_name("piano-obiettivi", &name),
            Some((made, Reason::Approval))
        );
        let second = file_name("piano-obiettivi", made, Reason::Daily, 2);
        assert_eq!(
            parse_name("piano-obiettivi", &second),
            Some((made, Reason::Daily))
        );
        assert_eq!(parse_name("piano-obiettivi", "appunti.txt"), None);
        assert_eq!(parse_name("altro", &name), None, "another database's copy");
    }

    #[test]
    fn the_copies_of_recent_days_stay_and_approvals_always() {
        let mut copies = vec![
            (at("2026-11-27", "08:00"), Reason::Daily),
            (at("2026-11-27", "10:00"), Reason::Restore),
            (at("2026-11-27", "11:00"), Reason::Restore),
            (at("2026-11-27", "09:00"), Reason::Approval),
            (at("2020-01-01", "09:00"), Reason::Approval),
        ];
        let today = at("2026-11-27", "12:00").date();
        assert_eq!(keep(&copies, today), [true, true, true, true, true]);
        // Ten more days of use: 27 November falls out of the last ten days, and the last
        // copy of its week is 29 November's: only the approvals of that day stay.
        for d in 1..=10 {
            copies.push((
                at("2026-11-27", "08:00") + chrono::Days::new(d),
                Reason::Daily,
            ));
        }
        let later = at("2026-12-07", "12:00").date();
        let kept = keep(&copies, later);
        assert_eq!(&kept[..5], [false, false, false, true, true]);
        assert!(kept[7], "29 November, the last of its week");
    }
}
