//! What the end-to-end scenarios share: typing an objective, picking an area or a row's
//! menu, moving focus with Tab, reading a PDF the app wrote, the reference plan approved,
//! and the `step!` macro that compares the screen with the database after an action.

#![allow(dead_code)]

use fantoccini::Locator;
use piano::prelude::*;

use super::{App, R};

pub const ENTER: &str = "\u{E007}";

pub const ESCAPE: &str = "\u{E00C}";

pub fn objective_count(db: &std::path::Path) -> R<usize> {
    let store = piano::Store::open(db)?;
    let mut n = 0;
    for p in store.list_plans()? {
        n += store.load(p.id)?.placements.len();
    }
    Ok(n)
}

pub async fn add_objective(app: &App, section: &str, description: &str, weight: &str) -> R {
    app.click(&format!("{section} .add-objective")).await?;
    app.fill("#f-obj-service", "SERVIZI INFORMATICI").await?;
    app.fill("#f-obj-description", description).await?;
    app.fill("#f-obj-result", "Entro il 31.12.2025").await?;
    app.fill(
        "#f-obj-indicator",
        "Breve e documentata relazione del responsabile",
    )
    .await?;
    app.fill("#f-obj-weight", weight).await?;
    app.click("dialog[open] button[type=submit]").await?;
    Ok(())
}

pub async fn select_area(app: &App, name: &str) -> R {
    let xpath = format!("//ol[@id='area-list']/li[.//span[@class='name' and text()='{name}']]//button[contains(@class,'area-pick')]");
    app.client
        .find(Locator::XPath(&xpath))
        .await?
        .click()
        .await?;
    app.wait_text("#area-title", name).await?;
    Ok(())
}

/// The id of the area named `name`, as the area list shows it.
pub async fn area_id(app: &App, name: &str) -> R<i64> {
    let v = app
        .client
        .execute(
            "const li = [...document.querySelectorAll('#area-list > li')].find((l) => l.querySelector('.name').textContent === arguments[0]); return li ? Number(li.dataset.areaId) : null;",
            vec![serde_json::json!(name)],
        )
        .await?;
    v.as_i64()
        .ok_or_else(|| format!("no area {name} in the list").into())
}

/// Opens the "⋯" menu of the `n`-th row (1-based) of a period section and picks `item`.
pub async fn row_menu(app: &App, section: &str, n: usize, item: &str) -> R {
    app.click(&format!("{section} tbody tr:nth-child({n}) .row-menu"))
        .await?;
    app.click(&format!("dialog[open] {item}")).await?;
    Ok(())
}

