//! The targets an expected result states in words ("entro il 31.07.2020", "almeno n. 3
//! atti", "non oltre 30 giorni", "> 75%"), read into proposals of indicators for the officer
//! to accept.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::ids::{IndicatorId, ObjectiveId, PeriodId};
use crate::indicators::*;
use crate::model::FullPlan;

/// A target the words of an expected result state, not yet an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Proposal {
    pub kind: Kind,
    pub direction: Direction,
    pub unit: String,
    pub targets: Vec<Target>,
    /// The words it was read from, as written.
    pub words: String,
}

impl Proposal {
    /// The indicator this proposal would become: its kind, unit, direction and targets, no
    /// baseline, no source, the default weight (not yet saved: no ids).
    fn as_indicator(&self) -> Indicator {
        Indicator {
            id: IndicatorId::new(0),
            objective_id: ObjectiveId::new(0),
            kind: self.kind,
            unit: self.unit.clone(),
            direction: self.direction,
            baseline: None,
            baseline_year: None,
            targets: self.targets.clone(),
            source: String::new(),
            weight: DEFAULT_WEIGHT,
        }
    }

    /// The indicator's form, filled with what the proposal says (accepting it adds this).
    pub fn to_input(&self) -> IndicatorInput {
        self.as_indicator().to_input()
    }

    /// "scadenza: entro il 31/07/2020 (2020)", "numero: ≥ 3 atti di liquidazione (2020)".
    pub fn describe(&self) -> String {
        describe_targets(&self.as_indicator())
    }

    /// Whether an existing indicator already says this (same kind, direction and targets).
    pub fn is_in(&self, indicators: &[&Indicator]) -> bool {
        indicators.iter().any(|i| {
            i.kind == self.kind && i.direction == self.direction && i.targets == self.targets
        })
    }
}

