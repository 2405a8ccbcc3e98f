//! Hostile input through the real seam: every command the UI calls, invoked from the page
//! through ui/js/api.js, with wrong types, missing fields, unknown ids, ids of another plan,
//! 1 MB texts and control characters. Each must answer in Italian and leave the database
//! exactly as it was. Emoji and SQL-looking text are valid text: stored verbatim.

mod common;

use common::{Case, R};
use piano::prelude::*;
use serde_json::{json, Value};

const RUN: &str = r#"
const [calls] = arguments;
const done = arguments[arguments.length - 1];
import('./js/api.js').then(async (api) => {
  const results = [];
  for (const c of calls) {
    try {
      await api.call(c.cmd, c.args);
      results.push({ ok: true });
    } catch (err) {
      results.push({ ok: false, code: err && err.code, message: (err && err.message) || String(err) });
    }
  }
  done(results);
}).catch((e) => done(String(e)));
"#;

struct Ids {
    plan: i64,
    area: i64,
    period: i64,
    placement: i64,
    objective: i64,
}

fn ids(store: &piano::Store, plan: i64) -> Result<Ids, piano::Error> {
    let full = store.load(plan)?;
    Ok(Ids {
        plan,
        area: full.areas[0].id.get(),
        period: full.periods[0].id.get(),
        placement: full.placements[0].id.get(),
        objective: full.placements[0].objective_id.get(),
    })
}

fn objective() -> Value {
    json!({ "service": "S", "kind": "S", "description": "D", "expected_result": "R", "indicator": "I" })
}

/// Every command with well-formed arguments on plan `a`; hostile variants are made from these.
fn base_calls(a: &Ids) -> Vec<(&'static str, Value)> {
    vec![
        ("plan_view", json!({ "planId": a.plan })),
        (
            "update_plan",
            json!({ "planId": a.plan, "input": { "entity": "E", "title": "T", "first_year": 2020, "last_year": 2022, "approval": "" } }),
        ),
        ("delete_plan", json!({ "planId": a.plan })),
        ("duplicate_plan", json!({ "planId": a.plan })),
        (
            "create_plan",
            json!({ "input": { "entity": "E", "title": "Nuovo", "first_year": 2030, "last_year": 2032, "approval": "" }, "periods": [{ "first_year": 2030, "last_year": 2030 }] }),
        ),
        (
            "add_period",
            json!({ "planId": a.plan, "period": { "first_year": 2020, "last_year": 2020 } }),
        ),
        (
            "delete_period",
            json!({ "planId": a.plan, "periodId": a.period }),
        ),
        (
            "add_area",
            json!({ "planId": a.plan, "name": "AREA NUOVA", "manager": "" }),
        ),
        (
            "update_area",
            json!({ "planId": a.plan, "areaId": a.area, "name": "AREA X", "manager": "M" }),
        ),
        (
            "move_area",
            json!({ "planId": a.plan, "areaId": a.area, "delta": 1 }),
        ),
        ("delete_area", json!({ "planId": a.plan, "areaId": a.area })),
        (
            "add_objective",
            json!({ "planId": a.plan, "areaId": a.area, "periodId": a.period, "input": objective(), "weight": "10" }),
        ),
        (
            "update_placement",
            json!({ "planId": a.plan, "placementId": a.placement, "input": objective(), "weight": "10" }),
        ),
        (
            "duplicate_placement",
            json!({ "planId": a.plan, "placementId": a.placement }),
        ),
        (
            "move_placement",
            json!({ "planId": a.plan, "placementId": a.placement, "delta": 1 }),
        ),
        (
            "move_placement_to",
            json!({ "planId": a.plan, "placementId": a.placement, "areaId": a.area, "periodId": a.period }),
        ),
        (
            "delete_placement",
            json!({ "planId": a.plan, "placementId": a.placement }),
        ),
        (
            "place_objective",
            json!({ "planId": a.plan, "objectiveId": a.objective, "areaId": a.area, "periodId": a.period, "weight": "10" }),
        ),
        (
            "place_objective_many",
            json!({ "planId": a.plan, "objectiveId": a.objective, "periodId": a.period, "placements": [[a.area, "10"]] }),
        ),
        (
            "detach_placement",
            json!({ "planId": a.plan, "placementId": a.placement }),
        ),
        (
            "print_annex",
            json!({ "planId": a.plan, "draft": true, "pagePerArea": true }),
        ),
        ("export_plan", json!({ "planId": a.plan, "format": "csv" })),
        (
            "roll_forward",
            json!({ "planId": a.plan, "firstYear": 2021, "mapping": [] }),
        ),
        (
            "confirm_import",
            json!({ "sheet": null, "entity": "", "title": "", "mergeLines": [] }),
        ),
        ("preview_import_sheet", json!({ "sheet": "Dati" })),
        ("open_file", json!({ "path": "/etc/passwd" })),
        ("restore_copy", json!({ "name": "piano.sqlite" })),
        ("recover_database", json!({ "name": "piano.sqlite" })),
    ]
}

fn wrong(v: &Value) -> Value {
    match v {
        Value::Number(_) => json!("abc"),
        Value::String(_) => json!({ "x": 1 }),
        Value::Bool(_) => json!("forse"),
        Value::Array(_) => json!("lista"),
        Value::Object(_) => json!(42),
        Value::Null => json!([1, 2]),
    }
}

