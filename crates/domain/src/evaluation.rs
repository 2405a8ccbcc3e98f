//! Each manager's evaluation (scheda di valutazione) and result pay, from the year's area
//! scores: the evaluation system's rules per year (components and their weights, behaviour
//! items on a scale, bands), the scheda per manager (organisational score read from the
//! results, behaviour scores, colloquio, individual objectives), the final score, band, share
//! and amount, the totals against the budget, and the aggregate table that may be published.
//! Pure computation; amounts are integer cents, scores hundredths.
//!
//! The rules of law the amounts follow, each named where it is applied: the results of the
//! area led weigh more than any other component (art. 9 c.1 lett. a D.Lgs. 150/2009); from
//! 2024 at least 30% of the pay of a manager who pays invoices depends on payment
//! timeliness (art. 4-bis DL 13/2023); a failed prerequisite cancels the pay; nothing is
//! payable before the Nucleo has validated the Relazione (art. 14 c.6 D.Lgs. 150/2009);
//! the ad interim increase (CCNL Funzioni Locali 16/11/2022 art. 17 c.5); no pay spread
//! "in maniera indifferenziata" (art. 18 c.2 D.Lgs. 150/2009).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::conciliation::{Review, ReviewInput, Stage, DEFAULT_REVIEW_DAYS};
use crate::error::{Error, Result};
use crate::ids::AreaId;
use crate::indicators::LateRule;
use crate::individual::{Individual, IndividualInput, Revision};
use crate::model::{clean_text, format_hundredths, name_key, parse_percent};
pub use crate::pay::{euros, parse_euros};
use crate::pay::{
    graduation_text, incarico, merged_bands, parse_graduation, pro_rata, quota_earned, scale,
    Delay, Graduation, Interim, InterimInput, TimelinessMode, TIMELINESS_FIRST_YEAR,
    TIMELINESS_MIN,
};
use crate::results::{band_label, band_of, check_bands, Band, YearResults};
use crate::versions::Act;

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

/// What a failed prerequisite ("obiettivo zero") cancels for a manager who leads several
/// areas (the SMVP chooses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PrerequisiteRule {
    /// The whole result pay (the default).
    #[default]
    Tutto,
    /// The part of the pay that comes from that area.
    Area,
}

impl PrerequisiteRule {
    pub fn as_str(self) -> &'static str {
        match self {
            PrerequisiteRule::Tutto => "tutto",
            PrerequisiteRule::Area => "area",
        }
    }
}

/// A behaviour item (*comportamento organizzativo*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub name: String,
    pub description: String,
    /// Hundredths; the items' weights add up to 100.
    pub weight: u32,
    /// What each level of the scale means for this behaviour, from the lowest (blank: not
    /// described), as the scheda di assegnazione tells the manager in January.
    #[serde(default)]
    pub levels: Vec<String>,
}

impl Item {
    /// The words for `score` on a scale starting at `min`, if described.
    pub fn level(&self, min: u32, score: u32) -> Option<&str> {
        let i = score.checked_sub(min)? as usize;
        self.levels
            .get(i)
            .map(String::as_str)
            .filter(|t| !t.is_empty())
    }
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
    /// How the 30% of payment timeliness is met (art. 4-bis DL 13/2023).
    #[serde(default)]
    pub timeliness: TimelinessMode,
    /// The dedicated quota of the result pay, hundredths (at least 30%).
    #[serde(default = "default_quota")]
    pub timeliness_quota: u32,
    /// The quota's graduation by days of delay; empty: all or nothing.
    #[serde(default)]
    pub timeliness_graduation: Graduation,
    /// What a failed prerequisite cancels for a manager of several areas.
    #[serde(default)]
    pub prerequisite: PrerequisiteRule,
    /// Days the manager has to ask for a review (art. 7 c.2-bis D.Lgs. 150/2009).
    #[serde(default = "default_review_days")]
    pub review_days: u32,
    /// Nothing was set for the year: these are the defaults.
    pub is_default: bool,
}

fn default_quota() -> u32 {
    TIMELINESS_MIN
}

fn default_review_days() -> u32 {
    DEFAULT_REVIEW_DAYS
}

