//! The change annex as a CSV sheet (the PDF is `pdf::changes`).

use piano_domain::changes::{pct, Changes};
use piano_domain::error::{Error, Result};

/// The changes as a CSV sheet (UTF-8 with BOM, «;»), one line per change.
pub fn to_csv(changes: &Changes) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let io = |e: csv::Error| Error::SheetFormat(e.to_string());
    w.write_record([
        "Area",
        "Periodo",
        "Modifica",
        "Servizio organizzativo",
        "Obiettivo",
        "Campo",
        "Prima",
        "Dopo",
    ])
    .map_err(io)?;
    for c in &changes.cells {
        for r in &c.rows {
            w.write_record([
                c.area.as_str(),
                &c.period,
                r.kind.italian(),
                &r.service,
                &r.description,
                "Peso",
                &pct(r.before),
                &pct(r.after),
            ])
            .map_err(io)?;
        }
        w.write_record([
            c.area.as_str(),
            &c.period,
            "Totale",
            "",
            "",
            "Totale dei pesi",
            &pct(Some(c.total_before)),
            &pct(Some(c.total_after)),
        ])
        .map_err(io)?;
    }
    for t in &changes.texts {
        for f in &t.fields {
            w.write_record([
                t.areas.join(", ").as_str(),
                &t.periods.join(", "),
                "Testo modificato",
                &t.service,
                &t.description,
                f.field,
                &f.before,
                &f.after,
            ])
            .map_err(io)?;
        }
    }
    w.into_inner()
        .map_err(|e| Error::SheetFormat(e.to_string()))
}
