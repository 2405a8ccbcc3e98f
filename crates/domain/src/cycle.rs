//! The performance cycle of a plan's year, step by step, as the law has it: plan prepared →
//! approved → PIAO adopted → monitoring dates → variations (by 15 December) → results
//! collected → Relazione approved → validated by the Nucleo → evaluations proposed and
//! assigned → conciliation window → paid. Each step is done (with its date and act), due
//! (with its date: the office's own, or the law's default), late, or not applicable. Pure:
//! the facts and the day are given; the store gathers the facts (`ops::cycle`).

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::text::ymd as date;
use crate::versions::Act;

/// Where a step stands on the day it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Done,
    Due,
    Late,
    NotApplicable,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Done => "fatto",
            Status::Due => "da fare",
            Status::Late => "in ritardo",
            Status::NotApplicable => "non previsto",
        }
    }
}

/// One step of the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Stable key, also the key of a deadline the office sets: «approvazione»,
    /// «monitoraggio-1», «relazione»…
    pub key: String,
    pub title: String,
    /// The law behind it, in one line.
    pub law: String,
    pub status: Status,
    /// The deadline (the office's, or the law's default).
    pub due: Option<NaiveDate>,
    /// Whether `due` is the office's own date rather than the default.
    pub due_set: bool,
    /// The day it was done, and the act that did it («deliberazione della Giunta n. 12»).
    pub done_on: Option<NaiveDate>,
    pub act: String,
    /// What else to know («mancano 3 risultati»).
    pub note: String,
    /// The screen that does it (the app's navigation; the guide's chapter of the same name).
    pub screen: &'static str,
}

/// A recorded monitoring date of the year, and how many of its entries are missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Monitoring {
    pub date: NaiveDate,
    pub missing: usize,
}

/// What the store knows of the year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub year: i32,
    /// The weights of the version being prepared are valid (no error in the check).
    pub weights_valid: bool,
    /// Problems of the version being prepared, in words (for the note).
    pub problems: usize,
    /// The act approving the plan (the first approved version of the series).
    pub approval: Option<Act>,
    pub piao: Option<Act>,
    pub monitoring: Vec<Monitoring>,
    /// The variations approved with effect in the year.
    pub variations: Vec<Act>,
    /// Results still missing (none: no approved version to read them on).
    pub results_missing: Option<usize>,
    pub relazione: Option<Act>,
    pub validation: Option<Act>,
    pub evaluation_proposal: Option<Act>,
    pub evaluation_assigned: Option<Act>,
    /// Schede handed over, and the last day a review may still be asked (the latest window).
    pub handed_over: usize,
    pub schede: usize,
    pub review_until: Option<NaiveDate>,
    /// Schede not yet final (review pending or window open).
    pub reviews_open: usize,
    pub paid: Option<Act>,
    /// The office's own deadlines, by step key.
    pub deadlines: Vec<(String, NaiveDate)>,
}

/// The law's default deadlines of a year, by step key (the office may set its own).
pub fn default_deadlines(year: i32) -> Vec<(&'static str, NaiveDate)> {
    vec![
        // The PIAO (and the objectives in it) by 31 January (art. 6 c.1 DL 80/2021).
        ("approvazione", date(year, 1, 31)),
        ("piao", date(year, 1, 31)),
        // The usual monitoring dates of an SMVP.
        ("monitoraggio-1", date(year, 6, 30)),
        ("monitoraggio-2", date(year, 9, 30)),
        ("variazioni", date(year, 12, 15)),
        ("risultati", date(year + 1, 3, 31)),
        ("relazione", date(year + 1, 6, 30)),
        ("validazione", date(year + 1, 9, 30)),
        ("valutazione", date(year + 1, 10, 31)),
        ("pagamento", date(year + 1, 12, 31)),
    ]
}

/// Step keys the office may set a deadline for.
pub fn deadline_keys() -> Vec<&'static str> {
    default_deadlines(2000)
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

fn act_date(a: &Act) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&a.date, "%Y-%m-%d").ok()
}

fn act_text(a: &Act) -> String {
    format!("{} n. {} del {}", a.body, a.number, a.italian_date())
}

struct Builder<'a> {
    facts: &'a Facts,
    today: NaiveDate,
    steps: Vec<Step>,
}

