//! Measurable objectives: an objective's indicators, each with a kind, a direction, a
//! baseline and a target per year; and the achievement a measured value gives against its
//! target. The targets an expected result states in words are read in `targets`.
//!
//! Numbers are integer hundredths, like weights: `2,5` giorni is `Value::Amount(250)`.
//! Achievements are hundredths of a percent, rounded half up once.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::{IndicatorId, ObjectiveId};
use crate::text::{clean_text, format_hundredths, MAX_YEAR, MIN_YEAR};

/// What an indicator measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "IndicatorKind")
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Numero,
    Percentuale,
    Giorni,
    Scadenza,
    SiNo,
    Rapporto,
}

impl Kind {
    /// The word the officer reads and types.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Numero => "numero",
            Kind::Percentuale => "percentuale",
            Kind::Giorni => "giorni",
            Kind::Scadenza => "scadenza",
            Kind::SiNo => "sì/no",
            Kind::Rapporto => "rapporto",
        }
    }

    pub fn parse(text: &str) -> Result<Kind> {
        let key = crate::text::name_key(text);
        let key = key.replace(' ', "");
        let kind = match key.as_str() {
            "numero" | "n" | "n." | "quantita" => Kind::Numero,
            "percentuale" | "%" | "perc" => Kind::Percentuale,
            "giorni" | "gg" | "durata" => Kind::Giorni,
            "scadenza" | "data" | "termine" => Kind::Scadenza,
            "si/no" | "sino" | "si-no" | "s/n" => Kind::SiNo,
            "rapporto" | "a/b" => Kind::Rapporto,
            "" => {
                return Err(Error::invalid(
                    "kind",
                    "Indica il tipo dell'indicatore: numero, percentuale, giorni, scadenza, sì/no o rapporto.",
                ))
            }
            _ => {
                return Err(Error::invalid(
                    "kind",
                    format!(
                        "Tipo di indicatore «{}» non previsto: scrivi numero, percentuale, giorni, scadenza, sì/no o rapporto.",
                        text.trim()
                    ),
                ))
            }
        };
        Ok(kind)
    }

    /// Whether a direction means anything (a deadline and a yes/no have none).
    pub fn has_direction(self) -> bool {
        !matches!(self, Kind::Scadenza | Kind::SiNo)
    }
}

/// Higher is better, or lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Crescente,
    Decrescente,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::Crescente => "crescente",
            Direction::Decrescente => "decrescente",
        }
    }

    pub fn parse(text: &str) -> Result<Direction> {
        match crate::text::name_key(text).as_str() {
            "" | "crescente" | "+" | "piu e meglio" => Ok(Direction::Crescente),
            "decrescente" | "-" | "meno e meglio" => Ok(Direction::Decrescente),
            _ => Err(Error::invalid(
                "direction",
                format!(
                    "Verso «{}» non previsto: scrivi «crescente» (più è meglio) o «decrescente» (meno è meglio).",
                    text.trim()
                ),
            )),
        }
    }
}

/// A target, a baseline or a measured value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", content = "v", rename_all = "lowercase")]
pub enum Value {
    /// Hundredths: numbers, percentages, days, ratios.
    Amount(i64),
    Date(NaiveDate),
    Flag(bool),
}

pub(crate) const MONTHS: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];

