//! Monitoring during the year (art. 4 c.2 lett. c and art. 6 D.Lgs. 150/2009): at each
//! monitoring date, per objective and area, the progress so far, the values of its
//! indicators, a status proposed by the rule below (the officer may change it), the critical
//! issues and the corrective action. Pure computation; the store keeps the entries.
//!
//! **The rule.** The progress expected at a date is the share of the year elapsed, or, when
//! the objective has a deadline later that year, the share of the time from 1 January to the
//! deadline. The ratio progress / expected (capped at 100) gives the status: from the
//! `in linea` threshold (default 66) on, `in linea`; from the `critico` threshold (default 33)
//! to it, `a rischio`; below, `critico` — the three bands of the traffic light the peers use
//! (below 33, 33–66, from 66). A progress of 100 is `concluso`; a deadline passed with the
//! progress below 100 and no completion date recorded for it is `scaduto`; once the year's
//! last deadline has passed, 100% is expected. The area's light is the weighted mean of the
//! same ratio on the same thresholds, but never green while one of its objectives is
//! `scaduto` or `critico`.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::{AreaId, IndicatorId, ObjectiveId, PeriodId};
use crate::indicators::{Kind, LateRule, Value};
use crate::model::{clean_text, format_hundredths, name_key, parse_percent, FullPlan};
use crate::results::{row_indicators, RowIndicator};
use crate::text::PercentWords;
use crate::versions::Lineage;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    InLinea,
    ARischio,
    Critico,
    Concluso,
    Scaduto,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::InLinea,
        Status::ARischio,
        Status::Critico,
        Status::Concluso,
        Status::Scaduto,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::InLinea => "in linea",
            Status::ARischio => "a rischio",
            Status::Critico => "critico",
            Status::Concluso => "concluso",
            Status::Scaduto => "scaduto",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Status::InLinea => "in_linea",
            Status::ARischio => "a_rischio",
            Status::Critico => "critico",
            Status::Concluso => "concluso",
            Status::Scaduto => "scaduto",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// A status as typed ("in linea", "A rischio", "critico"…); empty: none.
    pub fn parse(text: &str) -> Result<Option<Status>> {
        let key = name_key(text).replace(['_', '-'], " ");
        if key.is_empty() {
            return Ok(None);
        }
        Status::ALL
            .into_iter()
            .find(|s| s.label() == key)
            .map(Some)
            .ok_or_else(|| {
                Error::invalid(
                    "status",
                    format!(
                        "Stato «{}» non previsto: scrivi in linea, a rischio, critico, concluso o scaduto (vuoto: quello proposto).",
                        text.trim()
                    ),
                )
            })
    }

    /// Whether the status asks for the critical issues.
    pub fn needs_issues(self) -> bool {
        matches!(self, Status::ARischio | Status::Critico | Status::Scaduto)
    }
}

/// The corrective action proposed at a monitoring date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    #[default]
    Nessuna,
    /// Action by the area itself.
    Area,
    /// A proposal to vary the plan (listed when a variation starts).
    Variazione,
}

impl Action {
    pub const ALL: [Action; 3] = [Action::Nessuna, Action::Area, Action::Variazione];

    pub fn label(self) -> &'static str {
        match self {
            Action::Nessuna => "nessuna",
            Action::Area => "azione dell'area",
            Action::Variazione => "proposta di variazione",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Action::Nessuna => "nessuna",
            Action::Area => "area",
            Action::Variazione => "variazione",
        }
    }

    pub fn from_code(code: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn parse(text: &str) -> Result<Action> {
        let key = name_key(text);
        match key.as_str() {
            "" | "nessuna" | "no" | "-" => Ok(Action::Nessuna),
            "area" | "azione dell'area" | "azione area" | "azione" => Ok(Action::Area),
            "variazione" | "proposta di variazione" | "proposta variazione" => {
                Ok(Action::Variazione)
            }
            _ => Err(Error::invalid(
                "action",
                format!(
                    "Azione correttiva «{}» non prevista: scrivi nessuna, azione dell'area o proposta di variazione.",
                    text.trim()
                ),
            )),
        }
    }
}

