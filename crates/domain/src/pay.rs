//! The rules of law on a manager's result pay, apart from the score that the evaluation
//! computes: the payment-timeliness quota (art. 4-bis DL 13/2023) and the *indicatore di
//! ritardo annuale* it is decided on, the ad interim increase (CCNL Funzioni Locali
//! 16/11/2022 art. 17 c.5), an incarico held for part of the year, and money as an Italian
//! office reads and writes it. Pure computation; amounts are integer cents.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::AreaId;
use crate::model::{clean_text, format_hundredths, name_key, parse_percent};

/// The first year whose result pay must depend on payment timeliness (art. 4-bis DL 13/2023,
/// conv. L. 41/2023: "a decorrere dall'anno 2024").
pub const TIMELINESS_FIRST_YEAR: i32 = 2024;
/// "in misura non inferiore al 30 per cento" (art. 4-bis c.2 DL 13/2023), hundredths.
pub const TIMELINESS_MIN: u32 = 3000;
/// The ad interim increase: "dal 15% al 25%" of the position's value (CCNL Funzioni Locali
/// 16/11/2022 art. 17 c.5), hundredths.
pub const INTERIM_MIN: u32 = 1500;
pub const INTERIM_MAX: u32 = 2500;

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
    crate::indicators::parse_amount(t)
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

/// `amount × num / den`, rounded half up once, in cents.
pub fn scale(amount: i64, num: i128, den: i128) -> i64 {
    if den == 0 {
        return 0;
    }
    let v = i128::from(amount) * num;
    ((v * 2 + den).div_euclid(den * 2)) as i64
}

/// A date as typed for a field, or the field's Italian message.
fn date_of(field: &'static str, label: &str, text: &str, example: &str) -> Result<NaiveDate> {
    crate::indicators::parse_date(text).ok_or_else(|| {
        Error::invalid(
            field,
            format!(
                "{label}: «{}» non è una data valida, scrivi per esempio {example}.",
                text.trim()
            ),
        )
    })
}

fn year_days(year: i32) -> i64 {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("a year");
    let next = NaiveDate::from_ymd_opt(year + 1, 1, 1).expect("a year");
    (next - first).num_days()
}

/// Days from `from` to `to`, both included.
pub fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days() + 1
}

// ---------------------------------------------------------------------------------------
// Payment timeliness

/// How the evaluation system meets the 30% of art. 4-bis DL 13/2023.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TimelinessMode {
    /// A dedicated quota of the result pay, paid when the *indicatore di ritardo annuale* is
    /// met (≤ 0 days) and not paid when it is missed (the default: the reading of the RGS–DFP
    /// circular n. 1 of 3/1/2024).
    #[default]
    Quota,
    /// The timeliness objective sits inside the organisational results: the share of the pay
    /// that truly depends on it (component weight × the objective's weight in the area) must
    /// reach 30%.
    Risultati,
}

impl TimelinessMode {
    pub fn as_str(self) -> &'static str {
        match self {
            TimelinessMode::Quota => "quota",
            TimelinessMode::Risultati => "risultati",
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        match name_key(text).as_str() {
            "" | "quota" | "quota dedicata" => Ok(TimelinessMode::Quota),
            "risultati" | "nei risultati" | "obiettivo" => Ok(TimelinessMode::Risultati),
            other => Err(Error::invalid(
                "timeliness",
                format!("Tempestività dei pagamenti: «{other}» non è una regola prevista, scrivi «quota» (quota dedicata della retribuzione) o «risultati» (obiettivo dentro la performance organizzativa)."),
            )),
        }
    }
}

/// Graduation of the timeliness quota by days of delay: (up to these days, share of the
/// quota paid, hundredths), ascending. Empty: all (≤ 0 days) or nothing.
pub type Graduation = Vec<(i32, u32)>;

/// "5:50; 15:20": up to 5 days late half the quota, up to 15 a fifth, beyond nothing.
pub fn parse_graduation(text: &str) -> Result<Graduation> {
    let mut out: Graduation = Vec::new();
    for part in text.split([';', ',', '\n']).map(str::trim) {
        if part.is_empty() {
            continue;
        }
        let bad = || {
            Error::invalid(
                "timeliness_graduation",
                format!("Graduazione della quota di tempestività: «{part}» non è valida, scrivi i giorni di ritardo e la parte della quota pagata, es. «5:50; 15:20» (fino a 5 giorni il 50%, fino a 15 il 20%, oltre nulla)."),
            )
        };
        let (d, s) = part.split_once(':').ok_or_else(bad)?;
        let d: i32 = d
            .trim()
            .trim_end_matches("giorni")
            .trim()
            .parse()
            .ok()
            .filter(|d| *d > 0 && *d <= 3660)
            .ok_or_else(bad)?;
        let s = parse_percent(s).map_err(|_| bad())?;
        if let Some((pd, ps)) = out.last() {
            if d <= *pd || s > *ps {
                return Err(Error::invalid(
                    "timeliness_graduation",
                    "Graduazione della quota di tempestività: i giorni devono crescere e la parte pagata non può crescere con il ritardo.",
                ));
            }
        }
        out.push((d, s));
    }
    Ok(out)
}

