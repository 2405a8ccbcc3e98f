//! Each manager's evaluation (scheda di valutazione) and result pay, from the year's area
//! scores: the evaluation system's rules per year (components and their weights, behaviour
//! items on a scale, bands), the scheda per manager (organisational score read from the
//! results, behaviour scores, colloquio, individual objectives), the final score, band, share
//! and amount, the totals against the budget, and the aggregate table that may be published.
//! Pure computation; amounts are integer cents, scores hundredths.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::model::{clean_text, format_hundredths, name_key, parse_percent};
use crate::domain::results::{band_label, band_of, check_bands, Band, YearResults};
use crate::error::{Error, Result};

/// How the scores of the areas one person leads are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// The plain average of the areas' scores.
    #[default]
    Media,
    /// Weighted by how many objectives each area has in the year.
    Pesata,
}

/// A behaviour item (*comportamento organizzativo*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub name: String,
    pub description: String,
    /// Hundredths; the items' weights add up to 100.
    pub weight: u32,
}

/// The evaluation system's rules for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// Component weights, hundredths, adding up to 100.
    pub organisational: u32,
    pub behaviours: u32,
    pub individual: u32,
    pub scale_min: u32,
    pub scale_max: u32,
    pub items: Vec<Item>,
    /// Own bands; none: the results' bands.
    pub bands: Option<Vec<Band>>,
    pub combine: Combine,
    /// The year's result-pay budget, cents.
    pub budget: Option<i64>,
    /// The year's position-pay budget, cents (for the 15% check of the CCNL).
    pub position_budget: Option<i64>,
    /// Nothing was set for the year: these are the defaults.
    pub is_default: bool,
}

impl Default for Rules {
    /// The common defaults, to be changed by the office: organisational performance 60,
    /// behaviours 40, on a 1–5 scale, four equal items (one is the differentiation of the
    /// evaluations of one's staff, art. 9 c.1 lett. d D.Lgs. 150/2009).
    fn default() -> Self {
        let item = |name: &str, description: &str| Item {
            name: name.into(),
            description: description.into(),
            weight: 2500,
        };
        Rules {
            organisational: 6000,
            behaviours: 4000,
            individual: 0,
            scale_min: 1,
            scale_max: 5,
            items: vec![
                item(
                    "Organizzazione e gestione delle risorse",
                    "Programma il lavoro, usa bene persone e mezzi, rispetta i tempi.",
                ),
                item(
                    "Soluzione dei problemi e innovazione",
                    "Affronta gli imprevisti, propone e attua miglioramenti.",
                ),
                item(
                    "Relazioni e collaborazione",
                    "Collabora con le altre aree, gli amministratori e i cittadini.",
                ),
                item(
                    "Valutazione dei collaboratori",
                    "Differenzia in modo motivato le valutazioni del proprio personale.",
                ),
            ],
            bands: None,
            combine: Combine::Media,
            budget: None,
            position_budget: None,
            is_default: true,
        }
    }
}

/// The rules as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesInput {
    pub organisational: String,
    pub behaviours: String,
    #[serde(default)]
    pub individual: String,
    /// "1-5", "0-10".
    pub scale: String,
    /// (name, weight, description).
    pub items: Vec<(String, String, String)>,
    /// Empty: the results' bands; else "0:0, 60:proporzionale, 90:100".
    #[serde(default)]
    pub bands: String,
    /// "media" or "pesata".
    #[serde(default)]
    pub combine: String,
    #[serde(default)]
    pub budget: String,
    #[serde(default)]
    pub position_budget: String,
}

