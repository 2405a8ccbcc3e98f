//! A manager's individual objectives (DFP guidelines 2/2017 §5 and 5/2019 §3; art. 9 c.1
//! lett. b D.Lgs. 150/2009): each with a weight, an indicator of one of the plan's kinds and a
//! target, assigned in January; at the end the value measured gives its achievement, with the
//! same rules as the plan's indicators, and the component is the weighted mean. A change of
//! what was assigned after the manager's acknowledgement is a revision at the mid-year
//! colloquio, kept with the earlier text.
//!
//! Weights in hundredths of a percent, like the plan's; achievements in hundredths.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::indicators::{achievement, weighted_mean, Direction, Kind, LateRule, Value};
use crate::results::parse_achievement;
use crate::text::{clean_text, format_hundredths, parse_percent, Percent};

/// The fields of the values filled in at the end (the rest is "individuals").
pub const VALUE: &str = "individual_value";
pub const ACHIEVEMENT: &str = "individual_achievement";
pub const NOTE: &str = "individual_note";

/// The name the single typed percentage of earlier releases takes as an objective.
pub const LEGACY_NAME: &str = "Obiettivi individuali";

/// An individual objective as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndividualInput {
    pub description: String,
    pub weight: String,
    /// What is measured, in words («pratiche evase»); the kind says how.
    pub indicator: String,
    pub kind: String,
    pub direction: String,
    pub target: String,
    /// The value measured at the end.
    pub value: String,
    /// The achievement typed over the one the value gives (or typed alone).
    pub achievement: String,
    pub note: String,
}

impl IndividualInput {
    pub fn is_empty(&self) -> bool {
        [
            &self.description,
            &self.weight,
            &self.indicator,
            &self.target,
            &self.value,
            &self.achievement,
            &self.note,
        ]
        .iter()
        .all(|t| t.trim().is_empty())
    }
}

/// An individual objective, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Individual {
    pub description: String,
    /// Hundredths of a percent of the component.
    pub weight: u32,
    pub indicator: String,
    pub kind: Kind,
    pub direction: Direction,
    /// None only for the single percentage of earlier releases.
    pub target: Option<Value>,
    pub value: Option<Value>,
    /// Typed over the computed achievement (the note says why), or typed alone.
    pub typed: Option<u32>,
    pub note: String,
}

impl Individual {
    /// The single typed percentage of earlier releases, as one objective of weight 100.
    pub fn legacy(achievement: u32) -> Individual {
        Individual {
            description: LEGACY_NAME.into(),
            weight: 10_000,
            indicator: String::new(),
            kind: Kind::Percentuale,
            direction: Direction::Crescente,
            target: None,
            value: None,
            typed: Some(achievement),
            note: String::new(),
        }
    }

    /// The achievement the measured value gives against the target.
    pub fn computed(&self, late: LateRule) -> Option<u32> {
        let (t, v) = (self.target?, self.value?);
        Some(achievement(self.kind, self.direction, t, v, late))
    }

    /// The achievement that counts: typed over, or computed.
    pub fn achievement(&self, late: LateRule) -> Option<u32> {
        self.typed.or_else(|| self.computed(late))
    }

    /// "≥ 10 pratiche evase", "entro il 30/06/2025", "Sì".
    pub fn target_text(&self) -> String {
        let Some(t) = self.target else {
            return String::new();
        };
        let what = if self.indicator.is_empty() {
            String::new()
        } else {
            format!(" {}", self.indicator)
        };
        match t {
            Value::Date(d) => format!("entro il {}", d.format("%d/%m/%Y")),
            Value::Flag(_) => format!("{}{what}", t.text()),
            Value::Amount(_) => {
                let sign = match (self.kind.has_direction(), self.direction) {
                    (false, _) => "",
                    (true, Direction::Crescente) => "≥ ",
                    (true, Direction::Decrescente) => "≤ ",
                };
                let unit = match self.kind {
                    Kind::Percentuale => "%",
                    Kind::Giorni => " giorni",
                    _ => "",
                };
                format!("{sign}{}{unit}{what}", t.text())
            }
        }
    }

    /// What was assigned, in one line: the earlier text a revision keeps.
    pub fn assigned_line(&self) -> String {
        let mut s = format!(
            "«{}», peso {}%",
            self.description,
            format_hundredths(self.weight.into())
        );
        if self.target.is_some() {
            s.push_str(&format!(", {}: {}", self.kind.label(), self.target_text()));
        }
        s
    }

    /// The indicator as the assignment prints it: "numero (pratiche evase)".
    pub fn indicator_label(&self) -> String {
        if self.indicator.is_empty() {
            self.kind.label().into()
        } else {
            format!("{} ({})", self.kind.label(), self.indicator)
        }
    }