/// A date as an Italian office writes it: 31/12/2024, 31.12.2024, 31-12-2024, 2024-12-31,
/// 31 dicembre 2024.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(d).filter(|d| (MIN_YEAR..=MAX_YEAR).contains(&d.year()));
    }
    let parts: Vec<&str> = t
        .split(|c: char| c == '/' || c == '.' || c == '-' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let day: u32 = d.parse().ok()?;
    let month: u32 = match m.parse() {
        Ok(m) => m,
        Err(_) => {
            let key = crate::text::name_key(m);
            MONTHS.iter().position(|n| *n == key)? as u32 + 1
        }
    };
    if y.len() != 4 {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A number as typed in Italy: `3`, `2,5`, `1.234,5`, `-5` (hundredths, two decimals at most).
pub fn parse_amount(text: &str) -> Option<i64> {
    let t = text.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim()),
        None => (false, t.strip_prefix('+').unwrap_or(t).trim()),
    };
    if t.is_empty() {
        return None;
    }
    // A comma is the decimal mark; dots are thousands, unless there is no comma and one dot
    // followed by one or two digits (12.5 typed the English way).
    let (int, frac) = if let Some(i) = t.rfind(',') {
        (t[..i].replace('.', ""), t[i + 1..].to_string())
    } else if let Some(i) = t.rfind('.') {
        if t.matches('.').count() == 1 && t.len() - i - 1 <= 2 {
            (t[..i].to_string(), t[i + 1..].to_string())
        } else {
            (t.replace('.', ""), String::new())
        }
    } else {
        (t.to_string(), String::new())
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || int.len() > 13
    {
        return None;
    }
    let whole: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let cents: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    let v = whole * 100 + cents;
    Some(if neg { -v } else { v })
}

impl Value {
    /// Reads a value of `kind` as typed; `what` names it in the message ("Target 2024").
    pub fn parse(kind: Kind, text: &str, what: &str) -> Result<Value> {
        let shown = text.trim();
        let bad = |hint: &str| {
            Error::invalid(
                "value",
                format!(
                    "{what}: «{shown}» non è valido per un indicatore di tipo {}: {hint}.",
                    kind.label()
                ),
            )
        };
        match kind {
            Kind::Scadenza => parse_date(shown)
                .map(Value::Date)
                .ok_or_else(|| bad("scrivi una data esistente come 31/12/2024")),
            Kind::SiNo => match crate::text::name_key(shown).as_str() {
                "si" | "s" | "x" | "1" | "vero" | "fatto" | "raggiunto" => Ok(Value::Flag(true)),
                "no" | "n" | "0" | "falso" => Ok(Value::Flag(false)),
                _ => Err(bad("scrivi Sì oppure No")),
            },
            Kind::Rapporto => {
                if let Some((a, b)) = shown.split_once('/') {
                    let (a, b) = (parse_amount(a), parse_amount(b));
                    match (a, b) {
                        (Some(a), Some(b)) if b > 0 && a >= 0 => {
                            // a/b in hundredths, rounded half up.
                            Ok(Value::Amount((a * 100 + b / 2) / b))
                        }
                        (Some(_), Some(_)) => {
                            Err(bad("il denominatore B deve essere maggiore di zero"))
                        }
                        _ => Err(bad(
                            "scrivi A/B con due numeri (es. 45/50) oppure il rapporto (es. 0,9)",
                        )),
                    }
                } else {
                    parse_amount(shown)
                        .filter(|v| *v >= 0)
                        .map(Value::Amount)
                        .ok_or_else(|| bad("scrivi A/B con due numeri (es. 45/50) oppure il rapporto (es. 0,9)"))
                }
            }
            Kind::Percentuale => {
                let t = shown.trim_end_matches('%');
                parse_amount(t)
                    .filter(|v| *v >= 0)
                    .map(Value::Amount)
                    .ok_or_else(|| bad("scrivi un numero non negativo come 70 oppure 85,5"))
            }
            Kind::Numero => parse_amount(shown)
                .filter(|v| *v >= 0)
                .map(Value::Amount)
                .ok_or_else(|| bad("scrivi un numero non negativo come 3 oppure 2,5")),
            Kind::Giorni => parse_amount(shown.trim_end_matches("giorni").trim_end_matches("gg"))
                .map(Value::Amount)
                .ok_or_else(|| {
                    bad("scrivi un numero di giorni come 30 (anche negativo, per un anticipo)")
                }),
        }
    }

    /// How the officer reads it back: `3`, `2,5`, `31/12/2024`, `Sì`.
    pub fn text(self) -> String {
        match self {
            Value::Amount(v) => format_hundredths(v),
            Value::Date(d) => d.format("%d/%m/%Y").to_string(),
            Value::Flag(true) => "Sì".into(),
            Value::Flag(false) => "No".into(),
        }
    }

    /// The database's form: hundredths, ISO date, 1/0.
    pub fn encode(self) -> String {
        match self {
            Value::Amount(v) => v.to_string(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Flag(b) => if b { "1" } else { "0" }.into(),
        }
    }

    pub fn decode(kind: Kind, text: &str) -> Option<Value> {
        match kind {
            Kind::Scadenza => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .map(Value::Date),
            Kind::SiNo => Some(Value::Flag(text == "1")),
            _ => text.parse().ok().map(Value::Amount),
        }
    }
}

/// One target: the year and the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Target {
    pub year: i32,
    pub value: Value,
}

/// An indicator, checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Indicator {
    pub id: IndicatorId,
    pub objective_id: ObjectiveId,
    pub kind: Kind,
    /// "atti di liquidazione", "giorni", "%"; for a ratio, "A / B" (the names of both).
    pub unit: String,
    pub direction: Direction,
    pub baseline: Option<Value>,
    pub baseline_year: Option<i32>,
    /// By year.
    pub targets: Vec<Target>,
    /// Where the value comes from (*fonte*).
    pub source: String,
    /// Relative weight inside the objective, hundredths (100 each: equal).
    pub weight: u32,
}

