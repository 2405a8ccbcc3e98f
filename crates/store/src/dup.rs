//! The DUP's tree of a plan version (`dup_goal`, `dup_goal_area`) and the objectives' links
//! to its operational objectives (`objective.operational`).

use std::collections::HashMap;

use rusqlite::{params, Connection};

use super::{touch, Store};
use crate::db::{db_error, rows};
use piano_domain::dup::{Goal, Level};
use piano_domain::error::{Error, Result};
use piano_domain::ids::{AreaId, ObjectiveId};

/// The plan's tree, in the tree's order.
pub(crate) fn load(conn: &Connection, plan_id: i64) -> Result<Vec<Goal>> {
    let mut areas: HashMap<i64, Vec<AreaId>> = HashMap::new();
    let links: Vec<(i64, AreaId)> = rows(
        conn,
        "SELECT l.goal_id, l.area_id FROM dup_goal_area l JOIN dup_goal g ON g.id = l.goal_id
         WHERE g.plan_id = ?1 ORDER BY l.goal_id, l.position",
        [plan_id],
        |r| Ok((r.get(0)?, AreaId::new(r.get(1)?))),
    )?;
    for (goal, area) in links {
        areas.entry(goal).or_default().push(area);
    }
    rows(
        conn,
        "SELECT id, code, level, title, description, scope, parent, mission, programme
         FROM dup_goal WHERE plan_id = ?1 ORDER BY position, id",
        [plan_id],
        |r| {
            let id: i64 = r.get(0)?;
            let level: String = r.get(2)?;
            Ok(Goal {
                code: r.get(1)?,
                level: if level == "S" {
                    Level::Strategic
                } else {
                    Level::Operational
                },
                title: r.get(3)?,
                description: r.get(4)?,
                scope: r.get(5)?,
                parent: r.get(6)?,
                mission: r.get(7)?,
                programme: r.get(8)?,
                areas: areas.remove(&id).unwrap_or_default(),
            })
        },
    )
}

/// Writes a tree into a plan that has none, its areas' ids mapped by `area_ids` (a copy) or
/// kept (an import).
pub(crate) fn insert(
    conn: &Connection,
    plan_id: i64,
    goals: &[Goal],
    area_ids: Option<&super::AreaMap>,
) -> Result<()> {
    for (position, g) in goals.iter().enumerate() {
        conn.execute(
            "INSERT INTO dup_goal (plan_id, code, level, title, description, scope, parent,
                                   mission, programme, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                plan_id,
                g.code,
                if g.level == Level::Strategic {
                    "S"
                } else {
                    "O"
                },
                g.title,
                g.description,
                g.scope,
                g.parent,
                g.mission,
                g.programme,
                position as i64
            ],
        )
        .map_err(db_error)?;
        let id = conn.last_insert_rowid();
        for (position, area) in g.areas.iter().enumerate() {
            let area = area_ids.map_or(Some(*area), |m| m.get(area).copied());
            if let Some(area) = area {
                conn.execute(
                    "INSERT INTO dup_goal_area (goal_id, area_id, position) VALUES (?1, ?2, ?3)",
                    params![id, area.get(), position as i64],
                )
                .map_err(db_error)?;
            }
        }
    }
    Ok(())
}

pub(crate) fn set_link(
    conn: &Connection,
    objective_id: ObjectiveId,
    code: Option<&str>,
) -> Result<()> {
    conn.execute(
        "UPDATE objective SET operational = ?2 WHERE id = ?1",
        params![objective_id.get(), code],
    )
    .map_err(db_error)?;
    Ok(())
}

impl Store {
    /// Replaces a plan version's DUP tree with `goals` (checked by `domain::dup::from_rows`),
    /// in one transaction. Refused, with nothing changed, when an objective of the plan is
    /// linked to an operational objective the new tree no longer has: the officer relinks
    /// it first, or keeps the code.
    pub fn replace_dup(&mut self, plan_id: i64, goals: &[Goal]) -> Result<()> {
        self.tx(|tx| {
            let kept: Vec<&str> = goals
                .iter()
                .filter(|g| g.level == Level::Operational)
                .map(|g| g.code.as_str())
                .collect();
            let linked: Vec<(String, String)> = rows(
                tx,
                "SELECT operational, description FROM objective
                 WHERE plan_id = ?1 AND operational IS NOT NULL ORDER BY id",
                [plan_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let lost: Vec<String> = linked
                .iter()
                .filter(|(code, _)| !kept.contains(&code.as_str()))
                .map(|(code, d)| {
                    format!(
                        "«{}» (collegato a {code})",
                        piano_domain::text::shorten(d, 50)
                    )
                })
                .collect();
            if !lost.is_empty() {
                return Err(Error::SheetFormat(format!(
                    "Il nuovo DUP non ha più gli obiettivi operativi a cui sono collegati {} obiettivi del piano: {}. Nulla è stato importato: tieni quei codici nel foglio, oppure collega prima gli obiettivi a un altro obiettivo operativo.",
                    lost.len(),
                    lost.join("; ")
                )));
            }
            tx.execute("DELETE FROM dup_goal WHERE plan_id = ?1", [plan_id])
                .map_err(db_error)?;
            insert(tx, plan_id, goals, None)?;
            touch(tx, plan_id)
        })
    }

    /// Links objectives to an operational objective's code (None: unlinks), in one
    /// transaction. The code is checked above (`domain::dup::check_link`).
    pub fn set_operational(
        &mut self,
        plan_id: i64,
        links: &[(ObjectiveId, Option<String>)],
    ) -> Result<()> {
        self.tx(|tx| {
            for (objective, code) in links {
                set_link(tx, *objective, code.as_deref())?;
            }
            touch(tx, plan_id)
        })
    }
}
