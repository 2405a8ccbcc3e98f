//! A file by its extension: the one place that says which reader or writer a plan file goes
//! through, for both front ends (`piano import`/`export` and the app's dialogs).

use std::path::Path;

use crate::import::Preview;
use crate::sheet::SheetRow;
use crate::{json, sheet, workbook};
use piano_domain::error::{Error, Result};
use piano_domain::model::FullPlan;
use piano_domain::rules;

/// A file name's extension, lower-cased ("" when it has none).
pub fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// What a file to import holds, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanSource {
    /// A flat sheet in text (.csv, .txt).
    Text,
    /// A workbook (.xlsx, .xls, .ods, or anything else: the workbook reader names the problem).
    Workbook,
    /// A complete copy of a plan (.json).
    Json,
}

impl PlanSource {
    pub fn of(path: &Path) -> PlanSource {
        match extension(path).as_str() {
            "csv" | "txt" => PlanSource::Text,
            "json" => PlanSource::Json,
            _ => PlanSource::Workbook,
        }
    }
}

/// A plan sheet's checked rows, from a text sheet or a workbook (`sheet`: which of its sheets,
/// else the one that looks like a plan), with the name of the workbook's sheet read.
pub fn plan_rows(
    source: PlanSource,
    bytes: &[u8],
    sheet_name: Option<&str>,
) -> Result<(Option<String>, Vec<SheetRow>)> {
    match source {
        PlanSource::Text => Ok((
            None,
            sheet::parse_records(&sheet::csv_records(bytes)?, "Il file")?,
        )),
        PlanSource::Workbook => {
            let (name, rows) = workbook::workbook_rows(bytes, sheet_name)?;
            Ok((Some(name), rows))
        }
        PlanSource::Json => Err(Error::SheetFormat(
            "Per aggiornare un piano usa un foglio (.csv, .xlsx, .xls, .ods); una copia .json si importa come piano nuovo.".into(),
        )),
    }
}

/// What importing a JSON copy would create.
pub fn json_preview(plan: &FullPlan) -> Preview {
    let rows = sheet::plan_rows(plan);
    Preview {
        rows: rows.len(),
        areas: plan.areas.iter().map(|a| a.name.clone()).collect(),
        periods: plan.periods.iter().map(|p| p.label.clone()).collect(),
        objectives: plan.objectives.len(),
        cross_cutting: plan.share_counts().values().filter(|&&n| n > 1).count(),
        timeliness: plan.objectives.iter().filter(|o| o.timeliness).count(),
        near_copies: Vec::new(),
        problems: Vec::new(),
    }
}

/// The formats a plan is exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormat {
    /// The flat sheet (UTF-8, «;»), one row per objective and area: it imports back.
    Csv,
    /// A workbook laid out like the annex, with the «Dati» sheet that imports back.
    Xlsx,
    /// The complete copy, that imports back identically.
    Json,
}

impl PlanFormat {
    /// By extension or name ("csv", "xlsx", "json"); anything else is refused in Italian.
    pub fn named(name: &str) -> Result<PlanFormat> {
        match name.to_lowercase().as_str() {
            "csv" => Ok(PlanFormat::Csv),
            "xlsx" => Ok(PlanFormat::Xlsx),
            "json" => Ok(PlanFormat::Json),
            other => Err(Error::invalid(
                "format",
                format!("Formato «{other}» non previsto: usa .csv, .xlsx o .json."),
            )),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            PlanFormat::Csv => "csv",
            PlanFormat::Xlsx => "xlsx",
            PlanFormat::Json => "json",
        }
    }

    /// The save dialog's name for the file type.
    pub fn label(self) -> &'static str {
        match self {
            PlanFormat::Csv => "Foglio CSV",
            PlanFormat::Xlsx => "Foglio Excel",
            PlanFormat::Json => "Copia completa del piano",
        }
    }

    /// The plan written in this format.
    pub fn write(self, plan: &FullPlan) -> Result<Vec<u8>> {
        match self {
            PlanFormat::Csv => sheet::to_csv(plan),
            PlanFormat::Xlsx => workbook::to_xlsx(plan, &rules::check(plan)),
            PlanFormat::Json => json::to_json(plan),
        }
    }
}
