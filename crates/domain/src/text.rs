//! Text as typed and numbers as printed: the checks every typed field passes (length,
//! control characters, a plausible year) and hundredths written the Italian way. The floor
//! under the model and the indicators alike.

use crate::error::{Error, Result};

/// Earliest and latest year a plan may cover: wide enough for any real plan, narrow enough
/// to catch a typo such as 20200.
pub const MIN_YEAR: i32 = 2000;
pub const MAX_YEAR: i32 = 2100;
/// Longest text accepted in one field; the annex cell of the real plan holds about 600.
pub const MAX_TEXT_CHARS: usize = 4000;

/// Formats hundredths the Italian way, dropping useless decimals: 9000 → "90", 1250 → "12,5".
pub fn format_hundredths(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let v = value.unsigned_abs();
    let (whole, frac) = (v / 100, v % 100);
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole},{}", f / 10),
        f => format!("{sign}{whole},{f:02}"),
    }
}

/// Trims outer blanks only (the text is the authority's, typos included) and checks length.
pub fn clean_text(field: &'static str, label: &str, text: &str, required: bool) -> Result<String> {
    let t = text.trim();
    if required && t.is_empty() {
        return Err(Error::invalid(
            field,
            format!("Il campo «{label}» è obbligatorio."),
        ));
    }
    if t.chars().count() > MAX_TEXT_CHARS {
        return Err(Error::invalid(
            field,
            format!("Il campo «{label}» è troppo lungo: al massimo {MAX_TEXT_CHARS} caratteri."),
        ));
    }
    if t.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(Error::invalid(
            field,
            format!("Il campo «{label}» contiene caratteri di controllo non stampabili: cancellali e riscrivi il testo."),
        ));
    }
    Ok(t.to_string())
}

pub fn check_year(field: &'static str, year: i32) -> Result<i32> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(Error::invalid(
            field,
            format!("L'anno {year} non è plausibile: indica un anno tra {MIN_YEAR} e {MAX_YEAR}."),
        ))
    }
}

/// Why a percentage as typed is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Percent {
    Empty,
    Negative,
    NotANumber,
    TooManyDecimals,
    OverHundred,
}

/// The refusals of a percentage in the words of the field it fills, `{shown}` standing for
/// the text as typed: one reading (`parse_percent`), each field its own messages.
pub struct PercentWords {
    pub field: &'static str,
    pub empty: &'static str,
    pub negative: &'static str,
    pub not_a_number: &'static str,
    pub too_many_decimals: &'static str,
    pub over_hundred: &'static str,
}

impl PercentWords {
    /// `text` as a percentage in hundredths, or the refusal in these words.
    pub fn parse(&self, text: &str) -> crate::error::Result<u32> {
        parse_percent(text).map_err(|why| {
            let words = match why {
                Percent::Empty => self.empty,
                Percent::Negative => self.negative,
                Percent::NotANumber => self.not_a_number,
                Percent::TooManyDecimals => self.too_many_decimals,
                Percent::OverHundred => self.over_hundred,
            };
            crate::error::Error::invalid(self.field, words.replace("{shown}", text.trim()))
        })
    }
}

/// A percentage as typed (`30`, `12,5`, `12.5`, `,5`, optionally with `%`) in hundredths,
/// between 0 and 100: the one reading of numbers that weights and achievements share.
pub fn parse_percent(text: &str) -> std::result::Result<u32, Percent> {
    let t = text.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return Err(Percent::Empty);
    }
    if t.starts_with('-') {
        return Err(Percent::Negative);
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    let (int, frac) = match t.find([',', '.']) {
        Some(i) => (&t[..i], &t[i + 1..]),
        None => (t, ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return Err(Percent::NotANumber);
    }
    if frac.len() > 2 {
        return Err(Percent::TooManyDecimals);
    }
    // Leading zeros and absurd lengths: anything over three integer digits is > 100.
    let int = int.trim_start_matches('0');
    if int.len() > 3 {
        return Err(Percent::OverHundred);
    }
    let whole: u32 = if int.is_empty() {
        0
    } else {
        int.parse().unwrap_or(u32::MAX)
    };
    let cents: u32 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().unwrap_or(0)
    };
    let value = whole.saturating_mul(100).saturating_add(cents);
    if value > 10_000 {
        return Err(Percent::OverHundred);
    }
    Ok(value)
}

/// Lower-case, accents off, blanks collapsed: how a person compares two names.
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars() {
        let base = match c {
            'à' | 'á' | 'À' | 'Á' => 'a',
            'è' | 'é' | 'È' | 'É' => 'e',
            'ì' | 'í' | 'Ì' | 'Í' => 'i',
            'ò' | 'ó' | 'Ò' | 'Ó' => 'o',
            'ù' | 'ú' | 'Ù' | 'Ú' => 'u',
            c => c,
        };
        if base.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.extend(base.to_lowercase());
        }
    }
    out
}

/// The first `chars` characters of a text, with "…" when there were more: how a message quotes
/// a long description.
pub fn shorten(text: &str, chars: usize) -> String {
    let mut t: String = text.chars().take(chars).collect();
    if t.len() < text.len() {
        t.push('…');
    }
    t
}

/// A calendar date written as numbers in the code (a law's deadline, a test's day); one that
/// cannot exist is a bug, not input.
pub(crate) fn ymd(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a valid calendar date")
}