/// A word of the text with its byte span, lower-cased and without outer punctuation.
#[derive(Debug)]
struct Word<'a> {
    raw: &'a str,
    key: String,
    start: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() || c == '(' || c == ')' || c == '"' || c == '«' || c == '»' {
            if let Some(s) = start.take() {
                let raw = &text[s..i];
                let trimmed = raw.trim_end_matches([',', ';', ':', '.']);
                let trimmed = if trimmed.is_empty() { raw } else { trimmed };
                // Keep "n." and dates' inner dots: only trailing punctuation goes.
                let key = crate::model::name_key(raw.trim_end_matches([',', ';', ':']));
                out.push(Word {
                    raw: trimmed,
                    key,
                    start: s,
                    end: s + trimmed.len(),
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// A number word: `3`, `70%`, `2,5`, or a small number written out (`due` … `dodici`).
fn number_of(word: &str) -> Option<(i64, bool)> {
    let word = word.trim_start_matches(|c| SYMBOLS.iter().any(|s| s.starts_with(c)));
    let percent = word.ends_with('%');
    let t = word.trim_end_matches('%').trim_end_matches('.');
    if let Some(n) = NUMBER_WORDS.iter().position(|w| w.eq_ignore_ascii_case(t)) {
        return Some(((n as i64 + 2) * 100, percent));
    }
    if t.is_empty() || !t.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    parse_amount(t).map(|v| (v, percent))
}

/// What is said when the words state no target: what was looked for.
pub const NOTHING_PROPOSED: &str = "Nessun target da proporre. Si cercano nel risultato atteso (e, se questo non ne dichiara, nell'indicatore di risultato): scadenze («entro il 31.12.2024», «entro 31.10»), quantità («almeno 3 atti», «≥ 4 incontri», «due monitoraggi»), percentuali («almeno il 70%», «> 75%», «non superiore al 40%»), limiti («< 1000 euro pro capite», «nessuna sanzione») e giorni («entro 30 giorni»); una data fuori dagli anni dell'obiettivo non è una scadenza. Gli obiettivi che hanno già l'indicatore corrispondente non sono riproposti.";

/// Small numbers written out, from two (one is an article as often as a number).
const NUMBER_WORDS: [&str; 11] = [
    "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci", "undici", "dodici",
];

/// Comparison symbols as offices type them, longest first.
const SYMBOLS: [&str; 10] = [">=", "=>", "<=", "=<", ">", "≥", "›", "<", "≤", "‹"];

/// The comparison a word opens with, or is: `Some(true)` at least, `Some(false)` at most.
fn symbol_of(word: &str) -> Option<bool> {
    SYMBOLS
        .iter()
        .find(|s| word.starts_with(*s))
        .map(|s| matches!(*s, ">=" | "=>" | ">" | "≥" | "›"))
}

/// Units of time: a number before them is a duration, not a count.
const TIME_UNITS: [&str; 10] = [
    "mesi",
    "mese",
    "anni",
    "anno",
    "settimane",
    "settimana",
    "ore",
    "ora",
    "minuti",
    "minuto",
];

/// Words that state what is done, before a count written out ("effettuazione di due
/// monitoraggi").
const DOING: [&str; 12] = [
    "effettuazione",
    "realizzazione",
    "svolgimento",
    "redazione",
    "predisposizione",
    "organizzazione",
    "adozione",
    "approvazione",
    "invio",
    "pubblicazione",
    "attivazione",
    "esecuzione",
];

/// Words that make a date the law's or an act's, not a deadline.
const NOT_DEADLINE: [&str; 14] = [
    "legge",
    "l.",
    "d.lgs.",
    "d.lgs",
    "dlgs",
    "decreto",
    "d.p.r.",
    "dpr",
    "delibera",
    "deliberazione",
    "determina",
    "determinazione",
    "circolare",
    "regolamento",
];
/// Words that make a date a deadline.
const DEADLINE: [&str; 5] = ["entro", "al", "scadenza", "termine", "oltre"];
/// Words that end a count's unit.
const UNIT_STOP: [&str; 16] = [
    "con", "da", "dal", "dalla", "entro", "per", "nel", "nella", "in", "al", "alla", "e", "ed",
    "che", "a", "su",
];
const AT_LEAST: [&str; 5] = ["almeno", "almento", "minimo", "non meno di", "non meno del"];
/// Words that make a number say how a check is made, not what is to be reached: a sample's
/// size ("su un campione di almeno il 10% degli atti"), a condition ("purché di almeno 1
/// atto", "a prescindere dalla numerosità").
const HOW_CHECKED: [&str; 4] = ["campione", "purche", "prescindere", "condizione"];
/// What is counted at a date ("l'ammontare degli incassi al 31 dicembre"): the date is the
/// count's reference, not a deadline.
const STOCK: [&str; 8] = [
    "ammontare",
    "incassi",
    "residui",
    "saldo",
    "consistenza",
    "giacenza",
    "situazione",
    "notificati",
];

/// The years of the objective's placements' periods, in order.
pub fn objective_years(plan: &FullPlan, objective_id: ObjectiveId) -> Vec<i32> {
    let mut years: Vec<i32> = plan
        .placements
        .iter()
        .filter(|p| p.objective_id == objective_id)
        .filter_map(|p| plan.periods.iter().find(|d| d.id == p.period_id))
        .flat_map(|d| d.first_year..=d.last_year)
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// The targets an expected result states, for an objective of `years`. A date is a deadline
/// only after "entro", "al", "termine"…, never after "Legge", "decreto", "delibera"…, and
/// never outside the objective's years (a reference date, "residui al 31 dicembre 2015" in a
/// 2016 plan); a day and month with no year ("31 dicembre", "entro 31.10") take each of the
/// years. Counts ("almeno n. 3", "non meno di 5", "almeno tre", "effettuazione di due
/// monitoraggi", "≥ 4 incontri"), upper bounds as decreasing targets ("< 1000 euro pro
/// capite", "non superiore al 40%", "massimo 5 reclami", "nessuna sanzione", "0 ricorsi"),
/// percentages ("almeno il 70%", "> 75%", "≥ 75%", "< 40%") and maximum days ("non oltre 30
/// giorni", "entro 30 giorni", "30 giorni dalla…"). Ambiguous words give nothing.
pub fn propose(text: &str, years: &[i32]) -> Vec<Proposal> {
    let Some((&first, &last)) = years.first().zip(years.last()) else {
        return Vec::new();
    };
    let w = words(text);
    let mut out: Vec<Proposal> = Vec::new();
    let mut used = vec![false; w.len()];
    let phrase = |from: usize, to: usize| -> String { text[w[from].start..w[to].end].to_string() };
    let before = |i: usize, n: usize| -> Vec<&str> {
        w[i.saturating_sub(n)..i]
            .iter()
            .map(|x| x.key.as_str())
            .collect()
    };
    let each_year = |value: Value| -> Vec<Target> {
        years.iter().map(|&year| Target { year, value }).collect()
    };
    // A full date: its own year's target, none outside the objective's years.
    let dated = |d: NaiveDate| -> Vec<Target> {
        if (first..=last).contains(&d.year()) {
            vec![Target {
                year: d.year(),
                value: Value::Date(d),
            }]
        } else {
            Vec::new()
        }
    };
    // A day and month without a year: that day in each year of the objective.
    let yearly = |day: u32, month: u32| -> Vec<Target> {
        years
            .iter()
            .filter_map(|&y| {
                NaiveDate::from_ymd_opt(y, month, day).map(|d| Target {
                    year: y,
                    value: Value::Date(d),
                })
            })
            .collect()
    };
    for i in 0..w.len() {
        if used[i] {
            continue;
        }
        // Dates: 31.07.2020, 31/12/2024, or 31 dicembre [2024].
        let mut date: Option<(Vec<Target>, usize)> = None;
        let separators = w[i]
            .raw
            .chars()
            .filter(|c| matches!(c, '.' | '/' | '-'))
            .count();
        if separators == 2 {
            if let Some(d) = parse_date(w[i].raw) {
                date = Some((dated(d), i));
            }
        } else if let Some((day, month)) = (separators == 1)
            .then(|| w[i].raw.split_once(['.', '/']))
            .flatten()
            .and_then(|(d, m)| Some((d.parse::<u32>().ok()?, m.parse::<u32>().ok()?)))
            .filter(|(d, m)| (1..=31).contains(d) && (1..=12).contains(m))
        {
            // "entro 31.10": a day and month, each year of the objective.
            let targets = yearly(day, month);
            if !targets.is_empty() {
                date = Some((targets, i));
            }
        } else if let (Ok(day), Some(month)) = (
            w[i].raw.parse::<u32>(),
            w.get(i + 1).and_then(|m| {
                MONTHS
                    .iter()
                    .position(|n| *n == m.key.trim_end_matches([',', '.']))
            }),
        ) {
            let year = w.get(i + 2).and_then(|y| {
                let t = y.raw.trim_end_matches([',', '.', ';']);
                (t.len() == 4).then(|| t.parse::<i32>().ok()).flatten()
            });
            match year {
                Some(y) => {
                    if let Some(d) = NaiveDate::from_ymd_opt(y, month as u32 + 1, day) {
                        date = Some((dated(d), i + 2));
                    }
                }
                None => {
                    let targets = yearly(day, month as u32 + 1);
                    if !targets.is_empty() {
                        date = Some((targets, i + 1));
                    }
                }
            }
        }
        if let Some((targets, end)) = date {
            let prev = before(i, 3);
            let lawish = before(i, 4).iter().any(|k| NOT_DEADLINE.contains(k))
                || before(i, 1)
                    .iter()
                    .any(|k| ["n.", "n", "del", "n°"].contains(k));
            let deadline = prev.iter().any(|k| DEADLINE.contains(k));
            // A date outside the objective's years is never its deadline.
            if deadline && !lawish && !targets.is_empty() && !reference_date(&w, i, end) {
                let from = (i.saturating_sub(3)..i)
                    .find(|&j| DEADLINE.contains(&w[j].key.as_str()))
                    .unwrap_or(i);
                out.push(Proposal {
                    kind: Kind::Scadenza,
                    direction: Direction::Crescente,
                    unit: String::new(),
                    targets,
                    words: phrase(from, end),
                });
            }
            for u in used.iter_mut().take(end + 1).skip(i) {
                *u = true;
            }
            continue;
        }
        let key = w[i].key.as_str();
        // "nessuna sanzione", "nessun reclamo": a count of events that must stay at nil.
        if matches!(key, "nessun" | "nessuna" | "nessuno") {
            let unit = unit_after(&w, i);
            if !unit.is_empty() && !before(i, 2).contains(&"in") {
                out.push(Proposal {
                    kind: Kind::Numero,
                    direction: Direction::Decrescente,
                    unit: unit.join(" "),
                    targets: each_year(Value::Amount(0)),
                    words: phrase(i, i + unit.len()),
                });
                for u in used.iter_mut().take(i + unit.len() + 1).skip(i) {
                    *u = true;
                }
            }
            continue;
        }
        // A symbol on its own ("> 75%"): it qualifies the next word.
        if symbol_of(w[i].raw).is_some() && w[i].raw.chars().count() <= 2 {
            continue;
        }
        let Some((n, percent)) = number_of(w[i].raw) else {
            continue;
        };
        if w[i.saturating_sub(6)..i]
            .iter()
            .any(|x| HOW_CHECKED.contains(&x.key.as_str()))
        {
            continue;
        }
        let written_out = NUMBER_WORDS.contains(&key);
        let symbol = symbol_of(w[i].raw).or_else(|| {
            (i > 0 && w[i - 1].raw.chars().count() <= 2)
                .then(|| symbol_of(w[i - 1].raw))
                .flatten()
        });
        let prev = before(i, 3).join(" ");
        let upper = prev.contains("non superiore")
            || prev.contains("inferiore a")
            || prev.contains("inferiore al")
            || prev.contains("entro il limite")
            || prev.contains("massimo")
            || prev.contains("max");
        let at_least = symbol == Some(true)
            || AT_LEAST.iter().any(|a| prev.contains(a))
            || (!upper && (prev.contains("superiore a") || prev.contains("superiore al")));
        let at_most =
            symbol == Some(false) || upper || prev.contains("non oltre") || prev.contains("entro");
        let next = w
            .get(i + 1)
            .map(|x| x.key.trim_end_matches(['.', ',', ';']))
            .unwrap_or("");
        let start = (i.saturating_sub(3)..i)
            .find(|&j| {
                let k = w[j].key.as_str();
                symbol_of(w[j].raw).is_some()
                    || [
                        "almeno",
                        "almento",
                        "minimo",
                        "non",
                        "massimo",
                        "max",
                        "entro",
                        "superiore",
                        "inferiore",
                    ]
                    .contains(&k)
            })
            .unwrap_or(i);
        if percent || next == "%" {
            if at_least || at_most {
                out.push(Proposal {
                    kind: Kind::Percentuale,
                    direction: if at_least {
                        Direction::Crescente
                    } else {
                        Direction::Decrescente
                    },
                    unit: "%".into(),
                    targets: each_year(Value::Amount(n)),
                    words: phrase(start, if percent { i } else { i + 1 }),
                });
            }
            continue;
        }
        if next == "giorni" || next == "gg" || next == "giorno" {
            // "non oltre 30 giorni", "entro 30 giorni", "30 giorni dalla segnatura".
            let then = w.get(i + 2).map(|x| x.key.as_str()).unwrap_or("");
            if at_most
                || ["dalla", "dal", "da", "dall'"].contains(&then)
                || then.starts_with("dall")
            {
                out.push(Proposal {
                    kind: Kind::Giorni,
                    direction: Direction::Decrescente,
                    unit: "giorni".into(),
                    targets: each_year(Value::Amount(n)),
                    words: phrase(start, i + 1),
                });
                used[i + 1] = true;
            }
            continue;
        }
        if TIME_UNITS.contains(&next) || years.contains(&((n / 100) as i32)) {
            // A duration ("entro tre mesi") or a year: no count.
            continue;
        }
        // At most, for a count: a symbol or words of a limit, never "entro" (a time).
        let count_at_most = symbol == Some(false) || upper || prev.contains("non oltre");
        // A count written out without a qualifier counts only after a word of doing
        // ("effettuazione di due monitoraggi") or at the start.
        let after_n = before(i, 1).iter().any(|k| ["n.", "n°"].contains(k))
            && !before(i, 4).iter().any(|k| NOT_DEADLINE.contains(k));
        let stated =
            after_n || written_out && (i == 0 || before(i, 2).iter().any(|k| DOING.contains(k)));
        // "0 ricorsi": a count of events at nil.
        let nil = n == 0 && !percent && i + 1 < w.len() && symbol.is_none();
        if at_least || count_at_most || stated || nil {
            let unit = unit_after(&w, i);
            if (stated || nil) && unit.is_empty() {
                continue;
            }
            let decreasing = !at_least && (count_at_most || nil);
            out.push(Proposal {
                kind: Kind::Numero,
                direction: if decreasing {
                    Direction::Decrescente
                } else {
                    Direction::Crescente
                },
                unit: unit.join(" "),
                targets: each_year(Value::Amount(n)),
                words: phrase(start, i),
            });
        }
    }
    out
}

/// Whether the date at words `i..=end` is the day a figure is read at, not a deadline: "al 31
/// dicembre dell'anno di riferimento", "degli incassi al 31 dicembre".
fn reference_date(w: &[Word<'_>], i: usize, end: usize) -> bool {
    let after = &w[end + 1..w.len().min(end + 4)];
    if after.iter().any(|x| x.key.starts_with("riferimento")) {
        return true;
    }
    i > 0
        && w[i - 1].key == "al"
        && w[i.saturating_sub(5)..i]
            .iter()
            .any(|x| STOCK.contains(&x.key.as_str()))
}

/// The targets an objective states: its expected result's words; when they state nothing,
/// its indicator's. A bare number as the expected result ("0", "5") counts what the indicator
/// names ("Numero di reclami"): at nil a count of events to avoid, else a count to reach.
pub fn propose_for(expected: &str, indicator: &str, years: &[i32]) -> Vec<Proposal> {
    let bare = expected.trim();
    if let Some((n, false)) = number_of(bare).filter(|_| !bare.contains(char::is_whitespace)) {
        let k = crate::model::name_key(indicator);
        let named = ["numero di ", "numero dei ", "numero delle ", "n. ", "n° "]
            .iter()
            .find_map(|p| k.strip_prefix(p));
        if let Some(rest) = named {
            let unit: Vec<&str> = rest
                .split_whitespace()
                .take_while(|w| !UNIT_STOP.contains(w))
                .take(4)
                .collect();
            let at_most = symbol_of(bare) == Some(false) || (n == 0 && symbol_of(bare).is_none());
            if !unit.is_empty() && !years.is_empty() {
                return vec![Proposal {
                    kind: Kind::Numero,
                    direction: if at_most {
                        Direction::Decrescente
                    } else {
                        Direction::Crescente
                    },
                    unit: unit.join(" "),
                    targets: years
                        .iter()
                        .map(|&year| Target {
                            year,
                            value: Value::Amount(n),
                        })
                        .collect(),
                    words: bare.to_string(),
                }];
            }
        }
    }
    let found = propose(expected, years);
    if found.is_empty() {
        propose(indicator, years)
    } else {
        found
    }
}

/// A count's unit: the next few words after word `i`, up to a linking word, not ending on
/// "di".
fn unit_after<'a>(w: &[Word<'a>], i: usize) -> Vec<&'a str> {
    let mut unit = Vec::new();
    let mut j = i + 1;
    while j < w.len() && unit.len() < 4 {
        let k = w[j].key.trim_end_matches(['.', ',', ';']);
        if UNIT_STOP.contains(&k) && (unit.is_empty() || k != "di") {
            break;
        }
        if k == "di" && unit.is_empty() {
            break;
        }
        unit.push(w[j].raw.trim_end_matches([',', ';', '.']));
        let ends = w[j].raw.ends_with([',', ';', '.']);
        j += 1;
        if ends {
            break;
        }
    }
    while unit.last().is_some_and(|u| u.eq_ignore_ascii_case("di")) {
        unit.pop();
    }
    unit
}

/// The proposals for every objective of a plan that has some, in the annex's order (by an
/// objective's first placement), skipping those an indicator already states.
pub fn plan_proposals(
    plan: &FullPlan,
    indicators: &[Indicator],
) -> Vec<(ObjectiveId, Vec<Proposal>)> {
    proposals_where(plan, indicators, |_| true)
}

/// [`plan_proposals`] for the objectives `keep` accepts (the area on screen). One pass over
/// the placements and the indicators, whatever the plan's size.
pub fn proposals_where(
    plan: &FullPlan,
    indicators: &[Indicator],
    keep: impl Fn(ObjectiveId) -> bool,
) -> Vec<(ObjectiveId, Vec<Proposal>)> {
    use std::collections::HashMap;
    let periods: HashMap<PeriodId, (i32, i32)> = plan
        .periods
        .iter()
        .map(|d| (d.id, (d.first_year, d.last_year)))
        .collect();
    let mut order: Vec<ObjectiveId> = Vec::new();
    let mut years: HashMap<ObjectiveId, Vec<i32>> = HashMap::new();
    for p in plan.placements.iter().filter(|p| keep(p.objective_id)) {
        let Some(&(first, last)) = periods.get(&p.period_id) else {
            continue;
        };
        let y = years.entry(p.objective_id).or_insert_with(|| {
            order.push(p.objective_id);
            Vec::new()
        });
        y.extend(first..=last);
    }
    let mut have: HashMap<ObjectiveId, Vec<&Indicator>> = HashMap::new();
    for i in indicators
        .iter()
        .filter(|i| years.contains_key(&i.objective_id))
    {
        have.entry(i.objective_id).or_default().push(i);
    }
    let objectives: HashMap<ObjectiveId, &crate::model::Objective> =
        plan.objectives.iter().map(|o| (o.id, o)).collect();
    let mut out = Vec::new();
    for id in order {
        let Some(o) = objectives.get(&id) else {
            continue;
        };
        let y = years.get_mut(&id).expect("collected above");
        y.sort_unstable();
        y.dedup();
        let mine = have.get(&id).map(Vec::as_slice).unwrap_or_default();
        let found: Vec<Proposal> = propose_for(&o.text.expected_result, &o.text.indicator, y)
            .into_iter()
            .filter(|p| !p.is_in(mine))
            .collect();
        if !found.is_empty() {
            out.push((id, found));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(text: &str, years: &[i32]) -> Vec<String> {
        propose(text, years)
            .iter()
            .map(Proposal::describe)
            .collect()
    }

    #[test]
    fn deadlines_counts_percentages_and_days_are_read_from_the_words() {
        assert_eq!(
            summary(
                "Completamento della rilevazione entro il 31.07.2020",
                &[2020]
            ),
            ["scadenza: 2020 entro il 31/07/2020"]
        );
        assert_eq!(
            summary(
                "Consegna entro il 31 dicembre 2024 di non meno di 5 relazioni.",
                &[2024]
            ),
            [
                "scadenza: 2024 entro il 31/12/2024",
                "numero: 2024 ≥ 5 relazioni"
            ]
        );
        assert_eq!(
            summary(
                "Raggiungimento al 31 Dicembre di almento il 70% degli accertamenti",
                &[2021, 2022]
            ),
            [
                "scadenza: 2021 entro il 31/12/2021; 2022 entro il 31/12/2022",
                "percentuale: 2021 ≥ 70%; 2022 ≥ 70%"
            ]
        );
        assert_eq!(
            summary(
                "Decorrenza di non oltre 30 giorni dalla data di accettazione",
                &[2021]
            ),
            ["giorni: 2021 ≤ 30 giorni"]
        );
        assert_eq!(
            summary("30 Giorni dalla segnatura di protocollo", &[2020]),
            ["giorni: 2020 ≤ 30 giorni"]
        );
        assert_eq!(
            summary("Risposta entro 15 giorni", &[2020]),
            ["giorni: 2020 ≤ 15 giorni"]
        );
        assert_eq!(
            summary("scadenza 31/12/2024", &[2024]),
            ["scadenza: 2024 entro il 31/12/2024"]
        );
    }

    #[test]
    fn a_law_s_date_is_no_deadline() {
        assert!(summary(
            "Rispetto dei limiti di cui alla Legge 27.12.2006 n. 296 art. 1 commi da 557 a 562",
            &[2020]
        )
        .is_empty());
        assert!(summary("Approvazione entro i termini del bilancio", &[2020]).is_empty());
        assert!(summary(
            "Adozione della delibera del 12.03.2020 entro l'anno",
            &[2020]
        )
        .is_empty());
    }
}
