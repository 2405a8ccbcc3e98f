//! The plan in its place (issue 29): the DUP's tree on the reference plan, its coverage, the
//! sheet in and out (all or nothing, row and column in every refusal), the links through a
//! roll forward and a variation.

mod common;

use common::R;
use piano::domain::dup;
use piano::domain::ids::{AreaId, ObjectiveId};
use piano::formats::dup_sheet;
use piano::prelude::*;
use piano::Error;
use piano_testkit::act;

/// The reference plan's small DUP, written out by hand: 2 strategic objectives, 5
/// operational ones in 3 missions (01, 03, 12).
const DUP_CSV: &str = include_str!("fixtures/dup-riferimento.csv");

/// The demo with its DUP, every objective linked by its first area except the last objective
/// of AREA POLIZIA LOCALE and of AREA SERVIZI TECNICI (neither cross-cutting); 1.3 gets none.
/// Returns the plan and the two unlinked objectives.
fn linked_demo() -> R<(Store, i64, Vec<ObjectiveId>)> {
    let (mut store, id) = common::demo()?;
    store.import_dup(id, DUP_CSV.as_bytes(), "csv")?;
    let plan = store.load(id)?;
    let shares = plan.share_counts();
    let area = |name: &str| plan.areas.iter().find(|a| a.name == name).unwrap().id;
    let last_alone = |a: AreaId| {
        plan.placements
            .iter()
            .rfind(|p| p.area_id == a && shares[&p.objective_id] == 1)
            .unwrap()
            .objective_id
    };
    let left = vec![
        last_alone(area("AREA POLIZIA LOCALE")),
        last_alone(area("AREA SERVIZI TECNICI")),
    ];
    let code_of = |a: &str| match a {
        "AREA AFFARI GENERALI" => "1.1",
        "AREA ECONOMICO FINANZIARIA" => "1.2",
        "AREA SERVIZI SOCIALI" => "2.1",
        _ => "2.2",
    };
    let mut seen = std::collections::HashSet::new();
    for p in &plan.placements {
        if !seen.insert(p.objective_id) || left.contains(&p.objective_id) {
            continue;
        }
        let name = &plan.areas.iter().find(|a| a.id == p.area_id).unwrap().name;
        // A cross-cutting objective links once, to the first area's objective.
        store.link_operational(id, &[p.objective_id], code_of(name))?;
    }
    Ok((store, id, left))
}

#[test]
fn the_reference_plan_in_its_tree_shows_exactly_the_gaps() -> R {
    let (mut store, id, left) = linked_demo()?;
    let plan = store.load(id)?;
    assert_eq!(plan.dup.len(), 7);
    assert_eq!(plan.placements.len(), 30);
    let linked_rows = plan
        .placements
        .iter()
        .filter(|p| {
            plan.objective(p.objective_id)
                .unwrap()
                .operational
                .is_some()
        })
        .count();
    assert_eq!(linked_rows, 28, "the 30 rows linked except 2");

    let c = dup::coverage(&plan);
    assert_eq!(c.unlinked, left, "exactly the two left out");
    assert_eq!(c.empty_operational, vec!["1.3".to_string()]);
    assert!(c.empty_strategic.is_empty());
    assert!(c.dangling.is_empty());

    // The classification read from «01.02», «1» + «1.3», «12» + «07».
    let g = |code: &str| plan.dup.iter().find(|g| g.code == code).unwrap();
    assert_eq!((g("1.1").mission, g("1.1").programme), (Some(1), Some(2)));
    assert_eq!((g("1.2").mission, g("1.2").programme), (Some(1), Some(3)));
    assert_eq!(
        g("2.1").classification(),
        "Missione 12 – Programma 12.07 Programmazione e governo della rete dei servizi sociosanitari e sociali"
    );
    assert_eq!(g("1.3").areas.len(), 2, "two areas separated by «;»");
    assert_eq!(g("1").scope, "Linea di mandato 1");

    // The checks beside the weights: a warning per unlinked objective, information for 1.3.
    let problems = piano::check(&plan).problems;
    let unlinked: Vec<_> = problems
        .iter()
        .filter(|p| p.kind == piano::domain::rules::ProblemKind::Unlinked)
        .collect();
    assert_eq!(unlinked.len(), 2);
    assert!(unlinked
        .iter()
        .all(|p| p.severity == piano::domain::rules::Severity::Warning));
    assert!(unlinked[0].message.contains("art. 170 TUEL"));
    let info: Vec<_> = problems
        .iter()
        .filter(|p| p.severity == piano::domain::rules::Severity::Info)
        .collect();
    assert_eq!(info.len(), 1);
    assert!(info[0].message.contains("1.3"), "{}", info[0].message);

    // The tree: per strategic objective its operational ones and the objectives below.
    let tree = dup::tree(&plan, None);
    assert_eq!(tree.strategic.len(), 2);
    let counted: usize = tree.strategic.iter().map(|s| s.objectives).sum();
    assert_eq!(counted + tree.unlinked.len(), plan.objectives.len());
    assert_eq!(
        tree.missions.iter().map(|m| m.0).collect::<Vec<_>>(),
        vec![1, 3, 12]
    );
    // Filtered by Missione 12: one branch, its objectives those of AREA SERVIZI SOCIALI.
    let social = dup::tree(&plan, Some(12));
    assert_eq!(social.strategic.len(), 1);
    assert_eq!(social.strategic[0].operational.len(), 1);
    assert_eq!(social.strategic[0].operational[0].goal.code, "2.1");
    let sociali = plan
        .areas
        .iter()
        .find(|a| a.name == "AREA SERVIZI SOCIALI")
        .unwrap()
        .id;
    assert!(social.strategic[0].operational[0]
        .objectives
        .iter()
        .all(|o| o.places[0].area_id == sociali));

    // Linking the two: the warnings go, the coverage is complete.
    store.link_operational(id, &left, "2.2")?;
    let plan = store.load(id)?;
    assert!(dup::coverage(&plan).is_complete());
    assert!(!piano::check(&plan)
        .problems
        .iter()
        .any(|p| p.kind == piano::domain::rules::ProblemKind::Unlinked));
    Ok(())
}