    pub fn to_input(&self) -> IndividualInput {
        IndividualInput {
            description: self.description.clone(),
            weight: format_hundredths(self.weight.into()),
            indicator: self.indicator.clone(),
            kind: self.kind.label().into(),
            direction: self.direction.label().into(),
            target: self.target.map(Value::text).unwrap_or_default(),
            value: self.value.map(Value::text).unwrap_or_default(),
            achievement: self
                .typed
                .map(|a| format_hundredths(a.into()))
                .unwrap_or_default(),
            note: self.note.clone(),
        }
    }

    /// Same assignment: description, weight, indicator and target (values may differ).
    fn same_assignment(&self, other: &Individual) -> bool {
        self.description == other.description
            && self.weight == other.weight
            && self.indicator == other.indicator
            && self.kind == other.kind
            && self.direction == other.direction
            && self.target == other.target
    }
}

/// The component's achievement: the weighted mean of the objectives' achievements; none
/// while one is missing (or there are none).
pub fn component(objectives: &[Individual], late: LateRule) -> Option<u32> {
    let parts: Option<Vec<(u32, u32)>> = objectives
        .iter()
        .map(|o| o.achievement(late).map(|a| (o.weight, a)))
        .collect();
    parts
        .filter(|p| !p.is_empty())
        .and_then(|p| weighted_mean(&p))
}

/// The objectives still without a value or an achievement, by description.
pub fn missing(objectives: &[Individual], late: LateRule) -> Vec<String> {
    objectives
        .iter()
        .filter(|o| o.achievement(late).is_none())
        .map(|o| format!("valore dell'obiettivo individuale «{}»", o.description))
        .collect()
}

fn weight(n: usize, text: &str) -> Result<u32> {
    let bad = |m: String| Error::invalid("individuals", m);
    let t = text.trim();
    match parse_percent(t) {
        Ok(0) | Err(Percent::Empty) => Err(bad(format!(
            "Obiettivo individuale {n}: indica il peso, un numero maggiore di 0 e al massimo 100."
        ))),
        Ok(v) => Ok(v),
        Err(Percent::Negative) => Err(bad(format!(
            "Obiettivo individuale {n}: il peso non può essere negativo (hai scritto {t})."
        ))),
        Err(Percent::OverHundred) => Err(bad(format!(
            "Obiettivo individuale {n}: il peso non può superare 100 (hai scritto {t})."
        ))),
        Err(_) => Err(bad(format!(
            "Obiettivo individuale {n}: «{t}» non è un peso valido, scrivi un numero come 50 oppure 33,33."
        ))),
    }
}

impl IndividualInput {
    /// Checks one objective (`n` counts from 1 in the messages).
    pub fn validate(&self, n: usize, late: LateRule) -> Result<Individual> {
        // The end of the year's cells have fields of their own: a filled sheet names the
        // column from them.
        let as_field = |field: &'static str| {
            move |e: Error| match e {
                Error::Invalid { message, .. } => Error::invalid(field, message),
                e => e,
            }
        };
        let field = as_field("individuals");
        let description = clean_text(
            "individuals",
            &format!("Descrizione dell'obiettivo individuale {n}"),
            &self.description,
            true,
        )?;
        let weight = weight(n, &self.weight)?;
        let kind = Kind::parse(&self.kind).map_err(|e| {
            Error::invalid(
                "individuals",
                format!("Obiettivo individuale «{description}»: {e}"),
            )
        })?;
        let direction = Direction::parse(&self.direction).map_err(field)?;
        let indicator = clean_text("individuals", "Indicatore", &self.indicator, false)?;
        let target = match self.target.trim() {
            // Judged rather than measured: the achievement typed alone (the single
            // percentage of earlier releases is such an objective).
            "" if !self.achievement.trim().is_empty() => None,
            "" => {
                return Err(Error::invalid(
                    "individuals",
                    format!(
                        "Obiettivo individuale «{description}»: indica il target ({}).",
                        match kind {
                            Kind::Scadenza => "la data entro cui va raggiunto, es. 30/06",
                            Kind::SiNo => "Sì",
                            _ => "il valore da raggiungere",
                        }
                    ),
                ))
            }
            t => Some(Value::parse(kind, t, &format!("Target di «{description}»")).map_err(field)?),
        };
        let value = match self.value.trim() {
            "" => None,
            t => Some(
                Value::parse(kind, t, &format!("Valore raggiunto di «{description}»"))
                    .map_err(as_field(VALUE))?,
            ),
        };
        let typed = match self.achievement.trim() {
            "" => None,
            t => Some(parse_achievement(t).map_err(|e| {
                Error::invalid(
                    ACHIEVEMENT,
                    format!("Obiettivo individuale «{description}»: {e}"),
                )
            })?),
        };
        let note = clean_text(NOTE, "Note", &self.note, false)?;
        let o = Individual {
            description,
            weight,
            indicator,
            kind,
            direction,
            target,
            value,
            typed,
            note,
        };
        // Typed over only with a note, exactly like the results.
        if let (Some(t), Some(c)) = (o.typed, o.computed(late)) {
            if t != c && o.note.is_empty() {
                return Err(Error::invalid(
                    NOTE,
                    format!(
                        "Obiettivo individuale «{}»: dal valore raggiunto il raggiungimento è {}%; hai scritto {}%, spiega nelle note perché.",
                        o.description,
                        format_hundredths(c.into()),
                        format_hundredths(t.into())
                    ),
                ));
            }
        }
        if o.typed.is_some() && o.target.is_some() && o.value.is_none() && o.note.is_empty() {
            return Err(Error::invalid(
                NOTE,
                format!(
                    "Obiettivo individuale «{}»: indica il valore raggiunto; una percentuale scritta a mano va spiegata nelle note.",
                    o.description
                ),
            ));
        }
        Ok(o)
    }
}