/// The thresholds of the rule, in hundredths of the progress / expected ratio: from
/// `in_line` on the objective is in line, from `critical` to it at risk, below critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    pub in_line: u32,
    pub critical: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            in_line: 6600,
            critical: 3300,
        }
    }
}

impl Thresholds {
    /// `66, 33` (in linea from, critico below).
    pub fn parse(text: &str) -> Result<Thresholds> {
        let bad = || {
            Error::invalid(
                "thresholds",
                format!(
                    "Soglie «{}» non valide: scrivi due numeri tra 0 e 100, prima quella da cui un obiettivo è in linea e poi quella sotto cui è critico (es. 66, 33).",
                    text.trim()
                ),
            )
        };
        let parts: Vec<&str> = text
            .split([';', '/', ' '])
            .flat_map(|p| p.split(", "))
            .map(str::trim)
            .map(|p| p.trim_end_matches(','))
            .filter(|p| !p.is_empty())
            .collect();
        let [a, b] = parts.as_slice() else {
            return Err(bad());
        };
        let in_line = parse_percent(a).map_err(|_| bad())?;
        let critical = parse_percent(b).map_err(|_| bad())?;
        if critical > in_line {
            return Err(Error::invalid(
                "thresholds",
                "La soglia del critico non può superare quella dell'in linea (es. 66, 33).",
            ));
        }
        Ok(Thresholds { in_line, critical })
    }

    pub fn text(self) -> String {
        format!(
            "{}, {}",
            format_hundredths(self.in_line.into()),
            format_hundredths(self.critical.into())
        )
    }

    pub fn label(self) -> String {
        format!(
            "avanzamento rispetto all'atteso: da {} in linea, da {} a {} a rischio, sotto {} critico",
            format_hundredths(self.in_line.into()),
            format_hundredths(self.critical.into()),
            format_hundredths(self.in_line.into()),
            format_hundredths(self.critical.into())
        )
    }
}

/// The progress expected at `date` (hundredths): the share of the year elapsed, or of the
/// time from 1 January to `deadline` when there is one later that year.
pub fn expected(date: NaiveDate, deadline: Option<NaiveDate>) -> u32 {
    let jan1 = NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date);
    let end = match deadline {
        Some(d) if d >= date && d.year() == date.year() => d,
        _ => NaiveDate::from_ymd_opt(date.year(), 12, 31).unwrap_or(date),
    };
    let elapsed = (date - jan1).num_days() + 1;
    let total = (end - jan1).num_days() + 1;
    ((elapsed * 10_000 + total / 2) / total).clamp(0, 10_000) as u32
}

/// The ratio progress / expected, capped at 100 (hundredths).
pub fn ratio(progress: u32, expected: u32) -> u32 {
    if expected == 0 {
        return 10_000;
    }
    ((u64::from(progress) * 10_000 + u64::from(expected) / 2) / u64::from(expected)).min(10_000)
        as u32
}

/// The status the rule proposes.
pub fn propose(
    progress: u32,
    date: NaiveDate,
    next_deadline: Option<NaiveDate>,
    passed_deadline: bool,
    t: Thresholds,
) -> Status {
    if progress >= 10_000 {
        return Status::Concluso;
    }
    if passed_deadline {
        return Status::Scaduto;
    }
    classify(ratio(progress, expected(date, next_deadline)), t)
}

/// The status of a ratio progress / expected on the thresholds.
fn classify(r: u32, t: Thresholds) -> Status {
    if r >= t.in_line {
        Status::InLinea
    } else if r >= t.critical {
        Status::ARischio
    } else {
        Status::Critico
    }
}

/// The progress expected of `row` at `date`: toward its next deadline of the year, else the
/// share of the year; once the year's last deadline has passed, all of it (100%).
pub fn expected_at(row: &MonitorRow, date: NaiveDate) -> u32 {
    let (next, passed) = deadlines(row, date, &[]);
    if passed && next.is_none() {
        10_000
    } else {
        expected(date, next)
    }
}