#[test]
fn a_link_must_name_an_operational_objective_of_the_plan() -> R {
    let (mut store, id, left) = linked_demo()?;
    let before = store.dump()?;
    for (code, says) in [
        ("1", "strategico"),
        ("9.9", "non ha un obiettivo operativo «9.9»"),
    ] {
        let err = store.link_operational(id, &left, code).unwrap_err();
        assert!(err.to_string().contains(says), "{code}: {err}");
    }
    assert_eq!(store.dump()?, before, "nothing written");
    // Case and blanks as typed: « 2.2 » is 2.2; blank unlinks.
    assert_eq!(
        store.link_operational(id, &left[..1], " 2.2 ")?,
        Some("2.2".to_string())
    );
    assert_eq!(store.link_operational(id, &left[..1], "")?, None);
    // A DUP re-imported without a code still linked is refused, nothing saved.
    let before = store.dump()?;
    let without: String = DUP_CSV
        .lines()
        .filter(|l| !l.starts_with("2.1;"))
        .map(|l| format!("{l}\n"))
        .collect();
    let err = store.import_dup(id, without.as_bytes(), "csv").unwrap_err();
    assert!(err.to_string().contains("collegato a 2.1"), "{err}");
    assert_eq!(store.dump()?, before);
    Ok(())
}

#[test]
fn the_dup_sheet_round_trips_shuffled_and_in_capitals() -> R {
    let (mut store, id, _) = linked_demo()?;
    let plan = store.load(id)?;
    let csv = dup_sheet::to_csv(&plan.dup, &plan.areas)?;
    let mut rows = common::read_csv(&csv)?;
    assert_eq!(rows.len(), 8);
    // Headers retyped in capitals, rows shuffled (reversed, then the middle rotated).
    for h in rows[0].iter_mut() {
        *h = h.to_uppercase();
    }
    let mut body: Vec<Vec<String>> = rows.drain(1..).collect();
    body.reverse();
    body[1..6].rotate_left(2);
    rows.extend(body);
    let shuffled = common::write_csv(&rows)?;
    let goals = store.import_dup(id, &shuffled, "csv")?;
    let again = store.load(id)?;
    assert_eq!(again.dup, plan.dup, "the same tree");
    assert_eq!(goals, plan.dup);
    assert_eq!(dup_sheet::to_csv(&again.dup, &again.areas)?, csv);
    // The workbook reads back the same.
    let xlsx = dup_sheet::to_xlsx(&again.dup, &again.areas)?;
    let read = dup_sheet::read(&xlsx, "xlsx")?;
    assert_eq!(dup::from_rows(&read, &again.areas)?, plan.dup);
    Ok(())
}

