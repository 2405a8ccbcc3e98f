//! The plan in its place, end to end (issue 29): the «Albero della performance» of the
//! reference plan with a small DUP, filtered by Missione; an unlinked objective opened from
//! the tree and linked from its form by keyboard only (search, Enter); the coverage warning
//! going. The editor is compared with the database after every action, the tree with the
//! core's tree; axe audits the tree and the picker.

#[macro_use]
mod common;

use std::time::{Duration, Instant};

use common::ui::*;
use common::{App, Case, R};
use piano::domain::dup;
use piano::domain::ids::{AreaId, ObjectiveId};
use piano::prelude::*;

const DUP_CSV: &str = include_str!("../../tests/fixtures/dup-riferimento.csv");

/// The reference plan with its DUP, every objective linked by its first area except the
/// last objective of AREA POLIZIA LOCALE and of AREA SERVIZI TECNICI.
fn linked_plan(db: &std::path::Path) -> R<(i64, Vec<ObjectiveId>)> {
    let id = reference_plan_with_valid_weights(db)?;
    let mut store = piano::Store::open(db)?;
    store.import_dup(id, DUP_CSV.as_bytes(), "csv")?;
    let plan = store.load(id)?;
    let shares = plan.share_counts();
    let area = |name: &str| plan.areas.iter().find(|a| a.name == name).map(|a| a.id);
    let last_alone = |a: Option<AreaId>| {
        plan.placements
            .iter()
            .rfind(|p| Some(p.area_id) == a && shares[&p.objective_id] == 1)
            .map(|p| p.objective_id)
    };
    let left: Vec<ObjectiveId> = [
        last_alone(area("AREA POLIZIA LOCALE")),
        last_alone(area("AREA SERVIZI TECNICI")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut seen = std::collections::HashSet::new();
    for p in &plan.placements {
        if !seen.insert(p.objective_id) || left.contains(&p.objective_id) {
            continue;
        }
        let name = &plan
            .areas
            .iter()
            .find(|a| a.id == p.area_id)
            .ok_or("area")?
            .name;
        let code = match name.as_str() {
            "AREA AFFARI GENERALI" => "1.1",
            "AREA ECONOMICO FINANZIARIA" => "1.2",
            "AREA SERVIZI SOCIALI" => "2.1",
            _ => "2.2",
        };
        store.link_operational(id, &[p.objective_id], code)?;
    }
    Ok((id, left))
}

/// What the tree view shows: per operational objective the objectives below it, and the
/// unlinked ones.
const TREE_JS: &str = r#"
const ids = (r) => [...r.querySelectorAll('li[data-objective-id]')].map((li) => Number(li.dataset.objectiveId));
const tree = document.getElementById('tree');
if (!tree) return null;
return {
  operational: [...tree.querySelectorAll('.tree-operational')].map((o) => [o.dataset.code, ids(o)]),
  unlinked: ids(tree.querySelector('.tree-unlinked') || document.createElement('div')),
  coverage: document.getElementById('tree-coverage').textContent,
};
"#;

/// Waits until the tree on screen is the core's tree of the database (filtered by `mission`).
async fn tree_matches_db(
    app: &App,
    db: &std::path::Path,
    plan: i64,
    mission: Option<u8>,
    after: &str,
) -> R {
    let started = Instant::now();
    loop {
        let seen = app.js(TREE_JS).await?;
        let store = piano::Store::open(db)?;
        let t = dup::tree(&store.load(plan)?, mission);
        let want = serde_json::json!({
            "operational": t.strategic.iter().flat_map(|s| s.operational.iter())
                .map(|o| (o.goal.code.clone(), o.objectives.iter().map(|x| x.id).collect::<Vec<_>>()))
                .collect::<Vec<_>>(),
            "unlinked": t.unlinked.iter().map(|x| x.id).collect::<Vec<_>>(),
        });
        let n = t.unlinked.len();
        let coverage_ok = seen["coverage"].as_str().is_some_and(|c| match n {
            0 => c.contains("Ogni obiettivo del piano è collegato"),
            1 => c.contains("1 obiettivo non collegato"),
            n => c.contains(&format!("{n} obiettivi non collegati")),
        });
        if seen["operational"] == want["operational"]
            && seen["unlinked"] == want["unlinked"]
            && coverage_ok
        {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(8) {
            return Err(format!(
                "after {after}: the tree shows {seen} but the database has {want} ({n} unlinked)"
            )
            .into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn operational_of(db: &std::path::Path, plan: i64, objective: ObjectiveId) -> R<Option<String>> {
    let plan = piano::Store::open(db)?.load(plan)?;
    Ok(plan
        .objective(objective)
        .ok_or("objective")?
        .operational
        .clone())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_tree_follows_an_objective_linked_by_keyboard() -> R {
    let case = Case::new().await?;
    let db = case.db();
    let (plan, left) = linked_plan(&db)?;
    assert_eq!(left.len(), 2);
    let app = case.editor().await?;
    app.wait_text("#area-title", "AREA AFFARI GENERALI").await?;
    app.screen_matches_db("opening the plan").await?;

    // The tree: two unlinked objectives, 1.3 with nothing below it.
    menu(&app, "tree").await?;
    app.wait_text("#tree-coverage", "2 obiettivi non collegati")
        .await?;
    app.wait_text(
        "#tree-coverage",
        "1 obiettivo operativo senza obiettivi del piano",
    )
    .await?;
    tree_matches_db(&app, &db, plan, None, "opening the tree").await?;
    app.wait_text(
        ".tree-operational[data-code='2.1'] .tree-meta",
        "Missione 12 – Programma 12.07",
    )
    .await?;
    let mut faults = Vec::new();
    audit(&app, "albero della performance", &mut faults).await?;
    app.screenshot("50-albero-della-performance").await?;

    // Filtered by Missione 12: only 2.1 and its objectives.
    app.click("#tree-mission option[value='12']").await?;
    tree_matches_db(&app, &db, plan, Some(12), "filtering by Missione 12").await?;
    app.click("#tree-mission option[value='']").await?;
    tree_matches_db(&app, &db, plan, None, "showing every mission").await?;

    for (n, objective) in left.iter().enumerate() {
        // Opened from the tree: the editor on its area, its row in view.
        app.click(&format!(
            ".tree-unlinked li[data-objective-id='{objective}'] .tree-open"
        ))
        .await?;
        app.wait_for(&format!("tr[data-objective-id='{objective}']"))
            .await?;
        app.screen_matches_db("opening an objective from the tree")
            .await?;
        app.click(&format!(
            "tr[data-objective-id='{objective}'] .edit-objective"
        ))
        .await?;
        let search = app.wait_for("#f-obj-dup-search").await?;
        if n == 0 {
            audit(&app, "scelta dell'obiettivo operativo", &mut faults).await?;
        }
        // By keyboard: words of the title narrow the list to one, which is chosen; Enter saves.
        let before = app.dump()?;
        search.send_keys("polizia territorio").await?;
        app.wait_text("#f-obj-dup-search-hint", "1 obiettivo operativo trovato")
            .await?;
        let chosen = app
            .js("return document.getElementById('f-obj-operational').value")
            .await?;
        assert_eq!(chosen, "2.2");
        if n == 0 {
            app.screenshot("51-scelta-obiettivo-operativo").await?;
        }
        search.send_keys(ENTER).await?;
        app.saved_and_shown(&before, "linking an objective").await?;
        assert_eq!(
            operational_of(&db, plan, *objective)?.as_deref(),
            Some("2.2")
        );
        app.screen_matches_db("linking an objective").await?;

        // The tree follows.
        menu(&app, "tree").await?;
        tree_matches_db(&app, &db, plan, None, "linking an objective").await?;
    }
    app.wait_text("#tree-coverage", "Ogni obiettivo del piano è collegato")
        .await?;
    assert!(
        app.find(".tree-unlinked").await.is_err(),
        "no unlinked section left"
    );
    let store = piano::Store::open(&db)?;
    let p = store.load(plan)?;
    assert!(dup::coverage(&p).is_complete());
    assert!(!piano::check(&p)
        .problems
        .iter()
        .any(|x| x.kind == piano::domain::rules::ProblemKind::Unlinked));
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    app.quit().await
}