impl Indicator {
    pub fn target(&self, year: i32) -> Option<Value> {
        self.targets
            .iter()
            .find(|t| t.year == year)
            .map(|t| t.value)
    }

    /// "≥ 3 atti di liquidazione", "entro il 30/06/2020", "≤ 30 giorni", "Sì".
    pub fn describe(&self, value: Value) -> String {
        let unit = if self.unit.is_empty() || self.kind == Kind::Rapporto {
            String::new()
        } else if self.unit == "%" {
            "%".into()
        } else {
            format!(" {}", self.unit)
        };
        match (self.kind, value) {
            (Kind::Scadenza, v) => format!("entro il {}", v.text()),
            (Kind::SiNo, v) => v.text(),
            (_, v) => {
                let sign = match self.direction {
                    Direction::Crescente => "≥",
                    Direction::Decrescente => "≤",
                };
                format!("{sign} {}{unit}", v.text())
            }
        }
    }

    /// The input form of this indicator (to edit it, or to compare it with another).
    pub fn to_input(&self) -> IndicatorInput {
        IndicatorInput {
            kind: self.kind.label().into(),
            unit: self.unit.clone(),
            direction: if self.kind.has_direction() {
                self.direction.label().into()
            } else {
                String::new()
            },
            baseline: self.baseline.map(Value::text).unwrap_or_default(),
            baseline_year: self
                .baseline_year
                .map(|y| y.to_string())
                .unwrap_or_default(),
            targets: self
                .targets
                .iter()
                .map(|t| TargetInput {
                    year: t.year,
                    value: t.value.text(),
                })
                .collect(),
            source: self.source.clone(),
            weight: if self.weight == DEFAULT_WEIGHT {
                String::new()
            } else {
                format_hundredths(self.weight.into())
            },
        }
    }
}

/// An indicator's relative weight when none is typed.
pub const DEFAULT_WEIGHT: u32 = 100;

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TargetInput {
    pub year: i32,
    pub value: String,
}

/// An indicator as typed (in the form, in a sheet's columns).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IndicatorInput {
    pub kind: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub direction: String,
    #[serde(default)]
    pub baseline: String,
    #[serde(default)]
    pub baseline_year: String,
    #[serde(default)]
    pub targets: Vec<TargetInput>,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub weight: String,
}

/// The checked fields of an indicator (no ids).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IndicatorSpec {
    pub kind: Kind,
    pub unit: String,
    pub direction: Direction,
    pub baseline: Option<Value>,
    pub baseline_year: Option<i32>,
    pub targets: Vec<Target>,
    pub source: String,
    pub weight: u32,
}

