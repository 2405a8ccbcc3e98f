//! `piano piao`, `piano relazione-bozza`: the drafts the office finishes in Word or Writer
//! (DOCX), or reads (PDF/A).

use clap::Args;
use piano::formats::drafts::{self, Doc};
use piano::prelude::*;

use super::{exit, plan_id, Context, Failure, COMMAND_TEMPLATE};

/// la bozza della sottosezione 2.2 «Performance» del PIAO (DOCX o PDF)
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano piao PIANO --out FILE.(docx|pdf)",
    long_about = "Scrive la bozza della sottosezione 2.2 «Performance» del PIAO (DM 132/2022 art. 3): per\narea il responsabile e gli obiettivi con tipo, peso, indicatori, valore di partenza e target\nper anno; gli obiettivi trasversali una volta; gli obiettivi di tempestività dei pagamenti\n(art. 4-bis DL 13/2023); l'albero del DUP se c'è. In .docx si completa con Word o Writer:\nogni parte da scrivere è segnata «[Da completare: …]». In .pdf è un PDF/A da leggere."
)]
pub struct Piao {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// il file da scrivere: .docx (da completare) o .pdf
    #[arg(long, value_name = "FILE", help_heading = "Opzioni")]
    out: Option<String>,
}

pub fn piao(ctx: &Context, c: Piao) -> Result<u8, Failure> {
    let out = out_of(c.out)?;
    let store = ctx.open()?;
    let doc = store.piao_draft(plan_id(&c.plan)?)?;
    write(&doc, &out)
}

/// la bozza della Relazione sulla performance dell'anno, con i grafici (DOCX o PDF)
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano relazione-bozza PIANO --year ANNO --out FILE.(docx|pdf)",
    long_about = "Scrive la bozza della Relazione sulla performance dell'anno (art. 10 c.1 lett. b D.Lgs.\n150/2009), sull'ultima versione approvata: la sintesi (punteggi delle aree, fasce, obiettivi\nraggiunti, parzialmente raggiunti e non raggiunti), i risultati per area, le variazioni\ndell'anno, i semafori del monitoraggio, la tabella aggregata della valutazione, con i grafici.\nOgni parte da scrivere è segnata «[Da completare: …]»."
)]
pub struct RelazioneBozza {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// l'anno, es. 2020
    #[arg(long, value_name = "ANNO", help_heading = "Opzioni")]
    year: Option<i32>,
    /// il file da scrivere: .docx (da completare) o .pdf
    #[arg(long, value_name = "FILE", help_heading = "Opzioni")]
    out: Option<String>,
}

pub fn relazione_bozza(ctx: &Context, c: RelazioneBozza) -> Result<u8, Failure> {
    let out = out_of(c.out)?;
    let year = c
        .year
        .ok_or_else(|| super::usage("Indica l'anno con --year, es. --year 2020."))?;
    let store = ctx.open()?;
    let doc = store.relazione_draft(plan_id(&c.plan)?, year)?;
    write(&doc, &out)
}

fn out_of(out: Option<String>) -> Result<String, Failure> {
    out.ok_or_else(|| super::usage("Indica il file da scrivere con --out FILE.docx (oppure .pdf)."))
}

fn write(doc: &Doc, out: &str) -> Result<u8, Failure> {
    let bytes = match super::extension(out).as_str() {
        "docx" => drafts::docx(doc)?,
        "pdf" => drafts::pdf(doc)?,
        other => {
            return Err(super::usage(format!(
                "Non so scrivere una bozza in formato «{other}»: usa un file .docx (da completare con Word o Writer) oppure .pdf."
            )))
        }
    };
    super::write_file(out, &bytes)?;
    let todo = doc.text().matches(drafts::PLACEHOLDER).count();
    println!("Bozza scritta in {out}: {todo} parti da completare, segnate «[Da completare: …]».");
    Ok(exit::OK)
}