impl Default for Rules {
    /// The common defaults, to be changed by the office: organisational performance 60,
    /// behaviours 40, on a 1–5 scale, four equal items (one is the differentiation of the
    /// evaluations of one's staff, art. 9 c.1 lett. d D.Lgs. 150/2009).
    fn default() -> Self {
        let item = |name: &str, description: &str| Item {
            levels: Vec::new(),
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
            timeliness: TimelinessMode::Quota,
            timeliness_quota: TIMELINESS_MIN,
            timeliness_graduation: Vec::new(),
            prerequisite: PrerequisiteRule::Tutto,
            review_days: DEFAULT_REVIEW_DAYS,
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
    /// Per item, in the same order: the levels' words, from the lowest (optional).
    #[serde(default)]
    pub levels: Vec<Vec<String>>,
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
    /// "quota" (default) or "risultati".
    #[serde(default)]
    pub timeliness: String,
    /// Empty: 30.
    #[serde(default)]
    pub timeliness_quota: String,
    /// "5:50; 15:20"; empty: all or nothing.
    #[serde(default)]
    pub timeliness_graduation: String,
    /// "tutto" (default) or "area".
    #[serde(default)]
    pub prerequisite: String,
    /// Days for a request of review; empty: 15.
    #[serde(default)]
    pub review_days: String,
}

/// The components' weights break art. 9 c.1 lett. a D.Lgs. 150/2009 (the results of the area
/// led weigh more than each other component): the message, or none.
pub fn not_prevalent(organisational: u32, behaviours: u32, individual: u32) -> Option<String> {
    (organisational <= behaviours || organisational <= individual).then(|| {
        format!(
            "La performance organizzativa pesa {}%, i comportamenti {}%{}: per i responsabili i risultati dell'area che guidano devono avere un peso prevalente, cioè maggiore di ogni altra componente (art. 9 c.1 lett. a D.Lgs. 150/2009). Aumenta il peso della performance organizzativa, es. 60 e 40.",
            format_hundredths(organisational.into()),
            format_hundredths(behaviours.into()),
            if individual > 0 {
                format!(", gli obiettivi individuali {}%", format_hundredths(individual.into()))
            } else {
                String::new()
            }
        )
    })
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
        // Art. 9 c.1 lett. a D.Lgs. 150/2009: the results of the area led are prevalent.
        if let Some(message) = not_prevalent(organisational, behaviours, individual) {
            return Err(Error::invalid("organisational", message));
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
            let steps = (hi - lo + 1) as usize;
            let mut levels = Vec::new();
            for (l, t) in self.levels.get(n).into_iter().flatten().enumerate() {
                if l >= steps && !t.trim().is_empty() {
                    return Err(Error::invalid(
                        "levels",
                        format!(
                            "«{name}»: la scala {lo}-{hi} ha {steps} livelli, ne sono descritti di più."
                        ),
                    ));
                }
                let one_line = t.replace(['\r', '\n'], " ");
                levels.push(clean_text(
                    "levels",
                    "Descrizione del livello",
                    &one_line,
                    false,
                )?);
            }
            while levels.last().is_some_and(|t| t.is_empty()) {
                levels.pop();
            }
            items.push(Item {
                name,
                description: clean_text(
                    "items",
                    "Descrizione del comportamento",
                    description,
                    false,
                )?,
                weight,
                levels,
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
            t => Some(check_bands(&crate::results::band_inputs(t))?),
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
        let timeliness = TimelinessMode::parse(&self.timeliness)?;
        // Art. 4-bis c.2 DL 13/2023: "in misura non inferiore al 30 per cento".
        let timeliness_quota = match self.timeliness_quota.trim() {
            "" => TIMELINESS_MIN,
            t => parse_percent(t)
                .ok()
                .filter(|q| *q >= TIMELINESS_MIN)
                .ok_or_else(|| {
                    Error::invalid(
                        "timeliness_quota",
                        format!("Quota di tempestività dei pagamenti: «{t}» non è ammessa, deve essere almeno il 30% della retribuzione di risultato (art. 4-bis DL 13/2023) e al più il 100%."),
                    )
                })?,
        };
        let timeliness_graduation = parse_graduation(&self.timeliness_graduation)?;
        let prerequisite = match name_key(&self.prerequisite).as_str() {
            "" | "tutto" | "tutta" => PrerequisiteRule::Tutto,
            "area" | "quota dell'area" => PrerequisiteRule::Area,
            other => {
                return Err(Error::invalid(
                    "prerequisite",
                    format!("Obiettivo prerequisito: «{other}» non è una regola prevista, scrivi «tutto» (nessuna retribuzione di risultato) o «area» (nulla la parte di quell'area)."),
                ))
            }
        };
        let review_days = match self.review_days.trim() {
            "" => DEFAULT_REVIEW_DAYS,
            t => t.parse().ok().filter(|d| (1..=365).contains(d)).ok_or_else(|| {
                Error::invalid(
                    "review_days",
                    format!("Giorni per chiedere il riesame: «{t}» non è valido, scrivi un numero di giorni da 1 a 365 (es. 15)."),
                )
            })?,
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
            timeliness,
            timeliness_quota,
            timeliness_graduation,
            prerequisite,
            review_days,
            is_default: false,
        })
    }
}

/// A part's share of the whole score: the component's weight × the part's weight in it
/// (hundredths of a percent, rounded half up): 40% × 25% = 10%.
pub fn share_of(component: u32, weight: u32) -> u32 {
    u32::try_from((u64::from(component) * u64::from(weight) + 5_000) / 10_000).unwrap_or(0)
}

impl Rules {
    /// Each behaviour item's share of the whole score, in the items' order.
    pub fn item_shares(&self) -> Vec<u32> {
        self.items
            .iter()
            .map(|i| share_of(self.behaviours, i.weight))
            .collect()
    }

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
            levels: self.items.iter().map(|i| i.levels.clone()).collect(),
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
            timeliness: self.timeliness.as_str().into(),
            timeliness_quota: format_hundredths(self.timeliness_quota.into()),
            timeliness_graduation: graduation_text(&self.timeliness_graduation),
            prerequisite: self.prerequisite.as_str().into(),
            review_days: self.review_days.to_string(),
        }
    }

    /// The SMVP's criteria in one sentence, for the publication (art. 20 D.Lgs. 33/2013).
    pub fn criteria(&self, bands: &[String]) -> String {
        let mut s = format!(
            "Punteggio = performance organizzativa {}% + comportamenti {}%",
            format_hundredths(self.organisational.into()),
            format_hundredths(self.behaviours.into())
        );
        if self.individual > 0 {
            s.push_str(&format!(
                " + obiettivi individuali {}%",
                format_hundredths(self.individual.into())
            ));
        }
        s.push_str(&format!("; fasce: {}", bands.join("; ")));
        if self.timeliness == TimelinessMode::Quota {
            s.push_str(&format!(
                "; dal {TIMELINESS_FIRST_YEAR} il {}% della retribuzione dei responsabili che liquidano fatture è legato all'indicatore di ritardo annuale dei pagamenti (art. 4-bis DL 13/2023)",
                format_hundredths(self.timeliness_quota.into())
            ));
        } else {
            s.push_str("; la tempestività dei pagamenti è un obiettivo della performance organizzativa (art. 4-bis DL 13/2023)");
        }
        s.push_str(
            "; un obiettivo prerequisito non raggiunto azzera la retribuzione di risultato.",
        );
        s
    }
}

/// A scheda as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedaInput {
    /// Per behaviour item, in the rules' order: (score, evaluator's note).
    pub scores: Vec<(String, String)>,
    /// The single percentage of earlier releases (the command line's `--individual`): one
    /// objective «Obiettivi individuali» of weight 100, used when `individuals` is empty.
    #[serde(default)]
    pub individual: String,
    /// The individual objectives (weights adding to 100 within the component).
    #[serde(default)]
    pub individuals: Vec<IndividualInput>,
    #[serde(default)]
    pub colloquio: String,
    #[serde(default)]
    pub max_pay: String,
    #[serde(default)]
    pub evaluator: String,
    #[serde(default)]
    pub notes: String,
    /// An incarico held for part of the year: from, to (empty: the whole year).
    #[serde(default)]
    pub incarico_from: String,
    #[serde(default)]
    pub incarico_to: String,
    /// Vacant positions covered ad interim.
    #[serde(default)]
    pub interims: Vec<InterimInput>,
    /// The handing over, the remarks and the review (art. 7 c.2-bis D.Lgs. 150/2009).
    #[serde(default)]
    pub review: ReviewInput,
    /// The day the manager signed the scheda di assegnazione for acknowledgement.
    #[serde(default)]
    pub acknowledged: String,
    /// The mid-year colloquio: date and notes.
    #[serde(default)]
    pub midyear: String,
    #[serde(default)]
    pub midyear_notes: String,
}