impl IndicatorInput {
    /// Checks every field; `years` are the years a target may be set for (the plan's).
    pub fn validate(&self, years: (i32, i32)) -> Result<IndicatorSpec> {
        let kind = Kind::parse(&self.kind)?;
        let direction = if kind.has_direction() {
            Direction::parse(&self.direction)?
        } else {
            Direction::Crescente
        };
        let unit = clean_text("unit", "Unità di misura", &self.unit, false)?;
        if kind == Kind::Rapporto && !unit.is_empty() && !unit.contains('/') {
            return Err(Error::invalid(
                "unit",
                "Per un rapporto scrivi nell'unità di misura i nomi di A e B separati da «/» (es. «pratiche evase / pratiche ricevute»).",
            ));
        }
        let source = clean_text("source", "Fonte", &self.source, false)?;
        let baseline = match self.baseline.trim() {
            "" => None,
            t => Some(Value::parse(kind, t, "Valore di partenza")?),
        };
        let baseline_year = match self.baseline_year.trim() {
            "" => None,
            t => {
                let y: i32 = t.parse().map_err(|_| {
                    Error::invalid(
                        "baseline_year",
                        format!("Anno di partenza: «{t}» non è un anno, scrivi per esempio 2023."),
                    )
                })?;
                Some(crate::text::check_year("baseline_year", y)?)
            }
        };
        if baseline.is_none() && baseline_year.is_some() {
            return Err(Error::invalid(
                "baseline",
                "Hai indicato l'anno di partenza senza il valore di partenza: scrivi il valore o cancella l'anno.",
            ));
        }
        let mut targets: Vec<Target> = Vec::new();
        for t in &self.targets {
            if t.value.trim().is_empty() {
                continue;
            }
            if t.year < years.0 || t.year > years.1 {
                return Err(Error::invalid(
                    "targets",
                    format!(
                        "Target {}: il piano copre gli anni {}-{}, il {} non è tra questi.",
                        t.year, years.0, years.1, t.year
                    ),
                ));
            }
            if targets.iter().any(|x| x.year == t.year) {
                return Err(Error::invalid(
                    "targets",
                    format!("Target {}: indicato due volte.", t.year),
                ));
            }
            let value = Value::parse(kind, &t.value, &format!("Target {}", t.year))?;
            targets.push(Target {
                year: t.year,
                value,
            });
        }
        if targets.is_empty() {
            return Err(Error::invalid(
                "targets",
                "Indica il target di almeno un anno: è il valore con cui si misura il raggiungimento.",
            ));
        }
        targets.sort();
        let weight = match self.weight.trim() {
            "" => DEFAULT_WEIGHT,
            t => match crate::text::parse_percent(t) {
                Ok(w) if w > 0 => w,
                _ => {
                    return Err(Error::invalid(
                        "weight",
                        format!("Peso dell'indicatore: «{t}» non è valido, scrivi un numero tra 0,01 e 100 (vuoto: pesi uguali)."),
                    ))
                }
            },
        };
        Ok(IndicatorSpec {
            kind,
            unit,
            direction,
            baseline,
            baseline_year,
            targets,
            source,
            weight,
        })
    }
}

/// What the evaluation system does with a deadline met late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "rule", content = "points", rename_all = "lowercase")]
pub enum LateRule {
    /// Late is not achieved: 0%.
    #[default]
    Zero,
    /// Hundredths of a percentage point off per day late.
    PerDay(u32),
    /// Hundredths of a percentage point off per week (or part of one) late.
    PerWeek(u32),
}