#[test]
fn a_wrong_dup_sheet_is_refused_with_row_and_column_and_nothing_saved() -> R {
    let (mut store, id, _) = linked_demo()?;
    let before = store.dump()?;
    let header = DUP_CSV.lines().next().unwrap();
    let cases: [(&str, &str, &str); 6] = [
        (
            "1;strategico;A;;;;01;;\n1.1;operativo;B;;;1;25;01;\n",
            "riga 3, colonna «Missione»",
            "la Missione «25» non esiste",
        ),
        (
            "1;strategico;A;;;;;;\n1.1;operativo;B;;;1;;;\n1.1.1;operativo;C;;;1.1;;;\n",
            "riga 4, colonna «Codice padre»",
            "non è un obiettivo strategico",
        ),
        (
            "1;strategico;A;;;;;;\n1.1;operativo;B;;;1;;;\n1.1;operativo;C;;;1;;;\n",
            "riga 4, colonna «Codice»",
            "è già alla riga 3",
        ),
        (
            "1;strategico;A;;;1.1;;;\n1.1;operativo;B;;;1;;;\n",
            "riga 2, colonna «Codice padre»",
            "ciclo (1 → 1.1 → 1)",
        ),
        (
            "1;strategico;A;;;;01;13;\n",
            "riga 2, colonna «Programma»",
            "non ha un Programma 13",
        ),
        (
            "1;strategico;A;;;;;;\n1.1;operativo;B;;;1;;;AREA INESISTENTE\n",
            "riga 3, colonna «Area»",
            "non è un'area del piano",
        ),
    ];
    for (body, at, says) in cases {
        let sheet = format!("{header}\n{body}");
        let err = store.import_dup(id, sheet.as_bytes(), "csv").unwrap_err();
        let text = err.to_string();
        assert!(text.contains(at) && text.contains(says), "{at}: {text}");
        assert_eq!(store.dump()?, before, "{at}: nothing saved");
    }
    // All of a sheet's problems at once.
    let sheet = format!("{header}\n1;strategico;;;;;25;;\n1;boh;B;;;;;;\n");
    let Err(Error::SheetProblems(all)) = store.import_dup(id, sheet.as_bytes(), "csv") else {
        panic!("several problems");
    };
    assert_eq!(all.len(), 4, "{all:?}");
    // A sheet that is not the DUP's.
    let err = store
        .import_dup(id, b"Area;Anni;Peso\nA;2020;10\n", "csv")
        .unwrap_err();
    assert!(err.to_string().contains("non è il foglio del DUP"), "{err}");
    assert_eq!(store.dump()?, before);
    Ok(())
}

#[test]
fn links_survive_a_roll_forward_and_a_relink_is_in_the_change_annex() -> R {
    let (mut store, id, left) = linked_demo()?;
    let plan = store.load(id)?;
    let next = store.roll_forward(id, 2021, None)?;
    let rolled = store.load(next)?;
    assert_eq!(links_of(&rolled), links_of(&plan), "every link kept");
    assert_eq!(rolled.dup.len(), plan.dup.len());
    // The areas of a goal follow the copy.
    let names = |p: &piano::FullPlan, code: &str| -> Vec<String> {
        let g = p.dup.iter().find(|g| g.code == code).unwrap();
        g.areas
            .iter()
            .map(|a| p.areas.iter().find(|x| x.id == *a).unwrap().name.clone())
            .collect()
    };
    assert_eq!(names(&rolled, "2.2"), names(&plan, "2.2"));

    // Approved, the tree is frozen with the version.
    common::fix_demo_weights(&mut store, id)?;
    store.approve(id, &act("12", "2020-02-15"), true)?;
    let err = store.import_dup(id, DUP_CSV.as_bytes(), "csv").unwrap_err();
    assert!(matches!(err, Error::Frozen), "{err}");
    let err = store.link_operational(id, &left, "2.2").unwrap_err();
    assert!(matches!(err, Error::Frozen), "{err}");

    // A variation carries the tree; relinking an objective is a change of the annex.
    let v2 = store.vary(id)?;
    let varied = store.load(v2)?;
    assert_eq!(varied.dup, {
        // Same tree, area ids of the new version.
        let mut d = plan.dup.clone();
        for g in &mut d {
            for a in &mut g.areas {
                let name = &plan.areas.iter().find(|x| x.id == *a).unwrap().name;
                *a = varied.areas.iter().find(|x| &x.name == name).unwrap().id;
            }
        }
        d
    });
    let moved = varied
        .objectives
        .iter()
        .find(|o| o.operational.as_deref() == Some("2.1"))
        .unwrap()
        .id;
    store.link_operational(v2, &[moved], "1.3")?;
    let changes = store.changes(id, None, None)?;
    let field: Vec<_> = changes
        .texts
        .iter()
        .flat_map(|t| t.fields.iter())
        .filter(|f| f.field == "Obiettivo operativo (DUP)")
        .collect();
    assert_eq!(field.len(), 1, "{:?}", changes.texts);
    assert_eq!(field[0].before, "2.1 – Rete dei servizi sociali");
    assert_eq!(field[0].after, "1.3 – Sistemi informativi");
    let csv = String::from_utf8(piano::formats::changes::to_csv(&changes)?)?;
    assert!(csv.contains("Obiettivo operativo (DUP)"), "{csv}");
    assert!(csv.contains("1.3 – Sistemi informativi"), "{csv}");
    Ok(())
}

