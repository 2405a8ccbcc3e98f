//! `piano pdf`: the annex; the final one only for a valid plan, else a draft on request.

use clap::Args;
use piano::domain::rules;

use super::{exit, usage, version_of, write_file, Context, Failure, COMMAND_TEMPLATE};

/// stampa l'allegato in PDF; un piano non valido si stampa solo come bozza (--draft)
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano pdf PIANO --out FILE.pdf [--draft] [--no-page-per-area] [--targets] [--dup]",
    long_about = "Stampa l'allegato del piano in PDF (A4 orizzontale).\nSenza --draft un piano con pesi errati è rifiutato (uscita 1) con i motivi;\ncon --draft si ottiene una BOZZA con i problemi elencati nella prima pagina.\n--no-page-per-area: le aree si susseguono senza iniziare ognuna una nuova pagina.\n--targets: l'allegato «con i target», con sotto ogni indicatore i target per anno.\n--dup: l'allegato «con il collegamento al DUP», con sotto ogni descrizione l'obiettivo operativo,\nla Missione e il Programma."
)]
pub struct Pdf {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// il file PDF da scrivere
    #[arg(long, value_name = "FILE.pdf", help_heading = "Opzioni")]
    out: Option<String>,
    /// stampa una BOZZA, anche se i pesi non sono corretti
    #[arg(long, help_heading = "Opzioni")]
    draft: bool,
    /// le aree si susseguono senza iniziare ognuna una nuova pagina
    #[arg(long, help_heading = "Opzioni")]
    no_page_per_area: bool,
    /// sotto ogni indicatore, i target dell'anno dei suoi indicatori misurabili
    #[arg(long, help_heading = "Opzioni")]
    targets: bool,
    /// sotto ogni descrizione, l'obiettivo operativo del DUP con Missione e Programma
    #[arg(long, help_heading = "Opzioni")]
    dup: bool,
    /// una versione precedente del piano (vedi «piano versions»); altrimenti l'ultima
    #[arg(long, value_name = "N", help_heading = "Opzioni")]
    plan_version: Option<i64>,
}

pub fn pdf(ctx: &Context, c: Pdf) -> Result<u8, Failure> {
    let out = c
        .out
        .ok_or_else(|| usage("Indica il file da scrivere con --out FILE.pdf."))?;
    let store = ctx.open()?;
    let id = version_of(&store, &c.plan, c.plan_version)?;
    let plan = store.load(id)?;
    let report = piano::check(&plan);
    if !c.draft && !report.is_valid() {
        let mut msg = String::from(
            "Il piano ha problemi di pesi e non può essere stampato come allegato definitivo:\n",
        );
        for p in report
            .problems
            .iter()
            .filter(|p| p.severity == rules::Severity::Error)
        {
            msg.push_str(&format!("  - {}\n", p.message));
        }
        msg.push_str("Correggi i pesi, oppure stampa una bozza con --draft.");
        return Err(Failure(exit::INVALID, msg));
    }
    let options = piano::formats::pdf::Options {
        draft: c.draft,
        page_per_area: !c.no_page_per_area,
        targets: c.targets,
        dup: c.dup,
        ..Default::default()
    };
    let bytes = piano::formats::pdf::render(&plan, &report, &options)?;
    write_file(&out, &bytes)?;
    Ok(exit::OK)
}