impl LateRule {
    /// `0`, `2 al giorno`, `10 a settimana` (points off per day or week late).
    pub fn parse(text: &str) -> Result<LateRule> {
        let key = crate::text::name_key(text);
        if key.is_empty() || key == "0" || key == "zero" || key == "nessuna" {
            return Ok(LateRule::Zero);
        }
        let bad = || {
            Error::invalid(
                "late",
                format!(
                    "Regola per le scadenze mancate «{}» non riconosciuta: scrivi 0 (in ritardo vale 0%), «2 al giorno» o «10 a settimana» (punti tolti per ogni giorno o settimana di ritardo).",
                    text.trim()
                ),
            )
        };
        let (number, rest) = key.split_once(' ').ok_or_else(bad)?;
        let points = crate::text::parse_percent(number)
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(bad)?;
        let rest = rest
            .replace("punti", "")
            .replace("per", "")
            .replace(" ", "");
        match rest.as_str() {
            "algiorno" | "giorno" | "ognigiorno" => Ok(LateRule::PerDay(points)),
            "asettimana" | "settimana" | "allasettimana" | "ognisettimana" => {
                Ok(LateRule::PerWeek(points))
            }
            _ => Err(bad()),
        }
    }

    pub fn label(self) -> String {
        match self {
            LateRule::Zero => "una scadenza mancata vale 0%".into(),
            LateRule::PerDay(p) => format!(
                "una scadenza mancata perde {} punti per ogni giorno di ritardo",
                format_hundredths(p.into())
            ),
            LateRule::PerWeek(p) => format!(
                "una scadenza mancata perde {} punti per ogni settimana (o frazione) di ritardo",
                format_hundredths(p.into())
            ),
        }
    }

    /// The form the command line and the database use: `0`, `2 al giorno`.
    pub fn text(self) -> String {
        match self {
            LateRule::Zero => "0".into(),
            LateRule::PerDay(p) => format!("{} al giorno", format_hundredths(p.into())),
            LateRule::PerWeek(p) => format!("{} a settimana", format_hundredths(p.into())),
        }
    }
}

fn ratio(num: i64, den: i64) -> u32 {
    // num/den × 100%, in hundredths, half up, capped at 100%; both non-negative.
    if den <= 0 {
        return 0;
    }
    let v = (num as i128 * 10_000 + den as i128 / 2) / den as i128;
    v.clamp(0, 10_000) as u32
}

/// The achievement (hundredths of a percent) a measured value gives against a target.
pub fn achievement(
    kind: Kind,
    direction: Direction,
    target: Value,
    value: Value,
    late: LateRule,
) -> u32 {
    match (target, value) {
        (Value::Date(deadline), Value::Date(done)) => {
            if done <= deadline {
                return 10_000;
            }
            let days = (done - deadline).num_days();
            let off = match late {
                LateRule::Zero => return 0,
                LateRule::PerDay(p) => days * i64::from(p),
                LateRule::PerWeek(p) => (days + 6) / 7 * i64::from(p),
            };
            (10_000 - off).max(0) as u32
        }
        (Value::Flag(t), Value::Flag(v)) if t == v => 10_000,
        (Value::Flag(_), Value::Flag(_)) => 0,
        (Value::Amount(t), Value::Amount(v)) => match direction {
            _ if !kind.has_direction() => 0,
            Direction::Crescente => {
                if t <= 0 {
                    if v >= t {
                        10_000
                    } else {
                        0
                    }
                } else {
                    ratio(v.max(0), t)
                }
            }
            Direction::Decrescente => {
                // A target of 0 or below is met at the target or below, never divided by.
                if v <= t {
                    10_000
                } else if t <= 0 {
                    0
                } else {
                    ratio(t, v)
                }
            }
        },
        _ => 0,
    }
}

/// The weighted mean of (weight, achievement) pairs, rounded half up; none for no pairs.
pub fn weighted_mean(parts: &[(u32, u32)]) -> Option<u32> {
    let total: u64 = parts.iter().map(|(w, _)| u64::from(*w)).sum();
    if total == 0 {
        return None;
    }
    let sum: u64 = parts
        .iter()
        .map(|(w, a)| u64::from(*w) * u64::from(*a))
        .sum();
    Some(((sum + total / 2) / total) as u32)
}