/// The text of a PDF the app wrote, as poppler's pdftotext reads it.
pub fn pdf_text(pdf: &std::path::Path) -> R<String> {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs `action`, then waits until it is saved and the screen shows the database's state.
#[allow(unused_macros)]
macro_rules! step {
    ($app:expr, $label:expr, $action:expr) => {{
        let before = $app.dump()?;
        $action;
        $app.saved_and_shown(&before, $label).await?;
    }};
}

/// Presses Tab until the focused element matches `css` (at most `max` times).
pub async fn tab_to(app: &App, css: &str, max: usize) -> R {
    for _ in 0..max {
        let hit = app
            .js(&format!("return document.activeElement.matches({css:?})"))
            .await?;
        if hit == serde_json::json!(true) {
            return Ok(());
        }
        app.client
            .active_element()
            .await?
            .send_keys("\u{E004}")
            .await?;
    }
    let at = app
        .js("const e = document.activeElement; return e ? e.outerHTML.slice(0, 200) : 'nothing';")
        .await?;
    Err(format!("Tab never reached {css}; focus is on {at}").into())
}

pub async fn type_keys(app: &App, keys: &str) -> R {
    app.client.active_element().await?.send_keys(keys).await?;
    Ok(())
}

/// The reference plan with its one weight error fixed (AREA SERVIZI SOCIALI, 2021-2022:
/// its first row 30 → 40), so that it can be approved.
pub fn reference_plan_with_valid_weights(db: &std::path::Path) -> R<i64> {
    Ok(piano_testkit::valid_reference_plan(
        &mut piano::Store::open(db)?,
    )?)
}

#[allow(unused_imports)]
pub use piano_testkit::giunta_2020;

/// The reference plan, approved, with the code of conduct as a prerequisite objective.
pub fn approved_reference_plan(db: &std::path::Path) -> R<i64> {
    Ok(piano_testkit::approved_reference_plan(&mut piano::Store::open(db)?)?.0)
}

/// Types one row of the results table and leaves it (focus on the area's title).
pub async fn type_result(app: &App, row: usize, value: &str, pct: &str, note: &str) -> R {
    let tr = format!(".results-table tbody tr:nth-child({row})");
    app.fill(&format!("{tr} .r-value"), value).await?;
    app.fill(&format!("{tr} .r-ach"), pct).await?;
    if note.is_empty() {
        // Left as it is: clearing it would blur the row, save it and redraw the view under
        // the next click (a stale element, now and then).
        let typed = app
            .wait_for(&format!("{tr} .r-note"))
            .await?
            .prop("value")
            .await?;
        assert_eq!(typed.as_deref(), Some(""), "row {row}'s note starts empty");
    } else {
        app.fill(&format!("{tr} .r-note"), note).await?;
    }
    app.click("#results-area-title").await?;
    Ok(())
}

/// The score of AREA AFFARI GENERALI in 2020 as the database has it (hundredths), and how
/// many of its results are missing.
pub fn saved_score(db: &std::path::Path, plan: i64) -> R<(u32, usize)> {
    let y = piano::Store::open(db)?.year_results(plan, 2020)?;
    let a = &y.areas[0];
    Ok((a.score, a.missing.len()))
}

/// Waits until the database holds `want` as [`saved_score`] reads it: the screen may show the
/// preview's figures before the save has landed (a race CI met under load).
pub async fn wait_saved_score(db: &std::path::Path, plan: i64, want: (u32, usize)) -> R {
    let started = std::time::Instant::now();
    loop {
        let got = saved_score(db, plan)?;
        if got == want {
            return Ok(());
        }
        if started.elapsed() > std::time::Duration::from_secs(8) {
            return Err(format!("the database holds {got:?}, expected {want:?}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// axe-core 4.14.1 (MPL-2.0), vendored from the npm package: tests/axe/.
const AXE: &str = include_str!("../../../tests/axe/axe.min.js");

/// The WCAG 2.0 and 2.1 rules at levels A and AA.
const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
  .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), why: n.failureSummary })) }))))
  .catch((e) => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));
"#;

/// Runs axe-core on the page as it is now (a dialog open, if one is): every WCAG 2.1 A/AA
/// violation, as "rule: help — element (html): why". Empty when the screen passes.
pub async fn axe_violations(app: &App) -> R<Vec<String>> {
    let loaded = app.js("return typeof window.axe === 'object'").await?;
    if loaded != serde_json::json!(true) {
        app.client.execute(AXE, vec![]).await?;
    }
    let found = app.client.execute_async(AXE_RUN, vec![]).await?;
    let mut out = Vec::new();
    for v in found.as_array().cloned().unwrap_or_default() {
        let nodes = v["nodes"].as_array().cloned().unwrap_or_default();
        if nodes.is_empty() {
            out.push(format!(
                "{}: {}",
                v["id"].as_str().unwrap_or("?"),
                v["help"]
            ));
        }
        for n in nodes {
            out.push(format!(
                "{} ({}): {} — {} ({}): {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or(""),
                n["target"].as_str().unwrap_or(""),
                n["html"].as_str().unwrap_or(""),
                n["why"].as_str().unwrap_or("").replace('\n', " ")
            ));
        }
    }
    Ok(out)
}