impl Builder<'_> {
    fn due(&self, key: &str) -> (Option<NaiveDate>, bool) {
        if let Some((_, d)) = self.facts.deadlines.iter().find(|(k, _)| k == key) {
            return (Some(*d), true);
        }
        (
            default_deadlines(self.facts.year)
                .into_iter()
                .find(|(k, _)| *k == key)
                .map(|(_, d)| d),
            false,
        )
    }

    /// A step done by an act, or due by its deadline.
    #[allow(clippy::too_many_arguments)]
    fn act_step(
        &mut self,
        key: &str,
        title: &str,
        law: &str,
        act: Option<&Act>,
        applicable: bool,
        note: String,
        screen: &'static str,
    ) {
        let (due, due_set) = self.due(key);
        let status = match (act, applicable) {
            (Some(_), _) => Status::Done,
            (None, false) => Status::NotApplicable,
            (None, true) if due.is_some_and(|d| d < self.today) => Status::Late,
            (None, true) => Status::Due,
        };
        self.steps.push(Step {
            key: key.into(),
            title: title.into(),
            law: law.into(),
            status,
            due,
            due_set,
            done_on: act.and_then(act_date),
            act: act.map(act_text).unwrap_or_default(),
            note,
            screen,
        });
    }
}

/// The year's steps in the cycle's order, as they stand on `today`.
pub fn steps(f: &Facts, today: NaiveDate) -> Vec<Step> {
    let mut b = Builder {
        facts: f,
        today,
        steps: Vec::new(),
    };
    let y = f.year;

    // 1. Prepared: the weights hold (done once approved, or once valid).
    let (due, due_set) = b.due("approvazione");
    let prepared = f.approval.is_some() || f.weights_valid;
    b.steps.push(Step {
        key: "preparazione".into(),
        title: "Piano preparato".into(),
        law: "art. 10 c.1 lett. a D.Lgs. 150/2009; art. 169 c.3-bis TUEL".into(),
        status: if prepared {
            Status::Done
        } else if due.is_some_and(|d| d < today) {
            Status::Late
        } else {
            Status::Due
        },
        due,
        due_set,
        done_on: None,
        act: String::new(),
        note: if prepared {
            "pesi corretti".into()
        } else {
            match f.problems {
                1 => "1 problema da correggere prima dell'approvazione".into(),
                n => format!("{n} problemi da correggere prima dell'approvazione"),
            }
        },
        screen: "editor",
    });
    b.act_step(
        "approvazione",
        "Piano approvato dalla Giunta",
        "art. 10 c.1 lett. a D.Lgs. 150/2009; art. 6 c.1 DL 80/2021 (entro il 31 gennaio)",
        f.approval.as_ref(),
        true,
        String::new(),
        "approvazione",
    );
    b.act_step(
        "piao",
        "PIAO adottato (sottosezione 2.2 «Performance»)",
        "art. 6 DL 80/2021; DM 132/2022 art. 8 (entro 30 giorni dal bilancio)",
        f.piao.as_ref(),
        true,
        String::new(),
        "documenti",
    );

    // Monitoring: the planned dates (the office's or the defaults), each covered by a date
    // recorded within 45 days of it; recorded dates off the plan are listed too.
    let mut used = vec![false; f.monitoring.len()];
    for (n, key) in ["monitoraggio-1", "monitoraggio-2"].iter().enumerate() {
        let (due, due_set) = b.due(key);
        let Some(planned) = due else { continue };
        let hit = f
            .monitoring
            .iter()
            .enumerate()
            .find(|(i, m)| !used[*i] && (m.date - planned).num_days().abs() <= 45);
        let (status, done_on, note) = match hit {
            Some((i, m)) => {
                used[i] = true;
                let note = if m.missing > 0 {
                    format!("mancano {} schede", m.missing)
                } else {
                    String::new()
                };
                (Status::Done, Some(m.date), note)
            }
            None if f.approval.is_none() => (
                if planned < today {
                    Status::Late
                } else {
                    Status::Due
                },
                None,
                "si fa sul piano approvato".into(),
            ),
            None if planned < today => (Status::Late, None, String::new()),
            None => (Status::Due, None, String::new()),
        };
        b.steps.push(Step {
            key: (*key).into(),
            title: format!("Monitoraggio {} al {}", n + 1, planned.format("%d/%m/%Y")),
            law: "art. 6 D.Lgs. 150/2009".into(),
            status,
            due: Some(planned),
            due_set,
            done_on,
            act: String::new(),
            note,
            screen: "monitoraggio",
        });
    }
    for m in f
        .monitoring
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(m, _)| m)
    {
        b.steps.push(Step {
            key: format!("monitoraggio-{}", m.date.format("%Y-%m-%d")),
            title: format!("Monitoraggio al {}", m.date.format("%d/%m/%Y")),
            law: "art. 6 D.Lgs. 150/2009".into(),
            status: Status::Done,
            due: None,
            due_set: false,
            done_on: Some(m.date),
            act: String::new(),
            note: if m.missing > 0 {
                format!("mancano {} schede", m.missing)
            } else {
                String::new()
            },
            screen: "monitoraggio",
        });
    }

    // Variations: possible until 15 December, never owed.
    let (due, due_set) = b.due("variazioni");
    let last = f.variations.last();
    b.steps.push(Step {
        key: "variazioni".into(),
        title: "Variazioni del piano".into(),
        law: "art. 175 c.9 TUEL (entro il 15 dicembre); art. 10 c.3 D.Lgs. 150/2009".into(),
        status: if last.is_some() {
            Status::Done
        } else if due.is_some_and(|d| d < today) {
            Status::NotApplicable
        } else {
            Status::Due
        },
        due,
        due_set,
        done_on: last.and_then(act_date),
        act: f
            .variations
            .iter()
            .map(act_text)
            .collect::<Vec<_>>()
            .join("; "),
        note: match f.variations.len() {
            0 if due.is_some_and(|d| d < today) => "nessuna variazione nell'anno".into(),
            0 => "solo se serve".into(),
            1 => "1 variazione".into(),
            n => format!("{n} variazioni"),
        },
        screen: "approvazione",
    });

    // Results collected: all in (done on the Relazione's day, or now).
    let (due, due_set) = b.due("risultati");
    let (status, note) = match f.results_missing {
        Some(0) => (Status::Done, "tutti i risultati registrati".to_string()),
        Some(n) => (
            if due.is_some_and(|d| d < today) {
                Status::Late
            } else {
                Status::Due
            },
            format!("mancano {n} risultati"),
        ),
        None => (
            if due.is_some_and(|d| d < today) {
                Status::Late
            } else {
                Status::Due
            },
            "si registrano sul piano approvato".to_string(),
        ),
    };
    b.steps.push(Step {
        key: "risultati".into(),
        title: format!("Risultati {y} raccolti"),
        law: "art. 10 c.1 lett. b D.Lgs. 150/2009".into(),
        status,
        due,
        due_set,
        done_on: None,
        act: String::new(),
        note,
        screen: "risultati",
    });
    b.act_step(
        "relazione",
        "Relazione sulla performance approvata",
        "art. 10 c.1 lett. b D.Lgs. 150/2009 (di norma entro il 30 giugno)",
        f.relazione.as_ref(),
        true,
        String::new(),
        "risultati",
    );
    b.act_step(
        "validazione",
        "Relazione validata dal Nucleo di valutazione",
        "art. 14 c.4 lett. c e c.6 D.Lgs. 150/2009: senza validazione non si paga",
        f.validation.as_ref(),
        true,
        String::new(),
        "risultati",
    );
    let note = match &f.evaluation_proposal {
        Some(p) => format!("proposta dal Nucleo: {}", act_text(p)),
        None => String::new(),
    };
    b.act_step(
        "valutazione",
        "Valutazioni proposte dal Nucleo e assegnate",
        "art. 14 c.4 lett. e e art. 9 D.Lgs. 150/2009",
        f.evaluation_assigned.as_ref(),
        true,
        note,
        "valutazione",
    );

    // Conciliation: the window after each scheda is handed over.
    let (status, note) = if f.schede == 0 {
        (
            Status::NotApplicable,
            "nessuna scheda nell'anno".to_string(),
        )
    } else if f.handed_over == 0 {
        (
            Status::Due,
            "le schede non sono ancora consegnate".to_string(),
        )
    } else if f.reviews_open == 0 && f.handed_over == f.schede {
        (Status::Done, "tutte le schede sono definitive".to_string())
    } else {
        (
            Status::Due,
            format!(
                "{} schede consegnate su {}, {} non ancora definitive",
                f.handed_over, f.schede, f.reviews_open
            ),
        )
    };
    b.steps.push(Step {
        key: "conciliazione".into(),
        title: "Conciliazione: richieste di riesame".into(),
        law: "art. 7 c.2-bis D.Lgs. 150/2009".into(),
        status,
        due: f.review_until,
        due_set: false,
        done_on: None,
        act: String::new(),
        note,
        screen: "valutazione",
    });
    b.act_step(
        "pagamento",
        "Retribuzione di risultato liquidata (determina)",
        "CCNL Funzioni Locali 16/11/2022 art. 17; dopo la validazione (art. 14 c.6)",
        f.paid.as_ref(),
        true,
        String::new(),
        "valutazione",
    );
    b.steps
}