pub fn graduation_text(g: &Graduation) -> String {
    g.iter()
        .map(|(d, s)| format!("{d}:{}", format_hundredths((*s).into())))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The share of the timeliness quota a delay earns, hundredths: all at ≤ 0 days (the
/// indicator is met, art. 4-bis DL 13/2023; L. 145/2018 c.859 lett. b), then the
/// graduation, else nothing.
pub fn quota_earned(delay: i32, graduation: &Graduation) -> u32 {
    if delay <= 0 {
        return 10_000;
    }
    graduation
        .iter()
        .find(|(d, _)| delay <= *d)
        .map_or(0, |(_, s)| *s)
}

/// The *indicatore di ritardo annuale* of a year (from the PCC platform, L. 145/2018 c.859
/// lett. b and c.861), of the entity or of one area, with the revisore's verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delay {
    /// The area's lineage; none: the entity's.
    pub area: Option<AreaId>,
    /// Days: negative when paid early on average.
    pub days: i32,
    pub verifier: String,
    /// The act or note of the verification.
    pub verification: String,
    pub verified_on: Option<NaiveDate>,
}

impl Delay {
    /// The revisore's check is recorded: who and when.
    pub fn verified(&self) -> bool {
        !self.verifier.is_empty() && self.verified_on.is_some()
    }

    /// "+12 giorni", "-3 giorni", "0 giorni".
    pub fn days_text(&self) -> String {
        if self.days > 0 {
            format!("+{} giorni", self.days)
        } else {
            format!("{} giorni", self.days)
        }
    }
}

/// The indicator as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelayInput {
    /// Empty: the entity's indicator.
    #[serde(default)]
    pub area: Option<AreaId>,
    pub days: String,
    #[serde(default)]
    pub verifier: String,
    #[serde(default)]
    pub verification: String,
    #[serde(default)]
    pub verified_on: String,
}

impl DelayInput {
    pub fn validate(&self, year: i32) -> Result<Delay> {
        let t = self.days.trim();
        let number = t
            .trim_end_matches("giorni")
            .trim_end_matches("gg")
            .trim()
            .replace(' ', "");
        let number = number.strip_prefix('+').unwrap_or(&number);
        let days: i32 = number
            .parse()
            .ok()
            .filter(|d: &i32| (-366..=3660).contains(d))
            .ok_or_else(|| {
                Error::invalid(
                    "delay",
                    format!("Indicatore di ritardo annuale: «{t}» non è un numero di giorni, scrivi per esempio 12 (giorni di ritardo medio) oppure -3 (in anticipo), come lo dà la Piattaforma dei crediti commerciali."),
                )
            })?;
        let verifier = clean_text("verifier", "Revisore", &self.verifier, false)?;
        let verification = clean_text(
            "verification",
            "Atto o nota della verifica",
            &self.verification,
            false,
        )?;
        let verified_on = match self.verified_on.trim() {
            "" => None,
            t => {
                let d = date_of(
                    "verified_on",
                    "Data della verifica",
                    t,
                    &format!("20/02/{}", year + 1),
                )?;
                if d.year() <= year {
                    return Err(Error::invalid(
                        "verified_on",
                        format!("Data della verifica: l'indicatore annuale del {year} si verifica dopo la fine dell'anno ({}).", d.format("%d/%m/%Y")),
                    ));
                }
                Some(d)
            }
        };
        if verified_on.is_some() && verifier.is_empty() {
            return Err(Error::invalid(
                "verifier",
                "Indica chi ha verificato l'indicatore (il revisore o l'organo di revisione, art. 4-bis DL 13/2023).",
            ));
        }
        if !verifier.is_empty() && verified_on.is_none() {
            return Err(Error::invalid(
                "verified_on",
                "Indica la data della verifica del revisore.",
            ));
        }
        Ok(Delay {
            area: self.area,
            days,
            verifier,
            verification,
            verified_on,
        })
    }
}

