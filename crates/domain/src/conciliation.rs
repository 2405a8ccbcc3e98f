//! The end of a scheda as the law has it (art. 7 c.2-bis D.Lgs. 150/2009, *procedura di
//! conciliazione*): the scheda is handed to the manager, who may add remarks and ask for a
//! review within the days the evaluation system sets (default 15); the review is decided with
//! a reason and the behaviour scores it changed. A scheda is final only once the review is
//! decided, waived, or the window has closed without a request; until then the summary and
//! the publication are provisional and the evaluation cannot be made definitive. Pure: the
//! day it is judged on is given.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::clean_text;

/// The SMVP's default window for a request of review, in days.
pub const DEFAULT_REVIEW_DAYS: u32 = 15;

/// The handing over and the review, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Review {
    /// The day the scheda was handed to the manager.
    pub handed_over: Option<NaiveDate>,
    /// The manager's remarks.
    pub remarks: String,
    /// The day the manager asked for a review.
    pub requested: Option<NaiveDate>,
    /// The manager declared no review will be asked.
    pub waived: bool,
    /// The day the review was decided, and why.
    pub decided: Option<NaiveDate>,
    pub reason: String,
    /// The behaviour scores the review changed: (item position, new score).
    pub revised: Vec<(usize, u32)>,
}

/// Where a scheda stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Not yet handed to the manager.
    ToHandOver,
    /// Handed over; a review may be asked until this day.
    Window(NaiveDate),
    /// A review was asked and is not decided.
    UnderReview,
    /// Final: decided, waived, or the window closed.
    Final,
}

impl Stage {
    pub fn is_final(self) -> bool {
        self == Stage::Final
    }

    /// "da consegnare", "riesame chiedibile fino al 05/04/2026", …
    pub fn text(self) -> String {
        match self {
            Stage::ToHandOver => "da consegnare al valutato".into(),
            Stage::Window(until) => format!(
                "consegnata: il riesame si può chiedere fino al {} (art. 7 c.2-bis D.Lgs. 150/2009)",
                until.format("%d/%m/%Y")
            ),
            Stage::UnderReview => "riesame chiesto, in attesa dell'esito".into(),
            Stage::Final => "definitiva".into(),
        }
    }
}

impl Review {
    /// Where the scheda stands on `today`.
    pub fn stage(&self, days: u32, today: NaiveDate) -> Stage {
        let Some(handed) = self.handed_over else {
            return Stage::ToHandOver;
        };
        if self.decided.is_some() || self.waived {
            return Stage::Final;
        }
        if self.requested.is_some() {
            return Stage::UnderReview;
        }
        let until = handed + chrono::Days::new(days.into());
        if today <= until {
            Stage::Window(until)
        } else {
            Stage::Final
        }
    }
}

/// The handing over and the review as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewInput {
    pub handed_over: String,
    pub remarks: String,
    pub requested: String,
    pub waived: bool,
    pub decided: String,
    pub reason: String,
    /// Per behaviour item, in the rules' order: the score after the review ("" unchanged).
    pub revised: Vec<String>,
}

fn date(field: &'static str, label: &str, text: &str, year: i32) -> Result<Option<NaiveDate>> {
    match text.trim() {
        "" => Ok(None),
        t => crate::indicators::parse_date(t).map(Some).ok_or_else(|| {
            Error::invalid(
                field,
                format!(
                    "{label}: «{t}» non è una data valida, scrivi per esempio 20/03/{}.",
                    year + 1
                ),
            )
        }),
    }
}

