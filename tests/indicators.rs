//! Measurable objectives on the reference plan: the targets its expected results state,
//! proposed row by row; indicators frozen and carried by versions; the flat sheet's
//! indicator columns; achievements computed from measured values.

mod common;

use common::R;
use piano::domain::indicators::{objective_years, propose, Proposal};
use piano::prelude::*;
use piano::Store;

/// What `--suggest` must propose for each row of the reference CSV (1-based row, after the
/// header), written out by hand from the texts.
const EXPECTED: [(usize, &[&str]); 30] = [
    (1, &["scadenza: 2020 entro il 31/07/2020"]),
    (2, &["scadenza: 2020 entro il 31/12/2020"]),
    (
        3,
        &[
            "numero: 2020 ≥ 3 atti di liquidazione",
            "scadenza: 2020 entro il 30/06/2020",
        ],
    ),
    (4, &["scadenza: 2021 entro il 31/01/2021"]),
    (5, &["scadenza: 2021 entro il 31/12/2021"]),
    (6, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    // "Legge 27.12.2006 n. 296": a law's date, no deadline.
    (7, &[]),
    (8, &[]),
    (
        9,
        &[
            "numero: 2020 ≥ 3 atti di liquidazione",
            "scadenza: 2020 entro il 30/06/2020",
        ],
    ),
    (10, &[]),
    (11, &[]),
    (12, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    (13, &["scadenza: 2020 entro il 31/01/2020"]),
    (14, &["scadenza: 2020 entro il 31/01/2020"]),
    (
        15,
        &[
            "numero: 2020 ≥ 3 atti di liquidazione",
            "scadenza: 2020 entro il 30/06/2020",
        ],
    ),
    // "entro i termini di approvazione del bilancio": no date, nothing.
    (16, &[]),
    (17, &["scadenza: 2021 entro il 31/12/2021"]),
    (18, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    // "al 31 Dicembre di almento [sic] il 70%": the period's year, and the percentage.
    (
        19,
        &[
            "scadenza: 2020 entro il 31/12/2020",
            "percentuale: 2020 ≥ 70%",
        ],
    ),
    (20, &["giorni: 2020 ≤ 30 giorni"]),
    (
        21,
        &[
            "numero: 2020 ≥ 3 atti di liquidazione",
            "scadenza: 2020 entro il 30/06/2020",
        ],
    ),
    (
        22,
        &[
            "scadenza: 2021 entro il 31/12/2021; 2022 entro il 31/12/2022",
            "percentuale: 2021 ≥ 70%; 2022 ≥ 70%",
        ],
    ),
    (23, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    (24, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    (25, &["giorni: 2020 ≤ 30 giorni"]),
    (26, &["giorni: 2020 ≤ 30 giorni"]),
    (
        27,
        &[
            "numero: 2020 ≥ 3 atti di liquidazione",
            "scadenza: 2020 entro il 30/06/2020",
        ],
    ),
    (28, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    (29, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
    (30, &["giorni: 2021 ≤ 30 giorni; 2022 ≤ 30 giorni"]),
];

fn reference() -> R<(Store, i64)> {
    let mut store = Store::open_in_memory()?;
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/piano-obiettivi-2020-2022.csv"
    ))?;
    let id = store.import_csv(&bytes, &piano::ImportOptions::default())?;
    Ok((store, id))
}

#[test]
fn the_reference_plan_s_targets_are_proposed_row_by_row() -> R {
    let (store, id) = reference()?;
    let plan = store.load(id)?;
    // The placements in the annex's order are the CSV's rows in order.
    let mut by_row = Vec::new();
    for (row, p) in plan.placements.iter().enumerate() {
        let o = plan.objective(p.objective_id).ok_or("objective")?;
        let years = objective_years(&plan, o.id);
        let found: Vec<String> = propose(&o.text.expected_result, &years)
            .iter()
            .map(Proposal::describe)
            .collect();
        by_row.push((row + 1, found));
    }
    let expected: Vec<(usize, Vec<String>)> = EXPECTED
        .iter()
        .map(|(row, p)| (*row, p.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(by_row, expected);

    // The proposals name the objective once, cross-cutting or not, with the words read.
    let listed = store.proposals(id)?;
    let words: Vec<&str> = listed
        .iter()
        .flat_map(|o| o.proposals.iter().map(|p| p.words.as_str()))
        .collect();
    assert!(words.contains(&"entro il 31.07.2020"), "{words:?}");
    assert!(words.contains(&"almeno n. 3"), "{words:?}");
    assert!(words.contains(&"almento il 70%"), "{words:?}");
    assert!(words.contains(&"non oltre 30 giorni"), "{words:?}");
    assert!(!words.iter().any(|w| w.contains("2006")), "{words:?}");
    Ok(())
}

#[test]
fn accepting_every_proposal_makes_indicators_once() -> R {
    let (mut store, id) = reference()?;
    let proposed: usize = store.proposals(id)?.iter().map(|o| o.proposals.len()).sum();
    let added = store.accept_proposals(id, None, None)?;
    assert_eq!(added, proposed);
    assert!(
        store.proposals(id)?.is_empty(),
        "accepted proposals are not proposed again"
    );
    let plan = store.load(id)?;
    assert_eq!(plan.indicators.len(), added);
    // A cross-cutting objective has its indicators once, shared by its areas.
    let shared = plan
        .objectives
        .iter()
        .find(|o| o.text.expected_result.contains("almeno n. 3"))
        .ok_or("cross-cutting")?;
    assert_eq!(plan.indicators_of(shared.id).count(), 2);
    Ok(())
}
