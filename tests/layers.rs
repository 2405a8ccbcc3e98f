//! The house's rules that the crate graph holds, checked where the graph itself can drift, and
//! the one it cannot express (ARCHITECTURE.md):
//!
//! - `piano-domain` and `piano-formats` have no rusqlite and no store in their dependency
//!   tree; only `piano-store` depends on rusqlite directly, so no other crate can name it.
//! - No file imports another that imports it back, inside any crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The package names in `package`'s dependency tree (normal dependencies only; `depth`: how
/// far down, `None` for all of it).
fn tree(package: &str, depth: Option<u32>) -> BTreeSet<String> {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.current_dir(workspace()).args([
        "tree", "--locked", "-e", "normal", "--prefix", "none", "--format", "{p}", "-p", package,
    ]);
    if let Some(d) = depth {
        cmd.args(["--depth", &d.to_string()]);
    }
    let out = cmd.output().expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree -p {package}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn sql_lives_in_the_store_crate_only() {
    for package in ["piano-domain", "piano-formats"] {
        let all = tree(package, None);
        for banned in [
            "rusqlite",
            "libsqlite3-sys",
            "rusqlite_migration",
            "piano-store",
        ] {
            assert!(
                !all.contains(banned),
                "{package} has {banned} in its dependency tree: {all:?}"
            );
        }
    }
    // The domain reads no file format either.
    let domain = tree("piano-domain", None);
    for banned in [
        "piano-formats",
        "printpdf",
        "calamine",
        "csv",
        "rust_xlsxwriter",
    ] {
        assert!(!domain.contains(banned), "piano-domain depends on {banned}");
    }
    // Above the store, rusqlite is out of reach: no crate but the store names it.
    for package in ["piano-obiettivi", "piano-obiettivi-app"] {
        let direct = tree(package, Some(1));
        assert!(
            !direct.contains("rusqlite"),
            "{package} depends on rusqlite directly: its SQL belongs in piano-store"
        );
    }
    assert!(tree("piano-store", Some(1)).contains("rusqlite"));
    assert!(!tree("piano-store", None).contains("piano-formats"));
}

/// What only tests may reach (`Store::conn()`, `Store::set_weight`, generated plans, the
/// shared fixtures) does not ship: no normal dependency path turns piano-store's
/// `test-support` feature on or reaches piano-testkit.
#[test]
fn test_support_does_not_ship() {
    for package in ["piano-obiettivi", "piano-obiettivi-app"] {
        // The shared fixtures (crates/testkit) are a dev-dependency, never a normal one.
        assert!(
            !tree(package, None).contains("piano-testkit"),
            "{package} ships piano-testkit"
        );
        let out = Command::new(env!("CARGO"))
            .current_dir(workspace())
            .args([
                "tree",
                "--locked",
                "-e",
                "normal,features",
                "-p",
                package,
                "-i",
                "piano-store",
            ])
            .output()
            .expect("cargo tree runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tree = String::from_utf8_lossy(&out.stdout);
        assert!(tree.contains("piano-store"), "{package}: {tree}");
        assert!(
            !tree.contains("test-support"),
            "{package} ships piano-store's test-support: {tree}"
        );
    }
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code before the unit tests at the bottom of a module, without line comments.
fn code_of(text: &str) -> String {
    let body = text.split("#[cfg(test)]").next().unwrap_or(text);
    body.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path in `code` that starts with `crate::` or `super::`, as its segments (a group,
/// `crate::{a, b::c}`, gives each member).
fn paths(code: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for head in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(found) = code[from..].find(head) {
            let i = from + found;
            from = i + head.len();
            if code[..i]
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == ':')
            {
                continue;
            }
            let root = head.trim_end_matches("::").to_string();
            expand(&code[from..], &[], &mut |segs| {
                out.push((root.clone(), segs))
            });
        }
    }
    out
}

/// Reads `a::b::{c, d::e}` at the start of `rest`, calling `found` with each whole path.
fn expand(rest: &str, prefix: &[String], found: &mut dyn FnMut(Vec<String>)) {
    let mut segs = prefix.to_vec();
    let mut rest = rest;
    loop {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if word.is_empty() {
            if let Some(group) = rest.strip_prefix('{') {
                let end = matching_brace(group);
                for member in split_top(&group[..end]) {
                    expand(member.trim(), &segs, found);
                }
                return;
            }
            break;
        }
        segs.push(word.clone());
        rest = &rest[word.len()..];
        match rest.strip_prefix("::") {
            Some(r) => rest = r,
            None => break,
        }
    }
    if !segs.is_empty() {
        found(segs);
    }
}

fn matching_brace(text: &str) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    text.len()
}

fn split_top(text: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// The module path of a file under `src` (`db/copies.rs` → [db, copies]; `lib.rs` and
/// `mod.rs` are their folder's module).
fn module_of(rel: &Path) -> Vec<String> {
    let mut segs: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = segs.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "lib" && stem != "mod" && stem != "main" {
        segs.push(stem.to_string());
    }
    segs
}

/// Which file of `files` (module path → file) a path names: the longest module it starts with.
fn target<'a>(
    files: &'a BTreeMap<Vec<String>, PathBuf>,
    module: &[String],
    is_face: bool,
    root: &str,
    segs: &[String],
) -> Option<&'a PathBuf> {
    let mut full: Vec<String> = match root {
        "crate" => Vec::new(),
        // A file's `super` is its folder's module; a face's (mod.rs) is the folder above.
        _ => {
            let mut m = module.to_vec();
            m.pop();
            if is_face {
                m.pop();
            }
            m
        }
    };
    full.extend(segs.iter().cloned());
    (1..=full.len())
        .rev()
        .find_map(|n| files.get(&full[..n]))
        .filter(|_| !full.is_empty())
}

/// The import circles between files of the crate whose sources are under `src`, each as the
/// files in a loop. Faces (`lib.rs`, `mod.rs`) only hand names on and are not part of a loop.
fn circles(src: &Path) -> Vec<Vec<String>> {
    let mut list = Vec::new();
    sources(src, &mut list);
    let files: BTreeMap<Vec<String>, PathBuf> = list
        .iter()
        .map(|f| (module_of(f.strip_prefix(src).unwrap()), f.clone()))
        .collect();
    let face = |f: &Path| {
        f.file_name()
            .is_some_and(|n| n == "lib.rs" || n == "mod.rs")
    };
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (module, file) in &files {
        if face(file) || file.file_name().is_some_and(|n| n == "main.rs") {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(file).expect("readable"));
        for (root, segs) in paths(&code) {
            if let Some(to) = target(&files, module, face(file), &root, &segs) {
                if to != file && !face(to) {
                    edges.entry(file.clone()).or_default().insert(to.clone());
                }
            }
        }
    }
    // A circle is a strongly connected part of more than one file: the files that reach a
    // file and that it reaches (plain reachability: the graphs are small).
    let mut found = Vec::new();
    let nodes: Vec<&PathBuf> = edges.keys().collect();
    let reach = |from: &PathBuf| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(n) = stack.pop() {
            for m in edges.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let mut done = BTreeSet::new();
    for n in nodes {
        if done.contains(n) {
            continue;
        }
        let from_n = reach(n);
        if !from_n.contains(n) {
            continue;
        }
        let group: Vec<String> = from_n
            .iter()
            .filter(|m| reach(m).contains(n))
            .map(|m| {
                done.insert(m.clone());
                m.strip_prefix(src).unwrap().display().to_string()
            })
            .collect();
        found.push(group);
    }
    found
}

#[test]
fn no_file_imports_one_that_imports_it_back() {
    let root = workspace();
    let mut crates = vec![root.join("src"), root.join("src-tauri/src")];
    for entry in std::fs::read_dir(root.join("crates")).expect("crates/") {
        crates.push(entry.expect("entry").path().join("src"));
    }
    for src in crates {
        let found = circles(&src);
        assert!(
            found.is_empty(),
            "files of {} import each other in a loop: {found:?}",
            src.display()
        );
    }
}

/// The checker itself: a crate where two files import each other, through a group and a
/// `super::` path, is named; a face that hands names on is not part of a loop.
#[test]
fn a_circle_is_named_and_a_face_is_not_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("db")).unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod db;\npub mod model;\n").unwrap();
    std::fs::write(
        src.join("db/mod.rs"),
        "mod backup;\nmod copies;\npub use copies::Outcome;\n",
    )
    .unwrap();
    std::fs::write(
        src.join("db/backup.rs"),
        "use super::{copies::{Outcome, before}};\n",
    )
    .unwrap();
    std::fs::write(
        src.join("db/copies.rs"),
        "use crate::model::Plan;\nfn f() { super::backup::vacuum_into(); }\n// crate::db::backup in a comment\n",
    )
    .unwrap();
    std::fs::write(src.join("model.rs"), "use crate::db::Outcome;\n").unwrap();
    assert_eq!(
        circles(src),
        vec![vec!["db/backup.rs".to_string(), "db/copies.rs".to_string()]],
        "one loop, between the two files; model.rs imports a face, which is no loop"
    );
    std::fs::write(src.join("db/copies.rs"), "use crate::model::Plan;\n").unwrap();
    assert!(circles(src).is_empty());
}