/// Euros as typed: `5.000`, `5000,50`, `€ 1.234,56` → cents. Refuses negatives and words.
pub fn parse_euros(field: &'static str, label: &str, text: &str) -> Result<i64> {
    let t = text
        .trim()
        .trim_start_matches('€')
        .trim_end_matches('€')
        .trim();
    let bad = || {
        Error::invalid(
            field,
            format!(
                "{label}: «{}» non è un importo valido, scrivi per esempio 5.000 oppure 1.234,56.",
                text.trim()
            ),
        )
    };
    if t.starts_with('-') {
        return Err(Error::invalid(
            field,
            format!("{label}: l'importo non può essere negativo."),
        ));
    }
    crate::domain::indicators::parse_amount(t)
        .filter(|v| *v >= 0)
        .ok_or_else(bad)
}

/// Cents the Italian way: 123456 → "1.234,56".
pub fn euros(cents: i64) -> String {
    let neg = cents < 0;
    let c = cents.unsigned_abs();
    let (whole, frac) = (c / 100, c % 100);
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    format!("{}{grouped},{frac:02}", if neg { "-" } else { "" })
}

fn weight_of(field: &'static str, label: &str, text: &str) -> Result<u32> {
    if text.trim().is_empty() {
        return Ok(0);
    }
    parse_percent(text).map_err(|_| {
        Error::invalid(
            field,
            format!(
                "{label}: «{}» non è un peso valido, scrivi un numero tra 0 e 100.",
                text.trim()
            ),
        )
    })
}

impl RulesInput {
    pub fn validate(&self) -> Result<Rules> {
        let organisational = weight_of(
            "organisational",
            "Performance organizzativa",
            &self.organisational,
        )?;
        let behaviours = weight_of("behaviours", "Comportamenti", &self.behaviours)?;
        let individual = weight_of("individual", "Obiettivi individuali", &self.individual)?;
        let total = organisational + behaviours + individual;
        if total != 10_000 {
            return Err(Error::invalid(
                "organisational",
                format!(
                    "I pesi delle componenti sommano a {}: devono fare 100 (es. performance organizzativa 60, comportamenti 40).",
                    format_hundredths(total.into())
                ),
            ));
        }
        let (lo, hi) = self
            .scale
            .split_once(['-', '–'])
            .and_then(|(a, b)| Some((a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?)))
            .filter(|(a, b)| a < b && *b <= 100)
            .ok_or_else(|| {
                Error::invalid(
                    "scale",
                    format!("Scala «{}» non valida: scrivi il minimo e il massimo, es. 1-5 oppure 0-10.", self.scale.trim()),
                )
            })?;
        let mut items = Vec::new();
        for (n, (name, weight, description)) in self.items.iter().enumerate() {
            if name.trim().is_empty() && weight.trim().is_empty() && description.trim().is_empty() {
                continue;
            }
            let name = clean_text("items", "Nome del comportamento", name, true)?;
            let weight = parse_percent(weight).ok().filter(|w| *w > 0).ok_or_else(|| {
                Error::invalid(
                    "items",
                    format!("Comportamento {}: «{}» non è un peso valido, scrivi un numero tra 0,01 e 100.", n + 1, weight.trim()),
                )
            })?;
            items.push(Item {
                name,
                description: clean_text(
                    "items",
                    "Descrizione del comportamento",
                    description,
                    false,
                )?,
                weight,
            });
        }
        if behaviours > 0 {
            let sum: u32 = items.iter().map(|i| i.weight).sum();
            if items.is_empty() || sum != 10_000 {
                return Err(Error::invalid(
                    "items",
                    format!(
                        "I pesi dei comportamenti sommano a {}: devono fare 100.",
                        format_hundredths(sum.into())
                    ),
                ));
            }
        }
        let bands = match self.bands.trim() {
            "" => None,
            t => Some(check_bands(&crate::domain::results::band_inputs(t))?),
        };
        let combine = match name_key(&self.combine).as_str() {
            "" | "media" => Combine::Media,
            "pesata" | "media pesata" => Combine::Pesata,
            other => {
                return Err(Error::invalid(
                    "combine",
                    format!("Regola «{other}» non prevista per chi guida più aree: scrivi «media» o «pesata»."),
                ))
            }
        };
        let money = |field, label, t: &str| -> Result<Option<i64>> {
            if t.trim().is_empty() {
                Ok(None)
            } else {
                parse_euros(field, label, t).map(Some)
            }
        };
        Ok(Rules {
            organisational,
            behaviours,
            individual,
            scale_min: lo,
            scale_max: hi,
            items,
            bands,
            combine,
            budget: money(
                "budget",
                "Fondo per la retribuzione di risultato",
                &self.budget,
            )?,
            position_budget: money(
                "position_budget",
                "Fondo per la retribuzione di posizione",
                &self.position_budget,
            )?,
            is_default: false,
        })
    }
}

