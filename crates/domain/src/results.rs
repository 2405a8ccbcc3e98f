//! The year's results: what each area achieved on each objective, the weighted score, and
//! what the evaluation system (SMVP) makes of it. Pure computation on a loaded plan; the
//! store reads and writes, the annex and the sheets print.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::{AreaId, IndicatorId, ObjectiveId};
use crate::indicators::{achievement, weighted_mean, Direction, Indicator, Kind, LateRule, Value};
use crate::model::{clean_text, format_hundredths, parse_percent, FullPlan};
use crate::text::PercentWords;
use crate::versions::{Act, Lineage};

/// A degree of achievement in hundredths of a percent: 85,5% is 8550.
pub fn parse_achievement(text: &str) -> Result<u32> {
    PercentWords {
        field: "achievement",
        empty: "Indica la percentuale di raggiungimento: un numero tra 0 e 100.",
        negative: "La percentuale di raggiungimento non può essere negativa: indica un numero tra 0 e 100.",
        not_a_number: "«{shown}» non è una percentuale valida: scrivi un numero come 100 oppure 85,5.",
        too_many_decimals: "«{shown}» ha troppi decimali: la percentuale ammette al massimo due cifre dopo la virgola (es. 85,25).",
        over_hundred: "La percentuale di raggiungimento non può superare 100 (hai scritto {shown}).",
    }
    .parse(text)
}

/// The plan's years whose results can be recorded on `today`: those already started.
pub fn started_years(first_year: i32, last_year: i32, today: NaiveDate) -> Vec<i32> {
    (first_year..=last_year.min(today.year())).collect()
}

/// A year takes results only if the plan covers it and, on `today`, it has started: a
/// result measures what was done, so the year must be under way.
pub fn check_result_year(
    first_year: i32,
    last_year: i32,
    year: i32,
    today: NaiveDate,
) -> Result<()> {
    if year < first_year || year > last_year {
        return Err(Error::invalid(
            "year",
            format!(
                "Il piano copre gli anni {first_year}-{last_year}: il {year} non è tra questi."
            ),
        ));
    }
    if year > today.year() {
        return Err(Error::invalid(
            "year",
            format!("Il {year} non è ancora iniziato: i suoi risultati si registrano dopo."),
        ));
    }
    Ok(())
}

/// A result as typed: the value reached, the percentage, the reasons for a shortfall.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResultInput {
    pub value: String,
    pub achievement: String,
    pub note: String,
    /// The values measured per indicator: (the indicator's id in the version on screen, the
    /// value as typed). Empty: the percentage is typed, as for an objective without
    /// indicators.
    pub values: Vec<(IndicatorId, String)>,
}

/// A result, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub value: String,
    /// Hundredths of a percent.
    pub achievement: u32,
    pub note: String,
    /// The percentage the measured values give (none: typed without values). When it differs
    /// from `achievement`, the percentage was typed over it and the note says why.
    #[serde(default)]
    pub computed: Option<u32>,
    /// The measured values, by the indicator's lineage, in the database's form.
    #[serde(default)]
    pub values: Vec<(IndicatorId, String)>,
}

impl Entry {
    /// The percentage was typed over the one the values give.
    pub fn overridden(&self) -> bool {
        self.computed.is_some_and(|c| c != self.achievement)
    }
}

/// An indicator of a result row: its target for the year and the value measured, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowIndicator {
    /// The indicator's id in the version the results are read against.
    pub id: IndicatorId,
    pub lineage: IndicatorId,
    pub kind: Kind,
    pub direction: Direction,
    pub weight: u32,
    /// "numero (atti di liquidazione)", "scadenza".
    pub label: String,
    pub target: Option<Value>,
    /// "≥ 3 atti di liquidazione", "entro il 30/06/2020"; empty without a target this year.
    pub target_text: String,
    /// The stored measured value, as the officer reads it.
    pub value_text: String,
    /// The achievement the stored value gives.
    pub achievement: Option<u32>,
}

/// What the values typed for a row give: per indicator the achievement (or why not), and
/// the objective's weighted mean over those with a value and a target.
pub fn computed(
    indicators: &[RowIndicator],
    values: &[(IndicatorId, String)],
    late: LateRule,
) -> Result<(Option<u32>, TypedValues)> {
    computed_with(indicators, values, late, true)
}

