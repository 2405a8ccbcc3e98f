//! `piano ciclo`: the year's cycle, step by step, with what is late; the PIAO's adoption, the
//! payment and the office's own deadlines recorded.

use clap::Args;
use piano::domain::cycle::Status;
use piano::prelude::*;

use super::{exit, plan_id, Context, Failure, COMMAND_TEMPLATE};

/// il ciclo dell'anno: ogni passo fatto, da fare o in ritardo; esce con 1 se qualcosa è in ritardo
#[derive(Args)]
#[command(
    help_template = COMMAND_TEMPLATE,
    override_usage = "piano ciclo PIANO [--year ANNO] [--today DATA] [--piao N --piao-date DATA] [--paid N --paid-date DATA] [--due PASSO=DATA]",
    long_about = "Il ciclo della performance dell'anno: piano preparato e approvato, PIAO adottato, monitoraggi,\nvariazioni (entro il 15 dicembre), risultati, Relazione approvata e validata dal Nucleo,\nvalutazioni, conciliazione, pagamento. Per ogni passo: fatto (con data e atto), da fare (con la\nscadenza: quella dell'ente o quella della legge), in ritardo, non previsto. Prima i passi in\nritardo e quelli in scadenza nei prossimi 30 giorni. Esce con 1 se qualcosa è in ritardo.\n--piao e --paid registrano l'adozione del PIAO e la determina di liquidazione; --due PASSO=DATA\nfissa una scadenza dell'ente (PASSO: approvazione, piao, monitoraggio-1, monitoraggio-2,\nvariazioni, risultati, relazione, validazione, valutazione, pagamento; DATA vuota: quella della legge)."
)]
pub struct Ciclo {
    /// il codice del piano (vedi «piano plans»)
    #[arg(value_name = "PIANO", help_heading = "Argomenti")]
    plan: String,
    /// l'anno, es. 2020 (altrimenti l'anno in corso, dentro gli anni del piano)
    #[arg(long, value_name = "ANNO", help_heading = "Opzioni")]
    year: Option<i32>,
    /// legge il ciclo come se oggi fosse questa data, es. 15/10/2020
    #[arg(long, value_name = "DATA", help_heading = "Opzioni")]
    today: Option<String>,
    /// registra l'adozione del PIAO: il numero della deliberazione (vuoto: la toglie)
    #[arg(long, value_name = "NUMERO", help_heading = "Atti")]
    piao: Option<String>,
    /// la data della deliberazione di adozione del PIAO
    #[arg(long, value_name = "DATA", help_heading = "Atti")]
    piao_date: Option<String>,
    /// registra la determina di liquidazione della retribuzione di risultato: il numero
    #[arg(long, value_name = "NUMERO", help_heading = "Atti")]
    paid: Option<String>,
    /// la data della determina di liquidazione
    #[arg(long, value_name = "DATA", help_heading = "Atti")]
    paid_date: Option<String>,
    /// una scadenza dell'ente, es. --due monitoraggio-2=31/10/2020 (ripetibile)
    #[arg(long, value_name = "PASSO=DATA", help_heading = "Scadenze")]
    due: Vec<String>,
}

pub fn ciclo(ctx: &Context, c: Ciclo) -> Result<u8, Failure> {
    let mut store = ctx.open()?;
    let id = plan_id(&c.plan)?;
    let today = match &c.today {
        Some(t) => piano::domain::monitoring::parse_date(t)?,
        None => chrono::Local::now().date_naive(),
    };
    let year = store.cycle(id, c.year, today)?.year;
    if c.piao.is_some() {
        let act = super::act_input(&None, &c.piao, &c.piao_date);
        store.record_cycle_act(id, year, "piao", &act)?;
        super::backup::tell_copies(&mut store);
    }
    if c.paid.is_some() {
        let act = super::act_input(&None, &c.paid, &c.paid_date);
        store.record_cycle_act(id, year, "pagamento", &act)?;
        super::backup::tell_copies(&mut store);
    }
    for d in &c.due {
        let (step, date) = d.split_once('=').ok_or_else(|| {
            super::usage(format!(
                "«{d}»: scrivi la scadenza come PASSO=DATA, es. --due monitoraggio-2=31/10/{year}."
            ))
        })?;
        store.set_cycle_deadline(id, year, step.trim(), date)?;
    }
    let cy = store.cycle(id, Some(year), today)?;
    println!(
        "{} – ciclo dell'anno {} al {}",
        cy.title,
        cy.year,
        today.format("%d/%m/%Y")
    );
    if !cy.urgent.is_empty() {
        println!("Da guardare subito:");
        for key in &cy.urgent {
            if let Some(s) = cy.steps.iter().find(|s| &s.key == key) {
                println!("  {} – {}", s.title, when(s));
            }
        }
    }
    for s in &cy.steps {
        let mut line = format!("[{}]\t{}", s.status.label(), s.title);
        let w = when(s);
        if !w.is_empty() {
            line.push_str(&format!(" – {w}"));
        }
        if !s.note.is_empty() {
            line.push_str(&format!(" ({})", s.note));
        }
        println!("{line}");
        println!("\t{}", s.law);
    }
    let late = cy.late();
    if late > 0 {
        eprintln!(
            "{late} {} in ritardo.",
            if late == 1 { "passo" } else { "passi" }
        );
        return Ok(exit::INVALID);
    }
    Ok(exit::OK)
}

/// «fatto il 15/02/2020, Giunta dell'Unione n. 12 del 15/02/2020», «scadenza 30/09/2020».
fn when(s: &piano::domain::cycle::Step) -> String {
    match s.status {
        Status::Done => {
            let mut t = String::new();
            if let Some(d) = s.done_on {
                t = format!("fatto il {}", d.format("%d/%m/%Y"));
            }
            if !s.act.is_empty() {
                if !t.is_empty() {
                    t.push_str(", ");
                }
                t.push_str(&s.act);
            }
            t
        }
        _ => match s.due {
            Some(d) if s.due_set => format!("scadenza dell'ente {}", d.format("%d/%m/%Y")),
            Some(d) => format!("scadenza {}", d.format("%d/%m/%Y")),
            None => String::new(),
        },
    }
}