#[test]
fn the_annex_with_the_dup_and_the_tree_print_are_pdfa_and_the_default_annex_is_unchanged() -> R {
    use piano::formats::pdf::{self, Options};
    let (store, id) = common::demo()?;
    let before = store.load(id)?;
    let text = |plan: &piano::FullPlan, options: &Options| -> R<String> {
        let bytes = pdf::render(plan, &piano::check(plan), options)?;
        common::pdftotext(&bytes, &["-layout"])
    };
    let draft = Options {
        draft: true,
        ..Default::default()
    };
    let plain = text(&before, &Options::default())?;
    drop(store);
    let (store, id2, _) = linked_demo()?;
    let plan = store.load(id2)?;
    assert_eq!(id, id2);
    // The default annex reads the same, byte for byte in text, with the DUP in the plan.
    assert_eq!(text(&plan, &Options::default())?, plain);
    // (A draft lists the unlinked objectives among its warnings: that is what it is for.)
    assert!(text(&plan, &draft)?.contains("non è collegato"));

    // «con il collegamento al DUP»: under each linked description, its operational objective.
    let with = Options {
        dup: true,
        ..Default::default()
    };
    let bytes = pdf::render(&plan, &piano::check(&plan), &with)?;
    common::assert_pdfa(&bytes, "annex with the DUP")?;
    let t = common::squash(&common::pdftotext(&bytes, &[])?);
    assert!(
        t.contains(&common::squash(
            "Obiettivo operativo DUP 2.1 – Rete dei servizi sociali (Missione 12 – Programma 12.07"
        )),
        "{t}"
    );
    let linked = plan
        .objectives
        .iter()
        .filter(|o| o.operational.is_some())
        .count();
    assert_eq!(t.matches("ObiettivooperativoDUP").count(), {
        // One line per printed row: a cross-cutting objective prints in each of its rows.
        plan.placements
            .iter()
            .filter(|p| {
                plan.objective(p.objective_id)
                    .unwrap()
                    .operational
                    .is_some()
            })
            .count()
    });
    assert!(linked > 0);

    // The tree print: every strategic and operational objective, every objective of the
    // plan once, the two unlinked ones in their own section.
    let tree = piano::formats::files::Document::DupTree(&plan)
        .write(piano::formats::files::FileType::Pdf)?;
    common::assert_pdfa(&tree, "the tree")?;
    let t = common::squash(&common::pdftotext(&tree, &[])?);
    for g in &plan.dup {
        assert!(t.contains(&common::squash(&g.title)), "{}", g.title);
    }
    assert!(t.contains(&common::squash("OBIETTIVI DEL PIANO NON COLLEGATI AL DUP")));
    assert!(t.contains(&common::squash(
        "Obiettivi operativi senza obiettivi del piano: 1.3"
    )));
    if let Ok(dir) = std::env::var("PIANO_PDF_OUT") {
        std::fs::write(format!("{dir}/albero-della-performance.pdf"), &tree)?;
        std::fs::write(format!("{dir}/allegato-con-dup.pdf"), &bytes)?;
    }
    Ok(())
}

/// The objectives' links by description and area names, to compare two plans.
fn links_of(plan: &piano::FullPlan) -> Vec<(String, Option<String>)> {
    let mut v: Vec<(String, Option<String>)> = plan
        .objectives
        .iter()
        .map(|o| (o.text.description.clone(), o.operational.clone()))
        .collect();
    v.sort();
    v
}