/// [`computed`]; with `require_all` false, values may be missing (monitoring during the
/// year: a deadline has no completion date yet), and the mean is given only when none is.
pub fn computed_with(
    indicators: &[RowIndicator],
    values: &[(IndicatorId, String)],
    late: LateRule,
    require_all: bool,
) -> Result<(Option<u32>, TypedValues)> {
    let mut parts = Vec::new();
    let mut stored = Vec::new();
    for i in indicators {
        let Some((_, typed)) = values.iter().find(|(id, _)| *id == i.id) else {
            continue;
        };
        if typed.trim().is_empty() {
            continue;
        }
        let v = Value::parse(i.kind, typed, &format!("Valore di «{}»", i.label))
            .map_err(|e| Error::invalid("values", e.to_string()))?;
        stored.push((i.lineage, v.encode()));
        if let Some(t) = i.target {
            parts.push((i.weight, achievement(i.kind, i.direction, t, v, late)));
        }
    }
    if !require_all && stored.len() < indicators.len() {
        return Ok((None, stored));
    }
    if !stored.is_empty() && stored.len() < indicators.len() {
        let missing: Vec<&str> = indicators
            .iter()
            .filter(|i| {
                !values
                    .iter()
                    .any(|(id, t)| *id == i.id && !t.trim().is_empty())
            })
            .map(|i| i.label.as_str())
            .collect();
        return Err(Error::invalid(
            "values",
            format!(
                "Indica il valore misurato di ogni indicatore: manca {}.",
                missing
                    .iter()
                    .map(|m| format!("«{m}»"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    Ok((weighted_mean(&parts), stored))
}

impl ResultInput {
    /// Nothing typed: the result is to be cleared (or is still missing).
    pub fn is_empty(&self) -> bool {
        self.value.trim().is_empty()
            && self.achievement.trim().is_empty()
            && self.note.trim().is_empty()
            && self.values.iter().all(|(_, v)| v.trim().is_empty())
    }

    /// Checks a result for a row with indicators: with measured values the percentage
    /// follows from them (typed over it, the note must say why) and the value text is
    /// optional (the values say it); without, it is all typed, as for any objective.
    pub fn validate_for(&self, row: &ResultRow, late: LateRule) -> Result<Entry> {
        let (computed, values) = computed(&row.indicators, &self.values, late)?;
        if values.is_empty() {
            return self.validate();
        }
        let typed = match (self.achievement.trim(), computed) {
            ("", Some(c)) => c,
            ("", None) => {
                return Err(Error::invalid(
                    "achievement",
                    "Gli indicatori non hanno un target per quest'anno: indica tu la percentuale di raggiungimento.",
                ))
            }
            (t, _) => parse_achievement(t)?,
        };
        let note = clean_text("note", "Note sugli scostamenti", &self.note, false)?;
        if let Some(c) = computed.filter(|c| *c != typed) {
            if note.is_empty() {
                return Err(Error::invalid(
                    "note",
                    format!(
                        "Dai valori misurati il raggiungimento è {}%: hai scritto {}%, spiega nelle note perché.",
                        format_hundredths(c.into()),
                        format_hundredths(typed.into())
                    ),
                ));
            }
        }
        if typed < 10_000 && note.is_empty() {
            return Err(Error::invalid(
                "note",
                format!(
                    "Il raggiungimento è {}%: spiega nelle note le cause dello scostamento.",
                    format_hundredths(typed.into())
                ),
            ));
        }
        Ok(Entry {
            value: clean_text("value", "Valore raggiunto", &self.value, false)?,
            achievement: typed,
            note,
            computed,
            values,
        })
    }

    pub fn validate(&self) -> Result<Entry> {
        let achievement = parse_achievement(&self.achievement)?;
        let value = clean_text("value", "Valore raggiunto", &self.value, false)?;
        if value.is_empty() {
            return Err(Error::invalid(
                "value",
                "Indica il valore raggiunto dall'indicatore (es. «fatture pagate in media in 27 giorni»).",
            ));
        }
        let note = clean_text("note", "Note sugli scostamenti", &self.note, false)?;
        if achievement < 10_000 && note.is_empty() {
            return Err(Error::invalid(
                "note",
                format!(
                    "Il raggiungimento è {}%: spiega nelle note le cause dello scostamento.",
                    format_hundredths(achievement.into())
                ),
            ));
        }
        Ok(Entry {
            value,
            achievement,
            note,
            computed: None,
            values: Vec::new(),
        })
    }
}

/// A band of the evaluation system: from `from` (a score in hundredths, inclusive) up to the
/// next band, the share of the result bonus; `None` is "proportional to the score".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    pub from: u32,
    pub share: Option<u32>,
}

/// Below 60 nothing, from 60 in proportion to the score: the common SMVP default.
pub fn default_bands() -> Vec<Band> {
    vec![
        Band {
            from: 0,
            share: Some(0),
        },
        Band {
            from: 6000,
            share: None,
        },
    ]
}

/// A band as the officer types it: `60` and `proporzionale`, or `90` and `100`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandInput {
    pub from: String,
    pub share: String,
}

/// Checks a table of bands: the first from 0, each starting above the previous one.
pub fn check_bands(inputs: &[BandInput]) -> Result<Vec<Band>> {
    let mut out: Vec<Band> = Vec::new();
    for (i, b) in inputs.iter().enumerate() {
        let n = i + 1;
        let from = parse_percent(&b.from).map_err(|_| {
            Error::invalid(
                "bands",
                format!(
                    "Fascia {n}: «{}» non è un punteggio valido, scrivi un numero tra 0 e 100.",
                    b.from.trim()
                ),
            )
        })?;
        let share = match b.share.trim().to_lowercase().as_str() {
            "p" | "prop" | "proporzionale" => None,
            other => Some(parse_percent(other).map_err(|_| {
                Error::invalid(
                    "bands",
                    format!(
                        "Fascia {n}: «{}» non è una quota valida, scrivi un numero tra 0 e 100 oppure «proporzionale».",
                        b.share.trim()
                    ),
                )
            })?),
        };
        if i == 0 && from != 0 {
            return Err(Error::invalid(
                "bands",
                "La prima fascia deve partire da 0, così ogni punteggio ha la sua fascia.",
            ));
        }
        if let Some(prev) = out.last() {
            if from <= prev.from {
                return Err(Error::invalid(
                    "bands",
                    format!(
                        "Fascia {n}: deve partire da un punteggio più alto della fascia precedente ({}).",
                        format_hundredths(prev.from.into())
                    ),
                ));
            }
        }
        out.push(Band { from, share });
    }
    if out.is_empty() {
        return Err(Error::invalid(
            "bands",
            "Indica almeno una fascia (es. da 0: quota 0; da 60: proporzionale).",
        ));
    }
    Ok(out)
}

/// Bands written on one line, as on the command line: `0:0, 60:proporzionale, 90:100`.
pub fn parse_bands(text: &str) -> Result<Vec<Band>> {
    check_bands(&band_inputs(text))
}

/// The bands of a line such as `0:0, 60:proporzionale`, unchecked.
/// Bands are separated by `;`, a new line, or a comma followed by a blank (a comma between
/// digits is a decimal one: `60,5: proporzionale`).
pub fn band_inputs(text: &str) -> Vec<BandInput> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let comma_gap = c == ',' && chars.peek().is_some_and(|n| n.is_whitespace());
        if c == ';' || c == '\n' || comma_gap {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (from, share) = p.split_once(':').unwrap_or((&p, ""));
            BandInput {
                from: from.into(),
                share: share.into(),
            }
        })
        .collect()
}

/// "da 60 a 100: proporzionale al punteggio", "sotto 60: 0%".
pub fn band_label(bands: &[Band], i: usize) -> String {
    let b = bands[i];
    let range = match bands.get(i + 1) {
        Some(next) if b.from == 0 => format!("sotto {}", format_hundredths(next.from.into())),
        Some(next) => format!(
            "da {} a meno di {}",
            format_hundredths(b.from.into()),
            format_hundredths(next.from.into())
        ),
        None => format!("da {} a 100", format_hundredths(b.from.into())),
    };
    match b.share {
        Some(s) => format!("{range}: quota {}%", format_hundredths(s.into())),
        None => format!("{range}: quota proporzionale al punteggio"),
    }
}

/// The points an objective adds to its area's score: weight × achievement / 100, in
/// hundredths, rounded half up for display.
pub fn points(weight: u32, achievement: u32) -> u32 {
    ((u64::from(weight) * u64::from(achievement) + 5_000) / 10_000) as u32
}

/// Σ(weight × achievement) / 100 over (weight, achievement) pairs, in hundredths: summed
/// exactly, rounded once at the end.
pub fn score(rows: impl IntoIterator<Item = (u32, u32)>) -> u32 {
    let sum: u64 = rows
        .into_iter()
        .map(|(w, a)| u64::from(w) * u64::from(a))
        .sum();
    ((sum + 5_000) / 10_000) as u32
}

/// The band a score falls in, and the bonus share it gives (hundredths of a percent).
pub fn band_of(bands: &[Band], score: u32) -> (usize, u32) {
    let i = bands.iter().rposition(|b| b.from <= score).unwrap_or(0);
    let share = match bands.get(i).and_then(|b| b.share) {
        Some(s) => s,
        None => score.min(10_000),
    };
    (i, share)
}

/// A prerequisite objective ("obiettivo zero"): no weight, but when an area does not fully
/// achieve it, the area's bonus share that year is nil.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prerequisite {
    pub id: i64,
    pub description: String,
    pub indicator: String,
}

/// What a result is about: an objective (by the version's id) or a prerequisite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Item {
    Objective(ObjectiveId),
    Prerequisite(i64),
}

