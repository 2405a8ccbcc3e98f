//! A complete, versioned backup of one plan as JSON, that imports back identically. Every
//! value is checked on the way in with the same rules as typed input.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use piano_domain::error::{Error, Result};
use piano_domain::model::name_key;
use piano_domain::model::NewPeriod;
use piano_domain::model::{FullPlan, ObjectiveInput};

pub const FORMAT: &str = "piano-obiettivi/piano";
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct PlanFile {
    format: String,
    version: u32,
    exported_at: String,
    plan: FullPlan,
}

pub fn to_json(plan: &FullPlan) -> Result<Vec<u8>> {
    let file = PlanFile {
        format: FORMAT.into(),
        version: VERSION,
        exported_at: chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
        plan: plan.clone(),
    };
    serde_json::to_vec_pretty(&file).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

fn bad(detail: impl std::fmt::Display) -> Error {
    Error::SheetFormat(format!(
        "Il file non è una copia valida di un piano di Piano Obiettivi: {detail}."
    ))
}

/// Reads and checks a plan file: format, version, every value, every reference.
pub fn from_json(bytes: &[u8]) -> Result<FullPlan> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        bad(format!(
            "non è un file JSON leggibile (riga {}, colonna {})",
            e.line(),
            e.column()
        ))
    })?;
    let format = value
        .get("format")
        .and_then(|f| f.as_str())
        .unwrap_or_default();
    if format != FORMAT {
        return Err(bad(
            "manca l'indicazione del formato «piano-obiettivi/piano»",
        ));
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version == 0 || version > u64::from(VERSION) {
        return Err(bad(format!("versione {version} del formato non supportata (questa versione legge fino alla {VERSION}): aggiorna il programma")));
    }
    let file: PlanFile = serde_json::from_value(value)
        .map_err(|_| bad("mancano dati obbligatori o un valore è del tipo sbagliato"))?;
    let plan = file.plan;
    let input = plan.plan.input().validate()?;
    let periods: Vec<NewPeriod> = plan
        .periods
        .iter()
        .map(|p| NewPeriod {
            first_year: p.first_year,
            last_year: p.last_year,
        })
        .collect();
    piano_domain::model::check_periods(input.first_year, input.last_year, &periods)?;
    let mut names = HashSet::new();
    for a in &plan.areas {
        piano_domain::model::clean_text("name", "Nome dell'area", &a.name, true)?;
        if !names.insert(name_key(&a.name)) {
            return Err(bad(format!("l'area «{}» compare due volte", a.name)));
        }
    }
    for o in &plan.objectives {
        let t = &o.text;
        ObjectiveInput {
            service: t.service.clone(),
            kind: t.kind.as_str().into(),
            description: t.description.clone(),
            expected_result: t.expected_result.clone(),
            indicator: t.indicator.clone(),
        }
        .validate()?;
    }
    let areas: HashSet<_> = plan.areas.iter().map(|a| a.id).collect();
    let periods: HashSet<_> = plan.periods.iter().map(|p| p.id).collect();
    let objectives: HashSet<_> = plan.objectives.iter().map(|o| o.id).collect();
    let mut cells = HashSet::new();
    for p in &plan.placements {
        if !areas.contains(&p.area_id)
            || !periods.contains(&p.period_id)
            || !objectives.contains(&p.objective_id)
        {
            return Err(bad(format!(
                "la riga {} rimanda a un'area, un periodo o un obiettivo che non c'è",
                p.id
            )));
        }
        if !(1..=10_000).contains(&p.weight.0) {
            return Err(bad(format!(
                "la riga {} ha un peso fuori dall'intervallo 0,01–100",
                p.id
            )));
        }
        if !cells.insert((p.objective_id, p.area_id, p.period_id)) {
            return Err(bad(format!(
                "la riga {} ripete lo stesso obiettivo nella stessa area e periodo",
                p.id
            )));
        }
    }
    Ok(plan)
}
