//! The fixtures that the core's tests, the app's tests and the benchmarks share, written
//! once: the reference plan (the demo, the Unione's real 2020-2022 plan) with its one weight
//! error fixed, approved, with managers named and its 2020 results typed, and a typed year
//! for any generated plan. A dev-dependency only: nothing here ships (tests/layers.rs).
//!
//! A fixture that finds the demo different from what it expects panics: it is a test's
//! setup, and the panic names what is missing.

use piano::domain::ids::{AreaId, PlacementId};
use piano::domain::results::{Item, ResultInput, YearResults};
use piano::prelude::*;
use piano::store::ActInput;
use piano::{Result, Store};

/// An act of the Giunta (the body left to its default): `number` of `date` (AAAA-MM-GG).
pub fn act(number: &str, date: &str) -> ActInput {
    ActInput {
        body: String::new(),
        number: number.into(),
        date: date.into(),
    }
}

/// The act approving the reference plan: the Giunta's delibera n. 12 of 15/02/2020.
pub fn giunta_2020() -> ActInput {
    act("12", "2020-02-15")
}

/// The placement id of the first row of AREA SERVIZI SOCIALI – ANNO 2021 E 2022 in the demo:
/// the cell whose weights add up to 90.
pub fn social_services_first_row(store: &Store, plan_id: i64) -> Result<PlacementId> {
    let plan = store.load(plan_id)?;
    let area = plan
        .areas
        .iter()
        .find(|a| a.name == "AREA SERVIZI SOCIALI")
        .expect("the demo has AREA SERVIZI SOCIALI");
    let period = plan
        .periods
        .iter()
        .find(|p| p.label == "ANNO 2021 E 2022")
        .expect("the demo has ANNO 2021 E 2022");
    let row = plan.cell(area.id, period.id).next().expect("a row").id;
    Ok(row)
}

/// Fixes the demo's one weight problem: that row from 30 to 40, so the cell reaches 100.
pub fn fix_demo_weights(store: &mut Store, plan_id: i64) -> Result<()> {
    let row = social_services_first_row(store, plan_id)?;
    store.set_weight(row, "40")
}

/// The demo loaded with its weights fixed, ready to approve; its id.
pub fn valid_reference_plan(store: &mut Store) -> Result<i64> {
    let id = store.load_demo()?;
    fix_demo_weights(store, id)?;
    Ok(id)
}

/// [`valid_reference_plan`], approved by [`giunta_2020`], with the code of conduct as a
/// prerequisite objective: the plan's id and the prerequisite's.
pub fn approved_reference_plan(store: &mut Store) -> Result<(i64, i64)> {
    let id = valid_reference_plan(store)?;
    store.approve(id, &giunta_2020(), true)?;
    let pre = store.add_prerequisite(
        id,
        "Rispetto del codice di comportamento",
        "Assenza di sanzioni disciplinari",
    )?;
    Ok((id, pre))
}

/// Names the demo's managers: Mario Rossi leads Affari Generali and Economico Finanziaria,
/// Anna Bianchi Servizi Sociali; the other areas have none.
pub fn name_managers(store: &mut Store, plan_id: i64) -> Result<()> {
    for a in store.list_areas(plan_id)? {
        let manager = match a.name.as_str() {
            "AREA AFFARI GENERALI" | "AREA ECONOMICO FINANZIARIA" => "Mario Rossi",
            "AREA SERVIZI SOCIALI" => "Anna Bianchi",
            _ => "",
        };
        store.update_area(a.id, &a.name, manager)?;
    }
    Ok(())
}

/// The 2020 results of the three managed areas, on the approved reference plan:
/// AG 100, 80, 100 → 30 + 32 + 30 = 92,00; EF 100, 50, 100 → 40 + 15 + 30 = 85,00;
/// SS 70, 100, 100 → 21 + 40 + 30 = 91,00.
pub fn type_managed_results_2020(store: &mut Store, plan_id: i64) -> Result<()> {
    let y = store.year_results(plan_id, 2020)?;
    let mut entries = Vec::new();
    for a in &y.areas {
        let pcts: [&str; 3] = match a.name.as_str() {
            "AREA AFFARI GENERALI" => ["100", "80", "100"],
            "AREA ECONOMICO FINANZIARIA" => ["100", "50", "100"],
            "AREA SERVIZI SOCIALI" => ["70", "100", "100"],
            _ => continue,
        };
        for (r, pct) in a.rows.iter().zip(pcts) {
            entries.push((a.area_id, r.item, typed("fatto", pct)));
        }
    }
    store.set_results(plan_id, 2020, &entries)
}

/// Every row of the year achieved in full: `value` at 100% (a result already typed is
/// replaced), as the managers' sheets bring them when all went well.
pub fn type_every_result(store: &mut Store, plan_id: i64, year: i32, value: &str) -> Result<()> {
    let y = store.year_results(plan_id, year)?;
    let entries: Vec<_> = y
        .areas
        .iter()
        .flat_map(|a| {
            a.rows
                .iter()
                .map(|r| (a.area_id, r.item, typed(value, "100")))
        })
        .collect();
    store.set_results(plan_id, year, &entries)
}

/// A result as an office types it: below 100% with its reason («ritardi»).
fn typed(value: &str, achievement: &str) -> ResultInput {
    ResultInput {
        value: value.into(),
        achievement: achievement.into(),
        note: if achievement == "100" {
            String::new()
        } else {
            "ritardi".into()
        },
        values: Vec::new(),
    }
}

/// A result for every row of the year, as an office types them: 100%, and every fourth row
/// 87,5% with its reason.
pub fn typed_results(y: &YearResults) -> Vec<(AreaId, Item, ResultInput)> {
    let mut entries = Vec::new();
    for a in &y.areas {
        for (i, r) in a.rows.iter().enumerate() {
            let pct = if i % 4 == 0 { "87,5" } else { "100" };
            entries.push((
                a.area_id,
                r.item,
                typed(&format!("valore raggiunto {i}"), pct),
            ));
        }
    }
    entries
}
