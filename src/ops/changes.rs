//! Comparing two versions of a plan: which versions, read from the store, compared by
//! `domain::changes`.

use super::Recording;
use crate::domain::changes::{compare, Changes};
use crate::domain::results::YearResults;
use crate::domain::versions::Act;
use crate::error::{Error, Result};
use crate::store::Store;

pub trait Comparing {
    /// The changes from version `from` to version `to` of a plan; by default the latest
    /// version against the one before it.
    fn changes(&self, plan_id: i64, from: Option<i64>, to: Option<i64>) -> Result<Changes>;
    /// The variations approved by acts dated in `year`, each with what it changed in short
    /// (the Relazione reports them: art. 6 and art. 10 D.Lgs. 150/2009).
    fn year_variations(&self, plan_id: i64, year: i32) -> Result<Vec<(Act, String)>>;
    /// The year's results as the results annex prints them, with the year's variations.
    fn results_report(&self, plan_id: i64, year: i32) -> Result<YearResults>;
}

impl Comparing for Store {
    fn changes(&self, plan_id: i64, from: Option<i64>, to: Option<i64>) -> Result<Changes> {
        let versions = self.versions(plan_id)?;
        let to = match to {
            Some(v) => self.version_id(plan_id, v)?,
            None => versions.last().map_or(plan_id, |v| v.plan_id),
        };
        let to_info = self.version_info(to)?;
        let from = match from {
            Some(v) => self.version_id(plan_id, v)?,
            None => versions
                .iter()
                .rev()
                .find(|v| v.version < to_info.version)
                .map(|v| v.plan_id)
                .ok_or_else(|| {
                    Error::invalid(
                        "version",
                        "Il piano ha una sola versione: non c'è nulla con cui confrontarla. Avvia una variazione per avere le modifiche.",
                    )
                })?,
        };
        let (old, new) = (self.load(from)?, self.load(to)?);
        let (cells, texts) = compare(&old, &self.lineage(from)?, &new, &self.lineage(to)?);
        Ok(Changes {
            from: self.version_info(from)?,
            to: to_info,
            cells,
            texts,
        })
    }

    fn year_variations(&self, plan_id: i64, year: i32) -> Result<Vec<(Act, String)>> {
        let versions = self.versions(plan_id)?;
        let mut out = Vec::new();
        for pair in versions.windows(2) {
            let (before, after) = (&pair[0], &pair[1]);
            let Some(act) = &after.act else { continue };
            if !act.date.starts_with(&format!("{year}-")) {
                continue;
            }
            let changes = self.changes(plan_id, Some(before.version), Some(after.version))?;
            out.push((act.clone(), changes.summary()));
        }
        Ok(out)
    }

    fn results_report(&self, plan_id: i64, year: i32) -> Result<YearResults> {
        let mut y = self.year_results(plan_id, year)?;
        y.variations = self.year_variations(plan_id, year)?;
        Ok(y)
    }
}
