//! The plan's domain types and the checks on each value a person types.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
pub use crate::ids::{AreaId, ObjectiveId, PeriodId, PlacementId};
use crate::text::PercentWords;
pub use crate::text::{
    check_year, clean_text, format_hundredths, name_key, parse_percent, Percent, MAX_TEXT_CHARS,
    MAX_YEAR, MIN_YEAR,
};

/// An objective's weight in hundredths of a percentage point: 12,5% is `Weight(1250)`.
/// Integers, so that totals are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Weight(pub u32);

impl Weight {
    pub const FULL: Weight = Weight(10_000);

    /// Parses a weight as typed: `30`, `12,5`, `12.5`, `12,50`, optionally with `%`.
    pub fn parse(text: &str) -> Result<Weight> {
        let shown = text.trim();
        // A long figure over 100 (100000000,5) is not repeated back.
        let over_hundred = if shown.trim_end_matches('%').trim().len() > 8 {
            "Il peso non può superare 100."
        } else {
            "Il peso non può superare 100 (hai scritto {shown})."
        };
        let words = PercentWords {
            field: "weight",
            empty: "Indica il peso dell'obiettivo: un numero tra 0,01 e 100.",
            negative: "Il peso non può essere negativo: indica un numero tra 0,01 e 100.",
            not_a_number: "«{shown}» non è un peso valido: scrivi un numero come 30 oppure 12,5.",
            too_many_decimals: "«{shown}» ha troppi decimali: il peso ammette al massimo due cifre dopo la virgola (es. 12,25).",
            over_hundred,
        };
        match words.parse(text)? {
            0 => Err(Error::invalid(
                "weight",
                "Il peso deve essere maggiore di zero: indica un numero tra 0,01 e 100.",
            )),
            v => Ok(Weight(v)),
        }
    }

    /// Italian form without the percent sign: `30`, `12,5`, `12,25`.
    pub fn to_italian(self) -> String {
        format_hundredths(self.0 as i64)
    }
}

/// S sviluppo (development) or M mantenimento (maintenance).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "ObjectiveKind")
)]
pub enum Kind {
    S,
    M,
}

impl Kind {
    pub fn parse(text: &str) -> Result<Kind> {
        match text.trim().to_uppercase().as_str() {
            "S" | "SVILUPPO" => Ok(Kind::S),
            "M" | "MANTENIMENTO" => Ok(Kind::M),
            "" => Err(Error::invalid(
                "kind",
                "Indica la tipologia: S (sviluppo) o M (mantenimento).",
            )),
            other => Err(Error::invalid(
                "kind",
                format!(
                    "Tipologia «{other}» non prevista: scrivi S (sviluppo) o M (mantenimento)."
                ),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::S => "S",
            Kind::M => "M",
        }
    }
}

/// The six fields of the annex, as typed by the person (kind and texts unchecked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectiveInput {
    pub service: String,
    pub kind: String,
    pub description: String,
    pub expected_result: String,
    pub indicator: String,
}

/// An objective's text, checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ObjectiveText {
    pub service: String,
    pub kind: Kind,
    pub description: String,
    pub expected_result: String,
    pub indicator: String,
}

impl ObjectiveText {
    /// The five texts in the annex's order: service, kind, description, expected result,
    /// indicator (to compare two objectives field by field).
    pub fn fields(&self) -> [&str; 5] {
        [
            &self.service,
            self.kind.as_str(),
            &self.description,
            &self.expected_result,
            &self.indicator,
        ]
    }
}

impl ObjectiveInput {
    /// The text checked: the first problem, for a form.
    pub fn validate(&self) -> Result<ObjectiveText> {
        self.validate_all().map_err(|mut all| all.remove(0))
    }

