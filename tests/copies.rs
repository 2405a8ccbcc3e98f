//! Automatic copies (issue 23): a verified copy at the first open of the day and before each
//! approval, the rotation worked out by hand on 60 days of use with the date injected, a
//! second place that disappears and comes back, a truncated database recovered from its
//! copy, and a damaged copy never offered.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use common::{piano, R};
use piano::db::copies::{self, Reason};
use piano::prelude::*;
use piano_testkit::act;

fn at(day: &str, time: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("{day} {time}"), "%Y-%m-%d %H:%M").expect("a date")
}

fn names(dir: &Path) -> R<Vec<String>> {
    let mut out: Vec<String> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    out.sort();
    Ok(out)
}

/// The demo with its one weight problem fixed, approved.
fn approved_demo(store: &mut Store) -> R<i64> {
    let id = store.load_demo()?;
    let row = common::social_services_first_row(store, id)?;
    store.set_weight(row, "40")?;
    store.approve(id, &act("12", "15/02/2020"), true)?;
    Ok(id)
}

#[test]
fn the_first_open_makes_a_verified_copy_and_an_approval_one_more() -> R {
    let (dir, db) = common::db_file()?;
    let (code, out, err) = piano(&db, &["backups"])?;
    assert_eq!(code, 0, "{err}");
    let copies_dir = dir.path().join("copie");
    let first = names(&copies_dir)?;
    assert_eq!(first.len(), 1, "one copy after the first open: {first:?}");
    assert!(first[0].starts_with("piano.") && first[0].ends_with(".giornaliera.sqlite"));
    assert!(
        out.contains("copia del giorno"),
        "piano backups lists it: {out}"
    );
    copies::verify(&copies_dir.join(&first[0]))?;
    // A second open the same day makes no new copy.
    piano(&db, &["plans"])?;
    assert_eq!(names(&copies_dir)?, first);

    let mut store = Store::open(&db)?;
    approved_demo(&mut store)?;
    assert!(store.take_copy_failure().is_none());
    let all = copies::list(&db);
    assert_eq!(
        all.len(),
        3,
        "two more with the approval, before and after: {all:?}"
    );
    let of = |reason| {
        all.iter()
            .find(|c| c.reason == reason)
            .ok_or(format!("a copy {reason:?}"))
    };
    let before = of(Reason::Approval)?;
    assert!(before.good);
    assert_eq!(
        (before.plans, before.versions),
        (1, 1),
        "the copy holds the plan as it was just before the approval"
    );
    // And a verified copy made after it, with the act recorded (issue 33: a disk lost the
    // same afternoon must not lose the act).
    let after = of(Reason::Recorded)?;
    assert!(after.good);
    copies::verify(&after.path)?;
    let id = Store::open(&after.path)?.list_plans()?[0].id;
    assert!(Store::open(&after.path)?.version_info(id)?.approved());
    assert!(!Store::open(&before.path)?.version_info(id)?.approved());
    // The rotation keeps it for good, like a copy before an approval: an old one stays
    // where an old daily copy goes, behind 60 days of daily copies.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).ok_or("date")?;
    let old = |reason| {
        let mut all = vec![(at("2025-01-10", "17:00"), reason)];
        for d in 0..60u64 {
            all.push((
                at("2026-10-01", "09:00") + chrono::Days::new(d),
                Reason::Daily,
            ));
        }
        copies::keep(&all, today)[0]
    };
    assert!(old(Reason::Recorded));
    assert!(old(Reason::Approval));
    assert!(!old(Reason::Daily));
    let (_, out, _) = piano(&db, &["backups"])?;
    assert!(out.contains("prima di un'approvazione"), "{out}");
    assert!(out.contains("dopo la registrazione di un atto"), "{out}");
    Ok(())
}