/// The status the rule proposes for `row` at `date` (`done`: the indicators, by lineage,
/// with a value recorded, i.e. a completion date for a deadline).
pub fn propose_for(
    row: &MonitorRow,
    progress: u32,
    date: NaiveDate,
    done: &[IndicatorId],
    t: Thresholds,
) -> Status {
    let (_, passed) = deadlines(row, date, done);
    if progress >= 10_000 {
        return Status::Concluso;
    }
    if passed {
        return Status::Scaduto;
    }
    classify(ratio(progress, expected_at(row, date)), t)
}

/// A progress as typed: 0–100 with the weights' number rules.
pub fn parse_progress(text: &str) -> Result<u32> {
    PercentWords {
        field: "progress",
        empty: "Indica l'avanzamento: la percentuale svolta, un numero tra 0 e 100.",
        negative: "L'avanzamento non può essere negativo: indica un numero tra 0 e 100.",
        not_a_number:
            "«{shown}» non è un avanzamento valido: scrivi un numero come 50 oppure 62,5.",
        too_many_decimals: "«{shown}» ha troppi decimali: al massimo due cifre dopo la virgola.",
        over_hundred: "L'avanzamento non può superare 100 (hai scritto {shown}).",
    }
    .parse(text)
}

/// A monitoring date as typed: 30/06/2024 or 2024-06-30.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    crate::indicators::parse_date(text).ok_or_else(|| {
        Error::invalid(
            "date",
            format!(
                "«{}» non è una data valida: scrivi per esempio 30/06/2024.",
                text.trim()
            ),
        )
    })
}

/// A monitoring date must fall in the plan's years and in a year already started on
/// `today`: the monitoring reads the year as it runs.
pub fn check_date(
    first_year: i32,
    last_year: i32,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    if date.year() < first_year || date.year() > last_year {
        return Err(Error::invalid(
            "date",
            format!(
                "Il piano copre gli anni {first_year}-{last_year}: il {} non è tra questi.",
                date.format("%d/%m/%Y")
            ),
        ));
    }
    if date.year() > today.year() {
        return Err(Error::invalid(
            "date",
            format!(
                "Il {} non è ancora iniziato: il monitoraggio si fa durante l'anno.",
                date.year()
            ),
        ));
    }
    Ok(())
}

/// An entry as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryInput {
    pub progress: String,
    /// The indicators' values so far: (indicator id in the version, value as typed).
    pub values: Vec<(IndicatorId, String)>,
    /// Empty: the status the rule proposes.
    pub status: String,
    pub issues: String,
    pub action: String,
    pub action_text: String,
}

impl EntryInput {
    pub fn is_empty(&self) -> bool {
        self.progress.trim().is_empty()
            && self.values.iter().all(|(_, v)| v.trim().is_empty())
            && self.status.trim().is_empty()
            && self.issues.trim().is_empty()
            && self.action.trim().is_empty()
            && self.action_text.trim().is_empty()
    }

    /// Checks an entry for `row` at `date`: the progress (from the values when left empty
    /// and the indicators give one), the status (proposed unless typed), the critical
    /// issues when the status asks for them, the action's text when there is an action.
    pub fn validate(&self, row: &MonitorRow, date: NaiveDate, t: Thresholds) -> Result<Entry> {
        let (computed, values) =
            crate::results::computed_with(&row.indicators, &self.values, LateRule::Zero, false)?;
        let progress = match (self.progress.trim(), computed) {
            ("", Some(c)) => c,
            (p, _) => parse_progress(p)?,
        };
        let done: Vec<IndicatorId> = values.iter().map(|(l, _)| *l).collect();
        let proposed = propose_for(row, progress, date, &done, t);
        let status = Status::parse(&self.status)?.unwrap_or(proposed);
        let issues = clean_text("issues", "Criticità", &self.issues, false)?;
        if status.needs_issues() && issues.is_empty() {
            return Err(Error::invalid(
                "issues",
                format!(
                    "L'obiettivo è «{}»: descrivi le criticità (cosa rallenta, cosa manca).",
                    status.label()
                ),
            ));
        }
        let action = Action::parse(&self.action)?;
        let action_text = clean_text("action_text", "Azione correttiva", &self.action_text, false)?;
        if action != Action::Nessuna && action_text.is_empty() {
            return Err(Error::invalid(
                "action_text",
                format!(
                    "Descrivi l'azione correttiva proposta ({}).",
                    action.label()
                ),
            ));
        }
        Ok(Entry {
            progress,
            values,
            status,
            proposed,
            issues,
            action,
            action_text,
        })
    }
}