    /// The text checked: every field's problem at once (a sheet's row lists them all). The
    /// description is required; the expected result and the indicator may be blank, as real
    /// plans leave them: such a row is «da completare» (a warning, `rules::check`).
    pub fn validate_all(&self) -> std::result::Result<ObjectiveText, Vec<Error>> {
        let mut errors = Vec::new();
        let mut keep = |r: Result<String>| r.map_err(|e| errors.push(e)).unwrap_or_default();
        let service = keep(clean_text(
            "service",
            "Servizio organizzativo",
            &self.service,
            false,
        ));
        let description = keep(clean_text(
            "description",
            "Descrizione obiettivo",
            &self.description,
            true,
        ));
        let expected_result = keep(clean_text(
            "expected_result",
            "Risultato atteso",
            &self.expected_result,
            false,
        ));
        let indicator = keep(clean_text(
            "indicator",
            "Indicatore di risultato",
            &self.indicator,
            false,
        ));
        let kind = Kind::parse(&self.kind).map_err(|e| errors.push(e)).ok();
        match kind {
            Some(kind) if errors.is_empty() => Ok(ObjectiveText {
                service,
                kind,
                description,
                expected_result,
                indicator,
            }),
            _ => {
                // In the annex's order: service, kind, description, expected, indicator.
                let rank = |e: &Error| match e.field() {
                    Some("service") => 0,
                    Some("kind") => 1,
                    Some("description") => 2,
                    Some("expected_result") => 3,
                    _ => 4,
                };
                errors.sort_by_key(rank);
                Err(errors)
            }
        }
    }
}

/// The label a period carries in the annex: "ANNO 2020", "ANNO 2021 E 2022",
/// "ANNO 2020, 2021 E 2022".
pub fn period_label(first: i32, last: i32) -> String {
    let years: Vec<String> = (first..=last).map(|y| y.to_string()).collect();
    match years.as_slice() {
        [one] => format!("ANNO {one}"),
        [init @ .., last] => format!("ANNO {} E {last}", init.join(", ")),
        [] => String::new(),
    }
}

/// The `Anni` cell of the flat sheet: "2020" or "2021-2022".
pub fn years_cell(first: i32, last: i32) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}-{last}")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Plan {
    pub id: i64,
    pub entity: String,
    pub title: String,
    pub first_year: i32,
    pub last_year: i32,
    pub approval: String,
}

impl Plan {
    /// The plan's names and years as input: what a copy starts from.
    pub fn input(&self) -> PlanInput {
        PlanInput {
            entity: self.entity.clone(),
            title: self.title.clone(),
            first_year: self.first_year,
            last_year: self.last_year,
            approval: self.approval.clone(),
        }
    }
}

/// What a person fills in to create or edit a plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanInput {
    pub entity: String,
    pub title: String,
    pub first_year: i32,
    pub last_year: i32,
    #[serde(default)]
    pub approval: String,
}

