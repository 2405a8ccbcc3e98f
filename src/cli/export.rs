//! `piano export`: the flat CSV sheet, the xlsx laid out like the annex, or the JSON copy.

use clap::Args;
use piano::formats::files::PlanFormat;

use super::{exit, extension, usage, version_of, write_file, Context, Failure, COMMAND_TEMPLATE};

/// esporta il piano: foglio CSV, Excel come l'allegato, o copia completa JSON
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano export PIANO --out FILE.(csv|xlsx|json)",
    long_about = ".csv: foglio piatto (UTF-8, separatore «;»), una riga per obiettivo e area;\n.xlsx: foglio Excel impaginato come l'allegato, più il foglio «Dati» reimportabile;\n.json: copia completa del piano, che si reimporta identica."
)]
pub struct Export {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// il file da scrivere: .csv, .xlsx o .json
    #[arg(long, value_name = "FILE", help_heading = "Opzioni")]
    out: Option<String>,
    /// una versione precedente del piano (vedi «piano versions»); altrimenti l'ultima
    #[arg(long, value_name = "N", help_heading = "Opzioni")]
    plan_version: Option<i64>,
}

pub fn export(ctx: &Context, c: Export) -> Result<u8, Failure> {
    let out = c.out.ok_or_else(|| {
        usage("Indica il file da scrivere con --out FILE.csv (oppure .xlsx, .json).")
    })?;
    let store = ctx.open()?;
    let id = version_of(&store, &c.plan, c.plan_version)?;
    let plan = store.load(id)?;
    let format = PlanFormat::named(&extension(&out)).map_err(|e| usage(e.to_string()))?;
    let bytes = format.write(&plan)?;
    write_file(&out, &bytes)?;
    Ok(exit::OK)
}