/// A scheda, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Scheda {
    /// Per item: the score on the scale (none: not yet given) and the note.
    pub scores: Vec<(Option<u32>, String)>,
    /// The individual objectives' achievement, hundredths: the weighted mean of
    /// `objectives` (worked out again by `evaluate` with the year's rule for late deadlines).
    pub individual: Option<u32>,
    /// The individual objectives assigned, with the values measured at the end.
    #[serde(default)]
    pub objectives: Vec<Individual>,
    /// Their revisions at the mid-year colloquio, oldest first.
    #[serde(default)]
    pub revisions: Vec<Revision>,
    pub colloquio: Option<NaiveDate>,
    /// Cents.
    pub max_pay: Option<i64>,
    pub evaluator: String,
    pub notes: String,
    /// An incarico held for part of the year (both days included): the pay is pro rata.
    #[serde(default)]
    pub incarico: Option<(NaiveDate, NaiveDate)>,
    #[serde(default)]
    pub interims: Vec<Interim>,
    #[serde(default)]
    pub review: Review,
    #[serde(default)]
    pub acknowledged: Option<NaiveDate>,
    #[serde(default)]
    pub midyear: Option<NaiveDate>,
    #[serde(default)]
    pub midyear_notes: String,
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
            individual: String::new(),
            individuals: self.objectives.iter().map(Individual::to_input).collect(),
            colloquio: self
                .colloquio
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            max_pay: self.max_pay.map(euros).unwrap_or_default(),
            evaluator: self.evaluator.clone(),
            notes: self.notes.clone(),
            incarico_from: self
                .incarico
                .map(|(f, _)| f.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            incarico_to: self
                .incarico
                .map(|(_, t)| t.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            interims: self.interims.iter().map(Interim::to_input).collect(),
            review: self.review.to_input(self.scores.len()),
            acknowledged: self
                .acknowledged
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            midyear: self
                .midyear
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            midyear_notes: self.midyear_notes.clone(),
        }
    }
}