/// "scadenza: 2021 entro il 31/12/2021; 2022 entro il 31/12/2022".
pub fn describe_targets(i: &Indicator) -> String {
    let parts: Vec<String> = i
        .targets
        .iter()
        .map(|t| format!("{} {}", t.year, i.describe(t.value)))
        .collect();
    format!("{}: {}", i.kind.label(), parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Value {
        Value::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }

    #[test]
    fn achievement_follows_the_value() {
        use Direction::*;
        let z = LateRule::Zero;
        let a = |k, dir, t, v| achievement(k, dir, t, v, z);
        assert_eq!(
            a(
                Kind::Numero,
                Crescente,
                Value::Amount(300),
                Value::Amount(200)
            ),
            6667
        );
        assert_eq!(
            a(
                Kind::Numero,
                Crescente,
                Value::Amount(300),
                Value::Amount(500)
            ),
            10_000
        );
        assert_eq!(
            a(
                Kind::Giorni,
                Decrescente,
                Value::Amount(3000),
                Value::Amount(4000)
            ),
            7500
        );
        assert_eq!(
            a(
                Kind::Giorni,
                Decrescente,
                Value::Amount(3000),
                Value::Amount(2000)
            ),
            10_000
        );
        // Payment timeliness: delay ≤ 0 days, met at 0 or early, not divided by zero.
        assert_eq!(
            a(
                Kind::Giorni,
                Decrescente,
                Value::Amount(0),
                Value::Amount(-500)
            ),
            10_000
        );
        assert_eq!(
            a(
                Kind::Giorni,
                Decrescente,
                Value::Amount(0),
                Value::Amount(0)
            ),
            10_000
        );
        assert_eq!(
            a(
                Kind::Giorni,
                Decrescente,
                Value::Amount(0),
                Value::Amount(100)
            ),
            0
        );
        assert_eq!(
            a(Kind::SiNo, Crescente, Value::Flag(true), Value::Flag(false)),
            0
        );
        assert_eq!(
            a(Kind::Scadenza, Crescente, d(2020, 6, 30), d(2020, 6, 30)),
            10_000
        );
        assert_eq!(
            a(Kind::Scadenza, Crescente, d(2020, 6, 30), d(2020, 7, 10)),
            0
        );
        let late = |rule, v| achievement(Kind::Scadenza, Crescente, d(2020, 6, 30), v, rule);
        assert_eq!(late(LateRule::PerDay(200), d(2020, 7, 10)), 8000);
        assert_eq!(late(LateRule::PerWeek(1000), d(2020, 7, 10)), 8000);
        assert_eq!(late(LateRule::PerDay(200), d(2021, 7, 10)), 0);
        assert_eq!(weighted_mean(&[(100, 6667), (100, 10_000)]), Some(8334));
        assert_eq!(weighted_mean(&[]), None);
    }

    #[test]
    fn values_are_read_the_italian_way_and_refused_with_a_reason() {
        assert_eq!(
            Value::parse(Kind::Numero, "1.234,5", "x").unwrap(),
            Value::Amount(123_450)
        );
        assert_eq!(
            Value::parse(Kind::Rapporto, "45/50", "x").unwrap(),
            Value::Amount(90)
        );
        assert_eq!(
            Value::parse(Kind::Scadenza, "31 dicembre 2024", "x").unwrap(),
            d(2024, 12, 31)
        );
        assert_eq!(
            Value::parse(Kind::SiNo, "sì", "x").unwrap(),
            Value::Flag(true)
        );
        let err = Value::parse(Kind::Scadenza, "31/02/2024", "Target 2024")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("Target 2024") && err.contains("data esistente"),
            "{err}"
        );
        assert!(Value::parse(Kind::Numero, "abc", "x").is_err());
        assert!(Direction::parse("su").is_err());
        assert_eq!(
            LateRule::parse("2 al giorno").unwrap(),
            LateRule::PerDay(200)
        );
        assert_eq!(
            LateRule::parse("10 a settimana").unwrap(),
            LateRule::PerWeek(1000)
        );
        assert!(LateRule::parse("molto").is_err());
    }
}