impl ReviewInput {
    /// Checks the dates' order and the window (art. 7 c.2-bis D.Lgs. 150/2009, the days of
    /// the SMVP), the reason of an outcome, the revised scores on the scale.
    pub fn validate(
        &self,
        year: i32,
        days: u32,
        scale: (u32, u32),
        items: &[String],
        scores: &[Option<u32>],
    ) -> Result<Review> {
        let handed_over = date(
            "handed_over",
            "Consegna della scheda",
            &self.handed_over,
            year,
        )?;
        if let Some(h) = handed_over {
            if h <= NaiveDate::from_ymd_opt(year, 12, 31).expect("a date") {
                return Err(Error::invalid(
                    "handed_over",
                    format!("La scheda sul {year} si consegna dopo la fine dell'anno: controlla la data ({}).", h.format("%d/%m/%Y")),
                ));
            }
        }
        let remarks = clean_text("remarks", "Osservazioni del valutato", &self.remarks, false)?;
        let requested = date(
            "review_requested",
            "Richiesta di riesame",
            &self.requested,
            year,
        )?;
        let decided = date("review_decided", "Esito del riesame", &self.decided, year)?;
        let reason = clean_text(
            "review_reason",
            "Motivazione dell'esito",
            &self.reason,
            false,
        )?;
        if let Some(r) = requested {
            let Some(h) = handed_over else {
                return Err(Error::invalid(
                    "handed_over",
                    "Il riesame si chiede sulla scheda consegnata: indica prima la data di consegna.",
                ));
            };
            let until = h + chrono::Days::new(days.into());
            if r < h || r > until {
                return Err(Error::invalid(
                    "review_requested",
                    format!(
                        "La richiesta di riesame del {} è fuori termine: si chiede entro {days} giorni dalla consegna del {}, cioè entro il {} (art. 7 c.2-bis D.Lgs. 150/2009 e sistema di valutazione).",
                        r.format("%d/%m/%Y"),
                        h.format("%d/%m/%Y"),
                        until.format("%d/%m/%Y")
                    ),
                ));
            }
            if self.waived {
                return Err(Error::invalid(
                    "review_waived",
                    "Il valutato ha chiesto il riesame: togli la rinuncia.",
                ));
            }
        }
        if self.waived && handed_over.is_none() {
            return Err(Error::invalid(
                "handed_over",
                "La rinuncia al riesame segue la consegna: indica la data di consegna.",
            ));
        }
        let mut revised = Vec::new();
        for (i, t) in self.revised.iter().enumerate() {
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            let name = items.get(i).map(String::as_str).unwrap_or("");
            let v: u32 = t
                .parse()
                .ok()
                .filter(|v| (scale.0..=scale.1).contains(v))
                .ok_or_else(|| {
                    Error::invalid(
                        "revised",
                        format!(
                            "«{name}» dopo il riesame: {t} è fuori dalla scala, indica un numero intero da {} a {}.",
                            scale.0, scale.1
                        ),
                    )
                })?;
            if scores.get(i).copied().flatten() != Some(v) {
                revised.push((i, v));
            }
        }
        match decided {
            Some(d) => {
                let Some(r) = requested else {
                    return Err(Error::invalid(
                        "review_decided",
                        "Un esito senza richiesta di riesame: indica la data della richiesta.",
                    ));
                };
                if d < r {
                    return Err(Error::invalid(
                        "review_decided",
                        format!(
                            "L'esito del {} precede la richiesta del {}: controlla le date.",
                            d.format("%d/%m/%Y"),
                            r.format("%d/%m/%Y")
                        ),
                    ));
                }
                if reason.is_empty() {
                    return Err(Error::invalid(
                        "review_reason",
                        "Indica la motivazione dell'esito del riesame, anche quando conferma la valutazione.",
                    ));
                }
            }
            None if !revised.is_empty() || !reason.is_empty() => {
                return Err(Error::invalid(
                    "review_decided",
                    "Punteggi rivisti o motivazione senza esito: indica la data dell'esito del riesame.",
                ));
            }
            None => {}
        }
        Ok(Review {
            handed_over,
            remarks,
            requested,
            waived: self.waived,
            decided,
            reason,
            revised,
        })
    }
}

impl Review {
    pub fn to_input(&self, items: usize) -> ReviewInput {
        let d = |d: Option<NaiveDate>| {
            d.map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default()
        };
        let mut revised = vec![String::new(); items];
        for (i, v) in &self.revised {
            if let Some(slot) = revised.get_mut(*i) {
                *slot = v.to_string();
            }
        }
        ReviewInput {
            handed_over: d(self.handed_over),
            remarks: self.remarks.clone(),
            requested: d(self.requested),
            waived: self.waived,
            decided: d(self.decided),
            reason: self.reason.clone(),
            revised,
        }
    }

    /// The scores that count: the review's where it changed one.
    pub fn applied(&self, scores: &[(Option<u32>, String)]) -> Vec<(Option<u32>, String)> {
        let mut out = scores.to_vec();
        if self.decided.is_some() {
            for (i, v) in &self.revised {
                if let Some(s) = out.get_mut(*i) {
                    s.0 = Some(*v);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::ymd as d;

    #[test]
    fn the_stage_follows_the_dates() {
        let mut r = Review::default();
        assert_eq!(r.stage(15, d(2026, 4, 1)), Stage::ToHandOver);
        r.handed_over = Some(d(2026, 3, 20));
        assert_eq!(r.stage(15, d(2026, 4, 4)), Stage::Window(d(2026, 4, 4)));
        assert_eq!(r.stage(15, d(2026, 4, 5)), Stage::Final);
        r.requested = Some(d(2026, 3, 30));
        assert_eq!(r.stage(15, d(2026, 6, 1)), Stage::UnderReview);
        r.decided = Some(d(2026, 4, 20));
        assert!(r.stage(15, d(2026, 4, 20)).is_final());
    }
}
