//! A plan's versions: the proposal, then its variations. Each version is a whole plan row
//! of one series; once the Giunta's act is recorded it is frozen (the triggers of migration
//! 002 refuse every change), and a variation starts as a copy of the latest approved one.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{now, Store};
use crate::error::{Error, Result};
use crate::model::{clean_text, PlanInput};
use crate::rules::Severity;

/// The act that approved a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Act {
    pub body: String,
    pub number: String,
    /// ISO date, e.g. 2020-02-15.
    pub date: String,
}

impl Act {
    /// 15/02/2020
    pub fn italian_date(&self) -> String {
        NaiveDate::parse_from_str(&self.date, "%Y-%m-%d")
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|_| self.date.clone())
    }

    /// The annex's caption: "Allegato alla deliberazione della Giunta dell'Unione n. 12 del 15/02/2020".
    pub fn caption(&self) -> String {
        format!(
            "Allegato alla deliberazione della {} n. {} del {}",
            self.body,
            self.number,
            self.italian_date()
        )
    }
}

/// What the officer types when recording the approval.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActInput {
    #[serde(default)]
    pub body: String,
    pub number: String,
    /// 2020-02-15 or 15/02/2020.
    pub date: String,
}

pub const DEFAULT_BODY: &str = "Giunta dell'Unione";

/// One version of a plan, as the plan list, the editor and `piano versions` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub plan_id: i64,
    pub series_id: i64,
    pub version: i64,
    pub latest: bool,
    pub act: Option<Act>,
    /// "Proposta – in preparazione", "Variazione n. 1 – in preparazione",
    /// "Versione approvata con delibera n. 45 del 12/07/2021".
    pub label: String,
}

impl VersionInfo {
    pub fn approved(&self) -> bool {
        self.act.is_some()
    }
}

fn label(version: i64, act: Option<&Act>) -> String {
    let name = if version == 1 {
        "Proposta".to_string()
    } else {
        format!("Variazione n. {}", version - 1)
    };
    match act {
        None => format!("{name} – in preparazione"),
        Some(a) => format!(
            "{name} – approvata con delibera n. {} del {}",
            a.number,
            a.italian_date()
        ),
    }
}

pub(super) fn series_of(conn: &Connection, plan_id: i64) -> Result<i64> {
    conn.query_row("SELECT series_id FROM plan WHERE id = ?1", [plan_id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or(Error::NotFound {
        what: "Piano",
        id: plan_id,
    })
}

pub(super) fn list_versions(conn: &Connection, series: i64) -> Result<Vec<VersionInfo>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, version, act_body, act_number, act_date FROM plan
         WHERE series_id = ?1 ORDER BY version",
    )?;
    let rows = stmt
        .query_map([series], |r| {
            let date: Option<String> = r.get(4)?;
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                date.map(|date| Act {
                    body: r.get(2).unwrap_or_default(),
                    number: r.get(3).unwrap_or_default(),
                    date,
                }),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let last = rows.len();
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(i, (id, version, act))| VersionInfo {
            plan_id: id,
            series_id: series,
            version,
            latest: i + 1 == last,
            label: label(version, act.as_ref()),
            act,
        })
        .collect())
}

pub(super) fn version_info(conn: &Connection, plan_id: i64) -> Result<VersionInfo> {
    let series = series_of(conn, plan_id)?;
    list_versions(conn, series)?
        .into_iter()
        .find(|v| v.plan_id == plan_id)
        .ok_or(Error::NotFound {
            what: "Piano",
            id: plan_id,
        })
}

/// An act date typed as 2020-02-15 or 15/02/2020.
fn parse_date(text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .map_err(|_| {
            Error::invalid(
                "act_date",
                format!("«{t}» non è una data: scrivila come 15/02/2020."),
            )
        })
}