/// An entry, checked. Values by the indicator's lineage, in the database's form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub progress: u32,
    pub values: Vec<(IndicatorId, String)>,
    pub status: Status,
    /// What the rule proposed when it was recorded.
    pub proposed: Status,
    pub issues: String,
    pub action: Action,
    pub action_text: String,
}

impl Entry {
    pub fn overridden(&self) -> bool {
        self.status != self.proposed
    }
}

/// The deadlines of a row's indicators in the date's year: the next one not yet passed, and
/// whether one has passed with no completion date recorded (`done`: indicator lineages with a
/// value).
pub fn deadlines(
    row: &MonitorRow,
    date: NaiveDate,
    done: &[IndicatorId],
) -> (Option<NaiveDate>, bool) {
    let mut next: Option<NaiveDate> = None;
    let mut passed = false;
    for i in &row.indicators {
        let Some(Value::Date(d)) = i.target else {
            continue;
        };
        if d < date {
            if !done.contains(&i.lineage) {
                passed = true;
            }
        } else if next.is_none_or(|n| d < n) {
            next = Some(d);
        }
    }
    (next, passed)
}

/// One objective of an area at a monitoring date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitorRow {
    /// The objective's id in the version read.
    pub objective_id: ObjectiveId,
    pub period_label: String,
    pub years: String,
    pub service: String,
    pub description: String,
    pub expected_result: String,
    pub indicator: String,
    pub weight: u32,
    pub cross_cutting: bool,
    /// Indicators with the year's targets and the values recorded at this date.
    pub indicators: Vec<RowIndicator>,
    /// The next deadline of the year, if any.
    pub deadline: Option<NaiveDate>,
    /// The progress expected at the date (hundredths).
    pub expected: u32,
    pub entry: Option<Entry>,
}

/// An area at a monitoring date: its rows, the count per status, the traffic light.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaMonitor {
    pub area_id: AreaId,
    pub name: String,
    pub manager: String,
    pub rows: Vec<MonitorRow>,
    /// Per status (in [`Status::ALL`]'s order), how many rows have it.
    pub counts: Vec<(Status, usize)>,
    /// Rows without an entry.
    pub missing: usize,
    /// Σ(weight × min(100, progress / expected)) / Σ weight over the entries, hundredths.
    pub score: u32,
    /// "verde", "giallo", "rosso" by the thresholds on `score`; "grigio" without entries.
    pub light: String,
}

/// A monitoring date of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Monitor {
    pub plan_id: i64,
    pub series_id: i64,
    pub entity: String,
    pub title: String,
    pub version_label: String,
    pub date: NaiveDate,
    /// Every monitoring date of the series, in order.
    pub dates: Vec<NaiveDate>,
    /// The Relazione of the year is approved: the entries are frozen.
    pub frozen: bool,
    pub thresholds: Thresholds,
    pub threshold_label: String,
    pub areas: Vec<AreaMonitor>,
}

impl Monitor {
    pub fn missing(&self) -> usize {
        self.areas.iter().map(|a| a.missing).sum()
    }

    pub fn area(&self, id: AreaId) -> Option<&AreaMonitor> {
        self.areas.iter().find(|a| a.area_id == id)
    }
}

/// The stored entries of a date, keyed by (area lineage, objective lineage).
pub type StoredEntries = HashMap<(AreaId, ObjectiveId), Entry>;

/// What is needed besides the plan.
pub struct Context<'a> {
    pub lineage: &'a Lineage,
    pub stored: &'a StoredEntries,
    pub thresholds: Thresholds,
    pub series_id: i64,
    pub version_label: String,
    pub dates: Vec<NaiveDate>,
    pub frozen: bool,
}