/// The results stored for a series and year, keyed by lineage (area, objective) or by
/// (area lineage, prerequisite id).
#[derive(Debug, Clone, Default)]
pub struct Stored {
    pub objectives: HashMap<(AreaId, ObjectiveId), Entry>,
    pub prerequisites: HashMap<(AreaId, i64), Entry>,
}

/// One objective of an area in the year, with its result if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRow {
    pub item: Item,
    pub period_label: String,
    /// "2020" or "2021-2022", as in the flat sheet.
    pub years: String,
    pub service: String,
    pub kind: String,
    pub description: String,
    pub expected_result: String,
    pub indicator: String,
    /// Hundredths of a percent; 0 for a prerequisite.
    pub weight: u32,
    pub cross_cutting: bool,
    pub result: Option<Entry>,
    /// Weighted points, hundredths; none while the result is missing.
    pub points: Option<u32>,
    /// The objective's indicators with this year's targets and the values measured.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<RowIndicator>,
}

impl ResultRow {
    pub fn is_prerequisite(&self) -> bool {
        matches!(self.item, Item::Prerequisite(_))
    }

    /// The value reached as a person reads it: with measured values, each against its
    /// target ("numero (pratiche): 3 (target ≥ 4 pratiche)"), then any words typed.
    pub fn value_text(&self) -> String {
        let Some(e) = &self.result else {
            return String::new();
        };
        if self.indicators.is_empty() || e.values.is_empty() {
            return e.value.clone();
        }
        let mut parts: Vec<String> = self
            .indicators
            .iter()
            .map(|i| {
                let v = if i.value_text.is_empty() {
                    "–"
                } else {
                    &i.value_text
                };
                if i.target_text.is_empty() {
                    format!("{}: {v}", i.label)
                } else {
                    format!("{}: {v} (target {})", i.label, i.target_text)
                }
            })
            .collect();
        if !e.value.is_empty() {
            parts.push(e.value.clone());
        }
        parts.join("; ")
    }
}