/// The act as typed, checked: a number, the body (the Giunta by default), a date not in the
/// future. Plan approvals and Relazione approvals share it.
pub(super) fn checked_act(act: &ActInput) -> Result<(Act, NaiveDate)> {
    let number = clean_text("act_number", "Numero della delibera", &act.number, true)?;
    let body = clean_text("act_body", "Organo", &act.body, false)?;
    let body = if body.is_empty() {
        DEFAULT_BODY.to_string()
    } else {
        body
    };
    let date = parse_date(&act.date)?;
    let today = chrono::Local::now().date_naive();
    if date > today {
        return Err(Error::invalid(
            "act_date",
            format!(
                "La data della delibera ({}) è nel futuro: la delibera si registra dopo l'approvazione.",
                date.format("%d/%m/%Y")
            ),
        ));
    }
    let act = Act {
        body,
        number,
        date: date.format("%Y-%m-%d").to_string(),
    };
    Ok((act, date))
}

impl Store {
    /// Every version of the plan's series, oldest first.
    pub fn versions(&self, plan_id: i64) -> Result<Vec<VersionInfo>> {
        list_versions(&self.conn, series_of(&self.conn, plan_id)?)
    }

    pub fn version_info(&self, plan_id: i64) -> Result<VersionInfo> {
        version_info(&self.conn, plan_id)
    }

    /// The latest version of the plan's series: what a command that names a plan works on.
    pub fn latest_version(&self, plan_id: i64) -> Result<i64> {
        let versions = self.versions(plan_id)?;
        Ok(versions.last().map_or(plan_id, |v| v.plan_id))
    }

    /// The version of `series`' plan numbered `version`.
    pub fn version_id(&self, plan_id: i64, version: i64) -> Result<i64> {
        self.versions(plan_id)?
            .into_iter()
            .find(|v| v.version == version)
            .map(|v| v.plan_id)
            .ok_or_else(|| {
                Error::invalid(
                    "version",
                    format!("Il piano non ha una versione {version}: vedi «piano versions»."),
                )
            })
    }

    /// Records the act that approved the plan's version in preparation. The checks before
    /// approval must pass; warnings need `confirm_warnings`. From then on the version is
    /// frozen and its annex carries the act.
    pub fn approve(&mut self, plan_id: i64, act: &ActInput, confirm_warnings: bool) -> Result<()> {
        let (act, date) = checked_act(act)?;
        let full = self.load(plan_id)?;
        if date.year() < full.plan.first_year - 1 {
            return Err(Error::invalid(
                "act_date",
                format!(
                    "La data della delibera ({}) è troppo lontana dagli anni del piano ({}-{}): controlla l'anno.",
                    date.format("%d/%m/%Y"),
                    full.plan.first_year,
                    full.plan.last_year
                ),
            ));
        }
        let info = self.version_info(plan_id)?;
        if info.approved() {
            return Err(Error::Frozen);
        }
        if !info.latest {
            return Err(Error::invalid(
                "version",
                "Si approva solo l'ultima versione del piano.",
            ));
        }
        let problems = crate::approval::checks(&full);
        let errors: Vec<&str> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.message.as_str())
            .collect();
        if !errors.is_empty() {
            return Err(Error::invalid(
                "checks",
                format!(
                    "Il piano non si può approvare finché ci sono problemi da correggere:\n- {}",
                    errors.join("\n- ")
                ),
            ));
        }
        if !confirm_warnings && !problems.is_empty() {
            return Err(Error::invalid(
                "confirm",
                format!(
                    "Prima di approvare, conferma di aver visto gli avvisi:\n- {}",
                    problems
                        .iter()
                        .map(|p| p.message.as_str())
                        .collect::<Vec<_>>()
                        .join("\n- ")
                ),
            ));
        }
        self.tx(|tx| {
            tx.execute(
                "UPDATE plan SET act_body = ?2, act_number = ?3, act_date = ?4, approval = ?5,
                        updated_at = ?6 WHERE id = ?1",
                params![
                    plan_id,
                    act.body,
                    act.number,
                    act.date,
                    act.caption(),
                    now()
                ],
            )?;
            log(tx, plan_id, "approve", &act)
        })
    }

    /// Withdraws the approval of the latest version (a mistyped number, a wrong date). The
    /// officer retypes the act's number to confirm; the withdrawal is logged.
    pub fn revoke_approval(&mut self, plan_id: i64, typed_number: &str) -> Result<()> {
        let info = self.version_info(plan_id)?;
        let act = info.act.clone().ok_or_else(|| {
            Error::invalid(
                "version",
                "Questa versione non è approvata: non c'è nulla da annullare.",
            )
        })?;
        if !info.latest {
            return Err(Error::invalid(
                "version",
                "Si può annullare solo l'approvazione dell'ultima versione: le versioni successive si basano su questa.",
            ));
        }
        if typed_number.trim() != act.number {
            return Err(Error::invalid(
                "confirm",
                format!(
                    "Per annullare l'approvazione scrivi il numero della delibera ({}).",
                    act.number
                ),
            ));
        }
        self.tx(|tx| {
            tx.execute(
                "UPDATE plan SET act_body = '', act_number = '', act_date = NULL, approval = '',
                        updated_at = ?2 WHERE id = ?1",
                params![plan_id, now()],
            )?;
            log(tx, plan_id, "revoke", &act)
        })
    }

    /// Starts a variation: a new version in preparation, copied from the latest approved one
    /// (cross-cutting links kept). Returns its id.
    pub fn vary(&mut self, plan_id: i64) -> Result<i64> {
        let versions = self.versions(plan_id)?;
        let latest = versions.last().ok_or(Error::NotFound {
            what: "Piano",
            id: plan_id,
        })?;
        if !latest.approved() {
            return Err(Error::invalid(
                "version",
                format!(
                    "C'è già una versione in preparazione ({}): modifica quella, oppure approvala prima di avviare un'altra variazione.",
                    latest.label
                ),
            ));
        }
        let (source, series, version) = (latest.plan_id, latest.series_id, latest.version + 1);
        self.tx(|tx| {
            let full = super::load(tx, source)?;
            let input = PlanInput {
                entity: full.plan.entity.clone(),
                title: full.plan.title.clone(),
                first_year: full.plan.first_year,
                last_year: full.plan.last_year,
                approval: String::new(),
            };
            let (id, areas, objectives) = crate::copy::copy_plan_with_ids(tx, &full, &input, 0)?;
            tx.execute(
                "UPDATE plan SET series_id = ?2, version = ?3 WHERE id = ?1",
                params![id, series, version],
            )?;
            for (old, new) in areas {
                tx.execute(
                    "UPDATE area SET lineage = (SELECT lineage FROM area WHERE id = ?1) WHERE id = ?2",
                    params![old, new],
                )?;
            }
            for (old, new) in objectives {
                tx.execute(
                    "UPDATE objective SET lineage = (SELECT lineage FROM objective WHERE id = ?1) WHERE id = ?2",
                    params![old, new],
                )?;
            }
            Ok(id)
        })
    }
}