/// Checks a manager's individual objectives: each one, and the weights adding up to 100%
/// within the component (the SMVP's rule, art. 7 D.Lgs. 150/2009, as for the plan's
/// objectives in an area).
pub fn validate_all(inputs: &[IndividualInput], late: LateRule) -> Result<Vec<Individual>> {
    let mut out = Vec::new();
    for (i, input) in inputs.iter().filter(|i| !i.is_empty()).enumerate() {
        out.push(input.validate(i + 1, late)?);
    }
    let total: u32 = out.iter().map(|o| o.weight).sum();
    if !out.is_empty() && total != 10_000 {
        let gap = format_hundredths((10_000i64 - i64::from(total)).abs());
        return Err(Error::invalid(
            "individuals",
            format!(
                "I pesi degli obiettivi individuali sommano a {}%: devono fare 100% ({}), come vuole il sistema di valutazione dell'ente (art. 7 D.Lgs. 150/2009).",
                format_hundredths(total.into()),
                if total > 10_000 {
                    format!("togli {gap} punti")
                } else {
                    format!("mancano {gap} punti")
                }
            ),
        ));
    }
    Ok(out)
}

/// A revision of the individual objectives at the mid-year colloquio: when, what was
/// assigned before (one line per objective), and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub on: NaiveDate,
    pub before: Vec<String>,
    pub changes: Vec<String>,
}

impl Revision {
    /// "Rivisti al colloquio del 15/07/2025: …".
    pub fn text(&self) -> String {
        format!(
            "Rivisti al colloquio del {}: {}.",
            self.on.format("%d/%m/%Y"),
            self.changes.join("; ")
        )
    }
}

/// What changed from `before` to `after`, objective by objective (matched by description).
pub fn changes(before: &[Individual], after: &[Individual]) -> Vec<String> {
    let mut out = Vec::new();
    for b in before {
        match after.iter().find(|a| a.description == b.description) {
            None => out.push(format!("tolto «{}»", b.description)),
            Some(a) if !a.same_assignment(b) => {
                let mut what = Vec::new();
                if a.weight != b.weight {
                    what.push(format!(
                        "peso da {}% a {}%",
                        format_hundredths(b.weight.into()),
                        format_hundredths(a.weight.into())
                    ));
                }
                if a.target != b.target || a.kind != b.kind || a.direction != b.direction {
                    what.push(format!(
                        "target da {} a {}",
                        b.target_text(),
                        a.target_text()
                    ));
                } else if a.indicator != b.indicator {
                    what.push(format!(
                        "indicatore da «{}» a «{}»",
                        b.indicator_label(),
                        a.indicator_label()
                    ));
                }
                out.push(format!("«{}»: {}", a.description, what.join(", ")));
            }
            Some(_) => {}
        }
    }
    for a in after {
        if !before.iter().any(|b| b.description == a.description) {
            out.push(format!(
                "aggiunto «{}» (peso {}%)",
                a.description,
                format_hundredths(a.weight.into())
            ));
        }
    }
    out
}