impl SchedaInput {
    /// Checks the scheda; `late` is the year's rule for deadlines met late (the individual
    /// objectives' achievements follow it, as the results do).
    pub fn validate(&self, rules: &Rules, year: i32, late: LateRule) -> Result<Scheda> {
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
        let mut objectives = crate::individual::validate_all(&self.individuals, late)?;
        let legacy = self.individual.trim();
        if objectives.is_empty() && !legacy.is_empty() {
            objectives.push(Individual::legacy(parse_percent(legacy).map_err(|_| {
                Error::invalid(
                    "individual",
                    format!("Obiettivi individuali: «{legacy}» non è una percentuale valida, scrivi un numero tra 0 e 100."),
                )
            })?));
        }
        let individual = crate::individual::component(&objectives, late);
        let colloquio = match self.colloquio.trim() {
            "" => None,
            t => {
                let d = crate::indicators::parse_date(t).ok_or_else(|| {
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
        let incarico = incarico(year, &self.incarico_from, &self.incarico_to)?;
        let interims = self
            .interims
            .iter()
            .filter(|i| !i.is_empty())
            .map(|i| i.validate(year))
            .collect::<Result<Vec<_>>>()?;
        let names: Vec<String> = rules.items.iter().map(|i| i.name.clone()).collect();
        let first: Vec<Option<u32>> = scores.iter().map(|(s, _)| *s).collect();
        let review = self.review.validate(
            year,
            rules.review_days,
            (rules.scale_min, rules.scale_max),
            &names,
            &first,
        )?;
        if let (Some(h), Some(c)) = (review.handed_over, colloquio) {
            if h < c {
                return Err(Error::invalid(
                    "handed_over",
                    format!(
                        "La scheda si consegna dopo il colloquio del {}: controlla la data di consegna.",
                        c.format("%d/%m/%Y")
                    ),
                ));
            }
        }
        // The year's start and middle: the assignment acknowledged before the year ends, the
        // mid-year colloquio inside the year (DFP guidelines 2/2017 and 5/2019).
        let day = |field: &'static str, label: &str, t: &str| -> Result<Option<NaiveDate>> {
            match t.trim() {
                "" => Ok(None),
                t => crate::indicators::parse_date(t).map(Some).ok_or_else(|| {
                    Error::invalid(
                        field,
                        format!("{label}: «{t}» non è una data valida, scrivi per esempio 20/01/{year}."),
                    )
                }),
            }
        };
        let acknowledged = day(
            "acknowledged",
            "Presa visione della scheda di assegnazione",
            &self.acknowledged,
        )?;
        if acknowledged.is_some_and(|d| d.year() > year) {
            return Err(Error::invalid(
                "acknowledged",
                format!("La scheda di assegnazione del {year} si firma all'inizio dell'anno, non dopo la sua fine."),
            ));
        }
        let midyear = day("midyear", "Colloquio intermedio", &self.midyear)?;
        if midyear.is_some_and(|d| d.year() != year) {
            return Err(Error::invalid(
                "midyear",
                format!("Il colloquio intermedio si tiene durante il {year}: controlla la data."),
            ));
        }
        Ok(Scheda {
            scores,
            individual,
            objectives,
            revisions: Vec::new(),
            colloquio,
            max_pay,
            evaluator: clean_text("evaluator", "Valutatore", &self.evaluator, false)?,
            notes: clean_text("notes", "Note", &self.notes, false)?,
            incarico,
            interims,
            review,
            acknowledged,
            midyear,
            midyear_notes: clean_text(
                "midyear_notes",
                "Note del colloquio intermedio",
                &self.midyear_notes,
                false,
            )?,
        })
    }
}

/// An area a manager leads: its name, its score (hundredths), how many objectives it has.
pub type LedArea = (String, u32, usize);

/// What a line of the pay is, for the summary's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayKind {
    /// The maximum result pay, and its pro rata for a part-year incarico.
    Maximum,
    /// The quota on the score's band.
    Score,
    /// The payment-timeliness quota (art. 4-bis DL 13/2023).
    Timeliness,
    /// The reduction for a failed prerequisite.
    Reduction,
    /// One position covered ad interim (CCNL 16/11/2022 art. 17 c.5).
    Interim,
}

/// One line of a manager's pay, as the scheda and the summary print it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayLine {
    pub kind: PayKind,
    pub label: String,
    /// How it is worked out, with the rule it follows.
    pub detail: String,
    /// Cents; none while something it needs is missing.
    pub amount: Option<i64>,
}

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
    /// The band's share, hundredths of a percent.
    pub share: Option<u32>,
    /// What is due, every line added up, cents.
    pub amount: Option<i64>,
    /// What is still missing: "punteggio di «…»", "data del colloquio", …
    pub missing: Vec<String>,
    /// Results of the areas still missing: the organisational score is provisional.
    pub provisional: bool,
    /// Leads an area that pays invoices, in a year from 2024 (art. 4-bis DL 13/2023).
    #[serde(default)]
    pub timeliness_subject: bool,
    /// The share of the pay that truly depends on payment timeliness, hundredths of a
    /// percent, and how it is worked out.
    #[serde(default)]
    pub timeliness_share: Option<u32>,
    #[serde(default)]
    pub timeliness_arithmetic: String,
    /// Areas whose prerequisite failed.
    #[serde(default)]
    pub prerequisite_failed: Vec<String>,
    /// Why the pay is nil or reduced, naming the rule.
    #[serde(default)]
    pub reduction: Option<String>,
    /// The pay, line by line: maximum, pro rata, results' quota, timeliness quota,
    /// prerequisite, interim.
    #[serde(default)]
    pub lines: Vec<PayLine>,
    /// Where the scheda stands: handed over, the review window, final.
    #[serde(default = "to_hand_over")]
    pub stage: Stage,
    #[serde(default)]
    pub stage_text: String,
    /// Per individual objective, the achievement that counts (none: no value yet), with the
    /// year's rule for late deadlines.
    #[serde(default)]
    pub achievements: Vec<Option<u32>>,
}

impl Evaluated {
    /// The lines of one kind added up, cents; none when there is no such line or one of
    /// them still misses something.
    pub fn total_of(&self, kind: PayKind) -> Option<i64> {
        let mut lines = self.lines.iter().filter(|l| l.kind == kind).peekable();
        lines.peek()?;
        lines.map(|l| l.amount).sum()
    }
}

fn to_hand_over() -> Stage {
    Stage::ToHandOver
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
    /// The definitive evaluation: the act by which the Sindaco/Presidente assigns it
    /// (body, number, date). It freezes the year's schede.
    pub validation: Option<Act>,
    /// The Nucleo's proposal of the evaluation (art. 14 c.4 lett. e D.Lgs. 150/2009).
    #[serde(default)]
    pub proposal: Option<Act>,
    /// The Nucleo's validation of the year's Relazione sulla performance: without it nothing
    /// is payable (art. 14 c.6 D.Lgs. 150/2009 and the entity's own rules).
    #[serde(default)]
    pub relazione_validation: Option<Act>,
    /// The indicators of delay recorded for the year (entity and areas).
    #[serde(default)]
    pub delays: Vec<Delay>,
    /// What keeps the evaluation from being made definitive, each naming its rule.
    #[serde(default)]
    pub refusals: Vec<String>,
    /// The areas whose manager pays invoices, in a year the timeliness rule applies to:
    /// (id in the version read, lineage, name). An area's own indicator of delay is recorded
    /// by its id.
    #[serde(default)]
    pub paying_areas: Vec<(AreaId, AreaId, String)>,
    /// The year's rule for deadlines met late (the results' and the individual objectives').
    #[serde(default)]
    pub late: LateRule,
    /// Each behaviour item's share of the whole score (`Rules::item_shares`), for the view.
    #[serde(default)]
    pub item_shares: Vec<u32>,
}