impl Rules {
    pub fn to_input(&self) -> RulesInput {
        RulesInput {
            organisational: format_hundredths(self.organisational.into()),
            behaviours: format_hundredths(self.behaviours.into()),
            individual: format_hundredths(self.individual.into()),
            scale: format!("{}-{}", self.scale_min, self.scale_max),
            items: self
                .items
                .iter()
                .map(|i| {
                    (
                        i.name.clone(),
                        format_hundredths(i.weight.into()),
                        i.description.clone(),
                    )
                })
                .collect(),
            bands: self
                .bands
                .as_ref()
                .map(|b| {
                    b.iter()
                        .map(|b| {
                            format!(
                                "{}:{}",
                                format_hundredths(b.from.into()),
                                b.share
                                    .map_or("proporzionale".into(), |s| format_hundredths(
                                        s.into()
                                    ))
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .unwrap_or_default(),
            combine: match self.combine {
                Combine::Media => "media".into(),
                Combine::Pesata => "pesata".into(),
            },
            budget: self.budget.map(euros).unwrap_or_default(),
            position_budget: self.position_budget.map(euros).unwrap_or_default(),
        }
    }
}

/// A scheda as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedaInput {
    /// Per behaviour item, in the rules' order: (score, evaluator's note).
    pub scores: Vec<(String, String)>,
    #[serde(default)]
    pub individual: String,
    #[serde(default)]
    pub colloquio: String,
    #[serde(default)]
    pub max_pay: String,
    #[serde(default)]
    pub evaluator: String,
    #[serde(default)]
    pub notes: String,
}

/// A scheda, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Scheda {
    /// Per item: the score on the scale (none: not yet given) and the note.
    pub scores: Vec<(Option<u32>, String)>,
    /// The individual objectives' achievement, hundredths.
    pub individual: Option<u32>,
    pub colloquio: Option<NaiveDate>,
    /// Cents.
    pub max_pay: Option<i64>,
    pub evaluator: String,
    pub notes: String,
}

impl Scheda {
    /// The scheda as the form shows it, to be edited and checked again.
    pub fn to_input(&self) -> SchedaInput {
        SchedaInput {
            scores: self
                .scores
                .iter()
                .map(|(s, n)| (s.map(|v| v.to_string()).unwrap_or_default(), n.clone()))
                .collect(),
            individual: self
                .individual
                .map(|v| format_hundredths(v.into()))
                .unwrap_or_default(),
            colloquio: self
                .colloquio
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            max_pay: self.max_pay.map(euros).unwrap_or_default(),
            evaluator: self.evaluator.clone(),
            notes: self.notes.clone(),
        }
    }
}

impl SchedaInput {
    pub fn validate(&self, rules: &Rules, year: i32) -> Result<Scheda> {
        let mut scores = Vec::new();
        for (n, item) in rules.items.iter().enumerate() {
            let (score, note) = self.scores.get(n).cloned().unwrap_or_default();
            let score = match score.trim() {
                "" => None,
                t => {
                    let v: u32 = t.parse().ok().filter(|v| (rules.scale_min..=rules.scale_max).contains(v)).ok_or_else(|| {
                        Error::invalid(
                            "scores",
                            format!(
                                "«{}»: il punteggio {t} è fuori dalla scala, indica un numero intero da {} a {}.",
                                item.name, rules.scale_min, rules.scale_max
                            ),
                        )
                    })?;
                    Some(v)
                }
            };
            scores.push((
                score,
                clean_text("scores", "Note del valutatore", &note, false)?,
            ));
        }
        let individual = match self.individual.trim() {
            "" => None,
            t => Some(parse_percent(t).map_err(|_| {
                Error::invalid(
                    "individual",
                    format!("Obiettivi individuali: «{t}» non è una percentuale valida, scrivi un numero tra 0 e 100."),
                )
            })?),
        };
        let colloquio = match self.colloquio.trim() {
            "" => None,
            t => {
                let d = crate::domain::indicators::parse_date(t).ok_or_else(|| {
                    Error::invalid(
                        "colloquio",
                        format!(
                            "«{t}» non è una data valida: scrivi per esempio 15/02/{}.",
                            year + 1
                        ),
                    )
                })?;
                if d.year() <= year {
                    return Err(Error::invalid(
                        "colloquio",
                        format!(
                            "Il colloquio di valutazione sul {year} si tiene dopo la fine dell'anno: controlla la data ({}).",
                            d.format("%d/%m/%Y")
                        ),
                    ));
                }
                Some(d)
            }
        };
        let max_pay = match self.max_pay.trim() {
            "" => None,
            t => Some(parse_euros(
                "max_pay",
                "Retribuzione di risultato massima",
                t,
            )?),
        };
        Ok(Scheda {
            scores,
            individual,
            colloquio,
            max_pay,
            evaluator: clean_text("evaluator", "Valutatore", &self.evaluator, false)?,
            notes: clean_text("notes", "Note", &self.notes, false)?,
        })
    }
}

/// An area a manager leads: its name, its score (hundredths), how many objectives it has.
pub type LedArea = (String, u32, usize);

/// One manager's evaluation, computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluated {
    pub manager: String,
    /// The areas led, with their scores (hundredths) and objectives counted.
    pub areas: Vec<LedArea>,
    /// The organisational score: the areas' scores combined (hundredths).
    pub organisational: u32,
    /// The behaviours' score on 100: Σ weight × score / scale max (hundredths); none until
    /// every item is scored.
    pub behaviours: Option<u32>,
    pub scheda: Scheda,
    /// The final score (hundredths); none while something is missing.
    pub score: Option<u32>,
    pub band: String,
    /// Hundredths of a percent.
    pub share: Option<u32>,
    /// Cents.
    pub amount: Option<i64>,
    /// What is still missing: "punteggio di «…»", "data del colloquio", …
    pub missing: Vec<String>,
    /// Results of the areas still missing: the organisational score is provisional.
    pub provisional: bool,
}

/// The year's evaluation: every manager's scheda, totals and warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub plan_id: i64,
    pub series_id: i64,
    pub entity: String,
    pub title: String,
    pub year: i32,
    pub rules: Rules,
    pub bands: Vec<Band>,
    pub band_labels: Vec<String>,
    pub managers: Vec<Evaluated>,
    /// Σ amounts, cents.
    pub total: i64,
    pub warnings: Vec<String>,
    /// The Nucleo's validation: (body, number, date).
    pub validation: Option<crate::domain::versions::Act>,
}

/// The score of the behaviour items on 100, hundredths: Σ weight × score / max, rounded once.
pub fn behaviour_score(rules: &Rules, scores: &[(Option<u32>, String)]) -> Option<u32> {
    if rules.items.is_empty() {
        return Some(0);
    }
    let mut sum: u64 = 0;
    for (item, (score, _)) in rules.items.iter().zip(scores) {
        let s = (*score)?;
        sum += u64::from(item.weight) * u64::from(s) * 10_000;
    }
    if scores.len() < rules.items.len() {
        return None;
    }
    let den = 10_000u64 * u64::from(rules.scale_max);
    Some(((sum + den / 2) / den) as u32)
}

/// Computes the year's evaluation from the results, the rules and the schede (by manager
/// name key).
pub fn evaluate(
    results: &YearResults,
    rules: &Rules,
    schede: &HashMap<String, Scheda>,
    validation: Option<crate::domain::versions::Act>,
) -> Evaluation {
    let bands = rules.bands.clone().unwrap_or_else(|| results.bands.clone());
    // The managers, from the areas (one person may lead several), in the areas' order.
    let mut order: Vec<String> = Vec::new();
    let mut led: HashMap<String, (String, Vec<LedArea>)> = HashMap::new();
    let mut provisional: HashMap<String, bool> = HashMap::new();
    for a in &results.areas {
        let name = a.manager.trim();
        if name.is_empty() {
            continue;
        }
        let key = name_key(name);
        if !led.contains_key(&key) {
            order.push(key.clone());
        }
        let objectives = a.rows.iter().filter(|r| !r.is_prerequisite()).count();
        led.entry(key.clone())
            .or_insert_with(|| (name.to_string(), Vec::new()))
            .1
            .push((a.name.clone(), a.score, objectives));
        *provisional.entry(key).or_default() |= !a.missing.is_empty();
    }
    let mut managers = Vec::new();
    for key in order {
        let (manager, areas) = led.remove(&key).unwrap_or_default();
        let organisational = match rules.combine {
            Combine::Media => {
                let n = areas.len() as u64;
                ((areas.iter().map(|(_, s, _)| u64::from(*s)).sum::<u64>() + n / 2) / n.max(1))
                    as u32
            }
            Combine::Pesata => {
                let w: Vec<(u32, u32)> = areas.iter().map(|(_, s, n)| (*n as u32, *s)).collect();
                crate::domain::indicators::weighted_mean(&w).unwrap_or(0)
            }
        };
        let scheda = schede.get(&key).cloned().unwrap_or_default();
        let mut scores = scheda.scores.clone();
        scores.resize(rules.items.len(), (None, String::new()));
        let behaviours = behaviour_score(rules, &scores);
        let mut missing = Vec::new();
        for (item, (s, _)) in rules.items.iter().zip(&scores) {
            if s.is_none() {
                missing.push(format!("punteggio di «{}»", item.name));
            }
        }
        if rules.individual > 0 && scheda.individual.is_none() {
            missing.push("obiettivi individuali".into());
        }
        if scheda.colloquio.is_none() {
            missing.push("data del colloquio".into());
        }
        if scheda.max_pay.is_none() {
            missing.push("retribuzione di risultato massima".into());
        }
        let score = match (
            behaviours,
            rules.individual == 0 || scheda.individual.is_some(),
        ) {
            (Some(b), true) => {
                let sum = u64::from(rules.organisational) * u64::from(organisational)
                    + u64::from(rules.behaviours) * u64::from(b)
                    + u64::from(rules.individual) * u64::from(scheda.individual.unwrap_or(0));
                Some(((sum + 5_000) / 10_000) as u32)
            }
            _ => None,
        };
        let (band, share) = match score {
            Some(s) => {
                let (i, share) = band_of(&bands, s);
                (band_label(&bands, i), Some(share))
            }
            None => (String::new(), None),
        };
        let amount = share
            .zip(scheda.max_pay)
            .map(|(sh, max)| (i128::from(max) * i128::from(sh) + 5_000).div_euclid(10_000) as i64);
        managers.push(Evaluated {
            provisional: provisional.get(&key).copied().unwrap_or(false),
            manager,
            areas,
            organisational,
            behaviours,
            scheda,
            score,
            band,
            share,
            amount,
            missing,
        });
    }
    let total: i64 = managers.iter().filter_map(|m| m.amount).sum();
    let mut warnings = Vec::new();
    if let Some(budget) = rules.budget {
        if total > budget {
            warnings.push(format!(
                "Il totale da liquidare (€ {}) supera il fondo per la retribuzione di risultato (€ {}) di € {}.",
                euros(total),
                euros(budget),
                euros(total - budget)
            ));
        }
        if let Some(position) = rules.position_budget {
            // CCNL Funzioni Locali: at least 15% of position + result pay goes to result pay.
            if budget * 100 < (budget + position) * 15 {
                warnings.push(format!(
                    "Il fondo di risultato (€ {}) è meno del 15% della somma dei fondi di posizione e risultato (€ {}): il CCNL ne chiede almeno il 15%.",
                    euros(budget),
                    euros(budget + position)
                ));
            }
        }
    }
    let shares: Vec<u32> = managers.iter().filter_map(|m| m.share).collect();
    if shares.len() >= 2 && shares.len() == managers.len() && shares.iter().all(|s| *s == shares[0])
    {
        warnings.push(format!(
            "Tutti i responsabili hanno la stessa quota ({}%): la legge chiede che la retribuzione di risultato sia differenziata (art. 9 D.Lgs. 150/2009, CCNL Funzioni Locali).",
            format_hundredths(shares[0].into())
        ));
    }
    Evaluation {
        plan_id: results.plan_id,
        series_id: results.series_id,
        entity: results.entity.clone(),
        title: results.title.clone(),
        year: results.year,
        rules: rules.clone(),
        band_labels: (0..bands.len()).map(|i| band_label(&bands, i)).collect(),
        bands,
        managers,
        total,
        warnings,
        validation,
    }
}

/// The aggregate table that may be published (art. 20 D.Lgs. 33/2013): totals, the
/// distribution by band, the degree of differentiation. It names nobody.
pub fn publication(e: &Evaluation) -> Vec<(String, String)> {
    let mut out = vec![
        ("Anno".to_string(), e.year.to_string()),
        (
            "Responsabili valutati".to_string(),
            e.managers
                .iter()
                .filter(|m| m.score.is_some())
                .count()
                .to_string(),
        ),
        (
            "Totale della retribuzione di risultato (€)".to_string(),
            euros(e.total),
        ),
    ];
    if let Some(b) = e.rules.budget {
        out.push((
            "Fondo per la retribuzione di risultato (€)".to_string(),
            euros(b),
        ));
    }
    for (i, label) in e.band_labels.iter().enumerate() {
        let n = e
            .managers
            .iter()
            .filter(|m| m.score.is_some_and(|s| band_of(&e.bands, s).0 == i))
            .count();
        out.push((format!("Responsabili nella fascia {label}"), n.to_string()));
    }
    let shares: Vec<u32> = e.managers.iter().filter_map(|m| m.share).collect();
    let distinct = {
        let mut s = shares.clone();
        s.sort_unstable();
        s.dedup();
        s.len()
    };
    out.push((
        "Quote diverse assegnate (differenziazione)".to_string(),
        distinct.to_string(),
    ));
    if let (Some(min), Some(max)) = (shares.iter().min(), shares.iter().max()) {
        out.push((
            "Scarto tra la quota più alta e la più bassa (punti percentuali)".to_string(),
            format_hundredths(i64::from(max - min)),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_are_read_and_written_the_italian_way() {
        assert_eq!(parse_euros("x", "x", "5.000").unwrap(), 500_000);
        assert_eq!(parse_euros("x", "x", "€ 1.234,56").unwrap(), 123_456);
        assert!(parse_euros("x", "x", "-5")
            .unwrap_err()
            .to_string()
            .contains("negativo"));
        assert!(parse_euros("x", "x", "tanti").is_err());
        assert_eq!(euros(123_456), "1.234,56");
        assert_eq!(euros(5), "0,05");
    }

    #[test]
    fn behaviours_score_on_the_scale() {
        let rules = Rules::default();
        // 25 × (4 + 5 + 3 + 4) / 5 = 80
        let s = [4, 5, 3, 4].map(|v| (Some(v), String::new()));
        assert_eq!(behaviour_score(&rules, &s), Some(8000));
        let partial = [(Some(4), String::new()), (None, String::new())];
        assert_eq!(behaviour_score(&rules, &partial), None);
    }
}