impl PlanInput {
    pub fn validate(&self) -> Result<PlanInput> {
        let first = check_year("first_year", self.first_year)?;
        let last = check_year("last_year", self.last_year)?;
        if last < first {
            return Err(Error::invalid(
                "last_year",
                "L'ultimo anno del piano non può precedere il primo.",
            ));
        }
        if last - first > 9 {
            return Err(Error::invalid(
                "last_year",
                "Un piano copre al massimo dieci anni: controlla gli anni.",
            ));
        }
        Ok(PlanInput {
            entity: clean_text("entity", "Ente", &self.entity, false)?,
            title: clean_text("title", "Titolo", &self.title, true)?,
            first_year: first,
            last_year: last,
            approval: clean_text("approval", "Estremi di approvazione", &self.approval, false)?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Period {
    pub id: PeriodId,
    pub plan_id: i64,
    pub first_year: i32,
    pub last_year: i32,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Area {
    pub id: AreaId,
    pub plan_id: i64,
    pub name: String,
    pub manager: String,
    pub position: i64,
    /// The manager pays commercial invoices: from 2024 the area needs the payment-timeliness
    /// objective (art. 4-bis DL 13/2023). On unless unticked.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub pays_invoices: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Objective {
    pub id: ObjectiveId,
    pub plan_id: i64,
    pub text: ObjectiveText,
    /// This is the payment-timeliness objective.
    #[serde(default, skip_serializing_if = "is_false")]
    pub timeliness: bool,
    /// The code of the DUP's operational objective it carries out (`dup`), if linked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operational: Option<String>,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// An objective placed in an area and a period, with its weight and its order there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Placement {
    pub id: PlacementId,
    pub objective_id: ObjectiveId,
    pub area_id: AreaId,
    pub period_id: PeriodId,
    pub weight: Weight,
    pub position: i64,
}

/// One plan with everything in it, in the annex's order: areas by position, periods by year,
/// placements by position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FullPlan {
    pub plan: Plan,
    pub periods: Vec<Period>,
    pub areas: Vec<Area>,
    pub objectives: Vec<Objective>,
    pub placements: Vec<Placement>,
    /// The objectives' indicators, by objective then position (left out of a JSON copy when
    /// there are none, so that older copies stay byte for byte the same).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<crate::indicators::Indicator>,
    /// The DUP's tree (strategic and operational objectives) in the tree's order; empty
    /// when the plan has none (and then left out of a JSON copy).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dup: Vec<crate::goals::Goal>,
}

impl FullPlan {
    /// An objective's indicators, in order.
    pub fn indicators_of(
        &self,
        objective_id: ObjectiveId,
    ) -> impl Iterator<Item = &crate::indicators::Indicator> {
        self.indicators
            .iter()
            .filter(move |i| i.objective_id == objective_id)
    }

    pub fn objective(&self, id: ObjectiveId) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.id == id)
    }

    /// The placements of one area in one period, in order.
    pub fn cell(&self, area_id: AreaId, period_id: PeriodId) -> impl Iterator<Item = &Placement> {
        self.placements
            .iter()
            .filter(move |p| p.area_id == area_id && p.period_id == period_id)
    }

    /// The sum of a period's weights in an area, leaving out one placement (the row being
    /// edited), in hundredths.
    pub fn cell_total(
        &self,
        area_id: AreaId,
        period_id: PeriodId,
        except: Option<PlacementId>,
    ) -> u32 {
        self.placements
            .iter()
            .filter(|p| p.area_id == area_id && p.period_id == period_id && Some(p.id) != except)
            .map(|p| p.weight.0)
            .sum()
    }

    /// How many placements share each objective (2 or more: cross-cutting).
    pub fn share_counts(&self) -> std::collections::HashMap<ObjectiveId, usize> {
        let mut counts = std::collections::HashMap::new();
        for p in &self.placements {
            *counts.entry(p.objective_id).or_insert(0) += 1;
        }
        counts
    }
}

/// A period as asked for: a run of consecutive years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPeriod {
    pub first_year: i32,
    pub last_year: i32,
}

/// Periods must lie inside the plan's years and not overlap one another.
pub fn check_periods(first: i32, last: i32, periods: &[NewPeriod]) -> Result<()> {
    let mut sorted = periods.to_vec();
    sorted.sort_by_key(|p| p.first_year);
    for p in &sorted {
        check_year("periods", p.first_year)?;
        check_year("periods", p.last_year)?;
        if p.last_year < p.first_year {
            return Err(Error::invalid(
                "periods",
                format!(
                    "Il periodo {}-{} è rovesciato: il primo anno deve venire prima dell'ultimo.",
                    p.first_year, p.last_year
                ),
            ));
        }
        if p.first_year < first || p.last_year > last {
            return Err(Error::invalid(
                "periods",
                format!(
                    "Il periodo «{}» esce dagli anni del piano ({first}-{last}).",
                    period_label(p.first_year, p.last_year)
                ),
            ));
        }
    }
    for pair in sorted.windows(2) {
        if pair[1].first_year <= pair[0].last_year {
            return Err(Error::invalid(
                "periods",
                format!(
                    "I periodi «{}» e «{}» si sovrappongono: ogni anno può stare in un solo periodo.",
                    period_label(pair[0].first_year, pair[0].last_year),
                    period_label(pair[1].first_year, pair[1].last_year)
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_parse_italian_and_dot_forms() {
        assert_eq!(Weight::parse("30").unwrap(), Weight(3000));
        assert_eq!(Weight::parse("12,5").unwrap(), Weight(1250));
        assert_eq!(Weight::parse("12.5").unwrap(), Weight(1250));
        assert_eq!(Weight::parse(" 12,25 % ").unwrap(), Weight(1225));
        assert_eq!(Weight::parse("100").unwrap(), Weight(10_000));
        assert_eq!(Weight::parse("0,01").unwrap(), Weight(1));
        assert_eq!(Weight::parse(",5").unwrap(), Weight(50));
    }

    #[test]
    fn bad_weights_are_refused_with_a_reason() {
        for (input, fragment) in [
            ("-5", "negativo"),
            ("0", "maggiore di zero"),
            ("0,00", "maggiore di zero"),
            ("100,01", "superare 100"),
            ("100,001", "decimali"),
            ("12,345", "decimali"),
            ("abc", "non è un peso valido"),
            ("", "Indica il peso"),
            ("1e2", "non è un peso valido"),
            ("99999999999999999999", "superare 100"),
            ("12,5,3", "non è un peso valido"),
        ] {
            let err = Weight::parse(input).expect_err(input).to_string();
            assert!(
                err.contains(fragment),
                "{input:?} gave {err:?}, expected {fragment:?}"
            );
        }
    }

    #[test]
    fn weights_format_the_italian_way() {
        assert_eq!(Weight(3000).to_italian(), "30");
        assert_eq!(Weight(1250).to_italian(), "12,5");
        assert_eq!(Weight(1225).to_italian(), "12,25");
        assert_eq!(format_hundredths(-1000), "-10");
    }

    #[test]
    fn period_labels_follow_the_document() {
        assert_eq!(period_label(2020, 2020), "ANNO 2020");
        assert_eq!(period_label(2021, 2022), "ANNO 2021 E 2022");
        assert_eq!(period_label(2020, 2022), "ANNO 2020, 2021 E 2022");
    }

    #[test]
    fn kinds_are_s_or_m_only() {
        assert_eq!(Kind::parse(" s ").unwrap(), Kind::S);
        assert_eq!(Kind::parse("M").unwrap(), Kind::M);
        assert!(Kind::parse("X").unwrap_err().to_string().contains("«X»"));
        assert!(Kind::parse("").is_err());
    }

    #[test]
    fn objective_texts_are_required_and_trimmed_only() {
        let input = ObjectiveInput {
            service: "  SERVIZI  INFORMATICI ".into(),
            kind: "S".into(),
            description: " Mappatura  interventi ".into(),
            expected_result: "entro il 31.07.2020".into(),
            indicator: "Relazione".into(),
        };
        let text = input.validate().unwrap();
        assert_eq!(
            text.service, "SERVIZI  INFORMATICI",
            "inner blanks are the authority's"
        );
        assert_eq!(text.description, "Mappatura  interventi");
        // Blank expected result and indicator are accepted (issue 32: real plans leave
        // them), as blank; the description is not.
        let mut empty = input.clone();
        empty.indicator = "   ".into();
        empty.expected_result = String::new();
        let text = empty.validate().unwrap();
        assert_eq!(
            (text.indicator.as_str(), text.expected_result.as_str()),
            ("", "")
        );
        let mut none = empty.clone();
        none.description = " ".into();
        none.kind = "X".into();
        let all = none.validate_all().unwrap_err();
        assert_eq!(
            all.iter().map(|e| e.field()).collect::<Vec<_>>(),
            [Some("kind"), Some("description")],
            "every problem, in the annex's order"
        );
        let mut control = input;
        control.description = "a\u{7}b".into();
        assert_eq!(control.validate().unwrap_err().field(), Some("description"));
    }

    #[test]
    fn names_compare_like_a_person_would() {
        assert_eq!(
            name_key("  Area   Servizi  SOCIALI "),
            "area servizi sociali"
        );
        assert_eq!(name_key("Tempestività"), name_key("TEMPESTIVITA"));
    }
}