/// The monitoring of `plan` (an approved version) at `date`: per area every objective of a
/// period that covers the date's year, with its entry if any.
pub fn monitor(plan: &FullPlan, date: NaiveDate, ctx: &Context) -> Monitor {
    let year = date.year();
    let shares = plan.share_counts();
    let periods: Vec<_> = plan
        .periods
        .iter()
        .filter(|p| p.first_year <= year && year <= p.last_year)
        .collect();
    let mut areas = Vec::new();
    for area in &plan.areas {
        let area_line = ctx.lineage.area(area.id);
        let mut rows = Vec::new();
        for period in &periods {
            for p in plan.cell(area.id, period.id) {
                let Some(o) = plan.objective(p.objective_id) else {
                    continue;
                };
                let line = ctx.lineage.objective(o.id);
                let entry = ctx.stored.get(&(area_line, line)).cloned();
                let indicators = row_indicators(
                    plan.indicators_of(o.id),
                    year,
                    ctx.lineage,
                    entry.as_ref().map_or(&[][..], |e| &e.values),
                    LateRule::Zero,
                );
                let mut row = MonitorRow {
                    objective_id: o.id,
                    period_label: period.label.clone(),
                    years: crate::model::years_cell(period.first_year, period.last_year),
                    service: o.text.service.clone(),
                    description: o.text.description.clone(),
                    expected_result: o.text.expected_result.clone(),
                    indicator: o.text.indicator.clone(),
                    weight: p.weight.0,
                    cross_cutting: shares.get(&o.id).copied().unwrap_or(1) > 1,
                    indicators,
                    deadline: None,
                    expected: 0,
                    entry,
                };
                let (next, _) = deadlines(&row, date, &[]);
                row.deadline = next;
                // A deadline passed with none left in the year: all of it was due by then,
                // 100% expected (not the share of the year elapsed).
                row.expected = expected_at(&row, date);
                rows.push(row);
            }
        }
        if rows.is_empty() {
            continue;
        }
        let counts = Status::ALL
            .iter()
            .map(|s| {
                (
                    *s,
                    rows.iter()
                        .filter(|r| r.entry.as_ref().is_some_and(|e| e.status == *s))
                        .count(),
                )
            })
            .collect();
        let missing = rows.iter().filter(|r| r.entry.is_none()).count();
        let with: Vec<(u32, u32)> = rows
            .iter()
            .filter_map(|r| {
                let e = r.entry.as_ref()?;
                Some((r.weight, ratio(e.progress, r.expected)))
            })
            .collect();
        let score = crate::indicators::weighted_mean(&with).unwrap_or(0);
        // An area with an objective overdue or critical is never green, whatever the mean
        // (the Nucleo reads the light first): at least yellow.
        let alarm = rows.iter().any(|r| {
            r.entry
                .as_ref()
                .is_some_and(|e| matches!(e.status, Status::Scaduto | Status::Critico))
        });
        let light = if with.is_empty() {
            "grigio"
        } else if score >= ctx.thresholds.in_line && !alarm {
            "verde"
        } else if score >= ctx.thresholds.critical {
            "giallo"
        } else {
            "rosso"
        };
        areas.push(AreaMonitor {
            area_id: area.id,
            name: area.name.clone(),
            manager: area.manager.clone(),
            rows,
            counts,
            missing,
            score,
            light: light.into(),
        });
    }
    Monitor {
        plan_id: plan.plan.id,
        series_id: ctx.series_id,
        entity: plan.plan.entity.clone(),
        title: plan.plan.title.clone(),
        version_label: ctx.version_label.clone(),
        date,
        dates: ctx.dates.clone(),
        frozen: ctx.frozen,
        thresholds: ctx.thresholds,
        threshold_label: ctx.thresholds.label(),
        areas,
    }
}

/// A deadline of the coming days or one passed without completion, for the editor's
/// «Scadenze» panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub date: NaiveDate,
    pub objective_id: ObjectiveId,
    pub area_id: AreaId,
    pub period_id: PeriodId,
    pub area: String,
    pub description: String,
    /// "entro il 30/06/2024".
    pub target: String,
    /// Passed without a result, a completion date or a `concluso`.
    pub overdue: bool,
}