/// The revision a save makes, if any: once the manager has acknowledged the assignment, a
/// change of what was assigned is recorded as a revision dated by the mid-year colloquio,
/// which must then be given (DFP guidelines 5/2019 §3: the objectives are revised in the
/// colloquio, in writing).
pub fn revision(
    saved: &[Individual],
    acknowledged: Option<NaiveDate>,
    after: &[Individual],
    midyear: Option<NaiveDate>,
) -> Result<Option<Revision>> {
    let Some(ack) = acknowledged else {
        return Ok(None);
    };
    let changes = changes(saved, after);
    if changes.is_empty() || saved.is_empty() {
        return Ok(None);
    }
    let Some(on) = midyear else {
        return Err(Error::invalid(
            "midyear",
            format!(
                "Gli obiettivi individuali sono stati assegnati e firmati il {}: per cambiarli indica la data del colloquio intermedio in cui sono stati rivisti, come vogliono le linee guida della Funzione Pubblica n. 5/2019 ({}).",
                ack.format("%d/%m/%Y"),
                changes.join("; ")
            ),
        ));
    };
    if on < ack {
        return Err(Error::invalid(
            "midyear",
            format!(
                "Il colloquio intermedio ({}) viene prima della presa visione dell'assegnazione ({}): controlla le date.",
                on.format("%d/%m/%Y"),
                ack.format("%d/%m/%Y")
            ),
        ));
    }
    Ok(Some(Revision {
        on,
        before: saved.iter().map(Individual::assigned_line).collect(),
        changes,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(d: &str, w: &str, kind: &str, target: &str, value: &str) -> IndividualInput {
        IndividualInput {
            description: d.into(),
            weight: w.into(),
            kind: kind.into(),
            target: target.into(),
            value: value.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_component_is_the_weighted_mean_of_what_the_values_give() {
        let late = LateRule::PerDay(200);
        let all = validate_all(
            &[
                input("Pratiche", "50", "numero", "20", "16"),
                input("Regolamento", "30", "scadenza", "30/06/2025", "05/07/2025"),
                input("Sportello", "20", "sì/no", "sì", "sì"),
            ],
            late,
        )
        .unwrap();
        // 16/20 = 80%; five days late at 2 points a day = 90%; yes = 100%.
        let a: Vec<_> = all.iter().map(|o| o.achievement(late)).collect();
        assert_eq!(a, vec![Some(8000), Some(9000), Some(10_000)]);
        // (50×80 + 30×90 + 20×100) / 100 = 87.
        assert_eq!(component(&all, late), Some(8700));
    }

    #[test]
    fn weights_must_add_to_a_hundred_and_a_typed_over_value_needs_a_note() {
        let e = validate_all(
            &[
                input("A", "50", "numero", "10", ""),
                input("B", "40", "numero", "10", ""),
            ],
            LateRule::Zero,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("sommano a 90%") && e.contains("mancano 10"),
            "{e}"
        );
        let mut over = input("A", "100", "numero", "10", "8");
        over.achievement = "100".into();
        let e = validate_all(&[over.clone()], LateRule::Zero)
            .unwrap_err()
            .to_string();
        assert!(e.contains("è 80%") && e.contains("note"), "{e}");
        over.note = "Il numero comprende le pratiche di dicembre".into();
        let ok = validate_all(&[over], LateRule::Zero).unwrap();
        assert_eq!(component(&ok, LateRule::Zero), Some(10_000));
        for (w, said) in [
            ("-5", "negativo"),
            ("abc", "non è un peso"),
            ("100,001", "non è un peso"),
            ("", "indica il peso"),
        ] {
            let e = validate_all(&[input("A", w, "numero", "1", "")], LateRule::Zero)
                .unwrap_err()
                .to_string();
            assert!(e.contains(said), "{w}: {e}");
        }
        let e = validate_all(&[input("A", "100", "numero", "", "")], LateRule::Zero)
            .unwrap_err()
            .to_string();
        assert!(e.contains("indica il target"), "{e}");
    }

    #[test]
    fn a_change_after_the_acknowledgement_is_a_revision_at_the_colloquio() {
        let first = validate_all(
            &[
                input("A", "60", "numero", "10", ""),
                input("B", "40", "numero", "5", ""),
            ],
            LateRule::Zero,
        )
        .unwrap();
        let then = validate_all(
            &[
                input("A", "50", "numero", "12", ""),
                input("C", "50", "sì/no", "sì", ""),
            ],
            LateRule::Zero,
        )
        .unwrap();
        let d = |s| crate::indicators::parse_date(s).unwrap();
        // Before the acknowledgement anything may change.
        assert_eq!(revision(&first, None, &then, None).unwrap(), None);
        let e = revision(&first, Some(d("20/01/2025")), &then, None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("colloquio intermedio"), "{e}");
        let r = revision(&first, Some(d("20/01/2025")), &then, Some(d("15/07/2025")))
            .unwrap()
            .unwrap();
        assert_eq!(
            r.changes,
            vec![
                "«A»: peso da 60% a 50%, target da ≥ 10 a ≥ 12",
                "tolto «B»",
                "aggiunto «C» (peso 50%)"
            ]
        );
        assert_eq!(r.before[1], "«B», peso 40%, numero: ≥ 5");
        // Values typed at the end are not a revision.
        let mut valued = first.clone();
        valued[0].value = Some(Value::Amount(900));
        assert_eq!(
            revision(&first, Some(d("20/01/2025")), &valued, None).unwrap(),
            None
        );
    }
}