/// Audits the screen with axe-core and adds what it finds to `faults`, under `screen`.
pub async fn audit(app: &App, screen: &str, faults: &mut Vec<String>) -> R {
    // Let the last frame paint: colour contrast is read from what is drawn.
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    for v in axe_violations(app).await? {
        faults.push(format!("[{screen}] {v}"));
    }
    Ok(())
}

/// Closes the innermost open dialog, as its Annulla or Chiudi would.
pub async fn close_dialog(app: &App) -> R {
    app.js(
        "const d = [...document.querySelectorAll('dialog[open]')].pop(); if (d) d.close('cancel');",
    )
    .await?;
    Ok(())
}

/// What a small screen breaks, measured from the page's own geometry (WCAG 1.4.10): a word
/// broken inside (hyphenated words and paths aside), a number wrapped, a control or label
/// overlapping another, text spilling out of its cell or box, and a page wider than the
/// window.
const LAYOUT_JS: &str = r#"
const faults = [];
const describe = (el) => {
  const id = el.id ? `#${el.id}` : '';
  const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
  return `${el.tagName.toLowerCase()}${id}${cls}`;
};
const shown = (el) => {
  if (el.closest('[hidden], .visually-hidden, dialog:not([open])')) return false;
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
};
// Inert page behind an open dialog is not what the officer reads.
const root = [...document.querySelectorAll('dialog[open]')].pop() || document.body;
// 1, 2: words and numbers broken over two lines.
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
let node;
while ((node = walker.nextNode())) {
  const parent = node.parentElement;
  if (!parent || !shown(parent) || parent.closest('script, style, textarea, select, option')) continue;
  const text = node.textContent;
  const re = /\S+/g;
  let m;
  while ((m = re.exec(text))) {
    const word = m[0];
    if (word.length < 2) continue;
    const range = document.createRange();
    range.setStart(node, m.index);
    range.setEnd(node, m.index + word.length);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0.5).map((r) => Math.round(r.top)));
    if (tops.size < 2) continue;
    const number = /^[(«]?[\d][\d.,]*%?[)»,;:.]?$/.test(word);
    if (!number && /[-/\\_–—]/.test(word)) continue;
    faults.push(`${number ? 'number wrapped' : 'word broken'}: «${word}» in ${describe(parent)}`);
  }
}
// 3: controls and labels that overlap.
const layer = (el) => {
  for (let e = el; e && e !== root.parentElement; e = e.parentElement) {
    const p = getComputedStyle(e).position;
    if (p === 'sticky' || p === 'fixed' || e.classList.contains('menu-list')) return e;
  }
  return null;
};
// (The skip link waits off screen until it gets the focus.)
// What of a box can be seen: its rectangle cut by every box around it that clips (a list
// that scrolls shows only its window; what is scrolled out of it overlaps nothing).
const seen = (el) => {
  const r = el.getBoundingClientRect();
  let { left, top, right, bottom } = r;
  for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
    const s = getComputedStyle(p);
    if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
    const c = p.getBoundingClientRect();
    left = Math.max(left, c.left); top = Math.max(top, c.top);
    right = Math.min(right, c.right); bottom = Math.min(bottom, c.bottom);
  }
  return { left, top, right, bottom };
};
const boxes = [...root.querySelectorAll('button, a, input, select, textarea, label, h1, h2, h3, .badge, .status, .saved-at, .version-label, th')]
  .filter((el) => shown(el) && !el.classList.contains('skip-link'))
  .map((el) => ({ el, r: seen(el) }))
  .filter((b) => b.r.right - b.r.left > 1 && b.r.bottom - b.r.top > 1);