impl Evaluation {
    /// The evaluation with one manager's scheda only (a scheda di assegnazione printed for
    /// one person); refused when nobody of that name leads an area in the year.
    pub fn only(&self, manager: &str) -> Result<Evaluation> {
        let key = name_key(manager);
        let mut one = self.clone();
        one.managers.retain(|m| name_key(&m.manager) == key);
        if one.managers.is_empty() {
            return Err(Error::invalid(
                "manager",
                format!(
                    "«{}» non è responsabile di nessuna area nel {}: i responsabili si indicano nelle aree del piano.",
                    manager.trim(),
                    self.year
                ),
            ));
        }
        Ok(one)
    }

    /// The amounts may be paid: the Nucleo has validated the Relazione.
    pub fn payable(&self) -> bool {
        self.relazione_validation.is_some()
    }

    /// Some scheda is not final yet (handing over, review): the summary and the publication
    /// are provisional.
    pub fn provisional(&self) -> bool {
        self.managers.iter().any(|m| !m.stage.is_final())
    }
}

/// What is recorded beside the schede: the indicators of delay, the Nucleo's proposal, the
/// definitive act; and the day the schede's review windows are judged on.
#[derive(Debug, Clone, Default)]
pub struct Acts {
    pub delays: Vec<Delay>,
    pub proposal: Option<Act>,
    pub validation: Option<Act>,
    /// None: every window is taken as closed (a definitive evaluation is judged on its
    /// records).
    pub today: Option<NaiveDate>,
}

/// The message shown while the Relazione is not validated.
pub fn not_payable(year: i32) -> String {
    format!("Non liquidabile: manca la validazione della Relazione sulla performance {year} da parte del Nucleo di valutazione (art. 14 c.6 D.Lgs. 150/2009 e regolamento dell'ente). Le schede si possono stampare, gli importi non si pagano.")
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

/// One area a manager leads, as the pay needs it.
struct Led<'a> {
    area: &'a crate::results::AreaResults,
    /// Its weight when the areas are combined: 1 (plain mean) or its objectives (weighted).
    weight: u64,
}

fn pct(v: u32) -> String {
    format!("{}%", format_hundredths(v.into()))
}