#[test]
fn the_flat_sheet_and_the_json_copy_carry_the_links() -> R {
    let (mut store, id, _) = linked_demo()?;
    let plan = store.load(id)?;
    // The flat sheet gains «Obiettivo operativo»; a plan without links is written as before.
    let csv = piano::formats::sheet::to_csv(&plan)?;
    let rows = common::read_csv(&csv)?;
    assert_eq!(
        rows[0].last().map(String::as_str),
        Some("Obiettivo operativo")
    );
    let demo_id = store.load_demo()?;
    let demo = store.load(demo_id)?;
    let plain = common::read_csv(&piano::formats::sheet::to_csv(&demo)?)?;
    assert!(!plain[0].iter().any(|h| h == "Obiettivo operativo"));

    // A new plan from the sheet keeps the codes; its DUP, imported after, covers them.
    let copy = store.import_csv(&csv, &piano::ImportOptions::default())?;
    store.import_dup(copy, DUP_CSV.as_bytes(), "csv")?;
    let copied = store.load(copy)?;
    assert_eq!(links_of(&copied), links_of(&plan));
    assert_eq!(dup::coverage(&copied), {
        let mut c = dup::coverage(&plan);
        // Same objectives, other ids: compare by description.
        let d = |p: &piano::FullPlan, ids: &[ObjectiveId]| -> Vec<String> {
            ids.iter()
                .map(|i| p.objective(*i).unwrap().text.description.clone())
                .collect()
        };
        assert_eq!(
            d(&plan, &c.unlinked),
            d(&copied, &dup::coverage(&copied).unlinked)
        );
        c.unlinked = dup::coverage(&copied).unlinked;
        c
    });

    // The JSON copy: the tree and every link.
    let json = piano::formats::json::to_json(&plan)?;
    let again = store.import_json(&json)?;
    let again = store.load(again)?;
    assert_eq!(links_of(&again), links_of(&plan));
    assert_eq!(again.dup.len(), plan.dup.len());
    Ok(())
}

#[test]
fn an_update_from_a_sheet_keeps_the_tree_and_checks_the_codes() -> R {
    use piano::formats::files::{plan_rows, PlanSource};
    let (mut store, id, _) = linked_demo()?;
    let plan = store.load(id)?;
    let mut rows = common::read_csv(&piano::formats::sheet::to_csv(&plan)?)?;
    // Without the column (an office's own sheet): links and the DUP's areas stay.
    let without: Vec<Vec<String>> = rows.iter().map(|r| r[..r.len() - 1].to_vec()).collect();
    let (_, parsed) = plan_rows(PlanSource::Text, &common::write_csv(&without)?, None)?;
    store.update_from_rows(id, &parsed, &[])?;
    let updated = store.load(id)?;
    assert_eq!(links_of(&updated), links_of(&plan));
    let areas = |p: &piano::FullPlan| -> Vec<(String, Vec<String>)> {
        p.dup
            .iter()
            .map(|g| {
                (
                    g.code.clone(),
                    g.areas
                        .iter()
                        .map(|a| p.areas.iter().find(|x| x.id == *a).unwrap().name.clone())
                        .collect(),
                )
            })
            .collect()
    };
    assert_eq!(areas(&updated), areas(&plan));

    // With the column: a code relinks (case as the tree writes it); an unknown one is
    // refused with its row and column, nothing saved.
    let col = rows[0].len() - 1;
    let first_unlinked_row = rows.iter().position(|r| r[col].is_empty()).ok_or("a row")?;
    rows[first_unlinked_row][col] = "2.2".into();
    let (_, parsed) = plan_rows(PlanSource::Text, &common::write_csv(&rows)?, None)?;
    store.update_from_rows(id, &parsed, &[])?;
    assert_eq!(dup::coverage(&store.load(id)?).unlinked.len(), 1);
    let before = store.dump()?;
    rows[1][col] = "7.7".into();
    let (_, parsed) = plan_rows(PlanSource::Text, &common::write_csv(&rows)?, None)?;
    let err = store.update_from_rows(id, &parsed, &[]).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("riga 2, colonna «Obiettivo operativo»")
            && text.contains("non ha un obiettivo operativo «7.7»"),
        "{text}"
    );
    assert_eq!(store.dump()?, before, "nothing saved");
    Ok(())
}
