//! The guide inside the app (issue 33): every chapter has a title and text, every link
//! between chapters resolves, no chapter carries raw HTML; every screen of the app and every
//! dialog of ui/js is mapped (ui/js/guide.js) to a chapter that exists.

use std::collections::HashSet;
use std::path::Path;

use piano::guide::{chapters, links, SOURCES};

fn ids() -> HashSet<&'static str> {
    SOURCES.iter().map(|(id, _)| *id).collect()
}

fn ui(file: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("ui/js")
            .join(file),
    )
    .expect(file)
}

#[test]
fn every_chapter_has_a_title_and_every_link_resolves() {
    let ids = ids();
    assert_eq!(ids.len(), SOURCES.len(), "chapter ids are unique");
    for c in chapters() {
        assert!(!c.title.is_empty(), "{}: no «# » title", c.id);
        assert!(
            c.html.starts_with("<h3>"),
            "{}: starts with its title",
            c.id
        );
        assert!(
            c.text.split_whitespace().count() > 60,
            "{}: too short",
            c.id
        );
    }
    let mut checked = 0;
    for (id, md) in SOURCES {
        assert!(!md.contains('<'), "{id}: raw HTML in the chapter");
        for target in links(md) {
            let chapter = target
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("{id}: link to {target} leaves the guide"));
            assert!(ids.contains(chapter), "{id}: dead link to #{chapter}");
            checked += 1;
        }
    }
    assert!(
        checked > 20,
        "the chapters link each other ({checked} links)"
    );
    // The guide's own words for the words the officer searches.
    let all: String = chapters().iter().map(|c| c.text.to_lowercase()).collect();
    for word in [
        "peso",
        "copia",
        "relazione",
        "monitoraggio",
        "danneggiato",
        "f1",
    ] {
        assert!(all.contains(word), "{word}");
    }
}

/// The literal starts of a JS expression's strings: `'A'` gives A, `` `B ${x} C` `` gives B;
/// stops at the first top-level comma or closing parenthesis (the end of an argument).
fn literal_starts(expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = expr.chars().peekable();
    let mut depth = 0i32;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '`' => {
                let quote = c;
                let mut s = String::new();
                let mut cut = false;
                while let Some(d) = chars.next() {
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            if !cut {
                                s.push(e);
                            }
                        }
                    } else if d == quote {
                        break;
                    } else if quote == '`' && d == '$' && chars.peek() == Some(&'{') {
                        // Skip the interpolation; the start stops here.
                        cut = true;
                        let mut braces = 0;
                        for e in chars.by_ref() {
                            if e == '{' {
                                braces += 1;
                            } else if e == '}' {
                                braces -= 1;
                                if braces == 0 {
                                    break;
                                }
                            }
                        }
                    } else if !cut {
                        s.push(d);
                    }
                }
                if !s.is_empty() {
                    out.push(s);
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => break,
            _ => {}
        }
    }
    out
}

/// guide.js's DIALOGS: (title start, chapter).
fn dialog_map() -> Vec<(String, String)> {
    let js = ui("guide.js");
    let start = js.find("export const DIALOGS = [").expect("DIALOGS");
    let end = start + js[start..].find("];").expect("end of DIALOGS");
    js[start..end]
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("['")?;
            let (title, rest) = l.split_once("', '")?;
            let chapter = rest.split_once('\'')?.0;
            Some((title.replace("\\'", "'"), chapter.to_string()))
        })
        .collect()
}

#[test]
fn every_dialog_and_every_screen_has_a_chapter() {
    let ids = ids();
    let map = dialog_map();
    assert!(map.len() > 40, "{} dialogs mapped", map.len());
    for (title, chapter) in &map {
        assert!(
            ids.contains(chapter.as_str()),
            "«{title}» → {chapter}: no such chapter"
        );
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/js");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "dialogs.js" || name == "guide.js" {
            continue;
        }
        let js = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = js.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let mut titles = Vec::new();
            for call in ["infoDialog(", "confirmDialog("] {
                if let Some(at) = line.find(call) {
                    if !line[..at].ends_with("function ") {
                        titles.push(literal_starts(&line[at + call.len()..]));
                    }
                }
            }
            if line.contains("formDialog({") {
                let title = lines[i..(i + 8).min(lines.len())]
                    .iter()
                    .find_map(|l| l.split_once("title: ").map(|(_, t)| t))
                    .unwrap_or_else(|| panic!("{name}:{}: a form without a title", i + 1));
                titles.push(literal_starts(title));
            }
            for starts in titles {
                assert!(
                    !starts.is_empty(),
                    "{name}:{}: a dialog without a title",
                    i + 1
                );
                for s in starts {
                    let hit = map.iter().find(|(t, _)| s.starts_with(t.as_str()));
                    assert!(
                        hit.is_some(),
                        "{name}:{}: the dialog «{s}» has no chapter in guide.js",
                        i + 1
                    );
                    seen += 1;
                }
            }
        }
    }
    assert!(seen > 45, "{seen} dialog titles found in ui/js");

    // Every screen the app shows sets its chapter.
    let app = ui("app.js");
    let screens: Vec<&str> = app
        .lines()
        .filter_map(|l| l.trim().strip_prefix("this.screen = '"))
        .filter_map(|l| l.split_once('\''))
        .map(|(id, _)| id)
        .collect();
    let shows = app
        .lines()
        .filter(|l| {
            l.trim_start().starts_with("async show") || l.trim_start().starts_with("async openPlan")
        })
        .count();
    assert_eq!(
        screens.len(),
        shows,
        "each screen of app.js sets app.screen"
    );
    for s in screens {
        assert!(ids.contains(s), "screen chapter {s} does not exist");
    }
}