/// Hostile variants of one well-formed call; none of them may change anything.
fn variants(cmd: &str, args: &Value, other: &Ids) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let obj = args.as_object().cloned().unwrap_or_default();
    // Only commands that need no valid argument would pass with none.
    out.push((format!("{cmd}: nessun argomento"), json!({})));
    for (k, v) in &obj {
        let mut bad = obj.clone();
        bad.remove(k);
        out.push((format!("{cmd}: manca {k}"), Value::Object(bad)));
        let mut bad = obj.clone();
        bad.insert(k.clone(), wrong(v));
        out.push((format!("{cmd}: {k} di tipo sbagliato"), Value::Object(bad)));
        if k.ends_with("Id") && v.is_number() {
            let mut bad = obj.clone();
            bad.insert(k.clone(), json!(999_999));
            out.push((format!("{cmd}: {k} sconosciuto"), Value::Object(bad)));
            // The same kind of id, but from the other plan.
            let foreign = match k.as_str() {
                "areaId" => Some(other.area),
                "periodId" => Some(other.period),
                "placementId" => Some(other.placement),
                "objectiveId" => Some(other.objective),
                _ => None,
            };
            if let Some(f) = foreign {
                let mut bad = obj.clone();
                bad.insert(k.clone(), json!(f));
                out.push((format!("{cmd}: {k} di un altro piano"), Value::Object(bad)));
            }
        }
    }
    // Texts: 1 MB, and control characters, in every text field of the input.
    let huge = "x".repeat(1 << 20);
    let texts: Vec<(&str, Option<&str>)> = match cmd {
        "add_area" | "update_area" => vec![("name", None), ("manager", None)],
        "add_objective" | "update_placement" => {
            ["service", "description", "expected_result", "indicator"]
                .iter()
                .map(|f| ("input", Some(*f)))
                .collect()
        }
        "update_plan" | "create_plan" => vec![
            ("input", Some("title")),
            ("input", Some("entity")),
            ("input", Some("approval")),
        ],
        _ => vec![],
    };
    for (field, inner) in texts {
        for (label, value) in [
            ("1 MB", huge.as_str()),
            ("caratteri di controllo", "testo\u{0007}\u{001b}[2J"),
        ] {
            let mut bad = obj.clone();
            match inner {
                Some(i) => {
                    if let Some(o) = bad.get_mut(field).and_then(Value::as_object_mut) {
                        o.insert(i.to_string(), json!(value));
                    }
                }
                None => {
                    bad.insert(field.to_string(), json!(value));
                }
            }
            out.push((
                format!("{cmd}: {field}.{} {label}", inner.unwrap_or("")),
                Value::Object(bad),
            ));
        }
    }
    // A copy is named by its file name in the list, never by a path the page makes up.
    if obj.contains_key("name") && (cmd.ends_with("_copy") || cmd == "recover_database") {
        for n in [
            "../piano.sqlite",
            "/etc/passwd",
            "piano.sqlite",
            "copie/../../x.sqlite",
        ] {
            let mut bad = obj.clone();
            bad.insert("name".into(), json!(n));
            out.push((format!("{cmd}: nome {n}"), Value::Object(bad)));
        }
    }
    for w in ["-5", "abc", "1e3", "100,001", "'; DROP TABLE placement; --"] {
        if obj.contains_key("weight") {
            let mut bad = obj.clone();
            bad.insert("weight".into(), json!(w));
            out.push((format!("{cmd}: peso {w}"), Value::Object(bad)));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn every_command_refuses_hostile_input_in_italian_and_changes_nothing() -> R {
    let case = Case::new().await?;
    let db = case.db();
    let (a, b) = {
        let mut store = piano::Store::open(&db)?;
        let a = store.load_demo()?;
        let b = piano::store::sample::generate(&mut store, 2, 2)?;
        (ids(&store, a)?, ids(&store, b)?)
    };
    let app = case.start(&[]).await?;
    let mut calls = Vec::new();
    let mut labels = Vec::new();
    for (cmd, args) in base_calls(&a) {
        for (label, bad) in variants(cmd, &args, &b) {
            calls.push(json!({ "cmd": cmd, "args": bad }));
            labels.push(label);
        }
    }
    let before = piano::Store::open(&db)?.dump()?;
    let results = app
        .client
        .execute_async(RUN, vec![Value::Array(calls.clone())])
        .await?;
    let results = results
        .as_array()
        .ok_or_else(|| format!("the page answered {results}"))?;
    assert_eq!(results.len(), calls.len());
    let mut refused = 0;
    for (label, r) in labels.iter().zip(results) {
        assert_eq!(r["ok"], json!(false), "{label}: must be refused");
        let msg = r["message"].as_str().unwrap_or_default();
        assert!(!msg.is_empty(), "{label}: a message");
        for english in [
            "invalid", "missing", "error", "expected", "failed", "command",
        ] {
            assert!(
                !msg.to_lowercase().contains(english),
                "{label}: not Italian: {msg}"
            );
        }
        refused += 1;
    }
    assert_eq!(
        piano::Store::open(&db)?.dump()?,
        before,
        "no hostile call changed the database"
    );
    eprintln!(
        "hostile: {refused} calls over {} commands refused in Italian, database unchanged",
        base_calls(&a).len()
    );

    // Emoji and SQL-looking text are just text: stored exactly, nothing else touched.
    let plan_b = piano::Store::open(&db)?.load(b.plan)?;
    let name = "AREA 😀 «prova» '; DROP TABLE plan; --";
    let ok = app
        .client
        .execute_async(RUN, vec![json!([{ "cmd": "add_area", "args": { "planId": a.plan, "name": name, "manager": "Ré \"Robert'); --" } }])])
        .await?;
    assert_eq!(ok[0]["ok"], json!(true), "{ok}");
    let store = piano::Store::open(&db)?;
    let areas = store.list_areas(a.plan)?;
    assert_eq!(areas.last().map(|x| x.name.as_str()), Some(name));
    assert_eq!(store.load(b.plan)?, plan_b, "the other plan is untouched");
    app.quit().await
}
