//! Plans and their periods.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{now, Store};
use crate::db::db_error;
use piano_domain::error::{Error, Result};
use piano_domain::ids::PeriodId;
use piano_domain::model::name_key;
pub use piano_domain::model::{check_periods, NewPeriod};
use piano_domain::model::{period_label, Period, Plan, PlanInput};

/// One line of the plan list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSummary {
    /// The latest version's id: what the list opens.
    pub id: i64,
    pub version: i64,
    /// "Proposta – in preparazione", "Variazione n. 1 – approvata con delibera n. 45 del …".
    pub version_label: String,
    pub approved: bool,
    pub entity: String,
    pub title: String,
    pub first_year: i32,
    pub last_year: i32,
    pub areas: i64,
    pub objectives: i64,
    pub updated_at: String,
}

pub(super) fn get_plan(conn: &Connection, id: i64) -> Result<Plan> {
    conn.query_row(
        "SELECT id, entity, title, first_year, last_year, approval FROM plan WHERE id = ?1",
        [id],
        |r| {
            Ok(Plan {
                id: r.get(0)?,
                entity: r.get(1)?,
                title: r.get(2)?,
                first_year: r.get(3)?,
                last_year: r.get(4)?,
                approval: r.get(5)?,
            })
        },
    )
    .optional()
    .map_err(db_error)?
    .ok_or(Error::NotFound { what: "Piano", id })
}

pub(super) fn list_periods(conn: &Connection, plan_id: i64) -> Result<Vec<Period>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, plan_id, first_year, last_year, label FROM period
         WHERE plan_id = ?1 ORDER BY first_year, id",
        )
        .map_err(db_error)?;
    let rows = stmt
        .query_map([plan_id], |r| {
            Ok(Period {
                id: PeriodId::new(r.get(0)?),
                plan_id: r.get(1)?,
                first_year: r.get(2)?,
                last_year: r.get(3)?,
                label: r.get(4)?,
            })
        })
        .map_err(db_error)?;
    rows.collect::<rusqlite::Result<_>>().map_err(db_error)
}

fn check_title_free(conn: &Connection, input: &PlanInput, except: Option<i64>) -> Result<()> {
    // The versions of one plan share its title: only other plans count.
    let series = match except {
        Some(id) => Some(super::versions::series_of(conn, id)?),
        None => None,
    };
    let mut stmt = conn
        .prepare_cached("SELECT id, entity, title FROM plan WHERE series_id IS NOT ?1")
        .map_err(db_error)?;
    let taken = stmt
        .query_map([series], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .map_err(db_error)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(db_error)?
        .into_iter()
        .any(|(id, entity, title)| {
            Some(id) != except
                && name_key(&entity) == name_key(&input.entity)
                && name_key(&title) == name_key(&input.title)
        });
    if taken {
        return Err(Error::invalid(
            "title",
            format!(
                "Esiste già un piano «{}» per questo ente: scegli un altro titolo.",
                input.title
            ),
        ));
    }
    Ok(())
}

/// A title not yet used by this entity: `title`, else `title (2)`, `title (3)`…
pub(crate) fn free_title(conn: &Connection, entity: &str, title: &str) -> Result<String> {
    let mut candidate = title.to_string();
    for n in 2.. {
        let probe = PlanInput {
            entity: entity.to_string(),
            title: candidate.clone(),
            ..Default::default()
        };
        if check_title_free(conn, &probe, None).is_ok() {
            break;
        }
        candidate = format!("{title} ({n})");
    }
    Ok(candidate)
}

pub(crate) fn insert_plan(
    conn: &Connection,
    input: &PlanInput,
    periods: &[NewPeriod],
) -> Result<i64> {
    let now = now();
    conn.execute(
        "INSERT INTO plan (entity, title, first_year, last_year, approval, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            input.entity,
            input.title,
            input.first_year,
            input.last_year,
            input.approval,
            now
        ],
    )
    .map_err(db_error)?;
    let plan_id = conn.last_insert_rowid();
    for p in periods {
        insert_period(conn, plan_id, *p)?;
    }
    Ok(plan_id)
}

pub(crate) fn insert_period(conn: &Connection, plan_id: i64, p: NewPeriod) -> Result<PeriodId> {
    conn.execute(
        "INSERT INTO period (plan_id, first_year, last_year, label) VALUES (?1, ?2, ?3, ?4)",
        params![
            plan_id,
            p.first_year,
            p.last_year,
            period_label(p.first_year, p.last_year)
        ],
    )
    .map_err(db_error)?;
    Ok(PeriodId::new(conn.last_insert_rowid()))
}