/// An area's year: its rows, its score and what the bands make of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaResults {
    pub area_id: AreaId,
    pub name: String,
    pub manager: String,
    /// Objectives first (in the annex's order), then the prerequisites.
    pub rows: Vec<ResultRow>,
    pub weight_total: u32,
    /// Σ(weight × achievement)/100 over the results typed so far, hundredths.
    pub score: u32,
    /// The rows still without a result (descriptions).
    pub missing: Vec<String>,
    pub band: String,
    /// Share of the result bonus, hundredths of a percent.
    pub share: u32,
    /// A prerequisite below 100%: the share is nil.
    pub prerequisite_failed: bool,
    /// The area's identity across versions.
    #[serde(default)]
    pub lineage: AreaId,
    /// Its manager pays commercial invoices (art. 4-bis DL 13/2023).
    #[serde(default)]
    pub pays_invoices: bool,
    /// The weight of the payment-timeliness objectives in the area this year, hundredths.
    #[serde(default)]
    pub timeliness_weight: u32,
}

/// A year's results for the whole plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearResults {
    pub plan_id: i64,
    pub series_id: i64,
    pub entity: String,
    pub title: String,
    /// The approved version the results are read against.
    pub version_label: String,
    pub year: i32,
    /// The act approving the Relazione: the results are frozen.
    pub relazione: Option<Act>,
    /// The Nucleo's validation of the Relazione (art. 14 c.6 D.Lgs. 150/2009): without it no
    /// result pay is paid.
    #[serde(default)]
    pub relazione_validation: Option<Act>,
    /// The year's variations of the plan: (act, what changed in short).
    #[serde(default)]
    pub variations: Vec<(Act, String)>,
    pub bands: Vec<Band>,
    pub band_labels: Vec<String>,
    pub areas: Vec<AreaResults>,
    /// The evaluation system's rule for deadlines met late.
    #[serde(default)]
    pub late: LateRule,
}

