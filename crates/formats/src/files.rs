//! A file by its extension: the one place that says which reader or writer a plan file goes
//! through, for both front ends (`piano import`/`export` and the app's dialogs).

use std::path::Path;

use crate::import::Preview;
use crate::sheet::SheetRow;
use crate::{
    evaluation_sheet, individual_sheet, json, monitor_sheet, pdf, results_sheet, sheet, workbook,
};
use piano_domain::changes::Changes;
use piano_domain::error::{Error, Result};
use piano_domain::evaluation::Evaluation;
use piano_domain::model::FullPlan;
use piano_domain::monitoring::Monitor;
use piano_domain::results::YearResults;
use piano_domain::rules;

/// A file name's extension, lower-cased ("" when it has none).
pub fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// The extensions of the sheets the imports read: text and workbooks.
pub const SHEETS: &[&str] = &["csv", "txt", "xlsx", "xls", "ods"];
/// The files a new plan is imported from: the sheets and a plan's JSON copy.
pub const PLAN_FILES: &[&str] = &["csv", "txt", "xlsx", "xls", "ods", "json"];

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

/// The file types the year's documents are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Pdf,
    Csv,
    Xlsx,
}

impl FileType {
    pub fn extension(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Csv => "csv",
            FileType::Xlsx => "xlsx",
        }
    }

    /// The save dialog's name for the file type.
    pub fn label(self) -> &'static str {
        match self {
            FileType::Pdf => "PDF",
            FileType::Csv => "CSV",
            FileType::Xlsx => "Excel",
        }
    }
}