/// The steps to look at first: the late ones, then those due within 30 days, by date.
pub fn urgent(steps: &[Step], today: NaiveDate) -> Vec<&Step> {
    let soon = today + Days::new(30);
    let mut out: Vec<&Step> = steps
        .iter()
        .filter(|s| {
            s.status == Status::Late
                || (s.status == Status::Due && s.due.is_some_and(|d| d <= soon))
        })
        .collect();
    out.sort_by_key(|s| (s.status != Status::Late, s.due));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn act(n: &str, d: &str) -> Act {
        Act {
            body: "Giunta dell'Unione".into(),
            number: n.into(),
            date: d.into(),
        }
    }

    fn status(steps: &[Step], key: &str) -> Status {
        steps.iter().find(|s| s.key == key).expect(key).status
    }

    #[test]
    fn an_approved_plan_never_monitored_is_late_at_the_end_of_september() {
        let f = Facts {
            year: 2020,
            weights_valid: true,
            approval: Some(act("12", "2020-02-15")),
            results_missing: Some(15),
            ..Facts::default()
        };
        let s = steps(&f, date(2020, 10, 15));
        assert_eq!(status(&s, "approvazione"), Status::Done);
        assert_eq!(status(&s, "monitoraggio-1"), Status::Late);
        assert_eq!(status(&s, "monitoraggio-2"), Status::Late);
        assert_eq!(status(&s, "variazioni"), Status::Due);
        assert_eq!(status(&s, "risultati"), Status::Due);
        // The PIAO was due by 31 January: late, and first among the urgent.
        assert_eq!(status(&s, "piao"), Status::Late);
        let u = urgent(&s, date(2020, 10, 15));
        assert!(u.iter().all(|s| s.status == Status::Late));
        assert_eq!(u[0].key, "piao");
    }

    #[test]
    fn the_office_sets_its_own_dates_and_a_recorded_date_covers_the_planned_one() {
        let f = Facts {
            year: 2020,
            weights_valid: true,
            approval: Some(act("12", "2020-02-15")),
            monitoring: vec![Monitoring {
                date: date(2020, 7, 10),
                missing: 2,
            }],
            deadlines: vec![("monitoraggio-2".into(), date(2020, 11, 15))],
            ..Facts::default()
        };
        let s = steps(&f, date(2020, 10, 15));
        let m1 = s.iter().find(|s| s.key == "monitoraggio-1").unwrap();
        assert_eq!(
            (m1.status, m1.done_on),
            (Status::Done, Some(date(2020, 7, 10)))
        );
        assert_eq!(m1.note, "mancano 2 schede");
        let m2 = s.iter().find(|s| s.key == "monitoraggio-2").unwrap();
        assert_eq!((m2.status, m2.due_set), (Status::Due, true));
        assert_eq!(m2.title, "Monitoraggio 2 al 15/11/2020");
    }

    #[test]
    fn variations_are_never_late_and_a_year_without_schede_has_no_conciliation() {
        let f = Facts {
            year: 2020,
            ..Facts::default()
        };
        let s = steps(&f, date(2021, 1, 10));
        assert_eq!(status(&s, "variazioni"), Status::NotApplicable);
        assert_eq!(status(&s, "conciliazione"), Status::NotApplicable);
        assert_eq!(status(&s, "preparazione"), Status::Late);
    }
}
