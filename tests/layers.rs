//! The core's floors (ARCHITECTURE.md): every `crate::` path in a module of `src/` names its
//! own floor or one below. A floor that reaches up fails this test, naming the file, the line
//! and the import.
//!
//! Unit tests at the bottom of a module (after `#[cfg(test)]`) may build their fixtures with
//! any floor: they are not part of the module's code.

use std::path::{Path, PathBuf};

/// The floors, lowest first. A top-level item of `crate::` belongs to the floor listed here.
const FLOORS: [(&str, u8); 8] = [
    ("error", 0),
    ("domain", 1),
    // Formats read and write files into domain values: no database below them.
    ("formats", 2),
    ("db", 3),
    ("store", 4),
    ("ops", 5),
    // The crate's re-exports, for the front ends only.
    ("prelude", 6),
    ("cli", 6),
];

fn floor_of_item(item: &str) -> Option<u8> {
    FLOORS.iter().find(|(n, _)| *n == item).map(|(_, f)| *f)
}

/// The floor of a file by its first folder under `src/` (or its name, for `src/error.rs`).
/// `lib.rs` and `main.rs` are the table of contents and the binary: not checked.
fn floor_of_file(rel: &Path) -> Option<u8> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    if name == "lib" || name == "main" {
        return None;
    }
    floor_of_item(name)
}

/// Every `crate::` path in `code`, as (line number, first segment after `crate::`). A group
/// (`crate::{a, b::c}`) gives each of its top-level members.
fn crate_paths(code: &str) -> Vec<(usize, String)> {
    // Comments out, line breaks kept: a group may span lines.
    let text: String = code
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let line_at = |i: usize| text[..i].matches('\n').count() + 1;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("crate::") {
        let i = from + found;
        from = i + "crate::".len();
        let before = text[..i].chars().last();
        // `$crate::` in a macro, or a longer name ending in "crate".
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &text[from..];
        let Some(group) = rest.strip_prefix('{') else {
            push_segment(rest, line_at(i), &mut out);
            continue;
        };
        let mut depth = 0;
        let mut start = 0;
        for (k, b) in group.bytes().enumerate() {
            match b {
                b'{' => depth += 1,
                b'}' if depth == 0 => {
                    push_segment(&group[start..k], line_at(i), &mut out);
                    break;
                }
                b'}' => depth -= 1,
                b',' if depth == 0 => {
                    push_segment(&group[start..k], line_at(i), &mut out);
                    start = k + 1;
                }
                _ => {}
            }
        }
    }
    out
}

fn push_segment(text: &str, line: usize, out: &mut Vec<(usize, String)>) {
    let seg: String = text
        .trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if !seg.is_empty() && seg != "self" {
        out.push((line, seg));
    }
}

/// The module's code without its unit tests.
fn without_tests(code: &str) -> &str {
    code.find("#[cfg(test)]").map_or(code, |i| &code[..i])
}

/// Every upward import under `root`, as "file:line: floor N uses crate::X (floor M)".
fn upward_imports(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    collect(root, &mut files);
    files.sort();
    let mut faults = Vec::new();
    for file in files {
        let rel = file.strip_prefix(root).expect("under src");
        let Some(floor) = floor_of_file(rel) else {
            continue;
        };
        let code = std::fs::read_to_string(&file).expect("readable source");
        for (line, item) in crate_paths(without_tests(&code)) {
            match floor_of_item(&item) {
                Some(target) if target > floor => faults.push(format!(
                    "src/{}:{line}: floor {floor} ({}) uses crate::{item} (floor {target})",
                    rel.display(),
                    rel.components().next().unwrap().as_os_str().to_string_lossy()
                )),
                Some(_) => {}
                None => faults.push(format!(
                    "src/{}:{line}: crate::{item} is not on any floor: name it by its floor (crate::domain::…, crate::store::…)",
                    rel.display()
                )),
            }
        }
    }
    faults
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_floor_reaches_up() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let faults = upward_imports(&src);
    assert!(
        faults.is_empty(),
        "a floor of the core uses one above it (see ARCHITECTURE.md):\n{}",
        faults.join("\n")
    );
}

#[test]
fn every_folder_of_src_is_a_floor() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&src).expect("src") {
        let path = entry.expect("entry").path();
        let rel = path.strip_prefix(&src).unwrap();
        let name = rel.to_string_lossy();
        assert!(
            floor_of_file(rel).is_some() || name == "lib.rs" || name == "main.rs",
            "src/{name} is on no floor: put it in the folder of its floor, or add the floor to tests/layers.rs and ARCHITECTURE.md"
        );
    }
}

/// The checker itself: a copy of the core where the domain reaches up to the store, and a
/// group import that hides an ops path, must both be named.
#[test]
fn an_upward_import_is_named_with_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("domain")).unwrap();
    std::fs::create_dir_all(src.join("store")).unwrap();
    std::fs::write(
        src.join("domain/rules.rs"),
        "use crate::error::Result;\nuse crate::store::Store;\n\n#[cfg(test)]\nmod tests {\n    use crate::ops::Approvals;\n}\n",
    )
    .unwrap();
    std::fs::write(
        src.join("store/mod.rs"),
        "use crate::{domain::model, ops::Approvals};\nfn f() { crate::db::open(); }\n",
    )
    .unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod ops;\n").unwrap();
    let faults = upward_imports(src);
    assert_eq!(
        faults,
        vec![
            "src/domain/rules.rs:2: floor 1 (domain) uses crate::store (floor 4)".to_string(),
            "src/store/mod.rs:1: floor 4 (store) uses crate::ops (floor 5)".to_string(),
        ],
        "the checker names each upward import once, and only those"
    );
}

#[test]
fn paths_in_groups_comments_and_macros_are_read_right() {
    let code =
        "use crate::{a, b::{c, d}, self};\n// crate::hidden\nlet x = $crate::m; crate::e::f();";
    let items: Vec<String> = crate_paths(code).into_iter().map(|(_, s)| s).collect();
    assert_eq!(items, ["a", "b", "e"]);
}