/// The deadlines of `plan` from `today` to 30 days on, and those already passed without
/// completion (`done`: (area lineage, objective lineage, year) with a result or a `concluso`).
/// Sorted by date; one line per area of a cross-cutting objective.
pub fn upcoming(
    plan: &FullPlan,
    lineage: &Lineage,
    today: NaiveDate,
    done: &std::collections::HashSet<(AreaId, ObjectiveId, i32)>,
) -> Vec<Deadline> {
    let horizon = today + chrono::Duration::days(30);
    let mut out = Vec::new();
    for p in &plan.placements {
        let Some(o) = plan.objective(p.objective_id) else {
            continue;
        };
        let Some(period) = plan.periods.iter().find(|d| d.id == p.period_id) else {
            continue;
        };
        let area = plan.areas.iter().find(|a| a.id == p.area_id);
        let area_line = lineage.area(p.area_id);
        let line = lineage.objective(o.id);
        for i in plan
            .indicators_of(o.id)
            .filter(|i| i.kind == Kind::Scadenza)
        {
            for t in &i.targets {
                if t.year < period.first_year || t.year > period.last_year {
                    continue;
                }
                let Value::Date(d) = t.value else { continue };
                let overdue = d < today && !done.contains(&(area_line, line, t.year));
                if overdue || (d >= today && d <= horizon) {
                    out.push(Deadline {
                        date: d,
                        objective_id: o.id,
                        area_id: p.area_id,
                        period_id: p.period_id,
                        area: area.map(|a| a.name.clone()).unwrap_or_default(),
                        description: o.text.description.clone(),
                        target: i.describe(t.value),
                        overdue,
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| (a.date, &a.area).cmp(&(b.date, &b.area)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::ymd as d;

    #[test]
    fn a_monitoring_date_falls_in_a_started_year_of_the_plan() {
        assert!(check_date(2020, 2022, d(2021, 6, 30), d(2021, 1, 1)).is_ok());
        let err = check_date(2020, 2022, d(2022, 6, 30), d(2021, 12, 31)).unwrap_err();
        assert!(
            err.to_string().contains("Il 2022 non è ancora iniziato"),
            "{err}"
        );
        let err = check_date(2020, 2022, d(2019, 12, 31), d(2021, 1, 1)).unwrap_err();
        assert!(
            err.to_string().contains("il 31/12/2019 non è tra questi"),
            "{err}"
        );
    }

    #[test]
    fn the_rule_compares_progress_with_the_time_elapsed() {
        let t = Thresholds::default();
        // 30/06/2020: 182 of 366 days → 49,73% expected.
        assert_eq!(expected(d(2020, 6, 30), None), 4973);
        assert_eq!(
            propose(5000, d(2020, 6, 30), None, false, t),
            Status::InLinea
        );
        assert_eq!(
            propose(3000, d(2020, 6, 30), None, false, t),
            Status::ARischio
        );
        assert_eq!(
            propose(1000, d(2020, 6, 30), None, false, t),
            Status::Critico
        );
        assert_eq!(
            propose(10_000, d(2020, 6, 30), None, true, t),
            Status::Concluso
        );
        assert_eq!(
            propose(9000, d(2020, 6, 30), None, true, t),
            Status::Scaduto
        );
        // A deadline on 31/07: 182 of 213 days → 85,45% expected; 50% is 58,5% of it.
        assert_eq!(expected(d(2020, 6, 30), Some(d(2020, 7, 31))), 8545);
        assert_eq!(
            propose(5000, d(2020, 6, 30), Some(d(2020, 7, 31)), false, t),
            Status::ARischio
        );
        assert_eq!(Thresholds::parse("70, 40").unwrap().in_line, 7000);
        assert!(Thresholds::parse("30, 60").is_err());
        assert_eq!(Status::parse("A rischio").unwrap(), Some(Status::ARischio));
        assert!(Status::parse("bene").is_err());
        assert_eq!(
            Action::parse("proposta di variazione").unwrap(),
            Action::Variazione
        );
    }
}