impl YearResults {
    /// How many results are still missing, over every area.
    pub fn missing(&self) -> usize {
        self.areas.iter().map(|a| a.missing.len()).sum()
    }

    pub fn area(&self, area_id: AreaId) -> Option<&AreaResults> {
        self.areas.iter().find(|a| a.area_id == area_id)
    }
}

/// What is needed besides the plan to compute a year.
pub struct Context<'a> {
    pub lineage: &'a Lineage,
    pub stored: &'a Stored,
    pub bands: &'a [Band],
    pub prerequisites: &'a [Prerequisite],
    pub relazione: Option<Act>,
    pub relazione_validation: Option<Act>,
    pub series_id: i64,
    pub version_label: String,
    pub late: LateRule,
}

/// The results of `year` on `plan` (an approved version): every objective of a period that
/// covers the year, per area, with the results stored for it.
pub fn year_results(plan: &FullPlan, year: i32, ctx: &Context) -> YearResults {
    let objectives: HashMap<ObjectiveId, &crate::model::Objective> =
        plan.objectives.iter().map(|o| (o.id, o)).collect();
    let shares = plan.share_counts();
    let periods: Vec<_> = plan
        .periods
        .iter()
        .filter(|p| p.first_year <= year && year <= p.last_year)
        .collect();
    let bands = if ctx.bands.is_empty() {
        default_bands()
    } else {
        ctx.bands.to_vec()
    };
    let mut areas = Vec::with_capacity(plan.areas.len());
    for area in &plan.areas {
        let area_line = ctx.lineage.area(area.id);
        let mut rows = Vec::new();
        for period in &periods {
            for p in plan.cell(area.id, period.id) {
                let Some(o) = objectives.get(&p.objective_id) else {
                    continue;
                };
                let line = ctx.lineage.objective(o.id);
                let result = ctx.stored.objectives.get(&(area_line, line)).cloned();
                rows.push(ResultRow {
                    item: Item::Objective(o.id),
                    period_label: period.label.clone(),
                    years: crate::model::years_cell(period.first_year, period.last_year),
                    service: o.text.service.clone(),
                    kind: o.text.kind.as_str().into(),
                    description: o.text.description.clone(),
                    expected_result: o.text.expected_result.clone(),
                    indicator: o.text.indicator.clone(),
                    weight: p.weight.0,
                    cross_cutting: shares.get(&o.id).copied().unwrap_or(1) > 1,
                    points: result.as_ref().map(|r| points(p.weight.0, r.achievement)),
                    indicators: row_indicators(
                        plan.indicators_of(o.id),
                        year,
                        ctx.lineage,
                        result.as_ref().map_or(&[][..], |r| &r.values),
                        ctx.late,
                    ),
                    result,
                });
            }
        }
        if rows.is_empty() {
            // An area with nothing in this year (added later, or for other years only).
            continue;
        }
        for pre in ctx.prerequisites {
            let result = ctx.stored.prerequisites.get(&(area_line, pre.id)).cloned();
            rows.push(ResultRow {
                item: Item::Prerequisite(pre.id),
                period_label: crate::model::period_label(year, year),
                years: year.to_string(),
                service: "OBIETTIVO PREREQUISITO".into(),
                kind: String::new(),
                description: pre.description.clone(),
                expected_result: String::new(),
                indicator: pre.indicator.clone(),
                weight: 0,
                cross_cutting: true,
                points: None,
                indicators: Vec::new(),
                result,
            });
        }
        let weight_total = rows.iter().map(|r| r.weight).sum();
        let timeliness_weight = periods
            .iter()
            .flat_map(|period| plan.cell(area.id, period.id))
            .filter(|p| {
                objectives
                    .get(&p.objective_id)
                    .is_some_and(|o| o.timeliness)
            })
            .map(|p| p.weight.0)
            .sum();
        let missing = rows
            .iter()
            .filter(|r| r.result.is_none())
            .map(|r| r.description.clone())
            .collect();
        let o = outcome(
            rows.iter().map(|r| {
                (
                    r.weight,
                    r.result.as_ref().map(|e| e.achievement),
                    r.is_prerequisite(),
                )
            }),
            &bands,
        );
        let (score, band, share, prerequisite_failed) =
            (o.score, o.band, o.share, o.prerequisite_failed);
        areas.push(AreaResults {
            area_id: area.id,
            name: area.name.clone(),
            manager: area.manager.clone(),
            rows,
            weight_total,
            score,
            missing,
            band,
            share,
            prerequisite_failed,
            lineage: area_line,
            pays_invoices: area.pays_invoices,
            timeliness_weight,
        });
    }
    YearResults {
        plan_id: plan.plan.id,
        series_id: ctx.series_id,
        entity: plan.plan.entity.clone(),
        title: plan.plan.title.clone(),
        version_label: ctx.version_label.clone(),
        year,
        relazione: ctx.relazione.clone(),
        relazione_validation: ctx.relazione_validation.clone(),
        variations: Vec::new(),
        band_labels: (0..bands.len()).map(|i| band_label(&bands, i)).collect(),
        bands,
        areas,
        late: ctx.late,
    }
}