impl Store {
    pub fn list_plans(&self) -> Result<Vec<PlanSummary>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.entity, p.title, p.first_year, p.last_year,
                    (SELECT count(*) FROM area a WHERE a.plan_id = p.id),
                    (SELECT count(*) FROM objective o WHERE o.plan_id = p.id),
                    p.updated_at, p.version
             FROM plan p
             WHERE p.version = (SELECT max(q.version) FROM plan q WHERE q.series_id = p.series_id)
             ORDER BY p.first_year DESC, p.title, p.id",
            )
            .map_err(db_error)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(PlanSummary {
                    id: r.get(0)?,
                    entity: r.get(1)?,
                    title: r.get(2)?,
                    first_year: r.get(3)?,
                    last_year: r.get(4)?,
                    areas: r.get(5)?,
                    objectives: r.get(6)?,
                    updated_at: r.get(7)?,
                    version: r.get(8)?,
                    version_label: String::new(),
                    approved: false,
                })
            })
            .map_err(db_error)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(db_error)?;
        rows.into_iter()
            .map(|mut p| {
                let info = super::versions::version_info(&self.conn, p.id)?;
                p.version_label = info.label;
                p.approved = info.act.is_some();
                Ok(p)
            })
            .collect()
    }

    pub fn get_plan(&self, id: i64) -> Result<Plan> {
        get_plan(&self.conn, id)
    }

    pub fn list_periods(&self, plan_id: i64) -> Result<Vec<Period>> {
        get_plan(&self.conn, plan_id)?;
        list_periods(&self.conn, plan_id)
    }

    /// Creates a plan with its periods; with none given, one period per year.
    pub fn create_plan(&mut self, input: &PlanInput, periods: &[NewPeriod]) -> Result<i64> {
        let input = input.validate()?;
        let periods: Vec<NewPeriod> = if periods.is_empty() {
            (input.first_year..=input.last_year)
                .map(|y| NewPeriod {
                    first_year: y,
                    last_year: y,
                })
                .collect()
        } else {
            periods.to_vec()
        };
        check_periods(input.first_year, input.last_year, &periods)?;
        self.tx(|tx| {
            check_title_free(tx, &input, None)?;
            insert_plan(tx, &input, &periods)
        })
    }

    /// Changes a plan's entity, title, caption or years; periods must still fit.
    pub fn update_plan(&mut self, id: i64, input: &PlanInput) -> Result<()> {
        let input = input.validate()?;
        self.tx(|tx| {
            get_plan(tx, id)?;
            check_title_free(tx, &input, Some(id))?;
            let periods: Vec<NewPeriod> = list_periods(tx, id)?
                .iter()
                .map(|p| NewPeriod {
                    first_year: p.first_year,
                    last_year: p.last_year,
                })
                .collect();
            check_periods(input.first_year, input.last_year, &periods)?;
            tx.execute(
                "UPDATE plan SET entity = ?2, title = ?3, first_year = ?4, last_year = ?5,
                        approval = ?6, updated_at = ?7 WHERE id = ?1",
                params![
                    id,
                    input.entity,
                    input.title,
                    input.first_year,
                    input.last_year,
                    input.approval,
                    now()
                ],
            )
            .map_err(db_error)?;
            Ok(())
        })
    }

    /// Deletes a plan with all its versions; a plan with an approved version is an act of
    /// the Giunta and stays.
    pub fn delete_plan(&mut self, id: i64) -> Result<()> {
        self.tx(|tx| {
            get_plan(tx, id)?;
            let series = super::versions::series_of(tx, id)?;
            if super::versions::any_approved(tx, series)? {
                return Err(Error::invalid(
                    "plan",
                    "Il piano ha versioni approvate con delibera e non si può eliminare. Se l'ultima approvazione è un errore, annullala prima («Annulla l'approvazione»).",
                ));
            }
            tx.execute("DELETE FROM plan WHERE series_id = ?1", [series]).map_err(db_error)?;
            Ok(())
        })
    }

    /// Adds a period to a plan; it must fit the plan's years and overlap no other period.
    pub fn add_period(&mut self, plan_id: i64, period: NewPeriod) -> Result<PeriodId> {
        self.tx(|tx| {
            let plan = get_plan(tx, plan_id)?;
            let mut all: Vec<NewPeriod> = list_periods(tx, plan_id)?
                .iter()
                .map(|p| NewPeriod {
                    first_year: p.first_year,
                    last_year: p.last_year,
                })
                .collect();
            all.push(period);
            check_periods(plan.first_year, plan.last_year, &all)?;
            let id = insert_period(tx, plan_id, period)?;
            super::touch(tx, plan_id)?;
            Ok(id)
        })
    }

    /// Removes a period and every objective placed in it.
    pub fn delete_period(&mut self, period_id: PeriodId) -> Result<()> {
        self.tx(|tx| {
            let plan_id = super::period_plan(tx, period_id)?;
            tx.execute("DELETE FROM period WHERE id = ?1", [period_id.get()])
                .map_err(db_error)?;
            super::objectives::delete_orphans(tx, plan_id)?;
            super::touch(tx, plan_id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(a: i32, b: i32) -> NewPeriod {
        NewPeriod {
            first_year: a,
            last_year: b,
        }
    }

    #[test]
    fn periods_must_fit_and_not_overlap() {
        assert!(check_periods(2020, 2022, &[p(2020, 2020), p(2021, 2022)]).is_ok());
        let overlap = check_periods(2020, 2022, &[p(2020, 2021), p(2021, 2022)]).unwrap_err();
        assert!(
            overlap.to_string().contains("si sovrappongono"),
            "{overlap}"
        );
        let outside = check_periods(2020, 2022, &[p(2022, 2023)]).unwrap_err();
        assert!(outside.to_string().contains("esce dagli anni"), "{outside}");
        assert!(check_periods(2020, 2022, &[p(2022, 2021)]).is_err());
    }
}
