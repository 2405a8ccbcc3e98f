//! A plan's versions and the acts that approve them: the Giunta's act as typed and as
//! recorded, a version as the lists show it, the lineage that ties versions together.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::{AreaId, IndicatorId, ObjectiveId};
use crate::model::clean_text;

/// The act that approved a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Act {
    pub body: String,
    pub number: String,
    /// ISO date, e.g. 2020-02-15.
    pub date: String,
}

impl Act {
    /// A withdrawal is confirmed by typing this act's number again; `asks` says what is
    /// withdrawn and which number to type («l'approvazione scrivi il numero della delibera»).
    pub fn confirm_withdrawal(&self, typed: &str, asks: &str) -> Result<()> {
        if typed.trim() == self.number {
            return Ok(());
        }
        Err(Error::invalid(
            "confirm",
            format!("Per annullare {asks} ({}).", self.number),
        ))
    }

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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

pub fn label(version: i64, act: Option<&Act>) -> String {
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

/// Which first area and first objective each area and objective of a version descends
/// from: how two versions are compared.
#[derive(Debug, Clone, Default)]
pub struct Lineage {
    pub areas: std::collections::HashMap<AreaId, AreaId>,
    pub objectives: std::collections::HashMap<ObjectiveId, ObjectiveId>,
    /// Indicators, by id: the first version's indicator id.
    pub indicators: std::collections::HashMap<IndicatorId, IndicatorId>,
}

impl Lineage {
    /// The first version's area that area `id` descends from (itself, if not listed).
    pub fn area(&self, id: AreaId) -> AreaId {
        self.areas.get(&id).copied().unwrap_or(id)
    }

    /// The first version's objective that objective `id` descends from (itself, if not listed).
    pub fn objective(&self, id: ObjectiveId) -> ObjectiveId {
        self.objectives.get(&id).copied().unwrap_or(id)
    }

    /// The first version's indicator that indicator `id` descends from (itself, if not listed).
    pub fn indicator(&self, id: IndicatorId) -> IndicatorId {
        self.indicators.get(&id).copied().unwrap_or(id)
    }
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
pub fn checked_act(act: &ActInput) -> Result<(Act, NaiveDate)> {
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