/// "numero (atti di liquidazione)", "scadenza", "rapporto (evase / ricevute)".
pub fn indicator_label(i: &Indicator) -> String {
    if i.unit.is_empty() || i.unit == "%" || i.unit == "giorni" {
        i.kind.label().to_string()
    } else {
        format!("{} ({})", i.kind.label(), i.unit)
    }
}

/// An objective's indicators on a row (of the results or of a monitoring): each with its
/// target for `year`, the value recorded for it (`values`: by the indicator's lineage, in the
/// database's form) and the achievement that value gives (`late`: how a missed deadline
/// counts).
pub(crate) fn row_indicators<'a>(
    indicators: impl Iterator<Item = &'a Indicator>,
    year: i32,
    lineage: &Lineage,
    values: &[(IndicatorId, String)],
    late: LateRule,
) -> Vec<RowIndicator> {
    indicators
        .map(|i| {
            let line = lineage.indicator(i.id);
            let target = i.target(year);
            let value = values
                .iter()
                .find(|(l, _)| *l == line)
                .and_then(|(_, v)| Value::decode(i.kind, v));
            RowIndicator {
                id: i.id,
                lineage: line,
                kind: i.kind,
                direction: i.direction,
                weight: i.weight,
                label: indicator_label(i),
                target,
                target_text: target.map(|t| i.describe(t)).unwrap_or_default(),
                value_text: value.map(Value::text).unwrap_or_default(),
                achievement: value
                    .zip(target)
                    .map(|(v, t)| achievement(i.kind, i.direction, t, v, late)),
            }
        })
        .collect()
}

/// What an area's rows make: the score, the band, the bonus share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub score: u32,
    pub band: String,
    pub share: u32,
    pub prerequisite_failed: bool,
}

/// The outcome of rows given as (weight, achievement if any, is a prerequisite).
pub fn outcome(
    rows: impl Iterator<Item = (u32, Option<u32>, bool)> + Clone,
    bands: &[Band],
) -> Outcome {
    let score = score(rows.clone().filter_map(|(w, a, _)| a.map(|a| (w, a))));
    let prerequisite_failed = rows
        .into_iter()
        .any(|(_, a, pre)| pre && a.is_some_and(|a| a < 10_000));
    let (band, share) = band_of(bands, score);
    let (band, share) = if prerequisite_failed {
        (
            "obiettivo prerequisito non raggiunto: quota 0%".to_string(),
            0,
        )
    } else {
        (band_label(bands, band), share)
    };
    Outcome {
        score,
        band,
        share,
        prerequisite_failed,
    }
}

