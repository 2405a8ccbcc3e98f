//! The shipped shell stays locked down: this test reads the configuration, the capabilities
//! and the UI files, and fails if any of it is loosened.

use std::path::Path;

type R = Result<(), Box<dyn std::error::Error>>;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn json(path: &Path) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
}

#[test]
fn the_csp_is_strict() -> R {
    let conf = json(&root().join("tauri.conf.json"))?;
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .ok_or("a CSP must be set")?;
    let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
    assert!(directives.contains(&"default-src 'self'"), "{csp}");
    assert!(directives.contains(&"script-src 'self'"), "{csp}");
    assert!(directives.contains(&"object-src 'none'"), "{csp}");
    for loose in [
        "unsafe-inline",
        "unsafe-eval",
        "http:",
        "https:",
        "*",
        "data: 'self'",
        "blob:",
    ] {
        let scripts_or_default = directives.iter().filter(|d| {
            d.starts_with("script-src")
                || d.starts_with("default-src")
                || d.starts_with("style-src")
        });
        for d in scripts_or_default {
            assert!(!d.contains(loose), "{d} must not allow {loose}");
        }
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{csp}"
    );
    // connect-src: only Tauri's IPC, nothing remote.
    let connect = directives
        .iter()
        .find(|d| d.starts_with("connect-src"))
        .ok_or("connect-src")?;
    assert_eq!(*connect, "connect-src ipc: http://ipc.localhost");
    assert!(conf["app"]["security"]["dangerousDisableAssetCspModification"].is_null());
    assert!(
        conf["build"]["devUrl"].is_null(),
        "no dev server: the UI is the shipped folder"
    );
    assert_eq!(conf["build"]["frontendDist"], "../ui");
    Ok(())
}

#[test]
fn capabilities_grant_only_what_the_ui_uses() -> R {
    let dir = root().join("capabilities");
    let files: Vec<_> = std::fs::read_dir(&dir)?.flatten().collect();
    assert_eq!(files.len(), 1, "one capability file");
    let cap = json(&files[0].path())?;
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    // The UI calls only the app's own commands; dialogs and the opener run in Rust, so the
    // webview gets no plugin permission at all, and in particular no file system access.
    assert_eq!(
        cap["permissions"],
        serde_json::json!([]),
        "no permission may be added without a reason and a test"
    );
    assert!(cap["remote"].is_null(), "no remote URL may use the IPC");
    let manifest = std::fs::read_to_string(root().join("Cargo.toml"))?;
    assert!(
        !manifest.contains("tauri-plugin-fs"),
        "no file system plugin"
    );
    assert!(!manifest.contains("tauri-plugin-shell"), "no shell plugin");
    Ok(())
}

#[test]
fn the_ui_has_no_inline_code_and_no_remote_content() -> R {
    let ui = root().join("../ui");
    let mut files = vec![ui.join("index.html"), ui.join("styles.css")];
    files.extend(
        std::fs::read_dir(ui.join("js"))?
            .flatten()
            .map(|e| e.path()),
    );
    for path in files {
        let text = std::fs::read_to_string(&path)?;
        let name = path.display();
        for remote in ["http://", "https://", "//fonts.", "cdn."] {
            assert!(
                !text.contains(remote),
                "{name} loads remote content ({remote})"
            );
        }
        for dangerous in [
            "eval(",
            "new Function",
            "innerHTML",
            "insertAdjacentHTML",
            "document.write",
        ] {
            assert!(!text.contains(dangerous), "{name} uses {dangerous}");
        }
        if path.extension().is_some_and(|e| e == "html") {
            assert!(
                !text.contains("<script>")
                    && !text.contains(" onclick=")
                    && !text.contains(" style="),
                "{name} has inline code or style"
            );
            assert_eq!(
                text.matches("<script").count(),
                text.matches("<script type=\"module\" src=\"js/").count(),
                "{name}: scripts only from files"
            );
        }
    }
    Ok(())
}

/// The menus are by task (issue 33): the plan's bar has one menu per group of steps, and no
/// menu holds more than 10 items, so each reads at a glance. Every item also does something:
/// its action is one the UI handles (app.js or the editor's `menu`).
#[test]
fn no_menu_holds_more_than_ten_items() -> R {
    let ui = root().join("../ui");
    let html = std::fs::read_to_string(ui.join("index.html"))?;
    let js = std::fs::read_to_string(ui.join("js/app.js"))?
        + &std::fs::read_to_string(ui.join("js/editor.js"))?;
    let mut menus = 0;
    for list in html.split("role=\"menu\"").skip(1) {
        let list = &list[..list.find("</ul>").ok_or("a menu without its </ul>")?];
        let actions: Vec<&str> = list
            .split("data-action=\"")
            .skip(1)
            .map(|a| &a[..a.find('"').unwrap_or(0)])
            .collect();
        assert!(!actions.is_empty(), "an empty menu in index.html");
        assert!(
            actions.len() <= 10,
            "a menu holds {} items: {actions:?}",
            actions.len()
        );
        for a in &actions {
            let handled = js.contains(&format!("action === '{a}'"))
                || a.starts_with("export-") && js.contains("action.startsWith('export-')")
                || a.starts_with("changes-") && js.contains("action.startsWith('changes-')");
            assert!(handled, "the menu item {a} is handled nowhere in the UI");
        }
        menus += 1;
    }
    assert_eq!(menus, 4, "the plan's menus: Anno, Piano, Stampa, File");
    Ok(())
}
