//! Generated plans of any size, for benchmarks and tests: realistic Italian texts of varied
//! length, weights that add up to 100 in every area and period. Only with the
//! `test-support` feature: it does not ship in the program.

use crate::{NewPeriod, Store};
use piano_domain::error::Result;
use piano_domain::model::{format_hundredths, ObjectiveInput, PlanInput};

const PHRASES: [&str; 6] = [
    "Adeguamento alle misure minime di sicurezza informatica previste dall'AGID per l'ente",
    "Riduzione dei tempi medi di pagamento delle fatture elettroniche",
    "Pubblicazione in «Amministrazione trasparente» dei dati sui servizi resi, con aggiornamento trimestrale",
    "Digitalizzazione degli atti di liquidazione e della conservazione a norma",
    "Revisione del regolamento sull'ordinamento degli uffici e dei servizi",
    "Coordinamento dei responsabili degli enti aderenti per il contenimento della spesa",
];

/// Weights for `n` rows that add up to exactly 100 (hundredths, spread evenly).
pub fn weights(n: usize) -> Vec<String> {
    let n = n.max(1) as u32;
    let base = 10_000 / n;
    let rest = 10_000 - base * n;
    (0..n)
        .map(|i| format_hundredths(i64::from(base + u32::from(i < rest))))
        .collect()
}

/// A plan of `areas` areas, two periods, `rows` objectives per area and period.
pub fn generate(store: &mut Store, areas: usize, rows: usize) -> Result<i64> {
    let plan = store.create_plan(
        &PlanInput {
            entity: "Unione dei Comuni di prova".into(),
            title: format!("PIANO GENERATO {areas}x{rows}"),
            first_year: 2024,
            last_year: 2026,
            approval: "Allegato A alla deliberazione della Giunta n. 12 del 30/01/2024".into(),
        },
        &[
            NewPeriod {
                first_year: 2024,
                last_year: 2024,
            },
            NewPeriod {
                first_year: 2025,
                last_year: 2026,
            },
        ],
    )?;
    let periods = store.list_periods(plan)?;
    let w = weights(rows);
    for a in 0..areas {
        let area = store.add_area(
            plan,
            &format!("AREA NUMERO {}", a + 1),
            &format!("Dott.ssa Responsabile {}", a + 1),
        )?;
        for period in &periods {
            for (r, weight) in w.iter().enumerate() {
                let k = a * 7 + r;
                let input = ObjectiveInput {
                    service: format!("SERVIZIO {}", k % 9 + 1),
                    kind: if k % 3 == 0 { "M".into() } else { "S".into() },
                    description: format!("{} (obiettivo {}.{})", PHRASES[k % 6], a + 1, r + 1),
                    expected_result: format!(
                        "{} entro il 31.12.{}",
                        PHRASES[(k + 2) % 6].repeat(1 + k % 2),
                        period.first_year
                    ),
                    indicator: format!("Breve e documentata relazione: {}", PHRASES[(k + 4) % 6]),
                };
                store.add_objective(area, period.id, &input, weight)?;
            }
        }
    }
    Ok(plan)
}