/// An area's score while results are being typed, before anything is saved: each row's
/// percentage as typed (a row not in `typed` keeps its stored result).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub outcome: Outcome,
    /// Rows without a usable percentage.
    pub missing: usize,
    /// Per row, in the area's order: the points, or the reason the percentage is not one.
    pub rows: Vec<PreviewRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub item: Item,
    pub points: Option<u32>,
    pub error: Option<String>,
    /// The percentage the typed values give.
    pub computed: Option<u32>,
    /// Each indicator's achievement from its typed value.
    pub indicators: Vec<Option<u32>>,
}

/// The values typed for a row's indicators, as the preview receives them.
pub type TypedValues = Vec<(IndicatorId, String)>;

pub fn preview(
    area: &AreaResults,
    bands: &[Band],
    typed: &[(Item, String)],
    values: &[(Item, TypedValues)],
    late: LateRule,
) -> Preview {
    let rows: Vec<(PreviewRow, u32, Option<u32>, bool)> = area
        .rows
        .iter()
        .map(|r| {
            // The values typed give the computed percentage, and each indicator's.
            let (computed, values_error, per_indicator) =
                match values.iter().find(|(i, _)| *i == r.item) {
                    Some((_, v)) => {
                        let per: Vec<Option<u32>> = r
                            .indicators
                            .iter()
                            .map(|i| {
                                let typed = v.iter().find(|(id, _)| *id == i.id)?;
                                let value = Value::parse(i.kind, &typed.1, "").ok()?;
                                Some(achievement(i.kind, i.direction, i.target?, value, late))
                            })
                            .collect();
                        match computed_values(&r.indicators, v, late) {
                            Ok(c) => (c, None, per),
                            Err(e) => (None, Some(e.to_string()), per),
                        }
                    }
                    None => (
                        r.result.as_ref().and_then(|e| e.computed),
                        None,
                        r.indicators.iter().map(|i| i.achievement).collect(),
                    ),
                };
            let (achievement, error) = match typed.iter().find(|(i, _)| *i == r.item) {
                Some((_, t)) if t.trim().is_empty() => (computed, values_error),
                Some((_, t)) => match parse_achievement(t) {
                    Ok(a) => (Some(a), values_error),
                    Err(e) => (None, Some(e.to_string())),
                },
                None => (
                    r.result.as_ref().map(|e| e.achievement).or(computed),
                    values_error,
                ),
            };
            let points = achievement
                .filter(|_| !r.is_prerequisite())
                .map(|a| points(r.weight, a));
            (
                PreviewRow {
                    item: r.item,
                    points,
                    error,
                    computed,
                    indicators: per_indicator,
                },
                r.weight,
                achievement,
                r.is_prerequisite(),
            )
        })
        .collect();
    Preview {
        outcome: outcome(rows.iter().map(|(_, w, a, p)| (*w, *a, *p)), bands),
        missing: rows.iter().filter(|(_, _, a, _)| a.is_none()).count(),
        rows: rows.into_iter().map(|(r, ..)| r).collect(),
    }
}

/// The weighted mean the typed values give, when every indicator has its value (none while
/// some are missing).
fn computed_values(
    indicators: &[RowIndicator],
    values: &[(IndicatorId, String)],
    late: LateRule,
) -> Result<Option<u32>> {
    let all = indicators.iter().all(|i| {
        values
            .iter()
            .any(|(id, v)| *id == i.id && !v.trim().is_empty())
    });
    let (c, _) = computed(indicators, values, late)?;
    Ok(if all { c } else { None })
}

/// `85,5%`, or empty.
pub fn pct(v: Option<u32>) -> String {
    v.map(|v| format!("{}%", format_hundredths(v.into())))
        .unwrap_or_default()
}