fn log(conn: &Connection, plan_id: i64, action: &str, act: &Act) -> Result<()> {
    conn.execute(
        "INSERT INTO approval_log (plan_id, action, body, number, act_date, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![plan_id, action, act.body, act.number, act.date, now()],
    )?;
    Ok(())
}

/// Whether any version of the series is approved (such a plan is an act: it is not deleted).
pub(super) fn any_approved(conn: &Connection, series: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM plan WHERE series_id = ?1 AND act_date IS NOT NULL)",
        [series],
        |r| r.get(0),
    )?)
}

/// Which first area and first objective each area and objective of a version descends
/// from: how two versions are compared.
#[derive(Debug, Clone, Default)]
pub struct Lineage {
    pub areas: std::collections::HashMap<i64, i64>,
    pub objectives: std::collections::HashMap<i64, i64>,
}

impl Store {
    pub fn lineage(&self, plan_id: i64) -> Result<Lineage> {
        let mut out = Lineage::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, lineage FROM area WHERE plan_id = ?1")?;
        for row in stmt.query_map([plan_id], |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (id, l) = row?;
            out.areas.insert(id, l);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, lineage FROM objective WHERE plan_id = ?1")?;
        for row in stmt.query_map([plan_id], |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (id, l) = row?;
            out.objectives.insert(id, l);
        }
        Ok(out)
    }

    /// Where a new triennium starts from: the latest approved version, else the latest.
    pub fn roll_source(&self, plan_id: i64) -> Result<i64> {
        let versions = self.versions(plan_id)?;
        Ok(versions
            .iter()
            .rev()
            .find(|v| v.approved())
            .or(versions.last())
            .map_or(plan_id, |v| v.plan_id))
    }
}