// ---------------------------------------------------------------------------------------
// Ad interim and part-year incarico

/// A vacant position covered ad interim (CCNL Funzioni Locali 16/11/2022 art. 17 c.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interim {
    /// The position covered, e.g. "Area Servizi Tecnici".
    pub post: String,
    /// The position's value (retribuzione di posizione) for a whole year, cents.
    pub value: i64,
    /// Hundredths, 15–25%.
    pub percent: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Interim {
    /// Days covered in the year.
    pub fn days(&self) -> i64 {
        days(self.from, self.to)
    }

    /// value × percent × days / days of the year, rounded once.
    pub fn amount(&self) -> i64 {
        let year = self.from.year();
        scale(
            self.value,
            i128::from(self.percent) * i128::from(self.days()),
            10_000 * i128::from(year_days(year)),
        )
    }

    pub fn to_input(&self) -> InterimInput {
        InterimInput {
            post: self.post.clone(),
            value: euros(self.value),
            percent: format_hundredths(self.percent.into()),
            from: self.from.format("%d/%m/%Y").to_string(),
            to: self.to.format("%d/%m/%Y").to_string(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterimInput {
    pub post: String,
    pub value: String,
    pub percent: String,
    pub from: String,
    pub to: String,
}

impl InterimInput {
    pub fn is_empty(&self) -> bool {
        [&self.post, &self.value, &self.percent, &self.from, &self.to]
            .iter()
            .all(|t| t.trim().is_empty())
    }

    pub fn validate(&self, year: i32) -> Result<Interim> {
        let post = clean_text("interim", "Posizione coperta ad interim", &self.post, true)?;
        let value = parse_euros(
            "interim",
            "Valore della posizione coperta ad interim",
            &self.value,
        )?;
        if value == 0 {
            return Err(Error::invalid(
                "interim",
                "Valore della posizione coperta ad interim: indica la retribuzione di posizione annua di quella posizione.",
            ));
        }
        let percent = parse_percent(&self.percent)
            .ok()
            .filter(|p| (INTERIM_MIN..=INTERIM_MAX).contains(p))
            .ok_or_else(|| {
                Error::invalid(
                    "interim",
                    format!(
                        "Interim «{post}»: la maggiorazione «{}» non è ammessa, deve stare tra il 15% e il 25% del valore della posizione (CCNL Funzioni Locali 16/11/2022 art. 17 c.5).",
                        self.percent.trim()
                    ),
                )
            })?;
        let example = format!("01/03/{year}");
        let from = date_of("interim", "Inizio dell'interim", &self.from, &example)?;
        let to = date_of("interim", "Fine dell'interim", &self.to, &example)?;
        if to < from {
            return Err(Error::invalid(
                "interim",
                format!(
                    "Interim «{post}»: finisce il {} prima di cominciare il {}, controlla le date.",
                    to.format("%d/%m/%Y"),
                    from.format("%d/%m/%Y")
                ),
            ));
        }
        if from.year() != year || to.year() != year {
            return Err(Error::invalid(
                "interim",
                format!("Interim «{post}»: le date devono cadere nel {year}, l'anno valutato (un interim a cavallo d'anno si divide sulle due schede)."),
            ));
        }
        Ok(Interim {
            post,
            value,
            percent,
            from,
            to,
        })
    }
}

/// An incarico held for part of the year: from, to (both included), as typed.
pub fn incarico(year: i32, from: &str, to: &str) -> Result<Option<(NaiveDate, NaiveDate)>> {
    if from.trim().is_empty() && to.trim().is_empty() {
        return Ok(None);
    }
    let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("a year");
    let last = NaiveDate::from_ymd_opt(year, 12, 31).expect("a year");
    let example = format!("01/03/{year}");
    let f = if from.trim().is_empty() {
        first
    } else {
        date_of("incarico", "Inizio dell'incarico", from, &example)?
    };
    let t = if to.trim().is_empty() {
        last
    } else {
        date_of("incarico", "Fine dell'incarico", to, &example)?
    };
    if t < f {
        return Err(Error::invalid(
            "incarico",
            format!(
                "L'incarico finisce il {} prima di cominciare il {}: controlla le date.",
                t.format("%d/%m/%Y"),
                f.format("%d/%m/%Y")
            ),
        ));
    }
    if f < first || t > last {
        return Err(Error::invalid(
            "incarico",
            format!("Le date dell'incarico devono cadere nel {year}, l'anno valutato."),
        ));
    }
    Ok((f != first || t != last).then_some((f, t)))
}

/// The maximum pay for the days of the incarico: max × days / days of the year.
pub fn pro_rata(max: i64, incarico: Option<(NaiveDate, NaiveDate)>) -> i64 {
    match incarico {
        Some((f, t)) => scale(max, days(f, t).into(), year_days(f.year()).into()),
        None => max,
    }
}

// ---------------------------------------------------------------------------------------
// The publication's distribution

/// Groups of bands for publication (art. 20 D.Lgs. 33/2013 asks for the distribution "in
/// forma aggregata"): each band holding 1 or 2 people is merged with its neighbour until
/// every group holds none or at least 3, so that nobody is identifiable. In: per band
/// (label, count); out: (label, count, merged) per group.
pub fn merged_bands(bands: &[(String, usize)]) -> Vec<(String, usize, bool)> {
    // Groups as ranges of band indexes.
    let mut groups: Vec<(usize, usize, usize)> = bands
        .iter()
        .enumerate()
        .map(|(i, (_, n))| (i, i, *n))
        .collect();
    while let Some(i) = groups.iter().position(|g| (1..3).contains(&g.2)) {
        if groups.len() == 1 {
            break;
        }
        // Merge with the smaller neighbour that has people; the next one when equal.
        let j = match (i.checked_sub(1), (i + 1 < groups.len()).then_some(i + 1)) {
            (Some(p), Some(n)) => {
                let (pn, nn) = (groups[p].2, groups[n].2);
                if nn == 0 && pn > 0 {
                    p
                } else if pn == 0 && nn > 0 {
                    n
                } else if pn < nn {
                    p
                } else {
                    n
                }
            }
            (Some(p), None) => p,
            (None, Some(n)) => n,
            (None, None) => break,
        };
        let (a, b) = (i.min(j), i.max(j));
        let merged = (groups[a].0, groups[b].1, groups[a].2 + groups[b].2);
        groups[a] = merged;
        groups.remove(b);
    }
    groups
        .into_iter()
        .map(|(a, b, n)| {
            let label = if a == b {
                bands[a].0.clone()
            } else {
                format!("{} … {}", bands[a].0, bands[b].0)
            };
            (label, n, a != b)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interim_of_the_issue_to_the_cent() {
        // 9.000 × 20% × 120/365 = 591,78 (2025 has 365 days).
        let i = InterimInput {
            post: "Area Servizi Tecnici".into(),
            value: "9.000".into(),
            percent: "20".into(),
            from: "01/03/2025".into(),
            to: "28/06/2025".into(),
        }
        .validate(2025)
        .unwrap();
        assert_eq!(i.days(), 120);
        assert_eq!(i.amount(), 59_178);
    }

    #[test]
    fn the_quota_is_earned_by_the_delay() {
        assert_eq!(quota_earned(0, &Vec::new()), 10_000);
        assert_eq!(quota_earned(-3, &Vec::new()), 10_000);
        assert_eq!(quota_earned(1, &Vec::new()), 0);
        let g = parse_graduation("5:50; 15:20").unwrap();
        assert_eq!(quota_earned(5, &g), 5_000);
        assert_eq!(quota_earned(12, &g), 2_000);
        assert_eq!(quota_earned(16, &g), 0);
        assert!(parse_graduation("15:50; 5:20").is_err());
        assert!(parse_graduation("5:20; 15:50").is_err());
        assert!(parse_graduation("cinque:20").is_err());
    }

    #[test]
    fn small_bands_are_merged() {
        let b = |v: &[usize]| -> Vec<(String, usize)> {
            v.iter()
                .enumerate()
                .map(|(i, n)| (format!("f{i}"), *n))
                .collect()
        };
        let counts =
            |v: Vec<(String, usize, bool)>| v.into_iter().map(|(_, n, _)| n).collect::<Vec<_>>();
        assert_eq!(counts(merged_bands(&b(&[0, 4, 1]))), [0, 5]);
        assert_eq!(counts(merged_bands(&b(&[3, 0, 3]))), [3, 0, 3]);
        assert_eq!(counts(merged_bands(&b(&[1, 1, 1]))), [3]);
        assert_eq!(counts(merged_bands(&b(&[0, 0, 2]))), [2]);
        let m = merged_bands(&b(&[0, 4, 1]));
        assert_eq!(m[1], ("f1 … f2".to_string(), 5, true));
        assert!(!m[0].2);
    }
}