/// Computes the year's evaluation from the results, the rules and the schede (by manager
/// name key), with the acts recorded beside them.
pub fn evaluate(
    results: &YearResults,
    rules: &Rules,
    schede: &HashMap<String, Scheda>,
    acts: &Acts,
) -> Evaluation {
    let bands = rules.bands.clone().unwrap_or_else(|| results.bands.clone());
    let year = results.year;
    // The managers, from the areas (one person may lead several), in the areas' order.
    let mut order: Vec<String> = Vec::new();
    let mut led: HashMap<String, (String, Vec<Led>)> = HashMap::new();
    for a in &results.areas {
        let name = a.manager.trim();
        if name.is_empty() {
            continue;
        }
        let key = name_key(name);
        if !led.contains_key(&key) {
            order.push(key.clone());
        }
        let objectives = a.rows.iter().filter(|r| !r.is_prerequisite()).count() as u64;
        led.entry(key)
            .or_insert_with(|| (name.to_string(), Vec::new()))
            .1
            .push(Led {
                area: a,
                weight: match rules.combine {
                    Combine::Media => 1,
                    Combine::Pesata => objectives,
                },
            });
    }
    let mut refusals = Vec::new();
    let mut managers = Vec::new();
    for key in order {
        let (manager, areas) = led.remove(&key).unwrap_or_default();
        let total_weight: u64 = areas.iter().map(|l| l.weight).sum::<u64>().max(1);
        let combined = |value: &dyn Fn(&Led) -> u32| -> u32 {
            let sum: u64 = areas.iter().map(|l| l.weight * u64::from(value(l))).sum();
            ((sum * 2 + total_weight) / (total_weight * 2)) as u32
        };
        let organisational = combined(&|l| l.area.score);
        let mut scheda = schede.get(&key).cloned().unwrap_or_default();
        if !scheda.objectives.is_empty() {
            scheda.individual = crate::individual::component(&scheda.objectives, results.late);
        }
        let mut scores = scheda.scores.clone();
        scores.resize(rules.items.len(), (None, String::new()));
        // After a decided review, the scores it changed count (art. 7 c.2-bis D.Lgs.
        // 150/2009); the first ones stay on the scheda.
        let scores_counted = scheda.review.applied(&scores);
        let behaviours = behaviour_score(rules, &scores_counted);
        let mut missing = Vec::new();
        for (item, (s, _)) in rules.items.iter().zip(&scores) {
            if s.is_none() {
                missing.push(format!("punteggio di «{}»", item.name));
            }
        }
        if rules.individual > 0 && scheda.objectives.is_empty() {
            missing.push("obiettivi individuali".into());
        } else if rules.individual > 0 {
            missing.extend(crate::individual::missing(&scheda.objectives, results.late));
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

        // Art. 4-bis DL 13/2023: from 2024, managers who pay commercial invoices.
        let paying: Vec<&Led> = areas.iter().filter(|l| l.area.pays_invoices).collect();
        let subject = year >= TIMELINESS_FIRST_YEAR && !paying.is_empty();
        let mut timeliness_share = None;
        let mut timeliness_arithmetic = String::new();
        let mut quota = 0u32;
        let mut earned: Option<u32> = Some(0);
        let mut delay_text = Vec::new();
        if subject {
            match rules.timeliness {
                TimelinessMode::Risultati => {
                    // The share that truly depends on it: component weight × the objective's
                    // weight in the area, combined across the areas as the scores are.
                    let tw = combined(&|l| {
                        if l.area.pays_invoices {
                            l.area.timeliness_weight
                        } else {
                            0
                        }
                    });
                    let eff = (u64::from(rules.organisational) * u64::from(tw) + 5_000) / 10_000;
                    let eff = eff as u32;
                    timeliness_share = Some(eff);
                    let weights: Vec<String> = areas
                        .iter()
                        .map(|l| {
                            pct(if l.area.pays_invoices {
                                l.area.timeliness_weight
                            } else {
                                0
                            })
                        })
                        .collect();
                    timeliness_arithmetic = if areas.len() > 1 {
                        format!(
                            "performance organizzativa {} × peso dell'obiettivo di tempestività nelle aree ({}: {}) = {}",
                            pct(rules.organisational),
                            match rules.combine {
                                Combine::Media => "media",
                                Combine::Pesata => "media pesata",
                            },
                            weights.join(", "),
                            pct(eff)
                        )
                    } else {
                        format!(
                            "performance organizzativa {} × peso dell'obiettivo di tempestività nell'area {} = {}",
                            pct(rules.organisational),
                            weights.join(", "),
                            pct(eff)
                        )
                    };
                    if eff < TIMELINESS_MIN {
                        refusals.push(format!(
                            "{manager}: dalla tempestività dei pagamenti dipende il {} della retribuzione di risultato ({timeliness_arithmetic}); la legge chiede almeno il 30% (art. 4-bis DL 13/2023). Aumenta il peso dell'obiettivo di tempestività o della performance organizzativa, oppure usa la quota dedicata.",
                            pct(eff)
                        ));
                    }
                }
                TimelinessMode::Quota => {
                    quota = rules.timeliness_quota;
                    timeliness_share = Some(quota);
                    timeliness_arithmetic = format!(
                        "quota dedicata del {} della retribuzione di risultato, pagata se l'indicatore di ritardo annuale è ≤ 0 giorni",
                        pct(quota)
                    );
                    // The area's own indicator, else the entity's (L. 145/2018 c.859 lett. b).
                    for l in &paying {
                        let d = acts
                            .delays
                            .iter()
                            .find(|d| d.area == Some(l.area.lineage))
                            .or_else(|| acts.delays.iter().find(|d| d.area.is_none()));
                        match d {
                            None => {
                                earned = None;
                                let m =
                                    format!("indicatore di ritardo annuale dei pagamenti {year}");
                                if !missing.contains(&m) {
                                    missing.push(m);
                                }
                            }
                            Some(d) if !d.verified() => {
                                earned = None;
                                let m =
                                    "verifica del revisore sull'indicatore di ritardo".to_string();
                                if !missing.contains(&m) {
                                    missing.push(m);
                                }
                            }
                            Some(d) => {
                                let e = quota_earned(d.days, &rules.timeliness_graduation);
                                earned =
                                    earned
                                        .map(|x| if delay_text.is_empty() { e } else { x.min(e) });
                                let text = format!(
                                    "{}{} (verificato da {} il {})",
                                    if d.area.is_some() {
                                        format!("{}: ", l.area.name)
                                    } else {
                                        String::new()
                                    },
                                    d.days_text(),
                                    d.verifier,
                                    d.verified_on
                                        .map(|v| v.format("%d/%m/%Y").to_string())
                                        .unwrap_or_default()
                                );
                                if !delay_text.contains(&text) {
                                    delay_text.push(text);
                                }
                            }
                        }
                    }
                }
            }
        }

        // The pay, line by line.
        let mut lines = Vec::new();
        let base = scheda.max_pay.map(|m| pro_rata(m, scheda.incarico));
        lines.push(PayLine {
            kind: PayKind::Maximum,
            label: "Retribuzione di risultato massima".into(),
            detail: String::new(),
            amount: scheda.max_pay,
        });
        if let Some((f, t)) = scheda.incarico {
            let total_days = crate::pay::days(
                NaiveDate::from_ymd_opt(year, 1, 1).expect("a year"),
                NaiveDate::from_ymd_opt(year, 12, 31).expect("a year"),
            );
            lines.push(PayLine {
                kind: PayKind::Maximum,
                label: "Rapportata ai giorni dell'incarico".into(),
                detail: format!(
                    "incarico dal {} al {}: {} giorni su {total_days}",
                    f.format("%d/%m/%Y"),
                    t.format("%d/%m/%Y"),
                    crate::pay::days(f, t)
                ),
                amount: base,
            });
        }
        let results_part = base
            .zip(share)
            .map(|(b, sh)| scale(b, i128::from(10_000 - quota) * i128::from(sh), 100_000_000));
        let timeliness_part = if quota > 0 {
            base.zip(earned)
                .map(|(b, e)| scale(b, i128::from(quota) * i128::from(e), 100_000_000))
        } else {
            Some(0)
        };
        lines.push(PayLine {
            kind: PayKind::Score,
            label: if quota > 0 {
                format!("Quota legata al punteggio ({})", pct(10_000 - quota))
            } else {
                "Quota dalla fascia del punteggio".into()
            },
            detail: share
                .map(|sh| format!("{} della fascia «{band}»", pct(sh)))
                .unwrap_or_default(),
            amount: results_part,
        });
        if quota > 0 {
            lines.push(PayLine {
                kind: PayKind::Timeliness,
                label: format!("Quota di tempestività dei pagamenti ({})", pct(quota)),
                detail: match earned {
                    Some(e) => format!(
                        "indicatore di ritardo annuale {}: {} (art. 4-bis DL 13/2023)",
                        delay_text.join("; "),
                        if e == 10_000 {
                            "raggiunto, quota intera".to_string()
                        } else if e == 0 {
                            "non raggiunto, quota non pagata".to_string()
                        } else {
                            format!("ritardo graduato, {} della quota", pct(e))
                        }
                    ),
                    None => "manca l'indicatore di ritardo annuale verificato dal revisore (art. 4-bis DL 13/2023)".into(),
                },
                amount: timeliness_part,
            });
        }
        // A failed prerequisite ("obiettivo zero") cancels the pay it governs, as the entity's
        // evaluation system sets it (SMVP, art. 7 D.Lgs. 150/2009): all of it, or that
        // area's part.
        let failed: Vec<&Led> = areas
            .iter()
            .filter(|l| l.area.prerequisite_failed)
            .collect();
        let prerequisite_failed: Vec<String> = failed.iter().map(|l| l.area.name.clone()).collect();
        let interim_total: i64 = scheda.interims.iter().map(Interim::amount).sum();
        let mut reduction = None;
        let before = results_part.zip(timeliness_part).map(|(a, b)| a + b);
        let mut kept_interim = interim_total;
        let after = if failed.is_empty() {
            before
        } else if rules.prerequisite == PrerequisiteRule::Tutto || failed.len() == areas.len() {
            kept_interim = 0;
            reduction = Some(format!(
                "Obiettivo prerequisito non raggiunto ({}): nessuna retribuzione di risultato per l'anno (sistema di misurazione e valutazione dell'ente, art. 7 D.Lgs. 150/2009).",
                prerequisite_failed.join(", ")
            ));
            Some(0)
        } else {
            let failed_weight: u64 = failed.iter().map(|l| l.weight).sum();
            let kept = total_weight - failed_weight;
            reduction = Some(format!(
                "Obiettivo prerequisito non raggiunto ({}): nulla la parte di quell'area, {} su {} (sistema di misurazione e valutazione dell'ente, art. 7 D.Lgs. 150/2009).",
                prerequisite_failed.join(", "),
                failed_weight,
                total_weight
            ));
            before.map(|b| scale(b, kept.into(), total_weight.into()))
        };
        if let Some(r) = &reduction {
            lines.push(PayLine {
                kind: PayKind::Reduction,
                label: "Riduzione per obiettivo prerequisito non raggiunto".into(),
                detail: r.clone(),
                amount: before
                    .zip(after)
                    .map(|(b, a)| a - b - (interim_total - kept_interim)),
            });
        }
        for i in &scheda.interims {
            lines.push(PayLine {
                kind: PayKind::Interim,
                label: format!("Incarico ad interim: {}", i.post),
                detail: format!(
                    "{} di € {} × {} giorni su {} (dal {} al {}; CCNL Funzioni Locali 16/11/2022 art. 17 c.5)",
                    pct(i.percent),
                    euros(i.value),
                    i.days(),
                    crate::pay::days(
                        NaiveDate::from_ymd_opt(year, 1, 1).expect("a year"),
                        NaiveDate::from_ymd_opt(year, 12, 31).expect("a year"),
                    ),
                    i.from.format("%d/%m/%Y"),
                    i.to.format("%d/%m/%Y")
                ),
                amount: Some(i.amount()),
            });
        }
        let amount = after.map(|a| a + kept_interim);
        let stage = match (&acts.validation, acts.today) {
            // A definitive evaluation was closed on its records (schede validated before the
            // conciliation was recorded included): final.
            (Some(_), _) => Stage::Final,
            (None, Some(today)) => scheda.review.stage(rules.review_days, today),
            (None, None) if scheda.review.handed_over.is_none() => Stage::ToHandOver,
            (None, None)
                if scheda.review.requested.is_some() && scheda.review.decided.is_none() =>
            {
                Stage::UnderReview
            }
            (None, None) => Stage::Final,
        };
        if !stage.is_final() {
            refusals.push(format!(
                "{manager}: la scheda non è definitiva ({}); la valutazione si chiude dopo la consegna e il termine per il riesame, o il suo esito (art. 7 c.2-bis D.Lgs. 150/2009).",
                stage.text()
            ));
        }
        let achievements = scheda
            .objectives
            .iter()
            .map(|o| o.achievement(results.late))
            .collect();
        managers.push(Evaluated {
            provisional: areas.iter().any(|l| !l.area.missing.is_empty()),
            manager,
            areas: areas
                .iter()
                .map(|l| {
                    (
                        l.area.name.clone(),
                        l.area.score,
                        l.area.rows.iter().filter(|r| !r.is_prerequisite()).count(),
                    )
                })
                .collect(),
            organisational,
            behaviours,
            scheda,
            score,
            band,
            share,
            amount,
            missing,
            timeliness_subject: subject,
            timeliness_share,
            timeliness_arithmetic,
            prerequisite_failed,
            reduction,
            lines,
            stage_text: stage.text(),
            stage,
            achievements,
        });
    }
    let total: i64 = managers.iter().filter_map(|m| m.amount).sum();
    let mut warnings = Vec::new();
    if results.relazione_validation.is_none() {
        warnings.push(not_payable(year));
    }
    // Art. 9 c.1 lett. a D.Lgs. 150/2009: rules saved before the check, or defaults changed.
    if let Some(m) = not_prevalent(rules.organisational, rules.behaviours, rules.individual) {
        refusals.push(m);
    } else if rules.organisational < 5_000 {
        warnings.push(format!(
            "La performance organizzativa pesa {}: è la componente prevalente, ma meno della metà del punteggio (art. 9 c.1 lett. a D.Lgs. 150/2009). Controlla che il sistema di valutazione lo preveda.",
            pct(rules.organisational)
        ));
    }
    warnings.extend(refusals.iter().cloned());
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
            // CCNL Funzioni Locali 16/11/2022 art. 17 c.4: at least 15% of position +
            // result pay goes to result pay.
            if budget * 100 < (budget + position) * 15 {
                warnings.push(format!(
                    "Il fondo di risultato (€ {}) è meno del 15% della somma dei fondi di posizione e risultato (€ {}): il CCNL Funzioni Locali 16/11/2022 (art. 17 c.4) ne chiede almeno il 15%.",
                    euros(budget),
                    euros(budget + position)
                ));
            }
        }
    }
    let shares: Vec<u32> = managers.iter().filter_map(|m| m.share).collect();
    if shares.len() >= 2 && shares.len() == managers.len() && shares.iter().all(|s| *s == shares[0])
    {
        // Art. 18 c.2 D.Lgs. 150/2009 (art. 31 for local authorities): no pay "in maniera
        // indifferenziata o sulla base di automatismi".
        warnings.push(format!(
            "Tutti i responsabili hanno la stessa quota ({}%): la retribuzione di risultato non si distribuisce «in maniera indifferenziata o sulla base di automatismi» (art. 18 c.2 D.Lgs. 150/2009). Quote uguali sono legittime se vengono da punteggi reali: controlla che le valutazioni siano motivate.",
            format_hundredths(shares[0].into())
        ));
    }
    Evaluation {
        plan_id: results.plan_id,
        series_id: results.series_id,
        entity: results.entity.clone(),
        title: results.title.clone(),
        year,
        rules: rules.clone(),
        band_labels: (0..bands.len()).map(|i| band_label(&bands, i)).collect(),
        bands,
        managers,
        total,
        warnings,
        validation: acts.validation.clone(),
        proposal: acts.proposal.clone(),
        relazione_validation: results.relazione_validation.clone(),
        delays: acts.delays.clone(),
        refusals,
        late: results.late,
        item_shares: rules.item_shares(),
        paying_areas: if year >= TIMELINESS_FIRST_YEAR {
            results
                .areas
                .iter()
                .filter(|a| a.pays_invoices && !a.manager.trim().is_empty())
                .map(|a| (a.area_id, a.lineage, a.name.clone()))
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// The aggregate table that may be published (art. 20 D.Lgs. 33/2013): the amount set aside,
/// the amount paid, the SMVP's criteria, and the distribution by band, with bands of fewer
/// than 3 people merged with a neighbour. It names nobody. The amount set aside must be
/// typed first.
pub fn publication(e: &Evaluation) -> Result<Vec<(String, String)>> {
    let budget = e.rules.budget.ok_or_else(|| {
        Error::invalid(
            "budget",
            format!("Per la pubblicazione serve l'ammontare stanziato per i premi (art. 20 D.Lgs. 33/2013): indica il fondo per la retribuzione di risultato {} nelle regole dell'anno.", e.year),
        )
    })?;
    let mut out = vec![
        ("Anno".to_string(), e.year.to_string()),
        (
            "Stato dei dati".to_string(),
            if e.provisional() {
                "provvisori: schede non ancora definitive (consegna o riesame in corso, art. 7 c.2-bis D.Lgs. 150/2009)".to_string()
            } else {
                "definitivi".to_string()
            },
        ),
        (
            "Ammontare stanziato per la retribuzione di risultato (€)".to_string(),
            euros(budget),
        ),
        (
            "Ammontare effettivamente distribuito (€)".to_string(),
            euros(e.total),
        ),
        (
            "Criteri (sistema di misurazione e valutazione)".to_string(),
            e.rules.criteria(&e.band_labels),
        ),
        (
            "Responsabili valutati".to_string(),
            e.managers
                .iter()
                .filter(|m| m.score.is_some())
                .count()
                .to_string(),
        ),
    ];
    let counts: Vec<(String, usize)> = e
        .band_labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            (
                label.clone(),
                e.managers
                    .iter()
                    .filter(|m| m.score.is_some_and(|s| band_of(&e.bands, s).0 == i))
                    .count(),
            )
        })
        .collect();
    for (label, n, merged) in merged_bands(&counts) {
        out.push((
            if merged {
                format!("Responsabili nelle fasce {label} (unite perché nessuno sia riconoscibile)")
            } else {
                format!("Responsabili nella fascia {label}")
            },
            n.to_string(),
        ));
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
    if shares.len() >= 3 {
        if let (Some(min), Some(max)) = (shares.iter().min(), shares.iter().max()) {
            out.push((
                "Scarto tra la quota più alta e la più bassa (punti percentuali)".to_string(),
                format_hundredths(i64::from(max - min)),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_s_share_of_the_score_is_rounded_once() {
        // 40% × 25% = 10%; 30% × 33,33% = 9,999% → 10,00%; 20% × 50% = 10%.
        assert_eq!(share_of(4_000, 2_500), 1_000);
        assert_eq!(share_of(3_000, 3_333), 1_000);
        assert_eq!(share_of(2_000, 5_000), 1_000);
        let rules = Rules {
            behaviours: 3_000,
            ..Rules::default()
        };
        assert_eq!(rules.item_shares(), vec![750; rules.items.len()]);
    }

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