/// `25,65`: points and scores, always with two decimals so that columns line up.
pub fn score_text(v: u32) -> String {
    format!("{},{:02}", v / 100, v % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_wait_for_the_year_to_start_on_the_day_given() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(started_years(2020, 2022, day(2021, 1, 1)), vec![2020, 2021]);
        assert_eq!(
            started_years(2020, 2022, day(2019, 12, 31)),
            Vec::<i32>::new()
        );
        assert_eq!(
            started_years(2020, 2022, day(2030, 6, 1)),
            vec![2020, 2021, 2022]
        );
        assert!(check_result_year(2020, 2022, 2021, day(2021, 1, 1)).is_ok());
        let err = check_result_year(2020, 2022, 2022, day(2021, 12, 31)).unwrap_err();
        assert!(
            err.to_string().contains("Il 2022 non è ancora iniziato"),
            "{err}"
        );
        let err = check_result_year(2020, 2022, 2023, day(2030, 1, 1)).unwrap_err();
        assert!(err.to_string().contains("2020-2022"), "{err}");
    }

    #[test]
    fn achievements_accept_zero_and_refuse_what_weights_refuse() {
        assert_eq!(parse_achievement("0").unwrap(), 0);
        assert_eq!(parse_achievement("85,5").unwrap(), 8550);
        assert_eq!(parse_achievement("100%").unwrap(), 10_000);
        for (input, fragment) in [
            ("101", "superare 100"),
            ("100,01", "superare 100"),
            ("-1", "negativa"),
            ("abc", "non è una percentuale valida"),
            ("12,345", "troppi decimali"),
            ("", "Indica la percentuale"),
        ] {
            let err = parse_achievement(input).expect_err(input).to_string();
            assert!(err.contains(fragment), "{input:?} gave {err:?}");
        }
    }

    #[test]
    fn a_shortfall_needs_its_reasons() {
        let mut input = ResultInput {
            value: "27 giorni".into(),
            achievement: "90".into(),
            note: " ".into(),
            values: Vec::new(),
        };
        let err = input.validate().unwrap_err();
        assert_eq!(err.field(), Some("note"));
        assert!(err.to_string().contains("90%"), "{err}");
        input.note = "ritardi del fornitore".into();
        assert_eq!(input.validate().unwrap().achievement, 9000);
        input.value.clear();
        assert_eq!(input.validate().unwrap_err().field(), Some("value"));
    }

    #[test]
    fn scores_are_exact_and_rounded_once() {
        // 30 × 85,5 + 40 × 100 + 30 × 0 = 25,65 + 40 + 0
        assert_eq!(score([(3000, 8550), (4000, 10_000), (3000, 0)]), 6565);
        // 12,5 × 33,33 = 4,16625 → 4,17 once, not per row
        assert_eq!(score([(1250, 3333), (1250, 3333)]), 833);
        assert_eq!(points(1250, 3333), 417);
    }

    #[test]
    fn bands_give_the_share() {
        let bands = default_bands();
        assert_eq!(band_of(&bands, 5999), (0, 0));
        assert_eq!(band_of(&bands, 6000), (1, 6000));
        assert_eq!(band_of(&bands, 8725), (1, 8725));
        let custom = parse_bands("0:0; 60:proporzionale; 90:100").unwrap();
        assert_eq!(
            parse_bands("0: 0, 60: proporzionale, 90: 100").unwrap(),
            custom
        );
        assert_eq!(parse_bands("0: 0\n60: p\n90: 100\n").unwrap(), custom);
        assert_eq!(parse_bands("0:0; 60,5:100").unwrap()[1].from, 6050);
        assert_eq!(band_of(&custom, 9000), (2, 10_000));
        assert_eq!(
            band_label(&custom, 1),
            "da 60 a meno di 90: quota proporzionale al punteggio"
        );
        assert_eq!(band_label(&custom, 0), "sotto 60: quota 0%");
        for (text, fragment) in [
            ("10:0", "partire da 0"),
            ("0:0, 60:50, 50:100", "più alto"),
            ("0:0, 60:tanto", "non è una quota valida"),
            ("0:0, abc:10", "non è un punteggio valido"),
            ("", "almeno una fascia"),
        ] {
            let err = parse_bands(text).expect_err(text).to_string();
            assert!(err.contains(fragment), "{text:?} gave {err:?}");
        }
    }
}
