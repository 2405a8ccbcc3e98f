//! The UI's contract with the core, written once: `ui/js/view-types.js` holds the JSDoc
//! types of the values the commands answer with, generated here from the Rust structs and
//! their doc comments (their JSON Schema, by schemars). The test fails when the file and the
//! structs differ, so a comment in `ui/js/` cannot drift from what Rust sends.
//!
//! Regenerate with `PIANO_BLESS=1 cargo test -p piano-obiettivi-app --lib view_types`.

use std::collections::BTreeMap;
use std::fmt::Write;

use schemars::schema::RootSchema;
use serde_json::Value;

/// The file, relative to `src-tauri/`.
const FILE: &str = "../ui/js/view-types.js";

/// Each root type: its name in JSDoc, and its schema.
fn roots() -> Vec<(&'static str, RootSchema)> {
    vec![
        ("PlanView", schemars::schema_for!(crate::commands::PlanView)),
        (
            "WeightPreview",
            schemars::schema_for!(piano::domain::rules::WeightPreview),
        ),
    ]
}

/// The JSDoc text: one `@typedef` per root and per type they reach, by name.
fn generate() -> String {
    let mut defs: BTreeMap<String, Value> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (name, root) in roots() {
        let json = serde_json::to_value(&root).expect("a schema is JSON");
        if let Some(Value::Object(d)) = json.get("definitions") {
            for (k, v) in d {
                defs.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        let mut top = json.clone();
        if let Value::Object(o) = &mut top {
            o.remove("definitions");
            o.remove("$schema");
            o.remove("title");
        }
        defs.insert(name.to_string(), top);
        order.push(name.to_string());
    }
    // The roots first, in the order listed, then every type they reach, by name.
    for k in defs.keys() {
        if !order.contains(k) {
            order.push(k.clone());
        }
    }
    let mut out = String::from(
        "// The values the Rust commands answer with, as JSDoc types. GENERATED from the Rust\n\
         // structs and their doc comments by src-tauri/src/view_types.rs: do not edit. After\n\
         // changing a struct, run\n\
         //   PIANO_BLESS=1 cargo test -p piano-obiettivi-app --lib view_types\n\
         // Weights and scores are integer hundredths (12,5% is 1250); maps keyed by an id have\n\
         // the id as a string key, as JSON writes it.\n\
         export {};\n",
    );
    for name in order {
        typedef(&mut out, &name, &defs[&name]);
    }
    out
}

fn typedef(out: &mut String, name: &str, schema: &Value) {
    out.push_str("\n/**\n");
    if let Some(d) = description(schema) {
        for line in d.lines() {
            let line = line.trim_end();
            if line.is_empty() {
                out.push_str(" *\n");
            } else {
                let _ = writeln!(out, " * {line}");
            }
        }
    }
    let props = schema.get("properties").and_then(Value::as_object);
    match props {
        Some(props) => {
            let _ = writeln!(out, " * @typedef {{Object}} {name}");
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for (field, s) in props {
                let ty = type_of(s);
                // A field the JSON may leave out (skipped when empty, or defaulted).
                let key = if required.contains(&field.as_str()) {
                    field.clone()
                } else {
                    format!("[{field}]")
                };
                match description(s) {
                    Some(d) => {
                        let d = d.split_whitespace().collect::<Vec<_>>().join(" ");
                        let _ = writeln!(out, " * @property {{{ty}}} {key} - {d}");
                    }
                    None => {
                        let _ = writeln!(out, " * @property {{{ty}}} {key}");
                    }
                }
            }
        }
        None => {
            let _ = writeln!(out, " * @typedef {{{}}} {name}", type_of(schema));
        }
    }
    out.push_str(" */\n");
}

fn description(schema: &Value) -> Option<String> {
    schema
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// A schema as a JSDoc type expression.
fn type_of(s: &Value) -> String {
    let mut parts = alternatives(s);
    if parts.len() == 1 {
        parts.remove(0)
    } else {
        format!("({})", parts.join("|"))
    }
}

/// The alternatives a schema allows, each a JSDoc type, without repeats; `null` last.
fn alternatives(s: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |t: String| {
        if !out.contains(&t) {
            out.push(t);
        }
    };
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        push(r.rsplit('/').next().unwrap_or(r).to_string());
    } else if let Some(list) = ["allOf", "anyOf", "oneOf"]
        .iter()
        .find_map(|k| s.get(*k).and_then(Value::as_array))
    {
        for p in list {
            alternatives(p).into_iter().for_each(&mut push);
        }
    } else if let Some(values) = s.get("enum").and_then(Value::as_array) {
        for v in values {
            push(match v {
                Value::String(t) => format!("'{t}'"),
                other => other.to_string(),
            });
        }
    } else {
        match s.get("type") {
            Some(Value::Array(types)) => types
                .iter()
                .filter_map(Value::as_str)
                .for_each(|t| push(simple(t, s))),
            Some(Value::String(t)) => push(simple(t, s)),
            _ => push("*".to_string()),
        }
    }
    if let Some(i) = out.iter().position(|t| t == "null") {
        let null = out.remove(i);
        out.push(null);
    }
    out
}

fn simple(t: &str, s: &Value) -> String {
    match t {
        "integer" | "number" => "number".into(),
        "string" => "string".into(),
        "boolean" => "boolean".into(),
        "null" => "null".into(),
        "array" => match s.get("items") {
            Some(Value::Array(tuple)) => format!(
                "[{}]",
                tuple.iter().map(type_of).collect::<Vec<_>>().join(", ")
            ),
            Some(items) => format!("Array<{}>", type_of(items)),
            None => "Array<*>".into(),
        },
        "object" => {
            if let Some(props) = s.get("properties").and_then(Value::as_object) {
                // An inline record, as an adjacently tagged enum's variant is.
                let fields: Vec<String> = props
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", type_of(v)))
                    .collect();
                format!("{{{}}}", fields.join(", "))
            } else {
                match s.get("additionalProperties") {
                    Some(v) if v.is_object() => format!("Object<string, {}>", type_of(v)),
                    _ => "Object".into(),
                }
            }
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_types_js_is_generated_from_the_rust_structs() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FILE);
        let want = generate();
        if std::env::var_os("PIANO_BLESS").is_some() {
            std::fs::write(&path, &want).expect("write view-types.js");
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "ui/js/view-types.js differs from the Rust structs it documents: run\n  \
             PIANO_BLESS=1 cargo test -p piano-obiettivi-app --lib view_types\n\
             and commit the file"
        );
    }

    /// The `@property` names of one typedef of the generated text.
    fn documented(text: &str, name: &str) -> Vec<String> {
        let head = format!("@typedef {{Object}} {name}\n");
        let start = text
            .find(&head)
            .unwrap_or_else(|| panic!("no typedef {name}"));
        text[start..]
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with(" * @property"))
            .map(|l| {
                let after = l.split("} ").nth(1).unwrap_or_default();
                let key = after.split(' ').next().unwrap_or_default();
                key.trim_matches(|c| c == '[' || c == ']').to_string()
            })
            .collect()
    }

    #[test]
    fn every_key_a_real_plan_view_sends_is_documented() {
        use piano::prelude::*;
        let mut store = Store::open_in_memory().expect("store");
        let id = store.load_demo().expect("demo");
        let view = crate::commands::view(&store, id, None).expect("view");
        let json = serde_json::to_value(&view).expect("json");
        let text = generate();
        let objects = [
            ("PlanView", &json),
            ("FullPlan", &json["plan"]),
            ("Plan", &json["plan"]["plan"]),
            ("Area", &json["plan"]["areas"][0]),
            ("Period", &json["plan"]["periods"][0]),
            ("Objective", &json["plan"]["objectives"][0]),
            ("ObjectiveText", &json["plan"]["objectives"][0]["text"]),
            ("Placement", &json["plan"]["placements"][0]),
            ("Report", &json["report"]),
            ("CellTotal", &json["report"]["totals"][0]),
            ("VersionInfo", &json["version"]),
        ];
        for (name, value) in objects {
            let keys = value
                .as_object()
                .unwrap_or_else(|| panic!("{name} is not an object in the view"));
            let doc = documented(&text, name);
            assert!(!doc.is_empty(), "{name} documents no field");
            for key in keys.keys() {
                assert!(doc.contains(key), "{name}.{key} is sent but not documented");
            }
        }
    }
}