/// A document of the year, to be written in one of the file types it comes in: one place
/// that says which writer each goes through, for the command line and the app alike.
#[derive(Debug, Clone, Copy)]
pub enum Document<'a> {
    /// The monitoring sheet sent to the managers, to fill in.
    MonitorSheet(&'a Monitor),
    /// The monitoring report for the Nucleo.
    MonitorReport(&'a Monitor),
    /// The results sheet sent to the managers, to fill in.
    ResultsSheet(&'a YearResults),
    /// The results annex (PDF) or the publication table (CSV, XLSX); `years` are the plan's.
    ResultsReport {
        results: &'a YearResults,
        years: (i32, i32),
        draft: bool,
    },
    /// The schede di assegnazione, handed over in January (`results`: the year's objectives).
    Assignment {
        evaluation: &'a Evaluation,
        results: &'a YearResults,
    },
    /// The managers' schede di valutazione.
    Schede(&'a Evaluation),
    /// The managers' individual objectives, to fill in at the end.
    IndividualSheet(&'a Evaluation),
    /// The evaluation's summary for the determina.
    EvaluationSummary(&'a Evaluation),
    /// The evaluation's table for Amministrazione trasparente.
    EvaluationPublication(&'a Evaluation),
    /// The DUP's tree as the sheet `piano dup-import` reads (`plan`'s areas name the areas).
    DupSheet(&'a FullPlan),
    /// The «Albero della performance» (PDF).
    DupTree(&'a FullPlan),
    /// The change annex (PDF, over the later version `plan`) or the change sheet (CSV).
    Changes {
        plan: &'a FullPlan,
        changes: &'a Changes,
    },
}

impl Document<'_> {
    /// The file types the document comes in, the usual one first.
    pub fn types(&self) -> &'static [FileType] {
        use FileType::*;
        match self {
            Document::MonitorSheet(_)
            | Document::ResultsSheet(_)
            | Document::IndividualSheet(_)
            | Document::DupSheet(_) => &[Xlsx, Csv],
            Document::MonitorReport(_) | Document::ResultsReport { .. } => &[Pdf, Csv, Xlsx],
            Document::Assignment { .. } | Document::Schede(_) | Document::DupTree(_) => &[Pdf],
            Document::EvaluationSummary(_) => &[Pdf, Xlsx],
            Document::EvaluationPublication(_) => &[Csv, Xlsx],
            Document::Changes { .. } => &[Pdf, Csv],
        }
    }

    /// The type an extension or a name ("pdf", "XLSX") names, when the document comes in it;
    /// else an Italian refusal that lists the ones it does.
    pub fn file_type(&self, name: &str) -> Result<FileType> {
        let name = name.trim().trim_start_matches('.').to_lowercase();
        match self.types().iter().find(|t| t.extension() == name) {
            Some(t) => Ok(*t),
            None => Err(self.refusal(&name)),
        }
    }

    /// "Formato «odt» non previsto: usa .pdf, .csv o .xlsx."
    fn refusal(&self, name: &str) -> Error {
        let names: Vec<String> = self
            .types()
            .iter()
            .map(|t| format!(".{}", t.extension()))
            .collect();
        let list = match names.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} o {last}", rest.join(", ")),
            None => String::new(),
        };
        let what = match self {
            Document::EvaluationSummary(_) => " per il riepilogo",
            Document::EvaluationPublication(_) => " per la pubblicazione",
            _ => "",
        };
        Error::invalid(
            "format",
            format!("Formato «{name}» non previsto{what}: usa {list}."),
        )
    }

    /// The document's bytes in `t` (refused as by `file_type` if it does not come in it).
    pub fn write(&self, t: FileType) -> Result<Vec<u8>> {
        use FileType::*;
        match (self, t) {
            (Document::MonitorSheet(m), Csv) => monitor_sheet::to_csv(m),
            (Document::MonitorSheet(m), Xlsx) => monitor_sheet::to_xlsx(m),
            (Document::MonitorReport(m), Pdf) => pdf::monitoring::render(m),
            (Document::MonitorReport(m), Csv) => monitor_sheet::report_csv(m),
            (Document::MonitorReport(m), Xlsx) => monitor_sheet::report_xlsx(m),
            (Document::ResultsSheet(y), Csv) => results_sheet::to_csv(y),
            (Document::ResultsSheet(y), Xlsx) => results_sheet::to_xlsx(y),
            (
                Document::ResultsReport {
                    results,
                    years,
                    draft,
                },
                Pdf,
            ) => pdf::results::render(results, years.0, years.1, *draft),
            (Document::ResultsReport { results, .. }, Csv) => {
                results_sheet::publication_csv(results)
            }
            (Document::ResultsReport { results, .. }, Xlsx) => {
                results_sheet::publication_xlsx(results)
            }
            (
                Document::Assignment {
                    evaluation,
                    results,
                },
                Pdf,
            ) => pdf::evaluation::render_assignment(evaluation, results),
            (Document::Schede(e), Pdf) => pdf::evaluation::render_schede(e),
            (Document::IndividualSheet(e), Csv) => individual_sheet::to_csv(e),
            (Document::IndividualSheet(e), Xlsx) => individual_sheet::to_xlsx(e),
            (Document::EvaluationSummary(e), Pdf) => pdf::evaluation::render_summary(e),
            (Document::EvaluationSummary(e), Xlsx) => evaluation_sheet::summary_xlsx(e),
            (Document::EvaluationPublication(e), Csv) => evaluation_sheet::publication_csv(e),
            (Document::EvaluationPublication(e), Xlsx) => evaluation_sheet::publication_xlsx(e),
            (Document::DupSheet(p), Csv) => crate::dup_sheet::to_csv(&p.dup, &p.areas),
            (Document::DupSheet(p), Xlsx) => crate::dup_sheet::to_xlsx(&p.dup, &p.areas),
            (Document::DupTree(p), Pdf) => pdf::tree::render(p),
            (Document::Changes { plan, changes }, Pdf) => pdf::changes::render(plan, changes),
            (Document::Changes { changes, .. }, Csv) => crate::changes::to_csv(changes),
            (_, t) => Err(self.refusal(t.extension())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_formats_and_sources_by_name() {
        assert_eq!(PlanFormat::named("XLSX").unwrap(), PlanFormat::Xlsx);
        assert_eq!(
            PlanFormat::named("odt").unwrap_err().to_string(),
            "Formato «odt» non previsto: usa .csv, .xlsx o .json."
        );
        assert_eq!(PlanSource::of(Path::new("a/Piano.CSV")), PlanSource::Text);
        assert_eq!(PlanSource::of(Path::new("piano.json")), PlanSource::Json);
        assert_eq!(PlanSource::of(Path::new("piano.ods")), PlanSource::Workbook);
        assert!(plan_rows(PlanSource::Json, b"{}", None)
            .unwrap_err()
            .to_string()
            .contains("una copia .json si importa come piano nuovo"));
    }
}