/// 60 days of use, from Tuesday 1 September to Friday 30 October 2026: the app is opened
/// every morning and again in the afternoon, and two approvals are made. What remains is
/// worked out by hand from the rule.
#[test]
fn sixty_days_of_use_leave_exactly_the_copies_the_rule_keeps() -> R {
    let (dir, db) = common::db_file()?;
    let mut store = Store::open(&db)?;
    store.load_demo()?;
    let start = at("2026-09-01", "09:00");
    for day in 0..60 {
        let morning = start + chrono::Days::new(day);
        copies::daily(store.conn(), &db, morning)?;
        let afternoon = morning + chrono::Duration::hours(6);
        assert!(
            copies::daily(store.conn(), &db, afternoon)?.is_none(),
            "one daily copy a day"
        );
        let date = morning.format("%Y-%m-%d").to_string();
        if date == "2026-09-03" || date == "2026-10-14" {
            let eleven = morning + chrono::Duration::hours(2);
            copies::make(store.conn(), &db, Reason::Approval, eleven)?;
        }
    }
    let kept = names(&dir.path().join("copie"))?;
    let mut expected: Vec<String> = [
        // Before the two approvals: always.
        "2026-09-03_11-00-00.approvazione",
        "2026-10-14_11-00-00.approvazione",
        // The last copy of each of the last 8 calendar weeks (Monday to Sunday): the week of
        // 7 September is the eighth back from the week of 26 October; 31 August's is not.
        "2026-09-13_09-00-00.giornaliera",
        "2026-09-20_09-00-00.giornaliera",
        "2026-09-27_09-00-00.giornaliera",
        "2026-10-04_09-00-00.giornaliera",
        "2026-10-11_09-00-00.giornaliera",
        "2026-10-18_09-00-00.giornaliera",
        // The last of each of the last 10 days (25 October closes its week too).
        "2026-10-21_09-00-00.giornaliera",
        "2026-10-22_09-00-00.giornaliera",
        "2026-10-23_09-00-00.giornaliera",
        "2026-10-24_09-00-00.giornaliera",
        "2026-10-25_09-00-00.giornaliera",
        "2026-10-26_09-00-00.giornaliera",
        "2026-10-27_09-00-00.giornaliera",
        "2026-10-28_09-00-00.giornaliera",
        "2026-10-29_09-00-00.giornaliera",
        "2026-10-30_09-00-00.giornaliera",
    ]
    .iter()
    .map(|n| format!("piano.{n}.sqlite"))
    .collect();
    expected.sort();
    assert_eq!(kept, expected);
    // A file of the officer's own in the folder is never touched.
    std::fs::write(dir.path().join("copie/appunti.txt"), "mie note")?;
    copies::daily(store.conn(), &db, at("2026-10-31", "09:00"))?;
    assert!(dir.path().join("copie/appunti.txt").exists());
    Ok(())
}

#[test]
fn a_second_place_that_disappears_and_comes_back() -> R {
    let (dir, db) = common::db_file()?;
    let usb = dir.path().join("chiavetta");
    std::fs::create_dir(&usb)?;
    let store = Store::open(&db)?;
    copies::set_second_place(store.conn(), Some(&usb))?;
    let first = copies::make(store.conn(), &db, Reason::Daily, at("2026-11-02", "09:00"))?;
    let there = first.second.clone().ok_or("a second place is set")??;
    assert_eq!(there, usb.join(&first.copy.name));
    copies::verify(&there)?;

    // The key is pulled out: the copy stays local, the caller is told why, nothing stops.
    let away = dir.path().join("chiavetta-altrove");
    std::fs::rename(&usb, &away)?;
    let second = copies::make(store.conn(), &db, Reason::Daily, at("2026-11-03", "09:00"))?;
    let why = second
        .second
        .clone()
        .ok_or("told")?
        .expect_err("unreachable");
    assert!(
        why.contains("non è raggiungibile") && why.contains("chiavetta"),
        "{why}"
    );
    assert!(
        second.copy.path.exists() && second.copy.good,
        "the local copy is made"
    );

    // It comes back: the next copy goes there again.
    std::fs::rename(&away, &usb)?;
    let third = copies::make(store.conn(), &db, Reason::Daily, at("2026-11-04", "09:00"))?;
    assert!(matches!(third.second, Some(Ok(_))), "{:?}", third.second);
    assert_eq!(
        names(&usb)?,
        vec![first.copy.name.clone(), third.copy.name.clone()]
    );
    // A folder that does not exist cannot be chosen.
    let err = copies::set_second_place(store.conn(), Some(&dir.path().join("nessuna")))
        .expect_err("refused");
    assert!(err.to_string().contains("non è raggiungibile"), "{err}");
    Ok(())
}

/// Makes the database file `db` hold its WAL and end at half its size.
fn truncate_to_half(db: &Path) -> R {
    rusqlite::Connection::open(db)?.pragma_update(None, "journal_mode", "DELETE")?;
    let bytes = std::fs::read(db)?;
    std::fs::write(db, &bytes[..bytes.len() / 2])?;
    Ok(())
}