for (let i = 0; i < boxes.length; i++) {
  for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
    // An open menu, a sticky bar (a dialog's buttons) or a message is a layer over what
    // scrolls beneath it: it covers it on purpose.
    if (layer(a.el) !== layer(b.el)) continue;
    const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
    const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
    if (w > 1 && h > 1) faults.push(`overlap: ${describe(a.el)} «${a.el.textContent.trim().slice(0, 30)}» and ${describe(b.el)} «${b.el.textContent.trim().slice(0, 30)}»`);
  }
}
// 3b: controls cut off by the window's edges (not those in a box that scrolls sideways), and
// items of a menu or layer that run past the bottom of the window without scrolling.
const scrollsSideways = (el) => {
  for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
    const o = getComputedStyle(e).overflowX;
    if (o === 'auto' || o === 'scroll') return true;
  }
  return false;
};
for (const { el, r } of boxes) {
  if ((r.left < -1 || r.right > window.innerWidth + 1) && !scrollsSideways(el)) {
    faults.push(`cut off: ${describe(el)} «${el.textContent.trim().slice(0, 30)}» (${Math.round(r.left)}–${Math.round(r.right)} of ${window.innerWidth})`);
  }
  const over = layer(el);
  if (over && r.bottom > window.innerHeight + 1 && over.scrollHeight <= over.clientHeight + 1) {
    faults.push(`cut off below: ${describe(el)} «${el.textContent.trim().slice(0, 30)}» (bottom ${Math.round(r.bottom)} of ${window.innerHeight})`);
  }
}
// 4: text that spills out of its cell or box.
for (const el of root.querySelectorAll('td, th, button, label, .badge, .status, h1, h2, h3, dd, dt, li, p')) {
  if (!shown(el)) continue;
  const s = getComputedStyle(el);
  if (s.overflowX !== 'visible') continue;
  if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
    faults.push(`spills: ${describe(el)} «${el.textContent.trim().slice(0, 40)}» (${el.scrollWidth} > ${el.clientWidth})`);
  }
}
// 5: the page wider than the window (it would need sideways scrolling).
const doc = document.scrollingElement || document.documentElement;
if (doc.scrollWidth > window.innerWidth + 1) faults.push(`page wider than the window: ${doc.scrollWidth} > ${window.innerWidth}`);
return faults;
"#;

/// The layout faults of the page as it is now (see LAYOUT_JS).
pub async fn layout_faults(app: &App) -> R<Vec<String>> {
    let found = app.js(LAYOUT_JS).await?;
    Ok(found
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect())
}

/// The reference sheet as an area sends it back, its first weight changed: it imports, and
/// it updates the example plan after a preview.
pub fn sheet_from_the_areas(dir: &std::path::Path) -> R<std::path::PathBuf> {
    let original = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../data/piano-obiettivi-2020-2022.csv"),
    )?;
    let mut lines: Vec<String> = original.lines().map(String::from).collect();
    lines[1] = format!("{};40", lines[1].rsplit_once(';').ok_or("line")?.0);
    let sheet = dir.join("dalle-aree.csv");
    std::fs::write(&sheet, lines.join("\n"))?;
    Ok(sheet)
}

/// The plan's menus, by task (ui/index.html: `#menu-{name}-button`, `#menu-{name}-list`).
pub const MENUS: [&str; 4] = ["anno", "piano", "stampa", "file"];

/// Chooses `action` in the plan's menus, as the officer does: the menus are by task («Anno»,
/// «Piano», «Stampa», «File»), so the one that holds the item is opened first.
pub async fn menu(app: &App, action: &str) -> R {
    let item = format!("#plan-menus [data-action={action}]");
    let button = app
        .js(&format!(
            "const i = document.querySelector('{item}'); \
             return i ? '#' + i.closest('.menu').querySelector('.menu-button').id : null"
        ))
        .await?;
    let button = button
        .as_str()
        .ok_or_else(|| format!("no menu holds the item {action}"))?
        .to_string();
    app.click(&button).await?;
    app.click(&item).await
}

/// Approves the plan on screen from the menu: the Giunta's act n. 12 of 15/02/2020, the
/// warnings confirmed.
pub async fn approve_in_window(app: &App) -> R {
    menu(app, "approve").await?;
    app.fill("#f-act-number", "12").await?;
    app.fill("#f-act-date", "15/02/2020").await?;
    app.wait_for("#f-act-confirm")
        .await?
        .select_by_label("Sì, approvo comunque")
        .await?;
    app.click("dialog[open] button[type=submit]").await
}