#[test]
fn a_truncated_database_is_recovered_from_its_copy_with_everything_in_it() -> R {
    let (dir, db) = common::db_file()?;
    let mut store = Store::open(&db)?;
    let id = approved_demo(&mut store)?;
    let year = store.year_results(id, 2020)?;
    let area = &year.areas[0];
    store.set_result(
        id,
        2020,
        area.area_id,
        area.rows[0].item,
        &piano::domain::results::ResultInput {
            value: "Fatto".into(),
            achievement: "100".into(),
            note: String::new(),
            values: Vec::new(),
        },
    )?;
    store.vary(id)?;
    let before = store.dump()?;
    let copy = copies::make(
        store.conn(),
        &db,
        Reason::Daily,
        chrono::Local::now().naive_local(),
    )?;
    drop(store);
    truncate_to_half(&db)?;
    let damaged = std::fs::read(&db)?;

    // The command line refuses it, names the copy and the command, exit 2.
    let (code, _, err) = piano(&db, &["plans"])?;
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("danneggiato"), "{err}");
    assert!(
        err.contains("L'ultima copia automatica buona è del")
            && err.contains(&copy.copy.made_text)
            && err.contains(&copy.copy.path.display().to_string()),
        "names the latest good copy: {err}"
    );
    let command = err
        .lines()
        .find_map(|l| l.strip_prefix("Per ripristinarla: "))
        .ok_or(format!("the command to type: {err}"))?;
    assert_eq!(
        command,
        format!(
            "piano --db {} restore {}",
            db.display(),
            copy.copy.path.display()
        )
    );
    assert_eq!(
        std::fs::read(&db)?,
        damaged,
        "the damaged file is left as it was"
    );

    // That command restores it; the damaged file is kept aside.
    let (code, out, err) = piano(&db, &["restore", &copy.copy.path.display().to_string()])?;
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Il file danneggiato non è stato cancellato"),
        "{out}"
    );
    let aside: Vec<PathBuf> = std::fs::read_dir(dir.path())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().contains(".danneggiato-"))
        .filter(|p| p.extension().is_some_and(|e| e == "sqlite"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(std::fs::read(&aside[0])?, damaged, "kept byte for byte");
    let store = Store::open(&db)?;
    assert_eq!(
        store.dump()?,
        before,
        "every plan, version and result is back"
    );
    assert_eq!(store.versions(id)?.len(), 2);
    Ok(())
}

#[test]
fn a_copy_that_fails_the_integrity_check_is_not_offered() -> R {
    let (_dir, db) = common::db_file()?;
    let mut store = Store::open(&db)?;
    store.load_demo()?;
    let good = copies::make(store.conn(), &db, Reason::Daily, at("2026-11-02", "09:00"))?;
    let bad = copies::make(store.conn(), &db, Reason::Daily, at("2026-11-03", "09:00"))?;
    drop(store);
    // The newer copy is damaged in the middle, after it was made.
    let mut bytes = std::fs::read(&bad.copy.path)?;
    let page = 4096;
    assert!(bytes.len() > 6 * page);
    for b in &mut bytes[3 * page + 50..5 * page] {
        *b = 0x5A;
    }
    std::fs::write(&bad.copy.path, &bytes)?;
    let list = copies::list(&db);
    assert_eq!(list.len(), 2);
    assert!(!list[0].good, "the damaged copy is marked: {:?}", list[0]);
    assert!(list[1].good);
    assert_eq!(
        copies::latest_good(&db).map(|c| c.path),
        Some(good.copy.path.clone()),
        "the older, good copy is the one offered"
    );
    truncate_to_half(&db)?;
    let (code, _, err) = piano(&db, &["plans"])?;
    assert_eq!(code, 2);
    assert!(
        err.contains(&good.copy.path.display().to_string())
            && !err.contains(&bad.copy.path.display().to_string()),
        "{err}"
    );
    let (_, out, _) = piano(&db, &["backups"])?;
    assert!(out.contains("DANNEGGIATA, non usarla"), "{out}");
    // Restoring the damaged copy is refused, and the database is left as it was.
    let damaged = std::fs::read(&db)?;
    let (code, _, err) = piano(&db, &["restore", "1"])?;
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("non è utilizzabile"), "{err}");
    assert_eq!(std::fs::read(&db)?, damaged);
    Ok(())
}
